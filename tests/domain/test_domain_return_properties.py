"""Properties of the after-sales rules for any history of a request hypothesis can invent.

Events: whatever snapshots of a request TikTok shows, in whatever order, each step is
delivered once, the steps and the final state do not depend on the order, a snapshot seen
again gives nothing, and re-deriving from an older state (a crash before the state was
saved) gives nothing a ledger has not seen. Urgency: the pending answers come overdue first,
then soonest, then without a deadline, whatever order the requests came in. Refunds: every
order with a decided refund or a refund deduction is checked once, with exact sums.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from functools import reduce

from hypothesis import given, settings
from hypothesis import strategies as st

from return_samples import AT, request
from tiktokshop_sync.domain import (
    REFUND_DECIDED_STATUSES,
    STATUS_EVENTS,
    Component,
    ComponentKind,
    LineKind,
    PendingAction,
    RefundCategory,
    ReportPeriod,
    ReturnFacts,
    ReturnState,
    SellerNextAction,
    SettlementFacts,
    SettlementLine,
    SettlementStatement,
    Urgency,
    event_key,
    expected_deduction,
    implied_events,
    latest_facts,
    pending_actions,
    reconcile,
    reconcile_refunds,
    return_changes,
)

RID = "4035000000000000001"
ACTIONS = (
    "SELLER_RESPOND_REFUND",
    "SELLER_RESPOND_RETURN",
    "SELLER_RESPOND_RECEIVE_PACKAGE",
    "SELLER_RESPOND_REPLACEMENT",
    "SELLER_RESPOND_SOMETHING_NEW",
)


@st.composite
def snapshots(draw: st.DrawFn, return_id: str = RID) -> ReturnFacts:
    """A snapshot of one request as Search Returns could show it at some moment."""
    actions = draw(
        st.lists(
            st.builds(
                SellerNextAction,
                action=st.sampled_from(ACTIONS),
                deadline=st.none() | st.integers(-72, 72).map(lambda h: AT + timedelta(hours=h)),
            ),
            max_size=2,
        )
    )
    return request(
        return_id,
        kind=draw(st.sampled_from(["REFUND", "RETURN_AND_REFUND", "REPLACEMENT", "EXCHANGE"])),
        status=draw(st.sampled_from([*STATUS_EVENTS, "SOMETHING_NEW"])),
        arbitration_status=draw(
            st.sampled_from(["", "IN_PROGRESS", "SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED"])
        ),
        buyer_keeps_item=draw(st.none() | st.booleans()),
        updated_at=AT + timedelta(hours=draw(st.integers(0, 6))),
        next_actions=actions,
    )


histories = st.lists(snapshots(), min_size=1, max_size=8)


def _fold(
    history: list[ReturnFacts], state: ReturnState | None = None
) -> tuple[list[str], ReturnState | None]:
    """Feed the snapshots in turn, saving the state each time: the keys delivered, the state."""
    keys: list[str] = []
    for facts in history:
        changes = return_changes(state, facts)
        keys.extend(e.key for e in changes.events)
        state = changes.state
    return keys, state


@settings(max_examples=300, deadline=None)
@given(histories)
def test_each_step_is_delivered_exactly_once(history: list[ReturnFacts]) -> None:
    keys, state = _fold(history)
    assert state is not None
    assert len(keys) == len(set(keys))
    assert set(keys) == state.keys()


@settings(max_examples=300, deadline=None)
@given(histories)
def test_the_steps_delivered_are_every_step_any_snapshot_implies(
    history: list[ReturnFacts],
) -> None:
    keys, _ = _fold(history)
    implied = {event_key(RID, kind) for facts in history for kind in implied_events(facts)}
    assert set(keys) == implied


@settings(max_examples=300, deadline=None)
@given(histories, st.randoms(use_true_random=False))
def test_replays_in_any_order_deliver_the_same_steps_and_end_in_the_same_state(
    history: list[ReturnFacts], random: object
) -> None:
    shuffled = list(history)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    keys, state = _fold(history)
    other_keys, other_state = _fold(shuffled)
    assert set(keys) == set(other_keys)
    assert state == other_state


@settings(max_examples=300, deadline=None)
@given(histories)
def test_a_snapshot_seen_again_gives_no_event(history: list[ReturnFacts]) -> None:
    _, state = _fold(history)
    assert state is not None
    for facts in history:
        again = return_changes(state, facts)
        assert again.events == ()
        assert again.state == state


@settings(max_examples=300, deadline=None)
@given(histories, st.integers(0, 7))
def test_after_a_crash_rederiving_from_the_saved_state_repeats_nothing_a_ledger_has(
    history: list[ReturnFacts], crash_after: int
) -> None:
    # The host received the events of every snapshot up to the crash, but the state was saved
    # one snapshot earlier; the ledger (the keys the host acknowledged) filters the repeat.
    crashed = min(crash_after, len(history))
    saved = history[: max(0, crashed - 1)]
    delivered, _ = _fold(history[:crashed])
    _, state = _fold(saved)
    ledger = set(delivered)
    resumed: list[str] = []
    for facts in history[len(saved) :]:
        changes = return_changes(state, facts)
        resumed.extend(e.key for e in changes.events if e.key not in ledger)
        ledger |= {e.key for e in changes.events}
        state = changes.state
    full, _ = _fold(history)
    assert sorted(delivered + resumed) == sorted(full)


def _reference(actions: tuple[PendingAction, ...], now: datetime) -> list[int]:
    order = [Urgency.OVERDUE, Urgency.DUE_SOON, Urgency.LATER, Urgency.NO_DEADLINE]
    return [order.index(a.urgency(now)) for a in actions]


requests = st.lists(
    st.integers(0, 10**6).flatmap(lambda n: snapshots(return_id=f"4035{n:015d}")),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(requests, st.integers(-96, 96), st.randoms(use_true_random=False))
def test_pending_answers_come_overdue_first_then_soonest_then_without_deadline(
    returns: list[ReturnFacts], hours: int, random: object
) -> None:
    now = AT + timedelta(hours=hours)
    actions = pending_actions(returns)
    ranks = _reference(actions, now)
    assert ranks == sorted(ranks)
    dated = [a.deadline for a in actions if a.deadline is not None]
    assert dated == sorted(dated)
    shuffled = list(returns)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert pending_actions(shuffled) == actions


@settings(max_examples=200, deadline=None)
@given(requests)
def test_a_closed_request_never_has_a_pending_answer(returns: list[ReturnFacts]) -> None:
    closed = {f.return_id for f in latest_facts(returns) if f.closed}
    assert not [a for a in pending_actions(returns) if a.return_id in closed]


def test_the_fold_helper_itself_detects_a_repeat() -> None:
    # The properties above mean something only if a repeated key would be seen.
    first = return_changes(None, request())
    assert reduce(lambda n, e: n + 1, first.events, 0) == 1
    again = return_changes(None, request())
    assert [e.key for e in first.events] == [e.key for e in again.events]


ORDERS = ("576100000000000001", "576100000000000002", "576100000000000003")
SEPT = datetime(2025, 9, 9, 15, tzinfo=timezone.utc)


def _line(n: int, order_id: str, sold: int, refunded: int) -> SettlementLine:
    parts = [
        Component(
            kind=ComponentKind.SALES, code="subtotal_before_discount_amount", amount=Decimal(sold)
        )
    ]
    if refunded:
        parts.append(
            Component(
                kind=ComponentKind.SALES_REFUND,
                code="refund_subtotal_before_discount_amount",
                amount=Decimal(-refunded),
            )
        )
    revenue = Decimal(sold - refunded)
    return SettlementLine(
        transaction_id=f"t{n}",
        kind=LineKind.ORDER,
        order_id=order_id,
        revenue=revenue,
        settlement=revenue,
        components=parts,
    )


settlements = st.lists(
    st.tuples(st.sampled_from(ORDERS), st.integers(0, 5000), st.integers(0, 5000)), max_size=5
)
refund_requests = st.lists(
    st.tuples(
        st.sampled_from(ORDERS),
        st.sampled_from([*REFUND_DECIDED_STATUSES, "RETURN_OR_REFUND_REQUEST_PENDING"]),
        st.none() | st.integers(1, 5000),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(settlements, refund_requests)
def test_every_order_with_a_refund_is_in_exactly_one_category_and_sums_are_exact(
    sold: list[tuple[str, int, int]], asked: list[tuple[str, str, int | None]]
) -> None:
    lines = [_line(n, order, s, r) for n, (order, s, r) in enumerate(sold)]
    statement = SettlementStatement(
        statement_id="S1",
        statement_time=SEPT,
        currency="JPY",
        settlement=sum((line.settlement for line in lines), Decimal(0)),
        lines=lines,
    )
    report = reconcile(
        SettlementFacts(statements=[statement]),
        period=ReportPeriod(first_day=date(2025, 9, 1), last_day=date(2025, 9, 30)),
        as_of=SEPT,
    )
    returns = [
        request(
            f"4035{n:015d}",
            order_id=order,
            status=status,
            amount=amount,
            updated_at=AT + timedelta(minutes=n),
        )
        for n, (order, status, amount) in enumerate(asked)
    ]
    result = reconcile_refunds(returns, report)
    checked = [c.order_id for c in result.checks]
    assert len(checked) == len(set(checked))
    decided = {f.order_id for f in returns if f.status in REFUND_DECIDED_STATUSES}
    deducted = {
        line.order_id
        for line in lines
        if any(c.amount for c in line.components if c.kind is ComponentKind.SALES_REFUND)
    }
    assert set(checked) == decided | deducted
    for check in result.checks:
        mine = [
            f
            for f in returns
            if f.order_id == check.order_id and f.status in REFUND_DECIDED_STATUSES
        ]
        amounts = [expected_deduction(f)[0] for f in mine]
        if mine and None not in amounts:
            assert check.expected == sum(amounts, Decimal(0))
        taken = sum(
            (
                -c.amount
                for line in lines
                if line.order_id == check.order_id
                for c in line.components
                if c.kind is ComponentKind.SALES_REFUND
            ),
            Decimal(0),
        )
        assert check.deducted == (taken if taken else None)
        both = check.expected is not None and check.deducted is not None
        assert (check.category is RefundCategory.MATCHING) == (
            both and bool(mine) and check.expected == check.deducted
        )
