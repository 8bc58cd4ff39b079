"""Event API: a shop's webhook subscriptions (reference §5.11)."""

from __future__ import annotations

from urllib.parse import urlsplit

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import EVENT_PARAMS
from tiktokshop_sync.testing._events.backend import EVENT_TYPES
from tiktokshop_sync.testing._params import str_field
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()


def _event_type(ctx: RouteContext) -> str:
    name = str_field(ctx.json_body(), "event_type", error=EVENT_PARAMS)
    if name not in EVENT_TYPES:
        raise EVENT_PARAMS.error()
    return name


@routes.handle(endpoints.EVENTS_GET_WEBHOOKS)
def get_shop_webhooks(ctx: RouteContext) -> object:
    """Get Shop Webhooks: every subscribed event type and its address."""
    return ctx.world.webhooks.list_wire(ctx.require_shop().id)


@routes.handle(endpoints.EVENTS_UPDATE_WEBHOOK)
def update_shop_webhook(ctx: RouteContext) -> object:
    """Update Shop Webhook: subscribe an http(s) address (max 255 characters) to an event."""
    name = _event_type(ctx)
    address = str_field(ctx.json_body(), "address", error=EVENT_PARAMS)
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(address) > 255:
        raise EVENT_PARAMS.error()
    ctx.world.webhooks.subscribe(ctx.require_shop().id, name, address, ctx.now)
    return {}


@routes.handle(endpoints.EVENTS_DELETE_WEBHOOK)
def delete_shop_webhook(ctx: RouteContext) -> object:
    """Delete Shop Webhook: stop posting one event type."""
    ctx.world.webhooks.unsubscribe(ctx.require_shop().id, _event_type(ctx))
    return {}
