"""The formatting rules TikTok applies to listing text (codes 12052931 to 12052935).

Create Product's error list states them, in the same words, for the title (12052931), the
description (12052932), sales attribute names (12052933), sales attribute value names (12052934)
and product attribute value names (12052935): no HTML escape characters (``&nbsp;``), no emojis,
no ASCII control characters, not only symbols, and not "more than 9 consecutive repeated
characters" (``api/products/create-product.spec.json``). Two decisions where the text leaves
room:

- The repeat rule is read as written, 10 or more of one character; its examples show 9
  (``aaaaaaaaa``), so a 9-character run passes here and TikTok's listing check, which the
  publish runs before creating, has the last word. Runs of spaces are not counted (a
  description's HTML is indented).
- An emoji is a pictograph (U+1F000 to U+1FAFF), one of the older symbols Unicode shows as an
  emoji by default (its Emoji_Presentation list: ✨ ⭐ ❗ ☕ ✅...), a keycap (1️⃣), or a symbol
  written with the emoji variation selector (U+FE0F). Text symbols common in Japanese titles
  (★ ☆ ♪ 【】 ※) are not emojis.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sized
from typing import Final

__all__ = ["REPEAT_LIMIT", "count_images", "format_problems", "sized", "visible_text"]

REPEAT_LIMIT: Final = 9
"""The longest run of one character TikTok accepts (its wording: "more than 9" is refused)."""

_ENTITY: Final = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_REPEAT: Final = re.compile(rf"(\S)\1{{{REPEAT_LIMIT},}}")
_TAG: Final = re.compile(r"<[^>]*>")
_IMG: Final = re.compile(r"<img\b", re.IGNORECASE)
_LINE_BREAKS: Final = frozenset("\t\n\r")
# Below U+1F000, the characters with Emoji_Presentation=Yes (Unicode 15 emoji-data.txt).
_PRESENTED: Final = frozenset(
    chr(code)
    for first, last in (
        (0x231A, 0x231B),
        (0x23E9, 0x23EC),
        (0x23F0, 0x23F0),
        (0x23F3, 0x23F3),
        (0x25FD, 0x25FE),
        (0x2614, 0x2615),
        (0x2648, 0x2653),
        (0x267F, 0x267F),
        (0x2693, 0x2693),
        (0x26A1, 0x26A1),
        (0x26AA, 0x26AB),
        (0x26BD, 0x26BE),
        (0x26C4, 0x26C5),
        (0x26CE, 0x26CE),
        (0x26D4, 0x26D4),
        (0x26EA, 0x26EA),
        (0x26F2, 0x26F3),
        (0x26F5, 0x26F5),
        (0x26FA, 0x26FA),
        (0x26FD, 0x26FD),
        (0x2705, 0x2705),
        (0x270A, 0x270B),
        (0x2728, 0x2728),
        (0x274C, 0x274C),
        (0x274E, 0x274E),
        (0x2753, 0x2755),
        (0x2757, 0x2757),
        (0x2795, 0x2797),
        (0x27B0, 0x27B0),
        (0x27BF, 0x27BF),
        (0x2B1B, 0x2B1C),
        (0x2B50, 0x2B50),
        (0x2B55, 0x2B55),
    )
    for code in range(first, last + 1)
)
_KEYCAP: Final = "\u20e3"


def _is_emoji(text: str, index: int) -> bool:
    char = text[index]
    if 0x1F000 <= ord(char) <= 0x1FAFF or char in _PRESENTED or char == _KEYCAP:
        return True
    following = text[index + 1] if index + 1 < len(text) else ""
    return following == "\ufe0f" and unicodedata.category(char).startswith("S")


def sized(items: Sized) -> str:
    """A short repr for a collection: how many items it holds (``<3>``)."""
    return f"<{len(items)}>"


def visible_text(html: str) -> str:
    """The description's text without its HTML tags."""
    return _TAG.sub(" ", html)


def count_images(html: str) -> int:
    """How many ``<img>`` tags the description has."""
    return len(_IMG.findall(html))


def format_problems(text: str, *, html: bool) -> list[tuple[str, str]]:
    """The rules ``text`` breaks, as (English, Japanese) phrases; empty when it passes.

    For a description (``html``), tags are not text: the symbol and repeat rules read the
    text between them, and tabs and line breaks are not control characters.
    """
    problems: list[tuple[str, str]] = []
    entity = _ENTITY.search(text)
    if entity:
        problems.append(
            (
                f"contains the HTML escape {entity.group(0)}: write the character itself",
                f"HTMLエスケープ文字「{entity.group(0)}」が含まれています。文字そのものを書いてください",
            )
        )
    if any(_is_emoji(text, i) for i in range(len(text))):
        problems.append(
            ("contains emojis: remove them", "絵文字が含まれています。削除してください")
        )
    allowed = _LINE_BREAKS if html else frozenset()
    if any(unicodedata.category(c) == "Cc" and c not in allowed for c in text):
        problems.append(
            (
                "contains control characters: remove them",
                "制御文字が含まれています。削除してください",
            )
        )
    shown = visible_text(text) if html else text
    letters = [c for c in shown if not c.isspace()]
    if not html and letters and all(unicodedata.category(c)[0] in "PS" for c in letters):
        problems.append(
            (
                "has only symbols: add letters or digits",
                "記号しか含まれていません。文字を入れてください",
            )
        )
    repeat = _REPEAT.search(shown)
    if repeat:
        problems.append(
            (
                f"repeats {repeat.group(1)!r} {len(repeat.group(0))} times in a row; at most "
                f"{REPEAT_LIMIT} are allowed",
                f"同じ文字「{repeat.group(1)}」が{len(repeat.group(0))}回続いています"
                f"({REPEAT_LIMIT}回まで)",
            )
        )
    return problems
