"""Properties of the listing rules over generated categories and catalogs (hypothesis).

The validator reports only what the category requires, reports each required attribute the
product lacks exactly once, is ready exactly when nothing blocks, and giving a missing value
removes exactly its issue; the mapping report accounts for every product once.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import listing_samples as s
from tiktokshop_sync.domain import (
    AttributeFacts,
    AttributeMapping,
    AttributeOption,
    AttributeSource,
    CatalogFacts,
    CategoryFacts,
    CategoryMapping,
    CategoryNode,
    CategoryRules,
    CategoryTarget,
    CategoryTree,
    CertificationFacts,
    IssueCode,
    ListingMappings,
    ListingProduct,
    ListingReport,
    category_mapping_report,
    check_listing,
)

LEAF = "900001"
RULE_CODES = {
    IssueCode.SIZE_CHART_MISSING,
    IssueCode.PACKAGE_DIMENSIONS_MISSING,
    IssueCode.CERTIFICATION_MISSING,
    IssueCode.CERTIFICATION_REQUIRED_BY,
    IssueCode.BRAND_MISSING,
}


@attrs.frozen
class Category:
    """A generated leaf category: its attributes (id -> required) and its rules."""

    required: dict[str, bool]
    rules: CategoryRules
    brand_required: bool


attribute_ids = st.lists(
    st.integers(min_value=100, max_value=999).map(str), min_size=0, max_size=6, unique=True
)


@st.composite
def categories(draw: Callable[..., Any]) -> Category:
    ids = draw(attribute_ids)
    required = {i: draw(st.booleans()) for i in ids}
    certifications = [
        CertificationFacts(id=f"c{n}", name=f"証明書{n}", required=draw(st.booleans()))
        for n in range(draw(st.integers(0, 3)))
    ]
    rules = CategoryRules(
        certifications=certifications,
        size_chart_required=draw(st.booleans()),
        size_chart_supported=draw(st.sampled_from([None, True, False])),
        package_dimensions_required=draw(st.sampled_from([None, True, False])),
    )
    return Category(required=required, rules=rules, brand_required=draw(st.booleans()))


def _option(attribute_id: str) -> AttributeOption:
    return AttributeOption(id=f"{attribute_id}-v", name=f"値{attribute_id}")


def _facts(category: Category) -> CatalogFacts:
    attributes = [
        AttributeFacts(id=i, name=f"属性{i}", required=r, options=[_option(i)])
        for i, r in category.required.items()
    ]
    return CatalogFacts(
        tree=CategoryTree(nodes=[CategoryNode(id=LEAF, is_leaf=True, permissions={"AVAILABLE"})]),
        categories=[CategoryFacts(category_id=LEAF, attributes=attributes, rules=category.rules)],
    )


def _mappings(category: Category) -> ListingMappings:
    return ListingMappings(
        categories=CategoryMapping(rows={"host": CategoryTarget(category_id=LEAF)}),
        attributes=[
            AttributeMapping(
                category_id=LEAF,
                sources=[AttributeSource(attribute_id=i, field=f"f{i}") for i in category.required],
                brand_required=category.brand_required,
            )
        ],
    )


def _product(category: Category, given_ids: set[str], **changes: Any) -> ListingProduct:
    fields = {f"f{i}": f"値{i}" for i in category.required if i in given_ids}
    base = s.product(
        category="host", fields=fields, skus=[attrs.evolve(s.product().skus[0], options={})]
    )
    return attrs.evolve(base, **changes)


def _check(category: Category, product: ListingProduct) -> ListingReport:
    return check_listing(product, mappings=_mappings(category), facts=_facts(category))


@st.composite
def cases(draw: Callable[..., Any]) -> tuple[Category, set[str]]:
    category = draw(categories())
    given_ids = set(draw(st.sets(st.sampled_from(sorted(category.required) or ["-"]))))
    return category, given_ids


@settings(max_examples=150, deadline=None)
@given(case=cases())
def test_every_required_attribute_without_a_value_is_reported_exactly_once(
    case: tuple[Category, set[str]],
) -> None:
    category, given_ids = case
    report = _check(category, _product(category, given_ids))
    missing = [i.field for i in report.issues if i.code is IssueCode.ATTRIBUTE_MISSING]
    expected = [
        f"product_attributes[{i}]"
        for i, required in category.required.items()
        if required and i not in given_ids
    ]
    assert sorted(missing) == sorted(expected)
    assert len(missing) == len(set(missing))


@settings(max_examples=150, deadline=None)
@given(
    category=categories(),
    bare=st.fixed_dictionaries(
        {
            "brand": st.sampled_from(["", "Acme"]),
            "size_chart_template_id": st.sampled_from(["", "1"]),
            "package_dimensions": st.sampled_from([None, s.product().package_dimensions]),
            "certifications": st.just(()),
        }
    ),
)
def test_the_validator_never_asks_for_what_the_category_does_not_require(
    category: Category, bare: dict[str, Any]
) -> None:
    product = _product(category, set(category.required), **bare)
    codes = {i.code for i in _check(category, product).issues}
    rules = category.rules
    if not rules.size_chart_required:
        assert IssueCode.SIZE_CHART_MISSING not in codes
    if rules.package_dimensions_required is False:
        assert IssueCode.PACKAGE_DIMENSIONS_MISSING not in codes
    if not any(c.required for c in rules.certifications):
        assert IssueCode.CERTIFICATION_MISSING not in codes
    if not category.brand_required:
        assert IssueCode.BRAND_MISSING not in codes
    if not any(category.required.values()):
        assert IssueCode.ATTRIBUTE_MISSING not in codes
    assert codes & RULE_CODES <= {
        code
        for code, applies in (
            (IssueCode.SIZE_CHART_MISSING, rules.size_chart_required),
            (IssueCode.PACKAGE_DIMENSIONS_MISSING, rules.dimensions_required),
            (IssueCode.CERTIFICATION_MISSING, any(c.required for c in rules.certifications)),
            (IssueCode.BRAND_MISSING, category.brand_required),
        )
        if applies
    }


@settings(max_examples=150, deadline=None)
@given(case=cases())
def test_a_product_is_ready_exactly_when_nothing_blocks_and_only_then_has_a_listing(
    case: tuple[Category, set[str]],
) -> None:
    category, given_ids = case
    report = _check(category, _product(category, given_ids))
    assert report.ready == (not report.issues)
    assert (report.listing is not None) == report.ready
    assert all(i.blocking for i in report.issues)
    assert not any(w.blocking for w in report.warnings)


@settings(max_examples=100, deadline=None)
@given(case=cases())
def test_giving_a_missing_attribute_its_value_removes_exactly_that_issue(
    case: tuple[Category, set[str]],
) -> None:
    category, given_ids = case
    missing = [i for i, r in category.required.items() if r and i not in given_ids]
    if not missing:
        return
    before = _check(category, _product(category, given_ids)).issues
    after = _check(category, _product(category, given_ids | {missing[0]})).issues
    gone = [i for i in before if i not in after]
    assert [i.field for i in gone] == [f"product_attributes[{missing[0]}]"]
    assert all(i in before for i in after)


@settings(max_examples=100, deadline=None)
@given(case=cases())
def test_the_same_product_and_facts_always_give_the_same_report(
    case: tuple[Category, set[str]],
) -> None:
    category, given_ids = case
    product = _product(category, given_ids)
    assert _check(category, product) == _check(category, product)


hosts = st.sampled_from(
    ["メンズ > Tシャツ", "コスメ", "メンズ > トップス", "キッズ", "ｷｯｽﾞ", "", "バッグ"]
)


@settings(max_examples=100, deadline=None)
@given(chosen=st.lists(hosts, max_size=30))
def test_the_mapping_report_accounts_for_every_product_once(chosen: list[str]) -> None:
    products = [s.product(catalog_id=f"P{n}", category=host) for n, host in enumerate(chosen)]
    report = category_mapping_report(products, s.MAPPINGS.categories, s.TREE)
    counted = (
        report.mapped
        + sum(u.count for u in report.unmapped)
        + sum(p.count for p in report.problems)
    )
    assert counted == report.products == len(products)
    assert all(len(u.examples) == min(u.count, 3) for u in report.unmapped)
    assert report.complete == (report.mapped == len(products))


@settings(max_examples=100, deadline=None)
@given(
    price=st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-10, max_value=10**7
    )
)
def test_a_yen_price_is_accepted_exactly_when_it_is_a_positive_whole_amount(price: Decimal) -> None:
    product = s.product(skus=[attrs.evolve(s.product().skus[0], price=price, options={})])
    report = check_listing(product, mappings=s.MAPPINGS, facts=s.FACTS)
    ok = price > 0 and price == price.to_integral_value()
    assert (IssueCode.PRICE_INVALID not in {i.code for i in report.issues}) == ok
