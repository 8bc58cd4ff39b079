"""A month of FakeShop orders imported, settled and paid out, then reconciled (入金消込): the
report finds the refunds, the chargeback, the held order and the short payout, and nothing else.

The OMS side is the order import into InMemoryOms (its recorded revenue is the imported order's
prices less the seller's discounts); the TikTok side is SettlementImport into the same OMS.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

from tiktokshop_sync.domain import (
    SETTLEMENT_PART_COLUMNS,
    OrderCategory,
    PayoutIssue,
    ReconciliationReport,
    ReportPeriod,
    reconcile,
)
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import finance_translate

from .settling import settling


@attrs.frozen
class Month:
    report: ReconciliationReport
    oms: InMemoryOms
    fake: FakeShop
    refunded_before: str
    refunded_after: str
    charged_back: str
    held: str


@pytest.fixture(scope="module")
def month() -> Month:
    world = settling(23)
    fake, oms, shop, settlements = world.fake, world.oms, world.shop, world.settlements
    delivered: list[Any] = []
    for week in range(4):
        delivered += fake.create_orders(8, status="DELIVERED", created_within=timedelta(days=3))
        if week == 0:
            fake.inject_finance_fault("hold", order_id=delivered[3].id, reason="order under review")
            refund = fake.request_return(delivered[0].id, return_type="REFUND").return_id
            fake.set_return_status(refund, "RETURN_OR_REFUND_REQUEST_SUCCESS")
        if week == 2:  # delivered[1] was settled in week 1: its refund is a clawback
            refund = fake.request_return(delivered[1].id, return_type="REFUND").return_id
            fake.set_return_status(refund, "RETURN_OR_REFUND_REQUEST_SUCCESS")
            fake.add_adjustment("CHARGE_BACK", -1200, order_id=delivered[2].id)
            fake.add_adjustment("GMV_PAYMENT_FOR_ADS", -3000)
            fake.inject_finance_fault("short_payout", amount=800)
        world.week()
    fake.clock.advance(days=10)
    world.orders.run()
    settlements.run()
    facts = oms.settlement_facts(
        settlements.shop_key,
        unsettled=finance_translate.unsettled_orders(shop.finance.unsettled()),
        deposits=oms.deposits_as_paid(settlements.shop_key),
    )
    report = reconcile(
        facts,
        period=ReportPeriod(first_day=date(2025, 6, 1), last_day=date(2025, 7, 15)),
        as_of=fake.clock.now(),
    )
    world.client.close()
    return Month(
        report=report,
        oms=oms,
        fake=fake,
        refunded_before=delivered[0].id,
        refunded_after=delivered[1].id,
        charged_back=delivered[2].id,
        held=delivered[3].id,
    )


def _ids(month: Month, category: OrderCategory) -> set[str]:
    return {o.order_id for o in month.report.in_category(category)}


def test_every_order_imported_is_in_exactly_one_category(month: Month) -> None:
    categories = [_ids(month, c) for c in OrderCategory]
    every = set().union(*categories)
    assert sum(len(c) for c in categories) == len(every)
    assert every == {order_id for _, order_id in month.oms.orders}


def test_orders_settled_as_the_oms_recorded_them_match(month: Month) -> None:
    matching = _ids(month, OrderCategory.SETTLED_MATCHING)
    odd = {month.refunded_before, month.refunded_after, month.charged_back, month.held}
    assert matching == {order_id for _, order_id in month.oms.orders} - odd


def test_a_refund_after_settlement_and_a_chargeback_are_refunded_after_settlement(
    month: Month,
) -> None:
    assert _ids(month, OrderCategory.REFUNDED_AFTER_SETTLEMENT) == {
        month.refunded_after,
        month.charged_back,
    }


def test_a_refund_before_settlement_the_oms_never_booked_is_a_difference(month: Month) -> None:
    [outcome] = month.report.in_category(OrderCategory.SETTLED_WITH_DIFFERENCE)
    assert outcome.order_id == month.refunded_before
    assert "refund_subtotal_before_discount_amount" in outcome.describe("en")


def test_the_held_order_is_overdue_with_tiktoks_reason(month: Month) -> None:
    [outcome] = month.report.in_category(OrderCategory.OVERDUE_UNSETTLED)
    assert outcome.order_id == month.held
    assert "order under review" in outcome.describe("en")
    assert "order under review" in outcome.describe("ja")


def test_only_the_short_payout_fails_its_check_and_by_the_amount_withheld(month: Month) -> None:
    failing = [p for p in month.report.payouts if not p.ok]
    [short] = failing
    assert [f.issue for f in short.findings] == [PayoutIssue.STATEMENTS_DIFFER]
    assert short.payout.settlement == sum(
        (
            s.settlement
            for s in month.oms.statements.values()
            if s.payment_id == short.payout.payment_id
        ),
        Decimal(0),
    ) - Decimal(800)
    assert "its settlement minus its statements' total is -800 JPY" in short.describe("en")
    assert len(month.report.payouts) >= 4


def test_every_statement_adds_up_and_the_shop_lines_hold_the_ads_paid_from_sales(
    month: Month,
) -> None:
    assert all(check.ok for check in month.report.statements)
    assert [line.line.type for line in month.report.shop_lines] == ["GMV_PAYMENT_FOR_ADS"]


def test_the_rows_add_up_to_the_statements_exactly_in_decimal(month: Month) -> None:
    rows = month.report.to_rows("ja")
    settled = [r for r in rows if r["statement_id"] is not None]
    assert all(isinstance(r["settlement"], Decimal) for r in settled)
    for row in settled:
        assert sum((row[c] for c in SETTLEMENT_PART_COLUMNS), Decimal(0)) == row["settlement"]
    total = sum((r["settlement"] for r in settled), Decimal(0))
    assert total == sum((s.settlement for s in month.oms.statements.values()), Decimal(0))


def test_the_report_describes_the_month_in_japanese(month: Month) -> None:
    text = month.report.describe("ja")
    assert text.startswith("入金消込レポート")
    assert month.held in text and "-800" in text
