"""Fulfillment: ship, mark as shipped, shipping-info updates and package reads (§5.7)."""

from __future__ import annotations

from typing import Any

from tiktokshop_sync.testing._errors import (
    AFTER_SALE_PENDING,
    ARRANGE_SHIPMENT_FIRST,
    FULFILL_UNIT_NOT_ALLOWED,
    FULFILLMENT_PARAMS,
    NOT_AWAITING_SHIPMENT,
    NOT_SELLER_SHIPPED,
    ORDER_ID_INVALID,
    ORDER_IS_CANCELLED,
    ORDER_IS_CANCELLED_PACKAGE,
    ORDER_NOT_IN_FULFILL_UNIT,
    ORDER_NOT_OWNED,
    OUTSIDE_PICKUP_SLOT,
    PACKAGE_ALREADY_SHIPPED,
    PACKAGE_DELIVERED,
    PACKAGE_ID_INVALID,
    PACKAGE_NOT_OWNED,
    PACKAGE_NOT_SHIPPED,
    PACKAGE_SHIPPED_AGAIN,
    PERMISSION_DENIED,
    PLATFORM_FULFILLED,
    TIKTOK_SHIPPING_ONLY,
    TRACKING_DUPLICATE,
    TRACKING_OR_PROVIDER_INVALID,
    TRACKING_SPECIAL_CHARACTERS,
    UPDATE_NOT_ALLOWED,
    UPDATE_ONLY_ONCE,
    UPDATE_WINDOW_CLOSED,
)
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
# Each page of TikTok's reference lists its own codes for the same failures of the shared
# shipping checks; the swaps below pick the listed code with the same meaning.
_TRACKING_REFUSED = (
    (TRACKING_SPECIAL_CHARACTERS, TRACKING_OR_PROVIDER_INVALID),
    (TRACKING_DUPLICATE, TRACKING_OR_PROVIDER_INVALID),
)


def _tracking_body(ctx: RouteContext) -> tuple[str, str]:
    body = ctx.json_body()
    return (
        str_field(body, "tracking_number", ctx.bad_params),
        str_field(body, "shipping_provider_id", ctx.bad_params),
    )


@routes.post(
    "/fulfillment/202309/packages/{package_id}/ship",
    scope=_BASIC,
    cipher="required",
    errors=(
        FULFILLMENT_PARAMS,
        ORDER_IS_CANCELLED,
        OUTSIDE_PICKUP_SLOT,
        PACKAGE_ALREADY_SHIPPED,
        PACKAGE_NOT_OWNED,
        TRACKING_DUPLICATE,
        TRACKING_OR_PROVIDER_INVALID,
        AFTER_SALE_PENDING,
    ),
    instead=(
        (TRACKING_SPECIAL_CHARACTERS, TRACKING_OR_PROVIDER_INVALID),
        (NOT_AWAITING_SHIPMENT, FULFILL_UNIT_NOT_ALLOWED),
    ),
)
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
        raise ctx.bad_params.error("packages")
    errors = ctx.state.shipping.batch_ship(ctx.require_shop(), packages, ctx.now)
    return {"errors": errors} if errors else {}


@routes.post(
    "/fulfillment/202309/orders/{order_id}/packages",
    scope=_BASIC,
    cipher="required",
    errors=(
        FULFILLMENT_PARAMS,
        PACKAGE_SHIPPED_AGAIN,
        PLATFORM_FULFILLED,
        TRACKING_OR_PROVIDER_INVALID,
        TRACKING_SPECIAL_CHARACTERS,
        TRACKING_DUPLICATE,
        AFTER_SALE_PENDING,
        NOT_AWAITING_SHIPMENT,
    ),
    instead=(
        (ORDER_IS_CANCELLED, NOT_AWAITING_SHIPMENT),
        (ORDER_NOT_OWNED, ORDER_NOT_IN_FULFILL_UNIT),
    ),
)
def mark_package_as_shipped(ctx: RouteContext) -> object:
    """Mark Package As Shipped (JP enabled): the seller's own carrier and tracking number."""
    body = ctx.json_body()
    return ctx.state.shipping.mark_shipped(
        ctx.require_shop(),
        ctx.params["order_id"],
        tracking_number=str_field(body, "tracking_number", ctx.bad_params),
        provider_id=str_field(body, "shipping_provider_id", ctx.bad_params),
        item_ids=str_list(body, "order_line_item_ids", ctx.bad_params),
        now=ctx.now,
    )


@routes.post(
    "/fulfillment/202309/orders/{order_id}/shipping_info/update",
    scope="seller.logistics",
    cipher="required",
    errors=(
        NOT_SELLER_SHIPPED,
        ORDER_IS_CANCELLED,
        PACKAGE_DELIVERED,
        PACKAGE_NOT_SHIPPED,
        TRACKING_OR_PROVIDER_INVALID,
    ),
    # The order-level page lists neither "only once" nor "within hours": only 21011049.
    instead=(
        *_TRACKING_REFUSED,
        (UPDATE_ONLY_ONCE, UPDATE_NOT_ALLOWED),
        (UPDATE_WINDOW_CLOSED, UPDATE_NOT_ALLOWED),
        (ORDER_NOT_OWNED, PACKAGE_NOT_OWNED),
    ),
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
    errors=(
        NOT_SELLER_SHIPPED,
        PACKAGE_DELIVERED,
        PACKAGE_NOT_SHIPPED,
        PACKAGE_NOT_OWNED,
        UPDATE_ONLY_ONCE,
        UPDATE_WINDOW_CLOSED,
        TRACKING_OR_PROVIDER_INVALID,
    ),
    instead=(
        *_TRACKING_REFUSED,
        (ORDER_IS_CANCELLED, ORDER_IS_CANCELLED_PACKAGE),
        (ORDER_NOT_OWNED, PACKAGE_NOT_OWNED),
    ),
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
    size = page_size(ctx, 1, 50, ctx.bad_params)
    sort_field = choice_query(
        ctx,
        "sort_field",
        ("create_time", "update_time", "order_pay_time"),
        "create_time",
        ctx.bad_params,
    )
    sort_order = choice_query(ctx, "sort_order", ("ASC", "DESC"), "DESC", ctx.bad_params)
    body = ctx.json_body()
    bounds = {name: int_field(body, name, ctx.bad_params) for name in _TIME_FILTERS}
    status = body.get("package_status")
    if status is not None and status not in PACKAGE_STATUSES:
        raise ctx.bad_params.error("package_status")
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
        error=ctx.bad_params,
    )
    return {
        "next_page_token": token,
        "total_count": len(found),
        "packages": [p.to_search_wire(orders[p.order_id]) for p in page],
    }


@routes.get(
    "/fulfillment/202309/packages/{package_id}",
    scope=_BASIC,
    cipher="required",
    # The page's one code for a package the seller cannot see.
    instead=((PACKAGE_NOT_OWNED, PERMISSION_DENIED),),
)
def get_package_detail(ctx: RouteContext) -> object:
    """Get Package Detail."""
    package, order = ctx.state.shipping.package_of(ctx.require_shop(), ctx.params["package_id"])
    return package.to_detail_wire(order)


@routes.get(
    "/fulfillment/202309/packages/{package_id}/handover_time_slots",
    scope="seller.fulfillment.package.write",
    cipher="required",
    errors=(FULFILLMENT_PARAMS,),
    instead=((PACKAGE_NOT_OWNED, FULFILLMENT_PARAMS),),
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
    errors=(ARRANGE_SHIPMENT_FIRST, TIKTOK_SHIPPING_ONLY),
    instead=((PACKAGE_NOT_OWNED, PACKAGE_ID_INVALID),),
)
def get_shipping_document(ctx: RouteContext) -> object:
    """Get Package Shipping Document: TikTok shipping only (21008017 for seller shipping)."""
    query: dict[str, Any] = ctx.query
    if query.get("document_type") not in DOCUMENT_TYPES:
        raise ctx.bad_params.error("document_type")
    if query.get("document_size", "A6") not in ("A6", "A5"):
        raise ctx.bad_params.error("document_size")
    if query.get("document_format", "PDF") not in ("PDF", "ZPL"):
        raise ctx.bad_params.error("document_format")
    return ctx.state.shipping.shipping_document(
        ctx.require_shop(), ctx.params["package_id"], ctx.now
    )


@routes.get(
    "/fulfillment/202309/orders/{order_id}/tracking",
    scope="seller.logistics",
    instead=((ORDER_NOT_OWNED, ORDER_ID_INVALID),),
)
def get_tracking(ctx: RouteContext) -> object:
    """Get Tracking: carrier events, newest first."""
    shop = ctx.require_shop()
    return {"tracking": ctx.state.shipping.tracking(shop, ctx.params["order_id"], ctx.now)}
