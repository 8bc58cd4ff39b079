"""The seller's pending after-sales answers, most urgent first (返品・返金の対応期限).

TikTok lists what it waits for in ``seller_next_action_response`` (an action and a deadline).
When the deadline passes TikTok decides without the seller: it approves the buyer's request,
or treats the returned parcel as accepted. TikTok's API reference says nothing of it; TikTok
Seller University says so for every market it documents (respond "within 1 working day" (TH,
VN) or "2 calendar days" (ID); "if you miss this timeframe, the platform will automatically
approve these requests"), and for Japan it is inferred. :func:`pending_actions` lists the
answers due, sorted so the overdue come first, then the soonest.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo
from typing import Final

import attrs

from tiktokshop_sync.domain._language import Language, pick
from tiktokshop_sync.domain._validate import require_aware
from tiktokshop_sync.domain.business_days import JST
from tiktokshop_sync.domain.return_events import latest_facts
from tiktokshop_sync.domain.returns import ReturnFacts, ReturnKind

__all__ = [
    "DUE_SOON",
    "IfMissed",
    "PendingAction",
    "Urgency",
    "pending_actions",
]

#: How close a deadline is before an answer counts as due soon.
DUE_SOON: Final = timedelta(hours=24)


class IfMissed(enum.Enum):
    """What TikTok does when the seller does not answer in time."""

    TIKTOK_APPROVES = "tiktok_approves"
    """TikTok approves the buyer's request (Seller University: "if you miss this timeframe,
    the platform will automatically approve these requests"; TH, VN, ID; Japan inferred)."""
    TIKTOK_ACCEPTS_PACKAGE = "tiktok_accepts_package"
    """TikTok treats the returned parcel as accepted and refunds the buyer (third-party
    guides: "the platform will confirm the delivery automatically" 8 days after the buyer
    shipped; inferred for Japan)."""
    UNKNOWN = "unknown"
    """An action this version does not know: TikTok's rule for it is unknown."""

    def describe(self, language: Language = "en") -> str:
        """What happens, in ``language``."""
        en, ja = _IF_MISSED[self]
        return pick(language, en, ja)


_IF_MISSED: Final = {
    IfMissed.TIKTOK_APPROVES: (
        "past the deadline TikTok approves the buyer's request",
        "期限を過ぎるとTikTokが購入者の申請を自動承認します",
    ),
    IfMissed.TIKTOK_ACCEPTS_PACKAGE: (
        "past the deadline TikTok accepts the returned goods and refunds the buyer",
        "期限を過ぎるとTikTokが返品を受領済みとして購入者に返金します",
    ),
    IfMissed.UNKNOWN: (
        "what TikTok does past the deadline is not documented",
        "期限を過ぎた場合のTikTokの対応は不明です",
    ),
}

#: TikTok's next actions (search-returns.spec.json, ``seller_next_action_response.action``;
#: SELLER_RESPOND_CANCEL from Search Cancellations): what is asked, and what a miss does.
_ACTIONS: Final = {
    "SELLER_RESPOND_REFUND": (
        ("approve or reject the refund", "返金の承認・却下"),
        IfMissed.TIKTOK_APPROVES,
    ),
    "SELLER_RESPOND_RETURN": (
        ("approve or reject the return", "返品の承認・却下"),
        IfMissed.TIKTOK_APPROVES,
    ),
    "SELLER_RESPOND_REPLACEMENT": (
        ("approve or reject the replacement", "交換の承認・却下"),
        IfMissed.TIKTOK_APPROVES,
    ),
    "SELLER_RESPOND_RECEIVE_PACKAGE": (
        ("inspect the returned goods and accept or refuse them", "返品の検品・受領確認"),
        IfMissed.TIKTOK_ACCEPTS_PACKAGE,
    ),
    "SELLER_RESPOND_CANCEL": (
        ("approve or reject the cancellation", "キャンセルの承認・却下"),
        IfMissed.TIKTOK_APPROVES,
    ),
}

# When TikTok lists no next action, the status still says one is due (its deadline unknown).
_BY_STATUS: Final = {
    ("RETURN_OR_REFUND_REQUEST_PENDING", ReturnKind.REFUND): "SELLER_RESPOND_REFUND",
    ("RETURN_OR_REFUND_REQUEST_PENDING", ReturnKind.RETURN_AND_REFUND): "SELLER_RESPOND_RETURN",
    ("RETURN_OR_REFUND_REQUEST_PENDING", ReturnKind.REPLACEMENT): "SELLER_RESPOND_REPLACEMENT",
    ("REPLACEMENT_REQUEST_PENDING", ReturnKind.REPLACEMENT): "SELLER_RESPOND_REPLACEMENT",
    ("REPLACEMENT_REQUEST_PENDING", ReturnKind.OTHER): "SELLER_RESPOND_REPLACEMENT",
    ("BUYER_SHIPPED_ITEM", ReturnKind.RETURN_AND_REFUND): "SELLER_RESPOND_RECEIVE_PACKAGE",
    ("BUYER_SHIPPED_ITEM", ReturnKind.REPLACEMENT): "SELLER_RESPOND_RECEIVE_PACKAGE",
}


class Urgency(enum.Enum):
    """How pressing an answer is at a given moment, most pressing first."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    LATER = "later"
    NO_DEADLINE = "no_deadline"

    def label(self, language: Language = "en") -> str:
        """The urgency's name in ``language``."""
        en, ja = _URGENCY[self]
        return pick(language, en, ja)


_URGENCY: Final = {
    Urgency.OVERDUE: ("overdue", "期限切れ"),
    Urgency.DUE_SOON: ("due soon", "期限間近"),
    Urgency.LATER: ("due later", "対応待ち"),
    Urgency.NO_DEADLINE: ("no deadline given", "期限不明"),
}


def _span(delta: timedelta, language: Language) -> str:
    hours = int(abs(delta).total_seconds() // 3600)
    days, hours = divmod(hours, 24)
    if days:
        return pick(language, f"{days} d {hours} h", f"{days}日{hours}時間")
    minutes = int(abs(delta).total_seconds() // 60) % 60
    return pick(language, f"{hours} h {minutes} min", f"{hours}時間{minutes}分")


@attrs.frozen(kw_only=True)
class PendingAction:
    """An answer TikTok waits for from the seller about one request, and its deadline."""

    return_id: str
    order_id: str
    return_kind: ReturnKind
    action: str
    """TikTok's code (``SELLER_RESPOND_REFUND``...)."""
    deadline: datetime | None
    """None when TikTok gave no time."""
    status: str
    inferred: bool
    """TikTok listed no next action; the status says this one is due."""
    facts: ReturnFacts = attrs.field(repr=False)

    @property
    def if_missed(self) -> IfMissed:
        """What TikTok does when the deadline passes without an answer."""
        known = _ACTIONS.get(self.action)
        return known[1] if known else IfMissed.UNKNOWN

    def what(self, language: Language = "en") -> str:
        """What the seller is asked to do, in ``language``."""
        known = _ACTIONS.get(self.action)
        if known is None:
            return pick(language, f"answer {self.action}", f"{self.action} への対応")
        en, ja = known[0]
        return pick(language, en, ja)

    def time_left(self, now: datetime) -> timedelta | None:
        """Time until the deadline (negative once passed), None without a deadline."""
        require_aware("now", now)
        return None if self.deadline is None else self.deadline - now

    def urgency(self, now: datetime, *, soon: timedelta = DUE_SOON) -> Urgency:
        """Overdue, due within ``soon``, later, or without a deadline, at ``now``."""
        left = self.time_left(now)
        if left is None:
            return Urgency.NO_DEADLINE
        if left <= timedelta(0):
            return Urgency.OVERDUE
        return Urgency.DUE_SOON if left <= soon else Urgency.LATER

    def describe(self, now: datetime, language: Language = "en", *, zone: tzinfo = JST) -> str:
        """One line for a seller: the request, what to do, by when, and what a miss does."""
        left = self.time_left(now)
        head = pick(
            language,
            f"{self.return_kind.label('en')} {self.return_id} (order {self.order_id}): "
            f"{self.what('en')}",
            f"{self.return_kind.label('ja')} {self.return_id}（注文 {self.order_id}）: "
            f"{self.what('ja')}",
        )
        if self.deadline is None or left is None:
            when = pick(language, "no deadline given", "期限の記載なし")
        else:
            local = self.deadline.astimezone(zone)
            stamp = f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".rstrip()
            span = _span(left, language)
            when = (
                pick(language, f"by {stamp}, {span} left", f"期限 {stamp}（残り{span}）")
                if left > timedelta(0)
                else pick(language, f"was due {stamp}, {span} ago", f"期限 {stamp}（{span}超過）")
            )
        return pick(
            language,
            f"{head}; {when}; {self.if_missed.describe('en')}",
            f"{head}。{when}。{self.if_missed.describe('ja')}",
        )


def _due(facts: ReturnFacts) -> Iterable[PendingAction]:
    if facts.closed:
        return
    listed = [(a.action, a.deadline) for a in facts.next_actions]
    inferred = not listed
    if inferred:
        action = _BY_STATUS.get((facts.status, facts.kind))
        listed = [(action, None)] if action else []
    for action, deadline in listed:
        yield PendingAction(
            return_id=facts.return_id,
            order_id=facts.order_id,
            return_kind=facts.kind,
            action=action,
            deadline=deadline,
            status=facts.status,
            inferred=inferred,
            facts=facts,
        )


def _urgency_order(action: PendingAction) -> tuple[bool, datetime, str, str]:
    # Earliest deadline first puts the overdue (deadlines already passed) before the rest,
    # the most overdue first, whatever "now" is; answers without a deadline come last.
    deadline = action.deadline
    return (
        deadline is None,
        deadline if deadline is not None else datetime.max.replace(tzinfo=JST),
        action.return_id,
        action.action,
    )


def pending_actions(returns: Iterable[ReturnFacts]) -> tuple[PendingAction, ...]:
    """The answers TikTok waits for, overdue first, then the soonest, then those without a deadline.

    Only the newest snapshot of each request counts (:func:`~tiktokshop_sync.domain.
    return_events.latest_facts`). A request that is over (:data:`~tiktokshop_sync.domain.
    returns.CLOSED_STATUSES`) has none even if TikTok still lists one. Ties keep a stable
    order (return id, action).
    """
    found = [action for facts in latest_facts(returns) for action in _due(facts)]
    return tuple(sorted(found, key=_urgency_order))
