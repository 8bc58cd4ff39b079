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

Before anything is created, each new product goes through the listing rules: the shop's
prerequisites, TikTok's category tree, the category's attributes, rules and brands feed the
pure validator (``domain.check_listing``); a product it passes goes through TikTok's own dry run
(Check Product Listing). Each new product ends in one of three states: ready (created by
``apply``), needs data (不足項目あり, what is missing in the seller's words) or refused by
TikTok's check (TikTok's reasons). Nothing held back is sent.

The host's category mapping is read from the state store
(:class:`~tiktokshop_sync.workflows.CategoryMappings`) on every run; rows in the job's
``mappings`` override stored rows for the same host category. TikTok's Recommend Category is
asked once per unmapped host category and its answer kept in the store as a suggestion (written
while planning, like the image cache), reported with the unmapped categories and never used
until the host confirms it.

Images come from the host's :class:`~tiktokshop_sync.workflows.ports.ImageSource` when one is
given and are uploaded once: each upload is recorded in the state store's ledger under the
image's use and SHA-256 (``image:MAIN_IMAGE:<sha256>``), so the same picture, in one product or
many, in this run or a later one, is never uploaded twice. They are uploaded while planning,
for the products the validator passed only, because TikTok's listing check needs the uploaded
URIs (``main_images[].uri``, check-product-listing.spec.json); an uploaded image that no
product uses is never shown to buyers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime, time, timezone
from decimal import Decimal
from typing import Any

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.tabular import Tabular
from .._exceptions import (
    APIConnectionError,
    APIError,
    ConfigurationError,
    unknown_outcome_cause,
)
from ..domain._language import Language
from ..domain._text import fold
from ..domain.listing_check import ListingPolicy, ResolvedListing, check_listing
from ..domain.listing_decision import ListingDecision, Ready, apply_listing_check, decide_listing
from ..domain.listing_facts import (
    CatalogFacts,
    CategoryFacts,
    CategorySuggestion,
    CategoryTarget,
    CategoryVersion,
)
from ..domain.listing_mapping import (
    CategoryMappingReport,
    ListingMappings,
    category_mapping_report,
)
from ..domain.listing_status import ListingState
from ..domain.planning import (
    BlockedProduct,
    FetchedCatalog,
    KnownListings,
    ListedProduct,
    ListingStatus,
    PublishAction,
    PublishDecisions,
    PublishEdit,
    SentContent,
    default_warehouse,
    gate_creates,
    image_refs,
    listing_product,
    plan_edits,
    plan_publish,
    publish_candidates,
)
from ..resources import logistics as logistics_api
from ..resources import products as products_api
from ..resources.products import PriceUpdate
from ..types import category as category_wire
from ..types.category import CategoryRecommendation
from ..types.listing import ListingCheck
from ..types.logistics import Warehouse
from ..types.product import CreatedProduct, Product, UploadedImage
from ._describe import skipped_lines
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .category_mappings import confirmed_mapping
from .listing_translate import (
    category_facts,
    category_suggestion,
    category_tree,
    listing_check_outcome,
    prerequisites,
)
from .ports import CatalogSource, ImageSource, ListingStateSink
from .progress import ProgressCallback, Reporter
from .state import (
    ActionStatus,
    CategoryMappingRecord,
    CategoryMappingStore,
    LedgerEntry,
    StateStore,
)
from .translate import listed_product, sales_warehouses
from .values import CatalogProduct

__all__ = [
    "AsyncProductPublish",
    "BlockedProduct",
    "ListingStatus",
    "ProductPublish",
    "PublishAction",
    "PublishEdit",
    "PublishPlan",
    "PublishPolicy",
    "PublishResult",
]

JOB = "publish"
#: Names come back in Japanese (the issue's ``ja-JP``; Get Categories' ``locale``).
LOCALE = "ja-JP"
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
class PublishPlan(Tabular):
    """What a publish would do; ``describe()`` for a dry run."""

    shop: str
    actions: tuple[PublishAction, ...] = attrs.field(repr=summary)
    listings: tuple[ListingStatus, ...] = attrs.field(repr=summary)
    skipped: tuple[tuple[str, str], ...] = attrs.field(repr=summary)
    warehouse_id: str
    blocked: tuple[BlockedProduct, ...] = attrs.field(default=(), repr=summary)
    """New products the listing rules hold back: needs data, or refused by TikTok's check."""
    edits: tuple[PublishEdit, ...] = attrs.field(default=(), repr=summary)
    """Linked products whose title, description or prices changed in the host: partial edits."""
    held_edits: tuple[BlockedProduct, ...] = attrs.field(default=(), repr=summary)
    """Edits the listing rules refuse (a title too long, a price of 0...): nothing sent."""
    baselines: tuple[tuple[str, SentContent], ...] = attrs.field(default=(), repr=False)
    """Linked products with no record of what was sent: their content now is the baseline."""
    categories: CategoryMappingReport | None = attrs.field(default=None, repr=False)
    """With the host's mappings: the new products' unmapped host categories (with TikTok's
    recommended category for each) and mapping rows TikTok cannot take."""

    @property
    def needs_data(self) -> tuple[BlockedProduct, ...]:
        """不足項目あり: what the validator found missing; nothing was asked of TikTok."""
        return tuple(b for b in self.blocked if b.decision.state is ListingState.NEEDS_DATA)

    @property
    def refused(self) -> tuple[BlockedProduct, ...]:
        """出品チェックNG: the validator passed them, TikTok's listing check did not."""
        return tuple(b for b in self.blocked if b.decision.state is ListingState.REFUSED)

    def describe(self, language: Language = "ja") -> str:
        """A readable summary for a seller, grouped by what happens to each product."""
        creates = sum(1 for a in self.actions if a.kind == "create")
        lines = [
            f"product publish for shop {self.shop}: create {creates}, "
            f"link {len(self.actions) - creates}, edit {len(self.edits)}, "
            f"already listed {len(self.listings)}, "
            f"needs data {len(self.needs_data)}, refused by TikTok's check {len(self.refused)}"
        ]
        lines += [
            f"  {s.catalog_id}: {s.status} (review {s.audit_status}) {s.note}".rstrip()
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
                if action.tiktok_warning:
                    lines.append(f"  {action.catalog_id}: TikTok warns: {action.tiktok_warning}")
        lines += [f"  {e.catalog_id}: edit {e.describe()}" for e in self.edits]
        for title, group in (
            ("edits held back (不足項目あり)", self.held_edits),
            ("needs data (不足項目あり)", self.needs_data),
            ("refused by TikTok's listing check (出品チェックNG)", self.refused),
        ):
            if group:
                lines.append(f"{title}: {len(group)}")
                lines += ["  " + line for b in group for line in b.describe(language).split("\n")]
        if self.categories is not None and not self.categories.complete:
            lines += ["  " + line for line in self.categories.describe(language).split("\n")]
        lines += skipped_lines("product", self.skipped)
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class PublishResult(Tabular):
    """What a publish did."""

    created: int = 0
    linked: int = 0
    failed: int = 0
    listings: tuple[ListingStatus, ...] = attrs.field(default=(), repr=summary)
    failures: tuple[str, ...] = attrs.field(default=(), repr=summary)
    unknown: int = 0
    unknown_outcomes: tuple[str, ...] = attrs.field(default=(), repr=summary)
    blocked: tuple[BlockedProduct, ...] = attrs.field(default=(), repr=summary)
    """New products held back by the listing rules (as the plan said): nothing sent."""
    edited: int = 0
    """Linked products edited (title, description or prices)."""


def _sent_json(content: SentContent) -> dict[str, Any]:
    """What was sent, as the product link stores it."""
    sent: dict[str, Any] = {
        "title": content.title,
        "description": content.description,
        "prices": {sku: _amount(price) for sku, price in content.prices.items()},
    }
    if content.images is not None:
        sent["images"] = list(content.images)
    return sent


def _sent(raw: Any) -> SentContent:
    """The product link's record of what was sent."""
    return SentContent(
        title=str(raw.get("title", "")),
        description=str(raw.get("description", "")),
        prices={str(k): Decimal(str(v)) for k, v in dict(raw.get("prices") or {}).items()},
        images=tuple(str(i) for i in raw["images"]) if "images" in raw else None,
    )


def _amount(value: Any) -> str:
    return format(value, "f")


def _expiry(day: Any) -> int:
    return int(datetime.combine(day, time(0), tzinfo=timezone.utc).timestamp())


def _listing_body(
    listing: ResolvedListing, warehouse_id: str, policy: PublishPolicy
) -> dict[str, Any]:
    """Create Product's (and Check Product Listing's) body for a product the rules passed."""
    product = listing.product
    body: dict[str, Any] = {
        "title": product.title,
        "description": product.description,
        "category_id": listing.target.category_id,
        "category_version": listing.target.version.value,
        "main_images": [{"uri": uri} for uri in product.images],
        "save_mode": "LISTING",
        "skus": [],
    }
    for resolved in listing.skus:
        sku = resolved.sku
        options: list[dict[str, Any]] = []
        for n, choice in enumerate(resolved.attributes):
            option: dict[str, Any] = (
                {"id": choice.attribute_id} if choice.attribute_id else {"name": choice.name}
            )
            option.update(
                {"value_id": choice.value_id}
                if choice.value_id
                else {"value_name": choice.value_name}
            )
            if n == 0 and sku.image:
                option["sku_img"] = {"uri": sku.image}
            options.append(option)
        wire_sku: dict[str, Any] = {
            "seller_sku": sku.seller_sku,
            "price": {"amount": _amount(sku.price), "currency": policy.currency},
            "inventory": [
                {"warehouse_id": warehouse_id, "quantity": min(max(0, sku.quantity), MAX_QUANTITY)}
            ],
            "sales_attributes": options,
        }
        # Stripped as the listing check strips it, so the code checked is the code sent.
        if jan := sku.identifier_code.strip():
            wire_sku["identifier_code"] = {"code": jan, "type": "JAN"}
        body["skus"].append(wire_sku)
    if listing.brand_id:
        body["brand_id"] = listing.brand_id
    if listing.attributes:
        body["product_attributes"] = [
            {
                "id": choice.attribute_id,
                "values": [{"id": v.id} if v.id else {"name": v.name} for v in choice.values],
            }
            for choice in listing.attributes
        ]
    if product.package_weight is not None:
        weight = product.package_weight
        body["package_weight"] = {"value": _amount(weight.value), "unit": weight.unit.value}
    if product.package_dimensions is not None:
        size = product.package_dimensions
        body["package_dimensions"] = {
            "length": _amount(size.length),
            "width": _amount(size.width),
            "height": _amount(size.height),
            "unit": size.unit.value,
        }
    if product.size_chart_image:
        body["size_chart"] = {"image": {"uri": product.size_chart_image}}
    elif product.size_chart_template_id:
        body["size_chart"] = {"template": {"id": product.size_chart_template_id}}
    if product.certifications:
        body["certifications"] = [
            {
                "id": c.id,
                "images": [{"uri": uri} for uri in c.images],
                **({"expiration_date": _expiry(c.expires)} if c.expires is not None else {}),
            }
            for c in product.certifications
        ]
    return body


def _stored_suggestion(record: CategoryMappingRecord, facts: CatalogFacts) -> CategorySuggestion:
    """A kept suggestion, with the shop's permission on it as today's category tree says."""
    target = CategoryTarget(category_id=record.category_id, version=CategoryVersion(record.version))
    node = facts.tree.get(record.category_id) if facts.tree is not None else None
    return CategorySuggestion(
        target=target,
        path=record.path,
        permissions=node.permissions if node is not None else frozenset(),
    )


class _PublishCore(JobBase[ShopT, PublishPlan, PublishResult]):
    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        source: CatalogSource,
        policy: PublishPolicy | None = None,
        mappings: ListingMappings | None = None,
        listing_policy: ListingPolicy | None = None,
        images: ImageSource | None = None,
        states: ListingStateSink | None = None,
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
        self.mappings = settings.instance(
            "mappings",
            mappings,
            kinds=(ListingMappings, type(None)),
            example="ListingMappings(categories=CategoryMapping(rows={...}))",
        )
        self.listing_policy = settings.instance(
            "listing_policy",
            listing_policy or ListingPolicy(),
            kinds=(ListingPolicy,),
            example="ListingPolicy()",
        )
        self.images = images
        self.states = states
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
        categories: CategoryMappingReport | None = None
        warehouse = self.policy.warehouse_id or ""
        if not warehouse and decisions.creates:
            warehouses: list[Warehouse] = yield from self._call(logistics_api.warehouses_spec())
            warehouse = default_warehouse(sales_warehouses(warehouses))
        stored = self.state.product_links(self.shop_key)
        sent = {c: _sent(link["sent"]) for c, link in stored.items() if link.get("sent")}
        edits, held_edits = plan_edits(
            catalog,
            links=links,
            listed=listed,
            sent=sent,
            rules=self.policy,
            policy=self.listing_policy,
        )
        baselines = tuple(
            (p.catalog_id, SentContent.of(p))
            for p in eligible
            if p.catalog_id in links and p.catalog_id not in sent
        ) + tuple(
            (p.catalog_id, attrs.evolve(sent[p.catalog_id], images=p.image_uris))
            for p in eligible
            if p.catalog_id in sent and sent[p.catalog_id].images is None
        )
        if decisions.creates:
            creates = [a.product for a in decisions.actions if a.kind == "create"]
            verdicts, categories = yield from self._check(creates, warehouse)
            decisions = gate_creates(decisions, verdicts)
        return PublishPlan(
            shop=self.shop_key,
            actions=decisions.actions,
            listings=decisions.listings,
            skipped=decisions.skipped,
            warehouse_id=warehouse,
            blocked=decisions.blocked,
            categories=categories,
            edits=edits,
            held_edits=held_edits,
            baselines=baselines,
        )

    # --- the listing rules ---------------------------------------------------------------------

    def _version(self) -> CategoryVersion:
        return CategoryVersion(self.policy.category_version)

    def _stored(self) -> list[CategoryMappingRecord]:
        """The state store's category mapping rows (none when the store keeps no mappings)."""
        if not isinstance(self.state, CategoryMappingStore):
            return []
        return self.state.category_mappings(self.shop_key)

    def _mappings(
        self, products: Iterable[CatalogProduct], stored: list[CategoryMappingRecord]
    ) -> ListingMappings | None:
        """The host's mappings: the stored confirmed rows, overridden by the job's ``mappings``;
        None when the host has neither (each ``category_id`` is then TikTok's leaf id)."""
        confirmed = confirmed_mapping(stored)
        if self.mappings is None and not confirmed.rows:
            return None
        given = self.mappings or ListingMappings()
        return attrs.evolve(given, categories=confirmed.extend(given.categories.rows))

    def _leaf_ids(self, products: Iterable[CatalogProduct]) -> ListingMappings:
        """Without the host's mappings, each ``category_id`` is TikTok's leaf id itself."""
        version = self._version()
        rows = {
            p.category_id: CategoryTarget(category_id=p.category_id, version=version)
            for p in products
            if p.category_id.strip()
        }
        return ListingMappings(categories=ListingMappings().categories.extend(rows))

    def _check(
        self, products: Sequence[CatalogProduct], warehouse: str
    ) -> Steps[tuple[dict[str, ListingDecision], CategoryMappingReport | None]]:
        """Each new product through the validator, then (if it passed) TikTok's listing check;
        with the host's mappings, the category report with TikTok's suggestions."""
        stored = self._stored()
        host = self._mappings(products, stored)
        mappings = host if host is not None else self._leaf_ids(products)
        facts = yield from self._facts(products, mappings)
        categories = None
        if host is not None:
            categories = category_mapping_report(
                [listing_product(p, {}) for p in products], mappings.categories, facts.tree
            )
            categories = yield from self._suggest(categories, stored, facts)
        verdicts: dict[str, ListingDecision] = {}
        for product in products:
            report = check_listing(
                listing_product(product, {}),
                mappings=mappings,
                facts=facts,
                policy=self.listing_policy,
            )
            verdict: ListingDecision = decide_listing(report)
            if isinstance(verdict, Ready):
                uris = yield from self._upload(product)
                report = check_listing(
                    listing_product(product, uris),
                    mappings=mappings,
                    facts=facts,
                    policy=self.listing_policy,
                )
                verdict = decide_listing(report)
            if isinstance(verdict, Ready):
                body = _listing_body(verdict.listing, warehouse, self.policy)
                reply: ListingCheck = yield from self._call(products_api.check_listing_spec(body))
                verdict = apply_listing_check(verdict, listing_check_outcome(reply))
            verdicts[product.catalog_id] = verdict
        return verdicts, categories

    def _suggest(
        self,
        report: CategoryMappingReport,
        stored: list[CategoryMappingRecord],
        facts: CatalogFacts,
    ) -> Steps[CategoryMappingReport]:
        """TikTok's Recommend Category for each unmapped host category, asked on its first
        title once: the answer is kept in the state store as a suggestion for later runs."""
        kept = {r.host_key: r for r in stored if r.status == "suggested"}
        found: dict[str, CategorySuggestion] = {}
        for unmapped in report.unmapped:
            record = kept.get(fold(unmapped.host_category))
            if record is not None:
                found[unmapped.host_category] = _stored_suggestion(record, facts)
                continue
            if not unmapped.example_titles or not unmapped.host_category.strip():
                continue
            spec = products_api.recommend_category_spec(
                unmapped.example_titles[0], category_version=self.policy.category_version
            )
            try:
                reply: CategoryRecommendation = yield from self._call(spec)
            except APIError:
                continue  # no matching category (12019064): the host maps it by hand
            suggestion = category_suggestion(reply, self._version())
            if suggestion is None:
                continue
            found[unmapped.host_category] = suggestion
            if isinstance(self.state, CategoryMappingStore):
                self.state.put_category_mapping(
                    CategoryMappingRecord(
                        shop=self.shop_key,
                        host_category=unmapped.host_category,
                        category_id=suggestion.target.category_id,
                        version=suggestion.target.version.value,
                        status="suggested",
                        path=suggestion.path,
                        updated_at=self._now(),
                    )
                )
        return report.with_suggestions(found) if found else report

    def _facts(
        self, products: Sequence[CatalogProduct], mappings: ListingMappings
    ) -> Steps[CatalogFacts]:
        """What TikTok says about the shop and the categories the new products map to."""
        version = self._version()
        query: Any = {"category_version": version.value, "locale": LOCALE}
        tree = category_tree((yield from self._call(products_api.categories_spec(query))), version)
        wanted: dict[str, bool] = {}
        for product in products:
            target = mappings.categories.find(product.category_id)
            if target is None:
                continue
            node = tree.get(target.category_id)
            if node is not None and node.is_leaf:
                wanted[target.category_id] = wanted.get(target.category_id, False) or bool(
                    product.brand
                )
        categories: dict[str, CategoryFacts] = {}
        for category_id, with_brands in sorted(wanted.items()):
            attributes = yield from self._call(
                products_api.attributes_spec(
                    category_id, category_version=version.value, locale=LOCALE
                )
            )
            rules = yield from self._call(
                products_api.category_rules_spec(
                    category_id, category_version=version.value, locale=LOCALE
                )
            )
            brands = (yield from self._brands(category_id)) if with_brands else []
            categories[category_id] = category_facts(
                category_id,
                attributes=category_wire.CategoryAttributes(attributes=attributes),
                rules=rules,
                brands=[category_wire.BrandsPage(brands=brands)],
            )
        checks = yield from self._call(products_api.prerequisites_spec())
        return CatalogFacts(tree=tree, categories=categories, prerequisites=prerequisites(checks))

    def _brands(self, category_id: str) -> Steps[list[category_wire.ShopBrand]]:
        """Every brand the shop may use, with its availability in ``category_id``."""
        pages = products_api.brands_pages(
            category_id=category_id,
            is_authorized=None,
            brand_name=None,
            category_version=self.policy.category_version,
            page_size=100,
        )
        found: list[category_wire.ShopBrand] = []
        token: str | None = None
        while True:
            page = yield from self._call(pages(token))
            found += page.items
            if not page.next_page_token:
                return found
            token = page.next_page_token

    def _upload(self, product: CatalogProduct) -> Steps[dict[str, str]]:
        """The product's images as TikTok URIs, each uploaded once (see the module notes)."""
        size_chart = product.size_chart_image
        sku_images = {s.image for s in product.skus if s.image}
        certificates = {i for c in product.certifications for i in c.images}
        uses: dict[str, str] = {}
        for ref in image_refs(product):
            if ref in product.image_uris:
                uses[ref] = "MAIN_IMAGE"
            elif ref in sku_images:
                uses[ref] = "ATTRIBUTE_IMAGE"
            elif ref == size_chart:
                uses[ref] = "SIZE_CHART_IMAGE"
            else:
                uses[ref] = "CERTIFICATION_IMAGE" if ref in certificates else "MAIN_IMAGE"
        return (yield from self._upload_refs(product.catalog_id, uses))

    def _upload_refs(self, catalog_id: str, uses: dict[str, str]) -> Steps[dict[str, str]]:
        """Host image reference -> TikTok URI for each reference and use, uploaded once; without
        an ImageSource the references are TikTok URIs already."""
        if self.images is None:
            return {ref: ref for ref in uses}
        uris: dict[str, str] = {}
        for ref, use in uses.items():
            data = yield from self._port(self.images.image, self.shop_key, ref)
            if not isinstance(data, bytes | bytearray) or not data:
                raise ConfigurationError(
                    f"ImageSource.image({ref!r}) must return the image's bytes, got "
                    f"{type(data).__name__}."
                )
            key = f"image:{use}:{hashlib.sha256(data).hexdigest()}"
            cached = self.state.ledger_get(self.shop_key, [key]).get(key)
            if cached is not None and cached.status == "done" and cached.detail.get("uri"):
                uris[ref] = str(cached.detail["uri"])
                continue
            name = ref.rstrip("/").rsplit("/", 1)[-1] or "image.jpg"
            uploaded: UploadedImage = yield from self._call(
                products_api.upload_spec(bytes(data), name, use)
            )
            self.state.ledger_put(
                LedgerEntry(
                    shop=self.shop_key,
                    key=key,
                    kind="upload",
                    status="done",
                    detail={"uri": uploaded.uri},
                    updated_at=self._now(),
                )
            )
            self._report("uploaded", catalog_id, f"image {name}", self._now())
            uris[ref] = uploaded.uri
        return uris

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
                    action.catalog_id,
                    action.product_id,
                    dict(action.sku_ids),
                    now,
                    created=False,
                    sent=SentContent.of(action.product),
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
            if action.listing is None:  # gate_creates gives every create one
                raise ConfigurationError(f"{action.catalog_id} was planned without listing rules")
            body = _listing_body(action.listing, plan.warehouse_id, self.policy)
            try:
                result: CreatedProduct = yield from self._call(
                    products_api.create_spec(
                        body, idempotency_key=f"{self.shop_key}:{action.catalog_id}"
                    )
                )
            except (APIError, APIConnectionError) as error:
                lost = error.may_have_applied
                if isinstance(error, APIConnectionError) and not lost:
                    raise  # nothing reached TikTok: it cannot be reached now
                self._ledger(key, "unknown" if lost else "failed", {"error": str(error)}, now)
                if lost:
                    reason = (
                        f"{unknown_outcome_cause(error)}: the product may have been created. "
                        "The next run looks its seller SKUs up on TikTok and links it, or "
                        "creates it with the same idempotency key"
                    )
                    unknown.append(f"{action.catalog_id}: {reason}")
                    self._report("unknown", action.catalog_id, reason, now)
                    continue
                failures.append(f"{action.catalog_id}: {error}")
                self._report("failed", action.catalog_id, str(error), now)
                continue
            sku_ids = {s.seller_sku: s.id for s in result.skus}
            self._link(
                action.catalog_id,
                result.product_id,
                sku_ids,
                now,
                created=True,
                sent=SentContent.of(action.product),
            )
            self._ledger(key, "done", {"product_id": result.product_id}, now)
            created += 1
            warnings = "; ".join(w.message for w in result.warnings)
            self._report(
                "created",
                action.catalog_id,
                f"listed as {result.product_id}, in review. {warnings}".strip(),
                now,
            )
        edited = yield from self._edit(plan, failures, now)
        for blocked in plan.blocked:
            kind = "needs_data" if blocked.decision.state is ListingState.NEEDS_DATA else "refused"
            self._report(kind, blocked.catalog_id, blocked.describe("en"), now)
        if self.states is not None:
            yield from self._port(
                self.states.listing_states, self.shop_key, plan.listings, plan.blocked
            )
        return PublishResult(
            created=created,
            linked=linked,
            failed=len(failures),
            listings=plan.listings,
            failures=tuple(failures),
            unknown=len(unknown),
            unknown_outcomes=tuple(unknown),
            blocked=plan.blocked,
            edited=edited,
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

    def _edit(self, plan: PublishPlan, failures: list[str], now: datetime) -> Steps[int]:
        """Send the plan's partial edits, then remember what TikTok now holds.

        An edit sends absolute values, so one repeated after a crash changes nothing: no
        ledger entry is needed, only the link's record of what was sent, written after.
        """
        links = self.state.product_links(self.shop_key)
        for catalog_id, content in plan.baselines:
            recorded = links.get(catalog_id, {}).get("sent") or {}
            if catalog_id in links and (not recorded or "images" not in recorded):
                links[catalog_id]["sent"] = _sent_json(content)
                self.state.put_product_link(self.shop_key, catalog_id, links[catalog_id])
        edited = 0
        for edit in plan.edits:
            link = links.get(edit.catalog_id)
            if link is None:
                continue
            texts = (("title", edit.title), ("description", edit.description))
            changes: dict[str, Any] = {k: v for k, v in texts if v is not None}
            sku_ids: dict[str, str] = dict(link.get("sku_ids") or {})
            prices: list[PriceUpdate] = [
                {"sku_id": sku_ids[sku], "amount": _amount(price)}
                for sku, price in edit.prices
                if sku in sku_ids
            ]
            try:
                if edit.images is not None:
                    uploaded = yield from self._upload_refs(
                        edit.catalog_id, dict.fromkeys(edit.images, "MAIN_IMAGE")
                    )
                    changes["main_images"] = [{"uri": uploaded[ref]} for ref in edit.images]
                if changes:
                    yield from self._call(products_api.partial_edit_spec(edit.product_id, changes))
                if prices:
                    yield from self._call(products_api.price_spec(edit.product_id, prices))
            except APIError as error:
                failures.append(f"{edit.catalog_id}: edit: {error}")
                self._report("failed", edit.catalog_id, f"edit: {error}", now)
                continue
            link["sent"] = _sent_json(edit.content)
            self.state.put_product_link(self.shop_key, edit.catalog_id, link)
            edited += 1
            self._report("edited", edit.catalog_id, edit.describe(), now)
        for held in plan.held_edits:
            self._report("needs_data", held.catalog_id, held.describe("en"), now)
        return edited

    def _link(
        self,
        catalog_id: str,
        product_id: str,
        sku_ids: dict[str, str],
        now: datetime,
        *,
        created: bool,
        sent: SentContent,
    ) -> None:
        self.state.put_product_link(
            self.shop_key,
            catalog_id,
            {
                "product_id": product_id,
                "sku_ids": sku_ids,
                "linked_at": now.isoformat(),
                "created": created,
                "sent": _sent_json(sent),
            },
        )


class ProductPublish(_PublishCore[ShopClient], Job[PublishPlan, PublishResult]):
    """Publish catalog products to TikTok with the blocking client (plan, apply, run)."""


class AsyncProductPublish(_PublishCore[AsyncShopClient], AsyncJob[PublishPlan, PublishResult]):
    """Publish catalog products to TikTok with the async client (plan, apply, run)."""
