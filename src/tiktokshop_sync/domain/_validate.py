"""Checks shared by configuration values: their errors name the setting and the fix."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from tiktokshop_sync.domain.errors import DomainConfigError, NaiveDatetimeError

__all__ = [
    "require_aware",
    "require_bool",
    "require_instance",
    "require_pairs",
    "require_str",
    "require_text",
]


def require_text(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: the setting must be a non-empty, non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise DomainConfigError(
            f"{type(instance).__name__}.{attribute.name} must be a non-empty string, got {value!r}"
        )


def require_bool(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: the setting must be True or False (not 0, 1 or "yes")."""
    if not isinstance(value, bool):
        raise DomainConfigError(
            f"{type(instance).__name__}.{attribute.name} must be True or False, got {value!r}"
        )


def require_str(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: the setting must be text (empty allowed)."""
    if not isinstance(value, str):
        raise DomainConfigError(
            f"{type(instance).__name__}.{attribute.name} must be text, got {value!r}"
        )


def require_instance(kind: type, *, example: str) -> Callable[[Any, Any, Any], None]:
    """attrs validator: the setting must be a ``kind`` (the message shows one to write)."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, kind):
            raise DomainConfigError(
                f"{type(instance).__name__}.{attribute.name} must be a {kind.__name__}, got "
                f"{type(value).__name__} {value!r}; e.g. {example}"
            )

    return check


def require_pairs(setting: str, value: Any, *, example: str) -> Iterable[Any]:
    """A mapping's items, or the items of an iterable that is not a string, for a table setting."""
    if isinstance(value, Mapping):
        return value.items()
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise DomainConfigError(f"{setting} must be a mapping or a list, got {value!r}; {example}")
    return value


def require_aware(name: str, value: object) -> datetime:
    """The value as an aware datetime; a naive one is refused because "now" would be ambiguous."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__}: {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetimeError(
            f"{name} must be timezone-aware, got naive {value.isoformat()}; attach a zone, e.g. "
            f"datetime.now(timezone.utc) or value.replace(tzinfo=ZoneInfo('Asia/Tokyo'))"
        )
    return value
