"""Cancellations and returns (after-sales)."""

from __future__ import annotations

from pydantic import Field

from ._base import OpenEnum, OptionalMoney, OptionalTimestamp, WireModel

__all__ = [
    "CancelLineItem",
    "CancelStatus",
    "Cancellation",
    "CancelledOrder",
    "NextAction",
    "RefundAmount",
    "Return",
    "ReturnDecision",
    "ReturnLineItem",
]


class CancelStatus(OpenEnum):
    """Where a cancellation is (PENDING: a buyer request awaiting the seller)."""

    CANCELLATION_REQUEST_PENDING = "CANCELLATION_REQUEST_PENDING"
    CANCELLATION_REQUEST_SUCCESS = "CANCELLATION_REQUEST_SUCCESS"
    CANCELLATION_REQUEST_CANCEL = "CANCELLATION_REQUEST_CANCEL"
    CANCELLATION_REQUEST_COMPLETE = "CANCELLATION_REQUEST_COMPLETE"


class RefundAmount(WireModel):
    """Money refunded to the buyer."""

    currency: str = ""
    refund_total: OptionalMoney = None
    refund_subtotal: OptionalMoney = None
    refund_shipping_fee: OptionalMoney = None
    refund_tax: OptionalMoney = None


class NextAction(WireModel):
    """What the seller must do about a request, and by when."""

    action: str = ""
    deadline: OptionalTimestamp = None


class CancelLineItem(WireModel):
    """A line item covered by a cancellation."""

    order_line_item_id: str = ""
    sku_id: str = ""
    seller_sku: str = ""
    product_name: str = ""
    refund_amount: RefundAmount | None = None


class Cancellation(WireModel):
    """A cancellation of a whole order or some of its line items."""

    cancel_id: str
    order_id: str
    cancel_type: str = ""
    cancel_status: CancelStatus | None = None
    role: str = ""
    cancel_reason: str = ""
    cancel_reason_text: str = ""
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None
    seller_next_action_response: list[NextAction] = Field(default_factory=list)
    refund_amount: RefundAmount | None = None
    cancel_line_items: list[CancelLineItem] = Field(default_factory=list)
    should_replenish_stock: bool | None = None


class CancelledOrder(WireModel):
    """Cancel Order's result."""

    cancel_id: str
    cancel_status: CancelStatus | None = None


class ReturnLineItem(WireModel):
    """A line item covered by a return."""

    return_line_item_id: str = ""
    order_line_item_id: str = ""
    sku_id: str = ""
    seller_sku: str = ""
    product_name: str = ""
    refund_amount: RefundAmount | None = None


class Return(WireModel):
    """A return, refund or replacement request."""

    return_id: str
    order_id: str
    return_type: str = ""
    return_status: str = ""
    arbitration_status: str = ""
    role: str = ""
    return_reason: str = ""
    return_reason_text: str = ""
    return_tracking_number: str = ""
    return_provider_name: str = ""
    return_provider_id: str = ""
    refund_amount: RefundAmount | None = None
    return_line_items: list[ReturnLineItem] = Field(default_factory=list)
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None


class ReturnDecision(OpenEnum):
    """The seller's answer to a return, as Approve/Reject Return's ``decision`` spells it.

    Which one fits depends on the return: ``*_REFUND`` for a refund only, ``*_RETURN`` for a
    return and refund the buyer has not shipped yet, ``*_RECEIVED_PACKAGE`` once the buyer has
    shipped it back (``BUYER_SHIPPED_ITEM``), ``*_REPLACEMENT`` for a replacement.
    """

    APPROVE_REFUND = "APPROVE_REFUND"
    APPROVE_RETURN = "APPROVE_RETURN"
    APPROVE_RECEIVED_PACKAGE = "APPROVE_RECEIVED_PACKAGE"
    APPROVE_REPLACEMENT = "APPROVE_REPLACEMENT"
    REJECT_REFUND = "REJECT_REFUND"
    REJECT_RETURN = "REJECT_RETURN"
    REJECT_RECEIVED_PACKAGE = "REJECT_RECEIVED_PACKAGE"
    REJECT_REPLACEMENT = "REJECT_REPLACEMENT"
