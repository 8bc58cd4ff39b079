"""Transport-neutral request and reply values shared by the httpx transport and the server."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal
from urllib.parse import parse_qsl

from attrs import field, frozen

__all__ = ["Dropped", "Outcome", "RawRequest", "RawResponse", "decode_query"]


def decode_query(raw_query: str) -> dict[str, str]:
    """Decoded query values, first value per key, as Go's ``req.URL.Query().Get`` sees them.

    Like every form decoder, an unencoded ``+`` becomes a space: a client that forgets to
    percent-encode a page token signs a different string than the server verifies.
    """
    decoded: dict[str, str] = {}
    for key, value in parse_qsl(raw_query, keep_blank_values=True):
        decoded.setdefault(key, value)
    return decoded


@frozen(kw_only=True)
class RawRequest:
    """One HTTP request as received: header names lower-case, body as the raw bytes."""

    method: str
    host: str
    path: str
    raw_query: str
    headers: Mapping[str, str]
    body: bytes = b""
    query: dict[str, str] = field(init=False)

    @query.default
    def _decode(self) -> dict[str, str]:
        return decode_query(self.raw_query)


@frozen(kw_only=True)
class RawResponse:
    """One HTTP reply to write back."""

    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = (("content-type", "application/json"),)


@frozen
class Dropped:
    """No reply at all: ``timeout`` (the request was processed, the reply lost) or
    ``connect_error`` (the request never reached the server)."""

    kind: Literal["timeout", "connect_error"]


Outcome = RawResponse | Dropped
