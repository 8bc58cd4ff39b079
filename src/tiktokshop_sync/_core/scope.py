"""Base classes for resources: a resource builds RequestSpecs and hands them to its scope.

A scope is an app client narrowed to a seller (token) and optionally a shop (cipher). Resource
methods are thin shells over pure spec builders, so sync and async share everything.
"""

from __future__ import annotations

from typing import TypeVar

import attrs

from .call import CallContext, call
from .drivers import AsyncRuntime, SyncRuntime
from .pagination import AsyncPager, SpecFactory, SyncPager
from .request import RequestSpec

__all__ = ["AsyncResource", "AsyncScope", "SyncResource", "SyncScope"]

T = TypeVar("T")


@attrs.frozen
class SyncScope:
    """A blocking runtime plus the call context (seller grant, shop cipher) it runs in."""

    runtime: SyncRuntime
    context: CallContext

    def request(self, spec: RequestSpec[T]) -> T:
        """Perform one call."""
        return self.runtime.run(call(spec, self.context), self.context)

    def paginate(
        self, make_spec: SpecFactory[T], *, page_token: str | None = None, limit: int | None = None
    ) -> SyncPager[T]:
        """A lazy pager over ``make_spec``'s pages."""
        return SyncPager(self.request, make_spec, page_token=page_token, limit=limit)


@attrs.frozen
class AsyncScope:
    """An async runtime plus the call context (seller grant, shop cipher) it runs in."""

    runtime: AsyncRuntime
    context: CallContext

    async def request(self, spec: RequestSpec[T]) -> T:
        """Perform one call."""
        return await self.runtime.run(call(spec, self.context), self.context)

    def paginate(
        self, make_spec: SpecFactory[T], *, page_token: str | None = None, limit: int | None = None
    ) -> AsyncPager[T]:
        """A lazy pager over ``make_spec``'s pages."""
        return AsyncPager(self.request, make_spec, page_token=page_token, limit=limit)


class SyncResource:
    """Base of blocking resources."""

    def __init__(self, scope: SyncScope) -> None:
        self._scope = scope

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class AsyncResource:
    """Base of async resources."""

    def __init__(self, scope: AsyncScope) -> None:
        self._scope = scope

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
