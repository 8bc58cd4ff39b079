"""tiktokshop-sync: a typed TikTok Shop Partner API client, Japanese OMS rules and sync workflows.

Names are imported lazily on first use, so ``import tiktokshop_sync`` stays fast and a webhook
receiver that only needs :mod:`tiktokshop_sync.webhooks` never loads the HTTP client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _exports
from ._version import __version__ as __version__

# The package publishes each source module's __all__ (a module adds a public name by listing
# it there). The type checkers' view below and the lazy sources must name the same modules;
# tests/test_public_api.py checks that they do.
if TYPE_CHECKING:
    from ._client import *
    from ._config import *
    from ._core.clock import *
    from ._core.conversions import strict_models as strict_models
    from ._core.logs import *
    from ._core.pagination import *
    from ._core.ratelimit import *
    from ._core.raw import *
    from ._core.retry import *
    from ._core.signing import *
    from ._core.tokens import *
    from ._exceptions import *

# Cheapest first: a name is looked up by importing these in order until one lists it.
_LAZY = _exports.LazyExports(
    __name__,
    {
        "._exceptions": _exports.EVERY_NAME,
        "._config": _exports.EVERY_NAME,
        "._core.clock": _exports.EVERY_NAME,
        "._core.logs": _exports.EVERY_NAME,
        "._core.signing": _exports.EVERY_NAME,
        "._core.ratelimit": _exports.EVERY_NAME,
        "._core.tokens": _exports.EVERY_NAME,
        "._core.pagination": _exports.EVERY_NAME,
        "._core.raw": _exports.EVERY_NAME,
        "._core.retry": _exports.EVERY_NAME,
        "._core.conversions": ("strict_models",),
        "._client": _exports.EVERY_NAME,
    },
    fixed=("__version__",),
)
__getattr__ = _LAZY
__dir__ = _LAZY.dir
