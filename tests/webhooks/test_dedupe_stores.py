"""Every dedupe record (in memory, or PostgreSQL shared by receivers) treats a notification
the same way: new the first time, a duplicate after, new again once discarded."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tiktokshop_sync.webhooks import SeenNotifications


@pytest.fixture(params=["memory", "postgres"])
def seen(request: pytest.FixtureRequest) -> Any:
    if request.param == "memory":
        return SeenNotifications()
    from tiktokshop_sync.postgres import PostgresSeenNotifications

    return request.getfixturevalue("pg_open")(PostgresSeenNotifications)


def test_a_key_is_new_once_then_a_duplicate(seen: Any) -> None:
    assert seen.seen_before("n-1") is False
    assert seen.seen_before("n-1") is True
    assert seen.seen_before("n-2") is False
    assert ("n-1" in seen, "n-3" in seen, len(seen)) == (True, False, 2)


def test_a_discarded_key_is_processed_again(seen: Any) -> None:
    seen.seen_before("n-1")
    seen.discard("n-1")
    assert seen.seen_before("n-1") is False


def test_two_receivers_on_one_database_see_each_others_keys(pg_open: Any) -> None:
    from tiktokshop_sync.postgres import PostgresSeenNotifications

    first, second = pg_open(PostgresSeenNotifications), pg_open(PostgresSeenNotifications)
    assert first.seen_before("n-1") is False
    assert second.seen_before("n-1") is True


def test_prune_forgets_keys_seen_before_the_cutoff(pg_open: Any) -> None:
    from tiktokshop_sync.postgres import PostgresSeenNotifications

    seen = pg_open(PostgresSeenNotifications)
    seen.seen_before("n-1")
    assert seen.prune(older_than=datetime.now(timezone.utc) - timedelta(days=1)) == 0
    assert seen.prune(older_than=datetime.now(timezone.utc) + timedelta(seconds=1)) == 1
    assert len(seen) == 0
