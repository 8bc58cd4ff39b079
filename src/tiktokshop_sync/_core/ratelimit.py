"""Client-side pacing: a token bucket per app x shop, so a backlog never trips TikTok's limit.

TikTok isolates quotas per app and authorized shop; a 429 costs a retry and a backoff, so
spacing requests below the quota is faster than hitting it. Time comes from the client's
clock and waiting is a flow effect, so tests pace on a fake clock without sleeping.
"""

from __future__ import annotations

import threading
from datetime import datetime

import attrs

from .._exceptions import ConfigurationError

__all__ = ["RateLimit", "RateLimiter"]


def _positive(_inst: object, attribute: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigurationError(
            f"RateLimit.{attribute.name} must be a positive number, got {value!r}."
        )


@attrs.frozen(kw_only=True)
class RateLimit:
    """At most ``qps`` requests per second per app x shop, with bursts of up to ``burst``."""

    qps: float = attrs.field(validator=_positive)
    burst: float = attrs.field(default=1.0, validator=_positive)


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
