"""The inventory push's pure planner: quantities from the domain rule, untracked stock included."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from tiktokshop_sync.domain import StockPushRule, UntrackedSentinel
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


def listed(seller_sku: str = "SKU-1", status: str = "ACTIVATE", **stock: int) -> ListedSku:
    return ListedSku(
        product_id="p1",
        sku_id=f"id-{seller_sku}",
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
        {s.seller_sku: s for s in skus or [listed()]},
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
