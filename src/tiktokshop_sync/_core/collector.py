"""The cyclic garbage collector paused around a batch's CPU-only work (issue 19).

Translating and deciding a batch of orders allocates tens of thousands of small objects that
all live until the batch is applied; each allocation past the collector's threshold starts a
collection, and every tenth of those walks everything the process ever imported. Pausing the
collector for that stretch (no network I/O and no ``await``; only a postal lookup or holiday
calendar the host configured runs inside it; tens of milliseconds per 1,000 orders) cut an
import's SDK CPU per order by about a fifth (docs/performance.md, "End-to-end import"). Nothing
there makes cyclic garbage worth collecting early: the batch's objects are freed by reference
counting once applied. A host that disables the collector itself keeps it disabled.
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
