"""The rules' fast paths (taken for every imported order) give exactly the slow paths' answers."""

from __future__ import annotations

import enum
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tiktokshop_sync.domain import (
    Address,
    BuyerBlock,
    BuyerSource,
    Contact,
    FieldState,
    canonical_status,
    field_state,
)
from tiktokshop_sync.domain._text import fold, narrow
from tiktokshop_sync.domain.address import (
    _COPY_WHY,
    _STREET_NUMBER,
    _WITHHELD_WHY,
    AddressCheck,
    _buyer_address,
    _outside_japan,
    _withheld,
    check_address_in_japan,
    check_buyer_postal_code,
    check_recipient_postal_code,
    check_street_number,
    run_address_checks,
)
from tiktokshop_sync.domain.masking import MASK_CHARACTERS, is_masked
from tiktokshop_sync.domain.postal_codes import _SHAPE, parse_postal_code
from tiktokshop_sync.domain.results import CheckResult, Failed, Passed, SkipCause, Skipped

TEXT = st.text(
    alphabet=st.one_of(
        st.characters(), st.sampled_from(sorted(MASK_CHARACTERS)), st.sampled_from(" \t\u3000\x85")
    ),
    max_size=12,
)


class Status(str, enum.Enum):
    SHIPPED = "IN_TRANSIT"


def _fold_slowly(text: str) -> str:
    once = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(unicodedata.normalize("NFKC", once).split())


def _state_slowly(value: str) -> FieldState:
    if not value.strip():
        return FieldState.EMPTY
    if any(char in MASK_CHARACTERS for char in value):
        return FieldState.MASKED
    return FieldState.PRESENT


@given(TEXT)
def test_fold_gives_the_nfkc_casefold_key_for_ascii_and_any_other_text(text: str) -> None:
    assert fold(text) == _fold_slowly(text)


@given(TEXT)
def test_field_state_and_is_masked_agree_with_the_character_by_character_rule(text: str) -> None:
    assert field_state(text) is _state_slowly(text)
    assert is_masked(text) is (_state_slowly(text) is FieldState.MASKED)


@given(st.one_of(TEXT, st.sampled_from(["CANCEL", " cancelled ", "on_hold", "AWAITING_SHIPMENT"])))
def test_canonical_status_is_the_trimmed_upper_case_status(status: str) -> None:
    expected = status.strip().upper()
    assert canonical_status(status) == ("CANCELLED" if expected == "CANCEL" else expected)


def test_canonical_status_reads_a_str_enum_member_as_its_text() -> None:
    assert canonical_status(Status.SHIPPED) == "IN_TRANSIT"


@given(st.lists(TEXT, max_size=9))
def test_masked_fields_names_exactly_the_fields_whose_state_is_masked(texts: list[str]) -> None:
    values = (texts + [""] * 9)[:9]
    contact = Contact(
        name=values[0],
        name_kana=values[1],
        phone=values[2],
        email=values[3],
        address=Address(
            postal_code=values[4],
            prefecture=values[5],
            city=values[6],
            lines=(values[7], values[8]),
        ),
    )
    block = BuyerBlock(source=BuyerSource.COPIED_FROM_RECIPIENT, contact=contact, reason="")
    expected = tuple(n for n, s in contact.field_states().items() if s is FieldState.MASKED)
    assert block.masked_fields == expected


def test_an_address_keeps_a_tuple_of_lines_as_given_and_copies_anything_else() -> None:
    lines = ("千代田1-1", "2F")
    assert Address(lines=lines).lines is lines
    assert Address(lines=["a", None]).lines == ("a", "")


POSTAL_TEXT = st.one_of(
    TEXT,
    st.from_regex(r"\A[〒 ]?[0-9０-９]{3}[-‐ー－]?[0-9０-９]{4}\Z"),
    st.from_regex(r"\A[0-9]{3}-?[0-9]{4}\Z"),
)


@given(POSTAL_TEXT)
def test_parse_postal_code_reads_ascii_codes_as_the_narrowing_path_does(text: str) -> None:
    match = _SHAPE.fullmatch("".join(narrow(text).replace("〒", "").split()))
    expected = None if match is None else match.group(1) + match.group(2)
    parsed = parse_postal_code(text)
    assert (None if parsed is None else parsed.digits) == expected


LINE = st.one_of(
    TEXT, st.sampled_from(["丸の内1-1", "三丁目", "番地なし", "ビル", "１２", "***", "", " "])
)


def _street_number_slowly(recipient: Address) -> CheckResult:
    """The check as first written: every state first, then the visible lines in turn."""
    check = AddressCheck.STREET_NUMBER
    states = [field_state(line) for line in recipient.lines]
    visible = [line for line, s in zip(recipient.lines, states, strict=True) if not s.withheld]
    for number, line in enumerate(visible, start=1):
        if _STREET_NUMBER.search(unicodedata.normalize("NFKC", line)):
            return Passed(
                check=check, detail=f"street number (番地) found in visible address line {number}"
            )
    if not visible:
        state = FieldState.MASKED if FieldState.MASKED in states else FieldState.EMPTY
        return Skipped(
            check=check, cause=SkipCause.MASKED, reason=_withheld("street address", state)
        )
    if len(visible) < len(states):
        return Skipped(
            check=check,
            cause=SkipCause.MASKED,
            reason="the visible address lines have no street number (番地), and the rest is "
            f"withheld; it may be in the withheld part ({_WITHHELD_WHY})",
        )
    return Failed(
        check=check,
        message=f"{check.ne_message} No street number (番地) in the recipient's address lines",
    )


@given(st.lists(LINE, max_size=4))
def test_street_number_check_in_one_pass_gives_the_two_pass_answer(lines: list[str]) -> None:
    address = Address(lines=tuple(lines))
    assert check_street_number(address) == _street_number_slowly(address)


REGION = st.sampled_from(["JP", "jp", " JP ", "JPN", "US", "", "***", "Ｊｐ"])
PREFECTURE = st.sampled_from(["東京都", "東京", "Tokyo", "", "***", "大阪府"])


def _in_japan_slowly(recipient: Address, buyer: Address | BuyerBlock | None) -> CheckResult:
    """The check as first written: lists of failures, skips and details."""
    results = [_outside_japan(recipient, "recipient (送り先)")]
    address = _buyer_address(buyer)
    if address is not None:
        results.append(_outside_japan(address, "buyer (購入者)"))
    failures = [r for r in results if isinstance(r, Failed)]
    if failures:
        return failures[0]
    skips = [r for r in results if isinstance(r, Skipped)]
    if skips:
        return skips[0]
    details = [r.detail for r in results if isinstance(r, Passed)]
    if isinstance(buyer, BuyerBlock) and buyer.is_copy:
        details.append(_COPY_WHY)
    return Passed(check=AddressCheck.ADDRESS_IN_JAPAN, detail="; ".join(details))


@given(
    REGION, PREFECTURE, REGION, PREFECTURE, st.sampled_from(["none", "address", "copy", "fixed"])
)
def test_address_in_japan_check_gives_the_answer_of_the_list_version(
    region: str, prefecture: str, buyer_region: str, buyer_prefecture: str, buyer_kind: str
) -> None:
    recipient = Address(region_code=region, prefecture=prefecture)
    other = Address(region_code=buyer_region, prefecture=buyer_prefecture)
    buyer: Address | BuyerBlock | None = {
        "none": None,
        "address": other,
        "copy": BuyerBlock(
            source=BuyerSource.COPIED_FROM_RECIPIENT, contact=Contact(address=recipient), reason=""
        ),
        "fixed": BuyerBlock(
            source=BuyerSource.FIXED, contact=Contact(name="店", address=other), reason=""
        ),
    }[buyer_kind]
    assert check_address_in_japan(recipient, buyer) == _in_japan_slowly(recipient, buyer)


def test_a_recurring_region_code_is_read_afresh_for_each_address() -> None:
    assert check_address_in_japan(Address(region_code="JP")).detail.endswith("region code is JP")
    failed = check_address_in_japan(Address(region_code="US"))
    assert isinstance(failed, Failed) and "'US'" in failed.message
    assert isinstance(check_address_in_japan(Address(region_code="JP")), Passed)


@given(
    st.lists(
        st.tuples(REGION, PREFECTURE, st.sampled_from(["100-0001", "1000001", "12", "***", ""])),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["lines", "masked", "none"]),
)
def test_a_shared_report_is_always_the_report_of_its_own_results(
    addresses: list[tuple[str, str, str]], lines_kind: str
) -> None:
    lines = {"lines": ("丸の内1-1",), "masked": ("***",), "none": ()}[lines_kind]
    for region, prefecture, postal_code in addresses * 2:  # the second round reads the cache
        recipient = Address(
            region_code=region, prefecture=prefecture, postal_code=postal_code, lines=lines
        )
        report = run_address_checks(recipient=recipient)
        assert report.results == (
            check_buyer_postal_code(None),
            check_recipient_postal_code(recipient),
            check_street_number(recipient),
            check_address_in_japan(recipient),
        )


def test_a_report_with_a_failure_is_never_shared() -> None:
    abroad = Address(region_code="US", postal_code="100-0001", lines=("1 Main St",))
    first, second = (run_address_checks(recipient=abroad) for _ in range(2))
    assert first.failed and first == second and first is not second
