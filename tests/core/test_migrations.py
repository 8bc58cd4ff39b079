"""Store schemas are versioned and migrated on open: old files upgrade in place, several
processes may open a new database at once, and a newer schema than the code is refused."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fleet_support import collect, spawn, start_workers
from tiktokshop_sync import ConfigurationError, SQLiteTokenStore
from tiktokshop_sync._core.migrations import SQLITE_MIGRATIONS
from tiktokshop_sync.workflows import SQLiteStateStore

# The file layout of 0.1.0 before versioning (user_version 0).
_UNVERSIONED = (
    """CREATE TABLE tiktokshop_tokens (
        grant_key TEXT PRIMARY KEY, open_id TEXT NOT NULL, access_token TEXT NOT NULL,
        access_token_expires_at INTEGER NOT NULL, refresh_token TEXT NOT NULL,
        refresh_token_expires_at INTEGER NOT NULL, seller_name TEXT NOT NULL DEFAULT '',
        seller_base_region TEXT NOT NULL DEFAULT '', granted_scopes TEXT NOT NULL DEFAULT '[]')""",
    """CREATE TABLE wf_cursors (shop TEXT NOT NULL, job TEXT NOT NULL, value INTEGER,
        PRIMARY KEY (shop, job))""",
)


def _version(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def test_a_file_from_before_versioning_upgrades_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        for statement in _UNVERSIONED:
            db.execute(statement)
        db.execute(
            "INSERT INTO tiktokshop_tokens VALUES ('g', 'g', 'acc', 1900000000, 'ref',"
            f" 1900000000, '', 'JP', '{json.dumps(['seller.order.info'])}')"
        )
        db.execute("INSERT INTO wf_cursors VALUES ('s', 'orders', 1800000000)")
    store = SQLiteStateStore(path)
    assert _version(path) == len(SQLITE_MIGRATIONS)
    tokens = store.tokens.load("g")
    assert tokens is not None and tokens.access_token == "acc"
    assert store.get_cursor("s", "orders") is not None
    assert store.leases() == []


def test_order_versions_in_a_file_from_before_versioning_are_updated_in_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute(
            """CREATE TABLE wf_order_versions (shop TEXT NOT NULL, order_id TEXT NOT NULL,
            update_time INTEGER NOT NULL, status TEXT NOT NULL, PRIMARY KEY (shop, order_id))"""
        )
        db.execute("INSERT INTO wf_order_versions VALUES ('s', '1', 100, 'UNPAID')")
        db.execute("INSERT INTO wf_order_versions VALUES ('s', '2', 100, 'UNPAID')")
    store = SQLiteStateStore(path)
    store.record_versions("s", [("1", 100, "UNPAID"), ("2", 150, "AWAITING_SHIPMENT")])
    assert store.seen_versions("s", ["1", "2"]) == {"1": 100, "2": 150}


def test_a_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    SQLiteTokenStore(path)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {len(SQLITE_MIGRATIONS) + 1}")
    with pytest.raises(ConfigurationError, match="upgrade tiktokshop-sync"):
        SQLiteStateStore(path)


def _open(opener: Any, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        opener()
        results.put("ok")
    except Exception as exc:
        results.put(f"{type(exc).__name__}: {exc}")


def _open_together(opener: Any, n: int = 4) -> list[str]:
    ctx = spawn()
    barrier, results = ctx.Barrier(n), ctx.Queue()
    return collect(start_workers(_open, (opener, barrier, results), n), results, 60)


@pytest.mark.slow
def test_processes_opening_a_new_sqlite_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    import functools

    path = tmp_path / "fresh.db"
    assert _open_together(functools.partial(SQLiteStateStore, path)) == ["ok"] * 4
    assert _version(path) == len(SQLITE_MIGRATIONS)


@pytest.mark.slow
def test_processes_opening_a_new_postgres_schema_at_once_migrate_it_once(
    postgres_conninfo: str, pg_schema: str
) -> None:
    import functools

    import psycopg

    from tiktokshop_sync.postgres import PG_MIGRATIONS

    opener = functools.partial(_open_and_close, postgres_conninfo, pg_schema)
    assert _open_together(opener) == ["ok"] * 4
    with psycopg.connect(postgres_conninfo) as conn:
        rows = conn.execute(
            f'SELECT version FROM "{pg_schema}".tiktokshop_migrations ORDER BY version'
        ).fetchall()
    assert [r[0] for r in rows] == list(range(1, len(PG_MIGRATIONS) + 1))


def _open_and_close(conninfo: str, schema: str) -> None:
    from tiktokshop_sync.postgres import PostgresStateStore

    PostgresStateStore(conninfo, schema=schema).close()


def test_a_postgres_schema_name_must_be_a_plain_identifier(postgres_conninfo: str) -> None:
    from tiktokshop_sync.postgres import PostgresStateStore

    with pytest.raises(ConfigurationError, match="schema"):
        PostgresStateStore(postgres_conninfo, schema='x"; DROP TABLE y; --')
