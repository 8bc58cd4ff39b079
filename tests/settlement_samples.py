"""Settlement lines several test modules build: a yen sale with its breakdown, and its refund."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tiktokshop_sync.domain import Component, ComponentKind, LineKind, SettlementLine

__all__ = ["adjustment_line", "component", "refund_line", "sale_line"]

K = ComponentKind


def component(kind: ComponentKind, code: str, amount: int) -> Component:
    """A breakdown amount in whole yen."""
    return Component(kind=kind, code=code, amount=Decimal(amount))


def sale_line(**changes: Any) -> SettlementLine:
    """Order A sold for 3,200 yen less a 200 yen seller discount; 500 shipping, 240 fees."""
    fields: dict[str, Any] = {
        "transaction_id": "t1",
        "kind": LineKind.ORDER,
        "type": "ORDER",
        "order_id": "A",
        "revenue": Decimal(3000),
        "shipping": Decimal(-500),
        "fee_tax": Decimal(-240),
        "settlement": Decimal(2260),
        "components": (
            component(K.SALES, "subtotal_before_discount_amount", 3200),
            component(K.SALES, "seller_discount_amount", -200),
            component(K.SHIPPING, "actual_shipping_fee_amount", -500),
            component(K.COMMISSION, "platform_commission_amount", -210),
            component(K.PAYMENT_FEE, "transaction_fee_amount", -30),
        ),
    }
    return SettlementLine(**{**fields, **changes})


def refund_line(**changes: Any) -> SettlementLine:
    """The sale refunded after settlement: revenue and commission come back, shipping does not."""
    fields: dict[str, Any] = {
        "transaction_id": "t2",
        "kind": LineKind.ORDER,
        "type": "ORDER",
        "order_id": "A",
        "revenue": Decimal(-3000),
        "fee_tax": Decimal(210),
        "settlement": Decimal(-2790),
        "components": (
            component(K.SALES_REFUND, "refund_subtotal_before_discount_amount", -3200),
            component(K.SALES_REFUND, "seller_discount_refund_amount", 200),
            component(K.COMMISSION, "platform_commission_amount", 210),
        ),
    }
    return SettlementLine(**{**fields, **changes})


def adjustment_line(
    type_: str, amount: int, *, order_id: str = "", transaction_id: str = "t5"
) -> SettlementLine:
    """An adjustment of ``amount`` yen, for ``order_id`` or (by default) for the shop."""
    return SettlementLine(
        transaction_id=transaction_id,
        kind=LineKind.ADJUSTMENT,
        type=type_,
        order_id=order_id,
        adjustment=Decimal(amount),
        settlement=Decimal(amount),
    )
