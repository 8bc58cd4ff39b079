"""After-sales facts several test modules build: a yen refund request and its variations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from tiktokshop_sync.domain import RefundMoney, ReturnFacts, ReturnLine, SellerNextAction

__all__ = ["AT", "refund", "request"]

#: 10:00 JST on 2025-09-10: when the sample requests were last updated.
AT = datetime(2025, 9, 10, 1, tzinfo=timezone.utc)


def refund(total: int, *, subtotal: int | None = None, **changes: Any) -> RefundMoney:
    """A yen refund of ``total``: goods ``subtotal`` (all of it by default), no shipping or tax."""
    goods = total if subtotal is None else subtotal
    fields: dict[str, Any] = {
        "currency": "JPY",
        "total": Decimal(total),
        "subtotal": Decimal(goods),
        "shipping": Decimal(total - goods),
        "tax": Decimal(0),
    }
    return RefundMoney(**{**fields, **changes})


def request(
    return_id: str = "4035000000000000001",
    *,
    kind: str = "REFUND",
    status: str = "RETURN_OR_REFUND_REQUEST_PENDING",
    amount: int | None = 1500,
    deadline: datetime | None = AT + timedelta(hours=36),
    action: str | None = None,
    **changes: Any,
) -> ReturnFacts:
    """A buyer's request on order 5761…001 for one line, TikTok waiting for the seller."""
    wanted = action or {
        "REFUND": "SELLER_RESPOND_REFUND",
        "RETURN_AND_REFUND": "SELLER_RESPOND_RETURN",
        "REPLACEMENT": "SELLER_RESPOND_REPLACEMENT",
    }.get(kind, "SELLER_RESPOND_REFUND")
    pending = status in ("RETURN_OR_REFUND_REQUEST_PENDING", "REPLACEMENT_REQUEST_PENDING")
    fields: dict[str, Any] = {
        "return_id": return_id,
        "order_id": "576100000000000001",
        "return_type": kind,
        "status": status,
        "role": "BUYER",
        "created_at": AT - timedelta(hours=2),
        "updated_at": AT,
        "refund": None if amount is None else refund(amount),
        "lines": (
            ReturnLine(
                order_line_item_id="577000000000000001",
                return_line_item_id="4035100000000000001",
                sku_id="1729000000000000001",
                seller_sku="TEA-HOJI-20",
                refund=None if amount is None else refund(amount),
            ),
        ),
        "next_actions": (
            (SellerNextAction(action=wanted, deadline=deadline),)
            if pending and deadline is not None
            else ()
        ),
    }
    return ReturnFacts(**{**fields, **changes})
