"""The poller runs jobs every interval, runs at once when triggered, and survives failures."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest

from tiktokshop_sync import ConfigurationError
from tiktokshop_sync.workflows import AsyncPoller, Poller


def test_a_failing_job_is_reported_and_the_others_still_run() -> None:
    ran: list[str] = []
    errors: list[str] = []

    def broken() -> None:
        raise RuntimeError("TikTok is down")

    poller = Poller(
        [broken, lambda: ran.append("ok")], on_error=lambda name, e: errors.append(str(e))
    )
    poller.run(max_cycles=1)
    assert ran == ["ok"]
    assert errors == ["TikTok is down"]


def test_a_trigger_runs_the_jobs_before_the_interval_ends() -> None:
    ran = threading.Event()
    count = [0]

    def job() -> None:
        count[0] += 1
        if count[0] == 2:
            ran.set()

    poller = Poller([job], interval=timedelta(hours=1))
    thread = threading.Thread(target=poller.run, kwargs={"max_cycles": 2})
    thread.start()
    poller.trigger()
    assert ran.wait(5)
    thread.join(5)
    assert count[0] == 2


def test_stop_ends_the_loop() -> None:
    poller = Poller([lambda: None], interval=timedelta(hours=1))
    thread = threading.Thread(target=poller.run)
    thread.start()
    poller.stop()
    thread.join(5)
    assert not thread.is_alive()


def test_interval_must_be_positive() -> None:
    with pytest.raises(ConfigurationError, match="interval"):
        Poller([lambda: None], interval=timedelta(0))


def test_async_poller_runs_until_stopped_by_a_trigger() -> None:
    async def scenario() -> int:
        calls = 0
        poller: AsyncPoller

        async def job() -> None:
            nonlocal calls
            calls += 1
            if calls == 3:
                poller.stop()
            else:
                poller.trigger()

        poller = AsyncPoller([job], interval=timedelta(hours=1))
        await poller.run()
        return calls

    assert asyncio.run(scenario()) == 3
