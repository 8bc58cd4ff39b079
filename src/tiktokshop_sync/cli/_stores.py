"""Where the CLI keeps tokens and workflow state: a store URL opened by its scheme.

A plain path or ``sqlite:///path`` opens :class:`~tiktokshop_sync.workflows.SQLiteStateStore`
(tokens and state in one 0600 file); ``postgresql://…`` opens
:class:`~tiktokshop_sync.postgres.PostgresStateStore` (the ``postgres`` extra; ``?schema=NAME``
picks the schema). Another backend registers an opener for its scheme in :data:`OPENERS`: the
commands only use what :class:`CliStore` lists.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import parse_qsl, urlencode, urlsplit

from tiktokshop_sync import ConfigurationError, TokenStore
from tiktokshop_sync.workflows import SQLiteStateStore, StateStore

__all__ = ["OPENERS", "CliStore", "GrantTokens", "default_store_path", "open_store"]


@runtime_checkable
class GrantTokens(TokenStore, Protocol):
    """A token store that can list its grants (``auth status`` and ``tokens health`` need it)."""

    def grants(self) -> list[str]:
        """Every grant (seller ``open_id``) with stored tokens."""
        ...


@runtime_checkable
class CliStore(StateStore, Protocol):
    """What the commands need from a store: workflow state plus its seller tokens."""

    @property
    def tokens(self) -> GrantTokens:
        """The seller tokens kept in the same database."""
        ...


def _sqlite(location: str) -> CliStore:
    path = Path(location).expanduser()
    if location != ":memory:":
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    store = SQLiteStateStore(location if location == ":memory:" else path)
    return store


def _postgres(url: str) -> CliStore:
    from tiktokshop_sync.postgres import PostgresStateStore

    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in query if k == "schema"), "public")
    # libpq refuses parameters it does not know: ``schema`` is ours, the rest is libpq's.
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    # Built by hand: urlunsplit drops the "//" of an empty host (postgresql:///db?host=/run).
    conninfo = f"postgresql://{parts.netloc}{parts.path}" + (f"?{rest}" if rest else "")
    return PostgresStateStore(conninfo, schema=schema)


#: Store openers by URL scheme; another backend adds its own here.
OPENERS: dict[str, Callable[[str], CliStore]] = {
    "sqlite": _sqlite,
    "postgresql": _postgres,
    "postgres": _postgres,
}


def default_store_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_STATE_HOME/tiktokshop-sync/state.db`` (``~/.local/state/…`` when unset)."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "tiktokshop-sync" / "state.db"


def open_store(url: str | None) -> CliStore:
    """Open the store ``url`` names: a path, ``sqlite:///path``, or a registered scheme."""
    if not url:
        return _sqlite(str(default_store_path()))
    scheme, rest = _split(url)
    opener = OPENERS.get(scheme)
    if opener is None:
        raise ConfigurationError(
            f"store {_shown(url)!r}: no store is registered for {scheme}://; use a SQLite file "
            "path such as ~/.local/state/tiktokshop-sync/state.db (or sqlite:///path) or a "
            "postgresql:// URL."
        )
    return opener(rest)


def _split(url: str) -> tuple[str, str]:
    if "://" not in url:
        return "sqlite", url
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///abs/path and sqlite:///:memory: (SQLAlchemy's spelling); sqlite://rel/path.
        path = url.split("://", 1)[1]
        return "sqlite", path[1:] if path.startswith("/:memory:") else (path or ":memory:")
    return parts.scheme, url


def _shown(url: str) -> str:
    """The URL without a password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url
