"""The OAuth token reply (same shape for get and refresh).

The model lives in :mod:`tiktokshop_sync._core.oauth`, beside the token refresh that reads it
(the core never imports ``types``); it is importable from here as before.
"""

from __future__ import annotations

from .._core.oauth import TokenGrant

__all__ = ["TokenGrant"]
