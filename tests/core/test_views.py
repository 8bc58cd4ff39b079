"""Orders are lazy views: read from the parsed reply, they give what the eager models gave.

A view converts each amount, time, enum value and nested object when it is first read, with
the same rules as the pydantic models (:mod:`tiktokshop_sync._core.conversions`); its eager
validator is a pydantic model derived from the same declaration. These tests hold the views to
that: every field of generated orders of TikTok's official shape reads as the eager validation
gives it, strict mode still fails loudly on drift, lenient mode keeps what it does not know,
and a malformed value raises a typed error when it is read.
"""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic_core import from_json

from mock_client import client_replying as _client
from official_shape import builder
from spec_oracle import require_spec
from tiktokshop_sync import MalformedFieldError, ResponseValidationError
from tiktokshop_sync._core.conversions import Conversion, OpenEnum, strict_models
from tiktokshop_sync._core.views import ViewField, ViewList, WireView, is_view
from tiktokshop_sync.resources._endpoints import ORDERS_SEARCH
from tiktokshop_sync.types.order import LineItem, Order, OrderStatus, Payment, RecipientAddress

ORDER = {"id": "1", "status": "UNPAID"}


def _lenient(raw: dict[str, Any]) -> Order:
    """An order as a lenient client reads it: ``from_json``, then a view over the dict."""
    with strict_models(False):
        return Order.reader()(from_json(json.dumps(raw)))


def _eager(raw: dict[str, Any]) -> BaseModel:
    """What the eager pydantic validation gives (lenient, as a client reads)."""
    with strict_models(False):
        return Order.pydantic_model().model_validate(raw)


# --- generated orders of the official shape ------------------------------------------------


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    require_spec()
    return builder().template_order()  # type: ignore[no-any-return]


AMOUNTS = st.one_of(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2).map(str),
    st.integers(min_value=0, max_value=10**7),
    st.sampled_from(["", "0", "1500", "21.30", " 7 ", "0.001"]),
    st.none(),
)
TIMES = st.one_of(
    st.integers(min_value=1, max_value=253_402_300_799),
    st.integers(min_value=0, max_value=2_000_000_000).map(str),
    st.sampled_from([0, "", "0"]),
    st.none(),
)
TEXT = st.text(max_size=12)
WIRE_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


def _enum_values(enum: type[Enum]) -> st.SearchStrategy[str]:
    known = st.sampled_from([member.value for member in enum])
    return known | st.from_regex(r"\A[A-Z_]{3,12}\Z") if issubclass(enum, OpenEnum) else known


@st.composite
def wire_object(draw: st.DrawFn, cls: type[WireView], template: dict[str, Any]) -> dict[str, Any]:
    """``template`` (an object of the official shape) with each declared field redrawn.

    Every declared field gets a value of its kind (or goes missing, or null where that is
    allowed); unknown fields are kept and new ones added, so extras are exercised too.
    """
    raw = copy.deepcopy(template)
    for name, info in cls.model_fields.items():
        if not info.is_required() and draw(st.booleans()) and draw(st.booleans()):
            raw.pop(name, None)
            continue
        raw[name] = draw(_value(info, raw.get(name)))
    extra = draw(st.dictionaries(st.from_regex(r"\Azz_[a-z]{1,6}\Z"), WIRE_VALUES, max_size=2))
    raw.update(extra)
    return raw


def _value(info: ViewField, given: Any) -> st.SearchStrategy[Any]:
    conversion = next((m for m in info.metadata if isinstance(m, Conversion)), None)
    if conversion is not None and conversion.name.endswith("money"):
        return AMOUNTS if info.optional else AMOUNTS.filter(lambda v: v not in ("", None))
    if conversion is not None and conversion.name.endswith("time"):
        return TIMES if info.optional else TIMES.filter(lambda v: v not in ("", 0, "0", None))
    if conversion is not None:
        return st.sampled_from([True, False, "true ", "FALSE", "", None])
    if info.kind == "enum":
        assert info.enum is not None
        values = _enum_values(info.enum)
        return values | st.none() if info.optional else values
    if info.kind == "model":
        assert info.model is not None
        nested = wire_object(info.model, given if isinstance(given, dict) else {})
        return nested | st.none() if info.optional else nested
    if info.kind == "models":
        assert info.model is not None
        first = given[0] if isinstance(given, list) and given else {}
        return st.lists(wire_object(info.model, first), max_size=3)
    if info.kind == "list":
        return st.lists(TEXT, max_size=3)
    kinds = {k for k in info.allowed if k.__name__ not in ("NoneType", "_Missing")}
    plain = {bool: st.booleans(), int: st.integers(-(10**6), 10**6), str: TEXT}
    (kind,) = kinds
    return plain[kind] | st.none() if info.optional else plain[kind]


def _same(lazy: Any, eager: Any, where: str) -> None:
    """``lazy`` reads exactly as ``eager``: same types and values, field by field, at depth."""
    if isinstance(lazy, WireView):
        assert type(eager).__name__ == type(lazy).__name__, where
        for name in type(lazy).model_fields:
            _same(getattr(lazy, name), getattr(eager, name), f"{where}.{name}")
        assert lazy.model_extra == eager.model_extra, f"{where} extras"
        return
    if isinstance(lazy, list):
        assert isinstance(eager, list) and len(lazy) == len(eager), where
        for i, (a, b) in enumerate(zip(lazy, eager, strict=True)):
            _same(a, b, f"{where}[{i}]")
        return
    assert type(lazy) is type(eager), f"{where}: {type(lazy)} != {type(eager)}"
    assert lazy == eager, where
    if isinstance(lazy, Decimal):
        assert str(lazy) == str(eager), where  # the same digits, trailing zeros included
    if isinstance(lazy, datetime):
        assert lazy.tzinfo is timezone.utc and eager.tzinfo is timezone.utc, where
    if isinstance(lazy, Enum):
        assert (lazy.name, lazy.value) == (eager.name, eager.value), where


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_field_of_a_generated_official_order_reads_as_eager_pydantic_gives_it(
    template: dict[str, Any], data: st.DataObject
) -> None:
    raw = data.draw(wire_object(Order, template))
    try:
        eager = _eager(raw)
    except ValidationError:
        assume(False)  # a value the models refuse: the next tests cover those
    lazy = _lenient(raw)
    _same(lazy, eager, "Order")
    assert lazy.model_dump() == eager.model_dump()
    assert lazy.model_dump(mode="json") == eager.model_dump(mode="json")


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(["total_amount", "sub_total", "tax"]),
    value=st.one_of(
        st.text(max_size=8), st.booleans(), st.floats(), st.integers(), st.none(), WIRE_VALUES
    ),
)
@example(field="total_amount", value="NaN")
@example(field="total_amount", value="-Infinity")
@example(field="total_amount", value="sNaN")
@example(field="total_amount", value=" 12.50 ")
@example(field="total_amount", value="1E+3")
@example(field="total_amount", value="0")
@example(field="total_amount", value="-0")
@example(field="total_amount", value="")
@example(field="total_amount", value="0.0")
@example(field="total_amount", value="１２")
def test_an_amount_reads_lazily_exactly_as_eager_pydantic_reads_or_refuses_it(
    field: str, value: Any
) -> None:
    raw = {**ORDER, "payment": {"currency": "JPY", field: value}}
    try:
        expected: Any = getattr(_eager(raw).payment, field)
    except ValidationError:
        expected = MalformedFieldError
    lazy = _lenient(raw).payment
    assert lazy is not None
    if expected is MalformedFieldError:
        with pytest.raises(MalformedFieldError):
            getattr(lazy, field)
    else:
        got = getattr(lazy, field)
        assert (type(got), got) == (type(expected), expected)


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from(["create_time", "paid_time", "rts_sla_time"]),
    value=st.one_of(st.integers(), st.text(max_size=12), st.floats(), st.booleans(), st.none()),
)
@example(field="create_time", value=0)
@example(field="create_time", value=-1)
@example(field="create_time", value=1700000000)
@example(field="create_time", value=1099511627776)
@example(field="create_time", value=100000000000000000000)
@example(field="create_time", value=-100000000000000000000)
@example(field="create_time", value="1700000000")
@example(field="create_time", value=True)
def test_a_time_reads_lazily_exactly_as_eager_pydantic_reads_or_refuses_it(
    field: str, value: Any
) -> None:
    raw = {**ORDER, field: value}
    try:
        expected: Any = getattr(_eager(raw), field)
    except ValidationError:
        expected = MalformedFieldError
    lazy = _lenient(raw)
    if expected is MalformedFieldError:
        with pytest.raises(MalformedFieldError):
            getattr(lazy, field)
    else:
        assert getattr(lazy, field) == expected
        assert type(getattr(lazy, field)) is type(expected)


# --- strict mode still fails loudly -------------------------------------------------------------


def test_strict_mode_refuses_an_order_with_an_unknown_field() -> None:
    data = {"orders": [{**ORDER, "line_items": [{"id": "a", "brand_new": 1}]}]}
    with strict_models(), pytest.raises(ValidationError, match="LineItem got unknown field"):
        ORDERS_SEARCH.reply.read(data)


def test_strict_mode_refuses_an_order_with_an_unknown_enum_value() -> None:
    data = {"orders": [{**ORDER, "status": "BRAND_NEW_STATUS"}]}
    with strict_models(), pytest.raises(ValidationError, match="status"):
        ORDERS_SEARCH.reply.read(data)


def test_a_strict_client_reports_drift_in_an_order_as_a_response_validation_error() -> None:
    body = json.dumps({"code": 0, "data": {"orders": [{**ORDER, "surprise": 1}]}}).encode()
    client = _client(body, strict_models=True)
    with pytest.raises(ResponseValidationError, match="surprise"):
        client.shop("c", grant="g").orders.search().first_page()


def test_a_strict_read_still_gives_lazy_views_over_the_reply() -> None:
    with strict_models():
        (order,) = ORDERS_SEARCH.reply.read({"orders": [{**ORDER, "create_time": 1700000000}]})
    assert type(order) is Order
    assert "create_time" not in vars(order)  # not converted until read
    assert order.create_time == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)


# --- lenient mode keeps what it does not know -----------------------------------------------------


def test_lenient_mode_keeps_unknown_fields_at_every_depth() -> None:
    raw = {**ORDER, "new": {"a": [1]}, "line_items": [{"id": "a", "item_tax": [{"x": 2}]}]}
    order = _lenient(raw)
    assert order.model_extra == {"new": {"a": [1]}}
    assert order.new == {"a": [1]}  # type: ignore[attr-defined]  # readable, as pydantic's extras
    assert order.line_items[0].item_tax[0].model_extra == {"x": 2}
    assert order.model_dump()["new"] == {"a": [1]}


def test_lenient_mode_keeps_an_unknown_enum_value_as_an_unknown_member() -> None:
    order = _lenient({**ORDER, "status": "BRAND_NEW_STATUS"})
    assert type(order.status) is OrderStatus
    assert order.status == "BRAND_NEW_STATUS" and not order.status.is_known


def test_an_order_read_leniently_converts_leniently_later_inside_strict_mode() -> None:
    order = _lenient({**ORDER, "status": "BRAND_NEW_STATUS"})
    with strict_models():
        assert order.status == "BRAND_NEW_STATUS"


# --- a malformed value raises a typed error when it is read -------------------------------------


@pytest.mark.parametrize(
    ("raw", "read", "where"),
    [
        ({"payment": {"total_amount": "12,000"}}, lambda o: o.payment.total_amount, "Payment"),
        ({"paid_time": "yesterday"}, lambda o: o.paid_time, "Order"),
        ({"shipping_type": 7}, lambda o: o.shipping_type, "Order"),
        ({"recipient_address": "東京都渋谷区"}, lambda o: o.recipient_address, "Order"),
        ({"line_items": {"id": "a"}}, lambda o: o.line_items, "Order"),
        ({"line_items": [{"id": "a", "sale_price": True}]}, lambda o: o.line_items[0].sale_price,
         "LineItem"),
    ],
    ids=["amount", "time", "enum", "object", "list", "nested amount"],
)  # fmt: skip
def test_a_malformed_value_raises_a_malformed_field_error_when_read(
    raw: dict[str, Any], read: Any, where: str
) -> None:
    order = _lenient({**ORDER, **raw})  # the page itself arrives
    with pytest.raises(MalformedFieldError) as caught:
        read(order)
    assert caught.value.model == where
    assert isinstance(caught.value, ValueError)


def test_a_malformed_value_error_never_quotes_text() -> None:
    order = _lenient({**ORDER, "recipient_address": "山田太郎 090-1234-5678"})
    with pytest.raises(MalformedFieldError) as caught:
        _ = order.recipient_address
    assert "山田" not in str(caught.value) and "090" not in str(caught.value)
    assert "recipient_address" in str(caught.value)


def test_a_repr_leaves_out_a_malformed_value_instead_of_raising() -> None:
    order = _lenient({**ORDER, "payment": "nope"})
    assert repr(order) == "Order(id='1', status='UNPAID')"


def test_text_of_the_wrong_type_fails_when_the_view_is_made() -> None:
    # pydantic never turns a number into text; the view checks text, flags and counts when it
    # is made, so reading them stays a plain attribute lookup.
    with pytest.raises(MalformedFieldError, match=r"Order\.buyer_message"):
        _lenient({**ORDER, "buyer_message": 7})


def test_a_flag_sent_as_text_is_read_as_pydantic_reads_it() -> None:
    order = _lenient({**ORDER, "is_cod": "true", "fulfillment_priority_level": "3"})
    assert order.is_cod is True and order.fulfillment_priority_level == 3


def test_an_order_without_a_required_field_is_refused_when_made() -> None:
    with pytest.raises(MalformedFieldError, match="status"):
        _lenient({"id": "1"})


def test_a_page_with_a_malformed_text_field_falls_back_and_fails_as_a_whole() -> None:
    body = json.dumps({"code": 0, "data": {"orders": [{**ORDER, "buyer_message": 7}]}}).encode()
    with pytest.raises(ResponseValidationError, match="buyer_message"):
        _client(body).shop("c", grant="g").orders.search().first_page()


# --- conversion happens once, in place ------------------------------------------------------------


def test_a_field_is_converted_on_first_read_and_kept() -> None:
    order = _lenient({**ORDER, "payment": {"total_amount": "1500"}, "line_items": [{"id": "a"}]})
    assert "payment" not in vars(order)
    payment = order.payment
    assert payment is order.payment and payment is not None
    assert vars(order)["payment"] is payment
    assert payment.total_amount is payment.total_amount == Decimal("1500")
    assert vars(payment)["total_amount"] == Decimal("1500")
    items = order.line_items
    assert type(vars(order)["line_items"]) is ViewList
    assert order.line_items is items


def test_a_view_keeps_no_dict_of_its_wire_object() -> None:
    order = _lenient({**ORDER, "buyer_email": "a@example.com", "create_time": 1700000000})
    assert vars(order) == {}  # text is read from the view's own storage, nothing is cached yet
    assert order.buyer_email == "a@example.com" and vars(order) == {}


def test_an_absent_text_field_reads_as_its_default_and_is_not_set() -> None:
    order = _lenient(ORDER)
    assert order.buyer_email == "" and order.fulfillment_priority_level is None
    assert "buyer_email" not in order.model_fields_set
    assert "buyer_email" not in order.model_dump(exclude_unset=True)


@pytest.mark.parametrize(
    "use",
    [len, iter, list, lambda view: view[0], lambda view: "id" in view, lambda view: view < view],
    ids=["len", "iter", "list", "subscript", "in", "order"],
)
def test_a_view_is_not_a_sequence(use: Any) -> None:
    with pytest.raises(TypeError):
        use(_lenient(ORDER))


def test_a_view_is_true_and_unequal_to_a_different_view() -> None:
    order = _lenient(ORDER)
    assert bool(order) is True
    assert (order != _lenient({**ORDER, "id": "2"})) is True
    assert (order != _lenient(dict(ORDER))) is False


def test_json_dumps_refuses_a_view_instead_of_writing_its_storage() -> None:
    with pytest.raises(TypeError):
        json.dumps(_lenient(ORDER))


def test_an_order_with_absent_and_unknown_fields_keeps_each_in_its_place() -> None:
    order = _lenient({**ORDER, "new_field": [1], "buyer_email": "x", "is_cod": True})
    assert order.new_field == [1] and order.model_extra == {"new_field": [1]}
    assert (order.buyer_email, order.is_cod, order.seller_note) == ("x", True, "")
    assert order.model_fields_set == {"id", "status", "buyer_email", "is_cod"}
    with pytest.raises(AttributeError):
        _ = order.no_such_field


def test_an_object_with_the_same_keys_in_another_order_reads_the_same() -> None:
    raw = {**ORDER, "buyer_email": "x", "payment": {"total_amount": "5"}}
    flipped = dict(reversed(list(raw.items())))
    assert _lenient(flipped) == _lenient(raw)
    assert _lenient(flipped).buyer_email == "x"


def test_objects_with_as_many_keys_but_other_keys_read_their_own_fields() -> None:
    first = _lenient({**ORDER, "buyer_email": "x", "is_cod": True})
    second = _lenient({**ORDER, "seller_note": "n", "new_field": 1})
    third = _lenient({**ORDER, "is_cod": False, "buyer_email": "y"})
    assert (first.buyer_email, first.is_cod, first.seller_note) == ("x", True, "")
    assert (second.seller_note, second.model_extra, second.buyer_email) == (
        "n",
        {"new_field": 1},
        "",
    )
    assert (third.buyer_email, third.is_cod, third.model_extra) == ("y", False, {})
    assert second.model_fields_set == {"id", "status", "seller_note"}


@settings(max_examples=200, deadline=None)
@given(
    objects=st.lists(
        st.dictionaries(
            st.sampled_from(["buyer_email", "seller_note", "is_cod", "extra_a", "extra_b"]),
            st.sampled_from(["v", "w"]),
        ),
        max_size=6,
    )
)
def test_any_run_of_objects_reads_each_object_as_it_would_alone(
    objects: list[dict[str, str]],
) -> None:
    fields = [{k: (v == "v") if k == "is_cod" else v for k, v in o.items()} for o in objects]
    views = [_lenient({**ORDER, **f}) for f in fields]  # one after another: layouts reused
    model = Order.pydantic_model()
    with strict_models(False):
        alone = [model.model_validate({**ORDER, **f}) for f in fields]
    for view, validated in zip(views, alone, strict=True):
        assert view.model_dump(exclude_unset=True) == validated.model_dump(exclude_unset=True)


def test_an_absent_list_reads_as_a_new_empty_list_each_time() -> None:
    order = _lenient(ORDER)
    assert order.line_items == [] and order.line_items is not order.line_items
    assert "line_items" not in order.model_fields_set


# --- the pydantic-like surface ------------------------------------------------------------------


def test_a_view_is_read_only() -> None:
    order = _lenient(ORDER)
    with pytest.raises(AttributeError, match="read-only"):
        order.id = "2"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        order.status = OrderStatus.CANCELLED  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del order.id  # type: ignore[misc]


def test_views_compare_by_value_whatever_has_been_read() -> None:
    raw = {**ORDER, "payment": {"total_amount": "5"}, "create_time": 1700000000}
    read, unread = _lenient(raw), _lenient(raw)
    _ = read.payment, read.create_time
    assert read == unread == Order.model_validate(raw)
    assert read != _lenient({**raw, "id": "2"})


def test_a_view_pickles_and_copies(tmp_path: Path) -> None:
    order = _lenient({**ORDER, "line_items": [{"id": "a", "sale_price": "3"}], "new": 1})
    _ = order.line_items
    for copied in (pickle.loads(pickle.dumps(order)), copy.copy(order), copy.deepcopy(order)):
        assert copied == order and copied.model_extra == {"new": 1}
        assert copied.line_items[0].sale_price == Decimal("3")


def test_a_view_pickled_unread_reads_in_a_fresh_process(tmp_path: Path) -> None:
    path = tmp_path / "order.pickle"
    path.write_bytes(pickle.dumps(_lenient({**ORDER, "payment": {"total_amount": "5"}})))
    code = textwrap.dedent(f"""
        import pickle, pathlib
        order = pickle.loads(pathlib.Path({str(path)!r}).read_bytes())
        print(repr(order.payment.total_amount))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "Decimal('5')"


def test_a_payment_hashes_by_its_values() -> None:
    first = _lenient({**ORDER, "payment": {"total_amount": "5"}}).payment
    second = Payment(total_amount=Decimal("5"))
    assert hash(first) == hash(second) and first == second


def test_model_validate_and_the_constructor_validate_eagerly() -> None:
    with pytest.raises(ValidationError, match="not a decimal amount"):
        Order.model_validate({**ORDER, "payment": {"total_amount": "x"}})
    with pytest.raises(ValidationError):
        Order(id="1")  # type: ignore[call-arg]
    order = Order(id="1", status=OrderStatus.UNPAID, payment=Payment(total_amount=Decimal("2")))
    assert order.payment is not None and order.payment.total_amount == Decimal("2")
    assert Order.model_validate(order) == order
    assert Order.model_validate_json(order.model_dump_json()) == order


def test_model_dump_is_what_the_eager_validator_dumps() -> None:
    raw = {
        **ORDER,
        "create_time": 1700000000,
        "payment": {"total_amount": "21.30", "tax": ""},
        "line_items": [{"id": "a", "display_status": "NEW_ONE", "x": [1]}],
        "new": "kept",
    }
    lazy, eager = _lenient(raw), _eager(raw)
    for options in ({}, {"mode": "json"}, {"exclude_unset": True}, {"exclude_defaults": True},
                    {"exclude_none": True}, {"include": {"id", "payment"}},
                    {"exclude": {"line_items"}}):  # fmt: skip
        assert lazy.model_dump(**options) == eager.model_dump(**options), options
    assert json.loads(lazy.model_dump_json()) == json.loads(eager.model_dump_json())


def test_model_fields_describes_each_field_as_pydantic_does() -> None:
    fields = Order.model_fields
    assert list(fields)[:3] == ["id", "status", "create_time"]
    assert fields["id"].is_required() and not fields["buyer_message"].is_required()
    assert fields["payment"].annotation == Payment | None
    assert fields["line_items"].annotation == list[LineItem]
    assert fields["line_items"].get_default(call_default_factory=True) == []
    assert fields["create_time"].annotation == datetime | None
    assert fields["create_time"].metadata and fields["recipient_address"].repr
    assert is_view(RecipientAddress) and not is_view(Payment())


def test_an_order_can_be_a_field_of_a_users_pydantic_model() -> None:
    class Row(BaseModel):
        order: Order
        orders: list[Order] = []

    kept = _lenient(ORDER)
    row = Row(order={**ORDER, "payment": {"total_amount": "7"}}, orders=[kept])
    assert type(row.order) is Order and row.orders[0] is kept
    assert row.order.payment is not None and row.order.payment.total_amount == Decimal("7")
    dumped = json.loads(row.model_dump_json())
    assert dumped["order"]["payment"]["total_amount"] == "7"
    assert Row.model_validate_json(row.model_dump_json()) == row
    with strict_models(), pytest.raises(ValidationError, match="unknown field"):
        Row(order={**ORDER, "new": 1})


@pytest.mark.slow
def test_order_fields_are_typed_for_mypy_without_the_pydantic_plugin(tmp_path: Path) -> None:
    source = tmp_path / "user.py"
    source.write_text(
        textwrap.dedent("""
            from tiktokshop_sync.types.order import Order

            def read(order: Order) -> None:
                reveal_type(order.payment.total_amount if order.payment else None)
                reveal_type(order.create_time)
                reveal_type(order.line_items)
                reveal_type(order.status)
                reveal_type(order.model_extra)
                order.id = "x"
        """)
    )
    (tmp_path / "mypy.ini").write_text("[mypy]\n")  # the user's settings: no pydantic plugin
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(tmp_path / "mypy.ini"),
         "--cache-dir", str(tmp_path / "cache"), str(source)],
        capture_output=True, text=True, check=False, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    out = done.stdout + done.stderr
    revealed = re.findall(r'Revealed type is "(.*)"', out.replace("builtins.", ""))
    assert revealed == [
        "decimal.Decimal | None",
        "datetime.datetime | None",
        "list[tiktokshop_sync.types.order.LineItem]",
        "tiktokshop_sync.types.order.OrderStatus",
        "dict[str, Any]",
    ], out
    assert 'Property "id" defined in "Order" is read-only' in out, out
