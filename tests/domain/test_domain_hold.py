"""Hold for payment: UNPAID and ON_HOLD are held, extra holds end on time, cancelled never ships."""

from __future__ import annotations

import enum
from datetime import datetime, timedelta, timezone

import pytest

from tiktokshop_sync.domain import (
    Cancelled,
    DomainConfigError,
    Hold,
    HoldPolicy,
    HoldReason,
    Mapped,
    NaiveDatetimeError,
    OmsApprovalStatus,
    OmsPaymentStatus,
    PaymentKind,
    PaymentMethod,
    PaymentTable,
    Release,
    ReleaseReason,
    UnmappedPaymentPolicy,
    decide_hold,
    map_payment,
    resolve_payment,
)
from tiktokshop_sync.domain.business_days import jst_stamp

JST = timezone(timedelta(hours=9))
PAID = datetime(2025, 7, 1, 20, 15, tzinfo=JST)  # paid at 20:15 on a summer evening in Tokyo
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize("status", ["UNPAID", "unpaid", " UNPAID "])
def test_an_unpaid_order_is_held_awaiting_payment_with_no_end(status: str) -> None:
    decision = decide_hold(status=status, now=PAID, paid_time=None)
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.AWAITING_PAYMENT
    assert decision.until is None


def test_an_unpaid_konbini_order_is_held_not_cancelled_and_says_so() -> None:
    decision = decide_hold(status="UNPAID", now=PAID, payment=map_payment("コンビニ"))
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.AWAITING_PAYMENT
    assert "コンビニ決済" in decision.message
    assert "held, not cancelled" in decision.message


def test_an_unpaid_card_order_does_not_mention_the_store() -> None:
    decision = decide_hold(status="UNPAID", now=PAID, payment=map_payment("Credit/debit card"))
    assert isinstance(decision, Hold)
    assert "コンビニ" not in decision.message


@pytest.mark.parametrize(
    ("extra_hours", "now", "until"),
    [
        (0, PAID + 5 * MINUTE, PAID + HOUR),
        (0, PAID + 59 * MINUTE, PAID + HOUR),
        (3, PAID + 5 * MINUTE, PAID + 4 * HOUR),
        (6, PAID + 30 * MINUTE, PAID + 7 * HOUR),
        (0.5, PAID, PAID + 90 * MINUTE),
    ],
)
def test_an_on_hold_order_is_held_until_the_window_and_extra_hold_end(
    extra_hours: float, now: datetime, until: datetime
) -> None:
    decision = decide_hold(
        status="ON_HOLD", now=now, paid_time=PAID, policy=HoldPolicy(extra_hours=extra_hours)
    )
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.REMORSE_WINDOW
    assert decision.until == until


@pytest.mark.parametrize(("status", "flagged"), [("ON_HOLD", None), ("AWAITING_SHIPMENT", True)])
def test_a_hold_message_names_its_end_once_when_there_is_no_extra_hold(
    status: str, flagged: bool | None
) -> None:
    decision = decide_hold(
        status=status, now=PAID + 5 * MINUTE, paid_time=PAID, is_on_hold_order=flagged
    )
    assert isinstance(decision, Hold) and decision.until == PAID + HOUR
    assert decision.message.count(jst_stamp(PAID + HOUR)) == 1


def test_a_hold_message_names_the_window_end_and_the_extra_hold_end_apart() -> None:
    policy = HoldPolicy(extra_hours=3)
    decision = decide_hold(status="ON_HOLD", now=PAID, paid_time=PAID, policy=policy)
    assert isinstance(decision, Hold)
    assert jst_stamp(PAID + HOUR) in decision.message
    assert f"held 3 h more (the seller's extra hold), until {jst_stamp(PAID + 4 * HOUR)}" in (
        decision.message
    )


def test_a_hold_message_gives_its_times_in_jst_whatever_zone_the_times_came_in() -> None:
    paid = datetime(2025, 6, 2, 1, 16, tzinfo=timezone.utc)  # 10:16 in Japan
    decision = decide_hold(status="ON_HOLD", now=paid, paid_time=paid)
    assert isinstance(decision, Hold)
    assert "until 2025-06-02 11:16 JST; held until then" in decision.message
    assert "+00:00" not in decision.message


def test_an_on_hold_order_without_paid_time_is_held_with_no_known_end() -> None:
    decision = decide_hold(status="ON_HOLD", now=PAID, paid_time=None)
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.REMORSE_WINDOW
    assert decision.until is None


def test_a_stale_on_hold_order_stays_held_but_gives_no_past_recheck_time() -> None:
    decision = decide_hold(status="ON_HOLD", now=PAID + 2 * HOUR, paid_time=PAID)
    assert isinstance(decision, Hold)
    assert decision.until is None
    assert "re-fetch" in decision.message


@pytest.mark.parametrize("now", [PAID + HOUR, PAID + 3 * HOUR, PAID + 30 * 24 * HOUR])
def test_awaiting_shipment_without_extra_hold_is_released(now: datetime) -> None:
    decision = decide_hold(status="AWAITING_SHIPMENT", now=now, paid_time=PAID)
    assert isinstance(decision, Release)
    assert decision.reason is ReleaseReason.PAID_AND_WINDOW_PASSED


def test_awaiting_shipment_without_paid_time_or_extra_hold_is_released() -> None:
    decision = decide_hold(status="AWAITING_SHIPMENT", now=PAID, paid_time=None)
    assert isinstance(decision, Release)


@pytest.mark.parametrize(
    ("now", "reason"),
    [
        (PAID + 30 * MINUTE, HoldReason.REMORSE_WINDOW),
        (PAID + 61 * MINUTE, HoldReason.EXTRA_HOLD),
        (PAID + 3 * HOUR + 59 * MINUTE, HoldReason.EXTRA_HOLD),
    ],
)
def test_awaiting_shipment_inside_the_extra_hold_is_held_until_it_ends(
    now: datetime, reason: HoldReason
) -> None:
    decision = decide_hold(
        status="AWAITING_SHIPMENT", now=now, paid_time=PAID, policy=HoldPolicy(extra_hours=3)
    )
    assert isinstance(decision, Hold)
    assert decision.reason is reason
    assert decision.until == PAID + 4 * HOUR


@pytest.mark.parametrize("now", [PAID + 4 * HOUR, PAID + 4 * HOUR + MINUTE])
def test_awaiting_shipment_is_released_once_the_extra_hold_has_passed(now: datetime) -> None:
    decision = decide_hold(
        status="AWAITING_SHIPMENT", now=now, paid_time=PAID, policy=HoldPolicy(extra_hours=3)
    )
    assert isinstance(decision, Release)


def test_an_extra_hold_without_paid_time_holds_and_asks_for_paid_time() -> None:
    decision = decide_hold(
        status="AWAITING_SHIPMENT", now=PAID, paid_time=None, policy=HoldPolicy(extra_hours=3)
    )
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.EXTRA_HOLD
    assert "pass paid_time" in decision.message


def test_the_on_hold_flag_holds_an_awaiting_shipment_order_inside_the_window() -> None:
    decision = decide_hold(
        status="AWAITING_SHIPMENT", now=PAID + 10 * MINUTE, paid_time=PAID, is_on_hold_order=True
    )
    assert isinstance(decision, Hold)
    assert decision.until == PAID + HOUR


def test_the_on_hold_flag_does_not_hold_once_the_window_has_passed() -> None:
    decision = decide_hold(
        status="AWAITING_SHIPMENT", now=PAID + 2 * HOUR, paid_time=PAID, is_on_hold_order=True
    )
    assert isinstance(decision, Release)


@pytest.mark.parametrize(
    "status", ["PARTIALLY_SHIPPING", "AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"]
)
def test_orders_already_shipping_are_released(status: str) -> None:
    decision = decide_hold(
        status=status, now=PAID + 5 * MINUTE, paid_time=PAID, policy=HoldPolicy(extra_hours=6)
    )
    assert isinstance(decision, Release)
    assert decision.reason is ReleaseReason.FULFILMENT_STARTED


@pytest.mark.parametrize("status", ["CANCELLED", "CANCEL", "cancel", "Cancelled "])
def test_a_cancelled_order_is_reported_cancelled_in_either_spelling(status: str) -> None:
    decision = decide_hold(status=status, now=PAID + 5 * HOUR, paid_time=PAID)
    assert decision == Cancelled(
        status="CANCELLED",
        message="TikTok cancelled the order (CANCELLED/CANCEL); cancel it in the OMS, "
        "never ship it",
    )


def test_a_cancelled_konbini_order_is_cancelled_not_held() -> None:
    decision = decide_hold(status="CANCEL", now=PAID, payment=map_payment("コンビニ"))
    assert isinstance(decision, Cancelled)


def test_an_unknown_status_is_held_rather_than_released() -> None:
    decision = decide_hold(status="TO_SHIP", now=PAID + 5 * HOUR, paid_time=PAID)
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.UNKNOWN_STATUS
    assert "'TO_SHIP'" in decision.message


def test_a_str_enum_status_from_a_translation_layer_is_understood() -> None:
    class WireStatus(str, enum.Enum):
        CANCEL = "CANCEL"
        AWAITING_SHIPMENT = "AWAITING_SHIPMENT"

    assert isinstance(decide_hold(status=WireStatus.CANCEL, now=PAID), Cancelled)
    released = decide_hold(status=WireStatus.AWAITING_SHIPMENT, now=PAID + HOUR, paid_time=PAID)
    assert isinstance(released, Release)


@pytest.mark.parametrize("status", ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "IN_TRANSIT"])
def test_an_unknown_payment_label_under_review_holds_the_order(status: str) -> None:
    decision = decide_hold(
        status=status, now=PAID + 5 * HOUR, paid_time=PAID, payment=resolve_payment("d払い")
    )
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.PAYMENT_REVIEW
    assert "'d払い'" in decision.message


def test_an_unmapped_payment_passed_straight_from_the_table_holds_for_review() -> None:
    decision = decide_hold(
        status="AWAITING_SHIPMENT", now=PAID + HOUR, payment=map_payment("d払い")
    )
    assert isinstance(decision, Hold)
    assert decision.reason is HoldReason.PAYMENT_REVIEW


def test_a_fallback_payment_does_not_hold_a_released_order() -> None:
    other = PaymentMethod(kind=PaymentKind.OTHER, code="その他")
    payment = resolve_payment("d払い", policy=UnmappedPaymentPolicy.use_fallback(other))
    decision = decide_hold(status="AWAITING_SHIPMENT", now=PAID + HOUR, payment=payment)
    assert isinstance(decision, Release)


def test_a_mapped_payment_does_not_hold_a_released_order() -> None:
    payment = resolve_payment("PayPay")
    assert isinstance(payment, Mapped)
    decision = decide_hold(status="AWAITING_SHIPMENT", now=PAID + HOUR, payment=payment)
    assert isinstance(decision, Release)


def test_the_window_is_measured_across_time_zones() -> None:
    paid_utc = PAID.astimezone(timezone.utc)
    decision = decide_hold(status="ON_HOLD", now=PAID + 10 * MINUTE, paid_time=paid_utc)
    assert isinstance(decision, Hold)
    assert decision.until == PAID + HOUR


def test_a_naive_now_is_refused_with_a_clear_error() -> None:
    with pytest.raises(NaiveDatetimeError, match="now must be timezone-aware"):
        decide_hold(status="UNPAID", now=datetime(2025, 7, 1, 20, 15))


def test_a_naive_paid_time_is_refused_with_a_clear_error() -> None:
    with pytest.raises(NaiveDatetimeError, match="paid_time must be timezone-aware"):
        decide_hold(status="ON_HOLD", now=PAID, paid_time=datetime(2025, 7, 1, 20, 15))


def test_a_unix_timestamp_is_refused_as_paid_time() -> None:
    with pytest.raises(TypeError, match="paid_time must be a datetime"):
        decide_hold(status="ON_HOLD", now=PAID, paid_time=1751368500)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"extra_hours": -1}, "extra_hours must be between 0 and 72"),
        ({"extra_hours": 73}, "extra_hours must be between 0 and 72"),
        ({"extra_hours": float("nan")}, "extra_hours must be a number"),
        ({"extra_hours": True}, "extra_hours must be a number"),
        ({"extra_hours": "3"}, "extra_hours must be a number"),
        ({"remorse_window": timedelta(hours=-1)}, "remorse_window must be between 0 and 24 hours"),
        ({"remorse_window": 3600}, "remorse_window must be a timedelta"),
    ],
)
def test_an_invalid_hold_policy_names_the_setting(kwargs: dict[str, object], says: str) -> None:
    with pytest.raises(DomainConfigError, match=says):
        HoldPolicy(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        (decide_hold(status="UNPAID", now=PAID), OmsPaymentStatus.UNPAID),
        (decide_hold(status="ON_HOLD", now=PAID, paid_time=PAID), OmsPaymentStatus.UNPAID),
        (decide_hold(status="CANCEL", now=PAID), OmsPaymentStatus.UNPAID),
        (decide_hold(status="AWAITING_SHIPMENT", now=PAID), OmsPaymentStatus.PAID),
    ],
)
def test_decisions_give_the_oms_payment_status_to_record(
    decision: Hold | Release | Cancelled, status: OmsPaymentStatus
) -> None:
    assert decision.oms_payment_status is status


def test_oms_constants_carry_next_engines_numbers_and_labels() -> None:
    assert (OmsPaymentStatus.UNPAID.value, OmsPaymentStatus.UNPAID.label_ja) == (0, "0:未入金")
    assert (OmsPaymentStatus.PAID.value, OmsPaymentStatus.PAID.label_ja) == (2, "2:入金済み")
    assert OmsApprovalStatus.NOT_NEEDED.label_ja == "0:必要なし"


def test_konbini_is_recognised_under_a_host_code_too() -> None:
    table = PaymentTable.default(codes={PaymentKind.CONVENIENCE_STORE: "3"})
    decision = decide_hold(status="UNPAID", now=PAID, payment=map_payment("ConvenientStore", table))
    assert isinstance(decision, Hold)
    assert "held, not cancelled" in decision.message
