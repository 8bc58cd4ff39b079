"""The formatting rules TikTok applies to titles and descriptions (codes 12052931 and 12052932).

Create Product's error list states them: no HTML escape characters (``&nbsp;``), no emojis, no
ASCII control characters, not only symbols, and not "more than 9 consecutive repeated
characters" (``api/products/create-product.spec.json``). Two decisions where the text leaves
room:

- The repeat rule is read as written, 10 or more of one character; its examples show 9
  (``aaaaaaaaa``), so a 9-character run passes here and TikTok's listing check, which the
  publish runs before creating, has the last word. Runs of spaces are not counted (a
  description's HTML is indented).
- An emoji is a pictograph (U+1F000 to U+1FAFF) or a symbol written with the emoji variation
  selector (U+FE0F). Text symbols common in Japanese titles (★ ☆ ♪ 【】 ※) are not emojis.
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


def _is_emoji(text: str, index: int) -> bool:
    code = ord(text[index])
    if 0x1F000 <= code <= 0x1FAFF:
        return True
    following = text[index + 1] if index + 1 < len(text) else ""
    return following == "\ufe0f" and unicodedata.category(text[index]).startswith("S")


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
                "has only symbols: add the product's name",
                "記号だけになっています。商品名を入れてください",
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
