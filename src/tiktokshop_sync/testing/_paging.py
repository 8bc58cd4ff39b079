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
from typing import Any

__all__ = ["decode_page_token", "encode_page_token"]

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
