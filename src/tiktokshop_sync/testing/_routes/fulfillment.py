"""Fulfillment: ship, mark as shipped, shipping-info updates and package reads (§5.7)."""

from __future__ import annotations

from typing import Any

from tiktokshop_sync.testing._errors import FULFILLMENT_PARAMS
from tiktokshop_sync.testing._package import PACKAGE_STATUSES, FakePackage
from tiktokshop_sync.testing._router import RouteContext, RouteGroup
from tiktokshop_sync.testing._routes._common import (
    choice_query,
    int_field,
    keyset_page,
    page_size,
    str_field,
    str_list,
)
from tiktokshop_sync.testing._shipping import DOCUMENT_TYPES

__all__ = ["routes"]

routes = RouteGroup()

_BASIC = "seller.fulfillment.basic"
MAX_BATCH = 50
_TIME_FILTERS = ("create_time_ge", "create_time_lt", "update_time_ge", "update_time_lt")


def _tracking_body(ctx: RouteContext) -> tuple[str, str]:
    body = ctx.json_body()
    return (
        str_field(body, "tracking_number", FULFILLMENT_PARAMS),
        str_field(body, "shipping_provider_id", FULFILLMENT_PARAMS),
    )


@routes.post("/fulfillment/202309/packages/{package_id}/ship", scope=_BASIC, cipher="required")
def ship_package(ctx: RouteContext) -> object:
    """Ship Package: ``{}`` on success."""
    ctx.state.shipping.ship_package(
        ctx.require_shop(), ctx.params["package_id"], ctx.json_body(), ctx.now
    )
    return {}


@routes.post("/fulfillment/202309/packages/ship", scope=_BASIC, cipher="required")
def batch_ship_packages(ctx: RouteContext) -> object:
    """Batch Ship Packages: per-package failures in ``data.errors[]``."""
    packages = ctx.json_body().get("packages")
    if (
        not isinstance(packages, list)
        or not 1 <= len(packages) <= MAX_BATCH
        or not all(isinstance(p, dict) for p in packages)
    ):
        raise FULFILLMENT_PARAMS.error()
    errors = ctx.state.shipping.batch_ship(ctx.require_shop(), packages, ctx.now)
    return {"errors": errors} if errors else {}


@routes.post("/fulfillment/202309/orders/{order_id}/packages", scope=_BASIC, cipher="required")
def mark_package_as_shipped(ctx: RouteContext) -> object:
    """Mark Package As Shipped (JP enabled): the seller's own carrier and tracking number."""
    body = ctx.json_body()
    return ctx.state.shipping.mark_shipped(
        ctx.require_shop(),
        ctx.params["order_id"],
        tracking_number=str_field(body, "tracking_number", FULFILLMENT_PARAMS),
        provider_id=str_field(body, "shipping_provider_id", FULFILLMENT_PARAMS),
        item_ids=str_list(body, "order_line_item_ids", FULFILLMENT_PARAMS),
        now=ctx.now,
    )


@routes.post(
    "/fulfillment/202309/orders/{order_id}/shipping_info/update",
    scope="seller.logistics",
    cipher="required",
)
def update_shipping_info(ctx: RouteContext) -> object:
    """Update Shipping Info (order level): within 72 hours of shipping, once."""
    tracking_number, provider_id = _tracking_body(ctx)
    ctx.state.shipping.update_shipping_info(
        ctx.require_shop(),
        order_id=ctx.params["order_id"],
        tracking_number=tracking_number,
        provider_id=provider_id,
        now=ctx.now,
    )
    return {}


@routes.post(
    "/fulfillment/202309/packages/{package_id}/shipping_info/update",
    scope=_BASIC,
    cipher="required",
)
def update_package_shipping_info(ctx: RouteContext) -> object:
    """Update Package Shipping Info: the same rules, one package of a split order."""
    tracking_number, provider_id = _tracking_body(ctx)
    ctx.state.shipping.update_shipping_info(
        ctx.require_shop(),
        package_id=ctx.params["package_id"],
        tracking_number=tracking_number,
        provider_id=provider_id,
        now=ctx.now,
    )
    return {}


@routes.post("/fulfillment/202309/packages/search", scope=_BASIC, cipher="required")
def search_packages(ctx: RouteContext) -> object:
    """Search Package: filters in the body, paging (1-50) and sorting in the query."""
    shop = ctx.require_shop()
    size = page_size(ctx, 1, 50, FULFILLMENT_PARAMS)
    sort_field = choice_query(
        ctx,
        "sort_field",
        ("create_time", "update_time", "order_pay_time"),
        "create_time",
        FULFILLMENT_PARAMS,
    )
    sort_order = choice_query(ctx, "sort_order", ("ASC", "DESC"), "DESC", FULFILLMENT_PARAMS)
    body = ctx.json_body()
    bounds = {name: int_field(body, name, FULFILLMENT_PARAMS) for name in _TIME_FILTERS}
    status = body.get("package_status")
    if status is not None and status not in PACKAGE_STATUSES:
        raise FULFILLMENT_PARAMS.error()
    orders = ctx.state.orders

    def sort_value(package: FakePackage) -> int:
        if sort_field == "order_pay_time":
            paid = orders[package.order_id].paid_time
            return int(paid.timestamp()) if paid is not None else 0
        moment = package.create_time if sort_field == "create_time" else package.update_time
        return int(moment.timestamp())

    def key(package: FakePackage) -> tuple[int, str]:
        return sort_value(package), package.id

    def matches(package: FakePackage) -> bool:
        created = int(package.create_time.timestamp())
        updated = int(package.update_time.timestamp())
        checks = (
            status is None or package.status == status,
            bounds["create_time_ge"] is None or created >= bounds["create_time_ge"],
            bounds["create_time_lt"] is None or created < bounds["create_time_lt"],
            bounds["update_time_ge"] is None or updated >= bounds["update_time_ge"],
            bounds["update_time_lt"] is None or updated < bounds["update_time_lt"],
        )
        return all(checks)

    descending = sort_order == "DESC"
    found = sorted(
        (p for p in ctx.state.shipping.packages_of(shop) if matches(p)),
        key=key,
        reverse=descending,
    )
    page, token = keyset_page(
        ctx,
        found,
        key,
        size=size,
        tag=f"packages/{sort_field}/{sort_order}",
        descending=descending,
        error=FULFILLMENT_PARAMS,
    )
    return {
        "next_page_token": token,
        "total_count": len(found),
        "packages": [p.to_search_wire(orders[p.order_id]) for p in page],
    }


@routes.get("/fulfillment/202309/packages/{package_id}", scope=_BASIC, cipher="required")
def get_package_detail(ctx: RouteContext) -> object:
    """Get Package Detail."""
    package, order = ctx.state.shipping.package_of(ctx.require_shop(), ctx.params["package_id"])
    return package.to_detail_wire(order)


@routes.get(
    "/fulfillment/202309/packages/{package_id}/handover_time_slots",
    scope="seller.fulfillment.package.write",
    cipher="required",
)
def get_handover_time_slots(ctx: RouteContext) -> object:
    """Get Package Handover Time Slots: pickup windows for TikTok-shipped packages."""
    return ctx.state.shipping.handover_time_slots(
        ctx.require_shop(), ctx.params["package_id"], ctx.now
    )


@routes.get(
    "/fulfillment/202309/packages/{package_id}/shipping_documents",
    scope=_BASIC,
    cipher="required",
)
def get_shipping_document(ctx: RouteContext) -> object:
    """Get Package Shipping Document: TikTok shipping only (21008017 for seller shipping)."""
    query: dict[str, Any] = ctx.query
    if query.get("document_type") not in DOCUMENT_TYPES:
        raise FULFILLMENT_PARAMS.error()
    if query.get("document_size", "A6") not in ("A6", "A5"):
        raise FULFILLMENT_PARAMS.error()
    if query.get("document_format", "PDF") not in ("PDF", "ZPL"):
        raise FULFILLMENT_PARAMS.error()
    return ctx.state.shipping.shipping_document(
        ctx.require_shop(), ctx.params["package_id"], ctx.now
    )


@routes.get("/fulfillment/202309/orders/{order_id}/tracking", scope="seller.logistics")
def get_tracking(ctx: RouteContext) -> object:
    """Get Tracking: carrier events, newest first."""
    shop = ctx.require_shop()
    return {"tracking": ctx.state.shipping.tracking(shop, ctx.params["order_id"], ctx.now)}
