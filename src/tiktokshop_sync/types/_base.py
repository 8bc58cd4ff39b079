"""The wire-model bases as the ``types`` modules import them: :mod:`tiktokshop_sync._core.models`
(pydantic models) and :mod:`tiktokshop_sync._core.views` (the lazy views the orders are).

The base lives in the core so that the core never imports ``types`` (the core reads replies and
runs strict mode; ``types`` builds on the base). This module keeps ``types._base`` importable for
the model modules and for code written against the earlier location.
"""

from __future__ import annotations

from .._core.models import *  # noqa: F403
from .._core.models import __all__ as _models_all
from .._core.views import WireView

__all__ = [*_models_all, "WireView"]
