"""The order import's pure planner, with domain values only: one behaviour per test."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiktokshop_sync.domain import (
    AddressCheck,
    BuyerPolicy,
    BuyerSource,
    DeadlineBasis,
    DeadlineField,
    DispatchDeadline,
    Hold,
    HoldReason,
    Mapped,
    Release,
    SkipCause,
)
from tiktokshop_sync.domain.planning import (
    FetchedOrders,
    KnownOrders,
    OrderFacts,
    OrderImportDecisions,
    VersionSelection,
    plan_order_import,
)

from .conftest import MASKED, NOW, VISIBLE, Rules, facts

WINDOW_START = NOW - timedelta(minutes=20)


def plan(
    orders: Sequence[OrderFacts] = (),
    known: KnownOrders | None = None,
    rules: Rules | None = None,
    **fetched: object,
) -> OrderImportDecisions:
    return plan_order_import(
        FetchedOrders(
            window_start=WINDOW_START,
            window_end=NOW,
            orders=tuple(orders),
            **fetched,  # type: ignore[arg-type]
        ),
        known or KnownOrders(),
        rules or Rules(),
        NOW,
    )


def test_a_new_order_is_delivered_with_every_decision() -> None:
    (delivery,) = plan([facts()]).deliveries
    assert isinstance(delivery.payment, Mapped)
    assert isinstance(delivery.hold, Release)
    assert delivery.buyer.source is BuyerSource.COPIED_FROM_RECIPIENT
    assert isinstance(delivery.deadline, DispatchDeadline)
    assert delivery.deadline.field is DeadlineField.RTS_SLA_TIME


def test_a_delivered_order_is_not_recorded_twice_as_a_change() -> None:
    decisions = plan([facts()])
    assert decisions.versions == ()


def test_the_buyer_copy_is_not_checked_again() -> None:
    (delivery,) = plan([facts()]).deliveries
    check = delivery.address_checks.result(AddressCheck.BUYER_POSTAL_CODE)
    assert getattr(check, "cause", None) is SkipCause.COPIED


def test_a_masked_recipient_gives_a_masked_buyer_copy_that_says_so() -> None:
    (delivery,) = plan([facts(status="ON_HOLD", recipient=MASKED)]).deliveries
    assert delivery.buyer.masked_fields == ("name", "phone", "postal_code", "lines")
    assert "still masked" in delivery.buyer.reason


def test_a_fixed_buyer_block_is_used_and_checked() -> None:
    shop = attrs.evolve(VISIBLE, name="キング枕 TikTok店")
    rules = Rules(buyer=BuyerPolicy.fixed_block(shop))
    (delivery,) = plan([facts()], rules=rules).deliveries
    assert delivery.buyer.source is BuyerSource.FIXED and delivery.buyer.contact == shop
    check = delivery.address_checks.result(AddressCheck.BUYER_POSTAL_CODE)
    assert getattr(check, "cause", None) is SkipCause.NOT_CONFIGURED  # checked, no lookup set


def test_the_deadline_is_estimated_in_business_days_when_tiktok_sent_none() -> None:
    (delivery,) = plan([facts(rts_sla_time=None)]).deliveries
    deadline = delivery.deadline
    assert isinstance(deadline, DispatchDeadline) and deadline.basis is DeadlineBasis.ESTIMATED
    assert deadline.due.utcoffset() == timedelta(hours=9)  # JST
    assert "weekends only" in deadline.reason  # no holiday calendar in these rules


def test_deliveries_come_in_version_order() -> None:
    orders = [facts("3", 30), facts("1", 10), facts("2", 20)]
    assert [d.order.order_id for d in plan(orders).deliveries] == ["1", "2", "3"]


def test_a_known_order_at_a_new_version_is_recorded_not_delivered() -> None:
    decisions = plan([facts("1", 20)], KnownOrders(versions={"1": 10}))
    assert decisions.deliveries == ()
    assert decisions.versions == (("1", 20, "AWAITING_SHIPMENT"),)


def test_a_held_order_past_its_window_is_released_with_its_buyer_made_again() -> None:
    known = KnownOrders(versions={"1": 10}, held=frozenset({"1"}))
    (released,) = plan([facts("1", 20, recipient=VISIBLE)], known).releases
    assert isinstance(released.release, Release)
    assert released.buyer.masked_fields == ()  # the visible address replaces the masked copy
    assert released.buyer.contact == VISIBLE


def test_a_held_order_still_in_its_window_stays_held_until_the_window_ends() -> None:
    known = KnownOrders(versions={"1": 10}, held=frozenset({"1"}))
    paid = NOW - timedelta(minutes=30)
    decisions = plan([facts("1", 20, "ON_HOLD", paid=paid)], known)
    (held,) = decisions.holds
    assert held.hold.reason is HoldReason.REMORSE_WINDOW
    assert held.hold.until == paid + timedelta(hours=1)
    assert decisions.versions == (("1", 20, "ON_HOLD"),)


def test_a_held_order_whose_payment_label_needs_review_stays_held_once_paid() -> None:
    known = KnownOrders(versions={"1": 10}, held=frozenset({"1"}))
    decisions = plan([facts("1", 20, payment_label="d払い")], known)  # paid, past its window
    assert decisions.releases == ()
    (held,) = decisions.holds
    assert held.hold.reason is HoldReason.PAYMENT_REVIEW
    assert "d払い" in held.hold.message


def test_a_due_order_whose_payment_label_needs_review_is_not_released() -> None:
    known = KnownOrders(versions={"1": 10}, held=frozenset({"1"}))
    decisions = plan((), known, due=(facts("1", 20, payment_label="d払い"),))
    assert decisions.releases == ()
    assert [h.hold.reason for h in decisions.holds] == [HoldReason.PAYMENT_REVIEW]


def test_a_known_order_tiktok_cancelled_is_cancelled() -> None:
    decisions = plan([facts("1", 20, "CANCELLED")], KnownOrders(versions={"1": 10}))
    assert [c.order_id for c in decisions.cancellations] == ["1"]


def test_an_order_cancelled_in_the_oms_already_is_not_cancelled_again() -> None:
    known = KnownOrders(versions={"1": 10}, cancelled=frozenset({"1"}))
    assert plan([facts("1", 20, "CANCELLED")], known).cancellations == ()


def test_an_order_cancelled_before_it_was_imported_is_skipped_and_recorded() -> None:
    decisions = plan([facts("1", 20, "CANCELLED")])
    assert [(s.order_id, s.reason) for s in decisions.skipped] == [
        ("1", "cancelled before it was imported")
    ]
    assert decisions.versions == (("1", 20, "CANCELLED"),)


def test_a_status_the_policy_does_not_import_is_skipped_and_read_again_later() -> None:
    decisions = plan(
        [facts("1", 20, "UNPAID")], rules=Rules(statuses=frozenset({"AWAITING_SHIPMENT"}))
    )
    assert decisions.deliveries == () and decisions.versions == ()
    assert decisions.skipped[0].reason == "status UNPAID is not imported by this policy"


def test_versions_read_again_in_the_overlap_are_skipped_as_already_imported() -> None:
    decisions = plan(stale={"9": 5})
    assert [(s.order_id, s.reason) for s in decisions.skipped] == [
        ("9", "already imported (same update_time)")
    ]


def test_a_forced_refetch_delivers_known_versions_again() -> None:
    decisions = plan([facts("1", 20)], KnownOrders(versions={"1": 20}), redeliver=True)
    assert [d.order.order_id for d in decisions.deliveries] == ["1"]


def test_held_orders_that_fell_due_are_followed_up_outside_the_window() -> None:
    known = KnownOrders(versions={"7": 10}, held=frozenset({"7"}))
    decisions = plan(known=known, due=(facts("7", 10),))
    assert [r.order.order_id for r in decisions.releases] == ["7"]


def test_a_due_hold_also_in_the_window_is_followed_up_once() -> None:
    known = KnownOrders(versions={"7": 10}, held=frozenset({"7"}))
    decisions = plan([facts("7", 20)], known, due=(facts("7", 10),))
    assert len(decisions.releases) == 1


@pytest.mark.parametrize(
    ("fetched", "cursor"),
    [
        ({}, NOW),
        ({"complete": False}, WINDOW_START),
        (
            {"complete": False, "stale": {"9": 1_751_330_400}},
            datetime.fromtimestamp(1_751_330_400, tz=NOW.tzinfo),
        ),
        ({"incremental": False}, None),
    ],
    ids=[
        "complete: the window's end",
        "empty batch: stays",
        "stopped: newest version",
        "a re-fetch: never moves",
    ],
)
def test_the_cursor_moves_as_far_as_the_batch_read(
    fetched: dict[str, object], cursor: object
) -> None:
    assert plan(**fetched).cursor == cursor


def test_an_unpaid_order_is_delivered_held_for_payment() -> None:
    (delivery,) = plan([facts(status="UNPAID", paid=None)]).deliveries
    assert isinstance(delivery.hold, Hold) and delivery.hold.reason is HoldReason.AWAITING_PAYMENT


def test_selection_counts_only_unrecorded_versions_toward_the_batch_limit() -> None:
    selection: VersionSelection[str] = VersionSelection(batch_limit=2)
    assert not selection.add_page([("a", 1, "a"), ("b", 1, "b")], {"a": 1}, has_next=True)
    assert selection.add_page([("c", 1, "c")], {}, has_next=True)
    assert not selection.complete and list(selection.versions) == ["b", "c"]


def test_selection_keeps_the_newest_version_read_of_an_order() -> None:
    selection: VersionSelection[str] = VersionSelection(batch_limit=10)
    selection.add_page([("a", 2, "new"), ("a", 1, "old")], {}, has_next=False)
    assert selection.items == {"a": "new"} and selection.versions == {"a": 2}


def test_a_full_last_page_still_completes_the_batch() -> None:
    selection: VersionSelection[str] = VersionSelection(batch_limit=1)
    assert not selection.add_page([("a", 1, "a")], {}, has_next=False)
    assert selection.complete


# -- property: each order version is delivered once, whatever the pages -----------------------

ORDER_IDS = st.sampled_from(["a", "b", "c", "d", "e"])
READ = st.tuples(ORDER_IDS, st.integers(min_value=1, max_value=6))
PAGES = st.lists(st.lists(READ, max_size=5), max_size=4)


def _run(
    pages: Sequence[Sequence[tuple[str, int]]], state: dict[str, int], batch_limit: int
) -> OrderImportDecisions:
    """One import run over ``pages``, applied to ``state`` as the workflow records it."""
    selection: VersionSelection[None] = VersionSelection(batch_limit=batch_limit)
    for number, page in enumerate(pages):
        known = {order_id: state[order_id] for order_id, _v in page if order_id in state}
        last = number == len(pages) - 1
        if selection.add_page(((o, v, None) for o, v in page), known, has_next=not last):
            break
    orders = [facts(o, v) for o, v in selection.versions.items()]
    decisions = plan(orders, KnownOrders(versions=dict(state)), stale=selection.stale)
    for delivery in decisions.deliveries:
        state[delivery.order.order_id] = delivery.order.version
    for order_id, version, _status in decisions.versions:
        state[order_id] = version
    return decisions


@settings(max_examples=300, deadline=None)
@given(runs=st.lists(PAGES, min_size=1, max_size=5), batch_limit=st.integers(1, 6))
def test_each_order_is_delivered_once_across_any_pages_and_overlaps(
    runs: list[list[list[tuple[str, int]]]], batch_limit: int
) -> None:
    state: dict[str, int] = {}
    delivered: list[tuple[str, int]] = []
    for pages in runs:
        before = dict(state)
        decisions = _run(pages, state, batch_limit)
        ids = [d.order.order_id for d in decisions.deliveries]
        assert len(ids) == len(set(ids))  # once per run
        assert not set(ids) & set(before)  # never an order delivered before
        delivered += [(d.order.order_id, d.order.version) for d in decisions.deliveries]
        for order_id, version in state.items():  # versions only ever move forward
            assert version >= before.get(order_id, version)
    assert len({order_id for order_id, _v in delivered}) == len(delivered)


@settings(max_examples=300, deadline=None)
@given(pages=PAGES)
def test_a_complete_run_leaves_every_order_read_known_at_its_newest_version(
    pages: list[list[tuple[str, int]]],
) -> None:
    state: dict[str, int] = {}
    _run(pages, state, batch_limit=1_000)
    newest: dict[str, int] = {}
    for order_id, version in (read for page in pages for read in page):
        newest[order_id] = max(version, newest.get(order_id, 0))
    assert state == newest
