"""``import``, ``shipments``, ``inventory`` and ``publish``: ``plan`` is a dry run, ``run`` acts.

Each command builds the workflow from the public API with file-backed ports (``_files``), the
store's state and a policy from flags and the config file; ``plan`` prints what ``run`` would
do and writes nothing anywhere. ``run`` plans and applies, with progress bars per page and per
item (per batch for the import), and exits 10 when an item failed or its outcome is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, Protocol, TypeVar

import typer

from tiktokshop_sync import ConfigurationError
from tiktokshop_sync.domain import (
    CarrierMode,
    CategoryMappingReport,
    CategoryTarget,
    CategoryVersion,
    FixedCarrier,
    NeedsData,
)
from tiktokshop_sync.workflows import (
    BlockedProduct,
    CategoryMappingRecord,
    CategoryMappings,
    HoldReleased,
    ImportedOrder,
    InventoryPlan,
    InventoryPolicy,
    InventoryPush,
    InventoryResult,
    OrderCancelled,
    OrderImport,
    OrderImportPlan,
    OrderImportPolicy,
    OrderImportResult,
    ProductPublish,
    PublishPlan,
    PublishPolicy,
    PublishResult,
    ShipmentPlan,
    ShipmentPolicy,
    ShipmentResult,
    ShipmentWriteBack,
)

from ._common import DebugOpt, JsonOpt, begin, command
from ._exit import ExitCode
from ._files import (
    CatalogFile,
    JsonLinesOrderSink,
    JsonLinesTrackingSink,
    ShipmentFile,
    StockFile,
    listing_mappings,
)
from ._output import Output
from ._progress import Bars
from ._session import Session, ShopChoice

__all__ = ["import_app", "inventory_app", "publish_app", "shipments_app"]

P = TypeVar("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

import_app = typer.Typer(
    name="import",
    help="Import TikTok orders into the OMS (受注取込) as JSON lines: plan, then run.",
    no_args_is_help=True,
)
shipments_app = typer.Typer(
    name="shipments",
    help="Write OMS shipments (伝票番号, 出荷日) back to TikTok: plan, then run.",
    no_args_is_help=True,
)
inventory_app = typer.Typer(
    name="inventory",
    help="Push OMS stock (在庫) to TikTok warehouses: plan, then run.",
    no_args_is_help=True,
)
publish_app = typer.Typer(
    name="publish",
    help="Publish catalog products (商品連携) to TikTok: plan, then run.",
    no_args_is_help=True,
)

EncodingOpt = Annotated[
    str, typer.Option(help="Input file encoding (cp932 for Shift_JIS exports).")
]


def _path(current: Session, flag: Path | None, section: str, key: str, option: str) -> Path:
    value = current.pick(flag, section, key, None)
    if value is None:
        raise ConfigurationError(
            f'{option} is required: pass {option} PATH or set {key} = "PATH" in the config '
            f"file's [{section}] table."
        )
    return Path(str(value)).expanduser()


def _attention(*counts: int) -> int:
    return int(ExitCode.ATTENTION) if any(counts) else 0


def _result(output: Output, job: str, values: dict[str, Any], problems: Sequence[str]) -> None:
    if output.json_lines:
        output.record({"type": "result", "job": job, **values})
        return
    output.table(["", "count"], ((k, v) for k, v in values.items()), title=f"{job}: done")
    for line in problems:
        output.text(f"  {line}")


class _Job(Protocol[P, R_co]):
    """What the commands use of a workflow: ``plan()`` then ``apply(plan)``."""

    def plan(self) -> P: ...

    def apply(self, plan: P) -> R_co: ...


@contextmanager
def _planned(
    current: Session, output: Output, make: Callable[[Bars], _Job[P, R]], reading: str
) -> Iterator[tuple[_Job[P, R], P, Bars]]:
    """Build the job with progress bars, plan under a ``reading`` bar, and hand both on."""
    with Bars(output, enabled=current.progress_enabled()) as bars:
        job = make(bars)
        with bars.phase(reading):
            plan = job.plan()
        yield job, plan, bars


def _plan(current: Session, output: Output, make: Callable[[Bars], _Job[P, R]], reading: str) -> P:
    """A dry run: the plan only."""
    with _planned(current, output, make, reading) as (_job, plan, _bars):
        return plan


def _apply(
    current: Session,
    output: Output,
    make: Callable[[Bars], _Job[P, R]],
    reading: str,
    applying: tuple[str, Callable[[P], int]],
) -> R:
    """Plan, then apply under a bar sized by ``applying``'s count of the plan."""
    label, size = applying
    with (
        _planned(current, output, make, reading) as (job, plan, bars),
        bars.phase(label, total=size(plan)),
    ):
        return job.apply(plan)


class _DryRun:
    """The OMS side of a plan: planning reads it, and must never write to it."""

    def _refuse(self, *_args: object) -> None:
        raise RuntimeError("a plan never writes to the OMS")

    accept = release = cancel = tiktok_tracking = settle = paid = return_events = _refuse


# --- import ---------------------------------------------------------------------------------


def _import_policy(
    current: Session,
    *,
    status: list[str] | None,
    batch_limit: int | None,
    since_midnight: bool | None,
    carrier: str | None,
) -> OrderImportPolicy:
    section = current.file.section("import")

    def build() -> OrderImportPolicy:
        options: dict[str, Any] = {}
        statuses = status or section.get("statuses")
        if statuses:
            options["statuses"] = frozenset(s.upper() for s in statuses)
        limit = current.pick(batch_limit, "import", "batch_limit", None)
        if limit is not None:
            options["batch_limit"] = limit
        midnight = current.pick(since_midnight, "import", "since_midnight_jst", None)
        if midnight is not None:
            options["since_midnight_jst"] = midnight
        for key, unit in (("lookback_days", "days"), ("overlap_minutes", "minutes")):
            if section.get(key) is not None:
                options[key.rsplit("_", 1)[0]] = timedelta(**{unit: section[key]})
        if section.get("page_size") is not None:
            options["page_size"] = section["page_size"]
        name = current.pick(carrier, "import", "carrier", None)
        if name:
            mode = CarrierMode(section.get("carrier_mode", "always"))
            options["carrier"] = FixedCarrier.from_name(str(name), mode=mode)
        return OrderImportPolicy(**options)

    return current.policy("import", build)


def _import_job(
    current: Session, shop: ShopChoice, sink: Any, policy: OrderImportPolicy, bars: Bars
) -> OrderImport:
    return OrderImport(
        shop=shop.view, state=current.store, sink=sink, policy=policy, on_progress=bars.callback
    )


def _show_import_plan(output: Output, plan: OrderImportPlan) -> None:
    if output.json_lines:
        for order in plan.deliveries:
            output.record(_delivery(order))
        for released in plan.releases:
            output.record(_release(released))
        for cancelled in plan.cancellations:
            output.record(_cancel(cancelled))
        for skipped in plan.skipped:
            output.record(
                {"type": "skipped", "order_id": skipped.order_id, "reason": skipped.reason}
            )
        output.record(
            {
                "type": "plan",
                "job": "import",
                "shop": plan.shop,
                "window_start": plan.window_start,
                "window_end": plan.window_end,
                "deliveries": len(plan.deliveries),
                "held": sum(1 for d in plan.deliveries if d.held),
                "releases": len(plan.releases),
                "cancellations": len(plan.cancellations),
                "skipped": len(plan.skipped),
                "complete": plan.complete,
            }
        )
        return
    output.text(plan.describe())
    output.table(
        ["order id", "status", "created", "total", "lines", "held until", "hold"],
        (
            [
                d.order_id,
                d.status,
                d.created_at,
                "" if d.total is None else f"{d.total:,} {d.currency}",
                len(d.lines),
                getattr(d.hold, "until", None) if d.held else None,
                _hold_reason(d) if d.held else "",
            ]
            for d in plan.deliveries
        ),
        title="orders to import (times in JST)",
    )


def _hold_reason(order: ImportedOrder) -> str:
    return str(getattr(getattr(order.hold, "reason", ""), "value", ""))


def _delivery(order: ImportedOrder) -> dict[str, Any]:
    return {
        "type": "order",
        "key": order.key,
        "order_id": order.order_id,
        "status": order.status,
        "created_at": order.created_at,
        "total": order.total,
        "currency": order.currency,
        "lines": len(order.lines),
        "held": order.held,
        "hold_until": getattr(order.hold, "until", None),
        "hold_reason": _hold_reason(order),
        "payment_label": order.payment_label,
    }


def _release(released: HoldReleased) -> dict[str, Any]:
    return {
        "type": "release",
        "order_id": released.order_id,
        "reason": released.reason,
        "message": released.message,
    }


def _cancel(cancelled: OrderCancelled) -> dict[str, Any]:
    # The reason is left out: a buyer may have written it.
    return {
        "type": "cancel",
        "order_id": cancelled.order_id,
        "initiator": cancelled.initiator,
        "line_item_ids": list(cancelled.line_item_ids),
    }


StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="Import only these statuses (repeatable; GoQSystem imports AWAITING_SHIPMENT only).",
    ),
]
BatchOpt = Annotated[
    int | None, typer.Option(min=1, help="New or changed orders per batch (default 1000).")
]
MidnightOpt = Annotated[
    bool | None,
    typer.Option(
        "--since-midnight-jst/--lookback",
        help="First run: from today 00:00 JST instead of 7 days back.",
        show_default=False,
    ),
]
CarrierOpt = Annotated[
    str | None,
    typer.Option(help="The shop's fixed shipping method (a catalog name, e.g. ヤマト運輸B2v6)."),
]


@import_app.command("plan")
@command
def import_plan(
    ctx: typer.Context,
    status: StatusOpt = None,
    batch_limit: BatchOpt = None,
    since_midnight_jst: MidnightOpt = None,
    carrier: CarrierOpt = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Dry run: which orders the next import would deliver, hold, release or cancel.

    Reads TikTok and the store; writes nothing (not the cursor, not the output file).
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    policy = _import_policy(
        current,
        status=status,
        batch_limit=batch_limit,
        since_midnight=since_midnight_jst,
        carrier=carrier,
    )
    plan = _plan(
        current,
        output,
        lambda bars: _import_job(current, shop, _DryRun(), policy, bars),
        "fetching orders",
    )
    _show_import_plan(output, plan)
    return 0


@import_app.command("run")
@command
def import_run(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(help="JSON-lines file the imported orders are appended to ([import] out)."),
    ] = None,
    status: StatusOpt = None,
    batch_limit: BatchOpt = None,
    max_batches: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many batches (default 100).")
    ] = None,
    since_midnight_jst: MidnightOpt = None,
    carrier: CarrierOpt = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Import new and changed orders into a JSON-lines file, batch by batch, until caught up.

    Each line is an order, a release (入金済み) or a cancellation; the cursor moves only after
    the file is synced to disk, so a re-run after a crash repeats nothing the file lacks.
    """
    current, output = begin(ctx, json_output, debug)
    sink = JsonLinesOrderSink(_path(current, out, "import", "out", "--out"))
    shop = current.shop()
    policy = _import_policy(
        current,
        status=status,
        batch_limit=batch_limit,
        since_midnight=since_midnight_jst,
        carrier=carrier,
    )
    limit = current.whole(max_batches, "import", "max_batches", 100, low=1)
    total = OrderImportResult()
    with Bars(output, enabled=current.progress_enabled()) as bars:
        job = _import_job(current, shop, sink, policy, bars)
        batches = 0
        for batches in range(1, limit + 1):
            bars.batch(batches, limit)
            with bars.phase(f"batch {batches}: fetching"):
                plan = job.plan()
            size = len(plan.deliveries) + len(plan.releases) + len(plan.cancellations)
            with bars.phase(f"batch {batches}: delivering", total=size + len(plan.skipped)):
                total = total + job.apply(plan)
            if plan.complete:
                break
        bars.finish_batches(batches)
    _result(
        output,
        "import",
        {
            "delivered": total.delivered,
            "held": total.held,
            "released": total.released,
            "cancelled": total.cancelled,
            "skipped": total.skipped,
            "batches": batches,
            "complete": total.complete,
            "cursor": total.cursor,
            "file": str(sink.path),
        },
        [] if total.complete else [f"stopped after {batches} batch(es): run again to continue"],
    )
    return 0


# --- shipments ------------------------------------------------------------------------------

FileOpt = Annotated[Path | None, typer.Option("--file", help="The input file (CSV or JSON lines).")]


def _shipment_job(
    current: Session,
    shop: ShopChoice,
    *,
    file: Path | None,
    carrier: str | None,
    handover: str | None,
    tracking: Any,
    encoding: str,
    bars: Bars,
) -> ShipmentWriteBack:
    source = ShipmentFile(
        _path(current, file, "shipments", "file", "--file"),
        shop_names=(shop.id, shop.name),
        encoding=encoding,
    )
    section = current.file.section("shipments")

    def build() -> ShipmentPolicy:
        name = current.pick(carrier, "shipments", "carrier", None)
        mode = current.pick(handover, "shipments", "handover", None)
        overrides = section.get("provider_overrides") or {}
        from tiktokshop_sync.domain import CarrierCompany

        return ShipmentPolicy(
            carrier=FixedCarrier.from_name(str(name)) if name else None,
            handover=None if mode is None else str(mode).upper(),  # type: ignore[arg-type]
            provider_overrides={CarrierCompany(k): str(v) for k, v in overrides.items()},
        )

    return ShipmentWriteBack(
        shop=shop.view,
        state=current.store,
        source=source,
        policy=current.policy("shipments", build),
        on_progress=bars.callback,
        tracking_sink=tracking,
    )


def _show_shipment_plan(output: Output, plan: ShipmentPlan) -> None:
    if output.json_lines:
        for action in plan.actions:
            output.record(
                {
                    "type": "action",
                    "kind": action.kind,
                    "order_id": action.order_id,
                    "tracking_number": action.tracking_number,
                    "provider_id": action.provider_id,
                    "line_item_ids": list(action.line_item_ids),
                    "package_id": action.package_id,
                    "shipped_by_tiktok": action.shipped_by_tiktok,
                }
            )
        for skip in plan.skipped:
            output.record({"type": "skipped", "order_id": skip.order_id, "reason": skip.reason})
        for refusal in plan.refused:
            output.record(
                {"type": "refused", "order_id": refusal.order_id, "reason": refusal.reason}
            )
        output.record(
            {
                "type": "plan",
                "job": "shipments",
                "shop": plan.shop,
                "actions": len(plan.actions),
                "skipped": len(plan.skipped),
                "refused": len(plan.refused),
            }
        )
        return
    output.text(plan.describe())
    output.table(
        ["action", "order id", "tracking", "provider", "line items"],
        (
            [
                a.kind,
                a.order_id,
                a.tracking_number,
                a.provider_id,
                " ".join(a.line_item_ids) or "all",
            ]
            for a in plan.actions
        ),
        title="writes to TikTok",
    )


ShipmentCarrierOpt = Annotated[
    str | None,
    typer.Option(help="Fixed carrier for rows without one (a catalog name: ヤマト運輸B2v6)."),
]
HandoverOpt = Annotated[
    str | None, typer.Option(help="PICKUP or DROP_OFF for packages TikTok ships (3PL contract).")
]


@shipments_app.command("plan")
@command
def shipments_plan(
    ctx: typer.Context,
    file: FileOpt = None,
    carrier: ShipmentCarrierOpt = None,
    handover: HandoverOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Dry run: which shipments of the file would be written to TikTok, and which skipped why.

    Columns: order_id, tracking_number, ship_date (required); carrier, line_item_ids, shop.
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    plan = _plan(
        current,
        output,
        lambda bars: _shipment_job(
            current,
            shop,
            file=file,
            carrier=carrier,
            handover=handover,
            tracking=_DryRun(),
            encoding=encoding,
            bars=bars,
        ),
        "reading orders",
    )
    _show_shipment_plan(output, plan)
    return 0


@shipments_app.command("run")
@command
def shipments_run(
    ctx: typer.Context,
    file: FileOpt = None,
    carrier: ShipmentCarrierOpt = None,
    handover: HandoverOpt = None,
    tracking_out: Annotated[
        Path | None,
        typer.Option(help="JSON-lines file for tracking numbers TikTok assigns ([shipments])."),
    ] = None,
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Write the file's shipments to TikTok (mark as shipped, ship package, update tracking).

    Every write goes through the store's ledger, so a re-run never ships twice. Exits 10 when
    a write failed or its reply was lost (the next run reads it back first), or when an order
    was refused because its rows disagree.
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    target = current.pick(tracking_out, "shipments", "tracking_out", None)
    tracking = JsonLinesTrackingSink(Path(str(target)).expanduser()) if target else None
    result: ShipmentResult = _apply(
        current,
        output,
        lambda bars: _shipment_job(
            current,
            shop,
            file=file,
            carrier=carrier,
            handover=handover,
            tracking=tracking,
            encoding=encoding,
            bars=bars,
        ),
        "reading orders",
        (
            "writing to TikTok",
            lambda plan: len(plan.actions) + len(plan.skipped) + len(plan.refused),
        ),
    )
    problems = [f"failed {f.order_id}: {f.reason}" for f in result.failures]
    problems += [f"refused {r.order_id}: {r.reason}" for r in result.refusals]
    problems += [f"unknown {u.order_id}: {u.reason}" for u in result.unknown_outcomes]
    problems += [f"TikTok's number {t.order_id}: {t.describe()}" for t in result.tiktok_tracking]
    values: dict[str, Any] = {
        "written": result.written,
        "updated": result.updated,
        "confirmed": result.confirmed,
        "skipped": result.skipped,
        "failed": result.failed,
        "unknown": result.unknown,
        "refused": result.refused,
    }
    if output.json_lines:
        values |= {
            "failures": [{"order_id": f.order_id, "reason": f.reason} for f in result.failures],
            "unknown_outcomes": [
                {"order_id": u.order_id, "reason": u.reason} for u in result.unknown_outcomes
            ],
            "refusals": [{"order_id": r.order_id, "reason": r.reason} for r in result.refusals],
        }
    _result(output, "shipments", values, problems)
    return _attention(result.failed, result.unknown, result.refused)


# --- inventory ------------------------------------------------------------------------------


def _locations(values: list[str] | None) -> dict[str, str] | None:
    if not values:
        return None
    pairs = {}
    for value in values:
        location, sep, warehouse = value.partition("=")
        if not sep:
            raise ConfigurationError(
                f"--location takes OMS_LOCATION=WAREHOUSE_ID, e.g. main=7068517275539719942, "
                f"got {value!r}."
            )
        pairs[location.strip()] = warehouse.strip()
    return pairs


def _inventory_job(
    current: Session,
    shop: ShopChoice,
    *,
    file: Path | None,
    location: list[str] | None,
    buffer_percent: int | None,
    encoding: str,
    bars: Bars,
) -> InventoryPush:
    source = StockFile(
        _path(current, file, "inventory", "file", "--file"),
        shop_names=(shop.id, shop.name),
        encoding=encoding,
    )
    section = current.file.section("inventory")

    def build() -> InventoryPolicy:
        locations = _locations(location) or section.get("locations")
        if not locations:
            raise ConfigurationError(
                "InventoryPolicy.locations: map each OMS location to a TikTok warehouse with "
                '--location main=WAREHOUSE_ID or [inventory] locations = { main = "..." } '
                "(list warehouse ids with: tiktokshop-sync warehouses)."
            )
        options: dict[str, Any] = {"locations": locations}
        percent = current.pick(buffer_percent, "inventory", "buffer_percent", None)
        if percent is not None:
            options["buffer_percent"] = percent
        for key in ("max_quantity", "out_of_stock_threshold"):
            if section.get(key) is not None:
                options[key] = section[key]
        return InventoryPolicy(**options)

    return InventoryPush(
        shop=shop.view,
        state=current.store,
        source=source,
        policy=current.policy("inventory", build),
        on_progress=bars.callback,
    )


def _show_inventory_plan(output: Output, plan: InventoryPlan) -> None:
    if output.json_lines:
        for push in plan.pushes:
            output.record(
                {
                    "type": "push",
                    "seller_sku": push.seller_sku,
                    "sku_id": push.sku_id,
                    "product_id": push.product_id,
                    "quantities": dict(push.quantities),
                    "previous": dict(push.previous),
                    "notes": list(push.notes),
                }
            )
        for sku in plan.not_live:
            output.record(
                {
                    "type": "not_live",
                    "seller_sku": sku.seller_sku,
                    "status": sku.status,
                    "reason": sku.reason,
                }
            )
        for seller_sku, why in plan.skipped:
            output.record({"type": "skipped", "seller_sku": seller_sku, "reason": why})
        for shared in plan.shared:
            output.record(
                {
                    "type": "shared_seller_sku",
                    "seller_sku": shared.seller_sku,
                    "listings": [
                        {"product_id": product_id, "sku_id": sku_id}
                        for product_id, sku_id in shared.listings
                    ],
                    "reason": shared.reason,
                }
            )
        output.record(
            {
                "type": "plan",
                "job": "inventory",
                "shop": plan.shop,
                "pushes": len(plan.pushes),
                "unchanged": plan.unchanged,
                "not_live": len(plan.not_live),
                "unknown_skus": len(plan.unknown_skus),
                "shared_seller_skus": len(plan.shared),
            }
        )
        return
    output.text(plan.describe())


LocationOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--location", help="OMS_LOCATION=WAREHOUSE_ID (repeatable; [inventory] locations)."
    ),
]
BufferOpt = Annotated[
    int | None,
    typer.Option(min=0, max=100, help="Whole percent of stock to show on TikTok (80 shows 80 %)."),
]


@inventory_app.command("plan")
@command
def inventory_plan(
    ctx: typer.Context,
    file: FileOpt = None,
    location: LocationOpt = None,
    buffer_percent: BufferOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Dry run: which SKUs' quantities would change on TikTok, and which are not sent why.

    Columns: seller_sku, location, available (required); shop.
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    plan = _plan(
        current,
        output,
        lambda bars: _inventory_job(
            current,
            shop,
            file=file,
            location=location,
            buffer_percent=buffer_percent,
            encoding=encoding,
            bars=bars,
        ),
        "reading TikTok's stock",
    )
    _show_inventory_plan(output, plan)
    return 0


@inventory_app.command("run")
@command
def inventory_run(
    ctx: typer.Context,
    file: FileOpt = None,
    location: LocationOpt = None,
    buffer_percent: BufferOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Push changed quantities to TikTok (quantities only: a paused listing stays paused).

    Exits 10 when a SKU failed (a seller SKU several TikTok SKUs carry counts as failed) or
    its push lost its reply (read back on the next run).
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    result: InventoryResult = _apply(
        current,
        output,
        lambda bars: _inventory_job(
            current,
            shop,
            file=file,
            location=location,
            buffer_percent=buffer_percent,
            encoding=encoding,
            bars=bars,
        ),
        "reading TikTok's stock",
        (
            "pushing",
            lambda plan: (
                len(plan.pushes) + len(plan.confirmed) + len(plan.not_live) + len(plan.shared)
            ),
        ),
    )
    problems = [f"failed: {f}" for f in result.failures]
    problems += [f"unknown: {u}" for u in result.unknown_outcomes]
    problems += [f"not sent {s.seller_sku}: {s.reason}" for s in result.not_live]
    # "unknown", as for every job: writes whose reply was lost. InventoryResult.unknown
    # counts the OMS SKUs TikTok does not list, which need no one's attention.
    values: dict[str, Any] = {
        "pushed": result.pushed,
        "unchanged": result.unchanged,
        "confirmed": result.confirmed,
        "not_live": len(result.not_live),
        "not_on_tiktok": result.unknown,
        "failed": result.failed,
        "unknown": len(result.unknown_outcomes),
    }
    if output.json_lines:
        values |= {
            "failures": list(result.failures),
            "unknown_outcomes": list(result.unknown_outcomes),
        }
    _result(output, "inventory", values, problems)
    return _attention(result.failed, len(result.unknown_outcomes))


# --- publish --------------------------------------------------------------------------------


def _publish_job(
    current: Session,
    shop: ShopChoice,
    *,
    file: Path | None,
    tag: str | None,
    warehouse_id: str | None,
    encoding: str,
    bars: Bars,
    mappings: Path | None = None,
) -> ProductPublish:
    mappings_path = current.pick(mappings, "publish", "mappings", None)
    source = CatalogFile(
        _path(current, file, "publish", "file", "--file"),
        shop_names=(shop.id, shop.name),
        encoding=encoding,
    )
    section = current.file.section("publish")

    def build() -> PublishPolicy:
        options: dict[str, Any] = {
            k: section[k] for k in ("currency", "category_version") if section.get(k) is not None
        }
        chosen_tag = current.pick(tag, "publish", "tag", None)
        if chosen_tag is not None:
            options["tag"] = None if chosen_tag == "" else chosen_tag
        warehouse = current.pick(warehouse_id, "publish", "warehouse_id", None)
        if warehouse is not None:
            options["warehouse_id"] = warehouse
        return PublishPolicy(**options)

    return ProductPublish(
        shop=shop.view,
        state=current.store,
        source=source,
        policy=current.policy("publish", build),
        mappings=(
            None
            if mappings_path is None
            else listing_mappings(Path(str(mappings_path)).expanduser())
        ),
        on_progress=bars.callback,
    )


def _publish_maker(
    current: Session,
    shop: ShopChoice,
    file: Path | None,
    tag: str | None,
    warehouse_id: str | None,
    encoding: str,
    mappings: Path | None,
) -> Callable[[Bars], ProductPublish]:
    """The publish job for plan, check and run, once the progress bars exist."""
    return lambda bars: _publish_job(
        current,
        shop,
        file=file,
        tag=tag,
        warehouse_id=warehouse_id,
        encoding=encoding,
        bars=bars,
        mappings=mappings,
    )


def _blocked_record(blocked: BlockedProduct) -> dict[str, Any]:
    decision = blocked.decision
    state = "needs_data" if isinstance(decision, NeedsData) else "refused"
    record: dict[str, Any] = {"type": "blocked", "catalog_id": blocked.catalog_id, "state": state}
    if isinstance(decision, NeedsData):
        record["issues"] = [
            {
                "field": issue.field,
                "code": issue.code.value,
                "tiktok_code": issue.tiktok_code,
                "message_ja": issue.message("ja"),
                "message_en": issue.message("en"),
            }
            for issue in decision.issues
        ]
    else:
        record["reasons"] = [{"code": r.code, "message": r.message} for r in decision.reasons]
    return record


_CONFIRM_HINT = "  confirm TikTok's suggestion: tiktokshop-sync publish map '<host category>'"


def _category_records(report: CategoryMappingReport | None) -> list[dict[str, Any]]:
    """The unmapped host categories (with TikTok's suggestion) and bad rows, as JSON lines."""
    if report is None:
        return []
    records: list[dict[str, Any]] = []
    for item in report.unmapped:
        record: dict[str, Any] = {
            "type": "unmapped",
            "host_category": item.host_category,
            "products": item.count,
            "examples": list(item.examples),
        }
        if item.suggestion is not None:
            record["suggestion"] = {
                "category_id": item.suggestion.target.category_id,
                "version": item.suggestion.target.version.value,
                "path": list(item.suggestion.path),
                "usable": item.suggestion.usable,
            }
        records.append(record)
    records += [
        {
            "type": "mapping_problem",
            "host_category": problem.host_category,
            "category_id": problem.target.category_id,
            "problem": problem.kind.value,
            "products": problem.count,
        }
        for problem in report.problems
    ]
    return records


def _category_lines(report: CategoryMappingReport | None) -> list[str]:
    if report is None or report.complete:
        return []
    lines = report.describe().split("\n")
    if any(item.suggestion is not None for item in report.unmapped):
        lines.append(_CONFIRM_HINT)
    return lines


def _show_publish_plan(output: Output, plan: PublishPlan) -> None:
    if output.json_lines:
        for action in plan.actions:
            output.record(
                {
                    "type": "action",
                    "kind": action.kind,
                    "catalog_id": action.catalog_id,
                    "product_id": action.product_id,
                    "skus": len(action.product.skus),
                }
            )
        for listing in plan.listings:
            output.record(
                {
                    "type": "listing",
                    "catalog_id": listing.catalog_id,
                    "product_id": listing.product_id,
                    "status": listing.status,
                    "audit_status": listing.audit_status,
                    "note": listing.note,
                }
            )
        for catalog_id, why in plan.skipped:
            output.record({"type": "skipped", "catalog_id": catalog_id, "reason": why})
        for blocked in plan.blocked:
            output.record(_blocked_record(blocked))
        for record in _category_records(plan.categories):
            output.record(record)
        output.record(
            {
                "type": "plan",
                "job": "publish",
                "shop": plan.shop,
                "actions": len(plan.actions),
                "listings": len(plan.listings),
                "skipped": len(plan.skipped),
                "needs_data": len(plan.needs_data),
                "refused": len(plan.refused),
            }
        )
        return
    output.text(plan.describe())
    if any(item.suggestion is not None for item in getattr(plan.categories, "unmapped", ())):
        output.text(_CONFIRM_HINT)
    output.table(
        ["action", "catalog id", "title", "skus", "product id"],
        (
            [a.kind, a.catalog_id, a.product.title, len(a.product.skus), a.product_id]
            for a in plan.actions
        ),
        title="changes on TikTok",
        wide=("title",),
    )


TagOpt = Annotated[
    str | None,
    typer.Option(help="Only products with this tag (default 'TikTok Shop接続'; '' for all)."),
]
WarehouseOpt = Annotated[
    str | None, typer.Option(help="Where first stock goes (default: the shop's default).")
]
MappingsOpt = Annotated[
    Path | None,
    typer.Option(
        "--mappings",
        help="JSON: host categories, attributes and brands -> TikTok's (default: category_id "
        "is TikTok's leaf id).",
    ),
]


@publish_app.command("plan")
@command
def publish_plan(
    ctx: typer.Context,
    file: FileOpt = None,
    tag: TagOpt = None,
    warehouse_id: WarehouseOpt = None,
    mappings: MappingsOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Dry run: which catalog products would be created or linked on TikTok, and review states.

    CSV: one row per SKU (catalog_id, title, description, category_id, image_uris, seller_sku,
    price, quantity, attributes, tags, published); JSON lines: one product with a skus list.
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    plan = _plan(
        current,
        output,
        _publish_maker(current, shop, file, tag, warehouse_id, encoding, mappings),
        "reading TikTok's products",
    )
    _show_publish_plan(output, plan)
    return 0


@publish_app.command("run")
@command
def publish_run(
    ctx: typer.Context,
    file: FileOpt = None,
    tag: TagOpt = None,
    warehouse_id: WarehouseOpt = None,
    mappings: MappingsOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Create or link the products on TikTok (TikTok reviews new listings: 審査).

    Exits 10 when a product failed or its create lost its reply (looked up on the next run).
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    result: PublishResult = _apply(
        current,
        output,
        _publish_maker(current, shop, file, tag, warehouse_id, encoding, mappings),
        "reading TikTok's products",
        ("publishing", lambda plan: len(plan.actions) + len(plan.listings)),
    )
    problems = [f"failed: {f}" for f in result.failures]
    problems += [f"unknown: {u}" for u in result.unknown_outcomes]
    problems += [
        f"{s.catalog_id}: {s.status} (review {s.audit_status}) {s.note}".rstrip()
        for s in result.listings
    ]
    problems += [b.describe("en").replace("\n", " ") for b in result.blocked]
    values: dict[str, Any] = {
        "created": result.created,
        "linked": result.linked,
        "failed": result.failed,
        "unknown": result.unknown,
        "held_back": len(result.blocked),
        "edited": result.edited,
    }
    if output.json_lines:
        values |= {
            "failures": list(result.failures),
            "unknown_outcomes": list(result.unknown_outcomes),
        }
    _result(output, "publish", values, problems)
    return _attention(result.failed, result.unknown, len(result.blocked))


@publish_app.command("check")
@command
def publish_check(
    ctx: typer.Context,
    file: FileOpt = None,
    tag: TagOpt = None,
    warehouse_id: WarehouseOpt = None,
    mappings: MappingsOpt = None,
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Check new products against TikTok's listing rules without creating anything.

    Each new product is ready, needs data (不足項目あり: what is missing) or refused by TikTok's
    listing check (TikTok's reasons). Exits 10 when any product is held back.
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    plan = _plan(
        current,
        output,
        _publish_maker(current, shop, file, tag, warehouse_id, encoding, mappings),
        "checking the listing rules",
    )
    ready = [a.catalog_id for a in plan.actions if a.kind == "create"]
    if output.json_lines:
        for catalog_id in ready:
            output.record({"type": "ready", "catalog_id": catalog_id})
        for blocked in plan.blocked:
            output.record(_blocked_record(blocked))
        for record in _category_records(plan.categories):
            output.record(record)
        output.record(
            {
                "type": "check",
                "shop": plan.shop,
                "ready": len(ready),
                "needs_data": len(plan.needs_data),
                "refused": len(plan.refused),
            }
        )
    else:
        output.text(
            f"listing check for shop {plan.shop}: ready {len(ready)}, needs data "
            f"{len(plan.needs_data)}, refused by TikTok's check {len(plan.refused)}"
        )
        for blocked in plan.blocked:
            output.text(blocked.describe())
        for line in _category_lines(plan.categories):
            output.text(line)
    return _attention(len(plan.blocked))


def _mapping_record(row: CategoryMappingRecord) -> dict[str, Any]:
    return {
        "type": "mapping",
        "host_category": row.host_category,
        "category_id": row.category_id,
        "version": row.version,
        "status": row.status,
        "path": list(row.path),
    }


@publish_app.command("map")
@command
def publish_map(
    ctx: typer.Context,
    host_category: Annotated[
        str | None,
        typer.Argument(help="The host's category (id or path); none lists the mapping."),
    ] = None,
    category_id: Annotated[
        str | None,
        typer.Argument(help="TikTok's leaf category id; none confirms TikTok's suggestion."),
    ] = None,
    version: Annotated[
        str, typer.Option(help="TikTok's category tree of CATEGORY_ID: v1 or v2.")
    ] = "v2",
    remove: Annotated[
        bool, typer.Option("--remove", help="Forget the host category's row.")
    ] = False,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """The category mapping kept in the store: list it, map a host category, or confirm the
    category TikTok suggested for it (publish plan and check ask TikTok once per category)."""
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    mappings = CategoryMappings(current.store, shop.view.shop_cipher)
    changed: CategoryMappingRecord | None = None
    if remove and host_category is None:
        raise ConfigurationError("--remove needs the host category to forget: map HOST --remove.")
    if host_category is not None and remove:
        mappings.remove(host_category)
    elif host_category is not None and category_id is not None:
        if version not in ("v1", "v2"):
            raise ConfigurationError(f"--version must be v1 or v2, got {version!r}.")
        target = CategoryTarget(category_id=category_id, version=CategoryVersion(version))
        changed = mappings.set(host_category, target)
    elif host_category is not None:
        changed = mappings.confirm(host_category)
    rows = [changed] if changed is not None else mappings.records()
    if output.json_lines:
        for row in rows:
            output.record(_mapping_record(row))
        return 0
    output.table(
        ["host category", "TikTok category", "tree", "status", "path"],
        ([r.host_category, r.category_id, r.version, r.status, " > ".join(r.path)] for r in rows),
        title="category mapping" if changed is None else "mapped",
        wide=("path",),
    )
    return 0
