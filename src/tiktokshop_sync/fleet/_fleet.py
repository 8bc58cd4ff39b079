"""The fleet: every job of every shop as tasks of procrastinate, a PostgreSQL task queue.

One procrastinate job is one run of one workflow for one shop. Its ``lock`` (``tiktokshop:
<job>:<shop>``) keeps two runs of it from running together and its ``queueing_lock`` keeps at
most one waiting, so a tick or a webhook that finds a run already queued adds nothing. A
periodic tick per job defers the runs of every active shop; procrastinate defers each tick
once however many workers run. Inside a run the workflow still holds its own run lease, so
a run started outside the fleet (the CLI, a script) never overlaps a fleet run.

procrastinate is imported only when a :class:`Fleet` is built: ``import tiktokshop_sync`` and
``import tiktokshop_sync.fleet`` work without the ``fleet`` extra.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import enum
import importlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from .._client import TikTokShop
from .._core.clock import utc_from_timestamp
from .._exceptions import (
    AlreadyRunningError,
    APIConnectionError,
    APIError,
    ConfigurationError,
    ReauthorizationRequiredError,
    StoreError,
    TikTokShopError,
)
from ..workflows import (
    CancellationImport,
    InventoryPush,
    OrderImport,
    ProductPublish,
    ReturnImport,
    ShipmentWriteBack,
    StateStore,
)
from ._db import FleetDatabase
from ._health import AuthorizationReport, PauseKind, ShopPause, grant_health, sort_report
from ._policies import FleetConfig, FleetRetryPolicy, cron_for
from ._shops import FleetShop, JobKind, ShopIndex, ShopRegistry, StaticShops, index_shops

if TYPE_CHECKING:
    import procrastinate
    from procrastinate import jobs as procrastinate_jobs

    from ._webhook import WebhookReply

__all__ = [
    "Fleet",
    "FleetNotInstalledError",
    "FleetRun",
    "JobStatus",
    "RunOutcome",
    "is_transient",
]

logger = logging.getLogger("tiktokshop_sync.fleet")

_PREFIX = "tiktokshop"
_BATCH = 500


class FleetNotInstalledError(TikTokShopError, ImportError):
    """procrastinate (the ``fleet`` extra) is not installed."""


def _procrastinate() -> Any:
    try:
        return importlib.import_module("procrastinate")
    except ImportError as exc:
        raise FleetNotInstalledError(
            "The fleet runs on procrastinate: install it with "
            "`pip install 'tiktokshop-sync[fleet]'` (procrastinate, psycopg 3, psycopg-pool)."
        ) from exc


class RunOutcome(str, enum.Enum):
    """How one run of one job for one shop ended."""

    DONE = "done"
    ALREADY_RUNNING = "already_running"
    """Another run held the shop's lease past the wait: this tick was skipped."""
    SKIPPED_PAUSED = "skipped_paused"
    """The shop is paused: nothing was called."""
    SKIPPED_DONE = "skipped_done"
    """This tick's run already finished (a retried or repeated job): nothing was called."""
    PAUSED = "paused"
    """TikTok refused the seller's refresh token: the grant's shops are paused now."""
    RETRYING = "retrying"
    """A passing failure (network, 5xx, 429, database): retried with backoff."""
    FAILED = "failed"
    """A failure retrying cannot fix (configuration, permission, a bug), or retries ran out."""
    SUPERSEDED = "superseded"
    """Its worker died mid-run and a newer run of the shop's job was already waiting: the
    newer run does the work (it reads from the same cursor and ledger)."""
    NOT_REGISTERED = "not_registered"
    """The shop left the registry, or no longer runs this job."""


@attrs.frozen(kw_only=True)
class FleetRun:
    """One run, as the fleet recorded it and passed it to ``on_run`` (for metrics)."""

    host_id: str
    job: JobKind
    outcome: RunOutcome
    started_at: datetime
    finished_at: datetime
    detail: str
    """The workflow's result, or the error's message (never personal data or tokens)."""
    attempt: int = 0
    tick: datetime | None = None
    """The schedule tick this run belongs to (None: asked for now, by a webhook or a call)."""


@attrs.frozen(kw_only=True)
class JobStatus:
    """The last run of one (shop, job), for monitoring: how it ended and its last success."""

    host_id: str
    job: str
    outcome: RunOutcome
    detail: str
    finished_at: datetime
    last_success: datetime | None
    failures: int

    def late(self, now: datetime, period: timedelta | None) -> bool:
        """Whether no run succeeded within two periods (a shop that stopped syncing)."""
        if period is None:
            return False
        return self.last_success is None or now - self.last_success > 2 * period


def is_transient(error: BaseException) -> bool:
    """Whether running again later may succeed: network errors, TikTok errors marked
    retryable (5xx, 429, malformed replies) and store errors. Authorization, permission and
    configuration errors are not: they need a person."""
    if isinstance(error, ReauthorizationRequiredError | ConfigurationError):
        return False
    if isinstance(error, APIConnectionError | StoreError):
        return True
    return isinstance(error, APIError) and bool(error.retryable)


def _retry_strategy(policy: FleetRetryPolicy) -> Any:
    """A procrastinate retry strategy retrying only transient errors, as ``policy`` says."""
    base = _procrastinate()
    rng = random.Random()

    class TransientRetry(base.BaseRetryStrategy):  # type: ignore[misc, name-defined]
        def get_retry_decision(
            self, *, exception: BaseException, job: procrastinate_jobs.Job
        ) -> procrastinate.RetryDecision | None:
            if not is_transient(exception):
                return None
            wait = policy.delay(job.attempts, rng)
            if wait is None:
                return None
            return base.RetryDecision(  # type: ignore[no-any-return]
                retry_in={"seconds": wait.total_seconds()}
            )

    return TransientRetry()


def lock_of(job: JobKind, host_id: str) -> str:
    """The lock and queueing lock of (job, shop) in the task queue."""
    return f"{_PREFIX}:{job.value}:{host_id}"


class Fleet:
    """Every job of every registered shop, run by procrastinate workers on many machines.

    Build one in every process (worker, webhook receiver, admin script) with the same
    arguments: ``conninfo`` (libpq string of the PostgreSQL holding the queue and the fleet's
    tables), ``shops`` (a :class:`ShopRegistry` or a list of :class:`FleetShop`), the blocking
    ``client`` (its ``token_store``, ``rate_limit`` and clock are the fleet's), the ``state``
    store with run leases, and a :class:`FleetConfig`. ``on_run`` receives each
    :class:`FleetRun` in the worker (metrics); it must not raise.
    """

    def __init__(
        self,
        *,
        conninfo: str,
        shops: ShopRegistry | Iterable[FleetShop],
        client: TikTokShop,
        state: StateStore,
        config: FleetConfig | None = None,
        seen: Any = None,
        on_run: Callable[[FleetRun], None] | None = None,
    ) -> None:
        """``seen`` is the webhook dedupe (``seen_before``/``discard``, e.g.
        ``PostgresSeenNotifications``); by default one in the fleet's schema."""
        engine = _procrastinate()
        self.config = config if config is not None else FleetConfig()
        if not isinstance(self.config, FleetConfig):
            raise ConfigurationError(
                f"Fleet(config=...) must be a FleetConfig, got {type(config).__name__}."
            )
        if not isinstance(client, TikTokShop):
            raise ConfigurationError(
                "Fleet(client=...) must be a blocking TikTokShop: runs execute in worker "
                f"threads; got {type(client).__name__}."
            )
        if not isinstance(conninfo, str) or not conninfo.strip():
            raise ConfigurationError(
                "Fleet(conninfo=...) must be a libpq connection string, e.g. "
                "'host=/run/postgresql dbname=oms'."
            )
        self.registry: ShopRegistry = (
            shops if isinstance(shops, ShopRegistry) else StaticShops(shops)
        )
        self.client = client
        self.state = state
        self.on_run = on_run
        self._seen = seen
        self._lock = threading.Lock()
        self._index = index_shops(self.registry.shops())  # refuses duplicates at start
        self._indexed_at = time.monotonic()
        self._db = FleetDatabase(
            conninfo,
            schema=self.config.schema,
            engine_schema=engine.schema.SchemaManager.get_schema(),
        )
        self.app: procrastinate.App = engine.App(
            connector=engine.PsycopgConnector(conninfo=conninfo),
        )
        self._opened = False
        self._in_worker = False  # a worker's open async pool serves synchronous calls too
        self._register(engine)

    # --- tasks ---------------------------------------------------------------------------------

    def _register(self, engine: Any) -> None:
        config = self.config
        retry = _retry_strategy(config.retry)
        self._tasks: dict[JobKind, Any] = {}
        for kind in JobKind:

            def run(context: Any, shop: str, tick: int = 0, kind: JobKind = kind) -> str:
                return self._run(kind, shop, context.job.attempts, tick).value

            self._tasks[kind] = self.app.task(
                name=f"{_PREFIX}.{kind.value}",
                queue=config.queue,
                retry=retry,
                pass_context=True,
            )(run)
            period = config.schedule.every(kind)
            if period is None:
                continue

            def tick(timestamp: int, kind: JobKind = kind) -> int:
                return self.fan_out(kind, tick=timestamp)

            task = self.app.task(
                name=f"{_PREFIX}.tick.{kind.value}",
                queue=config.queue,
                queueing_lock=f"{_PREFIX}:tick:{kind.value}",
                priority=config.priority + 1,
            )(tick)
            self.app.periodic(cron=cron_for(period), periodic_id=kind.value)(task)

        async def sweep(timestamp: int) -> int:
            return await self._retry_stalled()

        sweeper = self.app.task(
            name=f"{_PREFIX}.sweep_stalled",
            queue=config.queue,
            queueing_lock=f"{_PREFIX}:sweep_stalled",
            priority=config.priority + 1,
        )(sweep)
        self.app.periodic(cron=cron_for(config.schedule.stalled_sweep), periodic_id="sweep")(
            sweeper
        )

    async def _retry_stalled(self) -> int:
        """Put back the runs of workers that stopped sending heartbeats (killed, frozen)."""
        engine = _procrastinate()
        manager = self.app.job_manager
        stalled = await manager.get_stalled_jobs(
            queue=self.config.queue,
            seconds_since_heartbeat=self.config.schedule.stalled_after.total_seconds(),
        )
        count = 0
        for job in stalled:
            try:
                await manager.retry_job(job)
            except engine.exceptions.UniqueViolation:
                # A newer run of this shop's job waits already (same queueing lock): it does
                # the work, so the dead worker's run ends here instead of running twice.
                await manager.finish_job(job, engine.jobs.Status.ABORTED, delete_job=False)
                shop, tick = job.task_kwargs.get("shop"), job.task_kwargs.get("tick")
                kind = job.task_name.rpartition(".")[2]
                done = 0
                if isinstance(shop, str) and kind in {k.value for k in JobKind}:
                    _paused, done = await asyncio.to_thread(self._db.before_run, shop, kind)
                if (
                    isinstance(shop, str)
                    and kind in {k.value for k in JobKind}
                    and not (
                        isinstance(tick, int)
                        and 0 < tick <= done  # it finished before its worker died
                    )
                ):
                    now = time.time()
                    await asyncio.to_thread(
                        self._record,
                        shop,
                        JobKind(kind),
                        RunOutcome.SUPERSEDED,
                        "its worker stopped; a newer run was already queued",
                        now,
                        job.attempts,
                        tick if isinstance(tick, int) else 0,
                    )
                logger.warning("run %s of a stalled worker is superseded", job.call_string)
            else:
                logger.warning("run %s of a stalled worker is queued again", job.call_string)
            count += 1
        return count

    def _run(self, kind: JobKind, host_id: str, attempt: int, tick: int) -> RunOutcome:
        started = time.time()
        shop = self.shop(host_id)
        detail = ""
        failure: BaseException | None = None
        paused, done_tick = self._db.before_run(host_id, kind.value)
        if shop is None or kind not in shop.jobs:
            outcome = RunOutcome.NOT_REGISTERED
            detail = f"shop {host_id!r} does not run {kind.value} (any more)"
        elif paused:
            outcome = RunOutcome.SKIPPED_PAUSED
        elif tick and tick <= done_tick:
            outcome = RunOutcome.SKIPPED_DONE
        else:
            try:
                result = self._workflow(kind, shop).run()
            except AlreadyRunningError as error:
                outcome, detail = RunOutcome.ALREADY_RUNNING, str(error)
            except ReauthorizationRequiredError as error:
                self._pause_grant(shop.grant, PauseKind.REAUTHORIZE, str(error))
                outcome, detail = RunOutcome.PAUSED, str(error)
            except Exception as error:
                retried = is_transient(error) and self.config.retry.delay(attempt) is not None
                outcome = RunOutcome.RETRYING if retried else RunOutcome.FAILED
                detail, failure = f"{type(error).__name__}: {error}", error
            else:
                outcome, detail = RunOutcome.DONE, repr(result)
        self._record(host_id, kind, outcome, detail, started, attempt, tick)
        if failure is not None:
            raise failure
        return outcome

    def _record(
        self,
        host_id: str,
        kind: JobKind,
        outcome: RunOutcome,
        detail: str,
        started: float,
        attempt: int,
        tick: int,
    ) -> None:
        finished = time.time()
        failed = outcome in (RunOutcome.RETRYING, RunOutcome.FAILED, RunOutcome.PAUSED)
        try:
            self._db.record_run(
                host_id,
                kind.value,
                outcome=outcome.value,
                detail=detail,
                started=started,
                finished=finished,
                ok=outcome is RunOutcome.DONE,
                failed=failed,
                tick=tick,
            )
        except StoreError as error:  # monitoring must not turn a finished run into a failure
            logger.warning("could not record the %s run of shop %s: %s", kind.value, host_id, error)
        level = logging.WARNING if failed else logging.INFO
        logger.log(level, "%s for shop %s: %s %s", kind.value, host_id, outcome.value, detail)
        if self.on_run is not None:
            run = FleetRun(
                host_id=host_id,
                job=kind,
                outcome=outcome,
                started_at=utc_from_timestamp(started),
                finished_at=utc_from_timestamp(finished),
                detail=detail,
                attempt=attempt,
                tick=utc_from_timestamp(tick) if tick else None,
            )
            try:
                self.on_run(run)
            except Exception:
                logger.exception("on_run raised for the %s run of shop %s", kind.value, host_id)

    def _workflow(
        self, kind: JobKind, shop: FleetShop
    ) -> (
        OrderImport
        | CancellationImport
        | ShipmentWriteBack
        | InventoryPush
        | ProductPublish
        | ReturnImport
    ):
        view = self.client.shop(shop.cipher, grant=shop.grant)
        lease = self.config.lease
        if kind is JobKind.ORDERS:
            assert shop.orders is not None
            return OrderImport(
                shop=view, state=self.state, sink=shop.orders, policy=shop.order_policy, lease=lease
            )
        if kind is JobKind.CANCELLATIONS:
            assert shop.cancellations is not None
            return CancellationImport(
                shop=view, state=self.state, sink=shop.cancellations, lease=lease
            )
        if kind is JobKind.SHIPMENTS:
            assert shop.shipments is not None
            return ShipmentWriteBack(
                shop=view,
                state=self.state,
                source=shop.shipments,
                policy=shop.shipment_policy,
                lease=lease,
                tracking_sink=shop.tracking,
            )
        if kind is JobKind.INVENTORY:
            assert shop.stock is not None and shop.inventory_policy is not None
            return InventoryPush(
                shop=view,
                state=self.state,
                source=shop.stock,
                policy=shop.inventory_policy,
                lease=lease,
            )
        if kind is JobKind.RETURNS:
            assert shop.returns is not None
            return ReturnImport(
                shop=view,
                state=self.state,
                sink=shop.returns,
                policy=shop.return_policy,
                lease=lease,
            )
        assert shop.catalog is not None
        return ProductPublish(
            shop=view,
            state=self.state,
            source=shop.catalog,
            policy=shop.publish_policy,
            mappings=shop.listing_mappings,
            images=shop.images,
            states=shop.listing_states,
            lease=lease,
        )

    # --- the registry --------------------------------------------------------------------------

    def shops(self, *, refresh: bool = False) -> ShopIndex:
        """The registry as last read (read again when older than ``registry_refresh``)."""
        with self._lock:
            age = time.monotonic() - self._indexed_at
            stale = age > self.config.registry_refresh.total_seconds()
            if refresh or stale:
                self._index = index_shops(self.registry.shops())
                self._indexed_at = time.monotonic()
            return self._index

    def shop(self, host_id: str) -> FleetShop | None:
        """The registered shop ``host_id`` (the registry is read again on a miss)."""
        found = self.shops().by_host.get(host_id)
        return found if found is not None else self.shops(refresh=True).by_host.get(host_id)

    def shop_by_tiktok_id(self, shop_id: str) -> FleetShop | None:
        """The registered shop with TikTok's ``shop_id`` (as webhooks name it)."""
        found = self.shops().by_shop_id.get(shop_id)
        return found if found is not None else self.shops(refresh=True).by_shop_id.get(shop_id)

    # --- queueing ------------------------------------------------------------------------------

    def _ensure_open(self) -> None:
        with self._lock:
            if not self._opened and not self._in_worker:
                self.app.open()
                self._opened = True

    def open(self) -> Fleet:
        """Open the task queue for queueing from this process (a webhook receiver, a script);
        done on first use. A worker opens its own."""
        self._ensure_open()
        return self

    def _deferred(
        self, kind: JobKind, host_id: str, priority: int, tick: int = 0
    ) -> procrastinate_jobs.Job:
        lock = lock_of(kind, host_id)
        deferrer = self._tasks[kind].configure(
            lock=lock,
            queueing_lock=lock,
            priority=priority,
            task_kwargs={"shop": host_id, "tick": tick},
        )
        job: procrastinate_jobs.Job = deferrer.job
        return job

    def fan_out(self, kind: JobKind, *, tick: int = 0) -> int:
        """Queue a run of ``kind`` for every active shop that has none waiting; returns how
        many were queued (what each scheduled tick does, with its Unix ``tick``)."""
        index = self.shops(refresh=True)
        paused = self._db.paused_ids()
        engine = _procrastinate()
        self._ensure_open()
        manager = self.app.job_manager
        name = f"{_PREFIX}.{kind.value}"
        waiting = {
            job.queueing_lock
            for job in manager.list_jobs(task=name, status="todo", queue=self.config.queue)
        }
        wanted = [
            self._deferred(kind, shop.host_id, 0, tick)
            for shop in index.by_host.values()
            if kind in shop.jobs and shop.host_id not in paused
        ]
        fresh = [job for job in wanted if job.queueing_lock not in waiting]
        queued = 0
        for start in range(0, len(fresh), _BATCH):
            chunk = fresh[start : start + _BATCH]
            try:
                manager.batch_defer_jobs(chunk)
                queued += len(chunk)
            except engine.exceptions.AlreadyEnqueued:  # one was queued meanwhile: one by one
                for job in chunk:
                    try:
                        manager.defer_job(job)
                        queued += 1
                    except engine.exceptions.AlreadyEnqueued:
                        pass
        logger.info("%s tick: %d run(s) queued, %d paused", kind.value, queued, len(paused))
        return queued

    def enqueue(self, kind: JobKind, host_id: str) -> bool:
        """Queue a run of ``kind`` for shop ``host_id`` now, ahead of scheduled runs. A
        scheduled run already waiting for the shop is moved ahead instead (it sees the same
        changes). False if a run asked for now already waits, the shop is paused, or it does
        not run ``kind``."""
        shop = self.shop(host_id)
        if shop is None or kind not in shop.jobs or self._db.pauses(host_id):
            return False
        self._ensure_open()
        priority = self.config.priority
        manager = self.app.job_manager
        engine = _procrastinate()
        try:
            manager.defer_job(self._deferred(kind, host_id, priority))
        except engine.exceptions.AlreadyEnqueued:
            pass
        else:
            return True
        # A scheduled run waits at priority 0 behind every other shop's: replace it with the
        # same run (same tick) at this priority, unless it waits out a retry's backoff.
        for job in manager.list_jobs(queueing_lock=lock_of(kind, host_id), status="todo"):
            if job.priority >= priority or job.attempts or job.id is None:
                continue
            if not manager.cancel_job_by_id(job.id, delete_job=True):
                continue  # a worker took it meanwhile
            tick = job.task_kwargs.get("tick")
            try:
                manager.defer_job(
                    self._deferred(kind, host_id, priority, tick if isinstance(tick, int) else 0)
                )
            except engine.exceptions.AlreadyEnqueued:
                return False
            return True
        return False

    def import_orders_now(self, host_id: str) -> bool:
        """Queue an order import for the shop now (what an order webhook does)."""
        return self.enqueue(JobKind.ORDERS, host_id)

    def stock_changed(self, host_id: str) -> bool:
        """The host's stock changed for this shop: push inventory now (deduplicated)."""
        return self.enqueue(JobKind.INVENTORY, host_id)

    # --- pauses and health ---------------------------------------------------------------------

    def _pause_grant(self, grant: str, kind: PauseKind, reason: str) -> int:
        shops = [(s.host_id, s.grant) for s in self.shops().of_grant(grant)]
        paused = self._db.pause(shops, kind, reason)
        logger.warning("paused %d shop(s) of grant %s: %s", paused, grant, reason)
        return paused

    def pause(self, host_id: str, reason: str) -> None:
        """Pause a shop: its scheduled, webhook and queued runs are skipped until resumed."""
        shop = self.shop(host_id)
        if shop is None:
            raise ConfigurationError(f"shop {host_id!r} is not in the fleet's registry.")
        self._db.pause([(shop.host_id, shop.grant)], PauseKind.MANUAL, reason or "paused")

    def resume(self, host_id: str) -> bool:
        """Resume a paused shop; False if it was not paused."""
        return self._db.resume(host_ids=[host_id]) > 0

    def resume_grant(self, grant: str) -> int:
        """Resume every shop of ``grant`` (after the owner authorized the app again) and forget
        TikTok's expiration notices for it; returns how many shops were paused."""
        self._db.clear_notices(grant)
        return self._db.resume(grant=grant)

    def paused(self) -> list[ShopPause]:
        """Every paused shop, with its reason."""
        return self._db.pauses()

    def note_expiration(self, host_id: str, expires_at: datetime | None) -> None:
        """Remember that TikTok announced the shop's authorization ends at ``expires_at``."""
        shop = self.shop(host_id)
        if shop is not None:
            self._db.notice(shop.host_id, shop.grant, expires_at)

    def deauthorized(self, host_id: str, reason: str) -> int:
        """The seller removed the app: pause every shop of its grant (its tokens are gone)."""
        shop = self.shop(host_id)
        if shop is None:
            return 0
        return self._pause_grant(shop.grant, PauseKind.DEAUTHORIZED, reason)

    def health(self, now: datetime | None = None) -> AuthorizationReport:
        """Every grant's authorization: expiring within ``config.expiry_warning`` (from the
        stored refresh token or TikTok's notice), to re-authorize, deauthorized, paused."""
        moment = now if now is not None else self.client.clock.now()
        index = self.shops(refresh=True)
        pauses: dict[str, list[ShopPause]] = {}
        for pause in self._db.pauses():
            pauses.setdefault(pause.grant, []).append(pause)
        notices = self._db.notices()
        by_grant: dict[str, list[str]] = {}
        for shop in index.by_host.values():
            by_grant.setdefault(shop.grant, []).append(shop.host_id)
        store = self.client.token_store
        report = []
        for grant, host_ids in by_grant.items():
            tokens = store.load(grant) if store is not None else None
            report.append(
                grant_health(
                    grant=grant,
                    host_ids=sorted(host_ids),
                    refresh_token_expires_at=tokens.refresh_token_expires_at if tokens else None,
                    notice_expires_at=notices.get(grant),
                    pauses=pauses.get(grant, []),
                    now=moment,
                    within=self.config.expiry_warning,
                )
            )
        return AuthorizationReport(checked_at=moment, grants=sort_report(report))

    def status(self) -> list[JobStatus]:
        """The last run of every (shop, job) the fleet ran."""
        return [
            JobStatus(
                host_id=row.host_id,
                job=row.job,
                outcome=RunOutcome(row.outcome),
                detail=row.detail,
                finished_at=row.finished_at,
                last_success=row.last_success,
                failures=row.failures,
            )
            for row in self._db.runs()
        ]

    # --- webhooks ------------------------------------------------------------------------------

    def receive_webhook(self, body: bytes, headers: Mapping[str, str] | str | None) -> WebhookReply:
        """Verify, dedupe and act on one webhook POST; reply with the returned status and an
        empty body within TikTok's 3 seconds (see :mod:`~tiktokshop_sync.fleet`'s guide)."""
        from ._webhook import receive

        return receive(self, body, headers)

    def wsgi_app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        """The webhook receiver as a WSGI application (mount it at your webhook URL)."""
        from ._webhook import wsgi

        return wsgi(self, environ, start_response)

    # --- running -------------------------------------------------------------------------------

    def install(self) -> None:
        """Create or upgrade the task queue's tables (if absent) and the fleet's; done when a
        fleet is built, safe from every worker at once."""
        self._db.migrate()

    def run_worker(
        self,
        *,
        concurrency: int = 8,
        wait: bool = True,
        name: str | None = None,
        install: bool = True,
        **options: Any,
    ) -> None:
        """Run a worker in this process until stopped (SIGINT/SIGTERM finish running jobs);
        ``concurrency`` runs execute at once, each in its own thread. ``wait=False`` returns
        once the queue is empty (tests, one-off catch-up). Other keywords go to procrastinate's
        ``run_worker``."""
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise ConfigurationError(
                f"concurrency must be a whole number from 1, got {concurrency!r}."
            )
        if install:
            self.install()
        asyncio.run(self._work(concurrency=concurrency, wait=wait, name=name, options=options))

    async def _work(
        self, *, concurrency: int, wait: bool, name: str | None, options: dict[str, Any]
    ) -> None:
        loop = asyncio.get_running_loop()
        pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=concurrency + 2, thread_name_prefix="tiktokshop-fleet"
        )
        loop.set_default_executor(pool)
        schedule = self.config.schedule
        settings: dict[str, Any] = {
            "queues": [self.config.queue],
            "concurrency": concurrency,
            "wait": wait,
            "update_heartbeat_interval": schedule.heartbeat.total_seconds(),
            "stalled_worker_timeout": schedule.stalled_after.total_seconds(),
            "delete_jobs": "successful",
            **options,
        }
        if name is not None:
            settings["name"] = name
        try:
            async with self.app.open_async():  # closes a synchronous pool opened before
                self._opened, self._in_worker = False, True
                try:
                    await self.app.run_worker_async(**settings)
                finally:
                    self._in_worker = False
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Close the fleet's connections (not the client's or the state store's)."""
        if self._opened:
            self.app.close()
            self._opened = False
        self._db.close()

    def __enter__(self) -> Fleet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"Fleet(shops={len(self._index.by_host)}, queue={self.config.queue!r}, "
            f"schema={self.config.schema!r})"
        )
