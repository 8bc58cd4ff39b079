"""Durable workflow state: cursors, the applied-action ledger, holds, pushed stock, product links,
and the host's category mapping for publishing.

The embedded default is one SQLite file (stdlib ``sqlite3``, WAL mode, created 0600) that also
holds the seller tokens, so one path is all a host configures; its schema is versioned
(``PRAGMA user_version``) and migrated when a store opens it. Each method is one short
transaction, so threads and processes on one machine may share the file. That alone does not
stop two runs of one job for one shop from overlapping (both would deliver the same orders):
the run lease does (:class:`RunLeases`, taken by every workflow's ``run()`` and ``apply()``).
Several machines share :mod:`tiktokshop_sync.postgres` instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol, runtime_checkable

import attrs

from .._core.clock import utc_from_timestamp
from .._core.migrations import prepare_sqlite
from .._core.sqlite import Database
from .._core.tabular import Tabular
from .._core.tokens import shared_token_store
from .._exceptions import ConfigurationError
from ..domain._text import fold

__all__ = [
    "ActionStatus",
    "BatchLedger",
    "CategoryMappingRecord",
    "CategoryMappingStatus",
    "CategoryMappingStore",
    "HoldRecord",
    "LedgerClaims",
    "LedgerEntry",
    "PruneResult",
    "RunLease",
    "RunLeases",
    "SQLiteStateStore",
    "StateStore",
]

#: Where a write stands in the ledger; ``unknown``: sent but its reply was lost, so it is read
#: back from TikTok before being written again.
ActionStatus = Literal["pending", "done", "failed", "skipped", "unknown"]


@attrs.frozen(kw_only=True)
class LedgerEntry:
    """One action a workflow decided to take, and how far it got.

    ``pending`` is written *before* the TikTok call (intent), ``done`` after it: a crash in
    between leaves ``pending``, which the next run reconciles against TikTok instead of
    repeating blindly. ``unknown`` means the request reached TikTok but its reply was lost: it
    may have been applied, and the next run reads it back before deciding to write again.
    """

    shop: str
    key: str
    kind: str
    status: ActionStatus
    detail: dict[str, Any] = attrs.field(factory=dict)
    updated_at: datetime | None = None


def cancelled_order_key(order_id: str) -> str:
    """Ledger key shared by the order and cancellation imports: an order is cancelled once."""
    return f"order-cancelled:{order_id}"


@attrs.frozen(kw_only=True)
class HoldRecord:
    """An order delivered to the OMS as held (入金待ち), waiting for its release."""

    shop: str
    order_id: str
    until: datetime | None
    reason: str


CategoryMappingStatus = Literal["confirmed", "suggested"]


def _mapping_status(_inst: object, _attr: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("confirmed", "suggested"):
        raise ConfigurationError(
            f"CategoryMappingRecord.status must be 'confirmed' (the host chose it) or "
            f"'suggested' (TikTok's recommendation, not used until confirmed), got {value!r}."
        )


def _mapping_text(_inst: object, attr: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ConfigurationError(
            f"CategoryMappingRecord.{attr.name} must be non-empty text, got {value!r}."
        )


def _mapping_version(_inst: object, _attr: attrs.Attribute[Any], value: Any) -> None:
    if value not in ("v1", "v2"):
        raise ConfigurationError(
            f"CategoryMappingRecord.version must be TikTok's category tree 'v1' or 'v2', "
            f"got {value!r}."
        )


def _names(value: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(name) for name in value)


@attrs.frozen(kw_only=True)
class CategoryMappingRecord:
    """One host category's TikTok leaf category, as the state store keeps it.

    ``confirmed`` rows are the host's mapping and publish uses them; ``suggested`` rows are
    TikTok's Recommend Category answer for an unmapped host category, kept so it is asked
    once, and never used until the host confirms it. Host categories match ignoring width,
    case and spaces (one row per host category).
    """

    shop: str
    host_category: str = attrs.field(validator=_mapping_text)
    category_id: str = attrs.field(validator=_mapping_text)
    version: str = attrs.field(default="v2", validator=_mapping_version)
    status: CategoryMappingStatus = attrs.field(default="confirmed", validator=_mapping_status)
    path: tuple[str, ...] = attrs.field(default=(), converter=_names)
    """TikTok's category names from the root (known for suggestions)."""
    updated_at: datetime | None = None

    @property
    def host_key(self) -> str:
        """The row's key: the host category folded (width, case and spaces ignored)."""
        return mapping_key(self.host_category)


@runtime_checkable
class CategoryMappingStore(Protocol):
    """The host's category mapping kept in the state store; optional for host stores.

    Both stores of this package implement it; a store without these methods publishes with
    the mappings passed to the job only.
    """

    def category_mappings(self, shop: str) -> list[CategoryMappingRecord]:
        """Every mapping row of a shop, confirmed and suggested, by host category."""
        ...

    def put_category_mapping(self, record: CategoryMappingRecord) -> None:
        """Insert or replace a row; a suggestion never replaces a confirmed row."""
        ...

    def drop_category_mapping(self, shop: str, host_category: str) -> None:
        """Forget a host category's row (confirmed or suggested)."""
        ...


@runtime_checkable
class StateStore(Protocol):
    """What workflows persist; implement it to keep state in the host's own database."""

    def get_cursor(self, shop: str, job: str) -> datetime | None:
        """The cursor of ``job`` for ``shop`` (None before the first run)."""
        ...

    def set_cursor(self, shop: str, job: str, value: datetime | None) -> None:
        """Move (or clear, with None) the cursor of ``job`` for ``shop``."""
        ...

    def seen_versions(self, shop: str, order_ids: Sequence[str]) -> dict[str, int]:
        """The last delivered ``update_time`` (Unix seconds) of each known order."""
        ...

    def record_versions(self, shop: str, versions: Iterable[tuple[str, int, str]]) -> None:
        """Remember (order_id, update_time, status) as delivered."""
        ...

    def ledger_get(self, shop: str, keys: Sequence[str]) -> dict[str, LedgerEntry]:
        """Ledger entries for ``keys`` that exist."""
        ...

    def ledger_put(self, entry: LedgerEntry) -> None:
        """Insert or replace a ledger entry."""
        ...

    def ledger_pending(self, shop: str, kind: str | None = None) -> list[LedgerEntry]:
        """Entries left ``pending`` (a run stopped between intent and outcome)."""
        ...

    def holds(
        self,
        shop: str,
        *,
        order_ids: Sequence[str] | None = None,
        due_by: datetime | None = None,
    ) -> list[HoldRecord]:
        """Orders currently held: all, those among ``order_ids``, or those due by ``due_by``.

        ``due_by`` keeps the holds whose ``until`` is set and not later than it; both filters
        may be combined. Import runs use them so one batch never reads every hold.
        """
        ...

    def put_holds(self, records: Iterable[HoldRecord]) -> None:
        """Remember that orders are held (one transaction)."""
        ...

    def drop_holds(self, shop: str, order_ids: Iterable[str]) -> None:
        """Forget holds (released or cancelled orders), in one transaction."""
        ...

    def pushed_quantities(self, shop: str) -> dict[tuple[str, str], int]:
        """Last quantity pushed per (sku_id, warehouse_id)."""
        ...

    def record_pushed(self, shop: str, quantities: Iterable[tuple[str, str, int]]) -> None:
        """Remember quantities pushed as (sku_id, warehouse_id, quantity)."""
        ...

    def product_links(self, shop: str) -> dict[str, dict[str, Any]]:
        """Catalog product id -> link (TikTok product id, SKU ids, first publish time)."""
        ...

    def put_product_link(self, shop: str, catalog_id: str, link: dict[str, Any]) -> None:
        """Insert or replace a product link."""
        ...


@attrs.frozen(kw_only=True)
class RunLease:
    """Who runs ``job`` for ``shop`` and until when: a row that expires, so the run of a worker
    that crashed is taken over once its lease runs out."""

    shop: str
    job: str
    holder: str
    expires_at: datetime

    def held_by(self, holder: str) -> bool:
        """Whether ``holder`` holds this lease."""
        return self.holder == holder


@runtime_checkable
class RunLeases(Protocol):
    """One run per (shop, job) across workers; optional for host stores.

    A store without these methods runs jobs as before, without protection from overlap.
    """

    def acquire_lease(
        self, shop: str, job: str, *, holder: str, now: datetime, ttl: timedelta
    ) -> RunLease:
        """Take the lease until ``now + ttl`` unless a live one exists (even ``holder``'s own:
        :meth:`renew_lease` extends that); one transaction. Returns the lease in force,
        whoever holds it."""
        ...

    def renew_lease(
        self, shop: str, job: str, *, holder: str, now: datetime, ttl: timedelta
    ) -> RunLease | None:
        """Extend the lease until ``now + ttl`` only if ``holder`` holds it and it is live at
        ``now`` (an update, never an insert: a lapsed lease means another worker may have run);
        one transaction. Returns the lease in force, whoever holds it, or None if none."""
        ...

    def release_lease(self, shop: str, job: str, *, holder: str) -> None:
        """Drop the lease if ``holder`` still holds it."""
        ...


@runtime_checkable
class BatchLedger(Protocol):
    """Several ledger entries in one transaction; optional for host stores.

    A workflow that records many entries at once (the return import: one per step delivered)
    uses it when the store has it, else ``ledger_put`` per entry: the same rows, one commit
    each instead of one for all.
    """

    def ledger_put_many(self, entries: Sequence[LedgerEntry]) -> None:
        """Insert or replace every entry, all or none."""
        ...


@runtime_checkable
class LedgerClaims(Protocol):
    """Take ledger keys atomically across workers before acting on them; optional for host
    stores.

    The order and cancellation imports claim an order's ``order-cancelled:<id>`` key this way
    before cancelling it in the OMS, so two workers never both send it. A store without it
    gets a re-read of the key just before the sink instead: a narrower window, not none.
    """

    def ledger_claim(self, entries: Sequence[LedgerEntry], *, stale_before: datetime) -> set[str]:
        """Write each entry whose key is free, in one transaction; returns the keys written.

        A key is free when it has no entry, or only a ``pending`` one written before
        ``stale_before`` (a claim whose worker stopped before recording the outcome); any
        other entry keeps it taken. Entries carry their claim time in ``updated_at``.
        """
        ...


@attrs.frozen(kw_only=True)
class PruneResult(Tabular):
    """How many rows ``prune()`` deleted, per table."""

    versions: int = 0
    ledger: int = 0
    leases: int = 0


#: Ledger rows that still matter whatever their age: a run must reconcile them with TikTok.
OPEN_STATUSES = ("pending", "unknown")


def _ts(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """``values`` in chunks of at most ``size``, each padded to a power-of-two length by
    repeating its last value (the same rows match): an ``IN (?, ...)`` list then has one of ten
    lengths, so a connection's statement cache holds ten statements, not one per length (each
    kept statement holds memory, and the store keeps its connection)."""
    for start in range(0, len(values), size):
        chunk = values[start : start + size]
        padding = (1 << (len(chunk) - 1).bit_length()) - len(chunk)
        yield [*chunk, *[chunk[-1]] * padding] if padding else chunk


class SQLiteStateStore:
    """The embedded StateStore: one SQLite file for workflow state and seller tokens.

    ``":memory:"`` keeps state and tokens in one shared connection for the life of the store
    (tests, notebooks, dry runs). Any SQLite failure is a :class:`~tiktokshop_sync.StoreError`.
    Processes on one machine may share a file: run leases keep one run per shop and job, and
    the token store refreshes a grant once between them.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        self._db = Database(path, timeout=timeout, owner="SQLiteStateStore")
        self.path = self._db.path
        self._connect = self._db.connect
        self._write = self._db.write
        with self._connect() as db:
            prepare_sqlite(db, path=str(self.path), timeout=self._db.timeout)
        #: Seller tokens, in the same database.
        self.tokens = shared_token_store(self._db)

    def get_cursor(self, shop: str, job: str) -> datetime | None:
        """The cursor of ``job`` for ``shop`` (None before the first run)."""
        with self._connect() as db:
            row = db.execute(
                "SELECT value FROM wf_cursors WHERE shop = ? AND job = ?", (shop, job)
            ).fetchone()
        return None if row is None or row[0] is None else utc_from_timestamp(row[0])

    def set_cursor(self, shop: str, job: str, value: datetime | None) -> None:
        """Move (or clear, with None) the cursor of ``job`` for ``shop``."""
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO wf_cursors (shop, job, value) VALUES (?, ?, ?)",
                (shop, job, _ts(value)),
            )

    def seen_versions(self, shop: str, order_ids: Sequence[str]) -> dict[str, int]:
        """The last delivered ``update_time`` (Unix seconds) of each known order."""
        found: dict[str, int] = {}
        with self._connect() as db:
            for chunk in _chunks(list(order_ids)):
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT order_id, update_time FROM wf_order_versions "
                    f"WHERE shop = ? AND order_id IN ({marks})",
                    (shop, *chunk),
                )
                found.update({r[0]: r[1] for r in rows})
        return found

    def record_versions(self, shop: str, versions: Iterable[tuple[str, int, str]]) -> None:
        """Remember (order_id, update_time, status) as delivered; a row already holding the
        same version is left as it is (no write)."""
        rows = [(shop, oid, ut, status) for oid, ut, status in versions]
        if not rows:
            return
        with self._write() as db:
            db.executemany(_RECORD_VERSION, rows)

    def ledger_get(self, shop: str, keys: Sequence[str]) -> dict[str, LedgerEntry]:
        """Ledger entries for ``keys`` that exist."""
        found: dict[str, LedgerEntry] = {}
        with self._connect() as db:
            for chunk in _chunks(list(keys)):
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    "SELECT shop, key, kind, status, detail, updated_at FROM wf_ledger "
                    f"WHERE shop = ? AND key IN ({marks})",
                    (shop, *chunk),
                )
                for row in rows:
                    found[row[1]] = _entry(row)
        return found

    def ledger_put(self, entry: LedgerEntry) -> None:
        """Insert or replace a ledger entry."""
        self.ledger_put_many([entry])

    def ledger_put_many(self, entries: Sequence[LedgerEntry]) -> None:
        """Insert or replace ledger entries in one transaction (all or none)."""
        if not entries:
            return
        with self._write() as db:
            db.executemany(
                "INSERT OR REPLACE INTO wf_ledger VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        entry.shop,
                        entry.key,
                        entry.kind,
                        entry.status,
                        json.dumps(entry.detail, ensure_ascii=False, default=str),
                        _ts(entry.updated_at),
                    )
                    for entry in entries
                ],
            )

    def ledger_pending(self, shop: str, kind: str | None = None) -> list[LedgerEntry]:
        """Entries left ``pending`` (a run stopped between intent and outcome)."""
        query = (
            "SELECT shop, key, kind, status, detail, updated_at FROM wf_ledger "
            "WHERE shop = ? AND status = 'pending'"
        )
        params: tuple[str, ...] = (shop,)
        if kind is not None:
            query += " AND kind = ?"
            params = (shop, kind)
        with self._connect() as db:
            return [_entry(r) for r in db.execute(query + " ORDER BY key", params)]

    def ledger_all(self, shop: str) -> list[LedgerEntry]:
        """Every ledger entry of a shop (for reports and tests)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT shop, key, kind, status, detail, updated_at FROM wf_ledger "
                "WHERE shop = ? ORDER BY key",
                (shop,),
            )
            return [_entry(r) for r in rows]

    def holds(
        self,
        shop: str,
        *,
        order_ids: Sequence[str] | None = None,
        due_by: datetime | None = None,
    ) -> list[HoldRecord]:
        """Orders currently held: all, those among ``order_ids``, or those due by ``due_by``."""
        where = "shop = ?"
        args: list[object] = [shop]
        if due_by is not None:
            where += " AND until IS NOT NULL AND until <= ?"
            args.append(_ts(due_by))
        groups: Iterable[Sequence[str] | None] = [None]
        if order_ids is not None:
            groups = _chunks(list(dict.fromkeys(order_ids)))
        found: list[tuple[Any, ...]] = []
        with self._connect() as db:
            for ids in groups:
                clause, params = where, list(args)
                if ids is not None:
                    clause += f" AND order_id IN ({','.join('?' * len(ids))})"
                    params.extend(ids)
                query = f"SELECT order_id, until, reason FROM wf_holds WHERE {clause}"
                found.extend(db.execute(query, params))
        return hold_records(shop, sorted(found))

    def put_holds(self, records: Iterable[HoldRecord]) -> None:
        """Remember that orders are held (one transaction)."""
        rows = [(r.shop, r.order_id, _ts(r.until), r.reason) for r in records]
        if not rows:
            return
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO wf_holds VALUES (?, ?, ?, ?)", rows)

    def drop_holds(self, shop: str, order_ids: Iterable[str]) -> None:
        """Forget holds (released or cancelled orders), in one transaction."""
        rows = [(shop, order_id) for order_id in order_ids]
        if not rows:
            return
        with self._write() as db:
            db.executemany("DELETE FROM wf_holds WHERE shop = ? AND order_id = ?", rows)

    def pushed_quantities(self, shop: str) -> dict[tuple[str, str], int]:
        """Last quantity pushed per (sku_id, warehouse_id)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT sku_id, warehouse_id, quantity FROM wf_pushed WHERE shop = ?", (shop,)
            )
            return {(r[0], r[1]): r[2] for r in rows}

    def record_pushed(self, shop: str, quantities: Iterable[tuple[str, str, int]]) -> None:
        """Remember quantities pushed as (sku_id, warehouse_id, quantity)."""
        rows = [(shop, sku, wh, qty) for sku, wh, qty in quantities]
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO wf_pushed VALUES (?, ?, ?, ?)", rows)

    def product_links(self, shop: str) -> dict[str, dict[str, Any]]:
        """Catalog product id -> link (TikTok product id, SKU ids, first publish time)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT catalog_id, link FROM wf_product_links WHERE shop = ?", (shop,)
            )
            return {r[0]: json.loads(r[1]) for r in rows}

    def put_product_link(self, shop: str, catalog_id: str, link: dict[str, Any]) -> None:
        """Insert or replace a product link."""
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO wf_product_links VALUES (?, ?, ?)",
                (shop, catalog_id, json.dumps(link, ensure_ascii=False, default=str)),
            )

    def category_mappings(self, shop: str) -> list[CategoryMappingRecord]:
        """Every mapping row of a shop, confirmed and suggested, by host category."""
        with self._connect() as db:
            rows = db.execute(
                f"SELECT {MAPPING_COLUMNS} FROM wf_category_mappings WHERE shop = ?"
                " ORDER BY host_key",
                (shop,),
            )
            return [mapping_record(r, json.loads(r[6])) for r in rows]

    def put_category_mapping(self, record: CategoryMappingRecord) -> None:
        """Insert or replace a row; a suggestion never replaces a confirmed row."""
        with self._write() as db:
            db.execute(_PUT_MAPPING.format(t="wf_category_mappings"), mapping_row(record))

    def drop_category_mapping(self, shop: str, host_category: str) -> None:
        """Forget a host category's row (confirmed or suggested)."""
        with self._write() as db:
            db.execute(
                "DELETE FROM wf_category_mappings WHERE shop = ? AND host_key = ?",
                (shop, mapping_key(host_category)),
            )

    def acquire_lease(
        self, shop: str, job: str, *, holder: str, now: datetime, ttl: timedelta
    ) -> RunLease:
        """Take the run lease of (shop, job) unless a live one exists."""
        with self._write() as db:
            db.execute(_TAKE_LEASE, (shop, job, holder, now.timestamp(), (now + ttl).timestamp()))
            row = db.execute(
                "SELECT holder, expires_at FROM wf_run_leases WHERE shop = ? AND job = ?",
                (shop, job),
            ).fetchone()
        return RunLease(shop=shop, job=job, holder=row[0], expires_at=utc_from_timestamp(row[1]))

    def renew_lease(
        self, shop: str, job: str, *, holder: str, now: datetime, ttl: timedelta
    ) -> RunLease | None:
        """Extend ``holder``'s run lease of (shop, job) if it is still live at ``now``."""
        with self._write() as db:
            db.execute(
                "UPDATE wf_run_leases SET expires_at = ?"
                " WHERE shop = ? AND job = ? AND holder = ? AND expires_at > ?",
                ((now + ttl).timestamp(), shop, job, holder, now.timestamp()),
            )
            row = db.execute(
                "SELECT holder, expires_at FROM wf_run_leases WHERE shop = ? AND job = ?",
                (shop, job),
            ).fetchone()
        if row is None:
            return None
        return RunLease(shop=shop, job=job, holder=row[0], expires_at=utc_from_timestamp(row[1]))

    def release_lease(self, shop: str, job: str, *, holder: str) -> None:
        """Drop the run lease of (shop, job) if ``holder`` still holds it."""
        with self._write() as db:
            db.execute(
                "DELETE FROM wf_run_leases WHERE shop = ? AND job = ? AND holder = ?",
                (shop, job, holder),
            )

    def leases(self) -> list[RunLease]:
        """Every run lease row (live or expired), for monitoring."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT shop, job, holder, expires_at FROM wf_run_leases ORDER BY shop, job"
            )
            return [
                RunLease(shop=r[0], job=r[1], holder=r[2], expires_at=utc_from_timestamp(r[3]))
                for r in rows
            ]

    def prune(self, *, older_than: datetime) -> PruneResult:
        """Delete what only grows: order versions last updated before ``older_than``, settled
        ledger rows (not pending or unknown) written before it, and leases expired before it.

        An order TikTok updates again after its version was pruned is delivered again (an
        upsert for the sink), so keep well over the import's lookback and overlap.
        """
        cutoff = _ts(aware_cutoff(older_than))
        with self._write() as db:
            versions = db.execute(
                "DELETE FROM wf_order_versions WHERE update_time < ?", (cutoff,)
            ).rowcount
            ledger = db.execute(
                "DELETE FROM wf_ledger WHERE updated_at < ? AND status NOT IN (?, ?)",
                (cutoff, *OPEN_STATUSES),
            ).rowcount
            leases = db.execute(
                "DELETE FROM wf_run_leases WHERE expires_at < ?", (cutoff,)
            ).rowcount
        return PruneResult(versions=versions, ledger=ledger, leases=leases)

    def __repr__(self) -> str:
        return f"SQLiteStateStore({str(self.path)!r})"

    def ledger_claim(self, entries: Sequence[LedgerEntry], *, stale_before: datetime) -> set[str]:
        """Write each entry whose key is free (none, or a ``pending`` one written before
        ``stale_before``), in one transaction; returns the keys written."""
        taken: set[str] = set()
        if not entries:
            return taken
        stale = _ts(stale_before)
        with self._write() as db:  # BEGIN IMMEDIATE: one claimer at a time
            for entry in entries:
                if db.execute(_CLAIM_LEDGER, (*_ledger_row(entry), stale)).rowcount:
                    taken.add(entry.key)
        return taken


#: Insert an order's version, or update it in place when it changed. ``INSERT OR REPLACE``
#: deleted and re-inserted the row (in the table and both indexes) even when nothing changed,
#: which an import does for every order it reads again in its overlap.
_RECORD_VERSION = (
    "INSERT INTO wf_order_versions (shop, order_id, update_time, status) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (shop, order_id) DO UPDATE SET"
    " update_time = excluded.update_time, status = excluded.status"
    " WHERE wf_order_versions.update_time IS NOT excluded.update_time"
    " OR wf_order_versions.status IS NOT excluded.status"
)


#: Insert a ledger entry unless its key is taken: by any entry but a ``pending`` one written
#: before the last parameter (a claim whose worker stopped).
_CLAIM_LEDGER = (
    "INSERT INTO wf_ledger (shop, key, kind, status, detail, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (shop, key) DO UPDATE SET"
    " kind = excluded.kind, status = excluded.status, detail = excluded.detail,"
    " updated_at = excluded.updated_at"
    " WHERE wf_ledger.status = 'pending'"
    " AND (wf_ledger.updated_at IS NULL OR wf_ledger.updated_at < ?)"
)


#: Insert the lease, or take it over when it has expired; a live lease, even the caller's, is
#: left alone: only ``renew_lease`` extends one (same text in SQLite and PostgreSQL, apart
#: from placeholders).
_TAKE_LEASE = (
    "INSERT INTO wf_run_leases (shop, job, holder, acquired_at, expires_at)"
    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (shop, job) DO UPDATE SET"
    " holder = excluded.holder, acquired_at = excluded.acquired_at,"
    " expires_at = excluded.expires_at"
    " WHERE wf_run_leases.expires_at <= excluded.acquired_at"
)


MAPPING_COLUMNS = "shop, host_category, category_id, version, status, updated_at, path"

#: Insert a mapping row, or replace it unless a suggestion would replace a confirmed row (the
#: host's choice outlives TikTok's later recommendations). Placeholders are SQLite's.
_PUT_MAPPING = (
    "INSERT INTO {t} (shop, host_key, host_category, category_id, version, status, updated_at,"
    " path) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shop, host_key) DO UPDATE SET"
    " host_category = excluded.host_category, category_id = excluded.category_id,"
    " version = excluded.version, status = excluded.status, updated_at = excluded.updated_at,"
    " path = excluded.path WHERE excluded.status = 'confirmed' OR {t}.status = 'suggested'"
)


def mapping_key(host_category: str) -> str:
    """A mapping row's key: the host category folded (width, case and spaces ignored)."""
    return fold(host_category)


def mapping_row(record: CategoryMappingRecord) -> tuple[Any, ...]:
    """The values of a mapping row, in ``_PUT_MAPPING``'s order."""
    return (
        record.shop,
        record.host_key,
        record.host_category,
        record.category_id,
        record.version,
        record.status,
        _ts(record.updated_at),
        json.dumps(list(record.path), ensure_ascii=False),
    )


def mapping_record(row: Sequence[Any], path: Any) -> CategoryMappingRecord:
    """A record from a row of ``MAPPING_COLUMNS`` (``path`` already decoded)."""
    return CategoryMappingRecord(
        shop=row[0],
        host_category=row[1],
        category_id=row[2],
        version=row[3],
        status=row[4],
        updated_at=None if row[5] is None else utc_from_timestamp(row[5]),
        path=tuple(str(p) for p in path),
    )


def hold_records(shop: str, rows: Iterable[Sequence[Any]]) -> list[HoldRecord]:
    """HoldRecords from (order_id, until in Unix seconds or None, reason) rows."""
    return [
        HoldRecord(
            shop=shop,
            order_id=r[0],
            until=None if r[1] is None else utc_from_timestamp(r[1]),
            reason=r[2],
        )
        for r in rows
    ]


def aware_cutoff(older_than: datetime) -> datetime:
    if not isinstance(older_than, datetime) or older_than.tzinfo is None:
        raise ConfigurationError(
            f"prune(older_than=...) needs a timezone-aware datetime, got {older_than!r}."
        )
    return older_than


def _entry(row: tuple[Any, ...]) -> LedgerEntry:
    return LedgerEntry(
        shop=row[0],
        key=row[1],
        kind=row[2],
        status=row[3],
        detail=json.loads(row[4]),
        updated_at=None if row[5] is None else utc_from_timestamp(row[5]),
    )


def _ledger_row(entry: LedgerEntry) -> tuple[Any, ...]:
    return (
        entry.shop,
        entry.key,
        entry.kind,
        entry.status,
        json.dumps(entry.detail, ensure_ascii=False, default=str),
        _ts(entry.updated_at),
    )
