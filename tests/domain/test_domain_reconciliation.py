"""The reconciliation report: each order's category and why, statements and payouts checked."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from settlement_samples import adjustment_line, component, refund_line, sale_line
from tiktokshop_sync.domain import (
    PAYOUT_COLUMNS,
    ROW_COLUMNS,
    SETTLEMENT_PART_COLUMNS,
    AwaitingSettlement,
    BankDeposit,
    ComponentKind,
    DomainConfigError,
    LineKind,
    Measure,
    NaiveDatetimeError,
    OrderCategory,
    OverdueUnsettled,
    PartlySettled,
    Payout,
    PayoutIssue,
    ReconciliationPolicy,
    ReconciliationReport,
    RecordedOrder,
    RefundedAfterSettlement,
    ReportPeriod,
    SettledMatching,
    SettledNotRecorded,
    SettledWithDifference,
    SettlementFacts,
    SettlementLine,
    SettlementStatement,
    UnsettledOrder,
    reconcile,
)

D = Decimal
K = ComponentKind
PERIOD = ReportPeriod(first_day=date(2025, 9, 1), last_day=date(2025, 9, 30))
AS_OF = datetime(2025, 10, 1, tzinfo=timezone.utc)
# 15:00 UTC is midnight in Japan: the statement is dated the 10th in JST, the 9th in UTC.
STATEMENT_TIME = datetime(2025, 9, 9, 15, tzinfo=timezone.utc)
ZERO = Decimal(0)


def _statement(
    *lines: SettlementLine,
    statement_id: str = "S1",
    payment_id: str = "P1",
    currency: str = "JPY",
    settlement: Decimal | None = None,
    reserve: Decimal = ZERO,
    at: datetime = STATEMENT_TIME,
) -> SettlementStatement:
    return SettlementStatement(
        statement_id=statement_id,
        statement_time=at,
        currency=currency,
        settlement=sum((line.settlement for line in lines), D(0))
        if settlement is None
        else settlement,
        reserve=reserve,
        payment_id=payment_id,
        payment_status="PAID",
        lines=lines,
    )


def _recorded(order_id: str = "A", revenue: int = 3000, **more: object) -> RecordedOrder:
    return RecordedOrder(order_id=order_id, currency="JPY", revenue=D(revenue), **more)  # type: ignore[arg-type]


def _payout(settlement: int, *, amount: int | None = None, status: str = "PAID") -> Payout:
    return Payout(
        payment_id="P1",
        status=status,
        currency="JPY",
        settlement=D(settlement),
        amount=D(settlement if amount is None else amount),
        paid_at=datetime(2025, 9, 15, tzinfo=timezone.utc),
    )


def _deposit(amount: int, payment_id: str = "P1") -> BankDeposit:
    return BankDeposit(
        payment_id=payment_id, amount=D(amount), currency="JPY", received_on=date(2025, 9, 16)
    )


def _report(**facts: object) -> ReconciliationReport:
    return reconcile(SettlementFacts(**facts), period=PERIOD, as_of=AS_OF)  # type: ignore[arg-type]


def _only(report: ReconciliationReport) -> object:
    [outcome] = report.orders
    return outcome


# --- one category per order -------------------------------------------------------------


def test_an_order_settled_as_the_oms_recorded_it_is_settled_and_matching() -> None:
    outcome = _only(_report(statements=[_statement(sale_line())], recorded=[_recorded()]))
    assert isinstance(outcome, SettledMatching)
    assert outcome.settled == D(2260)


def test_a_revenue_difference_is_explained_by_tiktoks_revenue_lines() -> None:
    outcome = _only(
        _report(statements=[_statement(sale_line())], recorded=[_recorded(revenue=3200)])
    )
    assert isinstance(outcome, SettledWithDifference)
    [difference] = outcome.differences
    assert difference.measure is Measure.REVENUE
    assert difference.delta == D(-200)
    assert [(c.code, c.amount) for c in difference.explained_by] == [
        ("seller_discount_amount", D(-200)),
        ("subtotal_before_discount_amount", D(3200)),
    ]


def test_an_expected_settlement_difference_is_explained_by_fees_and_shipping() -> None:
    outcome = _only(
        _report(
            statements=[_statement(sale_line())],
            recorded=[_recorded(expected_settlement=D(2500))],
        )
    )
    assert isinstance(outcome, SettledWithDifference)
    [difference] = outcome.differences
    assert difference.measure is Measure.SETTLEMENT
    assert difference.delta == D(-240)
    assert {c.kind for c in difference.explained_by} == {K.SHIPPING, K.COMMISSION, K.PAYMENT_FEE}


def test_a_currency_difference_compares_no_amount() -> None:
    recorded = RecordedOrder(order_id="A", currency="USD", revenue=D(3000))
    outcome = _only(_report(statements=[_statement(sale_line())], recorded=[recorded]))
    assert isinstance(outcome, SettledWithDifference)
    [difference] = outcome.differences
    assert difference.measure is Measure.CURRENCY
    assert difference.delta is None
    assert "USD" in difference.describe("en")


def test_an_order_tiktok_settled_but_the_oms_never_recorded_is_reported() -> None:
    outcome = _only(_report(statements=[_statement(sale_line())]))
    assert isinstance(outcome, SettledNotRecorded)
    assert "import it" in outcome.describe("en")


def test_a_refund_after_settlement_is_a_clawback_even_when_the_oms_booked_it() -> None:
    report = _report(
        statements=[
            _statement(sale_line()),
            _statement(refund_line(), statement_id="S2", at=STATEMENT_TIME + timedelta(days=5)),
        ],
        recorded=[_recorded(revenue=0)],
    )
    outcome = _only(report)
    assert isinstance(outcome, RefundedAfterSettlement)
    assert outcome.clawed_back == D(-2790)
    assert outcome.settled == D(-530)
    assert outcome.differences == ()
    assert "返金" in outcome.describe("ja")


def test_a_negative_adjustment_on_a_settled_order_is_a_clawback_before_being_unrecorded() -> None:
    charge_back = adjustment_line("CHARGE_BACK", -2260, order_id="A", transaction_id="t9")
    outcome = _only(_report(statements=[_statement(sale_line(), charge_back)]))
    assert isinstance(outcome, RefundedAfterSettlement)
    assert outcome.recorded is None
    assert "CHARGE_BACK" in outcome.describe("en")


def _partly() -> ReconciliationReport:
    """Part of order A (2,260 settled) in a statement; TikTok still lists A as unsettled."""
    return _report(
        statements=[_statement(sale_line())],
        recorded=[_recorded(revenue=5000)],
        unsettled=[
            UnsettledOrder(
                order_id="A",
                currency="JPY",
                reason="sku B: waiting for delivery",
                estimated_settlement=D(2000),
            )
        ],
    )


def test_an_order_settled_in_part_and_listed_unsettled_is_partly_settled_not_a_difference() -> None:
    outcome = _only(_partly())
    assert isinstance(outcome, PartlySettled)
    assert outcome.category is OrderCategory.PARTLY_SETTLED
    assert not outcome.category.needs_attention
    assert outcome.settled == D(2260)
    assert [d.measure for d in outcome.differences] == [Measure.REVENUE]  # so far, for reference


def test_a_partly_settled_order_says_tiktoks_estimate_and_reason_for_the_rest() -> None:
    outcome = _only(_partly())
    assert isinstance(outcome, PartlySettled)
    assert "estimate 2,000 JPY" in outcome.describe("en")
    assert "sku B: waiting for delivery" in outcome.describe("ja")


def test_a_partly_settled_orders_first_row_carries_tiktoks_reason() -> None:
    [row] = [r for r in _partly().to_rows() if r["order_id"] == "A"]
    assert row["category"] == "partly_settled"
    assert row["unsettled_reason"] == "sku B: waiting for delivery"


def test_a_settled_order_tiktok_still_lists_whose_figures_match_is_settled_and_matching() -> None:
    outcome = _only(
        _report(
            statements=[_statement(sale_line())],
            recorded=[_recorded()],
            unsettled=[UnsettledOrder(order_id="A", currency="JPY")],
        )
    )
    assert isinstance(outcome, SettledMatching)


def test_a_delivered_order_past_the_policys_delay_is_overdue_with_tiktoks_reason() -> None:
    delivered = AS_OF - timedelta(days=20)
    report = _report(
        recorded=[_recorded(delivered_at=delivered)],
        unsettled=[
            UnsettledOrder(order_id="A", currency="JPY", reason="under dispute investigation")
        ],
    )
    outcome = _only(report)
    assert isinstance(outcome, OverdueUnsettled)
    assert outcome.days_since_delivery == 20
    assert outcome.reason == "under dispute investigation"
    assert "under dispute investigation" in outcome.describe("en")


def test_an_overdue_order_tiktok_does_not_list_as_unsettled_says_to_ask_tiktok() -> None:
    outcome = _only(_report(recorded=[_recorded(delivered_at=AS_OF - timedelta(days=30))]))
    assert isinstance(outcome, OverdueUnsettled)
    assert outcome.unsettled is None
    assert "TikTokに問い合わせ" in outcome.describe("ja")


def test_an_order_delivered_exactly_the_policys_delay_ago_is_not_yet_overdue() -> None:
    outcome = _only(_report(recorded=[_recorded(delivered_at=AS_OF - timedelta(days=14))]))
    assert isinstance(outcome, AwaitingSettlement)


def test_the_delivery_time_comes_from_tiktok_when_the_oms_has_none() -> None:
    unsettled = UnsettledOrder(
        order_id="A",
        currency="JPY",
        reason="waiting for settlement",
        delivered_at=AS_OF - timedelta(days=15),
    )
    outcome = _only(_report(unsettled=[unsettled]))
    assert isinstance(outcome, OverdueUnsettled)
    assert outcome.recorded is None


def test_a_shorter_policy_delay_makes_an_order_overdue_sooner() -> None:
    facts = SettlementFacts(recorded=[_recorded(delivered_at=AS_OF - timedelta(days=5))])
    policy = ReconciliationPolicy(overdue_after=timedelta(days=3))
    [outcome] = reconcile(facts, period=PERIOD, as_of=AS_OF, policy=policy).orders
    assert isinstance(outcome, OverdueUnsettled)


def test_an_undelivered_order_is_awaiting_settlement() -> None:
    outcome = _only(_report(recorded=[_recorded()]))
    assert isinstance(outcome, AwaitingSettlement)
    assert outcome.category is OrderCategory.AWAITING_SETTLEMENT
    assert not outcome.category.needs_attention
    assert "未配達" in outcome.describe("ja")


# --- statements and shop lines ----------------------------------------------------------


def test_shop_adjustments_and_reserves_are_no_orders_but_count_in_the_statement() -> None:
    ads = adjustment_line("GMV_PAYMENT_FOR_ADS", -500)
    reserve = SettlementLine(
        transaction_id="t6",
        kind=LineKind.RESERVE,
        type="RESERVE",
        order_id="A",
        reserve=D(-100),
        settlement=D(0),
    )
    statement = _statement(sale_line(), ads, reserve, reserve=D(-100))
    report = _report(statements=[statement], recorded=[_recorded()])
    assert [o.order_id for o in report.orders] == ["A"]
    assert [s.line.transaction_id for s in report.shop_lines] == ["t5", "t6"]
    [check] = report.statements
    assert check.ok
    assert statement.payable == D(1660)


def test_a_statement_whose_lines_do_not_add_up_says_by_how_much() -> None:
    report = _report(
        statements=[_statement(sale_line(), settlement=D(2300))], recorded=[_recorded()]
    )
    [check] = report.statements
    assert check.difference == D(40)
    assert not check.ok
    assert not report.ok
    assert "2,300 JPY" in check.describe("en")


def test_a_line_whose_own_parts_disagree_fails_its_statement_check() -> None:
    broken = SettlementLine(
        transaction_id="t7",
        kind=LineKind.ORDER,
        order_id="A",
        revenue=D(1000),
        fee_tax=D(-70),
        settlement=D(930),
        components=(component(K.COMMISSION, "platform_commission_amount", -60),),
    )
    [check] = _report(statements=[_statement(broken)]).statements
    [discrepancy] = check.line_discrepancies
    assert (discrepancy.transaction_id, discrepancy.measure) == ("t7", "fee_tax")
    assert "t7" in check.describe("ja")


# --- payouts ----------------------------------------------------------------------------


def test_a_payout_equal_to_its_statements_and_the_deposit_reconciles() -> None:
    report = _report(
        statements=[_statement(sale_line())],
        payouts=[_payout(2260)],
        deposits=[_deposit(2260)],
        recorded=[_recorded()],
    )
    [check] = report.payouts
    assert check.ok
    assert check.findings == ()
    assert check.statement_ids == ("S1",)
    assert report.ok


def test_a_short_payout_says_by_how_much_it_differs_from_its_statements() -> None:
    [check] = _report(
        statements=[_statement(sale_line())], payouts=[_payout(2000)], deposits=[_deposit(2000)]
    ).payouts
    [finding] = check.findings
    assert finding.issue is PayoutIssue.STATEMENTS_DIFFER
    assert finding.difference == D(-260)
    assert not check.ok


def test_a_deposit_that_differs_from_the_payout_is_reported_with_the_difference() -> None:
    [check] = _report(
        statements=[_statement(sale_line())], payouts=[_payout(2260)], deposits=[_deposit(2000)]
    ).payouts
    [finding] = check.findings
    assert finding.issue is PayoutIssue.DEPOSIT_DIFFERS
    assert finding.difference == D(-260)


def test_a_paid_payout_without_a_deposit_is_reported_missing() -> None:
    [check] = _report(statements=[_statement(sale_line())], payouts=[_payout(2260)]).payouts
    assert [f.issue for f in check.findings] == [PayoutIssue.DEPOSIT_MISSING]


def test_a_payout_tiktok_is_still_processing_expects_no_deposit_and_is_not_a_problem() -> None:
    [check] = _report(
        statements=[_statement(sale_line())], payouts=[_payout(2260, status="PROCESSING")]
    ).payouts
    assert [f.issue for f in check.findings] == [PayoutIssue.NOT_PAID]
    assert check.ok


def test_statements_in_another_currency_are_never_summed_into_a_payout() -> None:
    usd = _statement(sale_line(), currency="USD")
    [check] = _report(statements=[usd], payouts=[_payout(2260)], deposits=[_deposit(2260)]).payouts
    assert [f.issue for f in check.findings] == [PayoutIssue.CURRENCY_MISMATCH]
    assert check.statements_settlement is None


def test_reserves_on_the_statements_must_match_the_payouts_reserve() -> None:
    statement = _statement(sale_line(), reserve=D(-100))
    [check] = _report(
        statements=[statement], payouts=[_payout(2260, amount=2160)], deposits=[_deposit(2160)]
    ).payouts
    [finding] = check.findings
    assert finding.issue is PayoutIssue.RESERVE_DIFFERS
    assert finding.difference == D(100)


def test_a_payout_no_statement_names_is_reported() -> None:
    [check] = _report(payouts=[_payout(100)], deposits=[_deposit(100)]).payouts
    assert [f.issue for f in check.findings] == [PayoutIssue.NO_STATEMENTS]


def test_statements_no_payout_pays_and_deposits_for_unknown_payouts_are_listed() -> None:
    report = _report(
        statements=[_statement(sale_line(), payment_id="")], deposits=[_deposit(5, "P9")]
    )
    assert report.unpaid_statements == ("S1",)
    assert [d.payment_id for d in report.unmatched_deposits] == ["P9"]
    assert not report.ok
    assert "P9" in report.describe("en")


# --- output -----------------------------------------------------------------------------


def _month() -> ReconciliationReport:
    ads = adjustment_line("GMV_PAYMENT_FOR_ADS", -500)
    return _report(
        statements=[
            _statement(sale_line(order_id="A"), sale_line(order_id="B", transaction_id="t3"), ads)
        ],
        payouts=[_payout(4020)],
        deposits=[_deposit(4020)],
        recorded=[_recorded("A"), _recorded("B", 2900), _recorded("C")],
    )


def test_rows_have_exactly_the_documented_columns_in_order() -> None:
    rows = _month().to_rows()
    assert all(tuple(row) == ROW_COLUMNS for row in rows)
    assert [(r["category"], r["order_id"]) for r in rows] == [
        ("settled_matching", "A"),
        ("settled_with_difference", "B"),
        ("awaiting_settlement", "C"),
        ("shop_adjustment", None),
    ]


def test_a_settled_rows_columns_add_up_to_its_settlement() -> None:
    row = _month().to_rows()[0]
    assert sum((row[p] for p in SETTLEMENT_PART_COLUMNS), D(0)) == row["settlement"] == D(2260)  # type: ignore[misc]


def test_order_level_figures_appear_on_the_orders_first_row_only() -> None:
    report = _report(
        statements=[
            _statement(sale_line()),
            _statement(refund_line(), statement_id="S2", at=STATEMENT_TIME + timedelta(days=5)),
        ],
        recorded=[_recorded(revenue=100)],
    )
    first, second = report.to_rows()
    assert first["recorded_revenue"] == D(100)
    assert first["revenue_difference"] == D(-100)
    assert second["recorded_revenue"] is None
    assert second["revenue_difference"] is None


def test_dates_in_rows_are_in_the_policys_zone() -> None:
    [row, *_] = _month().to_rows()
    assert row["statement_date"] == date(2025, 9, 10)


def test_an_unsettled_rows_delivery_date_days_and_reason_are_filled() -> None:
    report = _report(
        recorded=[_recorded(delivered_at=datetime(2025, 9, 1, tzinfo=timezone.utc))],
        unsettled=[UnsettledOrder(order_id="A", currency="JPY", reason="awaiting buyer")],
    )
    [row] = report.to_rows("ja")
    assert row["delivered_on"] == date(2025, 9, 1)
    assert row["days_since_delivery"] == 30
    assert row["unsettled_reason"] == "awaiting buyer"
    assert isinstance(row["note"], str) and "配達から30日" in row["note"]


def test_payout_rows_have_the_documented_columns() -> None:
    [row] = _month().payout_rows()
    assert tuple(row) == PAYOUT_COLUMNS
    assert row["ok"] == "yes"
    assert row["paid_on"] == date(2025, 9, 15)
    assert row["deposit_on"] == date(2025, 9, 16)


def test_describe_counts_the_categories_and_lists_what_needs_attention_in_both_languages() -> None:
    report = _month()
    english, japanese = report.describe("en"), report.describe("ja")
    assert "orders: 3" in english
    assert "order B: revenue recorded 2,900 JPY" in english
    assert "注文 3件" in japanese
    assert "要確認" in japanese
    assert "JPY: 明細書の精算額 4,020 JPY" in japanese


def test_a_clean_report_says_everything_reconciles() -> None:
    report = _report(
        statements=[_statement(sale_line())],
        payouts=[_payout(2260)],
        deposits=[_deposit(2260)],
        recorded=[_recorded()],
    )
    assert report.ok
    assert "everything reconciles" in report.describe("en")
    assert "すべて消込済み" in report.describe("ja")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="'en' or 'ja'"):
        _month().describe("fr")  # type: ignore[arg-type]


def test_totals_are_kept_per_currency() -> None:
    report = _report(
        statements=[
            _statement(sale_line(order_id="A")),
            _statement(
                sale_line(order_id="B", transaction_id="t3"),
                statement_id="S2",
                payment_id="P2",
                currency="USD",
            ),
        ]
    )
    jpy, usd = report.totals()
    assert (jpy.currency, jpy.statements_settlement) == ("JPY", D(2260))
    assert (usd.currency, usd.statements_settlement) == ("USD", D(2260))


def test_as_of_must_be_aware() -> None:
    with pytest.raises(NaiveDatetimeError):
        reconcile(SettlementFacts(), period=PERIOD, as_of=datetime(2025, 10, 1))


def test_the_row_columns_are_the_stable_names_the_guide_documents() -> None:
    # Hosts key spreadsheets on these names: change them only with a changelog entry.
    assert ROW_COLUMNS == (
        "category",
        "order_id",
        "currency",
        "statement_id",
        "statement_date",
        "payment_id",
        "transaction_id",
        "transaction_type",
        "revenue",
        "shipping",
        "commission",
        "payment_fee",
        "affiliate_fee",
        "service_fee",
        "other_fee",
        "tax",
        "adjustment",
        "reserve",
        "settlement",
        "recorded_revenue",
        "recorded_settlement",
        "revenue_difference",
        "settlement_difference",
        "delivered_on",
        "days_since_delivery",
        "unsettled_reason",
        "note",
    )
    guide = (Path(__file__).parents[2] / "docs" / "workflows" / "settlement.md").read_text("utf-8")
    assert all(f"`{column}`" in guide for column in ROW_COLUMNS)
