"""fake.client() / fake.async_client(): the SDK clients, pre-wired to the fake."""

from __future__ import annotations

from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.testing import FakeShop


def test_client_factory_wires_the_sdk_client_to_the_fake(fake: FakeShop) -> None:
    client = fake.client(token_store=InMemoryTokenStore())
    tokens = client.oauth.exchange_code(fake.authorize())
    shops = client.seller(tokens.open_id).shops.authorized()
    assert [shop.cipher for shop in shops] == [fake.shops[0].cipher]
    assert client.clock is fake.clock


def test_client_factory_passes_keywords_through(fake: FakeShop) -> None:
    client = fake.client(max_retries=0)
    assert client.config.max_retries == 0


async def test_async_client_factory_wires_the_async_sdk_client_to_the_fake(
    fake: FakeShop,
) -> None:
    client = fake.async_client(token_store=InMemoryTokenStore())
    tokens = await client.oauth.exchange_code(fake.authorize())
    shops = await client.seller(tokens.open_id).shops.authorized()
    assert [shop.id for shop in shops] == [fake.shops[0].id]
