"""Shipping: ship package, mark as shipped, shipping-info updates, carrier milestones (§5.7).

JP local sellers ship with their own carrier and report it with Mark Package As Shipped; a
``shipping_type`` TIKTOK order is shipped with Ship Package and a TikTok-arranged carrier.
Every check runs before anything changes, so a refused call leaves no trace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING, Any, Final

from tiktokshop_sync.testing._data import CARRIERS, FakeCarrier
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
from tiktokshop_sync.testing._order import SHIPPED_STATUSES, FakeOrder
from tiktokshop_sync.testing._package import FakePackage
from tiktokshop_sync.testing._records import FakeShopAccount

if TYPE_CHECKING:
    from tiktokshop_sync.testing._state import FakeState

__all__ = ["DOCUMENT_TYPES", "UPDATE_WINDOW", "ShippingDesk"]

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


class ShippingDesk:
    """Fulfilment operations on the fake's orders and packages (the caller holds the lock)."""

    def __init__(self, state: FakeState) -> None:
        self._state = state

    # --- lookups ------------------------------------------------------------------------------

    def order_of(self, shop: FakeShopAccount, order_id: str) -> FakeOrder:
        """The shop's order, or 21008111 as TikTok answers for anyone else's."""
        order = self._state.orders.get(order_id)
        if order is None or order.shop_id != shop.id:
            raise ORDER_NOT_OWNED.error()
        return order

    def package_of(self, shop: FakeShopAccount, package_id: str) -> tuple[FakePackage, FakeOrder]:
        """The shop's package and its order, or 21011028."""
        package = self._state.packages.get(package_id)
        if package is None or package.shop_id != shop.id:
            raise PACKAGE_NOT_OWNED.error()
        return package, self._state.orders[package.order_id]

    def packages_of(self, shop: FakeShopAccount) -> list[FakePackage]:
        """Every package of a shop."""
        return [p for p in self._state.packages.values() if p.shop_id == shop.id]

    # --- checks -------------------------------------------------------------------------------

    def _carrier(self, order: FakeOrder, tracking_number: str, provider_id: str) -> FakeCarrier:
        if not _TRACKING.fullmatch(tracking_number):
            raise TRACKING_SPECIAL_CHARACTERS.error()
        option = self._state.logistics[order.shop_id].option(order.delivery_option_id)
        carriers = option.carriers if option is not None else CARRIERS
        carrier = next((c for c in carriers if c.shipping_provider_id == provider_id), None)
        if carrier is None:
            raise TRACKING_OR_PROVIDER_INVALID.error()
        return carrier

    def _unique(self, shop_id: str, tracking_number: str, own: FakePackage | None) -> None:
        for package in self._state.packages.values():
            if (
                package is not own
                and package.shop_id == shop_id
                and package.status != "CANCELLED"
                and package.tracking_number == tracking_number
            ):
                raise TRACKING_DUPLICATE.error()

    def _shippable(self, order: FakeOrder) -> None:
        if order.status == "CANCELLED":
            raise ORDER_IS_CANCELLED.error()
        if order.status in ("UNPAID", "ON_HOLD"):
            raise NOT_AWAITING_SHIPMENT.error()
        if self._state.after_sales.pending_for(order) is not None:
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
        package = self._state.new_package(order, items, now)
        remaining.split = package.split = True
        self._state.webhooks.emit(
            order.shop_id,
            4,
            {
                "sc_type": "SPLIT",
                "role_type": "ROLE_SELLER",
                "package_list": [
                    {"package_id": remaining.id, "order_id_list": [order.id]},
                    {"package_id": package.id, "order_id_list": [order.id]},
                ],
                "update_time": int(now.timestamp()),
            },
            now,
        )
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
        self._state.set_status(order, "AWAITING_COLLECTION" if done else "PARTIALLY_SHIPPING", now)

    # --- ship package (TikTok shipping, or self_shipment) -------------------------------------

    def ship_package(
        self, shop: FakeShopAccount, package_id: str, body: Mapping[str, Any], now: datetime
    ) -> None:
        """Ship Package: PICKUP/DROP_OFF for TikTok shipping, ``self_shipment`` for sellers."""
        package, order = self.package_of(shop, package_id)
        method, slot, self_shipment = _shipment(body)
        if order.status == "CANCELLED" or package.status == "CANCELLED":
            raise ORDER_IS_CANCELLED.error()
        if package.shipped:
            raise PACKAGE_ALREADY_SHIPPED.error()
        self._shippable(order)
        if order.shipping_type == "SELLER":
            if self_shipment is None:
                # SEND_BY_SELLER packages need the seller's tracking (reference §5.7).
                raise FULFILLMENT_PARAMS.error()
            tracking_number, provider_id = self_shipment
            carrier = self._carrier(order, tracking_number, provider_id)
            self._unique(shop.id, tracking_number, None)
            self._ship(order, package, carrier, tracking_number, now, handover_method=method)
            return
        method = method or "PICKUP"
        if slot is not None and method == "PICKUP" and slot not in self.pickup_slots(now):
            raise OUTSIDE_PICKUP_SLOT.error()
        # TikTok books its own carrier and issues the tracking number.
        carrier = CARRIERS[0]
        tracking_number = self._state.fulfillment_ids.digits(carrier.tracking_digits, "4")
        self._ship(
            order, package, carrier, tracking_number, now, handover_method=method, pickup_slot=slot
        )

    def batch_ship(
        self, shop: FakeShopAccount, entries: Sequence[Mapping[str, Any]], now: datetime
    ) -> list[dict[str, Any]]:
        """Batch Ship Packages: each package on its own; failures come back per package."""
        errors: list[dict[str, Any]] = []
        for entry in entries:
            package_id = str(entry.get("id", ""))
            try:
                self.ship_package(shop, package_id, entry, now)
            except ApiError as error:
                errors.append(
                    {
                        "code": error.code,
                        "message": error.message,
                        "detail": {"package_id": package_id},
                    }
                )
        return errors

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
        for package in order.packages:
            if package.status == "PROCESSING":
                package.status = "FULFILLING"
                package.update_time = now
        order.collection_time = now
        self._state.set_status(order, "IN_TRANSIT", now)

    def deliver(self, order: FakeOrder, now: datetime) -> None:
        """The parcel arrives: IN_TRANSIT (collected first if needed) → DELIVERED."""
        if order.status == "AWAITING_COLLECTION":
            self.collect(order, now)
        if order.status != "IN_TRANSIT":
            raise ValueError(
                f"order {order.id} is {order.status}; only shipped orders are delivered"
            )
        for package in order.packages:
            if package.status == "FULFILLING":
                package.status = "COMPLETED"
                package.update_time = now
        order.delivery_time = now
        self._state.set_status(order, "DELIVERED", now)

    def complete(self, order: FakeOrder, now: datetime) -> None:
        """The after-sales window closes: DELIVERED → COMPLETED."""
        if order.status != "DELIVERED":
            raise ValueError(f"order {order.id} is {order.status}; only DELIVERED orders complete")
        self._state.set_status(order, "COMPLETED", now)

    # --- reads --------------------------------------------------------------------------------

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

    def handover_time_slots(
        self, shop: FakeShopAccount, package_id: str, now: datetime
    ) -> dict[str, Any]:
        """Get Package Handover Time Slots; a seller-shipped package has none."""
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

    def shipping_document(
        self, shop: FakeShopAccount, package_id: str, now: datetime
    ) -> dict[str, Any]:
        """Get Package Shipping Document: TikTok shipping only, after shipment is arranged."""
        package, order = self.package_of(shop, package_id)
        if order.shipping_type == "SELLER":
            raise TIKTOK_SHIPPING_ONLY.error()
        if not package.shipped:
            raise ARRANGE_SHIPMENT_FIRST.error()
        token = self._state.fulfillment_ids.hex_upper(24).lower()
        expires = int((now + timedelta(hours=24)).timestamp())
        return {
            "doc_url": (
                "https://open-fs-jp.tiktokshop.com/wsos_v2/oec_fulfillment_doc_tts/object/"
                f"wsos{token}?expire={expires}"
            ),
            "tracking_number": package.tracking_number,
        }

    def tracking(self, shop: FakeShopAccount, order_id: str, now: datetime) -> list[dict[str, Any]]:
        """Get Tracking: the carrier's events, newest first (``update_time_millis`` in ms)."""
        order = self.order_of(shop, order_id)
        events: list[tuple[datetime, str, str]] = []
        if order.rts_time is not None:
            events.append((order.rts_time, "出荷情報が登録されました", "SHIPPED"))
        if order.collection_time is not None:
            events.append((order.collection_time, "配送業者が荷物を集荷しました", "PICKED_UP"))
            # The parcel leaves the depot a few hours after pickup; never reported early.
            departed = order.collection_time + timedelta(hours=6)
            if departed <= (order.delivery_time or now):
                events.append((departed, "荷物を輸送中です", "IN_TRANSIT"))
        if order.delivery_time is not None:
            events.append((order.delivery_time, "お届けが完了しました", "DELIVERED"))
        events.sort(key=lambda event: event[0], reverse=True)
        return [
            {
                "description": text,
                "update_time_millis": int(moment.timestamp() * 1000),
                "action_code": code,
            }
            for moment, text, code in events
        ]


def _shipment(
    body: Mapping[str, Any],
) -> tuple[str, tuple[datetime, datetime] | None, tuple[str, str] | None]:
    """``handover_method``, ``pickup_slot`` and ``self_shipment`` of a Ship Package body."""
    method = body.get("handover_method") or ""
    if method not in ("", "PICKUP", "DROP_OFF"):
        raise FULFILLMENT_PARAMS.error()
    slot: tuple[datetime, datetime] | None = None
    raw_slot = body.get("pickup_slot")
    if raw_slot is not None:
        if not isinstance(raw_slot, dict):
            raise FULFILLMENT_PARAMS.error()
        start, end = raw_slot.get("start_time"), raw_slot.get("end_time")
        if not isinstance(start, int) or not isinstance(end, int) or start >= end:
            raise FULFILLMENT_PARAMS.error()
        slot = (
            datetime.fromtimestamp(start, tz=timezone.utc),
            datetime.fromtimestamp(end, tz=timezone.utc),
        )
    shipment: tuple[str, str] | None = None
    raw = body.get("self_shipment")
    if raw is not None:
        if not isinstance(raw, dict):
            raise FULFILLMENT_PARAMS.error()
        tracking_number = raw.get("tracking_number")
        provider_id = raw.get("shipping_provider_id")
        if not isinstance(tracking_number, str) or not isinstance(provider_id, str):
            raise FULFILLMENT_PARAMS.error()
        shipment = (tracking_number, provider_id)
    return method, slot, shipment
