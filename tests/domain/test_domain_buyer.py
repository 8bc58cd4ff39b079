"""The buyer block (注文者): copy, fixed or empty, saying which; copies are not checked twice."""

from __future__ import annotations

import pytest

from tiktokshop_sync.domain import (
    Address,
    AddressCheck,
    BuyerBlock,
    BuyerPolicy,
    BuyerSource,
    Contact,
    DomainConfigError,
    Failed,
    FieldState,
    InMemoryPostalLookup,
    Passed,
    PostalArea,
    SkipCause,
    Skipped,
    check_address_in_japan,
    check_buyer_postal_code,
    fill_buyer_block,
    run_address_checks,
)

LOOKUP = InMemoryPostalLookup(
    entries={
        "100-0001": PostalArea(prefecture="東京都", city="千代田区"),
        "530-0001": PostalArea(prefecture="大阪府", city="大阪市北区"),
    }
)
RECIPIENT = Contact(
    name="山田 太郎",
    name_kana="ヤマダ タロウ",
    phone="090-1234-5678",
    address=Address(
        postal_code="100-0001",
        prefecture="東京都",
        city="千代田区",
        lines=["千代田1-1"],
        region_code="JP",
    ),
)
MASKED_RECIPIENT = Contact(
    name="山***",
    name_kana="",
    phone="(+81)90-****-5678",
    address=Address(
        postal_code="1**-****",
        prefecture="東京都",
        city="千代田区",
        lines=["****"],
        region_code="JP",
    ),
)
SHOP = Contact(
    name="キング枕 TikTok店",
    name_kana="キングマクラ",
    phone="03-0000-0000",
    email="shop@example.jp",
    address=Address(
        postal_code="530-0001", prefecture="大阪府", city="大阪市北区", lines=["梅田1-1"]
    ),
)


def test_by_default_the_buyer_block_is_a_copy_of_the_recipient() -> None:
    block = fill_buyer_block(RECIPIENT)
    assert block.source is BuyerSource.COPIED_FROM_RECIPIENT
    assert block.contact == RECIPIENT
    assert block.is_copy


def test_the_copy_keeps_the_recipients_kana() -> None:
    assert fill_buyer_block(RECIPIENT).contact.name_kana == "ヤマダ タロウ"


def test_masked_recipient_fields_stay_masked_in_the_copy_and_are_named() -> None:
    block = fill_buyer_block(MASKED_RECIPIENT, BuyerPolicy.copy_recipient())
    assert block.contact.phone == "(+81)90-****-5678"
    assert block.masked_fields == ("name", "phone", "postal_code", "lines")
    assert block.field_states()["name_kana"] is FieldState.EMPTY
    assert "still masked as TikTok sent them: name, phone, postal_code, lines" in block.reason


def test_a_visible_copy_names_no_masked_field() -> None:
    block = fill_buyer_block(RECIPIENT)
    assert block.masked_fields == ()
    assert "masked" not in block.reason


def test_a_fixed_policy_fills_the_hosts_block_whatever_the_recipient() -> None:
    block = fill_buyer_block(MASKED_RECIPIENT, BuyerPolicy.fixed_block(SHOP))
    assert block.source is BuyerSource.FIXED
    assert block.contact == SHOP
    assert not block.is_copy


def test_an_empty_policy_gives_a_blank_block() -> None:
    block = fill_buyer_block(RECIPIENT, BuyerPolicy.leave_empty())
    assert block.source is BuyerSource.EMPTY
    assert block.contact == Contact()
    assert set(block.field_states().values()) == {FieldState.EMPTY}


@pytest.mark.parametrize(
    ("source", "label"),
    [
        (BuyerSource.COPIED_FROM_RECIPIENT, "送付先と同じ"),
        (BuyerSource.FIXED, "固定値"),
        (BuyerSource.EMPTY, "空欄"),
    ],
)
def test_each_source_has_a_japanese_label_for_the_oms_screen(
    source: BuyerSource, label: str
) -> None:
    assert source.label_ja == label


def test_a_fixed_policy_without_a_block_is_refused_with_the_fix() -> None:
    with pytest.raises(DomainConfigError, match=r"BuyerPolicy\.fixed_block"):
        BuyerPolicy(source=BuyerSource.FIXED)


def test_a_fixed_block_without_a_visible_name_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="BuyerPolicy.fixed.name"):
        BuyerPolicy.fixed_block(Contact(name="***"))


def test_a_fixed_block_given_with_another_source_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="only used when source is FIXED"):
        BuyerPolicy(source=BuyerSource.EMPTY, fixed=SHOP)


def test_the_recipient_must_be_a_contact() -> None:
    with pytest.raises(TypeError, match="Contact"):
        fill_buyer_block(Address(postal_code="100-0001"))  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [RECIPIENT, MASKED_RECIPIENT, SHOP])
def test_a_contacts_repr_shows_no_personal_data(value: Contact) -> None:
    text = repr(value)
    for secret in (
        "山田",
        "ヤマダ",
        "090",
        "5678",
        "100-0001",
        "千代田",
        "キング",
        "shop@",
        "梅田",
    ):
        assert secret not in text
    assert "name='***'" in text


def test_a_buyer_blocks_repr_shows_the_source_but_no_personal_data() -> None:
    text = repr(fill_buyer_block(RECIPIENT))
    assert "COPIED_FROM_RECIPIENT" in text
    assert "山田" not in text and "千代田" not in text and "090" not in text


def test_an_addresss_repr_shows_which_fields_are_filled_but_not_their_text() -> None:
    text = repr(Address(postal_code="100-0001", lines=["千代田1-1", ""], region_code="JP"))
    assert text == (
        "Address(postal_code='***', prefecture='', city='', lines=('***', ''), region_code='JP')"
    )


def test_a_copied_buyer_is_skipped_by_the_buyer_postal_check_as_a_copy() -> None:
    result = check_buyer_postal_code(fill_buyer_block(RECIPIENT), lookup=LOOKUP)
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.COPIED
    assert "copy of the recipient" in result.reason


def test_a_copied_buyer_is_skipped_even_when_its_postal_code_is_wrong() -> None:
    wrong = Contact(name="x", address=Address(postal_code="530-0001", prefecture="東京都"))
    result = check_buyer_postal_code(fill_buyer_block(wrong), lookup=LOOKUP)
    assert isinstance(result, Skipped) and result.cause is SkipCause.COPIED


def test_a_fixed_buyer_block_is_checked_as_independent_data() -> None:
    wrong_shop = Contact(name="店", address=Address(postal_code="530-0001", prefecture="東京都"))
    result = check_buyer_postal_code(
        fill_buyer_block(RECIPIENT, BuyerPolicy.fixed_block(wrong_shop)), lookup=LOOKUP
    )
    assert isinstance(result, Failed)
    assert result.message.startswith(AddressCheck.BUYER_POSTAL_CODE.ne_message)


def test_a_right_fixed_buyer_block_passes() -> None:
    block = fill_buyer_block(MASKED_RECIPIENT, BuyerPolicy.fixed_block(SHOP))
    assert isinstance(check_buyer_postal_code(block, lookup=LOOKUP), Passed)


def test_an_empty_buyer_block_is_skipped_as_withheld_and_names_the_policy() -> None:
    result = check_buyer_postal_code(fill_buyer_block(RECIPIENT, BuyerPolicy.leave_empty()))
    assert isinstance(result, Skipped)
    assert result.cause is SkipCause.MASKED
    assert "leave_empty" in result.reason


def test_the_in_japan_check_does_not_check_a_copy_twice_and_says_so() -> None:
    result = check_address_in_japan(RECIPIENT.address, fill_buyer_block(RECIPIENT))
    assert isinstance(result, Passed)
    assert "copy of the recipient" in result.detail


def test_the_in_japan_check_checks_a_fixed_buyer_abroad() -> None:
    abroad = Contact(name="Shop", address=Address(region_code="US", prefecture="CA"))
    result = check_address_in_japan(
        RECIPIENT.address, fill_buyer_block(RECIPIENT, BuyerPolicy.fixed_block(abroad))
    )
    assert isinstance(result, Failed)
    assert "buyer" in result.message


def test_the_in_japan_check_of_a_copy_still_fails_on_the_recipient_abroad() -> None:
    abroad = Contact(name="x", address=Address(region_code="US"))
    assert isinstance(check_address_in_japan(abroad.address, fill_buyer_block(abroad)), Failed)


def test_the_four_checks_take_the_buyer_block_and_skip_only_the_copy() -> None:
    report = run_address_checks(
        recipient=RECIPIENT.address, buyer=fill_buyer_block(RECIPIENT), lookup=LOOKUP
    )
    assert report.failed == ()
    assert [s.check for s in report.skipped] == [AddressCheck.BUYER_POSTAL_CODE]
    assert report.skipped[0].cause is SkipCause.COPIED
    assert {p.check for p in report.passed} == {
        AddressCheck.RECIPIENT_POSTAL_CODE,
        AddressCheck.STREET_NUMBER,
        AddressCheck.ADDRESS_IN_JAPAN,
    }


def test_a_bare_buyer_address_is_still_checked_as_before() -> None:
    result = check_buyer_postal_code(SHOP.address, lookup=LOOKUP)
    assert isinstance(result, Passed)


def test_a_buyer_block_is_a_plain_value() -> None:
    block = fill_buyer_block(RECIPIENT)
    assert block == BuyerBlock(source=block.source, contact=RECIPIENT, reason=block.reason)
    assert hash(block) == hash(fill_buyer_block(RECIPIENT))
