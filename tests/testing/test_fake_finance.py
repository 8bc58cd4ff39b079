"""FakeShop's finance area: delivered orders settle after a delay with realistic fees, statements
are paid out on a schedule, TikTok's sum invariants hold, and faults break them on purpose.

Everything is read through the SDK (``shop.finance``), as a host would see it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.testing import FakeShop, FinanceTerms
from tiktokshop_sync.types.finance import Payment, Statement, StatementTransaction

D = Decimal


def _shop(fake: FakeShop) -> Any:
    client = fake.client(token_store=InMemoryTokenStore())
    open_id = client.oauth.exchange_code(fake.authorize()).open_id
    return client.shop(fake.shops[0].cipher, grant=open_id)


def _month(seed: int = 5) -> FakeShop:
    """A month of a shop: delivered orders, a refund before and after settlement, adjustments."""
    fake = FakeShop(seed=seed)
    delivered = fake.create_orders(12, status="DELIVERED", created_within=timedelta(days=3))
    fake.create_orders(2, status="IN_TRANSIT")
    before = fake.request_return(delivered[0].id, return_type="REFUND").return_id
    fake.set_return_status(before, "RETURN_OR_REFUND_REQUEST_SUCCESS")
    fake.add_adjustment("SHIPPING_FEE_COMPENSATION", 300, order_id=delivered[1].id)
    fake.clock.advance(days=10)
    after = fake.request_return(delivered[2].id, return_type="REFUND").return_id
    fake.set_return_status(after, "RETURN_OR_REFUND_REQUEST_SUCCESS")
    fake.add_adjustment("PLATFORM_PENALTY", -2000)
    fake.clock.advance(days=20)
    return fake


def _transactions(shop: Any, statement: Statement) -> list[StatementTransaction]:
    return list(shop.finance.statement_transactions(statement.id))


def test_a_delivered_order_settles_in_the_first_statement_after_the_delay() -> None:
    fake = FakeShop(seed=3)
    fake.set_finance_terms(FinanceTerms(settle_after=timedelta(days=5)))
    [order] = fake.create_orders(1, status="DELIVERED", created_within=timedelta(hours=1))
    delivered = fake.order(order.id).delivery_time
    assert delivered is not None
    fake.clock.advance(days=4)
    assert fake.statements_of() == []
    fake.clock.advance(days=3)
    [statement] = fake.statements_of()
    assert statement.statement_time > delivered + timedelta(days=5)
    assert statement.statement_time - (delivered + timedelta(days=5)) <= timedelta(days=1)
    assert [t.order_id for t in statement.transactions] == [order.id]


def test_an_order_not_delivered_never_settles() -> None:
    fake = FakeShop(seed=3)
    fake.create_orders(3, status="IN_TRANSIT")
    fake.clock.advance(days=30)
    assert fake.statements_of() == []


def test_the_commission_is_the_terms_rate_of_each_skus_revenue_whole_yen_and_negative() -> None:
    fake = FakeShop(seed=8)
    fake.set_finance_terms(FinanceTerms(affiliate_every=1_000_000))
    orders = fake.create_orders(5, status="DELIVERED", created_within=timedelta(days=1))
    fake.clock.advance(days=9)
    shop = _shop(fake)
    skus = [s for o in orders for s in shop.finance.order_transactions(o.id).sku_transactions]
    assert len(skus) >= 5
    for sku in skus:
        assert sku.fee_tax_breakdown is not None and sku.fee_tax_breakdown.fee is not None
        commission = sku.fee_tax_breakdown.fee.platform_commission_amount
        assert sku.revenue_amount is not None and commission is not None
        rounded = (sku.revenue_amount * D("0.07")).quantize(D(1), "ROUND_HALF_UP")
        assert commission == -rounded < 0


def test_some_orders_pay_an_affiliate_commission_and_others_do_not() -> None:
    fake = FakeShop(seed=2)
    fake.create_orders(16, status="DELIVERED", created_within=timedelta(days=1))
    fake.clock.advance(days=9)
    shop = _shop(fake)
    transactions = [t for s in shop.finance.statements() for t in _transactions(shop, s)]
    affiliate = [
        t
        for t in transactions
        if t.fee_tax_breakdown and t.fee_tax_breakdown.fee.affiliate_commission_amount  # type: ignore[union-attr]
    ]
    assert 0 < len(affiliate) < len(transactions)


def test_the_same_seed_settles_the_same_amounts() -> None:
    def amounts(fake: FakeShop) -> list[tuple[int, int]]:
        return [(len(s.transactions), s.settlement) for s in fake.statements_of()]

    assert amounts(_month(seed=11)) == amounts(_month(seed=11))


def test_transactions_add_up_to_their_statement_and_statements_to_their_payment() -> None:
    fake = _month()
    shop = _shop(fake)
    statements = list(shop.finance.statements())
    payments = {p.id: p for p in shop.finance.payments()}
    assert len(statements) >= 3 and len(payments) >= 2
    by_payment: dict[str, Decimal] = defaultdict(Decimal)
    for statement in statements:
        transactions = _transactions(shop, statement)
        assert statement.settlement_amount == sum(t.settlement_amount for t in transactions)
        for t in transactions:
            parts = (t.revenue_amount or 0) + (t.shipping_cost_amount or 0)
            parts += (t.fee_tax_amount or 0) + (t.adjustment_amount or 0)
            assert t.settlement_amount == parts
        if statement.payment_id:
            by_payment[statement.payment_id] += statement.settlement_amount or 0
    for payment_id, total in by_payment.items():
        payment = payments[payment_id]
        assert payment.settlement_amount is not None and payment.amount is not None
        assert payment.settlement_amount.value == total == payment.amount.value


def test_a_refund_after_settlement_is_clawed_back_in_a_later_statement() -> None:
    fake = _month()
    shop = _shop(fake)
    per_order: dict[str, list[Decimal]] = defaultdict(list)
    for statement in shop.finance.statements():
        for t in _transactions(shop, statement):
            if t.order_id:
                per_order[t.order_id].append(t.settlement_amount or D(0))
    clawed = [amounts for amounts in per_order.values() if len(amounts) == 2]
    assert len(clawed) == 1
    sale, clawback = clawed[0]
    assert sale > 0 > clawback


def test_adjustments_are_settled_as_their_own_transactions() -> None:
    fake = _month()
    shop = _shop(fake)
    adjustments = [
        t for s in shop.finance.statements() for t in _transactions(shop, s) if t.adjustment_id
    ]
    assert sorted(t.adjustment_amount for t in adjustments) == [D(-2000), D(300)]
    assert {str(t.type) for t in adjustments} == {"PLATFORM_PENALTY", "SHIPPING_FEE_COMPENSATION"}


def test_payouts_are_made_on_the_terms_weekday_and_paid_a_day_later() -> None:
    fake = _month()
    payouts = fake.payouts_of()
    assert payouts
    for payout in payouts:
        assert payout.create_time.weekday() == fake.finance_terms.payout_weekday
        assert (payout.create_time.hour, payout.create_time.minute) == (0, 0)
        assert payout.status == "PAID"
        assert payout.paid_time == payout.create_time + timedelta(days=1)


def test_a_short_payout_pays_less_than_its_statements() -> None:
    fake = FakeShop(seed=4)
    fake.create_orders(4, status="DELIVERED", created_within=timedelta(days=1))
    fake.inject_finance_fault("short_payout", amount=500)
    fake.clock.advance(days=20)
    shop = _shop(fake)
    [payment, *_] = list(shop.finance.payments())
    paid = sum(
        s.settlement_amount or 0 for s in shop.finance.statements() if s.payment_id == payment.id
    )
    assert payment.settlement_amount is not None
    assert payment.settlement_amount.value == paid - 500


def test_a_statement_mismatch_makes_its_total_differ_from_its_transactions() -> None:
    fake = FakeShop(seed=4)
    fake.create_orders(3, status="DELIVERED", created_within=timedelta(days=1))
    fake.inject_finance_fault("statement_mismatch", amount=-120)
    fake.clock.advance(days=10)
    shop = _shop(fake)
    [statement] = list(shop.finance.statements())
    listed = sum(t.settlement_amount or 0 for t in _transactions(shop, statement))
    assert statement.settlement_amount == listed - 120


def test_a_line_mismatch_makes_a_transaction_differ_from_its_parts() -> None:
    fake = FakeShop(seed=4)
    fake.create_orders(1, status="DELIVERED", created_within=timedelta(days=1))
    fake.inject_finance_fault("line_mismatch", amount=45)
    fake.clock.advance(days=10)
    shop = _shop(fake)
    [statement] = list(shop.finance.statements())
    [t] = _transactions(shop, statement)
    parts = (t.revenue_amount or 0) + (t.shipping_cost_amount or 0) + (t.fee_tax_amount or 0)
    assert t.settlement_amount == parts + 45


def test_a_failed_payout_is_failed_and_its_money_comes_back() -> None:
    fake = FakeShop(seed=4)
    fake.create_orders(2, status="DELIVERED", created_within=timedelta(days=1))
    fake.inject_finance_fault("failed_payout")
    fake.clock.advance(days=20)
    shop = _shop(fake)
    payments: list[Payment] = list(shop.finance.payments())
    assert str(payments[0].status) == "FAILED"
    kinds = [str(w.type) for w in shop.finance.withdrawals(types=["WITHDRAW", "REVERSE"])]
    assert kinds.count("REVERSE") == 1


def test_a_held_order_is_unsettled_with_its_reason_until_the_hold_is_cleared() -> None:
    fake = FakeShop(seed=4)
    held, other = fake.create_orders(2, status="DELIVERED", created_within=timedelta(days=1))
    fake.inject_finance_fault("hold", order_id=held.id, reason="under review")
    fake.clock.advance(days=10)
    shop = _shop(fake)
    settled = {t.order_id for s in fake.statements_of() for t in s.transactions}
    assert settled == {other.id}
    unsettled = {t.order_id: t.unsettled_reason for t in shop.finance.unsettled()}
    assert unsettled == {held.id: "under review"}
    fake.clear_finance_faults()
    fake.clock.advance(days=1)
    settled = {t.order_id for s in fake.statements_of() for t in s.transactions}
    assert settled == {held.id, other.id}


@pytest.mark.parametrize(
    ("field", "value"),
    [("commission_rate", Decimal("1.5")), ("settle_after", timedelta(-1)), ("payout_weekday", 7)],
)
def test_finance_terms_refuse_a_careless_value_and_say_what_to_do(field: str, value: Any) -> None:
    with pytest.raises(ValueError, match=f"FinanceTerms.{field} must be"):
        FinanceTerms(**{field: value})


def test_a_fault_without_its_amount_is_refused() -> None:
    with pytest.raises(ValueError, match="non-zero amount"):
        FakeShop(seed=1).inject_finance_fault("short_payout")


def test_statements_filter_by_payment_status_and_window_and_sort_descending() -> None:
    fake = _month()
    shop = _shop(fake)
    everything = list(shop.finance.statements())
    paid = list(shop.finance.statements(payment_status="PAID"))
    assert paid and len(paid) < len(everything)
    assert all(str(s.payment_status) == "PAID" for s in paid)
    newest_first = list(shop.finance.statements(sort_order="DESC", page_size=2))
    assert [s.id for s in newest_first] == [s.id for s in reversed(everything)]
    middle = everything[len(everything) // 2].statement_time
    assert middle is not None
    later = list(shop.finance.statements(statement_time_ge=middle))
    assert [s.id for s in later] == [s.id for s in everything if s.statement_time >= middle]
