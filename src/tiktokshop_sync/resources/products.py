"""Products: search (capped at 10,000 results by TikTok), detail, create, edit, price,
activation, deletion and recovery, inventory, and image upload.

Inventory updates change quantities only: they never touch a listing's status, so a product
the seller paused (SELLER_DEACTIVATED, 停止中) stays paused however often stock is pushed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from typing_extensions import NotRequired, TypedDict, Unpack

from .._core.pagination import AsyncPager, SpecFactory, SyncPager
from .._core.request import Cipher, RequestSpec, Upload
from .._core.resource import AsyncResource, SyncResource
from ..types.product import (
    BatchResult,
    CreatedProduct,
    InventoryRecord,
    Product,
    ProductStatus,
    UploadedImage,
)
from . import _params
from ._search import paged_search

__all__ = [
    "AsyncProducts",
    "InventoryUpdate",
    "PriceUpdate",
    "ProductSearchFilters",
    "Products",
    "WarehouseQuantity",
]

SEARCH_RESULT_CAP = 10_000
MAX_PRODUCT_PAGE = 100
MAX_IDS_PER_BATCH = 20
_READ = "seller.product.basic"
_WRITE = "seller.product.write"
_DELETE = "seller.product.delete"


class ProductSearchFilters(TypedDict, total=False):
    """Filters for :meth:`Products.search`; times are aware datetimes."""

    status: ProductStatus | str
    seller_skus: Sequence[str]
    sku_ids: Sequence[str]
    create_time_ge: datetime
    create_time_le: datetime
    update_time_ge: datetime
    update_time_le: datetime
    category_version: Literal["v1", "v2"]
    page_size: int


class WarehouseQuantity(TypedDict):
    """Stock of a SKU in one warehouse."""

    warehouse_id: str
    quantity: int


class InventoryUpdate(TypedDict):
    """New stock of one SKU; list every warehouse the SKU is assigned to."""

    sku_id: str
    inventory: Sequence[WarehouseQuantity]


class PriceUpdate(TypedDict):
    """New price of one SKU (JPY has no minor unit: "1980")."""

    sku_id: str
    amount: str
    currency: NotRequired[str]


def _product(data: Any) -> Product:
    return Product.model_validate(data or {})


def search_pages(filters: ProductSearchFilters) -> SpecFactory[Product]:
    """Validate product search filters once; the per-page request builder."""
    _params.known_keys("product search filter", filters, ProductSearchFilters)
    size = _params.page_size(filters.get("page_size", MAX_PRODUCT_PAGE), maximum=MAX_PRODUCT_PAGE)
    body: dict[str, Any] = {
        **_params.time_window(
            "create_time", filters.get("create_time_ge"), filters.get("create_time_le"), lt_key="le"
        ),
        **_params.time_window(
            "update_time", filters.get("update_time_ge"), filters.get("update_time_le"), lt_key="le"
        ),
    }
    if "status" in filters:
        body["status"] = str(filters["status"])
    for key in ("seller_skus", "sku_ids"):
        if key in filters:
            values = _params.ids(key, filters[key])
            if len(values) > 10:
                raise _params.InvalidArgumentError(f"{key} takes at most 10 values per search.")
            body[key] = values
    if "category_version" in filters:
        body["category_version"] = filters["category_version"]

    return paged_search(
        path="/product/202502/products/search",
        items_key="products",
        model=Product,
        body=body,
        query={"page_size": size},
        scope=_READ,
    )


def get_spec(product_id: str) -> RequestSpec[Product]:
    """GET /product/202309/products/{product_id}."""
    pid = _params.path_id("product_id", product_id)
    return RequestSpec(
        method="GET",
        path=f"/product/202309/products/{pid}",
        idempotent=True,
        scope=_READ,
        parse=_product,
    )


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
    return RequestSpec(
        method="POST",
        path="/product/202309/products",
        json=body,
        idempotent=idempotency_key is not None,
        scope=_WRITE,
        parse=lambda data: CreatedProduct.model_validate(data or {}),
    )


def partial_edit_spec(product_id: str, changes: dict[str, Any]) -> RequestSpec[dict[str, Any]]:
    """POST /product/202509/products/{product_id}/partial_edit (top-level fields replaced)."""
    pid = _params.path_id("product_id", product_id)
    if not changes:
        raise _params.InvalidArgumentError("partial_edit needs at least one field to change.")
    return RequestSpec(
        method="POST",
        path=f"/product/202509/products/{pid}/partial_edit",
        json=changes,
        idempotent=True,
        scope=_WRITE,
        parse=lambda data: dict(data or {}),
    )


def price_spec(product_id: str, prices: Sequence[PriceUpdate]) -> RequestSpec[None]:
    """POST /product/202309/products/{product_id}/prices/update."""
    pid = _params.path_id("product_id", product_id)
    checked = [_params.record("a price update", p, PriceUpdate) for p in prices]
    skus = [
        {
            "id": _params.path_id("sku_id", p["sku_id"]),
            "price": {"amount": str(p["amount"]), "currency": p.get("currency", "JPY")},
        }
        for p in checked
    ]
    if not skus:
        raise _params.InvalidArgumentError("update_price needs at least one SKU.")
    return RequestSpec(
        method="POST",
        path=f"/product/202309/products/{pid}/prices/update",
        json={"skus": skus},
        idempotent=True,
        scope=_WRITE,
        parse=lambda _data: None,
    )


def _batch(data: Any) -> BatchResult:
    return BatchResult.model_validate(data or {})


def status_spec(
    action: Literal["activate", "deactivate"], product_ids: Sequence[str]
) -> RequestSpec[BatchResult]:
    """POST /product/202309/products/{activate|deactivate} (at most 20 ids)."""
    ids = _params.ids("product_ids", product_ids)
    if not 1 <= len(ids) <= MAX_IDS_PER_BATCH:
        raise _params.InvalidArgumentError(
            f"{action} takes 1 to {MAX_IDS_PER_BATCH} product ids per call."
        )
    return RequestSpec(
        method="POST",
        path=f"/product/202309/products/{action}",
        json={"product_ids": ids},
        idempotent=True,
        scope=_READ,
        parse=_batch,
    )


def _batch_ids(action: str, product_ids: Sequence[str]) -> list[str]:
    ids = _params.ids("product_ids", product_ids)
    if not 1 <= len(ids) <= MAX_IDS_PER_BATCH:
        raise _params.InvalidArgumentError(
            f"{action} takes 1 to {MAX_IDS_PER_BATCH} product ids per call."
        )
    return ids


def delete_spec(product_ids: Sequence[str]) -> RequestSpec[BatchResult]:
    """DELETE /product/202309/products with a JSON body (at most 20 ids); never retried."""
    return RequestSpec(
        method="DELETE",
        path="/product/202309/products",
        json={"product_ids": _batch_ids("delete", product_ids)},
        scope=_DELETE,
        parse=_batch,
    )


def recover_spec(product_ids: Sequence[str]) -> RequestSpec[BatchResult]:
    """POST /product/202309/products/recover: bring deleted products back (at most 20 ids)."""
    return RequestSpec(
        method="POST",
        path="/product/202309/products/recover",
        json={"product_ids": _batch_ids("recover", product_ids)},
        scope=_DELETE,
        parse=_batch,
    )


def inventory_spec(product_id: str, updates: Sequence[InventoryUpdate]) -> RequestSpec[BatchResult]:
    """POST /product/202309/products/{product_id}/inventory/update: quantities only."""
    pid = _params.path_id("product_id", product_id)
    skus = []
    for given in updates:
        update = _params.record("an inventory update", given, InventoryUpdate)
        rows = []
        for given_row in update["inventory"]:
            row = _params.record("an inventory row", given_row, WarehouseQuantity)
            quantity = row["quantity"]
            if (
                isinstance(quantity, bool)
                or not isinstance(quantity, int)
                or not 0 <= quantity <= 99_999
            ):
                raise _params.InvalidArgumentError(
                    f"quantity must be a whole number from 0 to 99,999, got {quantity!r}."
                )
            rows.append(
                {
                    "warehouse_id": _params.path_id("warehouse_id", row["warehouse_id"]),
                    "quantity": quantity,
                }
            )
        skus.append({"id": _params.path_id("sku_id", update["sku_id"]), "inventory": rows})
    if not skus:
        raise _params.InvalidArgumentError("update_inventory needs at least one SKU.")
    return RequestSpec(
        method="POST",
        path=f"/product/202309/products/{pid}/inventory/update",
        json={"skus": skus},
        idempotent=True,
        scope=_WRITE,
        parse=_batch,
    )


def inventory_search_spec(
    product_ids: Sequence[str] | None, sku_ids: Sequence[str] | None
) -> RequestSpec[list[InventoryRecord]]:
    """POST /product/202309/inventory/search by product or SKU ids."""
    body: dict[str, Any] = {}
    if product_ids is not None:
        body["product_ids"] = _params.ids("product_ids", product_ids)
    if sku_ids is not None:
        body["sku_ids"] = _params.ids("sku_ids", sku_ids)
    if not body:
        raise _params.InvalidArgumentError("search_inventory needs product_ids or sku_ids.")

    def parse(data: Any) -> list[InventoryRecord]:
        # TikTok answers inventory[{product_id, skus[{id, seller_sku, ...}]}]: one record per SKU.
        records = []
        for entry in (data or {}).get("inventory") or []:
            product_id = entry.get("product_id", "")
            for sku in entry.get("skus") or []:
                fields = {k: v for k, v in sku.items() if k != "id"}
                records.append(
                    InventoryRecord.model_validate(
                        {**fields, "product_id": product_id, "sku_id": sku.get("id", "")}
                    )
                )
        return records

    return RequestSpec(
        method="POST",
        path="/product/202309/inventory/search",
        json=body,
        idempotent=True,
        scope=_READ,
        parse=parse,
    )


def upload_spec(content: bytes, filename: str, use_case: str) -> RequestSpec[UploadedImage]:
    """POST /product/202309/images/upload (multipart: the body is not signed; no cipher)."""
    if not content:
        raise _params.InvalidArgumentError("upload_image needs the image bytes.")
    return RequestSpec(
        method="POST",
        path="/product/202309/images/upload",
        form={"use_case": use_case},
        files=(
            Upload(
                field="data", filename=filename, content=content, content_type=_image_type(filename)
            ),
        ),
        cipher=Cipher.FORBIDDEN,
        scope=_READ,
        parse=lambda data: UploadedImage.model_validate(data or {}),
    )


def _image_type(filename: str) -> str:
    lower = filename.lower()
    if lower.endswith(".png"):
        return "image/png"
    if lower.endswith(".webp"):
        return "image/webp"
    return "image/jpeg"


class Products(SyncResource):
    """A shop's products (商品), prices and stock."""

    def search(
        self, *, page_token: str | None = None, **filters: Unpack[ProductSearchFilters]
    ) -> SyncPager[Product]:
        """Products matching ``filters``; raises SearchLimitError past TikTok's 10,000 cap."""
        return self._scope.paginate(
            search_pages(filters), page_token=page_token, limit=SEARCH_RESULT_CAP
        )

    def get(self, product_id: str) -> Product:
        """One product with its SKUs, prices, stock and review state."""
        return self._scope.request(get_spec(product_id))

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

    def activate(self, product_ids: Sequence[str]) -> BatchResult:
        """Re-list deactivated products (they pass review again); failures per product."""
        return self._scope.request(status_spec("activate", product_ids))

    def deactivate(self, product_ids: Sequence[str]) -> BatchResult:
        """Pause products (停止中); failures per product."""
        return self._scope.request(status_spec("deactivate", product_ids))

    def delete(self, product_ids: Sequence[str]) -> BatchResult:
        """Delete products (status DELETED; frozen ones cannot be); failures per product."""
        return self._scope.request(delete_spec(product_ids))

    def recover(self, product_ids: Sequence[str]) -> BatchResult:
        """Bring deleted products back; failures per product."""
        return self._scope.request(recover_spec(product_ids))

    def search_inventory(
        self, *, product_ids: Sequence[str] | None = None, sku_ids: Sequence[str] | None = None
    ) -> list[InventoryRecord]:
        """Stock per SKU and warehouse."""
        return self._scope.request(inventory_search_spec(product_ids, sku_ids))

    def update_inventory(self, product_id: str, updates: Sequence[InventoryUpdate]) -> BatchResult:
        """Set stock per SKU and warehouse; never changes the listing status."""
        return self._scope.request(inventory_spec(product_id, updates))

    def upload_image(
        self, content: bytes, *, filename: str = "image.jpg", use_case: str = "MAIN_IMAGE"
    ) -> UploadedImage:
        """Upload a product image; use the returned ``uri`` in ``main_images``."""
        return self._scope.request(upload_spec(content, filename, use_case))


class AsyncProducts(AsyncResource):
    """A shop's products (商品), prices and stock."""

    def search(
        self, *, page_token: str | None = None, **filters: Unpack[ProductSearchFilters]
    ) -> AsyncPager[Product]:
        """Products matching ``filters``; raises SearchLimitError past TikTok's 10,000 cap."""
        return self._scope.paginate(
            search_pages(filters), page_token=page_token, limit=SEARCH_RESULT_CAP
        )

    async def get(self, product_id: str) -> Product:
        """One product with its SKUs, prices, stock and review state."""
        return await self._scope.request(get_spec(product_id))

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

    async def activate(self, product_ids: Sequence[str]) -> BatchResult:
        """Re-list deactivated products (they pass review again); failures per product."""
        return await self._scope.request(status_spec("activate", product_ids))

    async def deactivate(self, product_ids: Sequence[str]) -> BatchResult:
        """Pause products (停止中); failures per product."""
        return await self._scope.request(status_spec("deactivate", product_ids))

    async def delete(self, product_ids: Sequence[str]) -> BatchResult:
        """Delete products (status DELETED; frozen ones cannot be); failures per product."""
        return await self._scope.request(delete_spec(product_ids))

    async def recover(self, product_ids: Sequence[str]) -> BatchResult:
        """Bring deleted products back; failures per product."""
        return await self._scope.request(recover_spec(product_ids))

    async def search_inventory(
        self, *, product_ids: Sequence[str] | None = None, sku_ids: Sequence[str] | None = None
    ) -> list[InventoryRecord]:
        """Stock per SKU and warehouse."""
        return await self._scope.request(inventory_search_spec(product_ids, sku_ids))

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
