"""Paging stops on an empty or missing token and refuses to loop."""

from __future__ import annotations

import pytest

from tiktokshop_sync import Page, PaginationError, SearchLimitError, SyncPager
from tiktokshop_sync._core.request import RequestSpec


def _pager(
    pages: dict[str | None, Page[int]], *, start: str | None = None, limit: int | None = None
) -> tuple[SyncPager[int], list[str | None]]:
    asked: list[str | None] = []

    def make_spec(token: str | None) -> RequestSpec[Page[int]]:
        return RequestSpec(method="POST", path="/p", query={"page_token": token})

    def fetch(spec: RequestSpec[Page[int]]) -> Page[int]:
        token = spec.query["page_token"]
        asked.append(token)  # type: ignore[arg-type]
        return pages[token]  # type: ignore[index]

    return SyncPager(fetch, make_spec, page_token=start, limit=limit), asked


def test_items_are_iterated_across_pages_in_order() -> None:
    pager, asked = _pager(
        {
            None: Page(items=(1, 2), next_page_token="a+/="),
            "a+/=": Page(items=(3,), next_page_token=""),
        }
    )
    assert list(pager) == [1, 2, 3]
    assert asked == [None, "a+/="]


def test_a_missing_next_token_ends_the_walk() -> None:
    pager, _ = _pager({None: Page(items=(1,), next_page_token=None)})
    assert list(pager) == [1]
    assert pager.cursor is None


def test_a_repeated_page_token_raises_instead_of_looping() -> None:
    pager, _ = _pager(
        {
            None: Page(items=(1,), next_page_token="a"),
            "a": Page(items=(2,), next_page_token="b"),
            "b": Page(items=(3,), next_page_token="a"),
        }
    )
    with pytest.raises(PaginationError, match="already returned"):
        list(pager)


def test_cursor_resumes_where_the_previous_walk_stopped() -> None:
    pages = {
        None: Page(items=(1,), next_page_token="a"),
        "a": Page(items=(2,), next_page_token="b"),
        "b": Page(items=(3,), next_page_token=""),
    }
    pager, _ = _pager(pages)
    first = next(pager.iter_pages())
    assert first.items == (1,) and pager.cursor == "a"
    resumed, asked = _pager(pages, start=pager.cursor)
    assert list(resumed) == [2, 3]
    assert asked == ["a", "b"]


def test_pages_record_the_token_that_fetched_them() -> None:
    pager, _ = _pager({None: Page(items=(1,), next_page_token="a"), "a": Page(items=(2,))})
    assert [p.page_token for p in pager.iter_pages()] == [None, "a"]


def test_a_search_beyond_the_result_cap_raises_a_clear_error() -> None:
    pager, _ = _pager(
        {None: Page(items=(1,), next_page_token="a", total_count=12_000)}, limit=10_000
    )
    with pytest.raises(SearchLimitError, match="narrow the filters"):
        list(pager)
