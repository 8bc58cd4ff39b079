"""One catalogue: the products the product API serves are the ones orders are drawn from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tiktokshop_sync import InMemoryTokenStore, ShopClient
from tiktokshop_sync.testing import FakeShop


def new_product(fake: FakeShop, seller_sku: str = "PL-ARITA-5") -> dict[str, Any]:
    return {
        "title": "有田焼 豆皿 5枚セット",
        "description": "<p>職人が一枚ずつ絵付けした豆皿です。</p>",
        "category_id": "600011",
        "package_weight": {"value": "300", "unit": "GRAM"},
        "main_images": [{"uri": "tos-alisg-i-aphluv4xwc-sg/0123456789abcdef0123456789abcdef"}],
        "skus": [
            {
                "seller_sku": seller_sku,
                "price": {"amount": "3300", "currency": "JPY"},
                "inventory": [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 20}],
                "sales_attributes": [{"name": "カラー", "value_name": "藍"}],
            }
        ],
    }


@pytest.fixture
def shop(fake: FakeShop) -> Iterator[ShopClient]:
    with fake.client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        yield client.shop(fake.shops[0].cipher, grant=tokens.open_id)


def test_a_product_created_through_the_api_is_ordered_once_its_review_passes(
    fake: FakeShop, shop: ShopClient
) -> None:
    created = shop.products.create(new_product(fake))
    fake.approve_products()
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("PL-ARITA-5", 2)])[0]
    (read,) = shop.orders.get([order.id])
    assert [(i.product_id, i.sku_id, i.seller_sku) for i in read.line_items] == [
        (created.product_id, created.skus[0].id, "PL-ARITA-5")
    ] * 2
    item = read.line_items[0]
    assert (item.product_name, item.sku_name, item.original_price) == (
        "有田焼 豆皿 5枚セット",
        "藍",
        3300,
    )


def test_random_orders_draw_listed_api_products_with_the_built_in_ones(
    fake: FakeShop, shop: ShopClient
) -> None:
    created = shop.products.create(new_product(fake))
    fake.approve_products()
    orders = fake.create_orders(200, status="AWAITING_SHIPMENT")
    drawn = {item.product_id for order in orders for item in order.line_items}
    assert created.product_id in drawn
    assert fake.product_by_sku("KT-NBT-06").id in drawn


def test_a_product_still_in_review_is_never_ordered(fake: FakeShop, shop: ShopClient) -> None:
    created = shop.products.create(new_product(fake))
    orders = fake.create_orders(200, status="AWAITING_SHIPMENT")
    assert created.product_id not in {i.product_id for o in orders for i in o.line_items}
    with pytest.raises(ValueError, match="PENDING product.*approve_products"):
        fake.create_orders(1, items=[("PL-ARITA-5", 1)])


def test_a_deleted_product_is_no_longer_ordered(fake: FakeShop, shop: ShopClient) -> None:
    tee = fake.product_by_sku("TS-TEE-BLK-M")
    shop.products.delete([tee.id])
    orders = fake.create_orders(200, status="AWAITING_SHIPMENT")
    assert tee.id not in {i.product_id for o in orders for i in o.line_items}
    with pytest.raises(ValueError, match="DELETED product"):
        fake.create_orders(1, items=[("TS-TEE-BLK-M", 1)])


def test_an_order_holds_what_the_catalogue_priced_when_it_was_placed(
    fake: FakeShop, shop: ShopClient
) -> None:
    kettle = fake.product_by_sku("KT-NBT-06")
    before = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("KT-NBT-06", 1)])[0]
    shop.products.partial_edit(
        kettle.id,
        {"skus": [{"id": kettle.skus[0].id, "price": {"amount": "9900", "currency": "JPY"}}]},
    )
    after = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("KT-NBT-06", 1)])[0]
    assert [before.line_items[0].original_price, after.line_items[0].original_price] == [8800, 9900]
