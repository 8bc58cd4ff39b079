"""Order endpoints: Get Order List (search) and Get Order Detail (reference §5.2, §5.3)."""

from __future__ import annotations

from typing import Any

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import ORDER_NOT_OWNED, ParameterError
from tiktokshop_sync.testing._orders.backend import MAX_DETAIL_IDS, OrderSearch
from tiktokshop_sync.testing._orders.index import SortField
from tiktokshop_sync.testing._orders.records import ORDER_STATUSES
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

# The values Get Order List's shipping_type filter lists (orders may carry others).
_SHIPPING_TYPES = ("TIKTOK", "SELLER")
_FIELDS: tuple[SortField, SortField] = ("create_time", "update_time")


def _int_field(body: dict[str, Any], name: str) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        # The live gateway's wording for a string where an int64 belongs (EcomPHP issue #23).
        actual = "string" if isinstance(value, str) else type(value).__name__
        raise ParameterError(
            name, f"param {name} type invalid,actual type is:{actual},expected type is:int64"
        )
    return value


def _search(ctx: RouteContext) -> OrderSearch:
    chosen = ctx.choice_query("sort_field", _FIELDS, "create_time")
    sort_field: SortField = "create_time" if chosen == "create_time" else "update_time"
    sort_order = ctx.choice_query("sort_order", ("ASC", "DESC"), "DESC")
    body = ctx.json_body()
    status = body.get("order_status")
    if status is not None and status not in ORDER_STATUSES:
        raise ParameterError(
            "order_status", f"The `order_status` value {status!r} is not supported."
        )
    shipping_type = body.get("shipping_type")
    if shipping_type is not None and shipping_type not in _SHIPPING_TYPES:
        raise ParameterError(
            "shipping_type", f"The `shipping_type` value {shipping_type!r} is not supported."
        )
    cancel_requested = body.get("is_buyer_request_cancel")
    if cancel_requested is not None and not isinstance(cancel_requested, bool):
        raise ParameterError(
            "is_buyer_request_cancel",
            "param is_buyer_request_cancel type invalid, expected type is:bool",
        )
    created = (_int_field(body, "create_time_ge"), _int_field(body, "create_time_lt"))
    updated = (_int_field(body, "update_time_ge"), _int_field(body, "update_time_lt"))
    buyer = body.get("buyer_user_id")
    warehouses = body.get("warehouse_ids")
    return OrderSearch(
        sort_field=sort_field,
        sort_order=sort_order,
        order_status=status,
        shipping_type=shipping_type,
        is_buyer_request_cancel=cancel_requested,
        buyer_user_id=buyer,
        warehouse_ids=tuple(warehouses or ()),
        create_time=created,
        update_time=updated,
    )


@routes.handle(endpoints.ORDERS_SEARCH)
def search_orders(ctx: RouteContext) -> object:
    """Get Order List: filters in the JSON body, paging and sorting in the query."""
    shop = ctx.require_shop()
    low, high = endpoints.ORDERS_SEARCH.limits.page_size or (1, 100)
    size = ctx.int_query("page_size", low=low, high=high)
    search = _search(ctx)
    return ctx.world.orders.search_reply(
        shop.id, search, size=size, page_token=ctx.query.get("page_token", "")
    )


@routes.handle(endpoints.ORDERS_GET, also=("/order/202507/orders",), errors=(ORDER_NOT_OWNED,))
def get_order_detail(ctx: RouteContext) -> object:
    """Get Order Detail: ``ids`` comma-joined, at most 50, all of the cipher's shop."""
    shop = ctx.require_shop()
    raw = ctx.query.get("ids", "")
    ids = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if not ids:
        raise ParameterError("ids", "The `ids` query parameter is required.")
    if len(ids) > MAX_DETAIL_IDS:
        raise ParameterError(
            "ids", f"The `ids` query parameter accepts at most {MAX_DETAIL_IDS} order IDs."
        )
    return ctx.world.orders.detail_reply(shop.id, ids, ctx.api_version)
