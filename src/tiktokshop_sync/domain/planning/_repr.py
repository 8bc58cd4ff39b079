"""Short reprs for planner outputs: a plan's parts are counted, each part has its own repr."""

from __future__ import annotations

import enum
from collections.abc import Collection

__all__ = ["brief", "counted", "order_ref"]


def counted(values: Collection[object]) -> str:
    """``<3 items>``: how many, never what (a plan of a thousand orders stays one line)."""
    return f"<{len(values)} item{'' if len(values) == 1 else 's'}>"


def brief(decision: object) -> str:
    """A decision in a word, ``Release(paid_and_window_passed)``; its message is an attribute."""
    if decision is None:
        return "None"
    due = getattr(decision, "due", None)
    if due is not None:  # a DispatchDeadline: when it is due says the most
        return f"{type(decision).__name__}({due:%Y-%m-%d %H:%M %Z})"
    word = ""
    for name in ("reason", "method", "status", "label"):
        value = getattr(decision, name, None)
        kind, label = getattr(value, "kind", None), getattr(value, "name", None)
        if isinstance(value, enum.Enum):
            word = str(value.value)
        elif isinstance(kind, enum.Enum):
            word = str(kind.value)  # a PaymentMethod
        elif isinstance(label, str):
            word = label  # a ShippingMethod
        elif isinstance(value, str) and name != "reason":
            word = value
        if word:
            break
    return f"{type(decision).__name__}({word})"


def order_ref(order: object) -> str:
    """An order's facts as ``'<id>'@<version>``: enough to find it, nothing personal."""
    return f"{getattr(order, 'order_id', '?')!r}@{getattr(order, 'version', '?')}"
