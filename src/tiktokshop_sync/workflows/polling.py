"""The polling loop: run the jobs every interval; a webhook can trigger an immediate run.

Japanese OMSs poll (GoQSystem every 10 minutes, SmartShip every hour). Webhooks only make
the next run come sooner: polling stays the backstop, because TikTok's own docs say not to
rely on webhook delivery alone. An order import's nightly catch-up (``CatchUpPolicy``) runs in
the cycle that falls between 00:00 and 04:00 JST, once a night, so any interval of an hour or
less schedules it. A poller refuses jobs that register one TikTok shop under two host ids.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from typing import Any

from .._core import settings
from .._exceptions import ConfigurationError
from .shops import check_shops, registrations_of

__all__ = ["AsyncPoller", "Poller"]

logger = logging.getLogger("tiktokshop_sync.workflows")

ErrorHandler = Callable[[str, BaseException], None]


#: The longest interval: a daily run is the slowest any OMS manual describes; longer is a typo.
MAX_INTERVAL = timedelta(days=7)


def _seconds(interval: timedelta) -> float:
    checked = settings.duration(
        "interval",
        interval,
        low=timedelta(seconds=1),
        high=MAX_INTERVAL,
        example="timedelta(minutes=10)",
    )
    return checked.total_seconds()


def _cycles(max_cycles: int | None) -> int | None:
    if max_cycles is None:
        return None
    return settings.whole_number("max_cycles", max_cycles, low=1, unit="cycles")


def _name(job: Callable[..., Any]) -> str:
    owner = getattr(job, "__self__", None)
    return (
        f"{type(owner).__name__}.{job.__name__}"
        if owner is not None
        else getattr(job, "__name__", repr(job))
    )


class Poller:
    """Run blocking jobs (e.g. ``OrderImport(...).run``) on an interval until stopped."""

    def __init__(
        self,
        jobs: Sequence[Callable[[], Any]],
        *,
        interval: timedelta = timedelta(minutes=10),
        on_error: ErrorHandler | None = None,
    ) -> None:
        if not jobs:
            raise ConfigurationError("Poller needs at least one job, e.g. [OrderImport(...).run].")
        check_shops(registrations_of(jobs))
        self.jobs = tuple(jobs)
        self.interval = _seconds(interval)
        self.on_error = on_error
        self._wake = threading.Event()
        self._stopped = threading.Event()

    def trigger(self) -> None:
        """Run the jobs now instead of at the end of the interval (call from a webhook handler)."""
        self._wake.set()

    def stop(self) -> None:
        """Stop after the current cycle."""
        self._stopped.set()
        self._wake.set()

    def run_once(self) -> list[Any]:
        """Run every job once; a failing job is reported and the others still run."""
        results: list[Any] = []
        for job in self.jobs:
            try:
                results.append(job())
            except Exception as error:
                logger.warning("job %s failed: %s", _name(job), error)
                if self.on_error is not None:
                    self.on_error(_name(job), error)
                results.append(error)
        return results

    def run(self, *, max_cycles: int | None = None) -> int:
        """Loop until :meth:`stop` (or ``max_cycles``); returns the number of cycles run."""
        max_cycles = _cycles(max_cycles)
        cycles = 0
        while not self._stopped.is_set():
            self._wake.clear()
            self.run_once()
            cycles += 1
            if max_cycles is not None and cycles >= max_cycles:
                break
            self._wake.wait(self.interval)
        return cycles


class AsyncPoller:
    """Run async jobs (e.g. ``AsyncOrderImport(...).run``) on an interval until stopped."""

    def __init__(
        self,
        jobs: Sequence[Callable[[], Awaitable[Any]]],
        *,
        interval: timedelta = timedelta(minutes=10),
        on_error: ErrorHandler | None = None,
    ) -> None:
        if not jobs:
            raise ConfigurationError("AsyncPoller needs at least one job.")
        check_shops(registrations_of(jobs))
        self.jobs = tuple(jobs)
        self.interval = _seconds(interval)
        self.on_error = on_error
        self._wake: asyncio.Event | None = None
        self._stopped = False

    def _event(self) -> asyncio.Event:
        if self._wake is None:
            self._wake = asyncio.Event()
        return self._wake

    def trigger(self) -> None:
        """Run the jobs now instead of at the end of the interval."""
        self._event().set()

    def stop(self) -> None:
        """Stop after the current cycle."""
        self._stopped = True
        self._event().set()

    async def run_once(self) -> list[Any]:
        """Run every job once; a failing job is reported and the others still run."""
        results: list[Any] = []
        for job in self.jobs:
            try:
                results.append(await job())
            except Exception as error:
                logger.warning("job %s failed: %s", _name(job), error)
                if self.on_error is not None:
                    self.on_error(_name(job), error)
                results.append(error)
        return results

    async def run(self, *, max_cycles: int | None = None) -> int:
        """Loop until :meth:`stop` (or ``max_cycles``); returns the number of cycles run."""
        max_cycles = _cycles(max_cycles)
        cycles = 0
        wake = self._event()
        while not self._stopped:
            wake.clear()
            await self.run_once()
            cycles += 1
            if max_cycles is not None and cycles >= max_cycles:
                break
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=self.interval)
        return cycles
