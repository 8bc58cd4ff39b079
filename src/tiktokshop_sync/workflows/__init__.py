"""Sync workflows: order import, cancellations, shipment write-back, inventory push, publish.

Each workflow composes a shop view of the client, the pure domain rules and a state store;
``plan()`` only reads (print it for a dry run) and ``apply(plan)`` writes, idempotently. The
host implements small ports (:mod:`~tiktokshop_sync.workflows.ports`) so no OMS is assumed.
"""

from __future__ import annotations

from ._lease import LeasePolicy
from .cancellations import (
    AsyncCancellationImport,
    CancellationImport,
    CancellationPlan,
    CancellationResult,
)
from .inventory import (
    AsyncInventoryPush,
    InventoryPlan,
    InventoryPolicy,
    InventoryPush,
    InventoryResult,
    SkuPush,
)
from .order_import import (
    AsyncOrderImport,
    OrderImport,
    OrderImportPlan,
    OrderImportPolicy,
    OrderImportResult,
    SkippedOrder,
)
from .polling import AsyncPoller, Poller
from .ports import (
    CancelRequestSink,
    CatalogSource,
    OrderSink,
    ShipmentSource,
    StockSource,
    TrackingSink,
)
from .progress import ProgressCallback, ProgressEvent
from .publish import (
    AsyncProductPublish,
    ListingStatus,
    ProductPublish,
    PublishAction,
    PublishPlan,
    PublishPolicy,
    PublishResult,
)
from .shipments import (
    AsyncShipmentWriteBack,
    ShipmentAction,
    ShipmentPlan,
    ShipmentPolicy,
    ShipmentResult,
    ShipmentSkip,
    ShipmentWriteBack,
)
from .state import (
    HoldRecord,
    LedgerEntry,
    PruneResult,
    RunLease,
    RunLeases,
    SQLiteStateStore,
    StateStore,
)
from .values import (
    CancelRequest,
    CatalogProduct,
    CatalogSku,
    HoldReleased,
    ImportedOrder,
    OmsShipment,
    OrderCancelled,
    OrderLine,
    Recipient,
    StockLevel,
    TikTokTracking,
)

__all__ = [
    "AsyncCancellationImport",
    "AsyncInventoryPush",
    "AsyncOrderImport",
    "AsyncPoller",
    "AsyncProductPublish",
    "AsyncShipmentWriteBack",
    "CancelRequest",
    "CancelRequestSink",
    "CancellationImport",
    "CancellationPlan",
    "CancellationResult",
    "CatalogProduct",
    "CatalogSku",
    "CatalogSource",
    "HoldRecord",
    "HoldReleased",
    "ImportedOrder",
    "InventoryPlan",
    "InventoryPolicy",
    "InventoryPush",
    "InventoryResult",
    "LeasePolicy",
    "LedgerEntry",
    "ListingStatus",
    "OmsShipment",
    "OrderCancelled",
    "OrderImport",
    "OrderImportPlan",
    "OrderImportPolicy",
    "OrderImportResult",
    "OrderLine",
    "OrderSink",
    "Poller",
    "ProductPublish",
    "ProgressCallback",
    "ProgressEvent",
    "PruneResult",
    "PublishAction",
    "PublishPlan",
    "PublishPolicy",
    "PublishResult",
    "Recipient",
    "RunLease",
    "RunLeases",
    "SQLiteStateStore",
    "ShipmentAction",
    "ShipmentPlan",
    "ShipmentPolicy",
    "ShipmentResult",
    "ShipmentSkip",
    "ShipmentSource",
    "ShipmentWriteBack",
    "SkippedOrder",
    "SkuPush",
    "StateStore",
    "StockLevel",
    "StockSource",
    "TikTokTracking",
    "TrackingSink",
]
