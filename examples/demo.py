"""The demo behind `make demo`: the whole OMS <-> TikTok Shop cycle against FakeShop.

No credentials and no network. FakeShop is an in-process TikTok Shop with realistic Japanese
data; an in-memory OMS plays the seller's order-management system; state lives in a SQLite
file. The cycle is the one Japanese OMS integrations run:

1. the shop owner authorizes the app (auth code -> tokens, stored in the state file);
2. import a week of orders: payment mapped, carrier fixed, held while the buyer may cancel;
   each order carries its buyer block (注文者) and its dispatch deadline (出荷期限, in JST),
   and the deadline report lists the orders overdue or due soon;
3. an hour later, the held orders are released (paid, past the remorse window), with the
   buyer block TikTok masked while they were held now visible;
4. cancellations arrive (one order cancelled, one buyer request awaiting an answer);
5. shipments entered in the OMS are written back to TikTok;
6. stock is pushed with an 80 % buffer; a product the seller paused stays paused;
7. tagged catalog products are published;
8. everything runs again: nothing is repeated;
9. a month of delivered orders is settled and paid out by TikTok; the settlement import hands
   each statement and payout to the OMS once, and the month is reconciled (入金消込,
   SettlementReconciliation): a refund after settlement, a chargeback and a short payout are
   found.
10. new products go through TikTok's listing rules first: one is created, one is held back
    with what is missing (不足項目あり), and each image is uploaded once.
11. one return end to end (返品・返金): the request and its deadline, the seller's approval,
    the parcel back, the refund, each step reaching the OMS once.

Times print in JST. The state file goes to a temporary directory removed at the end, unless a
directory is given: ``python examples/demo.py DIR`` keeps ``DIR/tiktokshop-state.db`` to open.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tiktokshop_sync import ShopClient
from tiktokshop_sync.domain import (
    AttributeMapping,
    AttributeSource,
    CategoryMapping,
    CategoryTarget,
    Failed,
    FixedCarrier,
    Hold,
    HoldReason,
    ListingMappings,
    Mapped,
    PackageDimensions,
    ReportPeriod,
    ReturnPolicy,
    Skipped,
)
from tiktokshop_sync.domain.business_days import jst_stamp
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    CancellationImport,
    CatalogProduct,
    CatalogSku,
    InventoryPolicy,
    InventoryPush,
    OmsShipment,
    OrderImport,
    OrderImportPolicy,
    ProductPublish,
    ReturnImport,
    SettlementImport,
    SettlementReconciliation,
    ShipmentPolicy,
    ShipmentWriteBack,
    SQLiteStateStore,
    StockLevel,
    deadline_report_of,
)

CARRIER = FixedCarrier.from_name("ヤマト運輸B2v6")  # 発送方法を固定で「ヤマト運輸B2v6」にする

# Why an order waits in 入金待ち, in the words a seller uses.
WHY_HELD = {
    HoldReason.AWAITING_PAYMENT: "UNPAID: not paid yet (konbini orders until paid at the store); "
    "released when TikTok reports the payment",
    HoldReason.REMORSE_WINDOW: "ON_HOLD: paid, but within the hour TikTok lets the buyer cancel "
    "without approval; released when that hour ends",
    HoldReason.EXTRA_HOLD: "inside the seller's extra hold after that hour",
    HoldReason.PAYMENT_REVIEW: "the payment label is unknown: a person reviews it",
    HoldReason.UNKNOWN_STATUS: "a status these rules do not know: never released blindly",
}

WHAT_NEXT = """
What next:
  - your own shop: docs/quickstart.md (app key and secret, authorize, the first import)
  - without code: the tiktokshop-sync command (docs/guides/cli.md); `tiktokshop-sync fake serve`
    runs this FakeShop on a port
  - your OMS: implement the ports (examples/oms_adapter.py, docs/workflows/index.md)
  - in a notebook: examples/notebook.ipynb (tables and DataFrames)"""


def heading(text: str) -> None:
    print(f"\n== {text} ==")


def settlement_month(
    fake: FakeShop, shop: ShopClient, store: SQLiteStateStore, oms: InMemoryOms, orders: OrderImport
) -> None:
    """Step 9: a month of payouts imported and reconciled against what the OMS booked."""
    heading("9. A month later: TikTok's payouts reconciled (入金消込)")
    settlements = SettlementImport(shop=shop, state=store, sink=oms)
    start = fake.clock.now()
    fake.clock.advance(days=4)  # orders below are created up to 3 days back: after the cursor
    delivered = []
    for week in range(4):
        delivered += fake.create_orders(6, status="DELIVERED", created_within=timedelta(days=3))
        if week == 2:  # the first week's orders are settled and paid out by now
            refund = fake.request_return(delivered[0].id, return_type="REFUND").return_id
            fake.set_return_status(refund, "RETURN_OR_REFUND_REQUEST_SUCCESS")
            fake.add_adjustment("CHARGE_BACK", -1200, order_id=delivered[1].id)
            fake.add_adjustment("GMV_PAYMENT_FOR_ADS", -3000)
            fake.inject_finance_fault("short_payout", amount=800)
        orders.run()
        fake.clock.advance(days=7)
        imported = settlements.run()
        print(
            f"   week {week + 1}: {imported.statements} statement(s) and "
            f"{imported.payouts} payout update(s) handed to the OMS"
        )
    fake.clock.advance(days=10)
    settlements.run()
    # The OMS is the books too (SettlementBooks; its bank feed: every payout arrived in full);
    # TikTok's unsettled orders are read live.
    report = SettlementReconciliation(shop=shop, books=oms).report(
        ReportPeriod(first_day=start.date(), last_day=fake.clock.now().date())
    )
    print("   " + report.describe("ja").replace("\n", "\n   "))
    print(f"   -> {len(report.to_rows())} rows for the accountant's CSV (to_rows())")


def main(workdir: Path, *, kept: bool = False) -> int:
    fake = FakeShop(seed=2026)
    fake.create_orders(60, created_within=timedelta(days=7))
    unpaid = fake.create_orders(2, status="UNPAID", created_within=timedelta(hours=2))
    for order in unpaid:
        fake.pay(order.id)  # paid just now: ON_HOLD for an hour (保留中)

    store = SQLiteStateStore(workdir / "tiktokshop-state.db")
    oms = InMemoryOms()
    with fake.client(token_store=store.tokens) as client:
        heading("1. Authorize (the shop owner clicks 'authorize'; we exchange the code)")
        tokens = client.oauth.exchange_code(fake.authorize())
        seller = client.seller(tokens.open_id)
        info = seller.shops.authorized()[0]
        shop = seller.shop(info.cipher)
        key = shop.shop_cipher
        print(
            f"   seller {tokens.seller_name}; shop {info.name} ({info.region}, {info.seller_type})"
        )
        where = "" if kept else " (a temporary directory, removed when the demo ends)"
        print(f"   tokens and sync state in {store.path}{where}, file mode 0600")

        orders = OrderImport(
            shop=shop, state=store, sink=oms, policy=OrderImportPolicy(carrier=CARRIER)
        )
        cancels = CancellationImport(shop=shop, state=store, sink=oms)
        shipments = ShipmentWriteBack(
            shop=shop, state=store, source=oms, policy=ShipmentPolicy(carrier=CARRIER)
        )
        warehouse = fake.warehouses()[0]
        stock = InventoryPush(
            shop=shop,
            state=store,
            source=oms,
            policy=InventoryPolicy(locations={"本店倉庫": warehouse.id}, buffer_percent=80),
        )
        publish = ProductPublish(shop=shop, state=store, source=oms)

        heading("2. Import orders (first run looks back 7 days)")
        plan = orders.plan()
        print("   " + plan.describe().replace("\n", "\n   "))
        result = orders.apply(plan)
        print(f"   -> {result.delivered} imported, {result.held} held in 入金待ち (0:未入金):")
        why = Counter(d.hold.reason for d in plan.deliveries if isinstance(d.hold, Hold))
        for reason, count in why.most_common():
            print(f"      {count} {WHY_HELD[reason]}")
        first_held = result.held
        payments = Counter(
            d.payment.method.code if isinstance(d.payment, Mapped) else "要確認"
            for d in plan.deliveries
        )
        print(f"   payment methods after mapping: {dict(payments)}")
        sample = next(d for d in plan.deliveries if not d.held)
        print(
            f"   e.g. order {sample.order_id}: {sample.payment_label!r} -> "
            f"{sample.payment.method.code if isinstance(sample.payment, Mapped) else '?'}, "
            f"発送方法 {sample.shipping_method.method.name if sample.shipping_method else '-'}"
        )
        print(
            "        lines: " + ", ".join(f"{li.seller_sku} x{li.quantity}" for li in sample.lines)
        )
        for check in sample.address_checks.results:
            state = (
                "skipped"
                if isinstance(check, Skipped)
                else "FAILED"
                if isinstance(check, Failed)
                else "ok"
            )
            print(f"        address check {check.check.value}: {state}")
        buyer = sample.buyer
        print(
            f"        buyer block (注文者): {buyer.source.label_ja} ({buyer.source.value}), "
            f"masked: {', '.join(buyer.masked_fields) or 'none'}"
        )
        held = next(d for d in plan.deliveries if d.held and d.status == "ON_HOLD")
        assert isinstance(held.hold, Hold) and held.hold.until is not None
        print(f"   held: order {held.order_id}: {held.hold.message}")
        withheld = ", ".join(held.buyer.masked_fields) or "sent empty"
        print(
            f"        its buyer block: {held.buyer.source.label_ja}; TikTok withholds the "
            f"ship-to while it is held ({withheld})"
        )

        heading("2b. Dispatch deadlines (出荷期限), in JST")
        report = deadline_report_of(plan.deliveries, now=fake.clock.now())
        text = report.describe().splitlines()
        shown = [*text[:6], "   ..."] if len(text) > 8 else text
        print("   " + "\n   ".join(shown))
        if len(text) > 8:
            print("   " + text[-1])

        heading("3. One hour later: held orders are released (入金済み)")
        fake.clock.advance(minutes=61)
        result = orders.run()
        print(
            f"   -> {result.released} released (the buyer's cancel hour is over); OMS payment "
            f"status now {oms.order(key, held.order_id).payment_status}"
        )  # type: ignore[union-attr]
        print(
            f"      {first_held - result.released} still held: not paid yet, released on a "
            "later run once TikTok reports the payment"
        )
        release = next(r for r in oms.releases if r.order_id == held.order_id)
        if release.buyer is not None:
            print(
                f"   its buyer block is visible now (masked: "
                f"{', '.join(release.buyer.masked_fields) or 'none'}): the OMS replaced the copy"
            )

        heading("4. Cancellations arrive")
        awaiting = [o for o in fake.orders_of() if o.status == "AWAITING_SHIPMENT"]
        fake.cancel(awaiting[0].id, by="BUYER", reason="Changed my mind")
        fake.buyer_cancel(awaiting[1].id)  # past the remorse window: a request to answer
        fake.clock.advance(minutes=5)
        imported = orders.run()
        requests = cancels.run()
        print(
            f"   -> {imported.cancelled} order cancelled in the OMS; "
            f"{requests.requests} buyer request awaiting the seller"
        )
        for request in oms.cancel_requests:
            print(
                f"      order {request.order_id}: answer by "
                f"{jst_stamp(request.deadline) if request.deadline else 'no deadline given'}"
            )

        heading("5. Shipment write-back (伝票番号 + 出荷日)")
        today = date(2025, 6, 2)
        targets = [o for o in fake.orders_of() if o.status == "AWAITING_SHIPMENT"][2:6]
        for n, order in enumerate(targets[:3]):
            oms.add_shipment(
                key,
                OmsShipment(
                    order_id=order.id, tracking_number=f"4912-3456-{7000 + n}", ship_date=today
                ),
            )
        oms.add_shipment(
            key,
            OmsShipment(order_id=targets[3].id, tracking_number="4912-3456-7999", ship_date=None),
        )
        oms.add_shipment(
            key,
            OmsShipment(order_id=awaiting[0].id, tracking_number="4912-3456-7998", ship_date=today),
        )
        plan_ship = shipments.plan()
        print("   " + plan_ship.describe().replace("\n", "\n   "))
        shipped = shipments.apply(plan_ship)
        print(
            f"   -> {shipped.written} written back (Yamato's provider id), "
            f"{shipped.skipped} skipped"
        )

        heading("6. Inventory push (本店倉庫 -> TikTok 倉庫, 80 % of stock)")
        paused = fake.product_by_sku("TS-TEE-BLK-M")
        shop.products.deactivate([paused.id])  # the seller paused this listing (停止中)
        oms.set_stock(
            key,
            [
                StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", available=50),
                StockLevel(seller_sku="TS-TEE-WHT-M", location="本店倉庫", available=12),
                StockLevel(seller_sku="NOT-ON-TIKTOK", location="本店倉庫", available=5),
            ],
        )
        pushed = stock.run()
        not_live = ", ".join(s.seller_sku for s in pushed.not_live)
        print(
            f"   -> {pushed.pushed} SKUs pushed, {len(pushed.not_live)} not sent because their "
            f"listing is paused ({not_live}), {pushed.unknown} not on TikTok"
        )
        print(f"   paused listing {paused.id} is still {fake.product(paused.id).status}")

        heading("7. Product publish (tag 「TikTok Shop接続」, published only)")
        oms.set_catalog(
            key,
            [
                CatalogProduct(
                    catalog_id="hojicha-20",
                    title="有機ほうじ茶 ティーバッグ 20包",
                    description="<p>静岡県産</p>",
                    category_id="600014",
                    image_uris=("tos-maliva-i-hojicha",),
                    skus=(
                        CatalogSku(seller_sku="TEA-HOJI-20", price=Decimal("1280"), quantity=30),
                    ),
                    tags=frozenset({"TikTok Shop接続"}),
                    package_weight_grams=120,
                ),
                CatalogProduct(
                    catalog_id="tee-black",
                    title="オーガニックコットンTシャツ 黒 M",
                    description="<p>綿100%</p>",
                    category_id="601226",
                    image_uris=("tos-maliva-i-tee",),
                    skus=(
                        CatalogSku(seller_sku="TS-TEE-BLK-M", price=Decimal("2980"), quantity=10),
                    ),
                    tags=frozenset({"TikTok Shop接続"}),
                ),
                CatalogProduct(
                    catalog_id="draft-mug",
                    title="マグカップ（下書き）",
                    description="<p>-</p>",
                    category_id="600014",
                    image_uris=("tos-maliva-i-mug",),
                    skus=(CatalogSku(seller_sku="MUG-WHT", price=Decimal("1650"), quantity=5),),
                    tags=frozenset({"TikTok Shop接続"}),
                    published=False,
                ),
            ],
        )
        plan_pub = publish.plan()
        print("   " + plan_pub.describe().replace("\n", "\n   "))
        published = publish.apply(plan_pub)
        print(
            f"   -> {published.created} created (in review), "
            f"{published.linked} linked to an existing listing"
        )

        heading("8. Run everything again: nothing is repeated")
        again = (orders.run(), cancels.run(), shipments.run(), stock.run(), publish.run())
        print(
            f"   orders imported {again[0].delivered}, released {again[0].released}, "
            f"cancelled {again[0].cancelled + again[1].cancelled}; "
            f"shipments written {again[2].written}; "
            f"stock pushed {again[3].pushed}; products created {again[4].created}"
        )
        settlement_month(fake, shop, store, oms, orders)
        publish_with_listing_rules(fake, shop, store)
        returns_step(fake, shop, store, oms)
        print(
            f"\nDone: {len(fake.requests)} signed requests to the fake shop, "
            "every signature verified."
        )
        print(WHAT_NEXT)
        if kept:
            print(f"  - the state kept in {store.path}: sqlite3 {store.path} .tables")
    return 0


def publish_with_listing_rules(fake: FakeShop, shop: ShopClient, store: SQLiteStateStore) -> None:
    """Issue 16: new products checked against TikTok's listing rules before anything is sent."""
    heading("10. Publish through TikTok's listing rules (不足項目あり / 出品チェックNG)")
    mappings = ListingMappings(
        categories=CategoryMapping(
            rows={"アパレル > Tシャツ": CategoryTarget(category_id="601226")}
        ),
        attributes=[
            AttributeMapping(
                category_id="601226",
                sources=[
                    AttributeSource(attribute_id="100157", field="素材"),
                    AttributeSource(attribute_id="100392", field="原産国"),
                ],
            )
        ],
    )
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (800).to_bytes(4, "big") * 2
    host = InMemoryOms()
    host.set_image("https://img.example.jp/linen-tee.png", png)
    host.set_image("https://img.example.jp/size-chart.png", png + b"chart")

    def tee(catalog_id: str, **fields: str) -> CatalogProduct:
        return CatalogProduct(
            catalog_id=catalog_id,
            title="リネン混 Tシャツ",
            description="<p>さらりとした麻混のTシャツです。</p>",
            category_id="アパレル > Tシャツ",
            image_uris=("https://img.example.jp/linen-tee.png",),
            skus=(CatalogSku(seller_sku=f"{catalog_id}-M", price=Decimal("3980"), quantity=6),),
            tags=frozenset({"TikTok Shop接続"}),
            fields=fields,
            package_weight_grams=220,
            package_dimensions=PackageDimensions(
                length=Decimal(30), width=Decimal(22), height=Decimal(3)
            ),
            size_chart_image="https://img.example.jp/size-chart.png",
        )

    host.set_catalog(
        shop.shop_cipher,
        [tee("linen-1", 素材="綿", 原産国="日本"), tee("linen-2", 原産国="日本")],
    )
    publish = ProductPublish(
        shop=shop, state=store, source=host, mappings=mappings, images=host, states=host
    )
    plan = publish.plan()
    print("   " + plan.describe().replace("\n", "\n   "))
    result = publish.apply(plan)
    uploads = sum(1 for r in fake.requests if r.path == "/product/202309/images/upload")
    print(
        f"   -> {result.created} created, {len(result.blocked)} held back with what to fix; "
        f"{uploads} images uploaded (each once)"
    )


def returns_step(
    fake: FakeShop, shop: ShopClient, store: SQLiteStateStore, oms: InMemoryOms
) -> None:
    """Step 11: one return end to end, each step delivered to the OMS once."""
    heading("11. A return, end to end (返品・返金連携)")
    order = fake.create_orders(1, status="DELIVERED", items=[("TS-TEE-BLK-M", 1)])[0]
    request = fake.request_return(order.id, return_type="RETURN_AND_REFUND")
    returns = ReturnImport(
        shop=shop, state=store, sink=oms, policy=ReturnPolicy(auto_approve_refunds_under=3000)
    )
    plan = returns.plan()
    print("   " + plan.describe("ja").replace("\n", "\n   "))
    returns.apply(plan)
    # The goods must come back, so the policy leaves it to the seller, who approves it.
    shop.returns.approve_return(
        request.return_id, decision="APPROVE_RETURN", idempotency_key=f"demo:{request.return_id}"
    )
    fake.buyer_ships_back(request.return_id, tracking_number="491234567890")
    fake.clock.advance(hours=20)
    fake.seller_receives_return(request.return_id)  # inspected and accepted
    fake.clock.advance(hours=2)  # TikTok refunds the buyer
    result = returns.run()
    again = returns.run()
    held = oms.returns[(shop.shop_cipher, request.return_id)]
    print(f"   OMS steps of return {request.return_id}: {' -> '.join(held.steps)}")
    print(f"   -> {result.delivered} new step(s) this run; run again: {again.delivered} new")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        keep = Path(sys.argv[1])
        keep.mkdir(parents=True, exist_ok=True)
        sys.exit(main(keep, kept=True))
    with tempfile.TemporaryDirectory(prefix="tiktokshop-demo-") as tmp:
        sys.exit(main(Path(tmp)))
