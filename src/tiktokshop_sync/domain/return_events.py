"""What an OMS hears about a request: each step (requested, approved, refunded...) exactly once.

:func:`return_changes` compares what is already known about a request (a
:class:`ReturnState`) with TikTok's current facts and gives the steps not delivered yet, each
with a stable :attr:`ReturnEvent.key` a workflow's ledger records once the host has it. A
status implies every step that must have happened to reach it (``RETURN_OR_REFUND_REQUEST_
COMPLETE`` implies requested, approved and refunded), so a step is never lost when polling
skipped a status, snapshots arrive in any order give the same steps, and an unchanged request
gives none. :data:`STATUS_EVENTS` is the table, with its evidence.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Final

import attrs

from tiktokshop_sync.domain._language import Language, money, pick
from tiktokshop_sync.domain._validate import require_text
from tiktokshop_sync.domain.returns import ReturnFacts, ReturnKind
from tiktokshop_sync.domain.settlement import _optional_aware

__all__ = [
    "ARBITRATION_DECIDED",
    "STATUS_EVENTS",
    "ReturnChanges",
    "ReturnEvent",
    "ReturnEventKind",
    "ReturnState",
    "event_key",
    "implied_events",
    "latest_facts",
    "return_changes",
]


class ReturnEventKind(enum.Enum):
    """A step of a request the OMS cares about, in the order they usually happen."""

    REQUESTED = "requested"
    """The buyer (or the seller, or TikTok) opened the request."""
    OFFER_MADE = "offer_made"
    """The seller offered something else (a partial refund); the buyer has to answer."""
    REJECTED = "rejected"
    """The request was refused (the buyer may appeal to TikTok)."""
    ARBITRATION_OPENED = "arbitration_opened"
    """TikTok's staff are deciding a dispute about the request."""
    ARBITRATION_CLOSED = "arbitration_closed"
    """TikTok's staff decided (for the buyer or the seller) or closed the dispute."""
    APPROVED = "approved"
    """Accepted by the seller or TikTok: a return may be shipped back, a refund will be paid,
    a replacement order will be created."""
    ITEM_SHIPPED_BACK = "item_shipped_back"
    """The buyer sent the goods back (a return tracking number may be known)."""
    ITEM_RECEIVED = "item_received"
    """The goods are back with the seller (expect them in the warehouse: inspect, restock)."""
    PACKAGE_REJECTED = "package_rejected"
    """The seller inspected the returned goods and refused the refund for them."""
    REFUNDED = "refunded"
    """The buyer has been refunded."""
    CANCELLED = "cancelled"
    """The buyer withdrew the request, or TikTok closed it (e.g. goods not shipped back in time)."""

    def label(self, language: Language = "en") -> str:
        """The step's name in ``language``."""
        en, ja = _EVENT_LABELS[self]
        return pick(language, en, ja)


_EVENT_LABELS: Final = {
    ReturnEventKind.REQUESTED: ("requested", "申請あり"),
    ReturnEventKind.OFFER_MADE: (
        "partial refund offered, awaiting the buyer",
        "部分返金を提案済み（購入者の回答待ち）",
    ),
    ReturnEventKind.REJECTED: ("rejected", "却下"),
    ReturnEventKind.ARBITRATION_OPENED: ("in TikTok's arbitration", "TikTokによる仲裁中"),
    ReturnEventKind.ARBITRATION_CLOSED: ("arbitration closed", "仲裁終了"),
    ReturnEventKind.APPROVED: ("approved", "承認"),
    ReturnEventKind.ITEM_SHIPPED_BACK: ("goods shipped back by the buyer", "購入者が返送済み"),
    ReturnEventKind.ITEM_RECEIVED: ("goods back with the seller", "返品を受領"),
    ReturnEventKind.PACKAGE_REJECTED: (
        "returned goods refused after inspection",
        "返品の検品で受け取り拒否",
    ),
    ReturnEventKind.REFUNDED: ("refunded", "返金完了"),
    ReturnEventKind.CANCELLED: ("withdrawn or closed", "取り下げ・クローズ"),
}

_E = ReturnEventKind

#: The steps each ``return_status`` implies, with the steps before it. From the status lists of
#: Search Returns (api/return-and-refund/search-returns.spec.json, ``return_status``) and the
#: type-12 webhook (guides/webhooks/return-and-refund/12-return-status-change.md):
#: ``AWAITING_BUYER_SHIP`` "the return request was approved"; ``BUYER_SHIPPED_ITEM`` the
#: buyer shipped the goods; ``REJECT_RECEIVE_PACKAGE`` "seller inspected the returned items and
#: rejected"; ``RETURN_OR_REFUND_REQUEST_SUCCESS`` "approved, the buyer will be refunded";
#: ``..._COMPLETE`` "the buyer has been refunded"; ``..._CANCEL`` "cancelled by the buyer or
#: system"; ``REPLACEMENT_REQUEST_REFUND_SUCCESS`` "resolved by refund" (so refunded, not
#: approved as a replacement); ``REPLACEMENT_REQUEST_COMPLETE`` "approved, platform will
#: generate a new order". A return-and-refund reaching SUCCESS or COMPLETE also implies the
#: goods came back unless the buyer keeps them or TikTok still waits for the seller to
#: confirm the package (see :func:`implied_events`; inferred, TikTok has no status for it).
STATUS_EVENTS: Final[Mapping[str, tuple[ReturnEventKind, ...]]] = {
    "RETURN_OR_REFUND_REQUEST_PENDING": (_E.REQUESTED,),
    "AWAITING_BUYER_RESPONSE": (_E.REQUESTED, _E.OFFER_MADE),
    "REFUND_OR_RETURN_REQUEST_REJECT": (_E.REQUESTED, _E.REJECTED),
    "AWAITING_BUYER_SHIP": (_E.REQUESTED, _E.APPROVED),
    "BUYER_SHIPPED_ITEM": (_E.REQUESTED, _E.APPROVED, _E.ITEM_SHIPPED_BACK),
    "REJECT_RECEIVE_PACKAGE": (
        _E.REQUESTED,
        _E.APPROVED,
        _E.ITEM_SHIPPED_BACK,
        _E.ITEM_RECEIVED,
        _E.PACKAGE_REJECTED,
    ),
    "RETURN_OR_REFUND_REQUEST_SUCCESS": (_E.REQUESTED, _E.APPROVED),
    "RETURN_OR_REFUND_REQUEST_COMPLETE": (_E.REQUESTED, _E.APPROVED, _E.REFUNDED),
    "RETURN_OR_REFUND_REQUEST_CANCEL": (_E.REQUESTED, _E.CANCELLED),
    # The webhook page's trigger list spells the closed status RETURN_OR_REFUND__REQUEST_
    # CANCELLED while its table and the API say ..._CANCEL; the cancellation API really sends
    # both spellings of its own (CANCELLATION_REQUEST_CANCEL/_CANCELLED), so both are read.
    "RETURN_OR_REFUND_REQUEST_CANCELLED": (_E.REQUESTED, _E.CANCELLED),
    "REPLACEMENT_REQUEST_PENDING": (_E.REQUESTED,),
    "REPLACEMENT_REQUEST_REJECT": (_E.REQUESTED, _E.REJECTED),
    "REPLACEMENT_REQUEST_REFUND_SUCCESS": (_E.REQUESTED, _E.REFUNDED),
    "REPLACEMENT_REQUEST_CANCEL": (_E.REQUESTED, _E.CANCELLED),
    "REPLACEMENT_REQUEST_COMPLETE": (_E.REQUESTED, _E.APPROVED),
}

#: Arbitration statuses that mean TikTok's staff are done (search-returns.spec.json).
ARBITRATION_DECIDED: Final = frozenset({"SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED"})

_GOODS_BACK: Final = frozenset(
    {"RETURN_OR_REFUND_REQUEST_SUCCESS", "RETURN_OR_REFUND_REQUEST_COMPLETE"}
)
_CONFIRM_PACKAGE: Final = "SELLER_RESPOND_RECEIVE_PACKAGE"

# How far along each status is, to tell the newer of two snapshots with the same update time.
_STAGE: Final = {
    "RETURN_OR_REFUND_REQUEST_PENDING": 0,
    "REPLACEMENT_REQUEST_PENDING": 0,
    "AWAITING_BUYER_RESPONSE": 1,
    "REFUND_OR_RETURN_REQUEST_REJECT": 2,
    "REPLACEMENT_REQUEST_REJECT": 2,
    "AWAITING_BUYER_SHIP": 3,
    "BUYER_SHIPPED_ITEM": 4,
    "REJECT_RECEIVE_PACKAGE": 5,
    "RETURN_OR_REFUND_REQUEST_SUCCESS": 6,
    "RETURN_OR_REFUND_REQUEST_COMPLETE": 7,
    "RETURN_OR_REFUND_REQUEST_CANCEL": 7,
    "RETURN_OR_REFUND_REQUEST_CANCELLED": 7,
    "REPLACEMENT_REQUEST_COMPLETE": 7,
    "REPLACEMENT_REQUEST_CANCEL": 7,
    "REPLACEMENT_REQUEST_REFUND_SUCCESS": 7,
}
_ORDER: Final = {kind: index for index, kind in enumerate(ReturnEventKind)}
_ARBITRATION: Final = (ReturnEventKind.ARBITRATION_OPENED, ReturnEventKind.ARBITRATION_CLOSED)


def _dispute_after(refusal: ReturnEventKind) -> dict[ReturnEventKind, int]:
    """The step order with the dispute moved to right after ``refusal``."""
    steps: list[ReturnEventKind] = [k for k in ReturnEventKind if k not in _ARBITRATION]
    at = steps.index(refusal) + 1
    return {kind: n for n, kind in enumerate([*steps[:at], *_ARBITRATION, *steps[at:]])}


# A dispute follows the refusal it is about (search-returns: arbitration is the buyer's appeal
# of a seller's rejection): after PACKAGE_REJECTED when the returned goods were refused.
_AFTER_PACKAGE_REJECTED: Final = _dispute_after(ReturnEventKind.PACKAGE_REJECTED)
_EARLIEST: Final = datetime.min.replace(tzinfo=timezone.utc)


def event_key(return_id: str, kind: ReturnEventKind) -> str:
    """The ledger key of a step of a request: ``return:<return_id>:<step>``."""
    return f"return:{return_id}:{kind.value}"


def implied_events(facts: ReturnFacts) -> tuple[ReturnEventKind, ...]:
    """Every step the facts show has happened, in :class:`ReturnEventKind` order (a dispute of
    refused goods after the refusal).

    A status this version does not know implies only that the request exists (REQUESTED).
    """
    found = set(STATUS_EVENTS.get(facts.status, (ReturnEventKind.REQUESTED,)))
    waits_for_package = any(a.action == _CONFIRM_PACKAGE for a in facts.next_actions)
    # TikTok has no status for "goods received": a return-and-refund is approved (SUCCESS)
    # once the seller confirms the package (APPROVE_RECEIVED_PACKAGE), or TikTok does for them
    # when they do not answer in time. A speedy refund pays before that, while TikTok still
    # lists SELLER_RESPOND_RECEIVE_PACKAGE, and a buyer who keeps the goods sends none back.
    if (
        facts.status in _GOODS_BACK
        and facts.kind is ReturnKind.RETURN_AND_REFUND
        and facts.item_comes_back
        and not waits_for_package
    ):
        found |= {ReturnEventKind.ITEM_SHIPPED_BACK, ReturnEventKind.ITEM_RECEIVED}
    if facts.arbitration_status:
        found.add(ReturnEventKind.ARBITRATION_OPENED)
        if facts.arbitration_status in ARBITRATION_DECIDED:
            found.add(ReturnEventKind.ARBITRATION_CLOSED)
    disputed_package = (
        ReturnEventKind.PACKAGE_REJECTED in found and ReturnEventKind.REJECTED not in found
    )
    order = _AFTER_PACKAGE_REJECTED if disputed_package else _ORDER
    return tuple(sorted(found, key=order.__getitem__))


def _kinds(value: Iterable[ReturnEventKind]) -> frozenset[ReturnEventKind]:
    return frozenset(value)


def _all_kinds(instance: object, attribute: object, value: frozenset[object]) -> None:
    if not all(isinstance(kind, ReturnEventKind) for kind in value):
        raise TypeError(f"ReturnState.delivered must hold ReturnEventKind values, got {value!r}")


@attrs.frozen(kw_only=True)
class ReturnState:
    """What is known about a request: the steps already delivered and the latest status seen.

    A workflow keeps it (or rebuilds it from its ledger keys with :meth:`from_keys`) and
    stores the next one only after the host has the events.
    """

    return_id: str = attrs.field(validator=require_text)
    delivered: frozenset[ReturnEventKind] = attrs.field(
        default=frozenset(), converter=_kinds, validator=_all_kinds
    )
    status: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    """The newest ``return_status`` seen ("" before any)."""
    updated_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    """Its ``update_time``."""

    @classmethod
    def from_keys(
        cls,
        return_id: str,
        keys: Iterable[str],
        *,
        status: str = "",
        updated_at: datetime | None = None,
    ) -> ReturnState:
        """The state whose delivered steps are this request's keys among ``keys``."""
        prefix = f"return:{return_id}:"
        by_value = {kind.value: kind for kind in ReturnEventKind}
        delivered = {
            by_value[key[len(prefix) :]]
            for key in keys
            if key.startswith(prefix) and key[len(prefix) :] in by_value
        }
        return cls(return_id=return_id, delivered=delivered, status=status, updated_at=updated_at)

    def keys(self) -> frozenset[str]:
        """The ledger keys of the delivered steps."""
        return frozenset(event_key(self.return_id, kind) for kind in self.delivered)


@attrs.frozen(kw_only=True)
class ReturnEvent:
    """A step of a request to deliver to the OMS once (the ledger records :attr:`key`)."""

    key: str
    """``return:<return_id>:<step>``: stable, the same however often the facts are read."""
    kind: ReturnEventKind
    return_id: str
    order_id: str
    return_kind: ReturnKind
    status: str
    """TikTok's status when the step was seen."""
    at: datetime | None
    """When TikTok reports it: the request's creation for REQUESTED, otherwise its last update
    when the step was seen (the history is in Get Return Records)."""
    facts: ReturnFacts = attrs.field(repr=False)
    """Everything TikTok reported with it: lines, refund, return tracking number."""

    def describe(self, language: Language = "en") -> str:
        """One line for a seller: which request, which order, what happened."""
        head = pick(
            language,
            f"{self.return_kind.label('en')} {self.return_id} (order {self.order_id})",
            f"{self.return_kind.label('ja')} {self.return_id}（注文 {self.order_id}）",
        )
        return f"{head}: {self.kind.label(language)}{self._detail(language)}"

    def _detail(self, language: Language) -> str:
        facts = self.facts
        total, currency = facts.buyer_refund
        if self.kind is ReturnEventKind.REFUNDED and total:
            amount = money(total, currency or "?")
            return pick(language, f", {amount}", f"（{amount}）")
        if self.kind is ReturnEventKind.ITEM_SHIPPED_BACK and facts.return_tracking_number:
            number = facts.return_tracking_number
            return pick(language, f", tracking {number}", f"（追跡番号 {number}）")
        if self.kind is ReturnEventKind.ARBITRATION_CLOSED:
            return f" ({facts.arbitration_status})"
        return ""


@attrs.frozen(kw_only=True)
class ReturnChanges:
    """What :func:`return_changes` found: the steps to deliver and the state once they are."""

    events: tuple[ReturnEvent, ...]
    state: ReturnState
    stale: bool
    """The facts are older than what was already seen (their steps still count)."""
    status_known: bool
    """False for a status this version does not know: only REQUESTED is derived from it."""


def _position(status: str, updated_at: datetime | None) -> tuple[datetime, int, str]:
    return (updated_at or _EARLIEST, _STAGE.get(status, -1), status)


def latest_facts(returns: Iterable[ReturnFacts]) -> tuple[ReturnFacts, ...]:
    """The newest snapshot of each request, by return id (pages that overlap repeat some).

    Newest is the later ``update_time``, then the status further along; two snapshots equal
    in both are told apart by a fixed order of their contents, so the input order never
    matters.
    """
    newest: dict[str, ReturnFacts] = {}
    for facts in returns:
        if not isinstance(facts, ReturnFacts):
            raise TypeError(f"returns must hold ReturnFacts, got {type(facts).__name__}")
        held = newest.get(facts.return_id)
        if held is None or _newer(facts, held):
            newest[facts.return_id] = facts
    return tuple(newest[key] for key in sorted(newest))


def _newer(facts: ReturnFacts, than: ReturnFacts) -> bool:
    mine = _position(facts.status, facts.updated_at)
    theirs = _position(than.status, than.updated_at)
    return mine > theirs or (mine == theirs and repr(facts) > repr(than))


def return_changes(previous: ReturnState | None, facts: ReturnFacts) -> ReturnChanges:
    """The steps ``facts`` show that ``previous`` has not delivered, and the state after them.

    Pure: the same state and facts always give the same events. Feeding the new state back
    with the same facts gives no event; facts in any order give the same keys in the end.
    """
    if not isinstance(facts, ReturnFacts):
        raise TypeError(f"facts must be ReturnFacts, got {type(facts).__name__}")
    state = previous if previous is not None else ReturnState(return_id=facts.return_id)
    if not isinstance(state, ReturnState):
        raise TypeError(f"previous must be a ReturnState or None, got {type(state).__name__}")
    if state.return_id != facts.return_id:
        raise ValueError(
            f"the state is of return {state.return_id!r} but the facts are of return "
            f"{facts.return_id!r}; pass each return its own state"
        )
    implied = implied_events(facts)
    seen = _position(state.status, state.updated_at)
    now = _position(facts.status, facts.updated_at)
    stale = bool(state.status) and now < seen
    events = tuple(
        ReturnEvent(
            key=event_key(facts.return_id, kind),
            kind=kind,
            return_id=facts.return_id,
            order_id=facts.order_id,
            return_kind=facts.kind,
            status=facts.status,
            at=(facts.created_at or facts.updated_at)
            if kind is ReturnEventKind.REQUESTED
            else facts.updated_at,
            facts=facts,
        )
        for kind in implied
        if kind not in state.delivered
    )
    newest = state if stale or now == seen else facts
    return ReturnChanges(
        events=events,
        state=ReturnState(
            return_id=facts.return_id,
            delivered=state.delivered | set(implied),
            status=newest.status,
            updated_at=newest.updated_at,
        ),
        stale=stale,
        status_known=facts.status in STATUS_EVENTS,
    )
