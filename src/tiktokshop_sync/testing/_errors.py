"""TikTok's error codes, verbatim messages and HTTP statuses (reference §4.2/§4.3).

Statuses marked [inferred] are not documented anywhere; they are our best guess and are kept
here, in one table, so they are easy to correct.
"""

from __future__ import annotations

from attrs import frozen

__all__ = [
    "APP_KEY_INVALID",
    "APP_SECRET_INVALID",
    "AUTH_CODE_INVALID",
    "BODY_FORMAT_INVALID",
    "GRANT_TYPE_INVALID",
    "INTERNAL_ERROR",
    "INVALID_METHOD",
    "INVALID_PATH",
    "INVALID_VERSION",
    "ORDER_NOT_OWNED",
    "RATE_LIMITED",
    "REFRESH_TOKEN_EXPIRED",
    "REFRESH_TOKEN_UNKNOWN",
    "SCOPE_DENIED",
    "SHOP_CIPHER_MISMATCH",
    "SHOP_CIPHER_MISSING",
    "SHOP_CIPHER_UNEXPECTED",
    "SIGN_INVALID",
    "SIGN_MISSING",
    "TIMESTAMP_NEGATIVE",
    "TIMESTAMP_TOO_NEW",
    "TIMESTAMP_TOO_OLD",
    "TOKEN_EXPIRED",
    "TOKEN_INVALID",
    "ApiError",
    "ErrorSpec",
    "invalid_parameter",
]


class ApiError(Exception):
    """Raised inside the fake to answer with a TikTok error envelope."""

    def __init__(
        self,
        code: int,
        message: str,
        http_status: int = 200,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
        self.http_status = http_status
        self.headers = headers


@frozen
class ErrorSpec:
    """One TikTok error: its code, message and the HTTP status it arrives with."""

    code: int
    message: str
    http_status: int = 200

    def error(self) -> ApiError:
        """An exception carrying this error."""
        return ApiError(self.code, self.message, self.http_status)


# --- gateway (reference §4.2 messages, §4.3 statuses) ------------------------------------------
INVALID_PATH = ErrorSpec(
    36009009, "Invalid path. The specified path does not match any available endpoint.", 404
)
INVALID_METHOD = ErrorSpec(  # HTTP status [inferred]
    36009010, "Invalid method. The HTTP method used is not supported by this endpoint.", 405
)
INVALID_VERSION = ErrorSpec(  # HTTP status [inferred]
    36009014, "The version name is invalid, please check and retry.", 404
)
APP_KEY_INVALID = ErrorSpec(
    36009004, "Invalid credentials. Invalid `app_key` query parameter.", 400
)
TIMESTAMP_NEGATIVE = ErrorSpec(  # HTTP status [inferred]
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.",
    400,
)
TIMESTAMP_TOO_OLD = ErrorSpec(  # HTTP status [inferred]
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than "
    "5 minutes before the current time.",
    400,
)
TIMESTAMP_TOO_NEW = ErrorSpec(  # HTTP status [inferred]
    36009004,
    "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the "
    "current time by more than 30 seconds.",
    400,
)
SIGN_MISSING = ErrorSpec(  # HTTP status [inferred]
    36009004,
    "Missing credentials. The request does not include a required signature in the query.",
    401,
)
SIGN_INVALID = ErrorSpec(106001, "Invalid credentials. The `sign` query parameter is invalid.", 401)
TOKEN_INVALID = ErrorSpec(  # HTTP status [inferred]
    36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.", 401
)
TOKEN_EXPIRED = ErrorSpec(
    105002,
    "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.",
    401,
)
SCOPE_DENIED = ErrorSpec(  # HTTP status [inferred]
    105005,
    "Access denied. The app is not authorized to access the endpoint because the access scopes "
    "granted for the app or the access token do not contain the required access scope for the "
    "endpoint.",
    403,
)
SHOP_CIPHER_MISSING = ErrorSpec(  # HTTP status [inferred]
    106013,
    "Missing identifier. The `shop_cipher` query parameter is required to identify the target "
    "shop.",
    400,
)
SHOP_CIPHER_UNEXPECTED = ErrorSpec(  # HTTP status [inferred]
    36009004,
    "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
    400,
)
SHOP_CIPHER_MISMATCH = ErrorSpec(  # HTTP status [inferred]
    101000,
    "Invalid query or header. The `category_asset_cipher` query parameter or "
    "`x-tts-access-token` header is invalid.",
    403,
)
RATE_LIMITED = ErrorSpec(
    36009002,
    "Too many requests. You've made too many requests in a short period of time.",
    429,
)
INTERNAL_ERROR = ErrorSpec(
    36009003,
    "Internal error. Please try again. If the issue persists after multiple attempts, please "
    "contact platform support.",
    503,
)
BODY_FORMAT_INVALID = ErrorSpec(  # HTTP status [inferred]
    36009022,
    "Invalid request format. The request body format must be `application/json` for structured "
    "data or `multipart/form-data` for binary files.",
    400,
)

# --- token endpoints (third-party codes; messages partly [inferred]) ----------------------------
APP_SECRET_INVALID = ErrorSpec(  # [inferred]
    36009004, "Invalid credentials. Invalid `app_secret` query parameter.", 400
)
GRANT_TYPE_INVALID = ErrorSpec(  # [inferred]; the message is rewritten per endpoint
    36009004, "Invalid parameter. The `grant_type` query parameter is invalid.", 400
)
AUTH_CODE_INVALID = ErrorSpec(  # message [inferred]
    36004004, "Invalid auth_code. The authorization code is invalid, expired or already used."
)
REFRESH_TOKEN_UNKNOWN = ErrorSpec(36004005, "can not find related auth record")
REFRESH_TOKEN_EXPIRED = ErrorSpec(36004001, "rt has expired")

# --- business (HTTP 200) --------------------------------------------------------------------
ORDER_NOT_OWNED = ErrorSpec(21008111, "The order or package does not belong to the current seller.")


def invalid_parameter(detail: str) -> ApiError:
    """A business validation failure: HTTP 200, code 36009004 reused for parameters [inferred]."""
    return ApiError(36009004, f"Invalid parameter. {detail}", 200)
