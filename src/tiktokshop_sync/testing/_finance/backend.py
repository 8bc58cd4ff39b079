"""The fake's finance desk: delivered orders settle, statements add up, payouts pay them.

An order settles ``settle_after`` its delivery, in the shop's daily statement generated at the
next 00:00 UTC (Get Statements: "generated daily at 00:00 UTC" for the previous day); a refund
the after-sales area decides before that is netted into the order's one transaction, a later
one is a refund transaction of its own in a later statement (a clawback); adjustments go into
the next statement. Each week the statements not paid yet are paid out together. Every total
is the sum of its parts (transactions to statement, statements to payout) unless a fault
(:data:`~tiktokshop_sync.testing._finance.records.FinanceFault`) breaks one on purpose.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from datetime import datetime, time, timedelta, timezone
from typing import Any, Final

import attrs
from attrs import define, field, frozen

from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._errors import ORDER_NOT_OWNED, ParameterError
from tiktokshop_sync.testing._finance.money import (
    REVENUE_FIELDS,
    SETTLED_FEE_FIELDS,
    SETTLED_SHIPPING_FIELDS,
    SETTLED_SHIPPING_INFO_FIELDS,
    SETTLED_TAX_FIELDS,
    SHIPPING_FIELDS,
    SHIPPING_INFO_FIELDS,
    TRANSACTION_INFO_FIELDS,
    UNSETTLED_FEE_FIELDS,
    UNSETTLED_TAX_FIELDS,
    Money,
    SkuMoney,
    Terms,
    breakdown,
    refund_money,
    sale_money,
)
from tiktokshop_sync.testing._finance.records import (
    ADJUSTMENT_TYPES,
    FakeAdjustment,
    FakePayout,
    FakeStatement,
    FakeTransaction,
    FakeWithdrawal,
    FinanceTerms,
)
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._orders.backend import OrderBook, OrderCreated, OrderStatusChanged
from tiktokshop_sync.testing._orders.records import FakeOrder
from tiktokshop_sync.testing._paging import PageTokens, keyset_page
from tiktokshop_sync.testing._returns.backend import ReturnChanged
from tiktokshop_sync.testing._returns.records import RETURN_SHIPPING_FEE, FakeReturn

__all__ = [
    "REFUND_DECIDED",
    "FinanceDesk",
    "FinanceSearch",
]

#: Return statuses where the refund is decided: approved, completed, a replacement refunded
#: (search-returns.spec.json's descriptions); the same list ``domain/return_refunds.py`` reads.
REFUND_DECIDED: Final = frozenset(
    {
        "RETURN_OR_REFUND_REQUEST_SUCCESS",
        "RETURN_OR_REFUND_REQUEST_COMPLETE",
        "REPLACEMENT_REQUEST_REFUND_SUCCESS",
    }
)
_DELIVERED: Final = frozenset({"DELIVERED", "COMPLETED"})
_DAY: Final = timedelta(days=1)
#: Reasons Get Unsettled Transactions gives (its example: "waiting for deliveery").
NOT_DELIVERED: Final = "waiting for delivery"
IN_PERIOD: Final = "within the settlement period after delivery"
_MASKED_ACCOUNT: Final = "************5678"


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _midnight_after(moment: datetime) -> datetime:
    """The first 00:00 UTC strictly after ``moment``."""
    day = moment.astimezone(timezone.utc).date()
    return datetime.combine(day, time(0), timezone.utc) + _DAY


@frozen(kw_only=True)
class FinanceSearch:
    """A paged finance read: a ``[ge, lt)`` window in whole seconds, order, page."""

    window: tuple[int | None, int | None] = (None, None)
    descending: bool = False
    size: int = 20
    page_token: str = ""
    payment_status: str | None = None
    types: tuple[str, ...] = ()


@define(kw_only=True, eq=False)
class _Pending:
    """A delivered order waiting for its settlement."""

    order: FakeOrder
    due: datetime
    affiliate: bool
    refunds: list[SkuMoney] = field(factory=list)
    """Refunds decided before it settled: netted into its one transaction."""


@define(kw_only=True, eq=False)
class _Clawback:
    """A refund decided after the order settled: its own transaction in the next statement."""

    order: FakeOrder
    skus: list[SkuMoney]
    at: datetime


@define(kw_only=True)
class _Faults:
    short_payout: list[int] = field(factory=list)
    statement_mismatch: list[int] = field(factory=list)
    line_mismatch: list[int] = field(factory=list)
    failed_payout: int = 0
    holds: dict[str, str] = field(factory=dict)


class FinanceDesk:
    """Settlements, statements, payouts and withdrawals of every shop, and their replies."""

    def __init__(
        self,
        *,
        orders: OrderBook,
        ids: IdFactory,
        pages: PageTokens,
        bus: EventBus,
        seed: int,
        now: datetime,
    ) -> None:
        self._orders = orders
        self._ids = ids
        self._pages = pages
        self._seed = seed
        self.terms = FinanceTerms()
        self.statements: list[FakeStatement] = []
        self.payouts: list[FakePayout] = []
        self.withdrawals: list[FakeWithdrawal] = []
        self.adjustments: list[FakeAdjustment] = []
        self._open: dict[str, FakeOrder] = {}
        self._pending: dict[str, _Pending] = {}
        self._settled: dict[str, list[tuple[FakeStatement, FakeTransaction]]] = {}
        self._clawbacks: list[_Clawback] = []
        self._refunded: set[str] = set()
        self._faults = _Faults()
        self._mark = now
        self._last_payout: datetime | None = None
        bus.subscribe(OrderCreated, lambda e: self._order(e.order))
        bus.subscribe(OrderStatusChanged, lambda e: self._order(e.order))
        bus.subscribe(ReturnChanged, lambda e: self._return(e.record, e.at))

    # --- what moves it --------------------------------------------------------------------

    def _terms(self) -> Terms:
        t = self.terms
        return Terms(
            commission_rate=t.commission_rate,
            payment_fee_rate=t.payment_fee_rate,
            affiliate_rate=t.affiliate_rate,
            tiktok_shipping_cost=t.tiktok_shipping_cost,
            return_shipping_fee=RETURN_SHIPPING_FEE,
        )

    def _affiliate(self, order: FakeOrder) -> bool:
        """One order in ``affiliate_every`` came through a creator (stable per seed and id)."""
        draw = zlib.crc32(f"{self._seed}/affiliate/{order.id}".encode())
        return draw % self.terms.affiliate_every == 0

    def _order(self, order: FakeOrder) -> None:
        if order.status == "CANCELLED":
            self._open.pop(order.id, None)
            self._pending.pop(order.id, None)
            return
        if order.id in self._settled:
            return
        if order.paid_time is not None and order.status != "UNPAID":
            self._open[order.id] = order
        if (
            order.status in _DELIVERED
            and order.delivery_time is not None
            and order.id not in self._pending
        ):
            self._pending[order.id] = _Pending(
                order=order,
                due=order.delivery_time + self.terms.settle_after,
                affiliate=self._affiliate(order),
            )

    def _return(self, record: FakeReturn, at: datetime) -> None:
        if record.status not in REFUND_DECIDED or record.return_id in self._refunded:
            return
        self._refunded.add(record.return_id)
        order = self._orders.order(record.order_id)
        partial = None
        if record.partial_refund is not None:
            partial = int(str(record.partial_refund.get("amount", "0")))
        pending = self._pending.get(order.id)
        affiliate = pending.affiliate if pending is not None else self._affiliate(order)
        skus = refund_money(
            order,
            record.line_item_ids,
            self._terms(),
            affiliate=affiliate,
            partial=partial,
            ships_back=record.ships_back,
        )
        if order.id in self._settled:
            self._clawbacks.append(_Clawback(order=order, skus=skus, at=at))
        elif pending is not None:
            pending.refunds.extend(skus)

    def add_adjustment(
        self, shop_id: str, kind: str, amount: int, order_id: str, now: datetime
    ) -> FakeAdjustment:
        """Book an adjustment for the shop's next statement."""
        if kind not in ADJUSTMENT_TYPES:
            raise ValueError(
                f"adjustment type {kind!r} is not one TikTok lists; use one of "
                f"{', '.join(ADJUSTMENT_TYPES)}"
            )
        if order_id:
            order = self._orders.order(order_id)
            if order.shop_id != shop_id:
                raise ValueError(f"order {order_id} is not an order of this shop")
        adjustment = FakeAdjustment(
            id=self._ids.long_id("7"),
            shop_id=shop_id,
            type=kind,
            amount=amount,
            order_id=order_id,
            create_time=now,
        )
        self.adjustments.append(adjustment)
        return adjustment

    def inject(self, kind: str, *, amount: int, order_id: str, reason: str) -> None:
        """Break the next payout, statement or transaction, or hold an order's settlement."""
        faults = self._faults
        if kind == "short_payout":
            faults.short_payout.append(amount)
        elif kind == "statement_mismatch":
            faults.statement_mismatch.append(amount)
        elif kind == "line_mismatch":
            faults.line_mismatch.append(amount)
        elif kind == "failed_payout":
            faults.failed_payout += 1
        else:
            faults.holds[order_id] = reason

    def clear_faults(self) -> None:
        """Forget every queued fault and release every held order."""
        self._faults = _Faults()

    # --- time -----------------------------------------------------------------------------

    def tick(self, now: datetime) -> None:
        """Generate the statements, payouts and transfers due by ``now``, in time order."""
        while True:
            step = self._next_step()
            if step is None or step[0] > now:
                return
            at, kind = step
            if kind == 0:
                self._generate(at)
            elif kind == 1:
                self._pay_out(at)
            else:
                self._transfer(at)
            self._mark = at

    def _next_step(self) -> tuple[datetime, int] | None:
        steps: list[tuple[datetime, int]] = []
        holds = self._faults.holds
        dues = [p.due for p in self._pending.values() if p.order.id not in holds]
        dues += [c.at for c in self._clawbacks]
        dues += [a.create_time for a in self.adjustments if not a.statement_id]
        if dues:
            steps.append((_midnight_after(max(min(dues), self._mark)), 0))
        unpaid = [s.statement_time for s in self.statements if not s.payment_id]
        if unpaid:
            steps.append((self._payout_time(max(min(unpaid), self._mark)), 1))
        processing = [p.due for p in self.payouts if p.status == "PROCESSING"]
        if processing:
            steps.append((min(processing), 2))
        return min(steps) if steps else None

    def _payout_time(self, start: datetime) -> datetime:
        """The first payout time (the weekday's 00:00 UTC) at or after ``start``, not used."""
        moment = datetime.combine(start.astimezone(timezone.utc).date(), time(0), timezone.utc)
        if moment < start:
            moment += _DAY
        while moment.weekday() != self.terms.payout_weekday or (
            self._last_payout is not None and moment <= self._last_payout
        ):
            moment += _DAY
        return moment

    def _generate(self, at: datetime) -> None:
        """Each shop's statement at 00:00 UTC ``at``: what fell due the day before (or earlier)."""
        holds = self._faults.holds
        transactions: dict[str, list[FakeTransaction]] = {}
        for order_id, pending in sorted(self._pending.items(), key=lambda i: (i[1].due, i[0])):
            if pending.due >= at or order_id in holds:
                continue
            del self._pending[order_id]
            self._open.pop(order_id, None)
            order = pending.order
            skus = sale_money(order, self._terms(), affiliate=pending.affiliate)
            skus = _net(skus, pending.refunds)
            transaction = self._order_transaction(order, skus)
            transactions.setdefault(order.shop_id, []).append(transaction)
        waiting: list[_Clawback] = []
        for clawback in self._clawbacks:
            if clawback.at >= at:
                waiting.append(clawback)
                continue
            transaction = self._order_transaction(clawback.order, clawback.skus)
            transactions.setdefault(clawback.order.shop_id, []).append(transaction)
        self._clawbacks = waiting
        booked: dict[str, list[FakeAdjustment]] = {}
        for adjustment in self.adjustments:
            if adjustment.statement_id or adjustment.create_time >= at:
                continue
            booked.setdefault(adjustment.shop_id, []).append(adjustment)
            transactions.setdefault(adjustment.shop_id, []).append(
                FakeTransaction(
                    id=self._ids.long_id("1"),
                    type=adjustment.type,
                    adjustment_id=adjustment.id,
                    adjustment_order_id=adjustment.order_id,
                    adjustment=adjustment.amount,
                )
            )
        for shop_id, found in transactions.items():
            statement = FakeStatement(
                id=self._ids.long_id("7"),
                shop_id=shop_id,
                statement_time=at,
                currency="JPY",
                transactions=found,
                offset=self._faults.statement_mismatch.pop(0)
                if self._faults.statement_mismatch
                else 0,
            )
            self.statements.append(statement)
            for adjustment in booked.get(shop_id, ()):
                adjustment.statement_id = statement.id
            for transaction in found:
                if transaction.order_id:
                    self._settled.setdefault(transaction.order_id, []).append(
                        (statement, transaction)
                    )
            self._move(shop_id, "SETTLE", statement.settlement, "SUCCESS", at)

    def _order_transaction(self, order: FakeOrder, skus: list[SkuMoney]) -> FakeTransaction:
        offset = self._faults.line_mismatch.pop(0) if self._faults.line_mismatch else 0
        return FakeTransaction(
            id=self._ids.long_id("1"),
            type="ORDER",
            order_id=order.id,
            order_create_time=order.create_time,
            skus=skus,
            offset=offset,
        )

    def _pay_out(self, at: datetime) -> None:
        """Each shop's weekly payout: every statement not paid yet, generated by ``at`` (a
        balance of zero or less is not transferred: it waits for the next payout)."""
        self._last_payout = at
        by_shop: dict[str, list[FakeStatement]] = {}
        for statement in self.statements:
            if not statement.payment_id and statement.statement_time <= at:
                by_shop.setdefault(statement.shop_id, []).append(statement)
        for shop_id, statements in by_shop.items():
            if sum(s.settlement for s in statements) <= 0:
                continue  # nothing to transfer: the balance carries over to the next payout
            short = self._faults.short_payout.pop(0) if self._faults.short_payout else 0
            fails = self._faults.failed_payout > 0
            if fails:
                self._faults.failed_payout -= 1
            payout = FakePayout(
                id=self._ids.long_id("3"),
                shop_id=shop_id,
                create_time=at,
                currency="JPY",
                statement_ids=[s.id for s in statements],
                settlement=sum(s.settlement for s in statements) - short,
                short_by=short,
                fails=fails,
                paid_time=at + self.terms.paid_after,
            )
            self.payouts.append(payout)
            for statement in statements:
                statement.payment_id = payout.id
            self._move(shop_id, "WITHDRAW", payout.amount, "PROCESSING", at, payout.id)

    def _transfer(self, at: datetime) -> None:
        """The transfers due at ``at`` complete (PAID) or fail (FAILED, the money comes back)."""
        for payout in self.payouts:
            if payout.status != "PROCESSING" or payout.due > at:
                continue
            payout.status = "FAILED" if payout.fails else "PAID"
            if payout.fails:
                payout.paid_time = None
            for statement in self.statements:
                if statement.payment_id == payout.id:
                    statement.payment_status = payout.status
            for withdrawal in self.withdrawals:
                if withdrawal.type == "WITHDRAW" and withdrawal.payout_id == payout.id:
                    withdrawal.status = "FAILED" if payout.fails else "SUCCESS"
            if payout.fails:
                self._move(payout.shop_id, "REVERSE", payout.amount, "SUCCESS", at, payout.id)

    def _move(
        self, shop_id: str, kind: str, amount: int, status: str, at: datetime, payout_id: str = ""
    ) -> None:
        """Record a movement of the shop's balance (Get Withdrawals lists them; JPY only)."""
        self.withdrawals.append(
            FakeWithdrawal(
                id=self._ids.hex_upper(23),
                shop_id=shop_id,
                type=kind,
                amount=amount,
                currency="JPY",
                status=status,
                create_time=at,
                payout_id=payout_id,
            )
        )

    # --- reads ----------------------------------------------------------------------------

    def statements_of(self, shop_id: str) -> list[FakeStatement]:
        """A shop's statements, oldest first."""
        return [s for s in self.statements if s.shop_id == shop_id]

    def payouts_of(self, shop_id: str) -> list[FakePayout]:
        """A shop's payouts, oldest first."""
        return [p for p in self.payouts if p.shop_id == shop_id]

    def statement(self, shop_id: str, statement_id: str) -> FakeStatement:
        """A statement of the shop (a parameter error when it is not one)."""
        for statement in self.statements:
            if statement.id == statement_id and statement.shop_id == shop_id:
                return statement
        raise ParameterError("statement_id", f"statement {statement_id} was not found.")

    # --- replies --------------------------------------------------------------------------

    def _page(
        self, found: list[Any], key: Any, search: FinanceSearch, tag: str
    ) -> tuple[list[Any], str]:
        low, high = search.window
        chosen = [r for r in found if (low is None or key(r)[0] >= low)]
        chosen = [r for r in chosen if high is None or key(r)[0] < high]
        chosen.sort(key=key, reverse=search.descending)
        return keyset_page(
            chosen,
            key,
            tokens=self._pages,
            token=search.page_token,
            size=search.size,
            tag=f"{tag}/{'DESC' if search.descending else 'ASC'}",
            descending=search.descending,
        )

    def statements_reply(self, shop_id: str, search: FinanceSearch) -> dict[str, Any]:
        """Get Statements' ``data``."""
        found = [
            s
            for s in self.statements_of(shop_id)
            if search.payment_status is None or s.payment_status == search.payment_status
        ]
        page, token = self._page(
            found, lambda s: (_ts(s.statement_time), s.id), search, f"statements/{shop_id}"
        )
        return {"next_page_token": token, "statements": [_statement_header(s) for s in page]}

    def statement_transactions_reply(
        self, shop_id: str, statement_id: str, search: FinanceSearch
    ) -> dict[str, Any]:
        """Get Transactions by Statement's ``data``: a page, the statement's totals with it."""
        statement = self.statement(shop_id, statement_id)
        when = _ts(statement.statement_time)

        def key(t: FakeTransaction) -> tuple[int, str]:
            created = t.order_create_time
            return (when if created is None else _ts(created), t.id)

        page, token = self._page(
            list(statement.transactions), key, search, f"statement/{statement.id}"
        )
        money = statement.money
        total = statement.settlement
        return {
            "next_page_token": token,
            "id": statement.id,
            "create_time": when,
            "status": "SETTLED",
            "currency": statement.currency,
            "payable_amount": str(total),
            "total_reserve_amount": "0",
            "total_settlement_amount": str(total),
            "total_settlement_breakdown": {
                "total_revenue_amount": str(money.revenue_amount),
                "total_shipping_cost_amount": str(money.shipping_amount),
                "total_fee_tax_amount": str(money.fee_tax_amount),
                "total_adjustment_amount": str(money.adjustment),
            },
            "total_count": len(statement.transactions),
            "transactions": [_transaction(t) for t in page],
        }

    def order_transactions_reply(self, shop_id: str, order_id: str) -> dict[str, Any]:
        """Get Transactions by Order's ``data``: the order's settlement per SKU and statement."""
        order = self._orders.get(shop_id, order_id)
        if order is None:
            raise ParameterError("order_id", f"order {order_id} was not found.")
        skus = [
            _sku_transaction(statement.id, sku)
            for statement, transaction in self._settled.get(order_id, ())
            for sku in transaction.skus
        ]
        total = Money.total(t.money for _, t in self._settled.get(order_id, ()))
        settlement = sum(t.settlement_amount for _, t in self._settled.get(order_id, ()))
        return {
            "order_id": order.id,
            "order_create_time": _ts(order.create_time),
            "currency": order.currency,
            "revenue_amount": str(total.revenue_amount),
            "fee_and_tax_amount": str(total.fee_tax_amount),
            "shipping_cost_amount": str(total.shipping_amount),
            "settlement_amount": str(settlement),
            "sku_transactions": skus,
            "total_count": len(skus),
        }

    def _unsettled(self, shop_id: str) -> list[tuple[int, str, dict[str, Any], Money]]:
        """(order create time, id, wire transaction, estimate) of everything not settled yet."""
        found = []
        holds = self._faults.holds
        for order in self._open.values():
            if order.shop_id != shop_id:
                continue
            pending = self._pending.get(order.id)
            affiliate = pending.affiliate if pending is not None else self._affiliate(order)
            skus = sale_money(order, self._terms(), affiliate=affiliate)
            estimate = Money.total(s.money for s in _net(skus, pending.refunds if pending else []))
            if pending is None:
                reason = NOT_DELIVERED
                when = f"{self.terms.settle_after.days} days after delivery"
            else:
                reason = holds.get(order.id) or IN_PERIOD
                when = str(_ts(pending.due))
            wire = _unsettled_order(order, estimate, reason=reason, when=when)
            found.append((_ts(order.create_time), f"1{order.id}", wire, estimate))
        for adjustment in self.adjustments:
            if adjustment.shop_id != shop_id or adjustment.statement_id:
                continue
            estimate = Money(adjustment=adjustment.amount)
            wire = _unsettled_adjustment(
                adjustment, when=str(_ts(_midnight_after(adjustment.create_time)))
            )
            found.append((_ts(adjustment.create_time), adjustment.id, wire, estimate))
        return found

    def unsettled_reply(self, shop_id: str, search: FinanceSearch) -> dict[str, Any]:
        """Get Unsettled Transactions' ``data``: a page, and the sums of every page."""
        found = self._unsettled(shop_id)
        low, high = search.window
        matching = [
            f for f in found if (low is None or f[0] >= low) and (high is None or f[0] < high)
        ]
        page, token = self._page(matching, lambda f: (f[0], f[1]), search, f"unsettled/{shop_id}")
        estimate = Money.total(f[3] for f in matching)
        return {
            "next_page_token": token,
            "total_count": len(matching),
            "sum_est_settlement_amount": str(estimate.settlement_amount),
            "sum_est_revenue_amount": str(estimate.revenue_amount),
            "sum_est_adjustment_amount": str(estimate.adjustment),
            "sum_est_fee_amount": str(estimate.fee_tax_amount),
            "transactions": [f[2] for f in page],
        }

    def payments_reply(self, shop_id: str, search: FinanceSearch) -> dict[str, Any]:
        """Get Payments' ``data``."""
        page, token = self._page(
            self.payouts_of(shop_id),
            lambda p: (_ts(p.create_time), p.id),
            search,
            f"payments/{shop_id}",
        )
        return {"next_page_token": token, "payments": [_payment(p) for p in page]}

    def withdrawals_reply(self, shop_id: str, search: FinanceSearch) -> dict[str, Any]:
        """Get Withdrawals' ``data``: the shop's balance movements of the asked types."""
        found = [w for w in self.withdrawals if w.shop_id == shop_id and w.type in search.types]
        low, high = search.window
        matching = [
            w
            for w in found
            if (low is None or _ts(w.create_time) >= low)
            and (high is None or _ts(w.create_time) < high)
        ]
        page, token = self._page(
            matching, lambda w: (_ts(w.create_time), w.id), search, f"withdrawals/{shop_id}"
        )
        return {
            "next_page_token": token,
            "total_count": len(matching),
            "withdrawals": [
                {
                    "id": w.id,
                    "type": w.type,
                    "amount": str(w.amount),
                    "currency": w.currency,
                    "status": w.status,
                    "create_time": _ts(w.create_time),
                }
                for w in page
            ],
        }

    def price_detail_reply(self, shop_id: str, order_id: str) -> dict[str, Any]:
        """Get Price Detail's ``data``: the order's prices as its ``payment`` object adds them."""
        order = self._orders.get(shop_id, order_id)
        if order is None:
            raise ORDER_NOT_OWNED.error()
        items = [i for i in order.line_items if not i.cancel_user]
        detail = _prices(
            order,
            list_price=sum(i.original_price for i in items),
            seller=sum(i.seller_discount for i in items),
            platform=sum(i.platform_discount for i in items),
            shipping=True,
        )
        detail["cod_fee_net_amount"] = "0"
        # The order's shipping is on its first line item, so the lines add up to the order.
        detail["line_items"] = [
            {
                "id": item.id,
                **_prices(
                    order,
                    list_price=item.original_price,
                    seller=item.seller_discount,
                    platform=item.platform_discount,
                    shipping=index == 0,
                ),
                "cod_fee_amount": "0",
            }
            for index, item in enumerate(items)
        ]
        return detail


def _net(skus: list[SkuMoney], refunds: Iterable[SkuMoney]) -> list[SkuMoney]:
    """A sale's SKUs with the refunds decided before it settled netted in."""
    by_sku = {sku.sku_id: sku for sku in skus}
    for refund in refunds:
        sku = by_sku.get(refund.sku_id)
        if sku is None:
            sku = by_sku[refund.sku_id] = attrs.evolve(refund, money=Money())
            skus.append(sku)
        sku.money.add(refund.money)
    return skus


def _statement_header(statement: FakeStatement) -> dict[str, Any]:
    money = statement.money
    return {
        "id": statement.id,
        "statement_time": _ts(statement.statement_time),
        "settlement_amount": str(statement.settlement),
        "currency": statement.currency,
        "revenue_amount": str(money.revenue_amount),
        "fee_amount": str(money.fee_tax_amount),
        "adjustment_amount": str(money.adjustment),
        "payment_status": statement.payment_status,
        "payment_id": statement.payment_id,
        "net_sales_amount": str(money.revenue_amount),
        "shipping_cost_amount": str(money.shipping_amount),
    }


def _fee_tax(money: Money, fees: Iterable[str], taxes: Iterable[str]) -> dict[str, Any]:
    return {"fee": breakdown(fees, money.fees), "tax": breakdown(taxes, money.taxes)}


def _transaction(transaction: FakeTransaction) -> dict[str, Any]:
    money = transaction.money
    wire: dict[str, Any] = {"id": transaction.id, "type": transaction.type}
    if transaction.type == "ORDER":
        created = transaction.order_create_time
        wire.update(
            order_id=transaction.order_id,
            order_create_time=0 if created is None else _ts(created),
            revenue_breakdown=breakdown(REVENUE_FIELDS, money.revenue),
            shipping_cost_breakdown={
                **breakdown(
                    (*SETTLED_SHIPPING_FIELDS, "shipping_fee_guarantee_reimbursement"),
                    money.shipping,
                ),
                "supplementary_component": breakdown(
                    (
                        *SETTLED_SHIPPING_INFO_FIELDS,
                        "customer_shipping_fee",
                        "refund_customer_shipping_fee",
                    ),
                    money.shipping_info,
                ),
            },
            fee_tax_breakdown=_fee_tax(money, SETTLED_FEE_FIELDS, SETTLED_TAX_FIELDS),
            supplementary_component=breakdown(TRANSACTION_INFO_FIELDS, money.info),
        )
    else:
        wire.update(
            adjustment_id=transaction.adjustment_id,
            adjustment_order_id=transaction.adjustment_order_id,
            adjustment_amount=str(transaction.adjustment),
        )
    wire.update(
        settlement_amount=str(transaction.settlement_amount),
        revenue_amount=str(money.revenue_amount),
        shipping_cost_amount=str(money.shipping_amount),
        fee_tax_amount=str(money.fee_tax_amount),
    )
    return wire


def _sku_transaction(statement_id: str, sku: SkuMoney) -> dict[str, Any]:
    money = sku.money
    return {
        "sku_id": sku.sku_id,
        "sku_name": sku.sku_name,
        "statement_id": statement_id,
        "product_name": sku.product_name,
        "quantity": str(sku.quantity),
        "settlement_amount": str(money.settlement_amount),
        "revenue_amount": str(money.revenue_amount),
        "revenue_breakdown": breakdown(REVENUE_FIELDS, money.revenue),
        "shipping_cost_amount": str(money.shipping_amount),
        "shipping_cost_breakdown": {
            **breakdown(SETTLED_SHIPPING_FIELDS, money.shipping),
            "supplementary_component": breakdown(
                (*SETTLED_SHIPPING_INFO_FIELDS, "shipping_fee_guarantee_reimbursement"),
                money.shipping_info,
            ),
        },
        "fee_tax_amount": str(money.fee_tax_amount),
        "fee_tax_breakdown": _fee_tax(money, SETTLED_FEE_FIELDS, SETTLED_TAX_FIELDS),
    }


def _unsettled_order(
    order: FakeOrder, estimate: Money, *, reason: str, when: str
) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "type": "ORDER",
        "id": f"1{order.id}",
        "status": "UNSETTLED",
        "currency": order.currency,
        "estimated_settlement": when,
        "unsettled_reason": reason,
        "order_create_time": _ts(order.create_time),
        "order_id": order.id,
        "est_settlement_amount": str(estimate.settlement_amount),
        "est_revenue_amount": str(estimate.revenue_amount),
        "revenue_breakdown": breakdown(REVENUE_FIELDS, estimate.revenue),
        "est_shipping_cost_amount": str(estimate.shipping_amount),
        "shipping_cost_breakdown": {
            **breakdown(SHIPPING_FIELDS, estimate.shipping),
            "supplementary_component": breakdown(SHIPPING_INFO_FIELDS, estimate.shipping_info),
        },
        "est_fee_tax_amount": str(estimate.fee_tax_amount),
        "fee_tax_breakdown": _fee_tax(estimate, UNSETTLED_FEE_FIELDS, UNSETTLED_TAX_FIELDS),
    }
    if order.delivery_time is not None:
        # "if order hasn't been delivered, no data will be return" (its note)
        wire["order_delivery_time"] = _ts(order.delivery_time)
    return wire


def _unsettled_adjustment(adjustment: FakeAdjustment, *, when: str) -> dict[str, Any]:
    return {
        "type": adjustment.type,
        "id": adjustment.id,
        "status": "UNSETTLED",
        "currency": "JPY",
        "estimated_settlement": when,
        "unsettled_reason": "waiting for the next statement",
        "adjustment_id": adjustment.id,
        "adjustment_order_id": adjustment.order_id,
        "est_adjustment_amount": str(adjustment.amount),
        "est_settlement_amount": str(adjustment.amount),
    }


def _amount(value: int, currency: str) -> dict[str, str]:
    return {"value": str(value), "currency": currency}


def _payment(payout: FakePayout) -> dict[str, Any]:
    wire: dict[str, Any] = {
        "create_time": _ts(payout.create_time),
        "id": payout.id,
        "status": payout.status,
        "amount": _amount(payout.amount, payout.currency),
        "settlement_amount": _amount(payout.settlement, payout.currency),
        "reserve_amount": _amount(0, payout.currency),
        "payment_amount_before_exchange": _amount(payout.amount, payout.currency),
        "exchange_rate": "1.000000",
        "bank_account": _MASKED_ACCOUNT,
    }
    if payout.status == "PAID" and payout.paid_time is not None:
        wire["paid_time"] = _ts(payout.paid_time)
    return wire


#: Voucher codes of Get Price Detail (its descriptions): who funded a discount.
_PLATFORM_VOUCHER: Final = "1010000"
_SELLER_VOUCHER: Final = "1020000"
_FREE_SHIPPING_VOUCHER: Final = "1030000"


def _prices(
    order: FakeOrder, *, list_price: int, seller: int, platform: int, shipping: bool
) -> dict[str, Any]:
    """One price breakdown; JP prices include consumption tax, so no tax is added on top."""
    sale = list_price - seller - platform
    ship_list = order.original_shipping_fee if shipping else 0
    ship_seller = order.shipping_fee_seller_discount if shipping else 0
    ship_platform = order.shipping_fee_platform_discount if shipping else 0
    ship_sale = ship_list - ship_seller - ship_platform
    wire: dict[str, Any] = {
        "currency": order.currency,
        "total": str(list_price + ship_list),
        "payment": str(sale + ship_sale),
        "sku_list_price": str(list_price),
        "sku_sale_price": str(sale),
        "subtotal": str(sale),
        "subtotal_deduction_seller": str(seller),
        "subtotal_deduction_platform": str(platform),
        "subtotal_tax_amount": "0",
        "shipping_list_price": str(ship_list),
        "shipping_sale_price": str(ship_sale),
        "shipping_fee_deduction_seller": str(ship_seller),
        "shipping_fee_deduction_platform": str(ship_platform),
        "tax_amount": "0",
        "tax_rate": "0",
        "net_price_amount": str(sale + ship_sale),
        "cod_fee": "0",
        "sku_gift_original_price": "0",
        "sku_gift_net_price": "0",
    }
    # The voucher fields name the kind of discount, so they come only with one.
    if platform:
        wire["voucher_deduction_platform"] = _PLATFORM_VOUCHER
    if seller:
        wire["voucher_deduction_seller"] = _SELLER_VOUCHER
    if ship_platform:
        wire["shipping_fee_deduction_platform_voucher"] = _FREE_SHIPPING_VOUCHER
    return wire
