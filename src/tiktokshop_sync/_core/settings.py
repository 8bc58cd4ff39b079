"""Checks shared by every configuration value and policy: refuse what would change its meaning.

A setting that means a whole number (a count, a percentage, a page size) refuses floats,
bools and strings instead of rounding them; amounts of time refuse NaN and infinity and have
a unit; every message names the setting, what it takes and how to write it.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Collection
from datetime import timedelta
from typing import Any, TypeVar

import attrs

from .._exceptions import ConfigurationError

__all__ = [
    "Validator",
    "check_field",
    "choice",
    "duration",
    "flag",
    "identifier",
    "instance",
    "percent",
    "seconds",
    "text",
    "whole_number",
]

T = TypeVar("T")
Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def check_field(check: Callable[..., object], **limits: Any) -> Validator:
    """An attrs validator running ``check("Class.field", value, **limits)``."""

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        check(f"{type(instance).__name__}.{attribute.name}", value, **limits)

    return validate


def _refuse(setting: str, what: str, value: object, fix: str = "") -> ConfigurationError:
    got = f"got {value!r}"
    if isinstance(value, bool):
        got += " (a bool is not a number)"
    elif isinstance(value, str) and what.startswith("a "):
        got = f"got the string {value!r}"
    return ConfigurationError(f"{setting} must be {what}, {got}{'; ' + fix if fix else ''}.")


def whole_number(
    setting: str, value: object, *, low: int, high: int | None = None, unit: str = ""
) -> int:
    """``value`` as an int within [low, high]; fractions, bools, strings and floats refused."""
    span = f"from {low:,} to {high:,}" if high is not None else f"of at least {low:,}"
    what = f"a whole number{' of ' + unit if unit else ''} {span}"
    if isinstance(value, bool):
        raise _refuse(setting, what, value)
    if isinstance(value, float):
        fix = f"write {int(value)}" if value.is_integer() else "fractions are not accepted"
        raise _refuse(setting, what, value, fix)
    if isinstance(value, str):
        fix = f"write {value.strip()} without quotes" if value.strip().isdigit() else ""
        raise _refuse(setting, what, value, fix)
    try:
        number = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise _refuse(setting, what, value) from None
    if number < low or (high is not None and number > high):
        raise _refuse(setting, what, value)
    return number


def percent(setting: str, value: object) -> int:
    """A whole percentage 0-100; a fraction such as 0.8 is refused with "for 80 % write 80"."""
    if isinstance(value, float) and math.isfinite(value) and 0 < value <= 1:
        hundred = round(value * 100, 6)
        if hundred.is_integer():
            also = " (for 1 % write 1)" if value == 1 else ""
            raise ConfigurationError(
                f"{setting} is a whole percentage from 0 to 100, got {value!r}; "
                f"for {int(hundred)} % write {int(hundred)}{also}."
            )
    return whole_number(setting, value, low=0, high=100, unit="percent")


def seconds(setting: str, value: object, *, high: float, allow_zero: bool = False) -> float:
    """A finite number of seconds, above 0 (or from 0) and at most ``high``."""
    low = "from 0" if allow_zero else "above 0"
    what = f"a number of seconds {low} and at most {high:,g}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        fix = "e.g. 30 or 2.5" if not isinstance(value, str) else "write it without quotes"
        raise _refuse(setting, what, value, fix)
    if not math.isfinite(value) or value > high or value < 0 or (value == 0 and not allow_zero):
        raise _refuse(setting, what, value)
    return float(value)


def duration(
    setting: str, value: object, *, low: timedelta = timedelta(0), high: timedelta, example: str
) -> timedelta:
    """A timedelta within [low, high] (a number is refused: its unit would be a guess)."""
    what = f"a timedelta from {_span(low)} to {_span(high)}"
    if not isinstance(value, timedelta):
        raise _refuse(setting, what, value, f"write e.g. {example}")
    if not low <= value <= high:
        raise _refuse(setting, what, value)
    return value


def _span(value: timedelta) -> str:
    if value == timedelta(0):
        return "0"
    if value % timedelta(days=1) == timedelta(0):
        return f"{value.days} day(s)"
    if value % timedelta(hours=1) == timedelta(0):
        return f"{value // timedelta(hours=1)} hour(s)"
    return str(value)


def flag(setting: str, value: object) -> bool:
    """``True`` or ``False`` exactly: a string such as "no" would otherwise read as true."""
    if not isinstance(value, bool):
        raise _refuse(setting, "True or False", value)
    return value


def text(setting: str, value: object, *, optional: bool = False, example: str = "") -> str | None:
    """A non-blank string (or None when ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        what = "a non-empty string" + (" or None" if optional else "")
        raise _refuse(setting, what, value, f"e.g. {example}" if example else "")
    return value


def identifier(setting: str, value: object, *, optional: bool = False, example: str) -> str | None:
    """A TikTok id (letters, digits, ``-`` and ``_``), or None when ``optional``."""
    if value is None and optional:
        return None
    if (
        not isinstance(value, str)
        or not value
        or not all(c.isascii() and (c.isalnum() or c in "-_") for c in value)
    ):
        what = "a TikTok id string" + (" or None" if optional else "")
        raise _refuse(setting, what, value, f"e.g. {example!r}")
    return value


def choice(setting: str, value: object, *, choices: Collection[object]) -> object:
    """One of ``choices``."""
    if isinstance(value, bool) or value not in choices:
        names = ", ".join(repr(c) for c in choices)
        raise ConfigurationError(f"{setting} must be one of {names}, got {value!r}.")
    return value


def instance(setting: str, value: T, *, kinds: tuple[type, ...], example: str) -> T:
    """``value`` if it is one of ``kinds`` (None counts when ``type(None)`` is listed)."""
    if not isinstance(value, kinds):
        names = " or ".join("None" if k is type(None) else k.__name__ for k in kinds)
        raise ConfigurationError(
            f"{setting} must be a {names}, got {type(value).__name__} {value!r}; e.g. {example}."
        )
    return value


def port(setting: str, value: T, *, kind: type, methods: str, example: str) -> T:
    """``value`` if it implements the port ``kind`` (a runtime-checkable Protocol)."""
    if not isinstance(value, kind):
        raise ConfigurationError(
            f"{setting} must implement {kind.__name__} ({methods}), e.g. {example}; got "
            f"{type(value).__name__}."
        )
    return value
