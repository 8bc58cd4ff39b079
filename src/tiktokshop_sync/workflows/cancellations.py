"""Cancellation import (キャンセル連携): order- and line-level cancellations, pending requests.

Cancellations updated since the cursor are read from TikTok's cancellation search: completed
ones become :class:`OrderCancelled` (whole order or the listed line items); pending buyer
requests are surfaced with their deadline so the seller answers in time. Each is delivered
once (ledger keyed by cancel id and state). Cancelling in the OMS never cancels on TikTok;
that takes the explicit ``shop.returns.cancel_order`` call.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.pagination import PageWalker
from ..domain import canonical_status
from ..resources import orders as orders_api
from ..resources import returns as returns_api
from ..types.order import Order
from ..types.returns import Cancellation
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .order_import import MAX_LOOKBACK, MAX_OVERLAP
from .ports import CancelRequestSink, OrderSink
from .progress import ProgressCallback, Reporter
from .state import LedgerEntry, StateStore, cancelled_order_key
from .translate import cancel_request
from .values import CancelRequest, OrderCancelled

__all__ = [
    "AsyncCancellationImport",
    "CancellationImport",
    "CancellationPlan",
    "CancellationResult",
]

JOB = "cancellations"
_DONE = frozenset({"CANCELLATION_REQUEST_SUCCESS", "CANCELLATION_REQUEST_COMPLETE"})
_PENDING = "CANCELLATION_REQUEST_PENDING"


@attrs.frozen(kw_only=True)
class CancellationPlan:
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
            f"  request {r.cancel_id} on order {r.order_id}: "
            f"answer by {r.deadline:%Y-%m-%d %H:%M} UTC"
            for r in self.requests
            if r.deadline
        ]
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class CancellationResult:
    """What an import did."""

    cancelled: int = 0
    requests: int = 0


def _key(cancellation: Cancellation) -> str:
    return f"cancel:{cancellation.cancel_id}:{cancellation.cancel_status}"


def _line_ids(cancellation: Cancellation) -> tuple[str, ...]:
    ids = {li.order_line_item_id for li in cancellation.cancel_line_items if li.order_line_item_id}
    return tuple(sorted(ids))


def _order_cancelled(
    cancellation: Cancellation, *, shop: str, order: Order | None
) -> OrderCancelled:
    """Whole order when TikTok lists no lines, the order is CANCELLED, or every line is listed."""
    line_ids = _line_ids(cancellation)
    whole = not line_ids or (
        order is not None
        and (
            canonical_status(str(order.status)) == "CANCELLED"
            or {li.id for li in order.line_items} <= set(line_ids)
        )
    )
    return OrderCancelled(
        shop=shop,
        order_id=cancellation.order_id,
        initiator=str(cancellation.role or ""),
        reason=cancellation.cancel_reason_text or cancellation.cancel_reason,
        at=cancellation.update_time or cancellation.create_time,
        line_item_ids=() if whole else line_ids,
        cancel_id=cancellation.cancel_id,
    )


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
        now = self._now()
        cursor = self.state.get_cursor(self.shop_key, JOB)
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
        done = self.state.ledger_get(
            self.shop_key,
            [_key(c) for c in found] + [cancelled_order_key(c.order_id) for c in found],
        )
        partial = sorted(
            {
                c.order_id
                for c in found
                if _key(c) not in done and str(c.cancel_status or "") in _DONE and _line_ids(c)
            }
        )
        orders: dict[str, Order] = {}
        for detail in orders_api.detail_specs(partial) if partial else ():
            batch: list[Order] = yield from self._call(detail)
            orders.update({o.id: o for o in batch})
        cancellations: list[OrderCancelled] = []
        requests: list[CancelRequest] = []
        keys: list[tuple[str, str]] = []
        for cancellation in found:
            key = _key(cancellation)
            if key in done or any(k == key for k, _ in keys):
                continue
            status = str(cancellation.cancel_status or "")
            if status in _DONE:
                order = orders.get(cancellation.order_id)
                cancelled = _order_cancelled(cancellation, shop=self.shop_key, order=order)
                keys.append((key, "cancelled"))
                whole_key = cancelled_order_key(cancelled.order_id)
                if cancelled.whole_order:
                    if whole_key in done or any(k == whole_key for k, _ in keys):
                        continue  # the order import cancelled it in the OMS already
                    keys.append((whole_key, "cancelled"))
                cancellations.append(cancelled)
            elif status == _PENDING:
                requests.append(cancel_request(cancellation, shop=self.shop_key))
                keys.append((key, "request"))
        return CancellationPlan(
            shop=self.shop_key,
            cancellations=tuple(cancellations),
            requests=tuple(requests),
            cursor=now,
            keys=tuple(keys),
        )

    def _apply_steps(self, plan: CancellationPlan) -> Steps[CancellationResult]:
        now = self._now()
        if plan.cancellations:
            yield from self._port(self.sink.cancel, plan.cancellations)
            self.state.drop_holds(self.shop_key, [c.order_id for c in plan.cancellations])
            for cancelled in plan.cancellations:
                scope = (
                    "whole order"
                    if cancelled.whole_order
                    else f"lines {', '.join(cancelled.line_item_ids)}"
                )
                # Not the reason: a buyer may have written it (personal data, kept out of logs).
                self._report("cancelled", cancelled.order_id, scope, now)
        if plan.requests and isinstance(self.sink, CancelRequestSink):
            yield from self._port(self.sink.cancel_requested, plan.requests)
        for request in plan.requests:
            deadline = f"{request.deadline:%Y-%m-%d %H:%M} UTC" if request.deadline else "unknown"
            self._report(
                "cancel_requested",
                request.order_id,
                f"buyer asks to cancel; answer by {deadline}",
                now,
            )
        for key, kind in plan.keys:
            self.state.ledger_put(
                LedgerEntry(shop=self.shop_key, key=key, kind=kind, status="done", updated_at=now)
            )
        self.state.set_cursor(self.shop_key, JOB, plan.cursor)
        return CancellationResult(cancelled=len(plan.cancellations), requests=len(plan.requests))


class CancellationImport(_CancellationCore[ShopClient], Job[CancellationPlan, CancellationResult]):
    """Import cancellations and buyer cancel requests with the blocking client."""


class AsyncCancellationImport(
    _CancellationCore[AsyncShopClient], AsyncJob[CancellationPlan, CancellationResult]
):
    """Import cancellations and buyer cancel requests with the async client."""
