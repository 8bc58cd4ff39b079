"""Finance (reads only): statements and their transactions, an order's settlement, unsettled
orders, payments (payouts to the bank) and withdrawals.

Every amount is a :class:`~decimal.Decimal` in the currency beside it, signed from the
seller's side (see :mod:`tiktokshop_sync.types.finance`). Each paged read sends the one sort
field TikTok supports for it (the parameter is required); only the order is the caller's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from .._core.endpoint import Endpoint
from .._core.pagination import AsyncPager, Page, SpecFactory, SyncPager
from .._core.request import QueryValue, RequestSpec
from .._core.scope import AsyncResource, SyncResource
from ..types.finance import (
    OrderStatementTransactions,
    Payment,
    PaymentStatus,
    Statement,
    StatementTransaction,
    UnsettledTransaction,
    Withdrawal,
    WithdrawalType,
)
from . import _filters, _params
from ._endpoints import (
    FINANCE_ORDER_TRANSACTIONS,
    FINANCE_PAYMENTS,
    FINANCE_STATEMENT_TRANSACTIONS,
    FINANCE_STATEMENTS,
    FINANCE_UNSETTLED,
    FINANCE_WITHDRAWALS,
)

__all__ = ["AsyncFinance", "Finance"]

SortOrder = Literal["ASC", "DESC"]
#: The largest page every paged finance read serves (and the SDK's default).
MAX_PAGE = FINANCE_STATEMENTS.limits.max_page


def _query(
    row: Endpoint[Any], sort_field: str | None, sort_order: str | None, page_size: int
) -> dict[str, QueryValue]:
    query: dict[str, QueryValue] = {"page_size": _params.page_size(page_size, row)}
    if sort_field is not None:
        query["sort_field"] = sort_field
        query["sort_order"] = _params.one_of("sort_order", sort_order, _filters.SORT_ORDER)
    return query


def statement_pages(
    *,
    statement_time_ge: datetime | None = None,
    statement_time_lt: datetime | None = None,
    payment_status: PaymentStatus | str | None = None,
    sort_order: SortOrder = "ASC",
    page_size: int = MAX_PAGE,
) -> SpecFactory[Statement]:
    """Check Get Statements' filters once; the per-page request builder.

    Statements are generated daily at 00:00 UTC; ``[statement_time_ge, statement_time_lt)``
    is an aware window (TikTok defaults the open ends to the shop's start and now).
    """
    (sort_field,) = _filters.FINANCE_STATEMENTS_SORT_FIELD
    query = _query(FINANCE_STATEMENTS, sort_field, sort_order, page_size)
    query.update(_params.time_window("statement_time", statement_time_ge, statement_time_lt))
    if payment_status is not None:
        query["payment_status"] = _params.one_of(
            "payment_status", payment_status, _filters.FINANCE_PAYMENT_STATUS
        )
    return FINANCE_STATEMENTS.pages(query=query, json=None)


def statement_transaction_pages(
    statement_id: str, *, sort_order: SortOrder = "ASC", page_size: int = MAX_PAGE
) -> SpecFactory[StatementTransaction]:
    """Check Get Transactions by Statement's arguments once; the per-page request builder."""
    path = {"statement_id": _params.path_id("statement_id", statement_id)}
    (sort_field,) = _filters.FINANCE_TRANSACTIONS_SORT_FIELD
    query = _query(FINANCE_STATEMENT_TRANSACTIONS, sort_field, sort_order, page_size)

    def make(token: str | None) -> RequestSpec[Page[StatementTransaction]]:
        return FINANCE_STATEMENT_TRANSACTIONS.spec(
            path_params=path, query={**query, "page_token": token}
        )

    return make


def order_transactions_spec(order_id: str) -> RequestSpec[OrderStatementTransactions]:
    """GET an order's settlement per SKU (Get Transactions by Order 202501)."""
    path = {"order_id": _params.path_id("order_id", order_id)}
    return FINANCE_ORDER_TRANSACTIONS.spec(path_params=path)


def unsettled_pages(
    *,
    search_time_ge: datetime | None = None,
    search_time_lt: datetime | None = None,
    sort_order: SortOrder = "ASC",
    page_size: int = MAX_PAGE,
) -> SpecFactory[UnsettledTransaction]:
    """Check Get Unsettled Transactions' filters once; the per-page request builder.

    TikTok sorts by ``order_create_time``, the only field it supports; an open start
    defaults to 2025-01-01 and an open end to now (the parameter's note).
    """
    (sort_field,) = _filters.FINANCE_TRANSACTIONS_SORT_FIELD
    query = _query(FINANCE_UNSETTLED, sort_field, sort_order, page_size)
    query.update(_params.time_window("search_time", search_time_ge, search_time_lt))
    return FINANCE_UNSETTLED.pages(query=query, json=None)


def payment_pages(
    *,
    create_time_ge: datetime | None = None,
    create_time_lt: datetime | None = None,
    sort_order: SortOrder = "ASC",
    page_size: int = MAX_PAGE,
) -> SpecFactory[Payment]:
    """Check Get Payments' filters once; the per-page request builder."""
    (sort_field,) = _filters.FINANCE_PAYMENTS_SORT_FIELD
    query = _query(FINANCE_PAYMENTS, sort_field, sort_order, page_size)
    query.update(_params.time_window("create_time", create_time_ge, create_time_lt))
    return FINANCE_PAYMENTS.pages(query=query, json=None)


def withdrawal_pages(
    *,
    types: Sequence[WithdrawalType | str],
    create_time_ge: datetime | None = None,
    create_time_lt: datetime | None = None,
    page_size: int = MAX_PAGE,
) -> SpecFactory[Withdrawal]:
    """Check Get Withdrawals' filters once (``types`` is required); the per-page builder."""
    kinds = _params.many_of("types", types, _filters.FINANCE_WITHDRAWAL_TYPES)
    if not kinds:
        raise _params.InvalidArgumentError(
            "types needs at least one of "
            f"{', '.join(_filters.FINANCE_WITHDRAWAL_TYPES)} (TikTok requires it)."
        )
    query = _query(FINANCE_WITHDRAWALS, None, None, page_size)
    query["types"] = list(dict.fromkeys(kinds))
    query.update(_params.time_window("create_time", create_time_ge, create_time_lt))
    return FINANCE_WITHDRAWALS.pages(query=query, json=None)


class Finance(SyncResource):
    """A shop's money: statements, settlements, unsettled orders, payouts and withdrawals."""

    def statements(
        self,
        *,
        statement_time_ge: datetime | None = None,
        statement_time_lt: datetime | None = None,
        payment_status: PaymentStatus | str | None = None,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> SyncPager[Statement]:
        """Daily statements in the window, by statement time; resume with ``page_token``."""
        make = statement_pages(
            statement_time_ge=statement_time_ge,
            statement_time_lt=statement_time_lt,
            payment_status=payment_status,
            sort_order=sort_order,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)

    def statement_transactions(
        self,
        statement_id: str,
        *,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> SyncPager[StatementTransaction]:
        """A statement's transactions; each page's ``data`` holds the statement's totals."""
        make = statement_transaction_pages(statement_id, sort_order=sort_order, page_size=page_size)
        return self._scope.paginate(make, page_token=page_token)

    def order_transactions(self, order_id: str) -> OrderStatementTransactions:
        """An order's settlement per SKU, with the statement that settled each."""
        return self._scope.request(order_transactions_spec(order_id))

    def unsettled(
        self,
        *,
        search_time_ge: datetime | None = None,
        search_time_lt: datetime | None = None,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> SyncPager[UnsettledTransaction]:
        """Orders and adjustments not settled yet, with estimates and TikTok's reason."""
        make = unsettled_pages(
            search_time_ge=search_time_ge,
            search_time_lt=search_time_lt,
            sort_order=sort_order,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)

    def payments(
        self,
        *,
        create_time_ge: datetime | None = None,
        create_time_lt: datetime | None = None,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> SyncPager[Payment]:
        """Payouts of settled statements to the seller's bank account, by creation time."""
        make = payment_pages(
            create_time_ge=create_time_ge,
            create_time_lt=create_time_lt,
            sort_order=sort_order,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)

    def withdrawals(
        self,
        *,
        types: Sequence[WithdrawalType | str],
        create_time_ge: datetime | None = None,
        create_time_lt: datetime | None = None,
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> SyncPager[Withdrawal]:
        """Movements of the seller's TikTok balance of the given ``types`` (required)."""
        make = withdrawal_pages(
            types=types,
            create_time_ge=create_time_ge,
            create_time_lt=create_time_lt,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)


class AsyncFinance(AsyncResource):
    """A shop's money: statements, settlements, unsettled orders, payouts and withdrawals."""

    def statements(
        self,
        *,
        statement_time_ge: datetime | None = None,
        statement_time_lt: datetime | None = None,
        payment_status: PaymentStatus | str | None = None,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> AsyncPager[Statement]:
        """Daily statements in the window, by statement time; resume with ``page_token``."""
        make = statement_pages(
            statement_time_ge=statement_time_ge,
            statement_time_lt=statement_time_lt,
            payment_status=payment_status,
            sort_order=sort_order,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)

    def statement_transactions(
        self,
        statement_id: str,
        *,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> AsyncPager[StatementTransaction]:
        """A statement's transactions; each page's ``data`` holds the statement's totals."""
        make = statement_transaction_pages(statement_id, sort_order=sort_order, page_size=page_size)
        return self._scope.paginate(make, page_token=page_token)

    async def order_transactions(self, order_id: str) -> OrderStatementTransactions:
        """An order's settlement per SKU, with the statement that settled each."""
        return await self._scope.request(order_transactions_spec(order_id))

    def unsettled(
        self,
        *,
        search_time_ge: datetime | None = None,
        search_time_lt: datetime | None = None,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> AsyncPager[UnsettledTransaction]:
        """Orders and adjustments not settled yet, with estimates and TikTok's reason."""
        make = unsettled_pages(
            search_time_ge=search_time_ge,
            search_time_lt=search_time_lt,
            sort_order=sort_order,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)

    def payments(
        self,
        *,
        create_time_ge: datetime | None = None,
        create_time_lt: datetime | None = None,
        sort_order: SortOrder = "ASC",
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> AsyncPager[Payment]:
        """Payouts of settled statements to the seller's bank account, by creation time."""
        make = payment_pages(
            create_time_ge=create_time_ge,
            create_time_lt=create_time_lt,
            sort_order=sort_order,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)

    def withdrawals(
        self,
        *,
        types: Sequence[WithdrawalType | str],
        create_time_ge: datetime | None = None,
        create_time_lt: datetime | None = None,
        page_size: int = MAX_PAGE,
        page_token: str | None = None,
    ) -> AsyncPager[Withdrawal]:
        """Movements of the seller's TikTok balance of the given ``types`` (required)."""
        make = withdrawal_pages(
            types=types,
            create_time_ge=create_time_ge,
            create_time_lt=create_time_lt,
            page_size=page_size,
        )
        return self._scope.paginate(make, page_token=page_token)
