"""State stores (SQLite and PostgreSQL alike) keep cursors, versions, ledger, holds, stock and
links durably; the same tests run on both."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tiktokshop_sync import ConfigurationError
from tiktokshop_sync.workflows.state import (
    BatchLedger,
    CategoryMappingRecord,
    CategoryMappingStore,
    HoldRecord,
    LedgerClaims,
    LedgerEntry,
    RunLeases,
    SQLiteStateStore,
    StateStore,
)

Open = Callable[[], Any]

T0 = datetime(2026, 11, 20, 1, 2, 3, tzinfo=timezone.utc)


def test_it_implements_the_state_store_protocol(open_state: Open) -> None:
    assert isinstance(open_state(), StateStore)


def test_cursors_survive_reopening_the_store(open_state: Open) -> None:
    open_state().set_cursor("shop", "orders", T0)
    assert open_state().get_cursor("shop", "orders") == T0


def test_cursors_are_per_shop_and_job(open_state: Open) -> None:
    store = open_state()
    store.set_cursor("a", "orders", T0)
    assert store.get_cursor("b", "orders") is None
    assert store.get_cursor("a", "cancellations") is None


def test_order_versions_keep_the_latest_recorded(open_state: Open) -> None:
    store = open_state()
    store.record_versions("shop", [("1", 100, "UNPAID"), ("2", 200, "ON_HOLD")])
    store.record_versions("shop", [("1", 150, "AWAITING_SHIPMENT")])
    assert store.seen_versions("shop", ["1", "2", "3"]) == {"1": 150, "2": 200}


def test_a_status_change_at_the_same_update_time_is_recorded(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.record_versions("shop", [("1", 100, "AWAITING_SHIPMENT")])
    store.record_versions("shop", [("1", 100, "CANCELLED")])
    with sqlite3.connect(tmp_path / "s.db") as db:
        rows = db.execute("SELECT order_id, update_time, status FROM wf_order_versions").fetchall()
    assert rows == [("1", 100, "CANCELLED")]


def test_recording_a_version_already_held_leaves_its_sqlite_row_unwritten(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    store.record_versions("shop", [("1", 100, "UNPAID"), ("2", 200, "ON_HOLD")])
    with sqlite3.connect(tmp_path / "s.db") as db:
        db.execute("CREATE TABLE written (order_id TEXT)")
        for event in ("INSERT", "UPDATE", "DELETE"):
            row = "old" if event == "DELETE" else "new"
            db.execute(
                f"CREATE TRIGGER on_{event.lower()} AFTER {event} ON wf_order_versions"
                f" BEGIN INSERT INTO written VALUES ({row}.order_id); END"
            )
    store.record_versions("shop", [("1", 100, "UNPAID"), ("2", 250, "ON_HOLD"), ("3", 1, "X")])
    with sqlite3.connect(tmp_path / "s.db") as db:
        written = sorted(r[0] for r in db.execute("SELECT order_id FROM written"))
    assert written == ["2", "3"]
    assert store.seen_versions("shop", ["1", "2", "3"]) == {"1": 100, "2": 250, "3": 1}


def test_recording_no_versions_takes_no_write_lock(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db", timeout=0.1)
    with sqlite3.connect(tmp_path / "s.db", isolation_level=None) as other:
        other.execute("BEGIN IMMEDIATE")  # another process writing
        store.record_versions("shop", [])
        other.execute("ROLLBACK")


def test_recording_a_version_already_held_leaves_its_postgres_row_unwritten(
    pg_open: Callable[..., Any], postgres_conninfo: str, pg_schema: str
) -> None:
    import psycopg

    from tiktokshop_sync.postgres import PostgresStateStore

    store = pg_open(PostgresStateStore)
    store.record_versions("shop", [("1", 100, "UNPAID"), ("2", 200, "ON_HOLD")])

    def row_versions() -> dict[str, str]:
        # xmin is the transaction that wrote the row's current version: any UPDATE changes it.
        with psycopg.connect(postgres_conninfo) as conn:
            rows = conn.execute(
                f'SELECT order_id, xmin::text FROM "{pg_schema}".wf_order_versions'
            ).fetchall()
        return dict(rows)

    before = row_versions()
    store.record_versions("shop", [("1", 100, "UNPAID"), ("2", 200, "CANCELLED")])
    after = row_versions()
    assert after["1"] == before["1"]
    assert after["2"] != before["2"]


def test_version_lookup_handles_more_ids_than_sqlite_parameters(open_state: Open) -> None:
    store = open_state()
    ids = [str(n) for n in range(2_000)]
    store.record_versions("shop", [(i, 1, "X") for i in ids])
    assert len(store.seen_versions("shop", ids)) == 2_000


def test_ledger_entries_move_from_pending_to_done(open_state: Open) -> None:
    store = open_state()
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


def test_many_ledger_entries_are_written_in_one_call_and_replace_older_ones(
    open_state: Open,
) -> None:
    store = open_state()
    assert isinstance(store, BatchLedger)
    store.ledger_put(LedgerEntry(shop="s", key="k0", kind="x", status="pending"))
    store.ledger_put_many(
        [
            LedgerEntry(shop="s", key=f"k{n}", kind="x", status="done", detail={"n": n})
            for n in range(3)
        ]
    )
    store.ledger_put_many([])
    found = store.ledger_get("s", ["k0", "k1", "k2"])
    assert {k: (e.status, e.detail) for k, e in found.items()} == {
        f"k{n}": ("done", {"n": n}) for n in range(3)
    }


def _claim(key: str, at: datetime, status: Any = "pending") -> LedgerEntry:
    return LedgerEntry(shop="s", key=key, kind="cancelled", status=status, updated_at=at)


def test_a_ledger_claim_takes_a_free_key_and_only_once(open_state: Open) -> None:
    store = open_state()
    assert isinstance(store, LedgerClaims)
    stale_before = T0 - timedelta(minutes=15)
    assert store.ledger_claim([_claim("k", T0)], stale_before=stale_before) == {"k"}
    assert store.ledger_claim([_claim("k", T0)], stale_before=stale_before) == set()
    assert store.ledger_get("s", ["k"])["k"].status == "pending"


def test_a_ledger_claim_never_takes_a_key_recorded_done(open_state: Open) -> None:
    store = open_state()
    store.ledger_put(_claim("k", T0 - timedelta(days=1), status="done"))
    assert store.ledger_claim([_claim("k", T0)], stale_before=T0) == set()
    assert store.ledger_get("s", ["k"])["k"].status == "done"


def test_a_ledger_claim_takes_over_a_pending_claim_written_before_stale_before(
    open_state: Open,
) -> None:
    store = open_state()
    store.ledger_put(_claim("old", T0 - timedelta(minutes=16)))
    store.ledger_put(_claim("live", T0 - timedelta(minutes=14)))
    claimed = store.ledger_claim(
        [_claim("old", T0), _claim("live", T0)], stale_before=T0 - timedelta(minutes=15)
    )
    assert claimed == {"old"}
    assert store.ledger_get("s", ["old"])["old"].updated_at == T0


def test_two_workers_claiming_the_same_keys_at_once_get_each_key_once(open_state: Open) -> None:
    stores = [open_state(), open_state()]
    keys = [f"order-cancelled:{n}" for n in range(20)]
    start = threading.Barrier(2, timeout=10)
    won: list[set[str]] = [set(), set()]

    def worker(index: int) -> None:
        for key in keys:
            start.wait()
            won[index] |= stores[index].ledger_claim([_claim(key, T0)], stale_before=T0)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert won[0].isdisjoint(won[1])
    assert won[0] | won[1] == set(keys)


def test_holds_are_added_and_dropped(open_state: Open) -> None:
    store = open_state()
    store.put_holds([HoldRecord(shop="s", order_id="9", until=T0, reason="on_hold")])
    assert store.holds("s") == [HoldRecord(shop="s", order_id="9", until=T0, reason="on_hold")]
    store.drop_holds("s", ["9"])
    assert store.holds("s") == []


def test_holds_can_be_read_for_some_orders_only(open_state: Open) -> None:
    store = open_state()
    store.put_holds(
        HoldRecord(shop="s", order_id=str(i), until=T0, reason="on_hold") for i in range(1200)
    )
    wanted = [str(i) for i in range(0, 1200, 2)] + ["not-held"]
    found = store.holds("s", order_ids=wanted)
    assert sorted(h.order_id for h in found) == sorted(wanted[:-1])
    assert store.holds("s", order_ids=[]) == []


def test_holds_due_by_a_time_leave_out_later_and_open_ended_holds(open_state: Open) -> None:
    store = open_state()
    store.put_holds(
        [
            HoldRecord(shop="s", order_id="due", until=T0, reason="on_hold"),
            HoldRecord(shop="s", order_id="later", until=T0 + timedelta(hours=1), reason="x"),
            HoldRecord(shop="s", order_id="open", until=None, reason="unpaid"),
        ]
    )
    assert [h.order_id for h in store.holds("s", due_by=T0)] == ["due"]
    assert [h.order_id for h in store.holds("s", due_by=T0, order_ids=["later"])] == []


def test_pushed_quantities_and_product_links_round_trip(open_state: Open) -> None:
    store = open_state()
    store.record_pushed("s", [("sku1", "wh1", 8)])
    store.put_product_link("s", "cat-1", {"product_id": "p1", "sku_ids": {"A": "1"}})
    assert store.pushed_quantities("s") == {("sku1", "wh1"): 8}
    assert store.product_links("s") == {"cat-1": {"product_id": "p1", "sku_ids": {"A": "1"}}}


def test_the_state_file_is_private_and_also_holds_tokens(tmp_path: Path) -> None:
    store = SQLiteStateStore(tmp_path / "s.db")
    assert stat.S_IMODE(os.stat(tmp_path / "s.db").st_mode) == 0o600
    assert store.tokens.path == store.path


def test_ledger_details_keep_japanese_text_and_nesting(open_state: Open) -> None:
    store = open_state()
    detail = {"reason": "入金待ち", "lines": [{"id": "1", "qty": 2}]}
    store.ledger_put(LedgerEntry(shop="s", key="k", kind="x", status="done", detail=detail))
    assert store.ledger_get("s", ["k"])["k"].detail == detail


def test_a_run_lease_is_held_by_one_worker_until_it_expires(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    first = store.acquire_lease("s", "orders", holder="w1", now=T0, ttl=ttl)
    second = store.acquire_lease("s", "orders", holder="w2", now=T0 + timedelta(minutes=1), ttl=ttl)
    assert first.held_by("w1")
    assert second.holder == "w1"
    assert second.expires_at == T0 + ttl


def test_leases_are_per_shop_and_job(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="w1", now=T0, ttl=ttl)
    assert store.acquire_lease("s", "inventory", holder="w2", now=T0, ttl=ttl).held_by("w2")
    assert store.acquire_lease("t", "orders", holder="w3", now=T0, ttl=ttl).held_by("w3")


def test_the_holder_renews_its_live_lease(open_state: Open) -> None:
    store = open_state()
    assert isinstance(store, RunLeases)
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="w1", now=T0, ttl=ttl)
    later = T0 + timedelta(minutes=4)
    renewed = store.renew_lease("s", "orders", holder="w1", now=later, ttl=ttl)
    assert renewed is not None
    assert renewed.held_by("w1")
    assert renewed.expires_at == later + ttl


def test_acquiring_its_own_live_lease_again_leaves_it_as_it_was(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="w1", now=T0, ttl=ttl)
    again = store.acquire_lease("s", "orders", holder="w1", now=T0 + timedelta(minutes=4), ttl=ttl)
    assert again.held_by("w1")
    assert again.expires_at == T0 + ttl


def test_a_lapsed_lease_is_not_renewed_even_if_nobody_took_it(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="w1", now=T0, ttl=ttl)
    current = store.renew_lease("s", "orders", holder="w1", now=T0 + ttl, ttl=ttl)
    assert current is not None
    assert (current.holder, current.expires_at) == ("w1", T0 + ttl)
    assert [lease.expires_at for lease in store.leases()] == [T0 + ttl]


def test_a_lease_released_by_its_taker_is_not_renewed_back_into_being(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="paused", now=T0, ttl=ttl)
    store.acquire_lease("s", "orders", holder="taker", now=T0 + ttl, ttl=ttl)
    store.release_lease("s", "orders", holder="taker")
    later = T0 + ttl + timedelta(minutes=1)
    assert store.renew_lease("s", "orders", holder="paused", now=later, ttl=ttl) is None
    assert store.leases() == []


def test_a_lease_another_worker_took_is_not_renewed(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="paused", now=T0, ttl=ttl)
    store.acquire_lease("s", "orders", holder="taker", now=T0 + ttl, ttl=ttl)
    current = store.renew_lease("s", "orders", holder="paused", now=T0 + ttl, ttl=ttl)
    assert current is not None
    assert (current.holder, current.expires_at) == ("taker", T0 + 2 * ttl)


def test_an_expired_lease_is_taken_over(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="crashed", now=T0, ttl=ttl)
    taken = store.acquire_lease("s", "orders", holder="w2", now=T0 + ttl, ttl=ttl)
    assert taken.held_by("w2")
    assert (
        store.acquire_lease("s", "orders", holder="crashed", now=T0 + ttl, ttl=ttl).holder == "w2"
    )


def test_only_the_holder_releases_a_lease(open_state: Open) -> None:
    store = open_state()
    ttl = timedelta(minutes=5)
    store.acquire_lease("s", "orders", holder="w1", now=T0, ttl=ttl)
    store.release_lease("s", "orders", holder="w2")
    assert store.acquire_lease("s", "orders", holder="w2", now=T0, ttl=ttl).holder == "w1"
    store.release_lease("s", "orders", holder="w1")
    assert store.acquire_lease("s", "orders", holder="w2", now=T0, ttl=ttl).held_by("w2")
    assert [(lease.shop, lease.holder) for lease in store.leases()] == [("s", "w2")]


def test_prune_deletes_old_versions_settled_ledger_rows_and_expired_leases(
    open_state: Open,
) -> None:
    store = open_state()
    old, new = int((T0 - timedelta(days=100)).timestamp()), int(T0.timestamp())
    store.record_versions("s", [("old", old, "COMPLETED"), ("new", new, "AWAITING_SHIPMENT")])
    for key, status, at in [
        ("done-old", "done", T0 - timedelta(days=100)),
        ("done-new", "done", T0),
        ("pending-old", "pending", T0 - timedelta(days=100)),
        ("unknown-old", "unknown", T0 - timedelta(days=100)),
    ]:
        store.ledger_put(LedgerEntry(shop="s", key=key, kind="x", status=status, updated_at=at))
    store.acquire_lease(
        "s", "orders", holder="gone", now=T0 - timedelta(days=100), ttl=timedelta(minutes=5)
    )
    result = store.prune(older_than=T0 - timedelta(days=90))
    assert (result.versions, result.ledger, result.leases) == (1, 1, 1)
    assert store.seen_versions("s", ["old", "new"]) == {"new": new}
    kept = store.ledger_get("s", ["done-old", "done-new", "pending-old", "unknown-old"])
    assert sorted(kept) == ["done-new", "pending-old", "unknown-old"]
    assert store.leases() == []


def test_prune_needs_an_aware_cutoff(open_state: Open) -> None:
    with pytest.raises(ConfigurationError, match="timezone-aware"):
        open_state().prune(older_than=datetime(2026, 1, 1))


def _mapping(host: str, category_id: str, status: Any = "confirmed", **more: Any) -> Any:
    return CategoryMappingRecord(
        shop="s", host_category=host, category_id=category_id, status=status, **more
    )


def test_category_mappings_survive_reopening_the_store(open_state: Open) -> None:
    store = open_state()
    assert isinstance(store, CategoryMappingStore)
    store.put_category_mapping(_mapping("レディース > トップス", "601226", updated_at=T0))
    store.put_category_mapping(
        _mapping("食品", "700645", "suggested", path=("食品", "お菓子"), version="v1")
    )
    rows = open_state().category_mappings("s")
    assert [(r.host_category, r.category_id, r.status, r.version) for r in rows] == [
        ("レディース > トップス", "601226", "confirmed", "v2"),
        ("食品", "700645", "suggested", "v1"),
    ]
    assert rows[0].updated_at == T0 and rows[1].path == ("食品", "お菓子")
    assert open_state().category_mappings("other") == []


def test_a_suggestion_never_replaces_a_confirmed_category_mapping(open_state: Open) -> None:
    store = open_state()
    store.put_category_mapping(_mapping("トップス", "601226"))
    store.put_category_mapping(_mapping("トップス", "999", "suggested"))
    assert [r.category_id for r in store.category_mappings("s")] == ["601226"]


def test_confirming_replaces_a_suggestion_and_host_categories_match_loosely(
    open_state: Open,
) -> None:
    store = open_state()
    store.put_category_mapping(_mapping("ＴＯＰＳ", "999", "suggested"))
    store.put_category_mapping(_mapping(" tops ", "601226"))
    rows = store.category_mappings("s")
    assert [(r.host_category, r.category_id, r.status) for r in rows] == [
        (" tops ", "601226", "confirmed")
    ]
    store.drop_category_mapping("s", "Tops")
    assert store.category_mappings("s") == []


def test_prune_keeps_category_mappings(open_state: Open) -> None:
    store = open_state()
    old = T0 - timedelta(days=400)
    store.put_category_mapping(_mapping("トップス", "601226", updated_at=old))
    store.put_category_mapping(_mapping("食品", "700645", "suggested", updated_at=old))
    store.prune(older_than=T0)
    assert len(store.category_mappings("s")) == 2


def test_a_category_mapping_record_says_what_a_bad_value_should_be() -> None:
    with pytest.raises(ConfigurationError, match="'confirmed'"):
        _mapping("トップス", "601226", "maybe")
    with pytest.raises(ConfigurationError, match="'v1' or 'v2'"):
        _mapping("トップス", "601226", version="v3")
    with pytest.raises(ConfigurationError, match="category_id"):
        _mapping("トップス", " ")
