"""Refunds against the settlement: what returns refunded vs what TikTok's lines deducted."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import attrs
import pytest

from return_samples import refund, request
from settlement_samples import refund_line, sale_line
from tiktokshop_sync.domain import (
    RefundCategory,
    RefundReconciliation,
    ReportPeriod,
    SettlementFacts,
    SettlementLine,
    SettlementStatement,
    expected_deduction,
    reconcile,
    reconcile_refunds,
)

PERIOD = ReportPeriod(first_day=date(2025, 9, 1), last_day=date(2025, 9, 30))
SEPT_10 = datetime(2025, 9, 9, 15, tzinfo=timezone.utc)
C = RefundCategory


def _report(*lines: SettlementLine, currency: str = "JPY") -> object:
    statement = SettlementStatement(
        statement_id="S1",
        statement_time=SEPT_10,
        currency=currency,
        settlement=sum((line.settlement for line in lines), Decimal(0)),
        payment_id="P1",
        lines=lines,
    )
    return reconcile(
        SettlementFacts(statements=[statement] if lines else []),
        period=PERIOD,
        as_of=SEPT_10 + timedelta(days=20),
    )


def _returned(**changes: object) -> object:
    """Order A's 3,000-yen sale (3,200 less the seller's 200) refunded in full."""
    fields: dict[str, object] = {
        "status": "RETURN_OR_REFUND_REQUEST_COMPLETE",
        "order_id": "A",
        "refund": refund(3000),
    }
    return request(**{**fields, **changes})  # type: ignore[arg-type]


def _one(returns: list, *lines: SettlementLine) -> object:  # type: ignore[type-arg]
    result = reconcile_refunds(returns, _report(*lines))  # type: ignore[arg-type]
    [check] = result.checks
    return check


def test_a_refund_taken_back_as_the_return_implies_matches() -> None:
    check = _one([_returned()], sale_line(), refund_line())
    assert check.category is C.MATCHING
    assert (check.expected, check.deducted, check.difference) == (
        Decimal(3000),
        Decimal(3000),
        Decimal(0),
    )
    assert {c.code for c in check.explained_by} == {
        "refund_subtotal_before_discount_amount",
        "seller_discount_refund_amount",
    }


def test_the_tiktok_funded_discount_is_taken_back_with_the_refund() -> None:
    # The buyer paid 2,700: 3,000 less TikTok's 300, which TikTok had paid the seller.
    discounted = _returned(refund=refund(2700, platform_discount=Decimal(300)))
    assert expected_deduction(discounted) == (Decimal(3000), "JPY")  # type: ignore[arg-type]
    assert _one([discounted], sale_line(), refund_line()).category is C.MATCHING


def test_a_different_deduction_is_a_difference_with_tiktoks_lines() -> None:
    check = _one([_returned(refund=refund(2500))], sale_line(), refund_line())
    assert check.category is C.DIFFERENT
    assert check.difference == Decimal(500)
    assert check.category.needs_attention
    assert check.describe() == (
        "order A: returns 4035000000000000001 refund 2,500 JPY of revenue, TikTok deducted "
        "3,000 JPY, difference 500 JPY; refund differs from the settlement"
    )
    assert check.describe("ja") == (
        "注文 A: 返品 4035000000000000001 の返金 2,500 JPY、入金明細の控除 3,000 JPY"
        "（差額 500 JPY）。返金と入金明細に差異"
    )


def test_a_settled_order_whose_refund_is_not_deducted_yet_waits() -> None:
    check = _one([_returned()], sale_line())
    assert check.category is C.NOT_YET_DEDUCTED
    assert check.deducted is None
    assert not check.category.needs_attention


def test_a_refund_on_an_order_not_settled_yet_has_nothing_to_compare() -> None:
    result = reconcile_refunds([_returned(order_id="B")], _report(sale_line()))  # type: ignore[list-item]
    [check] = result.checks
    assert (check.order_id, check.category) == ("B", C.NOT_SETTLED)


def test_a_deduction_without_a_refunded_return_needs_attention() -> None:
    check = _one([], sale_line(), refund_line())
    assert check.category is C.DEDUCTED_WITHOUT_RETURN
    assert check.deducted == Decimal(3000)
    assert check.returns == ()
    assert "TikTok deducted 3,000 JPY as refunds" in check.describe()


def test_a_pending_or_rejected_return_is_not_a_refund_yet() -> None:
    pending = _returned(status="RETURN_OR_REFUND_REQUEST_PENDING")
    rejected = _returned(return_id="4035000000000000009", status="REFUND_OR_RETURN_REQUEST_REJECT")
    check = _one([pending, rejected], sale_line(), refund_line())
    assert check.category is C.DEDUCTED_WITHOUT_RETURN


def test_a_return_without_a_refund_amount_cannot_be_compared() -> None:
    check = _one([_returned(refund=None)], sale_line(), refund_line())
    assert check.category is C.UNCOMPARABLE
    assert check.detail == "no refund amount on a return"


def test_lines_that_do_not_itemise_revenue_cannot_be_compared() -> None:
    bare = attrs.evolve(sale_line(), components=())
    check = _one([_returned()], bare)
    assert check.category is C.UNCOMPARABLE
    assert check.detail == "settlement revenue not itemised"


def test_refunds_in_another_currency_than_the_settlement_differ_without_an_amount() -> None:
    check = _one([_returned(refund=refund(20, currency="USD"))], sale_line(), refund_line())
    assert check.category is C.DIFFERENT
    assert check.detail == "refunds USD, settlement JPY"
    assert check.difference is None


def test_two_returns_of_one_order_add_up() -> None:
    first = _returned(refund=refund(1000))
    second = _returned(return_id="4035000000000000002", refund=refund(2000))
    check = _one([first, second], sale_line(), refund_line())
    assert check.category is C.MATCHING
    assert [f.return_id for f in check.returns] == ["4035000000000000001", "4035000000000000002"]


def test_a_snapshot_of_the_same_return_seen_twice_counts_once() -> None:
    check = _one([_returned(), _returned()], sale_line(), refund_line())
    assert check.category is C.MATCHING


def test_an_accepted_partial_refund_is_what_the_refund_takes() -> None:
    partial = _returned(
        seller_proposed="PARTIAL_REFUND",
        partial_refund=Decimal(900),
        partial_refund_currency="JPY",
        buyer_rejected_partial_refund=False,
    )
    assert expected_deduction(partial) == (Decimal(900), "JPY")  # type: ignore[arg-type]
    waiting = attrs.evolve(partial, status="AWAITING_BUYER_RESPONSE")  # type: ignore[misc]
    assert expected_deduction(waiting) == (Decimal(3000), "JPY")


def test_the_reconciliation_counts_every_category_and_says_what_needs_attention() -> None:
    result = reconcile_refunds(
        [_returned(refund=refund(2500)), _returned(return_id="4035000000000000002", order_id="B")],  # type: ignore[list-item]
        _report(sale_line(), refund_line()),  # type: ignore[arg-type]
    )
    assert isinstance(result, RefundReconciliation)
    assert result.counts[C.DIFFERENT] == 1 and result.counts[C.NOT_SETTLED] == 1
    assert not result.ok
    lines = result.describe("ja").splitlines()
    assert lines[0] == "返金と入金明細に差異 1件、注文は未入金 1件"
    assert result.describe().splitlines()[0] == (
        "refund differs from the settlement: 1, order not settled yet: 1"
    )
    assert lines[1].startswith("  注文 A:")
    assert len(lines) == 2


def test_a_report_is_required() -> None:
    with pytest.raises(TypeError, match="ReconciliationReport"):
        reconcile_refunds([], {})  # type: ignore[arg-type]
