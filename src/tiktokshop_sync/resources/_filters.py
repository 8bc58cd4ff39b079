"""The values TikTok documents for each enum filter and option the SDK sends.

Wire models keep values they do not know when READING replies (open enums); a value SENT as a
filter is the caller's choice, and one TikTok does not list is a typo that TikTok answers with
an error or, worse, with nothing. Each tuple is the list in the parameter's description in
TikTok's API reference (``../shared/reference/tiktok-spec/api/``);
``tests/contract/test_filter_values.py`` checks them against it.
"""

from __future__ import annotations

__all__ = [
    "AFTERSALE_USER",
    "ARBITRATION_STATUS",
    "CANCEL_STATUS",
    "CANCEL_TYPES",
    "DOCUMENT_FORMAT",
    "DOCUMENT_SIZE",
    "DOCUMENT_TYPE",
    "FINANCE_PAYMENTS_SORT_FIELD",
    "FINANCE_PAYMENT_STATUS",
    "FINANCE_STATEMENTS_SORT_FIELD",
    "FINANCE_TRANSACTIONS_SORT_FIELD",
    "FINANCE_WITHDRAWAL_TYPES",
    "IMAGE_USE_CASE",
    "ORDER_SHIPPING_TYPE",
    "ORDER_SORT_FIELD",
    "ORDER_STATUS",
    "PACKAGE_SORT_FIELD",
    "PACKAGE_STATUS",
    "PRODUCT_AUDIT_STATUS",
    "PRODUCT_CATEGORY_VERSION",
    "PRODUCT_LISTING_PLATFORMS",
    "PRODUCT_LISTING_QUALITY_TIERS",
    "PRODUCT_SNS_FILTER",
    "PRODUCT_STATUS",
    "REFUND_HANDOVER_METHOD",
    "REFUND_REQUEST_TYPE",
    "REFUND_SHIPMENT_TYPE",
    "RETURN_APPROVE_DECISION",
    "RETURN_REJECT_DECISION",
    "RETURN_SORT_FIELD",
    "RETURN_STATUS",
    "RETURN_TYPES",
    "SELLER_PROPOSED_RETURN_TYPE",
    "SORT_ORDER",
    "WEBHOOK_EVENT_TYPE",
]

# orders/get-order-list (POST /order/202309/orders/search)
ORDER_STATUS = (
    "UNPAID",
    "ON_HOLD",
    "AWAITING_SHIPMENT",
    "PARTIALLY_SHIPPING",
    "AWAITING_COLLECTION",
    "IN_TRANSIT",
    "DELIVERED",
    "COMPLETED",
    "CANCELLED",
)
ORDER_SHIPPING_TYPE = ("TIKTOK", "SELLER")
ORDER_SORT_FIELD = ("create_time", "update_time")
SORT_ORDER = ("ASC", "DESC")

# fulfillment/search-package, fulfillment/get-package-shipping-document
PACKAGE_STATUS = ("PROCESSING", "FULFILLING", "COMPLETED", "CANCELLED")
PACKAGE_SORT_FIELD = ("create_time", "update_time", "order_pay_time")
DOCUMENT_TYPE = (
    "SHIPPING_LABEL",
    "PACKING_SLIP",
    "SHIPPING_LABEL_AND_PACKING_SLIP",
    "SHIPPING_LABEL_PICTURE",
    "HAZMAT_LABEL",
    "INVOICE_LABEL",
)
DOCUMENT_SIZE = ("A6", "A5")
DOCUMENT_FORMAT = ("PDF", "ZPL")

# products/search-products (POST /product/202502/products/search), products/upload-product-image
PRODUCT_STATUS = (
    "ALL",
    "DRAFT",
    "PENDING",
    "FAILED",
    "ACTIVATE",
    "SELLER_DEACTIVATED",
    "PLATFORM_DEACTIVATED",
    "FREEZE",
    "DELETED",
)
#: "US: `v2`, represents the 7-level category tree. Other regions: `v1`" (not a bullet list).
PRODUCT_CATEGORY_VERSION = ("v1", "v2")
PRODUCT_AUDIT_STATUS = ("AUDITING", "FAILED", "APPROVED")
PRODUCT_LISTING_QUALITY_TIERS = ("POOR", "FAIR", "GOOD")
PRODUCT_LISTING_PLATFORMS = ("TOKOPEDIA", "TIKTOK_SHOP")
PRODUCT_SNS_FILTER = ("CONFIGURED", "ELIGIBLE")
IMAGE_USE_CASE = (
    "MAIN_IMAGE",
    "ATTRIBUTE_IMAGE",
    "DESCRIPTION_IMAGE",
    "CERTIFICATION_IMAGE",
    "SIZE_CHART_IMAGE",
)

# return-and-refund/search-cancellations, return-and-refund/search-returns
CANCEL_TYPES = ("CANCEL", "BUYER_CANCEL")
CANCEL_STATUS = (
    "CANCELLATION_REQUEST_PENDING",
    "CANCELLATION_REQUEST_SUCCESS",
    "CANCELLATION_REQUEST_CANCEL",
    "CANCELLATION_REQUEST_COMPLETE",
)
RETURN_TYPES = ("REFUND", "RETURN_AND_REFUND", "REPLACEMENT")
RETURN_STATUS = (
    "RETURN_OR_REFUND_REQUEST_PENDING",
    "REFUND_OR_RETURN_REQUEST_REJECT",
    "AWAITING_BUYER_SHIP",
    "BUYER_SHIPPED_ITEM",
    "REJECT_RECEIVE_PACKAGE",
    "RETURN_OR_REFUND_REQUEST_SUCCESS",
    "RETURN_OR_REFUND_REQUEST_CANCEL",
    "RETURN_OR_REFUND_REQUEST_COMPLETE",
    "AWAITING_BUYER_RESPONSE",
)
RETURN_SORT_FIELD = ("create_time", "update_time")
ARBITRATION_STATUS = ("IN_PROGRESS", "SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED")
SELLER_PROPOSED_RETURN_TYPE = ("PARTIAL_REFUND",)

# finance/get-statements, get-transactions-by-statement, get-unsettled-transactions,
# get-payments, get-withdrawals. Each sort_field is required and "Only supports" one field
# (prose, not a list: tests/contract/test_filter_values.py reads it from the sentence).
FINANCE_PAYMENT_STATUS = ("PAID", "FAILED", "PROCESSING")
FINANCE_STATEMENTS_SORT_FIELD = ("statement_time",)
FINANCE_TRANSACTIONS_SORT_FIELD = ("order_create_time",)
FINANCE_PAYMENTS_SORT_FIELD = ("create_time",)
#: Listed with a full-width colon after each value ("- WITHDRAW：The action of the seller...").
FINANCE_WITHDRAWAL_TYPES = ("WITHDRAW", "SETTLE", "TRANSFER", "REVERSE")

# return-and-refund/calculate-refund (POST /return_refund/202309/refunds/calculate)
REFUND_REQUEST_TYPE = ("CANCEL", "REFUND", "RETURN_AND_REFUND")
REFUND_SHIPMENT_TYPE = ("PLATFORM", "BUYER_ARRANGE")
REFUND_HANDOVER_METHOD = ("DROP_OFF", "PICKUP")

# return-and-refund/get-aftersale-eligibility (GET .../orders/{order_id}/aftersale_eligibility)
AFTERSALE_USER = ("SELLER", "BUYER")

# return-and-refund/approve-return, return-and-refund/reject-return (``decision``)
RETURN_APPROVE_DECISION = (
    "APPROVE_REFUND",
    "APPROVE_RETURN",
    "APPROVE_RECEIVED_PACKAGE",
    "APPROVE_REPLACEMENT",
    "ISSUE_REPLACEMENT_REFUND",
    "OFFER_PARTIAL_REFUND",
)
RETURN_REJECT_DECISION = (
    "REJECT_REFUND",
    "REJECT_RETURN",
    "REJECT_RECEIVED_PACKAGE",
    "REJECT_REPLACEMENT",
)

# event/update-shop-webhook, event/delete-shop-webhook (``event_type``)
WEBHOOK_EVENT_TYPE = (
    "ORDER_STATUS_CHANGE",
    "RECIPIENT_ADDRESS_UPDATE",
    "PACKAGE_UPDATE",
    "PRODUCT_STATUS_CHANGE",
    "SELLER_DEAUTHORIZATION",
    "UPCOMING_AUTHORIZATION_EXPIRATION",
    "CANCELLATION_STATUS_CHANGE",
    "RETURN_STATUS_CHANGE",
    "NEW_CONVERSATION",
    "NEW_MESSAGE",
    "PRODUCT_INFORMATION_CHANGE",
    "PRODUCT_CREATION",
    "PRODUCT_CATEGORY_CHANGE",
    "NEW_MESSAGE_LISTENER",
    "INVOICE_STATUS_CHANGE",
    "PRODUCT_AUDIT_STATUS_CHANGE",
    "REVERSE_STATUS_UPDATE",
)
