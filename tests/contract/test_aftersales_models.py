"""The after-sales look-up models: TikTok's quirks in their examples, buyers' words masked.

Get Reject Reasons, Get Return Records, Get Aftersale Eligibility and Calculate Refund have no
SDK call yet; what every model-only endpoint is checked for (its official example, lenient and
strict, field for field, enums) is in ``test_models_only.py``.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from models_only import AFTERSALES, data
from spec_oracle import catalog, find, require_spec
from spec_oracle.fields import enum_fields
from tiktokshop_sync.types import aftersales
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.statuses import RequestRole


def test_the_enum_fields_are_found_so_the_enum_check_checks_something() -> None:
    require_spec()
    found = {
        (endpoint.document_id, path, enum)
        for endpoint in AFTERSALES
        for path, enum, _ in enum_fields(endpoint.model, find(endpoint.method, endpoint.path).data)
    }
    assert ("get-return-records-202309", "records.role", RequestRole) in found
    assert (
        "get-aftersale-eligibility-202309",
        "sku_eligibility.line_item_eligibility.request_type",
        aftersales.AftersaleRequestType,
    ) in found


def test_the_fixtures_cover_every_after_sales_endpoint_without_a_call() -> None:
    require_spec()
    wanted = {"Get Reject Reasons", "Get Return Records", "Get Aftersale Eligibility"}
    wanted |= {"Calculate Refund"}
    ids = {e.document_id for e in catalog().values() if e.title in wanted}
    assert ids == {e.document_id for e in AFTERSALES}


def test_the_reject_reason_is_a_key_to_send_back_and_a_text_to_show() -> None:
    reasons = aftersales.RejectReasons.model_validate(data("get-reject-reasons-202309"))
    [reason] = reasons.reasons
    assert reason.name == "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer"
    assert reason.text == "You have reached an agreement with the buyer"
    assert "seller_reject_apply_you_have_reached" in repr(reason)


def test_a_record_role_written_in_title_case_is_the_documented_role_even_when_strict() -> None:
    with strict_models():
        records = aftersales.ReturnRecords.model_validate(data("get-return-records-202309"))
    [record] = records.records
    assert record.role is RequestRole.BUYER
    assert record.event is aftersales.ReturnRecordEvent.ORDER_RETURN
    assert record.create_time is not None
    assert record.create_time.isoformat() == "2023-07-28T08:16:53+00:00"
    assert record.videos[0].duration_millis == 3000
    assert record.images[0].width == 200


def test_an_unknown_record_role_is_kept_leniently_and_refused_when_strict() -> None:
    raw = {"role": "Robot"}
    with strict_models(False):
        record = aftersales.ReturnRecord.model_validate(raw)
    assert record.role is not None and not record.role.is_known
    with strict_models(), pytest.raises(ValidationError):
        aftersales.ReturnRecord.model_validate(raw)


def test_a_records_buyer_note_and_reason_are_masked_in_its_repr() -> None:
    record = aftersales.ReturnRecord.model_validate(
        {
            "role": "BUYER",
            "description": "Customer submitted a return request",
            "reason_text": "サイズが合わない、090-1234-5678 に電話ください",
            "note": "山田花子です。玄関前に置いてください",
        }
    )
    shown = repr(record)
    assert "090-1234-5678" not in shown and "山田花子" not in shown
    assert "note='***'" in shown and "reason_text='***'" in shown
    assert "Customer submitted a return request" in shown
    assert record.note.startswith("山田花子")


def test_the_eligibility_example_reads_as_a_refund_the_line_item_may_get() -> None:
    with strict_models():
        eligibility = aftersales.AftersaleEligibility.model_validate(
            data("get-aftersale-eligibility-202309")
        )
    [sku] = eligibility.sku_eligibility
    [line] = sku.line_item_eligibility
    assert sku.sku_id == "1729385144994206632"
    assert line.request_type is aftersales.AftersaleRequestType.REFUND
    assert line.order_line_items_ids == ["576469648086306000"]
    assert line.eligible is True
    assert (line.ineligible_code, line.ineligible_reason) == (25001001, "invalid order status")


def test_the_calculated_refund_is_exact_decimals_that_add_up_to_the_total() -> None:
    calculation = aftersales.RefundCalculation.model_validate(data("calculate-refund-202309"))
    amount = calculation.order_refund_amount
    assert amount is not None
    assert amount.currency == "USD"
    assert amount.refund_subtotal is not None and amount.refund_shipping_fee is not None
    assert amount.refund_tax is not None
    assert amount.refund_total == Decimal("1.23")
    assert amount.refund_subtotal + amount.refund_shipping_fee + amount.refund_tax == Decimal(
        "1.23"
    )
    assert amount.retail_delivery_fee == Decimal("0.1")
