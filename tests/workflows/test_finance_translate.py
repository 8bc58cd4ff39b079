"""TikTok's finance replies become settlement facts: tested on the official examples."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tiktokshop_sync.domain import (
    ComponentKind,
    LineKind,
    ReportPeriod,
    SettlementFacts,
    reconcile,
)
from tiktokshop_sync.types import finance
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.workflows import finance_translate as translate

FIXTURES = Path(__file__).parents[1] / "contract" / "fixtures" / "finance"
D = Decimal
K = ComponentKind


def _data(document_id: str) -> Any:
    return json.loads((FIXTURES / f"{document_id}.json").read_text(encoding="utf-8"))["response"][
        "data"
    ]


def _page() -> finance.StatementTransactionsPage:
    return finance.StatementTransactionsPage.model_validate(
        _data("get-transactions-by-statement-202501")
    )


def _header() -> finance.Statement:
    return finance.StatementsPage.model_validate(_data("get-statements-202309")).statements[0]


def test_the_official_statement_and_its_transactions_become_one_statement() -> None:
    statement = translate.statement(_header(), [_page()])
    assert statement.statement_id == "7238804564097517339"
    assert statement.statement_time == datetime(2023, 5, 31, 16, tzinfo=timezone.utc)
    assert (statement.currency, statement.settlement, statement.reserve) == ("GBP", D(130), D(20))
    assert statement.payable == D(150)  # the example's payable_amount
    assert (statement.payment_id, statement.payment_status) == ("3459275187040258849", "PAID")
    [line] = statement.lines
    assert (line.kind, line.order_id, line.settlement) == (
        LineKind.ORDER,
        "576463220456522968",
        D(130),
    )


def test_the_official_order_transaction_keeps_every_contributing_part_by_kind() -> None:
    [line] = translate.statement(pages=[_page()]).lines
    kinds = [c.kind for c in line.components]
    assert kinds.count(K.SALES) == 3
    assert kinds.count(K.SALES_REFUND) == 3
    assert kinds.count(K.SHIPPING) == 16  # the breakdown's own amounts, not its supplement
    assert kinds.count(K.TAX) == 11
    assert line.part(K.COMMISSION) == D(20 + 11 + 10 + 5)
    codes = {c.code for c in line.components}
    assert "affiliate_commission_amount_before_pit" not in codes
    assert "customer_payment_amount" not in codes  # transaction supplement: reference only


def test_tiktoks_own_example_does_not_add_up_and_the_report_says_where() -> None:
    # The official example's amounts are illustrative: revenue 200 against parts summing 32.
    statement = translate.statement(_header(), [_page()])
    report = reconcile(
        SettlementFacts(statements=[statement]),
        period=ReportPeriod(first_day=date(2023, 5, 1), last_day=date(2023, 5, 31)),
        as_of=datetime(2023, 6, 30, tzinfo=timezone.utc),
    )
    [check] = report.statements
    assert check.difference == 0
    assert {d.measure for d in check.line_discrepancies} >= {"revenue", "settlement"}
    revenue = next(d for d in check.line_discrepancies if d.measure == "revenue")
    assert (revenue.stated, revenue.parts) == (D(200), D(30 - 20 + 10 + 12 + 10 - 10))


def test_the_official_payment_becomes_a_payout_with_its_reserve() -> None:
    [payment] = finance.PaymentsPage.model_validate(_data("get-payments-202309")).payments
    payout = translate.payout(payment)
    assert (payout.payment_id, payout.status, payout.currency) == (
        "3458767051733897992",
        "PAID",
        "GBP",
    )
    assert (payout.settlement, payout.reserve, payout.amount) == (D(130), D(-30), D(100))
    assert payout.settlement + payout.reserve == payout.amount
    assert payout.paid_at == datetime(2023, 5, 31, 16, tzinfo=timezone.utc)


def test_the_official_unsettled_order_keeps_tiktoks_reason_and_times() -> None:
    page = finance.UnsettledTransactionsPage.model_validate(
        _data("get-unsettled-transactions-202507")
    )
    [order] = translate.unsettled_orders(page.transactions)
    assert (order.order_id, order.currency, order.reason) == (
        "576463220456522968",
        "USD",
        "waiting for deliveery",
    )
    assert order.estimated_settlement == D(130)
    assert order.expected_at == datetime(2023, 5, 31, 16, tzinfo=timezone.utc)
    assert order.expected_text == ""
    assert order.delivered_at == datetime(2023, 5, 31, 16, tzinfo=timezone.utc)


def test_unsettled_fees_that_restate_the_affiliate_commission_are_not_counted_twice() -> None:
    page = finance.UnsettledTransactionsPage.model_validate(
        _data("get-unsettled-transactions-202507")
    )
    parts = translate.fee_tax_components(page.transactions[0].fee_tax_breakdown)
    affiliate = [c for c in parts if c.kind is K.AFFILIATE]
    assert sum((c.amount for c in affiliate), D(0)) == D(-4 + 0 - 3)
    assert {c.code for c in parts}.isdisjoint(translate.RESTATED_FIELDS)


def test_the_official_order_transactions_become_lines_per_statement() -> None:
    order = finance.OrderStatementTransactions.model_validate(
        _data("get-transactions-by-order-202501")
    )
    grouped = translate.order_lines(order)
    [line] = grouped["7238804564097517339"]
    assert line.transaction_id == "5793990727963214852/7238804564097517339/1636700041413599290"
    assert (line.order_id, line.revenue, line.settlement) == ("5793990727963214852", D(200), D(130))
    assert line.part(K.SALES) == D(200)


def test_every_declared_fee_field_is_grouped_or_known_to_restate_another() -> None:
    declared = set(finance.SettledFees.model_fields) | set(finance.UnsettledFees.model_fields)
    assert declared - translate.FEE_KINDS.keys() - translate.RESTATED_FIELDS == set()
    assert set(finance.RevenueBreakdown.model_fields) == set(translate.REVENUE_KINDS)


def test_a_fee_tiktok_adds_later_is_kept_as_another_fee_so_the_totals_still_add_up() -> None:
    raw = {"fee": {"platform_commission_amount": "-70", "brand_new_fee_amount": "-5"}}
    with strict_models(False):
        breakdown = finance.SettledFeeTaxBreakdown.model_validate(raw)
    parts = translate.fee_tax_components(breakdown)
    assert [(c.kind, c.code, c.amount) for c in parts] == [
        (K.COMMISSION, "platform_commission_amount", D(-70)),
        (K.OTHER_FEE, "brand_new_fee_amount", D(-5)),
    ]


def test_a_revenue_field_tiktok_adds_later_counts_as_a_sale_or_a_refund_by_its_name() -> None:
    raw = {"distant_item_fee_amount": "30", "refund_distant_item_fee_amount": "-30"}
    with strict_models(False):
        breakdown = finance.RevenueBreakdown.model_validate(raw)
    assert [(c.kind, c.code) for c in translate.revenue_components(breakdown)] == [
        (K.SALES, "distant_item_fee_amount"),
        (K.SALES_REFUND, "refund_distant_item_fee_amount"),
    ]


def test_an_adjustment_settles_the_order_it_names_and_a_shop_adjustment_none() -> None:
    charge_back = translate.settlement_line(
        finance.StatementTransaction.model_validate(
            {
                "id": "1",
                "type": "CHARGE_BACK",
                "adjustment_id": "9",
                "adjustment_order_id": "576",
                "adjustment_amount": "-1000",
                "settlement_amount": "-1000",
            }
        )
    )
    ads = translate.settlement_line(
        finance.StatementTransaction.model_validate(
            {"id": "2", "type": "GMV_PAYMENT_FOR_ADS", "adjustment_amount": "-500"}
        )
    )
    assert (charge_back.kind, charge_back.order_id, charge_back.type) == (
        LineKind.ADJUSTMENT,
        "576",
        "CHARGE_BACK",
    )
    assert charge_back.is_clawback
    assert (ads.order_id, ads.settlement) == ("", D(-500))


def test_a_reserve_movement_keeps_its_order_and_amount_outside_the_settlement() -> None:
    line = translate.settlement_line(
        finance.StatementTransaction.model_validate(
            {
                "id": "3",
                "type": "RESERVE",
                "reserve_id": "r",
                "associated_order_id": "576",
                "reserve_amount": "-100",
                "reserve_status": "COLLECTED",
            }
        )
    )
    assert (line.kind, line.order_id, line.reserve, line.settlement) == (
        LineKind.RESERVE,
        "576",
        D(-100),
        D(0),
    )


def test_a_missing_settlement_amount_is_tiktoks_formula_over_the_lines_totals() -> None:
    line = translate.settlement_line(
        finance.StatementTransaction.model_validate(
            {
                "id": "4",
                "type": "ORDER",
                "order_id": "576",
                "revenue_amount": "3000",
                "shipping_cost_amount": "-500",
                "fee_tax_amount": "-240",
            }
        )
    )
    assert line.settlement == D(2260)


def test_a_header_and_pages_of_different_statements_are_refused() -> None:
    header = finance.Statement.model_validate({"id": "other", "settlement_amount": "1"})
    with pytest.raises(translate.SettlementDataError, match="exactly one id"):
        translate.statement(header, [_page()])


def test_a_statement_without_its_time_is_refused_with_what_to_fetch() -> None:
    header = finance.Statement.model_validate(
        {"id": "1", "currency": "JPY", "settlement_amount": "1"}
    )
    with pytest.raises(translate.SettlementDataError, match="Get Statements"):
        translate.statement(header)


def test_a_payment_without_amounts_is_refused() -> None:
    with pytest.raises(translate.SettlementDataError, match="payment 7"):
        translate.payout(finance.Payment.model_validate({"id": "7", "status": "PAID"}))


def test_an_order_listed_twice_as_unsettled_is_one_order_with_its_estimates_added() -> None:
    raw = [
        {
            "id": "a",
            "type": "ORDER",
            "order_id": "576",
            "currency": "JPY",
            "unsettled_reason": "in transit",
            "est_settlement_amount": "1000",
            "estimated_settlement": "7 days after delivery",
        },
        {
            "id": "b",
            "type": "ORDER",
            "order_id": "576",
            "currency": "JPY",
            "unsettled_reason": "return requested",
            "est_settlement_amount": "-200",
        },
        {"id": "c", "type": "SHIPPING_FEE_ADJUSTMENT", "adjustment_order_id": "576"},
    ]
    [order] = translate.unsettled_orders(
        finance.UnsettledTransaction.model_validate(t) for t in raw
    )
    assert order.estimated_settlement == D(800)
    assert order.reason == "in transit; return requested"
    assert order.expected_text == "7 days after delivery"
