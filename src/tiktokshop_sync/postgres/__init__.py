"""PostgreSQL stores for many workers on many machines: workflow state with run leases, seller
tokens with refresh leases, pacing shared per app x shop, and webhook dedupe.

Needs the ``postgres`` extra (``pip install 'tiktokshop-sync[postgres]'``: psycopg 3 and
psycopg-pool). Importing this module works without it; opening a store raises
:class:`PostgresNotInstalledError`, which names the extra.
"""

from __future__ import annotations

from tiktokshop_sync._exports import public_names as _public_names
from tiktokshop_sync.postgres._db import *
from tiktokshop_sync.postgres._dedupe import *
from tiktokshop_sync.postgres._ratelimit import *
from tiktokshop_sync.postgres._state import *
from tiktokshop_sync.postgres._tokens import *

# Each module's __all__ is the one list of what it publishes; the package re-exports them all.
__all__ = _public_names(__name__, ("_db", "_dedupe", "_ratelimit", "_state", "_tokens"))

# Tracebacks and pickles name the public path, tiktokshop_sync.postgres.PostgresStoreError.
for _error in (PostgresNotInstalledError, PostgresStoreError):  # noqa: F405
    _error.__module__ = __name__
