"""A fleet under load: procrastinate workers in separate processes, many shops on FakeShop
served on loopback, with token expiries, TikTok's 5xx and 429s, a quota, and workers killed
mid-apply. The soak test and the fleet benchmark both run it; only the sizes differ.

Every worker is a spawned process running ``Fleet.run_worker`` with the same registry; the
OMS it writes to is a few PostgreSQL tables (``soak_*``), so what reached the OMS is counted
across processes. A kill is a ticket in ``soak_kills``: the next worker to deliver orders
takes it and SIGKILLs itself at that point (before or after the OMS stored them), as a crash
would; the parent also kills a random worker from outside, and restarts dead workers, as a
supervisor would.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from fleet_support import WallClock, spawn

SCHEMA = "tiktokshop"
REFRESH_PATH = "/api/v2/token/refresh"
TAG = "TikTok Shop接続"
_SHIP_PATH = re.compile(r"^/fulfillment/\d+/(packages/[^/]+/ship|orders/[^/]+/packages)$")


@attrs.frozen(kw_only=True)
class SoakPlan:
    """The sizes and the timeline of one soak (times in seconds of wall clock)."""

    shops: int = 200
    shops_per_seller: int = 2
    workers: int = 4
    concurrency: int = 6
    period: int = 30
    periods: int = 3
    orders_per_shop: int = 2
    new_orders_every: float = 3.0
    new_orders_each: int = 5
    expiries: tuple[int, ...] = (1, 2)
    """Before which ticks (0-based) every access token expires."""
    kills_before_accept: tuple[int, ...] = (0,)
    kills_after_accept: tuple[int, ...] = (0,)
    outside_kills: tuple[int, ...] = (0,)
    """During which ticks the parent SIGKILLs a random worker (mid-period). Kills stay out of
    the ticks that refresh tokens: a worker killed between TikTok rotating a grant's tokens
    and storing them loses that grant for good (the many-shops guide says so)."""
    server_errors: float = 0.02
    injected_429s: float = 0.01
    quota_qps: float = 10.0
    client_qps: float = 8.0
    on_demand: bool = False
    """No schedule: the parent queues every run itself (the benchmark)."""
    seed: int = 20
    drain_timeout: float = 120.0


@attrs.frozen(kw_only=True)
class ShopSpec:
    """What a worker needs to register one shop (picklable)."""

    host_id: str
    shop_id: str
    cipher: str
    grant: str
    warehouse_id: str
    skus: tuple[str, ...]


# --- the OMS, in PostgreSQL ---------------------------------------------------------------------

OMS_TABLES = (
    """CREATE TABLE IF NOT EXISTS soak_orders (
        shop text NOT NULL, order_id text NOT NULL, first_at double precision NOT NULL,
        PRIMARY KEY (shop, order_id))""",
    """CREATE TABLE IF NOT EXISTS soak_deliveries (
        shop text NOT NULL, order_id text NOT NULL, pid integer NOT NULL,
        at double precision NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS soak_shipments (
        shop text NOT NULL, order_id text NOT NULL, tracking text NOT NULL,
        PRIMARY KEY (shop, order_id))""",
    """CREATE TABLE IF NOT EXISTS soak_kills (
        id serial PRIMARY KEY, position text NOT NULL, pid integer)""",
    """CREATE TABLE IF NOT EXISTS soak_runs (
        host_id text NOT NULL, job text NOT NULL, outcome text NOT NULL, tick bigint,
        started double precision NOT NULL, finished double precision NOT NULL,
        pid integer NOT NULL, detail text NOT NULL)""",
)


class SoakOms:
    """The host's OMS for every port of every shop, in PostgreSQL (shared by the workers)."""

    def __init__(self, conninfo: str, specs: Sequence[ShopSpec]) -> None:
        import psycopg_pool

        self.pool = psycopg_pool.ConnectionPool(
            conninfo,
            min_size=1,
            max_size=4,
            kwargs={"autocommit": True, "prepare_threshold": None},
            open=True,
        )
        self.specs = {s.cipher: s for s in specs}
        self.pid = os.getpid()

    def _take_kill(self, position: str) -> None:
        with self.pool.connection() as conn:
            row = conn.execute(
                "UPDATE soak_kills SET pid = %s WHERE id = (SELECT id FROM soak_kills"
                " WHERE pid IS NULL AND position = %s ORDER BY id LIMIT 1"
                " FOR UPDATE SKIP LOCKED) RETURNING id",
                (self.pid, position),
            ).fetchone()
        if row is not None:
            os.kill(os.getpid(), signal.SIGKILL)

    # OrderSink
    def accept(self, orders: Sequence[Any]) -> None:
        self._take_kill("before_accept")
        now = time.time()
        with self.pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO soak_deliveries VALUES (%s, %s, %s, %s)",
                [(o.shop, o.order_id, self.pid, now) for o in orders],
            )
            cur.executemany(
                "INSERT INTO soak_orders VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                [(o.shop, o.order_id, now) for o in orders],
            )
        self._take_kill("after_accept")

    def release(self, releases: Sequence[Any]) -> None:
        return None

    def cancel(self, cancellations: Sequence[Any]) -> None:
        return None

    def cancel_requested(self, requests: Sequence[Any]) -> None:
        return None

    # ShipmentSource, TrackingSink
    def shipments(self, shop: str) -> list[Any]:
        from tiktokshop_sync.workflows import OmsShipment

        with self.pool.connection() as conn:
            rows = conn.execute(
                "SELECT order_id, tracking FROM soak_shipments WHERE shop = %s", (shop,)
            ).fetchall()
        return [
            OmsShipment(order_id=r[0], tracking_number=r[1], ship_date=date(2025, 6, 2))
            for r in rows
        ]

    def tiktok_tracking(self, numbers: Sequence[Any]) -> None:
        return None

    # StockSource, CatalogSource
    def stock_levels(self, shop: str) -> list[Any]:
        from tiktokshop_sync.workflows import StockLevel

        spec = self.specs[shop]
        return [
            StockLevel(seller_sku=sku, location="main", available=10 + n)
            for n, sku in enumerate(spec.skus)
        ]

    def products(self, shop: str) -> list[Any]:
        from tiktokshop_sync.workflows import CatalogProduct, CatalogSku

        return [
            CatalogProduct(
                catalog_id=f"tea-{shop[-6:]}",
                title="有機ほうじ茶 ティーバッグ 20包",
                description="<p>静岡県産</p>",
                category_id="600014",
                image_uris=("tos-maliva-i-hojicha",),
                skus=(
                    CatalogSku(seller_sku=f"TEA-{shop[-6:]}", price=Decimal("1280"), quantity=5),
                ),
                tags=frozenset({TAG}),
            )
        ]

    def record_run(self, run: Any) -> None:
        with self.pool.connection() as conn:
            conn.execute(
                "INSERT INTO soak_runs VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    run.host_id,
                    run.job.value,
                    run.outcome.value,
                    int(run.tick.timestamp()) if run.tick else None,
                    run.started_at.timestamp(),
                    run.finished_at.timestamp(),
                    self.pid,
                    run.detail[:300],
                ),
            )


# --- workers ------------------------------------------------------------------------------------


def fleet_config(plan: SoakPlan) -> Any:
    """Every period scaled down to the soak's: the same code, a faster timeline."""
    from tiktokshop_sync.fleet import FleetConfig, FleetRetryPolicy, FleetSchedule
    from tiktokshop_sync.workflows import LeasePolicy

    every: timedelta | None = None if plan.on_demand else timedelta(seconds=plan.period)
    return FleetConfig(
        schedule=FleetSchedule(
            orders=every,
            cancellations=every,
            shipments=every,
            inventory=every,
            publish=every,
            heartbeat=timedelta(seconds=1),
            stalled_after=timedelta(seconds=3),
            stalled_sweep=timedelta(seconds=2),
        ),
        retry=FleetRetryPolicy(
            attempts=6, base=timedelta(seconds=1), cap=timedelta(seconds=4), jitter=True
        ),
        lease=LeasePolicy(
            ttl=timedelta(seconds=6), wait=timedelta(seconds=8), poll=timedelta(seconds=0.2)
        ),
        registry_refresh=timedelta(seconds=60),
    )


def registry(specs: Sequence[ShopSpec], oms: SoakOms) -> list[Any]:
    """The host's FleetShop list: every port of every shop is the soak OMS."""
    from tiktokshop_sync.domain import FixedCarrier
    from tiktokshop_sync.fleet import FleetShop
    from tiktokshop_sync.workflows import InventoryPolicy, ShipmentPolicy

    carrier = FixedCarrier.from_name("ヤマト運輸B2v6")
    return [
        FleetShop(
            host_id=s.host_id,
            shop_id=s.shop_id,
            cipher=s.cipher,
            grant=s.grant,
            orders=oms,
            cancellations=oms,
            shipments=oms,
            shipment_policy=ShipmentPolicy(carrier=carrier),
            tracking=oms,
            stock=oms,
            inventory_policy=InventoryPolicy(locations={"main": s.warehouse_id}),
            catalog=oms,
        )
        for s in specs
    ]


def open_fleet(
    conninfo: str,
    base_url: str,
    credentials: tuple[str, str],
    specs: Sequence[ShopSpec],
    plan: SoakPlan,
    *,
    record: bool = True,
) -> tuple[Any, Any, Any]:
    """The fleet every process builds the same way: (fleet, state store, oms)."""
    from tiktokshop_sync import RateLimit, TikTokShop
    from tiktokshop_sync.fleet import Fleet
    from tiktokshop_sync.postgres import PostgresRateLimiter, PostgresStateStore

    store = PostgresStateStore(conninfo, schema=SCHEMA)
    pace = PostgresRateLimiter(store.pool, RateLimit(qps=plan.client_qps), schema=SCHEMA)
    client = TikTokShop(
        app_key=credentials[0],
        app_secret=credentials[1],
        base_url=base_url,
        auth_base_url=base_url,
        token_store=store.tokens,
        rate_limit=pace,
        max_retries=3,
    )
    oms = SoakOms(conninfo, specs)
    fleet = Fleet(
        conninfo=conninfo,
        shops=registry(specs, oms),
        client=client,
        state=store,
        config=fleet_config(plan),
        on_run=oms.record_run if record else None,
    )
    return fleet, store, oms


def worker_main(
    conninfo: str,
    base_url: str,
    credentials: tuple[str, str],
    specs: Sequence[ShopSpec],
    plan: SoakPlan,
    name: str,
) -> None:
    """One worker process: run the fleet until SIGTERM."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    fleet, _store, _oms = open_fleet(conninfo, base_url, credentials, specs, plan)
    fleet.run_worker(concurrency=plan.concurrency, name=name)


# --- the parent ---------------------------------------------------------------------------------


def build_fake(plan: SoakPlan) -> tuple[Any, list[ShopSpec], dict[str, Any], dict[str, Any]]:
    """A FakeShop on the wall clock with the plan's sellers and shops, each with orders."""
    from fleet_support import token_set
    from tiktokshop_sync.testing import FakeShop
    from tiktokshop_sync.types.token import TokenGrant

    fake = FakeShop(seed=plan.seed, clock=WallClock())
    sellers = [fake.seller]
    shops = [fake.shops[0]]
    while len(shops) < plan.shops:
        if len(shops) % plan.shops_per_seller == 0:
            sellers.append(fake.add_seller(f"販売者 {len(sellers)}"))
        shops.append(fake.add_shop(f"ショップ {len(shops)}", seller=sellers[-1]))
    tokens = {fake.seller.open_id: token_set(fake)}
    for seller in sellers[1:]:
        grant = fake.grant_tokens(seller)
        tokens[seller.open_id] = TokenGrant.model_validate(grant.to_wire()).to_token_set()
    specs = []
    for n, shop in enumerate(shops):
        seller = sellers[n // plan.shops_per_seller]
        fake.create_orders(plan.orders_per_shop, shop, created_within=timedelta(days=1))
        fake.create_orders(1, shop, status="AWAITING_SHIPMENT", created_within=timedelta(hours=6))
        skus = tuple(p.skus[0].seller_sku for p in fake.products_of(shop)[:3])
        specs.append(
            ShopSpec(
                host_id=f"shop-{n:04d}",
                shop_id=shop.id,
                cipher=shop.cipher,
                grant=seller.open_id,
                warehouse_id=fake.warehouses(shop)[0].id,
                skus=skus,
            )
        )
    return fake, specs, tokens, {seller.open_id: seller for seller in sellers}


def prepare(conninfo: str, fake: Any, specs: Sequence[ShopSpec], tokens: dict[str, Any]) -> None:
    """Tokens in the store, the OMS tables, one shipment per shop to write back."""
    import psycopg

    from tiktokshop_sync.postgres import PostgresStateStore

    with PostgresStateStore(conninfo, schema=SCHEMA) as store:
        for grant, token in tokens.items():
            store.tokens.save(grant, token)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for statement in OMS_TABLES:
            conn.execute(statement)
        for n, spec in enumerate(specs):
            shop = next(s for s in fake.shops if s.cipher == spec.cipher)
            ready = [o for o in fake.orders_of(shop) if o.status == "AWAITING_SHIPMENT"]
            conn.execute(
                "INSERT INTO soak_shipments VALUES (%s, %s, %s)",
                (spec.cipher, ready[0].id, f"4912-{3000 + n // 10000:04d}-{n % 10000:04d}"),
            )


class Workers:
    """The worker processes, restarted when one dies (as a supervisor would)."""

    def __init__(self, args: tuple[Any, ...], count: int) -> None:
        self.args = args
        self.procs: list[Any] = []
        self.started = 0
        self.deaths = 0
        for _ in range(count):
            self._start()

    def _start(self) -> Any:
        self.started += 1
        proc = spawn().Process(
            target=worker_main, args=(*self.args, f"worker-{self.started}"), daemon=True
        )
        proc.start()
        self.procs.append(proc)
        return proc

    def supervise(self) -> None:
        for proc in list(self.procs):
            if not proc.is_alive():
                self.procs.remove(proc)
                self.deaths += 1
                self._start()

    def kill_one(self, rng: random.Random) -> None:
        """SIGKILL a random live worker. A worker that has just killed itself (in apply) and
        is not yet replaced is not a candidate: a second kill of it would be no death."""
        self.supervise()
        victim = rng.choice([proc for proc in self.procs if proc.is_alive()])
        os.kill(victim.pid, signal.SIGKILL)

    def stop(self) -> None:
        for proc in self.procs:
            if proc.is_alive():
                os.kill(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            proc.join(30)
            if proc.is_alive():
                proc.kill()
                proc.join(5)


def _query(conninfo: str, sql: str, args: Sequence[Any] = ()) -> list[Any]:
    import psycopg

    with psycopg.connect(conninfo, autocommit=True) as conn:
        return conn.execute(sql, args).fetchall()


def _statement_count(conninfo: str) -> int | None:
    try:
        rows = _query(conninfo, "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements")
    except Exception:
        return None
    return int(rows[0][0])


@contextlib.contextmanager
def _served(fake: Any) -> Iterator[str]:
    with fake.serve() as base_url:
        yield base_url


def run_soak(conninfo: str, plan: SoakPlan) -> dict[str, Any]:
    """Run the plan; returns what happened, counted from the fake's requests and the OMS."""
    rng = random.Random(plan.seed)
    fake, specs, tokens, sellers = build_fake(plan)
    prepare(conninfo, fake, specs, tokens)
    fake.set_rate_limit(plan.quota_qps)
    fake.inject_faults(
        server_error=plan.server_errors, rate_limit=plan.injected_429s, seed=plan.seed
    )
    fake.clear_requests()
    credentials = (fake.app_key, fake.app_secret)
    timeline: Counter[str] = Counter()
    with _served(fake) as base_url:
        args = (conninfo, base_url, credentials, specs, plan)
        # The fleet's schema first, from one process, so the workers start on a ready queue.
        fleet, store, oms = open_fleet(*args, record=False)
        fleet.install()
        statements_before = _statement_count(conninfo)
        workers = Workers(args, plan.workers)
        started = time.time()
        # The first tick does the one-off work (first imports, publishing, write-backs); the
        # measured ticks start at the first boundary after it finished.
        warm_up = _first_tick(conninfo, workers, started + 120)
        _wait_done(conninfo, workers, warm_up, len(specs) * len(_JOBS), started + 240)
        first_tick = int((time.time() // plan.period + 1) * plan.period)
        timeline["warm-up seconds"] = round(first_tick - started)
        last_tick = first_tick + (plan.periods - 1) * plan.period
        next_orders = time.time() + plan.new_orders_every
        done_events: set[tuple[str, str, int]] = set()

        def once(*event: Any) -> bool:
            if event in done_events:
                return False
            done_events.add(event)
            return True

        try:
            while time.time() < last_tick + plan.period * 0.75:
                now = time.time()
                index = int((now - first_tick) // plan.period)
                into = (now - first_tick) % plan.period
                for tick in plan.expiries:
                    # Just before the tick, so every run of the tick meets an expired token.
                    if index == tick - 1 and into >= plan.period - 2 and once("expiry", "", tick):
                        for grant in sorted({s.grant for s in specs}):
                            fake.expire_access_tokens(sellers[grant])
                        timeline["expiries"] += 1
                for position, ticks in (
                    ("before_accept", plan.kills_before_accept),
                    ("after_accept", plan.kills_after_accept),
                ):
                    for tick in ticks:
                        if index == tick and once("kill", position, tick):
                            _query(
                                conninfo,
                                "INSERT INTO soak_kills (position) VALUES (%s) RETURNING id",
                                (position,),
                            )
                            timeline[f"kill {position}"] += 1
                for tick in plan.outside_kills:
                    if index == tick and into >= plan.period / 3 and once("outside", "", tick):
                        workers.kill_one(rng)
                        timeline["outside kills"] += 1
                if now >= next_orders and now < last_tick:
                    for spec in rng.sample(specs, plan.new_orders_each):
                        shop = next(s for s in fake.shops if s.cipher == spec.cipher)
                        fake.create_orders(1, shop, created_within=timedelta(minutes=1))
                    next_orders += plan.new_orders_every
                    timeline["new orders"] += plan.new_orders_each
                workers.supervise()
                time.sleep(0.2)
            # Drain: every run of the last tick has finished.
            expected = len(specs) * len(_JOBS)
            _wait_done(conninfo, workers, last_tick, expected, time.time() + plan.drain_timeout)
            elapsed = time.time() - started
        finally:
            workers.stop()
            statements_after = _statement_count(conninfo)
            fleet.close()
            store.close()
            oms.pool.close()
    return _summary(
        conninfo,
        fake,
        specs,
        plan,
        first_tick,
        last_tick,
        workers,
        timeline,
        elapsed,
        None
        if statements_before is None or statements_after is None
        else statements_after - statements_before,
    )


def _wait_done(conninfo: str, workers: Workers, tick: int, expected: int, deadline: float) -> bool:
    """Wait until ``expected`` (shop, job) pairs finished their run of ``tick``."""
    while time.time() < deadline:
        workers.supervise()
        rows = _query(
            conninfo,
            "SELECT count(DISTINCT (host_id, job)) FROM soak_runs"
            " WHERE tick = %s AND outcome IN ('done', 'superseded')",
            (tick,),
        )
        if rows[0][0] >= expected:
            return True
        time.sleep(0.5)
    return False


def _first_tick(conninfo: str, workers: Workers, deadline: float) -> int:
    """The first tick the workers ran (the timeline counts from it)."""
    while time.time() < deadline:
        workers.supervise()
        rows = _query(conninfo, "SELECT min(tick) FROM soak_runs WHERE tick IS NOT NULL")
        if rows[0][0] is not None:
            return int(rows[0][0])
        time.sleep(0.3)
    raise TimeoutError("the workers ran no scheduled run within two minutes")


def _importable(fake: Any) -> set[tuple[str, str]]:
    return {
        (shop.cipher, order.id)
        for shop in fake.shops
        for order in fake.orders_of(shop)
        if order.status != "CANCELLED"
    }


def _started_after(runs: list[tuple[int, float]], tick: int) -> bool:
    """Whether the latest of ``runs`` ((tick, started), by tick then start) before ``tick``
    started at or after ``tick``: it was still waiting when ``tick`` came."""
    before = [started for t, started in runs if t < tick]
    return bool(before) and before[-1] >= tick


def _summary(
    conninfo: str,
    fake: Any,
    specs: Sequence[ShopSpec],
    plan: SoakPlan,
    first_tick: int,
    last_tick: int,
    workers: Workers,
    timeline: Counter[str],
    elapsed: float,
    statements: int | None,
) -> dict[str, Any]:
    runs = _query(
        conninfo, "SELECT host_id, job, outcome, tick, detail, started, finished FROM soak_runs"
    )
    finished = ("done", "superseded")
    counted = [r for r in runs if r[2] in finished and r[3] is not None]
    done = Counter((r[0], r[1], r[3]) for r in counted)
    # A worker killed after the fleet recorded a run but before the run reached soak_runs:
    # the retried job finds the tick done (skipped_done), which is the fleet's own record.
    for r in runs:
        if r[2] == "skipped_done" and r[3] is not None and not done[r[0], r[1], r[3]]:
            done[r[0], r[1], r[3]] = 1
    ticks = list(range(first_tick, last_tick + 1, plan.period))
    pairs = [(s.host_id, job) for s in specs for job in _JOBS]
    per_tick = {t: Counter(done.get((h, j, t), 0) for h, j in pairs) for t in ticks}
    # Runs slower than the period (a slow machine): a tick that finds a shop's run of an
    # earlier tick still waiting adds none (the fleet's queueing lock; the many-shops guide),
    # so that run stands for both. A (shop, job) missing from a tick is accounted for only if
    # its run of the latest tick before (measured or not) started at or after this tick.
    earlier: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for r in sorted(counted, key=lambda r: (r[3], r[5])):
        earlier.setdefault((r[0], r[1]), []).append((r[3], r[5]))
    coalesced = [
        (h, j, t)
        for t in ticks
        for h, j in pairs
        if not done.get((h, j, t)) and _started_after(earlier.get((h, j), []), t)
    ]
    missing_runs = sum(c[0] for c in per_tick.values())
    outcomes = Counter(r[2] for r in runs)
    failures = Counter(r[4].split(":")[0] for r in runs if r[2] in ("retrying", "failed"))
    requests = fake.requests
    refreshes = [r for r in requests if r.path == REFRESH_PATH]
    # Injected faults hit refreshes too (the client retries them); TikTok's refusals do not.
    refused_refreshes = [r for r in refreshes if r.fault is None and r.code not in (0, None)]
    answered = [r for r in refreshes if r.fault is None and r.code == 0]
    writes = Counter(
        r.path
        for r in requests
        if r.method == "POST" and r.status == 200 and r.code == 0 and _is_ship(r.path)
    )
    stored = _query(conninfo, "SELECT shop, order_id FROM soak_orders")
    deliveries = _query(conninfo, "SELECT shop, order_id, pid FROM soak_deliveries")
    delivered = Counter((r[0], r[1]) for r in deliveries)
    # A worker killed after the OMS stored a batch but before the import recorded it delivers
    # that batch again on the next run (an upsert by ImportedOrder.key); nothing else may.
    killed_after = {
        r[0] for r in _query(conninfo, "SELECT pid FROM soak_kills WHERE position = 'after_accept'")
    }
    by_killed = {(r[0], r[1]) for r in deliveries if r[2] in killed_after}
    unexplained = [k for k, n in delivered.items() if n > 1 and k not in by_killed]
    wanted = _importable(fake)
    quota_429 = sum(1 for r in requests if r.status == 429 and r.fault is None)
    injected_429 = sum(1 for r in requests if r.fault == "rate_limit")
    shipments = _query(conninfo, "SELECT count(*) FROM soak_shipments")[0][0]
    killed = _query(conninfo, "SELECT count(*) FROM soak_kills WHERE pid IS NOT NULL")[0][0]
    return {
        "shops": len(specs),
        "grants": len({s.grant for s in specs}),
        "ticks": len(ticks),
        "runs_per_tick": {str(t - first_tick): dict(c) for t, c in per_tick.items()},
        "tick_seconds": {
            str(t - first_tick): round(max((r[6] for r in runs if r[3] == t), default=t) - t, 1)
            for t in ticks
        },
        "every_run_once_per_tick": all(c == Counter({1: len(pairs)}) for c in per_tick.values()),
        "coalesced": len(coalesced),
        "every_run_once_per_tick_or_coalesced": missing_runs == len(coalesced)
        and all(set(c) <= {0, 1} for c in per_tick.values()),
        "outcomes": dict(outcomes),
        "failure_kinds": dict(failures),
        "refreshes": len(answered),
        "refresh_attempts": len(refreshes),
        "refused_refreshes": len(refused_refreshes),
        "expiries": timeline["expiries"],
        "reauthorize_errors": sum(1 for r in runs if r[2] == "paused"),
        "rate_limit_errors": failures.get("RateLimitError", 0),
        "quota_429s": quota_429,
        "injected_429s": injected_429,
        "injected_5xx": sum(1 for r in requests if r.fault == "server_error"),
        "requests": len(requests),
        "orders_wanted": len(wanted),
        "orders_stored": len(stored),
        "orders_stored_twice": len(stored) - len(set(map(tuple, stored))),
        "orders_missing": len(wanted - {(r[0], r[1]) for r in stored}),
        "deliveries": sum(delivered.values()),
        "redelivered": sum(1 for n in delivered.values() if n > 1),
        "redelivered_without_a_kill": len(unexplained),
        "shipments": shipments,
        "ship_writes": sum(writes.values()),
        "shipments_written_twice": sum(1 for n in writes.values() if n > 1),
        "kills_in_apply": killed,
        "outside_kills": timeline["outside kills"],
        "worker_deaths": workers.deaths,
        "warm_up_seconds": timeline["warm-up seconds"],
        "new_orders": timeline["new orders"],
        "seconds": round(elapsed, 1),
        "statements": statements,
    }


_JOBS = ("orders", "cancellations", "shipments", "inventory", "publish")


def _is_ship(path: str) -> bool:
    return _SHIP_PATH.match(path) is not None
