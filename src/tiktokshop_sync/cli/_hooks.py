"""Injection points: what tests (and embedding hosts) hand the commands instead of the network."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    import httpx

    from tiktokshop_sync import Clock

__all__ = ["CliHooks"]


@attrs.frozen(kw_only=True)
class CliHooks:
    """Replacements for the network, the clock and waiting; None keeps the real one.

    ``transport`` carries every TikTok call (``FakeShop().transport`` in tests), ``clock`` and
    ``sleep`` replace the system's, and ``wait`` replaces "serve until Ctrl-C" in ``fake serve``:
    it gets the served base URL and returns when the server should stop.
    """

    transport: httpx.BaseTransport | None = None
    clock: Clock | None = None
    sleep: Callable[[float], None] | None = None
    wait: Callable[[str], None] | None = None
