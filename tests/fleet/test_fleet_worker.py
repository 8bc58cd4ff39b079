"""The fleet against a real PostgreSQL and a real procrastinate worker (in this process, until
the queue is empty): ticks, pauses, re-authorization, skipped ticks, retries, webhooks and the
authorization health report. The soak runs the same fleet in separate worker processes."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import attrs
import httpx
import pytest

from fleet_support import token_set
from tiktokshop_sync import TokenSet
from tiktokshop_sync.fleet import (
    Fleet,
    FleetConfig,
    FleetRetryPolicy,
    FleetRun,
    FleetSchedule,
    FleetShop,
    GrantStatus,
    JobKind,
    PauseKind,
    RunOutcome,
)
from tiktokshop_sync.testing import FakeShop, InMemoryOms
from tiktokshop_sync.webhooks import compute_signature
from tiktokshop_sync.workflows import InventoryPolicy, LeasePolicy, OrderImport

REFRESH_PATH = "/api/v2/token/refresh"
ON_DEMAND = FleetSchedule(
    orders=None, cancellations=None, shipments=None, inventory=None, publish=None, returns=None
)


class Harness:
    """A fake with two sellers (three shops), their tokens in a PostgreSQL store, an OMS."""

    def __init__(self, conninfo: str) -> None:
        from tiktokshop_sync.postgres import PostgresStateStore

        self.conninfo = conninfo
        self.fake = FakeShop(seed=5)
        second = self.fake.add_seller("もみじ商店")
        self.fake.add_shop("さくら商店 2号店")
        self.fake.add_shop("もみじ商店", seller=second)
        for shop in self.fake.shops:
            self.fake.create_orders(3, shop, created_within=timedelta(hours=6))
        self.store = PostgresStateStore(conninfo, schema="tiktokshop")
        self.tokens: dict[str, TokenSet] = {}
        for seller in (self.fake.seller, second):
            tokens = token_set_of(self.fake, seller)
            self.tokens[seller.open_id] = tokens
            self.store.tokens.save(tokens.open_id, tokens)
        self.oms = InMemoryOms()
        self.runs: list[FleetRun] = []
        self.client = self.fake.client(token_store=self.store.tokens)
        self.fleets: list[Fleet] = []

    def shops(self) -> list[FleetShop]:
        owners = {s.cipher: s.seller_open_id for s in self.fake.shops}
        return [
            FleetShop(
                host_id=f"shop-{n}",
                shop_id=shop.id,
                cipher=shop.cipher,
                grant=owners[shop.cipher],
                orders=self.oms,
                cancellations=self.oms,
                stock=self.oms,
                inventory_policy=InventoryPolicy(
                    locations={"main": self.fake.warehouses(shop)[0].id}
                ),
            )
            for n, shop in enumerate(self.fake.shops)
        ]

    def fleet(self, shops: Any = None, **config: Any) -> Fleet:
        settings: dict[str, Any] = {"schedule": ON_DEMAND, **config}
        fleet = Fleet(
            conninfo=self.conninfo,
            shops=self.shops() if shops is None else shops,
            client=self.client,
            state=self.store,
            config=FleetConfig(**settings),
            on_run=self.runs.append,
        )
        fleet.install()
        self.fleets.append(fleet)
        return fleet

    def outcomes(self) -> list[tuple[str, str, RunOutcome]]:
        return sorted((r.host_id, r.job.value, r.outcome) for r in self.runs)

    def close(self) -> None:
        for fleet in self.fleets:
            fleet.close()
        self.client.close()
        self.store.close()


def token_set_of(fake: FakeShop, seller: Any) -> TokenSet:
    from tiktokshop_sync.types.token import TokenGrant

    if seller == fake.seller:
        return token_set(fake)
    return TokenGrant.model_validate(fake.grant_tokens(seller).to_wire()).to_token_set()


@pytest.fixture
def harness(fleet_db: str) -> Iterator[Harness]:
    made = Harness(fleet_db)
    yield made
    made.close()


def waiting(fleet: Fleet) -> list[Any]:
    """The runs waiting in the queue (not the ticks or the sweep a worker defers on start)."""
    runs = {f"tiktokshop.{kind.value}" for kind in JobKind}
    jobs = fleet.open().app.job_manager.list_jobs(status="todo")
    return [job for job in jobs if job.task_name in runs]


def drain(fleet: Fleet) -> None:
    """Run a worker in this process until the queue is empty."""
    fleet.run_worker(concurrency=2, wait=False, install=False)


def test_a_tick_queues_one_run_per_shop_and_none_while_one_waits(harness: Harness) -> None:
    fleet = harness.fleet()
    assert fleet.fan_out(JobKind.ORDERS) == 3
    assert fleet.fan_out(JobKind.ORDERS) == 0  # queueing locks: one waiting run per shop
    drain(fleet)
    assert harness.outcomes() == [(f"shop-{n}", "orders", RunOutcome.DONE) for n in range(3)]
    importable = [
        o
        for shop in harness.fake.shops
        for o in harness.fake.orders_of(shop)
        if o.status != "CANCELLED"
    ]
    assert len(harness.oms.deliveries) == len(importable) > 0
    assert fleet.fan_out(JobKind.ORDERS) == 3  # nothing waits any more


class ShopTable:
    """A host's registry: its rows change while the fleet runs."""

    def __init__(self, rows: list[FleetShop]) -> None:
        self.rows = rows

    def shops(self) -> list[FleetShop]:
        return list(self.rows)


def test_each_tick_reads_the_registry_again_and_refuses_a_new_duplicate(
    harness: Harness,
) -> None:
    import attrs

    from tiktokshop_sync.fleet import DuplicateShopError

    first, second, third = harness.shops()
    table = ShopTable([first, second])
    fleet = harness.fleet(shops=table)
    assert fleet.fan_out(JobKind.ORDERS) == 2
    table.rows.append(third)  # a shop added while the workers run
    assert fleet.fan_out(JobKind.ORDERS) == 1
    table.rows.append(attrs.evolve(third, host_id="shop-2-again"))
    with pytest.raises(DuplicateShopError, match="'shop-2', 'shop-2-again'"):
        fleet.fan_out(JobKind.ORDERS)


def test_a_runs_status_keeps_its_last_success_for_monitoring(harness: Harness) -> None:
    fleet = harness.fleet()
    fleet.fan_out(JobKind.CANCELLATIONS)
    drain(fleet)
    status = {(s.host_id, s.job): s for s in fleet.status()}
    assert status["shop-0", "cancellations"].outcome is RunOutcome.DONE
    assert status["shop-0", "cancellations"].last_success is not None
    assert not status["shop-0", "cancellations"].late(
        status["shop-0", "cancellations"].finished_at, timedelta(minutes=10)
    )


def test_a_paused_shop_is_not_queued_until_it_is_resumed(harness: Harness) -> None:
    fleet = harness.fleet()
    fleet.pause("shop-1", "moving warehouses")
    assert fleet.fan_out(JobKind.ORDERS) == 2
    assert not fleet.import_orders_now("shop-1")
    (pause,) = fleet.paused()
    assert (pause.host_id, pause.kind, pause.reason) == (
        "shop-1",
        PauseKind.MANUAL,
        "moving warehouses",
    )
    assert fleet.resume("shop-1")
    assert fleet.fan_out(JobKind.ORDERS) == 1


def test_a_refused_refresh_pauses_the_grants_shops_once_instead_of_every_cycle(
    harness: Harness,
) -> None:
    fleet = harness.fleet()
    seller = harness.fake.seller
    harness.fake.expire_refresh_tokens(seller)
    harness.fake.expire_access_tokens(seller)
    harness.fake.clear_requests()
    fleet.fan_out(JobKind.ORDERS)
    drain(fleet)
    outcomes = {h: o for h, _j, o in harness.outcomes()}
    paused = {p.host_id for p in fleet.paused()}
    # shop-0 and shop-1 share the refused grant; shop-2's seller is fine.
    assert outcomes["shop-2"] is RunOutcome.DONE
    assert paused == {"shop-0", "shop-1"}
    assert RunOutcome.PAUSED in (outcomes["shop-0"], outcomes["shop-1"])
    attempts = sum(1 for r in harness.fake.requests if r.path == REFRESH_PATH)
    assert fleet.fan_out(JobKind.ORDERS) == 1  # the next cycles leave the paused shops alone
    drain(fleet)
    assert sum(1 for r in harness.fake.requests if r.path == REFRESH_PATH) == attempts
    report = fleet.health()
    (grant,) = report.of(GrantStatus.REAUTHORIZE)
    assert grant.grant == seller.open_id and grant.host_ids == ("shop-0", "shop-1")
    assert "authorize the app again" in grant.message


def test_resuming_a_grant_after_reauthorization_runs_its_shops_again(harness: Harness) -> None:
    fleet = harness.fleet()
    fleet.deauthorized("shop-0", "removed")
    assert {p.host_id for p in fleet.paused()} == {"shop-0", "shop-1"}
    assert fleet.resume_grant(harness.fake.seller.open_id) == 2
    assert fleet.fan_out(JobKind.ORDERS) == 3


def test_another_run_holding_the_lease_skips_the_tick_without_a_retry(harness: Harness) -> None:
    fleet = harness.fleet(lease=LeasePolicy(wait=timedelta(0)))
    shop = harness.fake.shops[0]
    view = harness.client.shop(shop.cipher, grant=shop.seller_open_id)
    manual = OrderImport(shop=view, state=harness.store, sink=InMemoryOms())
    with manual.leased():  # as if someone ran the import by hand in another process
        assert fleet.import_orders_now("shop-0")
        drain(fleet)
    (run,) = harness.runs
    assert run.outcome is RunOutcome.ALREADY_RUNNING and "already running" in run.detail
    assert not waiting(fleet)  # skipped, not retried


def test_a_passing_failure_is_retried_later_with_backoff(harness: Harness) -> None:
    fleet = harness.fleet(
        retry=FleetRetryPolicy(attempts=3, base=timedelta(minutes=5), jitter=False)
    )
    harness.fake.fail_next("server_error", times=20, path="/order/202309/orders/search")
    assert fleet.import_orders_now("shop-0")
    drain(fleet)
    (run,) = harness.runs
    assert run.outcome is RunOutcome.RETRYING and run.detail.startswith("ServerError")
    (job,) = waiting(fleet)
    assert job.attempts == 1 and job.task_kwargs["shop"] == "shop-0"
    (status,) = fleet.status()
    assert status.failures == 1 and status.last_success is None


def test_a_failure_no_retry_can_fix_fails_the_run_at_once(harness: Harness) -> None:
    fleet = harness.fleet()
    harness.fake.fail_next("server_error", times=1, path="/order/202309/orders/search")
    harness.fake.clear_faults()
    harness.store.tokens.delete(harness.fake.seller.open_id)  # NotAuthorizedError: a person
    assert fleet.import_orders_now("shop-0")
    drain(fleet)
    (run,) = harness.runs
    assert run.outcome is RunOutcome.FAILED and run.detail.startswith("NotAuthorizedError")
    assert not waiting(fleet)


def test_a_stock_change_pushes_inventory_now_once(harness: Harness) -> None:
    fleet = harness.fleet()
    assert fleet.stock_changed("shop-2")
    assert not fleet.stock_changed("shop-2")  # one push waits already: it sees both changes
    drain(fleet)
    assert harness.outcomes() == [("shop-2", "inventory", RunOutcome.DONE)]


def test_the_health_report_lists_grants_expiring_within_30_days(harness: Harness) -> None:
    import attrs

    fleet = harness.fleet()
    now = harness.fake.clock.now()
    second = harness.fake.shops[2].seller_open_id
    harness.store.tokens.save(
        second,
        attrs.evolve(harness.tokens[second], refresh_token_expires_at=now + timedelta(days=12)),
    )
    report = fleet.health()
    (expiring,) = report.of(GrantStatus.EXPIRING)
    assert expiring.grant == second and expiring.host_ids == ("shop-2",)
    assert report.of(GrantStatus.OK)[0].grant == harness.fake.seller.open_id
    assert f"{second} [expiring]" in report.describe()


# --- webhooks ------------------------------------------------------------------------------------


def webhook(
    harness: Harness, kind: int, shop_index: int, data: dict[str, Any], notification: str
) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(
        {
            "type": kind,
            "tts_notification_id": notification,
            "shop_id": harness.fake.shops[shop_index].id,
            "timestamp": 1748826000,
            "data": data,
        }
    ).encode()
    signature = compute_signature(
        app_key=harness.fake.app_key, app_secret=harness.fake.app_secret, body=body
    )
    return body, {"Authorization": signature}


ORDER = {"order_id": "576461413038785752", "order_status": "AWAITING_SHIPMENT"}


def test_an_order_webhook_queues_an_import_now_once_per_burst(harness: Harness) -> None:
    fleet = harness.fleet()
    first = fleet.receive_webhook(*webhook(harness, 1, 0, ORDER, "n1"))
    second = fleet.receive_webhook(*webhook(harness, 1, 0, ORDER, "n2"))
    again = fleet.receive_webhook(*webhook(harness, 1, 0, ORDER, "n1"))
    assert (first.status, first.action, first.host_id) == (200, "queued", "shop-0")
    assert second.action == "already_queued"  # the waiting import will see both changes
    assert again.action == "duplicate" and again.body == b""
    (job,) = waiting(fleet)
    assert job.priority == fleet.config.priority
    drain(fleet)
    assert harness.outcomes() == [("shop-0", "orders", RunOutcome.DONE)]


def test_an_order_webhook_moves_a_waiting_scheduled_import_ahead(harness: Harness) -> None:
    fleet = harness.fleet()
    assert fleet.fan_out(JobKind.ORDERS, tick=1748826000) == 3  # at priority 0, in shop order
    reply = fleet.receive_webhook(*webhook(harness, 1, 2, ORDER, "m1"))
    assert (reply.action, reply.host_id) == ("queued", "shop-2")
    jobs = {job.task_kwargs["shop"]: job for job in waiting(fleet)}
    assert len(jobs) == 3
    assert jobs["shop-2"].priority == fleet.config.priority  # ahead of shop-0 and shop-1
    assert jobs["shop-2"].task_kwargs["tick"] == 1748826000  # still that tick's run
    assert jobs["shop-0"].priority == 0
    again = fleet.receive_webhook(*webhook(harness, 1, 2, ORDER, "m2"))
    assert again.action == "already_queued"


def test_a_cancellation_webhook_queues_a_cancellation_import(harness: Harness) -> None:
    fleet = harness.fleet()
    data = {"order_id": "576461413038785752", "cancel_status": "CANCELLATION_REQUEST_PENDING"}
    reply = fleet.receive_webhook(*webhook(harness, 11, 1, data, "c1"))
    assert (reply.action, reply.host_id) == ("queued", "shop-1")
    (job,) = waiting(fleet)
    assert job.task_name == "tiktokshop.cancellations"


def test_a_return_webhook_queues_a_return_import_that_delivers_its_steps(
    harness: Harness,
) -> None:
    delivered = harness.fake.create_orders(1, harness.fake.shops[1], status="DELIVERED")[0]
    record = harness.fake.request_return(delivered.id, return_type="REFUND")
    shops = [attrs.evolve(shop, returns=harness.oms) for shop in harness.shops()]
    fleet = harness.fleet(shops)
    data = {
        "order_id": delivered.id,
        "return_id": record.return_id,
        "return_role": "BUYER",
        "return_type": "REFUND",
        "return_status": "RETURN_OR_REFUND_REQUEST_PENDING",
        "create_time": 1748826000,
        "update_time": 1748826000,
    }
    reply = fleet.receive_webhook(*webhook(harness, 12, 1, data, "r1"))
    assert (reply.action, reply.host_id) == ("queued", "shop-1")
    (job,) = waiting(fleet)
    assert job.task_name == "tiktokshop.returns"
    drain(fleet)
    assert harness.outcomes() == [("shop-1", "returns", RunOutcome.DONE)]
    [held] = harness.oms.returns.values()
    assert (held.return_id, held.steps) == (record.return_id, ["requested"])


def test_a_forged_or_unknown_webhook_queues_nothing(harness: Harness) -> None:
    fleet = harness.fleet()
    body, _ = webhook(harness, 1, 0, ORDER, "f1")
    assert fleet.receive_webhook(body, {"Authorization": "0" * 64}).status == 401
    assert fleet.receive_webhook(b"{", {"Authorization": "0" * 64}).status == 401
    unknown = json.loads(body) | {"shop_id": "7000000000000000001"}
    raw = json.dumps(unknown).encode()
    signature = compute_signature(
        app_key=harness.fake.app_key, app_secret=harness.fake.app_secret, body=raw
    )
    assert fleet.receive_webhook(raw, signature).action == "unknown_shop"
    assert not waiting(fleet)


def test_a_deauthorization_webhook_pauses_every_shop_of_the_grant(harness: Harness) -> None:
    fleet = harness.fleet()
    message = {"message": "Shop_id 1 is deauthorized from your APP by merchant."}
    reply = fleet.receive_webhook(*webhook(harness, 6, 0, message, "d1"))
    assert reply.action == "paused"
    assert {(p.host_id, p.kind) for p in fleet.paused()} == {
        ("shop-0", PauseKind.DEAUTHORIZED),
        ("shop-1", PauseKind.DEAUTHORIZED),
    }
    assert fleet.receive_webhook(*webhook(harness, 1, 1, ORDER, "d2")).action == "paused"
    assert fleet.health().of(GrantStatus.DEAUTHORIZED)[0].host_ids == ("shop-0", "shop-1")


def test_an_expiration_notice_shows_in_the_health_report(harness: Harness) -> None:
    fleet = harness.fleet()
    ends = int((harness.fake.clock.now() + timedelta(days=20)).timestamp())
    data = {"message": "Authorization of shop_id 1 is expiring", "expiration_time": str(ends)}
    assert fleet.receive_webhook(*webhook(harness, 7, 2, data, "e1")).action == "noted"
    (expiring,) = fleet.health().of(GrantStatus.EXPIRING)
    assert expiring.host_ids == ("shop-2",)
    assert expiring.notice_expires_at is not None
    assert int(expiring.notice_expires_at.timestamp()) == ends


def test_a_webhook_the_fleet_cannot_act_on_is_left_for_tiktoks_retry(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiktokshop_sync.postgres import PostgresStoreError

    fleet = harness.fleet()

    def unreachable(*args: object) -> bool:
        raise PostgresStoreError("database unreachable", path="postgres:x")

    monkeypatch.setattr(fleet, "enqueue", unreachable)
    reply = fleet.receive_webhook(*webhook(harness, 1, 0, ORDER, "r1"))
    assert (reply.status, reply.action) == (500, "error")
    monkeypatch.undo()
    # Its key was forgotten: TikTok's retry of the same notification is handled, not dropped.
    assert fleet.receive_webhook(*webhook(harness, 1, 0, ORDER, "r1")).action == "queued"


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture
def served(harness: Harness) -> Iterator[Callable[[Fleet], str]]:
    servers: list[Any] = []

    def serve(fleet: Fleet) -> str:
        server = make_server("127.0.0.1", 0, fleet.wsgi_app, handler_class=_Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/webhooks/tiktok"

    yield serve
    for server in servers:
        server.shutdown()


def test_fakeshops_webhooks_reach_the_wsgi_receiver_and_queue_an_import(
    harness: Harness, served: Callable[[Fleet], str]
) -> None:
    fleet = harness.fleet()
    url = served(fleet)
    assert httpx.get(url).status_code == 405
    harness.fake.deliver_webhooks_to(url)
    (order,) = harness.fake.create_orders(1, harness.fake.shops[2], status="UNPAID")
    harness.fake.pay(order.id)
    assert {d.status for d in harness.fake.webhook_deliveries} == {200}
    (job,) = waiting(fleet)
    assert job.task_kwargs["shop"] == "shop-2"
    drain(fleet)
    assert any(f":{order.id}:" in key for key in harness.oms.deliveries)


def test_a_product_review_webhook_queues_the_shops_publish(harness: Harness) -> None:
    shops = [attrs.evolve(shop, catalog=harness.oms) for shop in harness.shops()]
    fleet = harness.fleet(shops)
    data = {"product_id": "1729592969712207008", "status": "PRODUCT_AUDIT_FAILURE"}
    reply = fleet.receive_webhook(*webhook(harness, 5, 1, data, "p1"))
    assert (reply.action, reply.host_id) == ("queued", "shop-1")
    (job,) = waiting(fleet)
    assert job.task_name == "tiktokshop.publish"
