"""The demo behind `make demo`: authorize a seller and import a week of orders from FakeShop.

No credentials and no network: FakeShop is an in-process TikTok Shop with realistic Japanese
data. The flow is the one a real integration runs:

1. the shop owner authorizes the app (auth code -> access and refresh tokens, stored in SQLite);
2. list the shops the seller authorized (each with the cipher shop calls need);
3. page through the last 7 days of orders;
4. print what a seller wants to see: counts by status, and a few orders.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from datetime import timedelta
from pathlib import Path

from tiktokshop_sync import SQLiteTokenStore
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.order import Order

STATUS_JA = {
    "UNPAID": "未入金",
    "ON_HOLD": "保留中（購入者キャンセル可・1時間）",
    "AWAITING_SHIPMENT": "発送待ち",
    "AWAITING_COLLECTION": "集荷待ち",
    "IN_TRANSIT": "配送中",
    "DELIVERED": "配達済み",
    "COMPLETED": "完了",
    "CANCELLED": "キャンセル",
}


def _address(order: Order) -> str:
    address = order.recipient_address
    if address is None or not (address.postal_code or address.full_address):
        return "(withheld by TikTok while unpaid / on hold / cancelled — 住所非表示)"
    name = address.name or f"{address.last_name} {address.first_name}".strip()
    return f"〒{address.postal_code} {address.full_address}  {name}  {address.phone_number}"


def _line_items(order: Order) -> str:
    units = Counter((li.seller_sku, li.product_name) for li in order.line_items)
    return ", ".join(f"{sku} × {qty}" for (sku, _name), qty in units.items())


def main(workdir: Path) -> int:
    fake = FakeShop(seed=2026)
    fake.create_orders(240, created_within=timedelta(days=7))
    fake.create_orders(12, created_within=timedelta(days=20))  # older: outside the window

    with fake.client(token_store=SQLiteTokenStore(workdir / "tiktokshop.db")) as client:
        print("== 1. Authorize (the shop owner clicks 'authorize'; we exchange the code) ==")
        tokens = client.oauth.exchange_code(fake.authorize())
        print(f"   seller {tokens.seller_name} (open_id {tokens.open_id})")
        print(f"   access token valid until {tokens.access_token_expires_at:%Y-%m-%d %H:%M} UTC")
        print(f"   tokens stored in {workdir / 'tiktokshop.db'} (file mode 0600)\n")

        seller = client.seller(tokens.open_id)
        print("== 2. Authorized shops ==")
        shops = seller.shops.authorized()
        for info in shops:
            print(f"   {info.name}  region={info.region}  type={info.seller_type}  id={info.id}")
        print()

        shop = seller.shop(shops[0].cipher)
        since = fake.clock.now() - timedelta(days=7)
        print(f"== 3. Orders created since {since:%Y-%m-%d %H:%M} UTC (last 7 days) ==")
        pager = shop.orders.search(create_time_ge=since, page_size=100)
        orders: list[Order] = []
        for number, page in enumerate(pager.iter_pages(), start=1):
            orders.extend(page.items)
            print(f"   page {number}: {len(page)} orders (TikTok says {page.total_count} in all)")
        print()

        print("== 4. Summary ==")
        by_status = Counter(str(o.status) for o in orders)
        for status, count in by_status.most_common():
            print(f"   {status:<20} {STATUS_JA.get(status, ''):<22} {count:>4}")
        payments = Counter(o.payment_method_name for o in orders)
        print("   payment labels as TikTok sends them:", dict(payments))
        units = sum(len(o.line_items) for o in orders)
        total = sum((o.payment.total_amount or 0) for o in orders if o.payment is not None)
        print(f"   {len(orders)} orders, {units} line items (one per unit), ¥{total:,} in total\n")

        print("== 5. A few orders (addresses exactly as TikTok sends them: masked stays masked) ==")
        shown: set[str] = set()
        for order in orders:
            if str(order.status) in shown:
                continue
            shown.add(str(order.status))
            print(f"   {order.id}  {order.status}  {order.payment_method_name}")
            print(f"      items: {_line_items(order)}")
            print(f"      ship to: {_address(order)}")
            carrier = order.shipping_provider or "(none: TikTok sends no shipping method)"
            print(f"      carrier on the order: {carrier}")
            if len(shown) == 4:
                break
        calls = len(fake.requests)
        print(f"\nDone: {calls} signed requests to the fake shop, every signature verified.")
    return 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="tiktokshop-demo-") as tmp:
        sys.exit(main(Path(tmp)))
