"""A host catalog product to list on TikTok, in the host's own words (商品マスタ).

The host's category (an id or a path), its own field names and values (素材: 綿), its variants'
options (カラー: ブラック), images as the host keeps them (uploaded to TikTok later), weights and
sizes. Construction refuses only wrong types; missing or out-of-range data is what the listing
validator reports, in the seller's words.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from tiktokshop_sync.domain._listing_text import sized
from tiktokshop_sync.domain._validate import require_instance, require_text
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "FieldValue",
    "LengthUnit",
    "ListingCertification",
    "ListingProduct",
    "ListingSku",
    "PackageDimensions",
    "PackageWeight",
    "WeightUnit",
]

FieldValue: TypeAlias = str | tuple[str, ...]
"""A host field's value: one text, or several (a multi-select field)."""


def _name(instance: Any, attribute: Any) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _text(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{_name(instance, attribute)} must be text, got {type(value).__name__}")


def _decimal(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(
            f"{_name(instance, attribute)} must be a Decimal, e.g. Decimal('1980'), got "
            f"{type(value).__name__} {value!r}; floats cannot hold prices and weights exactly"
        )


def _whole(instance: Any, attribute: Any, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"{_name(instance, attribute)} must be a whole number, got {type(value).__name__} "
            f"{value!r}"
        )


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str | bytes):
        return (value,) if value else ()
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"expected texts, got {type(item).__name__} {item!r}")
    return items


def _options(value: Mapping[str, str]) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise DomainConfigError(
            f"ListingSku.options must be a mapping of option name to value, e.g. "
            f"{{'カラー': 'ブラック'}}, got {value!r}"
        )
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            raise TypeError(f"ListingSku.options maps text to text, got {key!r}: {item!r}")
    return dict(value)


def _fields(value: Mapping[str, Any]) -> Mapping[str, FieldValue]:
    if not isinstance(value, Mapping):
        raise DomainConfigError(
            f"ListingProduct.fields must be a mapping of the host's field names to values, "
            f"e.g. {{'素材': '綿'}}, got {value!r}"
        )
    found: dict[str, FieldValue] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError(f"ListingProduct.fields keys are field names (text), got {key!r}")
        found[key] = item if isinstance(item, str) else _texts(item)
    return found


class WeightUnit(enum.Enum):
    """A package weight unit (Japan: GRAM or KILOGRAM; POUND is the US's)."""

    GRAM = "GRAM"
    KILOGRAM = "KILOGRAM"
    POUND = "POUND"


class LengthUnit(enum.Enum):
    """A package dimension unit (INCH is the US's)."""

    CENTIMETER = "CENTIMETER"
    INCH = "INCH"


@attrs.frozen(kw_only=True)
class PackageWeight:
    """The packed product's weight (梱包後の重量)."""

    value: Decimal = attrs.field(validator=_decimal)
    unit: WeightUnit = attrs.field(
        default=WeightUnit.GRAM, validator=require_instance(WeightUnit, example="WeightUnit.GRAM")
    )

    def __str__(self) -> str:
        return f"{self.value} {self.unit.value}"


@attrs.frozen(kw_only=True)
class PackageDimensions:
    """The packed product's length, width and height (梱包サイズ)."""

    length: Decimal = attrs.field(validator=_decimal)
    width: Decimal = attrs.field(validator=_decimal)
    height: Decimal = attrs.field(validator=_decimal)
    unit: LengthUnit = attrs.field(
        default=LengthUnit.CENTIMETER,
        validator=require_instance(LengthUnit, example="LengthUnit.CENTIMETER"),
    )


@attrs.frozen(kw_only=True)
class ListingCertification:
    """A certificate the host holds for a TikTok certification id: images or PDF files."""

    id: str = attrs.field(validator=require_text)
    """TikTok's certification id (from Get Category Rules)."""
    images: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    files: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    expires: date | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(date)),
    )


@attrs.frozen(kw_only=True)
class ListingSku:
    """A variant: its seller SKU, price and first stock, its options (カラー: ブラック)."""

    seller_sku: str = attrs.field(validator=_text)
    price: Decimal = attrs.field(validator=_decimal)
    quantity: int = attrs.field(default=0, validator=_whole)
    """The stock to list with, as it will be sent (the publish caps an OMS figure first)."""
    options: Mapping[str, str] = attrs.field(factory=dict, converter=_options)
    """Option name to value, in the host's words; the first option carries the SKU images."""
    image: str = attrs.field(default="", validator=_text)
    """The image of this SKU's first option value (e.g. the black one), when there is one."""
    identifier_code: str = attrs.field(default="", validator=_text)
    """The JAN code, when the host has one."""


def _skus(value: Iterable[ListingSku]) -> tuple[ListingSku, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, ListingSku):
            raise DomainConfigError(f"ListingProduct.skus holds ListingSku values, got {item!r}")
    return items


def _certifications(value: Iterable[ListingCertification]) -> tuple[ListingCertification, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, ListingCertification):
            raise DomainConfigError(
                f"ListingProduct.certifications holds ListingCertification values, got {item!r}"
            )
    return items


@attrs.frozen(kw_only=True)
class ListingProduct:
    """A host catalog product as it would be listed: text, category, fields, SKUs, package."""

    catalog_id: str = attrs.field(validator=require_text)
    title: str = attrs.field(validator=_text, repr=False)
    description: str = attrs.field(default="", validator=_text, repr=False)
    category: str = attrs.field(default="", validator=_text)
    """The host's own category: an id or a path such as ``レディース > トップス``."""
    images: tuple[str, ...] = attrs.field(default=(), converter=_texts, repr=sized)
    """Main images as the host keeps them (URLs or uploaded URIs); the first is the main one."""
    skus: tuple[ListingSku, ...] = attrs.field(default=(), converter=_skus, repr=sized)
    fields: Mapping[str, FieldValue] = attrs.field(factory=dict, converter=_fields, repr=False)
    """The host's fields by its own names (素材: 綿), read by the attribute mapping."""
    brand: str = attrs.field(default="", validator=_text)
    """The host's brand name (or TikTok's brand id); empty for no brand."""
    package_weight: PackageWeight | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(PackageWeight)),
    )
    package_dimensions: PackageDimensions | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(PackageDimensions)),
    )
    size_chart_image: str = attrs.field(default="", validator=_text, repr=False)
    size_chart_template_id: str = attrs.field(default="", validator=_text, repr=False)
    certifications: tuple[ListingCertification, ...] = attrs.field(
        default=(), converter=_certifications, repr=sized
    )
