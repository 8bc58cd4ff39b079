"""Order import options from the manuals: status filter, JST midnight start, re-fetch, rewind."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, OrderImportPolicy
from tiktokshop_sync.workflows.order_import import JST
from tiktokshop_sync.workflows.progress import ProgressEvent, Reporter
from tiktokshop_sync.workflows.state import SQLiteStateStore


def test_a_status_filter_imports_only_awaiting_shipment_as_goqsystem_does(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    wanted = fake.create_orders(5, status="AWAITING_SHIPMENT")
    unpaid = fake.create_orders(3, status="UNPAID")
    job = OrderImport(
        shop=shop, state=state, sink=oms, policy=OrderImportPolicy(statuses={"AWAITING_SHIPMENT"})
    )
    result = job.run()
    assert result.delivered == 5
    assert {order_id for _, order_id in oms.orders} == {o.id for o in wanted}
    fake.pay(unpaid[0].id)
    fake.clock.advance(minutes=61)  # now AWAITING_SHIPMENT: imported on its own status change
    assert job.run().delivered == 1


def test_since_midnight_jst_starts_the_first_run_at_todays_00_00_in_japan() -> None:
    policy = OrderImportPolicy(since_midnight_jst=True)
    now = datetime(2026, 11, 23, 16, 30, tzinfo=timezone.utc)  # 01:30 on the 24th in Tokyo
    start = policy.first_start(now)
    assert start == datetime(2026, 11, 24, 0, 0, tzinfo=JST)
    assert start == datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


def test_a_manual_refetch_redelivers_a_range_without_moving_the_cursor(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(4, status="AWAITING_SHIPMENT")
    job = OrderImport(shop=shop, state=state, sink=oms)
    job.run()
    cursor = state.get_cursor(job.shop_key, "orders")
    now = fake.clock.now()
    quiet = job.plan_range(now - timedelta(days=8), now)
    assert quiet.deliveries == ()
    forced = job.plan_range(now - timedelta(days=8), now, force=True)
    assert len(forced.deliveries) == 4
    job.apply(forced)
    assert len(oms.deliveries) == 8
    assert len(oms.orders) == 4  # an upsert in the OMS, not four new orders
    assert state.get_cursor(job.shop_key, "orders") == cursor


def test_rewinding_the_cursor_rereads_from_that_time(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    job = OrderImport(shop=shop, state=state, sink=oms)
    job.run()
    job.rewind(fake.clock.now() - timedelta(days=10))
    plan = job.plan()
    assert plan.window_start == fake.clock.now() - timedelta(days=10) - job.policy.overlap
    assert len(plan.skipped) == 3  # re-read, recognised, not delivered twice


def test_logs_carry_ids_and_reasons_but_no_buyer_personal_data(
    fake: FakeShop,
    shop: ShopClient,
    state: SQLiteStateStore,
    oms: InMemoryOms,
    caplog: pytest.LogCaptureFixture,
) -> None:
    orders = fake.create_orders(20, status="AWAITING_SHIPMENT")
    with caplog.at_level(logging.DEBUG):
        OrderImport(shop=shop, state=state, sink=oms).run()
    assert "imported" in caplog.text
    for order in orders:
        r = order.recipient
        for personal in (r.name, r.last_name_local_script, r.phone_number, r.block, r.town):
            if personal and "*" not in personal:
                assert personal not in caplog.text


def test_each_delivered_order_reaches_the_callback_even_with_the_logger_quiet(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(2, status="AWAITING_SHIPMENT")
    fake.create_orders(1, status="UNPAID")
    seen: list[ProgressEvent] = []
    logger = logging.getLogger("tiktokshop_sync.workflows")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        OrderImport(shop=shop, state=state, sink=oms, on_progress=seen.append).run()
    finally:
        logger.setLevel(level)
    kinds = sorted(e.kind for e in seen if e.kind in ("imported", "held"))
    assert kinds == ["held", "imported", "imported"]


def test_a_reporter_listens_when_a_callback_or_the_info_logger_would_hear() -> None:
    logger = logging.getLogger("tiktokshop_sync.workflows")
    level = logger.level
    try:
        logger.setLevel(logging.WARNING)
        assert not Reporter("orders", "shop").listening
        assert Reporter("orders", "shop", lambda _event: None).listening
        logger.setLevel(logging.INFO)
        assert Reporter("orders", "shop").listening
    finally:
        logger.setLevel(level)
