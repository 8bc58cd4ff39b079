"""Workflows as generators of effects, like the client's calls: one implementation, two drivers.

A workflow yields :class:`Call` (perform this TikTok request, resume with its parsed result)
and :class:`PortCall` (call the host's port, resume with its result, awaited when it is
awaitable). State-store access is local and synchronous, so it happens inline.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator
from datetime import datetime
from typing import Any, Generic, TypeVar

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core.request import RequestSpec

__all__ = ["AsyncJob", "Call", "Job", "JobBase", "PortCall", "Steps", "run_async", "run_sync"]

T = TypeVar("T")


@attrs.frozen
class Call:
    """Effect: perform a TikTok request on the workflow's shop."""

    spec: RequestSpec[Any]


@attrs.frozen
class PortCall:
    """Effect: call a host port with these arguments."""

    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()


Steps = Generator[Call | PortCall, Any, T]


def run_sync(steps: Steps[T], shop: ShopClient) -> T:
    """Drive a workflow with the blocking client."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            effect = steps.send(value) if error is None else steps.throw(error)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        try:
            if isinstance(effect, Call):
                value = shop._scope.request(effect.spec)
            else:
                value = effect.fn(*effect.args)
                if inspect.isawaitable(value):
                    raise TypeError(
                        f"{getattr(effect.fn, '__qualname__', effect.fn)} is async: use the "
                        "Async* workflow with an AsyncShopClient"
                    )
        except Exception as exc:
            error = exc


async def run_async(steps: Steps[T], shop: AsyncShopClient) -> T:
    """Drive a workflow with the async client, awaiting async ports."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            effect = steps.send(value) if error is None else steps.throw(error)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        value, error = None, None
        try:
            if isinstance(effect, Call):
                value = await shop._scope.request(effect.spec)
            else:
                value = effect.fn(*effect.args)
                if inspect.isawaitable(value):
                    value = await value
        except Exception as exc:
            error = exc


ShopT = TypeVar("ShopT", ShopClient, AsyncShopClient)
PlanT = TypeVar("PlanT")
ResultT = TypeVar("ResultT")


class JobBase(Generic[ShopT, PlanT, ResultT]):
    """What every workflow has: a shop view, its key in the state store, and its two steps."""

    shop: ShopT
    shop_key: str

    def _bind(self, shop: ShopT, shop_key: str | None) -> None:
        self.shop = shop
        self.shop_key = shop_key or shop.shop_cipher

    def _now(self) -> datetime:
        return self.shop._scope.context.clock.now()

    def _plan_steps(self) -> Steps[PlanT]:
        raise NotImplementedError

    def _apply_steps(self, plan: PlanT) -> Steps[ResultT]:
        raise NotImplementedError


class Job(JobBase[ShopClient, PlanT, ResultT]):
    """The blocking driver of a workflow."""

    def plan(self) -> PlanT:
        """Read TikTok and the state store; writes nothing (print it for a dry run)."""
        return run_sync(self._plan_steps(), self.shop)

    def apply(self, plan: PlanT) -> ResultT:
        """Carry the plan out and record it; safe to re-run after a crash."""
        return run_sync(self._apply_steps(plan), self.shop)

    def run(self) -> ResultT:
        """Plan and apply."""
        return self.apply(self.plan())


class AsyncJob(JobBase[AsyncShopClient, PlanT, ResultT]):
    """The async driver of a workflow."""

    async def plan(self) -> PlanT:
        """Read TikTok and the state store; writes nothing (print it for a dry run)."""
        return await run_async(self._plan_steps(), self.shop)

    async def apply(self, plan: PlanT) -> ResultT:
        """Carry the plan out and record it; safe to re-run after a crash."""
        return await run_async(self._apply_steps(plan), self.shop)

    async def run(self) -> ResultT:
        """Plan and apply."""
        return await self.apply(await self.plan())
