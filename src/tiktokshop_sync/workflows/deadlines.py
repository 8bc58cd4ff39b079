"""Dispatch deadlines (出荷期限) for hosts, the CLI and a fleet: a report and an alert hook.

Two ways to the report of orders overdue or due soon (a ``domain.DeadlineReport``:
``describe()`` in Japanese, times in JST):

- :func:`deadline_report_of` over orders the import delivered (each carries its deadline as the
  import decided it);
- :class:`DeadlineWatch` over TikTok's orders that still must ship now (one search per status
  with a deadline), with an ``on_alert`` hook for a scheduler (``Poller([watch.check])``).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Final, Generic, Literal

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.pagination import PageWalker
from ..domain import DeadlinePolicy, DeadlineReport, DispatchFacts, HolidayCalendar, deadline_report
from ..resources import orders as orders_api
from ..types.order import Order
from ._engine import ShopT, Steps
from .order_import import default_holidays
from .translate import dispatch_facts
from .values import ImportedOrder

__all__ = [
    "DISPATCH_STATUSES",
    "AsyncDeadlineWatch",
    "DeadlineWatch",
    "deadline_report_of",
]

#: The order statuses in which the seller still has a dispatch deadline (docs/domain/deadlines.md).
DISPATCH_STATUSES: Final = (
    "ON_HOLD",
    "AWAITING_SHIPMENT",
    "PARTIALLY_SHIPPING",
    "AWAITING_COLLECTION",
)


class _Default(enum.Enum):
    """The holidays argument left out: Japan's when jpholiday is installed."""

    JAPAN = "japan"


AlertHook = Callable[[DeadlineReport], object]


def deadline_report_of(
    orders: Iterable[ImportedOrder], *, now: datetime, within: timedelta = timedelta(hours=24)
) -> DeadlineReport:
    """The deadline report over imported orders, each with the deadline the import decided.

    A deadline is as of the order's imported version: an order shipped since still shows it,
    so pass the orders still open in the OMS (or use :class:`DeadlineWatch`, which asks TikTok).
    """
    return deadline_report((order.deadline for order in orders), now=now, within=within)


class _WatchCore(Generic[ShopT]):
    """The search and the report, once, as a flow the sync and async views run."""

    shop: ShopT

    def __init__(
        self,
        *,
        shop: ShopT,
        shop_key: str | None = None,
        policy: DeadlinePolicy | None = None,
        holidays: HolidayCalendar | Literal[_Default.JAPAN] | None = _Default.JAPAN,
        lookback: timedelta = timedelta(days=30),
        on_alert: AlertHook | None = None,
    ) -> None:
        self.shop = shop
        self.shop_key = shop_key or shop.shop_cipher
        self.policy = settings.instance(
            "policy",
            policy or DeadlinePolicy(),
            kinds=(DeadlinePolicy,),
            example="DeadlinePolicy(business_days=3)",
        )
        chosen = default_holidays() if holidays is _Default.JAPAN else holidays
        self.holidays: HolidayCalendar | None = settings.instance(
            "holidays",
            chosen,
            kinds=(HolidayCalendar, type(None)),
            example="tiktokshop_sync.holidays.JpHolidayCalendar()",
        )
        self.lookback = settings.duration(
            "lookback",
            lookback,
            low=timedelta(days=1),
            high=timedelta(days=90),
            example="timedelta(days=30)",
        )
        self.on_alert = on_alert

    def _facts(self, now: datetime) -> Steps[list[DispatchFacts]]:
        facts: list[DispatchFacts] = []
        for status in DISPATCH_STATUSES:
            walker: PageWalker[Order] = PageWalker(
                orders_api.search_pages({"status": status, "create_time_ge": now - self.lookback})
            )
            while (spec := walker.next_spec()) is not None:
                page = walker.accept((yield from self.shop.call_flow(spec)))
                facts.extend(dispatch_facts(order, shop=self.shop_key) for order in page.items)
        return facts

    def _report_steps(self, within: timedelta, alert: bool) -> Steps[DeadlineReport]:
        now = self.shop.clock.now()
        facts = yield from self._facts(now)
        report = deadline_report(
            facts, now=now, within=within, policy=self.policy, holidays=self.holidays
        )
        if alert and report.needs_attention and self.on_alert is not None:
            self.on_alert(report)
        return report


class DeadlineWatch(_WatchCore[ShopClient]):
    """A shop's orders that must still ship, read from TikTok: the deadline report, and an
    ``on_alert`` hook called when an order is overdue or due within the window."""

    def report(self, *, within: timedelta = timedelta(hours=24)) -> DeadlineReport:
        """Orders overdue or due within ``within``, most urgent first (no alert)."""
        report: DeadlineReport = self.shop.run_flow(self._report_steps(within, False))
        return report

    def check(self, *, within: timedelta = timedelta(hours=24)) -> DeadlineReport:
        """The report, calling ``on_alert`` when it needs attention (a poller's job)."""
        report: DeadlineReport = self.shop.run_flow(self._report_steps(within, True))
        return report


class AsyncDeadlineWatch(_WatchCore[AsyncShopClient]):
    """The async :class:`DeadlineWatch`."""

    async def report(self, *, within: timedelta = timedelta(hours=24)) -> DeadlineReport:
        """Orders overdue or due within ``within``, most urgent first (no alert)."""
        report: DeadlineReport = await self.shop.run_flow(self._report_steps(within, False))
        return report

    async def check(self, *, within: timedelta = timedelta(hours=24)) -> DeadlineReport:
        """The report, calling ``on_alert`` when it needs attention (a poller's job)."""
        report: DeadlineReport = await self.shop.run_flow(self._report_steps(within, True))
        return report
