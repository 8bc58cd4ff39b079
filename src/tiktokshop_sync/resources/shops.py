"""Shops a seller authorized this app for (with their cipher), and the seller's active shops."""

from __future__ import annotations

from typing import Any

from .._core.request import Cipher, RequestSpec
from .._core.scope import AsyncResource, SyncResource
from ..types.shop import ActiveShop, AuthorizedShop

__all__ = ["AsyncShops", "Shops"]


def _authorized(data: Any) -> list[AuthorizedShop]:
    return [AuthorizedShop.model_validate(s) for s in (data or {}).get("shops") or []]


def _active(data: Any) -> list[ActiveShop]:
    return [ActiveShop.model_validate(s) for s in (data or {}).get("shops") or []]


def authorized_spec() -> RequestSpec[list[AuthorizedShop]]:
    """GET /authorization/202309/shops (never with shop_cipher)."""
    return RequestSpec(
        method="GET",
        path="/authorization/202309/shops",
        cipher=Cipher.FORBIDDEN,
        idempotent=True,
        scope="seller.authorization.info",
        parse=_authorized,
    )


def active_spec() -> RequestSpec[list[ActiveShop]]:
    """GET /seller/202309/shops (never with shop_cipher)."""
    return RequestSpec(
        method="GET",
        path="/seller/202309/shops",
        cipher=Cipher.FORBIDDEN,
        idempotent=True,
        scope="seller.shop.info",
        parse=_active,
    )


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
