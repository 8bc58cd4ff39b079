"""Pacing shared by every worker: one schedule row per app x shop in PostgreSQL (GCRA)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from .._core.ratelimit import RateLimit, gcra_wait
from .._exceptions import ConfigurationError
from ._db import PostgresStore

if TYPE_CHECKING:
    import psycopg_pool

__all__ = ["PostgresRateLimiter"]

# One statement, one round trip: the row lock of the upsert orders concurrent workers.
_RESERVE = (
    "INSERT INTO {s}.tiktokshop_rate_limits AS r (key, tat) VALUES (%(key)s, %(now)s + %(step)s)"
    " ON CONFLICT (key) DO UPDATE SET tat = GREATEST(r.tat, %(now)s) + %(step)s"
    " RETURNING tat"
)


class PostgresRateLimiter(PostgresStore):
    """A RateLimitStore in PostgreSQL: N workers together stay within each app x shop's
    ``limit``. Pass it as ``rate_limit=`` to every worker's client."""

    def __init__(
        self,
        conninfo: str | psycopg_pool.ConnectionPool[Any],
        limit: RateLimit,
        *,
        schema: str = "public",
        max_connections: int = 4,
    ) -> None:
        if not isinstance(limit, RateLimit):
            raise ConfigurationError(
                f"PostgresRateLimiter needs a RateLimit, e.g. RateLimit(qps=10), got {limit!r}."
            )
        self.limit = limit
        self._open(conninfo, schema, max_connections)
        self._reserve = self._db.sql(_RESERVE)

    def reserve(self, key: str, now: datetime) -> float:
        """Take one slot for ``key`` in the shared schedule; seconds to wait before sending."""
        at = now.timestamp()
        with self._db.transaction() as conn:
            row = conn.execute(
                self._reserve, {"key": key, "now": at, "step": 1.0 / self.limit.qps}
            ).fetchone()
        assert row is not None
        return gcra_wait(float(row[0]), at, self.limit)

    def __repr__(self) -> str:
        return (
            f"PostgresRateLimiter(schema={self._db.schema!r}, qps={self.limit.qps}, "
            f"burst={self.limit.burst})"
        )
