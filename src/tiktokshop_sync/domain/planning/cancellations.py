"""The cancellation import's planner: which cancellations reach the OMS, and which requests.

Pure: TikTok's cancellations (and, for partial ones, their orders) as facts, what the state
store has settled before, in; the cancellations to send (whole order or line items), the buyer
requests to surface and what to record, out. Each cancellation is delivered once per state; an
order cancelled whole is cancelled in the OMS once, whichever import saw it first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import attrs

from tiktokshop_sync.domain import statuses
from tiktokshop_sync.domain.planning._repr import counted

__all__ = [
    "CANCELLATION_DONE",
    "CANCELLATION_PENDING",
    "CancellationDecisions",
    "CancellationFacts",
    "CancelledOrder",
    "KnownCancellations",
    "OrderLines",
    "orders_to_read",
    "plan_cancellations",
]

#: TikTok's cancel statuses of a cancellation that happened (return-refund cancel statuses).
CANCELLATION_DONE: Final = frozenset(
    {"CANCELLATION_REQUEST_SUCCESS", "CANCELLATION_REQUEST_COMPLETE"}
)
#: A buyer's request the seller must answer.
CANCELLATION_PENDING: Final = "CANCELLATION_REQUEST_PENDING"


@attrs.frozen(kw_only=True)
class CancellationFacts:
    """One TikTok cancellation in one state: its id, order, status and the lines it lists."""

    cancel_id: str
    order_id: str
    status: str
    """TikTok's ``cancel_status`` ("" when absent)."""
    line_item_ids: tuple[str, ...] = ()
    """The order's line items it cancels, sorted, without repeats (none: the whole order)."""

    @property
    def done(self) -> bool:
        """True when the cancellation happened (not a request waiting for the seller)."""
        return self.status in CANCELLATION_DONE


@attrs.frozen(kw_only=True)
class OrderLines:
    """What a partial cancellation needs of its order: its status and every line item id."""

    order_id: str
    status: str
    line_item_ids: frozenset[str] = frozenset()


@attrs.frozen(kw_only=True)
class KnownCancellations:
    """What the state store had settled before the run."""

    settled: frozenset[tuple[str, str]] = attrs.field(default=frozenset(), repr=counted)
    """(cancel id, status) pairs already delivered."""
    cancelled_orders: frozenset[str] = attrs.field(default=frozenset(), repr=counted)
    """Orders already cancelled whole in the OMS (by this import or the order import)."""


@attrs.frozen(kw_only=True)
class CancelledOrder:
    """A cancellation to send to the OMS: the whole order, or only its listed line items."""

    cancellation: CancellationFacts
    whole_order: bool


@attrs.frozen(kw_only=True)
class CancellationDecisions:
    """What one cancellation import delivers and records."""

    cancellations: tuple[CancelledOrder, ...] = attrs.field(default=(), repr=counted)
    requests: tuple[CancellationFacts, ...] = attrs.field(default=(), repr=counted)
    settled: tuple[CancellationFacts, ...] = attrs.field(default=(), repr=counted)
    """Cancellations to record as delivered (an order cancelled before is recorded, not sent)."""
    orders_cancelled: tuple[str, ...] = attrs.field(default=(), repr=counted)
    """Orders this run cancels whole (recorded so no import cancels them again)."""


def _whole(cancellation: CancellationFacts, order: OrderLines | None) -> bool:
    """Whole order when TikTok lists no lines, the order is CANCELLED, or every line is listed."""
    lines = cancellation.line_item_ids
    if not lines:
        return True
    if order is None:
        return False
    return statuses.canonical_status(order.status) == statuses.CANCELLED or (
        order.line_item_ids <= set(lines)
    )


def orders_to_read(
    cancellations: Sequence[CancellationFacts], known: KnownCancellations
) -> list[str]:
    """The orders whose lines decide whether a new cancellation is partial or whole (sorted)."""
    return sorted(
        {
            c.order_id
            for c in cancellations
            if c.done and c.line_item_ids and (c.cancel_id, c.status) not in known.settled
        }
    )


def plan_cancellations(
    cancellations: Sequence[CancellationFacts],
    known: KnownCancellations,
    orders: Mapping[str, OrderLines] | None = None,
) -> CancellationDecisions:
    """Decide one cancellation import from TikTok's cancellations, in the order read.

    ``orders`` holds the orders :func:`orders_to_read` named. A (cancel id, status) pair is
    delivered once; a pending request is surfaced once; anything else waits for its next state.
    """
    lines = orders or {}
    seen = set(known.settled)
    cancelled_orders = set(known.cancelled_orders)
    sent: list[CancelledOrder] = []
    requests: list[CancellationFacts] = []
    settled: list[CancellationFacts] = []
    whole_orders: list[str] = []
    for cancellation in cancellations:
        key = (cancellation.cancel_id, cancellation.status)
        if key in seen:
            continue
        if cancellation.done:
            seen.add(key)
            settled.append(cancellation)
            whole = _whole(cancellation, lines.get(cancellation.order_id))
            if whole:
                if cancellation.order_id in cancelled_orders:
                    continue  # the order import (or an earlier state) cancelled it already
                cancelled_orders.add(cancellation.order_id)
                whole_orders.append(cancellation.order_id)
            sent.append(CancelledOrder(cancellation=cancellation, whole_order=whole))
        elif cancellation.status == CANCELLATION_PENDING:
            seen.add(key)
            requests.append(cancellation)
    return CancellationDecisions(
        cancellations=tuple(sent),
        requests=tuple(requests),
        settled=tuple(settled),
        orders_cancelled=tuple(whole_orders),
    )
