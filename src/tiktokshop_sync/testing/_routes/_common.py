"""Request parsing shared by the route modules: each area answers bad input with its own code."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from tiktokshop_sync.testing._errors import ErrorSpec
from tiktokshop_sync.testing._paging import decode_page_token, encode_page_token
from tiktokshop_sync.testing._router import RouteContext

__all__ = ["choice_query", "int_field", "keyset_page", "page_size", "str_field", "str_list"]

T = TypeVar("T")


def str_field(body: dict[str, Any], name: str, error: ErrorSpec, *, required: bool = True) -> str:
    """A non-empty string field of the JSON body (``""`` when optional and absent)."""
    value = body.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise error.error(name)
    return value.strip()


def str_list(
    body: dict[str, Any],
    name: str,
    error: ErrorSpec,
    *,
    limit: int | None = None,
    limit_error: ErrorSpec | None = None,
) -> list[str] | None:
    """A list of strings from the body (None when absent), at most ``limit`` long."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error.error(name)
    if limit is not None and len(value) > limit:
        raise (limit_error or error).error(name)
    return list(value)


def int_field(body: dict[str, Any], name: str, error: ErrorSpec) -> int | None:
    """An int64 field of the body (None when absent); bools and strings are refused."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise error.error(name)
    return value


def page_size(
    ctx: RouteContext, low: int, high: int, error: ErrorSpec, *, default: int | None = None
) -> int:
    """``page_size`` from the query, within ``[low, high]`` (required unless a default)."""
    raw = ctx.query.get("page_size", "")
    if raw == "" and default is not None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise error.error("page_size") from None
    if not low <= value <= high:
        raise error.error("page_size")
    return value


def choice_query(
    ctx: RouteContext, name: str, choices: tuple[str, ...], default: str, error: ErrorSpec
) -> str:
    """A query parameter that must be one of ``choices``."""
    value = ctx.query.get(name) or default
    if value not in choices:
        raise error.error(name)
    return value


def keyset_page(
    ctx: RouteContext,
    found: Sequence[T],
    key: Callable[[T], tuple[int, str]],
    *,
    size: int,
    tag: str,
    descending: bool,
    error: ErrorSpec,
    cap: int | None = None,
    cap_error: ErrorSpec | None = None,
) -> tuple[list[T], str]:
    """One page of ``found`` (already sorted by ``key``) after ``page_token``, and the next token.

    Keyset tokens stay correct while records are added or changed between pages; ``tag`` ties
    a token to its endpoint and sort so it cannot be replayed elsewhere.
    """
    remaining = list(found)
    seen = 0
    token = ctx.query.get("page_token", "")
    if token:
        cursor = decode_page_token(token, ctx.state.page_token_key)
        if cursor is None or cursor.get("t") != tag:
            raise error.error("page_token")
        last = (int(cursor["v"]), str(cursor["i"]))
        seen = int(cursor.get("n", 0))
        if descending:
            remaining = [r for r in remaining if key(r) < last]
        else:
            remaining = [r for r in remaining if key(r) > last]
        if cap is not None and seen >= cap:
            raise (cap_error or error).error("page_token")
    page = remaining[:size]
    next_token = ""
    if len(remaining) > size:
        value, last_id = key(page[-1])
        next_token = encode_page_token(
            {"t": tag, "v": value, "i": last_id, "n": seen + len(page)}, ctx.state.page_token_key
        )
    return page, next_token
