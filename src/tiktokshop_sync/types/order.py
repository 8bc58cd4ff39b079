"""Orders as TikTok sends them (Get Order List / Get Order Detail, version 202309+).

The models are lazy views (:class:`~tiktokshop_sync._core.views.WireView`): a page of orders
is read once into dicts by pydantic-core, and each amount, time, enum value and nested object
is converted when first read, with the same rules as the pydantic models. An :class:`Order`
is a :class:`~tiktokshop_sync._core.views.CompactView`: it keeps its values in a tuple and
drops its dict, because callers hold many orders.

Line items are one per unit: an order for three identical T-shirts has three line items with
the same ``sku_id``. Recipient fields may be masked (``*`` runs) or empty while the order is
UNPAID, ON_HOLD or CANCELLED; they are kept exactly as sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .._core.conversions import OpenEnum, OptionalMoney, OptionalTimestamp
from .._core.views import CompactView, WireView
from .._exceptions import MissingFieldError
from .._exports import deprecated_aliases
from .fulfillment import PackageStatus, ShippingType
from .statuses import ListingPlatform, RequestRole

__all__ = [
    "CombinedListingSku",
    "DeliveryPreferences",
    "DeliveryType",
    "DistrictInfo",
    "DurationType",
    "FulfillmentType",
    "HandlingDuration",
    "InvoiceRequirement",
    "ItemTax",
    "LineItem",
    "LineItemStatus",
    "ListingPlatform",
    "Order",
    "OrderPackage",
    "OrderStatus",
    "OrderType",
    "Payment",
    "RecipientAddress",
    "RequestRole",
    "ShippingType",
    "SkuType",
    "SplitOrCombineTag",
    "TaxType",
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


class FulfillmentType(OpenEnum):
    """Who fulfils the order."""

    FULFILLMENT_BY_SELLER = "FULFILLMENT_BY_SELLER"
    FULFILLMENT_BY_TIKTOK = "FULFILLMENT_BY_TIKTOK"
    FULFILLMENT_BY_DILAYANI_TOKOPEDIA = "FULFILLMENT_BY_DILAYANI_TOKOPEDIA"


class LineItemStatus(OpenEnum):
    """A line item's status as the buyer sees it.

    TO_SHIP is not in the field's list but is what TikTok's own Get Order List and Get Order
    Detail examples send (api/orders/get-order-list.spec.json, get-order-detail.spec.json).
    """

    UNPAID = "UNPAID"
    TO_SHIP = "TO_SHIP"
    AWAITING_SHIPMENT = "AWAITING_SHIPMENT"
    AWAITING_COLLECTION = "AWAITING_COLLECTION"
    IN_TRANSIT = "IN_TRANSIT"
    DELIVERED = "DELIVERED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class DeliveryType(OpenEnum):
    """Home delivery, or a pick-up/drop-off point the buyer chose (COLLECTION_POINT)."""

    HOME_DELIVERY = "HOME_DELIVERY"
    COLLECTION_POINT = "COLLECTION_POINT"


class OrderType(OpenEnum):
    """Kind of order; MADE_TO_ORDER and BACK_ORDER come with a ``handling_duration``."""

    NORMAL = "NORMAL"
    ZERO_LOTTERY = "ZERO_LOTTERY"
    PRE_ORDER = "PRE_ORDER"
    MADE_TO_ORDER = "MADE_TO_ORDER"
    BACK_ORDER = "BACK_ORDER"


class SkuType(OpenEnum):
    """A line item's kind (deprecated by TikTok in favour of the order's ``order_type``)."""

    NORMAL = "NORMAL"
    ZERO_LOTTERY = "ZERO_LOTTERY"
    SHOP_PARTNER = "SHOP_PARTNER"
    PRE_ORDER = "PRE_ORDER"
    MADE_TO_ORDER = "MADE_TO_ORDER"


class SplitOrCombineTag(OpenEnum):
    """Whether the order was combined with others or split into several packages."""

    COMBINED = "COMBINED"
    SPLIT = "SPLIT"


class InvoiceRequirement(OpenEnum):
    """Whether an invoice must be uploaded for the order (Brazil only).

    TikTok's ``UNKNOWN`` is spelled ``UNCONFIRMED`` here: ``UNKNOWN`` is the name
    :class:`~tiktokshop_sync._core.models.OpenEnum` gives values it does not know.
    """

    UNCONFIRMED = "UNKNOWN"
    NEED_INVOICE = "NEED_INVOICE"
    NO_NEED = "NO_NEED"
    INVOICE_UPLOADED = "INVOICE_UPLOADED"
    INVOICE_PROCESSING = "INVOICE_PROCESSING"


class TaxType(OpenEnum):
    """A line item's tax (SALES_TAX: US sales tax, the only one TikTok lists)."""

    SALES_TAX = "SALES_TAX"


class DurationType(OpenEnum):
    """Whether a handling duration counts calendar days or business days."""

    CALENDAR_DAY = "CALENDAR_DAY"
    BUSINESS_DAY = "BUSINESS_DAY"


class Payment(WireView):
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


class DistrictInfo(WireView):
    """One level of the address hierarchy (L0 country, L1 prefecture, ...)."""

    address_level_name: str = ""
    address_name: str = ""
    address_level: str = ""
    iso_code: str | None = None


class DeliveryPreferences(WireView):
    """Where the carrier should leave the parcel."""

    drop_off_location: str = ""


class RecipientAddress(WireView):
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
    district_info: list[DistrictInfo] = []
    delivery_preferences: DeliveryPreferences | None = None


class ItemTax(WireView):
    """A tax applied to a line item."""

    tax_type: TaxType | None = None
    tax_amount: OptionalMoney = None
    tax_rate: OptionalMoney = None


class CombinedListingSku(WireView):
    """One SKU inside a virtual bundle SKU, with how many of it the bundle holds."""

    sku_id: str = ""
    sku_count: int | None = None
    product_id: str = ""
    seller_sku: str = ""


class LineItem(WireView):
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
    display_status: LineItemStatus | None = None
    package_id: str = ""
    package_status: PackageStatus | None = None
    tracking_number: str = ""
    shipping_provider_id: str = ""
    shipping_provider_name: str = ""
    rts_time: OptionalTimestamp = None
    cancel_reason: str = ""
    cancel_user: RequestRole | None = None
    is_gift: bool = False
    gift_retail_price: OptionalMoney = None
    item_tax: list[ItemTax] = []
    #: Deprecated by TikTok for the order's ``order_type`` (api/orders/get-order-list.spec.json).
    sku_type: SkuType | None = None
    is_dangerous_good: bool | None = None
    needs_prescription: bool | None = None
    combined_listing_skus: list[CombinedListingSku] = []
    small_order_fee: OptionalMoney = None
    retail_delivery_fee: OptionalMoney = None
    buyer_service_fee: OptionalMoney = None
    #: Germany's deposit on bottles and cans.
    pfand_fee: OptionalMoney = None
    #: Business days to hand over a MADE_TO_ORDER item; TikTok deprecates it for the order's
    #: ``handling_duration`` and sends it as a string.
    handling_duration_days: str = ""


class OrderPackage(WireView):
    """A package reference on an order."""

    id: str


class HandlingDuration(WireView):
    """How long the seller has to hand the order over."""

    days: str = ""
    type: DurationType | None = None


class Order(CompactView):
    """A TikTok Shop order with payment, recipient and one line item per unit.

    Its repr shows ids, statuses and amounts; the buyer's data is masked or left out.
    """

    masked_fields: ClassVar[frozenset[str]] = frozenset(
        {"buyer_email", "buyer_message", "seller_note", "cancel_reason", "cpf", "cpf_name"}
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
    line_items: list[LineItem] = []
    packages: list[OrderPackage] = []
    shipping_provider: str = ""
    shipping_provider_id: str = ""
    tracking_number: str = ""
    delivery_option_id: str = ""
    delivery_option_name: str = ""
    shipping_type: ShippingType | None = None
    fulfillment_type: FulfillmentType | None = None
    delivery_type: DeliveryType | None = None
    warehouse_id: str = ""
    is_cod: bool = False
    cancel_reason: str = ""
    cancellation_initiator: RequestRole | None = None
    is_buyer_request_cancel: bool = False
    is_on_hold_order: bool = False
    is_sample_order: bool = False
    is_replacement_order: bool = False
    replaced_order_id: str = ""
    split_or_combine_tag: SplitOrCombineTag | None = None
    has_updated_recipient_address: bool = False
    order_type: OrderType | None = None
    commerce_platform: ListingPlatform | None = None
    handling_duration: HandlingDuration | None = None
    payment_card_type: str = ""
    payment_method_code: str = ""
    #: Brazil's payment authorization code and the payment institution's registry id.
    payment_auth_code: str = ""
    channel_entity_national_registry_id: str = ""
    need_upload_invoice: InvoiceRequirement | None = None
    #: Deliver by this time (the delivery option's promise).
    delivery_option_required_delivery_time: OptionalTimestamp = None
    #: The latest handover to the carrier that still earns the fast-dispatch incentive.
    fast_dispatch_sla_time: OptionalTimestamp = None
    pick_up_cut_off_time: OptionalTimestamp = None
    #: When TikTok recommends shipping, for its fast-delivery ordering of orders to ship.
    recommended_shipping_time: OptionalTimestamp = None
    #: A PRE_ORDER's release: handling starts on this day.
    release_date: OptionalTimestamp = None
    fulfillment_priority_level: int | None = None
    fast_delivery_program: str = ""
    #: Orders of one buyer in one LIVE session that TikTok lets the seller ship together.
    auto_combine_group_id: str = ""
    is_exchange_order: bool = False
    exchange_source_order_id: str = ""
    consultation_id: str = ""
    #: Brazil's taxpayer number (CPF) and the name on it: personal data, masked in reprs.
    cpf: str = ""
    cpf_name: str = ""

    def require_payment(self) -> Payment:
        """The payment, or :class:`MissingFieldError` when TikTok sent none: for code that
        needs the amounts and must not read a missing payment as zero."""
        if self.payment is None:
            raise MissingFieldError("Order", "payment", self.id)
        return self.payment

    def require_recipient_address(self) -> RecipientAddress:
        """The recipient's address, or :class:`MissingFieldError` when TikTok sent none: for
        code that ships and must not ship to an empty address."""
        if self.recipient_address is None:
            raise MissingFieldError("Order", "recipient_address", self.id)
        return self.recipient_address


if TYPE_CHECKING:  # deprecated names, served below
    CancelUser = RequestRole
    CancellationInitiator = RequestRole
    CommercePlatform = ListingPlatform

# One enum per vocabulary: who initiated a cancellation is a RequestRole wherever TikTok sends
# it, and the platform an order was placed on is the one a product is listed on.
__getattr__ = deprecated_aliases(
    __name__,
    {
        "CancelUser": RequestRole,
        "CancellationInitiator": RequestRole,
        "CommercePlatform": ListingPlatform,
    },
)
