"""Fulfillment: ship packages, mark seller-shipped orders, update tracking, read packages.

Japanese local sellers ship with their own carrier (Yamato, Sagawa, Japan Post, Seino) and
report it with :meth:`Fulfillment.mark_shipped`; packages arranged through TikTok are shipped
with :meth:`Fulfillment.ship_package`. Shipping calls are not idempotent and are never
retried once they may have reached TikTok.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from .._core.pagination import AsyncPager, SpecFactory, SyncPager
from .._core.request import RequestSpec
from .._core.scope import AsyncResource, SyncResource
from .._core.typing_compat import NotRequired, TypedDict, Unpack
from . import _filters, _params
from ._endpoints import (
    FULFILLMENT_BATCH_SHIP,
    FULFILLMENT_GET_PACKAGE,
    FULFILLMENT_HANDOVER_TIME_SLOTS,
    FULFILLMENT_MARK_SHIPPED,
    FULFILLMENT_SEARCH_PACKAGES,
    FULFILLMENT_SHIP_PACKAGE,
    FULFILLMENT_SHIPPING_DOCUMENT,
    FULFILLMENT_TRACKING,
    FULFILLMENT_UPDATE_PACKAGE_SHIPPING_INFO,
    FULFILLMENT_UPDATE_SHIPPING_INFO,
)

if TYPE_CHECKING:
    from ..types.fulfillment import (
        BatchShipResult,
        HandoverMethod,
        HandoverTimeSlots,
        MarkShippedResult,
        Package,
        PackageDetail,
        PackageStatus,
        ShippingDocument,
        TrackingEvent,
    )

__all__ = [
    "AsyncFulfillment",
    "Fulfillment",
    "PackageSearchFilters",
    "PackageShipment",
    "SelfShipment",
]

MAX_PACKAGE_PAGE = FULFILLMENT_SEARCH_PACKAGES.limits.max_page


class SelfShipment(TypedDict):
    """Tracking for a package the seller ships with their own carrier."""

    tracking_number: str
    shipping_provider_id: str


class PackageShipment(TypedDict):
    """One package of a batch shipment."""

    id: str
    handover_method: NotRequired[HandoverMethod | str]
    pickup_slot: NotRequired[tuple[datetime, datetime]]
    self_shipment: NotRequired[SelfShipment]


class PackageSearchFilters(TypedDict, total=False):
    """Filters for :meth:`Fulfillment.search_packages`; times are aware datetimes."""

    create_time_ge: datetime
    create_time_lt: datetime
    update_time_ge: datetime
    update_time_lt: datetime
    package_status: PackageStatus | str
    sort_field: Literal["create_time", "update_time", "order_pay_time"]
    sort_order: Literal["ASC", "DESC"]
    page_size: int


def _shipment_body(
    handover_method: HandoverMethod | str | None,
    pickup_slot: tuple[datetime, datetime] | None,
    self_shipment: SelfShipment | None,
) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if handover_method is not None:
        method = str(handover_method)
        if method not in ("PICKUP", "DROP_OFF"):
            raise _params.InvalidArgumentError(
                f"handover_method must be 'PICKUP' or 'DROP_OFF', got {handover_method!r}."
            )
        body["handover_method"] = method
    if pickup_slot is not None:
        if (
            not isinstance(pickup_slot, tuple | list)
            or len(pickup_slot) != 2
            or not all(isinstance(t, datetime) for t in pickup_slot)
        ):
            raise _params.InvalidArgumentError(
                "pickup_slot must be a (start, end) pair of aware datetimes, from "
                f"handover_time_slots(); got {pickup_slot!r}."
            )
        window = _params.time_window("pickup_slot", pickup_slot[0], pickup_slot[1])
        body["pickup_slot"] = {
            "start_time": window["pickup_slot_ge"],
            "end_time": window["pickup_slot_lt"],
        }
    if self_shipment is not None:
        shipment = _params.record("self_shipment", self_shipment, SelfShipment)
        body["self_shipment"] = _tracking(
            shipment["tracking_number"], shipment["shipping_provider_id"]
        )
    return body


def _tracking(tracking_number: str, shipping_provider_id: str) -> dict[str, str]:
    return {
        "tracking_number": _params.tracking_number(tracking_number),
        "shipping_provider_id": _params.path_id("shipping_provider_id", shipping_provider_id),
    }


def ship_package_spec(package_id: str, body: dict[str, Any]) -> RequestSpec[None]:
    """POST /fulfillment/202309/packages/{package_id}/ship."""
    pid = _params.path_id("package_id", package_id)
    return FULFILLMENT_SHIP_PACKAGE.spec(path_params={"package_id": pid}, json=body)


def batch_ship_spec(packages: Sequence[PackageShipment]) -> RequestSpec[BatchShipResult]:
    """POST /fulfillment/202309/packages/ship."""
    items = []
    for given in packages:
        package = _params.record("a package shipment", given, PackageShipment)
        item = {"id": _params.path_id("package id", package["id"])}
        item.update(
            _shipment_body(
                package.get("handover_method"),
                package.get("pickup_slot"),
                package.get("self_shipment"),
            )
        )
        items.append(item)
    if not items:
        raise _params.InvalidArgumentError("batch_ship needs at least one package.")
    return FULFILLMENT_BATCH_SHIP.spec(json={"packages": items})


def mark_shipped_spec(
    order_id: str,
    tracking_number: str,
    shipping_provider_id: str,
    order_line_item_ids: Sequence[str] | None,
) -> RequestSpec[MarkShippedResult]:
    """POST /fulfillment/202309/orders/{order_id}/packages (seller's own carrier; JP enabled)."""
    oid = _params.path_id("order_id", order_id)
    body: dict[str, Any] = _tracking(tracking_number, shipping_provider_id)
    if order_line_item_ids is not None:
        body["order_line_item_ids"] = _params.ids(
            "order_line_item_ids", order_line_item_ids, non_empty=True
        )
    return FULFILLMENT_MARK_SHIPPED.spec(path_params={"order_id": oid}, json=body)


def update_shipping_info_spec(
    kind: Literal["orders", "packages"], object_id: str, tracking_number: str, provider_id: str
) -> RequestSpec[None]:
    """POST /fulfillment/202309/{orders|packages}/{id}/shipping_info/update (within 72 h)."""
    row = (
        FULFILLMENT_UPDATE_SHIPPING_INFO
        if kind == "orders"
        else FULFILLMENT_UPDATE_PACKAGE_SHIPPING_INFO
    )
    (name,) = row.path_params
    oid = _params.path_id(name, object_id)
    return row.spec(path_params={name: oid}, json=_tracking(tracking_number, provider_id))


def search_pages(filters: PackageSearchFilters) -> SpecFactory[Package]:
    """Validate package search filters once; the per-page request builder."""
    _params.known_keys("package search filter", filters, PackageSearchFilters)
    size = _params.page_size(
        filters.get("page_size", MAX_PACKAGE_PAGE), FULFILLMENT_SEARCH_PACKAGES
    )
    body: dict[str, Any] = {
        **_params.time_window(
            "create_time", filters.get("create_time_ge"), filters.get("create_time_lt")
        ),
        **_params.time_window(
            "update_time", filters.get("update_time_ge"), filters.get("update_time_lt")
        ),
    }
    if "package_status" in filters:
        body["package_status"] = _params.one_of(
            "package_status", filters["package_status"], _filters.PACKAGE_STATUS
        )
    query = {"page_size": size, **_params.sorting(filters, _filters.PACKAGE_SORT_FIELD)}
    return FULFILLMENT_SEARCH_PACKAGES.pages(query=query, json=body)


def package_spec(package_id: str) -> RequestSpec[PackageDetail]:
    """GET /fulfillment/202309/packages/{package_id}."""
    pid = _params.path_id("package_id", package_id)
    return FULFILLMENT_GET_PACKAGE.spec(path_params={"package_id": pid})


def handover_spec(package_id: str) -> RequestSpec[HandoverTimeSlots]:
    """GET /fulfillment/202309/packages/{package_id}/handover_time_slots."""
    pid = _params.path_id("package_id", package_id)
    return FULFILLMENT_HANDOVER_TIME_SLOTS.spec(path_params={"package_id": pid})


def document_spec(
    package_id: str, document_type: str, document_size: str | None, document_format: str | None
) -> RequestSpec[ShippingDocument]:
    """GET /fulfillment/202309/packages/{package_id}/shipping_documents."""
    pid = _params.path_id("package_id", package_id)
    return FULFILLMENT_SHIPPING_DOCUMENT.spec(
        path_params={"package_id": pid},
        query={
            "document_type": _params.one_of("document_type", document_type, _filters.DOCUMENT_TYPE),
            "document_size": None
            if document_size is None
            else _params.one_of("document_size", document_size, _filters.DOCUMENT_SIZE),
            "document_format": None
            if document_format is None
            else _params.one_of("document_format", document_format, _filters.DOCUMENT_FORMAT),
        },
    )


def tracking_spec(order_id: str) -> RequestSpec[list[TrackingEvent]]:
    """GET /fulfillment/202309/orders/{order_id}/tracking."""
    oid = _params.path_id("order_id", order_id)
    return FULFILLMENT_TRACKING.spec(path_params={"order_id": oid})


class Fulfillment(SyncResource):
    """Shipping a shop's packages and reading them back."""

    def ship_package(
        self,
        package_id: str,
        *,
        handover_method: HandoverMethod | str | None = None,
        pickup_slot: tuple[datetime, datetime] | None = None,
        self_shipment: SelfShipment | None = None,
    ) -> None:
        """Ship one package: PICKUP or DROP_OFF, a pickup slot, or the seller's own tracking."""
        spec = ship_package_spec(
            package_id, _shipment_body(handover_method, pickup_slot, self_shipment)
        )
        self._scope.request(spec)

    def batch_ship(self, packages: Sequence[PackageShipment]) -> BatchShipResult:
        """Ship several packages in one call; failures are returned per package."""
        return self._scope.request(batch_ship_spec(packages))

    def mark_shipped(
        self,
        order_id: str,
        *,
        tracking_number: str,
        shipping_provider_id: str,
        order_line_item_ids: Sequence[str] | None = None,
    ) -> MarkShippedResult:
        """Report that the seller shipped the order (or some line items) with their carrier."""
        spec = mark_shipped_spec(
            order_id, tracking_number, shipping_provider_id, order_line_item_ids
        )
        return self._scope.request(spec)

    def update_shipping_info(
        self, order_id: str, *, tracking_number: str, shipping_provider_id: str
    ) -> None:
        """Correct the tracking of a shipped order (TikTok allows it within 72 hours, once)."""
        self._scope.request(
            update_shipping_info_spec("orders", order_id, tracking_number, shipping_provider_id)
        )

    def update_package_shipping_info(
        self, package_id: str, *, tracking_number: str, shipping_provider_id: str
    ) -> None:
        """Correct the tracking of one shipped package (for split orders; within 72 hours)."""
        self._scope.request(
            update_shipping_info_spec("packages", package_id, tracking_number, shipping_provider_id)
        )

    def search_packages(
        self, *, page_token: str | None = None, **filters: Unpack[PackageSearchFilters]
    ) -> SyncPager[Package]:
        """Packages matching ``filters``, page by page (up to 50 a page)."""
        return self._scope.paginate(search_pages(filters), page_token=page_token)

    def get_package(self, package_id: str) -> PackageDetail:
        """Everything about one package."""
        return self._scope.request(package_spec(package_id))

    def handover_time_slots(self, package_id: str) -> HandoverTimeSlots:
        """Whether a package can be picked up or dropped off, and the pickup windows."""
        return self._scope.request(handover_spec(package_id))

    def shipping_document(
        self,
        package_id: str,
        *,
        document_type: str = "SHIPPING_LABEL",
        document_size: str | None = None,
        document_format: str | None = None,
    ) -> ShippingDocument:
        """A label to print for a TikTok-shipped package (the URL lasts 24 hours)."""
        return self._scope.request(
            document_spec(package_id, document_type, document_size, document_format)
        )

    def tracking(self, order_id: str) -> list[TrackingEvent]:
        """The carrier's tracking events for an order."""
        return self._scope.request(tracking_spec(order_id))


class AsyncFulfillment(AsyncResource):
    """Shipping a shop's packages and reading them back."""

    async def ship_package(
        self,
        package_id: str,
        *,
        handover_method: HandoverMethod | str | None = None,
        pickup_slot: tuple[datetime, datetime] | None = None,
        self_shipment: SelfShipment | None = None,
    ) -> None:
        """Ship one package: PICKUP or DROP_OFF, a pickup slot, or the seller's own tracking."""
        spec = ship_package_spec(
            package_id, _shipment_body(handover_method, pickup_slot, self_shipment)
        )
        await self._scope.request(spec)

    async def batch_ship(self, packages: Sequence[PackageShipment]) -> BatchShipResult:
        """Ship several packages in one call; failures are returned per package."""
        return await self._scope.request(batch_ship_spec(packages))

    async def mark_shipped(
        self,
        order_id: str,
        *,
        tracking_number: str,
        shipping_provider_id: str,
        order_line_item_ids: Sequence[str] | None = None,
    ) -> MarkShippedResult:
        """Report that the seller shipped the order (or some line items) with their carrier."""
        spec = mark_shipped_spec(
            order_id, tracking_number, shipping_provider_id, order_line_item_ids
        )
        return await self._scope.request(spec)

    async def update_shipping_info(
        self, order_id: str, *, tracking_number: str, shipping_provider_id: str
    ) -> None:
        """Correct the tracking of a shipped order (TikTok allows it within 72 hours, once)."""
        await self._scope.request(
            update_shipping_info_spec("orders", order_id, tracking_number, shipping_provider_id)
        )

    async def update_package_shipping_info(
        self, package_id: str, *, tracking_number: str, shipping_provider_id: str
    ) -> None:
        """Correct the tracking of one shipped package (for split orders; within 72 hours)."""
        await self._scope.request(
            update_shipping_info_spec("packages", package_id, tracking_number, shipping_provider_id)
        )

    def search_packages(
        self, *, page_token: str | None = None, **filters: Unpack[PackageSearchFilters]
    ) -> AsyncPager[Package]:
        """Packages matching ``filters``, page by page (up to 50 a page)."""
        return self._scope.paginate(search_pages(filters), page_token=page_token)

    async def get_package(self, package_id: str) -> PackageDetail:
        """Everything about one package."""
        return await self._scope.request(package_spec(package_id))

    async def handover_time_slots(self, package_id: str) -> HandoverTimeSlots:
        """Whether a package can be picked up or dropped off, and the pickup windows."""
        return await self._scope.request(handover_spec(package_id))

    async def shipping_document(
        self,
        package_id: str,
        *,
        document_type: str = "SHIPPING_LABEL",
        document_size: str | None = None,
        document_format: str | None = None,
    ) -> ShippingDocument:
        """A label to print for a TikTok-shipped package (the URL lasts 24 hours)."""
        return await self._scope.request(
            document_spec(package_id, document_type, document_size, document_format)
        )

    async def tracking(self, order_id: str) -> list[TrackingEvent]:
        """The carrier's tracking events for an order."""
        return await self._scope.request(tracking_spec(order_id))
