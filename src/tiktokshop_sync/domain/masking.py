"""Masked-field detection: TikTok withholds buyer data as ``***``/``●●●`` or as empty strings."""

from __future__ import annotations

import enum
import re
from typing import Final

from tiktokshop_sync.domain._text import plain

__all__ = ["MASK_CHARACTERS", "FieldState", "field_state", "is_masked"]

MASK_CHARACTERS: Final = frozenset("*＊●∗⁎﹡•")
"""Characters TikTok (and OMS exports of its data) use to blank out personal data."""

#: The first mask character in a text, or None. A regular expression scans the text in C;
#: ``MASK_CHARACTERS.isdisjoint(text)`` makes a one-character string of every kana and kanji
#: it passes (a Japanese address line: about 300 against 120 ns).
find_mask: Final = re.compile(f"[{re.escape(''.join(sorted(MASK_CHARACTERS)))}]").search


class FieldState(enum.Enum):
    """Whether a field carries data, or TikTok withheld it."""

    PRESENT = "present"
    EMPTY = "empty"
    """Empty or blank: TikTok sends "" for the address while an order is ON_HOLD or cancelled."""
    MASKED = "masked"
    """Contains mask characters (e.g. ``東京都***``), so it cannot be checked."""

    @property
    def withheld(self) -> bool:
        """True when the field carries no usable data (empty or masked)."""
        return self is not FieldState.PRESENT


_PRESENT: Final = FieldState.PRESENT
_EMPTY: Final = FieldState.EMPTY
_MASKED: Final = FieldState.MASKED


def field_state(value: str | None) -> FieldState:
    """Classify a field as present, empty (None or blank) or masked (any mask character)."""
    if value is None:
        return _EMPTY
    text = value if type(value) is str else plain(value)
    # Called for every field of every order: isspace() tests blankness without a stripped copy.
    if not text or text.isspace():
        return _EMPTY
    # One mask character is enough: a partly masked value ("1**-****") is as unusable as "***".
    if find_mask(text) is None:
        return _PRESENT
    return _MASKED


def is_masked(value: str) -> bool:
    """``field_state(value) is FieldState.MASKED``, faster: any mask character at all."""
    # A mask character is never whitespace, so a value holding one is never blank.
    return find_mask(value) is not None
