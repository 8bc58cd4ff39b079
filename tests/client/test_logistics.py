"""shop.logistics against FakeShop: warehouses, delivery options and shipping providers."""

from __future__ import annotations

import pytest

from tiktokshop_sync import BusinessError, InMemoryTokenStore, ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.logistics import WarehouseStatus, WarehouseType


def test_warehouses_parse_with_their_japanese_address(shop: ShopClient) -> None:
    sales, returns = shop.logistics.warehouses()
    assert (sales.type, returns.type) == (
        WarehouseType.SALES_WAREHOUSE,
        WarehouseType.RETURN_WAREHOUSE,
    )
    assert sales.is_default and sales.effect_status is WarehouseStatus.ENABLED
    assert sales.address is not None and sales.address.state == "千葉県"


def test_delivery_options_of_the_sales_warehouse_include_send_by_seller(
    shop: ShopClient,
) -> None:
    sales = shop.logistics.warehouses()[0]
    assert [o.type for o in shop.logistics.delivery_options(sales.id)] == [
        "SEND_BY_SELLER",
        "EXPRESS",
    ]


def test_shipping_providers_are_the_jp_carriers(fake: FakeShop, shop: ShopClient) -> None:
    option = fake.delivery_options()[0]
    providers = shop.logistics.shipping_providers(option.id)
    assert [(p.id, p.name) for p in providers] == [
        (c.shipping_provider_id, c.name) for c in fake.shipping_providers()
    ]


def test_a_tiktok_fulfilled_option_raises_with_code_21008117(
    fake: FakeShop, shop: ShopClient
) -> None:
    with pytest.raises(BusinessError) as caught:
        shop.logistics.shipping_providers(fake.delivery_options()[1].id)
    assert caught.value.code == 21008117


async def test_async_logistics_lists_warehouses_and_providers(fake: FakeShop) -> None:
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        warehouses = await shop.logistics.warehouses()
        options = await shop.logistics.delivery_options(warehouses[0].id)
        providers = await shop.logistics.shipping_providers(options[0].id)
    assert len(warehouses) == 2
    assert providers[0].name == "Yamato Transport"
