"""Finance endpoints and Get Price Detail: parse the query, ask the finance desk, reply."""

from __future__ import annotations

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import FULFILLMENT_PARAMS, ORDER_NOT_OWNED, ParameterError
from tiktokshop_sync.testing._finance.backend import FinanceSearch
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

_PAYMENT_STATUSES = ("PAID", "FAILED", "PROCESSING")
_WITHDRAWAL_TYPES = ("WITHDRAW", "SETTLE", "TRANSFER", "REVERSE")
#: The largest Unix time the fake reads (int64 seconds, far beyond any real date).
_LATEST = 2**62


def _time(ctx: RouteContext, name: str) -> int | None:
    raw = ctx.query.get(name)
    if raw is None or raw == "":
        return None
    return ctx.int_query(name, low=0, high=_LATEST)


def _sorted_by(ctx: RouteContext, field: str) -> bool:
    """The required ``sort_field`` (its one supported value) and ``sort_order``: descending?"""
    if ctx.query.get("sort_field") != field:
        raise ParameterError(
            "sort_field", f"The `sort_field` query parameter is required and supports only {field}."
        )
    return ctx.choice_query("sort_order", ("ASC", "DESC"), "ASC") == "DESC"


def _search(
    ctx: RouteContext, *, sort_field: str | None, window: str | None, **extra: object
) -> FinanceSearch:
    size = ctx.int_query("page_size", low=1, high=100, default=20)
    descending = _sorted_by(ctx, sort_field) if sort_field is not None else False
    bounds = (
        (None, None) if window is None else (_time(ctx, f"{window}_ge"), _time(ctx, f"{window}_lt"))
    )
    return FinanceSearch(
        window=bounds,
        descending=descending,
        size=size,
        page_token=ctx.query.get("page_token", ""),
        **extra,  # type: ignore[arg-type]
    )


@routes.handle(endpoints.FINANCE_STATEMENTS)
def statements(ctx: RouteContext) -> object:
    """Get Statements: a shop's daily statements, by statement time."""
    status = ctx.query.get("payment_status") or None
    if status is not None and status not in _PAYMENT_STATUSES:
        raise ParameterError("payment_status", f"payment_status {status!r} is not supported.")
    search = _search(
        ctx, sort_field="statement_time", window="statement_time", payment_status=status
    )
    return ctx.world.finance.statements_reply(ctx.require_shop().id, search)


@routes.handle(endpoints.FINANCE_STATEMENT_TRANSACTIONS)
def statement_transactions(ctx: RouteContext) -> object:
    """Get Transactions by Statement: a page of transactions, with the statement's totals."""
    search = _search(ctx, sort_field="order_create_time", window=None)
    return ctx.world.finance.statement_transactions_reply(
        ctx.require_shop().id, ctx.params["statement_id"], search
    )


@routes.handle(endpoints.FINANCE_ORDER_TRANSACTIONS)
def order_transactions(ctx: RouteContext) -> object:
    """Get Transactions by Order: the order's settlement per SKU."""
    return ctx.world.finance.order_transactions_reply(ctx.require_shop().id, ctx.params["order_id"])


@routes.handle(endpoints.FINANCE_UNSETTLED)
def unsettled(ctx: RouteContext) -> object:
    """Get Unsettled Transactions: by order create time, within the search window."""
    search = _search(ctx, sort_field="order_create_time", window="search_time")
    return ctx.world.finance.unsettled_reply(ctx.require_shop().id, search)


@routes.handle(endpoints.FINANCE_PAYMENTS)
def payments(ctx: RouteContext) -> object:
    """Get Payments: the shop's payouts, by creation time."""
    search = _search(ctx, sort_field="create_time", window="create_time")
    return ctx.world.finance.payments_reply(ctx.require_shop().id, search)


@routes.handle(endpoints.FINANCE_WITHDRAWALS)
def withdrawals(ctx: RouteContext) -> object:
    """Get Withdrawals: ``types`` (required, comma-joined) within the creation window."""
    kinds = tuple(t.strip() for t in ctx.query.get("types", "").split(",") if t.strip())
    if not kinds or any(t not in _WITHDRAWAL_TYPES for t in kinds):
        raise ParameterError("types", "The `types` query parameter is required.")
    search = _search(ctx, sort_field=None, window="create_time", types=kinds)
    return ctx.world.finance.withdrawals_reply(ctx.require_shop().id, search)


@routes.handle(endpoints.ORDERS_PRICE_DETAIL, errors=(FULFILLMENT_PARAMS, ORDER_NOT_OWNED))
def price_detail(ctx: RouteContext) -> object:
    """Get Price Detail: one order of the cipher's shop."""
    order_id = ctx.params["order_id"]
    if not order_id.isdigit():
        raise ParameterError("order_id", "The order_id path parameter must be an order ID.")
    return ctx.world.finance.price_detail_reply(ctx.require_shop().id, order_id)
