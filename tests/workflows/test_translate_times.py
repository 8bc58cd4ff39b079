"""The order times the deadline rules take, read from an order at once, land in their fields."""

from __future__ import annotations

from datetime import datetime

import attrs

from lenient_reads import order_view
from tiktokshop_sync._core.conversions import strict_models
from tiktokshop_sync.domain import DispatchFacts
from tiktokshop_sync.types.order import Order
from tiktokshop_sync.workflows.translate import dispatch_facts, order_facts


def _order() -> Order:
    times = {name: 1_700_000_000 + 60 * i for i, name in enumerate(DispatchFacts.TIMES)}
    with strict_models(False):
        return order_view(**times)


def test_dispatch_times_names_the_time_fields_in_field_order() -> None:
    fields = attrs.fields(DispatchFacts)
    assert tuple(f.name for f in fields if "datetime" in str(f.type)) == DispatchFacts.TIMES


def test_each_order_time_lands_in_its_dispatch_field() -> None:
    facts = dispatch_facts(_order(), shop="s")
    for name in DispatchFacts.TIMES:
        assert getattr(facts, name) == getattr(_order(), name), name
        assert isinstance(getattr(facts, name), datetime)


def test_the_order_facts_carry_the_payment_time_the_dispatch_facts_carry() -> None:
    facts, _ = order_facts(_order(), shop="s")
    assert facts.paid_time == facts.dispatch.paid_time == _order().paid_time
