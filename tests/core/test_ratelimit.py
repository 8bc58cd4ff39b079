"""Client-side pacing keeps a backlog under TikTok's quota without a single 429."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tiktokshop_sync import (
    ConfigurationError,
    InMemoryTokenStore,
    RateLimit,
    RateLimitStore,
    SQLiteRateLimiter,
)
from tiktokshop_sync._core.ratelimit import RateLimiter
from tiktokshop_sync.testing import FakeShop

T0 = datetime(2026, 11, 20, tzinfo=timezone.utc)


Limiter = Callable[[RateLimit], RateLimitStore]


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def limiter_for(request: pytest.FixtureRequest, tmp_path: Path) -> Limiter:
    """The same pacing contract for the in-memory, SQLite and PostgreSQL limiters."""
    if request.param == "memory":
        return RateLimiter
    if request.param == "sqlite":
        return lambda limit: SQLiteRateLimiter(tmp_path / "pace.db", limit)
    from tiktokshop_sync.postgres import PostgresRateLimiter

    pg_open = request.getfixturevalue("pg_open")
    return lambda limit: pg_open(PostgresRateLimiter, limit)


def test_the_first_request_goes_at_once_and_the_next_waits_one_interval(
    limiter_for: Limiter,
) -> None:
    limiter = limiter_for(RateLimit(qps=4))
    assert limiter.reserve("app:shop", T0) == 0
    assert limiter.reserve("app:shop", T0) == pytest.approx(0.25)
    assert limiter.reserve("app:shop", T0) == pytest.approx(0.5)


def test_shops_are_paced_independently(limiter_for: Limiter) -> None:
    limiter = limiter_for(RateLimit(qps=1))
    assert limiter.reserve("app:a", T0) == 0
    assert limiter.reserve("app:b", T0) == 0


def test_tokens_refill_with_time_up_to_the_burst(limiter_for: Limiter) -> None:
    limiter = limiter_for(RateLimit(qps=2, burst=3))
    for _ in range(3):
        assert limiter.reserve("k", T0) == 0
    later = T0 + timedelta(seconds=10)
    assert [limiter.reserve("k", later) for _ in range(3)] == [0, 0, 0]
    assert limiter.reserve("k", later) == pytest.approx(0.5)


def test_rate_must_be_positive() -> None:
    with pytest.raises(ConfigurationError, match="qps"):
        RateLimit(qps=0)


def test_a_paced_backlog_import_sees_no_rate_limit_errors() -> None:
    fake = FakeShop(seed=5)
    fake.create_orders(1_000)
    fake.set_rate_limit(10)
    with fake.client(token_store=InMemoryTokenStore(), rate_limit=RateLimit(qps=10)) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        start = fake.clock.now()
        orders = list(shop.orders.search(page_size=20))
        elapsed = (fake.clock.now() - start).total_seconds()
    searches = [r for r in fake.requests if r.path.endswith("/orders/search")]
    assert len(orders) == 1_000
    assert all(r.status == 200 for r in searches)
    assert len(searches) / elapsed >= 0.95 * 10 * (len(searches) - 1) / len(searches)


def test_a_partly_refilled_schedule_waits_only_for_the_rest(limiter_for: Limiter) -> None:
    limiter = limiter_for(RateLimit(qps=4))
    limiter.reserve("k", T0)
    limiter.reserve("k", T0)
    assert limiter.reserve("k", T0 + timedelta(seconds=0.1)) == pytest.approx(0.4)


def test_two_handles_on_one_shared_limiter_share_the_schedule(tmp_path: Path) -> None:
    first = SQLiteRateLimiter(tmp_path / "pace.db", RateLimit(qps=4))
    second = SQLiteRateLimiter(tmp_path / "pace.db", RateLimit(qps=4))
    assert first.reserve("k", T0) == 0
    assert second.reserve("k", T0) == pytest.approx(0.25)


def test_a_client_paces_through_a_shared_limiter_on_the_fake_clock(tmp_path: Path) -> None:
    fake = FakeShop(seed=5)
    fake.create_orders(200)
    fake.set_rate_limit(10)
    shared = SQLiteRateLimiter(tmp_path / "pace.db", RateLimit(qps=10))
    with fake.client(token_store=InMemoryTokenStore(), rate_limit=shared) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        assert len(list(shop.orders.search(page_size=10))) == 200
    assert all(r.status == 200 for r in fake.requests)


def test_rate_limit_refuses_something_that_is_not_a_limit() -> None:
    with pytest.raises(ConfigurationError, match="SQLiteRateLimiter or PostgresRateLimiter"):
        FakeShop().client(rate_limit=10)
