"""The client talks to FakeShop served on a loopback port, over real HTTP."""

from __future__ import annotations

import httpx

from tiktokshop_sync import AsyncTikTokShop, InMemoryTokenStore, TikTokShop
from tiktokshop_sync.testing import FakeShop


def test_sync_client_imports_orders_over_loopback_http() -> None:
    fake = FakeShop(seed=3)
    fake.create_orders(120)
    with fake.serve() as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with TikTokShop(
            app_key=fake.app_key,
            app_secret=fake.app_secret,
            base_url=base_url,
            auth_base_url=base_url,
            token_store=InMemoryTokenStore(),
            clock=fake.clock,
            strict_models=True,
        ) as client:
            tokens = client.oauth.exchange_code(fake.authorize())
            seller = client.seller(tokens.open_id)
            shop = seller.shop(seller.shops.authorized()[0].cipher)
            assert len(list(shop.orders.search())) == 120


async def test_async_client_with_a_user_supplied_http_client_over_loopback() -> None:
    fake = FakeShop(seed=4)
    fake.create_orders(10)
    with fake.serve() as base_url:
        async with httpx.AsyncClient() as http:
            client = AsyncTikTokShop(
                app_key=fake.app_key,
                app_secret=fake.app_secret,
                base_url=base_url,
                auth_base_url=base_url,
                token_store=InMemoryTokenStore(),
                clock=fake.clock,
                http_client=http,
            )
            tokens = await client.oauth.exchange_code(fake.authorize())
            shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
            assert len(await shop.orders.search().to_list()) == 10
            await client.aclose()
            assert not http.is_closed  # the caller's client is the caller's to close
