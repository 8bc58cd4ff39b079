"""Argument checks shared by resources: clear errors before anything is sent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .._exceptions import InvalidArgumentError

__all__ = ["InvalidArgumentError", "aware", "chunks", "ids", "page_size", "unix"]


def aware(name: str, value: datetime | None) -> datetime | None:
    """``value`` if it is timezone-aware (or None); a naive datetime is ambiguous (JST or UTC?)."""
    if value is not None and (not isinstance(value, datetime) or value.tzinfo is None):
        raise InvalidArgumentError(
            f"{name} must be a timezone-aware datetime, e.g. datetime(2026, 11, 1, "
            "tzinfo=ZoneInfo('Asia/Tokyo')); got {value!r}."
        )
    return value


def unix(name: str, value: datetime | None) -> int | None:
    """Unix seconds of an aware datetime (or None)."""
    checked = aware(name, value)
    return None if checked is None else int(checked.timestamp())


def page_size(value: int, *, maximum: int, minimum: int = 1) -> int:
    """``value`` if it is within TikTok's page-size range for the endpoint."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise InvalidArgumentError(
            f"page_size must be a whole number from {minimum} to {maximum}, got {value!r}."
        )
    return value


def chunks(values: Sequence[str], size: int) -> list[list[str]]:
    """``values`` split into lists of at most ``size`` (TikTok caps ids per call)."""
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


def ids(name: str, values: Sequence[str]) -> list[str]:
    """A list of non-empty id strings; a bare string is refused (it would be split into chars)."""
    if isinstance(values, str):
        raise InvalidArgumentError(
            f"{name} must be a list of ids, not a single string: [{values!r}]"
        )
    out = [str(v).strip() for v in values]
    if any(not v for v in out):
        raise InvalidArgumentError(f"{name} must not contain empty ids.")
    return out
