"""The many-shops guide's Celery recipe runs as written: its code block is executed with
Celery in eager mode, the guide's PostgreSQL stores and FakeShop served on loopback; only the
host's own parts (registry, OMS, pause table, DSN) are supplied by the test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import attrs
import psycopg
import pytest
from celery.signals import task_retry

from fleet_support import token_set
from tiktokshop_sync.postgres import PostgresStateStore
from tiktokshop_sync.testing import FakeClock, FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "many-shops.md"
SCHEMA = "tiktokshop"  # the recipe's schema, dropped after each test


def recipe_code() -> str:
    """The ```py block under "## Hosts on Celery"."""
    section = GUIDE.read_text(encoding="utf-8").split("## Hosts on Celery", 1)[1]
    match = re.search(r"^```py\n(.*?)^```", section, re.S | re.M)
    assert match is not None, "the Celery recipe's code block is missing from the guide"
    return match.group(1)


@attrs.define
class HostShop:
    """One row of the host's registry, as the recipe reads it."""

    host_id: str
    cipher: str
    grant: str
    paused: bool = False


@attrs.define
class Host:
    """The parts of a host the recipe leaves to it, and what the recipe did with them."""

    fake: FakeShop
    oms: InMemoryOms
    shops: dict[str, HostShop]
    tasks: dict[str, Any]
    store: PostgresStateStore
    paused: list[tuple[str, str]] = attrs.Factory(list)


@pytest.fixture
def host(postgres_conninfo: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Host]:
    fake = FakeShop(seed=23, clock=FakeClock.from_wall_clock())
    second = fake.add_shop("Second shop")
    fake.create_orders(6, status="AWAITING_SHIPMENT")
    fake.create_orders(4, second, status="AWAITING_SHIPMENT")
    grant = token_set(fake)
    store = PostgresStateStore(postgres_conninfo, schema=SCHEMA)
    store.tokens.save(grant.open_id, grant)
    shops = {
        f"host-{i}": HostShop(host_id=f"host-{i}", cipher=shop.cipher, grant=grant.open_id)
        for i, shop in enumerate(fake.shops)
    }
    oms = InMemoryOms()
    paused: list[tuple[str, str]] = []
    with fake.serve() as base_url:
        monkeypatch.setenv("TIKTOKSHOP_APP_KEY", fake.app_key)
        monkeypatch.setenv("TIKTOKSHOP_APP_SECRET", fake.app_secret)
        monkeypatch.setenv("TIKTOKSHOP_BASE_URL", base_url)
        monkeypatch.setenv("TIKTOKSHOP_AUTH_BASE_URL", base_url)
        namespace: dict[str, Any] = {
            "__name__": "tasks",
            "DSN": postgres_conninfo,
            "my_shops": lambda: list(shops.values()),
            "my_shop": shops.__getitem__,
            "my_oms": oms,
            "pause_grant": lambda grant, reason: paused.append((grant, reason)),
        }
        exec(compile(recipe_code(), f"{GUIDE}#celery", "exec"), namespace)
        namespace["app"].conf.update(broker_url="memory://", task_always_eager=True)
        try:
            yield Host(fake=fake, oms=oms, shops=shops, tasks=namespace, store=store, paused=paused)
        finally:
            namespace["client"].close()
            namespace["store"].close()
            store.close()
            with psycopg.connect(postgres_conninfo, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')


def delivered(host: Host) -> list[str]:
    return sorted(order_id for _, order_id in host.oms.orders)


def test_the_beat_schedule_names_a_task_the_recipe_defines(host: Host) -> None:
    app = host.tasks["app"]
    assert app.conf.beat_schedule["orders"]["task"] in app.tasks


def test_a_tick_imports_every_running_shop_and_a_second_tick_delivers_nothing_again(
    host: Host,
) -> None:
    host.tasks["tick_orders"].delay().get()
    first = delivered(host)
    host.tasks["tick_orders"].delay().get()

    assert len(first) == 10
    assert delivered(host) == first
    assert len(host.oms.deliveries) == len(set(host.oms.deliveries))


def test_a_paused_shop_is_left_out_of_the_tick(host: Host) -> None:
    host.shops["host-1"].paused = True

    host.tasks["tick_orders"].delay().get()

    assert len(delivered(host)) == 6


def test_an_import_another_worker_is_running_is_skipped(host: Host) -> None:
    shop = host.shops["host-0"]
    host.store.acquire_lease(
        shop.cipher,
        "orders",
        holder="another worker",
        now=datetime.now(timezone.utc),
        ttl=timedelta(minutes=5),
    )

    assert host.tasks["import_orders"].delay("host-0").get() == "skipped"
    assert delivered(host) == []


def test_a_revoked_grant_pauses_it_instead_of_retrying(host: Host) -> None:
    host.fake.revoke()
    host.fake.expire_access_tokens()

    assert host.tasks["import_orders"].delay("host-0").get() == "paused"
    assert [grant for grant, _ in host.paused] == [host.shops["host-0"].grant]


def test_a_transient_failure_outlasting_the_clients_retries_is_retried_by_celery(
    host: Host,
) -> None:
    retried: list[str] = []

    def on_retry(reason: BaseException, **_: Any) -> None:
        retried.append(type(getattr(reason, "exc", reason)).__name__)

    host.fake.fail_next("server_error", times=4, path="/order/202309/orders/search")
    task_retry.connect(on_retry, weak=False)
    try:
        outcome = host.tasks["import_orders"].delay("host-0").get()
    finally:
        task_retry.disconnect(on_retry)

    assert outcome == "done"
    assert retried == ["ServerError"]
    assert len(delivered(host)) == 6
