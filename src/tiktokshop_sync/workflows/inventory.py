"""Inventory push (在庫連携): OMS stock per location (拠点) to TikTok warehouses (倉庫).

Available quantity x buffer % (SmartShip publishes 80 % or 50 % of stock to limit overselling),
an optional cap and out-of-stock threshold; only quantities that changed since the last push
are sent, SKUs are matched by seller SKU, and per-item failures are reported.

It only ever calls Update Inventory, which changes quantities and never a listing's status: a
product the seller paused on TikTok (停止中) stays paused however often stock is pushed
(CoreLink's stock sync re-published paused products; this cannot).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.pagination import PageWalker
from .._exceptions import APIError, ConfigurationError
from ..resources import products as products_api
from ..types.product import BatchResult, Product
from ._describe import skipped_lines
from ._engine import AsyncJob, Call, Job, JobBase, PortCall, ShopT, Steps
from .ports import StockSource
from .progress import ProgressCallback, Reporter
from .state import StateStore
from .values import StockLevel

__all__ = [
    "AsyncInventoryPush",
    "InventoryPlan",
    "InventoryPolicy",
    "InventoryPush",
    "InventoryResult",
    "SkuPush",
]

JOB = "inventory"
MAX_QUANTITY = 99_999


def _quantity(_inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None and attribute.name == "max_quantity":
        return
    settings.whole_number(
        f"InventoryPolicy.{attribute.name}", value, low=0, high=MAX_QUANTITY, unit="units"
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

    def listed_quantity(self, available: int) -> int:
        """What to show on TikTok for ``available`` units in the OMS."""
        if available <= self.out_of_stock_threshold:
            return 0
        quantity = available * self.buffer_percent // 100
        if self.max_quantity is not None:
            quantity = min(quantity, self.max_quantity)
        return max(0, min(quantity, MAX_QUANTITY))


@attrs.frozen(kw_only=True)
class SkuPush:
    """New quantities for one SKU, per warehouse (every warehouse the SKU is assigned to)."""

    product_id: str
    sku_id: str
    seller_sku: str
    quantities: Mapping[str, int]
    previous: Mapping[str, int]


@attrs.frozen(kw_only=True)
class InventoryPlan:
    """What a push would send; ``describe()`` for a dry run."""

    shop: str
    pushes: tuple[SkuPush, ...]
    unchanged: int
    unknown_skus: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    """(seller SKU, why) for every SKU in ``unknown_skus``."""

    def describe(self) -> str:
        """A readable summary for a seller."""
        lines = [f"inventory push for shop {self.shop}: {len(self.pushes)} SKU(s) changed"]
        for push in self.pushes:
            moves = ", ".join(
                f"{wh}: {push.previous.get(wh, '-')} -> {qty}"
                for wh, qty in push.quantities.items()
            )
            lines.append(f"  {push.seller_sku}: {moves}")
        lines.append(f"  {self.unchanged} SKU(s) unchanged since the last push")
        explained = {sku for sku, _ in self.skipped}
        unexplained = [
            (sku, "not on TikTok, or on no mapped warehouse")
            for sku in self.unknown_skus
            if sku not in explained
        ]
        lines += skipped_lines("SKU", [*self.skipped, *unexplained])
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class InventoryResult:
    """What a push did."""

    pushed: int = 0
    failed: int = 0
    unchanged: int = 0
    unknown: int = 0
    failures: tuple[str, ...] = ()


class _PushCore(JobBase[ShopT, InventoryPlan, InventoryResult]):
    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        source: StockSource,
        policy: InventoryPolicy,
        shop_key: str | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        if not isinstance(policy, InventoryPolicy):
            raise ConfigurationError("policy must be an InventoryPolicy with the location mapping.")
        self._bind(shop, shop_key)
        self.state = state
        self.source = source
        self.policy = policy
        self._report = Reporter(JOB, self.shop_key, on_progress)

    def _plan_steps(self) -> Steps[InventoryPlan]:
        levels: Iterable[StockLevel] = yield PortCall(self.source.stock_levels, (self.shop_key,))
        per_sku: dict[str, dict[str, int]] = {}
        for level in levels:
            warehouse = self.policy.locations.get(level.location)
            if warehouse is None:
                continue
            by_warehouse = per_sku.setdefault(level.seller_sku, {})
            by_warehouse[warehouse] = by_warehouse.get(warehouse, 0) + max(0, level.available)
        catalogue = yield from self._catalogue()
        pushed = self.state.pushed_quantities(self.shop_key)
        pushes: list[SkuPush] = []
        unknown: list[tuple[str, str]] = []
        unchanged = 0
        for seller_sku, available in sorted(per_sku.items()):
            found = catalogue.get(seller_sku)
            if found is None:
                unknown.append((seller_sku, "no TikTok listing has this seller SKU"))
                continue
            product_id, sku_id, assigned = found
            targets = {
                wh: self.policy.listed_quantity(qty)
                for wh, qty in available.items()
                if wh in assigned
            }
            if not targets:
                unknown.append(
                    (
                        seller_sku,
                        "on TikTok, but not stocked in a warehouse InventoryPolicy.locations "
                        "maps to",
                    )
                )
                continue
            previous = {wh: pushed[(sku_id, wh)] for wh in assigned if (sku_id, wh) in pushed}
            if all(previous.get(wh) == qty for wh, qty in targets.items()):
                unchanged += 1
                continue
            # TikTok wants every warehouse of the SKU listed: keep the others at their last value.
            quantities = {wh: targets.get(wh, previous.get(wh, assigned[wh])) for wh in assigned}
            pushes.append(
                SkuPush(
                    product_id=product_id,
                    sku_id=sku_id,
                    seller_sku=seller_sku,
                    quantities=quantities,
                    previous=previous,
                )
            )
        return InventoryPlan(
            shop=self.shop_key,
            pushes=tuple(pushes),
            unchanged=unchanged,
            unknown_skus=tuple(sku for sku, _ in unknown),
            skipped=tuple(unknown),
        )

    def _catalogue(self) -> Steps[dict[str, tuple[str, str, dict[str, int]]]]:
        """seller_sku -> (product id, sku id, {warehouse id: quantity on TikTok})."""
        walker: PageWalker[Product] = PageWalker(products_api.search_pages({"page_size": 100}))
        found: dict[str, tuple[str, str, dict[str, int]]] = {}
        while (spec := walker.next_spec()) is not None:
            page = walker.accept((yield Call(spec)))
            for product in page.items:
                for sku in product.skus:
                    if sku.seller_sku:
                        stock = {inv.warehouse_id: inv.quantity for inv in sku.inventory}
                        found[sku.seller_sku] = (product.id, sku.id, stock)
        return found

    def _apply_steps(self, plan: InventoryPlan) -> Steps[InventoryResult]:
        now = self._now()
        by_product: dict[str, list[SkuPush]] = {}
        for push in plan.pushes:
            by_product.setdefault(push.product_id, []).append(push)
        pushed = 0
        failures: list[str] = []
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
                result: BatchResult = yield Call(products_api.inventory_spec(product_id, updates))
            except APIError as error:
                for p in pushes:
                    failures.append(f"{p.seller_sku}: {error}")
                    self._report("failed", p.seller_sku, str(error), now)
                continue
            failed_skus = {e.sku_id for e in result.errors if e.sku_id}
            whole_call_failed = bool(result.errors) and not failed_skus
            for p in pushes:
                if whole_call_failed or p.sku_id in failed_skus:
                    reasons = "; ".join(
                        f"{e.code} {e.message}"
                        for e in result.errors
                        if e.sku_id in (None, p.sku_id)
                    )
                    failures.append(f"{p.seller_sku}: {reasons}")
                    self._report("failed", p.seller_sku, reasons, now)
                    continue
                self.state.record_pushed(
                    self.shop_key, [(p.sku_id, wh, q) for wh, q in p.quantities.items()]
                )
                pushed += 1
                self._report("pushed", p.seller_sku, f"quantities {dict(p.quantities)}", now)
        return InventoryResult(
            pushed=pushed,
            failed=len(failures),
            unchanged=plan.unchanged,
            unknown=len(plan.unknown_skus),
            failures=tuple(failures),
        )


class InventoryPush(_PushCore[ShopClient], Job[InventoryPlan, InventoryResult]):
    """Push OMS stock to TikTok with the blocking client (``plan``, ``apply``, ``run``)."""


class AsyncInventoryPush(_PushCore[AsyncShopClient], AsyncJob[InventoryPlan, InventoryResult]):
    """Push OMS stock to TikTok with the async client (``plan``, ``apply``, ``run``)."""
