"""Orders as TikTok sends them (Get Order List / Get Order Detail, version 202309+).

Line items are one per unit: an order for three identical T-shirts has three line items with
the same ``sku_id``. Recipient fields may be masked (``*`` runs) or empty while the order is
UNPAID, ON_HOLD or CANCELLED; they are kept exactly as sent.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from ._base import OpenEnum, OptionalMoney, OptionalTimestamp, WireModel

__all__ = [
    "CancellationInitiator",
    "DeliveryPreferences",
    "DistrictInfo",
    "FulfillmentType",
    "HandlingDuration",
    "ItemTax",
    "LineItem",
    "Order",
    "OrderPackage",
    "OrderStatus",
    "Payment",
    "RecipientAddress",
    "ShippingType",
]


class OrderStatus(OpenEnum):
    """An order's status; ``ON_HOLD`` is the 1-hour window in which the buyer may cancel freely."""

    UNPAID = "UNPAID"
    ON_HOLD = "ON_HOLD"
    AWAITING_SHIPMENT = "AWAITING_SHIPMENT"
    PARTIALLY_SHIPPING = "PARTIALLY_SHIPPING"
    AWAITING_COLLECTION = "AWAITING_COLLECTION"
    IN_TRANSIT = "IN_TRANSIT"
    DELIVERED = "DELIVERED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class ShippingType(OpenEnum):
    """Who arranges shipping: TikTok's logistics or the seller's own carrier."""

    TIKTOK = "TIKTOK"
    SELLER = "SELLER"
    TIKTOK_DIGITAL = "TIKTOK_DIGITAL"


class FulfillmentType(OpenEnum):
    """Who fulfils the order."""

    FULFILLMENT_BY_SELLER = "FULFILLMENT_BY_SELLER"
    FULFILLMENT_BY_TIKTOK = "FULFILLMENT_BY_TIKTOK"


class CancellationInitiator(OpenEnum):
    """Who cancelled an order."""

    SELLER = "SELLER"
    BUYER = "BUYER"
    SYSTEM = "SYSTEM"


class Payment(WireModel):
    """Amounts of an order, as decimals in major units (JPY has no minor unit)."""

    repr_fields: ClassVar[tuple[str, ...] | None] = (
        "currency",
        "sub_total",
        "shipping_fee",
        "total_amount",
    )

    currency: str = ""
    sub_total: OptionalMoney = None
    shipping_fee: OptionalMoney = None
    seller_discount: OptionalMoney = None
    platform_discount: OptionalMoney = None
    total_amount: OptionalMoney = None
    original_total_product_price: OptionalMoney = None
    original_shipping_fee: OptionalMoney = None
    shipping_fee_seller_discount: OptionalMoney = None
    shipping_fee_platform_discount: OptionalMoney = None
    shipping_fee_cofunded_discount: OptionalMoney = None
    tax: OptionalMoney = None
    product_tax: OptionalMoney = None
    shipping_fee_tax: OptionalMoney = None
    small_order_fee: OptionalMoney = None
    retail_delivery_fee: OptionalMoney = None
    buyer_service_fee: OptionalMoney = None
    handling_fee: OptionalMoney = None
    shipping_insurance_fee: OptionalMoney = None
    item_insurance_fee: OptionalMoney = None
    item_insurance_tax: OptionalMoney = None
    payment_platform_discount: OptionalMoney = None
    payment_discount_service_fee: OptionalMoney = None


class DistrictInfo(WireModel):
    """One level of the address hierarchy (L0 country, L1 prefecture, ...)."""

    address_level_name: str = ""
    address_name: str = ""
    address_level: str = ""
    iso_code: str | None = None


class DeliveryPreferences(WireModel):
    """Where the carrier should leave the parcel."""

    drop_off_location: str = ""


class RecipientAddress(WireModel):
    """Where the order goes; fields may be masked or empty (TikTok withholds them).

    Every field but ``region_code`` is personal data: a repr shows a few as ``'***'`` and the
    rest not at all (the logging guide says why).
    """

    masked_fields: ClassVar[frozenset[str]] = frozenset(
        {"name", "phone_number", "full_address", "postal_code"}
    )
    repr_fields: ClassVar[tuple[str, ...] | None] = ("region_code",)

    name: str = ""
    first_name: str = ""
    last_name: str = ""
    first_name_local_script: str = ""
    last_name_local_script: str = ""
    phone_number: str = ""
    full_address: str = ""
    address_detail: str = ""
    address_line1: str = ""
    address_line2: str = ""
    address_line3: str = ""
    address_line4: str = ""
    postal_code: str = ""
    region_code: str = ""
    post_town: str = ""
    district_info: list[DistrictInfo] = Field(default_factory=list)
    delivery_preferences: DeliveryPreferences | None = None


class ItemTax(WireModel):
    """A tax applied to a line item."""

    tax_type: str = ""
    tax_amount: OptionalMoney = None
    tax_rate: OptionalMoney = None


class LineItem(WireModel):
    """One unit of one SKU in an order."""

    repr_fields: ClassVar[tuple[str, ...] | None] = (
        "id",
        "sku_id",
        "seller_sku",
        "sale_price",
        "display_status",
        "package_id",
        "tracking_number",
    )

    id: str
    sku_id: str = ""
    product_id: str = ""
    product_name: str = ""
    sku_name: str = ""
    sku_image: str = ""
    seller_sku: str = ""
    sale_price: OptionalMoney = None
    original_price: OptionalMoney = None
    platform_discount: OptionalMoney = None
    seller_discount: OptionalMoney = None
    currency: str = ""
    display_status: str = ""
    package_id: str = ""
    package_status: str = ""
    tracking_number: str = ""
    shipping_provider_id: str = ""
    shipping_provider_name: str = ""
    rts_time: OptionalTimestamp = None
    cancel_reason: str = ""
    cancel_user: str = ""
    is_gift: bool = False
    gift_retail_price: OptionalMoney = None
    item_tax: list[ItemTax] = Field(default_factory=list)
    sku_type: str = ""
    is_dangerous_good: bool | None = None
    needs_prescription: bool | None = None
    combined_listing_skus: list[dict[str, object]] = Field(default_factory=list)


class OrderPackage(WireModel):
    """A package reference on an order."""

    id: str


class HandlingDuration(WireModel):
    """How long the seller has to hand the order over."""

    days: str = ""
    type: str = ""


class Order(WireModel):
    """A TikTok Shop order with payment, recipient and one line item per unit.

    Its repr shows ids, statuses and amounts; the buyer's data is masked or left out.
    """

    masked_fields: ClassVar[frozenset[str]] = frozenset(
        {"buyer_email", "buyer_message", "seller_note", "cancel_reason"}
    )
    repr_fields: ClassVar[tuple[str, ...] | None] = (
        "id",
        "status",
        "payment",
        "recipient_address",
        "line_items",
        "packages",
        "shipping_type",
        "tracking_number",
        "cancellation_initiator",
    )

    id: str
    status: OrderStatus
    create_time: OptionalTimestamp = None
    update_time: OptionalTimestamp = None
    paid_time: OptionalTimestamp = None
    rts_time: OptionalTimestamp = None
    collection_time: OptionalTimestamp = None
    delivery_time: OptionalTimestamp = None
    cancel_time: OptionalTimestamp = None
    request_cancel_time: OptionalTimestamp = None
    rts_sla_time: OptionalTimestamp = None
    tts_sla_time: OptionalTimestamp = None
    delivery_sla_time: OptionalTimestamp = None
    cancel_order_sla_time: OptionalTimestamp = None
    shipping_due_time: OptionalTimestamp = None
    collection_due_time: OptionalTimestamp = None
    delivery_due_time: OptionalTimestamp = None
    user_id: str = ""
    buyer_email: str = ""
    buyer_message: str = ""
    seller_note: str = ""
    payment: Payment | None = None
    payment_method_name: str = ""
    recipient_address: RecipientAddress | None = None
    line_items: list[LineItem] = Field(default_factory=list)
    packages: list[OrderPackage] = Field(default_factory=list)
    shipping_provider: str = ""
    shipping_provider_id: str = ""
    tracking_number: str = ""
    delivery_option_id: str = ""
    delivery_option_name: str = ""
    shipping_type: ShippingType | None = None
    fulfillment_type: FulfillmentType | None = None
    delivery_type: str = ""
    warehouse_id: str = ""
    is_cod: bool = False
    cancel_reason: str = ""
    cancellation_initiator: CancellationInitiator | None = None
    is_buyer_request_cancel: bool = False
    is_on_hold_order: bool = False
    is_sample_order: bool = False
    is_replacement_order: bool = False
    replaced_order_id: str = ""
    split_or_combine_tag: str = ""
    has_updated_recipient_address: bool = False
    order_type: str = ""
    commerce_platform: str = ""
    handling_duration: HandlingDuration | None = None
    payment_card_type: str = ""
    payment_method_code: str = ""
