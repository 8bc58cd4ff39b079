"""Properties that must hold for any input, found by hypothesis rather than listed by hand."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from tiktokshop_sync.domain import (
    DEFAULT_PAYMENT_TABLE,
    MASK_CHARACTERS,
    Address,
    Cancelled,
    Failed,
    HoldPolicy,
    InMemoryPostalLookup,
    Mapped,
    Passed,
    PostalArea,
    Skipped,
    check_recipient_postal_code,
    check_tracking_number,
    decide_hold,
    map_payment,
    normalize_tracking_number,
    parse_postal_code,
    resolve_payment,
    run_address_checks,
)
from tiktokshop_sync.domain._text import fold

# The rule as TikTok states it, written independently of the implementation.
REFERENCE_TRACKING = re.compile(r"[A-Za-z0-9_./\-]{4,50}")

LOOKUP = InMemoryPostalLookup(
    entries={
        "100-0001": PostalArea(prefecture="東京都", city="千代田区"),
        "530-0001": PostalArea(prefecture="大阪府", city="大阪市北区"),
    }
)

masked_values = st.one_of(
    st.sampled_from(["", " ", "\u3000"]),
    st.text(alphabet=sorted(MASK_CHARACTERS), min_size=1, max_size=8),
    st.builds(
        lambda head, stars, tail: head + stars + tail,
        st.text(alphabet="東京都千代田区0123456789-", max_size=5),
        st.text(alphabet=sorted(MASK_CHARACTERS), min_size=1, max_size=4),
        st.text(alphabet="東京都千代田区0123456789-", max_size=5),
    ),
)
visible_values = st.sampled_from(
    [
        "100-0001",
        "530-0001",
        "999-9999",
        "12345",
        "東京都",
        "大阪府",
        "千代田区",
        "新宿区",
        "JP",
        "US",
    ]
)
any_value = st.one_of(masked_values, visible_values)
zones = st.sampled_from([timezone.utc, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5))])
moments = st.builds(
    lambda seconds, zone: (
        datetime(2025, 7, 1, tzinfo=timezone.utc).astimezone(zone) + timedelta(seconds=seconds)
    ),
    st.integers(min_value=-3 * 86400, max_value=3 * 86400),
    zones,
)


@given(
    postal_code=masked_values,
    prefecture=any_value,
    city=any_value,
    lines=st.lists(any_value, max_size=3),
)
def test_a_masked_postal_code_never_fails_the_postal_check(
    postal_code: str, prefecture: str, city: str, lines: list[str]
) -> None:
    address = Address(postal_code=postal_code, prefecture=prefecture, city=city, lines=lines)
    assert isinstance(check_recipient_postal_code(address, lookup=LOOKUP), Skipped)


@given(
    postal_code=masked_values,
    prefecture=masked_values,
    city=masked_values,
    lines=st.lists(masked_values, max_size=3),
    region_code=masked_values,
)
def test_a_fully_masked_order_never_fails_any_check(
    postal_code: str, prefecture: str, city: str, lines: list[str], region_code: str
) -> None:
    address = Address(
        postal_code=postal_code,
        prefecture=prefecture,
        city=city,
        lines=lines,
        region_code=region_code,
    )
    report = run_address_checks(recipient=address, buyer=address, lookup=LOOKUP)
    assert report.failed == ()


@given(prefecture=any_value, city=any_value, mask=masked_values, which=st.sampled_from(["p", "c"]))
def test_masking_a_locality_field_never_turns_a_pass_into_a_failure(
    prefecture: str, city: str, mask: str, which: str
) -> None:
    address = Address(postal_code="100-0001", prefecture=prefecture, city=city, region_code="JP")
    before = check_recipient_postal_code(address, lookup=LOOKUP)
    hidden = Address(
        postal_code="100-0001",
        prefecture=mask if which == "p" else prefecture,
        city=mask if which == "c" else city,
        region_code="JP",
    )
    after = check_recipient_postal_code(hidden, lookup=LOOKUP)
    if not isinstance(before, Failed):
        assert not isinstance(after, Failed)


@given(
    status=st.sampled_from(["CANCELLED", "CANCEL", "cancelled", " Cancel ", "CANCEL\t"]),
    now=moments,
    paid_time=st.one_of(st.none(), moments),
    on_hold=st.sampled_from([None, True, False]),
    extra_hours=st.floats(min_value=0, max_value=72),
    label=st.sampled_from(["コンビニ", "PayPay", "d払い", ""]),
)
def test_a_cancelled_order_is_never_released(
    status: str,
    now: datetime,
    paid_time: datetime | None,
    on_hold: bool | None,
    extra_hours: float,
    label: str,
) -> None:
    decision = decide_hold(
        status=status,
        now=now,
        paid_time=paid_time,
        is_on_hold_order=on_hold,
        policy=HoldPolicy(extra_hours=extra_hours),
        payment=resolve_payment(label),
    )
    assert isinstance(decision, Cancelled)


@given(
    status=st.sampled_from(["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"]),
    now=moments,
    paid_time=moments,
    extra_hours=st.floats(min_value=0, max_value=72),
)
def test_a_hold_that_names_an_end_always_ends_in_the_future(
    status: str, now: datetime, paid_time: datetime, extra_hours: float
) -> None:
    decision = decide_hold(
        status=status, now=now, paid_time=paid_time, policy=HoldPolicy(extra_hours=extra_hours)
    )
    until = getattr(decision, "until", None)
    if until is not None:
        assert until > now


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(
    row=st.sampled_from(DEFAULT_PAYMENT_TABLE.labels),
    upper=st.lists(st.booleans(), min_size=40, max_size=40),
    wide=st.lists(st.booleans(), min_size=40, max_size=40),
    before=st.text(alphabet=" \t\u3000\n", max_size=3),
    after=st.text(alphabet=" \t\u3000\n", max_size=3),
)
def test_mapping_ignores_width_case_and_surrounding_whitespace(
    row: str, upper: list[bool], wide: list[bool], before: str, after: str
) -> None:
    variant = "".join(
        _full_width(c.upper() if up else c.lower()) if w else (c.upper() if up else c.lower())
        for c, up, w in zip(row, upper, wide, strict=False)
    )
    result = map_payment(before + variant + after)
    assert isinstance(result, Mapped)
    assert (result.row, result.method) == (row, dict(DEFAULT_PAYMENT_TABLE.rows)[row])


@given(st.text())
def test_the_matching_key_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def _outcome(label: str) -> object:
    result = map_payment(label)
    return (result.row, result.method) if isinstance(result, Mapped) else None


@given(st.one_of(st.text(), st.sampled_from(DEFAULT_PAYMENT_TABLE.labels)))
def test_a_label_maps_exactly_as_its_nfkc_form_does(text: str) -> None:
    assert _outcome(text) == _outcome(unicodedata.normalize("NFKC", text))


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789ABCxyz-_./ #＃１２", max_size=60),
        st.text(alphabet="0123456789-", min_size=2, max_size=55),
    )
)
def test_the_tracking_check_agrees_with_the_reference_rule(number: str) -> None:
    result = check_tracking_number(number)
    assert isinstance(result, Passed) == (REFERENCE_TRACKING.fullmatch(number) is not None)


@given(st.text(alphabet="0123456789", min_size=4, max_size=20))
def test_a_full_width_tracking_number_normalises_to_its_ascii_digits(digits: str) -> None:
    assert normalize_tracking_number(_full_width(digits)) == digits


@given(
    head=st.text(alphabet="0123456789", min_size=3, max_size=3),
    tail=st.text(alphabet="0123456789", min_size=4, max_size=4),
    dash=st.sampled_from(["-", "‐", "－", "ー", "−", ""]),
    mark=st.sampled_from(["", "〒", "〒 "]),
    wide=st.booleans(),
)
def test_any_written_form_of_a_postal_code_parses_to_its_seven_digits(
    head: str, tail: str, dash: str, mark: str, wide: bool
) -> None:
    typed = mark + (_full_width(head + dash + tail) if wide else head + dash + tail)
    code = parse_postal_code(typed)
    assert code is not None
    assert code.digits == head + tail
