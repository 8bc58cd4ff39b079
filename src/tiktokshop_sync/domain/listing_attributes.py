"""Host data to TikTok attributes (属性の対応付け): value ids where TikTok lists values.

For one product and its TikTok leaf category: each product attribute's values from the host
field the mapping names (or its fixed value), each SKU option as a sales attribute. A host value
becomes, in this order: the value id the mapping gives it (「ブラック」 → ``1000059``), the id of
the TikTok value with the same name, or a custom value where TikTok takes one (sales
attributes always; product attributes when ``is_customizable``). Required and conditionally
required attributes without a value are reported, each once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

import attrs

from tiktokshop_sync.domain._text import fold, narrow
from tiktokshop_sync.domain.listing_facts import AttributeFacts, AttributeKind, CategoryFacts
from tiktokshop_sync.domain.listing_issues import IssueCode, ListingIssue
from tiktokshop_sync.domain.listing_mapping import AttributeMapping, AttributeSource
from tiktokshop_sync.domain.listing_product import ListingProduct, ListingSku

__all__ = [
    "CUSTOM_OPTION_NAME_LIMIT",
    "CUSTOM_OPTION_VALUE_LIMIT",
    "CUSTOM_VALUE_LIMIT",
    "AttributeResolution",
    "ChosenValue",
    "ProductAttributeChoice",
    "SkuAttributeChoice",
    "resolve_attributes",
]

# Create Product (api/products/create-product.spec.json): product_attributes.values.name "Max
# length: 2000 characters"; skus.sales_attributes.name "Max length: 20 characters";
# skus.sales_attributes.value_name "Max length: 50 characters".
CUSTOM_VALUE_LIMIT: Final = 2000
"""The longest custom product attribute value."""
CUSTOM_OPTION_NAME_LIMIT: Final = 20
"""The longest custom sales attribute (option) name."""
CUSTOM_OPTION_VALUE_LIMIT: Final = 50
"""The longest custom sales attribute (option) value."""

# "Positive integers or decimal numbers" (Get Attributes, value_data_format): digits with at
# most one decimal point, no sign and no exponent.
_PLAIN_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")

#: How many of TikTok's values an "is not one of TikTok's values" message lists.
_CHOICES_SHOWN: Final = 5


@attrs.frozen(kw_only=True)
class ChosenValue:
    """One value to send: TikTok's value ``id``, or a custom ``name`` where TikTok takes one."""

    id: str = ""
    name: str = ""


@attrs.frozen(kw_only=True)
class ProductAttributeChoice:
    """A product attribute to send (``product_attributes[]``), with TikTok's name for it."""

    attribute_id: str
    name: str = ""
    values: tuple[ChosenValue, ...] = ()


@attrs.frozen(kw_only=True)
class SkuAttributeChoice:
    """One sales attribute of a SKU (``skus[].sales_attributes[]``).

    A built-in attribute has ``attribute_id``, a custom one ``name``; likewise a listed value
    has ``value_id`` and a custom one ``value_name``.
    """

    attribute_id: str = ""
    name: str = ""
    value_id: str = ""
    value_name: str = ""


@attrs.frozen(kw_only=True)
class AttributeResolution:
    """The attributes to send, and what kept some from being sent."""

    product: tuple[ProductAttributeChoice, ...] = ()
    skus: tuple[tuple[SkuAttributeChoice, ...], ...] = ()
    """Each SKU's sales attributes, in the product's SKU order."""
    issues: tuple[ListingIssue, ...] = ()
    warnings: tuple[ListingIssue, ...] = ()


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        key = fold(value)
        if key and key not in seen:
            seen.add(key)
            kept.append(value.strip())
    return kept


def _host_values(product: ListingProduct, source: AttributeSource) -> list[str]:
    if source.fixed:
        raw: list[str] = list(source.fixed)
    else:
        key = fold(source.field)
        found = next((v for k, v in product.fields.items() if fold(k) == key), ())
        raw = [found] if isinstance(found, str) else list(found)
    if source.separator:
        raw = [part for value in raw for part in value.split(source.separator)]
    return _unique(raw)


def _number(value: str, unit: str) -> str | None:
    """The host value as a positive number TikTok accepts (``"５００ g"`` → ``"500"``)."""
    text = "".join(narrow(value).split()).replace(",", "")
    suffix = "".join(narrow(unit).split())
    if suffix and text.casefold().endswith(suffix.casefold()):
        text = text[: -len(suffix)]
    if not _PLAIN_NUMBER.fullmatch(text) or Decimal(text) <= 0:
        return None
    return text


def _choices(attribute: AttributeFacts) -> str:
    names = [option.name or option.id for option in attribute.options[:_CHOICES_SHOWN]]
    more = len(attribute.options) - len(names)
    return "、".join(names) + (f" …(+{more})" if more > 0 else "")


def _choose(
    value: str,
    source: AttributeSource | None,
    attribute: AttributeFacts,
    field: str,
    limit: int = CUSTOM_VALUE_LIMIT,
) -> ChosenValue | ListingIssue:
    label = attribute.name or attribute.id
    mapped = source.value_id(value) if source is not None else None
    if mapped is not None:
        if attribute.option(mapped) is None:
            return ListingIssue.of(
                IssueCode.ATTRIBUTE_VALUE_UNKNOWN,
                field,
                attribute=label,
                value=value,
                value_id=mapped,
            )
        return ChosenValue(id=mapped)
    option = attribute.option_named(value)
    if option is not None:
        return ChosenValue(id=option.id)
    if not attribute.accepts_custom:
        return ListingIssue.of(
            IssueCode.ATTRIBUTE_VALUE_NOT_ALLOWED,
            field,
            attribute=label,
            value=value,
            choices=_choices(attribute),
        )
    if attribute.numeric:
        unit = source.unit if source is not None else ""
        number = _number(value, unit)
        if number is None:
            return ListingIssue.of(
                IssueCode.ATTRIBUTE_VALUE_NOT_NUMBER,
                field,
                attribute=label,
                value=value,
                unit_en=f" (in {unit})" if unit else "",
                unit_ja=f"(単位: {unit})" if unit else "",
            )
        return ChosenValue(name=number)
    if len(value) > limit:
        return ListingIssue.of(
            IssueCode.ATTRIBUTE_VALUE_TOO_LONG,
            field,
            attribute=label,
            length=len(value),
            limit=limit,
        )
    return ChosenValue(name=value)


def _product_attributes(
    product: ListingProduct, mapping: AttributeMapping, facts: CategoryFacts
) -> tuple[list[ProductAttributeChoice], list[ListingIssue]]:
    choices: list[ProductAttributeChoice] = []
    issues: list[ListingIssue] = []
    attempted: set[str] = set()
    chosen_ids: dict[str, set[str]] = {}
    for attribute in facts.attributes:
        if attribute.kind is not AttributeKind.PRODUCT:
            continue
        source = mapping.source(attribute.id)
        if source is None:
            continue
        field = f"product_attributes[{attribute.id}]"
        values = _host_values(product, source)
        if values:
            attempted.add(attribute.id)
        if len(values) > 1 and not attribute.multiple:
            issues.append(
                ListingIssue.of(
                    IssueCode.ATTRIBUTE_NOT_MULTIPLE,
                    field,
                    attribute=attribute.name or attribute.id,
                    count=len(values),
                    values="、".join(values),
                )
            )
            continue
        chosen: list[ChosenValue] = []
        failed = False
        for value in values:
            outcome = _choose(value, source, attribute, field)
            if isinstance(outcome, ListingIssue):
                issues.append(outcome)
                failed = True
            elif outcome not in chosen:  # two host spellings of one TikTok value (12052253)
                chosen.append(outcome)
        if chosen and not failed:
            choices.append(
                ProductAttributeChoice(
                    attribute_id=attribute.id, name=attribute.name, values=tuple(chosen)
                )
            )
            chosen_ids[attribute.id] = {c.id for c in chosen if c.id}
    for attribute in facts.attributes:
        if attribute.kind is not AttributeKind.PRODUCT or attribute.id in attempted:
            continue
        field = f"product_attributes[{attribute.id}]"
        label = attribute.name or attribute.id
        if attribute.required:
            issues.append(ListingIssue.of(IssueCode.ATTRIBUTE_MISSING, field, attribute=label))
            continue
        met = facts.condition_met(attribute.required_when, chosen_ids)
        if met is not None:
            parent, parent_value = facts.condition_labels(met)
            issues.append(
                ListingIssue.of(
                    IssueCode.ATTRIBUTE_REQUIRED_BY,
                    field,
                    attribute=label,
                    parent=parent,
                    parent_value=parent_value,
                )
            )
    return choices, issues


def _sales_attribute(
    name: str, mapping: AttributeMapping, facts: CategoryFacts
) -> tuple[AttributeFacts | None, AttributeSource | None]:
    key = fold(name)
    for source in mapping.sources:
        attribute = facts.attribute(source.attribute_id)
        sales = attribute is not None and attribute.kind is AttributeKind.SALES
        if sales and source.field and fold(source.field) == key:
            return attribute, source
    for attribute in facts.attributes:
        if attribute.kind is AttributeKind.SALES and fold(attribute.name) == key:
            return attribute, mapping.source(attribute.id)
    return None, None


def _sku_attributes(
    sku: ListingSku, mapping: AttributeMapping, facts: CategoryFacts, named: set[str]
) -> tuple[tuple[SkuAttributeChoice, ...], list[ListingIssue]]:
    choices: list[SkuAttributeChoice] = []
    issues: list[ListingIssue] = []
    for name, value in sku.options.items():
        field = f"skus[{sku.seller_sku}].sales_attributes"
        attribute, source = _sales_attribute(name, mapping, facts)
        if attribute is None:
            if len(name) > CUSTOM_OPTION_NAME_LIMIT and fold(name) not in named:
                named.add(fold(name))
                issues.append(
                    ListingIssue.of(
                        IssueCode.SALES_ATTRIBUTE_NAME_TOO_LONG,
                        field,
                        name=name,
                        length=len(name),
                        limit=CUSTOM_OPTION_NAME_LIMIT,
                    )
                )
            choice = SkuAttributeChoice(name=name)
        else:
            choice = SkuAttributeChoice(attribute_id=attribute.id)
            # Longer than the custom limit: reported below in the option's own words.
            outcome = _choose(value, source, attribute, field, limit=len(value))
            if isinstance(outcome, ListingIssue):
                issues.append(outcome)
                continue
            if outcome.id:
                choices.append(attrs.evolve(choice, value_id=outcome.id))
                continue
            value = outcome.name
        if len(value) > CUSTOM_OPTION_VALUE_LIMIT:
            issues.append(
                ListingIssue.of(
                    IssueCode.SALES_ATTRIBUTE_VALUE_TOO_LONG,
                    field,
                    sku=sku.seller_sku,
                    name=name,
                    value=value,
                    length=len(value),
                    limit=CUSTOM_OPTION_VALUE_LIMIT,
                )
            )
            continue
        choices.append(attrs.evolve(choice, value_name=value))
    return tuple(choices), issues


def resolve_attributes(
    product: ListingProduct, mapping: AttributeMapping, facts: CategoryFacts
) -> AttributeResolution:
    """The product and sales attributes to send for ``product`` in the category of ``facts``.

    Reports a required product attribute without a value (``ATTRIBUTE_MISSING``, or
    ``ATTRIBUTE_REQUIRED_BY`` when another attribute's value makes it required) once, and only
    when the product gave it no value at all; a value TikTok refuses is reported as such.
    """
    if not isinstance(product, ListingProduct):
        raise TypeError(f"product must be a ListingProduct, got {type(product).__name__}")
    if not isinstance(mapping, AttributeMapping):
        raise TypeError(f"mapping must be an AttributeMapping, got {type(mapping).__name__}")
    if not isinstance(facts, CategoryFacts):
        raise TypeError(f"facts must be CategoryFacts, got {type(facts).__name__}")
    warnings = [
        ListingIssue.of(
            IssueCode.ATTRIBUTE_NOT_IN_CATEGORY,
            f"product_attributes[{source.attribute_id}]",
            attribute_id=source.attribute_id,
            category=facts.category_id,
        )
        for source in mapping.sources
        if facts.attribute(source.attribute_id) is None
    ]
    product_choices, issues = _product_attributes(product, mapping, facts)
    named: set[str] = set()
    skus: list[tuple[SkuAttributeChoice, ...]] = []
    for sku in product.skus:
        chosen, sku_issues = _sku_attributes(sku, mapping, facts, named)
        skus.append(chosen)
        issues.extend(sku_issues)
    return AttributeResolution(
        product=tuple(product_choices),
        skus=tuple(skus),
        issues=tuple(issues),
        warnings=tuple(warnings),
    )
