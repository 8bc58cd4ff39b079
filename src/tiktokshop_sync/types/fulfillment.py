"""Packages and shipping: search and detail, handover slots, documents, tracking, results."""

from __future__ import annotations

from pydantic import Field

from ._base import OpenEnum, OptionalTimestamp, WireModel
from .common import ItemError

__all__ = [
    "BatchShipResult",
    "HandoverMethod",
    "HandoverTimeSlots",
    "MarkShippedResult",
    "Package",
    "PackageDetail",
    "PackageOrder",
    "PackageStatus",
    "PickupSlot",
    "ShippingDocument",
    "TrackingEvent",
]


class PackageStatus(OpenEnum):
    """Where a package is in fulfilment."""

    TO_FULFILL = "TO_FULFILL"
    PROCESSING = "PROCESSING"
    FULFILLING = "FULFILLING"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class HandoverMethod(OpenEnum):
    """How parcels reach the carrier: collected at the seller (PICKUP) or dropped off."""

    PICKUP = "PICKUP"
    DROP_OFF = "DROP_OFF"


class PickupSlot(WireModel):
    """A carrier pickup window."""

    start_time: OptionalTimestamp = None
    end_time: OptionalTimestamp = None
    avaliable: bool | None = None  # sic: TikTok's spelling


class PackageOrder(WireModel):
    """An order inside a package."""

    id: str
    skus: list[dict[str, object]] = Field(default_factory=list)


class Package(WireModel):
    """A package as listed by Search Package."""

    id: str
    status: PackageStatus | None = None
    orders: list[PackageOrder] = Field(default_factory=list)
    tracking_number: str = ""
    shipping_provider_id: str = ""
    shipping_provider_name: str = ""
    order_line_item_ids: list[str] = Field(default_factory=list)
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None


class PackageDetail(WireModel):
    """Everything about one package (Get Package Detail)."""

    package_id: str
    package_status: PackageStatus | None = None
    package_sub_status: str = ""
    orders: list[PackageOrder] = Field(default_factory=list)
    order_line_item_ids: list[str] = Field(default_factory=list)
    tracking_number: str = ""
    shipping_provider_id: str = ""
    shipping_provider_name: str = ""
    shipping_type: str = ""
    delivery_option_id: str = ""
    delivery_option_name: str = ""
    handover_method: HandoverMethod | None = None
    pickup_slot: PickupSlot | None = None
    split_and_combine_tag: str = ""
    warehouse_id: str = ""
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None


class HandoverTimeSlots(WireModel):
    """Which handover methods a package allows, and the pickup windows."""

    can_pickup: bool = False
    can_drop_off: bool = False
    can_van_collection: bool | None = None
    drop_off_point_url: str = ""
    pickup_slots: list[PickupSlot] = Field(default_factory=list)


class ShippingDocument(WireModel):
    """A label or packing slip to print (the URL is valid for 24 hours)."""

    doc_url: str = ""
    tracking_number: str = ""


class TrackingEvent(WireModel):
    """One step of a parcel's journey (``update_time_millis`` is milliseconds)."""

    description: str = ""
    update_time_millis: int | None = None
    action_code: str = ""


class MarkShippedResult(WireModel):
    """Mark Package As Shipped: the package TikTok created for the shipped line items."""

    order_id: str = ""
    order_line_item_ids: list[str] = Field(default_factory=list)
    package_id: str = ""
    warning: dict[str, object] | None = None


class BatchShipResult(WireModel):
    """Batch Ship Packages: per-package failures come back as values."""

    errors: list[ItemError] = Field(default_factory=list)
