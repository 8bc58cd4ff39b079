"""``settlement``: TikTok's statements and payouts (入金明細) for the accounting side.

``plan`` is a dry run of :class:`~tiktokshop_sync.workflows.SettlementImport`; ``run`` appends
each statement (header and lines) and each payout state to a JSON-lines file, which is the
``SettlementSink``: a statement's ``key`` repeats when TikTok names or pays its payout, so the
reader upserts by key. ``report`` reconciles a period (入金消込) with
:class:`~tiktokshop_sync.workflows.SettlementReconciliation` over that file, the orders file
``import run`` wrote and a bank deposits file. Settings: flags, else the config file's
``[settlement]`` table.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from tiktokshop_sync import ConfigurationError, InvalidArgumentError
from tiktokshop_sync.domain import (
    ROW_COLUMNS,
    ReconciliationPolicy,
    ReconciliationReport,
    ReportPeriod,
)
from tiktokshop_sync.workflows import (
    ImportedPayout,
    ImportedSettlement,
    SettlementImport,
    SettlementImportPlan,
    SettlementImportResult,
    SettlementReconciliation,
)

from ._books import FileBooks
from ._common import DebugOpt, JsonOpt, begin, command
from ._exit import ExitCode
from ._files import _JsonLinesFile
from ._output import Output, jsonable
from ._progress import Bars
from ._session import Session, ShopChoice
from ._workflows import EncodingOpt, _DryRun, _path

__all__ = ["JsonLinesSettlementSink", "settlement_app"]

settlement_app = typer.Typer(
    name="settlement",
    help="Import TikTok's statements and payouts (入金明細) as JSON lines: plan, then run; "
    "reconcile a period (入金消込): report.",
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
    limit = current.whole(None, "settlement", "max_batches", 100, low=1)
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


def _day(option: str, value: str) -> date:
    try:
        return date.fromisoformat(value.strip().replace("/", "-"))
    except ValueError:
        raise InvalidArgumentError(
            f"{option} takes a date such as 2025-09-01, got {value!r}."
        ) from None


def _show_report(
    output: Output, report: ReconciliationReport, language: Literal["ja", "en"]
) -> None:
    if not output.json_lines:
        output.text(report.describe(language))
        return
    for outcome in report.orders:
        output.record(
            {
                "type": "order",
                "order_id": outcome.order_id,
                "category": outcome.category.value,
                "needs_attention": outcome.category.needs_attention,
                "note": outcome.describe(language),
            }
        )
    for check in report.payouts:
        output.record(
            {
                "type": "payout",
                "payment_id": check.payout.payment_id,
                "ok": check.ok,
                "issues": [f.issue.value for f in check.findings],
                "note": check.describe(language),
            }
        )
    output.record(
        {
            "type": "report",
            "first_day": report.period.first_day,
            "last_day": report.period.last_day,
            "as_of": report.as_of,
            "ok": report.ok,
            "orders": {c.value: n for c, n in report.counts.items()},
            "statements": len(report.statements),
            "payouts": len(report.payouts),
        }
    )


@settlement_app.command("report")
@command
def settlement_report(
    ctx: typer.Context,
    first_day: Annotated[
        str, typer.Option("--from", help="First day of the period (JST), e.g. 2025-09-01.")
    ],
    last_day: Annotated[
        str, typer.Option("--to", help="Last day of the period (JST), included, e.g. 2025-09-30.")
    ],
    settlements: Annotated[
        Path | None,
        typer.Option(help="The JSON lines settlement run wrote ([settlement] out)."),
    ] = None,
    orders: Annotated[
        Path | None,
        typer.Option(help="The JSON lines import run wrote: what the OMS booked ([import] out)."),
    ] = None,
    deposits: Annotated[
        Path | None,
        typer.Option(
            help="Bank deposits, CSV or JSON lines: payment_id, amount, received_on[, currency]"
            " ([settlement] deposits)."
        ),
    ] = None,
    csv_out: Annotated[
        Path | None,
        typer.Option("--csv", help="Also write one row per settled line or open order here."),
    ] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of the report and its notes: ja or en.")
    ] = "ja",
    encoding: EncodingOpt = "utf-8-sig",
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Reconcile a period (入金消込): the statements and payouts settlement run wrote, the
    orders import run booked and the bank's deposits, against TikTok's unsettled orders.

    Reads TikTok and the files; writes only --csv. Exits 10 when something needs attention.
    """
    current, output = begin(ctx, json_output, debug)
    if lang not in ("ja", "en"):
        raise InvalidArgumentError(f"--lang takes ja or en, got {lang!r}.")
    language: Literal["ja", "en"] = "ja" if lang == "ja" else "en"
    start, end = _day("--from", first_day), _day("--to", last_day)
    if end < start:
        raise InvalidArgumentError(f"--to ({end}) is before --from ({start}); swap them.")
    period = ReportPeriod(first_day=start, last_day=end)
    section = current.file.section("settlement")
    overdue = section.get("overdue_days")
    policy = current.policy(
        "settlement",
        lambda: (
            ReconciliationPolicy()
            if overdue is None
            else ReconciliationPolicy(overdue_after=timedelta(days=overdue))
        ),
    )
    deposits_path = current.pick(deposits, "settlement", "deposits", None)
    books = FileBooks(
        settlements=_path(current, settlements, "settlement", "out", "--settlements"),
        orders=_path(current, orders, "import", "out", "--orders"),
        deposits=None if deposits_path is None else Path(str(deposits_path)).expanduser(),
        encoding=encoding,
        zone=policy.zone,
    )
    shop = current.shop()
    job = SettlementReconciliation(shop=shop.view, books=books, policy=policy)
    report = job.report(period)
    if csv_out is not None:
        csv_out.parent.mkdir(parents=True, exist_ok=True)
        # UTF-8 with a BOM: Excel in Japan opens it as UTF-8 (not Shift_JIS).
        with csv_out.open("w", encoding="utf-8-sig", newline="") as file:
            writer = csv.DictWriter(file, fieldnames=ROW_COLUMNS)
            writer.writeheader()
            writer.writerows(report.to_rows(language))
    _show_report(output, report, language)
    return 0 if report.ok else int(ExitCode.ATTENTION)
