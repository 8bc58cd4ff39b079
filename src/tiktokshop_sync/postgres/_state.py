"""Workflow state in PostgreSQL: the StateStore and RunLeases of many workers and machines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from .._core.clock import utc_from_timestamp
from ..workflows.state import (
    MAPPING_COLUMNS,
    OPEN_STATUSES,
    CategoryMappingRecord,
    HoldRecord,
    LedgerEntry,
    PruneResult,
    RunLease,
    aware_cutoff,
    hold_records,
    mapping_key,
    mapping_record,
    mapping_row,
)
from ._db import PostgresStore
from ._tokens import PostgresTokenStore

if TYPE_CHECKING:
    import psycopg_pool

__all__ = ["PostgresStateStore"]

#: See workflows/state.py's statements: a live lease, even the caller's, is only renewed.
_TAKE_LEASE = (
    "INSERT INTO {s}.wf_run_leases AS l (shop, job, holder, acquired_at, expires_at)"
    " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (shop, job) DO UPDATE SET"
    " holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at,"
    " expires_at = EXCLUDED.expires_at"
    " WHERE l.expires_at <= EXCLUDED.acquired_at"
    " RETURNING holder, expires_at"
)
_RENEW_LEASE = (
    "UPDATE {s}.wf_run_leases SET expires_at = %s"
    " WHERE shop = %s AND job = %s AND holder = %s AND expires_at > %s"
    " RETURNING holder, expires_at"
)
_LEASE_ROW = "SELECT holder, expires_at FROM {s}.wf_run_leases WHERE shop = %s AND job = %s"
#: See workflows/state.py's statement: a suggestion never replaces a confirmed row.
_PUT_MAPPING = (
    "INSERT INTO {s}.wf_category_mappings AS m (shop, host_key, host_category, category_id,"
    " version, status, updated_at, path) VALUES (%s, %s, %s, %s, %s, %s, %s, %s::jsonb)"
    " ON CONFLICT (shop, host_key) DO UPDATE SET host_category = EXCLUDED.host_category,"
    " category_id = EXCLUDED.category_id, version = EXCLUDED.version,"
    " status = EXCLUDED.status, updated_at = EXCLUDED.updated_at, path = EXCLUDED.path"
    " WHERE EXCLUDED.status = 'confirmed' OR m.status = 'suggested'"
)
_LEDGER_COLUMNS = "shop, key, kind, status, detail, updated_at"
#: See workflows/state.py's statement: a key is taken by any entry but a stale ``pending`` one.
_CLAIM_LEDGER = (
    f"INSERT INTO {{s}}.wf_ledger AS g ({_LEDGER_COLUMNS})"
    " VALUES (%s, %s, %s, %s, %s::jsonb, %s) ON CONFLICT (shop, key) DO UPDATE SET"
    " kind = EXCLUDED.kind, status = EXCLUDED.status, detail = EXCLUDED.detail,"
    " updated_at = EXCLUDED.updated_at"
    " WHERE g.status = 'pending' AND (g.updated_at IS NULL OR g.updated_at < %s)"
    " RETURNING key"
)


def _ts(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _entry(row: Sequence[Any]) -> LedgerEntry:
    return LedgerEntry(
        shop=row[0],
        key=row[1],
        kind=row[2],
        status=row[3],
        detail=row[4],
        updated_at=None if row[5] is None else utc_from_timestamp(row[5]),
    )


class PostgresStateStore(PostgresStore):
    """A StateStore in PostgreSQL (psycopg 3): workflow state, run leases and, in ``.tokens``,
    seller tokens, shared by every worker on every machine.

    Pass a libpq connection string (the store opens a small pool) or your own
    ``psycopg_pool.ConnectionPool``. Each method is one short transaction, so PgBouncer's
    transaction pooling works. Tables live in ``schema`` (created and migrated on open).
    """

    def __init__(
        self,
        conninfo: str | psycopg_pool.ConnectionPool[Any],
        *,
        schema: str = "public",
        max_connections: int = 4,
    ) -> None:
        self._open(conninfo, schema, max_connections)
        self.schema = schema
        #: Seller tokens, in the same schema and pool.
        self.tokens = PostgresTokenStore._sharing(self._db)
        self._take_lease = self._db.sql(_TAKE_LEASE)
        self._renew_lease = self._db.sql(_RENEW_LEASE)
        self._lease_row = self._db.sql(_LEASE_ROW)
        self._put_mapping = self._db.sql(_PUT_MAPPING)

    @property
    def pool(self) -> psycopg_pool.ConnectionPool[Any]:
        """The connection pool, to share with a PostgresRateLimiter or the webhook dedupe."""
        return self._db.pool

    def _q(self, text: str) -> str:
        return self._db.sql(text)

    def get_cursor(self, shop: str, job: str) -> datetime | None:
        """The cursor of ``job`` for ``shop`` (None before the first run)."""
        with self._db.transaction() as conn:
            row = conn.execute(
                self._q("SELECT value FROM {s}.wf_cursors WHERE shop = %s AND job = %s"),
                (shop, job),
            ).fetchone()
        return None if row is None or row[0] is None else utc_from_timestamp(row[0])

    def set_cursor(self, shop: str, job: str, value: datetime | None) -> None:
        """Move (or clear, with None) the cursor of ``job`` for ``shop``."""
        with self._db.transaction() as conn:
            conn.execute(
                self._q(
                    "INSERT INTO {s}.wf_cursors (shop, job, value) VALUES (%s, %s, %s)"
                    " ON CONFLICT (shop, job) DO UPDATE SET value = EXCLUDED.value"
                ),
                (shop, job, _ts(value)),
            )

    def seen_versions(self, shop: str, order_ids: Sequence[str]) -> dict[str, int]:
        """The last delivered ``update_time`` (Unix seconds) of each known order."""
        if not order_ids:
            return {}
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q(
                    "SELECT order_id, update_time FROM {s}.wf_order_versions"
                    " WHERE shop = %s AND order_id = ANY(%s)"
                ),
                (shop, list(order_ids)),
            ).fetchall()
        return {r[0]: r[1] for r in rows}

    def record_versions(self, shop: str, versions: Iterable[tuple[str, int, str]]) -> None:
        """Remember (order_id, update_time, status) as delivered; a row already holding the
        same version is left as it is (no new row version, no dead tuple to vacuum)."""
        rows = [(shop, oid, ut, status) for oid, ut, status in versions]
        if not rows:
            return
        with self._db.transaction() as conn, conn.cursor() as cur:
            cur.executemany(
                self._q(
                    "INSERT INTO {s}.wf_order_versions AS v VALUES (%s, %s, %s, %s)"
                    " ON CONFLICT (shop, order_id) DO UPDATE SET"
                    " update_time = EXCLUDED.update_time, status = EXCLUDED.status"
                    " WHERE (v.update_time, v.status)"
                    " IS DISTINCT FROM (EXCLUDED.update_time, EXCLUDED.status)"
                ),
                rows,
            )

    def ledger_get(self, shop: str, keys: Sequence[str]) -> dict[str, LedgerEntry]:
        """Ledger entries for ``keys`` that exist."""
        if not keys:
            return {}
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q(
                    f"SELECT {_LEDGER_COLUMNS} FROM {{s}}.wf_ledger"
                    " WHERE shop = %s AND key = ANY(%s)"
                ),
                (shop, list(keys)),
            ).fetchall()
        return {r[1]: _entry(r) for r in rows}

    def ledger_put(self, entry: LedgerEntry) -> None:
        """Insert or replace a ledger entry."""
        self.ledger_put_many([entry])

    def ledger_put_many(self, entries: Sequence[LedgerEntry]) -> None:
        """Insert or replace ledger entries in one transaction (all or none)."""
        if not entries:
            return
        with self._db.transaction() as conn, conn.cursor() as cursor:
            cursor.executemany(
                self._q(
                    f"INSERT INTO {{s}}.wf_ledger ({_LEDGER_COLUMNS})"
                    " VALUES (%s, %s, %s, %s, %s::jsonb, %s) ON CONFLICT (shop, key) DO UPDATE"
                    " SET kind = EXCLUDED.kind, status = EXCLUDED.status,"
                    " detail = EXCLUDED.detail, updated_at = EXCLUDED.updated_at"
                ),
                [_ledger_row(entry) for entry in entries],
            )

    def ledger_pending(self, shop: str, kind: str | None = None) -> list[LedgerEntry]:
        """Entries left ``pending`` (a run stopped between intent and outcome)."""
        query = (
            f"SELECT {_LEDGER_COLUMNS} FROM {{s}}.wf_ledger WHERE shop = %s AND status = 'pending'"
        )
        params: tuple[str, ...] = (shop,)
        if kind is not None:
            query += " AND kind = %s"
            params = (shop, kind)
        with self._db.transaction() as conn:
            rows = conn.execute(self._q(query + " ORDER BY key"), params).fetchall()
        return [_entry(r) for r in rows]

    def ledger_all(self, shop: str) -> list[LedgerEntry]:
        """Every ledger entry of a shop (for reports and tests)."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q(
                    f"SELECT {_LEDGER_COLUMNS} FROM {{s}}.wf_ledger WHERE shop = %s ORDER BY key"
                ),
                (shop,),
            ).fetchall()
        return [_entry(r) for r in rows]

    def holds(
        self,
        shop: str,
        *,
        order_ids: Sequence[str] | None = None,
        due_by: datetime | None = None,
    ) -> list[HoldRecord]:
        """Orders currently held: all, those among ``order_ids``, or those due by ``due_by``."""
        where = "shop = %s"
        args: list[object] = [shop]
        if due_by is not None:
            where += " AND until IS NOT NULL AND until <= %s"
            args.append(_ts(due_by))
        if order_ids is not None:
            where += " AND order_id = ANY(%s)"
            args.append(list(dict.fromkeys(order_ids)))
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q(
                    f"SELECT order_id, until, reason FROM {{s}}.wf_holds WHERE {where}"
                    " ORDER BY order_id, until, reason"
                ),
                args,
            ).fetchall()
        return hold_records(shop, rows)

    def put_holds(self, records: Iterable[HoldRecord]) -> None:
        """Remember that orders are held (one transaction)."""
        rows = [(r.shop, r.order_id, _ts(r.until), r.reason) for r in records]
        if not rows:
            return
        with self._db.transaction() as conn, conn.cursor() as cur:
            cur.executemany(
                self._q(
                    "INSERT INTO {s}.wf_holds VALUES (%s, %s, %s, %s) ON CONFLICT"
                    " (shop, order_id) DO UPDATE SET until = EXCLUDED.until,"
                    " reason = EXCLUDED.reason"
                ),
                rows,
            )

    def drop_holds(self, shop: str, order_ids: Iterable[str]) -> None:
        """Forget holds (released or cancelled orders), in one transaction."""
        ids = list(order_ids)
        if not ids:
            return
        with self._db.transaction() as conn:
            conn.execute(
                self._q("DELETE FROM {s}.wf_holds WHERE shop = %s AND order_id = ANY(%s)"),
                (shop, ids),
            )

    def pushed_quantities(self, shop: str) -> dict[tuple[str, str], int]:
        """Last quantity pushed per (sku_id, warehouse_id)."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q("SELECT sku_id, warehouse_id, quantity FROM {s}.wf_pushed WHERE shop = %s"),
                (shop,),
            ).fetchall()
        return {(r[0], r[1]): r[2] for r in rows}

    def record_pushed(self, shop: str, quantities: Iterable[tuple[str, str, int]]) -> None:
        """Remember quantities pushed as (sku_id, warehouse_id, quantity)."""
        rows = [(shop, sku, wh, qty) for sku, wh, qty in quantities]
        if not rows:
            return
        with self._db.transaction() as conn, conn.cursor() as cur:
            cur.executemany(
                self._q(
                    "INSERT INTO {s}.wf_pushed VALUES (%s, %s, %s, %s) ON CONFLICT"
                    " (shop, sku_id, warehouse_id) DO UPDATE SET quantity = EXCLUDED.quantity"
                ),
                rows,
            )

    def product_links(self, shop: str) -> dict[str, dict[str, Any]]:
        """Catalog product id -> link (TikTok product id, SKU ids, first publish time)."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q("SELECT catalog_id, link FROM {s}.wf_product_links WHERE shop = %s"),
                (shop,),
            ).fetchall()
        return {r[0]: r[1] for r in rows}

    def put_product_link(self, shop: str, catalog_id: str, link: dict[str, Any]) -> None:
        """Insert or replace a product link."""
        with self._db.transaction() as conn:
            conn.execute(
                self._q(
                    "INSERT INTO {s}.wf_product_links VALUES (%s, %s, %s::jsonb)"
                    " ON CONFLICT (shop, catalog_id) DO UPDATE SET link = EXCLUDED.link"
                ),
                (shop, catalog_id, _json(link)),
            )

    def category_mappings(self, shop: str) -> list[CategoryMappingRecord]:
        """Every mapping row of a shop, confirmed and suggested, by host category."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q(
                    f"SELECT {MAPPING_COLUMNS} FROM {{s}}.wf_category_mappings WHERE shop = %s"
                    " ORDER BY host_key"
                ),
                (shop,),
            ).fetchall()
        return [mapping_record(r, r[6]) for r in rows]

    def put_category_mapping(self, record: CategoryMappingRecord) -> None:
        """Insert or replace a row; a suggestion never replaces a confirmed row."""
        row = mapping_row(record)
        with self._db.transaction() as conn:
            conn.execute(self._put_mapping, row)

    def drop_category_mapping(self, shop: str, host_category: str) -> None:
        """Forget a host category's row (confirmed or suggested)."""
        with self._db.transaction() as conn:
            conn.execute(
                self._q("DELETE FROM {s}.wf_category_mappings WHERE shop = %s AND host_key = %s"),
                (shop, mapping_key(host_category)),
            )

    def acquire_lease(
        self, shop: str, job: str, *, holder: str, now: datetime, ttl: timedelta
    ) -> RunLease:
        """Take the run lease of (shop, job) unless a live one exists."""
        with self._db.transaction() as conn:
            row = conn.execute(
                self._take_lease, (shop, job, holder, now.timestamp(), (now + ttl).timestamp())
            ).fetchone()
            if row is None:  # a live lease: the upsert changed nothing
                row = conn.execute(self._lease_row, (shop, job)).fetchone()
        assert row is not None
        return RunLease(shop=shop, job=job, holder=row[0], expires_at=utc_from_timestamp(row[1]))

    def renew_lease(
        self, shop: str, job: str, *, holder: str, now: datetime, ttl: timedelta
    ) -> RunLease | None:
        """Extend ``holder``'s run lease of (shop, job) if it is still live at ``now``."""
        with self._db.transaction() as conn:
            row = conn.execute(
                self._renew_lease,
                ((now + ttl).timestamp(), shop, job, holder, now.timestamp()),
            ).fetchone()
            if row is None:  # lapsed, released or another holder's: the update changed nothing
                row = conn.execute(self._lease_row, (shop, job)).fetchone()
        if row is None:
            return None
        return RunLease(shop=shop, job=job, holder=row[0], expires_at=utc_from_timestamp(row[1]))

    def release_lease(self, shop: str, job: str, *, holder: str) -> None:
        """Drop the run lease of (shop, job) if ``holder`` still holds it."""
        with self._db.transaction() as conn:
            conn.execute(
                self._q(
                    "DELETE FROM {s}.wf_run_leases WHERE shop = %s AND job = %s AND holder = %s"
                ),
                (shop, job, holder),
            )

    def leases(self) -> list[RunLease]:
        """Every run lease row (live or expired), for monitoring."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._q(
                    "SELECT shop, job, holder, expires_at FROM {s}.wf_run_leases ORDER BY shop, job"
                )
            ).fetchall()
        return [
            RunLease(shop=r[0], job=r[1], holder=r[2], expires_at=utc_from_timestamp(r[3]))
            for r in rows
        ]

    def prune(self, *, older_than: datetime) -> PruneResult:
        """Delete order versions, settled ledger rows and expired leases older than the cutoff
        (see :meth:`tiktokshop_sync.workflows.SQLiteStateStore.prune`)."""
        cutoff = aware_cutoff(older_than)
        seconds = int(cutoff.timestamp())
        with self._db.transaction() as conn:
            versions = conn.execute(
                self._q("DELETE FROM {s}.wf_order_versions WHERE update_time < %s"), (seconds,)
            ).rowcount
            ledger = conn.execute(
                self._q("DELETE FROM {s}.wf_ledger WHERE updated_at < %s AND status <> ALL(%s)"),
                (seconds, list(OPEN_STATUSES)),
            ).rowcount
            leases = conn.execute(
                self._q("DELETE FROM {s}.wf_run_leases WHERE expires_at < %s"),
                (cutoff.timestamp(),),
            ).rowcount
        return PruneResult(versions=versions, ledger=ledger, leases=leases)

    def ledger_claim(self, entries: Sequence[LedgerEntry], *, stale_before: datetime) -> set[str]:
        """Write each entry whose key is free (none, or a ``pending`` one written before
        ``stale_before``), in one transaction; returns the keys written."""
        taken: set[str] = set()
        if not entries:
            return taken
        stale, claim = _ts(stale_before), self._q(_CLAIM_LEDGER)
        with self._db.transaction() as conn:
            # Sorted: two claimers of the same keys lock them in one order, never a deadlock.
            for entry in sorted(entries, key=lambda e: (e.shop, e.key)):
                row = conn.execute(
                    claim,
                    (*_ledger_row(entry), stale),
                ).fetchone()
                if row is not None:
                    taken.add(entry.key)
        return taken


def _ledger_row(entry: LedgerEntry) -> tuple[Any, ...]:
    """A ledger row's values, in the order the ledger statements take them."""
    return (
        entry.shop,
        entry.key,
        entry.kind,
        entry.status,
        _json(entry.detail),
        _ts(entry.updated_at),
    )
