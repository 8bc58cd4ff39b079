"""shop.products against FakeShop: search cap, CRUD, status, inventory, image upload."""

from __future__ import annotations

import json
from typing import Any

import pytest

from spec_oracle import find, require_spec
from tiktokshop_sync import (
    APIError,
    InMemoryTokenStore,
    InvalidArgumentError,
    NotFoundError,
    SearchLimitError,
    ServerError,
    ShopClient,
    sign,
)
from tiktokshop_sync.resources.products import price_spec
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.product import ProductStatus

SEARCH = "/product/202502/products/search"
UPLOAD = "/product/202309/images/upload"
DELETE = "/product/202309/products"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (800).to_bytes(4, "big") + (600).to_bytes(4, "big")


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
            }
        ],
    }


# --- search and get ---------------------------------------------------------------------------


def test_search_yields_the_seeded_catalogue(shop: ShopClient) -> None:
    products = list(shop.products.search())
    assert len(products) == 10
    assert sum(p.status is ProductStatus.SELLER_DEACTIVATED for p in products) == 1


def test_search_by_seller_skus_and_status(fake: FakeShop, shop: ShopClient) -> None:
    found = list(shop.products.search(seller_skus=["TS-TEE-BLK-M", "KT-NBT-06"], status="ACTIVATE"))
    assert {p.id for p in found} == {
        fake.product_by_sku("TS-TEE-BLK-M").id,
        fake.product_by_sku("KT-NBT-06").id,
    }


def test_search_past_ten_thousand_results_raises_search_limit_error(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_products(10_001)
    with pytest.raises(SearchLimitError, match="10000"):
        list(shop.products.search())
    assert len([r for r in fake.requests if r.path == SEARCH]) == 1


def test_a_narrower_search_under_the_cap_pages_through(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_products(150)
    found = list(shop.products.search(seller_skus=["BULK-00001", "BULK-00150"]))
    assert sorted(s.seller_sku for p in found for s in p.skus) == ["BULK-00001", "BULK-00150"]


def test_get_returns_skus_prices_and_stock(fake: FakeShop, shop: ShopClient) -> None:
    expected = fake.product_by_sku("KT-NBT-06")
    product = shop.products.get(expected.id)
    sku = product.skus[0]
    assert (sku.seller_sku, sku.price and sku.price.sale_price) == ("KT-NBT-06", 8800)
    assert sku.inventory[0].warehouse_id == fake.shops[0].warehouse_id


def test_get_of_an_unknown_product_raises_not_found(shop: ShopClient) -> None:
    with pytest.raises(NotFoundError) as caught:
        shop.products.get("1700000000000000000")
    assert caught.value.code == 12052032


# --- create, edit, price ----------------------------------------------------------------------


def test_create_puts_the_product_in_review(fake: FakeShop, shop: ShopClient) -> None:
    created = shop.products.create(new_product(fake))
    assert created.skus[0].seller_sku == "PL-ARITA-5"
    assert shop.products.get(created.product_id).status is ProductStatus.PENDING
    fake.approve_products()
    assert shop.products.get(created.product_id).status is ProductStatus.ACTIVATE


def test_create_with_a_key_is_retried_after_a_timeout_without_a_duplicate(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.fail_next("timeout", path="/product/202309/products")
    created = shop.products.create(new_product(fake), idempotency_key="catalog:42")
    assert len([r for r in fake.requests if r.path == "/product/202309/products"]) == 2
    assert [p.id for p in fake.products_of()].count(created.product_id) == 1
    assert len(fake.products_of()) == 11


def test_partial_edit_replaces_the_title(fake: FakeShop, shop: ShopClient) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    shop.products.partial_edit(product.id, {"title": "美濃焼 マグカップ 藍 320ml"})
    assert shop.products.get(product.id).title == "美濃焼 マグカップ 藍 320ml"


def test_update_price_changes_only_the_price(fake: FakeShop, shop: ShopClient) -> None:
    product = fake.product_by_sku("HC-YUZU-50")
    shop.products.update_price(product.id, [{"sku_id": product.skus[0].id, "amount": "980"}])
    sku = shop.products.get(product.id).skus[0]
    assert sku.price is not None and sku.price.sale_price == 980


def test_update_price_sends_a_cross_border_sale_price(fake: FakeShop, shop: ShopClient) -> None:
    product = fake.product_by_sku("HC-YUZU-50")
    shop.products.update_price(product.id, [{"sku_id": product.skus[0].id, "sale_price": "1280"}])
    sent = next(r for r in fake.requests if r.path.endswith("/prices/update"))
    assert json.loads(sent.body)["skus"][0]["price"] == {"currency": "JPY", "sale_price": "1280"}
    assert fake.product(product.id).skus[0].price == 1280


def test_the_official_update_price_example_is_produced_from_typed_input() -> None:
    require_spec()
    endpoint = find("POST", "/product/202309/products/{product_id}/prices/update")
    [official] = endpoint.request_example["skus"]
    spec = price_spec(
        "1729592969712207008",
        [
            {
                "sku_id": official["id"],
                "amount": official["price"]["amount"],
                "sale_price": official["price"]["sale_price"],
                "currency": official["price"]["currency"],
                "list_price": official["list_price"],
                "external_list_prices": official["external_list_prices"],
            }
        ],
    )
    assert spec.json == endpoint.request_example


@pytest.mark.parametrize(
    "update",
    [
        {"sku_id": "1"},
        {"sku_id": "1", "amount": "-5"},
        {"sku_id": "1", "amount": "abc"},
        {"sku_id": "1", "ammount": "980"},
        {"amount": "980"},
    ],
)
def test_a_price_update_without_a_valid_price_is_refused_before_sending(
    update: dict[str, Any],
) -> None:
    with pytest.raises(InvalidArgumentError):
        price_spec("17", [update])  # type: ignore[list-item]


# --- activate and deactivate ------------------------------------------------------------------


def test_deactivate_then_activate_with_failures_per_product(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("TB-STL-420-SLV")
    paused = shop.products.deactivate([product.id, "1700000000000000000"])
    assert [e.product_id for e in paused.errors] == ["1700000000000000000"]
    assert shop.products.get(product.id).status is ProductStatus.SELLER_DEACTIVATED
    assert shop.products.activate([product.id]).ok
    assert shop.products.get(product.id).status is ProductStatus.PENDING


# --- delete and recover -----------------------------------------------------------------------


def test_a_deleted_product_leaves_search_and_recovering_it_brings_it_back(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    assert shop.products.delete([product.id]).ok
    assert product.id not in [p.id for p in shop.products.search()]
    assert shop.products.get(product.id).status is ProductStatus.DELETED
    assert shop.products.recover([product.id]).ok
    assert product.id in [p.id for p in shop.products.search()]
    assert shop.products.get(product.id).status is ProductStatus.ACTIVATE


def test_deleting_an_unknown_product_reports_a_per_item_error(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("HC-YUZU-50")
    result = shop.products.delete([product.id, "1700000000000000000"])
    assert [(e.product_id, e.code) for e in result.errors] == [("1700000000000000000", 12052048)]
    assert fake.product(product.id).status == "DELETED"


def test_recovering_a_product_that_is_not_deleted_reports_a_per_item_error(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("HC-YUZU-50")
    result = shop.products.recover([product.id])
    assert [(e.product_id, e.code) for e in result.errors] == [(product.id, 12052901)]


def test_delete_takes_one_to_twenty_ids_checked_before_sending(
    fake: FakeShop, shop: ShopClient
) -> None:
    with pytest.raises(InvalidArgumentError):
        shop.products.delete([f"17000000000000000{i:02d}" for i in range(21)])
    with pytest.raises(InvalidArgumentError):
        shop.products.recover([])
    assert not [r for r in fake.requests if r.path.startswith(DELETE)]


def test_a_delete_is_not_retried_once_it_may_have_reached_tiktok(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    fake.fail_next("server_error", path=DELETE)
    with pytest.raises(ServerError):
        shop.products.delete([product.id])
    assert [r.method for r in fake.requests if r.path == DELETE] == ["DELETE"]


# --- inventory --------------------------------------------------------------------------------


def test_search_inventory_returns_one_record_per_sku(fake: FakeShop, shop: ShopClient) -> None:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    records = shop.products.search_inventory(product_ids=[product.id])
    assert [r.sku_id for r in records] == [s.id for s in product.skus]
    assert {r.product_id for r in records} == {product.id}
    assert (
        records[0].total_available_quantity == product.skus[0].inventory[fake.shops[0].warehouse_id]
    )


def test_search_inventory_splits_more_than_100_products_into_calls_of_100(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_products(140)
    ids = [p.id for p in fake.products_of()]
    records = shop.products.search_inventory(product_ids=ids)
    calls = [r for r in fake.requests if r.path == "/product/202309/inventory/search"]
    assert [len(json.loads(r.body)["product_ids"]) for r in calls] == [100, len(ids) - 100]
    assert {r.product_id for r in records} == set(ids)


def test_search_inventory_splits_more_than_600_skus_into_calls_of_600(
    fake: FakeShop, shop: ShopClient
) -> None:
    sku_id = fake.product_by_sku("FD-MATCHA-100").skus[0].id
    unknown = [str(1700000000000000000 + n) for n in range(700)]
    records = shop.products.search_inventory(sku_ids=[sku_id, *unknown])
    calls = [r for r in fake.requests if r.path == "/product/202309/inventory/search"]
    assert [len(json.loads(r.body)["sku_ids"]) for r in calls] == [600, 101]
    assert [r.sku_id for r in records] == [sku_id]


def test_search_inventory_refuses_product_and_sku_ids_together(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="not both"):
        shop.products.search_inventory(product_ids=["1"], sku_ids=["2"])


@pytest.mark.parametrize("quantity", [100_000, -1, 2.5, "10", True])
def test_an_out_of_range_quantity_is_refused_before_sending(
    fake: FakeShop, shop: ShopClient, quantity: object
) -> None:
    product = fake.product_by_sku("FD-MATCHA-100")
    rows = [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": quantity}]
    with pytest.raises(InvalidArgumentError, match="99,999"):
        shop.products.update_inventory(
            product.id, [{"sku_id": product.skus[0].id, "inventory": rows}]
        )  # type: ignore[list-item, typeddict-item]
    assert not [r for r in fake.requests if r.path.endswith("/inventory/update")]


def test_a_misspelled_inventory_key_is_an_invalid_argument_not_a_key_error(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("FD-MATCHA-100")
    rows = [{"warehouse_id": fake.shops[0].warehouse_id, "quantiy": 3}]
    with pytest.raises(InvalidArgumentError, match="quantiy"):
        shop.products.update_inventory(
            product.id, [{"sku_id": product.skus[0].id, "inventory": rows}]
        )  # type: ignore[list-item, typeddict-unknown-key]


def test_update_inventory_sets_the_quantity(fake: FakeShop, shop: ShopClient) -> None:
    product = fake.product_by_sku("FD-MATCHA-100")
    warehouse = fake.shops[0].warehouse_id
    result = shop.products.update_inventory(
        product.id,
        [
            {
                "sku_id": product.skus[0].id,
                "inventory": [{"warehouse_id": warehouse, "quantity": 42}],
            }
        ],
    )
    assert result.ok
    (record,) = shop.products.search_inventory(sku_ids=[product.skus[0].id])
    assert record.total_available_quantity == 42


def test_update_inventory_reports_each_failed_sku_as_a_value(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    warehouse = fake.shops[0].warehouse_id
    result = shop.products.update_inventory(
        product.id,
        [
            {
                "sku_id": product.skus[0].id,
                "inventory": [{"warehouse_id": warehouse, "quantity": 1}],
            },
            {
                "sku_id": "1700000000000000000",
                "inventory": [{"warehouse_id": warehouse, "quantity": 1}],
            },
            {
                "sku_id": product.skus[1].id,
                "inventory": [{"warehouse_id": "7000000000000000009", "quantity": 1}],
            },
        ],
    )
    assert [(e.code, e.sku_id) for e in result.errors] == [
        (12052556, "1700000000000000000"),
        (12052990, product.skus[1].id),
    ]
    assert fake.product(product.id).skus[0].inventory[warehouse] == 1


def test_a_sku_missing_one_of_its_warehouses_fails_with_12019028(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.add_warehouse("大阪倉庫", seller_skus=["KT-NBT-06"])
    product = fake.product_by_sku("KT-NBT-06")
    result = shop.products.update_inventory(
        product.id,
        [
            {
                "sku_id": product.skus[0].id,
                "inventory": [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 3}],
            }
        ],
    )
    assert [(e.code, e.sku_id) for e in result.errors] == [(12019028, product.skus[0].id)]


def test_a_paused_product_refuses_stock_and_stays_paused_after_many_updates(
    fake: FakeShop, shop: ShopClient
) -> None:
    """The CoreLink regression: stock pushes must never re-list what the seller paused (停止中).

    TikTok takes stock only for ACTIVATE products (update-inventory.spec.json): 12052901.
    """
    paused = fake.product_by_sku("BG-TOTE-NVY")
    warehouse = fake.shops[0].warehouse_id
    for quantity in range(0, 60, 3):
        with pytest.raises(APIError) as caught:
            shop.products.update_inventory(
                paused.id,
                [
                    {
                        "sku_id": paused.skus[0].id,
                        "inventory": [{"warehouse_id": warehouse, "quantity": quantity}],
                    }
                ],
            )
        assert caught.value.code == 12052901
        fake.clock.advance(minutes=10)
    assert shop.products.get(paused.id).status is ProductStatus.SELLER_DEACTIVATED
    listed = list(shop.products.search(status="SELLER_DEACTIVATED"))
    assert [p.id for p in listed] == [paused.id]


def test_an_inventory_update_is_retried_through_rate_limits_and_applied_once(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = fake.product_by_sku("FD-MATCHA-100")
    path = f"/product/202309/products/{product.id}/inventory/update"
    fake.fail_next("rate_limit", times=2, path=path)
    warehouse = fake.shops[0].warehouse_id
    result = shop.products.update_inventory(
        product.id,
        [{"sku_id": product.skus[0].id, "inventory": [{"warehouse_id": warehouse, "quantity": 7}]}],
    )
    assert result.ok
    assert [r.fault for r in fake.requests if r.path == path] == ["rate_limit", "rate_limit", None]
    assert fake.product(product.id).skus[0].inventory[warehouse] == 7


# --- images -----------------------------------------------------------------------------------


def test_upload_image_is_multipart_without_cipher_and_signs_only_the_query(
    fake: FakeShop, shop: ShopClient
) -> None:
    image = shop.products.upload_image(PNG, filename="mamezara.png")
    assert (image.width, image.height, image.use_case) == (800, 600, "MAIN_IMAGE")
    request = next(r for r in fake.requests if r.path == UPLOAD)
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert "shop_cipher" not in request.query
    assert PNG in request.body
    query = {k: v for k, v in request.query.items() if k != "sign"}
    assert request.query["sign"] == sign(path=UPLOAD, query=query, app_secret=fake.app_secret)


def test_an_uploaded_image_uri_creates_a_product(fake: FakeShop, shop: ShopClient) -> None:
    image = shop.products.upload_image(PNG, filename="mamezara.png")
    body = {**new_product(fake), "main_images": [{"uri": image.uri}]}
    created = shop.products.create(body)
    assert fake.product(created.product_id).main_images == [image.uri]


async def test_async_products_search_update_and_upload(fake: FakeShop) -> None:
    live = fake.product_by_sku("MG-MINO-AI")
    warehouse = fake.shops[0].warehouse_id
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        products = [p async for p in shop.products.search()]
        result = await shop.products.update_inventory(
            live.id,
            [
                {
                    "sku_id": live.skus[0].id,
                    "inventory": [{"warehouse_id": warehouse, "quantity": 9}],
                }
            ],
        )
        product = await shop.products.get(live.id)
        image = await shop.products.upload_image(PNG)
        created = await shop.products.create(new_product(fake), idempotency_key="k")
        records = await shop.products.search_inventory(product_ids=[created.product_id])
    assert len(products) == 10
    assert result.ok and product.status is ProductStatus.ACTIVATE
    assert image.uri and records[0].seller_sku == "PL-ARITA-5"


async def test_async_products_delete_and_recover(fake: FakeShop) -> None:
    product = fake.product_by_sku("FD-MATCHA-100")
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        deleted = await shop.products.delete([product.id])
        gone = product.id not in [p.id async for p in shop.products.search()]
        recovered = await shop.products.recover([product.id])
        back = await shop.products.get(product.id)
    assert deleted.ok and gone and recovered.ok
    assert back.status is ProductStatus.ACTIVATE
