"""Shipping deadlines (出荷期限): TikTok's SLA times by status, the estimate when it sends none."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta, timezone

import pytest

from spec_oracle import find
from tiktokshop_sync.domain import (
    JST,
    DeadlineBasis,
    DeadlineField,
    DeadlinePolicy,
    DeadlineStage,
    DispatchDeadline,
    DispatchFacts,
    InMemoryHolidayCalendar,
    NaiveDatetimeError,
    NoDeadlineReason,
    NoDispatchDeadline,
    deadlines,
    dispatch_deadline,
)

UTC = timezone.utc
PAID = datetime(2025, 7, 1, 1, 0, tzinfo=UTC)  # Tue 2025-07-01 10:00 JST
RTS_SLA = datetime(2025, 7, 3, 14, 59, 59, tzinfo=UTC)  # Thu 23:59:59 JST
SHIPPING_DUE = datetime(2025, 7, 8, 14, 59, 59, tzinfo=UTC)
TTS_SLA = datetime(2025, 7, 4, 9, 0, tzinfo=UTC)
COLLECTION_DUE = datetime(2025, 7, 9, 9, 0, tzinfo=UTC)


def facts(status: str = "AWAITING_SHIPMENT", **times: object) -> DispatchFacts:
    return DispatchFacts(shop="shop-a", order_id="576461413038785752", status=status, **times)  # type: ignore[arg-type]


def deadline(decision: object) -> DispatchDeadline:
    assert isinstance(decision, DispatchDeadline), decision
    return decision


def test_awaiting_shipment_uses_tiktoks_rts_sla_time_in_jst() -> None:
    found = deadline(
        dispatch_deadline(
            facts(paid_time=PAID, rts_sla_time=RTS_SLA, shipping_due_time=SHIPPING_DUE)
        )
    )
    assert found.field is DeadlineField.RTS_SLA_TIME
    assert found.basis is DeadlineBasis.GIVEN and not found.estimated
    assert found.stage is DeadlineStage.SHIP
    assert found.due == RTS_SLA
    assert found.due.utcoffset() == timedelta(hours=9)
    assert found.due.isoformat() == "2025-07-03T23:59:59+09:00"


def test_the_auto_cancel_time_comes_along_in_jst() -> None:
    found = deadline(dispatch_deadline(facts(rts_sla_time=RTS_SLA, shipping_due_time=SHIPPING_DUE)))
    assert found.auto_cancel_at == SHIPPING_DUE
    assert found.auto_cancel_at is not None and found.auto_cancel_at.tzinfo is JST


def test_the_deprecated_cancel_order_sla_time_counts_only_without_shipping_due_time() -> None:
    old = datetime(2025, 7, 7, tzinfo=UTC)
    alone = deadline(dispatch_deadline(facts(rts_sla_time=RTS_SLA, cancel_order_sla_time=old)))
    both = deadline(
        dispatch_deadline(
            facts(rts_sla_time=RTS_SLA, cancel_order_sla_time=old, shipping_due_time=SHIPPING_DUE)
        )
    )
    assert alone.auto_cancel_at == old
    assert both.auto_cancel_at == SHIPPING_DUE


def test_without_rts_sla_time_the_deadline_is_estimated_from_the_payment_time() -> None:
    found = deadline(dispatch_deadline(facts(paid_time=PAID)))
    assert found.basis is DeadlineBasis.ESTIMATED and found.estimated
    assert found.field is DeadlineField.PAID_TIME
    assert found.due == datetime(2025, 7, 4, 23, 59, 59, tzinfo=JST)  # Tue + 3 business days
    assert "推定" in found.reason


def test_an_estimate_without_a_holiday_calendar_says_it_counted_weekends_only() -> None:
    found = deadline(dispatch_deadline(facts(paid_time=PAID)))
    assert "weekends only" in found.reason


def test_the_estimate_skips_the_calendars_holidays() -> None:
    golden_week = InMemoryHolidayCalendar(
        days=[date(2025, 5, 3), date(2025, 5, 4), date(2025, 5, 5), date(2025, 5, 6)]
    )
    paid = datetime(2025, 5, 2, 10, 0, tzinfo=JST)  # Friday before Golden Week
    found = deadline(dispatch_deadline(facts(paid_time=paid), holidays=golden_week))
    assert found.due.date() == date(2025, 5, 9)
    assert "weekends only" not in found.reason


def test_the_estimate_follows_the_policys_business_days() -> None:
    found = deadline(
        dispatch_deadline(facts(paid_time=PAID), policy=DeadlinePolicy(business_days=1))
    )
    assert found.due.date() == date(2025, 7, 2)


def test_without_the_payment_time_the_estimate_counts_from_the_order_time() -> None:
    found = deadline(dispatch_deadline(facts(create_time=PAID)))
    assert found.field is DeadlineField.CREATE_TIME
    assert found.estimated


def test_an_estimate_is_never_later_than_tiktoks_auto_cancel_time() -> None:
    cancel = datetime(2025, 7, 2, 12, 0, tzinfo=JST)  # before the 3-business-day estimate
    found = deadline(dispatch_deadline(facts(paid_time=PAID, shipping_due_time=cancel)))
    assert found.field is DeadlineField.SHIPPING_DUE_TIME
    assert found.basis is DeadlineBasis.GIVEN
    assert found.due == cancel


def test_an_auto_cancel_time_later_than_the_estimate_stays_the_auto_cancel_time() -> None:
    found = deadline(dispatch_deadline(facts(paid_time=PAID, shipping_due_time=SHIPPING_DUE)))
    assert found.estimated
    assert found.auto_cancel_at == SHIPPING_DUE


def test_with_only_an_auto_cancel_time_that_time_is_the_deadline() -> None:
    found = deadline(dispatch_deadline(facts(shipping_due_time=SHIPPING_DUE)))
    assert found.field is DeadlineField.SHIPPING_DUE_TIME
    assert not found.estimated


def test_with_no_time_at_all_there_is_no_deadline_and_the_message_says_to_refetch() -> None:
    found = dispatch_deadline(facts())
    assert isinstance(found, NoDispatchDeadline)
    assert found.reason is NoDeadlineReason.NO_TIMES
    assert "re-fetch" in found.message


@pytest.mark.parametrize("status", ["ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"])
def test_before_shipping_the_deadline_is_the_ship_stage(status: str) -> None:
    found = deadline(dispatch_deadline(facts(status, rts_sla_time=RTS_SLA)))
    assert found.stage is DeadlineStage.SHIP
    assert found.stage.label_ja == "出荷期限"


def test_an_on_hold_order_says_the_clock_runs_though_it_may_not_ship_yet() -> None:
    found = deadline(dispatch_deadline(facts("ON_HOLD", paid_time=PAID)))
    assert "ON_HOLD" in found.reason and "clock runs" in found.reason


def test_awaiting_collection_uses_tiktoks_latest_collection_time() -> None:
    found = deadline(
        dispatch_deadline(
            facts(
                "AWAITING_COLLECTION",
                rts_sla_time=RTS_SLA,
                tts_sla_time=TTS_SLA,
                collection_due_time=COLLECTION_DUE,
            )
        )
    )
    assert found.stage is DeadlineStage.COLLECTION
    assert found.stage.label_ja == "集荷期限"
    assert found.field is DeadlineField.TTS_SLA_TIME
    assert found.due == TTS_SLA
    assert found.auto_cancel_at == COLLECTION_DUE


def test_awaiting_collection_falls_back_to_the_collection_due_time() -> None:
    found = deadline(
        dispatch_deadline(facts("AWAITING_COLLECTION", collection_due_time=COLLECTION_DUE))
    )
    assert found.field is DeadlineField.COLLECTION_DUE_TIME


def test_awaiting_collection_is_never_estimated() -> None:
    found = dispatch_deadline(facts("AWAITING_COLLECTION", paid_time=PAID, rts_sla_time=RTS_SLA))
    assert isinstance(found, NoDispatchDeadline)
    assert found.reason is NoDeadlineReason.NO_TIMES


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        ("UNPAID", NoDeadlineReason.NOT_PAID),
        ("IN_TRANSIT", NoDeadlineReason.DISPATCHED),
        ("DELIVERED", NoDeadlineReason.DISPATCHED),
        ("COMPLETED", NoDeadlineReason.DISPATCHED),
        ("CANCELLED", NoDeadlineReason.CANCELLED),
        ("CANCEL", NoDeadlineReason.CANCELLED),
        ("SOMETHING_NEW", NoDeadlineReason.UNKNOWN_STATUS),
    ],
)
def test_statuses_without_a_seller_deadline_say_why(status: str, reason: NoDeadlineReason) -> None:
    found = dispatch_deadline(facts(status, paid_time=PAID, rts_sla_time=RTS_SLA))
    assert isinstance(found, NoDispatchDeadline)
    assert found.reason is reason
    assert (found.shop, found.order_id) == ("shop-a", "576461413038785752")


@pytest.mark.parametrize(
    "fulfillment", ["FULFILLMENT_BY_TIKTOK", "FULFILLMENT_BY_DILAYANI_TOKOPEDIA"]
)
def test_orders_the_platform_fulfils_have_no_seller_deadline(fulfillment: str) -> None:
    found = dispatch_deadline(facts(rts_sla_time=RTS_SLA, fulfillment_type=fulfillment))
    assert isinstance(found, NoDispatchDeadline)
    assert found.reason is NoDeadlineReason.FULFILLED_BY_PLATFORM


@pytest.mark.parametrize("fulfillment", ["FULFILLMENT_BY_SELLER", "", "SOMETHING_NEW"])
def test_seller_and_unknown_fulfilment_types_keep_the_deadline(fulfillment: str) -> None:
    found = dispatch_deadline(facts(rts_sla_time=RTS_SLA, fulfillment_type=fulfillment))
    assert isinstance(found, DispatchDeadline)


@pytest.mark.parametrize(
    ("shipping_type", "action"),
    [
        ("TIKTOK", "Ship Package"),
        ("SELLER", "Mark Package As Shipped"),
        ("", "AWAITING_COLLECTION"),
    ],
)
def test_the_reason_names_the_shipping_types_action(shipping_type: str, action: str) -> None:
    found = deadline(dispatch_deadline(facts(rts_sla_time=RTS_SLA, shipping_type=shipping_type)))
    assert action in found.reason


def test_tiktoks_collection_wording_depends_on_who_carries_the_parcel() -> None:
    tiktok = deadline(
        dispatch_deadline(
            facts("AWAITING_COLLECTION", tts_sla_time=TTS_SLA, shipping_type="TIKTOK")
        )
    )
    seller = deadline(
        dispatch_deadline(
            facts("AWAITING_COLLECTION", tts_sla_time=TTS_SLA, shipping_type="SELLER")
        )
    )
    assert "pick-up or drop-off" in tiktok.reason
    assert "first scan" in seller.reason


def test_statuses_and_types_may_be_str_enums_or_lower_case() -> None:
    class Status(str, enum.Enum):
        AWAITING_SHIPMENT = "AWAITING_SHIPMENT"

    found = dispatch_deadline(
        DispatchFacts(
            shop="s",
            order_id="1",
            status=Status.AWAITING_SHIPMENT,
            fulfillment_type=" fulfillment_by_tiktok ",
            rts_sla_time=RTS_SLA,
        )
    )
    assert isinstance(found, NoDispatchDeadline)
    assert found.reason is NoDeadlineReason.FULFILLED_BY_PLATFORM


def test_a_code_read_again_is_the_same_text_whatever_the_spelling() -> None:
    spellings = [" awaiting_shipment ", "AWAITING_SHIPMENT", " awaiting_shipment "]
    statuses = [DispatchFacts(shop="s", order_id="1", status=text).status for text in spellings]
    assert statuses == ["AWAITING_SHIPMENT"] * 3
    assert all(type(status) is str for status in statuses)


def test_codes_stay_exact_once_the_table_of_known_texts_is_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(deadlines, "_MAX_CODES", 0)
    monkeypatch.setattr(deadlines, "_CODES", {})
    assert DispatchFacts(shop="s", order_id="1", status=" shipped ").status == "SHIPPED"
    assert deadlines._CODES == {}


def test_a_naive_time_is_refused_with_the_fix() -> None:
    with pytest.raises(NaiveDatetimeError, match=r"DispatchFacts\.rts_sla_time"):
        facts(rts_sla_time=datetime(2025, 7, 3, 23, 59))


def test_times_in_any_zone_pass_and_the_first_wrong_time_in_field_order_is_named() -> None:
    jst = timezone(timedelta(hours=9))
    assert facts(paid_time=RTS_SLA.astimezone(jst)).paid_time == RTS_SLA
    with pytest.raises(NaiveDatetimeError, match=r"DispatchFacts\.create_time"):
        facts(create_time=datetime(2025, 7, 1), collection_due_time=datetime(2025, 7, 2))
    with pytest.raises(TypeError, match=r"DispatchFacts\.tts_sla_time must be a datetime"):
        facts(paid_time=RTS_SLA.astimezone(jst), tts_sla_time="2025-07-03")


def test_remaining_and_overdue_compare_with_any_aware_now() -> None:
    found = deadline(dispatch_deadline(facts(rts_sla_time=RTS_SLA)))
    assert found.remaining(RTS_SLA - timedelta(hours=2)) == timedelta(hours=2)
    assert not found.overdue(RTS_SLA)
    assert found.overdue(RTS_SLA + timedelta(seconds=1))
    with pytest.raises(NaiveDatetimeError):
        found.overdue(datetime(2025, 7, 3))


def test_the_rule_reads_the_fields_tiktok_documents_with_the_meaning_it_documents() -> None:
    order = find("GET", "/order/202507/orders").data_field("orders")
    documented = {param.name: param.desc for param in order.children}
    for field in DeadlineField:
        assert field.value in documented, field
    assert "latest shipping time" in documented["rts_sla_time"]
    assert "latest collection time" in documented["tts_sla_time"]
    assert "AWAITING_COLLECTION" in documented["shipping_due_time"]
    assert "IN_TRANSIT" in documented["collection_due_time"]
    assert "FULFILLMENT_BY_TIKTOK" in documented["fulfillment_type"]
    assert {"TIKTOK", "SELLER"} <= set(order.child("shipping_type").enum)
