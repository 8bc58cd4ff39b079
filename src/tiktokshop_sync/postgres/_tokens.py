"""Seller tokens in PostgreSQL, with the refresh lease on the grant's row."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from .._core.tokens import (
    DamagedRow,
    RefreshClaim,
    TokenSet,
    claim_from_row,
    token_row,
    tokens_from_row,
)
from ._db import Database, PostgresStore, PostgresStoreError

if TYPE_CHECKING:
    import psycopg_pool

__all__ = ["PostgresTokenStore"]

_UPSERT = (
    "INSERT INTO {s}.tiktokshop_tokens (grant_key, open_id, access_token,"
    " access_token_expires_at, refresh_token, refresh_token_expires_at, seller_name,"
    " seller_base_region, granted_scopes) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb)"
    " ON CONFLICT (grant_key) DO UPDATE SET open_id = EXCLUDED.open_id,"
    " access_token = EXCLUDED.access_token,"
    " access_token_expires_at = EXCLUDED.access_token_expires_at,"
    " refresh_token = EXCLUDED.refresh_token,"
    " refresh_token_expires_at = EXCLUDED.refresh_token_expires_at,"
    " seller_name = EXCLUDED.seller_name, seller_base_region = EXCLUDED.seller_base_region,"
    " granted_scopes = EXCLUDED.granted_scopes"
)
_SELECT = (
    "SELECT open_id, access_token, access_token_expires_at, refresh_token,"
    " refresh_token_expires_at, seller_name, seller_base_region, granted_scopes,"
    " refresh_holder, refresh_until FROM {s}.tiktokshop_tokens WHERE grant_key = %s"
)


class PostgresTokenStore(PostgresStore):
    """A TokenStore in PostgreSQL shared by every worker: each grant is refreshed once at a
    time (a lease on its row, taken with ``SELECT ... FOR UPDATE`` in a short transaction)."""

    def __init__(
        self,
        conninfo: str | psycopg_pool.ConnectionPool[Any],
        *,
        schema: str = "public",
        max_connections: int = 4,
    ) -> None:
        self._open(conninfo, schema, max_connections)
        self._init(self._db)

    @classmethod
    def _sharing(cls, db: Database) -> PostgresTokenStore:
        store = cls.__new__(cls)
        store._init(db)
        return store

    def _init(self, db: Database) -> None:
        self._db = db
        self._upsert = db.sql(_UPSERT)
        self._select = db.sql(_SELECT)

    def load(self, grant: str) -> TokenSet | None:
        """The tokens stored for ``grant``, or None."""
        with self._db.transaction() as conn:
            row = conn.execute(self._select, (grant,)).fetchone()
        return None if row is None else tokens_from_row(row, damaged=self._damaged(grant))

    def _damaged(self, grant: str) -> DamagedRow:
        schema = self._db.schema
        return DamagedRow(
            owner="PostgresTokenStore",
            where=f"table {schema}.tiktokshop_tokens",
            path=f"postgres:{schema}",
            grant=grant,
            kind=PostgresStoreError,
        )

    def save(self, grant: str, tokens: TokenSet) -> None:
        """Store both tokens for ``grant`` in one statement (a refresh lease stays as it is)."""
        with self._db.transaction() as conn:
            conn.execute(self._upsert, token_row(grant, tokens))

    def delete(self, grant: str) -> None:
        """Forget ``grant``."""
        with self._db.transaction() as conn:
            conn.execute(
                self._db.sql("DELETE FROM {s}.tiktokshop_tokens WHERE grant_key = %s"), (grant,)
            )

    def grants(self) -> list[str]:
        """Every grant with stored tokens."""
        with self._db.transaction() as conn:
            rows = conn.execute(
                self._db.sql("SELECT grant_key FROM {s}.tiktokshop_tokens ORDER BY grant_key")
            ).fetchall()
        return [r[0] for r in rows]

    def claim_refresh(
        self, grant: str, *, stale: str, holder: str, now: datetime, ttl: timedelta
    ) -> RefreshClaim:
        """Lock the row (``FOR UPDATE``), re-read it, and lease the refresh if its token is
        still ``stale`` and no other holder's lease is live; the lock ends with this call."""
        with self._db.transaction() as conn:
            row = conn.execute(self._select + " FOR UPDATE", (grant,)).fetchone()
            claim = claim_from_row(
                row, stale=stale, holder=holder, now=now, damaged=self._damaged(grant)
            )
            if claim.claimed:
                until = now + ttl
                conn.execute(
                    self._db.sql(
                        "UPDATE {s}.tiktokshop_tokens SET refresh_holder = %s,"
                        " refresh_until = %s WHERE grant_key = %s"
                    ),
                    (holder, until.timestamp(), grant),
                )
                claim = attrs.evolve(claim, until=until)
        return claim

    def finish_refresh(self, grant: str, *, holder: str, tokens: TokenSet | None) -> None:
        """Store the refreshed ``tokens`` (if any) and drop ``holder``'s lease atomically."""
        with self._db.transaction() as conn:
            if tokens is not None:
                conn.execute(self._upsert, token_row(grant, tokens))
            conn.execute(
                self._db.sql(
                    "UPDATE {s}.tiktokshop_tokens SET refresh_holder = NULL, refresh_until = NULL"
                    " WHERE grant_key = %s AND refresh_holder = %s"
                ),
                (grant, holder),
            )
