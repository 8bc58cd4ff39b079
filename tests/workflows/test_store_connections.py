"""A file store keeps one connection per thread: each call stays one statement or transaction."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tiktokshop_sync import StoreError
from tiktokshop_sync._core import sqlite as sqlite_module
from tiktokshop_sync.workflows.state import SQLiteStateStore

T0 = datetime(2026, 11, 20, 1, 2, 3, tzinfo=timezone.utc)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[sqlite3.Connection]:
    """Every connection the stores open, in order."""
    connections: list[sqlite3.Connection] = []
    connect = sqlite3.connect

    def counting(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        connections.append(connection)
        return connection

    monkeypatch.setattr(sqlite3, "connect", counting)
    return connections


def test_calls_of_one_thread_share_one_connection(
    tmp_path: Path, opened: list[sqlite3.Connection]
) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.set_cursor("shop", "orders", T0)
    store.record_versions("shop", [("1", 10, "AWAITING_SHIPMENT")])
    assert store.seen_versions("shop", ["1"]) == {"1": 10}
    assert store.get_cursor("shop", "orders") == T0
    assert len(opened) == 1


def test_each_thread_has_its_own_connection(
    tmp_path: Path, opened: list[sqlite3.Connection]
) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(20):
                store.record_versions("shop", [(f"{n}-{i}", i, "AWAITING_SHIPMENT")])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.seen_versions("shop", [f"{n}-19" for n in range(3)])) == 3
    assert len(opened) == 4  # the creating thread's, then one per worker thread


def test_commits_are_seen_by_other_connections_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = SQLiteStateStore(path)
    store.set_cursor("shop", "orders", T0)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        assert other.execute("SELECT value FROM wf_cursors").fetchone() == (int(T0.timestamp()),)
        other.execute("UPDATE wf_cursors SET value = ?", (int(T0.timestamp()) + 60,))
        assert store.get_cursor("shop", "orders") == T0 + timedelta(minutes=1)
    finally:
        other.close()


def test_a_call_inside_another_of_the_same_thread_opens_its_own_connection(
    tmp_path: Path, opened: list[sqlite3.Connection]
) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    with store._db.write() as outer:
        outer.execute("INSERT INTO wf_cursors VALUES ('shop', 'a', 1)")
        store.get_cursor("shop", "b")  # would fail with "within a transaction" if shared
    assert len(opened) == 2
    assert store.get_cursor("shop", "a") is not None
    assert len(opened) == 2  # the thread's own is used again once free


def test_a_connection_whose_call_failed_is_replaced(
    tmp_path: Path, opened: list[sqlite3.Connection]
) -> None:
    path = tmp_path / "s.db"
    store = SQLiteStateStore(path, timeout=0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            store.set_cursor("shop", "orders", T0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store.set_cursor("shop", "orders", T0)
    assert store.get_cursor("shop", "orders") == T0
    assert len(opened) == 3  # the first, the holder, the replacement


def test_a_transaction_left_open_by_a_caller_is_not_carried_into_the_next_call(
    tmp_path: Path, opened: list[sqlite3.Connection]
) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    with store._db.connect() as db:
        db.execute("BEGIN")
    store.set_cursor("shop", "orders", T0)  # would fail with "within a transaction"
    assert store.get_cursor("shop", "orders") == T0
    assert len(opened) == 2


def test_a_forked_child_opens_its_own_connection(
    tmp_path: Path, opened: list[sqlite3.Connection], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    inherited = opened[0]
    monkeypatch.setattr(sqlite_module.os, "getpid", lambda: -1)  # as after os.fork()
    store.set_cursor("shop", "orders", T0)
    assert len(opened) == 2 and opened[1] is not inherited
    assert inherited in sqlite_module._INHERITED  # never closed by the child
    inherited.execute("SELECT 1")  # still open
    sqlite_module._INHERITED.remove(inherited)
    inherited.close()


def test_in_lists_take_power_of_two_lengths_so_few_statements_are_kept(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.record_versions("shop", [(str(i), i, "AWAITING_SHIPMENT") for i in range(40)])
    sent: list[str] = []
    with store._db.connect() as db:
        db.set_trace_callback(sent.append)
    try:
        for n in range(1, 41):
            assert store.seen_versions("shop", [str(i) for i in range(n)]) == {
                str(i): i for i in range(n)
            }
    finally:
        with store._db.connect() as db:
            db.set_trace_callback(None)
    lengths = {text.split(" IN (")[1].count(",") + 1 for text in sent if " IN (" in text}
    assert lengths == {1, 2, 4, 8, 16, 32, 64}
