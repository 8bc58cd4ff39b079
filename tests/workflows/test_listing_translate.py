"""TikTok's listing replies become listing facts: tested on the official examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import listing_samples as s
from tiktokshop_sync.domain import (
    AttributeKind,
    CatalogFacts,
    CategoryMapping,
    CategoryTarget,
    CategoryVersion,
    IssueCode,
    ListingMappings,
    ListingState,
    Ready,
    RefusedByTikTok,
    RequiredWhen,
    apply_listing_check,
    check_listing,
    decide_listing,
    review_status,
)
from tiktokshop_sync.types import category, listing
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.product import Product
from tiktokshop_sync.workflows import listing_translate as translate

# The official examples of the called endpoints (the SDK calls them all since issue 16).
FIXTURES = Path(__file__).parents[1] / "contract" / "fixtures" / "products"
V1 = CategoryVersion.V1


def _data(document_id: str) -> Any:
    text = (FIXTURES / f"{document_id}.json").read_text(encoding="utf-8")
    return json.loads(text)["response"]["data"]


def test_the_official_category_is_a_parent_the_shop_may_not_use() -> None:
    tree = translate.category_tree(
        category.Categories.model_validate(_data("get-categories-202309")), V1
    )
    node = tree.get("600002")
    assert node is not None
    assert (node.name, node.parent_id, node.is_leaf) == ("Home Supplies", "600001", False)
    assert node.blocked_by == ("INVITE_ONLY", "NON_MAIN_CATEGORY")
    assert node.permitted is False
    assert tree.version is V1


def test_the_official_attribute_keeps_its_values_condition_and_flags() -> None:
    reply = category.CategoryAttributes.model_validate(_data("get-attributes-202309"))
    facts = translate.attribute_facts(reply.attributes[0])
    assert (facts.id, facts.name, facts.kind) == ("100392", "Occasion", AttributeKind.PRODUCT)
    assert facts.required is False
    assert [(o.id, o.name) for o in facts.options] == [("1001533", "Birthday")]
    assert (facts.customizable, facts.multiple, facts.numeric) == (True, True, True)
    assert facts.required_when == (RequiredWhen(attribute_id="101610", value_id="1024358"),)


def test_a_sales_attribute_is_never_required_by_the_product_attribute_flag() -> None:
    raw = {"id": "100000", "name": "Color", "type": "SALES_PROPERTY", "is_requried": True}
    facts = translate.attribute_facts(category.CategoryAttribute.model_validate(raw))
    assert facts.kind is AttributeKind.SALES
    assert facts.required is False
    assert facts.accepts_custom


def test_a_condition_of_an_undocumented_type_is_left_out() -> None:
    raw = {
        "id": "1",
        "requirement_conditions": [
            {"condition_type": "RANGE", "attribute_id": "2", "attribute_value_id": "3"}
        ],
    }
    with strict_models(False):
        attribute = category.CategoryAttribute.model_validate(raw)
    assert translate.attribute_facts(attribute).required_when == ()


def test_the_official_rules_require_a_size_chart_dimensions_and_a_certificate() -> None:
    rules = translate.category_rules(
        category.CategoryRules.model_validate(_data("get-category-rules-202309"))
    )
    [certification] = rules.certifications
    assert (certification.id, certification.name) == ("602362", "SNI Certificate")
    assert certification.required and certification.expiry_required
    assert certification.required_when == (RequiredWhen(attribute_id="101610", value_id="1024358"),)
    assert (rules.size_chart_supported, rules.size_chart_required) == (True, True)
    assert rules.package_dimensions_required is True and rules.dimensions_required
    assert rules.cod_supported is True
    assert not (rules.manufacturer_required or rules.responsible_person_required)
    assert rules.special_product_types == {"PRE_ORDER"}
    assert rules.required_fees == {"PFAND"}


def test_rules_without_a_package_dimension_rule_require_dimensions() -> None:
    rules = translate.category_rules(category.CategoryRules.model_validate({}))
    assert rules.package_dimensions_required is None
    assert rules.dimensions_required


def test_the_official_brand_is_authorized_t1_and_available() -> None:
    page = category.BrandsPage.model_validate(_data("get-brands-202309"))
    [brand] = translate.category_facts(
        "600006",
        attributes=category.CategoryAttributes(),
        rules=category.CategoryRules(),
        brands=[page],
    ).brands
    assert (brand.id, brand.name, brand.authorized, brand.t1, brand.available_in_category) == (
        "7082427311584347905",
        "Teas",
        True,
        True,
        True,
    )


def test_an_unauthorized_brand_in_tiktoks_spelling_is_unauthorized() -> None:
    raw = {"id": "1", "name": "x", "authorized_status": "UNAUTHORIEZD", "is_t1_brand": False}
    brand = translate.brand_facts(category.ShopBrand.model_validate(raw))
    assert (brand.authorized, brand.t1, brand.available_in_category) == (False, False, None)


def test_the_official_recommendation_is_a_leaf_the_shop_may_not_use() -> None:
    reply = category.CategoryRecommendation.model_validate(_data("recommend-category-202309"))
    suggestion = translate.category_suggestion(reply, CategoryVersion.V2)
    assert suggestion is not None
    assert suggestion.target == CategoryTarget(category_id="605254")
    assert suggestion.path == ("Teas",)
    assert not suggestion.usable


def test_a_recommendation_path_is_ordered_by_level() -> None:
    reply = category.CategoryRecommendation.model_validate(
        {
            "leaf_category_id": "3",
            "categories": [
                {
                    "id": "3",
                    "name": "Tシャツ",
                    "level": 3,
                    "is_leaf": True,
                    "permission_statuses": ["AVAILABLE"],
                },
                {"id": "1", "name": "ファッション", "level": 1},
                {"id": "2", "name": "トップス", "level": 2},
            ],
        }
    )
    suggestion = translate.category_suggestion(reply, CategoryVersion.V2)
    assert suggestion is not None and suggestion.usable
    assert suggestion.path == ("ファッション", "トップス", "Tシャツ")


def test_no_recommendation_is_none() -> None:
    assert translate.category_suggestion(category.CategoryRecommendation(), V1) is None


def test_the_official_prerequisites_hold_every_product_for_the_return_warehouse() -> None:
    checks = translate.prerequisites(
        listing.ListingPrerequisites.model_validate(_data("check-listing-prerequisites-202312"))
    )
    [check] = checks
    assert (check.item, check.failed) == ("RETURN_WAREHOUSE", True)
    report = check_listing(
        s.product(),
        mappings=s.MAPPINGS,
        facts=CatalogFacts(tree=s.TREE, categories=s.FACTS.categories, prerequisites=checks),
    )
    assert [i.code for i in report.issues] == [IssueCode.SHOP_NOT_READY]
    assert report.issues[0].message_ja.startswith(
        "ショップの返品倉庫が未設定です: Couldn't publish"
    )


def test_the_official_listing_check_refuses_a_ready_product_with_tiktoks_reason() -> None:
    outcome = translate.listing_check_outcome(
        listing.ListingCheck.model_validate(_data("check-product-listing-202309"))
    )
    assert not outcome.passed
    assert outcome.warning == "Your product will not be sent for review. "
    ready = decide_listing(check_listing(s.product(), mappings=s.MAPPINGS, facts=s.FACTS))
    assert isinstance(ready, Ready)
    refused = apply_listing_check(ready, outcome)
    assert isinstance(refused, RefusedByTikTok)
    assert [(r.code, r.message) for r in refused.reasons] == [(12052700, "Product title invalid")]


def test_the_official_edit_reply_is_in_review() -> None:
    edited = listing.EditedProduct.model_validate(_data("edit-product-202509"))
    facts = translate.review_facts(edited)
    assert (facts.status, facts.audit_status) == ("", "AUDITING")
    assert review_status(facts).state is ListingState.IN_REVIEW


def test_a_product_that_failed_review_carries_tiktok_shops_reasons_only() -> None:
    product = Product.model_validate(
        {
            "id": "1",
            "status": "FAILED",
            "product_status": "ACTIVATE",
            "audit": {"status": "FAILED"},
            "audit_failed_reasons": [
                {
                    "position": "title",
                    "reasons": ["too short"],
                    "suggestions": ["add words"],
                    "listing_platform": "TIKTOK_SHOP",
                },
                {"position": "image", "reasons": ["x"], "listing_platform": "TOKOPEDIA"},
            ],
        }
    )
    status = review_status(translate.review_facts(product))
    assert status.state is ListingState.REJECTED
    assert [f.describe() for f in status.failures] == ["title: too short (add words)"]


def test_a_pre_approved_product_waits_for_what_either_spelling_says() -> None:
    product = Product.model_validate(
        {
            "id": "1",
            "status": "PENDING",
            "audit": {
                "status": "PRE_APPROVED",
                "pre_approved_reasons": ["KYC_PENDING"],
                "pre_approved_reason": ["KYC_PENDING", "RESTRICTED_CATEGORY_PENDING"],
            },
        }
    )
    facts = translate.review_facts(product)
    assert facts.pre_approved_reasons == ("KYC_PENDING", "RESTRICTED_CATEGORY_PENDING")
    assert review_status(facts).state is ListingState.PRE_APPROVED


def test_facts_from_the_official_examples_drive_the_validator() -> None:
    attributes = category.CategoryAttributes.model_validate(_data("get-attributes-202309"))
    rules = category.CategoryRules.model_validate(_data("get-category-rules-202309"))
    brands = category.BrandsPage.model_validate(_data("get-brands-202309"))
    facts = CatalogFacts(
        categories=[
            translate.category_facts("600001", attributes=attributes, rules=rules, brands=[brands])
        ]
    )
    mappings = ListingMappings(
        categories=CategoryMapping(rows={"お茶": CategoryTarget(category_id="600001", version=V1)})
    )
    product = s.product(category="お茶", brand="Teas", fields={}, size_chart_template_id="")
    report = check_listing(product, mappings=mappings, facts=facts)
    assert [i.code for i in report.issues] == [
        IssueCode.SIZE_CHART_MISSING,
        IssueCode.CERTIFICATION_MISSING,
    ]
    assert "SNI Certificate" in report.issues[1].message_en
