"""Everything the fake knows, behind one lock: sellers, shops, catalogue, orders, tokens.

Time-driven changes (ON_HOLD → AWAITING_SHIPMENT one hour after payment, product reviews,
unanswered buyer cancel requests) are applied lazily by ``tick(now)`` on every access, so no
background thread is needed. Every state change that TikTok reports by webhook queues one
on :attr:`FakeState.webhooks` (only when a receiver is set).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from tiktokshop_sync.testing._aftersales import AfterSalesDesk, FakeCancellation, FakeReturn
from tiktokshop_sync.testing._auth import TokenStore
from tiktokshop_sync.testing._catalog import Catalog, FakeProduct
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._data import CANCEL_REASONS, CATALOGUE
from tiktokshop_sync.testing._factory import REMORSE_PERIOD, OrderFactory
from tiktokshop_sync.testing._faults import FaultPlan
from tiktokshop_sync.testing._ids import IdFactory, seeded_random
from tiktokshop_sync.testing._logistics import ShopLogistics, build_logistics
from tiktokshop_sync.testing._order import PACKAGE_STATUS_FOR, FakeOrder
from tiktokshop_sync.testing._order_index import OrderIndex
from tiktokshop_sync.testing._package import FakePackage
from tiktokshop_sync.testing._ratelimit import RateLimiter
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._records import FakeSeller, FakeShopAccount, FakeSku
from tiktokshop_sync.testing._shipping import ShippingDesk
from tiktokshop_sync.testing._webhooks import WebhookHub

__all__ = ["CANCEL_INITIATORS", "FakeState"]

CANCEL_INITIATORS = ("BUYER", "SELLER", "SYSTEM", "OPERATOR")
_FINAL_STATUSES = frozenset({"DELIVERED", "COMPLETED", "CANCELLED"})

# Type-1 webhooks spell CANCELLED as CANCEL and have no PARTIALLY_SHIPPING (reference §5.4).
_WEBHOOK_STATUS = {"CANCELLED": "CANCEL"}
_SILENT_STATUSES = frozenset({"PARTIALLY_SHIPPING"})


class FakeState:
    """The fake's data and its invariants; callers hold ``lock`` around every use."""

    def __init__(
        self,
        *,
        app_key: str,
        app_secret: str,
        seed: int,
        clock: FakeClock,
        access_token_ttl: timedelta,
        refresh_token_ttl: timedelta,
    ) -> None:
        self.lock = threading.RLock()
        self.app_key = app_key
        self.app_secret = app_secret
        self.seed = seed
        self.clock = clock
        self.strict_base_urls = False
        # Independent seeded streams: drawing a token never changes the next generated order.
        self.setup_ids = IdFactory(seeded_random(seed, "setup"))
        self.runtime_ids = IdFactory(seeded_random(seed, "runtime"))
        self.request_ids = IdFactory(seeded_random(seed, "request-ids"))
        self.fulfillment_ids = IdFactory(seeded_random(seed, "fulfillment"))
        order_rng = seeded_random(seed, "orders")
        self.order_factory = OrderFactory(order_rng, IdFactory(order_rng))
        self.tokens = TokenStore(
            IdFactory(seeded_random(seed, "tokens")),
            access_token_ttl=access_token_ttl,
            refresh_token_ttl=refresh_token_ttl,
        )
        self.page_token_key = hashlib.sha256(f"page-token/{seed}/{app_key}".encode()).digest()
        self.sellers: dict[str, FakeSeller] = {}
        self.shops: list[FakeShopAccount] = []
        self.catalogues: dict[str, tuple[FakeSku, ...]] = {}
        self.logistics: dict[str, ShopLogistics] = {}
        self.orders: dict[str, FakeOrder] = {}
        # The same orders filed by shop and time (search) and ON_HOLD by payment (tick).
        self.order_index = OrderIndex()
        self.packages: dict[str, FakePackage] = {}
        self.cancellations: dict[str, FakeCancellation] = {}
        self.returns: dict[str, FakeReturn] = {}
        self.images: dict[str, dict[str, Any]] = {}
        self.requests: list[RecordedRequest] = []
        self.faults = FaultPlan()
        self.limiter = RateLimiter()
        self.webhooks = WebhookHub(
            app_key=app_key, app_secret=app_secret, ids=IdFactory(seeded_random(seed, "webhooks"))
        )
        self.catalog = Catalog(
            IdFactory(seeded_random(seed, "catalog")),
            seeded_random(seed, "catalog-data"),
            self._product_changed,
        )
        self.shipping = ShippingDesk(self)
        self.after_sales = AfterSalesDesk(self, IdFactory(seeded_random(seed, "after-sales")))

    # --- sellers and shops ---------------------------------------------------------------------

    def add_seller(self, seller_name: str) -> FakeSeller:
        """A new seller account (no shops yet)."""
        seller = FakeSeller(open_id=self.setup_ids.long_id("7"), seller_name=seller_name)
        self.sellers[seller.open_id] = seller
        return seller

    def add_shop(
        self, *, name: str, region: str, seller: FakeSeller, uses_on_hold: bool
    ) -> FakeShopAccount:
        """A shop owned by ``seller``, with warehouses, delivery options and a catalogue."""
        ids = self.setup_ids
        shop = FakeShopAccount(
            id=ids.long_id("7"),
            name=name,
            region=region.upper(),
            seller_type="LOCAL",
            cipher=ids.cipher(),
            code=ids.shop_code(region),
            seller_open_id=seller.open_id,
            uses_on_hold=uses_on_hold,
            warehouse_id=ids.long_id("70"),
            delivery_option_id=ids.long_id("70"),
        )
        catalogue: list[FakeSku] = []
        for product in CATALOGUE:
            product_id = ids.long_id("17")
            catalogue.extend(
                FakeSku(
                    product_id=product_id,
                    sku_id=ids.long_id("17"),
                    seller_sku=spec.seller_sku,
                    product_name=product.product_name,
                    sku_name=spec.sku_name,
                    price=spec.price,
                    sku_image=(
                        "https://p16-oec-sg.ibyteimg.com/tos-alisg-i-aphluv4xwc-sg/"
                        f"{ids.hex_upper(32).lower()}~tplv-aphluv4xwc-resize-jpeg:300:300.jpg"
                    ),
                )
                for spec in product.skus
            )
        self.shops.append(shop)
        self.catalogues[shop.id] = tuple(catalogue)
        self.logistics[shop.id] = build_logistics(
            shop_name=name,
            warehouse_id=shop.warehouse_id,
            delivery_option_id=shop.delivery_option_id,
            rng=seeded_random(self.seed, f"logistics/{shop.id}"),
        )
        self.catalog.seed(shop.id, catalogue, shop.warehouse_id, self.clock.now())
        return shop

    def shop_by_cipher(self, cipher: str) -> FakeShopAccount | None:
        """The shop a ``shop_cipher`` names, if any."""
        return next((shop for shop in self.shops if shop.cipher == cipher), None)

    def shop_by_id(self, shop_id: str) -> FakeShopAccount:
        """The shop with this id (KeyError if unknown)."""
        for shop in self.shops:
            if shop.id == shop_id:
                return shop
        raise KeyError(f"no shop with id {shop_id!r}")

    def shops_of(self, open_id: str) -> list[FakeShopAccount]:
        """The shops a seller owns, in creation order."""
        return [shop for shop in self.shops if shop.seller_open_id == open_id]

    # --- time ----------------------------------------------------------------------------------

    def tick(self, now: datetime) -> None:
        """Apply every time-driven change due by ``now``."""
        for order, paid in self.order_index.due_holds(paid_by=now - REMORSE_PERIOD):
            self._to_awaiting_shipment(order, paid + REMORSE_PERIOD)
        self.catalog.tick(now)
        self.after_sales.tick(now)

    # --- orders --------------------------------------------------------------------------------

    def create_orders(
        self,
        count: int,
        shop: FakeShopAccount,
        *,
        status: str | None,
        created_within: timedelta,
        items: Sequence[tuple[str, int]] | None,
        overrides: dict[str, object],
    ) -> list[FakeOrder]:
        """Generate ``count`` orders for ``shop`` (deterministic for the seed and call sequence)."""
        if count < 0:
            raise ValueError(f"create_orders(n) needs n >= 0, got {count}")
        if created_within <= timedelta():
            raise ValueError("create_orders(created_within=...) must be a positive timedelta")
        now = self.clock.now()
        created: list[FakeOrder] = []
        logistics = self.logistics[shop.id]
        for _ in range(count):
            order = self.order_factory.build(
                shop=shop,
                catalogue=self.catalogues[shop.id],
                now=now,
                status=status,
                created_within=created_within,
                items=items,
                overrides=overrides,
            )
            if order.id in self.orders:
                raise ValueError(f"an order with id {order.id!r} already exists")
            if order.shipping_type == "TIKTOK" and "delivery_option_id" not in overrides:
                order.delivery_option_id = logistics.tiktok_option.id
                order.delivery_option_name = logistics.tiktok_option.name
            self.orders[order.id] = order
            self.order_index.add(order)
            for package in order.packages:
                self.packages[package.id] = package
            if order.status == "CANCELLED":
                self.after_sales.record_cancelled(order)
            self.notify_order(order, now)
            created.append(order)
        return created

    def order(self, order_id: str) -> FakeOrder:
        """The order with this id (KeyError naming the id if unknown)."""
        try:
            return self.orders[order_id]
        except KeyError:
            raise KeyError(f"no order with id {order_id!r} in this FakeShop") from None

    def orders_of(self, shop: FakeShopAccount) -> list[FakeOrder]:
        """A shop's orders, in creation order."""
        return [order for order in self.orders.values() if order.shop_id == shop.id]

    def pay(self, order_id: str, now: datetime) -> FakeOrder:
        """The buyer pays: UNPAID → ON_HOLD (or straight to AWAITING_SHIPMENT without ON_HOLD)."""
        order = self.order(order_id)
        if order.status != "UNPAID":
            raise ValueError(f"order {order_id} is {order.status}; only UNPAID orders can be paid")
        order.paid_time = order.update_time = now
        if self.shop_by_id(order.shop_id).uses_on_hold:
            order.status = "ON_HOLD"
            self.notify_order(order, now)
        else:
            self._to_awaiting_shipment(order, now)
        return order

    def buyer_cancel(self, order_id: str, now: datetime) -> FakeOrder:
        """The buyer cancels: at once until the remorse window ends, then only as a request."""
        return self.after_sales.buyer_cancel(self.order(order_id), now)

    def cancel(self, order_id: str, now: datetime, *, by: str, reason: str | None) -> FakeOrder:
        """Cancel the whole order now, by the given initiator, with a display reason."""
        if by not in CANCEL_INITIATORS:
            raise ValueError(f"cancel(by={by!r}) must be one of {', '.join(CANCEL_INITIATORS)}")
        order = self.order(order_id)
        if order.status in _FINAL_STATUSES:
            raise ValueError(f"order {order_id} is {order.status} and can no longer be cancelled")
        self.after_sales.close_pending(order, now)
        text = reason if reason is not None else CANCEL_REASONS[by]
        self.cancel_order(order, now, by=by, text=text)
        self.after_sales.record_cancelled(order)
        return order

    def cancel_order(self, order: FakeOrder, now: datetime, *, by: str, text: str) -> None:
        """Mark the whole order CANCELLED (no cancellation record: callers add their own)."""
        order.cancel_time = now
        order.cancellation_initiator = by
        order.cancel_reason = text
        order.is_buyer_request_cancel = False
        for item in order.line_items:
            if not item.cancel_user:
                item.cancel_user = by
                item.cancel_reason = text
        for package in order.packages:
            package.status = "CANCELLED"
            package.update_time = now
        self.set_status(order, "CANCELLED", now)

    def cancel_items(
        self, order: FakeOrder, item_ids: Sequence[str], now: datetime, *, by: str, text: str
    ) -> None:
        """Cancel some line items (US/UK partial cancel); all of them cancels the order."""
        wanted = set(item_ids)
        for item in order.line_items:
            if item.id in wanted:
                item.cancel_user = by
                item.cancel_reason = text
        if all(item.cancel_user for item in order.line_items):
            self.cancel_order(order, now, by=by, text=text)
            return
        for package in order.packages:
            if package.status == "TO_FULFILL":
                package.line_item_ids = [i for i in package.line_item_ids if i not in wanted]
                package.update_time = now
        order.update_time = now

    def set_status(self, order: FakeOrder, status: str, now: datetime) -> None:
        """Move an order to ``status`` at ``now`` and report it (type-1 webhook)."""
        changed = order.status != status
        order.status = status
        order.update_time = now
        if changed:
            self.notify_order(order, now)

    def new_package(
        self, order: FakeOrder, item_ids: Sequence[str], now: datetime, *, package_id: str = ""
    ) -> FakePackage:
        """A TO_FULFILL package for some of an order's line items, registered by id."""
        package = FakePackage(
            id=package_id or self.fulfillment_ids.long_id("115"),
            order_id=order.id,
            shop_id=order.shop_id,
            line_item_ids=list(item_ids),
            create_time=now,
            update_time=now,
        )
        order.packages.append(package)
        self.packages[package.id] = package
        return package

    def _to_awaiting_shipment(self, order: FakeOrder, moment: datetime) -> None:
        if not order.packages:
            self.new_package(
                order,
                [item.id for item in order.line_items],
                moment,
                package_id=self.runtime_ids.long_id("115"),
            )
        for package in order.packages:
            package.status = PACKAGE_STATUS_FOR["AWAITING_SHIPMENT"]
        self.set_status(order, "AWAITING_SHIPMENT", moment)

    # --- webhooks ------------------------------------------------------------------------------

    def notify_order(self, order: FakeOrder, now: datetime) -> None:
        """Queue a type-1 ORDER_STATUS_CHANGE for the order's current status."""
        if order.status in _SILENT_STATUSES:
            return
        self.webhooks.emit(
            order.shop_id,
            1,
            {
                "order_id": order.id,
                "order_status": _WEBHOOK_STATUS.get(order.status, order.status),
                "is_on_hold_order": order.is_on_hold_order,
                "update_time": int(order.update_time.timestamp()),
            },
            now,
        )

    def _product_changed(self, product: FakeProduct, kind: str, at: datetime) -> None:
        self.webhooks.emit(
            product.shop_id,
            5,
            {
                "product_id": product.id,
                "status": kind,
                "suspended_reason": "",
                "update_time": int(at.timestamp()),
            },
            self.clock.now(),
        )
