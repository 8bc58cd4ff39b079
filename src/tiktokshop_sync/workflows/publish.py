"""Product publish (商品連携): catalog products to TikTok Shop listings.

Only products carrying the tag (CoreLink's 「TikTok Shop接続」) and in the published state are
considered; drafts never are. A product already on TikTok with the same seller SKUs is linked,
not duplicated; otherwise it is created (TikTok then reviews it). Stock goes out only with the
first publish (futureshop's rule); after that, stock is the inventory push's job. A product
the seller deactivated on TikTok is never re-activated. Review states are reported back.

A create whose reply was lost (after its retries with the idempotency key) is recorded
``unknown``; the next run looks its seller SKUs up on TikTok and links the product if it was
created, or creates it with the same key if it was not. The pure
``domain.planning.plan_publish`` decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._exceptions import APIConnectionError, APIError, ConfigurationError
from ..domain.planning import (
    FetchedCatalog,
    KnownListings,
    ListedProduct,
    ListingStatus,
    PublishAction,
    PublishDecisions,
    default_warehouse,
    plan_publish,
    publish_candidates,
)
from ..resources import logistics as logistics_api
from ..resources import products as products_api
from ..types.logistics import Warehouse
from ..types.product import CreatedProduct, Product
from ._describe import skipped_lines
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .ports import CatalogSource
from .progress import ProgressCallback, Reporter
from .state import ActionStatus, LedgerEntry, StateStore
from .translate import listed_product, sales_warehouses
from .values import CatalogProduct

__all__ = [
    "AsyncProductPublish",
    "ListingStatus",
    "ProductPublish",
    "PublishAction",
    "PublishPlan",
    "PublishPolicy",
    "PublishResult",
]

JOB = "publish"
DEFAULT_TAG = "TikTok Shop接続"
MAX_QUANTITY = products_api.MAX_QUANTITY


def _tag(_inst: object, _attr: attrs.Attribute[Any], value: Any) -> None:
    settings.text("PublishPolicy.tag", value, optional=True, example=repr(DEFAULT_TAG))


def _warehouse(_inst: object, _attr: attrs.Attribute[Any], value: Any) -> None:
    settings.identifier(
        "PublishPolicy.warehouse_id", value, optional=True, example="7068517275539719942"
    )


def _currency(_inst: object, _attr: attrs.Attribute[Any], value: Any) -> None:
    if not (isinstance(value, str) and len(value) == 3 and value.isascii() and value.isupper()):
        raise ConfigurationError(
            f"PublishPolicy.currency must be an ISO 4217 code such as 'JPY', got {value!r}."
        )


@attrs.frozen(kw_only=True)
class PublishPolicy:
    """Which catalog products publish, and where their first stock goes."""

    tag: str | None = attrs.field(default=DEFAULT_TAG, validator=_tag)
    """Only catalog products with this tag publish; None publishes every published product."""
    warehouse_id: str | None = attrs.field(default=None, validator=_warehouse)
    """Where first stock goes; None uses the shop's default sales warehouse."""
    currency: str = attrs.field(default="JPY", validator=_currency)
    category_version: str = attrs.field(
        default="v2", validator=settings.check_field(settings.choice, choices=("v1", "v2"))
    )


@attrs.frozen(kw_only=True)
class PublishPlan:
    """What a publish would do; ``describe()`` for a dry run."""

    shop: str
    actions: tuple[PublishAction, ...] = attrs.field(repr=summary)
    listings: tuple[ListingStatus, ...] = attrs.field(repr=summary)
    skipped: tuple[tuple[str, str], ...] = attrs.field(repr=summary)
    warehouse_id: str

    def describe(self) -> str:
        """A readable summary for a seller."""
        creates = sum(1 for a in self.actions if a.kind == "create")
        lines = [
            f"product publish for shop {self.shop}: create {creates}, "
            f"link {len(self.actions) - creates}, already listed {len(self.listings)}"
        ]
        lines += [
            f"  {s.catalog_id}: {s.status} (review {s.audit_status}) {s.note}"
            for s in self.listings
        ]
        for action in self.actions:
            if action.read_back:
                found = "created: linked" if action.kind == "link" else "not created: created again"
                lines.append(
                    f"  {action.catalog_id}: its create lost TikTok's reply; read back: {found}"
                )
            if action.kind == "create":
                lines += [
                    f"  {action.catalog_id}: {sku.seller_sku} first stock {sku.quantity:,} is "
                    f"above TikTok's maximum: {MAX_QUANTITY:,} is sent"
                    for sku in action.product.skus
                    if sku.quantity > MAX_QUANTITY
                ]
        lines += skipped_lines("product", self.skipped)
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class PublishResult:
    """What a publish did."""

    created: int = 0
    linked: int = 0
    failed: int = 0
    listings: tuple[ListingStatus, ...] = attrs.field(default=(), repr=summary)
    failures: tuple[str, ...] = attrs.field(default=(), repr=summary)
    unknown: int = 0
    unknown_outcomes: tuple[str, ...] = attrs.field(default=(), repr=summary)


def _body(product: CatalogProduct, warehouse_id: str, policy: PublishPolicy) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": product.title,
        "description": product.description,
        "category_id": product.category_id,
        "category_version": policy.category_version,
        "main_images": [{"uri": uri} for uri in product.image_uris],
        "save_mode": "LISTING",
        "skus": [
            {
                "seller_sku": sku.seller_sku,
                "price": {"amount": str(sku.price), "currency": policy.currency},
                "inventory": [
                    {
                        "warehouse_id": warehouse_id,
                        "quantity": min(max(0, sku.quantity), MAX_QUANTITY),
                    }
                ],
                "sales_attributes": [
                    {"name": k, "value_name": v} for k, v in sku.attributes.items()
                ],
            }
            for sku in product.skus
        ],
    }
    if product.package_weight_grams is not None:
        body["package_weight"] = {"value": str(product.package_weight_grams), "unit": "GRAM"}
    return body


class _PublishCore(JobBase[ShopT, PublishPlan, PublishResult]):
    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        source: CatalogSource,
        policy: PublishPolicy | None = None,
        shop_key: str | None = None,
        lease: LeasePolicy | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self._bind(shop, shop_key, lease)
        self.state = state
        self.source = source
        self.policy = settings.instance(
            "policy", policy or PublishPolicy(), kinds=(PublishPolicy,), example="PublishPolicy()"
        )
        self._report = Reporter(JOB, self.shop_key, on_progress)

    def _plan_steps(self) -> Steps[PublishPlan]:
        catalog: tuple[CatalogProduct, ...] = tuple(
            (yield from self._port(self.source.products, self.shop_key))
        )
        eligible, _skipped = publish_candidates(catalog, self.policy)
        links = {
            catalog_id: str(link["product_id"])
            for catalog_id, link in self.state.product_links(self.shop_key).items()
        }
        unlinked = [p for p in eligible if p.catalog_id not in links]
        ledger = self.state.ledger_get(self.shop_key, [f"publish:{p.catalog_id}" for p in unlinked])
        known = KnownListings(
            links=links,
            lost=frozenset(
                key.removeprefix("publish:")
                for key, entry in ledger.items()
                if entry.status in ("unknown", "pending")
            ),
        )
        listed: dict[str, ListedProduct] = {}
        for product in eligible:
            product_id = links.get(product.catalog_id)
            if product_id is not None and product_id not in listed:
                reply: Product = yield from self._call(products_api.get_spec(product_id))
                listed[product_id] = listed_product(reply)
        existing = yield from self._find_by_sku([s.seller_sku for p in unlinked for s in p.skus])
        decisions: PublishDecisions = plan_publish(
            FetchedCatalog(catalog=catalog, listed=listed, existing=existing), known, self.policy
        )
        warehouse = self.policy.warehouse_id or ""
        if not warehouse and decisions.creates:
            warehouses: list[Warehouse] = yield from self._call(logistics_api.warehouses_spec())
            warehouse = default_warehouse(sales_warehouses(warehouses))
        return PublishPlan(
            shop=self.shop_key,
            actions=decisions.actions,
            listings=decisions.listings,
            skipped=decisions.skipped,
            warehouse_id=warehouse,
        )

    def _find_by_sku(self, seller_skus: Sequence[str]) -> Steps[dict[str, tuple[str, str]]]:
        """seller_sku -> (product id, sku id) for SKUs already on TikTok (10 per search)."""
        found: dict[str, tuple[str, str]] = {}
        unique = sorted(set(seller_skus))
        for start in range(0, len(unique), 10):
            chunk = unique[start : start + 10]
            page = yield from self._call(
                products_api.search_pages({"seller_skus": chunk, "page_size": 100})(None)
            )
            for product in page.items:
                for sku in product.skus:
                    if sku.seller_sku in chunk:
                        found[sku.seller_sku] = (product.id, sku.id)
        return found

    def _apply_steps(self, plan: PublishPlan) -> Steps[PublishResult]:
        now = self._now()
        created = linked = 0
        failures: list[str] = []
        unknown: list[str] = []
        for action in plan.actions:
            key = f"publish:{action.catalog_id}"
            if action.kind == "link":
                self._link(
                    action.catalog_id, action.product_id, dict(action.sku_ids), now, created=False
                )
                if action.read_back:
                    detail = {"product_id": action.product_id, "read_back": True}
                    self._ledger(key, "done", detail, now)
                linked += 1
                self._report(
                    "linked", action.catalog_id, f"already on TikTok as {action.product_id}", now
                )
                continue
            if not plan.warehouse_id:
                raise ConfigurationError(
                    "no warehouse for the first stock: set PublishPolicy.warehouse_id or add a "
                    "default sales warehouse in Seller Center."
                )
            self._ledger(key, "pending", {}, now)
            body = _body(action.product, plan.warehouse_id, self.policy)
            try:
                result: CreatedProduct = yield from self._call(
                    products_api.create_spec(
                        body, idempotency_key=f"{self.shop_key}:{action.catalog_id}"
                    )
                )
            except (APIError, APIConnectionError) as error:
                lost = isinstance(error, APIConnectionError) and error.may_have_applied
                if isinstance(error, APIConnectionError) and not lost:
                    raise  # nothing reached TikTok: it cannot be reached now
                self._ledger(key, "unknown" if lost else "failed", {"error": str(error)}, now)
                if lost:
                    reason = (
                        f"TikTok's reply was lost ({type(error).__name__}): the product may "
                        "have been created. The next run looks its seller SKUs up on TikTok "
                        "and links it, or creates it with the same idempotency key"
                    )
                    unknown.append(f"{action.catalog_id}: {reason}")
                    self._report("unknown", action.catalog_id, reason, now)
                    continue
                failures.append(f"{action.catalog_id}: {error}")
                self._report("failed", action.catalog_id, str(error), now)
                continue
            sku_ids = {s.seller_sku: s.id for s in result.skus}
            self._link(action.catalog_id, result.product_id, sku_ids, now, created=True)
            self._ledger(key, "done", {"product_id": result.product_id}, now)
            created += 1
            warnings = "; ".join(w.message for w in result.warnings)
            self._report(
                "created",
                action.catalog_id,
                f"listed as {result.product_id}, in review. {warnings}".strip(),
                now,
            )
        return PublishResult(
            created=created,
            linked=linked,
            failed=len(failures),
            listings=plan.listings,
            failures=tuple(failures),
            unknown=len(unknown),
            unknown_outcomes=tuple(unknown),
        )

    def _ledger(
        self, key: str, status: ActionStatus, detail: dict[str, Any], now: datetime
    ) -> None:
        self.state.ledger_put(
            LedgerEntry(
                shop=self.shop_key,
                key=key,
                kind="create",
                status=status,
                detail=detail,
                updated_at=now,
            )
        )

    def _link(
        self,
        catalog_id: str,
        product_id: str,
        sku_ids: dict[str, str],
        now: datetime,
        *,
        created: bool,
    ) -> None:
        self.state.put_product_link(
            self.shop_key,
            catalog_id,
            {
                "product_id": product_id,
                "sku_ids": sku_ids,
                "linked_at": now.isoformat(),
                "created": created,
            },
        )


class ProductPublish(_PublishCore[ShopClient], Job[PublishPlan, PublishResult]):
    """Publish catalog products to TikTok with the blocking client (plan, apply, run)."""


class AsyncProductPublish(_PublishCore[AsyncShopClient], AsyncJob[PublishPlan, PublishResult]):
    """Publish catalog products to TikTok with the async client (plan, apply, run)."""
