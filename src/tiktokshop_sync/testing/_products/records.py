"""Products and SKUs as the fake stores them, and their exact TikTok wire shapes (§5.8)."""

from __future__ import annotations

import hashlib
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
    "image_to_wire",
    "sales_attribute",
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


# Audit has nothing to say of a product that is a draft, frozen or deactivated: "NONE"
# (get-product.spec.json, audit.status).
_UNAUDITED: Final = frozenset({"DRAFT", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE"})
_IMAGE_HOST: Final = "https://p16-oec-sg.ibyteimg.com"
# Ids of the sales attributes a JP seller names most; others get one from their name. TikTok's
# ids come from Get Attributes per category: these are stand-ins [inferred].
_ATTRIBUTE_IDS: Final = {"カラー": "100000", "サイズ": "100007", "バリエーション": "100089"}


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _stable_id(prefix: str, text: str, digits: int = 19) -> str:
    """An id made from ``text`` alone, so naming a value again gives the same id."""
    value = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")
    return prefix + f"{value % 10 ** (digits - len(prefix)):0{digits - len(prefix)}d}"


def sales_attribute(name: str, value_name: str, *, image_uri: str = "") -> dict[str, str]:
    """A sales attribute with its ids (a custom name or value gets a new one, TikTok says)."""
    attribute: dict[str, str] = {
        "id": _ATTRIBUTE_IDS.get(name) or _stable_id("7", f"attribute/{name}"),
        "name": name,
        "value_id": _stable_id("7", f"value/{name}/{value_name}"),
        "value_name": value_name,
    }
    if image_uri:
        attribute["sku_img"] = image_uri
    return attribute


def image_to_wire(uri: str, width: int = 800, height: int = 800) -> dict[str, Any]:
    """An image object: its URI, full-size and thumbnail URLs, and size in pixels."""
    return {
        "uri": uri,
        "urls": [f"{_IMAGE_HOST}/{uri}~tplv-o3syd03w52-origin.jpeg"],
        "thumb_urls": [f"{_IMAGE_HOST}/{uri}~tplv-o3syd03w52-resize-jpeg:300:300.jpeg"],
        "width": width,
        "height": height,
    }


def _ids_only(attributes: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"id": a["id"], "value_id": a["value_id"]} for a in attributes]


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
    #: ``{id, name, value_id, value_name}`` each, and ``sku_img`` (a URI) on the first.
    sales_attributes: list[dict[str, str]] = field(factory=list)
    #: The SKU's picture (an image URI); orders show it as ``sku_image``.
    image_uri: str = ""
    #: ``(type, code)``, e.g. ``("JAN", "4912345678904")``.
    identifier_code: tuple[str, str] | None = None

    @property
    def name(self) -> str:
        """The variant's display name, its attribute values joined: ``ブラック, M``."""
        return ", ".join(a.get("value_name", "") for a in self.sales_attributes)

    @property
    def image_url(self) -> str:
        """The SKU's picture as orders show it (300 x 300)."""
        if not self.image_uri:
            return ""
        return f"{_IMAGE_HOST}/{self.image_uri}~tplv-aphluv4xwc-resize-jpeg:300:300.jpg"

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

    def attributes_to_wire(self) -> list[dict[str, Any]]:
        """The sales attributes, the primary one with its image (``sku_img``)."""
        wire: list[dict[str, Any]] = []
        for attribute in self.sales_attributes:
            item: dict[str, Any] = {k: v for k, v in attribute.items() if k != "sku_img"}
            if attribute.get("sku_img"):
                item["sku_img"] = image_to_wire(attribute["sku_img"])
            wire.append(item)
        return wire


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
    #: ``{value, unit}`` with the unit KILOGRAM or POUND, as Create Product takes it.
    package_weight: dict[str, Any] | None = None
    #: ``{length, width, height, unit}`` with the unit CENTIMETER or INCH.
    package_dimensions: dict[str, Any] | None = None
    #: ``(brand id, name)``.
    brand: tuple[str, str] | None = None
    #: General attributes (原産国, 素材…) as ``[{id, name, values: [{id, name}]}]``.
    attributes: list[dict[str, Any]] = field(factory=list)
    #: The size chart image (an image URI), for clothing.
    size_chart_uri: str = ""
    #: The status a DELETED product had, which Recover Products gives back [inferred].
    status_before_delete: str | None = None
    #: Why its last review failed (``audit_failed_reasons``), when it did.
    audit_failures: list[dict[str, Any]] = field(factory=list)
    #: The certifications sent with it, as Create Product takes them.
    certifications: list[dict[str, Any]] = field(factory=list)

    def sku(self, sku_id: str) -> FakeProductSku | None:
        """The SKU with this id, if it belongs to this product."""
        return next((s for s in self.skus if s.id == sku_id), None)

    @property
    def weight_grams(self) -> int:
        """The package weight in grams (0 when the seller gave none)."""
        weight = self.package_weight or {}
        try:
            value = float(weight.get("value", 0))
        except (TypeError, ValueError):
            return 0
        return round(value * (453.59237 if weight.get("unit") == "POUND" else 1000))

    @property
    def box_cm(self) -> tuple[int, int, int]:
        """The package's length, width and height in centimetres (zeros when not given)."""
        box = self.package_dimensions or {}
        factor = 2.54 if box.get("unit") == "INCH" else 1.0
        sizes = []
        for name in ("length", "width", "height"):
            try:
                sizes.append(round(float(box.get(name, 0)) * factor))
            except (TypeError, ValueError):
                sizes.append(0)
        return sizes[0], sizes[1], sizes[2]

    @property
    def audit_to_wire(self) -> dict[str, Any]:
        """``audit``: NONE when nothing is reviewed, FAILED after a failed review."""
        if self.status in _UNAUDITED:
            status = "NONE"
        elif self.status == "FAILED":
            status = "FAILED"
        else:
            status = self.audit_status or "NONE"
        # "Applicable only if audit.status=PRE_APPROVED, otherwise returns an empty array."
        return {"status": status, "pre_approved_reasons": []}

    @property
    def product_status(self) -> str:
        """The status without the review's part: INITIAL until first listed [inferred]."""
        if self.status in ("PENDING", "FAILED"):
            return "INITIAL" if self.first_review or self.status == "FAILED" else "ACTIVATE"
        return self.status

    def _sku_status(self) -> dict[str, str]:
        if self.status == "SELLER_DEACTIVATED":
            return {"status": "DEACTIVATED", "deactivation_source": "SELLER"}
        if self.status == "PLATFORM_DEACTIVATED":
            return {"status": "DEACTIVATED", "deactivation_source": "PLATFORM"}
        return {"status": "NORMAL"}

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
        status_info = self._sku_status()
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
                    "status_info": dict(status_info),
                }
                for sku in self.skus
            ],
            "sales_regions": ["JP"],
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            "audit": self.audit_to_wire,
            "has_draft": False,
            "is_not_for_sale": False,
        }

    def to_detail_wire(self) -> dict[str, Any]:
        """This product as Get Product returns it."""
        chain = self.category_chain
        status_info = self._sku_status()
        wire: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "status": self.status,
            "product_status": self.product_status,
            "audit": self.audit_to_wire,
            "category_chains": [
                {
                    "id": cid,
                    "local_name": name,
                    "is_leaf": i == len(chain) - 1,
                    "parent_id": chain[i - 1][0] if i else "0",
                }
                for i, (cid, name) in enumerate(chain)
            ],
            "main_images": [image_to_wire(uri) for uri in self.main_images],
            "skus": [
                {
                    "id": sku.id,
                    "seller_sku": sku.seller_sku,
                    "price": sku.price_to_wire(),
                    "inventory": sku.inventory_to_wire(),
                    "sales_attributes": sku.attributes_to_wire(),
                    "external_sku_id": "",
                    "status_info": dict(status_info),
                    **(
                        {"identifier_code": {"type": code[0], "code": code[1]}}
                        if (code := sku.identifier_code) is not None
                        else {}
                    ),
                }
                for sku in self.skus
            ],
            "external_product_id": "",
            "is_not_for_sale": False,
            "is_replicated": False,
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            "has_draft": False,
        }
        if self.brand is not None:
            wire["brand"] = {"id": self.brand[0], "name": self.brand[1]}
        if self.package_weight is not None:
            wire["package_weight"] = dict(self.package_weight)
        if self.package_dimensions is not None:
            wire["package_dimensions"] = dict(self.package_dimensions)
        if self.attributes:
            wire["product_attributes"] = [dict(a) for a in self.attributes]
        if self.size_chart_uri:
            wire["size_chart"] = {"image": image_to_wire(self.size_chart_uri, 750, 1000)}
        if self.status == "FAILED":
            # What a review that failed on the pictures says [inferred: TikTok's wording varies].
            wire["audit_failed_reasons"] = [dict(f) for f in self.audit_failures] or [
                {
                    "position": "商品画像",
                    "reasons": ["画像に透かしやロゴが含まれています"],
                    "suggestions": ["透かしやロゴのない商品画像に差し替えてから再申請してください"],
                    "listing_platform": "TIKTOK_SHOP",
                }
            ]
        return wire

    def _written_skus(self) -> list[dict[str, Any]]:
        """The SKUs as Create and Partial Edit Product answer them: ids, no details."""
        return [
            {
                "id": sku.id,
                "seller_sku": sku.seller_sku,
                "sales_attributes": _ids_only(sku.sales_attributes),
                "external_sku_id": "",
            }
            for sku in self.skus
        ]

    def to_created_wire(self, warnings: tuple[str, ...] = ()) -> dict[str, Any]:
        """Create Product's ``data`` for this product (and what TikTok warns about)."""
        return {
            "product_id": self.id,
            "skus": self._written_skus(),
            "warnings": [{"message": message} for message in warnings],
        }

    def to_edited_wire(self) -> dict[str, Any]:
        """Partial Edit Product's ``data`` for this product."""
        return {
            "product_id": self.id,
            "skus": self._written_skus(),
            "audit": {"status": self.audit_to_wire["status"]},
        }

    def to_replaced_wire(self, warnings: tuple[str, ...] = ()) -> dict[str, Any]:
        """Edit Product's ``data`` (full edit): the SKUs, the review and any warnings."""
        return {
            **self.to_edited_wire(),
            "warnings": [{"message": message} for message in warnings],
        }
