"""Products, SKUs, prices and inventory as TikTok sends them."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ._base import OpenEnum, OptionalMoney, OptionalTimestamp, WireModel
from .common import ItemError, Warning_

__all__ = [
    "BatchResult",
    "CreatedProduct",
    "CreatedSku",
    "InventoryRecord",
    "Product",
    "ProductAudit",
    "ProductStatus",
    "Sku",
    "SkuInventory",
    "SkuPrice",
    "UploadedImage",
]


class ProductStatus(OpenEnum):
    """A listing's status; SELLER_DEACTIVATED is the seller's pause (停止中)."""

    DRAFT = "DRAFT"
    PENDING = "PENDING"
    FAILED = "FAILED"
    ACTIVATE = "ACTIVATE"
    SELLER_DEACTIVATED = "SELLER_DEACTIVATED"
    PLATFORM_DEACTIVATED = "PLATFORM_DEACTIVATED"
    FREEZE = "FREEZE"
    DELETED = "DELETED"
    SCHEDULED = "SCHEDULED"


class SkuPrice(WireModel):
    """A SKU price; in Japan tax-exclusive equals sale price."""

    currency: str = ""
    amount: OptionalMoney = None
    sale_price: OptionalMoney = None
    tax_exclusive_price: OptionalMoney = None


class SkuInventory(WireModel):
    """Stock of a SKU in one warehouse."""

    warehouse_id: str = ""
    quantity: int = 0
    backorder_quantity: int | None = None
    handling_time: int | None = None


class Sku(WireModel):
    """One variant of a product, identified by TikTok's id and the seller's SKU code."""

    id: str
    seller_sku: str = ""
    price: SkuPrice | None = None
    inventory: list[SkuInventory] = Field(default_factory=list)
    sales_attributes: list[dict[str, object]] = Field(default_factory=list)
    status_info: dict[str, object] | None = None
    external_sku_id: str = ""


class ProductAudit(WireModel):
    """The review (審査) state of a product."""

    status: str = ""
    pre_approved_reason: list[str] = Field(default_factory=list)
    #: Search Products spells it in the plural (202502 doc example).
    pre_approved_reasons: list[str] = Field(default_factory=list)


class Product(WireModel):
    """A product (from Search Products or Get Product)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "title", "status", "skus")

    id: str
    title: str = ""
    description: str = ""
    status: ProductStatus | None = None
    skus: list[Sku] = Field(default_factory=list)
    audit: ProductAudit | None = None
    audit_failed_reasons: list[dict[str, object]] = Field(default_factory=list)
    category_chains: list[dict[str, object]] = Field(default_factory=list)
    main_images: list[dict[str, object]] = Field(default_factory=list)
    sales_regions: list[str] = Field(default_factory=list)
    has_draft: bool = False
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None


class CreatedSku(WireModel):
    """A SKU TikTok created, with its id."""

    id: str
    seller_sku: str = ""
    external_sku_id: str = ""
    sales_attributes: list[dict[str, object]] = Field(default_factory=list)


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
    warehouse_inventory: list[dict[str, object]] = Field(default_factory=list)
    total_available_inventory_distribution: dict[str, object] | None = None


class UploadedImage(WireModel):
    """An uploaded image; pass ``uri`` in ``main_images`` when creating a product."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("uri", "width", "height", "use_case")

    uri: str
    url: str = ""
    width: int | None = None
    height: int | None = None
    use_case: str = ""
