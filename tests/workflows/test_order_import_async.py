"""The async order import shares the sync logic and awaits async ports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.workflows import AsyncOrderImport, HoldReleased, ImportedOrder, OrderCancelled
from tiktokshop_sync.workflows.state import SQLiteStateStore


class AsyncSink:
    def __init__(self) -> None:
        self.orders: dict[str, ImportedOrder] = {}
        self.released: list[str] = []

    async def accept(self, orders: Sequence[ImportedOrder]) -> None:
        self.orders.update({o.order_id: o for o in orders})

    async def release(self, releases: Sequence[HoldReleased]) -> None:
        self.released += [r.order_id for r in releases]

    async def cancel(self, cancellations: Sequence[OrderCancelled]) -> None:
        pass


async def test_async_import_delivers_to_an_async_sink_and_releases_holds(tmp_path: Path) -> None:
    fake = FakeShop(seed=9)
    fake.create_orders(30, status="AWAITING_SHIPMENT")
    unpaid = fake.create_orders(1, status="UNPAID")[0]
    fake.pay(unpaid.id)
    sink = AsyncSink()
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        job = AsyncOrderImport(shop=shop, state=SQLiteStateStore(tmp_path / "s.db"), sink=sink)
        first = await job.run()
        assert first.delivered == 31 and first.held == 1
        fake.clock.advance(minutes=61)
        second = await job.run()
    assert second.released == 1
    assert sink.released == [unpaid.id]
