"""The order import's planner: which order versions to deliver, release, cancel, record or skip.

Pure: it takes the orders a run fetched (translated into :class:`OrderFacts`), what the state
store knew before the run (:class:`KnownOrders`), the policy and ``now``, and returns every
decision as a value (:class:`OrderImportDecisions`). The workflow fetches, translates, plans
and applies; nothing here reads a clock, a database or TikTok.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import Generic, Protocol, TypeVar

import attrs

from tiktokshop_sync.domain import statuses
from tiktokshop_sync.domain._frozen import quick_init
from tiktokshop_sync.domain.address import AddressCheckReport, run_address_checks
from tiktokshop_sync.domain.business_days import DeadlinePolicy, HolidayCalendar
from tiktokshop_sync.domain.buyer import BuyerBlock, BuyerPolicy, Contact, fill_buyer_block
from tiktokshop_sync.domain.carriers import (
    FixedCarrier,
    MethodChosen,
    MethodUnrecognised,
    choose_shipping_method,
)
from tiktokshop_sync.domain.deadlines import (
    DispatchDeadlineDecision,
    DispatchFacts,
    dispatch_deadline,
)
from tiktokshop_sync.domain.hold import Hold, HoldDecision, HoldPolicy, Release, decide_hold
from tiktokshop_sync.domain.payments import (
    PaymentResolution,
    PaymentTable,
    UnmappedPaymentPolicy,
    resolve_payment,
)
from tiktokshop_sync.domain.planning._repr import brief, counted, order_ref
from tiktokshop_sync.domain.postal_codes import PostalLookup

__all__ = [
    "Delivery",
    "FetchedOrders",
    "HeldOrder",
    "KnownOrders",
    "OrderFacts",
    "OrderImportDecisions",
    "OrderImportRules",
    "ReleasedOrder",
    "SkippedOrder",
    "VersionSelection",
    "plan_order_import",
]

T = TypeVar("T")

#: The skip reasons, word for word as the import has always reported them.
CANCELLED_BEFORE_IMPORT = "cancelled before it was imported"
ALREADY_IMPORTED = "already imported (same update_time)"


@quick_init
@attrs.frozen(kw_only=True)
class OrderFacts:
    """One version of a TikTok order, as the import rules take it (translated from the wire).

    ``version`` is the order's ``update_time`` in Unix seconds (0 when TikTok sent none);
    ``recipient`` is the ship-to (送付先) as TikTok sent it, masked fields included.
    """

    order_id: str
    version: int
    status: str
    """TikTok's status as sent (the rules compare its canonical form)."""
    paid_time: datetime | None = None
    is_on_hold_order: bool | None = None
    payment_label: str = ""
    shipping_provider: str = ""
    recipient: Contact = attrs.field(factory=Contact)
    dispatch: DispatchFacts = attrs.field(repr=False)
    """The times and types that decide the dispatch deadline (出荷期限)."""


@attrs.frozen(kw_only=True)
class KnownOrders:
    """What the state store knew before the run, for the fetched orders only."""

    versions: Mapping[str, int] = attrs.field(factory=dict, repr=counted)
    """The last recorded ``update_time`` of each known order."""
    held: frozenset[str] = attrs.field(default=frozenset(), repr=counted)
    """Orders delivered held (入金待ち) and not released yet."""
    cancelled: frozenset[str] = attrs.field(default=frozenset(), repr=counted)
    """Orders already cancelled in the OMS (by this import or the cancellation import)."""


@attrs.frozen(kw_only=True)
class FetchedOrders:
    """What a run read from TikTok: the window, its newest unrecorded versions, and re-reads.

    ``incremental`` runs move the cursor; a re-fetch of a range (``plan_range``) does not.
    ``redeliver`` delivers versions already imported again (a forced re-fetch).
    """

    window_start: datetime
    window_end: datetime
    orders: tuple[OrderFacts, ...] = attrs.field(default=(), repr=counted)
    """The newest unrecorded version of each order updated in the window."""
    stale: Mapping[str, int] = attrs.field(factory=dict, repr=counted)
    """Orders re-read at a version already recorded (the overlap), with that version."""
    due: tuple[OrderFacts, ...] = attrs.field(default=(), repr=counted)
    """Held orders outside the window whose hold fell due, read again."""
    complete: bool = True
    """False when the batch limit stopped the search before its last page."""
    incremental: bool = True
    redeliver: bool = False


class OrderImportRules(Protocol):
    """The settings the order planner reads (``OrderImportPolicy`` has them all)."""

    @property
    def statuses(self) -> frozenset[str] | None:
        """Statuses imported as new orders; None for every status but CANCELLED."""
        ...

    @property
    def hold(self) -> HoldPolicy:
        """The hold-for-payment rule."""
        ...

    @property
    def payments(self) -> PaymentTable:
        """The payment-label table."""
        ...

    @property
    def unmapped_payment(self) -> UnmappedPaymentPolicy:
        """What an unknown payment label gets."""
        ...

    @property
    def carrier(self) -> FixedCarrier | None:
        """The shop's fixed carrier (None: no shipping method is chosen)."""
        ...

    @property
    def postal_lookup(self) -> PostalLookup | None:
        """Postal data for the address checks."""
        ...

    @property
    def buyer(self) -> BuyerPolicy:
        """How the buyer block (注文者) is filled."""
        ...

    @property
    def deadlines(self) -> DeadlinePolicy:
        """How a dispatch deadline TikTok did not send is estimated."""
        ...

    @property
    def holidays(self) -> HolidayCalendar | None:
        """Holidays for the estimate (None: weekends only)."""
        ...


@quick_init
@attrs.frozen(kw_only=True)
class Delivery:
    """A new order (or a forced re-delivery) with every decision the rules took about it."""

    order: OrderFacts = attrs.field(repr=order_ref)
    payment: PaymentResolution = attrs.field(repr=brief)
    shipping_method: MethodChosen | MethodUnrecognised | None = attrs.field(repr=brief)
    hold: HoldDecision = attrs.field(repr=brief)
    buyer: BuyerBlock = attrs.field(repr=False)
    address_checks: AddressCheckReport
    deadline: DispatchDeadlineDecision = attrs.field(repr=brief)


@attrs.frozen(kw_only=True)
class ReleasedOrder:
    """A held order now paid and past its window, with its buyer block and checks made again.

    TikTok masks the ship-to while an order is on hold; the release is the first version with
    it visible, so the buyer block copied from it and the address checks are redone here.
    """

    order: OrderFacts = attrs.field(repr=order_ref)
    release: Release = attrs.field(repr=brief)
    buyer: BuyerBlock = attrs.field(repr=False)
    address_checks: AddressCheckReport


@attrs.frozen(kw_only=True)
class HeldOrder:
    """A known held order still held: its hold is kept (with a new re-check time)."""

    order_id: str
    hold: Hold = attrs.field(repr=brief)


@quick_init
@attrs.frozen(kw_only=True)
class SkippedOrder:
    """A fetched order not delivered, and why."""

    order_id: str
    reason: str


@attrs.frozen(kw_only=True)
class OrderImportDecisions:
    """Everything one import run decided; the workflow delivers and records exactly this."""

    deliveries: tuple[Delivery, ...] = attrs.field(default=(), repr=counted)
    releases: tuple[ReleasedOrder, ...] = attrs.field(default=(), repr=counted)
    cancellations: tuple[OrderFacts, ...] = attrs.field(default=(), repr=counted)
    """Known orders TikTok cancelled, not yet cancelled in the OMS."""
    holds: tuple[HeldOrder, ...] = attrs.field(default=(), repr=counted)
    versions: tuple[tuple[str, int, str], ...] = attrs.field(default=(), repr=counted)
    """(order id, version, status) recorded as seen without a delivery."""
    skipped: tuple[SkippedOrder, ...] = attrs.field(default=(), repr=counted)
    cursor: datetime | None = None
    """Where the next incremental run starts (None: leave the cursor where it is)."""
    complete: bool = True


class VersionSelection(Generic[T]):
    """The newest unrecorded version of each order, page by page, up to ``batch_limit`` orders.

    Pure bookkeeping for the search: :meth:`add_page` says when the batch is full. Versions
    already recorded do not count toward the limit (a window denser than one batch would
    otherwise never end); ``redeliver`` keeps them anyway. ``T`` is whatever the caller keeps
    per version (the wire order, to translate only what is kept).
    """

    def __init__(self, *, batch_limit: int, redeliver: bool = False) -> None:
        self.batch_limit = batch_limit
        self.redeliver = redeliver
        self.versions: dict[str, int] = {}
        """Order id -> the newest unrecorded version read."""
        self.items: dict[str, T] = {}
        """Order id -> what the caller keeps for that version, in the order first selected."""
        self.stale: dict[str, int] = {}
        """Order id -> version, for orders read only at versions already recorded."""
        self.complete = True

    def add_page(
        self, entries: Iterable[tuple[str, int, T]], known: Mapping[str, int], *, has_next: bool
    ) -> bool:
        """Take one page of (order id, version, item); True when the search should stop here."""
        versions, items, stale = self.versions, self.items, self.stale
        for order_id, version, item in entries:
            if not self.redeliver and known.get(order_id, -1) >= version:
                if order_id not in versions:
                    previous = stale.get(order_id)
                    stale[order_id] = version if previous is None else max(version, previous)
                continue
            kept = versions.get(order_id)
            if kept is None or version >= kept:
                versions[order_id] = version
                items[order_id] = item
                stale.pop(order_id, None)
        if len(versions) >= self.batch_limit and has_next:
            self.complete = False
            return True
        return False


def _cursor(fetched: FetchedOrders) -> datetime | None:
    if not fetched.incremental:
        return None
    if fetched.complete:
        return fetched.window_end
    versions = [o.version for o in fetched.orders if o.version]
    versions.extend(fetched.stale.values())
    if not versions:
        return fetched.window_start
    return datetime.fromtimestamp(max(versions), tz=timezone.utc)


def _payment_and_hold(
    order: OrderFacts, policy: OrderImportRules, now: datetime
) -> tuple[PaymentResolution, HoldDecision]:
    """The order's payment as the policy maps it, and the hold rule given that payment: the
    same for a new order and a known one, so a label held for review stays held."""
    payment = resolve_payment(
        order.payment_label, table=policy.payments, policy=policy.unmapped_payment
    )
    hold = decide_hold(
        status=order.status,
        now=now,
        paid_time=order.paid_time,
        is_on_hold_order=order.is_on_hold_order,
        policy=policy.hold,
        payment=payment,
    )
    return payment, hold


def _delivery(order: OrderFacts, policy: OrderImportRules, now: datetime) -> Delivery:
    payment, hold = _payment_and_hold(order, policy, now)
    carrier = policy.carrier
    method = (
        choose_shipping_method(order.shipping_provider or None, fixed=carrier) if carrier else None
    )
    buyer = fill_buyer_block(order.recipient, policy.buyer)
    checks = run_address_checks(
        recipient=order.recipient.address, buyer=buyer, lookup=policy.postal_lookup
    )
    deadline = dispatch_deadline(order.dispatch, policy=policy.deadlines, holidays=policy.holidays)
    return Delivery(
        order=order,
        payment=payment,
        shipping_method=method,
        hold=hold,
        buyer=buyer,
        address_checks=checks,
        deadline=deadline,
    )


class _Plan:
    """The lists one planning pass fills."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self.releases: list[ReleasedOrder] = []
        self.cancellations: list[OrderFacts] = []
        self.holds: list[HeldOrder] = []
        self.versions: list[tuple[str, int, str]] = []
        self.skipped: list[SkippedOrder] = []

    def follow_up(
        self, order: OrderFacts, status: str, policy: OrderImportRules, now: datetime
    ) -> None:
        """A known order changed: cancelled, released from its hold, or still held."""
        if status == statuses.CANCELLED:
            self.cancellations.append(order)
            return
        _, decision = _payment_and_hold(order, policy, now)
        if isinstance(decision, Release):
            buyer = fill_buyer_block(order.recipient, policy.buyer)
            checks = run_address_checks(
                recipient=order.recipient.address, buyer=buyer, lookup=policy.postal_lookup
            )
            self.releases.append(
                ReleasedOrder(order=order, release=decision, buyer=buyer, address_checks=checks)
            )
        elif isinstance(decision, Hold):
            self.holds.append(HeldOrder(order_id=order.order_id, hold=decision))
        self.versions.append((order.order_id, order.version, status))


def plan_order_import(
    fetched: FetchedOrders, known: KnownOrders, policy: OrderImportRules, now: datetime
) -> OrderImportDecisions:
    """Decide one import run: new orders to deliver (held or not), known ones to release or
    cancel, versions to record, orders skipped and why, and where the cursor goes next.

    Each order is delivered once per version: a version ``known`` has recorded is never
    delivered again (unless ``fetched.redeliver``), and an order cancelled in the OMS is never
    cancelled twice.
    """
    plan = _Plan()
    wanted = policy.statuses
    canonical = statuses.canonical_status
    for order in sorted(fetched.orders, key=_version):
        status = canonical(order.status)
        if fetched.redeliver or order.order_id not in known.versions:
            if status == statuses.CANCELLED:
                plan.skipped.append(
                    SkippedOrder(order_id=order.order_id, reason=CANCELLED_BEFORE_IMPORT)
                )
                plan.versions.append((order.order_id, order.version, status))
            elif wanted is not None and status not in wanted:
                plan.skipped.append(
                    SkippedOrder(
                        order_id=order.order_id,
                        reason=f"status {status} is not imported by this policy",
                    )
                )
            else:
                plan.deliveries.append(_delivery(order, policy, now))
        elif order.order_id in known.held or status == statuses.CANCELLED:
            plan.follow_up(order, status, policy, now)
        else:
            plan.versions.append((order.order_id, order.version, status))
    in_window = {o.order_id for o in fetched.orders}
    for order in fetched.due:
        if order.order_id not in in_window:
            plan.follow_up(order, canonical(order.status), policy, now)
    cancellations = [c for c in plan.cancellations if c.order_id not in known.cancelled]
    plan.skipped.extend(
        SkippedOrder(order_id=order_id, reason=ALREADY_IMPORTED) for order_id in fetched.stale
    )
    return OrderImportDecisions(
        deliveries=tuple(plan.deliveries),
        releases=tuple(plan.releases),
        cancellations=tuple(cancellations),
        holds=tuple(plan.holds),
        versions=tuple(plan.versions),
        skipped=tuple(plan.skipped),
        cursor=_cursor(fetched),
        complete=fetched.complete,
    )


def _version(order: OrderFacts) -> int:
    return order.version
