"""Pagers, pages, plans and reports become pandas and polars DataFrames, page by page."""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Iterator
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import attrs
import pandas as pd
import polars as pl
import pytest

from tiktokshop_sync import InMemoryTokenStore, ShopClient
from tiktokshop_sync._core.tabular import CHUNK_ROWS, item_chunks, polars_frame
from tiktokshop_sync.dataframes import DataFrameNotInstalledError, to_pandas, to_polars
from tiktokshop_sync.domain import ROW_COLUMNS, ReportPeriod, SettlementFacts, reconcile
from tiktokshop_sync.errors import DataFrameNotInstalledError as PublicError
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, SQLiteStateStore, deadline_report_of

PERSONAL_COLUMNS = {
    "buyer_email",
    "buyer_message",
    "seller_note",
    "cancel_reason",
    "recipient_address_name",
    "recipient_address_phone_number",
    "recipient_address_full_address",
    "recipient_address_postal_code",
    "recipient_address_address_detail",
}


def test_a_search_becomes_a_pandas_frame_with_one_row_per_order(shop: ShopClient) -> None:
    orders = shop.orders.search().to_list()
    frame = shop.orders.search(page_size=10).to_pandas()
    assert list(frame["id"]) == [o.id for o in orders]
    assert {"status", "payment_total_amount", "line_items_count", "create_time"} <= set(frame)
    assert list(frame["line_items_count"]) == [len(o.line_items) for o in orders]


def test_times_are_in_jst_and_amounts_are_the_exact_decimals_of_the_orders(
    shop: ShopClient,
) -> None:
    order = shop.orders.search().first_page().items[0]
    frame = shop.orders.search().to_pandas()
    assert str(frame["create_time"].dt.tz) == "Asia/Tokyo"
    assert frame["create_time"][0].to_pydatetime() == order.create_time
    assert frame["create_time"][0].utcoffset().total_seconds() == 9 * 3600
    assert order.payment is not None
    total = frame["payment_total_amount"][0]
    assert isinstance(total, Decimal) and total == order.payment.total_amount


def test_a_search_becomes_a_polars_frame_with_the_same_columns_and_exact_amounts(
    shop: ShopClient,
) -> None:
    pandas_frame = shop.orders.search().to_pandas()
    frame = shop.orders.search(page_size=7).to_polars()
    assert frame.columns == list(pandas_frame.columns)
    assert frame.height == len(pandas_frame)
    assert isinstance(frame.schema["payment_total_amount"], pl.Decimal)
    assert frame.schema["create_time"] == pl.Datetime("us", "Asia/Tokyo")
    assert list(frame["payment_total_amount"]) == list(pandas_frame["payment_total_amount"])


def test_personal_data_is_never_a_column_nor_a_value(shop: ShopClient, buyer_message: str) -> None:
    frame = shop.orders.search().to_pandas()
    assert PERSONAL_COLUMNS.isdisjoint(frame.columns)
    order = next(
        o for o in shop.orders.search() if o.recipient_address and o.recipient_address.name
    )
    assert order.recipient_address is not None
    text = frame.to_csv()
    assert buyer_message not in text
    assert order.recipient_address.name not in text
    assert order.recipient_address.full_address not in text


def test_a_page_becomes_a_frame_of_its_items(shop: ShopClient) -> None:
    page = shop.orders.search(page_size=4).first_page()
    assert list(page.to_pandas()["id"]) == [o.id for o in page]
    assert page.to_polars()["id"].to_list() == [o.id for o in page]


def test_a_plain_list_of_orders_becomes_a_frame(shop: ShopClient) -> None:
    orders = shop.orders.get([o.id for o in shop.orders.search().first_page()][:3])
    assert list(to_pandas(orders)["id"]) == [o.id for o in orders]
    assert to_polars(orders).height == 3


def test_an_empty_search_gives_an_empty_frame(shop: ShopClient) -> None:
    frame = shop.orders.search(status="COMPLETED").to_pandas()
    assert frame.empty


@attrs.frozen
class _Item:
    item_id: str
    at: datetime


def _pages(
    count: int, size: int, seen: list[list[weakref.ref[_Item]]] | None = None
) -> Iterator[list[_Item]]:
    """``count`` pages of ``size`` items; with ``seen``, each page first checks that the items
    of every page before the last are gone (a full collection per page: keep ``count`` small)."""
    at = datetime(2025, 6, 1, tzinfo=timezone.utc)
    for number in range(count):
        if seen is not None:
            gc.collect()
            # Nothing keeps the items of a page for the frame (the loops that hand pages over
            # hold the last one until the next arrives).
            assert all(ref() is None for page in seen[:-1] for ref in page), number
        page = [_Item(item_id=f"{number}-{i}", at=at) for i in range(size)]
        if seen is not None:
            seen.append([weakref.ref(item) for item in page])
        yield page


def test_the_frame_reads_each_page_into_columns_before_the_next_arrives() -> None:
    seen: list[list[weakref.ref[_Item]]] = []
    chunks = list(item_chunks(_pages(5, 100, seen)))
    assert sum(len(chunk.data["item_id"]) for chunk in chunks) == 500


def test_rows_become_a_frame_every_chunk_of_rows_not_every_page() -> None:
    pages = CHUNK_ROWS // 100 * 2 + 1
    chunks = list(item_chunks(_pages(pages, 100)))
    assert [len(c.data["item_id"]) for c in chunks] == [CHUNK_ROWS, CHUNK_ROWS, 100]


async def test_an_async_search_becomes_the_same_frame(fake: FakeShop, shop: ShopClient) -> None:
    expected = shop.orders.search().to_pandas()
    async with fake.async_client(token_store=InMemoryTokenStore()) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        async_shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        frame = await async_shop.orders.search(page_size=6).to_pandas()
        polars_frame_ = await async_shop.orders.search(page_size=6).to_polars()
    pd.testing.assert_frame_equal(frame, expected)
    assert polars_frame_.height == len(expected)


def test_a_plan_becomes_one_row_per_item_with_the_collection_it_belongs_to(
    shop: ShopClient, tmp_path: Path
) -> None:
    plan = OrderImport(
        shop=shop, state=SQLiteStateStore(tmp_path / "s.db"), sink=InMemoryOms()
    ).plan()
    frame = plan.to_pandas()
    assert plan.skipped  # the fake's cancelled orders
    expected = ["deliveries"] * len(plan.deliveries) + ["skipped"] * len(plan.skipped)
    assert list(frame["part"]) == expected
    assert list(frame["order_id"]) == [
        *(d.order_id for d in plan.deliveries),
        *(s.order_id for s in plan.skipped),
    ]
    delivered = frame[frame["part"] == "deliveries"]
    holds = delivered["hold"].str.split("(").str[0].value_counts().to_dict()
    assert holds == {
        kind: sum(type(d.hold).__name__ == kind for d in plan.deliveries) for kind in holds
    }
    assert plan.to_polars().height == len(expected)


def test_a_deadline_report_becomes_one_row_per_listed_order_due_in_jst(
    shop: ShopClient, fake: FakeShop, tmp_path: Path
) -> None:
    plan = OrderImport(
        shop=shop, state=SQLiteStateStore(tmp_path / "s.db"), sink=InMemoryOms()
    ).plan()
    report = deadline_report_of(plan.deliveries, now=fake.clock.now())
    frame = report.to_pandas()
    listed = len(report.overdue) + len(report.due_soon)
    assert listed > 0 and len(frame) == listed
    assert str(frame["due"].dt.tz) == "Asia/Tokyo"
    assert set(frame["urgency"]) <= {"overdue", "due_soon"}


def test_a_report_with_its_own_rows_becomes_a_frame_of_them() -> None:
    report = reconcile(
        SettlementFacts(),
        period=ReportPeriod(first_day=date(2025, 9, 1), last_day=date(2025, 9, 30)),
        as_of=datetime(2025, 10, 1, tzinfo=timezone.utc),
    )
    assert report.to_pandas().empty
    assert report.to_rows() == []
    assert ROW_COLUMNS


def test_amounts_with_different_decimal_places_in_different_chunks_stay_exact() -> None:
    @attrs.frozen
    class Fee:
        amount: Decimal

    pages = [[Fee(amount=Decimal("1500"))] * CHUNK_ROWS, [Fee(amount=Decimal("21.35"))]]
    frame = polars_frame(item_chunks(pages))
    assert frame["amount"][0] == Decimal("1500")
    assert frame["amount"][-1] == Decimal("21.35")


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_a_missing_library_raises_an_error_that_names_the_extra(
    library: str, shop: ShopClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, library, None)
    pager = shop.orders.search()
    with pytest.raises(DataFrameNotInstalledError, match=r"tiktokshop-sync\[dataframe\]"):
        pager.to_pandas() if library == "pandas" else pager.to_polars()
    assert issubclass(PublicError, ImportError)
    assert PublicError.__module__ == "tiktokshop_sync.errors"
