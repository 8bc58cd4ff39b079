"""Seller tokens: the TokenSet value, the TokenStore protocol, and in-memory and SQLite stores.

Stores that several workers share also implement :class:`RefreshLeases`: a refresh lease
recorded on the grant's row (holder and expiry, never a database lock held across the call to
TikTok), so one worker refreshes a grant while the others wait for its result.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import attrs

from .._exceptions import StoreError
from .clock import utc_from_timestamp

if TYPE_CHECKING:  # sqlite3 loads with the first SQLite store, not with the client
    from .sqlite import Database

__all__ = [
    "InMemoryTokenStore",
    "RefreshClaim",
    "RefreshLeases",
    "SQLiteTokenStore",
    "TokenSet",
    "TokenStore",
]


def _scopes(value: Iterable[str]) -> tuple[str, ...]:
    # A Python function, not ``converter=tuple``: attrs reads a converter's signature, and for
    # a builtin that means parsing its text signature (about 1.5 ms at import).
    return tuple(value)


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
    granted_scopes: tuple[str, ...] = attrs.field(default=(), converter=_scopes)

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


@attrs.frozen(kw_only=True)
class RefreshClaim:
    """A store's answer to "may I refresh this grant?", read in one transaction.

    ``tokens`` are the stored tokens (None: the grant is gone). ``claimed`` means the caller
    now holds the refresh lease and must refresh ``tokens`` then call ``finish_refresh``. If
    not claimed, either the stored access token is no longer the stale one (another worker
    refreshed it: use ``tokens``) or ``holder`` is refreshing it until ``until`` (wait).
    """

    tokens: TokenSet | None
    claimed: bool
    holder: str | None = None
    until: datetime | None = None


@runtime_checkable
class RefreshLeases(Protocol):
    """A TokenStore shared by several workers: one refreshes a grant, the others wait.

    Optional: a store without these methods keeps the per-process single flight (and, after
    TikTok refuses a refresh, re-reads the store for tokens another worker saved).
    """

    def claim_refresh(
        self, grant: str, *, stale: str, holder: str, now: datetime, ttl: timedelta
    ) -> RefreshClaim:
        """In one transaction: read ``grant``'s row; lease it to ``holder`` until ``now + ttl``
        if its access token is still ``stale`` and no other holder's lease is live."""
        ...

    def finish_refresh(self, grant: str, *, holder: str, tokens: TokenSet | None) -> None:
        """Store ``tokens`` (if the refresh succeeded) and drop ``holder``'s lease, atomically."""
        ...


def decide_claim(
    tokens: TokenSet | None,
    lease: tuple[str, datetime] | None,
    *,
    stale: str,
    holder: str,
    now: datetime,
) -> RefreshClaim:
    """The claim rule every store applies inside its transaction (one place, same answers)."""
    if tokens is None or tokens.access_token != stale:
        return RefreshClaim(tokens=tokens, claimed=False)
    if lease is not None and lease[0] != holder and lease[1] > now:
        return RefreshClaim(tokens=tokens, claimed=False, holder=lease[0], until=lease[1])
    return RefreshClaim(tokens=tokens, claimed=True, holder=holder)


class InMemoryTokenStore:
    """A process-local TokenStore, for tests, notebooks and short scripts."""

    def __init__(self, initial: dict[str, TokenSet] | None = None) -> None:
        self._tokens: dict[str, TokenSet] = dict(initial or {})
        self._leases: dict[str, tuple[str, datetime]] = {}
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
            self._leases.pop(grant, None)

    def claim_refresh(
        self, grant: str, *, stale: str, holder: str, now: datetime, ttl: timedelta
    ) -> RefreshClaim:
        """Lease ``grant``'s refresh to ``holder`` if its token is still ``stale`` and free."""
        with self._lock:
            claim = decide_claim(
                self._tokens.get(grant),
                self._leases.get(grant),
                stale=stale,
                holder=holder,
                now=now,
            )
            if claim.claimed:
                self._leases[grant] = (holder, now + ttl)
                claim = attrs.evolve(claim, until=now + ttl)
            return claim

    def finish_refresh(self, grant: str, *, holder: str, tokens: TokenSet | None) -> None:
        """Store the refreshed ``tokens`` (if any) and drop ``holder``'s lease."""
        with self._lock:
            if tokens is not None:
                self._tokens[grant] = tokens
            if self._leases.get(grant, ("",))[0] == holder:
                del self._leases[grant]

    def grants(self) -> list[str]:
        """Every grant with stored tokens."""
        with self._lock:
            return sorted(self._tokens)

    def __repr__(self) -> str:
        return f"InMemoryTokenStore(grants={self.grants()!r})"


_COLUMNS = (
    "grant_key, open_id, access_token, access_token_expires_at, refresh_token,"
    " refresh_token_expires_at, seller_name, seller_base_region, granted_scopes"
)
_UPSERT = (
    f"INSERT INTO tiktokshop_tokens ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (grant_key) DO UPDATE SET open_id = excluded.open_id,"
    " access_token = excluded.access_token,"
    " access_token_expires_at = excluded.access_token_expires_at,"
    " refresh_token = excluded.refresh_token,"
    " refresh_token_expires_at = excluded.refresh_token_expires_at,"
    " seller_name = excluded.seller_name, seller_base_region = excluded.seller_base_region,"
    " granted_scopes = excluded.granted_scopes"
)
_SELECT = (
    "SELECT open_id, access_token, access_token_expires_at, refresh_token,"
    " refresh_token_expires_at, seller_name, seller_base_region, granted_scopes,"
    " refresh_holder, refresh_until FROM tiktokshop_tokens WHERE grant_key = ?"
)


def token_row(grant: str, tokens: TokenSet) -> tuple[object, ...]:
    """The stored columns of ``tokens`` (expiries as Unix seconds, scopes as JSON)."""
    return (
        grant,
        tokens.open_id,
        tokens.access_token,
        int(tokens.access_token_expires_at.timestamp()),
        tokens.refresh_token,
        int(tokens.refresh_token_expires_at.timestamp()),
        tokens.seller_name,
        tokens.seller_base_region,
        json.dumps(list(tokens.granted_scopes)),
    )


def tokens_from_row(row: Sequence[Any], *, damaged: DamagedRow) -> TokenSet:
    """A TokenSet from the first eight columns of ``_SELECT`` (any store that keeps them).

    A row that cannot be read (edited by hand, half-restored) raises ``damaged``'s StoreError.
    """
    try:
        tokens = TokenSet(
            open_id=_text(row[0]),
            access_token=_text(row[1]),
            access_token_expires_at=utc_from_timestamp(_seconds(row[2])),
            refresh_token=_text(row[3]),
            refresh_token_expires_at=utc_from_timestamp(_seconds(row[4])),
            seller_name=_text(row[5]),
            seller_base_region=_text(row[6]),
            granted_scopes=_scope_list(row[7]),
        )
    except (ValueError, TypeError, OverflowError, OSError) as exc:
        # The cause's text is left out: a value of the row (a token) could be quoted in it.
        raise damaged.error(type(exc).__name__) from None
    return tokens


@attrs.frozen(kw_only=True)
class DamagedRow:
    """How a store reports a token row it cannot read: its name, where, the grant, its error."""

    owner: str
    where: str
    path: str
    grant: str
    kind: type[StoreError] = StoreError

    def error(self, cause: str) -> StoreError:
        """The typed error: which store and grant, and what to do (never the tokens)."""
        return self.kind(
            f"{self.owner}: the stored tokens of grant {self.grant!r} in {self.where} cannot be "
            f"read ({cause}: a column was changed outside tiktokshop-sync). Have the seller "
            "re-authorize the app (`tiktokshop-sync auth url`, then `auth exchange CODE`), "
            "which replaces the row, or delete it with the store's delete(grant).",
            path=self.path,
        )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text column")
    return value


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError("expiry column")
    return value


def _scope_list(value: object) -> tuple[str, ...]:
    scopes = json.loads(value) if isinstance(value, str) else value
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise ValueError("granted_scopes column")
    return tuple(scopes)


def lease_from_row(holder: str | None, until: float | None) -> tuple[str, datetime] | None:
    """The refresh lease columns as (holder, until), or None when nobody holds it."""
    if holder is None or until is None:
        return None
    return holder, utc_from_timestamp(until)


def claim_from_row(
    row: Sequence[Any] | None, *, stale: str, holder: str, now: datetime, damaged: DamagedRow
) -> RefreshClaim:
    """:func:`decide_claim` on a row of ``_SELECT`` (tokens, then holder and until)."""
    if row is None:
        return decide_claim(None, None, stale=stale, holder=holder, now=now)
    lease = lease_from_row(row[8], row[9])
    tokens = tokens_from_row(row, damaged=damaged)
    return decide_claim(tokens, lease, stale=stale, holder=holder, now=now)


class SQLiteTokenStore:
    """A TokenStore in a SQLite file (stdlib ``sqlite3``), safe across threads and processes.

    The file is created with permissions 0600 because it holds secrets. Each call opens a short
    connection, so the store can be shared freely; WAL mode lets readers and a writer overlap.
    ``":memory:"`` keeps the tokens in one shared connection for the life of the store (tests,
    notebooks). Any SQLite failure is a :class:`~tiktokshop_sync.StoreError` saying what to do.
    Processes on one machine refresh a grant once between them (:class:`RefreshLeases`).
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 30.0) -> None:
        from .sqlite import Database

        self._init(Database(path, timeout=timeout, owner="SQLiteTokenStore"))

    def _init(self, db: Database) -> None:
        from .migrations import prepare_sqlite

        self._db = db
        self.path = db.path
        with db.connect() as conn:
            prepare_sqlite(conn, path=str(db.path), timeout=db.timeout)

    def load(self, grant: str) -> TokenSet | None:
        """The tokens stored for ``grant``, or None."""
        with self._db.connect() as db:
            row = db.execute(_SELECT, (grant,)).fetchone()
        return None if row is None else tokens_from_row(row, damaged=self._damaged(grant))

    def _damaged(self, grant: str) -> DamagedRow:
        where = "the in-memory database" if self._db.in_memory else repr(str(self.path))
        return DamagedRow(owner="SQLiteTokenStore", where=where, path=str(self.path), grant=grant)

    def save(self, grant: str, tokens: TokenSet) -> None:
        """Store both tokens for ``grant`` in one transaction (a refresh lease stays)."""
        with self._db.write() as db:
            db.execute(_UPSERT, token_row(grant, tokens))

    def claim_refresh(
        self, grant: str, *, stale: str, holder: str, now: datetime, ttl: timedelta
    ) -> RefreshClaim:
        """Under ``BEGIN IMMEDIATE``: lease ``grant``'s refresh if its token is still ``stale``.

        The write lock lasts for this read-and-mark only; the refresh itself runs outside it.
        """
        with self._db.write() as db:
            row = db.execute(_SELECT, (grant,)).fetchone()
            claim = claim_from_row(
                row, stale=stale, holder=holder, now=now, damaged=self._damaged(grant)
            )
            if claim.claimed:
                until = now + ttl
                db.execute(
                    "UPDATE tiktokshop_tokens SET refresh_holder = ?, refresh_until = ?"
                    " WHERE grant_key = ?",
                    (holder, until.timestamp(), grant),
                )
                claim = attrs.evolve(claim, until=until)
        return claim

    def finish_refresh(self, grant: str, *, holder: str, tokens: TokenSet | None) -> None:
        """Store the refreshed ``tokens`` (if any) and drop ``holder``'s lease in one write."""
        with self._db.write() as db:
            if tokens is not None:
                db.execute(_UPSERT, token_row(grant, tokens))
            db.execute(
                "UPDATE tiktokshop_tokens SET refresh_holder = NULL, refresh_until = NULL"
                " WHERE grant_key = ? AND refresh_holder = ?",
                (grant, holder),
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


def shared_token_store(db: Database) -> SQLiteTokenStore:
    """A token store in a database another store opened (one file, or one memory db).

    For the embedded state store, which keeps the seller tokens beside the workflow state so one
    path is all a host configures; not published (a host opens ``SQLiteTokenStore(path)``).
    """
    store = SQLiteTokenStore.__new__(SQLiteTokenStore)
    store._init(db)
    return store
