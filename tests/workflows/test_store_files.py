"""The SQLite stores in memory and on bad files: one shared connection, typed errors only."""

from __future__ import annotations

import os
import pickle
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tiktokshop_sync import SQLiteTokenStore, StoreError, TokenSet
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport
from tiktokshop_sync.workflows.state import LedgerEntry, SQLiteStateStore

T0 = datetime(2026, 11, 20, 1, 2, 3, tzinfo=timezone.utc)
Store = Callable[[str | Path], object]
STORES: list[Store] = [SQLiteStateStore, SQLiteTokenStore]


def _tokens(open_id: str = "seller") -> TokenSet:
    return TokenSet(
        access_token="a",
        access_token_expires_at=T0 + timedelta(days=7),
        refresh_token="r",
        refresh_token_expires_at=T0 + timedelta(days=365),
        open_id=open_id,
    )


@pytest.mark.parametrize("store", STORES)
def test_an_in_memory_store_leaves_no_file_named_memory(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store(":memory:")
    assert os.listdir(tmp_path) == []


def test_an_in_memory_state_store_keeps_what_it_was_given() -> None:
    store = SQLiteStateStore(":memory:")
    store.set_cursor("shop", "orders", T0)
    store.ledger_put(LedgerEntry(shop="shop", key="k", kind="ship", status="done"))
    assert store.get_cursor("shop", "orders") == T0
    assert store.ledger_get("shop", ["k"])["k"].status == "done"


def test_an_in_memory_state_store_shares_its_database_with_its_tokens() -> None:
    store = SQLiteStateStore(":memory:")
    store.tokens.save("seller", _tokens())
    store.set_cursor("shop", "orders", T0)
    loaded = store.tokens.load("seller")
    assert loaded is not None and loaded.open_id == "seller"
    assert store.tokens.grants() == ["seller"]


def test_two_in_memory_stores_are_separate() -> None:
    first, second = SQLiteTokenStore(":memory:"), SQLiteTokenStore(":memory:")
    first.save("seller", _tokens())
    assert second.load("seller") is None


def test_an_in_memory_store_is_safe_for_concurrent_threads() -> None:
    store = SQLiteStateStore(":memory:")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(25):
                store.record_versions("shop", [(f"{n}-{i}", i, "UNPAID")])
                store.tokens.save(f"seller-{n}", _tokens(f"seller-{n}"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ids = [f"{n}-{i}" for n in range(8) for i in range(25)]
    assert len(store.seen_versions("shop", ids)) == 200
    assert len(store.tokens.grants()) == 8


def test_an_order_import_runs_on_an_in_memory_store() -> None:
    fake = FakeShop(seed=5)
    fake.create_orders(5)
    store = SQLiteStateStore(":memory:")
    client = fake.client(token_store=store.tokens)
    tokens = client.oauth.exchange_code(fake.authorize())
    shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
    job = OrderImport(shop=shop, state=store, sink=InMemoryOms())
    first = job.run()
    assert first.delivered + first.skipped == 5
    assert job.run().delivered == 0


@pytest.mark.parametrize("store", STORES)
def test_a_file_that_is_not_a_database_is_a_store_error_saying_what_to_do(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is a text file, not SQLite " * 64)
    with pytest.raises(StoreError, match="not a SQLite database or is damaged") as caught:
        store(path)
    assert caught.value.path == str(path)
    assert isinstance(caught.value.__cause__, sqlite3.DatabaseError)


@pytest.mark.parametrize("store", STORES)
def test_a_directory_given_as_the_path_is_a_store_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="names a file"):
        store(tmp_path)


@pytest.mark.parametrize("store", STORES)
def test_an_empty_path_is_a_store_error_not_a_temporary_database(store: Store) -> None:
    with pytest.raises(StoreError, match=":memory:"):
        store("")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_file_is_a_store_error_saying_to_give_write_access(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    SQLiteStateStore(path).set_cursor("shop", "orders", T0)
    for name in os.listdir(tmp_path):
        os.chmod(tmp_path / name, 0o400)
    os.chmod(tmp_path, 0o500)
    try:
        with pytest.raises(StoreError, match="write access|cannot be opened"):
            SQLiteStateStore(path).set_cursor("shop", "orders", T0 + timedelta(hours=1))
    finally:
        os.chmod(tmp_path, 0o700)


class _FailingConnection:
    def __init__(self, error: sqlite3.Error) -> None:
        self.error = error

    def execute(self, *_args: object) -> None:
        raise self.error

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("raised", "advice"),
    [
        (sqlite3.OperationalError("attempt to write a readonly database"), "write access"),
        (sqlite3.OperationalError("database or disk is full"), "free space"),
        (sqlite3.OperationalError("disk I/O error"), "free space"),
        (sqlite3.DatabaseError("database disk image is malformed"), "restore the file"),
        (sqlite3.OperationalError("something new"), "something new"),
    ],
)
def test_every_sqlite_failure_becomes_a_store_error_with_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: sqlite3.Error, advice: str
) -> None:
    SQLiteStateStore(tmp_path / "s.db").set_cursor("shop", "orders", T0)
    monkeypatch.setattr(sqlite3, "connect", lambda *_a, **_k: _FailingConnection(raised))
    with pytest.raises(StoreError, match=advice) as caught:
        SQLiteStateStore(tmp_path / "s.db").get_cursor("shop", "orders")
    assert caught.value.__cause__ is raised


def test_a_locked_file_is_a_store_error_naming_the_wait(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = SQLiteStateStore(path, timeout=0.05)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match=r"stayed locked for 0\.05 s"):
            store.set_cursor("shop", "orders", T0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_store_error_survives_pickling_with_its_path(tmp_path: Path) -> None:
    error = StoreError("SQLiteStateStore: 's.db' is read-only.", path="s.db")
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.path) == (str(error), "s.db")


def test_a_careless_busy_timeout_is_refused() -> None:
    from tiktokshop_sync import ConfigurationError

    with pytest.raises(ConfigurationError, match=r"SQLiteStateStore\(timeout\)"):
        SQLiteStateStore(":memory:", timeout=float("nan"))
