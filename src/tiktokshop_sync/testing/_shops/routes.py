"""Authorization and seller endpoints: which shops a token may act for (reference §3.5).

Both refuse ``shop_cipher`` (36009004 "Unexpected identifier…").
"""

from __future__ import annotations

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()


@routes.handle(endpoints.SHOPS_AUTHORIZED)
def get_authorized_shops(ctx: RouteContext) -> object:
    """The token's seller's shops with the ``cipher`` every shop-scoped call needs."""
    return ctx.world.shops.authorized_shops_reply(ctx.require_access().seller.open_id)


@routes.handle(endpoints.SHOPS_ACTIVE)
def get_active_shops(ctx: RouteContext) -> object:
    """Get Active Shops: ``{id, region}`` per shop."""
    return ctx.world.shops.active_shops_reply(ctx.require_access().seller.open_id)
