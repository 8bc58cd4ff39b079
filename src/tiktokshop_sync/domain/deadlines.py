"""Shipping deadlines (出荷期限): which of TikTok's SLA times binds the seller now, or an estimate.

TikTok counts late dispatch against the seller and cancels orders that miss its due times. An
order carries several times; which one applies depends on its status and fulfilment type:

- before shipping (``ON_HOLD``, ``AWAITING_SHIPMENT``, ``PARTIALLY_SHIPPING``): ``rts_sla_time``,
  "the latest shipping time specified by the platform"; ``shipping_due_time`` is when TikTok
  cancels an order not yet ``AWAITING_COLLECTION`` (``cancel_order_sla_time``, deprecated, before);
- shipped, awaiting the carrier (``AWAITING_COLLECTION``): ``tts_sla_time``, "the latest
  collection time", then ``collection_due_time``, when TikTok cancels an order not yet
  ``IN_TRANSIT``.

Sources: ``api/orders/get-order-detail.spec.json`` and
``guides/changelog/orders/sla-information-now-available-in-orders-api.md`` in TikTok's reference.
"""

from __future__ import annotations

import enum
import operator
from datetime import datetime, timedelta, timezone
from typing import ClassVar, Final, TypeAlias

import attrs

from tiktokshop_sync.domain import statuses
from tiktokshop_sync.domain._frozen import quick_init
from tiktokshop_sync.domain._text import plain
from tiktokshop_sync.domain._validate import require_aware, require_text
from tiktokshop_sync.domain.business_days import (
    JST,
    DeadlinePolicy,
    HolidayCalendar,
    estimate_dispatch_deadline,
)

__all__ = [
    "DeadlineBasis",
    "DeadlineField",
    "DeadlineStage",
    "DispatchDeadline",
    "DispatchDeadlineDecision",
    "DispatchFacts",
    "NoDeadlineReason",
    "NoDispatchDeadline",
    "dispatch_deadline",
]


class DeadlineField(str, enum.Enum):
    """The order field a deadline came from; the value is TikTok's field name."""

    RTS_SLA_TIME = "rts_sla_time"
    SHIPPING_DUE_TIME = "shipping_due_time"
    CANCEL_ORDER_SLA_TIME = "cancel_order_sla_time"
    """Deprecated by TikTok in favour of ``shipping_due_time``; used only when that is absent."""
    TTS_SLA_TIME = "tts_sla_time"
    COLLECTION_DUE_TIME = "collection_due_time"
    PAID_TIME = "paid_time"
    """An estimate counted from the payment time."""
    CREATE_TIME = "create_time"
    """An estimate counted from the order time, when the payment time is unknown."""


class DeadlineStage(enum.Enum):
    """Which step of the seller's dispatch the deadline is for."""

    SHIP = "ship"
    """Ship: arrange the shipment or upload the tracking number (to AWAITING_COLLECTION)."""
    COLLECTION = "collection"
    """Hand the parcel to the carrier, whose first scan moves the order to IN_TRANSIT."""

    @property
    def label_ja(self) -> str:
        """出荷期限 (ship by) or 集荷期限 (collected by)."""
        return "出荷期限" if self is DeadlineStage.SHIP else "集荷期限"


class DeadlineBasis(enum.Enum):
    """Whether TikTok gave the deadline or these rules estimated it."""

    GIVEN = "given"
    ESTIMATED = "estimated"


class NoDeadlineReason(enum.Enum):
    """Why an order has no dispatch deadline for the seller."""

    NOT_PAID = "not_paid"
    """UNPAID: the clock starts at payment."""
    DISPATCHED = "dispatched"
    """IN_TRANSIT or later: the carrier has the parcel."""
    CANCELLED = "cancelled"
    FULFILLED_BY_PLATFORM = "fulfilled_by_platform"
    """TikTok's (or its partner's) warehouse ships it, not the seller."""
    NO_TIMES = "no_times"
    """TikTok sent none of the times the rule needs, and there is nothing to estimate from."""
    UNKNOWN_STATUS = "unknown_status"


_UTC: Final = timezone.utc

_TIMES: Final = (
    "create_time",
    "paid_time",
    "rts_sla_time",
    "shipping_due_time",
    "cancel_order_sla_time",
    "tts_sla_time",
    "collection_due_time",
)
_times_of: Final = operator.attrgetter(*_TIMES)


def _iso(value: datetime | None) -> str:
    """A time in a repr as ISO text: seven of them in ``datetime(...)`` form fill a screen."""
    return "None" if value is None else value.isoformat()


def _code(value: str | None) -> str:
    """TikTok's enum text, trimmed and upper-cased; None (absent) becomes "".

    Three per order, from a handful of values: each text's code is kept (up to
    :data:`_MAX_CODES` texts), so the common case is one lookup.
    """
    if value is None:
        return ""
    code = _CODES.get(value) if isinstance(value, str) else None
    if code is None:
        text = plain(value)
        # TikTok's own codes ("AWAITING_SHIPMENT") are already in shape: no copies per order.
        code = text if text.isupper() and text == text.strip() else text.strip().upper()
        if len(_CODES) < _MAX_CODES:
            _CODES[text] = code
    return code


#: Enum text -> its code (see :func:`_code`); a str-enum member finds its text's entry.
_CODES: dict[str, str] = {}
_MAX_CODES = 256


@quick_init
@attrs.frozen(kw_only=True)
class DispatchFacts:
    """The times and types of one order that decide its deadline (TikTok's fields, same names).

    Times must be timezone-aware; the wire models' times are (UTC).
    """

    TIMES: ClassVar[tuple[str, ...]] = _TIMES
    """The time fields' names, in field order (``create_time``, ``paid_time``, …): a
    translation can read them from an order at once."""

    shop: str = attrs.field(validator=require_text)
    order_id: str = attrs.field(validator=require_text)
    status: str = attrs.field(converter=_code)
    shipping_type: str = attrs.field(default="", converter=_code)
    """``TIKTOK`` (TikTok's label and carrier) or ``SELLER`` (the seller's own carrier)."""
    fulfillment_type: str = attrs.field(default="", converter=_code)
    """``FULFILLMENT_BY_SELLER``, ``FULFILLMENT_BY_TIKTOK``, …"""
    create_time: datetime | None = attrs.field(default=None, repr=_iso)
    paid_time: datetime | None = attrs.field(default=None, repr=_iso)
    rts_sla_time: datetime | None = attrs.field(default=None, repr=_iso)
    shipping_due_time: datetime | None = attrs.field(default=None, repr=_iso)
    cancel_order_sla_time: datetime | None = attrs.field(default=None, repr=_iso)
    tts_sla_time: datetime | None = attrs.field(default=None, repr=_iso)
    collection_due_time: datetime | None = attrs.field(default=None, repr=_iso)

    def __attrs_post_init__(self) -> None:
        # The seven times in one loop (a validator each cost seven calls per order); a wrong
        # one is named by require_aware, in field order, as field validators would.
        for value in _times_of(self):
            if value is not None and (type(value) is not datetime or value.tzinfo is not _UTC):
                self._check_times()
                return

    def _check_times(self) -> None:
        for name in _TIMES:
            value = getattr(self, name)
            if value is not None:
                require_aware(f"DispatchFacts.{name}", value)


@quick_init
@attrs.frozen(kw_only=True)
class DispatchDeadline:
    """The deadline that binds the seller now, in JST, with the field it came from and why."""

    shop: str
    order_id: str
    stage: DeadlineStage
    due: datetime
    """In JST."""
    field: DeadlineField
    basis: DeadlineBasis
    auto_cancel_at: datetime | None
    """When TikTok cancels the order if this stage is still not done (JST), if TikTok said."""
    reason: str

    @property
    def estimated(self) -> bool:
        """True when TikTok gave no time and the business-day rule estimated it."""
        return self.basis is DeadlineBasis.ESTIMATED

    def remaining(self, now: datetime) -> timedelta:
        """Time left until ``due`` (negative once overdue)."""
        return self.due - require_aware("now", now)

    def overdue(self, now: datetime) -> bool:
        """True once ``now`` is past ``due``."""
        return self.remaining(now) < timedelta(0)


@quick_init
@attrs.frozen(kw_only=True)
class NoDispatchDeadline:
    """The seller has no dispatch deadline for this order now; ``message`` says why."""

    shop: str
    order_id: str
    reason: NoDeadlineReason
    message: str


DispatchDeadlineDecision: TypeAlias = DispatchDeadline | NoDispatchDeadline
"""What :func:`dispatch_deadline` returns."""

_SHIP_STATUSES: Final = frozenset(
    {statuses.ON_HOLD, statuses.AWAITING_SHIPMENT, statuses.PARTIALLY_SHIPPING}
)
_DISPATCHED_STATUSES: Final = frozenset(
    {statuses.IN_TRANSIT, statuses.DELIVERED, statuses.COMPLETED}
)
# "Only orders with fulfillment type [FULFILLMENT_BY_SELLER] can be shipped by sellers"
# (get-order-detail.spec.json, fulfillment_type). An unknown type is kept as the seller's: a
# needless alert is cheaper than a missed deadline.
_PLATFORM_FULFILMENT: Final = frozenset(
    {"FULFILLMENT_BY_TIKTOK", "FULFILLMENT_BY_DILAYANI_TOKOPEDIA"}
)

_DEFAULT_POLICY: Final = DeadlinePolicy()


def _ship_action(shipping_type: str) -> str:
    if shipping_type == "TIKTOK":
        return "arrange the shipment with TikTok's label (Ship Package)"
    if shipping_type == "SELLER":
        return (
            "hand the parcel to your carrier and upload its tracking number "
            "(Mark Package As Shipped)"
        )
    return "ship it so TikTok shows AWAITING_COLLECTION"


def _collection_action(shipping_type: str) -> str:
    if shipping_type == "TIKTOK":
        return "TikTok's carrier must collect the parcel (pick-up or drop-off)"
    return "the carrier's first scan must reach TikTok (IN_TRANSIT)"


def dispatch_deadline(
    facts: DispatchFacts,
    *,
    policy: DeadlinePolicy | None = None,
    holidays: HolidayCalendar | None = None,
) -> DispatchDeadlineDecision:
    """The deadline the seller must meet next for this order, or why there is none.

    TikTok's own times win; only before shipping, with no ``rts_sla_time``, is the deadline
    estimated (business days after payment, never later than TikTok's auto-cancel time).
    """
    chosen = policy if policy is not None else _DEFAULT_POLICY
    status = statuses.canonical_status(facts.status)

    if status == statuses.CANCELLED:
        return _no_deadline(
            facts, NoDeadlineReason.CANCELLED, "TikTok cancelled the order: nothing to ship"
        )
    if facts.fulfillment_type in _PLATFORM_FULFILMENT:
        return _no_deadline(
            facts,
            NoDeadlineReason.FULFILLED_BY_PLATFORM,
            f"{facts.fulfillment_type}: the platform's warehouse ships it, not the seller",
        )
    if status == statuses.UNPAID:
        return _no_deadline(
            facts, NoDeadlineReason.NOT_PAID, "UNPAID: the dispatch clock starts at payment"
        )
    if status in _DISPATCHED_STATUSES:
        return _no_deadline(
            facts, NoDeadlineReason.DISPATCHED, f"{status}: the carrier already has the parcel"
        )
    if status in _SHIP_STATUSES:
        return _ship_deadline(facts, status, chosen, holidays) or _no_deadline(
            facts,
            NoDeadlineReason.NO_TIMES,
            f"{status} but TikTok sent no rts_sla_time, shipping_due_time, paid_time or "
            "create_time: re-fetch the order",
        )
    if status == statuses.AWAITING_COLLECTION:
        return _collection_deadline(facts) or _no_deadline(
            facts,
            NoDeadlineReason.NO_TIMES,
            "AWAITING_COLLECTION (shipped) and TikTok sent no tts_sla_time or "
            "collection_due_time: there is no collection deadline to watch",
        )
    return _no_deadline(
        facts,
        NoDeadlineReason.UNKNOWN_STATUS,
        f"unknown TikTok order status {status!r}: no deadline until the rules recognise it",
    )


def _no_deadline(
    facts: DispatchFacts, reason: NoDeadlineReason, message: str
) -> NoDispatchDeadline:
    return NoDispatchDeadline(
        shop=facts.shop, order_id=facts.order_id, reason=reason, message=message
    )


def _jst(value: datetime) -> datetime:
    return value.astimezone(JST)


def _ship_deadline(
    facts: DispatchFacts, status: str, policy: DeadlinePolicy, holidays: HolidayCalendar | None
) -> DispatchDeadline | None:
    cancel_field, cancel_at = DeadlineField.SHIPPING_DUE_TIME, facts.shipping_due_time
    if cancel_at is None:
        cancel_field, cancel_at = DeadlineField.CANCEL_ORDER_SLA_TIME, facts.cancel_order_sla_time
    cancel_jst = None if cancel_at is None else _jst(cancel_at)
    action = _ship_action(facts.shipping_type)
    waiting = " (ON_HOLD: it may not ship before the cancel window ends, but the clock runs)"
    tail = f"; {action}{waiting}" if status == statuses.ON_HOLD else f"; {action}"

    def deadline(
        due: datetime, field: DeadlineField, basis: DeadlineBasis, why: str
    ) -> DispatchDeadline:
        return _ship_by(facts, due, field, basis, why + tail, cancel_jst)

    if facts.rts_sla_time is not None:
        return _ship_by(
            facts,
            facts.rts_sla_time,
            DeadlineField.RTS_SLA_TIME,
            DeadlineBasis.GIVEN,
            "TikTok's latest shipping time (rts_sla_time)" + tail,
            cancel_jst,
        )
    start_field, start = DeadlineField.PAID_TIME, facts.paid_time
    if start is None:
        start_field, start = DeadlineField.CREATE_TIME, facts.create_time
    if start is not None:
        estimate = estimate_dispatch_deadline(start, policy=policy, holidays=holidays)
        if cancel_jst is None or estimate <= cancel_jst:
            calendar = "" if holidays is not None else ", weekends only (no holiday calendar)"
            return deadline(
                estimate,
                start_field,
                DeadlineBasis.ESTIMATED,
                f"estimated (推定): TikTok sent no rts_sla_time; {policy.business_days} business "
                f"day(s) after {start_field.value}{calendar}",
            )
    if cancel_jst is not None:
        return deadline(
            cancel_jst,
            cancel_field,
            DeadlineBasis.GIVEN,
            f"TikTok cancels the order if it is not shipped by then ({cancel_field.value})",
        )
    return None


def _ship_by(
    facts: DispatchFacts,
    due: datetime,
    field: DeadlineField,
    basis: DeadlineBasis,
    reason: str,
    cancel_jst: datetime | None,
) -> DispatchDeadline:
    return DispatchDeadline(
        shop=facts.shop,
        order_id=facts.order_id,
        stage=DeadlineStage.SHIP,
        due=_jst(due),
        field=field,
        basis=basis,
        auto_cancel_at=cancel_jst,
        reason=reason,
    )


def _collection_deadline(facts: DispatchFacts) -> DispatchDeadline | None:
    cancel_jst = None if facts.collection_due_time is None else _jst(facts.collection_due_time)
    if facts.tts_sla_time is not None:
        due, field = _jst(facts.tts_sla_time), DeadlineField.TTS_SLA_TIME
        why = "TikTok's latest collection time (tts_sla_time)"
    elif cancel_jst is not None:
        due, field = cancel_jst, DeadlineField.COLLECTION_DUE_TIME
        why = "TikTok cancels the order if the carrier has not collected it by then"
    else:
        return None
    return DispatchDeadline(
        shop=facts.shop,
        order_id=facts.order_id,
        stage=DeadlineStage.COLLECTION,
        due=due,
        field=field,
        basis=DeadlineBasis.GIVEN,
        auto_cancel_at=cancel_jst,
        reason=f"{why}; {_collection_action(facts.shipping_type)}",
    )
