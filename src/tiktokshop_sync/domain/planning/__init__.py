"""Pure planners: each workflow's decisions from what it fetched, what it knew, a policy and now.

``plan(remote_facts, known_state_snapshot, policy, now) -> decisions``: the workflows fetch
from TikTok and the host, translate into these domain values, call the planner, and apply what
it decided. Like the rest of ``domain``, nothing here reads a clock, a database or TikTok.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tiktokshop_sync._exports import LazyExports as _LazyExports
from tiktokshop_sync._exports import every_name_of as _every_name_of

# Each planner's __all__ is what the package publishes, imported on the first use of a name
# (the order import loads only its own planner). The type checkers' view below and the lazy
# sources must name the same modules (tests/test_public_api.py checks that they do).
if TYPE_CHECKING:
    from .cancellations import *
    from .inventory import *
    from .orders import *
    from .publish import *
    from .returns import *
    from .settlements import *
    from .shipments import *

# The order planner first: a name is looked up by importing these in order until one lists it.
_LAZY = _LazyExports(
    __name__,
    _every_name_of("""
    .orders .cancellations .shipments .inventory .returns .settlements .publish
"""),
)
__getattr__ = _LAZY
__dir__ = _LAZY.dir
