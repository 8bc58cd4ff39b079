"""Values the API's replies and the webhooks share: who asks, where a request or a review stands.

The replies' models (:mod:`tiktokshop_sync.types.order`, :mod:`~tiktokshop_sync.types.returns`,
:mod:`~tiktokshop_sync.types.product`) and the webhooks (:mod:`tiktokshop_sync.webhooks`) read
the same enums and the same :class:`ProductAudit`, each defined once here. Where TikTok spells a
value two ways in different places, both spellings are members, with a comment saying where
each comes from. Light (the model base only), so a webhook receiver loads no HTTP client.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, model_validator

from ._base import OpenEnum, WireModel

__all__ = [
    "CancellationStatus",
    "ListingPlatform",
    "PreApprovedReason",
    "ProductAudit",
    "ProductAuditStatus",
    "ProductType",
    "RequestRole",
    "ReturnStatus",
    "ReturnType",
]


class RequestRole(OpenEnum):
    """Who started a cancellation or return (OPERATOR: TikTok's staff, in the API only).

    Also who cancelled an order (``Order.cancellation_initiator``) or a line item
    (``LineItem.cancel_user``): TikTok documents both as "the initiator of a cancellation
    request" (api/orders/get-order-list.spec.json).
    """

    BUYER = "BUYER"
    SELLER = "SELLER"
    OPERATOR = "OPERATOR"
    SYSTEM = "SYSTEM"


class ReturnType(OpenEnum):
    """What the buyer asks for: money only, money for the goods sent back, or a replacement."""

    REFUND = "REFUND"
    RETURN_AND_REFUND = "RETURN_AND_REFUND"
    REPLACEMENT = "REPLACEMENT"


class CancellationStatus(OpenEnum):
    """Where a cancellation request is (PENDING: a buyer's request awaiting the seller)."""

    CANCELLATION_REQUEST_PENDING = "CANCELLATION_REQUEST_PENDING"
    CANCELLATION_REQUEST_SUCCESS = "CANCELLATION_REQUEST_SUCCESS"
    # The buyer or the system closed the request. Cancel Order's reply and Search Cancellations'
    # filter spell it CANCELLATION_REQUEST_CANCEL; Search Cancellations' reply and the type-11
    # webhook CANCELLATION_REQUEST_CANCELLED (api/return-and-refund/cancel-order.spec.json,
    # search-cancellations.spec.json, guides/webhooks/order/11-cancellation-status-change.md).
    CANCELLATION_REQUEST_CANCEL = "CANCELLATION_REQUEST_CANCEL"
    CANCELLATION_REQUEST_CANCELLED = "CANCELLATION_REQUEST_CANCELLED"
    CANCELLATION_REQUEST_COMPLETE = "CANCELLATION_REQUEST_COMPLETE"


class ReturnStatus(OpenEnum):
    """Where a return, refund or replacement request is."""

    RETURN_OR_REFUND_REQUEST_PENDING = "RETURN_OR_REFUND_REQUEST_PENDING"
    REFUND_OR_RETURN_REQUEST_REJECT = "REFUND_OR_RETURN_REQUEST_REJECT"
    AWAITING_BUYER_SHIP = "AWAITING_BUYER_SHIP"
    BUYER_SHIPPED_ITEM = "BUYER_SHIPPED_ITEM"
    REJECT_RECEIVE_PACKAGE = "REJECT_RECEIVE_PACKAGE"
    RETURN_OR_REFUND_REQUEST_SUCCESS = "RETURN_OR_REFUND_REQUEST_SUCCESS"
    RETURN_OR_REFUND_REQUEST_CANCEL = "RETURN_OR_REFUND_REQUEST_CANCEL"
    RETURN_OR_REFUND_REQUEST_COMPLETE = "RETURN_OR_REFUND_REQUEST_COMPLETE"
    REPLACEMENT_REQUEST_PENDING = "REPLACEMENT_REQUEST_PENDING"
    REPLACEMENT_REQUEST_REJECT = "REPLACEMENT_REQUEST_REJECT"
    REPLACEMENT_REQUEST_REFUND_SUCCESS = "REPLACEMENT_REQUEST_REFUND_SUCCESS"
    REPLACEMENT_REQUEST_CANCEL = "REPLACEMENT_REQUEST_CANCEL"
    REPLACEMENT_REQUEST_COMPLETE = "REPLACEMENT_REQUEST_COMPLETE"
    AWAITING_BUYER_RESPONSE = "AWAITING_BUYER_RESPONSE"


class ProductAuditStatus(OpenEnum):
    """Where a product is in TikTok's review (審査), in replies and type-37 webhooks."""

    NONE = "NONE"
    AUDITING = "AUDITING"
    FAILED = "FAILED"
    PRE_APPROVED = "PRE_APPROVED"
    APPROVED = "APPROVED"


class PreApprovedReason(OpenEnum):
    """Why a product is listed before its review is complete (what it still waits for)."""

    KYC_PENDING = "KYC_PENDING"
    RESTRICTED_CATEGORY_PENDING = "RESTRICTED_CATEGORY_PENDING"


class ListingPlatform(OpenEnum):
    """A platform of TikTok Shop: where a product is listed or an order was placed.

    TOKOPEDIA appears only for sellers migrated from it (Indonesia); it is also the platform a
    product's ``integrated_platform_statuses`` report, in replies and in type-37 webhooks.
    """

    TIKTOK_SHOP = "TIKTOK_SHOP"
    TOKOPEDIA = "TOKOPEDIA"


class ProductType(OpenEnum):
    """A product's special kind (``product_types``): a virtual bundle, or a global listing's.

    Get Product documents IN_COMBINED_PRODUCT and GPR_TARGET_PRODUCT (api/products/
    get-product.spec.json); the type-16 webhook spells the latter GPR_PRODUCT ("created using
    the GPR tool", guides/webhooks/product/16-product-creation.md). Both are members.
    """

    COMBINED_PRODUCT = "COMBINED_PRODUCT"
    IN_COMBINED_PRODUCT = "IN_COMBINED_PRODUCT"
    GPR_TARGET_PRODUCT = "GPR_TARGET_PRODUCT"
    GPR_PRODUCT = "GPR_PRODUCT"


def _empty_to_none(value: Any) -> Any:
    # The type-37 doc example sends one reason as a string; "" means none applies.
    return None if value == "" else value


class ProductAudit(WireModel):
    """A product's review (審査) state, with the reasons a pre-approved product still waits.

    Get Product, Search Products and the type-37 webhook all send it.
    """

    status: ProductAuditStatus | None = None
    pre_approved_reasons: list[PreApprovedReason] = Field(default_factory=list)
    #: The singular spelling of the type-37 webhook's doc example
    #: (guides/webhooks/product/37-product-audit-status-change.md).
    pre_approved_reason: Annotated[PreApprovedReason | None, BeforeValidator(_empty_to_none)] = None

    @model_validator(mode="before")
    @classmethod
    def _singular_list(cls, data: Any) -> Any:
        # Read a list under the singular name (the plural's shape) into the plural field.
        if isinstance(data, dict) and isinstance(data.get("pre_approved_reason"), list):
            data = dict(data)
            listed = data.pop("pre_approved_reason")
            data["pre_approved_reasons"] = [*(data.get("pre_approved_reasons") or ()), *listed]
        return data

    @property
    def reasons(self) -> tuple[PreApprovedReason, ...]:
        """Every pre-approval reason sent, whichever spelling carried it."""
        reasons = tuple(self.pre_approved_reasons)
        if self.pre_approved_reason is None or self.pre_approved_reason in reasons:
            return reasons
        return (*reasons, self.pre_approved_reason)
