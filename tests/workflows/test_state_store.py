"""The SQLite state store keeps cursors, versions, ledger, holds, stock and links durably."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tiktokshop_sync.workflows.state import HoldRecord, LedgerEntry, SQLiteStateStore, StateStore

T0 = datetime(2026, 11, 20, 1, 2, 3, tzinfo=timezone.utc)


def test_it_implements_the_state_store_protocol(tmp_path: Path) -> None:
    assert isinstance(SQLiteStateStore(tmp_path / "s.db"), StateStore)


def test_cursors_survive_reopening_the_file(tmp_path: Path) -> None:
    SQLiteStateStore(tmp_path / "s.db").set_cursor("shop", "orders", T0)
    assert SQLiteStateStore(tmp_path / "s.db").get_cursor("shop", "orders") == T0


def test_cursors_are_per_shop_and_job(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.set_cursor("a", "orders", T0)
    assert store.get_cursor("b", "orders") is None
    assert store.get_cursor("a", "cancellations") is None


def test_order_versions_keep_the_latest_recorded(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.record_versions("shop", [("1", 100, "UNPAID"), ("2", 200, "ON_HOLD")])
    store.record_versions("shop", [("1", 150, "AWAITING_SHIPMENT")])
    assert store.seen_versions("shop", ["1", "2", "3"]) == {"1": 150, "2": 200}


def test_version_lookup_handles_more_ids_than_sqlite_parameters(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    ids = [str(n) for n in range(2_000)]
    store.record_versions("shop", [(i, 1, "X") for i in ids])
    assert len(store.seen_versions("shop", ids)) == 2_000


def test_ledger_entries_move_from_pending_to_done(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    entry = LedgerEntry(
        shop="s", key="ship:1:all", kind="mark_shipped", status="pending", detail={"t": "1234"}
    )
    store.ledger_put(entry)
    assert [e.key for e in store.ledger_pending("s")] == ["ship:1:all"]
    store.ledger_put(
        LedgerEntry(shop="s", key="ship:1:all", kind="mark_shipped", status="done", updated_at=T0)
    )
    assert store.ledger_pending("s") == []
    assert store.ledger_get("s", ["ship:1:all"])["ship:1:all"].updated_at == T0


def test_holds_are_added_and_dropped(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.put_holds([HoldRecord(shop="s", order_id="9", until=T0, reason="on_hold")])
    assert store.holds("s") == [HoldRecord(shop="s", order_id="9", until=T0, reason="on_hold")]
    store.drop_holds("s", ["9"])
    assert store.holds("s") == []


def test_holds_can_be_read_for_some_orders_only(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.put_holds(
        HoldRecord(shop="s", order_id=str(i), until=T0, reason="on_hold") for i in range(1200)
    )
    wanted = [str(i) for i in range(0, 1200, 2)] + ["not-held"]
    found = store.holds("s", order_ids=wanted)
    assert sorted(h.order_id for h in found) == sorted(wanted[:-1])
    assert store.holds("s", order_ids=[]) == []


def test_holds_due_by_a_time_leave_out_later_and_open_ended_holds(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.put_holds(
        [
            HoldRecord(shop="s", order_id="due", until=T0, reason="on_hold"),
            HoldRecord(shop="s", order_id="later", until=T0 + timedelta(hours=1), reason="x"),
            HoldRecord(shop="s", order_id="open", until=None, reason="unpaid"),
        ]
    )
    assert [h.order_id for h in store.holds("s", due_by=T0)] == ["due"]
    assert [h.order_id for h in store.holds("s", due_by=T0, order_ids=["later"])] == []


def test_pushed_quantities_and_product_links_round_trip(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.record_pushed("s", [("sku1", "wh1", 8)])
    store.put_product_link("s", "cat-1", {"product_id": "p1", "sku_ids": {"A": "1"}})
    assert store.pushed_quantities("s") == {("sku1", "wh1"): 8}
    assert store.product_links("s") == {"cat-1": {"product_id": "p1", "sku_ids": {"A": "1"}}}


def test_the_state_file_is_private_and_also_holds_tokens(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    assert stat.S_IMODE(os.stat(tmp_path / "s.db").st_mode) == 0o600
    assert store.tokens.path == store.path
