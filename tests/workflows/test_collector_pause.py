"""The order import translates and plans a batch with the garbage collector paused."""

from __future__ import annotations

import gc

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, order_import
from tiktokshop_sync.workflows.state import SQLiteStateStore

pytestmark = pytest.mark.usefixtures("collector_restored")


def test_an_import_translates_and_plans_with_the_collector_paused_and_leaves_it_on(
    fake: FakeShop,
    shop: ShopClient,
    state: SQLiteStateStore,
    oms: InMemoryOms,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gc.enable()
    fake.create_orders(5, status="AWAITING_SHIPMENT")
    seen: list[bool] = []
    translate, plan = order_import.order_facts, order_import.plan_order_import

    def watched_translate(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return translate(*args, **kwargs)  # type: ignore[arg-type]

    def watched_plan(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return plan(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(order_import, "order_facts", watched_translate)
    monkeypatch.setattr(order_import, "plan_order_import", watched_plan)
    result = OrderImport(shop=shop, state=state, sink=oms).run()
    assert result.delivered == 5
    assert seen and not any(seen)
    assert gc.isenabled()
