"""Map TikTok's (code, message, HTTP status) to an error class.

TikTok reports errors in the body, often with HTTP 200, and reuses code 36009004 for about a
dozen different failures, so the code and message are looked at first and the status second.
"""

from __future__ import annotations

from .._exceptions import (
    APIError,
    AuthenticationError,
    AuthorizationCodeError,
    BusinessError,
    ConflictError,
    InvalidAppKeyError,
    InvalidRequestError,
    InvalidTokenError,
    IPNotAllowedError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RegionNotSupportedError,
    ScopeError,
    ServerError,
    ShopCipherError,
    ShopMismatchError,
    SignatureError,
    TimestampError,
    TokenExpiredError,
)

__all__ = ["CODE_CLASSES", "classify"]

#: Codes that mean one thing whatever the message says.
CODE_CLASSES: dict[int, type[APIError]] = {
    105002: TokenExpiredError,
    106001: SignatureError,
    106013: ShopCipherError,
    105005: ScopeError,
    101000: ShopMismatchError,
    36009033: IPNotAllowedError,
    21008106: RegionNotSupportedError,
    36009002: RateLimitError,
    36009003: ServerError,
    36009007: ServerError,
    36009009: NotFoundError,
    36009010: InvalidRequestError,
    36009014: NotFoundError,
    36009021: InvalidRequestError,
    36009022: InvalidRequestError,
    36009023: InvalidRequestError,
    # OAuth token endpoint.
    36004004: AuthorizationCodeError,
    36004001: InvalidTokenError,
    36004005: InvalidTokenError,
    # Order / package / product lookups.
    21008111: NotFoundError,
    12052032: NotFoundError,
    12019150: NotFoundError,
    12052260: NotFoundError,
    12052556: NotFoundError,
    12052097: NotFoundError,
    # Already done, or a conflicting state.
    21011040: ConflictError,
    21008099: ConflictError,
    11006021: ConflictError,
    21011025: ConflictError,
    21034012: ConflictError,
    21011051: ConflictError,
    21011041: ConflictError,
    21011043: ConflictError,
    21011050: ConflictError,
    # Malformed parameters.
    11001002: InvalidRequestError,
    11050001: InvalidRequestError,
    21001001: InvalidRequestError,
    12019109: InvalidRequestError,
    12052910: InvalidRequestError,
    25001001: InvalidRequestError,
    21011022: InvalidRequestError,
    21004012: InvalidRequestError,
    21004015: InvalidRequestError,
    12052180: InvalidRequestError,
}

_STATUS_CLASSES: dict[int, type[APIError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def _classify_36009004(message: str) -> type[APIError]:
    text = message.lower()
    if "access_token" in text or "x-tts-access-token" in text:
        return InvalidTokenError
    if "app_key" in text:
        return InvalidAppKeyError
    if "timestamp" in text:
        return TimestampError
    if "identifier" in text or "shop_cipher" in text or "shop_id" in text:
        return ShopCipherError
    if "app_secret" in text or "sign" in text:
        # A wrong app secret: a bad sign on the API host, the secret itself on the auth host.
        return SignatureError
    if "version" in text:
        return NotFoundError
    return AuthenticationError


def classify(code: int | None, message: str, http_status: int) -> type[APIError]:
    """The error class for a TikTok error reply."""
    if code == 36009004:
        return _classify_36009004(message)
    if code is not None and code in CODE_CLASSES:
        return CODE_CLASSES[code]
    if http_status >= 500:
        return ServerError
    if http_status in _STATUS_CLASSES:
        return _STATUS_CLASSES[http_status]
    return BusinessError
