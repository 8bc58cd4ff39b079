"""Japanese postal codes (郵便番号): parsing full-width input, and the lookup protocol for areas."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Protocol, runtime_checkable

import attrs

from tiktokshop_sync.domain._frozen import quick_init
from tiktokshop_sync.domain._text import narrow, plain
from tiktokshop_sync.domain._validate import require_text
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "InMemoryPostalLookup",
    "PostalArea",
    "PostalCode",
    "PostalLookup",
    "parse_postal_code",
]

_SHAPE: Final = re.compile(r"(\d{3})-?(\d{4})", re.ASCII)


def _seven_digits(instance: PostalCode, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and len(value) == 7 and value.isascii() and value.isdigit()):
        raise DomainConfigError(
            f"PostalCode.digits must be 7 ASCII digits, got {value!r}; use parse_postal_code() "
            f"for input such as '〒100-0001'"
        )


@quick_init
@attrs.frozen(kw_only=True)
class PostalCode:
    """A valid Japanese postal code; ``str()`` gives ``100-0001``, ``digits`` gives ``1000001``."""

    digits: str = attrs.field(validator=_seven_digits)

    @property
    def hyphenated(self) -> str:
        """The usual written form, ``NNN-NNNN``."""
        return f"{self.digits[:3]}-{self.digits[3:]}"

    def __str__(self) -> str:
        return self.hyphenated


def parse_postal_code(value: str | None) -> PostalCode | None:
    """The postal code in ``value`` (full-width digits, any dash, 〒, spaces allowed), or None."""
    digits = _postal_digits(value)
    return None if digits is None else PostalCode(digits=digits)


def _postal_digits(value: str | None) -> str | None:
    """:func:`parse_postal_code`'s seven digits, without the value object (the address checks
    ask it of every order, and most need no more than whether the code is well formed)."""
    if value is None:
        return None
    # Most codes arrive as NNN-NNNN already: narrowing ASCII digits and "-" changes nothing.
    match = _SHAPE.fullmatch(value) if type(value) is str else None
    if match is None:
        text = narrow(value).replace("〒", "")
        match = _SHAPE.fullmatch("".join(text.split()))
        if match is None:
            return None
    return match.group(1) + match.group(2)


@attrs.frozen(kw_only=True)
class PostalArea:
    """The prefecture and city (and town) a postal code belongs to."""

    prefecture: str = attrs.field(validator=require_text)
    city: str = attrs.field(validator=require_text)
    town: str = ""


@runtime_checkable
class PostalLookup(Protocol):
    """Where the postal-code check finds the areas of a code; an empty result means unknown code."""

    def areas(self, code: PostalCode) -> Sequence[PostalArea]:
        """Every area the code covers (a few codes span more than one city)."""
        ...


def _to_table(
    entries: Mapping[str, PostalArea | Iterable[PostalArea]],
) -> Mapping[str, tuple[PostalArea, ...]]:
    table: dict[str, tuple[PostalArea, ...]] = {}
    if not isinstance(entries, Mapping):
        raise DomainConfigError(
            f"InMemoryPostalLookup.entries must map postal codes to areas, got {entries!r}; "
            f"write e.g. {{'100-0001': PostalArea(prefecture='東京都', city='千代田区')}}"
        )
    for raw, areas in entries.items():
        code = parse_postal_code(raw) if isinstance(raw, str) else None
        if code is None:
            raise DomainConfigError(
                f"InMemoryPostalLookup.entries key {raw!r} is not a postal code; "
                f"write e.g. '100-0001'"
            )
        group = (
            (areas,)
            if isinstance(areas, PostalArea)
            else tuple(areas)
            if isinstance(areas, Iterable) and not isinstance(areas, str)
            else ()
        )
        if not group or not all(isinstance(area, PostalArea) for area in group):
            raise DomainConfigError(
                f"InMemoryPostalLookup.entries[{plain(raw)!r}] must be a PostalArea or PostalAreas"
            )
        table[code.digits] = group
    return table


@attrs.frozen(kw_only=True)
class InMemoryPostalLookup:
    """A :class:`PostalLookup` over a fixed table, for tests and for hosts with their own data."""

    entries: Mapping[str, tuple[PostalArea, ...]] = attrs.field(converter=_to_table, hash=False)

    def areas(self, code: PostalCode) -> Sequence[PostalArea]:
        """The areas configured for the code, or none."""
        return self.entries.get(code.digits, ())
