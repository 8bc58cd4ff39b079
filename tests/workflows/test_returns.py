"""Return import against FakeShop: each step of each request reaches the OMS once, through
crashes and expiring deadlines; answers owed are listed by urgency; decisions go out only in
apply, once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tiktokshop_sync import ShopClient, TikTokShop
from tiktokshop_sync.domain import (
    Component,
    ComponentKind,
    LineKind,
    RefundCategory,
    ReportPeriod,
    ReturnPolicy,
    SettlementFacts,
    SettlementLine,
    SettlementStatement,
    reconcile,
    reconcile_refunds,
)
from tiktokshop_sync.errors import ConfigurationError
from tiktokshop_sync.testing import FakeReturn, FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.webhooks import ReturnStatusChangeEvent, parse_event
from tiktokshop_sync.workflows import (
    AsyncReturnImport,
    OrderImport,
    ReturnImport,
    SettlementImport,
    finance_translate,
)
from tiktokshop_sync.workflows.progress import ProgressEvent
from tiktokshop_sync.workflows.state import SQLiteStateStore

from .crash import Crash, CrashingState

SEARCH = "/return_refund/202309/returns/search"
#: Approves refund-only requests under ¥3,000: the matcha (¥1,620), not the kettle (¥8,800).
CHEAP = ReturnPolicy(auto_approve_refunds_under=3000)
MATCHA = [("FD-MATCHA-100", 1)]
KETTLE = [("KT-NBT-06", 1)]


@pytest.fixture
def fake() -> FakeShop:
    """A fake whose tokens outlive the month these tests let pass."""
    return FakeShop(seed=31, access_token_ttl=timedelta(days=365))


@pytest.fixture
def shop(fake: FakeShop, client: TikTokShop) -> ShopClient:
    tokens = client.oauth.exchange_code(fake.authorize())
    return client.shop(fake.shops[0].cipher, grant=tokens.open_id, region="JP")


def ask(fake: FakeShop, return_type: str = "REFUND", items: Any = MATCHA) -> FakeReturn:
    order = fake.create_orders(1, status="DELIVERED", items=items)[0]
    return fake.request_return(order.id, return_type=return_type)


def steps(oms: InMemoryOms, record: FakeReturn) -> list[str]:
    held = next(r for r in oms.returns.values() if r.return_id == record.return_id)
    return held.steps


# --- a month of after-sales, through crashes --------------------------------------------------


def _month(fake: FakeShop, shop: ShopClient, run: Callable[[], object]) -> dict[str, FakeReturn]:
    """Five kinds of request over a month, the import running every few hours around them."""
    made = {
        "refund approved by the policy": ask(fake),
        "return and refund": ask(fake, "RETURN_AND_REFUND"),
        "replacement left to expire": ask(fake, "REPLACEMENT"),
        "rejected": ask(fake, items=KETTLE),
        "refund left to expire": ask(fake, items=KETTLE),
    }
    run()
    rejected = made["rejected"].return_id
    shop.returns.reject_return(
        rejected,
        decision="REJECT_REFUND",
        reject_reason="seller_reject_apply_other",
        idempotency_key=f"reject-{rejected}",
    )
    parcel = made["return and refund"].return_id
    shop.returns.approve_return(
        parcel, decision="APPROVE_RETURN", idempotency_key=f"approve-{parcel}"
    )
    fake.clock.advance(hours=5)
    run()
    fake.buyer_ships_back(parcel, tracking_number="491234567890")
    for _ in range(10):  # three days pass in runs: the two unanswered deadlines expire
        fake.clock.advance(hours=7)
        run()
    fake.seller_receives_return(parcel)
    for _ in range(30):
        fake.clock.advance(hours=20)
        run()
    return made


EXPECTED = {
    "refund approved by the policy": ["requested", "approved", "refunded"],
    "return and refund": [
        "requested",
        "approved",
        "item_shipped_back",
        "item_received",
        "refunded",
    ],
    "replacement left to expire": ["requested", "approved"],
    "rejected": ["requested", "rejected"],
    "refund left to expire": ["requested", "approved", "refunded"],
}


@pytest.mark.parametrize(
    ("method", "at"),
    [
        # after the sink had a run's steps, before the ledger: each run that delivers
        *(("ledger_put_many", n) for n in range(1, 6)),
        ("ledger_put", 1),  # the policy's approval recorded as intended, not sent
        ("ledger_put", 2),  # after the policy's approval went out, before its outcome
        *(("set_cursor", n) for n in (1, 2, 5, 12, 30)),
        ("ledger_get", 5),
    ],
)
def test_a_month_of_after_sales_reaches_the_oms_one_step_at_a_time_through_a_crash(
    tmp_path: Path, method: str, at: int
) -> None:
    fake = FakeShop(seed=31, access_token_ttl=timedelta(days=365))
    state = CrashingState(tmp_path / "s.db", method=method, at=at)
    oms = InMemoryOms()
    with fake.client(token_store=state.tokens) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id, region="JP")
        job = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP)
        crashed_run: set[str] = set()

        def run() -> None:
            before = len(oms.return_deliveries)
            try:
                job.run()
            except Crash:
                crashed_run.update(oms.return_deliveries[before:])
                job.run()  # the next run resumes

        made = _month(fake, shop, run)
    assert state.crashed
    assert {name: steps(oms, record) for name, record in made.items()} == EXPECTED
    history = [s.step for s in made["refund approved by the policy"].history]
    assert history[:2] == ["requested:REFUND", "approved"] and history.count("approved") == 1
    # A step reaches the sink again only when the crash came between the sink and the ledger,
    # and then once more (the sink upserts by key).
    repeats = Counter(oms.return_deliveries)
    assert {key for key, n in repeats.items() if n > 1} <= crashed_run
    assert max(repeats.values()) <= 2


def test_a_month_without_a_policy_delivers_what_the_seller_and_tiktok_decided_once_each(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job = ReturnImport(shop=shop, state=state, sink=oms)
    made = _month(fake, shop, job.run)
    assert {name: steps(oms, record) for name, record in made.items()} == EXPECTED
    # Without a policy, TikTok approved the small refund at its deadline.
    assert "auto_approved" in [s.step for s in made["refund approved by the policy"].history]
    assert Counter(oms.return_deliveries).most_common(1)[0][1] == 1
    assert all(record.status != "RETURN_OR_REFUND_REQUEST_PENDING" for record in made.values())


def test_a_host_store_without_batch_writes_records_each_step_on_its_own(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    class OneByOne:
        """A host's store: the StateStore methods only (no ledger_put_many)."""

        def __init__(self) -> None:
            self.puts = 0

        def __getattr__(self, name: str) -> Any:
            if name == "ledger_put_many":
                raise AttributeError(name)
            return getattr(state, name)

        def ledger_put(self, entry: Any) -> None:
            self.puts += 1
            state.ledger_put(entry)

    record = ask(fake, "RETURN_AND_REFUND")
    fake.clock.advance(hours=49)  # approved by TikTok: requested and approved, both new
    store = OneByOne()
    job = ReturnImport(shop=shop, state=store, sink=oms)  # type: ignore[arg-type]
    assert job.run().delivered == 2 and store.puts == 2
    assert job.run().delivered == 0
    assert steps(oms, record) == ["requested", "approved"]


def test_a_crash_inside_the_sink_leaves_the_cursor_and_ledger_where_they_were(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore
) -> None:
    ask(fake)

    class FailingOnce(InMemoryOms):
        failed = False

        def return_events(self, shop: str, events: Any) -> None:
            if not self.failed:
                self.failed = True
                raise Crash("OMS database unavailable")
            super().return_events(shop, events)

    oms = FailingOnce()
    job = ReturnImport(shop=shop, state=state, sink=oms)
    with pytest.raises(Crash):
        job.run()
    assert state.get_cursor(job.shop_key, "returns") is None
    assert job.run().delivered == 1
    assert oms.return_deliveries == [f"return:{fake.returns_of()[0].return_id}:requested"]


# --- deadlines, decisions, describe -------------------------------------------------------------


def test_a_deadline_that_expires_in_the_fake_arrives_as_tiktoks_approval(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record = ask(fake, "RETURN_AND_REFUND")
    job = ReturnImport(shop=shop, state=state, sink=oms)
    first = job.plan()
    [owed] = first.pending
    assert owed.deadline == fake.clock.now() + timedelta(hours=48)
    job.apply(first)
    fake.clock.advance(hours=49)
    second = job.plan()
    assert [e.kind.value for e in second.events] == ["approved"]
    assert second.events[0].status == "AWAITING_BUYER_SHIP"
    assert job.apply(second).delivered == 1
    assert steps(oms, record) == ["requested", "approved"]


def test_the_most_urgent_answer_comes_first_and_one_missed_by_apply_time_is_reported(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    parcel = ask(fake, "RETURN_AND_REFUND")
    shop.returns.approve_return(parcel.return_id, decision="APPROVE_RETURN")
    fake.buyer_ships_back(parcel.return_id)
    fake.clock.advance(days=7)  # a day left to inspect the parcel
    fresh = ask(fake)  # two days left to answer
    seen: list[ProgressEvent] = []
    job = ReturnImport(shop=shop, state=state, sink=oms, on_progress=seen.append)
    plan = job.plan()
    assert [a.return_id for a in plan.pending] == [parcel.return_id, fresh.return_id]
    fake.clock.advance(days=1, hours=1)
    result = job.apply(plan)
    assert [e.subject for e in seen if e.kind == "overdue"] == [parcel.return_id]
    assert (result.pending, result.overdue) == (2, 1)


def test_the_plan_writes_nothing_and_calls_no_decision(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record = ask(fake)
    plan = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP).plan()
    assert [d.return_id for d in plan.to_apply] == [record.return_id]
    assert oms.returns == {}
    assert state.get_cursor(shop.shop_cipher, "returns") is None
    assert not [r for r in fake.requests if r.path.endswith("/approve")]
    assert record.status == "RETURN_OR_REFUND_REQUEST_PENDING"


def test_applying_a_plan_twice_approves_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record = ask(fake)
    job = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP)
    plan = job.plan()
    assert job.apply(plan).approved == 1
    again = job.apply(plan)
    approvals = [r for r in fake.requests if r.path.endswith(f"{record.return_id}/approve")]
    assert len(approvals) == 2
    assert {r.query["idempotency_key"] for r in approvals} == {plan.to_apply[0].idempotency_key}
    assert [s.step for s in record.history].count("approved") == 1
    assert again.delivered == 0 and len(oms.return_deliveries) == 1


def test_a_partial_refund_offer_goes_out_in_apply_and_the_buyers_yes_arrives_as_its_refund(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record = ask(fake, "RETURN_AND_REFUND", [("TS-TEE-BLK-M", 1)])  # ¥1,980
    policy = ReturnPolicy(partial_refund_percent=30, partial_refund_under=2000)
    seen: list[ProgressEvent] = []
    job = ReturnImport(shop=shop, state=state, sink=oms, policy=policy, on_progress=seen.append)
    result = job.apply(job.plan())
    assert (result.offered, result.approved) == (1, 0)
    assert record.status == "AWAITING_BUYER_RESPONSE"
    fake.clock.advance(minutes=5)
    job.run()
    fake.buyer_accepts_offer(record.return_id)
    fake.clock.advance(hours=2)
    job.run()
    assert steps(oms, record) == ["requested", "offer_made", "approved", "refunded"]
    refunded = [e.message for e in seen if e.kind == "refunded"]
    assert refunded == [
        f"return request {record.return_id} (order {record.order_id}): refunded, 594 JPY"
    ]


def test_a_request_answered_in_seller_center_meanwhile_is_refused_not_failed(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record = ask(fake)
    job = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP)
    plan = job.plan()
    fake.buyer_withdraws_return(record.return_id)
    result = job.apply(plan)
    [outcome] = result.decisions
    assert outcome.outcome == "refused" and result.failed == (outcome,)
    assert result.approved == 0


def test_a_decision_answered_with_a_server_error_after_it_was_applied_is_unknown(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record = ask(fake)
    job = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP)
    # Keyed, so safe to repeat: every attempt is applied and answered 504.
    fake.fail_next("applied_server_error", times=3, path=f"*/{record.return_id}/approve")
    result = job.run()
    [outcome] = result.decisions
    assert outcome.outcome == "unknown" and "server error (36009003" in outcome.reason
    assert result.approved == 0
    assert [s.step for s in record.history].count("approved") == 1


def test_describe_groups_steps_by_kind_and_left_decisions_by_reason(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    ask(fake)
    ask(fake, "RETURN_AND_REFUND")
    ask(fake, "RETURN_AND_REFUND")
    ask(fake, "REPLACEMENT")
    text = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP).plan().describe()
    assert "deliver 4 step(s) of 4 request(s): 4 requested" in text
    assert "1 decision(s) apply() sends to TikTok:" in text
    assert (
        "3 left to the seller: 2 the goods must come back first; never approved "
        "automatically, 1 a replacement needs stock and a new shipment" in text
    )
    assert "4 answer(s) TikTok waits for: 4 due later" in text


def test_describe_lists_the_20_most_urgent_answers_and_counts_the_rest(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    first = ask(fake)
    fake.clock.advance(minutes=1)
    for _ in range(24):
        ask(fake)
    plan = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP).plan()
    lines = plan.describe().splitlines()
    assert "25 answer(s) TikTok waits for: 25 due later" in lines[2]
    assert first.return_id in lines[3]  # the soonest deadline first
    assert lines[23] == "    ... and 5 more"
    assert lines[24] == "  25 decision(s) apply() sends to TikTok:"
    assert lines[45] == "    ... and 5 more"
    assert "…ほか 5件" in plan.describe("ja")


def test_describe_speaks_japanese_headings_included(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    ask(fake)
    ask(fake, "RETURN_AND_REFUND")
    plan = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP).plan()
    lines = plan.describe("ja").splitlines()
    assert lines[1] == "  OMSへ連携 2件（申請 2件）: 2 申請あり"
    assert lines[2] == "  TikTokが回答を待つ申請 2件: 2 対応待ち"
    assert lines[-1] == "  手動対応 1件: 1 商品の返送が必要なため自動承認しません"
    with pytest.raises(ValueError, match="'en' or 'ja'"):
        plan.describe("fr")  # type: ignore[arg-type]


# --- cursor, batches, webhooks, language ------------------------------------------------------


def test_the_search_asks_in_the_shops_language_sorted_by_update_time(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    ask(fake)
    fake.clear_requests()
    ReturnImport(shop=shop, state=state, sink=oms).run()
    searches = [r for r in fake.requests if r.path == SEARCH]
    assert [r.query.get("locale") or r.json().get("locale") for r in searches] == [
        "ja-JP",
        "ja-JP",
    ]
    changed, open_ = searches
    assert (changed.query["sort_field"], changed.query["sort_order"]) == ("update_time", "ASC")
    assert "update_time_ge" in changed.json()
    assert sorted(open_.json()["return_status"]) == [
        "BUYER_SHIPPED_ITEM",
        "RETURN_OR_REFUND_REQUEST_PENDING",
    ]


def test_a_big_backlog_is_delivered_in_batches_the_cursor_moving_between(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    for _ in range(70):
        ask(fake)
        fake.clock.advance(minutes=30)
    fake.clock.advance(days=3)  # all approved by TikTok and refunded: none is open any more
    job = ReturnImport(shop=shop, state=state, sink=oms, batch_limit=10)
    plan = job.plan()
    assert "more returns wait" in plan.describe()
    first = job.apply(plan)
    assert not first.complete and first.returns == 50  # one page of Search Returns
    assert job.run().complete
    assert len(oms.returns) == 70
    assert len(oms.return_deliveries) == len(set(oms.return_deliveries)) == 70 * 3


def test_the_plan_reports_each_page_it_reads_as_it_arrives(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    for _ in range(60):
        ask(fake)
    seen: list[ProgressEvent] = []
    ReturnImport(shop=shop, state=state, sink=oms, on_progress=seen.append).plan()
    assert [e.message for e in seen if e.kind == "page"] == [
        "fetched 50 return(s), 50 so far",
        "fetched 10 return(s), 60 so far",
        "fetched 50 open request(s), 50 so far",
        "fetched 10 open request(s), 60 so far",
    ]


def test_a_webhooks_return_is_imported_at_once_and_the_cursor_stays(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record, other = ask(fake), ask(fake)
    job = ReturnImport(shop=shop, state=state, sink=oms)
    plan = job.plan_for([record.return_id])
    assert {e.return_id for e in plan.events} == {record.return_id}
    assert "named by webhooks" in plan.describe()
    job.apply(plan)
    assert state.get_cursor(job.shop_key, "returns") is None
    job.run()
    assert {r.return_id for r in oms.returns.values()} == {record.return_id, other.return_id}
    assert Counter(oms.return_deliveries).most_common(1)[0][1] == 1


def test_each_webhook_of_the_fake_lets_a_receiver_import_that_change_at_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    job = ReturnImport(shop=shop, state=state, sink=oms)

    def receive(_headers: Any, body: bytes) -> None:
        event = parse_event(body)
        if isinstance(event, ReturnStatusChangeEvent) and event.data.return_id:
            job.apply(job.plan_for([event.data.return_id]))

    fake.deliver_webhooks_to(receive)
    record = ask(fake, "RETURN_AND_REFUND")
    assert steps(oms, record) == ["requested"]
    fake.clock.advance(hours=49)
    fake.returns_of()  # TikTok approves it when its deadline passes: a webhook
    assert steps(oms, record) == ["requested", "approved"]
    fake.buyer_ships_back(record.return_id)
    assert steps(oms, record) == ["requested", "approved", "item_shipped_back"]
    fake.stop_webhooks()
    assert len(oms.return_deliveries) == 3
    assert state.get_cursor(job.shop_key, "returns") is None


def test_the_sink_must_be_a_return_sink(shop: ShopClient, state: SQLiteStateStore) -> None:
    with pytest.raises(ConfigurationError, match="ReturnSink"):
        ReturnImport(shop=shop, state=state, sink=object())  # type: ignore[arg-type]


# --- async twin -------------------------------------------------------------------------------


@pytest.fixture
def async_client(fake: FakeShop, state: SQLiteStateStore) -> Iterator[Any]:
    client = fake.async_client(token_store=state.tokens, strict_models=True)
    yield client
    asyncio.run(client.aclose())


def test_the_async_import_delivers_the_same_steps_as_the_blocking_one(
    fake: FakeShop, async_client: Any, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    record = ask(fake, "RETURN_AND_REFUND")

    async def main() -> Any:
        tokens = await async_client.oauth.exchange_code(fake.authorize())
        shop = async_client.shop(fake.shops[0].cipher, grant=tokens.open_id, region="JP")
        job = AsyncReturnImport(shop=shop, state=state, sink=oms)
        first = await job.run()
        fake.clock.advance(hours=49)
        webhook = await job.plan_for([record.return_id])
        await job.apply(webhook)
        return first, await job.run()

    first, last = asyncio.run(main())
    assert (first.delivered, last.delivered) == (1, 0)
    assert steps(oms, record) == ["requested", "approved"]


def test_the_async_import_awaits_an_async_sink(
    fake: FakeShop, async_client: Any, state: SQLiteStateStore
) -> None:
    record = ask(fake)

    class AsyncOms:
        def __init__(self) -> None:
            self.keys: list[str] = []

        async def return_events(self, shop: str, events: Any) -> None:
            await asyncio.sleep(0)
            self.keys += [event.key for event in events]

    sink = AsyncOms()

    async def main() -> Any:
        tokens = await async_client.oauth.exchange_code(fake.authorize())
        shop = async_client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        return await AsyncReturnImport(shop=shop, state=state, sink=sink).run()

    assert asyncio.run(main()).delivered == 1
    assert sink.keys == [f"return:{record.return_id}:requested"]


# --- refunds against the settlement -------------------------------------------------------------


def test_the_refunds_imported_are_reconciled_with_the_settlement_where_both_exist(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    paid, short = ask(fake), ask(fake)
    job = ReturnImport(shop=shop, state=state, sink=oms, policy=CHEAP)
    job.run()
    fake.clock.advance(hours=2)
    job.run()
    held = {r.return_id: r for r in oms.returns.values()}
    assert held[paid.return_id].steps[-1] == "refunded"
    facts = held[paid.return_id].facts
    assert facts is not None and facts.refund is not None and facts.refund.subtotal is not None
    goods = facts.refund.subtotal + (facts.refund.platform_discount or 0)

    def refund_line(order_id: str, amount: Decimal, n: int) -> SettlementLine:
        return SettlementLine(
            transaction_id=f"t{n}",
            kind=LineKind.ORDER,
            type="ORDER",
            order_id=order_id,
            revenue=-amount,
            settlement=-amount,
            components=[
                Component(
                    kind=ComponentKind.SALES_REFUND,
                    code="refund_subtotal_before_discount_amount",
                    amount=-amount,
                )
            ],
        )

    lines = [
        refund_line(paid.order_id, goods, 1),
        refund_line(short.order_id, goods - 100, 2),  # TikTok took back ¥100 less
    ]
    statement = SettlementStatement(
        statement_id="S-1",
        statement_time=fake.clock.now(),
        currency="JPY",
        settlement=sum((line.settlement for line in lines), Decimal(0)),
        lines=lines,
    )
    day = fake.clock.now().date()
    report = reconcile(
        SettlementFacts(statements=[statement]),
        period=ReportPeriod(first_day=day.replace(day=1), last_day=day),
        as_of=fake.clock.now(),
    )
    checks = reconcile_refunds([r.facts for r in held.values() if r.facts], report)
    by_order = {check.order_id: check.category for check in checks.checks}
    assert by_order == {
        paid.order_id: RefundCategory.MATCHING,
        short.order_id: RefundCategory.DIFFERENT,
    }


def test_refunds_imported_match_what_the_settlement_import_finds_deducted(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    orders = OrderImport(shop=shop, state=state, sink=oms)
    settlements = SettlementImport(shop=shop, state=state, sink=oms)
    returns = ReturnImport(shop=shop, state=state, sink=oms)
    start = fake.clock.now()
    fake.clock.advance(days=4)
    delivered = fake.create_orders(6, status="DELIVERED", created_within=timedelta(days=3))
    before = fake.request_return(delivered[0].id, return_type="REFUND")  # refunded, then settled
    orders.run()
    returns.run()
    fake.clock.advance(days=14)
    settlements.run()
    after = fake.request_return(delivered[1].id, return_type="REFUND")  # taken back from a payout
    fake.clock.advance(days=3)
    returns.run()
    fake.clock.advance(days=10)
    settlements.run()
    returns.run()
    facts = oms.settlement_facts(
        settlements.shop_key,
        unsettled=finance_translate.unsettled_orders(shop.finance.unsettled()),
        deposits=oms.deposits_as_paid(settlements.shop_key),
    )
    report = reconcile(
        facts,
        period=ReportPeriod(first_day=start.date(), last_day=fake.clock.now().date()),
        as_of=fake.clock.now(),
    )
    imported = [held.facts for held in oms.returns.values() if held.facts is not None]
    checks = reconcile_refunds(imported, report)
    assert {c.order_id: c.category for c in checks.checks} == {
        before.order_id: RefundCategory.MATCHING,
        after.order_id: RefundCategory.MATCHING,
    }
    assert checks.ok
