"""The after-sales look-up models are TikTok's documented objects, field for field.

Get Reject Reasons, Get Return Records, Get Aftersale Eligibility and Calculate Refund have no
SDK call yet, so their official response examples are stored under
``models_only/return-and-refund/`` with where they came from (the call conformance suite owns
only the examples of calls the SDK makes); where the snapshot is present, each fixture must
still be the snapshot's example verbatim.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from pydantic import BaseModel, ValidationError

from spec_oracle import catalog, find, require_spec
from spec_oracle.fields import enum_fields, model_fields_match
from tiktokshop_sync.types import aftersales
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.statuses import RequestRole

FIXTURES = Path(__file__).parent / "models_only" / "return-and-refund"


@attrs.frozen
class Documented:
    """An endpoint, exactly as versioned in the snapshot, and the model of its ``data``."""

    document_id: str
    method: str
    path: str
    model: type[BaseModel]


ENDPOINTS = (
    Documented(
        document_id="get-reject-reasons-202309",
        method="GET",
        path="/return_refund/202309/reject_reasons",
        model=aftersales.RejectReasons,
    ),
    Documented(
        document_id="get-return-records-202309",
        method="GET",
        path="/return_refund/202309/returns/{return_id}/records",
        model=aftersales.ReturnRecords,
    ),
    Documented(
        document_id="get-aftersale-eligibility-202309",
        method="GET",
        path="/return_refund/202309/orders/{order_id}/aftersale_eligibility",
        model=aftersales.AftersaleEligibility,
    ),
    Documented(
        document_id="calculate-refund-202309",
        method="POST",
        path="/return_refund/202309/refunds/calculate",
        model=aftersales.RefundCalculation,
    ),
)

# Calculate Refund's order_refund_amount is Search Returns' RefundAmount, which also carries
# buyer_service_fee (documented there, not here): one refund amount model for both replies.
UNDOCUMENTED_OK = {"calculate-refund-202309": ("order_refund_amount.buyer_service_fee",)}

_ids = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.document_id)


def _fixture(endpoint: Documented) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (FIXTURES / f"{endpoint.document_id}.json").read_text(encoding="utf-8")
    )
    return loaded


def _data(document_id: str) -> Any:
    endpoint = next(e for e in ENDPOINTS if e.document_id == document_id)
    return _fixture(endpoint)["response"]["data"]


@_ids
def test_the_fixture_says_where_it_came_from(endpoint: Documented) -> None:
    provenance = _fixture(endpoint)["provenance"]
    assert provenance["document_id"] == endpoint.document_id
    assert provenance["endpoint"] == f"{endpoint.method} {endpoint.path}"
    assert provenance["snapshot"].startswith("lazykern/ecommerce-api-docs at commit eba059e")
    assert provenance["spec"].startswith("api/return-and-refund/")
    assert provenance["copied"]


@_ids
def test_the_fixture_is_the_snapshots_official_example_verbatim(endpoint: Documented) -> None:
    require_spec()
    documented = find(endpoint.method, endpoint.path)
    assert documented.document_id == endpoint.document_id
    assert _fixture(endpoint)["response"] == documented.response_example


@_ids
def test_the_official_example_validates_leniently_with_nothing_left_over(
    endpoint: Documented,
) -> None:
    with strict_models(False):
        parsed = endpoint.model.model_validate(_fixture(endpoint)["response"]["data"])
    assert not parsed.model_extra


@_ids
def test_the_official_example_validates_in_strict_mode(endpoint: Documented) -> None:
    with strict_models():
        parsed = endpoint.model.model_validate(_fixture(endpoint)["response"]["data"])
    assert parsed is not None


@_ids
def test_the_model_declares_every_documented_field_and_nothing_else(endpoint: Documented) -> None:
    require_spec()
    data = find(endpoint.method, endpoint.path).data
    assert data is not None
    allowed = UNDOCUMENTED_OK.get(endpoint.document_id, ())
    assert model_fields_match(endpoint.model, data, undocumented_ok=allowed) == []


@_ids
def test_every_value_the_descriptions_list_is_a_member_of_the_fields_enum(
    endpoint: Documented,
) -> None:
    require_spec()
    data = find(endpoint.method, endpoint.path).data
    assert data is not None
    missing = [
        f"{path}: {value}"
        for path, enum, param in enum_fields(endpoint.model, data)
        for value in param.enum
        if value not in {member.value for member in enum}
    ]
    assert missing == []


def test_the_enum_fields_are_found_so_the_enum_check_checks_something() -> None:
    require_spec()
    found = {
        (endpoint.document_id, path, enum)
        for endpoint in ENDPOINTS
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
    assert ids == {e.document_id for e in ENDPOINTS}


def test_the_reject_reason_is_a_key_to_send_back_and_a_text_to_show() -> None:
    reasons = aftersales.RejectReasons.model_validate(_data("get-reject-reasons-202309"))
    [reason] = reasons.reasons
    assert reason.name == "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer"
    assert reason.text == "You have reached an agreement with the buyer"
    assert "seller_reject_apply_you_have_reached" in repr(reason)


def test_a_record_role_written_in_title_case_is_the_documented_role_even_when_strict() -> None:
    with strict_models():
        records = aftersales.ReturnRecords.model_validate(_data("get-return-records-202309"))
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
            _data("get-aftersale-eligibility-202309")
        )
    [sku] = eligibility.sku_eligibility
    [line] = sku.line_item_eligibility
    assert sku.sku_id == "1729385144994206632"
    assert line.request_type is aftersales.AftersaleRequestType.REFUND
    assert line.order_line_items_ids == ["576469648086306000"]
    assert line.eligible is True
    assert (line.ineligible_code, line.ineligible_reason) == (25001001, "invalid order status")


def test_the_calculated_refund_is_exact_decimals_that_add_up_to_the_total() -> None:
    calculation = aftersales.RefundCalculation.model_validate(_data("calculate-refund-202309"))
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
