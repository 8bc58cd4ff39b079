"""PostgreSQL stores for many workers on many machines: workflow state with run leases, seller
tokens with refresh leases, pacing shared per app x shop, and webhook dedupe.

Needs the ``postgres`` extra (``pip install 'tiktokshop-sync[postgres]'``: psycopg 3 and
psycopg-pool). Importing this module works without it; opening a store raises
:class:`PostgresNotInstalledError`, which names the extra.
"""

from __future__ import annotations

from ._db import PG_MIGRATIONS, PostgresNotInstalledError, PostgresStoreError
from ._dedupe import PostgresSeenNotifications
from ._ratelimit import PostgresRateLimiter
from ._state import PostgresStateStore
from ._tokens import PostgresTokenStore

__all__ = [
    "PG_MIGRATIONS",
    "PostgresNotInstalledError",
    "PostgresRateLimiter",
    "PostgresSeenNotifications",
    "PostgresStateStore",
    "PostgresStoreError",
    "PostgresTokenStore",
]
