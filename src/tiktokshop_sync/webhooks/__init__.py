"""Receive TikTok Shop webhooks: verify the signature, parse typed events, drop duplicates.

Imports only the standard library, pydantic, attrs and the webhook models, so a webhook
receiver starts fast and never loads the HTTP client.
"""

from __future__ import annotations

from tiktokshop_sync.webhooks._dedupe import SeenNotifications, dedupe_key
from tiktokshop_sync.webhooks._errors import (
    SignatureProblem,
    WebhookConfigError,
    WebhookError,
    WebhookPayloadError,
    WebhookSignatureError,
)
from tiktokshop_sync.webhooks._parse import parse_event
from tiktokshop_sync.webhooks._signature import compute_signature, verify_signature
from tiktokshop_sync.webhooks._verifier import HeadersOrSignature, WebhookVerifier
from tiktokshop_sync.webhooks.events import (
    CancellationStatus,
    CancellationStatusChangeData,
    CancellationStatusChangeEvent,
    KnownEvent,
    OrderStatusChangeData,
    OrderStatusChangeEvent,
    PackageChangeRole,
    PackageChangeType,
    PackageUpdateData,
    PackageUpdateEvent,
    ProductChangeKind,
    ProductStatusChangeData,
    ProductStatusChangeEvent,
    RecipientAddressUpdateData,
    RecipientAddressUpdateEvent,
    RequestRole,
    ReturnStatus,
    ReturnStatusChangeData,
    ReturnStatusChangeEvent,
    ReturnType,
    SellerDeauthorizationData,
    SellerDeauthorizationEvent,
    UnknownEvent,
    UpcomingAuthorizationExpirationData,
    UpcomingAuthorizationExpirationEvent,
    UpdatedPackage,
    WebhookEvent,
    WebhookEventType,
    WebhookOrderStatus,
)

__all__ = [
    "CancellationStatus",
    "CancellationStatusChangeData",
    "CancellationStatusChangeEvent",
    "HeadersOrSignature",
    "KnownEvent",
    "OrderStatusChangeData",
    "OrderStatusChangeEvent",
    "PackageChangeRole",
    "PackageChangeType",
    "PackageUpdateData",
    "PackageUpdateEvent",
    "ProductChangeKind",
    "ProductStatusChangeData",
    "ProductStatusChangeEvent",
    "RecipientAddressUpdateData",
    "RecipientAddressUpdateEvent",
    "RequestRole",
    "ReturnStatus",
    "ReturnStatusChangeData",
    "ReturnStatusChangeEvent",
    "ReturnType",
    "SeenNotifications",
    "SellerDeauthorizationData",
    "SellerDeauthorizationEvent",
    "SignatureProblem",
    "UnknownEvent",
    "UpcomingAuthorizationExpirationData",
    "UpcomingAuthorizationExpirationEvent",
    "UpdatedPackage",
    "WebhookConfigError",
    "WebhookError",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookOrderStatus",
    "WebhookPayloadError",
    "WebhookSignatureError",
    "WebhookVerifier",
    "compute_signature",
    "dedupe_key",
    "parse_event",
    "verify_signature",
]
