"""A held run lease is renewed only while it is live: once it lapses by the job's clock (a pause,
renewals that kept failing) or another worker takes it, the run's next check stops it, on SQLite
and PostgreSQL alike."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fleet_support import token_set
from tiktokshop_sync import AlreadyRunningError, StoreError
from tiktokshop_sync.testing import FakeClock, FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    InventoryPolicy,
    InventoryPush,
    LeasePolicy,
    SQLiteStateStore,
    StockLevel,
)
from tiktokshop_sync.workflows._lease import Heartbeat

TTL = timedelta(minutes=5)
POLICY = LeasePolicy(ttl=TTL)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A state store holding the leases: SQLite, or PostgreSQL on the test's own schema."""
    if request.param == "sqlite":
        return SQLiteStateStore(tmp_path / "state.db")
    from tiktokshop_sync.postgres import PostgresStateStore

    opener: Callable[..., Any] = request.getfixturevalue("pg_open")
    return opener(PostgresStateStore)


def _hold(store: Any, clock: FakeClock, holder: str = "a") -> Heartbeat:
    lease = store.acquire_lease("shop", "inventory", holder=holder, now=clock.now(), ttl=TTL)
    return Heartbeat(store, lease, POLICY, clock)


class _RenewalsFail:
    """The store as a worker whose renewals fail (the database stays locked or unreachable)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def renew_lease(self, *args: Any, **kwargs: Any) -> Any:
        raise StoreError("the state store stayed locked for 30 s", path="state.db")


def test_a_renewal_extends_a_live_lease_by_the_ttl(store: Any) -> None:
    clock = FakeClock()
    beat = _hold(store, clock)
    later = clock.advance(minutes=4)
    assert beat.renew()
    assert beat.expires_at() == later + TTL
    beat.check()


def test_a_lease_lapsed_during_a_pause_is_lost_though_its_taker_already_left(store: Any) -> None:
    clock = FakeClock()
    beat = _hold(store, clock)
    clock.advance(minutes=6)  # paused past the lease; meanwhile B runs the job to its end
    store.acquire_lease("shop", "inventory", holder="b", now=clock.now(), ttl=TTL)
    store.release_lease("shop", "inventory", holder="b")
    assert not beat.renew()
    assert store.leases() == []
    with pytest.raises(AlreadyRunningError) as caught:
        beat.check()
    assert caught.value.taken_over


def test_a_lapsed_lease_stops_the_run_before_the_renewer_comes_round(store: Any) -> None:
    clock = FakeClock()
    beat = _hold(store, clock)
    clock.advance(minutes=5)
    with pytest.raises(AlreadyRunningError) as caught:
        beat.check()
    assert caught.value.taken_over


def test_a_lapsed_lease_nobody_took_is_lost_all_the_same(store: Any) -> None:
    clock = FakeClock()
    beat = _hold(store, clock)
    clock.advance(minutes=6)
    assert not beat.renew()
    assert [lease.expires_at for lease in store.leases()] == [beat.expires_at()]
    with pytest.raises(AlreadyRunningError) as caught:
        beat.check()
    assert caught.value.holder == ""  # not "a": this worker does not hold it any more
    assert "ran out at" in str(caught.value) and "now holds it" not in str(caught.value)


def test_a_lease_another_worker_took_names_that_worker(store: Any) -> None:
    clock = FakeClock()
    beat = _hold(store, clock)
    later = clock.advance(minutes=6)
    taken = store.acquire_lease("shop", "inventory", holder="b", now=later, ttl=TTL)
    assert not beat.renew()
    with pytest.raises(AlreadyRunningError) as caught:
        beat.check()
    assert (caught.value.holder, caught.value.until) == ("b", taken.expires_at)


def test_failing_renewals_leave_the_lease_running_until_its_expiry(store: Any) -> None:
    clock = FakeClock()
    beat = _hold(_RenewalsFail(store), clock)
    clock.advance(minutes=4)
    assert beat.renew()
    beat.check()


def test_failing_renewals_stop_the_run_at_the_lease_expiry(store: Any) -> None:
    clock = FakeClock()
    beat = _hold(_RenewalsFail(store), clock)
    clock.advance(minutes=4)
    assert beat.renew()
    clock.advance(minutes=1)
    assert not beat.renew()
    with pytest.raises(AlreadyRunningError) as caught:
        beat.check()
    assert caught.value.taken_over


# --- a whole run: worker A planned an inventory push, B pushed fresher stock meanwhile ---------

SKU = "TS-TEE-BLK-M"


def _push(fake: FakeShop, store: Any, available: int) -> InventoryPush:
    """A worker's inventory push of ``available`` units, holding a 1 s lease."""
    grant = token_set(fake)
    store.tokens.save(grant.open_id, grant)
    shop = fake.client(token_store=store.tokens).shop(fake.shops[0].cipher, grant=grant.open_id)
    oms = InMemoryOms()
    oms.set_stock(
        shop.shop_cipher, [StockLevel(seller_sku=SKU, location="main", available=available)]
    )
    return InventoryPush(
        shop=shop,
        state=store,
        source=oms,
        policy=InventoryPolicy(locations={"main": fake.warehouses()[0].id}),
        lease=LeasePolicy(ttl=timedelta(seconds=1)),
    )


def _listed(fake: FakeShop) -> int:
    sku = next(s for s in fake.product_by_sku(SKU).skus if s.seller_sku == SKU)
    return sku.inventory[fake.warehouses()[0].id]


def test_a_run_paused_past_its_lease_writes_nothing_after_its_taker_finished(
    store: Any,
) -> None:
    fake = FakeShop(seed=41)
    paused, taker = _push(fake, store, available=10), _push(fake, store, available=3)
    with paused.leased():
        plan = paused.plan()
        fake.clock.advance(seconds=5)
        assert taker.run().pushed == 1
        fake.clear_requests()
        with pytest.raises(AlreadyRunningError) as caught:
            paused.apply(plan)
    assert caught.value.taken_over
    assert fake.requests == []
    assert _listed(fake) == 3


def test_a_run_whose_renewals_fail_writes_nothing_after_its_lease_ran_out(
    store: Any, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeShop(seed=41)
    failing = _push(fake, _RenewalsFail(store), available=10)
    taker = _push(fake, store, available=3)
    with caplog.at_level(logging.WARNING, logger="tiktokshop_sync.workflows"), failing.leased():
        time.sleep(0.5)  # the renewer (every ttl / 3 of real time) tries and fails
        plan = failing.plan()  # the lease still runs until its expiry
        fake.clock.advance(seconds=5)
        assert taker.run().pushed == 1
        fake.clear_requests()
        with pytest.raises(AlreadyRunningError) as caught:
            failing.apply(plan)
    assert "could not renew" in caplog.text
    assert caught.value.taken_over
    assert fake.requests == []
    assert _listed(fake) == 3
