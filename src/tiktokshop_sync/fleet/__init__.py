"""Run every job of hundreds or thousands of shops on procrastinate, a PostgreSQL task queue.

Needs the ``fleet`` extra (``pip install 'tiktokshop-sync[fleet]'``: procrastinate, psycopg 3,
psycopg-pool). Importing this module works without it; building a :class:`Fleet` then raises
:class:`FleetNotInstalledError`, which names the extra. See the "Running many shops" guide.
"""

from __future__ import annotations

from ._fleet import Fleet, FleetNotInstalledError, FleetRun, JobStatus, RunOutcome, is_transient
from ._health import (
    AuthorizationReport,
    GrantHealth,
    GrantStatus,
    PauseKind,
    ShopPause,
    grant_health,
)
from ._policies import FleetConfig, FleetRetryPolicy, FleetSchedule, cron_for
from ._shops import DuplicateShopError, FleetShop, JobKind, ShopRegistry, StaticShops
from ._webhook import WebhookReply

# Tracebacks and pickles name the public path, tiktokshop_sync.fleet.FleetNotInstalledError.
FleetNotInstalledError.__module__ = __name__

__all__ = [
    "AuthorizationReport",
    "DuplicateShopError",
    "Fleet",
    "FleetConfig",
    "FleetNotInstalledError",
    "FleetRetryPolicy",
    "FleetRun",
    "FleetSchedule",
    "FleetShop",
    "GrantHealth",
    "GrantStatus",
    "JobKind",
    "JobStatus",
    "PauseKind",
    "RunOutcome",
    "ShopPause",
    "ShopRegistry",
    "StaticShops",
    "WebhookReply",
    "cron_for",
    "grant_health",
    "is_transient",
]
