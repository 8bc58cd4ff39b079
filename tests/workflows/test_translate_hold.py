"""``hold_decision``: the hold rule on a re-read order, with the payment the host mapped."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from lenient_reads import order_view
from tiktokshop_sync._core.conversions import strict_models
from tiktokshop_sync.domain import Hold, HoldPolicy, HoldReason, Release, resolve_payment
from tiktokshop_sync.types.order import Order
from tiktokshop_sync.workflows.translate import hold_decision

NOW = datetime(2025, 6, 2, 3, 0, tzinfo=timezone.utc)


def _paid_order(label: str) -> Order:
    """Paid three hours ago, awaiting shipment: past the remorse window."""
    paid = int((NOW - timedelta(hours=3)).timestamp())
    with strict_models(False):
        return order_view(status="AWAITING_SHIPMENT", paid_time=paid, payment_method_name=label)


def test_a_paid_order_whose_label_needs_review_stays_held() -> None:
    order = _paid_order("d払い")
    payment = resolve_payment(order.payment_method_name)
    decision = hold_decision(order, now=NOW, policy=HoldPolicy(), payment=payment)
    assert isinstance(decision, Hold) and decision.reason is HoldReason.PAYMENT_REVIEW


def test_a_paid_order_with_a_mapped_label_is_released() -> None:
    order = _paid_order("クレジット/デビットカード")
    payment = resolve_payment(order.payment_method_name)
    assert isinstance(hold_decision(order, now=NOW, policy=HoldPolicy(), payment=payment), Release)
