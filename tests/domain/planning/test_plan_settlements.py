"""The settlement import's planner: new statements, payout changes, payouts per status, cursor."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktokshop_sync.domain import DomainConfigError
from tiktokshop_sync.domain.planning import (
    PayoutSeen,
    SettlementReason,
    StatementSeen,
    payout_key,
    plan_settlements,
    statement_key,
    statement_state_key,
)

T0 = datetime(2025, 9, 10, tzinfo=timezone.utc)


def _statement(n: int, payment_id: str = "", status: str = "PROCESSING") -> StatementSeen:
    return StatementSeen(
        statement_id=f"S{n}",
        statement_time=T0 + timedelta(days=n),
        payment_id=payment_id,
        payment_status=status,
    )


def _delivered(*statements: StatementSeen) -> set[str]:
    return {k for s in statements for k in (statement_key(s.statement_id), statement_state_key(s))}


def test_a_statement_never_delivered_is_new() -> None:
    decisions = plan_settlements([_statement(1)], [], set(), None)
    assert [(d.statement.statement_id, d.reason) for d in decisions.statements] == [
        ("S1", SettlementReason.NEW)
    ]


def test_a_statement_delivered_in_the_same_state_is_left_alone() -> None:
    decisions = plan_settlements([_statement(1)], [], _delivered(_statement(1)), None)
    assert decisions.statements == () and decisions.unchanged == 1


def test_a_statement_whose_payout_was_named_since_is_delivered_again_as_a_payout_change() -> None:
    paid = _statement(1, payment_id="P1", status="PAID")
    decisions = plan_settlements([paid], [], _delivered(_statement(1)), None)
    assert [d.reason for d in decisions.statements] == [SettlementReason.PAYOUT_CHANGED]


def test_statements_are_decided_oldest_first_and_once_when_listed_twice() -> None:
    decisions = plan_settlements([_statement(3), _statement(1), _statement(3)], [], set(), None)
    assert [d.statement.statement_id for d in decisions.statements] == ["S1", "S3"]


def test_a_payout_is_delivered_once_per_status() -> None:
    processing = PayoutSeen(payment_id="P1", status="PROCESSING")
    paid = PayoutSeen(payment_id="P1", status="PAID")
    assert plan_settlements([], [processing], {payout_key(processing)}, None).payouts == ()
    assert plan_settlements([], [paid], {payout_key(processing)}, None).payouts == (paid,)


def test_the_cursor_is_the_newest_statement_time_and_never_moves_back() -> None:
    assert plan_settlements(
        [_statement(1), _statement(4)], [], set(), None
    ).cursor == T0 + timedelta(days=4)
    later = T0 + timedelta(days=30)
    assert plan_settlements([_statement(1)], [], set(), later).cursor == later
    assert plan_settlements([], [], set(), None).cursor is None


STATES = st.sampled_from(
    [("", "PROCESSING"), ("P1", "PROCESSING"), ("P1", "PAID"), ("P2", "FAILED")]
)
LISTINGS = st.lists(
    st.tuples(st.integers(0, 6), STATES).map(lambda t: _statement(t[0], *t[1])),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(
    runs=st.lists(LISTINGS, min_size=1, max_size=5),
    limit=st.one_of(st.none(), st.integers(1, 4)),
)
def test_over_any_runs_each_statement_state_is_delivered_exactly_once(
    runs: list[list[StatementSeen]], limit: int | None
) -> None:
    delivered: set[str] = set()
    handed: list[str] = []
    cursor = None
    for listing in runs:
        for _batch in range(20):  # a run plans again until its batch is complete
            decisions = plan_settlements(listing, [], delivered, cursor, limit=limit)
            assert limit is None or len(decisions.statements) <= limit
            for decision in decisions.statements:
                key = statement_state_key(decision.statement)
                handed.append(key)
                assert (decision.reason is SettlementReason.NEW) == (
                    statement_key(decision.statement.statement_id) not in delivered
                )
                delivered |= {key, statement_key(decision.statement.statement_id)}
            assert cursor is None or decisions.cursor is None or decisions.cursor >= cursor
            cursor = decisions.cursor
            if decisions.complete:
                break
        else:
            raise AssertionError("a run never completed")
    assert len(handed) == len(set(handed))
    # The state a run saw last for each statement was handed over by then.
    last_states = {
        statement_state_key(last)
        for run in runs
        for last in {s.statement_id: s for s in run}.values()
    }
    assert last_states <= set(handed)


def test_a_limit_hands_the_oldest_first_and_stops_the_cursor_at_the_last_one_handed() -> None:
    decisions = plan_settlements([_statement(3), _statement(1), _statement(2)], [], set(), None, 2)
    assert [d.statement.statement_id for d in decisions.statements] == ["S1", "S2"]
    assert decisions.cursor == T0 + timedelta(days=2) and not decisions.complete


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="at least 1"):
        plan_settlements([], [], set(), None, limit=0)
