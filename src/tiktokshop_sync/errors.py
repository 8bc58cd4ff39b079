"""Every error tiktokshop-sync raises, importable from one place: ``tiktokshop_sync.errors``.

The client's errors (standard library only) are here at once; the webhook, domain, workflow,
``postgres``, ``fleet`` and ``jp``-extra errors are imported on first use, so this module
stays as light as the client's.
``tests/test_errors_module.py`` finds every public exception class and checks it is here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _exports
from ._exceptions import *

if TYPE_CHECKING:
    from ._core.conversions import SchemaDriftError as SchemaDriftError
    from ._core.tabular import DataFrameNotInstalledError as DataFrameNotInstalledError
    from ._exceptions import *
    from .domain.errors import *
    from .fleet import FleetNotInstalledError as FleetNotInstalledError
    from .holidays import HolidayDataNotInstalledError as HolidayDataNotInstalledError
    from .postal import PostalDataNotInstalledError as PostalDataNotInstalledError
    from .postgres import PostgresNotInstalledError as PostgresNotInstalledError
    from .postgres import PostgresStoreError as PostgresStoreError
    from .webhooks import WebhookConfigError as WebhookConfigError
    from .webhooks import WebhookError as WebhookError
    from .webhooks import WebhookPayloadError as WebhookPayloadError
    from .webhooks import WebhookSignatureError as WebhookSignatureError
    from .workflows.finance_translate import SettlementDataError as SettlementDataError
    from .workflows.shops import DuplicateShopError as DuplicateShopError

_LAZY = _exports.LazyExports(
    __name__,
    {
        "._exceptions": _exports.EVERY_NAME,
        "._core.conversions": ("SchemaDriftError",),
        "._core.tabular": ("DataFrameNotInstalledError",),
        ".domain.errors": _exports.EVERY_NAME,
        ".fleet": ("FleetNotInstalledError",),
        ".holidays": ("HolidayDataNotInstalledError",),
        ".postal": ("PostalDataNotInstalledError",),
        ".postgres": ("PostgresNotInstalledError", "PostgresStoreError"),
        ".webhooks": (
            "WebhookConfigError",
            "WebhookError",
            "WebhookPayloadError",
            "WebhookSignatureError",
        ),
        ".workflows.finance_translate": ("SettlementDataError",),
        ".workflows.shops": ("DuplicateShopError",),
    },
)
__getattr__ = _LAZY
__dir__ = _LAZY.dir
