"""The cyclic garbage collector paused around CPU-only work that makes many objects (issue 19).

Two places use it: reading a view reply (pydantic-core's parse and the views over it; a
100-order page is some thousands of containers, about 2 ms) and the order import's translation
and planning of a batch (tens of milliseconds per 1,000 orders; only a postal lookup or holiday
calendar the host configured runs inside it). Past the collector's threshold each allocation
would start a collection, and every tenth of those also walks the older objects; what is made
there lives on (the page, the batch) and is freed by reference counting, so those collections
find nothing. No network I/O and no ``await`` happen inside a pause. A host that disables the
collector itself keeps it disabled; overlapping pauses (threads, nesting) end together. The
measured effect is in docs/performance.md ("End-to-end import").
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["collector_paused"]

_lock = threading.Lock()
_depth = 0
_resume = False


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with ``gc`` disabled; the last of overlapping pauses (threads, nesting)
    enables it again, and only if it was enabled when the first began."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
