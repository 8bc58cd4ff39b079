"""Business days (営業日) in JST: weekends, holidays, the cut-off hour, month and year ends."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta, timezone

import pytest

from tiktokshop_sync.domain import (
    JST,
    DeadlinePolicy,
    DomainConfigError,
    HolidayCalendar,
    InMemoryHolidayCalendar,
    NaiveDatetimeError,
    estimate_dispatch_deadline,
    is_business_day,
)

# Japan's national holidays around the examples (from the Holidays Act; jpholiday agrees, see
# test_domain_holidays_adapter.py).
HOLIDAYS = InMemoryHolidayCalendar(
    days=[
        date(2024, 2, 12),  # 振替休日 for 建国記念の日 on Sunday 2/11
        date(2025, 1, 1),  # 元日
        date(2025, 4, 29),  # 昭和の日
        date(2025, 5, 3),  # 憲法記念日 (Saturday)
        date(2025, 5, 4),  # みどりの日 (Sunday)
        date(2025, 5, 5),  # こどもの日
        date(2025, 5, 6),  # 振替休日
        date(2026, 9, 21),  # 敬老の日
        date(2026, 9, 22),  # 国民の休日 (between two holidays)
        date(2026, 9, 23),  # 秋分の日
    ]
)


def due(paid: datetime, **policy: object) -> date:
    deadline = estimate_dispatch_deadline(
        paid,
        policy=DeadlinePolicy(**policy),  # type: ignore[arg-type]
        holidays=HOLIDAYS,
    )
    return deadline.date()


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)  # type: ignore[misc]


def test_jst_is_a_fixed_nine_hours_ahead_of_utc_all_year() -> None:
    for month in range(1, 13):
        assert datetime(2025, month, 15, tzinfo=JST).utcoffset() == timedelta(hours=9)


def test_three_business_days_after_a_tuesday_payment_end_on_friday_night() -> None:
    deadline = estimate_dispatch_deadline(jst(2025, 7, 1, 10, 0), holidays=HOLIDAYS)
    assert deadline == jst(2025, 7, 4, 23, 59, 59)
    assert deadline.tzinfo is JST


def test_a_friday_payment_skips_the_weekend() -> None:
    assert due(jst(2025, 7, 4, 10, 0)) == date(2025, 7, 9)


def test_a_weekend_payment_counts_from_monday() -> None:
    assert due(jst(2025, 7, 5, 10, 0)) == due(jst(2025, 7, 7, 0, 0)) == date(2025, 7, 10)


def test_golden_week_is_skipped_with_its_substitute_holiday() -> None:
    assert due(jst(2025, 5, 2, 10, 0)) == date(2025, 5, 9)


def test_a_payment_on_a_holiday_counts_from_the_next_business_day() -> None:
    assert due(jst(2025, 4, 29, 10, 0)) == date(2025, 5, 7)  # from 4/30: 5/1, 5/2, 5/7


def test_the_year_end_skips_new_years_day() -> None:
    assert due(jst(2024, 12, 31, 15, 0)) == date(2025, 1, 6)


def test_a_substitute_holiday_furikae_kyujitsu_is_skipped() -> None:
    assert due(jst(2024, 2, 9, 10, 0)) == date(2024, 2, 15)


def test_a_citizens_holiday_between_two_holidays_is_skipped() -> None:
    assert due(jst(2026, 9, 18, 10, 0)) == date(2026, 9, 28)


def test_the_month_end_rolls_into_the_next_month() -> None:
    assert due(jst(2025, 1, 31, 10, 0)) == date(2025, 2, 5)


def test_the_day_is_counted_in_jst_not_in_the_payment_times_zone() -> None:
    late_utc = datetime(2025, 7, 1, 16, 0, tzinfo=timezone.utc)  # Wed 2025-07-02 01:00 JST
    assert due(late_utc) == date(2025, 7, 7)


def test_a_payment_before_the_cut_off_counts_from_the_same_day() -> None:
    assert due(jst(2025, 7, 7, 13, 59), cutoff_hour=14) == date(2025, 7, 10)


def test_a_payment_at_or_after_the_cut_off_counts_from_the_next_business_day() -> None:
    assert due(jst(2025, 7, 7, 14, 0), cutoff_hour=14) == date(2025, 7, 11)


def test_a_friday_payment_after_the_cut_off_counts_from_monday() -> None:
    assert due(jst(2025, 7, 4, 18, 0), cutoff_hour=14, business_days=0) == date(2025, 7, 7)


def test_zero_business_days_means_the_same_business_day() -> None:
    assert due(jst(2025, 7, 1, 10, 0), business_days=0) == date(2025, 7, 1)


def test_a_payment_in_the_days_last_second_is_never_due_before_it_was_paid() -> None:
    paid = datetime(2025, 7, 1, 23, 59, 59, 500_000, tzinfo=JST)
    deadline = estimate_dispatch_deadline(paid, policy=DeadlinePolicy(business_days=0))
    assert deadline >= paid
    assert deadline.date() == date(2025, 7, 2)


def test_a_six_day_week_counts_saturdays() -> None:
    assert due(jst(2025, 7, 4, 10, 0), weekend={calendar.SUNDAY}) == date(2025, 7, 8)


def test_without_a_calendar_only_weekends_are_skipped_which_is_earlier() -> None:
    paid = jst(2025, 5, 2, 10, 0)
    assert estimate_dispatch_deadline(paid).date() == date(2025, 5, 7)


def test_is_business_day_knows_weekends_and_holidays() -> None:
    assert is_business_day(date(2025, 5, 7), holidays=HOLIDAYS)
    assert not is_business_day(date(2025, 5, 6), holidays=HOLIDAYS)
    assert not is_business_day(date(2025, 5, 10))
    assert is_business_day(date(2025, 5, 6))


def test_the_in_memory_calendar_is_a_holiday_calendar() -> None:
    assert isinstance(HOLIDAYS, HolidayCalendar)


def test_a_calendar_that_closes_every_day_is_reported_not_looped_forever() -> None:
    class AlwaysClosed:
        def is_holiday(self, day: date) -> bool:
            return True

    with pytest.raises(DomainConfigError, match="closes more than 366 days"):
        estimate_dispatch_deadline(jst(2025, 7, 1, 10, 0), holidays=AlwaysClosed())


def test_a_naive_payment_time_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="paid_time"):
        estimate_dispatch_deadline(datetime(2025, 7, 1, 10, 0))


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"business_days": -1}, "business_days must be between 0 and 30"),
        ({"business_days": 31}, "business_days must be between 0 and 30"),
        ({"business_days": 2.5}, "business_days must be a whole number"),
        ({"business_days": True}, "business_days must be a whole number"),
        ({"cutoff_hour": 0}, "cutoff_hour must be an hour from 1 to 23"),
        ({"cutoff_hour": 24}, "cutoff_hour must be an hour from 1 to 23"),
        ({"weekend": {7}}, "weekend must hold weekday numbers"),
        ({"weekend": set(range(7))}, "cannot hold all seven weekdays"),
    ],
)
def test_a_bad_policy_setting_is_refused_with_the_fix(
    settings: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainConfigError, match=message):
        DeadlinePolicy(**settings)  # type: ignore[arg-type]


def test_the_calendar_takes_only_dates() -> None:
    with pytest.raises(DomainConfigError, match="must be dates"):
        InMemoryHolidayCalendar(days=[datetime(2025, 1, 1)])
