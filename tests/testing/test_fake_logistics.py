"""Warehouses, delivery options and shipping providers over the wire (reference §5.6)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx

from tiktokshop_sync.testing import FakeShop

Call = Callable[..., httpx.Response]
WAREHOUSES = "/logistics/202309/warehouses"


def data(response: httpx.Response) -> Any:
    payload = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def options_path(warehouse_id: str) -> str:
    return f"/logistics/202309/warehouses/{warehouse_id}/delivery_options"


def providers_path(option_id: str) -> str:
    return f"/logistics/202309/delivery_options/{option_id}/shipping_providers"


def test_a_shop_has_a_default_sales_warehouse_and_a_return_warehouse(call: Call) -> None:
    warehouses = data(call("GET", WAREHOUSES))["warehouses"]
    assert [(w["type"], w["is_default"]) for w in warehouses] == [
        ("SALES_WAREHOUSE", True),
        ("RETURN_WAREHOUSE", False),
    ]
    assert {w["effect_status"] for w in warehouses} == {"ENABLED"}


def test_the_warehouse_address_is_japanese_with_chome_banchi_go_in_line_one(call: Call) -> None:
    address = data(call("GET", WAREHOUSES))["warehouses"][0]["address"]
    assert address["region_code"] == "JP"
    assert address["state"] == "千葉県"
    assert re.fullmatch(r"\d{3}-\d{4}", address["postal_code"])
    assert re.search(r"\d+-\d+-\d+$", address["address_line1"])
    assert re.fullmatch(r"[\u30a0-\u30ff]+", address["last_name_local_script"])
    assert address["full_address"].startswith("千葉県千葉市中央区")


def test_the_orders_warehouse_and_delivery_option_are_the_shops(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0]
    warehouse = data(call("GET", WAREHOUSES))["warehouses"][0]
    options = data(call("GET", options_path(warehouse["id"])))["delivery_options"]
    assert order.warehouse_id == warehouse["id"]
    assert order.delivery_option_id == options[0]["id"]


def test_the_sales_warehouse_offers_a_send_by_seller_and_a_tiktok_option(call: Call) -> None:
    warehouse = data(call("GET", WAREHOUSES))["warehouses"][0]
    options = data(call("GET", options_path(warehouse["id"])))["delivery_options"]
    assert [o["type"] for o in options] == ["SEND_BY_SELLER", "EXPRESS"]
    assert options[0]["weight_limit"]["unit"] == "GRAM"


def test_a_return_warehouse_has_no_delivery_options(call: Call) -> None:
    returns = data(call("GET", WAREHOUSES))["warehouses"][1]
    assert data(call("GET", options_path(returns["id"]))) == {"delivery_options": []}


def test_an_unknown_warehouse_is_an_invalid_identifier(call: Call) -> None:
    # Get Warehouse Delivery Options lists no code for it (11005004 is another page's).
    reply = call("GET", options_path("7000000000000000000")).json()
    assert (reply["code"], reply["message"]) == (
        36009004,
        "Invalid identifier. The `warehouse_id` path parameter is invalid.",
    )


def test_seller_shipping_lists_the_five_jp_carriers_with_19_digit_ids(
    fake: FakeShop, call: Call
) -> None:
    option = fake.delivery_options()[0]
    providers = data(call("GET", providers_path(option.id)))["shipping_providers"]
    assert [p["name"] for p in providers] == [
        "Yamato Transport",
        "Sagawa Express",
        "Japan Post",
        "Seino Transportation",
        "Seino Super Express",
    ]
    assert all(re.fullmatch(r"\d{19}", p["id"]) for p in providers)


def test_a_tiktok_fulfilled_option_returns_no_providers_but_21008117(
    fake: FakeShop, call: Call
) -> None:
    option = fake.delivery_options()[1]
    body = call("GET", providers_path(option.id)).json()
    assert (body["code"], body["data"]) == (21008117, None)


def test_an_unknown_delivery_option_answers_21008116(call: Call) -> None:
    assert call("GET", providers_path("7000000000000000001")).json()["code"] == 21008116


def test_tiktok_shipped_orders_use_the_tiktok_delivery_option(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    assert order.delivery_option_id == fake.delivery_options()[1].id


def test_an_added_warehouse_is_listed_and_stocks_the_chosen_skus(fake: FakeShop) -> None:
    extra = fake.add_warehouse("大阪倉庫", seller_skus=["KT-NBT-06"], quantity=4)
    assert extra in fake.warehouses()
    assert fake.product_by_sku("KT-NBT-06").skus[0].inventory[extra.id] == 4
    assert extra.id not in fake.product_by_sku("FD-MATCHA-100").skus[0].inventory


def test_logistics_calls_need_the_shop_cipher(call: Call) -> None:
    assert call("GET", WAREHOUSES, shop=False).json()["code"] == 106013
