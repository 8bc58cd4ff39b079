"""Event API types 13-37: messages (13, 14, 33), products (15, 16, 18, 37), invoices (36)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from tiktokshop_sync.testing._events.backend import EVENT_TYPES
from tiktokshop_sync.types._base import OpenEnum, strict_models
from tiktokshop_sync.webhooks import (
    AffiliateMessageType,
    IntegratedPlatformAuditStatus,
    InvoiceInvalidReason,
    InvoiceStatusChangeEvent,
    ListingPlatform,
    NewMessageEvent,
    NewMessageListenerEvent,
    PreApprovedReason,
    ProductAuditStatus,
    ProductAuditStatusChangeEvent,
    ProductInformationChangeEvent,
    UnknownEvent,
    WebhookEventType,
    WebhookPayloadError,
    parse_event,
)

from .conftest import DOC_EXAMPLES


def _event(event_type: int, data: dict[str, Any]) -> bytes:
    payload = {"type": event_type, "shop_id": "7494049642642441621", "timestamp": 1644412885}
    return json.dumps({**payload, "data": data}).encode()


def _audit_event(audit: dict[str, Any], **extra: Any) -> bytes:
    return _event(37, {"product_id": "1729592969712207008", "audit": audit, **extra})


def _message(**changes: Any) -> bytes:
    data = {"message_id": "722323407926368819", "conversation_id": "710688832392260838"}
    return _event(14, {**data, **changes})


def _invoice(**changes: Any) -> bytes:
    return _event(36, {"package_id": "123456", "invoice_status": "SUCCESS", **changes})


# --- type 37: product audit ------------------------------------------------------------------


def test_audit_example_reads_its_singular_reason() -> None:
    event = parse_event((DOC_EXAMPLES / "37-product-audit-status-change.json").read_bytes())
    assert isinstance(event, ProductAuditStatusChangeEvent)
    assert event.data.audit.status is ProductAuditStatus.PRE_APPROVED
    assert event.data.audit.pre_approved_reason is PreApprovedReason.KYC_PENDING
    assert event.data.audit.reasons == (PreApprovedReason.KYC_PENDING,)


def test_audit_reads_the_documented_list_of_reasons() -> None:
    reasons = ["KYC_PENDING", "RESTRICTED_CATEGORY_PENDING"]
    event = parse_event(_audit_event({"status": "PRE_APPROVED", "pre_approved_reasons": reasons}))
    assert isinstance(event, ProductAuditStatusChangeEvent)
    assert event.data.audit.reasons == (
        PreApprovedReason.KYC_PENDING,
        PreApprovedReason.RESTRICTED_CATEGORY_PENDING,
    )


def test_integrated_platform_statuses_also_read_as_a_list() -> None:
    statuses = [{"platform": "TOKOPEDIA", "status": "APPROVED"}]
    event = parse_event(_audit_event({"status": "APPROVED"}, integrated_platform_statuses=statuses))
    assert isinstance(event, ProductAuditStatusChangeEvent)
    assert event.data.integrated_platform_statuses == (
        IntegratedPlatformAuditStatus(
            platform=ListingPlatform.TOKOPEDIA, status=ProductAuditStatus.APPROVED
        ),
    )


def test_audit_event_without_audit_is_a_payload_error() -> None:
    with pytest.raises(WebhookPayloadError, match=r"PRODUCT_AUDIT_STATUS_CHANGE.*data\.audit"):
        parse_event(_event(37, {"product_id": "1"}))


# --- unknown values and fields ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "read", "sent"),
    [
        (_message(type="STICKER"), lambda e: e.data.type, "STICKER"),
        (_message(sender={"role": "BOT"}), lambda e: e.data.sender.role, "BOT"),
        (
            _event(33, {"message_id": "1", "conversation_id": "2", "msg_type": "POLL"}),
            lambda e: e.data.msg_type,
            "POLL",
        ),
        (
            _event(15, {"product_id": "1", "change_source": "BULK_TOOL"}),
            lambda e: e.data.change_source,
            "BULK_TOOL",
        ),
        (
            _event(16, {"product_id": "1", "product_types": ["NEW_KIND"]}),
            lambda e: e.data.product_types[0],
            "NEW_KIND",
        ),
        (_invoice(invoice_status="ARCHIVED"), lambda e: e.data.invoice_status, "ARCHIVED"),
        (_audit_event({"status": "ESCALATED"}), lambda e: e.data.audit.status, "ESCALATED"),
    ],
    ids=[
        "message-type",
        "sender-role",
        "msg-type",
        "change-source",
        "product-type",
        "invoice",
        "audit-status",
    ],
)
def test_unknown_enum_value_in_a_new_event_is_kept_outside_strict_mode(
    body: bytes, read: Callable[[Any], OpenEnum], sent: str
) -> None:
    with strict_models(False):
        value = read(parse_event(body))
    assert (value, value.is_known) == (sent, False)


def test_unknown_message_type_is_kept_with_its_raw_value() -> None:
    with strict_models(False):
        event = parse_event(_message(type="STICKER"))
    assert isinstance(event, NewMessageEvent)
    assert event.data.type == "STICKER"
    assert event.data.type is not None and not event.data.type.is_known


def test_unknown_changed_field_is_kept_with_its_raw_value() -> None:
    with strict_models(False):
        event = parse_event(_event(15, {"product_id": "1", "changed_fields": ["title", "price"]}))
    assert isinstance(event, ProductInformationChangeEvent)
    assert [(f.value, f.is_known) for f in event.data.changed_fields] == [
        ("title", True),
        ("price", False),
    ]


def test_unknown_enum_value_in_a_new_event_fails_loudly_in_strict_mode() -> None:
    with pytest.raises(WebhookPayloadError, match=r"data\.invoice_status"):
        parse_event(_invoice(invoice_status="ARCHIVED"))


def test_unknown_field_in_a_new_event_is_kept_in_model_extra() -> None:
    with strict_models(False):
        event = parse_event(_event(33, {"message_id": "1", "conversation_id": "2", "new": 1}))
    assert isinstance(event, NewMessageListenerEvent)
    assert event.data.model_extra == {"new": 1}


# --- smaller quirks --------------------------------------------------------------------------


def test_invoice_reason_unknown_is_a_known_member() -> None:
    event = parse_event(_invoice(invoice_status="INVALID", invalid_reason="UNKNOWN"))
    assert isinstance(event, InvoiceStatusChangeEvent)
    assert event.data.invalid_reason is InvoiceInvalidReason.INTERNAL_ERROR
    assert event.data.invalid_reason.is_known


def test_empty_invoice_reason_reads_as_absent() -> None:
    event = parse_event(_invoice(invalid_reason=""))
    assert isinstance(event, InvoiceStatusChangeEvent)
    assert event.data.invalid_reason is None


def test_message_content_json_decodes_a_card() -> None:
    event = parse_event(_message(type="ORDER_CARD", content='{"order_id": "12345"}'))
    assert isinstance(event, NewMessageEvent)
    assert event.data.content_json == {"order_id": "12345"}


def test_affiliate_message_keeps_plain_text_content() -> None:
    event = parse_event((DOC_EXAMPLES / "33-new-message-listener.json").read_bytes())
    assert isinstance(event, NewMessageListenerEvent)
    assert event.data.msg_type is AffiliateMessageType.TEXT
    assert (event.data.content, event.data.content_json) == ("Hello", None)


def test_numeric_message_ids_become_strings() -> None:
    event = parse_event(_event(14, {"message_id": 7451907556216407553, "conversation_id": 2}))
    assert isinstance(event, NewMessageEvent)
    assert (event.data.message_id, event.data.conversation_id) == ("7451907556216407553", "2")


# --- names and coverage ----------------------------------------------------------------------


def test_every_modelled_type_is_named_as_the_event_api_names_it() -> None:
    assert {kind.name: kind.value for kind in WebhookEventType}.items() <= EVENT_TYPES.items()


def test_only_the_legacy_type_2_of_the_event_api_stays_unmodelled() -> None:
    unmodelled = {name for name in EVENT_TYPES if name not in WebhookEventType.__members__}
    assert unmodelled == {"REVERSE_STATUS_UPDATE"}


@pytest.mark.parametrize("event_type", [2, 39, 1000])
def test_unmodelled_type_still_parses_as_an_unknown_event_with_the_raw_payload(
    event_type: int,
) -> None:
    body = _event(event_type, {"activity_id": "7", "status": "ONGOING"})
    event = parse_event(body)
    assert isinstance(event, UnknownEvent)
    assert event.type == event_type
    assert event.raw == json.loads(body)
