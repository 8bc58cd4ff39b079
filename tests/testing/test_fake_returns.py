"""Cancellations and returns over the wire, and the buyer's side of them (reference §5.9)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from tiktokshop_sync.testing import FakeOrder, FakeShop

Call = Callable[..., httpx.Response]
CANCEL = "/return_refund/202309/cancellations"
SEARCH = "/return_refund/202309/cancellations/search"
RETURNS = "/return_refund/202309/returns/search"


def data(response: httpx.Response) -> Any:
    payload = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def code(response: httpx.Response) -> int:
    value: int = response.json()["code"]
    return value


def cancel(
    call: Call, order: FakeOrder, reason: str, *, cipher: str | None = None, **more: Any
) -> httpx.Response:
    options = {"cipher": cipher} if cipher else {}
    body = {"order_id": order.id, "cancel_reason": reason, **more}
    return call("POST", CANCEL, body=body, **options)


def cancellations(call: Call, body: dict[str, Any] | None = None, **query: str) -> Any:
    query.setdefault("page_size", "50")
    return data(call("POST", SEARCH, query=query, body=body or {}))


# --- the buyer --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["UNPAID", "ON_HOLD"])
def test_a_buyer_cancel_before_awaiting_shipment_completes_at_once(
    fake: FakeShop, call: Call, status: str
) -> None:
    order = fake.create_orders(1, status=status)[0]
    fake.buyer_cancel(order.id)
    record = cancellations(call, {"order_ids": [order.id]})["cancellations"][0]
    assert (record["cancel_status"], record["role"], record["cancel_type"]) == (
        "CANCELLATION_REQUEST_COMPLETE",
        "BUYER",
        "BUYER_CANCEL",
    )
    assert fake.order(order.id).status == "CANCELLED"


def test_a_buyer_cancel_after_on_hold_waits_24_hours_for_the_seller(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    record = cancellations(call)["cancellations"][-1]
    assert record["cancel_status"] == "CANCELLATION_REQUEST_PENDING"
    assert record["seller_next_action_response"][0]["deadline"] == (
        fake.clock.timestamp() + 24 * 3600
    )
    assert fake.order(order.id).to_wire()["is_buyer_request_cancel"] is True


def test_an_unanswered_request_is_approved_by_tiktok_after_24_hours(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    fake.clock.advance(hours=24)
    assert fake.order(order.id).status == "CANCELLED"
    assert fake.cancellations_of()[-1].status == "CANCELLATION_REQUEST_COMPLETE"


def test_a_buyer_can_only_request_once(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    with pytest.raises(ValueError, match="pending"):
        fake.buyer_cancel(order.id)


def test_generated_cancelled_orders_have_a_completed_cancellation(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="CANCELLED")[0]
    record = cancellations(call, {"order_ids": [order.id]})["cancellations"][0]
    assert record["role"] == order.cancellation_initiator
    assert record["cancel_reason_text"] == order.cancel_reason


# --- the seller -------------------------------------------------------------------------------


def test_a_seller_cancel_with_a_paid_reason_cancels_the_order(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    result = data(cancel(call, order, "seller_cancel_reason_out_of_stock"))
    assert result["cancel_status"] == "CANCELLATION_REQUEST_SUCCESS"
    wire = fake.order(order.id).to_wire()
    assert (wire["status"], wire["cancellation_initiator"], wire["cancel_reason"]) == (
        "CANCELLED",
        "SELLER",
        "在庫切れ",
    )


def test_an_unpaid_reason_on_a_paid_order_answers_25001021(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    assert code(cancel(call, order, "seller_cancel_unpaid_reason_out_of_stock")) == 25001021
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"


def test_a_paid_reason_on_an_unpaid_order_answers_25001021(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    assert code(cancel(call, order, "seller_cancel_reason_wrong_price")) == 25001021


def test_an_unknown_reason_answers_25001014(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    assert code(cancel(call, order, "out_of_stock")) == 25001014


def test_a_shipped_order_cannot_be_cancelled_by_the_seller(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_COLLECTION")[0]
    assert code(cancel(call, order, "seller_cancel_reason_out_of_stock")) == 25001045


def test_a_jp_shop_cannot_cancel_single_line_items(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("MG-MINO-AI", 2)])[0]
    response = cancel(
        call,
        order,
        "seller_cancel_reason_out_of_stock",
        order_line_item_ids=[order.line_items[0].id],
    )
    assert code(response) == 25005010


def test_a_us_shop_can_cancel_single_line_items(fake: FakeShop, call: Call) -> None:
    us = fake.add_shop("Sakura US", region="US")
    order = fake.create_orders(1, us, status="AWAITING_SHIPMENT", items=[("MG-MINO-AI", 2)])[0]
    response = cancel(
        call,
        order,
        "seller_cancel_reason_out_of_stock",
        order_line_item_ids=[order.line_items[0].id],
        cipher=us.cipher,
    )
    data(response)
    assert order.status == "AWAITING_SHIPMENT"
    assert [item.cancel_user for item in order.line_items] == ["SELLER", ""]
    assert order.packages[0].line_item_ids == [order.line_items[1].id]


def test_approving_a_request_cancels_the_order(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    cancel_id = fake.cancellations_of()[-1].cancel_id
    data(call("POST", f"{CANCEL}/{cancel_id}/approve", query={"idempotency_key": "k"}, body={}))
    assert fake.order(order.id).status == "CANCELLED"
    assert fake.cancellations_of()[-1].status == "CANCELLATION_REQUEST_COMPLETE"


def test_approving_again_with_the_same_key_is_a_no_op(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    path = f"{CANCEL}/{fake.cancellations_of()[-1].cancel_id}/approve"
    data(call("POST", path, query={"idempotency_key": "k"}, body={}))
    data(call("POST", path, query={"idempotency_key": "k"}, body={}))
    assert code(call("POST", path, query={"idempotency_key": "other"}, body={})) == 25011012


def test_rejecting_a_request_lets_the_order_ship(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    cancel_id = fake.cancellations_of()[-1].cancel_id
    body = {"reject_reason": "seller_reject_apply_product_has_been_packed"}
    data(call("POST", f"{CANCEL}/{cancel_id}/reject", body=body))
    record = cancellations(call, {"cancel_ids": [cancel_id]})["cancellations"][0]
    assert record["cancel_status"] == "CANCELLATION_REQUEST_CANCEL"
    assert "seller_next_action_response" not in record
    assert fake.order(order.id).to_wire()["is_buyer_request_cancel"] is False


def test_a_rejected_request_is_not_approved_when_its_24_hours_are_up(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    cancel_id = fake.cancellations_of()[-1].cancel_id
    body = {"reject_reason": "seller_reject_apply_product_has_been_packed"}
    data(call("POST", f"{CANCEL}/{cancel_id}/reject", body=body))
    fake.clock.advance(hours=25)
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"
    assert fake.cancellations_of()[-1].status == "CANCELLATION_REQUEST_CANCEL"


def test_a_reject_needs_a_reason(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    path = f"{CANCEL}/{fake.cancellations_of()[-1].cancel_id}/reject"
    assert code(call("POST", path, body={})) == 25001001


def test_another_shops_cancellation_answers_25020005(fake: FakeShop, call: Call) -> None:
    other = fake.add_shop("二号店")
    order = fake.create_orders(1, other, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    path = f"{CANCEL}/{fake.cancellations_of(other)[-1].cancel_id}/approve"
    assert code(call("POST", path, body={})) == 25020005


# --- search -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ["0", "51"])
def test_cancellation_page_size_must_be_1_to_50(call: Call, size: str) -> None:
    assert code(call("POST", SEARCH, query={"page_size": size}, body={})) == 25001001


def test_cancellation_search_filters_by_status_and_pages(fake: FakeShop, call: Call) -> None:
    for order in fake.create_orders(7, status="AWAITING_SHIPMENT"):
        fake.buyer_cancel(order.id)
    fake.create_orders(3, status="CANCELLED")
    body = {"cancel_status": ["CANCELLATION_REQUEST_PENDING"]}
    first = cancellations(call, body, page_size="5")
    rest = cancellations(call, body, page_size="5", page_token=first["next_page_token"])
    assert first["total_count"] == 7
    assert len(first["cancellations"]) + len(rest["cancellations"]) == 7


def test_cancellations_are_oldest_first_by_default(fake: FakeShop, call: Call) -> None:
    for order in fake.create_orders(3, status="AWAITING_SHIPMENT"):
        fake.buyer_cancel(order.id)
        fake.clock.advance(minutes=1)
    times = [c["create_time"] for c in cancellations(call)["cancellations"]]
    assert times == sorted(times)


def test_a_return_is_requested_for_a_delivered_order(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    fake.request_return(order.id, return_type="REFUND")
    found = data(call("POST", RETURNS, query={"page_size": "10"}, body={}))
    record = found["return_orders"][0]
    assert (record["order_id"], record["return_type"], record["return_status"]) == (
        order.id,
        "REFUND",
        "RETURN_OR_REFUND_REQUEST_PENDING",
    )
    assert record["refund_amount"]["refund_subtotal"] == str(order.sub_total)


def test_a_return_before_delivery_is_refused(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="IN_TRANSIT")[0]
    with pytest.raises(ValueError, match="after delivery"):
        fake.request_return(order.id)


@pytest.mark.parametrize("size", ["9", "51"])
def test_return_page_size_must_be_10_to_50(call: Call, size: str) -> None:
    assert code(call("POST", RETURNS, query={"page_size": size}, body={})) == 25001001


def test_returns_filter_by_status(fake: FakeShop, call: Call) -> None:
    orders = fake.create_orders(2, status="DELIVERED")
    first = fake.request_return(orders[0].id)
    fake.request_return(orders[1].id)
    fake.clock.advance(timedelta(hours=2))
    fake.set_return_status(first.return_id, "AWAITING_BUYER_SHIP")
    body = {"return_status": ["AWAITING_BUYER_SHIP"]}
    found = data(call("POST", RETURNS, query={"page_size": "10"}, body=body))
    assert [r["return_id"] for r in found["return_orders"]] == [first.return_id]


def decide(call: Call, return_id: str, action: str, body: dict[str, Any], **query: str) -> Any:
    path = f"/return_refund/202309/returns/{return_id}/{action}"
    return call("POST", path, query=query, body=body)


def test_approving_a_refund_makes_it_successful(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    assert data(decide(call, record.return_id, "approve", {"decision": "APPROVE_REFUND"})) == {}
    assert record.status == "RETURN_OR_REFUND_REQUEST_SUCCESS"


def test_rejecting_a_received_package_answers_reject_receive_package(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="RETURN_AND_REFUND")
    fake.set_return_status(record.return_id, "BUYER_SHIPPED_ITEM")
    body = {"decision": "REJECT_RECEIVED_PACKAGE", "reject_reason": "seller_reject_apply_other"}
    data(decide(call, record.return_id, "reject", body))
    assert (record.status, record.reject_reason) == (
        "REJECT_RECEIVE_PACKAGE",
        "seller_reject_apply_other",
    )


def test_a_return_reject_needs_a_reason(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    assert code(decide(call, record.return_id, "reject", {"decision": "REJECT_REFUND"})) == (
        25001001
    )
    assert record.status == "RETURN_OR_REFUND_REQUEST_PENDING"


def test_an_unknown_or_misplaced_decision_answers_25001001(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    assert code(decide(call, record.return_id, "approve", {"decision": "APPROVE"})) == 25001001
    assert code(decide(call, record.return_id, "approve", {"decision": "REJECT_REFUND"})) == (
        25001001
    )


def test_approving_a_return_again_with_the_same_key_is_a_no_op(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    body = {"decision": "APPROVE_REFUND"}
    data(decide(call, record.return_id, "approve", body, idempotency_key="k"))
    data(decide(call, record.return_id, "approve", body, idempotency_key="k"))
    assert code(decide(call, record.return_id, "approve", body)) == 25011012


def test_another_shops_return_answers_25020005(fake: FakeShop, call: Call) -> None:
    other = fake.add_shop("二号店")
    order = fake.create_orders(1, other, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    body = {"decision": "APPROVE_REFUND"}
    assert code(decide(call, record.return_id, "approve", body)) == 25020005
