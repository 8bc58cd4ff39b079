"""The reconciliation report: its outcomes and checks, summaries in two languages, flat rows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Final, TypeAlias

import attrs

from tiktokshop_sync._core.tabular import Tabular
from tiktokshop_sync.domain._language import Language, check_language, money, pick
from tiktokshop_sync.domain.settlement import (
    BankDeposit,
    ComponentKind,
    LineKind,
    ReconciliationPolicy,
    ReportPeriod,
    total,
)
from tiktokshop_sync.domain.settlement_checks import PayoutCheck, PayoutIssue, StatementCheck
from tiktokshop_sync.domain.settlement_orders import (
    AwaitingSettlement,
    Measure,
    OrderCategory,
    OrderOutcome,
    OverdueUnsettled,
    PartlySettled,
    SettledLine,
    SettledNotRecorded,
)

__all__ = [
    "PAYOUT_COLUMNS",
    "ROW_COLUMNS",
    "SETTLEMENT_PART_COLUMNS",
    "CurrencyTotals",
    "ReconciliationReport",
    "RowValue",
]

RowValue: TypeAlias = str | Decimal | date | int | None
"""A cell of :meth:`ReconciliationReport.to_rows`: text, an exact amount, a date, a count."""

_ZERO: Final = Decimal(0)


@attrs.frozen(kw_only=True)
class CurrencyTotals:
    """A report's sums in one currency (amounts in different currencies are never added)."""

    currency: str
    statements_settlement: Decimal
    """TikTok's statement totals."""
    statements_reserve: Decimal
    lines_settlement: Decimal
    """Every line of those statements; equal to the above when the statements add up."""
    payouts_settlement: Decimal
    """The settlement amounts of the payouts in this currency."""
    recorded_revenue: Decimal
    """The revenue the OMS recorded for the report's orders."""
    settled_revenue: Decimal
    """The revenue TikTok settled for the report's orders."""


#: The amount columns of a settled row whose sum is its ``settlement``.
SETTLEMENT_PART_COLUMNS: Final = (
    "revenue",
    "shipping",
    "commission",
    "payment_fee",
    "affiliate_fee",
    "service_fee",
    "other_fee",
    "tax",
    "adjustment",
)

#: The columns of :meth:`ReconciliationReport.to_rows`, in order (stable: hosts key on them).
ROW_COLUMNS: Final = (
    "category",
    "order_id",
    "currency",
    "statement_id",
    "statement_date",
    "payment_id",
    "transaction_id",
    "transaction_type",
    *SETTLEMENT_PART_COLUMNS,
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

#: The columns of :meth:`ReconciliationReport.payout_rows`, in order.
PAYOUT_COLUMNS: Final = (
    "payment_id",
    "status",
    "currency",
    "statement_ids",
    "statements_settlement",
    "payout_settlement",
    "statements_reserve",
    "payout_reserve",
    "payout_amount",
    "payout_currency",
    "paid_on",
    "deposit_amount",
    "deposit_on",
    "deposit_difference",
    "ok",
    "note",
)


_FEE_COLUMNS: Final = (
    ("commission", ComponentKind.COMMISSION),
    ("payment_fee", ComponentKind.PAYMENT_FEE),
    ("affiliate_fee", ComponentKind.AFFILIATE),
    ("service_fee", ComponentKind.SERVICE_FEE),
    ("other_fee", ComponentKind.OTHER_FEE),
    ("tax", ComponentKind.TAX),
)


@attrs.frozen(kw_only=True)
class ReconciliationReport(Tabular):
    """The reconciliation of a period: orders, statements and payouts, as values that say why."""

    period: ReportPeriod
    as_of: datetime
    policy: ReconciliationPolicy
    orders: tuple[OrderOutcome, ...]
    """One outcome per order, sorted by order id."""
    statements: tuple[StatementCheck, ...]
    payouts: tuple[PayoutCheck, ...]
    shop_lines: tuple[SettledLine, ...]
    """Lines that are no order's: shop-level adjustments (ads paid from GMV, penalties...)
    and reserve movements."""
    unpaid_statements: tuple[str, ...]
    """Statements no given payout pays (TikTok has not paid them, or the payout is missing)."""
    unmatched_deposits: tuple[BankDeposit, ...]
    """Deposits naming a payout that is not in the facts."""

    def in_category(self, category: OrderCategory) -> tuple[OrderOutcome, ...]:
        """The orders in ``category``."""
        return tuple(o for o in self.orders if o.category is category)

    @property
    def counts(self) -> Mapping[OrderCategory, int]:
        """How many orders are in each category (every category listed, zeros included)."""
        return {c: len(self.in_category(c)) for c in OrderCategory}

    @property
    def ok(self) -> bool:
        """Nothing needs attention: orders, statements and payouts all reconcile."""
        return (
            not any(o.category.needs_attention for o in self.orders)
            and all(s.ok for s in self.statements)
            and all(p.ok for p in self.payouts)
            and not self.unmatched_deposits
        )

    def totals(self) -> tuple[CurrencyTotals, ...]:
        """The report's sums, one entry per currency, sorted by currency code."""
        currencies = sorted(
            {c.statement.currency for c in self.statements}
            | {p.payout.currency for p in self.payouts}
            | {o.currency for o in self.orders if o.currency}
        )
        return tuple(self._totals(currency) for currency in currencies)

    def _totals(self, currency: str) -> CurrencyTotals:
        statements = [c for c in self.statements if c.statement.currency == currency]
        settled_revenue = total(
            s.line.revenue
            for o in self.orders
            if not isinstance(o, OverdueUnsettled | AwaitingSettlement)
            for s in o.lines
            if s.currency == currency
        )
        return CurrencyTotals(
            currency=currency,
            statements_settlement=total(c.statement.settlement for c in statements),
            statements_reserve=total(c.statement.reserve for c in statements),
            lines_settlement=total(c.lines_settlement for c in statements),
            payouts_settlement=total(
                p.payout.settlement for p in self.payouts if p.payout.currency == currency
            ),
            recorded_revenue=total(
                o.recorded.revenue
                for o in self.orders
                if not isinstance(o, SettledNotRecorded)
                and o.recorded is not None
                and o.recorded.currency == currency
            ),
            settled_revenue=settled_revenue,
        )

    def describe(self, language: Language = "en") -> str:
        """A summary a person reads: counts, sums per currency, and every item needing attention."""
        zone = self.policy.zone
        when = self.as_of.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")
        first, last = self.period.first_day, self.period.last_day
        lines = [
            pick(
                language,
                f"Settlement reconciliation {first} to {last} (as of {when})",
                f"入金消込レポート {first}〜{last}（{when} 時点）",
            )
        ]
        counted = [(c, n) for c, n in self.counts.items() if n]
        lines.append(
            pick(
                language,
                f"orders: {len(self.orders)} ("
                + (", ".join(f"{c.label('en')} {n}" for c, n in counted) or "none")
                + ")",
                f"注文 {len(self.orders)}件（"
                + ("、".join(f"{c.label('ja')} {n}件" for c, n in counted) or "なし")
                + "）",
            )
        )
        for t in self.totals():
            lines.append(
                pick(
                    language,
                    f"{t.currency}: statements settle {money(t.statements_settlement, t.currency)}"
                    f", payouts {money(t.payouts_settlement, t.currency)}",
                    f"{t.currency}: 明細書の精算額 {money(t.statements_settlement, t.currency)}"
                    f"、入金の精算額 {money(t.payouts_settlement, t.currency)}",
                )
            )
        attention = [
            *(o.describe(language) for o in self.orders if o.category.needs_attention),
            *(c.describe(language) for c in self.statements if not c.ok),
            *(p.describe(language) for p in self.payouts if not p.ok),
            *(
                pick(
                    language,
                    f"deposit {money(d.amount, d.currency)} on {d.received_on} names payout "
                    f"{d.payment_id}, which is not in the report",
                    f"{d.received_on} の入金 {money(d.amount, d.currency)} の入金ID "
                    f"{d.payment_id} がレポートにありません",
                )
                for d in self.unmatched_deposits
            ),
        ]
        if attention:
            lines.append(pick(language, "needs attention:", "要確認:"))
            lines.extend(f"- {item}" for item in attention)
        else:
            lines.append(pick(language, "everything reconciles", "すべて消込済みです"))
        return "\n".join(lines)

    def to_rows(self, language: Language = "en") -> list[dict[str, RowValue]]:
        """Flat rows for CSV or a spreadsheet: one per settled line, one per unsettled order.

        Columns are :data:`ROW_COLUMNS`. Order-level figures (recorded amounts, differences)
        appear on an order's first row only, so a column total counts each order once; on
        every settled line the :data:`SETTLEMENT_PART_COLUMNS` add up to ``settlement``.
        """
        check_language(language)
        rows: list[dict[str, RowValue]] = []
        for outcome in self.orders:
            rows.extend(self._order_rows(outcome, language))
        for settled in self.shop_lines:
            category = "reserve" if settled.line.kind is LineKind.RESERVE else "shop_adjustment"
            rows.append(self._line_row(category, settled))
        return rows

    def _order_rows(self, outcome: OrderOutcome, language: Language) -> list[dict[str, RowValue]]:
        head: dict[str, RowValue] = {"note": outcome.describe(language)}
        recorded = outcome.recorded if not isinstance(outcome, SettledNotRecorded) else None
        if recorded is not None:
            head["recorded_revenue"] = recorded.revenue
            head["recorded_settlement"] = recorded.expected_settlement
        if isinstance(outcome, PartlySettled):
            head["unsettled_reason"] = outcome.reason or None
        for difference in getattr(outcome, "differences", ()):
            if difference.measure is Measure.REVENUE:
                head["revenue_difference"] = difference.delta
            elif difference.measure is Measure.SETTLEMENT:
                head["settlement_difference"] = difference.delta
        if isinstance(outcome, OverdueUnsettled | AwaitingSettlement):
            row = dict.fromkeys(ROW_COLUMNS)
            row.update(head)
            row["category"] = outcome.category.value
            row["order_id"] = outcome.order_id
            row["currency"] = outcome.currency or None
            if outcome.delivered_at is not None:
                row["delivered_on"] = outcome.delivered_at.astimezone(self.policy.zone).date()
            if isinstance(outcome, OverdueUnsettled):
                row["days_since_delivery"] = outcome.days_since_delivery
            row["unsettled_reason"] = outcome.reason or None
            return [row]
        rows = [self._line_row(outcome.category.value, s) for s in outcome.lines]
        rows[0].update(head)
        return rows

    def _line_row(self, category: str, settled: SettledLine) -> dict[str, RowValue]:
        line = settled.line
        fees = line.fees_by_kind
        row: dict[str, RowValue] = dict.fromkeys(ROW_COLUMNS)
        row.update(
            category=category,
            order_id=line.order_id or None,
            currency=settled.currency,
            statement_id=settled.statement_id,
            statement_date=settled.statement_time.astimezone(self.policy.zone).date(),
            payment_id=settled.payment_id or None,
            transaction_id=line.transaction_id,
            transaction_type=line.type or line.kind.value,
            revenue=line.revenue,
            shipping=line.shipping,
            adjustment=line.adjustment,
            reserve=line.reserve,
            settlement=line.settlement,
        )
        for column, kind in _FEE_COLUMNS:
            row[column] = fees.get(kind, _ZERO)
        return row

    def payout_rows(self, language: Language = "en") -> list[dict[str, RowValue]]:
        """One row per payout, columns :data:`PAYOUT_COLUMNS`."""
        rows: list[dict[str, RowValue]] = []
        for check in self.payouts:
            p, d = check.payout, check.deposit
            differs = [f for f in check.findings if f.issue is PayoutIssue.DEPOSIT_DIFFERS]
            rows.append(
                {
                    "payment_id": p.payment_id,
                    "status": p.status,
                    "currency": p.currency,
                    "statement_ids": " ".join(check.statement_ids),
                    "statements_settlement": check.statements_settlement,
                    "payout_settlement": p.settlement,
                    "statements_reserve": check.statements_reserve,
                    "payout_reserve": p.reserve,
                    "payout_amount": p.amount,
                    "payout_currency": p.amount_currency,
                    "paid_on": None
                    if p.paid_at is None
                    else p.paid_at.astimezone(self.policy.zone).date(),
                    "deposit_amount": None if d is None else d.amount,
                    "deposit_on": None if d is None else d.received_on,
                    "deposit_difference": differs[0].difference if differs else None,
                    "ok": "yes" if check.ok else "no",
                    "note": check.describe(language),
                }
            )
        return rows
