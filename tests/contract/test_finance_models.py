"""The finance and price-detail wire models: amounts, TikTok's quirks, the endpoints covered.

What every called endpoint is checked for (its official example through the public call,
lenient and strict, field for field, enums) is in ``test_reply_examples.py`` and
``test_model_fields.py``; these are the finance models' own checks on the same examples.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from conformance.calls import SDK_CALLS, SdkCall
from conformance.fixtures import load_fixture
from spec_oracle import catalog, find, require_spec
from tiktokshop_sync.types import finance
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.price_detail import PriceDetail

#: The public calls of the finance endpoints and of Get Price Detail.
FINANCE = [c for c in SDK_CALLS if c.fixture.startswith(("finance/", "orders/get-price-detail"))]
_ids = pytest.mark.parametrize("call", FINANCE, ids=lambda c: c.name)


def _model(call: SdkCall) -> type[BaseModel]:
    """The model that reads the whole of the call's ``data``, or the one under its list key."""
    if "" in call.reply:
        return call.reply[""]
    [(_key, model)] = call.reply.items()
    return model


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
def test_every_amount_in_the_official_example_is_a_decimal_never_a_float(call: SdkCall) -> None:
    data = load_fixture(call.fixture).response["data"]
    model = _model(call)
    key = next(iter(call.reply))
    parsed = (
        [model.model_validate(item) for item in data[key]] if key else [model.model_validate(data)]
    )
    leaves = _leaves(parsed)
    assert not [leaf for leaf in leaves if isinstance(leaf, float)]
    assert any(isinstance(leaf, Decimal) for leaf in leaves)


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


def test_the_sdk_calls_every_finance_endpoint_in_the_snapshot_and_price_detail() -> None:
    require_spec()
    finance_ids = {f"finance/{e.document_id}" for e in catalog().values() if e.group == "finance"}
    assert finance_ids | {"orders/get-price-detail-202407"} == {c.fixture for c in FINANCE}
    assert any(_model(c) is PriceDetail for c in FINANCE)
