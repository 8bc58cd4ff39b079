"""Shipment write-back against FakeShop: the GoQSystem rules, carriers, 72 h, resume."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.domain import CarrierCompany, FixedCarrier
from tiktokshop_sync.testing import FakeOrder, FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    OmsShipment,
    ShipmentPolicy,
    ShipmentResult,
    ShipmentWriteBack,
)
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


def test_an_order_whose_oms_shipments_disagree_is_refused_and_not_written(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id, tracking="4912-3456-7890")
    _ship(oms, shop, order.id, tracking="4912-0000-1111")
    result = _job(shop, state, oms).run()
    assert (result.written, result.confirmed, result.refused) == (0, 0, 1)
    assert "4912-0000-1111" in result.refusals[0].reason
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"


def test_the_plan_of_a_refused_order_says_why_nothing_is_written(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id, tracking="4912-3456-7890")
    _ship(oms, shop, order.id, tracking="4912-0000-1111")
    plan = _job(shop, state, oms).plan()
    assert plan.actions == () and plan.refused[0].order_id == order.id
    assert "refuse 1 order(s), nothing written for them" in plan.describe()


def test_a_shipment_listed_twice_is_written_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id)
    _ship(oms, shop, order.id)
    result = _job(shop, state, oms).run()
    assert (result.written, result.confirmed, result.refused) == (1, 0, 0)


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


def _shipped_elsewhere_after_the_plan(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms, tracking: str
) -> tuple[FakeOrder, ShipmentWriteBack, ShipmentResult]:
    """An order planned for mark-as-shipped, then shipped in Seller Center with ``tracking``."""
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id)
    job = _job(shop, state, oms)
    plan = job.plan()
    yamato = next(c for c in fake.shipping_providers() if "Yamato" in c.name)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number=tracking, shipping_provider_id=yamato.shipping_provider_id
    )
    return order, job, job.apply(plan)


def test_shipped_elsewhere_with_another_number_after_the_plan_is_not_recorded_done(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order, _, result = _shipped_elsewhere_after_the_plan(fake, shop, state, oms, "1111-2222-3333")
    assert (result.confirmed, result.unknown, result.failed) == (0, 1, 0)
    [open_] = result.unknown_outcomes
    assert "1111-2222-3333" in open_.reason and "not recorded as done" in open_.reason
    key = f"ship:{order.id}:all"
    assert state.ledger_get(shop.shop_cipher, [key])[key].status == "unknown"


def test_shipped_elsewhere_with_another_number_is_corrected_by_the_next_run(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order, job, _result = _shipped_elsewhere_after_the_plan(
        fake, shop, state, oms, "1111-2222-3333"
    )
    assert job.run().updated == 1
    assert fake.order(order.id).tracking_number == "4912-3456-7890"


def test_shipped_elsewhere_with_the_same_number_after_the_plan_counts_as_done(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order, _, result = _shipped_elsewhere_after_the_plan(fake, shop, state, oms, "4912-3456-7890")
    assert (result.confirmed, result.unknown) == (1, 0)
    key = f"ship:{order.id}:all"
    assert state.ledger_get(shop.shop_cipher, [key])[key].status == "done"


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


# --- lost replies (issue 11 item 4) -----------------------------------------------------------


def _marks(fake: FakeShop, order_id: str) -> list[object]:
    path = f"/fulfillment/202309/orders/{order_id}/packages"
    return [r for r in fake.requests if r.path == path and r.method == "POST"]


def test_a_lost_reply_is_recorded_unknown_and_the_run_goes_on_with_the_rest(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    orders = fake.create_orders(3, status="AWAITING_SHIPMENT")
    for n, order in enumerate(orders):
        _ship(oms, shop, order.id, tracking=f"4912-0000-100{n}")
    fake.fail_next("timeout", path=f"/fulfillment/202309/orders/{orders[1].id}/packages")
    result = _job(shop, state, oms).run()
    assert (result.written, result.unknown, result.failed) == (2, 1, 0)
    [lost] = result.unknown_outcomes
    assert lost.order_id == orders[1].id
    assert "may have been applied" in lost.reason and "reads the order back" in lost.reason
    entry = state.ledger_get(shop.shop_cipher, [f"ship:{orders[1].id}:all"])
    assert entry[f"ship:{orders[1].id}:all"].status == "unknown"


def _one_lost_reply(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms, kind: str
) -> tuple[FakeOrder, ShipmentWriteBack]:
    """An order whose mark-as-shipped lost its reply (``timeout``: applied; else: not)."""
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id)
    job = _job(shop, state, oms)
    fake.fail_next(kind, path=f"/fulfillment/202309/orders/{order.id}/packages")  # type: ignore[arg-type]
    assert job.run().unknown == 1
    return order, job


def test_the_next_run_reads_an_applied_write_back_and_never_writes_it_twice(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order, job = _one_lost_reply(fake, shop, state, oms, "timeout")
    plan = job.plan()
    assert [(a.kind, a.read_back) for a in plan.actions] == [("confirm", True)]
    assert "reply was lost last run; read back: it was applied" in plan.describe()
    result = job.apply(plan)
    assert (result.confirmed, result.written, result.unknown) == (1, 0, 0)
    assert len(_marks(fake, order.id)) == 1  # the lost one; never a second mark-as-shipped
    assert state.ledger_get(shop.shop_cipher, [f"ship:{order.id}:all"]).popitem()[1].status == (
        "done"
    )
    assert job.run().confirmed == 0  # settled: nothing more to do


def test_the_next_run_writes_again_when_reading_back_shows_it_was_not_applied(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order, job = _one_lost_reply(fake, shop, state, oms, "lost_request")
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"
    plan = job.plan()
    assert [(a.kind, a.read_back) for a in plan.actions] == [("mark_shipped", True)]
    assert "read back: it was not applied (written again)" in plan.describe()
    assert job.apply(plan).written == 1
    assert fake.order(order.id).tracking_number == "4912-3456-7890"


#: Answers after which a write may have been applied: the fault, and what the reason says.
ANSWERED_AFTER_THE_WRITE = [
    ("applied_server_error", "server error (36009003, HTTP 504)"),
    ("applied_malformed", "reply to the write could not be read (HTTP 200)"),
]


@pytest.mark.parametrize("fault", [fault for fault, _ in ANSWERED_AFTER_THE_WRITE])
def test_an_answer_after_the_write_was_applied_is_unknown_then_read_back_not_redone(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms, fault: str
) -> None:
    order, job = _one_lost_reply(fake, shop, state, oms, fault)
    key = f"ship:{order.id}:all"
    assert state.ledger_get(shop.shop_cipher, [key])[key].status == "unknown"
    plan = job.plan()
    assert [(a.kind, a.read_back) for a in plan.actions] == [("confirm", True)]
    assert job.apply(plan).confirmed == 1
    assert len(_marks(fake, order.id)) == 1


@pytest.mark.parametrize(("fault", "said"), ANSWERED_AFTER_THE_WRITE)
def test_an_answer_after_the_write_is_reported_as_a_possible_write(
    fake: FakeShop,
    shop: ShopClient,
    state: SQLiteStateStore,
    oms: InMemoryOms,
    fault: str,
    said: str,
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id)
    fake.fail_next(fault, path=f"/fulfillment/202309/orders/{order.id}/packages")  # type: ignore[arg-type]
    result = _job(shop, state, oms).run()
    assert (result.unknown, result.failed) == (1, 0)
    [lost] = result.unknown_outcomes
    assert said in lost.reason
    assert "may have been applied" in lost.reason


def test_a_crash_after_a_lost_reply_still_reads_it_back_on_resume(
    fake: FakeShop, shop: ShopClient, oms: InMemoryOms, tmp_path: Path
) -> None:
    orders = fake.create_orders(2, status="AWAITING_SHIPMENT")
    for n, order in enumerate(orders):
        _ship(oms, shop, order.id, tracking=f"4912-0000-200{n}")
    fake.fail_next("timeout", path=f"/fulfillment/202309/orders/{orders[0].id}/packages")
    # ledger_put calls: pending(0), unknown(0), pending(1) -> the process dies there.
    state = CrashingState(tmp_path / "crash.db", method="ledger_put", at=3)
    job = _job(shop, state, oms)
    with pytest.raises(Crash):
        job.run()
    result = job.run()
    assert (result.confirmed, result.written, result.unknown) == (1, 1, 0)
    assert [len(_marks(fake, o.id)) for o in orders] == [1, 1]


def test_a_write_that_never_left_stops_the_run_and_is_written_next_time(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    from tiktokshop_sync import APIConnectionError

    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    _ship(oms, shop, order.id)
    job = _job(shop, state, oms)
    fake.fail_next("connect_error", times=3, path=f"/fulfillment/202309/orders/{order.id}/*")
    with pytest.raises(APIConnectionError) as caught:
        job.run()
    assert not caught.value.may_have_applied
    assert job.run().written == 1


# --- TikTok-shipped orders: TikTok's own tracking number (issue 11 item 5) ---------------------


def test_the_plan_says_tiktok_assigns_its_own_number_for_a_tiktok_shipped_order(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    _ship(oms, shop, order.id, tracking="4912-7777-8888")
    plan = _job(shop, state, oms).plan()
    [action] = plan.actions
    assert (action.kind, action.shipped_by_tiktok, action.tracking_number) == (
        "ship_package",
        True,
        "4912-7777-8888",
    )
    text = plan.describe()
    assert "assigns its own tracking number" in text
    assert "4912-7777-8888 is not sent" in text


def test_tiktoks_number_is_in_the_result_and_handed_back_to_the_oms(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    _ship(oms, shop, order.id, tracking="4912-7777-8888")
    result = _job(shop, state, oms).run()
    on_tiktok = fake.order(order.id).tracking_number
    assert on_tiktok and on_tiktok != "4912-7777-8888"
    [number] = result.tiktok_tracking
    assert (number.order_id, number.oms_tracking_number, number.tracking_number) == (
        order.id,
        "4912-7777-8888",
        on_tiktok,
    )
    assert number.differs and "store TikTok's number in the OMS" in number.describe()
    assert oms.tracking_from_tiktok[(shop.shop_cipher, order.id)] == number
    assert oms.shipments(shop.shop_cipher)[0].tracking_number == on_tiktok
    fake.clear_requests()
    again = _job(shop, state, oms).run()  # the OMS now holds TikTok's number: settled
    assert (again.written, again.confirmed, again.tiktok_tracking) == (0, 0, ())
    assert not [r for r in fake.requests if r.path.startswith("/fulfillment/")]


def test_a_separate_tracking_sink_receives_tiktoks_number(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore
) -> None:
    from tiktokshop_sync.workflows import TikTokTracking, TrackingSink

    class Source:
        def shipments(self, shop_key: str) -> list[OmsShipment]:
            return [OmsShipment(order_id=order.id, tracking_number="4912-1", ship_date=TODAY)]

    class Sink:
        def __init__(self) -> None:
            self.got: list[TikTokTracking] = []

        def tiktok_tracking(self, numbers: Sequence[TikTokTracking]) -> None:
            self.got.extend(numbers)

    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    sink = Sink()
    assert isinstance(sink, TrackingSink) and not isinstance(Source(), TrackingSink)
    job = ShipmentWriteBack(shop=shop, state=state, source=Source(), tracking_sink=sink)
    job.run()
    assert [n.tracking_number for n in sink.got] == [fake.order(order.id).tracking_number]
    job.run()
    assert len(sink.got) == 1  # handed back once


def test_a_lost_ship_package_reply_is_read_back_and_tiktoks_number_handed_back(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    _ship(oms, shop, order.id, tracking="4912-7777-8888")
    job = _job(shop, state, oms)
    fake.fail_next("timeout", path=f"/fulfillment/202309/packages/{order.package_id}/ship")
    first = job.run()
    assert (first.written, first.unknown, first.tiktok_tracking) == (0, 1, ())
    assert "get_package" in first.unknown_outcomes[0].reason
    second = job.run()
    assert (second.confirmed, second.written) == (1, 0)
    [number] = second.tiktok_tracking
    assert number.tracking_number == fake.order(order.id).tracking_number
    ships = [r for r in fake.requests if r.path.endswith(f"/packages/{order.package_id}/ship")]
    assert len(ships) == 1


async def test_the_async_write_back_hands_tiktoks_number_to_an_async_sink(
    fake: FakeShop, tmp_path: Path
) -> None:
    from tiktokshop_sync import InMemoryTokenStore
    from tiktokshop_sync.workflows import AsyncShipmentWriteBack, TikTokTracking

    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    got: list[TikTokTracking] = []

    class AsyncOms:
        async def shipments(self, shop_key: str) -> list[OmsShipment]:
            return [OmsShipment(order_id=order.id, tracking_number="4912-2", ship_date=TODAY)]

        async def tiktok_tracking(self, numbers: Sequence[TikTokTracking]) -> None:
            got.extend(numbers)

    async with fake.async_client(token_store=InMemoryTokenStore()) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        job = AsyncShipmentWriteBack(
            shop=shop, state=SQLiteStateStore(tmp_path / "a.db"), source=AsyncOms()
        )
        result = await job.run()
    assert result.written == 1
    assert [n.tracking_number for n in got] == [fake.order(order.id).tracking_number]
