"""``deadlines``: the dispatch-deadline report (出荷期限) over the orders that still must ship.

Orders come from TikTok's search (one search per status that has a deadline, created within
``--days``); ``tiktokshop_sync.domain.deadline_report`` decides and sorts them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

import typer

from tiktokshop_sync.domain import (
    JST,
    DeadlinePolicy,
    DispatchDeadline,
    DispatchFacts,
    deadline_report,
)
from tiktokshop_sync.types.order import Order
from tiktokshop_sync.workflows import translate
from tiktokshop_sync.workflows.deadlines import DISPATCH_STATUSES
from tiktokshop_sync.workflows.order_import import default_holidays

from ._common import DebugOpt, JsonOpt, begin
from ._exit import ExitCode
from ._progress import Bars

__all__ = ["DISPATCH_STATUSES", "deadlines", "dispatch_facts"]


def dispatch_facts(order: Order, shop: str) -> DispatchFacts:
    """The facts of a TikTok order that decide its deadline (the workflows' translation)."""
    return translate.dispatch_facts(order, shop=shop)


def _record(deadline: DispatchDeadline, overdue: bool) -> dict[str, Any]:
    return {
        "type": "deadline",
        "shop": deadline.shop,
        "order_id": deadline.order_id,
        "stage": deadline.stage.value,
        "due": deadline.due.astimezone(JST),
        "overdue": overdue,
        "field": deadline.field.value,
        "basis": deadline.basis.value,
        "auto_cancel_at": None
        if deadline.auto_cancel_at is None
        else deadline.auto_cancel_at.astimezone(JST),
        "reason": deadline.reason,
    }


def deadlines(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Option(min=1, max=90, help="Read orders created within this many days (default 30)."),
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(min=1, max=744, help="List deadlines due within this many hours (24)."),
    ] = None,
    business_days: Annotated[
        int | None,
        typer.Option(min=1, help="Estimate: business days to ship when TikTok sends no time (3)."),
    ] = None,
    language: Annotated[
        str | None, typer.Option("--lang", help="Report language: ja or en (default ja).")
    ] = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Orders overdue or due to ship soon, per shop, most urgent first (出荷期限レポート).

    Covers every authorized shop of the seller unless --shop picks one. Exits 10 when an order
    is overdue or due within the window, so a scheduler can alert.
    """
    current, output = begin(ctx, json_output, debug)
    section = "deadlines"
    lookback = current.whole(days, section, "days", 30, low=1, high=90)
    window = timedelta(hours=current.whole(within, section, "within_hours", 24, low=1, high=744))
    lang = current.language(language, section)
    estimate = current.whole(business_days, section, "business_days", 3, low=1)
    policy = current.policy(
        section,
        lambda: DeadlinePolicy(
            business_days=estimate,
            cutoff_hour=current.file.section(section).get("cutoff_hour"),
        ),
    )
    holidays = default_holidays()
    now = current.clock.now()
    facts: list[DispatchFacts] = []
    with Bars(output, enabled=current.progress_enabled()) as bars:
        for shop in current.pick_shops(single=False):
            for status in DISPATCH_STATUSES:
                with bars.phase(f"{shop.label}: {status}"):
                    pager = shop.view.orders.search(
                        status=status, create_time_ge=now - timedelta(days=lookback)
                    )
                    for page in pager.iter_pages():
                        bars.page(len(page.items), page.total_count)
                        facts.extend(dispatch_facts(o, shop.label) for o in page.items)
    report = deadline_report(facts, now=now, within=window, policy=policy, holidays=holidays)
    if output.json_lines:
        for deadline in report.overdue:
            output.record(_record(deadline, True))
        for deadline in report.due_soon:
            output.record(_record(deadline, False))
        output.record(
            {
                "type": "report",
                "as_of": report.as_of,
                "window_hours": window / timedelta(hours=1),
                "overdue": len(report.overdue),
                "due_soon": len(report.due_soon),
                "later": report.later,
                "without_deadline": report.without_deadline,
                "needs_attention": report.needs_attention,
                "holidays": holidays is not None,
            }
        )
    else:
        output.text(report.describe(lang))
        if holidays is None:
            output.note(
                "estimates skip weekends only: install the jp extra for Japan's holidays "
                "(pip install 'tiktokshop-sync[jp]')"
            )
    return int(ExitCode.ATTENTION) if report.needs_attention else 0
