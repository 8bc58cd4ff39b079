"""Helpers for tests of the views' shortcut readers (``nested_fields``, ``read_fields``): a
lenient client's order view over given wire fields, and what a read gives or raises."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic_core import from_json

from tiktokshop_sync import MalformedFieldError
from tiktokshop_sync._core.conversions import strict_models
from tiktokshop_sync.types.order import Order


@pytest.fixture
def lenient() -> Iterator[None]:
    """As a host's client reads (the suite is strict: see tests/conftest.py)."""
    with strict_models(False):
        yield


def order_view(**fields: Any) -> Order:
    """An order view over ``fields`` (with an id and a status), made as a page makes it."""
    raw = {"id": "1", "status": "AWAITING_SHIPMENT", **fields}
    return Order.reader()(from_json(json.dumps(raw)))


def outcome(read: Callable[[], Any]) -> Any:
    """``("read", value)``, or ``("error", model, field)`` for a ``MalformedFieldError``."""
    try:
        return ("read", read())
    except MalformedFieldError as error:
        return ("error", error.model, error.field)
