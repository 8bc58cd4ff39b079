"""A backlog's next batch starts at its cursor when the search that set it ran long after it.

The overlap re-reads what TikTok's search may show late (indexing lag, clock skew: at most
``overlap``). A batch stopped by ``batch_limit`` whose cursor is more than ``overlap`` older
than its search has nothing late left before the cursor, so the next batch starts there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows.order_import import (
    JOB,
    RESUME_JOB,
    OrderImport,
    OrderImportPlan,
    OrderImportPolicy,
)
from tiktokshop_sync.workflows.state import SQLiteStateStore


def _job(shop: ShopClient, state: Any, oms: InMemoryOms) -> OrderImport:
    return OrderImport(
        shop=shop, state=state, sink=oms, policy=OrderImportPolicy(batch_limit=100, page_size=50)
    )


def _first_batch(
    fake: FakeShop,
    shop: ShopClient,
    state: Any,
    oms: InMemoryOms,
    within: timedelta = timedelta(hours=2),
) -> tuple[OrderImport, OrderImportPlan]:
    """A backlog of 300 orders created ``within`` the last two hours by default (about 25 in
    any 10 minutes), and the first batch of its import, applied."""
    fake.create_orders(300, status="AWAITING_SHIPMENT", created_within=within)
    job = _job(shop, state, oms)
    first = job.plan()
    job.apply(first)
    assert not first.complete and first.cursor is not None
    return job, first


def test_the_next_batch_of_an_old_backlog_starts_at_the_cursor(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job, first = _first_batch(fake, shop, state, oms)
    assert first.cursor is not None
    assert first.window_end - first.cursor > job.policy.overlap
    assert job.plan().window_start == first.cursor


def test_a_resumed_batch_re_reads_only_the_orders_of_the_cursor_second(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job, first = _first_batch(fake, shop, state, oms)
    second = job.plan()
    assert first.cursor is not None
    at_cursor = {d.order_id for d in first.deliveries if d.updated_at == first.cursor}
    assert {s.order_id for s in second.skipped} == at_cursor


def test_a_backlog_imported_in_resumed_batches_delivers_every_order_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job, _ = _first_batch(fake, shop, state, oms)
    assert job.run(max_batches=10).complete
    assert len(oms.orders) == 300
    assert len(oms.deliveries) == 300


def test_a_batch_whose_cursor_is_within_the_overlap_of_its_search_re_reads_the_overlap(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    # A live-stream sale: the whole backlog is younger than the overlap.
    job, first = _first_batch(fake, shop, state, oms, within=timedelta(minutes=3))
    assert first.cursor is not None
    assert job.plan().window_start == first.cursor - job.policy.overlap
    assert state.get_cursor(job.shop_key, RESUME_JOB) is None


def test_a_completed_run_re_reads_the_overlap_next_time(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(20, status="AWAITING_SHIPMENT", created_within=timedelta(days=3))
    job = _job(shop, state, oms)
    done = job.run()
    assert done.complete and done.cursor is not None
    fake.clock.advance(minutes=5)
    assert job.plan().window_start == done.cursor - job.policy.overlap


def test_a_crash_between_the_cursor_and_its_mark_re_reads_the_overlap(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job, first = _first_batch(fake, shop, state, oms)
    assert first.cursor is not None
    # The next batch wrote its cursor, then the process died before the mark was rewritten.
    moved = first.cursor + timedelta(minutes=15)
    state.set_cursor(job.shop_key, JOB, moved)
    assert state.get_cursor(job.shop_key, RESUME_JOB) == first.cursor
    assert job.plan().window_start == moved - job.policy.overlap


def test_rewinding_a_resumable_cursor_re_reads_the_overlap_before_the_new_one(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job, _ = _first_batch(fake, shop, state, oms)
    to = fake.clock.now() - timedelta(days=1)
    job.rewind(to)
    assert job.plan().window_start == to - job.policy.overlap


def test_a_re_fetched_range_leaves_the_mark_alone(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job, first = _first_batch(fake, shop, state, oms)
    now = fake.clock.now()
    job.apply(job.plan_range(now - timedelta(hours=3), now))
    assert state.get_cursor(job.shop_key, RESUME_JOB) == first.cursor
    assert job.plan().window_start == first.cursor


def test_the_mark_round_trips_on_sqlite_and_postgresql(
    fake: FakeShop, shop: ShopClient, oms: InMemoryOms, open_state: Callable[[], Any]
) -> None:
    job, first = _first_batch(fake, shop, open_state(), oms)
    assert job.plan().window_start == first.cursor
    result = job.run(max_batches=10)
    assert result.complete
    assert len(oms.orders) == 300 and len(oms.deliveries) == 300
