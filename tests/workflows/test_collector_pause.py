"""The order import pauses the garbage collector only around a batch's CPU-only work."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync._core.collector import collector_paused
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, order_import
from tiktokshop_sync.workflows.state import SQLiteStateStore


@pytest.fixture(autouse=True)
def _collector_enabled_after() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_paused_inside_and_enabled_again_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_enabled_again_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("the plan failed")
    assert gc.isenabled()


def test_a_collector_the_host_disabled_stays_disabled() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_enable_the_collector_only_when_the_last_ends() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with collector_paused():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other thread's pause is still on
    release.set()
    thread.join(5)
    assert gc.isenabled()
    with collector_paused(), collector_paused():  # nested in one thread
        pass
    assert gc.isenabled()


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
