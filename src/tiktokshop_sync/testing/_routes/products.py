"""Products: search, get, create, edit, price, (de)activate, delete and recover, inventory,
images (§5.8).

Update Inventory and Update Price change quantities and prices and nothing else, and only for
``ACTIVATE`` products ("The SKU ID must belong to a product with the ACTIVATE status",
update-inventory.spec.json and update-price.spec.json): a paused (SELLER_DEACTIVATED) product
is refused with 12052901 and stays paused. Batch calls answer ``code`` 0 and list per-item
failures in ``data.errors[]``.
"""

from __future__ import annotations

import email.parser
import email.policy
import struct
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from tiktokshop_sync.testing._catalog import PRODUCT_STATUSES, FakeProduct, FakeProductSku
from tiktokshop_sync.testing._errors import (
    CHECK_FAILED,
    CREATE_TIME_INVALID,
    FILE_TOO_LARGE,
    INVALID_PARAM,
    INVENTORY_SKUS_LIMIT,
    LIST_PRICE_UNSUPPORTED,
    MULTIPART_REQUIRED,
    PAGE_SIZE_INVALID,
    PRODUCT_IDS_LIMIT,
    PRODUCT_NOT_FOUND,
    PRODUCT_NOT_IN_SHOP,
    PRODUCT_PARAMS,
    PRODUCT_STATUS_BLOCKS,
    QUANTITY_OUT_OF_RANGE,
    SEARCH_CAP,
    SELLER_SKUS_LIMIT,
    SKU_IDS_LIMIT,
    SKU_LIST_EMPTY,
    SKU_NOT_IN_PRODUCT,
    SKU_UNKNOWN,
    UPDATE_TIME_INVALID,
    WAREHOUSE_DOES_NOT_EXIST,
    WAREHOUSES_CHANGED,
    WAREHOUSES_INCOMPLETE,
    ErrorSpec,
)
from tiktokshop_sync.testing._router import RouteContext, RouteGroup
from tiktokshop_sync.testing._routes._common import int_field, keyset_page, page_size, str_list

__all__ = ["routes"]

routes = RouteGroup()

_READ = "seller.product.basic"
_WRITE = "seller.product.write"
_DELETE = "seller.product.delete"
SEARCH_CAP_RESULTS: Final = 10_000
MAX_STATUS_IDS: Final = 20
MAX_SKUS: Final = 300  # JP allows up to 300 SKUs per product [doc]
JPY_RANGE: Final = (1, 500_000)  # JP price range [doc]
MAX_QUANTITY: Final = 99_999
MAX_IMAGE_BYTES: Final = 5 * 1024 * 1024  # [inferred]: TikTok's limit is not in our sources
_UNEDITABLE: Final = frozenset({"DELETED", "FREEZE"})
_USE_CASES: Final = (
    "MAIN_IMAGE",
    "ATTRIBUTE_IMAGE",
    "DESCRIPTION_IMAGE",
    "CERTIFICATION_IMAGE",
    "SIZE_CHART_IMAGE",
)


# --- parsing helpers ------------------------------------------------------------------------


def _product(ctx: RouteContext, *, editable: bool = False, live: bool = False) -> FakeProduct:
    product = ctx.state.catalog.get(ctx.require_shop().id, ctx.params["product_id"])
    if product is None:
        raise PRODUCT_NOT_FOUND.error()
    if editable and product.status in _UNEDITABLE:
        raise PRODUCT_STATUS_BLOCKS.error()
    if live and product.status != "ACTIVATE":
        raise PRODUCT_STATUS_BLOCKS.error()
    return product


def _price(value: Any) -> int:
    """A JPY price object ``{amount|sale_price, currency}`` as whole yen within [1, 500,000].

    ``sale_price`` wins when both are given: "the definitive final price shown on the product
    page, all other prices will be ignored" (update-price.spec.json).
    """
    if not isinstance(value, dict) or value.get("currency", "JPY") != "JPY":
        raise PRODUCT_PARAMS.error()
    raw = value.get("sale_price", value.get("amount"))
    try:
        amount = Decimal(str(raw))
    except InvalidOperation:
        raise PRODUCT_PARAMS.error() from None
    if amount != amount.to_integral_value() or not JPY_RANGE[0] <= amount <= JPY_RANGE[1]:
        raise PRODUCT_PARAMS.error()
    return int(amount)


def _quantity(value: Any) -> int | None:
    """A stock quantity in [0, 99,999], else None.

    The doc says from 1, but 0 (sold out) is accepted in practice: the evidence is in
    docs/guides/inventory.md, "Zero and the range".
    """
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_QUANTITY:
        return None
    return value


def _images(body: dict[str, Any]) -> list[str]:
    images = body.get("main_images")
    if not isinstance(images, list) or not 1 <= len(images) <= 9:
        raise PRODUCT_PARAMS.error()
    uris = [image.get("uri") if isinstance(image, dict) else None for image in images]
    if not all(isinstance(uri, str) and uri for uri in uris):
        raise PRODUCT_PARAMS.error()
    return [str(uri) for uri in uris]


def _text(body: dict[str, Any], name: str, limit: int) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= limit:
        raise PRODUCT_PARAMS.error()
    return value.strip()


def _category(body: dict[str, Any]) -> str:
    value = body.get("category_id")
    if not isinstance(value, str) or not value.isdigit():
        raise PRODUCT_PARAMS.error()
    return value


def _item_error(spec: ErrorSpec, **detail: Any) -> dict[str, Any]:
    return {"code": spec.code, "message": spec.message, "detail": detail}


def _check_failed(spec: ErrorSpec, **detail: Any) -> dict[str, Any]:
    """TikTok's nested shape: 12052990 "Check failed" with the real cause in ``extra_errors``."""
    where = {k: v for k, v in detail.items() if k == "warehouse_id"}
    outer = {k: v for k, v in detail.items() if k != "warehouse_id"}
    extra = {**where, "code": spec.code, "message": spec.message}
    return _item_error(CHECK_FAILED, **outer, extra_errors=[extra])


# --- search and read ------------------------------------------------------------------------


def _bound(body: dict[str, Any], prefix: str, error: ErrorSpec) -> tuple[int | None, int | None]:
    low = int_field(body, f"{prefix}_ge", error)
    high = int_field(body, f"{prefix}_le", error)
    if low is not None and high is not None and low > high:
        raise error.error()
    return low, high


@routes.post(
    "/product/202502/products/search",
    scope=_READ,
    cipher="required",
    errors=(
        PRODUCT_PARAMS,
        PAGE_SIZE_INVALID,
        SELLER_SKUS_LIMIT,
        SKU_IDS_LIMIT,
        CREATE_TIME_INVALID,
        UPDATE_TIME_INVALID,
        SEARCH_CAP,
    ),
)
def search_products(ctx: RouteContext) -> object:
    """Search Products: filters in the body, 1-100 a page, at most 10,000 results in all."""
    shop = ctx.require_shop()
    size = page_size(ctx, 1, 100, PAGE_SIZE_INVALID)
    body = ctx.json_body()
    status = body.get("status") or "ALL"
    if status != "ALL" and status not in PRODUCT_STATUSES:
        raise PRODUCT_PARAMS.error()
    seller_skus = str_list(
        body, "seller_skus", PRODUCT_PARAMS, limit=10, limit_error=SELLER_SKUS_LIMIT
    )
    sku_ids = str_list(body, "sku_ids", PRODUCT_PARAMS, limit=10, limit_error=SKU_IDS_LIMIT)
    created = _bound(body, "create_time", CREATE_TIME_INVALID)
    updated = _bound(body, "update_time", UPDATE_TIME_INVALID)
    version = body.get("category_version")
    if version is not None and version not in ("v1", "v2"):
        raise PRODUCT_PARAMS.error()

    def matches(product: FakeProduct) -> bool:
        create = int(product.create_time.timestamp())
        update = int(product.update_time.timestamp())
        checks = (
            product.status == status if status != "ALL" else product.status != "DELETED",
            not seller_skus or any(s.seller_sku in seller_skus for s in product.skus),
            not sku_ids or any(s.id in sku_ids for s in product.skus),
            created[0] is None or create >= created[0],
            created[1] is None or create <= created[1],
            updated[0] is None or update >= updated[0],
            updated[1] is None or update <= updated[1],
            version is None or product.category_version == version,
        )
        return all(checks)

    def key(product: FakeProduct) -> tuple[int, str]:
        return int(product.create_time.timestamp()), product.id

    found = sorted(
        (p for p in ctx.state.catalog.of_shop(shop.id) if matches(p)), key=key, reverse=True
    )
    page, token = keyset_page(
        ctx,
        found,
        key,
        size=size,
        tag="products",
        descending=True,
        error=PRODUCT_PARAMS,
        cap=SEARCH_CAP_RESULTS,
        cap_error=SEARCH_CAP,
    )
    return {
        "total_count": len(found),
        "products": [p.to_search_wire() for p in page],
        "next_page_token": token,
    }


@routes.get(
    "/product/202309/products/{product_id}",
    scope=_READ,
    cipher="required",
    errors=(PRODUCT_NOT_FOUND, PRODUCT_STATUS_BLOCKS),
)
def get_product(ctx: RouteContext) -> object:
    """Get Product: every status, FREEZE and DELETED included."""
    return _product(ctx).to_detail_wire()


# --- create and edit ------------------------------------------------------------------------


def _new_skus(
    ctx: RouteContext, raw: Any
) -> list[tuple[str, int, dict[str, int], list[dict[str, str]]]]:
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_SKUS:
        raise PRODUCT_PARAMS.error()
    logistics = ctx.state.logistics[ctx.require_shop().id]
    sales = {w.id for w in logistics.sales_warehouses()}
    skus = []
    for sku in raw:
        if not isinstance(sku, dict):
            raise PRODUCT_PARAMS.error()
        seller_sku = sku.get("seller_sku", "")
        if not isinstance(seller_sku, str):
            raise PRODUCT_PARAMS.error()
        price = _price(sku.get("price"))
        rows = sku.get("inventory")
        if not isinstance(rows, list) or not rows:
            raise PRODUCT_PARAMS.error()
        inventory: dict[str, int] = {}
        for row in rows:
            warehouse = row.get("warehouse_id") if isinstance(row, dict) else None
            if warehouse not in sales:
                raise WAREHOUSE_DOES_NOT_EXIST.error()
            quantity = _quantity(row.get("quantity"))
            if quantity is None:
                raise QUANTITY_OUT_OF_RANGE.error()
            inventory[str(warehouse)] = quantity
        attributes = sku.get("sales_attributes") or []
        if not isinstance(attributes, list) or not all(isinstance(a, dict) for a in attributes):
            raise PRODUCT_PARAMS.error()
        skus.append(
            (
                seller_sku,
                price,
                inventory,
                [{str(k): str(v) for k, v in a.items()} for a in attributes],
            )
        )
    return skus


def _created_wire(product: FakeProduct) -> dict[str, Any]:
    return {
        "product_id": product.id,
        "skus": [
            {
                "id": sku.id,
                "seller_sku": sku.seller_sku,
                "sales_attributes": [dict(a) for a in sku.sales_attributes],
                "external_sku_id": "",
            }
            for sku in product.skus
        ],
        "warnings": [],
    }


@routes.post(
    "/product/202309/products",
    scope=_WRITE,
    cipher="required",
    errors=(PRODUCT_PARAMS, WAREHOUSE_DOES_NOT_EXIST, QUANTITY_OUT_OF_RANGE),
)
def create_product(ctx: RouteContext) -> object:
    """Create Product: PENDING review (DRAFT with save_mode AS_DRAFT); idempotency_key honoured."""
    shop = ctx.require_shop()
    body = ctx.json_body()
    key = body.get("idempotency_key")
    if key is not None and not isinstance(key, str):
        raise PRODUCT_PARAMS.error()
    catalog = ctx.state.catalog
    if key and (shop.id, key) in catalog.idempotency:
        return _created_wire(catalog.idempotency[(shop.id, key)])
    title = _text(body, "title", 255)
    description = _text(body, "description", 10_000)
    category_id = _category(body)
    version = body.get("category_version", "v1")
    save_mode = body.get("save_mode", "LISTING")
    if version not in ("v1", "v2") or save_mode not in ("LISTING", "AS_DRAFT"):
        raise PRODUCT_PARAMS.error()
    images = _images(body)
    skus = _new_skus(ctx, body.get("skus"))
    weight = body.get("package_weight")
    if weight is not None and not isinstance(weight, dict):
        raise PRODUCT_PARAMS.error()
    product = catalog.create(
        shop.id,
        title=title,
        description=description,
        category_id=category_id,
        category_version=version,
        images=images,
        skus=skus,
        draft=save_mode == "AS_DRAFT",
        package_weight=weight,
        now=ctx.now,
    )
    if key:
        catalog.idempotency[(shop.id, key)] = product
    return _created_wire(product)


def _sku_changes(product: FakeProduct, raw: Any) -> list[tuple[FakeProductSku, dict[str, Any]]]:
    if not isinstance(raw, list) or not raw:
        raise SKU_LIST_EMPTY.error()
    changes = []
    for entry in raw:
        sku = product.sku(entry.get("id", "")) if isinstance(entry, dict) else None
        if sku is None or not isinstance(entry, dict):
            raise SKU_UNKNOWN.error()
        change: dict[str, Any] = {}
        if "price" in entry:
            change["price"] = _price(entry["price"])
        if "seller_sku" in entry:
            if not isinstance(entry["seller_sku"], str):
                raise PRODUCT_PARAMS.error()
            change["seller_sku"] = entry["seller_sku"]
        if "inventory" in entry:
            rows = entry["inventory"]
            if not isinstance(rows, list):
                raise PRODUCT_PARAMS.error()
            inventory = {}
            for row in rows:
                warehouse = row.get("warehouse_id") if isinstance(row, dict) else None
                if warehouse not in sku.inventory:
                    raise WAREHOUSES_CHANGED.error()
                quantity = _quantity(row.get("quantity"))
                if quantity is None:
                    raise QUANTITY_OUT_OF_RANGE.error()
                inventory[str(warehouse)] = quantity
            if set(inventory) != set(sku.inventory):
                raise WAREHOUSES_INCOMPLETE.error()
            change["inventory"] = inventory
        changes.append((sku, change))
    return changes


@routes.post(
    "/product/202509/products/{product_id}/partial_edit",
    scope=_WRITE,
    cipher="required",
    errors=(
        PRODUCT_PARAMS,
        PRODUCT_NOT_FOUND,
        PRODUCT_STATUS_BLOCKS,
        SKU_LIST_EMPTY,
        WAREHOUSES_CHANGED,
        QUANTITY_OUT_OF_RANGE,
    ),
    # Its page lists neither 12052556 nor 12019028 (Update Inventory's) for the same failures.
    instead=((SKU_UNKNOWN, SKU_NOT_IN_PRODUCT), (WAREHOUSES_INCOMPLETE, WAREHOUSES_CHANGED)),
)
def partial_edit_product(ctx: RouteContext) -> object:
    """Partial Edit Product: top-level fields replaced; content edits are re-reviewed."""
    product = _product(ctx, editable=True)
    body = ctx.json_body()
    content: dict[str, Any] = {}
    if "title" in body:
        content["title"] = _text(body, "title", 255)
    if "description" in body:
        content["description"] = _text(body, "description", 10_000)
    if "main_images" in body:
        content["main_images"] = _images(body)
    if "category_id" in body:
        content["category_chain"] = ((_category(body), ""),)
    changes = _sku_changes(product, body["skus"]) if "skus" in body else []
    for name, value in content.items():
        setattr(product, name, value)
    for sku, change in changes:
        for name, value in change.items():
            setattr(sku, name, value)
    product.update_time = ctx.now
    if content:
        ctx.state.catalog.review_edit(product, ctx.now)
    return {
        "product_id": product.id,
        "skus": [{"id": s.id, "seller_sku": s.seller_sku} for s in product.skus],
        "warnings": [],
    }


@routes.post(
    "/product/202309/products/{product_id}/prices/update",
    scope=_WRITE,
    cipher="required",
    errors=(
        PRODUCT_PARAMS,
        PRODUCT_NOT_FOUND,
        PRODUCT_STATUS_BLOCKS,
        SKU_LIST_EMPTY,
        LIST_PRICE_UNSUPPORTED,
    ),
    instead=((SKU_UNKNOWN, SKU_NOT_IN_PRODUCT),),
)
def update_price(ctx: RouteContext) -> object:
    """Update Price: published at once, no review, status untouched; ACTIVATE products only."""
    product = _product(ctx, editable=True, live=True)
    raw = ctx.json_body().get("skus")
    if not isinstance(raw, list) or not raw:
        raise SKU_LIST_EMPTY.error()
    changes = []
    for entry in raw:
        sku = product.sku(entry.get("id", "")) if isinstance(entry, dict) else None
        if sku is None or not isinstance(entry, dict):
            raise SKU_UNKNOWN.error()
        if "list_price" in entry or "external_list_prices" in entry:
            # Both are documented for the US market only; a JP shop is refused [inferred].
            raise LIST_PRICE_UNSUPPORTED.error()
        changes.append((sku, _price(entry.get("price"))))
    for sku, price in changes:
        sku.price = price
    product.update_time = ctx.now
    return {}


# --- status ---------------------------------------------------------------------------------


def _product_ids(ctx: RouteContext) -> list[str]:
    ids = str_list(
        ctx.json_body(),
        "product_ids",
        PRODUCT_PARAMS,
        limit=MAX_STATUS_IDS,
        limit_error=PRODUCT_IDS_LIMIT,
    )
    if not ids:
        raise PRODUCT_PARAMS.error()
    return list(dict.fromkeys(ids))


def _not_in_shop(product_id: str) -> dict[str, Any]:
    extra = {"code": PRODUCT_NOT_IN_SHOP.code, "message": PRODUCT_NOT_IN_SHOP.message}
    return _item_error(CHECK_FAILED, product_id=product_id, extra_errors=[extra])


def _per_product(ctx: RouteContext, change: Callable[[FakeProduct], bool]) -> object:
    """Apply ``change`` to each requested product; False means its status blocks the change."""
    shop = ctx.require_shop()
    catalog = ctx.state.catalog
    errors = []
    for product_id in _product_ids(ctx):
        product = catalog.get(shop.id, product_id)
        if product is None:
            errors.append(_not_in_shop(product_id))
        elif not change(product):
            errors.append(_item_error(PRODUCT_STATUS_BLOCKS, product_id=product_id))
    return {"errors": errors} if errors else {}


@routes.post(
    "/product/202309/products/activate",
    scope=_READ,
    cipher="required",
    errors=(PRODUCT_PARAMS, PRODUCT_IDS_LIMIT),
)
def activate_products(ctx: RouteContext) -> object:
    """Activate Products: deactivated products go back to review (PENDING), then ACTIVATE."""

    def activate(product: FakeProduct) -> bool:
        if product.status in ("SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED"):
            ctx.state.catalog.submit_for_review(product, ctx.now)
            return True
        return product.status in ("ACTIVATE", "PENDING")

    return _per_product(ctx, activate)


@routes.post(
    "/product/202309/products/deactivate",
    scope=_READ,
    cipher="required",
    errors=(PRODUCT_PARAMS, PRODUCT_IDS_LIMIT),
)
def deactivate_products(ctx: RouteContext) -> object:
    """Deactivate Products: ACTIVATE (or PENDING) → SELLER_DEACTIVATED (停止中)."""

    def deactivate(product: FakeProduct) -> bool:
        if product.status in ("ACTIVATE", "PENDING"):
            ctx.state.catalog.deactivate(product, ctx.now)
            return True
        return product.status == "SELLER_DEACTIVATED"

    return _per_product(ctx, deactivate)


@routes.delete(
    "/product/202309/products", scope=_DELETE, cipher="required", errors=(PRODUCT_IDS_LIMIT,)
)
def delete_products(ctx: RouteContext) -> object:
    """Delete Products: any product but a frozen one becomes DELETED (gone from searches)."""

    def delete(product: FakeProduct) -> bool:
        if product.status in _UNEDITABLE:  # frozen [doc], or already deleted [inferred]
            return False
        ctx.state.catalog.delete(product, ctx.now)
        return True

    return _per_product(ctx, delete)


@routes.post(
    "/product/202309/products/recover",
    scope=_DELETE,
    cipher="required",
    errors=(PRODUCT_IDS_LIMIT,),
)
def recover_products(ctx: RouteContext) -> object:
    """Recover Products: a DELETED product gets its former status back [inferred]."""

    def recover(product: FakeProduct) -> bool:
        if product.status != "DELETED":
            return False
        ctx.state.catalog.recover(product, ctx.now)
        return True

    return _per_product(ctx, recover)


# --- inventory ------------------------------------------------------------------------------


@routes.post(
    "/product/202309/inventory/search",
    scope=_READ,
    cipher="required",
    errors=(PRODUCT_IDS_LIMIT, INVENTORY_SKUS_LIMIT),
)
def search_inventory(ctx: RouteContext) -> object:
    """Inventory Search by product ids (max 100) or SKU ids (max 600; they take precedence)."""
    shop = ctx.require_shop()
    body = ctx.json_body()
    product_ids = str_list(
        body, "product_ids", PRODUCT_PARAMS, limit=100, limit_error=PRODUCT_IDS_LIMIT
    )
    sku_ids = str_list(body, "sku_ids", PRODUCT_PARAMS, limit=600, limit_error=INVENTORY_SKUS_LIMIT)
    if not product_ids and not sku_ids:
        raise PRODUCT_PARAMS.error()
    committed = _committed(ctx, shop.id)
    index = ctx.state.catalog.sku_index(shop.id)
    grouped: dict[str, list[FakeProductSku]] = {}
    if sku_ids:
        for sku_id in dict.fromkeys(sku_ids):
            if sku_id in index:
                owner, sku = index[sku_id]
                grouped.setdefault(owner.id, []).append(sku)
    else:
        for product_id in dict.fromkeys(product_ids or []):
            product = ctx.state.catalog.get(shop.id, product_id)
            if product is not None:
                grouped[product.id] = list(product.skus)
    return {
        "inventory": [
            {"product_id": product_id, "skus": [_inventory_wire(s, committed) for s in skus]}
            for product_id, skus in grouped.items()
        ]
    }


def _committed(ctx: RouteContext, shop_id: str) -> dict[tuple[str, str], int]:
    """Units reserved by orders not yet shipped, per (sku id, warehouse id)."""
    reserved: dict[tuple[str, str], int] = {}
    for order in ctx.state.orders.values():
        if order.shop_id != shop_id or order.status not in (
            "ON_HOLD",
            "AWAITING_SHIPMENT",
            "PARTIALLY_SHIPPING",
        ):
            continue
        for item in order.line_items:
            package = order.package_of(item.id)
            if item.cancel_user or (package is not None and package.shipped):
                continue
            slot = (item.sku_id, order.warehouse_id)
            reserved[slot] = reserved.get(slot, 0) + 1
    return reserved


def _inventory_wire(sku: FakeProductSku, committed: dict[tuple[str, str], int]) -> dict[str, Any]:
    rows = [
        {
            "warehouse_id": warehouse,
            "available_quantity": quantity,
            "committed_quantity": committed.get((sku.id, warehouse), 0),
        }
        for warehouse, quantity in sku.inventory.items()
    ]
    return {
        "id": sku.id,
        "seller_sku": sku.seller_sku,
        "total_available_quantity": sum(r["available_quantity"] for r in rows),
        "total_committed_quantity": sum(r["committed_quantity"] for r in rows),
        "warehouse_inventory": rows,
    }


@routes.post(
    "/product/202309/products/{product_id}/inventory/update",
    scope=_WRITE,
    cipher="required",
    errors=(PRODUCT_NOT_FOUND, PRODUCT_STATUS_BLOCKS, SKU_LIST_EMPTY),
)
def update_inventory(ctx: RouteContext) -> object:
    """Update Inventory: quantities per SKU and warehouse; NEVER the product's status.

    Only an ``ACTIVATE`` product takes stock; any other answers 12052901 as a whole.
    """
    product = _product(ctx, editable=True, live=True)
    raw = ctx.json_body().get("skus")
    if not isinstance(raw, list) or not raw:
        raise SKU_LIST_EMPTY.error()
    logistics = ctx.state.logistics[ctx.require_shop().id]
    sales = [w.id for w in logistics.sales_warehouses()]
    errors: list[dict[str, Any]] = []
    updates: list[tuple[FakeProductSku, dict[str, int]]] = []
    for entry in raw:
        sku_id = entry.get("id", "") if isinstance(entry, dict) else ""
        sku = product.sku(sku_id) if isinstance(sku_id, str) else None
        if sku is None or not isinstance(entry, dict):
            errors.append(_item_error(SKU_UNKNOWN, sku_id=sku_id))
            continue
        quantities, error = _new_quantities(sku, entry.get("inventory"), sales)
        if error is not None:
            errors.append(error)
        else:
            updates.append((sku, quantities))
    for sku, quantities in updates:
        sku.inventory.update(quantities)
    if updates:
        product.update_time = ctx.now
    return {"errors": errors} if errors else {}


def _new_quantities(
    sku: FakeProductSku, rows: Any, sales: list[str]
) -> tuple[dict[str, int], dict[str, Any] | None]:
    """``{warehouse: quantity}`` for one SKU, or the item error explaining why not."""
    if not isinstance(rows, list) or not rows:
        return {}, _item_error(WAREHOUSES_INCOMPLETE, sku_id=sku.id)
    quantities: dict[str, int] = {}
    for row in rows:
        if not isinstance(row, dict):
            return {}, _item_error(CHECK_FAILED, sku_id=sku.id)
        warehouse = row.get("warehouse_id")
        if warehouse is None and len(sales) == 1:
            warehouse = sales[0]  # optional when the shop has a single warehouse [doc]
        if warehouse not in sales:
            error = _check_failed(WAREHOUSE_DOES_NOT_EXIST, sku_id=sku.id, warehouse_id=warehouse)
            return {}, error
        if warehouse not in sku.inventory:
            return {}, _item_error(WAREHOUSES_CHANGED, sku_id=sku.id)
        quantity = _quantity(row.get("quantity"))
        if quantity is None:
            error = _check_failed(QUANTITY_OUT_OF_RANGE, sku_id=sku.id, warehouse_id=warehouse)
            return {}, error
        quantities[str(warehouse)] = quantity
    if set(quantities) != set(sku.inventory):
        return {}, _item_error(WAREHOUSES_INCOMPLETE, sku_id=sku.id)
    return quantities, None


# --- images ---------------------------------------------------------------------------------


@routes.post(
    "/product/202309/images/upload", scope=_READ, cipher="forbidden", errors=(INVALID_PARAM,)
)
def upload_product_image(ctx: RouteContext) -> object:
    """Upload Product Image: multipart fields ``data`` and ``use_case``; the body is not signed."""
    content_type = ctx.headers.get("content-type", "")
    if content_type.split(";", 1)[0].strip().lower() != "multipart/form-data":
        raise MULTIPART_REQUIRED.error()
    fields = _multipart(content_type, ctx.body)
    data = fields.get("data")
    use_case = (fields.get("use_case") or b"MAIN_IMAGE").decode("utf-8", "replace")
    if not data or use_case not in _USE_CASES:
        raise PRODUCT_PARAMS.error()
    if len(data) > MAX_IMAGE_BYTES:
        raise FILE_TOO_LARGE.error()
    width, height = _dimensions(data)
    uri = f"tos-alisg-i-aphluv4xwc-sg/{ctx.state.fulfillment_ids.hex_upper(32).lower()}"
    ctx.state.images[uri] = {"size": len(data), "use_case": use_case}
    return {
        "uri": uri,
        "url": f"https://p16-oec-sg.ibyteimg.com/{uri}~tplv-aphluv4xwc-origin-jpeg.jpeg",
        "width": width,
        "height": height,
        "use_case": use_case,
    }


def _multipart(content_type: str, body: bytes) -> dict[str, bytes]:
    """Form fields of a multipart body by name (the last of a repeated name wins)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, bytes] = {}
    if not message.is_multipart():
        raise MULTIPART_REQUIRED.error()
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields[name] = payload
    return fields


def _dimensions(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG (800 x 800 when the header is not recognised)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                break
            marker = data[i + 1]
            length = int.from_bytes(data[i + 2 : i + 4], "big")
            if marker in (0xC0, 0xC1, 0xC2):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return int(width), int(height)
            i += 2 + length
    return 800, 800
