"""Fixtures for workflow tests: a FakeShop, an authorized shop view, SQLite state, an OMS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tiktokshop_sync import ShopClient, TikTokShop
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows.state import SQLiteStateStore


@pytest.fixture
def fake() -> FakeShop:
    return FakeShop(seed=31)


@pytest.fixture
def state(tmp_path: Path) -> SQLiteStateStore:
    return SQLiteStateStore(tmp_path / "state.db")


@pytest.fixture
def oms() -> InMemoryOms:
    return InMemoryOms()


@pytest.fixture
def client(fake: FakeShop, state: SQLiteStateStore) -> Iterator[TikTokShop]:
    with fake.client(token_store=state.tokens, strict_models=True) as client:
        yield client


@pytest.fixture
def shop(fake: FakeShop, client: TikTokShop) -> ShopClient:
    tokens = client.oauth.exchange_code(fake.authorize())
    return client.shop(fake.shops[0].cipher, grant=tokens.open_id)
