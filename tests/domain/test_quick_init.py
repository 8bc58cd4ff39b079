"""``quick_init`` builds frozen values exactly as attrs' own ``__init__``, only quicker."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tiktokshop_sync.domain import Address, Contact, DispatchFacts
from tiktokshop_sync.domain._frozen import quick_init
from tiktokshop_sync.domain.buyer import BuyerBlock
from tiktokshop_sync.domain.deadlines import DispatchDeadline, NoDispatchDeadline
from tiktokshop_sync.domain.hold import Hold
from tiktokshop_sync.domain.planning.orders import Delivery, OrderFacts, SkippedOrder
from tiktokshop_sync.domain.postal_codes import PostalCode
from tiktokshop_sync.workflows.values import ImportedOrder, OrderLine, Recipient

#: The values the order import builds for every order (see docs/performance.md).
HOT = (
    Address,
    BuyerBlock,
    Contact,
    Delivery,
    DispatchDeadline,
    DispatchFacts,
    Hold,
    ImportedOrder,
    NoDispatchDeadline,
    OrderFacts,
    OrderLine,
    PostalCode,
    Recipient,
    SkippedOrder,
)


def _positive(_inst: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative")


def _make(*, quick: bool) -> type:
    """The same frozen class twice (same name, same fields), with or without ``quick_init``."""

    @attrs.frozen(kw_only=True)
    class Value:
        name: str = attrs.field(converter=str)
        count: int = attrs.field(default=0, validator=_positive)
        tags: tuple[str, ...] = attrs.field(factory=tuple, converter=tuple)
        label: str = attrs.field(default=attrs.Factory(lambda self: self.name.upper(), True))
        _secret: str = attrs.field(default="", alias="secret")
        computed: str = attrs.field(init=False, default="fixed")
        seen: list[str] = attrs.field(factory=list, eq=False)

        def __attrs_post_init__(self) -> None:
            self.seen.append(self.name)

    return quick_init(Value) if quick else Value


SLOW, QUICK = _make(quick=False), _make(quick=True)


def _outcome(cls: type, kwargs: dict[str, Any]) -> Any:
    try:
        value = cls(**kwargs)
    except Exception as exc:  # the error is what is compared
        return (type(exc), str(exc))
    return (attrs.astuple(value, recurse=False), value.seen)


@given(
    kwargs=st.dictionaries(
        st.sampled_from(["name", "count", "tags", "label", "secret", "computed", "other"]),
        st.one_of(st.integers(-3, 3), st.text(max_size=3), st.lists(st.text(max_size=2))),
    )
)
def test_a_quick_value_is_built_or_refused_exactly_as_attrs_builds_it(
    kwargs: dict[str, Any],
) -> None:
    assert _outcome(QUICK, kwargs) == _outcome(SLOW, kwargs)


def test_the_quick_init_is_in_place_and_keeps_the_signature() -> None:
    assert QUICK.__init__.__code__.co_filename.startswith("<quick init")
    assert QUICK.__init__.__kwdefaults__ == SLOW.__init__.__kwdefaults__
    assert QUICK.__init__.__qualname__ == SLOW.__init__.__qualname__


def test_a_quick_value_stays_frozen() -> None:
    value = QUICK(name="a")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        value.name = "b"


def test_a_quick_value_skips_its_validators_while_attrs_disables_them() -> None:
    with attrs.validators.disabled():
        assert QUICK(name="a", count=-1).count == -1
    with pytest.raises(ValueError, match="count must not be negative"):
        QUICK(name="a", count=-1)


def test_a_quick_value_evolves_and_compares_as_an_attrs_value() -> None:
    value = QUICK(name="a", tags=["x"])
    assert attrs.evolve(value, count=2) == QUICK(name="a", tags=("x",), count=2)


def test_a_class_attrs_did_not_give_a_slotted_init_keeps_its_own() -> None:
    @attrs.frozen(slots=False)
    class Loose:
        name: str

    init = Loose.__init__
    assert quick_init(Loose).__init__ is init


@pytest.mark.parametrize("cls", HOT, ids=lambda cls: cls.__name__)
def test_each_value_the_order_import_builds_per_order_uses_the_quick_init(cls: type) -> None:
    assert cls.__init__.__code__.co_filename.startswith("<quick init")
