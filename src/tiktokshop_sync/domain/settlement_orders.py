"""What a reconciliation says about each order: one of six outcomes, each saying why.

Every order a report covers is in exactly one :class:`OrderCategory`; the outcome classes
carry the lines TikTok settled, the OMS's record and, where they disagree, the
:class:`Difference` with TikTok's breakdown lines behind its figure.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, Final, TypeAlias

import attrs

from tiktokshop_sync.domain._language import Language, kind_label, money, pick
from tiktokshop_sync.domain.settlement import (
    Component,
    LineKind,
    RecordedOrder,
    SettlementLine,
    UnsettledOrder,
    total,
)

__all__ = [
    "AwaitingSettlement",
    "Difference",
    "Measure",
    "OrderCategory",
    "OrderOutcome",
    "OverdueUnsettled",
    "PartlySettled",
    "RefundedAfterSettlement",
    "SettledLine",
    "SettledMatching",
    "SettledNotRecorded",
    "SettledWithDifference",
]


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
    PARTLY_SETTLED = "partly_settled"
    """TikTok settled part of it (some SKUs) and still lists the order as unsettled: the OMS's
    figures are compared once the rest is settled, not reported as a difference now."""
    OVERDUE_UNSETTLED = "overdue_unsettled"
    """Delivered longer ago than the policy allows, and still not settled."""
    AWAITING_SETTLEMENT = "awaiting_settlement"
    """Not settled yet, and not overdue (not delivered, or delivered recently)."""

    @property
    def needs_attention(self) -> bool:
        """Whether someone should look at the orders in this category."""
        return self not in (
            OrderCategory.SETTLED_MATCHING,
            OrderCategory.PARTLY_SETTLED,
            OrderCategory.AWAITING_SETTLEMENT,
        )

    def label(self, language: Language = "en") -> str:
        """The category's name in ``language``."""
        en, ja = _CATEGORY_LABELS[self]
        return pick(language, en, ja)


_CATEGORY_LABELS: Final = {
    OrderCategory.SETTLED_MATCHING: ("settled, matching", "消込済（一致）"),
    OrderCategory.SETTLED_WITH_DIFFERENCE: ("settled with a difference", "差異あり"),
    OrderCategory.SETTLED_NOT_RECORDED: ("settled, not in the OMS", "OMS未登録の入金"),
    OrderCategory.REFUNDED_AFTER_SETTLEMENT: ("refunded after settlement", "入金後の返金・相殺"),
    OrderCategory.PARTLY_SETTLED: ("partly settled, rest awaited", "一部入金済み（残り入金待ち）"),
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
    detail: str = ""
    """For a currency difference, the currencies on each side."""

    @property
    def delta(self) -> Decimal | None:
        """Settled minus recorded (None for a currency difference)."""
        if self.recorded is None or self.settled is None:
            return None
        return self.settled - self.recorded

    def describe(self, language: Language = "en") -> str:
        """One sentence: what differs, by how much, and the lines that explain it."""
        if self.measure is Measure.CURRENCY:
            return pick(
                language,
                f"currencies differ ({self.detail}); amounts were not compared",
                f"通貨が異なります（{self.detail}）。金額は比較していません",
            )
        assert self.recorded is not None and self.settled is not None and self.delta is not None
        what_en = "revenue" if self.measure is Measure.REVENUE else "settlement"
        what_ja = "売上" if self.measure is Measure.REVENUE else "入金額"
        parts = ", ".join(
            f"{kind_label(c.kind, language)} {c.code} {money(c.amount, self.currency)}"
            for c in self.explained_by
        )
        recorded, settled = (
            money(self.recorded, self.currency),
            money(self.settled, self.currency),
        )
        delta = money(self.delta, self.currency)
        return pick(
            language,
            f"{what_en} recorded {recorded}, settled {settled} (difference {delta})"
            + (f"; TikTok's breakdown: {parts}" if parts else ""),
            f"{what_ja}: OMS {recorded}、TikTok {settled}（差額 {delta}）"
            + (f"。TikTokの内訳: {parts}" if parts else ""),
        )


def _settled(lines: Sequence[SettledLine], currency: str) -> Decimal:
    return total(s.line.settlement for s in lines if s.currency == currency)


@attrs.frozen(kw_only=True)
class _Settled:
    """What every outcome of a settled order has: its lines, in their statements' currency."""

    order_id: str
    currency: str
    lines: tuple[SettledLine, ...]

    @property
    def settled(self) -> Decimal:
        """The net amount TikTok settled for the order (in :attr:`currency`)."""
        return _settled(self.lines, self.currency)


@attrs.frozen(kw_only=True)
class _NotSettled:
    """What every outcome of an order not settled yet has."""

    order_id: str
    currency: str
    """The OMS's or TikTok's currency for the order ("" when neither gave one)."""
    reason: str
    """TikTok's ``unsettled_reason`` ("" when the order is not in TikTok's unsettled list)."""
    recorded: RecordedOrder | None
    unsettled: UnsettledOrder | None


@attrs.frozen(kw_only=True)
class SettledMatching(_Settled):
    """TikTok settled the order and it matches the OMS's record."""

    category: ClassVar[OrderCategory] = OrderCategory.SETTLED_MATCHING
    recorded: RecordedOrder

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        amount = money(self.settled, self.currency)
        return pick(
            language,
            f"order {self.order_id}: settled {amount}, as the OMS recorded",
            f"注文 {self.order_id}: {amount} 入金済み、OMSの記録と一致",
        )


@attrs.frozen(kw_only=True)
class SettledWithDifference(_Settled):
    """TikTok settled the order, and at least one figure differs from the OMS's record."""

    category: ClassVar[OrderCategory] = OrderCategory.SETTLED_WITH_DIFFERENCE
    recorded: RecordedOrder
    differences: tuple[Difference, ...]

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        what = "; ".join(d.describe(language) for d in self.differences)
        return pick(language, f"order {self.order_id}: {what}", f"注文 {self.order_id}: {what}")


@attrs.frozen(kw_only=True)
class SettledNotRecorded(_Settled):
    """TikTok settled an order the OMS has no record of (an import gap, or another shop's)."""

    category: ClassVar[OrderCategory] = OrderCategory.SETTLED_NOT_RECORDED

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        amount = money(self.settled, self.currency)
        return pick(
            language,
            f"order {self.order_id}: TikTok settled {amount} but the OMS has no such order; "
            f"import it or check the shop",
            f"注文 {self.order_id}: TikTokは {amount} を入金しましたが、OMSに注文がありません。"
            f"取り込み漏れかショップ違いを確認してください",
        )


@attrs.frozen(kw_only=True)
class RefundedAfterSettlement(_Settled):
    """Money was taken back after the order was settled: a refund or a negative adjustment."""

    category: ClassVar[OrderCategory] = OrderCategory.REFUNDED_AFTER_SETTLEMENT
    clawbacks: tuple[SettledLine, ...]
    recorded: RecordedOrder | None
    differences: tuple[Difference, ...] = ()
    """How the OMS's record compares with the net settlement, refunds included."""

    @property
    def clawed_back(self) -> Decimal:
        """The (negative) sum taken back."""
        return _settled(self.clawbacks, self.currency)

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        taken = money(self.clawed_back, self.currency)
        kinds = ", ".join(
            sorted(
                {
                    s.line.type or s.line.kind.value
                    if s.line.kind is LineKind.ADJUSTMENT
                    else pick(language, "refund", "返金")
                    for s in self.clawbacks
                }
            )
        )
        net = money(self.settled, self.currency)
        extra = "; ".join(d.describe(language) for d in self.differences)
        return pick(
            language,
            f"order {self.order_id}: {taken} taken back after settlement ({kinds}); net {net}"
            + (f"; {extra}" if extra else ""),
            f"注文 {self.order_id}: 入金後に {taken} が相殺されました（{kinds}）。差引 {net}"
            + (f"。{extra}" if extra else ""),
        )


@attrs.frozen(kw_only=True)
class PartlySettled(_Settled):
    """TikTok settled part of the order (SKUs settle in their own statements) and still lists
    it as unsettled: what differs from the OMS so far is the part still to come, not an error.

    ``differences`` compare the OMS's record with the part settled so far, for reference.
    """

    category: ClassVar[OrderCategory] = OrderCategory.PARTLY_SETTLED
    recorded: RecordedOrder
    unsettled: UnsettledOrder
    differences: tuple[Difference, ...] = ()

    @property
    def reason(self) -> str:
        """TikTok's ``unsettled_reason`` for the rest ("" when it gave none)."""
        return self.unsettled.reason

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        so_far = money(self.settled, self.currency)
        estimate = self.unsettled.estimated_settlement
        en = f"order {self.order_id}: partly settled ({so_far} so far); TikTok lists the rest as "
        en += "unsettled"
        ja = f"注文 {self.order_id}: 一部入金済み（これまで {so_far}）。残りはTikTokで未入金"
        if estimate is not None:
            en += f", estimate {money(estimate, self.unsettled.currency)}"
            ja += f"、見込み {money(estimate, self.unsettled.currency)}"
        if self.reason:
            en += f"; TikTok's reason: {self.reason}"
            ja += f"。TikTokの理由: {self.reason}"
        return pick(language, en, ja)


@attrs.frozen(kw_only=True)
class OverdueUnsettled(_NotSettled):
    """Delivered longer ago than the policy allows and still not settled."""

    category: ClassVar[OrderCategory] = OrderCategory.OVERDUE_UNSETTLED
    delivered_at: datetime
    days_since_delivery: int

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
        return pick(
            language,
            f"order {self.order_id}: delivered {self.days_since_delivery} days ago and not "
            f"settled; {why_en}",
            f"注文 {self.order_id}: 配達から{self.days_since_delivery}日経過、未入金。{why_ja}",
        )


@attrs.frozen(kw_only=True)
class AwaitingSettlement(_NotSettled):
    """Not settled yet, and not overdue."""

    category: ClassVar[OrderCategory] = OrderCategory.AWAITING_SETTLEMENT
    delivered_at: datetime | None

    def describe(self, language: Language = "en") -> str:
        """Why the order is in its category."""
        if self.delivered_at is None:
            en, ja = "not delivered yet", "未配達"
        else:
            en, ja = "delivered recently", "配達済み（入金待ちの期間内）"
        if self.reason:
            en, ja = f"{en}; TikTok's reason: {self.reason}", f"{ja}。TikTokの理由: {self.reason}"
        return pick(
            language,
            f"order {self.order_id}: awaiting settlement, {en}",
            f"注文 {self.order_id}: 入金待ち、{ja}",
        )


OrderOutcome: TypeAlias = (
    SettledMatching
    | SettledWithDifference
    | SettledNotRecorded
    | RefundedAfterSettlement
    | PartlySettled
    | OverdueUnsettled
    | AwaitingSettlement
)
"""What the report says about one order."""
