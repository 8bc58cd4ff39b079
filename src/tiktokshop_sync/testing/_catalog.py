"""Products, SKUs, prices and stock of the fake shops (reference §5.8).

Each shop is seeded with the built-in JP catalogue (the SKUs orders are drawn from), stocked
in its default warehouse. Status changes only through create/audit, activate, deactivate or
a re-audited edit: price and inventory writes never touch it (the CoreLink lesson).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from attrs import define, field

from tiktokshop_sync.testing._data import CATALOGUE, CATEGORY_CHAINS
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._records import FakeSku

__all__ = [
    "AUDIT_TIME",
    "PRODUCT_STATUSES",
    "Catalog",
    "FakeProduct",
    "FakeProductSku",
    "ProductEvent",
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

#: How long TikTok's review (審査) of a new or re-activated product takes in the fake.
AUDIT_TIME: Final = timedelta(hours=1)

# The built-in catalogue ships one product the seller has paused (停止中).
_PAUSED_SELLER_SKUS: Final[frozenset[str]] = frozenset({"BG-TOTE-NVY"})

#: A product status change to report as a type-5 webhook: (product, PRODUCT_* kind, time).
ProductEvent = Callable[["FakeProduct", str, datetime], None]


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _sales_attributes(sku_name: str) -> list[dict[str, str]]:
    values = [part.strip() for part in sku_name.split(",")]
    names = ["カラー", "サイズ"] if len(values) == 2 else ["バリエーション"] * len(values)
    return [{"name": n, "value_name": v} for n, v in zip(names, values, strict=True)]


@define(kw_only=True, eq=False)
class FakeProductSku:
    """A SKU: TikTok's id, the seller's code, a tax-inclusive JPY price and stock per warehouse."""

    id: str
    seller_sku: str
    price: int
    inventory: dict[str, int] = field(factory=dict)
    sales_attributes: list[dict[str, str]] = field(factory=list)

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


class Catalog:
    """Every shop's products, their idempotency keys and pending reviews; behind the state lock."""

    def __init__(self, ids: IdFactory, rng: random.Random, on_change: ProductEvent) -> None:
        self._ids = ids
        self._rng = rng
        self._on_change = on_change
        self.products: dict[str, FakeProduct] = {}
        self.by_shop: dict[str, list[FakeProduct]] = {}
        self.idempotency: dict[tuple[str, str], FakeProduct] = {}
        # Products with a review in progress, so tick() need not scan the whole catalogue.
        self._in_review: dict[str, FakeProduct] = {}
        self._bulk: dict[str, int] = {}

    # --- seeding ------------------------------------------------------------------------------

    def seed(self, shop_id: str, skus: Sequence[FakeSku], warehouse_id: str, now: datetime) -> None:
        """List the built-in catalogue for a shop, reusing its order SKUs' ids."""
        rng = self._rng
        by_product: dict[str, list[FakeSku]] = {}
        for sku in skus:
            by_product.setdefault(sku.product_id, []).append(sku)
        self.by_shop.setdefault(shop_id, [])
        for (product_id, product_skus), spec, chain in zip(
            by_product.items(), CATALOGUE, CATEGORY_CHAINS, strict=True
        ):
            created = now - timedelta(days=rng.randint(30, 120), minutes=rng.randint(0, 1439))
            updated = created + timedelta(days=rng.randint(0, 20))
            paused = any(s.seller_sku in _PAUSED_SELLER_SKUS for s in product_skus)
            product = FakeProduct(
                id=product_id,
                shop_id=shop_id,
                title=spec.product_name,
                description=f"<p>{spec.product_name}。国内倉庫から発送します。</p>",
                category_chain=chain,
                status="SELLER_DEACTIVATED" if paused else "ACTIVATE",
                skus=[
                    FakeProductSku(
                        id=sku.sku_id,
                        seller_sku=sku.seller_sku,
                        price=sku.price,
                        inventory={warehouse_id: rng.choice((0, 5, 12, 30, 48, 120, 300))},
                        sales_attributes=_sales_attributes(sku.sku_name),
                    )
                    for sku in product_skus
                ],
                main_images=[f"tos-alisg-i-aphluv4xwc-sg/{self._ids.hex_upper(32).lower()}"],
                create_time=created,
                update_time=updated,
            )
            self._add(product)

    def bulk(self, shop_id: str, count: int, warehouse_id: str, status: str, now: datetime) -> int:
        """``count`` simple one-SKU products, cheaply (for paging and the 10,000 cap)."""
        rng = self._rng
        start = self._bulk.get(shop_id, 0)
        self._bulk[shop_id] = start + count
        for n in range(start, start + count):
            moment = now - timedelta(seconds=count + start - n)
            product = FakeProduct(
                id=f"17{rng.getrandbits(60) % 10**17:017d}",
                shop_id=shop_id,
                title=f"まとめ登録商品 {n + 1:05d}",
                description="<p>まとめ登録商品</p>",
                category_chain=CATEGORY_CHAINS[0],
                status=status,
                skus=[
                    FakeProductSku(
                        id=f"17{rng.getrandbits(60) % 10**17:017d}",
                        seller_sku=f"BULK-{n + 1:05d}",
                        price=1000,
                        inventory={warehouse_id: 10},
                    )
                ],
                create_time=moment,
                update_time=moment,
            )
            self._add(product)
        return count

    def _add(self, product: FakeProduct) -> None:
        if product.id in self.products:
            raise ValueError(f"a product with id {product.id!r} already exists")
        self.products[product.id] = product
        self.by_shop.setdefault(product.shop_id, []).append(product)

    # --- reads --------------------------------------------------------------------------------

    def of_shop(self, shop_id: str) -> list[FakeProduct]:
        """A shop's products in creation order."""
        return list(self.by_shop.get(shop_id, []))

    def get(self, shop_id: str, product_id: str) -> FakeProduct | None:
        """The product if it belongs to the shop."""
        product = self.products.get(product_id)
        return product if product is not None and product.shop_id == shop_id else None

    def sku_index(self, shop_id: str) -> dict[str, tuple[FakeProduct, FakeProductSku]]:
        """sku id → (product, sku) for a shop."""
        return {
            sku.id: (product, sku)
            for product in self.by_shop.get(shop_id, [])
            for sku in product.skus
        }

    # --- time ---------------------------------------------------------------------------------

    def _review(self, product: FakeProduct, due: datetime | None) -> None:
        product.audit_due = due
        if due is None:
            self._in_review.pop(product.id, None)
        else:
            self._in_review[product.id] = product

    def tick(self, now: datetime) -> None:
        """Finish every review due by ``now``: PENDING becomes ACTIVATE."""
        due = sorted(
            (p.audit_due, p.id, p)
            for p in self._in_review.values()
            if p.audit_due is not None and p.audit_due <= now
        )
        for at, _, product in due:
            if product.status == "PENDING":
                self.pass_review(product, at)
            else:
                # A post-live edit passed review; the listing's status never changed.
                product.audit_status = "APPROVED"
                self._review(product, None)

    def pass_review(self, product: FakeProduct, at: datetime) -> None:
        """TikTok's review passes: the product is listed (ACTIVATE)."""
        kind = "PRODUCT_FIRST_PASS_REVIEW" if product.first_review else "PRODUCT_STATUS_CHANGED"
        product.status = "ACTIVATE"
        product.audit_status = "APPROVED"
        self._review(product, None)
        product.first_review = False
        product.update_time = at
        self._on_change(product, kind, at)

    # --- writes -------------------------------------------------------------------------------

    def create(
        self,
        shop_id: str,
        *,
        title: str,
        description: str,
        category_id: str,
        category_version: str,
        images: Sequence[str],
        skus: Iterable[tuple[str, int, dict[str, int], list[dict[str, str]]]],
        draft: bool,
        package_weight: dict[str, Any] | None,
        now: datetime,
    ) -> FakeProduct:
        """A new product, PENDING review (or DRAFT); validated by the caller."""
        product = FakeProduct(
            id=self._ids.long_id("17"),
            shop_id=shop_id,
            title=title,
            description=description,
            category_chain=((category_id, ""),),
            status="DRAFT" if draft else "PENDING",
            skus=[
                FakeProductSku(
                    id=self._ids.long_id("17"),
                    seller_sku=seller_sku,
                    price=price,
                    inventory=dict(inventory),
                    sales_attributes=list(attributes),
                )
                for seller_sku, price, inventory, attributes in skus
            ],
            main_images=list(images),
            create_time=now,
            update_time=now,
            audit_status="" if draft else "AUDITING",
            first_review=not draft,
            category_version=category_version,
            package_weight=package_weight,
        )
        self._add(product)
        self._review(product, None if draft else now + AUDIT_TIME)
        return product

    def submit_for_review(self, product: FakeProduct, now: datetime) -> None:
        """Send a product to review: PENDING until ``AUDIT_TIME`` has passed."""
        changed = product.status != "PENDING"
        product.status = "PENDING"
        product.audit_status = "AUDITING"
        self._review(product, now + AUDIT_TIME)
        product.update_time = now
        if changed:
            self._on_change(product, "PRODUCT_STATUS_CHANGED", now)

    def review_edit(self, product: FakeProduct, now: datetime) -> None:
        """A content edit goes to review; the listing keeps its status meanwhile."""
        product.audit_status = "AUDITING"
        self._review(product, now + AUDIT_TIME)

    def approve_all(self, now: datetime) -> int:
        """Finish every pending review now (a test shortcut); how many products were listed."""
        listed = 0
        for product in self._in_review.values():
            if product.status == "PENDING":
                listed += 1
            product.audit_due = now
        self.tick(now)
        return listed

    def deactivate(self, product: FakeProduct, now: datetime) -> None:
        """The seller pauses the listing (停止中): SELLER_DEACTIVATED."""
        product.status = "SELLER_DEACTIVATED"
        self._review(product, None)
        product.update_time = now
        self._on_change(product, "PRODUCT_STATUS_CHANGED", now)

    def delete(self, product: FakeProduct, now: datetime) -> None:
        """Delete Products: the product stays readable by id as DELETED, out of searches."""
        product.status_before_delete = product.status
        product.status = "DELETED"
        self._review(product, None)
        product.update_time = now
        self._on_change(product, "PRODUCT_STATUS_CHANGED", now)

    def recover(self, product: FakeProduct, now: datetime) -> None:
        """Recover Products: back to the status it had; an interrupted review starts again."""
        before = product.status_before_delete or "SELLER_DEACTIVATED"
        product.status_before_delete = None
        if before == "PENDING":
            product.status = "DELETED"  # submit_for_review reports the change
            self.submit_for_review(product, now)
            return
        product.status = before
        product.update_time = now
        self._on_change(product, "PRODUCT_STATUS_CHANGED", now)

    def set_status(self, product: FakeProduct, status: str, now: datetime) -> None:
        """Force a status (a test stand-in for TikTok's own moderation)."""
        product.status = status
        self._review(product, None)
        product.update_time = now
        self._on_change(product, "PRODUCT_STATUS_CHANGED", now)
