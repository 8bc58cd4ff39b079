"""Workers that share a token store refresh each grant once per expiry and never report a
false re-authorization, whether TikTok rotates refresh tokens or not."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fleet_support import REFRESH_PATH, refreshes, run_token_race, token_set
from tiktokshop_sync import (
    InMemoryTokenStore,
    ReauthorizationRequiredError,
    SQLiteTokenStore,
    TikTokShop,
    TokenSet,
    TokenStore,
)
from tiktokshop_sync.testing import FakeClock, FakeShop


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> TokenStore:
    if request.param == "memory":
        return InMemoryTokenStore()
    if request.param == "sqlite":
        return SQLiteTokenStore(tmp_path / "tokens.db")
    from tiktokshop_sync.postgres import PostgresTokenStore

    store: TokenStore = request.getfixturevalue("pg_open")(PostgresTokenStore)
    return store


class PlainStore:
    """A host's own TokenStore with only load/save/delete (no refresh leases)."""

    def __init__(self) -> None:
        self.inner = InMemoryTokenStore()
        self.hold_saves = threading.Event()
        self.release_saves = threading.Event()

    def load(self, grant: str) -> TokenSet | None:
        return self.inner.load(grant)

    def save(self, grant: str, tokens: TokenSet) -> None:
        if self.hold_saves.is_set():
            assert self.release_saves.wait(30)
        self.inner.save(grant, tokens)

    def delete(self, grant: str) -> None:
        self.inner.delete(grant)


def _workers(fake: FakeShop, store: object, n: int) -> Iterator[TikTokShop]:
    # Each client is a worker of its own (its own runtime lock and lease holder); real sleep,
    # so a worker waiting on another's lease waits in real time while the fake clock stands.
    for _ in range(n):
        yield fake.client(token_store=store, sleep=time.sleep)


def _call_together(clients: list[TikTokShop], grant: str, per_client: int) -> list[Any]:
    calls: list[Callable[[], Any]] = [
        client.seller(grant).shops.authorized for client in clients for _ in range(per_client)
    ]
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
        return [f.exception() or f.result() for f in futures]


@pytest.mark.parametrize("rotate", [True, False], ids=["rotating", "non-rotating"])
def test_workers_sharing_a_store_refresh_an_expired_token_once(
    shared: TokenStore, rotate: bool
) -> None:
    fake = FakeShop(seed=5)
    fake.rotate_refresh_tokens = rotate
    grant = token_set(fake)
    shared.save(grant.open_id, grant)
    clients = list(_workers(fake, shared, 4))
    fake.expire_access_tokens()
    fake.clear_requests()
    outcomes = _call_together(clients, grant.open_id, per_client=3)
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert refreshes(fake) == 1


def test_a_refused_refresh_uses_the_tokens_another_worker_is_saving() -> None:
    # A store without leases: worker A refreshed (TikTok rotated the tokens) but has not saved
    # yet when worker B refreshes with the old refresh token and is refused (36004005).
    fake = FakeShop(seed=6)
    store = PlainStore()
    grant = token_set(fake)
    store.save(grant.open_id, grant)
    first, second = _workers(fake, store, 2)
    fake.expire_access_tokens()
    fake.clear_requests()
    store.hold_saves.set()
    with ThreadPoolExecutor(max_workers=2) as pool:
        a = pool.submit(first.seller(grant.open_id).shops.authorized)
        _wait_for(lambda: _refresh_codes(fake) == [0])
        b = pool.submit(second.seller(grant.open_id).shops.authorized)
        _wait_for(lambda: _refresh_codes(fake) == [0, 36004005])
        store.release_saves.set()
        assert a.result(timeout=30)
        assert b.result(timeout=30)


@pytest.mark.parametrize("kind", ["plain", "leasing"])
def test_a_refused_refresh_still_stored_needs_the_shop_owner(kind: str) -> None:
    fake = FakeShop(seed=7)
    store: Any = PlainStore() if kind == "plain" else InMemoryTokenStore()
    grant = token_set(fake)
    store.save(grant.open_id, grant)
    fake.revoke()
    with (
        fake.client(token_store=store) as client,
        pytest.raises(ReauthorizationRequiredError, match="36004005"),
    ):
        client.seller(grant.open_id).shops.authorized()


def test_a_crashed_workers_refresh_lease_is_waited_out_then_taken_over(tmp_path: Path) -> None:
    fake = FakeShop(seed=8)
    store = SQLiteTokenStore(tmp_path / "tokens.db")
    grant = token_set(fake)
    store.save(grant.open_id, grant)
    started = fake.clock.now()
    store.claim_refresh(
        grant.open_id,
        stale=grant.access_token,
        holder="crashed-worker",
        now=started,
        ttl=timedelta(seconds=90),
    )
    fake.expire_access_tokens()
    fake.clear_requests()
    with fake.client(token_store=store) as client:
        assert client.seller(grant.open_id).shops.authorized()
    assert refreshes(fake) == 1
    assert fake.clock.now() - started >= timedelta(seconds=90)


def _refresh_codes(fake: FakeShop) -> list[int | None]:
    return [r.code for r in fake.requests if r.path == REFRESH_PATH]


def _wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


# --- separate processes, the fake served on loopback -------------------------------------------


@pytest.mark.slow
def test_four_processes_sharing_a_sqlite_token_store_refresh_once_per_expiry(
    tmp_path: Path,
) -> None:
    fake = FakeShop(seed=11, clock=FakeClock.from_wall_clock())
    result = run_token_race(fake, functools.partial(SQLiteTokenStore, tmp_path / "tokens.db"))
    assert (result["refreshes"], result["reauthorize"], result["other"]) == (3, 0, 0), result
    assert result["ok"] == result["calls"] == 240


@pytest.mark.slow
def test_four_processes_sharing_a_postgres_token_store_refresh_once_per_expiry(
    postgres_conninfo: str, pg_schema: str
) -> None:
    from tiktokshop_sync.postgres import PostgresTokenStore

    fake = FakeShop(seed=12, clock=FakeClock.from_wall_clock())
    open_store = functools.partial(PostgresTokenStore, postgres_conninfo, schema=pg_schema)
    result = run_token_race(fake, open_store)
    assert (result["refreshes"], result["reauthorize"], result["other"]) == (3, 0, 0), result
    assert result["ok"] == result["calls"] == 240
