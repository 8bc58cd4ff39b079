"""TikTok Shop request signing (HMAC-SHA256), as a pure function with no I/O.

The algorithm is documented on Partner Center's "Sign your API request" page: the path, then
every query parameter but ``sign`` and ``access_token`` as ``key+value`` sorted by key, then the
raw body unless the request is ``multipart/form-data``, all wrapped in the app secret.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping

# What tiktokshop_sync publishes from here (it re-exports this list); the helpers the other
# modules import are left out.
__all__ = ["sign", "string_to_sign"]

#: Query parameters that are never part of the signed string.
EXCLUDED_PARAMS = frozenset({"sign", "access_token"})

QueryParams = Mapping[str, str] | Iterable[tuple[str, str]]


def is_multipart(content_type: str | None) -> bool:
    """Whether a Content-Type header names ``multipart/form-data``, in any letter case."""
    if not content_type:
        return False
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "multipart/form-data"


def _pairs(query: QueryParams) -> list[tuple[str, str]]:
    items = query.items() if isinstance(query, Mapping) else query
    return [(str(k), str(v)) for k, v in items]


def string_to_sign(
    *,
    path: str,
    query: QueryParams,
    body: bytes | str | None = None,
    content_type: str | None = None,
    app_secret: str,
) -> str:
    """The exact string that is HMAC'd, secret-wrapped (useful when a signature is rejected).

    ``query`` holds *decoded* values, as the server sees them after URL-decoding.
    ``body`` must be the exact bytes that go on the wire.
    """
    # Stable sort on the key only: a repeated key keeps the caller's order, as TikTok's samples do.
    pairs = sorted(
        (kv for kv in _pairs(query) if kv[0] not in EXCLUDED_PARAMS), key=lambda kv: kv[0]
    )
    parts = [path, *(k + v for k, v in pairs)]
    if body and not is_multipart(content_type):
        parts.append(body.decode("utf-8") if isinstance(body, bytes) else body)
    return app_secret + "".join(parts) + app_secret


def sign(
    *,
    path: str,
    query: QueryParams,
    body: bytes | str | None = None,
    content_type: str | None = None,
    app_secret: str,
) -> str:
    """The lowercase hex ``sign`` query parameter for a request."""
    message = string_to_sign(
        path=path, query=query, body=body, content_type=content_type, app_secret=app_secret
    )
    return hmac.new(app_secret.encode(), message.encode("utf-8"), hashlib.sha256).hexdigest()
