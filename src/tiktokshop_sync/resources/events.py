"""Webhook subscriptions of a shop: which events TikTok posts, and where."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .._core.request import RequestSpec
from .._core.scope import AsyncResource, SyncResource
from . import _filters, _params
from ._endpoints import EVENTS_DELETE_WEBHOOK, EVENTS_GET_WEBHOOKS, EVENTS_UPDATE_WEBHOOK

if TYPE_CHECKING:
    from ..types.event import WebhookSubscription

__all__ = ["AsyncEvents", "Events"]


def _event_type(value: str) -> str:
    """The topic as sent (any case, e.g. ``"order_status_change"``), if TikTok lists it."""
    return _params.one_of("event_type", str(value).strip().upper(), _filters.WEBHOOK_EVENT_TYPE)


def list_spec() -> RequestSpec[list[WebhookSubscription]]:
    """GET /event/202309/webhooks."""
    return EVENTS_GET_WEBHOOKS.spec()


def update_spec(event_type: str, address: str) -> RequestSpec[None]:
    """PUT /event/202309/webhooks: subscribe ``address`` to ``event_type``."""
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(address) > 255:
        raise _params.InvalidArgumentError(
            "address must be an http(s) URL of at most 255 characters (TikTok requires https, a "
            f"domain name and no port in production); got {address!r}."
        )
    return EVENTS_UPDATE_WEBHOOK.spec(
        json={"address": address, "event_type": _event_type(event_type)}
    )


def delete_spec(event_type: str) -> RequestSpec[None]:
    """DELETE /event/202309/webhooks with a JSON body naming the event type."""
    return EVENTS_DELETE_WEBHOOK.spec(json={"event_type": _event_type(event_type)})


class Events(SyncResource):
    """The shop's webhook subscriptions."""

    def get_webhooks(self) -> list[WebhookSubscription]:
        """Every event type the shop is subscribed to, with its address."""
        return self._scope.request(list_spec())

    def update_webhook(self, event_type: str, address: str) -> None:
        """Subscribe (or move) ``event_type`` to ``address``."""
        self._scope.request(update_spec(event_type, address))

    def delete_webhook(self, event_type: str) -> None:
        """Stop TikTok posting ``event_type``."""
        self._scope.request(delete_spec(event_type))


class AsyncEvents(AsyncResource):
    """The shop's webhook subscriptions."""

    async def get_webhooks(self) -> list[WebhookSubscription]:
        """Every event type the shop is subscribed to, with its address."""
        return await self._scope.request(list_spec())

    async def update_webhook(self, event_type: str, address: str) -> None:
        """Subscribe (or move) ``event_type`` to ``address``."""
        await self._scope.request(update_spec(event_type, address))

    async def delete_webhook(self, event_type: str) -> None:
        """Stop TikTok posting ``event_type``."""
        await self._scope.request(delete_spec(event_type))
