"""Cancellation import against FakeShop: whole orders, line items, pending buyer requests."""

from __future__ import annotations

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import CancellationImport, OrderImport
from tiktokshop_sync.workflows.state import SQLiteStateStore


def test_a_buyer_request_after_the_remorse_window_is_surfaced_with_its_deadline(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    result = CancellationImport(shop=shop, state=state, sink=oms).run()
    assert result.requests == 1
    (request,) = oms.cancel_requests
    assert request.order_id == order.id
    assert request.deadline is not None
    assert (request.deadline - fake.clock.now()).total_seconds() == 24 * 3600


def test_a_completed_cancellation_cancels_the_order_in_the_oms_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    OrderImport(shop=shop, state=state, sink=oms).run()
    fake.cancel(order.id, by="SELLER", reason="seller_cancel_reason_out_of_stock")
    job = CancellationImport(shop=shop, state=state, sink=oms)
    assert job.run().cancelled == 1
    assert job.run().cancelled == 0
    record = oms.order(shop.shop_cipher, order.id)
    assert record is not None and record.cancelled


def test_approving_a_request_turns_it_into_a_cancellation(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    job = CancellationImport(shop=shop, state=state, sink=oms)
    job.run()
    cancel_id = oms.cancel_requests[0].cancel_id
    shop.returns.approve_cancellation(cancel_id, idempotency_key=f"approve-{cancel_id}")
    fake.clock.advance(minutes=1)
    assert job.run().cancelled == 1
    assert oms.cancellations[-1].order_id == order.id


def test_cancelling_in_the_oms_never_cancels_on_tiktok(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    OrderImport(shop=shop, state=state, sink=oms).run()
    CancellationImport(shop=shop, state=state, sink=oms).run()
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"
    assert not [r for r in fake.requests if r.path == "/return_refund/202309/cancellations"]


def test_an_order_cancelled_by_the_order_import_is_not_cancelled_again_by_this_one(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    orders = OrderImport(shop=shop, state=state, sink=oms)
    orders.run()
    fake.cancel(order.id, by="BUYER")
    fake.clock.advance(minutes=5)
    assert orders.run().cancelled == 1
    assert CancellationImport(shop=shop, state=state, sink=oms).run().cancelled == 0
    fake.clock.advance(hours=2)
    assert orders.run().cancelled == 0
    assert [c.order_id for c in oms.cancellations] == [order.id]
