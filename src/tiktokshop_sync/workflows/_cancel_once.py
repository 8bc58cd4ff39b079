"""An order is cancelled in the OMS once, whichever import sees it first and however many
workers run the two (a buyer's cancel wakes both: ORDER_STATUS_CHANGE and
CANCELLATION_STATUS_CHANGE, each queuing its own job under its own run lease).

Before its sink hears of a whole-order cancellation, an import claims the order's
``order-cancelled:<id>`` ledger key: a ``pending`` entry the state store writes only if the
key is free, atomically across processes (:class:`~.state.LedgerClaims`). It records the key
``done`` once the sink returned. An import that finds the key taken leaves the order to the
claimer.

A claim whose run stopped before ``done`` (a crash, or a sink that raised) is stale after
:data:`CLAIM_TTL`. Its cancellation may or may not have reached the OMS, and runs that found
it claimed moved their cursors past the order, so letting the claim lapse could lose it: the
next run of either import reads the order back from TikTok and delivers it again.
``OrderSink.cancel`` does not promise that a repeat is harmless (``accept`` and
``ReturnSink.return_events`` do; ``InMemoryOms`` appends every call to ``cancellations``), so a
repeat is kept to where one was always possible, a run stopped between the sink and the
ledger, and never happens between two live runs. An order shipped after its buyer cancelled is
the worse error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from .._core.request import RequestSpec
from ..domain import canonical_status
from ..resources import orders as orders_api
from ..types.order import Order
from ._engine import Steps
from .state import BatchLedger, LedgerClaims, LedgerEntry, StateStore, cancelled_order_key
from .translate import order_cancelled, order_status
from .values import OrderCancelled

logger = logging.getLogger("tiktokshop_sync.workflows")

#: How long a claim holds its order: far longer than a sink needs to cancel one batch (a sink
#: slower than this could receive an order twice), three times a run lease's default ``ttl``.
CLAIM_TTL = timedelta(minutes=15)
#: The ledger kind of an order's cancellation key, claimed (``pending``) or recorded (``done``).
KIND = "cancelled"
#: What a progress report adds to a cancellation delivered again from a stale claim.
AGAIN = " (again: a run that stopped before recording it may have sent it)"
_PREFIX = cancelled_order_key("")
_WARNED: set[type] = set()


def claim(state: StateStore, shop: str, order_ids: Iterable[str], now: datetime) -> set[str]:
    """The orders among ``order_ids`` whose cancellation this run now holds, to send."""
    keys = {cancelled_order_key(order_id): order_id for order_id in order_ids}
    if not keys:
        return set()
    if isinstance(state, LedgerClaims):
        entries = [
            LedgerEntry(shop=shop, key=key, kind=KIND, status="pending", updated_at=now)
            for key in keys
        ]
        taken = state.ledger_claim(entries, stale_before=now - CLAIM_TTL)
    else:
        if type(state) not in _WARNED:
            _WARNED.add(type(state))
            logger.warning(
                "%s has no ledger_claim: the order and cancellation imports running at once "
                "may both cancel an order in the OMS",
                type(state).__name__,
            )
        done = state.ledger_get(shop, list(keys))
        taken = {key for key in keys if key not in done}
    return {keys[key] for key in taken}


def record(state: StateStore, shop: str, order_ids: Sequence[str], at: datetime) -> None:
    """Record the cancellations the sink received: their orders are never cancelled again."""
    entries = [
        LedgerEntry(
            shop=shop, key=cancelled_order_key(order_id), kind=KIND, status="done", updated_at=at
        )
        for order_id in order_ids
    ]
    if isinstance(state, BatchLedger):
        state.ledger_put_many(entries)
    else:
        for entry in entries:
            state.ledger_put(entry)


def stale_claims(
    state: StateStore, shop: str, now: datetime, planned: Collection[str] = ()
) -> list[str]:
    """Orders (not among ``planned``) whose claim went stale: a run stopped before ``done``."""
    if not isinstance(state, LedgerClaims):
        return []
    cutoff = now - CLAIM_TTL
    return sorted(
        order_id
        for entry in state.ledger_pending(shop, kind=KIND)
        if entry.key.startswith(_PREFIX)
        and (entry.updated_at is None or entry.updated_at < cutoff)
        and (order_id := entry.key.removeprefix(_PREFIX)) not in planned
    )


def recover(
    call: Callable[[RequestSpec[Any]], Steps[Any]],
    state: StateStore,
    shop: str,
    now: datetime,
    planned: Collection[str],
) -> Steps[list[OrderCancelled]]:
    """The cancellations of stale claims, read back from TikTok to deliver again."""
    stale = stale_claims(state, shop, now, planned)
    found: list[OrderCancelled] = []
    for spec in orders_api.detail_specs(stale) if stale else ():
        batch: list[Order] = yield from call(spec)
        found.extend(
            order_cancelled(order, shop=shop)
            for order in batch
            if canonical_status(order_status(order)) == "CANCELLED"
        )
    return found
