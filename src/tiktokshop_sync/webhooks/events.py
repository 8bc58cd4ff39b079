"""Typed webhook events: one model per TikTok ``type`` number, plus :class:`UnknownEvent`.

Field names and values follow the Partner Center webhook pages (tiktok-api.md §6.4; the pages
themselves as mirrored in ``lazykern/ecommerce-api-docs``, ``guides/webhooks/**``). Every known
event shares the envelope ``type``, ``tts_notification_id``, ``shop_id`` and ``timestamp``; the
per-type fields live in ``data``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from enum import IntEnum
from types import MappingProxyType
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Literal,
    TypeAlias,
    get_args,
    get_origin,
)

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict

from tiktokshop_sync._core.models import OpenEnum, OptionalTimestamp, Timestamp, WireModel
from tiktokshop_sync._exports import deprecated_aliases
from tiktokshop_sync.types.statuses import (
    CancellationStatus,
    ListingPlatform,
    PreApprovedReason,
    ProductAudit,
    ProductAuditStatus,
    ProductType,
    RequestRole,
    ReturnStatus,
    ReturnType,
)

__all__ = [
    "EVENT_CLASSES",
    "AffiliateMessageSender",
    "AffiliateMessageType",
    "CancellationStatus",
    "CancellationStatusChangeData",
    "CancellationStatusChangeEvent",
    "IntegratedPlatformAuditStatus",
    "InvoiceInvalidReason",
    "InvoiceStatus",
    "InvoiceStatusChangeData",
    "InvoiceStatusChangeEvent",
    "KnownEvent",
    "ListingPlatform",
    "MessageSender",
    "MessageSenderRole",
    "MessageType",
    "NewConversationData",
    "NewConversationEvent",
    "NewMessageData",
    "NewMessageEvent",
    "NewMessageListenerData",
    "NewMessageListenerEvent",
    "OrderStatusChangeData",
    "OrderStatusChangeEvent",
    "PackageChangeRole",
    "PackageChangeType",
    "PackageUpdateData",
    "PackageUpdateEvent",
    "PreApprovedReason",
    "ProductAudit",
    "ProductAuditStatus",
    "ProductAuditStatusChangeData",
    "ProductAuditStatusChangeEvent",
    "ProductCategoryChangeData",
    "ProductCategoryChangeEvent",
    "ProductChangeKind",
    "ProductChangeSource",
    "ProductChangedField",
    "ProductCreationData",
    "ProductCreationEvent",
    "ProductInformationChangeData",
    "ProductInformationChangeEvent",
    "ProductStatusChangeData",
    "ProductStatusChangeEvent",
    "ProductType",
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


def _empty_to_none(value: Any) -> Any:
    # An optional enum TikTok may send as "" when it does not apply (type 36 invalid_reason).
    return None if value == "" else value


def _one_or_many(value: Any) -> Any:
    # The type-37 doc example sends one object where the field table promises a list.
    return [value] if isinstance(value, dict) else value


def _json_object_or_none(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


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
    NEW_CONVERSATION = 13
    NEW_MESSAGE = 14
    PRODUCT_INFORMATION_CHANGE = 15
    PRODUCT_CREATION = 16
    PRODUCT_CATEGORY_CHANGE = 18
    NEW_MESSAGE_LISTENER = 33
    INVOICE_STATUS_CHANGE = 36
    PRODUCT_AUDIT_STATUS_CHANGE = 37


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


class MessageType(OpenEnum):
    """Kind of customer service message in a type-14 event (its ``type`` field)."""

    TEXT = "TEXT"
    IMAGE = "IMAGE"
    ALLOCATED_SERVICE = "ALLOCATED_SERVICE"
    NOTIFICATION = "NOTIFICATION"
    BUYER_ENTER_FROM_TRANSFER = "BUYER_ENTER_FROM_TRANSFER"
    BUYER_ENTER_FROM_PRODUCT = "BUYER_ENTER_FROM_PRODUCT"
    BUYER_ENTER_FROM_ORDER = "BUYER_ENTER_FROM_ORDER"
    PRODUCT_CARD = "PRODUCT_CARD"
    ORDER_CARD = "ORDER_CARD"
    EMOTICONS = "EMOTICONS"
    VIDEO = "VIDEO"
    COUPON_CARD = "COUPON_CARD"
    OTHER = "OTHER"


class MessageSenderRole(OpenEnum):
    """Who sent a type-14 message; for SYSTEM and ROBOT the shop is the sender."""

    BUYER = "BUYER"
    SHOP = "SHOP"
    CUSTOMER_SERVICE = "CUSTOMER_SERVICE"
    SYSTEM = "SYSTEM"
    ROBOT = "ROBOT"


class AffiliateMessageType(OpenEnum):
    """Kind of creator-to-seller message in a type-33 event (``msg_type``)."""

    TEXT = "TEXT"
    PRODUCT_CARD = "PRODUCT_CARD"
    TARGET_COLLABORATION_CARD = "TARGET_COLLABORATION_CARD"
    # Named in the page's ``content`` examples but not in its ``msg_type`` list.
    TARGET_INVITATION_CARD = "TARGET_INVITATION_CARD"
    FREE_SAMPLE_CARD = "FREE_SAMPLE_CARD"


class ProductChangeSource(OpenEnum):
    """Where a type-15 product change came from (``change_source``)."""

    SELLER_CENTER = "SELLER_CENTER"
    OPEN_API = "OPEN_API"


class ProductChangedField(OpenEnum):
    """A product property a type-15 event reports as changed; TikTok sends these lowercase."""

    TITLE = "title"
    DESCRIPTION = "description"
    MAIN_IMAGES = "main_images"
    PRODUCT_ATTRIBUTES = "product_attributes"
    SIZE_CHART_IMAGE = "size_chart_image"
    SIZE_CHART_TEMPLATE = "size_chart_template"
    OTHERS = "others"


class InvoiceStatus(OpenEnum):
    """State of an uploaded invoice (Brazil NFe) in a type-36 event."""

    SUCCESS = "SUCCESS"
    PROCESSING = "PROCESSING"
    FAILED = "FAILED"
    INVALID = "INVALID"


class InvoiceInvalidReason(OpenEnum):
    """Why a type-36 invoice is INVALID (``invalid_reason``)."""

    # TikTok's value is "UNKNOWN" (an internal error); the member is not named UNKNOWN
    # because that name marks values this SDK does not know (OpenEnum.is_known).
    INTERNAL_ERROR = "UNKNOWN"
    FAILED = "FAILED"
    NOT_FOUND = "NOT_FOUND"
    NOT_AUTHORIZED = "NOT_AUTHORIZED"
    ACCESS_KEY_DUPLICATE = "ACCESS_KEY_DUPLICATE"


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

    repr_fields: ClassVar[tuple[str, ...] | None] = ("message",)

    message: str = ""


class UpcomingAuthorizationExpirationData(WireModel):
    """``data`` of a type-7 event: the grant ends at ``expiration_time``; ask for re-consent."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("message",)

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


class NewConversationData(WireModel):
    """``data`` of a type-13 event: an agent joined or left a conversation; refresh the list."""

    conversation_id: _Id
    create_time: _OptionalTime = None


class MessageSender(WireModel):
    """Who sent a type-14 message; ``im_user_id`` is an IM ID, not a buyer user ID."""

    im_user_id: _Id | None = None
    role: MessageSenderRole | None = None


class NewMessageData(WireModel):
    """``data`` of a type-14 event: a message was sent in a customer service conversation.

    ``content`` is what a buyer or the shop wrote: personal data, shown as ``'***'`` in a repr.
    """

    masked_fields: ClassVar[frozenset[str]] = frozenset({"content"})

    message_id: _Id
    conversation_id: _Id
    #: Sort key within the conversation: a newer message has a larger index.
    index: _Id | None = None
    type: MessageType | None = None
    #: The message body as a JSON-serialised string, e.g. ``{"content": "simple text"}``.
    content: str = ""
    create_time: _OptionalTime = None
    is_visible: bool | None = None
    sender: MessageSender | None = None

    @property
    def content_json(self) -> dict[str, Any] | None:
        """``content`` decoded, or None when it is not a JSON object."""
        return _json_object_or_none(self.content)


class AffiliateMessageSender(WireModel):
    """Who sent a type-33 message (an IM ID)."""

    sender_im_user_id: _Id | None = None


class NewMessageListenerData(WireModel):
    """``data`` of a type-33 event: a creator sent the seller an affiliate message.

    ``content`` is what the creator wrote, shown as ``'***'`` in a repr.
    """

    masked_fields: ClassVar[frozenset[str]] = frozenset({"content"})

    message_id: _Id
    conversation_id: _Id
    index: _Id | None = None
    msg_type: AffiliateMessageType | None = None
    #: Documented as a JSON-serialised string, though the doc example sends plain text.
    content: str = ""
    # Sent as a string of digits ("1691411573").
    create_time: _OptionalTime = None
    sender: AffiliateMessageSender | None = None

    @property
    def content_json(self) -> dict[str, Any] | None:
        """``content`` decoded, or None when it is not a JSON object."""
        return _json_object_or_none(self.content)


class ProductInformationChangeData(WireModel):
    """``data`` of a type-15 event: changes to a live product's properties went online."""

    product_id: _Id
    change_source: ProductChangeSource | None = None
    changed_fields: tuple[ProductChangedField, ...] = ()
    update_time: _OptionalTime = None


class ProductCreationData(WireModel):
    """``data`` of a type-16 event: a product was created (``update_time`` is when)."""

    product_id: _Id
    product_types: tuple[ProductType, ...] = ()
    update_time: _OptionalTime = None


class ProductCategoryChangeData(WireModel):
    """``data`` of a type-18 event: a product moved to another category."""

    product_id: _Id
    previous_category_id: _Id | None = None
    current_category_id: _Id | None = None
    update_time: _OptionalTime = None


class InvoiceStatusChangeData(WireModel):
    """``data`` of a type-36 event: an invoice uploaded for a package changed state (BR)."""

    package_id: _Id
    order_ids: tuple[_Id, ...] = ()
    invoice_status: InvoiceStatus
    invalid_reason: Annotated[InvoiceInvalidReason | None, BeforeValidator(_empty_to_none)] = None


class IntegratedPlatformAuditStatus(WireModel):
    """A type-37 product's audit state on an integrated platform such as TOKOPEDIA."""

    platform: ListingPlatform | None = None
    status: ProductAuditStatus | None = None


def _audited(audit: ProductAudit) -> ProductAudit:
    # Replies may leave audit.status out; a type-37 event is about it, so it must be there.
    if audit.status is None:
        raise ValueError("a type-37 event's audit has no status")
    return audit


class ProductAuditStatusChangeData(WireModel):
    """``data`` of a type-37 event: a product's audit status changed (``audit.status`` is set)."""

    product_id: _Id
    audit: Annotated[ProductAudit, AfterValidator(_audited)]
    #: A list, though the doc example sends a single object (read as a list of one).
    integrated_platform_statuses: Annotated[
        tuple[IntegratedPlatformAuditStatus, ...], BeforeValidator(_one_or_many)
    ] = ()
    update_time: _OptionalTime = None


# --- events --------------------------------------------------------------------------------


#: Every modelled event class by its ``type`` number, filled as each class is defined.
_EVENT_CLASSES: dict[int, type[KnownEvent]] = {}

#: Read-only view of the modelled event classes by ``type`` number: how :func:`parse_event`
#: picks the class for a payload (the union's discriminator is ``type``).
EVENT_CLASSES: Mapping[int, type[KnownEvent]] = MappingProxyType(_EVENT_CLASSES)


class KnownEvent(WireModel):
    """Base of every modelled event: the envelope fields all TikTok webhooks share.

    A subclass declares its number once, as ``type: Literal[N]``; defining the class registers
    it in :data:`EVENT_CLASSES` and sets its ``event_type`` to ``WebhookEventType(N)``.
    """

    #: The modelled type, from the class's ``type: Literal[N]`` field.
    event_type: ClassVar[WebhookEventType]

    tts_notification_id: _Id | None = None
    shop_id: _Id
    timestamp: Timestamp

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Register the new event class under the number its ``type`` field admits."""
        super().__pydantic_init_subclass__(**kwargs)
        field = cls.model_fields.get("type")
        numbers = get_args(field.annotation) if field is not None else ()
        if get_origin(field.annotation if field else None) is not Literal or len(numbers) != 1:
            raise TypeError(f"{cls.__name__} must declare its webhook number as type: Literal[N]")
        number = numbers[0]
        if number not in WebhookEventType._value2member_map_:
            raise TypeError(f"{cls.__name__}: add type {number} to WebhookEventType first")
        if number in _EVENT_CLASSES:
            raise TypeError(
                f"{cls.__name__}: type {number} is already {_EVENT_CLASSES[number].__name__}"
            )
        cls.event_type = WebhookEventType(number)
        _EVENT_CLASSES[number] = cls


class OrderStatusChangeEvent(KnownEvent):
    """Type 1, ORDER_STATUS_CHANGE: an order's status changed."""

    type: Literal[1]
    data: OrderStatusChangeData


class RecipientAddressUpdateEvent(KnownEvent):
    """Type 3, RECIPIENT_ADDRESS_UPDATE: an order's shipping address changed."""

    type: Literal[3]
    data: RecipientAddressUpdateData


class PackageUpdateEvent(KnownEvent):
    """Type 4, PACKAGE_UPDATE: packages were combined or split."""

    type: Literal[4]
    data: PackageUpdateData


class ProductStatusChangeEvent(KnownEvent):
    """Type 5, PRODUCT_STATUS_CHANGE: a product's audit status changed."""

    type: Literal[5]
    data: ProductStatusChangeData


class SellerDeauthorizationEvent(KnownEvent):
    """Type 6, SELLER_DEAUTHORIZATION: the seller revoked the app's access to the shop."""

    type: Literal[6]
    data: SellerDeauthorizationData


class UpcomingAuthorizationExpirationEvent(KnownEvent):
    """Type 7, UPCOMING_AUTHORIZATION_EXPIRATION: sent daily from 30 days before the grant ends."""

    type: Literal[7]
    data: UpcomingAuthorizationExpirationData


class CancellationStatusChangeEvent(KnownEvent):
    """Type 11, CANCELLATION_STATUS_CHANGE: a cancellation request changed state."""

    type: Literal[11]
    data: CancellationStatusChangeData


class ReturnStatusChangeEvent(KnownEvent):
    """Type 12, RETURN_STATUS_CHANGE: a return, refund or replacement request changed state."""

    type: Literal[12]
    data: ReturnStatusChangeData


class NewConversationEvent(KnownEvent):
    """Type 13, NEW_CONVERSATION: a customer service agent joined or left a conversation."""

    type: Literal[13]
    data: NewConversationData


class NewMessageEvent(KnownEvent):
    """Type 14, NEW_MESSAGE: a new message in a customer service conversation."""

    type: Literal[14]
    data: NewMessageData


class ProductInformationChangeEvent(KnownEvent):
    """Type 15, PRODUCT_INFORMATION_CHANGE: a live product's properties changed."""

    type: Literal[15]
    data: ProductInformationChangeData


class ProductCreationEvent(KnownEvent):
    """Type 16, PRODUCT_CREATION: a product was created."""

    type: Literal[16]
    data: ProductCreationData


class ProductCategoryChangeEvent(KnownEvent):
    """Type 18, PRODUCT_CATEGORY_CHANGE: a product's category changed."""

    type: Literal[18]
    data: ProductCategoryChangeData


class NewMessageListenerEvent(KnownEvent):
    """Type 33, NEW_MESSAGE_LISTENER: a creator sent the seller a message (affiliate)."""

    type: Literal[33]
    data: NewMessageListenerData


class InvoiceStatusChangeEvent(KnownEvent):
    """Type 36, INVOICE_STATUS_CHANGE: an uploaded invoice changed state (Brazil)."""

    type: Literal[36]
    data: InvoiceStatusChangeData


class ProductAuditStatusChangeEvent(KnownEvent):
    """Type 37, PRODUCT_AUDIT_STATUS_CHANGE: a product's audit status changed."""

    type: Literal[37]
    data: ProductAuditStatusChangeData


class UnknownEvent(BaseModel):
    """A webhook whose ``type`` this SDK does not model: the raw payload is kept in ``raw``.

    Envelope fields are filled in when they are readable and left ``None`` otherwise.
    """

    # Not a WireModel: nothing here is a schema we claim to know, so strict mode has no say.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    def __repr_args__(self) -> Any:
        """The envelope only: ``data`` and ``raw`` may hold anything, a buyer's address too."""
        yield "type", self.type
        for name in ("tts_notification_id", "shop_id"):
            if getattr(self, name) is not None:
                yield name, getattr(self, name)
        yield "raw", _Keys(self.raw)

    type: int
    tts_notification_id: str | None = None
    shop_id: str | None = None
    timestamp: datetime | None = None
    data: Any = None
    raw: dict[str, Any]


class _Keys:
    """Shows a payload by its keys, never its values."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.keys = ", ".join(payload)

    def __repr__(self) -> str:
        return f"<keys: {self.keys}>"


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
    | NewConversationEvent
    | NewMessageEvent
    | ProductInformationChangeEvent
    | ProductCreationEvent
    | ProductCategoryChangeEvent
    | NewMessageListenerEvent
    | InvoiceStatusChangeEvent
    | ProductAuditStatusChangeEvent
    | UnknownEvent
)


if TYPE_CHECKING:
    IntegratedPlatform = ListingPlatform  # deprecated name, served below

# IntegratedPlatform was the type-37 spelling of the platform enum the replies call
# ListingPlatform (Get Product's integrated_platform_statuses[].platform): one enum now.
__getattr__ = deprecated_aliases(__name__, {"IntegratedPlatform": ListingPlatform})
