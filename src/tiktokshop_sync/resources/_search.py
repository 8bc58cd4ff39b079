"""The one shape of TikTok's searches: POST, filters in the body, paging in the query."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, create_model

from .._core.envelope import typed_reply
from .._core.pagination import Page, SpecFactory
from .._core.request import QueryValue, RequestSpec
from .._core.scope import page_of

__all__ = ["items_reply", "paged_search"]

M = TypeVar("M", bound=BaseModel)


@functools.cache
def items_reply(
    model: type[BaseModel], items_key: str, *, page: bool = True
) -> Callable[[bytes], tuple[Any, str | None] | None]:
    """A reply reader for ``model`` items under ``items_key`` (a Page, or a list), built once."""
    fields: dict[str, Any] = {
        "next_page_token": (Any, None),
        "total_count": (Any, None),
        items_key: (list[model] | None, None),  # type: ignore[valid-type]
    }
    data_model = create_model(f"_{model.__name__}Items", **fields)

    def finish(data: Any) -> Any:
        items = (getattr(data, items_key) or []) if data is not None else []
        if not page:
            return list(items)
        if data is None:
            return page_of(items, None, None)
        return page_of(items, data.next_page_token, data.total_count)

    return typed_reply(data_model, finish)


def paged_search(
    *,
    path: str,
    items_key: str,
    model: type[M],
    body: Mapping[str, Any],
    query: Mapping[str, QueryValue],
    scope: str,
) -> SpecFactory[M]:
    """The per-page request builder of a search: same body, the page token in the query."""

    def parse(data: Any) -> Page[M]:
        data = data or {}
        items = [model.model_validate(x) for x in data.get(items_key) or []]
        return page_of(items, data.get("next_page_token"), data.get("total_count"))

    def make(token: str | None) -> RequestSpec[Page[M]]:
        return RequestSpec(
            method="POST",
            path=path,
            query={**query, "page_token": token},
            json=dict(body),
            idempotent=True,
            scope=scope,
            parse=parse,
            parse_reply=items_reply(model, items_key),
        )

    return make
