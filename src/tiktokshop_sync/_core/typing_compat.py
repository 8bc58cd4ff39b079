"""The typing names the client needs from ``typing`` (3.11+) or ``typing_extensions`` (3.10).

``typing_extensions`` is a module of its own to import; on 3.11 and later the client takes the
standard library's names and loads it not at all.
"""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    from typing import NotRequired, Self, TypedDict, Unpack
else:
    from typing_extensions import NotRequired, Self, TypedDict, Unpack

__all__ = ["NotRequired", "Self", "TypedDict", "Unpack"]
