"""The fake's order records (orders, line items, recipients, packages) and the order's exact
TikTok wire shape (reference §5.5).

Records are mutable and live inside the fake; ``to_wire()`` renders what the API would return
at that moment, applying the hiding and masking rules of the current status. A package is part
of its order's record; the fulfillment backend owns what happens to it and its own replies.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final, Literal, Protocol, get_args

from attrs import Attribute, define, field

from tiktokshop_sync.testing._masking import mask_name, mask_postal_code, stars

__all__ = [
    "HIDDEN_ADDRESS_STATUSES",
    "ORDER_STATUSES",
    "PACKAGE_STATUSES",
    "PACKAGE_STATUS_FOR",
    "SHIPPED_PACKAGE_STATUSES",
    "SHIPPED_STATUSES",
    "FakeLineItem",
    "FakeOrder",
    "FakePackage",
    "FakeRecipient",
    "OrderStatus",
    "OrderWatcher",
]

OrderStatus = Literal[
    "UNPAID",
    "ON_HOLD",
    "AWAITING_SHIPMENT",
    "PARTIALLY_SHIPPING",
    "AWAITING_COLLECTION",
    "IN_TRANSIT",
    "DELIVERED",
    "COMPLETED",
    "CANCELLED",
]

ORDER_STATUSES: Final[tuple[str, ...]] = get_args(OrderStatus)

#: The address is returned as empty strings in these statuses (ON_HOLD changelog; a cancelled
#: VN order observed with every recipient_address field "").
HIDDEN_ADDRESS_STATUSES: Final[frozenset[str]] = frozenset({"UNPAID", "ON_HOLD", "CANCELLED"})

SHIPPED_STATUSES: Final[frozenset[str]] = frozenset(
    {"AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"}
)

# Line item display_status has no ON_HOLD value; AWAITING_SHIPMENT is our guess [inferred].
_DISPLAY_STATUS: Final[dict[str, str]] = {"ON_HOLD": "AWAITING_SHIPMENT"}

#: The status every package of an order has when the whole order is in a status (Search
#: Package documents COMPLETED as "Package has been delivered").
PACKAGE_STATUS_FOR: Final[dict[str, str]] = {
    "AWAITING_SHIPMENT": "TO_FULFILL",
    "AWAITING_COLLECTION": "PROCESSING",
    "IN_TRANSIT": "FULFILLING",
    "DELIVERED": "COMPLETED",
    "COMPLETED": "COMPLETED",
    "CANCELLED": "CANCELLED",
}

HANDLING_DAYS: Final = 3

_CARD_PAYMENTS: Final = frozenset({"Credit/debit card", "クレジット/デビットカード"})
_CARD_BRANDS: Final = ("visa", "mastercard", "jcb", "amex")

PACKAGE_STATUSES: Final[tuple[str, ...]] = (
    "TO_FULFILL",
    "PROCESSING",
    "FULFILLING",
    "COMPLETED",
    "CANCELLED",
)

SHIPPED_PACKAGE_STATUSES: Final[frozenset[str]] = frozenset(
    {"PROCESSING", "FULFILLING", "COMPLETED"}
)


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


class OrderWatcher(Protocol):
    """Told about every write to an order field it files orders by (see ``FakeOrder.watcher``)."""

    def touch(self, order: FakeOrder) -> None:
        """``order`` is about to change one of its watched fields."""


def _touch(order: FakeOrder, _attribute: Attribute[Any], value: Any) -> Any:
    # attrs runs this before the new value is stored: the watcher re-reads the order later.
    watcher = order.watcher
    if watcher is not None:
        watcher.touch(order)
    return value


@define(kw_only=True, eq=False)
class FakePackage:
    """One package of one order: its line items, status, carrier and tracking number."""

    id: str
    order_id: str
    shop_id: str
    line_item_ids: list[str] = field(factory=list)
    status: str = "TO_FULFILL"
    create_time: datetime
    update_time: datetime
    shipping_provider_id: str = ""
    shipping_provider_name: str = ""
    tracking_number: str = ""
    rts_time: datetime | None = None
    handover_method: str = ""
    pickup_slot: tuple[datetime, datetime] | None = None
    shipping_info_updates: int = 0
    split: bool = False

    @property
    def shipped(self) -> bool:
        """True once the seller has shipped it (it has a carrier and tracking number)."""
        return self.status in SHIPPED_PACKAGE_STATUSES

    def ship(
        self,
        *,
        tracking_number: str,
        provider_id: str,
        provider_name: str,
        at: datetime,
        handover_method: str = "",
        pickup_slot: tuple[datetime, datetime] | None = None,
    ) -> None:
        """Record the shipment: PROCESSING with carrier, tracking number and ``rts_time``."""
        self.status = "PROCESSING"
        self.tracking_number = tracking_number
        self.shipping_provider_id = provider_id
        self.shipping_provider_name = provider_name
        self.rts_time = self.update_time = at
        self.handover_method = handover_method
        self.pickup_slot = pickup_slot


@define(kw_only=True, eq=False)
class FakeRecipient:
    """Who and where an order ships to, kept unmasked; masking happens in ``to_wire``."""

    last_name: str
    first_name: str
    last_name_local_script: str
    first_name_local_script: str
    phone_number: str
    postal_code: str
    prefecture: str
    prefecture_iso: str
    city: str
    town: str
    block: str
    building: str = ""

    @property
    def name(self) -> str:
        """Family name first, as Japanese labels print it: ``山田 太郎``."""
        return f"{self.last_name} {self.first_name}"

    @property
    def address_detail(self) -> str:
        """Town, 丁目-番地-号 and building: ``渋谷1-2-3 メゾン桜 405号室``."""
        street = f"{self.town}{self.block}"
        return f"{street} {self.building}" if self.building else street

    def to_wire(self, *, hidden: bool, masked: bool) -> dict[str, Any]:
        """The ``recipient_address`` object; ``hidden`` blanks everything, ``masked`` redacts."""
        if hidden:
            return {
                "name": "",
                "first_name": "",
                "last_name": "",
                "first_name_local_script": "",
                "last_name_local_script": "",
                "phone_number": "",
                "full_address": "",
                "address_detail": "",
                "address_line1": "",
                "address_line2": "",
                "address_line3": "",
                "address_line4": "",
                "postal_code": "",
                "region_code": "",
                "district_info": [],
            }
        street = f"{self.town}{self.block}"
        building = self.building
        detail = self.address_detail
        postal_code = self.postal_code
        names = (self.name, self.first_name, self.last_name)
        kana = (self.first_name_local_script, self.last_name_local_script)
        if masked:
            street = self.town + stars(self.block)
            building = stars(building)
            detail = f"{street} {building}" if building else street
            postal_code = mask_postal_code(postal_code)
            names = (mask_name(names[0]), mask_name(names[1]), mask_name(names[2]))
            kana = (mask_name(kana[0]), mask_name(kana[1]))
        return {
            "name": names[0],
            "first_name": names[1],
            "last_name": names[2],
            "first_name_local_script": kana[0],
            "last_name_local_script": kana[1],
            "phone_number": self.phone_number,
            "full_address": f"{self.prefecture}{self.city}{detail}",
            "address_detail": detail,
            "address_line1": street,
            "address_line2": building,
            "address_line3": "",
            "address_line4": "",
            "postal_code": postal_code,
            "region_code": "JP",
            # Each level is {address_level_name, address_name, address_level}: the reference
            # documents no iso_code here (get-order-detail.spec.json, get-order-list.spec.json).
            "district_info": [
                {"address_level_name": "Country", "address_name": "Japan", "address_level": "L0"},
                {
                    "address_level_name": "Prefecture",
                    "address_name": self.prefecture,
                    "address_level": "L1",
                },
                {"address_level_name": "City", "address_name": self.city, "address_level": "L2"},
            ],
        }


@define(kw_only=True, eq=False)
class FakeLineItem:
    """One unit of one SKU: TikTok has no quantity field, 3 × a SKU is 3 line items."""

    id: str
    sku_id: str
    product_id: str
    product_name: str
    sku_name: str
    sku_image: str
    seller_sku: str
    original_price: int
    seller_discount: int = 0
    platform_discount: int = 0
    cancel_user: str = ""
    cancel_reason: str = ""
    is_gift: bool = False

    @property
    def sale_price(self) -> int:
        """What the buyer pays for this unit: original price less both discounts."""
        return self.original_price - self.seller_discount - self.platform_discount


@define(kw_only=True, eq=False)
class FakeOrder:
    """A TikTok Shop order as the fake stores it; amounts are whole JPY, times aware UTC."""

    id: str
    shop_id: str = field(on_setattr=_touch)
    status: str = field(on_setattr=_touch)
    create_time: datetime = field(on_setattr=_touch)
    update_time: datetime = field(on_setattr=_touch)
    user_id: str
    buyer_email: str
    recipient: FakeRecipient
    line_items: list[FakeLineItem] = field(factory=list)
    payment_method_name: str = "Credit/debit card"
    buyer_message: str = ""
    seller_note: str = ""
    currency: str = "JPY"
    original_shipping_fee: int = 0
    shipping_fee_seller_discount: int = 0
    shipping_fee_platform_discount: int = 0
    shipping_type: str = "SELLER"
    fulfillment_type: str = "FULFILLMENT_BY_SELLER"
    delivery_type: str = "HOME_DELIVERY"
    delivery_option_id: str = ""
    delivery_option_name: str = "Standard Shipping"
    warehouse_id: str = ""
    order_type: str = "NORMAL"
    is_cod: bool = False
    is_sample_order: bool = False
    is_buyer_request_cancel: bool = False
    paid_time: datetime | None = field(default=None, on_setattr=_touch)
    request_cancel_time: datetime | None = None
    cancel_time: datetime | None = None
    cancel_reason: str = ""
    cancellation_initiator: str = ""
    packages: list[FakePackage] = field(factory=list)
    rts_time: datetime | None = None
    collection_time: datetime | None = None
    delivery_time: datetime | None = None
    shipping_provider: str = ""
    shipping_provider_id: str = ""
    tracking_number: str = ""
    #: A replacement the platform made for an approved REPLACEMENT return of this order.
    replaced_order_id: str = ""
    #: The fake's order index, once the order is stored: writes to the fields it sorts or
    #: queues orders by (shop_id, status, create_time, update_time, paid_time) touch it.
    watcher: OrderWatcher | None = field(default=None, init=False, repr=False, eq=False)

    # --- money ------------------------------------------------------------------------------

    @property
    def sub_total(self) -> int:
        """Sum of line item sale prices (= original total less seller and platform discounts)."""
        return sum(item.sale_price for item in self.line_items)

    @property
    def shipping_fee(self) -> int:
        """Shipping the buyer pays after shipping discounts."""
        return (
            self.original_shipping_fee
            - self.shipping_fee_seller_discount
            - self.shipping_fee_platform_discount
        )

    @property
    def total_amount(self) -> int:
        """``sub_total + shipping_fee``; JP prices are tax-inclusive, so no tax is added."""
        return self.sub_total + self.shipping_fee

    @property
    def is_on_hold_order(self) -> bool:
        """True while the order sits in the one-hour ON_HOLD remorse window."""
        return self.status == "ON_HOLD"

    # --- packages -----------------------------------------------------------------------------

    @property
    def package_id(self) -> str:
        """The first package's id (``""`` before AWAITING_SHIPMENT)."""
        return self.packages[0].id if self.packages else ""

    def package_of(self, line_item_id: str) -> FakePackage | None:
        """The package holding a line item, if it has one yet."""
        for package in self.packages:
            if line_item_id in package.line_item_ids:
                return package
        return None

    def unshipped_package(self) -> FakePackage | None:
        """The package still TO_FULFILL, if any (there is at most one)."""
        return next((p for p in self.packages if p.status == "TO_FULFILL"), None)

    # --- wire --------------------------------------------------------------------------------

    def payment_to_wire(self) -> dict[str, str]:
        """The ``payment`` object: every amount a decimal string, JPY without decimals."""
        items = self.line_items
        return {
            "currency": self.currency,
            "sub_total": str(self.sub_total),
            "shipping_fee": str(self.shipping_fee),
            "seller_discount": str(sum(i.seller_discount for i in items)),
            "platform_discount": str(sum(i.platform_discount for i in items)),
            "total_amount": str(self.total_amount),
            "original_total_product_price": str(sum(i.original_price for i in items)),
            "original_shipping_fee": str(self.original_shipping_fee),
            "shipping_fee_seller_discount": str(self.shipping_fee_seller_discount),
            "shipping_fee_platform_discount": str(self.shipping_fee_platform_discount),
            "shipping_fee_cofunded_discount": "0",
            "tax": "0",
            "product_tax": "0",
            "shipping_fee_tax": "0",
        }

    def to_wire(self, api_version: str = "202309") -> dict[str, Any]:
        """This order exactly as Get Order List / Get Order Detail return it right now."""
        hidden = self.status in HIDDEN_ADDRESS_STATUSES
        # Redacted for platform logistics (shipping_type TIKTOK) or FBT: reference §5.5.
        masked = self.shipping_type == "TIKTOK" or self.fulfillment_type == "FULFILLMENT_BY_TIKTOK"
        shipped = bool(self.tracking_number)
        order: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            "user_id": self.user_id,
            "buyer_email": self.buyer_email,
            "buyer_message": self.buyer_message,
            "seller_note": self.seller_note,
            "payment_method_name": self.payment_method_name,
            "payment": self.payment_to_wire(),
            "recipient_address": self.recipient.to_wire(hidden=hidden, masked=masked),
            "line_items": [self._line_item_to_wire(item) for item in self.line_items],
            "packages": [{"id": package.id} for package in self.packages],
            "shipping_type": self.shipping_type,
            "fulfillment_type": self.fulfillment_type,
            "delivery_type": self.delivery_type,
            "delivery_option_id": self.delivery_option_id,
            "delivery_option_name": self.delivery_option_name,
            "warehouse_id": self.warehouse_id,
            "order_type": self.order_type,
            "is_cod": self.is_cod,
            "is_sample_order": self.is_sample_order,
            "is_replacement_order": bool(self.replaced_order_id),
            "is_on_hold_order": self.is_on_hold_order,
            "is_buyer_request_cancel": self.is_buyer_request_cancel,
            "has_updated_recipient_address": False,
            "commerce_platform": "TIKTOK_SHOP",
            "handling_duration": {"days": str(HANDLING_DAYS), "type": "BUSINESS_DAY"},
        }
        if self.replaced_order_id:
            order["replaced_order_id"] = self.replaced_order_id
        if any(package.split for package in self.packages):
            order["split_or_combine_tag"] = "SPLIT"
        if api_version >= "202507" and self.payment_method_name in _CARD_PAYMENTS:
            # Card orders only; the code's shape is the official example's
            # (get-order-detail.spec.json: "pm_pi_ccdc_visa_c_d"), the brand ours [inferred].
            order["payment_card_type"] = "Credit"
            brand = _CARD_BRANDS[int(self.id[-2:]) % len(_CARD_BRANDS)]
            order["payment_method_code"] = f"pm_pi_ccdc_{brand}_c_d"
        if self.paid_time is not None:
            paid = self.paid_time
            order["paid_time"] = _ts(paid)
            order["rts_sla_time"] = _ts(paid + timedelta(days=HANDLING_DAYS))
            order["shipping_due_time"] = _ts(paid + timedelta(days=HANDLING_DAYS))
            order["tts_sla_time"] = _ts(paid + timedelta(days=HANDLING_DAYS + 1))
            order["collection_due_time"] = _ts(paid + timedelta(days=HANDLING_DAYS + 1))
            order["delivery_sla_time"] = _ts(paid + timedelta(days=HANDLING_DAYS + 4))
            order["delivery_due_time"] = _ts(paid + timedelta(days=HANDLING_DAYS + 4))
            # One of the SLA fields of every market (changelog "SLA information now available
            # in Orders API"); the delivery option promises what the SLA does [inferred].
            order["delivery_option_required_delivery_time"] = order["delivery_due_time"]
            # Not cancel_order_sla_time: the same changelog deprecates it for shipping_due_time.
        if self.request_cancel_time is not None:
            order["request_cancel_time"] = _ts(self.request_cancel_time)
        if self.cancel_time is not None:
            order["cancel_time"] = _ts(self.cancel_time)
            order["cancel_reason"] = self.cancel_reason
            # The order documents SELLER, BUYER and SYSTEM; an operator's cancellation is the
            # platform's (the line item's cancel_user keeps OPERATOR, which it documents).
            initiator = self.cancellation_initiator
            order["cancellation_initiator"] = "SYSTEM" if initiator == "OPERATOR" else initiator
        if shipped:
            # "Available after the package has been shipped" (reference §5.5): never before.
            order["shipping_provider"] = self.shipping_provider
            order["shipping_provider_id"] = self.shipping_provider_id
            order["tracking_number"] = self.tracking_number
        for name in ("rts_time", "collection_time", "delivery_time"):
            moment = getattr(self, name)
            if moment is not None:
                order[name] = _ts(moment)
        return order

    def _line_item_to_wire(self, item: FakeLineItem) -> dict[str, Any]:
        package = self.package_of(item.id)
        display = _DISPLAY_STATUS.get(self.status, self.status)
        if self.status == "PARTIALLY_SHIPPING":
            shipped_item = package is not None and package.shipped
            display = "AWAITING_COLLECTION" if shipped_item else "AWAITING_SHIPMENT"
        if item.cancel_user and self.status != "CANCELLED":
            display = "CANCELLED"
        wire: dict[str, Any] = {
            "id": item.id,
            "sku_id": item.sku_id,
            "product_id": item.product_id,
            "product_name": item.product_name,
            "sku_name": item.sku_name,
            "sku_image": item.sku_image,
            "seller_sku": item.seller_sku,
            "currency": self.currency,
            "original_price": str(item.original_price),
            "sale_price": str(item.sale_price),
            "seller_discount": str(item.seller_discount),
            "platform_discount": str(item.platform_discount),
            "display_status": display,
            "is_gift": item.is_gift,
            "is_dangerous_good": False,
            # "Retail price of the free item in orders Live giveaway, free sample and gift with
            # purchase. For other orders, this field always returns 0" (get-order-detail).
            "gift_retail_price": str(item.original_price) if item.is_gift else "0",
        }
        if package is not None:
            wire["package_id"] = package.id
            wire["package_status"] = package.status
            if package.tracking_number:
                wire["shipping_provider_id"] = package.shipping_provider_id
                wire["shipping_provider_name"] = package.shipping_provider_name
                wire["tracking_number"] = package.tracking_number
                if package.rts_time is not None:
                    wire["rts_time"] = _ts(package.rts_time)
        if item.cancel_user:
            wire["cancel_user"] = item.cancel_user
            wire["cancel_reason"] = item.cancel_reason
        return wire
