"""Properties of the reconciliation report for any month of settlements hypothesis can invent.

A generated month is consistent (lines add up to statements, statements to payouts, payouts to
deposits), in JPY and USD at once; faults are then injected on purpose. The report must put
every order in exactly one category, add up exactly per currency, find exactly the injected
fault, and never hold a float.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktokshop_sync.domain import (
    ROW_COLUMNS,
    SETTLEMENT_PART_COLUMNS,
    BankDeposit,
    Component,
    ComponentKind,
    LineKind,
    OrderCategory,
    Payout,
    PayoutIssue,
    ReconciliationReport,
    RecordedOrder,
    ReportPeriod,
    SettlementFacts,
    SettlementLine,
    SettlementStatement,
    UnsettledOrder,
    reconcile,
)

K = ComponentKind
PERIOD = ReportPeriod(first_day=date(2025, 9, 1), last_day=date(2025, 9, 30))
AS_OF = datetime(2025, 10, 5, tzinfo=timezone.utc)
START = datetime(2025, 9, 1, 15, tzinfo=timezone.utc)
CURRENCIES = ("JPY", "USD")
SETTLED = {
    OrderCategory.SETTLED_MATCHING,
    OrderCategory.SETTLED_WITH_DIFFERENCE,
    OrderCategory.SETTLED_NOT_RECORDED,
    OrderCategory.REFUNDED_AFTER_SETTLEMENT,
}


def _money(currency: str, units: int) -> Decimal:
    """JPY has no minor unit; USD has cents."""
    return Decimal(units) if currency == "JPY" else Decimal(units).scaleb(-2)


@st.composite
def _sale(draw: st.DrawFn, order_id: str, tx: str, currency: str) -> SettlementLine:
    gross = draw(st.integers(100, 500_000))
    discount = -draw(st.integers(0, gross // 2))
    shipping = -draw(st.integers(0, 2_000))
    commission = -(gross + discount) * 7 // 100
    payment_fee = -draw(st.integers(0, 300))
    affiliate = -draw(st.sampled_from([0, 0, (gross + discount) // 10]))
    tax = -draw(st.integers(0, 50))
    parts = [
        (K.SALES, "subtotal_before_discount_amount", gross),
        (K.SALES, "seller_discount_amount", discount),
        (K.SHIPPING, "actual_shipping_fee_amount", shipping),
        (K.COMMISSION, "platform_commission_amount", commission),
        (K.PAYMENT_FEE, "transaction_fee_amount", payment_fee),
        (K.AFFILIATE, "affiliate_commission_amount", affiliate),
        (K.TAX, "import_vat_amount", tax),
    ]
    components = tuple(
        Component(kind=kind, code=code, amount=_money(currency, units))
        for kind, code, units in parts
    )
    revenue = _money(currency, gross + discount)
    fee_tax = _money(currency, commission + payment_fee + affiliate + tax)
    shipping_cost = _money(currency, shipping)
    return SettlementLine(
        transaction_id=tx,
        kind=LineKind.ORDER,
        type="ORDER",
        order_id=order_id,
        revenue=revenue,
        shipping=shipping_cost,
        fee_tax=fee_tax,
        settlement=revenue + shipping_cost + fee_tax,
        components=components,
    )


def _refund_of(sale: SettlementLine, tx: str) -> SettlementLine:
    """The whole sale refunded after settlement: revenue and commission come back reversed."""
    refunded = tuple(
        Component(
            kind=K.SALES_REFUND if c.kind is K.SALES else c.kind,
            code=f"refund_{c.code}" if c.kind is K.SALES else c.code,
            amount=-c.amount,
        )
        for c in sale.components
        if c.kind in (K.SALES, K.COMMISSION)
    )
    revenue = -sale.revenue
    fee_tax = -sale.part(K.COMMISSION)
    return SettlementLine(
        transaction_id=tx,
        kind=LineKind.ORDER,
        type="ORDER",
        order_id=sale.order_id,
        revenue=revenue,
        fee_tax=fee_tax,
        settlement=revenue + fee_tax,
        components=refunded,
    )


@attrs.frozen
class Month:
    """A consistent month, the order ids it mentions, and those money was taken back for."""

    facts: SettlementFacts
    order_ids: frozenset[str]
    clawed_back: frozenset[str]


@st.composite
def months(draw: st.DrawFn) -> Month:
    count = draw(st.integers(0, 10))
    numbers = draw(st.lists(st.integers(0, 10**9), min_size=count, max_size=count, unique=True))
    slots = {c: draw(st.integers(1, 3)) for c in CURRENCIES}  # statements per currency
    placed: dict[tuple[str, int], list[SettlementLine]] = {
        (c, i): [] for c in CURRENCIES for i in range(slots[c])
    }
    recorded: list[RecordedOrder] = []
    unsettled: list[UnsettledOrder] = []
    tx = iter(range(10**6))
    clawed_back: set[str] = set()

    def put(currency: str, line: SettlementLine, at_least: int = 0) -> int:
        slot = draw(st.integers(at_least, slots[currency] - 1))
        placed[(currency, slot)].append(line)
        return slot

    for number in numbers:
        order_id = f"57{number:016d}"
        currency = draw(st.sampled_from(CURRENCIES))
        fate = draw(st.sampled_from(["settled", "refunded", "adjusted", "unsettled"]))
        if fate == "unsettled":
            delivered = draw(st.one_of(st.none(), st.integers(0, 40)))
            delivered_at = None if delivered is None else AS_OF - timedelta(days=delivered)
            if draw(st.booleans()):
                recorded.append(
                    RecordedOrder(
                        order_id=order_id,
                        currency=currency,
                        revenue=_money(currency, draw(st.integers(0, 10_000))),
                        delivered_at=delivered_at,
                    )
                )
            if draw(st.booleans()) or not recorded or recorded[-1].order_id != order_id:
                unsettled.append(
                    UnsettledOrder(
                        order_id=order_id,
                        currency=currency,
                        reason=draw(st.sampled_from(["", "waiting for delivery", "in dispute"])),
                        delivered_at=delivered_at,
                    )
                )
            continue
        sale = draw(_sale(order_id, f"t{next(tx)}", currency))
        slot = put(currency, sale)
        revenue = sale.revenue
        if fate == "refunded":
            put(currency, _refund_of(sale, f"t{next(tx)}"), at_least=slot)
            revenue = Decimal(0)
            clawed_back.add(order_id)
        elif fate == "adjusted":
            amount = _money(currency, draw(st.integers(-5_000, 5_000).filter(bool)))
            if amount < 0:
                clawed_back.add(order_id)
            put(
                currency,
                SettlementLine(
                    transaction_id=f"t{next(tx)}",
                    kind=LineKind.ADJUSTMENT,
                    type="CHARGE_BACK" if amount < 0 else "PLATFORM_COMPENSATION",
                    order_id=order_id,
                    adjustment=amount,
                    settlement=amount,
                ),
                at_least=slot,
            )
        if draw(st.booleans()):
            skew = draw(st.sampled_from([0, 0, 0, 1, -100]))
            recorded.append(
                RecordedOrder(
                    order_id=order_id, currency=currency, revenue=revenue + _money(currency, skew)
                )
            )
    for currency in CURRENCIES:
        for _ in range(draw(st.integers(0, 2))):
            amount = _money(currency, -draw(st.integers(1, 50_000)))
            put(
                currency,
                SettlementLine(
                    transaction_id=f"t{next(tx)}",
                    kind=LineKind.ADJUSTMENT,
                    type="GMV_PAYMENT_FOR_ADS",
                    adjustment=amount,
                    settlement=amount,
                ),
            )
    statements: list[SettlementStatement] = []
    for index, ((currency, slot), lines) in enumerate(sorted(placed.items())):
        payout = draw(st.integers(0, 1))
        statements.append(
            SettlementStatement(
                statement_id=f"S{index}",
                statement_time=START + timedelta(days=slot),
                currency=currency,
                settlement=sum((line.settlement for line in lines), Decimal(0)),
                payment_id=f"P-{currency}-{payout}",
                payment_status="PAID",
                lines=tuple(lines),
            )
        )
    payouts: list[Payout] = []
    deposits: list[BankDeposit] = []
    for payment_id in sorted({s.payment_id for s in statements}):
        paid = [s for s in statements if s.payment_id == payment_id]
        settlement = sum((s.settlement for s in paid), Decimal(0))
        payouts.append(
            Payout(
                payment_id=payment_id,
                status="PAID",
                currency=paid[0].currency,
                settlement=settlement,
                amount=settlement,
            )
        )
        deposits.append(
            BankDeposit(
                payment_id=payment_id,
                amount=settlement,
                currency=paid[0].currency,
                received_on=date(2025, 9, 30),
            )
        )
    facts = SettlementFacts(
        statements=statements,
        payouts=payouts,
        recorded=recorded,
        unsettled=unsettled,
        deposits=deposits,
    )
    return Month(
        facts=facts,
        order_ids=frozenset(f"57{n:016d}" for n in numbers),
        clawed_back=frozenset(clawed_back),
    )


def _report(facts: SettlementFacts) -> ReconciliationReport:
    return reconcile(facts, period=PERIOD, as_of=AS_OF)


@settings(max_examples=150, deadline=None)
@given(months())
def test_every_order_is_in_exactly_one_category(month: Month) -> None:
    report = _report(month.facts)
    ids = [o.order_id for o in report.orders]
    assert sorted(ids) == sorted(month.order_ids)
    assert len(ids) == len(set(ids))
    assert sum(report.counts.values()) == len(ids)
    for outcome in report.orders:
        assert sum(outcome in report.in_category(c) for c in OrderCategory) == 1


@settings(max_examples=150, deadline=None)
@given(months())
def test_an_order_is_in_a_settled_category_exactly_when_a_statement_line_settles_it(
    month: Month,
) -> None:
    settled_ids = {
        line.order_id
        for s in month.facts.statements
        for line in s.lines
        if line.order_id and line.kind is not LineKind.RESERVE
    }
    for outcome in _report(month.facts).orders:
        assert (outcome.category in SETTLED) == (outcome.order_id in settled_ids)


@settings(max_examples=150, deadline=None)
@given(months())
def test_a_consistent_month_reconciles_every_statement_and_payout(month: Month) -> None:
    report = _report(month.facts)
    assert all(check.ok for check in report.statements)
    assert all(check.findings == () for check in report.payouts)
    assert report.unpaid_statements == ()
    assert report.unmatched_deposits == ()


@settings(max_examples=150, deadline=None)
@given(months())
def test_rows_add_up_exactly_to_the_statements_per_currency_and_within_each_line(
    month: Month,
) -> None:
    rows = _report(month.facts).to_rows()
    for currency in CURRENCIES:
        from_rows = sum(
            (
                r["settlement"]
                for r in rows
                if r["currency"] == currency and isinstance(r["settlement"], Decimal)
            ),
            Decimal(0),
        )
        stated = sum(
            (s.settlement for s in month.facts.statements if s.currency == currency), Decimal(0)
        )
        assert from_rows == stated
    for row in rows:
        assert tuple(row) == ROW_COLUMNS
        if row["transaction_id"] is not None:
            parts = [row[p] for p in SETTLEMENT_PART_COLUMNS]
            assert all(isinstance(p, Decimal) for p in parts)
            assert sum(parts, Decimal(0)) == row["settlement"]  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(months())
def test_totals_never_mix_currencies(month: Month) -> None:
    for totals in _report(month.facts).totals():
        same = [s for s in month.facts.statements if s.currency == totals.currency]
        assert totals.statements_settlement == sum((s.settlement for s in same), Decimal(0))
        assert totals.lines_settlement == totals.statements_settlement
        assert totals.payouts_settlement == totals.statements_settlement


@settings(max_examples=150, deadline=None)
@given(months())
def test_matching_orders_match_and_clawed_back_orders_lost_money_after_settlement(
    month: Month,
) -> None:
    for outcome in _report(month.facts).orders:
        if outcome.category is OrderCategory.SETTLED_MATCHING:
            assert outcome.recorded.revenue == sum(  # type: ignore[union-attr]
                (s.line.revenue for s in outcome.lines),  # type: ignore[union-attr]
                Decimal(0),
            )
        if outcome.category is OrderCategory.REFUNDED_AFTER_SETTLEMENT:
            assert outcome.clawed_back < 0  # type: ignore[union-attr]


def _leaves(value: object) -> Iterator[object]:
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _leaves(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list | tuple | frozenset | set):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


@settings(max_examples=100, deadline=None)
@given(months())
def test_no_float_anywhere_in_the_report_or_its_rows(month: Month) -> None:
    report = _report(month.facts)
    values = [*_leaves(report), *_leaves(report.to_rows()), *_leaves(report.payout_rows())]
    assert not [v for v in values if isinstance(v, float)]


@settings(max_examples=150, deadline=None)
@given(months(), st.data())
def test_a_statement_that_disagrees_with_its_lines_is_found_exactly(
    month: Month, data: st.DataObject
) -> None:
    statements = list(month.facts.statements)
    index = data.draw(st.integers(0, len(statements) - 1))
    target = statements[index]
    delta = _money(target.currency, data.draw(st.integers(-(10**6), 10**6).filter(bool)))
    statements[index] = attrs.evolve(target, settlement=target.settlement + delta)
    report = _report(attrs.evolve(month.facts, statements=statements))
    failing = [c for c in report.statements if not c.ok]
    assert [c.statement.statement_id for c in failing] == [target.statement_id]
    assert failing[0].difference == delta
    [payout] = [p for p in report.payouts if p.payout.payment_id == target.payment_id]
    [finding] = payout.findings
    assert finding.issue is PayoutIssue.STATEMENTS_DIFFER
    assert finding.difference == -delta


@settings(max_examples=100, deadline=None)
@given(months(), st.data())
def test_a_bank_deposit_that_differs_is_found_with_its_difference(
    month: Month, data: st.DataObject
) -> None:
    deposits = list(month.facts.deposits)
    index = data.draw(st.integers(0, len(deposits) - 1))
    target = deposits[index]
    delta = _money(target.currency, data.draw(st.integers(-1000, 1000).filter(bool)))
    deposits[index] = attrs.evolve(target, amount=target.amount + delta)
    report = _report(attrs.evolve(month.facts, deposits=deposits))
    failing = [p for p in report.payouts if not p.ok]
    assert [p.payout.payment_id for p in failing] == [target.payment_id]
    [finding] = failing[0].findings
    assert (finding.issue, finding.difference) == (PayoutIssue.DEPOSIT_DIFFERS, delta)


@settings(max_examples=150, deadline=None)
@given(months())
def test_an_order_is_refunded_after_settlement_exactly_when_money_was_taken_back_for_it(
    month: Month,
) -> None:
    for outcome in _report(month.facts).orders:
        refunded = outcome.category is OrderCategory.REFUNDED_AFTER_SETTLEMENT
        assert refunded == (outcome.order_id in month.clawed_back)
