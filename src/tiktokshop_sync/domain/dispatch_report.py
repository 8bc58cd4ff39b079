"""The deadline report (出荷期限アラート): orders overdue or due soon, by shop, most urgent first.

It shows shops, order ids, times and where each deadline came from; never a name or address.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Final, Literal

import attrs

from tiktokshop_sync._core.tabular import Tabular
from tiktokshop_sync.domain._validate import require_aware
from tiktokshop_sync.domain.business_days import (
    JST,
    DeadlinePolicy,
    HolidayCalendar,
    jst_stamp,
)
from tiktokshop_sync.domain.deadlines import (
    DeadlineStage,
    DispatchDeadline,
    DispatchDeadlineDecision,
    DispatchFacts,
    NoDispatchDeadline,
    dispatch_deadline,
)
from tiktokshop_sync.domain.errors import DomainConfigError

__all__ = ["DeadlineReport", "ShopDeadlines", "deadline_report"]

_MAX_WINDOW: Final = timedelta(days=31)


@attrs.frozen(kw_only=True)
class ShopDeadlines:
    """One shop's orders that need attention: overdue first (oldest first), then due soonest."""

    shop: str
    overdue: tuple[DispatchDeadline, ...]
    due_soon: tuple[DispatchDeadline, ...]

    @property
    def deadlines(self) -> tuple[DispatchDeadline, ...]:
        """Every listed deadline, most urgent first."""
        return self.overdue + self.due_soon


@attrs.frozen(kw_only=True)
class DeadlineReport(Tabular):
    """Orders overdue or due within ``window`` of ``as_of``, grouped by shop, most urgent first."""

    as_of: datetime
    """The ``now`` the report was made for, in JST."""
    window: timedelta
    shops: tuple[ShopDeadlines, ...]
    later: int
    """Orders whose deadline is further away than the window (not listed)."""
    without_deadline: int
    """Orders with no dispatch deadline now (unpaid, shipped, cancelled, shipped by TikTok)."""

    @property
    def overdue(self) -> tuple[DispatchDeadline, ...]:
        """Every overdue deadline, of all shops, oldest first."""
        return tuple(sorted((d for s in self.shops for d in s.overdue), key=_urgency))

    @property
    def due_soon(self) -> tuple[DispatchDeadline, ...]:
        """Every deadline within the window, of all shops, soonest first."""
        return tuple(sorted((d for s in self.shops for d in s.due_soon), key=_urgency))

    @property
    def needs_attention(self) -> bool:
        """True when any order is overdue or due within the window (an alert is due)."""
        return bool(self.shops)

    def to_rows(self) -> list[dict[str, object]]:
        """One row per listed order, most urgent first: ``urgency`` (``overdue`` or
        ``due_soon``), the shop, the order, the stage, when it is due (JST), the field it came
        from, whether it was estimated, TikTok's auto-cancel time, and why."""
        return [
            {
                "urgency": urgency,
                "shop": d.shop,
                "order_id": d.order_id,
                "stage": d.stage.value,
                "due": d.due.astimezone(JST),
                "field": d.field.value,
                "estimated": d.estimated,
                "auto_cancel_at": None
                if d.auto_cancel_at is None
                else d.auto_cancel_at.astimezone(JST),
                "reason": d.reason,
            }
            for urgency, deadlines in (("overdue", self.overdue), ("due_soon", self.due_soon))
            for d in deadlines
        ]

    def describe(self, language: Literal["ja", "en"] = "ja") -> str:
        """The report as text for a seller: Japanese by default, ``"en"`` for English."""
        if language == "ja":
            return _describe_ja(self)
        if language == "en":
            return _describe_en(self)
        raise DomainConfigError(f"language must be 'ja' or 'en', got {language!r}")


def _urgency(deadline: DispatchDeadline) -> tuple[datetime, str, str]:
    return (deadline.due, deadline.shop, deadline.order_id)


def deadline_report(
    deadlines: Iterable[DispatchDeadlineDecision | DispatchFacts],
    *,
    now: datetime,
    within: timedelta = timedelta(hours=24),
    policy: DeadlinePolicy | None = None,
    holidays: HolidayCalendar | None = None,
) -> DeadlineReport:
    """Sort the orders' deadlines into overdue, due within ``within`` of ``now``, and the rest.

    Takes :func:`dispatch_deadline` results, or the facts themselves (decided here with
    ``policy`` and ``holidays``). One entry per order: a repeated (shop, order id) keeps the last
    one given (pass the newest version last). A deadline exactly at ``now`` is due, not overdue.
    """
    at = require_aware("now", now).astimezone(JST)
    if not isinstance(within, timedelta) or not timedelta(0) < within <= _MAX_WINDOW:
        raise DomainConfigError(
            f"deadline_report(within=...) must be a timedelta above 0 and at most 31 days, got "
            f"{within!r}; e.g. timedelta(hours=24)"
        )
    latest: dict[tuple[str, str], DispatchDeadlineDecision] = {}
    for entry in deadlines:
        if isinstance(entry, DispatchFacts):
            decision = dispatch_deadline(entry, policy=policy, holidays=holidays)
        elif isinstance(entry, (DispatchDeadline, NoDispatchDeadline)):
            decision = entry
        else:
            raise TypeError(
                f"deadline_report takes DispatchFacts or dispatch_deadline() results, got "
                f"{type(entry).__name__}"
            )
        latest.pop((decision.shop, decision.order_id), None)
        latest[(decision.shop, decision.order_id)] = decision
    overdue: dict[str, list[DispatchDeadline]] = {}
    due_soon: dict[str, list[DispatchDeadline]] = {}
    later = without = 0
    for decision in latest.values():
        if isinstance(decision, NoDispatchDeadline):
            without += 1
        elif decision.due < at:
            overdue.setdefault(decision.shop, []).append(decision)
        elif decision.due <= at + within:
            due_soon.setdefault(decision.shop, []).append(decision)
        else:
            later += 1
    shops = [
        ShopDeadlines(
            shop=shop,
            overdue=tuple(sorted(overdue.get(shop, ()), key=_urgency)),
            due_soon=tuple(sorted(due_soon.get(shop, ()), key=_urgency)),
        )
        for shop in {*overdue, *due_soon}
    ]
    shops.sort(key=lambda group: (_urgency(group.deadlines[0]), group.shop))
    return DeadlineReport(
        as_of=at, window=within, shops=tuple(shops), later=later, without_deadline=without
    )


def _split(amount: timedelta) -> tuple[int, int, int]:
    minutes = int(abs(amount).total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    return days, hours, minutes


def _span_ja(amount: timedelta) -> str:
    days, hours, minutes = _split(amount)
    shown = minutes or not (days or hours)
    return (
        (f"{days}日" if days else "")
        + (f"{hours}時間" if hours else "")
        + (f"{minutes}分" if shown else "")
    )


def _span_en(amount: timedelta) -> str:
    days, hours, minutes = _split(amount)
    shown = minutes or not (days or hours)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else ""]
    parts.append(f"{minutes} min" if shown else "")
    return " ".join(part for part in parts if part)


def _hours(window: timedelta) -> str:
    return f"{window.total_seconds() / 3600:g}"


def _source_ja(deadline: DispatchDeadline) -> str:
    if deadline.estimated:
        return f"推定: {deadline.field.value} から営業日で計算"
    return f"TikTok指定: {deadline.field.value}"


def _source_en(deadline: DispatchDeadline) -> str:
    if deadline.estimated:
        return f"estimated in business days from {deadline.field.value}"
    return f"given by TikTok: {deadline.field.value}"


def _describe_ja(report: DeadlineReport) -> str:
    window = _hours(report.window)
    lines = [f"出荷期限レポート（{jst_stamp(report.as_of)} 時点、期限切れと{window}時間以内）"]
    if not report.shops:
        lines.append("期限切れの注文も期限が近い注文もありません。")
    for group in report.shops:
        lines.append(
            f"ショップ {group.shop}: 期限切れ {len(group.overdue)}件、"
            f"期限間近 {len(group.due_soon)}件"
        )
        for deadline in group.deadlines:
            left = deadline.remaining(report.as_of)
            when = f"{_span_ja(left)}超過" if left < timedelta(0) else f"残り{_span_ja(left)}"
            label = deadline.stage.label_ja
            lines.append(
                f"  [{when}] 注文 {deadline.order_id} {label} {jst_stamp(deadline.due)}"
                f"（{_source_ja(deadline)}）"
            )
    lines.append(
        f"このほか期限まで余裕のある注文 {report.later}件、"
        f"期限のない注文 {report.without_deadline}件"
    )
    return "\n".join(lines)


def _describe_en(report: DeadlineReport) -> str:
    lines = [
        f"Dispatch deadlines at {jst_stamp(report.as_of)}: overdue, and due within "
        f"{_hours(report.window)} h"
    ]
    if not report.shops:
        lines.append("No order is overdue or due soon.")
    for group in report.shops:
        lines.append(
            f"shop {group.shop}: {len(group.overdue)} overdue, {len(group.due_soon)} due soon"
        )
        for deadline in group.deadlines:
            left = deadline.remaining(report.as_of)
            when = (
                f"overdue by {_span_en(left)}" if left < timedelta(0) else f"{_span_en(left)} left"
            )
            what = "ship by" if deadline.stage is DeadlineStage.SHIP else "collected by"
            lines.append(
                f"  [{when}] order {deadline.order_id} {what} {jst_stamp(deadline.due)} "
                f"({_source_en(deadline)})"
            )
    lines.append(
        f"Also {report.later} order(s) due later and {report.without_deadline} with no deadline"
    )
    return "\n".join(lines)
