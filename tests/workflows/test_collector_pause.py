"""The order import translates and plans a batch with the garbage collector paused."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, order_import
from tiktokshop_sync.workflows.state import SQLiteStateStore

pytestmark = pytest.mark.usefixtures("collector_restored")


@pytest.fixture
def job(shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms) -> OrderImport:
    return OrderImport(shop=shop, state=state, sink=oms)


def test_an_import_translates_and_plans_with_the_collector_paused_and_leaves_it_on(
    fake: FakeShop, job: OrderImport, monkeypatch: pytest.MonkeyPatch
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
    result = job.run()
    assert result.delivered == 5
    assert seen and not any(seen)
    assert gc.isenabled()


def test_no_collection_walks_the_order_facts_of_a_batch(
    fake: FakeShop, job: OrderImport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Translation and planning share one pause, and what only they need (the order facts,
    the decisions) is freed before it ends: the collections after it walk the plan alone."""
    fake.create_orders(5, status="AWAITING_SHIPMENT")
    facts: list[weakref.ref[object]] = []
    plan = order_import.plan_order_import

    def watched_plan(batch: Any, *args: object, **kwargs: object) -> object:
        facts.extend(weakref.ref(f) for f in batch.orders)
        return plan(batch, *args, **kwargs)  # type: ignore[arg-type]

    walked: list[int] = []

    def on_collection(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and any(ref() is not None for ref in facts):
            walked.append(info["generation"])

    monkeypatch.setattr(order_import, "plan_order_import", watched_plan)
    gc.enable()
    thresholds = gc.get_threshold()
    gc.set_threshold(1)  # outside a pause, every allocation starts a collection
    gc.callbacks.append(on_collection)
    try:
        job.plan()
    finally:
        gc.callbacks.remove(on_collection)
        gc.set_threshold(*thresholds)
    assert facts and all(ref() is None for ref in facts)
    assert walked == []


def test_the_batch_pause_ends_with_a_young_collection_when_the_middle_generation_is_due(
    fake: FakeShop, job: OrderImport, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collection after the batch's pause walks the plan, not the pages the batch read."""
    fake.create_orders(10, status="AWAITING_SHIPMENT")
    planned: list[bool] = []
    after_plan: list[int] = []
    plan = order_import.plan_order_import

    def watched_plan(*args: object, **kwargs: object) -> object:
        decisions = plan(*args, **kwargs)  # type: ignore[arg-type]
        planned.append(True)
        return decisions

    def on_collection(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and planned:
            after_plan.append(info["generation"])

    monkeypatch.setattr(order_import, "plan_order_import", watched_plan)
    gc.enable()
    thresholds = gc.get_threshold()
    gc.set_threshold(10, 0, 0)  # past the young threshold, the collector picks an older one
    gc.callbacks.append(on_collection)
    try:
        job.plan()
    finally:
        gc.callbacks.remove(on_collection)
        gc.set_threshold(*thresholds)
    assert planned
    assert after_plan[0] == 0
