"""After-sales events: each step of a request reaches the OMS once, whatever TikTok's order."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import attrs
import pytest

from return_samples import AT, request
from spec_oracle import SPEC_ROOT, find, require_spec
from tiktokshop_sync.domain import (
    STATUS_EVENTS,
    NaiveDatetimeError,
    ReturnEventKind,
    ReturnKind,
    ReturnState,
    SellerNextAction,
    event_key,
    implied_events,
    return_changes,
)
from tiktokshop_sync.types.statuses import ReturnStatus

E = ReturnEventKind
RID = "4035000000000000001"


def _kinds(state: ReturnState | None, **changes: object) -> list[ReturnEventKind]:
    return [e.kind for e in return_changes(state, request(**changes)).events]  # type: ignore[arg-type]


def test_a_new_refund_request_is_one_requested_event_keyed_by_return_and_step() -> None:
    changes = return_changes(None, request())
    [event] = changes.events
    assert event.kind is E.REQUESTED
    assert event.key == f"return:{RID}:requested" == event_key(RID, E.REQUESTED)
    assert (event.return_id, event.order_id) == (RID, "576100000000000001")
    assert event.return_kind is ReturnKind.REFUND
    assert event.at == AT - timedelta(hours=2)  # the request's creation
    assert changes.state.delivered == {E.REQUESTED}
    assert changes.state.status == "RETURN_OR_REFUND_REQUEST_PENDING"


def test_the_same_facts_again_give_no_event() -> None:
    first = return_changes(None, request())
    again = return_changes(first.state, request())
    assert again.events == ()
    assert again.state == first.state


def test_a_refund_completed_between_two_polls_delivers_approved_and_refunded() -> None:
    first = return_changes(None, request())
    done = return_changes(first.state, request(status="RETURN_OR_REFUND_REQUEST_COMPLETE"))
    assert [e.kind for e in done.events] == [E.APPROVED, E.REFUNDED]
    assert [e.at for e in done.events] == [AT, AT]


def test_a_completed_return_first_seen_done_delivers_every_step_it_implies_in_order() -> None:
    kinds = _kinds(None, kind="RETURN_AND_REFUND", status="RETURN_OR_REFUND_REQUEST_COMPLETE")
    assert kinds == [
        E.REQUESTED,
        E.APPROVED,
        E.ITEM_SHIPPED_BACK,
        E.ITEM_RECEIVED,
        E.REFUNDED,
    ]


def test_a_refund_only_request_never_reports_goods_coming_back() -> None:
    kinds = _kinds(None, kind="REFUND", status="RETURN_OR_REFUND_REQUEST_COMPLETE")
    assert E.ITEM_RECEIVED not in kinds and E.ITEM_SHIPPED_BACK not in kinds


def test_a_return_the_buyer_keeps_is_refunded_without_goods_received() -> None:
    kinds = _kinds(
        None,
        kind="RETURN_AND_REFUND",
        status="RETURN_OR_REFUND_REQUEST_COMPLETE",
        buyer_keeps_item=True,
    )
    assert kinds == [E.REQUESTED, E.APPROVED, E.REFUNDED]


def test_a_speedy_refund_still_awaiting_the_package_check_is_not_goods_received() -> None:
    waiting = (SellerNextAction(action="SELLER_RESPOND_RECEIVE_PACKAGE", deadline=AT),)
    kinds = _kinds(
        None,
        kind="RETURN_AND_REFUND",
        status="RETURN_OR_REFUND_REQUEST_SUCCESS",
        next_actions=waiting,
    )
    assert E.ITEM_RECEIVED not in kinds


def test_goods_shipped_back_then_refused_after_inspection() -> None:
    approved = return_changes(None, request(kind="RETURN_AND_REFUND", status="AWAITING_BUYER_SHIP"))
    assert [e.kind for e in approved.events] == [E.REQUESTED, E.APPROVED]
    shipped = return_changes(
        approved.state,
        request(
            kind="RETURN_AND_REFUND",
            status="BUYER_SHIPPED_ITEM",
            return_tracking_number="4912-0000-0001",
            updated_at=AT + timedelta(days=2),
        ),
    )
    [event] = shipped.events
    assert event.kind is E.ITEM_SHIPPED_BACK
    assert event.facts.return_tracking_number == "4912-0000-0001"
    refused = return_changes(
        shipped.state,
        request(
            kind="RETURN_AND_REFUND",
            status="REJECT_RECEIVE_PACKAGE",
            updated_at=AT + timedelta(days=4),
        ),
    )
    assert [e.kind for e in refused.events] == [E.ITEM_RECEIVED, E.PACKAGE_REJECTED]


def test_a_rejection_overturned_by_arbitration_delivers_each_step_once() -> None:
    rejected = return_changes(None, request(status="REFUND_OR_RETURN_REQUEST_REJECT"))
    assert [e.kind for e in rejected.events] == [E.REQUESTED, E.REJECTED]
    disputed = return_changes(
        rejected.state,
        request(status="REFUND_OR_RETURN_REQUEST_REJECT", arbitration_status="IN_PROGRESS"),
    )
    assert [e.kind for e in disputed.events] == [E.ARBITRATION_OPENED]
    decided = return_changes(
        disputed.state,
        request(
            status="RETURN_OR_REFUND_REQUEST_COMPLETE",
            arbitration_status="SUPPORT_BUYER",
            updated_at=AT + timedelta(days=3),
        ),
    )
    assert [e.kind for e in decided.events] == [E.ARBITRATION_CLOSED, E.APPROVED, E.REFUNDED]
    assert "SUPPORT_BUYER" in decided.events[0].describe()


def test_a_dispute_of_refused_goods_comes_after_the_refusal_when_a_run_missed_them() -> None:
    pending = return_changes(None, request(kind="RETURN_AND_REFUND"))
    appealed = return_changes(
        pending.state,
        request(
            kind="RETURN_AND_REFUND",
            status="REJECT_RECEIVE_PACKAGE",
            arbitration_status="IN_PROGRESS",
            updated_at=AT + timedelta(days=5),
        ),
    )
    assert [e.kind for e in appealed.events] == [
        E.APPROVED,
        E.ITEM_SHIPPED_BACK,
        E.ITEM_RECEIVED,
        E.PACKAGE_REJECTED,
        E.ARBITRATION_OPENED,
    ]


@pytest.mark.parametrize(
    ("status", "steps"),
    [
        ("REPLACEMENT_REQUEST_PENDING", [E.REQUESTED]),
        ("REPLACEMENT_REQUEST_COMPLETE", [E.REQUESTED, E.APPROVED]),
        ("REPLACEMENT_REQUEST_REJECT", [E.REQUESTED, E.REJECTED]),
        ("REPLACEMENT_REQUEST_CANCEL", [E.REQUESTED, E.CANCELLED]),
        ("REPLACEMENT_REQUEST_REFUND_SUCCESS", [E.REQUESTED, E.REFUNDED]),
    ],
)
def test_replacement_statuses_give_replacement_steps(
    status: str, steps: list[ReturnEventKind]
) -> None:
    changes = return_changes(None, request(kind="REPLACEMENT", status=status))
    assert [e.kind for e in changes.events] == steps
    assert {e.return_kind for e in changes.events} == {ReturnKind.REPLACEMENT}


def test_a_replacement_resolved_by_refund_is_refunded_not_approved() -> None:
    kinds = _kinds(None, kind="REPLACEMENT", status="REPLACEMENT_REQUEST_REFUND_SUCCESS")
    assert E.APPROVED not in kinds


def test_a_withdrawn_request_is_cancelled() -> None:
    assert _kinds(None, status="RETURN_OR_REFUND_REQUEST_CANCEL") == [E.REQUESTED, E.CANCELLED]


def test_a_partial_refund_offer_is_reported_as_an_offer() -> None:
    assert _kinds(None, status="AWAITING_BUYER_RESPONSE") == [E.REQUESTED, E.OFFER_MADE]


def test_an_unknown_status_gives_only_requested_and_says_it_is_unknown() -> None:
    changes = return_changes(None, request(status="EXCHANGE_REQUEST_PENDING"))
    assert [e.kind for e in changes.events] == [E.REQUESTED]
    assert changes.status_known is False
    assert return_changes(None, request()).status_known is True


def test_an_older_snapshot_after_a_newer_one_is_stale_and_keeps_the_newer_status() -> None:
    done = return_changes(None, request(status="RETURN_OR_REFUND_REQUEST_COMPLETE"))
    old = return_changes(done.state, request(updated_at=AT - timedelta(hours=1)))
    assert old.stale is True
    assert old.events == ()
    assert old.state.status == "RETURN_OR_REFUND_REQUEST_COMPLETE"
    assert old.state.updated_at == AT


def test_a_late_rejection_snapshot_still_reports_the_rejection_once() -> None:
    # A reject seen only after the request was overturned and refunded did happen: the OMS
    # hears it (once), while the state keeps the newest status.
    refunded = return_changes(None, request(status="RETURN_OR_REFUND_REQUEST_COMPLETE"))
    late = return_changes(
        refunded.state,
        request(status="REFUND_OR_RETURN_REQUEST_REJECT", updated_at=AT - timedelta(days=1)),
    )
    assert [e.kind for e in late.events] == [E.REJECTED]
    assert late.stale is True
    assert late.state.status == "RETURN_OR_REFUND_REQUEST_COMPLETE"


def test_the_state_rebuilds_from_the_ledger_keys_of_its_return_only() -> None:
    keys = [
        f"return:{RID}:requested",
        f"return:{RID}:approved",
        "return:4035999999999999999:refunded",
        f"return:{RID}:not_a_step",
        "cancel:1:CANCELLATION_REQUEST_PENDING",
    ]
    state = ReturnState.from_keys(RID, keys)
    assert state.delivered == {E.REQUESTED, E.APPROVED}
    assert state.keys() == {f"return:{RID}:requested", f"return:{RID}:approved"}
    again = return_changes(state, request(status="RETURN_OR_REFUND_REQUEST_COMPLETE"))
    assert [e.kind for e in again.events] == [E.REFUNDED]


def test_a_state_of_another_return_is_refused() -> None:
    with pytest.raises(ValueError, match="pass each return its own state"):
        return_changes(ReturnState(return_id="other"), request())


def test_the_facts_and_the_state_refuse_a_naive_time() -> None:
    with pytest.raises(NaiveDatetimeError):
        request(updated_at=AT.replace(tzinfo=None))
    with pytest.raises(NaiveDatetimeError):
        ReturnState(return_id=RID, updated_at=AT.replace(tzinfo=None))


def test_an_event_describes_itself_in_japanese_and_english() -> None:
    facts = request(status="RETURN_OR_REFUND_REQUEST_COMPLETE")
    refunded = return_changes(None, facts).events[-1]
    assert refunded.describe() == (
        f"refund request {RID} (order 576100000000000001): refunded, 1,500 JPY"
    )
    assert refunded.describe("ja") == (
        f"返金リクエスト {RID}（注文 576100000000000001）: 返金完了（1,500 JPY）"
    )


def test_an_event_repr_shows_ids_and_steps_never_the_buyers_reason() -> None:
    facts = request(reason_text="サイズが合わない。山田花子 090-1234-5678", reason="wrong_size")
    event = return_changes(None, facts).events[0]
    shown = repr(event) + repr(facts) + repr(attrs.evolve(facts))
    assert "山田花子" not in shown and "wrong_size" not in shown
    assert "reason_text='***'" in repr(facts)
    assert RID in repr(event)


def test_the_table_is_every_status_the_reference_documents_and_the_webhook_spelling() -> None:
    require_spec()
    documented = find("POST", "/return_refund/202309/returns/search").data_field(
        "return_orders.return_status"
    )
    assert len(documented.enum) == 14
    assert set(documented.enum) <= set(STATUS_EVENTS)
    assert set(STATUS_EVENTS) - set(documented.enum) == {"RETURN_OR_REFUND_REQUEST_CANCELLED"}


def test_every_status_implies_that_the_request_was_made() -> None:
    for status in STATUS_EVENTS:
        assert implied_events(request(status=status))[0] is E.REQUESTED


def test_every_status_the_wire_models_know_is_in_the_table() -> None:
    assert {status.value for status in ReturnStatus} <= set(STATUS_EVENTS)


def test_every_status_of_the_return_webhook_page_is_in_the_table() -> None:
    require_spec()
    page = SPEC_ROOT / "guides/webhooks/return-and-refund/12-return-status-change.md"
    row = next(line for line in page.read_text("utf-8").splitlines() if "| return_status |" in line)
    listed = re.findall(r"\* ([A-Z_]+)", row)
    assert len(listed) == 13
    assert set(listed) <= set(STATUS_EVENTS)


def test_a_refund_after_an_accepted_partial_offer_says_the_partial_amount() -> None:
    facts = request(
        kind="RETURN_AND_REFUND",
        status="RETURN_OR_REFUND_REQUEST_COMPLETE",
        seller_proposed="PARTIAL_REFUND",
        partial_refund=Decimal(450),
        partial_refund_currency="JPY",
        buyer_rejected_partial_refund=False,
        buyer_keeps_item=True,
    )
    assert facts.buyer_refund == (Decimal(450), "JPY")
    refunded = return_changes(None, facts).events[-1]
    assert refunded.describe().endswith("refunded, 450 JPY")


def test_a_refund_without_an_accepted_offer_says_the_refund_total() -> None:
    declined = request(
        status="RETURN_OR_REFUND_REQUEST_COMPLETE",
        seller_proposed="PARTIAL_REFUND",
        partial_refund=Decimal(450),
        buyer_rejected_partial_refund=True,
    )
    assert declined.buyer_refund == (Decimal(1500), "JPY")
    assert request(amount=None).buyer_refund == (None, "")
