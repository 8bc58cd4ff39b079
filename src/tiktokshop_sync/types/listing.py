"""Before and after a listing as TikTok sends it: shop prerequisites, the listing check, edits.

Check Listing Prerequisites 202312 (the shop's readiness: warehouses, delivery options, bank
account...), Check Product Listing 202309 (``listing_check``: TikTok's dry run of a create,
with the codes Create Product would fail with) and the reply of Edit Product 202509
(``../shared/reference/tiktok-spec/api/products/``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from ._base import OpenEnum, WireModel
from .common import Warning_
from .product import CreatedProduct, ListingQualityTier, ProductAudit

__all__ = [
    "Diagnosis",
    "DiagnosisField",
    "DiagnosisResult",
    "DiagnosisSuggestions",
    "EditedProduct",
    "ListingCheck",
    "ListingCheckResult",
    "ListingFailReason",
    "ListingPrerequisites",
    "ListingQuality",
    "OptimizedImage",
    "PrerequisiteCheck",
    "PrerequisiteItem",
    "SuggestedText",
]


class PrerequisiteItem(OpenEnum):
    """A requirement the shop must meet before it can list products.

    The field list writes the bank account item ``BANk_ACCOUNT``
    (``api/products/check-listing-prerequisites.spec.json``); every other item is upper case,
    so both spellings read as :attr:`BANK_ACCOUNT`.
    """

    SHOP_STATUS = "SHOP_STATUS"
    SHOP_TAX = "SHOP_TAX"
    PICKUP_WAREHOUSE = "PICKUP_WAREHOUSE"
    RETURN_WAREHOUSE = "RETURN_WAREHOUSE"
    DELIVERY_OPTION = "DELIVERY_OPTION"
    SHIPPING_TEMPLATE = "SHIPPING_TEMPLATE"
    PRODUCT_QUANTITY_LIMIT = "PRODUCT_QUANTITY_LIMIT"
    EXTENDED_PRODUCER_RESPONSIBILITY = "EXTENDED_PRODUCER_RESPONSIBILITY"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    CONTACT_INFO = "CONTACT_INFO"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            member = cls._value2member_map_.get(value.strip().upper())
            if member is not None:
                return member
        return super()._missing_(value)


class PrerequisiteCheck(WireModel):
    """One requirement checked, whether the shop fails it, and TikTok's reasons."""

    check_item: PrerequisiteItem | None = None
    is_failed: bool | None = None
    fail_reasons: list[str] = Field(default_factory=list)


class ListingPrerequisites(WireModel):
    """Check Listing Prerequisites: every requirement TikTok checked for the shop."""

    check_results: list[PrerequisiteCheck] = Field(default_factory=list)

    @property
    def failed(self) -> list[PrerequisiteCheck]:
        """The requirements the shop does not meet yet."""
        return [check for check in self.check_results if check.is_failed]


class ListingCheckResult(OpenEnum):
    """Whether TikTok's listing check passed (the field's description lists PASS and FAILED)."""

    PASS = "PASS"
    FAILED = "FAILED"


class ListingFailReason(WireModel):
    """Why the check failed: the code Create Product would fail with, and TikTok's text."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("code", "message")

    code: int | None = None
    message: str = ""


class ListingQuality(WireModel):
    """The listing's quality tier and how many recommendations remain (US only; deprecated)."""

    current_tier: ListingQualityTier | None = None
    remaining_recommendations: int | None = None


class DiagnosisField(OpenEnum):
    """The part of the product a diagnosis is about."""

    TITLE = "TITLE"
    DESCRIPTION = "DESCRIPTION"
    IMAGE = "IMAGE"
    ATTRIBUTE = "ATTRIBUTE"
    SIZE_CHART = "SIZE_CHART"


class DiagnosisResult(WireModel):
    """One issue found (``code`` such as ``TITLE_LESS_THAN_40_CHARACTERS``) and how to solve it.

    ``quality_tier`` is the tier the fix reaches; the official example sends ``POOR``, which the
    description does not list but the tier enum knows.
    """

    repr_fields: ClassVar[tuple[str, ...] | None] = ("code", "quality_tier")

    code: str = ""
    how_to_solve: str = ""
    quality_tier: ListingQualityTier | None = None


class SuggestedText(WireModel):
    """A suggested keyword or text."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("text",)

    text: str = ""


class OptimizedImage(WireModel):
    """The first main image and TikTok's optimized version of it."""

    uri: str = ""
    url: str = ""
    optimized_uri: str = ""
    optimized_url: str = ""
    height: int | None = None
    width: int | None = None


class DiagnosisSuggestions(WireModel):
    """Suggestions for a diagnosed field: SEO words (titles), texts, an optimized image."""

    seo_words: list[SuggestedText] = Field(default_factory=list)
    smart_texts: list[SuggestedText] = Field(default_factory=list)
    images: list[OptimizedImage] = Field(default_factory=list)


class Diagnosis(WireModel):
    """The diagnosis of one product field (deprecated in favour of Diagnose and Optimize)."""

    field: DiagnosisField | None = None
    diagnosis_results: list[DiagnosisResult] = Field(default_factory=list)
    suggestions: DiagnosisSuggestions | None = None


class ListingCheck(WireModel):
    """Check Product Listing: whether Create Product would accept the product, and why not.

    ``fail_reasons[].code`` are Create Product's error codes; ``warnings`` is one object here,
    not a list as in Create Product's reply.
    """

    check_result: ListingCheckResult | None = None
    fail_reasons: list[ListingFailReason] = Field(default_factory=list)
    warnings: Warning_ | None = None
    listing_quality: ListingQuality | None = None
    diagnoses: list[Diagnosis] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        """Whether TikTok would accept the product (PASS and no failure reason)."""
        return self.check_result == ListingCheckResult.PASS and not self.fail_reasons


class EditedProduct(CreatedProduct):
    """Edit Product 202509's result: the SKU ids (new ones for added SKUs) and the review state.

    Editing anything but price or inventory sends an approved product back to review
    (``audit.status`` AUDITING).
    """

    audit: ProductAudit | None = None
