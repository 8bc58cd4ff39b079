"""The codes the fake's listing rules answer, with Create / Edit Product's documented messages.

One :class:`~tiktokshop_sync.testing._errors.ErrorSpec` per rule, its message verbatim from
``api/products/create-product.spec.json`` (or ``edit-product.spec.json`` /
``check-product-listing.spec.json`` where only that page lists the code); a message with
``{{placeholders}}`` is filled in when answered, as TikTok does.
"""

from __future__ import annotations

from typing import Final

from tiktokshop_sync.testing._errors import ErrorSpec

__all__ = [
    "ATTRIBUTE_MISSING",
    "ATTRIBUTE_NOT_MULTIPLE",
    "ATTRIBUTE_NOT_NUMBER",
    "ATTRIBUTE_REQUIRED_BY",
    "BRAND_NOT_AUTHORIZED",
    "BRAND_NOT_IN_CATEGORY",
    "BRAND_UNKNOWN",
    "CATEGORY_NOT_FOUND",
    "CATEGORY_NOT_LEAF",
    "CATEGORY_OUTSIDE_MAIN",
    "CATEGORY_PROHIBITED",
    "CATEGORY_RESTRICTED",
    "CERTIFICATION_EXPIRY",
    "CERTIFICATION_MISSING",
    "CERTIFICATION_UNKNOWN",
    "CREATE_CODES",
    "CUSTOM_VALUE_REFUSED",
    "DESCRIPTION_FORMAT",
    "DESCRIPTION_IMAGES",
    "DESCRIPTION_MISSING",
    "DESCRIPTION_TOO_LONG",
    "EDIT_CODES",
    "IDENTIFIER_CODE_DUPLICATE",
    "IMAGE_MISSING",
    "IMAGE_TOO_SMALL",
    "LISTING_CODES",
    "NO_SKUS",
    "PACKAGE_SIZE",
    "PACKAGE_UNIT",
    "PACKAGE_UNITS_MISMATCH",
    "PACKAGE_WEIGHT",
    "PARTIAL_CODES",
    "PRICE_INVALID",
    "PRICE_TOO_HIGH",
    "QUANTITY",
    "SALES_ATTRIBUTES_DUPLICATE",
    "SALES_ATTRIBUTES_INCOMPLETE",
    "SALES_ATTRIBUTES_TOO_MANY",
    "SALES_ATTRIBUTE_NAME_FORMAT",
    "SALES_ATTRIBUTE_NAME_TOO_LONG",
    "SALES_ATTRIBUTE_VALUE_FORMAT",
    "SELLER_SKU_DUPLICATE",
    "SELLER_SKU_INVALID",
    "SIZE_CHART_MISSING",
    "SKU_IMAGE_MISSING",
    "TITLE_FORMAT",
    "TITLE_MISSING",
    "TITLE_TOO_LONG",
    "TOO_MANY_IMAGES",
    "TOO_MANY_SKUS",
    "VALUE_FORMAT",
    "VALUE_ID_UNKNOWN",
    "VALUE_TOO_LONG",
]

CATEGORY_NOT_FOUND = ErrorSpec(12052023, "Category does not exist")
CATEGORY_NOT_LEAF = ErrorSpec(12052024, "Category is not final category")
CATEGORY_RESTRICTED = ErrorSpec(
    12052223,
    "This category is restricted. To sell in this category, apply through the Qualification "
    "Center in Seller Center.",
)
CATEGORY_OUTSIDE_MAIN = ErrorSpec(
    12052225,
    "You are not authorized to sell in this category because it does not fall under your "
    "shop's main category. Contact your account manager for help or select another category. ",
)
CATEGORY_PROHIBITED = ErrorSpec(
    12052220, "This category is prohibited or unsupported on TikTok Shop. Select another category."
)
TITLE_MISSING = ErrorSpec(12052261, "product name is empty")
TITLE_TOO_LONG = ErrorSpec(12052051, "The product name exceed max limit characters")
TITLE_FORMAT = ErrorSpec(
    12052931,
    "The title must follow these formatting rules: it cannot contain HTML escape characters "
    "(e.g., &nbsp;), emojis, or ASCII control characters (e.g., \\u007F). It also cannot "
    "consist solely of symbols (e.g., //// or !@#$$$&), nor can it have more than 9 "
    "consecutive repeated characters (e.g., aaaaaaaaa or 111111111).",
)
DESCRIPTION_MISSING = ErrorSpec(12052015, "The product description is required")
DESCRIPTION_TOO_LONG = ErrorSpec(
    12052013, "The product description cannot exceed maximum characters"
)
DESCRIPTION_IMAGES = ErrorSpec(12052056, "The num of image in description cannot exceed max limit")
DESCRIPTION_FORMAT = ErrorSpec(
    12052932,
    "The description must follow these formatting rules: it cannot contain HTML escape "
    "characters (e.g., &nbsp;), emojis, or ASCII control characters (e.g., \\\\u007F). It also "
    "cannot consist solely of symbols (e.g., //// or !@#$$$&), nor can it have more than 9 "
    "consecutive repeated characters (e.g., aaaaaaaaa or 111111111).",
)
IMAGE_MISSING = ErrorSpec(12052028, "Main product image is required")
TOO_MANY_IMAGES = ErrorSpec(12052306, "main product images count exceed limit")
IMAGE_TOO_SMALL = ErrorSpec(
    12052301, "Width and length of main image must be at least {{min_limit}}, check uri {{uri}}"
)
SKU_IMAGE_MISSING = ErrorSpec(12052522, "Product sale property image is required")
NO_SKUS = ErrorSpec(
    12052902,
    "The SKU list is empty. Either omit the list entirely, or provide all required details.",
)
TOO_MANY_SKUS = ErrorSpec(12052558, "Number of product skus exceed limit.")
SELLER_SKU_INVALID = ErrorSpec(
    12052054, "The seller SKU text length cannot exceed max limit characters"
)
SELLER_SKU_DUPLICATE = ErrorSpec(12052553, "Sku id duplicate")
IDENTIFIER_CODE_DUPLICATE = ErrorSpec(
    12052592, "Identifier code already entered, cannot enter the same code twice"
)
PRICE_INVALID = ErrorSpec(12052073, "The product price is invalid")
PRICE_TOO_HIGH = ErrorSpec(12052570, "product price exceed limit")
QUANTITY = ErrorSpec(
    12052055, "The SKU inventory quantity for the warehouse must be within allowed limits."
)
SALES_ATTRIBUTES_INCOMPLETE = ErrorSpec(12052550, "SKU property must contain all properties")
SALES_ATTRIBUTES_TOO_MANY = ErrorSpec(12052525, " The attribute max num cannot exceed 3.")
SALES_ATTRIBUTES_DUPLICATE = ErrorSpec(12052560, "The SKU contains duplicate sales attribute.")
SALES_ATTRIBUTE_NAME_TOO_LONG = ErrorSpec(
    12052242, " The attribute name characters cannot exceed max_limit"
)
SALES_ATTRIBUTE_NAME_FORMAT = ErrorSpec(
    12052933,
    "Sales attribute names must follow these formatting rules: it cannot contain HTML escape "
    "characters (e.g., &nbsp;), emojis, or ASCII control characters (e.g., \\u007F). It also "
    "cannot consist solely of symbols (e.g., //// or !@#$$$&), nor can it have more than 9 "
    "consecutive repeated characters (e.g., aaaaaaaaa or 111111111).",
)
SALES_ATTRIBUTE_VALUE_FORMAT = ErrorSpec(
    12052934,
    "Sales attribute value names must follow these formatting rules: it cannot contain HTML "
    "escape characters (e.g., &nbsp;), emojis, or ASCII control characters (e.g., \\\\u007F). "
    "It also cannot consist solely of symbols (e.g., //// or !@#$$$&), nor can it have more "
    "than 9 consecutive repeated characters (e.g., aaaaaaaaa or 111111111).",
)
VALUE_FORMAT = ErrorSpec(
    12052935,
    "Product attribute value names must follow these formatting rules: it cannot contain HTML "
    "escape characters (e.g., &nbsp;), emojis, or ASCII control characters (e.g., \\\\u007F). "
    "It also cannot consist solely of symbols (e.g., //// or !@#$$$&), nor can it have more "
    "than 9 consecutive repeated characters (e.g., aaaaaaaaa or 111111111).",
)
VALUE_TOO_LONG = ErrorSpec(
    12052249,
    " The {{property_type}} value name characters cannot exceed {{max_limit}}, attribute value "
    "name is :{{property_value_name}}.",
)
ATTRIBUTE_MISSING = ErrorSpec(12052104, "property is required")
ATTRIBUTE_REQUIRED_BY = ErrorSpec(
    12052182,
    "The '{{sub_property_name}}' field is required as you've selected "
    "'{{parent_property_value}}' for '{{parent_property_name}}'.",
)
CUSTOM_VALUE_REFUSED = ErrorSpec(12052247, "Do not support custom product attribute.")
VALUE_ID_UNKNOWN = ErrorSpec(12052529, " The property value id not exist.")
ATTRIBUTE_NOT_MULTIPLE = ErrorSpec(
    12052246, "The {{property_type}} not support multi selected, attribute id is :{{property_id}}."
)
ATTRIBUTE_NOT_NUMBER = ErrorSpec(
    12052256, "The  {{property_name}}  value need to be positive integers or positive decimals ."
)
BRAND_UNKNOWN = ErrorSpec(12052026, "Brand does not exist")
BRAND_NOT_AUTHORIZED = ErrorSpec(
    12052208, "A brand authorization is required to publish this listing."
)
BRAND_NOT_IN_CATEGORY = ErrorSpec(
    12052201,
    "You are not authorized to sell this brand in this category. To do so, apply through the "
    "Qualification Center in Seller Center.",
)
PACKAGE_WEIGHT = ErrorSpec(12019011, "product package weight is invalid")
PACKAGE_SIZE = ErrorSpec(12019012, "product package size is invalid")
PACKAGE_UNITS_MISMATCH = ErrorSpec(12052915, "package weight unit and dimension unit miss match.")
PACKAGE_UNIT = ErrorSpec(12052916, "The package unit is not supported in the current region.")
SIZE_CHART_MISSING = ErrorSpec(12052673, "Product sizechart  image is required")
CERTIFICATION_MISSING = ErrorSpec(12052105, "required qualification miss")
CERTIFICATION_EXPIRY = ErrorSpec(12052385, "Please enter valid certificate expiration date")
CERTIFICATION_UNKNOWN = ErrorSpec(12052655, "qualification id not exist")

_ALL: Final = (
    CATEGORY_NOT_FOUND,
    CATEGORY_NOT_LEAF,
    CATEGORY_RESTRICTED,
    CATEGORY_OUTSIDE_MAIN,
    CATEGORY_PROHIBITED,
    TITLE_MISSING,
    TITLE_TOO_LONG,
    TITLE_FORMAT,
    DESCRIPTION_MISSING,
    DESCRIPTION_TOO_LONG,
    DESCRIPTION_IMAGES,
    DESCRIPTION_FORMAT,
    IMAGE_MISSING,
    TOO_MANY_IMAGES,
    IMAGE_TOO_SMALL,
    SKU_IMAGE_MISSING,
    NO_SKUS,
    TOO_MANY_SKUS,
    SELLER_SKU_INVALID,
    SELLER_SKU_DUPLICATE,
    IDENTIFIER_CODE_DUPLICATE,
    PRICE_INVALID,
    PRICE_TOO_HIGH,
    QUANTITY,
    SALES_ATTRIBUTES_INCOMPLETE,
    SALES_ATTRIBUTES_TOO_MANY,
    SALES_ATTRIBUTES_DUPLICATE,
    SALES_ATTRIBUTE_NAME_TOO_LONG,
    SALES_ATTRIBUTE_NAME_FORMAT,
    SALES_ATTRIBUTE_VALUE_FORMAT,
    VALUE_TOO_LONG,
    VALUE_FORMAT,
    ATTRIBUTE_MISSING,
    ATTRIBUTE_REQUIRED_BY,
    CUSTOM_VALUE_REFUSED,
    VALUE_ID_UNKNOWN,
    ATTRIBUTE_NOT_MULTIPLE,
    ATTRIBUTE_NOT_NUMBER,
    BRAND_UNKNOWN,
    BRAND_NOT_AUTHORIZED,
    BRAND_NOT_IN_CATEGORY,
    PACKAGE_WEIGHT,
    PACKAGE_SIZE,
    PACKAGE_UNITS_MISMATCH,
    PACKAGE_UNIT,
    SIZE_CHART_MISSING,
    CERTIFICATION_MISSING,
    CERTIFICATION_EXPIRY,
    CERTIFICATION_UNKNOWN,
)
#: What Create Product's page lists (12052902, 12052553 and 12052558 are Edit Product's only;
#: 12052916 the listing check's).
CREATE_CODES: Final = tuple(
    spec for spec in _ALL if spec.code not in (12052902, 12052553, 12052558, 12052916)
)
#: What Edit Product 202509's page lists.
EDIT_CODES: Final = tuple(spec for spec in _ALL if spec.code != 12052916)
#: Every code a listing check may give as a reason (Create Product's codes, and 12052916).
LISTING_CODES: Final = _ALL
#: What a Partial Edit Product's rules may answer (title, description, images, prices): all
#: on its page.
PARTIAL_CODES: Final = (
    TITLE_MISSING,
    TITLE_TOO_LONG,
    TITLE_FORMAT,
    DESCRIPTION_MISSING,
    DESCRIPTION_TOO_LONG,
    DESCRIPTION_IMAGES,
    DESCRIPTION_FORMAT,
    IMAGE_MISSING,
    TOO_MANY_IMAGES,
    IMAGE_TOO_SMALL,
    PRICE_INVALID,
    PRICE_TOO_HIGH,
)
