"""Incremental order import (受注取込): TikTok orders into the OMS, with the JP rules applied.

Per shop, an ``update_time`` cursor with a small overlap window; de-duplication by
(shop, order id, update_time); the first run looks back 7 days (or since today 00:00 JST, as
SmartShip does); a backlog larger than one batch continues on the next run; the cursor moves
only after the sink has accepted the orders. Held orders (UNPAID / ON_HOLD: the buyer may
still cancel) are delivered as held (入金待ち) and released later as their own event.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, time, timedelta, timezone
from typing import Any

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.pagination import PageWalker
from .._exceptions import ConfigurationError
from ..domain import (
    DEFAULT_PAYMENT_TABLE,
    KNOWN_STATUSES,
    FixedCarrier,
    Hold,
    HoldPolicy,
    PaymentTable,
    PostalLookup,
    Release,
    UnmappedPaymentPolicy,
    canonical_status,
)
from ..resources import orders as orders_api
from ..types.order import Order
from ._describe import skipped_lines
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .ports import OrderSink
from .progress import ProgressCallback, Reporter
from .state import HoldRecord, LedgerEntry, StateStore, cancelled_order_key
from .translate import hold_decision, imported_order, order_cancelled, order_version
from .values import HoldReleased, ImportedOrder, OrderCancelled

__all__ = [
    "AsyncOrderImport",
    "OrderImport",
    "OrderImportPlan",
    "OrderImportPolicy",
    "OrderImportResult",
    "SkippedOrder",
]

JOB = "orders"
JST = timezone(timedelta(hours=9), "JST")


MAX_PAGE_SIZE = orders_api.MAX_PAGE_SIZE
#: TikTok's order search goes back further, but a first run looking back more than a year is
#: almost surely a unit mistake; import older orders with ``plan_range``.
MAX_LOOKBACK = timedelta(days=365)
MAX_OVERLAP = timedelta(days=1)
_IMPORTABLE = tuple(sorted(KNOWN_STATUSES - {"CANCELLED"}))


def _lookback(_inst: object, _attr: attrs.Attribute[timedelta], value: timedelta) -> None:
    settings.duration(
        "OrderImportPolicy.lookback", value, high=MAX_LOOKBACK, example="timedelta(days=7)"
    )


def _overlap(_inst: object, _attr: attrs.Attribute[timedelta], value: timedelta) -> None:
    settings.duration(
        "OrderImportPolicy.overlap", value, high=MAX_OVERLAP, example="timedelta(minutes=10)"
    )


def _statuses(value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Collection):
        raise ConfigurationError(
            "OrderImportPolicy.statuses must be a set of statuses, e.g. {'AWAITING_SHIPMENT'}, "
            f"got {value!r}."
        )
    chosen = frozenset(canonical_status(str(v)) if isinstance(v, str) else repr(v) for v in value)
    unknown = sorted(chosen - set(_IMPORTABLE))
    if unknown or not chosen:
        raise ConfigurationError(
            f"OrderImportPolicy.statuses has {', '.join(unknown) or 'no status'}; choose from "
            f"{', '.join(_IMPORTABLE)} (CANCELLED orders are never imported as new orders), "
            "or pass None for every status."
        )
    return chosen


def _kind(*kinds: type, example: str) -> settings.Validator:
    return settings.check_field(settings.instance, kinds=kinds, example=example)


@attrs.frozen(kw_only=True)
class OrderImportPolicy:
    """How orders are imported; every default comes from the Japanese OMS manuals.

    ``statuses`` limits which statuses are imported as new orders (GoQSystem imports only
    発送待ち, ``{"AWAITING_SHIPMENT"}``); None imports every status but CANCELLED, holding the
    unpaid and on-hold ones as Next Engine does.
    """

    lookback: timedelta = attrs.field(default=timedelta(days=7), validator=_lookback)
    since_midnight_jst: bool = attrs.field(
        default=False, validator=settings.check_field(settings.flag)
    )
    overlap: timedelta = attrs.field(default=timedelta(minutes=10), validator=_overlap)
    statuses: frozenset[str] | None = attrs.field(default=None, converter=_statuses)
    batch_limit: int = attrs.field(
        default=1000, validator=settings.check_field(settings.whole_number, low=1, unit="orders")
    )
    """New or changed orders per plan; the rest continue on the next run."""
    page_size: int = attrs.field(
        default=MAX_PAGE_SIZE,
        validator=settings.check_field(
            settings.whole_number, low=1, high=MAX_PAGE_SIZE, unit="orders per search page"
        ),
    )
    hold: HoldPolicy = attrs.field(
        factory=HoldPolicy, validator=_kind(HoldPolicy, example="HoldPolicy(extra_hours=3)")
    )
    payments: PaymentTable = attrs.field(
        default=DEFAULT_PAYMENT_TABLE,
        validator=_kind(PaymentTable, example="PaymentTable.default()"),
    )
    unmapped_payment: UnmappedPaymentPolicy = attrs.field(
        factory=UnmappedPaymentPolicy,
        validator=_kind(UnmappedPaymentPolicy, example="UnmappedPaymentPolicy.hold_for_review()"),
    )
    carrier: FixedCarrier | None = attrs.field(
        default=None,
        validator=_kind(
            FixedCarrier, type(None), example="FixedCarrier.from_name('ヤマト運輸B2v6')"
        ),
    )
    postal_lookup: PostalLookup | None = attrs.field(
        default=None,
        validator=_kind(PostalLookup, type(None), example="tiktokshop_sync.postal.PosutoLookup()"),
    )

    def first_start(self, now: datetime) -> datetime:
        """Where the first run starts: 7 days back, or today 00:00 JST."""
        if self.since_midnight_jst:
            today = now.astimezone(JST).date()
            return datetime.combine(today, time(0), tzinfo=JST).astimezone(timezone.utc)
        return now - self.lookback


@attrs.frozen(kw_only=True)
class SkippedOrder:
    """An order fetched but not delivered, and why."""

    order_id: str
    reason: str


@attrs.frozen(kw_only=True)
class OrderImportPlan:
    """What a run would do. Printing it (``describe()``) is a dry run; nothing is written yet.

    Its repr counts each part and shows the first order ids, never the orders themselves.
    """

    shop: str
    window_start: datetime
    window_end: datetime
    deliveries: tuple[ImportedOrder, ...] = attrs.field(repr=summary)
    releases: tuple[HoldReleased, ...] = attrs.field(repr=summary)
    cancellations: tuple[OrderCancelled, ...] = attrs.field(repr=summary)
    changes: tuple[tuple[str, int, str], ...] = attrs.field(repr=summary)
    skipped: tuple[SkippedOrder, ...] = attrs.field(repr=summary)
    cursor: datetime | None
    complete: bool
    holds: tuple[HoldRecord, ...] = attrs.field(default=(), repr=summary)

    @property
    def empty(self) -> bool:
        """Whether applying would deliver, release or cancel nothing."""
        return not (self.deliveries or self.releases or self.cancellations)

    def describe(self) -> str:
        """A readable summary for a seller (ids only, no personal data)."""
        held = sum(1 for d in self.deliveries if d.held)
        lines = [
            f"orders updated {self.window_start:%Y-%m-%d %H:%M} - "
            f"{self.window_end:%Y-%m-%d %H:%M} UTC for shop {self.shop}:",
            f"  import {len(self.deliveries)} new order(s), {held} held for payment (入金待ち)",
            f"  release {len(self.releases)} held order(s) (入金済み)",
            f"  cancel {len(self.cancellations)} order(s) cancelled on TikTok",
            *skipped_lines("order", ((s.order_id, s.reason) for s in self.skipped)),
        ]
        if not self.complete:
            lines.append("  more orders wait: the next run continues from here")
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class OrderImportResult:
    """What a run did."""

    delivered: int = 0
    held: int = 0
    released: int = 0
    cancelled: int = 0
    skipped: int = 0
    complete: bool = True
    cursor: datetime | None = None

    def __add__(self, other: OrderImportResult) -> OrderImportResult:
        return OrderImportResult(
            delivered=self.delivered + other.delivered,
            held=self.held + other.held,
            released=self.released + other.released,
            cancelled=self.cancelled + other.cancelled,
            skipped=self.skipped + other.skipped,
            complete=other.complete,
            cursor=other.cursor or self.cursor,
        )


class _OrderImportCore(JobBase[ShopT, OrderImportPlan, OrderImportResult]):
    """The import logic, written once as generators of effects."""

    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        sink: OrderSink,
        policy: OrderImportPolicy | None = None,
        shop_key: str | None = None,
        lease: LeasePolicy | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self._bind(shop, shop_key, lease)
        self.state = state
        self.sink = sink
        self.policy = settings.instance(
            "policy",
            policy or OrderImportPolicy(),
            kinds=(OrderImportPolicy,),
            example="OrderImportPolicy()",
        )
        self._report = Reporter(JOB, self.shop_key, on_progress)

    def _plan_steps(self) -> Steps[OrderImportPlan]:
        return self._plan(self._now(), None, False)

    def _apply_steps(self, plan: OrderImportPlan) -> Steps[OrderImportResult]:
        return self._apply(plan)

    def rewind(self, to: datetime | None) -> None:
        """Move the cursor back (or forget it with None) so the next run re-reads from ``to``."""
        if to is not None and to.tzinfo is None:
            raise ConfigurationError("rewind(to=...) needs a timezone-aware datetime.")
        self.state.set_cursor(self.shop_key, JOB, to)

    def _plan(
        self, now: datetime, window: tuple[datetime, datetime] | None, force: bool
    ) -> Steps[OrderImportPlan]:
        policy = self.policy
        if window is None:
            cursor = self.state.get_cursor(self.shop_key, JOB)
            start = cursor - policy.overlap if cursor else policy.first_start(now)
            end = now
        else:
            start, end = window
            if start.tzinfo is None or end.tzinfo is None or start >= end:
                raise ConfigurationError("a re-fetch range needs aware datetimes with start < end.")
        filters: orders_api.OrderSearchFilters = {
            "update_time_ge": start,
            "sort_field": "update_time",
            "sort_order": "ASC",
            "page_size": policy.page_size,
        }
        if window is not None:
            filters["update_time_lt"] = end
        # Incremental runs leave update_time_lt to TikTok (its "now"), so an order updated in
        # the very second the run starts is not cut off; the overlap covers clock differences.
        make = orders_api.search_pages(filters)
        walker: PageWalker[Order] = PageWalker(make)
        latest: dict[str, Order] = {}
        seen: dict[str, int] = {}
        stale: dict[str, int] = {}
        complete = True
        fetched = pages = 0
        while (spec := walker.next_spec()) is not None:
            page = walker.accept((yield from self._call(spec)))
            fetched, pages = fetched + len(page.items), pages + 1
            self._report.page(pages, len(page.items), fetched, "order(s)", now)
            known = self.state.seen_versions(self.shop_key, [o.id for o in page.items])
            seen.update(known)
            for order in page.items:
                version = order_version(order)
                if not force and known.get(order.id, -1) >= version:
                    # Already delivered at this version (the overlap re-reads it): it does not
                    # count toward batch_limit, or a window denser than one batch never ends.
                    if order.id not in latest:
                        stale[order.id] = max(version, stale.get(order.id, version))
                    continue
                kept = latest.get(order.id)
                if kept is None or version >= order_version(kept):
                    latest[order.id] = order
                    stale.pop(order.id, None)
            if len(latest) >= policy.batch_limit and page.has_next:
                complete = False
                break

        plan = self._classify(list(latest.values()), now, force, seen)
        due = self.state.holds(self.shop_key, due_by=now)
        due = [h for h in due if h.order_id not in latest]
        releases, cancellations, changes, holds = plan[1], plan[2], plan[3], plan[5]
        if due:
            for detail in orders_api.detail_specs([h.order_id for h in due]):
                for order in (yield from self._call(detail)):
                    self._follow_up(order, now, releases, cancellations, changes, holds)
        # An order already cancelled in the OMS (by this job or the cancellation import) is
        # not cancelled again when TikTok bumps its update_time later.
        done = self.state.ledger_get(
            self.shop_key, [cancelled_order_key(c.order_id) for c in cancellations]
        )
        cancellations = [c for c in cancellations if cancelled_order_key(c.order_id) not in done]
        skipped = plan[4] + tuple(
            SkippedOrder(order_id=order_id, reason="already imported (same update_time)")
            for order_id in stale
        )

        versions = [order_version(o) for o in latest.values() if o.update_time]
        versions.extend(stale.values())
        if window is not None:
            next_cursor = None
        elif complete:
            next_cursor = end
        else:
            next_cursor = (
                datetime.fromtimestamp(max(versions), tz=timezone.utc) if versions else start
            )
        return OrderImportPlan(
            shop=self.shop_key,
            window_start=start,
            window_end=end,
            deliveries=plan[0],
            releases=tuple(releases),
            cancellations=tuple(cancellations),
            changes=tuple(changes),
            skipped=skipped,
            cursor=next_cursor,
            complete=complete,
            holds=tuple(holds),
        )

    def _classify(
        self, orders: Sequence[Order], now: datetime, force: bool, seen: dict[str, int]
    ) -> tuple[
        tuple[ImportedOrder, ...],
        list[HoldReleased],
        list[OrderCancelled],
        list[tuple[str, int, str]],
        tuple[SkippedOrder, ...],
        list[HoldRecord],
    ]:
        ids = [o.id for o in orders]
        holds = {h.order_id for h in self.state.holds(self.shop_key, order_ids=ids)}
        deliveries: list[ImportedOrder] = []
        releases: list[HoldReleased] = []
        cancellations: list[OrderCancelled] = []
        changes: list[tuple[str, int, str]] = []
        skipped: list[SkippedOrder] = []
        kept: list[HoldRecord] = []
        policy = self.policy
        for order in sorted(orders, key=order_version):
            version = order_version(order)
            status = canonical_status(str(order.status))
            # Orders already imported at this version never get here (``_plan`` drops them).
            previous = seen.get(order.id)
            if previous is None or force:
                if status == "CANCELLED":
                    skipped.append(
                        SkippedOrder(order_id=order.id, reason="cancelled before it was imported")
                    )
                    changes.append((order.id, version, status))
                elif policy.statuses is not None and status not in policy.statuses:
                    skipped.append(
                        SkippedOrder(
                            order_id=order.id,
                            reason=f"status {status} is not imported by this policy",
                        )
                    )
                else:
                    deliveries.append(
                        imported_order(
                            order,
                            shop=self.shop_key,
                            now=now,
                            hold_policy=policy.hold,
                            payments=policy.payments,
                            unmapped_payment=policy.unmapped_payment,
                            carrier=policy.carrier,
                            postal_lookup=policy.postal_lookup,
                        )
                    )
                continue
            if order.id in holds or status == "CANCELLED":
                self._follow_up(order, now, releases, cancellations, changes, kept)
            else:
                changes.append((order.id, version, status))
        return tuple(deliveries), releases, cancellations, changes, tuple(skipped), kept

    def _follow_up(
        self,
        order: Order,
        now: datetime,
        releases: list[HoldReleased],
        cancellations: list[OrderCancelled],
        changes: list[tuple[str, int, str]],
        holds: list[HoldRecord],
    ) -> None:
        """A known order changed: cancelled, released from its hold, or still held."""
        status = canonical_status(str(order.status))
        if status == "CANCELLED":
            cancellations.append(order_cancelled(order, shop=self.shop_key))
            return
        decision = hold_decision(order, now=now, policy=self.policy.hold)
        if isinstance(decision, Release):
            releases.append(
                HoldReleased(
                    shop=self.shop_key,
                    order_id=order.id,
                    reason=decision.reason.value,
                    message=decision.message,
                    at=now,
                )
            )
        elif isinstance(decision, Hold):
            holds.append(
                HoldRecord(
                    shop=self.shop_key,
                    order_id=order.id,
                    until=decision.until,
                    reason=decision.reason.value,
                )
            )
        changes.append((order.id, order_version(order), status))

    def _apply(self, plan: OrderImportPlan) -> Steps[OrderImportResult]:
        report, state, shop = self._report, self.state, self.shop_key
        at = plan.window_end
        if plan.deliveries:
            yield from self._port(self.sink.accept, plan.deliveries)
            # Holds are stored before the versions: a crash in between re-delivers (an upsert
            # for the sink) instead of forgetting a hold that must be released later.
            state.put_holds(
                HoldRecord(
                    shop=shop,
                    order_id=d.order_id,
                    until=d.hold.until,
                    reason=d.hold.reason.value,
                )
                for d in plan.deliveries
                if isinstance(d.hold, Hold)
            )
            for delivered in plan.deliveries:
                if isinstance(delivered.hold, Hold):
                    report("held", delivered.order_id, delivered.hold.message, at)
                else:
                    report("imported", delivered.order_id, f"status {delivered.status}", at)
            state.record_versions(
                shop, [(d.order_id, d.version, d.status) for d in plan.deliveries]
            )
        if plan.releases:
            yield from self._port(self.sink.release, plan.releases)
            state.drop_holds(shop, [r.order_id for r in plan.releases])
            for released in plan.releases:
                report("released", released.order_id, released.message, at)
        if plan.cancellations:
            yield from self._port(self.sink.cancel, plan.cancellations)
            state.drop_holds(shop, [c.order_id for c in plan.cancellations])
            for cancelled in plan.cancellations:
                state.ledger_put(
                    LedgerEntry(
                        shop=shop,
                        key=cancelled_order_key(cancelled.order_id),
                        kind="cancelled",
                        status="done",
                        updated_at=at,
                    )
                )
            for cancelled in plan.cancellations:
                report(
                    "cancelled",
                    cancelled.order_id,
                    f"cancelled on TikTok by {cancelled.initiator or 'TikTok'}",
                    at,
                )
        state.put_holds(plan.holds)
        if plan.changes:
            state.record_versions(shop, plan.changes)
        for skipped in plan.skipped:
            report("skipped", skipped.order_id, skipped.reason, at)
        if plan.cursor is not None:
            state.set_cursor(shop, JOB, plan.cursor)
        return OrderImportResult(
            delivered=len(plan.deliveries),
            held=sum(1 for d in plan.deliveries if d.held),
            released=len(plan.releases),
            cancelled=len(plan.cancellations),
            skipped=len(plan.skipped),
            complete=plan.complete,
            cursor=plan.cursor,
        )


class OrderImport(_OrderImportCore[ShopClient], Job[OrderImportPlan, OrderImportResult]):
    """Import a shop's orders into the OMS with the blocking client."""

    def plan_range(self, start: datetime, end: datetime, *, force: bool = False) -> OrderImportPlan:
        """Re-fetch orders updated in [start, end) without moving the cursor.

        ``force`` re-delivers versions already imported (after deleting a bad order in the OMS).
        """
        return self.shop.run_flow(self._plan(self._now(), (start, end), force))

    def run(self, *, max_batches: int = 100) -> OrderImportResult:
        """Plan and apply until caught up (or ``max_batches``), holding the run lease: the
        polling job."""
        total = OrderImportResult()
        batches = settings.whole_number("max_batches", max_batches, low=1, unit="batches")
        with self.leased():
            for _ in range(batches):
                total = total + self.apply(self.plan())
                if total.complete:
                    break
        return total


class AsyncOrderImport(
    _OrderImportCore[AsyncShopClient], AsyncJob[OrderImportPlan, OrderImportResult]
):
    """Import a shop's orders into the OMS with the async client."""

    async def plan_range(
        self, start: datetime, end: datetime, *, force: bool = False
    ) -> OrderImportPlan:
        """Re-fetch orders updated in [start, end) without moving the cursor.

        ``force`` re-delivers versions already imported (after deleting a bad order in the OMS).
        """
        return await self.shop.run_flow(self._plan(self._now(), (start, end), force))

    async def run(self, *, max_batches: int = 100) -> OrderImportResult:
        """Plan and apply until caught up (or ``max_batches``), holding the run lease: the
        polling job."""
        total = OrderImportResult()
        batches = settings.whole_number("max_batches", max_batches, low=1, unit="batches")
        async with self.leased():
            for _ in range(batches):
                total = total + await self.apply(await self.plan())
                if total.complete:
                    break
        return total
