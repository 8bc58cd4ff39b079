"""Get Order List (search, paging, filters) and Get Order Detail over the wire."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tiktokshop_sync._core.signing import sign
from tiktokshop_sync.testing import FakeGrant, FakeShop

Call = Callable[..., httpx.Response]
SEARCH = "/order/202309/orders/search"
DETAIL = "/order/202309/orders"


def search(
    call: Call, body: dict[str, Any] | None = None, *, cipher: str | None = None, **query: str
) -> dict[str, Any]:
    query.setdefault("page_size", "50")
    options: dict[str, Any] = {"cipher": cipher} if cipher else {}
    response = call("POST", SEARCH, query=query, body=body if body is not None else {}, **options)
    payload: dict[str, Any] = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def all_pages(call: Call, body: dict[str, Any] | None = None, **query: str) -> list[str]:
    ids: list[str] = []
    token = ""
    while True:
        extra = {"page_token": token} if token else {}
        data = search(call, body, **query, **extra)
        ids.extend(order["id"] for order in data["orders"])
        token = data["next_page_token"]
        if not token:
            return ids


def test_search_returns_every_order_across_pages_exactly_once(fake: FakeShop, call: Call) -> None:
    created = fake.create_orders(23)
    ids = all_pages(call, page_size="5")
    assert sorted(ids) == sorted(order.id for order in created)


def test_page_tokens_contain_plus_slash_and_equals(fake: FakeShop, call: Call) -> None:
    fake.create_orders(12)
    token = search(call, page_size="5")["next_page_token"]
    assert "+" in token
    assert "/" in token
    assert token.endswith("=")


def test_last_page_has_an_empty_next_page_token(fake: FakeShop, call: Call) -> None:
    fake.create_orders(4)
    data = search(call, page_size="10")
    assert data["next_page_token"] == ""
    assert data["total_count"] == 4


def test_total_count_counts_every_match_not_the_page(fake: FakeShop, call: Call) -> None:
    fake.create_orders(12)
    assert search(call, page_size="5")["total_count"] == 12


def test_unencoded_plus_in_page_token_fails_the_signature_check(
    fake: FakeShop, client: httpx.Client, grant: FakeGrant, call: Call
) -> None:
    fake.create_orders(12)
    token = search(call, page_size="5")["next_page_token"]
    params = {
        "app_key": fake.app_key,
        "page_size": "5",
        "page_token": token,
        "shop_cipher": fake.shops[0].cipher,
        "timestamp": str(fake.clock.timestamp()),
    }
    params["sign"] = sign(path=SEARCH, query=params, body=b"{}", app_secret=fake.app_secret)
    # A careless client pastes the token into the URL without percent-encoding it.
    raw_query = "&".join(f"{key}={value}" for key, value in params.items())
    response = client.post(
        f"{FakeShop.API_BASE_URL}{SEARCH}?{raw_query}",
        content=b"{}",
        headers={"content-type": "application/json", "x-tts-access-token": grant.access_token},
    )
    assert response.json()["code"] == 106001


def test_tampered_page_token_is_rejected(fake: FakeShop, call: Call) -> None:
    fake.create_orders(12)
    token = search(call, page_size="5")["next_page_token"]
    forged = token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
    body = call("POST", SEARCH, query={"page_size": "5", "page_token": forged}, body={}).json()
    assert body["code"] != 0
    assert "page_token" in body["message"]


def test_default_sort_is_newest_created_first(fake: FakeShop, call: Call) -> None:
    fake.create_orders(10)
    times = [order["create_time"] for order in search(call)["orders"]]
    assert times == sorted(times, reverse=True)


def test_sort_by_update_time_ascending(fake: FakeShop, call: Call) -> None:
    fake.create_orders(10)
    data = search(call, sort_field="update_time", sort_order="ASC")
    times = [order["update_time"] for order in data["orders"]]
    assert times == sorted(times)


def test_unknown_sort_order_is_rejected(fake: FakeShop, call: Call) -> None:
    body = call("POST", SEARCH, query={"page_size": "5", "sort_order": "asc"}, body={}).json()
    assert body["code"] == 36009004
    assert "sort_order" in body["message"]


def test_filter_by_order_status(fake: FakeShop, call: Call) -> None:
    fake.create_orders(3, status="UNPAID")
    fake.create_orders(4, status="AWAITING_SHIPMENT")
    orders = search(call, {"order_status": "AWAITING_SHIPMENT"})["orders"]
    assert len(orders) == 4
    assert {order["status"] for order in orders} == {"AWAITING_SHIPMENT"}


def test_filter_by_create_time_includes_ge_and_excludes_lt(fake: FakeShop, call: Call) -> None:
    orders = fake.create_orders(10)
    stamps = sorted(int(order.create_time.timestamp()) for order in orders)
    body = {"create_time_ge": stamps[2], "create_time_lt": stamps[7]}
    found = search(call, body)["orders"]
    assert sorted(order["create_time"] for order in found) == stamps[2:7]


def test_filter_by_update_time_window(fake: FakeShop, call: Call) -> None:
    fake.create_orders(5, status="UNPAID")
    since = fake.clock.timestamp()
    fake.clock.advance(minutes=5)
    paid = fake.pay(fake.orders_of()[0].id)
    found = search(call, {"update_time_ge": since})["orders"]
    assert [order["id"] for order in found] == [paid.id]


def test_filter_by_is_buyer_request_cancel(fake: FakeShop, call: Call) -> None:
    orders = fake.create_orders(3, status="AWAITING_SHIPMENT")
    fake.buyer_cancel(orders[1].id)
    found = search(call, {"is_buyer_request_cancel": True})["orders"]
    assert [order["id"] for order in found] == [orders[1].id]


def test_filter_by_shipping_type(fake: FakeShop, call: Call) -> None:
    fake.create_orders(3, shipping_type="SELLER")
    tiktok = fake.create_orders(2, shipping_type="TIKTOK")
    found = search(call, {"shipping_type": "TIKTOK"})["orders"]
    assert sorted(order["id"] for order in found) == sorted(order.id for order in tiktok)


def test_string_time_filter_is_rejected_with_the_type_message(fake: FakeShop, call: Call) -> None:
    body = call("POST", SEARCH, query={"page_size": "5"}, body={"create_time_ge": "1"}).json()
    assert body["code"] == 36009004
    assert "create_time_ge type invalid" in body["message"]


def test_page_size_is_required(call: Call) -> None:
    body = call("POST", SEARCH, body={}).json()
    assert body["code"] == 36009004
    assert "page_size" in body["message"]


@pytest.mark.parametrize("size", ["0", "101"])
def test_page_size_outside_1_to_100_is_rejected(call: Call, size: str) -> None:
    response = call("POST", SEARCH, query={"page_size": size}, body={})
    assert response.status_code == 200
    assert response.json()["code"] == 36009004


def test_search_sees_only_orders_of_the_cipher_shop(fake: FakeShop, call: Call) -> None:
    second = fake.add_shop("さくら商店 アウトレット")
    fake.create_orders(3)
    theirs = fake.create_orders(2, second)
    found = search(call, cipher=second.cipher)
    assert sorted(o["id"] for o in found["orders"]) == sorted(o.id for o in theirs)


def test_empty_body_is_treated_as_no_filters(fake: FakeShop, call: Call) -> None:
    fake.create_orders(3)
    body = call("POST", SEARCH, query={"page_size": "10"}).json()
    assert body["data"]["total_count"] == 3


def test_json_body_without_json_content_type_is_rejected_with_36009022(
    fake: FakeShop, call: Call
) -> None:
    response = call("POST", SEARCH, query={"page_size": "10"}, body={}, content_type="text/plain")
    assert response.json()["code"] == 36009022


def test_detail_returns_orders_in_the_requested_order(fake: FakeShop, call: Call) -> None:
    orders = fake.create_orders(3)
    wanted = [orders[2].id, orders[0].id]
    data = call("GET", DETAIL, query={"ids": ",".join(wanted)}).json()["data"]
    assert [order["id"] for order in data["orders"]] == wanted


def test_detail_matches_the_search_shape(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1)[0]
    detail = call("GET", DETAIL, query={"ids": order.id}).json()["data"]["orders"][0]
    assert detail == search(call)["orders"][0]


def test_detail_version_202507_is_served(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1)[0]
    body = call("GET", "/order/202507/orders", query={"ids": order.id}).json()
    assert body["data"]["orders"][0]["id"] == order.id


def test_detail_accepts_50_ids(fake: FakeShop, call: Call) -> None:
    orders = fake.create_orders(50)
    body = call("GET", DETAIL, query={"ids": ",".join(o.id for o in orders)}).json()
    assert len(body["data"]["orders"]) == 50


def test_detail_rejects_more_than_50_ids(fake: FakeShop, call: Call) -> None:
    orders = fake.create_orders(51)
    body = call("GET", DETAIL, query={"ids": ",".join(o.id for o in orders)}).json()
    assert body["code"] == 36009004
    assert "50" in body["message"]


def test_detail_without_ids_is_rejected(call: Call) -> None:
    assert call("GET", DETAIL).json()["code"] == 36009004


def test_detail_of_another_shops_order_is_rejected_with_21008111(
    fake: FakeShop, call: Call
) -> None:
    second = fake.add_shop("さくら商店 アウトレット")
    theirs = fake.create_orders(1, second)[0]
    body = call("GET", DETAIL, query={"ids": theirs.id}).json()
    assert body["code"] == 21008111
    assert body["message"] == "The order or package does not belong to the current seller."


def test_detail_of_an_unknown_order_is_rejected_with_21008111(call: Call) -> None:
    assert call("GET", DETAIL, query={"ids": "576000000000000000"}).json()["code"] == 21008111


@pytest.mark.parametrize("body", [{"order_status": "SHIPPED"}, {"shipping_type": "TIKTOK_DIGITAL"}])
def test_a_filter_value_the_reference_does_not_list_answers_36009004(
    call: Call, body: dict[str, Any]
) -> None:
    reply = call("POST", SEARCH, query={"page_size": "10"}, body=body).json()
    assert reply["code"] == 36009004
    assert reply["message"].startswith("Invalid parameter.")
