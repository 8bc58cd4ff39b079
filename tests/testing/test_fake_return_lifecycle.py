"""Returns, refunds and replacements move through TikTok's statuses, and deadlines expire.

The seller answers over the API; the buyer, the carrier and TikTok's staff through the facade;
and when an answer the seller owes is late, TikTok decides: a request is approved, a parcel
sent back is accepted and refunded. Every change of status is a type-12 webhook.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest

from tiktokshop_sync.testing import FakeReturn, FakeShop

Call = Callable[..., httpx.Response]
SEARCH = "/return_refund/202309/returns/search"
PENDING = "RETURN_OR_REFUND_REQUEST_PENDING"
SUCCESS = "RETURN_OR_REFUND_REQUEST_SUCCESS"
COMPLETE = "RETURN_OR_REFUND_REQUEST_COMPLETE"


@pytest.fixture
def fake() -> FakeShop:
    """A fake whose tokens outlive the weeks these tests let pass."""
    return FakeShop(seed=7, access_token_ttl=timedelta(days=365))


def data(response: httpx.Response) -> Any:
    payload = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def code(response: httpx.Response) -> int:
    value: int = response.json()["code"]
    return value


def request(fake: FakeShop, return_type: str = "REFUND") -> FakeReturn:
    order = fake.create_orders(1, status="DELIVERED")[0]
    return fake.request_return(order.id, return_type=return_type)


def decide(call: Call, return_id: str, action: str, body: dict[str, Any]) -> httpx.Response:
    return call("POST", f"/return_refund/202309/returns/{return_id}/{action}", body=body)


def wire(call: Call, return_id: str, locale: str | None = None) -> Any:
    body: dict[str, Any] = {"return_ids": [return_id]}
    if locale:
        body["locale"] = locale
    [found] = data(call("POST", SEARCH, query={"page_size": "10"}, body=body))["return_orders"]
    return found


# --- TikTok decides when the seller does not ------------------------------------------------


def test_a_refund_request_left_unanswered_is_approved_at_its_deadline_then_paid(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake)
    [action] = wire(call, record.return_id)["seller_next_action_response"]
    assert action["action"] == "SELLER_RESPOND_REFUND"
    fake.clock.advance(hours=47)
    assert wire(call, record.return_id)["return_status"] == PENDING
    fake.clock.advance(hours=1, minutes=30)
    found = wire(call, record.return_id)
    assert found["return_status"] == SUCCESS
    assert found["update_time"] == action["deadline"]
    assert "seller_next_action_response" not in found
    fake.clock.advance(hours=1)
    assert wire(call, record.return_id)["return_status"] == COMPLETE


def test_a_return_left_unanswered_waits_for_the_parcel_and_closes_when_none_comes(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake, "RETURN_AND_REFUND")
    fake.clock.advance(days=3)
    assert record.status == "RETURN_OR_REFUND_REQUEST_PENDING"  # the record, before a tick
    assert wire(call, record.return_id)["return_status"] == "AWAITING_BUYER_SHIP"
    fake.clock.advance(days=7)
    found = wire(call, record.return_id)
    assert found["return_status"] == "RETURN_OR_REFUND_REQUEST_CANCEL"
    steps = [step.step for step in record.history]
    assert steps == ["requested:RETURN_AND_REFUND", "auto_approved", "closed_not_shipped"]


def test_a_parcel_the_seller_does_not_inspect_in_8_days_is_accepted_and_refunded(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake, "RETURN_AND_REFUND")
    data(decide(call, record.return_id, "approve", {"decision": "APPROVE_RETURN"}))
    fake.buyer_ships_back(record.return_id, tracking_number="491234567890")
    found = wire(call, record.return_id)
    [action] = found["seller_next_action_response"]
    assert action["action"] == "SELLER_RESPOND_RECEIVE_PACKAGE"
    assert action["deadline"] == found["update_time"] + 8 * 24 * 3600
    assert found["return_tracking_number"] == "491234567890"
    fake.clock.advance(days=9)
    assert wire(call, record.return_id)["return_status"] == COMPLETE
    assert [s.step for s in record.history][-2:] == ["auto_received", "refunded"]


def test_a_replacement_left_unanswered_is_approved_with_a_replacement_order(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake, "REPLACEMENT")
    fake.clock.advance(days=2, minutes=1)
    assert wire(call, record.return_id)["return_status"] == "REPLACEMENT_REQUEST_COMPLETE"
    made = fake.order(record.replacement_order_id)
    assert made.replaced_order_id == record.order_id


def test_an_answer_before_the_deadline_is_not_overruled(fake: FakeShop, call: Call) -> None:
    record = request(fake)
    body = {"decision": "REJECT_REFUND", "reject_reason": "seller_reject_apply_other"}
    data(decide(call, record.return_id, "reject", body))
    fake.clock.advance(days=30)
    assert wire(call, record.return_id)["return_status"] == "REFUND_OR_RETURN_REQUEST_REJECT"


def test_a_month_passing_at_once_applies_each_expiry_in_order(fake: FakeShop) -> None:
    refund, parcel = request(fake), request(fake, "RETURN_AND_REFUND")
    fake.clock.advance(days=30)
    fake.returns_of()  # any step of the world applies what fell due
    assert (refund.status, parcel.status) == (COMPLETE, "RETURN_OR_REFUND_REQUEST_CANCEL")
    times = [step.at for record in (refund, parcel) for step in record.history]
    assert times == sorted(times[:3]) + sorted(times[3:])


# --- the buyer, the seller in Seller Center, and TikTok's staff -------------------------------


def test_a_partial_refund_the_buyer_accepts_is_paid_and_the_buyer_keeps_the_goods(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake, "RETURN_AND_REFUND")
    offer = {"currency": "JPY", "amount": "300"}
    body = {"decision": "OFFER_PARTIAL_REFUND", "partial_refund": offer}
    data(decide(call, record.return_id, "approve", body))
    assert "seller_next_action_response" not in wire(call, record.return_id)
    fake.buyer_accepts_offer(record.return_id)
    found = wire(call, record.return_id)
    assert (found["return_status"], found["can_buyer_keep_item"]) == (SUCCESS, True)
    assert (found["partial_refund"], found["buyer_rejected_partial_refund"]) == (offer, False)


def test_a_declined_offer_puts_the_request_back_to_the_seller_who_may_not_offer_again(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake)
    offer = {
        "decision": "OFFER_PARTIAL_REFUND",
        "partial_refund": {"currency": "JPY", "amount": "1"},
    }
    data(decide(call, record.return_id, "approve", offer))
    fake.buyer_declines_offer(record.return_id)
    found = wire(call, record.return_id)
    assert (found["return_status"], found["buyer_rejected_partial_refund"]) == (PENDING, True)
    assert found["seller_next_action_response"][0]["action"] == "SELLER_RESPOND_REFUND"
    assert code(decide(call, record.return_id, "approve", offer)) == 25011032
    data(decide(call, record.return_id, "approve", {"decision": "APPROVE_REFUND"}))


def test_the_seller_inspects_a_parcel_in_seller_center(fake: FakeShop) -> None:
    kept, refused = request(fake, "RETURN_AND_REFUND"), request(fake, "RETURN_AND_REFUND")
    for record in (kept, refused):
        fake.set_return_status(record.return_id, "AWAITING_BUYER_SHIP")
        fake.buyer_ships_back(record.return_id)
    fake.seller_receives_return(kept.return_id)
    fake.seller_receives_return(refused.return_id, accept=False)
    assert (kept.status, refused.status) == (SUCCESS, "REJECT_RECEIVE_PACKAGE")


def test_a_buyer_may_withdraw_an_open_request_but_not_a_decided_one(fake: FakeShop) -> None:
    record = request(fake, "REPLACEMENT")
    fake.buyer_withdraws_return(record.return_id)
    assert record.status == "REPLACEMENT_REQUEST_CANCEL"
    with pytest.raises(ValueError, match="REPLACEMENT_REQUEST_CANCEL"):
        fake.buyer_withdraws_return(record.return_id)


def test_arbitration_for_the_buyer_refunds_a_rejected_request(fake: FakeShop, call: Call) -> None:
    record = request(fake)
    body = {"decision": "REJECT_REFUND", "reject_reason": "seller_reject_apply_other"}
    data(decide(call, record.return_id, "reject", body))
    fake.buyer_appeals(record.return_id)
    assert wire(call, record.return_id)["arbitration_status"] == "IN_PROGRESS"
    fake.arbitrate(record.return_id, "SUPPORT_BUYER")
    found = wire(call, record.return_id)
    assert (found["return_status"], found["arbitration_status"]) == (SUCCESS, "SUPPORT_BUYER")


def test_arbitration_for_the_seller_keeps_the_rejection(fake: FakeShop, call: Call) -> None:
    record = request(fake, "RETURN_AND_REFUND")
    body = {
        "decision": "REJECT_RETURN",
        "reject_reason": "seller_reject_apply_return_period_expired",
    }
    data(decide(call, record.return_id, "reject", body))
    fake.buyer_appeals(record.return_id)
    fake.arbitrate(record.return_id, "SUPPORT_SELLER")
    found = wire(call, record.return_id)
    assert found["return_status"] == "REFUND_OR_RETURN_REQUEST_REJECT"
    assert found["arbitration_status"] == "SUPPORT_SELLER"


def test_searches_filter_by_arbitration_and_by_the_sellers_offer(
    fake: FakeShop, call: Call
) -> None:
    disputed, offered, _plain = request(fake), request(fake), request(fake)
    reject = {"decision": "REJECT_REFUND", "reject_reason": "seller_reject_apply_other"}
    data(decide(call, disputed.return_id, "reject", reject))
    fake.buyer_appeals(disputed.return_id)
    offer = {"currency": "JPY", "amount": "100"}
    data(
        decide(
            call,
            offered.return_id,
            "approve",
            {"decision": "OFFER_PARTIAL_REFUND", "partial_refund": offer},
        )
    )

    def ids(body: dict[str, Any]) -> list[str]:
        found = data(call("POST", SEARCH, query={"page_size": "10"}, body=body))
        return [r["return_id"] for r in found["return_orders"]]

    assert ids({"arbitration_status": ["IN_PROGRESS"]}) == [disputed.return_id]
    assert ids({"seller_proposed_return_type": ["PARTIAL_REFUND"]}) == [offered.return_id]


# --- webhooks -------------------------------------------------------------------------------


def test_each_status_change_is_a_type_12_webhook_and_arbitration_alone_is_none(
    fake: FakeShop, call: Call
) -> None:
    bodies: list[dict[str, Any]] = []
    fake.deliver_webhooks_to(lambda _headers, body: bodies.append(json.loads(body)))
    record = request(fake)
    fake.clock.advance(days=3)  # TikTok approves, then pays
    fake.returns_of()
    statuses = [b["data"]["return_status"] for b in bodies if b["type"] == 12]
    assert statuses == [PENDING, SUCCESS, COMPLETE]
    assert {b["data"]["return_id"] for b in bodies if b["type"] == 12} == {record.return_id}
    other = request(fake)
    reject = {"decision": "REJECT_REFUND", "reject_reason": "seller_reject_apply_other"}
    data(decide(call, other.return_id, "reject", reject))
    before = len(bodies)
    fake.buyer_appeals(other.return_id)
    assert len(bodies) == before


# --- the look-ups -----------------------------------------------------------------------------


def test_reject_reasons_fit_the_answer_owed_and_come_in_the_language_asked(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake, "RETURN_AND_REFUND")
    path = "/return_refund/202309/reject_reasons"

    def reasons(locale: str) -> list[dict[str, str]]:
        query = {"return_or_cancel_id": record.return_id, "locale": locale}
        found: list[dict[str, str]] = data(call("GET", path, query=query))["reasons"]
        return found

    ja, en = reasons("ja-JP"), reasons("en-US")
    assert [r["name"] for r in ja] == [r["name"] for r in en]
    assert "seller_reject_apply_return_period_expired" in [r["name"] for r in ja]
    assert {r["name"]: r["text"] for r in ja}["seller_reject_apply_other"] == "その他"
    assert {r["name"]: r["text"] for r in en}["seller_reject_apply_other"] == "Other"
    fake.buyer_withdraws_return(record.return_id)
    assert reasons("ja-JP") == []


def test_a_reject_reason_of_another_answer_or_unknown_is_refused(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake)
    wrong = {
        "decision": "REJECT_REFUND",
        "reject_reason": "seller_reject_apply_returned_item_damaged",
    }
    unknown = {"decision": "REJECT_REFUND", "reject_reason": "seller_reject_because"}
    assert code(decide(call, record.return_id, "reject", wrong)) == 25001016
    assert code(decide(call, record.return_id, "reject", unknown)) == 25001014
    assert record.status == PENDING


def test_return_records_tell_the_history_with_the_sellers_comment(
    fake: FakeShop, call: Call
) -> None:
    record = request(fake)
    body = {
        "decision": "REJECT_REFUND",
        "reject_reason": "seller_reject_apply_other",
        "comment": "写真では破損が確認できません",
    }
    data(decide(call, record.return_id, "reject", body))
    path = f"/return_refund/202309/returns/{record.return_id}/records"
    records = data(call("GET", path, query={"locale": "ja-JP"}))["records"]
    assert [(r["role"], r["description"]) for r in records] == [
        ("BUYER", "購入者が返金を申請しました"),
        ("SELLER", "出品者が申請を却下しました"),
    ]
    assert records[0]["reason_text"] == "注文と異なる商品" and records[0]["images"]
    assert records[1]["note"] == "写真では破損が確認できません"
    assert code(call("GET", "/return_refund/202309/returns/4035000000000000000/records")) == (
        36009004
    )


def test_eligibility_follows_the_order_and_the_requests_on_it(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED", items=[("TS-TEE-BLK-M", 2)])[0]
    first, second = (item.id for item in order.line_items)
    fake.request_return(order.id, return_type="REFUND", line_item_ids=[first])
    path = f"/return_refund/202309/orders/{order.id}/aftersale_eligibility"
    [sku] = data(call("GET", path))["sku_eligibility"]
    verdicts = {
        (e["request_type"], tuple(e["order_line_items_ids"])): (
            e["eligible"],
            e.get("ineligible_code"),
        )
        for e in sku["line_item_eligibility"]
    }
    assert verdicts[("REFUND", (second,))] == (True, None)
    assert verdicts[("REFUND", (first,))] == (False, 25001011)
    assert verdicts[("CANCEL", (second,))] == (False, 25001001)


def test_calculate_refund_prices_the_items_and_a_whole_cancel_adds_shipping(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    path = "/return_refund/202309/refunds/calculate"
    body = {"order_id": order.id, "request_type": "CANCEL", "reason_name": "r"}
    amount = data(call("POST", path, body=body))["order_refund_amount"]
    assert int(amount["refund_subtotal"]) == order.sub_total
    assert int(amount["refund_total"]) == order.sub_total + order.shipping_fee
    unknown = {**body, "order_id": "576000000000000000"}
    assert code(call("POST", path, body=unknown)) == 25007006
    assert fake.returns_of() == [] and fake.cancellations_of() == []
