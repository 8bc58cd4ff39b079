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

from tiktokshop_sync.domain._language import Language
from tiktokshop_sync.domain._validate import require_instance
from tiktokshop_sync.domain.listing_check import (
    ListingPolicy,
    ListingReport,
    ResolvedListing,
    check_listing,
)
from tiktokshop_sync.domain.listing_decision import ListingDecision, NeedsData, RefusedByTikTok
from tiktokshop_sync.domain.listing_facts import CatalogFacts, CategoryTarget
from tiktokshop_sync.domain.listing_mapping import CategoryMapping, ListingMappings
from tiktokshop_sync.domain.listing_product import (
    FieldValue,
    ListingCertification,
    ListingProduct,
    ListingSku,
    PackageDimensions,
    PackageWeight,
)
from tiktokshop_sync.domain.planning._repr import counted
from tiktokshop_sync.domain.stock import TIKTOK_MAX_QUANTITY

__all__ = [
    "BlockedProduct",
    "CatalogProduct",
    "CatalogSku",
    "FetchedCatalog",
    "KnownListings",
    "ListedProduct",
    "ListingStatus",
    "PublishAction",
    "PublishDecisions",
    "PublishEdit",
    "PublishRules",
    "SalesWarehouse",
    "SentContent",
    "default_warehouse",
    "gate_creates",
    "image_refs",
    "listing_product",
    "plan_edits",
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
    image: str = ""
    """The picture of this SKU's first option value (a host image reference), if any."""
    jan: str = attrs.field(
        default="", validator=require_instance(str, example='jan="4901234567894"')
    )
    """The JAN code (JANコード), as text so leading zeros stay; sent as TikTok's
    ``identifier_code`` of type JAN, without surrounding spaces. Empty for none."""


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
    fields: Mapping[str, FieldValue] = attrs.field(factory=dict, repr=False)
    """The host's own fields (素材: 綿) that the attribute mapping reads."""
    brand: str = ""
    """The host's brand name (or TikTok's brand id); empty for none."""
    package_dimensions: PackageDimensions | None = None
    size_chart_image: str = attrs.field(default="", repr=False)
    certifications: tuple[ListingCertification, ...] = ()


@attrs.frozen(kw_only=True)
class ListedProduct:
    """A linked product as TikTok shows it: its status and review (審査) state."""

    product_id: str
    status: str
    audit_status: str = ""
    reasons: tuple[str, ...] = ()
    """TikTok's reasons when its review failed (審査NG)."""


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
    listing: ResolvedListing | None = attrs.field(default=None, repr=False)
    """What to send for a create, once the listing rules passed (None: sent as the host gave it)."""
    tiktok_warning: str = ""
    """What TikTok's listing check warned about a create it passed."""


@attrs.frozen(kw_only=True)
class ListingStatus:
    """A linked listing's status and review (審査) state on TikTok."""

    catalog_id: str
    product_id: str
    status: str
    audit_status: str
    note: str = ""
    reasons: tuple[str, ...] = ()
    """TikTok's reasons when its review failed (審査NG), for the seller to fix."""


@attrs.frozen(kw_only=True)
class BlockedProduct:
    """A product the listing rules hold back: 不足項目あり, or refused by TikTok's check."""

    catalog_id: str
    decision: NeedsData | RefusedByTikTok = attrs.field(repr=lambda d: type(d).__name__)

    def describe(self, language: Language = "ja") -> str:
        """What is missing (the validator's words) or TikTok's reasons, one per line."""
        return self.decision.describe(language)


@attrs.frozen(kw_only=True)
class PublishDecisions:
    """What one publish creates, links and reports."""

    actions: tuple[PublishAction, ...] = attrs.field(default=(), repr=counted)
    listings: tuple[ListingStatus, ...] = attrs.field(default=(), repr=counted)
    skipped: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=counted)
    blocked: tuple[BlockedProduct, ...] = attrs.field(default=(), repr=counted)

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
    note = ""
    if listed.status == "SELLER_DEACTIVATED":
        note = "paused by the seller on TikTok (停止中): left paused"
    elif listed.status == "FAILED" or listed.audit_status == "FAILED":
        note = "review failed (審査NG): " + (" / ".join(listed.reasons) or "TikTok gave no reason")
    return ListingStatus(
        catalog_id=product.catalog_id,
        product_id=listed.product_id,
        status=listed.status,
        audit_status=listed.audit_status,
        note=note,
        reasons=listed.reasons,
    )


def default_warehouse(warehouses: Sequence[SalesWarehouse]) -> str:
    """The sales warehouse first stock goes to: the default one, else the first enabled ("")."""
    for warehouse in warehouses:
        if warehouse.is_default:
            return warehouse.id
    enabled = [w for w in warehouses if w.enabled]
    return enabled[0].id if enabled else ""


def image_refs(product: CatalogProduct) -> tuple[str, ...]:
    """Every image a product's listing needs, once each: main images, SKU images, size chart,
    certificates."""
    refs = [
        *product.image_uris,
        *(s.image for s in product.skus),
        product.size_chart_image,
        *(image for c in product.certifications for image in c.images),
    ]
    return tuple(dict.fromkeys(r for r in refs if r))


def listing_product(product: CatalogProduct, images: Mapping[str, str]) -> ListingProduct:
    """The catalog product as the listing validator reads it; an image reference already
    uploaded is replaced by its TikTok URI (``images``: reference -> URI)."""

    def uri(ref: str) -> str:
        return images.get(ref, ref)

    weight = (
        None
        if product.package_weight_grams is None
        else PackageWeight(value=Decimal(product.package_weight_grams))
    )
    return ListingProduct(
        catalog_id=product.catalog_id,
        title=product.title,
        description=product.description,
        category=product.category_id,
        images=tuple(uri(i) for i in product.image_uris),
        skus=tuple(
            ListingSku(
                seller_sku=sku.seller_sku,
                price=sku.price,
                quantity=min(max(0, sku.quantity), TIKTOK_MAX_QUANTITY),  # capped as sent
                options=sku.attributes,
                image=uri(sku.image) if sku.image else "",
                identifier_code=sku.jan.strip(),
            )
            for sku in product.skus
        ),
        fields=product.fields,
        brand=product.brand,
        package_weight=weight,
        package_dimensions=product.package_dimensions,
        size_chart_image=uri(product.size_chart_image) if product.size_chart_image else "",
        certifications=tuple(
            attrs.evolve(c, images=tuple(uri(i) for i in c.images)) for c in product.certifications
        ),
    )


def gate_creates(
    decisions: PublishDecisions, verdicts: Mapping[str, ListingDecision]
) -> PublishDecisions:
    """Keep the creates the listing rules let through (each with what to send); hold back the
    others with what is missing or TikTok's reasons. Links and listings are untouched; a create
    without a verdict is held back as not checked (never sent blind)."""
    actions: list[PublishAction] = []
    blocked: list[BlockedProduct] = []
    skipped = list(decisions.skipped)
    for action in decisions.actions:
        if action.kind != "create":
            actions.append(action)
            continue
        verdict = verdicts.get(action.catalog_id)
        if verdict is None:
            skipped.append((action.catalog_id, "listing rules not checked: not sent"))
        elif isinstance(verdict, NeedsData | RefusedByTikTok):
            blocked.append(BlockedProduct(catalog_id=action.catalog_id, decision=verdict))
        else:
            actions.append(
                attrs.evolve(action, listing=verdict.listing, tiktok_warning=verdict.tiktok_warning)
            )
    return PublishDecisions(
        actions=tuple(actions),
        listings=decisions.listings,
        skipped=tuple(skipped),
        blocked=tuple(blocked),
    )


@attrs.frozen(kw_only=True)
class SentContent:
    """What the publish last sent for a linked product: title, description, SKU prices, main
    images."""

    title: str = attrs.field(repr=False)
    description: str = attrs.field(repr=False)
    prices: Mapping[str, Decimal] = attrs.field(factory=dict, repr=counted)
    """Seller SKU -> price."""
    images: tuple[str, ...] | None = attrs.field(default=None, repr=False)
    """The host's references of the main images sent, in order; None when not recorded (a link
    written before images were): the host's images then become the baseline, not an edit."""

    @classmethod
    def of(cls, product: CatalogProduct) -> SentContent:
        """The catalog product's content as a create (or a link) leaves it on TikTok."""
        return cls(
            title=product.title,
            description=product.description,
            prices={sku.seller_sku: sku.price for sku in product.skus},
            images=product.image_uris,
        )


@attrs.frozen(kw_only=True)
class PublishEdit:
    """A partial edit of a linked product: what changed in the host since it was last sent."""

    catalog_id: str
    product_id: str
    title: str | None = attrs.field(default=None, repr=False)
    description: str | None = attrs.field(default=None, repr=False)
    prices: tuple[tuple[str, Decimal], ...] = ()
    """(seller SKU, new price), for a live product only (TikTok takes prices of live ones)."""
    images: tuple[str, ...] | None = attrs.field(default=None, repr=False)
    """The new main images (the host's references, uploaded when the edit is applied)."""
    content: SentContent = attrs.field(repr=False)
    """What TikTok will hold once the edit is applied (what to remember as sent)."""

    def describe(self) -> str:
        """``title, description, images, 2 price(s)``."""
        parts = [
            name
            for name, value in (
                ("title", self.title),
                ("description", self.description),
                ("images", self.images),
            )
            if value is not None
        ]
        if self.prices:
            parts.append(f"{len(self.prices)} price(s)")
        return ", ".join(parts)


_NOT_EDITABLE = frozenset({"DELETED", "FREEZE"})


def _changed_fields(
    issue_field: str, title: bool, description: bool, images: bool, skus: set[str]
) -> bool:
    if issue_field == "title":
        return title
    if issue_field == "description":
        return description
    if issue_field == "main_images":
        return images
    return any(issue_field.startswith(f"skus[{sku}].price") for sku in skus)


def plan_edits(
    catalog: Iterable[CatalogProduct],
    *,
    links: Mapping[str, str],
    listed: Mapping[str, ListedProduct],
    sent: Mapping[str, SentContent],
    rules: PublishRules,
    policy: ListingPolicy | None = None,
) -> tuple[tuple[PublishEdit, ...], tuple[BlockedProduct, ...]]:
    """Partial edits for linked products whose title, description, main images or prices changed
    in the host since they were last sent, each checked by the listing validator's rules for
    those fields; an edit that breaks them is held back (needs data) and nothing of it is sent.

    Main images compare by the host's references (a picture replaced under the same reference
    is not seen). Stock is the inventory push's job; attributes, the category and JAN codes are
    not edited (a JAN would go out with the whole ``skus`` list). New prices wait until the
    product is live (TikTok refuses prices of a paused one); a deleted or frozen product is not
    edited.
    """
    eligible, _skipped = publish_candidates(catalog, rules)
    edits: list[PublishEdit] = []
    held: list[BlockedProduct] = []
    for product in eligible:
        product_id = links.get(product.catalog_id)
        before = sent.get(product.catalog_id)
        state = listed.get(product_id or "")
        if product_id is None or before is None or state is None:
            continue
        if state.status in _NOT_EDITABLE:
            continue
        title = product.title if product.title != before.title else None
        description = product.description if product.description != before.description else None
        images = (
            product.image_uris
            if before.images is not None and product.image_uris != before.images
            else None
        )
        live = state.status == "ACTIVATE"
        prices = tuple(
            (sku.seller_sku, sku.price)
            for sku in product.skus
            if live
            and sku.seller_sku in before.prices
            and sku.price != before.prices[sku.seller_sku]
        )
        if title is None and description is None and images is None and not prices:
            continue
        target = CategoryTarget(category_id=product.category_id or "0")
        mappings = ListingMappings(
            categories=CategoryMapping(rows={product.category_id or "-": target})
        )
        report = check_listing(
            listing_product(product, {}), mappings=mappings, facts=CatalogFacts(), policy=policy
        )
        changed_skus = {sku for sku, _ in prices}
        issues = tuple(
            i
            for i in report.issues
            if _changed_fields(
                i.field,
                title is not None,
                description is not None,
                images is not None,
                changed_skus,
            )
        )
        if issues:
            held.append(
                BlockedProduct(
                    catalog_id=product.catalog_id,
                    decision=NeedsData(
                        report=ListingReport(catalog_id=product.catalog_id, issues=issues)
                    ),
                )
            )
            continue
        content = SentContent(
            title=product.title if title is not None else before.title,
            description=product.description if description is not None else before.description,
            prices={**before.prices, **dict(prices)},
            images=product.image_uris if images is not None else before.images,
        )
        edits.append(
            PublishEdit(
                catalog_id=product.catalog_id,
                product_id=product_id,
                title=title,
                description=description,
                prices=prices,
                images=images,
                content=content,
            )
        )
    return tuple(edits), tuple(held)
