"""The host's mappings to TikTok (カテゴリ・属性の対応付け), and the report of what is unmapped.

A **category mapping** sends each host category (an id or a path string) to one TikTok leaf
category of one tree version. An **attribute mapping** per TikTok category says where each
TikTok attribute's value comes from in the host's data (a field, an SKU option or a fixed
value) and which host value is which TikTok value id (「ブラック」 → ``1000059``). Host keys and
values match ignoring width, case and surrounding spaces.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TypeAlias

import attrs

from tiktokshop_sync.domain._language import Language, pick
from tiktokshop_sync.domain._listing_text import sized
from tiktokshop_sync.domain._text import fold
from tiktokshop_sync.domain._validate import (
    require_bool,
    require_pairs,
    require_str,
    require_text,
)
from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.listing_facts import (
    CategorySuggestion,
    CategoryTarget,
    CategoryTree,
)
from tiktokshop_sync.domain.listing_product import ListingProduct

__all__ = [
    "AttributeMapping",
    "AttributeSource",
    "CategoryMapped",
    "CategoryMapping",
    "CategoryMappingReport",
    "CategoryResolution",
    "CategoryUnmapped",
    "ListingMappings",
    "MappingProblem",
    "MappingProblemKind",
    "UnmappedCategory",
    "category_mapping_report",
]

#: How many example products a report names per host category.
EXAMPLES: Final = 3


def _host_pairs(setting: str, value: Any, *, example: str, what: str) -> Iterator[tuple[str, Any]]:
    """(host text, what it maps to) pairs of a table setting, the host text checked."""
    for pair in require_pairs(setting, value, example=example):
        try:
            host, target = pair
        except (TypeError, ValueError):
            raise DomainConfigError(
                f"{setting} must be (host value, {what}) pairs; {example}"
            ) from None
        if not isinstance(host, str) or not fold(host):
            raise DomainConfigError(
                f"{setting} has the host value {host!r}: give the host's id, path or value as "
                f"non-empty text; {example}"
            )
        yield host, target


def _rows(value: Any) -> tuple[tuple[str, CategoryTarget], ...]:
    example = "e.g. {'レディース > トップス': CategoryTarget(category_id='601226')}"
    setting = "CategoryMapping.rows"
    rows: list[tuple[str, CategoryTarget]] = []
    for host, target in _host_pairs(setting, value, example=example, what="CategoryTarget"):
        if not isinstance(target, CategoryTarget):
            raise DomainConfigError(
                f"{setting}[{host!r}] must be a CategoryTarget, got {target!r}; {example}"
            )
        rows.append((host, target))
    return tuple(rows)


@attrs.frozen(kw_only=True)
class CategoryMapped:
    """The host category maps to ``target`` (through the row written as ``row``)."""

    host_category: str
    row: str
    target: CategoryTarget


@attrs.frozen(kw_only=True)
class CategoryUnmapped:
    """No row maps the host category (empty when the product has no category at all)."""

    host_category: str


CategoryResolution: TypeAlias = CategoryMapped | CategoryUnmapped
"""Where a host category goes on TikTok, or that it goes nowhere yet."""


@attrs.frozen(kw_only=True)
class CategoryMapping:
    """Host category → TikTok leaf category rows (width, case and spaces ignored)."""

    rows: tuple[tuple[str, CategoryTarget], ...] = attrs.field(
        default=(), converter=_rows, repr=lambda r: f"<{len(r)} rows>"
    )
    _index: Mapping[str, tuple[str, CategoryTarget]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, tuple[str, CategoryTarget]] = {}
        for host, target in self.rows:
            key = fold(host)
            seen = index.get(key)
            if seen is not None and seen[1] != target:
                raise DomainConfigError(
                    f"CategoryMapping.rows maps {seen[0]!r} and {host!r} to different TikTok "
                    f"categories, but they are the same host category {key!r} (width, case and "
                    f"spaces are ignored); keep one row"
                )
            index[key] = (host, target)
        object.__setattr__(self, "_index", index)

    def find(self, host_category: str) -> CategoryTarget | None:
        """The TikTok category for a host category, or None when no row maps it."""
        found = self._index.get(fold(host_category))
        return None if found is None else found[1]

    def resolve(self, host_category: str) -> CategoryResolution:
        """The host category as a decision: mapped (and how) or unmapped."""
        found = self._index.get(fold(host_category))
        if found is None:
            return CategoryUnmapped(host_category=host_category)
        return CategoryMapped(host_category=host_category, row=found[0], target=found[1])

    def extend(self, rows: Any) -> CategoryMapping:
        """A new mapping with ``rows`` added; a row for a host category present replaces it."""
        added = _rows(rows)
        replaced = {fold(host) for host, _ in added}
        kept = [(host, target) for host, target in self.rows if fold(host) not in replaced]
        return CategoryMapping(rows=[*kept, *added])


def _id_map(setting: str, value: Any, *, example: str, what: str) -> Mapping[str, str]:
    """Host text → TikTok id pairs; a host key written twice (width, case...) must agree."""
    found: dict[str, str] = {}
    folded: dict[str, str] = {}
    for host, tiktok_id in _host_pairs(setting, value, example=example, what=f"TikTok {what}"):
        if not isinstance(tiktok_id, str) or not tiktok_id.strip():
            raise DomainConfigError(
                f"{setting}[{host!r}] must be TikTok's {what} (text), got {tiktok_id!r}; {example}"
            )
        key = fold(host)
        if folded.get(key, tiktok_id) != tiktok_id:
            raise DomainConfigError(
                f"{setting} maps {host!r} twice to different {what}s (width, case and spaces are "
                f"ignored); keep one"
            )
        folded[key] = tiktok_id
        found[host] = tiktok_id
    return found


def _value_map(value: Any) -> Mapping[str, str]:
    return _id_map(
        "AttributeSource.values",
        value,
        example="e.g. values={'ブラック': '1000059'}",
        what="value id",
    )


def _fixed(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    items = tuple(value)
    for item in items:
        if not isinstance(item, str) or not item.strip():
            raise DomainConfigError(
                f"AttributeSource.fixed holds host values as non-empty text, got {item!r}"
            )
    return items


@attrs.frozen(kw_only=True)
class AttributeSource:
    """Where one TikTok attribute's value comes from, and how host values become TikTok's.

    ``field`` names a host product field (素材) for a product attribute, or an SKU option name
    (カラー) for a sales attribute; ``fixed`` gives the same value(s) for every product
    instead (原産国: 日本). ``values`` maps host values to TikTok value ids; a host value not in
    it is matched to TikTok's value names, then sent as a custom value where TikTok allows
    one. ``unit`` is stripped from a numeric value (``"500g"`` → ``500``) and ``separator``
    splits one host text into several values for a multiple-selection attribute.
    """

    attribute_id: str = attrs.field(validator=require_text)
    field: str = attrs.field(default="", validator=require_str)
    fixed: tuple[str, ...] = attrs.field(default=(), converter=_fixed)
    values: Mapping[str, str] = attrs.field(factory=dict, converter=_value_map, repr=sized)
    unit: str = attrs.field(default="", validator=require_str)
    separator: str = attrs.field(default="", validator=require_str)

    def __attrs_post_init__(self) -> None:
        if bool(fold(self.field)) == bool(self.fixed):
            raise DomainConfigError(
                f"AttributeSource({self.attribute_id!r}) needs exactly one of field= (the host "
                f"field or SKU option to read, e.g. field='素材') or fixed= (a value for every "
                f"product, e.g. fixed='日本')"
            )

    def value_id(self, host_value: str) -> str | None:
        """The TikTok value id the mapping gives ``host_value``, if any."""
        key = fold(host_value)
        for host, value_id in self.values.items():
            if fold(host) == key:
                return value_id
        return None


def _unique(setting: str, value: Any, kind: type, key: str, twice: str) -> tuple[Any, ...]:
    """The items of a table setting: all ``kind``, none sharing the attribute ``key``."""
    if isinstance(value, str | bytes):
        raise DomainConfigError(f"{setting} holds {kind.__name__} values, got {value!r}")
    items = tuple(value.values() if isinstance(value, Mapping) else value)
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, kind):
            raise DomainConfigError(f"{setting} holds {kind.__name__} values, got {item!r}")
        if getattr(item, key) in seen:
            raise DomainConfigError(f"{setting} {twice.format(getattr(item, key))}")
        seen.add(getattr(item, key))
    return items


def _sources(value: Iterable[AttributeSource]) -> tuple[AttributeSource, ...]:
    return _unique(
        "AttributeMapping.sources",
        value,
        AttributeSource,
        "attribute_id",
        "has two sources for attribute {!r}; keep one (a multiple-selection attribute takes "
        "several values from one source)",
    )


@attrs.frozen(kw_only=True)
class AttributeMapping:
    """For one TikTok leaf category: where each attribute comes from, and whether a brand must.

    TikTok documents no "brand required" flag (Get Category Rules and Get Attributes have none,
    and Create Product's ``brand_id`` is optional), so ``brand_required`` is the seller's own
    rule for categories whose review expects a brand.
    """

    category_id: str = attrs.field(validator=require_text)
    sources: tuple[AttributeSource, ...] = attrs.field(
        default=(), converter=_sources, repr=lambda s: f"<{len(s)} sources>"
    )
    brand_required: bool = attrs.field(default=False, validator=require_bool)

    def source(self, attribute_id: str) -> AttributeSource | None:
        """The source of the attribute with this id."""
        for source in self.sources:
            if source.attribute_id == attribute_id:
                return source
        return None


def _attribute_mappings(value: Any) -> tuple[AttributeMapping, ...]:
    return _unique(
        "ListingMappings.attributes",
        value,
        AttributeMapping,
        "category_id",
        "has two mappings for TikTok category {!r}; merge their sources",
    )


def _brand_map(value: Any) -> Mapping[str, str]:
    return _id_map(
        "ListingMappings.brands",
        value,
        example="e.g. brands={'アクメ': '7082427311584347905'}",
        what="brand id",
    )


@attrs.frozen(kw_only=True)
class ListingMappings:
    """Everything the host keeps to list on TikTok: categories, attributes, brand names."""

    categories: CategoryMapping = attrs.field(
        factory=CategoryMapping,
        validator=attrs.validators.instance_of(CategoryMapping),
    )
    attributes: tuple[AttributeMapping, ...] = attrs.field(
        default=(), converter=_attribute_mappings, repr=sized
    )
    brands: Mapping[str, str] = attrs.field(factory=dict, converter=_brand_map, repr=sized)
    """Host brand name → TikTok brand id, for names that differ from TikTok's."""

    def attributes_for(self, category_id: str) -> AttributeMapping:
        """The attribute mapping of a TikTok category (an empty one when there is none)."""
        for mapping in self.attributes:
            if mapping.category_id == category_id:
                return mapping
        return AttributeMapping(category_id=category_id)

    def brand_id(self, host_brand: str) -> str | None:
        """The TikTok brand id the mapping gives a host brand name, if any."""
        key = fold(host_brand)
        for host, brand_id in self.brands.items():
            if fold(host) == key:
                return brand_id
        return None


class MappingProblemKind(enum.Enum):
    """Why a mapped TikTok category cannot take products."""

    NOT_FOUND = "not_found"
    """The id is not in the shop's category tree."""
    NOT_LEAF = "not_leaf"
    """The category has sub-categories: products go in a leaf."""
    NOT_PERMITTED = "not_permitted"
    """The shop may not list there (restricted, outside its main category, or prohibited)."""
    OTHER_VERSION = "other_version"
    """The id belongs to the other category tree than the shop lists in."""


_PROBLEM_TEXT: Final = {
    MappingProblemKind.NOT_FOUND: ("not in TikTok's category tree", "TikTokのカテゴリにありません"),
    MappingProblemKind.NOT_LEAF: (
        "not a leaf category: map it to one of its sub-categories",
        "最下層のカテゴリではありません。その下のカテゴリを選んでください",
    ),
    MappingProblemKind.NOT_PERMITTED: (
        "the shop may not list in it",
        "ショップはこのカテゴリに出品できません",
    ),
    MappingProblemKind.OTHER_VERSION: (
        "a category of the other category tree",
        "別のカテゴリツリー(バージョン)のカテゴリです",
    ),
}


@attrs.frozen(kw_only=True)
class UnmappedCategory:
    """A host category no row maps: how many products use it, and some of them."""

    host_category: str
    count: int
    examples: tuple[str, ...] = ()
    """Catalog ids of the first products in it."""
    example_titles: tuple[str, ...] = attrs.field(default=(), repr=False)
    """Their titles, to ask TikTok's Recommend Category with."""
    suggestion: CategorySuggestion | None = None
    """TikTok's recommended category, once asked."""


@attrs.frozen(kw_only=True)
class MappingProblem:
    """A row whose TikTok category cannot take products, and the products it holds back."""

    host_category: str
    target: CategoryTarget
    kind: MappingProblemKind
    count: int
    path: str = ""
    """The TikTok category's names from the root, when the tree knows it."""
    blocked_by: tuple[str, ...] = ()
    """For NOT_PERMITTED: TikTok's permission statuses that block it."""


def _label(host_category: str, language: Language) -> str:
    return host_category or pick(language, "(no category)", "(カテゴリ未設定)")


@attrs.frozen(kw_only=True)
class CategoryMappingReport:
    """How a catalog's host categories map to TikTok: mapped, unmapped, and bad rows."""

    products: int
    mapped: int
    """Products whose host category maps to a usable TikTok category."""
    unmapped: tuple[UnmappedCategory, ...] = ()
    """Host categories with no row, the most used first."""
    problems: tuple[MappingProblem, ...] = ()
    """Rows to non-leaf, unknown, not-permitted or other-version categories."""

    @property
    def complete(self) -> bool:
        """Whether every product's category maps to a usable TikTok category."""
        return not self.unmapped and not self.problems

    def with_suggestions(
        self, suggestions: Mapping[str, CategorySuggestion]
    ) -> CategoryMappingReport:
        """The report with TikTok's recommendations attached to the unmapped host categories."""
        for host, suggestion in suggestions.items():
            if not isinstance(suggestion, CategorySuggestion):
                raise DomainConfigError(
                    f"suggestions[{host!r}] must be a CategorySuggestion, got {suggestion!r}"
                )
        by_key = {fold(host): suggestion for host, suggestion in suggestions.items()}
        return attrs.evolve(
            self,
            unmapped=tuple(
                attrs.evolve(item, suggestion=by_key.get(fold(item.host_category), item.suggestion))
                for item in self.unmapped
            ),
        )

    def describe(self, language: Language = "ja") -> str:
        """A readable summary for the seller, in Japanese or English."""
        lines = [
            pick(
                language,
                f"category mapping: {self.mapped} of {self.products} products mapped",
                f"カテゴリ対応付け: {self.products}商品中{self.mapped}商品が対応済み",
            )
        ]
        for item in self.unmapped:
            examples = ", ".join(item.examples)
            lines.append(
                pick(
                    language,
                    f"  unmapped: {_label(item.host_category, language)} "
                    f"({item.count} products, e.g. {examples})",
                    f"  未対応: {_label(item.host_category, language)} "
                    f"({item.count}商品、例: {examples})",
                )
            )
            if item.suggestion is not None:
                lines.append("    " + _suggestion_line(item.suggestion, language))
        for problem in self.problems:
            en, ja = _PROBLEM_TEXT[problem.kind]
            where = problem.path or str(problem.target)
            blocked = f" [{', '.join(problem.blocked_by)}]" if problem.blocked_by else ""
            lines.append(
                pick(
                    language,
                    f"  {_label(problem.host_category, language)} → {where}: {en}{blocked} "
                    f"({problem.count} products)",
                    f"  {_label(problem.host_category, language)} → {where}: {ja}{blocked} "
                    f"({problem.count}商品)",
                )
            )
        return "\n".join(lines)


def _suggestion_line(suggestion: CategorySuggestion, language: Language) -> str:
    where = " > ".join(suggestion.path) or suggestion.target.category_id
    target = str(suggestion.target)
    if suggestion.usable:
        return pick(
            language,
            f"TikTok suggests {where} [{target}]",
            f"TikTokのおすすめ: {where} [{target}]",
        )
    statuses = ", ".join(sorted(suggestion.permissions)) or "no permission status"
    return pick(
        language,
        f"TikTok suggests {where} [{target}], which the shop may not use ({statuses})",
        f"TikTokのおすすめ: {where} [{target}] (ショップは使えません: {statuses})",
    )


def _problem(target: CategoryTarget, tree: CategoryTree | None) -> MappingProblemKind | None:
    if tree is None:
        return None
    if target.version is not tree.version:
        return MappingProblemKind.OTHER_VERSION
    node = tree.get(target.category_id)
    if node is None:
        return MappingProblemKind.NOT_FOUND
    if not node.is_leaf:
        return MappingProblemKind.NOT_LEAF
    if node.permitted is False:
        return MappingProblemKind.NOT_PERMITTED
    return None


def category_mapping_report(
    products: Iterable[ListingProduct],
    mapping: CategoryMapping,
    tree: CategoryTree | None = None,
) -> CategoryMappingReport:
    """Which host categories are unmapped (with counts and examples), and which rows are bad.

    A row is bad when ``tree`` (the shop's tree, from Get Categories) says its category is not
    there, not a leaf, not permitted, or of the other tree version; without a tree only the
    unmapped categories are reported.
    """
    total = mapped = 0
    unmapped_counts: Counter[str] = Counter()
    unmapped_names: dict[str, str] = {}
    unmapped_examples: dict[str, list[ListingProduct]] = {}
    problem_counts: Counter[str] = Counter()
    problem_rows: dict[str, tuple[str, CategoryTarget, MappingProblemKind]] = {}
    for product in products:
        if not isinstance(product, ListingProduct):
            raise TypeError(f"products must be ListingProduct values, got {product!r}")
        total += 1
        resolution = mapping.resolve(product.category)
        if isinstance(resolution, CategoryUnmapped):
            key = fold(product.category)
            unmapped_counts[key] += 1
            unmapped_names.setdefault(key, product.category)
            examples = unmapped_examples.setdefault(key, [])
            if len(examples) < EXAMPLES:
                examples.append(product)
            continue
        kind = _problem(resolution.target, tree)
        if kind is None:
            mapped += 1
            continue
        key = fold(resolution.row)
        problem_counts[key] += 1
        problem_rows.setdefault(key, (resolution.row, resolution.target, kind))
    unmapped = tuple(
        UnmappedCategory(
            host_category=unmapped_names[key],
            count=count,
            examples=tuple(p.catalog_id for p in unmapped_examples[key]),
            example_titles=tuple(p.title for p in unmapped_examples[key]),
        )
        for key, count in sorted(unmapped_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    problems = []
    for key, count in sorted(problem_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        row, target, kind = problem_rows[key]
        same_tree = tree is not None and kind is not MappingProblemKind.OTHER_VERSION
        node = tree.get(target.category_id) if tree is not None and same_tree else None
        problems.append(
            MappingProblem(
                host_category=row,
                target=target,
                kind=kind,
                count=count,
                path=tree.path_name(target.category_id) if tree is not None and same_tree else "",
                blocked_by=node.blocked_by if node is not None else (),
            )
        )
    return CategoryMappingReport(
        products=total, mapped=mapped, unmapped=unmapped, problems=tuple(problems)
    )
