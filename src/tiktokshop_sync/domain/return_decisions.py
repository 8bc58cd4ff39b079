"""A seller's after-sales rules as a plan: which pending requests to approve, and which to leave.

:func:`plan_return_decisions` reads the pending answers (:func:`~tiktokshop_sync.domain.
return_actions.pending_actions`) and a :class:`ReturnPolicy` and returns decisions as values:
:class:`Approve`, :class:`OfferPartialRefund` or :class:`LeaveToSeller`, each saying why. It
calls nothing; a host applies the plan (``shop.returns.approve_return(...)`` with the
decision's ``idempotency_key``, so applying twice after a crash approves once). The rules a
seller can switch on are the common ones; the rest is never automatic: a rejection (it needs
a reason and evidence), a return whose goods must come back (they need inspecting), the
inspection itself, a replacement (it needs stock), a request in TikTok's arbitration.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Iterable
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any, ClassVar, Final, TypeAlias

import attrs

from tiktokshop_sync.domain._language import Language, money, pick
from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.return_actions import PendingAction, pending_actions
from tiktokshop_sync.domain.return_events import ARBITRATION_DECIDED
from tiktokshop_sync.domain.returns import ReturnFacts, ReturnKind

__all__ = [
    "AfterSalesDecision",
    "Approve",
    "LeaveReason",
    "LeaveToSeller",
    "OfferPartialRefund",
    "ReturnDecisionPlan",
    "ReturnPolicy",
    "SellerDecision",
    "plan_return_decisions",
]

_CURRENCY: Final = re.compile(r"[A-Z]{3}")
#: The largest limit a policy takes (whole currency units): beyond it, it is surely a typo.
MAX_LIMIT: Final = 100_000_000
_KEY_PREFIX: Final = "tiktokshop-sync"


def _whole_number(value: object) -> int | None:
    """The int a float or Decimal such as 3000.0 stands for (None for anything else)."""
    try:
        if isinstance(value, float | Decimal) and math.isfinite(value) and value == int(value):
            return int(value)
    except (ArithmeticError, ValueError):  # a signalling NaN refuses even to be compared
        pass
    return None


def _limit(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    name = f"ReturnPolicy.{attribute.name}"
    if isinstance(value, bool) or not isinstance(value, int):
        whole = _whole_number(value)
        if whole is not None:
            hint = f"; write {whole} (a whole number, no decimal point)"
        else:
            hint = "; e.g. 3000 for ¥3,000, or None to switch the rule off"
        raise DomainConfigError(
            f"{name} must be a whole number of {instance.currency} (int) or None, got "
            f"{type(value).__name__} {value!r}{hint}"
        )
    if not 1 <= value <= MAX_LIMIT:
        raise DomainConfigError(
            f"{name} must be from 1 to {MAX_LIMIT:,} {instance.currency}, got {value!r}; "
            f"use None to switch the rule off"
        )


def _percent(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    name = f"ReturnPolicy.{attribute.name}"
    if isinstance(value, bool) or not isinstance(value, int):
        hint = (
            f"; for {value * 100:g} % write {value * 100:g}"
            if isinstance(value, float) and 0 < value < 1
            else ""
        )
        raise DomainConfigError(
            f"{name} must be a whole percentage from 1 to 99 (int) or None, got "
            f"{type(value).__name__} {value!r}{hint}"
        )
    if not 1 <= value <= 99:
        raise DomainConfigError(
            f"{name} must be a whole percentage from 1 to 99, got {value!r}; "
            f"use None to offer no partial refunds"
        )


def _currency(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise DomainConfigError(
            f"ReturnPolicy.currency must be an ISO 4217 code such as 'JPY', got {value!r}"
        )


@attrs.frozen(kw_only=True)
class ReturnPolicy:
    """Which pending requests a plan may approve; everything is off by default.

    ``auto_approve_refunds_under``: approve refund-only requests (the buyer keeps the goods)
    whose refund is below this many ``currency`` units (e.g. 3000 for under ¥3,000).
    ``partial_refund_percent`` with ``partial_refund_under``: instead of taking goods back,
    offer that percentage of the refund (rounded down to whole units) on return requests
    whose refund is below the limit; the buyer decides. Limits are whole numbers (JPY has no
    minor unit), never floats.
    """

    currency: str = attrs.field(default="JPY", validator=_currency)
    auto_approve_refunds_under: int | None = attrs.field(default=None, validator=_limit)
    partial_refund_percent: int | None = attrs.field(default=None, validator=_percent)
    partial_refund_under: int | None = attrs.field(default=None, validator=_limit)

    def __attrs_post_init__(self) -> None:
        if (self.partial_refund_percent is None) != (self.partial_refund_under is None):
            raise DomainConfigError(
                f"ReturnPolicy.partial_refund_percent ({self.partial_refund_percent!r}) and "
                f"ReturnPolicy.partial_refund_under ({self.partial_refund_under!r}) go "
                f"together: set both (e.g. 30 and 2000) or neither"
            )


class SellerDecision(enum.Enum):
    """An answer a plan may give, spelled as Approve Return's ``decision``."""

    APPROVE_REFUND = "APPROVE_REFUND"
    """Approve a refund-only request."""
    OFFER_PARTIAL_REFUND = "OFFER_PARTIAL_REFUND"
    """Offer part of the money instead; the buyer keeps the goods if they accept."""


class LeaveReason(enum.Enum):
    """Why a plan leaves a request to the seller."""

    POLICY_OFF = "policy_off"
    """No rule of the policy covers this kind of request."""
    OVER_LIMIT = "over_limit"
    """The refund is at or over the policy's limit."""
    AMOUNT_UNKNOWN = "amount_unknown"
    """TikTok gave no refund amount to compare with the limit."""
    OTHER_CURRENCY = "other_currency"
    """The refund is in another currency than the policy's."""
    ITEM_MUST_COME_BACK = "item_must_come_back"
    """The goods come back first: approving a return is the seller's call."""
    INSPECT_RETURNED_ITEM = "inspect_returned_item"
    """The returned goods need inspecting before the refund."""
    REPLACEMENT = "replacement"
    """A replacement needs stock and a new shipment."""
    IN_ARBITRATION = "in_arbitration"
    """TikTok's staff are deciding the dispute."""
    OFFER_DECLINED = "offer_declined"
    """The buyer already turned down a partial refund."""
    OFFER_ROUNDS_TO_ZERO = "offer_rounds_to_zero"
    """The percentage of this refund is less than one unit."""
    UNKNOWN_ACTION = "unknown_action"
    """TikTok asks for an answer this version does not know."""

    def describe(self, language: Language = "en") -> str:
        """Why, in ``language``."""
        en, ja = _LEAVE[self]
        return pick(language, en, ja)


_LEAVE: Final = {
    LeaveReason.POLICY_OFF: ("no automatic rule applies", "自動対応のルール対象外"),
    LeaveReason.OVER_LIMIT: ("the refund is at or over the limit", "返金額が上限以上"),
    LeaveReason.AMOUNT_UNKNOWN: ("TikTok gave no refund amount", "返金額が不明"),
    LeaveReason.OTHER_CURRENCY: ("the refund is in another currency", "返金の通貨が異なる"),
    LeaveReason.ITEM_MUST_COME_BACK: (
        "the goods must come back first; never approved automatically",
        "商品の返送が必要なため自動承認しません",
    ),
    LeaveReason.INSPECT_RETURNED_ITEM: (
        "the returned goods need inspecting",
        "返品の検品が必要です",
    ),
    LeaveReason.REPLACEMENT: (
        "a replacement needs stock and a new shipment",
        "交換には在庫と再発送が必要です",
    ),
    LeaveReason.IN_ARBITRATION: ("TikTok is arbitrating", "TikTokが仲裁中"),
    LeaveReason.OFFER_DECLINED: (
        "the buyer already turned down a partial refund",
        "購入者が部分返金を断りました",
    ),
    LeaveReason.OFFER_ROUNDS_TO_ZERO: (
        "the partial refund would be less than one unit",
        "部分返金額が1未満になります",
    ),
    LeaveReason.UNKNOWN_ACTION: (
        "TikTok asks for an answer this version does not know",
        "未対応の依頼です",
    ),
}


@attrs.frozen(kw_only=True)
class _Decision:
    """What every decision has: the request, and the answer TikTok waits for (its deadline)."""

    return_id: str
    order_id: str
    action: PendingAction = attrs.field(repr=False)

    @property
    def deadline(self) -> datetime | None:
        """TikTok's deadline for the answer."""
        return self.action.deadline

    @property
    def why(self) -> str:
        """The rule that decided it (or why none did), in English."""
        return self._rule("en")

    def _rule(self, language: Language) -> str:
        raise NotImplementedError

    def _head(self, language: Language) -> str:
        kind = self.action.return_kind.label(language)
        return pick(
            language,
            f"{kind} {self.return_id} (order {self.order_id})",
            f"{kind} {self.return_id}（注文 {self.order_id}）",
        )


def _idempotency_key(return_id: str, decision: SellerDecision) -> str:
    return f"{_KEY_PREFIX}:{return_id}:{decision.value}"


@attrs.frozen(kw_only=True)
class Approve(_Decision):
    """Approve the request with ``decision``; ``why`` names the rule that allows it."""

    decision: SellerDecision
    refund: Decimal
    currency: str
    limit: int
    """The policy's limit the refund is under."""

    def _rule(self, language: Language) -> str:
        limit = money(Decimal(self.limit), self.currency)
        return pick(language, f"refund only, under {limit}", f"返金のみ・{limit}未満")

    @property
    def idempotency_key(self) -> str:
        """The same key every time this decision is applied: TikTok applies it once."""
        return _idempotency_key(self.return_id, self.decision)

    def describe(self, language: Language = "en") -> str:
        """One line: approve which request, for how much, under which rule."""
        amount = money(self.refund, self.currency)
        return pick(
            language,
            f"{self._head('en')}: approve the refund of {amount} ({self._rule('en')})",
            f"{self._head('ja')}: {amount} の返金を承認（{self._rule('ja')}）",
        )


@attrs.frozen(kw_only=True)
class OfferPartialRefund(_Decision):
    """Offer ``amount`` instead of the full refund; the buyer keeps the goods if they accept."""

    decision: ClassVar[SellerDecision] = SellerDecision.OFFER_PARTIAL_REFUND
    amount: Decimal
    of_refund: Decimal
    """The full refund the buyer asked for."""
    currency: str
    percent: int
    limit: int

    def _rule(self, language: Language) -> str:
        limit = money(Decimal(self.limit), self.currency)
        return pick(
            language,
            f"{self.percent} % instead of a return under {limit}",
            f"{limit}未満の返品は{self.percent}%の部分返金を提案",
        )

    @property
    def idempotency_key(self) -> str:
        """The same key every time this decision is applied: TikTok applies it once."""
        return _idempotency_key(self.return_id, self.decision)

    def describe(self, language: Language = "en") -> str:
        """One line: offer how much instead of what, under which rule."""
        amount, full = money(self.amount, self.currency), money(self.of_refund, self.currency)
        return pick(
            language,
            f"{self._head('en')}: offer a partial refund of {amount} instead of "
            f"{full}, the buyer keeping the goods ({self._rule('en')})",
            f"{self._head('ja')}: {full} の代わりに {amount} の部分返金を提案"
            f"（商品は購入者の手元に残ります。{self._rule('ja')}）",
        )


@attrs.frozen(kw_only=True)
class LeaveToSeller(_Decision):
    """Leave the request to the seller, and why (with the deadline to answer by)."""

    reason: LeaveReason

    def _rule(self, language: Language) -> str:
        return self.reason.describe(language)

    def describe(self, language: Language = "en") -> str:
        """One line: which request the seller must answer, and why no rule answered it."""
        return pick(
            language,
            f"{self._head('en')}: left to the seller, {self._rule('en')} "
            f"({self.action.what('en')})",
            f"{self._head('ja')}: 手動対応（{self._rule('ja')}。{self.action.what('ja')}）",
        )


AfterSalesDecision: TypeAlias = Approve | OfferPartialRefund | LeaveToSeller
"""What a plan says about one pending answer."""


@attrs.frozen(kw_only=True)
class ReturnDecisionPlan:
    """The decisions for every pending answer, most urgent first, and the policy behind them."""

    policy: ReturnPolicy
    decisions: tuple[AfterSalesDecision, ...]

    @property
    def approvals(self) -> tuple[Approve, ...]:
        """The requests to approve."""
        return tuple(d for d in self.decisions if isinstance(d, Approve))

    @property
    def offers(self) -> tuple[OfferPartialRefund, ...]:
        """The partial refunds to offer."""
        return tuple(d for d in self.decisions if isinstance(d, OfferPartialRefund))

    @property
    def left_to_seller(self) -> tuple[LeaveToSeller, ...]:
        """The requests the seller must answer."""
        return tuple(d for d in self.decisions if isinstance(d, LeaveToSeller))

    def describe(self, language: Language = "en") -> str:
        """A dry run: counts, then one line per decision."""
        head = pick(
            language,
            f"{len(self.approvals)} to approve, {len(self.offers)} partial refund(s) to offer, "
            f"{len(self.left_to_seller)} left to the seller",
            f"承認 {len(self.approvals)}件、部分返金の提案 {len(self.offers)}件、"
            f"手動対応 {len(self.left_to_seller)}件",
        )
        return "\n".join([head, *(f"  {d.describe(language)}" for d in self.decisions)])


def _whole(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal(1), rounding=ROUND_DOWN)


def _leave(action: PendingAction, reason: LeaveReason) -> LeaveToSeller:
    return LeaveToSeller(
        return_id=action.return_id, order_id=action.order_id, reason=reason, action=action
    )


def _decide(action: PendingAction, policy: ReturnPolicy) -> AfterSalesDecision:
    facts = action.facts
    if facts.arbitration_status and facts.arbitration_status not in ARBITRATION_DECIDED:
        return _leave(action, LeaveReason.IN_ARBITRATION)
    if action.action == "SELLER_RESPOND_RECEIVE_PACKAGE":
        return _leave(action, LeaveReason.INSPECT_RETURNED_ITEM)
    if action.action == "SELLER_RESPOND_REPLACEMENT" or facts.kind is ReturnKind.REPLACEMENT:
        return _leave(action, LeaveReason.REPLACEMENT)
    if action.action == "SELLER_RESPOND_RETURN":
        return _return_request(action, policy)
    if action.action != "SELLER_RESPOND_REFUND":
        return _leave(action, LeaveReason.UNKNOWN_ACTION)
    if facts.item_comes_back:
        return _leave(action, LeaveReason.ITEM_MUST_COME_BACK)
    limit = policy.auto_approve_refunds_under
    if limit is None:
        return _leave(action, LeaveReason.POLICY_OFF)
    refund = facts.refund
    if refund is None or refund.total is None:
        return _leave(action, LeaveReason.AMOUNT_UNKNOWN)
    if refund.currency != policy.currency:
        return _leave(action, LeaveReason.OTHER_CURRENCY)
    if refund.total >= limit:
        return _leave(action, LeaveReason.OVER_LIMIT)
    return Approve(
        return_id=action.return_id,
        order_id=action.order_id,
        decision=SellerDecision.APPROVE_REFUND,
        refund=refund.total,
        currency=refund.currency,
        limit=limit,
        action=action,
    )


def _return_request(action: PendingAction, policy: ReturnPolicy) -> AfterSalesDecision:
    """A return whose goods must come back: never approved, at most a partial refund offered."""
    facts = action.facts
    percent, limit = policy.partial_refund_percent, policy.partial_refund_under
    if percent is None or limit is None:
        return _leave(action, LeaveReason.ITEM_MUST_COME_BACK)
    if facts.buyer_rejected_partial_refund:
        return _leave(action, LeaveReason.OFFER_DECLINED)
    refund = facts.refund
    if refund is None or refund.total is None:
        return _leave(action, LeaveReason.AMOUNT_UNKNOWN)
    if refund.currency != policy.currency:
        return _leave(action, LeaveReason.OTHER_CURRENCY)
    if refund.total >= limit:
        return _leave(action, LeaveReason.ITEM_MUST_COME_BACK)
    amount = _whole(refund.total * percent / 100)
    if amount < 1:
        return _leave(action, LeaveReason.OFFER_ROUNDS_TO_ZERO)
    return OfferPartialRefund(
        return_id=action.return_id,
        order_id=action.order_id,
        amount=amount,
        of_refund=refund.total,
        currency=refund.currency,
        percent=percent,
        limit=limit,
        action=action,
    )


def plan_return_decisions(
    returns: Iterable[ReturnFacts], policy: ReturnPolicy | None = None
) -> ReturnDecisionPlan:
    """A decision for every answer TikTok waits for, most urgent first; nothing is called.

    Without a policy (or with the default one) every request is left to the seller. A
    rejection is never planned.
    """
    policy = policy if policy is not None else ReturnPolicy()
    if not isinstance(policy, ReturnPolicy):
        raise TypeError(f"policy must be a ReturnPolicy, got {type(policy).__name__}")
    return ReturnDecisionPlan(
        policy=policy,
        decisions=tuple(_decide(action, policy) for action in pending_actions(returns)),
    )
