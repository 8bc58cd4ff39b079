"""Japanese national holidays (祝日) from jpholiday, for the domain's business-day deadlines.

Needs the ``jp`` extra: ``pip install tiktokshop-sync[jp]``. Kept outside ``domain`` because it
wraps a third-party library; importing this module works without the extra, using it does not.
"""

from __future__ import annotations

import importlib
from datetime import date, datetime
from types import ModuleType

from tiktokshop_sync._exceptions import TikTokShopError

__all__ = ["HolidayDataNotInstalledError", "JpHolidayCalendar"]


class HolidayDataNotInstalledError(TikTokShopError, ImportError):
    """The jpholiday package (the ``jp`` extra) is not installed."""


def _import_jpholiday() -> ModuleType:
    try:
        return importlib.import_module("jpholiday")
    except ImportError as exc:
        raise HolidayDataNotInstalledError(
            "JpHolidayCalendar needs the jpholiday package; install it with "
            "`pip install tiktokshop-sync[jp]` (or pass another HolidayCalendar, e.g. "
            "InMemoryHolidayCalendar(days=...), to the deadline rules)"
        ) from exc


def _day(value: date) -> date:
    if isinstance(value, datetime):
        # A datetime is a date subclass: take its calendar day, never compare across types.
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a datetime.date, got {type(value).__name__}: {value!r}")
    return value


class JpHolidayCalendar:
    """A :class:`~tiktokshop_sync.domain.HolidayCalendar` of Japan's national holidays.

    jpholiday computes them from the Holidays Act (国民の祝日に関する法律), so 振替休日
    (substitute holidays) and 国民の休日 (a day between two holidays) are included.
    """

    def __init__(self) -> None:
        self._jpholiday = _import_jpholiday()

    def is_holiday(self, day: date) -> bool:
        """True when ``day`` is a national holiday, a substitute holiday included."""
        return bool(self._jpholiday.is_holiday(_day(day)))

    def holiday_name(self, day: date) -> str | None:
        """The holiday's Japanese name (e.g. ``振替休日``), or None on an ordinary day."""
        name = self._jpholiday.is_holiday_name(_day(day))
        return None if name is None else str(name)

    def __repr__(self) -> str:
        return "JpHolidayCalendar()"
