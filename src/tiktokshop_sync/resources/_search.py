"""The one shape of TikTok's searches: POST, filters in the body, paging in the query."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from .._core.pagination import Page, SpecFactory
from .._core.request import QueryValue, RequestSpec
from .._core.resource import page_of

__all__ = ["paged_search"]

M = TypeVar("M", bound=BaseModel)


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
        )

    return make
