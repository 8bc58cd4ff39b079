"""The postal address value the checks and the buyer block share; its repr hides what it says."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from tiktokshop_sync.domain._frozen import quick_init
from tiktokshop_sync.domain._redact import redacted, redacted_lines
from tiktokshop_sync.domain._text import plain

__all__ = ["Address", "optional_text"]


def optional_text(value: str | None) -> str:
    """attrs converter: None becomes "" (TikTok's spelling of withheld), text stays exact."""
    if type(value) is str:
        return value
    return "" if value is None else plain(value)


def _lines(value: str | Iterable[str | None] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (plain(value),)
    if type(value) is tuple and all(type(line) is str for line in value):
        return value  # already what the field holds: shared, not copied
    return tuple(optional_text(line) for line in value)


@quick_init
@attrs.frozen(kw_only=True)
class Address:
    """A postal address as the checks see it; None becomes "", TikTok's spelling of withheld.

    Its repr shows ``'***'`` for every filled field, so an address never reaches a log line.
    """

    postal_code: str = attrs.field(default="", converter=optional_text, repr=redacted)
    prefecture: str = attrs.field(default="", converter=optional_text, repr=redacted)
    """都道府県 (TikTok ``district_info`` level L1; "state" elsewhere)."""
    city: str = attrs.field(default="", converter=optional_text, repr=redacted)
    """市区町村 (level L2)."""
    lines: tuple[str, ...] = attrs.field(default=(), converter=_lines, repr=redacted_lines)
    """Town, 番地 and building: ``address_line1``… / ``address_detail``."""
    region_code: str = attrs.field(default="", converter=optional_text)
    """ISO country code, ``JP`` for Japan."""
