"""Authorization and seller endpoints: which shops a token may act for (reference §3.5).

Both refuse ``shop_cipher`` (36009004 "Unexpected identifier…").
"""

from __future__ import annotations

from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()


@routes.get("/authorization/202309/shops", scope="seller.authorization.info", cipher="forbidden")
def get_authorized_shops(ctx: RouteContext) -> object:
    """The token's seller's shops with the ``cipher`` every shop-scoped call needs."""
    open_id = ctx.require_access().seller.open_id
    return {"shops": [shop.to_wire() for shop in ctx.state.shops_of(open_id)]}


@routes.get("/seller/202309/shops", scope="seller.shop.info", cipher="forbidden")
def get_active_shops(ctx: RouteContext) -> object:
    """Get Active Shops: ``{id, region}`` per shop."""
    open_id = ctx.require_access().seller.open_id
    return {"shops": [{"id": s.id, "region": s.region} for s in ctx.state.shops_of(open_id)]}
