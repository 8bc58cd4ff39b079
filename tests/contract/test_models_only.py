"""Wire models of endpoints the SDK does not call yet are TikTok's documented objects.

For every endpoint in :mod:`models_only` (none at present: every modelled endpoint is called):
the stored official example says where it came from and is still the snapshot's example
verbatim, it validates leniently with nothing left over and in strict mode, the model declares
every documented field and nothing else at every depth, and every value a description lists is
a member of the field's enum.
"""

from __future__ import annotations

import pytest

from models_only import ENDPOINTS, Documented, fixture
from spec_oracle import find, require_spec
from spec_oracle.fields import enum_fields, model_fields_match
from tiktokshop_sync.types._base import strict_models

_ids = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.document_id)


@_ids
def test_the_fixture_says_where_it_came_from(endpoint: Documented) -> None:
    provenance = fixture(endpoint)["provenance"]
    assert provenance["document_id"] == endpoint.document_id
    assert provenance["snapshot"].startswith("lazykern/ecommerce-api-docs at commit eba059e")
    assert provenance["endpoint"] == f"{endpoint.method} {endpoint.path}"
    assert provenance["spec"].startswith("api/")
    assert provenance["spec"].endswith(".spec.json")
    assert provenance["copied"]


@_ids
def test_the_fixture_is_the_snapshots_official_example_verbatim(endpoint: Documented) -> None:
    require_spec()
    documented = find(endpoint.method, endpoint.path)
    assert documented.document_id == endpoint.document_id
    stored = fixture(endpoint)
    assert stored["provenance"]["spec"] == f"api/{documented.group}/{documented.file.name}"
    assert stored["response"] == documented.response_example


@_ids
def test_the_official_example_validates_leniently_with_nothing_left_over(
    endpoint: Documented,
) -> None:
    with strict_models(False):
        parsed = endpoint.model.model_validate(fixture(endpoint)["response"]["data"])
    assert not parsed.model_extra


@_ids
def test_the_official_example_validates_in_strict_mode(endpoint: Documented) -> None:
    with strict_models():
        parsed = endpoint.model.model_validate(fixture(endpoint)["response"]["data"])
    assert parsed is not None


@_ids
def test_the_model_declares_every_documented_field_and_nothing_else(endpoint: Documented) -> None:
    require_spec()
    data = find(endpoint.method, endpoint.path).data
    assert data is not None
    problems = model_fields_match(endpoint.model, data, undocumented_ok=endpoint.undocumented_ok)
    assert problems == []


@_ids
def test_every_value_the_descriptions_list_is_a_member_of_the_fields_enum(
    endpoint: Documented,
) -> None:
    require_spec()
    data = find(endpoint.method, endpoint.path).data
    assert data is not None
    missing = [
        f"{path}: {value}"
        for path, enum, param in enum_fields(endpoint.model, data)
        for value in param.enum
        if value not in {member.value for member in enum}
    ]
    assert missing == []
