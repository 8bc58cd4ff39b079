"""The cancellation import's pure planner: each cancellation once, each whole order once."""

from __future__ import annotations

import pytest

from tiktokshop_sync.domain.planning import (
    CancellationFacts,
    KnownCancellations,
    OrderLines,
    orders_to_read,
    plan_cancellations,
)

DONE = "CANCELLATION_REQUEST_COMPLETE"
PENDING = "CANCELLATION_REQUEST_PENDING"


def cancellation(
    cancel_id: str = "c1", order_id: str = "o1", status: str = DONE, lines: tuple[str, ...] = ()
) -> CancellationFacts:
    return CancellationFacts(
        cancel_id=cancel_id, order_id=order_id, status=status, line_item_ids=lines
    )


def test_a_completed_cancellation_without_lines_cancels_the_whole_order() -> None:
    decisions = plan_cancellations([cancellation()], KnownCancellations())
    (sent,) = decisions.cancellations
    assert sent.whole_order and decisions.orders_cancelled == ("o1",)


@pytest.mark.parametrize(
    ("order", "whole"),
    [
        (
            OrderLines(order_id="o1", status="AWAITING_SHIPMENT", line_item_ids=frozenset("ab")),
            False,
        ),
        (OrderLines(order_id="o1", status="AWAITING_SHIPMENT", line_item_ids=frozenset("a")), True),
        (OrderLines(order_id="o1", status="CANCELLED", line_item_ids=frozenset("ab")), True),
        (None, False),
    ],
    ids=["some lines", "every line", "order cancelled", "order not read"],
)
def test_a_cancellation_listing_lines_is_partial_unless_it_covers_the_order(
    order: OrderLines | None, whole: bool
) -> None:
    orders = {} if order is None else {"o1": order}
    decisions = plan_cancellations([cancellation(lines=("a",))], KnownCancellations(), orders)
    assert decisions.cancellations[0].whole_order is whole


def test_a_cancellation_delivered_before_is_not_delivered_again() -> None:
    known = KnownCancellations(settled=frozenset({("c1", DONE)}))
    decisions = plan_cancellations([cancellation()], known)
    assert decisions.cancellations == () and decisions.settled == ()


def test_an_order_the_import_cancelled_already_is_recorded_but_not_cancelled_again() -> None:
    known = KnownCancellations(cancelled_orders=frozenset({"o1"}))
    decisions = plan_cancellations([cancellation()], known)
    assert decisions.cancellations == ()
    assert [c.cancel_id for c in decisions.settled] == ["c1"]


def test_two_cancellations_of_one_order_cancel_it_whole_once() -> None:
    decisions = plan_cancellations([cancellation("c1"), cancellation("c2")], KnownCancellations())
    assert [c.cancellation.cancel_id for c in decisions.cancellations] == ["c1"]
    assert len(decisions.settled) == 2


def test_a_pending_request_is_surfaced_once() -> None:
    decisions = plan_cancellations(
        [cancellation(status=PENDING), cancellation(status=PENDING)], KnownCancellations()
    )
    assert [r.cancel_id for r in decisions.requests] == ["c1"]
    assert decisions.cancellations == ()


def test_a_request_seen_pending_is_delivered_again_once_completed() -> None:
    known = KnownCancellations(settled=frozenset({("c1", PENDING)}))
    decisions = plan_cancellations([cancellation(status=DONE)], known)
    assert len(decisions.cancellations) == 1


def test_other_states_wait_for_the_next_one() -> None:
    decisions = plan_cancellations(
        [cancellation(status="CANCELLATION_REQUEST_CANCEL")], KnownCancellations()
    )
    assert decisions == plan_cancellations([], KnownCancellations())


def test_only_new_partial_cancellations_need_their_order_read() -> None:
    found = [
        cancellation("c1", "o1", lines=("a",)),
        cancellation("c2", "o2"),
        cancellation("c3", "o3", lines=("a",)),
        cancellation("c4", "o4", PENDING, lines=("a",)),
    ]
    known = KnownCancellations(settled=frozenset({("c3", DONE)}))
    assert orders_to_read(found, known) == ["o1"]
