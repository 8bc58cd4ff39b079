"""What the fake settles for an order, a refund or an adjustment, by TikTok's breakdown fields.

Amounts are whole yen (``int``), signed from the seller's side: positive is money to the
seller, negative is money TikTok keeps. A :class:`Money` holds one transaction's (or one SKU's)
non-zero parts by the field names of TikTok's finance replies; every total is the plain sum of
its parts, so ``settlement = revenue + shipping + fee_tax + adjustment`` holds by construction.
The wire renderer (``backend.py``) fills every other documented field with ``"0"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from attrs import define, field, frozen

from tiktokshop_sync.testing._orders.records import FakeLineItem, FakeOrder

__all__ = [
    "FEE_FIELDS",
    "REVENUE_FIELDS",
    "SETTLED_FEE_FIELDS",
    "SETTLED_SHIPPING_FIELDS",
    "SETTLED_SHIPPING_INFO_FIELDS",
    "SETTLED_TAX_FIELDS",
    "SHIPPING_FIELDS",
    "SHIPPING_INFO_FIELDS",
    "TAX_FIELDS",
    "TRANSACTION_INFO_FIELDS",
    "UNSETTLED_FEE_FIELDS",
    "UNSETTLED_TAX_FIELDS",
    "Money",
    "SkuMoney",
    "Terms",
    "breakdown",
    "fee_of",
    "refund_money",
    "sale_money",
]

# --- TikTok's breakdown fields (api/finance/*.spec.json), the fake's own copy -----------------

REVENUE_FIELDS: Final = (
    "subtotal_before_discount_amount",
    "seller_discount_amount",
    "refund_subtotal_before_discount_amount",
    "seller_discount_refund_amount",
    "cod_service_fee_amount",
    "refund_cod_service_fee_amount",
)
SHIPPING_FIELDS: Final = (
    "actual_shipping_fee_amount",
    "shipping_fee_discount_amount",
    "customer_paid_shipping_fee_amount",
    "return_shipping_fee_amount",
    "replacement_shipping_fee_amount",
    "exchange_shipping_fee_amount",
    "signature_confirmation_fee_amount",
    "shipping_insurance_fee_amount",
)
SETTLED_SHIPPING_FIELDS: Final = (
    *SHIPPING_FIELDS,
    "fbt_fulfillment_fee_reimbursement_amount",
    "return_shipping_label_fee_amount",
    "seller_self_shipping_service_fee_amount",
    "return_shipping_fee_paid_buyer_amount",
    "failed_delivery_subsidy_amount",
    "fbt_free_shipping_fee_amount",
    "free_return_subsidy_amount",
)
#: ``supplementary_component`` of a shipping breakdown: for reference, not part of the sum.
SHIPPING_INFO_FIELDS: Final = (
    "customer_shipping_fee_offset_amount",
    "shipping_fee_subsidy_amount",
    "platform_shipping_fee_discount_amount",
    "fbm_shipping_cost_amount",
    "fbt_shipping_cost_amount",
    "promo_shipping_incentive_amount",
    "fbt_fulfillment_fee_amount",
    "seller_shipping_fee_discount_amount",
)
#: The settled endpoints' supplementary fields (the deprecated, always empty
#: ``fbt_fulfillment_fee_reimbursement_amount`` is left out).
SETTLED_SHIPPING_INFO_FIELDS: Final = (
    *SHIPPING_INFO_FIELDS,
    "return_refund_subsidy_amount",
    "refunded_customer_shipping_fee_amount",
)
FEE_FIELDS: Final = (
    "platform_commission_amount",
    "referral_fee_amount",
    "refund_administration_fee_amount",
    "transaction_fee_amount",
    "credit_card_handling_fee_amount",
    "affiliate_commission_amount",
    "affiliate_partner_commission_amount",
    "affiliate_ads_commission_amount",
    "sfp_service_fee_amount",
    "live_specials_fee_amount",
    "bonus_cashback_service_fee_amount",
    "mall_service_fee_amount",
)
SETTLED_FEE_FIELDS: Final = (
    *FEE_FIELDS,
    "affiliate_commission_amount_before_pit",
    "voucher_xtra_service_fee_amount",
    "flash_sales_service_fee_amount",
    "cofunded_promotion_service_fee_amount",
    "pre_order_service_fee_amount",
    "tsp_commission_amount",
    "dt_handling_fee_amount",
    "epr_pob_service_fee_amount",
    "fee_per_item_sold_amount",
    "seller_paylater_handling_fee_amount",
    "cofunded_creator_bonus_amount",
    "dynamic_commission_amount",
    "external_affiliate_marketing_fee_amount",
    "vn_fix_infrastructure_fee",
    "affiliate_commission_deposit",
    "affiliate_commission_release",
    "tap_shop_ads_commission",
    "shipping_fee_guarantee_service_fee",
    "installation_service_fee",
    "campaign_resource_fee",
)
UNSETTLED_FEE_FIELDS: Final = (
    *FEE_FIELDS,
    "affiliate_commission_before_pit_amount",
    "pit_withheld_from_ads_commission_amount",
    "retail_delivery_fee_amount",
    "retail_delivery_fee_payment_amount",
    "retail_delivery_fee_refund_amount",
)
TAX_FIELDS: Final = (
    "vat_amount",
    "import_vat_amount",
    "customs_duty_amount",
    "customs_clearance_amount",
    "sst_amount",
    "gst_amount",
)
SETTLED_TAX_FIELDS: Final = (
    *TAX_FIELDS,
    "iva_amount",
    "isr_amount",
    "anti_dumping_duty_amount",
    "local_vat_amount",
    "pit_amount",
)
UNSETTLED_TAX_FIELDS: Final = (
    *TAX_FIELDS,
    "sales_tax_amount",
    "sales_tax_payment_amount",
    "sales_tax_refund_amount",
)
#: A statement transaction's ``supplementary_component``: amounts for reference only.
TRANSACTION_INFO_FIELDS: Final = (
    "customer_payment_amount",
    "customer_refund_amount",
    "platform_discount_amount",
    "platform_discount_refund_amount",
    "seller_cofunded_discount_amount",
    "seller_cofunded_discount_refund_amount",
    "platform_cofunded_discount_amount",
    "platform_cofunded_discount_refund_amount",
    "retail_delivery_fee_amount",
    "retail_delivery_fee_payment_amount",
    "retail_delivery_fee_refund_amount",
    "sales_tax_amount",
    "sales_tax_payment_amount",
    "sales_tax_refund_amount",
)


@frozen(kw_only=True)
class Terms:
    """The rates one settlement is computed with (a plain copy of the public FinanceTerms)."""

    commission_rate: Decimal
    payment_fee_rate: Decimal
    affiliate_rate: Decimal
    tiktok_shipping_cost: int
    return_shipping_fee: int


def fee_of(base: int, rate: Decimal) -> int:
    """``rate`` of ``base`` yen, rounded half up to whole yen (JPY has no minor unit)."""
    return int((Decimal(base) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _add(into: dict[str, int], name: str, amount: int) -> None:
    if amount:
        into[name] = into.get(name, 0) + amount


@define(kw_only=True)
class Money:
    """One transaction's (or SKU's) non-zero parts, by TikTok's field names."""

    revenue: dict[str, int] = field(factory=dict)
    shipping: dict[str, int] = field(factory=dict)
    shipping_info: dict[str, int] = field(factory=dict)
    """Reference only (``supplementary_component``): not part of ``shipping``."""
    fees: dict[str, int] = field(factory=dict)
    taxes: dict[str, int] = field(factory=dict)
    info: dict[str, int] = field(factory=dict)
    """The transaction's ``supplementary_component``: reference only."""
    adjustment: int = 0

    @property
    def revenue_amount(self) -> int:
        """The sum of the revenue parts."""
        return sum(self.revenue.values())

    @property
    def shipping_amount(self) -> int:
        """The sum of the shipping parts (the supplementary ones excluded)."""
        return sum(self.shipping.values())

    @property
    def fee_tax_amount(self) -> int:
        """The sum of the fees and taxes."""
        return sum(self.fees.values()) + sum(self.taxes.values())

    @property
    def settlement_amount(self) -> int:
        """``revenue + shipping + fee_tax + adjustment``."""
        return self.revenue_amount + self.shipping_amount + self.fee_tax_amount + self.adjustment

    def add(self, other: Money) -> None:
        """Add ``other``'s parts to these."""
        for mine, theirs in (
            (self.revenue, other.revenue),
            (self.shipping, other.shipping),
            (self.shipping_info, other.shipping_info),
            (self.fees, other.fees),
            (self.taxes, other.taxes),
            (self.info, other.info),
        ):
            for name, amount in theirs.items():
                _add(mine, name, amount)
        self.adjustment += other.adjustment

    @classmethod
    def total(cls, parts: Iterable[Money]) -> Money:
        """The sum of ``parts``."""
        found = cls()
        for part in parts:
            found.add(part)
        return found


@define(kw_only=True)
class SkuMoney:
    """One SKU's share of an order transaction (Get Transactions by Order lists it)."""

    sku_id: str
    sku_name: str
    product_name: str
    quantity: int
    money: Money


def _skus(items: Iterable[FakeLineItem]) -> dict[str, list[FakeLineItem]]:
    grouped: dict[str, list[FakeLineItem]] = {}
    for item in items:
        grouped.setdefault(item.sku_id, []).append(item)
    return grouped


def _sku_money(sku_id: str, items: list[FakeLineItem], money: Money) -> SkuMoney:
    """One SKU's share, named after its first line item (every line of a SKU shares names)."""
    first = items[0]
    return SkuMoney(
        sku_id=sku_id,
        sku_name=first.sku_name,
        product_name=first.product_name,
        quantity=len(items),
        money=money,
    )


def _fees(money: Money, base: int, terms: Terms, *, affiliate: bool, sign: int) -> None:
    """The fees on ``base`` yen of revenue: charged (sign -1) or given back (sign +1)."""
    _add(money.fees, "platform_commission_amount", sign * fee_of(base, terms.commission_rate))
    _add(money.fees, "transaction_fee_amount", sign * fee_of(base, terms.payment_fee_rate))
    if affiliate:
        _add(money.fees, "affiliate_commission_amount", sign * fee_of(base, terms.affiliate_rate))


def sale_money(order: FakeOrder, terms: Terms, *, affiliate: bool) -> list[SkuMoney]:
    """An order's sale, per SKU: gross sales less the seller's discounts, shipping, fees.

    Revenue is what TikTok's ``revenue_breakdown`` adds up to: item prices before discounts
    less the seller's own discounts (TikTok pays its platform discounts to the seller).
    Commission and the payment fee are a rate of that revenue, as Japanese seller guides
    describe TikTok's 7 % (buyer's payment plus platform discount, tax excluded). The order's
    shipping sits on its first SKU: the shipping the buyer paid and TikTok's shipping
    discount come to the seller; TikTok charges its carrier's cost on orders it ships.
    """
    groups = _skus(item for item in order.line_items if not item.cancel_user)
    found: list[SkuMoney] = []
    for index, (sku_id, items) in enumerate(groups.items()):
        money = Money()
        gross = sum(i.original_price for i in items)
        seller = sum(i.seller_discount for i in items)
        platform = sum(i.platform_discount for i in items)
        _add(money.revenue, "subtotal_before_discount_amount", gross)
        _add(money.revenue, "seller_discount_amount", -seller)
        _fees(money, gross - seller, terms, affiliate=affiliate, sign=-1)
        _add(money.info, "platform_discount_amount", platform)
        _add(money.info, "customer_payment_amount", gross - seller - platform)
        if index == 0:
            _shipping(money, order, terms)
        found.append(_sku_money(sku_id, items, money))
    return found


def _shipping(money: Money, order: FakeOrder, terms: Terms) -> None:
    _add(money.shipping, "customer_paid_shipping_fee_amount", order.shipping_fee)
    _add(money.shipping_info, "customer_shipping_fee", order.shipping_fee)
    _add(money.info, "customer_payment_amount", order.shipping_fee)
    platform = order.shipping_fee_platform_discount
    _add(money.shipping, "shipping_fee_discount_amount", platform)
    _add(money.shipping_info, "platform_shipping_fee_discount_amount", platform)
    _add(
        money.shipping_info,
        "seller_shipping_fee_discount_amount",
        -order.shipping_fee_seller_discount,
    )
    if order.shipping_type == "TIKTOK":
        _add(money.shipping, "actual_shipping_fee_amount", -terms.tiktok_shipping_cost)
        _add(money.shipping_info, "fbm_shipping_cost_amount", -terms.tiktok_shipping_cost)


def refund_money(
    order: FakeOrder,
    item_ids: Iterable[str],
    terms: Terms,
    *,
    affiliate: bool,
    partial: int | None,
    ships_back: bool,
) -> list[SkuMoney]:
    """A refund, per SKU: the refunded items' revenue and fees given back, return shipping.

    A refund takes back the items' price before discounts less the seller's discounts given
    back, which is what the buyer paid plus TikTok's discount (the relation
    ``domain/return_refunds.py`` reads); a partial refund the buyer accepted takes back its
    amount. The seller pays the return parcel (``RETURN_SHIPPING_FEE``) when the items travel
    back.
    """
    wanted = set(item_ids)
    groups = _skus(item for item in order.line_items if item.id in wanted)
    if partial is not None:  # one amount: booked on the first SKU returned
        groups = dict(list(groups.items())[:1])
    found: list[SkuMoney] = []
    for index, (sku_id, items) in enumerate(groups.items()):
        money = Money()
        if partial is None:
            gross = sum(i.original_price for i in items)
            seller = sum(i.seller_discount for i in items)
            platform = sum(i.platform_discount for i in items)
            _add(money.revenue, "refund_subtotal_before_discount_amount", -gross)
            _add(money.revenue, "seller_discount_refund_amount", seller)
            _fees(money, gross - seller, terms, affiliate=affiliate, sign=1)
            _add(money.info, "customer_refund_amount", gross - seller - platform)
            _add(money.info, "platform_discount_refund_amount", platform)
        else:
            _add(money.revenue, "refund_subtotal_before_discount_amount", -partial)
            _fees(money, partial, terms, affiliate=affiliate, sign=1)
            _add(money.info, "customer_refund_amount", partial)
        if index == 0 and ships_back:
            _add(money.shipping, "return_shipping_fee_amount", -terms.return_shipping_fee)
        found.append(_sku_money(sku_id, items, money))
    return found


def breakdown(fields: Iterable[str], parts: Mapping[str, int]) -> dict[str, str]:
    """Every field of a documented breakdown as TikTok sends it: whole-yen strings, "0" unused."""
    return {name: str(parts.get(name, 0)) for name in fields}
