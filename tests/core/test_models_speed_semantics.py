"""Wire models parse fast without changing what they accept, return or raise.

``Money`` and ``Timestamp`` answer the common case (a money string, an int of seconds) ahead of
their general rules, lists default without a deep copy, and strict mode checks unknown fields
once per top-level parse instead of in a validator on every model.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tiktokshop_sync._core import conversions
from tiktokshop_sync._core.conversions import text_to_decimal
from tiktokshop_sync._core.models import (
    SchemaDriftError,
    WireModel,
    _to_decimal,
    _to_decimal_general,
    _to_utc,
    _to_utc_general,
    strict_models,
)
from tiktokshop_sync.types.order import LineItem, Order
from tiktokshop_sync.types.product import BatchResult

ORDER = {"id": "1", "status": "UNPAID"}

AMOUNT_TEXT = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789.-+eE_ \t\n\u00a0\u2003\x1c١٢", max_size=12),
    st.sampled_from(["", "0", "1500", "21.30", " 7 ", "NaN", "-Infinity", "sNaN", "1e999999"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
TIME_INTS = st.one_of(
    st.integers(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.sampled_from([0, 1, -1, 1_627_587_506, 253_402_300_799, 253_402_300_800, 10**20]),
)
TIME_TEXT = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789- \t²١", max_size=12),
    TIME_INTS.map(str),
    st.sampled_from(["", "0", "00", " 0", "--5", "1627587506", "2024-01-01T00:00:00Z"]),
)
OTHER = st.one_of(
    st.none(),
    st.booleans(),
    st.floats(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.datetimes(),
    st.datetimes(timezones=st.just(timezone(timedelta(hours=9)))),
    st.lists(st.integers(), max_size=2),
)


def _outcome(convert: Any, value: Any) -> tuple[str, str]:
    """What a conversion does with ``value``, comparable across calls: a value or an error."""
    try:
        result = convert(value)
    except Exception as exc:
        return ("raises", f"{type(exc).__name__}: {exc}")
    tz = result.tzinfo if isinstance(result, datetime) else None
    return ("returns", f"{type(result).__name__} {result!r} tzinfo={tz!r}")


@settings(max_examples=500, deadline=None)
@given(value=st.one_of(AMOUNT_TEXT, st.integers(), OTHER))
def test_the_money_fast_path_agrees_with_the_general_rules(value: Any) -> None:
    assert _outcome(_to_decimal, value) == _outcome(_to_decimal_general, value)


@settings(max_examples=500, deadline=None)
@given(value=st.one_of(TIME_INTS, TIME_TEXT, OTHER))
def test_the_timestamp_fast_path_agrees_with_the_general_rules(value: Any) -> None:
    assert _outcome(_to_utc, value) == _outcome(_to_utc_general, value)


def test_an_amount_keeps_its_trailing_zeros() -> None:
    payment = Order.model_validate({**ORDER, "payment": {"total_amount": "21.30"}}).payment
    assert payment is not None
    assert str(payment.total_amount) == "21.30"


def test_an_amount_text_read_twice_is_one_shared_decimal() -> None:
    first, second = text_to_decimal("19" + "80"), text_to_decimal("1980")
    assert first == Decimal("1980") and first is second


def test_a_shared_amount_keeps_the_exponent_of_its_own_text() -> None:
    text_to_decimal("21.3")
    assert str(text_to_decimal("21.30")) == "21.30"


def test_the_shared_amounts_start_over_when_the_table_is_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(conversions, "_MAX_AMOUNTS", 3)
    monkeypatch.setattr(conversions, "_AMOUNTS", {"0": Decimal("0")})
    texts = [f"{n}.5" for n in range(10)]
    assert [text_to_decimal(t) for t in texts] == [Decimal(t) for t in texts]
    assert len(conversions._AMOUNTS) <= 3
    assert text_to_decimal("0") == 0


def test_an_amount_padded_with_whitespace_is_read_as_the_number() -> None:
    payment = Order.model_validate({**ORDER, "payment": {"total_amount": " 1500\n"}}).payment
    assert payment is not None
    assert payment.total_amount == Decimal("1500")


def test_an_amount_given_as_an_int_is_read_as_that_decimal() -> None:
    payment = Order.model_validate({**ORDER, "payment": {"total_amount": 1500}}).payment
    assert payment is not None
    assert payment.total_amount == Decimal("1500")


def test_a_boolean_amount_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="an amount cannot be a boolean"):
        Order.model_validate({**ORDER, "payment": {"total_amount": True}})


def test_a_non_finite_amount_error_names_the_value() -> None:
    with pytest.raises(ValidationError, match="not a finite amount: 'NaN'"):
        Order.model_validate({**ORDER, "payment": {"total_amount": "NaN"}})


def test_an_empty_amount_on_an_optional_field_is_absent() -> None:
    order = Order.model_validate({**ORDER, "payment": {"total_amount": "", "sub_total": "9"}})
    assert order.payment is not None
    assert (order.payment.total_amount, order.payment.sub_total) == (None, Decimal("9"))


def test_a_timestamp_is_aware_in_the_standard_library_utc() -> None:
    order = Order.model_validate({**ORDER, "create_time": 1_627_587_506})
    assert order.create_time == datetime(2021, 7, 29, 19, 38, 26, tzinfo=timezone.utc)
    assert order.create_time is not None and order.create_time.tzinfo is timezone.utc


def test_a_timestamp_given_as_a_digit_string_is_read_as_seconds() -> None:
    order = Order.model_validate({**ORDER, "create_time": "1627587506"})
    assert order.create_time == datetime(2021, 7, 29, 19, 38, 26, tzinfo=timezone.utc)


@pytest.mark.parametrize("absent", [0, "0", "", None])
def test_a_zero_or_empty_timestamp_on_an_optional_field_is_absent(absent: object) -> None:
    assert Order.model_validate({**ORDER, "create_time": absent}).create_time is None


def test_absent_optional_amounts_and_times_dump_to_json_as_null() -> None:
    order = Order.model_validate({**ORDER, "create_time": 0, "payment": {"total_amount": ""}})
    dumped = order.model_dump(mode="json")
    assert dumped["create_time"] is None
    assert dumped["payment"]["total_amount"] is None


def test_a_boolean_timestamp_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="a timestamp cannot be a boolean"):
        Order.model_validate({**ORDER, "create_time": True})


def test_a_timestamp_past_year_9999_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="timestamp out of range: 253402300800"):
        Order.model_validate({**ORDER, "create_time": 253_402_300_800})


def test_an_absent_list_field_is_a_new_empty_list_for_each_model() -> None:
    first, second = Order.model_validate(ORDER), Order.model_validate(ORDER)
    assert first.line_items == [] and second.line_items == []
    assert first.line_items is not second.line_items


def test_a_dumped_model_still_leaves_out_empty_default_lists() -> None:
    assert "line_items" not in Order.model_validate(ORDER).model_dump(exclude_defaults=True)


def test_nested_models_are_built_without_a_python_init_call() -> None:
    # WireModel.__init__ (for the strict check) is marked as pydantic's own, so pydantic does
    # not call it for every nested model; losing the mark would slow every parse.
    # (The orders are lazy views; their eager validator is a pydantic model derived from them.)
    assert Order.pydantic_model().__pydantic_custom_init__ is False
    assert LineItem.pydantic_model().__pydantic_custom_init__ is False


def test_strict_mode_reports_an_unknown_field_deep_down_at_its_model() -> None:
    payload = {**ORDER, "line_items": [{"id": "a"}, {"id": "b", "item_tax": [{"new": 1}]}]}
    with strict_models(), pytest.raises(ValidationError) as caught:
        Order.model_validate(payload)
    (error,) = caught.value.errors()
    assert error["type"] == "value_error"
    assert error["loc"] == ("line_items", 1, "item_tax", 0)
    assert error["msg"] == "Value error, ItemTax got unknown field(s): new"
    assert error["input"] == {"new": 1}


def test_strict_mode_error_carries_a_schema_drift_error() -> None:
    with strict_models(), pytest.raises(ValidationError) as caught:
        Order.model_validate({**ORDER, "new": 1})
    assert isinstance(caught.value.errors()[0]["ctx"]["error"], SchemaDriftError)


def test_strict_mode_reports_every_drifted_model_in_one_error() -> None:
    payload = {**ORDER, "payment": {"new": 1}, "line_items": [{"id": "a", "other": 2}]}
    with strict_models(), pytest.raises(ValidationError) as caught:
        Order.model_validate(payload)
    assert [e["loc"] for e in caught.value.errors()] == [("payment",), ("line_items", 0)]


def test_strict_mode_does_not_report_a_model_whose_nested_model_drifted() -> None:
    # As with the former validator on each model: the parent's check never ran.
    with strict_models(), pytest.raises(ValidationError) as caught:
        Order.model_validate({**ORDER, "top": 1, "payment": {"new": 1}})
    assert [e["loc"] for e in caught.value.errors()] == [("payment",)]


def test_strict_mode_checks_json_input() -> None:
    with strict_models(), pytest.raises(ValidationError, match="LineItem got unknown field"):
        Order.model_validate_json(json.dumps({**ORDER, "line_items": [{"id": "a", "x": 1}]}))


def test_strict_mode_checks_the_constructor() -> None:
    with strict_models(), pytest.raises(ValidationError, match="Order got unknown field"):
        Order(id="1", status="UNPAID", new=1)  # type: ignore[call-arg]


def test_strict_mode_does_not_look_inside_raw_dict_fields() -> None:
    payload = {"errors": [{"code": 1, "detail": {"sku_id": "s", "any": {"new": 1}}}]}
    with strict_models():
        result = BatchResult.model_validate(payload)
    assert result.errors[0].detail == {"sku_id": "s", "any": {"new": 1}}


def test_strict_mode_does_not_check_a_model_kept_in_an_untyped_field() -> None:
    class Holder(WireModel):
        anything: Any = None

    with strict_models(False):
        drifted = LineItem.model_validate({"id": "a", "new": 1})
    with strict_models():
        assert Holder.model_validate({"anything": drifted}).anything is drifted


def test_lenient_mode_keeps_unknown_fields_given_to_the_constructor() -> None:
    with strict_models(False):
        order = Order(id="1", status="UNPAID", new=1)  # type: ignore[call-arg]
    assert order.model_extra == {"new": 1}


def test_lenient_mode_raises_nothing_for_unknown_fields_at_any_depth() -> None:
    payload = {**ORDER, "new": 1, "line_items": [{"id": "a", "item_tax": [{"x": 1}]}]}
    with strict_models(False):
        order = Order.model_validate(payload)
    assert order.line_items[0].item_tax[0].model_extra == {"x": 1}
