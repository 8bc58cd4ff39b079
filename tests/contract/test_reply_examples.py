"""Every official reply example reads through the public call, strictly and leniently alike."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import BaseModel

from conformance.calls import SDK_CALLS, SdkCall, perform
from conformance.fixtures import load_fixture
from tiktokshop_sync import Page
from tiktokshop_sync._core.views import WireView

CALLS = {call.name: call for call in SDK_CALLS}


def _extras(value: Any, where: str = "") -> list[str]:
    """Every unknown field kept anywhere inside a result."""
    found: list[str] = []
    if isinstance(value, BaseModel | WireView):  # views (orders) are no pydantic models
        if value.model_extra:
            found.append(f"{where or type(value).__name__}: {sorted(value.model_extra)}")
        for name in type(value).model_fields:
            found += _extras(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, Page):
        for index, item in enumerate(value.items):
            found += _extras(item, f"{where}[{index}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found += _extras(item, f"{where}[{index}]")
    return found


@pytest.mark.parametrize("name", CALLS)
def test_the_official_reply_parses_in_strict_mode_through_the_public_call(name: str) -> None:
    call = CALLS[name]
    perform(call, load_fixture(call.fixture), strict=True)


@pytest.mark.parametrize("name", CALLS)
def test_the_official_reply_reads_the_same_leniently_with_no_unknown_field(name: str) -> None:
    call = CALLS[name]
    fixture = load_fixture(call.fixture)
    lenient = perform(call, fixture, strict=False).result
    assert lenient == perform(call, fixture, strict=True).result
    assert _extras(lenient) == []


def _route(template: str) -> re.Pattern[str]:
    pattern = re.sub(r"/\d{6}/", "/\\\\d{6}/", template)
    return re.compile(re.sub(r"\{[^}]+\}", "[^/]+", pattern) + "$")


@pytest.mark.parametrize("name", CALLS)
def test_the_call_goes_to_the_documented_method_and_path(name: str) -> None:
    call: SdkCall = CALLS[name]
    fixture = load_fixture(call.fixture)
    request = perform(call, fixture, strict=False).request
    assert request.method == fixture.method
    assert _route(fixture.path).match(request.url.path), (request.url.path, fixture.path)
