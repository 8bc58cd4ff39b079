"""Time as an injectable dependency, so tests and the fake shop never wait on the wall clock."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Protocol, runtime_checkable

# What tiktokshop_sync publishes from here (it re-exports this list); the helpers the other
# modules import are left out.
__all__ = ["Clock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    """Something that tells the current time as an aware UTC datetime."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real wall clock."""

    def now(self) -> datetime:
        """The current time from the operating system, in UTC."""
        return datetime.now(timezone.utc)

    def __repr__(self) -> str:
        return "SystemClock()"


def utc_from_timestamp(seconds: float) -> datetime:
    """An aware UTC datetime from Unix seconds."""
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def unix_seconds(moment: datetime) -> int:
    """Whole Unix seconds for an aware datetime (TikTok's 10-digit timestamps)."""
    return int(moment.timestamp())


def monotonic() -> float:
    """Monotonic seconds, for measuring durations."""
    return time.monotonic()
