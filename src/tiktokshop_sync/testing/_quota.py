"""An optional request quota per (app, shop) over fake time: TikTok's isolation unit (§4.5).

Named ``Quota`` so as not to be confused with the SDK's client-side ``RateLimiter``: this is
the server's side, the limit a client runs into.
"""

from __future__ import annotations

import math
from datetime import datetime

from attrs import define

__all__ = ["Quota"]


@define
class _Bucket:
    tokens: float
    updated: datetime


class Quota:
    """Off by default; ``configure(qps)`` allows ``qps`` requests per fake second, burst ``qps``."""

    def __init__(self) -> None:
        self.qps: float | None = None
        self.send_retry_after = False
        self._buckets: dict[tuple[str, str], _Bucket] = {}

    def configure(self, qps: float | None, *, retry_after: bool = False) -> None:
        """Set or clear (``None``) the limit; buckets start full again."""
        if qps is not None and qps <= 0:
            raise ValueError(f"set_rate_limit(qps) needs a positive number or None, got {qps!r}")
        self.qps = qps
        self.send_retry_after = retry_after
        self._buckets.clear()

    def take(self, key: tuple[str, str], now: datetime) -> float | None:
        """Spend one request; None if allowed, else the seconds until one is available."""
        if self.qps is None:
            return None
        capacity = max(1.0, self.qps)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(tokens=capacity, updated=now)
        elapsed = max(0.0, (now - bucket.updated).total_seconds())
        bucket.tokens = min(capacity, bucket.tokens + elapsed * self.qps)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return (1.0 - bucket.tokens) / self.qps

    @staticmethod
    def retry_after_header(wait_seconds: float) -> str:
        """A ``Retry-After`` value in whole seconds, at least 1."""
        return str(max(1, math.ceil(wait_seconds)))
