"""Values that workflows hand to the host (and take from it): plain, frozen, no wire types.

The ones the planners read as they are (``OmsShipment``, ``StockLevel``, ``CatalogProduct``,
``CatalogSku``) are defined in :mod:`tiktokshop_sync.domain.planning` and exported here too.

``ImportedOrder.source`` keeps the TikTok order as received for hosts that want more fields.
Reprs show ids, statuses, counts and amounts; personal data (the recipient, the buyer's message,
a buyer's cancel reason) shows as ``'***'``, and every value stays an attribute.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from .._core.display import masked, summary
from ..domain import (
    AddressCheckReport,
    BuyerBlock,
    DispatchDeadlineDecision,
    Hold,
    HoldDecision,
    MethodChosen,
    MethodUnrecognised,
    PaymentResolution,
    order_key,
)
from ..domain._frozen import quick_init
from ..domain.planning import CatalogProduct, CatalogSku, OmsShipment, StockLevel
from ..domain.planning._repr import brief as _brief
from ..domain.settlement import Payout, SettlementStatement

__all__ = [
    "CancelRequest",
    "CatalogProduct",
    "CatalogSku",
    "HoldReleased",
    "ImportedOrder",
    "ImportedPayout",
    "ImportedSettlement",
    "OmsShipment",
    "OrderCancelled",
    "OrderLine",
    "Recipient",
    "StockLevel",
    "TikTokTracking",
]


@quick_init
@attrs.frozen(kw_only=True)
class OrderLine:
    """Units of one SKU at one price: TikTok's one-line-per-unit grouped back.

    Units of a SKU that differ in price (a coupon spread over them) or that are a free gift
    are lines of their own, so ``quantity * unit_price`` over the lines is what the items cost.
    """

    seller_sku: str
    sku_id: str
    product_id: str
    product_name: str
    sku_name: str
    quantity: int
    unit_price: Decimal | None
    """Each unit's ``sale_price``: what the buyer pays for it after discounts."""
    line_item_ids: tuple[str, ...]
    is_gift: bool = False
    """The units are a gift (TikTok's ``is_gift``), never merged with paid units of the SKU."""


@quick_init
@attrs.frozen(kw_only=True)
class Recipient:
    """Ship-to as TikTok sent it (masked or empty fields are kept as they are).

    Its repr shows ``'***'`` for every part but the region code.
    """

    name: str = attrs.field(repr=masked)
    name_kana: str = attrs.field(repr=masked)
    phone: str = attrs.field(repr=masked)
    postal_code: str = attrs.field(repr=masked)
    prefecture: str = attrs.field(repr=masked)
    city: str = attrs.field(repr=masked)
    address_lines: tuple[str, ...] = attrs.field(repr=masked)
    full_address: str = attrs.field(repr=masked)
    region_code: str


@quick_init
@attrs.frozen(kw_only=True)
class ImportedOrder:
    """A TikTok order ready for the OMS, with every decision the rules took about it.

    ``key`` is stable per order version: a sink must treat a repeated key as the same order
    (an upsert), which is what makes re-running after a crash safe. ``order_key`` names the
    order across every TikTok shop (store it as the order number's key when an OMS holds
    several shops: order ids alone may repeat between shops).

    ``buyer`` is the buyer block (注文者) filled as ``OrderImportPolicy.buyer`` says, with its
    provenance (``buyer.source``: copied from the recipient, fixed or empty); ``deadline`` is the
    dispatch deadline (出荷期限) that binds the seller now, in JST, given by TikTok or estimated.
    """

    shop: str
    order_id: str
    version: int
    status: str
    created_at: datetime | None = attrs.field(repr=False)
    updated_at: datetime | None = attrs.field(repr=False)
    paid_at: datetime | None = attrs.field(repr=False)
    currency: str
    total: Decimal | None
    shipping_fee: Decimal | None
    payment_label: str = attrs.field(repr=False)
    payment: PaymentResolution = attrs.field(repr=_brief)
    shipping_method: MethodChosen | MethodUnrecognised | None = attrs.field(repr=_brief)
    hold: HoldDecision = attrs.field(repr=_brief)
    address_checks: AddressCheckReport
    lines: tuple[OrderLine, ...] = attrs.field(repr=summary)
    recipient: Recipient
    buyer_message: str = attrs.field(repr=masked)
    source: Any = attrs.field(eq=False, repr=False)
    shop_cipher: str = attrs.field(repr=False)
    """The TikTok shop's cipher: the shop's identity at TikTok (``shop`` is the host's key)."""
    buyer: BuyerBlock = attrs.field(repr=False)
    deadline: DispatchDeadlineDecision = attrs.field(repr=False)
    product_price: Decimal | None = attrs.field(default=None, repr=False)
    """The items' prices before any discount (TikTok's ``original_total_product_price``)."""
    seller_discount: Decimal | None = attrs.field(default=None, repr=False)
    """The discount the seller funds on the items (it lowers what TikTok settles)."""
    platform_discount: Decimal | None = attrs.field(default=None, repr=False)
    """The discount TikTok funds on the items (TikTok pays it to the seller at settlement)."""
    shipping_fee_seller_discount: Decimal | None = attrs.field(default=None, repr=False)
    shipping_fee_platform_discount: Decimal | None = attrs.field(default=None, repr=False)

    @property
    def settlement_revenue(self) -> Decimal | None:
        """The items' sales as TikTok settles them: prices less the seller's own discounts
        (platform discounts stay in; TikTok pays them). None when TikTok sent no prices."""
        if self.product_price is None:
            return None
        return self.product_price - (self.seller_discount or Decimal(0))

    @property
    def key(self) -> str:
        """``shop:order_id:update_time``, unique per version of the order."""
        return f"{self.shop}:{self.order_id}:{self.version}"

    @property
    def order_key(self) -> str:
        """The order's key across TikTok shops: ``order_key(shop=shop_cipher, order_id=...)``.

        Two shops' orders never share it, even with equal order ids (see ``domain.order_key``).
        """
        return order_key(shop=self.shop_cipher, order_id=self.order_id)

    @property
    def held(self) -> bool:
        """Whether the OMS must keep the order in 入金待ち (not shippable yet)."""
        return isinstance(self.hold, Hold)


@attrs.frozen(kw_only=True)
class HoldReleased:
    """A held order is now paid and past the cancel window: move it to 入金済み.

    TikTok masks the ship-to while an order is held, so the order was delivered with a masked
    recipient and buyer copy. ``recipient``, ``buyer`` and ``address_checks`` are the order as
    TikTok shows it at the release: replace the masked copy with them (None: not read again).
    """

    shop: str
    order_id: str
    reason: str
    message: str
    at: datetime
    recipient: Recipient | None = None
    buyer: BuyerBlock | None = attrs.field(default=None, repr=False)
    address_checks: AddressCheckReport | None = attrs.field(default=None, repr=False)


@attrs.frozen(kw_only=True)
class OrderCancelled:
    """TikTok cancelled an order, or some of its line items."""

    shop: str
    order_id: str
    initiator: str
    reason: str = attrs.field(repr=masked)
    """TikTok's reason; a buyer may have chosen or written it, so the repr masks it."""
    at: datetime | None
    line_item_ids: tuple[str, ...] = attrs.field(default=(), repr=summary)
    cancel_id: str = ""

    @property
    def whole_order(self) -> bool:
        """True when every line item is cancelled (no ids listed)."""
        return not self.line_item_ids


@attrs.frozen(kw_only=True)
class CancelRequest:
    """A buyer asks to cancel; the seller must answer before ``deadline`` or TikTok decides."""

    shop: str
    order_id: str
    cancel_id: str
    reason: str = attrs.field(repr=masked)
    """The buyer's reason, which the repr masks."""
    requested_at: datetime | None
    deadline: datetime | None


@attrs.frozen(kw_only=True)
class TikTokTracking:
    """The tracking number TikTok assigned to an order it ships itself (shipping type TIKTOK).

    TikTok books the carrier and issues its own number; the number the OMS held is not sent.
    Store ``tracking_number`` in the OMS so the OMS, TikTok and the buyer see the same one.
    """

    shop: str
    order_id: str
    package_id: str
    oms_tracking_number: str
    tracking_number: str
    shipping_provider: str = ""

    @property
    def differs(self) -> bool:
        """Whether TikTok's number is not the one the OMS held."""
        return self.tracking_number != self.oms_tracking_number

    def describe(self) -> str:
        """What happened and what to do, in one line."""
        carrier = f" ({self.shipping_provider})" if self.shipping_provider else ""
        if not self.tracking_number:
            return (
                f"shipped by TikTok; its tracking number is not readable yet (the OMS has "
                f"{self.oms_tracking_number or 'none'}): the next run reads it back"
            )
        if not self.differs:
            return f"shipped by TikTok as {self.tracking_number}{carrier}, as the OMS has it"
        return (
            f"shipped by TikTok as {self.tracking_number}{carrier}; the OMS has "
            f"{self.oms_tracking_number or 'none'}: store TikTok's number in the OMS (it is the "
            "one the buyer and the carrier see)"
        )


@attrs.frozen(kw_only=True)
class ImportedSettlement:
    """One TikTok statement for the host: its header and one line per order, adjustment or
    reserve movement (revenue, fees by kind, shipping, tax, settlement), all ``Decimal``.

    Delivered when the statement is new and again when TikTok names or moves its payout
    (``reason``); a repeated ``key`` is the same statement (an upsert).
    """

    shop: str
    statement: SettlementStatement = attrs.field(repr=lambda s: repr(s.statement_id))
    reason: str
    """``new`` or ``payout_changed`` (see ``SettlementReason``)."""

    @property
    def key(self) -> str:
        """``shop:statement_id``: the statement across every shop of the host."""
        return f"{self.shop}:{self.statement.statement_id}"


@attrs.frozen(kw_only=True)
class ImportedPayout:
    """One TikTok payment (payout to the bank) for the host, delivered once per status."""

    shop: str
    payout: Payout

    @property
    def key(self) -> str:
        """``shop:payment_id``: the payout across every shop of the host."""
        return f"{self.shop}:{self.payout.payment_id}"
