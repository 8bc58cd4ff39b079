"""Seller tokens: the TokenSet value, the TokenStore protocol, and in-memory and SQLite stores."""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

import attrs

from .clock import utc_from_timestamp
from .sqlite import Database

__all__ = ["InMemoryTokenStore", "SQLiteTokenStore", "TokenSet", "TokenStore"]


def _aware(_inst: object, attribute: attrs.Attribute[datetime], value: datetime) -> None:
    if value.tzinfo is None:
        raise ValueError(f"{attribute.name} must be timezone-aware (UTC), got a naive datetime")


@attrs.frozen(kw_only=True)
class TokenSet:
    """A seller's access and refresh tokens with their absolute expiry times.

    TikTok names the expiries ``*_expire_in`` but sends Unix timestamps, not durations.
    Tokens never appear in ``repr()``.
    """

    access_token: str = attrs.field(repr=False)
    access_token_expires_at: datetime = attrs.field(validator=_aware)
    refresh_token: str = attrs.field(repr=False)
    refresh_token_expires_at: datetime = attrs.field(validator=_aware)
    open_id: str
    seller_name: str = ""
    seller_base_region: str = ""
    granted_scopes: tuple[str, ...] = attrs.field(default=(), converter=tuple)

    def access_token_usable(self, now: datetime, margin: timedelta = timedelta(0)) -> bool:
        """Whether the access token is still valid ``margin`` from ``now``."""
        return self.access_token_expires_at - margin > now

    def refresh_token_usable(self, now: datetime) -> bool:
        """Whether the refresh token can still be used to get a new access token."""
        return self.refresh_token_expires_at > now


@runtime_checkable
class TokenStore(Protocol):
    """Where tokens live between runs, keyed by grant (the seller's ``open_id``).

    ``save`` must persist both tokens in one write: a refresh rotates the refresh token too,
    and losing the new one would force the shop owner to re-authorize.
    """

    def load(self, grant: str) -> TokenSet | None:
        """The tokens stored for ``grant``, or None."""
        ...

    def save(self, grant: str, tokens: TokenSet) -> None:
        """Store both tokens for ``grant`` atomically, replacing what was there."""
        ...

    def delete(self, grant: str) -> None:
        """Forget ``grant`` (after a deauthorization)."""
        ...


class InMemoryTokenStore:
    """A process-local TokenStore, for tests, notebooks and short scripts."""

    def __init__(self, initial: dict[str, TokenSet] | None = None) -> None:
        self._tokens: dict[str, TokenSet] = dict(initial or {})
        self._lock = threading.Lock()

    def load(self, grant: str) -> TokenSet | None:
        """The tokens stored for ``grant``, or None."""
        with self._lock:
            return self._tokens.get(grant)

    def save(self, grant: str, tokens: TokenSet) -> None:
        """Store both tokens for ``grant``."""
        with self._lock:
            self._tokens[grant] = tokens

    def delete(self, grant: str) -> None:
        """Forget ``grant``."""
        with self._lock:
            self._tokens.pop(grant, None)

    def grants(self) -> list[str]:
        """Every grant with stored tokens."""
        with self._lock:
            return sorted(self._tokens)

    def __repr__(self) -> str:
        return f"InMemoryTokenStore(grants={self.grants()!r})"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS tiktokshop_tokens (
    grant_key TEXT PRIMARY KEY,
    open_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    access_token_expires_at INTEGER NOT NULL,
    refresh_token TEXT NOT NULL,
    refresh_token_expires_at INTEGER NOT NULL,
    seller_name TEXT NOT NULL DEFAULT '',
    seller_base_region TEXT NOT NULL DEFAULT '',
    granted_scopes TEXT NOT NULL DEFAULT '[]'
)
"""


class SQLiteTokenStore:
    """A TokenStore in a SQLite file (stdlib ``sqlite3``), safe across threads and processes.

    The file is created with permissions 0600 because it holds secrets. Each call opens a short
    connection, so the store can be shared freely; WAL mode lets readers and a writer overlap.
    ``":memory:"`` keeps the tokens in one shared connection for the life of the store (tests,
    notebooks). Any SQLite failure is a :class:`~tiktokshop_sync.StoreError` saying what to do.
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        self._init(Database(path, timeout=timeout, owner="SQLiteTokenStore"))

    @classmethod
    def _sharing(cls, db: Database) -> SQLiteTokenStore:
        """A token store in a database another store opened (one file, or one memory db)."""
        store = cls.__new__(cls)
        store._init(db)
        return store

    def _init(self, db: Database) -> None:
        self._db = db
        self.path = db.path
        with db.connect() as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(_SCHEMA)

    def load(self, grant: str) -> TokenSet | None:
        """The tokens stored for ``grant``, or None."""
        with self._db.connect() as db:
            row = db.execute(
                "SELECT open_id, access_token, access_token_expires_at, refresh_token,"
                " refresh_token_expires_at, seller_name, seller_base_region, granted_scopes"
                " FROM tiktokshop_tokens WHERE grant_key = ?",
                (grant,),
            ).fetchone()
        if row is None:
            return None
        return TokenSet(
            open_id=row[0],
            access_token=row[1],
            access_token_expires_at=utc_from_timestamp(row[2]),
            refresh_token=row[3],
            refresh_token_expires_at=utc_from_timestamp(row[4]),
            seller_name=row[5],
            seller_base_region=row[6],
            granted_scopes=tuple(json.loads(row[7])),
        )

    def save(self, grant: str, tokens: TokenSet) -> None:
        """Store both tokens for ``grant`` in one transaction."""
        with self._db.write() as db:
            db.execute(
                "INSERT OR REPLACE INTO tiktokshop_tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    grant,
                    tokens.open_id,
                    tokens.access_token,
                    int(tokens.access_token_expires_at.timestamp()),
                    tokens.refresh_token,
                    int(tokens.refresh_token_expires_at.timestamp()),
                    tokens.seller_name,
                    tokens.seller_base_region,
                    json.dumps(list(tokens.granted_scopes)),
                ),
            )

    def delete(self, grant: str) -> None:
        """Forget ``grant``."""
        with self._db.connect() as db:
            db.execute("DELETE FROM tiktokshop_tokens WHERE grant_key = ?", (grant,))

    def grants(self) -> list[str]:
        """Every grant with stored tokens."""
        with self._db.connect() as db:
            rows = db.execute("SELECT grant_key FROM tiktokshop_tokens ORDER BY grant_key")
            return [r[0] for r in rows.fetchall()]

    def __repr__(self) -> str:
        return f"SQLiteTokenStore({str(self.path)!r})"
