"""An order's price breakdown (Get Price Detail 202407): list vs sale prices, discounts by payer.

Amounts are :class:`~decimal.Decimal` in ``currency`` (never ``float``). Seller and platform
discounts are separate (``*_deduction_seller`` / ``*_deduction_platform``): the platform's
share is paid to the seller by TikTok, the seller's share is not.
"""

from __future__ import annotations

from pydantic import Field

from ._base import OpenEnum, OptionalMoney, WireModel

__all__ = ["LineItemPriceDetail", "PriceDetail", "VoucherType"]


class VoucherType(OpenEnum):
    """The kind of voucher behind a deduction, as the ``voucher_deduction_*`` fields code it.

    The names sound like amounts, but the descriptions list type codes and the official
    example sends them (``"1010000"``); a value outside the list is kept as unknown.
    """

    PLATFORM_NEW_USER = "1010000"
    SELLER_SKU_PRICE = "1020000"
    PLATFORM_FREE_SHIPPING = "1030000"


class _Prices(WireModel):
    currency: str = ""
    total: OptionalMoney = None
    """List price of products plus list price of shipping."""
    payment: OptionalMoney = None
    """What the buyer paid: sale prices of products and shipping, tax and small-order fee."""
    sku_list_price: OptionalMoney = None
    sku_sale_price: OptionalMoney = None
    """``sku_list_price`` less both discounts."""
    subtotal: OptionalMoney = None
    """``sku_sale_price`` plus ``subtotal_tax_amount``."""
    subtotal_deduction_seller: OptionalMoney = None
    subtotal_deduction_platform: OptionalMoney = None
    subtotal_tax_amount: OptionalMoney = None
    voucher_deduction_platform: VoucherType | None = None
    voucher_deduction_seller: VoucherType | None = None
    shipping_list_price: OptionalMoney = None
    shipping_sale_price: OptionalMoney = None
    shipping_fee_deduction_seller: OptionalMoney = None
    shipping_fee_deduction_platform: OptionalMoney = None
    shipping_fee_deduction_platform_voucher: VoucherType | None = None
    tax_amount: OptionalMoney = None
    tax_rate: OptionalMoney = None
    """A fraction (``0.021``), not a percentage."""
    net_price_amount: OptionalMoney = None
    cod_fee: OptionalMoney = None
    sku_gift_original_price: OptionalMoney = None
    sku_gift_net_price: OptionalMoney = None


class LineItemPriceDetail(_Prices):
    """The price breakdown of one line item (``id`` is the order's line item id)."""

    id: str = ""
    cod_fee_amount: OptionalMoney = None
    """COD fee including tax (Saudi Arabia only; ``0.00`` elsewhere)."""


class PriceDetail(_Prices):
    """An order's price breakdown, with one breakdown per line item."""

    cod_fee_net_amount: OptionalMoney = None
    """COD fee including tax (Saudi Arabia only; ``0.00`` elsewhere)."""
    line_items: list[LineItemPriceDetail] = Field(default_factory=list)
