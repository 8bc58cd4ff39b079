"""The product publish's pure planner: create, link, or skip, and the linked listings' state."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from tiktokshop_sync.domain import (
    CategoryTarget,
    IssueCode,
    ListingIssue,
    ListingProduct,
    ListingReport,
    Ready,
    RefusedByTikTok,
    decide_listing,
)
from tiktokshop_sync.domain.errors import DomainConfigError
from tiktokshop_sync.domain.listing_check import ResolvedListing
from tiktokshop_sync.domain.planning import (
    BlockedProduct,
    CatalogProduct,
    CatalogSku,
    FetchedCatalog,
    KnownListings,
    ListedProduct,
    PublishEdit,
    SalesWarehouse,
    SentContent,
    default_warehouse,
    gate_creates,
    image_refs,
    listing_product,
    plan_edits,
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


# --- the listing gate ------------------------------------------------------------------------


def _report(catalog_id: str, *, blocking: bool) -> ListingReport:
    target = CategoryTarget(category_id="600001")
    if blocking:
        issue = ListingIssue.of(IssueCode.TITLE_MISSING, "title")
        return ListingReport(catalog_id=catalog_id, target=target, issues=(issue,))
    listing = ResolvedListing(
        product=ListingProduct(catalog_id=catalog_id, title="枕"), target=target
    )
    return ListingReport(catalog_id=catalog_id, target=target, listing=listing)


def test_the_gate_keeps_ready_creates_with_what_to_send_and_holds_back_the_others() -> None:
    fetched = FetchedCatalog(
        catalog=(product("c1", "S1"), product("c2", "S2"), product("c3", "S3"))
    )
    decisions = plan_publish(fetched, KnownListings(), Rules())
    ready = decide_listing(_report("c1", blocking=False))
    assert isinstance(ready, Ready)
    refused = RefusedByTikTok(report=_report("c3", blocking=False))
    gated = gate_creates(
        decisions,
        {"c1": ready, "c2": decide_listing(_report("c2", blocking=True)), "c3": refused},
    )
    assert [(a.catalog_id, a.listing is not None) for a in gated.actions] == [("c1", True)]
    assert [(b.catalog_id, type(b.decision).__name__) for b in gated.blocked] == [
        ("c2", "NeedsData"),
        ("c3", "RefusedByTikTok"),
    ]


def test_a_create_the_rules_never_checked_is_not_sent() -> None:
    decisions = plan_publish(FetchedCatalog(catalog=(product(),)), KnownListings(), Rules())
    gated = gate_creates(decisions, {})
    assert (gated.actions, gated.skipped) == ((), (("c1", "listing rules not checked: not sent"),))


def test_the_listing_product_uses_uploaded_uris_and_the_first_stock_as_sent() -> None:
    main, chart = "https://img.example.jp/a.png", "https://img.example.jp/chart.png"
    catalog = attrs.evolve(
        product("c1"),
        image_uris=(main,),
        size_chart_image=chart,
        skus=(CatalogSku(seller_sku="S1", price=Decimal(1), quantity=150_000),),
    )
    assert image_refs(catalog) == (main, chart)
    listing = listing_product(catalog, {main: "tos-1"})
    assert (listing.images, listing.size_chart_image) == (("tos-1",), chart)
    assert listing.skus[0].quantity == 99_999


def test_a_skus_jan_is_its_listing_identifier_code_without_surrounding_spaces() -> None:
    catalog = attrs.evolve(
        product("c1"),
        skus=(
            CatalogSku(seller_sku="S1", price=Decimal(1), jan=" 0490123456789\u3000"),
            CatalogSku(seller_sku="S2", price=Decimal(1)),
        ),
    )
    listing = listing_product(catalog, {})
    assert [s.identifier_code for s in listing.skus] == ["0490123456789", ""]


def test_a_jan_that_is_not_text_is_refused_since_a_number_loses_its_leading_zeros() -> None:
    with pytest.raises(DomainConfigError, match=r"CatalogSku\.jan must be a str, got int"):
        CatalogSku(seller_sku="S1", price=Decimal(1), jan=490123456789)  # type: ignore[arg-type]


# --- edits after publish ------------------------------------------------------------------------


def _edits(
    current: CatalogProduct, before: CatalogProduct, status: str = "ACTIVATE"
) -> tuple[tuple[PublishEdit, ...], tuple[BlockedProduct, ...]]:
    return plan_edits(
        [current],
        links={current.catalog_id: "p1"},
        listed={"p1": ListedProduct(product_id="p1", status=status)},
        sent={current.catalog_id: SentContent.of(before)},
        rules=Rules(),
    )


def test_only_what_changed_since_it_was_sent_is_edited() -> None:
    before = product("c1")
    (edit,), held = _edits(attrs.evolve(before, title="枕 そば殻"), before)
    assert (edit.title, edit.description, edit.prices, held) == ("枕 そば殻", None, (), ())
    assert edit.content.title == "枕 そば殻"


def test_an_unchanged_product_is_not_edited() -> None:
    assert _edits(product("c1"), product("c1")) == ((), ())


def test_a_price_waits_until_the_product_is_live_and_a_frozen_one_is_never_edited() -> None:
    before = product("c1")
    cheaper = attrs.evolve(before, skus=(CatalogSku(seller_sku="S1", price=Decimal(800)),))
    assert _edits(cheaper, before, status="SELLER_DEACTIVATED") == ((), ())
    assert _edits(attrs.evolve(cheaper, title="新"), before, status="FREEZE") == ((), ())
    (edit,), _ = _edits(cheaper, before)
    assert edit.prices == (("S1", Decimal(800)),)


def test_an_edit_breaking_the_title_rule_is_held_back_with_the_issue() -> None:
    before = product("c1")
    edits, (held,) = _edits(attrs.evolve(before, title=""), before)
    assert edits == ()
    assert [i.field for i in held.decision.report.issues] == ["title"]


def test_changed_main_images_are_edited_with_the_hosts_references() -> None:
    before = attrs.evolve(product("c1"), image_uris=("https://img.example.jp/a.png",))
    now = ("https://img.example.jp/b.png", "https://img.example.jp/a.png")
    (edit,), held = _edits(attrs.evolve(before, image_uris=now), before)
    assert (edit.images, edit.title, edit.describe(), held) == (now, None, "images", ())
    assert edit.content.images == now


def test_images_are_not_edited_when_the_link_never_recorded_them() -> None:
    before = attrs.evolve(product("c1"), image_uris=("https://img.example.jp/a.png",))
    changed = attrs.evolve(before, image_uris=("https://img.example.jp/b.png",))
    unrecorded = attrs.evolve(SentContent.of(before), images=None)
    edits = plan_edits(
        [changed],
        links={"c1": "p1"},
        listed={"p1": ListedProduct(product_id="p1", status="ACTIVATE")},
        sent={"c1": unrecorded},
        rules=Rules(),
    )
    assert edits == ((), ())


def test_an_image_edit_breaking_the_image_rule_is_held_back() -> None:
    before = attrs.evolve(product("c1"), image_uris=("https://img.example.jp/a.png",))
    many = tuple(f"https://img.example.jp/{n}.png" for n in range(10))
    edits, (held,) = _edits(attrs.evolve(before, image_uris=many), before)
    assert edits == ()
    assert [i.field for i in held.decision.report.issues] == ["main_images"]


def test_a_changed_jan_of_a_linked_product_is_not_edited() -> None:
    before = product("c1")
    relabelled = attrs.evolve(
        before, skus=(CatalogSku(seller_sku="S1", price=Decimal(1000), jan="4901234567894"),)
    )
    assert _edits(relabelled, before) == ((), ())
