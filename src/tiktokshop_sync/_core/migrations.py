"""The SQLite file's schema as numbered migrations, applied when a store opens it.

Tokens, workflow state, leases and pacing share one file, so one ordered list describes it and
``PRAGMA user_version`` records how far it got. Every migration runs inside one
``BEGIN IMMEDIATE`` transaction that re-reads the version first: several processes may open
the file at once and exactly one applies each step. Files written before versioning are at
version 0; migration 1 only creates what is missing, so they upgrade in place.
"""

from __future__ import annotations

import sqlite3
import time

from .._exceptions import ConfigurationError

__all__ = ["SQLITE_MIGRATIONS", "migrate_sqlite", "prepare_sqlite", "sqlite_version"]

SQLITE_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: the tables of 0.1.0 (before versioning).
    (
        """CREATE TABLE IF NOT EXISTS tiktokshop_tokens (
            grant_key TEXT PRIMARY KEY,
            open_id TEXT NOT NULL,
            access_token TEXT NOT NULL,
            access_token_expires_at INTEGER NOT NULL,
            refresh_token TEXT NOT NULL,
            refresh_token_expires_at INTEGER NOT NULL,
            seller_name TEXT NOT NULL DEFAULT '',
            seller_base_region TEXT NOT NULL DEFAULT '',
            granted_scopes TEXT NOT NULL DEFAULT '[]')""",
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
    ),
    # 2: leases for several workers (refresh on the token row, one run per shop and job),
    # shared pacing, and indexes for prune().
    (
        "ALTER TABLE tiktokshop_tokens ADD COLUMN refresh_holder TEXT",
        "ALTER TABLE tiktokshop_tokens ADD COLUMN refresh_until REAL",
        """CREATE TABLE wf_run_leases (
            shop TEXT NOT NULL, job TEXT NOT NULL, holder TEXT NOT NULL,
            acquired_at REAL NOT NULL, expires_at REAL NOT NULL,
            PRIMARY KEY (shop, job))""",
        """CREATE TABLE tiktokshop_rate_limits (
            key TEXT PRIMARY KEY, tat REAL NOT NULL)""",
        "CREATE INDEX wf_order_versions_time ON wf_order_versions (update_time)",
        "CREATE INDEX wf_ledger_updated ON wf_ledger (updated_at)",
    ),
    # 3: the host's category mapping for publishing (confirmed rows and TikTok's suggestions).
    (
        """CREATE TABLE wf_category_mappings (
            shop TEXT NOT NULL, host_key TEXT NOT NULL, host_category TEXT NOT NULL,
            category_id TEXT NOT NULL, version TEXT NOT NULL, status TEXT NOT NULL,
            updated_at INTEGER, path TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (shop, host_key))""",
    ),
)


def sqlite_version(db: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 before versioning)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate_sqlite(db: sqlite3.Connection, *, path: str) -> int:
    """Apply the missing migrations in one write transaction; returns the file's version.

    ``db`` must be in autocommit mode (``isolation_level=None``), as the stores open it.
    """
    latest = len(SQLITE_MIGRATIONS)
    current = sqlite_version(db)
    if current == latest:
        return current
    if current > latest:
        raise ConfigurationError(
            f"{path!r} has schema version {current}, newer than this tiktokshop-sync knows "
            f"({latest}): upgrade tiktokshop-sync on every worker that opens it."
        )
    db.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while this one waited for the write lock.
        current = sqlite_version(db)
        for statements in SQLITE_MIGRATIONS[current:]:
            for statement in statements:
                db.execute(statement)
        # PRAGMA takes no parameters; ``latest`` is an int from this module.
        db.execute(f"PRAGMA user_version = {latest:d}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return latest


def prepare_sqlite(db: sqlite3.Connection, *, path: str, timeout: float) -> int:
    """Put the file in WAL mode and migrate it; returns its schema version.

    Switching to WAL needs the file to itself, and SQLite answers "database is locked" at
    once, without its busy timeout, while another process holds it (several workers opening
    a new file together): the switch is retried until ``timeout``.
    """
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)
    return migrate_sqlite(db, path=path)
