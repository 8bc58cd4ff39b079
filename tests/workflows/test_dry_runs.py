"""Dry runs keep the why: skips grouped by reason with example ids, and progress per page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tiktokshop_sync import ShopClient
from tiktokshop_sync.domain import FixedCarrier
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    CancellationImport,
    CatalogProduct,
    CatalogSku,
    InventoryPolicy,
    InventoryPush,
    OmsShipment,
    OrderImport,
    OrderImportPolicy,
    ProductPublish,
    ProgressEvent,
    ShipmentPolicy,
    ShipmentWriteBack,
    StockLevel,
)
from tiktokshop_sync.workflows.state import SQLiteStateStore

SEARCH = "/order/202309/orders/search"


def _skip_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if " x " in line]


def test_the_order_import_plan_groups_skips_by_reason_with_example_ids(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(2, status="AWAITING_SHIPMENT")
    in_transit = fake.create_orders(5, status="IN_TRANSIT")
    cancelled = fake.create_orders(2, status="CANCELLED")
    policy = OrderImportPolicy(statuses={"AWAITING_SHIPMENT"})
    text = OrderImport(shop=shop, state=state, sink=oms, policy=policy).plan().describe()
    assert "  skip 7 order(s):" in text.splitlines()
    transit, gone = _skip_lines(text)
    assert transit.startswith("5 x status IN_TRANSIT is not imported by this policy: e.g. ")
    assert transit.endswith(" and 2 more")
    assert sum(order.id in transit for order in in_transit) == 3
    assert gone.startswith("2 x cancelled before it was imported: ")
    assert all(order.id in gone for order in cancelled)


def test_an_order_import_plan_without_skips_says_so_in_one_line(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    text = OrderImport(shop=shop, state=state, sink=oms).plan().describe()
    assert "  skip 0 order(s)" in text.splitlines()


def test_the_order_import_reports_each_fetched_page_as_it_arrives(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    fake.create_orders(230, status="AWAITING_SHIPMENT")
    seen: list[tuple[ProgressEvent, int]] = []

    def record(event: ProgressEvent) -> None:
        seen.append((event, len([r for r in fake.requests if r.path == SEARCH])))

    fake.clear_requests()
    job = OrderImport(shop=shop, state=state, sink=oms, on_progress=record)
    job.plan()
    pages = [(event, searches) for event, searches in seen if event.kind == "page"]
    assert [event.subject for event, _ in pages] == ["page 1", "page 2", "page 3"]
    assert [searches for _, searches in pages] == [1, 2, 3]
    assert pages[0][0].message == "fetched 100 order(s), 100 so far"
    assert pages[-1][0].message == "fetched 30 order(s), 230 so far"


def test_the_cancellation_import_reports_each_fetched_page(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    seen: list[ProgressEvent] = []
    CancellationImport(shop=shop, state=state, sink=oms, on_progress=seen.append).plan()
    assert [e.subject for e in seen if e.kind == "page"] == ["page 1"]


def test_the_inventory_plan_tells_a_missing_listing_from_an_unmapped_warehouse(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    other = "7000000000000000001"  # a warehouse the SKU is not stocked in
    oms.set_stock(
        shop.shop_cipher,
        [
            StockLevel(seller_sku="NOT-ON-TIKTOK", location="main", available=3),
            StockLevel(seller_sku="TS-TEE-BLK-M", location="elsewhere", available=3),
        ],
    )
    policy = InventoryPolicy(locations={"main": fake.warehouses()[0].id, "elsewhere": other})
    plan = InventoryPush(shop=shop, state=state, source=oms, policy=policy).plan()
    assert set(plan.unknown_skus) == {"NOT-ON-TIKTOK", "TS-TEE-BLK-M"}
    lines = _skip_lines(plan.describe())
    assert "1 x no TikTok listing has this seller SKU: NOT-ON-TIKTOK" in lines
    assert (
        "1 x on TikTok, but not stocked in a warehouse InventoryPolicy.locations maps to: "
        "TS-TEE-BLK-M" in lines
    )


def test_the_shipment_plan_groups_skips_by_reason(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    orders = fake.create_orders(2, status="AWAITING_SHIPMENT")
    for order in orders:
        oms.add_shipment(
            shop.shop_cipher,
            OmsShipment(order_id=order.id, tracking_number=None, ship_date=date(2025, 6, 2)),
        )
    policy = ShipmentPolicy(carrier=FixedCarrier.from_name("ヤマト運輸B2v6"))
    text = ShipmentWriteBack(shop=shop, state=state, source=oms, policy=policy).plan().describe()
    assert "  skip 2 shipment(s):" in text.splitlines()
    (line,) = _skip_lines(text)
    assert line == (
        "2 x needs both a tracking number (伝票番号) and a ship date (出荷日): "
        f"{orders[0].id}, {orders[1].id}"
    )


def test_the_publish_plan_groups_skips_by_reason(
    shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    drafts = [
        CatalogProduct(
            catalog_id=f"draft-{n}",
            title="t",
            description="d",
            category_id="600014",
            image_uris=(),
            skus=(CatalogSku(seller_sku=f"SKU-{n}", price=Decimal("100")),),
            tags=frozenset({"TikTok Shop接続"}),
            published=False,
        )
        for n in range(2)
    ]
    oms.set_catalog(shop.shop_cipher, drafts)
    text = ProductPublish(shop=shop, state=state, source=oms).plan().describe()
    assert _skip_lines(text) == ["2 x draft (下書き): drafts are never published: draft-0, draft-1"]
