"""Finance as TikTok sends it: statements, their transactions, unsettled orders, payments.

Versions (``../shared/reference/tiktok-spec/api/finance/`` and ``guides/changelog/finance/``):
Get Statements, Get Payments and Get Withdrawals are 202309; Get Transactions by Statement and
by Order are 202501 (their 202309 versions were retired on 2025-12-31); Get Unsettled
Transactions is 202507.

Every amount is a :class:`~decimal.Decimal` in the currency named beside it (JPY has no minor
unit; nothing here goes through ``float``). Amounts are **signed from the seller's side**:
positive is money to the seller, negative is money TikTok keeps (fees, shipping costs,
clawbacks), and a total is the plain sum of its parts. The 202501 pages write the settlement
as ``revenue - shipping - fee_tax - adjustment``, but their own examples carry fees and costs
as negative strings (``fee_amount: "-30"``), Get Statements' example adds up only as a sum
(200 + -30 + -70 = 100), as do Get Payments' (130 + -30 = 100) and ``payable_amount``'s
formula (``total_settlement_amount + total_reserve_amount``); the US/UK changelog states the
sum outright (``settlement_amount = net_sales_amount + shipping_cost_amount + fee_amount +
adjustment_amount``).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from ._base import OpenEnum, OptionalMoney, OptionalTimestamp, WireModel

__all__ = [
    "Amount",
    "OrderShippingCostBreakdown",
    "OrderShippingSupplement",
    "OrderStatementTransactions",
    "Payment",
    "PaymentStatus",
    "PaymentsPage",
    "ReserveStatus",
    "RevenueBreakdown",
    "SettledFeeTaxBreakdown",
    "SettledFees",
    "SettledTaxes",
    "SettlementStatus",
    "ShippingCostBreakdown",
    "ShippingSupplement",
    "SkuTransaction",
    "Statement",
    "StatementShippingCostBreakdown",
    "StatementShippingSupplement",
    "StatementTransaction",
    "StatementTransactionsPage",
    "StatementsPage",
    "TotalSettlementBreakdown",
    "TransactionSupplement",
    "TransactionType",
    "UnsettledFeeTaxBreakdown",
    "UnsettledFees",
    "UnsettledTaxes",
    "UnsettledTransaction",
    "UnsettledTransactionsPage",
    "Withdrawal",
    "WithdrawalStatus",
    "WithdrawalType",
    "WithdrawalsPage",
]


def _count(value: Any) -> Any:
    """A count TikTok sends as a string ("1"); "" and null mean absent."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


#: A whole count sent as a digit string (``quantity: "1"``), or None.
_OptionalCount = Annotated[int | None, BeforeValidator(_count)]


class PaymentStatus(OpenEnum):
    """Whether a payment (or the statement it pays) has reached the seller's bank account."""

    PAID = "PAID"
    FAILED = "FAILED"
    PROCESSING = "PROCESSING"


class SettlementStatus(OpenEnum):
    """A statement is ``SETTLED``; a transaction in Get Unsettled Transactions is ``UNSETTLED``."""

    SETTLED = "SETTLED"
    UNSETTLED = "UNSETTLED"


class TransactionType(OpenEnum):
    """What a statement transaction is: an order, a reserve movement, or an adjustment.

    The codes are those Get Transactions by Statement 202501 lists. The same list also names
    Seller Center labels ("Violation fee （settlement fee）", "Bill payment （negative
    balance）"...) in the place of codes; they are not members (they look like display
    text, with full-width brackets and trailing spaces), so they arrive as unknown values,
    which :attr:`is_adjustment` still counts as adjustments.
    """

    ORDER = "ORDER"
    RESERVE = "RESERVE"
    CHARGE_BACK = "CHARGE_BACK"
    CUSTOMER_SERVICE_COMPENSATION = "CUSTOMER_SERVICE_COMPENSATION"
    DEDUCTIONS_INCURRED_BY_SELLER = "DEDUCTIONS_INCURRED_BY_SELLER"
    GMV_PAYMENT_FOR_ADS = "GMV_PAYMENT_FOR_ADS"
    PLATFORM_COMMISSION_ADJUSTMENT = "PLATFORM_COMMISSION_ADJUSTMENT"
    PLATFORM_COMMISSION_COMPENSATION = "PLATFORM_COMMISSION_COMPENSATION"
    PLATFORM_PENALTY = "PLATFORM_PENALTY"
    PROMOTION_ADJUSTMENT = "PROMOTION_ADJUSTMENT"
    REBATE = "REBATE"
    PLATFORM_COMPENSATION = "PLATFORM_COMPENSATION"
    PLATFORM_REIMBURSEMENT = "PLATFORM_REIMBURSEMENT"
    COFUNDED_CREATOR_REWARDS = "COFUNDED_CREATOR_REWARDS"
    FBT_WAREHOUSE_SERVICE_FEE = "FBT_WAREHOUSE_SERVICE_FEE"
    LOGISTICS_REIMBURSEMENT = "LOGISTICS_REIMBURSEMENT"
    SHIPPING_FEE_ADJUSTMENT = "SHIPPING_FEE_ADJUSTMENT"
    SHIPPING_FEE_COMPENSATION = "SHIPPING_FEE_COMPENSATION"
    SHIPPING_FEE_REBATE = "SHIPPING_FEE_REBATE"
    SAMPLE_SHIPPING_FEE = "SAMPLE_SHIPPING_FEE"
    SELLER_MISSION_REWARD = "SELLER_MISSION_REWARD"
    OTHER_ADJUSTMENT = "OTHER_ADJUSTMENT"

    @property
    def is_adjustment(self) -> bool:
        """Everything but an order settlement and a reserve movement is an adjustment."""
        return self not in (TransactionType.ORDER, TransactionType.RESERVE)


class ReserveStatus(OpenEnum):
    """Whether reserve funds were withheld from a settlement or released to the seller.

    Matched without regard to case: the description lists ``COLLECTED`` while the official
    example of Get Transactions by Statement 202501 sends ``"Collected"``.
    """

    COLLECTED = "COLLECTED"
    RELEASED = "RELEASED"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            member = cls._value2member_map_.get(value.strip().upper())
            if member is not None:
                return member
        return super()._missing_(value)


class WithdrawalType(OpenEnum):
    """What moved money in the seller's TikTok account (Get Withdrawals ``types``)."""

    WITHDRAW = "WITHDRAW"
    """The seller withdrew settled money to the bank account."""
    SETTLE = "SETTLE"
    """TikTok settled an amount to the seller."""
    TRANSFER = "TRANSFER"
    """A platform subsidy or deduction under a platform policy."""
    REVERSE = "REVERSE"
    """A withdrawal that failed (wrong bank card) and came back."""


class WithdrawalStatus(OpenEnum):
    """Where a withdrawal is.

    The list names PROCESSING, SUCCESS and FAILED, while the same description says a
    successful withdrawal "will transition to PAID"; both SUCCESS and PAID are accepted and
    :attr:`is_paid` is true for either.
    """

    PROCESSING = "PROCESSING"
    SUCCESS = "SUCCESS"
    PAID = "PAID"
    FAILED = "FAILED"

    @property
    def is_paid(self) -> bool:
        """The money reached the seller's bank account."""
        return self in (WithdrawalStatus.SUCCESS, WithdrawalStatus.PAID)


# --- Get Statements 202309 ---------------------------------------------------------------


class Statement(WireModel):
    """A daily statement (generated at 00:00 UTC for the previous day's settlements)."""

    id: str
    statement_time: OptionalTimestamp = None
    currency: str = ""
    settlement_amount: OptionalMoney = None
    revenue_amount: OptionalMoney = None
    """Revenue at settlement; TikTok fills it for all regions except the UK and US."""
    fee_amount: OptionalMoney = None
    """Fees at settlement (negative); shipping is excluded except for SEA local sellers."""
    adjustment_amount: OptionalMoney = None
    payment_status: PaymentStatus | None = None
    payment_id: str = ""
    net_sales_amount: OptionalMoney = None
    """Revenue after seller discounts; only for local sellers outside SEA."""
    shipping_cost_amount: OptionalMoney = None
    """Shipping costs; only for local sellers outside SEA."""


class StatementsPage(WireModel):
    """One page of Get Statements."""

    next_page_token: str = ""
    statements: list[Statement] = Field(default_factory=list)


# --- Breakdowns shared by the transaction endpoints -------------------------------------


class RevenueBreakdown(WireModel):
    """The parts whose sum is a transaction's ``revenue_amount`` (refunds are negative)."""

    subtotal_before_discount_amount: OptionalMoney = None
    """Gross sales: item prices before seller and platform discounts."""
    seller_discount_amount: OptionalMoney = None
    refund_subtotal_before_discount_amount: OptionalMoney = None
    """Gross sales refunded (before seller discounts)."""
    seller_discount_refund_amount: OptionalMoney = None
    """Seller discounts given back to the seller because of returns or refunds."""
    cod_service_fee_amount: OptionalMoney = None
    """Cash-on-delivery fee charged to buyers (Saudi Arabia only)."""
    refund_cod_service_fee_amount: OptionalMoney = None


class ShippingSupplement(WireModel):
    """Shipping details for reference; they do not add up to ``shipping_cost_amount``.

    The fields every transaction endpoint documents; the settled ones add a few more.
    """

    customer_shipping_fee_offset_amount: OptionalMoney = None
    shipping_fee_subsidy_amount: OptionalMoney = None
    platform_shipping_fee_discount_amount: OptionalMoney = None
    fbm_shipping_cost_amount: OptionalMoney = None
    fbt_shipping_cost_amount: OptionalMoney = None
    promo_shipping_incentive_amount: OptionalMoney = None
    fbt_fulfillment_fee_amount: OptionalMoney = None
    seller_shipping_fee_discount_amount: OptionalMoney = None


class _SettledShippingSupplement(ShippingSupplement):
    fbt_fulfillment_fee_reimbursement_amount: OptionalMoney = None
    """Deprecated by TikTok (sent empty): read the breakdown's own field instead."""
    return_refund_subsidy_amount: OptionalMoney = None
    refunded_customer_shipping_fee_amount: OptionalMoney = None


class OrderShippingSupplement(_SettledShippingSupplement):
    """Shipping details of an SKU transaction (Get Transactions by Order 202501)."""

    shipping_fee_guarantee_reimbursement: OptionalMoney = None


class StatementShippingSupplement(_SettledShippingSupplement):
    """Shipping details of a statement transaction (Get Transactions by Statement 202501)."""

    customer_shipping_fee: OptionalMoney = None
    refund_customer_shipping_fee: OptionalMoney = None


class ShippingCostBreakdown(WireModel):
    """The parts whose sum is ``shipping_cost_amount`` (an unsettled transaction's estimate)."""

    actual_shipping_fee_amount: OptionalMoney = None
    shipping_fee_discount_amount: OptionalMoney = None
    customer_paid_shipping_fee_amount: OptionalMoney = None
    """Shipping the buyer paid; negative when refunded to the buyer."""
    return_shipping_fee_amount: OptionalMoney = None
    replacement_shipping_fee_amount: OptionalMoney = None
    exchange_shipping_fee_amount: OptionalMoney = None
    signature_confirmation_fee_amount: OptionalMoney = None
    shipping_insurance_fee_amount: OptionalMoney = None
    supplementary_component: ShippingSupplement | None = None


class _SettledShippingCostBreakdown(ShippingCostBreakdown):
    fbt_fulfillment_fee_reimbursement_amount: OptionalMoney = None
    return_shipping_label_fee_amount: OptionalMoney = None
    seller_self_shipping_service_fee_amount: OptionalMoney = None
    return_shipping_fee_paid_buyer_amount: OptionalMoney = None
    failed_delivery_subsidy_amount: OptionalMoney = None
    fbt_free_shipping_fee_amount: OptionalMoney = None
    free_return_subsidy_amount: OptionalMoney = None


class OrderShippingCostBreakdown(_SettledShippingCostBreakdown):
    """The parts of an SKU transaction's ``shipping_cost_amount``."""

    supplementary_component: OrderShippingSupplement | None = None


class StatementShippingCostBreakdown(_SettledShippingCostBreakdown):
    """The parts of a statement transaction's ``shipping_cost_amount``."""

    shipping_fee_guarantee_reimbursement: OptionalMoney = None
    supplementary_component: StatementShippingSupplement | None = None


class _Fees(WireModel):
    platform_commission_amount: OptionalMoney = None
    referral_fee_amount: OptionalMoney = None
    """US only."""
    refund_administration_fee_amount: OptionalMoney = None
    transaction_fee_amount: OptionalMoney = None
    credit_card_handling_fee_amount: OptionalMoney = None
    affiliate_commission_amount: OptionalMoney = None
    affiliate_partner_commission_amount: OptionalMoney = None
    affiliate_ads_commission_amount: OptionalMoney = None
    sfp_service_fee_amount: OptionalMoney = None
    live_specials_fee_amount: OptionalMoney = None
    bonus_cashback_service_fee_amount: OptionalMoney = None
    mall_service_fee_amount: OptionalMoney = None


class SettledFees(_Fees):
    """The fees of a settled transaction (part of ``fee_tax_amount``; charges are negative)."""

    affiliate_commission_amount_before_pit: OptionalMoney = None
    """SEA only: the affiliate commission before income-tax withholding; it restates
    ``affiliate_commission_amount``, so it is not a separate part of the sum."""
    voucher_xtra_service_fee_amount: OptionalMoney = None
    flash_sales_service_fee_amount: OptionalMoney = None
    cofunded_promotion_service_fee_amount: OptionalMoney = None
    pre_order_service_fee_amount: OptionalMoney = None
    tsp_commission_amount: OptionalMoney = None
    dt_handling_fee_amount: OptionalMoney = None
    epr_pob_service_fee_amount: OptionalMoney = None
    fee_per_item_sold_amount: OptionalMoney = None
    seller_paylater_handling_fee_amount: OptionalMoney = None
    cofunded_creator_bonus_amount: OptionalMoney = None
    dynamic_commission_amount: OptionalMoney = None
    external_affiliate_marketing_fee_amount: OptionalMoney = None
    vn_fix_infrastructure_fee: OptionalMoney = None
    affiliate_commission_deposit: OptionalMoney = None
    affiliate_commission_release: OptionalMoney = None
    tap_shop_ads_commission: OptionalMoney = None
    shipping_fee_guarantee_service_fee: OptionalMoney = None
    installation_service_fee: OptionalMoney = None
    campaign_resource_fee: OptionalMoney = None


class UnsettledFees(_Fees):
    """The estimated fees of an unsettled transaction."""

    affiliate_commission_before_pit_amount: OptionalMoney = None
    """SEA only: ``affiliate_commission_amount`` before ``pit_withheld_...`` is taken off."""
    pit_withheld_from_ads_commission_amount: OptionalMoney = None
    retail_delivery_fee_amount: OptionalMoney = None
    """Colorado, US: payment plus refund below."""
    retail_delivery_fee_payment_amount: OptionalMoney = None
    retail_delivery_fee_refund_amount: OptionalMoney = None


class _Taxes(WireModel):
    vat_amount: OptionalMoney = None
    import_vat_amount: OptionalMoney = None
    """Cross-border orders; in Japan, the Japanese Consumption Tax (JCT)."""
    customs_duty_amount: OptionalMoney = None
    customs_clearance_amount: OptionalMoney = None
    sst_amount: OptionalMoney = None
    gst_amount: OptionalMoney = None


class SettledTaxes(_Taxes):
    """The taxes of a settled transaction (part of ``fee_tax_amount``)."""

    iva_amount: OptionalMoney = None
    isr_amount: OptionalMoney = None
    anti_dumping_duty_amount: OptionalMoney = None
    local_vat_amount: OptionalMoney = None
    pit_amount: OptionalMoney = None


class UnsettledTaxes(_Taxes):
    """The estimated taxes of an unsettled transaction."""

    sales_tax_amount: OptionalMoney = None
    """Payment minus refund below."""
    sales_tax_payment_amount: OptionalMoney = None
    sales_tax_refund_amount: OptionalMoney = None


class SettledFeeTaxBreakdown(WireModel):
    """The parts of a settled transaction's ``fee_tax_amount``."""

    fee: SettledFees | None = None
    tax: SettledTaxes | None = None


class UnsettledFeeTaxBreakdown(WireModel):
    """The parts of an unsettled transaction's ``est_fee_tax_amount``."""

    fee: UnsettledFees | None = None
    tax: UnsettledTaxes | None = None


class TransactionSupplement(WireModel):
    """Amounts for reference on a statement transaction; they are not part of the settlement."""

    customer_payment_amount: OptionalMoney = None
    customer_refund_amount: OptionalMoney = None
    platform_discount_amount: OptionalMoney = None
    platform_discount_refund_amount: OptionalMoney = None
    seller_cofunded_discount_amount: OptionalMoney = None
    seller_cofunded_discount_refund_amount: OptionalMoney = None
    platform_cofunded_discount_amount: OptionalMoney = None
    platform_cofunded_discount_refund_amount: OptionalMoney = None
    retail_delivery_fee_amount: OptionalMoney = None
    retail_delivery_fee_payment_amount: OptionalMoney = None
    retail_delivery_fee_refund_amount: OptionalMoney = None
    sales_tax_amount: OptionalMoney = None
    sales_tax_payment_amount: OptionalMoney = None
    sales_tax_refund_amount: OptionalMoney = None


# --- Get Transactions by Statement 202501 -----------------------------------------------


class StatementTransaction(WireModel):
    """One transaction of a statement: an order, an adjustment or a reserve movement.

    An order transaction names ``order_id``; an adjustment names ``adjustment_id`` and, when
    it concerns an order, ``adjustment_order_id``; a reserve names ``reserve_id`` and
    ``associated_order_id``.
    """

    id: str
    type: TransactionType | None = None
    order_id: str = ""
    order_create_time: OptionalTimestamp = None
    adjustment_id: str = ""
    adjustment_order_id: str = ""
    adjustment_amount: OptionalMoney = None
    settlement_amount: OptionalMoney = None
    revenue_amount: OptionalMoney = None
    revenue_breakdown: RevenueBreakdown | None = None
    shipping_cost_amount: OptionalMoney = None
    shipping_cost_breakdown: StatementShippingCostBreakdown | None = None
    fee_tax_amount: OptionalMoney = None
    fee_tax_breakdown: SettledFeeTaxBreakdown | None = None
    supplementary_component: TransactionSupplement | None = None
    reserve_id: str = ""
    reserve_amount: OptionalMoney = None
    """Positive when reserve funds are released, negative when they are withheld."""
    associated_order_id: str = ""
    reserve_status: ReserveStatus | None = None
    estimated_release_time: OptionalTimestamp = None


class TotalSettlementBreakdown(WireModel):
    """The parts of a statement's ``total_settlement_amount``."""

    total_revenue_amount: OptionalMoney = None
    total_shipping_cost_amount: OptionalMoney = None
    total_fee_tax_amount: OptionalMoney = None
    total_adjustment_amount: OptionalMoney = None


class StatementTransactionsPage(WireModel):
    """One page of a statement's transactions, with the statement's totals on every page."""

    next_page_token: str = ""
    id: str = ""
    create_time: OptionalTimestamp = None
    status: SettlementStatus | None = None
    currency: str = ""
    payable_amount: OptionalMoney = None
    """What is paid out: ``total_settlement_amount + total_reserve_amount``."""
    total_reserve_amount: OptionalMoney = None
    total_settlement_amount: OptionalMoney = None
    total_settlement_breakdown: TotalSettlementBreakdown | None = None
    total_count: int | None = None
    transactions: list[StatementTransaction] = Field(default_factory=list)


# --- Get Transactions by Order 202501 ---------------------------------------------------


class SkuTransaction(WireModel):
    """One SKU's share of an order's settlement, and the statement it was settled in."""

    sku_id: str = ""
    sku_name: str = ""
    statement_id: str = ""
    product_name: str = ""
    quantity: _OptionalCount = None
    settlement_amount: OptionalMoney = None
    revenue_amount: OptionalMoney = None
    revenue_breakdown: RevenueBreakdown | None = None
    shipping_cost_amount: OptionalMoney = None
    shipping_cost_breakdown: OrderShippingCostBreakdown | None = None
    fee_tax_amount: OptionalMoney = None
    fee_tax_breakdown: SettledFeeTaxBreakdown | None = None


class OrderStatementTransactions(WireModel):
    """An order's settlement, per SKU (Get Transactions by Order)."""

    order_id: str = ""
    order_create_time: OptionalTimestamp = None
    currency: str = ""
    revenue_amount: OptionalMoney = None
    fee_and_tax_amount: OptionalMoney = None
    shipping_cost_amount: OptionalMoney = None
    settlement_amount: OptionalMoney = None
    sku_transactions: list[SkuTransaction] = Field(default_factory=list)
    total_count: int | None = None


# --- Get Unsettled Transactions 202507 --------------------------------------------------

_DIGITS = re.compile(r"^\s*\d+\s*$")


class UnsettledTransaction(WireModel):
    """An order or adjustment TikTok has not settled yet, with estimates and the reason."""

    id: str
    type: TransactionType | None = None
    status: SettlementStatus | None = None
    currency: str = ""
    estimated_settlement: str = ""
    """Either Unix seconds (once delivered) or text such as "x days after delivery"; see
    :attr:`estimated_settlement_time`."""
    unsettled_reason: str = ""
    order_create_time: OptionalTimestamp = None
    order_delivery_time: OptionalTimestamp = None
    order_id: str = ""
    adjustment_id: str = ""
    adjustment_order_id: str = ""
    est_adjustment_amount: OptionalMoney = None
    est_settlement_amount: OptionalMoney = None
    est_revenue_amount: OptionalMoney = None
    revenue_breakdown: RevenueBreakdown | None = None
    est_shipping_cost_amount: OptionalMoney = None
    shipping_cost_breakdown: ShippingCostBreakdown | None = None
    est_fee_tax_amount: OptionalMoney = None
    fee_tax_breakdown: UnsettledFeeTaxBreakdown | None = None

    @property
    def estimated_settlement_time(self) -> datetime | None:
        """The estimated settlement as an aware UTC time, when TikTok sent a timestamp."""
        text = self.estimated_settlement
        if not _DIGITS.match(text) or int(text) == 0:
            return None
        return datetime.fromtimestamp(int(text), tz=timezone.utc)


class UnsettledTransactionsPage(WireModel):
    """One page of Get Unsettled Transactions, with the sums over every page."""

    next_page_token: str = ""
    total_count: int | None = None
    sum_est_settlement_amount: OptionalMoney = None
    sum_est_revenue_amount: OptionalMoney = None
    sum_est_adjustment_amount: OptionalMoney = None
    sum_est_fee_amount: OptionalMoney = None
    transactions: list[UnsettledTransaction] = Field(default_factory=list)


# --- Get Payments 202309 ----------------------------------------------------------------


class Amount(WireModel):
    """An amount with its own currency (Get Payments sends amounts this way)."""

    value: OptionalMoney = None
    currency: str = ""


class Payment(WireModel):
    """A payout of settled statements to the seller's bank account.

    ``settlement_amount + reserve_amount`` is ``payment_amount_before_exchange``, which is
    ``amount`` after exchange at ``exchange_rate`` (1 when no exchange happened).
    """

    id: str
    create_time: OptionalTimestamp = None
    status: PaymentStatus | None = None
    amount: Amount | None = None
    """What reaches the bank, after currency exchange."""
    settlement_amount: Amount | None = None
    reserve_amount: Amount | None = None
    payment_amount_before_exchange: Amount | None = None
    exchange_rate: OptionalMoney = None
    paid_time: OptionalTimestamp = None
    bank_account: str = Field(default="", repr=False)
    """The seller's bank account, masked but for the last 4 digits."""


class PaymentsPage(WireModel):
    """One page of Get Payments."""

    next_page_token: str = ""
    payments: list[Payment] = Field(default_factory=list)


# --- Get Withdrawals 202309 -------------------------------------------------------------


class Withdrawal(WireModel):
    """A movement of money in the seller's TikTok account (withdrawal, settlement...)."""

    id: str
    type: WithdrawalType | None = None
    amount: OptionalMoney = None
    currency: str = ""
    status: WithdrawalStatus | None = None
    create_time: OptionalTimestamp = None


class WithdrawalsPage(WireModel):
    """One page of Get Withdrawals."""

    next_page_token: str = ""
    total_count: int | None = None
    withdrawals: list[Withdrawal] = Field(default_factory=list)
