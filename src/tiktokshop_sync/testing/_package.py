"""The fake's packages (fulfilment units) and their wire shapes (reference §5.7).

An order gets one package with every line item when it reaches AWAITING_SHIPMENT; shipping
only some line items splits them into a new package. Package status follows Search Package:
TO_FULFILL, PROCESSING (arranged, awaiting collection), FULFILLING (collected, in transit),
COMPLETED (delivered) and CANCELLED.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from attrs import define, field

if TYPE_CHECKING:
    from tiktokshop_sync.testing._order import FakeOrder

__all__ = ["PACKAGE_STATUSES", "SHIPPED_PACKAGE_STATUSES", "FakePackage"]

PACKAGE_STATUSES: Final[tuple[str, ...]] = (
    "TO_FULFILL",
    "PROCESSING",
    "FULFILLING",
    "COMPLETED",
    "CANCELLED",
)

SHIPPED_PACKAGE_STATUSES: Final[frozenset[str]] = frozenset(
    {"PROCESSING", "FULFILLING", "COMPLETED"}
)

# Get Package Detail's finer status (reference §5.7); the mapping is ours [inferred].
_SUB_STATUS: Final[dict[str, str]] = {
    "TO_FULFILL": "CREATED",
    "PROCESSING": "RTS",
    "FULFILLING": "TTS",
    "COMPLETED": "DELIVERED",
    "CANCELLED": "CANCELLED",
}


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


@define(kw_only=True, eq=False)
class FakePackage:
    """One package of one order: its line items, status, carrier and tracking number."""

    id: str
    order_id: str
    shop_id: str
    line_item_ids: list[str] = field(factory=list)
    status: str = "TO_FULFILL"
    create_time: datetime
    update_time: datetime
    shipping_provider_id: str = ""
    shipping_provider_name: str = ""
    tracking_number: str = ""
    rts_time: datetime | None = None
    handover_method: str = ""
    pickup_slot: tuple[datetime, datetime] | None = None
    shipping_info_updates: int = 0
    split: bool = False

    @property
    def shipped(self) -> bool:
        """True once the seller has shipped it (it has a carrier and tracking number)."""
        return self.status in SHIPPED_PACKAGE_STATUSES

    def ship(
        self,
        *,
        tracking_number: str,
        provider_id: str,
        provider_name: str,
        at: datetime,
        handover_method: str = "",
        pickup_slot: tuple[datetime, datetime] | None = None,
    ) -> None:
        """Record the shipment: PROCESSING with carrier, tracking number and ``rts_time``."""
        self.status = "PROCESSING"
        self.tracking_number = tracking_number
        self.shipping_provider_id = provider_id
        self.shipping_provider_name = provider_name
        self.rts_time = self.update_time = at
        self.handover_method = handover_method
        self.pickup_slot = pickup_slot

    def _orders(self, order: FakeOrder) -> list[dict[str, Any]]:
        items = [i for i in order.line_items if i.id in self.line_item_ids]
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

    def to_search_wire(self, order: FakeOrder) -> dict[str, Any]:
        """This package as Search Package lists it."""
        return {
            "id": self.id,
            "orders": self._orders(order),
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            "status": self.status,
            "tracking_number": self.tracking_number,
            "shipping_provider_name": self.shipping_provider_name,
            "shipping_provider_id": self.shipping_provider_id,
            "order_line_item_ids": list(self.line_item_ids),
        }

    def to_detail_wire(self, order: FakeOrder) -> dict[str, Any]:
        """This package as Get Package Detail returns it."""
        wire: dict[str, Any] = {
            "package_id": self.id,
            "orders": self._orders(order),
            "package_status": self.status,
            "package_sub_status": _SUB_STATUS[self.status],
            "split_and_combine_tag": "SPLIT" if self.split else "DEFAULT",
            "shipping_provider_name": self.shipping_provider_name,
            "shipping_provider_id": self.shipping_provider_id,
            "shipping_type": order.shipping_type,
            "delivery_option_id": order.delivery_option_id,
            "delivery_option_name": order.delivery_option_name,
            "tracking_number": self.tracking_number,
            "order_line_item_ids": list(self.line_item_ids),
            "warehouse_id": order.warehouse_id,
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
        }
        if self.handover_method:
            wire["handover_method"] = self.handover_method
        if self.pickup_slot is not None:
            start, end = self.pickup_slot
            wire["pickup_slot"] = {"start_time": _ts(start), "end_time": _ts(end)}
        return wire
