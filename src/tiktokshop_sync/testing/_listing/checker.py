"""The fake's listing rules: a Create / Edit Product body against its category's rules.

What TikTok checks before it accepts a product, as the reference states it
(``api/products/create-product.spec.json``: field limits and the error list;
``get-attributes``, ``get-category-rules`` and ``get-brands`` for the category's own rules),
read on the wire body: category (exists, a leaf, permitted), title and description, images
(present, at most 9, at least 300 x 300 px when the fake knows the upload), SKUs (codes,
prices, stock, identifier codes unique, variant options), product attributes (required,
conditional, listed values, custom values, single or multiple, numbers), brand, package weight
and dimensions, size chart and certifications. Every failure is reported, not just the first:
Check Product Listing lists them as its ``fail_reasons``, Create and Edit Product refuse with
the first one and list them all in ``extra_errors`` [inferred: TikTok's reference shows one
code per error envelope]. When the category itself is wrong, its own rules are not checked.
The text rules (HTML escapes, emojis, repeats), which TikTok applies to the title, the
description and the attribute names and values sent as text, are the SDK's own reading of
TikTok's wording (``domain/_listing_text.py``), shared so the two never drift.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from attrs import frozen

from tiktokshop_sync.domain._listing_text import count_images, format_problems
from tiktokshop_sync.testing._errors import ErrorSpec
from tiktokshop_sync.testing._listing import codes
from tiktokshop_sync.testing._listing.tree import (
    ATTRIBUTES,
    BRANDS,
    CATEGORIES,
    RULES,
    FakeAttribute,
    FakeBrand,
    FakeCategory,
    FakeRules,
    value_id,
)

__all__ = ["MIN_IMAGE_SIDE", "Failure", "ListingCheck", "check_body", "check_fields", "fill"]

#: Create Product: "Image dimensions: [300x300 px, 4000x4000 px]".
MIN_IMAGE_SIDE: Final = 300
#: The JP price ceiling the fake applies [inferred: TikTok's range lives outside the reference].
MAX_JPY: Final = 500_000
_TITLE_MAX, _DESCRIPTION_MAX, _DESCRIPTION_IMAGES = 255, 10_000, 30
_IMAGES_MAX, _SKUS_MAX, _SELLER_SKU_MAX, _KINDS_MAX = 9, 300, 50, 3
_NAME_MAX, _OPTION_VALUE_MAX, _CUSTOM_VALUE_MAX = 20, 50, 2000
_QUANTITY_MAX = 99_999
_CERTIFICATIONS_MAX = 10
_WEIGHT_PLACES: Final = {"GRAM": 0, "KILOGRAM": 3}
_NUMBER: Final = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@frozen
class Failure:
    """One rule the body breaks: TikTok's code and (filled-in) message, and the field."""

    spec: ErrorSpec
    message: str
    field: str

    @property
    def code(self) -> int:
        """TikTok's error code."""
        return self.spec.code

    def to_wire(self) -> dict[str, Any]:
        """As a listing check's ``fail_reasons[]`` or an error's ``extra_errors[]`` item."""
        return {"code": self.spec.code, "message": self.message}


@frozen
class ListingCheck:
    """Every failure of a body, and what TikTok accepts with a warning."""

    failures: tuple[Failure, ...]
    warnings: tuple[str, ...] = ()


def fill(spec: ErrorSpec, **values: object) -> str:
    """The spec's message with its ``{{placeholders}}`` filled in."""
    message = spec.message
    for name, value in values.items():
        message = message.replace("{{" + name + "}}", str(value))
    return message


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


class _Checker:
    def __init__(self, body: Mapping[str, Any], images: Mapping[str, tuple[int, int]]) -> None:
        self.body = body
        self.images = images
        self.failures: list[Failure] = []
        self.warnings: list[str] = []

    def fail(self, spec: ErrorSpec, field: str, **values: object) -> None:
        self.failures.append(Failure(spec, fill(spec, **values), field))

    # --- category ---------------------------------------------------------------------------

    def category(self) -> tuple[FakeCategory, FakeRules] | None:
        """The leaf and its rules when they can be checked, else None (failures added)."""
        category_id = _text(self.body.get("category_id"))
        node = next((c for c in CATEGORIES if c.id == category_id), None)
        if node is None:
            self.fail(codes.CATEGORY_NOT_FOUND, "category_id")
            return None
        if not node.is_leaf:
            self.fail(codes.CATEGORY_NOT_LEAF, "category_id")
            return None
        blocked = {
            "INVITE_ONLY": codes.CATEGORY_RESTRICTED,
            "NON_MAIN_CATEGORY": codes.CATEGORY_OUTSIDE_MAIN,
            "PROHIBITED": codes.CATEGORY_PROHIBITED,
        }.get(node.permission)
        if blocked is not None:
            self.fail(blocked, "category_id")
        return node, RULES.get(node.id, FakeRules())

    # --- text and images --------------------------------------------------------------------

    def text(self) -> None:
        self.title()
        self.description()

    def title(self) -> None:
        title = _text(self.body.get("title")).strip()
        if not title:
            self.fail(codes.TITLE_MISSING, "title")
        elif len(title) > _TITLE_MAX:
            self.fail(codes.TITLE_TOO_LONG, "title")
        for _ in format_problems(title, html=False) if title else ():
            self.fail(codes.TITLE_FORMAT, "title")

    def description(self) -> None:
        description = _text(self.body.get("description"))
        if not description.strip():
            self.fail(codes.DESCRIPTION_MISSING, "description")
            return
        if len(description) > _DESCRIPTION_MAX:
            self.fail(codes.DESCRIPTION_TOO_LONG, "description")
        if count_images(description) > _DESCRIPTION_IMAGES:
            self.fail(codes.DESCRIPTION_IMAGES, "description")
        for _ in format_problems(description, html=True):
            self.fail(codes.DESCRIPTION_FORMAT, "description")

    def main_images(self) -> None:
        uris = [_text(_dict(i).get("uri")) for i in _list(self.body.get("main_images"))]
        uris = [uri for uri in uris if uri.strip()]
        if not uris:
            self.fail(codes.IMAGE_MISSING, "main_images")
        elif len(uris) > _IMAGES_MAX:
            self.fail(codes.TOO_MANY_IMAGES, "main_images")
        for uri in uris:
            size = self.images.get(uri)
            if size is not None and min(size) < MIN_IMAGE_SIDE:
                self.fail(codes.IMAGE_TOO_SMALL, "main_images", min_limit=MIN_IMAGE_SIDE, uri=uri)

    # --- SKUs and their options -------------------------------------------------------------

    def skus(self) -> list[dict[str, Any]]:
        skus = [_dict(s) for s in _list(self.body.get("skus"))]
        if not skus:
            self.fail(codes.NO_SKUS, "skus")
            return []
        if len(skus) > _SKUS_MAX:
            self.fail(codes.TOO_MANY_SKUS, "skus")
        counts = Counter(_text(s.get("seller_sku")).strip() for s in skus)
        duplicates: set[str] = set()
        for sku in skus:
            code = _text(sku.get("seller_sku")).strip()
            where = f"skus[{code}]"
            if not code or len(code) > _SELLER_SKU_MAX or any(c.isspace() for c in code):
                self.fail(codes.SELLER_SKU_INVALID, f"{where}.seller_sku")
            elif counts[code] > 1 and code not in duplicates:
                duplicates.add(code)
                self.fail(codes.SELLER_SKU_DUPLICATE, f"{where}.seller_sku")
            self.price(sku, where)
            for row in _list(sku.get("inventory")):
                quantity = _dict(row).get("quantity")
                if (
                    isinstance(quantity, bool)
                    or not isinstance(quantity, int)
                    or not 0 <= quantity <= _QUANTITY_MAX
                ):
                    self.fail(codes.QUANTITY, f"{where}.inventory.quantity")
        self.identifier_codes(skus)
        self.sku_images(skus)
        self.variants(skus)
        return skus

    def identifier_codes(self, skus: list[dict[str, Any]]) -> None:
        """An identifier code on more than one SKU, once per code ("must be unique for each
        SKU")."""
        holders: dict[str, list[str]] = {}
        for sku in skus:
            code = _text(_dict(sku.get("identifier_code")).get("code")).strip()
            if code:
                holders.setdefault(code, []).append(_text(sku.get("seller_sku")).strip())
        for shared in holders.values():
            if len(shared) > 1:
                self.fail(codes.IDENTIFIER_CODE_DUPLICATE, f"skus[{shared[0]}].identifier_code")

    def price(self, sku: dict[str, Any], where: str) -> None:
        price = _dict(sku.get("price"))
        amount = _decimal(price.get("sale_price", price.get("amount")))
        if amount is None or amount <= 0 or _places(amount) > 0:
            self.fail(codes.PRICE_INVALID, f"{where}.price.amount")
        elif amount > MAX_JPY:
            self.fail(codes.PRICE_TOO_HIGH, f"{where}.price.amount")

    @staticmethod
    def _options(sku: dict[str, Any]) -> list[dict[str, Any]]:
        return [_dict(a) for a in _list(sku.get("sales_attributes"))]

    @staticmethod
    def _key(attribute: dict[str, Any]) -> str:
        return _text(attribute.get("id")) or _fold(_text(attribute.get("name")))

    @staticmethod
    def _value(attribute: dict[str, Any]) -> str:
        return _text(attribute.get("value_id")) or _fold(_text(attribute.get("value_name")))

    def sku_images(self, skus: list[dict[str, Any]]) -> None:
        """Once one value of the first option has an image, every value of it needs one."""
        with_image = [
            s for s in skus if self._options(s) and _dict(self._options(s)[0].get("sku_img"))
        ]
        if not with_image:
            return
        primary = self._key(self._options(with_image[0])[0])
        covered = {self._value(self._options(s)[0]) for s in with_image}
        reported: set[str] = set()
        for sku in skus:
            for option in self._options(sku):
                if self._key(option) != primary:
                    continue
                value = self._value(option)
                if value and value not in covered and value not in reported:
                    reported.add(value)
                    self.fail(codes.SKU_IMAGE_MISSING, "skus.sales_attributes.sku_img")

    def variants(self, skus: list[dict[str, Any]]) -> None:
        if len(skus) < 2 and not any(self._options(s) for s in skus):
            return
        kinds = {self._key(o) for s in skus for o in self._options(s)}
        if len(kinds) > _KINDS_MAX:
            self.fail(codes.SALES_ATTRIBUTES_TOO_MANY, "skus.sales_attributes")
        shapes = Counter(
            frozenset(self._key(o) for o in self._options(s)) for s in skus if self._options(s)
        )
        expected = shapes.most_common(1)[0][0] if shapes else None
        seen: set[frozenset[tuple[str, str]]] = set()
        for sku in skus:
            options = self._options(sku)
            if not options:
                self.fail(codes.SALES_ATTRIBUTES_INCOMPLETE, "skus.sales_attributes")
                continue
            if frozenset(self._key(o) for o in options) != expected:
                self.fail(codes.SALES_ATTRIBUTES_INCOMPLETE, "skus.sales_attributes")
                continue
            combination = frozenset((self._key(o), self._value(o)) for o in options)
            if combination in seen:
                self.fail(codes.SALES_ATTRIBUTES_DUPLICATE, "skus.sales_attributes")
            seen.add(combination)

    def sales_attributes(self, skus: list[dict[str, Any]], rules: FakeRules | None) -> None:
        """Each option's name and value: a listed id, or a custom name within the limits and
        the text rules (each name, and each option's value, judged once)."""
        named: set[str] = set()
        valued: set[tuple[str, str]] = set()
        sales = set(rules.sales if rules is not None else ())
        for sku in skus:
            for option in self._options(sku):
                attribute = ATTRIBUTES.get(_text(option.get("id")))
                if attribute is None or attribute.id not in sales:
                    name = _text(option.get("name"))
                    if rules is not None and _fold(name) not in named:
                        named.add(_fold(name))
                        if len(name) > _NAME_MAX:
                            self.fail(codes.SALES_ATTRIBUTE_NAME_TOO_LONG, "skus.sales_attributes")
                        for _ in format_problems(name, html=False):
                            self.fail(codes.SALES_ATTRIBUTE_NAME_FORMAT, "skus.sales_attributes")
                elif option.get("value_id"):
                    if _text(option.get("value_id")) not in attribute.value_ids():
                        self.fail(codes.VALUE_ID_UNKNOWN, "skus.sales_attributes")
                    continue
                value = _text(option.get("value_name"))
                if rules is not None and len(value) > _OPTION_VALUE_MAX:
                    self.fail(
                        codes.VALUE_TOO_LONG,
                        "skus.sales_attributes",
                        property_type="sales attribute",
                        max_limit=_OPTION_VALUE_MAX,
                        property_value_name=value,
                    )
                elif rules is not None and (self._key(option), value) not in valued:
                    valued.add((self._key(option), value))
                    for _ in format_problems(value, html=False):
                        self.fail(codes.SALES_ATTRIBUTE_VALUE_FORMAT, "skus.sales_attributes")

    # --- product attributes -----------------------------------------------------------------

    def _given(self) -> dict[str, list[dict[str, Any]]]:
        given: dict[str, list[dict[str, Any]]] = {}
        for item in _list(self.body.get("product_attributes")):
            entry = _dict(item)
            values = [_dict(v) for v in _list(entry.get("values"))]
            values = [v for v in values if _text(v.get("id")) or _text(v.get("name")).strip()]
            if values:
                given.setdefault(_text(entry.get("id")), []).extend(values)
        return given

    def _value_fails(self, attribute: FakeAttribute, value: dict[str, Any], field: str) -> bool:
        listed = attribute.value_ids()
        chosen = _text(value.get("id"))
        if chosen:
            if chosen not in listed:
                self.fail(codes.VALUE_ID_UNKNOWN, field)
                return True
            return False
        name = _text(value.get("name")).strip()
        if attribute.values and not attribute.customizable:
            if _fold(name) in {_fold(v) for v in attribute.values}:
                return False
            self.fail(codes.CUSTOM_VALUE_REFUSED, field)
            return True
        if attribute.numeric:
            text = unicodedata.normalize("NFKC", name).replace(",", "")
            if not _NUMBER.fullmatch(text) or Decimal(text) <= 0:
                self.fail(codes.ATTRIBUTE_NOT_NUMBER, field, property_name=attribute.name)
                return True
            return False
        if len(name) > _CUSTOM_VALUE_MAX:
            self.fail(
                codes.VALUE_TOO_LONG,
                field,
                property_type="product attribute",
                max_limit=_CUSTOM_VALUE_MAX,
                property_value_name=name[:20],
            )
            return True
        problems = format_problems(name, html=False)
        for _ in problems:
            self.fail(codes.VALUE_FORMAT, field)
        return bool(problems)

    def product_attributes(self, rules: FakeRules) -> dict[str, set[str]]:
        """Check each attribute of the leaf; the value ids chosen for the valid ones."""
        given = self._given()
        chosen: dict[str, set[str]] = {}
        product_ids = (*rules.required, *rules.optional)
        for attribute_id in product_ids:
            values = given.get(attribute_id)
            if not values:
                continue
            attribute = ATTRIBUTES[attribute_id]
            field = f"product_attributes[{attribute_id}]"
            if len(values) > 1 and not attribute.multiple:
                self.fail(
                    codes.ATTRIBUTE_NOT_MULTIPLE,
                    field,
                    property_type="product attribute",
                    property_id=attribute_id,
                )
                continue
            failed = [self._value_fails(attribute, v, field) for v in values]
            if not any(failed):
                names = {_fold(n): value_id(n) for n in attribute.values}
                chosen[attribute_id] = {
                    _text(v.get("id")) or names.get(_fold(_text(v.get("name"))), "") for v in values
                } - {""}
        for attribute_id in product_ids:
            if given.get(attribute_id):
                continue
            attribute = ATTRIBUTES[attribute_id]
            field = f"product_attributes[{attribute_id}]"
            if attribute_id in rules.required:
                self.fail(codes.ATTRIBUTE_MISSING, field)
                continue
            met = _met(attribute.required_when, chosen)
            if met is not None:
                parent = ATTRIBUTES[met[0]]
                self.fail(
                    codes.ATTRIBUTE_REQUIRED_BY,
                    field,
                    sub_property_name=attribute.name,
                    parent_property_value=met[1],
                    parent_property_name=parent.name,
                )
        return chosen

    # --- brand, package, size chart, certifications -----------------------------------------

    def brand(self, category: FakeCategory) -> None:
        brand_id = _text(self.body.get("brand_id"))
        if not brand_id:
            return
        brand: FakeBrand | None = next((b for b in BRANDS if b.id == brand_id), None)
        if brand is None:
            self.fail(codes.BRAND_UNKNOWN, "brand_id")
        elif brand.authorized:
            if not brand.available_in(category.id):
                self.fail(codes.BRAND_NOT_IN_CATEGORY, "brand_id")
        elif brand.t1:
            self.fail(codes.BRAND_NOT_AUTHORIZED, "brand_id")
        else:
            self.warnings.append(
                f"The brand {brand.name} is not authorized: the product is listed, but the "
                "brand is not shown to buyers until it is."
            )

    def package(self, rules: FakeRules) -> None:
        weight = self.body.get("package_weight")
        weight_unit = ""
        if not isinstance(weight, dict):
            self.fail(codes.PACKAGE_WEIGHT, "package_weight")
        else:
            weight_unit = _text(weight.get("unit"))
            value = _decimal(weight.get("value"))
            if weight_unit not in _WEIGHT_PLACES:
                self.fail(codes.PACKAGE_UNIT, "package_weight.unit")
            elif value is None or value <= 0 or _places(value) > _WEIGHT_PLACES[weight_unit]:
                self.fail(codes.PACKAGE_WEIGHT, "package_weight.value")
        size = self.body.get("package_dimensions")
        if not isinstance(size, dict):
            if rules.dimensions_required:
                self.fail(codes.PACKAGE_SIZE, "package_dimensions")
            return
        unit = _text(size.get("unit"))
        if unit != "CENTIMETER":
            self.fail(codes.PACKAGE_UNIT, "package_dimensions.unit")
        for side in ("length", "width", "height"):
            value = _decimal(size.get(side))
            if value is None or value <= 0 or value != value.to_integral_value():
                self.fail(codes.PACKAGE_SIZE, f"package_dimensions.{side}")
        if isinstance(weight, dict) and (weight_unit in _WEIGHT_PLACES) != (unit == "CENTIMETER"):
            self.fail(codes.PACKAGE_UNITS_MISMATCH, "package_dimensions.unit")

    def size_chart(self, rules: FakeRules) -> None:
        chart = _dict(self.body.get("size_chart"))
        given = bool(_text(_dict(chart.get("image")).get("uri")).strip()) or bool(
            _text(_dict(chart.get("template")).get("id")).strip()
        )
        if rules.size_chart == "required" and not given:
            self.fail(codes.SIZE_CHART_MISSING, "size_chart")

    def certifications(self, rules: FakeRules, chosen: dict[str, set[str]]) -> None:
        held = [_dict(c) for c in _list(self.body.get("certifications"))]
        known = {c.id for c in rules.certifications}
        by_id = {_text(c.get("id")): c for c in held}
        for certification in held:
            if _text(certification.get("id")) not in known:
                self.fail(codes.CERTIFICATION_UNKNOWN, "certifications")
        for rule in rules.certifications:
            mine = by_id.get(rule.id)
            field = f"certifications[{rule.id}]"
            if mine is None:
                if rule.required or _met(rule.required_when, chosen) is not None:
                    self.fail(codes.CERTIFICATION_MISSING, field)
                continue
            if not _list(mine.get("images")) and not _list(mine.get("files")):
                self.fail(codes.CERTIFICATION_MISSING, field)
            if rule.expiry_required and not mine.get("expiration_date"):
                self.fail(codes.CERTIFICATION_EXPIRY, field)


def _met(
    conditions: Iterable[tuple[str, str]], chosen: Mapping[str, set[str]]
) -> tuple[str, str] | None:
    for attribute_id, value in conditions:
        if value_id(value) in chosen.get(attribute_id, set()):
            return attribute_id, value
    return None


def check_body(body: Mapping[str, Any], images: Mapping[str, tuple[int, int]]) -> ListingCheck:
    """Every rule a Create / Edit Product body breaks (``images``: uploaded URI -> size)."""
    checker = _Checker(body, images)
    found = checker.category()
    checker.text()
    checker.main_images()
    skus = checker.skus()
    checker.sales_attributes(skus, found[1] if found is not None else None)
    if found is not None:
        category, rules = found
        chosen = checker.product_attributes(rules)
        checker.brand(category)
        checker.package(rules)
        checker.size_chart(rules)
        checker.certifications(rules, chosen)
    return ListingCheck(failures=tuple(checker.failures), warnings=tuple(checker.warnings))


def check_fields(body: Mapping[str, Any], images: Mapping[str, tuple[int, int]]) -> ListingCheck:
    """The rules of the fields a Partial Edit Product sends: title, description, main images
    and SKU prices (the others are checked with the product they belong to)."""
    checker = _Checker(body, images)
    if "title" in body:
        checker.title()
    if "description" in body:
        checker.description()
    if "main_images" in body:
        checker.main_images()
    for sku in _list(body.get("skus")):
        entry = _dict(sku)
        if "price" in entry:
            checker.price(entry, f"skus[{_text(entry.get('id'))}]")
    return ListingCheck(failures=tuple(checker.failures), warnings=tuple(checker.warnings))
