"""Values the API's replies and the webhooks share: who asks, where a return or a review stands.

The replies' models (:mod:`tiktokshop_sync.types.returns`, :mod:`tiktokshop_sync.types.product`)
and the type-11, 12 and 37 webhooks (:mod:`tiktokshop_sync.webhooks`) read the same enums;
enums only, so a webhook receiver importing them loads no HTTP client.
"""

from __future__ import annotations

from ._base import OpenEnum

__all__ = ["PreApprovedReason", "ProductAuditStatus", "RequestRole", "ReturnStatus", "ReturnType"]


class RequestRole(OpenEnum):
    """Who started a cancellation or return (OPERATOR: TikTok's staff, in the API only)."""

    BUYER = "BUYER"
    SELLER = "SELLER"
    OPERATOR = "OPERATOR"
    SYSTEM = "SYSTEM"


class ReturnType(OpenEnum):
    """What the buyer asks for: money only, money for the goods sent back, or a replacement."""

    REFUND = "REFUND"
    RETURN_AND_REFUND = "RETURN_AND_REFUND"
    REPLACEMENT = "REPLACEMENT"


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
