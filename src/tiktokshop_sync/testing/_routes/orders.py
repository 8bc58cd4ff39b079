"""Order endpoints: Get Order List (search) and Get Order Detail (reference §5.2, §5.3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tiktokshop_sync.testing._errors import ORDER_NOT_OWNED, invalid_parameter
from tiktokshop_sync.testing._order import ORDER_STATUSES, FakeOrder
from tiktokshop_sync.testing._paging import decode_page_token, encode_page_token
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

MAX_DETAIL_IDS = 50
_SHIPPING_TYPES = ("TIKTOK", "SELLER", "TIKTOK_DIGITAL", "IN-STORE PICKUP")
_TIME_FILTERS = ("create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt")


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


def _matcher(body: dict[str, Any]) -> Callable[[FakeOrder], bool]:
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

    def matches(order: FakeOrder) -> bool:
        created = int(order.create_time.timestamp())
        updated = int(order.update_time.timestamp())
        checks = (
            status is None or order.status == status,
            shipping_type is None or order.shipping_type == shipping_type,
            cancel_requested is None or order.is_buyer_request_cancel == cancel_requested,
            buyer is None or order.user_id == buyer,
            not warehouses or order.warehouse_id in warehouses,
            bounds["create_time_ge"] is None or created >= bounds["create_time_ge"],
            bounds["create_time_lt"] is None or created < bounds["create_time_lt"],
            bounds["update_time_ge"] is None or updated >= bounds["update_time_ge"],
            bounds["update_time_lt"] is None or updated < bounds["update_time_lt"],
        )
        return all(checks)

    return matches


@routes.post("/order/202309/orders/search", scope="seller.order.info", cipher="required")
def search_orders(ctx: RouteContext) -> object:
    """Get Order List: filters in the JSON body, paging and sorting in the query."""
    shop = ctx.require_shop()
    page_size = ctx.int_query("page_size", low=1, high=100)
    sort_field = ctx.choice_query("sort_field", ("create_time", "update_time"), "create_time")
    sort_order = ctx.choice_query("sort_order", ("ASC", "DESC"), "DESC")
    matches = _matcher(ctx.json_body())

    def key(order: FakeOrder) -> tuple[int, str]:
        return int(getattr(order, sort_field).timestamp()), order.id

    found = sorted(
        (o for o in ctx.state.orders_of(shop) if matches(o)),
        key=key,
        reverse=sort_order == "DESC",
    )
    remaining = found
    token = ctx.query.get("page_token", "")
    if token:
        cursor = decode_page_token(token, ctx.state.page_token_key)
        if cursor is None or cursor.get("f") != sort_field or cursor.get("o") != sort_order:
            raise invalid_parameter("The `page_token` query parameter is invalid.")
        last = (int(cursor["v"]), str(cursor["i"]))
        # Keyset paging: stable while orders are added or updated between pages.
        if sort_order == "DESC":
            remaining = [o for o in found if key(o) < last]
        else:
            remaining = [o for o in found if key(o) > last]
    page = remaining[:page_size]
    next_token = ""
    if len(remaining) > page_size:
        tail_value, tail_id = key(page[-1])
        next_token = encode_page_token(
            {"f": sort_field, "o": sort_order, "v": tail_value, "i": tail_id},
            ctx.state.page_token_key,
        )
    return {
        "next_page_token": next_token,
        "total_count": len(found),
        "orders": [order.to_wire() for order in page],
    }


@routes.get(
    "/order/202309/orders", "/order/202507/orders", scope="seller.order.info", cipher="required"
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
