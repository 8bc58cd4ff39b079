"""The async client behaves exactly like the sync one (same flows, async I/O)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tiktokshop_sync import AsyncTikTokShop, InMemoryTokenStore, ServerError
from tiktokshop_sync.testing import FakeShop

SEARCH = "/order/202309/orders/search"


async def _shop(client: AsyncTikTokShop, fake: FakeShop):  # type: ignore[no-untyped-def]
    tokens = await client.oauth.exchange_code(fake.authorize())
    seller = client.seller(tokens.open_id)
    shops = await seller.shops.authorized()
    return seller.shop(shops[0].cipher)


async def test_async_search_iterates_orders_across_pages(fake: FakeShop) -> None:
    created = fake.create_orders(130)
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        shop = await _shop(client, fake)
        found = [
            o.id
            async for o in shop.orders.search(create_time_ge=fake.clock.now() - timedelta(days=8))
        ]
    assert sorted(found) == sorted(o.id for o in created)


async def test_async_iter_pages_and_cursor(fake: FakeShop) -> None:
    fake.create_orders(120)
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        shop = await _shop(client, fake)
        pager = shop.orders.search()
        sizes = [len(page) async for page in pager.iter_pages()]
    assert sizes == [100, 20]
    assert pager.cursor is None


async def test_async_detail_chunks_ids(fake: FakeShop) -> None:
    ids = [o.id for o in fake.create_orders(60)]
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        shop = await _shop(client, fake)
        orders = await shop.orders.get(ids)
    assert len(orders) == 60


async def test_async_retries_use_the_injected_async_sleep(fake: FakeShop) -> None:
    fake.fail_next("server_error", times=2, path=SEARCH)
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        shop = await _shop(client, fake)
        assert await shop.orders.search().to_list() == []
    assert len([r for r in fake.requests if r.path == SEARCH]) == 3


async def test_async_persistent_server_error_is_raised(fake: FakeShop) -> None:
    fake.fail_next("server_error", times=5, path=SEARCH)
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        shop = await _shop(client, fake)
        with pytest.raises(ServerError):
            await shop.orders.search().first_page()


async def test_async_expired_token_is_refreshed_once(fake: FakeShop) -> None:
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        shop = await _shop(client, fake)
        fake.expire_access_tokens()
        await shop.orders.search().first_page()
    assert sum(1 for r in fake.requests if r.path == "/api/v2/token/refresh") == 1
