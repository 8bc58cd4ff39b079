"""Shipping over the wire: mark as shipped, ship package, shipping-info updates, reads (§5.7)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from tiktokshop_sync.testing import FakeOrder, FakeShop

Call = Callable[..., httpx.Response]
YAMATO = "7208502187360519982"
SAGAWA = "7208502187360519983"


def data(response: httpx.Response) -> Any:
    payload = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def code(response: httpx.Response) -> int:
    value: int = response.json()["code"]
    return value


def seller_order(fake: FakeShop, units: int = 1) -> FakeOrder:
    items = [("TS-TEE-BLK-M", units)]
    return fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER", items=items)[0]


def mark(
    call: Call, order_id: str, tracking: str = "123456789012", provider: str = YAMATO, **more: Any
) -> httpx.Response:
    body = {"tracking_number": tracking, "shipping_provider_id": provider, **more}
    return call("POST", f"/fulfillment/202309/orders/{order_id}/packages", body=body)


def order_wire(call: Call, order_id: str) -> dict[str, Any]:
    wire: dict[str, Any] = data(call("GET", "/order/202309/orders", query={"ids": order_id}))[
        "orders"
    ][0]
    return wire


# --- mark package as shipped ------------------------------------------------------------------


def test_marking_the_whole_order_shipped_awaits_collection_with_tracking_everywhere(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake, units=2)
    result = data(mark(call, order.id))
    wire = order_wire(call, order.id)
    assert wire["status"] == "AWAITING_COLLECTION"
    assert (wire["tracking_number"], wire["shipping_provider"]) == (
        "123456789012",
        "Yamato Transport",
    )
    assert wire["rts_time"] == fake.clock.timestamp()
    assert {i["tracking_number"] for i in wire["line_items"]} == {"123456789012"}
    assert {i["package_status"] for i in wire["line_items"]} == {"PROCESSING"}
    assert result == {
        "order_id": order.id,
        "order_line_item_ids": [item.id for item in order.line_items],
        "package_id": order.package_id,
    }


def test_marking_some_line_items_splits_them_into_a_new_package(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake, units=3)
    first = order.line_items[0].id
    result = data(mark(call, order.id, order_line_item_ids=[first]))
    wire = order_wire(call, order.id)
    assert wire["status"] == "PARTIALLY_SHIPPING"
    assert result["package_id"] != order.package_id
    assert [p["id"] for p in wire["packages"]] == [order.package_id, result["package_id"]]
    by_item = {i["id"]: i for i in wire["line_items"]}
    assert by_item[first]["package_id"] == result["package_id"]
    assert by_item[first]["display_status"] == "AWAITING_COLLECTION"
    assert {by_item[i.id]["package_status"] for i in order.line_items[1:]} == {"TO_FULFILL"}


def test_shipping_the_rest_of_a_partly_shipped_order_awaits_collection(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake, units=2)
    data(mark(call, order.id, order_line_item_ids=[order.line_items[0].id]))
    data(mark(call, order.id, tracking="987654321098"))
    assert order_wire(call, order.id)["status"] == "AWAITING_COLLECTION"


def test_marking_an_order_shipped_twice_answers_21008099(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    data(mark(call, order.id))
    assert code(mark(call, order.id, tracking="999999999999")) == 21008099


def test_a_tracking_number_with_special_characters_answers_21004012(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake)
    assert code(mark(call, order.id, tracking="1234 5678")) == 21004012
    assert code(mark(call, order.id, tracking="１２３４５６")) == 21004012
    assert code(mark(call, order.id, tracking="123")) == 21004012
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"


def test_an_unknown_shipping_provider_answers_21011022(fake: FakeShop, call: Call) -> None:
    assert code(mark(call, seller_order(fake).id, provider="6617675021119438849")) == 21011022


def test_a_tracking_number_used_by_another_order_answers_21011025(
    fake: FakeShop, call: Call
) -> None:
    data(mark(call, seller_order(fake).id, tracking="ABC-0001"))
    second = seller_order(fake)
    assert code(mark(call, second.id, tracking="ABC-0001")) == 21011025
    assert fake.order(second.id).status == "AWAITING_SHIPMENT"


def test_a_cancelled_order_cannot_be_marked_shipped(fake: FakeShop, call: Call) -> None:
    # Mark Package As Shipped's page lists no 21011041 ("...when order is cancelled"): a
    # cancelled order is one "not in the Awaiting shipment status".
    order = seller_order(fake)
    fake.cancel(order.id)
    assert code(mark(call, order.id)) == 21042057


@pytest.mark.parametrize("status", ["UNPAID", "ON_HOLD"])
def test_an_order_not_awaiting_shipment_answers_21042057(
    fake: FakeShop, call: Call, status: str
) -> None:
    order = fake.create_orders(1, status=status, shipping_type="SELLER")[0]
    assert code(mark(call, order.id)) == 21042057


def test_an_order_with_a_pending_buyer_cancel_request_cannot_be_shipped(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake)
    fake.buyer_cancel(order.id)
    assert code(mark(call, order.id)) == 21011007


def test_marking_another_shops_order_answers_21011029(fake: FakeShop, call: Call) -> None:
    other = fake.add_shop("二号店")
    order = fake.create_orders(1, other, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0]
    assert code(mark(call, order.id)) == 21011029


def test_a_refused_mark_leaves_no_trace(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake, units=2)
    assert code(mark(call, order.id, order_line_item_ids=["577000000000000000"])) == 21001001
    assert len(fake.order(order.id).packages) == 1
    assert fake.order(order.id).tracking_number == ""


# --- ship package -----------------------------------------------------------------------------


def ship(call: Call, package_id: str, **body: Any) -> httpx.Response:
    return call("POST", f"/fulfillment/202309/packages/{package_id}/ship", body=body)


def test_a_seller_shipped_package_needs_self_shipment(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    assert code(ship(call, order.package_id, handover_method="DROP_OFF")) == 21001001
    self_shipment = {"tracking_number": "445566778899", "shipping_provider_id": SAGAWA}
    data(ship(call, order.package_id, self_shipment=self_shipment))
    assert fake.package(order.package_id).shipping_provider_name == "Sagawa Express"


def test_tiktok_shipping_books_the_carrier_and_issues_the_tracking_number(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    data(ship(call, order.package_id, handover_method="DROP_OFF"))
    package = fake.package(order.package_id)
    assert (package.status, package.handover_method) == ("PROCESSING", "DROP_OFF")
    assert package.tracking_number.isdigit()
    assert fake.order(order.id).status == "AWAITING_COLLECTION"


def test_shipping_a_package_twice_answers_21011040(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    data(ship(call, order.package_id))
    assert code(ship(call, order.package_id)) == 21011040


def test_a_pickup_outside_the_offered_slots_answers_21011053(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    now = fake.clock.timestamp()
    slot = {"start_time": now + 60, "end_time": now + 120}
    assert (
        code(ship(call, order.package_id, handover_method="PICKUP", pickup_slot=slot)) == 21011053
    )


def test_handover_slots_offer_three_pickup_windows_a_day_for_three_days(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    slots = data(
        call("GET", f"/fulfillment/202309/packages/{order.package_id}/handover_time_slots")
    )
    assert (slots["can_pickup"], slots["can_drop_off"]) == (True, True)
    assert len(slots["pickup_slots"]) == 9
    assert all(s["avaliable"] for s in slots["pickup_slots"])
    assert slots["pickup_slots"][0]["start_time"] > fake.clock.timestamp()


def test_an_unknown_package_answers_21011028(call: Call) -> None:
    assert code(ship(call, "1150000000000000000")) == 21011028


def test_batch_ship_reports_each_failed_package_and_ships_the_rest(
    fake: FakeShop, call: Call
) -> None:
    good = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    body = {"packages": [{"id": good.package_id}, {"id": "1150000000000000000"}]}
    result = data(call("POST", "/fulfillment/202309/packages/ship", body=body))
    assert result == {
        "errors": [
            {
                "code": 21011028,
                "message": "The package does not belong to the current shop.",
                "detail": {"package_id": "1150000000000000000"},
            }
        ]
    }
    assert fake.package(good.package_id).shipped


# --- update shipping info ---------------------------------------------------------------------


def update(call: Call, order_id: str, tracking: str = "777788889999") -> httpx.Response:
    body = {"tracking_number": tracking, "shipping_provider_id": SAGAWA}
    return call("POST", f"/fulfillment/202309/orders/{order_id}/shipping_info/update", body=body)


def test_shipping_info_can_be_corrected_once_within_72_hours(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    data(mark(call, order.id))
    fake.clock.advance(hours=71)
    data(update(call, order.id))
    wire = order_wire(call, order.id)
    assert (wire["tracking_number"], wire["shipping_provider"]) == (
        "777788889999",
        "Sagawa Express",
    )
    assert wire["line_items"][0]["tracking_number"] == "777788889999"


def test_order_shipping_info_after_72_hours_answers_21011049(fake: FakeShop, call: Call) -> None:
    # The order-level page lists one code for its update rules: 21011049.
    order = seller_order(fake)
    data(mark(call, order.id))
    fake.clock.advance(hours=72, seconds=1)
    assert code(update(call, order.id)) == 21011049


def test_order_shipping_info_can_only_be_corrected_once(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    data(mark(call, order.id))
    data(update(call, order.id))
    assert code(update(call, order.id, tracking="111122223333")) == 21011049


def update_package(call: Call, package_id: str, tracking: str) -> httpx.Response:
    path = f"/fulfillment/202309/packages/{package_id}/shipping_info/update"
    return call("POST", path, body={"tracking_number": tracking, "shipping_provider_id": SAGAWA})


def test_package_shipping_info_after_72_hours_answers_21011050(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    package_id = data(mark(call, order.id))["package_id"]
    fake.clock.advance(hours=72, seconds=1)
    assert code(update_package(call, package_id, "111122223333")) == 21011050


def test_package_shipping_info_can_only_be_corrected_once(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    package_id = data(mark(call, order.id))["package_id"]
    data(update_package(call, package_id, "111122223333"))
    assert code(update_package(call, package_id, "111122224444")) == 21011051


def test_shipping_info_of_an_unshipped_order_answers_21011043(fake: FakeShop, call: Call) -> None:
    assert code(update(call, seller_order(fake).id)) == 21011043


def test_shipping_info_of_a_tiktok_shipped_order_answers_21011004(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="AWAITING_COLLECTION", shipping_type="TIKTOK")[0]
    assert code(update(call, order.id)) == 21011004


def test_package_level_update_corrects_one_package_of_a_split_order(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake, units=2)
    split = data(mark(call, order.id, order_line_item_ids=[order.line_items[0].id]))
    path = f"/fulfillment/202309/packages/{split['package_id']}/shipping_info/update"
    body = {"tracking_number": "A-12345", "shipping_provider_id": SAGAWA}
    data(call("POST", path, body=body))
    assert fake.package(split["package_id"]).tracking_number == "A-12345"


# --- search, detail, documents, tracking ------------------------------------------------------


def search(call: Call, body: dict[str, Any] | None = None, **query: str) -> Any:
    query.setdefault("page_size", "5")
    return call("POST", "/fulfillment/202309/packages/search", query=query, body=body or {})


def test_package_search_pages_through_every_package_with_awkward_tokens(
    fake: FakeShop, call: Call
) -> None:
    orders = fake.create_orders(12, status="AWAITING_SHIPMENT")
    seen: list[str] = []
    tokens: list[str] = []
    token = ""
    while True:
        page = data(search(call, **({"page_token": token} if token else {})))
        seen += [p["id"] for p in page["packages"]]
        token = page["next_page_token"]
        if not token:
            break
        tokens.append(token)
    assert sorted(seen) == sorted(o.package_id for o in orders)
    assert all(set("+/=") <= set(t) for t in tokens)


@pytest.mark.parametrize("size", ["0", "51"])
def test_package_search_page_size_must_be_1_to_50(call: Call, size: str) -> None:
    # Search Package's page lists no parameter code: the gateway's 36009004 answers.
    assert code(search(call, page_size=size)) == 36009004


def test_package_search_filters_by_status(fake: FakeShop, call: Call) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    shipped = fake.create_orders(2, status="IN_TRANSIT")
    found = data(search(call, {"package_status": "FULFILLING"}))
    assert sorted(p["id"] for p in found["packages"]) == sorted(o.package_id for o in shipped)
    assert found["total_count"] == 2


def test_package_detail_names_the_order_items_and_delivery_option(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake, units=2)
    detail = data(call("GET", f"/fulfillment/202309/packages/{order.package_id}"))
    assert detail["package_status"] == "TO_FULFILL"
    assert detail["orders"][0]["skus"][0]["quantity"] == 2
    assert detail["delivery_option_id"] == order.delivery_option_id
    assert detail["shipping_type"] == "SELLER"


def test_shipping_documents_of_a_seller_shipped_package_answer_21008017(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake)
    path = f"/fulfillment/202309/packages/{order.package_id}/shipping_documents"
    assert code(call("GET", path, query={"document_type": "SHIPPING_LABEL"})) == 21008017


def test_a_label_needs_the_shipment_arranged_first(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]
    path = f"/fulfillment/202309/packages/{order.package_id}/shipping_documents"
    assert code(call("GET", path, query={"document_type": "SHIPPING_LABEL"})) == 21023035
    data(ship(call, order.package_id))
    document = data(call("GET", path, query={"document_type": "SHIPPING_LABEL"}))
    assert document["tracking_number"] == fake.package(order.package_id).tracking_number
    assert document["doc_url"].startswith("https://")


def test_tracking_lists_carrier_events_newest_first_in_milliseconds(
    fake: FakeShop, call: Call
) -> None:
    order = seller_order(fake)
    data(mark(call, order.id))
    fake.clock.advance(hours=5)
    fake.collect(order.id)
    fake.clock.advance(days=1)
    fake.deliver(order.id)
    events = data(call("GET", f"/fulfillment/202309/orders/{order.id}/tracking"))["tracking"]
    assert [e["description"] for e in events] == [
        "お届けが完了しました",
        "荷物を輸送中です",
        "配送業者が荷物を集荷しました",
        "出荷情報が登録されました",
    ]
    assert events[0]["update_time_millis"] == fake.clock.timestamp() * 1000
    # Get Tracking documents description and update_time_millis only (get-tracking.spec.json).
    assert all(set(event) == {"description", "update_time_millis"} for event in events)


# --- carrier milestones and faults ------------------------------------------------------------


def test_collect_and_deliver_move_the_order_and_its_packages(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    data(mark(call, order.id))
    assert fake.collect(order.id).status == "IN_TRANSIT"
    assert fake.package(order.package_id).status == "FULFILLING"
    fake.clock.advance(days=1)
    assert fake.deliver(order.id).status == "DELIVERED"
    assert fake.package(order.package_id).status == "COMPLETED"
    assert fake.complete(order.id).status == "COMPLETED"


def test_an_unshipped_order_cannot_be_delivered(fake: FakeShop) -> None:
    with pytest.raises(ValueError, match="AWAITING_SHIPMENT"):
        fake.deliver(seller_order(fake).id)


def test_a_faulted_mark_as_shipped_is_not_applied(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    fake.fail_next("server_error", path=f"/fulfillment/202309/orders/{order.id}/packages")
    assert mark(call, order.id).status_code == 503
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"


def test_a_timed_out_mark_as_shipped_was_applied(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    fake.fail_next("timeout", path="/fulfillment/*")
    with pytest.raises(httpx.ReadTimeout):
        mark(call, order.id)
    assert fake.order(order.id).status == "AWAITING_COLLECTION"
    assert code(mark(call, order.id)) == 21008099


def test_generated_shipped_orders_have_a_shipped_package(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="IN_TRANSIT")[0]
    package = fake.package(order.package_id)
    assert (package.status, package.tracking_number) == ("FULFILLING", order.tracking_number)
    assert package.rts_time == order.rts_time


def test_shipping_info_of_a_delivered_order_answers_21011030(fake: FakeShop, call: Call) -> None:
    order = seller_order(fake)
    data(mark(call, order.id))
    fake.clock.advance(timedelta(hours=20))
    fake.deliver(order.id)
    assert code(update(call, order.id)) == 21011030
