"""Return import (返品・返金連携): TikTok's after-sales requests into the OMS, step by step.

Each run reads the returns updated since the cursor (``update_time``, oldest first, with a small
overlap) and the requests still waiting for the seller, translates them into facts
(``returns_translate``), plans with the pure :func:`~tiktokshop_sync.domain.planning.
plan_returns` and, in :meth:`~ReturnImport.apply`, delivers each step not delivered yet to the
host's :class:`~tiktokshop_sync.workflows.ports.ReturnSink` (requested, approved, item received,
refunded, rejected, cancelled, replacement...). A step's ledger key is written only after the
sink accepted it, so a crash repeats a step (the sink upserts by key) and never loses one; the
cursor moves last. The plan also lists the answers TikTok waits for with their deadlines (most
urgent first) and what a :class:`~tiktokshop_sync.domain.ReturnPolicy` decides for them; a
decision is sent to TikTok only by ``apply``, with its idempotency key, so applying twice
approves once.

A type-12 ``RETURN_STATUS_CHANGE`` webhook names one return: :meth:`~ReturnImport.plan_for`
reads just those returns (the cursor stays), so a receiver can import the change at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.pagination import PageWalker, SpecFactory
from .._core.tabular import Tabular
from .._exceptions import APIConnectionError, APIError, ConflictError, unknown_outcome_cause
from ..domain import JST
from ..domain.planning import (
    KnownReturns,
    ReturnImportDecisions,
    UnknownReturnStatus,
    plan_returns,
    return_keys_to_read,
)
from ..domain.return_actions import PendingAction, Urgency
from ..domain.return_decisions import (
    AfterSalesDecision,
    Approve,
    LeaveToSeller,
    OfferPartialRefund,
    ReturnPolicy,
)
from ..domain.return_events import ReturnEvent, ReturnEventKind
from ..domain.returns import ReturnFacts
from ..resources import _params
from ..resources import returns as returns_api
from ..types.returns import Return
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .order_import import MAX_OVERLAP
from .ports import ReturnSink
from .progress import ProgressCallback, Reporter
from .returns_translate import return_facts_many
from .state import BatchLedger, LedgerEntry, StateStore

__all__ = [
    "AsyncReturnImport",
    "DecisionOutcome",
    "ReturnImport",
    "ReturnImportPlan",
    "ReturnImportResult",
]

JOB = "returns"
#: Statuses in which TikTok waits for the seller, as Search Returns' filter lists them: the
#: requests read apart each run, whether they changed or not. Its filter lists no
#: REPLACEMENT_* status (search-returns.spec.json), so a pending replacement is seen when it
#: changes. TikTok announced replacement orders for the US market
#: (guides/changelog/orders/for-us-market-replacement-orders-now-available.md).
OPEN_STATUSES = ("RETURN_OR_REFUND_REQUEST_PENDING", "BUYER_SHIPPED_ITEM")
#: A first run reads returns updated within a month: a request lives that long (48 hours to
#: answer, a week to ship back, 8 days to inspect).
DEFAULT_LOOKBACK = timedelta(days=30)
MAX_LOOKBACK = timedelta(days=365)
#: Return ids per Search Returns call when reading the ones a webhook named.
_IDS_PER_SEARCH = 50
#: Answers and decisions ``describe()`` lists one by one (most urgent first); the rest are counted.
LISTED = 20
_DECISION_KIND = "return-decision"
_STEP_KIND = "return-step"


def _jst(moment: datetime) -> str:
    return f"{moment.astimezone(JST):%Y-%m-%d %H:%M} JST"


@attrs.frozen(kw_only=True)
class ReturnImportPlan(Tabular):
    """What a run would deliver and decide; ``describe()`` is a dry run (nothing is written).

    ``cursor`` is None for a plan of named returns (:meth:`ReturnImport.plan_for`): applying it
    leaves the cursor where it was.
    """

    shop: str
    window_start: datetime | None
    window_end: datetime
    events: tuple[ReturnEvent, ...] = attrs.field(repr=summary)
    pending: tuple[PendingAction, ...] = attrs.field(repr=summary)
    decisions: tuple[AfterSalesDecision, ...] = attrs.field(repr=summary)
    policy: ReturnPolicy
    unknown_statuses: tuple[UnknownReturnStatus, ...] = attrs.field(default=(), repr=summary)
    cursor: datetime | None = None
    complete: bool = True

    @property
    def to_apply(self) -> tuple[Approve | OfferPartialRefund, ...]:
        """The decisions ``apply`` sends to TikTok (approvals and partial-refund offers)."""
        return tuple(d for d in self.decisions if not isinstance(d, LeaveToSeller))

    @property
    def empty(self) -> bool:
        """Whether applying would deliver nothing and send nothing to TikTok."""
        return not (self.events or self.to_apply)

    def describe(self, language: Literal["en", "ja"] = "en") -> str:
        """A readable summary for a seller, grouped by what and why (ids only, JST times)."""
        now = self.window_end
        say = _say(language)
        if self.window_start is not None:
            window = say(
                f"updated since {_jst(self.window_start)}", f"{_jst(self.window_start)}以降の更新"
            )
        else:
            window = say("named by webhooks", "Webhookで通知された申請")
        steps = Counter(event.kind for event in self.events)
        requests = len({e.return_id for e in self.events})
        kinds = ", ".join(
            f"{steps[kind]} {kind.label(language)}" for kind in ReturnEventKind if steps[kind]
        )
        lines = [
            say(
                f"returns of shop {self.shop} ({window}, as of {_jst(now)}):",
                f"ショップ {self.shop} の返品・返金（{window}、{_jst(now)}時点）:",
            ),
            say(
                f"  deliver {len(self.events)} step(s) of {requests} request(s)",
                f"  OMSへ連携 {len(self.events)}件（申請 {requests}件）",
            )
            + (f": {kinds}" if kinds else ""),
        ]
        urgency = Counter(action.urgency(now) for action in self.pending)
        counts = ", ".join(f"{urgency[u]} {u.label(language)}" for u in Urgency if urgency[u])
        lines.append(
            say(
                f"  {len(self.pending)} answer(s) TikTok waits for",
                f"  TikTokが回答を待つ申請 {len(self.pending)}件",
            )
            + (f": {counts}" if counts else "")
        )
        lines += [f"    {action.describe(now, language)}" for action in self.pending[:LISTED]]
        lines += _more(len(self.pending), language)
        lines += _decision_lines(self.decisions, language)
        lines += [
            say(
                f"  return {u.return_id}: status {u.status} is new to this version; "
                "only 'requested' was delivered",
                f"  申請 {u.return_id}: ステータス {u.status} はこのバージョンが知らないため"
                "「申請あり」のみ連携しました",
            )
            for u in self.unknown_statuses
        ]
        if not self.complete:
            lines.append(
                say(
                    "  more returns wait: the next run continues from here",
                    "  続きがあります: 次回の実行がここから続けます",
                )
            )
        return "\n".join(lines)


def _more(count: int, language: Literal["en", "ja"]) -> list[str]:
    """The line that counts what a list left out (the most urgent are shown)."""
    if count <= LISTED:
        return []
    return [_say(language)(f"    ... and {count - LISTED} more", f"    …ほか {count - LISTED}件")]


def _say(language: Literal["en", "ja"]) -> Callable[[str, str], str]:
    """The text in ``language`` of an English and a Japanese version."""
    if language not in ("en", "ja"):
        raise ValueError(f"language must be 'en' or 'ja', got {language!r}")
    return lambda en, ja: en if language == "en" else ja


def _decision_lines(
    decisions: Sequence[AfterSalesDecision], language: Literal["en", "ja"]
) -> list[str]:
    say = _say(language)
    applied = [d for d in decisions if not isinstance(d, LeaveToSeller)]
    left = [d for d in decisions if isinstance(d, LeaveToSeller)]
    lines = []
    if applied:
        lines.append(
            say(
                f"  {len(applied)} decision(s) apply() sends to TikTok:",
                f"  apply() がTikTokへ送る判断 {len(applied)}件:",
            )
        )
    lines += [f"    {d.describe(language)}" for d in applied[:LISTED]]
    lines += _more(len(applied), language)
    if left:
        reasons = Counter(d.reason for d in left)
        grouped = ", ".join(
            f"{reasons[reason]} {reason.describe(language)}"
            for reason in sorted(reasons, key=lambda r: -reasons[r])
        )
        lines.append(
            say(f"  {len(left)} left to the seller: ", f"  手動対応 {len(left)}件: ") + grouped
        )
    return lines


@attrs.frozen(kw_only=True)
class DecisionOutcome:
    """What became of one decision ``apply`` sent: applied, refused, failed or unknown."""

    return_id: str
    decision: str
    """Approve Return's ``decision`` (``APPROVE_REFUND``, ``OFFER_PARTIAL_REFUND``)."""
    outcome: Literal["applied", "refused", "failed", "unknown"]
    reason: str = ""


@attrs.frozen(kw_only=True)
class ReturnImportResult(Tabular):
    """What a run did: steps delivered, decisions sent, and the answers still owed."""

    delivered: int = 0
    returns: int = 0
    """Requests with a step delivered."""
    approved: int = 0
    offered: int = 0
    pending: int = 0
    """Answers TikTok still waited for when the run planned."""
    overdue: int = 0
    """Of those, answers already past their deadline."""
    decisions: tuple[DecisionOutcome, ...] = attrs.field(default=(), repr=summary)
    complete: bool = True
    cursor: datetime | None = None

    @property
    def failed(self) -> tuple[DecisionOutcome, ...]:
        """Decisions TikTok refused or whose outcome is unknown (a lost reply)."""
        return tuple(d for d in self.decisions if d.outcome != "applied")


def _lookback(value: timedelta) -> timedelta:
    return settings.duration("lookback", value, high=MAX_LOOKBACK, example="timedelta(days=30)")


class _ReturnImportCore(JobBase[ShopT, ReturnImportPlan, ReturnImportResult]):
    """The import, written once as a flow of effects: fetch, translate, plan, apply."""

    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        sink: ReturnSink,
        policy: ReturnPolicy | None = None,
        lookback: timedelta = DEFAULT_LOOKBACK,
        overlap: timedelta = timedelta(minutes=10),
        batch_limit: int = 500,
        shop_key: str | None = None,
        lease: LeasePolicy | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self._bind(shop, shop_key, lease)
        self.state = state
        self.sink = settings.port(
            "sink",
            sink,
            kind=ReturnSink,
            methods="a return_events(shop, events) method",
            example="tiktokshop_sync.testing.InMemoryOms()",
        )
        self.policy = settings.instance(
            "policy",
            policy or ReturnPolicy(),
            kinds=(ReturnPolicy,),
            example="ReturnPolicy(auto_approve_refunds_under=3000)",
        )
        self.lookback = _lookback(lookback)
        self.overlap = settings.duration(
            "overlap", overlap, high=MAX_OVERLAP, example="timedelta(minutes=10)"
        )
        self.batch_limit = settings.whole_number(
            "batch_limit", batch_limit, low=1, unit="returns with new steps per plan"
        )
        self._report = Reporter(JOB, self.shop_key, on_progress)

    # --- fetch ---------------------------------------------------------------------------------

    def _search(self, filters: returns_api.ReturnSearchFilters) -> SpecFactory[Return]:
        return returns_api.return_pages(filters, default_locale=self.shop.locale)

    def _read_all(self, filters: returns_api.ReturnSearchFilters, what: str) -> Steps[list[Return]]:
        walker: PageWalker[Return] = PageWalker(self._search(filters))
        found: list[Return] = []
        pages = 0
        while (spec := walker.next_spec()) is not None:
            page = walker.accept((yield from self._call(spec)))
            found.extend(page.items)
            pages += 1
            self._report.page(pages, len(page.items), len(found), what, self._now())
        return found

    def _changed(self, start: datetime) -> Steps[tuple[list[ReturnFacts], datetime | None]]:
        """Returns updated since ``start``, oldest first, until ``batch_limit`` have new steps.

        Returns the facts and, when it stopped early, the update time to continue from.
        """
        walker: PageWalker[Return] = PageWalker(
            self._search(
                {"update_time_ge": start, "sort_field": "update_time", "sort_order": "ASC"}
            )
        )
        facts: list[ReturnFacts] = []
        changed = pages = 0
        while (spec := walker.next_spec()) is not None:
            page = walker.accept((yield from self._call(spec)))
            batch = return_facts_many(page.items)
            facts.extend(batch)
            pages += 1
            self._report.page(pages, len(batch), len(facts), "return(s)", self._now())
            done = self.state.ledger_get(self.shop_key, return_keys_to_read(batch))
            changed += len(plan_returns(batch, KnownReturns(keys=done)).states)
            last = batch[-1].updated_at if batch else None
            # Stop only where the next run can continue from (a page's last update time).
            if changed >= self.batch_limit and walker.cursor is not None and last is not None:
                return facts, last
        return facts, None

    def _plan_steps(self) -> Steps[ReturnImportPlan]:
        now = self._now()
        cursor = self.state.get_cursor(self.shop_key, JOB)
        start = cursor - self.overlap if cursor else now - self.lookback
        changed, stopped_at = yield from self._changed(start)
        open_requests = yield from self._read_all(
            {"return_status": list(OPEN_STATUSES)}, "open request(s)"
        )
        return self._decide(
            changed,
            return_facts_many(open_requests),
            window_start=start,
            now=now,
            cursor=stopped_at or now,
            complete=stopped_at is None,
        )

    def _plan_for_steps(self, return_ids: Iterable[str]) -> Steps[ReturnImportPlan]:
        now = self._now()
        ids = sorted({_params.path_id("return_id", i) for i in return_ids})
        found: list[Return] = []
        for chunk in _params.chunks(ids, _IDS_PER_SEARCH):
            found += yield from self._read_all({"return_ids": chunk}, "return(s)")
        return self._decide(
            return_facts_many(found), (), window_start=None, now=now, cursor=None, complete=True
        )

    # --- plan ----------------------------------------------------------------------------------

    def _decide(
        self,
        changed: Sequence[ReturnFacts],
        open_requests: Sequence[ReturnFacts],
        *,
        window_start: datetime | None,
        now: datetime,
        cursor: datetime | None,
        complete: bool,
    ) -> ReturnImportPlan:
        keys = return_keys_to_read([*changed, *open_requests])
        known = KnownReturns(keys=self.state.ledger_get(self.shop_key, keys))
        decided: ReturnImportDecisions = plan_returns(
            changed, known, self.policy, open_requests=open_requests
        )
        return ReturnImportPlan(
            shop=self.shop_key,
            window_start=window_start,
            window_end=now,
            events=decided.events,
            pending=decided.pending,
            decisions=decided.decisions.decisions,
            policy=self.policy,
            unknown_statuses=decided.unknown_statuses,
            cursor=cursor,
            complete=complete,
        )

    # --- apply ---------------------------------------------------------------------------------

    def _apply_steps(self, plan: ReturnImportPlan) -> Steps[ReturnImportResult]:
        now = self._now()
        # A plan applied twice (or two plans made before one apply) delivers each step once.
        done = self.state.ledger_get(self.shop_key, [event.key for event in plan.events])
        events = tuple(event for event in plan.events if event.key not in done)
        if events:
            yield from self._port(self.sink.return_events, self.shop_key, events)
            # Recorded only now that the host has them: a crash before this repeats them.
            self._record_steps(events, now)
            for event in events:
                self._report(event.kind.value, event.return_id, event.describe(), now)
        outcomes: list[DecisionOutcome] = []
        for decision in plan.to_apply:
            outcome = yield from self._send(decision, now)
            outcomes.append(outcome)
        for action in plan.pending:
            if action.deadline is not None and action.urgency(now) is Urgency.OVERDUE:
                self._report("overdue", action.return_id, action.describe(now), now)
        if plan.cursor is not None:
            self.state.set_cursor(self.shop_key, JOB, plan.cursor)
        applied = [o for o in outcomes if o.outcome == "applied"]
        return ReturnImportResult(
            delivered=len(events),
            returns=len({e.return_id for e in events}),
            approved=sum(1 for o in applied if o.decision != "OFFER_PARTIAL_REFUND"),
            offered=sum(1 for o in applied if o.decision == "OFFER_PARTIAL_REFUND"),
            pending=len(plan.pending),
            overdue=sum(1 for a in plan.pending if a.urgency(now) is Urgency.OVERDUE),
            decisions=tuple(outcomes),
            complete=plan.complete,
            cursor=plan.cursor,
        )

    def _send(
        self, decision: Approve | OfferPartialRefund, now: datetime
    ) -> Steps[DecisionOutcome]:
        """Send one decision with its idempotency key (pending, then its outcome, in the ledger)."""
        value = decision.decision.value
        key = f"{_DECISION_KIND}:{decision.idempotency_key}"
        detail: dict[str, Any] = {"return_id": decision.return_id, "decision": value}
        offer: returns_api.PartialRefundOffer | None = None
        if isinstance(decision, OfferPartialRefund):
            offer = {"amount": decision.amount, "currency": decision.currency}
            detail["amount"] = str(decision.amount)
        body = returns_api.approve_return_body(value, partial_refund=offer)
        spec = returns_api.return_decide_spec(
            "approve", decision.return_id, decision.idempotency_key, body
        )

        def outcome(
            kind: Literal["applied", "refused", "failed", "unknown"], why: str
        ) -> DecisionOutcome:
            status = {"applied": "done", "refused": "skipped"}.get(kind, kind)
            self._ledger(key, _DECISION_KIND, status, {**detail, "reason": why}, now)
            self._report(kind, decision.return_id, f"{value}: {why}", now)
            return DecisionOutcome(
                return_id=decision.return_id, decision=value, outcome=kind, reason=why
            )

        self._ledger(key, _DECISION_KIND, "pending", detail, now)
        try:
            yield from self._call(spec)
        except ConflictError as error:
            # The request moved on (answered in Seller Center, withdrawn, decided by TikTok).
            return outcome("refused", f"{error.code}: {error.message}")
        except (APIError, APIConnectionError) as error:
            if error.may_have_applied:
                return outcome(
                    "unknown",
                    f"{unknown_outcome_cause(error)}; the next run reads the return again and, "
                    "if it still waits, sends the same key (applied once)",
                )
            if isinstance(error, APIConnectionError):
                outcome("failed", str(error))
                raise
            return outcome("failed", f"{error.code}: {error.message}")
        return outcome("applied", decision.describe())

    def _record_steps(self, events: Sequence[ReturnEvent], now: datetime) -> None:
        """The delivered steps' keys: in one transaction when the store can (BatchLedger)."""
        entries = [
            LedgerEntry(
                shop=self.shop_key,
                key=event.key,
                kind=_STEP_KIND,
                status="done",
                detail={"status": event.status},
                updated_at=now,
            )
            for event in events
        ]
        if isinstance(self.state, BatchLedger):
            self.state.ledger_put_many(entries)
            return
        for entry in entries:
            self.state.ledger_put(entry)

    def _ledger(
        self, key: str, kind: str, status: Any, detail: dict[str, Any], now: datetime
    ) -> None:
        self.state.ledger_put(
            LedgerEntry(
                shop=self.shop_key, key=key, kind=kind, status=status, detail=detail, updated_at=now
            )
        )


class ReturnImport(_ReturnImportCore[ShopClient], Job[ReturnImportPlan, ReturnImportResult]):
    """Import returns, refunds and replacements with the blocking client (plan, apply, run)."""

    def plan_for(self, return_ids: Iterable[str]) -> ReturnImportPlan:
        """Plan for the named returns only (a type-12 webhook's ``return_id``); the cursor
        stays. ``apply(plan)`` delivers their new steps and sends their decisions."""
        return self.shop.run_flow(self._plan_for_steps(return_ids))


class AsyncReturnImport(
    _ReturnImportCore[AsyncShopClient], AsyncJob[ReturnImportPlan, ReturnImportResult]
):
    """Import returns, refunds and replacements with the async client (plan, apply, run)."""

    async def plan_for(self, return_ids: Iterable[str]) -> ReturnImportPlan:
        """Plan for the named returns only (a type-12 webhook's ``return_id``); the cursor
        stays. ``await apply(plan)`` delivers their new steps and sends their decisions."""
        return await self.shop.run_flow(self._plan_for_steps(return_ids))
