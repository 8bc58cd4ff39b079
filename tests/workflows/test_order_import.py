"""Incremental order import against FakeShop and SQLite state."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from tiktokshop_sync import ShopClient
from tiktokshop_sync.domain import Hold
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows.order_import import OrderImport, OrderImportPolicy
from tiktokshop_sync.workflows.state import SQLiteStateStore


def _job(
    shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms, **policy: object
) -> OrderImport:
    return OrderImport(shop=shop, state=state, sink=oms, policy=OrderImportPolicy(**policy))  # type: ignore[arg-type]


def test_first_run_imports_the_last_seven_days_and_not_older(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    recent = fake.create_orders(40, status="AWAITING_SHIPMENT", created_within=timedelta(days=6))
    fake.clock.advance(days=0)
    result = _job(shop, state, oms).run()
    assert result.delivered == 40
    assert {k[1] for k in oms.orders} == {o.id for o in recent}


def test_a_second_run_delivers_nothing_again(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(25, status="AWAITING_SHIPMENT")
    job = _job(shop, state, oms)
    job.run()
    fake.clock.advance(minutes=10)
    again = job.run()
    assert again.delivered == 0
    assert len(oms.deliveries) == 25


def test_on_hold_orders_are_held_then_released_after_the_remorse_hour(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    fake.pay(order.id)
    job = _job(shop, state, oms)
    job.run()
    imported = oms.order(job.shop_key, order.id)
    assert imported is not None
    assert isinstance(imported.imported.hold, Hold)
    assert imported.payment_status == "0:未入金"
    fake.clock.advance(minutes=61)
    result = job.run()
    assert result.released == 1
    assert imported.payment_status == "2:入金済み"


def test_an_order_held_for_payment_review_stays_held_after_the_remorse_hour(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="UNPAID", payment_method_name="d払い")[0]
    fake.pay(order.id)  # a label the payment table does not know
    job = _job(shop, state, oms)
    job.run()
    fake.clock.advance(minutes=61)  # TikTok moves it to AWAITING_SHIPMENT
    result = job.run()
    imported = oms.order(job.shop_key, order.id)
    assert imported is not None
    assert result.released == 0
    assert imported.payment_status == "0:未入金"
    assert job.state.holds(job.shop_key, order_ids=[order.id])[0].reason == "payment_review"


def test_a_backlog_larger_than_one_batch_continues_on_the_next_run(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(250, status="AWAITING_SHIPMENT")
    job = _job(shop, state, oms, batch_limit=100)
    first = job.apply(job.plan())
    assert not first.complete
    assert 100 <= first.delivered < 250
    job.run()
    assert len(oms.orders) == 250
    assert len(oms.deliveries) == len(set(oms.deliveries))


def test_cancelled_orders_are_cancelled_in_the_oms(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    job = _job(shop, state, oms)
    job.run()
    fake.clock.advance(minutes=5)
    fake.cancel(order.id, by="BUYER")
    result = job.run()
    assert result.cancelled == 1
    record = oms.order(job.shop_key, order.id)
    assert record is not None and record.cancelled


def test_an_order_import_plan_applied_twice_cancels_the_order_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    job = _job(shop, state, oms)
    job.run()
    fake.clock.advance(minutes=5)
    fake.cancel(order.id, by="BUYER")
    plan = job.plan()
    assert job.apply(plan).cancelled == 1
    assert job.apply(plan).cancelled == 0
    assert [c.order_id for c in oms.cancellations] == [order.id]


def test_dry_run_plan_writes_nothing(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(5, status="AWAITING_SHIPMENT")
    job = _job(shop, state, oms)
    plan = job.plan()
    assert len(plan.deliveries) == 5
    assert "import 5 new order(s)" in plan.describe()
    assert oms.deliveries == []
    assert state.get_cursor(job.shop_key, "orders") is None


def test_line_items_are_grouped_back_into_sku_and_quantity(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("TS-TEE-BLK-M", 3)])[0]
    job = _job(shop, state, oms)
    job.run()
    record = oms.order(job.shop_key, order.id)
    assert record is not None
    lines = record.imported.lines
    assert [(line.seller_sku, line.quantity) for line in lines] == [("TS-TEE-BLK-M", 3)]
    assert len(lines[0].line_item_ids) == 3


def test_a_backlog_denser_than_one_batch_per_overlap_window_is_imported_whole(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    # A live-stream sale: 300 orders within three minutes, well inside the 10-minute overlap.
    fake.create_orders(300, status="AWAITING_SHIPMENT", created_within=timedelta(minutes=3))
    result = _job(shop, state, oms, batch_limit=100).run(max_batches=10)
    assert result.complete
    assert len(oms.orders) == 300
    assert len(oms.deliveries) == len(set(oms.deliveries))


def test_more_orders_in_one_second_than_one_batch_are_imported_whole(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(250, status="AWAITING_SHIPMENT", created_within=timedelta(seconds=1))
    result = _job(shop, state, oms, batch_limit=100).run(max_batches=10)
    assert result.complete
    assert len(oms.orders) == 250


class _HoldsAsked(SQLiteStateStore):
    """A store that records the orders each ``holds()`` call asks about."""

    asked: list[list[str] | None]

    def holds(self, shop: str, **kwargs: Any) -> Any:
        self.asked.append(kwargs.get("order_ids"))
        return super().holds(shop, **kwargs)


def test_orders_never_recorded_are_not_looked_up_among_the_holds(
    fake: FakeShop, shop: ShopClient, oms: InMemoryOms, tmp_path: Path
) -> None:
    fake.create_orders(30, status="AWAITING_SHIPMENT", created_within=timedelta(days=2))
    state = _HoldsAsked(tmp_path / "asked.db")
    state.asked = []
    assert _job(shop, state, oms).run().delivered == 30
    assert all(ids is None for ids in state.asked)  # only the due holds: no id was known
