"""Warehouses, their delivery options, and the shipping providers of a delivery option."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ._base import OpenEnum, WireModel
from .fulfillment import DimensionUnit, WeightUnit
from .statuses import ListingPlatform

__all__ = [
    "DeliveryOption",
    "DeliveryOptionType",
    "DimensionLimit",
    "Geolocation",
    "ShippingProvider",
    "Warehouse",
    "WarehouseAddress",
    "WarehouseStatus",
    "WarehouseSubType",
    "WarehouseType",
    "WeightLimit",
]


class WarehouseStatus(OpenEnum):
    """Whether a warehouse takes orders (RESTRICTED: holiday or order-limit mode)."""

    ENABLED = "ENABLED"
    DISABLED = "DISABLED"
    RESTRICTED = "RESTRICTED"


class WarehouseType(OpenEnum):
    """What a warehouse is for; one address gets a different id per type."""

    SALES_WAREHOUSE = "SALES_WAREHOUSE"
    RETURN_WAREHOUSE = "RETURN_WAREHOUSE"


class WarehouseSubType(OpenEnum):
    """A sales warehouse's kind: domestic, or a cross-border seller's overseas or direct one."""

    DOMESTIC_WAREHOUSE = "DOMESTIC_WAREHOUSE"
    CB_OVERSEA_WAREHOUSE = "CB_OVERSEA_WAREHOUSE"
    CB_DIRECT_SHIPPING_WAREHOUSE = "CB_DIRECT_SHIPPING_WAREHOUSE"


class DeliveryOptionType(OpenEnum):
    """A delivery option's speed class, or SEND_BY_SELLER (the seller's own carrier)."""

    STANDARD = "STANDARD"
    EXPRESS = "EXPRESS"
    ECONOMY = "ECONOMY"
    SEND_BY_SELLER = "SEND_BY_SELLER"


class Geolocation(WireModel):
    """Where a warehouse is on the map (decimal degrees, as TikTok's strings)."""

    latitude: str = ""
    longitude: str = ""


class WarehouseAddress(WireModel):
    """A warehouse address; in Japan ``address_line1`` holds chome, banchi and go."""

    region: str = ""
    region_code: str = ""
    state: str = ""
    city: str = ""
    distict: str = ""  # sic: TikTok's spelling
    town: str = ""
    postal_code: str = ""
    full_address: str = ""
    address_line1: str = ""
    address_line2: str = ""
    address_line3: str = ""
    address_line4: str = ""
    contact_person: str = ""
    first_name: str = ""
    last_name: str = ""
    first_name_local_script: str = ""
    last_name_local_script: str = ""
    phone_number: str = ""
    geolocation: Geolocation | None = None


class Warehouse(WireModel):
    """A seller warehouse (倉庫); inventory is kept per warehouse.

    Its repr leaves the address out: it names the seller's contact person and phone.
    """

    repr_fields: ClassVar[tuple[str, ...] | None] = (
        "id",
        "name",
        "effect_status",
        "type",
        "is_default",
    )

    id: str
    name: str = ""
    entity_id: str = ""
    effect_status: WarehouseStatus | None = None
    type: WarehouseType | None = None
    sub_type: WarehouseSubType | None = None
    is_default: bool = False
    address: WarehouseAddress | None = None


class DimensionLimit(WireModel):
    """The largest parcel a delivery option takes."""

    max_height: int | None = None
    max_length: int | None = None
    max_width: int | None = None
    unit: DimensionUnit | None = None


class WeightLimit(WireModel):
    """The weight range a delivery option takes."""

    max_weight: int | None = None
    min_weight: int | None = None
    unit: WeightUnit | None = None


class DeliveryOption(WireModel):
    """A way a warehouse ships (standard, express, seller-shipped...)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name", "type")

    id: str
    name: str = ""
    type: DeliveryOptionType | None = None
    description: str = ""
    platform: list[ListingPlatform] = Field(default_factory=list)
    dimension_limit: DimensionLimit | None = None
    weight_limit: WeightLimit | None = None


class ShippingProvider(WireModel):
    """A carrier TikTok accepts for a delivery option (Yamato Transport, 佐川急便 ...)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name")

    id: str
    name: str = ""
