"""Status changes, masking by status, and the lazy ON_HOLD → AWAITING_SHIPMENT transition."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest

from tiktokshop_sync.testing import FakeShop

Call = Callable[..., httpx.Response]
SHIPPING_FIELDS = ("shipping_provider", "shipping_provider_id", "tracking_number")


def test_unpaid_order_returns_every_address_field_empty(fake: FakeShop) -> None:
    address = fake.create_orders(1, status="UNPAID")[0].to_wire()["recipient_address"]
    assert address["district_info"] == []
    assert {value for key, value in address.items() if key != "district_info"} == {""}


def test_on_hold_order_hides_the_address_and_is_flagged(fake: FakeShop) -> None:
    wire = fake.create_orders(1, status="ON_HOLD")[0].to_wire()
    assert wire["is_on_hold_order"] is True
    assert wire["recipient_address"]["full_address"] == ""


def test_cancelled_order_hides_the_address(fake: FakeShop) -> None:
    wire = fake.create_orders(1, status="CANCELLED")[0].to_wire()
    assert wire["recipient_address"]["name"] == ""


def test_seller_shipped_order_shows_the_full_address_after_on_hold(fake: FakeShop) -> None:
    wire = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0].to_wire()
    address = wire["recipient_address"]
    assert "*" not in address["name"] + address["address_detail"] + address["postal_code"]
    assert address["full_address"].startswith(address["district_info"][1]["address_name"])
    assert wire["is_on_hold_order"] is False


def test_tiktok_shipped_order_masks_name_and_address_with_stars(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    address = order.to_wire()["recipient_address"]
    assert address["name"].startswith(order.recipient.last_name[0])
    assert "*" in address["name"]
    assert re.search(r"\*{3,}", address["address_detail"])
    assert address["postal_code"].endswith("-****")
    assert address["district_info"][1]["address_name"] == order.recipient.prefecture


def test_unshipped_order_has_no_shipping_provider_or_tracking_fields(fake: FakeShop) -> None:
    for status in ("UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "CANCELLED"):
        wire = fake.create_orders(1, status=status)[0].to_wire()
        assert not set(SHIPPING_FIELDS) & set(wire)
        assert not {"tracking_number", "shipping_provider_id"} & set(wire["line_items"][0])


def test_shipped_order_has_carrier_and_tracking_number(fake: FakeShop) -> None:
    wire = fake.create_orders(1, status="IN_TRANSIT")[0].to_wire()
    assert wire["shipping_provider"] in {c.name for c in fake.shipping_providers()}
    assert wire["tracking_number"].isdigit()
    assert wire["line_items"][0]["tracking_number"] == wire["tracking_number"]


def test_pay_moves_unpaid_to_on_hold_at_the_current_time(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    fake.clock.advance(minutes=3)
    fake.pay(order.id)
    assert order.status == "ON_HOLD"
    assert order.paid_time == order.update_time == fake.clock.now()


def test_on_hold_order_is_still_on_hold_just_before_one_hour(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    fake.pay(order.id)
    fake.clock.advance(minutes=59, seconds=59)
    assert fake.order(order.id).status == "ON_HOLD"


def test_on_hold_order_awaits_shipment_one_hour_after_payment(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    paid = fake.pay(order.id).paid_time
    assert paid is not None
    fake.clock.advance(hours=3)
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"
    assert order.update_time == paid + timedelta(hours=1)
    assert order.package_id


def test_on_hold_release_is_visible_through_the_api(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    fake.pay(order.id)
    fake.clock.advance(hours=1)
    body = call("GET", "/order/202309/orders", query={"ids": order.id}).json()
    wire = body["data"]["orders"][0]
    assert wire["status"] == "AWAITING_SHIPMENT"
    assert wire["is_on_hold_order"] is False
    assert wire["recipient_address"]["name"] != ""


def test_update_time_bumps_on_every_state_change(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    seen = [order.update_time]
    fake.clock.advance(minutes=1)
    fake.pay(order.id)
    seen.append(order.update_time)
    fake.clock.advance(hours=2)
    seen.append(fake.order(order.id).update_time)
    fake.clock.advance(minutes=1)
    fake.buyer_cancel(order.id)
    seen.append(order.update_time)
    assert seen == sorted(seen)
    assert len(set(seen)) == 4


def test_shop_without_on_hold_goes_straight_to_awaiting_shipment(fake: FakeShop) -> None:
    shop = fake.add_shop("即日発送ストア", on_hold=False)
    order = fake.create_orders(1, shop, status="UNPAID")[0]
    fake.pay(order.id)
    assert order.status == "AWAITING_SHIPMENT"


def test_paying_a_paid_order_is_refused(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    with pytest.raises(ValueError, match="only UNPAID"):
        fake.pay(order.id)


def test_buyer_cancel_during_on_hold_cancels_at_once(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="ON_HOLD")[0]
    fake.buyer_cancel(order.id)
    assert order.status == "CANCELLED"
    assert order.cancellation_initiator == "BUYER"


def test_buyer_cancel_after_on_hold_is_only_a_request(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    wire = order.to_wire()
    assert wire["status"] == "AWAITING_SHIPMENT"
    assert wire["is_buyer_request_cancel"] is True
    assert wire["request_cancel_time"] == fake.clock.timestamp()


def test_cancel_records_initiator_reason_and_line_item_cancel_user(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.cancel(order.id, by="SELLER", reason="在庫切れ")
    wire = order.to_wire()
    assert (wire["status"], wire["cancellation_initiator"], wire["cancel_reason"]) == (
        "CANCELLED",
        "SELLER",
        "在庫切れ",
    )
    assert wire["cancel_time"] == fake.clock.timestamp()
    assert {item["cancel_user"] for item in wire["line_items"]} == {"SELLER"}


def test_cancelling_a_delivered_order_is_refused(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    with pytest.raises(ValueError, match="DELIVERED"):
        fake.cancel(order.id)


def test_unknown_order_id_raises_key_error_naming_it(fake: FakeShop) -> None:
    with pytest.raises(KeyError, match="5700"):
        fake.order("5700")
