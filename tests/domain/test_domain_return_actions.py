"""The seller's pending after-sales answers: what, by when, what a miss does, most urgent first."""

from __future__ import annotations

from datetime import timedelta

import pytest

from return_samples import AT, request
from tiktokshop_sync.domain import (
    IfMissed,
    NaiveDatetimeError,
    ReturnKind,
    SellerNextAction,
    Urgency,
    latest_facts,
    pending_actions,
)


def test_a_pending_refund_request_is_an_answer_due_by_tiktoks_deadline() -> None:
    [action] = pending_actions([request()])
    assert action.action == "SELLER_RESPOND_REFUND"
    assert action.deadline == AT + timedelta(hours=36)
    assert action.return_kind is ReturnKind.REFUND
    assert action.inferred is False
    assert action.if_missed is IfMissed.TIKTOK_APPROVES


def test_answers_come_overdue_first_then_soonest_then_without_a_deadline() -> None:
    later = request("4035000000000000001", deadline=AT + timedelta(days=2))
    overdue = request("4035000000000000002", deadline=AT - timedelta(hours=1))
    soon = request("4035000000000000003", deadline=AT + timedelta(hours=3))
    undated = request("4035000000000000004", deadline=None)
    more_overdue = request("4035000000000000005", deadline=AT - timedelta(days=1))
    actions = pending_actions([later, overdue, soon, undated, more_overdue])
    assert [a.return_id[-1] for a in actions] == ["5", "2", "3", "1", "4"]
    assert [a.urgency(AT) for a in actions] == [
        Urgency.OVERDUE,
        Urgency.OVERDUE,
        Urgency.DUE_SOON,
        Urgency.LATER,
        Urgency.NO_DEADLINE,
    ]


def test_without_a_listed_action_the_status_says_which_answer_is_due_without_a_deadline() -> None:
    shipped = request(kind="RETURN_AND_REFUND", status="BUYER_SHIPPED_ITEM", next_actions=())
    [action] = pending_actions([shipped])
    assert action.action == "SELLER_RESPOND_RECEIVE_PACKAGE"
    assert action.inferred is True
    assert action.deadline is None
    assert action.if_missed is IfMissed.TIKTOK_ACCEPTS_PACKAGE


def test_a_pending_replacement_needs_the_replacement_answer() -> None:
    replacement = request(kind="REPLACEMENT", status="REPLACEMENT_REQUEST_PENDING", deadline=None)
    [action] = pending_actions([replacement])
    assert action.action == "SELLER_RESPOND_REPLACEMENT"


@pytest.mark.parametrize(
    "status",
    [
        "RETURN_OR_REFUND_REQUEST_COMPLETE",
        "RETURN_OR_REFUND_REQUEST_CANCEL",
        "REPLACEMENT_REQUEST_COMPLETE",
        "REPLACEMENT_REQUEST_CANCEL",
        "REPLACEMENT_REQUEST_REFUND_SUCCESS",
    ],
)
def test_a_request_that_is_over_has_no_answer_due_even_if_tiktok_still_lists_one(
    status: str,
) -> None:
    stale = (SellerNextAction(action="SELLER_RESPOND_REFUND", deadline=AT),)
    assert pending_actions([request(status=status, next_actions=stale)]) == ()


def test_a_request_waiting_for_the_buyer_has_no_answer_due() -> None:
    assert pending_actions([request(status="AWAITING_BUYER_RESPONSE")]) == ()
    assert pending_actions([request(status="AWAITING_BUYER_SHIP")]) == ()


def test_only_the_newest_snapshot_of_a_request_counts() -> None:
    old = request(updated_at=AT - timedelta(hours=5))
    done = request(status="RETURN_OR_REFUND_REQUEST_COMPLETE")
    assert pending_actions([done, old]) == ()
    assert latest_facts([old, done, old]) == (done,)


def test_an_unknown_action_is_listed_with_an_unknown_outcome() -> None:
    odd = (SellerNextAction(action="SELLER_RESPOND_SOMETHING_NEW", deadline=AT),)
    [action] = pending_actions([request(next_actions=odd)])
    assert action.if_missed is IfMissed.UNKNOWN
    assert "SELLER_RESPOND_SOMETHING_NEW" in action.describe(AT)


def test_the_description_gives_the_deadline_in_japan_time_and_what_a_miss_does() -> None:
    [action] = pending_actions([request(deadline=AT + timedelta(hours=5, minutes=30))])
    assert action.describe(AT, "ja") == (
        "返金リクエスト 4035000000000000001（注文 576100000000000001）: 返金の承認・却下。"
        "期限 2025-09-10 15:30 JST（残り5時間30分）。"
        "期限を過ぎるとTikTokが購入者の申請を自動承認します"
    )
    assert action.describe(AT) == (
        "refund request 4035000000000000001 (order 576100000000000001): approve or reject the "
        "refund; by 2025-09-10 15:30 JST, 5 h 30 min left; past the deadline TikTok approves "
        "the buyer's request"
    )


def test_an_overdue_answer_says_how_long_ago_it_was_due() -> None:
    [action] = pending_actions([request(deadline=AT - timedelta(days=1, hours=2))])
    assert "（1日2時間超過）" in action.describe(AT, "ja")
    assert "was due 2025-09-09 08:00 JST, 1 d 2 h ago" in action.describe(AT)


def test_the_time_left_is_refused_for_a_naive_now() -> None:
    [action] = pending_actions([request()])
    with pytest.raises(NaiveDatetimeError):
        action.time_left(AT.replace(tzinfo=None))


def test_due_soon_is_within_a_day_unless_told_otherwise() -> None:
    [action] = pending_actions([request(deadline=AT + timedelta(hours=30))])
    assert action.urgency(AT) is Urgency.LATER
    assert action.urgency(AT, soon=timedelta(hours=48)) is Urgency.DUE_SOON
    assert action.urgency(AT + timedelta(hours=30)) is Urgency.OVERDUE


def test_anything_but_return_facts_is_refused() -> None:
    with pytest.raises(TypeError, match="ReturnFacts"):
        pending_actions([{"return_id": "1"}])  # type: ignore[list-item]
