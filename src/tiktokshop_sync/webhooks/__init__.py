"""Receive TikTok Shop webhooks: verify the signature, parse typed events, drop duplicates.

Imports only the standard library, pydantic, attrs and the webhook models, so a webhook
receiver starts fast and never loads the HTTP client.
"""

from __future__ import annotations

from tiktokshop_sync._exports import deprecated_aliases as _deprecated_aliases
from tiktokshop_sync._exports import public_names as _public_names
from tiktokshop_sync.webhooks._dedupe import *
from tiktokshop_sync.webhooks._errors import *
from tiktokshop_sync.webhooks._parse import *
from tiktokshop_sync.webhooks._signature import *
from tiktokshop_sync.webhooks._verifier import *
from tiktokshop_sync.webhooks.events import *

# Each module's __all__ is the one list of what it publishes; the package re-exports them all.
__all__ = _public_names(
    __name__, ("_dedupe", "_errors", "_parse", "_signature", "_verifier", "events")
)

__getattr__ = _deprecated_aliases(__name__, {"IntegratedPlatform": ListingPlatform})  # noqa: F405
