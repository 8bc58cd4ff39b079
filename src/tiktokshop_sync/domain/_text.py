"""Text normalisation shared by the rules: Unicode width, case, whitespace and dash look-alikes."""

from __future__ import annotations

import unicodedata

__all__ = ["DASH_VARIANTS", "fold", "narrow", "plain"]

# What Japanese input methods and spreadsheets type where an ASCII hyphen is meant. NFKC maps
# only the full-width hyphen-minus; the others (‐ − ー …) survive it and must be mapped by hand.
DASH_VARIANTS = frozenset("‐‑‒–—―−－ー─━ｰ˗⁃")
_TO_HYPHEN = str.maketrans(dict.fromkeys(DASH_VARIANTS, "-"))


def plain(text: str) -> str:
    """The text as an exact ``str``, so a str-enum member compares and prints as its text."""
    if type(text) is str:
        return text
    if not isinstance(text, str):
        raise TypeError(f"expected text (str), got {type(text).__name__}: {text!r}")
    # str.__str__ copies a subclass's characters; str() on a str-enum member gives "Cls.NAME".
    return str.__str__(text)


def fold(text: str) -> str:
    """A matching key: NFKC, case-folded, whitespace runs collapsed to one space and trimmed."""
    text = plain(text)
    if text.isascii():
        # NFKC leaves ASCII as it is and casefold() of ASCII is lower(): the same key, cheaper
        # (region codes such as "JP" are folded for every order).
        return " ".join(text.lower().split())
    once = unicodedata.normalize("NFKC", text).casefold()
    # casefold can undo NFKC for a few characters (e.g. "ǰ"), so normalise again to be idempotent.
    return " ".join(unicodedata.normalize("NFKC", once).split())


def narrow(text: str) -> str:
    """Full-width letters and digits made ASCII (NFKC) and every dash look-alike made ``-``."""
    return unicodedata.normalize("NFKC", plain(text)).translate(_TO_HYPHEN)
