"""Approval plans: common after-sales rules as decisions the host applies, never calls."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from return_samples import AT, refund, request
from tiktokshop_sync.domain import (
    Approve,
    DomainConfigError,
    LeaveReason,
    LeaveToSeller,
    OfferPartialRefund,
    ReturnPolicy,
    SellerDecision,
    SellerNextAction,
    plan_return_decisions,
)

UNDER_3000 = ReturnPolicy(auto_approve_refunds_under=3000)


def _only(plan_input: list, policy: ReturnPolicy | None = None) -> object:  # type: ignore[type-arg]
    [decision] = plan_return_decisions(plan_input, policy).decisions
    return decision


def test_by_default_every_request_is_left_to_the_seller() -> None:
    decision = _only([request(amount=100)])
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.POLICY_OFF


def test_a_refund_only_request_under_the_limit_is_approved_with_a_stable_key() -> None:
    decision = _only([request(amount=2999)], UNDER_3000)
    assert isinstance(decision, Approve)
    assert decision.decision is SellerDecision.APPROVE_REFUND
    assert decision.decision.value == "APPROVE_REFUND"  # Approve Return's decision value
    assert (decision.refund, decision.currency) == (Decimal(2999), "JPY")
    assert decision.idempotency_key == "tiktokshop-sync:4035000000000000001:APPROVE_REFUND"
    assert decision.deadline == AT + timedelta(hours=36)
    assert decision.why == "refund only, under 3,000 JPY"


def test_a_refund_at_the_limit_is_left_to_the_seller() -> None:
    decision = _only([request(amount=3000)], UNDER_3000)
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.OVER_LIMIT


def test_a_return_whose_goods_come_back_is_never_approved_automatically() -> None:
    decision = _only([request(kind="RETURN_AND_REFUND", amount=100)], UNDER_3000)
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.ITEM_MUST_COME_BACK


def test_the_returned_goods_are_always_inspected_by_the_seller() -> None:
    shipped = request(
        kind="RETURN_AND_REFUND",
        status="BUYER_SHIPPED_ITEM",
        amount=100,
        next_actions=(SellerNextAction(action="SELLER_RESPOND_RECEIVE_PACKAGE", deadline=AT),),
    )
    decision = _only([shipped], UNDER_3000)
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.INSPECT_RETURNED_ITEM


def test_a_replacement_is_left_to_the_seller() -> None:
    replacement = request(kind="REPLACEMENT", status="REPLACEMENT_REQUEST_PENDING", amount=100)
    decision = _only([replacement], UNDER_3000)
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.REPLACEMENT


def test_a_request_in_arbitration_is_left_to_the_seller() -> None:
    decision = _only([request(amount=100, arbitration_status="IN_PROGRESS")], UNDER_3000)
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.IN_ARBITRATION


def test_a_refund_without_an_amount_or_in_another_currency_is_left_to_the_seller() -> None:
    unknown = _only([request(amount=None)], UNDER_3000)
    dollars = _only([request(refund=refund(10, currency="USD"))], UNDER_3000)
    assert isinstance(unknown, LeaveToSeller) and isinstance(dollars, LeaveToSeller)
    assert unknown.reason is LeaveReason.AMOUNT_UNKNOWN
    assert dollars.reason is LeaveReason.OTHER_CURRENCY


def test_a_refund_request_whose_goods_must_come_back_is_not_approved() -> None:
    # A refund answer asked on a return the buyer must send back: the goods rule wins.
    odd = request(
        kind="RETURN_AND_REFUND",
        amount=100,
        next_actions=(SellerNextAction(action="SELLER_RESPOND_REFUND", deadline=AT),),
    )
    decision = _only([odd], UNDER_3000)
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.ITEM_MUST_COME_BACK


def test_an_unknown_answer_is_left_to_the_seller() -> None:
    odd = (SellerNextAction(action="SELLER_RESPOND_SOMETHING_NEW", deadline=AT),)
    decision = _only([request(amount=100, next_actions=odd)], UNDER_3000)
    assert isinstance(decision, LeaveToSeller)
    assert decision.reason is LeaveReason.UNKNOWN_ACTION


def test_no_plan_ever_rejects() -> None:
    policy = ReturnPolicy(
        auto_approve_refunds_under=3000, partial_refund_percent=30, partial_refund_under=5000
    )
    returns = [
        request(f"40350000000000000{n:02d}", kind=kind, amount=amount)
        for n, (kind, amount) in enumerate(
            [(k, a) for k in ("REFUND", "RETURN_AND_REFUND", "REPLACEMENT") for a in (1, 10**6)]
        )
    ]
    plan = plan_return_decisions(returns, policy)
    assert len(plan.decisions) == len(returns)
    assert {type(d) for d in plan.decisions} <= {Approve, OfferPartialRefund, LeaveToSeller}
    assert not any("REJECT" in str(getattr(d, "decision", "")) for d in plan.decisions)


PARTIAL = ReturnPolicy(partial_refund_percent=30, partial_refund_under=5000)


def test_a_cheap_return_gets_a_partial_refund_offer_only_when_configured() -> None:
    cheap = request(kind="RETURN_AND_REFUND", amount=1999)
    assert isinstance(_only([cheap], UNDER_3000), LeaveToSeller)
    offer = _only([cheap], PARTIAL)
    assert isinstance(offer, OfferPartialRefund)
    assert (offer.amount, offer.of_refund, offer.currency) == (Decimal(599), Decimal(1999), "JPY")
    assert offer.decision.value == "OFFER_PARTIAL_REFUND"
    assert offer.idempotency_key.endswith(":OFFER_PARTIAL_REFUND")


def test_no_partial_refund_is_offered_at_or_over_its_limit_or_after_the_buyer_declined() -> None:
    dear = _only([request(kind="RETURN_AND_REFUND", amount=5000)], PARTIAL)
    declined = _only(
        [request(kind="RETURN_AND_REFUND", amount=100, buyer_rejected_partial_refund=True)],
        PARTIAL,
    )
    tiny = _only([request(kind="RETURN_AND_REFUND", amount=3)], PARTIAL)
    assert isinstance(dear, LeaveToSeller) and dear.reason is LeaveReason.ITEM_MUST_COME_BACK
    assert isinstance(declined, LeaveToSeller)
    assert declined.reason is LeaveReason.OFFER_DECLINED
    assert isinstance(tiny, LeaveToSeller) and tiny.reason is LeaveReason.OFFER_ROUNDS_TO_ZERO


def test_the_plan_lists_the_most_urgent_first_and_describes_itself_in_both_languages() -> None:
    soon = request("4035000000000000001", amount=500, deadline=AT + timedelta(hours=2))
    overdue = request(
        "4035000000000000002", kind="RETURN_AND_REFUND", deadline=AT - timedelta(hours=2)
    )
    plan = plan_return_decisions([soon, overdue], UNDER_3000)
    assert [d.return_id for d in plan.decisions] == ["4035000000000000002", "4035000000000000001"]
    assert plan.approvals == (plan.decisions[1],)
    assert plan.left_to_seller == (plan.decisions[0],)
    assert plan.describe().splitlines()[0] == (
        "1 to approve, 0 partial refund(s) to offer, 1 left to the seller"
    )
    assert plan.describe("ja").splitlines() == [
        "承認 1件、部分返金の提案 0件、手動対応 1件",
        "  返品・返金リクエスト 4035000000000000002（注文 576100000000000001）: "
        "手動対応（商品の返送が必要なため自動承認しません。返品の承認・却下）",
        "  返金リクエスト 4035000000000000001（注文 576100000000000001）: "
        "500 JPY の返金を承認（返金のみ・3,000 JPY未満）",
    ]


def test_a_plan_needs_a_return_policy() -> None:
    with pytest.raises(TypeError, match="ReturnPolicy"):
        plan_return_decisions([], policy={"auto_approve_refunds_under": 3000})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"auto_approve_refunds_under": 3000.0}, "write 3000"),
        ({"auto_approve_refunds_under": Decimal("2999.5")}, "whole number of JPY"),
        ({"auto_approve_refunds_under": 0}, "from 1 to"),
        ({"auto_approve_refunds_under": True}, "auto_approve_refunds_under"),
        ({"partial_refund_percent": 0.3, "partial_refund_under": 2000}, "for 30 % write 30"),
        ({"partial_refund_percent": 100, "partial_refund_under": 2000}, "from 1 to 99"),
        ({"partial_refund_percent": 30}, "set both"),
        ({"partial_refund_under": 2000}, "set both"),
        ({"currency": "yen"}, "ISO 4217"),
    ],
)
def test_a_careless_policy_is_refused_with_a_message_that_says_what_to_write(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainConfigError, match=message):
        ReturnPolicy(**changes)  # type: ignore[arg-type]
