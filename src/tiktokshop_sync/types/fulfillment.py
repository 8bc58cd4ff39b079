"""Packages and shipping: search and detail, handover slots, documents, tracking, results."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import ClassVar

from pydantic import Field

from ._base import OpenEnum, OptionalMoney, OptionalTimestamp, WireModel
from .common import ItemError, Warning_

__all__ = [
    "BatchShipResult",
    "ClaimStatus",
    "DimensionUnit",
    "HandoverMethod",
    "HandoverTimeSlots",
    "MarkShippedResult",
    "NoteTag",
    "Package",
    "PackageAddress",
    "PackageDetail",
    "PackageDimension",
    "PackageInsurance",
    "PackageOrder",
    "PackageSku",
    "PackageStatus",
    "PackageWeight",
    "PickupSlot",
    "ShippingDocument",
    "ShippingType",
    "SplitAndCombineTag",
    "TrackingEvent",
    "WeightUnit",
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


class ShippingType(OpenEnum):
    """Who arranges shipping: TikTok's logistics or the seller's own carrier."""

    TIKTOK = "TIKTOK"
    SELLER = "SELLER"
    TIKTOK_DIGITAL = "TIKTOK_DIGITAL"


class SplitAndCombineTag(OpenEnum):
    """Whether a package was combined with another order's or split from its order."""

    DEFAULT = "DEFAULT"
    COMBINE = "COMBINE"
    SPLIT = "SPLIT"


class NoteTag(OpenEnum):
    """Whether the buyer left a note on the order."""

    BUYER_UNNOTED = "BUYER_UNNOTED"
    BUYER_NOTED = "BUYER_NOTED"


class WeightUnit(OpenEnum):
    """The unit of a weight: a parcel's, a delivery option's limits, a product's package."""

    GRAM = "GRAM"
    KILOGRAM = "KILOGRAM"
    POUND = "POUND"


class DimensionUnit(OpenEnum):
    """The unit of a parcel's dimensions and of a delivery option's size limits."""

    CM = "CM"
    INCH = "INCH"


class ClaimStatus(OpenEnum):
    """Where a shipping insurance claim is."""

    NOT_STARTED = "NOT_STARTED"
    CLAIM_PENDING = "CLAIM_PENDING"
    APPROVED = "APPROVED"
    DECLINED = "DECLINED"


class PickupSlot(WireModel):
    """A carrier pickup window."""

    start_time: OptionalTimestamp = None
    end_time: OptionalTimestamp = None
    avaliable: bool | None = None  # sic: TikTok's spelling


class PackageSku(WireModel):
    """A SKU in a package, and how many of it.

    TikTok marks ``orders[].skus`` deprecated in Search Package and Get Package Detail
    (api/fulfillment/*.spec.json): read ``order_line_item_ids`` and the order's line items.
    """

    id: str = ""
    name: str = ""
    image_url: str = ""
    quantity: int | None = None


class PackageOrder(WireModel):
    """An order inside a package."""

    id: str
    skus: list[PackageSku] = Field(default_factory=list)


class PackageAddress(WireModel):
    """Where a package goes, or comes from: personal data, masked or left out of reprs."""

    masked_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "phone_number", "full_address", "postal_code"}
    )
    repr_fields: ClassVar[tuple[str, ...] | None] = ("region_code",)

    name: str = ""
    phone_number: str = ""
    full_address: str = ""
    address_detail: str = ""
    address_line1: str = ""
    address_line2: str = ""
    address_line3: str = ""
    address_line4: str = ""
    postal_code: str = ""
    region_code: str = ""


class PackageWeight(WireModel):
    """A weight TikTok sends as ``{value, unit}``: a parcel's, or a packed product's."""

    value: str = ""
    unit: WeightUnit | None = None


class PackageDimension(WireModel):
    """A package's size."""

    length: str = ""
    width: str = ""
    height: str = ""
    unit: DimensionUnit | None = None


class PackageInsurance(WireModel):
    """Shipping insurance bought with the label (US); ``coverage_amount`` is in USD."""

    is_purchased: bool | None = None
    coverage_amount: OptionalMoney = None
    is_claim_eligible: bool | None = None
    claim_status: ClaimStatus | None = None


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
    has_multi_skus: bool | None = None
    note_tag: NoteTag | None = None
    tracking_number: str = ""
    #: Cross-border orders: the last-mile carrier's tracking number.
    last_mile_tracking_number: str = ""
    shipping_provider_id: str = ""
    shipping_provider_name: str = ""
    shipping_type: ShippingType | None = None
    delivery_option_id: str = ""
    delivery_option_name: str = ""
    handover_method: HandoverMethod | None = None
    pickup_slot: PickupSlot | None = None
    split_and_combine_tag: SplitAndCombineTag | None = None
    recipient_address: PackageAddress | None = None
    sender_address: PackageAddress | None = None
    weight: PackageWeight | None = None
    dimension: PackageDimension | None = None
    insurance: PackageInsurance | None = None
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

    @property
    def update_time(self) -> datetime | None:
        """``update_time_millis`` as an aware UTC datetime."""
        millis = self.update_time_millis
        return None if not millis else datetime.fromtimestamp(millis / 1000, timezone.utc)


class MarkShippedResult(WireModel):
    """Mark Package As Shipped: the package TikTok created for the shipped line items."""

    order_id: str = ""
    order_line_item_ids: list[str] = Field(default_factory=list)
    package_id: str = ""
    #: A non-fatal remark (US: the tracking number looks unusual).
    warning: Warning_ | None = None


class BatchShipResult(WireModel):
    """Batch Ship Packages: per-package failures come back as values."""

    errors: list[ItemError] = Field(default_factory=list)
