"""Wire to domain for after-sales: TikTok's returns and refund amounts as after-sales facts.

The one place that sees both :mod:`tiktokshop_sync.types.returns` /
:mod:`tiktokshop_sync.types.aftersales` and :mod:`tiktokshop_sync.domain.returns`. TikTok's
codes are kept as the strings TikTok sent (an unknown status still flows through); amounts stay
``Decimal``. A type-12 webhook is not translated: it lacks the amounts, line items and the
buyer-keeps-item flag the rules read, so a workflow takes it as a cue to read the return with
Search Returns (``return_ids``) and translates that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from ..domain.returns import RefundMoney, ReturnFacts, ReturnLine, SellerNextAction
from ..types._base import OpenEnum
from ..types.aftersales import RefundCalculation
from ..types.returns import RefundAmount, Return, ReturnDiscountAmount, ReturnLineItem

__all__ = ["calculated_refund", "refund_money", "return_facts", "return_facts_many"]


def _code(value: OpenEnum | None) -> str:
    """TikTok's code as sent ("" when absent), known to the enum or not."""
    return "" if value is None else str(value.value)


def _currency(text: str) -> str:
    return text.strip().upper()


def _sum(amounts: Iterable[Decimal | None]) -> Decimal | None:
    found = [amount for amount in amounts if amount is not None]
    return sum(found, Decimal(0)) if found else None


def refund_money(
    amount: RefundAmount | None, discounts: Sequence[ReturnDiscountAmount] = ()
) -> RefundMoney | None:
    """A refund amount (with the product discounts it takes back), or None when TikTok sent none.

    Discount entries in another currency than the refund's are left out (an amount is never
    added across currencies).
    """
    if amount is None:
        return None
    currency = _currency(amount.currency)
    mine = [d for d in discounts if _currency(d.currency) in ("", currency)]
    return RefundMoney(
        currency=currency,
        total=amount.refund_total,
        subtotal=amount.refund_subtotal,
        shipping=amount.refund_shipping_fee,
        tax=amount.refund_tax,
        platform_discount=_sum(d.product_platform_discount for d in mine),
        seller_discount=_sum(d.product_seller_discount for d in mine),
    )


def _line(item: ReturnLineItem) -> ReturnLine:
    return ReturnLine(
        order_line_item_id=item.order_line_item_id,
        return_line_item_id=item.return_line_item_id,
        sku_id=item.sku_id,
        seller_sku=item.seller_sku,
        refund=refund_money(item.refund_amount),
    )


def return_facts(ret: Return) -> ReturnFacts:
    """A Search Returns result as after-sales facts.

    Next actions TikTok lists without an action code are left out (there is nothing to answer).
    """
    partial = ret.partial_refund
    return ReturnFacts(
        return_id=ret.return_id,
        order_id=ret.order_id,
        return_type=_code(ret.return_type),
        status=_code(ret.return_status),
        arbitration_status=_code(ret.arbitration_status),
        role=_code(ret.role),
        created_at=ret.create_time,
        updated_at=ret.update_time,
        reason=ret.return_reason,
        reason_text=ret.return_reason_text,
        refund=refund_money(ret.refund_amount, ret.discount_amount),
        lines=[_line(item) for item in ret.return_line_items],
        next_actions=[
            SellerNextAction(action=_code(next_action.action), deadline=next_action.deadline)
            for next_action in ret.seller_next_action_response
            if next_action.action is not None and _code(next_action.action).strip()
        ],
        buyer_keeps_item=ret.can_buyer_keep_item,
        seller_proposed=_code(ret.seller_proposed_return_type),
        partial_refund=None if partial is None else partial.amount,
        partial_refund_currency="" if partial is None else _currency(partial.currency),
        buyer_rejected_partial_refund=ret.buyer_rejected_partial_refund,
        return_method=_code(ret.return_method),
        return_tracking_number=ret.return_tracking_number,
        return_carrier=ret.return_provider_name,
    )


def return_facts_many(returns: Iterable[Return]) -> tuple[ReturnFacts, ...]:
    """Every return of a page (or several), translated."""
    return tuple(return_facts(ret) for ret in returns)


def calculated_refund(calculation: RefundCalculation) -> RefundMoney | None:
    """Calculate Refund's answer as a refund amount (None when TikTok sent none)."""
    return refund_money(calculation.order_refund_amount)
