"""SettlementReconciliation: TikTok's unsettled orders read live, the host's books through the
SettlementBooks port, the pure report out (sync and async), on three weeks of FakeShop data with
a held order, a short payout and a bank deposit that never arrived."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import attrs
import pytest

from tiktokshop_sync import ConfigurationError, InMemoryTokenStore, ShopClient
from tiktokshop_sync.domain import (
    JST,
    BankDeposit,
    OrderCategory,
    OverdueUnsettled,
    Payout,
    PayoutIssue,
    ReconciliationPolicy,
    RecordedOrder,
    ReportPeriod,
    SettlementStatement,
    reconcile,
)
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    AsyncSettlementReconciliation,
    SettlementBooks,
    SettlementReconciliation,
    finance_translate,
)

from .settling import settling

PERIOD = ReportPeriod(first_day=date(2025, 6, 1), last_day=date(2025, 6, 30))


@attrs.frozen
class Weeks:
    fake: FakeShop
    oms: InMemoryOms
    shop: ShopClient
    shop_key: str
    held: str
    missing_deposit: str
    late: str


@pytest.fixture(scope="module")
def weeks() -> Iterator[Weeks]:
    world = settling(41)
    fake, oms, shop = world.fake, world.oms, world.shop
    with world.client:
        delivered: list[Any] = []
        for week in range(3):
            delivered += fake.create_orders(6, status="DELIVERED", created_within=timedelta(days=3))
            if week == 0:
                fake.inject_finance_fault("hold", order_id=delivered[2].id, reason="under review")
            if week == 1:
                fake.inject_finance_fault("short_payout", amount=500)
            world.week()
        fake.clock.advance(days=10)
        world.settlements.run()
        shop_key = world.settlements.shop_key
        # The bank feed: every paid payout arrived in full except the first one.
        paid = oms.deposits_as_paid(shop_key)
        oms.set_deposits(shop_key, paid[1:])
        # Created and delivered in July, not settled yet: July's open item, not June's.
        fake.clock.advance(days=5)
        [late] = fake.create_orders(1, status="DELIVERED", created_within=timedelta(hours=1))
        assert late.create_time > datetime(2025, 7, 1, tzinfo=JST)
        yield Weeks(
            fake=fake,
            oms=oms,
            shop=shop,
            shop_key=shop_key,
            held=delivered[2].id,
            missing_deposit=paid[0].payment_id,
            late=late.id,
        )


def test_the_in_memory_oms_implements_the_books_port() -> None:
    assert isinstance(InMemoryOms(), SettlementBooks)


def test_the_held_order_is_overdue_with_tiktoks_unsettled_reason(weeks: Weeks) -> None:
    report = SettlementReconciliation(shop=weeks.shop, books=weeks.oms).report(PERIOD)
    [overdue] = report.in_category(OrderCategory.OVERDUE_UNSETTLED)
    assert isinstance(overdue, OverdueUnsettled)
    assert overdue.order_id == weeks.held
    assert overdue.reason == "under review"
    assert "TikTokの理由: under review" in report.describe("ja")


def test_the_short_payout_and_the_missing_deposit_are_found(weeks: Weeks) -> None:
    report = SettlementReconciliation(shop=weeks.shop, books=weeks.oms).report(PERIOD)
    issues = {
        check.payout.payment_id: [f.issue for f in check.findings]
        for check in report.payouts
        if not check.ok
    }
    assert issues.pop(weeks.missing_deposit) == [PayoutIssue.DEPOSIT_MISSING]
    [short] = issues.values()
    assert short == [PayoutIssue.STATEMENTS_DIFFER]


def test_the_report_is_reconcile_of_the_books_with_tiktoks_unsettled_orders(
    weeks: Weeks,
) -> None:
    as_of = weeks.fake.clock.now()
    july = datetime(2025, 7, 1, tzinfo=JST)
    facts = weeks.oms.settlement_facts(
        weeks.shop_key,
        unsettled=finance_translate.unsettled_orders(
            weeks.shop.finance.unsettled(search_time_lt=july)
        ),
        deposits=weeks.oms.bank_deposits(weeks.shop_key),
    )
    job = SettlementReconciliation(shop=weeks.shop, books=weeks.oms)
    assert job.report(PERIOD, as_of=as_of) == reconcile(facts, period=PERIOD, as_of=as_of)


def test_as_of_defaults_to_the_shop_clock_and_the_policy_judges_overdue(weeks: Weeks) -> None:
    lenient = ReconciliationPolicy(overdue_after=timedelta(days=60))
    report = SettlementReconciliation(shop=weeks.shop, books=weeks.oms, policy=lenient).report(
        PERIOD
    )
    assert report.as_of == weeks.fake.clock.now()
    assert report.in_category(OrderCategory.OVERDUE_UNSETTLED) == ()
    [waiting] = report.in_category(OrderCategory.AWAITING_SETTLEMENT)
    assert waiting.order_id == weeks.held


def test_an_order_created_after_the_period_is_left_to_the_next_one(weeks: Weeks) -> None:
    job = SettlementReconciliation(shop=weeks.shop, books=weeks.oms)
    june = {o.order_id for o in job.report(PERIOD).orders}
    july = job.report(ReportPeriod(first_day=date(2025, 7, 1), last_day=date(2025, 7, 31)))
    assert weeks.late not in june
    [waiting] = july.in_category(OrderCategory.AWAITING_SETTLEMENT)
    assert waiting.order_id == weeks.late and waiting.delivered_at is not None


def test_the_unsettled_read_ends_with_the_period_in_japan_time(weeks: Weeks) -> None:
    weeks.fake.clear_requests()
    SettlementReconciliation(shop=weeks.shop, books=weeks.oms).report(PERIOD)
    [read] = [r for r in weeks.fake.requests if r.path.endswith("/orders/unsettled")]
    assert read.query["search_time_lt"] == str(int(datetime(2025, 7, 1, tzinfo=JST).timestamp()))
    assert "search_time_ge" not in read.query


def test_a_period_before_tiktok_lists_unsettled_orders_asks_tiktok_nothing(weeks: Weeks) -> None:
    weeks.fake.clear_requests()
    december = ReportPeriod(first_day=date(2024, 12, 1), last_day=date(2024, 12, 31))
    report = SettlementReconciliation(shop=weeks.shop, books=weeks.oms).report(december)
    assert weeks.fake.requests == []
    assert all(o.unsettled is None for o in report.in_category(OrderCategory.AWAITING_SETTLEMENT))


@attrs.define
class AsyncBooks:
    """The in-memory books behind async methods, recording the periods asked for."""

    oms: InMemoryOms
    periods: list[ReportPeriod] = attrs.Factory(list)

    async def settled_statements(
        self, shop: str, period: ReportPeriod
    ) -> list[SettlementStatement]:
        self.periods.append(period)
        return self.oms.settled_statements(shop, period)

    async def settled_payouts(self, shop: str, period: ReportPeriod) -> list[Payout]:
        return self.oms.settled_payouts(shop, period)

    async def recorded_orders(self, shop: str, period: ReportPeriod) -> list[RecordedOrder]:
        return self.oms.recorded_orders(shop, period)

    async def bank_deposits(self, shop: str, period: ReportPeriod) -> list[BankDeposit]:
        return self.oms.bank_deposits(shop, period)


async def test_the_async_report_awaits_async_books_and_equals_the_sync_one(weeks: Weeks) -> None:
    as_of = weeks.fake.clock.now()
    expected = SettlementReconciliation(shop=weeks.shop, books=weeks.oms).report(
        PERIOD, as_of=as_of
    )
    books = AsyncBooks(weeks.oms)
    async with weeks.fake.async_client(
        token_store=InMemoryTokenStore(), strict_models=True
    ) as client:
        grant = (await client.oauth.exchange_code(weeks.fake.authorize())).open_id
        shop = client.shop(weeks.fake.shops[0].cipher, grant=grant)
        job = AsyncSettlementReconciliation(shop=shop, books=books, shop_key=weeks.shop_key)
        report = await job.report(PERIOD, as_of=as_of)
    assert report == expected
    assert books.periods == [PERIOD]


def test_books_without_the_port_methods_are_refused_naming_them(weeks: Weeks) -> None:
    with pytest.raises(ConfigurationError, match="settled_statements"):
        SettlementReconciliation(shop=weeks.shop, books=object())  # type: ignore[arg-type]


def test_a_naive_as_of_is_refused(weeks: Weeks) -> None:
    job = SettlementReconciliation(shop=weeks.shop, books=weeks.oms)
    with pytest.raises(ConfigurationError, match="timezone-aware"):
        job.report(PERIOD, as_of=datetime(2025, 7, 1))


def test_a_period_that_is_not_a_report_period_is_refused(weeks: Weeks) -> None:
    job = SettlementReconciliation(shop=weeks.shop, books=weeks.oms)
    with pytest.raises(ConfigurationError, match="ReportPeriod"):
        job.report((date(2025, 6, 1), date(2025, 6, 30)))  # type: ignore[arg-type]
