"""The return import's pure planner: each step once, the answers owed, the policy's decisions."""

from __future__ import annotations

from datetime import timedelta

import attrs
import pytest

from return_samples import AT, request
from tiktokshop_sync.domain import Approve, ReturnPolicy
from tiktokshop_sync.domain.planning import (
    KnownReturns,
    plan_returns,
    return_keys_to_read,
)

COMPLETE = "RETURN_OR_REFUND_REQUEST_COMPLETE"


def test_a_new_request_delivers_requested_once_and_is_owed_an_answer() -> None:
    decided = plan_returns([request()], KnownReturns())
    assert [e.key for e in decided.events] == ["return:4035000000000000001:requested"]
    assert [a.return_id for a in decided.pending] == ["4035000000000000001"]
    again = plan_returns([request()], KnownReturns(keys={e.key for e in decided.events}))
    assert again.events == () and again.states == ()


def test_a_request_seen_on_two_overlapping_pages_delivers_its_newest_steps_once() -> None:
    old = request()
    new = attrs.evolve(old, status=COMPLETE, updated_at=AT + timedelta(hours=1), next_actions=())
    decided = plan_returns([new, old], KnownReturns())
    assert [e.kind.value for e in decided.events] == ["requested", "approved", "refunded"]
    assert decided.pending == ()


def test_an_open_request_that_did_not_change_still_shows_its_deadline_but_delivers_nothing() -> (
    None
):
    waiting = request()
    known = KnownReturns(keys=["return:4035000000000000001:requested"])
    decided = plan_returns([], known, open_requests=[waiting])
    assert decided.events == ()
    assert [a.deadline for a in decided.pending] == [AT + timedelta(hours=36)]


def test_requests_deliver_oldest_update_first() -> None:
    later = request("4035000000000000001", updated_at=AT + timedelta(hours=2))
    sooner = request("4035000000000000009", updated_at=AT)
    decided = plan_returns([later, sooner], KnownReturns())
    assert [e.return_id for e in decided.events] == ["4035000000000000009", "4035000000000000001"]


def test_the_policy_decides_only_for_answers_owed() -> None:
    small = request("4035000000000000001", amount=900)
    done = request("4035000000000000002", amount=900, status=COMPLETE)
    decided = plan_returns(
        [small, done], KnownReturns(), ReturnPolicy(auto_approve_refunds_under=1000)
    )
    assert [type(d) for d in decided.decisions.decisions] == [Approve]
    assert decided.decisions.approvals[0].return_id == "4035000000000000001"


def test_without_a_policy_every_answer_is_left_to_the_seller() -> None:
    decided = plan_returns([request(amount=10)], KnownReturns())
    assert decided.decisions.approvals == () and len(decided.decisions.left_to_seller) == 1


def test_a_status_this_version_does_not_know_delivers_requested_and_is_named() -> None:
    odd = request(status="RETURN_OR_REFUND_REQUEST_SOMETHING_NEW")
    decided = plan_returns([odd], KnownReturns())
    assert [e.kind.value for e in decided.events] == ["requested"]
    assert [(u.return_id, u.status) for u in decided.unknown_statuses] == [
        ("4035000000000000001", "RETURN_OR_REFUND_REQUEST_SOMETHING_NEW")
    ]


def test_the_keys_to_read_cover_every_step_of_each_request_once() -> None:
    keys = return_keys_to_read([request(), request()])
    assert len(keys) == len(set(keys)) == 11
    assert all(key.startswith("return:4035000000000000001:") for key in keys)


def test_known_must_be_the_ledger_snapshot() -> None:
    with pytest.raises(TypeError, match="KnownReturns"):
        plan_returns([request()], frozenset())  # type: ignore[arg-type]


def test_the_known_keys_are_counted_not_listed_in_the_repr() -> None:
    known = KnownReturns(keys=["return:4035000000000000001:requested"])
    assert "4035000000000000001" not in repr(known)
