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

The batch's pause can end with a collection of the youngest generation only (``young=True``).
The collector would start one at the next allocation anyway, but the collection it starts is
then, once in about ten, the middle generation's, which also walks every page the batch read;
ended young, that one comes at a later page's end, when the batch has been freed.
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
_young = False


@contextlib.contextmanager
def collector_paused(*, young: bool = False) -> Iterator[None]:
    """Run the block with ``gc`` disabled; the last of overlapping pauses (threads, nesting)
    enables it again, and only if it was enabled when the first began.

    ``young``: when the collector resumes past its threshold, collect the youngest generation
    first (see the module's docstring); one such pause among overlapping ones is enough.
    """
    global _depth, _resume, _young
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
        _young = _young or young
    try:
        yield
    finally:
        with _lock:
            last_young = _depth == 1 and _resume and _young
        if last_young:  # outside the lock: a collection runs finalizers, which may pause too
            _collect_young()
        with _lock:
            _depth -= 1
            if _depth == 0:
                if _resume:
                    gc.enable()
                _young = False


def _collect_young() -> None:
    """The collection the collector would start at its next allocation, of the youngest
    generation only; none when the host turned automatic collection off (threshold 0)."""
    threshold = gc.get_threshold()[0]
    if threshold and gc.get_count()[0] > threshold:
        gc.collect(0)
