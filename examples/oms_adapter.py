"""An OMS adapter: the workflow ports implemented over a SQLite "OMS", fed by OrderImport.

Your OMS is not SQLite, but the shape is the same: implement the small ports of
``tiktokshop_sync.workflows`` over your own tables, hand them to the workflows, and keep the
workflows' state (cursors, imported versions, holds, the write ledger, tokens) in a
``SQLiteStateStore`` next to them.

* ``OrderSink`` (受注取込): ``accept`` stores new orders, ``release`` moves held orders from
  入金待ち (0:未入金) to 2:入金済み, ``cancel`` cancels orders or line items.
  ``accept`` must be an **upsert by ``ImportedOrder.key``**: after a crash between your commit
  and the state store's, the next run delivers the same keys again.
* ``ShipmentSource`` (出荷連携): the 伝票番号 (tracking number) and 出荷日 (ship date) your
  warehouse entered, for ``ShipmentWriteBack``.
* ``StockSource`` (在庫連携): available stock per SKU and location (拠点), for
  ``InventoryPush``, which maps locations to TikTok warehouses (倉庫).

Run it with ``python examples/oms_adapter.py`` (FakeShop, no credentials).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from tiktokshop_sync.domain import CarrierCompany, FixedCarrier
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.workflows import (
    HoldReleased,
    ImportedOrder,
    OmsShipment,
    OrderCancelled,
    OrderImport,
    OrderImportPolicy,
    OrderSink,
    ShipmentSource,
    SQLiteStateStore,
    StockLevel,
    StockSource,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    shop            TEXT NOT NULL,
    order_id        TEXT NOT NULL,
    import_key      TEXT NOT NULL,          -- ImportedOrder.key of the version stored
    status          TEXT NOT NULL,          -- TikTok's status when imported
    payment_status  TEXT NOT NULL,          -- 入金状況: 0:未入金 / 2:入金済み
    payment_method  TEXT NOT NULL,          -- 支払方法 after mapping, '' when it needs review
    shipping_method TEXT NOT NULL,          -- 発送方法 (the shop's fixed carrier)
    total           TEXT,
    recipient       TEXT NOT NULL,
    cancelled       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop, order_id)
);
CREATE TABLE IF NOT EXISTS order_lines (
    shop          TEXT NOT NULL,
    order_id      TEXT NOT NULL,
    line_no       INTEGER NOT NULL,         -- one SKU can have two lines (two prices, a gift)
    seller_sku    TEXT NOT NULL,
    product_name  TEXT NOT NULL,
    quantity      INTEGER NOT NULL,
    line_item_ids TEXT NOT NULL,            -- TikTok's one-line-per-unit ids, space separated
    cancelled_qty INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (shop, order_id, line_no)
);
CREATE TABLE IF NOT EXISTS shipments (
    shop            TEXT NOT NULL,
    order_id        TEXT NOT NULL,
    tracking_number TEXT,                   -- 伝票番号
    ship_date       TEXT,                   -- 出荷日 (ISO date)
    carrier         TEXT,                   -- CarrierCompany name; NULL = the fixed carrier
    PRIMARY KEY (shop, order_id)
);
CREATE TABLE IF NOT EXISTS stock (
    shop       TEXT NOT NULL,
    seller_sku TEXT NOT NULL,
    location   TEXT NOT NULL,               -- 拠点
    available  INTEGER NOT NULL,
    PRIMARY KEY (shop, seller_sku, location)
);
"""


class SQLiteOms:
    """A toy OMS in one SQLite file implementing OrderSink, ShipmentSource and StockSource."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with self._db() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path)
        try:
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    # --- OrderSink -------------------------------------------------------------------------------

    def accept(self, orders: Sequence[ImportedOrder]) -> None:
        """Upsert by ``order.key``: a key already stored is the same order, never a second one."""
        with self._db() as db:
            for order in orders:
                stored = db.execute(
                    "SELECT import_key FROM orders WHERE shop = ? AND order_id = ?",
                    (order.shop, order.order_id),
                ).fetchone()
                if stored is not None and stored[0] == order.key:
                    continue  # redelivered after a crash: already here
                method = order.shipping_method
                db.execute(
                    """INSERT INTO orders (shop, order_id, import_key, status, payment_status,
                           payment_method, shipping_method, total, recipient)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (shop, order_id) DO UPDATE SET
                           import_key = excluded.import_key, status = excluded.status,
                           payment_method = excluded.payment_method,
                           shipping_method = excluded.shipping_method,
                           total = excluded.total, recipient = excluded.recipient""",
                    (
                        order.shop,
                        order.order_id,
                        order.key,
                        order.status,
                        order.hold.oms_payment_status.label_ja,  # 0:未入金 or 2:入金済み
                        getattr(getattr(order.payment, "method", None), "code", ""),
                        getattr(getattr(method, "method", None), "name", ""),
                        None if order.total is None else str(order.total),
                        # Kept exactly as TikTok sent it: "" or masked (***) while withheld.
                        f"〒{order.recipient.postal_code} {order.recipient.full_address}".strip(),
                    ),
                )
                db.execute(
                    "DELETE FROM order_lines WHERE shop = ? AND order_id = ?",
                    (order.shop, order.order_id),
                )
                db.executemany(
                    """INSERT INTO order_lines
                       (shop, order_id, line_no, seller_sku, product_name, quantity, line_item_ids)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    [
                        (
                            order.shop,
                            order.order_id,
                            line_no,
                            line.seller_sku,
                            line.product_name,
                            line.quantity,
                            " ".join(line.line_item_ids),
                        )
                        for line_no, line in enumerate(order.lines, start=1)
                    ],
                )

    def release(self, releases: Sequence[HoldReleased]) -> None:
        """Paid and past the buyer's cancel window: 入金待ち → 2:入金済み, ready to ship."""
        with self._db() as db:
            db.executemany(
                "UPDATE orders SET payment_status = '2:入金済み' WHERE shop = ? AND order_id = ?",
                [(r.shop, r.order_id) for r in releases],
            )

    def cancel(self, cancellations: Sequence[OrderCancelled]) -> None:
        """Cancel whole orders, or count the cancelled units of the lines named."""
        with self._db() as db:
            for cancelled in cancellations:
                if cancelled.whole_order:
                    db.execute(
                        "UPDATE orders SET cancelled = 1 WHERE shop = ? AND order_id = ?",
                        (cancelled.shop, cancelled.order_id),
                    )
                    continue
                ids = set(cancelled.line_item_ids)
                lines = db.execute(
                    "SELECT line_no, line_item_ids FROM order_lines"
                    " WHERE shop = ? AND order_id = ?",
                    (cancelled.shop, cancelled.order_id),
                ).fetchall()
                for line_no, line_ids in lines:
                    db.execute(
                        "UPDATE order_lines SET cancelled_qty = ?"
                        " WHERE shop = ? AND order_id = ? AND line_no = ?",
                        (
                            len(ids.intersection(line_ids.split())),
                            cancelled.shop,
                            cancelled.order_id,
                            line_no,
                        ),
                    )

    # --- ShipmentSource ---------------------------------------------------------------------------

    def shipments(self, shop: str) -> list[OmsShipment]:
        """Shipments the warehouse entered (伝票番号 and 出荷日), for ShipmentWriteBack."""
        with self._db() as db:
            rows = db.execute(
                "SELECT order_id, tracking_number, ship_date, carrier FROM shipments"
                " WHERE shop = ? ORDER BY order_id",
                (shop,),
            ).fetchall()
        return [
            OmsShipment(
                order_id=order_id,
                tracking_number=tracking,
                ship_date=date.fromisoformat(shipped) if shipped else None,
                carrier=CarrierCompany[carrier] if carrier else None,
            )
            for order_id, tracking, shipped, carrier in rows
        ]

    def record_shipment(
        self, shop: str, order_id: str, tracking_number: str, ship_date: date
    ) -> None:
        """What the warehouse screen does when a parcel leaves (出荷確定)."""
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO shipments VALUES (?, ?, ?, ?, NULL)",
                (shop, order_id, tracking_number, ship_date.isoformat()),
            )

    # --- StockSource ------------------------------------------------------------------------------

    def stock_levels(self, shop: str) -> list[StockLevel]:
        """Available stock per SKU and location (拠点), for InventoryPush."""
        with self._db() as db:
            rows = db.execute(
                "SELECT seller_sku, location, available FROM stock WHERE shop = ?"
                " ORDER BY seller_sku, location",
                (shop,),
            ).fetchall()
        return [StockLevel(seller_sku=s, location=loc, available=n) for s, loc, n in rows]

    def set_stock(self, shop: str, seller_sku: str, location: str, available: int) -> None:
        """A stock count (棚卸) or a goods receipt updates one SKU at one location."""
        with self._db() as db:
            db.execute(
                "INSERT OR REPLACE INTO stock VALUES (?, ?, ?, ?)",
                (shop, seller_sku, location, available),
            )

    # --- reporting --------------------------------------------------------------------------------

    def summary(self, shop: str) -> list[tuple[str, int]]:
        """Orders per payment state, as the OMS order list would group them."""
        with self._db() as db:
            rows = db.execute(
                """SELECT CASE WHEN cancelled THEN 'キャンセル' ELSE payment_status END, COUNT(*)
                   FROM orders WHERE shop = ? GROUP BY 1 ORDER BY 1""",
                (shop,),
            ).fetchall()
        return [(label, count) for label, count in rows]

    def orders(self, shop: str, *, limit: int = 5) -> list[tuple[str, ...]]:
        """A few orders with their lines, as the OMS order screen lists them."""
        with self._db() as db:
            rows = db.execute(
                """SELECT o.order_id, o.payment_status, o.payment_method, o.shipping_method,
                          o.total, group_concat(l.seller_sku || '×' || l.quantity, ' ')
                   FROM orders o JOIN order_lines l USING (shop, order_id)
                   WHERE o.shop = ? GROUP BY o.order_id ORDER BY o.order_id LIMIT ?""",
                (shop, limit),
            ).fetchall()
        return [
            (order_id, paid, method or "要確認", carrier or "-", f"¥{total}", lines)
            for order_id, paid, method, carrier, total, lines in rows
        ]

    def count(self, table: str) -> int:
        """Rows in one OMS table."""
        if table not in {"orders", "order_lines", "shipments", "stock"}:
            raise ValueError(f"unknown table {table!r}")
        with self._db() as db:
            (value,) = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        return int(value)


def main(workdir: Path) -> int:
    fake = FakeShop(seed=5)
    fake.create_orders(30)

    oms = SQLiteOms(workdir / "oms.db")
    # The ports are Protocols: a quick check that the adapter has every method they need.
    assert isinstance(oms, OrderSink)
    assert isinstance(oms, ShipmentSource)
    assert isinstance(oms, StockSource)

    state = SQLiteStateStore(workdir / "tiktok-state.db")  # cursors, holds, ledger and tokens
    with fake.client(token_store=state.tokens) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        policy = OrderImportPolicy(carrier=FixedCarrier.from_name("ヤマト運輸B2v6"))  # 発送方法
        job = OrderImport(shop=shop, state=state, sink=oms, policy=policy)

        print("== Dry run (plan only, nothing written) ==")
        plan = job.plan()
        print(plan.describe())

        result = job.apply(plan)
        print("\n== 受注取込: order import ==")
        print(f"imported {result.delivered} orders, {result.held} held for payment (入金待ち)")
        oms.accept(plan.deliveries)  # as if a crash made the next run deliver them again
        print(f"same orders delivered again: still {oms.count('orders')} orders (upsert by key)")
        again = job.run()
        print(f"second run: imported {again.delivered} (nothing new: the cursor and dedupe work)")

        out_of_stock = next(o.id for o in fake.orders_of() if o.status == "AWAITING_SHIPMENT")
        fake.cancel(out_of_stock, by="SELLER", reason="在庫切れ")  # cancelled on TikTok
        for order in fake.orders_of():  # the buyers pay (e.g. at the コンビニ)…
            if order.status == "UNPAID":
                fake.pay(order.id)
        fake.clock.advance(hours=2)  # …and TikTok's 1-hour cancel window passes
        later = job.run()
        print(
            f"two hours later: released {later.released} orders to 2:入金済み,"
            f" cancelled {later.cancelled} (キャンセル)"
        )

    key = shop.shop_cipher
    print("\n== OMS contents ==")
    counts = ", ".join(f"{t} {oms.count(t)}" for t in ("orders", "order_lines"))
    print(f"tables: {counts}")
    for label, count in oms.summary(key):
        print(f"  {label}: {count} orders")
    print("  first orders (受注伝票):")
    for row in oms.orders(key, limit=5):
        print("   ", "  ".join(row))

    # Shipments and stock as the warehouse would enter them; ShipmentWriteBack and
    # InventoryPush read these through the ports (see docs/workflows/index.md).
    packed = next(o.id for o in fake.orders_of() if o.status == "AWAITING_SHIPMENT")
    oms.record_shipment(key, packed, "1234-5678-9012", fake.clock.now().date())
    oms.set_stock(key, "TS-TEE-BLK-M", "本店倉庫", 42)
    print("\n== What the other ports hand to the workflows ==")
    for shipment in oms.shipments(key):
        print(
            f"  ShipmentSource: order {shipment.order_id} 伝票番号 {shipment.tracking_number}"
            f" 出荷日 {shipment.ship_date}"
        )
    for level in oms.stock_levels(key):
        print(f"  StockSource: {level.seller_sku} at 拠点 {level.location}: {level.available}")
    return 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="tiktokshop-oms-") as tmp:
        sys.exit(main(Path(tmp)))
