"""Pure planners: each workflow's decisions from what it fetched, what it knew, a policy and now.

``plan(remote_facts, known_state_snapshot, policy, now) -> decisions``: the workflows fetch
from TikTok and the host, translate into these domain values, call the planner, and apply what
it decided. Like the rest of ``domain``, nothing here reads a clock, a database or TikTok.
"""

from __future__ import annotations

from tiktokshop_sync.domain.planning.cancellations import (
    CANCELLATION_DONE,
    CANCELLATION_PENDING,
    CancellationDecisions,
    CancellationFacts,
    CancelledOrder,
    KnownCancellations,
    OrderLines,
    orders_to_read,
    plan_cancellations,
)
from tiktokshop_sync.domain.planning.orders import (
    Delivery,
    FetchedOrders,
    HeldOrder,
    KnownOrders,
    OrderFacts,
    OrderImportDecisions,
    OrderImportRules,
    ReleasedOrder,
    SkippedOrder,
    VersionSelection,
    plan_order_import,
)

__all__ = [
    "CANCELLATION_DONE",
    "CANCELLATION_PENDING",
    "CancellationDecisions",
    "CancellationFacts",
    "CancelledOrder",
    "Delivery",
    "FetchedOrders",
    "HeldOrder",
    "KnownCancellations",
    "KnownOrders",
    "OrderFacts",
    "OrderImportDecisions",
    "OrderImportRules",
    "OrderLines",
    "ReleasedOrder",
    "SkippedOrder",
    "VersionSelection",
    "orders_to_read",
    "plan_cancellations",
    "plan_order_import",
]
