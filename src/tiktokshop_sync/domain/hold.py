"""Hold for payment (入金待ち): no shipping until paid and past the remorse window.

TikTok lets the buyer cancel without approval for 1 hour after payment (ON_HOLD, 保留中). The Next
Engine manual parks such orders in [入金待ち] as 0:未入金 and lets them ship only at 2:入金済み.
"""

from __future__ import annotations

import enum
import functools
import math
from datetime import datetime, timedelta
from typing import Final, TypeAlias

import attrs

from tiktokshop_sync.domain import statuses
from tiktokshop_sync.domain._frozen import quick_init
from tiktokshop_sync.domain._validate import require_aware
from tiktokshop_sync.domain.business_days import jst_stamp
from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.payments import (
    FallbackApplied,
    Mapped,
    PaymentResolution,
    ReviewRequired,
    Unmapped,
)

__all__ = [
    "Cancelled",
    "Hold",
    "HoldDecision",
    "HoldPolicy",
    "HoldReason",
    "OmsApprovalStatus",
    "OmsPaymentStatus",
    "Release",
    "ReleaseReason",
    "decide_hold",
]


class OmsPaymentStatus(enum.IntEnum):
    """入金状況: the OMS payment state; an order starts at 0:未入金 and ships only at 2:入金済み."""

    UNPAID = 0
    PAID = 2

    @property
    def label_ja(self) -> str:
        """The label as Next Engine shows it, e.g. ``0:未入金``."""
        return f"{self.value}:{_PAYMENT_LABELS_JA[self]}"


_PAYMENT_LABELS_JA: Final = {OmsPaymentStatus.UNPAID: "未入金", OmsPaymentStatus.PAID: "入金済み"}


class OmsApprovalStatus(enum.IntEnum):
    """承認状況: the OMS approval state; TikTok orders need none (0:必要なし)."""

    NOT_NEEDED = 0

    @property
    def label_ja(self) -> str:
        """The label as Next Engine shows it, ``0:必要なし``."""
        return f"{self.value}:必要なし"


_MAX_EXTRA_HOURS: Final = 72
_MAX_REMORSE_WINDOW: Final = timedelta(hours=24)


def _check_extra_hours(
    instance: HoldPolicy, attribute: attrs.Attribute[float], value: float
) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DomainConfigError(f"HoldPolicy.extra_hours must be a number of hours, got {value!r}")
    if not 0 <= value <= _MAX_EXTRA_HOURS:
        raise DomainConfigError(
            f"HoldPolicy.extra_hours must be between 0 and {_MAX_EXTRA_HOURS}, got {value!r}; "
            f"use 0 for no extra hold (sellers commonly use 3-6); longer holds risk TikTok's "
            f"dispatch deadline"
        )


def _check_window(
    instance: HoldPolicy, attribute: attrs.Attribute[timedelta], value: timedelta
) -> None:
    if not isinstance(value, timedelta):
        raise DomainConfigError(
            f"HoldPolicy.remorse_window must be a timedelta, got {value!r}; e.g. timedelta(hours=1)"
        )
    if not timedelta(0) <= value <= _MAX_REMORSE_WINDOW:
        raise DomainConfigError(
            f"HoldPolicy.remorse_window must be between 0 and 24 hours, got {value}; TikTok's "
            f"window is 1 hour, so leave the default unless TikTok changes it"
        )


@attrs.frozen(kw_only=True)
class HoldPolicy:
    """How long to hold after payment: TikTok's remorse window plus an optional extra hold."""

    extra_hours: float = attrs.field(default=0.0, validator=_check_extra_hours)
    remorse_window: timedelta = attrs.field(default=timedelta(hours=1), validator=_check_window)

    @property
    def extra(self) -> timedelta:
        """The extra hold as a duration."""
        return timedelta(hours=self.extra_hours)


class HoldReason(enum.Enum):
    """Why an order is held."""

    AWAITING_PAYMENT = "awaiting_payment"
    """UNPAID: the buyer has not paid yet (a konbini order until paid at the store)."""
    REMORSE_WINDOW = "remorse_window"
    """ON_HOLD: paid, but the buyer may still cancel without approval."""
    EXTRA_HOLD = "extra_hold"
    """Past TikTok's window, inside the seller's extra hold."""
    PAYMENT_REVIEW = "payment_review"
    """The payment label is unknown and the policy asks for a person to review it."""
    UNKNOWN_STATUS = "unknown_status"
    """TikTok sent a status these rules do not know, so it is not released blindly."""


class ReleaseReason(enum.Enum):
    """Why an order may move on to shipping."""

    PAID_AND_WINDOW_PASSED = "paid_and_window_passed"
    """Paid, and the remorse window (plus any extra hold) has passed."""
    FULFILMENT_STARTED = "fulfilment_started"
    """TikTok reports the order already (partly) shipped; there is nothing left to hold."""


@quick_init
@attrs.frozen(kw_only=True)
class Hold:
    """Keep the order in 入金待ち; re-check at ``until`` (None: wait for the order to change)."""

    reason: HoldReason
    until: datetime | None
    message: str

    @property
    def oms_payment_status(self) -> OmsPaymentStatus:
        """入金状況 to record: 0:未入金, so the OMS will not move the order on."""
        return OmsPaymentStatus.UNPAID


@attrs.frozen(kw_only=True)
class Release:
    """The order is paid and past every hold; it may move to a shippable state."""

    reason: ReleaseReason
    message: str

    @property
    def oms_payment_status(self) -> OmsPaymentStatus:
        """入金状況 to record: 2:入金済み, the state the OMS ships from."""
        return OmsPaymentStatus.PAID


@attrs.frozen(kw_only=True)
class Cancelled:
    """TikTok cancelled the order: never released; cancel it in the OMS instead."""

    status: str
    message: str

    @property
    def oms_payment_status(self) -> OmsPaymentStatus:
        """入金状況 to record: 0:未入金, so a cancelled order can never become shippable."""
        return OmsPaymentStatus.UNPAID


HoldDecision: TypeAlias = Hold | Release | Cancelled
"""What :func:`decide_hold` returns."""

_DEFAULT_POLICY: Final = HoldPolicy()


def _konbini(payment: PaymentResolution | Unmapped | None) -> bool:
    return (
        isinstance(payment, (Mapped, FallbackApplied)) and payment.method.kind.paid_after_ordering
    )


def decide_hold(
    *,
    status: str,
    now: datetime,
    paid_time: datetime | None = None,
    is_on_hold_order: bool | None = None,
    policy: HoldPolicy | None = None,
    payment: PaymentResolution | Unmapped | None = None,
) -> HoldDecision:
    """Hold, release or report cancelled, from TikTok's status, the payment time and the policy."""
    require_aware("now", now)
    if paid_time is not None:
        require_aware("paid_time", paid_time)
    policy = policy if policy is not None else _DEFAULT_POLICY
    state = statuses.canonical_status(status)

    if state == statuses.CANCELLED:
        return Cancelled(
            status=state,
            message="TikTok cancelled the order (CANCELLED/CANCEL); cancel it in the OMS, "
            "never ship it",
        )
    if isinstance(payment, (ReviewRequired, Unmapped)):
        # Checked before the time-based holds: waiting will not fix an unknown payment label.
        # A bare Unmapped (no policy applied) gets the default policy's answer: review.
        return Hold(
            reason=HoldReason.PAYMENT_REVIEW,
            until=None,
            message=f"payment method {payment.label!r} needs review (要確認): {payment.reason}",
        )
    if state == statuses.UNPAID:
        if _konbini(payment):
            message = (
                "awaiting payment (入金待ち): a convenience-store (コンビニ決済) order "
                "stays unpaid until the buyer pays at the store; it is held, not cancelled"
            )
        else:
            message = "awaiting payment (入金待ち): the buyer has not paid yet"
        return Hold(reason=HoldReason.AWAITING_PAYMENT, until=None, message=message)
    if state == statuses.ON_HOLD:
        return _hold_on_hold(now=now, paid_time=paid_time, policy=policy)
    if state == statuses.AWAITING_SHIPMENT:
        return _after_window(
            now=now, paid_time=paid_time, policy=policy, flagged=is_on_hold_order is True
        )
    if state in statuses.FULFILMENT_STARTED:
        return _fulfilment_started(state)
    return Hold(
        reason=HoldReason.UNKNOWN_STATUS,
        until=None,
        message=f"unknown TikTok order status {state!r}: held until the rules recognise it",
    )


@functools.lru_cache(maxsize=16)
def _fulfilment_started(state: str) -> Release:
    """One shared value per status: every shipped order gets the same decision."""
    return Release(
        reason=ReleaseReason.FULFILMENT_STARTED,
        message=f"TikTok reports {state}: shipping has started, so nothing is left to hold",
    )


def _hold_on_hold(*, now: datetime, paid_time: datetime | None, policy: HoldPolicy) -> Hold:
    if paid_time is None:
        return Hold(
            reason=HoldReason.REMORSE_WINDOW,
            until=None,
            message="ON_HOLD (保留中): the buyer may cancel without approval; paid_time is "
            "unknown, so re-check when TikTok moves the order to AWAITING_SHIPMENT",
        )
    until = paid_time + policy.remorse_window + policy.extra
    if until <= now:
        # TikTok should have left ON_HOLD by now; a re-check time in the past would spin the host.
        return Hold(
            reason=HoldReason.REMORSE_WINDOW,
            until=None,
            message=f"ON_HOLD (保留中) although the window ended at {jst_stamp(until)}; "
            f"held until TikTok moves the order to AWAITING_SHIPMENT (re-fetch it)",
        )
    return Hold(
        reason=HoldReason.REMORSE_WINDOW,
        until=until,
        message="ON_HOLD (保留中): the buyer may cancel without approval "
        + _held_until(paid_time + policy.remorse_window, until, policy),
    )


def _held_until(window_end: datetime, until: datetime, policy: HoldPolicy) -> str:
    """When the buyer's window ends and the hold ends: one time when they are the same."""
    if until == window_end:
        return f"until {jst_stamp(window_end)}; held until then"
    return (
        f"until {jst_stamp(window_end)}; held {policy.extra_hours:g} h more (the seller's "
        f"extra hold), until {jst_stamp(until)}"
    )


_PAID_AND_WINDOW_PASSED: Final = Release(
    reason=ReleaseReason.PAID_AND_WINDOW_PASSED,
    message="AWAITING_SHIPMENT: paid and past the remorse window; 入金済み, ready to ship",
)


def _after_window(
    *, now: datetime, paid_time: datetime | None, policy: HoldPolicy, flagged: bool
) -> Hold | Release:
    released = _PAID_AND_WINDOW_PASSED
    if policy.extra_hours == 0 and not flagged:
        return released
    if paid_time is None:
        if not policy.extra_hours:
            # Only the on-hold flag asked for a wait; TikTok's status says the window is over.
            return released
        return Hold(
            reason=HoldReason.EXTRA_HOLD,
            until=None,
            message=f"an extra hold of {policy.extra_hours:g} h is configured but paid_time is "
            f"unknown; pass paid_time so the hold can end",
        )
    window_end = paid_time + policy.remorse_window
    until = window_end + policy.extra
    if now >= until:
        return released
    if now < window_end:
        return Hold(
            reason=HoldReason.REMORSE_WINDOW,
            until=until,
            message="AWAITING_SHIPMENT but still inside the remorse window "
            + _held_until(window_end, until, policy),
        )
    return Hold(
        reason=HoldReason.EXTRA_HOLD,
        until=until,
        message=f"inside the seller's extra hold of {policy.extra_hours:g} h after the remorse "
        f"window; held until {jst_stamp(until)}",
    )
