"""A host's client is lenient (the suite's is strict): the order import gives the same orders.

In lenient mode the import reads the recipient's address and districts, the line items and the
payment without making their views (``_core.views.nested_fields``); in strict mode it reads the
views. The OMS must not be able to tell the two apart.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tiktokshop_sync import ShopClient
from tiktokshop_sync._core.conversions import strict_models
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, OrderImportPlan
from tiktokshop_sync.workflows.state import SQLiteStateStore


def _plan(shop: ShopClient, path: Path, *, strict: bool) -> OrderImportPlan:
    job = OrderImport(shop=shop, state=SQLiteStateStore(path), sink=InMemoryOms())
    with strict_models(strict):
        return job.plan()


def test_a_lenient_client_plans_the_orders_a_strict_one_plans(
    fake: FakeShop, shop: ShopClient, tmp_path: Path
) -> None:
    fake.create_orders(60, created_within=timedelta(days=5), items=[("TS-TEE-BLK-M", 2)])
    fake.create_orders(60, created_within=timedelta(days=5))
    lenient = _plan(shop, tmp_path / "lenient.db", strict=False)
    strict = _plan(shop, tmp_path / "strict.db", strict=True)
    assert lenient.deliveries and lenient.deliveries == strict.deliveries
    assert [d.lines for d in lenient.deliveries] == [d.lines for d in strict.deliveries]
    assert {d.recipient.prefecture for d in lenient.deliveries} - {""}
    assert all(d.total is not None for d in lenient.deliveries)


def test_a_lenient_import_leaves_the_nested_views_unmade(
    fake: FakeShop, shop: ShopClient, tmp_path: Path
) -> None:
    fake.create_orders(5, created_within=timedelta(days=5))
    plan = _plan(shop, tmp_path / "lenient.db", strict=False)
    assert plan.deliveries
    for delivery in plan.deliveries:
        made = delivery.source.__dict__
        assert not {"line_items", "recipient_address", "payment"} & made.keys()
