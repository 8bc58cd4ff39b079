"""The deadline report: overdue and due-soon orders by shop, most urgent first, no personal data."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from tiktokshop_sync.domain import (
    JST,
    DeadlinePolicy,
    DeadlineReport,
    DispatchDeadline,
    DispatchDeadlineDecision,
    DispatchFacts,
    DomainConfigError,
    InMemoryHolidayCalendar,
    NaiveDatetimeError,
    deadline_report,
    dispatch_deadline,
)

NOW = datetime(2025, 7, 1, 9, 0, tzinfo=JST)


def order(shop: str, order_id: str, *, due_in_hours: float, **extra: object) -> DispatchDeadline:
    decision = dispatch_deadline(
        DispatchFacts(
            shop=shop,
            order_id=order_id,
            status="AWAITING_SHIPMENT",
            rts_sla_time=NOW + timedelta(hours=due_in_hours),
            **extra,  # type: ignore[arg-type]
        )
    )
    assert isinstance(decision, DispatchDeadline)
    return decision


def estimated(shop: str, order_id: str, *, paid: datetime) -> DispatchDeadline:
    decision = dispatch_deadline(
        DispatchFacts(shop=shop, order_id=order_id, status="AWAITING_SHIPMENT", paid_time=paid)
    )
    assert isinstance(decision, DispatchDeadline)
    return decision


def unpaid(shop: str, order_id: str) -> DispatchDeadlineDecision:
    return dispatch_deadline(DispatchFacts(shop=shop, order_id=order_id, status="UNPAID"))


def ids(deadlines: tuple[DispatchDeadline, ...]) -> list[str]:
    return [d.order_id for d in deadlines]


def test_orders_are_split_into_overdue_due_soon_later_and_without_deadline() -> None:
    report = deadline_report(
        [
            order("a", "1", due_in_hours=-2),
            order("a", "2", due_in_hours=3),
            order("a", "3", due_in_hours=30),
            unpaid("a", "4"),
        ],
        now=NOW,
    )
    assert ids(report.overdue) == ["1"]
    assert ids(report.due_soon) == ["2"]
    assert (report.later, report.without_deadline) == (1, 1)
    assert report.needs_attention


def test_the_window_is_configurable() -> None:
    report = deadline_report(
        [order("a", "3", due_in_hours=30)], now=NOW, within=timedelta(hours=48)
    )
    assert ids(report.due_soon) == ["3"]


def test_a_deadline_exactly_now_is_due_not_overdue() -> None:
    report = deadline_report([order("a", "1", due_in_hours=0)], now=NOW)
    assert ids(report.due_soon) == ["1"] and report.overdue == ()


def test_a_deadline_exactly_at_the_window_end_is_due_soon() -> None:
    report = deadline_report([order("a", "1", due_in_hours=24)], now=NOW)
    assert ids(report.due_soon) == ["1"]


def test_within_each_shop_the_most_overdue_comes_first_then_the_soonest_due() -> None:
    report = deadline_report(
        [
            order("a", "soon-late", due_in_hours=20),
            order("a", "overdue-1h", due_in_hours=-1),
            order("a", "soon-early", due_in_hours=1),
            order("a", "overdue-5h", due_in_hours=-5),
        ],
        now=NOW,
    )
    (group,) = report.shops
    assert ids(group.deadlines) == ["overdue-5h", "overdue-1h", "soon-early", "soon-late"]


def test_shops_are_grouped_and_the_shop_with_the_most_urgent_order_comes_first() -> None:
    report = deadline_report(
        [
            order("shop-b", "b1", due_in_hours=2),
            order("shop-a", "a1", due_in_hours=5),
            order("shop-c", "c1", due_in_hours=-1),
            order("shop-a", "a2", due_in_hours=6),
        ],
        now=NOW,
    )
    assert [g.shop for g in report.shops] == ["shop-c", "shop-b", "shop-a"]
    assert ids(report.shops[2].due_soon) == ["a1", "a2"]


def test_two_shops_with_the_same_order_id_are_two_orders() -> None:
    report = deadline_report(
        [order("shop-a", "100", due_in_hours=1), order("shop-b", "100", due_in_hours=2)], now=NOW
    )
    assert [(d.shop, d.order_id) for d in report.due_soon] == [("shop-a", "100"), ("shop-b", "100")]


def test_a_repeated_order_keeps_the_last_version_given() -> None:
    report = deadline_report(
        [order("a", "1", due_in_hours=-3), order("a", "1", due_in_hours=3)], now=NOW
    )
    assert report.overdue == ()
    assert ids(report.due_soon) == ["1"]


def test_a_report_with_nothing_urgent_needs_no_attention() -> None:
    report = deadline_report([order("a", "1", due_in_hours=48), unpaid("a", "2")], now=NOW)
    assert report.shops == () and not report.needs_attention
    assert "期限切れの注文も期限が近い注文もありません" in report.describe()
    assert "No order is overdue or due soon" in report.describe("en")


def test_the_japanese_description_lists_each_order_with_its_source() -> None:
    text = deadline_report(
        [
            order("shop-a", "576461413038785752", due_in_hours=-2.5),
            estimated("shop-a", "576461413038785753", paid=datetime(2025, 6, 26, 10, tzinfo=JST)),
        ],
        now=NOW,
    ).describe()
    lines = text.splitlines()
    assert lines[0] == "出荷期限レポート（2025-07-01 09:00 JST 時点、期限切れと24時間以内）"
    assert lines[1] == "ショップ shop-a: 期限切れ 1件、期限間近 1件"
    assert lines[2] == (
        "  [2時間30分超過] 注文 576461413038785752 出荷期限 2025-07-01 06:30 JST"
        "（TikTok指定: rts_sla_time）"
    )
    assert lines[3] == (
        "  [残り14時間59分] 注文 576461413038785753 出荷期限 2025-07-01 23:59 JST"
        "（推定: paid_time から営業日で計算）"
    )
    assert lines[4] == "このほか期限まで余裕のある注文 0件、期限のない注文 0件"


def test_the_english_description_says_the_same() -> None:
    text = deadline_report(
        [order("shop-a", "1", due_in_hours=-26), unpaid("shop-a", "2")], now=NOW
    ).describe("en")
    assert text.splitlines() == [
        "Dispatch deadlines at 2025-07-01 09:00 JST: overdue, and due within 24 h",
        "shop shop-a: 1 overdue, 0 due soon",
        "  [overdue by 1 d 2 h] order 1 ship by 2025-06-30 07:00 JST "
        "(given by TikTok: rts_sla_time)",
        "Also 0 order(s) due later and 1 with no deadline",
    ]


def test_a_collection_deadline_is_labelled_as_such() -> None:
    collected = dispatch_deadline(
        DispatchFacts(
            shop="a",
            order_id="1",
            status="AWAITING_COLLECTION",
            tts_sla_time=NOW + timedelta(hours=1),
        )
    )
    report = deadline_report([collected], now=NOW)
    assert "集荷期限" in report.describe()
    assert "collected by" in report.describe("en")


def test_the_report_is_in_jst_whatever_zone_now_is_given_in() -> None:
    report = deadline_report([], now=NOW.astimezone(timezone.utc))
    assert report.as_of.utcoffset() == timedelta(hours=9)
    assert "2025-07-01 09:00 JST" in report.describe()


def test_deadline_values_hold_no_personal_field_so_the_report_cannot_show_one() -> None:
    personal = {"name", "name_kana", "phone", "email", "address", "recipient", "buyer_message"}
    for value in (DispatchFacts, DispatchDeadline):
        assert not personal & {field.name for field in attrs.fields(value)}


def test_an_unknown_language_is_refused() -> None:
    report = deadline_report([], now=NOW)
    with pytest.raises(DomainConfigError, match="'ja' or 'en'"):
        report.describe("fr")  # type: ignore[arg-type]


@pytest.mark.parametrize("within", [timedelta(0), timedelta(hours=-1), timedelta(days=32)])
def test_a_bad_window_is_refused_with_the_fix(within: timedelta) -> None:
    with pytest.raises(DomainConfigError, match="within"):
        deadline_report([], now=NOW, within=within)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError):
        deadline_report([], now=datetime(2025, 7, 1, 9, 0))


def test_facts_are_decided_with_the_policy_and_calendar_given() -> None:
    paid = datetime(2025, 5, 2, 10, 0, tzinfo=JST)  # the Friday before Golden Week
    facts = DispatchFacts(shop="a", order_id="1", status="AWAITING_SHIPMENT", paid_time=paid)
    golden_week = InMemoryHolidayCalendar(days=[date(2025, 5, d) for d in (3, 4, 5, 6)])
    at = datetime(2025, 5, 9, 12, 0, tzinfo=JST)
    with_holidays = deadline_report([facts], now=at, holidays=golden_week)
    weekends_only = deadline_report([facts], now=at)
    one_day = deadline_report([facts], now=at, policy=DeadlinePolicy(business_days=1))
    assert with_holidays.due_soon[0].due.date() == date(2025, 5, 9)
    assert weekends_only.overdue[0].due.date() == date(2025, 5, 7)
    assert one_day.overdue[0].due.date() == date(2025, 5, 5)


def test_only_facts_and_deadline_decisions_are_taken() -> None:
    with pytest.raises(TypeError, match="DispatchFacts or dispatch_deadline"):
        deadline_report([object()], now=NOW)  # type: ignore[list-item]


def test_the_report_is_a_value() -> None:
    first = deadline_report([order("a", "1", due_in_hours=1)], now=NOW)
    assert isinstance(first, DeadlineReport)
    assert first == deadline_report([order("a", "1", due_in_hours=1)], now=NOW)
