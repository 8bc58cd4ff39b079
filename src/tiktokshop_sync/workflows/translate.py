"""Wire to domain: the one module that sees both TikTok's models and the domain's values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..domain import (
    Address,
    FixedCarrier,
    HoldDecision,
    HoldPolicy,
    PaymentTable,
    PostalLookup,
    ShippingProvider,
    UnmappedPaymentPolicy,
    choose_shipping_method,
    decide_hold,
    resolve_payment,
    run_address_checks,
)
from ..types.logistics import ShippingProvider as WireProvider
from ..types.order import LineItem, Order, RecipientAddress
from ..types.returns import Cancellation
from .values import CancelRequest, ImportedOrder, OrderCancelled, OrderLine, Recipient

__all__ = [
    "cancel_request",
    "domain_address",
    "group_lines",
    "hold_decision",
    "imported_order",
    "order_cancelled",
    "order_version",
    "recipient",
    "shipping_providers",
]


def order_version(order: Order) -> int:
    """An order's version: its ``update_time`` in Unix seconds (0 when TikTok sent none)."""
    return int(order.update_time.timestamp()) if order.update_time else 0


def _district(address: RecipientAddress, level: str) -> str:
    for district in address.district_info:
        if district.address_level == level:
            return district.address_name
    return ""


def _lines(address: RecipientAddress) -> tuple[str, ...]:
    lines = [
        address.address_line1,
        address.address_line2,
        address.address_line3,
        address.address_line4,
    ]
    if not any(lines) and address.address_detail:
        lines = [address.address_detail]
    return tuple(line for line in lines if line)


def recipient(address: RecipientAddress | None) -> Recipient:
    """The ship-to block as the OMS sees it, masked values untouched."""
    a = address or RecipientAddress()
    name = a.name or " ".join(p for p in (a.last_name, a.first_name) if p)
    kana = " ".join(p for p in (a.last_name_local_script, a.first_name_local_script) if p)
    return Recipient(
        name=name,
        name_kana=kana,
        phone=a.phone_number,
        postal_code=a.postal_code,
        prefecture=_district(a, "L1"),
        city=_district(a, "L2"),
        address_lines=_lines(a),
        full_address=a.full_address,
        region_code=a.region_code,
    )


def domain_address(address: RecipientAddress | None) -> Address:
    """The recipient as the address checks take it."""
    r = recipient(address)
    return Address(
        postal_code=r.postal_code,
        prefecture=r.prefecture,
        city=r.city,
        lines=r.address_lines or ((r.full_address,) if r.full_address else ()),
        region_code=r.region_code,
    )


def group_lines(order: Order) -> tuple[OrderLine, ...]:
    """Line items (one per unit) grouped back into SKU x quantity, in first-seen order."""
    groups: dict[str, list[LineItem]] = {}
    for item in order.line_items:
        groups.setdefault(item.sku_id or item.seller_sku or item.id, []).append(item)
    return tuple(
        OrderLine(
            seller_sku=items[0].seller_sku,
            sku_id=items[0].sku_id,
            product_id=items[0].product_id,
            product_name=items[0].product_name,
            sku_name=items[0].sku_name,
            quantity=len(items),
            unit_price=items[0].sale_price,
            line_item_ids=tuple(item.id for item in items),
        )
        for items in groups.values()
    )


def imported_order(
    order: Order,
    *,
    shop: str,
    now: datetime,
    hold_policy: HoldPolicy,
    payments: PaymentTable,
    unmapped_payment: UnmappedPaymentPolicy,
    carrier: FixedCarrier | None,
    postal_lookup: PostalLookup | None,
) -> ImportedOrder:
    """Everything the OMS needs about ``order``, with the rules' decisions attached."""
    payment = resolve_payment(order.payment_method_name, table=payments, policy=unmapped_payment)
    hold = decide_hold(
        status=str(order.status),
        now=now,
        paid_time=order.paid_time,
        is_on_hold_order=order.is_on_hold_order,
        policy=hold_policy,
        payment=payment,
    )
    method = (
        choose_shipping_method(order.shipping_provider or None, fixed=carrier) if carrier else None
    )
    checks = run_address_checks(
        recipient=domain_address(order.recipient_address), lookup=postal_lookup
    )
    amounts = order.payment
    return ImportedOrder(
        shop=shop,
        order_id=order.id,
        version=order_version(order),
        status=str(order.status),
        created_at=order.create_time,
        updated_at=order.update_time,
        paid_at=order.paid_time,
        currency=amounts.currency if amounts else "",
        total=amounts.total_amount if amounts else None,
        shipping_fee=amounts.shipping_fee if amounts else None,
        payment_label=order.payment_method_name,
        payment=payment,
        shipping_method=method,
        hold=hold,
        address_checks=checks,
        lines=group_lines(order),
        recipient=recipient(order.recipient_address),
        buyer_message=order.buyer_message,
        source=order,
    )


def hold_decision(order: Order, *, now: datetime, policy: HoldPolicy) -> HoldDecision:
    """The hold rule applied to a (re-read) order, without a payment re-mapping."""
    return decide_hold(
        status=str(order.status),
        now=now,
        paid_time=order.paid_time,
        is_on_hold_order=order.is_on_hold_order,
        policy=policy,
    )


def shipping_providers(listed: Iterable[WireProvider]) -> list[ShippingProvider]:
    """TikTok's provider list as the carrier resolver takes it."""
    return [ShippingProvider(id=p.id, name=p.name) for p in listed]


def order_cancelled(order: Order, *, shop: str) -> OrderCancelled:
    """A whole-order cancellation read from a CANCELLED order."""
    initiator = str(order.cancellation_initiator) if order.cancellation_initiator else ""
    return OrderCancelled(
        shop=shop,
        order_id=order.id,
        initiator=initiator,
        reason=order.cancel_reason,
        at=order.cancel_time or order.update_time,
    )


def cancel_request(cancellation: Cancellation, *, shop: str) -> CancelRequest:
    """A pending buyer cancel request, with the seller's deadline when TikTok gives one."""
    deadlines = [a.deadline for a in cancellation.seller_next_action_response if a.deadline]
    return CancelRequest(
        shop=shop,
        order_id=cancellation.order_id,
        cancel_id=cancellation.cancel_id,
        reason=cancellation.cancel_reason_text or cancellation.cancel_reason,
        requested_at=cancellation.create_time,
        deadline=min(deadlines) if deadlines else None,
    )
