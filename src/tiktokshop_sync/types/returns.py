"""Cancellations and returns (after-sales)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import Field

from .._exports import deprecated_aliases
from ._base import OpenEnum, OptionalBool, OptionalMoney, OptionalTimestamp, WireModel
from .fulfillment import HandoverMethod
from .statuses import CancellationStatus, RequestRole, ReturnStatus, ReturnType

__all__ = [
    "ArbitrationStatus",
    "CancelLineItem",
    "CancelType",
    "Cancellation",
    "CancellationStatus",
    "CancelledOrder",
    "LineItemImage",
    "NextAction",
    "PartialRefund",
    "RefundAmount",
    "RequestRole",
    "Return",
    "ReturnDecision",
    "ReturnDiscountAmount",
    "ReturnLineItem",
    "ReturnMethod",
    "ReturnShipmentType",
    "ReturnShippingDocumentType",
    "ReturnShippingFeeAmount",
    "ReturnStatus",
    "ReturnType",
    "ReturnWarehouseAddress",
    "SellerAction",
    "SellerProposedReturnType",
]


class CancelType(OpenEnum):
    """CANCEL: by the seller or the system; BUYER_CANCEL: the buyer asks the seller.

    REQUEST_CANCEL_REFUND is not in the field's list but is what TikTok's own Search
    Cancellations example sends (api/return-and-refund/search-cancellations.spec.json).
    """

    CANCEL = "CANCEL"
    BUYER_CANCEL = "BUYER_CANCEL"
    REQUEST_CANCEL_REFUND = "REQUEST_CANCEL_REFUND"


class SellerAction(OpenEnum):
    """What TikTok waits for the seller to do about a request."""

    SELLER_RESPOND_CANCEL = "SELLER_RESPOND_CANCEL"
    SELLER_RESPOND_REFUND = "SELLER_RESPOND_REFUND"
    SELLER_RESPOND_RETURN = "SELLER_RESPOND_RETURN"
    SELLER_RESPOND_RECEIVE_PACKAGE = "SELLER_RESPOND_RECEIVE_PACKAGE"
    SELLER_RESPOND_REPLACEMENT = "SELLER_RESPOND_REPLACEMENT"


class ArbitrationStatus(OpenEnum):
    """Where TikTok's arbitration of a disputed return is."""

    IN_PROGRESS = "IN_PROGRESS"
    SUPPORT_BUYER = "SUPPORT_BUYER"
    SUPPORT_SELLER = "SUPPORT_SELLER"
    CLOSED = "CLOSED"


class ReturnShipmentType(OpenEnum):
    """How the buyer sends the goods back: TikTok's service, or their own arrangement."""

    PLATFORM = "PLATFORM"
    BUYER_ARRANGE = "BUYER_ARRANGE"


class ReturnMethod(OpenEnum):
    """Who provides the return shipping.

    SELLER_ARRANGE is not in the field's list but is what TikTok's own Search Returns example
    sends (api/return-and-refund/search-returns.spec.json).
    """

    SELLER_SHIPPED = "SELLER_SHIPPED"
    BUYER_SHIPPED = "BUYER_SHIPPED"
    PLATFORM_SHIPPED = "PLATFORM_SHIPPED"
    SELLER_ARRANGE = "SELLER_ARRANGE"


class ReturnShippingDocumentType(OpenEnum):
    """The return document the buyer chose.

    The spec spells the first value ```SHIPPING_LABE`L`` (a typo in its markdown); the value
    is SHIPPING_LABEL (api/return-and-refund/search-returns.spec.json).
    """

    SHIPPING_LABEL = "SHIPPING_LABEL"
    QR_CODE = "QR_CODE"


class SellerProposedReturnType(OpenEnum):
    """What the seller offered instead of the buyer's request."""

    PARTIAL_REFUND = "PARTIAL_REFUND"


class RefundAmount(WireModel):
    """Money refunded to the buyer."""

    currency: str = ""
    refund_total: OptionalMoney = None
    refund_subtotal: OptionalMoney = None
    refund_shipping_fee: OptionalMoney = None
    refund_tax: OptionalMoney = None
    retail_delivery_fee: OptionalMoney = None
    buyer_service_fee: OptionalMoney = None


class NextAction(WireModel):
    """What the seller must do about a request, and by when (the reply deadline)."""

    action: SellerAction | None = None
    deadline: OptionalTimestamp = None


class LineItemImage(WireModel):
    """The picture of a line item in a cancellation or return."""

    url: str = ""
    width: int | None = None
    height: int | None = None


class CancelLineItem(WireModel):
    """A line item covered by a cancellation."""

    cancel_line_item_id: str = ""
    order_line_item_id: str = ""
    sku_id: str = ""
    sku_name: str = ""
    seller_sku: str = ""
    product_name: str = ""
    product_image: LineItemImage | None = None
    refund_amount: RefundAmount | None = None


class Cancellation(WireModel):
    """A cancellation of a whole order or some of its line items."""

    cancel_id: str
    order_id: str
    cancel_type: CancelType | None = None
    cancel_status: CancellationStatus | None = None
    role: RequestRole | None = None
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
    cancel_status: CancellationStatus | None = None


class ReturnLineItem(WireModel):
    """A line item covered by a return."""

    return_line_item_id: str = ""
    order_line_item_id: str = ""
    sku_id: str = ""
    sku_name: str = ""
    seller_sku: str = ""
    product_name: str = ""
    product_image: LineItemImage | None = None
    refund_amount: RefundAmount | None = None


class ReturnDiscountAmount(WireModel):
    """Discounts taken back from the refund, by who funded them."""

    currency: str = ""
    product_seller_discount: OptionalMoney = None
    product_platform_discount: OptionalMoney = None
    shipping_fee_seller_discount: OptionalMoney = None
    shipping_fee_platform_discount: OptionalMoney = None


class ReturnShippingFeeAmount(WireModel):
    """The return shipping fee, by who pays it."""

    currency: str = ""
    seller_paid_return_shipping_fee: OptionalMoney = None
    platform_paid_return_shipping_fee: OptionalMoney = None
    buyer_paid_return_shipping_fee: OptionalMoney = None


class PartialRefund(WireModel):
    """A partial refund the seller offered instead of the full one."""

    currency: str = ""
    amount: OptionalMoney = None


class ReturnWarehouseAddress(WireModel):
    """Where the goods go back to: the seller's return warehouse, masked in reprs."""

    masked_fields: ClassVar[frozenset[str]] = frozenset({"full_address"})

    full_address: str = ""


class Return(WireModel):
    """A return, refund or replacement request.

    ``seller_next_action_response`` holds the reply deadline: TikTok decides for the buyer when
    it passes.
    """

    return_id: str
    order_id: str
    return_type: ReturnType | None = None
    return_status: ReturnStatus | None = None
    arbitration_status: ArbitrationStatus | None = None
    role: RequestRole | None = None
    return_reason: str = ""
    return_reason_text: str = ""
    shipment_type: ReturnShipmentType | None = None
    handover_method: HandoverMethod | None = None
    return_method: ReturnMethod | None = None
    return_shipping_document_type: ReturnShippingDocumentType | None = None
    return_tracking_number: str = ""
    return_provider_name: str = ""
    return_provider_id: str = ""
    return_warehouse_address: ReturnWarehouseAddress | None = None
    can_buyer_keep_item: bool | None = None
    seller_next_action_response: list[NextAction] = Field(default_factory=list)
    refund_amount: RefundAmount | None = None
    discount_amount: list[ReturnDiscountAmount] = Field(default_factory=list)
    shipping_fee_amount: list[ReturnShippingFeeAmount] = Field(default_factory=list)
    seller_proposed_return_type: SellerProposedReturnType | None = None
    partial_refund: PartialRefund | None = None
    #: Set only after the seller offered a partial refund: whether the buyer turned it down.
    buyer_rejected_partial_refund: OptionalBool = None
    return_line_items: list[ReturnLineItem] = Field(default_factory=list)
    #: A return the buyer edited points to the one before and the one after.
    pre_return_id: str = ""
    next_return_id: str = ""
    is_combined_return: OptionalBool = None
    combined_return_id: str = ""
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None


class ReturnDecision(OpenEnum):
    """The seller's answer to a return, as Approve/Reject Return's ``decision`` spells it.

    Which one fits depends on the return: ``*_REFUND`` for a refund only, ``*_RETURN`` for a
    return and refund the buyer has not shipped yet, ``*_RECEIVED_PACKAGE`` once the buyer has
    shipped it back (``BUYER_SHIPPED_ITEM``), ``*_REPLACEMENT`` for a replacement.
    ``ISSUE_REPLACEMENT_REFUND`` refunds instead of replacing; ``OFFER_PARTIAL_REFUND`` offers
    part of the money and lets the buyer keep the goods (both go through Approve Return).
    """

    APPROVE_REFUND = "APPROVE_REFUND"
    APPROVE_RETURN = "APPROVE_RETURN"
    APPROVE_RECEIVED_PACKAGE = "APPROVE_RECEIVED_PACKAGE"
    APPROVE_REPLACEMENT = "APPROVE_REPLACEMENT"
    ISSUE_REPLACEMENT_REFUND = "ISSUE_REPLACEMENT_REFUND"
    OFFER_PARTIAL_REFUND = "OFFER_PARTIAL_REFUND"
    REJECT_REFUND = "REJECT_REFUND"
    REJECT_RETURN = "REJECT_RETURN"
    REJECT_RECEIVED_PACKAGE = "REJECT_RECEIVED_PACKAGE"
    REJECT_REPLACEMENT = "REJECT_REPLACEMENT"


if TYPE_CHECKING:
    CancelStatus = CancellationStatus  # deprecated name, served below

# CancelStatus was this module's name for the enum the webhooks called CancellationStatus.
__getattr__ = deprecated_aliases(__name__, {"CancelStatus": CancellationStatus})
