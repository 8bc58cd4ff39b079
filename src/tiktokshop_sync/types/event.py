"""Webhook subscriptions of a shop (Event API)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .._exports import deprecated_aliases
from ._base import OpenEnum, OptionalTimestamp, WireModel

__all__ = ["WebhookSubscription", "WebhookTopic"]


class WebhookTopic(OpenEnum):
    """A webhook topic a shop can subscribe to (Update Shop Webhook's ``event_type``).

    The names of :class:`tiktokshop_sync.webhooks.WebhookEventType`, the numbers a delivered
    webhook's ``type`` carries.
    """

    ORDER_STATUS_CHANGE = "ORDER_STATUS_CHANGE"
    RECIPIENT_ADDRESS_UPDATE = "RECIPIENT_ADDRESS_UPDATE"
    PACKAGE_UPDATE = "PACKAGE_UPDATE"
    PRODUCT_STATUS_CHANGE = "PRODUCT_STATUS_CHANGE"
    SELLER_DEAUTHORIZATION = "SELLER_DEAUTHORIZATION"
    UPCOMING_AUTHORIZATION_EXPIRATION = "UPCOMING_AUTHORIZATION_EXPIRATION"
    CANCELLATION_STATUS_CHANGE = "CANCELLATION_STATUS_CHANGE"
    RETURN_STATUS_CHANGE = "RETURN_STATUS_CHANGE"
    NEW_CONVERSATION = "NEW_CONVERSATION"
    NEW_MESSAGE = "NEW_MESSAGE"
    PRODUCT_INFORMATION_CHANGE = "PRODUCT_INFORMATION_CHANGE"
    PRODUCT_CREATION = "PRODUCT_CREATION"
    PRODUCT_CATEGORY_CHANGE = "PRODUCT_CATEGORY_CHANGE"
    NEW_MESSAGE_LISTENER = "NEW_MESSAGE_LISTENER"
    INVOICE_STATUS_CHANGE = "INVOICE_STATUS_CHANGE"
    PRODUCT_AUDIT_STATUS_CHANGE = "PRODUCT_AUDIT_STATUS_CHANGE"
    REVERSE_STATUS_UPDATE = "REVERSE_STATUS_UPDATE"


class WebhookSubscription(WireModel):
    """One event type and the address TikTok posts it to, with when it was created and last
    updated (Unix seconds on the wire, as Get Shop Webhooks documents and its example shows)."""

    event_type: WebhookTopic
    address: str = ""
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None

    repr_fields: ClassVar[tuple[str, ...] | None] = ("event_type", "address")


if TYPE_CHECKING:
    WebhookEventType = WebhookTopic  # deprecated name, served below

# This enum shared its name with tiktokshop_sync.webhooks.WebhookEventType (the numbers a
# delivered webhook carries): one name per thing now.
__getattr__ = deprecated_aliases(__name__, {"WebhookEventType": WebhookTopic})
