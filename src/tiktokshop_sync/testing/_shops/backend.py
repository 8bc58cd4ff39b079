"""Sellers and shops: the records, the cipher lookups and the authorized-shops replies (§3.5).

A new shop is announced with :class:`ShopAdded`; logistics and the catalogue subscribe to give
it warehouses and products.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attrs import field, frozen

from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._ids import IdFactory

__all__ = ["FakeSeller", "FakeShopAccount", "ShopAdded", "ShopDirectory"]


@frozen(kw_only=True)
class FakeSeller:
    """A seller account that authorizes the app; it owns one or more shops."""

    open_id: str
    seller_name: str
    base_region: str = "JP"


@frozen(kw_only=True)
class FakeShopAccount:
    """One authorized shop, as Get Authorized Shops lists it, plus what the fake needs."""

    id: str
    name: str
    region: str = "JP"
    seller_type: str = "LOCAL"
    cipher: str
    code: str
    seller_open_id: str = field(repr=False)
    uses_on_hold: bool = field(default=True, repr=False)
    warehouse_id: str = field(default="", repr=False)
    delivery_option_id: str = field(default="", repr=False)

    def to_wire(self) -> dict[str, str]:
        """The Get Authorized Shops entry: ``{id, name, region, seller_type, cipher, code}``."""
        return {
            "id": self.id,
            "name": self.name,
            "region": self.region,
            "seller_type": self.seller_type,
            "cipher": self.cipher,
            "code": self.code,
        }


@frozen(kw_only=True)
class ShopAdded:
    """A shop was opened at ``at``."""

    shop: FakeShopAccount
    at: datetime


class ShopDirectory:
    """Every seller and shop of the fake, in creation order; the first seller is the default."""

    def __init__(self, ids: IdFactory, bus: EventBus) -> None:
        self._ids = ids
        self._bus = bus
        self.sellers: dict[str, FakeSeller] = {}
        self.shops: list[FakeShopAccount] = []

    # --- writes -------------------------------------------------------------------------------

    def add_seller(self, seller_name: str) -> FakeSeller:
        """A new seller account (no shops yet)."""
        seller = FakeSeller(open_id=self._ids.long_id("7"), seller_name=seller_name)
        self.sellers[seller.open_id] = seller
        return seller

    def add_shop(
        self, *, name: str, region: str, seller: FakeSeller, uses_on_hold: bool, now: datetime
    ) -> FakeShopAccount:
        """A shop owned by ``seller``; subscribers give it warehouses and a catalogue."""
        ids = self._ids
        shop = FakeShopAccount(
            id=ids.long_id("7"),
            name=name,
            region=region.upper(),
            seller_type="LOCAL",
            cipher=ids.cipher(),
            code=ids.shop_code(region),
            seller_open_id=seller.open_id,
            uses_on_hold=uses_on_hold,
            warehouse_id=ids.long_id("70"),
            delivery_option_id=ids.long_id("70"),
        )
        self.shops.append(shop)
        self._bus.publish(ShopAdded(shop=shop, at=now))
        return shop

    # --- reads --------------------------------------------------------------------------------

    def seller(self, seller: FakeSeller | None) -> FakeSeller:
        """``seller`` if it belongs to this fake (ValueError otherwise); None is the default."""
        if seller is None:
            return next(iter(self.sellers.values()))
        if seller.open_id not in self.sellers:
            raise ValueError(f"seller {seller.seller_name!r} does not belong to this FakeShop")
        return seller

    def shop(self, shop: FakeShopAccount | None) -> FakeShopAccount:
        """``shop`` if it belongs to this fake (ValueError otherwise); None is the first shop."""
        if shop is None:
            return self.shops[0]
        if shop not in self.shops:
            raise ValueError(f"shop {shop.name!r} does not belong to this FakeShop")
        return shop

    def by_cipher(self, cipher: str) -> FakeShopAccount | None:
        """The shop a ``shop_cipher`` names, if any."""
        return next((shop for shop in self.shops if shop.cipher == cipher), None)

    def by_id(self, shop_id: str) -> FakeShopAccount:
        """The shop with this id (KeyError if unknown)."""
        for shop in self.shops:
            if shop.id == shop_id:
                return shop
        raise KeyError(f"no shop with id {shop_id!r}")

    def shops_of(self, open_id: str) -> list[FakeShopAccount]:
        """The shops a seller owns, in creation order."""
        return [shop for shop in self.shops if shop.seller_open_id == open_id]

    # --- replies ------------------------------------------------------------------------------

    def authorized_shops_reply(self, open_id: str) -> dict[str, Any]:
        """Get Authorized Shops' ``data``: the seller's shops with their ciphers."""
        return {"shops": [shop.to_wire() for shop in self.shops_of(open_id)]}

    def active_shops_reply(self, open_id: str) -> dict[str, Any]:
        """Get Active Shops' ``data``: ``{id, region}`` per shop."""
        return {"shops": [{"id": s.id, "region": s.region} for s in self.shops_of(open_id)]}
