"""What a repr may show, as the ``types`` modules import it: :mod:`tiktokshop_sync._core.display`.

Kept so that ``types._display`` stays importable; the helpers live in the core beside the model
base that uses them.
"""

from __future__ import annotations

from .._core.display import *  # noqa: F403
from .._core.display import __all__ as __all__
