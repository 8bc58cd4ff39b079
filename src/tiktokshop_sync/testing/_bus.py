"""A synchronous event bus: a backend publishes what changed, subscribers react at once.

Cross-area effects (an order cancelled cancels its packages, a new shop gets its warehouses and
catalogue) and webhooks subscribe here instead of the backends calling each other, so each
area imports only the areas it reads from. Handlers run in subscription order, inside the
fake's lock, before ``publish`` returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["EventBus"]

E = TypeVar("E")


class EventBus:
    """Handlers per event class; an event reaches the handlers of its exact class."""

    def __init__(self) -> None:
        self._handlers: dict[type[Any], list[Callable[[Any], None]]] = {}

    def subscribe(self, kind: type[E], handler: Callable[[E], None]) -> None:
        """Call ``handler(event)`` for every ``kind`` event published from now on."""
        self._handlers.setdefault(kind, []).append(handler)

    def publish(self, event: object) -> None:
        """Run every handler of ``type(event)``, in the order they subscribed."""
        for handler in self._handlers.get(type(event), ()):
            handler(event)
