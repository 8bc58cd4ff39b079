"""Client-side pacing: a token bucket per app x shop, so a backlog never trips TikTok's limit.

TikTok isolates quotas per app and authorized shop; a 429 costs a retry and a backoff, so
spacing requests below the quota is faster than hitting it. Time comes from the client's
clock and waiting is a flow effect, so tests pace on a fake clock without sleeping.

Workers that share a quota share the schedule: :class:`SQLiteRateLimiter` (processes on one
machine) and ``tiktokshop_sync.postgres.PostgresRateLimiter`` keep, per key, the theoretical
arrival time of the next request (GCRA) in one row updated by one statement. GCRA gives the
same waits as the bucket: a bucket short of ``d`` tokens is a schedule ``d / qps`` ahead.
"""

from __future__ import annotations

import math
import os
import threading
from datetime import datetime
from typing import Protocol, runtime_checkable

import attrs

from .._exceptions import ConfigurationError

# What tiktokshop_sync publishes from here (it re-exports this list); the helpers the other
# modules import are left out.
__all__ = ["RateLimit", "RateLimitStore", "SQLiteRateLimiter"]


#: Far above any quota TikTok grants an app x shop; a larger value is a typo.
MAX_RATE = 10_000.0


def _qps(_inst: object, _attr: attrs.Attribute[float], value: float) -> None:
    _number("RateLimit.qps", value, "requests per second", low=0.0)


def _burst(_inst: object, _attr: attrs.Attribute[float], value: float) -> None:
    # A bucket smaller than one request would make every request wait.
    _number("RateLimit.burst", value, "requests", low=1.0)


def _number(setting: str, value: object, unit: str, *, low: float) -> None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not (value > low if low == 0 else value >= low)
        or value > MAX_RATE
    ):
        above = "above 0" if low == 0 else f"from {low:g}"
        raise ConfigurationError(
            f"{setting} must be a number of {unit} {above} to {MAX_RATE:,g}, got {value!r}."
        )


@attrs.frozen(kw_only=True)
class RateLimit:
    """At most ``qps`` requests per second per app x shop, with bursts of up to ``burst``."""

    qps: float = attrs.field(validator=_qps)
    burst: float = attrs.field(default=1.0, validator=_burst)


@runtime_checkable
class RateLimitStore(Protocol):
    """Where send times are handed out: in memory (:class:`RateLimiter`), or shared by workers
    (:class:`SQLiteRateLimiter`, ``PostgresRateLimiter``). Pass one as ``rate_limit=``."""

    limit: RateLimit

    def reserve(self, key: str, now: datetime) -> float:
        """Take one request slot for ``key``; seconds to wait before sending (0: send now)."""
        ...


def gcra_wait(tat: float, now: float, limit: RateLimit) -> float:
    """Seconds to wait for a slot whose schedule now ends at ``tat`` (Unix seconds)."""
    return max(0.0, tat - now - limit.burst / limit.qps)


@attrs.define
class _Bucket:
    tokens: float
    updated: datetime


class RateLimiter:
    """Hands out send times: ``reserve`` says how long to wait before the next request."""

    def __init__(self, limit: RateLimit) -> None:
        self.limit = limit
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def reserve(self, key: str, now: datetime) -> float:
        """Take one token for ``key``; seconds to wait before sending (0 when a token is free)."""
        rate, burst = self.limit.qps, self.limit.burst
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = _Bucket(tokens=burst, updated=now)
            elapsed = max(0.0, (now - bucket.updated).total_seconds())
            bucket.tokens = min(burst, bucket.tokens + elapsed * rate)
            bucket.updated = max(now, bucket.updated)
            bucket.tokens -= 1.0
            return 0.0 if bucket.tokens >= 0 else -bucket.tokens / rate

    def __repr__(self) -> str:
        return f"RateLimiter(qps={self.limit.qps}, burst={self.limit.burst})"


_RESERVE = (
    "INSERT INTO tiktokshop_rate_limits (key, tat) VALUES (?, ? + ?)"
    " ON CONFLICT (key) DO UPDATE SET tat = max(tat, ?) + ?"
)


class SQLiteRateLimiter:
    """A RateLimitStore in a SQLite file: processes on one machine share each app x shop's
    quota. One short write transaction per request (GCRA: one row per key)."""

    def __init__(
        self, path: str | os.PathLike[str], limit: RateLimit, *, timeout: float = 30.0
    ) -> None:
        if not isinstance(limit, RateLimit):
            raise ConfigurationError(
                f"SQLiteRateLimiter needs a RateLimit, e.g. RateLimit(qps=10), got {limit!r}."
            )
        from .migrations import prepare_sqlite
        from .sqlite import Database

        self._db = Database(path, timeout=timeout, owner="SQLiteRateLimiter")
        self.path = self._db.path
        self.limit = limit
        with self._db.connect() as db:
            prepare_sqlite(db, path=str(self.path), timeout=self._db.timeout)

    def reserve(self, key: str, now: datetime) -> float:
        """Take one slot for ``key`` in the shared schedule; seconds to wait before sending."""
        at = now.timestamp()
        step = 1.0 / self.limit.qps
        with self._db.write() as db:
            db.execute(_RESERVE, (key, at, step, at, step))
            tat = db.execute(
                "SELECT tat FROM tiktokshop_rate_limits WHERE key = ?", (key,)
            ).fetchone()[0]
        return gcra_wait(tat, at, self.limit)

    def __repr__(self) -> str:
        return (
            f"SQLiteRateLimiter({str(self.path)!r}, qps={self.limit.qps}, burst={self.limit.burst})"
        )
