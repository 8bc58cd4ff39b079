"""Fixtures for client tests: a FakeShop, a strict client wired to it, an authorized seller."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tiktokshop_sync import InMemoryTokenStore, ShopClient, TikTokShop, TokenSet
from tiktokshop_sync.testing import FakeShop


@pytest.fixture
def fake() -> FakeShop:
    return FakeShop(seed=11)


@pytest.fixture
def store() -> InMemoryTokenStore:
    return InMemoryTokenStore()


@pytest.fixture
def client(fake: FakeShop, store: InMemoryTokenStore) -> Iterator[TikTokShop]:
    with fake.client(token_store=store, strict_models=True) as client:
        yield client


@pytest.fixture
def tokens(fake: FakeShop, client: TikTokShop) -> TokenSet:
    return client.oauth.exchange_code(fake.authorize())


@pytest.fixture
def shop(client: TikTokShop, tokens: TokenSet) -> ShopClient:
    seller = client.seller(tokens.open_id)
    return seller.shop(seller.shops.authorized()[0].cipher)
