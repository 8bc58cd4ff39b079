"""The settlement import's planner: which statements and payouts reach the host, and why.

Pure: the statements and payouts TikTok listed (their ids, times and payment state), the
ledger keys the state store has recorded, and the cursor, in; what to deliver, with a reason,
and the next cursor, out. A statement is delivered once when it is new and once more each time
its payout changes (TikTok fills ``payment_id`` and moves ``payment_status`` days after the
statement is generated); a payout once per status. Nothing is delivered twice for the same
state, so a host that upserts by id sees every state exactly once.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from datetime import datetime

import attrs

from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.planning._repr import counted

__all__ = [
    "PayoutSeen",
    "SettlementDecisions",
    "SettlementReason",
    "StatementDecision",
    "StatementSeen",
    "payout_key",
    "plan_settlements",
    "statement_key",
    "statement_state_key",
]


@attrs.frozen(kw_only=True)
class StatementSeen:
    """A statement as Get Statements lists it: id, generation time and its payout so far."""

    statement_id: str
    statement_time: datetime
    payment_id: str = ""
    payment_status: str = ""


@attrs.frozen(kw_only=True)
class PayoutSeen:
    """A payment as Get Payments lists it: its id and status."""

    payment_id: str
    status: str


class SettlementReason(enum.Enum):
    """Why a statement is delivered."""

    NEW = "new"
    """Never delivered: its lines go to the host for the first time."""
    PAYOUT_CHANGED = "payout_changed"
    """Delivered before; TikTok has since named its payout or moved the payout's status."""


@attrs.frozen(kw_only=True)
class StatementDecision:
    """One statement to deliver, and why."""

    statement: StatementSeen
    reason: SettlementReason


@attrs.frozen(kw_only=True)
class SettlementDecisions:
    """What the import delivers and where its cursor goes."""

    statements: tuple[StatementDecision, ...] = attrs.field(repr=counted)
    payouts: tuple[PayoutSeen, ...] = attrs.field(repr=counted)
    unchanged: int = 0
    """Statements and payouts listed again in the same state (nothing to do)."""
    cursor: datetime | None = None
    """The newest statement time seen, or when ``limit`` cut the batch, the time of the last
    statement chosen (never earlier than the cursor it started from)."""
    complete: bool = True
    """False when ``limit`` left statements to deliver: plan again."""


def statement_key(statement_id: str) -> str:
    """Ledger key: the statement was delivered at least once (its lines reached the host)."""
    return f"settlement:{statement_id}"


def statement_state_key(statement: StatementSeen) -> str:
    """Ledger key of one payout state of a statement."""
    s = statement
    return f"settlement:{s.statement_id}:{s.payment_id}:{s.payment_status}"


def payout_key(payout: PayoutSeen) -> str:
    """Ledger key of one status of a payout."""
    return f"payout:{payout.payment_id}:{payout.status}"


def plan_settlements(
    statements: Sequence[StatementSeen],
    payouts: Sequence[PayoutSeen],
    delivered: Collection[str],
    cursor: datetime | None,
    limit: int | None = None,
) -> SettlementDecisions:
    """Decide which listed statements and payouts to deliver, given the ledger keys recorded.

    A statement or payout listed twice (pages overlapping) is decided once, in its last
    listed state; the cursor is the newest statement time seen, or stays where it was. At most
    ``limit`` statements are chosen, oldest first; the cursor then stops at the last one chosen
    so the next plan lists the rest again.
    """
    if limit is not None and limit < 1:
        raise DomainConfigError(f"limit must be at least 1 statement or None, got {limit!r}")
    latest: dict[str, StatementSeen] = {}
    for statement in statements:
        latest[statement.statement_id] = statement
    chosen: list[StatementDecision] = []
    unchanged = 0
    for statement in sorted(latest.values(), key=lambda s: (s.statement_time, s.statement_id)):
        if statement_state_key(statement) in delivered:
            unchanged += 1
            continue
        reason = (
            SettlementReason.PAYOUT_CHANGED
            if statement_key(statement.statement_id) in delivered
            else SettlementReason.NEW
        )
        chosen.append(StatementDecision(statement=statement, reason=reason))
    complete = limit is None or len(chosen) <= limit
    if not complete:
        chosen = chosen[:limit]
    last: dict[str, PayoutSeen] = {p.payment_id: p for p in payouts}
    fresh = [p for p in last.values() if payout_key(p) not in delivered]
    unchanged += len(last) - len(fresh)
    times = [s.statement_time for s in latest.values()]
    newest = max(times, default=None) if complete else chosen[-1].statement.statement_time
    if cursor is not None and (newest is None or newest < cursor):
        newest = cursor
    return SettlementDecisions(
        statements=tuple(chosen),
        payouts=tuple(fresh),
        unchanged=unchanged,
        cursor=newest,
        complete=complete,
    )
