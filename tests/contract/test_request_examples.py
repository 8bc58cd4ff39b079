"""Every official request example can be produced from the SDK's typed inputs."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.calls import SDK_CALLS, perform
from conformance.fixtures import Fixture, load_fixture
from tiktokshop_sync import PaginationError

CALLS = {call.name: call for call in SDK_CALLS}


def differences(sent: Any, example: Any, where: str) -> list[str]:
    """Dotted paths where ``sent`` differs from ``example`` in keys, JSON types or values."""
    if isinstance(example, dict) and isinstance(sent, dict):
        found: list[str] = []
        for key in example.keys() | sent.keys():
            if key not in sent or key not in example:
                found.append(f"{where}.{key}")
            else:
                found += differences(sent[key], example[key], f"{where}.{key}")
        return found
    if isinstance(example, list) and isinstance(sent, list):
        if len(example) != len(sent):
            return [where]
        found = []
        for index, (a, b) in enumerate(zip(sent, example, strict=True)):
            found += differences(a, b, f"{where}[{index}]")
        return found
    same_type = type(sent) is type(example) or {type(sent), type(example)} <= {int, float}
    return [] if same_type and sent == example else [where]


def _sent_and_example(fixture: Fixture, name: str) -> list[str]:
    call = CALLS[name]
    performed = perform(call, fixture, strict=False, resume=call.pages is not None)
    template = fixture.path.split("/")
    sent_path = {
        name[1:-1]: value
        for name, value in zip(template, performed.request.url.path.split("/"), strict=False)
        if name.startswith("{")
    }
    # An empty example body is no body: TikTok's own SDK sends none.
    example_body = fixture.body or None
    found = differences(sent_path, fixture.path_params, "path")
    found += differences(performed.query(), fixture.query, "query")
    found += differences(performed.body() or None, example_body, "body")
    return sorted(found)


@pytest.mark.parametrize("name", CALLS)
def test_the_official_request_comes_from_typed_inputs_but_for_the_listed_differences(
    name: str,
) -> None:
    call = CALLS[name]
    found = _sent_and_example(load_fixture(call.fixture), name)
    assert found == sorted(call.request_differs), (
        "the request differs from TikTok's example where not listed, or a listed "
        f"difference is gone: {found}"
    )


def test_the_comparison_sees_a_missing_key_a_changed_type_and_a_changed_value() -> None:
    example = {"a": 1, "b": ["x"], "c": {"d": "1"}}
    assert sorted(differences({"b": ["x"], "c": {"d": 1}}, example, "body")) == [
        "body.a",
        "body.c.d",
    ]
    assert differences({"a": 2, "b": ["x"], "c": {"d": "1"}}, example, "body") == ["body.a"]


def _hands_the_token_back(fixture: Fixture) -> bool:
    """Whether the example's reply names the page token its request sent as the next one."""
    return fixture.response["data"].get("next_page_token") == fixture.query.get("page_token")


_SEARCHES = [c for c in SDK_CALLS if c.pages is not None]


@pytest.mark.parametrize(
    "name", [c.name for c in _SEARCHES if _hands_the_token_back(load_fixture(c.fixture))]
)
def test_a_search_resumed_from_the_example_token_stops_when_tiktok_hands_it_back(
    name: str,
) -> None:
    call = CALLS[name]
    performed = perform(call, load_fixture(call.fixture), strict=False, resume=True)
    assert isinstance(performed.result, PaginationError)


@pytest.mark.parametrize(
    "name", [c.name for c in _SEARCHES if not _hands_the_token_back(load_fixture(c.fixture))]
)
def test_a_search_resumed_from_the_example_token_reads_the_page_and_points_at_the_next(
    name: str,
) -> None:
    call = CALLS[name]
    fixture = load_fixture(call.fixture)
    page = perform(call, fixture, strict=False, resume=True).result
    assert page.page_token == fixture.query["page_token"]
    assert page.next_page_token == fixture.response["data"]["next_page_token"]
