"""Multi-shop: one app client, two sellers, three shops, one order import per shop.

A Japanese corporation may run several TikTok shops, and an OMS vendor serves many sellers.
Here that is a loop: one ``TikTokShop`` (one connection pool) hands out a seller view per
authorized seller (``open_id``) and a shop view per shop cipher; every shop gets its own
``OrderImport`` with its own cursor, all in one shared ``SQLiteStateStore``.

Run it with ``python examples/multi_shop.py`` (FakeShop, no credentials).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, SQLiteStateStore, check_shops


def main(workdir: Path) -> int:
    fake = FakeShop(seed=3)  # seller さくら商店 with its 公式ショップ
    outlet = fake.add_shop("さくら商店 アウトレット")  # a second shop of the same seller
    momiji = fake.add_seller("もみじ堂")  # another seller (another company)
    momiji_shop = fake.add_shop("もみじ堂 本店", seller=momiji)
    fake.create_orders(12)
    fake.create_orders(5, shop=outlet)
    fake.create_orders(8, shop=momiji_shop)

    state = SQLiteStateStore(workdir / "state.db")  # shared: cursors are kept per shop
    oms = InMemoryOms()  # stands in for your OMS (orders keyed by shop and order id)

    with fake.client(token_store=state.tokens) as client:
        # Each shop owner authorizes the app once; the tokens land in the shared store.
        for seller in (fake.seller, momiji):
            tokens = client.oauth.exchange_code(fake.authorize(seller))
            print(f"authorized seller {tokens.seller_name} (open_id {tokens.open_id})")

        # One host id per TikTok shop: a shop registered twice would import every order twice.
        check_shops(
            (info.name, info.cipher)
            for open_id in state.tokens.grants()
            for info in client.seller(open_id).shops.authorized()
        )

        print("\n== Order import per shop (受注取込) ==")
        for open_id in state.tokens.grants():
            seller_view = client.seller(open_id)  # acts with this seller's tokens only
            for info in seller_view.shops.authorized():
                shop = seller_view.shop(info.cipher)  # shares the client's connection pool
                result = OrderImport(shop=shop, state=state, sink=oms).run()
                print(
                    f"  {info.name}: imported {result.delivered} orders,"
                    f" {result.held} held for payment (入金待ち)"
                )

        print("\n== Second pass: nothing new, each shop resumes from its own cursor ==")
        for open_id in state.tokens.grants():
            seller_view = client.seller(open_id)
            for info in seller_view.shops.authorized():
                again = OrderImport(shop=seller_view.shop(info.cipher), state=state, sink=oms)
                print(f"  {info.name}: imported {again.run().delivered}")

    shops = {key[0] for key in oms.orders}
    print(f"\nOMS holds {len(oms.orders)} orders from {len(shops)} shops.")
    return 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="tiktokshop-multi-") as tmp:
        sys.exit(main(Path(tmp)))
