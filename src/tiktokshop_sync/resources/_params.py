"""Argument checks shared by resources: clear errors before anything is sent."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence, Set
from datetime import datetime
from enum import Enum
from typing import Any

from .._core.endpoint import Endpoint
from .._exceptions import InvalidArgumentError
from . import _filters

__all__ = [
    "InvalidArgumentError",
    "aware",
    "chunks",
    "default_locale",
    "ids",
    "known_keys",
    "locale",
    "many_of",
    "one_of",
    "page_size",
    "path_id",
    "record",
    "region",
    "sorting",
    "time_window",
    "tracking_number",
    "unix",
]


def aware(name: str, value: datetime | None) -> datetime | None:
    """``value`` if it is timezone-aware (or None); a naive datetime is ambiguous (JST or UTC?)."""
    if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
        raise InvalidArgumentError(
            f"{name} must be a timezone-aware datetime, e.g. datetime(2026, 11, 1, "
            f"tzinfo=ZoneInfo('Asia/Tokyo')); got {value!r}."
        )
    return value


def unix(name: str, value: datetime | None) -> int | None:
    """Unix seconds of an aware datetime (or None)."""
    checked = aware(name, value)
    return None if checked is None else int(checked.timestamp())


def page_size(value: int, endpoint: Endpoint[Any]) -> int:
    """``value`` if it is within TikTok's page-size range for ``endpoint`` (its row's)."""
    minimum, maximum = endpoint.limits.page_size or (1, endpoint.limits.max_page)
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise InvalidArgumentError(
            f"page_size must be a whole number from {minimum} to {maximum}, got {value!r}."
        )
    return value


def chunks(values: Sequence[str], size: int) -> list[list[str]]:
    """``values`` split into lists of at most ``size`` (TikTok caps ids per call)."""
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


def _id_text(value: object) -> str | None:
    """An id as TikTok's text (an int is its digits; surrounding spaces dropped), or None for
    anything else: a bool or a float is a mistake, not an id (True would go out as "True")."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def ids(name: str, values: Sequence[str], *, non_empty: bool = False) -> list[str]:
    """A list of non-empty id strings; a bare string is refused (it would be split into chars),
    and so is an empty list when ``non_empty`` (a write it would make ambiguous)."""
    if isinstance(values, str):
        raise InvalidArgumentError(
            f"{name} must be a list of ids, not a single string: [{values!r}]"
        )
    out = [_id_text(v) for v in values]
    wrong = [v for v, text in zip(values, out, strict=True) if text is None]
    if wrong:
        raise InvalidArgumentError(
            f"{name} must hold ids as strings such as '1152321127278713123', got {wrong[0]!r}."
        )
    if any(not v for v in out):
        raise InvalidArgumentError(f"{name} must not contain empty ids.")
    if non_empty and not out:
        raise InvalidArgumentError(f"{name} must name at least one id (or be left out).")
    return [v for v in out if v is not None]


def path_id(name: str, value: str) -> str:
    """An id safe to put in a URL path (digits and TikTok's id characters only)."""
    text = _id_text(value) or ""
    if not text or not all(c.isalnum() or c in "-_" for c in text):
        raise InvalidArgumentError(
            f"{name} must be a TikTok id such as '1152321127278713123', got {value!r}."
        )
    return text


def time_window(
    prefix: str, ge: datetime | None, lt: datetime | None, *, lt_key: str = "lt"
) -> dict[str, int]:
    """``{prefix}_ge`` / ``{prefix}_{lt_key}`` body fields for an aware time window.

    An empty window is refused: TikTok answers it with an empty page, which reads as "nothing
    matched" rather than as the swapped or equal times it is. TikTok receives whole seconds, so
    the check is on those.
    """
    out: dict[str, int] = {}
    start = unix(f"{prefix}_ge", ge)
    end = unix(f"{prefix}_{lt_key}", lt)
    if start is not None:
        out[f"{prefix}_ge"] = start
    if end is not None:
        out[f"{prefix}_{lt_key}"] = end
    if start is not None and end is not None and (start > end or (start == end and lt_key == "lt")):
        bound = "earlier than" if lt_key == "lt" else "at or before"
        raise InvalidArgumentError(
            f"{prefix}_ge ({ge!s}) must be {bound} {prefix}_{lt_key} ({lt!s}) in whole "
            "seconds: this window holds nothing, so the search would return no results. Swap "
            "the two, or widen the window."
        )
    return out


_TRACKING_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")


def tracking_number(value: str) -> str:
    """A tracking number TikTok accepts: 4 to 50 letters, digits, ``-``, ``_``, ``.``, ``/``."""
    text = value.strip() if isinstance(value, str) else ""
    if not 4 <= len(text) <= 50 or not set(text) <= _TRACKING_CHARS:
        raise InvalidArgumentError(
            "tracking_number must be 4 to 50 letters, digits, '-', '_', '.' or '/' (TikTok's "
            f"rule); got {value!r}. Full-width input can be normalised with "
            "tiktokshop_sync.domain first."
        )
    return text


def known_keys(what: str, given: Mapping[str, object], allowed: type) -> None:
    """Refuse keyword filters a TypedDict does not declare (a typo would be silently ignored)."""
    names = list(getattr(allowed, "__annotations__", {}))
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise InvalidArgumentError(
            f"unknown {what}(s): {', '.join(unknown)}; valid ones are {', '.join(names)}."
        )


def _optional(shape: type, key: str) -> bool:
    # Annotations are strings here (PEP 563), so TypedDict cannot see NotRequired[...] itself.
    annotation = shape.__annotations__[key]
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return not getattr(shape, "__total__", True) or "NotRequired[" in text


def record(what: str, value: object, shape: type) -> Mapping[str, Any]:
    """A dict argument checked against its TypedDict: unknown and missing keys are named."""
    names = list(shape.__annotations__)
    required = [name for name in names if not _optional(shape, name)]
    listing = ", ".join(f"{name!r}" + ("" if name in required else " (optional)") for name in names)
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(
            f"{what} must be a dict with the keys {listing}; got {type(value).__name__}."
        )
    unknown = sorted(repr(key) for key in value if key not in names)
    missing = [repr(name) for name in required if name not in value]
    if unknown or missing:
        problems = []
        if unknown:
            problems.append(f"unknown key(s) {', '.join(unknown)}")
        if missing:
            problems.append(f"missing key(s) {', '.join(missing)}")
        raise InvalidArgumentError(
            f"{what} has {' and '.join(problems)}; the valid keys are {listing}."
        )
    return value


# BCP-47 codes as TikTok lists them (guides/.../regions-and-languages.md: ja-JP, en-US, zh-CN,
# or a bare language such as "en"); searches take several, comma-delimited.
_LOCALE = r"[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?(,[a-z]{2,3}(-[A-Z][a-zA-Z]{1,3})?)*"


def locale(value: str) -> str:
    """A BCP-47 locale (or several, comma-delimited) such as ``ja-JP``."""
    text = value.strip().replace(" ", "") if isinstance(value, str) else ""
    if not re.fullmatch(_LOCALE, text):
        raise InvalidArgumentError(
            f"locale must be a BCP-47 code such as 'ja-JP' (or several, comma-delimited), "
            f"got {value!r}."
        )
    return text


#: Each market's default locale code (guides/developer-guide/tiktok-shop-api-concepts/
#: regions-and-languages.md, "Supported regions"): a JP shop's reasons come back in Japanese.
REGION_LOCALES: dict[str, str] = {
    "BR": "pt-BR",
    "DE": "de-DE",
    "ES": "es-ES",
    "FR": "fr-FR",
    "GB": "en-GB",
    "ID": "id-ID",
    "IE": "en-IE",
    "IT": "it-IT",
    "JP": "ja-JP",
    "MX": "es-MX",
    "MY": "ms-MY",
    "PH": "en-PH",
    "SG": "en-SG",
    "TH": "th-TH",
    "US": "en-US",
    "VN": "vi-VN",
}


def region(value: object) -> str:
    """A shop's market as TikTok writes it (``JP``): two letters, upper-cased."""
    text = value.strip().upper() if isinstance(value, str) else ""
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        raise InvalidArgumentError(
            f"region must be the shop's two-letter market code such as 'JP' (the region of "
            f"seller.shops.authorized()), got {value!r}."
        )
    return text


def default_locale(shop_region: str | None) -> str | None:
    """The locale a shop in ``shop_region`` reads reasons in (``ja-JP`` for JP), if known."""
    return None if shop_region is None else REGION_LOCALES.get(shop_region)


def one_of(name: str, value: object, allowed: Sequence[str]) -> str:
    """``value`` (a string or an enum member) if TikTok documents it for ``name``.

    Anything else is refused with the list of valid values: an enum filter TikTok does not know
    would be rejected by TikTok, or match nothing.
    """
    text = value.value if isinstance(value, Enum) else value
    if isinstance(text, str) and text in allowed:
        return text
    import difflib  # only to word an error: not loaded with the client

    close = difflib.get_close_matches(str(text).upper(), [a.upper() for a in allowed], n=1)
    guess = [a for a in allowed if close and a.upper() == close[0]]
    hint = f" Did you mean {guess[0]!r}?" if guess else ""
    raise InvalidArgumentError(
        f"{name} must be one of {', '.join(allowed)} (TikTok's documented values); "
        f"got {value!r}.{hint}"
    )


def many_of(name: str, values: Sequence[object], allowed: Sequence[str]) -> list[str]:
    """A list of values each TikTok documents for ``name`` (a bare string is refused)."""
    if isinstance(values, str) or not isinstance(values, Sequence | Set):
        raise InvalidArgumentError(
            f"{name} must be a list of values such as [{allowed[0]!r}], got {values!r}."
        )
    return [one_of(name, value, allowed) for value in values]


def sorting(filters: Mapping[str, object], fields: Sequence[str]) -> dict[str, str | None]:
    """The ``sort_field`` and ``sort_order`` query parameters, each checked when given."""
    field, order = filters.get("sort_field"), filters.get("sort_order")
    return {
        "sort_field": None if field is None else one_of("sort_field", field, fields),
        "sort_order": None if order is None else one_of("sort_order", order, _filters.SORT_ORDER),
    }
