"""Inventory push against FakeShop: buffer, cap, threshold, only changes, never status."""

from __future__ import annotations

import pytest

from tiktokshop_sync import ConfigurationError, ShopClient
from tiktokshop_sync.domain import (
    DuplicateStockLevelError,
    Tracked,
    UntrackedSentinel,
    decide_push_quantity,
)
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import InventoryPolicy, InventoryPush, StockLevel
from tiktokshop_sync.workflows.state import SQLiteStateStore


def _sku_quantity(fake: FakeShop, seller_sku: str) -> int:
    product = fake.product_by_sku(seller_sku)
    sku = next(s for s in product.skus if s.seller_sku == seller_sku)
    return sku.inventory[fake.warehouses()[0].id]


def _stock(oms: InMemoryOms, shop: ShopClient, available: int, sku: str = "TS-TEE-BLK-M") -> None:
    oms.set_stock(
        shop.shop_cipher, [StockLevel(seller_sku=sku, location="本店倉庫", available=available)]
    )


def _job(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms, **policy: object
) -> InventoryPush:
    warehouse = fake.warehouses()[0].id
    options = {"locations": {"本店倉庫": warehouse}, **policy}
    return InventoryPush(shop=shop, state=state, source=oms, policy=InventoryPolicy(**options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("available", "policy", "listed"),
    [
        (100, {}, 100),
        (100, {"buffer_percent": 80}, 80),
        (7, {"buffer_percent": 50}, 3),
        (500, {"max_quantity": 200}, 200),
        (3, {"out_of_stock_threshold": 3}, 0),
        (-5, {}, 0),
    ],
)
def test_listed_quantity_applies_buffer_cap_and_threshold(
    available: int, policy: dict[str, int], listed: int
) -> None:
    assert (
        InventoryPolicy(locations={"x": "1"}, **policy).listed_quantity(max(0, available)) == listed
    )


def test_stock_is_pushed_with_the_buffer_applied(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 50)
    result = _job(fake, shop, state, oms, buffer_percent=80).run()
    assert result.pushed == 1
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 40


def test_stock_from_several_locations_of_one_warehouse_is_summed(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    warehouse = fake.warehouses()[0].id
    oms.set_stock(
        shop.shop_cipher,
        [
            StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", available=10),
            StockLevel(seller_sku="TS-TEE-BLK-M", location="第二倉庫", available=5),
            StockLevel(seller_sku="TS-TEE-BLK-M", location="unmapped", available=1000),
        ],
    )
    policy = InventoryPolicy(locations={"本店倉庫": warehouse, "第二倉庫": warehouse})
    InventoryPush(shop=shop, state=state, source=oms, policy=policy).run()
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 15


def test_only_changed_quantities_are_sent(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 9)
    job = _job(fake, shop, state, oms)
    job.run()
    fake.clear_requests()
    again = job.run()
    assert again.pushed == 0 and again.unchanged == 1
    assert not [r for r in fake.requests if r.path.endswith("/inventory/update")]


def test_skus_not_on_tiktok_are_reported_not_sent(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_stock(
        shop.shop_cipher, [StockLevel(seller_sku="NOT-ON-TIKTOK", location="本店倉庫", available=3)]
    )
    plan = _job(fake, shop, state, oms).plan()
    assert plan.pushes == ()
    assert plan.unknown_skus == ("NOT-ON-TIKTOK",)


def test_one_sku_at_one_location_twice_stops_the_plan_before_anything_is_sent(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    level = StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", available=50)
    oms.set_stock(shop.shop_cipher, [level, level])  # an export pasted twice: not 100
    before = _sku_quantity(fake, "TS-TEE-BLK-M")
    with pytest.raises(DuplicateStockLevelError, match="'TS-TEE-BLK-M' at '本店倉庫'"):
        _job(fake, shop, state, oms).run()
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == before


def test_a_seller_sku_on_two_listings_is_sent_to_neither_and_counted_failed(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    original = fake.product_by_sku("TS-TEE-BLK-M")
    [copy] = fake.create_products(1)  # e.g. a re-listed copy of the same item
    copy.skus[0].seller_sku = "TS-TEE-BLK-M"
    warehouse = fake.warehouses()[0].id
    before = [
        s.inventory.get(warehouse)
        for p in (original, copy)
        for s in p.skus
        if s.seller_sku == "TS-TEE-BLK-M"
    ]
    _stock(oms, shop, 3)
    job = _job(fake, shop, state, oms)
    plan = job.plan()
    [shared] = plan.shared
    assert plan.pushes == () and {p for p, _ in shared.listings} == {original.id, copy.id}
    assert "its own seller SKU" in plan.describe()
    result = job.apply(plan)
    assert (result.pushed, result.failed, result.shared) == (0, 1, plan.shared)
    assert result.failures[0].startswith("TS-TEE-BLK-M: 2 TikTok SKUs carry this seller SKU")
    after = [
        s.inventory.get(warehouse)
        for p in (original, copy)
        for s in p.skus
        if s.seller_sku == "TS-TEE-BLK-M"
    ]
    assert after == before
    assert not [r for r in fake.requests if r.path.endswith("/inventory/update")]


def test_a_product_the_seller_paused_stays_paused_after_many_pushes(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    shop.products.deactivate([product.id])
    before = _sku_quantity(fake, "TS-TEE-BLK-M")
    job = _job(fake, shop, state, oms)
    for available in (10, 25, 3, 40, 0, 12):
        oms.set_stock(
            shop.shop_cipher,
            [StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", available=available)],
        )
        result = job.run()
        assert (result.pushed, result.failed) == (0, 0)
        [refused] = result.not_live
        assert (refused.seller_sku, refused.status) == ("TS-TEE-BLK-M", "SELLER_DEACTIVATED")
    assert fake.product(product.id).status == "SELLER_DEACTIVATED"
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == before
    assert not [r for r in fake.requests if r.path.endswith("/products/activate")]


def test_a_paused_listing_is_reported_per_sku_in_the_plan_and_not_sent(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    paused = fake.product_by_sku("BG-TOTE-NVY")  # seeded as paused by the seller
    oms.set_stock(
        shop.shop_cipher,
        [
            StockLevel(seller_sku="BG-TOTE-NVY", location="本店倉庫", available=8),
            StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", available=9),
        ],
    )
    job = _job(fake, shop, state, oms)
    plan = job.plan()
    assert [p.seller_sku for p in plan.pushes] == ["TS-TEE-BLK-M"]
    [refused] = plan.not_live
    assert (refused.seller_sku, refused.product_id) == ("BG-TOTE-NVY", paused.id)
    assert "not sent BG-TOTE-NVY: paused by the seller on TikTok (停止中)" in plan.describe()
    assert "never" in refused.reason
    job.apply(plan)
    sent = [r.path for r in fake.requests if r.path.endswith("/inventory/update")]
    assert sent == [
        f"/product/202309/products/{fake.product_by_sku('TS-TEE-BLK-M').id}/inventory/update"
    ]
    assert fake.product(paused.id).status == "SELLER_DEACTIVATED"


def test_a_listing_paused_between_plan_and_apply_is_reported_not_live_not_failed(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 9)
    job = _job(fake, shop, state, oms)
    plan = job.plan()
    fake.set_product_status(fake.product_by_sku("TS-TEE-BLK-M").id, "SELLER_DEACTIVATED")
    result = job.apply(plan)
    assert (result.pushed, result.failed) == (0, 0)
    assert "12052901" in result.not_live[0].reason
    assert job.plan().not_live[0].status == "SELLER_DEACTIVATED"


def test_stock_above_tiktoks_maximum_is_capped_with_a_plan_note(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 120_000)
    job = _job(fake, shop, state, oms)
    plan = job.plan()
    [push] = plan.pushes
    assert list(push.quantities.values()) == [99_999]
    assert "120,000 is above TikTok's maximum: 99,999 is sent" in plan.describe()
    assert job.apply(plan).pushed == 1
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 99_999


def test_zero_stock_is_sent_as_zero(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 0)
    assert _job(fake, shop, state, oms).run().pushed == 1
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 0


def test_a_lost_push_is_recorded_unknown_and_the_rest_goes_on(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_stock(
        shop.shop_cipher,
        [
            StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", available=21),
            StockLevel(seller_sku="FD-MATCHA-100", location="本店倉庫", available=5),
        ],
    )
    tee = fake.product_by_sku("TS-TEE-BLK-M")
    path = f"/product/202309/products/{tee.id}/inventory/update"
    fake.fail_next("timeout", times=3, path=path)  # every attempt: applied, reply lost
    result = _job(fake, shop, state, oms).run()
    assert (result.pushed, result.unknown_outcomes[0].split(":")[0]) == (1, "TS-TEE-BLK-M")
    assert "may have been set" in result.unknown_outcomes[0]
    sku_id = next(s.id for s in tee.skus if s.seller_sku == "TS-TEE-BLK-M")
    assert state.ledger_get(shop.shop_cipher, [f"stock:{sku_id}"])[f"stock:{sku_id}"].status == (
        "unknown"
    )


def test_a_lost_push_that_was_applied_is_read_back_and_not_sent_again(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 21)
    tee = fake.product_by_sku("TS-TEE-BLK-M")
    path = f"/product/202309/products/{tee.id}/inventory/update"
    job = _job(fake, shop, state, oms)
    fake.fail_next("timeout", times=3, path=path)
    job.run()
    fake.clear_requests()
    plan = job.plan()
    assert plan.pushes == () and [p.seller_sku for p in plan.confirmed] == ["TS-TEE-BLK-M"]
    assert "read back: applied" in plan.describe()
    assert job.apply(plan).confirmed == 1
    assert not [r for r in fake.requests if r.path == path]
    again = job.run()
    assert (again.pushed, again.unchanged, again.confirmed) == (0, 1, 0)


def test_a_push_answered_with_a_server_error_after_it_was_applied_is_unknown_then_read_back(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 21)
    tee = fake.product_by_sku("TS-TEE-BLK-M")
    path = f"/product/202309/products/{tee.id}/inventory/update"
    job = _job(fake, shop, state, oms)
    fake.fail_next("applied_server_error", times=3, path=path)  # every attempt
    first = job.run()
    assert (first.pushed, first.failed) == (0, 0)
    [lost] = first.unknown_outcomes
    assert "server error (36009003, HTTP 504)" in lost and "may have been set" in lost
    plan = job.plan()
    assert plan.pushes == () and [p.seller_sku for p in plan.confirmed] == ["TS-TEE-BLK-M"]


def test_a_lost_push_that_was_not_applied_is_sent_again_from_tiktoks_figures(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 21)
    tee = fake.product_by_sku("TS-TEE-BLK-M")
    before = _sku_quantity(fake, "TS-TEE-BLK-M")
    job = _job(fake, shop, state, oms)
    fake.fail_next(
        "lost_request", times=3, path=f"/product/202309/products/{tee.id}/inventory/update"
    )
    assert job.run().unknown_outcomes
    plan = job.plan()
    [push] = plan.pushes
    assert push.read_back and list(push.previous.values()) == [before]
    assert job.apply(plan).pushed == 1
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 21


def test_a_fractional_buffer_is_refused_before_it_can_set_tiktok_stock_to_zero(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    # Seen on a real try: buffer_percent=0.8 (meant 80 %) planned "- -> 0" for 50 units in the
    # OMS, and apply set the 48 units listed on TikTok to 0.
    shop.products.update_inventory(
        fake.product_by_sku("TS-TEE-BLK-M").id,
        [
            {
                "sku_id": next(
                    s.id
                    for s in fake.product_by_sku("TS-TEE-BLK-M").skus
                    if s.seller_sku == "TS-TEE-BLK-M"
                ),
                "inventory": [{"warehouse_id": fake.warehouses()[0].id, "quantity": 48}],
            }
        ],
    )
    oms.set_stock(
        shop.shop_cipher, [StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", available=50)]
    )
    with pytest.raises(ConfigurationError, match="for 80 % write 80"):
        _job(fake, shop, state, oms, buffer_percent=0.8).run()
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 48


def test_an_empty_location_mapping_is_refused_with_the_fix() -> None:
    with pytest.raises(ConfigurationError, match="拠点"):
        InventoryPolicy(locations={})


def test_a_failed_push_is_reported_and_sent_again_next_run(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 21)
    job = _job(fake, shop, state, oms)
    product = fake.product_by_sku("TS-TEE-BLK-M")
    # Rate limited on every attempt: refused, so not applied (a 5xx may have been: unknown).
    fake.fail_next(
        "rate_limit", times=5, path=f"/product/202309/products/{product.id}/inventory/update"
    )
    first = job.run()
    assert (first.pushed, first.failed) == (0, 1)
    assert "TS-TEE-BLK-M" in first.failures[0]
    second = job.run()
    assert second.pushed == 1
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 21


def test_untracked_stock_is_pushed_as_the_configured_quantity_without_the_buffer(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_stock(
        shop.shop_cipher,
        [StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", untracked=True)],
    )
    job = _job(fake, shop, state, oms, buffer_percent=80)
    plan = job.plan()
    (push,) = plan.pushes
    assert list(push.quantities.values()) == [99_999] and push.untracked
    assert "(untracked)" in plan.describe()
    job.apply(plan)
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 99_999


def test_the_untracked_quantity_is_configurable_within_tiktoks_range(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    oms.set_stock(
        shop.shop_cipher,
        [StockLevel(seller_sku="TS-TEE-BLK-M", location="本店倉庫", untracked=True)],
    )
    _job(fake, shop, state, oms, untracked_quantity=500).run()
    assert _sku_quantity(fake, "TS-TEE-BLK-M") == 500
    with pytest.raises(ConfigurationError, match="untracked_quantity"):
        InventoryPolicy(locations={"x": "1"}, untracked_quantity=0)


def test_a_sentinel_reads_the_oms_99999_as_untracked(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _stock(oms, shop, 99_999)
    plan = _job(
        fake, shop, state, oms, buffer_percent=50, untracked_sentinel=UntrackedSentinel()
    ).plan()
    (push,) = plan.pushes
    assert list(push.quantities.values()) == [99_999] and push.untracked  # not 49,999


def test_listed_quantity_is_the_domain_rules_quantity() -> None:
    policy = InventoryPolicy(locations={"x": "1"}, buffer_percent=80, max_quantity=50)
    for available in (0, 1, 7, 63, 10_000):
        assert policy.listed_quantity(available) == (
            decide_push_quantity(Tracked(quantity=available), policy.push_rule).quantity
        )
