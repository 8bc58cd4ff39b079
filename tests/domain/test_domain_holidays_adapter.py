"""The jpholiday-backed HolidayCalendar: real Japanese holidays, a clear error without the extra."""

from __future__ import annotations

import importlib
import subprocess
import sys
from datetime import date, datetime
from types import ModuleType

import pytest

from tiktokshop_sync import TikTokShopError
from tiktokshop_sync.domain import (
    JST,
    HolidayCalendar,
    estimate_dispatch_deadline,
    is_business_day,
)
from tiktokshop_sync.holidays import HolidayDataNotInstalledError, JpHolidayCalendar

pytest.importorskip("jpholiday")


@pytest.fixture(scope="module")
def holidays() -> JpHolidayCalendar:
    return JpHolidayCalendar()


def test_the_jpholiday_adapter_is_a_holiday_calendar(holidays: JpHolidayCalendar) -> None:
    assert isinstance(holidays, HolidayCalendar)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2025, 1, 1), "元日"),
        (date(2025, 5, 3), "憲法記念日"),
        (date(2025, 5, 5), "こどもの日"),
        (date(2025, 5, 6), "振替休日"),
        (date(2024, 2, 12), "振替休日"),
        (date(2026, 9, 22), "国民の休日"),
    ],
)
def test_jpholiday_knows_the_national_holidays(
    holidays: JpHolidayCalendar, day: date, name: str
) -> None:
    assert holidays.is_holiday(day)
    found = holidays.holiday_name(day)
    assert found is not None and name in found  # jpholiday 1.x: "こどもの日 振替休日"


@pytest.mark.parametrize("day", [date(2025, 1, 2), date(2025, 5, 7), date(2025, 12, 29)])
def test_ordinary_days_are_not_holidays(holidays: JpHolidayCalendar, day: date) -> None:
    assert not holidays.is_holiday(day)
    assert holidays.holiday_name(day) is None


def test_a_datetime_is_read_as_its_calendar_day(holidays: JpHolidayCalendar) -> None:
    assert holidays.is_holiday(datetime(2025, 5, 6, 23, 59, tzinfo=JST))


def test_the_estimate_skips_golden_week_with_real_data(holidays: JpHolidayCalendar) -> None:
    paid = datetime(2025, 5, 2, 10, 0, tzinfo=JST)
    assert estimate_dispatch_deadline(paid, holidays=holidays).date() == date(2025, 5, 9)
    assert not is_business_day(date(2025, 5, 6), holidays=holidays)


def test_the_adapters_repr_is_plain(holidays: JpHolidayCalendar) -> None:
    assert repr(holidays) == "JpHolidayCalendar()"


def test_without_jpholiday_the_adapter_says_to_install_the_jp_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = importlib.import_module

    def refuse_jpholiday(name: str, package: str | None = None) -> ModuleType:
        if name == "jpholiday":
            raise ModuleNotFoundError("No module named 'jpholiday'")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", refuse_jpholiday)
    with pytest.raises(HolidayDataNotInstalledError, match=r"pip install tiktokshop-sync\[jp\]"):
        JpHolidayCalendar()


def test_the_missing_extra_error_is_an_import_error_of_the_sdk() -> None:
    assert issubclass(HolidayDataNotInstalledError, ImportError)
    assert issubclass(HolidayDataNotInstalledError, TikTokShopError)


def test_importing_the_adapter_module_does_not_import_jpholiday() -> None:
    code = (
        "import sys, tiktokshop_sync.holidays, tiktokshop_sync.domain; "
        "print('jpholiday' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
