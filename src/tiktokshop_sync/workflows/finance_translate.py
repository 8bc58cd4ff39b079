"""Wire to domain for finance: TikTok's statements, transactions and payments as settlement facts.

The one place that sees both :mod:`tiktokshop_sync.types.finance` and
:mod:`tiktokshop_sync.domain.settlement`. It decides which of TikTok's breakdown fields make up
a total and how fees are grouped (:data:`FEE_KINDS`); the reasons are beside each table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from .._core.models import WireModel
from ..domain.settlement import (
    Component,
    ComponentKind,
    LineKind,
    Payout,
    SettlementLine,
    SettlementStatement,
    UnsettledOrder,
)
from ..types.finance import (
    OrderStatementTransactions,
    Payment,
    RevenueBreakdown,
    SettledFeeTaxBreakdown,
    ShippingCostBreakdown,
    SkuTransaction,
    Statement,
    StatementTransaction,
    StatementTransactionsPage,
    TransactionType,
    UnsettledFeeTaxBreakdown,
    UnsettledTransaction,
)

__all__ = [
    "FEE_KINDS",
    "RESTATED_FIELDS",
    "REVENUE_KINDS",
    "SettlementDataError",
    "fee_tax_components",
    "order_lines",
    "payout",
    "revenue_components",
    "settlement_line",
    "shipping_components",
    "statement",
    "unsettled_orders",
]

_ZERO: Final = Decimal(0)


class SettlementDataError(ValueError):
    """TikTok's finance data lacks something a settlement needs; the message says what."""


#: Revenue breakdown fields and whether each is a sale or a refund.
REVENUE_KINDS: Final[Mapping[str, ComponentKind]] = {
    "subtotal_before_discount_amount": ComponentKind.SALES,
    "seller_discount_amount": ComponentKind.SALES,
    "cod_service_fee_amount": ComponentKind.SALES,
    "refund_subtotal_before_discount_amount": ComponentKind.SALES_REFUND,
    "seller_discount_refund_amount": ComponentKind.SALES_REFUND,
    "refund_cod_service_fee_amount": ComponentKind.SALES_REFUND,
}

#: Fee and tax breakdown fields by kind (a field TikTok adds later counts as other fees or tax).
#: Grouped for a Japanese seller's books: commission (販売手数料) is what TikTok takes on a
#: sale; payment fees (決済手数料) pay for processing; affiliate fees go to creators and
#: affiliate ads; service fees pay for programmes and services the seller opted into.
FEE_KINDS: Final[Mapping[str, ComponentKind]] = {
    "platform_commission_amount": ComponentKind.COMMISSION,
    "referral_fee_amount": ComponentKind.COMMISSION,
    "refund_administration_fee_amount": ComponentKind.COMMISSION,
    "dynamic_commission_amount": ComponentKind.COMMISSION,
    "fee_per_item_sold_amount": ComponentKind.COMMISSION,
    "transaction_fee_amount": ComponentKind.PAYMENT_FEE,
    "credit_card_handling_fee_amount": ComponentKind.PAYMENT_FEE,
    "seller_paylater_handling_fee_amount": ComponentKind.PAYMENT_FEE,
    "affiliate_commission_amount": ComponentKind.AFFILIATE,
    "affiliate_partner_commission_amount": ComponentKind.AFFILIATE,
    "affiliate_ads_commission_amount": ComponentKind.AFFILIATE,
    "external_affiliate_marketing_fee_amount": ComponentKind.AFFILIATE,
    "cofunded_creator_bonus_amount": ComponentKind.AFFILIATE,
    "affiliate_commission_deposit": ComponentKind.AFFILIATE,
    "affiliate_commission_release": ComponentKind.AFFILIATE,
    "tap_shop_ads_commission": ComponentKind.AFFILIATE,
    "sfp_service_fee_amount": ComponentKind.SERVICE_FEE,
    "live_specials_fee_amount": ComponentKind.SERVICE_FEE,
    "bonus_cashback_service_fee_amount": ComponentKind.SERVICE_FEE,
    "mall_service_fee_amount": ComponentKind.SERVICE_FEE,
    "voucher_xtra_service_fee_amount": ComponentKind.SERVICE_FEE,
    "flash_sales_service_fee_amount": ComponentKind.SERVICE_FEE,
    "cofunded_promotion_service_fee_amount": ComponentKind.SERVICE_FEE,
    "pre_order_service_fee_amount": ComponentKind.SERVICE_FEE,
    "tsp_commission_amount": ComponentKind.SERVICE_FEE,
    "dt_handling_fee_amount": ComponentKind.SERVICE_FEE,
    "epr_pob_service_fee_amount": ComponentKind.SERVICE_FEE,
    "vn_fix_infrastructure_fee": ComponentKind.SERVICE_FEE,
    "shipping_fee_guarantee_service_fee": ComponentKind.SERVICE_FEE,
    "installation_service_fee": ComponentKind.SERVICE_FEE,
    "campaign_resource_fee": ComponentKind.SERVICE_FEE,
    "retail_delivery_fee_amount": ComponentKind.SERVICE_FEE,
}

#: Fields that restate others in the same breakdown, so adding them would count money twice.
#: ``retail_delivery_fee_amount`` and ``sales_tax_amount`` are documented as their payment and
#: refund combined; Get Unsettled Transactions' example shows ``affiliate_commission_amount``
#: (-4) = ``affiliate_commission_before_pit_amount`` (-6) + ``pit_withheld_...`` (2); the
#: settled endpoints' ``affiliate_commission_amount_before_pit`` is the same figure before
#: withholding (a public third-party normaliser checked against live data found it equal to
#: ``affiliate_commission_amount`` on every row).
RESTATED_FIELDS: Final = frozenset(
    {
        "affiliate_commission_amount_before_pit",
        "affiliate_commission_before_pit_amount",
        "pit_withheld_from_ads_commission_amount",
        "retail_delivery_fee_payment_amount",
        "retail_delivery_fee_refund_amount",
        "sales_tax_payment_amount",
        "sales_tax_refund_amount",
    }
)


def _decimal(value: Any) -> Decimal | None:
    """An amount from a field the models do not declare (kept raw in ``model_extra``)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and value.strip():
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            return None
        return amount if amount.is_finite() else None
    return None


def _amounts(model: WireModel | None) -> Iterable[tuple[str, Decimal]]:
    """Every amount directly on ``model``, declared or not (a field TikTok added later)."""
    if model is None:
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Decimal):
            yield name, value
    for name, raw in (model.model_extra or {}).items():
        amount = _decimal(raw)
        if amount is not None:
            yield name, amount


def revenue_components(breakdown: RevenueBreakdown | None) -> list[Component]:
    """The revenue parts, sales and refunds told apart."""
    return [
        Component(
            kind=REVENUE_KINDS.get(
                name,
                ComponentKind.SALES_REFUND if "refund" in name else ComponentKind.SALES,
            ),
            code=name,
            amount=amount,
        )
        for name, amount in _amounts(breakdown)
    ]


def shipping_components(breakdown: ShippingCostBreakdown | None) -> list[Component]:
    """The shipping parts; ``supplementary_component`` is for reference only and left out."""
    return [
        Component(kind=ComponentKind.SHIPPING, code=name, amount=amount)
        for name, amount in _amounts(breakdown)
    ]


def fee_tax_components(
    breakdown: SettledFeeTaxBreakdown | UnsettledFeeTaxBreakdown | None,
) -> list[Component]:
    """The fee and tax parts by kind, without the fields that restate others."""
    if breakdown is None:
        return []
    found = [
        Component(kind=FEE_KINDS.get(name, ComponentKind.OTHER_FEE), code=name, amount=amount)
        for name, amount in _amounts(breakdown.fee)
        if name not in RESTATED_FIELDS
    ]
    found.extend(
        Component(kind=ComponentKind.TAX, code=name, amount=amount)
        for name, amount in _amounts(breakdown.tax)
        if name not in RESTATED_FIELDS
    )
    return found


def _or_zero(value: Decimal | None) -> Decimal:
    return _ZERO if value is None else value


def _kind(transaction: StatementTransaction) -> LineKind:
    if transaction.type is TransactionType.ORDER:
        return LineKind.ORDER
    if transaction.type is TransactionType.RESERVE:
        return LineKind.RESERVE
    if transaction.type is None and transaction.order_id and not transaction.adjustment_id:
        return LineKind.ORDER
    if transaction.type is None and transaction.reserve_id:
        return LineKind.RESERVE
    return LineKind.ADJUSTMENT


def settlement_line(transaction: StatementTransaction) -> SettlementLine:
    """One statement transaction as a settlement line.

    An order line names ``order_id``, an adjustment ``adjustment_order_id`` (or none: a shop
    adjustment), a reserve ``associated_order_id``. A missing ``settlement_amount`` is
    TikTok's formula over the line's totals.
    """
    kind = _kind(transaction)
    order_id = {
        LineKind.ORDER: transaction.order_id,
        LineKind.ADJUSTMENT: transaction.adjustment_order_id,
        LineKind.RESERVE: transaction.associated_order_id,
    }[kind]
    revenue = _or_zero(transaction.revenue_amount)
    shipping = _or_zero(transaction.shipping_cost_amount)
    fee_tax = _or_zero(transaction.fee_tax_amount)
    adjustment = _or_zero(transaction.adjustment_amount)
    settlement = transaction.settlement_amount
    if settlement is None:
        settlement = revenue + shipping + fee_tax + adjustment
    return SettlementLine(
        transaction_id=transaction.id,
        kind=kind,
        type=str(transaction.type) if transaction.type is not None else "",
        order_id=order_id,
        revenue=revenue,
        shipping=shipping,
        fee_tax=fee_tax,
        adjustment=adjustment,
        reserve=_or_zero(transaction.reserve_amount),
        settlement=settlement,
        components=(
            *revenue_components(transaction.revenue_breakdown),
            *shipping_components(transaction.shipping_cost_breakdown),
            *fee_tax_components(transaction.fee_tax_breakdown),
        ),
    )


def statement(
    header: Statement | None = None, pages: Iterable[StatementTransactionsPage] = ()
) -> SettlementStatement:
    """A statement from its Get Statements entry, its transaction pages, or both.

    The pages give the lines and the totals (``total_settlement_amount``,
    ``total_reserve_amount``); the header gives the payout (``payment_id``) and is the
    fallback for the totals. Pass every page: the report checks the lines against the total.
    """
    pages = list(pages)
    first = pages[0] if pages else None
    ids = {i for i in (header.id if header else "", *(p.id for p in pages)) if i}
    if len(ids) != 1:
        raise SettlementDataError(
            f"a statement needs exactly one id across its header and pages, got {sorted(ids)}"
        )
    [statement_id] = ids
    statement_time = (header.statement_time if header else None) or (
        first.create_time if first else None
    )
    currency = (header.currency if header else "") or (first.currency if first else "")
    settlement = first.total_settlement_amount if first else None
    if settlement is None and header is not None:
        settlement = header.settlement_amount
    if statement_time is None or not currency or settlement is None:
        raise SettlementDataError(
            f"statement {statement_id} lacks its time, currency or settlement amount; fetch "
            f"it with Get Statements or Get Transactions by Statement"
        )
    return SettlementStatement(
        statement_id=statement_id,
        statement_time=statement_time,
        currency=currency,
        settlement=settlement,
        reserve=_or_zero(first.total_reserve_amount if first else None),
        payment_id=header.payment_id if header else "",
        payment_status=str(header.payment_status or "") if header else "",
        lines=tuple(settlement_line(t) for page in pages for t in page.transactions),
    )


def _sku_line(order_id: str, sku: SkuTransaction) -> SettlementLine:
    revenue = _or_zero(sku.revenue_amount)
    shipping = _or_zero(sku.shipping_cost_amount)
    fee_tax = _or_zero(sku.fee_tax_amount)
    settlement = sku.settlement_amount
    return SettlementLine(
        transaction_id=f"{order_id}/{sku.statement_id}/{sku.sku_id}",
        kind=LineKind.ORDER,
        type=str(TransactionType.ORDER),
        order_id=order_id,
        revenue=revenue,
        shipping=shipping,
        fee_tax=fee_tax,
        settlement=revenue + shipping + fee_tax if settlement is None else settlement,
        components=(
            *revenue_components(sku.revenue_breakdown),
            *shipping_components(sku.shipping_cost_breakdown),
            *fee_tax_components(sku.fee_tax_breakdown),
        ),
    )


def order_lines(order: OrderStatementTransactions) -> Mapping[str, tuple[SettlementLine, ...]]:
    """An order's settlement per SKU, grouped by the statement that settled each SKU.

    Each line's ``transaction_id`` is ``order/statement/sku`` (TikTok gives SKU transactions
    no id of their own).
    """
    if not order.order_id:
        raise SettlementDataError("Get Transactions by Order returned no order_id")
    grouped: dict[str, list[SettlementLine]] = {}
    for sku in order.sku_transactions:
        grouped.setdefault(sku.statement_id, []).append(_sku_line(order.order_id, sku))
    return {statement_id: tuple(lines) for statement_id, lines in grouped.items()}


def payout(payment: Payment) -> Payout:
    """A payment as a payout: its settlement and reserve before exchange, the amount after."""
    settlement = payment.settlement_amount
    before = payment.payment_amount_before_exchange
    paid = payment.amount
    currency = next(
        (a.currency for a in (settlement, before, paid) if a is not None and a.currency), ""
    )
    if settlement is None or settlement.value is None or paid is None or paid.value is None:
        raise SettlementDataError(
            f"payment {payment.id} lacks its settlement_amount or amount; TikTok sends both "
            f"for every payment in Get Payments"
        )
    reserve = payment.reserve_amount
    return Payout(
        payment_id=payment.id,
        status=str(payment.status or ""),
        currency=currency,
        settlement=settlement.value,
        reserve=_or_zero(reserve.value if reserve is not None else None),
        amount=paid.value,
        amount_currency=paid.currency or currency,
        created_at=payment.create_time,
        paid_at=payment.paid_time,
    )


def unsettled_orders(transactions: Iterable[UnsettledTransaction]) -> tuple[UnsettledOrder, ...]:
    """The orders among unsettled transactions, one per order (adjustments are left out).

    An order listed more than once has its estimates added, its reasons joined, and the
    latest delivery and settlement times kept.
    """
    merged: dict[str, UnsettledOrder] = {}
    for transaction in transactions:
        if transaction.type is not TransactionType.ORDER or not transaction.order_id:
            continue
        if not transaction.currency:
            raise SettlementDataError(f"unsettled transaction {transaction.id} has no currency")
        at = transaction.estimated_settlement_time
        current = UnsettledOrder(
            order_id=transaction.order_id,
            currency=transaction.currency,
            reason=transaction.unsettled_reason,
            estimated_settlement=transaction.est_settlement_amount,
            expected_at=at,
            expected_text="" if at is not None else transaction.estimated_settlement,
            delivered_at=transaction.order_delivery_time,
        )
        earlier = merged.get(current.order_id)
        merged[current.order_id] = current if earlier is None else _merge(earlier, current)
    return tuple(merged.values())


def _merge(a: UnsettledOrder, b: UnsettledOrder) -> UnsettledOrder:
    if a.currency != b.currency:
        raise SettlementDataError(
            f"order {a.order_id} is unsettled in two currencies ({a.currency}, {b.currency})"
        )
    estimates = [e for e in (a.estimated_settlement, b.estimated_settlement) if e is not None]
    reasons = list(dict.fromkeys(r for r in (a.reason, b.reason) if r))
    return UnsettledOrder(
        order_id=a.order_id,
        currency=a.currency,
        reason="; ".join(reasons),
        estimated_settlement=sum(estimates, _ZERO) if estimates else None,
        expected_at=max((t for t in (a.expected_at, b.expected_at) if t), default=None),
        expected_text=a.expected_text or b.expected_text,
        delivered_at=max((t for t in (a.delivered_at, b.delivered_at) if t), default=None),
    )
