"""Products and SKUs as the fake stores them, and their exact TikTok wire shapes (§5.8)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final

from attrs import define, field, frozen

__all__ = [
    "AUDIT_TIME",
    "ORDERABLE_STATUSES",
    "PRODUCT_STATUSES",
    "FakeProduct",
    "FakeProductSku",
    "FakeSku",
]

PRODUCT_STATUSES: Final[tuple[str, ...]] = (
    "DRAFT",
    "PENDING",
    "FAILED",
    "ACTIVATE",
    "SELLER_DEACTIVATED",
    "PLATFORM_DEACTIVATED",
    "FREEZE",
    "DELETED",
)

#: Statuses of a product that has been on sale, so buyers have orders of it: live, or paused
#: after listing (orders placed before the pause remain).
ORDERABLE_STATUSES: Final[frozenset[str]] = frozenset(
    {"ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED"}
)

#: How long TikTok's review (審査) of a new or re-activated product takes in the fake.
AUDIT_TIME: Final = timedelta(hours=1)


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


@frozen(kw_only=True)
class FakeSku:
    """A SKU as an order draws it from the catalogue: product, names, price and image."""

    product_id: str
    sku_id: str
    seller_sku: str
    product_name: str
    sku_name: str
    price: int
    sku_image: str


@define(kw_only=True, eq=False)
class FakeProductSku:
    """A SKU: TikTok's id, the seller's code, a tax-inclusive JPY price and stock per warehouse."""

    id: str
    seller_sku: str
    price: int
    inventory: dict[str, int] = field(factory=dict)
    sales_attributes: list[dict[str, str]] = field(factory=list)
    #: The SKU's picture as orders show it (``sku_image``).
    image_url: str = ""

    @property
    def name(self) -> str:
        """The variant's display name, its attribute values joined: ``ブラック, M``."""
        return ", ".join(a.get("value_name", "") for a in self.sales_attributes)

    def price_to_wire(self) -> dict[str, str]:
        """JP has no tax-exclusive pricing: ``tax_exclusive_price`` equals ``sale_price``."""
        return {
            "currency": "JPY",
            "tax_exclusive_price": str(self.price),
            "sale_price": str(self.price),
        }

    def inventory_to_wire(self) -> list[dict[str, Any]]:
        """``[{warehouse_id, quantity}]`` in assignment order."""
        return [{"warehouse_id": w, "quantity": q} for w, q in self.inventory.items()]


@define(kw_only=True, eq=False)
class FakeProduct:
    """A listing with its SKUs; ``audit_due`` is when a PENDING review finishes."""

    id: str
    shop_id: str
    title: str
    description: str
    category_chain: tuple[tuple[str, str], ...]
    status: str
    skus: list[FakeProductSku] = field(factory=list)
    main_images: list[str] = field(factory=list)
    create_time: datetime
    update_time: datetime
    audit_status: str = "APPROVED"
    audit_due: datetime | None = None
    first_review: bool = False
    category_version: str = "v1"
    package_weight: dict[str, Any] | None = None
    #: The status a DELETED product had, which Recover Products gives back [inferred].
    status_before_delete: str | None = None

    def sku(self, sku_id: str) -> FakeProductSku | None:
        """The SKU with this id, if it belongs to this product."""
        return next((s for s in self.skus if s.id == sku_id), None)

    def to_order_skus(self) -> list[FakeSku]:
        """Each SKU as an order line draws it."""
        return [
            FakeSku(
                product_id=self.id,
                sku_id=sku.id,
                seller_sku=sku.seller_sku,
                product_name=self.title,
                sku_name=sku.name,
                price=sku.price,
                sku_image=sku.image_url,
            )
            for sku in self.skus
        ]

    def to_search_wire(self) -> dict[str, Any]:
        """This product as Search Products lists it (key properties only)."""
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "skus": [
                {
                    "id": sku.id,
                    "seller_sku": sku.seller_sku,
                    "price": sku.price_to_wire(),
                    "inventory": sku.inventory_to_wire(),
                }
                for sku in self.skus
            ],
            "sales_regions": ["JP"],
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            "audit": {"status": self.audit_status},
            "has_draft": False,
        }

    def to_detail_wire(self) -> dict[str, Any]:
        """This product as Get Product returns it."""
        chain = self.category_chain
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "status": self.status,
            "audit": {"status": self.audit_status},
            "category_chains": [
                {
                    "id": cid,
                    "local_name": name,
                    "is_leaf": i == len(chain) - 1,
                    "parent_id": chain[i - 1][0] if i else "0",
                }
                for i, (cid, name) in enumerate(chain)
            ],
            "main_images": [
                {
                    "uri": uri,
                    "urls": [f"https://p16-oec-sg.ibyteimg.com/{uri}~tplv-o3syd03w52-origin.jpeg"],
                    "width": 800,
                    "height": 800,
                }
                for uri in self.main_images
            ],
            "skus": [
                {
                    "id": sku.id,
                    "seller_sku": sku.seller_sku,
                    "price": sku.price_to_wire(),
                    "inventory": sku.inventory_to_wire(),
                    "sales_attributes": [dict(a) for a in sku.sales_attributes],
                    "external_sku_id": "",
                }
                for sku in self.skus
            ],
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            "has_draft": False,
        }

    def to_created_wire(self) -> dict[str, Any]:
        """Create Product's ``data`` for this product."""
        return {
            "product_id": self.id,
            "skus": [
                {
                    "id": sku.id,
                    "seller_sku": sku.seller_sku,
                    "sales_attributes": [dict(a) for a in sku.sales_attributes],
                    "external_sku_id": "",
                }
                for sku in self.skus
            ],
            "warnings": [],
        }

    def to_edited_wire(self) -> dict[str, Any]:
        """Partial Edit Product's ``data`` for this product."""
        return {
            "product_id": self.id,
            "skus": [{"id": s.id, "seller_sku": s.seller_sku} for s in self.skus],
            "warnings": [],
        }
