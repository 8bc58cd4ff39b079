"""Products, SKUs, prices and inventory as TikTok sends them.

Search Products returns a summary of each product and Get Product the whole of it; both read
into :class:`Product`, whose fields the summary leaves out stay at their defaults.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ._base import OpenEnum, OptionalMoney, OptionalTimestamp, WireModel
from .common import ItemError, Warning_
from .fulfillment import PackageWeight, WeightUnit
from .statuses import (
    ListingPlatform,
    PreApprovedReason,
    ProductAudit,
    ProductAuditStatus,
    ProductType,
)

__all__ = [
    "AuditFailedReason",
    "BatchResult",
    "Brand",
    "CategoryChain",
    "Certification",
    "CertificationFile",
    "CombinedSku",
    "CreatedProduct",
    "CreatedSku",
    "DeactivationSource",
    "DiscountLevel",
    "ExternalListPrice",
    "ExternalPriceSource",
    "Fee",
    "FeeAttribute",
    "GlobalListingPolicy",
    "GlobalProductAssociation",
    "GlobalSkuMapping",
    "IdentifierCode",
    "IdentifierCodeType",
    "Image",
    "ImageUseCase",
    "IntegratedPlatformStatus",
    "InventoryDistribution",
    "InventoryRecord",
    "InventoryType",
    "ListPrice",
    "ListingPlatform",
    "ListingQualityTier",
    "NotLiveReason",
    "PackageDimensions",
    "PackageWeight",
    "PreApprovedReason",
    "PreSale",
    "PreSaleFulfillment",
    "PreSaleType",
    "PrescriptionRequirement",
    "Product",
    "ProductAttribute",
    "ProductAttributeValue",
    "ProductAudit",
    "ProductAuditStatus",
    "ProductDeliveryOption",
    "ProductFamily",
    "ProductFamilyMember",
    "ProductStatus",
    "ProductType",
    "RecommendedCategory",
    "ReplicateSource",
    "SalesAttribute",
    "SalesAttributeMapping",
    "ShippingInsuranceRequirement",
    "SizeChart",
    "SizeChartTemplate",
    "Sku",
    "SkuInventory",
    "SkuPrice",
    "SkuStatus",
    "SkuStatusInfo",
    "StockShare",
    "SubscribeDiscount",
    "SubscribeInfo",
    "SubscribePromotionConfig",
    "SubscribeStatus",
    "UploadedImage",
    "Video",
    "WarehouseStock",
    "WeightUnit",
]


class ProductStatus(OpenEnum):
    """A listing's status; SELLER_DEACTIVATED is the seller's pause (停止中).

    INITIAL appears only in Get Product's ``product_status`` (a product never listed yet).
    """

    INITIAL = "INITIAL"
    DRAFT = "DRAFT"
    PENDING = "PENDING"
    FAILED = "FAILED"
    ACTIVATE = "ACTIVATE"
    SELLER_DEACTIVATED = "SELLER_DEACTIVATED"
    PLATFORM_DEACTIVATED = "PLATFORM_DEACTIVATED"
    FREEZE = "FREEZE"
    DELETED = "DELETED"
    SCHEDULED = "SCHEDULED"


class ListingQualityTier(OpenEnum):
    """TikTok's grade of a listing's information (US only)."""

    POOR = "POOR"
    FAIR = "FAIR"
    GOOD = "GOOD"


class ShippingInsuranceRequirement(OpenEnum):
    """Whether buyers must, may or cannot buy shipping insurance for the product."""

    REQUIRED = "REQUIRED"
    OPTIONAL = "OPTIONAL"
    NOT_SUPPORTED = "NOT_SUPPORTED"


class SkuStatus(OpenEnum):
    """Whether a SKU can be sold."""

    NORMAL = "NORMAL"
    DEACTIVATED = "DEACTIVATED"


class DeactivationSource(OpenEnum):
    """Who deactivated a SKU (COMBO_RELATION: a bundle it belongs to)."""

    SELLER = "SELLER"
    PLATFORM = "PLATFORM"
    COMBO_RELATION = "COMBO_RELATION"


class PreSaleType(OpenEnum):
    """The kind of pre-sale a SKU is (US, UK and SEA markets)."""

    PRE_ORDER = "PRE_ORDER"
    MADE_TO_ORDER = "MADE_TO_ORDER"
    CUSTOM = "CUSTOM"


class ExternalPriceSource(OpenEnum):
    """Where an external list price comes from."""

    SHOPIFY_COMPARE_AT_PRICE = "SHOPIFY_COMPARE_AT_PRICE"


class FeeAttribute(OpenEnum):
    """More about a fee (for Germany's Pfand: single-use or reusable containers)."""

    SINGLE_USE = "SINGLE_USE"
    REUSABLE = "REUSABLE"
    NOT_APPLICABLE = "NOT_APPLICABLE"


class IdentifierCodeType(OpenEnum):
    """The standard of a SKU's identifier code (JAN in Japan)."""

    GTIN = "GTIN"
    EAN = "EAN"
    UPC = "UPC"
    ISBN = "ISBN"
    JAN = "JAN"


class InventoryType(OpenEnum):
    """Whether a replicated SKU shares its stock with the source SKU."""

    SHARED = "SHARED"
    EXCLUSIVE = "EXCLUSIVE"


class NotLiveReason(OpenEnum):
    """Why a virtual bundle SKU is not live."""

    SUB_PRODUCT_DEACTIVATE = "SUB_PRODUCT_DEACTIVATE"
    SUB_PRODUCT_DELETE = "SUB_PRODUCT_DELETE"
    SUB_PRODUCT_FROZEN = "SUB_PRODUCT_FROZEN"
    SUB_SKU_DELETE = "SUB_SKU_DELETE"
    SUB_PRODUCT_CATEGORY_FIRST_LEVEL_ERROR = "SUB_PRODUCT_CATEGORY_FIRST_LEVEL_ERROR"
    SUB_PRODUCT_CATEGORY_OVER_RESTRICTION = "SUB_PRODUCT_CATEGORY_OVER_RESTRICTION"


class SubscribeStatus(OpenEnum):
    """Whether Subscribe and Save is on for a product."""

    ENABLED = "ENABLED"
    NOT_ENABLED = "NOT_ENABLED"


class DiscountLevel(OpenEnum):
    """Which Subscribe and Save order a discount applies to."""

    REGULAR = "REGULAR"
    FIRST_ORDER = "FIRST_ORDER"
    RETENTION = "RETENTION"


class Image(WireModel):
    """A product image: its ``uri`` (to reuse in writes) and the URLs to show it."""

    uri: str = ""
    urls: list[str] = Field(default_factory=list)
    thumb_urls: list[str] = Field(default_factory=list)
    width: int | None = None
    height: int | None = None


class SkuPrice(WireModel):
    """A SKU price; in Japan tax-exclusive equals sale price.

    ``unit_price`` is the EU's price per base unit.
    """

    currency: str = ""
    amount: OptionalMoney = None
    sale_price: OptionalMoney = None
    tax_exclusive_price: OptionalMoney = None
    unit_price: OptionalMoney = None


class ListPrice(WireModel):
    """A reference price (MSRP or RRP), shown struck through (US only)."""

    amount: OptionalMoney = None
    currency: str = ""


class ExternalListPrice(WireModel):
    """A SKU's list price on another e-commerce platform (selected US sellers)."""

    source: ExternalPriceSource | None = None
    amount: OptionalMoney = None
    currency: str = ""


class SkuInventory(WireModel):
    """Stock of a SKU in one warehouse (``handling_time``: working days for a backorder)."""

    warehouse_id: str = ""
    quantity: int = 0
    backorder_quantity: int | None = None
    handling_time: int | None = None


class PreSaleFulfillment(WireModel):
    """When a pre-sale SKU is handed over: after some days, or from a release date."""

    handling_duration_days: int | None = None
    release_date: OptionalTimestamp = None


class PreSale(WireModel):
    """A SKU's pre-sale terms."""

    type: PreSaleType | None = None
    fulfillment_type: PreSaleFulfillment | None = None


class SkuStatusInfo(WireModel):
    """Whether a SKU is sellable, and who deactivated it if not."""

    status: SkuStatus | None = None
    deactivation_source: DeactivationSource | None = None


class Fee(WireModel):
    """A fee a product category requires (``type`` PFAND: Germany's container deposit)."""

    type: str = ""
    amount: OptionalMoney = None
    additional_attribute: FeeAttribute | None = None


class IdentifierCode(WireModel):
    """A SKU's standard identifier, such as its JAN code."""

    code: str = ""
    type: IdentifierCodeType | None = None


class SalesAttribute(WireModel):
    """One variant attribute of a SKU (カラー: 藍), with its images when it has them."""

    id: str = ""
    name: str = ""
    value_id: str = ""
    value_name: str = ""
    sku_img: Image | None = None
    supplementary_sku_images: list[Image] = Field(default_factory=list)


class CategoryChain(WireModel):
    """One level of a product's category, from the root down to the leaf."""

    id: str = ""
    parent_id: str = ""
    local_name: str = ""
    is_leaf: bool | None = None


class Brand(WireModel):
    """A product's brand."""

    id: str = ""
    name: str = ""


class CombinedSku(WireModel):
    """A SKU inside a virtual bundle SKU, with its product's summary."""

    product_id: str = ""
    sku_id: str = ""
    sku_count: int | None = None
    seller_sku: str = ""
    title: str = ""
    sales_attributes: list[SalesAttribute] = Field(default_factory=list)
    price: SkuPrice | None = None
    inventory: list[SkuInventory] = Field(default_factory=list)
    product_main_image: Image | None = None
    categories: list[CategoryChain] = Field(default_factory=list)
    brand: Brand | None = None
    combined_listing_not_live_reasons: list[NotLiveReason] = Field(default_factory=list)


class ReplicateSource(WireModel):
    """The SKU a replicated SKU was copied from."""

    product_id: str = ""
    shop_id: str = ""
    sku_id: str = ""


class GlobalListingPolicy(WireModel):
    """How a replicated SKU follows its source: price sync and shared or own stock."""

    price_sync: bool | None = None
    inventory_type: InventoryType | None = None
    replicate_source: ReplicateSource | None = None


class Sku(WireModel):
    """One variant of a product, identified by TikTok's id and the seller's SKU code."""

    id: str
    seller_sku: str = ""
    price: SkuPrice | None = None
    inventory: list[SkuInventory] = Field(default_factory=list)
    sales_attributes: list[SalesAttribute] = Field(default_factory=list)
    status_info: SkuStatusInfo | None = None
    external_sku_id: str = ""
    identifier_code: IdentifierCode | None = None
    extra_identifier_codes: list[str] = Field(default_factory=list)
    combined_skus: list[CombinedSku] = Field(default_factory=list)
    global_listing_policy: GlobalListingPolicy | None = None
    #: The EU's quantity or volume per SKU, for the unit price ("500" for 500 ml).
    sku_unit_count: str = ""
    external_urls: list[str] = Field(default_factory=list)
    pre_sale: PreSale | None = None
    list_price: ListPrice | None = None
    external_list_prices: list[ExternalListPrice] = Field(default_factory=list)
    fees: list[Fee] = Field(default_factory=list)


class RecommendedCategory(WireModel):
    """A category TikTok suggests for a product."""

    id: str = ""
    local_name: str = ""


class IntegratedPlatformStatus(WireModel):
    """A product's status on another platform it is listed on (Tokopedia)."""

    platform: ListingPlatform | None = None
    status: ProductStatus | None = None


class ProductFamilyMember(WireModel):
    """A product in a product family."""

    id: str = ""


class ProductFamily(WireModel):
    """Products TikTok groups as variants of one another."""

    id: str = ""
    products: list[ProductFamilyMember] = Field(default_factory=list)


class Video(WireModel):
    """A product video."""

    id: str = ""
    cover_url: str = ""
    format: str = ""
    url: str = ""
    width: int | None = None
    height: int | None = None
    size: int | None = None


class PackageDimensions(WireModel):
    """A packed product's size, as whole numbers in ``unit`` (CENTIMETER, or INCH in the US)."""

    length: str = ""
    width: str = ""
    height: str = ""
    unit: str = ""


class CertificationFile(WireModel):
    """A file attached to a product certification."""

    id: str = ""
    urls: list[str] = Field(default_factory=list)
    name: str = ""
    format: str = ""


class Certification(WireModel):
    """A certification a restricted category requires, with its files and images."""

    id: str = ""
    title: str = ""
    files: list[CertificationFile] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    expiration_date: OptionalTimestamp = None


class SizeChartTemplate(WireModel):
    """A size chart template of the shop."""

    id: str = ""


class SizeChart(WireModel):
    """A product's size chart: an image or a template."""

    image: Image | None = None
    template: SizeChartTemplate | None = None


class ProductAttributeValue(WireModel):
    """One value of a product attribute."""

    id: str = ""
    name: str = ""


class ProductAttribute(WireModel):
    """A general attribute of the product (material, country of origin ...)."""

    id: str = ""
    name: str = ""
    values: list[ProductAttributeValue] = Field(default_factory=list)


class AuditFailedReason(WireModel):
    """Why the review failed, where, and what to change."""

    position: str = ""
    reasons: list[str] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    listing_platform: ListingPlatform | None = None


class ProductDeliveryOption(WireModel):
    """A delivery option assigned to the product."""

    id: str = ""
    name: str = ""
    is_available: bool | None = None


class SalesAttributeMapping(WireModel):
    """How a local sales attribute and value map to the global product's."""

    local_attribute_id: str = ""
    global_attribute_id: str = ""
    local_value_id: str = ""
    global_value_id: str = ""


class GlobalSkuMapping(WireModel):
    """Which global SKU a local SKU comes from (cross-border sellers)."""

    global_sku_id: str = ""
    local_sku_id: str = ""
    sales_attribute_mappings: list[SalesAttributeMapping] = Field(default_factory=list)


class GlobalProductAssociation(WireModel):
    """The global product a local product was published from (cross-border sellers)."""

    global_product_id: str = ""
    sku_mappings: list[GlobalSkuMapping] = Field(default_factory=list)


class PrescriptionRequirement(WireModel):
    """Whether the product needs a prescription."""

    needs_prescription: bool | None = None


class SubscribeDiscount(WireModel):
    """A Subscribe and Save discount, in percent."""

    discount_level: DiscountLevel | None = None
    discount_value: int | None = None


class SubscribePromotionConfig(WireModel):
    """The Subscribe and Save discounts a seller may choose from, in percent."""

    discount_level: DiscountLevel | None = None
    discount_options: list[int] = Field(default_factory=list)
    max_discount: int | None = None
    min_discount: int | None = None


class SubscribeInfo(WireModel):
    """A product's Subscribe and Save settings (US only)."""

    support_subscribe: bool | None = None
    subscribe_status: SubscribeStatus | None = None
    subscribe_discount_details: list[SubscribeDiscount] = Field(default_factory=list)
    subscribe_promotion_config: list[SubscribePromotionConfig] = Field(default_factory=list)


class Product(WireModel):
    """A product (from Search Products or Get Product)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "title", "status", "skus")

    id: str
    title: str = ""
    description: str = ""
    status: ProductStatus | None = None
    #: Get Product's status apart from review (INITIAL: never listed yet).
    product_status: ProductStatus | None = None
    skus: list[Sku] = Field(default_factory=list)
    audit: ProductAudit | None = None
    audit_failed_reasons: list[AuditFailedReason] = Field(default_factory=list)
    category_chains: list[CategoryChain] = Field(default_factory=list)
    recommended_categories: list[RecommendedCategory] = Field(default_factory=list)
    brand: Brand | None = None
    main_images: list[Image] = Field(default_factory=list)
    video: Video | None = None
    package_dimensions: PackageDimensions | None = None
    package_weight: PackageWeight | None = None
    certifications: list[Certification] = Field(default_factory=list)
    size_chart: SizeChart | None = None
    product_attributes: list[ProductAttribute] = Field(default_factory=list)
    delivery_options: list[ProductDeliveryOption] = Field(default_factory=list)
    shipping_template_id: str = ""
    sales_regions: list[str] = Field(default_factory=list)
    is_cod_allowed: bool | None = None
    is_not_for_sale: bool | None = None
    is_pre_owned: bool | None = None
    minimum_order_quantity: int | None = None
    shipping_insurance_requirement: ShippingInsuranceRequirement | None = None
    external_product_id: str = ""
    product_types: list[ProductType] = Field(default_factory=list)
    primary_combined_product_id: str = ""
    product_families: list[ProductFamily] = Field(default_factory=list)
    manufacturer_ids: list[str] = Field(default_factory=list)
    responsible_person_ids: list[str] = Field(default_factory=list)
    listing_quality_tier: ListingQualityTier | None = None
    integrated_platform_statuses: list[IntegratedPlatformStatus] = Field(default_factory=list)
    #: Why syncing the product to another platform (Tokopedia) failed.
    product_sync_fail_reasons: list[str] = Field(default_factory=list)
    global_product_association: GlobalProductAssociation | None = None
    is_replicated: bool | None = None
    prescription_requirement: PrescriptionRequirement | None = None
    subscribe_info: SubscribeInfo | None = None
    has_draft: bool = False
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None


class CreatedSku(WireModel):
    """A SKU TikTok created, with its id."""

    id: str
    seller_sku: str = ""
    external_sku_id: str = ""
    sales_attributes: list[SalesAttribute] = Field(default_factory=list)
    fees: list[Fee] = Field(default_factory=list)


class CreatedProduct(WireModel):
    """Create Product's result; the product then goes to review."""

    product_id: str
    skus: list[CreatedSku] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)


class BatchResult(WireModel):
    """A batch call's per-item failures; empty when every item succeeded."""

    errors: list[ItemError] = Field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every item succeeded."""
        return not self.errors


class WarehouseStock(WireModel):
    """Stock of a SKU in one warehouse: available to sell, and committed to orders."""

    warehouse_id: str = ""
    available_quantity: int | None = None
    committed_quantity: int | None = None


class StockShare(WireModel):
    """Stock set aside for a campaign or a creator, or left to the shop."""

    quantity: int | None = None
    campaign_name: str = ""
    creator_name: str = ""


class InventoryDistribution(WireModel):
    """Where a SKU's available stock is: campaigns, creators and the shop itself."""

    campaign_inventory: list[StockShare] = Field(default_factory=list)
    creator_inventory: list[StockShare] = Field(default_factory=list)
    in_shop_inventory: StockShare | None = None


class InventoryRecord(WireModel):
    """Inventory Search: stock of one SKU across warehouses.

    TikTok nests SKUs under their product (``inventory[].skus[]``); the client flattens that
    to one record per SKU, with ``sku_id`` taken from the SKU's ``id``.
    """

    product_id: str = ""
    sku_id: str = ""
    seller_sku: str = ""
    total_available_quantity: int | None = None
    total_committed_quantity: int | None = None
    warehouse_inventory: list[WarehouseStock] = Field(default_factory=list)
    total_available_inventory_distribution: InventoryDistribution | None = None


class ImageUseCase(OpenEnum):
    """What an uploaded image is for."""

    MAIN_IMAGE = "MAIN_IMAGE"
    ATTRIBUTE_IMAGE = "ATTRIBUTE_IMAGE"
    DESCRIPTION_IMAGE = "DESCRIPTION_IMAGE"
    CERTIFICATION_IMAGE = "CERTIFICATION_IMAGE"
    SIZE_CHART_IMAGE = "SIZE_CHART_IMAGE"


class UploadedImage(WireModel):
    """An uploaded image; pass ``uri`` in ``main_images`` when creating a product."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("uri", "width", "height", "use_case")

    uri: str
    url: str = ""
    width: int | None = None
    height: int | None = None
    use_case: ImageUseCase | None = None
