"""Inventory push (在庫連携): OMS stock per location (拠点) to TikTok warehouses (倉庫).

Available quantity x buffer % (SmartShip publishes 80 % or 50 % of stock to limit overselling),
an optional cap and out-of-stock threshold; only quantities that changed since the last push
are sent, SKUs are matched by seller SKU, and per-item failures are reported.

It only ever calls Update Inventory, which changes quantities and never a listing's status: a
product the seller paused on TikTok (停止中) stays paused however often stock is pushed
(CoreLink's stock sync re-published paused products; this cannot). TikTok takes stock only for
live (``ACTIVATE``) listings (update-inventory.spec.json), so the stock of a paused or
in-review listing is not sent: the plan and the result name each such SKU and why.

Quantities above TikTok's maximum (99,999) are capped with a plan note. Stock the OMS does not
manage (在庫管理をしない: ``StockLevel(untracked=True)``, or a number at or above
``InventoryPolicy.untracked_sentinel``) is sent as ``untracked_quantity`` (TikTok's maximum by
default), never buffered, and the plan says "untracked". A push whose reply was lost is recorded
``unknown``; the next run compares TikTok's quantities with the OMS before sending again.

Ambiguous stock is refused, never guessed. One (seller SKU, location) given twice stops the plan
with ``DuplicateStockLevelError`` (different locations of one warehouse are still added up). A
seller SKU that several TikTok SKUs carry (a re-listed copy, a second product page) gets no push:
each TikTok SKU sells from its own stock, so the figure sent to all is oversold and sent to one
leaves the others stale. The plan lists it in ``shared`` and the result counts it ``failed``,
naming the product and SKU ids, until each listing has its own seller SKU.

The decisions are the pure :func:`~tiktokshop_sync.domain.planning.plan_inventory`'s: this
module fetches (the host's stock, TikTok's listings), reads the state once, and applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.pagination import PageWalker
from .._core.tabular import Tabular
from .._exceptions import (
    APIConnectionError,
    APIError,
    ConfigurationError,
    unknown_outcome_cause,
)
from ..domain import StockPushRule, Tracked, UntrackedSentinel, decide_push_quantity
from ..domain.planning import (
    InventoryDecisions,
    KnownStock,
    ListedSku,
    SharedSellerSku,
    SkuNotPushed,
    SkuPush,
    plan_inventory,
)
from ..resources import products as products_api
from ..types.common import ItemError
from ..types.product import BatchResult, Product
from ._describe import skipped_lines
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .ports import StockSource
from .progress import ProgressCallback, Reporter
from .state import LedgerEntry, StateStore
from .translate import listed_skus
from .values import StockLevel

__all__ = [
    "AsyncInventoryPush",
    "InventoryPlan",
    "InventoryPolicy",
    "InventoryPush",
    "InventoryResult",
    "SharedSellerSku",
    "SkuNotPushed",
    "SkuPush",
]

JOB = "inventory"
MAX_QUANTITY = products_api.MAX_QUANTITY
#: TikTok's code for a product whose status does not allow the operation (not ACTIVATE).
NOT_LIVE = 12052901


def _quantity(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None and attribute.name == "max_quantity":
        return
    low = 1 if attribute.name == "untracked_quantity" else 0  # TikTok's range is [1, 99,999]
    settings.whole_number(
        f"InventoryPolicy.{attribute.name}", value, low=low, high=MAX_QUANTITY, unit="units"
    )


def _locations(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value:
        raise ConfigurationError(
            "InventoryPolicy.locations must map at least one OMS location (拠点) to a TikTok "
            f"warehouse id (倉庫), e.g. {{'main': '7068517275539719942'}}, got {value!r}."
        )
    for location, warehouse in value.items():
        settings.text("InventoryPolicy.locations key", location, example="'main'")
        settings.identifier(
            f"InventoryPolicy.locations[{location!r}]", warehouse, example="7068517275539719942"
        )
    return dict(value)


@attrs.frozen(kw_only=True)
class InventoryPolicy:
    """Which OMS locations feed which TikTok warehouses, and how much stock to show."""

    locations: Mapping[str, str] = attrs.field(converter=_locations)
    buffer_percent: int = attrs.field(default=100, validator=settings.check_field(settings.percent))
    """Whole percent of available stock to show, 0-100 (80 shows 80 %; 0.8 is refused)."""
    max_quantity: int | None = attrs.field(default=None, validator=_quantity)
    """At most this many units per warehouse (None: no cap)."""
    out_of_stock_threshold: int = attrs.field(default=0, validator=_quantity)
    """Show 0 when the OMS has this many units or fewer."""
    untracked_quantity: int = attrs.field(default=MAX_QUANTITY, validator=_quantity)
    """What an untracked item (在庫管理をしない) shows: 1-99,999, never buffered."""
    untracked_sentinel: UntrackedSentinel | None = attrs.field(
        default=None,
        validator=settings.check_field(
            settings.instance,
            kinds=(UntrackedSentinel, type(None)),
            example="UntrackedSentinel(at_least=99_999)",
        ),
    )
    """How the OMS spells "untracked" as a number (CoreLink's futureshop sends 99,999):
    ``UntrackedSentinel()`` reads 99,999 or more as untracked. None (the default) reads every
    number as a count; ``StockLevel(untracked=True)`` says it either way."""

    @property
    def push_rule(self) -> StockPushRule:
        """These settings as the domain's :class:`~tiktokshop_sync.domain.StockPushRule`."""
        return StockPushRule(
            buffer_percent=self.buffer_percent,
            max_quantity=self.max_quantity,
            out_of_stock_threshold=self.out_of_stock_threshold,
            untracked_quantity=self.untracked_quantity,
        )

    def listed_quantity(self, available: int) -> int:
        """What to show on TikTok for ``available`` units in the OMS."""
        return decide_push_quantity(Tracked(quantity=available), self.push_rule).quantity


@attrs.frozen(kw_only=True)
class InventoryPlan(Tabular):
    """What a push would send; ``describe()`` for a dry run.

    ``not_live`` lists SKUs of listings TikTok refuses stock for (paused, in review...);
    ``confirmed`` lists SKUs whose lost push TikTok shows as applied (recorded, not re-sent);
    ``shared`` lists seller SKUs several TikTok SKUs carry (nothing sent: fix them).
    """

    shop: str
    pushes: tuple[SkuPush, ...] = attrs.field(repr=summary)
    unchanged: int
    unknown_skus: tuple[str, ...] = attrs.field(repr=summary)
    not_live: tuple[SkuNotPushed, ...] = attrs.field(default=(), repr=summary)
    confirmed: tuple[SkuPush, ...] = attrs.field(default=(), repr=summary)
    skipped: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=summary)
    """(seller SKU, why) for every SKU in ``unknown_skus``."""
    shared: tuple[SharedSellerSku, ...] = attrs.field(default=(), repr=summary)
    """Seller SKUs several TikTok SKUs carry: not sent, and failed in the result."""

    def describe(self) -> str:
        """A readable summary for a seller."""
        lines = [f"inventory push for shop {self.shop}: {len(self.pushes)} SKU(s) changed"]
        for push in self.pushes:
            moves = ", ".join(
                f"{wh}: {push.previous.get(wh, '-')} -> {qty}"
                + (" (untracked)" if wh in push.untracked else "")
                for wh, qty in push.quantities.items()
            )
            lines.append(f"  {push.seller_sku}: {moves}")
            lines += [f"    {note}" for note in push.notes]
            if push.read_back:
                lines.append("    its last push lost TikTok's reply: the figures are TikTok's now")
        lines.append(f"  {self.unchanged} SKU(s) unchanged since the last push")
        for push in self.confirmed:
            lines.append(
                f"  {push.seller_sku}: its last push lost TikTok's reply; read back: applied"
            )
        for sku in self.not_live:
            lines.append(f"  not sent {sku.seller_sku}: {sku.reason}")
        for shared in self.shared:
            lines.append(f"  not sent {shared.seller_sku}: {shared.reason}")
        explained = {sku for sku, _ in self.skipped}
        unexplained = [
            (sku, "not on TikTok, or on no mapped warehouse")
            for sku in self.unknown_skus
            if sku not in explained
        ]
        lines += skipped_lines("SKU", [*self.skipped, *unexplained])
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class InventoryResult(Tabular):
    """What a push did.

    ``not_live`` names SKUs whose listing refuses stock (never "fixed" by activating it);
    ``unknown_outcomes`` names SKUs whose push lost its reply (read back on the next run);
    ``shared`` names seller SKUs several TikTok SKUs carry, also counted in ``failed``.
    """

    pushed: int = 0
    failed: int = 0
    unchanged: int = 0
    unknown: int = 0
    failures: tuple[str, ...] = attrs.field(default=(), repr=summary)
    not_live: tuple[SkuNotPushed, ...] = attrs.field(default=(), repr=summary)
    unknown_outcomes: tuple[str, ...] = attrs.field(default=(), repr=summary)
    confirmed: int = 0
    shared: tuple[SharedSellerSku, ...] = attrs.field(default=(), repr=summary)


def _stock_key(sku_id: str) -> str:
    return f"stock:{sku_id}"


class _PushCore(JobBase[ShopT, InventoryPlan, InventoryResult]):
    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        source: StockSource,
        policy: InventoryPolicy,
        shop_key: str | None = None,
        lease: LeasePolicy | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        if not isinstance(policy, InventoryPolicy):
            raise ConfigurationError("policy must be an InventoryPolicy with the location mapping.")
        self._bind(shop, shop_key, lease)
        self.state = state
        self.source = source
        self.policy = policy
        self._report = Reporter(JOB, self.shop_key, on_progress)

    def _plan_steps(self) -> Steps[InventoryPlan]:
        levels: list[StockLevel] = list(
            (yield from self._port(self.source.stock_levels, self.shop_key))
        )
        mapped = {level.seller_sku for level in levels if level.location in self.policy.locations}
        listed = yield from self._catalogue()
        known = KnownStock(
            pushed=self.state.pushed_quantities(self.shop_key),
            lost=frozenset(self._lost_pushes(s.sku_id for s in listed if s.seller_sku in mapped)),
        )
        decisions: InventoryDecisions = plan_inventory(levels, listed, known, self.policy)
        return InventoryPlan(
            shop=self.shop_key,
            pushes=decisions.pushes,
            unchanged=decisions.unchanged,
            unknown_skus=tuple(sku for sku, _ in decisions.skipped),
            not_live=decisions.not_live,
            confirmed=decisions.confirmed,
            skipped=decisions.skipped,
            shared=decisions.shared,
        )

    def _lost_pushes(self, sku_ids: Iterable[str]) -> set[str]:
        """SKU ids whose last push is ``unknown`` (its reply was lost)."""
        entries = self.state.ledger_get(self.shop_key, [_stock_key(s) for s in sku_ids])
        return {key[len("stock:") :] for key, e in entries.items() if e.status == "unknown"}

    def _catalogue(self) -> Steps[list[ListedSku]]:
        """Every SKU TikTok lists (product, SKU id, status, stock per warehouse).

        A list, not a map by seller SKU: two listings sharing one must reach the planner.
        """
        walker: PageWalker[Product] = PageWalker(products_api.search_pages({"page_size": 100}))
        found: list[ListedSku] = []
        while (spec := walker.next_spec()) is not None:
            page = walker.accept((yield from self._call(spec)))
            for product in page.items:
                found += listed_skus(product)
        return found

    def _apply_steps(self, plan: InventoryPlan) -> Steps[InventoryResult]:
        now = self._now()
        for push in plan.confirmed:
            self._record(push, now)
            self._report("confirmed", push.seller_sku, "lost reply read back: applied", now)
        by_product: dict[str, list[SkuPush]] = {}
        for push in plan.pushes:
            by_product.setdefault(push.product_id, []).append(push)
        pushed = 0
        failures: list[str] = []
        not_live = list(plan.not_live)
        unknown: list[str] = []
        for sku in plan.not_live:
            self._report("not_live", sku.seller_sku, sku.reason, now)
        for shared in plan.shared:
            failures.append(f"{shared.seller_sku}: {shared.reason}")
            self._report("failed", shared.seller_sku, shared.reason, now)
        for product_id, pushes in by_product.items():
            updates: list[products_api.InventoryUpdate] = [
                {
                    "sku_id": p.sku_id,
                    "inventory": [
                        {"warehouse_id": wh, "quantity": q} for wh, q in p.quantities.items()
                    ],
                }
                for p in pushes
            ]
            try:
                result: BatchResult = yield from self._call(
                    products_api.inventory_spec(product_id, updates)
                )
            except (APIError, APIConnectionError) as error:
                if error.may_have_applied:
                    for p in pushes:
                        unknown.append(f"{p.seller_sku}: {self._lost(p, error, now)}")
                    continue
                if isinstance(error, APIConnectionError):
                    raise  # nothing reached TikTok: it cannot be reached now
                for p in pushes:
                    if error.code == NOT_LIVE:
                        # The listing stopped being live between plan and apply.
                        refused = SkuNotPushed(
                            seller_sku=p.seller_sku,
                            product_id=product_id,
                            status="",
                            reason=f"TikTok refused its stock ({error.code}): the listing is not "
                            "live (paused or in review); it is left as it is",
                        )
                        not_live.append(refused)
                        self._report("not_live", p.seller_sku, refused.reason, now)
                        continue
                    failures.append(f"{p.seller_sku}: {error}")
                    self._report("failed", p.seller_sku, str(error), now)
                continue
            failed_skus = {e.sku_id for e in result.errors if e.sku_id}
            whole_call_failed = bool(result.errors) and not failed_skus
            for p in pushes:
                if whole_call_failed or p.sku_id in failed_skus:
                    errors = [e for e in result.errors if e.sku_id in (None, p.sku_id)]
                    reasons = "; ".join(f"{e.code} {e.message}" for e in errors)
                    if 0 in p.quantities.values() and _refuses_quantity(errors):
                        reasons += (
                            ". TikTok refused a quantity of 0 here: to show it sold out, pause "
                            "the listing (shop.products.deactivate); this push never changes a "
                            "listing's status"
                        )
                    failures.append(f"{p.seller_sku}: {reasons}")
                    self._report("failed", p.seller_sku, reasons, now)
                    continue
                self._record(p, now)
                pushed += 1
                self._report("pushed", p.seller_sku, f"quantities {dict(p.quantities)}", now)
        return InventoryResult(
            pushed=pushed,
            failed=len(failures),
            unchanged=plan.unchanged,
            unknown=len(plan.unknown_skus),
            failures=tuple(failures),
            not_live=tuple(not_live),
            unknown_outcomes=tuple(unknown),
            confirmed=len(plan.confirmed),
            shared=plan.shared,
        )

    def _record(self, push: SkuPush, now: datetime) -> None:
        """Remember what TikTok now holds; settle a lost push once it is known."""
        self.state.record_pushed(
            self.shop_key, [(push.sku_id, wh, q) for wh, q in push.quantities.items()]
        )
        if push.read_back:
            self._ledger(push, "done", now)

    def _lost(self, push: SkuPush, error: APIError | APIConnectionError, now: datetime) -> str:
        reason = (
            f"{unknown_outcome_cause(error)}: the stock may have been set. The next run "
            f"compares TikTok's quantities before sending again ({error.read_back})"
        )
        self._ledger(push, "unknown", now)
        self._report("unknown", push.seller_sku, reason, now)
        return reason

    def _ledger(self, push: SkuPush, status: Any, now: datetime) -> None:
        self.state.ledger_put(
            LedgerEntry(
                shop=self.shop_key,
                key=_stock_key(push.sku_id),
                kind="update_inventory",
                status=status,
                detail={"seller_sku": push.seller_sku, "quantities": dict(push.quantities)},
                updated_at=now,
            )
        )


def _refuses_quantity(errors: Iterable[ItemError]) -> bool:
    """Whether TikTok's per-SKU errors say a quantity is out of its range."""
    codes = set()
    for error in errors:
        codes.add(error.code)
        for extra in error.detail.get("extra_errors") or []:
            if isinstance(extra, dict):
                codes.add(extra.get("code"))
    return bool(codes & {12052055, 12019024})


class InventoryPush(_PushCore[ShopClient], Job[InventoryPlan, InventoryResult]):
    """Push OMS stock to TikTok with the blocking client (``plan``, ``apply``, ``run``)."""


class AsyncInventoryPush(_PushCore[AsyncShopClient], AsyncJob[InventoryPlan, InventoryResult]):
    """Push OMS stock to TikTok with the async client (``plan``, ``apply``, ``run``)."""
