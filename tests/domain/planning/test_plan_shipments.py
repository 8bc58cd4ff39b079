"""The shipment write-back's pure planner: one write per shipment, or why not."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, timezone

import attrs
import pytest

from tiktokshop_sync.domain import CarrierCompany, FixedCarrier, ShippingProvider
from tiktokshop_sync.domain.planning import (
    FetchedShipments,
    KnownShipments,
    OmsShipment,
    OrderShipping,
    ProviderList,
    ShipmentDecisions,
    ShipmentRecord,
    delivery_options_to_read,
    plan_shipments,
    shipment_key,
    shipments_to_check,
)

NOW = datetime(2025, 7, 1, 3, 0, tzinfo=timezone.utc)
YAMATO = FixedCarrier.from_name("ヤマト運輸B2v6")
PROVIDERS: ProviderList = (ShippingProvider(id="7117858858072016686", name="Yamato Transport"),)


@attrs.frozen(kw_only=True)
class Rules:
    carrier: FixedCarrier | None = YAMATO
    provider_overrides: Mapping[CarrierCompany, str] = attrs.field(factory=dict)


def shipment(
    order_id: str = "o1", tracking: str | None = "123456789012", **kw: object
) -> OmsShipment:
    return OmsShipment(
        order_id=order_id, tracking_number=tracking, ship_date=date(2025, 7, 1), **kw
    )  # type: ignore[arg-type]


def order(order_id: str = "o1", status: str = "AWAITING_SHIPMENT", **kw: object) -> OrderShipping:
    return OrderShipping(order_id=order_id, status=status, delivery_option_id="opt", **kw)  # type: ignore[arg-type]


def decide(
    shipments: Sequence[OmsShipment],
    orders: Sequence[OrderShipping] = (),
    records: Mapping[str, ShipmentRecord] | None = None,
    *,
    hand_back: bool = False,
    rules: Rules | None = None,
    providers: Mapping[str, ProviderList] | None = None,
) -> ShipmentDecisions:
    return plan_shipments(
        FetchedShipments(
            shipments=tuple(shipments),
            orders={o.order_id: o for o in orders},
            providers={"opt": PROVIDERS} if providers is None else providers,
        ),
        KnownShipments(records=records or {}),
        rules or Rules(),
        NOW,
        hand_back=hand_back,
    )


def test_an_order_awaiting_shipment_is_marked_shipped_with_the_carriers_provider() -> None:
    (action,) = decide([shipment()], [order()]).actions
    assert (action.kind, action.provider_id, action.key) == (
        "mark_shipped",
        "7117858858072016686",
        "ship:o1:all",
    )


@pytest.mark.parametrize(
    ("oms", "reason"),
    [
        (
            shipment(tracking=None),
            "needs both a tracking number (伝票番号) and a ship date (出荷日)",
        ),
        (OmsShipment(order_id="o1", tracking_number="1234", ship_date=None), "needs both"),
        (shipment(tracking="12-34 56"), "tracking"),
    ],
    ids=["no tracking number", "no ship date", "a number TikTok refuses"],
)
def test_a_shipment_tiktok_would_refuse_is_skipped_before_any_read(
    oms: OmsShipment, reason: str
) -> None:
    decisions = decide([oms], [order()])
    assert decisions.actions == () and reason in decisions.skipped[0].reason
    assert shipments_to_check([oms], KnownShipments()) == []


def test_a_shipment_written_with_the_same_number_is_not_written_again() -> None:
    records = {"ship:o1:all": ShipmentRecord(status="done", tracking_number="123456789012")}
    assert decide([shipment()], [order()], records) == ShipmentDecisions()


def test_a_changed_number_within_72_hours_updates_the_tracking() -> None:
    shipped = order(
        status="AWAITING_COLLECTION",
        tracking_number="999999999999",
        rts_time=NOW - timedelta(hours=2),
    )
    (action,) = decide([shipment()], [shipped]).actions
    assert (action.kind, action.previous_tracking) == ("update_tracking", "999999999999")


def test_a_changed_number_after_72_hours_is_refused_with_what_to_do() -> None:
    shipped = order(
        status="IN_TRANSIT", tracking_number="999999999999", rts_time=NOW - timedelta(hours=73)
    )
    decisions = decide([shipment()], [shipped])
    assert "more than 72 hours" in decisions.skipped[0].reason


def test_the_ledgers_ship_time_wins_over_tiktoks() -> None:
    shipped = order(
        status="IN_TRANSIT", tracking_number="999999999999", rts_time=NOW - timedelta(hours=90)
    )
    records = {"ship:o1:all": ShipmentRecord(status="failed", shipped_at=NOW - timedelta(hours=1))}
    (action,) = decide([shipment()], [shipped], records).actions
    assert action.kind == "update_tracking"


def test_a_lost_reply_is_read_back_and_confirmed_when_tiktok_shows_the_number() -> None:
    records = {"ship:o1:all": ShipmentRecord(status="unknown", tracking_number="123456789012")}
    shipped = order(status="AWAITING_COLLECTION", tracking_number="123456789012")
    (action,) = decide([shipment()], [shipped], records).actions
    assert (action.kind, action.read_back) == ("confirm", True)


def test_an_order_cancelled_on_tiktok_is_not_written_back() -> None:
    decisions = decide([shipment()], [order(status="CANCELLED")])
    assert decisions.skipped[0].reason.startswith("cancelled on TikTok")


def test_an_order_tiktok_ships_gets_its_package_shipped_not_the_oms_number() -> None:
    tiktok = order(shipping_type="TIKTOK", package_id="pkg-1")
    (action,) = decide([shipment()], [tiktok]).actions
    assert (action.kind, action.package_id, action.shipped_by_tiktok) == (
        "ship_package",
        "pkg-1",
        True,
    )


def test_a_tiktok_shipped_order_stays_open_until_its_number_was_handed_back() -> None:
    record = ShipmentRecord(status="done", tracking_number="123456789012", shipped_by_tiktok=True)
    shipped = order(
        status="IN_TRANSIT", shipping_type="TIKTOK", tracking_number="JP000", package_id="p"
    )
    records = {"ship:o1:all": record}
    assert decide([shipment()], [shipped], records, hand_back=False) == ShipmentDecisions()
    (action,) = decide([shipment()], [shipped], records, hand_back=True).actions
    assert action.tiktok_tracking_number == "JP000"


def test_a_partial_shipment_compares_the_tracking_of_its_lines() -> None:
    partial = shipment(line_item_ids=("l1",))
    shipped = order(status="PARTIALLY_SHIPPING", line_tracking={"l1": "123456789012"})
    (action,) = decide([partial], [shipped]).actions
    assert (action.kind, action.key) == ("confirm", "ship:o1:l1")


def test_without_a_carrier_nothing_is_written() -> None:
    decisions = decide([shipment()], [order()], rules=Rules(carrier=None))
    assert "no carrier" in decisions.skipped[0].reason


def test_carriers_that_could_not_be_read_skip_the_shipment_with_the_error() -> None:
    decisions = decide([shipment()], [order()], providers={"opt": "NotFoundError: gone"})
    assert decisions.skipped[0].reason == "no carriers for its delivery option: NotFoundError: gone"


def test_an_order_tiktok_does_not_know_is_skipped() -> None:
    assert decide([shipment()]).skipped[0].reason == "order not found on TikTok"


def test_only_the_carriers_a_decision_needs_are_read() -> None:
    oms = [shipment("o1"), shipment("o2"), shipment("o3"), shipment("o4")]
    orders = {
        "o1": order("o1"),
        "o2": order("o2", status="CANCELLED"),
        "o3": order("o3", shipping_type="TIKTOK"),
        "o4": attrs.evolve(order("o4"), delivery_option_id="opt"),
    }
    assert delivery_options_to_read(oms, orders, Rules()) == ["opt"]
    assert delivery_options_to_read(oms, orders, Rules(carrier=None)) == []


def test_the_key_names_the_order_and_its_lines() -> None:
    assert shipment_key(shipment(line_item_ids=("b", "a"))) == "ship:o1:a,b"


def test_two_shipments_of_an_order_with_different_numbers_refuse_the_order() -> None:
    rows = [shipment(tracking="4912-3456-7890"), shipment(tracking="4912-0000-1111")]
    decisions = decide(rows, [order()])
    (refused,) = decisions.refused
    assert decisions.actions == () and refused.order_id == "o1"
    assert "order o1" in refused.reason
    assert "tracking numbers 4912-3456-7890, 4912-0000-1111" in refused.reason
    assert "keep one row" in refused.reason


def test_two_shipments_of_an_order_with_different_carriers_refuse_the_order() -> None:
    rows = [shipment(carrier=CarrierCompany.YAMATO), shipment(carrier=CarrierCompany.SAGAWA)]
    (refused,) = decide(rows, [order()]).refused
    assert "carriers ヤマト運輸, 佐川急便" in refused.reason


def test_an_order_is_refused_even_when_one_of_its_numbers_was_written_before() -> None:
    records = {"ship:o1:all": ShipmentRecord(status="done", tracking_number="4912-3456-7890")}
    shipped = order(status="AWAITING_COLLECTION", tracking_number="4912-3456-7890")
    rows = [shipment(tracking="4912-3456-7890"), shipment(tracking="4912-0000-1111")]
    decisions = decide(rows, [shipped], records)
    assert decisions.actions == () and len(decisions.refused) == 1


def test_a_whole_order_shipment_and_a_line_shipment_with_another_number_conflict() -> None:
    rows = [shipment(tracking="4912-3456-7890"), shipment(line_item_ids=("l1",))]
    assert [r.order_id for r in decide(rows, [order()]).refused] == ["o1"]


def test_shipments_of_different_lines_of_an_order_are_a_split_not_a_conflict() -> None:
    rows = [
        shipment(tracking="3600-1111-2222", line_item_ids=("l1",)),
        shipment(tracking="3600-1111-3333", line_item_ids=("l2",)),
    ]
    decisions = decide(rows, [order()])
    assert decisions.refused == () and len(decisions.actions) == 2


@pytest.mark.parametrize(
    "repeat",
    [
        shipment(),
        attrs.evolve(shipment(), ship_date=date(2025, 7, 2)),
        shipment(tracking=" 123456789012 "),
    ],
    ids=["the same row", "another ship date (not written)", "the number with spaces"],
)
def test_a_shipment_listed_twice_is_planned_once(repeat: OmsShipment) -> None:
    decisions = decide([shipment(), repeat], [order()])
    assert len(decisions.actions) == 1 and decisions.refused == ()


def test_a_carrier_named_by_method_or_by_company_is_the_same_carrier() -> None:
    rows = [shipment(carrier=YAMATO.method), shipment(carrier=CarrierCompany.YAMATO)]
    assert len(decide(rows, [order()]).actions) == 1


def test_a_refused_order_leaves_the_other_orders_planned() -> None:
    rows = [shipment("o1"), shipment("o1", tracking="999999999999"), shipment("o2")]
    decisions = decide(rows, [order("o1"), order("o2")])
    assert [a.order_id for a in decisions.actions] == ["o2"]
    assert [r.order_id for r in decisions.refused] == ["o1"]


def test_an_order_whose_shipments_disagree_is_not_read_from_tiktok() -> None:
    rows = [shipment("o1"), shipment("o1", tracking="999999999999"), shipment("o2")]
    assert [s.order_id for s in shipments_to_check(rows, KnownShipments())] == ["o2"]
