"""Every TikTok endpoint the SDK calls, through the public method that calls it.

Each row names the public method, the fixture of the endpoint it calls, how to call it with
typed inputs that reproduce TikTok's request example, and which models read which part of the
reply. :func:`perform` makes that call against a mock transport that answers with the
official response example, so the real request building and reply path (the bytes reader
included) run exactly as for a user.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

import attrs
import httpx

from spec_oracle import COMMON_QUERY
from tiktokshop_sync import InMemoryTokenStore, PaginationError, TikTokShop, TokenSet
from tiktokshop_sync._client import SellerClient, ShopClient
from tiktokshop_sync._core import oauth as _oauth
from tiktokshop_sync._core.endpoint import Endpoint
from tiktokshop_sync._core.pagination import SyncPager
from tiktokshop_sync._core.request import RequestSpec
from tiktokshop_sync._core.scope import SyncScope
from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.resources.returns import EvidenceImage
from tiktokshop_sync.testing import FakeClock
from tiktokshop_sync.types.aftersales import (
    AftersaleEligibility,
    RefundCalculation,
    RejectReason,
    ReturnRecord,
)
from tiktokshop_sync.types.category import (
    Category,
    CategoryAttribute,
    CategoryRecommendation,
    CategoryRules,
    ShopBrand,
)
from tiktokshop_sync.types.event import WebhookSubscription
from tiktokshop_sync.types.finance import (
    OrderStatementTransactions,
    Payment,
    Statement,
    StatementTransactionsPage,
    UnsettledTransactionsPage,
    Withdrawal,
)
from tiktokshop_sync.types.fulfillment import (
    BatchShipResult,
    HandoverTimeSlots,
    MarkShippedResult,
    Package,
    PackageDetail,
    ShippingDocument,
    TrackingEvent,
)
from tiktokshop_sync.types.listing import EditedProduct, ListingCheck, ListingPrerequisites
from tiktokshop_sync.types.logistics import DeliveryOption, ShippingProvider, Warehouse
from tiktokshop_sync.types.order import Order
from tiktokshop_sync.types.price_detail import PriceDetail
from tiktokshop_sync.types.product import (
    BatchResult,
    CreatedProduct,
    InventoryRecord,
    Product,
    UploadedImage,
)
from tiktokshop_sync.types.returns import Cancellation, CancelledOrder, Return
from tiktokshop_sync.types.shop import ActiveShop, AuthorizedShop
from tiktokshop_sync.types.token import TokenGrant

from .fixtures import Fixture

__all__ = ["SDK_CALLS", "Performed", "SdkCall", "Views", "perform"]

#: The seller, shop and app of TikTok's examples.
OPEN_ID = "7010736057180325637"
SHOP_CIPHER = "ROW_RHkDDABBAAB8tKAVoAqsMTjsQZFLyNfY"
APP_KEY = "123abc"
#: Whatever the examples' day, the tokens below are valid then.
NOW = datetime(2025, 6, 2, 1, 0, tzinfo=timezone.utc)

#: Paging fields the SDK reads into :class:`~tiktokshop_sync.Page` rather than into a model.
PAGE = {
    "next_page_token": "Page.next_page_token",
    "total_count": "Page.total_count",
}


def _at(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


@attrs.frozen(kw_only=True)
class Views:
    """What a row calls: the seller and shop views (recording) and the app's OAuth."""

    client: TikTokShop
    seller: SellerClient
    shop: ShopClient


Invoke = Callable[[Views, Fixture], Any]
Pages = Callable[[Views, str | None], SyncPager[Any]]


@attrs.frozen(kw_only=True)
class SdkCall:
    """One endpoint as the SDK calls it.

    ``reply`` maps a dotted path under ``data`` ("" for ``data`` itself) to the model that
    reads it; ``data_fields`` names the documented ``data`` fields read some other way.
    ``request_differs`` lists, by dotted path (``body.x``, ``query.y``, ``path.z``), where the
    SDK's request deliberately differs from the example, with the reason.
    """

    name: str
    #: The endpoint table's row this call performs.
    endpoint: Endpoint[Any]
    fixture: str
    invoke: Invoke | None = None
    #: For a search: the pager, given the page token to resume from.
    pages: Pages | None = None
    reply: Mapping[str, type[Any]] = attrs.field(factory=dict)
    data_fields: Mapping[str, str] = attrs.field(factory=dict)
    request_differs: Mapping[str, str] = attrs.field(factory=dict)
    spec: Callable[[TikTokShop, Fixture], RequestSpec[Any]] | None = None


@attrs.define
class _RecordingScope:
    """A scope that remembers every spec a resource hands it, then performs it."""

    inner: SyncScope
    specs: list[RequestSpec[Any]]

    @property
    def context(self) -> Any:
        return self.inner.context

    @property
    def runtime(self) -> Any:
        return self.inner.runtime

    def request(self, spec: RequestSpec[Any]) -> Any:
        self.specs.append(spec)
        return self.inner.request(spec)

    def paginate(
        self, make_spec: Any, *, page_token: str | None = None, limit: int | None = None
    ) -> SyncPager[Any]:
        return SyncPager(self.request, make_spec, page_token=page_token, limit=limit)


@attrs.frozen(kw_only=True)
class Performed:
    """One public call made: its result, the HTTP request sent and the spec it came from."""

    result: Any
    request: httpx.Request
    spec: RequestSpec[Any]

    def body(self) -> Any:
        """The JSON body sent (None when there was none, or when it was a multipart upload)."""
        if not self.request.content or self.spec.is_multipart:
            return None
        return json.loads(self.request.content)

    def query(self) -> dict[str, str]:
        """The query sent, common signed parameters left out, values decoded."""
        raw = self.request.url.query.decode("ascii")
        pairs = (p.partition("=") for p in raw.split("&") if p)
        return {unquote(k): unquote(v) for k, _, v in pairs if unquote(k) not in COMMON_QUERY}


def perform(call: SdkCall, fixture: Fixture, *, strict: bool, resume: bool = False) -> Performed:
    """Make ``call`` through the public API against a transport serving the official reply.

    A search fetches its first page; with ``resume`` it starts from the example's page token,
    as a caller resuming with ``page_token=`` does. TikTok's search examples all hand that
    token back as ``next_page_token``: the pager then stops with a PaginationError (a loop),
    which is the result.
    """
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=fixture.response_bytes)

    store = InMemoryTokenStore()
    store.save(
        OPEN_ID,
        TokenSet(
            access_token="TTP_contract-access",
            access_token_expires_at=NOW + timedelta(days=7),
            refresh_token=fixture.query.get("refresh_token", "TTP_contract-refresh"),
            refresh_token_expires_at=NOW + timedelta(days=300),
            open_id=OPEN_ID,
        ),
    )
    client = TikTokShop(
        app_key=APP_KEY,
        app_secret=fixture.query.get("app_secret", "contract-secret"),
        token_store=store,
        http_client=httpx.Client(transport=httpx.MockTransport(answer)),
        clock=FakeClock(NOW),
        sleep=lambda _s: None,
        max_retries=0,
        strict_models=strict,
        redact_http_logs=False,
    )
    specs: list[RequestSpec[Any]] = []
    seller_view = client.seller(OPEN_ID)
    seller = SellerClient(client, _RecordingScope(seller_view._scope, specs))  # type: ignore[arg-type]
    shop_view = client.shop(SHOP_CIPHER, grant=OPEN_ID)
    shop = ShopClient(_RecordingScope(shop_view._scope, specs))  # type: ignore[arg-type]
    views = Views(client=client, seller=seller, shop=shop)
    with client:
        if call.pages is not None:
            token = fixture.query.get("page_token") if resume else None
            try:
                result = call.pages(views, token).first_page()
            except PaginationError as loop:
                if token is None or fixture.response["data"].get("next_page_token") != token:
                    raise
                result = loop
        elif call.invoke is not None:
            result = call.invoke(views, fixture)
        else:
            raise AssertionError(f"{call.name} says neither how to call it nor how to page it")
    if call.spec is not None:
        specs.append(call.spec(client, fixture))
    if len(sent) != 1 or len(specs) != 1:
        raise AssertionError(
            f"{call.name} sent {len(sent)} request(s) from {len(specs)} spec(s); expected one"
        )
    return Performed(result=result, request=sent[0], spec=specs[0])


def _without(body: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in keys}


_RAW_EDIT = "partial_edit() returns the reply's data as a dict (its public return type)"
#: The rejections' evidence image, as both Reject examples send it.
_EVIDENCE: EvidenceImage = {
    "image_id": "tos-maliva-i-o3syd03w52-us/57a1c8908fe74572861ea5e50887d8d1",
    "mime_type": "image/png",
    "height": 200,
    "width": 200,
}
_EMPTY_WINDOW = (
    "the example's time window starts and ends at the same second, which holds nothing; the "
    "SDK refuses an empty window, so the call ends one second later"
)
#: The example's window bounds the SDK moves one second on (see _EMPTY_WINDOW).
_WINDOW_ENDS = {
    "body.create_time_lt": _EMPTY_WINDOW,
    "body.update_time_lt": _EMPTY_WINDOW,
}
_UNSETTLED_SORT = (
    "the example sends a timestamp as sort_field, which the parameter's description says "
    "supports only order_create_time; the SDK sends that"
)
_BOTH_LISTS = (
    "the example sends product_ids and sku_ids together, and TikTok then ignores product_ids "
    "(the field's note); the SDK refuses the pair so a filter is never dropped silently"
)
_BACKORDER = (
    "backorders are for made-to-order and pre-order listings, which the SDK does not manage"
)
_APPROVE_MIX = (
    "the example sends APPROVE_REFUND with a partial_refund, which the field's note reserves for "
    "OFFER_PARTIAL_REFUND; the SDK refuses that mix (a partial refund could go out as a full "
    "one), so the same keys are sent with OFFER_PARTIAL_REFUND"
)

SDK_CALLS: tuple[SdkCall, ...] = (
    # --- authorization (auth host) ---------------------------------------------------------
    SdkCall(
        name="client.oauth.exchange_code",
        endpoint=endpoints.OAUTH_EXCHANGE_CODE,
        fixture="authorization/get-access-token-202407",
        invoke=lambda v, f: v.client.oauth.exchange_code("TTP_FeBoANmHP3yqdoUI9fZOCw"),
        spec=lambda c, f: _oauth.exchange_spec(c.config, "TTP_FeBoANmHP3yqdoUI9fZOCw"),
        reply={"": TokenGrant},
    ),
    SdkCall(
        name="client.oauth.refresh",
        endpoint=endpoints.OAUTH_REFRESH,
        fixture="authorization/refresh-access-token-202309",
        invoke=lambda v, f: v.client.oauth.refresh(OPEN_ID),
        spec=lambda c, f: _oauth.refresh_spec(c.config, f.query["refresh_token"]),
        reply={"": TokenGrant},
    ),
    SdkCall(
        name="seller.shops.authorized",
        endpoint=endpoints.SHOPS_AUTHORIZED,
        fixture="authorization/get-authorized-shops-202309",
        invoke=lambda v, f: v.seller.shops.authorized(),
        reply={"shops": AuthorizedShop},
    ),
    SdkCall(
        name="seller.shops.active",
        endpoint=endpoints.SHOPS_ACTIVE,
        fixture="seller/get-active-shops-202309",
        invoke=lambda v, f: v.seller.shops.active(),
        reply={"shops": ActiveShop},
    ),
    # --- orders ----------------------------------------------------------------------------
    SdkCall(
        name="shop.orders.search",
        endpoint=endpoints.ORDERS_SEARCH,
        fixture="orders/get-order-list-202309",
        pages=lambda v, token: v.shop.orders.search(
            page_token=token,
            page_size=20,
            sort_field="create_time",
            sort_order="ASC",
            status="UNPAID",
            create_time_ge=_at(1623812664),
            create_time_lt=_at(1623812664 + 1),
            update_time_ge=_at(1623812664),
            update_time_lt=_at(1623812664 + 1),
            shipping_type="TIKTOK",
            buyer_user_id="7213489962827123654",
            is_buyer_request_cancel=False,
            warehouse_ids=["7000714532876273888", "7000714532876273666"],
        ),
        reply={"orders": Order},
        data_fields=PAGE,
        request_differs=_WINDOW_ENDS,
    ),
    SdkCall(
        name="shop.orders.get",
        endpoint=endpoints.ORDERS_GET,
        fixture="orders/get-order-detail-202507",
        invoke=lambda v, f: v.shop.orders.get(["57668123555", "57668123555"]),
        reply={"orders": Order},
    ),
    SdkCall(
        name="shop.orders.price_detail",
        endpoint=endpoints.ORDERS_PRICE_DETAIL,
        fixture="orders/get-price-detail-202407",
        invoke=lambda v, f: v.shop.orders.price_detail(f.path_params["order_id"]),
        reply={"": PriceDetail},
    ),
    # --- products --------------------------------------------------------------------------
    SdkCall(
        name="shop.products.search",
        endpoint=endpoints.PRODUCTS_SEARCH,
        fixture="products/search-products-202502",
        pages=lambda v, token: v.shop.products.search(
            page_token=token,
            page_size=100,
            status="ALL",
            seller_skus=["Color-Red-XM001"],
            create_time_ge=_at(1694309208),
            create_time_le=_at(1694319208),
            update_time_ge=_at(1694319208),
            update_time_le=_at(1694319208),
            category_version="v1",
            listing_quality_tiers=["POOR", "FAIR"],
            listing_platforms=["TIKTOK_SHOP"],
            audit_status=["AUDITING"],
            sku_ids=["1729592969712207230"],
            sns_filter="CONFIGURED",
            return_draft_version=True,
        ),
        reply={"products": Product},
        data_fields=PAGE,
    ),
    SdkCall(
        name="shop.products.get",
        endpoint=endpoints.PRODUCTS_GET,
        fixture="products/get-product-202309",
        invoke=lambda v, f: v.shop.products.get(
            "1729592969712207008",
            return_under_review_version=True,
            return_draft_version=True,
            locale="en",
        ),
        reply={"": Product},
    ),
    SdkCall(
        name="shop.products.create",
        endpoint=endpoints.PRODUCTS_CREATE,
        fixture="products/create-product-202309",
        invoke=lambda v, f: v.shop.products.create(
            _without(f.body, "idempotency_key"), idempotency_key=f.body["idempotency_key"]
        ),
        reply={"": CreatedProduct},
    ),
    SdkCall(
        name="shop.products.partial_edit",
        endpoint=endpoints.PRODUCTS_PARTIAL_EDIT,
        fixture="products/partial-edit-product-202509",
        invoke=lambda v, f: v.shop.products.partial_edit("1729409636071801988", dict(f.body)),
        data_fields={
            "product_id": _RAW_EDIT,
            "skus": _RAW_EDIT,
            "audit": _RAW_EDIT,
        },
    ),
    SdkCall(
        name="shop.products.update_price",
        endpoint=endpoints.PRODUCTS_UPDATE_PRICE,
        fixture="products/update-price-202309",
        invoke=lambda v, f: v.shop.products.update_price(
            "1729592969712207008",
            [
                {
                    "sku_id": "1729592969712207013",
                    "amount": "1.32",
                    "currency": "USD",
                    "sale_price": "1.32",
                    "list_price": {"amount": "1", "currency": "USD"},
                    "external_list_prices": [
                        {"source": "SHOPIFY_COMPARE_AT_PRICE", "amount": "1", "currency": "USD"}
                    ],
                }
            ],
        ),
    ),
    SdkCall(
        name="shop.products.activate",
        endpoint=endpoints.PRODUCTS_ACTIVATE,
        fixture="products/activate-product-202309",
        invoke=lambda v, f: v.shop.products.activate(
            ["1729592969712207008", "1729592969712207021"], listing_platforms=["TIKTOK_SHOP"]
        ),
        reply={"": BatchResult},
    ),
    SdkCall(
        name="shop.products.deactivate",
        endpoint=endpoints.PRODUCTS_DEACTIVATE,
        fixture="products/deactivate-products-202309",
        invoke=lambda v, f: v.shop.products.deactivate(
            ["1729592969712207008"], listing_platforms=["TIKTOK_SHOP", "TOKOPEDIA"]
        ),
        reply={"": BatchResult},
    ),
    SdkCall(
        name="shop.products.delete",
        endpoint=endpoints.PRODUCTS_DELETE,
        fixture="products/delete-products-202309",
        invoke=lambda v, f: v.shop.products.delete(["1749456684124612452", "1742456684124612451"]),
        reply={"": BatchResult},
    ),
    SdkCall(
        name="shop.products.recover",
        endpoint=endpoints.PRODUCTS_RECOVER,
        fixture="products/recover-products-202309",
        invoke=lambda v, f: v.shop.products.recover(["1729592969712207008"]),
        reply={"": BatchResult},
    ),
    SdkCall(
        name="shop.products.update_inventory",
        endpoint=endpoints.PRODUCTS_UPDATE_INVENTORY,
        fixture="products/update-inventory-202309",
        invoke=lambda v, f: v.shop.products.update_inventory(
            "1729382561353664372",
            [
                {
                    "sku_id": "1729592969712207013",
                    "inventory": [{"warehouse_id": "7068517275539719942", "quantity": 999}],
                }
            ],
        ),
        reply={"": BatchResult},
        request_differs={
            "body.skus[0].inventory[0].backorder_quantity": _BACKORDER,
            "body.skus[0].inventory[0].handling_time": _BACKORDER,
        },
    ),
    SdkCall(
        name="shop.products.search_inventory",
        endpoint=endpoints.PRODUCTS_SEARCH_INVENTORY,
        fixture="products/inventory-search-202309",
        invoke=lambda v, f: v.shop.products.search_inventory(sku_ids=["1729388324987897824"]),
        reply={"inventory.skus": InventoryRecord},
        request_differs={"body.product_ids": _BOTH_LISTS},
    ),
    SdkCall(
        name="shop.products.upload_image",
        endpoint=endpoints.PRODUCTS_UPLOAD_IMAGE,
        fixture="products/upload-product-image-202309",
        invoke=lambda v, f: v.shop.products.upload_image(
            b"\xff\xd8\xff\xe0 jpeg", filename="a.jpg"
        ),
        reply={"": UploadedImage},
    ),
    SdkCall(
        name="shop.products.categories",
        endpoint=endpoints.PRODUCTS_CATEGORIES,
        fixture="products/get-categories-202309",
        invoke=lambda v, f: v.shop.products.categories(
            locale="en-US",
            keyword="electronics",
            category_version="v1",
            listing_platform="TIKTOK_SHOP",
            include_prohibited_categories=False,
        ),
        reply={"categories": Category},
    ),
    SdkCall(
        name="shop.products.attributes",
        endpoint=endpoints.PRODUCTS_ATTRIBUTES,
        fixture="products/get-attributes-202309",
        invoke=lambda v, f: v.shop.products.attributes(
            "600001", locale="en-US", category_version="v1"
        ),
        reply={"attributes": CategoryAttribute},
    ),
    SdkCall(
        name="shop.products.category_rules",
        endpoint=endpoints.PRODUCTS_CATEGORY_RULES,
        fixture="products/get-category-rules-202309",
        invoke=lambda v, f: v.shop.products.category_rules(
            "600001", category_version="v1", locale="es-MX"
        ),
        reply={"": CategoryRules},
    ),
    SdkCall(
        name="shop.products.brands",
        endpoint=endpoints.PRODUCTS_BRANDS,
        fixture="products/get-brands-202309",
        pages=lambda v, token: v.shop.products.brands(
            page_token=token,
            category_id="600006",
            is_authorized=True,
            brand_name="Teas",
            page_size=100,
            category_version="v1",
        ),
        reply={"brands": ShopBrand},
        data_fields=PAGE,
    ),
    SdkCall(
        name="shop.products.recommend_category",
        endpoint=endpoints.PRODUCTS_RECOMMEND_CATEGORY,
        fixture="products/recommend-category-202309",
        invoke=lambda v, f: v.shop.products.recommend_category(
            f.body["product_title"],
            description=f.body["description"],
            image_uris=[i["uri"] for i in f.body["images"]],
            category_version=f.body["category_version"],
            listing_platform=f.body["listing_platform"],
            include_prohibited_categories=f.body["include_prohibited_categories"],
        ),
        reply={"": CategoryRecommendation},
    ),
    SdkCall(
        name="shop.products.prerequisites",
        endpoint=endpoints.PRODUCTS_PREREQUISITES,
        fixture="products/check-listing-prerequisites-202312",
        invoke=lambda v, f: v.shop.products.prerequisites(),
        reply={"": ListingPrerequisites},
    ),
    SdkCall(
        name="shop.products.check_listing",
        endpoint=endpoints.PRODUCTS_CHECK_LISTING,
        fixture="products/check-product-listing-202309",
        invoke=lambda v, f: v.shop.products.check_listing(dict(f.body), is_diagnosis_required=True),
        reply={"": ListingCheck},
    ),
    SdkCall(
        name="shop.products.edit",
        endpoint=endpoints.PRODUCTS_EDIT,
        fixture="products/edit-product-202509",
        invoke=lambda v, f: v.shop.products.edit("1729409636071801988", dict(f.body)),
        reply={"": EditedProduct},
    ),
    # --- after-sales -----------------------------------------------------------------------
    SdkCall(
        name="shop.returns.search_cancellations",
        endpoint=endpoints.RETURNS_SEARCH_CANCELLATIONS,
        fixture="return-and-refund/search-cancellations-202309",
        pages=lambda v, token: v.shop.returns.search_cancellations(
            page_token=token,
            sort_field="update_time",
            sort_order="ASC",
            page_size=10,
            cancel_ids=["577087614418520388"],
            order_ids=["577087614418520388"],
            buyer_user_ids=["7494845267308415300"],
            cancel_types=["CANCEL"],
            cancel_status=["CANCELLATION_REQUEST_PENDING"],
            create_time_ge=_at(1690340825),
            create_time_lt=_at(1690340825 + 1),
            update_time_ge=_at(1690340825),
            update_time_lt=_at(1690340825 + 1),
            locale="en-US",
        ),
        reply={"cancellations": Cancellation},
        data_fields=PAGE,
        request_differs=_WINDOW_ENDS,
    ),
    SdkCall(
        name="shop.returns.search_returns",
        endpoint=endpoints.RETURNS_SEARCH_RETURNS,
        fixture="return-and-refund/search-returns-202309",
        pages=lambda v, token: v.shop.returns.search_returns(
            page_token=token,
            sort_field="create_time",
            sort_order="ASC",
            page_size=10,
            return_ids=["4035318504086604100"],
            order_ids=["577686530908261117"],
            buyer_user_ids=["7493996903972308733"],
            return_types=["REFUND"],
            return_status=["RETURN_OR_REFUND_REQUEST_PENDING"],
            seller_proposed_return_type=["PARTIAL_REFUND"],
            arbitration_status=["IN_PROGRESS"],
            create_time_ge=_at(1690340825),
            create_time_lt=_at(1690340825 + 1),
            update_time_ge=_at(1690340825),
            update_time_lt=_at(1690340825 + 1),
            locale="en-US",
        ),
        reply={"return_orders": Return},
        data_fields=PAGE,
        request_differs=_WINDOW_ENDS,
    ),
    SdkCall(
        name="shop.returns.cancel_order",
        endpoint=endpoints.RETURNS_CANCEL_ORDER,
        fixture="return-and-refund/cancel-order-202309",
        invoke=lambda v, f: v.shop.returns.cancel_order(
            "577087614418520388",
            cancel_reason="ecom_order_delivered_refund_and_return_reason_wrong_product_seller",
            skus=[{"sku_id": "1729386416015578024", "quantity": 1}],
            order_line_item_ids=["577087614418716996"],
        ),
        reply={"": CancelledOrder},
    ),
    SdkCall(
        name="shop.returns.approve_cancellation",
        endpoint=endpoints.RETURNS_APPROVE_CANCELLATION,
        fixture="return-and-refund/approve-cancellation-202309",
        invoke=lambda v, f: v.shop.returns.approve_cancellation(
            "98001001", idempotency_key="40b456b1-78e7-412d-9fe6-82181496e1bd"
        ),
    ),
    SdkCall(
        name="shop.returns.reject_cancellation",
        endpoint=endpoints.RETURNS_REJECT_CANCELLATION,
        fixture="return-and-refund/reject-cancellation-202309",
        invoke=lambda v, f: v.shop.returns.reject_cancellation(
            "4035319218955782461",
            reject_reason="seller_reject_apply_product_has_been_packed",
            comment="I have packed the products before cancellation request",
            images=[_EVIDENCE],
            idempotency_key="40b456b1-78e7-412d-9fe6-82181496e1bd",
        ),
    ),
    SdkCall(
        name="shop.returns.approve_return",
        endpoint=endpoints.RETURNS_APPROVE_RETURN,
        fixture="return-and-refund/approve-return-202309",
        invoke=lambda v, f: v.shop.returns.approve_return(
            "4035319218955782461",
            decision="OFFER_PARTIAL_REFUND",
            buyer_keep_item=True,
            partial_refund={"amount": Decimal("10"), "currency": "IDR"},
            idempotency_key="40b456b1-78e7-412d-9fe6-82181496e1bd",
        ),
        request_differs={"body.decision": _APPROVE_MIX},
    ),
    SdkCall(
        name="shop.returns.reject_return",
        endpoint=endpoints.RETURNS_REJECT_RETURN,
        fixture="return-and-refund/reject-return-202309",
        invoke=lambda v, f: v.shop.returns.reject_return(
            "4035319218955782461",
            decision="REJECT_RECEIVED_PACKAGE",
            reject_reason="seller_reject_apply_package_has_not_exceeded_estimated_delivery_time",
            comment="I have reached an agreement with the buyer",
            images=[_EVIDENCE],
            idempotency_key="40b456b1-78e7-412d-9fe6-82181496e1bd",
        ),
    ),
    SdkCall(
        name="shop.returns.reject_reasons",
        endpoint=endpoints.RETURNS_REJECT_REASONS,
        fixture="return-and-refund/get-reject-reasons-202309",
        invoke=lambda v, f: v.shop.returns.reject_reasons(
            f.query["return_or_cancel_id"], locale=f.query["locale"]
        ),
        reply={"reasons": RejectReason},
    ),
    SdkCall(
        name="shop.returns.return_records",
        endpoint=endpoints.RETURNS_RETURN_RECORDS,
        fixture="return-and-refund/get-return-records-202309",
        invoke=lambda v, f: v.shop.returns.return_records(
            f.path_params["return_id"], locale=f.query["locale"]
        ),
        reply={"records": ReturnRecord},
    ),
    SdkCall(
        name="shop.returns.aftersale_eligibility",
        endpoint=endpoints.RETURNS_AFTERSALE_ELIGIBILITY,
        fixture="return-and-refund/get-aftersale-eligibility-202309",
        invoke=lambda v, f: v.shop.returns.aftersale_eligibility(
            f.path_params["order_id"],
            initiate_aftersale_user=f.query["initiate_aftersale_user"],
        ),
        reply={"": AftersaleEligibility},
    ),
    SdkCall(
        name="shop.returns.calculate_refund",
        endpoint=endpoints.RETURNS_CALCULATE_REFUND,
        fixture="return-and-refund/calculate-refund-202309",
        invoke=lambda v, f: v.shop.returns.calculate_refund(
            "576469648086175911",
            request_type="REFUND",
            reason_name="ecom_order_delivered_refund_reason_missing_product_seller",
            shipment_type="PLATFORM",
            handover_method="DROP_OFF",
            order_line_item_ids=["576469648086306986"],
            skus=[{"sku_id": "1729386416015578024", "quantity": 1}],
        ),
        reply={"": RefundCalculation},
    ),
    # --- fulfillment -----------------------------------------------------------------------
    SdkCall(
        name="shop.fulfillment.ship_package",
        endpoint=endpoints.FULFILLMENT_SHIP_PACKAGE,
        fixture="fulfillment/ship-package-202309",
        invoke=lambda v, f: v.shop.fulfillment.ship_package(
            "5433567853345",
            handover_method="PICKUP",
            pickup_slot=(_at(1623812664), _at(1623812664 + 1)),
            self_shipment={
                "tracking_number": "JX12345",
                "shipping_provider_id": "6617675021119438849",
            },
        ),
        request_differs={"body.pickup_slot.end_time": _EMPTY_WINDOW},
    ),
    SdkCall(
        name="shop.fulfillment.batch_ship",
        endpoint=endpoints.FULFILLMENT_BATCH_SHIP,
        fixture="fulfillment/batch-ship-packages-202309",
        invoke=lambda v, f: v.shop.fulfillment.batch_ship(
            [
                {
                    "id": "12321312312431",
                    "handover_method": "PICKUP",
                    "pickup_slot": (_at(1623812664), _at(1623812664 + 1)),
                    "self_shipment": {
                        "tracking_number": "JX12345",
                        "shipping_provider_id": "6617675021119438849",
                    },
                }
            ]
        ),
        reply={"": BatchShipResult},
        request_differs={"body.packages[0].pickup_slot.end_time": _EMPTY_WINDOW},
    ),
    SdkCall(
        name="shop.fulfillment.mark_shipped",
        endpoint=endpoints.FULFILLMENT_MARK_SHIPPED,
        fixture="fulfillment/mark-package-as-shipped-202309",
        invoke=lambda v, f: v.shop.fulfillment.mark_shipped(
            "576461413038785752",
            tracking_number="6617675021119438849",
            shipping_provider_id="12312312321323432",
            order_line_item_ids=["2321312321311"],
        ),
        reply={"": MarkShippedResult},
    ),
    SdkCall(
        name="shop.fulfillment.update_shipping_info",
        endpoint=endpoints.FULFILLMENT_UPDATE_SHIPPING_INFO,
        fixture="fulfillment/update-shipping-info-202309",
        invoke=lambda v, f: v.shop.fulfillment.update_shipping_info(
            "576461413038785752",
            tracking_number="576460868968549926",
            shipping_provider_id="6965352555291346690",
        ),
    ),
    SdkCall(
        name="shop.fulfillment.update_package_shipping_info",
        endpoint=endpoints.FULFILLMENT_UPDATE_PACKAGE_SHIPPING_INFO,
        fixture="fulfillment/update-package-shipping-info-202309",
        invoke=lambda v, f: v.shop.fulfillment.update_package_shipping_info(
            "5433567853345",
            tracking_number="576460868968549926",
            shipping_provider_id="6965352555291346690",
        ),
    ),
    SdkCall(
        name="shop.fulfillment.search_packages",
        endpoint=endpoints.FULFILLMENT_SEARCH_PACKAGES,
        fixture="fulfillment/search-package-202309",
        pages=lambda v, token: v.shop.fulfillment.search_packages(
            page_token=token,
            page_size=20,
            sort_field="order_pay_time",
            sort_order="ASC",
            create_time_ge=_at(1623812664),
            create_time_lt=_at(1623812664 + 1),
            update_time_ge=_at(1623812664),
            update_time_lt=_at(1623812664 + 1),
            package_status="PROCESSING",
        ),
        reply={"packages": Package},
        data_fields=PAGE,
        request_differs=_WINDOW_ENDS,
    ),
    SdkCall(
        name="shop.fulfillment.get_package",
        endpoint=endpoints.FULFILLMENT_GET_PACKAGE,
        fixture="fulfillment/get-package-detail-202309",
        invoke=lambda v, f: v.shop.fulfillment.get_package("5433567853345"),
        reply={"": PackageDetail},
    ),
    SdkCall(
        name="shop.fulfillment.handover_time_slots",
        endpoint=endpoints.FULFILLMENT_HANDOVER_TIME_SLOTS,
        fixture="fulfillment/get-package-handover-time-slots-202309",
        invoke=lambda v, f: v.shop.fulfillment.handover_time_slots("5433567853345"),
        reply={"": HandoverTimeSlots},
    ),
    SdkCall(
        name="shop.fulfillment.shipping_document",
        endpoint=endpoints.FULFILLMENT_SHIPPING_DOCUMENT,
        fixture="fulfillment/get-package-shipping-document-202309",
        invoke=lambda v, f: v.shop.fulfillment.shipping_document(
            "5433567853345",
            document_type="SHIPPING_LABEL",
            document_size="A6",
            document_format="PDF",
        ),
        reply={"": ShippingDocument},
    ),
    SdkCall(
        name="shop.fulfillment.tracking",
        endpoint=endpoints.FULFILLMENT_TRACKING,
        fixture="fulfillment/get-tracking-202309",
        invoke=lambda v, f: v.shop.fulfillment.tracking("576461413038785752"),
        reply={"tracking": TrackingEvent},
    ),
    # --- logistics -------------------------------------------------------------------------
    SdkCall(
        name="shop.logistics.warehouses",
        endpoint=endpoints.LOGISTICS_WAREHOUSES,
        fixture="logistics/get-warehouse-list-202309",
        invoke=lambda v, f: v.shop.logistics.warehouses(),
        reply={"warehouses": Warehouse},
    ),
    SdkCall(
        name="shop.logistics.delivery_options",
        endpoint=endpoints.LOGISTICS_DELIVERY_OPTIONS,
        fixture="logistics/get-warehouse-delivery-options-202309",
        invoke=lambda v, f: v.shop.logistics.delivery_options(
            "6966568648651605766", scope="PRODUCT"
        ),
        reply={"delivery_options": DeliveryOption},
    ),
    SdkCall(
        name="shop.logistics.shipping_providers",
        endpoint=endpoints.LOGISTICS_SHIPPING_PROVIDERS,
        fixture="logistics/get-shipping-providers-202309",
        invoke=lambda v, f: v.shop.logistics.shipping_providers("6955034615128000261"),
        reply={"shipping_providers": ShippingProvider},
    ),
    # --- finance ---------------------------------------------------------------------------
    SdkCall(
        name="shop.finance.statements",
        endpoint=endpoints.FINANCE_STATEMENTS,
        fixture="finance/get-statements-202309",
        pages=lambda v, token: v.shop.finance.statements(
            page_token=token,
            page_size=20,
            sort_order="ASC",
            payment_status="PAID",
            statement_time_ge=_at(1623812664),
            statement_time_lt=_at(1623812664 + 1),
        ),
        reply={"statements": Statement},
        data_fields={"next_page_token": PAGE["next_page_token"]},
        request_differs={"query.statement_time_lt": _EMPTY_WINDOW},
    ),
    SdkCall(
        name="shop.finance.statement_transactions",
        endpoint=endpoints.FINANCE_STATEMENT_TRANSACTIONS,
        fixture="finance/get-transactions-by-statement-202501",
        pages=lambda v, token: v.shop.finance.statement_transactions(
            "7238804564097517339", page_token=token, page_size=20, sort_order="DESC"
        ),
        reply={"": StatementTransactionsPage},
    ),
    SdkCall(
        name="shop.finance.order_transactions",
        endpoint=endpoints.FINANCE_ORDER_TRANSACTIONS,
        fixture="finance/get-transactions-by-order-202501",
        invoke=lambda v, f: v.shop.finance.order_transactions(f.path_params["order_id"]),
        reply={"": OrderStatementTransactions},
    ),
    SdkCall(
        name="shop.finance.unsettled",
        endpoint=endpoints.FINANCE_UNSETTLED,
        fixture="finance/get-unsettled-transactions-202507",
        pages=lambda v, token: v.shop.finance.unsettled(
            page_token=token,
            page_size=20,
            sort_order="ASC",
            search_time_ge=_at(1623812664),
            search_time_lt=_at(1623812664 + 1),
        ),
        reply={"": UnsettledTransactionsPage},
        request_differs={
            "query.sort_field": _UNSETTLED_SORT,
            "query.search_time_lt": _EMPTY_WINDOW,
        },
    ),
    SdkCall(
        name="shop.finance.payments",
        endpoint=endpoints.FINANCE_PAYMENTS,
        fixture="finance/get-payments-202309",
        pages=lambda v, token: v.shop.finance.payments(
            page_token=token,
            page_size=20,
            sort_order="ASC",
            create_time_ge=_at(1687266376),
            create_time_lt=_at(1687266376 + 1),
        ),
        reply={"payments": Payment},
        data_fields={"next_page_token": PAGE["next_page_token"]},
        request_differs={"query.create_time_lt": _EMPTY_WINDOW},
    ),
    SdkCall(
        name="shop.finance.withdrawals",
        endpoint=endpoints.FINANCE_WITHDRAWALS,
        fixture="finance/get-withdrawals-202309",
        pages=lambda v, token: v.shop.finance.withdrawals(
            page_token=token,
            page_size=20,
            types=["WITHDRAW", "SETTLE"],
            create_time_ge=_at(1623812664),
            create_time_lt=_at(1623812664 + 1),
        ),
        reply={"withdrawals": Withdrawal},
        data_fields=PAGE,
        request_differs={"query.create_time_lt": _EMPTY_WINDOW},
    ),
    # --- webhooks (Event API) --------------------------------------------------------------
    SdkCall(
        name="shop.events.get_webhooks",
        endpoint=endpoints.EVENTS_GET_WEBHOOKS,
        fixture="event/get-shop-webhooks-202309",
        invoke=lambda v, f: v.shop.events.get_webhooks(),
        reply={"webhooks": WebhookSubscription},
        data_fields={"total_count": "the SDK returns the whole list; its length is the count"},
    ),
    SdkCall(
        name="shop.events.update_webhook",
        endpoint=endpoints.EVENTS_UPDATE_WEBHOOK,
        fixture="event/update-shop-webhook-202309",
        invoke=lambda v, f: v.shop.events.update_webhook(
            "ORDER_STATUS_CHANGE", "https://partner.tiktokshop.com"
        ),
    ),
    SdkCall(
        name="shop.events.delete_webhook",
        endpoint=endpoints.EVENTS_DELETE_WEBHOOK,
        fixture="event/delete-shop-webhook-202309",
        invoke=lambda v, f: v.shop.events.delete_webhook("ORDER_STATUS_CHANGE"),
    ),
)
