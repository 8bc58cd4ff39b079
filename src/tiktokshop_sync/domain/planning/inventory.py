"""The inventory push's planner: which SKUs get new quantities, per TikTok warehouse, and why not.

Pure: the OMS stock per location (拠点), TikTok's listings (their status and stock per
warehouse), what the last pushes left in the state store, and the policy, in; the pushes, the
lost pushes TikTok shows as applied, the listings TikTok refuses stock for and the SKUs skipped,
out. Every quantity comes from :func:`~tiktokshop_sync.domain.decide_push_quantity`: tracked
stock gets the buffer, cap and threshold; untracked stock (在庫管理をしない) the configured
quantity, never buffered.

Ambiguous input is refused, never guessed: one (seller SKU, location) given twice raises
:class:`~tiktokshop_sync.domain.DuplicateStockLevelError`, and a seller SKU that several TikTok
SKUs carry gets no push and a :class:`SharedSellerSku` saying why.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Protocol

import attrs

from tiktokshop_sync.domain.errors import DuplicateStockLevelError
from tiktokshop_sync.domain.planning._repr import counted
from tiktokshop_sync.domain.stock import (
    TIKTOK_MAX_QUANTITY,
    PushQuantity,
    StockPushRule,
    StockQuantity,
    Tracked,
    Untracked,
    UntrackedSentinel,
    decide_push_quantity,
    total_stock,
)

__all__ = [
    "InventoryDecisions",
    "InventoryRules",
    "KnownStock",
    "ListedSku",
    "SharedSellerSku",
    "SkuNotPushed",
    "SkuPush",
    "StockLevel",
    "plan_inventory",
    "tiktok_quantity",
]

#: The only listing status TikTok takes stock for (update-inventory.spec.json).
LIVE: Final = "ACTIVATE"
#: A product the seller deleted (recoverable): it takes no stock, so it shares no seller SKU.
DELETED: Final = "DELETED"


@attrs.frozen(kw_only=True)
class StockLevel:
    """Available stock of a SKU at one OMS location (拠点).

    ``untracked`` marks an item the OMS does not stock-manage (在庫管理をしない: made to order,
    digital, unlimited); ``available`` is then ignored.
    """

    seller_sku: str
    location: str
    available: int = 0
    untracked: bool = False

    def stock(self, sentinel: UntrackedSentinel | None = None) -> StockQuantity:
        """This level as a count or "untracked" (``sentinel`` reads a large number as untracked)."""
        if self.untracked:
            return Untracked()
        if sentinel is not None:
            return sentinel.read(self.available)
        return Tracked(quantity=self.available)


@attrs.frozen(kw_only=True)
class ListedSku:
    """A SKU as TikTok lists it: its product, status and quantity per warehouse."""

    product_id: str
    sku_id: str
    seller_sku: str
    stock: Mapping[str, int] = attrs.field(factory=dict)
    """Warehouse id -> the quantity TikTok shows now."""
    status: str = ""
    """The product's status (``ACTIVATE`` when live)."""


@attrs.frozen(kw_only=True)
class KnownStock:
    """What the state store knew before the run."""

    pushed: Mapping[tuple[str, str], int] = attrs.field(factory=dict, repr=counted)
    """(sku id, warehouse id) -> the quantity last pushed."""
    lost: frozenset[str] = attrs.field(default=frozenset(), repr=counted)
    """SKU ids whose last push lost TikTok's reply (it may have been applied)."""


class InventoryRules(Protocol):
    """The settings the inventory planner reads (``InventoryPolicy`` has them all)."""

    @property
    def locations(self) -> Mapping[str, str]:
        """OMS location -> TikTok warehouse id."""
        ...

    @property
    def push_rule(self) -> StockPushRule:
        """Buffer, cap, threshold and the untracked quantity."""
        ...

    @property
    def untracked_sentinel(self) -> UntrackedSentinel | None:
        """How the OMS spells "untracked" as a number (None: every number is a count)."""
        ...


@attrs.frozen(kw_only=True)
class SkuPush:
    """New quantities for one SKU, per warehouse (every warehouse the SKU is assigned to).

    ``notes`` say where a quantity is not the OMS figure (capped at TikTok's maximum, or an
    untracked item's configured quantity). ``untracked`` names the warehouses whose quantity
    stands for untracked stock. ``read_back`` marks a SKU whose last push lost its reply:
    ``previous`` is then what TikTok shows now, read back before sending again.
    """

    product_id: str
    sku_id: str
    seller_sku: str
    quantities: Mapping[str, int]
    previous: Mapping[str, int]
    notes: tuple[str, ...] = ()
    read_back: bool = False
    untracked: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class SkuNotPushed:
    """A SKU whose stock is not sent, and why (TikTok takes stock only for live listings)."""

    seller_sku: str
    product_id: str
    status: str
    reason: str


@attrs.frozen(kw_only=True)
class SharedSellerSku:
    """A seller SKU several TikTok SKUs carry: no stock is sent to any of them, and why.

    Each TikTok SKU sells from its own stock: the OMS figure sent to every one is offered that
    many times over (oversold), sent to one leaves the others stale. Which one the OMS means
    cannot be known, so neither is guessed; the seller gives each listing its own seller SKU.
    """

    seller_sku: str
    listings: tuple[tuple[str, str], ...]
    """(product id, SKU id) of each TikTok SKU with this seller SKU."""
    reason: str


@attrs.frozen(kw_only=True)
class InventoryDecisions:
    """What one push sends and reports."""

    pushes: tuple[SkuPush, ...] = attrs.field(default=(), repr=counted)
    confirmed: tuple[SkuPush, ...] = attrs.field(default=(), repr=counted)
    """SKUs whose lost push TikTok shows as applied: recorded, not sent again."""
    not_live: tuple[SkuNotPushed, ...] = attrs.field(default=(), repr=counted)
    skipped: tuple[tuple[str, str], ...] = attrs.field(default=(), repr=counted)
    """(seller SKU, why) for SKUs not on TikTok or on no mapped warehouse."""
    unchanged: int = 0
    shared: tuple[SharedSellerSku, ...] = attrs.field(default=(), repr=counted)
    """Seller SKUs several TikTok SKUs carry: nothing sent, each a problem to fix."""


def not_live_reason(status: str) -> str:
    """Why a listing in ``status`` gets no stock, and what (not) to do about it."""
    if status == "SELLER_DEACTIVATED":
        return (
            "paused by the seller on TikTok (停止中): TikTok takes stock only for live listings, "
            "so it is not sent, and the listing stays paused. Re-list it in Seller Center (or "
            "shop.products.activate) if it should sell; this push never does"
        )
    if status == "PENDING":
        return "in TikTok's review (審査中): its stock is sent once the listing is live"
    return (
        f"{status or 'no status'} on TikTok: TikTok takes stock only for live (ACTIVATE) "
        "listings, so it is not sent"
    )


def tiktok_quantity(stock: StockQuantity, rule: StockPushRule) -> tuple[PushQuantity, str]:
    """The quantity sent for ``stock``, and a plan note when it is not the OMS figure.

    The one place a SKU's quantity is decided: :func:`decide_push_quantity` (buffer, cap,
    threshold, TikTok's range; untracked stock gets the configured quantity, unbuffered).
    """
    decided = decide_push_quantity(stock, rule)
    if decided.untracked:
        return decided, (
            f"untracked (在庫管理をしない): {decided.quantity:,} is sent, the buffer and cap do "
            "not apply"
        )
    if decided.capped_from is not None:
        return decided, (
            f"{decided.capped_from:,} is above TikTok's maximum: {TIKTOK_MAX_QUANTITY:,} is sent "
            "(TikTok documents quantities up to 99,999 per warehouse)"
        )
    return decided, ""


def _figure(level: StockLevel) -> str:
    return "untracked" if level.untracked else f"{level.available:,}"


def stock_by_sku(
    levels: Sequence[StockLevel], policy: InventoryRules
) -> dict[str, dict[str, StockQuantity]]:
    """seller SKU -> {TikTok warehouse: stock}, the locations mapped to one warehouse added up.

    Different locations are added up; the same (seller SKU, location) twice raises
    :class:`DuplicateStockLevelError`, equal figures included (a pasted-twice export may be
    stale, and adding or picking one could show TikTok the wrong stock). Unmapped locations are
    ignored, so their rows are not checked.
    """
    sentinel = policy.untracked_sentinel
    by_pair: dict[tuple[str, str], list[StockLevel]] = {}
    for level in levels:
        if level.location in policy.locations:
            by_pair.setdefault((level.seller_sku, level.location), []).append(level)
    duplicates = {
        pair: [_figure(level) for level in same] for pair, same in by_pair.items() if len(same) > 1
    }
    if duplicates:
        raise DuplicateStockLevelError(duplicates)
    grouped: dict[str, dict[str, list[StockQuantity]]] = {}
    for (seller_sku, location), (level,) in by_pair.items():
        by_warehouse = grouped.setdefault(seller_sku, {})
        by_warehouse.setdefault(policy.locations[location], []).append(level.stock(sentinel))
    return {
        sku: {wh: total_stock(parts) for wh, parts in warehouses.items()}
        for sku, warehouses in grouped.items()
    }


def shared_reason(listings: Sequence[ListedSku]) -> str:
    """Why a seller SKU on several TikTok SKUs gets no stock, and how to fix it."""
    named = ", ".join(
        f"product {sku.product_id} SKU {sku.sku_id}" + (f" ({sku.status})" if sku.status else "")
        for sku in listings
    )
    return (
        f"{len(listings)} TikTok SKUs carry this seller SKU ({named}). Each sells from its own "
        "stock: sending the OMS figure to all would offer it several times over, to one would "
        "leave the others stale, so none is sent. Give each listing its own seller SKU in "
        "Seller Center (or delete the copy you no longer sell)"
    )


def _by_seller_sku(listed: Iterable[ListedSku]) -> dict[str, dict[str, ListedSku]]:
    """seller SKU -> {SKU id: listing}: every TikTok SKU kept, the same SKU id once."""
    found: dict[str, dict[str, ListedSku]] = {}
    for sku in listed:
        if not isinstance(sku, ListedSku):
            raise TypeError(
                "listed holds ListedSku values, every SKU TikTok lists (not a map by seller "
                f"SKU, which hides two listings sharing one), got {type(sku).__name__} {sku!r}"
            )
        found.setdefault(sku.seller_sku, {})[sku.sku_id] = sku
    return found


def plan_inventory(
    levels: Sequence[StockLevel],
    listed: Iterable[ListedSku],
    known: KnownStock,
    policy: InventoryRules,
) -> InventoryDecisions:
    """Decide one push: per SKU the quantities to send (only where they changed), or why not.

    ``listed`` is every SKU TikTok lists; a seller SKU two of them carry is reported in
    ``shared``, not pushed. A SKU whose last push lost its reply is compared with what TikTok
    shows now (``read_back``), so a push that did apply is not sent again.
    """
    rule = policy.push_rule
    catalogue = _by_seller_sku(listed)
    pushes: list[SkuPush] = []
    confirmed: list[SkuPush] = []
    not_live: list[SkuNotPushed] = []
    skipped: list[tuple[str, str]] = []
    shared: list[SharedSellerSku] = []
    unchanged = 0
    for seller_sku, available in sorted(stock_by_sku(levels, policy).items()):
        listings = sorted(
            catalogue.get(seller_sku, {}).values(), key=lambda s: (s.product_id, s.sku_id)
        )
        # A deleted copy sells nothing and takes no stock: only the others can be meant.
        candidates = [s for s in listings if s.status != DELETED] or listings
        if not candidates:
            skipped.append((seller_sku, "no TikTok listing has this seller SKU"))
            continue
        if len(candidates) > 1:
            shared.append(
                SharedSellerSku(
                    seller_sku=seller_sku,
                    listings=tuple((s.product_id, s.sku_id) for s in candidates),
                    reason=shared_reason(candidates),
                )
            )
            continue
        (found,) = candidates
        assigned = found.stock
        decided = {
            wh: tiktok_quantity(qty, rule) for wh, qty in available.items() if wh in assigned
        }
        if not decided:
            skipped.append(
                (
                    seller_sku,
                    "on TikTok, but not stocked in a warehouse InventoryPolicy.locations maps to",
                )
            )
            continue
        if found.status != LIVE:
            not_live.append(
                SkuNotPushed(
                    seller_sku=seller_sku,
                    product_id=found.product_id,
                    status=found.status,
                    reason=not_live_reason(found.status),
                )
            )
            continue
        targets = {wh: one.quantity for wh, (one, _note) in decided.items()}
        notes = tuple(f"{wh}: {note}" for wh, (_one, note) in decided.items() if note)
        read_back = found.sku_id in known.lost
        if read_back:
            # The last push lost its reply: compare with what TikTok shows now.
            previous = dict(assigned)
        else:
            previous = {
                wh: known.pushed[(found.sku_id, wh)]
                for wh in assigned
                if (found.sku_id, wh) in known.pushed
            }
        # TikTok wants every warehouse of the SKU listed: keep the others at their last value.
        quantities = {wh: targets.get(wh, previous.get(wh, assigned[wh])) for wh in assigned}
        push = SkuPush(
            product_id=found.product_id,
            sku_id=found.sku_id,
            seller_sku=seller_sku,
            quantities=quantities,
            previous=previous,
            notes=notes,
            read_back=read_back,
            untracked=tuple(wh for wh, (one, _note) in decided.items() if one.untracked),
        )
        if all(previous.get(wh) == qty for wh, qty in targets.items()):
            if read_back:
                confirmed.append(push)
            else:
                unchanged += 1
            continue
        pushes.append(push)
    return InventoryDecisions(
        pushes=tuple(pushes),
        confirmed=tuple(confirmed),
        not_live=tuple(not_live),
        skipped=tuple(skipped),
        unchanged=unchanged,
        shared=tuple(shared),
    )
