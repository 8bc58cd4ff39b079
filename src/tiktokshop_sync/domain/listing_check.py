"""The listing validator (出品前チェック): every missing or invalid item before any call.

:func:`check_listing` reads a host product, the host's mappings and TikTok's facts for the
product's category, and returns a :class:`ListingReport`: every problem TikTok would refuse the
product for (``issues``), what it would accept but not as the seller may expect
(``warnings``), and, when nothing blocks, the resolved listing to send. The limits are Create
Product's (``api/products/create-product.spec.json``) for the market in :class:`ListingPolicy`.

Decisions where the reference is silent, with their evidence:

- Lengths count characters (Unicode code points): the reference says "characters" and never
  bytes; a kanji counts one. Titles are measured without surrounding spaces.
- Japan's title limit is [1, 255] and the description's 10,000 characters, as Create Product
  documents for JP. Its notes on Chinese characters (12052262, 12052346) are not applied: kanji
  cannot be told from Chinese characters, and Japanese titles are made of them.
- Stock may be 0 at listing: the reference prints [1, 99,999], but the SDK's decision in
  ``docs/guides/inventory.md`` (a sold-out SKU is 0) applies to the first stock too.
- TikTok documents no price range (it points to a "Product Pricing" page outside the
  reference): a price must be positive and, in JPY, whole yen (JPY has no minor unit); a host
  may set :attr:`ListingPolicy.max_price`.
- Package dimensions are required unless the category's rule says they are optional
  (cross-border sellers get no rule and must always give them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

import attrs

from tiktokshop_sync.domain._language import Language, pick
from tiktokshop_sync.domain._listing_text import count_images, format_problems, sized
from tiktokshop_sync.domain._text import fold
from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.listing_attributes import (
    AttributeResolution,
    ProductAttributeChoice,
    SkuAttributeChoice,
    resolve_attributes,
)
from tiktokshop_sync.domain.listing_facts import (
    BrandFacts,
    CatalogFacts,
    CategoryFacts,
    CategoryTarget,
)
from tiktokshop_sync.domain.listing_issues import IssueCode, ListingIssue
from tiktokshop_sync.domain.listing_mapping import ListingMappings
from tiktokshop_sync.domain.listing_product import (
    LengthUnit,
    ListingProduct,
    ListingSku,
    WeightUnit,
)
from tiktokshop_sync.domain.stock import TIKTOK_MAX_QUANTITY

__all__ = [
    "CERTIFICATION_LIMIT",
    "DESCRIPTION_IMAGE_LIMIT",
    "DESCRIPTION_LIMIT",
    "MAIN_IMAGE_LIMIT",
    "MARKETS",
    "SALES_ATTRIBUTE_KINDS",
    "SELLER_SKU_LIMIT",
    "ListingPolicy",
    "ListingReport",
    "ResolvedListing",
    "ResolvedSku",
    "check_listing",
]

# Create Product's limits (api/products/create-product.spec.json).
DESCRIPTION_LIMIT: Final = 10_000
"""The longest description, in characters ("Max length: 10,000 characters")."""
DESCRIPTION_IMAGE_LIMIT: Final = 30
"""The most ``<img>`` tags a description may have ("Max 30 `<img>` tags")."""
MAIN_IMAGE_LIMIT: Final = 9
"""The most main images ("Max count: 9")."""
SELLER_SKU_LIMIT: Final = 50
"""The longest seller SKU ("Valid length: 1-50 characters", "Text without spaces")."""
SALES_ATTRIBUTE_KINDS: Final = 3
"""The most kinds of sales attributes a product may have ("up to 3 types")."""
CERTIFICATION_LIMIT: Final = 10
"""The most certifications a product may carry ("Max count: 10")."""

#: The markets Create Product names, with the currency each lists in.
MARKETS: Final = {
    "BR": "BRL",
    "DE": "EUR",
    "ES": "EUR",
    "FR": "EUR",
    "ID": "IDR",
    "IE": "EUR",
    "IT": "EUR",
    "JP": "JPY",
    "MX": "MXN",
    "MY": "MYR",
    "PH": "PHP",
    "SG": "SGD",
    "TH": "THB",
    "UK": "GBP",
    "US": "USD",
    "VN": "VND",
}
_EU: Final = frozenset({"DE", "ES", "FR", "IE", "IT"})
# title: "DE, ES, FR, IE, IT, JP, UK, US: [1, 255]; BR, MX: [1, 300]; Other regions: [25, 255]".
_TITLE_RANGE: Final = {
    **dict.fromkeys((*_EU, "JP", "UK", "US"), (1, 255)),
    "BR": (1, 300),
    "MX": (1, 300),
}
_OTHER_TITLE_RANGE: Final = (25, 255)
# skus: "Max SKUs for BR, EU, JP, MX, UK, US: 300; Max SKUs for other regions: 100".
_SKU_LIMIT: Final = {**dict.fromkeys((*_EU, "BR", "JP", "MX", "UK", "US"), 300)}
_OTHER_SKU_LIMIT: Final = 100
# package_weight.unit: "US: KILOGRAM, POUND; BR, JP, MX: KILOGRAM, GRAM; Other: KILOGRAM";
# package_dimensions.unit: "US: CENTIMETER, INCH; Other regions: CENTIMETER".
_WEIGHT_UNITS: Final = {
    "US": (WeightUnit.KILOGRAM, WeightUnit.POUND),
    **dict.fromkeys(("BR", "JP", "MX"), (WeightUnit.KILOGRAM, WeightUnit.GRAM)),
}
_OTHER_WEIGHT_UNITS: Final = (WeightUnit.KILOGRAM,)
_LENGTH_UNITS: Final = {"US": (LengthUnit.CENTIMETER, LengthUnit.INCH)}
_OTHER_LENGTH_UNITS: Final = (LengthUnit.CENTIMETER,)
# package_dimensions: "Optional for ID, TH, VN regions".
_DIMENSIONS_OPTIONAL: Final = frozenset({"ID", "TH", "VN"})
# Invite-only categories take products that then wait in PENDING / PRE_APPROVED (US only:
# guides/changelog/products/streamlining-of-invite-only-product-categories.md).
_INVITE_ONLY_LISTS: Final = frozenset({"US"})
# Currencies without a minor unit (ISO 4217).
_WHOLE_CURRENCIES: Final = frozenset({"JPY", "VND"})
# package_weight.value: "GRAM: integer; KILOGRAM: up to 3 decimal places; POUND: up to 2".
_WEIGHT_PLACES: Final = {WeightUnit.GRAM: 0, WeightUnit.KILOGRAM: 3, WeightUnit.POUND: 2}
_METRIC_WEIGHTS: Final = frozenset({WeightUnit.GRAM, WeightUnit.KILOGRAM})

_PREREQUISITE_LABELS: Final = {
    "SHOP_STATUS": ("status", "ステータス"),
    "SHOP_TAX": ("tax information", "税情報"),
    "PICKUP_WAREHOUSE": ("pickup warehouse", "集荷倉庫(倉庫未設定)"),
    "RETURN_WAREHOUSE": ("return warehouse", "返品倉庫"),
    "DELIVERY_OPTION": ("delivery options", "配送オプション"),
    "SHIPPING_TEMPLATE": ("shipping template", "配送テンプレート"),
    "PRODUCT_QUANTITY_LIMIT": ("product quantity limit", "出品数の上限"),
    "EXTENDED_PRODUCER_RESPONSIBILITY": ("EPR registration", "拡大生産者責任(EPR)の登録"),
    "BANK_ACCOUNT": ("bank account", "銀行口座"),
    "CONTACT_INFO": ("contact information", "連絡先"),
}


def _market(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or value not in MARKETS:
        raise DomainConfigError(
            f"ListingPolicy.market must be one of TikTok's markets ({', '.join(MARKETS)}), "
            f"e.g. 'JP', got {value!r}"
        )


def _max_price(instance: Any, attribute: Any, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        raise DomainConfigError(
            f"ListingPolicy.max_price must be None or a positive Decimal such as "
            f"Decimal('1000000'), got {value!r}"
        )


@attrs.frozen(kw_only=True)
class ListingPolicy:
    """The market whose listing limits apply, and a price ceiling the host may set."""

    market: str = attrs.field(default="JP", validator=_market)
    """TikTok's market code (JP, US, UK...): title length, units and SKU limits follow it."""
    max_price: Decimal | None = attrs.field(default=None, validator=_max_price)
    """The highest price to accept; TikTok's own range is not in its reference."""

    @property
    def currency(self) -> str:
        """The currency the market lists in (JPY for JP)."""
        return MARKETS[self.market]

    @property
    def title_range(self) -> tuple[int, int]:
        """The shortest and longest title, in characters."""
        return _TITLE_RANGE.get(self.market, _OTHER_TITLE_RANGE)

    @property
    def sku_limit(self) -> int:
        """The most SKUs one product may have."""
        return _SKU_LIMIT.get(self.market, _OTHER_SKU_LIMIT)

    @property
    def weight_units(self) -> tuple[WeightUnit, ...]:
        """The package weight units the market takes."""
        return _WEIGHT_UNITS.get(self.market, _OTHER_WEIGHT_UNITS)

    @property
    def length_units(self) -> tuple[LengthUnit, ...]:
        """The package dimension units the market takes."""
        return _LENGTH_UNITS.get(self.market, _OTHER_LENGTH_UNITS)


_DEFAULT_POLICY: Final = ListingPolicy()


@attrs.frozen(kw_only=True)
class ResolvedSku:
    """A SKU as it will be sent: the host SKU and its sales attributes."""

    sku: ListingSku
    attributes: tuple[SkuAttributeChoice, ...] = ()


@attrs.frozen(kw_only=True)
class ResolvedListing:
    """What to send for a product that passed: TikTok category, brand, attributes, SKUs."""

    product: ListingProduct = attrs.field(repr=lambda p: repr(p.catalog_id))
    target: CategoryTarget
    brand_id: str = ""
    attributes: tuple[ProductAttributeChoice, ...] = attrs.field(default=(), repr=sized)
    skus: tuple[ResolvedSku, ...] = attrs.field(default=(), repr=sized)


@attrs.frozen(kw_only=True)
class ListingReport:
    """Every problem found in one product before any call, and the listing when none blocks."""

    catalog_id: str
    target: CategoryTarget | None = None
    issues: tuple[ListingIssue, ...] = ()
    """What TikTok would refuse the product for (不足項目)."""
    warnings: tuple[ListingIssue, ...] = ()
    """What TikTok accepts, but not as the seller may expect."""
    listing: ResolvedListing | None = attrs.field(default=None, repr=False)
    """The resolved listing, when nothing blocks."""

    @property
    def ready(self) -> bool:
        """Whether nothing blocks the listing."""
        return not self.issues

    def describe(self, language: Language = "ja") -> str:
        """The problems, one per line, for the seller."""
        head = pick(
            language,
            f"{self.catalog_id}: ready" if self.ready else f"{self.catalog_id}: needs data",
            f"{self.catalog_id}: 出品可能" if self.ready else f"{self.catalog_id}: 不足項目あり",
        )
        lines = [head]
        lines += [f"  - {issue.message(language)}" for issue in self.issues]
        lines += [
            pick(language, "  (warning) ", "  (注意) ") + issue.message(language)
            for issue in self.warnings
        ]
        return "\n".join(lines)


def _issue(code: IssueCode, field: str, **params: Any) -> ListingIssue:
    return ListingIssue.of(code, field, **params)


def _prerequisites(facts: CatalogFacts) -> list[ListingIssue]:
    found = []
    for check in facts.prerequisites:
        if not check.failed:
            continue
        en, ja = _PREREQUISITE_LABELS.get(check.item, (check.item, check.item))
        reasons = f": {' / '.join(check.reasons)}" if check.reasons else ""
        found.append(
            _issue(
                IssueCode.SHOP_NOT_READY,
                f"shop.{check.item}",
                item_en=en,
                item_ja=ja,
                reasons=reasons,
            )
        )
    return found


def _category(
    target: CategoryTarget, facts: CatalogFacts, policy: ListingPolicy
) -> tuple[list[ListingIssue], list[ListingIssue], bool]:
    """(issues, warnings, whether the category's own rules can be checked)."""
    tree = facts.tree
    if tree is None:
        return [], [], True
    if target.version is not tree.version:
        issue = _issue(
            IssueCode.CATEGORY_OTHER_VERSION,
            "category_version",
            category=target.category_id,
            mapped=target.version.value,
            shop=tree.version.value,
        )
        return [issue], [], False
    node = tree.get(target.category_id)
    if node is None:
        issue = _issue(IssueCode.CATEGORY_NOT_FOUND, "category_id", category=target.category_id)
        return [issue], [], False
    path = tree.path_name(node.id)
    if not node.is_leaf:
        return [_issue(IssueCode.CATEGORY_NOT_LEAF, "category_id", path=path)], [], False
    issues: list[ListingIssue] = []
    warnings: list[ListingIssue] = []
    for status in node.blocked_by:
        code = {
            "INVITE_ONLY": IssueCode.CATEGORY_RESTRICTED,
            "NON_MAIN_CATEGORY": IssueCode.CATEGORY_OUTSIDE_MAIN,
            "PROHIBITED": IssueCode.CATEGORY_PROHIBITED,
        }[status]
        issue = _issue(code, "category_id", path=path)
        if status == "INVITE_ONLY" and policy.market in _INVITE_ONLY_LISTS:
            warnings.append(issue)
        else:
            issues.append(issue)
    return issues, warnings, True


def _text(product: ListingProduct, policy: ListingPolicy) -> list[ListingIssue]:
    found: list[ListingIssue] = []
    title = product.title.strip()
    low, high = policy.title_range
    if not title:
        found.append(_issue(IssueCode.TITLE_MISSING, "title"))
    elif len(title) > high:
        found.append(_issue(IssueCode.TITLE_TOO_LONG, "title", length=len(title), limit=high))
    elif len(title) < low:
        found.append(_issue(IssueCode.TITLE_TOO_SHORT, "title", length=len(title), limit=low))
    for en, ja in format_problems(title, html=False) if title else ():
        found.append(_issue(IssueCode.TITLE_FORMAT, "title", problem_en=en, problem_ja=ja))
    description = product.description
    if not description.strip():
        found.append(_issue(IssueCode.DESCRIPTION_MISSING, "description"))
        return found
    if len(description) > DESCRIPTION_LIMIT:
        found.append(
            _issue(
                IssueCode.DESCRIPTION_TOO_LONG,
                "description",
                length=len(description),
                limit=DESCRIPTION_LIMIT,
            )
        )
    images = count_images(description)
    if images > DESCRIPTION_IMAGE_LIMIT:
        found.append(
            _issue(
                IssueCode.DESCRIPTION_TOO_MANY_IMAGES,
                "description",
                count=images,
                limit=DESCRIPTION_IMAGE_LIMIT,
            )
        )
    for en, ja in format_problems(description, html=True):
        found.append(
            _issue(IssueCode.DESCRIPTION_FORMAT, "description", problem_en=en, problem_ja=ja)
        )
    return found


def _images(product: ListingProduct) -> list[ListingIssue]:
    found: list[ListingIssue] = []
    images = [image for image in product.images if image.strip()]
    if not images:
        found.append(_issue(IssueCode.IMAGE_MISSING, "main_images"))
    elif len(images) > MAIN_IMAGE_LIMIT:
        found.append(
            _issue(
                IssueCode.TOO_MANY_IMAGES, "main_images", count=len(images), limit=MAIN_IMAGE_LIMIT
            )
        )
    with_images = [sku for sku in product.skus if sku.image.strip() and sku.options]
    if not with_images:
        return found
    # The image belongs to the value of the first option (the primary sales attribute): every
    # value of it needs one once any has one (Create Product, skus.sales_attributes.sku_img).
    primary = next(iter(with_images[0].options))
    covered = {fold(sku.options.get(primary, "")) for sku in with_images}
    reported: set[str] = set()
    for sku in product.skus:
        value = sku.options.get(primary, "")
        key = fold(value)
        if key and key not in covered and key not in reported:
            reported.add(key)
            found.append(
                _issue(
                    IssueCode.SKU_IMAGE_MISSING,
                    f"skus[{sku.seller_sku}].sales_attributes.sku_img",
                    option=primary,
                    value=value,
                )
            )
    return found


def _price_rule(currency: str) -> tuple[str, str]:
    if currency == "JPY":
        return ("a whole amount of yen above 0", "1円以上の整数")
    if currency in _WHOLE_CURRENCIES:
        return (f"a whole amount of {currency} above 0", f"0より大きい整数({currency})")
    return (
        f"above 0 with at most 2 decimal places ({currency})",
        "0より大きい金額(小数点以下2桁まで)",
    )


def _skus(product: ListingProduct, policy: ListingPolicy) -> list[ListingIssue]:
    found: list[ListingIssue] = []
    skus = product.skus
    if not skus:
        return [_issue(IssueCode.NO_SKUS, "skus")]
    if len(skus) > policy.sku_limit:
        found.append(
            _issue(IssueCode.TOO_MANY_SKUS, "skus", count=len(skus), limit=policy.sku_limit)
        )
    places = 0 if policy.currency in _WHOLE_CURRENCIES else 2
    counts = Counter(sku.seller_sku.strip() for sku in skus)
    duplicates: set[str] = set()
    found += _shared_jans(skus)
    for sku in skus:
        code = sku.seller_sku.strip()
        where = f"skus[{sku.seller_sku}]"
        if not code or len(code) > SELLER_SKU_LIMIT or any(c.isspace() for c in code):
            found.append(
                _issue(
                    IssueCode.SELLER_SKU_INVALID,
                    f"{where}.seller_sku",
                    sku=sku.seller_sku,
                    limit=SELLER_SKU_LIMIT,
                )
            )
        elif counts[code] > 1 and code not in duplicates:
            duplicates.add(code)
            found.append(_issue(IssueCode.SELLER_SKU_DUPLICATE, f"{where}.seller_sku", sku=code))
        price = sku.price
        if not price.is_finite() or price <= 0 or _places(price) > places:
            rule_en, rule_ja = _price_rule(policy.currency)
            found.append(
                _issue(
                    IssueCode.PRICE_INVALID,
                    f"{where}.price.amount",
                    sku=sku.seller_sku,
                    price=price,
                    rule_en=rule_en,
                    rule_ja=rule_ja,
                )
            )
        elif policy.max_price is not None and price > policy.max_price:
            found.append(
                _issue(
                    IssueCode.PRICE_TOO_HIGH,
                    f"{where}.price.amount",
                    sku=sku.seller_sku,
                    price=price,
                    limit=policy.max_price,
                )
            )
        if not 0 <= sku.quantity <= TIKTOK_MAX_QUANTITY:
            found.append(
                _issue(
                    IssueCode.QUANTITY_OUT_OF_RANGE,
                    f"{where}.inventory.quantity",
                    sku=sku.seller_sku,
                    quantity=sku.quantity,
                    low=0,
                    high=TIKTOK_MAX_QUANTITY,
                )
            )
        jan = sku.identifier_code.strip()
        if jan and not (jan.isascii() and jan.isdigit() and len(jan) in (8, 13)):
            found.append(
                _issue(
                    IssueCode.IDENTIFIER_CODE_INVALID,
                    f"{where}.identifier_code",
                    sku=sku.seller_sku,
                    jan=jan,
                )
            )
    return found


def _shared_jans(skus: Iterable[ListingSku]) -> list[ListingIssue]:
    """A JAN code on more than one SKU, once per code (Create Product, identifier_code.code:
    "must be unique for each SKU", error 12052592)."""
    holders: dict[str, list[ListingSku]] = {}
    for sku in skus:
        jan = sku.identifier_code.strip()
        if jan:
            holders.setdefault(jan, []).append(sku)
    return [
        _issue(
            IssueCode.IDENTIFIER_CODE_DUPLICATE,
            f"skus[{shared[0].seller_sku}].identifier_code",
            jan=jan,
            skus=", ".join(sku.seller_sku for sku in shared),
        )
        for jan, shared in holders.items()
        if len(shared) > 1
    ]


def _variants(product: ListingProduct) -> list[ListingIssue]:
    """The SKUs' options taken together: present, the same on every SKU, at most 3, distinct."""
    skus = product.skus
    if len(skus) < 2 and not any(sku.options for sku in skus):
        return []
    found: list[ListingIssue] = []
    names: dict[str, str] = {}
    for sku in skus:
        for name in sku.options:
            names.setdefault(fold(name), name)
    if len(names) > SALES_ATTRIBUTE_KINDS:
        found.append(
            _issue(
                IssueCode.SALES_ATTRIBUTES_TOO_MANY,
                "skus.sales_attributes",
                count=len(names),
                names="、".join(names.values()),
                limit=SALES_ATTRIBUTE_KINDS,
            )
        )
    # The most common set of option names is the expected one (the first seen on a tie).
    shapes = Counter(frozenset(fold(n) for n in sku.options) for sku in skus if sku.options)
    expected = shapes.most_common(1)[0][0] if shapes else None
    seen: dict[frozenset[tuple[str, str]], str] = {}
    for sku in skus:
        where = f"skus[{sku.seller_sku}].sales_attributes"
        if not sku.options:
            found.append(_issue(IssueCode.SALES_ATTRIBUTES_MISSING, where, sku=sku.seller_sku))
            continue
        shape = frozenset(fold(n) for n in sku.options)
        if expected is not None and shape != expected:
            found.append(
                _issue(
                    IssueCode.SALES_ATTRIBUTES_INCONSISTENT,
                    where,
                    sku=sku.seller_sku,
                    names="、".join(sku.options),
                    expected="、".join(names[n] for n in sorted(expected)),
                )
            )
            continue
        combination = frozenset((fold(n), fold(v)) for n, v in sku.options.items())
        first = seen.setdefault(combination, sku.seller_sku)
        if first != sku.seller_sku:
            found.append(
                _issue(
                    IssueCode.SALES_ATTRIBUTES_DUPLICATE,
                    where,
                    sku=first,
                    other=sku.seller_sku,
                    combination="、".join(f"{n}: {v}" for n, v in sku.options.items()),
                )
            )
    return found


def _attribute_text(
    product: ListingProduct, resolution: AttributeResolution, category: CategoryFacts
) -> list[ListingIssue]:
    """TikTok's text rules on the names and values sent as text, not as TikTok's ids: product
    attribute values (12052935), custom option names (12052933) and option values (12052934)."""
    found: list[ListingIssue] = []
    for attribute in resolution.product:
        for value in attribute.values:
            for en, ja in format_problems(value.name, html=False) if not value.id else ():
                found.append(
                    _issue(
                        IssueCode.ATTRIBUTE_VALUE_FORMAT,
                        f"product_attributes[{attribute.attribute_id}]",
                        attribute=attribute.name or attribute.attribute_id,
                        value=value.name,
                        problem_en=en,
                        problem_ja=ja,
                    )
                )
    names: dict[str, tuple[str, str]] = {}
    values: dict[tuple[str, str], list[str]] = {}
    for sku, chosen in zip(product.skus, resolution.skus, strict=True):
        for choice in chosen:
            if choice.name:
                names.setdefault(fold(choice.name), (choice.name, sku.seller_sku))
            if choice.value_id:
                continue
            facts = category.attribute(choice.attribute_id)
            label = choice.name or next(
                (n for n, v in sku.options.items() if v == choice.value_name),
                facts.name if facts is not None else choice.attribute_id,
            )
            values.setdefault((label, choice.value_name), []).append(sku.seller_sku)
    for name, first in names.values():
        for en, ja in format_problems(name, html=False):
            found.append(
                _issue(
                    IssueCode.SALES_ATTRIBUTE_NAME_FORMAT,
                    f"skus[{first}].sales_attributes",
                    name=name,
                    problem_en=en,
                    problem_ja=ja,
                )
            )
    for (label, text), holders in values.items():
        for en, ja in format_problems(text, html=False):
            found.append(
                _issue(
                    IssueCode.SALES_ATTRIBUTE_VALUE_FORMAT,
                    f"skus[{holders[0]}].sales_attributes",
                    skus=", ".join(holders),
                    name=label,
                    value=text,
                    problem_en=en,
                    problem_ja=ja,
                )
            )
    return found


def _brand(
    product: ListingProduct,
    mappings: ListingMappings,
    category: CategoryFacts,
    brand_required: bool,
) -> tuple[list[ListingIssue], list[ListingIssue], str]:
    """(issues, warnings, TikTok brand id) under Get Brands' selection rules."""
    name = product.brand.strip()
    if not name:
        issues = [_issue(IssueCode.BRAND_MISSING, "brand_id")] if brand_required else []
        return issues, [], ""
    mapped = mappings.brand_id(name)
    brand: BrandFacts | None = (
        category.brand(mapped) if mapped else category.brand(name) or category.brand_named(name)
    )
    if brand is None:
        return [_issue(IssueCode.BRAND_UNKNOWN, "brand_id", brand=name)], [], ""
    label = brand.name or name
    if brand.authorized is True:
        if brand.available_in_category is False:
            return [_issue(IssueCode.BRAND_NOT_IN_CATEGORY, "brand_id", brand=label)], [], ""
        return [], [], brand.id
    if brand.t1:
        return [_issue(IssueCode.BRAND_NOT_AUTHORIZED, "brand_id", brand=label)], [], ""
    return [], [_issue(IssueCode.BRAND_HIDDEN, "brand_id", brand=label)], brand.id


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def _unit_issue(
    field: str,
    unit: WeightUnit | LengthUnit,
    allowed: Iterable[WeightUnit | LengthUnit],
    policy: ListingPolicy,
) -> ListingIssue:
    return _issue(
        IssueCode.PACKAGE_UNIT_NOT_SUPPORTED,
        field,
        unit=unit.value,
        market=policy.market,
        allowed=", ".join(u.value for u in allowed),
    )


def _package(
    product: ListingProduct, category: CategoryFacts, policy: ListingPolicy
) -> list[ListingIssue]:
    found: list[ListingIssue] = []
    weight = product.package_weight
    if weight is None:
        found.append(_issue(IssueCode.PACKAGE_WEIGHT_MISSING, "package_weight"))
    elif weight.unit not in policy.weight_units:
        found.append(_unit_issue("package_weight.unit", weight.unit, policy.weight_units, policy))
    elif (
        not weight.value.is_finite()
        or weight.value <= 0
        or _places(weight.value) > _WEIGHT_PLACES[weight.unit]
    ):
        places = _WEIGHT_PLACES[weight.unit]
        found.append(
            _issue(
                IssueCode.PACKAGE_WEIGHT_INVALID,
                "package_weight.value",
                weight=str(weight),
                rule_en="a positive whole number"
                if places == 0
                else f"positive, with at most {places} decimal places",
                rule_ja="正の整数" if places == 0 else f"正の数(小数点以下{places}桁まで)",
            )
        )
    size = product.package_dimensions
    required = category.rules.dimensions_required and policy.market not in _DIMENSIONS_OPTIONAL
    if size is None:
        if required:
            found.append(_issue(IssueCode.PACKAGE_DIMENSIONS_MISSING, "package_dimensions"))
        return found
    if size.unit not in policy.length_units:
        found.append(_unit_issue("package_dimensions.unit", size.unit, policy.length_units, policy))
    for side, side_ja, value in (
        ("length", "縦(長さ)", size.length),
        ("width", "横(幅)", size.width),
        ("height", "高さ", size.height),
    ):
        if not value.is_finite() or value <= 0 or value != value.to_integral_value():
            found.append(
                _issue(
                    IssueCode.PACKAGE_DIMENSIONS_INVALID,
                    f"package_dimensions.{side}",
                    side_en=side,
                    side_ja=side_ja,
                    value=value,
                )
            )
    if weight is not None and (weight.unit in _METRIC_WEIGHTS) != (
        size.unit is LengthUnit.CENTIMETER
    ):
        found.append(
            _issue(
                IssueCode.PACKAGE_UNITS_MISMATCH,
                "package_dimensions.unit",
                weight_unit=weight.unit.value,
                size_unit=size.unit.value,
            )
        )
    return found


def _size_chart(
    product: ListingProduct, category: CategoryFacts
) -> tuple[list[ListingIssue], list[ListingIssue]]:
    given = bool(product.size_chart_image.strip() or product.size_chart_template_id.strip())
    rules = category.rules
    if rules.size_chart_required and not given:
        return [_issue(IssueCode.SIZE_CHART_MISSING, "size_chart")], []
    if given and rules.size_chart_supported is False and not rules.size_chart_required:
        return [], [_issue(IssueCode.SIZE_CHART_NOT_SUPPORTED, "size_chart")]
    return [], []


def _certifications(
    product: ListingProduct, category: CategoryFacts, chosen: dict[str, set[str]]
) -> list[ListingIssue]:
    found: list[ListingIssue] = []
    held = {c.id: c for c in product.certifications}
    known = {c.id for c in category.rules.certifications}
    if len(product.certifications) > CERTIFICATION_LIMIT:
        found.append(
            _issue(
                IssueCode.TOO_MANY_CERTIFICATIONS,
                "certifications",
                count=len(product.certifications),
                limit=CERTIFICATION_LIMIT,
            )
        )
    for certification in product.certifications:
        if certification.id not in known:
            found.append(
                _issue(
                    IssueCode.CERTIFICATION_NOT_IN_CATEGORY,
                    f"certifications[{certification.id}]",
                    certification=certification.id,
                )
            )
    for rule in category.rules.certifications:
        field = f"certifications[{rule.id}]"
        label = rule.name or rule.id
        mine = held.get(rule.id)
        if mine is None:
            if rule.required:
                found.append(_issue(IssueCode.CERTIFICATION_MISSING, field, certification=label))
                continue
            met = category.condition_met(rule.required_when, chosen)
            if met is not None:
                attribute, value = category.condition_labels(met)
                found.append(
                    _issue(
                        IssueCode.CERTIFICATION_REQUIRED_BY,
                        field,
                        certification=label,
                        attribute=attribute,
                        value=value,
                    )
                )
            continue
        if not mine.images and not mine.files:
            found.append(_issue(IssueCode.CERTIFICATION_EMPTY, field, certification=label))
        if rule.expiry_required and mine.expires is None:
            found.append(_issue(IssueCode.CERTIFICATION_EXPIRY_MISSING, field, certification=label))
    return found


def _split(found: Iterable[ListingIssue]) -> tuple[list[ListingIssue], list[ListingIssue]]:
    items = list(found)
    return [i for i in items if i.blocking], [i for i in items if not i.blocking]


def check_listing(
    product: ListingProduct,
    *,
    mappings: ListingMappings,
    facts: CatalogFacts,
    policy: ListingPolicy | None = None,
) -> ListingReport:
    """Every missing or invalid item of ``product``, before anything is sent to TikTok.

    Checks, in order: the shop's prerequisites, the category (mapped, in the shop's tree
    version, a leaf, permitted), title and description, images, SKUs (codes, prices, stock, JAN
    codes, each JAN on one SKU only, variant options), product and sales attributes (with the
    text rules on the names and values sent as text), brand, package weight and dimensions, size
    chart and certifications. Only what the category's facts require is
    required; the category's own rules are skipped when the category itself is wrong.
    """
    if not isinstance(product, ListingProduct):
        raise TypeError(f"product must be a ListingProduct, got {type(product).__name__}")
    if not isinstance(mappings, ListingMappings):
        raise TypeError(f"mappings must be ListingMappings, got {type(mappings).__name__}")
    if not isinstance(facts, CatalogFacts):
        raise TypeError(f"facts must be CatalogFacts, got {type(facts).__name__}")
    chosen_policy = _DEFAULT_POLICY if policy is None else policy
    if not isinstance(chosen_policy, ListingPolicy):
        raise TypeError(f"policy must be a ListingPolicy, got {type(chosen_policy).__name__}")
    issues = _prerequisites(facts)
    warnings: list[ListingIssue] = []
    target = mappings.categories.find(product.category)
    category: CategoryFacts | None = None
    if target is None:
        issues.append(
            _issue(
                IssueCode.CATEGORY_UNMAPPED,
                "category_id",
                host=f"「{product.category}」" if product.category else "(未設定)",
            )
        )
    else:
        found, cautions, checkable = _category(target, facts, chosen_policy)
        issues += found
        warnings += cautions
        if checkable:
            category = facts.categories.get(target.category_id)
            if category is None:
                issues.append(
                    _issue(
                        IssueCode.CATEGORY_RULES_MISSING,
                        "category_id",
                        category=target.category_id,
                    )
                )
    issues += _text(product, chosen_policy)
    issues += _images(product)
    issues += _skus(product, chosen_policy)
    issues += _variants(product)
    resolution = AttributeResolution()
    brand_id = ""
    if category is not None and target is not None:
        mapping = mappings.attributes_for(target.category_id)
        resolution = resolve_attributes(product, mapping, category)
        issues += resolution.issues
        issues += _attribute_text(product, resolution, category)
        warnings += resolution.warnings
        brand_issues, brand_warnings, brand_id = _brand(
            product, mappings, category, mapping.brand_required
        )
        issues += brand_issues
        warnings += brand_warnings
        issues += _package(product, category, chosen_policy)
        chart_issues, chart_warnings = _size_chart(product, category)
        issues += chart_issues
        warnings += chart_warnings
        chosen = {c.attribute_id: {v.id for v in c.values if v.id} for c in resolution.product}
        issues += _certifications(product, category, chosen)
    blocking, cautions = _split(issues)
    warnings += cautions
    listing = None
    if not blocking and target is not None and category is not None:
        listing = ResolvedListing(
            product=product,
            target=target,
            brand_id=brand_id,
            attributes=resolution.product,
            skus=tuple(
                ResolvedSku(sku=sku, attributes=chosen)
                for sku, chosen in zip(product.skus, resolution.skus, strict=True)
            ),
        )
    return ListingReport(
        catalog_id=product.catalog_id,
        target=target,
        issues=tuple(blocking),
        warnings=tuple(warnings),
        listing=listing,
    )
