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
from tiktokshop_sync.domain._text import fold
from tiktokshop_sync.domain.masking import MASK_CHARACTERS, is_masked

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
