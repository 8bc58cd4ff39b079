"""Webhook subscriptions of a shop (Event API)."""

from __future__ import annotations

from typing import ClassVar

from ._base import WireModel

__all__ = ["WebhookSubscription"]


class WebhookSubscription(WireModel):
    """One event type and the address TikTok posts it to.

    ``create_time``/``update_time`` are kept as sent: TikTok documents them in milliseconds
    while its example shows seconds.
    """

    event_type: str
    address: str = ""
    create_time: int | None = None
    update_time: int | None = None

    repr_fields: ClassVar[tuple[str, ...] | None] = ("event_type", "address")
