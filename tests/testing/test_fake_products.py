"""Products, inventory and images over the wire (reference §5.8)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tiktokshop_sync._core.signing import sign
from tiktokshop_sync.testing import FakeProduct, FakeShop
from tiktokshop_sync.testing._products.records import AUDIT_TIME
from tiktokshop_sync.testing._products.seed import CATALOGUE

Call = Callable[..., httpx.Response]
SEARCH = "/product/202502/products/search"
CREATE = "/product/202309/products"
UPLOAD = "/product/202309/images/upload"


def data(response: httpx.Response) -> Any:
    payload = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def code(response: httpx.Response) -> int:
    value: int = response.json()["code"]
    return value


def search(call: Call, body: dict[str, Any] | None = None, **query: str) -> httpx.Response:
    query.setdefault("page_size", "100")
    return call("POST", SEARCH, query=query, body=body or {})


def inventory(call: Call, product: FakeProduct, skus: list[dict[str, Any]]) -> httpx.Response:
    path = f"/product/202309/products/{product.id}/inventory/update"
    return call("POST", path, body={"skus": skus})


def new_product(fake: FakeShop, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "有田焼 豆皿 5枚セット",
        "description": "<p>職人が一枚ずつ絵付けした豆皿です。</p>",
        "category_id": "600011",
        "package_weight": {"value": "300", "unit": "GRAM"},
        "main_images": [{"uri": "tos-alisg-i-aphluv4xwc-sg/0123456789abcdef0123456789abcdef"}],
        "skus": [
            {
                "seller_sku": "PL-ARITA-5",
                "price": {"amount": "3300", "currency": "JPY"},
                "inventory": [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 20}],
            }
        ],
    }
    body.update(changes)
    return body


# --- the seeded catalogue ---------------------------------------------------------------------


def test_the_catalogue_lists_every_sku_orders_are_drawn_from(fake: FakeShop, call: Call) -> None:
    products = data(search(call))["products"]
    listed = {sku["seller_sku"] for p in products for sku in p["skus"]}
    assert listed == {sku.seller_sku for spec in CATALOGUE for sku in spec.skus}
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    assert order.line_items[0].sku_id in {s["id"] for p in products for s in p["skus"]}


def test_prices_are_tax_inclusive_jpy_with_equal_tax_exclusive_price(call: Call) -> None:
    sku = data(search(call))["products"][0]["skus"][0]
    assert sku["price"]["currency"] == "JPY"
    assert sku["price"]["tax_exclusive_price"] == sku["price"]["sale_price"]


def test_one_seeded_product_is_paused_by_the_seller(call: Call) -> None:
    products = data(search(call, {"status": "SELLER_DEACTIVATED"}))["products"]
    assert [s["seller_sku"] for p in products for s in p["skus"]] == ["BG-TOTE-NVY"]


# --- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["0", "101"])
def test_search_page_size_must_be_1_to_100(call: Call, size: str) -> None:
    assert code(search(call, page_size=size)) == 12019109


def test_more_than_ten_seller_skus_answers_12019027(call: Call) -> None:
    assert code(search(call, {"seller_skus": [f"S{i}" for i in range(11)]})) == 12019027


def test_more_than_ten_sku_ids_answers_12019087(call: Call) -> None:
    assert code(search(call, {"sku_ids": [str(i) for i in range(11)]})) == 12019087


def test_search_by_seller_sku_finds_its_product(fake: FakeShop, call: Call) -> None:
    found = data(search(call, {"seller_skus": ["KT-NBT-06"]}))
    assert [p["id"] for p in found["products"]] == [fake.product_by_sku("KT-NBT-06").id]


def test_update_time_le_is_inclusive(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("FD-MATCHA-100")
    moment = int(product.update_time.timestamp())
    body = {"update_time_ge": moment, "update_time_le": moment}
    assert product.id in [p["id"] for p in data(search(call, body))["products"]]


def test_search_pages_with_tokens_and_counts_every_match(fake: FakeShop, call: Call) -> None:
    fake.create_products(25)
    first = data(search(call, page_size="20"))
    rest = data(search(call, page_size="20", page_token=first["next_page_token"]))
    assert first["total_count"] == 35
    assert len({p["id"] for p in first["products"] + rest["products"]}) == 35
    assert rest["next_page_token"] == ""


def test_total_count_is_reported_honestly_past_ten_thousand(fake: FakeShop, call: Call) -> None:
    fake.create_products(10_000)
    assert data(search(call, page_size="1"))["total_count"] == 10_010


# --- get and create ---------------------------------------------------------------------------


def test_an_unknown_product_answers_12052032(call: Call) -> None:
    assert code(call("GET", "/product/202309/products/1700000000000000000")) == 12052032


def test_get_product_has_category_chain_images_and_sales_attributes(
    fake: FakeShop, call: Call
) -> None:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    wire = data(call("GET", f"/product/202309/products/{product.id}"))
    assert [c["local_name"] for c in wire["category_chains"]] == [
        "ファッション",
        "トップス",
        "Tシャツ",
    ]
    assert wire["category_chains"][-1]["is_leaf"] is True
    color, size = wire["skus"][0]["sales_attributes"]
    assert (color["name"], color["value_name"], size["name"], size["value_name"]) == (
        "カラー",
        "ブラック",
        "サイズ",
        "M",
    )
    assert all(a["id"] and a["value_id"] for a in (color, size))
    # The primary attribute's value shows the SKU's picture; the size does not.
    assert color["sku_img"]["uri"] == product.skus[0].image_uri
    assert "sku_img" not in size


def test_the_same_attribute_value_has_the_same_id_on_every_sku(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    skus = data(call("GET", f"/product/202309/products/{product.id}"))["skus"]
    blacks = {
        a["value_id"] for s in skus for a in s["sales_attributes"] if a["value_name"] == "ブラック"
    }
    assert len(blacks) == 1


def test_a_created_product_is_pending_review_then_listed(fake: FakeShop, call: Call) -> None:
    created = data(call("POST", CREATE, body=new_product(fake)))
    assert fake.product(created["product_id"]).status == "PENDING"
    fake.clock.advance(AUDIT_TIME)
    assert fake.product(created["product_id"]).status == "ACTIVATE"


def test_approve_products_finishes_reviews_at_once(fake: FakeShop, call: Call) -> None:
    created = data(call("POST", CREATE, body=new_product(fake)))
    assert fake.approve_products() == 1
    assert fake.product(created["product_id"]).status == "ACTIVATE"


def test_a_draft_is_not_reviewed(fake: FakeShop, call: Call) -> None:
    created = data(call("POST", CREATE, body=new_product(fake, save_mode="AS_DRAFT")))
    fake.clock.advance(hours=5)
    assert fake.product(created["product_id"]).status == "DRAFT"


def test_a_repeated_idempotency_key_returns_the_same_product(fake: FakeShop, call: Call) -> None:
    body = new_product(fake, idempotency_key="catalog-42")
    first = data(call("POST", CREATE, body=body))
    again = data(call("POST", CREATE, body=body))
    assert first == again
    assert len(fake.products_of()) == 11


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"title": ""}, 12052261),
        ({"description": None}, 12052015),
        ({"category_id": "tシャツ"}, 12052023),
        ({"main_images": []}, 12052028),
        ({"skus": []}, 12052910),  # 12052902 is not on its page: the generic code
    ],
)
def test_create_refuses_a_missing_field_with_its_own_code(
    fake: FakeShop, call: Call, change: dict[str, Any], expected: int
) -> None:
    assert code(call("POST", CREATE, body=new_product(fake, **change))) == expected


@pytest.mark.parametrize(
    ("price", "quantity", "expected"),
    [
        ("0", 1, 12052073),
        ("500001", 1, 12052570),
        ("19.5", 1, 12052073),
        ("500000", 100_000, 12052055),
    ],
)
def test_create_refuses_prices_and_quantities_outside_jp_ranges_with_their_codes(
    fake: FakeShop, call: Call, price: str, quantity: int, expected: int
) -> None:
    sku = {
        "seller_sku": "X-1",
        "price": {"amount": price, "currency": "JPY"},
        "inventory": [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": quantity}],
    }
    assert code(call("POST", CREATE, body=new_product(fake, skus=[sku]))) == expected


def test_create_needs_a_sales_warehouse_of_the_shop(fake: FakeShop, call: Call) -> None:
    returns = fake.warehouses()[1]
    sku = {
        "seller_sku": "X-1",
        "price": {"amount": "100", "currency": "JPY"},
        "inventory": [{"warehouse_id": returns.id, "quantity": 1}],
    }
    assert code(call("POST", CREATE, body=new_product(fake, skus=[sku]))) == 12052097


# --- inventory --------------------------------------------------------------------------------


def test_a_paused_product_refuses_stock_with_12052901_and_stays_paused(
    fake: FakeShop, call: Call
) -> None:
    paused = fake.product_by_sku("BG-TOTE-NVY")
    warehouse = fake.shops[0].warehouse_id
    before = dict(fake.product(paused.id).skus[0].inventory)
    for quantity in (0, 5, 99_999):
        rows = [{"warehouse_id": warehouse, "quantity": quantity}]
        response = inventory(call, paused, [{"id": paused.skus[0].id, "inventory": rows}])
        assert code(response) == 12052901
    assert fake.product(paused.id).status == "SELLER_DEACTIVATED"
    assert fake.product(paused.id).skus[0].inventory == before


@pytest.mark.parametrize("status", ["PENDING", "DRAFT", "FAILED", "PLATFORM_DEACTIVATED"])
def test_only_an_activate_product_takes_stock(fake: FakeShop, call: Call, status: str) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    fake.set_product_status(product.id, status)
    rows = [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 4}]
    response = inventory(call, product, [{"id": product.skus[0].id, "inventory": rows}])
    assert code(response) == 12052901
    assert fake.product(product.id).status == status


@pytest.mark.parametrize("quantity", [0, 1, 99_999])
def test_an_active_product_takes_any_quantity_from_0_to_99999(
    fake: FakeShop, call: Call, quantity: int
) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    warehouse = fake.shops[0].warehouse_id
    rows = [{"warehouse_id": warehouse, "quantity": quantity}]
    assert data(inventory(call, product, [{"id": product.skus[0].id, "inventory": rows}])) == {}
    assert fake.product(product.id).skus[0].inventory[warehouse] == quantity


def test_a_paused_product_refuses_a_price_update_with_12052901(fake: FakeShop, call: Call) -> None:
    paused = fake.product_by_sku("BG-TOTE-NVY")
    path = f"/product/202309/products/{paused.id}/prices/update"
    body = {"skus": [{"id": paused.skus[0].id, "price": {"amount": "990", "currency": "JPY"}}]}
    assert code(call("POST", path, body=body)) == 12052901


def test_a_sale_price_is_the_price_shown_when_both_are_given(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    path = f"/product/202309/products/{product.id}/prices/update"
    price = {"amount": "1200", "sale_price": "1480", "currency": "JPY"}
    body = {"skus": [{"id": product.skus[0].id, "price": price}]}
    assert data(call("POST", path, body=body)) == {}
    assert fake.product(product.id).skus[0].price == 1480


def test_a_us_only_list_price_is_refused_for_a_jp_shop(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    path = f"/product/202309/products/{product.id}/prices/update"
    sku = {
        "id": product.skus[0].id,
        "price": {"amount": "1200", "currency": "JPY"},
        "list_price": {"amount": "15", "currency": "USD"},
    }
    assert code(call("POST", path, body={"skus": [sku]})) == 12052376


@pytest.mark.parametrize(
    ("key", "count", "expected"),
    [
        ("product_ids", 100, 0),
        ("product_ids", 101, 12019120),
        ("sku_ids", 600, 0),
        ("sku_ids", 601, 12019015),
    ],
)
def test_inventory_search_enforces_the_documented_id_caps(
    call: Call, key: str, count: int, expected: int
) -> None:
    ids = [str(1700000000000000000 + n) for n in range(count)]
    response = call("POST", "/product/202309/inventory/search", body={key: ids})
    assert code(response) == expected


def test_an_unknown_sku_fails_alone_with_code_0_overall(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    warehouse = fake.shops[0].warehouse_id
    rows = [{"warehouse_id": warehouse, "quantity": 9}]
    result = data(
        inventory(
            call,
            product,
            [
                {"id": "1700000000000000000", "inventory": rows},
                {"id": product.skus[0].id, "inventory": rows},
            ],
        )
    )
    assert result["errors"] == [
        {
            "code": 12052556,
            "message": "The SKU id not exist.",
            "detail": {"sku_id": "1700000000000000000"},
        }
    ]
    assert fake.product(product.id).skus[0].inventory[warehouse] == 9


def test_an_unknown_warehouse_is_a_check_failure_naming_it(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("KT-NBT-06")
    rows = [{"warehouse_id": "7000000000000000009", "quantity": 1}]
    error = data(inventory(call, product, [{"id": product.skus[0].id, "inventory": rows}]))[
        "errors"
    ][0]
    assert error["code"] == 12052990
    assert error["detail"]["extra_errors"] == [
        {
            "warehouse_id": "7000000000000000009",
            "code": 12052097,
            "message": "The warehouse does not exist",
        }
    ]


def test_every_warehouse_of_a_sku_must_be_listed(fake: FakeShop, call: Call) -> None:
    extra = fake.add_warehouse("大阪倉庫", seller_skus=["KT-NBT-06"])
    product = fake.product_by_sku("KT-NBT-06")
    rows = [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 3}]
    error = data(inventory(call, product, [{"id": product.skus[0].id, "inventory": rows}]))[
        "errors"
    ][0]
    assert (error["code"], error["detail"]["sku_id"]) == (12019028, product.skus[0].id)
    rows.append({"warehouse_id": extra.id, "quantity": 4})
    assert data(inventory(call, product, [{"id": product.skus[0].id, "inventory": rows}])) == {}


def test_a_quantity_above_99999_fails_for_that_sku(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("KT-NBT-06")
    rows = [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 100_000}]
    error = data(inventory(call, product, [{"id": product.skus[0].id, "inventory": rows}]))[
        "errors"
    ][0]
    assert error["detail"]["extra_errors"][0]["code"] == 12052055


def test_inventory_of_an_unknown_product_answers_12052032(fake: FakeShop, call: Call) -> None:
    path = "/product/202309/products/1700000000000000000/inventory/update"
    assert code(call("POST", path, body={"skus": [{"id": "1", "inventory": []}]})) == 12052032


def test_inventory_search_nests_skus_under_products_with_committed_units(
    fake: FakeShop, call: Call
) -> None:
    product = fake.product_by_sku("KT-NBT-06")
    fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("KT-NBT-06", 2)])
    found = data(
        call("POST", "/product/202309/inventory/search", body={"product_ids": [product.id]})
    )
    sku = found["inventory"][0]["skus"][0]
    assert found["inventory"][0]["product_id"] == product.id
    assert sku["total_committed_quantity"] == 2
    assert sku["warehouse_inventory"][0]["available_quantity"] == sku["total_available_quantity"]


# --- status -----------------------------------------------------------------------------------


def status_call(call: Call, action: str, ids: list[str]) -> httpx.Response:
    return call("POST", f"/product/202309/products/{action}", body={"product_ids": ids})


def test_deactivate_pauses_and_activate_sends_back_to_review(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    assert data(status_call(call, "deactivate", [product.id])) == {}
    assert fake.product(product.id).status == "SELLER_DEACTIVATED"
    assert data(status_call(call, "activate", [product.id])) == {}
    assert fake.product(product.id).status == "PENDING"
    fake.clock.advance(AUDIT_TIME)
    assert fake.product(product.id).status == "ACTIVATE"


def test_a_platform_deactivated_product_can_be_activated(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    fake.set_product_status(product.id, "PLATFORM_DEACTIVATED")
    data(status_call(call, "activate", [product.id]))
    assert fake.product(product.id).status == "PENDING"


def test_status_changes_report_unknown_and_frozen_products_per_item(
    fake: FakeShop, call: Call
) -> None:
    frozen = fake.product_by_sku("HC-YUZU-50")
    fake.set_product_status(frozen.id, "FREEZE")
    errors = data(status_call(call, "deactivate", [frozen.id, "1700000000000000000"]))["errors"]
    # Deactivate Products documents detail {product_id} only (deactivate-products.spec.json).
    assert [(e["code"], e["detail"]) for e in errors] == [
        (12052901, {"product_id": frozen.id}),
        (12052048, {"product_id": "1700000000000000000"}),
    ]


def test_activating_an_unknown_product_nests_12052048_under_check_failed(call: Call) -> None:
    (error,) = data(status_call(call, "activate", ["1700000000000000000"]))["errors"]
    # Activate Products documents the nested shape (activate-product.spec.json example).
    assert (error["code"], error["detail"]["extra_errors"][0]["code"]) == (12052990, 12052048)


def test_more_than_twenty_product_ids_answers_12019120(call: Call) -> None:
    ids = [f"17000000000000000{i:02d}" for i in range(21)]
    assert code(status_call(call, "activate", ids)) == 12019120


def test_a_deleted_product_is_found_only_by_id_or_the_deleted_status(
    fake: FakeShop, call: Call
) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    assert data(call("DELETE", CREATE, body={"product_ids": [product.id]})) == {}
    listed = [p["id"] for p in data(search(call))["products"]]
    deleted = [p["id"] for p in data(search(call, {"status": "DELETED"}))["products"]]
    detail = data(call("GET", f"{CREATE}/{product.id}"))
    assert product.id not in listed and deleted == [product.id]
    assert detail["status"] == "DELETED"


def test_a_recovered_product_gets_its_former_status_back(fake: FakeShop, call: Call) -> None:
    paused = fake.product_by_sku("MG-MINO-AI")
    fake.set_product_status(paused.id, "SELLER_DEACTIVATED")
    data(call("DELETE", CREATE, body={"product_ids": [paused.id]}))
    assert data(call("POST", f"{CREATE}/recover", body={"product_ids": [paused.id]})) == {}
    assert fake.product(paused.id).status == "SELLER_DEACTIVATED"


def test_frozen_and_already_deleted_products_cannot_be_deleted(fake: FakeShop, call: Call) -> None:
    frozen = fake.product_by_sku("HC-YUZU-50")
    gone = fake.product_by_sku("MG-MINO-AI")
    fake.set_product_status(frozen.id, "FREEZE")
    data(call("DELETE", CREATE, body={"product_ids": [gone.id]}))
    errors = data(call("DELETE", CREATE, body={"product_ids": [frozen.id, gone.id]}))["errors"]
    assert [(e["code"], e["detail"]["product_id"]) for e in errors] == [
        (12052901, frozen.id),
        (12052901, gone.id),
    ]


def test_recovering_an_unknown_product_reports_12052048(call: Call) -> None:
    body = {"product_ids": ["1700000000000000000"]}
    (error,) = data(call("POST", f"{CREATE}/recover", body=body))["errors"]
    assert (error["code"], error["detail"]) == (12052048, {"product_id": "1700000000000000000"})


def test_deleting_more_than_twenty_products_answers_12019120(call: Call) -> None:
    ids = [f"17000000000000000{i:02d}" for i in range(21)]
    assert code(call("DELETE", CREATE, body={"product_ids": ids})) == 12019120


def test_price_updates_leave_the_status_alone(fake: FakeShop, call: Call) -> None:
    live = fake.product_by_sku("MG-MINO-AI")
    body = {"skus": [{"id": live.skus[0].id, "price": {"amount": "2980", "currency": "JPY"}}]}
    data(call("POST", f"/product/202309/products/{live.id}/prices/update", body=body))
    product = fake.product(live.id)
    assert (product.skus[0].price, product.status, product.audit_status) == (
        2980,
        "ACTIVATE",
        "APPROVED",
    )


def test_a_content_edit_keeps_a_paused_product_paused(fake: FakeShop, call: Call) -> None:
    paused = fake.product_by_sku("BG-TOTE-NVY")
    path = f"/product/202509/products/{paused.id}/partial_edit"
    data(call("POST", path, body={"title": "撥水 ナイロン トートバッグ 大容量"}))
    fake.clock.advance(AUDIT_TIME)
    assert (fake.product(paused.id).title, fake.product(paused.id).status) == (
        "撥水 ナイロン トートバッグ 大容量",
        "SELLER_DEACTIVATED",
    )


# --- image upload -----------------------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (1200).to_bytes(4, "big") + (900).to_bytes(4, "big")


def test_an_image_upload_is_multipart_signed_without_its_body(
    fake: FakeShop, client: httpx.Client, call: Call
) -> None:
    grant = fake.grant_tokens()
    query = {"app_key": fake.app_key, "timestamp": str(fake.clock.timestamp())}
    request = client.build_request(
        "POST",
        FakeShop.API_BASE_URL + UPLOAD,
        params=query,
        files={"data": ("a.png", PNG, "image/png")},
        data={"use_case": "MAIN_IMAGE"},
        headers={"x-tts-access-token": grant.access_token},
    )
    query["sign"] = sign(path=UPLOAD, query=query, app_secret=fake.app_secret)
    request.url = request.url.copy_merge_params({"sign": query["sign"]})
    image = data(client.send(request))
    assert (image["width"], image["height"]) == (1200, 900)
    assert image["uri"].startswith("tos-")


def test_an_image_upload_refuses_a_json_body(call: Call) -> None:
    assert code(call("POST", UPLOAD, shop=False, body={"data": "x"})) == 36009023


def test_an_image_upload_refuses_a_shop_cipher(call: Call) -> None:
    assert code(call("POST", UPLOAD, body={})) == 36009004
