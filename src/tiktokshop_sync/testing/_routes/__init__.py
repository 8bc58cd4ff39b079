"""Route modules, one per API area. To add an area: write ``_routes/<area>.py`` with a
``routes = RouteGroup()`` and decorated handlers, then list it in :data:`ROUTE_GROUPS`."""

from __future__ import annotations

from tiktokshop_sync.testing._router import Route
from tiktokshop_sync.testing._routes import (
    auth,
    events,
    fulfillment,
    logistics,
    orders,
    products,
    returns,
    shops,
)

__all__ = ["ROUTE_GROUPS", "all_routes"]

ROUTE_GROUPS = (
    auth.routes,
    shops.routes,
    orders.routes,
    logistics.routes,
    fulfillment.routes,
    products.routes,
    returns.routes,
    events.routes,
)


def all_routes() -> list[Route]:
    """Every route of every area, in declaration order."""
    return [route for group in ROUTE_GROUPS for route in group.routes]
