"""The after-sales look-up models: TikTok's quirks in their examples, buyers' words masked.

Get Reject Reasons, Get Return Records, Get Aftersale Eligibility and Calculate Refund are
called by ``shop.returns``; their official examples are contract fixtures like every called
endpoint's (checked field for field by the conformance suite). These tests add what is
particular to them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from conformance.fixtures import load_fixture
from spec_oracle import find, require_spec
from spec_oracle.fields import enum_fields
from tiktokshop_sync.types import aftersales
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.statuses import RequestRole

#: document id -> (method, path, model of its ``data``)
LOOK_UPS = {
    "get-reject-reasons-202309": (
        "GET",
        "/return_refund/202309/reject_reasons",
        aftersales.RejectReasons,
    ),
    "get-return-records-202309": (
        "GET",
        "/return_refund/202309/returns/{return_id}/records",
        aftersales.ReturnRecords,
    ),
    "get-aftersale-eligibility-202309": (
        "GET",
        "/return_refund/202309/orders/{order_id}/aftersale_eligibility",
        aftersales.AftersaleEligibility,
    ),
    "calculate-refund-202309": (
        "POST",
        "/return_refund/202309/refunds/calculate",
        aftersales.RefundCalculation,
    ),
}


def data(document_id: str) -> Any:
    """The ``data`` of the official example of ``document_id``."""
    return load_fixture(f"return-and-refund/{document_id}").response["data"]


def test_the_enum_fields_are_found_so_the_enum_check_checks_something() -> None:
    require_spec()
    found = {
        (document_id, path, enum)
        for document_id, (method, path_, model) in LOOK_UPS.items()
        for path, enum, _ in enum_fields(model, find(method, path_).data)
    }
    assert ("get-return-records-202309", "records.role", RequestRole) in found
    assert (
        "get-aftersale-eligibility-202309",
        "sku_eligibility.line_item_eligibility.request_type",
        aftersales.AftersaleRequestType,
    ) in found


@pytest.mark.parametrize("document_id", LOOK_UPS)
def test_every_value_the_descriptions_list_is_a_member_of_the_fields_enum(
    document_id: str,
) -> None:
    require_spec()
    method, path, model = LOOK_UPS[document_id]
    missing = [
        f"{where}: {value}"
        for where, enum, param in enum_fields(model, find(method, path).data)
        for value in param.enum
        if value not in {member.value for member in enum}
    ]
    assert missing == []


@pytest.mark.parametrize("document_id", LOOK_UPS)
def test_the_official_example_validates_in_strict_mode_with_nothing_left_over(
    document_id: str,
) -> None:
    model = LOOK_UPS[document_id][2]
    with strict_models():
        parsed = model.model_validate(data(document_id))
    assert not parsed.model_extra


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
