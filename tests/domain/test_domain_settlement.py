"""Settlement facts: values that refuse what cannot be money, and lines that know their parts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from settlement_samples import adjustment_line, component, refund_line, sale_line
from tiktokshop_sync.domain import (
    JST,
    BankDeposit,
    ComponentKind,
    DomainConfigError,
    LineKind,
    NaiveDatetimeError,
    Payout,
    ReconciliationPolicy,
    RecordedOrder,
    ReportPeriod,
    SettlementFacts,
    SettlementLine,
    SettlementStatement,
)

D = Decimal
K = ComponentKind
AT = datetime(2025, 9, 10, tzinfo=timezone.utc)


def test_an_amount_given_as_a_float_is_refused_with_a_message_that_says_use_decimal() -> None:
    with pytest.raises(TypeError, match=r"SettlementLine.revenue must be a Decimal.*float"):
        sale_line(revenue=3000.0)


def test_an_amount_that_is_not_finite_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="finite"):
        sale_line(settlement=D("NaN"))


def test_a_currency_that_is_not_an_iso_code_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="ISO 4217"):
        RecordedOrder(order_id="A", currency="yen", revenue=D(1))


def test_an_order_line_without_an_order_id_is_refused_and_told_to_use_an_adjustment() -> None:
    with pytest.raises(DomainConfigError, match="LineKind.ADJUSTMENT"):
        sale_line(order_id="")


def test_a_naive_statement_time_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError):
        SettlementStatement(
            statement_id="S", statement_time=datetime(2025, 9, 10), currency="JPY", settlement=D(0)
        )


def test_a_statement_holds_only_settlement_lines() -> None:
    with pytest.raises(TypeError):
        SettlementStatement(
            statement_id="S",
            statement_time=AT,
            currency="JPY",
            settlement=D(0),
            lines=("not a line",),  # type: ignore[arg-type]
        )


def test_facts_refuse_the_same_statement_twice() -> None:
    statement = SettlementStatement(
        statement_id="S", statement_time=AT, currency="JPY", settlement=D(0)
    )
    with pytest.raises(DomainConfigError, match="'S' twice"):
        SettlementFacts(statements=(statement, statement))


def test_a_period_whose_last_day_is_before_its_first_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="swap"):
        ReportPeriod(first_day=date(2025, 9, 30), last_day=date(2025, 9, 1))


def test_a_negative_overdue_delay_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="overdue_after"):
        ReconciliationPolicy(overdue_after=timedelta(days=-1))


def test_the_default_policy_judges_in_japan_time_after_14_days() -> None:
    policy = ReconciliationPolicy()
    assert policy.zone is JST
    assert policy.overdue_after == timedelta(days=14)


def test_a_payouts_bank_currency_defaults_to_its_settlement_currency() -> None:
    payout = Payout(payment_id="P", status="PAID", currency="JPY", settlement=D(1), amount=D(1))
    assert payout.amount_currency == "JPY"
    assert payout.is_paid


def test_a_deposit_needs_a_date_it_was_received() -> None:
    with pytest.raises(TypeError):
        BankDeposit(payment_id="P", amount=D(1), currency="JPY", received_on="2025-09-10")  # type: ignore[arg-type]


def test_a_consistent_line_has_no_discrepancies() -> None:
    assert sale_line().discrepancies() == ()


def test_a_line_whose_fee_parts_do_not_add_up_says_which_and_by_how_much() -> None:
    line = sale_line(fee_tax=D(-250), settlement=D(2250))
    [discrepancy] = line.discrepancies()
    assert discrepancy.measure == "fee_tax"
    assert discrepancy.difference == D(-10)


def test_a_line_whose_totals_do_not_add_up_to_its_settlement_is_reported() -> None:
    [discrepancy] = sale_line(settlement=D(2300)).discrepancies()
    assert (discrepancy.measure, discrepancy.stated, discrepancy.parts) == (
        "settlement",
        D(2300),
        D(2260),
    )


def test_fees_are_grouped_by_kind() -> None:
    assert sale_line().fees_by_kind == {K.COMMISSION: D(-210), K.PAYMENT_FEE: D(-30)}


def test_a_fee_total_tiktok_did_not_itemise_counts_as_other_fees() -> None:
    line = SettlementLine(
        transaction_id="t", kind=LineKind.ORDER, order_id="A", fee_tax=D(-70), settlement=D(-70)
    )
    assert line.fees_by_kind == {K.OTHER_FEE: D(-70)}


def test_itemised_parts_always_add_up_to_a_consistent_lines_settlement() -> None:
    line = SettlementLine(
        transaction_id="t",
        kind=LineKind.ORDER,
        order_id="A",
        revenue=D(1000),
        shipping=D(-300),
        fee_tax=D(-70),
        adjustment=D(-5),
        settlement=D(625),
        components=(component(K.COMMISSION, "platform_commission_amount", -70),),
    )
    assert sum((c.amount for c in line.itemised()), D(0)) == line.settlement
    assert {c.code for c in line.itemised()} == {
        "platform_commission_amount",
        "revenue_amount",
        "shipping_cost_amount",
        "adjustment_amount",
    }


def test_a_refund_arriving_after_the_sale_was_settled_is_a_clawback() -> None:
    assert refund_line().is_refund_only
    assert refund_line().is_clawback


def test_a_refund_netted_into_the_sale_before_settlement_is_not_a_clawback() -> None:
    netted = sale_line(
        revenue=D(1000),
        fee_tax=D(-70),
        shipping=D(0),
        settlement=D(930),
        components=(
            component(K.SALES, "subtotal_before_discount_amount", 3000),
            component(K.SALES_REFUND, "refund_subtotal_before_discount_amount", -2000),
            component(K.COMMISSION, "platform_commission_amount", -70),
        ),
    )
    assert not netted.is_refund_only
    assert not netted.is_clawback


def test_a_negative_adjustment_for_an_order_is_a_clawback_and_a_positive_one_is_not() -> None:
    charge_back = adjustment_line("CHARGE_BACK", -1000, order_id="A", transaction_id="t3")
    compensation = adjustment_line("PLATFORM_COMPENSATION", 500, order_id="A", transaction_id="t4")
    assert charge_back.is_clawback
    assert not compensation.is_clawback


def test_a_negative_adjustment_for_the_shop_is_no_orders_clawback() -> None:
    ads = adjustment_line("GMV_PAYMENT_FOR_ADS", -500)
    assert not ads.is_clawback


def test_kinds_say_whether_they_are_revenue_or_fees_and_have_names_in_both_languages() -> None:
    assert K.SALES_REFUND.is_revenue
    assert K.TAX.is_fee_or_tax
    assert not K.SHIPPING.is_fee_or_tax
    assert K.COMMISSION.label_ja == "販売手数料"
    assert all(kind.label_en and kind.label_ja for kind in K)


def test_an_unitemised_adjustment_is_named_by_its_transaction_type() -> None:
    line = adjustment_line("PLATFORM_PENALTY", -100, transaction_id="t")
    [component] = line.itemised()
    assert (component.kind, component.code, component.amount) == (
        K.ADJUSTMENT,
        "PLATFORM_PENALTY",
        D(-100),
    )
