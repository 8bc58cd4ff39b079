"""Order endpoints: Get Order List (search) and Get Order Detail (reference §5.2, §5.3)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any

from tiktokshop_sync.testing._errors import ORDER_NOT_OWNED, invalid_parameter
from tiktokshop_sync.testing._order import ORDER_STATUSES, FakeOrder
from tiktokshop_sync.testing._order_index import SortField, sort_key
from tiktokshop_sync.testing._paging import decode_page_token, encode_page_token
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

MAX_DETAIL_IDS = 50
# The values Get Order List's shipping_type filter lists (orders may carry others).
_SHIPPING_TYPES = ("TIKTOK", "SELLER")
_TIME_FILTERS = ("create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt")
_FIELDS: tuple[SortField, SortField] = ("create_time", "update_time")


def _int_field(body: dict[str, Any], name: str) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        # The live gateway's wording for a string where an int64 belongs (EcomPHP issue #23).
        actual = "string" if isinstance(value, str) else type(value).__name__
        raise invalid_parameter(
            f"param {name} type invalid,actual type is:{actual},expected type is:int64"
        )
    return value


def _filters(
    body: dict[str, Any], sort_field: SortField
) -> tuple[int | None, int | None, Callable[[FakeOrder], bool] | None]:
    """The sort field's ``[ge, lt)`` bounds, and a test for every other filter (None if none).

    The bounds select a slice of the shop's sorted orders; only the other filters need looking
    at each order.
    """
    status = body.get("order_status")
    if status is not None and status not in ORDER_STATUSES:
        raise invalid_parameter(f"The `order_status` value {status!r} is not supported.")
    shipping_type = body.get("shipping_type")
    if shipping_type is not None and shipping_type not in _SHIPPING_TYPES:
        raise invalid_parameter(f"The `shipping_type` value {shipping_type!r} is not supported.")
    cancel_requested = body.get("is_buyer_request_cancel")
    if cancel_requested is not None and not isinstance(cancel_requested, bool):
        raise invalid_parameter("param is_buyer_request_cancel type invalid, expected type is:bool")
    bounds = {name: _int_field(body, name) for name in _TIME_FILTERS}
    buyer = body.get("buyer_user_id")
    warehouses = body.get("warehouse_ids")
    ge, lt = bounds.pop(f"{sort_field}_ge"), bounds.pop(f"{sort_field}_lt")
    other_field = "update_time" if sort_field == "create_time" else "create_time"
    other_ge, other_lt = bounds[f"{other_field}_ge"], bounds[f"{other_field}_lt"]
    if (
        status is None
        and shipping_type is None
        and cancel_requested is None
        and buyer is None
        and not warehouses
        and other_ge is None
        and other_lt is None
    ):
        return ge, lt, None

    def matches(order: FakeOrder) -> bool:
        other = int(getattr(order, other_field).timestamp())
        checks = (
            status is None or order.status == status,
            shipping_type is None or order.shipping_type == shipping_type,
            cancel_requested is None or order.is_buyer_request_cancel == cancel_requested,
            buyer is None or order.user_id == buyer,
            not warehouses or order.warehouse_id in warehouses,
            other_ge is None or other >= other_ge,
            other_lt is None or other < other_lt,
        )
        return all(checks)

    return ge, lt, matches


@routes.post("/order/202309/orders/search", scope="seller.order.info", cipher="required")
def search_orders(ctx: RouteContext) -> object:
    """Get Order List: filters in the JSON body, paging and sorting in the query.

    Keyset paging over the shop's orders sorted by ``(sort_field seconds, id)``: the token holds
    the last key served, so it stays correct while orders are added or updated between pages
    (an order whose key moves past the cursor is served again, one moving behind it is not).
    """
    shop = ctx.require_shop()
    page_size = ctx.int_query("page_size", low=1, high=100)
    chosen = ctx.choice_query("sort_field", _FIELDS, "create_time")
    sort_field: SortField = "create_time" if chosen == "create_time" else "update_time"
    sort_order = ctx.choice_query("sort_order", ("ASC", "DESC"), "DESC")
    ge, lt, matches = _filters(ctx.json_body(), sort_field)
    index = ctx.state.order_index
    keys = index.sorted_keys(shop.id, sort_field)
    # [lo, hi): keys with ge <= seconds < lt; ("", id) sorts before every real id.
    lo = 0 if ge is None else bisect_left(keys, (ge, ""))
    hi = len(keys) if lt is None else max(lo, bisect_left(keys, (lt, "")))
    descending = sort_order == "DESC"
    positions = range(hi - 1, lo - 1, -1) if descending else range(lo, hi)
    token = ctx.query.get("page_token", "")
    if token:
        cursor = decode_page_token(token, ctx.state.page_token_key)
        if cursor is None or cursor.get("f") != sort_field or cursor.get("o") != sort_order:
            raise invalid_parameter("The `page_token` query parameter is invalid.")
        last = (int(cursor["v"]), str(cursor["i"]))
        if descending:
            positions = range(min(hi, bisect_left(keys, last)) - 1, lo - 1, -1)
        else:
            positions = range(max(lo, bisect_right(keys, last)), hi)
    page: list[FakeOrder] = []
    more = False
    for position in positions:
        order = index.get(keys[position][1])
        if matches is None or matches(order):
            if len(page) == page_size:
                more = True
                break
            page.append(order)
    if matches is None:
        total = hi - lo
    else:
        total = sum(1 for position in range(lo, hi) if matches(index.get(keys[position][1])))
    next_token = ""
    if more:
        tail_value, tail_id = sort_key(page[-1], sort_field)
        next_token = encode_page_token(
            {"f": sort_field, "o": sort_order, "v": tail_value, "i": tail_id},
            ctx.state.page_token_key,
        )
    return {
        "next_page_token": next_token,
        "total_count": total,
        "orders": [order.to_wire() for order in page],
    }


@routes.get(
    "/order/202309/orders",
    "/order/202507/orders",
    scope="seller.order.info",
    cipher="required",
    errors=(ORDER_NOT_OWNED,),
)
def get_order_detail(ctx: RouteContext) -> object:
    """Get Order Detail: ``ids`` comma-joined, at most 50, all of the cipher's shop."""
    shop = ctx.require_shop()
    raw = ctx.query.get("ids", "")
    ids = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if not ids:
        raise invalid_parameter("The `ids` query parameter is required.")
    if len(ids) > MAX_DETAIL_IDS:
        raise invalid_parameter(
            f"The `ids` query parameter accepts at most {MAX_DETAIL_IDS} order IDs."
        )
    orders = []
    for order_id in ids:
        order = ctx.state.orders.get(order_id)
        if order is None or order.shop_id != shop.id:
            raise ORDER_NOT_OWNED.error()
        orders.append(order.to_wire(api_version=ctx.api_version))
    return {"orders": orders}
