"""Typed webhook events: one model per TikTok ``type`` number, plus :class:`UnknownEvent`.

Field names and values follow the Partner Center webhook pages (tiktok-api.md §6.4). Every known
event shares the envelope ``type``, ``tts_notification_id``, ``shop_id`` and ``timestamp``; the
per-type fields live in ``data``.
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import BaseModel, BeforeValidator, ConfigDict

from tiktokshop_sync.types._base import OpenEnum, OptionalTimestamp, Timestamp, WireModel

__all__ = [
    "CancellationStatus",
    "CancellationStatusChangeData",
    "CancellationStatusChangeEvent",
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
    "SellerDeauthorizationData",
    "SellerDeauthorizationEvent",
    "UnknownEvent",
    "UpcomingAuthorizationExpirationData",
    "UpcomingAuthorizationExpirationEvent",
    "UpdatedPackage",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookOrderStatus",
]


def _number_to_str(value: Any) -> Any:
    # The type-5 doc example sends product_id as a JSON number; IDs are strings everywhere else.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: A TikTok ID: always a decimal string, even when a payload sends it as a JSON number.
_Id = Annotated[str, BeforeValidator(_number_to_str)]

#: An optional Unix-seconds time; 0 and "" mean absent, as elsewhere in the API.
_OptionalTime = OptionalTimestamp


class WebhookEventType(IntEnum):
    """The ``type`` numbers this SDK models; names match the Event API's ``event_type`` strings."""

    ORDER_STATUS_CHANGE = 1
    RECIPIENT_ADDRESS_UPDATE = 3
    PACKAGE_UPDATE = 4
    PRODUCT_STATUS_CHANGE = 5
    SELLER_DEAUTHORIZATION = 6
    UPCOMING_AUTHORIZATION_EXPIRATION = 7
    CANCELLATION_STATUS_CHANGE = 11
    RETURN_STATUS_CHANGE = 12


class WebhookOrderStatus(OpenEnum):
    """Order status as a type-1 webhook spells it: ``CANCEL`` where the Order API says CANCELLED."""

    UNPAID = "UNPAID"
    ON_HOLD = "ON_HOLD"
    AWAITING_SHIPMENT = "AWAITING_SHIPMENT"
    # Not in the webhook's documented list, but an Order API status: tolerated (§5.4, §9 item 4).
    PARTIALLY_SHIPPING = "PARTIALLY_SHIPPING"
    AWAITING_COLLECTION = "AWAITING_COLLECTION"
    IN_TRANSIT = "IN_TRANSIT"
    DELIVERED = "DELIVERED"
    COMPLETED = "COMPLETED"
    CANCEL = "CANCEL"
    # The Order API spelling, accepted in case the webhook ever aligns with it.
    CANCELLED = "CANCELLED"


class PackageChangeType(OpenEnum):
    """What happened to the packages in a type-4 event (``sc_type``)."""

    COMBINE = "COMBINE"
    CANCEL_COMBINE = "CANCEL_COMBINE"
    SPLIT = "SPLIT"
    CANCEL_SPLIT = "CANCEL_SPLIT"
    ADDRESS_UPDATE_SPLIT = "ADDRESS_UPDATE_SPLIT"
    CANCEL_FULFILL_SPLIT = "CANCEL_FULFILL_SPLIT"
    FULFILL_UNCOMBINE = "FULFILL_UNCOMBINE"
    PARTLY_CANCEL_SPLIT = "PARTLY_CANCEL_SPLIT"
    SPLIT_BY_SKU_CANCEL = "SPLIT_BY_SKU_CANCEL"


class PackageChangeRole(OpenEnum):
    """Who triggered a type-4 package change (``role_type``)."""

    ROLE_USER = "ROLE_USER"
    ROLE_SELLER = "ROLE_SELLER"
    ROLE_OPERATOR = "ROLE_OPERATOR"
    ROLE_SYSTEM = "ROLE_SYSTEM"


class ProductChangeKind(OpenEnum):
    """Which product audit step a type-5 event reports (its ``status`` field)."""

    PRODUCT_FIRST_PASS_REVIEW = "PRODUCT_FIRST_PASS_REVIEW"
    PRODUCT_STATUS_CHANGED = "PRODUCT_STATUS_CHANGED"
    PRODUCT_AUDIT_FAILURE = "PRODUCT_AUDIT_FAILURE"


class RequestRole(OpenEnum):
    """Who started a cancellation (type 11) or return (type 12) request."""

    BUYER = "BUYER"
    SELLER = "SELLER"
    SYSTEM = "SYSTEM"


class CancellationStatus(OpenEnum):
    """Cancellation request state in a type-11 event."""

    CANCELLATION_REQUEST_PENDING = "CANCELLATION_REQUEST_PENDING"
    CANCELLATION_REQUEST_SUCCESS = "CANCELLATION_REQUEST_SUCCESS"
    CANCELLATION_REQUEST_CANCELLED = "CANCELLATION_REQUEST_CANCELLED"
    # The Cancellation API's spelling of the same state (tiktok-api.md §9 item 6).
    CANCELLATION_REQUEST_CANCEL = "CANCELLATION_REQUEST_CANCEL"
    CANCELLATION_REQUEST_COMPLETE = "CANCELLATION_REQUEST_COMPLETE"


class ReturnType(OpenEnum):
    """Kind of after-sales request in a type-12 event."""

    REFUND = "REFUND"
    REPLACEMENT = "REPLACEMENT"
    RETURN_AND_REFUND = "RETURN_AND_REFUND"


class ReturnStatus(OpenEnum):
    """Return, refund or replacement request state in a type-12 event."""

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


# --- data payloads -------------------------------------------------------------------------


class OrderStatusChangeData(WireModel):
    """``data`` of a type-1 event: an order moved to ``order_status``."""

    order_id: _Id
    order_status: WebhookOrderStatus
    is_on_hold_order: bool | None = None
    update_time: _OptionalTime = None

    @property
    def normalized_status(self) -> WebhookOrderStatus:
        """The status in Order API spelling: ``CANCEL`` becomes ``CANCELLED``, others unchanged."""
        if self.order_status is WebhookOrderStatus.CANCEL:
            return WebhookOrderStatus.CANCELLED
        return self.order_status


class RecipientAddressUpdateData(WireModel):
    """``data`` of a type-3 event: the buyer changed the shipping address; re-fetch the order."""

    order_id: _Id
    update_time: _OptionalTime = None


class UpdatedPackage(WireModel):
    """One package touched by a type-4 event and the orders it now holds."""

    package_id: _Id
    order_id_list: tuple[_Id, ...] = ()


class PackageUpdateData(WireModel):
    """``data`` of a type-4 event: packages were combined, split, or had that undone."""

    sc_type: PackageChangeType | None = None
    role_type: PackageChangeRole | None = None
    package_list: tuple[UpdatedPackage, ...]
    update_time: _OptionalTime = None


class ProductStatusChangeData(WireModel):
    """``data`` of a type-5 event: a product passed, failed, or changed audit status."""

    product_id: _Id
    status: ProductChangeKind
    suspended_reason: str | None = None
    update_time: _OptionalTime = None


class SellerDeauthorizationData(WireModel):
    """``data`` of a type-6 event: the seller removed the app; stop calling the API for the shop."""

    message: str = ""


class UpcomingAuthorizationExpirationData(WireModel):
    """``data`` of a type-7 event: the grant ends at ``expiration_time``; ask for re-consent."""

    message: str = ""
    # Sent as a string of digits ("1627587506"), unlike every other time field.
    expiration_time: _OptionalTime = None


class CancellationStatusChangeData(WireModel):
    """``data`` of a type-11 event: a cancellation request for an order changed state."""

    order_id: _Id
    cancellations_role: RequestRole | None = None
    cancel_status: CancellationStatus
    cancel_id: _Id | None = None
    create_time: _OptionalTime = None


class ReturnStatusChangeData(WireModel):
    """``data`` of a type-12 event: a return, refund or replacement request changed state."""

    order_id: _Id
    return_role: RequestRole | None = None
    return_type: ReturnType | None = None
    return_status: ReturnStatus
    return_id: _Id | None = None
    create_time: _OptionalTime = None
    update_time: _OptionalTime = None


# --- events --------------------------------------------------------------------------------


class KnownEvent(WireModel):
    """Base of every modelled event: the envelope fields all TikTok webhooks share."""

    event_type: ClassVar[WebhookEventType]

    tts_notification_id: _Id | None = None
    shop_id: _Id
    timestamp: Timestamp


class OrderStatusChangeEvent(KnownEvent):
    """Type 1, ORDER_STATUS_CHANGE: an order's status changed."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.ORDER_STATUS_CHANGE
    type: Literal[1]
    data: OrderStatusChangeData


class RecipientAddressUpdateEvent(KnownEvent):
    """Type 3, RECIPIENT_ADDRESS_UPDATE: an order's shipping address changed."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.RECIPIENT_ADDRESS_UPDATE
    type: Literal[3]
    data: RecipientAddressUpdateData


class PackageUpdateEvent(KnownEvent):
    """Type 4, PACKAGE_UPDATE: packages were combined or split."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.PACKAGE_UPDATE
    type: Literal[4]
    data: PackageUpdateData


class ProductStatusChangeEvent(KnownEvent):
    """Type 5, PRODUCT_STATUS_CHANGE: a product's audit status changed."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.PRODUCT_STATUS_CHANGE
    type: Literal[5]
    data: ProductStatusChangeData


class SellerDeauthorizationEvent(KnownEvent):
    """Type 6, SELLER_DEAUTHORIZATION: the seller revoked the app's access to the shop."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.SELLER_DEAUTHORIZATION
    type: Literal[6]
    data: SellerDeauthorizationData


class UpcomingAuthorizationExpirationEvent(KnownEvent):
    """Type 7, UPCOMING_AUTHORIZATION_EXPIRATION: sent daily from 30 days before the grant ends."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.UPCOMING_AUTHORIZATION_EXPIRATION
    type: Literal[7]
    data: UpcomingAuthorizationExpirationData


class CancellationStatusChangeEvent(KnownEvent):
    """Type 11, CANCELLATION_STATUS_CHANGE: a cancellation request changed state."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.CANCELLATION_STATUS_CHANGE
    type: Literal[11]
    data: CancellationStatusChangeData


class ReturnStatusChangeEvent(KnownEvent):
    """Type 12, RETURN_STATUS_CHANGE: a return, refund or replacement request changed state."""

    event_type: ClassVar[WebhookEventType] = WebhookEventType.RETURN_STATUS_CHANGE
    type: Literal[12]
    data: ReturnStatusChangeData


class UnknownEvent(BaseModel):
    """A webhook whose ``type`` this SDK does not model: the raw payload is kept in ``raw``.

    Envelope fields are filled in when they are readable and left ``None`` otherwise.
    """

    # Not a WireModel: nothing here is a schema we claim to know, so strict mode has no say.
    model_config = ConfigDict(frozen=True, extra="forbid")

    type: int
    tts_notification_id: str | None = None
    shop_id: str | None = None
    timestamp: datetime | None = None
    data: Any = None
    raw: dict[str, Any]


#: Any parsed webhook; ``isinstance`` (or ``match``) on the class to handle each type.
WebhookEvent: TypeAlias = (
    OrderStatusChangeEvent
    | RecipientAddressUpdateEvent
    | PackageUpdateEvent
    | ProductStatusChangeEvent
    | SellerDeauthorizationEvent
    | UpcomingAuthorizationExpirationEvent
    | CancellationStatusChangeEvent
    | ReturnStatusChangeEvent
    | UnknownEvent
)
