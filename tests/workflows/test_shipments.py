"""Shipment write-back against FakeShop: the GoQSystem rules, carriers, 72 h, resume."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.domain import CarrierCompany, FixedCarrier
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OmsShipment, ShipmentPolicy, ShipmentWriteBack
from tiktokshop_sync.workflows.state import SQLiteStateStore

from .crash import Crash, CrashingState

YAMATO = FixedCarrier.from_name("ヤマト運輸B2v6")
TODAY = date(2025, 6, 2)


def _job(shop: ShopClient, state: object, oms: InMemoryOms) -> ShipmentWriteBack:
    return ShipmentWriteBack(
        shop=shop, state=state, source=oms, policy=ShipmentPolicy(carrier=YAMATO)
    )  # type: ignore[arg-type]


def _ship(
    oms: InMemoryOms,
    shop: ShopClient,
    order_id: str,
    tracking: str | None = "4912-3456-7890",
    day: date | None = TODAY,
) -> None:
    oms.add_shipment(
        shop.shop_cipher, OmsShipment(order_id=order_id, tracking_number=tracking, ship_date=day)
    )


def test_a_shipment_with_tracking_and_date_is_marked_shipped_with_yamatos_provider(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id)
    result = _job(shop, state, oms).run()
    assert result.written == 1
    shipped = fake.order(order.id)
    assert shipped.status == "AWAITING_COLLECTION"
    assert shipped.tracking_number == "4912-3456-7890"
    yamato = next(c for c in fake.shipping_providers() if "Yamato" in c.name or "ヤマト" in c.name)
    assert shipped.shipping_provider_id == yamato.shipping_provider_id


@pytest.mark.parametrize(
    ("tracking", "day"), [(None, TODAY), ("4912-3456-7890", None), ("", TODAY)]
)
def test_shipments_missing_tracking_or_ship_date_are_not_written(
    fake: FakeShop,
    shop: ShopClient,
    state: SQLiteStateStore,
    oms: InMemoryOms,
    tracking: str | None,
    day: date | None,
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id, tracking, day)
    plan = _job(shop, state, oms).plan()
    assert plan.actions == ()
    assert "出荷日" in plan.skipped[0].reason


def test_orders_cancelled_on_tiktok_are_skipped_and_reported(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.cancel(order.id, by="BUYER")
    _ship(oms, shop, order.id)
    result = _job(shop, state, oms).run()
    assert result.written == 0
    assert result.skipped == 1
    assert fake.order(order.id).tracking_number == ""


def test_an_invalid_tracking_number_is_skipped_with_the_reason(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id, tracking="伝票#1")
    plan = _job(shop, state, oms).plan()
    assert plan.actions == ()
    assert plan.skipped[0].order_id == order.id


def test_a_second_run_writes_nothing_again(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id)
    job = _job(shop, state, oms)
    job.run()
    fake.clear_requests()
    again = job.run()
    assert again.written == 0
    assert not [r for r in fake.requests if r.path.startswith("/fulfillment/")]


def test_a_changed_tracking_number_within_72_hours_becomes_an_update(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id, tracking="1111-2222-3333")
    job = _job(shop, state, oms)
    job.run()
    oms.pending_shipments[shop.shop_cipher] = []
    _ship(oms, shop, order.id, tracking="4444-5555-6666")
    fake.clock.advance(hours=10)
    result = job.run()
    assert result.updated == 1
    assert fake.order(order.id).tracking_number == "4444-5555-6666"


def test_a_changed_tracking_number_after_72_hours_is_refused_clearly(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id, tracking="1111-2222-3333")
    job = _job(shop, state, oms)
    job.run()
    oms.pending_shipments[shop.shop_cipher] = []
    _ship(oms, shop, order.id, tracking="4444-5555-6666")
    fake.clock.advance(hours=73)
    plan = job.plan()
    assert plan.actions == ()
    assert "72" in plan.skipped[0].reason
    assert fake.order(order.id).tracking_number == "1111-2222-3333"


def test_already_shipped_on_tiktok_counts_as_done(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    yamato = next(c for c in fake.shipping_providers() if "Yamato" in c.name)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number="4912-3456-7890", shipping_provider_id=yamato.shipping_provider_id
    )
    _ship(oms, shop, order.id)
    result = _job(shop, state, oms).run()
    assert (result.written, result.confirmed, result.failed) == (0, 1, 0)


def test_a_crash_between_the_tiktok_call_and_the_ledger_is_not_shipped_twice(
    fake: FakeShop, shop: ShopClient, oms: InMemoryOms, tmp_path: Path
) -> None:
    orders = fake.create_orders(3, status="AWAITING_SHIPMENT")
    for n, order in enumerate(orders):
        _ship(oms, shop, order.id, tracking=f"4912-0000-000{n}")
    state = CrashingState(tmp_path / "crash.db", method="ledger_put", at=2)  # dies after a call
    job = _job(shop, state, oms)
    with pytest.raises(Crash):
        job.run()
    result = job.run()
    marks = [r for r in fake.requests if r.path.endswith("/packages") and r.method == "POST"]
    assert len(marks) == 3  # one mark-as-shipped per order, none repeated
    assert (result.written, result.confirmed) == (2, 1)  # the first is reconciled, not redone
    assert all(fake.order(o.id).status == "AWAITING_COLLECTION" for o in orders)


def test_an_unknown_carrier_is_reported_with_the_candidates(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    oms.add_shipment(
        shop.shop_cipher,
        OmsShipment(
            order_id=order.id,
            tracking_number="4912-3456-7890",
            ship_date=TODAY,
            carrier=CarrierCompany.FUKUYAMA,
        ),
    )
    plan = _job(shop, state, oms).plan()
    assert plan.actions == ()
    assert "candidates" in plan.skipped[0].reason


def test_line_items_can_be_shipped_separately(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(
        1, status="AWAITING_SHIPMENT", items=[("TS-TEE-BLK-M", 2), ("TS-TEE-WHT-M", 1)]
    )[0]
    first_two = tuple(li.id for li in order.line_items[:2])
    oms.add_shipment(
        shop.shop_cipher,
        OmsShipment(
            order_id=order.id,
            tracking_number="4912-1111-2222",
            ship_date=TODAY,
            line_item_ids=first_two,
        ),
    )
    result = _job(shop, state, oms).run()
    assert result.written == 1
    assert fake.order(order.id).status in ("PARTIALLY_SHIPPING", "AWAITING_SHIPMENT")


def test_a_tiktok_shipped_package_is_handed_over_by_the_shops_method(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    _ship(oms, shop, order.id)
    policy = ShipmentPolicy(carrier=YAMATO, handover="DROP_OFF")
    result = ShipmentWriteBack(shop=shop, state=state, source=oms, policy=policy).run()
    assert result.written == 1
    ship = [r for r in fake.requests if r.path.endswith("/ship")]
    assert len(ship) == 1
    assert b'"handover_method":"DROP_OFF"' in ship[0].body
    assert fake.order(order.id).status == "AWAITING_COLLECTION"


async def test_the_async_write_back_marks_orders_shipped(fake: FakeShop, tmp_path: Path) -> None:
    from tiktokshop_sync import InMemoryTokenStore
    from tiktokshop_sync.workflows import AsyncShipmentWriteBack

    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    oms = InMemoryOms()
    async with fake.async_client(token_store=InMemoryTokenStore()) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        oms.add_shipment(
            shop.shop_cipher,
            OmsShipment(order_id=order.id, tracking_number="4912-3456-7890", ship_date=TODAY),
        )
        job = AsyncShipmentWriteBack(
            shop=shop,
            state=SQLiteStateStore(tmp_path / "a.db"),
            source=oms,
            policy=ShipmentPolicy(carrier=YAMATO),
        )
        result = await job.run()
    assert result.written == 1
    assert fake.order(order.id).tracking_number == "4912-3456-7890"
