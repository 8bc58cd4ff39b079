"""Domain values for the planner tests: order facts, a rules value, the clock's 'now'."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import attrs

from tiktokshop_sync.domain import (
    DEFAULT_PAYMENT_TABLE,
    Address,
    BuyerPolicy,
    Contact,
    DeadlinePolicy,
    DispatchFacts,
    FixedCarrier,
    HoldPolicy,
    HolidayCalendar,
    PaymentTable,
    PostalLookup,
    UnmappedPaymentPolicy,
)
from tiktokshop_sync.domain.planning import OrderFacts

from ..test_domain_buyer import RECIPIENT

UTC = timezone.utc
NOW = datetime(2025, 7, 1, 3, 0, tzinfo=UTC)  # Tuesday 12:00 JST
SHOP = "shop-a"

VISIBLE = RECIPIENT  # the buyer rule tests' visible ship-to
MASKED = Contact(
    name="山***",
    phone="(+81)90-****-5678",
    address=Address(postal_code="1**-****", prefecture="東京都", lines=("****",), region_code="JP"),
)


@attrs.frozen(kw_only=True)
class Rules:
    """The order planner's settings as a plain domain value (OrderImportPolicy has the same)."""

    statuses: frozenset[str] | None = None
    hold: HoldPolicy = attrs.field(factory=HoldPolicy)
    payments: PaymentTable = DEFAULT_PAYMENT_TABLE
    unmapped_payment: UnmappedPaymentPolicy = attrs.field(factory=UnmappedPaymentPolicy)
    carrier: FixedCarrier | None = None
    postal_lookup: PostalLookup | None = None
    buyer: BuyerPolicy = attrs.field(factory=BuyerPolicy)
    deadlines: DeadlinePolicy = attrs.field(factory=DeadlinePolicy)
    holidays: HolidayCalendar | None = None


def facts(
    order_id: str = "576461413038785752",
    version: int = 1_751_330_000,
    status: str = "AWAITING_SHIPMENT",
    *,
    paid: datetime | None = NOW - timedelta(hours=3),
    recipient: Contact = VISIBLE,
    rts_sla_time: datetime | None = NOW + timedelta(days=2),
    **changes: Any,
) -> OrderFacts:
    """One order version; ``changes`` sets any other OrderFacts field."""
    return OrderFacts(
        order_id=order_id,
        version=version,
        status=status,
        paid_time=paid,
        payment_label=changes.pop("payment_label", "クレジット/デビットカード"),
        recipient=recipient,
        dispatch=DispatchFacts(
            shop=SHOP,
            order_id=order_id,
            status=status,
            shipping_type="SELLER",
            fulfillment_type="FULFILLMENT_BY_SELLER",
            paid_time=paid,
            create_time=(paid or NOW) - timedelta(minutes=5),
            rts_sla_time=rts_sla_time,
        ),
        **changes,
    )
