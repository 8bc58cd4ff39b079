"""TikTok's error codes, verbatim messages and HTTP statuses (reference §4.2/§4.3).

Statuses marked [inferred] are not documented anywhere; they are our best guess and are kept
here, in one table, so they are easy to correct. Each route answers only the codes its page of
TikTok's reference lists, plus the common ones (:data:`COMMON_CODES`); the route modules say
which, and ``tests/testing/test_fake_error_codes.py`` checks them against the reference.
"""

from __future__ import annotations

from attrs import frozen

from tiktokshop_sync.testing._warnings import UndocumentedErrorWarning

__all__ = [
    "AFTER_SALE_PENDING",
    "ALREADY_IN_PROCESS",
    "APP_KEY_INVALID",
    "APP_SECRET_INVALID",
    "ARRANGE_SHIPMENT_FIRST",
    "AUTH_CODE_INVALID",
    "BODY_FORMAT_INVALID",
    "CANNOT_APPROVE",
    "CANNOT_REJECT",
    "CHECK_FAILED",
    "COMMON_CODES",
    "CREATE_TIME_INVALID",
    "DELIVERY_BY_TIKTOK",
    "DELIVERY_OPTION_UNKNOWN",
    "EVENT_PARAMS",
    "FILE_TOO_LARGE",
    "FULFILLMENT_PARAMS",
    "FULFILL_UNIT_NOT_ALLOWED",
    "GATEWAY_PARAMS",
    "GRANT_TYPE_INVALID",
    "INTERNAL_ERROR",
    "INVALID_METHOD",
    "INVALID_PARAM",
    "INVALID_PATH",
    "INVALID_VERSION",
    "INVENTORY_SKUS_LIMIT",
    "IN_ARBITRATION",
    "LIST_PRICE_UNSUPPORTED",
    "MULTIPART_REQUIRED",
    "NOT_AWAITING_SHIPMENT",
    "NOT_SELLER_SHIPPED",
    "NO_PERMISSION",
    "ORDER_FINISHED",
    "ORDER_ID_INVALID",
    "ORDER_IS_CANCELLED",
    "ORDER_IS_CANCELLED_PACKAGE",
    "ORDER_NOT_FOUND",
    "ORDER_NOT_IN_FULFILL_UNIT",
    "ORDER_NOT_OWNED",
    "OUTSIDE_PICKUP_SLOT",
    "PACKAGE_ALREADY_SHIPPED",
    "PACKAGE_DELIVERED",
    "PACKAGE_ID_INVALID",
    "PACKAGE_NOT_OWNED",
    "PACKAGE_NOT_SHIPPED",
    "PACKAGE_SHIPPED_AGAIN",
    "PAGE_SIZE_INVALID",
    "PARAMETER_CODES",
    "PARTIAL_CANCEL_UNSUPPORTED",
    "PARTIAL_REFUND_NOT_ALLOWED",
    "PERMISSION_DENIED",
    "PLATFORM_FULFILLED",
    "PRODUCT_IDS_LIMIT",
    "PRODUCT_NOT_FOUND",
    "PRODUCT_NOT_IN_SHOP",
    "PRODUCT_PARAMS",
    "PRODUCT_STATUS_BLOCKS",
    "QUANTITY_OUT_OF_RANGE",
    "RATE_LIMITED",
    "REASON_NOT_FOR_ACTION",
    "REASON_NOT_FOR_STATUS",
    "REASON_UNKNOWN",
    "REFRESH_TOKEN_EXPIRED",
    "REFRESH_TOKEN_UNKNOWN",
    "RETURN_ID_INVALID",
    "RETURN_PARAMS",
    "REVERSE_STATUS_INVALID",
    "SCOPE_DENIED",
    "SEARCH_CAP",
    "SELLER_SKUS_LIMIT",
    "SHIPPED_CANNOT_CANCEL",
    "SHOP_CIPHER_MISMATCH",
    "SHOP_CIPHER_MISSING",
    "SHOP_CIPHER_UNEXPECTED",
    "SIGN_INVALID",
    "SIGN_MISSING",
    "SKU_IDS_LIMIT",
    "SKU_LIST_EMPTY",
    "SKU_NOT_IN_PRODUCT",
    "SKU_UNKNOWN",
    "TIKTOK_SHIPPING_ONLY",
    "TIMESTAMP_NEGATIVE",
    "TIMESTAMP_TOO_NEW",
    "TIMESTAMP_TOO_OLD",
    "TOKEN_DEAUTHORIZED",
    "TOKEN_EXPIRED",
    "TOKEN_INVALID",
    "TRACKING_DUPLICATE",
    "TRACKING_OR_PROVIDER_INVALID",
    "TRACKING_SPECIAL_CHARACTERS",
    "UPDATE_NOT_ALLOWED",
    "UPDATE_ONLY_ONCE",
    "UPDATE_TIME_INVALID",
    "UPDATE_WINDOW_CLOSED",
    "WAREHOUSES_CHANGED",
    "WAREHOUSES_INCOMPLETE",
    "WAREHOUSE_DOES_NOT_EXIST",
    "WAREHOUSE_ID_INVALID",
    "WAREHOUSE_UNKNOWN",
    "ApiError",
    "ErrorSpec",
    "ParameterError",
    "UndocumentedErrorWarning",
    "undocumented",
]


class ApiError(Exception):
    """Raised inside the fake to answer with a TikTok error envelope (``data`` null unless given,
    e.g. the ``extra_errors`` of a refused product)."""

    def __init__(
        self,
        code: int,
        message: str,
        http_status: int = 200,
        headers: tuple[tuple[str, str], ...] = (),
        data: object = None,
    ) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
        self.http_status = http_status
        self.headers = headers
        self.data = data


@frozen
class ErrorSpec:
    """One TikTok error: its code, message and the HTTP status it arrives with."""

    code: int
    message: str
    http_status: int = 200

    def error(self, param: str | None = None) -> ApiError:
        """An exception carrying this error; ``{param}`` in the message names the parameter."""
        message = self.message
        if "{param}" in message:
            message = message.replace("{param}", f"`{param}`" if param else "a request parameter")
        return ApiError(self.code, message, self.http_status)


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
# guides/.../authorization/creator-authorization-guide.md, after the owner removed all access.
TOKEN_DEAUTHORIZED = ErrorSpec(  # HTTP status [inferred], as TOKEN_INVALID's
    105001, "access token is invalid; detail:your token has been deauthorized", 401
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

# A bad parameter where the endpoint's page lists no code for one: the gateway's 36009004, which
# live replies use for any parameter ("param body.address is missing" on Update Shop Webhook,
# EcomPHP/tiktokshop-php issue #27), worded like common-errors.md's parameter errors.
GATEWAY_PARAMS = ErrorSpec(
    36009004, "Invalid parameter. Check {param}: it is missing, of the wrong type or not allowed."
)


class ParameterError(ApiError):
    """A bad request parameter, raised without knowing the endpoint: the route answers it with
    its own page's parameter code, or the gateway's 36009004 naming the parameter."""

    def __init__(self, name: str, detail: str | None = None) -> None:
        if detail is None:
            spec = GATEWAY_PARAMS.error(name)
            super().__init__(spec.code, spec.message, spec.http_status)
        else:
            super().__init__(GATEWAY_PARAMS.code, f"Invalid parameter. {detail}")
        self.param = name


# An unknown id in the path where the endpoint's page lists no code for it (common-errors.md's
# "Invalid identifier." wording of 36009004).
ORDER_ID_INVALID = ErrorSpec(
    36009004, "Invalid identifier. The `order_id` path parameter is invalid."
)
PACKAGE_ID_INVALID = ErrorSpec(
    36009004, "Invalid identifier. The `package_id` path parameter is invalid."
)
WAREHOUSE_ID_INVALID = ErrorSpec(
    36009004, "Invalid identifier. The `warehouse_id` path parameter is invalid."
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

# Messages below are verbatim from the endpoints' error tables (DOCS `*.spec.json`).

PERMISSION_DENIED = ErrorSpec(10006402, "permission denied")

# --- logistics ---
WAREHOUSE_UNKNOWN = ErrorSpec(11005004, "warehouse not exist")
DELIVERY_OPTION_UNKNOWN = ErrorSpec(21008116, "No Subscription without specified delivery option.")
DELIVERY_BY_TIKTOK = ErrorSpec(
    21008117,
    "The delivery of the specified delivery_option_id is fulfilled by TikTok. No shipping "
    "provider will be returned.",
)

# --- fulfillment ---
FULFILLMENT_PARAMS = ErrorSpec(
    21001001, "Invalid parameters. Please ensure you are passing the correct request parameter(s)."
)
PACKAGE_ALREADY_SHIPPED = ErrorSpec(21011040, "Package has already been shipped.")
PACKAGE_SHIPPED_AGAIN = ErrorSpec(
    21008099, "Package has been shipped. Please not ship the package again."
)
TRACKING_SPECIAL_CHARACTERS = ErrorSpec(
    21004012, "Tracking number has special characters, verify failed."
)
TRACKING_OR_PROVIDER_INVALID = ErrorSpec(
    21011022, "Invalid tracking number or provider ID. Please double check and try again."
)
TRACKING_DUPLICATE = ErrorSpec(21011025, "Duplicate tracking number.")
PACKAGE_NOT_OWNED = ErrorSpec(21011028, "The package does not belong to the current shop.")
ORDER_NOT_IN_FULFILL_UNIT = ErrorSpec(21011029, "order does not belong to fulfill unit")
ORDER_IS_CANCELLED = ErrorSpec(21011041, "Cannot complete the operation when order is cancelled.")
# The same words under another code on Update Package Shipping Info.
ORDER_IS_CANCELLED_PACKAGE = ErrorSpec(
    21011042, "Cannot complete the operation when order is cancelled."
)
FULFILL_UNIT_NOT_ALLOWED = ErrorSpec(21011003, "fulfill_unit action not allowed")
NOT_AWAITING_SHIPMENT = ErrorSpec(
    21042057,
    "These orders are not in the Awaiting shipment status. Couldn't create labels for them.",
)
PACKAGE_NOT_SHIPPED = ErrorSpec(21011043, "The package has not been shipped yet.")
UPDATE_WINDOW_CLOSED = ErrorSpec(
    21011050, "The tracking number can only be updated within a certain number of hours."
)
UPDATE_ONLY_ONCE = ErrorSpec(21011051, "The tracking number can only be updated once.")
UPDATE_NOT_ALLOWED = ErrorSpec(
    21011049, "Due to platform rule limitations, you are unable to update the tracking number."
)
NOT_SELLER_SHIPPED = ErrorSpec(
    21011004,
    "This API cannot be used to update package shipping information for packages that are not "
    "shipped by sellers.",
)
PACKAGE_DELIVERED = ErrorSpec(
    21011030,
    "Package has already been delivered. If you would still like to update the tracking "
    "number, please contact the platform for assistance.",
)
AFTER_SALE_PENDING = ErrorSpec(
    21011007, "Package item has after-sale request, please process the after-sale request first."
)
PLATFORM_FULFILLED = ErrorSpec(
    21008025, "Seller cannot operate orders which are fulfilled by platform"
)
TIKTOK_SHIPPING_ONLY = ErrorSpec(
    21008017,
    "This API is only applicable to TikTok Shipping orders. For seller shipping, please obtain "
    "the shipping label offline and upload it to TikTok Shop via API or Seller Center.",
)
ARRANGE_SHIPMENT_FIRST = ErrorSpec(
    21023035, "Please arrange shipment before retrieving the shipping document."
)
OUTSIDE_PICKUP_SLOT = ErrorSpec(
    21011053,
    "Fail to ship package because the shipment time is outside of the pick-up time slot.",
)

# --- products ---
PRODUCT_PARAMS = ErrorSpec(
    12052910, "Invalid input parameters. Refer to the API documentation for details."
)
PAGE_SIZE_INVALID = ErrorSpec(12019109, "page size is invalid")
SELLER_SKUS_LIMIT = ErrorSpec(
    12019027, "The maximum count of \u201cseller_skus\u201d in the search filter is 10."
)
SKU_IDS_LIMIT = ErrorSpec(12019087, "The number of SKU IDs exceeds the limit of 10")
CREATE_TIME_INVALID = ErrorSpec(12019118, "search create time invalid")
UPDATE_TIME_INVALID = ErrorSpec(12019119, "search update time invalid")
SEARCH_CAP = ErrorSpec(12052180, "The total number of search results can not exceed 10000.")
PRODUCT_NOT_FOUND = ErrorSpec(12052032, "The product does not exist")
PRODUCT_NOT_IN_SHOP = ErrorSpec(
    12052048,
    "You cannot edit the specified product(s) as it isn't listed in your account or shop.",
)
PRODUCT_STATUS_BLOCKS = ErrorSpec(
    12052901,
    "The product in its current status is not available for this operation. Change the product "
    "status and try again.",
)
CHECK_FAILED = ErrorSpec(12052990, "Check failed")
SKU_UNKNOWN = ErrorSpec(12052556, "The SKU id not exist.")
SKU_NOT_IN_PRODUCT = ErrorSpec(12052557, "The SKU ID does not belong to the product.")
WAREHOUSE_DOES_NOT_EXIST = ErrorSpec(12052097, "The warehouse does not exist")
WAREHOUSES_INCOMPLETE = ErrorSpec(
    12019028,
    "Multiple warehouses detected. Include all warehouse IDs and the corresponding details and "
    "try again.",
)
WAREHOUSES_CHANGED = ErrorSpec(
    12052533,
    "Removal, addition, and change of warehouses are not permitted. Please specify the original "
    "warehouses for the SKUs.",
)
QUANTITY_OUT_OF_RANGE = ErrorSpec(
    12052055, "The SKU inventory quantity for the warehouse must be within allowed limits."
)
SKU_LIST_EMPTY = ErrorSpec(
    12052902,
    "The SKU list is empty. Either omit the list entirely, or provide all required details.",
)
PRODUCT_IDS_LIMIT = ErrorSpec(12019120, "The number of provided product IDs exceeds the limit.")
INVENTORY_SKUS_LIMIT = ErrorSpec(12019015, "The number of SKU exceed the limit")
LIST_PRICE_UNSUPPORTED = ErrorSpec(12052376, "list price not support")
MULTIPART_REQUIRED = ErrorSpec(  # HTTP status [inferred]
    36009023,
    "Invalid request format. The value of the `content-type` header must be `multipart/form-data`.",
    400,
)
FILE_TOO_LARGE = ErrorSpec(  # HTTP status [inferred]
    36009021, "Invalid file size. The uploaded file size exceeds the maximum limit.", 400
)

# --- returns and cancellations ---
RETURN_PARAMS = ErrorSpec(
    25001001,
    "An invalid request parameter was passed. Please check that you have the correct parameter "
    "type(s) and format.",
)
REASON_UNKNOWN = ErrorSpec(
    25001014, "Unknown return reason. Please ensure you are passing a valid return reason."
)
REASON_NOT_FOR_STATUS = ErrorSpec(25001021, "Reason not match order status")
ALREADY_IN_PROCESS = ErrorSpec(
    25001011, "A return request is already in process, or the order has already been cancelled."
)
ORDER_FINISHED = ErrorSpec(
    25001051, "Not allowed to return or cancel since order is completed or cancelled"
)
SHIPPED_CANNOT_CANCEL = ErrorSpec(
    25001045,
    "The order has already been shipped and we are unable to cancel shipment with the courier.",
)
PARTIAL_CANCEL_UNSUPPORTED = ErrorSpec(
    25005010, "Unable to cancel individual line items within this request."
)
NO_PERMISSION = ErrorSpec(25020005, "No permission to process this order")
CANNOT_APPROVE = ErrorSpec(25011012, "reverse status cannot approve application")
CANNOT_REJECT = ErrorSpec(25011011, "reverse status cannot reject application")
REVERSE_STATUS_INVALID = ErrorSpec(25001003, "Invalid order status.")
REASON_NOT_FOR_ACTION = ErrorSpec(25001016, "reverse reason not match action type")
ORDER_NOT_FOUND = ErrorSpec(25007006, "Order not found.")
IN_ARBITRATION = ErrorSpec(25011010, "request has been transferred to platform operator")
PARTIAL_REFUND_NOT_ALLOWED = ErrorSpec(25011032, "ReverseInvalidStatusPartialRefund")
# An unknown return id in the path of an endpoint whose page lists no code for it.
RETURN_ID_INVALID = ErrorSpec(
    36009004, "Invalid identifier. The `return_id` path parameter is invalid."
)

# --- events, image upload and after-sales decisions ---
INVALID_PARAM = ErrorSpec(11050001, "invalid param")
EVENT_PARAMS = INVALID_PARAM


#: Codes any route may answer: common-errors.md (general, authorization, authentication and
#: parameter errors), the versioning guide's 36009014 and the authorization guide's 105001.
COMMON_CODES = frozenset(
    {
        105001,
        36009002,
        36009003,
        36009004,
        36009007,
        36009009,
        36009010,
        36009014,
        36009021,
        36009022,
        36009023,
        36009033,
        101000,
        105002,
        105005,
        106001,
        106013,
    }
)

#: Each area's "invalid parameter" code: where an endpoint's page does not list the one a shared
#: check raised, the route answers with the one it lists, or :data:`GATEWAY_PARAMS`.
PARAMETER_CODES = frozenset(
    {FULFILLMENT_PARAMS.code, PRODUCT_PARAMS.code, RETURN_PARAMS.code, EVENT_PARAMS.code, 11001002}
)


def undocumented(code: int, where: str) -> UndocumentedErrorWarning:
    """The warning for a code the route's reference page does not list."""
    return UndocumentedErrorWarning(
        f"FakeShop answered {where} with code {code}, which TikTok's reference does not list "
        "for that endpoint; please report it."
    )
