"""``returns plan | run``: returns, refunds and replacements into the OMS (返品・返金連携).

``plan`` is a dry run: the steps the next run would deliver, the answers TikTok waits for
with their deadlines (対応期限), and what the approval policy would send; it writes nothing
and sends nothing. ``run`` appends each new step to a JSON-lines file (synced before the
ledger and the cursor move) and sends the policy's approvals. Both exit 10 when an answer is
overdue or due within the day, so a scheduler can alert; ``run`` also when a decision failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from tiktokshop_sync import ConfigurationError
from tiktokshop_sync.domain import JST, ReturnPolicy, Urgency
from tiktokshop_sync.domain.return_actions import PendingAction
from tiktokshop_sync.workflows import (
    ReturnImport,
    ReturnImportPlan,
    ReturnImportResult,
)

from ._common import DebugOpt, JsonOpt, begin, command
from ._exit import ExitCode
from ._files import JsonLinesReturnSink
from ._output import Output
from ._progress import Bars
from ._session import Session, ShopChoice
from ._workflows import _DryRun

__all__ = ["returns_app"]

returns_app = typer.Typer(
    name="returns",
    help=(
        "Import returns, refunds and replacements (返品・返金) into the OMS as JSON lines, with "
        "the seller's deadlines (対応期限): plan, then run."
    ),
    no_args_is_help=True,
)

SECTION = "returns"

ApproveOpt = Annotated[
    int | None,
    typer.Option(
        help="Approve refund-only requests under this many yen (off by default; never returns).",
        show_default=False,
    ),
]
PercentOpt = Annotated[
    int | None,
    typer.Option(
        help="Offer this whole percent as a partial refund instead of taking goods back...",
        show_default=False,
    ),
]
UnderOpt = Annotated[
    int | None,
    typer.Option(help="...on return requests under this many yen.", show_default=False),
]
BatchOpt = Annotated[
    int | None, typer.Option(min=1, help="Requests with new steps per batch (default 500).")
]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="Plan language: ja or en (default ja).")
]


def _policy(
    current: Session, approve_under: int | None, percent: int | None, under: int | None
) -> ReturnPolicy:
    """The approval policy from flags, then the config file's ``[returns]`` table."""

    def build() -> ReturnPolicy:
        return ReturnPolicy(
            auto_approve_refunds_under=current.pick(
                approve_under, SECTION, "auto_approve_refunds_under", None
            ),
            partial_refund_percent=current.pick(percent, SECTION, "partial_refund_percent", None),
            partial_refund_under=current.pick(under, SECTION, "partial_refund_under", None),
        )

    return current.policy(SECTION, build)


def _job(
    current: Session,
    shop: ShopChoice,
    sink: Any,
    policy: ReturnPolicy,
    batch_limit: int | None,
    bars: Bars,
) -> ReturnImport:
    limit = current.whole(batch_limit, SECTION, "batch_limit", 500, low=1)
    return ReturnImport(
        shop=shop.view,
        state=current.store,
        sink=sink,
        policy=policy,
        batch_limit=limit,
        on_progress=bars.callback,
    )


def _language(current: Session, flag: str | None) -> Literal["ja", "en"]:
    return current.language(flag, SECTION)


def _pending(action: PendingAction, now: Any) -> dict[str, Any]:
    return {
        "type": "pending",
        "return_id": action.return_id,
        "order_id": action.order_id,
        "return_type": action.return_kind,
        "action": action.action,
        "deadline": None if action.deadline is None else action.deadline.astimezone(JST),
        "urgency": action.urgency(now),
        "inferred": action.inferred,
    }


def _show_plan(output: Output, plan: ReturnImportPlan, language: Literal["ja", "en"]) -> None:
    now = plan.window_end
    if not output.json_lines:
        output.text(plan.describe(language))
        return
    for event in plan.events:
        output.record(
            {
                "type": "step",
                "key": event.key,
                "step": event.kind,
                "return_id": event.return_id,
                "order_id": event.order_id,
                "return_type": event.facts.return_type,
                "status": event.status,
                "at": event.at,
            }
        )
    for action in plan.pending:
        output.record(_pending(action, now))
    for decision in plan.decisions:
        output.record(
            {
                "type": "decision",
                "return_id": decision.return_id,
                "order_id": decision.order_id,
                "decision": type(decision).__name__,
                "applied_by_run": decision in plan.to_apply,
                "why": decision.why,
            }
        )
    output.record(
        {
            "type": "plan",
            "job": "returns",
            "shop": plan.shop,
            "window_start": plan.window_start,
            "window_end": plan.window_end,
            "steps": len(plan.events),
            "pending": len(plan.pending),
            "overdue": _count(plan.pending, now, Urgency.OVERDUE),
            "due_soon": _count(plan.pending, now, Urgency.DUE_SOON),
            "to_apply": len(plan.to_apply),
            "complete": plan.complete,
        }
    )


def _count(actions: Sequence[PendingAction], now: Any, urgency: Urgency) -> int:
    return sum(1 for action in actions if action.urgency(now) is urgency)


def _urgent(plan: ReturnImportPlan) -> int:
    now = plan.window_end
    return _count(plan.pending, now, Urgency.OVERDUE) + _count(plan.pending, now, Urgency.DUE_SOON)


@returns_app.command("plan")
@command
def returns_plan(
    ctx: typer.Context,
    auto_approve_under: ApproveOpt = None,
    partial_refund_percent: PercentOpt = None,
    partial_refund_under: UnderOpt = None,
    batch_limit: BatchOpt = None,
    language: LangOpt = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Dry run: the steps the next run delivers, the answers owed by urgency, the decisions.

    Reads TikTok and the store; writes nothing and sends nothing to TikTok. Exits 10 when an
    answer is overdue or due within 24 hours.
    """
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    policy = _policy(current, auto_approve_under, partial_refund_percent, partial_refund_under)
    with Bars(output, enabled=current.progress_enabled()) as bars:
        job = _job(current, shop, _DryRun(), policy, batch_limit, bars)
        with bars.phase("fetching returns"):
            plan = job.plan()
    _show_plan(output, plan, _language(current, language))
    return int(ExitCode.ATTENTION) if _urgent(plan) else 0


@returns_app.command("run")
@command
def returns_run(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(help="JSON-lines file the return steps are appended to ([returns] out)."),
    ] = None,
    auto_approve_under: ApproveOpt = None,
    partial_refund_percent: PercentOpt = None,
    partial_refund_under: UnderOpt = None,
    batch_limit: BatchOpt = None,
    max_batches: Annotated[
        int | None, typer.Option(min=1, help="Stop after this many batches (default 100).")
    ] = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Append each new step of every return to a JSON-lines file and send the policy's answers.

    The ledger and the cursor move only after the file is synced to disk, so a re-run after a
    crash repeats at most the last batch's lines (same key: an upsert). Exits 10 when a decision
    failed or its reply was lost, or when an answer is overdue or due within 24 hours.
    """
    current, output = begin(ctx, json_output, debug)
    target = current.pick(out, SECTION, "out", None)
    if target is None:
        raise ConfigurationError(
            '--out is required: pass --out PATH or set out = "PATH" in the config file\'s '
            "[returns] table."
        )
    sink = JsonLinesReturnSink(Path(str(target)).expanduser())
    shop = current.shop()
    policy = _policy(current, auto_approve_under, partial_refund_percent, partial_refund_under)
    limit = current.whole(max_batches, SECTION, "max_batches", 100, low=1)
    results: list[ReturnImportResult] = []
    urgent = 0
    with Bars(output, enabled=current.progress_enabled()) as bars:
        job = _job(current, shop, sink, policy, batch_limit, bars)
        for batch in range(1, limit + 1):
            bars.batch(batch, limit)
            with bars.phase(f"batch {batch}: fetching"):
                plan = job.plan()
            with bars.phase(f"batch {batch}: delivering", total=len(plan.events)):
                results.append(job.apply(plan))
            urgent = _urgent(plan)
            if plan.complete:
                break
        bars.finish_batches(len(results))
    last = results[-1]
    failed = [d for r in results for d in r.failed]
    values: dict[str, Any] = {
        "delivered": sum(r.delivered for r in results),
        "returns": sum(r.returns for r in results),
        "approved": sum(r.approved for r in results),
        "offered": sum(r.offered for r in results),
        "failed": len(failed),
        "pending": last.pending,
        "overdue": last.overdue,
        "batches": len(results),
        "complete": last.complete,
        "cursor": last.cursor,
        "file": str(sink.path),
    }
    problems = [f"{d.outcome} {d.return_id} {d.decision}: {d.reason}" for d in failed]
    if not last.complete:
        problems.append(f"stopped after {len(results)} batch(es): run again to continue")
    if output.json_lines:
        output.record({"type": "result", "job": "returns", **values})
    else:
        output.table(["", "count"], values.items(), title="returns: done")
        for line in problems:
            output.text(f"  {line}")
    return int(ExitCode.ATTENTION) if failed or urgent else 0
