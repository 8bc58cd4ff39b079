"""Pure rules Japanese OMS integrations apply to TikTok Shop orders: no I/O, clock or randomness.

Payment mapping, fixed carrier and provider resolution, tracking numbers, hold for payment, the
mask-aware address checks, the buyer block, shipping deadlines, untracked stock, order keys,
settlement reconciliation (入金消込), after-sales (返品・返金・交換: events for the OMS, the
seller's deadlines, approval plans, refunds against the settlement) and the listing rules
(category and attribute mapping, the listing validator, review states). Every decision comes
back as a value that says why.
"""

from __future__ import annotations

from tiktokshop_sync._exports import public_names as _public_names
from tiktokshop_sync.domain._language import *
from tiktokshop_sync.domain.address import *
from tiktokshop_sync.domain.business_days import *
from tiktokshop_sync.domain.buyer import *
from tiktokshop_sync.domain.carriers import *
from tiktokshop_sync.domain.deadlines import *
from tiktokshop_sync.domain.dispatch_report import *
from tiktokshop_sync.domain.errors import *
from tiktokshop_sync.domain.hold import *
from tiktokshop_sync.domain.listing_attributes import *
from tiktokshop_sync.domain.listing_check import *
from tiktokshop_sync.domain.listing_decision import *
from tiktokshop_sync.domain.listing_facts import *
from tiktokshop_sync.domain.listing_issues import *
from tiktokshop_sync.domain.listing_mapping import *
from tiktokshop_sync.domain.listing_product import *
from tiktokshop_sync.domain.listing_status import *
from tiktokshop_sync.domain.masking import *
from tiktokshop_sync.domain.payments import *
from tiktokshop_sync.domain.postal_codes import *
from tiktokshop_sync.domain.reconciliation import *
from tiktokshop_sync.domain.results import *
from tiktokshop_sync.domain.return_actions import *
from tiktokshop_sync.domain.return_decisions import *
from tiktokshop_sync.domain.return_events import *
from tiktokshop_sync.domain.return_refunds import *
from tiktokshop_sync.domain.returns import *
from tiktokshop_sync.domain.settlement import *
from tiktokshop_sync.domain.settlement_checks import *
from tiktokshop_sync.domain.settlement_orders import *
from tiktokshop_sync.domain.settlement_report import *
from tiktokshop_sync.domain.shops import *
from tiktokshop_sync.domain.statuses import *
from tiktokshop_sync.domain.stock import *
from tiktokshop_sync.domain.tracking import *

# Each module's __all__ is the one list of what it publishes; the package re-exports them all.
__all__ = _public_names(
    __name__,
    (
        "_language",
        "address",
        "business_days",
        "buyer",
        "carriers",
        "deadlines",
        "dispatch_report",
        "errors",
        "hold",
        "listing_attributes",
        "listing_check",
        "listing_decision",
        "listing_facts",
        "listing_issues",
        "listing_mapping",
        "listing_product",
        "listing_status",
        "masking",
        "payments",
        "postal_codes",
        "reconciliation",
        "results",
        "return_actions",
        "return_decisions",
        "return_events",
        "return_refunds",
        "returns",
        "settlement",
        "settlement_checks",
        "settlement_orders",
        "settlement_report",
        "shops",
        "statuses",
        "stock",
        "tracking",
    ),
)
