"""The two languages reports speak, and how amounts are written in them."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, TypeAlias

from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.settlement import ComponentKind

# The package publishes Language; the helpers serve the domain modules that describe().
__all__ = ["Language"]

Language: TypeAlias = Literal["en", "ja"]
"""The languages ``describe()`` speaks."""


def pick(language: Language, en: str, ja: str) -> str:
    """The text in ``language`` (a clear error for any other language)."""
    if language == "en":
        return en
    if language == "ja":
        return ja
    raise DomainConfigError(f"language must be 'en' or 'ja', got {language!r}")


def check_language(language: Language) -> None:
    """Refuse a language reports do not speak."""
    pick(language, "", "")


def kind_label(kind: ComponentKind, language: Language) -> str:
    """A breakdown kind's name in ``language``."""
    return pick(language, kind.label_en, kind.label_ja)


def money(amount: Decimal, currency: str) -> str:
    """``1,500 JPY``: the exact amount, grouped by thousands, with its currency."""
    return f"{amount:,} {currency}"
