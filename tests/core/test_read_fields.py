"""``read_fields``: several fields of one view in one call, as reading each would give them.

The order import reads seven times of every order at once; these tests hold that shortcut to
the attribute reads: the same values, the same errors, and the same converted values kept by
the view afterwards, on compact views (an order) and dict views (a payment).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import from_json

from lenient_reads import lenient, order_view, outcome  # noqa: F401 - lenient: a fixture
from tiktokshop_sync import MalformedFieldError
from tiktokshop_sync._core.views import read_fields
from tiktokshop_sync.types.order import Payment

TIMES = ("create_time", "paid_time", "update_time", "rts_sla_time")
AMOUNTS = ("currency", "total_amount", "shipping_fee")


pytestmark = pytest.mark.usefixtures("lenient")


def _payment(**fields: Any) -> Payment:
    return Payment.reader()(from_json(json.dumps(fields)))


def test_times_read_as_aware_utc_datetimes() -> None:
    order = order_view(create_time=1_700_000_000, paid_time=1_700_000_060)
    create, paid, update, rts = read_fields(order, TIMES)
    assert create == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    assert paid == datetime(2023, 11, 14, 22, 14, 20, tzinfo=timezone.utc)
    assert (update, rts) == (order.update_time, order.rts_sla_time)


def test_a_converted_time_is_kept_as_a_read_keeps_it() -> None:
    order = order_view(create_time=1_700_000_000)
    (create,) = read_fields(order, ("create_time",))
    assert order.create_time is create


def test_a_time_already_read_is_returned_as_kept() -> None:
    order = order_view(create_time=1_700_000_000)
    first = order.create_time
    assert read_fields(order, ("create_time",))[0] is first


def test_amounts_of_a_dict_view_read_as_decimals() -> None:
    payment = _payment(currency="JPY", total_amount="1500", shipping_fee="0")
    assert read_fields(payment, AMOUNTS) == ("JPY", Decimal("1500"), Decimal("0"))
    assert payment.total_amount is read_fields(payment, AMOUNTS)[1]


def test_other_fields_read_as_attributes() -> None:
    order = order_view(buyer_message="よろしく", is_on_hold_order=True)
    names = ("id", "status", "buyer_message", "is_on_hold_order", "payment")
    assert read_fields(order, names) == tuple(getattr(order, name) for name in names)


def test_a_malformed_time_raises_the_views_error() -> None:
    with pytest.raises(MalformedFieldError) as raised:
        read_fields(order_view(paid_time="yesterday"), TIMES)
    assert (raised.value.model, raised.value.field) == ("Order", "paid_time")


def test_an_object_that_is_not_a_view_is_read_by_attribute() -> None:
    class Plain:
        create_time = "now"

    assert read_fields(Plain(), ("create_time",)) == ("now",)


def test_a_name_that_is_not_an_identifier_is_refused() -> None:
    with pytest.raises(ValueError, match="not a field name"):
        read_fields(order_view(), ("create_time; import os",))


_TIME_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.just(0),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.integers(min_value=10**15, max_value=10**20),  # out of range
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "0", "1700000000", "yesterday", " 12 "]),
    st.lists(st.integers(), max_size=1),
)
_AMOUNT_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["0", "1200", "12.50", "-3", "NaN", "Infinity", "1e3", "", "twelve"]),
    st.text(max_size=4),
)
_ABSENT = object()


def _both_reads(make: Any, names: tuple[str, ...], drawn: dict[str, Any]) -> tuple[Any, Any]:
    """The outcomes of ``read_fields`` and of reading each attribute, each on its own view that
    ``make`` builds from the drawn fields (``_ABSENT`` ones left out)."""
    fields = {name: value for name, value in drawn.items() if value is not _ABSENT}
    fast = outcome(lambda: read_fields(make(**fields), names))
    slow = outcome(lambda: tuple(getattr(make(**fields), name) for name in names))
    return fast, slow


@settings(max_examples=300, deadline=None)
@given(
    values=st.fixed_dictionaries(
        {name: st.one_of(st.just(_ABSENT), _TIME_VALUES) for name in TIMES}
    )
)
def test_any_times_read_as_attribute_reads_read_them_or_fail_as_they_fail(
    values: dict[str, Any],
) -> None:
    fast, slow = _both_reads(order_view, TIMES, values)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(
    values=st.fixed_dictionaries(
        {name: st.one_of(st.just(_ABSENT), _AMOUNT_VALUES) for name in AMOUNTS[1:]}
    )
)
def test_any_amounts_read_as_attribute_reads_read_them_or_fail_as_they_fail(
    values: dict[str, Any],
) -> None:
    fast, slow = _both_reads(_payment, AMOUNTS, values)
    assert fast == slow
