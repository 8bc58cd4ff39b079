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
from tiktokshop_sync.domain.planning.inventory import (
    InventoryDecisions,
    InventoryRules,
    KnownStock,
    ListedSku,
    SkuNotPushed,
    SkuPush,
    StockLevel,
    plan_inventory,
    tiktok_quantity,
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
    "InventoryDecisions",
    "InventoryRules",
    "KnownCancellations",
    "KnownOrders",
    "KnownStock",
    "ListedSku",
    "OrderFacts",
    "OrderImportDecisions",
    "OrderImportRules",
    "OrderLines",
    "ReleasedOrder",
    "SkippedOrder",
    "SkuNotPushed",
    "SkuPush",
    "StockLevel",
    "VersionSelection",
    "orders_to_read",
    "plan_cancellations",
    "plan_inventory",
    "plan_order_import",
    "tiktok_quantity",
]
