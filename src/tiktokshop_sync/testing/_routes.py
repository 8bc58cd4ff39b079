"""Every route of the fake, area by area. To add an area: write ``_<area>/backend.py`` (records,
rules, replies) and ``_<area>/routes.py`` (a ``routes = RouteGroup()`` of thin handlers), wire
the backend in :class:`~tiktokshop_sync.testing._world.World` and list the routes here."""

from __future__ import annotations

from tiktokshop_sync.testing._auth import routes as auth
from tiktokshop_sync.testing._events import routes as events
from tiktokshop_sync.testing._finance import routes as finance
from tiktokshop_sync.testing._fulfillment import routes as fulfillment
from tiktokshop_sync.testing._listing import routes as listing
from tiktokshop_sync.testing._logistics import routes as logistics
from tiktokshop_sync.testing._orders import routes as orders
from tiktokshop_sync.testing._products import routes as products
from tiktokshop_sync.testing._returns import routes as returns
from tiktokshop_sync.testing._router import Route, RouteGroup
from tiktokshop_sync.testing._shops import routes as shops

__all__ = ["ROUTE_GROUPS", "all_routes"]

ROUTE_GROUPS: tuple[RouteGroup, ...] = (
    auth.routes,
    shops.routes,
    orders.routes,
    logistics.routes,
    fulfillment.routes,
    products.routes,
    listing.routes,
    returns.routes,
    finance.routes,
    events.routes,
)


def all_routes() -> list[Route]:
    """Every route of every area, in declaration order."""
    return [route for group in ROUTE_GROUPS for route in group.routes]
