"""Cancellation import (キャンセル連携): order- and line-level cancellations, pending requests.

Cancellations updated since the cursor are read from TikTok's cancellation search: completed
ones become :class:`OrderCancelled` (whole order or the listed line items); pending buyer
requests are surfaced with their deadline so the seller answers in time. Each is delivered
once (ledger keyed by cancel id and state); the pure ``domain.planning.plan_cancellations``
decides. An order cancelled whole is claimed in the ledger before the sink hears of it, so this
import and the order import, even running at once, cancel it once between them. Cancelling in
the OMS never cancels on TikTok; that takes the explicit ``shop.returns.cancel_order`` call.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.pagination import PageWalker
from .._core.tabular import Tabular
from ..domain.business_days import jst_stamp
from ..domain.planning import (
    CancellationDecisions,
    CancellationFacts,
    KnownCancellations,
    OrderLines,
    orders_to_read,
    plan_cancellations,
)
from ..resources import orders as orders_api
from ..resources import returns as returns_api
from ..types.order import Order
from ..types.returns import Cancellation
from . import _cancel_once as cancel_once
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .order_import import MAX_LOOKBACK, MAX_OVERLAP
from .ports import CancelRequestSink, OrderSink
from .progress import ProgressCallback, Reporter
from .state import LedgerEntry, StateStore, cancelled_order_key
from .translate import cancel_request, cancellation_facts, order_cancelled_by, order_lines
from .values import CancelRequest, OrderCancelled

__all__ = [
    "AsyncCancellationImport",
    "CancellationImport",
    "CancellationPlan",
    "CancellationResult",
]

JOB = "cancellations"


@attrs.frozen(kw_only=True)
class CancellationPlan(Tabular):
    """What an import would deliver; ``describe()`` for a dry run."""

    shop: str
    cancellations: tuple[OrderCancelled, ...] = attrs.field(repr=summary)
    requests: tuple[CancelRequest, ...] = attrs.field(repr=summary)
    cursor: datetime
    keys: tuple[tuple[str, str], ...] = attrs.field(repr=summary)

    def describe(self) -> str:
        """A readable summary for a seller."""
        lines = [
            f"cancellations for shop {self.shop}: {len(self.cancellations)} to cancel in the OMS, "
            f"{len(self.requests)} buyer request(s) awaiting an answer"
        ]
        lines += [
            f"  request {r.cancel_id} on order {r.order_id}: answer by {jst_stamp(r.deadline)}"
            for r in self.requests
            if r.deadline
        ]
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class CancellationResult(Tabular):
    """What an import did."""

    cancelled: int = 0
    requests: int = 0


def _key(cancellation: CancellationFacts) -> str:
    return f"cancel:{cancellation.cancel_id}:{cancellation.status}"


class _CancellationCore(JobBase[ShopT, CancellationPlan, CancellationResult]):
    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        sink: OrderSink,
        lookback: timedelta = timedelta(days=7),
        overlap: timedelta = timedelta(minutes=10),
        shop_key: str | None = None,
        lease: LeasePolicy | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self._bind(shop, shop_key, lease)
        self.state = state
        self.sink = sink
        self.lookback = settings.duration(
            "lookback", lookback, high=MAX_LOOKBACK, example="timedelta(days=7)"
        )
        self.overlap = settings.duration(
            "overlap", overlap, high=MAX_OVERLAP, example="timedelta(minutes=10)"
        )
        self._report = Reporter(JOB, self.shop_key, on_progress)

    def _plan_steps(self) -> Steps[CancellationPlan]:
        now, state, shop = self._now(), self.state, self.shop_key
        cursor = state.get_cursor(shop, JOB)
        start = cursor - self.overlap if cursor else now - self.lookback
        make = returns_api.cancellation_pages(
            {"update_time_ge": start, "sort_field": "update_time", "sort_order": "ASC"}
        )
        walker: PageWalker[Cancellation] = PageWalker(make)
        found: list[Cancellation] = []
        pages = 0
        while (spec := walker.next_spec()) is not None:
            page = walker.accept((yield from self._call(spec)))
            found.extend(page.items)
            pages += 1
            self._report.page(pages, len(page.items), len(found), "cancellation(s)", now)
        facts = [cancellation_facts(c) for c in found]
        done = state.ledger_get(
            shop,
            [_key(f) for f in facts] + [cancelled_order_key(f.order_id) for f in facts],
        )
        known = KnownCancellations(
            settled=frozenset((f.cancel_id, f.status) for f in facts if _key(f) in done),
            cancelled_orders=frozenset(
                f.order_id for f in facts if cancelled_order_key(f.order_id) in done
            ),
        )
        partial = orders_to_read(facts, known)
        orders: dict[str, OrderLines] = {}
        for detail in orders_api.detail_specs(partial) if partial else ():
            batch: list[Order] = yield from self._call(detail)
            orders.update({o.id: order_lines(o) for o in batch})
        decisions: CancellationDecisions = plan_cancellations(facts, known, orders)
        wire: dict[tuple[str, str], Cancellation] = {}
        for cancellation, fact in zip(found, facts, strict=True):
            wire.setdefault((fact.cancel_id, fact.status), cancellation)
        return CancellationPlan(
            shop=shop,
            cancellations=tuple(
                order_cancelled_by(
                    wire[(c.cancellation.cancel_id, c.cancellation.status)],
                    shop=shop,
                    line_item_ids=() if c.whole_order else c.cancellation.line_item_ids,
                )
                for c in decisions.cancellations
            ),
            requests=tuple(
                cancel_request(wire[(r.cancel_id, r.status)], shop=shop) for r in decisions.requests
            ),
            cursor=now,
            keys=(
                *((_key(f), "cancelled") for f in decisions.settled),
                *((cancelled_order_key(o), "cancelled") for o in decisions.orders_cancelled),
                *((_key(r), "request") for r in decisions.requests),
            ),
        )

    def _apply_steps(self, plan: CancellationPlan) -> Steps[CancellationResult]:
        now, state, shop = self._now(), self.state, self.shop_key
        whole: set[str] = {c.order_id for c in plan.cancellations if c.whole_order}
        recovered: list[OrderCancelled]
        recovered = yield from cancel_once.recover(self._call, state, shop, now, whole)
        cancellations = (*plan.cancellations, *recovered)
        # Whole orders are claimed first: the order import may be cancelling them right now.
        # Line items are this import's alone, and its run lease keeps them to one worker.
        mine = cancel_once.claim(state, shop, [*whole, *(c.order_id for c in recovered)], now)
        sent = tuple(c for c in cancellations if not c.whole_order or c.order_id in mine)
        if sent:
            yield from self._port(self.sink.cancel, sent)
        if cancellations:
            state.drop_holds(shop, [c.order_id for c in cancellations])
        cancel_once.record(state, shop, [c.order_id for c in sent if c.whole_order], now)
        for cancelled in sent:
            scope = (
                "whole order"
                if cancelled.whole_order
                else f"lines {', '.join(cancelled.line_item_ids)}"
            )
            again = "" if cancelled in plan.cancellations else cancel_once.AGAIN
            # Not the reason: a buyer may have written it (personal data, kept out of logs).
            self._report("cancelled", cancelled.order_id, scope + again, now)
        if plan.requests and isinstance(self.sink, CancelRequestSink):
            yield from self._port(self.sink.cancel_requested, plan.requests)
        for request in plan.requests:
            deadline = jst_stamp(request.deadline) if request.deadline else "unknown"
            self._report(
                "cancel_requested",
                request.order_id,
                f"buyer asks to cancel; answer by {deadline}",
                now,
            )
        # An order's key is recorded above, and only by the import whose claim sent it.
        claimed = {cancelled_order_key(order_id) for order_id in whole}
        for key, kind in plan.keys:
            if key not in claimed:
                state.ledger_put(
                    LedgerEntry(shop=shop, key=key, kind=kind, status="done", updated_at=now)
                )
        state.set_cursor(shop, JOB, plan.cursor)
        return CancellationResult(cancelled=len(sent), requests=len(plan.requests))


class CancellationImport(_CancellationCore[ShopClient], Job[CancellationPlan, CancellationResult]):
    """Import cancellations and buyer cancel requests with the blocking client."""


class AsyncCancellationImport(
    _CancellationCore[AsyncShopClient], AsyncJob[CancellationPlan, CancellationResult]
):
    """Import cancellations and buyer cancel requests with the async client."""
