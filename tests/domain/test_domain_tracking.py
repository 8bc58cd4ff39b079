"""Tracking numbers: TikTok's 4-50 character rule, and the explicit width clean-up."""

from __future__ import annotations

import pytest

from tiktokshop_sync.domain import (
    TRACKING_NUMBER_CHECK,
    Failed,
    Passed,
    check_tracking_number,
    normalize_tracking_number,
)


@pytest.mark.parametrize(
    "number",
    [
        "1234",
        "4470-1234-5678",  # ヤマト運輸 (12 digits, hyphenated)
        "123456789012",  # 佐川急便
        "EJ123456789JP",  # 日本郵便 international-style
        "AB_12.34/56",
        "x" * 50,
    ],
)
def test_numbers_within_tiktoks_rule_pass(number: str) -> None:
    assert check_tracking_number(number) == Passed(
        check=TRACKING_NUMBER_CHECK, detail=f"{number!r} matches TikTok's rule"
    )


@pytest.mark.parametrize(
    ("number", "says"),
    [
        ("", "is empty"),
        ("123", "has 3 characters; TikTok needs 4-50"),
        ("1" * 51, "has 51 characters; TikTok needs 4-50"),
        ("4470 1234 5678", "refuses: ' '"),
        ("4470#1234", "refuses: '#'"),
        ("伝票1234", "refuses: '伝' '票'"),
        ("1234\n", r"refuses: '\n'"),
    ],
)
def test_numbers_outside_tiktoks_rule_fail_saying_why(number: str, says: str) -> None:
    result = check_tracking_number(number)
    assert isinstance(result, Failed)
    assert says in result.message


def test_a_full_width_number_fails_but_points_at_the_normalised_form() -> None:
    result = check_tracking_number("１２３４－５６７８")
    assert isinstance(result, Failed)
    assert "normalize_tracking_number() gives '1234-5678', which is valid" in result.message


def test_an_unfixable_number_gets_no_normalisation_hint() -> None:
    result = check_tracking_number("伝票番号なし")
    assert isinstance(result, Failed)
    assert "normalize_tracking_number" not in result.message


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("１２３４－５６７８", "1234-5678"),
        ("４４７０‐１２３４‐５６７８", "4470-1234-5678"),
        ("4470ー1234ー5678", "4470-1234-5678"),
        ("4470−1234", "4470-1234"),
        ("ＥＪ１２３４５６７８９ＪＰ", "EJ123456789JP"),
        ("\u3000123456789012 ", "123456789012"),
    ],
)
def test_normalisation_turns_full_width_input_into_ascii(typed: str, normal: str) -> None:
    assert normalize_tracking_number(typed) == normal


def test_normalisation_keeps_inner_spaces_so_the_check_still_reports_them() -> None:
    assert normalize_tracking_number("4470 1234") == "4470 1234"
