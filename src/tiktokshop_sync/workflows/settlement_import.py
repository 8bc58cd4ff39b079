"""Settlement import (入金明細の取込): TikTok's statements and payouts, each handed over once.

Statements are read by statement time from the cursor (less ``revisit``, so a statement TikTok
pays out days later is seen again); each new statement is read with all its transactions and
handed to a :class:`~tiktokshop_sync.workflows.ports.SettlementSink` as an
:class:`~tiktokshop_sync.workflows.values.ImportedSettlement`; it is handed again when TikTok
names its payout or moves the payout's status. Payments created in the same window are handed
once per status. The pure ``domain.planning.plan_settlements`` decides; the ledger records each
state after the sink took it, and the cursor moves last, so a run that dies anywhere is resumed
by the next one (the sink upserts by key).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import TypeVar

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.pagination import Page, PageWalker, SpecFactory
from .._core.tabular import Tabular
from .._exceptions import ConfigurationError
from ..domain.planning import (
    PayoutSeen,
    SettlementDecisions,
    StatementSeen,
    payout_key,
    plan_settlements,
    statement_key,
    statement_state_key,
)
from ..resources import finance as finance_api
from ..types.finance import Payment, Statement, StatementTransaction, StatementTransactionsPage
from . import finance_translate
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .order_import import MAX_LOOKBACK
from .ports import SettlementSink
from .progress import ProgressCallback, Reporter
from .state import LedgerEntry, StateStore
from .values import ImportedPayout, ImportedSettlement

__all__ = [
    "AsyncSettlementImport",
    "SettlementImport",
    "SettlementImportPlan",
    "SettlementImportResult",
]

T = TypeVar("T")

JOB = "settlements"
#: How far back a run may re-read statements for payout changes.
MAX_REVISIT = timedelta(days=62)


@attrs.frozen(kw_only=True)
class SettlementImportPlan(Tabular):
    """What an import would hand to the host; ``describe()`` for a dry run."""

    shop: str
    settlements: tuple[ImportedSettlement, ...] = attrs.field(repr=summary)
    payouts: tuple[ImportedPayout, ...] = attrs.field(repr=summary)
    unchanged: int = 0
    cursor: datetime | None = None
    complete: bool = True
    """False when ``batch_limit`` left statements for the next plan."""
    keys: tuple[tuple[str, str], ...] = attrs.field(repr=summary)
    """Ledger (key, kind) pairs recorded once the sink took them."""

    def describe(self) -> str:
        """A readable summary for a seller, grouped by reason."""
        reasons = Counter(s.reason for s in self.settlements)
        lines = [
            f"settlements for shop {self.shop}: {reasons['new']} new statement(s), "
            f"{reasons['payout_changed']} with a payout change, {len(self.payouts)} payout "
            f"update(s), {self.unchanged} unchanged"
            + ("" if self.complete else "; more statements in the next batch")
        ]
        for settlement in self.settlements:
            s = settlement.statement
            lines.append(
                f"  statement {s.statement_id} ({s.statement_time:%Y-%m-%d} UTC, "
                f"{settlement.reason}): {len(s.lines)} line(s), {s.settlement:,} {s.currency}"
                + (f", payout {s.payment_id} {s.payment_status}" if s.payment_id else "")
            )
        for imported in self.payouts:
            p = imported.payout
            lines.append(f"  payout {p.payment_id}: {p.status}, {p.amount:,} {p.amount_currency}")
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class SettlementImportResult(Tabular):
    """What an import did."""

    statements: int = 0
    payouts: int = 0
    cursor: datetime | None = None
    complete: bool = True
    batches: int = 0

    def __add__(self, other: SettlementImportResult) -> SettlementImportResult:
        return SettlementImportResult(
            statements=self.statements + other.statements,
            payouts=self.payouts + other.payouts,
            cursor=other.cursor or self.cursor,
            complete=other.complete,
            batches=self.batches + other.batches,
        )


class _SettlementCore(JobBase[ShopT, SettlementImportPlan, SettlementImportResult]):
    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        sink: SettlementSink,
        lookback: timedelta = timedelta(days=31),
        revisit: timedelta = timedelta(days=14),
        batch_limit: int = 10,
        shop_key: str | None = None,
        lease: LeasePolicy | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        self._bind(shop, shop_key, lease)
        self.state = state
        self.sink = sink
        self.lookback = settings.duration(
            "lookback", lookback, high=MAX_LOOKBACK, example="timedelta(days=31)"
        )
        self.revisit = settings.duration(
            "revisit", revisit, high=MAX_REVISIT, example="timedelta(days=14)"
        )
        # Each statement's lines are read and held until the sink takes them: a batch bounds
        # the memory a first run over a month of a large shop's statements needs.
        self.batch_limit = settings.whole_number(
            "batch_limit", batch_limit, low=1, unit="statements"
        )
        self._report = Reporter(JOB, self.shop_key, on_progress)

    def rewind(self, to: datetime | None) -> None:
        """Move the cursor back (or forget it with None) so the next run re-reads from ``to``
        (statements already handed over in the same state are not handed again)."""
        if to is not None and to.tzinfo is None:
            raise ConfigurationError("rewind(to=...) needs a timezone-aware datetime.")
        self.state.set_cursor(self.shop_key, JOB, to)

    def _plan_steps(self) -> Steps[SettlementImportPlan]:
        now, state, shop = self._now(), self.state, self.shop_key
        cursor = state.get_cursor(shop, JOB)
        start = cursor - self.revisit if cursor else now - self.lookback
        headers: list[Statement] = yield from self._walk(
            finance_api.statement_pages(statement_time_ge=start), "statement(s)", now
        )
        payments: list[Payment] = yield from self._walk(
            finance_api.payment_pages(create_time_ge=start), "payment(s)", now
        )
        seen = [_seen(h) for h in headers]
        payouts = [PayoutSeen(payment_id=p.id, status=str(p.status or "")) for p in payments]
        keys = [k for s in seen for k in (statement_key(s.statement_id), statement_state_key(s))]
        done = state.ledger_get(shop, keys + [payout_key(p) for p in payouts])
        decisions: SettlementDecisions = plan_settlements(
            seen, payouts, frozenset(done), cursor, limit=self.batch_limit
        )
        by_id = {h.id: h for h in headers}
        settlements: list[ImportedSettlement] = []
        for decision in decisions.statements:
            header = by_id[decision.statement.statement_id]
            pages = yield from self._transactions(header.id, now)
            settlements.append(
                ImportedSettlement(
                    shop=shop,
                    statement=finance_translate.statement(header, pages),
                    reason=decision.reason.value,
                )
            )
        wire = {p.id: p for p in payments}
        return SettlementImportPlan(
            shop=shop,
            settlements=tuple(settlements),
            payouts=tuple(
                ImportedPayout(shop=shop, payout=finance_translate.payout(wire[p.payment_id]))
                for p in decisions.payouts
            ),
            unchanged=decisions.unchanged,
            cursor=decisions.cursor,
            complete=decisions.complete,
            keys=(
                *(
                    (key, "settlement")
                    for d in decisions.statements
                    for key in (
                        statement_key(d.statement.statement_id),
                        statement_state_key(d.statement),
                    )
                ),
                *((payout_key(p), "payout") for p in decisions.payouts),
            ),
        )

    def _walk(self, make: SpecFactory[T], noun: str, now: datetime) -> Steps[list[T]]:
        walker: PageWalker[T] = PageWalker(make)
        found: list[T] = []
        pages = 0
        while (spec := walker.next_spec()) is not None:
            page = walker.accept((yield from self._call(spec)))
            found.extend(page.items)
            pages += 1
            self._report.page(pages, len(page.items), len(found), noun, now)
        return found

    def _transactions(
        self, statement_id: str, now: datetime
    ) -> Steps[list[StatementTransactionsPage]]:
        walker: PageWalker[StatementTransaction] = PageWalker(
            finance_api.statement_transaction_pages(statement_id)
        )
        pages: list[StatementTransactionsPage] = []
        while (spec := walker.next_spec()) is not None:
            page: Page[StatementTransaction] = walker.accept((yield from self._call(spec)))
            pages.append(page.data)
            self._report.page(len(pages), len(page.items), len(pages), "transaction page(s)", now)
        return pages

    def _apply_steps(self, plan: SettlementImportPlan) -> Steps[SettlementImportResult]:
        now, state, shop = self._now(), self.state, self.shop_key
        # The sink first, the ledger after, the cursor last: a crash in between hands the same
        # statements again on the next run (an upsert for the sink), never loses one.
        if plan.settlements:
            yield from self._port(self.sink.settle, plan.settlements)
            for settlement in plan.settlements:
                s = settlement.statement
                self._report(
                    "settled",
                    s.statement_id,
                    f"{settlement.reason}: {len(s.lines)} line(s), {s.settlement} {s.currency}",
                    now,
                )
        if plan.payouts:
            yield from self._port(self.sink.paid, plan.payouts)
            for imported in plan.payouts:
                p = imported.payout
                self._report("paid", p.payment_id, f"{p.status}: {p.amount} {p.currency}", now)
        for key, kind in plan.keys:
            state.ledger_put(
                LedgerEntry(shop=shop, key=key, kind=kind, status="done", updated_at=now)
            )
        if plan.cursor is not None:
            state.set_cursor(shop, JOB, plan.cursor)
        return SettlementImportResult(
            statements=len(plan.settlements),
            payouts=len(plan.payouts),
            cursor=plan.cursor,
            complete=plan.complete,
            batches=1,
        )


def _seen(header: Statement) -> StatementSeen:
    if header.statement_time is None:
        raise finance_translate.SettlementDataError(
            f"statement {header.id} has no statement_time; TikTok sends it for every statement"
        )
    return StatementSeen(
        statement_id=header.id,
        statement_time=header.statement_time,
        payment_id=header.payment_id,
        payment_status=str(header.payment_status or ""),
    )


class SettlementImport(
    _SettlementCore[ShopClient], Job[SettlementImportPlan, SettlementImportResult]
):
    """Import statements and payouts with the blocking client."""

    def run(self, *, max_batches: int = 100) -> SettlementImportResult:
        """Plan and apply batch by batch until caught up (or ``max_batches``), holding the
        run lease throughout."""
        total = SettlementImportResult()
        batches = settings.whole_number("max_batches", max_batches, low=1, unit="batches")
        with self.leased():
            for _ in range(batches):
                total = total + self.apply(self.plan())
                if total.complete:
                    break
        return total


class AsyncSettlementImport(
    _SettlementCore[AsyncShopClient], AsyncJob[SettlementImportPlan, SettlementImportResult]
):
    """Import statements and payouts with the async client."""

    async def run(self, *, max_batches: int = 100) -> SettlementImportResult:
        """Plan and apply batch by batch until caught up (or ``max_batches``), holding the
        run lease throughout."""
        total = SettlementImportResult()
        batches = settings.whole_number("max_batches", max_batches, low=1, unit="batches")
        async with self.leased():
            for _ in range(batches):
                total = total + await self.apply(await self.plan())
                if total.complete:
                    break
        return total
