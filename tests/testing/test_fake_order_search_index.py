"""Get Order List served from the fake's order index: every filter, sort and page size gives the
pages a full sort would, orders changed mid-paging move (keyset semantics), ties go by id, and
held orders are released on time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from tiktokshop_sync.testing import FakeOrder, FakeShop

Call = Callable[..., httpx.Response]
SEARCH = "/order/202309/orders/search"
ASC = {"sort_field": "update_time", "sort_order": "ASC"}


def search(call: Call, body: dict[str, Any], **query: str) -> dict[str, Any]:
    payload: dict[str, Any] = call("POST", SEARCH, query=query, body=body).json()
    assert payload["code"] == 0, payload
    result: dict[str, Any] = payload["data"]
    return result


def pages(call: Call, body: dict[str, Any], **query: str) -> list[dict[str, Any]]:
    """Every page, following next_page_token."""
    found = [search(call, body, **query)]
    while found[-1]["next_page_token"]:
        found.append(search(call, body, **{**query, "page_token": found[-1]["next_page_token"]}))
    return found


def ids_of(found: Sequence[dict[str, Any]]) -> list[str]:
    return [order["id"] for page in found for order in page["orders"]]


def seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def reference(
    orders: Sequence[FakeOrder], body: dict[str, Any], sort_field: str, sort_order: str
) -> list[str]:
    """Filter and sort every order: what the search must return, page after page."""

    def keep(order: FakeOrder) -> bool:
        times = {"create_time": order.create_time, "update_time": order.update_time}
        for field, moment in times.items():
            low, high = body.get(f"{field}_ge"), body.get(f"{field}_lt")
            if (low is not None and seconds(moment) < low) or (
                high is not None and seconds(moment) >= high
            ):
                return False
        status, buyer = body.get("order_status"), body.get("buyer_user_id")
        return (status is None or order.status == status) and (
            buyer is None or order.user_id == buyer
        )

    found = sorted(
        (order for order in orders if keep(order)),
        key=lambda order: (seconds(getattr(order, sort_field)), order.id),
        reverse=sort_order == "DESC",
    )
    return [order.id for order in found]


@pytest.fixture
def mixed(fake: FakeShop) -> list[FakeOrder]:
    """Orders of every status over two days, 70 held orders released at once (many moves in one
    go), and a burst sharing one create and update second."""
    orders = fake.create_orders(40, created_within=timedelta(days=2))
    orders += fake.create_orders(70, status="ON_HOLD", created_within=timedelta(minutes=30))
    fake.clock.advance(hours=1)
    burst = fake.clock.now() - timedelta(hours=5)
    orders += fake.create_orders(6, status="UNPAID", create_time=burst, update_time=burst)
    fake.create_orders(5, fake.add_shop("Other shop"))  # never in the first shop's results
    return orders


def _bodies(orders: Sequence[FakeOrder]) -> list[dict[str, Any]]:
    updated = sorted(seconds(order.update_time) for order in orders)
    created = sorted(seconds(order.create_time) for order in orders)
    middle, late = updated[len(updated) // 3], updated[2 * len(updated) // 3]
    return [
        {},
        {"update_time_ge": middle},
        {"update_time_ge": middle, "update_time_lt": late},
        {"update_time_lt": late},
        {"update_time_ge": late, "update_time_lt": middle},  # an empty range
        {"create_time_ge": created[5], "create_time_lt": created[-5]},
        {"update_time_ge": middle, "create_time_lt": created[len(created) // 2]},
        {"order_status": "UNPAID"},
        {"update_time_ge": updated[0], "order_status": "AWAITING_SHIPMENT"},
        {"buyer_user_id": orders[3].user_id},
    ]


@pytest.mark.parametrize("sort_field", ["create_time", "update_time"])
@pytest.mark.parametrize("sort_order", ["ASC", "DESC"])
@pytest.mark.parametrize("page_size", ["3", "100"])
def test_every_page_matches_filtering_and_sorting_all_orders(
    call: Call, mixed: list[FakeOrder], sort_field: str, sort_order: str, page_size: str
) -> None:
    for body in _bodies(mixed):
        expected = reference(mixed, body, sort_field, sort_order)
        found = pages(call, body, sort_field=sort_field, sort_order=sort_order, page_size=page_size)
        assert ids_of(found) == expected, body
        assert {page["total_count"] for page in found} == {len(expected)}, body
        assert all(len(page["orders"]) == int(page_size) for page in found[:-1]), body


@pytest.mark.parametrize("sort_order", ["ASC", "DESC"])
def test_orders_in_the_same_second_are_ordered_by_id_across_page_boundaries(
    fake: FakeShop, call: Call, sort_order: str
) -> None:
    moment = fake.clock.now() - timedelta(hours=1)
    tied = fake.create_orders(7, status="UNPAID", create_time=moment, update_time=moment)
    found = pages(call, {}, sort_field="update_time", sort_order=sort_order, page_size="3")
    assert ids_of(found) == sorted((o.id for o in tied), reverse=sort_order == "DESC")
    assert [len(page["orders"]) for page in found] == [3, 3, 1]


def test_update_time_bounds_include_ge_and_exclude_lt(fake: FakeShop, call: Call) -> None:
    start = fake.clock.now() - timedelta(hours=3)
    at = [start + timedelta(seconds=n) for n in range(5)]
    orders = [fake.create_orders(1, status="UNPAID", create_time=t, update_time=t)[0] for t in at]
    body = {"update_time_ge": seconds(at[1]), "update_time_lt": seconds(at[3])}
    assert ids_of(pages(call, body, **ASC, page_size="1")) == [o.id for o in orders[1:3]]
    # The same bounds beside another filter, which looks at each order in the range.
    body["order_status"] = "UNPAID"
    assert ids_of(pages(call, body, **ASC, page_size="1")) == [o.id for o in orders[1:3]]


def test_an_order_updated_mid_paging_moves_past_the_cursor_and_is_served_again(
    fake: FakeShop, call: Call
) -> None:
    fake.create_orders(30, status="AWAITING_SHIPMENT", created_within=timedelta(days=1))
    body = {"update_time_ge": 0}
    before = ids_of(pages(call, body, **ASC, page_size="100"))
    first = search(call, body, **ASC, page_size="10")
    served, unserved = before[0], before[20]
    fake.clock.advance(minutes=1)
    fake.cancel(unserved)
    fake.cancel(served)
    rest = pages(call, body, **ASC, page_size="10", page_token=first["next_page_token"])
    ids = ids_of([first, *rest])
    # Both now sort last (same second: by id); the served one is served a second time.
    assert ids == before[:20] + before[21:] + sorted([served, unserved])
    assert {page["total_count"] for page in rest} == {30}


def test_an_order_updated_mid_paging_behind_a_descending_cursor_is_not_served_again(
    fake: FakeShop, call: Call
) -> None:
    fake.create_orders(30, status="AWAITING_SHIPMENT", created_within=timedelta(days=1))
    query = {"sort_field": "update_time", "sort_order": "DESC", "page_size": "10"}
    before = ids_of(pages(call, {}, **query))
    first = search(call, {}, **query)
    fake.clock.advance(minutes=1)
    fake.cancel(before[25])  # now the newest: it moves in front of the cursor
    rest = pages(call, {}, **query, page_token=first["next_page_token"])
    assert ids_of([first, *rest]) == before[:25] + before[26:]


def test_a_live_record_written_directly_is_searched_at_its_new_time(
    fake: FakeShop, call: Call
) -> None:
    orders = fake.create_orders(5, status="UNPAID", created_within=timedelta(days=1))
    future = fake.clock.now() + timedelta(seconds=1)
    fake.order(orders[2].id).update_time = future
    found = search(call, {"update_time_ge": seconds(future)}, **ASC, page_size="10")
    assert [order["id"] for order in found["orders"]] == [orders[2].id]
    assert found["total_count"] == 1


def test_held_orders_are_released_each_one_hour_after_its_own_payment(fake: FakeShop) -> None:
    first, second, cancelled = fake.create_orders(3, status="UNPAID")
    fake.pay(first.id)
    fake.pay(cancelled.id)
    fake.clock.advance(minutes=30)
    fake.pay(second.id)
    fake.buyer_cancel(cancelled.id)  # while ON_HOLD: cancelled at once, never released
    fake.clock.advance(minutes=45)
    assert [fake.order(o.id).status for o in (first, second, cancelled)] == [
        "AWAITING_SHIPMENT",
        "ON_HOLD",
        "CANCELLED",
    ]
    assert first.paid_time is not None
    assert first.update_time == first.paid_time + timedelta(hours=1)
    fake.clock.advance(hours=1)
    assert fake.order(second.id).status == "AWAITING_SHIPMENT"
    assert second.paid_time is not None
    assert second.update_time == second.paid_time + timedelta(hours=1)
    assert fake.order(cancelled.id).status == "CANCELLED"
