"""Quickstart: authorize a seller, list their shops and a week of orders — no credentials needed.

FakeShop is an in-process TikTok Shop, so this runs anywhere: ``python examples/quickstart.py``.
For a real shop, build the client with ``TikTokShop.from_env(token_store=...)`` instead and
exchange the ``code`` TikTok sends to your redirect URL (see docs/quickstart.md).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.testing import FakeShop


def main() -> int:
    fake = FakeShop(seed=1)
    fake.create_orders(25)  # realistic Japanese orders from the last 7 days

    with fake.client(token_store=InMemoryTokenStore()) as client:
        tokens = client.oauth.exchange_code(fake.authorize())  # the shop owner authorized (認可)
        print(f"Authorized seller: {tokens.seller_name} (open_id {tokens.open_id})")

        seller = client.seller(tokens.open_id)
        for info in seller.shops.authorized():
            shop = seller.shop(info.cipher)
            since = client.clock.now() - timedelta(days=7)
            orders = list(shop.orders.search(create_time_ge=since))
            print(f"Shop {info.name} ({info.region}): {len(orders)} orders in the last 7 days")
            for status, count in Counter(str(o.status) for o in orders).most_common():
                print(f"  {status:<20} {count:>3}")
            first = orders[0]
            total = first.payment.total_amount if first.payment else None
            print(f"  e.g. order {first.id}: {first.status}, ¥{total}, {first.payment_method_name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
