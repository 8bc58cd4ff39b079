"""Ready, needs data or refused by TikTok's check; review states through to live or 審査NG."""

from __future__ import annotations

import pytest

import listing_samples as s
from tiktokshop_sync.domain import (
    AuditFailure,
    IssueCode,
    ListingCheckOutcome,
    ListingState,
    NeedsData,
    Ready,
    RefusedByTikTok,
    ReviewFacts,
    ReviewStatus,
    TikTokReason,
    apply_listing_check,
    check_listing,
    decide_listing,
    notification_status,
    review_status,
)


def _ready() -> Ready:
    decision = decide_listing(check_listing(s.product(), mappings=s.MAPPINGS, facts=s.FACTS))
    assert isinstance(decision, Ready)
    return decision


def test_a_product_with_nothing_missing_is_ready_with_what_to_send() -> None:
    ready = _ready()
    assert ready.state is ListingState.READY
    assert ready.listing.target.category_id == s.TSHIRT


def test_a_product_with_missing_items_needs_data_with_the_list() -> None:
    report = check_listing(s.product(fields={}), mappings=s.MAPPINGS, facts=s.FACTS)
    decision = decide_listing(report)
    assert isinstance(decision, NeedsData)
    assert decision.state.label_ja == "不足項目あり"
    assert [i.code for i in decision.issues] == [IssueCode.ATTRIBUTE_MISSING]


def test_a_passed_listing_check_keeps_the_product_ready_with_tiktoks_warning() -> None:
    after = apply_listing_check(_ready(), ListingCheckOutcome(passed=True, warning="note"))
    assert isinstance(after, Ready)
    assert after.tiktok_warning == "note"
    assert after.describe("ja").endswith("(TikTokより) note")


def test_a_failed_listing_check_refuses_with_tiktoks_reasons_in_the_sellers_words() -> None:
    check = ListingCheckOutcome(
        passed=False,
        reasons=[
            TikTokReason(code=12052104, message="property is required"),
            TikTokReason(code=12059999, message="something new"),
        ],
    )
    refused = apply_listing_check(_ready(), check)
    assert isinstance(refused, RefusedByTikTok)
    assert refused.state.label_ja == "出品チェックNG"
    assert refused.describe("ja").splitlines() == [
        "TS-001: 出品チェックNG",
        "  - 必須の商品属性が入力されていません (TikTok: property is required [12052104])",
        "  - TikTok: something new [12059999]",
    ]
    assert [r.code for r in refused.unexpected] == [12059999]


def test_a_failed_check_without_a_reason_still_refuses_and_says_so() -> None:
    refused = apply_listing_check(_ready(), ListingCheckOutcome(passed=False))
    assert isinstance(refused, RefusedByTikTok)
    assert "TikTokから理由の説明なし" in refused.describe("ja")


def test_a_reason_with_a_passing_result_still_refuses() -> None:
    check = ListingCheckOutcome(passed=True, reasons=[TikTokReason(code=12052051, message="x")])
    assert isinstance(apply_listing_check(_ready(), check), RefusedByTikTok)


def test_only_a_ready_product_goes_to_tiktoks_check() -> None:
    report = check_listing(s.product(fields={}), mappings=s.MAPPINGS, facts=s.FACTS)
    with pytest.raises(TypeError, match="must be Ready"):
        apply_listing_check(decide_listing(report), ListingCheckOutcome(passed=True))  # type: ignore[arg-type]


def test_every_tiktok_code_the_validator_knows_is_explained_in_both_languages() -> None:
    for code in IssueCode:
        if code.tiktok_code is None:
            continue
        reason = TikTokReason(code=code.tiktok_code, message="m")
        assert reason.issue_code is not None
        assert reason.explain("ja") != reason.explain("en")


@pytest.mark.parametrize(
    ("facts", "state"),
    [
        (ReviewFacts(status="PENDING", audit_status="AUDITING"), ListingState.IN_REVIEW),
        (ReviewFacts(status="ACTIVATE", audit_status="APPROVED"), ListingState.LIVE),
        (ReviewFacts(status="FAILED", audit_status="FAILED"), ListingState.REJECTED),
        (ReviewFacts(status="SELLER_DEACTIVATED", audit_status="FAILED"), ListingState.PAUSED),
        (ReviewFacts(status="PLATFORM_DEACTIVATED"), ListingState.SUSPENDED),
        (ReviewFacts(status="FREEZE"), ListingState.FROZEN),
        (ReviewFacts(status="DELETED"), ListingState.DELETED),
        (ReviewFacts(status="DRAFT", audit_status="NONE"), ListingState.DRAFT),
        (ReviewFacts(product_status="INITIAL"), ListingState.NOT_LISTED),
        (ReviewFacts(status="PENDING", audit_status="PRE_APPROVED"), ListingState.PRE_APPROVED),
        (ReviewFacts(audit_status="AUDITING"), ListingState.IN_REVIEW),
        (ReviewFacts(audit_status="APPROVED"), ListingState.LIVE),
        (ReviewFacts(status="SOMETHING_NEW"), ListingState.UNKNOWN),
    ],
    ids=lambda v: v.value if isinstance(v, ListingState) else "",
)
def test_tiktoks_status_and_audit_read_as_the_sellers_state(
    facts: ReviewFacts, state: ListingState
) -> None:
    assert review_status(facts).state is state


def test_a_failed_review_carries_tiktoks_reasons() -> None:
    failure = AuditFailure(position="main image", reasons=("blurry",), suggestions=("800px",))
    status = review_status(ReviewFacts(status="FAILED", failures=[failure]))
    assert status.describe("ja").splitlines() == ["審査NG", "  - main image: blurry (800px)"]


def test_a_pre_approved_product_says_what_it_waits_for() -> None:
    status = review_status(
        ReviewFacts(audit_status="PRE_APPROVED", pre_approved_reasons=["KYC_PENDING"])
    )
    assert status.awaiting_tiktok
    assert status.describe("ja").splitlines() == [
        "審査通過(公開待ち)",
        "  待ち: 本人確認(KYC)の完了",
    ]


def test_only_review_and_pre_approval_are_worth_polling() -> None:
    polled = {state for state in ListingState if ReviewStatus(state=state).awaiting_tiktok}
    assert polled == {ListingState.IN_REVIEW, ListingState.PRE_APPROVED}


def test_an_unknown_status_keeps_tiktoks_text() -> None:
    status = review_status(ReviewFacts(status="scheduled", audit_status="x"))
    assert status.raw_status == "SCHEDULED / X"
    assert status.describe("en") == "unknown status (SCHEDULED / X)"


def test_the_first_pass_notification_means_live_and_a_failure_carries_its_reason() -> None:
    live = notification_status("PRODUCT_FIRST_PASS_REVIEW")
    failed = notification_status("PRODUCT_AUDIT_FAILURE", "prohibited words in title")
    assert live is not None and live.state is ListingState.LIVE
    assert failed is not None and failed.state is ListingState.REJECTED
    assert failed.failures[0].reasons == ("prohibited words in title",)


def test_a_status_changed_notification_says_to_read_the_product() -> None:
    assert notification_status("PRODUCT_STATUS_CHANGED") is None


def test_every_state_has_a_japanese_and_an_english_label() -> None:
    for state in ListingState:
        assert state.label_ja and state.label_en and state.label_ja != state.label_en
