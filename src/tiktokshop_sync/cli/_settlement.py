"""``settlement``: TikTok's statements and payouts (入金明細) for the accounting side.

``plan`` is a dry run of :class:`~tiktokshop_sync.workflows.SettlementImport`; ``run`` appends
each statement (header and lines) and each payout state to a JSON-lines file, which is the
``SettlementSink``: a statement's ``key`` repeats when TikTok names or pays its payout, so the
reader upserts by key. Settings: flags, else the config file's ``[settlement]`` table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from tiktokshop_sync import ConfigurationError
from tiktokshop_sync.workflows import (
    ImportedPayout,
    ImportedSettlement,
    SettlementImport,
    SettlementImportPlan,
    SettlementImportResult,
)

from ._common import DebugOpt, JsonOpt, begin, command
from ._files import _JsonLinesFile
from ._output import Output, jsonable
from ._progress import Bars
from ._session import Session, ShopChoice
from ._workflows import _DryRun

__all__ = ["JsonLinesSettlementSink", "settlement_app"]

settlement_app = typer.Typer(
    name="settlement",
    help="Import TikTok's statements and payouts (入金明細, for 入金消込) as JSON lines: plan, "
    "then run.",
    no_args_is_help=True,
)


class JsonLinesSettlementSink(_JsonLinesFile):
    """A :class:`~tiktokshop_sync.workflows.SettlementSink` writing one JSON line per event.

    ``event`` is ``statement`` (header, ``reason`` and every line with its breakdown; upsert by
    ``key``) or ``payout`` (upsert by ``key``: the newest status wins). Amounts are exact
    decimal strings.
    """

    def settle(self, settlements: Sequence[ImportedSettlement]) -> None:
        """Append the statements (``key`` repeats when the payout changes: an upsert)."""
        self._append(
            {"event": "statement", "key": s.key, "reason": s.reason, **_fields(s.statement)}
            for s in settlements
        )

    def paid(self, payouts: Sequence[ImportedPayout]) -> None:
        """Append payout states."""
        self._append({"event": "payout", "key": p.key, **_fields(p.payout)} for p in payouts)


def _fields(value: Any) -> dict[str, Any]:
    data = dict(jsonable(value))
    data.pop("kind", None)
    return data


def _job(current: Session, shop: ShopChoice, sink: Any, bars: Bars) -> SettlementImport:
    section = current.file.section("settlement")

    def build() -> SettlementImport:
        options: dict[str, Any] = {}
        for key in ("lookback_days", "revisit_days"):
            if section.get(key) is not None:
                options[key.rsplit("_", 1)[0]] = timedelta(days=section[key])
        if section.get("batch_limit") is not None:
            options["batch_limit"] = section["batch_limit"]
        return SettlementImport(
            shop=shop.view,
            state=current.store,
            sink=sink,
            on_progress=bars.callback,
            **options,
        )

    return current.policy("settlement", build)


def _show(output: Output, plan: SettlementImportPlan) -> None:
    if not output.json_lines:
        output.text(plan.describe())
        return
    for settlement in plan.settlements:
        s = settlement.statement
        output.record(
            {
                "type": "statement",
                "statement_id": s.statement_id,
                "statement_time": s.statement_time,
                "reason": settlement.reason,
                "lines": len(s.lines),
                "settlement": s.settlement,
                "currency": s.currency,
                "payment_id": s.payment_id,
                "payment_status": s.payment_status,
            }
        )
    for imported in plan.payouts:
        p = imported.payout
        output.record(
            {
                "type": "payout",
                "payment_id": p.payment_id,
                "status": p.status,
                "amount": p.amount,
                "currency": p.amount_currency,
            }
        )
    output.record(
        {
            "type": "plan",
            "job": "settlement",
            "shop": plan.shop,
            "statements": len(plan.settlements),
            "payouts": len(plan.payouts),
            "unchanged": plan.unchanged,
        }
    )


@settlement_app.command("plan")
@command
def settlement_plan(
    ctx: typer.Context, json_output: JsonOpt = False, debug: DebugOpt = False
) -> int:
    """Dry run: which statements and payouts the next run would hand over, and why.

    Reads TikTok and the store; writes nothing (not the cursor, not the output file).
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    with Bars(output, enabled=current.progress_enabled()) as bars:
        job = _job(current, shop, _DryRun(), bars)
        with bars.phase("fetching statements"):
            plan = job.plan()
    _show(output, plan)
    return 0


@settlement_app.command("run")
@command
def settlement_run(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(
            help="JSON-lines file statements and payouts are appended to ([settlement] out)."
        ),
    ] = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Append new statements (with every line) and payout changes to a JSON-lines file,
    batch by batch ([settlement] batch_limit statements) until caught up.

    The cursor and the ledger move only after the file is synced to disk: a re-run after a
    crash repeats at most what the file already has (upsert by ``key``).
    """
    current, output = begin(ctx, json_output, debug)
    value = current.pick(out, "settlement", "out", None)
    if value is None:
        raise ConfigurationError(
            '--out is required: pass --out PATH or set out = "PATH" in the config file\'s '
            "[settlement] table."
        )
    sink = JsonLinesSettlementSink(Path(str(value)).expanduser())
    shop = current.shop()
    limit = int(current.pick(None, "settlement", "max_batches", 100))
    result = SettlementImportResult()
    with Bars(output, enabled=current.progress_enabled()) as bars:
        job = _job(current, shop, sink, bars)
        batches = 0
        for batches in range(1, limit + 1):
            bars.batch(batches, limit)
            with bars.phase(f"batch {batches}: fetching statements"):
                plan = job.plan()
            size = len(plan.settlements) + len(plan.payouts)
            with bars.phase(f"batch {batches}: handing over", total=size):
                result = result + job.apply(plan)
            if plan.complete:
                break
        bars.finish_batches(batches)
    values = {
        "statements": result.statements,
        "payouts": result.payouts,
        "batches": result.batches,
        "complete": result.complete,
        "cursor": result.cursor,
        "file": str(sink.path),
    }
    if output.json_lines:
        output.record({"type": "result", "job": "settlement", **values})
    else:
        output.table(["", "count"], values.items(), title="settlement: done")
    return 0
