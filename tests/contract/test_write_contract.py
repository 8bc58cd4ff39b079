"""The write endpoints against TikTok's reference: the codes, caps and fields the SDK relies on."""

from __future__ import annotations

import pytest

from spec_oracle import find, require_spec
from tiktokshop_sync.resources import products
from tiktokshop_sync.testing import _errors


@pytest.fixture(autouse=True)
def _spec() -> None:
    require_spec()


def test_the_codes_fakeshop_uses_for_write_refusals_are_the_documented_ones() -> None:
    inventory = find("POST", "/product/202309/products/{product_id}/inventory/update")
    price = find("POST", "/product/202309/products/{product_id}/prices/update")
    search = find("POST", "/product/202309/inventory/search")
    assert _errors.PRODUCT_STATUS_BLOCKS.code in inventory.errors
    assert _errors.PRODUCT_STATUS_BLOCKS.code in price.errors
    assert _errors.LIST_PRICE_UNSUPPORTED.code in price.errors
    assert _errors.QUANTITY_OUT_OF_RANGE.code in inventory.errors
    assert _errors.PRODUCT_IDS_LIMIT.code in search.errors
    assert _errors.INVENTORY_SKUS_LIMIT.code in search.errors


def test_the_documented_inventory_search_caps_are_the_clients() -> None:
    search = find("POST", "/product/202309/inventory/search")
    body = {p.name: p.desc for p in search.body}
    assert f"Max IDs: {products.MAX_INVENTORY_PRODUCT_IDS}" in body["product_ids"]
    assert f"Max IDs: {products.MAX_INVENTORY_SKU_IDS}" in body["sku_ids"]


def test_update_price_documents_the_sale_price_the_client_sends() -> None:
    price = find("POST", "/product/202309/products/{product_id}/prices/update")
    sku = next(p for p in price.body if p.name == "skus")
    assert {c.name for c in sku.child("price").children} == {"amount", "currency", "sale_price"}
    assert {c.name for c in sku.children} >= {"id", "price", "list_price", "external_list_prices"}
