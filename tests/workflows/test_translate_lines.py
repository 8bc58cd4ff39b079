"""``group_lines``: TikTok's one line item per unit grouped back into OMS lines.

Units share a line only when they agree on all the line shows, so the lines' quantity x unit
price add up to what the buyer pays for the items (``payment.sub_total``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from lenient_reads import order_view
from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows.order_import import OrderImport, OrderImportPolicy
from tiktokshop_sync.workflows.state import SQLiteStateStore
from tiktokshop_sync.workflows.translate import group_lines
from tiktokshop_sync.workflows.values import OrderLine


def _unit(item_id: str, sale_price: str, **fields: Any) -> dict[str, Any]:
    """One unit of the tee, size M, unless ``fields`` say otherwise."""
    unit = {
        "id": item_id,
        "sku_id": "1729000000000000001",
        "seller_sku": "TEE-M",
        "product_id": "1729000000000000900",
        "product_name": "Tシャツ",
        "sku_name": "M",
        "sale_price": sale_price,
    }
    return {**unit, **fields}


def _lines(*units: dict[str, Any]) -> tuple[OrderLine, ...]:
    return group_lines(order_view(line_items=list(units)))


def _shape(lines: tuple[OrderLine, ...]) -> list[tuple[str, int, Decimal | None, tuple[str, ...]]]:
    return [(line.seller_sku, line.quantity, line.unit_price, line.line_item_ids) for line in lines]


def test_units_of_one_sku_at_one_price_are_one_line() -> None:
    [line] = _lines(_unit("li1", "1980"), _unit("li2", "1980"), _unit("li3", "1980"))
    assert line == OrderLine(
        seller_sku="TEE-M",
        sku_id="1729000000000000001",
        product_id="1729000000000000900",
        product_name="Tシャツ",
        sku_name="M",
        quantity=3,
        unit_price=Decimal("1980"),
        line_item_ids=("li1", "li2", "li3"),
        is_gift=False,
    )


def test_units_of_one_sku_at_different_prices_are_lines_of_their_own() -> None:
    # A 100-yen coupon spread over three 1,980-yen units as 34/33/33.
    lines = _lines(_unit("li1", "1946"), _unit("li2", "1947"), _unit("li3", "1947"))
    assert _shape(lines) == [
        ("TEE-M", 1, Decimal("1946"), ("li1",)),
        ("TEE-M", 2, Decimal("1947"), ("li2", "li3")),
    ]


def test_the_lines_add_up_to_the_units_sale_prices() -> None:
    lines = _lines(_unit("li1", "1947"), _unit("li2", "1946"), _unit("li3", "1947"))
    assert sum(line.quantity * (line.unit_price or 0) for line in lines) == Decimal("5840")


def test_a_gift_unit_is_a_line_of_its_own_marked_as_a_gift() -> None:
    lines = _lines(_unit("li1", "0", is_gift=True), _unit("li2", "1980"))
    assert [(line.is_gift, line.quantity, line.unit_price) for line in lines] == [
        (True, 1, Decimal("0")),
        (False, 1, Decimal("1980")),
    ]


def test_a_gift_unit_at_the_price_of_a_paid_one_is_still_a_line_of_its_own() -> None:
    lines = _lines(_unit("li1", "1980"), _unit("li2", "1980", is_gift=True))
    assert [(line.is_gift, line.line_item_ids) for line in lines] == [
        (False, ("li1",)),
        (True, ("li2",)),
    ]


def test_lines_follow_the_order_of_their_first_unit() -> None:
    lines = _lines(
        _unit("li1", "1946"),
        _unit("li2", "980", sku_id="1729000000000000002", seller_sku="CAP"),
        _unit("li3", "1947"),
        _unit("li4", "1946"),
    )
    assert _shape(lines) == [
        ("TEE-M", 2, Decimal("1946"), ("li1", "li4")),
        ("CAP", 1, Decimal("980"), ("li2",)),
        ("TEE-M", 1, Decimal("1947"), ("li3",)),
    ]


def test_units_of_one_seller_sku_in_two_products_are_not_merged() -> None:
    # Without a SKU id the seller's own code is the key, and sellers may reuse it.
    lines = _lines(
        _unit("li1", "1980", sku_id=""),
        _unit("li2", "1980", sku_id="", product_id="1729000000000000901"),
    )
    assert [line.product_id for line in lines] == ["1729000000000000900", "1729000000000000901"]


def test_units_without_a_sku_are_a_line_each() -> None:
    lines = _lines(
        _unit("li1", "500", sku_id="", seller_sku=""), _unit("li2", "500", sku_id="", seller_sku="")
    )
    assert [line.line_item_ids for line in lines] == [("li1",), ("li2",)]


def _imported_lines(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms, **options: Any
) -> tuple[tuple[OrderLine, ...], Decimal]:
    """The OMS lines of one order made with ``options``, and the order's ``sub_total``."""
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", **options)[0]
    job = OrderImport(shop=shop, state=state, sink=oms, policy=OrderImportPolicy())
    job.run()
    stored = oms.order(job.shop_key, order.id)
    assert stored is not None
    return stored.imported.lines, Decimal(order.sub_total)


def test_imported_lines_add_up_to_the_sub_total_when_a_coupon_is_spread_over_units(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    lines, sub_total = _imported_lines(
        fake, shop, state, oms, items=[("TS-TEE-BLK-M", 3)], seller_coupon=100
    )
    assert len(lines) == 2
    assert sum(line.quantity * (line.unit_price or 0) for line in lines) == sub_total


def test_an_imported_gift_is_a_line_beside_the_paid_units_of_its_sku(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    lines, sub_total = _imported_lines(
        fake, shop, state, oms, items=[("TS-TEE-BLK-M", 2)], gifts=[("TS-TEE-BLK-M", 1)]
    )
    assert [(line.seller_sku, line.quantity, line.is_gift) for line in lines] == [
        ("TS-TEE-BLK-M", 2, False),
        ("TS-TEE-BLK-M", 1, True),
    ]
    assert sum(line.quantity * (line.unit_price or 0) for line in lines) == sub_total
