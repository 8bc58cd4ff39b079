"""Returns and refunds: search cancellations and returns, cancel, approve, reject (§5.9), and
the look-ups: reject reasons, return records, after-sale eligibility, refund calculation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import (
    ALREADY_IN_PROCESS,
    CANNOT_APPROVE,
    CANNOT_REJECT,
    IN_ARBITRATION,
    NO_PERMISSION,
    ORDER_FINISHED,
    ORDER_NOT_FOUND,
    PARTIAL_CANCEL_UNSUPPORTED,
    PARTIAL_REFUND_NOT_ALLOWED,
    REASON_NOT_FOR_ACTION,
    REASON_NOT_FOR_STATUS,
    REASON_UNKNOWN,
    RETURN_PARAMS,
    REVERSE_STATUS_INVALID,
    SHIPPED_CANNOT_CANCEL,
    ParameterError,
)
from tiktokshop_sync.testing._params import str_field, str_list, time_bounds
from tiktokshop_sync.testing._returns.backend import (
    ARBITRATION_OUTCOMES,
    CANCEL_STATUSES,
    CANCEL_TYPES,
    REFUND_REQUEST_TYPES,
    RETURN_STATUSES,
    RETURN_TYPES,
    Search,
)
from tiktokshop_sync.testing._returns.records import Language, language_of
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()


def _language(value: object, name: str = "locale") -> Language:
    """The language of reasons a ``locale`` asks for (English unless Japanese is asked)."""
    if value is None or value == "":
        return "en"
    if not isinstance(value, str):
        raise ParameterError(name)
    return language_of(value)


def _search(
    ctx: RouteContext, *, low: int, fields: Sequence[str], allowed: dict[str, Sequence[str]]
) -> Search:
    """Paging, sorting and filters of Search Cancellations / Search Returns."""
    size = ctx.int_query("page_size", low=low, high=50, default=10)
    sort_field = ctx.choice_query("sort_field", ("create_time", "update_time"), "create_time")
    sort_order = ctx.choice_query("sort_order", ("ASC", "DESC"), "ASC")
    body = ctx.json_body()
    filters = {name: str_list(body, name) for name in fields}
    for name, values in allowed.items():
        if any(v not in values for v in filters.get(name) or []):
            raise RETURN_PARAMS.error()
    return Search(
        filters=filters,
        bounds=time_bounds(body),
        sort_field=sort_field,
        sort_order=sort_order,
        size=size,
        page_token=ctx.query.get("page_token", ""),
        language=_language(body.get("locale")),
    )


@routes.handle(
    endpoints.RETURNS_SEARCH_CANCELLATIONS,
    errors=(RETURN_PARAMS,),
)
def search_cancellations(ctx: RouteContext) -> object:
    """Search Cancellations: 1-50 a page (default 10), oldest first unless told otherwise."""
    search = _search(
        ctx,
        low=1,
        fields=("cancel_ids", "order_ids", "buyer_user_ids", "cancel_types", "cancel_status"),
        allowed={"cancel_types": CANCEL_TYPES, "cancel_status": CANCEL_STATUSES},
    )
    return ctx.world.after_sales.search_cancellations_reply(ctx.require_shop().id, search)


@routes.handle(endpoints.RETURNS_SEARCH_RETURNS, errors=(RETURN_PARAMS,))
def search_returns(ctx: RouteContext) -> object:
    """Search Returns: 10-50 a page per the 202309 doc."""
    search = _search(
        ctx,
        low=10,
        fields=(
            "return_ids",
            "order_ids",
            "buyer_user_ids",
            "return_types",
            "return_status",
            "arbitration_status",
            "seller_proposed_return_type",
        ),
        allowed={
            "return_types": RETURN_TYPES,
            "return_status": RETURN_STATUSES,
            "arbitration_status": ("IN_PROGRESS", *ARBITRATION_OUTCOMES),
            "seller_proposed_return_type": ("PARTIAL_REFUND",),
        },
    )
    return ctx.world.after_sales.search_returns_reply(ctx.require_shop().id, search)


@routes.handle(
    endpoints.RETURNS_CANCEL_ORDER,
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
    return ctx.world.after_sales.seller_cancel(
        ctx.require_shop(),
        str_field(body, "order_id"),
        str_field(body, "cancel_reason"),
        str_list(body, "order_line_item_ids"),
        ctx.now,
    )


@routes.handle(
    endpoints.RETURNS_APPROVE_CANCELLATION,
    errors=(RETURN_PARAMS, CANNOT_APPROVE, NO_PERMISSION),
)
def approve_cancellation(ctx: RouteContext) -> object:
    """Approve Cancellation; a repeated ``idempotency_key`` is a harmless no-op."""
    ctx.json_body()
    ctx.world.after_sales.approve(
        ctx.require_shop(),
        ctx.params["cancel_id"],
        ctx.query.get("idempotency_key", ""),
        ctx.now,
    )
    return {}


@routes.handle(
    endpoints.RETURNS_REJECT_CANCELLATION,
    errors=(RETURN_PARAMS, CANNOT_REJECT, NO_PERMISSION, REASON_UNKNOWN, REASON_NOT_FOR_ACTION),
)
def reject_cancellation(ctx: RouteContext) -> object:
    """Reject Cancellation: needs a ``reject_reason`` key."""
    body = ctx.json_body()
    ctx.world.after_sales.reject(
        ctx.require_shop(),
        ctx.params["cancel_id"],
        ctx.query.get("idempotency_key", ""),
        str_field(body, "reject_reason"),
        ctx.now,
    )
    return {}


@routes.handle(
    endpoints.RETURNS_APPROVE_RETURN,
    errors=(
        RETURN_PARAMS,
        CANNOT_APPROVE,
        NO_PERMISSION,
        IN_ARBITRATION,
        PARTIAL_REFUND_NOT_ALLOWED,
    ),
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
    keep_item = body.get("buyer_keep_item", False)
    if not isinstance(keep_item, bool):
        raise RETURN_PARAMS.error()
    ctx.world.after_sales.decide_return(
        ctx.require_shop(),
        ctx.params["return_id"],
        "approve",
        str_field(body, "decision"),
        ctx.query.get("idempotency_key", ""),
        ctx.now,
        partial_refund=None
        if offer is None
        else {"currency": offer["currency"], "amount": offer["amount"]},
        keep_item=keep_item,
    )
    return {}


@routes.handle(
    endpoints.RETURNS_REJECT_RETURN,
    errors=(RETURN_PARAMS, NO_PERMISSION, IN_ARBITRATION, REASON_UNKNOWN, REASON_NOT_FOR_ACTION),
    # Reject Return's page lists no 25011011: "Invalid order status." is its state refusal.
    instead=((CANNOT_REJECT, REVERSE_STATUS_INVALID),),
)
def reject_return(ctx: RouteContext) -> object:
    """Reject Return: a ``decision`` and a ``reject_reason`` key."""
    body = ctx.json_body()
    decision = str_field(body, "decision")
    reason = str_field(body, "reject_reason")
    comment = body.get("comment", "")
    if not isinstance(comment, str):
        raise RETURN_PARAMS.error()
    ctx.world.after_sales.decide_return(
        ctx.require_shop(),
        ctx.params["return_id"],
        "reject",
        decision,
        ctx.query.get("idempotency_key", ""),
        ctx.now,
        reason=reason,
        comment=comment,
    )
    return {}


@routes.handle(endpoints.RETURNS_REJECT_REASONS)
def reject_reasons(ctx: RouteContext) -> object:
    """Get Reject Reasons: the reasons that fit the return or cancellation now."""
    request_id = ctx.query.get("return_or_cancel_id", "").strip()
    if not request_id:
        raise ParameterError("return_or_cancel_id")
    language = _language(ctx.query.get("locale"))
    return ctx.world.after_sales.reject_reasons_reply(ctx.require_shop(), request_id, language)


@routes.handle(endpoints.RETURNS_RETURN_RECORDS)
def return_records(ctx: RouteContext) -> object:
    """Get Return Records: the return's history, in the ``locale`` asked for."""
    language = _language(ctx.query.get("locale"))
    return ctx.world.after_sales.return_records_reply(
        ctx.require_shop(), ctx.params["return_id"], language
    )


@routes.handle(endpoints.RETURNS_AFTERSALE_ELIGIBILITY)
def aftersale_eligibility(ctx: RouteContext) -> object:
    """Get Aftersale Eligibility: for the seller (default) or the buyer."""
    user = ctx.choice_query("initiate_aftersale_user", ("SELLER", "BUYER"), "SELLER")
    return ctx.world.after_sales.eligibility_reply(ctx.require_shop(), ctx.params["order_id"], user)


def _skus(body: dict[str, Any]) -> list[tuple[str, int]] | None:
    value = body.get("skus")
    if value is None:
        return None
    if not isinstance(value, list):
        raise RETURN_PARAMS.error()
    skus = []
    for sku in value:
        quantity = sku.get("quantity") if isinstance(sku, dict) else None
        if isinstance(quantity, bool) or not isinstance(quantity, int):
            raise RETURN_PARAMS.error()
        skus.append((str_field(sku, "sku_id", error=RETURN_PARAMS), quantity))
    return skus


@routes.handle(endpoints.RETURNS_CALCULATE_REFUND, errors=(RETURN_PARAMS, ORDER_NOT_FOUND))
def calculate_refund(ctx: RouteContext) -> object:
    """Calculate Refund: prices the request; creates nothing."""
    body = ctx.json_body()
    request_type = str_field(body, "request_type", error=RETURN_PARAMS)
    if request_type not in REFUND_REQUEST_TYPES:
        raise RETURN_PARAMS.error()
    str_field(body, "reason_name", error=RETURN_PARAMS)
    for name, allowed in (
        ("shipment_type", ("PLATFORM", "BUYER_ARRANGE")),
        ("handover_method", ("DROP_OFF", "PICKUP")),
    ):
        if str_field(body, name, required=False, error=RETURN_PARAMS) not in ("", *allowed):
            raise RETURN_PARAMS.error()
    return ctx.world.after_sales.calculate_refund_reply(
        ctx.require_shop(),
        str_field(body, "order_id", error=RETURN_PARAMS),
        request_type,
        str_list(body, "order_line_item_ids", error=RETURN_PARAMS),
        _skus(body),
    )
