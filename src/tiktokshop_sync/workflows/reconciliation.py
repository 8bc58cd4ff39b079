"""Settlement reconciliation (入金消込) for a period: the host's books against TikTok, in one call.

:class:`SettlementReconciliation` reads TikTok's unsettled transactions (live: the list changes
every day, and only TikTok knows its ``unsettled_reason``), reads the host's books through a
:class:`~tiktokshop_sync.workflows.ports.SettlementBooks` (the statements and payouts its
``SettlementSink`` received, the orders it booked, the bank's deposits) and returns the pure
``domain.reconcile`` report. TikTok's unsettled orders are those created before the period
ended, still unsettled now. It only reads: no state, no lease, nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta, timezone
from typing import Any, Final, Generic, TypeVar

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.call import Host
from .._core.pagination import PageWalker
from .._exceptions import ConfigurationError
from ..domain import ReconciliationPolicy, ReconciliationReport, ReportPeriod, reconcile
from ..domain.settlement import SettlementFacts
from ..resources import finance as finance_api
from ..types.finance import UnsettledTransaction
from . import finance_translate
from ._engine import ShopT, Steps
from .ports import SettlementBooks

__all__ = ["AsyncSettlementReconciliation", "SettlementReconciliation"]

T = TypeVar("T")

#: TikTok lists only transactions created after this (Get Unsettled Transactions 202507: "For
#: now, this API only returns transactions which were created after 2025.01.01", and an open
#: search_time_ge defaults to it): a period that ended before it has no unsettled orders.
_UNSETTLED_SINCE: Final = datetime(2025, 1, 1, tzinfo=timezone.utc)


class _ReconciliationCore(Generic[ShopT]):
    """The reads and the report, once, as a flow the sync and async views run."""

    shop: ShopT

    def __init__(
        self,
        *,
        shop: ShopT,
        books: SettlementBooks,
        policy: ReconciliationPolicy | None = None,
        shop_key: str | None = None,
    ) -> None:
        self.shop = shop
        self.shop_key = shop_key or shop.shop_cipher
        self.books = settings.port(
            "books",
            books,
            kind=SettlementBooks,
            methods="settled_statements, settled_payouts, recorded_orders, bank_deposits",
            example="tiktokshop_sync.testing.InMemoryOms()",
        )
        self.policy = settings.instance(
            "policy",
            policy or ReconciliationPolicy(),
            kinds=(ReconciliationPolicy,),
            example="ReconciliationPolicy(overdue_after=timedelta(days=14))",
        )

    def _book(self, fn: Callable[..., Any], period: ReportPeriod) -> Steps[list[Any]]:
        found: Iterable[Any] = yield Host(fn, (self.shop_key, period))
        return list(found)

    def _unsettled(self, period: ReportPeriod, now: datetime) -> Steps[list[UnsettledTransaction]]:
        # Orders TikTok created after the period are not its orders; those created before
        # and still unsettled are carried into it (open items). TikTok's window is on the
        # transactions' creation time and sorts by order_create_time (the spec's
        # search_time_ge note and sort_field, get-unsettled-transactions 202507); an open end
        # is "now", so a period that is not over yet leaves it open.
        day_after = period.last_day + timedelta(days=1)
        end = datetime.combine(day_after, time(0), tzinfo=self.policy.zone)
        if end <= _UNSETTLED_SINCE:
            return []
        pages = finance_api.unsettled_pages(search_time_lt=end if end < now else None)
        walker: PageWalker[UnsettledTransaction] = PageWalker(pages)
        found: list[UnsettledTransaction] = []
        while (spec := walker.next_spec()) is not None:
            found.extend(walker.accept((yield from self.shop.call_flow(spec))).items)
        return found

    def _report_steps(
        self, period: ReportPeriod, as_of: datetime | None
    ) -> Steps[ReconciliationReport]:
        if not isinstance(period, ReportPeriod):
            raise ConfigurationError(
                f"period must be a ReportPeriod, e.g. ReportPeriod(first_day=date(2025, 9, 1), "
                f"last_day=date(2025, 9, 30)), got {type(period).__name__}."
            )
        if as_of is not None and as_of.tzinfo is None:
            raise ConfigurationError("as_of must be a timezone-aware datetime (or None: now).")
        now = self.shop.clock.now()
        when = as_of if as_of is not None else now
        unsettled = yield from self._unsettled(period, now)
        books = self.books
        facts = SettlementFacts(
            statements=(yield from self._book(books.settled_statements, period)),
            payouts=(yield from self._book(books.settled_payouts, period)),
            recorded=(yield from self._book(books.recorded_orders, period)),
            unsettled=finance_translate.unsettled_orders(unsettled),
            deposits=(yield from self._book(books.bank_deposits, period)),
        )
        return reconcile(facts, period=period, as_of=when, policy=self.policy)


class SettlementReconciliation(_ReconciliationCore[ShopClient]):
    """Reconcile a period with the blocking client: the host's books against TikTok."""

    def report(
        self, period: ReportPeriod, *, as_of: datetime | None = None
    ) -> ReconciliationReport:
        """The period's report as of ``as_of`` (aware; the shop clock's now when None)."""
        report: ReconciliationReport = self.shop.run_flow(self._report_steps(period, as_of))
        return report


class AsyncSettlementReconciliation(_ReconciliationCore[AsyncShopClient]):
    """The async :class:`SettlementReconciliation`."""

    async def report(
        self, period: ReportPeriod, *, as_of: datetime | None = None
    ) -> ReconciliationReport:
        """The period's report as of ``as_of`` (aware; the shop clock's now when None)."""
        report: ReconciliationReport = await self.shop.run_flow(self._report_steps(period, as_of))
        return report
