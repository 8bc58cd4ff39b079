"""TikTok's returns become after-sales facts: tested on the official examples and a JP return."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from tiktokshop_sync.domain import (
    IfMissed,
    LeaveReason,
    LeaveToSeller,
    ReturnEventKind,
    ReturnKind,
    ReturnPolicy,
    pending_actions,
    plan_return_decisions,
    return_changes,
)
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.aftersales import RefundCalculation
from tiktokshop_sync.types.returns import Return
from tiktokshop_sync.workflows import returns_translate as translate

CONTRACT = Path(__file__).parents[1] / "contract"
D = Decimal


def _official_return() -> Return:
    raw = json.loads(
        (CONTRACT / "fixtures/return-and-refund/search-returns-202309.json").read_text("utf-8")
    )
    with strict_models():
        return Return.model_validate(raw["response"]["data"]["return_orders"][0])


def _japanese_return(**changes: Any) -> Return:
    """A JP return-and-refund the buyer shipped back, as Search Returns would send it."""
    wire: dict[str, Any] = {
        "return_id": "4035700000000000001",
        "order_id": "576100000000000001",
        "return_type": "RETURN_AND_REFUND",
        "return_status": "BUYER_SHIPPED_ITEM",
        "role": "BUYER",
        "return_reason": "ecom_order_delivered_refund_and_return_reason_wrong_size",
        "return_reason_text": "サイズが合わない（山田花子）",
        "return_method": "BUYER_SHIPPED",
        "return_tracking_number": "491234567890",
        "return_provider_name": "ヤマト運輸",
        "can_buyer_keep_item": False,
        "create_time": 1757390400,
        "update_time": 1757476800,
        "seller_next_action_response": [
            {"action": "SELLER_RESPOND_RECEIVE_PACKAGE", "deadline": 1758168000}
        ],
        "refund_amount": {
            "currency": "JPY",
            "refund_total": "2980",
            "refund_subtotal": "2480",
            "refund_shipping_fee": "500",
            "refund_tax": "0",
        },
        "discount_amount": [
            {"currency": "JPY", "product_platform_discount": "300", "product_seller_discount": "0"}
        ],
        "return_line_items": [
            {
                "return_line_item_id": "4035710000000000001",
                "order_line_item_id": "577000000000000001",
                "sku_id": "1729000000000000001",
                "seller_sku": "TS-TEE-BLK-M",
                "refund_amount": {"currency": "JPY", "refund_total": "2980"},
            }
        ],
    }
    with strict_models():
        return Return.model_validate({**wire, **changes})


def test_the_official_return_keeps_tiktoks_codes_ids_and_times() -> None:
    facts = translate.return_facts(_official_return())
    assert (facts.return_id, facts.order_id) == ("4035318504086604100", "577686530908261117")
    assert facts.kind is ReturnKind.REFUND
    assert facts.status == "RETURN_OR_REFUND_REQUEST_PENDING"
    assert facts.arbitration_status == "IN_PROGRESS"
    assert facts.role == "BUYER"
    assert facts.created_at == datetime(2023, 7, 27, 9, 45, 36, tzinfo=timezone.utc)
    assert facts.buyer_keeps_item is True
    assert facts.return_method == "SELLER_ARRANGE"
    assert (facts.return_tracking_number, facts.return_carrier) == (
        "213456789098765433456",
        "J&T Express",
    )


def test_the_official_refund_keeps_every_amount_and_the_discounts_it_takes_back() -> None:
    facts = translate.return_facts(_official_return())
    refund = facts.refund
    assert refund is not None
    assert refund.currency == "USD"
    assert (refund.total, refund.subtotal, refund.shipping, refund.tax) == (
        D("1.23"),
        D("1"),
        D("0.2"),
        D("0.03"),
    )
    assert (refund.platform_discount, refund.seller_discount) == (D("0.1"), D("0.1"))
    [line] = facts.lines
    assert (line.order_line_item_id, line.seller_sku) == ("576473917261451851", "PUTIH 1 TALI")
    assert line.refund is not None and line.refund.total == D("1.23")


def test_the_official_partial_refund_offer_and_the_buyers_refusal_are_kept() -> None:
    facts = translate.return_facts(_official_return())
    assert facts.seller_proposed == "PARTIAL_REFUND"
    assert (facts.partial_refund, facts.partial_refund_currency) == (D("10"), "IDR")
    assert facts.buyer_rejected_partial_refund is True
    assert facts.partial_refund_accepted is False


def test_the_official_return_is_a_pending_refund_in_arbitration_due_by_its_deadline() -> None:
    facts = translate.return_facts(_official_return())
    kinds = [e.kind for e in return_changes(None, facts).events]
    assert kinds == [ReturnEventKind.REQUESTED, ReturnEventKind.ARBITRATION_OPENED]
    [action] = pending_actions([facts])
    assert action.action == "SELLER_RESPOND_REFUND"
    assert action.deadline == datetime.fromtimestamp(1690554680, tz=timezone.utc)
    assert action.if_missed is IfMissed.TIKTOK_APPROVES
    [decision] = plan_return_decisions(
        [facts], ReturnPolicy(currency="USD", auto_approve_refunds_under=100)
    ).decisions
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.IN_ARBITRATION


def test_the_buyers_reason_is_kept_but_never_shown() -> None:
    facts = translate.return_facts(_japanese_return())
    assert facts.reason_text == "サイズが合わない（山田花子）"
    assert "山田花子" not in repr(facts)
    assert "wrong_size" not in repr(facts)


def test_a_japanese_return_shipped_back_waits_for_the_sellers_inspection() -> None:
    facts = translate.return_facts(_japanese_return())
    events = return_changes(None, facts).events
    assert [e.kind for e in events] == [
        ReturnEventKind.REQUESTED,
        ReturnEventKind.APPROVED,
        ReturnEventKind.ITEM_SHIPPED_BACK,
    ]
    assert events[-1].describe("ja") == (
        "返品・返金リクエスト 4035700000000000001（注文 576100000000000001）: "
        "購入者が返送済み（追跡番号 491234567890）"
    )
    [action] = pending_actions([facts])
    assert action.if_missed is IfMissed.TIKTOK_ACCEPTS_PACKAGE
    assert "期限 2025-09-18 13:00 JST" in action.describe(facts.updated_at, "ja")  # type: ignore[arg-type]


def test_a_japanese_refund_takes_back_tiktoks_discount_in_yen() -> None:
    refund = translate.return_facts(_japanese_return()).refund
    assert refund is not None
    assert (refund.currency, refund.subtotal, refund.platform_discount) == ("JPY", D(2480), D(300))


def test_a_discount_in_another_currency_is_not_added_to_the_refund() -> None:
    mixed = _japanese_return(
        discount_amount=[
            {"currency": "JPY", "product_platform_discount": "300"},
            {"currency": "USD", "product_platform_discount": "2"},
        ]
    )
    refund = translate.return_facts(mixed).refund
    assert refund is not None and refund.platform_discount == D(300)


def test_a_status_and_type_this_version_does_not_know_flow_through_as_sent() -> None:
    odd = _raw_lenient(return_type="EXCHANGE", return_status="EXCHANGE_REQUEST_PENDING")
    facts = translate.return_facts(odd)
    assert (facts.return_type, facts.status) == ("EXCHANGE", "EXCHANGE_REQUEST_PENDING")
    assert facts.kind is ReturnKind.OTHER
    changes = return_changes(None, facts)
    assert changes.status_known is False


def _raw_lenient(**changes: Any) -> Return:
    """The JP return with ``changes``, read leniently as a host's client reads it."""
    raw = {**_japanese_return().model_dump(mode="json", exclude_none=True), **changes}
    with strict_models(False):
        return Return.model_validate(raw)


def test_a_next_action_without_an_action_code_is_left_out() -> None:
    blank = _japanese_return(seller_next_action_response=[{"deadline": 1758168000}])
    assert translate.return_facts(blank).next_actions == ()


def test_a_page_translates_return_by_return() -> None:
    facts = translate.return_facts_many([_official_return(), _japanese_return()])
    assert [f.return_id for f in facts] == ["4035318504086604100", "4035700000000000001"]


def test_the_official_refund_calculation_is_a_refund_amount() -> None:
    raw = json.loads(
        (CONTRACT / "fixtures/return-and-refund/calculate-refund-202309.json").read_text("utf-8")
    )
    with strict_models():
        calculation = RefundCalculation.model_validate(raw["response"]["data"])
    refund = translate.calculated_refund(calculation)
    assert refund is not None
    assert (refund.currency, refund.total, refund.subtotal) == ("USD", D("1.23"), D("1"))
    assert translate.calculated_refund(RefundCalculation()) is None
