"""Orders: search (paged, filters in the body), detail by ids (50 per call, chunked) and an
order's price breakdown (tax and who paid each discount)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from .._core.pagination import AsyncPager, Page, SpecFactory, SyncPager
from .._core.request import QueryValue, RequestSpec
from .._core.scope import AsyncResource, SyncResource
from .._core.typing_compat import TypedDict, Unpack
from . import _filters, _params
from ._endpoints import ORDERS_GET, ORDERS_PRICE_DETAIL, ORDERS_SEARCH

if TYPE_CHECKING:
    from ..types.order import Order, OrderStatus, ShippingType
    from ..types.price_detail import PriceDetail

__all__ = ["AsyncOrders", "OrderSearchFilters", "Orders"]

SEARCH_PATH = ORDERS_SEARCH.path
DETAIL_PATH = ORDERS_GET.path
MAX_PAGE_SIZE = ORDERS_SEARCH.limits.max_page
MAX_IDS_PER_CALL = ORDERS_GET.limits.per_call["ids"]
MAX_WAREHOUSE_IDS = ORDERS_SEARCH.limits.per_call["warehouse_ids"]

SortField = Literal["create_time", "update_time"]
SortOrder = Literal["ASC", "DESC"]


class OrderSearchFilters(TypedDict, total=False):
    """Filters and ordering for :meth:`Orders.search`; times are timezone-aware datetimes."""

    status: OrderStatus | str
    create_time_ge: datetime
    create_time_lt: datetime
    update_time_ge: datetime
    update_time_lt: datetime
    shipping_type: ShippingType | str
    buyer_user_id: str
    is_buyer_request_cancel: bool
    warehouse_ids: Sequence[str]
    sort_field: SortField
    sort_order: SortOrder
    page_size: int


def search_pages(filters: OrderSearchFilters) -> SpecFactory[Order]:
    """Validate ``filters`` once and return the per-page request builder."""
    unknown = set(filters) - set(OrderSearchFilters.__annotations__)
    if unknown:
        raise _params.InvalidArgumentError(
            f"unknown order search filter(s): {', '.join(sorted(unknown))}; valid ones are "
            f"{', '.join(OrderSearchFilters.__annotations__)}."
        )
    sort_field = _params.one_of(
        "sort_field", filters.get("sort_field", "create_time"), _filters.ORDER_SORT_FIELD
    )
    sort_order = _params.one_of(
        "sort_order", filters.get("sort_order", "DESC"), _filters.SORT_ORDER
    )
    size = _params.page_size(filters.get("page_size", MAX_PAGE_SIZE), ORDERS_SEARCH)
    body: dict[str, Any] = {
        **_params.time_window(
            "create_time", filters.get("create_time_ge"), filters.get("create_time_lt")
        ),
        **_params.time_window(
            "update_time", filters.get("update_time_ge"), filters.get("update_time_lt")
        ),
    }
    if filters.get("status") is not None:
        body["order_status"] = _params.one_of("status", filters["status"], _filters.ORDER_STATUS)
    if filters.get("shipping_type") is not None:
        body["shipping_type"] = _params.one_of(
            "shipping_type", filters["shipping_type"], _filters.ORDER_SHIPPING_TYPE
        )
    buyer = filters.get("buyer_user_id")
    if buyer is not None:
        body["buyer_user_id"] = _params.path_id("buyer_user_id", buyer)
    asked = filters.get("is_buyer_request_cancel")
    if asked is not None and not isinstance(asked, bool):
        raise _params.InvalidArgumentError(
            f"is_buyer_request_cancel must be True or False, got {asked!r}."
        )
    body["is_buyer_request_cancel"] = asked
    warehouses = filters.get("warehouse_ids")
    if warehouses is not None:
        body["warehouse_ids"] = _params.ids("warehouse_ids", warehouses, non_empty=True)
        if len(body["warehouse_ids"]) > MAX_WAREHOUSE_IDS:
            raise _params.InvalidArgumentError(
                f"warehouse_ids takes at most {MAX_WAREHOUSE_IDS} ids (TikTok's cap), got "
                f"{len(body['warehouse_ids'])}."
            )
    body = {k: v for k, v in body.items() if v is not None}
    return lambda token: search_spec(
        body, page_size=size, sort_field=sort_field, sort_order=sort_order, page_token=token
    )


def search_spec(
    body: dict[str, Any],
    *,
    page_size: int,
    sort_field: str,
    sort_order: str,
    page_token: str | None,
) -> RequestSpec[Page[Order]]:
    """POST /order/202309/orders/search for one page: filters in the body, paging in the query."""
    query: dict[str, QueryValue] = {
        "page_size": page_size,
        "sort_field": sort_field,
        "sort_order": sort_order,
        "page_token": page_token,
    }
    return ORDERS_SEARCH.spec(query=query, json=body)


def detail_spec(order_ids: Sequence[str]) -> RequestSpec[list[Order]]:
    """GET /order/202309/orders?ids=a,b,... for at most 50 ids."""
    return ORDERS_GET.spec(query={"ids": list(order_ids)})


def detail_specs(order_ids: Sequence[str]) -> list[RequestSpec[list[Order]]]:
    """One detail request per 50 ids (TikTok's cap), validated before anything is sent."""
    wanted = _params.ids("order_ids", order_ids)
    return [detail_spec(chunk) for chunk in _params.chunks(wanted, MAX_IDS_PER_CALL)]


def price_detail_spec(order_id: str) -> RequestSpec[PriceDetail]:
    """GET an order's price detail (202407): list and sale prices, discounts by payer."""
    path = {"order_id": _params.path_id("order_id", order_id)}
    return ORDERS_PRICE_DETAIL.spec(path_params=path)


class Orders(SyncResource):
    """A shop's orders."""

    def search(
        self, *, page_token: str | None = None, **filters: Unpack[OrderSearchFilters]
    ) -> SyncPager[Order]:
        """Orders matching ``filters``, fetched lazily page by page; resume with ``page_token``."""
        return self._scope.paginate(search_pages(filters), page_token=page_token)

    def get(self, order_ids: Sequence[str]) -> list[Order]:
        """Full orders for ``order_ids``, in as many calls of 50 as needed."""
        found: list[Order] = []
        for spec in detail_specs(order_ids):
            batch: list[Order] = self._scope.request(spec)
            found += batch
        return found

    def price_detail(self, order_id: str) -> PriceDetail:
        """The order's price breakdown: seller vs platform discounts, tax, per line item."""
        return self._scope.request(price_detail_spec(order_id))


class AsyncOrders(AsyncResource):
    """A shop's orders."""

    def search(
        self, *, page_token: str | None = None, **filters: Unpack[OrderSearchFilters]
    ) -> AsyncPager[Order]:
        """Orders matching ``filters``, fetched lazily page by page; resume with ``page_token``."""
        return self._scope.paginate(search_pages(filters), page_token=page_token)

    async def get(self, order_ids: Sequence[str]) -> list[Order]:
        """Full orders for ``order_ids``, in as many calls of 50 as needed."""
        found: list[Order] = []
        for spec in detail_specs(order_ids):
            batch: list[Order] = await self._scope.request(spec)
            found += batch
        return found

    async def price_detail(self, order_id: str) -> PriceDetail:
        """The order's price breakdown: seller vs platform discounts, tax, per line item."""
        return await self._scope.request(price_detail_spec(order_id))
