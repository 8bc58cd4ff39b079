"""Webhook dedupe shared by every receiver: a key row per notification, inserted once."""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..workflows.state import aware_cutoff
from ._db import PostgresStore

if TYPE_CHECKING:
    import psycopg_pool

__all__ = ["PostgresSeenNotifications"]


class PostgresSeenNotifications(PostgresStore):
    """:class:`~tiktokshop_sync.webhooks.SeenNotifications` for several receivers: the first
    receiver to insert a key wins (``INSERT ... ON CONFLICT DO NOTHING``), the rest see a
    duplicate. Keys stay until :meth:`prune` removes the old ones."""

    def __init__(
        self,
        conninfo: str | psycopg_pool.ConnectionPool[Any],
        *,
        schema: str = "public",
        max_connections: int = 4,
    ) -> None:
        self._open(conninfo, schema, max_connections)

    def seen_before(self, key: str) -> bool:
        """Record ``key``; True if any receiver recorded it already, False the first time."""
        with self._db.transaction() as conn:
            row = conn.execute(
                self._db.sql(
                    "INSERT INTO {s}.tiktokshop_webhook_seen (key, seen_at) VALUES (%s, %s)"
                    " ON CONFLICT (key) DO NOTHING RETURNING key"
                ),
                (key, time.time()),
            ).fetchone()
        return row is None

    def discard(self, key: str) -> None:
        """Forget ``key`` so a redelivery is processed, e.g. after handling it failed."""
        with self._db.transaction() as conn:
            conn.execute(
                self._db.sql("DELETE FROM {s}.tiktokshop_webhook_seen WHERE key = %s"), (key,)
            )

    def prune(self, *, older_than: datetime) -> int:
        """Forget keys first seen before ``older_than``; returns how many. TikTok retries a
        notification for hours, not weeks, so a few days back is plenty."""
        cutoff = aware_cutoff(older_than).timestamp()
        with self._db.transaction() as conn:
            return conn.execute(
                self._db.sql("DELETE FROM {s}.tiktokshop_webhook_seen WHERE seen_at < %s"),
                (cutoff,),
            ).rowcount

    def __contains__(self, key: object) -> bool:
        with self._db.transaction() as conn:
            row = conn.execute(
                self._db.sql("SELECT 1 FROM {s}.tiktokshop_webhook_seen WHERE key = %s"),
                (str(key),),
            ).fetchone()
        return row is not None

    def __len__(self) -> int:
        with self._db.transaction() as conn:
            row = conn.execute(
                self._db.sql("SELECT count(*) FROM {s}.tiktokshop_webhook_seen")
            ).fetchone()
        return int(row[0]) if row is not None else 0
