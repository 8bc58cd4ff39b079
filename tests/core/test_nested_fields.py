"""``nested_fields``: a few fields of nested objects, read as their views read them, unmade.

The order import reads seven fields of each line item, two of each district and eight of the
payment; the views would check every field of each object when made. These tests hold the
shortcut to the views: the same values, the views' coercions and errors for anything unusual,
and the views themselves once they exist.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lenient_reads import lenient, order_view, outcome  # noqa: F401 - lenient: a fixture
from tiktokshop_sync import MalformedFieldError
from tiktokshop_sync._core.conversions import strict_models
from tiktokshop_sync._core.views import nested_fields
from tiktokshop_sync.types.order import Order

LINE = ("sku_id", "seller_sku", "id", "product_name", "sale_price", "is_gift")
DISTRICT = ("address_level", "address_name")


pytestmark = pytest.mark.usefixtures("lenient")


def _item(**fields: Any) -> dict[str, Any]:
    return {"id": "li-1", "sku_id": "s1", "seller_sku": "A-1", "sale_price": "1200", **fields}


def _through_views(order: Order, field: str, names: tuple[str, ...]) -> list[tuple[Any, ...]]:
    value = getattr(order, field)
    views = value if isinstance(value, list) else [] if value is None else [value]
    return [tuple(getattr(v, n) for n in names) for v in views]


def test_line_items_read_as_their_views_read_them() -> None:
    items = [_item(), _item(id="li-2", product_name="茶", is_gift=True, sale_price="0.5")]
    fast = nested_fields(order_view(line_items=items), "line_items", LINE)
    assert fast == _through_views(order_view(line_items=items), "line_items", LINE)
    assert fast[1] == ("s1", "A-1", "li-2", "茶", Decimal("0.5"), True)


def test_reading_makes_no_views() -> None:
    order = order_view(line_items=[_item()])
    nested_fields(order, "line_items", LINE)
    assert "line_items" not in order.__dict__


def test_an_absent_optional_field_reads_as_its_default() -> None:
    item = {"id": "li-1"}
    assert nested_fields(order_view(line_items=[item]), "line_items", LINE) == [
        ("", "", "li-1", "", None, False)
    ]


def test_a_single_nested_object_reads_as_one_row() -> None:
    order = order_view(payment={"currency": "JPY", "total_amount": "1500"})
    rows = nested_fields(order, "payment", ("currency", "total_amount", "shipping_fee"))
    assert rows == [("JPY", Decimal("1500"), None)]


def test_an_absent_object_or_list_reads_as_no_rows() -> None:
    order = order_view()
    assert nested_fields(order, "payment", ("currency",)) == []
    assert nested_fields(order, "line_items", LINE) == []


def test_a_value_of_another_type_is_coerced_as_the_view_coerces_it() -> None:
    items = [_item(is_gift="true")]
    fast = nested_fields(order_view(line_items=items), "line_items", LINE)
    assert fast == _through_views(order_view(line_items=items), "line_items", LINE)
    assert fast[0][-1] is True


def test_a_malformed_field_read_raises_the_views_error() -> None:
    order = order_view(line_items=[_item(is_gift={"yes": 1})])
    with pytest.raises(MalformedFieldError) as raised:
        nested_fields(order, "line_items", LINE)
    assert raised.value.field == "is_gift"


def test_a_malformed_field_not_read_is_left_for_its_view() -> None:
    order = order_view(line_items=[_item(is_gift={"yes": 1})])
    assert nested_fields(order, "line_items", ("sku_id",)) == [("s1",)]
    with pytest.raises(MalformedFieldError):
        order.line_items[0].is_gift  # noqa: B018 - the view still checks it when read


def test_an_amount_that_is_not_decimal_text_raises_the_views_error() -> None:
    order = order_view(line_items=[_item(sale_price="twelve")])
    with pytest.raises(MalformedFieldError) as raised:
        nested_fields(order, "line_items", LINE)
    assert raised.value.field == "sale_price"


def test_views_already_made_are_read_as_they_are() -> None:
    order = order_view(line_items=[_item()])
    first = order.line_items[0]
    assert nested_fields(order, "line_items", ("id",)) == [("li-1",)]
    assert order.line_items[0] is first


def test_strict_mode_reads_through_the_views() -> None:
    order = order_view(recipient_address={"district_info": [{"address_level": "L1", "new": 1}]})
    with strict_models(True):
        rows = nested_fields(order.recipient_address, "district_info", DISTRICT)
    assert rows == [("L1", "")]
    assert "district_info" in order.recipient_address.__dict__


def test_a_field_of_another_kind_is_refused() -> None:
    with pytest.raises(TypeError, match="not read by nested_fields"):
        nested_fields(order_view(line_items=[_item()]), "line_items", ("display_status",))


_ANY_WIRE_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.text(max_size=6),
    st.sampled_from(["0", "1200", "12.50", " 7 ", "", "true", "false", "1"]),
    st.lists(st.integers(), max_size=2),
)
_ABSENT = object()
#: Values of each field's usual type, so whole objects of usual types are drawn often.
_USUAL = {
    "sku_id": st.text(max_size=4),
    "seller_sku": st.text(max_size=4),
    "id": st.text(min_size=1, max_size=4),
    "product_name": st.text(max_size=4),
    "is_gift": st.booleans(),
    "sale_price": st.sampled_from(["0", "1200", "12.50"]),
}


#: Text and flags first and the amount last (the order import's order), and the amount among
#: them: the same reads either way.
ORDERS = (("sku_id", "seller_sku", "id", "product_name", "is_gift", "sale_price"), LINE)


@st.composite
def _line_items(draw: st.DrawFn) -> list[dict[str, Any]]:
    items = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        item: dict[str, Any] = {}
        for name in LINE:
            value = draw(st.one_of(st.just(_ABSENT), _ANY_WIRE_VALUE, _USUAL[name]))
            if value is not _ABSENT:
                item[name] = value
        items.append(item)
    return items


@pytest.mark.parametrize("names", ORDERS, ids=["amount-last", "amount-among"])
@settings(max_examples=300, deadline=None)
@given(items=_line_items())
def test_any_line_items_read_as_the_views_read_them_or_fail_as_they_fail(
    names: tuple[str, ...], items: list[dict[str, Any]]
) -> None:
    fast = outcome(lambda: nested_fields(order_view(line_items=items), "line_items", names))
    slow = outcome(lambda: _through_views(order_view(line_items=items), "line_items", names))
    assert fast == slow


def test_an_amount_read_after_the_text_is_converted() -> None:
    order = order_view(line_items=[_item(product_name="茶", is_gift=False, sale_price="99.5")])
    assert nested_fields(order, "line_items", ORDERS[0]) == [
        ("s1", "A-1", "li-1", "茶", False, Decimal("99.5"))
    ]


def test_a_dotted_path_reads_a_list_inside_a_nested_object_without_making_views() -> None:
    districts = [{"address_level": "L1", "address_name": "東京都"}, {"address_level": "L2"}]
    order = order_view(recipient_address={"name": "x", "district_info": districts})
    rows = nested_fields(order, "recipient_address.district_info", DISTRICT)
    assert rows == [("L1", "東京都"), ("L2", "")]
    assert "recipient_address" not in order.__dict__


def test_a_dotted_path_through_a_view_already_made_reads_through_the_views() -> None:
    order = order_view(recipient_address={"district_info": [{"address_level": "L1"}]})
    made = order.recipient_address
    assert nested_fields(order, "recipient_address.district_info", DISTRICT) == [("L1", "")]
    assert "district_info" in made.__dict__


def test_a_dotted_path_with_an_absent_object_on_the_way_reads_as_no_rows() -> None:
    assert nested_fields(order_view(), "recipient_address.district_info", DISTRICT) == []


@settings(max_examples=200, deadline=None)
@given(
    address=st.one_of(
        st.just(_ABSENT),
        _ANY_WIRE_VALUE,
        st.fixed_dictionaries(
            {},
            optional={
                "name": st.text(max_size=3),  # a field not read stays well-formed here
                "district_info": st.one_of(
                    _ANY_WIRE_VALUE,
                    st.lists(
                        st.one_of(
                            _ANY_WIRE_VALUE,
                            st.fixed_dictionaries(
                                {},
                                optional={
                                    "address_level": st.one_of(_ANY_WIRE_VALUE, st.just("L1")),
                                    "address_name": st.one_of(_ANY_WIRE_VALUE, st.text(max_size=3)),
                                },
                            ),
                        ),
                        max_size=3,
                    ),
                ),
            },
        ),
    )
)
def test_any_address_reads_its_districts_as_the_views_read_them_or_fails_as_they_fail(
    address: Any,
) -> None:
    fields = {} if address is _ABSENT else {"recipient_address": address}
    path = "recipient_address.district_info"

    def through_views() -> list[tuple[Any, ...]]:
        held = order_view(**fields).recipient_address
        views = [] if held is None else held.district_info
        return [tuple(getattr(v, n) for n in DISTRICT) for v in views]

    fast = outcome(lambda: nested_fields(order_view(**fields), path, DISTRICT))
    assert fast == outcome(through_views)
