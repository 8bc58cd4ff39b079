"""Logistics: warehouses (倉庫), their delivery options, and accepted shipping providers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .._core.request import RequestSpec
from .._core.scope import AsyncResource, SyncResource
from . import _params
from ._endpoints import (
    LOGISTICS_DELIVERY_OPTIONS,
    LOGISTICS_SHIPPING_PROVIDERS,
    LOGISTICS_WAREHOUSES,
)

if TYPE_CHECKING:
    from ..types.logistics import DeliveryOption, ShippingProvider, Warehouse

__all__ = ["AsyncLogistics", "Logistics"]

#: Get Warehouse Delivery Options' ``scope``: the warehouse's active options (TikTok's
#: default), or those a product may be given (then only id and name come back).
_SCOPES = ("WAREHOUSE", "PRODUCT")


def warehouses_spec() -> RequestSpec[list[Warehouse]]:
    """GET /logistics/202309/warehouses."""
    return LOGISTICS_WAREHOUSES.spec()


DeliveryOptionScope = Literal["WAREHOUSE", "PRODUCT"]


def delivery_options_spec(
    warehouse_id: str, scope: DeliveryOptionScope | None = None
) -> RequestSpec[list[DeliveryOption]]:
    """GET /logistics/202309/warehouses/{warehouse_id}/delivery_options."""
    wid = _params.path_id("warehouse_id", warehouse_id)
    query = {} if scope is None else {"scope": _params.one_of("scope", scope, _SCOPES)}
    return LOGISTICS_DELIVERY_OPTIONS.spec(path_params={"warehouse_id": wid}, query=query)


def shipping_providers_spec(delivery_option_id: str) -> RequestSpec[list[ShippingProvider]]:
    """GET /logistics/202309/delivery_options/{delivery_option_id}/shipping_providers."""
    did = _params.path_id("delivery_option_id", delivery_option_id)
    return LOGISTICS_SHIPPING_PROVIDERS.spec(path_params={"delivery_option_id": did})


class Logistics(SyncResource):
    """A shop's warehouses and carriers."""

    def warehouses(self) -> list[Warehouse]:
        """The shop's warehouses (sales and return), with status and address."""
        return self._scope.request(warehouses_spec())

    def delivery_options(
        self, warehouse_id: str, *, scope: DeliveryOptionScope | None = None
    ) -> list[DeliveryOption]:
        """How a warehouse ships (standard, express, seller-shipped ...).

        ``scope="PRODUCT"`` lists the options a product may be given instead (id and name only).
        """
        return self._scope.request(delivery_options_spec(warehouse_id, scope))

    def shipping_providers(self, delivery_option_id: str) -> list[ShippingProvider]:
        """The carriers TikTok accepts for a delivery option (pass to the carrier resolver)."""
        return self._scope.request(shipping_providers_spec(delivery_option_id))


class AsyncLogistics(AsyncResource):
    """A shop's warehouses and carriers."""

    async def warehouses(self) -> list[Warehouse]:
        """The shop's warehouses (sales and return), with status and address."""
        return await self._scope.request(warehouses_spec())

    async def delivery_options(
        self, warehouse_id: str, *, scope: DeliveryOptionScope | None = None
    ) -> list[DeliveryOption]:
        """How a warehouse ships (standard, express, seller-shipped ...).

        ``scope="PRODUCT"`` lists the options a product may be given instead (id and name only).
        """
        return await self._scope.request(delivery_options_spec(warehouse_id, scope))

    async def shipping_providers(self, delivery_option_id: str) -> list[ShippingProvider]:
        """The carriers TikTok accepts for a delivery option (pass to the carrier resolver)."""
        return await self._scope.request(shipping_providers_spec(delivery_option_id))
