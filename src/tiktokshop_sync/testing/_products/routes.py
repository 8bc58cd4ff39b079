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
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import (
    CREATE_TIME_INVALID,
    FILE_TOO_LARGE,
    INVALID_PARAM,
    INVENTORY_SKUS_LIMIT,
    LIST_PRICE_UNSUPPORTED,
    MULTIPART_REQUIRED,
    PAGE_SIZE_INVALID,
    PRODUCT_IDS_LIMIT,
    PRODUCT_NOT_FOUND,
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
from tiktokshop_sync.testing._listing.backend import ListingDesk
from tiktokshop_sync.testing._listing.codes import CREATE_CODES, EDIT_CODES, PARTIAL_CODES
from tiktokshop_sync.testing._params import int_field, str_list
from tiktokshop_sync.testing._products.backend import (
    NewProduct,
    NewSku,
    ProductEdit,
    ProductSearch,
    SkuEdit,
    quantity,
)
from tiktokshop_sync.testing._products.records import PRODUCT_STATUSES
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

MAX_STATUS_IDS: Final = endpoints.PRODUCTS_ACTIVATE.limits.per_call["product_ids"]
MAX_SKUS: Final = 300  # JP allows up to 300 SKUs per product [doc]
JPY_RANGE: Final = (1, 500_000)  # JP price range [doc]
MAX_IMAGE_BYTES: Final = 5 * 1024 * 1024  # [inferred]: TikTok's limit is not in our sources
_CODE_TYPES: Final = ("GTIN", "EAN", "UPC", "ISBN", "JAN")
_USE_CASES: Final = (
    "MAIN_IMAGE",
    "ATTRIBUTE_IMAGE",
    "DESCRIPTION_IMAGE",
    "CERTIFICATION_IMAGE",
    "SIZE_CHART_IMAGE",
)


# --- parsing --------------------------------------------------------------------------------


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


def _images(body: dict[str, Any]) -> tuple[str, ...]:
    images = body.get("main_images")
    if not isinstance(images, list) or not 1 <= len(images) <= 9:
        raise PRODUCT_PARAMS.error()
    uris = [image.get("uri") if isinstance(image, dict) else None for image in images]
    if not all(isinstance(uri, str) and uri for uri in uris):
        raise PRODUCT_PARAMS.error()
    return tuple(str(uri) for uri in uris)


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


def _rows(raw: Any) -> tuple[tuple[object, int], ...]:
    """``[{warehouse_id, quantity}]`` rows; a quantity out of [0, 99,999] is 12052055."""
    if not isinstance(raw, list):
        raise PRODUCT_PARAMS.error()
    rows = []
    for row in raw:
        warehouse = row.get("warehouse_id") if isinstance(row, dict) else None
        amount = quantity(row.get("quantity")) if isinstance(row, dict) else None
        if amount is None:
            raise QUANTITY_OUT_OF_RANGE.error()
        rows.append((warehouse, amount))
    return tuple(rows)


def _bound(body: dict[str, Any], prefix: str, error: ErrorSpec) -> tuple[int | None, int | None]:
    low = int_field(body, f"{prefix}_ge", error=error)
    high = int_field(body, f"{prefix}_le", error=error)
    if low is not None and high is not None and low > high:
        raise error.error()
    return low, high


def _product_ids(ctx: RouteContext) -> list[str]:
    ids = str_list(
        ctx.json_body(),
        "product_ids",
        limit=MAX_STATUS_IDS,
        limit_error=PRODUCT_IDS_LIMIT,
        error=PRODUCT_PARAMS,
    )
    if not ids:
        raise PRODUCT_PARAMS.error()
    return list(dict.fromkeys(ids))


# --- search and read ------------------------------------------------------------------------


@routes.handle(
    endpoints.PRODUCTS_SEARCH,
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
    low, high = endpoints.PRODUCTS_SEARCH.limits.page_size or (1, 100)
    size = ctx.int_query("page_size", low=low, high=high, error=PAGE_SIZE_INVALID)
    body = ctx.json_body()
    status = body.get("status") or "ALL"
    if status != "ALL" and status not in PRODUCT_STATUSES:
        raise PRODUCT_PARAMS.error()
    seller_skus = str_list(body, "seller_skus", limit=10, limit_error=SELLER_SKUS_LIMIT)
    sku_ids = str_list(body, "sku_ids", limit=10, limit_error=SKU_IDS_LIMIT)
    search = ProductSearch(
        status=status,
        seller_skus=tuple(seller_skus or ()),
        sku_ids=tuple(sku_ids or ()),
        create_time=_bound(body, "create_time", CREATE_TIME_INVALID),
        update_time=_bound(body, "update_time", UPDATE_TIME_INVALID),
        category_version=_version(body.get("category_version")),
    )
    return ctx.world.catalog.search_reply(
        ctx.require_shop().id, search, size=size, page_token=ctx.query.get("page_token", "")
    )


def _version(value: Any) -> str | None:
    if value is not None and value not in ("v1", "v2"):
        raise PRODUCT_PARAMS.error()
    return None if value is None else str(value)


@routes.handle(
    endpoints.PRODUCTS_GET,
    errors=(PRODUCT_NOT_FOUND, PRODUCT_STATUS_BLOCKS),
)
def get_product(ctx: RouteContext) -> object:
    """Get Product: every status, FREEZE and DELETED included."""
    return ctx.world.catalog.detail_reply(ctx.require_shop().id, ctx.params["product_id"])


# --- create and edit ------------------------------------------------------------------------


def _new_skus(raw: Any, *, stock_kept: bool = False) -> tuple[NewSku, ...]:
    """Create Product's SKUs; with ``stock_kept`` (Edit Product) ``inventory`` may be left out
    to keep the SKU's stock ("the existing information will remain unchanged",
    edit-product.spec.json)."""
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_SKUS:
        raise PRODUCT_PARAMS.error()
    skus = []
    for sku in raw:
        if not isinstance(sku, dict):
            raise PRODUCT_PARAMS.error()
        seller_sku = sku.get("seller_sku", "")
        if not isinstance(seller_sku, str):
            raise PRODUCT_PARAMS.error()
        price = _price(sku.get("price"))
        rows = sku.get("inventory")
        if stock_kept and rows is None:
            rows = []
        elif not isinstance(rows, list) or not rows:
            raise PRODUCT_PARAMS.error()
        skus.append(
            NewSku(
                seller_sku=seller_sku,
                price=price,
                inventory=_rows(rows),
                sales_attributes=_sales_attributes(sku.get("sales_attributes") or []),
                identifier_code=_identifier_code(sku.get("identifier_code")),
            )
        )
    return tuple(skus)


def _sales_attributes(raw: Any) -> tuple[dict[str, str], ...]:
    """``[{id | name, value_id | value_name, sku_img: {uri}}]`` as ``{id, name, value_id,
    value_name, sku_img}`` strings (a built-in attribute's names come from the tree)."""
    if not isinstance(raw, list) or not all(isinstance(a, dict) for a in raw):
        raise PRODUCT_PARAMS.error()
    parsed = []
    for attribute in raw:
        option = ListingDesk.option(attribute)
        if not option["name"] or not option["value_name"]:
            raise PRODUCT_PARAMS.error()
        image = attribute.get("sku_img")
        uri = image.get("uri") if isinstance(image, dict) else None
        parsed.append({**option, "sku_img": uri or ""})
    return tuple(parsed)


def _identifier_code(raw: Any) -> tuple[str, str] | None:
    """``{code, type}`` with a documented type (JAN is Japan's GTIN)."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("type") not in _CODE_TYPES:
        raise PRODUCT_PARAMS.error()
    code = raw.get("code")
    if not isinstance(code, str) or not code.isdigit():
        raise PRODUCT_PARAMS.error()
    return str(raw["type"]), code


def _object(body: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = body.get(name)
    if value is not None and not isinstance(value, dict):
        raise PRODUCT_PARAMS.error()
    return value


def _new_product(
    ctx: RouteContext, body: dict[str, Any], warnings: list[str], *, edit: bool = False
) -> NewProduct:
    """A Create / Edit Product body that passed the listing rules, parsed."""
    title = _text(body, "title", 255)
    description = _text(body, "description", 10_000)
    category_id = _category(body)
    version = body.get("category_version", "v1")
    save_mode = body.get("save_mode", "LISTING")
    if version not in ("v1", "v2") or save_mode not in ("LISTING", "AS_DRAFT"):
        raise PRODUCT_PARAMS.error()
    listing = ctx.world.listing
    chart = _object(body, "size_chart") or {}
    image = chart.get("image")
    certifications = body.get("certifications") or []
    if not isinstance(certifications, list):
        raise PRODUCT_PARAMS.error()
    return NewProduct(
        title=title,
        description=description,
        category_id=category_id,
        category_version=str(version),
        images=_images(body),
        skus=_new_skus(body.get("skus"), stock_kept=edit),
        draft=save_mode == "AS_DRAFT",
        package_weight=_object(body, "package_weight"),
        package_dimensions=_object(body, "package_dimensions"),
        category_chain=listing.chain(category_id),
        brand=listing.brand(body.get("brand_id")),
        attributes=listing.attributes(body.get("product_attributes")),
        size_chart_uri=str(image.get("uri") or "") if isinstance(image, dict) else "",
        certifications=tuple(c for c in certifications if isinstance(c, dict)),
        warnings=tuple(warnings),
    )


@routes.handle(
    endpoints.PRODUCTS_CREATE,
    errors=(PRODUCT_PARAMS, WAREHOUSE_DOES_NOT_EXIST, QUANTITY_OUT_OF_RANGE, *CREATE_CODES),
)
def create_product(ctx: RouteContext) -> object:
    """Create Product: refused (every reason in ``extra_errors``) when the listing rules say so;
    else PENDING review (DRAFT with save_mode AS_DRAFT); idempotency_key honoured."""
    shop = ctx.require_shop()
    body = ctx.json_body()
    key = body.get("idempotency_key")
    if key is not None and not isinstance(key, str):
        raise PRODUCT_PARAMS.error()
    catalog = ctx.world.catalog
    replay = catalog.replay(shop.id, key or "")
    if replay is not None:
        return replay
    warnings = ctx.world.listing.require_pass(body, CREATE_CODES)
    request = _new_product(ctx, body, warnings)
    return catalog.create(shop.id, request, key=key or "", now=ctx.now)


@routes.handle(
    endpoints.PRODUCTS_EDIT,
    errors=(
        PRODUCT_PARAMS,
        PRODUCT_NOT_FOUND,
        PRODUCT_STATUS_BLOCKS,
        WAREHOUSE_DOES_NOT_EXIST,
        QUANTITY_OUT_OF_RANGE,
        *EDIT_CODES,
    ),
)
def edit_product(ctx: RouteContext) -> object:
    """Edit Product (full): the listing rules as for Create Product, then everything replaced
    and reviewed again."""
    catalog = ctx.world.catalog
    product = catalog.owned(ctx.require_shop().id, ctx.params["product_id"], editable=True)
    body = ctx.json_body()
    warnings = ctx.world.listing.require_pass(body, EDIT_CODES)
    return catalog.replace(product, _new_product(ctx, body, warnings, edit=True), ctx.now)


def _sku_edits(raw: Any, *, prices_only: bool = False) -> tuple[SkuEdit, ...]:
    if not isinstance(raw, list) or not raw:
        raise SKU_LIST_EMPTY.error()
    edits = []
    for entry in raw:
        if not isinstance(entry, dict) or not isinstance(entry.get("id", ""), str):
            edits.append(SkuEdit(id=""))  # no SKU has it: 12052556 once the product is read
            continue
        if prices_only:
            if "list_price" in entry or "external_list_prices" in entry:
                # Both are documented for the US market only; a JP shop is refused [inferred].
                raise LIST_PRICE_UNSUPPORTED.error()
            edits.append(SkuEdit(id=entry.get("id", ""), price=_price(entry.get("price"))))
            continue
        seller_sku = entry.get("seller_sku")
        if "seller_sku" in entry and not isinstance(seller_sku, str):
            raise PRODUCT_PARAMS.error()
        edits.append(
            SkuEdit(
                id=entry.get("id", ""),
                price=_price(entry["price"]) if "price" in entry else None,
                seller_sku=seller_sku,
                inventory=_rows(entry["inventory"]) if "inventory" in entry else None,
            )
        )
    return tuple(edits)


@routes.handle(
    endpoints.PRODUCTS_PARTIAL_EDIT,
    errors=(
        PRODUCT_PARAMS,
        PRODUCT_NOT_FOUND,
        PRODUCT_STATUS_BLOCKS,
        SKU_LIST_EMPTY,
        WAREHOUSES_CHANGED,
        QUANTITY_OUT_OF_RANGE,
        *PARTIAL_CODES,
    ),
    # Its page lists neither 12052556 nor 12019028 (Update Inventory's) for the same failures.
    instead=((SKU_UNKNOWN, SKU_NOT_IN_PRODUCT), (WAREHOUSES_INCOMPLETE, WAREHOUSES_CHANGED)),
)
def partial_edit_product(ctx: RouteContext) -> object:
    """Partial Edit Product: top-level fields replaced; content edits are re-reviewed."""
    catalog = ctx.world.catalog
    product = catalog.owned(ctx.require_shop().id, ctx.params["product_id"], editable=True)
    body = ctx.json_body()
    ctx.world.listing.require_fields(body, PARTIAL_CODES)
    edit = ProductEdit(
        title=_text(body, "title", 255) if "title" in body else None,
        description=_text(body, "description", 10_000) if "description" in body else None,
        images=_images(body) if "main_images" in body else None,
        category_id=_category(body) if "category_id" in body else None,
        skus=_sku_edits(body["skus"]) if "skus" in body else (),
    )
    return catalog.edit(product, edit, ctx.now)


@routes.handle(
    endpoints.PRODUCTS_UPDATE_PRICE,
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
    catalog = ctx.world.catalog
    product = catalog.owned(
        ctx.require_shop().id, ctx.params["product_id"], editable=True, live=True
    )
    prices = _sku_edits(ctx.json_body().get("skus"), prices_only=True)
    catalog.update_prices(product, prices, ctx.now)
    return {}


# --- status ---------------------------------------------------------------------------------


@routes.handle(
    endpoints.PRODUCTS_ACTIVATE,
    errors=(PRODUCT_PARAMS, PRODUCT_IDS_LIMIT),
)
def activate_products(ctx: RouteContext) -> object:
    """Activate Products: deactivated products go back to review (PENDING), then ACTIVATE."""
    return ctx.world.catalog.activate(ctx.require_shop().id, _product_ids(ctx), ctx.now)


@routes.handle(
    endpoints.PRODUCTS_DEACTIVATE,
    errors=(PRODUCT_PARAMS, PRODUCT_IDS_LIMIT),
)
def deactivate_products(ctx: RouteContext) -> object:
    """Deactivate Products: ACTIVATE (or PENDING) → SELLER_DEACTIVATED (停止中)."""
    return ctx.world.catalog.deactivate(ctx.require_shop().id, _product_ids(ctx), ctx.now)


@routes.handle(endpoints.PRODUCTS_DELETE, errors=(PRODUCT_IDS_LIMIT,))
def delete_products(ctx: RouteContext) -> object:
    """Delete Products: any product but a frozen one becomes DELETED (gone from searches)."""
    return ctx.world.catalog.delete(ctx.require_shop().id, _product_ids(ctx), ctx.now)


@routes.handle(
    endpoints.PRODUCTS_RECOVER,
    errors=(PRODUCT_IDS_LIMIT,),
)
def recover_products(ctx: RouteContext) -> object:
    """Recover Products: a DELETED product gets its former status back [inferred]."""
    return ctx.world.catalog.recover(ctx.require_shop().id, _product_ids(ctx), ctx.now)


# --- inventory ------------------------------------------------------------------------------


@routes.handle(
    endpoints.PRODUCTS_SEARCH_INVENTORY,
    errors=(PRODUCT_IDS_LIMIT, INVENTORY_SKUS_LIMIT),
)
def search_inventory(ctx: RouteContext) -> object:
    """Inventory Search by product ids (max 100) or SKU ids (max 600; they take precedence)."""
    shop = ctx.require_shop()
    body = ctx.json_body()
    caps = endpoints.PRODUCTS_SEARCH_INVENTORY.limits.per_call
    product_ids = str_list(
        body, "product_ids", limit=caps["product_ids"], limit_error=PRODUCT_IDS_LIMIT
    )
    sku_ids = str_list(body, "sku_ids", limit=caps["sku_ids"], limit_error=INVENTORY_SKUS_LIMIT)
    if not product_ids and not sku_ids:
        raise PRODUCT_PARAMS.error()
    return ctx.world.catalog.inventory_reply(
        shop.id,
        product_ids=product_ids or (),
        sku_ids=sku_ids or (),
        committed=ctx.world.orders.committed_units(shop.id),
    )


@routes.handle(
    endpoints.PRODUCTS_UPDATE_INVENTORY,
    errors=(PRODUCT_NOT_FOUND, PRODUCT_STATUS_BLOCKS, SKU_LIST_EMPTY),
)
def update_inventory(ctx: RouteContext) -> object:
    """Update Inventory: quantities per SKU and warehouse; NEVER the product's status.

    Only an ``ACTIVATE`` product takes stock; any other answers 12052901 as a whole.
    """
    catalog = ctx.world.catalog
    product = catalog.owned(
        ctx.require_shop().id, ctx.params["product_id"], editable=True, live=True
    )
    entries = ctx.json_body().get("skus")
    if not isinstance(entries, list) or not entries:
        raise SKU_LIST_EMPTY.error()
    return catalog.update_inventory(product, entries, ctx.now)


# --- images ---------------------------------------------------------------------------------


@routes.handle(endpoints.PRODUCTS_UPLOAD_IMAGE, errors=(INVALID_PARAM,))
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
    return ctx.world.catalog.upload_image(data, use_case, width, height)


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
