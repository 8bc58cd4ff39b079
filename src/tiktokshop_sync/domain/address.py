"""The four address checks (受注確認) that break on TikTok's masked data, made mask-aware.

The Next Engine manual tells sellers to switch these four off because TikTok addresses arrive
masked. Here a withheld field makes its check Skipped, while a visibly wrong value still Fails.
A buyer block copied from the recipient is Skipped too: checking a copy proves nothing.
Results name the field that is wrong, never its value: they end up in logs and reprs, and the
address is personal data (APPI); the operator sees the address itself next to the order.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from typing import Final

import attrs

from tiktokshop_sync.domain._address import Address
from tiktokshop_sync.domain._prefectures import PREFECTURES, same_prefecture
from tiktokshop_sync.domain._text import fold
from tiktokshop_sync.domain.buyer import BuyerBlock, BuyerSource
from tiktokshop_sync.domain.masking import FieldState, field_state
from tiktokshop_sync.domain.postal_codes import PostalArea, PostalCode, PostalLookup, _postal_digits
from tiktokshop_sync.domain.results import CheckResult, Failed, Passed, SkipCause, Skipped

__all__ = [
    "Address",
    "AddressCheck",
    "AddressCheckReport",
    "check_address_in_japan",
    "check_buyer_postal_code",
    "check_recipient_postal_code",
    "check_street_number",
    "run_address_checks",
]


class AddressCheck(str, enum.Enum):
    """The four Next Engine 受注確認 checks; the value is the ``check`` name on results."""

    BUYER_POSTAL_CODE = "buyer_postal_code"
    RECIPIENT_POSTAL_CODE = "recipient_postal_code"
    STREET_NUMBER = "street_number"
    ADDRESS_IN_JAPAN = "address_in_japan"

    @property
    def ne_message(self) -> str:
        """The message Next Engine shows when this check stops an order in 確認待ち."""
        return _NE_MESSAGES[self]


_NE_MESSAGES: Final = {
    AddressCheck.BUYER_POSTAL_CODE: "購入者の郵便番号と住所があってません。",
    AddressCheck.RECIPIENT_POSTAL_CODE: "送り先の郵便番号と住所があってません。",
    AddressCheck.STREET_NUMBER: "住所の番地を確認してください。",
    AddressCheck.ADDRESS_IN_JAPAN: "購入者住所か送り先住所が日本国外の住所です。",
}


# Every imported order is checked, and most results repeat word for word (the same check, cause
# and text): equal results are one shared immutable value, not four new objects per order.
_passed = functools.lru_cache(maxsize=256)(Passed)
_skipped = functools.lru_cache(maxsize=256)(Skipped)


_WITHHELD_WHY: Final = (
    "TikTok withholds it while an order is UNPAID, ON_HOLD or cancelled, or ships it itself; "
    "this is not a buyer mistake"
)


def _withheld(what: str, state: FieldState) -> str:
    how = "masked" if state is FieldState.MASKED else "empty"
    return f"the {what} is {how}: {_WITHHELD_WHY}"


def _place(text: str) -> str:
    # ヶ and ケ are written interchangeably in place names (七ヶ浜町 / 七ケ浜町).
    normal = unicodedata.normalize("NFKC", text).replace("ヶ", "ケ").replace("ヵ", "カ")
    return "".join(normal.split())


def _region(address: Address) -> str | None:
    return _region_key(address.region_code)


@functools.lru_cache(maxsize=64)
def _region_key(region_code: str) -> str | None:
    """The region code as compared (None when withheld); a handful of codes recur, and each
    order asks twice (postal code and address-in-Japan checks)."""
    if field_state(region_code).withheld:
        return None
    return fold(region_code).upper()


_JAPAN_CODES: Final = frozenset({"JP", "JPN"})


def _area_matches(area: PostalArea, prefecture: str | None, city: str | None) -> bool:
    if prefecture is not None and not same_prefecture(prefecture, _place(area.prefecture)):
        return False
    if city is None:
        return True
    expected = _place(area.city)
    # Either side may be the longer form: 札幌市 / 札幌市中央区, 瑞穂町 / 西多摩郡瑞穂町.
    return expected in city or city in expected


def _check_postal(
    address: Address, *, check: AddressCheck, who: str, lookup: PostalLookup | None
) -> CheckResult:
    state = field_state(address.postal_code)
    if state.withheld:
        return _skipped(
            check=check, cause=SkipCause.MASKED, reason=_withheld(f"{who} postal code", state)
        )
    region = _region(address)
    if region is not None and region not in _JAPAN_CODES:
        return _skipped(
            check=check,
            cause=SkipCause.NOT_APPLICABLE,
            reason=f"the {who} address is in {region}, where Japanese postal codes do not apply",
        )
    digits = _postal_digits(address.postal_code)
    if digits is None:
        return Failed(
            check=check,
            message=f"{check.ne_message} The {who} postal code is not a 7-digit Japanese postal "
            "code (NNN-NNNN)",
        )
    if lookup is None:
        return _skipped(
            check=check,
            cause=SkipCause.NOT_CONFIGURED,
            reason="no postal lookup is configured: run `pip install tiktokshop-sync[jp]` and pass "
            "lookup=PosutoLookup() (from tiktokshop_sync.postal), or any PostalLookup",
        )
    prefecture_state = field_state(address.prefecture)
    city_state = field_state(address.city)
    if prefecture_state.withheld and city_state.withheld:
        return _skipped(
            check=check,
            cause=SkipCause.MASKED,
            reason=_withheld(f"{who} prefecture and city", city_state),
        )
    prefecture = None if prefecture_state.withheld else _place(address.prefecture)
    city = None if city_state.withheld else _place(address.city)
    areas = tuple(lookup.areas(PostalCode(digits=digits)))
    if not areas:
        return Failed(
            check=check,
            message=f"{check.ne_message} The {who} postal code does not exist in the postal "
            "data (if it is brand new, update the data)",
        )
    for area in areas:
        if _area_matches(area, prefecture, city):
            return _passed(
                check=check,
                detail=f"the {who} postal code belongs to the prefecture and city of the address",
            )
    if prefecture is None:
        where = "another city (市区町村) than the address"
    elif any(_area_matches(area, prefecture, None) for area in areas):
        where = "another city (市区町村) than the address, in the same prefecture"
    else:
        where = "another prefecture (都道府県) than the address"
    return Failed(
        check=check,
        message=f"{check.ne_message} The {who} postal code is in {where}: compare the two on "
        "the order",
    )


def check_recipient_postal_code(
    recipient: Address, *, lookup: PostalLookup | None = None
) -> CheckResult:
    """送り先の郵便番号と住所: the ship-to postal code belongs to its prefecture and city."""
    return _check_postal(
        recipient, check=AddressCheck.RECIPIENT_POSTAL_CODE, who="recipient (送り先)", lookup=lookup
    )


_COPY_WHY: Final = (
    "the buyer (購入者) block is a copy of the recipient (送付先と同じ, BuyerPolicy.copy_recipient"
    "()), not independent data; the recipient's checks cover it"
)


#: The buyer postal-code check of every order whose buyer block copies the recipient (the
#: default policy): one shared value.
_BUYER_COPIED: Final = _skipped(
    check=AddressCheck.BUYER_POSTAL_CODE, cause=SkipCause.COPIED, reason=_COPY_WHY
)


def _buyer_address(buyer: Address | BuyerBlock | None) -> Address | None:
    """The buyer address to check; None for no buyer, an empty block or a copy."""
    if isinstance(buyer, BuyerBlock):
        return buyer.contact.address if buyer.source is BuyerSource.FIXED else None
    return buyer


def check_buyer_postal_code(
    buyer: Address | BuyerBlock | None, *, lookup: PostalLookup | None = None
) -> CheckResult:
    """購入者の郵便番号と住所: the buyer's postal code belongs to its prefecture and city.

    A buyer block copied from the recipient is Skipped (``SkipCause.COPIED``), not checked twice.
    """
    check = AddressCheck.BUYER_POSTAL_CODE
    if isinstance(buyer, BuyerBlock) and buyer.is_copy:
        return _BUYER_COPIED
    address = _buyer_address(buyer)
    if address is None:
        how = (
            "is left empty (BuyerPolicy.leave_empty())"
            if isinstance(buyer, BuyerBlock)
            else "has no address"
        )
        return _skipped(
            check=check,
            cause=SkipCause.MASKED,
            reason=f"the buyer (購入者) {how}: TikTok's order data carries only the "
            "recipient's, so there is nothing to check",
        )
    return _check_postal(address, check=check, who="buyer (購入者)", lookup=lookup)


# A street number: a digit (after NFKC), a kanji numeral before 丁目/番/号, or 番地なし.
_STREET_NUMBER: Final = re.compile(
    r"[0-9]|[一二三四五六七八九十百千〇]+(?:丁目|番地?|号)|番地なし|無番地"
)


def check_street_number(recipient: Address) -> CheckResult:
    """住所の番地: the ship-to address lines contain a street number, or say there is none."""
    check = AddressCheck.STREET_NUMBER
    # One pass, stopping at the first visible line with a number (the usual case): the states
    # of the lines after it cannot change the answer.
    visible = 0
    withheld: list[FieldState] = []
    for line in recipient.lines:
        state = field_state(line)
        if state.withheld:
            withheld.append(state)
            continue
        visible += 1
        # Most lines hold ASCII digits already; only the others need NFKC (full-width digits).
        if _STREET_NUMBER.search(line) or _STREET_NUMBER.search(
            unicodedata.normalize("NFKC", line)
        ):
            return _street_number_found(visible)
    if not visible:
        state = FieldState.MASKED if FieldState.MASKED in withheld else FieldState.EMPTY
        return _skipped(
            check=check, cause=SkipCause.MASKED, reason=_withheld("street address", state)
        )
    if withheld:
        return _skipped(
            check=check,
            cause=SkipCause.MASKED,
            reason="the visible address lines have no street number (番地), and the rest is "
            f"withheld; it may be in the withheld part ({_WITHHELD_WHY})",
        )
    return Failed(
        check=check,
        message=f"{check.ne_message} No street number (番地) in the recipient's address lines",
    )


@functools.lru_cache(maxsize=16)
def _street_number_found(number: int) -> Passed:
    return Passed(
        check=AddressCheck.STREET_NUMBER,
        detail=f"street number (番地) found in visible address line {number}",
    )


def _outside_japan(address: Address, who: str) -> Passed | Failed | Skipped:
    check = AddressCheck.ADDRESS_IN_JAPAN
    region = _region(address)
    if region is not None:
        if region in _JAPAN_CODES:
            return _passed(check=check, detail=f"the {who} region code is JP")
        return Failed(
            check=check,
            message=f"{check.ne_message} The {who} address is outside Japan "
            f"(region code {region!r})",
        )
    if not field_state(address.prefecture).withheld:
        prefecture = _place(address.prefecture)
        if any(same_prefecture(prefecture, known) for known in PREFECTURES):
            return _passed(check=check, detail=f"the {who} prefecture is a Japanese prefecture")
        return _skipped(
            check=check,
            cause=SkipCause.MASKED,
            reason=f"the {who} region code is withheld and the prefecture is not a Japanese "
            "prefecture name, so the country cannot be told",
        )
    return _skipped(
        check=check,
        cause=SkipCause.MASKED,
        reason=_withheld(f"{who} region code and prefecture", field_state(address.region_code)),
    )


def check_address_in_japan(
    recipient: Address, buyer: Address | BuyerBlock | None = None
) -> CheckResult:
    """購入者住所か送り先住所が日本国外: both addresses are in Japan (``buyer`` is optional).

    A buyer block copied from the recipient is not checked again; the detail says so.
    """
    first = _outside_japan(recipient, "recipient (送り先)")
    address = _buyer_address(buyer)
    second = None if address is None else _outside_japan(address, "buyer (購入者)")
    if isinstance(first, Passed) and (second is None or isinstance(second, Passed)):
        copied = isinstance(buyer, BuyerBlock) and buyer.is_copy
        return _in_japan(first.detail, None if second is None else second.detail, copied)
    # A failure anywhere wins over a skip anywhere, each in the order recipient, buyer.
    for kind in (Failed, Skipped):
        if isinstance(first, kind):
            return first
        if isinstance(second, kind):
            return second
    raise AssertionError("unreachable: every result is Passed, Failed or Skipped")


@functools.lru_cache(maxsize=64)
def _in_japan(recipient: str, buyer: str | None, copied: bool) -> Passed:
    """The passed check's detail: each address's, and the copy's note (a few texts recur)."""
    details = [recipient] if buyer is None else [recipient, buyer]
    if copied:
        details.append(_COPY_WHY)
    return Passed(check=AddressCheck.ADDRESS_IN_JAPAN, detail="; ".join(details))


def _outcomes(results: tuple[CheckResult, ...]) -> str:
    # A report in a line (each result's text is an attribute): which failed, which skipped.
    parts = [f"{sum(isinstance(r, Passed) for r in results)} passed"]
    for word, kind in (("failed", Failed), ("skipped", Skipped)):
        names = [getattr(r.check, "value", r.check) for r in results if isinstance(r, kind)]
        if names:
            parts.append(f"{word} {', '.join(names)}")
    return f"<{'; '.join(parts)}>"


@attrs.frozen(kw_only=True)
class AddressCheckReport:
    """The four check results, in the Next Engine manual's order (the repr is one line)."""

    results: tuple[CheckResult, ...] = attrs.field(repr=_outcomes)

    @property
    def failed(self) -> tuple[Failed, ...]:
        """The checks that found visibly wrong data: the order needs a person (確認待ち)."""
        return tuple(result for result in self.results if isinstance(result, Failed))

    @property
    def skipped(self) -> tuple[Skipped, ...]:
        """The checks that could not run, each with its reason."""
        return tuple(result for result in self.results if isinstance(result, Skipped))

    @property
    def passed(self) -> tuple[Passed, ...]:
        """The checks that ran and found nothing wrong."""
        return tuple(result for result in self.results if isinstance(result, Passed))

    def result(self, check: AddressCheck) -> CheckResult:
        """The result of one check."""
        for result in self.results:
            if result.check == check:
                return result
        raise KeyError(check)


def run_address_checks(
    *,
    recipient: Address,
    buyer: Address | BuyerBlock | None = None,
    lookup: PostalLookup | None = None,
) -> AddressCheckReport:
    """Run all four checks on an order's addresses; ``buyer=None`` when there is no buyer block.

    Pass the order's :class:`BuyerBlock` as ``buyer`` so a copy of the recipient is not checked.
    """
    results: tuple[CheckResult, ...] = (
        check_buyer_postal_code(buyer, lookup=lookup),
        check_recipient_postal_code(recipient, lookup=lookup),
        check_street_number(recipient),
        check_address_in_japan(recipient, buyer),
    )
    return _report(results)


#: Reports made only of shared results (every result but Failed is one), by the results'
#: identities: most orders get one of a few reports, and a shared one is two objects fewer per
#: order for the garbage collector. A kept report holds its results, so their ids stay theirs.
_REPORTS: Final[dict[tuple[int, ...], AddressCheckReport]] = {}
_MAX_REPORTS: Final = 256


def _report(results: tuple[CheckResult, ...]) -> AddressCheckReport:
    for result in results:
        if type(result) is Failed:  # says what is wrong with this order: never shared
            return AddressCheckReport(results=results)
    key = tuple(map(id, results))
    report = _REPORTS.get(key)
    if report is None:
        report = AddressCheckReport(results=results)
        if len(_REPORTS) < _MAX_REPORTS:
            _REPORTS[key] = report
    return report
