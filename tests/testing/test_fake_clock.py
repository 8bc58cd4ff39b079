"""FakeClock: fixed start, manual advance, instant sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tiktokshop_sync._core.clock import Clock
from tiktokshop_sync.testing import FakeClock, FakeShop


def test_clock_starts_at_a_fixed_aware_utc_instant() -> None:
    assert FakeClock().now() == datetime(2025, 6, 2, 1, 0, tzinfo=timezone.utc)


def test_clock_satisfies_the_clock_protocol() -> None:
    assert isinstance(FakeClock(), Clock)


def test_advance_accepts_a_timedelta_and_keywords() -> None:
    clock = FakeClock()
    start = clock.now()
    clock.advance(timedelta(seconds=5), minutes=1, hours=1, days=1)
    assert clock.now() - start == timedelta(days=1, hours=1, minutes=1, seconds=5)


def test_advance_refuses_to_go_backwards() -> None:
    with pytest.raises(ValueError, match="only moves forward"):
        FakeClock().advance(seconds=-1)


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        FakeClock(datetime(2025, 1, 1))


def test_sleep_advances_instantly() -> None:
    clock = FakeClock()
    start = clock.now()
    clock.sleep(30)
    assert clock.now() - start == timedelta(seconds=30)


async def test_async_sleep_advances_instantly() -> None:
    clock = FakeClock()
    start = clock.now()
    await clock.async_sleep(2.5)
    assert clock.now() - start == timedelta(seconds=2.5)


def test_timestamp_is_whole_unix_seconds() -> None:
    assert FakeClock().timestamp() == 1748826000


def test_fake_shop_uses_the_clock_it_is_given() -> None:
    clock = FakeClock(datetime(2026, 1, 5, tzinfo=timezone.utc))
    assert FakeShop(clock=clock).clock is clock
