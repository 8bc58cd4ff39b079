"""Inputs TikTok documents and the SDK now takes: each sent where and as TikTok says."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest

from tiktokshop_sync import InvalidArgumentError
from tiktokshop_sync.resources import logistics, products, returns
from tiktokshop_sync.types.returns import ReturnDecision

# --- approve return: partial refunds, replacement refunds, returnless refunds -----------------


def test_a_partial_refund_is_offered_with_its_amount_and_currency() -> None:
    body = returns.approve_return_body(
        "OFFER_PARTIAL_REFUND", partial_refund={"amount": Decimal("500"), "currency": "JPY"}
    )
    assert body == {
        "decision": "OFFER_PARTIAL_REFUND",
        "partial_refund": {"currency": "JPY", "amount": "500"},
    }


def test_a_partial_refund_is_in_yen_unless_told_otherwise() -> None:
    body = returns.approve_return_body("OFFER_PARTIAL_REFUND", partial_refund={"amount": 1200})
    assert body["partial_refund"] == {"currency": "JPY", "amount": "1200"}


def test_a_partial_refund_with_another_decision_is_refused_so_it_cannot_refund_in_full() -> None:
    with pytest.raises(InvalidArgumentError, match="OFFER_PARTIAL_REFUND"):
        returns.approve_return_body("APPROVE_REFUND", partial_refund={"amount": 10})


def test_offering_a_partial_refund_without_the_amount_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="partial_refund"):
        returns.approve_return_body(ReturnDecision.OFFER_PARTIAL_REFUND)


@pytest.mark.parametrize("amount", [0, -5, "abc", "NaN", 1.5, True, "500.5"])
def test_a_partial_refund_in_yen_must_be_a_positive_whole_amount(amount: object) -> None:
    with pytest.raises(InvalidArgumentError, match="partial_refund amount"):
        returns.approve_return_body(
            "OFFER_PARTIAL_REFUND",
            partial_refund={"amount": amount, "currency": "JPY"},  # type: ignore[typeddict-item]
        )


def test_a_partial_refund_in_a_currency_with_cents_keeps_them() -> None:
    body = returns.approve_return_body(
        "OFFER_PARTIAL_REFUND", partial_refund={"amount": "12.50", "currency": "usd"}
    )
    assert body["partial_refund"] == {"currency": "USD", "amount": "12.50"}


def test_a_returnless_refund_sends_buyer_keep_item_with_approve_return() -> None:
    body = returns.approve_return_body("APPROVE_RETURN", buyer_keep_item=True)
    assert body == {"decision": "APPROVE_RETURN", "buyer_keep_item": True}


def test_buyer_keep_item_with_a_replacement_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="buyer_keep_item"):
        returns.approve_return_body("APPROVE_REPLACEMENT", buyer_keep_item=True)


def test_issuing_a_refund_instead_of_a_replacement_is_an_approval() -> None:
    body = returns.approve_return_body(ReturnDecision.ISSUE_REPLACEMENT_REFUND)
    assert body == {"decision": "ISSUE_REPLACEMENT_REFUND"}


def test_the_approve_only_decisions_are_refused_for_a_rejection() -> None:
    with pytest.raises(InvalidArgumentError, match="REJECT_"):
        returns.reject_return_body("OFFER_PARTIAL_REFUND", "seller_reject_reason", None)


def test_a_misspelt_approval_is_refused_with_the_closest_documented_decision() -> None:
    with pytest.raises(InvalidArgumentError, match="Did you mean 'APPROVE_REFUND'"):
        returns.approve_return_body("APPROVE_REFUNDD")


def test_a_rejection_tiktok_does_not_list_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="REJECT_RECEIVED_PACKAGE"):
        returns.reject_return_body("REJECT_CANCELLATION", "seller_reject_reason", None)


def test_a_rejection_carries_its_evidence_images() -> None:
    body = returns.reject_return_body(
        "REJECT_RECEIVED_PACKAGE",
        "seller_reject_apply_package_damaged",
        "箱が潰れていました",
        [{"image_id": "tos-alisg-i/abc", "mime_type": "image/jpeg", "width": 800, "height": 600}],
    )
    assert body["images"] == [
        {"image_id": "tos-alisg-i/abc", "mime_type": "image/jpeg", "height": 600, "width": 800}
    ]


def test_an_evidence_image_without_its_id_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="image_id"):
        returns.reject_return_body("REJECT_REFUND", "r", None, [{"image_id": " "}])


# --- cancel order by SKU quantities ---------------------------------------------------------


def test_an_order_is_cancelled_by_quantities_of_skus() -> None:
    spec = returns.cancel_spec(
        "577087614418520388",
        "seller_cancel_reason_out_of_stock",
        None,
        [{"sku_id": "1729386416015578024", "quantity": 2}],
    )
    assert spec.json["skus"] == [{"sku_id": "1729386416015578024", "quantity": 2}]


def test_cancelling_zero_of_a_sku_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="quantity"):
        returns.cancel_spec("1", "r", None, [{"sku_id": "2", "quantity": 0}])


# --- search filters -------------------------------------------------------------------------


def test_return_search_sends_buyer_arbitration_and_proposal_filters_and_the_locale() -> None:
    spec = returns.return_pages(
        {
            "buyer_user_ids": ["7493996903972308733"],
            "arbitration_status": ["IN_PROGRESS"],
            "seller_proposed_return_type": ["PARTIAL_REFUND"],
            "locale": "ja-JP",
        }
    )(None)
    assert spec.json == {
        "buyer_user_ids": ["7493996903972308733"],
        "arbitration_status": ["IN_PROGRESS"],
        "seller_proposed_return_type": ["PARTIAL_REFUND"],
        "locale": "ja-JP",
    }


def test_cancellation_search_takes_buyers_and_the_locale() -> None:
    spec = returns.cancellation_pages({"buyer_user_ids": ["1"], "locale": "ja-JP"})(None)
    assert spec.json == {"buyer_user_ids": ["1"], "locale": "ja-JP"}


def test_no_locale_is_sent_unless_asked_so_tiktok_keeps_its_default() -> None:
    assert "locale" not in returns.cancellation_pages({})(None).json


@pytest.mark.parametrize("locale", ["", "japanese", "ja_JP", "ja-JP;", 5])
def test_a_locale_that_is_not_a_bcp47_code_is_refused(locale: object) -> None:
    with pytest.raises(InvalidArgumentError, match="locale"):
        returns.return_pages({"locale": locale})  # type: ignore[typeddict-item]


def test_product_search_sends_audit_quality_platform_subscription_and_draft_filters() -> None:
    spec = products.search_pages(
        {
            "status": "ALL",
            "audit_status": ["AUDITING"],
            "listing_quality_tiers": ["POOR", "FAIR"],
            "listing_platforms": ["TIKTOK_SHOP"],
            "sns_filter": "CONFIGURED",
            "return_draft_version": True,
        }
    )(None)
    assert spec.json == {
        "status": "ALL",
        "audit_status": ["AUDITING"],
        "listing_quality_tiers": ["POOR", "FAIR"],
        "listing_platforms": ["TIKTOK_SHOP"],
        "sns_filter": "CONFIGURED",
        "return_draft_version": True,
    }


def test_a_product_audit_filter_tiktok_does_not_list_is_refused_with_the_valid_ones() -> None:
    with pytest.raises(InvalidArgumentError, match="AUDITING, FAILED, APPROVED"):
        products.search_pages({"audit_status": ["PENDING"]})  # type: ignore[list-item]


def test_get_product_can_read_the_version_under_review_or_the_draft_in_a_locale() -> None:
    spec = products.get_spec(
        "1729592969712207008",
        return_under_review_version=True,
        return_draft_version=False,
        locale="ja-JP",
    )
    assert spec.query == {
        "return_under_review_version": True,
        "return_draft_version": False,
        "locale": "ja-JP",
    }
    assert products.get_spec("1").query == {}


def test_activation_can_name_the_listing_platforms() -> None:
    spec = products.status_spec("activate", ["1"], ["TIKTOK_SHOP", "TOKOPEDIA"])
    assert spec.json == {"product_ids": ["1"], "listing_platforms": ["TIKTOK_SHOP", "TOKOPEDIA"]}


def test_delivery_options_can_be_those_a_product_may_be_given() -> None:
    assert logistics.delivery_options_spec("7000", "PRODUCT").query == {"scope": "PRODUCT"}
    assert logistics.delivery_options_spec("7000").query == {}


def test_a_delivery_option_scope_tiktok_does_not_list_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="WAREHOUSE, PRODUCT"):
        logistics.delivery_options_spec("7000", "SHOP")  # type: ignore[arg-type]


def test_time_filters_still_go_out_as_unix_seconds_next_to_the_new_ones() -> None:
    start = datetime(2025, 6, 2, tzinfo=timezone.utc)
    spec = returns.return_pages({"create_time_ge": start, "locale": "ja-JP"})(None)
    assert spec.json == {"create_time_ge": int(start.timestamp()), "locale": "ja-JP"}
