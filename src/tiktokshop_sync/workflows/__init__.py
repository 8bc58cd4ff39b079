"""Sync workflows: order import, cancellations, returns, shipment write-back, inventory push,
publish, settlements and their reconciliation.

Each workflow composes a shop view of the client, the pure domain rules and a state store;
``plan()`` only reads (print it for a dry run) and ``apply(plan)`` writes, idempotently. The
host implements small ports (:mod:`~tiktokshop_sync.workflows.ports`) so no OMS is assumed.

Names are imported on first use: a host that runs only the order import never loads the
settlement, returns or publish workflows (a third less import time, and fewer objects for
every full garbage collection; see docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tiktokshop_sync._exports import LazyExports as _LazyExports
from tiktokshop_sync._exports import every_name_of as _every_name_of

# Each module's __all__ is the one list of what it publishes; the package re-exports them all.
# The type checkers' view below and the lazy sources must name the same modules
# (tests/test_public_api.py checks that they do).
if TYPE_CHECKING:
    from ._lease import *
    from .cancellations import *
    from .category_mappings import *
    from .deadlines import *
    from .inventory import *
    from .order_import import *
    from .polling import *
    from .ports import *
    from .progress import *
    from .publish import *
    from .reconciliation import *
    from .returns import *
    from .settlement_import import *
    from .shipments import *
    from .shops import *
    from .state import *
    from .values import *

# The order import's own modules first: a name is looked up by importing these in order.
_LAZY = _LazyExports(
    __name__,
    _every_name_of("""
    .values .ports .progress .state ._lease .order_import .polling .shops .deadlines
    .cancellations .shipments .inventory .category_mappings .publish .returns
    .settlement_import .reconciliation
"""),
)
__getattr__ = _LAZY
__dir__ = _LAZY.dir
