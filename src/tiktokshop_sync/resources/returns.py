"""After-sales: cancellations (search, seller cancel, approve/reject) and returns (search,
approve/reject).

Cancelling in an OMS does not cancel on TikTok: :meth:`Returns.cancel_order` is the explicit
call that does.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from typing_extensions import TypedDict, Unpack

from .._core.pagination import AsyncPager, SpecFactory, SyncPager
from .._core.request import RequestSpec
from .._core.resource import AsyncResource, SyncResource
from ..types.returns import Cancellation, CancelledOrder, Return, ReturnDecision
from . import _filters, _params
from ._search import paged_search

__all__ = ["AsyncReturns", "CancellationSearchFilters", "ReturnSearchFilters", "Returns"]

_SCOPE = "seller.return_refund.basic"
MAX_PAGE = 50


class CancellationSearchFilters(TypedDict, total=False):
    """Filters for :meth:`Returns.search_cancellations`; times are aware datetimes."""

    cancel_ids: Sequence[str]
    order_ids: Sequence[str]
    cancel_types: Sequence[str]
    cancel_status: Sequence[str]
    create_time_ge: datetime
    create_time_lt: datetime
    update_time_ge: datetime
    update_time_lt: datetime
    sort_field: Literal["create_time", "update_time"]
    sort_order: Literal["ASC", "DESC"]
    page_size: int


class ReturnSearchFilters(TypedDict, total=False):
    """Filters for :meth:`Returns.search_returns`; times are aware datetimes."""

    return_ids: Sequence[str]
    order_ids: Sequence[str]
    return_types: Sequence[str]
    return_status: Sequence[str]
    create_time_ge: datetime
    create_time_lt: datetime
    update_time_ge: datetime
    update_time_lt: datetime
    sort_field: Literal["create_time", "update_time"]
    sort_order: Literal["ASC", "DESC"]
    page_size: int


_ID_LISTS = ("cancel_ids", "order_ids", "return_ids")
#: Enum list filters and the values TikTok documents for each.
_VALUE_LISTS = {
    "cancel_types": _filters.CANCEL_TYPES,
    "cancel_status": _filters.CANCEL_STATUS,
    "return_types": _filters.RETURN_TYPES,
    "return_status": _filters.RETURN_STATUS,
}


def _pages(
    filters: Any,
    allowed: type,
    *,
    path: str,
    key: str,
    model: type[Any],
    minimum: int,
) -> SpecFactory[Any]:
    _params.known_keys("search filter", filters, allowed)
    size = _params.page_size(filters.get("page_size", MAX_PAGE), maximum=MAX_PAGE, minimum=minimum)
    body: dict[str, Any] = {
        **_params.time_window(
            "create_time", filters.get("create_time_ge"), filters.get("create_time_lt")
        ),
        **_params.time_window(
            "update_time", filters.get("update_time_ge"), filters.get("update_time_lt")
        ),
    }
    for name in _ID_LISTS:
        if name in filters:
            body[name] = [str(v) for v in _params.ids(name, filters[name])]
    for name, values in _VALUE_LISTS.items():
        if name in filters:
            body[name] = _params.many_of(name, filters[name], values)
    query = {"page_size": size, **_params.sorting(filters, _filters.RETURN_SORT_FIELD)}

    return paged_search(path=path, items_key=key, model=model, body=body, query=query, scope=_SCOPE)


def cancellation_pages(filters: CancellationSearchFilters) -> SpecFactory[Cancellation]:
    """Validate cancellation search filters; the per-page request builder."""
    return _pages(
        filters,
        CancellationSearchFilters,
        path="/return_refund/202309/cancellations/search",
        key="cancellations",
        model=Cancellation,
        minimum=1,
    )


def return_pages(filters: ReturnSearchFilters) -> SpecFactory[Return]:
    """Validate return search filters; the per-page request builder."""
    return _pages(
        filters,
        ReturnSearchFilters,
        path="/return_refund/202309/returns/search",
        key="return_orders",
        model=Return,
        minimum=10,
    )


def cancel_spec(
    order_id: str, cancel_reason: str, order_line_item_ids: Sequence[str] | None
) -> RequestSpec[CancelledOrder]:
    """POST /return_refund/202309/cancellations: the seller cancels (reason key required)."""
    if not isinstance(cancel_reason, str) or not cancel_reason.strip():
        raise _params.InvalidArgumentError(
            "cancel_reason must be a reason key such as 'seller_cancel_reason_out_of_stock'."
        )
    body: dict[str, Any] = {
        "order_id": _params.path_id("order_id", order_id),
        "cancel_reason": cancel_reason.strip(),
    }
    if order_line_item_ids is not None:
        body["order_line_item_ids"] = _params.ids("order_line_item_ids", order_line_item_ids)
    return RequestSpec(
        method="POST",
        path="/return_refund/202309/cancellations",
        json=body,
        read_back=f"shop.orders.get([{body['order_id']!r}]) shows whether it is cancelled",
        scope=_SCOPE,
        parse=lambda data: CancelledOrder.model_validate(data or {}),
    )


def decide_spec(
    action: Literal["approve", "reject"],
    cancel_id: str,
    idempotency_key: str | None,
    body: dict[str, Any],
) -> RequestSpec[None]:
    """POST /return_refund/202309/cancellations/{cancel_id}/{approve|reject}."""
    return _decision_spec("cancellations", "cancel_id", cancel_id, action, idempotency_key, body)


def return_decide_spec(
    action: Literal["approve", "reject"],
    return_id: str,
    idempotency_key: str | None,
    body: dict[str, Any],
) -> RequestSpec[None]:
    """POST /return_refund/202309/returns/{return_id}/{approve|reject}."""
    return _decision_spec("returns", "return_id", return_id, action, idempotency_key, body)


def _decision_spec(
    collection: Literal["cancellations", "returns"],
    id_name: str,
    request_id: str,
    action: Literal["approve", "reject"],
    idempotency_key: str | None,
    body: dict[str, Any],
) -> RequestSpec[None]:
    """A seller's answer to a buyer's request; retried only when an idempotency key is given."""
    rid = _params.path_id(id_name, request_id)
    return RequestSpec(
        method="POST",
        path=f"/return_refund/202309/{collection}/{rid}/{action}",
        query={"idempotency_key": idempotency_key},
        json=body,
        idempotent=idempotency_key is not None,
        read_back=(
            f"shop.returns.search_{collection}({id_name}s=[{rid!r}]) shows its status"
            + ("" if idempotency_key else "; pass an idempotency_key to make it safe to repeat")
        ),
        scope=_SCOPE,
        parse=lambda _data: None,
    )


def _reject_body(reason: str, comment: str | None) -> dict[str, Any]:
    if not isinstance(reason, str) or not reason.strip():
        raise _params.InvalidArgumentError(
            "reject_reason must be a reason key from TikTok's reject reasons."
        )
    body = {"reject_reason": reason.strip()}
    if comment:
        body["comment"] = comment
    return body


def _decision(action: Literal["approve", "reject"], decision: ReturnDecision | str) -> str:
    value = str(decision.value if isinstance(decision, ReturnDecision) else decision).strip()
    prefix = f"{action.upper()}_"
    if not value.startswith(prefix):
        raise _params.InvalidArgumentError(
            f"decision must be one of TikTok's {prefix}* values, such as "
            f"'{prefix}REFUND'; got {decision!r}."
        )
    return value


def approve_return_body(decision: ReturnDecision | str) -> dict[str, Any]:
    """Approve Return's body: the decision that fits the return's type and status."""
    return {"decision": _decision("approve", decision)}


def reject_return_body(
    decision: ReturnDecision | str, reject_reason: str, comment: str | None
) -> dict[str, Any]:
    """Reject Return's body: the decision and a reject reason key (required)."""
    return {"decision": _decision("reject", decision), **_reject_body(reject_reason, comment)}


class Returns(SyncResource):
    """A shop's cancellations and returns."""

    def search_cancellations(
        self, *, page_token: str | None = None, **filters: Unpack[CancellationSearchFilters]
    ) -> SyncPager[Cancellation]:
        """Cancellations (by buyer, seller or system), page by page."""
        return self._scope.paginate(cancellation_pages(filters), page_token=page_token)

    def search_returns(
        self, *, page_token: str | None = None, **filters: Unpack[ReturnSearchFilters]
    ) -> SyncPager[Return]:
        """Returns and refunds, page by page."""
        return self._scope.paginate(return_pages(filters), page_token=page_token)

    def cancel_order(
        self, order_id: str, *, cancel_reason: str, order_line_item_ids: Sequence[str] | None = None
    ) -> CancelledOrder:
        """Cancel an order (or some line items) on TikTok, with a reason key."""
        return self._scope.request(cancel_spec(order_id, cancel_reason, order_line_item_ids))

    def approve_cancellation(self, cancel_id: str, *, idempotency_key: str | None = None) -> None:
        """Accept a buyer's cancel request (answer within 24 hours or TikTok decides)."""
        self._scope.request(decide_spec("approve", cancel_id, idempotency_key, {}))

    def reject_cancellation(
        self,
        cancel_id: str,
        *,
        reject_reason: str,
        comment: str | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's cancel request with a reason key."""
        body = _reject_body(reject_reason, comment)
        self._scope.request(decide_spec("reject", cancel_id, idempotency_key, body))

    def approve_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        idempotency_key: str | None = None,
    ) -> None:
        """Accept a buyer's return or refund request; retried only with an idempotency key."""
        body = approve_return_body(decision)
        self._scope.request(return_decide_spec("approve", return_id, idempotency_key, body))

    def reject_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        reject_reason: str,
        comment: str | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's return or refund request with a reject reason key."""
        body = reject_return_body(decision, reject_reason, comment)
        self._scope.request(return_decide_spec("reject", return_id, idempotency_key, body))


class AsyncReturns(AsyncResource):
    """A shop's cancellations and returns."""

    def search_cancellations(
        self, *, page_token: str | None = None, **filters: Unpack[CancellationSearchFilters]
    ) -> AsyncPager[Cancellation]:
        """Cancellations (by buyer, seller or system), page by page."""
        return self._scope.paginate(cancellation_pages(filters), page_token=page_token)

    def search_returns(
        self, *, page_token: str | None = None, **filters: Unpack[ReturnSearchFilters]
    ) -> AsyncPager[Return]:
        """Returns and refunds, page by page."""
        return self._scope.paginate(return_pages(filters), page_token=page_token)

    async def cancel_order(
        self, order_id: str, *, cancel_reason: str, order_line_item_ids: Sequence[str] | None = None
    ) -> CancelledOrder:
        """Cancel an order (or some line items) on TikTok, with a reason key."""
        return await self._scope.request(cancel_spec(order_id, cancel_reason, order_line_item_ids))

    async def approve_cancellation(
        self, cancel_id: str, *, idempotency_key: str | None = None
    ) -> None:
        """Accept a buyer's cancel request (answer within 24 hours or TikTok decides)."""
        await self._scope.request(decide_spec("approve", cancel_id, idempotency_key, {}))

    async def reject_cancellation(
        self,
        cancel_id: str,
        *,
        reject_reason: str,
        comment: str | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's cancel request with a reason key."""
        body = _reject_body(reject_reason, comment)
        await self._scope.request(decide_spec("reject", cancel_id, idempotency_key, body))

    async def approve_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        idempotency_key: str | None = None,
    ) -> None:
        """Accept a buyer's return or refund request; retried only with an idempotency key."""
        body = approve_return_body(decision)
        await self._scope.request(return_decide_spec("approve", return_id, idempotency_key, body))

    async def reject_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        reject_reason: str,
        comment: str | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's return or refund request with a reject reason key."""
        body = reject_return_body(decision, reject_reason, comment)
        await self._scope.request(return_decide_spec("reject", return_id, idempotency_key, body))
