"""Pure planners: each workflow's decisions from what it fetched, what it knew, a policy and now.

``plan(remote_facts, known_state_snapshot, policy, now) -> decisions``: the workflows fetch
from TikTok and the host, translate into these domain values, call the planner, and apply what
it decided. Like the rest of ``domain``, nothing here reads a clock, a database or TikTok.
"""

from __future__ import annotations

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
    "Delivery",
    "FetchedOrders",
    "HeldOrder",
    "KnownOrders",
    "OrderFacts",
    "OrderImportDecisions",
    "OrderImportRules",
    "ReleasedOrder",
    "SkippedOrder",
    "VersionSelection",
    "plan_order_import",
]
