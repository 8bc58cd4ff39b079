"""parse_event: doc examples become typed events; anything unreadable is a WebhookPayloadError."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.webhooks import (
    AffiliateMessageSender,
    AffiliateMessageType,
    CancellationStatus,
    CancellationStatusChangeEvent,
    IntegratedPlatformAuditStatus,
    InvoiceInvalidReason,
    InvoiceStatus,
    InvoiceStatusChangeEvent,
    KnownEvent,
    ListingPlatform,
    MessageSender,
    MessageSenderRole,
    MessageType,
    NewConversationEvent,
    NewMessageEvent,
    NewMessageListenerEvent,
    OrderStatusChangeEvent,
    PackageChangeType,
    PackageUpdateEvent,
    ProductAuditStatus,
    ProductAuditStatusChangeEvent,
    ProductCategoryChangeEvent,
    ProductChangedField,
    ProductChangeKind,
    ProductChangeSource,
    ProductCreationEvent,
    ProductInformationChangeEvent,
    ProductStatusChangeEvent,
    ProductType,
    RecipientAddressUpdateEvent,
    RequestRole,
    ReturnStatus,
    ReturnStatusChangeEvent,
    ReturnType,
    SellerDeauthorizationEvent,
    UnknownEvent,
    UpcomingAuthorizationExpirationEvent,
    UpdatedPackage,
    WebhookEventType,
    WebhookOrderStatus,
    WebhookPayloadError,
    parse_event,
)

EXPECTED_CLASS: dict[int, type[KnownEvent]] = {
    1: OrderStatusChangeEvent,
    3: RecipientAddressUpdateEvent,
    4: PackageUpdateEvent,
    5: ProductStatusChangeEvent,
    6: SellerDeauthorizationEvent,
    7: UpcomingAuthorizationExpirationEvent,
    11: CancellationStatusChangeEvent,
    12: ReturnStatusChangeEvent,
    13: NewConversationEvent,
    14: NewMessageEvent,
    15: ProductInformationChangeEvent,
    16: ProductCreationEvent,
    18: ProductCategoryChangeEvent,
    33: NewMessageListenerEvent,
    36: InvoiceStatusChangeEvent,
    37: ProductAuditStatusChangeEvent,
}

# What each published example must read as: (attribute path on the event, expected value).
EXPECTED_DATA: dict[int, dict[str, Any]] = {
    1: {
        "order_id": "576486316948490001",
        "order_status": WebhookOrderStatus.UNPAID,
        "is_on_hold_order": False,
        "update_time": datetime(2022, 2, 9, 13, 21, 25, tzinfo=timezone.utc),
    },
    3: {"order_id": "576486316948490001"},
    4: {
        "sc_type": PackageChangeType.COMBINE,
        "package_list": (UpdatedPackage(package_id="123456", order_id_list=("152523", "532123")),),
    },
    5: {
        "product_id": "576486316948490000",
        "status": ProductChangeKind.PRODUCT_FIRST_PASS_REVIEW,
        "suspended_reason": "",
    },
    6: {"message": "Shop_id {xxx} is deauthorized from your APP by merchant."},
    7: {"expiration_time": datetime(2021, 7, 29, 19, 38, 26, tzinfo=timezone.utc)},
    11: {
        "cancellations_role": RequestRole.BUYER,
        "cancel_status": CancellationStatus.CANCELLATION_REQUEST_PENDING,
        "cancel_id": "4035318504086604100",
        "create_time": datetime(2021, 7, 29, 19, 40, tzinfo=timezone.utc),
    },
    12: {
        "return_role": RequestRole.BUYER,
        "return_type": ReturnType.REFUND,
        "return_status": ReturnStatus.RETURN_OR_REFUND_REQUEST_PENDING,
        "return_id": "576486316948490001",
    },
    13: {
        "conversation_id": "576486316948490001",
        "create_time": datetime(2021, 7, 29, 19, 38, 26, tzinfo=timezone.utc),
    },
    14: {
        "message_id": "722323407926368819",
        "conversation_id": "710688832392260838",
        "index": "7494560109732334274",
        "type": MessageType.TEXT,
        "content": '{"content":"444"}',
        "content_json": {"content": "444"},
        "create_time": datetime(2023, 4, 18, 3, 57, 26, tzinfo=timezone.utc),
        "is_visible": True,
        "sender": MessageSender(im_user_id="707885565181165594", role=MessageSenderRole.BUYER),
    },
    15: {
        "product_id": "123456789",
        "change_source": ProductChangeSource.SELLER_CENTER,
        "changed_fields": tuple(ProductChangedField),
        "update_time": datetime(2021, 7, 29, 19, 40, tzinfo=timezone.utc),
    },
    16: {
        "product_id": "576486316948490000",
        "product_types": (ProductType.GPR_PRODUCT,),
        "update_time": datetime(2022, 2, 9, 13, 21, 25, tzinfo=timezone.utc),
    },
    18: {
        "product_id": "789078671231",
        "previous_category_id": "600001",
        "current_category_id": "600002",
        "update_time": datetime(2022, 2, 9, 13, 20, 45, tzinfo=timezone.utc),
    },
    33: {
        "message_id": "7451907556216407553",
        "conversation_id": "7451873679308620048",
        "index": "1735032460678899",
        "msg_type": AffiliateMessageType.TEXT,
        "content": "Hello",
        "content_json": None,
        "create_time": datetime(2023, 8, 7, 12, 32, 53, tzinfo=timezone.utc),
        "sender": AffiliateMessageSender(sender_im_user_id="2368694990397660924"),
    },
    36: {
        "package_id": "123456",
        "order_ids": ("152523", "532123"),
        "invoice_status": InvoiceStatus.INVALID,
        "invalid_reason": InvoiceInvalidReason.NOT_FOUND,
    },
    37: {
        "product_id": "789078671231",
        "integrated_platform_statuses": (
            IntegratedPlatformAuditStatus(
                platform=ListingPlatform.TOKOPEDIA, status=ProductAuditStatus.AUDITING
            ),
        ),
        "update_time": datetime(2022, 2, 9, 13, 21, 25, tzinfo=timezone.utc),
    },
}


def _type_of(path: Path) -> int:
    return int(path.stem.split("-", 1)[0])


def _order_event(**data_changes: Any) -> bytes:
    data = {"order_id": "576486316948490001", "order_status": "UNPAID", "update_time": 1644412885}
    data.update(data_changes)
    payload = {"type": 1, "shop_id": "7494049642642441621", "timestamp": 1644412885, "data": data}
    return json.dumps(payload).encode()


# --- the published examples ------------------------------------------------------------------


def test_doc_example_parses_into_its_event_class(doc_example: Path) -> None:
    event = parse_event(doc_example.read_bytes())
    assert type(event) is EXPECTED_CLASS[_type_of(doc_example)]


def test_doc_example_carries_the_envelope_fields(doc_example: Path) -> None:
    event = parse_event(doc_example.read_bytes())
    assert isinstance(event, KnownEvent)
    assert event.shop_id == "7494049642642441621"
    assert event.timestamp == datetime(2022, 2, 9, 13, 21, 25, tzinfo=timezone.utc)
    assert event.event_type == WebhookEventType(_type_of(doc_example))


def test_doc_example_data_reads_as_documented(doc_example: Path) -> None:
    event = parse_event(doc_example.read_bytes())
    assert isinstance(event, KnownEvent)
    data = event.data
    for name, expected in EXPECTED_DATA[_type_of(doc_example)].items():
        assert getattr(data, name) == expected, name


def test_doc_example_parses_the_same_from_str(doc_example: Path) -> None:
    assert parse_event(doc_example.read_text("utf-8")) == parse_event(doc_example.read_bytes())


def test_doc_example_round_trips_through_json_mode_dump(doc_example: Path) -> None:
    event = parse_event(doc_example.read_bytes())
    assert parse_event(json.dumps(event.model_dump(mode="json"))) == event


def test_missing_notification_id_is_tolerated() -> None:
    event = parse_event(
        (Path(__file__).parent / "doc_examples/03-recipient-address-update.json").read_bytes()
    )
    assert event.tts_notification_id is None


# --- type 1: order status --------------------------------------------------------------------


def test_cancel_status_normalises_to_cancelled() -> None:
    event = parse_event(_order_event(order_status="CANCEL"))
    assert isinstance(event, OrderStatusChangeEvent)
    assert event.data.order_status is WebhookOrderStatus.CANCEL
    assert event.data.normalized_status is WebhookOrderStatus.CANCELLED


@pytest.mark.parametrize("status", ["CANCELLED", "PARTIALLY_SHIPPING", "ON_HOLD"])
def test_other_statuses_normalise_to_themselves(status: str) -> None:
    event = parse_event(_order_event(order_status=status))
    assert isinstance(event, OrderStatusChangeEvent)
    assert event.data.normalized_status is WebhookOrderStatus(status)
    assert event.data.normalized_status.is_known


def test_unknown_order_status_is_kept_outside_strict_mode() -> None:
    with strict_models(False):
        event = parse_event(_order_event(order_status="AWAITING_TELEPORT"))
    assert isinstance(event, OrderStatusChangeEvent)
    assert not event.data.order_status.is_known
    assert event.data.order_status == "AWAITING_TELEPORT"
    assert event.data.normalized_status == "AWAITING_TELEPORT"


def test_unknown_order_status_fails_loudly_in_strict_mode() -> None:
    with pytest.raises(WebhookPayloadError, match=r"data\.order_status"):
        parse_event(_order_event(order_status="AWAITING_TELEPORT"))


def test_unknown_field_is_kept_in_model_extra_outside_strict_mode() -> None:
    with strict_models(False):
        event = parse_event(_order_event(new_flag=True))
    assert isinstance(event, OrderStatusChangeEvent)
    assert event.data.model_extra == {"new_flag": True}


def test_unknown_field_fails_loudly_in_strict_mode() -> None:
    with pytest.raises(WebhookPayloadError, match="new_flag"):
        parse_event(_order_event(new_flag=True))


def test_zero_update_time_reads_as_absent() -> None:
    event = parse_event(_order_event(update_time=0))
    assert isinstance(event, OrderStatusChangeEvent)
    assert event.data.update_time is None


# --- quirks of other types -------------------------------------------------------------------


def test_numeric_product_id_keeps_every_digit_as_a_string() -> None:
    body = (
        b'{"type":5,"shop_id":"1","timestamp":1644412885,'
        b'"data":{"product_id":1729592969712207008,"status":"PRODUCT_AUDIT_FAILURE"}}'
    )
    event = parse_event(body)
    assert isinstance(event, ProductStatusChangeEvent)
    assert event.data.product_id == "1729592969712207008"


def test_expiration_time_string_becomes_an_aware_utc_datetime() -> None:
    body = (
        b'{"type":7,"shop_id":"1","timestamp":1644412885,"data":{"expiration_time":"1627587506"}}'
    )
    event = parse_event(body)
    assert isinstance(event, UpcomingAuthorizationExpirationEvent)
    assert event.data.expiration_time == datetime(2021, 7, 29, 19, 38, 26, tzinfo=timezone.utc)
    assert event.data.expiration_time.tzinfo is timezone.utc


def test_numeric_shop_id_becomes_a_string() -> None:
    body = b'{"type":6,"shop_id":123455,"timestamp":1627587506,"data":{"message":"m"}}'
    event = parse_event(body)
    assert isinstance(event, SellerDeauthorizationEvent)
    assert event.shop_id == "123455"


# --- unknown types ---------------------------------------------------------------------------


def test_unmodelled_type_becomes_an_unknown_event_keeping_the_raw_payload() -> None:
    payload = {
        "type": 99,
        "tts_notification_id": "7327112393057371910",
        "shop_id": "7494049642642441621",
        "timestamp": 1644412885,
        "data": {"product_id": "1", "audit": {"status": "APPROVED"}},
    }
    event = parse_event(json.dumps(payload))
    assert isinstance(event, UnknownEvent)
    assert event.type == 99
    assert event.raw == payload
    assert event.data == payload["data"]
    assert event.shop_id == "7494049642642441621"
    assert event.timestamp == datetime(2022, 2, 9, 13, 21, 25, tzinfo=timezone.utc)


def test_unknown_event_with_unreadable_envelope_fields_still_parses() -> None:
    event = parse_event(b'{"type":2,"shop_id":["x"],"timestamp":"soon","tts_notification_id":1}')
    assert isinstance(event, UnknownEvent)
    assert (event.shop_id, event.timestamp, event.tts_notification_id) == (None, None, "1")


# --- unreadable bodies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe{}",
        b'\xef\xbb\xbf{"type":1}',
        b'{"type":1',
        b"[1, 2]",
        b'"a string"',
        b"null",
        b"{}",
        b'{"data":{}}',
        b'{"type":null}',
        b'{"type":true}',
        b'{"type":"1"}',
        b'{"type":1.5}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"type":1,"shop_id":"1","timestamp":1644412885,"data":{"order_status":"UNPAID"}}',
        b'{"type":1,"shop_id":"1","timestamp":1644412885,"data":[]}',
        b'{"type":1,"shop_id":"1","data":{"order_id":"1","order_status":"UNPAID"}}',
        b'{"type":11,"shop_id":"1","timestamp":1e300,"data":{}}',
        b'{"type":7,"shop_id":"1","timestamp":99999999999999999999,"data":{}}',
    ],
    ids=[
        "empty",
        "not-json",
        "utf16-bom",
        "utf8-bom",
        "truncated",
        "array",
        "string",
        "null",
        "no-type",
        "only-data",
        "null-type",
        "bool-type",
        "string-type",
        "float-type",
        "deeply-nested",
        "type1-without-order-id",
        "type1-data-not-object",
        "type1-without-timestamp",
        "huge-float-timestamp",
        "overflowing-timestamp",
    ],
)
def test_unreadable_body_raises_a_payload_error(body: bytes) -> None:
    with pytest.raises(WebhookPayloadError):
        parse_event(body)


def test_payload_error_keeps_the_raw_bytes_and_type() -> None:
    body = b'{"type":1,"shop_id":"1","timestamp":1644412885,"data":{}}'
    with pytest.raises(WebhookPayloadError) as caught:
        parse_event(body)
    assert caught.value.body == body
    assert caught.value.event_type == 1


def test_payload_error_says_which_field_is_wrong() -> None:
    body = b'{"type":1,"shop_id":"1","timestamp":1644412885,"data":{"order_status":"UNPAID"}}'
    with pytest.raises(WebhookPayloadError, match=r"ORDER_STATUS_CHANGE.*data\.order_id"):
        parse_event(body)


def test_payload_error_chains_the_underlying_cause() -> None:
    with pytest.raises(WebhookPayloadError) as caught:
        parse_event(b"{nope")
    assert isinstance(caught.value.__cause__, json.JSONDecodeError)
