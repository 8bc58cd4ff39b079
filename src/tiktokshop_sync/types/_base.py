"""The wire-model base as the ``types`` modules import it: :mod:`tiktokshop_sync._core.models`.

The base lives in the core so that the core never imports ``types`` (the core reads replies and
runs strict mode; ``types`` builds on the base). This module keeps ``types._base`` importable for
the model modules and for code written against the earlier location.
"""

from __future__ import annotations

from .._core.models import *  # noqa: F403
from .._core.models import __all__ as __all__
