"""Listing rules: categories, attributes, category rules, brands, recommended category, the
shop's listing prerequisites and the listing check (the dry run of Create Product).

The category reads take ``locale`` and ``category_version`` and answer the same Japanese tree
for either version [inferred: the tree has three levels, valid in v1 and v2].
"""

from __future__ import annotations

from typing import Final

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import PAGE_SIZE_INVALID, PRODUCT_PARAMS, ParameterError
from tiktokshop_sync.testing._listing import codes
from tiktokshop_sync.testing._listing.backend import NO_MATCHING_CATEGORY
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

_VERSIONS: Final = ("v1", "v2")
_PLATFORMS: Final = ("TIKTOK_SHOP", "TOKOPEDIA")
_LEAF_ERRORS: Final = (codes.CATEGORY_NOT_FOUND, codes.CATEGORY_NOT_LEAF)


def _category_query(ctx: RouteContext) -> None:
    """``category_version`` and ``locale`` as documented (the names stay Japanese)."""
    version = ctx.query.get("category_version")
    if version is not None and version not in _VERSIONS:
        raise ParameterError("category_version")
    locale = ctx.query.get("locale")
    if locale is not None and not locale.strip():
        raise ParameterError("locale")


@routes.handle(endpoints.PRODUCTS_CATEGORIES)
def get_categories(ctx: RouteContext) -> object:
    """Get Categories: the shop's tree with leaf flags and permissions (or a keyword's)."""
    ctx.require_shop()
    _category_query(ctx)
    platform = ctx.query.get("listing_platform")
    if platform is not None and platform not in _PLATFORMS:
        raise ParameterError("listing_platform")
    return ctx.world.listing.categories_reply(ctx.query.get("keyword") or None)


@routes.handle(endpoints.PRODUCTS_ATTRIBUTES, errors=_LEAF_ERRORS)
def get_attributes(ctx: RouteContext) -> object:
    """Get Attributes: a leaf's product and sales attributes."""
    ctx.require_shop()
    _category_query(ctx)
    return ctx.world.listing.attributes_reply(ctx.params["category_id"], *_LEAF_ERRORS)


@routes.handle(endpoints.PRODUCTS_CATEGORY_RULES, errors=_LEAF_ERRORS)
def get_category_rules(ctx: RouteContext) -> object:
    """Get Category Rules: a leaf's size chart, certification and package rules."""
    ctx.require_shop()
    _category_query(ctx)
    return ctx.world.listing.rules_reply(ctx.params["category_id"], *_LEAF_ERRORS)


@routes.handle(endpoints.PRODUCTS_BRANDS, errors=(PAGE_SIZE_INVALID, codes.CATEGORY_NOT_FOUND))
def get_brands(ctx: RouteContext) -> object:
    """Get Brands: 1-100 a page; with ``category_id``, authorized brands' availability there."""
    ctx.require_shop()
    size = ctx.int_query("page_size", low=1, high=100, error=PAGE_SIZE_INVALID)
    _category_query(ctx)
    category_id = ctx.query.get("category_id") or None
    listing = ctx.world.listing
    if category_id is not None:
        listing.rules_reply(category_id, *_LEAF_ERRORS)
    authorized = ctx.query.get("is_authorized", "0")
    if authorized not in ("0", "1", "true", "false"):
        raise ParameterError("is_authorized")
    return listing.brands_reply(
        category_id=category_id,
        authorized_only=authorized in ("1", "true"),
        brand_name=ctx.query.get("brand_name") or None,
        size=size,
        page_token=ctx.query.get("page_token", ""),
    )


@routes.handle(endpoints.PRODUCTS_RECOMMEND_CATEGORY, errors=(NO_MATCHING_CATEGORY,))
def recommend_category(ctx: RouteContext) -> object:
    """Recommend Category: the leaf whose keywords the title (else the description) holds."""
    ctx.require_shop()
    body = ctx.json_body()
    title = body.get("product_title")
    description = body.get("description", "")
    if not isinstance(title, str) or not title.strip() or not isinstance(description, str):
        raise ParameterError("product_title")
    version = body.get("category_version")
    if version is not None and version not in _VERSIONS:
        raise ParameterError("category_version")
    return ctx.world.listing.recommend_reply(title, description)


@routes.handle(endpoints.PRODUCTS_PREREQUISITES)
def check_prerequisites(ctx: RouteContext) -> object:
    """Check Listing Prerequisites: what the shop must set up before it can list."""
    return ctx.world.listing.prerequisites_reply(ctx.require_shop().id)


@routes.handle(endpoints.PRODUCTS_CHECK_LISTING, errors=(PRODUCT_PARAMS,))
def check_listing(ctx: RouteContext) -> object:
    """Check Product Listing: PASS, or FAILED with every code Create Product would refuse with."""
    ctx.require_shop()
    flag = ctx.query.get("is_diagnosis_required")
    if flag is not None and flag not in ("true", "false"):
        raise ParameterError("is_diagnosis_required")
    return ctx.world.listing.check_reply(ctx.json_body())
