"""One run per (shop, job): every workflow's run() and apply() hold a lease row in the state
store, so a second run waits or raises AlreadyRunningError, never runs alongside."""

from __future__ import annotations

import functools
import logging
import pickle
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fleet_support import run_overlapping_imports, token_set
from tiktokshop_sync import AlreadyRunningError, ConfigurationError
from tiktokshop_sync.testing import FakeClock, FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    AsyncCancellationImport,
    AsyncInventoryPush,
    AsyncOrderImport,
    AsyncProductPublish,
    AsyncReturnImport,
    AsyncSettlementImport,
    AsyncShipmentWriteBack,
    CancellationImport,
    InventoryPolicy,
    InventoryPush,
    LeasePolicy,
    OrderImport,
    OrderImportPolicy,
    ProductPublish,
    ReturnImport,
    SettlementImport,
    ShipmentWriteBack,
    SQLiteStateStore,
)

HOUR = timedelta(hours=1)


def _builders(oms: InMemoryOms) -> dict[str, Callable[..., Any]]:
    stock = InventoryPolicy(locations={"main": "1"})
    return {
        "orders": lambda **kw: OrderImport(sink=oms, **kw),
        "cancellations": lambda **kw: CancellationImport(sink=oms, **kw),
        "returns": lambda **kw: ReturnImport(sink=oms, **kw),
        "shipments": lambda **kw: ShipmentWriteBack(source=oms, **kw),
        "inventory": lambda **kw: InventoryPush(source=oms, policy=stock, **kw),
        "publish": lambda **kw: ProductPublish(source=oms, **kw),
        "settlements": lambda **kw: SettlementImport(sink=oms, **kw),
        "async orders": lambda **kw: AsyncOrderImport(sink=oms, **kw),
        "async cancellations": lambda **kw: AsyncCancellationImport(sink=oms, **kw),
        "async returns": lambda **kw: AsyncReturnImport(sink=oms, **kw),
        "async shipments": lambda **kw: AsyncShipmentWriteBack(source=oms, **kw),
        "async inventory": lambda **kw: AsyncInventoryPush(source=oms, policy=stock, **kw),
        "async publish": lambda **kw: AsyncProductPublish(source=oms, **kw),
        "async settlements": lambda **kw: AsyncSettlementImport(sink=oms, **kw),
    }


WORKFLOWS = list(_builders(InMemoryOms()))


@pytest.fixture
def fake() -> FakeShop:
    fake = FakeShop(seed=41)
    fake.create_orders(30)
    return fake


@pytest.fixture
def state(tmp_path: Path) -> SQLiteStateStore:
    return SQLiteStateStore(tmp_path / "state.db")


def _job(name: str, fake: FakeShop, state: SQLiteStateStore, **options: Any) -> Any:
    grant = token_set(fake)
    state.tokens.save(grant.open_id, grant)
    if name.startswith("async"):
        client: Any = fake.async_client(token_store=state.tokens)
    else:
        client = fake.client(token_store=state.tokens)
    shop = client.shop(fake.shops[0].cipher, grant=grant.open_id)
    return _builders(InMemoryOms())[name](shop=shop, state=state, **options)


async def _run(job: Any) -> Any:
    result = job.run()
    return await result if hasattr(result, "__await__") else result


@pytest.mark.parametrize("name", WORKFLOWS)
async def test_a_run_while_another_worker_holds_the_lease_raises_and_sends_nothing(
    name: str, fake: FakeShop, state: SQLiteStateStore
) -> None:
    job = _job(name, fake, state)
    held = state.acquire_lease(
        job.shop_key, job.job, holder="host-b:4242:beef", now=fake.clock.now(), ttl=HOUR
    )
    fake.clear_requests()
    with pytest.raises(AlreadyRunningError) as caught:
        await _run(job)
    assert fake.requests == []
    error = caught.value
    assert (error.shop, error.job, error.holder, error.until) == (
        job.shop_key,
        job.job,
        "host-b:4242:beef",
        held.expires_at,
    )
    assert "host-b:4242:beef" in str(error)
    assert held.expires_at.strftime("%Y-%m-%d %H:%M:%S UTC") in str(error)


@pytest.mark.parametrize("name", WORKFLOWS)
async def test_a_run_releases_its_lease_when_it_ends(
    name: str, fake: FakeShop, state: SQLiteStateStore
) -> None:
    job = _job(name, fake, state)
    await _run(job)
    assert state.leases() == []


def test_apply_of_a_plan_takes_the_lease_too(fake: FakeShop, state: SQLiteStateStore) -> None:
    job = _job("orders", fake, state)
    plan = job.plan()
    state.acquire_lease(job.shop_key, "orders", holder="other", now=fake.clock.now(), ttl=HOUR)
    with pytest.raises(AlreadyRunningError):
        job.apply(plan)


def test_a_failed_run_releases_its_lease(fake: FakeShop, state: SQLiteStateStore) -> None:
    job = _job("orders", fake, state)

    def refuse(orders: Any) -> None:
        raise RuntimeError("OMS down")

    job.sink.accept = refuse
    with pytest.raises(RuntimeError, match="OMS down"):
        job.run()
    assert state.leases() == []


def test_an_expired_lease_of_a_crashed_worker_is_taken_over(
    fake: FakeShop, state: SQLiteStateStore
) -> None:
    job = _job("orders", fake, state)
    state.acquire_lease(job.shop_key, "orders", holder="crashed", now=fake.clock.now(), ttl=HOUR)
    fake.clock.advance(hours=1)
    assert job.run().delivered > 0


def test_a_second_run_waits_for_the_first_when_told_to(
    fake: FakeShop, state: SQLiteStateStore
) -> None:
    job = _job("orders", fake, state, lease=LeasePolicy(wait=timedelta(seconds=30)))
    job.shop = fake.client(token_store=state.tokens, sleep=time.sleep).shop(
        job.shop.shop_cipher, grant=job.shop._scope.context.grant
    )
    state.acquire_lease(job.shop_key, "orders", holder="first", now=fake.clock.now(), ttl=HOUR)
    release = threading.Timer(
        0.3, state.release_lease, (job.shop_key, "orders"), {"holder": "first"}
    )
    release.start()
    started = time.monotonic()
    assert job.run().delivered > 0
    assert time.monotonic() - started >= 0.25


def test_a_run_that_waited_its_fill_raises(fake: FakeShop, state: SQLiteStateStore) -> None:
    job = _job("orders", fake, state, lease=LeasePolicy(wait=timedelta(minutes=2)))
    state.acquire_lease(job.shop_key, "orders", holder="first", now=fake.clock.now(), ttl=HOUR)
    started = fake.clock.now()
    with pytest.raises(AlreadyRunningError, match="first"):
        job.run()
    assert fake.clock.now() - started >= timedelta(minutes=2)


def test_plans_and_applies_inside_leased_hold_one_lease(
    fake: FakeShop, state: SQLiteStateStore
) -> None:
    job = _job("orders", fake, state)
    rival = _job("orders", fake, state)
    with job.leased() as lease:
        assert lease is not None
        assert [lease.holder] == [held.holder for held in state.leases()]
        with pytest.raises(AlreadyRunningError):
            rival.run()
        job.apply(job.plan())
    assert state.leases() == []


def test_a_run_whose_lease_was_taken_over_stops_before_its_next_step(
    fake: FakeShop, state: SQLiteStateStore
) -> None:
    fake.create_orders(40)
    job = _job(
        "orders",
        fake,
        state,
        lease=LeasePolicy(ttl=timedelta(seconds=1)),
        policy=OrderImportPolicy(batch_limit=10, page_size=10),
    )
    accepted = job.sink.accept
    batches: list[int] = []

    def slow_accept(orders: Any) -> None:
        accepted(orders)
        batches.append(len(orders))
        if len(batches) == 1:  # the first batch: a thief takes over
            later = fake.clock.advance(seconds=5)
            state.acquire_lease(job.shop_key, "orders", holder="thief", now=later, ttl=HOUR)
            time.sleep(1.0)  # the renewer (every ttl / 3 of real time) notices

    job.sink.accept = slow_accept
    with pytest.raises(AlreadyRunningError) as caught:
        job.run()
    assert caught.value.taken_over
    assert caught.value.holder == "thief"
    assert batches == [len(job.sink.deliveries)]


def test_a_store_without_leases_runs_as_before_with_a_warning(
    fake: FakeShop, state: SQLiteStateStore, caplog: pytest.LogCaptureFixture
) -> None:
    class NoLeases:
        def __init__(self, inner: SQLiteStateStore) -> None:
            self._inner = inner

        def __getattr__(self, name: str) -> Any:
            if name in {"acquire_lease", "renew_lease", "release_lease"}:
                raise AttributeError(name)
            return getattr(self._inner, name)

    job = _job("orders", fake, state)
    job.state = NoLeases(state)
    with caplog.at_level(logging.WARNING, logger="tiktokshop_sync.workflows"):
        assert job.run().delivered > 0
    assert "no run leases" in caplog.text


def test_a_store_with_only_some_lease_methods_is_refused_naming_the_missing_one(
    fake: FakeShop, state: SQLiteStateStore
) -> None:
    class NoRenewal:
        def __init__(self, inner: SQLiteStateStore) -> None:
            self._inner = inner

        def __getattr__(self, name: str) -> Any:
            if name == "renew_lease":
                raise AttributeError(name)
            return getattr(self._inner, name)

    job = _job("orders", fake, state)
    job.state = NoRenewal(state)
    fake.clear_requests()
    with pytest.raises(ConfigurationError, match="renew_lease"):
        job.run()
    assert fake.requests == []


def test_lease_policy_refuses_a_careless_setting() -> None:
    with pytest.raises(ConfigurationError, match=r"LeasePolicy\.ttl"):
        LeasePolicy(ttl=timedelta(0))
    with pytest.raises(ConfigurationError, match=r"LeasePolicy\.wait"):
        LeasePolicy(wait=-HOUR)


def test_already_running_error_survives_pickling() -> None:
    error = AlreadyRunningError(shop="s", job="orders", holder="h", until=FakeClock().now())
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.shop, copy.holder, str(copy)) == ("s", "h", str(error))


# --- separate processes, the fake served on loopback -------------------------------------------


def _orders_fake() -> FakeShop:
    fake = FakeShop(seed=5, clock=FakeClock.from_wall_clock())
    fake.create_orders(2700)
    return fake


@pytest.mark.slow
def test_two_processes_importing_one_shop_from_sqlite_deliver_every_order_once(
    tmp_path: Path,
) -> None:
    result = run_overlapping_imports(
        _orders_fake(), functools.partial(SQLiteStateStore, tmp_path / "state.db")
    )
    assert result["outcomes"] == ["already running", "ran"]
    assert result["delivered_twice"] == 0
    assert sorted(result["delivered_per_worker"]) == [0, result["distinct"]]


@pytest.mark.slow
def test_a_waiting_second_import_runs_after_the_first_and_delivers_nothing_again(
    tmp_path: Path,
) -> None:
    waiting = LeasePolicy(wait=timedelta(minutes=2), poll=timedelta(milliseconds=100))
    result = run_overlapping_imports(
        _orders_fake(),
        functools.partial(SQLiteStateStore, tmp_path / "state.db"),
        options={"lease": waiting},
    )
    assert result["outcomes"] == ["ran", "ran"]
    assert result["delivered_twice"] == 0
    assert sorted(result["delivered_per_worker"]) == [0, result["distinct"]]


@pytest.mark.slow
def test_two_processes_importing_one_shop_from_postgres_deliver_every_order_once(
    postgres_conninfo: str, pg_schema: str
) -> None:
    from tiktokshop_sync.postgres import PostgresStateStore

    result = run_overlapping_imports(
        _orders_fake(), functools.partial(PostgresStateStore, postgres_conninfo, schema=pg_schema)
    )
    assert result["outcomes"] == ["already running", "ran"]
    assert result["delivered_twice"] == 0
    assert sorted(result["delivered_per_worker"]) == [0, result["distinct"]]
