"""The order book: every order, its lifecycle (payment, the ON_HOLD hour, cancellation) and the
order endpoints' replies (reference §5.2, §5.3, §5.5).

Orders are drawn from the shop's catalogue. Each change is published — :class:`OrderCreated`,
:class:`OrderStatusChanged`, :class:`OrderItemsCancelled` — and fulfillment (packages),
after-sales (cancellation records) and webhooks subscribe.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Final

import attrs
from attrs import frozen

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._errors import ORDER_NOT_OWNED, ParameterError
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._logistics.backend import Logistics
from tiktokshop_sync.testing._orders.factory import REMORSE_PERIOD, OrderFactory
from tiktokshop_sync.testing._orders.index import OrderIndex, SortField, sort_key
from tiktokshop_sync.testing._orders.records import FakeOrder
from tiktokshop_sync.testing._paging import PageTokens
from tiktokshop_sync.testing._products.backend import Catalog
from tiktokshop_sync.testing._products.records import FakeSku
from tiktokshop_sync.testing._shops.backend import FakeShopAccount, ShopDirectory

__all__ = [
    "MAX_DETAIL_IDS",
    "OrderBook",
    "OrderCreated",
    "OrderItemsCancelled",
    "OrderSearch",
    "OrderStatusChanged",
]

MAX_DETAIL_IDS: Final = endpoints.ORDERS_GET.limits.per_call["ids"]
#: Statuses whose line items still hold stock (Inventory Search's committed quantity).
_RESERVING: Final = frozenset({"ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"})


@frozen(kw_only=True)
class OrderCreated:
    """An order was generated (in any status) at ``at``."""

    order: FakeOrder
    at: datetime


@frozen(kw_only=True)
class OrderStatusChanged:
    """An order moved to its current status at ``at``."""

    order: FakeOrder
    at: datetime


@frozen(kw_only=True)
class OrderItemsCancelled:
    """Some line items of an order were cancelled; the order goes on without them."""

    order: FakeOrder
    item_ids: frozenset[str]
    at: datetime


@frozen(kw_only=True)
class OrderSearch:
    """Get Order List's filters; times are whole seconds, ``[ge, lt)``."""

    sort_field: SortField = "create_time"
    sort_order: str = "DESC"
    order_status: str | None = None
    shipping_type: str | None = None
    is_buyer_request_cancel: bool | None = None
    buyer_user_id: str | None = None
    warehouse_ids: tuple[str, ...] = ()
    create_time: tuple[int | None, int | None] = (None, None)
    update_time: tuple[int | None, int | None] = (None, None)

    def bounds(self) -> tuple[int | None, int | None]:
        """The sort field's ``[ge, lt)``: they select a slice of the shop's sorted orders."""
        return self.create_time if self.sort_field == "create_time" else self.update_time

    def matcher(self) -> Callable[[FakeOrder], bool] | None:
        """A test for every filter but the sort field's bounds (None when there is none)."""
        other_field = "update_time" if self.sort_field == "create_time" else "create_time"
        other_ge, other_lt = self.update_time if other_field == "update_time" else self.create_time
        status, shipping_type = self.order_status, self.shipping_type
        cancel_requested, buyer = self.is_buyer_request_cancel, self.buyer_user_id
        warehouses = self.warehouse_ids
        if (
            status is None
            and shipping_type is None
            and cancel_requested is None
            and buyer is None
            and not warehouses
            and other_ge is None
            and other_lt is None
        ):
            return None

        def matches(order: FakeOrder) -> bool:
            other = int(getattr(order, other_field).timestamp())
            checks = (
                status is None or order.status == status,
                shipping_type is None or order.shipping_type == shipping_type,
                cancel_requested is None or order.is_buyer_request_cancel == cancel_requested,
                buyer is None or order.user_id == buyer,
                not warehouses or order.warehouse_id in warehouses,
                other_ge is None or other >= other_ge,
                other_lt is None or other < other_lt,
            )
            return all(checks)

        return matches


class OrderBook:
    """Every order of every shop, filed for search (callers hold the fake's lock)."""

    def __init__(
        self,
        *,
        factory: OrderFactory,
        replacement_ids: IdFactory,
        shops: ShopDirectory,
        catalog: Catalog,
        logistics: Logistics,
        pages: PageTokens,
        bus: EventBus,
    ) -> None:
        self._factory = factory
        self._replacement_ids = replacement_ids
        self._shops = shops
        self._catalog = catalog
        self._logistics = logistics
        self._pages = pages
        self._bus = bus
        self.orders: dict[str, FakeOrder] = {}
        # The same orders filed by shop and time (search) and ON_HOLD by payment (tick).
        self.index = OrderIndex()

    # --- generation ---------------------------------------------------------------------------

    def create(
        self,
        count: int,
        shop: FakeShopAccount,
        *,
        status: str | None,
        created_within: timedelta,
        items: Sequence[tuple[str, int]] | None,
        overrides: dict[str, object],
        now: datetime,
        seller_coupon: int = 0,
        gifts: Sequence[tuple[str, int]] = (),
    ) -> list[FakeOrder]:
        """Generate ``count`` orders for ``shop`` (deterministic for the seed and call sequence)."""
        if count < 0:
            raise ValueError(f"create_orders(n) needs n >= 0, got {count}")
        if created_within <= timedelta():
            raise ValueError("create_orders(created_within=...) must be a positive timedelta")
        if seller_coupon < 0:
            raise ValueError(
                f"create_orders(seller_coupon=...) needs yen >= 0, got {seller_coupon}"
            )
        chosen = None if items is None else self._skus(shop, items)
        free = self._skus(shop, gifts)
        catalogue = self._catalog.orderable_skus(shop.id) if items is None else ()
        tiktok_option = self._logistics.of(shop.id).tiktok_option
        created: list[FakeOrder] = []
        for _ in range(count):
            order = self._factory.build(
                shop=shop,
                catalogue=catalogue,
                now=now,
                status=status,
                created_within=created_within,
                items=chosen,
                overrides=overrides,
                seller_coupon=seller_coupon,
                gifts=free,
            )
            if order.id in self.orders:
                raise ValueError(f"an order with id {order.id!r} already exists")
            if order.shipping_type == "TIKTOK" and "delivery_option_id" not in overrides:
                order.delivery_option_id = tiktok_option.id
                order.delivery_option_name = tiktok_option.name
            self.orders[order.id] = order
            self.index.add(order)
            self._bus.publish(OrderCreated(order=order, at=now))
            created.append(order)
        return created

    def _skus(
        self, shop: FakeShopAccount, items: Sequence[tuple[str, int]]
    ) -> list[tuple[FakeSku, int]]:
        """``(seller SKU, quantity)`` pairs as the shop's SKUs (ValueError saying why not)."""
        chosen = []
        for seller_sku, quantity in items:
            sku = self._catalog.order_sku(shop.id, seller_sku)
            if quantity < 1:
                raise ValueError(f"quantity for {seller_sku!r} must be at least 1")
            chosen.append((sku, quantity))
        return chosen

    def create_replacement(
        self, original: FakeOrder, item_ids: Sequence[str], now: datetime
    ) -> FakeOrder:
        """The order the platform makes for an approved replacement: the same items, to the
        same buyer and address, ready to ship at once and free to the buyer (each line's price
        is the seller's discount) [inferred: TikTok documents the order, not its amounts]."""
        ids = self._replacement_ids
        wanted = set(item_ids)
        order = attrs.evolve(
            original,
            id=ids.timed_order_id(now, ids.order_id()),
            status="AWAITING_SHIPMENT",
            create_time=now,
            update_time=now,
            paid_time=now,
            recipient=attrs.evolve(original.recipient),
            line_items=[
                attrs.evolve(
                    item,
                    id=ids.line_item_id(),
                    seller_discount=item.original_price,
                    platform_discount=0,
                    cancel_user="",
                    cancel_reason="",
                )
                for item in original.line_items
                if item.id in wanted
            ],
            buyer_message="",
            original_shipping_fee=0,
            shipping_fee_seller_discount=0,
            shipping_fee_platform_discount=0,
            is_buyer_request_cancel=False,
            request_cancel_time=None,
            cancel_time=None,
            cancel_reason="",
            cancellation_initiator="",
            packages=[],
            rts_time=None,
            collection_time=None,
            delivery_time=None,
            shipping_provider="",
            shipping_provider_id="",
            tracking_number="",
            replaced_order_id=original.id,
        )
        self.orders[order.id] = order
        self.index.add(order)
        self._bus.publish(OrderCreated(order=order, at=now))
        return order

    # --- reads --------------------------------------------------------------------------------

    def order(self, order_id: str) -> FakeOrder:
        """The order with this id (KeyError naming the id if unknown)."""
        try:
            return self.orders[order_id]
        except KeyError:
            raise KeyError(f"no order with id {order_id!r} in this FakeShop") from None

    def get(self, shop_id: str, order_id: str) -> FakeOrder | None:
        """The order if it belongs to the shop."""
        order = self.orders.get(order_id)
        return order if order is not None and order.shop_id == shop_id else None

    def orders_of(self, shop_id: str) -> list[FakeOrder]:
        """A shop's orders, in creation order."""
        return [order for order in self.orders.values() if order.shop_id == shop_id]

    def committed_units(self, shop_id: str) -> dict[tuple[str, str], int]:
        """Units reserved by orders not yet shipped, per (sku id, warehouse id)."""
        reserved: dict[tuple[str, str], int] = {}
        for order in self.orders.values():
            if order.shop_id != shop_id or order.status not in _RESERVING:
                continue
            for item in order.line_items:
                package = order.package_of(item.id)
                if item.cancel_user or (package is not None and package.shipped):
                    continue
                slot = (item.sku_id, order.warehouse_id)
                reserved[slot] = reserved.get(slot, 0) + 1
        return reserved

    # --- lifecycle ----------------------------------------------------------------------------

    def pay(self, order_id: str, now: datetime) -> FakeOrder:
        """The buyer pays: UNPAID → ON_HOLD (or straight to AWAITING_SHIPMENT without ON_HOLD)."""
        order = self.order(order_id)
        if order.status != "UNPAID":
            raise ValueError(f"order {order_id} is {order.status}; only UNPAID orders can be paid")
        order.paid_time = now
        if self._shops.by_id(order.shop_id).uses_on_hold:
            self.set_status(order, "ON_HOLD", now)
        else:
            self.set_status(order, "AWAITING_SHIPMENT", now)
        return order

    def tick(self, now: datetime) -> None:
        """Release every order whose hour ON_HOLD ended by ``now``: AWAITING_SHIPMENT then."""
        for order, paid in self.index.due_holds(paid_by=now - REMORSE_PERIOD):
            self.set_status(order, "AWAITING_SHIPMENT", paid + REMORSE_PERIOD)

    def set_status(self, order: FakeOrder, status: str, now: datetime) -> None:
        """Move an order to ``status`` at ``now`` and publish it (when it changed)."""
        changed = order.status != status
        order.status = status
        order.update_time = now
        if changed:
            self._bus.publish(OrderStatusChanged(order=order, at=now))

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
        self.set_status(order, "CANCELLED", now)

    def cancel_items(
        self, order: FakeOrder, item_ids: Sequence[str], now: datetime, *, by: str, text: str
    ) -> None:
        """Cancel some line items (US/UK partial cancel); all of them cancels the order."""
        wanted = frozenset(item_ids)
        for item in order.line_items:
            if item.id in wanted:
                item.cancel_user = by
                item.cancel_reason = text
        if all(item.cancel_user for item in order.line_items):
            self.cancel_order(order, now, by=by, text=text)
            return
        self._bus.publish(OrderItemsCancelled(order=order, item_ids=wanted, at=now))
        order.update_time = now

    # --- replies ------------------------------------------------------------------------------

    def search_reply(
        self, shop_id: str, search: OrderSearch, *, size: int, page_token: str
    ) -> dict[str, Any]:
        """Get Order List's ``data``: one page of the shop's orders matching ``search``.

        Keyset paging over the orders sorted by ``(sort_field seconds, id)``: the token holds the
        last key served, so it stays correct while orders are added or updated between pages
        (an order whose key moves past the cursor is served again, one moving behind it is not).
        """
        sort_field, sort_order = search.sort_field, search.sort_order
        ge, lt = search.bounds()
        matches = search.matcher()
        index = self.index
        keys = index.sorted_keys(shop_id, sort_field)
        # [lo, hi): keys with ge <= seconds < lt; ("", id) sorts before every real id.
        lo = 0 if ge is None else bisect_left(keys, (ge, ""))
        hi = len(keys) if lt is None else max(lo, bisect_left(keys, (lt, "")))
        descending = sort_order == "DESC"
        positions = range(hi - 1, lo - 1, -1) if descending else range(lo, hi)
        if page_token:
            cursor = self._pages.decode(page_token)
            if cursor is None or cursor.get("f") != sort_field or cursor.get("o") != sort_order:
                raise ParameterError("page_token", "The `page_token` query parameter is invalid.")
            last = (int(cursor["v"]), str(cursor["i"]))
            if descending:
                positions = range(min(hi, bisect_left(keys, last)) - 1, lo - 1, -1)
            else:
                positions = range(max(lo, bisect_right(keys, last)), hi)
        page: list[FakeOrder] = []
        more = False
        for position in positions:
            order = index.get(keys[position][1])
            if matches is None or matches(order):
                if len(page) == size:
                    more = True
                    break
                page.append(order)
        if matches is None:
            total = hi - lo
        else:
            total = sum(1 for position in range(lo, hi) if matches(index.get(keys[position][1])))
        next_token = ""
        if more:
            tail_value, tail_id = sort_key(page[-1], sort_field)
            next_token = self._pages.encode(
                {"f": sort_field, "o": sort_order, "v": tail_value, "i": tail_id}
            )
        return {
            "next_page_token": next_token,
            "total_count": total,
            "orders": [order.to_wire() for order in page],
        }

    def detail_reply(
        self, shop_id: str, order_ids: Sequence[str], api_version: str
    ) -> dict[str, Any]:
        """Get Order Detail's ``data``: every id must be one of the shop's orders (21008111)."""
        orders = []
        for order_id in order_ids:
            order = self.get(shop_id, order_id)
            if order is None:
                raise ORDER_NOT_OWNED.error()
            orders.append(order.to_wire(api_version=api_version))
        return {"orders": orders}
