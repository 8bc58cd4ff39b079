"""TikTok's official examples are kept in the project, with provenance, and follow the snapshot."""

from __future__ import annotations

import re

import pytest

from conformance import endpoint_for
from conformance.calls import SDK_CALLS
from conformance.fixtures import (
    build_fixture,
    fixture_path,
    load_fixture,
    stored_keys,
    stored_without_date,
)
from spec_oracle import require_spec

KEYS = sorted({call.fixture for call in SDK_CALLS})


def test_every_endpoint_the_sdk_calls_has_a_stored_fixture() -> None:
    missing = [key for key in KEYS if not fixture_path(key).exists()]
    assert not missing, f"run `make contract` to copy these from the snapshot: {missing}"


def test_every_stored_fixture_belongs_to_an_endpoint_the_sdk_calls() -> None:
    assert set(stored_keys()) == set(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_each_fixture_says_where_and_when_it_was_copied_from(key: str) -> None:
    provenance = load_fixture(key).provenance
    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{7,40}", provenance["snapshot"])
    assert provenance["file"].startswith(("api/", "guides/"))
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", provenance["copied"])


@pytest.mark.parametrize("key", KEYS)
def test_each_fixture_still_equals_the_snapshot(key: str) -> None:
    require_spec()
    assert stored_without_date(key) == build_fixture(endpoint_for(key)), (
        f"TikTok's snapshot changed {key}: run `make contract` and review the diff"
    )
