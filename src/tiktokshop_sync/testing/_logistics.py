"""Warehouses (倉庫), delivery options and shipping providers of a fake shop (reference §5.6).

Every shop gets a default sales warehouse and a return warehouse at the same Japanese address
(TikTok gives one address a different id per type), a seller-shipped delivery option that the
shop's orders use, and a TikTok-shipped one for ``shipping_type`` TIKTOK orders.
"""

from __future__ import annotations

import random
from typing import Any, Final

from attrs import define, field, frozen

from tiktokshop_sync.testing._data import CARRIERS, POSTAL_AREAS, FakeCarrier, PostalArea
from tiktokshop_sync.testing._ids import IdFactory

__all__ = [
    "FakeDeliveryOption",
    "FakeWarehouse",
    "ShopLogistics",
    "build_logistics",
]

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
