"""Warehouses, their delivery options, and the shipping providers of a delivery option."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ._base import OpenEnum, WireModel

__all__ = [
    "DeliveryOption",
    "ShippingProvider",
    "Warehouse",
    "WarehouseAddress",
    "WarehouseStatus",
    "WarehouseType",
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
    sub_type: str = ""
    is_default: bool = False
    address: WarehouseAddress | None = None


class DeliveryOption(WireModel):
    """A way a warehouse ships (standard, express, seller-shipped...)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name", "type")

    id: str
    name: str = ""
    type: str = ""
    description: str = ""
    platform: list[str] = Field(default_factory=list)
    dimension_limit: dict[str, object] | None = None
    weight_limit: dict[str, object] | None = None


class ShippingProvider(WireModel):
    """A carrier TikTok accepts for a delivery option (Yamato Transport, 佐川急便 ...)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = ("id", "name")

    id: str
    name: str = ""
