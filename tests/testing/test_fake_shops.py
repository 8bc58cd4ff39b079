"""Get Authorized Shops and Get Active Shops, and shops added during a test."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tiktokshop_sync.testing import FakeShop

Call = Callable[..., httpx.Response]


def test_authorized_shops_lists_the_default_jp_shop(fake: FakeShop, call: Call) -> None:
    shops = call("GET", "/authorization/202309/shops", shop=False).json()["data"]["shops"]
    assert shops == [fake.shops[0].to_wire()]
    assert shops[0]["region"] == "JP"
    assert shops[0]["seller_type"] == "LOCAL"


def test_shop_ids_are_19_digits_and_ciphers_look_opaque(fake: FakeShop) -> None:
    shop = fake.shops[0]
    assert len(shop.id) == 19
    assert shop.id.isdigit()
    assert shop.cipher.startswith("ROW_")


def test_active_shops_lists_id_and_region(fake: FakeShop, call: Call) -> None:
    shops = call("GET", "/seller/202309/shops", shop=False).json()["data"]["shops"]
    assert shops == [{"id": fake.shops[0].id, "region": "JP"}]


def test_a_second_shop_of_the_same_seller_is_listed(fake: FakeShop, call: Call) -> None:
    second = fake.add_shop("さくら商店 アウトレット")
    shops = call("GET", "/authorization/202309/shops", shop=False).json()["data"]["shops"]
    assert [shop["id"] for shop in shops] == [fake.shops[0].id, second.id]


def test_a_new_sellers_shop_is_not_listed_for_the_first_seller(fake: FakeShop, call: Call) -> None:
    fake.add_shop("もみじ堂", seller=fake.add_seller("もみじ堂"))
    shops = call("GET", "/authorization/202309/shops", shop=False).json()["data"]["shops"]
    assert len(shops) == 1


def test_a_new_seller_sees_only_their_own_shop(fake: FakeShop, call: Call) -> None:
    other = fake.add_seller("もみじ堂")
    their_shop = fake.add_shop("もみじ堂", seller=other)
    token = fake.grant_tokens(other).access_token
    body = call("GET", "/authorization/202309/shops", shop=False, token=token).json()
    assert body["data"]["shops"] == [their_shop.to_wire()]


def test_shop_with_no_orders_searches_empty(fake: FakeShop, call: Call) -> None:
    second = fake.add_shop("さくら商店 アウトレット")
    fake.create_orders(3)
    body = call(
        "POST",
        "/order/202309/orders/search",
        cipher=second.cipher,
        query={"page_size": "10"},
        body={},
    ).json()
    assert body["data"] == {"next_page_token": "", "total_count": 0, "orders": []}
