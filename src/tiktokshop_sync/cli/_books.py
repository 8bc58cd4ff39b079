"""The CLI's books for ``settlement report``: the files the other commands wrote, read back.

A :class:`~tiktokshop_sync.workflows.SettlementBooks` over three files: the JSON lines
``settlement run --out`` appended (statements and payouts, the last line of each key wins), the
JSON lines ``import run --out`` appended (the orders booked, less those cancelled whole) and a
bank deposits file (CSV or JSON lines: ``payment_id``, ``amount``, ``received_on``, optional
``currency`` and ``shop``). Every file is read on every call, as it is then.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, tzinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import attrs

from tiktokshop_sync.domain import (
    BankDeposit,
    Component,
    ComponentKind,
    DomainError,
    LineKind,
    Payout,
    RecordedOrder,
    ReportPeriod,
    SettlementLine,
    SettlementStatement,
)
from tiktokshop_sync.domain.business_days import JST

from ._errors import InputError
from ._files import amount, read_rows

__all__ = ["DEPOSIT_COLUMNS", "FileBooks"]

T = TypeVar("T")

#: A deposits file's columns (the first three required); ``currency`` defaults to JPY.
DEPOSIT_COLUMNS = ("payment_id", "amount", "received_on", "currency", "shop")


@attrs.frozen
class _Held:
    """What the settlement file holds for a shop: the newest state of each key."""

    statements: dict[str, SettlementStatement]
    payouts: dict[str, Payout]


class FileBooks:
    """The host's books from files, the period chosen as a month's close (月次締め) does.

    The period's statements are those dated in it (in ``zone``, Japan by default); its payouts
    those that pay them; its orders those its statements settle and those created by its end
    that no statement in the file settles yet; its deposits those received in it or paying its
    payouts.
    """

    def __init__(
        self,
        *,
        settlements: Path,
        orders: Path,
        deposits: Path | None = None,
        encoding: str = "utf-8-sig",
        zone: tzinfo = JST,
    ) -> None:
        self.settlements = settlements
        self.orders = orders
        self.deposits = deposits
        self.encoding = encoding
        self.zone = zone

    def settled_statements(self, shop: str, period: ReportPeriod) -> list[SettlementStatement]:
        """The statements dated in ``period``, each in its newest state."""
        held = self._held(shop)
        return [s for s in held.statements.values() if self._dated_in(s, period)]

    def settled_payouts(self, shop: str, period: ReportPeriod) -> list[Payout]:
        """The payouts that pay the period's statements, each in its newest status."""
        held = self._held(shop)
        named = {
            s.payment_id
            for s in held.statements.values()
            if s.payment_id and self._dated_in(s, period)
        }
        return [p for p in held.payouts.values() if p.payment_id in named]

    def recorded_orders(self, shop: str, period: ReportPeriod) -> list[RecordedOrder]:
        """The booked orders the period's statements settle, and those created by its end
        that no statement settles yet."""
        held = self._held(shop)
        settled_in: dict[str, bool] = {}
        for s in held.statements.values():
            inside = self._dated_in(s, period)
            for line in s.lines:
                if line.order_id:
                    settled_in[line.order_id] = settled_in.get(line.order_id, False) or inside
        return [
            order
            for order, created in self._booked(shop).values()
            if settled_in.get(order.order_id, created is None or self._by_end(created, period))
        ]

    def bank_deposits(self, shop: str, period: ReportPeriod) -> list[BankDeposit]:
        """Deposits received in ``period`` or paying one of its payouts."""
        if self.deposits is None:
            return []
        paying = {p.payment_id for p in self.settled_payouts(shop, period)}
        found: list[BankDeposit] = []
        for number, row in read_rows(self.deposits, encoding=self.encoding):
            missing = [c for c in DEPOSIT_COLUMNS[:3] if c not in row]
            if missing:
                raise InputError(
                    f"{self.deposits} has no {', '.join(missing)} column(s); a deposits file "
                    f"needs {', '.join(DEPOSIT_COLUMNS[:3])} (currency and shop optional)."
                )
            wanted = str(row.get("shop") or "").strip()
            if wanted and wanted != shop:
                continue
            deposit = _build(f"{self.deposits} line {number}", row, _deposit)
            inside = period.first_day <= deposit.received_on <= period.last_day
            if inside or deposit.payment_id in paying:
                found.append(deposit)
        return found

    def _by_end(self, created: datetime, period: ReportPeriod) -> bool:
        return created.astimezone(self.zone).date() <= period.last_day

    def _dated_in(self, statement: SettlementStatement, period: ReportPeriod) -> bool:
        day = statement.statement_time.astimezone(self.zone).date()
        return period.first_day <= day <= period.last_day

    def _held(self, shop: str) -> _Held:
        statements: dict[str, SettlementStatement] = {}
        payouts: dict[str, Payout] = {}
        for number, row in read_rows(self.settlements, encoding=self.encoding):
            if not str(row.get("key", "")).startswith(f"{shop}:"):
                continue
            where = f"{self.settlements} line {number}"
            if row.get("event") == "statement":
                statement = _build(where, row, _statement)
                statements[statement.statement_id] = statement
            elif row.get("event") == "payout":
                payout = _build(where, row, _payout)
                payouts[payout.payment_id] = payout
        return _Held(statements=statements, payouts=payouts)

    def _booked(self, shop: str) -> dict[str, tuple[RecordedOrder, datetime | None]]:
        booked: dict[str, tuple[RecordedOrder, datetime | None]] = {}
        for number, row in read_rows(self.orders, encoding=self.encoding):
            if row.get("shop") != shop:
                continue
            order_id = str(row.get("order_id") or "")
            if row.get("event") == "cancel" and not row.get("line_item_ids"):
                booked.pop(order_id, None)
            elif row.get("event") == "order" and row.get("product_price") is not None:
                where = f"{self.orders} line {number}"
                booked[order_id] = _build(
                    where, row, lambda r: (_recorded(r), _time(r.get("created_at")))
                )
        return booked


def _build(where: str, row: Mapping[str, Any], build: Callable[[Mapping[str, Any]], T]) -> T:
    try:
        return build(row)
    except KeyError as error:
        raise InputError(f"{where}: the {error.args[0]} field is missing.") from None
    except InvalidOperation:
        raise InputError(f"{where}: an amount is not a number.") from None
    except (DomainError, TypeError, ValueError) as error:
        raise InputError(f"{where}: {error}") from None


def _time(value: Any) -> datetime | None:
    return None if value in (None, "") else datetime.fromisoformat(str(value))


def _statement(row: Mapping[str, Any]) -> SettlementStatement:
    return SettlementStatement(
        statement_id=row["statement_id"],
        statement_time=datetime.fromisoformat(row["statement_time"]),
        currency=row["currency"],
        settlement=amount(row["settlement"]),
        reserve=amount(row.get("reserve", 0)),
        payment_id=row.get("payment_id") or "",
        payment_status=row.get("payment_status") or "",
        lines=[_line(line) for line in row.get("lines") or ()],
    )


def _line(line: Mapping[str, Any]) -> SettlementLine:
    return SettlementLine(
        transaction_id=line["transaction_id"],
        kind=LineKind(line["kind"]),
        type=line.get("type") or "",
        order_id=line.get("order_id") or "",
        revenue=amount(line.get("revenue", 0)),
        shipping=amount(line.get("shipping", 0)),
        fee_tax=amount(line.get("fee_tax", 0)),
        adjustment=amount(line.get("adjustment", 0)),
        reserve=amount(line.get("reserve", 0)),
        settlement=amount(line["settlement"]),
        components=[
            Component(
                kind=ComponentKind(c["kind"]), code=c.get("code") or "", amount=amount(c["amount"])
            )
            for c in line.get("components") or ()
        ],
    )


def _payout(row: Mapping[str, Any]) -> Payout:
    return Payout(
        payment_id=row["payment_id"],
        status=row.get("status") or "",
        currency=row["currency"],
        settlement=amount(row["settlement"]),
        reserve=amount(row.get("reserve", 0)),
        amount=amount(row["amount"]),
        amount_currency=row.get("amount_currency") or row["currency"],
        created_at=_time(row.get("created_at")),
        paid_at=_time(row.get("paid_at")),
    )


def _recorded(row: Mapping[str, Any]) -> RecordedOrder:
    # As the order import books it (ImportedOrder.settlement_revenue): prices less the
    # seller's own discounts; platform discounts stay in, TikTok pays them.
    price = amount(row["product_price"])
    discount = row.get("seller_discount")
    return RecordedOrder(
        order_id=row["order_id"],
        currency=row["currency"],
        revenue=price - (amount(discount) if discount not in (None, "") else Decimal(0)),
    )


def _deposit(row: Mapping[str, Any]) -> BankDeposit:
    received = str(row["received_on"]).strip().replace("/", "-")
    return BankDeposit(
        payment_id=str(row["payment_id"]).strip(),
        amount=amount(row["amount"]),
        currency=str(row.get("currency") or "JPY").strip(),
        received_on=date.fromisoformat(received[:10]),
    )
