"""Wire to domain: the one module that sees both TikTok's models and the domain's values."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from .._core.views import nested_fields, read_fields
from ..domain import (
    Address,
    Contact,
    DispatchFacts,
    HoldDecision,
    HoldPolicy,
    PaymentResolution,
    ShippingProvider,
    Unmapped,
    decide_hold,
)
from ..domain.planning import (
    CancellationFacts,
    Delivery,
    ListedProduct,
    ListedSku,
    OrderFacts,
    OrderLines,
    OrderShipping,
    ReleasedOrder,
    SalesWarehouse,
    ShipmentRecord,
)
from ..types.logistics import ShippingProvider as WireProvider
from ..types.logistics import Warehouse
from ..types.order import Order, Payment, RecipientAddress
from ..types.product import ListingPlatform, Product
from ..types.returns import Cancellation
from .state import LedgerEntry
from .values import (
    CancelRequest,
    HoldReleased,
    ImportedOrder,
    OrderCancelled,
    OrderLine,
    Recipient,
)

__all__ = [
    "cancel_request",
    "cancellation_facts",
    "contact",
    "dispatch_facts",
    "domain_address",
    "group_lines",
    "hold_decision",
    "hold_released",
    "imported_order",
    "listed_product",
    "listed_skus",
    "order_cancelled",
    "order_cancelled_by",
    "order_facts",
    "order_lines",
    "order_shipping",
    "order_status",
    "order_version",
    "recipient",
    "sales_warehouses",
    "shipment_record",
    "shipping_providers",
]


def order_version(order: Order) -> int:
    """An order's version: its ``update_time`` in Unix seconds (0 when TikTok sent none)."""
    updated = order.update_time
    return int(updated.timestamp()) if updated else 0


def order_status(order: Order) -> str:
    """An order's status as TikTok's text (a status this SDK does not list, too): what the
    order facts carry."""
    return _text(order.status)


def _districts(levels: list[tuple[Any, ...]]) -> dict[str, str]:
    """Level (``L1`` prefecture, ``L2`` city...) -> name; the first of a repeated level wins."""
    return dict(reversed(levels))


_DISTRICT_FIELDS: Final = ("address_level", "address_name")


def _joined(first: str | None, second: str | None) -> str:
    """``" ".join`` of the parts that are set (a name and its kana, per order)."""
    if first and second:
        return f"{first} {second}"
    return first or second or ""


def recipient(address: RecipientAddress | None) -> Recipient:
    """The ship-to block as the OMS sees it, masked values untouched."""
    a = address or RecipientAddress()
    return _recipient(
        read_fields(a, _RECIPIENT_FIELDS),
        _districts(nested_fields(a, "district_info", _DISTRICT_FIELDS)),
    )


def _order_recipient(order: Order) -> Recipient:
    """``recipient(order.recipient_address)``, read without making the address's view."""
    found = nested_fields(order, "recipient_address", _RECIPIENT_FIELDS)
    if not found:
        return recipient(None)
    levels = nested_fields(order, "recipient_address.district_info", _DISTRICT_FIELDS)
    return _recipient(found[0], _districts(levels))


#: What the OMS recipient reads of the wire address (RecipientAddress's fields, in this order).
_RECIPIENT_FIELDS: Final = (
    "name",
    "last_name",
    "first_name",
    "last_name_local_script",
    "first_name_local_script",
    "phone_number",
    "postal_code",
    "full_address",
    "region_code",
    "address_line1",
    "address_line2",
    "address_line3",
    "address_line4",
    "address_detail",
)


def _recipient(fields: tuple[Any, ...], districts: dict[str, str]) -> Recipient:
    """The recipient from the address's ``_RECIPIENT_FIELDS`` and its districts by level."""
    name, last, first, last_kana, first_kana, phone, postal, full, region, *lines, detail = fields
    shown = tuple(filter(None, lines)) or ((detail,) if detail else ())
    return Recipient(
        name=name or _joined(last, first),
        name_kana=_joined(last_kana, first_kana),
        phone=phone,
        postal_code=postal,
        prefecture=districts.get("L1", ""),
        city=districts.get("L2", ""),
        address_lines=shown,
        full_address=full,
        region_code=region,
    )


def contact(r: Recipient) -> Contact:
    """The recipient as the buyer block and the address checks take it (no e-mail: TikTok's
    recipient has none)."""
    return Contact(
        name=r.name,
        name_kana=r.name_kana,
        phone=r.phone,
        address=Address(
            postal_code=r.postal_code,
            prefecture=r.prefecture,
            city=r.city,
            lines=r.address_lines or ((r.full_address,) if r.full_address else ()),
            region_code=r.region_code,
        ),
    )


def domain_address(address: RecipientAddress | None) -> Address:
    """The recipient as the address checks take it."""
    return contact(recipient(address)).address


def group_lines(order: Order) -> tuple[OrderLine, ...]:
    """Line items (one per unit) grouped back into lines of a quantity, in first-seen order.

    Units are one line only when they agree on all a line shows: SKU, names, sale price and
    gift. A coupon spread over a SKU's units (1946/1947/1947 yen) or a gift unit makes lines of
    their own, so the lines' ``quantity * unit_price`` add up to the units' sale prices.
    """
    groups: dict[Any, list[tuple[Any, ...]]] = {}
    for item in nested_fields(order, "line_items", _LINE_FIELDS):
        key = item[0] or item[1] or item[-1]  # a unit without a SKU is a line of its own
        group = groups.get(key)
        if group is not None and group[0][:-1] != item[:-1]:
            # Unlike its SKU's first unit: keyed by all it shows (hashing a price costs more
            # than comparing one, so only these units pay for it).
            key = item[:-1]
            group = groups.get(key)
        if group is None:
            groups[key] = [item]
        else:
            group.append(item)
    return tuple([_order_line(items) for items in groups.values()])


#: What a line of the OMS order reads of each line item (LineItem's fields, in this order):
#: every one but the last (the unit's id) must agree for units to share a line.
_LINE_FIELDS: Final = (
    "sku_id",
    "seller_sku",
    "product_id",
    "product_name",
    "sku_name",
    "sale_price",
    "is_gift",
    "id",
)


def _order_line(items: list[tuple[Any, ...]]) -> OrderLine:
    sku_id, seller_sku, product_id, product_name, sku_name, sale_price, is_gift, item_id = items[0]
    return OrderLine(
        seller_sku=seller_sku,
        sku_id=sku_id,
        product_id=product_id,
        product_name=product_name,
        sku_name=sku_name,
        quantity=len(items),
        unit_price=sale_price,
        line_item_ids=(item_id,) if len(items) == 1 else tuple([item[-1] for item in items]),
        is_gift=is_gift,
    )


def _text(value: str) -> str:
    """A wire enum member as its exact text: ``str()`` of the member, without the enum machinery
    (it runs for several fields of every order)."""
    return str.__str__(value)


def dispatch_facts(order: Order, *, shop: str) -> DispatchFacts:
    """The times and types of ``order`` that decide its dispatch deadline (出荷期限)."""
    # Seven times read at once cost less than seven attribute reads.
    create, paid, rts_sla, shipping_due, cancel_sla, tts_sla, collection_due = read_fields(
        order, DispatchFacts.TIMES
    )
    return DispatchFacts(
        shop=shop,
        order_id=order.id,
        # DispatchFacts reads enum members as their text itself (and None as "").
        status=order.status,
        shipping_type=order.shipping_type,
        fulfillment_type=order.fulfillment_type,
        create_time=create,
        paid_time=paid,
        rts_sla_time=rts_sla,
        shipping_due_time=shipping_due,
        cancel_order_sla_time=cancel_sla,
        tts_sla_time=tts_sla,
        collection_due_time=collection_due,
    )


def order_facts(
    order: Order, *, shop: str, version: int | None = None
) -> tuple[OrderFacts, Recipient]:
    """One version of ``order`` as the import rules take it, and its recipient for the OMS.

    The recipient is translated once and shared by the facts (as a ``Contact``) and the order
    the OMS receives; ``version`` passes an ``order_version`` already computed.
    """
    ship_to = _order_recipient(order)
    dispatch = dispatch_facts(order, shop=shop)
    facts = OrderFacts(
        order_id=order.id,
        version=order_version(order) if version is None else version,
        status=order_status(order),
        paid_time=dispatch.paid_time,
        is_on_hold_order=order.is_on_hold_order,
        payment_label=order.payment_method_name,
        shipping_provider=order.shipping_provider,
        recipient=contact(ship_to),
        dispatch=dispatch,
    )
    return facts, ship_to


def imported_order(
    delivery: Delivery, *, order: Order, recipient: Recipient, shop: str, shop_cipher: str
) -> ImportedOrder:
    """The order the OMS receives: ``order`` as TikTok sent it, with the planner's decisions."""
    paid = nested_fields(order, "payment", _AMOUNT_FIELDS)
    # No payment: every amount absent, as a Payment() reads them.
    amounts = paid[0] if paid else _absent_amounts()
    currency, total, shipping_fee, product_price, seller, platform, fee_seller, fee_platform = (
        amounts
    )
    facts = delivery.order  # ``order``'s facts: its times, already read from the view
    return ImportedOrder(
        shop=shop,
        order_id=order.id,
        version=facts.version,
        status=facts.status,
        created_at=facts.dispatch.create_time,
        updated_at=order.update_time,
        paid_at=facts.paid_time,
        currency=currency,
        total=total,
        shipping_fee=shipping_fee,
        payment_label=order.payment_method_name,
        payment=delivery.payment,
        shipping_method=delivery.shipping_method,
        hold=delivery.hold,
        address_checks=delivery.address_checks,
        lines=group_lines(order),
        recipient=recipient,
        buyer_message=order.buyer_message,
        source=order,
        shop_cipher=shop_cipher,
        buyer=delivery.buyer,
        product_price=product_price,
        seller_discount=seller,
        platform_discount=platform,
        shipping_fee_seller_discount=fee_seller,
        shipping_fee_platform_discount=fee_platform,
        deadline=delivery.deadline,
    )


#: What the OMS order reads of the payment (Payment's fields, in this order).
_AMOUNT_FIELDS: Final = (
    "currency",
    "total_amount",
    "shipping_fee",
    "original_total_product_price",
    "seller_discount",
    "platform_discount",
    "shipping_fee_seller_discount",
    "shipping_fee_platform_discount",
)


def _absent_amounts() -> tuple[Any, ...]:
    return read_fields(Payment(), _AMOUNT_FIELDS)


def hold_released(
    released: ReleasedOrder, *, recipient: Recipient, shop: str, at: datetime
) -> HoldReleased:
    """The release event, with the recipient, buyer block and checks as TikTok shows them now."""
    return HoldReleased(
        shop=shop,
        order_id=released.order.order_id,
        reason=released.release.reason.value,
        message=released.release.message,
        at=at,
        recipient=recipient,
        buyer=released.buyer,
        address_checks=released.address_checks,
    )


def hold_decision(
    order: Order,
    *,
    now: datetime,
    policy: HoldPolicy,
    payment: PaymentResolution | Unmapped | None,
) -> HoldDecision:
    """The hold rule applied to a (re-read) order.

    ``payment`` is the order's label as ``resolve_payment`` maps it (required: an order held
    because its label needs review must stay held when TikTok marks it paid); None leaves
    the payment out, for a label the host has checked itself.
    """
    return decide_hold(
        status=str(order.status),
        now=now,
        paid_time=order.paid_time,
        is_on_hold_order=order.is_on_hold_order,
        policy=policy,
        payment=payment,
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


def cancellation_facts(cancellation: Cancellation) -> CancellationFacts:
    """A TikTok cancellation as the cancellation planner takes it."""
    lines = {li.order_line_item_id for li in cancellation.cancel_line_items}
    return CancellationFacts(
        cancel_id=cancellation.cancel_id,
        order_id=cancellation.order_id,
        status=str(cancellation.cancel_status or ""),
        line_item_ids=tuple(sorted(line for line in lines if line)),
    )


def order_lines(order: Order) -> OrderLines:
    """What a partial cancellation needs of its order: status and line item ids."""
    return OrderLines(
        order_id=order.id,
        status=_text(order.status),
        line_item_ids=frozenset(li.id for li in order.line_items),
    )


def order_cancelled_by(
    cancellation: Cancellation, *, shop: str, line_item_ids: tuple[str, ...]
) -> OrderCancelled:
    """The OMS cancellation for a TikTok cancellation (no line ids: the whole order)."""
    return OrderCancelled(
        shop=shop,
        order_id=cancellation.order_id,
        initiator=str(cancellation.role or ""),
        reason=cancellation.cancel_reason_text or cancellation.cancel_reason,
        at=cancellation.update_time or cancellation.create_time,
        line_item_ids=line_item_ids,
        cancel_id=cancellation.cancel_id,
    )


def listed_skus(product: Product) -> list[ListedSku]:
    """A TikTok product's SKUs (those with a seller SKU) as the inventory planner takes them."""
    status = str(product.status or "")
    return [
        ListedSku(
            product_id=product.id,
            sku_id=sku.id,
            seller_sku=sku.seller_sku,
            stock={inv.warehouse_id: inv.quantity for inv in sku.inventory},
            status=status,
        )
        for sku in product.skus
        if sku.seller_sku
    ]


def order_shipping(order: Order) -> OrderShipping:
    """A TikTok order as the write-back planner reads it."""
    return OrderShipping(
        order_id=order.id,
        status=_text(order.status),
        shipping_type=_text(order.shipping_type or "SELLER"),
        package_id=order.packages[0].id if order.packages else "",
        tracking_number=order.tracking_number,
        shipping_provider=order.shipping_provider,
        delivery_option_id=order.delivery_option_id,
        line_tracking={li.id: li.tracking_number for li in order.line_items if li.tracking_number},
        rts_time=order.rts_time,
    )


def shipment_record(entry: LedgerEntry) -> ShipmentRecord:
    """A write-back ledger entry as the planner reads it (``shipped_at`` back to a time)."""
    detail = entry.detail
    shipped_at = detail.get("shipped_at")
    return ShipmentRecord(
        status=entry.status,
        tracking_number=detail.get("tracking_number"),
        tiktok_tracking_number=detail.get("tiktok_tracking_number") or "",
        shipped_by_tiktok=bool(detail.get("shipped_by_tiktok")),
        handed_back=bool(detail.get("handed_back")),
        shipped_at=datetime.fromisoformat(str(shipped_at)) if shipped_at else None,
    )


def listed_product(product: Product) -> ListedProduct:
    """A linked product's status and review state, as the publish planner reads them."""
    return ListedProduct(
        product_id=product.id,
        status=str(product.status or ""),
        audit_status=str(product.audit.status or "") if product.audit else "",
        reasons=tuple(
            reason
            for failure in product.audit_failed_reasons
            if failure.listing_platform in (None, ListingPlatform.TIKTOK_SHOP)
            for reason in failure.reasons
        ),
    )


def sales_warehouses(warehouses: Iterable[Warehouse]) -> list[SalesWarehouse]:
    """The shop's sales warehouses (a missing type counts as one), default and enabled flags."""
    return [
        SalesWarehouse(
            id=w.id,
            is_default=bool(w.is_default),
            enabled=str(w.effect_status or "ENABLED") == "ENABLED",
        )
        for w in warehouses
        if str(w.type or "SALES_WAREHOUSE") == "SALES_WAREHOUSE"
    ]
