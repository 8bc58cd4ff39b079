"""Settlement facts (入金消込の材料): what TikTok settled and paid out, what the OMS recorded.

Plain values the reconciliation report reads; a translation layer builds them from TikTok's
finance replies, a host may build them from anything else. Every amount is a
:class:`~decimal.Decimal` (``float`` is refused) in the currency of the value that holds it,
signed from the seller's side: positive is money to the seller, negative is money TikTok keeps.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any, Final

import attrs

from tiktokshop_sync.domain._validate import require_aware, require_text
from tiktokshop_sync.domain.business_days import JST
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = [
    "BankDeposit",
    "Component",
    "ComponentKind",
    "LineDiscrepancy",
    "LineKind",
    "Payout",
    "ReconciliationPolicy",
    "RecordedOrder",
    "ReportPeriod",
    "SettlementFacts",
    "SettlementLine",
    "SettlementStatement",
    "UnsettledOrder",
]


_ZERO: Final = Decimal(0)
_CURRENCY: Final = re.compile(r"[A-Z]{3}")


def total(amounts: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``amounts`` (``Decimal(0)`` for none), never through ``float``."""
    return sum(amounts, _ZERO)


def _name(instance: Any, attribute: Any) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _amount(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, Decimal):
        raise TypeError(
            f"{_name(instance, attribute)} must be a Decimal, e.g. Decimal('1500'), got "
            f"{type(value).__name__} {value!r}; floats cannot hold money exactly"
        )
    if not value.is_finite():
        raise DomainConfigError(f"{_name(instance, attribute)} must be finite, got {value!r}")


def _optional_amount(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        _amount(instance, attribute, value)


def _currency(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str) or not _CURRENCY.fullmatch(value):
        raise DomainConfigError(
            f"{_name(instance, attribute)} must be an ISO 4217 code such as 'JPY', got {value!r}"
        )


def _aware(instance: Any, attribute: Any, value: Any) -> None:
    require_aware(_name(instance, attribute), value)


def _optional_aware(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None:
        require_aware(_name(instance, attribute), value)


class ComponentKind(enum.Enum):
    """What a breakdown amount is, grouped the way a Japanese seller books it.

    Revenue is :attr:`SALES` plus :attr:`SALES_REFUND`; the fee kinds and :attr:`TAX` make up
    TikTok's ``fee_tax_amount``; :attr:`SHIPPING` its ``shipping_cost_amount``;
    :attr:`ADJUSTMENT` an adjustment transaction's amount.
    """

    SALES = "sales"
    """Gross sales, the seller's discounts on them (negative), a COD fee."""
    SALES_REFUND = "sales_refund"
    """Gross sales refunded to buyers (negative) and seller discounts given back."""
    SHIPPING = "shipping"
    """Shipping costs, subsidies and the shipping the buyer paid."""
    COMMISSION = "commission"
    """TikTok's commission on sales (販売手数料) and the fees charged per order or item."""
    PAYMENT_FEE = "payment_fee"
    """Payment processing (決済手数料): transaction, card handling, pay-later fees."""
    AFFILIATE = "affiliate"
    """Creator and affiliate commissions, affiliate ads (アフィリエイト手数料)."""
    SERVICE_FEE = "service_fee"
    """Fees for programmes and services the seller joined (campaigns, flash sales, mall...)."""
    OTHER_FEE = "other_fee"
    """A fee this version does not classify (a field TikTok added later)."""
    TAX = "tax"
    """Taxes and duties TikTok withholds or pays on the seller's behalf."""
    ADJUSTMENT = "adjustment"
    """An adjustment transaction (chargeback, penalty, compensation...)."""

    @property
    def is_revenue(self) -> bool:
        """Part of revenue (sales and their refunds)."""
        return self in (ComponentKind.SALES, ComponentKind.SALES_REFUND)

    @property
    def is_fee_or_tax(self) -> bool:
        """Part of TikTok's ``fee_tax_amount``."""
        return self in _FEE_TAX_KINDS

    @property
    def label_ja(self) -> str:
        """The Japanese name for reports (e.g. 販売手数料)."""
        return _LABELS_JA[self]

    @property
    def label_en(self) -> str:
        """The English name for reports (e.g. commission)."""
        return _LABELS_EN[self]


_FEE_TAX_KINDS: Final = frozenset(
    {
        ComponentKind.COMMISSION,
        ComponentKind.PAYMENT_FEE,
        ComponentKind.AFFILIATE,
        ComponentKind.SERVICE_FEE,
        ComponentKind.OTHER_FEE,
        ComponentKind.TAX,
    }
)
_REVENUE_KINDS: Final = frozenset({ComponentKind.SALES, ComponentKind.SALES_REFUND})
_SHIPPING_KINDS: Final = frozenset({ComponentKind.SHIPPING})
_ADJUSTMENT_KINDS: Final = frozenset({ComponentKind.ADJUSTMENT})
_LABELS_JA: Final = {
    ComponentKind.SALES: "売上",
    ComponentKind.SALES_REFUND: "返金",
    ComponentKind.SHIPPING: "配送料",
    ComponentKind.COMMISSION: "販売手数料",
    ComponentKind.PAYMENT_FEE: "決済手数料",
    ComponentKind.AFFILIATE: "アフィリエイト手数料",
    ComponentKind.SERVICE_FEE: "サービス利用料",
    ComponentKind.OTHER_FEE: "その他手数料",
    ComponentKind.TAX: "税金",
    ComponentKind.ADJUSTMENT: "調整",
}
_LABELS_EN: Final = {
    ComponentKind.SALES: "sales",
    ComponentKind.SALES_REFUND: "refunds",
    ComponentKind.SHIPPING: "shipping",
    ComponentKind.COMMISSION: "commission",
    ComponentKind.PAYMENT_FEE: "payment fees",
    ComponentKind.AFFILIATE: "affiliate fees",
    ComponentKind.SERVICE_FEE: "service fees",
    ComponentKind.OTHER_FEE: "other fees",
    ComponentKind.TAX: "tax",
    ComponentKind.ADJUSTMENT: "adjustments",
}


@attrs.frozen(kw_only=True)
class Component:
    """One amount of a breakdown: its kind, TikTok's name for it, and the signed amount."""

    kind: ComponentKind = attrs.field(validator=attrs.validators.instance_of(ComponentKind))
    code: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    """TikTok's field or type name (``platform_commission_amount``, ``CHARGE_BACK``)."""
    amount: Decimal = attrs.field(validator=_amount)


class LineKind(enum.Enum):
    """What a statement line settles."""

    ORDER = "order"
    """An order's sales, shipping, fees and taxes."""
    ADJUSTMENT = "adjustment"
    """A chargeback, penalty, compensation, rebate... for an order or for the shop."""
    RESERVE = "reserve"
    """Reserve funds withheld from (negative) or released to (positive) the payout."""


def _components(value: Iterable[Component]) -> tuple[Component, ...]:
    return tuple(value)


def _lines(value: Iterable[SettlementLine]) -> tuple[SettlementLine, ...]:
    return tuple(value)


def _all(kind: type) -> Any:
    """attrs validator: every item of the tuple is a ``kind``."""
    return attrs.validators.deep_iterable(member_validator=attrs.validators.instance_of(kind))


@attrs.frozen(kw_only=True)
class LineDiscrepancy:
    """A line whose stated total differs from the sum of its parts (TikTok's numbers disagree)."""

    transaction_id: str
    measure: str
    """``settlement`` (against revenue + shipping + fee_tax + adjustment), or the group whose
    itemised parts differ from its total: ``revenue``, ``shipping``, ``fee_tax``,
    ``adjustment``."""
    stated: Decimal
    parts: Decimal

    @property
    def difference(self) -> Decimal:
        """Stated minus the sum of the parts."""
        return self.stated - self.parts


@attrs.frozen(kw_only=True)
class SettlementLine:
    """One transaction of a statement, with TikTok's totals and, when itemised, their parts.

    ``settlement`` is ``revenue + shipping + fee_tax + adjustment``; ``reserve`` is paid out on
    top (it is not part of the settlement).
    """

    transaction_id: str = attrs.field(validator=require_text)
    kind: LineKind = attrs.field(validator=attrs.validators.instance_of(LineKind))
    type: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    """TikTok's transaction type (``ORDER``, ``CHARGE_BACK``, ``RESERVE``...)."""
    order_id: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    """The order settled or adjusted ("" for a shop-level adjustment)."""
    revenue: Decimal = attrs.field(default=_ZERO, validator=_amount)
    shipping: Decimal = attrs.field(default=_ZERO, validator=_amount)
    fee_tax: Decimal = attrs.field(default=_ZERO, validator=_amount)
    adjustment: Decimal = attrs.field(default=_ZERO, validator=_amount)
    reserve: Decimal = attrs.field(default=_ZERO, validator=_amount)
    settlement: Decimal = attrs.field(validator=_amount)
    components: tuple[Component, ...] = attrs.field(
        default=(), converter=_components, validator=_all(Component)
    )

    def __attrs_post_init__(self) -> None:
        if self.kind is LineKind.ORDER and not self.order_id.strip():
            raise DomainConfigError(
                f"SettlementLine {self.transaction_id!r} settles an order but has no order_id; "
                f"give the order's id, or use LineKind.ADJUSTMENT for a shop-level amount"
            )

    def part(self, kind: ComponentKind) -> Decimal:
        """The sum of this line's components of ``kind``."""
        return total(c.amount for c in self.components if c.kind is kind)

    def itemises(self, kinds: Iterable[ComponentKind]) -> bool:
        """Whether TikTok itemised any of ``kinds`` on this line."""
        wanted = frozenset(kinds)
        return any(c.kind in wanted for c in self.components)

    def itemised(self) -> tuple[Component, ...]:
        """The components, plus TikTok's own total for each group it did not itemise.

        Their amounts add up to :attr:`settlement` whenever the line is consistent, so a
        report can always say where every yen went.
        """
        found = list(self.components)
        for kinds, stated, kind, code in (
            (_REVENUE_KINDS, self.revenue, ComponentKind.SALES, "revenue_amount"),
            (_SHIPPING_KINDS, self.shipping, ComponentKind.SHIPPING, "shipping_cost_amount"),
            (_FEE_TAX_KINDS, self.fee_tax, ComponentKind.OTHER_FEE, "fee_tax_amount"),
            (
                _ADJUSTMENT_KINDS,
                self.adjustment,
                ComponentKind.ADJUSTMENT,
                self.type or "adjustment_amount",
            ),
        ):
            if stated and not self.itemises(kinds):
                found.append(Component(kind=kind, code=code, amount=stated))
        return tuple(found)

    @property
    def fees_by_kind(self) -> Mapping[ComponentKind, Decimal]:
        """Fees and taxes per kind; an unitemised ``fee_tax`` is reported as other fees."""
        found: dict[ComponentKind, Decimal] = {}
        for component in self.itemised():
            if component.kind in _FEE_TAX_KINDS:
                found[component.kind] = found.get(component.kind, _ZERO) + component.amount
        return found

    @property
    def tax(self) -> Decimal:
        """The taxes among the fees."""
        return self.part(ComponentKind.TAX)

    def discrepancies(self) -> tuple[LineDiscrepancy, ...]:
        """Where TikTok's own numbers for this line do not add up (none when consistent)."""
        found: list[LineDiscrepancy] = []
        parts = self.revenue + self.shipping + self.fee_tax + self.adjustment
        if parts != self.settlement:
            found.append(self._discrepancy("settlement", self.settlement, parts))
        for measure, kinds, stated in (
            ("revenue", _REVENUE_KINDS, self.revenue),
            ("shipping", _SHIPPING_KINDS, self.shipping),
            ("fee_tax", _FEE_TAX_KINDS, self.fee_tax),
            ("adjustment", _ADJUSTMENT_KINDS, self.adjustment),
        ):
            if self.itemises(kinds):
                itemised = total(c.amount for c in self.components if c.kind in kinds)
                if itemised != stated:
                    found.append(self._discrepancy(measure, stated, itemised))
        return tuple(found)

    def _discrepancy(self, measure: str, stated: Decimal, parts: Decimal) -> LineDiscrepancy:
        return LineDiscrepancy(
            transaction_id=self.transaction_id, measure=measure, stated=stated, parts=parts
        )

    @property
    def is_refund_only(self) -> bool:
        """A sale settled earlier is being refunded: refunds on the line, no sales.

        TikTok settles a sale once; a refund that comes after it arrives as a later order
        transaction carrying ``refund_subtotal_before_discount_amount`` without
        ``subtotal_before_discount_amount``, while a refund before settlement is netted
        into the one transaction that carries both.
        """
        return any(
            c.amount for c in self.components if c.kind is ComponentKind.SALES_REFUND
        ) and not any(c.amount for c in self.components if c.kind is ComponentKind.SALES)

    @property
    def is_clawback(self) -> bool:
        """Money taken back for an order after settlement: a refund or a negative adjustment."""
        if self.settlement >= 0 or not self.order_id:
            return False
        return self.kind is LineKind.ADJUSTMENT or (
            self.kind is LineKind.ORDER and self.is_refund_only
        )


@attrs.frozen(kw_only=True)
class SettlementStatement:
    """A daily statement: what TikTok settled that day, the payout it belongs to, its lines."""

    statement_id: str = attrs.field(validator=require_text)
    statement_time: datetime = attrs.field(validator=_aware)
    currency: str = attrs.field(validator=_currency)
    settlement: Decimal = attrs.field(validator=_amount)
    """TikTok's total settlement (``total_settlement_amount``)."""
    reserve: Decimal = attrs.field(default=_ZERO, validator=_amount)
    """Reserve withheld (negative) or released (positive) on top of the settlement."""
    payment_id: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    """The payout that pays this statement ("" while TikTok has not assigned one)."""
    payment_status: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    lines: tuple[SettlementLine, ...] = attrs.field(
        default=(), converter=_lines, validator=_all(SettlementLine)
    )

    @property
    def payable(self) -> Decimal:
        """What this statement adds to its payout: settlement plus reserve."""
        return self.settlement + self.reserve


@attrs.frozen(kw_only=True)
class Payout:
    """A transfer of settled statements to the seller's bank account (TikTok's "payment")."""

    payment_id: str = attrs.field(validator=require_text)
    status: str = attrs.field(validator=attrs.validators.instance_of(str))
    """TikTok's status: ``PAID``, ``PROCESSING`` or ``FAILED``."""
    currency: str = attrs.field(validator=_currency)
    """The statements' currency (before any exchange)."""
    settlement: Decimal = attrs.field(validator=_amount)
    reserve: Decimal = attrs.field(default=_ZERO, validator=_amount)
    amount: Decimal = attrs.field(validator=_amount)
    """What reaches the bank, after exchange into :attr:`amount_currency`."""
    amount_currency: str = attrs.field(
        default=attrs.Factory(lambda self: self.currency, takes_self=True), validator=_currency
    )
    created_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    paid_at: datetime | None = attrs.field(default=None, validator=_optional_aware)

    @property
    def is_paid(self) -> bool:
        """TikTok reports the money transferred."""
        return self.status == "PAID"


@attrs.frozen(kw_only=True)
class RecordedOrder:
    """What the OMS booked for an order, to compare with what TikTok settled.

    ``revenue`` is the order's sales as TikTok counts revenue: item prices after the
    seller's own discounts (platform discounts are paid by TikTok, so they stay in), refunds
    deducted. ``expected_settlement``, when the OMS computes one, is what it expects paid.
    """

    order_id: str = attrs.field(validator=require_text)
    currency: str = attrs.field(validator=_currency)
    revenue: Decimal = attrs.field(validator=_amount)
    expected_settlement: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    delivered_at: datetime | None = attrs.field(default=None, validator=_optional_aware)


@attrs.frozen(kw_only=True)
class UnsettledOrder:
    """An order TikTok has not settled yet, with its estimate and TikTok's reason."""

    order_id: str = attrs.field(validator=require_text)
    currency: str = attrs.field(validator=_currency)
    reason: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    """TikTok's ``unsettled_reason``, verbatim."""
    estimated_settlement: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    expected_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    expected_text: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    """TikTok's estimate when it is not a time yet ("x days after delivery")."""
    delivered_at: datetime | None = attrs.field(default=None, validator=_optional_aware)


@attrs.frozen(kw_only=True)
class BankDeposit:
    """A deposit the host's bank reports for a payout (the host matches it to the payout)."""

    payment_id: str = attrs.field(validator=require_text)
    amount: Decimal = attrs.field(validator=_amount)
    currency: str = attrs.field(validator=_currency)
    received_on: date = attrs.field(validator=attrs.validators.instance_of(date))


def _check_period(instance: ReportPeriod, attribute: Any, value: date) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise DomainConfigError(f"{_name(instance, attribute)} must be a date, got {value!r}")


@attrs.frozen(kw_only=True)
class ReportPeriod:
    """The days a report covers, first and last included (e.g. a month's close, 月次締め)."""

    first_day: date = attrs.field(validator=_check_period)
    last_day: date = attrs.field(validator=_check_period)

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise DomainConfigError(
                f"ReportPeriod.last_day ({self.last_day}) is before first_day "
                f"({self.first_day}); swap them"
            )


def _check_overdue(instance: ReconciliationPolicy, attribute: Any, value: timedelta) -> None:
    if not isinstance(value, timedelta) or value < timedelta(0):
        raise DomainConfigError(
            f"ReconciliationPolicy.overdue_after must be a non-negative timedelta, got "
            f"{value!r}; e.g. timedelta(days=14)"
        )


def _check_zone(instance: ReconciliationPolicy, attribute: Any, value: tzinfo) -> None:
    if not isinstance(value, tzinfo):
        raise DomainConfigError(
            f"ReconciliationPolicy.zone must be a tzinfo, got {value!r}; e.g. JST or "
            f"ZoneInfo('Asia/Tokyo')"
        )


@attrs.frozen(kw_only=True)
class ReconciliationPolicy:
    """How the report judges: when an unsettled delivered order is overdue, and in which zone.

    TikTok settles an order "a certain number of days after delivery (varies by region)"
    (Get Statements, ``fee_amount``) and pays statements out in batches; 14 days leaves room
    for a few days' hold and a weekly payout before an order is called overdue.
    """

    overdue_after: timedelta = attrs.field(default=timedelta(days=14), validator=_check_overdue)
    zone: tzinfo = attrs.field(default=JST, validator=_check_zone)
    """The zone dates are shown in (statement dates, delivery dates, days overdue)."""


def _statements(value: Iterable[SettlementStatement]) -> tuple[SettlementStatement, ...]:
    return tuple(value)


def _payouts(value: Iterable[Payout]) -> tuple[Payout, ...]:
    return tuple(value)


def _recorded(value: Iterable[RecordedOrder]) -> tuple[RecordedOrder, ...]:
    return tuple(value)


def _unsettled(value: Iterable[UnsettledOrder]) -> tuple[UnsettledOrder, ...]:
    return tuple(value)


def _deposits(value: Iterable[BankDeposit]) -> tuple[BankDeposit, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class SettlementFacts:
    """Everything a report reconciles; pass every statement the payouts pay, with its lines."""

    statements: tuple[SettlementStatement, ...] = attrs.field(
        default=(), converter=_statements, validator=_all(SettlementStatement)
    )
    payouts: tuple[Payout, ...] = attrs.field(
        default=(), converter=_payouts, validator=_all(Payout)
    )
    recorded: tuple[RecordedOrder, ...] = attrs.field(
        default=(), converter=_recorded, validator=_all(RecordedOrder)
    )
    unsettled: tuple[UnsettledOrder, ...] = attrs.field(
        default=(), converter=_unsettled, validator=_all(UnsettledOrder)
    )
    deposits: tuple[BankDeposit, ...] = attrs.field(
        default=(), converter=_deposits, validator=_all(BankDeposit)
    )

    def __attrs_post_init__(self) -> None:
        _unique("SettlementFacts.statements", (s.statement_id for s in self.statements))
        _unique("SettlementFacts.payouts", (p.payment_id for p in self.payouts))
        _unique("SettlementFacts.recorded", (r.order_id for r in self.recorded))
        _unique("SettlementFacts.unsettled", (u.order_id for u in self.unsettled))
        _unique("SettlementFacts.deposits", (d.payment_id for d in self.deposits))


def _unique(where: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for key in ids:
        if key in seen:
            raise DomainConfigError(
                f"{where} holds {key!r} twice; pass each once (merge the duplicates first)"
            )
        seen.add(key)
