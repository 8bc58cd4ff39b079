"""Jupyter shows orders, pages, plans, results and reports as compact tables, masked as reprs."""

from __future__ import annotations

import html
import re
from datetime import timedelta, timezone
from pathlib import Path

import attrs
import pytest

import tiktokshop_sync.workflows as workflows
from tiktokshop_sync import ShopClient
from tiktokshop_sync._core.tabular import HTML_ROWS, Tabular, html_table
from tiktokshop_sync.domain import DeadlineReport, ReconciliationReport
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.types.order import Order
from tiktokshop_sync.workflows import OrderImport, SQLiteStateStore, deadline_report_of


def _cells(table: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", table)]


def _plan(shop: ShopClient, tmp_path: Path) -> workflows.OrderImportPlan:
    store = SQLiteStateStore(tmp_path / "state.db")
    return OrderImport(shop=shop, state=store, sink=InMemoryOms()).plan()


def test_an_order_shows_its_ids_and_statuses_and_masks_the_buyers_message(
    shop: ShopClient, buyer_message: str
) -> None:
    order = next(o for o in shop.orders.search() if o.buyer_message == buyer_message)
    table = order._repr_html_()
    cells = dict(
        zip(
            [html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", table)],
            _cells(table),
            strict=True,
        )
    )
    assert cells["id"] == order.id
    assert cells["status"] == str(order.status)
    assert cells["buyer_message"] == "***"
    assert buyer_message not in html.unescape(table)


def test_a_page_shows_one_row_per_order_under_a_caption_that_counts_them(
    shop: ShopClient,
) -> None:
    page = shop.orders.search(page_size=5).first_page()
    table = page._repr_html_()
    assert "<caption>items: 5 Order</caption>" in table
    assert table.count("<tr><td>") == 5
    assert all(f"<td>{order.id}</td>" in table for order in page)


def test_a_long_collection_shows_its_first_rows_and_counts_the_rest(shop: ShopClient) -> None:
    page = shop.orders.search(page_size=25).first_page()
    table = page._repr_html_()
    assert table.count("<tr><td>") == HTML_ROWS
    assert f"… {25 - HTML_ROWS} more" in table


def test_a_plan_shows_its_deliveries_as_rows_with_the_recipient_masked(
    shop: ShopClient, fake: FakeShop, tmp_path: Path
) -> None:
    plan = _plan(shop, tmp_path)
    table = html.unescape(plan._repr_html_())
    assert f"deliveries: {len(plan.deliveries)} ImportedOrder" in table
    assert "Hold(" in table and "Release(" in table
    visible = [d for d in plan.deliveries if d.recipient.name]
    assert visible
    assert all(d.recipient.name not in table for d in visible)
    assert "name='***'" in table


def test_times_in_a_table_are_shown_in_jst(shop: ShopClient, tmp_path: Path) -> None:
    plan = _plan(shop, tmp_path)
    jst = plan.window_end.astimezone(timezone(timedelta(hours=9)))
    assert f"{jst:%Y-%m-%d %H:%M} JST" in plan._repr_html_()


def test_a_result_and_a_deadline_report_display_as_tables(
    shop: ShopClient, fake: FakeShop, tmp_path: Path
) -> None:
    store = SQLiteStateStore(tmp_path / "state.db")
    job = OrderImport(shop=shop, state=store, sink=InMemoryOms())
    plan = job.plan()
    result = job.apply(plan)
    assert f"<th>delivered</th><td>{result.delivered}</td>" in result._repr_html_()
    report = deadline_report_of(plan.deliveries, now=fake.clock.now())
    assert "<caption>DeadlineReport</caption>" in report._repr_html_()


def test_text_in_a_table_is_escaped() -> None:
    order = Order.model_construct(id="<b>1</b>", status="AWAITING_SHIPMENT")
    table = html_table(order)
    assert "<b>1</b>" not in table
    assert "&lt;b&gt;1&lt;/b&gt;" in table


def test_a_value_without_fields_shows_its_repr() -> None:
    assert "<td>42</td>" in html_table(42)


@pytest.mark.parametrize(
    "cls",
    [
        *(
            getattr(workflows, name)
            for name in workflows.__all__
            if name.endswith(("Plan", "Result")) and attrs.has(getattr(workflows, name))
        ),
        DeadlineReport,
        ReconciliationReport,
    ],
    ids=lambda cls: cls.__name__,
)
def test_every_plan_result_and_report_is_tabular(cls: type) -> None:
    # A new workflow's plan and result get the notebook table and the DataFrames by
    # inheriting Tabular; this catches one that does not.
    assert issubclass(cls, Tabular)
