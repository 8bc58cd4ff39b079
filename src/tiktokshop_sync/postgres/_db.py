"""The PostgreSQL side shared by every store: the pool, the schema, transactions, migrations.

Connections come from a ``psycopg_pool.ConnectionPool`` and every method is one short
transaction, so the stores work through PgBouncer in transaction pooling: nothing relies on
session state (no session advisory locks, no prepared statements, no ``SET``). Leases are
rows with expiries; the only lock that spans statements is ``SELECT ... FOR UPDATE`` inside
one transaction, and migrations take a transaction-level advisory lock.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._exceptions import ConfigurationError, StoreError, TikTokShopError

if TYPE_CHECKING:
    import psycopg
    import psycopg_pool

# What tiktokshop_sync.postgres publishes from here; Database and PostgresStore are the stores'.
__all__ = ["PG_MIGRATIONS", "PostgresNotInstalledError", "PostgresStoreError"]

_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class PostgresNotInstalledError(TikTokShopError, ImportError):
    """psycopg and psycopg-pool (the ``postgres`` extra) are not installed."""


class PostgresStoreError(StoreError):
    """A PostgreSQL store could not read or write; the message says what failed and what to do.

    ``path`` names the schema (``postgres:<schema>``)."""

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (str(self), self.path))


def _rebuild(message: str, path: str) -> PostgresStoreError:
    return PostgresStoreError(message, path=path)


def _require() -> tuple[Any, Any]:
    try:
        psycopg = importlib.import_module("psycopg")
        pool = importlib.import_module("psycopg_pool")
    except ImportError as exc:
        raise PostgresNotInstalledError(
            "The PostgreSQL stores need psycopg 3 and psycopg-pool: install them with "
            "`pip install 'tiktokshop-sync[postgres]'`."
        ) from exc
    return psycopg, pool


#: The schema, step by step; each step runs once, in one transaction, under an advisory lock.
PG_MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "tokens, workflow state, leases, pacing and webhook dedupe",
        (
            """CREATE TABLE {s}.tiktokshop_tokens (
                grant_key text PRIMARY KEY,
                open_id text NOT NULL,
                access_token text NOT NULL,
                access_token_expires_at bigint NOT NULL,
                refresh_token text NOT NULL,
                refresh_token_expires_at bigint NOT NULL,
                seller_name text NOT NULL DEFAULT '',
                seller_base_region text NOT NULL DEFAULT '',
                granted_scopes jsonb NOT NULL DEFAULT '[]',
                refresh_holder text,
                refresh_until double precision)""",
            """CREATE TABLE {s}.wf_cursors (
                shop text NOT NULL, job text NOT NULL, value bigint,
                PRIMARY KEY (shop, job))""",
            """CREATE TABLE {s}.wf_order_versions (
                shop text NOT NULL, order_id text NOT NULL, update_time bigint NOT NULL,
                status text NOT NULL, PRIMARY KEY (shop, order_id))""",
            "CREATE INDEX wf_order_versions_time ON {s}.wf_order_versions (update_time)",
            """CREATE TABLE {s}.wf_ledger (
                shop text NOT NULL, key text NOT NULL, kind text NOT NULL, status text NOT NULL,
                detail jsonb NOT NULL DEFAULT '{}', updated_at bigint,
                PRIMARY KEY (shop, key))""",
            "CREATE INDEX wf_ledger_status ON {s}.wf_ledger (shop, status, kind)",
            "CREATE INDEX wf_ledger_updated ON {s}.wf_ledger (updated_at)",
            """CREATE TABLE {s}.wf_holds (
                shop text NOT NULL, order_id text NOT NULL, until bigint, reason text NOT NULL,
                PRIMARY KEY (shop, order_id))""",
            "CREATE INDEX wf_holds_until ON {s}.wf_holds (shop, until)",
            """CREATE TABLE {s}.wf_pushed (
                shop text NOT NULL, sku_id text NOT NULL, warehouse_id text NOT NULL,
                quantity integer NOT NULL, PRIMARY KEY (shop, sku_id, warehouse_id))""",
            """CREATE TABLE {s}.wf_product_links (
                shop text NOT NULL, catalog_id text NOT NULL, link jsonb NOT NULL,
                PRIMARY KEY (shop, catalog_id))""",
            """CREATE TABLE {s}.wf_run_leases (
                shop text NOT NULL, job text NOT NULL, holder text NOT NULL,
                acquired_at double precision NOT NULL, expires_at double precision NOT NULL,
                PRIMARY KEY (shop, job))""",
            """CREATE TABLE {s}.tiktokshop_rate_limits (
                key text PRIMARY KEY, tat double precision NOT NULL)""",
            """CREATE TABLE {s}.tiktokshop_webhook_seen (
                key text PRIMARY KEY, seen_at double precision NOT NULL)""",
            "CREATE INDEX tiktokshop_webhook_seen_at ON {s}.tiktokshop_webhook_seen (seen_at)",
        ),
    ),
    (
        "the host's category mapping for publishing",
        (
            """CREATE TABLE {s}.wf_category_mappings (
                shop text NOT NULL, host_key text NOT NULL, host_category text NOT NULL,
                category_id text NOT NULL, version text NOT NULL, status text NOT NULL,
                updated_at bigint, path jsonb NOT NULL DEFAULT '[]',
                PRIMARY KEY (shop, host_key))""",
        ),
    ),
)


class Database:
    """A connection pool and the schema the tables live in, migrated when opened.

    ``migrations`` and the ``ledger`` table recording them are class attributes, so another
    set of tables (the fleet's) migrates the same way in its own ledger.
    """

    migrations: tuple[tuple[str, tuple[str, ...]], ...] = PG_MIGRATIONS
    ledger = "tiktokshop_migrations"

    def __init__(
        self,
        conninfo: str | psycopg_pool.ConnectionPool[Any],
        *,
        schema: str,
        owner: str,
        max_connections: int = 4,
    ) -> None:
        psycopg, pool_module = _require()
        self._errors: type[Exception] = psycopg.Error
        self.owner = owner
        if not isinstance(schema, str) or not _SCHEMA_NAME.match(schema):
            raise ConfigurationError(
                f"{owner}(schema=...) must be a lower-case PostgreSQL name such as "
                f"'tiktokshop' (letters, digits, underscores), got {schema!r}."
            )
        self.schema = schema
        self._owns_pool = isinstance(conninfo, str)
        self.pool: psycopg_pool.ConnectionPool[Any]
        if isinstance(conninfo, str):
            # No prepared statements: they are per server session, which PgBouncer's
            # transaction pooling does not keep.
            self.pool = pool_module.ConnectionPool(
                conninfo,
                min_size=1,
                max_size=max_connections,
                kwargs={"autocommit": True, "prepare_threshold": None},
                open=False,
                name=f"tiktokshop-{schema}",
            )
            try:
                self.pool.open(wait=True, timeout=30.0)
            except Exception as exc:
                self.pool.close()
                raise self._failure("cannot connect", exc) from exc
        elif isinstance(conninfo, pool_module.ConnectionPool):
            self.pool = conninfo
        else:
            raise ConfigurationError(
                f"{owner} takes a libpq connection string ('host=/run/postgresql dbname=shop') "
                f"or a psycopg_pool.ConnectionPool, got {type(conninfo).__name__}."
            )
        self.migrate()

    def sql(self, text: str) -> str:
        """``text`` with ``{s}`` replaced by the quoted schema (validated at construction)."""
        return text.replace("{s}", f'"{self.schema}"')

    @contextlib.contextmanager
    def transaction(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection inside one transaction, committed on success, rolled back on error."""
        try:
            with self.pool.connection() as conn, conn.transaction():
                yield conn
        except self._errors as exc:
            raise self._failure("failed", exc) from exc

    @contextlib.contextmanager
    def statement(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection in autocommit for a single statement: one round trip, no BEGIN."""
        try:
            with self.pool.connection() as conn:
                yield conn
        except self._errors as exc:
            raise self._failure("failed", exc) from exc

    def _prepare(self, conn: psycopg.Connection[Any]) -> None:
        """Run under the migration lock before the migrations (nothing here)."""

    def _failure(self, what: str, exc: BaseException) -> PostgresStoreError:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        return PostgresStoreError(
            f"{self.owner} (schema {self.schema!r}) {what}: {type(exc).__name__}: {first}. "
            "Check that the server is reachable, the role may use the schema, and retry.",
            path=f"postgres:{self.schema}",
        )

    def migrate(self) -> int:
        """Apply the missing migrations; several processes may open the store at once."""
        migrations, ledger = self.migrations, self.ledger
        latest = len(migrations)
        with self.transaction() as conn:
            conn.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))", (f"tiktokshop:{self.schema}",)
            )
            self._prepare(conn)
            conn.execute(self.sql("CREATE SCHEMA IF NOT EXISTS {s}"))
            conn.execute(
                self.sql(
                    f"CREATE TABLE IF NOT EXISTS {{s}}.{ledger} ("
                    " version integer PRIMARY KEY, name text NOT NULL,"
                    " applied_at timestamptz NOT NULL DEFAULT now())"
                )
            )
            row = conn.execute(
                self.sql(f"SELECT coalesce(max(version), 0) FROM {{s}}.{ledger}")
            ).fetchone()
            current = int(row[0]) if row is not None else 0
            if current > latest:
                raise ConfigurationError(
                    f"schema {self.schema!r} is at version {current} of {ledger}, newer than "
                    f"this tiktokshop-sync knows ({latest}): upgrade it on every worker."
                )
            for version, (name, statements) in enumerate(migrations, start=1):
                if version <= current:
                    continue
                for statement in statements:
                    conn.execute(self.sql(statement))
                conn.execute(
                    self.sql(f"INSERT INTO {{s}}.{ledger} (version, name) VALUES (%s, %s)"),
                    (version, name),
                )
        return latest

    def close(self) -> None:
        """Close the pool if this store opened it (a pool passed in is the caller's)."""
        if self._owns_pool:
            self.pool.close()


class PostgresStore:
    """What every PostgreSQL store shares: its database (pool and schema) and closing it."""

    _db: Database

    def _open(
        self, conninfo: str | psycopg_pool.ConnectionPool[Any], schema: str, max_connections: int
    ) -> None:
        self._db = Database(
            conninfo, schema=schema, owner=type(self).__name__, max_connections=max_connections
        )

    def close(self) -> None:
        """Close the connection pool this store opened (a pool passed in is the caller's)."""
        self._db.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(schema={self._db.schema!r})"
