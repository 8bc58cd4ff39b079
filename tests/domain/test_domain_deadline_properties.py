"""Properties of business-day deadlines for any payment time, policy and calendar (hypothesis)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktokshop_sync.domain import (
    JST,
    DeadlineBasis,
    DeadlineField,
    DeadlinePolicy,
    DispatchDeadline,
    DispatchFacts,
    HolidayCalendar,
    InMemoryHolidayCalendar,
    dispatch_deadline,
    estimate_dispatch_deadline,
    is_business_day,
)
from tiktokshop_sync.holidays import JpHolidayCalendar

pytest.importorskip("jpholiday")

JP_HOLIDAYS = JpHolidayCalendar()
ZONES = [
    timezone.utc,
    JST,
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=14)),
    timezone(timedelta(hours=-12)),
    timezone(timedelta(hours=5, minutes=45)),
]

moments = st.datetimes(
    min_value=datetime(2019, 1, 1),
    max_value=datetime(2031, 12, 31),
    timezones=st.sampled_from(ZONES),
)


def _month_end(year: int, month: int, hour: int, minute: int, days_back: int) -> datetime:
    last = calendar.monthrange(year, month)[1]
    return datetime(year, month, last, hour, minute, tzinfo=JST) - timedelta(days=days_back)


# Payments in the last days of a month (December included: the year end).
month_ends = st.builds(
    _month_end,
    st.integers(2019, 2031),
    st.integers(1, 12),
    st.integers(0, 23),
    st.integers(0, 59),
    st.integers(0, 3),
)
# Payments around Golden Week and the New Year, where holidays cluster.
holiday_seasons = st.builds(
    lambda year, start, offset: datetime(year, *start, tzinfo=JST) + timedelta(minutes=offset),
    st.integers(2019, 2031),
    st.sampled_from([(4, 25), (12, 24), (9, 15), (7, 12), (2, 8)]),
    st.integers(0, 16 * 24 * 60),
)
# Payments in the last seconds of a JST day, where "the same day" ends.
day_ends = st.builds(
    lambda day, micros: (
        datetime.combine(day, time(23, 59, 59), tzinfo=JST) + timedelta(microseconds=micros)
    ),
    st.dates(date(2019, 1, 1), date(2031, 12, 31)),
    st.integers(-1, 999_999),
)
any_payment = st.one_of(moments, month_ends, holiday_seasons, day_ends)

policies = st.builds(
    DeadlinePolicy,
    business_days=st.integers(0, 10),
    cutoff_hour=st.none() | st.integers(1, 23),
    weekend=st.sampled_from(
        [
            frozenset({calendar.SATURDAY, calendar.SUNDAY}),
            frozenset({calendar.SUNDAY}),
            frozenset(),
            frozenset({calendar.FRIDAY, calendar.SATURDAY}),
        ]
    ),
)
random_calendars = st.builds(
    InMemoryHolidayCalendar,
    days=st.frozensets(st.dates(date(2018, 12, 1), date(2032, 3, 1)), max_size=60),
)
calendars: st.SearchStrategy[HolidayCalendar | None] = st.one_of(
    st.just(JP_HOLIDAYS), random_calendars, st.none()
)


def _counts_same_day(
    paid: datetime, policy: DeadlinePolicy, holidays: HolidayCalendar | None
) -> bool:
    local = paid.astimezone(JST)
    before_cutoff = policy.cutoff_hour is None or local.hour < policy.cutoff_hour
    before_day_end = local.time() < time(23, 59, 59)
    return (
        before_cutoff
        and before_day_end
        and is_business_day(local.date(), policy=policy, holidays=holidays)
    )


@given(any_payment, policies, calendars)
def test_the_deadline_never_lands_on_a_weekend_or_holiday(
    paid: datetime, policy: DeadlinePolicy, holidays: HolidayCalendar | None
) -> None:
    due = estimate_dispatch_deadline(paid, policy=policy, holidays=holidays)
    assert due.weekday() not in policy.weekend
    assert holidays is None or not holidays.is_holiday(due.date())


@given(any_payment, policies, calendars)
def test_the_deadline_is_the_end_of_a_jst_day_never_before_payment(
    paid: datetime, policy: DeadlinePolicy, holidays: HolidayCalendar | None
) -> None:
    due = estimate_dispatch_deadline(paid, policy=policy, holidays=holidays)
    assert due.tzinfo is JST and due.utcoffset() == timedelta(hours=9)
    assert due.timetz() == time(23, 59, 59, tzinfo=JST)
    assert due >= paid


@given(any_payment, policies, calendars)
def test_exactly_n_business_days_pass_after_the_day_that_counts(
    paid: datetime, policy: DeadlinePolicy, holidays: HolidayCalendar | None
) -> None:
    # Written without the implementation's stepping: walk the calendar day by day and count.
    due = estimate_dispatch_deadline(paid, policy=policy, holidays=holidays).date()
    day, counted = paid.astimezone(JST).date(), 0
    while day < due:
        day += timedelta(days=1)
        counted += is_business_day(day, policy=policy, holidays=holidays)
    expected = policy.business_days + (0 if _counts_same_day(paid, policy, holidays) else 1)
    assert counted == expected


@given(any_payment, any_payment, policies, calendars)
def test_a_later_payment_never_gets_an_earlier_deadline(
    first: datetime, second: datetime, policy: DeadlinePolicy, holidays: HolidayCalendar | None
) -> None:
    early, late = sorted((first, second))
    assert estimate_dispatch_deadline(
        early, policy=policy, holidays=holidays
    ) <= estimate_dispatch_deadline(late, policy=policy, holidays=holidays)


@given(any_payment, st.sampled_from(ZONES), policies)
def test_the_same_instant_in_any_zone_gets_the_same_deadline(
    paid: datetime, zone: timezone, policy: DeadlinePolicy
) -> None:
    assert estimate_dispatch_deadline(
        paid, policy=policy, holidays=JP_HOLIDAYS
    ) == estimate_dispatch_deadline(paid.astimezone(zone), policy=policy, holidays=JP_HOLIDAYS)


@given(any_payment)
def test_jst_has_no_daylight_saving_time(moment: datetime) -> None:
    local = moment.astimezone(JST)
    assert local.utcoffset() == timedelta(hours=9)
    assert local.dst() is None
    assert (local + timedelta(days=1)) - local == timedelta(hours=24)


@given(any_payment, policies)
def test_holidays_only_ever_push_the_deadline_later(paid: datetime, policy: DeadlinePolicy) -> None:
    weekends_only = estimate_dispatch_deadline(paid, policy=policy)
    assert weekends_only <= estimate_dispatch_deadline(paid, policy=policy, holidays=JP_HOLIDAYS)


def _awaiting_shipment(paid: datetime, **times: datetime) -> DispatchDeadline:
    found = dispatch_deadline(
        DispatchFacts(shop="s", order_id="1", status="AWAITING_SHIPMENT", paid_time=paid, **times),
        holidays=JP_HOLIDAYS,
    )
    assert isinstance(found, DispatchDeadline)
    return found


@given(any_payment, st.integers(0, 10 * 86400))
def test_a_given_rts_sla_time_always_wins_over_the_estimate(paid: datetime, seconds: int) -> None:
    given_due = paid + timedelta(seconds=seconds)
    found = _awaiting_shipment(paid, rts_sla_time=given_due)
    assert (found.field, found.basis) == (DeadlineField.RTS_SLA_TIME, DeadlineBasis.GIVEN)
    assert found.due == given_due and found.due.tzinfo is JST


@given(any_payment, st.integers(0, 20 * 86400))
def test_an_estimated_deadline_is_never_after_the_auto_cancel_time(
    paid: datetime, seconds: int
) -> None:
    cancel = paid + timedelta(seconds=seconds)
    found = _awaiting_shipment(paid, shipping_due_time=cancel)
    assert found.due <= cancel
    assert found.auto_cancel_at == cancel
