"""Map TikTok's (code, message, HTTP status) to an error class.

TikTok reports errors in the body, often with HTTP 200, so the code is looked at first and the
status second. Two codes mean different things depending on the message and are classified on
it: 36009004 (a missing sign, a bad token, app_key or timestamp, and also any invalid
parameter) and 21021010 (an after-sale request, or a shipment TikTok cannot make).
Endpoint-specific codes come from TikTok's API reference (:mod:`.error_codes`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

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
from . import error_codes

__all__ = ["CODE_CLASSES", "MESSAGE_RULES", "classify", "is_documented"]

_COMMON: dict[int, type[APIError]] = {
    # guides/developer-guide/tiktok-shop-api-concepts/common-errors.md
    36009002: RateLimitError,
    36009003: ServerError,
    36009007: ServerError,
    36009009: NotFoundError,  # "Invalid path": no such endpoint (HTTP 404)
    36009010: InvalidRequestError,
    36009021: InvalidRequestError,
    36009022: InvalidRequestError,
    36009023: InvalidRequestError,
    36009033: IPNotAllowedError,
    101000: ShopMismatchError,
    105002: TokenExpiredError,
    105005: ScopeError,
    106001: SignatureError,
    106013: ShopCipherError,
    # guides/.../authorization/creator-authorization-guide.md: "{105001 access token is
    # invalid; detail:your token has been deauthorized }" once the owner removed all access
    # (the same token system as a seller's; the seller pages do not list the code).
    105001: InvalidTokenError,
    # guides/.../versioning: "The version name is invalid" (no such version of the path)
    36009014: NotFoundError,
    # OAuth token endpoints (not in the snapshot; codes seen from third-party clients)
    36004001: InvalidTokenError,
    36004004: AuthorizationCodeError,
    36004005: InvalidTokenError,
}

_TABLES: tuple[tuple[frozenset[int], type[APIError]], ...] = (
    (error_codes.SERVER, ServerError),
    (error_codes.PERMISSION_DENIED, PermissionDeniedError),
    (error_codes.REGION_NOT_SUPPORTED, RegionNotSupportedError),
    (error_codes.NOT_FOUND, NotFoundError),
    (error_codes.CONFLICT, ConflictError),
    (error_codes.INVALID_REQUEST, InvalidRequestError),
    (error_codes.BUSINESS, BusinessError),
)

#: Codes that mean one thing whatever the message says.
CODE_CLASSES: Mapping[int, type[APIError]] = {
    **{code: cls for codes, cls in _TABLES for code in codes},
    **_COMMON,
}

# Patterns as text: ``re`` compiles (and caches) one when an error first needs it, not when the
# client is imported.
_Rules = tuple[tuple[str, type[APIError]], ...]

# 36009004, by the messages of common-errors.md. Its "Authentication errors" each name the
# credential; its "Parameter errors" name an identifier or the version, and live replies use it
# for any bad parameter ("param body.address is missing", EcomPHP/tiktokshop-php issue #27).
# A parameter message is checked first so a field named like a credential cannot misfire.
_36009004: _Rules = (
    (r"^\s*(?:invalid )?param", InvalidRequestError),
    (r"\baccess[-_ ]token\b", InvalidTokenError),
    (r"\bapp[-_ ]key\b", InvalidAppKeyError),
    (r"invalid timestamp|\btimestamp\W+query parameter", TimestampError),
    # A wrong app secret: a bad sign on the API host, the secret itself on the auth host.
    (r"\bapp[-_ ]secret\b|\bsign(?:ature)?\b", SignatureError),
    (r"\bshop_cipher\b|\bshop_id\b", ShopCipherError),
    (r"\bcredentials?\b", AuthenticationError),
)

#: Codes classified on their message: the rules in order, then the class when none matches.
#: An unrecognised 36009004 is an :class:`InvalidRequestError`, never an authentication
#: failure: every documented authentication message names its credential (matched above), and
#: a wrong guess the other way would refresh tokens or page an operator over a typo.
MESSAGE_RULES: Mapping[int, tuple[_Rules, type[APIError]]] = {
    36009004: (_36009004, InvalidRequestError),
    # ship-package / mark-package-as-shipped: "Failed to ship. You may cancel the order without
    # penalty..."; get-package-shipping-document: "Package item has after-sale request...".
    21021010: (((r"after-?sale", ConflictError),), BusinessError),
}

_STATUS_CLASSES: dict[int, type[APIError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def is_documented(code: int) -> bool:
    """Whether ``code`` has a class of its own (else the HTTP status decides)."""
    return code in CODE_CLASSES or code in MESSAGE_RULES


def classify(code: int | None, message: str, http_status: int) -> type[APIError]:
    """The error class for a TikTok error reply."""
    if code is not None and code in MESSAGE_RULES:
        rules, default = MESSAGE_RULES[code]
        text = message.lower()
        for pattern, cls in rules:
            if re.search(pattern, text):
                return cls
        return default
    if code is not None and code in CODE_CLASSES:
        return CODE_CLASSES[code]
    if http_status >= 500:
        return ServerError
    if http_status in _STATUS_CLASSES:
        return _STATUS_CLASSES[http_status]
    return BusinessError
