"""The inventory push's pure planner: quantities from the domain rule, untracked stock included.

Ambiguous stock is refused: a (SKU, location) twice raises, a seller SKU on two TikTok SKUs is
reported, never pushed.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping, Sequence

import attrs
import pytest

from tiktokshop_sync.domain import DuplicateStockLevelError, StockPushRule, UntrackedSentinel
from tiktokshop_sync.domain.planning import (
    InventoryDecisions,
    KnownStock,
    ListedSku,
    StockLevel,
    plan_inventory,
)

WH = "7068517275539719942"
OTHER_WH = "7068517275539719943"


@attrs.frozen(kw_only=True)
class Rules:
    locations: Mapping[str, str] = attrs.field(factory=lambda: {"main": WH})
    push_rule: StockPushRule = attrs.field(factory=StockPushRule)
    untracked_sentinel: UntrackedSentinel | None = None


def listed(
    seller_sku: str = "SKU-1", status: str = "ACTIVATE", *, product_id: str = "p1", **stock: int
) -> ListedSku:
    return ListedSku(
        product_id=product_id,
        sku_id=f"id-{seller_sku}-{product_id}" if product_id != "p1" else f"id-{seller_sku}",
        seller_sku=seller_sku,
        stock=stock or {WH: 0},
        status=status,
    )


def push(
    levels: Sequence[StockLevel],
    skus: Sequence[ListedSku] = (),
    known: KnownStock | None = None,
    rules: Rules | None = None,
) -> InventoryDecisions:
    return plan_inventory(
        levels,
        skus or [listed()],
        known or KnownStock(),
        rules or Rules(),
    )


def level(
    available: int = 10, *, sku: str = "SKU-1", location: str = "main", **kw: bool
) -> StockLevel:
    return StockLevel(seller_sku=sku, location=location, available=available, **kw)


def test_tracked_stock_is_buffered() -> None:
    (sent,) = push([level(10)], rules=Rules(push_rule=StockPushRule(buffer_percent=80))).pushes
    assert sent.quantities == {WH: 8} and sent.untracked == ()


def test_untracked_stock_is_sent_as_the_configured_quantity_without_the_buffer() -> None:
    rules = Rules(push_rule=StockPushRule(buffer_percent=50, untracked_quantity=500))
    (sent,) = push([level(untracked=True)], rules=rules).pushes
    assert sent.quantities == {WH: 500} and sent.untracked == (WH,)
    assert any("untracked" in note for note in sent.notes)


def test_the_sentinel_reads_a_large_number_as_untracked() -> None:
    rules = Rules(
        push_rule=StockPushRule(buffer_percent=80), untracked_sentinel=UntrackedSentinel()
    )
    (sent,) = push([level(99_999)], rules=rules).pushes
    assert sent.quantities == {WH: 99_999} and sent.untracked == (WH,)


def test_without_a_sentinel_a_large_number_is_a_count_capped_with_a_note() -> None:
    (sent,) = push([level(120_000)]).pushes
    assert sent.quantities == {WH: 99_999} and sent.untracked == ()
    assert "120,000 is above TikTok's maximum: 99,999 is sent" in sent.notes[0]


def test_locations_of_one_warehouse_are_added_and_untracked_wins() -> None:
    rules = Rules(locations={"main": WH, "second": WH})
    (counted,) = push([level(3), level(4, location="second")], rules=rules).pushes
    assert counted.quantities == {WH: 7}
    (untracked,) = push([level(3), level(location="second", untracked=True)], rules=rules).pushes
    assert untracked.untracked == (WH,)


def test_an_unchanged_quantity_is_not_sent_again() -> None:
    known = KnownStock(pushed={("id-SKU-1", WH): 10})
    decisions = push([level(10)], known=known)
    assert decisions.pushes == () and decisions.unchanged == 1


def test_a_lost_push_tiktok_shows_as_applied_is_confirmed_not_sent() -> None:
    known = KnownStock(lost=frozenset({"id-SKU-1"}))
    decisions = push([level(10)], [listed(**{WH: 10})], known)
    assert decisions.pushes == () and [c.seller_sku for c in decisions.confirmed] == ["SKU-1"]


def test_a_lost_push_tiktok_does_not_show_is_sent_again_from_what_tiktok_shows() -> None:
    known = KnownStock(lost=frozenset({"id-SKU-1"}), pushed={("id-SKU-1", WH): 10})
    (sent,) = push([level(10)], [listed(**{WH: 4})], known).pushes
    assert sent.read_back and sent.previous == {WH: 4}


def test_a_listing_that_is_not_live_gets_no_stock_and_says_why() -> None:
    decisions = push([level(5)], [listed(status="SELLER_DEACTIVATED")])
    assert decisions.pushes == ()
    assert "paused by the seller" in decisions.not_live[0].reason


def test_every_warehouse_of_the_sku_is_listed_keeping_the_others() -> None:
    (sent,) = push([level(5)], [listed(**{WH: 1, OTHER_WH: 9})]).pushes
    assert sent.quantities == {WH: 5, OTHER_WH: 9}


def test_skus_not_on_tiktok_or_on_no_mapped_warehouse_are_skipped_with_a_reason() -> None:
    decisions = push(
        [level(sku="GONE"), level(sku="ELSEWHERE")],
        [listed("ELSEWHERE", **{OTHER_WH: 1})],
    )
    reasons = dict(decisions.skipped)
    assert reasons["GONE"] == "no TikTok listing has this seller SKU"
    assert "not stocked in a warehouse" in reasons["ELSEWHERE"]


def test_a_level_of_an_unmapped_location_is_ignored() -> None:
    decisions = push([level(5, location="unmapped")])
    assert decisions == InventoryDecisions()


def test_the_same_sku_at_the_same_location_twice_is_refused_naming_both() -> None:
    with pytest.raises(DuplicateStockLevelError) as raised:
        push([level(50), level(30)])
    assert raised.value.duplicates == {("SKU-1", "main"): ("50", "30")}
    assert "'SKU-1' at 'main' (50, 30)" in str(raised.value)


def test_two_identical_rows_are_refused_too_not_taken_as_one() -> None:
    with pytest.raises(DuplicateStockLevelError, match=r"'SKU-1' at 'main' \(50, 50\)"):
        push([level(50), level(50)])


def test_a_row_given_twice_at_an_unmapped_location_is_ignored_like_the_location() -> None:
    (sent,) = push([level(5), level(1, location="unmapped"), level(1, location="unmapped")]).pushes
    assert sent.quantities == {WH: 5}


def test_the_duplicate_stock_error_keeps_its_pairs_through_pickling() -> None:
    error = DuplicateStockLevelError({("SKU-1", "main"): ("50", "untracked")})
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.duplicates, str(copy)) == (error.duplicates, str(error))


def test_a_seller_sku_two_tiktok_skus_carry_is_pushed_to_neither_and_names_both() -> None:
    decisions = push([level(3)], [listed(), listed(product_id="p2")])
    assert decisions.pushes == () and decisions.unchanged == 0
    (shared,) = decisions.shared
    assert shared.listings == (("p1", "id-SKU-1"), ("p2", "id-SKU-1-p2"))
    assert "product p1 SKU id-SKU-1 (ACTIVATE), product p2 SKU id-SKU-1-p2" in shared.reason
    assert "Give each listing its own seller SKU" in shared.reason


def test_a_seller_sku_shared_with_a_paused_listing_is_still_refused() -> None:
    # Re-activated later, the paused copy would sell stock the OMS counted once.
    decisions = push([level(3)], [listed(), listed(status="SELLER_DEACTIVATED", product_id="p2")])
    assert decisions.pushes == () and len(decisions.shared) == 1


def test_a_deleted_copy_does_not_share_the_seller_sku() -> None:
    decisions = push([level(3)], [listed(), listed(status="DELETED", product_id="p2")])
    (sent,) = decisions.pushes
    assert (sent.product_id, decisions.shared) == ("p1", ())


def test_the_same_tiktok_sku_listed_twice_is_one_listing() -> None:
    (sent,) = push([level(3)], [listed(), listed()]).pushes
    assert sent.sku_id == "id-SKU-1"


def test_listings_keyed_by_seller_sku_are_refused_as_they_can_hide_a_shared_one() -> None:
    with pytest.raises(TypeError, match="listed holds ListedSku values"):
        plan_inventory([level(3)], {"SKU-1": listed()}, KnownStock(), Rules())  # type: ignore[arg-type]
