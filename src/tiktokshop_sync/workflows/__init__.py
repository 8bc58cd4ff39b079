"""Sync workflows: order import, cancellations, returns, shipment write-back, inventory push,
publish, settlements and their reconciliation.

Each workflow composes a shop view of the client, the pure domain rules and a state store;
``plan()`` only reads (print it for a dry run) and ``apply(plan)`` writes, idempotently. The
host implements small ports (:mod:`~tiktokshop_sync.workflows.ports`) so no OMS is assumed.
"""

from __future__ import annotations

from tiktokshop_sync._exports import public_names as _public_names
from tiktokshop_sync.workflows._lease import *
from tiktokshop_sync.workflows.cancellations import *
from tiktokshop_sync.workflows.category_mappings import *
from tiktokshop_sync.workflows.deadlines import *
from tiktokshop_sync.workflows.inventory import *
from tiktokshop_sync.workflows.order_import import *
from tiktokshop_sync.workflows.polling import *
from tiktokshop_sync.workflows.ports import *
from tiktokshop_sync.workflows.progress import *
from tiktokshop_sync.workflows.publish import *
from tiktokshop_sync.workflows.reconciliation import *
from tiktokshop_sync.workflows.returns import *
from tiktokshop_sync.workflows.settlement_import import *
from tiktokshop_sync.workflows.shipments import *
from tiktokshop_sync.workflows.shops import *
from tiktokshop_sync.workflows.state import *
from tiktokshop_sync.workflows.values import *

# Each module's __all__ is the one list of what it publishes; the package re-exports them all.
__all__ = _public_names(
    __name__,
    (
        "_lease",
        "cancellations",
        "category_mappings",
        "deadlines",
        "inventory",
        "order_import",
        "polling",
        "ports",
        "progress",
        "publish",
        "reconciliation",
        "returns",
        "settlement_import",
        "shipments",
        "shops",
        "state",
        "values",
    ),
)
