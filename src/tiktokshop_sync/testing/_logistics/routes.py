"""Logistics: warehouses, their delivery options, and shipping providers (reference §5.6)."""

from __future__ import annotations

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import (
    DELIVERY_BY_TIKTOK,
    DELIVERY_OPTION_UNKNOWN,
    WAREHOUSE_ID_INVALID,
    WAREHOUSE_UNKNOWN,
)
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()


@routes.handle(endpoints.LOGISTICS_WAREHOUSES)
def get_warehouses(ctx: RouteContext) -> object:
    """Get Warehouse List: sales and return warehouses with their JP addresses."""
    return ctx.world.logistics.warehouses_reply(ctx.require_shop().id)


@routes.handle(
    endpoints.LOGISTICS_DELIVERY_OPTIONS,
    # The page lists no code for an unknown warehouse (11005004 is Mark Package As Shipped's).
    instead=((WAREHOUSE_UNKNOWN, WAREHOUSE_ID_INVALID),),
)
def get_delivery_options(ctx: RouteContext) -> object:
    """Get Warehouse Delivery Options; a return warehouse ships nothing."""
    return ctx.world.logistics.delivery_options_reply(
        ctx.require_shop().id, ctx.params["warehouse_id"]
    )


@routes.handle(
    endpoints.LOGISTICS_SHIPPING_PROVIDERS,
    errors=(DELIVERY_OPTION_UNKNOWN, DELIVERY_BY_TIKTOK),
)
def get_shipping_providers(ctx: RouteContext) -> object:
    """Get Shipping Providers: the JP carriers; none for a TikTok-fulfilled option (21008117)."""
    return ctx.world.logistics.shipping_providers_reply(
        ctx.require_shop().id, ctx.params["delivery_option_id"]
    )
