"""Durable workflow state: cursors, the applied-action ledger, holds, pushed stock, product links.

The embedded default is one SQLite file (stdlib ``sqlite3``, WAL mode, created 0600) that also
holds the seller tokens, so one path is all a host configures. Each method is one short
transaction: safe for one process with threads and for several processes on one machine.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, Literal, Protocol, runtime_checkable

import attrs

from .._core.clock import utc_from_timestamp
from .._core.sqlite import Database
from .._core.tokens import SQLiteTokenStore

__all__ = [
    "ActionStatus",
    "HoldRecord",
    "LedgerEntry",
    "SQLiteStateStore",
    "StateStore",
    "cancelled_order_key",
]

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


_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS wf_cursors (
        shop TEXT NOT NULL, job TEXT NOT NULL, value INTEGER,
        PRIMARY KEY (shop, job))""",
    """CREATE TABLE IF NOT EXISTS wf_order_versions (
        shop TEXT NOT NULL, order_id TEXT NOT NULL, update_time INTEGER NOT NULL,
        status TEXT NOT NULL, PRIMARY KEY (shop, order_id))""",
    """CREATE TABLE IF NOT EXISTS wf_ledger (
        shop TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}', updated_at INTEGER,
        PRIMARY KEY (shop, key))""",
    "CREATE INDEX IF NOT EXISTS wf_ledger_status ON wf_ledger (shop, status, kind)",
    """CREATE TABLE IF NOT EXISTS wf_holds (
        shop TEXT NOT NULL, order_id TEXT NOT NULL, until INTEGER, reason TEXT NOT NULL,
        PRIMARY KEY (shop, order_id))""",
    "CREATE INDEX IF NOT EXISTS wf_holds_until ON wf_holds (shop, until)",
    """CREATE TABLE IF NOT EXISTS wf_pushed (
        shop TEXT NOT NULL, sku_id TEXT NOT NULL, warehouse_id TEXT NOT NULL,
        quantity INTEGER NOT NULL, PRIMARY KEY (shop, sku_id, warehouse_id))""",
    """CREATE TABLE IF NOT EXISTS wf_product_links (
        shop TEXT NOT NULL, catalog_id TEXT NOT NULL, link TEXT NOT NULL,
        PRIMARY KEY (shop, catalog_id))""",
)


def _ts(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _chunks(values: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class SQLiteStateStore:
    """The embedded StateStore: one SQLite file for workflow state and seller tokens.

    ``":memory:"`` keeps state and tokens in one shared connection for the life of the store
    (tests, notebooks, dry runs). Any SQLite failure is a :class:`~tiktokshop_sync.StoreError`.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        self._db = Database(path, timeout=timeout, owner="SQLiteStateStore")
        self.path = self._db.path
        self._connect = self._db.connect
        self._write = self._db.write
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            for statement in _SCHEMA:
                db.execute(statement)
        #: Seller tokens, in the same database.
        self.tokens = SQLiteTokenStore._sharing(self._db)

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
        """Remember (order_id, update_time, status) as delivered."""
        rows = [(shop, oid, ut, status) for oid, ut, status in versions]
        with self._write() as db:
            db.executemany("INSERT OR REPLACE INTO wf_order_versions VALUES (?, ?, ?, ?)", rows)

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
        with self._write() as db:
            db.execute(
                "INSERT OR REPLACE INTO wf_ledger VALUES (?, ?, ?, ?, ?, ?)",
                (
                    entry.shop,
                    entry.key,
                    entry.kind,
                    entry.status,
                    json.dumps(entry.detail, ensure_ascii=False, default=str),
                    _ts(entry.updated_at),
                ),
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
        return [
            HoldRecord(
                shop=shop,
                order_id=r[0],
                until=None if r[1] is None else utc_from_timestamp(r[1]),
                reason=r[2],
            )
            for r in sorted(found)
        ]

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

    def __repr__(self) -> str:
        return f"SQLiteStateStore({str(self.path)!r})"


def _entry(row: tuple[Any, ...]) -> LedgerEntry:
    return LedgerEntry(
        shop=row[0],
        key=row[1],
        kind=row[2],
        status=row[3],
        detail=json.loads(row[4]),
        updated_at=None if row[5] is None else utc_from_timestamp(row[5]),
    )
