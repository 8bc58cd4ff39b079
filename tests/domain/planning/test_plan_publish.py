"""The product publish's pure planner: create, link, or skip, and the linked listings' state."""

from __future__ import annotations

from decimal import Decimal

import attrs

from tiktokshop_sync.domain.planning import (
    CatalogProduct,
    CatalogSku,
    FetchedCatalog,
    KnownListings,
    ListedProduct,
    SalesWarehouse,
    default_warehouse,
    plan_publish,
)

TAG = "TikTok Shop接続"


@attrs.frozen(kw_only=True)
class Rules:
    tag: str | None = TAG


def product(catalog_id: str = "c1", *skus: str, **kw: object) -> CatalogProduct:
    return CatalogProduct(
        catalog_id=catalog_id,
        title="枕",
        description="",
        category_id="600001",
        image_uris=(),
        skus=tuple(CatalogSku(seller_sku=s, price=Decimal(1000)) for s in skus or ("S1",)),
        tags=frozenset({TAG}),
        **kw,  # type: ignore[arg-type]
    )


def test_a_tagged_product_not_on_tiktok_is_created() -> None:
    (action,) = plan_publish(FetchedCatalog(catalog=(product(),)), KnownListings(), Rules()).actions
    assert (action.kind, action.read_back) == ("create", False)


def test_a_product_whose_skus_are_one_tiktok_product_is_linked_not_created() -> None:
    fetched = FetchedCatalog(
        catalog=(product("c1", "S1", "S2"),), existing={"S1": ("p", "k1"), "S2": ("p", "k2")}
    )
    (action,) = plan_publish(fetched, KnownListings(), Rules()).actions
    assert (action.kind, action.product_id, action.sku_ids) == (
        "link",
        "p",
        (("S1", "k1"), ("S2", "k2")),
    )


def test_skus_split_across_tiktok_products_are_left_for_a_person() -> None:
    fetched = FetchedCatalog(catalog=(product("c1", "S1", "S2"),), existing={"S1": ("p", "k1")})
    decisions = plan_publish(fetched, KnownListings(), Rules())
    assert decisions.actions == () and "link by hand" in decisions.skipped[0][1]


def test_drafts_untagged_products_and_products_without_skus_are_skipped_with_why() -> None:
    catalog = (
        product("draft", published=False),
        attrs.evolve(product("untagged"), tags=frozenset()),
        attrs.evolve(product("empty"), skus=()),
    )
    decisions = plan_publish(FetchedCatalog(catalog=catalog), KnownListings(), Rules())
    assert dict(decisions.skipped) == {
        "draft": "draft (下書き): drafts are never published",
        "untagged": f"no tag 「{TAG}」",
        "empty": "no SKUs",
    }


def test_a_linked_product_reports_its_state_and_a_paused_one_stays_paused() -> None:
    fetched = FetchedCatalog(
        catalog=(product(),),
        listed={"p": ListedProduct(product_id="p", status="SELLER_DEACTIVATED")},
    )
    decisions = plan_publish(fetched, KnownListings(links={"c1": "p"}), Rules())
    (listing,) = decisions.listings
    assert decisions.actions == () and "left paused" in listing.note


def test_a_lost_create_is_linked_when_tiktok_has_it_and_created_again_when_not() -> None:
    known = KnownListings(lost=frozenset({"c1"}))
    found = FetchedCatalog(catalog=(product(),), existing={"S1": ("p", "k1")})
    assert plan_publish(found, known, Rules()).actions[0].kind == "link"
    again = plan_publish(FetchedCatalog(catalog=(product(),)), known, Rules()).actions[0]
    assert (again.kind, again.read_back) == ("create", True)


def test_the_default_sales_warehouse_takes_the_first_stock() -> None:
    warehouses = [
        SalesWarehouse(id="a", enabled=False),
        SalesWarehouse(id="b"),
        SalesWarehouse(id="c", is_default=True),
    ]
    assert default_warehouse(warehouses) == "c"
    assert default_warehouse(warehouses[:2]) == "b"
    assert default_warehouse([]) == ""
