"""Workflows as generators of effects, like the client's calls: one implementation, two drivers.

A workflow yields :class:`Call` (perform this TikTok request, resume with its parsed result)
and :class:`PortCall` (call the host's port, resume with its result, awaited when it is
awaitable). State-store access is local and synchronous, so it happens inline.

``run()`` and ``apply()`` hold the run lease of (shop, job) in the state store, so a second
run of the same job for the same shop, in this process or another, waits or raises
:class:`~tiktokshop_sync.AlreadyRunningError` instead of delivering the same orders again.
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import logging
import types
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Mapping
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core.call import Flow, Sleep
from .._core.drivers import new_holder
from .._core.request import RequestSpec
from ._lease import Heartbeat, LeasePolicy, acquire_steps, heartbeat, stop
from .state import RunLease, RunLeases

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


logger = logging.getLogger("tiktokshop_sync.workflows")

Check = Callable[[], None]

#: The leases this context (thread or task) holds, by job object: apply() inside run(), or
#: inside ``with job.leased()``, reuses the lease instead of asking for it again.
_HELD: contextvars.ContextVar[Mapping[int, Heartbeat]] = contextvars.ContextVar(
    "tiktokshop_sync_run_leases", default=types.MappingProxyType({})
)
_WARNED: set[type] = set()


def _nothing() -> None:
    return None


def run_sync(steps: Steps[T], shop: ShopClient, check: Check = _nothing) -> T:
    """Drive a workflow with the blocking client; ``check`` runs before every step."""
    value: Any = None
    error: BaseException | None = None
    while True:
        check()
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


async def run_async(steps: Steps[T], shop: AsyncShopClient, check: Check = _nothing) -> T:
    """Drive a workflow with the async client, awaiting async ports."""
    value: Any = None
    error: BaseException | None = None
    while True:
        check()
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


def _pause(seconds: float) -> Flow[None]:
    yield Sleep(seconds)


class JobBase(Generic[ShopT, PlanT, ResultT]):
    """What every workflow has: a shop view, its key in the state store, and its two steps."""

    #: The job's name in the state store (cursors, leases).
    job: ClassVar[str]
    shop: ShopT
    shop_key: str
    state: Any
    #: How this job holds its run lease.
    lease: LeasePolicy

    def _bind(self, shop: ShopT, shop_key: str | None, lease: LeasePolicy | None = None) -> None:
        self.shop = shop
        self.shop_key = shop_key or shop.shop_cipher
        if lease is not None and not isinstance(lease, LeasePolicy):
            from .._exceptions import ConfigurationError

            raise ConfigurationError(
                f"lease must be a LeasePolicy, e.g. LeasePolicy(wait=timedelta(minutes=1)), "
                f"got {type(lease).__name__}."
            )
        self.lease = lease or LeasePolicy()

    def _now(self) -> datetime:
        return self.shop._scope.context.clock.now()

    def _plan_steps(self) -> Steps[PlanT]:
        raise NotImplementedError

    def _apply_steps(self, plan: PlanT) -> Steps[ResultT]:
        raise NotImplementedError

    def _held(self) -> Heartbeat | None:
        return _HELD.get().get(id(self))

    def _check(self) -> Check:
        held = self._held()
        return _nothing if held is None else held.check

    def _leases(self) -> RunLeases | None:
        if isinstance(self.state, RunLeases):
            return self.state
        if type(self.state) not in _WARNED:
            _WARNED.add(type(self.state))
            logger.warning(
                "%s has no run leases (acquire_lease/release_lease): two runs of one job for "
                "one shop may overlap and deliver twice; run a single worker per shop",
                type(self.state).__name__,
            )
        return None

    def _acquire(self, store: RunLeases) -> Generator[float, None, RunLease]:
        return acquire_steps(
            store,
            shop=self.shop_key,
            job=self.job,
            holder=new_holder(),
            policy=self.lease,
            clock=self.shop._scope.context.clock,
        )

    def _hold(
        self, store: RunLeases, lease: RunLease
    ) -> contextvars.Token[Mapping[int, Heartbeat]]:
        beat = heartbeat(store, lease, self.lease, self.shop._scope.context.clock)
        return _HELD.set({**_HELD.get(), id(self): beat})

    def _unhold(self, token: contextvars.Token[Mapping[int, Heartbeat]]) -> None:
        beat = _HELD.get()[id(self)]
        _HELD.reset(token)
        stop(beat)


class Job(JobBase[ShopClient, PlanT, ResultT]):
    """The blocking driver of a workflow."""

    @contextlib.contextmanager
    def leased(self) -> Iterator[RunLease | None]:
        """Hold this job's run lease for the shop (waiting as ``lease`` says): plans and
        applies inside never overlap another run of the job for the shop, in any worker."""
        held = self._held()
        store = None if held is not None else self._leases()
        if held is not None or store is None:
            yield held.lease if held is not None else None
            return
        steps = self._acquire(store)
        scope = self.shop._scope
        try:
            while True:
                scope.runtime.run(_pause(next(steps)), scope.context)
        except StopIteration as taken:
            lease: RunLease = taken.value
        token = self._hold(store, lease)
        try:
            yield lease
        finally:
            self._unhold(token)

    def plan(self) -> PlanT:
        """Read TikTok and the state store; writes nothing (print it for a dry run)."""
        return run_sync(self._plan_steps(), self.shop, self._check())

    def apply(self, plan: PlanT) -> ResultT:
        """Carry the plan out and record it, holding the run lease; safe to re-run after a crash."""
        with self.leased():
            return run_sync(self._apply_steps(plan), self.shop, self._check())

    def run(self) -> ResultT:
        """Plan and apply, holding the run lease throughout."""
        with self.leased():
            return self.apply(self.plan())


class AsyncJob(JobBase[AsyncShopClient, PlanT, ResultT]):
    """The async driver of a workflow."""

    @contextlib.asynccontextmanager
    async def leased(self) -> AsyncIterator[RunLease | None]:
        """Hold this job's run lease for the shop (waiting as ``lease`` says): plans and
        applies inside never overlap another run of the job for the shop, in any worker."""
        held = self._held()
        store = None if held is not None else self._leases()
        if held is not None or store is None:
            yield held.lease if held is not None else None
            return
        steps = self._acquire(store)
        scope = self.shop._scope
        try:
            while True:
                await scope.runtime.run(_pause(next(steps)), scope.context)
        except StopIteration as taken:
            lease: RunLease = taken.value
        token = self._hold(store, lease)
        try:
            yield lease
        finally:
            self._unhold(token)

    async def plan(self) -> PlanT:
        """Read TikTok and the state store; writes nothing (print it for a dry run)."""
        return await run_async(self._plan_steps(), self.shop, self._check())

    async def apply(self, plan: PlanT) -> ResultT:
        """Carry the plan out and record it, holding the run lease; safe to re-run after a crash."""
        async with self.leased():
            return await run_async(self._apply_steps(plan), self.shop, self._check())

    async def run(self) -> ResultT:
        """Plan and apply, holding the run lease throughout."""
        async with self.leased():
            return await self.apply(await self.plan())
