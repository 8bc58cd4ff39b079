"""Reading JSON body fields: a missing or mistyped one is a :class:`ParameterError`, which the
route answers with its own page's parameter code (or a code given here, where the page lists
one for that parameter)."""

from __future__ import annotations

from typing import Any

from tiktokshop_sync.testing._errors import ApiError, ErrorSpec, ParameterError

__all__ = ["TIME_FILTERS", "int_field", "str_field", "str_list", "time_bounds"]

TIME_FILTERS = ("create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt")


def _bad(name: str, error: ErrorSpec | None) -> ApiError:
    return error.error(name) if error is not None else ParameterError(name)


def str_field(
    body: dict[str, Any], name: str, *, required: bool = True, error: ErrorSpec | None = None
) -> str:
    """A non-empty string field of the JSON body (``""`` when optional and absent)."""
    value = body.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _bad(name, error)
    return value.strip()


def str_list(
    body: dict[str, Any],
    name: str,
    *,
    limit: int | None = None,
    limit_error: ErrorSpec | None = None,
    error: ErrorSpec | None = None,
) -> list[str] | None:
    """A list of strings from the body (None when absent), at most ``limit`` long."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _bad(name, error)
    if limit is not None and len(value) > limit:
        raise _bad(name, limit_error or error)
    return list(value)


def int_field(body: dict[str, Any], name: str, *, error: ErrorSpec | None = None) -> int | None:
    """An int64 field of the body (None when absent); bools and strings are refused."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(name, error)
    return value


def time_bounds(body: dict[str, Any]) -> dict[str, int | None]:
    """``create_time_ge``, ``create_time_lt``, ``update_time_ge`` and ``update_time_lt``."""
    return {name: int_field(body, name) for name in TIME_FILTERS}
