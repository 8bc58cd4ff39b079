"""FileBooks: the settlement report's books read back from the files the CLI wrote, the period
chosen as a month's close does (statements dated in it, Japan time)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from tiktokshop_sync.cli._books import FileBooks
from tiktokshop_sync.cli._errors import InputError
from tiktokshop_sync.cli._settlement import JsonLinesSettlementSink
from tiktokshop_sync.domain import (
    Component,
    ComponentKind,
    LineKind,
    Payout,
    ReportPeriod,
    SettlementLine,
    SettlementStatement,
)
from tiktokshop_sync.workflows import ImportedPayout, ImportedSettlement, SettlementBooks

SHOP = "ROW_shop"
JUNE = ReportPeriod(first_day=date(2025, 6, 1), last_day=date(2025, 6, 30))


def _statement(
    statement_id: str, at: datetime, order_id: str, payment_id: str
) -> SettlementStatement:
    line = SettlementLine(
        transaction_id=f"t-{order_id}",
        kind=LineKind.ORDER,
        type="ORDER",
        order_id=order_id,
        revenue=Decimal(1000),
        fee_tax=Decimal(-70),
        settlement=Decimal(930),
        components=[
            Component(
                kind=ComponentKind.SALES,
                code="subtotal_before_discount_amount",
                amount=Decimal(1000),
            ),
            Component(
                kind=ComponentKind.COMMISSION,
                code="platform_commission_amount",
                amount=Decimal(-70),
            ),
        ],
    )
    return SettlementStatement(
        statement_id=statement_id,
        statement_time=at,
        currency="JPY",
        settlement=Decimal(930),
        payment_id=payment_id,
        payment_status="PAID",
        lines=[line],
    )


def _payout(payment_id: str) -> Payout:
    return Payout(
        payment_id=payment_id,
        status="PAID",
        currency="JPY",
        settlement=Decimal(930),
        amount=Decimal(930),
        paid_at=datetime(2025, 7, 2, tzinfo=timezone.utc),
    )


def _order(order_id: str, price: int, event: str = "order", **extra: object) -> str:
    record = {"event": event, "shop": SHOP, "order_id": order_id, "currency": "JPY"}
    if event == "order":
        record |= {"product_price": str(price), "seller_discount": "0"}
    return json.dumps(record | extra)


@pytest.fixture
def files(tmp_path: Path) -> FileBooks:
    sink = JsonLinesSettlementSink(tmp_path / "settlements.jsonl")
    june = _statement("S-june", datetime(2025, 6, 10, 0, tzinfo=timezone.utc), "o-june", "P-june")
    # 2025-06-30 15:00 UTC is July 1st in Japan: the July close's statement.
    july = _statement("S-july", datetime(2025, 6, 30, 15, tzinfo=timezone.utc), "o-july", "P-july")
    sink.settle([ImportedSettlement(shop=SHOP, statement=s, reason="new") for s in (june, july)])
    sink.paid([ImportedPayout(shop=SHOP, payout=_payout(p)) for p in ("P-june", "P-july")])
    orders = tmp_path / "orders.jsonl"
    orders.write_text(
        "\n".join(
            [
                _order("o-june", 900),
                _order("o-june", 1000),  # a newer version: the last line wins
                _order("o-july", 1000),
                _order("o-open", 2000, created_at="2025-06-29T10:00:00+00:00"),  # unsettled
                _order("o-next", 3000, created_at="2025-06-30T16:00:00+00:00"),  # July in JST
                _order("o-cancelled", 500),
                _order("o-cancelled", 0, event="cancel", line_item_ids=[]),
                _order("o-other-shop", 700, shop="ROW_other"),
            ]
        ),
        encoding="utf-8",
    )
    deposits = tmp_path / "bank.csv"
    deposits.write_text(
        "payment_id,amount,received_on\n"
        "P-june,930,2025/07/03\n"  # after June, but it pays June's payout
        "P-unknown,100,2025-06-20\n"  # in June, naming a payout the books do not have
        "P-july,930,2025-07-03\n",
        encoding="utf-8",
    )
    return FileBooks(settlements=sink.path, orders=orders, deposits=deposits)


def test_file_books_implement_the_port(files: FileBooks) -> None:
    assert isinstance(files, SettlementBooks)


def test_statements_read_back_equal_what_the_sink_wrote(files: FileBooks) -> None:
    [june] = files.settled_statements(SHOP, JUNE)
    assert june == _statement(
        "S-june", datetime(2025, 6, 10, 0, tzinfo=timezone.utc), "o-june", "P-june"
    )


def test_a_statement_dated_after_the_period_in_japan_and_its_payout_are_left_out(
    files: FileBooks,
) -> None:
    assert [s.statement_id for s in files.settled_statements(SHOP, JUNE)] == ["S-june"]
    assert [p.payment_id for p in files.settled_payouts(SHOP, JUNE)] == ["P-june"]


def test_the_periods_orders_are_those_it_settles_and_those_created_in_it_not_settled_yet(
    files: FileBooks,
) -> None:
    recorded = {r.order_id: r.revenue for r in files.recorded_orders(SHOP, JUNE)}
    assert recorded == {"o-june": Decimal(1000), "o-open": Decimal(2000)}


def test_deposits_received_in_the_period_or_paying_its_payouts_are_kept(
    files: FileBooks,
) -> None:
    kept = {(d.payment_id, d.received_on) for d in files.bank_deposits(SHOP, JUNE)}
    assert kept == {("P-june", date(2025, 7, 3)), ("P-unknown", date(2025, 6, 20))}


def test_a_bad_settlement_line_is_refused_naming_the_file_and_line(tmp_path: Path) -> None:
    settled = tmp_path / "s.jsonl"
    settled.write_text(
        json.dumps({"event": "payout", "key": f"{SHOP}:P1", "payment_id": "P1", "currency": "JPY"})
    )
    books = FileBooks(settlements=settled, orders=tmp_path / "none.jsonl")
    with pytest.raises(InputError, match=r"s\.jsonl line 1: the settlement field is missing"):
        books.settled_payouts(SHOP, JUNE)
