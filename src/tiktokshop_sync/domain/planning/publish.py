"""The product publish's planner: which catalog products to create on TikTok, link, or skip.

Pure: the host's catalog, the listings already linked (their status and review on TikTok), the
TikTok products found by seller SKU, the state store's links and lost creates, in; the creates,
links, listing states and skipped products, out. Only tagged, published products with SKUs are
considered (CoreLink's 「TikTok Shop接続」); a product whose seller SKUs are already on TikTok
is linked, not created twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Literal, Protocol

import attrs

from tiktokshop_sync.domain.planning._repr import counted

__all__ = [
    "CatalogProduct",
    "CatalogSku",
    "FetchedCatalog",
    "KnownListings",
    "ListedProduct",
    "ListingStatus",
    "PublishAction",
    "PublishDecisions",
    "PublishRules",
    "SalesWarehouse",
    "default_warehouse",
    "plan_publish",
    "publish_candidates",
]


@attrs.frozen(kw_only=True)
class CatalogSku:
    """A variant in the host catalog."""

    seller_sku: str
    price: Decimal
    quantity: int = 0
    attributes: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class CatalogProduct:
    """A product in the host catalog, with the tags and state that decide whether it publishes."""

    catalog_id: str
    title: str
    description: str
    category_id: str
    image_uris: tuple[str, ...]
    skus: tuple[CatalogSku, ...]
    tags: frozenset[str] = frozenset()
    published: bool = True
    package_weight_grams: int | None = None


@attrs.frozen(kw_only=True)
class ListedProduct:
    """A linked product as TikTok shows it: its status and review (審査) state."""

    product_id: str
    status: str
    audit_status: str = ""


@attrs.frozen(kw_only=True)
class SalesWarehouse:
    """A sales warehouse of the shop, for the first stock of a created product."""

    id: str
    is_default: bool = False
    enabled: bool = True


@attrs.frozen(kw_only=True)
class KnownListings:
    """What the state store knew before the run."""

    links: Mapping[str, str] = attrs.field(factory=dict, repr=counted)
    """Catalog product id -> the TikTok product it is linked to."""
    lost: frozenset[str] = attrs.field(default=frozenset(), repr=counted)
    """Catalog ids whose create lost its reply (it may have happened) or never finished."""


@attrs.frozen(kw_only=True)
class FetchedCatalog:
    """What a publish read: the host's catalog and what TikTok lists."""

    catalog: tuple[CatalogProduct, ...] = attrs.field(default=(), repr=counted)
    listed: Mapping[str, ListedProduct] = attrs.field(factory=dict, repr=counted)
    """Product id -> the linked products' state on TikTok."""
    existing: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, repr=counted)
    """Seller SKU -> (product id, SKU id), for SKUs of unlinked products already on TikTok."""


class PublishRules(Protocol):
    """The settings the publish planner reads (``PublishPolicy`` has them)."""

    @property
    def tag(self) -> str | None:
        """Only catalog products with this tag publish (None: every published product)."""
        ...


@attrs.frozen(kw_only=True)
class PublishAction:
    """Create a listing, or link an existing one found by seller SKU."""

    kind: Literal["create", "link"]
    catalog_id: str
    product: CatalogProduct
    product_id: str = ""
    sku_ids: tuple[tuple[str, str], ...] = ()
    read_back: bool = False


@attrs.frozen(kw_only=True)
class ListingStatus:
    """A linked listing's status and review (審査) state on TikTok."""

    catalog_id: str
    product_id: str
    status: str
    audit_status: str
    note: str = ""


@attrs.frozen(kw_only=True)
class PublishDecisions:
    """What one publish creates, links and reports."""

    actions: tuple[PublishAction, ...] = attrs.field(default=(), repr=counted)
    listings: tuple[ListingStatus, ...] = attrs.field(default=(), repr=counted)
    skipped: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=counted)

    @property
    def creates(self) -> bool:
        """Whether any product is created (its first stock then needs a warehouse)."""
        return any(action.kind == "create" for action in self.actions)


def publish_candidates(
    catalog: Iterable[CatalogProduct], policy: PublishRules
) -> tuple[list[CatalogProduct], list[tuple[str, str]]]:
    """The products that may publish, and (catalog id, why) for those that may not."""
    eligible: list[CatalogProduct] = []
    skipped: list[tuple[str, str]] = []
    for product in catalog:
        if not product.published:
            skipped.append((product.catalog_id, "draft (下書き): drafts are never published"))
        elif policy.tag is not None and policy.tag not in product.tags:
            skipped.append((product.catalog_id, f"no tag 「{policy.tag}」"))
        elif not product.skus:
            skipped.append((product.catalog_id, "no SKUs"))
        else:
            eligible.append(product)
    return eligible, skipped


def plan_publish(
    fetched: FetchedCatalog, known: KnownListings, policy: PublishRules
) -> PublishDecisions:
    """Decide one publish: the linked products' states, then per unlinked product a link (its
    seller SKUs are one TikTok product already), a create, or why neither.

    A product whose create lost its reply is linked if TikTok shows its SKUs, else created
    again (``read_back``); a product paused on TikTok is reported, never re-activated.
    """
    eligible, skipped = publish_candidates(fetched.catalog, policy)
    listings: list[ListingStatus] = []
    actions: list[PublishAction] = []
    for product in eligible:
        product_id = known.links.get(product.catalog_id)
        if product_id is not None:
            listed = fetched.listed.get(product_id)
            if listed is not None:
                listings.append(_listing(product, listed))
            continue
        lost = product.catalog_id in known.lost
        matches = {fetched.existing.get(s.seller_sku, ("", ""))[0] for s in product.skus}
        if len(matches) == 1 and "" not in matches:
            actions.append(
                PublishAction(
                    kind="link",
                    catalog_id=product.catalog_id,
                    product=product,
                    product_id=matches.pop(),
                    sku_ids=tuple(
                        (s.seller_sku, fetched.existing[s.seller_sku][1]) for s in product.skus
                    ),
                    read_back=lost,
                )
            )
        elif matches - {""}:
            skipped.append(
                (
                    product.catalog_id,
                    "its seller SKUs are split across TikTok products or partly listed: "
                    "link by hand",
                )
            )
        else:
            actions.append(
                PublishAction(
                    kind="create", catalog_id=product.catalog_id, product=product, read_back=lost
                )
            )
    return PublishDecisions(
        actions=tuple(actions), listings=tuple(listings), skipped=tuple(skipped)
    )


def _listing(product: CatalogProduct, listed: ListedProduct) -> ListingStatus:
    note = (
        "paused by the seller on TikTok (停止中): left paused"
        if listed.status == "SELLER_DEACTIVATED"
        else ""
    )
    return ListingStatus(
        catalog_id=product.catalog_id,
        product_id=listed.product_id,
        status=listed.status,
        audit_status=listed.audit_status,
        note=note,
    )


def default_warehouse(warehouses: Sequence[SalesWarehouse]) -> str:
    """The sales warehouse first stock goes to: the default one, else the first enabled ("")."""
    for warehouse in warehouses:
        if warehouse.is_default:
            return warehouse.id
    enabled = [w for w in warehouses if w.enabled]
    return enabled[0].id if enabled else ""
