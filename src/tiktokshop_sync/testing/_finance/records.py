"""The fake's finance records: its terms, statements, transactions, payouts and adjustments.

Records are mutable and live inside the fake; amounts are whole yen (``int``), signed from the
seller's side. Every total is computed from the parts it adds up, so TikTok's sum invariants
hold unless a finance fault (``FakeShop.inject_finance_fault``) offsets one on purpose.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Final, Literal, get_args

from attrs import define, field, frozen

from tiktokshop_sync.testing._finance.money import Money, SkuMoney

__all__ = [
    "ADJUSTMENT_TYPES",
    "FINANCE_FAULTS",
    "FakeAdjustment",
    "FakePayout",
    "FakeStatement",
    "FakeTransaction",
    "FakeWithdrawal",
    "FinanceFault",
    "FinanceTerms",
]

#: What ``FakeShop.inject_finance_fault`` can break: a payout short of its statements, a
#: statement whose total is not its transactions', a transaction whose settlement is not the
#: sum of its parts, a payout that fails, an order whose settlement TikTok holds.
FinanceFault = Literal[
    "short_payout", "statement_mismatch", "line_mismatch", "failed_payout", "hold"
]
FINANCE_FAULTS: Final[tuple[str, ...]] = get_args(FinanceFault)

#: The adjustment types of Get Transactions by Statement 202501 (its ``type`` list).
ADJUSTMENT_TYPES: Final = (
    "CHARGE_BACK",
    "CUSTOMER_SERVICE_COMPENSATION",
    "DEDUCTIONS_INCURRED_BY_SELLER",
    "GMV_PAYMENT_FOR_ADS",
    "PLATFORM_COMMISSION_ADJUSTMENT",
    "PLATFORM_COMMISSION_COMPENSATION",
    "PLATFORM_PENALTY",
    "PROMOTION_ADJUSTMENT",
    "REBATE",
    "PLATFORM_COMPENSATION",
    "PLATFORM_REIMBURSEMENT",
    "COFUNDED_CREATOR_REWARDS",
    "FBT_WAREHOUSE_SERVICE_FEE",
    "LOGISTICS_REIMBURSEMENT",
    "SHIPPING_FEE_ADJUSTMENT",
    "SHIPPING_FEE_COMPENSATION",
    "SHIPPING_FEE_REBATE",
    "SAMPLE_SHIPPING_FEE",
    "SELLER_MISSION_REWARD",
    "OTHER_ADJUSTMENT",
)


def _rate(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value < 1:
            raise ValueError(
                f"FinanceTerms.{name} must be a Decimal fraction in [0, 1), e.g. "
                f"Decimal('0.07') for 7 %; got {value!r}"
            )

    return check


def _span(name: str, *, positive: bool = False) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if not isinstance(value, timedelta) or value < timedelta(0) or (positive and not value):
            raise ValueError(
                f"FinanceTerms.{name} must be a {'positive' if positive else 'non-negative'} "
                f"timedelta, e.g. timedelta(days=7); got {value!r}"
            )

    return check


def _whole(name: str, low: int, high: int) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(
                f"FinanceTerms.{name} must be a whole number from {low} to {high}; got {value!r}"
            )

    return check


@frozen(kw_only=True)
class FinanceTerms:
    """How the fake settles and pays out: the delay, the payout day, the fee rates.

    The defaults are a Japanese local seller's: TikTok settles an order 7 days after delivery
    (the standard tier of TikTok Shop's Dynamic Settlement Policy; Japanese seller guides
    describe a hold of several days after 配達完了), in the daily statement generated at the
    next 00:00 UTC (Get Statements); statements are paid out weekly (Japanese seller guides:
    週単位でまとめて振込; the weekday is the fake's choice, Tuesday 00:00 UTC = 09:00 JST) and the
    payout is PAID a day later. The commission is 7 % of revenue, payment processing included
    (BASE U and other Japanese guides on the 2025 rate), so the payment fee is 0 unless set;
    one order in ``affiliate_every`` came through a creator and pays ``affiliate_rate``; TikTok
    charges ``tiktok_shipping_cost`` yen for each order it ships (shipping type TIKTOK).
    """

    settle_after: timedelta = field(default=timedelta(days=7), validator=_span("settle_after"))
    payout_weekday: int = field(default=1, validator=_whole("payout_weekday", 0, 6))
    """0 = Monday … 6 = Sunday, at 00:00 UTC."""
    paid_after: timedelta = field(default=timedelta(days=1), validator=_span("paid_after"))
    commission_rate: Decimal = field(default=Decimal("0.07"), validator=_rate("commission_rate"))
    payment_fee_rate: Decimal = field(default=Decimal(0), validator=_rate("payment_fee_rate"))
    affiliate_rate: Decimal = field(default=Decimal("0.10"), validator=_rate("affiliate_rate"))
    affiliate_every: int = field(default=4, validator=_whole("affiliate_every", 1, 1_000_000))
    tiktok_shipping_cost: int = field(
        default=770, validator=_whole("tiktok_shipping_cost", 0, 1_000_000)
    )


@define(kw_only=True, eq=False)
class FakeTransaction:
    """One statement transaction: an order's sale or refund (per SKU), or an adjustment."""

    id: str
    type: str
    order_id: str = ""
    order_create_time: datetime | None = None
    adjustment_id: str = ""
    adjustment_order_id: str = ""
    skus: list[SkuMoney] = field(factory=list)
    adjustment: int = 0
    offset: int = 0
    """A fault: ``settlement_amount`` differs from the sum of the parts by this much."""

    @property
    def money(self) -> Money:
        """The transaction's parts: its SKUs' summed, and the adjustment."""
        total = Money.total(sku.money for sku in self.skus)
        total.adjustment += self.adjustment
        return total

    @property
    def settlement_amount(self) -> int:
        """What the transaction settles, as TikTok states it."""
        return self.money.settlement_amount + self.offset


@define(kw_only=True, eq=False)
class FakeStatement:
    """A daily statement of one shop, generated at 00:00 UTC for the previous day."""

    id: str
    shop_id: str
    statement_time: datetime
    currency: str
    transactions: list[FakeTransaction] = field(factory=list)
    payment_id: str = ""
    payment_status: str = "PROCESSING"
    offset: int = 0
    """A fault: the stated total differs from the transactions' sum by this much."""

    @property
    def money(self) -> Money:
        """Every transaction's parts, summed."""
        return Money.total(t.money for t in self.transactions)

    @property
    def settlement(self) -> int:
        """``total_settlement_amount`` as TikTok states it."""
        return sum(t.settlement_amount for t in self.transactions) + self.offset


@define(kw_only=True, eq=False)
class FakePayout:
    """A transfer of a shop's settled statements to its bank account (TikTok's "payment")."""

    id: str
    shop_id: str
    create_time: datetime
    currency: str
    statement_ids: list[str]
    settlement: int
    """The payout's settlement amount (its statements' total, less ``short_by``)."""
    short_by: int = 0
    fails: bool = False
    status: str = "PROCESSING"
    paid_time: datetime | None = None

    @property
    def amount(self) -> int:
        """What reaches the bank: settlement plus reserve (none in the fake), rate 1."""
        return self.settlement

    @property
    def due(self) -> datetime:
        """When the transfer completes (or fails)."""
        return self.paid_time or self.create_time


@define(kw_only=True, eq=False)
class FakeAdjustment:
    """An adjustment TikTok books for a shop (or one of its orders) in the next statement."""

    id: str
    shop_id: str
    type: str
    amount: int
    order_id: str
    create_time: datetime
    statement_id: str = ""


@define(kw_only=True, eq=False)
class FakeWithdrawal:
    """A movement of a shop's TikTok balance: a settlement in, a withdrawal to the bank."""

    id: str
    shop_id: str
    type: str
    amount: int
    currency: str
    status: str
    create_time: datetime
    payout_id: str = ""
    """The payout a withdrawal (or its reversal) moves."""
