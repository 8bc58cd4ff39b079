"""The endpoint table: one row per TikTok endpoint the SDK calls.

Each row is written once and read by the resource that builds the call, by the FakeShop that
answers it and by ``docs/reference/compatibility.md``; ``tests/contract/test_endpoint_table.py``
checks every row against TikTok's reference snapshot (``../shared/reference/tiktok-spec/``),
so the spec, not the fake, keeps the table honest. A row's constant is its ``name`` in upper
case (``orders.search`` → ``ORDERS_SEARCH``); :data:`ALL` lists them in the table's order.
To add an endpoint, see CONTRIBUTING.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core.endpoint import Endpoint, Limits
from .._core.oauth import OAUTH_EXCHANGE_CODE, OAUTH_REFRESH
from .._core.replies import Headed, Items, Nested, Nothing, One, Raw, model_refs
from .._core.request import Cipher

if TYPE_CHECKING:
    from ..types.aftersales import (
        AftersaleEligibility,
        RefundCalculation,
        RejectReason,
        ReturnRecord,
    )
    from ..types.category import (
        Category,
        CategoryAttribute,
        CategoryRecommendation,
        CategoryRules,
        ShopBrand,
    )
    from ..types.event import WebhookSubscription
    from ..types.finance import (
        OrderStatementTransactions,
        Payment,
        Statement,
        StatementTransactionsPage,
        UnsettledTransactionsPage,
        Withdrawal,
    )
    from ..types.fulfillment import (
        BatchShipResult,
        HandoverTimeSlots,
        MarkShippedResult,
        Package,
        PackageDetail,
        ShippingDocument,
        TrackingEvent,
    )
    from ..types.listing import EditedProduct, ListingCheck, ListingPrerequisites
    from ..types.logistics import DeliveryOption, ShippingProvider, Warehouse
    from ..types.order import Order
    from ..types.price_detail import PriceDetail
    from ..types.product import (
        BatchResult,
        CreatedProduct,
        InventoryRecord,
        Product,
        UploadedImage,
    )
    from ..types.returns import Cancellation, CancelledOrder, Return
    from ..types.shop import ActiveShop, AuthorizedShop
else:
    # The client imports this table; the models (and pydantic) are imported when a call first
    # reads a reply, so each name here stands for its class until then (see ModelRef).
    AftersaleEligibility, RefundCalculation, RejectReason, ReturnRecord = model_refs(
        ".types.aftersales",
        "AftersaleEligibility",
        "RefundCalculation",
        "RejectReason",
        "ReturnRecord",
    )
    Category, CategoryAttribute, CategoryRecommendation, CategoryRules, ShopBrand = model_refs(
        ".types.category",
        "Category",
        "CategoryAttribute",
        "CategoryRecommendation",
        "CategoryRules",
        "ShopBrand",
    )
    (WebhookSubscription,) = model_refs(".types.event", "WebhookSubscription")
    (
        OrderStatementTransactions,
        Payment,
        Statement,
        StatementTransactionsPage,
        UnsettledTransactionsPage,
        Withdrawal,
    ) = model_refs(
        ".types.finance",
        "OrderStatementTransactions",
        "Payment",
        "Statement",
        "StatementTransactionsPage",
        "UnsettledTransactionsPage",
        "Withdrawal",
    )
    (
        BatchShipResult,
        HandoverTimeSlots,
        MarkShippedResult,
        Package,
        PackageDetail,
        ShippingDocument,
        TrackingEvent,
    ) = model_refs(
        ".types.fulfillment",
        "BatchShipResult",
        "HandoverTimeSlots",
        "MarkShippedResult",
        "Package",
        "PackageDetail",
        "ShippingDocument",
        "TrackingEvent",
    )
    EditedProduct, ListingCheck, ListingPrerequisites = model_refs(
        ".types.listing", "EditedProduct", "ListingCheck", "ListingPrerequisites"
    )
    DeliveryOption, ShippingProvider, Warehouse = model_refs(
        ".types.logistics", "DeliveryOption", "ShippingProvider", "Warehouse"
    )
    (Order,) = model_refs(".types.order", "Order")
    (PriceDetail,) = model_refs(".types.price_detail", "PriceDetail")
    BatchResult, CreatedProduct, InventoryRecord, Product, UploadedImage = model_refs(
        ".types.product",
        "BatchResult",
        "CreatedProduct",
        "InventoryRecord",
        "Product",
        "UploadedImage",
    )
    Cancellation, CancelledOrder, Return = model_refs(
        ".types.returns", "Cancellation", "CancelledOrder", "Return"
    )
    ActiveShop, AuthorizedShop = model_refs(".types.shop", "ActiveShop", "AuthorizedShop")

__all__ = [
    "ALL",
    "EVENTS_DELETE_WEBHOOK",
    "EVENTS_GET_WEBHOOKS",
    "EVENTS_UPDATE_WEBHOOK",
    "FINANCE_ORDER_TRANSACTIONS",
    "FINANCE_PAYMENTS",
    "FINANCE_STATEMENTS",
    "FINANCE_STATEMENT_TRANSACTIONS",
    "FINANCE_UNSETTLED",
    "FINANCE_WITHDRAWALS",
    "FULFILLMENT_BATCH_SHIP",
    "FULFILLMENT_GET_PACKAGE",
    "FULFILLMENT_HANDOVER_TIME_SLOTS",
    "FULFILLMENT_MARK_SHIPPED",
    "FULFILLMENT_SEARCH_PACKAGES",
    "FULFILLMENT_SHIPPING_DOCUMENT",
    "FULFILLMENT_SHIP_PACKAGE",
    "FULFILLMENT_TRACKING",
    "FULFILLMENT_UPDATE_PACKAGE_SHIPPING_INFO",
    "FULFILLMENT_UPDATE_SHIPPING_INFO",
    "LOGISTICS_DELIVERY_OPTIONS",
    "LOGISTICS_SHIPPING_PROVIDERS",
    "LOGISTICS_WAREHOUSES",
    "OAUTH_EXCHANGE_CODE",
    "OAUTH_REFRESH",
    "ORDERS_GET",
    "ORDERS_PRICE_DETAIL",
    "ORDERS_SEARCH",
    "PRODUCTS_ACTIVATE",
    "PRODUCTS_ATTRIBUTES",
    "PRODUCTS_BRANDS",
    "PRODUCTS_CATEGORIES",
    "PRODUCTS_CATEGORY_RULES",
    "PRODUCTS_CHECK_LISTING",
    "PRODUCTS_CREATE",
    "PRODUCTS_DEACTIVATE",
    "PRODUCTS_DELETE",
    "PRODUCTS_EDIT",
    "PRODUCTS_GET",
    "PRODUCTS_PARTIAL_EDIT",
    "PRODUCTS_PREREQUISITES",
    "PRODUCTS_RECOMMEND_CATEGORY",
    "PRODUCTS_RECOVER",
    "PRODUCTS_SEARCH",
    "PRODUCTS_SEARCH_INVENTORY",
    "PRODUCTS_UPDATE_INVENTORY",
    "PRODUCTS_UPDATE_PRICE",
    "PRODUCTS_UPLOAD_IMAGE",
    "RETURNS_AFTERSALE_ELIGIBILITY",
    "RETURNS_APPROVE_CANCELLATION",
    "RETURNS_APPROVE_RETURN",
    "RETURNS_CALCULATE_REFUND",
    "RETURNS_CANCEL_ORDER",
    "RETURNS_REJECT_CANCELLATION",
    "RETURNS_REJECT_REASONS",
    "RETURNS_REJECT_RETURN",
    "RETURNS_RETURN_RECORDS",
    "RETURNS_SEARCH_CANCELLATIONS",
    "RETURNS_SEARCH_RETURNS",
    "SHOPS_ACTIVE",
    "SHOPS_AUTHORIZED",
    "by_name",
]

_ORDER = "seller.order.info"
_PRODUCT_READ = "seller.product.basic"
_PRODUCT_WRITE = "seller.product.write"
_PRODUCT_DELETE = "seller.product.delete"
_FULFILLMENT = "seller.fulfillment.basic"
_LOGISTICS = "seller.logistics"
_RETURNS = "seller.return_refund.basic"
_AUTHORIZATION = "seller.authorization.info"
_FINANCE = "seller.finance.info"
#: Every paged finance read serves 1 to 100 a page ("Valid range: [1-100]", default 20).
_FINANCE_PAGES = Limits(page_size=(1, 100))

#: Activate, Deactivate, Delete and Recover Products take at most 20 product ids a call.
_STATUS_IDS = Limits(per_call={"product_ids": 20})
_STATUS_READ_BACK = "shop.products.get({first!r}) (and each other product) shows its status"

# --- shops (seller level: never with shop_cipher) -------------------------------------------
SHOPS_AUTHORIZED = Endpoint(
    name="shops.authorized",
    method="GET",
    path="/authorization/202309/shops",
    cipher=Cipher.FORBIDDEN,
    idempotent=True,
    scope=_AUTHORIZATION,
    reply=Items(AuthorizedShop, "shops", page=False),
)
SHOPS_ACTIVE = Endpoint(
    name="shops.active",
    method="GET",
    path="/seller/202309/shops",
    cipher=Cipher.FORBIDDEN,
    idempotent=True,
    scope="seller.shop.info",
    reply=Items(ActiveShop, "shops", page=False),
)

# --- orders -----------------------------------------------------------------------------------
ORDERS_SEARCH = Endpoint(
    name="orders.search",
    method="POST",
    path="/order/202309/orders/search",
    idempotent=True,
    scope=_ORDER,
    limits=Limits(page_size=(1, 100), per_call={"warehouse_ids": 100}),
    reply=Items(Order, "orders"),
)
ORDERS_GET = Endpoint(
    name="orders.get",
    method="GET",
    path="/order/202309/orders",
    idempotent=True,
    scope=_ORDER,
    limits=Limits(per_call={"ids": 50}),
    reply=Items(Order, "orders", page=False),
)

ORDERS_PRICE_DETAIL = Endpoint(
    name="orders.price_detail",
    method="GET",
    path="/order/202407/orders/{order_id}/price_detail",
    idempotent=True,
    scope=_ORDER,
    reply=One(PriceDetail),
)

# --- products ---------------------------------------------------------------------------------
PRODUCTS_SEARCH = Endpoint(
    name="products.search",
    method="POST",
    path="/product/202502/products/search",
    idempotent=True,
    scope=_PRODUCT_READ,
    # 12052180 "The total number of search results can not exceed 10000."
    limits=Limits(page_size=(1, 100), results=10_000, per_call={"seller_skus": 10, "sku_ids": 10}),
    reply=Items(Product, "products"),
)
PRODUCTS_GET = Endpoint(
    name="products.get",
    method="GET",
    path="/product/202309/products/{product_id}",
    idempotent=True,
    scope=_PRODUCT_READ,
    reply=One(Product),
)
PRODUCTS_CREATE = Endpoint(
    name="products.create",
    method="POST",
    path="/product/202309/products",
    idempotency_key=True,
    scope=_PRODUCT_WRITE,
    reply=One(CreatedProduct),
    read_back="shop.products.search(seller_skus={seller_skus!r}) finds it if it was created",
)
PRODUCTS_PARTIAL_EDIT = Endpoint(
    name="products.partial_edit",
    method="POST",
    path="/product/202509/products/{product_id}/partial_edit",
    idempotent=True,
    scope=_PRODUCT_WRITE,
    reply=Raw,
    read_back="shop.products.get({product_id!r}) shows the product as it is now",
)
PRODUCTS_UPDATE_PRICE = Endpoint(
    name="products.update_price",
    method="POST",
    path="/product/202309/products/{product_id}/prices/update",
    idempotent=True,
    scope=_PRODUCT_WRITE,
    reply=Nothing,
    read_back="shop.products.get({product_id!r}) shows its SKUs' prices",
)
PRODUCTS_ACTIVATE = Endpoint(
    name="products.activate",
    method="POST",
    path="/product/202309/products/activate",
    idempotent=True,
    scope=_PRODUCT_READ,
    limits=_STATUS_IDS,
    reply=One(BatchResult),
    read_back=_STATUS_READ_BACK,
)
PRODUCTS_DEACTIVATE = Endpoint(
    name="products.deactivate",
    method="POST",
    path="/product/202309/products/deactivate",
    idempotent=True,
    scope=_PRODUCT_READ,
    limits=_STATUS_IDS,
    reply=One(BatchResult),
    read_back=_STATUS_READ_BACK,
)
PRODUCTS_DELETE = Endpoint(
    name="products.delete",
    method="DELETE",
    path="/product/202309/products",
    scope=_PRODUCT_DELETE,
    limits=_STATUS_IDS,
    reply=One(BatchResult),
    read_back=_STATUS_READ_BACK,
)
PRODUCTS_RECOVER = Endpoint(
    name="products.recover",
    method="POST",
    path="/product/202309/products/recover",
    scope=_PRODUCT_DELETE,
    limits=_STATUS_IDS,
    reply=One(BatchResult),
    read_back=_STATUS_READ_BACK,
)
PRODUCTS_UPDATE_INVENTORY = Endpoint(
    name="products.update_inventory",
    method="POST",
    path="/product/202309/products/{product_id}/inventory/update",
    idempotent=True,
    scope=_PRODUCT_WRITE,
    # The spec's text says [1, 99,999], but 0 (sold out) is accepted in practice: see
    # docs/guides/inventory.md, "Zero and the range", for the evidence.
    limits=Limits(ranges={"quantity": (0, 99_999)}),
    reply=One(BatchResult),
    read_back="shop.products.search_inventory(product_ids=[{product_id!r}]) shows its stock",
)
PRODUCTS_SEARCH_INVENTORY = Endpoint(
    name="products.search_inventory",
    method="POST",
    path="/product/202309/inventory/search",
    idempotent=True,
    scope=_PRODUCT_READ,
    limits=Limits(per_call={"product_ids": 100, "sku_ids": 600}),
    reply=Nested(
        InventoryRecord,
        "inventory",
        "skus",
        carry={"product_id": "product_id"},
        rename={"id": "sku_id"},
    ),
)
PRODUCTS_UPLOAD_IMAGE = Endpoint(
    name="products.upload_image",
    method="POST",
    path="/product/202309/images/upload",
    cipher=Cipher.FORBIDDEN,
    scope=_PRODUCT_READ,
    reply=One(UploadedImage),
    read_back="nothing to read: upload it again and use the new uri (an unused image is harmless)",
)

# --- listing rules (出品ルール): categories, attributes, rules, brands, checks, full edit -----
PRODUCTS_CATEGORIES = Endpoint(
    name="products.categories",
    method="GET",
    path="/product/202309/categories",
    idempotent=True,
    scope=_PRODUCT_READ,
    reply=Items(Category, "categories", page=False),
)
PRODUCTS_ATTRIBUTES = Endpoint(
    name="products.attributes",
    method="GET",
    path="/product/202309/categories/{category_id}/attributes",
    idempotent=True,
    scope=_PRODUCT_READ,
    reply=Items(CategoryAttribute, "attributes", page=False),
)
PRODUCTS_CATEGORY_RULES = Endpoint(
    name="products.category_rules",
    method="GET",
    path="/product/202309/categories/{category_id}/rules",
    idempotent=True,
    scope=_PRODUCT_READ,
    reply=One(CategoryRules),
)
PRODUCTS_BRANDS = Endpoint(
    name="products.brands",
    method="GET",
    path="/product/202309/brands",
    idempotent=True,
    scope=_PRODUCT_READ,
    limits=Limits(page_size=(1, 100)),
    reply=Items(ShopBrand, "brands"),
)
# Recommend Category and Check Product Listing are POSTs that change nothing (a suggestion,
# a dry run of Create Product): safe to repeat, nothing to read back.
PRODUCTS_RECOMMEND_CATEGORY = Endpoint(
    name="products.recommend_category",
    method="POST",
    path="/product/202309/categories/recommend",
    idempotent=True,
    scope=_PRODUCT_READ,
    reply=One(CategoryRecommendation),
)
PRODUCTS_PREREQUISITES = Endpoint(
    name="products.prerequisites",
    method="GET",
    path="/product/202312/prerequisites",
    idempotent=True,
    scope=_PRODUCT_READ,
    reply=One(ListingPrerequisites),
)
PRODUCTS_CHECK_LISTING = Endpoint(
    name="products.check_listing",
    method="POST",
    path="/product/202309/products/listing_check",
    idempotent=True,
    scope=_PRODUCT_READ,
    reply=One(ListingCheck),
)
PRODUCTS_EDIT = Endpoint(
    name="products.edit",
    method="PUT",
    path="/product/202509/products/{product_id}",
    # A full replacement: sending the same product again leaves it as it was.
    idempotent=True,
    scope=_PRODUCT_WRITE,
    reply=One(EditedProduct),
    read_back="shop.products.get({product_id!r}) shows the product as it is now",
)

# --- after-sales ------------------------------------------------------------------------------
RETURNS_SEARCH_CANCELLATIONS = Endpoint(
    name="returns.search_cancellations",
    method="POST",
    path="/return_refund/202309/cancellations/search",
    idempotent=True,
    scope=_RETURNS,
    limits=Limits(page_size=(1, 50)),
    reply=Items(Cancellation, "cancellations"),
)
RETURNS_SEARCH_RETURNS = Endpoint(
    name="returns.search_returns",
    method="POST",
    path="/return_refund/202309/returns/search",
    idempotent=True,
    scope=_RETURNS,
    limits=Limits(page_size=(10, 50)),
    reply=Items(Return, "return_orders"),
)
RETURNS_CANCEL_ORDER = Endpoint(
    name="returns.cancel_order",
    method="POST",
    path="/return_refund/202309/cancellations",
    scope=_RETURNS,
    reply=One(CancelledOrder),
    read_back="shop.orders.get([{order_id!r}]) shows whether it is cancelled",
)
RETURNS_APPROVE_CANCELLATION = Endpoint(
    name="returns.approve_cancellation",
    method="POST",
    path="/return_refund/202309/cancellations/{cancel_id}/approve",
    idempotency_key=True,
    scope=_RETURNS,
    reply=Nothing,
    read_back="shop.returns.search_cancellations(cancel_ids=[{cancel_id!r}]) shows its status",
)
RETURNS_REJECT_CANCELLATION = Endpoint(
    name="returns.reject_cancellation",
    method="POST",
    path="/return_refund/202309/cancellations/{cancel_id}/reject",
    idempotency_key=True,
    scope=_RETURNS,
    reply=Nothing,
    read_back="shop.returns.search_cancellations(cancel_ids=[{cancel_id!r}]) shows its status",
)
RETURNS_APPROVE_RETURN = Endpoint(
    name="returns.approve_return",
    method="POST",
    path="/return_refund/202309/returns/{return_id}/approve",
    idempotency_key=True,
    scope=_RETURNS,
    reply=Nothing,
    read_back="shop.returns.search_returns(return_ids=[{return_id!r}]) shows its status",
)
RETURNS_REJECT_RETURN = Endpoint(
    name="returns.reject_return",
    method="POST",
    path="/return_refund/202309/returns/{return_id}/reject",
    idempotency_key=True,
    scope=_RETURNS,
    reply=Nothing,
    read_back="shop.returns.search_returns(return_ids=[{return_id!r}]) shows its status",
)

RETURNS_REJECT_REASONS = Endpoint(
    name="returns.reject_reasons",
    method="GET",
    path="/return_refund/202309/reject_reasons",
    idempotent=True,
    scope=_RETURNS,
    reply=Items(RejectReason, "reasons", page=False),
)
RETURNS_RETURN_RECORDS = Endpoint(
    name="returns.return_records",
    method="GET",
    path="/return_refund/202309/returns/{return_id}/records",
    idempotent=True,
    scope=_RETURNS,
    reply=Items(ReturnRecord, "records", page=False),
)
RETURNS_AFTERSALE_ELIGIBILITY = Endpoint(
    name="returns.aftersale_eligibility",
    method="GET",
    path="/return_refund/202309/orders/{order_id}/aftersale_eligibility",
    idempotent=True,
    scope=_RETURNS,
    reply=One(AftersaleEligibility),
)
RETURNS_CALCULATE_REFUND = Endpoint(
    name="returns.calculate_refund",
    method="POST",
    path="/return_refund/202309/refunds/calculate",
    # A POST that only reads: it prices a request without creating one, so it is repeated.
    idempotent=True,
    scope=_RETURNS,
    reply=One(RefundCalculation),
)

# --- fulfillment ------------------------------------------------------------------------------
FULFILLMENT_SHIP_PACKAGE = Endpoint(
    name="fulfillment.ship_package",
    method="POST",
    path="/fulfillment/202309/packages/{package_id}/ship",
    scope=_FULFILLMENT,
    reply=Nothing,
    read_back="shop.fulfillment.get_package({package_id!r}) shows its status and tracking_number",
)
FULFILLMENT_BATCH_SHIP = Endpoint(
    name="fulfillment.batch_ship",
    method="POST",
    path="/fulfillment/202309/packages/ship",
    scope=_FULFILLMENT,
    reply=One(BatchShipResult),
    read_back="shop.fulfillment.get_package(package_id) shows each package's status",
)
FULFILLMENT_MARK_SHIPPED = Endpoint(
    name="fulfillment.mark_shipped",
    method="POST",
    path="/fulfillment/202309/orders/{order_id}/packages",
    scope=_FULFILLMENT,
    reply=One(MarkShippedResult),
    read_back="shop.orders.get([{order_id!r}]) shows the order's status and tracking_number",
)
FULFILLMENT_UPDATE_SHIPPING_INFO = Endpoint(
    name="fulfillment.update_shipping_info",
    method="POST",
    path="/fulfillment/202309/orders/{order_id}/shipping_info/update",
    scope=_LOGISTICS,
    reply=Nothing,
    read_back="shop.orders.get([{order_id!r}]) shows its tracking_number",
)
FULFILLMENT_UPDATE_PACKAGE_SHIPPING_INFO = Endpoint(
    name="fulfillment.update_package_shipping_info",
    method="POST",
    path="/fulfillment/202309/packages/{package_id}/shipping_info/update",
    scope=_FULFILLMENT,
    reply=Nothing,
    read_back="shop.fulfillment.get_package({package_id!r}) shows its tracking_number",
)
FULFILLMENT_SEARCH_PACKAGES = Endpoint(
    name="fulfillment.search_packages",
    method="POST",
    path="/fulfillment/202309/packages/search",
    idempotent=True,
    scope=_FULFILLMENT,
    limits=Limits(page_size=(1, 50)),
    reply=Items(Package, "packages"),
)
FULFILLMENT_GET_PACKAGE = Endpoint(
    name="fulfillment.get_package",
    method="GET",
    path="/fulfillment/202309/packages/{package_id}",
    idempotent=True,
    scope=_FULFILLMENT,
    reply=One(PackageDetail),
)
FULFILLMENT_HANDOVER_TIME_SLOTS = Endpoint(
    name="fulfillment.handover_time_slots",
    method="GET",
    path="/fulfillment/202309/packages/{package_id}/handover_time_slots",
    idempotent=True,
    scope="seller.fulfillment.package.write",
    reply=One(HandoverTimeSlots),
)
FULFILLMENT_SHIPPING_DOCUMENT = Endpoint(
    name="fulfillment.shipping_document",
    method="GET",
    path="/fulfillment/202309/packages/{package_id}/shipping_documents",
    idempotent=True,
    scope=_FULFILLMENT,
    reply=One(ShippingDocument),
)
FULFILLMENT_TRACKING = Endpoint(
    name="fulfillment.tracking",
    method="GET",
    path="/fulfillment/202309/orders/{order_id}/tracking",
    idempotent=True,
    scope=_LOGISTICS,
    reply=Items(TrackingEvent, "tracking", page=False),
)

# --- logistics --------------------------------------------------------------------------------
LOGISTICS_WAREHOUSES = Endpoint(
    name="logistics.warehouses",
    method="GET",
    path="/logistics/202309/warehouses",
    idempotent=True,
    scope=_LOGISTICS,
    reply=Items(Warehouse, "warehouses", page=False),
)
LOGISTICS_DELIVERY_OPTIONS = Endpoint(
    name="logistics.delivery_options",
    method="GET",
    path="/logistics/202309/warehouses/{warehouse_id}/delivery_options",
    idempotent=True,
    scope=_LOGISTICS,
    reply=Items(DeliveryOption, "delivery_options", page=False),
)
LOGISTICS_SHIPPING_PROVIDERS = Endpoint(
    name="logistics.shipping_providers",
    method="GET",
    path="/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
    idempotent=True,
    scope=_LOGISTICS,
    reply=Items(ShippingProvider, "shipping_providers", page=False),
)

# --- finance (reads only) ---------------------------------------------------------------------
FINANCE_STATEMENTS = Endpoint(
    name="finance.statements",
    method="GET",
    path="/finance/202309/statements",
    idempotent=True,
    scope=_FINANCE,
    limits=_FINANCE_PAGES,
    reply=Items(Statement, "statements"),
)
# 202501: the 202309 version was retired on 2025-12-31 (guides/changelog/finance/).
FINANCE_STATEMENT_TRANSACTIONS = Endpoint(
    name="finance.statement_transactions",
    method="GET",
    path="/finance/202501/statements/{statement_id}/statement_transactions",
    idempotent=True,
    scope=_FINANCE,
    limits=_FINANCE_PAGES,
    # The statement's totals come on every page beside its transactions.
    reply=Headed(StatementTransactionsPage, "transactions"),
)
FINANCE_ORDER_TRANSACTIONS = Endpoint(
    name="finance.order_transactions",
    method="GET",
    path="/finance/202501/orders/{order_id}/statement_transactions",
    idempotent=True,
    scope=_FINANCE,
    reply=One(OrderStatementTransactions),
)
FINANCE_UNSETTLED = Endpoint(
    name="finance.unsettled",
    method="GET",
    path="/finance/202507/orders/unsettled",
    idempotent=True,
    scope=_FINANCE,
    limits=_FINANCE_PAGES,
    # The sums of every page's estimates come on each page.
    reply=Headed(UnsettledTransactionsPage, "transactions"),
)
FINANCE_PAYMENTS = Endpoint(
    name="finance.payments",
    method="GET",
    path="/finance/202309/payments",
    idempotent=True,
    scope=_FINANCE,
    limits=_FINANCE_PAGES,
    reply=Items(Payment, "payments"),
)
FINANCE_WITHDRAWALS = Endpoint(
    name="finance.withdrawals",
    method="GET",
    path="/finance/202309/withdrawals",
    idempotent=True,
    scope=_FINANCE,
    limits=_FINANCE_PAGES,
    reply=Items(Withdrawal, "withdrawals"),
)

# --- webhook subscriptions (Event API) --------------------------------------------------------
EVENTS_GET_WEBHOOKS = Endpoint(
    name="events.get_webhooks",
    method="GET",
    path="/event/202309/webhooks",
    idempotent=True,
    scope=_AUTHORIZATION,
    reply=Items(WebhookSubscription, "webhooks", page=False),
)
EVENTS_UPDATE_WEBHOOK = Endpoint(
    name="events.update_webhook",
    method="PUT",
    path="/event/202309/webhooks",
    idempotent=True,
    scope=_AUTHORIZATION,
    reply=Nothing,
    read_back="shop.events.get_webhooks() lists the subscriptions",
)
EVENTS_DELETE_WEBHOOK = Endpoint(
    name="events.delete_webhook",
    method="DELETE",
    path="/event/202309/webhooks",
    idempotent=True,
    scope=_AUTHORIZATION,
    reply=Nothing,
    read_back="shop.events.get_webhooks() lists the subscriptions",
)

#: Every row, in the table's order (the order of docs/reference/compatibility.md).
ALL: tuple[Endpoint[Any], ...] = (
    OAUTH_EXCHANGE_CODE,
    OAUTH_REFRESH,
    SHOPS_AUTHORIZED,
    SHOPS_ACTIVE,
    ORDERS_SEARCH,
    ORDERS_GET,
    ORDERS_PRICE_DETAIL,
    PRODUCTS_SEARCH,
    PRODUCTS_GET,
    PRODUCTS_CREATE,
    PRODUCTS_PARTIAL_EDIT,
    PRODUCTS_UPDATE_PRICE,
    PRODUCTS_ACTIVATE,
    PRODUCTS_DEACTIVATE,
    PRODUCTS_DELETE,
    PRODUCTS_RECOVER,
    PRODUCTS_UPDATE_INVENTORY,
    PRODUCTS_SEARCH_INVENTORY,
    PRODUCTS_UPLOAD_IMAGE,
    PRODUCTS_CATEGORIES,
    PRODUCTS_ATTRIBUTES,
    PRODUCTS_CATEGORY_RULES,
    PRODUCTS_BRANDS,
    PRODUCTS_RECOMMEND_CATEGORY,
    PRODUCTS_PREREQUISITES,
    PRODUCTS_CHECK_LISTING,
    PRODUCTS_EDIT,
    RETURNS_SEARCH_CANCELLATIONS,
    RETURNS_SEARCH_RETURNS,
    RETURNS_CANCEL_ORDER,
    RETURNS_APPROVE_CANCELLATION,
    RETURNS_REJECT_CANCELLATION,
    RETURNS_APPROVE_RETURN,
    RETURNS_REJECT_RETURN,
    RETURNS_REJECT_REASONS,
    RETURNS_RETURN_RECORDS,
    RETURNS_AFTERSALE_ELIGIBILITY,
    RETURNS_CALCULATE_REFUND,
    FULFILLMENT_SHIP_PACKAGE,
    FULFILLMENT_BATCH_SHIP,
    FULFILLMENT_MARK_SHIPPED,
    FULFILLMENT_UPDATE_SHIPPING_INFO,
    FULFILLMENT_UPDATE_PACKAGE_SHIPPING_INFO,
    FULFILLMENT_SEARCH_PACKAGES,
    FULFILLMENT_GET_PACKAGE,
    FULFILLMENT_HANDOVER_TIME_SLOTS,
    FULFILLMENT_SHIPPING_DOCUMENT,
    FULFILLMENT_TRACKING,
    LOGISTICS_WAREHOUSES,
    LOGISTICS_DELIVERY_OPTIONS,
    LOGISTICS_SHIPPING_PROVIDERS,
    FINANCE_STATEMENTS,
    FINANCE_STATEMENT_TRANSACTIONS,
    FINANCE_ORDER_TRANSACTIONS,
    FINANCE_UNSETTLED,
    FINANCE_PAYMENTS,
    FINANCE_WITHDRAWALS,
    EVENTS_GET_WEBHOOKS,
    EVENTS_UPDATE_WEBHOOK,
    EVENTS_DELETE_WEBHOOK,
)


def by_name(name: str) -> Endpoint[Any]:
    """The row called ``name`` (``"orders.search"``); KeyError names the known ones."""
    for row in ALL:
        if row.name == name:
            return row
    raise KeyError(f"no endpoint row is called {name!r}; rows: {', '.join(r.name for r in ALL)}")
