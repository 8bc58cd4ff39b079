"""TikTok order statuses as plain strings, with the webhook's ``CANCEL`` spelling folded in."""

from __future__ import annotations

from typing import Final

from tiktokshop_sync.domain._text import plain

__all__ = ["CANCELLED_STATUSES", "KNOWN_STATUSES", "canonical_status"]

UNPAID: Final = "UNPAID"
ON_HOLD: Final = "ON_HOLD"
AWAITING_SHIPMENT: Final = "AWAITING_SHIPMENT"
PARTIALLY_SHIPPING: Final = "PARTIALLY_SHIPPING"
AWAITING_COLLECTION: Final = "AWAITING_COLLECTION"
IN_TRANSIT: Final = "IN_TRANSIT"
DELIVERED: Final = "DELIVERED"
COMPLETED: Final = "COMPLETED"
CANCELLED: Final = "CANCELLED"

KNOWN_STATUSES: Final = frozenset(
    {
        UNPAID,
        ON_HOLD,
        AWAITING_SHIPMENT,
        PARTIALLY_SHIPPING,
        AWAITING_COLLECTION,
        IN_TRANSIT,
        DELIVERED,
        COMPLETED,
        CANCELLED,
    }
)
"""The order statuses the Order API documents (tiktok-api.md §5.4)."""

# The order-status webhook spells it CANCEL, the Order API CANCELLED (tiktok-api.md §5.4, §9.4).
CANCELLED_STATUSES: Final = frozenset({CANCELLED, "CANCEL"})
"""Every spelling of "cancelled" TikTok sends."""

# Statuses at or after the first shipment: the payment hold no longer has anything to hold.
FULFILMENT_STARTED: Final = frozenset(
    {PARTIALLY_SHIPPING, AWAITING_COLLECTION, IN_TRANSIT, DELIVERED, COMPLETED}
)


_CANONICAL: Final = {status: status for status in KNOWN_STATUSES} | {"CANCEL": CANCELLED}


def canonical_status(status: str) -> str:
    """The status trimmed and upper-cased, ``CANCEL`` spelled ``CANCELLED``; unknown ones kept."""
    if type(status) is str:
        # Asked several times per order: TikTok's own spellings need no normalising.
        known = _CANONICAL.get(status)
        if known is not None:
            return known
    text = plain(status).strip().upper()
    return CANCELLED if text in CANCELLED_STATUSES else text
