"""Products: search (capped at 10,000 results by TikTok), detail, create, edit, price,
activation, deletion and recovery, inventory, image upload, and the listing rules (categories,
their attributes and rules, brands, recommended category, the shop's prerequisites, the listing
check).

Inventory updates change quantities only: they never touch a listing's status, so a product
the seller paused (SELLER_DEACTIVATED, 停止中) stays paused however often stock is pushed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal

from .._core.endpoint import Endpoint
from .._core.pagination import AsyncPager, SpecFactory, SyncPager
from .._core.request import RequestSpec, Upload
from .._core.scope import AsyncResource, SyncResource
from .._core.typing_compat import NotRequired, TypedDict, Unpack
from . import _filters, _params
from ._endpoints import (
    PRODUCTS_ACTIVATE,
    PRODUCTS_ATTRIBUTES,
    PRODUCTS_BRANDS,
    PRODUCTS_CATEGORIES,
    PRODUCTS_CATEGORY_RULES,
    PRODUCTS_CHECK_LISTING,
    PRODUCTS_CREATE,
    PRODUCTS_DEACTIVATE,
    PRODUCTS_DELETE,
    PRODUCTS_EDIT,
    PRODUCTS_GET,
    PRODUCTS_PARTIAL_EDIT,
    PRODUCTS_PREREQUISITES,
    PRODUCTS_RECOMMEND_CATEGORY,
    PRODUCTS_RECOVER,
    PRODUCTS_SEARCH,
    PRODUCTS_SEARCH_INVENTORY,
    PRODUCTS_UPDATE_INVENTORY,
    PRODUCTS_UPDATE_PRICE,
    PRODUCTS_UPLOAD_IMAGE,
)

if TYPE_CHECKING:
    from ..types.category import (
        Category,
        CategoryAttribute,
        CategoryRecommendation,
        CategoryRules,
        ShopBrand,
    )
    from ..types.listing import EditedProduct, ListingCheck, ListingPrerequisites
    from ..types.product import (
        BatchResult,
        CreatedProduct,
        InventoryRecord,
        Product,
        ProductStatus,
        UploadedImage,
    )

__all__ = [
    "AsyncProducts",
    "CategoryFilters",
    "ExternalListPrice",
    "InventoryUpdate",
    "ListPrice",
    "PriceUpdate",
    "ProductSearchFilters",
    "Products",
    "WarehouseQuantity",
]

SEARCH_RESULT_CAP = PRODUCTS_SEARCH.limits.results
MAX_PRODUCT_PAGE = PRODUCTS_SEARCH.limits.max_page
MAX_IDS_PER_BATCH = PRODUCTS_ACTIVATE.limits.per_call["product_ids"]


ListingPlatformName = Literal["TIKTOK_SHOP", "TOKOPEDIA"]
CategoryVersion = Literal["v1", "v2"]
AuditFilter = Literal["AUDITING", "FAILED", "APPROVED"]
QualityTier = Literal["POOR", "FAIR", "GOOD"]


class ProductSearchFilters(TypedDict, total=False):
    """Filters for :meth:`Products.search`; times are aware datetimes.

    ``status`` also takes ``"ALL"`` (TikTok's default). ``listing_quality_tiers`` is US-only;
    ``listing_platforms`` is for sellers migrated from Tokopedia and needs a ``status`` other
    than ALL; ``return_draft_version`` returns the draft of products that have one.
    """

    status: ProductStatus | str
    seller_skus: Sequence[str]
    sku_ids: Sequence[str]
    create_time_ge: datetime
    create_time_le: datetime
    update_time_ge: datetime
    update_time_le: datetime
    category_version: Literal["v1", "v2"]
    audit_status: Sequence[AuditFilter]
    listing_quality_tiers: Sequence[QualityTier]
    listing_platforms: Sequence[ListingPlatformName]
    sns_filter: Literal["CONFIGURED", "ELIGIBLE"]
    return_draft_version: bool
    page_size: int


class WarehouseQuantity(TypedDict):
    """Stock of a SKU in one warehouse."""

    warehouse_id: str
    quantity: int


class InventoryUpdate(TypedDict):
    """New stock of one SKU; list every warehouse the SKU is assigned to."""

    sku_id: str
    inventory: Sequence[WarehouseQuantity]


class ListPrice(TypedDict):
    """A manufacturer's list price (MSRP/RRP); TikTok documents it for the US market only."""

    amount: str
    currency: str


class ExternalListPrice(TypedDict):
    """A price the SKU has on another shop (e.g. ``SHOPIFY_COMPARE_AT_PRICE``); US only."""

    source: str
    amount: str
    currency: str


class PriceUpdate(TypedDict):
    """New price of one SKU (JPY has no minor unit: "1980").

    ``amount`` is a local seller's display price; ``sale_price`` is a global (cross-border)
    seller's display price, required for JP shops shipping from China warehouses (tiktok-spec
    update-price.spec.json, changelog jp-market-updated-apis-...). Give one or both.
    """

    sku_id: str
    amount: NotRequired[str]
    currency: NotRequired[str]
    sale_price: NotRequired[str]
    list_price: NotRequired[ListPrice]
    external_list_prices: NotRequired[Sequence[ExternalListPrice]]


#: Search Products' list filters and the values TikTok documents for them (202502).
_LIST_FILTERS: dict[str, tuple[str, ...]] = {
    "audit_status": _filters.PRODUCT_AUDIT_STATUS,
    "listing_quality_tiers": _filters.PRODUCT_LISTING_QUALITY_TIERS,
    "listing_platforms": _filters.PRODUCT_LISTING_PLATFORMS,
}


def _flag(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise _params.InvalidArgumentError(f"{name} must be True or False, got {value!r}.")
    return value


def _platforms(listing_platforms: Sequence[ListingPlatformName] | None) -> dict[str, Any]:
    if listing_platforms is None:
        return {}
    values = _params.ids("listing_platforms", listing_platforms)
    allowed = _LIST_FILTERS["listing_platforms"]
    return {"listing_platforms": [_params.one_of("listing_platforms", v, allowed) for v in values]}


def search_pages(filters: ProductSearchFilters) -> SpecFactory[Product]:
    """Validate product search filters once; the per-page request builder."""
    _params.known_keys("product search filter", filters, ProductSearchFilters)
    size = _params.page_size(filters.get("page_size", MAX_PRODUCT_PAGE), PRODUCTS_SEARCH)
    body: dict[str, Any] = {
        **_params.time_window(
            "create_time", filters.get("create_time_ge"), filters.get("create_time_le"), lt_key="le"
        ),
        **_params.time_window(
            "update_time", filters.get("update_time_ge"), filters.get("update_time_le"), lt_key="le"
        ),
    }
    if "status" in filters:
        body["status"] = _params.one_of("status", filters["status"], _filters.PRODUCT_STATUS)
    for key in ("seller_skus", "sku_ids"):
        if key in filters:
            values = _params.ids(key, filters[key])
            most = PRODUCTS_SEARCH.limits.per_call[key]
            if len(values) > most:
                raise _params.InvalidArgumentError(f"{key} takes at most {most} values per search.")
            body[key] = values
    if "category_version" in filters:
        body["category_version"] = _params.one_of(
            "category_version", filters["category_version"], _filters.PRODUCT_CATEGORY_VERSION
        )
    for key, allowed in _LIST_FILTERS.items():
        if key in filters:
            values = _params.ids(key, filters[key])  # type: ignore[literal-required]
            body[key] = [_params.one_of(key, v, allowed) for v in values]
    if "sns_filter" in filters:
        body["sns_filter"] = _params.one_of(
            "sns_filter", filters["sns_filter"], _filters.PRODUCT_SNS_FILTER
        )
    if "return_draft_version" in filters:
        body["return_draft_version"] = _flag(
            "return_draft_version", filters["return_draft_version"]
        )

    return PRODUCTS_SEARCH.pages(query={"page_size": size}, json=body)


def get_spec(
    product_id: str,
    *,
    return_under_review_version: bool | None = None,
    return_draft_version: bool | None = None,
    locale: str | None = None,
) -> RequestSpec[Product]:
    """GET /product/202309/products/{product_id}, optionally its version under review or draft."""
    pid = _params.path_id("product_id", product_id)
    query: dict[str, Any] = {}
    if return_under_review_version is not None:
        query["return_under_review_version"] = _flag(
            "return_under_review_version", return_under_review_version
        )
    if return_draft_version is not None:
        query["return_draft_version"] = _flag("return_draft_version", return_draft_version)
    if locale is not None:
        query["locale"] = _params.locale(locale)
    return PRODUCTS_GET.spec(path_params={"product_id": pid}, query=query)


def create_spec(
    product: dict[str, Any], idempotency_key: str | None
) -> RequestSpec[CreatedProduct]:
    """POST /product/202309/products; repeatable only with an idempotency key."""
    if not isinstance(product, dict) or not product.get("title"):
        raise _params.InvalidArgumentError(
            "product must be a dict with at least 'title', 'description', 'category_id', "
            "'main_images' and 'skus'."
        )
    body = dict(product)
    if idempotency_key is not None:
        body["idempotency_key"] = idempotency_key
    skus = [str(s.get("seller_sku")) for s in product.get("skus") or [] if isinstance(s, dict)]
    most = PRODUCTS_SEARCH.limits.per_call["seller_skus"]
    return PRODUCTS_CREATE.spec(
        json=body, keyed=idempotency_key is not None, facts={"seller_skus": skus[:most]}
    )


def partial_edit_spec(product_id: str, changes: dict[str, Any]) -> RequestSpec[dict[str, Any]]:
    """POST /product/202509/products/{product_id}/partial_edit (top-level fields replaced)."""
    pid = _params.path_id("product_id", product_id)
    if not changes:
        raise _params.InvalidArgumentError("partial_edit needs at least one field to change.")
    return PRODUCTS_PARTIAL_EDIT.spec(path_params={"product_id": pid}, json=changes)


def _amount(name: str, value: Any) -> str:
    text = str(value).strip() if isinstance(value, str | int | Decimal) else ""
    try:
        amount = Decimal(text)
    except InvalidOperation:
        amount = Decimal(-1)
    if isinstance(value, bool) or not amount.is_finite() or amount <= 0:
        raise _params.InvalidArgumentError(
            f"{name} must be a positive amount such as '1980', got {value!r}."
        )
    return text


def _price_entry(update: PriceUpdate) -> dict[str, Any]:
    _params.record("a price update", update, PriceUpdate)
    price: dict[str, Any] = {"currency": update.get("currency", "JPY")}
    for key in ("amount", "sale_price"):
        if key in update:
            price[key] = _amount(key, update[key])
    if len(price) == 1:
        raise _params.InvalidArgumentError(
            "a price update needs 'amount' (local sellers) or 'sale_price' (cross-border "
            "sellers; required for JP shops shipping from China warehouses)."
        )
    entry: dict[str, Any] = {
        "id": _params.path_id("sku_id", update.get("sku_id")),
        "price": price,
    }
    if "list_price" in update:
        listed = update["list_price"]
        entry["list_price"] = {
            "amount": _amount("list_price.amount", listed["amount"]),
            "currency": listed["currency"],
        }
    if "external_list_prices" in update:
        entry["external_list_prices"] = [
            {
                "source": str(e["source"]),
                "amount": _amount("external_list_prices.amount", e["amount"]),
                "currency": e["currency"],
            }
            for e in update["external_list_prices"]
        ]
    return entry


def price_spec(product_id: str, prices: Sequence[PriceUpdate]) -> RequestSpec[None]:
    """POST /product/202309/products/{product_id}/prices/update."""
    pid = _params.path_id("product_id", product_id)
    skus = [_price_entry(p) for p in prices]
    if not skus:
        raise _params.InvalidArgumentError("update_price needs at least one SKU.")
    return PRODUCTS_UPDATE_PRICE.spec(path_params={"product_id": pid}, json={"skus": skus})


def status_spec(
    action: Literal["activate", "deactivate"],
    product_ids: Sequence[str],
    listing_platforms: Sequence[ListingPlatformName] | None = None,
) -> RequestSpec[BatchResult]:
    """POST /product/202309/products/{activate|deactivate} (at most 20 ids)."""
    row = PRODUCTS_ACTIVATE if action == "activate" else PRODUCTS_DEACTIVATE
    return _status_change(row, action, product_ids, _platforms(listing_platforms))


def _status_change(
    row: Endpoint[BatchResult],
    action: str,
    product_ids: Sequence[str],
    extra: dict[str, Any] | None = None,
) -> RequestSpec[BatchResult]:
    ids = _params.ids("product_ids", product_ids)
    most = row.limits.per_call["product_ids"]
    if not 1 <= len(ids) <= most:
        raise _params.InvalidArgumentError(f"{action} takes 1 to {most} product ids per call.")
    return row.spec(json={"product_ids": ids, **(extra or {})}, facts={"first": ids[0]})


def delete_spec(product_ids: Sequence[str]) -> RequestSpec[BatchResult]:
    """DELETE /product/202309/products with a JSON body (at most 20 ids); never retried."""
    return _status_change(PRODUCTS_DELETE, "delete", product_ids)


def recover_spec(product_ids: Sequence[str]) -> RequestSpec[BatchResult]:
    """POST /product/202309/products/recover: bring deleted products back (at most 20 ids)."""
    return _status_change(PRODUCTS_RECOVER, "recover", product_ids)


#: Update Inventory's quantity range (see its row for why 0 is accepted).
MIN_QUANTITY, MAX_QUANTITY = PRODUCTS_UPDATE_INVENTORY.limits.ranges["quantity"]


def _quantity(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _params.InvalidArgumentError(
            f"quantity must be a whole number from {MIN_QUANTITY} to {MAX_QUANTITY:,}, "
            f"got {value!r}."
        )
    if not MIN_QUANTITY <= value <= MAX_QUANTITY:
        raise _params.InvalidArgumentError(
            f"quantity must be from {MIN_QUANTITY} to {MAX_QUANTITY:,} (TikTok's range), got "
            f"{value:,}; send {MAX_QUANTITY:,} for 'plenty' (InventoryPush caps it for you)."
        )
    return value


def _inventory_entry(update: InventoryUpdate) -> dict[str, Any]:
    _params.record("an inventory update", update, InventoryUpdate)
    rows = []
    for row in update.get("inventory") or []:
        _params.record("an inventory row", row, WarehouseQuantity)
        rows.append(
            {
                "warehouse_id": _params.path_id("warehouse_id", row.get("warehouse_id")),
                "quantity": _quantity(row.get("quantity")),
            }
        )
    if not rows:
        raise _params.InvalidArgumentError(
            "each inventory update needs 'inventory': [{'warehouse_id': ..., 'quantity': ...}] "
            "for every warehouse the SKU is stocked in."
        )
    return {"id": _params.path_id("sku_id", update.get("sku_id")), "inventory": rows}


def inventory_spec(product_id: str, updates: Sequence[InventoryUpdate]) -> RequestSpec[BatchResult]:
    """POST /product/202309/products/{product_id}/inventory/update: quantities only.

    TikTok applies it to ``ACTIVATE`` products only: a paused one answers 12052901.
    """
    pid = _params.path_id("product_id", product_id)
    skus = [_inventory_entry(update) for update in updates]
    if not skus:
        raise _params.InvalidArgumentError("update_inventory needs at least one SKU.")
    return PRODUCTS_UPDATE_INVENTORY.spec(path_params={"product_id": pid}, json={"skus": skus})


#: Inventory Search's documented caps per call (tiktok-spec inventory-search.spec.json).
MAX_INVENTORY_PRODUCT_IDS = PRODUCTS_SEARCH_INVENTORY.limits.per_call["product_ids"]
MAX_INVENTORY_SKU_IDS = PRODUCTS_SEARCH_INVENTORY.limits.per_call["sku_ids"]


def inventory_search_specs(
    product_ids: Sequence[str] | None, sku_ids: Sequence[str] | None
) -> list[RequestSpec[list[InventoryRecord]]]:
    """One Inventory Search per 100 product ids or 600 SKU ids (TikTok's caps), checked first.

    Chunking, as ``orders.get`` does for 50 ids: a read of ids is exact when split, and
    TikTok would refuse the whole call (12019120 / 12019015) past a cap.
    """
    if product_ids is not None and sku_ids is not None:
        # "If both sku_ids and product_ids are passed, sku_ids will take precedence": the
        # product ids would be silently ignored.
        raise _params.InvalidArgumentError(
            "search_inventory takes product_ids or sku_ids, not both (TikTok ignores "
            "product_ids when sku_ids are given); make two calls."
        )
    if sku_ids is not None:
        wanted = list(dict.fromkeys(_params.ids("sku_ids", sku_ids)))
        key, cap = "sku_ids", MAX_INVENTORY_SKU_IDS
    elif product_ids is not None:
        wanted = list(dict.fromkeys(_params.ids("product_ids", product_ids)))
        key, cap = "product_ids", MAX_INVENTORY_PRODUCT_IDS
    else:
        raise _params.InvalidArgumentError("search_inventory needs product_ids or sku_ids.")
    if not wanted:
        raise _params.InvalidArgumentError(f"search_inventory needs at least one id in {key}.")
    return [
        PRODUCTS_SEARCH_INVENTORY.spec(json={key: chunk}) for chunk in _params.chunks(wanted, cap)
    ]


def inventory_search_spec(
    product_ids: Sequence[str] | None, sku_ids: Sequence[str] | None
) -> RequestSpec[list[InventoryRecord]]:
    """POST /product/202309/inventory/search for at most 100 product ids or 600 SKU ids."""
    specs = inventory_search_specs(product_ids, sku_ids)
    if len(specs) > 1:
        raise _params.InvalidArgumentError(
            f"one Inventory Search takes at most {MAX_INVENTORY_PRODUCT_IDS} product ids or "
            f"{MAX_INVENTORY_SKU_IDS} SKU ids; use inventory_search_specs() for more."
        )
    return specs[0]


def upload_spec(content: bytes, filename: str, use_case: str) -> RequestSpec[UploadedImage]:
    """POST /product/202309/images/upload (multipart: the body is not signed; no cipher)."""
    if not content:
        raise _params.InvalidArgumentError("upload_image needs the image bytes.")
    return PRODUCTS_UPLOAD_IMAGE.spec(
        form={"use_case": _params.one_of("use_case", use_case, _filters.IMAGE_USE_CASE)},
        files=(
            Upload(
                field="data", filename=filename, content=content, content_type=_image_type(filename)
            ),
        ),
    )


def _image_type(filename: str) -> str:
    lower = filename.lower()
    if lower.endswith(".png"):
        return "image/png"
    if lower.endswith(".webp"):
        return "image/webp"
    return "image/jpeg"


# --- listing rules ----------------------------------------------------------------------------


class CategoryFilters(TypedDict, total=False):
    """Filters for :meth:`Products.categories` (every one optional).

    ``locale`` names the language of the names (``"ja-JP"``); ``category_version`` the tree
    (``"v2"``: the 7-level tree Japan lists in); ``include_prohibited_categories`` applies to
    the BR, MX, EU and SEA markets only.
    """

    locale: str
    keyword: str
    category_version: CategoryVersion
    listing_platform: ListingPlatformName
    include_prohibited_categories: bool


def _version(value: str | None) -> str | None:
    if value is None:
        return None
    return _params.one_of("category_version", value, _filters.PRODUCT_CATEGORY_VERSION)


def _text_query(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _params.InvalidArgumentError(f"{name} must be non-empty text, got {value!r}.")
    return value


def categories_spec(filters: CategoryFilters) -> RequestSpec[list[Category]]:
    """GET /product/202309/categories: the shop's category tree (or those matching a keyword)."""
    _params.known_keys("category filter", filters, CategoryFilters)
    query: dict[str, Any] = {
        "locale": _params.locale(filters["locale"]) if "locale" in filters else None,
        "keyword": _text_query("keyword", filters.get("keyword")),
        "category_version": _version(filters.get("category_version")),
    }
    if "listing_platform" in filters:
        query["listing_platform"] = _params.one_of(
            "listing_platform", filters["listing_platform"], _filters.PRODUCT_LISTING_PLATFORMS
        )
    if "include_prohibited_categories" in filters:
        query["include_prohibited_categories"] = _flag(
            "include_prohibited_categories", filters["include_prohibited_categories"]
        )
    return PRODUCTS_CATEGORIES.spec(query={k: v for k, v in query.items() if v is not None})


def _category_query(category_version: str | None, locale: str | None) -> dict[str, Any]:
    query: dict[str, Any] = {}
    if category_version is not None:
        query["category_version"] = _version(category_version)
    if locale is not None:
        query["locale"] = _params.locale(locale)
    return query


def attributes_spec(
    category_id: str, *, category_version: str | None = None, locale: str | None = None
) -> RequestSpec[list[CategoryAttribute]]:
    """GET /product/202309/categories/{category_id}/attributes of a leaf category."""
    cid = _params.path_id("category_id", category_id)
    return PRODUCTS_ATTRIBUTES.spec(
        path_params={"category_id": cid}, query=_category_query(category_version, locale)
    )


def category_rules_spec(
    category_id: str, *, category_version: str | None = None, locale: str | None = None
) -> RequestSpec[CategoryRules]:
    """GET /product/202309/categories/{category_id}/rules of a leaf category."""
    cid = _params.path_id("category_id", category_id)
    return PRODUCTS_CATEGORY_RULES.spec(
        path_params={"category_id": cid}, query=_category_query(category_version, locale)
    )


def brands_pages(
    *,
    category_id: str | None,
    is_authorized: bool | None,
    brand_name: str | None,
    category_version: str | None,
    page_size: int,
) -> SpecFactory[ShopBrand]:
    """Validate the brand filters once; the per-page request builder (1-100 a page).

    ``is_authorized`` goes out as 1 or 0, the values Get Brands documents for it.
    """
    query: dict[str, Any] = {"page_size": _params.page_size(page_size, PRODUCTS_BRANDS)}
    if category_id is not None:
        query["category_id"] = _params.path_id("category_id", category_id)
    if is_authorized is not None:
        query["is_authorized"] = int(_flag("is_authorized", is_authorized))
    if brand_name is not None:
        query["brand_name"] = _text_query("brand_name", brand_name)
    if category_version is not None:
        query["category_version"] = _version(category_version)
    return PRODUCTS_BRANDS.pages(query=query, json=None)


def recommend_category_spec(
    product_title: str,
    *,
    description: str | None = None,
    image_uris: Sequence[str] = (),
    category_version: str | None = None,
    listing_platform: str | None = None,
    include_prohibited_categories: bool | None = None,
) -> RequestSpec[CategoryRecommendation]:
    """POST /product/202309/categories/recommend: TikTok's leaf category for a title."""
    body: dict[str, Any] = {"product_title": _text_query("product_title", product_title)}
    if description is not None:
        body["description"] = description
    uris = _params.ids("image_uris", image_uris)
    if uris:
        body["images"] = [{"uri": uri} for uri in uris]
    if category_version is not None:
        body["category_version"] = _version(category_version)
    if listing_platform is not None:
        body["listing_platform"] = _params.one_of(
            "listing_platform", listing_platform, _filters.PRODUCT_LISTING_PLATFORMS
        )
    if include_prohibited_categories is not None:
        body["include_prohibited_categories"] = _flag(
            "include_prohibited_categories", include_prohibited_categories
        )
    return PRODUCTS_RECOMMEND_CATEGORY.spec(json=body)


def prerequisites_spec() -> RequestSpec[ListingPrerequisites]:
    """GET /product/202312/prerequisites: what the shop must set up before it can list."""
    return PRODUCTS_PREREQUISITES.spec()


def _product_body(product: dict[str, Any], what: str) -> dict[str, Any]:
    if not isinstance(product, dict) or not product.get("title"):
        raise _params.InvalidArgumentError(
            f"{what} needs a product dict with at least 'title', 'description', "
            "'category_id', 'main_images', 'skus' and 'package_weight'."
        )
    return dict(product)


def check_listing_spec(
    product: dict[str, Any], *, is_diagnosis_required: bool | None = None
) -> RequestSpec[ListingCheck]:
    """POST /product/202309/products/listing_check: TikTok's dry run of Create Product."""
    query: dict[str, Any] = {}
    if is_diagnosis_required is not None:
        query["is_diagnosis_required"] = _flag("is_diagnosis_required", is_diagnosis_required)
    return PRODUCTS_CHECK_LISTING.spec(query=query, json=_product_body(product, "check_listing"))


def edit_spec(product_id: str, product: dict[str, Any]) -> RequestSpec[EditedProduct]:
    """PUT /product/202509/products/{product_id}: replace the whole product (re-reviewed)."""
    pid = _params.path_id("product_id", product_id)
    return PRODUCTS_EDIT.spec(path_params={"product_id": pid}, json=_product_body(product, "edit"))


class Products(SyncResource):
    """A shop's products (商品), prices and stock."""

    def search(
        self, *, page_token: str | None = None, **filters: Unpack[ProductSearchFilters]
    ) -> SyncPager[Product]:
        """Products matching ``filters``; raises SearchLimitError past TikTok's 10,000 cap."""
        return self._scope.paginate(
            search_pages(filters), page_token=page_token, limit=SEARCH_RESULT_CAP
        )

    def get(
        self,
        product_id: str,
        *,
        return_under_review_version: bool | None = None,
        return_draft_version: bool | None = None,
        locale: str | None = None,
    ) -> Product:
        """One product with its SKUs, prices, stock and review state.

        ``return_under_review_version`` / ``return_draft_version`` read the edit under review
        or the draft instead of the live listing; ``locale`` (e.g. ``"ja-JP"``) their language.
        """
        spec = get_spec(
            product_id,
            return_under_review_version=return_under_review_version,
            return_draft_version=return_draft_version,
            locale=locale,
        )
        return self._scope.request(spec)

    def create(
        self, product: dict[str, Any], *, idempotency_key: str | None = None
    ) -> CreatedProduct:
        """Create a product (it then goes to TikTok's review); safe to retry with a key."""
        return self._scope.request(create_spec(product, idempotency_key))

    def partial_edit(self, product_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Replace the given top-level fields of a product; others stay as they are."""
        return self._scope.request(partial_edit_spec(product_id, changes))

    def update_price(self, product_id: str, prices: Sequence[PriceUpdate]) -> None:
        """New prices for some SKUs of a product (published without review)."""
        self._scope.request(price_spec(product_id, prices))

    def activate(
        self,
        product_ids: Sequence[str],
        *,
        listing_platforms: Sequence[ListingPlatformName] | None = None,
    ) -> BatchResult:
        """Re-list deactivated products (they pass review again); failures per product."""
        return self._scope.request(status_spec("activate", product_ids, listing_platforms))

    def deactivate(
        self,
        product_ids: Sequence[str],
        *,
        listing_platforms: Sequence[ListingPlatformName] | None = None,
    ) -> BatchResult:
        """Pause products (停止中); failures per product (``listing_platforms``: Tokopedia)."""
        return self._scope.request(status_spec("deactivate", product_ids, listing_platforms))

    def delete(self, product_ids: Sequence[str]) -> BatchResult:
        """Delete products (status DELETED; frozen ones cannot be); failures per product."""
        return self._scope.request(delete_spec(product_ids))

    def recover(self, product_ids: Sequence[str]) -> BatchResult:
        """Bring deleted products back; failures per product."""
        return self._scope.request(recover_spec(product_ids))

    def search_inventory(
        self, *, product_ids: Sequence[str] | None = None, sku_ids: Sequence[str] | None = None
    ) -> list[InventoryRecord]:
        """Stock per SKU and warehouse, in as many calls of 100 products or 600 SKUs as needed."""
        found: list[InventoryRecord] = []
        for spec in inventory_search_specs(product_ids, sku_ids):
            batch: list[InventoryRecord] = self._scope.request(spec)
            found += batch
        return found

    def update_inventory(self, product_id: str, updates: Sequence[InventoryUpdate]) -> BatchResult:
        """Set stock per SKU and warehouse; never changes the listing status."""
        return self._scope.request(inventory_spec(product_id, updates))

    def upload_image(
        self, content: bytes, *, filename: str = "image.jpg", use_case: str = "MAIN_IMAGE"
    ) -> UploadedImage:
        """Upload a product image; use the returned ``uri`` in ``main_images``."""
        return self._scope.request(upload_spec(content, filename, use_case))

    def categories(self, **filters: Unpack[CategoryFilters]) -> list[Category]:
        """The shop's categories with leaf flags and permissions (``locale="ja-JP"``)."""
        return self._scope.request(categories_spec(filters))

    def attributes(
        self, category_id: str, *, category_version: str | None = None, locale: str | None = None
    ) -> list[CategoryAttribute]:
        """A leaf category's product and sales attributes, value lists and required flags."""
        spec = attributes_spec(category_id, category_version=category_version, locale=locale)
        return self._scope.request(spec)

    def category_rules(
        self, category_id: str, *, category_version: str | None = None, locale: str | None = None
    ) -> CategoryRules:
        """A leaf category's rules: size chart, certifications, package dimensions, COD."""
        spec = category_rules_spec(category_id, category_version=category_version, locale=locale)
        return self._scope.request(spec)

    def brands(
        self,
        *,
        category_id: str | None = None,
        is_authorized: bool | None = None,
        brand_name: str | None = None,
        category_version: str | None = None,
        page_size: int = 100,
        page_token: str | None = None,
    ) -> SyncPager[ShopBrand]:
        """The brands the shop may use; with ``category_id``, their availability there."""
        pages = brands_pages(
            category_id=category_id,
            is_authorized=is_authorized,
            brand_name=brand_name,
            category_version=category_version,
            page_size=page_size,
        )
        return self._scope.paginate(pages, page_token=page_token)

    def recommend_category(
        self,
        product_title: str,
        *,
        description: str | None = None,
        image_uris: Sequence[str] = (),
        category_version: str | None = None,
        listing_platform: str | None = None,
        include_prohibited_categories: bool | None = None,
    ) -> CategoryRecommendation:
        """TikTok's recommended leaf category for a title, with its path and permissions."""
        spec = recommend_category_spec(
            product_title,
            description=description,
            image_uris=image_uris,
            category_version=category_version,
            listing_platform=listing_platform,
            include_prohibited_categories=include_prohibited_categories,
        )
        return self._scope.request(spec)

    def prerequisites(self) -> ListingPrerequisites:
        """Whether the shop can list at all (warehouses, delivery options, bank account...)."""
        return self._scope.request(prerequisites_spec())

    def check_listing(
        self, product: dict[str, Any], *, is_diagnosis_required: bool | None = None
    ) -> ListingCheck:
        """TikTok's dry run of :meth:`create`: PASS, or the codes Create Product would fail with."""
        spec = check_listing_spec(product, is_diagnosis_required=is_diagnosis_required)
        return self._scope.request(spec)

    def edit(self, product_id: str, product: dict[str, Any]) -> EditedProduct:
        """Replace a whole product (omitted optional fields are cleared); re-reviewed."""
        return self._scope.request(edit_spec(product_id, product))


class AsyncProducts(AsyncResource):
    """A shop's products (商品), prices and stock."""

    def search(
        self, *, page_token: str | None = None, **filters: Unpack[ProductSearchFilters]
    ) -> AsyncPager[Product]:
        """Products matching ``filters``; raises SearchLimitError past TikTok's 10,000 cap."""
        return self._scope.paginate(
            search_pages(filters), page_token=page_token, limit=SEARCH_RESULT_CAP
        )

    async def get(
        self,
        product_id: str,
        *,
        return_under_review_version: bool | None = None,
        return_draft_version: bool | None = None,
        locale: str | None = None,
    ) -> Product:
        """One product with its SKUs, prices, stock and review state.

        ``return_under_review_version`` / ``return_draft_version`` read the edit under review
        or the draft instead of the live listing; ``locale`` (e.g. ``"ja-JP"``) their language.
        """
        spec = get_spec(
            product_id,
            return_under_review_version=return_under_review_version,
            return_draft_version=return_draft_version,
            locale=locale,
        )
        return await self._scope.request(spec)

    async def create(
        self, product: dict[str, Any], *, idempotency_key: str | None = None
    ) -> CreatedProduct:
        """Create a product (it then goes to TikTok's review); safe to retry with a key."""
        return await self._scope.request(create_spec(product, idempotency_key))

    async def partial_edit(self, product_id: str, changes: dict[str, Any]) -> dict[str, Any]:
        """Replace the given top-level fields of a product; others stay as they are."""
        return await self._scope.request(partial_edit_spec(product_id, changes))

    async def update_price(self, product_id: str, prices: Sequence[PriceUpdate]) -> None:
        """New prices for some SKUs of a product (published without review)."""
        await self._scope.request(price_spec(product_id, prices))

    async def activate(
        self,
        product_ids: Sequence[str],
        *,
        listing_platforms: Sequence[ListingPlatformName] | None = None,
    ) -> BatchResult:
        """Re-list deactivated products (they pass review again); failures per product."""
        return await self._scope.request(status_spec("activate", product_ids, listing_platforms))

    async def deactivate(
        self,
        product_ids: Sequence[str],
        *,
        listing_platforms: Sequence[ListingPlatformName] | None = None,
    ) -> BatchResult:
        """Pause products (停止中); failures per product (``listing_platforms``: Tokopedia)."""
        return await self._scope.request(status_spec("deactivate", product_ids, listing_platforms))

    async def delete(self, product_ids: Sequence[str]) -> BatchResult:
        """Delete products (status DELETED; frozen ones cannot be); failures per product."""
        return await self._scope.request(delete_spec(product_ids))

    async def recover(self, product_ids: Sequence[str]) -> BatchResult:
        """Bring deleted products back; failures per product."""
        return await self._scope.request(recover_spec(product_ids))

    async def search_inventory(
        self, *, product_ids: Sequence[str] | None = None, sku_ids: Sequence[str] | None = None
    ) -> list[InventoryRecord]:
        """Stock per SKU and warehouse, in as many calls of 100 products or 600 SKUs as needed."""
        found: list[InventoryRecord] = []
        for spec in inventory_search_specs(product_ids, sku_ids):
            batch: list[InventoryRecord] = await self._scope.request(spec)
            found += batch
        return found

    async def update_inventory(
        self, product_id: str, updates: Sequence[InventoryUpdate]
    ) -> BatchResult:
        """Set stock per SKU and warehouse; never changes the listing status."""
        return await self._scope.request(inventory_spec(product_id, updates))

    async def upload_image(
        self, content: bytes, *, filename: str = "image.jpg", use_case: str = "MAIN_IMAGE"
    ) -> UploadedImage:
        """Upload a product image; use the returned ``uri`` in ``main_images``."""
        return await self._scope.request(upload_spec(content, filename, use_case))

    async def categories(self, **filters: Unpack[CategoryFilters]) -> list[Category]:
        """The shop's categories with leaf flags and permissions (``locale="ja-JP"``)."""
        return await self._scope.request(categories_spec(filters))

    async def attributes(
        self, category_id: str, *, category_version: str | None = None, locale: str | None = None
    ) -> list[CategoryAttribute]:
        """A leaf category's product and sales attributes, value lists and required flags."""
        spec = attributes_spec(category_id, category_version=category_version, locale=locale)
        return await self._scope.request(spec)

    async def category_rules(
        self, category_id: str, *, category_version: str | None = None, locale: str | None = None
    ) -> CategoryRules:
        """A leaf category's rules: size chart, certifications, package dimensions, COD."""
        spec = category_rules_spec(category_id, category_version=category_version, locale=locale)
        return await self._scope.request(spec)

    def brands(
        self,
        *,
        category_id: str | None = None,
        is_authorized: bool | None = None,
        brand_name: str | None = None,
        category_version: str | None = None,
        page_size: int = 100,
        page_token: str | None = None,
    ) -> AsyncPager[ShopBrand]:
        """The brands the shop may use; with ``category_id``, their availability there."""
        pages = brands_pages(
            category_id=category_id,
            is_authorized=is_authorized,
            brand_name=brand_name,
            category_version=category_version,
            page_size=page_size,
        )
        return self._scope.paginate(pages, page_token=page_token)

    async def recommend_category(
        self,
        product_title: str,
        *,
        description: str | None = None,
        image_uris: Sequence[str] = (),
        category_version: str | None = None,
        listing_platform: str | None = None,
        include_prohibited_categories: bool | None = None,
    ) -> CategoryRecommendation:
        """TikTok's recommended leaf category for a title, with its path and permissions."""
        spec = recommend_category_spec(
            product_title,
            description=description,
            image_uris=image_uris,
            category_version=category_version,
            listing_platform=listing_platform,
            include_prohibited_categories=include_prohibited_categories,
        )
        return await self._scope.request(spec)

    async def prerequisites(self) -> ListingPrerequisites:
        """Whether the shop can list at all (warehouses, delivery options, bank account...)."""
        return await self._scope.request(prerequisites_spec())

    async def check_listing(
        self, product: dict[str, Any], *, is_diagnosis_required: bool | None = None
    ) -> ListingCheck:
        """TikTok's dry run of :meth:`create`: PASS, or the codes Create Product would fail with."""
        spec = check_listing_spec(product, is_diagnosis_required=is_diagnosis_required)
        return await self._scope.request(spec)

    async def edit(self, product_id: str, product: dict[str, Any]) -> EditedProduct:
        """Replace a whole product (omitted optional fields are cleared); re-reviewed."""
        return await self._scope.request(edit_spec(product_id, product))
