"""Opaque cursor page tokens that always contain ``+``, ``/`` and ``=``.

TikTok's real tokens are standard base64 (doc example ``…pmq/N5M1…+7D1ud…``). Ours are
guaranteed to hold all three awkward characters, so a client that fails to percent-encode
``page_token`` breaks here exactly as it would against TikTok.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from tiktokshop_sync.testing._errors import ErrorSpec, ParameterError

__all__ = ["PageTokens", "decode_page_token", "encode_page_token", "keyset_page"]

T = TypeVar("T")

# 0xFB 0xFF encode to "+/": every token starts with them.
_MAGIC = b"\xfb\xff"
_MAC_LEN = 6


def _keystream(key: bytes, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(key + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def _xor(data: bytes, key: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, _keystream(key, len(data)), strict=True))


def encode_page_token(cursor: dict[str, Any], key: bytes) -> str:
    """A token for ``cursor`` (a small JSON-able dict), tamper-evident under ``key``."""
    payload = json.dumps(cursor, separators=(",", ":"), sort_keys=True).encode()
    # Make the total length ≢ 0 (mod 3) so base64 ends in "=" padding.
    while (len(_MAGIC) + _MAC_LEN + len(payload)) % 3 == 0:
        payload += b" "
    mac = hmac.new(key, payload, hashlib.sha256).digest()[:_MAC_LEN]
    return base64.b64encode(_MAGIC + mac + _xor(payload, key)).decode("ascii")


def decode_page_token(token: str, key: bytes) -> dict[str, Any] | None:
    """The cursor inside ``token``, or None if it is not a token this fake issued."""
    try:
        raw = base64.b64decode(token.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    if not raw.startswith(_MAGIC) or len(raw) <= len(_MAGIC) + _MAC_LEN:
        return None
    mac, body = raw[len(_MAGIC) : len(_MAGIC) + _MAC_LEN], raw[len(_MAGIC) + _MAC_LEN :]
    payload = _xor(body, key)
    if not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()[:_MAC_LEN]):
        return None
    try:
        cursor = json.loads(payload)
    except ValueError:
        return None
    return cursor if isinstance(cursor, dict) else None


class PageTokens:
    """The fake's page tokens, under one key per fake (its seed and app key)."""

    def __init__(self, seed: int, app_key: str) -> None:
        self._key = hashlib.sha256(f"page-token/{seed}/{app_key}".encode()).digest()

    def encode(self, cursor: dict[str, Any]) -> str:
        """A token for ``cursor``."""
        return encode_page_token(cursor, self._key)

    def decode(self, token: str) -> dict[str, Any] | None:
        """The cursor inside ``token``, or None if this fake did not issue it."""
        return decode_page_token(token, self._key)


def keyset_page(
    found: Sequence[T],
    key: Callable[[T], tuple[int, str]],
    *,
    tokens: PageTokens,
    token: str,
    size: int,
    tag: str,
    descending: bool,
    cap: int | None = None,
    cap_error: ErrorSpec | None = None,
) -> tuple[list[T], str]:
    """One page of ``found`` (already sorted by ``key``) after ``token``, and the next token.

    Keyset tokens stay correct while records are added or changed between pages; ``tag`` ties
    a token to its endpoint and sort so it cannot be replayed elsewhere.
    """
    remaining = list(found)
    seen = 0
    if token:
        cursor = tokens.decode(token)
        if cursor is None or cursor.get("t") != tag:
            raise ParameterError("page_token")
        last = (int(cursor["v"]), str(cursor["i"]))
        seen = int(cursor.get("n", 0))
        if descending:
            remaining = [r for r in remaining if key(r) < last]
        else:
            remaining = [r for r in remaining if key(r) > last]
        if cap is not None and seen >= cap:
            raise cap_error.error("page_token") if cap_error else ParameterError("page_token")
    page = remaining[:size]
    next_token = ""
    if len(remaining) > size:
        value, last_id = key(page[-1])
        next_token = tokens.encode({"t": tag, "v": value, "i": last_id, "n": seen + len(page)})
    return page, next_token
