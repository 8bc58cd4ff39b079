"""The listing-rule wire models are TikTok's documented objects, field for field.

Categories, attributes, category rules, brands, the category recommendation, the shop's listing
prerequisites, the listing check and Edit Product 202509's reply. The SDK calls every one of
these endpoints, so their official examples are the call conformance suite's fixtures
(``contract/fixtures/products/``, with provenance checked by ``test_fixtures.py``); these tests
add what is particular to the listing models.
"""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import Any, get_args

import attrs
import pytest
from pydantic import BaseModel, ValidationError

from conformance.fixtures import load_fixture
from spec_oracle import Param, enum_values, find, require_spec
from spec_oracle.fields import model_fields_match
from tiktokshop_sync.domain import IssueCode, ListingPolicy
from tiktokshop_sync.domain.listing_attributes import (
    CUSTOM_OPTION_NAME_LIMIT,
    CUSTOM_OPTION_VALUE_LIMIT,
    CUSTOM_VALUE_LIMIT,
)
from tiktokshop_sync.domain.listing_check import (
    CERTIFICATION_LIMIT,
    DESCRIPTION_IMAGE_LIMIT,
    DESCRIPTION_LIMIT,
    MAIN_IMAGE_LIMIT,
    SALES_ATTRIBUTE_KINDS,
    SELLER_SKU_LIMIT,
)
from tiktokshop_sync.domain.stock import TIKTOK_MAX_QUANTITY
from tiktokshop_sync.types import category, listing
from tiktokshop_sync.types._base import OpenEnum, strict_models

# Edit Product's reply reuses Create Product's SKU and Get Product's audit models; their other
# fields are documented by those endpoints (Get Product documents a sales attribute's names and
# images and the audit's pre-approved reasons), so they may be declared here.
_SHARED_WITH_GET_PRODUCT = (
    "skus.sales_attributes.name",
    "skus.sales_attributes.value_name",
    "skus.sales_attributes.sku_img",
    "skus.sales_attributes.supplementary_sku_images",
    "audit.pre_approved_reasons",
    "audit.pre_approved_reason",
)


@attrs.frozen
class Documented:
    """An endpoint, exactly as versioned in the snapshot, and the model of its ``data``."""

    document_id: str
    method: str
    path: str
    model: type[BaseModel]
    undocumented_ok: tuple[str, ...] = ()


ENDPOINTS = (
    Documented("get-categories-202309", "GET", "/product/202309/categories", category.Categories),
    Documented(
        "get-attributes-202309",
        "GET",
        "/product/202309/categories/{category_id}/attributes",
        category.CategoryAttributes,
    ),
    Documented(
        "get-category-rules-202309",
        "GET",
        "/product/202309/categories/{category_id}/rules",
        category.CategoryRules,
    ),
    Documented("get-brands-202309", "GET", "/product/202309/brands", category.BrandsPage),
    Documented(
        "recommend-category-202309",
        "POST",
        "/product/202309/categories/recommend",
        category.CategoryRecommendation,
    ),
    Documented(
        "check-listing-prerequisites-202312",
        "GET",
        "/product/202312/prerequisites",
        listing.ListingPrerequisites,
    ),
    Documented(
        "check-product-listing-202309",
        "POST",
        "/product/202309/products/listing_check",
        listing.ListingCheck,
    ),
    Documented(
        "edit-product-202509",
        "PUT",
        "/product/202509/products/{product_id}",
        listing.EditedProduct,
        undocumented_ok=_SHARED_WITH_GET_PRODUCT,
    ),
)

_ids = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.document_id)

#: Enums this change defines: their members must be exactly the documented values.
OWN_ENUMS = frozenset(
    {
        category.CategoryPermission,
        category.AttributeType,
        category.ValueDataFormat,
        category.ConditionType,
        category.BrandAuthorization,
        category.BrandAvailability,
        listing.PrerequisiteItem,
        listing.ListingCheckResult,
        listing.DiagnosisField,
    }
)

# A bullet that is one token with an upper-case letter, whatever the case of the rest: the
# oracle's enum_values reads only upper-case tokens, and one documented item is ``BANk_ACCOUNT``.
_LOOSE_BULLET = re.compile(r"^\s*[-*]\s*`?([A-Za-z][A-Za-z0-9_]*[A-Za-z0-9])`?\s*(?:[:(（]|$)")
# Values listed in running text rather than bullets: (field, description fragment, values).
_INLINE = {
    "check_result": ("(PASS, FAILED)", ("PASS", "FAILED")),
}


def _documented_values(param: Param) -> tuple[str, ...]:
    if param.name in _INLINE and _INLINE[param.name][0] in param.desc:
        return _INLINE[param.name][1]
    found = list(enum_values(param.desc))
    for line in param.desc.splitlines():
        match = _LOOSE_BULLET.match(line)
        token = match.group(1) if match else ""
        if "_" in token and any(c.isupper() for c in token) and token not in found:
            found.append(token)
    return tuple(found)


def _data(endpoint: Documented) -> Any:
    return load_fixture(f"products/{endpoint.document_id}").response["data"]


@_ids
def test_the_fixture_is_the_official_example_of_the_documented_endpoint(
    endpoint: Documented,
) -> None:
    fixture = load_fixture(f"products/{endpoint.document_id}")
    assert (fixture.method, fixture.path) == (endpoint.method, endpoint.path)
    require_spec()
    documented = find(endpoint.method, endpoint.path)
    assert documented.document_id == endpoint.document_id
    assert fixture.response == documented.response_example


@_ids
def test_the_official_example_validates_leniently_with_nothing_left_over(
    endpoint: Documented,
) -> None:
    with strict_models(False):
        parsed = endpoint.model.model_validate(_data(endpoint))
    assert not parsed.model_extra
    assert parsed.model_dump(exclude_defaults=True)


@_ids
def test_the_official_example_validates_in_strict_mode(endpoint: Documented) -> None:
    with strict_models():
        parsed = endpoint.model.model_validate(_data(endpoint))
    assert parsed is not None


@_ids
def test_the_model_declares_every_documented_field_and_nothing_else(endpoint: Documented) -> None:
    require_spec()
    data = find(endpoint.method, endpoint.path).data
    assert data is not None
    assert model_fields_match(endpoint.model, data, undocumented_ok=endpoint.undocumented_ok) == []


def _flatten(annotation: Any) -> list[Any]:
    return [annotation, *(a for arg in get_args(annotation) for a in _flatten(arg))]


def _enum_fields(
    model: type[BaseModel], param: Param, at: str = ""
) -> list[tuple[str, Any, Param]]:
    """(path, enum class, documented param) for every enum-typed field, at every depth."""
    found: list[tuple[str, Any, Param]] = []
    for child in param.children:
        field = model.model_fields.get(child.name)
        if field is None:
            continue
        path = f"{at}{child.name}"
        for arg in _flatten(field.annotation):
            if isinstance(arg, type) and issubclass(arg, OpenEnum):
                found.append((path, arg, child))
            elif isinstance(arg, type) and issubclass(arg, BaseModel):
                found.extend(_enum_fields(arg, child, f"{path}."))
    return found


@_ids
def test_every_value_the_descriptions_list_reads_as_a_known_member(endpoint: Documented) -> None:
    require_spec()
    data = find(endpoint.method, endpoint.path).data
    assert data is not None
    unknown = []
    for path, enum, param in _enum_fields(endpoint.model, data):
        for value in _documented_values(param):
            with strict_models():
                try:
                    enum(value)
                except ValueError:
                    unknown.append(f"{path}: {value}")
    assert unknown == []


def _documented_members() -> dict[Any, set[Enum]]:
    """For each enum, the members its documented values read as, over every endpoint."""
    found: dict[Any, set[Enum]] = {}
    for endpoint in ENDPOINTS:
        data = find(endpoint.method, endpoint.path).data
        assert data is not None
        for _, enum, param in _enum_fields(endpoint.model, data):
            found.setdefault(enum, set()).update(enum(v) for v in _documented_values(param))
    return found


@pytest.mark.parametrize(
    "enum", sorted(OWN_ENUMS, key=lambda e: e.__name__), ids=lambda e: e.__name__
)
def test_the_enums_defined_here_hold_exactly_the_documented_values(enum: Any) -> None:
    require_spec()
    documented = _documented_members()
    assert enum in documented, f"no endpoint documents {enum.__name__}"
    assert documented[enum] == set(enum)


def test_the_attribute_required_flag_is_read_under_tiktoks_spelling() -> None:
    require_spec()
    names = {
        p.name
        for p in find("GET", "/product/202309/categories/{x}/attributes")
        .data_field("attributes")
        .children
    }
    assert "is_requried" in names and "is_required" not in names
    attribute = category.CategoryAttribute.model_validate({"id": "1", "is_requried": True})
    assert attribute.required is True
    assert category.CategoryAttribute.model_validate({"id": "1"}).required is False


def test_a_correctly_spelled_required_flag_is_still_read_but_is_drift_when_strict() -> None:
    with strict_models(False):
        attribute = category.CategoryAttribute.model_validate({"id": "1", "is_required": True})
    assert attribute.required is True
    with strict_models(), pytest.raises(ValidationError):
        category.CategoryAttribute.model_validate({"id": "1", "is_required": True})


def test_the_special_product_types_sent_as_one_quoted_string_read_as_a_list() -> None:
    rules = category.CategoryRules.model_validate(
        _data(ENDPOINTS[2]) | {"allowed_special_product_types": '"PRE_ORDER"'}
    )
    assert rules.allowed_special_product_types == [category.PreSaleType.PRE_ORDER]
    listed = category.CategoryRules.model_validate({"allowed_special_product_types": ["CUSTOM"]})
    assert listed.allowed_special_product_types == [category.PreSaleType.CUSTOM]
    empty = category.CategoryRules.model_validate({"allowed_special_product_types": ""})
    assert empty.allowed_special_product_types == []


def test_the_unauthorized_brand_status_reads_the_same_in_both_documented_spellings() -> None:
    with strict_models():
        assert (
            category.BrandAuthorization("UNAUTHORIEZD") is category.BrandAuthorization.UNAUTHORIZED
        )
        assert (
            category.BrandAuthorization("UNAUTHORIZED") is category.BrandAuthorization.UNAUTHORIZED
        )


def test_the_brand_selection_rules_spell_unauthorized_correctly() -> None:
    require_spec()
    raw = json.loads(find("GET", "/product/202309/brands").file.read_text(encoding="utf-8"))
    rules = raw["document_api_meta"]["env_desc"]
    assert "authorized_status=UNAUTHORIZED" in rules


def test_the_bank_account_prerequisite_reads_whatever_its_case() -> None:
    require_spec()
    desc = find("GET", "/product/202312/prerequisites").data_field("check_results.check_item").desc
    assert "BANk_ACCOUNT" in desc
    with strict_models():
        assert listing.PrerequisiteItem("BANk_ACCOUNT") is listing.PrerequisiteItem.BANK_ACCOUNT


def test_an_unknown_permission_is_kept_and_refused_when_strict() -> None:
    raw = {"id": "1", "permission_statuses": ["PENDING_REVIEW"]}
    with strict_models(False):
        node = category.Category.model_validate(raw)
    assert not node.permission_statuses[0].is_known
    with strict_models(), pytest.raises(ValidationError):
        category.Category.model_validate(raw)


def test_the_official_listing_check_failed_with_create_products_code() -> None:
    check = listing.ListingCheck.model_validate(_data(ENDPOINTS[6]))
    assert not check.passed
    assert [(r.code, r.message) for r in check.fail_reasons] == [
        (12052700, "Product title invalid")
    ]
    assert check.warnings is not None and check.warnings.message.startswith("Your product")


def test_a_listing_check_passes_only_with_pass_and_no_reason() -> None:
    assert listing.ListingCheck.model_validate({"check_result": "PASS"}).passed
    assert not listing.ListingCheck.model_validate(
        {"check_result": "PASS", "fail_reasons": [{"code": 1}]}
    ).passed
    assert not listing.ListingCheck.model_validate({}).passed


def test_the_prerequisites_list_what_the_shop_still_fails() -> None:
    reply = listing.ListingPrerequisites.model_validate(_data(ENDPOINTS[5]))
    assert [c.check_item for c in reply.failed] == [listing.PrerequisiteItem.RETURN_WAREHOUSE]


def test_the_edit_reply_carries_the_review_state_of_get_product() -> None:
    edited = listing.EditedProduct.model_validate(_data(ENDPOINTS[7]))
    assert edited.audit is not None and edited.audit.status == "AUDITING"
    assert edited.skus[0].sales_attributes[0].value_id == "1729592969712207123"


def test_reprs_show_ids_and_names_never_image_urls() -> None:
    attributes = category.CategoryAttributes.model_validate(_data(ENDPOINTS[1]))
    shown = repr(attributes.attributes[0])
    assert "Occasion" in shown and "100392" in shown
    assert "https://" not in repr(attributes)
    brand = category.BrandsPage.model_validate(_data(ENDPOINTS[3])).brands[0]
    assert "Teas" in repr(brand) and "AUTHORIZED" in repr(brand)


# --- the validator's limits and codes are Create Product's ------------------------------------


def _create_product() -> Any:
    return find("POST", "/product/202309/products")


def _body(dotted: str) -> Param:
    node: Param | None = None
    params = _create_product().body
    for part in dotted.split("."):
        node = next(p for p in params if p.name == part)
        params = node.children
    assert node is not None
    return node


def test_every_tiktok_code_the_validator_predicts_is_documented_for_creating_a_product() -> None:
    require_spec()
    documented = (
        set(_create_product().errors)
        | set(find("PUT", "/product/202509/products/{x}").errors)
        | set(find("POST", "/product/202309/products/listing_check").errors)
    )
    predicted = {code.tiktok_code for code in IssueCode if code.tiktok_code is not None}
    assert predicted - documented == set()


@pytest.mark.parametrize(
    ("field", "fragment"),
    [
        ("title", f"JP, UK, US: [1, {ListingPolicy(market='JP').title_range[1]}]"),
        ("description", f"Max length: {DESCRIPTION_LIMIT:,} characters"),
        ("description", f"Max {DESCRIPTION_IMAGE_LIMIT} `<img>` tags"),
        ("main_images", f"Max count: {MAIN_IMAGE_LIMIT}"),
        ("skus", f"JP, MX, UK, US: {ListingPolicy(market='JP').sku_limit}"),
        ("skus.seller_sku", f"Valid length: 1-{SELLER_SKU_LIMIT} characters"),
        ("skus.inventory.quantity", f"{TIKTOK_MAX_QUANTITY:,}]"),
        ("skus.sales_attributes.name", f"Max length: {CUSTOM_OPTION_NAME_LIMIT} characters"),
        ("skus.sales_attributes.value_name", f"Max length: {CUSTOM_OPTION_VALUE_LIMIT} chara"),
        ("skus.sales_attributes", f"up to {SALES_ATTRIBUTE_KINDS} types of sales attributes"),
        ("product_attributes.values.name", f"Max length: {CUSTOM_VALUE_LIMIT} characters"),
        ("certifications", f"Max count: {CERTIFICATION_LIMIT}"),
        ("skus.identifier_code.code", "JAN: 8 or 13 digits"),
        ("package_weight.unit", "BR, JP, MX: `KILOGRAM`, `GRAM`"),
        ("package_weight.value", "`GRAM`: integer"),
        ("package_dimensions", "Optional for ID, TH, VN regions"),
    ],
)
def test_the_validators_limits_are_the_ones_create_product_documents(
    field: str, fragment: str
) -> None:
    require_spec()
    assert fragment in _body(field).desc.replace("\n", " ")
