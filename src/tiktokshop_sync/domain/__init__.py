"""Pure rules Japanese OMS integrations apply to TikTok Shop orders: no I/O, clock or randomness.

Payment mapping, fixed carrier and provider resolution, tracking numbers, hold for payment, the
mask-aware address checks, the buyer block, shipping deadlines, untracked stock, order keys,
settlement reconciliation (入金消込), after-sales (返品・返金・交換: events for the OMS, the
seller's deadlines, approval plans, refunds against the settlement) and the listing rules
(category and attribute mapping, the listing validator, review states). Every decision comes
back as a value that says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tiktokshop_sync._exports import LazyExports as _LazyExports
from tiktokshop_sync._exports import every_name_of as _every_name_of

# Each module's __all__ is the one list of what it publishes; the package re-exports them all,
# importing a module on the first use of a name (an order import never loads the settlement,
# returns or listing rules). The type checkers' view below and the lazy sources must name the
# same modules (tests/test_public_api.py checks that they do).
if TYPE_CHECKING:
    from ._language import *
    from .address import *
    from .business_days import *
    from .buyer import *
    from .carriers import *
    from .deadlines import *
    from .dispatch_report import *
    from .errors import *
    from .hold import *
    from .listing_attributes import *
    from .listing_check import *
    from .listing_decision import *
    from .listing_facts import *
    from .listing_issues import *
    from .listing_mapping import *
    from .listing_product import *
    from .listing_status import *
    from .masking import *
    from .payments import *
    from .postal_codes import *
    from .reconciliation import *
    from .results import *
    from .return_actions import *
    from .return_decisions import *
    from .return_events import *
    from .return_refunds import *
    from .returns import *
    from .settlement import *
    from .settlement_checks import *
    from .settlement_orders import *
    from .settlement_report import *
    from .shops import *
    from .statuses import *
    from .stock import *
    from .tracking import *

# The order rules first: a name is looked up by importing these in order until one lists it.
_LAZY = _LazyExports(
    __name__,
    _every_name_of("""
    .errors .results ._language .masking .statuses .payments .hold .carriers .tracking
    .postal_codes .address .buyer .business_days .deadlines .dispatch_report .shops
    .stock .listing_attributes .listing_check .listing_decision .listing_facts
    .listing_issues .listing_mapping .listing_product .listing_status .reconciliation
    .return_actions .return_decisions .return_events .return_refunds .returns
    .settlement .settlement_checks .settlement_orders .settlement_report
"""),
)
__getattr__ = _LAZY
__dir__ = _LAZY.dir
