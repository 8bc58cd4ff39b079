"""Untracked stock (在庫管理をしない): a configured quantity in TikTok's range, never buffered."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spec_oracle import find
from tiktokshop_sync.domain import (
    TIKTOK_MAX_QUANTITY,
    TIKTOK_MIN_QUANTITY,
    DomainConfigError,
    PushQuantity,
    StockPushRule,
    Tracked,
    Untracked,
    UntrackedSentinel,
    decide_push_quantity,
    total_stock,
)


def test_tiktoks_documented_inventory_range_is_the_one_used() -> None:
    endpoint = find("POST", "/product/202309/products/{product_id}/inventory/update")
    quantity = endpoint.body[0].child("inventory").child("quantity")
    match = re.search(r"Valid range: \[(\d+), ([\d,]+)\]", quantity.desc)
    assert match is not None
    assert int(match.group(1)) == TIKTOK_MIN_QUANTITY
    assert int(match.group(2).replace(",", "")) == TIKTOK_MAX_QUANTITY


def test_an_untracked_item_is_sent_as_the_ranges_maximum_by_default() -> None:
    decision = decide_push_quantity(Untracked())
    assert decision.quantity == 99_999
    assert decision.untracked
    assert "untracked" in decision.reason and "在庫管理をしない" in decision.reason


def test_an_untracked_item_never_gets_the_buffer_cap_or_threshold() -> None:
    rule = StockPushRule(buffer_percent=50, max_quantity=10, out_of_stock_threshold=20_000)
    decision = decide_push_quantity(Untracked(), rule)
    assert decision.quantity == 99_999
    assert "do not apply" in decision.reason


def test_the_untracked_quantity_is_configurable() -> None:
    decision = decide_push_quantity(Untracked(), StockPushRule(untracked_quantity=999))
    assert decision == PushQuantity(quantity=999, untracked=True, reason=decision.reason)


@pytest.mark.parametrize("value", [0, -1, 100_000, 999_999])
def test_an_untracked_quantity_outside_tiktoks_range_is_refused(value: int) -> None:
    with pytest.raises(DomainConfigError, match=r"\[1, 99,999\]"):
        StockPushRule(untracked_quantity=value)


@pytest.mark.parametrize(
    ("available", "percent", "expected"),
    [(10, 80, 8), (7, 80, 5), (7, 70, 4), (3, 50, 1), (10, 100, 10), (10, 0, 0)],
)
def test_tracked_stock_lists_the_buffer_percentage_rounded_down(
    available: int, percent: int, expected: int
) -> None:
    decision = decide_push_quantity(
        Tracked(quantity=available), StockPushRule(buffer_percent=percent)
    )
    assert decision.quantity == expected
    assert not decision.untracked


def test_tracked_stock_at_or_below_the_threshold_is_listed_as_zero() -> None:
    rule = StockPushRule(out_of_stock_threshold=3)
    assert decide_push_quantity(Tracked(quantity=3), rule).quantity == 0
    assert decide_push_quantity(Tracked(quantity=4), rule).quantity == 4


def test_oversold_stock_is_listed_as_zero() -> None:
    assert decide_push_quantity(Tracked(quantity=-5)).quantity == 0


def test_tracked_stock_is_capped_by_the_rule_and_by_tiktok() -> None:
    capped = decide_push_quantity(Tracked(quantity=500), StockPushRule(max_quantity=100))
    assert capped.quantity == 100 and "capped at 100" in capped.reason
    huge = decide_push_quantity(Tracked(quantity=250_000))
    assert huge.quantity == 99_999 and "TikTok's maximum" in huge.reason


@given(
    st.integers(-1000, 300_000),
    st.integers(0, 100),
    st.none() | st.integers(0, 99_999),
    st.integers(0, 1000),
)
def test_tracked_stock_follows_the_rule_for_any_figures(
    available: int, percent: int, cap: int | None, threshold: int
) -> None:
    rule = StockPushRule(buffer_percent=percent, max_quantity=cap, out_of_stock_threshold=threshold)
    quantity = decide_push_quantity(Tracked(quantity=available), rule).quantity
    if available <= threshold:
        assert quantity == 0
        return
    expected = (available * percent) // 100
    if cap is not None:
        expected = min(expected, cap)
    assert quantity == min(expected, 99_999)
    assert 0 <= quantity <= 99_999


@given(st.floats(0, 100), st.integers(1, 100_000))
def test_a_fractional_buffer_never_lists_more_than_the_share(
    percent: float, available: int
) -> None:
    quantity = decide_push_quantity(
        Tracked(quantity=available), StockPushRule(buffer_percent=percent)
    ).quantity
    assert 0 <= quantity <= available * percent / 100


@pytest.mark.parametrize(
    ("value", "untracked"),
    [(99_999, True), (999_999, True), (99_998, False), (0, False), (-3, False)],
)
def test_the_default_sentinel_reads_99999_and_above_as_untracked(
    value: int, untracked: bool
) -> None:
    assert isinstance(UntrackedSentinel().read(value), Untracked) is untracked


def test_the_sentinel_says_what_it_read() -> None:
    found = UntrackedSentinel().read(99_999)
    assert isinstance(found, Untracked)
    assert "99,999" in found.reason


def test_a_read_count_keeps_its_value() -> None:
    assert UntrackedSentinel().read(42) == Tracked(quantity=42)


def test_the_sentinel_is_configurable_or_off() -> None:
    assert isinstance(UntrackedSentinel(at_least=9_999).read(9_999), Untracked)
    assert UntrackedSentinel(at_least=None).read(999_999) == Tracked(quantity=999_999)


@pytest.mark.parametrize("value", [0, -1, True, 1.5])
def test_a_bad_sentinel_is_refused(value: object) -> None:
    with pytest.raises(DomainConfigError, match="UntrackedSentinel.at_least"):
        UntrackedSentinel(at_least=value)  # type: ignore[arg-type]


def test_the_sentinel_reads_only_whole_numbers() -> None:
    with pytest.raises(TypeError, match="int"):
        UntrackedSentinel().read("99999")  # type: ignore[arg-type]


def test_an_untracked_location_makes_the_warehouse_untracked() -> None:
    assert isinstance(
        total_stock([Tracked(quantity=5), Untracked(), Tracked(quantity=2)]), Untracked
    )


def test_tracked_locations_add_up_and_oversold_ones_count_as_zero() -> None:
    assert total_stock([Tracked(quantity=5), Tracked(quantity=-2), Tracked(quantity=3)]) == Tracked(
        quantity=8
    )
    assert total_stock([]) == Tracked(quantity=0)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"buffer_percent": 101}, "buffer_percent must be from 0 to 100"),
        ({"buffer_percent": float("nan")}, "buffer_percent must be from 0 to 100"),
        ({"buffer_percent": True}, "buffer_percent must be from 0 to 100"),
        ({"max_quantity": 100_000}, "max_quantity must be from 0 to 99,999"),
        ({"out_of_stock_threshold": -1}, "out_of_stock_threshold must be from 0 to 99,999"),
        ({"out_of_stock_threshold": None}, "out_of_stock_threshold must be a whole number"),
    ],
)
def test_a_bad_rule_setting_is_refused_with_the_fix(
    settings: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainConfigError, match=message):
        StockPushRule(**settings)  # type: ignore[arg-type]


def test_a_tracked_count_must_be_whole() -> None:
    with pytest.raises(DomainConfigError, match="Tracked.quantity"):
        Tracked(quantity=1.5)  # type: ignore[arg-type]
