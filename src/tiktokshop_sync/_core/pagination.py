"""Cursor pagination: pages that iterate their items, and a walker that cannot loop.

TikTok pages with ``page_token`` in the query and ``next_page_token`` in the reply; an empty
or missing next token ends the walk, and a token seen twice raises instead of looping.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from .._exceptions import PaginationError, SearchLimitError
from .display import summary
from .request import RequestSpec

if TYPE_CHECKING:
    import pandas
    import polars

# What tiktokshop_sync publishes from here (it re-exports this list); the helpers the other
# modules import are left out.
__all__ = ["AsyncPager", "Page", "SyncPager"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """One page of results, with the token that fetched it and the token of the next one.

    Its repr shows how many items and the first ids, never the items themselves. ``data`` is
    the whole reply as its model when TikTok sends more than items on every page (a
    statement's totals beside its transactions); None otherwise.
    """

    items: tuple[T, ...] = attrs.field(repr=summary)
    next_page_token: str | None = None
    total_count: int | None = None
    page_token: str | None = None
    data: Any = attrs.field(default=None, repr=False)

    @property
    def has_next(self) -> bool:
        """Whether TikTok says there is another page."""
        return bool(self.next_page_token)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def _repr_html_(self) -> str:
        from . import tabular  # loaded when a page is shown or converted, not with the client

        return tabular.html_table(self)

    def to_pandas(self) -> pandas.DataFrame:
        """The items as a pandas DataFrame, one row each (needs the ``dataframe`` extra)."""
        from . import tabular

        return tabular.pandas_frame(tabular.item_chunks([self.items]))

    def to_polars(self) -> polars.DataFrame:
        """The items as a polars DataFrame, one row each (needs the ``dataframe`` extra)."""
        from . import tabular

        return tabular.polars_frame(tabular.item_chunks([self.items]))


SpecFactory = Callable[[str | None], RequestSpec[Page[T]]]


class PageWalker(Generic[T]):
    """The paging state machine shared by the sync and async pagers."""

    def __init__(
        self, make_spec: SpecFactory[T], *, page_token: str | None = None, limit: int | None = None
    ) -> None:
        self._make_spec = make_spec
        self._next: str | None = page_token
        self._seen: set[str] = set()
        self._done = False
        self._limit = limit

    @property
    def cursor(self) -> str | None:
        """The token of the next page to fetch (None once the walk is complete)."""
        return None if self._done else self._next

    def next_spec(self) -> RequestSpec[Page[T]] | None:
        """The request for the next page, or None when there are no more pages."""
        if self._done:
            return None
        return self._make_spec(self._next)

    def accept(self, page: Page[T]) -> Page[T]:
        """Record a fetched page and return it stamped with the token that fetched it."""
        if (
            self._limit is not None
            and page.total_count is not None
            and page.total_count > self._limit
        ):
            raise SearchLimitError(
                f"The search matches {page.total_count} results but TikTok pages through at most "
                f"{self._limit}; narrow the filters (for example a shorter time range) and search "
                "in several parts."
            )
        stamped = attrs.evolve(page, page_token=self._next)
        if self._next is not None:
            self._seen.add(self._next)
        token = page.next_page_token or None
        if token is None:
            self._done = True
        elif token in self._seen or token == self._next:
            raise PaginationError(
                "TikTok returned a page token it had already returned; stopping instead of "
                "looping. Resume later from pager.cursor."
            )
        self._next = token
        return stamped


class SyncPager(Generic[T]):
    """Iterate items across pages (``for x in pager``), or pages with :meth:`iter_pages`."""

    def __init__(
        self,
        fetch: Callable[[RequestSpec[Page[T]]], Page[T]],
        make_spec: SpecFactory[T],
        *,
        page_token: str | None = None,
        limit: int | None = None,
    ) -> None:
        self._fetch = fetch
        self._make_spec = make_spec
        self._start = page_token
        self._limit = limit
        self._cursor: str | None = page_token

    @property
    def cursor(self) -> str | None:
        """Where to resume: pass it back as ``page_token`` (None when everything was read)."""
        return self._cursor

    def iter_pages(self) -> Iterator[Page[T]]:
        """Fetch pages lazily, from the starting token, until the last one."""
        walker = PageWalker(self._make_spec, page_token=self._start, limit=self._limit)
        while (spec := walker.next_spec()) is not None:
            page = walker.accept(self._fetch(spec))
            self._cursor = walker.cursor
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items

    def first_page(self) -> Page[T]:
        """Only the first page."""
        return next(iter(self.iter_pages()))

    def to_list(self) -> list[T]:
        """Every item of every page, in a list (mind the memory for large searches)."""
        return list(self)

    def to_pandas(self) -> pandas.DataFrame:
        """Every item of every page as a pandas DataFrame, built page by page so the items are
        never all held at once (needs the ``dataframe`` extra; columns in the module
        :mod:`tiktokshop_sync.dataframes`)."""
        from . import tabular

        return tabular.pandas_frame(tabular.item_chunks(p.items for p in self.iter_pages()))

    def to_polars(self) -> polars.DataFrame:
        """Every item of every page as a polars DataFrame, built page by page (``dataframe``)."""
        from . import tabular

        return tabular.polars_frame(tabular.item_chunks(p.items for p in self.iter_pages()))


class AsyncPager(Generic[T]):
    """Iterate items across pages (``async for x in pager``), or pages with :meth:`iter_pages`."""

    def __init__(
        self,
        fetch: Callable[[RequestSpec[Page[T]]], Awaitable[Page[T]]],
        make_spec: SpecFactory[T],
        *,
        page_token: str | None = None,
        limit: int | None = None,
    ) -> None:
        self._fetch = fetch
        self._make_spec = make_spec
        self._start = page_token
        self._limit = limit
        self._cursor: str | None = page_token

    @property
    def cursor(self) -> str | None:
        """Where to resume: pass it back as ``page_token`` (None when everything was read)."""
        return self._cursor

    async def iter_pages(self) -> AsyncIterator[Page[T]]:
        """Fetch pages lazily, from the starting token, until the last one."""
        walker = PageWalker(self._make_spec, page_token=self._start, limit=self._limit)
        while (spec := walker.next_spec()) is not None:
            page = walker.accept(await self._fetch(spec))
            self._cursor = walker.cursor
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item

    async def first_page(self) -> Page[T]:
        """Only the first page."""
        async for page in self.iter_pages():
            return page
        raise PaginationError("no page was returned")  # pragma: no cover - walker yields >= 1

    async def to_list(self) -> list[T]:
        """Every item of every page, in a list (mind the memory for large searches)."""
        return [item async for item in self]

    async def to_pandas(self) -> pandas.DataFrame:
        """Every item of every page as a pandas DataFrame, built page by page (``dataframe``)."""
        from . import tabular

        frame: pandas.DataFrame = await tabular.async_frame("pandas", self._page_items())
        return frame

    async def to_polars(self) -> polars.DataFrame:
        """Every item of every page as a polars DataFrame, built page by page (``dataframe``)."""
        from . import tabular

        frame: polars.DataFrame = await tabular.async_frame("polars", self._page_items())
        return frame

    async def _page_items(self) -> AsyncIterator[tuple[T, ...]]:
        async for page in self.iter_pages():
            yield page.items
