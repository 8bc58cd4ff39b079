"""How a fleet runs: when each job runs, how failed runs are retried, and the fleet's settings.

Schedules are periodic tasks of the task engine (procrastinate's cron, deferred once per tick
across every worker), so each period must be one a cron expression can say exactly: a number
of seconds, minutes or hours that divides the next unit, or one day.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from typing import Any

import attrs

from .._core import settings
from .._exceptions import ConfigurationError
from ..workflows import LeasePolicy
from ._shops import JobKind

__all__ = ["FleetConfig", "FleetRetryPolicy", "FleetSchedule", "cron_for"]

_SECOND_STEPS = (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)
_MINUTE_STEPS = _SECOND_STEPS
_HOUR_STEPS = (1, 2, 3, 4, 6, 8, 12)
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def cron_for(every: timedelta) -> str:
    """The cron expression running every ``every`` (seconds are cron's optional 6th field)."""
    seconds = every.total_seconds()
    if every == timedelta(days=1):
        return "0 0 * * *"
    if seconds < 60 and seconds in _SECOND_STEPS:
        return f"* * * * * */{int(seconds)}"
    if seconds < 3600 and seconds % 60 == 0 and seconds // 60 in _MINUTE_STEPS:
        return f"*/{int(seconds // 60)} * * * *"
    if seconds < 86400 and seconds % 3600 == 0 and seconds // 3600 in _HOUR_STEPS:
        return f"0 */{int(seconds // 3600)} * * *"
    raise ValueError(f"no cron expression runs exactly every {every}")


def _span(low: timedelta, high: timedelta, example: str) -> settings.Validator:
    return settings.check_field(settings.duration, low=low, high=high, example=example)


def _period(optional: bool) -> settings.Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        setting = f"{type(instance).__name__}.{attribute.name}"
        if value is None and optional:
            return
        settings.duration(
            setting,
            value,
            low=timedelta(seconds=1),
            high=timedelta(days=1),
            example="timedelta(minutes=10)",
        )
        try:
            cron_for(value)
        except ValueError:
            raise ConfigurationError(
                f"{setting} must be a period a schedule can keep exactly: 1-30 seconds or "
                "minutes dividing a minute or hour (e.g. 5, 10, 15, 30), 1-12 hours dividing "
                f"a day, or 1 day{' (None: only on demand)' if optional else ''}; got {value}."
            ) from None

    return check


@attrs.frozen(kw_only=True)
class FleetSchedule:
    """How often each job runs for every shop, and how the fleet finds runs whose worker died.

    Defaults: orders, cancellations and shipments every 10 minutes (GoQSystem fetches orders
    automatically every 10 minutes); inventory hourly plus on each change the host reports
    (``Fleet.stock_changed``); publish hourly; returns every 10 minutes (the seller has 48
    hours to answer a request). ``None`` runs a job only on demand.
    ``heartbeat`` is how often a worker says it is alive; a run whose worker was silent for
    ``stalled_after`` is retried by the sweep every ``stalled_sweep``.
    """

    orders: timedelta | None = attrs.field(default=timedelta(minutes=10), validator=_period(True))
    cancellations: timedelta | None = attrs.field(
        default=timedelta(minutes=10), validator=_period(True)
    )
    shipments: timedelta | None = attrs.field(
        default=timedelta(minutes=10), validator=_period(True)
    )
    inventory: timedelta | None = attrs.field(default=timedelta(hours=1), validator=_period(True))
    publish: timedelta | None = attrs.field(default=timedelta(hours=1), validator=_period(True))
    returns: timedelta | None = attrs.field(default=timedelta(minutes=10), validator=_period(True))
    heartbeat: timedelta = attrs.field(
        default=timedelta(seconds=10),
        validator=_span(
            timedelta(milliseconds=100), timedelta(minutes=10), "timedelta(seconds=10)"
        ),
    )
    stalled_after: timedelta = attrs.field(
        default=timedelta(seconds=30),
        validator=_span(timedelta(milliseconds=300), timedelta(hours=1), "timedelta(seconds=30)"),
    )
    stalled_sweep: timedelta = attrs.field(default=timedelta(minutes=1), validator=_period(False))

    def __attrs_post_init__(self) -> None:
        if self.stalled_after < self.heartbeat * 2:
            raise ConfigurationError(
                f"FleetSchedule.stalled_after ({self.stalled_after}) must be at least twice "
                f"the heartbeat ({self.heartbeat}), or live workers would look dead between "
                "two heartbeats."
            )

    def every(self, job: JobKind) -> timedelta | None:
        """The period of ``job`` (None: on demand only)."""
        period: timedelta | None = getattr(self, job.value)
        return period


@attrs.frozen(kw_only=True)
class FleetRetryPolicy:
    """How a run that failed on something passing (a network error, TikTok's 5xx or 429 after
    the client's own retries, a database blip) is run again: up to ``attempts`` more times,
    ``base`` doubled per attempt up to ``cap``, each wait scaled down by up to half with
    ``jitter`` so retries of many shops spread out. Other errors are not retried."""

    attempts: int = attrs.field(
        default=5,
        validator=settings.check_field(settings.whole_number, low=0, high=100, unit="retries"),
    )
    base: timedelta = attrs.field(
        default=timedelta(seconds=30),
        validator=_span(timedelta(milliseconds=100), timedelta(hours=1), "timedelta(seconds=30)"),
    )
    cap: timedelta = attrs.field(
        default=timedelta(minutes=15),
        validator=_span(timedelta(milliseconds=100), timedelta(days=1), "timedelta(minutes=15)"),
    )
    jitter: bool = attrs.field(default=True, validator=settings.check_field(settings.flag))

    def __attrs_post_init__(self) -> None:
        if self.cap < self.base:
            raise ConfigurationError(
                f"FleetRetryPolicy.cap ({self.cap}) must be at least its base ({self.base})."
            )

    def delay(self, attempt: int, rng: random.Random | None = None) -> timedelta | None:
        """The wait before retry number ``attempt + 1`` (0-based), or None when none is left."""
        if attempt >= self.attempts:
            return None
        wait = min(self.cap, self.base * (1 << min(attempt, 30)))
        if self.jitter:
            fraction = rng.random() if rng is not None else random.random()
            wait = wait * (0.5 + 0.5 * fraction)
        return wait


def _name(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not _NAME.match(value):
        raise ConfigurationError(
            f"{type(instance).__name__}.{attribute.name} must be a lower-case PostgreSQL name "
            f"such as 'tiktokshop' (letters, digits, underscores), got {value!r}."
        )


@attrs.frozen(kw_only=True)
class FleetConfig:
    """The fleet's settings: its schedule and retries, how runs hold their lease, where its
    tables and queue live, and when an authorization counts as expiring.

    ``lease`` defaults to a 1-minute lease that waits up to 1 minute: the task engine already
    runs one job per shop at a time, so a lease held elsewhere is a dead worker's (it expires
    within ``ttl``) or a manual run (after ``wait`` the tick is skipped).
    """

    schedule: FleetSchedule = attrs.field(
        factory=FleetSchedule,
        validator=settings.check_field(
            settings.instance, kinds=(FleetSchedule,), example="FleetSchedule()"
        ),
    )
    retry: FleetRetryPolicy = attrs.field(
        factory=FleetRetryPolicy,
        validator=settings.check_field(
            settings.instance, kinds=(FleetRetryPolicy,), example="FleetRetryPolicy()"
        ),
    )
    lease: LeasePolicy = attrs.field(
        factory=lambda: LeasePolicy(ttl=timedelta(minutes=1), wait=timedelta(minutes=1)),
        validator=settings.check_field(
            settings.instance, kinds=(LeasePolicy,), example="LeasePolicy(ttl=timedelta(minutes=1))"
        ),
    )
    schema: str = attrs.field(default="tiktokshop", validator=_name)
    """PostgreSQL schema of the fleet's own tables (pauses, notices, last runs)."""
    queue: str = attrs.field(default="tiktokshop", validator=_name)
    """The task engine's queue the fleet's jobs go to."""
    expiry_warning: timedelta = attrs.field(
        default=timedelta(days=30),
        validator=_span(timedelta(days=1), timedelta(days=365), "timedelta(days=30)"),
    )
    """An authorization expiring within this is reported (TikTok warns 30 days ahead)."""
    registry_refresh: timedelta = attrs.field(
        default=timedelta(minutes=1),
        validator=_span(timedelta(0), timedelta(days=1), "timedelta(minutes=1)"),
    )
    """How long a worker reuses the registry it read before reading it again."""
    priority: int = attrs.field(
        default=10,
        validator=settings.check_field(settings.whole_number, low=1, high=1000, unit="levels"),
    )
    """Priority of runs asked for now (webhooks, stock changes) over scheduled ones (0)."""
