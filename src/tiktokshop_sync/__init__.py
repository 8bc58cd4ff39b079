"""tiktokshop-sync: a typed TikTok Shop Partner API client, Japanese OMS rules and sync workflows.

Names are imported lazily on first use, so ``import tiktokshop_sync`` stays fast and a webhook
receiver that only needs :mod:`tiktokshop_sync.webhooks` never loads the HTTP client.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._client import (
        AsyncSellerClient,
        AsyncShopClient,
        AsyncTikTokShop,
        CallOptions,
        SellerClient,
        ShopClient,
        TikTokShop,
    )
    from ._config import ClientConfig
    from ._core.clock import Clock, SystemClock
    from ._core.logs import RedactingFilter, install_redaction, redact, setup_logging
    from ._core.models import strict_models
    from ._core.pagination import AsyncPager, Page, SyncPager
    from ._core.ratelimit import RateLimit, RateLimitStore, SQLiteRateLimiter
    from ._core.retry import RetryPolicy
    from ._core.signing import sign, string_to_sign
    from ._core.tokens import (
        InMemoryTokenStore,
        RefreshClaim,
        RefreshLeases,
        SQLiteTokenStore,
        TokenSet,
        TokenStore,
    )
    from ._exceptions import (
        AlreadyRunningError,
        APIConnectionError,
        APIError,
        APITimeoutError,
        AuthenticationError,
        AuthorizationCodeError,
        BusinessError,
        ConfigurationError,
        ConflictError,
        InvalidAppKeyError,
        InvalidArgumentError,
        InvalidRequestError,
        InvalidTokenError,
        IPNotAllowedError,
        MalformedResponseError,
        NotAuthorizedError,
        NotFoundError,
        PaginationError,
        PermissionDeniedError,
        RateLimitError,
        ReauthorizationRequiredError,
        RegionNotSupportedError,
        ResponseValidationError,
        ScopeError,
        SearchLimitError,
        ServerError,
        ShopCipherError,
        ShopMismatchError,
        SignatureError,
        StoreError,
        TikTokShopError,
        TimestampError,
        TokenExpiredError,
    )

_EXPORTS: dict[str, str] = {
    "TikTokShop": "._client",
    "AsyncTikTokShop": "._client",
    "SellerClient": "._client",
    "AsyncSellerClient": "._client",
    "ShopClient": "._client",
    "AsyncShopClient": "._client",
    "CallOptions": "._client",
    "ClientConfig": "._config",
    "Clock": "._core.clock",
    "SystemClock": "._core.clock",
    "RedactingFilter": "._core.logs",
    "install_redaction": "._core.logs",
    "redact": "._core.logs",
    "setup_logging": "._core.logs",
    "Page": "._core.pagination",
    "SyncPager": "._core.pagination",
    "AsyncPager": "._core.pagination",
    "RetryPolicy": "._core.retry",
    "RateLimit": "._core.ratelimit",
    "RateLimitStore": "._core.ratelimit",
    "SQLiteRateLimiter": "._core.ratelimit",
    "sign": "._core.signing",
    "string_to_sign": "._core.signing",
    "TokenSet": "._core.tokens",
    "TokenStore": "._core.tokens",
    "InMemoryTokenStore": "._core.tokens",
    "SQLiteTokenStore": "._core.tokens",
    "RefreshClaim": "._core.tokens",
    "RefreshLeases": "._core.tokens",
    "strict_models": "._core.models",
}
_ERRORS = (
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AlreadyRunningError",
    "AuthenticationError",
    "AuthorizationCodeError",
    "BusinessError",
    "ConfigurationError",
    "ConflictError",
    "IPNotAllowedError",
    "InvalidAppKeyError",
    "InvalidArgumentError",
    "InvalidRequestError",
    "InvalidTokenError",
    "MalformedResponseError",
    "NotAuthorizedError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReauthorizationRequiredError",
    "RegionNotSupportedError",
    "ResponseValidationError",
    "ScopeError",
    "SearchLimitError",
    "ServerError",
    "ShopCipherError",
    "ShopMismatchError",
    "SignatureError",
    "StoreError",
    "TikTokShopError",
    "TimestampError",
    "TokenExpiredError",
)
_EXPORTS.update(dict.fromkeys(_ERRORS, "._exceptions"))

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AlreadyRunningError",
    "AsyncPager",
    "AsyncSellerClient",
    "AsyncShopClient",
    "AsyncTikTokShop",
    "AuthenticationError",
    "AuthorizationCodeError",
    "BusinessError",
    "CallOptions",
    "ClientConfig",
    "Clock",
    "ConfigurationError",
    "ConflictError",
    "IPNotAllowedError",
    "InMemoryTokenStore",
    "InvalidAppKeyError",
    "InvalidArgumentError",
    "InvalidRequestError",
    "InvalidTokenError",
    "MalformedResponseError",
    "NotAuthorizedError",
    "NotFoundError",
    "Page",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "RateLimitStore",
    "ReauthorizationRequiredError",
    "RedactingFilter",
    "RefreshClaim",
    "RefreshLeases",
    "RegionNotSupportedError",
    "ResponseValidationError",
    "RetryPolicy",
    "SQLiteRateLimiter",
    "SQLiteTokenStore",
    "ScopeError",
    "SearchLimitError",
    "SellerClient",
    "ServerError",
    "ShopCipherError",
    "ShopClient",
    "ShopMismatchError",
    "SignatureError",
    "StoreError",
    "SyncPager",
    "SystemClock",
    "TikTokShop",
    "TikTokShopError",
    "TimestampError",
    "TokenExpiredError",
    "TokenSet",
    "TokenStore",
    "__version__",
    "install_redaction",
    "redact",
    "setup_logging",
    "sign",
    "strict_models",
    "string_to_sign",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tiktokshop_sync' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
