"""After-sales look-ups: reject reasons, a return's history, what an order allows, refund amounts.

The ``data`` of Get Reject Reasons, Get Return Records, Get Aftersale Eligibility and Calculate
Refund (all 202309, ``../shared/reference/tiktok-spec/api/return-and-refund/``). The search
results themselves are in :mod:`tiktokshop_sync.types.returns`, whose enums these reuse.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field

from ._base import OpenEnum, OptionalBool, OptionalTimestamp, WireModel
from .returns import LineItemImage, RefundAmount
from .statuses import RequestRole

__all__ = [
    "AftersaleEligibility",
    "AftersaleRequestType",
    "LineItemEligibility",
    "RefundCalculation",
    "RejectReason",
    "RejectReasons",
    "ReturnRecord",
    "ReturnRecordEvent",
    "ReturnRecordVideo",
    "ReturnRecords",
    "SkuEligibility",
]


def _upper(value: Any) -> Any:
    """A code TikTok may send in another case ("Buyer" for BUYER), upper-cased before matching."""
    return value.strip().upper() if isinstance(value, str) else value


#: Get Return Records' ``role`` lists BUYER, SELLER, OPERATOR and SYSTEM, while its official
#: example sends ``"Buyer"`` (api/return-and-refund/get-return-records.spec.json): matched
#: without regard to case, so the example is a known role even in strict mode.
_Role = Annotated[RequestRole | None, BeforeValidator(_upper)]


class RejectReason(WireModel):
    """A reason the seller may give to reject a cancellation or return: its key and its text.

    Pass ``name`` as ``reject_reason`` to Reject Return / Reject Cancellation; ``text`` is in
    the ``locale`` asked for (``ja-JP`` for Japanese). The list changes over time, so ask for it
    rather than hard-coding keys (guides/changelog/order-cancellation/
    for-sea-market-get-rejection-reasons-before-cancellation-or-return-rejection.md).
    """

    # TikTok's own reason key and text, never a buyer's.
    repr_fields: ClassVar[tuple[str, ...] | None] = ("name", "text")

    name: str = ""
    text: str = ""


class RejectReasons(WireModel):
    """Get Reject Reasons' ``data``: the reasons that fit one return or cancellation now."""

    reasons: list[RejectReason] = Field(default_factory=list)


class ReturnRecordEvent(OpenEnum):
    """What a return record is about; the reference says it is always ORDER_RETURN."""

    ORDER_RETURN = "ORDER_RETURN"


class ReturnRecordVideo(WireModel):
    """A video the buyer uploaded as evidence (only buyers can upload videos)."""

    url: str = ""
    cover: str = ""
    width: int | None = None
    height: int | None = None
    duration_millis: int | None = None


class ReturnRecord(WireModel):
    """One step of a return's history: who did what, when, with their note and evidence.

    ``note`` and ``reason_text`` may be a buyer's words and the images and videos a buyer's
    evidence, so a repr shows only whether they are there.
    """

    masked_fields: ClassVar[frozenset[str]] = frozenset({"note", "reason_text"})
    repr_fields: ClassVar[tuple[str, ...] | None] = ("event", "role", "description")

    event: ReturnRecordEvent | None = None
    role: _Role = None
    #: TikTok's text for the step ("Customer submitted a return request").
    description: str = ""
    reason_text: str = ""
    note: str = ""
    images: list[LineItemImage] = Field(default_factory=list)
    videos: list[ReturnRecordVideo] = Field(default_factory=list)
    create_time: OptionalTimestamp = None


class ReturnRecords(WireModel):
    """Get Return Records' ``data``: a return's history, step by step."""

    records: list[ReturnRecord] = Field(default_factory=list)


class AftersaleRequestType(OpenEnum):
    """A kind of after-sales request, as Get Aftersale Eligibility and Calculate Refund name it.

    Get Aftersale Eligibility's ``request_type`` lists CANCEL, RETURN and RETURN_AND_REFUND, but
    its official example sends REFUND, which Calculate Refund's ``request_type`` lists beside
    CANCEL and RETURN_AND_REFUND (api/return-and-refund/get-aftersale-eligibility.spec.json,
    calculate-refund.spec.json): the four values are one enum.
    """

    CANCEL = "CANCEL"
    REFUND = "REFUND"
    RETURN = "RETURN"
    RETURN_AND_REFUND = "RETURN_AND_REFUND"


class LineItemEligibility(WireModel):
    """Whether some line items may get one kind of after-sales request, and why not."""

    repr_fields: ClassVar[tuple[str, ...] | None] = (
        "request_type",
        "order_line_items_ids",
        "eligible",
        "ineligible_code",
        "ineligible_reason",
    )

    request_type: AftersaleRequestType | None = None
    order_line_items_ids: list[str] = Field(default_factory=list)
    eligible: OptionalBool = None
    #: TikTok's reason code when not eligible (the example: 25001001).
    ineligible_code: int | None = None
    #: TikTok's text for it ("invalid order status").
    ineligible_reason: str = ""


class SkuEligibility(WireModel):
    """The after-sales requests one SKU of the order allows, per line item."""

    sku_id: str = ""
    line_item_eligibility: list[LineItemEligibility] = Field(default_factory=list)


class AftersaleEligibility(WireModel):
    """Get Aftersale Eligibility's ``data``: what the seller (or buyer) may request, per SKU."""

    sku_eligibility: list[SkuEligibility] = Field(default_factory=list)


class RefundCalculation(WireModel):
    """Calculate Refund's ``data``: what the buyer would get back for a request.

    ``order_refund_amount`` is a :class:`~tiktokshop_sync.types.returns.RefundAmount` (the
    same object Search Returns sends; Calculate Refund documents every field of it but
    ``buyer_service_fee``). ``refund_total = refund_subtotal + refund_shipping_fee +
    refund_tax`` (guides/changelog/other/return-amount-detail-information-available-in-
    search-return-api.md).
    """

    order_refund_amount: RefundAmount | None = None
