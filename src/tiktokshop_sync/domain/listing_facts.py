"""What TikTok says about listing in a category (出品ルール): plain values the validator reads.

The category tree with leaf flags and the shop's permissions, each leaf category's product and
sales attributes with their value lists, its rules (size chart, certifications, package
dimensions...), the brands the shop may use, and the shop's listing prerequisites. A translation
layer builds them from TikTok's replies (``workflows/listing_translate.py``); tests and hosts
may build them by hand.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from tiktokshop_sync.domain._listing_text import sized
from tiktokshop_sync.domain._text import fold
from tiktokshop_sync.domain._validate import require_bool, require_instance, require_text
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "AVAILABLE",
    "BLOCKING_PERMISSIONS",
    "AttributeFacts",
    "AttributeKind",
    "AttributeOption",
    "BrandFacts",
    "CatalogFacts",
    "CategoryFacts",
    "CategoryNode",
    "CategoryRules",
    "CategorySuggestion",
    "CategoryTarget",
    "CategoryTree",
    "CategoryVersion",
    "CertificationFacts",
    "RequiredWhen",
    "ShopPrerequisite",
]

AVAILABLE: Final = "AVAILABLE"
"""The permission status that lets the shop create products in a category."""

#: Permission statuses that keep a shop from listing in a category, as Get Categories documents
#: them (``api/products/get-categories.spec.json``).
BLOCKING_PERMISSIONS: Final = ("INVITE_ONLY", "NON_MAIN_CATEGORY", "PROHIBITED")


def _texts(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        raise DomainConfigError(f"expected a collection of codes, got the string {value!r}")
    return frozenset(str(v) for v in value)


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(value, str | bytes):
        raise DomainConfigError(f"expected a collection, got the string {value!r}")
    return tuple(value)


_optional_bool: Final = attrs.validators.optional(require_bool)


def _items_of(kind: type) -> Any:
    def check(instance: Any, attribute: Any, value: tuple[Any, ...]) -> None:
        for item in value:
            if not isinstance(item, kind):
                raise DomainConfigError(
                    f"{type(instance).__name__}.{attribute.name} holds {kind.__name__} values, "
                    f"got {type(item).__name__} {item!r}"
                )

    return check


class CategoryVersion(enum.Enum):
    """The category tree a category id belongs to (``category_version``).

    v1 is the 3-level tree, v2 the tree of up to 7 levels that the US, and since the L7
    expansion the UK, EU and Japan, list new products in
    (``guides/changelog/products/uk-eu-jp-markets-product-category-expansion.md``).
    """

    V1 = "v1"
    V2 = "v2"


@attrs.frozen(kw_only=True)
class CategoryTarget:
    """A TikTok category to list in: its id and the tree (version) the id belongs to."""

    category_id: str = attrs.field(validator=require_text)
    version: CategoryVersion = attrs.field(
        default=CategoryVersion.V2,
        validator=require_instance(CategoryVersion, example="CategoryVersion.V2"),
    )

    def __str__(self) -> str:
        return f"{self.category_id} ({self.version.value})"

    def __repr__(self) -> str:
        return f"CategoryTarget({self.category_id!r}, {self.version.value})"


@attrs.frozen(kw_only=True)
class CategoryNode:
    """One category of TikTok's tree, with whether it is a leaf and the shop's permission."""

    id: str = attrs.field(validator=require_text)
    name: str = ""
    parent_id: str = ""
    """The parent's id; ``"0"`` or empty for a root."""
    is_leaf: bool = attrs.field(validator=require_bool)
    permissions: frozenset[str] = attrs.field(default=frozenset(), converter=_texts)
    """TikTok's permission statuses (AVAILABLE, INVITE_ONLY...); empty when it sent none."""

    @property
    def blocked_by(self) -> tuple[str, ...]:
        """The statuses that keep the shop from listing here, in TikTok's documented order."""
        return tuple(status for status in BLOCKING_PERMISSIONS if status in self.permissions)

    @property
    def permitted(self) -> bool | None:
        """Whether the shop may list here; None when TikTok sent no permission status."""
        if self.blocked_by:
            return False
        if AVAILABLE in self.permissions:
            return True
        return None


def _nodes(value: Iterable[CategoryNode]) -> tuple[CategoryNode, ...]:
    return _tuple(value)


@attrs.frozen(kw_only=True)
class CategoryTree:
    """The shop's category tree of one version, as Get Categories returns it."""

    version: CategoryVersion = attrs.field(
        default=CategoryVersion.V2,
        validator=require_instance(CategoryVersion, example="CategoryVersion.V2"),
    )
    nodes: tuple[CategoryNode, ...] = attrs.field(
        converter=_nodes, validator=_items_of(CategoryNode), repr=lambda n: f"<{len(n)} nodes>"
    )
    _index: Mapping[str, CategoryNode] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, CategoryNode] = {}
        for node in self.nodes:
            if index.get(node.id, node) != node:
                raise DomainConfigError(
                    f"CategoryTree.nodes has two different categories with id {node.id!r}; "
                    f"keep the one Get Categories returned"
                )
            index[node.id] = node
        object.__setattr__(self, "_index", index)

    def get(self, category_id: str) -> CategoryNode | None:
        """The category with this id, or None when the tree has none."""
        return self._index.get(category_id)

    def path(self, category_id: str) -> tuple[CategoryNode, ...]:
        """The categories from the root down to ``category_id`` (empty when it is unknown)."""
        found: list[CategoryNode] = []
        node = self._index.get(category_id)
        while node is not None and node not in found:
            found.append(node)
            node = self._index.get(node.parent_id)
        return tuple(reversed(found))

    def path_name(self, category_id: str, separator: str = " > ") -> str:
        """The category's names from the root (``ファッション > トップス > Tシャツ``)."""
        return separator.join(node.name or node.id for node in self.path(category_id))

    def leaves(self) -> tuple[CategoryNode, ...]:
        """Every leaf category, the only ones a product can be listed in."""
        return tuple(node for node in self.nodes if node.is_leaf)


class AttributeKind(enum.Enum):
    """Whether an attribute describes the whole product or defines its variants."""

    PRODUCT = "product"
    """A product attribute (素材, 原産国): sent once for the product."""
    SALES = "sales"
    """A sales attribute (カラー, サイズ): each SKU carries one value of it."""


@attrs.frozen(kw_only=True)
class AttributeOption:
    """One value TikTok lists for an attribute: its id (what is sent) and name."""

    id: str = attrs.field(validator=require_text)
    name: str = ""


@attrs.frozen(kw_only=True)
class RequiredWhen:
    """A condition: required when attribute ``attribute_id`` has the value ``value_id``."""

    attribute_id: str = attrs.field(validator=require_text)
    value_id: str = attrs.field(validator=require_text)


def _options(value: Iterable[AttributeOption]) -> tuple[AttributeOption, ...]:
    return _tuple(value)


def _conditions(value: Iterable[RequiredWhen]) -> tuple[RequiredWhen, ...]:
    return _tuple(value)


@attrs.frozen(kw_only=True)
class AttributeFacts:
    """A category's attribute: whether it is required, its value list, what may be entered.

    ``required`` is TikTok's ``is_requried`` (always required); ``required_when`` lists the
    conditions that make an optional attribute required (any one suffices).
    """

    id: str = attrs.field(validator=require_text)
    name: str = ""
    kind: AttributeKind = attrs.field(
        default=AttributeKind.PRODUCT,
        validator=require_instance(AttributeKind, example="AttributeKind.PRODUCT"),
    )
    required: bool = attrs.field(default=False, validator=require_bool)
    options: tuple[AttributeOption, ...] = attrs.field(
        default=(), converter=_options, validator=_items_of(AttributeOption), repr=sized
    )
    customizable: bool = attrs.field(default=False, validator=require_bool)
    multiple: bool = attrs.field(default=False, validator=require_bool)
    numeric: bool = attrs.field(default=False, validator=require_bool)
    """A free-form value must be a positive number (``POSITIVE_INT_OR_DECIMAL``)."""
    required_when: tuple[RequiredWhen, ...] = attrs.field(
        default=(), converter=_conditions, validator=_items_of(RequiredWhen)
    )

    @property
    def accepts_custom(self) -> bool:
        """Whether a value not in the list may be sent as a custom name.

        Sales attributes always take custom names (Create Product: "Provide either a built-in
        ID or a custom name"); a product attribute when ``is_customizable`` or when TikTok
        lists no value at all (a free-form attribute).
        """
        return self.kind is AttributeKind.SALES or self.customizable or not self.options

    def option(self, value_id: str) -> AttributeOption | None:
        """The listed value with this id."""
        for option in self.options:
            if option.id == value_id:
                return option
        return None

    def option_named(self, name: str) -> AttributeOption | None:
        """The listed value whose name matches ``name`` (width, case and spaces ignored)."""
        key = fold(name)
        for option in self.options:
            if fold(option.name) == key:
                return option
        return None


@attrs.frozen(kw_only=True)
class CertificationFacts:
    """A certification the category asks for: always, or when an attribute has a value."""

    id: str = attrs.field(validator=require_text)
    name: str = ""
    required: bool = attrs.field(default=False, validator=require_bool)
    required_when: tuple[RequiredWhen, ...] = attrs.field(
        default=(), converter=_conditions, validator=_items_of(RequiredWhen)
    )
    expiry_required: bool = attrs.field(default=False, validator=require_bool)
    """Whether the certification's expiration date must be given."""


def _certifications(value: Iterable[CertificationFacts]) -> tuple[CertificationFacts, ...]:
    return _tuple(value)


@attrs.frozen(kw_only=True)
class CategoryRules:
    """Get Category Rules for a leaf category, as plain facts.

    ``package_dimensions_required`` is None when TikTok did not say, which it does for
    cross-border sellers, who must always give dimensions (``guides/changelog/products/
    new-property-added-to-get-category-rules-api-to-indicate-whether-the-package-dimension-
    is-mandatory.md``): the validator then requires them. The EU rules (manufacturer,
    responsible person, EPR, fees) and COD (SEA) are kept but not checked: they never apply
    to a Japanese shop.
    """

    certifications: tuple[CertificationFacts, ...] = attrs.field(
        default=(), converter=_certifications, validator=_items_of(CertificationFacts)
    )
    size_chart_supported: bool | None = attrs.field(default=None, validator=_optional_bool)
    size_chart_required: bool = attrs.field(default=False, validator=require_bool)
    package_dimensions_required: bool | None = attrs.field(default=None, validator=_optional_bool)
    cod_supported: bool | None = attrs.field(default=None, validator=_optional_bool)
    manufacturer_required: bool = attrs.field(default=False, validator=require_bool)
    responsible_person_required: bool = attrs.field(default=False, validator=require_bool)
    epr_required: bool = attrs.field(default=False, validator=require_bool)
    special_product_types: frozenset[str] = attrs.field(default=frozenset(), converter=_texts)
    required_fees: frozenset[str] = attrs.field(default=frozenset(), converter=_texts)

    @property
    def dimensions_required(self) -> bool:
        """Whether package dimensions must be given (True unless TikTok says they are optional)."""
        return self.package_dimensions_required is not False


@attrs.frozen(kw_only=True)
class BrandFacts:
    """A brand the shop may choose, with its authorization (Get Brands for the category).

    TikTok's selection rules (``api/products/get-brands.spec.json``): an authorized brand that
    is available in the category, or an unauthorized brand that is not T1; an unauthorized
    brand is listed without being shown to buyers.
    """

    id: str = attrs.field(validator=require_text)
    name: str = ""
    authorized: bool | None = attrs.field(default=None, validator=_optional_bool)
    t1: bool = attrs.field(default=False, validator=require_bool)
    """An internationally renowned brand: it needs the owner's authorization to be used."""
    available_in_category: bool | None = attrs.field(default=None, validator=_optional_bool)
    """For an authorized brand: whether it may be used in the category asked about."""


@attrs.frozen(kw_only=True)
class ShopPrerequisite:
    """One shop requirement TikTok checked (SHOP_STATUS, RETURN_WAREHOUSE, BANK_ACCOUNT...)."""

    item: str = attrs.field(validator=require_text)
    failed: bool = attrs.field(validator=require_bool)
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_tuple)


def _attribute_facts(value: Iterable[AttributeFacts]) -> tuple[AttributeFacts, ...]:
    return _tuple(value)


def _brands(value: Iterable[BrandFacts]) -> tuple[BrandFacts, ...]:
    return _tuple(value)


@attrs.frozen(kw_only=True)
class CategoryFacts:
    """Everything TikTok says about listing in one leaf category."""

    category_id: str = attrs.field(validator=require_text)
    attributes: tuple[AttributeFacts, ...] = attrs.field(
        default=(),
        converter=_attribute_facts,
        validator=_items_of(AttributeFacts),
        repr=lambda a: f"<{len(a)} attributes>",
    )
    rules: CategoryRules = attrs.field(
        factory=CategoryRules, validator=require_instance(CategoryRules, example="CategoryRules()")
    )
    brands: tuple[BrandFacts, ...] = attrs.field(
        default=(), converter=_brands, validator=_items_of(BrandFacts), repr=sized
    )

    def attribute(self, attribute_id: str) -> AttributeFacts | None:
        """The attribute with this id."""
        for attribute in self.attributes:
            if attribute.id == attribute_id:
                return attribute
        return None

    def condition_met(
        self, conditions: Iterable[RequiredWhen], chosen: Mapping[str, Iterable[str]]
    ) -> RequiredWhen | None:
        """The first condition the chosen value ids (attribute id → value ids) meet, if any."""
        for condition in conditions:
            if condition.value_id in chosen.get(condition.attribute_id, ()):
                return condition
        return None

    def condition_labels(self, condition: RequiredWhen) -> tuple[str, str]:
        """The attribute's and the value's names for a message (their ids when unknown)."""
        attribute = self.attribute(condition.attribute_id)
        if attribute is None:
            return condition.attribute_id, condition.value_id
        option = attribute.option(condition.value_id)
        value = option.name if option is not None and option.name else condition.value_id
        return attribute.name or attribute.id, value

    def brand(self, brand_id: str) -> BrandFacts | None:
        """The brand with this id."""
        for brand in self.brands:
            if brand.id == brand_id:
                return brand
        return None

    def brand_named(self, name: str) -> BrandFacts | None:
        """The brand whose name matches ``name`` (width, case and spaces ignored)."""
        key = fold(name)
        for brand in self.brands:
            if fold(brand.name) == key:
                return brand
        return None


def _category_facts(value: Any) -> Mapping[str, CategoryFacts]:
    items = value.values() if isinstance(value, Mapping) else _tuple(value)
    found: dict[str, CategoryFacts] = {}
    for facts in items:
        if not isinstance(facts, CategoryFacts):
            raise DomainConfigError(
                f"CatalogFacts.categories holds CategoryFacts values, got {facts!r}"
            )
        found[facts.category_id] = facts
    return found


def _prerequisites(value: Iterable[ShopPrerequisite]) -> tuple[ShopPrerequisite, ...]:
    return _tuple(value)


@attrs.frozen(kw_only=True)
class CatalogFacts:
    """What TikTok said for one run: the tree, each target category's facts, the shop's checks."""

    tree: CategoryTree | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            require_instance(CategoryTree, example="CategoryTree(nodes=[...])")
        ),
    )
    categories: Mapping[str, CategoryFacts] = attrs.field(
        factory=dict, converter=_category_facts, repr=lambda c: f"<{len(c)} categories>"
    )
    prerequisites: tuple[ShopPrerequisite, ...] = attrs.field(
        default=(), converter=_prerequisites, validator=_items_of(ShopPrerequisite)
    )


@attrs.frozen(kw_only=True)
class CategorySuggestion:
    """TikTok's recommended leaf category for a title, and whether the shop may use it.

    Recommend Category says so with ``permission_statuses`` (``guides/changelog/products/
    new-property-added-to-recommend-category-api-to-indicate-whether-sellers-can-use-the-
    recommended-category.md``).
    """

    target: CategoryTarget = attrs.field(
        validator=require_instance(CategoryTarget, example="CategoryTarget(category_id='601226')")
    )
    path: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    """The names from the root down to the leaf."""
    permissions: frozenset[str] = attrs.field(default=frozenset(), converter=_texts)
    """The leaf's permission statuses."""

    @property
    def usable(self) -> bool:
        """Whether the shop may list in it: AVAILABLE and nothing blocking."""
        return AVAILABLE in self.permissions and not any(
            status in self.permissions for status in BLOCKING_PERMISSIONS
        )
