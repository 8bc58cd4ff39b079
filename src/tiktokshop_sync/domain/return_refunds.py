"""Refunds against the settlement (返金と入金の照合): what returns refunded vs what TikTok deducted.

:func:`reconcile_refunds` reads the returns whose refund is decided and the settlement
reconciliation report (:func:`~tiktokshop_sync.domain.reconciliation.reconcile`) and says, per
order, whether TikTok's settlement lines took back what the refunds imply — the mismatch
Japanese sellers name 「決済と返金処理の不一致」.

What is compared is revenue, on the seller's side. A settlement line deducts a refund as
``refund_subtotal_before_discount_amount`` ("the total price of all refunded items before any
seller discounts", negative) plus ``seller_discount_refund_amount`` (the seller's discount
given back), so it takes back the price after the seller's discount. A return's
``refund_subtotal`` is what the buyer paid for the goods ("the total price of all items
returned", and ``refund_total = refund_subtotal + shipping + tax``), which is that price less
TikTok's own discount; TikTok paid that discount to the seller, so the refund takes it back too
(``discount_amount.product_platform_discount``). Hence the expected deduction is
``refund_subtotal + product_platform_discount`` per return (or the partial refund the buyer
accepted). This relation is inferred from the field descriptions; the figures and TikTok's
lines are shown with every result so a person can check it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Final

import attrs

from tiktokshop_sync.domain._language import Language, money, pick
from tiktokshop_sync.domain.return_events import latest_facts
from tiktokshop_sync.domain.returns import ReturnFacts
from tiktokshop_sync.domain.settlement import Component, ComponentKind, total
from tiktokshop_sync.domain.settlement_orders import (
    PartlySettled,
    RefundedAfterSettlement,
    SettledLine,
    SettledMatching,
    SettledNotRecorded,
    SettledWithDifference,
)
from tiktokshop_sync.domain.settlement_report import ReconciliationReport

__all__ = [
    "REFUND_DECIDED_STATUSES",
    "RefundCategory",
    "RefundCheck",
    "RefundReconciliation",
    "expected_deduction",
    "reconcile_refunds",
]

#: Statuses where a refund's amount is decided: approved ("the buyer will be refunded"),
#: completed ("has been refunded") and a replacement "resolved by refund".
REFUND_DECIDED_STATUSES: Final = frozenset(
    {
        "RETURN_OR_REFUND_REQUEST_SUCCESS",
        "RETURN_OR_REFUND_REQUEST_COMPLETE",
        "REPLACEMENT_REQUEST_REFUND_SUCCESS",
    }
)
_ZERO: Final = Decimal(0)
_SETTLED = (
    SettledMatching,
    SettledWithDifference,
    SettledNotRecorded,
    RefundedAfterSettlement,
    PartlySettled,
)


class RefundCategory(enum.Enum):
    """How an order's refunds compare with the settlement; each order is in exactly one."""

    MATCHING = "matching"
    """TikTok deducted what the refunds imply."""
    DIFFERENT = "different"
    """TikTok deducted another amount (or in another currency)."""
    NOT_YET_DEDUCTED = "not_yet_deducted"
    """The order is settled but no refund is deducted yet (it comes in a later statement)."""
    NOT_SETTLED = "not_settled"
    """The order has no settled line in the report yet: nothing to compare."""
    DEDUCTED_WITHOUT_RETURN = "deducted_without_return"
    """TikTok deducted a refund, but no refunded return is known for the order (a
    cancellation's refund, or a return not imported)."""
    UNCOMPARABLE = "uncomparable"
    """A figure is missing: the return has no refund amount, or TikTok's lines do not
    itemise revenue."""

    @property
    def needs_attention(self) -> bool:
        """Whether someone should look at the orders in this category."""
        return self in (
            RefundCategory.DIFFERENT,
            RefundCategory.DEDUCTED_WITHOUT_RETURN,
            RefundCategory.UNCOMPARABLE,
        )

    def label(self, language: Language = "en") -> str:
        """The category's name in ``language``."""
        en, ja = _LABELS[self]
        return pick(language, en, ja)


_LABELS: Final = {
    RefundCategory.MATCHING: ("refund matches the settlement", "返金と入金明細が一致"),
    RefundCategory.DIFFERENT: ("refund differs from the settlement", "返金と入金明細に差異"),
    RefundCategory.NOT_YET_DEDUCTED: ("refund not deducted yet", "返金は未控除"),
    RefundCategory.NOT_SETTLED: ("order not settled yet", "注文は未入金"),
    RefundCategory.DEDUCTED_WITHOUT_RETURN: (
        "refund deducted without a known return",
        "返品記録のない返金控除",
    ),
    RefundCategory.UNCOMPARABLE: ("cannot compare: a figure is missing", "金額不明のため照合不可"),
}


def expected_deduction(facts: ReturnFacts) -> tuple[Decimal | None, str]:
    """(amount, currency) a decided refund takes from the seller's revenue; None if unknown.

    The partial refund when the buyer accepted one; otherwise ``refund_subtotal`` plus the
    refunded TikTok-funded discount (see the module docstring for why).
    """
    if facts.partial_refund_accepted and facts.partial_refund is not None:
        currency = facts.partial_refund_currency or (facts.refund.currency if facts.refund else "")
        return facts.partial_refund, currency
    refund = facts.refund
    if refund is None or refund.subtotal is None:
        return None, refund.currency if refund else ""
    return refund.subtotal + (refund.platform_discount or _ZERO), refund.currency


def _ids(returns: tuple[ReturnFacts, ...]) -> str:
    return (
        "("
        + ", ".join(repr(f.return_id) for f in returns)
        + ("," if len(returns) == 1 else "")
        + ")"
    )


@attrs.frozen(kw_only=True)
class RefundCheck:
    """One order: its decided refunds, TikTok's refund deductions, and how they compare."""

    order_id: str
    category: RefundCategory
    currency: str
    """The settlement's currency (or the refunds' when the order is not settled)."""
    expected: Decimal | None
    """What the refunds take from revenue (positive), None when a return gives no amount."""
    deducted: Decimal | None
    """What TikTok's settlement lines deducted as refunds (positive), None when none settled."""
    returns: tuple[ReturnFacts, ...] = attrs.field(repr=_ids)
    lines: tuple[SettledLine, ...] = attrs.field(repr=lambda lines: f"<{len(lines)} lines>")
    explained_by: tuple[Component, ...] = ()
    """TikTok's refund amounts behind :attr:`deducted`, summed per field (negative, as TikTok
    signs them)."""
    detail: str = ""
    """For a currency difference or a missing figure: which."""

    @property
    def difference(self) -> Decimal | None:
        """Deducted minus expected (None unless both are known in one currency)."""
        if self.expected is None or self.deducted is None or self.detail:
            return None
        return self.deducted - self.expected

    def describe(self, language: Language = "en") -> str:
        """One line: the order, the refunds, what TikTok deducted, and the verdict."""
        ids = ", ".join(f.return_id for f in self.returns)
        cur = self.currency or "?"
        expected = "?" if self.expected is None else money(self.expected, cur)
        deducted = "?" if self.deducted is None else money(self.deducted, cur)
        label = self.category.label(language)
        extra = f" ({self.detail})" if self.detail else ""
        if self.category is RefundCategory.DEDUCTED_WITHOUT_RETURN:
            return pick(
                language,
                f"order {self.order_id}: TikTok deducted {deducted} as refunds; {label}{extra}",
                f"注文 {self.order_id}: 入金明細で {deducted} が返金として控除。{label}{extra}",
            )
        difference = self.difference
        delta_en = f", difference {money(difference, cur)}" if difference else ""
        delta_ja = f"（差額 {money(difference, cur)}）" if difference else ""
        return pick(
            language,
            f"order {self.order_id}: returns {ids} refund {expected} of revenue, TikTok "
            f"deducted {deducted}{delta_en}; {label}{extra}",
            f"注文 {self.order_id}: 返品 {ids} の返金 {expected}、入金明細の控除 "
            f"{deducted}{delta_ja}。{label}{extra}",
        )


@attrs.frozen(kw_only=True)
class RefundReconciliation:
    """Every order with a decided refund or a refund deduction, each in one category."""

    checks: tuple[RefundCheck, ...]

    def in_category(self, category: RefundCategory) -> tuple[RefundCheck, ...]:
        """The orders in ``category``."""
        return tuple(c for c in self.checks if c.category is category)

    @property
    def counts(self) -> Mapping[RefundCategory, int]:
        """How many orders are in each category (zeros included)."""
        return {cat: len(self.in_category(cat)) for cat in RefundCategory}

    @property
    def ok(self) -> bool:
        """No order needs attention."""
        return not any(c.category.needs_attention for c in self.checks)

    def describe(self, language: Language = "en") -> str:
        """Counts per category, then one line per order that needs attention."""
        counted = [(cat, n) for cat, n in self.counts.items() if n]
        counts = pick(
            language,
            ", ".join(f"{cat.label('en')}: {n}" for cat, n in counted) or "no refunds",
            "、".join(f"{cat.label('ja')} {n}件" for cat, n in counted) or "返金なし",
        )
        lines = [c.describe(language) for c in self.checks if c.category.needs_attention]
        return "\n".join([counts, *(f"  {line}" for line in lines)])


def _refund_parts(lines: Iterable[SettledLine], currency: str) -> tuple[Component, ...]:
    sums: dict[str, Decimal] = {}
    for settled in lines:
        if settled.currency != currency:
            continue
        for component in settled.line.components:
            if component.kind is ComponentKind.SALES_REFUND and component.amount:
                sums[component.code] = sums.get(component.code, _ZERO) + component.amount
    return tuple(
        Component(kind=ComponentKind.SALES_REFUND, code=code, amount=amount)
        for code, amount in sorted(sums.items())
        if amount
    )


_REVENUE: Final = frozenset({ComponentKind.SALES, ComponentKind.SALES_REFUND})


def _check(
    order_id: str, returns: tuple[ReturnFacts, ...], lines: tuple[SettledLine, ...]
) -> RefundCheck | None:
    refunds = [expected_deduction(f) for f in returns]
    refund_currencies = {c for _, c in refunds if c}
    currency = lines[0].currency if lines else min(refund_currencies, default="")
    parts = _refund_parts(lines, currency)
    deducted = -total(c.amount for c in parts) if parts else None

    def check(category: RefundCategory, expected: Decimal | None, detail: str = "") -> RefundCheck:
        return RefundCheck(
            order_id=order_id,
            category=category,
            currency=currency,
            expected=expected,
            deducted=deducted,
            returns=returns,
            lines=lines,
            explained_by=parts,
            detail=detail,
        )

    known = [amount for amount, _ in refunds if amount is not None]
    expected = total(known) if len(known) == len(refunds) and refunds else None
    if not returns:
        return check(RefundCategory.DEDUCTED_WITHOUT_RETURN, None) if parts else None
    if not lines:
        return check(RefundCategory.NOT_SETTLED, expected)
    if refund_currencies - {currency}:
        detail = f"refunds {', '.join(sorted(refund_currencies))}, settlement {currency}"
        return check(RefundCategory.DIFFERENT, expected, detail)
    if not any(s.line.itemises(_REVENUE) for s in lines):
        return check(RefundCategory.UNCOMPARABLE, expected, "settlement revenue not itemised")
    if not parts:
        return check(RefundCategory.NOT_YET_DEDUCTED, expected)
    if expected is None:
        return check(RefundCategory.UNCOMPARABLE, None, "no refund amount on a return")
    category = RefundCategory.MATCHING if expected == deducted else RefundCategory.DIFFERENT
    return check(category, expected)


def reconcile_refunds(
    returns: Iterable[ReturnFacts], report: ReconciliationReport
) -> RefundReconciliation:
    """Compare the decided refunds of ``returns`` with the refunds the report's lines deduct.

    Only the newest snapshot of each request counts. Returns whose refund is not decided yet
    (pending, rejected, cancelled...) are left out; orders with neither a decided refund nor a
    refund deduction are not listed.
    """
    if not isinstance(report, ReconciliationReport):
        raise TypeError(f"report must be a ReconciliationReport, got {type(report).__name__}")
    decided: dict[str, list[ReturnFacts]] = {}
    for facts in latest_facts(returns):
        if facts.status in REFUND_DECIDED_STATUSES:
            decided.setdefault(facts.order_id, []).append(facts)
    settled = {o.order_id: o.lines for o in report.orders if isinstance(o, _SETTLED)}
    checks = (
        _check(
            order_id,
            tuple(decided.get(order_id, ())),
            settled.get(order_id, ()),
        )
        for order_id in sorted(decided.keys() | settled.keys())
    )
    return RefundReconciliation(checks=tuple(c for c in checks if c is not None))
