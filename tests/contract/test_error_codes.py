"""The error map against TikTok's reference: every documented code has the class its message says.

The expected class is derived from each documented message by the small keyword rule below
(first match wins). Where the SDK decides otherwise the code is listed in ``DECIDED`` with the
reason; a message with no telling keyword may be an :class:`InvalidRequestError` or a
:class:`BusinessError` (neither is retried; both say what to fix).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from spec_oracle import SPEC_ROOT, catalog, require_spec
from tiktokshop_sync import errors
from tiktokshop_sync._core.error_map import classify, is_documented

#: message keywords -> the class family they imply, in order; the first match wins.
RULE: tuple[tuple[str, type[errors.APIError]], ...] = (
    (r"too many requests|rate limit", errors.RateLimitError),
    (
        r"without penalty|fail(ed)? to ship|shipment failed|risk control|no available shipping"
        r"|logistics service provider",
        errors.BusinessError,
    ),
    (
        r"internal|system (error|timeout|process error)|time ?out|try again later|multiple retry"
        r"|\brpc\b|\bdb\b|load error|service error|still being generated",
        errors.ServerError,
    ),
    (
        r"permission|not authori[sz]ed|unauthori[sz]ed|access denied|whitelist"
        r"|cannot be used in this region",
        errors.PermissionDeniedError,
    ),
    (
        r"not exist|doesn't exist|not found|\bbelong|isn't listed in your|not associated with",
        errors.NotFoundError,
    ),
    (
        r"already|has been shipped|not been shipped|been used|duplicate tracking"
        r"|can only be updated|status|cancelled|locked|ongoing|in process|after-?sale request"
        r"|cannot be (changed|modified|converted|rejected)|can't be changed|\bnot allow(ed)?\b"
        r"|is bidding",
        errors.ConflictError,
    ),
    (
        r"invalid|incorrect|illegal|format|required|necessary|missing|\bmiss\b|empty|exceed"
        r"|limit|must|not support|unsupported|too long|length|characters|duplicat|mismatch"
        r"|miss match|\bparam|only allowed|should|restricted words|not match|contain|chinese"
        r"|unknown|maximum|more than|larger than|be zero|include all|not permitted|specify|select",
        errors.InvalidRequestError,
    ),
)

#: Codes (or a code with one of its messages) classified against the keyword rule, and why.
DECIDED: dict[int | tuple[int, str], tuple[type[errors.APIError], str]] = {
    10007002: (errors.ConflictError, "'try again later', but the order's status blocks it"),
    21011026: (errors.ConflictError, "a tracking number used too often: 21034012's 'used'"),
    21023035: (errors.ConflictError, "the package must be arranged for shipment first"),
    21042102: (errors.ConflictError, "documents cannot be printed after pickup: package state"),
    21042104: (errors.ConflictError, "documents cannot be printed before shipping: state"),
    12052234: (errors.ConflictError, "another category-upgrade task is still running"),
    12052996: (errors.ConflictError, "a product with this external_id exists already"),
    21011049: (
        errors.ConflictError,
        "the order-level Update Shipping Info's only code for its once / 72-hour rules",
    ),
    (21008044, "SellerFulfillUnitInReverseCannotOperate"): (
        errors.ConflictError,
        "the same code's other message: the item has an after-sale request",
    ),
    12052037: (errors.InvalidRequestError, "two of its three causes are the warehouse ids sent"),
    21011036: (errors.InvalidRequestError, "the requested split itself is not allowed"),
    25001021: (errors.InvalidRequestError, "choose a cancel reason valid for the status"),
    12052230: (errors.InvalidRequestError, "a wrong category_id for the category version"),
    12052293: (errors.InvalidRequestError, "a field combination of the request"),
    11021012: (errors.BusinessError, "'illegal address' is the buyer's, not a request field"),
    12052093: (errors.BusinessError, "the seller's listing quota"),
    12052117: (errors.BusinessError, "the seller's global-product quota"),
    12052202: (errors.BusinessError, "the daily brand-creation quota"),
    12052203: (errors.BusinessError, "the brand-creation quota"),
    12038012: (errors.BusinessError, "the daily translation quota, not a short rate limit"),
    12052535: (errors.BusinessError, "the shop has no return warehouse set up"),
    12052402: (errors.BusinessError, "the seller has no shipping template set up"),
    12052278: (errors.BusinessError, "the seller's kind does not allow make-to-order"),
    12052701: (errors.BusinessError, "the seller's kind does not allow local products"),
    12052702: (errors.BusinessError, "the seller's kind does not allow pre-orders"),
    21004024: (errors.BusinessError, "'platform limitations', nothing in the request"),
    21011012: (errors.BusinessError, "TikTok's trade rules refuse it"),
    21011013: (errors.BusinessError, "TikTok's logistics rules refuse it"),
    12052208: (errors.PermissionDeniedError, "a brand authorization the seller lacks"),
    21004010: (errors.RegionNotSupportedError, "the feature is not offered in the market"),
    36009009: (errors.NotFoundError, "'Invalid path': no such endpoint (HTTP 404)"),
}


def expected_family(message: str) -> type[errors.APIError] | None:
    """The class family the message's keywords imply (None when no keyword matches)."""
    text = message.lower()
    for pattern, cls in RULE:
        if re.search(pattern, text):
            return cls
    return None


def documented() -> dict[tuple[int, str], list[str]]:
    """Every (code, message) of every endpoint's error_code_list, with the endpoints."""
    found: dict[tuple[int, str], list[str]] = {}
    for endpoint in catalog().values():
        for code, message in endpoint.errors.items():
            found.setdefault((code, message.strip()), []).append(endpoint.file.stem)
    return found


def _decided(code: int, message: str) -> tuple[type[errors.APIError], str] | None:
    return DECIDED.get((code, message)) or DECIDED.get(code)


def _consistent(code: int, message: str) -> bool:
    actual = classify(code, message, 200)
    decided = _decided(code, message)
    if decided is not None:
        return actual is decided[0]
    family = expected_family(message)
    if family is None:
        return actual in (errors.InvalidRequestError, errors.BusinessError)
    return issubclass(actual, family)


def test_every_code_of_every_documented_endpoint_has_a_class_of_its_own() -> None:
    missing = sorted({code for code, _ in documented() if not is_documented(code)})
    assert missing == [], f"place these codes in tiktokshop_sync/_core/error_codes.py: {missing}"


def test_the_snapshot_documents_hundreds_of_codes() -> None:
    codes = {code for code, _ in documented()}
    assert len(codes) >= 500


def test_every_documented_code_maps_to_the_class_its_message_implies() -> None:
    wrong = {
        f"{code} {message[:70]!r} ({', '.join(files[:2])}): {classify(code, message, 200).__name__}"
        for (code, message), files in documented().items()
        if not _consistent(code, message)
    }
    assert sorted(wrong) == []


def test_every_decision_against_the_keyword_rule_is_still_needed() -> None:
    messages = documented()
    stale = []
    for key in DECIDED:
        code = key[0] if isinstance(key, tuple) else key
        texts = [m for c, m in messages if c == code] + _guide_messages(code)
        if isinstance(key, tuple):
            texts = [m for m in texts if m == key[1]]
        assert texts, f"{key} is not documented any more"
        family = [expected_family(m) for m in texts]
        decided = DECIDED[key][0]
        agrees = [
            (f is None and decided in (errors.InvalidRequestError, errors.BusinessError))
            or (f is not None and issubclass(decided, f))
            for f in family
        ]
        if all(agrees):
            stale.append(key)
    assert stale == []


# --- the common errors guide -------------------------------------------------------------------

GUIDE = SPEC_ROOT / "guides/developer-guide/tiktok-shop-api-concepts/common-errors.md"

#: The guide's sections and the class family each implies.
SECTIONS: dict[str, type[errors.APIError]] = {
    "Authentication errors": errors.AuthenticationError,
    "Authorization errors": errors.PermissionDeniedError,
    "Parameter errors": errors.InvalidRequestError,
}


def _guide_rows(path: Path = GUIDE) -> list[tuple[str, int, str]]:
    """(section, code, message) for every row of the guide's tables."""
    require_spec()
    rows = []
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            section = line[2:].strip()
        match = re.match(r"^\|\s*(\d+)\s*\|\s*(.+?)\s*\|", line)
        if match:
            rows.append((section, int(match.group(1)), match.group(2)))
    return rows


def _guide_messages(code: int) -> list[str]:
    return [message for _, c, message in _guide_rows() if c == code]


def test_the_guide_is_read_into_its_four_sections() -> None:
    sections = {section for section, _, _ in _guide_rows()}
    assert sections == {"General errors", *SECTIONS}
    assert sum(1 for _, code, _ in _guide_rows() if code == 36009004) == 11


@pytest.mark.parametrize(
    ("section", "code", "message"),
    [row for row in _guide_rows() if row[0] in SECTIONS] if GUIDE.exists() else [],
)
def test_each_common_error_is_classified_into_its_guide_section(
    section: str, code: int, message: str
) -> None:
    assert issubclass(classify(code, message, 200), SECTIONS[section])


@pytest.mark.parametrize(
    ("section", "code", "message"),
    [row for row in _guide_rows() if row[0] == "General errors"] if GUIDE.exists() else [],
)
def test_each_general_error_is_classified_as_its_message_says(
    section: str, code: int, message: str
) -> None:
    assert _consistent(code, message), classify(code, message, 200)
