"""Japanese business days (営業日) in JST: weekends, holidays from a calendar, a daily cut-off.

Used to estimate a dispatch deadline (出荷期限) when TikTok sends none. Japan has had no daylight
saving time since 1951, so JST is a fixed UTC+9 offset and a day is always 24 hours long.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta, timezone
from typing import Final, Protocol, runtime_checkable

import attrs

from tiktokshop_sync.domain._validate import require_aware
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "JST",
    "DeadlinePolicy",
    "HolidayCalendar",
    "InMemoryHolidayCalendar",
    "estimate_dispatch_deadline",
    "is_business_day",
]

JST: Final = timezone(timedelta(hours=9), "JST")
"""Japan Standard Time, UTC+9 all year (no daylight saving time)."""


def jst_stamp(value: datetime) -> str:
    """``2025-06-02 10:00 JST``: how the package's messages and tables show an aware time."""
    return value.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")


# A deadline falls at the end of its business day, as TikTok's own ship-by days do ("cut-off
# 11:59 PM" in Seller University's SLA table).
_END_OF_DAY: Final = time(23, 59, 59)
# More closed days in a row than this means the calendar is broken, not that Japan closed.
_MAX_CLOSED_RUN: Final = 366
_MAX_BUSINESS_DAYS: Final = 30


@runtime_checkable
class HolidayCalendar(Protocol):
    """Which days are holidays (祝日): the host supplies it, or ``tiktokshop_sync.holidays``."""

    def is_holiday(self, day: date) -> bool:
        """True when ``day`` is a holiday, so no business day."""
        ...


def _to_days(value: Iterable[date]) -> frozenset[date]:
    days = frozenset(value)
    wrong = [day for day in days if not isinstance(day, date) or isinstance(day, datetime)]
    if wrong:
        raise DomainConfigError(
            f"InMemoryHolidayCalendar.days must be dates (datetime.date), got {wrong[0]!r}"
        )
    return days


@attrs.frozen(kw_only=True)
class InMemoryHolidayCalendar:
    """A :class:`HolidayCalendar` over a fixed set of dates, for tests and hosts' own calendars."""

    days: frozenset[date] = attrs.field(factory=frozenset, converter=_to_days)

    def is_holiday(self, day: date) -> bool:
        """True when ``day`` is one of the configured dates."""
        return day in self.days


def _check_business_days(instance: DeadlinePolicy, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainConfigError(
            f"DeadlinePolicy.business_days must be a whole number of days, got {value!r}"
        )
    if not 0 <= value <= _MAX_BUSINESS_DAYS:
        raise DomainConfigError(
            f"DeadlinePolicy.business_days must be between 0 and {_MAX_BUSINESS_DAYS}, got "
            f"{value!r}; 3 is the Japanese dispatch rule sellers report (0 = the same business day)"
        )


def _check_cutoff(instance: DeadlinePolicy, attribute: object, value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 23:
        raise DomainConfigError(
            f"DeadlinePolicy.cutoff_hour must be an hour from 1 to 23 (JST) or None, got "
            f"{value!r}; e.g. 14 makes orders paid from 14:00 count from the next business day"
        )


def _to_weekend(value: Iterable[int]) -> frozenset[int]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise DomainConfigError(
            f"DeadlinePolicy.weekend must be a set of weekday numbers, got {value!r}; e.g. "
            "frozenset({calendar.SATURDAY, calendar.SUNDAY}), or frozenset() for none"
        )
    days = frozenset(value)
    if any(isinstance(day, bool) or not isinstance(day, int) for day in days) or not days <= set(
        range(7)
    ):
        raise DomainConfigError(
            f"DeadlinePolicy.weekend must hold weekday numbers 0 (Monday) to 6 (Sunday), got "
            f"{sorted(days, key=repr)!r}; e.g. frozenset({{calendar.SATURDAY, calendar.SUNDAY}})"
        )
    if len(days) == 7:
        raise DomainConfigError(
            "DeadlinePolicy.weekend cannot hold all seven weekdays: no day would be a business day"
        )
    return days


@attrs.frozen(kw_only=True)
class DeadlinePolicy:
    """How to estimate a dispatch deadline TikTok did not send: N business days after payment.

    ``cutoff_hour`` (JST) makes orders paid at or after that hour count from the next business
    day; ``weekend`` holds the weekday numbers that are never business days (Saturday, Sunday).
    """

    business_days: int = attrs.field(default=3, validator=_check_business_days)
    cutoff_hour: int | None = attrs.field(default=None, validator=_check_cutoff)
    weekend: frozenset[int] = attrs.field(
        default=frozenset({_calendar.SATURDAY, _calendar.SUNDAY}), converter=_to_weekend
    )


_DEFAULT_POLICY: Final = DeadlinePolicy()


def is_business_day(
    day: date, *, policy: DeadlinePolicy | None = None, holidays: HolidayCalendar | None = None
) -> bool:
    """True when ``day`` is neither a weekend day of the policy nor a holiday of the calendar."""
    chosen = policy if policy is not None else _DEFAULT_POLICY
    if day.weekday() in chosen.weekend:
        return False
    return holidays is None or not holidays.is_holiday(day)


def _next_business_day(day: date, policy: DeadlinePolicy, holidays: HolidayCalendar | None) -> date:
    """The first business day strictly after ``day``."""
    for _ in range(_MAX_CLOSED_RUN):
        day += timedelta(days=1)
        if is_business_day(day, policy=policy, holidays=holidays):
            return day
    raise DomainConfigError(
        f"the holiday calendar closes more than {_MAX_CLOSED_RUN} days in a row after "
        f"{day - timedelta(days=_MAX_CLOSED_RUN)}; check the HolidayCalendar passed as holidays="
    )


def estimate_dispatch_deadline(
    paid_time: datetime,
    *,
    policy: DeadlinePolicy | None = None,
    holidays: HolidayCalendar | None = None,
) -> datetime:
    """The end (23:59:59 JST) of the N-th business day after payment, counted in JST.

    A payment on a business day before the cut-off (and before 23:59:59) counts from that day, any
    other from the next business day; ``holidays=None`` skips weekends only (an earlier estimate).
    """
    paid = require_aware("paid_time", paid_time).astimezone(JST)
    chosen = policy if policy is not None else _DEFAULT_POLICY
    day = paid.date()
    # A payment in the day's last second is past that day's deadline: it counts from the next.
    late = paid.time() >= _END_OF_DAY or (
        chosen.cutoff_hour is not None and paid.hour >= chosen.cutoff_hour
    )
    if late or not is_business_day(day, policy=chosen, holidays=holidays):
        day = _next_business_day(day, chosen, holidays)
    for _ in range(chosen.business_days):
        day = _next_business_day(day, chosen, holidays)
    return datetime.combine(day, _END_OF_DAY, tzinfo=JST)
