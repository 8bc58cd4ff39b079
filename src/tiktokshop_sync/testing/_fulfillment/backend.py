"""Shipping: packages, ship package, mark as shipped, shipping-info updates, carrier milestones,
tracking, and the package replies (reference §5.7).

An order gets one package with every line item when it reaches AWAITING_SHIPMENT (this backend
subscribes to the order book); shipping only some line items splits them into a new package
(published as :class:`PackagesSplit`); a cancelled order's packages are cancelled with it.

JP local sellers ship with their own carrier and report it with Mark Package As Shipped; a
``shipping_type`` TIKTOK order is shipped with Ship Package and a TikTok-arranged carrier.
Every check runs before anything changes, so a refused call leaves no trace.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, time, timedelta, timezone
from typing import Any, Final

from attrs import frozen

from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._errors import (
    AFTER_SALE_PENDING,
    ARRANGE_SHIPMENT_FIRST,
    FULFILLMENT_PARAMS,
    NOT_AWAITING_SHIPMENT,
    NOT_SELLER_SHIPPED,
    ORDER_IS_CANCELLED,
    ORDER_NOT_OWNED,
    OUTSIDE_PICKUP_SLOT,
    PACKAGE_ALREADY_SHIPPED,
    PACKAGE_DELIVERED,
    PACKAGE_NOT_OWNED,
    PACKAGE_NOT_SHIPPED,
    PACKAGE_SHIPPED_AGAIN,
    PLATFORM_FULFILLED,
    TIKTOK_SHIPPING_ONLY,
    TRACKING_DUPLICATE,
    TRACKING_OR_PROVIDER_INVALID,
    TRACKING_SPECIAL_CHARACTERS,
    UPDATE_ONLY_ONCE,
    UPDATE_WINDOW_CLOSED,
    ApiError,
)
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._logistics.backend import CARRIERS, FakeCarrier, Logistics
from tiktokshop_sync.testing._orders.backend import (
    OrderBook,
    OrderCreated,
    OrderItemsCancelled,
    OrderStatusChanged,
)
from tiktokshop_sync.testing._orders.records import (
    HIDDEN_ADDRESS_STATUSES,
    PACKAGE_STATUS_FOR,
    SHIPPED_STATUSES,
    FakeOrder,
    FakePackage,
)
from tiktokshop_sync.testing._paging import PageTokens, keyset_page
from tiktokshop_sync.testing._products.backend import Catalog
from tiktokshop_sync.testing._shops.backend import FakeShopAccount

__all__ = [
    "DOCUMENT_TYPES",
    "UPDATE_WINDOW",
    "PackageSearch",
    "PackagesSplit",
    "Shipment",
    "ShippingDesk",
]

#: Shipping info may be corrected within 72 hours of shipping, once (reference §5.7).
UPDATE_WINDOW: Final = timedelta(hours=72)

#: Get Package Shipping Document's ``document_type`` values.
DOCUMENT_TYPES: Final[tuple[str, ...]] = (
    "SHIPPING_LABEL",
    "PACKING_SLIP",
    "SHIPPING_LABEL_AND_PACKING_SLIP",
    "SHIPPING_LABEL_PICTURE",
    "HAZMAT_LABEL",
    "INVOICE_LABEL",
)

# 4 to 50 letters, digits, "-", "_", "." or "/" (TSA text on Update Shipping Info).
_TRACKING = re.compile(r"[A-Za-z0-9\-_./]{4,50}")
_JST: Final = timezone(timedelta(hours=9))
# Pickup windows offered on each of the next three days, JST.
_PICKUP_WINDOWS: Final = ((time(9), time(12)), (time(14), time(16)), (time(16), time(18)))
_DROP_OFF_URL: Final = "https://seller-jp.tiktok.com/logistics/drop-off-points"

#: What a carrier adds to the goods' own boxes: packing material, in grams and centimetres.
_PACKING_GRAMS: Final = 120
_PACKING_CM: Final = 2


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


@frozen(kw_only=True)
class PackagesSplit:
    """Shipping some line items split ``remaining`` into itself and ``split``."""

    order: FakeOrder
    remaining: FakePackage
    split: FakePackage
    at: datetime


@frozen(kw_only=True)
class Shipment:
    """What a Ship Package entry asks: handover method, pickup slot, the seller's own tracking."""

    handover_method: str = ""
    pickup_slot: tuple[datetime, datetime] | None = None
    self_shipment: tuple[str, str] | None = None


@frozen(kw_only=True)
class PackageSearch:
    """Search Package's filters and sort; times are whole seconds, ``[ge, lt)``."""

    sort_field: str = "create_time"
    sort_order: str = "DESC"
    package_status: str | None = None
    bounds: dict[str, int | None]

    def matches(self, package: FakePackage) -> bool:
        """Whether ``package`` passes every filter."""
        created = int(package.create_time.timestamp())
        updated = int(package.update_time.timestamp())
        bounds = self.bounds
        checks = (
            self.package_status is None or package.status == self.package_status,
            bounds["create_time_ge"] is None or created >= bounds["create_time_ge"],
            bounds["create_time_lt"] is None or created < bounds["create_time_lt"],
            bounds["update_time_ge"] is None or updated >= bounds["update_time_ge"],
            bounds["update_time_lt"] is None or updated < bounds["update_time_lt"],
        )
        return all(checks)


class ShippingDesk:
    """Every package and the fulfilment operations on them (callers hold the fake's lock)."""

    def __init__(
        self,
        *,
        orders: OrderBook,
        logistics: Logistics,
        catalog: Catalog,
        ids: IdFactory,
        release_ids: IdFactory,
        pages: PageTokens,
        bus: EventBus,
    ) -> None:
        self._orders = orders
        self._logistics = logistics
        self._catalog = catalog
        self._ids = ids
        # Packages made when an order leaves ON_HOLD draw their ids from their own stream.
        self._release_ids = release_ids
        self._pages = pages
        self._bus = bus
        self.packages: dict[str, FakePackage] = {}
        bus.subscribe(OrderCreated, self._order_created)
        bus.subscribe(OrderStatusChanged, self._order_moved)
        bus.subscribe(OrderItemsCancelled, self._items_cancelled)

    # --- what orders do to packages -----------------------------------------------------------

    def _order_created(self, event: OrderCreated) -> None:
        order = event.order
        for package in order.packages:
            self.packages[package.id] = package
        if order.status == "AWAITING_SHIPMENT" and not order.packages:
            # An order the platform made ready to ship (a replacement) gets its package now.
            self._new_package(order, [item.id for item in order.line_items], event.at)

    def _order_moved(self, event: OrderStatusChanged) -> None:
        order, at = event.order, event.at
        if order.status == "AWAITING_SHIPMENT":
            if not order.packages:
                self._new_package(
                    order,
                    [item.id for item in order.line_items],
                    at,
                    package_id=self._release_ids.long_id("115"),
                )
            for package in order.packages:
                package.status = PACKAGE_STATUS_FOR["AWAITING_SHIPMENT"]
        elif order.status == "CANCELLED":
            for package in order.packages:
                package.status = "CANCELLED"
                package.update_time = at

    def _items_cancelled(self, event: OrderItemsCancelled) -> None:
        for package in event.order.packages:
            if package.status == "TO_FULFILL":
                package.line_item_ids = [
                    i for i in package.line_item_ids if i not in event.item_ids
                ]
                package.update_time = event.at

    def _new_package(
        self, order: FakeOrder, item_ids: Sequence[str], now: datetime, *, package_id: str = ""
    ) -> FakePackage:
        package = FakePackage(
            id=package_id or self._ids.long_id("115"),
            order_id=order.id,
            shop_id=order.shop_id,
            line_item_ids=list(item_ids),
            create_time=now,
            update_time=now,
        )
        order.packages.append(package)
        self.packages[package.id] = package
        return package

    # --- lookups ------------------------------------------------------------------------------

    def package(self, package_id: str) -> FakePackage:
        """The package with this id (KeyError naming it if unknown)."""
        try:
            return self.packages[package_id]
        except KeyError:
            raise KeyError(f"no package with id {package_id!r} in this FakeShop") from None

    def order_of(self, shop: FakeShopAccount, order_id: str) -> FakeOrder:
        """The shop's order, or 21008111 as TikTok answers for anyone else's."""
        order = self._orders.get(shop.id, order_id)
        if order is None:
            raise ORDER_NOT_OWNED.error()
        return order

    def package_of(self, shop: FakeShopAccount, package_id: str) -> tuple[FakePackage, FakeOrder]:
        """The shop's package and its order, or 21011028."""
        package = self.packages.get(package_id)
        if package is None or package.shop_id != shop.id:
            raise PACKAGE_NOT_OWNED.error()
        return package, self._orders.order(package.order_id)

    # --- checks -------------------------------------------------------------------------------

    def _carrier(self, order: FakeOrder, tracking_number: str, provider_id: str) -> FakeCarrier:
        if not _TRACKING.fullmatch(tracking_number):
            raise TRACKING_SPECIAL_CHARACTERS.error()
        carriers = self._logistics.carriers_for(order.shop_id, order.delivery_option_id)
        carrier = next((c for c in carriers if c.shipping_provider_id == provider_id), None)
        if carrier is None:
            raise TRACKING_OR_PROVIDER_INVALID.error()
        return carrier

    def _unique(self, shop_id: str, tracking_number: str, own: FakePackage | None) -> None:
        for package in self.packages.values():
            if (
                package is not own
                and package.shop_id == shop_id
                and package.status != "CANCELLED"
                and package.tracking_number == tracking_number
            ):
                raise TRACKING_DUPLICATE.error()

    @staticmethod
    def _shippable(order: FakeOrder) -> None:
        if order.status == "CANCELLED":
            raise ORDER_IS_CANCELLED.error()
        if order.status in ("UNPAID", "ON_HOLD"):
            raise NOT_AWAITING_SHIPMENT.error()
        if order.is_buyer_request_cancel:
            # The buyer's cancel request must be answered first (Approve/Reject Cancellation).
            raise AFTER_SALE_PENDING.error()

    # --- mark as shipped (seller's own carrier) -----------------------------------------------

    def mark_shipped(
        self,
        shop: FakeShopAccount,
        order_id: str,
        *,
        tracking_number: str,
        provider_id: str,
        item_ids: Sequence[str] | None,
        now: datetime,
    ) -> dict[str, Any]:
        """Mark Package As Shipped: the whole order, or chosen line items in a new package."""
        order = self.order_of(shop, order_id)
        if order.status in SHIPPED_STATUSES:
            raise PACKAGE_SHIPPED_AGAIN.error()
        self._shippable(order)
        if order.shipping_type != "SELLER":
            raise PLATFORM_FULFILLED.error()
        carrier = self._carrier(order, tracking_number, provider_id)
        remaining = order.unshipped_package()
        if remaining is None or not remaining.line_item_ids:
            raise PACKAGE_SHIPPED_AGAIN.error()
        if item_ids is None:
            items = list(remaining.line_item_ids)
        else:
            items = list(dict.fromkeys(item_ids))
            known = {item.id for item in order.line_items}
            if not items or any(i not in known for i in items):
                raise FULFILLMENT_PARAMS.error()
            if any(i not in remaining.line_item_ids for i in items):
                raise PACKAGE_SHIPPED_AGAIN.error()
        self._unique(shop.id, tracking_number, None)
        package = remaining
        if set(items) != set(remaining.line_item_ids):
            package = self._split(order, remaining, items, now)
        self._ship(order, package, carrier, tracking_number, now)
        return {"order_id": order.id, "order_line_item_ids": items, "package_id": package.id}

    def _split(
        self, order: FakeOrder, remaining: FakePackage, items: list[str], now: datetime
    ) -> FakePackage:
        remaining.line_item_ids = [i for i in remaining.line_item_ids if i not in items]
        remaining.update_time = now
        package = self._new_package(order, items, now)
        remaining.split = package.split = True
        self._bus.publish(PackagesSplit(order=order, remaining=remaining, split=package, at=now))
        return package

    def _ship(
        self,
        order: FakeOrder,
        package: FakePackage,
        carrier: FakeCarrier,
        tracking_number: str,
        now: datetime,
        *,
        handover_method: str = "",
        pickup_slot: tuple[datetime, datetime] | None = None,
    ) -> None:
        package.ship(
            tracking_number=tracking_number,
            provider_id=carrier.shipping_provider_id,
            provider_name=carrier.name,
            at=now,
            handover_method=handover_method,
            pickup_slot=pickup_slot,
        )
        if not order.tracking_number:
            order.tracking_number = tracking_number
            order.shipping_provider = carrier.name
            order.shipping_provider_id = carrier.shipping_provider_id
            order.rts_time = now
        left = order.unshipped_package()
        done = left is None or not left.line_item_ids
        if done and left is not None:
            # Nothing left to ship in it (the rest was cancelled): it goes with the order.
            left.status = "CANCELLED"
        self._orders.set_status(order, "AWAITING_COLLECTION" if done else "PARTIALLY_SHIPPING", now)

    # --- ship package (TikTok shipping, or self_shipment) -------------------------------------

    def ship_package(
        self, shop: FakeShopAccount, package_id: str, shipment: Shipment, now: datetime
    ) -> None:
        """Ship Package: PICKUP/DROP_OFF for TikTok shipping, ``self_shipment`` for sellers."""
        package, order = self.package_of(shop, package_id)
        method, slot = shipment.handover_method, shipment.pickup_slot
        if order.status == "CANCELLED" or package.status == "CANCELLED":
            raise ORDER_IS_CANCELLED.error()
        if package.shipped:
            raise PACKAGE_ALREADY_SHIPPED.error()
        self._shippable(order)
        if order.shipping_type == "SELLER":
            if shipment.self_shipment is None:
                # SEND_BY_SELLER packages need the seller's tracking (reference §5.7).
                raise FULFILLMENT_PARAMS.error()
            tracking_number, provider_id = shipment.self_shipment
            carrier = self._carrier(order, tracking_number, provider_id)
            self._unique(shop.id, tracking_number, None)
            self._ship(order, package, carrier, tracking_number, now, handover_method=method)
            return
        method = method or "PICKUP"
        if slot is not None and method == "PICKUP" and slot not in self.pickup_slots(now):
            raise OUTSIDE_PICKUP_SLOT.error()
        # TikTok books its own carrier and issues the tracking number.
        carrier = CARRIERS[0]
        tracking_number = self._ids.digits(carrier.tracking_digits, "4")
        self._ship(
            order, package, carrier, tracking_number, now, handover_method=method, pickup_slot=slot
        )

    def batch_ship(
        self,
        shop: FakeShopAccount,
        entries: Sequence[tuple[str, Shipment | ApiError]],
        now: datetime,
    ) -> dict[str, Any]:
        """Batch Ship Packages: each package on its own; failures come back per package."""
        errors: list[dict[str, Any]] = []
        for package_id, shipment in entries:
            try:
                if isinstance(shipment, ApiError):
                    raise shipment
                self.ship_package(shop, package_id, shipment, now)
            except ApiError as error:
                errors.append(
                    {
                        "code": error.code,
                        "message": error.message,
                        "detail": {"package_id": package_id},
                    }
                )
        return {"errors": errors} if errors else {}

    # --- update shipping info -----------------------------------------------------------------

    def update_shipping_info(
        self,
        shop: FakeShopAccount,
        *,
        order_id: str | None = None,
        package_id: str | None = None,
        tracking_number: str,
        provider_id: str,
        now: datetime,
    ) -> None:
        """Correct a seller-shipped package's tracking: within 72 hours of shipping, once."""
        if package_id is not None:
            package, order = self.package_of(shop, package_id)
            shipped = [package] if package.tracking_number else []
        else:
            order = self.order_of(shop, order_id or "")
            shipped = [p for p in order.packages if p.tracking_number]
        if order.status == "CANCELLED":
            raise ORDER_IS_CANCELLED.error()
        if order.shipping_type != "SELLER":
            raise NOT_SELLER_SHIPPED.error()
        if not shipped:
            raise PACKAGE_NOT_SHIPPED.error()
        if len(shipped) > 1:
            # A split order's packages are corrected one by one (package-level endpoint).
            raise FULFILLMENT_PARAMS.error()
        target = shipped[0]
        if target.status == "COMPLETED":
            raise PACKAGE_DELIVERED.error()
        carrier = self._carrier(order, tracking_number, provider_id)
        if target.rts_time is None or now - target.rts_time > UPDATE_WINDOW:
            raise UPDATE_WINDOW_CLOSED.error()
        if target.shipping_info_updates >= 1:
            raise UPDATE_ONLY_ONCE.error()
        self._unique(shop.id, tracking_number, target)
        if order.tracking_number == target.tracking_number:
            order.tracking_number = tracking_number
            order.shipping_provider = carrier.name
            order.shipping_provider_id = carrier.shipping_provider_id
        target.tracking_number = tracking_number
        target.shipping_provider_id = carrier.shipping_provider_id
        target.shipping_provider_name = carrier.name
        target.shipping_info_updates += 1
        target.update_time = order.update_time = now

    # --- carrier milestones (test helpers) ----------------------------------------------------

    def collect(self, order: FakeOrder, now: datetime) -> None:
        """The carrier collects every shipped package: AWAITING_COLLECTION → IN_TRANSIT."""
        if order.status != "AWAITING_COLLECTION":
            raise ValueError(
                f"order {order.id} is {order.status}; only AWAITING_COLLECTION orders are collected"
            )
        _move_packages(order, "PROCESSING", "FULFILLING", now)
        order.collection_time = now
        self._orders.set_status(order, "IN_TRANSIT", now)

    def deliver(self, order: FakeOrder, now: datetime) -> None:
        """The parcel arrives: IN_TRANSIT (collected first if needed) → DELIVERED."""
        if order.status == "AWAITING_COLLECTION":
            self.collect(order, now)
        if order.status != "IN_TRANSIT":
            raise ValueError(
                f"order {order.id} is {order.status}; only shipped orders are delivered"
            )
        _move_packages(order, "FULFILLING", "COMPLETED", now)
        order.delivery_time = now
        self._orders.set_status(order, "DELIVERED", now)

    def complete(self, order: FakeOrder, now: datetime) -> None:
        """The after-sales window closes: DELIVERED → COMPLETED."""
        if order.status != "DELIVERED":
            raise ValueError(f"order {order.id} is {order.status}; only DELIVERED orders complete")
        self._orders.set_status(order, "COMPLETED", now)

    # --- reads and replies --------------------------------------------------------------------

    def pickup_slots(self, now: datetime) -> list[tuple[datetime, datetime]]:
        """Pickup windows on the next three days (JST), the same for every TikTok package."""
        today = now.astimezone(_JST).date()
        return [
            (
                datetime.combine(today + timedelta(days=day), start, _JST).astimezone(timezone.utc),
                datetime.combine(today + timedelta(days=day), end, _JST).astimezone(timezone.utc),
            )
            for day in (1, 2, 3)
            for start, end in _PICKUP_WINDOWS
        ]

    def search_reply(
        self,
        shop: FakeShopAccount,
        search: PackageSearch,
        *,
        size: int,
        page_token: str,
    ) -> dict[str, Any]:
        """Search Package's ``data``: one page of the shop's packages."""
        orders = self._orders
        sort_field, sort_order = search.sort_field, search.sort_order

        def sort_value(package: FakePackage) -> int:
            if sort_field == "order_pay_time":
                paid = orders.order(package.order_id).paid_time
                return int(paid.timestamp()) if paid is not None else 0
            moment = package.create_time if sort_field == "create_time" else package.update_time
            return int(moment.timestamp())

        def key(package: FakePackage) -> tuple[int, str]:
            return sort_value(package), package.id

        descending = sort_order == "DESC"
        found = sorted(
            (p for p in self.packages.values() if p.shop_id == shop.id and search.matches(p)),
            key=key,
            reverse=descending,
        )
        page, token = keyset_page(
            found,
            key,
            tokens=self._pages,
            token=page_token,
            size=size,
            tag=f"packages/{sort_field}/{sort_order}",
            descending=descending,
        )
        return {
            "next_page_token": token,
            "total_count": len(found),
            "packages": [_search_wire(p, orders.order(p.order_id)) for p in page],
        }

    def detail_reply(self, shop: FakeShopAccount, package_id: str) -> dict[str, Any]:
        """Get Package Detail's ``data``: the package, both addresses, and for a package TikTok
        ships (it buys the label), the weight and size it was booked with."""
        package, order = self.package_of(shop, package_id)
        wire = _detail_wire(package, order)
        logistics = self._logistics.of(order.shop_id)
        warehouse = logistics.warehouse(order.warehouse_id) or logistics.default_warehouse
        wire["sender_address"] = _sender_address(warehouse.to_wire()["address"])
        if order.shipping_type == "TIKTOK":
            wire.update(self._booked_size(package, order))
        return wire

    def _booked_size(self, package: FakePackage, order: FakeOrder) -> dict[str, Any]:
        """``weight`` and ``dimension``: the goods' package sizes, in one box [inferred]."""
        grams = _PACKING_GRAMS
        box = [0, 0, 0]
        for item in order.line_items:
            if item.id not in package.line_item_ids:
                continue
            product = self._catalog.products.get(item.product_id)
            if product is None:
                continue
            grams += product.weight_grams
            for axis, size in enumerate(product.box_cm):
                box[axis] = max(box[axis], size)
        length, width, height = (size + _PACKING_CM for size in box)
        return {
            "weight": {"value": str(grams), "unit": "GRAM"},
            "dimension": {
                "length": str(length),
                "width": str(width),
                "height": str(height),
                "unit": "CM",
            },
        }

    def handover_time_slots_reply(
        self, shop: FakeShopAccount, package_id: str, now: datetime
    ) -> dict[str, Any]:
        """Get Package Handover Time Slots' ``data``; a seller-shipped package has none."""
        _package, order = self.package_of(shop, package_id)
        if order.shipping_type == "SELLER":
            return {"can_pickup": False, "can_drop_off": False, "pickup_slots": []}
        return {
            "can_pickup": True,
            "can_drop_off": True,
            "drop_off_point_url": _DROP_OFF_URL,
            "pickup_slots": [
                {
                    "start_time": int(start.timestamp()),
                    "end_time": int(end.timestamp()),
                    "avaliable": True,  # sic: TikTok's spelling
                }
                for start, end in self.pickup_slots(now)
            ],
        }

    def shipping_document_reply(
        self, shop: FakeShopAccount, package_id: str, now: datetime
    ) -> dict[str, Any]:
        """Get Package Shipping Document's ``data``: TikTok shipping only, once arranged."""
        package, order = self.package_of(shop, package_id)
        if order.shipping_type == "SELLER":
            raise TIKTOK_SHIPPING_ONLY.error()
        if not package.shipped:
            raise ARRANGE_SHIPMENT_FIRST.error()
        token = self._ids.hex_upper(24).lower()
        expires = int((now + timedelta(hours=24)).timestamp())
        return {
            "doc_url": (
                "https://open-fs-jp.tiktokshop.com/wsos_v2/oec_fulfillment_doc_tts/object/"
                f"wsos{token}?expire={expires}"
            ),
            "tracking_number": package.tracking_number,
        }

    def tracking_reply(self, shop: FakeShopAccount, order_id: str, now: datetime) -> dict[str, Any]:
        """Get Tracking's ``data``: the carrier's events, newest first (times in ms)."""
        order = self.order_of(shop, order_id)
        events: list[tuple[datetime, str]] = []
        if order.rts_time is not None:
            events.append((order.rts_time, "出荷情報が登録されました"))
        if order.collection_time is not None:
            events.append((order.collection_time, "配送業者が荷物を集荷しました"))
            # The parcel leaves the depot a few hours after pickup; never reported early.
            departed = order.collection_time + timedelta(hours=6)
            if departed <= (order.delivery_time or now):
                events.append((departed, "荷物を輸送中です"))
        if order.delivery_time is not None:
            events.append((order.delivery_time, "お届けが完了しました"))
        events.sort(key=lambda event: event[0], reverse=True)
        return {
            "tracking": [
                {"description": text, "update_time_millis": int(moment.timestamp() * 1000)}
                for moment, text in events
            ]
        }


def _move_packages(order: FakeOrder, was: str, becomes: str, now: datetime) -> None:
    """The carrier moves each of the order's packages in status ``was`` on to ``becomes``."""
    for package in order.packages:
        if package.status == was:
            package.status = becomes
            package.update_time = now


def _package_orders(package: FakePackage, order: FakeOrder) -> list[dict[str, Any]]:
    items = [i for i in order.line_items if i.id in package.line_item_ids]
    counts = Counter(item.sku_id for item in items)
    first = {item.sku_id: item for item in reversed(items)}
    skus = [
        {
            "id": sku_id,
            "name": first[sku_id].sku_name,
            "image_url": first[sku_id].sku_image,
            "quantity": quantity,
        }
        for sku_id, quantity in counts.items()
    ]
    return [{"id": order.id, "skus": skus}]


def _search_wire(package: FakePackage, order: FakeOrder) -> dict[str, Any]:
    """A package as Search Package lists it."""
    return {
        "id": package.id,
        "orders": _package_orders(package, order),
        "create_time": _ts(package.create_time),
        "update_time": _ts(package.update_time),
        "status": package.status,
        "tracking_number": package.tracking_number,
        "shipping_provider_name": package.shipping_provider_name,
        "shipping_provider_id": package.shipping_provider_id,
        "order_line_item_ids": list(package.line_item_ids),
    }


def _detail_wire(package: FakePackage, order: FakeOrder) -> dict[str, Any]:
    """A package as Get Package Detail returns it (addresses and size added by the caller)."""
    items = [i for i in order.line_items if i.id in package.line_item_ids]
    wire: dict[str, Any] = {
        "package_id": package.id,
        "orders": _package_orders(package, order),
        "package_status": package.status,
        "split_and_combine_tag": "SPLIT" if package.split else "DEFAULT",
        "has_multi_skus": len({item.sku_id for item in items}) > 1,
        "note_tag": "BUYER_NOTED" if order.buyer_message else "BUYER_UNNOTED",
        "shipping_provider_name": package.shipping_provider_name,
        "shipping_provider_id": package.shipping_provider_id,
        "shipping_type": order.shipping_type,
        "delivery_option_id": order.delivery_option_id,
        "delivery_option_name": order.delivery_option_name,
        "tracking_number": package.tracking_number,
        "order_line_item_ids": list(package.line_item_ids),
        "recipient_address": _recipient_address(order),
        "create_time": _ts(package.create_time),
        "update_time": _ts(package.update_time),
    }
    if package.handover_method:
        wire["handover_method"] = package.handover_method
    if package.pickup_slot is not None:
        start, end = package.pickup_slot
        wire["pickup_slot"] = {"start_time": _ts(start), "end_time": _ts(end)}
    return wire


_ADDRESS_FIELDS: Final = (
    "full_address",
    "phone_number",
    "name",
    "postal_code",
    "address_detail",
    "region_code",
    "address_line1",
    "address_line2",
    "address_line3",
    "address_line4",
)


def _recipient_address(order: FakeOrder) -> dict[str, Any]:
    """The order's recipient, hidden and masked by the order's rules (platform logistics:
    "recipient name will be desensitized", get-package-detail.spec.json)."""
    hidden = order.status in HIDDEN_ADDRESS_STATUSES
    masked = order.shipping_type == "TIKTOK"
    full = order.recipient.to_wire(hidden=hidden, masked=masked)
    return {name: full[name] for name in _ADDRESS_FIELDS}


def _sender_address(address: dict[str, Any]) -> dict[str, Any]:
    """The shipping warehouse as the sender: its contact and its address."""
    detail = address["address_line1"]
    if address["address_line2"]:
        detail = f"{detail} {address['address_line2']}"
    return {
        "full_address": address["full_address"],
        "phone_number": address["phone_number"],
        "name": address["contact_person"],
        "postal_code": address["postal_code"],
        "address_detail": detail,
        "region_code": address["region_code"],
        "address_line1": address["address_line1"],
        "address_line2": address["address_line2"],
        "address_line3": address["address_line3"],
        "address_line4": address["address_line4"],
    }
