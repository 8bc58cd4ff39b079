"""TikTok's official order shape for tests: ``benchmarks/official_orders.py``, loaded by path.

The benchmarks build their 100-order page from the spec snapshot's Get Order List and Get Order
Detail examples; the performance guard and the view tests use the same builder, so the shape
they check is the one the issue-19 figures are measured on.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType

__all__ = ["builder"]

BUILDER = Path(__file__).resolve().parents[1] / "benchmarks" / "official_orders.py"


@functools.cache
def builder() -> ModuleType:
    """The ``official_orders`` module (call ``require_spec()`` first: it reads the snapshot)."""
    spec = importlib.util.spec_from_file_location("_official_orders", BUILDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
