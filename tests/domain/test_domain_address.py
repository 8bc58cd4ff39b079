"""Address checks: masked data is Skipped, visibly wrong data Fails, and postal codes normalise."""

from __future__ import annotations

import pytest

from tiktokshop_sync.domain import (
    Address,
    AddressCheck,
    DomainConfigError,
    Failed,
    FieldState,
    InMemoryPostalLookup,
    Passed,
    PostalArea,
    PostalCode,
    PostalLookup,
    SkipCause,
    Skipped,
    check_address_in_japan,
    check_buyer_postal_code,
    check_recipient_postal_code,
    check_street_number,
    field_state,
    parse_postal_code,
    run_address_checks,
)

LOOKUP = InMemoryPostalLookup(
    entries={
        "100-0001": PostalArea(prefecture="東京都", city="千代田区", town="千代田"),
        "530-0001": PostalArea(prefecture="大阪府", city="大阪市北区", town="梅田"),
        "060-0042": PostalArea(prefecture="北海道", city="札幌市中央区", town="大通西"),
        "190-1211": PostalArea(prefecture="東京都", city="西多摩郡瑞穂町", town="石畑"),
        "985-0000": [
            PostalArea(prefecture="宮城県", city="塩竈市"),
            PostalArea(prefecture="宮城県", city="宮城郡七ヶ浜町"),
        ],
    }
)

TOKYO = Address(
    postal_code="100-0001",
    prefecture="東京都",
    city="千代田区",
    lines=("千代田1-1",),
    region_code="JP",
)
# What TikTok sends while an order is ON_HOLD or cancelled: every field an empty string.
BLANKED = Address(postal_code="", prefecture="", city="", lines=("",), region_code="")
STARRED = Address(
    postal_code="***-****", prefecture="東京都", city="***", lines=("●●●●",), region_code="JP"
)


@pytest.mark.parametrize(
    ("value", "state"),
    [
        ("東京都千代田区千代田1-1", FieldState.PRESENT),
        ("", FieldState.EMPTY),
        (None, FieldState.EMPTY),
        ("  \u3000", FieldState.EMPTY),
        ("***", FieldState.MASKED),
        ("1**-****", FieldState.MASKED),
        ("＊＊＊", FieldState.MASKED),
        ("●●●●", FieldState.MASKED),
        ("東京都千代田区***", FieldState.MASKED),
        ("(+81)90-****-1234", FieldState.MASKED),
    ],
)
def test_fields_are_classified_as_present_empty_or_masked(
    value: str | None, state: FieldState
) -> None:
    assert field_state(value) is state


@pytest.mark.parametrize(
    ("typed", "hyphenated"),
    [
        ("100-0001", "100-0001"),
        ("1000001", "100-0001"),
        ("〒100-0001", "100-0001"),
        ("〒100‐0001", "100-0001"),
        ("１００-０００１", "100-0001"),
        ("１００－０００１", "100-0001"),
        ("１００ー０００１", "100-0001"),
        ("〒 530 − 0001", "530-0001"),
        ("\u3000０６０００４２ ", "060-0042"),
    ],
)
def test_postal_codes_in_any_width_or_dash_parse_to_one_form(typed: str, hyphenated: str) -> None:
    code = parse_postal_code(typed)
    assert code is not None
    assert str(code) == hyphenated
    assert code.digits == hyphenated.replace("-", "")


@pytest.mark.parametrize(
    "typed", [None, "", "100-001", "10-00001", "100-00011", "ABC-DEFG", "95110"]
)
def test_things_that_are_not_japanese_postal_codes_do_not_parse(typed: str | None) -> None:
    assert parse_postal_code(typed) is None


def test_a_postal_code_value_refuses_anything_but_seven_ascii_digits() -> None:
    with pytest.raises(DomainConfigError, match=r"7 ASCII digits.*parse_postal_code"):
        PostalCode(digits="１０００００１")


def test_the_in_memory_lookup_is_a_postal_lookup() -> None:
    assert isinstance(LOOKUP, PostalLookup)


def test_the_in_memory_lookup_refuses_a_key_that_is_not_a_postal_code() -> None:
    with pytest.raises(DomainConfigError, match="'千代田' is not a postal code"):
        InMemoryPostalLookup(entries={"千代田": PostalArea(prefecture="東京都", city="千代田区")})


@pytest.mark.parametrize(
    "address",
    [
        TOKYO,
        Address(
            postal_code="〒１００－０００１", prefecture="東京都", city="千代田区", region_code="JP"
        ),
        Address(postal_code="1000001", prefecture="東京", city="千代田区"),
        Address(postal_code="530-0001", prefecture="大阪府", city="大阪市北区", region_code="jp"),
        Address(postal_code="060-0042", prefecture="北海道", city="札幌市"),
        Address(postal_code="190-1211", prefecture="東京都", city="瑞穂町"),
        Address(postal_code="985-0000", prefecture="宮城県", city="七ケ浜町"),
        Address(postal_code="100-0001", prefecture="", city="千代田区"),
        Address(postal_code="100-0001", prefecture="東京都", city="****"),
    ],
)
def test_a_postal_code_matching_its_prefecture_and_city_passes(address: Address) -> None:
    result = check_recipient_postal_code(address, lookup=LOOKUP)
    assert isinstance(result, Passed)
    assert result.check == AddressCheck.RECIPIENT_POSTAL_CODE


@pytest.mark.parametrize(
    ("address", "says"),
    [
        (
            Address(postal_code="530-0001", prefecture="東京都", city="千代田区"),
            "postal code is in another prefecture (都道府県) than the address",
        ),
        (
            Address(postal_code="100-0001", prefecture="東京都", city="新宿区"),
            "postal code is in another city (市区町村) than the address, in the same prefecture",
        ),
        (
            Address(postal_code="100-0001", prefecture="***", city="大阪市北区"),
            "postal code is in another city (市区町村) than the address:",
        ),
        (Address(postal_code="999-9999", prefecture="東京都", city="千代田区"), "does not exist"),
        (Address(postal_code="100-001", prefecture="東京都", city="千代田区"), "not a 7-digit"),
    ],
)
def test_a_visibly_wrong_postal_code_fails_with_next_engines_message(
    address: Address, says: str
) -> None:
    result = check_recipient_postal_code(address, lookup=LOOKUP)
    assert isinstance(result, Failed)
    assert result.message.startswith("送り先の郵便番号と住所があってません。")
    assert says in result.message


@pytest.mark.parametrize("postal_code", ["", "***-****", "1**-****", "＊＊＊", "●●●-●●●●"])
def test_masked_recipient_postal_code_is_skipped_not_failed(postal_code: str) -> None:
    address = Address(
        postal_code=postal_code, prefecture="東京都", city="千代田区", region_code="JP"
    )
    result = check_recipient_postal_code(address, lookup=LOOKUP)
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.MASKED
    assert "not a buyer mistake" in result.reason


def test_masked_prefecture_and_city_skip_the_postal_check() -> None:
    address = Address(postal_code="100-0001", prefecture="", city="***", region_code="JP")
    result = check_recipient_postal_code(address, lookup=LOOKUP)
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.MASKED


def test_the_postal_check_without_a_lookup_is_skipped_saying_how_to_enable_it() -> None:
    result = check_recipient_postal_code(TOKYO, lookup=None)
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.NOT_CONFIGURED
    assert "pip install tiktokshop-sync[jp]" in result.reason
    assert "PosutoLookup()" in result.reason


def test_the_postal_check_does_not_apply_to_a_foreign_address() -> None:
    address = Address(postal_code="95110", prefecture="CA", city="San Jose", region_code="US")
    result = check_recipient_postal_code(address, lookup=LOOKUP)
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.NOT_APPLICABLE


def test_the_buyer_postal_check_uses_the_buyer_message() -> None:
    buyer = Address(postal_code="530-0001", prefecture="東京都", city="千代田区")
    result = check_buyer_postal_code(buyer, lookup=LOOKUP)
    assert isinstance(result, Failed)
    assert result.check == AddressCheck.BUYER_POSTAL_CODE
    assert result.message.startswith("購入者の郵便番号と住所があってません。")


def test_no_buyer_block_skips_the_buyer_postal_check() -> None:
    result = check_buyer_postal_code(None, lookup=LOOKUP)
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.MASKED


@pytest.mark.parametrize(
    "lines",
    [
        ("千代田1-1",),
        ("千代田１－１",),
        ("丸の内一丁目9番1号",),
        ("大通西四丁目",),
        ("梅田3-1-3", "ルクア大阪 10F"),
        ("", "西浦3-4-2"),
        ("字上原 番地なし",),
        ("***", "石畑1234"),
    ],
)
def test_an_address_with_a_street_number_passes(lines: tuple[str, ...]) -> None:
    result = check_street_number(Address(lines=lines))
    assert isinstance(result, Passed)


@pytest.mark.parametrize("lines", [("千代田",), ("丸の内", "丸ビル"), ("大字中山",)])
def test_an_address_without_a_street_number_fails(lines: tuple[str, ...]) -> None:
    result = check_street_number(Address(lines=lines))
    assert isinstance(result, Failed)
    assert result.message.startswith("住所の番地を確認してください。")


@pytest.mark.parametrize(
    "lines", [(), ("",), ("***",), ("●●●●", ""), ("丸の内", "****"), ("", "ＯＯビル", "＊＊＊")]
)
def test_masked_address_lines_skip_the_street_number_check(lines: tuple[str, ...]) -> None:
    result = check_street_number(Address(lines=lines))
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.MASKED


@pytest.mark.parametrize(
    ("recipient", "buyer"),
    [
        (TOKYO, None),
        (TOKYO, TOKYO),
        (Address(region_code="jp"), None),
        (Address(region_code="", prefecture="大阪府"), None),
        (Address(region_code="", prefecture="京都"), None),
    ],
)
def test_addresses_in_japan_pass(recipient: Address, buyer: Address | None) -> None:
    assert isinstance(check_address_in_japan(recipient, buyer), Passed)


@pytest.mark.parametrize(
    ("recipient", "buyer", "who"),
    [
        (Address(region_code="US", prefecture="CA"), None, "recipient"),
        (TOKYO, Address(region_code="KR", city="Seoul"), "buyer"),
        (Address(region_code="TW"), BLANKED, "recipient"),
    ],
)
def test_an_address_outside_japan_fails_naming_whose_it_is(
    recipient: Address, buyer: Address | None, who: str
) -> None:
    result = check_address_in_japan(recipient, buyer)
    assert isinstance(result, Failed)
    assert result.message.startswith("購入者住所か送り先住所が日本国外の住所です。")
    assert f"The {who}" in result.message


@pytest.mark.parametrize(
    ("recipient", "buyer"),
    [
        (BLANKED, None),
        (Address(region_code="**", prefecture="***"), None),
        (TOKYO, BLANKED),
        (Address(region_code="", prefecture="Tokyo-to"), None),
    ],
)
def test_a_withheld_country_skips_the_outside_japan_check(
    recipient: Address, buyer: Address | None
) -> None:
    result = check_address_in_japan(recipient, buyer)
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.MASKED


def test_a_fully_visible_tokyo_order_passes_every_check_but_the_missing_buyer() -> None:
    report = run_address_checks(recipient=TOKYO, lookup=LOOKUP)
    assert [r.check for r in report.passed] == [
        AddressCheck.RECIPIENT_POSTAL_CODE,
        AddressCheck.STREET_NUMBER,
        AddressCheck.ADDRESS_IN_JAPAN,
    ]
    assert [r.check for r in report.skipped] == [AddressCheck.BUYER_POSTAL_CODE]
    assert report.failed == ()


@pytest.mark.parametrize("recipient", [BLANKED, STARRED])
def test_a_masked_order_fails_no_check(recipient: Address) -> None:
    report = run_address_checks(recipient=recipient, buyer=BLANKED, lookup=LOOKUP)
    assert report.failed == ()
    assert len(report.results) == 4


def test_the_report_runs_the_four_checks_in_the_manuals_order() -> None:
    report = run_address_checks(recipient=TOKYO, buyer=TOKYO, lookup=LOOKUP)
    assert [r.check for r in report.results] == list(AddressCheck)
    assert isinstance(report.result(AddressCheck.STREET_NUMBER), Passed)


def test_address_accepts_none_for_fields_tiktok_leaves_null() -> None:
    address = Address(postal_code=None, prefecture=None, city=None, lines=None, region_code=None)
    assert address == Address()


def test_a_single_address_line_given_as_text_stays_one_line() -> None:
    assert Address(lines="千代田1-1").lines == ("千代田1-1",)


@pytest.mark.parametrize(
    "recipient",
    [
        TOKYO,
        Address(postal_code="530-0001", prefecture="東京都", city="千代田区", lines=("丸の内",)),
        Address(postal_code="100-0001", prefecture="東京都", city="新宿区", lines=("西新宿",)),
        Address(postal_code="999-9999", prefecture="東京都", city="千代田区"),
        Address(postal_code="100-001", prefecture="ニューヨーク", lines=("ブロードウェイ",)),
    ],
)
def test_check_results_name_the_wrong_field_but_never_quote_the_address(
    recipient: Address,
) -> None:
    report = run_address_checks(recipient=recipient, buyer=recipient, lookup=LOOKUP)
    text = repr(report) + "".join(
        getattr(r, "message", "") + getattr(r, "detail", "") + getattr(r, "reason", "")
        for r in report.results
    )
    values = [recipient.postal_code, recipient.prefecture, recipient.city, *recipient.lines]
    areas = [a.prefecture + a.city for group in LOOKUP.entries.values() for a in group]
    assert [v for v in values + areas if v and v in text] == []


def test_an_address_repr_masks_every_part_but_the_region_code() -> None:
    shown = repr(TOKYO)
    assert "region_code='JP'" in shown
    assert shown.count("'***'") == 4
    for value in ("100-0001", "東京都", "千代田区", "千代田1-1"):
        assert value not in shown
    assert "'***'" not in repr(BLANKED)  # withheld parts stay visible as empty
    assert TOKYO.lines == ("千代田1-1",)  # the values themselves are untouched
