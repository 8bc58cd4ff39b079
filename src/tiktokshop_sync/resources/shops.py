"""Shops a seller authorized this app for (with their cipher), and the seller's active shops."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._core.request import RequestSpec
from .._core.scope import AsyncResource, SyncResource
from ._endpoints import SHOPS_ACTIVE, SHOPS_AUTHORIZED

if TYPE_CHECKING:
    from ..types.shop import ActiveShop, AuthorizedShop

__all__ = ["AsyncShops", "Shops"]


def authorized_spec() -> RequestSpec[list[AuthorizedShop]]:
    """GET /authorization/202309/shops (never with shop_cipher)."""
    return SHOPS_AUTHORIZED.spec()


def active_spec() -> RequestSpec[list[ActiveShop]]:
    """GET /seller/202309/shops (never with shop_cipher)."""
    return SHOPS_ACTIVE.spec()


class Shops(SyncResource):
    """The seller's shops."""

    def authorized(self) -> list[AuthorizedShop]:
        """Shops this app may act for, each with the ``cipher`` that shop calls need."""
        return self._scope.request(authorized_spec())

    def active(self) -> list[ActiveShop]:
        """The seller's active shops (id and region)."""
        return self._scope.request(active_spec())


class AsyncShops(AsyncResource):
    """The seller's shops."""

    async def authorized(self) -> list[AuthorizedShop]:
        """Shops this app may act for, each with the ``cipher`` that shop calls need."""
        return await self._scope.request(authorized_spec())

    async def active(self) -> list[ActiveShop]:
        """The seller's active shops (id and region)."""
        return await self._scope.request(active_spec())
