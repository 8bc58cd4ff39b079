"""A run that dies between steps is resumed by the next run: nothing duplicated, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, OrderImportPolicy

from .crash import Crash, CrashingState


@pytest.mark.parametrize("method", ["record_versions", "put_holds", "set_cursor"])
def test_a_crash_after_the_sink_accepted_is_resumed_without_losing_or_duplicating_orders(
    tmp_path: Path, method: str
) -> None:
    fake = FakeShop(seed=41)
    created = fake.create_orders(120, status="AWAITING_SHIPMENT")
    held = fake.create_orders(3, status="UNPAID")
    for order in held:
        fake.pay(order.id)
    state = CrashingState(tmp_path / "s.db", method=method)
    oms = InMemoryOms()
    with fake.client(token_store=state.tokens) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        job = OrderImport(
            shop=shop, state=state, sink=oms, policy=OrderImportPolicy(batch_limit=50)
        )
        with pytest.raises(Crash):
            job.run()
        job.run()
        fake.clock.advance(minutes=61)
        job.run()
    expected = {o.id for o in created} | {o.id for o in held}
    assert {order_id for _, order_id in oms.orders} == expected
    released = [r.order_id for r in oms.releases]
    assert sorted(released) == sorted(o.id for o in held)
    assert all(record.payment_status == "2:入金済み" for record in oms.orders.values())


def test_a_crash_inside_the_sink_leaves_the_cursor_where_it_was(tmp_path: Path) -> None:
    fake = FakeShop(seed=42)
    fake.create_orders(10, status="AWAITING_SHIPMENT")

    class FailingOnce(InMemoryOms):
        failed = False

        def accept(self, orders):  # type: ignore[no-untyped-def]
            if not self.failed:
                self.failed = True
                raise Crash("OMS database unavailable")
            super().accept(orders)

    oms = FailingOnce()
    state = CrashingState(tmp_path / "s.db", method="never-called")
    with fake.client(token_store=state.tokens) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        job = OrderImport(shop=shop, state=state, sink=oms)
        with pytest.raises(Crash):
            job.run()
        assert state.get_cursor(job.shop_key, "orders") is None
        assert job.run().delivered == 10
    assert len(oms.orders) == 10
