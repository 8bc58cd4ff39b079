"""Run leases in use: the policy a workflow holds them with, and their renewal while it runs.

A lease is a row with a holder and an expiry (:class:`~.state.RunLeases`), never a database
lock held across TikTok calls: it works through PgBouncer's transaction pooling and dies with
its worker. One daemon thread per process renews every lease held in that process, so a run
longer than the lease's ``ttl`` keeps it. Renewal only extends a lease its holder still holds
and that has not expired; a run whose lease lapsed (the process was paused past the expiry, or
its renewals kept failing) or was taken over stops before its next step.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Generator
from datetime import datetime, timedelta

import attrs

from .._core import settings
from .._core.clock import Clock
from .._exceptions import AlreadyRunningError
from .state import RunLease, RunLeases

# The package publishes LeasePolicy; the rest is the workflow engine's.
__all__ = ["LeasePolicy"]

logger = logging.getLogger("tiktokshop_sync.workflows")


@attrs.frozen(kw_only=True)
class LeasePolicy:
    """How a workflow holds its run lease for (shop, job).

    ``ttl`` is how long the lease outlives a worker that stopped renewing it (a crash): it is
    renewed every ``ttl / 3`` while the run lasts. ``wait`` is how long a second run waits for
    the first to finish before raising :class:`~tiktokshop_sync.AlreadyRunningError` (0: at
    once, the right choice for a poller whose next cycle will run anyway); ``poll`` is how
    often a waiting run looks again.
    """

    ttl: timedelta = attrs.field(
        default=timedelta(minutes=5),
        validator=settings.check_field(
            settings.duration,
            low=timedelta(seconds=1),
            high=timedelta(days=1),
            example="timedelta(minutes=5)",
        ),
    )
    wait: timedelta = attrs.field(
        default=timedelta(0),
        validator=settings.check_field(
            settings.duration, high=timedelta(days=1), example="timedelta(minutes=1)"
        ),
    )
    poll: timedelta = attrs.field(
        default=timedelta(seconds=1),
        validator=settings.check_field(
            settings.duration,
            low=timedelta(milliseconds=10),
            high=timedelta(minutes=10),
            example="timedelta(seconds=1)",
        ),
    )


def acquire_steps(
    store: RunLeases,
    *,
    shop: str,
    job: str,
    holder: str,
    policy: LeasePolicy,
    clock: Clock,
) -> Generator[float, None, RunLease]:
    """Take the lease, yielding the seconds to sleep between tries; the driver sleeps.

    Raises AlreadyRunningError once ``policy.wait`` has passed with another holder's lease live.
    """
    deadline = clock.now() + policy.wait
    while True:
        now = clock.now()
        lease = store.acquire_lease(shop, job, holder=holder, now=now, ttl=policy.ttl)
        if lease.held_by(holder):
            return lease
        if now >= deadline:
            raise AlreadyRunningError(
                shop=shop, job=job, holder=lease.holder, until=lease.expires_at
            )
        logger.info("%s for shop %s is running in worker %s; waiting", job, shop, lease.holder)
        pause = min(policy.poll, deadline - now, max(lease.expires_at - now, timedelta(0)))
        yield max(pause.total_seconds(), 0.001)


class Heartbeat:
    """One held lease: renewed by the process's renewer while it is live; remembers its loss.

    The lease is lost once it lapses by the job's clock (renewals failed or came too late) or
    another holder takes it; a lost lease is never taken back, as another worker may have run
    in between, so the run stops before its next step.
    """

    def __init__(
        self, store: RunLeases, lease: RunLease, policy: LeasePolicy, clock: Clock
    ) -> None:
        self.store = store
        self.lease = lease
        self.policy = policy
        self.clock = clock
        self.interval = max(policy.ttl.total_seconds() / 3, 0.01)
        self.due = time.monotonic() + self.interval
        self.lost: RunLease | None = None

    def renew(self) -> bool:
        """Extend the lease; False once it is lost (then it is not renewed again)."""
        lease = self.lease
        now = self.clock.now()
        try:
            current = self.store.renew_lease(
                lease.shop, lease.job, holder=lease.holder, now=now, ttl=self.policy.ttl
            )
        except Exception as error:
            if self.clock.now() >= lease.expires_at:
                logger.warning(
                    "could not renew the %s lease of shop %s before it ran out at %s (%s): "
                    "the run stops before its next step",
                    lease.job,
                    lease.shop,
                    lease.expires_at,
                    error,
                )
                self.lost = lease
                return False
            # A store hiccup: try again soon; the lease still runs until its expiry.
            logger.warning(
                "could not renew the %s lease of shop %s: %s", lease.job, lease.shop, error
            )
            self.due = time.monotonic() + min(self.interval, 1.0)
            return True
        if current is not None and current.held_by(lease.holder) and current.expires_at > now:
            self.lease = current
            self.due = time.monotonic() + self.interval
            return True
        taken = current is not None and not current.held_by(lease.holder)
        self.lost = current if taken else lease  # taken over, or lapsed (released or not)
        return False

    def check(self) -> None:
        """Raise AlreadyRunningError(taken_over=True) once the lease is lost: taken by another
        worker, or lapsed by the job's clock (whether or not anybody took it since)."""
        lost = self.lost
        if lost is None and self.clock.now() >= self.lease.expires_at:
            lost = self.lease
        if lost is not None:
            own = lost.held_by(self.lease.holder)  # lapsed: nobody else is known to hold it
            raise AlreadyRunningError(
                shop=lost.shop,
                job=lost.job,
                holder="" if own else lost.holder,
                until=lost.expires_at,
                taken_over=True,
            )

    def expires_at(self) -> datetime:
        """When the lease runs out unless renewed."""
        return self.lease.expires_at


class _Renewer:
    """A daemon thread renewing every lease held in this process when it falls due."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._beats: set[Heartbeat] = set()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, beat: Heartbeat) -> None:
        with self._lock:
            self._beats.add(beat)
            if self._thread is None or not self._thread.is_alive():  # first use, or a fork
                self._thread = threading.Thread(
                    target=self._loop, name="tiktokshop-sync-leases", daemon=True
                )
                self._thread.start()
        self._wake.set()

    def remove(self, beat: Heartbeat) -> None:
        with self._lock:
            self._beats.discard(beat)

    def _loop(self) -> None:
        while True:
            with self._lock:
                beats = list(self._beats)
            now = time.monotonic()
            for beat in beats:
                if beat.due <= now and not beat.renew():
                    self.remove(beat)
            with self._lock:
                nearest = min((b.due for b in self._beats), default=now + 60.0)
            self._wake.wait(max(nearest - time.monotonic(), 0.0))
            self._wake.clear()


_RENEWER = _Renewer()


def heartbeat(store: RunLeases, lease: RunLease, policy: LeasePolicy, clock: Clock) -> Heartbeat:
    """Start renewing ``lease``; pass the result to :func:`stop` when the run ends."""
    beat = Heartbeat(store, lease, policy, clock)
    _RENEWER.add(beat)
    return beat


def stop(beat: Heartbeat) -> None:
    """Stop renewing and release the lease (a no-op if another worker holds it now)."""
    _RENEWER.remove(beat)
    lease = beat.lease
    beat.store.release_lease(lease.shop, lease.job, holder=lease.holder)
