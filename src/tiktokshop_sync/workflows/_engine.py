"""Workflows as flows of effects, run by the client's own driver: one implementation, two drivers.

A workflow is a generator the shop view runs (``shop.run_flow``), exactly as it runs a single
call: each TikTok request is the ``yield from`` of ``shop.call_flow(spec)`` (retries, tokens and
parsing stay the client's), each host port a ``Host`` effect the driver performs (awaited when
it is async). State-store access is local and synchronous, so it happens inline.

``run()`` and ``apply()`` hold the run lease of (shop, job) in the state store, so a second
run of the same job for the same shop, in this process or another, waits or raises
:class:`~tiktokshop_sync.AlreadyRunningError` instead of delivering the same orders again; a run
whose lease lapsed or another worker took over stops before its next effect.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import types
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Mapping
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from .._client import AsyncShopClient, ShopClient
from .._core.call import Flow, Host, Sleep
from .._core.drivers import new_holder
from .._core.request import RequestSpec
from ._lease import Heartbeat, LeasePolicy, acquire_steps, heartbeat, stop
from .state import RunLease, RunLeases

__all__ = ["AsyncJob", "Job", "JobBase", "Steps"]

T = TypeVar("T")

#: A workflow step: a flow of the client's effects (requests, sleeps, host calls).
Steps = Flow[T]


logger = logging.getLogger("tiktokshop_sync.workflows")

#: The leases this context (thread or task) holds, by job object: apply() inside run(), or
#: inside ``with job.leased()``, reuses the lease instead of asking for it again.
_HELD: contextvars.ContextVar[Mapping[int, Heartbeat]] = contextvars.ContextVar(
    "tiktokshop_sync_run_leases", default=types.MappingProxyType({})
)
_WARNED: set[type] = set()
#: What a state store implements to hold run leases (the RunLeases protocol).
_LEASE_METHODS = ("acquire_lease", "renew_lease", "release_lease")


ShopT = TypeVar("ShopT", ShopClient, AsyncShopClient)
PlanT = TypeVar("PlanT")
ResultT = TypeVar("ResultT")


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
        return self.shop.clock.now()

    def _call(self, spec: RequestSpec[T]) -> Steps[T]:
        """Perform one TikTok request inside the workflow's flow."""
        self._verify()
        return (yield from self.shop.call_flow(spec))

    def _port(self, fn: Callable[..., Any], *args: Any) -> Steps[Any]:
        """Call one of the host's ports (awaited by the async driver when it is async)."""
        self._verify()
        value = yield Host(fn, args)
        # A lease taken over while the host worked stops the run before it records anything.
        self._verify()
        return value

    def _verify(self) -> None:
        """Raise AlreadyRunningError if this run's lease lapsed or another worker took it over:
        no step runs without a live lease."""
        held = self._held()
        if held is not None:
            held.check()

    def _plan_steps(self) -> Steps[PlanT]:
        raise NotImplementedError

    def _apply_steps(self, plan: PlanT) -> Steps[ResultT]:
        raise NotImplementedError

    def _held(self) -> Heartbeat | None:
        return _HELD.get().get(id(self))

    def _leases(self) -> RunLeases | None:
        if isinstance(self.state, RunLeases):
            return self.state
        missing = [name for name in _LEASE_METHODS if not hasattr(self.state, name)]
        if len(missing) < len(_LEASE_METHODS):
            from .._exceptions import ConfigurationError

            raise ConfigurationError(
                f"{type(self.state).__name__} implements only part of RunLeases: add "
                f"{', '.join(missing)} (see the many-shops guide, 'Your own stores'), or "
                "remove the others to run without run leases."
            )
        if type(self.state) not in _WARNED:
            _WARNED.add(type(self.state))
            logger.warning(
                "%s has no run leases (acquire_lease/renew_lease/release_lease): two runs of "
                "one job for one shop may overlap and deliver twice; run a single worker per shop",
                type(self.state).__name__,
            )
        return None

    def _acquire(self, store: RunLeases) -> Steps[RunLease]:
        """Take the run lease, sleeping between tries through the client's driver."""
        steps: Generator[float, None, RunLease] = acquire_steps(
            store,
            shop=self.shop_key,
            job=self.job,
            holder=new_holder(),
            policy=self.lease,
            clock=self.shop.clock,
        )
        while True:
            try:
                pause = next(steps)
            except StopIteration as taken:
                lease: RunLease = taken.value
                return lease
            yield Sleep(pause)

    def _hold(
        self, store: RunLeases, lease: RunLease
    ) -> contextvars.Token[Mapping[int, Heartbeat]]:
        beat = heartbeat(store, lease, self.lease, self.shop.clock)
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
        lease = self.shop.run_flow(self._acquire(store))
        token = self._hold(store, lease)
        try:
            yield lease
        finally:
            self._unhold(token)

    def plan(self) -> PlanT:
        """Read TikTok and the state store; writes nothing (print it for a dry run)."""
        return self.shop.run_flow(self._plan_steps())

    def apply(self, plan: PlanT) -> ResultT:
        """Carry the plan out and record it, holding the run lease; safe to re-run after a crash."""
        with self.leased():
            return self.shop.run_flow(self._apply_steps(plan))

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
        lease = await self.shop.run_flow(self._acquire(store))
        token = self._hold(store, lease)
        try:
            yield lease
        finally:
            self._unhold(token)

    async def plan(self) -> PlanT:
        """Read TikTok and the state store; writes nothing (print it for a dry run)."""
        return await self.shop.run_flow(self._plan_steps())

    async def apply(self, plan: PlanT) -> ResultT:
        """Carry the plan out and record it, holding the run lease; safe to re-run after a crash."""
        async with self.leased():
            return await self.shop.run_flow(self._apply_steps(plan))

    async def run(self) -> ResultT:
        """Plan and apply, holding the run lease throughout."""
        async with self.leased():
            return await self.apply(await self.plan())
