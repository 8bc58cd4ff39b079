"""Raw replies on success: TikTok's request id, status, headers and body, for support tickets."""

from __future__ import annotations

import pytest

from tiktokshop_sync import (
    APIError,
    InMemoryTokenStore,
    InvalidArgumentError,
    RawReply,
    ShopClient,
    TikTokShop,
    record_replies,
)
from tiktokshop_sync.testing import FakeShop


def test_with_raw_response_gives_the_result_and_its_replys_request_id(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(3)
    ids = [o.id for o in shop.orders.search()]
    raw = shop.with_raw_response(shop.orders.get, ids)
    assert [o.id for o in raw.parsed] == [o.id for o in shop.orders.get(ids)]
    body = raw.last.json()
    assert raw.request_id == body["request_id"] and raw.request_id
    assert raw.http_status == 200
    assert raw.headers["content-type"].startswith("application/json")
    assert [o["id"] for o in body["data"]["orders"]] == ids


def test_a_method_that_makes_several_calls_gives_every_reply(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(60)
    ids = [o.id for o in shop.orders.search()]
    raw = shop.with_raw_response(shop.orders.get, ids)  # 50 ids per call: two calls
    assert len(raw.replies) == 2
    assert len(set(raw.request_ids)) == 2
    assert raw.request_id == raw.request_ids[-1]
    assert len(raw.parsed) == 60


def test_the_lenient_path_records_the_same_reply(fake: FakeShop, store: InMemoryTokenStore) -> None:
    fake.create_orders(2)
    with fake.client(token_store=store) as client:  # not strict: the bytes reader
        tokens = client.oauth.exchange_code(fake.authorize())
        lenient = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        raw = lenient.with_raw_response(lenient.orders.search().first_page)
    assert len(raw.parsed) == 2
    assert raw.request_id == raw.last.json()["request_id"]


def test_record_replies_collects_one_reply_per_page_of_a_search(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(25)
    with record_replies() as replies:
        orders = shop.orders.search(page_size=10).to_list()
    assert len(orders) == 25
    assert [r.path for r in replies] == ["/order/202309/orders/search"] * 3
    assert all(isinstance(r, RawReply) and r.request_id for r in replies)


def test_nested_blocks_each_get_the_replies_made_within_them(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(2)
    with record_replies() as outer:
        shop.orders.search().first_page()
        with record_replies() as inner:
            shop.logistics.warehouses()
    assert [r.path for r in inner] == ["/logistics/202309/warehouses"]
    assert [r.path for r in outer] == ["/order/202309/orders/search", *[r.path for r in inner]]


def test_no_reply_is_recorded_outside_a_block(fake: FakeShop, shop: ShopClient) -> None:
    shop.orders.search().first_page()
    with record_replies() as replies:
        pass
    assert replies == []


def test_a_method_that_calls_nothing_says_how_to_reach_its_replies(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="first_page"):
        shop.with_raw_response(shop.orders.search)


def test_a_failed_call_records_no_reply(shop: ShopClient) -> None:
    with record_replies() as replies, pytest.raises(APIError):
        shop.fulfillment.get_package("0")
    assert replies == []


def test_token_replies_are_never_recorded_and_no_secret_is_kept(
    fake: FakeShop, store: InMemoryTokenStore
) -> None:
    client: TikTokShop
    with fake.client(token_store=store) as client, record_replies() as replies:
        tokens = client.oauth.exchange_code(fake.authorize())
        seller = client.seller(tokens.open_id)
        seller.shops.authorized()
    assert [r.path for r in replies] == ["/authorization/202309/shops"]
    kept = b"".join(r.content + str(r.headers).encode() + repr(r).encode() for r in replies)
    for secret in (tokens.access_token, tokens.refresh_token, fake.app_secret):
        assert secret.encode() not in kept


def test_a_replys_repr_leaves_out_the_body_and_headers(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(1, buyer_message="山下さん宅に預けてください")
    raw = shop.with_raw_response(shop.orders.search().first_page)
    assert "山下".encode() in raw.content
    assert "山下" not in repr(raw) and "content-type" not in repr(raw)


async def test_the_async_views_give_the_same_raw_response(fake: FakeShop) -> None:
    fake.create_orders(3)
    async with fake.async_client(token_store=InMemoryTokenStore()) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        page = await shop.orders.search().first_page()
        raw = await shop.with_raw_response(shop.orders.get, [o.id for o in page])
        seller = client.seller(tokens.open_id)
        shops = await seller.with_raw_response(seller.shops.authorized)
    assert [o.id for o in raw.parsed] == [o.id for o in page]
    assert raw.request_id == raw.last.json()["request_id"]
    assert shops.last.path == "/authorization/202309/shops" and shops.parsed
