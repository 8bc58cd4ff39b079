"""Checks shared by configuration values: their errors name the setting and the fix."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tiktokshop_sync.domain.errors import DomainConfigError, NaiveDatetimeError

__all__ = ["require_aware", "require_text"]


def require_text(instance: Any, attribute: Any, value: Any) -> None:
    """attrs validator: the setting must be a non-empty, non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise DomainConfigError(
            f"{type(instance).__name__}.{attribute.name} must be a non-empty string, got {value!r}"
        )


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
