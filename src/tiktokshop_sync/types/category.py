"""Categories, their attributes, rules and brands as TikTok sends them (the listing rules).

Get Categories, Get Attributes, Get Category Rules, Get Brands and Recommend Category, all
202309 (``../shared/reference/tiktok-spec/api/products/``). Every category id belongs to one
category tree, named by ``category_version`` in the request: ``v1`` (3 levels) or ``v2`` (up to
7 levels; Japan moved to it with the UK and EU, ``guides/changelog/products/
uk-eu-jp-markets-product-category-expansion.md``). A product can only be listed in a leaf
category (``is_leaf``) the shop is permitted to use (``permission_statuses``).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field

from ._base import OpenEnum, WireModel
from .product import Brand, CategoryChain, PreSaleType

__all__ = [
    "AttributeType",
    "AttributeValue",
    "BrandAuthorization",
    "BrandAvailability",
    "BrandsPage",
    "Categories",
    "Category",
    "CategoryAttribute",
    "CategoryAttributes",
    "CategoryPermission",
    "CategoryRecommendation",
    "CategoryRules",
    "CertificationRule",
    "CodRule",
    "ConditionType",
    "FeeRule",
    "RecommendedCategoryLevel",
    "RequiredRule",
    "RequirementCondition",
    "ShopBrand",
    "SizeChartRule",
    "ValueDataFormat",
]


class CategoryPermission(OpenEnum):
    """Whether the shop may list in a category (INVITE_ONLY: "restricted" in Seller Center)."""

    AVAILABLE = "AVAILABLE"
    """The shop may create products in this category."""
    INVITE_ONLY = "INVITE_ONLY"
    """Restricted: apply through the Qualification Center in Seller Center first."""
    NON_MAIN_CATEGORY = "NON_MAIN_CATEGORY"
    """Outside the shop's main category: the account manager can help."""
    PROHIBITED = "PROHIBITED"
    """Prohibited on TikTok Shop (BR, MX, EU and SEA): products are rejected in review."""


class Category(CategoryChain):
    """One category of the tree: its parent (``"0"`` for a root), leaf flag and permission."""

    repr_fields: ClassVar[tuple[str, ...] | None] = (
        "id",
        "local_name",
        "is_leaf",
        "permission_statuses",
    )

    permission_statuses: list[CategoryPermission] = Field(default_factory=list)


class Categories(WireModel):
    """Get Categories: the categories matching the query (the whole tree when unfiltered)."""

    categories: list[Category] = Field(default_factory=list)


class AttributeType(OpenEnum):
    """Whether an attribute defines variants (sales) or describes the whole product."""

    SALES_PROPERTY = "SALES_PROPERTY"
    """A sales attribute (カラー, サイズ): each SKU carries one value of it."""
    PRODUCT_PROPERTY = "PRODUCT_PROPERTY"
    """A product attribute (素材, 原産国): one or more values for the whole product."""


class ValueDataFormat(OpenEnum):
    """The form a free-form value of a conditional attribute must take."""

    POSITIVE_INT_OR_DECIMAL = "POSITIVE_INT_OR_DECIMAL"
    """A positive whole or decimal number."""


class ConditionType(OpenEnum):
    """How a requirement condition is tested."""

    VALUE_ID_MATCH = "VALUE_ID_MATCH"
    """True when the seller chose the value ``attribute_value_id`` for ``attribute_id``."""


class AttributeValue(WireModel):
    """One value an attribute offers (its id is what a product sends)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name")

    id: str = ""
    name: str = ""
    icon_url: str = ""


class RequirementCondition(WireModel):
    """An attribute or certification becomes required when another attribute has this value."""

    condition_type: ConditionType | None = None
    attribute_id: str = ""
    attribute_value_id: str = ""


class CategoryAttribute(WireModel):
    """A product or sales attribute of a category: its values and what a product must send.

    TikTok spells the required flag ``is_requried`` (the field list and the official example of
    ``api/products/get-attributes.spec.json`` both do); :attr:`required` reads it.
    """

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name", "type", "is_requried")

    id: str = ""
    name: str = ""
    type: AttributeType | None = None
    is_requried: bool | None = None
    values: list[AttributeValue] = Field(default_factory=list)
    value_data_format: ValueDataFormat | None = None
    is_customizable: bool | None = None
    requirement_conditions: list[RequirementCondition] = Field(default_factory=list)
    is_multiple_selection: bool | None = None

    @property
    def required(self) -> bool:
        """Whether a product must always send this attribute (conditions aside).

        Reads TikTok's ``is_requried``, or a correctly spelled ``is_required`` should TikTok
        ever fix the name (kept as an unknown field outside strict mode).
        """
        if self.is_requried is not None:
            return self.is_requried
        return (self.model_extra or {}).get("is_required") is True


class CategoryAttributes(WireModel):
    """Get Attributes: the product and sales attributes bound to a leaf category."""

    attributes: list[CategoryAttribute] = Field(default_factory=list)


class RequiredRule(WireModel):
    """A rule that only says whether something is required."""

    is_required: bool | None = None


class CertificationRule(WireModel):
    """A certification a category asks for: always, or when an attribute has a given value."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name", "is_required")

    id: str = ""
    name: str = ""
    is_required: bool | None = None
    document_details: str = ""
    sample_image_url: str = ""
    requirement_conditions: list[RequirementCondition] = Field(default_factory=list)
    expiration_date: RequiredRule | None = None


class SizeChartRule(WireModel):
    """Whether the category takes a size chart, and whether one is required."""

    is_supported: bool | None = None
    is_required: bool | None = None


class CodRule(WireModel):
    """Whether cash on delivery may be offered (SEA and SA markets only)."""

    is_supported: bool | None = None


class FeeRule(WireModel):
    """A fee the category requires on each SKU (``PFAND``: Germany's container deposit)."""

    type: str = ""
    is_required: bool | None = None


def _string_list(value: Any) -> Any:
    """A lone string where a list of strings is documented, as a one-item list.

    Get Category Rules documents ``allowed_special_product_types`` as ``[]string`` while its
    official example sends ``"\\"PRE_ORDER\\""``, a JSON string holding a quoted value.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not text:
        return []
    try:
        decoded = json.loads(text)
    except ValueError:
        decoded = text
    if isinstance(decoded, list):
        return decoded
    return [str(decoded).strip()]


class CategoryRules(WireModel):
    """Get Category Rules: what a product in this leaf category must or may carry.

    ``package_dimension`` is absent for cross-border sellers, for whom package dimensions are
    always mandatory (``guides/changelog/products/new-property-added-to-get-category-rules-
    api-to-indicate-whether-the-package-dimension-is-mandatory.md``).
    """

    product_certifications: list[CertificationRule] = Field(default_factory=list)
    size_chart: SizeChartRule | None = None
    cod: CodRule | None = None
    package_dimension: RequiredRule | None = None
    epr: RequiredRule | None = None
    responsible_person: RequiredRule | None = None
    manufacturer: RequiredRule | None = None
    allowed_special_product_types: Annotated[list[PreSaleType], BeforeValidator(_string_list)] = (
        Field(default_factory=list)
    )
    fees: list[FeeRule] = Field(default_factory=list)


class BrandAuthorization(OpenEnum):
    """Whether the seller holds the brand owner's authorization.

    The field list spells the unauthorized value ``UNAUTHORIEZD`` while the endpoint's own
    brand selection rules write ``authorized_status=UNAUTHORIZED``
    (``api/products/get-brands.spec.json``): both spellings read as :attr:`UNAUTHORIZED`.
    """

    UNAUTHORIZED = "UNAUTHORIZED"
    AUTHORIZED = "AUTHORIZED"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str) and value.strip().upper() == "UNAUTHORIEZD":
            return cls.UNAUTHORIZED
        return super()._missing_(value)


class BrandAvailability(OpenEnum):
    """Whether an authorized brand may be used in the category asked about."""

    AVAILABLE = "AVAILABLE"
    UNAVAILABLE = "UNAVAILABLE"


class ShopBrand(Brand):
    """A brand the shop may choose, with its authorization and T1 flag.

    TikTok's selection rules: an authorized brand available in the category, or an unauthorized
    brand that is not T1 (internationally renowned); the latter is not shown to buyers until
    authorized.
    """

    repr_fields: ClassVar[tuple[str, ...] | None] = (
        "id",
        "name",
        "authorized_status",
        "is_t1_brand",
        "brand_status",
    )

    authorized_status: BrandAuthorization | None = None
    is_t1_brand: bool | None = None
    brand_status: BrandAvailability | None = None


class BrandsPage(WireModel):
    """Get Brands: one page of brands (``next_page_token`` is empty on the last page)."""

    brands: list[ShopBrand] = Field(default_factory=list)
    total_count: int | None = None
    next_page_token: str = ""


class RecommendedCategoryLevel(WireModel):
    """One level of a recommended category's path, from the root down to the leaf."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name", "is_leaf", "permission_statuses")

    id: str = ""
    name: str = ""
    level: int | None = None
    is_leaf: bool | None = None
    permission_statuses: list[CategoryPermission] = Field(default_factory=list)


class CategoryRecommendation(WireModel):
    """Recommend Category: TikTok's leaf category for a title, with its path.

    ``permission_statuses`` on each level says whether the seller may use it
    (``guides/changelog/products/new-property-added-to-recommend-category-api-to-indicate-
    whether-sellers-can-use-the-recommended-category.md``).
    """

    leaf_category_id: str = ""
    categories: list[RecommendedCategoryLevel] = Field(default_factory=list)
