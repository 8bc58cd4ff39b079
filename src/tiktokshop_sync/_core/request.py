"""RequestSpec: what an endpoint call is, independent of any HTTP library.

Resources build specs; the core turns a spec into a signed HTTP request, sends it, and parses
the reply with the spec's ``parse`` function.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

import attrs

__all__ = ["Cipher", "Host", "QueryValue", "RequestSpec", "Upload"]

T = TypeVar("T")

QueryValue = str | int | bool | datetime | Sequence[str] | None


class Cipher(enum.Enum):
    """Whether an endpoint takes the ``shop_cipher`` query parameter."""

    REQUIRED = "required"
    FORBIDDEN = "forbidden"


class Host(enum.Enum):
    """Which TikTok host serves an endpoint."""

    API = "api"
    AUTH = "auth"


@attrs.frozen(kw_only=True)
class Upload:
    """A file for a multipart request (the body is then left out of the signature)."""

    field: str
    filename: str
    content: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")
    content_type: str = "application/octet-stream"


def _identity(data: Any) -> Any:
    return data


@attrs.frozen(kw_only=True)
class RequestSpec(Generic[T]):
    """One API call: method, versioned path, query, JSON body and how to read the reply.

    ``idempotent`` says whether repeating the call is harmless (GETs and search POSTs are;
    shipping a package is not): only idempotent calls are retried after they may have been sent.
    ``read_back`` is set on every write: the SDK call that shows whether it was applied, named
    by the error when TikTok's reply is lost after the request reached it.
    ``parse_reply``, when set, reads a whole successful reply's bytes straight into the result
    and its ``request_id`` (no intermediate dicts), or returns None to leave the reply to the
    envelope and ``parse``; it must give what they give.
    """

    method: str
    path: str
    query: Mapping[str, QueryValue] = attrs.field(factory=dict)
    json: Any = None
    form: Mapping[str, str] | None = None
    files: Sequence[Upload] = ()
    cipher: Cipher = Cipher.REQUIRED
    host: Host = Host.API
    signed: bool = True
    authenticated: bool = True
    idempotent: bool = False
    read_back: str | None = None
    scope: str | None = None
    parse: Callable[[Any], T] = attrs.field(default=_identity)
    parse_reply: Callable[[bytes], tuple[T, str | None] | None] | None = attrs.field(
        default=None, repr=False
    )

    @property
    def writes(self) -> bool:
        """Whether the call changes something on TikTok (it names how to read it back)."""
        return self.read_back is not None

    @property
    def is_multipart(self) -> bool:
        """Whether the body is multipart/form-data."""
        return bool(self.files)
