"""Shops: the authorized shops (with their cipher) and the seller's active shops."""

from __future__ import annotations

from typing import ClassVar

from ._base import OpenEnum, WireModel

__all__ = ["ActiveShop", "AuthorizedShop", "SellerType"]


class SellerType(OpenEnum):
    """Whether the seller is local to the shop's market or cross-border."""

    LOCAL = "LOCAL"
    CROSS_BORDER = "CROSS_BORDER"


class AuthorizedShop(WireModel):
    """A shop the seller authorized this app for; ``cipher`` addresses it in shop calls."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name", "region", "cipher")

    id: str
    name: str = ""
    region: str = ""
    seller_type: SellerType | None = None
    cipher: str
    code: str = ""


class ActiveShop(WireModel):
    """A shop that is active for the seller (Get Active Shops)."""

    id: str
    region: str = ""
