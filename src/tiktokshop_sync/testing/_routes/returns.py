"""Returns and refunds: search cancellations and returns, cancel, approve, reject (§5.9)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from tiktokshop_sync.testing._aftersales import (
    CANCEL_STATUSES,
    RETURN_STATUSES,
    RETURN_TYPES,
    FakeCancellation,
    FakeReturn,
)
from tiktokshop_sync.testing._errors import (
    ALREADY_IN_PROCESS,
    CANNOT_APPROVE,
    CANNOT_REJECT,
    NO_PERMISSION,
    ORDER_FINISHED,
    PARTIAL_CANCEL_UNSUPPORTED,
    REASON_NOT_FOR_STATUS,
    REASON_UNKNOWN,
    RETURN_PARAMS,
    REVERSE_STATUS_INVALID,
    SHIPPED_CANNOT_CANCEL,
)
from tiktokshop_sync.testing._router import RouteContext, RouteGroup
from tiktokshop_sync.testing._routes._common import (
    choice_query,
    int_field,
    keyset_page,
    page_size,
    str_field,
    str_list,
)

__all__ = ["routes"]

routes = RouteGroup()

_SCOPE = "seller.return_refund.basic"
_TIME_FILTERS = ("create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt")
_CANCEL_TYPES = ("CANCEL", "BUYER_CANCEL")


R = TypeVar("R", FakeCancellation, FakeReturn)


def _search(
    ctx: RouteContext,
    records: Sequence[R],
    *,
    low: int,
    ident: Callable[[R], str],
    filters: dict[str, Callable[[R], str]],
    allowed: dict[str, Sequence[str]],
    tag: str,
) -> tuple[list[R], str, int]:
    """Filter, sort and page cancellations or returns the way both searches do."""
    size = page_size(ctx, low, 50, RETURN_PARAMS, default=10)
    sort_field = choice_query(
        ctx, "sort_field", ("create_time", "update_time"), "create_time", RETURN_PARAMS
    )
    sort_order = choice_query(ctx, "sort_order", ("ASC", "DESC"), "ASC", RETURN_PARAMS)
    body = ctx.json_body()
    wanted = {name: str_list(body, name, RETURN_PARAMS) for name in filters}
    for name, values in allowed.items():
        if wanted.get(name) and any(v not in values for v in wanted[name] or []):
            raise RETURN_PARAMS.error()
    bounds = {name: int_field(body, name, RETURN_PARAMS) for name in _TIME_FILTERS}

    def matches(record: R) -> bool:
        created = int(record.create_time.timestamp())
        updated = int(record.update_time.timestamp())
        checks = [not values or filters[name](record) in values for name, values in wanted.items()]
        checks += [
            bounds["create_time_ge"] is None or created >= bounds["create_time_ge"],
            bounds["create_time_lt"] is None or created < bounds["create_time_lt"],
            bounds["update_time_ge"] is None or updated >= bounds["update_time_ge"],
            bounds["update_time_lt"] is None or updated < bounds["update_time_lt"],
        ]
        return all(checks)

    def key(record: R) -> tuple[int, str]:
        moment = record.create_time if sort_field == "create_time" else record.update_time
        return int(moment.timestamp()), ident(record)

    descending = sort_order == "DESC"
    found = sorted((r for r in records if matches(r)), key=key, reverse=descending)
    page, token = keyset_page(
        ctx,
        found,
        key,
        size=size,
        tag=f"{tag}/{sort_field}/{sort_order}",
        descending=descending,
        error=RETURN_PARAMS,
    )
    return page, token, len(found)


@routes.post(
    "/return_refund/202309/cancellations/search",
    scope=_SCOPE,
    cipher="required",
    errors=(RETURN_PARAMS,),
)
def search_cancellations(ctx: RouteContext) -> object:
    """Search Cancellations: 1-50 a page (default 10), oldest first unless told otherwise."""
    shop = ctx.require_shop()
    page, token, total = _search(
        ctx,
        ctx.state.after_sales.cancellations_of(shop.id),
        low=1,
        ident=lambda c: c.cancel_id,
        filters={
            "cancel_ids": lambda c: c.cancel_id,
            "order_ids": lambda c: c.order_id,
            "buyer_user_ids": lambda c: c.buyer_user_id,
            "cancel_types": lambda c: c.cancel_type,
            "cancel_status": lambda c: c.status,
        },
        allowed={"cancel_types": _CANCEL_TYPES, "cancel_status": CANCEL_STATUSES},
        tag="cancellations",
    )
    orders = ctx.state.orders
    return {
        "cancellations": [c.to_wire(orders[c.order_id]) for c in page],
        "total_count": total,
        "next_page_token": token,
    }


@routes.post(
    "/return_refund/202309/returns/search", scope=_SCOPE, cipher="required", errors=(RETURN_PARAMS,)
)
def search_returns(ctx: RouteContext) -> object:
    """Search Returns: 10-50 a page per the 202309 doc."""
    shop = ctx.require_shop()
    page, token, total = _search(
        ctx,
        ctx.state.after_sales.returns_of(shop.id),
        low=10,
        ident=lambda r: r.return_id,
        filters={
            "return_ids": lambda r: r.return_id,
            "order_ids": lambda r: r.order_id,
            "buyer_user_ids": lambda r: r.buyer_user_id,
            "return_types": lambda r: r.return_type,
            "return_status": lambda r: r.status,
        },
        allowed={"return_types": RETURN_TYPES, "return_status": RETURN_STATUSES},
        tag="returns",
    )
    orders = ctx.state.orders
    return {
        "return_orders": [r.to_wire(orders[r.order_id]) for r in page],
        "total_count": total,
        "next_page_token": token,
    }


@routes.post(
    "/return_refund/202309/cancellations",
    scope=_SCOPE,
    cipher="required",
    errors=(
        RETURN_PARAMS,
        ALREADY_IN_PROCESS,
        NO_PERMISSION,
        ORDER_FINISHED,
        PARTIAL_CANCEL_UNSUPPORTED,
        REASON_NOT_FOR_STATUS,
        REASON_UNKNOWN,
        SHIPPED_CANNOT_CANCEL,
    ),
)
def cancel_order(ctx: RouteContext) -> object:
    """Cancel Order (seller): a JP reason key valid for the order's status."""
    body = ctx.json_body()
    record = ctx.state.after_sales.seller_cancel(
        ctx.require_shop(),
        str_field(body, "order_id", RETURN_PARAMS),
        str_field(body, "cancel_reason", RETURN_PARAMS),
        str_list(body, "order_line_item_ids", RETURN_PARAMS),
        ctx.now,
    )
    # The refund is issued at once in the fake; the call itself reports acceptance.
    return {"cancel_id": record.cancel_id, "cancel_status": "CANCELLATION_REQUEST_SUCCESS"}


@routes.post(
    "/return_refund/202309/cancellations/{cancel_id}/approve",
    scope=_SCOPE,
    cipher="required",
    errors=(RETURN_PARAMS, CANNOT_APPROVE, NO_PERMISSION),
)
def approve_cancellation(ctx: RouteContext) -> object:
    """Approve Cancellation; a repeated ``idempotency_key`` is a harmless no-op."""
    ctx.json_body()
    ctx.state.after_sales.approve(
        ctx.require_shop(),
        ctx.params["cancel_id"],
        ctx.query.get("idempotency_key", ""),
        ctx.now,
    )
    return {}


@routes.post(
    "/return_refund/202309/cancellations/{cancel_id}/reject",
    scope=_SCOPE,
    cipher="required",
    errors=(RETURN_PARAMS, CANNOT_REJECT, NO_PERMISSION),
)
def reject_cancellation(ctx: RouteContext) -> object:
    """Reject Cancellation: needs a ``reject_reason`` key."""
    body = ctx.json_body()
    ctx.state.after_sales.reject(
        ctx.require_shop(),
        ctx.params["cancel_id"],
        ctx.query.get("idempotency_key", ""),
        str_field(body, "reject_reason", RETURN_PARAMS),
        ctx.now,
    )
    return {}


@routes.post(
    "/return_refund/202309/returns/{return_id}/approve",
    scope=_SCOPE,
    cipher="required",
    errors=(RETURN_PARAMS, CANNOT_APPROVE, NO_PERMISSION),
)
def approve_return(ctx: RouteContext) -> object:
    """Approve Return: a ``decision`` fitting the return; a repeated key is a no-op."""
    body = ctx.json_body()
    offer = body.get("partial_refund")
    if offer is not None and not (
        isinstance(offer, dict)
        and all(isinstance(offer.get(k), str) for k in ("amount", "currency"))
    ):
        raise RETURN_PARAMS.error()
    ctx.state.after_sales.decide_return(
        ctx.require_shop(),
        ctx.params["return_id"],
        "approve",
        str_field(body, "decision", RETURN_PARAMS),
        ctx.query.get("idempotency_key", ""),
        ctx.now,
        partial_refund=None
        if offer is None
        else {"currency": offer["currency"], "amount": offer["amount"]},
    )
    return {}


@routes.post(
    "/return_refund/202309/returns/{return_id}/reject",
    scope=_SCOPE,
    cipher="required",
    errors=(RETURN_PARAMS, NO_PERMISSION),
    # Reject Return's page lists no 25011011: "Invalid order status." is its state refusal.
    instead=((CANNOT_REJECT, REVERSE_STATUS_INVALID),),
)
def reject_return(ctx: RouteContext) -> object:
    """Reject Return: a ``decision`` and a ``reject_reason`` key."""
    body = ctx.json_body()
    decision = str_field(body, "decision", RETURN_PARAMS)
    reason = str_field(body, "reject_reason", RETURN_PARAMS)
    ctx.state.after_sales.decide_return(
        ctx.require_shop(),
        ctx.params["return_id"],
        "reject",
        decision,
        ctx.query.get("idempotency_key", ""),
        ctx.now,
        reason=reason,
    )
    return {}
