"""Fulfillment: ship, mark as shipped, shipping-info updates and package reads (§5.7)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from tiktokshop_sync.resources import _endpoints as endpoints
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
    ApiError,
    ParameterError,
)
from tiktokshop_sync.testing._fulfillment.backend import DOCUMENT_TYPES, PackageSearch, Shipment
from tiktokshop_sync.testing._orders.records import PACKAGE_STATUSES
from tiktokshop_sync.testing._params import str_field, str_list, time_bounds
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

MAX_BATCH = 50
# Each page of TikTok's reference lists its own codes for the same failures of the shared
# shipping checks; the swaps below pick the listed code with the same meaning.
_TRACKING_REFUSED = (
    (TRACKING_SPECIAL_CHARACTERS, TRACKING_OR_PROVIDER_INVALID),
    (TRACKING_DUPLICATE, TRACKING_OR_PROVIDER_INVALID),
)


def _tracking_body(ctx: RouteContext) -> tuple[str, str]:
    body = ctx.json_body()
    return str_field(body, "tracking_number"), str_field(body, "shipping_provider_id")


def _shipment(body: Mapping[str, Any]) -> Shipment:
    """``handover_method``, ``pickup_slot`` and ``self_shipment`` of a Ship Package body."""
    method = body.get("handover_method") or ""
    if method not in ("", "PICKUP", "DROP_OFF"):
        raise FULFILLMENT_PARAMS.error()
    slot: tuple[datetime, datetime] | None = None
    raw_slot = body.get("pickup_slot")
    if raw_slot is not None:
        if not isinstance(raw_slot, dict):
            raise FULFILLMENT_PARAMS.error()
        start, end = raw_slot.get("start_time"), raw_slot.get("end_time")
        if not isinstance(start, int) or not isinstance(end, int) or start >= end:
            raise FULFILLMENT_PARAMS.error()
        slot = (
            datetime.fromtimestamp(start, tz=timezone.utc),
            datetime.fromtimestamp(end, tz=timezone.utc),
        )
    self_shipment: tuple[str, str] | None = None
    raw = body.get("self_shipment")
    if raw is not None:
        if not isinstance(raw, dict):
            raise FULFILLMENT_PARAMS.error()
        tracking_number = raw.get("tracking_number")
        provider_id = raw.get("shipping_provider_id")
        if not isinstance(tracking_number, str) or not isinstance(provider_id, str):
            raise FULFILLMENT_PARAMS.error()
        self_shipment = (tracking_number, provider_id)
    return Shipment(handover_method=method, pickup_slot=slot, self_shipment=self_shipment)


@routes.handle(
    endpoints.FULFILLMENT_SHIP_PACKAGE,
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
    shipment = _shipment(ctx.json_body())
    ctx.world.shipping.ship_package(ctx.require_shop(), ctx.params["package_id"], shipment, ctx.now)
    return {}


def _batch_entry(entry: Mapping[str, Any]) -> tuple[str, Shipment | ApiError]:
    try:
        return str(entry.get("id", "")), _shipment(entry)
    except ApiError as error:  # one malformed entry fails alone, as TikTok reports it
        return str(entry.get("id", "")), error


@routes.handle(endpoints.FULFILLMENT_BATCH_SHIP)
def batch_ship_packages(ctx: RouteContext) -> object:
    """Batch Ship Packages: per-package failures in ``data.errors[]``."""
    packages = ctx.json_body().get("packages")
    if (
        not isinstance(packages, list)
        or not 1 <= len(packages) <= MAX_BATCH
        or not all(isinstance(p, dict) for p in packages)
    ):
        raise ParameterError("packages")
    entries = [_batch_entry(entry) for entry in packages]
    return ctx.world.shipping.batch_ship(ctx.require_shop(), entries, ctx.now)


@routes.handle(
    endpoints.FULFILLMENT_MARK_SHIPPED,
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
    return ctx.world.shipping.mark_shipped(
        ctx.require_shop(),
        ctx.params["order_id"],
        tracking_number=str_field(body, "tracking_number"),
        provider_id=str_field(body, "shipping_provider_id"),
        item_ids=str_list(body, "order_line_item_ids"),
        now=ctx.now,
    )


@routes.handle(
    endpoints.FULFILLMENT_UPDATE_SHIPPING_INFO,
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
    ctx.world.shipping.update_shipping_info(
        ctx.require_shop(),
        order_id=ctx.params["order_id"],
        tracking_number=tracking_number,
        provider_id=provider_id,
        now=ctx.now,
    )
    return {}


@routes.handle(
    endpoints.FULFILLMENT_UPDATE_PACKAGE_SHIPPING_INFO,
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
    ctx.world.shipping.update_shipping_info(
        ctx.require_shop(),
        package_id=ctx.params["package_id"],
        tracking_number=tracking_number,
        provider_id=provider_id,
        now=ctx.now,
    )
    return {}


@routes.handle(endpoints.FULFILLMENT_SEARCH_PACKAGES)
def search_packages(ctx: RouteContext) -> object:
    """Search Package: filters in the body, paging (1-50) and sorting in the query."""
    size = ctx.int_query("page_size", low=1, high=50)
    sort_field = ctx.choice_query(
        "sort_field", ("create_time", "update_time", "order_pay_time"), "create_time"
    )
    sort_order = ctx.choice_query("sort_order", ("ASC", "DESC"), "DESC")
    body = ctx.json_body()
    bounds = time_bounds(body)
    status = body.get("package_status")
    if status is not None and status not in PACKAGE_STATUSES:
        raise ParameterError("package_status")
    search = PackageSearch(
        sort_field=sort_field, sort_order=sort_order, package_status=status, bounds=bounds
    )
    return ctx.world.shipping.search_reply(
        ctx.require_shop(), search, size=size, page_token=ctx.query.get("page_token", "")
    )


@routes.handle(
    endpoints.FULFILLMENT_GET_PACKAGE,
    # The page's one code for a package the seller cannot see.
    instead=((PACKAGE_NOT_OWNED, PERMISSION_DENIED),),
)
def get_package_detail(ctx: RouteContext) -> object:
    """Get Package Detail."""
    return ctx.world.shipping.detail_reply(ctx.require_shop(), ctx.params["package_id"])


@routes.handle(
    endpoints.FULFILLMENT_HANDOVER_TIME_SLOTS,
    errors=(FULFILLMENT_PARAMS,),
    instead=((PACKAGE_NOT_OWNED, FULFILLMENT_PARAMS),),
)
def get_handover_time_slots(ctx: RouteContext) -> object:
    """Get Package Handover Time Slots: pickup windows for TikTok-shipped packages."""
    return ctx.world.shipping.handover_time_slots_reply(
        ctx.require_shop(), ctx.params["package_id"], ctx.now
    )


@routes.handle(
    endpoints.FULFILLMENT_SHIPPING_DOCUMENT,
    errors=(ARRANGE_SHIPMENT_FIRST, TIKTOK_SHIPPING_ONLY),
    instead=((PACKAGE_NOT_OWNED, PACKAGE_ID_INVALID),),
)
def get_shipping_document(ctx: RouteContext) -> object:
    """Get Package Shipping Document: TikTok shipping only (21008017 for seller shipping)."""
    query = ctx.query
    if query.get("document_type") not in DOCUMENT_TYPES:
        raise ParameterError("document_type")
    if query.get("document_size", "A6") not in ("A6", "A5"):
        raise ParameterError("document_size")
    if query.get("document_format", "PDF") not in ("PDF", "ZPL"):
        raise ParameterError("document_format")
    return ctx.world.shipping.shipping_document_reply(
        ctx.require_shop(), ctx.params["package_id"], ctx.now
    )


@routes.handle(
    endpoints.FULFILLMENT_TRACKING,
    instead=((ORDER_NOT_OWNED, ORDER_ID_INVALID),),
)
def get_tracking(ctx: RouteContext) -> object:
    """Get Tracking: carrier events, newest first."""
    return ctx.world.shipping.tracking_reply(ctx.require_shop(), ctx.params["order_id"], ctx.now)
