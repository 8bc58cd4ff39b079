"""Wire to domain for listing: TikTok's category, rule, brand and check replies as listing facts.

The one place that sees both :mod:`tiktokshop_sync.types.category` /
:mod:`tiktokshop_sync.types.listing` and the domain's listing values. TikTok's codes stay
codes (a permission status TikTok adds later is kept as its text and neither permits nor
blocks); the choices made here are beside each function.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.listing_decision import ListingCheckOutcome, TikTokReason
from ..domain.listing_facts import (
    AttributeFacts,
    AttributeKind,
    AttributeOption,
    BrandFacts,
    CategoryFacts,
    CategoryNode,
    CategorySuggestion,
    CategoryTarget,
    CategoryTree,
    CategoryVersion,
    CertificationFacts,
    RequiredWhen,
    ShopPrerequisite,
)
from ..domain.listing_facts import CategoryRules as RuleFacts
from ..domain.listing_status import AuditFailure, ReviewFacts
from ..types import category as wire
from ..types import listing as checks
from ..types.product import ListingPlatform, Product, ProductAudit

__all__ = [
    "attribute_facts",
    "brand_facts",
    "category_facts",
    "category_node",
    "category_rules",
    "category_suggestion",
    "category_tree",
    "listing_check_outcome",
    "prerequisites",
    "review_facts",
]


def _codes(values: Iterable[object]) -> frozenset[str]:
    return frozenset(str(value) for value in values if str(value))


def category_node(category: wire.Category) -> CategoryNode:
    """One category of Get Categories; a category TikTok sends without a leaf flag is no leaf."""
    return CategoryNode(
        id=category.id,
        name=category.local_name,
        parent_id=category.parent_id,
        is_leaf=category.is_leaf is True,
        permissions=_codes(category.permission_statuses),
    )


def category_tree(
    categories: wire.Categories | Iterable[wire.Category], version: CategoryVersion
) -> CategoryTree:
    """The shop's tree from Get Categories, for the ``category_version`` it was asked for."""
    items = categories.categories if isinstance(categories, wire.Categories) else categories
    return CategoryTree(version=version, nodes=[category_node(c) for c in items if c.id])


def _conditions(conditions: Iterable[wire.RequirementCondition]) -> list[RequiredWhen]:
    # Only VALUE_ID_MATCH is documented; a condition of another type cannot be evaluated and is
    # left out (TikTok's listing check still applies it).
    return [
        RequiredWhen(attribute_id=c.attribute_id, value_id=c.attribute_value_id)
        for c in conditions
        if c.attribute_id
        and c.attribute_value_id
        and (c.condition_type is None or c.condition_type == wire.ConditionType.VALUE_ID_MATCH)
    ]


def attribute_facts(attribute: wire.CategoryAttribute) -> AttributeFacts:
    """One attribute of Get Attributes.

    ``is_requried``, ``is_customizable`` and ``is_multiple_selection`` apply to product
    attributes only, as documented; an attribute of an unknown type is read as a product
    attribute.
    """
    sales = attribute.type == wire.AttributeType.SALES_PROPERTY
    return AttributeFacts(
        id=attribute.id,
        name=attribute.name,
        kind=AttributeKind.SALES if sales else AttributeKind.PRODUCT,
        required=attribute.required and not sales,
        options=[AttributeOption(id=v.id, name=v.name) for v in attribute.values if v.id],
        customizable=attribute.is_customizable is True,
        multiple=attribute.is_multiple_selection is True,
        numeric=attribute.value_data_format == wire.ValueDataFormat.POSITIVE_INT_OR_DECIMAL,
        required_when=_conditions(attribute.requirement_conditions),
    )


def category_rules(rules: wire.CategoryRules) -> RuleFacts:
    """Get Category Rules as facts; an absent ``package_dimension`` stays None (required)."""
    size_chart = rules.size_chart or wire.SizeChartRule()
    dimension = rules.package_dimension
    return RuleFacts(
        certifications=[
            CertificationFacts(
                id=rule.id,
                name=rule.name,
                required=rule.is_required is True,
                required_when=_conditions(rule.requirement_conditions),
                expiry_required=bool(rule.expiration_date and rule.expiration_date.is_required),
            )
            for rule in rules.product_certifications
            if rule.id
        ],
        size_chart_supported=size_chart.is_supported,
        size_chart_required=size_chart.is_required is True,
        package_dimensions_required=None if dimension is None else dimension.is_required,
        cod_supported=rules.cod.is_supported if rules.cod is not None else None,
        manufacturer_required=bool(rules.manufacturer and rules.manufacturer.is_required),
        responsible_person_required=bool(
            rules.responsible_person and rules.responsible_person.is_required
        ),
        epr_required=bool(rules.epr and rules.epr.is_required),
        special_product_types=_codes(rules.allowed_special_product_types),
        required_fees=_codes(fee.type for fee in rules.fees if fee.is_required),
    )


def brand_facts(brand: wire.ShopBrand) -> BrandFacts:
    """One brand of Get Brands; a brand without a T1 flag is read as not T1."""
    authorized = brand.authorized_status
    availability = brand.brand_status
    return BrandFacts(
        id=brand.id,
        name=brand.name,
        authorized=None if authorized is None else authorized == wire.BrandAuthorization.AUTHORIZED,
        t1=brand.is_t1_brand is True,
        available_in_category=(
            None if availability is None else availability == wire.BrandAvailability.AVAILABLE
        ),
    )


def category_facts(
    category_id: str,
    *,
    attributes: wire.CategoryAttributes,
    rules: wire.CategoryRules,
    brands: Iterable[wire.BrandsPage] = (),
) -> CategoryFacts:
    """A leaf category's facts from its Get Attributes, Get Category Rules and Get Brands pages."""
    return CategoryFacts(
        category_id=category_id,
        attributes=[attribute_facts(a) for a in attributes.attributes if a.id],
        rules=category_rules(rules),
        brands=[brand_facts(b) for page in brands for b in page.brands if b.id],
    )


def category_suggestion(
    recommendation: wire.CategoryRecommendation, version: CategoryVersion
) -> CategorySuggestion | None:
    """Recommend Category's leaf and path, or None when TikTok recommended nothing."""
    leaf_id = recommendation.leaf_category_id
    levels = sorted(recommendation.categories, key=lambda c: c.level if c.level is not None else 0)
    leaf = next((c for c in levels if c.id == leaf_id), None)
    if leaf is None:
        leaf = next((c for c in reversed(levels) if c.is_leaf), None)
        leaf_id = leaf.id if leaf is not None else leaf_id
    if not leaf_id:
        return None
    return CategorySuggestion(
        target=CategoryTarget(category_id=leaf_id, version=version),
        path=[c.name for c in levels if c.name],
        permissions=_codes(leaf.permission_statuses) if leaf is not None else frozenset(),
    )


def prerequisites(reply: checks.ListingPrerequisites) -> tuple[ShopPrerequisite, ...]:
    """Check Listing Prerequisites as the shop's checks (an item without a name is UNKNOWN)."""
    return tuple(
        ShopPrerequisite(
            item=str(check.check_item) if check.check_item is not None else "UNKNOWN",
            failed=check.is_failed is True,
            reasons=check.fail_reasons,
        )
        for check in reply.check_results
    )


def listing_check_outcome(reply: checks.ListingCheck) -> ListingCheckOutcome:
    """Check Product Listing's result, reasons and warning."""
    return ListingCheckOutcome(
        passed=reply.passed,
        reasons=[TikTokReason(code=r.code, message=r.message) for r in reply.fail_reasons],
        warning=reply.warnings.message if reply.warnings is not None else "",
    )


def _audit_codes(audit: ProductAudit | None) -> tuple[str, tuple[str, ...]]:
    if audit is None:
        return "", ()
    reasons = [str(r) for r in audit.reasons]  # both spellings of the pre-approval reasons
    return (str(audit.status) if audit.status is not None else ""), tuple(dict.fromkeys(reasons))


def review_facts(product: Product | checks.EditedProduct) -> ReviewFacts:
    """Get Product's status and review, or Edit Product's review, as facts.

    Audit failures for another platform (Tokopedia) are left out: they are not TikTok Shop's
    review.
    """
    audit_status, waiting = _audit_codes(product.audit)
    if isinstance(product, checks.EditedProduct):
        return ReviewFacts(audit_status=audit_status, pre_approved_reasons=waiting)
    return ReviewFacts(
        status=str(product.status) if product.status is not None else "",
        product_status=str(product.product_status) if product.product_status is not None else "",
        audit_status=audit_status,
        failures=[
            AuditFailure(position=f.position, reasons=f.reasons, suggestions=f.suggestions)
            for f in product.audit_failed_reasons
            if f.listing_platform in (None, ListingPlatform.TIKTOK_SHOP)
        ],
        pre_approved_reasons=waiting,
    )
