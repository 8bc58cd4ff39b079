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

from tiktokshop_sync._exports import EVERY_NAME as _EVERY_NAME
from tiktokshop_sync._exports import LazyExports as _LazyExports

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
    {
        ".errors": _EVERY_NAME,
        ".results": _EVERY_NAME,
        "._language": _EVERY_NAME,
        ".masking": _EVERY_NAME,
        ".statuses": _EVERY_NAME,
        ".payments": _EVERY_NAME,
        ".hold": _EVERY_NAME,
        ".carriers": _EVERY_NAME,
        ".tracking": _EVERY_NAME,
        ".postal_codes": _EVERY_NAME,
        ".address": _EVERY_NAME,
        ".buyer": _EVERY_NAME,
        ".business_days": _EVERY_NAME,
        ".deadlines": _EVERY_NAME,
        ".dispatch_report": _EVERY_NAME,
        ".shops": _EVERY_NAME,
        ".stock": _EVERY_NAME,
        ".listing_attributes": _EVERY_NAME,
        ".listing_check": _EVERY_NAME,
        ".listing_decision": _EVERY_NAME,
        ".listing_facts": _EVERY_NAME,
        ".listing_issues": _EVERY_NAME,
        ".listing_mapping": _EVERY_NAME,
        ".listing_product": _EVERY_NAME,
        ".listing_status": _EVERY_NAME,
        ".reconciliation": _EVERY_NAME,
        ".return_actions": _EVERY_NAME,
        ".return_decisions": _EVERY_NAME,
        ".return_events": _EVERY_NAME,
        ".return_refunds": _EVERY_NAME,
        ".returns": _EVERY_NAME,
        ".settlement": _EVERY_NAME,
        ".settlement_checks": _EVERY_NAME,
        ".settlement_orders": _EVERY_NAME,
        ".settlement_report": _EVERY_NAME,
    },
)
__getattr__ = _LAZY
__dir__ = _LAZY.dir
