"""Warehouses (倉庫), delivery options and shipping providers of a fake shop (reference §5.6).

Every shop gets a default sales warehouse and a return warehouse at the same Japanese address
(TikTok gives one address a different id per type), a seller-shipped delivery option that the
shop's orders use, and a TikTok-shipped one for ``shipping_type`` TIKTOK orders. A warehouse
added later is announced with :class:`WarehouseAdded` (the catalogue stocks it).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from attrs import define, field, frozen

from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._errors import (
    DELIVERY_BY_TIKTOK,
    DELIVERY_OPTION_UNKNOWN,
    WAREHOUSE_UNKNOWN,
)
from tiktokshop_sync.testing._ids import IdFactory, seeded_random
from tiktokshop_sync.testing._jp import POSTAL_AREAS, PostalArea
from tiktokshop_sync.testing._shops.backend import ShopAdded

__all__ = [
    "CARRIERS",
    "FakeCarrier",
    "FakeDeliveryOption",
    "FakeWarehouse",
    "Logistics",
    "ShopLogistics",
    "WarehouseAdded",
    "build_logistics",
]


@frozen
class FakeCarrier:
    """A carrier JP local sellers must use (reference §7), with a made-up 19-digit id.

    TikTok publishes no JP ``shipping_provider_id`` values: these are opaque stand-ins.
    """

    name: str
    shipping_provider_id: str
    tracking_digits: int
    name_ja: str = ""


#: The integrated carriers of the JP seller-shipping flow [doc] (JP market changelog).
CARRIERS: tuple[FakeCarrier, ...] = (
    FakeCarrier("Yamato Transport", "7208502187360519982", 12, "ヤマト運輸"),
    FakeCarrier("Sagawa Express", "7208502187360519983", 12, "佐川急便"),
    FakeCarrier("Japan Post", "7208502187360519984", 11, "日本郵便"),
    FakeCarrier("Seino Transportation", "7208502187360519985", 10, "西濃運輸"),
    FakeCarrier("Seino Super Express", "7208502187360519986", 10, "セイノースーパーエクスプレス"),
)


# Chiba, a common site for JP e-commerce warehouses; the postal code is a verified one.
_WAREHOUSE_AREA: Final[PostalArea] = next(a for a in POSTAL_AREAS if a.city == "千葉市中央区")


@define(kw_only=True, eq=False)
class FakeWarehouse:
    """A seller warehouse; ``address_line1`` holds 丁目-番地-号 as TikTok documents for JP."""

    id: str
    name: str
    type: str = "SALES_WAREHOUSE"
    sub_type: str = "DOMESTIC_WAREHOUSE"
    effect_status: str = "ENABLED"
    is_default: bool = False
    entity_id: str = ""
    area: PostalArea = _WAREHOUSE_AREA
    block: str = "1-2-3"
    building: str = ""
    contact_last_name: str = "佐藤"
    contact_first_name: str = "花子"
    contact_last_name_kana: str = "サトウ"
    contact_first_name_kana: str = "ハナコ"
    phone_number: str = "(+81)43****5678"
    #: Where the site is (decimal degrees): 千葉市中央区新町, by Chiba station.
    latitude: str = "35.6113"
    longitude: str = "140.1136"

    def to_wire(self) -> dict[str, Any]:
        """This warehouse as Get Warehouse List returns it."""
        area = self.area
        line1 = f"{area.town}{self.block}"
        full = f"{area.prefecture}{area.city}{line1}" + (
            f" {self.building}" if self.building else ""
        )
        return {
            "id": self.id,
            "entity_id": self.entity_id,
            "name": self.name,
            "effect_status": self.effect_status,
            "type": self.type,
            "sub_type": self.sub_type,
            "is_default": self.is_default,
            "address": {
                "region": "Japan",
                "region_code": "JP",
                "state": area.prefecture,
                "city": area.city,
                "distict": "",  # sic: TikTok's spelling
                "town": area.town,
                "postal_code": area.postal_code,
                "full_address": full,
                "address_line1": line1,
                "address_line2": self.building,
                "address_line3": "",
                "address_line4": "",
                "contact_person": f"{self.contact_last_name} {self.contact_first_name}",
                "first_name": self.contact_first_name,
                "last_name": self.contact_last_name,
                "first_name_local_script": self.contact_first_name_kana,
                "last_name_local_script": self.contact_last_name_kana,
                "phone_number": self.phone_number,
                "geolocation": {"latitude": self.latitude, "longitude": self.longitude},
            },
        }


@frozen(kw_only=True)
class FakeDeliveryOption:
    """A way a warehouse ships; ``tiktok_fulfilled`` options have no shipping providers."""

    id: str
    name: str
    type: str
    description: str
    tiktok_fulfilled: bool = False
    carriers: tuple[FakeCarrier, ...] = CARRIERS

    def to_wire(self) -> dict[str, Any]:
        """This option as Get Warehouse Delivery Options returns it."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "platform": ["TIKTOK_SHOP"],
            "dimension_limit": {
                "max_height": 70,
                "max_length": 100,
                "max_width": 70,
                "unit": "CM",
            },
            "weight_limit": {"max_weight": 25000, "min_weight": 1, "unit": "GRAM"},
        }


@define(kw_only=True, eq=False)
class ShopLogistics:
    """One shop's warehouses and the delivery options of its sales warehouses."""

    warehouses: list[FakeWarehouse] = field(factory=list)
    options: list[FakeDeliveryOption] = field(factory=list)

    @property
    def default_warehouse(self) -> FakeWarehouse:
        """The default sales warehouse (used when a product names none)."""
        return next(w for w in self.warehouses if w.is_default)

    @property
    def seller_option(self) -> FakeDeliveryOption:
        """The seller-shipped option the shop's orders use."""
        return next(o for o in self.options if not o.tiktok_fulfilled)

    @property
    def tiktok_option(self) -> FakeDeliveryOption:
        """The TikTok-shipped option of ``shipping_type`` TIKTOK orders."""
        return next(o for o in self.options if o.tiktok_fulfilled)

    def sales_warehouses(self) -> list[FakeWarehouse]:
        """Warehouses that hold stock."""
        return [w for w in self.warehouses if w.type == "SALES_WAREHOUSE"]

    def warehouse(self, warehouse_id: str) -> FakeWarehouse | None:
        """The warehouse with this id, if the shop has it."""
        return next((w for w in self.warehouses if w.id == warehouse_id), None)

    def option(self, option_id: str) -> FakeDeliveryOption | None:
        """The delivery option with this id, if the shop has it."""
        return next((o for o in self.options if o.id == option_id), None)


def build_logistics(
    *, shop_name: str, warehouse_id: str, delivery_option_id: str, rng: random.Random
) -> ShopLogistics:
    """The default logistics of a new shop; ids not fixed by the shop come from ``rng``."""
    ids = IdFactory(rng)
    block = f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
    site = f"{shop_name} 千葉物流センター"
    sales = FakeWarehouse(id=warehouse_id, name=site, is_default=True, block=block)
    returns = FakeWarehouse(
        id=ids.long_id("70"), name=f"{site}（返品受付）", type="RETURN_WAREHOUSE", block=block
    )
    seller = FakeDeliveryOption(
        id=delivery_option_id,
        name="Standard Shipping",
        type="SEND_BY_SELLER",
        description=(
            "出荷元倉庫から自社契約の配送業者で発送"
            "（ヤマト運輸・佐川急便・日本郵便・西濃運輸・セイノースーパーエクスプレス）"
        ),
    )
    platform = FakeDeliveryOption(
        id=ids.long_id("70"),
        name="Express Shipping",
        type="EXPRESS",
        description="TikTok Shop 手配の配送業者が集荷（集荷・持ち込み）",
        tiktok_fulfilled=True,
        carriers=(),
    )
    return ShopLogistics(warehouses=[sales, returns], options=[seller, platform])


@frozen(kw_only=True)
class WarehouseAdded:
    """A sales warehouse was added; ``seller_skus`` None means every SKU is stocked there."""

    shop_id: str
    warehouse: FakeWarehouse
    seller_skus: frozenset[str] | None
    quantity: int
    at: datetime


class Logistics:
    """Every shop's warehouses and delivery options (set up when a shop is added)."""

    def __init__(self, *, seed: int, ids: IdFactory, bus: EventBus) -> None:
        self._seed = seed
        self._ids = ids
        self._bus = bus
        self._shops: dict[str, ShopLogistics] = {}
        bus.subscribe(ShopAdded, self._open)

    def _open(self, event: ShopAdded) -> None:
        shop = event.shop
        self._shops[shop.id] = build_logistics(
            shop_name=shop.name,
            warehouse_id=shop.warehouse_id,
            delivery_option_id=shop.delivery_option_id,
            rng=seeded_random(self._seed, f"logistics/{shop.id}"),
        )

    def of(self, shop_id: str) -> ShopLogistics:
        """One shop's warehouses and options."""
        return self._shops[shop_id]

    def add_warehouse(
        self,
        shop_id: str,
        name: str,
        *,
        seller_skus: Iterable[str] | None,
        quantity: int,
        now: datetime,
    ) -> FakeWarehouse:
        """Another sales warehouse at the shop's address, stocking ``seller_skus`` (all if None)."""
        warehouse = FakeWarehouse(id=self._ids.long_id("70"), name=name, block="3-1-1")
        self._shops[shop_id].warehouses.append(warehouse)
        wanted = None if seller_skus is None else frozenset(seller_skus)
        self._bus.publish(
            WarehouseAdded(
                shop_id=shop_id, warehouse=warehouse, seller_skus=wanted, quantity=quantity, at=now
            )
        )
        return warehouse

    def carriers_for(self, shop_id: str, delivery_option_id: str) -> tuple[FakeCarrier, ...]:
        """The carriers an order's delivery option accepts (every JP carrier if unknown)."""
        option = self._shops[shop_id].option(delivery_option_id)
        return option.carriers if option is not None else CARRIERS

    # --- replies ------------------------------------------------------------------------------

    def warehouses_reply(self, shop_id: str) -> dict[str, Any]:
        """Get Warehouse List's ``data``: sales and return warehouses."""
        return {"warehouses": [w.to_wire() for w in self._shops[shop_id].warehouses]}

    def delivery_options_reply(self, shop_id: str, warehouse_id: str) -> dict[str, Any]:
        """Get Warehouse Delivery Options' ``data``; a return warehouse ships nothing."""
        logistics = self._shops[shop_id]
        warehouse = logistics.warehouse(warehouse_id)
        if warehouse is None:
            raise WAREHOUSE_UNKNOWN.error()
        if warehouse.type != "SALES_WAREHOUSE":
            return {"delivery_options": []}
        return {"delivery_options": [o.to_wire() for o in logistics.options]}

    def shipping_providers_reply(self, shop_id: str, delivery_option_id: str) -> dict[str, Any]:
        """Get Shipping Providers' ``data``: none for a TikTok-fulfilled option (21008117)."""
        option = self._shops[shop_id].option(delivery_option_id)
        if option is None:
            raise DELIVERY_OPTION_UNKNOWN.error()
        if option.tiktok_fulfilled:
            raise DELIVERY_BY_TIKTOK.error()
        return {
            "shipping_providers": [
                {"id": c.shipping_provider_id, "name": c.name} for c in option.carriers
            ]
        }
