"""A FakeShop with Japanese orders and a shop view on it, for the notebook and DataFrame tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tiktokshop_sync import InMemoryTokenStore, ShopClient
from tiktokshop_sync.testing import FakeShop

#: Written by a buyer: it must never reach a table or a frame.
MESSAGE = "不在時は隣の山下さん宅（301号室）に預けてください"


@pytest.fixture
def buyer_message() -> str:
    """The message two of the fake's orders carry."""
    return MESSAGE


@pytest.fixture
def fake() -> FakeShop:
    fake = FakeShop(seed=17)
    fake.create_orders(23)
    fake.create_orders(2, buyer_message=MESSAGE)
    return fake


@pytest.fixture
def shop(fake: FakeShop) -> Iterator[ShopClient]:
    with fake.client(token_store=InMemoryTokenStore()) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        yield client.shop(fake.shops[0].cipher, grant=tokens.open_id)
