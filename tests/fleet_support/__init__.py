"""Worker processes for the multi-process tests and the fleet reproductions.

Spawned children import this module by name (``tests`` is on the path), so each worker is a
plain top-level function that builds its own client and stores from picklable arguments and
reports counts on a queue; exceptions never cross the process boundary, only their names.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from datetime import datetime, timezone
from multiprocessing.context import SpawnContext
from typing import Any

from tiktokshop_sync import ReauthorizationRequiredError, TikTokShop, TokenSet
from tiktokshop_sync.testing import FakeClock, FakeShop
from tiktokshop_sync.types.token import TokenGrant

REFRESH_PATH = "/api/v2/token/refresh"


def spawn() -> SpawnContext:
    """The start method every test uses: nothing inherited, the way separate hosts behave."""
    return multiprocessing.get_context("spawn")


def token_set(fake: FakeShop) -> TokenSet:
    """A fresh grant from ``fake`` as the TokenSet a store keeps (read as the client would)."""
    return TokenGrant.model_validate(fake.grant_tokens().to_wire()).to_token_set()


def start_workers(target: Callable[..., None], args: tuple[Any, ...], n: int) -> list[Any]:
    """``n`` spawned processes running ``target(*args)``, started."""
    procs = [spawn().Process(target=target, args=args) for _ in range(n)]
    for proc in procs:
        proc.start()
    return procs


def collect(procs: list[Any], results: Any, timeout: float) -> list[Any]:
    """One result per worker from ``results``, then every worker joined."""
    outcomes = [results.get(timeout=timeout) for _ in procs]
    for proc in procs:
        proc.join(timeout)
    return outcomes


def refreshes(fake: FakeShop) -> int:
    """How many token refreshes the fake answered (successful or refused)."""
    return sum(1 for r in fake.requests if r.path == REFRESH_PATH)


def close(store: Any) -> None:
    """Close a store that holds a connection pool (the PostgreSQL ones)."""
    closer = getattr(store, "close", None)
    if closer is not None:
        closer()


def token_race_worker(
    open_store: Callable[[], Any],
    base_url: str,
    app_key: str,
    app_secret: str,
    grant: str,
    phases: int,
    calls: int,
    barrier: Any,
    results: Any,
) -> None:
    """Call TikTok ``calls`` times per phase; the parent expires the tokens before each phase."""
    counts = {"ok": 0, "reauthorize": 0, "other": 0}
    errors: list[str] = []
    with TikTokShop(
        app_key=app_key,
        app_secret=app_secret,
        base_url=base_url,
        auth_base_url=base_url,
        token_store=open_store(),
    ) as client:
        seller = client.seller(grant)
        for _ in range(phases):
            barrier.wait()
            for _ in range(calls):
                try:
                    seller.shops.authorized()
                    counts["ok"] += 1
                except ReauthorizationRequiredError:
                    counts["reauthorize"] += 1
                except Exception as exc:
                    counts["other"] += 1
                    errors.append(type(exc).__name__)
            barrier.wait()
    results.put((counts, errors[:5]))
    close(client.token_store)


def run_token_race(
    fake: FakeShop,
    open_store: Callable[[], Any],
    *,
    workers: int = 4,
    phases: int = 3,
    calls: int = 20,
    timeout: float = 120.0,
) -> dict[str, Any]:
    """``workers`` processes share one token store across ``phases`` token expiries.

    Returns the refreshes the fake saw and the summed call outcomes of every worker.
    """
    ctx = spawn()
    barrier = ctx.Barrier(workers + 1, timeout=timeout)
    results = ctx.Queue()
    store = open_store()
    grant = token_set(fake)
    store.save(grant.open_id, grant)
    close(store)
    fake.clear_requests()
    started = time.monotonic()
    with fake.serve() as base_url:
        procs = start_workers(
            token_race_worker,
            (
                open_store,
                base_url,
                fake.app_key,
                fake.app_secret,
                grant.open_id,
                phases,
                calls,
                barrier,
                results,
            ),
            workers,
        )
        for _ in range(phases):
            fake.expire_access_tokens()
            barrier.wait()  # the workers start calling on the expired token together
            barrier.wait()  # every worker finished the phase
        outcomes = collect(procs, results, timeout)
    total = {"ok": 0, "reauthorize": 0, "other": 0}
    errors: list[str] = []
    for counts, names in outcomes:
        for key, value in counts.items():
            total[key] += value
        errors.extend(names)
    return {
        "refreshes": refreshes(fake),
        "calls": workers * phases * calls,
        **total,
        "errors": errors,
        "seconds": round(time.monotonic() - started, 2),
    }


def order_import_worker(
    open_state: Callable[[], Any],
    base_url: str,
    app_key: str,
    app_secret: str,
    cipher: str,
    grant: str,
    options: dict[str, Any],
    barrier: Any,
    results: Any,
) -> None:
    """One ``OrderImport.run()`` started together with the others; reports what it delivered."""
    from tiktokshop_sync import AlreadyRunningError
    from tiktokshop_sync.testing import InMemoryOms
    from tiktokshop_sync.workflows import OrderImport

    oms = InMemoryOms()
    state = open_state()
    outcome = "ran"
    with TikTokShop(
        app_key=app_key,
        app_secret=app_secret,
        base_url=base_url,
        auth_base_url=base_url,
        token_store=state.tokens,
    ) as client:
        job = OrderImport(shop=client.shop(cipher, grant=grant), state=state, sink=oms, **options)
        barrier.wait()
        try:
            job.run()
        except AlreadyRunningError:
            outcome = "already running"
    results.put((outcome, list(oms.deliveries)))
    close(state)


def run_overlapping_imports(
    fake: FakeShop,
    open_state: Callable[[], Any],
    *,
    workers: int = 2,
    options: dict[str, Any] | None = None,
    timeout: float = 300.0,
) -> dict[str, Any]:
    """``workers`` processes start ``OrderImport.run()`` together on one state store."""
    ctx = spawn()
    barrier = ctx.Barrier(workers, timeout=timeout)
    results = ctx.Queue()
    state = open_state()
    grant = token_set(fake)
    state.tokens.save(grant.open_id, grant)
    close(state)
    cipher = fake.shops[0].cipher
    started = time.monotonic()
    with fake.serve() as base_url:
        procs = start_workers(
            order_import_worker,
            (
                open_state,
                base_url,
                fake.app_key,
                fake.app_secret,
                cipher,
                grant.open_id,
                options or {},
                barrier,
                results,
            ),
            workers,
        )
        outcomes = collect(procs, results, timeout)
    per_order: dict[str, int] = {}
    for _, delivered in outcomes:
        for key in delivered:
            per_order[key] = per_order.get(key, 0) + 1
    return {
        "orders": len(fake.orders_of()),
        "delivered_per_worker": [len(d) for _, d in outcomes],
        "outcomes": sorted(o for o, _ in outcomes),
        "distinct": len(per_order),
        "delivered_twice": sum(1 for n in per_order.values() if n > 1),
        "seconds": round(time.monotonic() - started, 2),
    }


class WallClock(FakeClock):
    """A FakeClock that follows the real clock, for a fake whose quota refills in real time."""

    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def paced_worker(
    rate_limit: Any,
    base_url: str,
    app_key: str,
    app_secret: str,
    tokens: TokenSet,
    calls: int,
    barrier: Any,
    results: Any,
) -> None:
    """``calls`` calls as fast as ``rate_limit`` (a RateLimit, or a callable opening a shared
    limiter) allows, with no retries: a 429 is counted, never hidden."""
    from tiktokshop_sync import InMemoryTokenStore, RateLimitError

    limiter = rate_limit() if callable(rate_limit) else rate_limit
    limited = ok = 0
    with TikTokShop(
        app_key=app_key,
        app_secret=app_secret,
        base_url=base_url,
        auth_base_url=base_url,
        token_store=InMemoryTokenStore({tokens.open_id: tokens}),
        rate_limit=limiter,
        max_retries=0,
    ) as client:
        seller = client.seller(tokens.open_id)
        barrier.wait()
        for _ in range(calls):
            try:
                seller.shops.authorized()
                ok += 1
            except RateLimitError:
                limited += 1
    close(limiter)
    results.put((ok, limited))


def run_paced_workers(
    rate_limit: Any, *, qps: float, workers: int = 3, calls: int = 20, timeout: float = 120.0
) -> dict[str, Any]:
    """``workers`` processes call one seller's quota (``qps`` at the fake) together."""
    fake = FakeShop(seed=13, clock=WallClock())
    fake.set_rate_limit(qps)
    tokens = token_set(fake)
    ctx = spawn()
    barrier = ctx.Barrier(workers, timeout=timeout)
    results = ctx.Queue()
    with fake.serve() as base_url:
        procs = start_workers(
            paced_worker,
            (
                rate_limit,
                base_url,
                fake.app_key,
                fake.app_secret,
                tokens,
                calls,
                barrier,
                results,
            ),
            workers,
        )
        outcomes = collect(procs, results, timeout)
    times = sorted(r.at.timestamp() for r in fake.requests if r.status == 200)
    busiest = max(
        (sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times)), default=0
    )
    return {
        "ok": sum(o for o, _ in outcomes),
        "rate_limited": sum(n for _, n in outcomes),
        "busiest_second": busiest,
        "seconds": round(times[-1] - times[0], 2) if times else 0.0,
    }
