"""A FakeShop shop whose orders the OMS imports and whose settlements it imports, week by week:
the scaffolding of the reconciliation tests over FakeShop data."""

from __future__ import annotations

import attrs

from tiktokshop_sync import ShopClient, TikTokShop
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, SettlementImport, SQLiteStateStore


@attrs.frozen
class Settling:
    """The fake, an authorized shop view, and both imports into one InMemoryOms."""

    fake: FakeShop
    client: TikTokShop
    shop: ShopClient
    oms: InMemoryOms
    orders: OrderImport
    settlements: SettlementImport

    def week(self) -> None:
        """The OMS imports the week's orders; a week passes; it imports TikTok's settlements."""
        self.orders.run()
        self.fake.clock.advance(days=7)
        self.settlements.run()


def settling(seed: int) -> Settling:
    """A fresh FakeShop (``seed``) with its first shop authorized and nothing imported yet."""
    fake = FakeShop(seed=seed)
    state = SQLiteStateStore(":memory:")
    oms = InMemoryOms()
    client = fake.client(token_store=state.tokens, strict_models=True)
    grant = client.oauth.exchange_code(fake.authorize()).open_id
    shop = client.shop(fake.shops[0].cipher, grant=grant)
    return Settling(
        fake=fake,
        client=client,
        shop=shop,
        oms=oms,
        orders=OrderImport(shop=shop, state=state, sink=oms),
        settlements=SettlementImport(shop=shop, state=state, sink=oms),
    )
