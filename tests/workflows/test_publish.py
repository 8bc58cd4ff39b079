"""Product publish against FakeShop: tags, drafts, link by SKU, first stock, no re-activation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import CatalogProduct, CatalogSku, ProductPublish
from tiktokshop_sync.workflows.state import SQLiteStateStore

from .crash import Crash, CrashingState

TAG = "TikTok Shop接続"


def _product(
    catalog_id: str, sku: str, *, tags: frozenset[str] = frozenset({TAG}), published: bool = True
) -> CatalogProduct:
    return CatalogProduct(
        catalog_id=catalog_id,
        title=f"有機ほうじ茶 ティーバッグ {catalog_id}",
        description="<p>静岡県産の有機ほうじ茶です。</p>",
        category_id="600014",
        image_uris=("tos-maliva-i-o3syd03w52-us/hojicha",),
        skus=(CatalogSku(seller_sku=sku, price=Decimal("1280"), quantity=30),),
        tags=tags,
        published=published,
        package_weight_grams=120,
    )


def test_only_tagged_published_products_are_created(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_catalog(
        shop.shop_cipher,
        [
            _product("tea-1", "TEA-HOJI-20"),
            _product("tea-2", "TEA-HOJI-40", published=False),
            _product("tea-3", "TEA-HOJI-60", tags=frozenset()),
        ],
    )
    result = ProductPublish(shop=shop, state=state, source=oms).run()
    assert (result.created, result.linked) == (1, 0)
    created = fake.product_by_sku("TEA-HOJI-20")
    assert created.skus[0].inventory[fake.warehouses()[0].id] == 30
    with pytest.raises(KeyError):
        fake.product_by_sku("TEA-HOJI-40")


def test_a_product_already_on_tiktok_is_linked_not_duplicated(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    existing = fake.product_by_sku("TS-TEE-BLK-M")
    catalog = _product("tee", "TS-TEE-BLK-M")
    oms.set_catalog(shop.shop_cipher, [catalog])
    before = len(fake.products_of())
    result = ProductPublish(shop=shop, state=state, source=oms).run()
    assert (result.created, result.linked) == (0, 1)
    assert len(fake.products_of()) == before
    assert state.product_links(shop.shop_cipher)["tee"]["product_id"] == existing.id


def test_stock_is_sent_only_with_the_first_publish(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    job = ProductPublish(shop=shop, state=state, source=oms)
    job.run()
    fake.approve_products()
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    fake.clear_requests()
    second = job.run()
    assert second.created == 0
    assert not [r for r in fake.requests if "inventory" in r.path or r.path.endswith("/products")]
    assert second.listings[0].status == "ACTIVATE"


def test_a_product_the_seller_deactivated_is_never_reactivated(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    job = ProductPublish(shop=shop, state=state, source=oms)
    job.run()
    fake.approve_products()
    product = fake.product_by_sku("TEA-HOJI-20")
    shop.products.deactivate([product.id])
    for _ in range(3):
        result = job.run()
    assert fake.product(product.id).status == "SELLER_DEACTIVATED"
    assert "left paused" in result.listings[0].note
    assert not [r for r in fake.requests if r.path.endswith("/products/activate")]


def test_review_status_is_reported_back(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    job = ProductPublish(shop=shop, state=state, source=oms)
    job.run()
    plan = job.plan()
    assert [(s.catalog_id, s.status) for s in plan.listings] == [("tea-1", "PENDING")]


def test_a_crash_after_create_is_resumed_without_a_duplicate_listing(
    fake: FakeShop, shop: ShopClient, oms: InMemoryOms, tmp_path: Path
) -> None:
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    state = CrashingState(tmp_path / "crash.db", method="put_product_link")
    job = ProductPublish(shop=shop, state=state, source=oms)  # type: ignore[arg-type]
    with pytest.raises(Crash):
        job.run()
    before = len(fake.products_of())
    result = job.run()
    assert result.created + result.linked == 1
    assert len(fake.products_of()) == before
    assert (
        sum(1 for p in fake.products_of() if any(s.seller_sku == "TEA-HOJI-20" for s in p.skus))
        == 1
    )


def test_a_create_that_lost_its_reply_is_unknown_then_read_back_and_linked(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    job = ProductPublish(shop=shop, state=state, source=oms)
    fake.fail_next("timeout", times=3, path="/product/202309/products")  # applied each time
    first = job.run()
    assert (first.created, first.unknown) == (0, 1)
    assert "may have been created" in first.unknown_outcomes[0]
    plan = job.plan()
    [action] = plan.actions
    assert (action.kind, action.read_back) == ("link", True)
    assert "read back: created: linked" in plan.describe()
    assert job.apply(plan).linked == 1
    assert len([p for p in fake.products_of() if p.skus[0].seller_sku == "TEA-HOJI-20"]) == 1


def test_a_create_answered_with_a_server_error_after_it_was_applied_is_unknown_then_linked(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    job = ProductPublish(shop=shop, state=state, source=oms)
    fake.fail_next("applied_server_error", times=3, path="/product/202309/products")
    first = job.run()
    assert (first.created, first.unknown, first.failed) == (0, 1, 0)
    assert "server error (36009003, HTTP 504)" in first.unknown_outcomes[0]
    assert job.run().linked == 1
    assert len([p for p in fake.products_of() if p.skus[0].seller_sku == "TEA-HOJI-20"]) == 1


def test_a_create_that_never_happened_is_created_on_the_next_run(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_catalog(shop.shop_cipher, [_product("tea-1", "TEA-HOJI-20")])
    job = ProductPublish(shop=shop, state=state, source=oms)
    fake.fail_next("lost_request", times=3, path="/product/202309/products")
    assert job.run().unknown == 1
    plan = job.plan()
    assert [(a.kind, a.read_back) for a in plan.actions] == [("create", True)]
    assert job.apply(plan).created == 1
    assert fake.product_by_sku("TEA-HOJI-20").skus[0].seller_sku == "TEA-HOJI-20"


def test_first_stock_above_tiktoks_maximum_is_capped_with_a_plan_line(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    product = _product("tea-1", "TEA-HOJI-20")
    big = CatalogSku(seller_sku="TEA-HOJI-20", price=Decimal("1280"), quantity=150_000)
    oms.set_catalog(shop.shop_cipher, [attrs.evolve(product, skus=(big,))])
    job = ProductPublish(shop=shop, state=state, source=oms)
    plan = job.plan()
    assert "first stock 150,000 is above TikTok's maximum: 99,999 is sent" in plan.describe()
    assert job.apply(plan).created == 1
    assert fake.product_by_sku("TEA-HOJI-20").skus[0].inventory[fake.warehouses()[0].id] == 99_999
