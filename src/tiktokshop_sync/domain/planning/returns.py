"""The return import's planner: which after-sales steps reach the OMS, what the seller must answer.

Pure: TikTok's returns as facts (those updated since the cursor, and the requests still waiting
for the seller), the ledger keys of the steps already delivered, and a
:class:`~tiktokshop_sync.domain.return_decisions.ReturnPolicy`, in; out, each step not yet
delivered (once, with its stable key), the answers TikTok waits for (most urgent first) and the
decisions the policy allows. It calls nothing: the workflow delivers the steps, records their
keys once the host has them, and applies a decision only in ``apply``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from tiktokshop_sync.domain.planning._repr import counted
from tiktokshop_sync.domain.return_actions import PendingAction, pending_actions
from tiktokshop_sync.domain.return_decisions import (
    ReturnDecisionPlan,
    ReturnPolicy,
    plan_return_decisions,
)
from tiktokshop_sync.domain.return_events import (
    ReturnEvent,
    ReturnEventKind,
    ReturnState,
    event_key,
    latest_facts,
    return_changes,
)
from tiktokshop_sync.domain.returns import ReturnFacts

__all__ = [
    "KnownReturns",
    "ReturnImportDecisions",
    "UnknownReturnStatus",
    "plan_returns",
    "return_keys_to_read",
]


def _keys(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class KnownReturns:
    """What the state store had recorded before the run: the keys of the steps delivered."""

    keys: frozenset[str] = attrs.field(default=frozenset(), converter=_keys, repr=counted)
    """Ledger keys (``return:<return_id>:<step>``) of steps the OMS already has."""


@attrs.frozen(kw_only=True)
class UnknownReturnStatus:
    """A request in a status this version does not know: only "requested" was derived."""

    return_id: str
    status: str


@attrs.frozen(kw_only=True)
class ReturnImportDecisions:
    """What one return import delivers, surfaces and may decide."""

    events: tuple[ReturnEvent, ...] = attrs.field(default=(), repr=counted)
    """The steps to deliver, request by request (oldest update first), each step once."""
    states: tuple[ReturnState, ...] = attrs.field(default=(), repr=counted)
    """The state of each request with new steps, once they are delivered."""
    pending: tuple[PendingAction, ...] = attrs.field(default=(), repr=counted)
    """The answers TikTok waits for, overdue first, then the soonest."""
    decisions: ReturnDecisionPlan
    """What the policy decides for each pending answer (applied only by the workflow's apply)."""
    unknown_statuses: tuple[UnknownReturnStatus, ...] = attrs.field(default=(), repr=counted)


def return_keys_to_read(returns: Iterable[ReturnFacts]) -> list[str]:
    """Every ledger key a step of these requests may have: what to read from the state store."""
    ids = sorted({facts.return_id for facts in returns})
    return [event_key(return_id, kind) for return_id in ids for kind in ReturnEventKind]


def _changed_first(facts: ReturnFacts) -> tuple[bool, float, str]:
    when = facts.updated_at
    return (when is None, when.timestamp() if when is not None else 0.0, facts.return_id)


def plan_returns(
    changed: Sequence[ReturnFacts],
    known: KnownReturns,
    policy: ReturnPolicy | None = None,
    *,
    open_requests: Sequence[ReturnFacts] = (),
) -> ReturnImportDecisions:
    """Decide one return import from TikTok's facts and the delivered steps' keys.

    ``changed`` are the requests updated since the cursor; ``open_requests`` those still
    waiting for the seller (read apart, as they may not have changed). A request's newest
    snapshot counts; each step is delivered once; the pending answers and the decisions cover
    both lists. Without a policy every answer is left to the seller.
    """
    if not isinstance(known, KnownReturns):
        raise TypeError(f"known must be KnownReturns, got {type(known).__name__}")
    newest = sorted(latest_facts([*changed, *open_requests]), key=_changed_first)
    events: list[ReturnEvent] = []
    states: list[ReturnState] = []
    unknown: list[UnknownReturnStatus] = []
    for facts in newest:
        before = ReturnState.from_keys(facts.return_id, known.keys)
        found = return_changes(before, facts)
        if not found.status_known:
            unknown.append(UnknownReturnStatus(return_id=facts.return_id, status=facts.status))
        if found.events:
            events.extend(found.events)
            states.append(found.state)
    return ReturnImportDecisions(
        events=tuple(events),
        states=tuple(states),
        pending=pending_actions(newest),
        decisions=plan_return_decisions(newest, policy),
        unknown_statuses=tuple(unknown),
    )
