"""The catalogue: every shop's products, SKUs, prices and stock, and the rules that change them.

One catalogue serves the product API and the orders: a product created through the API is
ordered like a built-in one once it is listed. Each shop is seeded with the built-in JP
catalogue, stocked in its default warehouse. Status changes only through create/review,
activate, deactivate, delete/recover or a re-reviewed edit: price and inventory writes never
touch it (the CoreLink lesson). Every status change is published as
:class:`ProductStatusChanged`.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from attrs import frozen

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._errors import (
    CHECK_FAILED,
    PRODUCT_NOT_FOUND,
    PRODUCT_NOT_IN_SHOP,
    PRODUCT_STATUS_BLOCKS,
    QUANTITY_OUT_OF_RANGE,
    SEARCH_CAP,
    SKU_UNKNOWN,
    WAREHOUSE_DOES_NOT_EXIST,
    WAREHOUSES_CHANGED,
    WAREHOUSES_INCOMPLETE,
    ErrorSpec,
)
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._logistics.backend import Logistics, WarehouseAdded
from tiktokshop_sync.testing._paging import PageTokens, keyset_page
from tiktokshop_sync.testing._products.records import (
    AUDIT_TIME,
    ORDERABLE_STATUSES,
    FakeProduct,
    FakeProductSku,
    FakeSku,
    sales_attribute,
)
from tiktokshop_sync.testing._products.seed import (
    BRAND,
    CATALOGUE,
    CATEGORY_CHAINS,
    PAUSED_SELLER_SKUS,
    ProductSpec,
    jan_code,
)
from tiktokshop_sync.testing._shops.backend import ShopAdded

__all__ = [
    "MAX_QUANTITY",
    "SEARCH_CAP_RESULTS",
    "Catalog",
    "NewProduct",
    "NewSku",
    "ProductAuditChanged",
    "ProductEdit",
    "ProductSearch",
    "ProductStatusChanged",
    "Reviewer",
    "SkuEdit",
    "quantity",
]


def _limit(value: int | None) -> int:
    assert value is not None, "the endpoint table gives Search Products its result cap"
    return value


SEARCH_CAP_RESULTS: Final = _limit(endpoints.PRODUCTS_SEARCH.limits.results)
MAX_QUANTITY: Final = endpoints.PRODUCTS_UPDATE_INVENTORY.limits.ranges["quantity"][1]
#: Statuses in which a product can no longer be edited, priced or stocked.
_UNEDITABLE: Final = frozenset({"DELETED", "FREEZE"})


@frozen(kw_only=True)
class ProductStatusChanged:
    """A product's status changed; ``kind`` is the type-5 webhook's PRODUCT_* status and
    ``reason`` its ``suspended_reason`` (why a review failed)."""

    product: FakeProduct
    kind: str
    at: datetime
    reason: str = ""


@frozen(kw_only=True)
class ProductAuditChanged:
    """A product's review (audit) status changed: AUDITING, APPROVED or FAILED (webhook 37)."""

    product: FakeProduct
    status: str
    at: datetime


#: How a review ends for (title, description): TikTok's failure reasons, empty when it passes.
Reviewer = Callable[[str, str], list[dict[str, Any]]]


@frozen(kw_only=True)
class NewSku:
    """One SKU of a Create Product request, already parsed; each sales attribute is
    ``{name, value_name}`` and maybe ``sku_img`` (an image URI)."""

    seller_sku: str
    price: int
    inventory: tuple[tuple[object, int], ...]
    sales_attributes: tuple[dict[str, str], ...] = ()
    identifier_code: tuple[str, str] | None = None


@frozen(kw_only=True)
class NewProduct:
    """A Create Product request, already parsed."""

    title: str
    description: str
    category_id: str
    category_version: str
    images: tuple[str, ...]
    skus: tuple[NewSku, ...]
    draft: bool
    package_weight: dict[str, Any] | None = None
    package_dimensions: dict[str, Any] | None = None
    #: (id, local name) from the root down, when the category is in the fake's tree.
    category_chain: tuple[tuple[str, str], ...] = ()
    brand: tuple[str, str] | None = None
    #: ``[{id, name, values: [{id, name}]}]``.
    attributes: tuple[dict[str, Any], ...] = ()
    size_chart_uri: str = ""
    certifications: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = ()


@frozen(kw_only=True)
class SkuEdit:
    """Changes to one SKU (Partial Edit Product or Update Price); None leaves a field alone."""

    id: str
    price: int | None = None
    seller_sku: str | None = None
    inventory: tuple[tuple[object, int], ...] | None = None


@frozen(kw_only=True)
class ProductEdit:
    """A Partial Edit Product request: content replaced (re-reviewed) and SKU changes."""

    title: str | None = None
    description: str | None = None
    images: tuple[str, ...] | None = None
    category_id: str | None = None
    skus: tuple[SkuEdit, ...] = ()

    @property
    def changes_content(self) -> bool:
        """Whether the listing's content changes (TikTok reviews it again)."""
        fields = (self.title, self.description, self.images, self.category_id)
        return any(value is not None for value in fields)


@frozen(kw_only=True)
class ProductSearch:
    """Search Products filters; ``status`` ALL lists everything but DELETED products."""

    status: str = "ALL"
    seller_skus: tuple[str, ...] = ()
    sku_ids: tuple[str, ...] = ()
    create_time: tuple[int | None, int | None] = (None, None)
    update_time: tuple[int | None, int | None] = (None, None)
    category_version: str | None = None

    def matches(self, product: FakeProduct) -> bool:
        """Whether ``product`` passes every filter (time bounds inclusive)."""
        create = int(product.create_time.timestamp())
        update = int(product.update_time.timestamp())
        low, high = self.create_time
        up_low, up_high = self.update_time
        return (
            (product.status == self.status if self.status != "ALL" else product.status != "DELETED")
            and (
                not self.seller_skus or any(s.seller_sku in self.seller_skus for s in product.skus)
            )
            and (not self.sku_ids or any(s.id in self.sku_ids for s in product.skus))
            and (low is None or create >= low)
            and (high is None or create <= high)
            and (up_low is None or update >= up_low)
            and (up_high is None or update <= up_high)
            and (self.category_version is None or product.category_version == self.category_version)
        )


def quantity(value: Any) -> int | None:
    """A stock quantity in [0, 99,999], else None.

    The doc says from 1, but 0 (sold out) is accepted in practice: the evidence is in
    docs/guides/inventory.md, "Zero and the range".
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_QUANTITY:
        return None
    return value


def _sales_attributes(sku_name: str, image_uri: str) -> list[dict[str, str]]:
    values = [part.strip() for part in sku_name.split(",")]
    names = ["カラー", "サイズ"] if len(values) == 2 else ["バリエーション"] * len(values)
    # The first attribute is the primary one: its value carries the SKU's picture.
    return [
        sales_attribute(n, v, image_uri=image_uri if i == 0 else "")
        for i, (n, v) in enumerate(zip(names, values, strict=True))
    ]


# Ids of the general attributes the built-in catalogue fills in; Get Attributes gives the
# real ones per category, these are stand-ins [inferred].
_ORIGIN_ID: Final = "100392"
_MATERIAL_ID: Final = "100157"


def _seed_details(spec: ProductSpec, product_id: str) -> dict[str, Any]:
    """What a built-in product says beyond its title: brand, package, attributes, size chart."""
    origin = {"id": _value_id(spec.origin), "name": spec.origin}
    attributes = [{"id": _ORIGIN_ID, "name": "原産国", "values": [origin]}]
    if spec.material:
        material = {"id": _value_id(spec.material), "name": spec.material}
        attributes.append({"id": _MATERIAL_ID, "name": "素材", "values": [material]})
    length, width, height = spec.box_cm
    chart = hashlib.sha256(f"size-chart/{product_id}".encode()).hexdigest()[:32]
    return {
        "brand": BRAND,
        "package_weight": {"value": f"{spec.grams / 1000:g}", "unit": "KILOGRAM"},
        "package_dimensions": {
            "length": str(length),
            "width": str(width),
            "height": str(height),
            "unit": "CENTIMETER",
        },
        "attributes": attributes,
        "size_chart_uri": f"tos-alisg-i-aphluv4xwc-sg/{chart}" if spec.size_chart else "",
    }


def _value_id(name: str) -> str:
    return str(1_000_000 + int(hashlib.sha256(name.encode()).hexdigest()[:6], 16) % 9_000_000)


def _item_error(spec: ErrorSpec, **detail: Any) -> dict[str, Any]:
    return {"code": spec.code, "message": spec.message, "detail": detail}


def _check_failed(spec: ErrorSpec, **detail: Any) -> dict[str, Any]:
    """TikTok's nested shape: 12052990 "Check failed" with the real cause in ``extra_errors``."""
    where = {k: v for k, v in detail.items() if k == "warehouse_id"}
    outer = {k: v for k, v in detail.items() if k != "warehouse_id"}
    extra = {**where, "code": spec.code, "message": spec.message}
    return _item_error(CHECK_FAILED, **outer, extra_errors=[extra])


class Catalog:
    """Every shop's products, their idempotency keys and pending reviews (under the fake's lock)."""

    def __init__(
        self,
        *,
        setup_ids: IdFactory,
        ids: IdFactory,
        image_ids: IdFactory,
        rng: random.Random,
        logistics: Logistics,
        pages: PageTokens,
        bus: EventBus,
        review: Reviewer | None = None,
    ) -> None:
        self._setup_ids = setup_ids
        self._reviewer = review
        self._ids = ids
        self._image_ids = image_ids
        self._rng = rng
        self._logistics = logistics
        self._pages = pages
        self._bus = bus
        self.products: dict[str, FakeProduct] = {}
        self._by_shop: dict[str, list[FakeProduct]] = {}
        self._idempotency: dict[tuple[str, str], FakeProduct] = {}
        # Products with a review in progress, so tick() need not scan the whole catalogue.
        self._in_review: dict[str, FakeProduct] = {}
        self._bulk: dict[str, int] = {}
        self.images: dict[str, dict[str, Any]] = {}
        bus.subscribe(ShopAdded, self._seed)
        bus.subscribe(WarehouseAdded, self._stock)

    # --- seeding ------------------------------------------------------------------------------

    def _seed(self, event: ShopAdded) -> None:
        """List the built-in catalogue for a new shop, stocked in its default warehouse."""
        shop, now = event.shop, event.at
        ids, rng = self._setup_ids, self._rng
        self._by_shop.setdefault(shop.id, [])
        for spec, chain in zip(CATALOGUE, CATEGORY_CHAINS, strict=True):
            product_id = ids.long_id("17")
            sku_ids = [
                (ids.long_id("17"), f"tos-alisg-i-aphluv4xwc-sg/{ids.hex_upper(32).lower()}")
                for _ in spec.skus
            ]
            created = now - timedelta(days=rng.randint(30, 120), minutes=rng.randint(0, 1439))
            updated = created + timedelta(days=rng.randint(0, 20))
            paused = any(s.seller_sku in PAUSED_SELLER_SKUS for s in spec.skus)
            product = FakeProduct(
                id=product_id,
                shop_id=shop.id,
                title=spec.product_name,
                description=f"<p>{spec.product_name}。国内倉庫から発送します。</p>",
                category_chain=chain,
                status="SELLER_DEACTIVATED" if paused else "ACTIVATE",
                skus=[
                    FakeProductSku(
                        id=sku_id,
                        seller_sku=sku.seller_sku,
                        price=sku.price,
                        inventory={shop.warehouse_id: rng.choice((0, 5, 12, 30, 48, 120, 300))},
                        sales_attributes=_sales_attributes(sku.sku_name, image),
                        image_uri=image,
                        identifier_code=("JAN", jan_code(sku.seller_sku)),
                    )
                    for (sku_id, image), sku in zip(sku_ids, spec.skus, strict=True)
                ],
                main_images=[f"tos-alisg-i-aphluv4xwc-sg/{self._ids.hex_upper(32).lower()}"],
                create_time=created,
                update_time=updated,
                **_seed_details(spec, product_id),
            )
            self._add(product)

    def _stock(self, event: WarehouseAdded) -> None:
        """A new warehouse holds ``quantity`` of the chosen SKUs (all when none are named)."""
        for product in self._by_shop.get(event.shop_id, []):
            for sku in product.skus:
                if event.seller_skus is None or sku.seller_sku in event.seller_skus:
                    sku.inventory[event.warehouse.id] = event.quantity

    def bulk(
        self, shop_id: str, count: int, warehouse_id: str, status: str, now: datetime
    ) -> list[FakeProduct]:
        """``count`` simple one-SKU products, cheaply (for paging and the 10,000 cap)."""
        rng = self._rng
        start = self._bulk.get(shop_id, 0)
        self._bulk[shop_id] = start + count
        made = []
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
            made.append(product)
        return made

    def _add(self, product: FakeProduct) -> None:
        if product.id in self.products:
            raise ValueError(f"a product with id {product.id!r} already exists")
        self.products[product.id] = product
        self._by_shop.setdefault(product.shop_id, []).append(product)

    # --- reads --------------------------------------------------------------------------------

    def of_shop(self, shop_id: str) -> list[FakeProduct]:
        """A shop's products in creation order."""
        return list(self._by_shop.get(shop_id, []))

    def get(self, shop_id: str, product_id: str) -> FakeProduct | None:
        """The product if it belongs to the shop."""
        product = self.products.get(product_id)
        return product if product is not None and product.shop_id == shop_id else None

    def product(self, product_id: str) -> FakeProduct:
        """The product with this id (KeyError naming it if unknown)."""
        try:
            return self.products[product_id]
        except KeyError:
            raise KeyError(f"no product with id {product_id!r} in this FakeShop") from None

    def owned(
        self, shop_id: str, product_id: str, *, editable: bool = False, live: bool = False
    ) -> FakeProduct:
        """The shop's product, or 12052032; ``editable`` and ``live`` refuse (12052901) a
        DELETED or FREEZE product, and anything not ACTIVATE."""
        product = self.get(shop_id, product_id)
        if product is None:
            raise PRODUCT_NOT_FOUND.error()
        if editable and product.status in _UNEDITABLE:
            raise PRODUCT_STATUS_BLOCKS.error()
        if live and product.status != "ACTIVATE":
            raise PRODUCT_STATUS_BLOCKS.error()
        return product

    def orderable_skus(self, shop_id: str) -> tuple[FakeSku, ...]:
        """The SKUs buyers have ordered from: products live now or paused after listing."""
        return tuple(
            sku
            for product in self._by_shop.get(shop_id, [])
            if product.status in ORDERABLE_STATUSES
            for sku in product.to_order_skus()
        )

    def order_sku(self, shop_id: str, seller_sku: str) -> FakeSku:
        """The SKU an order asks for by seller SKU code (ValueError saying why it cannot)."""
        for product in self._by_shop.get(shop_id, []):
            for sku in product.to_order_skus():
                if sku.seller_sku != seller_sku:
                    continue
                if product.status not in ORDERABLE_STATUSES:
                    raise ValueError(
                        f"seller_sku {seller_sku!r} belongs to a {product.status} product: only "
                        "listed products are ordered (fake.approve_products() ends a review)"
                    )
                return sku
        known = ", ".join(sorted(s.seller_sku for s in self.orderable_skus(shop_id)))
        raise ValueError(f"unknown seller_sku {seller_sku!r}; the catalogue has {known}")

    # --- time ---------------------------------------------------------------------------------

    def _review(self, product: FakeProduct, due: datetime | None) -> None:
        product.audit_due = due
        if due is None:
            self._in_review.pop(product.id, None)
        else:
            self._in_review[product.id] = product

    def _changed(self, product: FakeProduct, kind: str, at: datetime, reason: str = "") -> None:
        self._bus.publish(ProductStatusChanged(product=product, kind=kind, at=at, reason=reason))

    def _audited(self, product: FakeProduct, status: str, at: datetime) -> None:
        self._bus.publish(ProductAuditChanged(product=product, status=status, at=at))

    def tick(self, now: datetime) -> None:
        """Finish every review due by ``now``: PENDING becomes ACTIVATE."""
        due = sorted(
            (p.audit_due, p.id, p)
            for p in self._in_review.values()
            if p.audit_due is not None and p.audit_due <= now
        )
        for at, _, product in due:
            if product.status == "PENDING":
                self._pass_review(product, at)
            else:
                # A post-live edit passed review; the listing's status never changed.
                product.audit_status = "APPROVED"
                self._review(product, None)
                self._audited(product, "APPROVED", at)

    def _pass_review(self, product: FakeProduct, at: datetime) -> None:
        failures = self._reviewer(product.title, product.description) if self._reviewer else []
        self._review(product, None)
        product.update_time = at
        if failures:
            product.status = "FAILED"
            product.audit_status = "FAILED"
            product.audit_failures = failures
            reason = " / ".join(r for failure in failures for r in failure.get("reasons", ()))
            self._changed(product, "PRODUCT_AUDIT_FAILURE", at, reason=reason)
            self._audited(product, "FAILED", at)
            return
        kind = "PRODUCT_FIRST_PASS_REVIEW" if product.first_review else "PRODUCT_STATUS_CHANGED"
        product.status = "ACTIVATE"
        product.audit_status = "APPROVED"
        product.audit_failures = []
        product.first_review = False
        self._changed(product, kind, at)
        self._audited(product, "APPROVED", at)

    def approve_all(self, now: datetime) -> int:
        """Finish every pending review now (a test shortcut); how many products were listed."""
        listed = 0
        for product in self._in_review.values():
            if product.status == "PENDING":
                listed += 1
            product.audit_due = now
        self.tick(now)
        return listed

    # --- status -------------------------------------------------------------------------------

    def _submit_for_review(self, product: FakeProduct, now: datetime) -> None:
        changed = product.status != "PENDING"
        product.status = "PENDING"
        product.audit_status = "AUDITING"
        self._review(product, now + AUDIT_TIME)
        product.update_time = now
        if changed:
            self._changed(product, "PRODUCT_STATUS_CHANGED", now)
            self._audited(product, "AUDITING", now)

    def set_status(self, product: FakeProduct, status: str, now: datetime) -> None:
        """Force a status (a test stand-in for TikTok's own moderation)."""
        product.status = status
        self._review(product, None)
        product.update_time = now
        self._changed(product, "PRODUCT_STATUS_CHANGED", now)

    def _activate(self, product: FakeProduct, now: datetime) -> bool:
        if product.status in ("SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED"):
            self._submit_for_review(product, now)
            return True
        return product.status in ("ACTIVATE", "PENDING")

    def _deactivate(self, product: FakeProduct, now: datetime) -> bool:
        if product.status in ("ACTIVATE", "PENDING"):
            product.status = "SELLER_DEACTIVATED"
            self._review(product, None)
            product.update_time = now
            self._changed(product, "PRODUCT_STATUS_CHANGED", now)
            return True
        return product.status == "SELLER_DEACTIVATED"

    def _delete(self, product: FakeProduct, now: datetime) -> bool:
        if product.status in _UNEDITABLE:  # frozen [doc], or already deleted [inferred]
            return False
        product.status_before_delete = product.status
        product.status = "DELETED"
        self._review(product, None)
        product.update_time = now
        self._changed(product, "PRODUCT_STATUS_CHANGED", now)
        return True

    def _recover(self, product: FakeProduct, now: datetime) -> bool:
        if product.status != "DELETED":
            return False
        before = product.status_before_delete or "SELLER_DEACTIVATED"
        product.status_before_delete = None
        if before == "PENDING":
            # An interrupted review starts again; _submit_for_review reports the change.
            self._submit_for_review(product, now)
            return True
        product.status = before
        product.update_time = now
        self._changed(product, "PRODUCT_STATUS_CHANGED", now)
        return True

    def activate(self, shop_id: str, product_ids: Sequence[str], now: datetime) -> dict[str, Any]:
        """Activate Products: deactivated products go back to review (PENDING), then ACTIVATE."""
        return self._per_product(
            shop_id, product_ids, lambda p: self._activate(p, now), nested=True
        )

    def deactivate(self, shop_id: str, product_ids: Sequence[str], now: datetime) -> dict[str, Any]:
        """Deactivate Products: ACTIVATE (or PENDING) → SELLER_DEACTIVATED (停止中)."""
        return self._per_product(shop_id, product_ids, lambda p: self._deactivate(p, now))

    def delete(self, shop_id: str, product_ids: Sequence[str], now: datetime) -> dict[str, Any]:
        """Delete Products: any product but a frozen one becomes DELETED (gone from searches)."""
        return self._per_product(shop_id, product_ids, lambda p: self._delete(p, now))

    def recover(self, shop_id: str, product_ids: Sequence[str], now: datetime) -> dict[str, Any]:
        """Recover Products: a DELETED product gets its former status back [inferred]."""
        return self._per_product(shop_id, product_ids, lambda p: self._recover(p, now))

    def _per_product(
        self,
        shop_id: str,
        product_ids: Sequence[str],
        change: Callable[[FakeProduct], bool],
        *,
        nested: bool = False,
    ) -> dict[str, Any]:
        """Apply ``change`` to each product; False means its status blocks the change.

        A product of another shop is 12052048; Activate nests it under 12052990 "Check failed"
        (``extra_errors``), the others report it as is: their pages document no
        ``extra_errors`` (activate-product.spec.json vs deactivate-products.spec.json).
        """
        errors = []
        for product_id in product_ids:
            product = self.get(shop_id, product_id)
            if product is None and nested:
                extra = {"code": PRODUCT_NOT_IN_SHOP.code, "message": PRODUCT_NOT_IN_SHOP.message}
                error = _item_error(CHECK_FAILED, product_id=product_id, extra_errors=[extra])
                errors.append(error)
            elif product is None:
                errors.append(_item_error(PRODUCT_NOT_IN_SHOP, product_id=product_id))
            elif not change(product):
                errors.append(_item_error(PRODUCT_STATUS_BLOCKS, product_id=product_id))
        return {"errors": errors} if errors else {}

    # --- search and read ----------------------------------------------------------------------

    def search_reply(
        self, shop_id: str, search: ProductSearch, *, size: int, page_token: str
    ) -> dict[str, Any]:
        """Search Products' ``data``: newest first, at most 10,000 results in all."""

        def key(product: FakeProduct) -> tuple[int, str]:
            return int(product.create_time.timestamp()), product.id

        found = sorted(
            (p for p in self._by_shop.get(shop_id, []) if search.matches(p)), key=key, reverse=True
        )
        page, token = keyset_page(
            found,
            key,
            tokens=self._pages,
            token=page_token,
            size=size,
            tag="products",
            descending=True,
            cap=SEARCH_CAP_RESULTS,
            cap_error=SEARCH_CAP,
        )
        return {
            "total_count": len(found),
            "products": [p.to_search_wire() for p in page],
            "next_page_token": token,
        }

    def detail_reply(self, shop_id: str, product_id: str) -> dict[str, Any]:
        """Get Product's ``data``: every status, FREEZE and DELETED included."""
        return self.owned(shop_id, product_id).to_detail_wire()

    # --- create and edit ----------------------------------------------------------------------

    def replay(self, shop_id: str, key: str) -> dict[str, Any] | None:
        """What Create Product answered for an idempotency ``key`` (None when it is new)."""
        product = self._idempotency.get((shop_id, key)) if key else None
        return None if product is None else product.to_created_wire()

    def create(
        self, shop_id: str, request: NewProduct, *, key: str, now: datetime
    ) -> dict[str, Any]:
        """Create Product: PENDING review (DRAFT when saved as one), remembered under ``key``."""
        sales = {w.id for w in self._logistics.of(shop_id).sales_warehouses()}
        for sku in request.skus:
            if any(warehouse not in sales for warehouse, _ in sku.inventory):
                raise WAREHOUSE_DOES_NOT_EXIST.error()
        images = list(request.images)
        product = FakeProduct(
            id=self._ids.long_id("17"),
            shop_id=shop_id,
            title=request.title,
            description=request.description,
            category_chain=request.category_chain or ((request.category_id, ""),),
            status="DRAFT" if request.draft else "PENDING",
            skus=[self._new_sku(sku, images) for sku in request.skus],
            main_images=images,
            create_time=now,
            update_time=now,
            audit_status="NONE" if request.draft else "AUDITING",
            first_review=not request.draft,
            category_version=request.category_version,
            package_weight=request.package_weight,
            package_dimensions=request.package_dimensions,
            brand=request.brand,
            attributes=[dict(a) for a in request.attributes],
            size_chart_uri=request.size_chart_uri,
            certifications=[dict(c) for c in request.certifications],
        )
        self._add(product)
        self._review(product, None if request.draft else now + AUDIT_TIME)
        if not request.draft:
            self._audited(product, "AUDITING", now)
        if key:
            self._idempotency[(shop_id, key)] = product
        return product.to_created_wire(request.warnings)

    def _new_sku(self, sku: NewSku, images: list[str]) -> FakeProductSku:
        """A created SKU: its picture is its primary value's image, else the main image.

        A built-in attribute keeps TikTok's ids; a custom name or value gets a new one.
        """
        attributes = [
            {
                **sales_attribute(a["name"], a["value_name"], image_uri=a.get("sku_img", "")),
                **{k: a[k] for k in ("id", "value_id") if a.get(k)},
            }
            for a in sku.sales_attributes
        ]
        pictures = [a["sku_img"] for a in attributes if a.get("sku_img")]
        return FakeProductSku(
            id=self._ids.long_id("17"),
            seller_sku=sku.seller_sku,
            price=sku.price,
            inventory={str(w): q for w, q in sku.inventory},
            sales_attributes=attributes,
            image_uri=pictures[0] if pictures else (images[0] if images else ""),
            identifier_code=sku.identifier_code,
        )

    def edit(self, product: FakeProduct, edit: ProductEdit, now: datetime) -> dict[str, Any]:
        """Partial Edit Product: top-level fields replaced; content edits are re-reviewed."""
        changes = [(self._sku_of(product, e), e) for e in edit.skus]
        for sku, sku_edit in changes:
            if sku_edit.inventory is not None:
                rows = dict(sku_edit.inventory)
                if any(w not in sku.inventory for w in rows):
                    raise WAREHOUSES_CHANGED.error()
                if set(rows) != set(sku.inventory):
                    raise WAREHOUSES_INCOMPLETE.error()
        if edit.title is not None:
            product.title = edit.title
        if edit.description is not None:
            product.description = edit.description
        if edit.images is not None:
            product.main_images = list(edit.images)
        if edit.category_id is not None:
            product.category_chain = ((edit.category_id, ""),)
        for sku, sku_edit in changes:
            if sku_edit.price is not None:
                sku.price = sku_edit.price
            if sku_edit.seller_sku is not None:
                sku.seller_sku = sku_edit.seller_sku
            if sku_edit.inventory is not None:
                sku.inventory = {str(w): q for w, q in sku_edit.inventory}
        product.update_time = now
        if edit.changes_content:
            self._resubmit(product, now)
        return product.to_edited_wire()

    def _resubmit(self, product: FakeProduct, now: datetime) -> None:
        """Content changed: reviewed again. A product that failed review (or never passed one)
        goes back to PENDING; a live one stays live while its edit is reviewed."""
        if product.status in ("FAILED", "PENDING"):
            self._submit_for_review(product, now)
            return
        product.audit_status = "AUDITING"
        self._review(product, now + AUDIT_TIME)
        self._audited(product, "AUDITING", now)

    def replace(self, product: FakeProduct, request: NewProduct, now: datetime) -> dict[str, Any]:
        """Edit Product (full): everything replaced; SKUs matched by seller SKU keep their ids
        and stock unless new stock is sent; the product is reviewed again."""
        sales = {w.id for w in self._logistics.of(product.shop_id).sales_warehouses()}
        for sku in request.skus:
            if any(warehouse not in sales for warehouse, _ in sku.inventory):
                raise WAREHOUSE_DOES_NOT_EXIST.error()
        images = list(request.images)
        kept = {sku.seller_sku: sku for sku in product.skus}
        skus = []
        for new in request.skus:
            fresh = self._new_sku(new, images)
            old = kept.get(new.seller_sku)
            if old is not None:
                fresh.id = old.id
                if not new.inventory:
                    fresh.inventory = dict(old.inventory)
            skus.append(fresh)
        product.title = request.title
        product.description = request.description
        product.category_chain = request.category_chain or ((request.category_id, ""),)
        product.category_version = request.category_version
        product.main_images = images
        product.skus = skus
        product.package_weight = request.package_weight
        product.package_dimensions = request.package_dimensions
        product.brand = request.brand
        product.attributes = [dict(a) for a in request.attributes]
        product.size_chart_uri = request.size_chart_uri
        product.certifications = [dict(c) for c in request.certifications]
        product.update_time = now
        if request.draft:
            product.status = "DRAFT"
            self._review(product, None)
        else:
            self._resubmit(product, now)
        return product.to_replaced_wire(request.warnings)

    def update_prices(self, product: FakeProduct, prices: Sequence[SkuEdit], now: datetime) -> None:
        """Update Price: published at once, no review, status untouched."""
        changes = [(self._sku_of(product, e), e.price) for e in prices]
        for sku, price in changes:
            if price is not None:
                sku.price = price
        product.update_time = now

    @staticmethod
    def _sku_of(product: FakeProduct, edit: SkuEdit) -> FakeProductSku:
        sku = product.sku(edit.id)
        if sku is None:
            raise SKU_UNKNOWN.error()
        return sku

    # --- inventory ----------------------------------------------------------------------------

    def inventory_reply(
        self,
        shop_id: str,
        *,
        product_ids: Iterable[str],
        sku_ids: Iterable[str],
        committed: dict[tuple[str, str], int],
    ) -> dict[str, Any]:
        """Inventory Search's ``data``, by SKU ids (they take precedence) or product ids."""
        grouped: dict[str, list[FakeProductSku]] = {}
        wanted_skus = list(dict.fromkeys(sku_ids))
        if wanted_skus:
            index = {
                sku.id: (product, sku)
                for product in self._by_shop.get(shop_id, [])
                for sku in product.skus
            }
            for sku_id in wanted_skus:
                if sku_id in index:
                    owner, sku = index[sku_id]
                    grouped.setdefault(owner.id, []).append(sku)
        else:
            for product_id in dict.fromkeys(product_ids):
                product = self.get(shop_id, product_id)
                if product is not None:
                    grouped[product.id] = list(product.skus)
        return {
            "inventory": [
                {"product_id": product_id, "skus": [_inventory_wire(s, committed) for s in skus]}
                for product_id, skus in grouped.items()
            ]
        }

    def update_inventory(
        self, product: FakeProduct, entries: Sequence[Any], now: datetime
    ) -> dict[str, Any]:
        """Update Inventory: quantities per SKU and warehouse, each SKU on its own; NEVER the
        product's status (the caller has checked that it is ACTIVATE).

        The entries are the request's JSON: a malformed one is that SKU's error, not the call's.
        """
        sales = [w.id for w in self._logistics.of(product.shop_id).sales_warehouses()]
        errors: list[dict[str, Any]] = []
        updates: list[tuple[FakeProductSku, dict[str, int]]] = []
        for entry in entries:
            sku_id = entry.get("id", "") if isinstance(entry, dict) else ""
            sku = product.sku(sku_id) if isinstance(sku_id, str) else None
            if sku is None or not isinstance(entry, dict):
                errors.append(_item_error(SKU_UNKNOWN, sku_id=sku_id))
                continue
            quantities, error = _new_quantities(sku, entry.get("inventory"), sales)
            if error is not None:
                errors.append(error)
            else:
                updates.append((sku, quantities))
        for sku, quantities in updates:
            sku.inventory.update(quantities)
        if updates:
            product.update_time = now
        return {"errors": errors} if errors else {}

    # --- images -------------------------------------------------------------------------------

    def upload_image(self, data: bytes, use_case: str, width: int, height: int) -> dict[str, Any]:
        """Upload Product Image's ``data``: a new image URI (usable in main_images)."""
        uri = f"tos-alisg-i-aphluv4xwc-sg/{self._image_ids.hex_upper(32).lower()}"
        self.images[uri] = {
            "size": len(data),
            "use_case": use_case,
            "width": width,
            "height": height,
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        return {
            "uri": uri,
            "url": f"https://p16-oec-sg.ibyteimg.com/{uri}~tplv-aphluv4xwc-origin-jpeg.jpeg",
            "width": width,
            "height": height,
            "use_case": use_case,
        }


def _inventory_wire(sku: FakeProductSku, committed: dict[tuple[str, str], int]) -> dict[str, Any]:
    held = {w: committed.get((sku.id, w), 0) for w in sku.inventory}
    rows = [
        {"warehouse_id": w, "available_quantity": q, "committed_quantity": held[w]}
        for w, q in sku.inventory.items()
    ]
    available = sum(sku.inventory.values())
    return {
        "id": sku.id,
        "seller_sku": sku.seller_sku,
        "total_available_quantity": available,
        "total_committed_quantity": sum(held.values()),
        "warehouse_inventory": rows,
        # No campaign or creator holds stock back in the fake: all of it is the shop's.
        "total_available_inventory_distribution": {
            "campaign_inventory": [],
            "creator_inventory": [],
            "in_shop_inventory": {"quantity": available},
        },
    }


def _new_quantities(
    sku: FakeProductSku, rows: Any, sales: list[str]
) -> tuple[dict[str, int], dict[str, Any] | None]:
    """``{warehouse: quantity}`` for one SKU, or the item error explaining why not."""
    if not isinstance(rows, list) or not rows:
        return {}, _item_error(WAREHOUSES_INCOMPLETE, sku_id=sku.id)
    quantities: dict[str, int] = {}
    for row in rows:
        if not isinstance(row, dict):
            return {}, _item_error(CHECK_FAILED, sku_id=sku.id)
        warehouse = row.get("warehouse_id")
        if warehouse is None and len(sales) == 1:
            warehouse = sales[0]  # optional when the shop has a single warehouse [doc]
        if warehouse not in sales:
            error = _check_failed(WAREHOUSE_DOES_NOT_EXIST, sku_id=sku.id, warehouse_id=warehouse)
            return {}, error
        if warehouse not in sku.inventory:
            return {}, _item_error(WAREHOUSES_CHANGED, sku_id=sku.id)
        amount = quantity(row.get("quantity"))
        if amount is None:
            error = _check_failed(QUANTITY_OUT_OF_RANGE, sku_id=sku.id, warehouse_id=warehouse)
            return {}, error
        quantities[str(warehouse)] = amount
    if set(quantities) != set(sku.inventory):
        return {}, _item_error(WAREHOUSES_INCOMPLETE, sku_id=sku.id)
    return quantities, None
