"""Everything the fake knows, behind one lock: sellers, shops, catalogue, orders, tokens.

Time-driven changes (ON_HOLD → AWAITING_SHIPMENT one hour after payment) are applied lazily by
``tick(now)`` on every access, so no background thread is needed.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from datetime import datetime, timedelta

from tiktokshop_sync.testing._auth import TokenStore
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._data import CANCEL_REASONS, CATALOGUE
from tiktokshop_sync.testing._factory import REMORSE_PERIOD, OrderFactory
from tiktokshop_sync.testing._faults import FaultPlan
from tiktokshop_sync.testing._ids import IdFactory, seeded_random
from tiktokshop_sync.testing._order import FakeOrder
from tiktokshop_sync.testing._ratelimit import RateLimiter
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._records import FakeSeller, FakeShopAccount, FakeSku

__all__ = ["CANCEL_INITIATORS", "FakeState"]

CANCEL_INITIATORS = ("BUYER", "SELLER", "SYSTEM", "OPERATOR")
_FINAL_STATUSES = frozenset({"DELIVERED", "COMPLETED", "CANCELLED"})


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
        self.orders: dict[str, FakeOrder] = {}
        self.requests: list[RecordedRequest] = []
        self.faults = FaultPlan()
        self.limiter = RateLimiter()

    # --- sellers and shops ---------------------------------------------------------------------

    def add_seller(self, seller_name: str) -> FakeSeller:
        """A new seller account (no shops yet)."""
        seller = FakeSeller(open_id=self.setup_ids.long_id("7"), seller_name=seller_name)
        self.sellers[seller.open_id] = seller
        return seller

    def add_shop(
        self, *, name: str, region: str, seller: FakeSeller, uses_on_hold: bool
    ) -> FakeShopAccount:
        """A shop owned by ``seller``, with its own warehouse, delivery option and catalogue."""
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

    # --- orders --------------------------------------------------------------------------------

    def tick(self, now: datetime) -> None:
        """Apply every time-driven change due by ``now``: the end of each ON_HOLD window."""
        for order in self.orders.values():
            if order.status == "ON_HOLD" and order.paid_time is not None:
                released = order.paid_time + REMORSE_PERIOD
                if released <= now:
                    self._to_awaiting_shipment(order, released)

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
            self.orders[order.id] = order
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
        else:
            self._to_awaiting_shipment(order, now)
        return order

    def buyer_cancel(self, order_id: str, now: datetime) -> FakeOrder:
        """The buyer cancels: at once until the remorse window ends, then only as a request."""
        order = self.order(order_id)
        if order.status in ("UNPAID", "ON_HOLD"):
            return self.cancel(order_id, now, by="BUYER", reason=None)
        if order.status == "AWAITING_SHIPMENT":
            # After ON_HOLD the seller must approve the cancellation (order-api-overview).
            order.is_buyer_request_cancel = True
            order.request_cancel_time = order.update_time = now
            return order
        raise ValueError(
            f"order {order_id} is {order.status}; a buyer can only cancel before shipment"
        )

    def cancel(self, order_id: str, now: datetime, *, by: str, reason: str | None) -> FakeOrder:
        """Cancel the whole order now, by the given initiator, with a display reason."""
        if by not in CANCEL_INITIATORS:
            raise ValueError(f"cancel(by={by!r}) must be one of {', '.join(CANCEL_INITIATORS)}")
        order = self.order(order_id)
        if order.status in _FINAL_STATUSES:
            raise ValueError(f"order {order_id} is {order.status} and can no longer be cancelled")
        text = reason if reason is not None else CANCEL_REASONS[by]
        order.status = "CANCELLED"
        order.cancel_time = order.update_time = now
        order.cancellation_initiator = by
        order.cancel_reason = text
        for item in order.line_items:
            item.cancel_user = by
            item.cancel_reason = text
        return order

    def _to_awaiting_shipment(self, order: FakeOrder, moment: datetime) -> None:
        order.status = "AWAITING_SHIPMENT"
        order.update_time = moment
        if not order.package_id:
            order.package_id = self.runtime_ids.long_id("115")
