"""Cancellation import against FakeShop: whole orders, line items, pending buyer requests."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import CancellationImport, OrderImport
from tiktokshop_sync.workflows._cancel_once import CLAIM_TTL
from tiktokshop_sync.workflows.state import SQLiteStateStore, cancelled_order_key
from tiktokshop_sync.workflows.values import OrderCancelled


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


def _buyer_cancelled_after_import(fake: FakeShop, shop: ShopClient, state: Any) -> str:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    OrderImport(shop=shop, state=state, sink=InMemoryOms()).run()
    fake.cancel(order.id, by="BUYER")
    fake.clock.advance(minutes=5)
    return order.id


def test_the_order_and_cancellation_imports_racing_cancel_an_order_in_the_oms_once(
    fake: FakeShop, shop: ShopClient, open_state: Callable[[], Any], oms: InMemoryOms
) -> None:
    # Both webhooks of a buyer's cancel queue a job; two workers plan before either applies.
    state = open_state()
    order_id = _buyer_cancelled_after_import(fake, shop, state)
    jobs = {
        "orders": OrderImport(shop=shop, state=state, sink=oms),
        "cancellations": CancellationImport(shop=shop, state=state, sink=oms),
    }
    both_planned = threading.Barrier(2, timeout=10)
    cancelled: dict[str, int] = {}

    def worker(name: str) -> None:
        job = jobs[name]
        with job.leased():
            plan = job.plan()
            both_planned.wait()
            cancelled[name] = job.apply(plan).cancelled  # type: ignore[arg-type]

    threads = [threading.Thread(target=worker, args=(name,)) for name in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(cancelled.values()) == [0, 1]
    assert [c.order_id for c in oms.cancellations] == [order_id]
    key = cancelled_order_key(order_id)
    assert state.ledger_get(shop.shop_cipher, [key])[key].status == "done"


def test_an_import_leaves_an_order_another_worker_is_cancelling_to_it(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order_id = _buyer_cancelled_after_import(fake, shop, state)
    orders = OrderImport(shop=shop, state=state, sink=oms)
    cancellations = CancellationImport(shop=shop, state=state, sink=oms)
    plan = cancellations.plan()

    class SlowOms(InMemoryOms):
        """The OMS the order import's worker talks to, still busy when the other worker applies."""

        def cancel(self, sent: Sequence[OrderCancelled]) -> None:
            assert cancellations.apply(plan).cancelled == 0
            oms.cancel(sent)

    assert OrderImport(shop=shop, state=state, sink=SlowOms()).run().cancelled == 1
    assert [c.order_id for c in oms.cancellations] == [order_id]
    assert orders.run().cancelled == 0


class _WorkerDied(Exception):
    pass


class _DyingOms(InMemoryOms):
    """An OMS whose worker dies while cancelling: nothing is recorded after the claim."""

    def cancel(self, cancellations: Sequence[OrderCancelled]) -> None:
        raise _WorkerDied


def test_a_claim_left_by_a_stopped_run_holds_the_order_until_it_is_stale(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _buyer_cancelled_after_import(fake, shop, state)
    with pytest.raises(_WorkerDied):
        OrderImport(shop=shop, state=state, sink=_DyingOms()).run()
    fake.clock.advance(CLAIM_TTL - timedelta(minutes=1))
    assert CancellationImport(shop=shop, state=state, sink=oms).run().cancelled == 0
    assert OrderImport(shop=shop, state=state, sink=oms).run().cancelled == 0
    assert oms.cancellations == []


def test_a_stale_claim_is_read_back_from_tiktok_and_cancelled_by_the_next_run(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order_id = _buyer_cancelled_after_import(fake, shop, state)
    with pytest.raises(_WorkerDied):
        OrderImport(shop=shop, state=state, sink=_DyingOms()).run()
    fake.clock.advance(minutes=1)
    CancellationImport(shop=shop, state=state, sink=oms).run()  # both cursors move past it
    OrderImport(shop=shop, state=state, sink=oms).run()
    fake.clock.advance(CLAIM_TTL)
    assert CancellationImport(shop=shop, state=state, sink=oms).run().cancelled == 1
    assert OrderImport(shop=shop, state=state, sink=oms).run().cancelled == 0
    assert [c.order_id for c in oms.cancellations] == [order_id]
    assert state.ledger_pending(shop.shop_cipher) == []


def test_a_cancellation_plan_applied_twice_cancels_the_order_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order_id = _buyer_cancelled_after_import(fake, shop, state)
    job = CancellationImport(shop=shop, state=state, sink=oms)
    plan = job.plan()
    assert job.apply(plan).cancelled == 1
    assert job.apply(plan).cancelled == 0
    assert [c.order_id for c in oms.cancellations] == [order_id]


def test_a_host_store_without_ledger_claims_rereads_the_key_before_cancelling(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    class WithoutClaims:
        """A host's store: the StateStore methods only (no ledger_claim)."""

        def __getattr__(self, name: str) -> Any:
            if name == "ledger_claim":
                raise AttributeError(name)
            return getattr(state, name)

    order_id = _buyer_cancelled_after_import(fake, shop, state)
    store: Any = WithoutClaims()
    orders, cancellations = (
        OrderImport(shop=shop, state=store, sink=oms),
        CancellationImport(shop=shop, state=store, sink=oms),
    )
    plans = orders.plan(), cancellations.plan()
    assert orders.apply(plans[0]).cancelled == 1
    assert cancellations.apply(plans[1]).cancelled == 0
    assert [c.order_id for c in oms.cancellations] == [order_id]
