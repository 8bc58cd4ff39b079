"""Sellers, shops, catalogue SKUs and token grants: the fake's small value records."""

from __future__ import annotations

from datetime import datetime

from attrs import field, frozen

__all__ = ["FakeGrant", "FakeSeller", "FakeShopAccount", "FakeSku"]


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
class FakeSku:
    """A SKU in a shop's catalogue; orders draw their line items from these."""

    product_id: str
    sku_id: str
    seller_sku: str
    product_name: str
    sku_name: str
    price: int
    sku_image: str


@frozen(kw_only=True)
class FakeGrant:
    """Tokens issued to a seller, as the token endpoints return them; the repr hides the secrets."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    access_token_expires_at: datetime
    refresh_token_expires_at: datetime
    open_id: str
    seller_name: str
    seller_base_region: str = "JP"
    granted_scopes: tuple[str, ...] = ()

    def to_wire(self) -> dict[str, object]:
        """The token endpoints' ``data``; ``*_expire_in`` are ABSOLUTE Unix timestamps (§3.4)."""
        return {
            "access_token": self.access_token,
            "access_token_expire_in": int(self.access_token_expires_at.timestamp()),
            "refresh_token": self.refresh_token,
            "refresh_token_expire_in": int(self.refresh_token_expires_at.timestamp()),
            "open_id": self.open_id,
            "seller_name": self.seller_name,
            "seller_base_region": self.seller_base_region,
            "user_type": 0,
            "granted_scopes": list(self.granted_scopes),
        }
