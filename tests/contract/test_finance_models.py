"""The finance and price-detail wire models are TikTok's documented objects, field for field.

Each endpoint's official response example is stored under ``models_only/finance/`` (with where
it came from; no SDK call reads them yet, so the call conformance suite does not own them) so
the examples keep testing the models even where the reference snapshot is absent; where it is
present, the fixture must still be the snapshot's example verbatim.
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
from tiktokshop_sync.types import finance, price_detail
from tiktokshop_sync.types._base import strict_models

FIXTURES = Path(__file__).parent / "models_only" / "finance"


@attrs.frozen
class Documented:
    """An endpoint, exactly as versioned in the snapshot, and the model of its ``data``."""

    document_id: str
    method: str
    path: str
    model: type[BaseModel]


ENDPOINTS = (
    Documented(
        document_id="get-statements-202309",
        method="GET",
        path="/finance/202309/statements",
        model=finance.StatementsPage,
    ),
    Documented(
        document_id="get-transactions-by-statement-202501",
        method="GET",
        path="/finance/202501/statements/{statement_id}/statement_transactions",
        model=finance.StatementTransactionsPage,
    ),
    Documented(
        document_id="get-transactions-by-order-202501",
        method="GET",
        path="/finance/202501/orders/{order_id}/statement_transactions",
        model=finance.OrderStatementTransactions,
    ),
    Documented(
        document_id="get-unsettled-transactions-202507",
        method="GET",
        path="/finance/202507/orders/unsettled",
        model=finance.UnsettledTransactionsPage,
    ),
    Documented(
        document_id="get-payments-202309",
        method="GET",
        path="/finance/202309/payments",
        model=finance.PaymentsPage,
    ),
    Documented(
        document_id="get-withdrawals-202309",
        method="GET",
        path="/finance/202309/withdrawals",
        model=finance.WithdrawalsPage,
    ),
    Documented(
        document_id="get-price-detail-202407",
        method="GET",
        path="/order/202407/orders/{order_id}/price_detail",
        model=price_detail.PriceDetail,
    ),
)

_ids = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.document_id)


def _fixture(endpoint: Documented) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (FIXTURES / f"{endpoint.document_id}.json").read_text(encoding="utf-8")
    )
    return loaded


def _leaves(value: Any) -> list[Any]:
    """Every scalar in a validated model, walking nested models, lists and dicts."""
    if isinstance(value, BaseModel):
        return [leaf for name in type(value).model_fields for leaf in _leaves(getattr(value, name))]
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in _leaves(item)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    return [value]


@_ids
def test_the_fixture_says_where_it_came_from(endpoint: Documented) -> None:
    provenance = _fixture(endpoint)["provenance"]
    assert provenance["document_id"] == endpoint.document_id
    assert provenance["snapshot"].startswith("lazykern/ecommerce-api-docs at commit eba059e")
    assert provenance["spec"].endswith(".spec.json")
    assert provenance["copied"]


@_ids
def test_the_fixture_is_the_snapshots_official_example_verbatim(endpoint: Documented) -> None:
    require_spec()
    documented = find(endpoint.method, endpoint.path)
    assert documented.document_id == endpoint.document_id
    assert _fixture(endpoint)["response"] == documented.response_example


@_ids
def test_the_official_example_validates_leniently(endpoint: Documented) -> None:
    with strict_models(False):
        parsed = endpoint.model.model_validate(_fixture(endpoint)["response"]["data"])
    assert not parsed.model_extra


@_ids
def test_the_official_example_validates_in_strict_mode(endpoint: Documented) -> None:
    with strict_models():
        parsed = endpoint.model.model_validate(_fixture(endpoint)["response"]["data"])
    assert parsed is not None


@_ids
def test_every_amount_in_the_official_example_is_a_decimal_never_a_float(
    endpoint: Documented,
) -> None:
    parsed = endpoint.model.model_validate(_fixture(endpoint)["response"]["data"])
    leaves = _leaves(parsed)
    assert not [leaf for leaf in leaves if isinstance(leaf, float)]
    assert any(isinstance(leaf, Decimal) for leaf in leaves)


@_ids
def test_the_model_declares_every_documented_field_and_nothing_else(endpoint: Documented) -> None:
    require_spec()
    data = find(endpoint.method, endpoint.path).data
    assert data is not None
    assert model_fields_match(endpoint.model, data) == []


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


def test_the_transaction_types_include_the_unbulleted_other_adjustment() -> None:
    require_spec()
    desc = find("GET", "/finance/202501/statements/{x}/statement_transactions").data_field(
        "transactions.type"
    )
    assert "`OTHER_ADJUSTMENT`" in desc.desc
    assert finance.TransactionType("OTHER_ADJUSTMENT").is_adjustment


def test_the_withdrawal_values_written_with_full_width_colons_are_members() -> None:
    require_spec()
    withdrawals = find("GET", "/finance/202309/withdrawals")
    for name, enum in (("type", finance.WithdrawalType), ("status", finance.WithdrawalStatus)):
        desc = withdrawals.data_field(f"withdrawals.{name}").desc
        listed = [
            line.split("：")[0].strip("- ").strip() for line in desc.splitlines() if "：" in line
        ]
        assert listed and all(enum(value).is_known for value in listed), (name, listed)


def test_a_reserve_status_matches_whatever_its_case_as_the_official_example_sends_it() -> None:
    with strict_models():
        assert finance.ReserveStatus("Collected") is finance.ReserveStatus.COLLECTED
        assert finance.ReserveStatus("released") is finance.ReserveStatus.RELEASED


def test_an_unknown_transaction_type_is_kept_as_an_adjustment_and_refused_when_strict() -> None:
    raw = {"id": "1", "type": "Violation fee （settlement fee）"}
    with strict_models(False):
        transaction = finance.StatementTransaction.model_validate(raw)
    assert transaction.type is not None
    assert not transaction.type.is_known
    assert transaction.type.is_adjustment
    with strict_models(), pytest.raises(ValidationError):
        finance.StatementTransaction.model_validate(raw)


def test_a_jpy_amount_is_an_exact_decimal_with_no_minor_unit() -> None:
    statement = finance.Statement.model_validate(
        {"id": "1", "currency": "JPY", "settlement_amount": "123456789", "fee_amount": "-0"}
    )
    assert statement.settlement_amount == Decimal("123456789")
    assert statement.settlement_amount.as_tuple().exponent == 0
    assert statement.fee_amount == 0


def test_amounts_read_from_reply_bytes_add_up_exactly() -> None:
    page = finance.StatementsPage.model_validate_json(
        b'{"statements": [{"id": "1", "settlement_amount": "0.1", "fee_amount": "0.2"}]}'
    )
    statement = page.statements[0]
    assert statement.settlement_amount is not None and statement.fee_amount is not None
    assert statement.settlement_amount + statement.fee_amount == Decimal("0.3")


def test_the_estimated_settlement_is_a_time_only_when_tiktok_sends_a_timestamp() -> None:
    at = finance.UnsettledTransaction.model_validate(
        {"id": "1", "estimated_settlement": "1685548800"}
    )
    text = finance.UnsettledTransaction.model_validate(
        {"id": "2", "estimated_settlement": "7 days after delivery"}
    )
    assert at.estimated_settlement_time is not None
    assert at.estimated_settlement_time.isoformat() == "2023-05-31T16:00:00+00:00"
    assert text.estimated_settlement_time is None


def test_a_sku_quantity_sent_as_a_digit_string_is_a_count() -> None:
    sku = finance.SkuTransaction.model_validate({"quantity": "3"})
    assert sku.quantity == 3
    assert finance.SkuTransaction.model_validate({"quantity": ""}).quantity is None


def test_the_payments_bank_account_stays_out_of_its_repr() -> None:
    payment = finance.Payment.model_validate({"id": "1", "bank_account": "***********1234"})
    assert "1234" not in repr(payment)
    assert payment.bank_account == "***********1234"


def test_the_fixtures_cover_every_finance_endpoint_in_the_snapshot() -> None:
    require_spec()
    finance_ids = {e.document_id for e in catalog().values() if e.group == "finance"}
    assert finance_ids <= {e.document_id for e in ENDPOINTS}
