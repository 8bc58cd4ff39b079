"""The fleet's own tables (paused shops, TikTok's expiration notices, last run per shop and
job) and the task engine's schema, installed once by whichever worker gets there first.

It is a :mod:`tiktokshop_sync.postgres` database with its own migrations: every method is one
short statement or transaction from a pool without prepared statements, and nothing holds a
lock across a call to TikTok.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._core.clock import utc_from_timestamp
from ..postgres._db import Database
from ._health import PauseKind, ShopPause

if TYPE_CHECKING:
    import psycopg

__all__ = ["FLEET_MIGRATIONS", "FleetDatabase", "RunRow"]

#: The fleet's tables, step by step; each step runs once, in one transaction.
FLEET_MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "paused shops, authorization notices, last runs",
        (
            """CREATE TABLE {s}.fleet_pauses (
                host_id text PRIMARY KEY, grant_key text NOT NULL, kind text NOT NULL,
                reason text NOT NULL, paused_at double precision NOT NULL)""",
            "CREATE INDEX fleet_pauses_grant ON {s}.fleet_pauses (grant_key)",
            """CREATE TABLE {s}.fleet_notices (
                host_id text PRIMARY KEY, grant_key text NOT NULL,
                expires_at double precision, received_at double precision NOT NULL)""",
            """CREATE TABLE {s}.fleet_runs (
                host_id text NOT NULL, job text NOT NULL, outcome text NOT NULL,
                detail text NOT NULL DEFAULT '', started_at double precision NOT NULL,
                finished_at double precision NOT NULL, last_success double precision,
                runs bigint NOT NULL DEFAULT 0, failures bigint NOT NULL DEFAULT 0,
                done_tick bigint NOT NULL DEFAULT 0, PRIMARY KEY (host_id, job))""",
        ),
    ),
)

_RECORD_RUN = (
    "INSERT INTO {s}.fleet_runs AS r (host_id, job, outcome, detail, started_at, finished_at,"
    " last_success, runs, failures, done_tick) VALUES (%(host)s, %(job)s, %(outcome)s,"
    " %(detail)s, %(started)s, %(finished)s, CASE WHEN %(ok)s THEN %(finished)s END, 1,"
    " CASE WHEN %(failed)s THEN 1 ELSE 0 END, CASE WHEN %(ok)s THEN %(tick)s ELSE 0 END)"
    " ON CONFLICT (host_id, job) DO UPDATE SET outcome = EXCLUDED.outcome,"
    " detail = EXCLUDED.detail, started_at = EXCLUDED.started_at,"
    " finished_at = EXCLUDED.finished_at,"
    " last_success = coalesce(EXCLUDED.last_success, r.last_success),"
    " runs = r.runs + 1, failures = r.failures + EXCLUDED.failures,"
    " done_tick = GREATEST(r.done_tick, EXCLUDED.done_tick)"
)
_BEFORE_RUN = (
    "SELECT EXISTS (SELECT 1 FROM {s}.fleet_pauses WHERE host_id = %(host)s),"
    " (SELECT done_tick FROM {s}.fleet_runs WHERE host_id = %(host)s AND job = %(job)s)"
)


class RunRow:
    """A row of ``fleet_runs`` as read back (turned into a public value by the fleet)."""

    __slots__ = ("detail", "failures", "finished_at", "host_id", "job", "last_success", "outcome")

    def __init__(self, row: Sequence[Any]) -> None:
        self.host_id, self.job, self.outcome, self.detail = row[0], row[1], row[2], row[3]
        self.finished_at = utc_from_timestamp(row[4])
        self.last_success = None if row[5] is None else utc_from_timestamp(row[5])
        self.failures = int(row[6])


class FleetDatabase(Database):
    """The fleet's tables in ``schema`` (migrated in their own ledger, ``fleet_migrations``)
    and, under the same lock, the task engine's tables when the database has none yet."""

    migrations = FLEET_MIGRATIONS
    ledger = "fleet_migrations"

    def __init__(self, conninfo: str, *, schema: str, engine_schema: str) -> None:
        self._engine_schema = engine_schema
        super().__init__(conninfo, schema=schema, owner="Fleet")

    def _prepare(self, conn: psycopg.Connection[Any]) -> None:
        # The engine's tables are per database, whatever the fleet's schema: one lock for them.
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('tiktokshop:procrastinate'))")
        row = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
        if row is None or row[0] is None:
            conn.execute(self._engine_schema.encode())

    # --- pauses --------------------------------------------------------------------------------

    def pause(self, shops: Iterable[tuple[str, str]], kind: PauseKind, reason: str) -> int:
        """Pause (host_id, grant) pairs; a shop already paused keeps its first reason unless
        this one is TikTok's (a deauthorization or refused refresh outranks a manual pause)."""
        rows = [(host, grant, kind.value, reason, time.time()) for host, grant in shops]
        if not rows:
            return 0
        keep_first = (
            "DO NOTHING"
            if kind is PauseKind.MANUAL
            else (
                "DO UPDATE SET kind = EXCLUDED.kind, reason = EXCLUDED.reason,"
                " paused_at = EXCLUDED.paused_at WHERE p.kind = 'manual'"
            )
        )
        with self.transaction() as conn, conn.cursor() as cur:
            cur.executemany(
                self.sql(
                    "INSERT INTO {s}.fleet_pauses AS p (host_id, grant_key, kind, reason,"
                    f" paused_at) VALUES (%s, %s, %s, %s, %s) ON CONFLICT (host_id) {keep_first}"
                ),
                rows,
            )
        return len(rows)

    def resume(self, *, host_ids: Sequence[str] = (), grant: str | None = None) -> int:
        """Drop the pauses of ``host_ids`` and/or every shop of ``grant``."""
        with self.statement() as conn:
            return conn.execute(
                self.sql("DELETE FROM {s}.fleet_pauses WHERE host_id = ANY(%s) OR grant_key = %s"),
                (list(host_ids), grant),
            ).rowcount

    def pauses(self, host_id: str | None = None) -> list[ShopPause]:
        """Every paused shop (or just ``host_id``)."""
        query = "SELECT host_id, grant_key, kind, reason, paused_at FROM {s}.fleet_pauses"
        args: tuple[str, ...] = ()
        if host_id is not None:
            query += " WHERE host_id = %s"
            args = (host_id,)
        with self.statement() as conn:
            rows = conn.execute(self.sql(query + " ORDER BY host_id"), args).fetchall()
        return [
            ShopPause(
                host_id=r[0],
                grant=r[1],
                kind=PauseKind(r[2]),
                reason=r[3],
                paused_at=utc_from_timestamp(r[4]),
            )
            for r in rows
        ]

    def paused_ids(self) -> set[str]:
        """Host ids of every paused shop (one statement, for a tick's fan-out)."""
        with self.statement() as conn:
            rows = conn.execute(self.sql("SELECT host_id FROM {s}.fleet_pauses")).fetchall()
        return {r[0] for r in rows}

    # --- notices -------------------------------------------------------------------------------

    def notice(self, host_id: str, grant: str, expires_at: datetime | None) -> None:
        """Remember TikTok's latest UPCOMING_AUTHORIZATION_EXPIRATION for a shop."""
        with self.statement() as conn:
            conn.execute(
                self.sql(
                    "INSERT INTO {s}.fleet_notices (host_id, grant_key, expires_at, received_at)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT (host_id) DO UPDATE SET"
                    " grant_key = EXCLUDED.grant_key, expires_at = EXCLUDED.expires_at,"
                    " received_at = EXCLUDED.received_at"
                ),
                (
                    host_id,
                    grant,
                    None if expires_at is None else expires_at.timestamp(),
                    time.time(),
                ),
            )

    def notices(self) -> dict[str, datetime]:
        """The announced expiry per grant (the earliest over its shops)."""
        with self.statement() as conn:
            rows = conn.execute(
                self.sql(
                    "SELECT grant_key, min(expires_at) FROM {s}.fleet_notices"
                    " WHERE expires_at IS NOT NULL GROUP BY grant_key"
                )
            ).fetchall()
        return {r[0]: utc_from_timestamp(r[1]) for r in rows}

    def clear_notices(self, grant: str) -> None:
        """Forget a grant's notices (it was renewed)."""
        with self.statement() as conn:
            conn.execute(self.sql("DELETE FROM {s}.fleet_notices WHERE grant_key = %s"), (grant,))

    # --- runs ----------------------------------------------------------------------------------

    def before_run(self, host_id: str, job: str) -> tuple[bool, int]:
        """In one statement: whether the shop is paused, and the last tick (shop, job) finished."""
        with self.statement() as conn:
            row = conn.execute(self.sql(_BEFORE_RUN), {"host": host_id, "job": job}).fetchone()
        assert row is not None
        return bool(row[0]), int(row[1] or 0)

    def record_run(
        self,
        host_id: str,
        job: str,
        *,
        outcome: str,
        detail: str,
        started: float,
        finished: float,
        ok: bool,
        failed: bool,
        tick: int = 0,
    ) -> None:
        """Upsert the last run of (shop, job), counting runs and failures; a finished run
        remembers its tick, so the tick's run never runs twice."""
        with self.statement() as conn:
            conn.execute(
                self.sql(_RECORD_RUN),
                {
                    "host": host_id,
                    "job": job,
                    "outcome": outcome,
                    "detail": detail[:500],
                    "started": started,
                    "finished": finished,
                    "ok": ok,
                    "failed": failed,
                    "tick": tick,
                },
            )

    def runs(self) -> list[RunRow]:
        """The last run of every (shop, job)."""
        with self.statement() as conn:
            rows = conn.execute(
                self.sql(
                    "SELECT host_id, job, outcome, detail, finished_at, last_success, failures"
                    " FROM {s}.fleet_runs ORDER BY host_id, job"
                )
            ).fetchall()
        return [RunRow(r) for r in rows]

    def close(self) -> None:
        """Close the pool."""
        self.pool.close()
