"""From a RequestSpec to the signed ``httpx.Request`` on the wire, and network failures.

The only module that turns specs into ``httpx.Request`` objects; replies are read by
:mod:`~tiktokshop_sync._core.envelope`.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import quote

import httpx

from .._config import ClientConfig
from .._exceptions import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
)
from .._version import __version__
from .request import Host, QueryValue, RequestSpec
from .signing import sign

__all__ = [
    "build_request",
    "encode_body",
    "has_body",
    "transport_error",
    "user_agent",
]

T = TypeVar("T")
D = TypeVar("D")


@functools.cache
def user_agent() -> str:
    """The User-Agent this SDK sends."""
    return f"tiktokshop-sync/{__version__} (+python httpx/{httpx.__version__})"


@functools.lru_cache(maxsize=16)
def _timeout(total: float | None, connect: float | None) -> dict[str, float | None]:
    return httpx.Timeout(total, connect=connect).as_dict()


_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")


def _encode(text: str) -> str:
    """``text`` fully percent-encoded (RFC 3986 unreserved characters kept)."""
    return text if _UNRESERVED.fullmatch(text) else quote(text, safe="")


def _query_text(value: QueryValue) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("datetimes sent to TikTok must be timezone-aware")
        return str(int(value.timestamp()))
    if isinstance(value, int | str):
        return str(value)
    # Array parameters go out comma-joined as one value, as in TikTok's Get Order Detail example.
    return ",".join(str(v) for v in value)


@functools.lru_cache(maxsize=256)
def _endpoint_url(url: str) -> httpx.URL:
    """An endpoint's URL without its query, parsed by httpx once."""
    return httpx.URL(url)


def _url(base: str, path: str, query: str) -> httpx.URL:
    """``base + path + "?" + query`` as an ``httpx.URL``, without httpx parsing it again.

    httpx checks every character of a URL string it is given (about 30 µs of CPU for a
    signed search URL with its page token, every call). ``query`` holds only unreserved
    characters, ``%XX``, ``=`` and ``&`` (:func:`_encode`), which httpx keeps as they are, so
    it is set on the endpoint's parsed URL instead; tests check the result equals httpx's own
    parse. An httpx without that parsed form (a private NamedTuple) gets the string.
    """
    endpoint = _endpoint_url(base + path)
    if not query:
        return endpoint
    parsed: Any = getattr(endpoint, "_uri_reference", None)
    if not hasattr(parsed, "_replace") or (parsed.query, parsed.fragment) != (None, None):
        return httpx.URL(f"{base}{path}?{query}")
    url = httpx.URL.__new__(httpx.URL)
    url._uri_reference = parsed._replace(query=query)
    return url


def has_body(payload: Any) -> bool:
    """Whether ``payload`` is sent at all: None and an empty object are not.

    TikTok's official Node SDK signs the body only when it is a non-empty object
    (``Object.keys(body).length``, in its ``generate-sign`` and the Node sample of
    tiktok-spec ``guides/.../sign-your-api-request.md``), while the Go and Java samples sign the
    raw bytes. Sending no body for an empty object makes both readings sign the same string.
    """
    return payload is not None and not (isinstance(payload, Mapping) and not payload)


def encode_body(payload: Any) -> bytes:
    """JSON serialised once, compactly, as UTF-8: these exact bytes are signed and sent."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def build_request(
    spec: RequestSpec[Any],
    *,
    config: ClientConfig,
    now: datetime,
    access_token: str | None = None,
    shop_cipher: str | None = None,
) -> httpx.Request:
    """A signed, ready-to-send request for ``spec``, stamped with ``now``."""
    base = config.base_url if spec.host is Host.API else config.auth_base_url
    pairs: list[tuple[str, str]] = []
    for key, value in spec.query.items():
        text = _query_text(value)
        if text is not None:
            pairs.append((key, text))
    if spec.signed:
        pairs.append(("app_key", config.app_key))
        if spec.cipher.value == "required":
            if not shop_cipher:
                raise ConfigurationError(
                    f"{spec.method} {spec.path} is a shop endpoint: call it on a shop view, "
                    "client.shop(shop_cipher, grant=open_id)."
                )
            pairs.append(("shop_cipher", shop_cipher))
        pairs.append(("timestamp", str(int(now.timestamp()))))

    headers = {"user-agent": user_agent(), "accept": "application/json"}
    content: bytes = b""
    if spec.files:
        files = [(f.field, (f.filename, f.content, f.content_type)) for f in spec.files]
        encoded = httpx.Request("POST", base, data=dict(spec.form or {}), files=files)
        content = encoded.read()
        headers["content-type"] = encoded.headers["content-type"]
    else:
        headers["content-type"] = "application/json"
        if has_body(spec.json):
            content = encode_body(spec.json)

    if spec.signed:
        signature = sign(
            path=spec.path,
            query=pairs,
            body=content,
            content_type=headers["content-type"],
            app_secret=config.app_secret,
        )
        pairs.append(("sign", signature))
    if access_token is not None:
        headers["x-tts-access-token"] = access_token

    # Values are signed decoded and sent fully percent-encoded: a page_token's '+' must not
    # reach TikTok as a space.
    query = "&".join(f"{_encode(k)}={_encode(v)}" for k, v in pairs)
    return httpx.Request(
        spec.method,
        _url(base, spec.path, query),
        headers=headers,
        content=content or None,
        extensions={"timeout": dict(_timeout(config.timeout, config.connect_timeout))},
    )


def transport_error(
    exc: httpx.TransportError, request: httpx.Request, spec: RequestSpec[Any] | None = None
) -> APIConnectionError:
    """Our error for a network failure; a write that reached TikTok may have been applied."""
    method, path = request.method, request.url.path
    not_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    where: dict[str, Any] = {
        "method": method,
        "path": path,
        "request_sent": not not_sent,
        "read_back": spec.read_back if spec is not None else None,
        "idempotent": spec.idempotent if spec is not None else False,
    }
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"TikTok did not answer in time ({type(exc).__name__})", **where)
    return APIConnectionError(f"Could not reach TikTok ({type(exc).__name__}: {exc})", **where)
