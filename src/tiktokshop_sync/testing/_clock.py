"""A manual clock: fake time only moves when a test moves it."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timedelta, timezone

__all__ = ["DEFAULT_START", "FakeClock"]

#: Where a FakeClock starts unless told otherwise: Monday 2025-06-02 10:00 JST (01:00 UTC).
#: A fixed instant, so generated orders are the same on every run for a given seed.
DEFAULT_START = datetime(2025, 6, 2, 1, 0, tzinfo=timezone.utc)


class FakeClock:
    """A thread-safe clock that satisfies :class:`tiktokshop_sync._core.clock.Clock`.

    ``sleep`` and ``async_sleep`` advance it instantly, so retry back-offs cost no wall time.
    """

    def __init__(self, start: datetime | None = None) -> None:
        if start is None:
            start = DEFAULT_START
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError(
                "FakeClock(start=...) needs a timezone-aware datetime, "
                "e.g. datetime(2025, 6, 2, tzinfo=timezone.utc)"
            )
        self._now = start.astimezone(timezone.utc)
        self._lock = threading.Lock()

    @classmethod
    def from_wall_clock(cls) -> FakeClock:
        """A fake clock starting at the real current time (whole seconds)."""
        return cls(datetime.now(timezone.utc).replace(microsecond=0))

    def now(self) -> datetime:
        """The current fake time, timezone-aware, in UTC."""
        with self._lock:
            return self._now

    def timestamp(self) -> int:
        """The current fake time as whole Unix seconds (TikTok's ``timestamp`` parameter)."""
        return int(self.now().timestamp())

    def advance(
        self,
        delta: timedelta | None = None,
        *,
        seconds: float = 0,
        minutes: float = 0,
        hours: float = 0,
        days: float = 0,
    ) -> datetime:
        """Move time forward by ``delta`` plus the keyword amounts and return the new time."""
        step = (delta or timedelta()) + timedelta(
            seconds=seconds, minutes=minutes, hours=hours, days=days
        )
        if step < timedelta():
            raise ValueError(f"FakeClock only moves forward; got a step of {step}")
        with self._lock:
            self._now += step
            return self._now

    def sleep(self, seconds: float) -> None:
        """Advance by ``seconds`` instantly; a drop-in for ``time.sleep`` in retry loops."""
        self.advance(seconds=max(0.0, seconds))

    async def async_sleep(self, seconds: float) -> None:
        """Advance by ``seconds`` and yield to the event loop once; for ``asyncio.sleep``."""
        self.advance(seconds=max(0.0, seconds))
        await asyncio.sleep(0)

    def __repr__(self) -> str:
        return f"FakeClock({self.now().isoformat()})"
