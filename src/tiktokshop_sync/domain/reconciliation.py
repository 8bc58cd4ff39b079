"""Settlement reconciliation (入金消込): settlement facts in, a report that says why out.

:func:`reconcile` reads :class:`~tiktokshop_sync.domain.settlement.SettlementFacts` and says,
for every order, which one of six things is true and why, whether each statement's lines add
up to it, and whether each payout equals its statements and the bank deposit. Arithmetic is
exact (``Decimal``) and per currency: amounts in different currencies are never added.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Final

from tiktokshop_sync.domain._language import money
from tiktokshop_sync.domain._validate import require_aware
from tiktokshop_sync.domain.settlement import (
    BankDeposit,
    Component,
    ComponentKind,
    LineKind,
    Payout,
    ReconciliationPolicy,
    RecordedOrder,
    ReportPeriod,
    SettlementFacts,
    SettlementStatement,
    UnsettledOrder,
    total,
)
from tiktokshop_sync.domain.settlement_checks import (
    PayoutCheck,
    PayoutFinding,
    PayoutIssue,
    StatementCheck,
)
from tiktokshop_sync.domain.settlement_orders import (
    AwaitingSettlement,
    Difference,
    Measure,
    OrderOutcome,
    OverdueUnsettled,
    PartlySettled,
    RefundedAfterSettlement,
    SettledLine,
    SettledMatching,
    SettledNotRecorded,
    SettledWithDifference,
)
from tiktokshop_sync.domain.settlement_report import ReconciliationReport

__all__ = ["reconcile"]

_ZERO: Final = Decimal(0)


def reconcile(
    facts: SettlementFacts,
    *,
    period: ReportPeriod,
    as_of: datetime,
    policy: ReconciliationPolicy | None = None,
) -> ReconciliationReport:
    """Reconcile the facts: every order in one category, every statement and payout checked.

    The orders are those the facts mention: recorded by the OMS, settled in a statement line,
    or listed as unsettled by TikTok. ``as_of`` (aware) is when "overdue" is judged.
    """
    require_aware("as_of", as_of)
    if not isinstance(facts, SettlementFacts):
        raise TypeError(f"facts must be SettlementFacts, got {type(facts).__name__}")
    if not isinstance(period, ReportPeriod):
        raise TypeError(f"period must be a ReportPeriod, got {type(period).__name__}")
    policy = policy if policy is not None else ReconciliationPolicy()
    by_order, shop_lines = _place_lines(facts.statements)
    recorded = {r.order_id: r for r in facts.recorded}
    unsettled = {u.order_id: u for u in facts.unsettled}
    order_ids = sorted(by_order.keys() | recorded.keys() | unsettled.keys())
    orders = tuple(
        _order_outcome(
            order_id,
            by_order.get(order_id, ()),
            recorded.get(order_id),
            unsettled.get(order_id),
            as_of=as_of,
            policy=policy,
        )
        for order_id in order_ids
    )
    payout_ids = {p.payment_id for p in facts.payouts}
    deposits = {d.payment_id: d for d in facts.deposits}
    return ReconciliationReport(
        period=period,
        as_of=as_of,
        policy=policy,
        orders=orders,
        statements=tuple(_check_statement(s) for s in facts.statements),
        payouts=tuple(
            _check_payout(p, facts.statements, deposits.get(p.payment_id)) for p in facts.payouts
        ),
        shop_lines=tuple(shop_lines),
        unpaid_statements=tuple(
            s.statement_id for s in facts.statements if s.payment_id not in payout_ids
        ),
        unmatched_deposits=tuple(d for d in facts.deposits if d.payment_id not in payout_ids),
    )


def _place_lines(
    statements: Iterable[SettlementStatement],
) -> tuple[dict[str, tuple[SettledLine, ...]], list[SettledLine]]:
    """Each statement line with its statement: per order, or the shop's when it is no order's."""
    by_order: dict[str, list[SettledLine]] = {}
    shop: list[SettledLine] = []
    for statement in sorted(statements, key=lambda s: (s.statement_time, s.statement_id)):
        for line in statement.lines:
            placed = SettledLine(
                statement_id=statement.statement_id,
                statement_time=statement.statement_time,
                payment_id=statement.payment_id,
                currency=statement.currency,
                line=line,
            )
            # A reserve movement names the order it was withheld from, but it is paid out on
            # top of settlements, not as part of the order's: it belongs to the shop's cash.
            if line.order_id and line.kind is not LineKind.RESERVE:
                by_order.setdefault(line.order_id, []).append(placed)
            else:
                shop.append(placed)
    return {k: tuple(v) for k, v in by_order.items()}, shop


def _explain(
    lines: Iterable[SettledLine], currency: str, wanted: frozenset[ComponentKind]
) -> tuple[Component, ...]:
    """TikTok's non-zero breakdown amounts of ``wanted`` kinds, summed per (kind, field)."""
    sums: dict[tuple[ComponentKind, str], Decimal] = {}
    for settled in lines:
        if settled.currency != currency:
            continue
        for component in settled.line.itemised():
            if component.kind in wanted:
                key = (component.kind, component.code)
                sums[key] = sums.get(key, _ZERO) + component.amount
    order = list(ComponentKind)
    return tuple(
        Component(kind=kind, code=code, amount=amount)
        for (kind, code), amount in sorted(
            sums.items(), key=lambda i: (order.index(i[0][0]), i[0][1])
        )
        if amount
    )


_REVENUE: Final = frozenset({ComponentKind.SALES, ComponentKind.SALES_REFUND})
_ALL_BUT_SALES: Final = frozenset(ComponentKind) - {ComponentKind.SALES}


def _differences(
    lines: Sequence[SettledLine], currency: str, recorded: RecordedOrder
) -> tuple[Difference, ...]:
    currencies = {s.currency for s in lines} | {recorded.currency}
    if len(currencies) > 1:
        return (
            Difference(
                measure=Measure.CURRENCY,
                recorded=None,
                settled=None,
                currency=currency,
                detail=f"OMS {recorded.currency}, TikTok "
                + ", ".join(sorted({s.currency for s in lines})),
            ),
        )
    comparisons = (
        (Measure.REVENUE, recorded.revenue, total(s.line.revenue for s in lines), _REVENUE),
        (
            Measure.SETTLEMENT,
            recorded.expected_settlement,
            total(s.line.settlement for s in lines),
            _ALL_BUT_SALES,
        ),
    )
    return tuple(
        Difference(
            measure=measure,
            recorded=expected,
            settled=actual,
            currency=currency,
            explained_by=_explain(lines, currency, kinds),
        )
        for measure, expected, actual, kinds in comparisons
        if expected is not None and expected != actual
    )


def _order_outcome(
    order_id: str,
    lines: tuple[SettledLine, ...],
    recorded: RecordedOrder | None,
    unsettled: UnsettledOrder | None,
    *,
    as_of: datetime,
    policy: ReconciliationPolicy,
) -> OrderOutcome:
    if lines:
        currency = lines[0].currency
        clawbacks = tuple(s for s in lines if s.line.is_clawback)
        differences = () if recorded is None else _differences(lines, currency, recorded)
        if clawbacks:
            return RefundedAfterSettlement(
                order_id=order_id,
                currency=currency,
                lines=lines,
                clawbacks=clawbacks,
                recorded=recorded,
                differences=differences,
            )
        if recorded is None:
            return SettledNotRecorded(order_id=order_id, currency=currency, lines=lines)
        if differences and unsettled is not None:
            return PartlySettled(
                order_id=order_id,
                currency=currency,
                lines=lines,
                recorded=recorded,
                unsettled=unsettled,
                differences=differences,
            )
        if differences:
            return SettledWithDifference(
                order_id=order_id,
                currency=currency,
                lines=lines,
                recorded=recorded,
                differences=differences,
            )
        return SettledMatching(order_id=order_id, currency=currency, lines=lines, recorded=recorded)
    currency = (
        recorded.currency if recorded is not None else unsettled.currency if unsettled else ""
    )
    delivered_at = (recorded.delivered_at if recorded else None) or (
        unsettled.delivered_at if unsettled else None
    )
    reason = unsettled.reason if unsettled is not None else ""
    if delivered_at is not None and as_of - delivered_at > policy.overdue_after:
        return OverdueUnsettled(
            order_id=order_id,
            currency=currency,
            delivered_at=delivered_at,
            days_since_delivery=(as_of - delivered_at).days,
            reason=reason,
            recorded=recorded,
            unsettled=unsettled,
        )
    return AwaitingSettlement(
        order_id=order_id,
        currency=currency,
        delivered_at=delivered_at,
        reason=reason,
        recorded=recorded,
        unsettled=unsettled,
    )


def _check_statement(statement: SettlementStatement) -> StatementCheck:
    return StatementCheck(
        statement=statement,
        lines_settlement=total(line.settlement for line in statement.lines),
        lines_reserve=total(line.reserve for line in statement.lines),
        line_discrepancies=tuple(d for line in statement.lines for d in line.discrepancies()),
    )


def _check_payout(
    payout: Payout, statements: Iterable[SettlementStatement], deposit: BankDeposit | None
) -> PayoutCheck:
    paid = [s for s in statements if s.payment_id == payout.payment_id]
    findings: list[PayoutFinding] = []
    settlement: Decimal | None = None
    reserve: Decimal | None = None
    if not paid:
        findings.append(PayoutFinding(issue=PayoutIssue.NO_STATEMENTS))
    elif {s.currency for s in paid} != {payout.currency}:
        currencies = ", ".join(sorted({s.currency for s in paid}))
        findings.append(
            PayoutFinding(
                issue=PayoutIssue.CURRENCY_MISMATCH,
                detail=f"statements {currencies}, payout {payout.currency}",
            )
        )
    else:
        settlement = total(s.settlement for s in paid)
        reserve = total(s.reserve for s in paid)
        if settlement != payout.settlement:
            findings.append(
                PayoutFinding(
                    issue=PayoutIssue.STATEMENTS_DIFFER, difference=payout.settlement - settlement
                )
            )
        if reserve != payout.reserve:
            findings.append(
                PayoutFinding(
                    issue=PayoutIssue.RESERVE_DIFFERS, difference=payout.reserve - reserve
                )
            )
    if not payout.is_paid:
        findings.append(PayoutFinding(issue=PayoutIssue.NOT_PAID, detail=payout.status))
    if deposit is None:
        if payout.is_paid:
            findings.append(PayoutFinding(issue=PayoutIssue.DEPOSIT_MISSING))
    elif deposit.currency != payout.amount_currency:
        findings.append(
            PayoutFinding(
                issue=PayoutIssue.CURRENCY_MISMATCH,
                detail=f"deposit {deposit.currency}, payout {payout.amount_currency}",
            )
        )
    elif deposit.amount != payout.amount:
        difference = deposit.amount - payout.amount
        findings.append(
            PayoutFinding(
                issue=PayoutIssue.DEPOSIT_DIFFERS,
                difference=difference,
                detail=money(difference, deposit.currency),
            )
        )
    return PayoutCheck(
        payout=payout,
        statement_ids=tuple(s.statement_id for s in paid),
        statements_settlement=settlement,
        statements_reserve=reserve,
        deposit=deposit,
        findings=tuple(findings),
    )
