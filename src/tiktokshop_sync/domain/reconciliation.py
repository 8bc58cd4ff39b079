"""The settlement reconciliation report (入金消込): per order, per statement, per payout.

:func:`reconcile` reads :class:`~tiktokshop_sync.domain.settlement.SettlementFacts` and says,
for every order, which one of six things is true and why, whether each statement's lines add
up to it, and whether each payout equals its statements and the bank deposit. Arithmetic is
exact (``Decimal``) and per currency: amounts in different currencies are never added.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar, Final, Literal, TypeAlias

import attrs

from tiktokshop_sync.domain._validate import require_aware
from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.settlement import (
    BankDeposit,
    Component,
    ComponentKind,
    LineDiscrepancy,
    LineKind,
    Payout,
    ReconciliationPolicy,
    RecordedOrder,
    ReportPeriod,
    SettlementFacts,
    SettlementLine,
    SettlementStatement,
    UnsettledOrder,
    total,
)

__all__ = [
    "PAYOUT_COLUMNS",
    "ROW_COLUMNS",
    "AwaitingSettlement",
    "CurrencyTotals",
    "Difference",
    "Language",
    "Measure",
    "OrderCategory",
    "OrderOutcome",
    "OverdueUnsettled",
    "PayoutCheck",
    "PayoutFinding",
    "PayoutIssue",
    "ReconciliationReport",
    "RefundedAfterSettlement",
    "RowValue",
    "SettledLine",
    "SettledMatching",
    "SettledNotRecorded",
    "SettledWithDifference",
    "StatementCheck",
    "reconcile",
]

Language: TypeAlias = Literal["en", "ja"]
"""The languages :meth:`describe` speaks."""

RowValue: TypeAlias = str | Decimal | date | int | None
"""A cell of :meth:`ReconciliationReport.to_rows`: text, an exact amount, a date, a count."""

_ZERO: Final = Decimal(0)


def _pick(language: Language, en: str, ja: str) -> str:
    if language == "en":
        return en
    if language == "ja":
        return ja
    raise DomainConfigError(f"language must be 'en' or 'ja', got {language!r}")


def _check_language(language: Language) -> None:
    _pick(language, "", "")


def _kind(kind: ComponentKind, language: Language) -> str:
    return _pick(language, kind.label_en, kind.label_ja)


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:,} {currency}"


class OrderCategory(enum.Enum):
    """Where an order stands; every order of a report is in exactly one category."""

    SETTLED_MATCHING = "settled_matching"
    """TikTok settled it and the amounts are what the OMS recorded."""
    SETTLED_WITH_DIFFERENCE = "settled_with_difference"
    """TikTok settled it, but revenue, settlement or currency differ from the OMS."""
    SETTLED_NOT_RECORDED = "settled_not_recorded"
    """TikTok settled an order the OMS has no record of."""
    REFUNDED_AFTER_SETTLEMENT = "refunded_after_settlement"
    """Money was taken back after settlement: a refund or a negative adjustment."""
    OVERDUE_UNSETTLED = "overdue_unsettled"
    """Delivered longer ago than the policy allows, and still not settled."""
    AWAITING_SETTLEMENT = "awaiting_settlement"
    """Not settled yet, and not overdue (not delivered, or delivered recently)."""

    @property
    def needs_attention(self) -> bool:
        """Whether someone should look at the orders in this category."""
        return self not in (OrderCategory.SETTLED_MATCHING, OrderCategory.AWAITING_SETTLEMENT)

    def label(self, language: Language = "en") -> str:
        """The category's name in ``language``."""
        en, ja = _CATEGORY_LABELS[self]
        return _pick(language, en, ja)


_CATEGORY_LABELS: Final = {
    OrderCategory.SETTLED_MATCHING: ("settled, matching", "消込済（一致）"),
    OrderCategory.SETTLED_WITH_DIFFERENCE: ("settled with a difference", "差異あり"),
    OrderCategory.SETTLED_NOT_RECORDED: ("settled, not in the OMS", "OMS未登録の入金"),
    OrderCategory.REFUNDED_AFTER_SETTLEMENT: ("refunded after settlement", "入金後の返金・相殺"),
    OrderCategory.OVERDUE_UNSETTLED: ("delivered, settlement overdue", "配達済み・入金遅延"),
    OrderCategory.AWAITING_SETTLEMENT: ("awaiting settlement", "入金待ち"),
}


@attrs.frozen(kw_only=True)
class SettledLine:
    """A statement line with the statement it came in (for dates, payouts and currency)."""

    statement_id: str
    statement_time: datetime
    payment_id: str
    currency: str
    line: SettlementLine


class Measure(enum.Enum):
    """What a :class:`Difference` compares."""

    REVENUE = "revenue"
    """The OMS's recorded revenue against TikTok's settled revenue."""
    SETTLEMENT = "settlement"
    """The OMS's expected settlement against what TikTok settled."""
    CURRENCY = "currency"
    """The currencies differ, so no amount was compared."""


@attrs.frozen(kw_only=True)
class Difference:
    """A figure the OMS and TikTok disagree on, with the breakdown lines behind TikTok's figure."""

    measure: Measure
    recorded: Decimal | None
    settled: Decimal | None
    currency: str
    explained_by: tuple[Component, ...] = ()
    """TikTok's non-zero breakdown amounts that make up its figure, summed per field."""
    note: str = ""

    @property
    def delta(self) -> Decimal | None:
        """Settled minus recorded (None for a currency difference)."""
        if self.recorded is None or self.settled is None:
            return None
        return self.settled - self.recorded

    def describe(self, language: Language = "en") -> str:
        """One sentence: what differs, by how much, and the lines that explain it."""
        if self.measure is Measure.CURRENCY:
            return _pick(
                language,
                f"currencies differ ({self.note}); amounts were not compared",
                f"通貨が異なります（{self.note}）。金額は比較していません",
            )
        assert self.recorded is not None and self.settled is not None and self.delta is not None
        what_en = "revenue" if self.measure is Measure.REVENUE else "settlement"
        what_ja = "売上" if self.measure is Measure.REVENUE else "入金額"
        parts = ", ".join(
            f"{_kind(c.kind, language)} {c.code} {_money(c.amount, self.currency)}"
            for c in self.explained_by
        )
        recorded, settled = (
            _money(self.recorded, self.currency),
            _money(self.settled, self.currency),
        )
        delta = _money(self.delta, self.currency)
        return _pick(
            language,
            f"{what_en} recorded {recorded}, settled {settled} (difference {delta})"
            + (f"; TikTok's breakdown: {parts}" if parts else ""),
            f"{what_ja}: OMS {recorded}、TikTok {settled}（差額 {delta}）"
            + (f"。TikTokの内訳: {parts}" if parts else ""),
        )


def _settled(lines: Sequence[SettledLine], currency: str) -> Decimal:
    return total(s.line.settlement for s in lines if s.currency == currency)


@attrs.frozen(kw_only=True)
class SettledMatching:
    """TikTok settled the order and it matches the OMS's record."""

    category: ClassVar[OrderCategory] = OrderCategory.SETTLED_MATCHING
    order_id: str
    currency: str
    lines: tuple[SettledLine, ...]
    recorded: RecordedOrder

    @property
    def settled(self) -> Decimal:
        """The net amount TikTok settled for the order."""
        return _settled(self.lines, self.currency)

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        amount = _money(self.settled, self.currency)
        return _pick(
            language,
            f"order {self.order_id}: settled {amount}, as the OMS recorded",
            f"注文 {self.order_id}: {amount} 入金済み、OMSの記録と一致",
        )


@attrs.frozen(kw_only=True)
class SettledWithDifference:
    """TikTok settled the order, and at least one figure differs from the OMS's record."""

    category: ClassVar[OrderCategory] = OrderCategory.SETTLED_WITH_DIFFERENCE
    order_id: str
    currency: str
    lines: tuple[SettledLine, ...]
    recorded: RecordedOrder
    differences: tuple[Difference, ...]

    @property
    def settled(self) -> Decimal:
        """The net amount TikTok settled for the order."""
        return _settled(self.lines, self.currency)

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        what = "; ".join(d.describe(language) for d in self.differences)
        return _pick(language, f"order {self.order_id}: {what}", f"注文 {self.order_id}: {what}")


@attrs.frozen(kw_only=True)
class SettledNotRecorded:
    """TikTok settled an order the OMS has no record of (an import gap, or another shop's)."""

    category: ClassVar[OrderCategory] = OrderCategory.SETTLED_NOT_RECORDED
    order_id: str
    currency: str
    lines: tuple[SettledLine, ...]

    @property
    def settled(self) -> Decimal:
        """The net amount TikTok settled for the order."""
        return _settled(self.lines, self.currency)

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        amount = _money(self.settled, self.currency)
        return _pick(
            language,
            f"order {self.order_id}: TikTok settled {amount} but the OMS has no such order; "
            f"import it or check the shop",
            f"注文 {self.order_id}: TikTokは {amount} を入金しましたが、OMSに注文がありません。"
            f"取り込み漏れかショップ違いを確認してください",
        )


@attrs.frozen(kw_only=True)
class RefundedAfterSettlement:
    """Money was taken back after the order was settled: a refund or a negative adjustment."""

    category: ClassVar[OrderCategory] = OrderCategory.REFUNDED_AFTER_SETTLEMENT
    order_id: str
    currency: str
    lines: tuple[SettledLine, ...]
    clawbacks: tuple[SettledLine, ...]
    recorded: RecordedOrder | None
    differences: tuple[Difference, ...] = ()
    """How the OMS's record compares with the net settlement, refunds included."""

    @property
    def settled(self) -> Decimal:
        """The net amount TikTok settled for the order, clawbacks included."""
        return _settled(self.lines, self.currency)

    @property
    def clawed_back(self) -> Decimal:
        """The (negative) sum taken back."""
        return _settled(self.clawbacks, self.currency)

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        taken = _money(self.clawed_back, self.currency)
        kinds = ", ".join(
            sorted(
                {
                    s.line.type or s.line.kind.value
                    if s.line.kind is LineKind.ADJUSTMENT
                    else _pick(language, "refund", "返金")
                    for s in self.clawbacks
                }
            )
        )
        net = _money(self.settled, self.currency)
        extra = "; ".join(d.describe(language) for d in self.differences)
        return _pick(
            language,
            f"order {self.order_id}: {taken} taken back after settlement ({kinds}); net {net}"
            + (f"; {extra}" if extra else ""),
            f"注文 {self.order_id}: 入金後に {taken} が相殺されました（{kinds}）。差引 {net}"
            + (f"。{extra}" if extra else ""),
        )


@attrs.frozen(kw_only=True)
class OverdueUnsettled:
    """Delivered longer ago than the policy allows and still not settled."""

    category: ClassVar[OrderCategory] = OrderCategory.OVERDUE_UNSETTLED
    order_id: str
    currency: str
    delivered_at: datetime
    days_since_delivery: int
    reason: str
    """TikTok's ``unsettled_reason`` ("" when the order is not in TikTok's unsettled list)."""
    recorded: RecordedOrder | None
    unsettled: UnsettledOrder | None

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        if self.unsettled is None:
            why_en, why_ja = (
                "TikTok does not list it as unsettled either; ask TikTok support",
                "TikTokの未入金一覧にもありません。TikTokに問い合わせてください",
            )
        else:
            why_en = f"TikTok's reason: {self.reason or '(none given)'}"
            why_ja = f"TikTokの理由: {self.reason or '（記載なし）'}"
        return _pick(
            language,
            f"order {self.order_id}: delivered {self.days_since_delivery} days ago and not "
            f"settled; {why_en}",
            f"注文 {self.order_id}: 配達から{self.days_since_delivery}日経過、未入金。{why_ja}",
        )


@attrs.frozen(kw_only=True)
class AwaitingSettlement:
    """Not settled yet, and not overdue."""

    category: ClassVar[OrderCategory] = OrderCategory.AWAITING_SETTLEMENT
    order_id: str
    currency: str
    delivered_at: datetime | None
    reason: str
    recorded: RecordedOrder | None
    unsettled: UnsettledOrder | None

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        if self.delivered_at is None:
            en, ja = "not delivered yet", "未配達"
        else:
            en, ja = "delivered recently", "配達済み（入金待ちの期間内）"
        if self.reason:
            en, ja = f"{en}; TikTok's reason: {self.reason}", f"{ja}。TikTokの理由: {self.reason}"
        return _pick(
            language,
            f"order {self.order_id}: awaiting settlement, {en}",
            f"注文 {self.order_id}: 入金待ち、{ja}",
        )


OrderOutcome: TypeAlias = (
    SettledMatching
    | SettledWithDifference
    | SettledNotRecorded
    | RefundedAfterSettlement
    | OverdueUnsettled
    | AwaitingSettlement
)
"""What the report says about one order."""


@attrs.frozen(kw_only=True)
class StatementCheck:
    """Whether a statement's lines add up to its totals, and TikTok's own line discrepancies."""

    statement: SettlementStatement
    lines_settlement: Decimal
    lines_reserve: Decimal
    line_discrepancies: tuple[LineDiscrepancy, ...]

    @property
    def difference(self) -> Decimal:
        """The statement's settlement minus the sum of its lines' settlements."""
        return self.statement.settlement - self.lines_settlement

    @property
    def reserve_difference(self) -> Decimal:
        """The statement's reserve minus the sum of its lines' reserves."""
        return self.statement.reserve - self.lines_reserve

    @property
    def ok(self) -> bool:
        """The lines add up and none of them disagrees with itself."""
        return not self.difference and not self.reserve_difference and not self.line_discrepancies

    def describe(self, language: Language = "en") -> str:
        """Whether the statement adds up, and by how much it does not."""
        s, cur = self.statement, self.statement.currency
        if self.ok:
            return _pick(
                language,
                f"statement {s.statement_id}: {len(s.lines)} lines add up to "
                f"{_money(s.settlement, cur)}",
                f"明細書 {s.statement_id}: {len(s.lines)}行の合計が "
                f"{_money(s.settlement, cur)} と一致",
            )
        problems_en, problems_ja = [], []
        if self.difference:
            problems_en.append(
                f"lines sum to {_money(self.lines_settlement, cur)}, the statement says "
                f"{_money(s.settlement, cur)}"
            )
            problems_ja.append(
                f"行の合計 {_money(self.lines_settlement, cur)} ≠ "
                f"明細書 {_money(s.settlement, cur)}"
            )
        if self.reserve_difference:
            problems_en.append(
                f"reserves sum to {_money(self.lines_reserve, cur)}, the statement says "
                f"{_money(s.reserve, cur)}"
            )
            problems_ja.append(
                f"留保金の合計 {_money(self.lines_reserve, cur)} ≠ 明細書 {_money(s.reserve, cur)}"
            )
        for d in self.line_discrepancies:
            problems_en.append(
                f"transaction {d.transaction_id}: {d.measure} {_money(d.stated, cur)} but its "
                f"parts sum to {_money(d.parts, cur)}"
            )
            problems_ja.append(
                f"取引 {d.transaction_id}: {d.measure} {_money(d.stated, cur)}、内訳の合計 "
                f"{_money(d.parts, cur)}"
            )
        return _pick(
            language,
            f"statement {s.statement_id}: " + "; ".join(problems_en),
            f"明細書 {s.statement_id}: " + "、".join(problems_ja),
        )


class PayoutIssue(enum.Enum):
    """Something a payout check found."""

    NO_STATEMENTS = "no_statements"
    """None of the statements given names this payout."""
    CURRENCY_MISMATCH = "currency_mismatch"
    """The statements or the deposit are in another currency; those amounts were not compared."""
    STATEMENTS_DIFFER = "statements_differ"
    """The statements' settlements do not add up to the payout's settlement amount."""
    RESERVE_DIFFERS = "reserve_differs"
    """The statements' reserves do not add up to the payout's reserve amount."""
    NOT_PAID = "not_paid"
    """TikTok has not transferred it (PROCESSING or FAILED); no deposit is expected yet."""
    DEPOSIT_MISSING = "deposit_missing"
    """TikTok says it paid, but the host reports no deposit for it."""
    DEPOSIT_DIFFERS = "deposit_differs"
    """The bank deposit differs from the amount TikTok paid (a bank fee, a wrong match...)."""

    @property
    def is_problem(self) -> bool:
        """Whether the finding means the payout does not reconcile (NOT_PAID is only news)."""
        return self is not PayoutIssue.NOT_PAID


@attrs.frozen(kw_only=True)
class PayoutFinding:
    """One issue with a payout, with the difference when it is an amount."""

    issue: PayoutIssue
    difference: Decimal | None = None
    detail: str = ""


@attrs.frozen(kw_only=True)
class PayoutCheck:
    """A payout against the statements it pays and the bank deposit the host reports."""

    payout: Payout
    statement_ids: tuple[str, ...]
    statements_settlement: Decimal | None
    """The statements' settlements summed (None when their currencies differ)."""
    statements_reserve: Decimal | None
    deposit: BankDeposit | None
    findings: tuple[PayoutFinding, ...]

    @property
    def ok(self) -> bool:
        """The payout equals its statements and, once paid, the deposit."""
        return not any(f.issue.is_problem for f in self.findings)

    def describe(self, language: Language = "en") -> str:
        """Whether the payout reconciles, and what does not."""
        p = self.payout
        head_en = (
            f"payout {p.payment_id} ({p.status}, {_money(p.amount, p.amount_currency)}) pays "
            f"{len(self.statement_ids)} statement{'' if len(self.statement_ids) == 1 else 's'}"
        )
        head_ja = (
            f"入金 {p.payment_id}（{p.status}、{_money(p.amount, p.amount_currency)}）: "
            f"明細書 {len(self.statement_ids)}件"
        )
        if not self.findings:
            return _pick(
                language,
                f"{head_en}; they add up and the bank deposit matches",
                f"{head_ja}、合計一致・銀行入金と一致",
            )
        parts = [_finding_text(f, p, language) for f in self.findings]
        return _pick(language, f"{head_en}; " + "; ".join(parts), f"{head_ja}、" + "、".join(parts))


def _finding_text(finding: PayoutFinding, payout: Payout, language: Language) -> str:
    amount = "" if finding.difference is None else _money(finding.difference, payout.currency)
    texts = {
        PayoutIssue.NO_STATEMENTS: ("no statement given names it", "該当する明細書がありません"),
        PayoutIssue.CURRENCY_MISMATCH: (
            f"currencies differ ({finding.detail}), not compared",
            f"通貨が異なるため比較していません（{finding.detail}）",
        ),
        PayoutIssue.STATEMENTS_DIFFER: (
            f"its settlement exceeds its statements' by {amount}",
            f"入金の精算額 − 明細書の合計 = {amount}",
        ),
        PayoutIssue.RESERVE_DIFFERS: (
            f"its reserve exceeds its statements' by {amount}",
            f"入金の留保金 − 明細書の留保金 = {amount}",
        ),
        PayoutIssue.NOT_PAID: ("not transferred yet", "振込未完了"),
        PayoutIssue.DEPOSIT_MISSING: (
            "no bank deposit reported for it",
            "銀行入金が見つかりません",
        ),
        PayoutIssue.DEPOSIT_DIFFERS: (
            f"the bank deposit differs by {finding.detail}",
            f"銀行入金との差 {finding.detail}",
        ),
    }
    en, ja = texts[finding.issue]
    return _pick(language, en, ja)


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
class ReconciliationReport:
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
            _pick(
                language,
                f"Settlement reconciliation {first} to {last} (as of {when})",
                f"入金消込レポート {first}〜{last}（{when} 時点）",
            )
        ]
        counted = [(c, n) for c, n in self.counts.items() if n]
        lines.append(
            _pick(
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
                _pick(
                    language,
                    f"{t.currency}: statements settle {_money(t.statements_settlement, t.currency)}"
                    f", payouts {_money(t.payouts_settlement, t.currency)}",
                    f"{t.currency}: 明細書の精算額 {_money(t.statements_settlement, t.currency)}"
                    f"、入金の精算額 {_money(t.payouts_settlement, t.currency)}",
                )
            )
        attention = [
            *(o.describe(language) for o in self.orders if o.category.needs_attention),
            *(c.describe(language) for c in self.statements if not c.ok),
            *(p.describe(language) for p in self.payouts if not p.ok),
            *(
                _pick(
                    language,
                    f"deposit {_money(d.amount, d.currency)} on {d.received_on} names payout "
                    f"{d.payment_id}, which is not in the report",
                    f"{d.received_on} の入金 {_money(d.amount, d.currency)} の入金ID "
                    f"{d.payment_id} がレポートにありません",
                )
                for d in self.unmatched_deposits
            ),
        ]
        if attention:
            lines.append(_pick(language, "needs attention:", "要確認:"))
            lines.extend(f"- {item}" for item in attention)
        else:
            lines.append(_pick(language, "everything reconciles", "すべて消込済みです"))
        return "\n".join(lines)

    def to_rows(self, language: Language = "en") -> list[dict[str, RowValue]]:
        """Flat rows for CSV or a spreadsheet: one per settled line, one per unsettled order.

        Columns are :data:`ROW_COLUMNS`. Order-level figures (recorded amounts, differences)
        appear on an order's first row only, so a column total counts each order once; on
        every settled line ``revenue + shipping + fees + tax + adjustment == settlement``.
        """
        _check_language(language)
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
                note=f"OMS {recorded.currency}, TikTok "
                + ", ".join(sorted({s.currency for s in lines})),
            ),
        )
    found: list[Difference] = []
    revenue = total(s.line.revenue for s in lines)
    if revenue != recorded.revenue:
        found.append(
            Difference(
                measure=Measure.REVENUE,
                recorded=recorded.revenue,
                settled=revenue,
                currency=currency,
                explained_by=_explain(lines, currency, _REVENUE),
            )
        )
    settled = total(s.line.settlement for s in lines)
    if recorded.expected_settlement is not None and settled != recorded.expected_settlement:
        found.append(
            Difference(
                measure=Measure.SETTLEMENT,
                recorded=recorded.expected_settlement,
                settled=settled,
                currency=currency,
                explained_by=_explain(lines, currency, _ALL_BUT_SALES),
            )
        )
    return tuple(found)


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
                detail=_money(difference, deposit.currency),
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
