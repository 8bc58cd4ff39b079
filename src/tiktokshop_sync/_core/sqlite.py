"""The SQLite database behind the embedded stores: a file, or one shared in-memory connection.

A file (WAL mode, created 0600) gets one connection per thread, opened on first use and kept
(a new connection parses the schema again, which costs more than most calls); each call is
still one statement or one short transaction, so threads and processes share the file safely.
A call made while another of the same thread holds its connection opens a short one of its
own. ``":memory:"`` keeps one connection for the store's life, used under a lock,
because every new connection to ``:memory:`` would be a new, empty database. Every
``sqlite3`` error leaves as a :class:`~tiktokshop_sync.StoreError` that says what to do.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from .._exceptions import StoreError
from . import settings

__all__ = ["MEMORY", "Database", "create_private_file"]

MEMORY = ":memory:"
MAX_BUSY_SECONDS = 3600.0


class Database:
    """Where a store's tables live; ``connect()`` and ``write()`` hand out a connection."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float, owner: str) -> None:
        self.owner = owner
        self.timeout = settings.seconds(f"{owner}(timeout)", timeout, high=MAX_BUSY_SECONDS)
        self.in_memory = isinstance(path, str) and path == MEMORY
        if not isinstance(path, str | os.PathLike) or not os.fspath(path):
            raise StoreError(
                f"{owner} needs a file path such as 'state.db' (or ':memory:' for a store that "
                f"lives as long as this object), got {path!r}.",
                path=str(path),
            )
        self.path = Path(path)
        self._shared: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._local = threading.local()
        if self.in_memory:
            # One connection for the store's life, used by one thread at a time (the lock).
            self._shared = self._open(MEMORY)
            return
        try:
            create_private_file(self.path)
        except OSError as exc:
            raise StoreError(
                f"{owner} cannot create {str(self.path)!r}: {exc.strerror or exc}. Check that "
                "the path names a file (not a directory) in a directory this process may "
                "write to.",
                path=str(self.path),
            ) from exc

    def _open(self, target: str | Path, *, same_thread: bool = True) -> sqlite3.Connection:
        try:
            return sqlite3.connect(
                target,
                timeout=self.timeout,
                isolation_level=None,
                check_same_thread=same_thread and target != MEMORY,
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for one call; sqlite3 errors become :class:`StoreError`."""
        if self._shared is not None:
            with self._lock:
                try:
                    yield self._shared
                except sqlite3.Error as exc:
                    raise self._error(exc) from exc
            return
        kept = self._kept()
        if kept is None:  # a call inside another of this thread: a connection of its own
            db = self._open(self.path)
            try:
                yield db
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
            finally:
                db.close()
            return
        kept.busy = True
        try:
            yield kept.db
        except sqlite3.Error as exc:
            self._local.kept = None  # a connection that failed is not used again
            raise self._error(exc) from exc
        except BaseException:
            self._drop_if_in_transaction(kept)
            raise
        else:
            self._drop_if_in_transaction(kept)
        finally:
            kept.busy = False

    def _drop_if_in_transaction(self, kept: _Kept) -> None:
        """A transaction a caller left open is never carried into the next call."""
        if kept.db.in_transaction:
            self._local.kept = None

    def _kept(self) -> _Kept | None:
        """This thread's connection to the file (opened on first use), or None while a call of
        this thread already uses it.

        Each new connection parses the schema before its first statement (about 0.2 ms, more
        than a typical call's work), so a thread keeps one; each call is still one statement or
        one transaction, and another process sees its commits as before.
        """
        kept: _Kept | None = getattr(self._local, "kept", None)
        pid = os.getpid()
        if kept is None or kept.pid != pid:  # first use in this thread, or a forked child
            kept = _Kept(self._open(self.path, same_thread=False), pid)
            self._local.kept = kept
        return None if kept.busy else kept

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one ``BEGIN IMMEDIATE`` transaction, committed on success."""
        with self.connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def _error(self, exc: sqlite3.Error) -> StoreError:
        where = "the in-memory database" if self.in_memory else repr(str(self.path))
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            fix = (
                f"stayed locked for {self.timeout:g} s: another process or thread holds a "
                "write transaction. Retry later, pass a longer timeout=..., or give each "
                "process its own file"
            )
        elif "readonly" in text or "read-only" in text:
            fix = (
                "is read-only: give this process write access to the file and its directory "
                "(SQLite writes -wal and -shm files next to it)"
            )
        elif "unable to open" in text:
            fix = (
                "cannot be opened: check that its directory exists and this process may write "
                "there, and that the path names a file, not a directory"
            )
        elif "not a database" in text or "malformed" in text or "corrupt" in text:
            fix = (
                "is not a SQLite database or is damaged: point the store at a new path, or "
                "restore the file from a backup"
            )
        elif "disk" in text or "full" in text:
            fix = "could not be written (disk full or I/O error): free space and retry"
        else:
            fix = f"failed ({type(exc).__name__}: {exc}); check the file and retry"
        return StoreError(f"{self.owner}: {where} {fix}.", path=str(self.path))


class _Kept:
    """A thread's connection to the file, closed when the thread or the store goes away."""

    __slots__ = ("busy", "db", "pid")

    def __init__(self, db: sqlite3.Connection, pid: int) -> None:
        self.db = db
        self.pid = pid
        self.busy = False

    def __del__(self) -> None:
        if self.pid != os.getpid():
            # Inherited through fork(): SQLite forbids touching a parent's connection in the
            # child, closing included (a close may checkpoint the parent's WAL), so it is
            # kept, unused, for the life of the process.
            _INHERITED.append(self.db)
            return
        with contextlib.suppress(Exception):  # a close that fails leaves nothing to clean up
            self.db.close()


#: Connections inherited from a parent process, never closed in this one.
_INHERITED: list[sqlite3.Connection] = []


def create_private_file(path: Path) -> None:
    """Create ``path`` readable by its owner only, before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
