"""Every error tiktokshop-sync raises, importable from one place: ``tiktokshop_sync.errors``."""

from __future__ import annotations

from ._exceptions import *  # noqa: F403
from ._exceptions import __all__ as __all__
