"""SettlementImport: each statement (with its lines) and each payout state reaches the host once;
a run that dies anywhere is resumed by the next one without losing or repeating anything."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tiktokshop_sync import AsyncShopClient, ConfigurationError, ShopClient
from tiktokshop_sync.domain import ComponentKind
from tiktokshop_sync.testing import FakeShop, FinanceTerms
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    AsyncSettlementImport,
    OrderImport,
    SettlementImport,
    SQLiteStateStore,
)

from .crash import Crash, CrashingState


def _week(fake: FakeShop) -> None:
    """Delivered orders, an adjustment and a refund, then 20 days: settled and paid out."""
    delivered = fake.create_orders(8, status="DELIVERED", created_within=timedelta(days=2))
    fake.create_orders(2, status="IN_TRANSIT")
    fake.add_adjustment("GMV_PAYMENT_FOR_ADS", -1500)
    refund = fake.request_return(delivered[0].id, return_type="REFUND").return_id
    fake.set_return_status(refund, "RETURN_OR_REFUND_REQUEST_SUCCESS")
    fake.clock.advance(days=20)


def _shop(fake: FakeShop, client: Any) -> Any:
    tokens = client.oauth.exchange_code(fake.authorize())
    return client.shop(fake.shops[0].cipher, grant=tokens.open_id)


def test_a_run_hands_every_statement_with_all_its_lines_and_every_payout(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _week(fake)
    result = SettlementImport(shop=shop, state=state, sink=oms).run()
    statements = fake.statements_of()
    assert result.statements == len(statements) >= 2
    for record in statements:
        imported = oms.statements[(shop.shop_cipher, record.id)]
        assert len(imported.lines) == len(record.transactions)
        assert imported.settlement == record.settlement
        assert imported.payment_id == record.payment_id
    assert {p for _, p in oms.payouts} == {p.id for p in fake.payouts_of()}


def test_the_lines_carry_revenue_fees_by_kind_shipping_and_add_up_to_the_statement(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _week(fake)
    SettlementImport(shop=shop, state=state, sink=oms).run()
    for statement in oms.statements.values():
        assert sum(line.settlement for line in statement.lines) == statement.settlement
        assert all(not line.discrepancies() for line in statement.lines)
    sales = [line for s in oms.statements.values() for line in s.lines if line.revenue > 0]
    assert len(sales) >= 6
    assert all(ComponentKind.COMMISSION in line.fees_by_kind for line in sales)
    assert any(line.shipping for line in sales)


def test_a_second_run_hands_nothing_when_nothing_changed(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _week(fake)
    job = SettlementImport(shop=shop, state=state, sink=oms)
    job.run()
    delivered = list(oms.settlement_deliveries)
    again = job.run()
    assert (again.statements, again.payouts) == (0, 0)
    assert oms.settlement_deliveries == delivered


def test_a_statement_is_handed_again_once_its_payout_is_named_and_paid(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    payday = (fake.clock.now() + timedelta(days=5)).weekday()
    fake.set_finance_terms(FinanceTerms(settle_after=timedelta(days=1), payout_weekday=payday))
    fake.create_orders(3, status="DELIVERED", created_within=timedelta(days=1))
    fake.clock.advance(days=3)  # settled, not paid out yet
    job = SettlementImport(shop=shop, state=state, sink=oms)
    job.run()
    [(key, first)] = oms.statements.items()
    assert first.payment_id == ""
    fake.clock.advance(days=8)  # the weekly payout named it, and paid it
    plan = job.plan()
    assert [s.reason for s in plan.settlements] == ["payout_changed"]
    assert "1 with a payout change" in plan.describe()
    job.apply(plan)
    assert oms.statements[key].payment_id == fake.payouts_of()[0].id
    assert oms.statements[key].payment_status == "PAID"
    assert [d.rsplit(":", 1)[1] for d in oms.settlement_deliveries] == ["new", "payout_changed"]


def test_a_plan_is_a_dry_run_that_writes_nothing(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _week(fake)
    job = SettlementImport(shop=shop, state=state, sink=oms)
    plan = job.plan()
    assert plan.settlements and "new statement(s)" in plan.describe()
    assert oms.statements == {} and state.get_cursor(job.shop_key, "settlements") is None
    assert state.ledger_all(job.shop_key) == []


def test_the_cursor_is_the_newest_statement_time(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _week(fake)
    result = SettlementImport(shop=shop, state=state, sink=oms).run()
    assert result.cursor == max(s.statement_time for s in fake.statements_of())


@pytest.mark.parametrize(
    ("method", "at"), [("ledger_put", 1), ("ledger_put", 3), ("set_cursor", 1)]
)
def test_a_crash_after_the_sink_took_the_statements_is_resumed_without_losing_any(
    tmp_path: Path, method: str, at: int
) -> None:
    fake = FakeShop(seed=17)
    _week(fake)
    state = CrashingState(tmp_path / "s.db", method=method, at=at)
    oms = InMemoryOms()
    with fake.client(token_store=state.tokens) as client:
        job = SettlementImport(shop=_shop(fake, client), state=state, sink=oms)
        with pytest.raises(Crash):
            job.run()
        job.run()
        assert job.run().statements == 0  # all recorded by now
    assert {s for _, s in oms.statements} == {s.id for s in fake.statements_of()}
    assert {p for _, p in oms.payouts} == {p.id for p in fake.payouts_of()}
    # Redelivered at most once (the batch the crash cut), and an upsert for the OMS.
    assert len(oms.settlement_deliveries) <= 2 * len(fake.statements_of())


def test_a_crash_inside_the_sink_records_nothing_and_the_next_run_hands_everything(
    tmp_path: Path,
) -> None:
    fake = FakeShop(seed=18)
    _week(fake)

    class FailingOnce(InMemoryOms):
        failed = False

        def settle(self, settlements):  # type: ignore[no-untyped-def]
            if not self.failed:
                self.failed = True
                raise Crash("accounting database unavailable")
            super().settle(settlements)

    oms = FailingOnce()
    state = CrashingState(tmp_path / "s.db", method="never-called")
    with fake.client(token_store=state.tokens) as client:
        job = SettlementImport(shop=_shop(fake, client), state=state, sink=oms)
        with pytest.raises(Crash):
            job.run()
        assert state.get_cursor(job.shop_key, "settlements") is None
        assert state.ledger_all(job.shop_key) == []
        assert job.run().statements == len(fake.statements_of())


async def test_the_async_import_hands_the_same_statements_to_an_async_sink(
    tmp_path: Path,
) -> None:
    fake = FakeShop(seed=19)
    _week(fake)

    class AsyncOms(InMemoryOms):
        async def settle(self, settlements):  # type: ignore[no-untyped-def,override]
            super().settle(settlements)

        async def paid(self, payouts):  # type: ignore[no-untyped-def,override]
            super().paid(payouts)

    oms = AsyncOms()
    state = SQLiteStateStore(tmp_path / "s.db")
    async with fake.async_client(token_store=state.tokens) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop: AsyncShopClient = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        result = await AsyncSettlementImport(shop=shop, state=state, sink=oms).run()
    assert result.statements == len(fake.statements_of())
    assert {s for _, s in oms.statements} == {s.id for s in fake.statements_of()}


def test_a_careless_revisit_is_refused_with_an_example() -> None:
    fake = FakeShop(seed=1)
    with fake.client() as client:
        shop = client.shop(fake.shops[0].cipher, grant="x")
        with pytest.raises(ConfigurationError, match=r"revisit must be .*timedelta\(days=14\)"):
            SettlementImport(
                shop=shop,
                state=SQLiteStateStore(":memory:"),
                sink=InMemoryOms(),
                revisit=14,  # type: ignore[arg-type]
            )


def test_an_imported_order_keeps_the_seller_and_platform_discounts_apart(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    created = fake.create_orders(20, status="AWAITING_SHIPMENT")
    OrderImport(shop=shop, state=state, sink=oms).run()
    both = 0
    for order in created:
        imported = oms.orders[(shop.shop_cipher, order.id)].imported
        items = fake.order(order.id).line_items
        seller = sum(i.seller_discount for i in items)
        platform = sum(i.platform_discount for i in items)
        assert (imported.seller_discount, imported.platform_discount) == (seller, platform)
        assert imported.settlement_revenue == sum(i.original_price for i in items) - seller
        both += bool(seller and platform)
    assert both


def test_a_rewound_import_reads_again_but_hands_nothing_it_handed_in_the_same_state(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _week(fake)
    job = SettlementImport(shop=shop, state=state, sink=oms)
    job.run()
    job.rewind(None)
    plan = job.plan()
    assert plan.settlements == () and plan.unchanged >= len(fake.statements_of())
    with pytest.raises(ConfigurationError, match="timezone-aware"):
        job.rewind(fake.clock.now().replace(tzinfo=None))


def test_a_run_over_many_statements_goes_batch_by_batch_and_hands_each_once(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    for _day in range(7):
        fake.create_orders(2, status="DELIVERED", created_within=timedelta(hours=12))
        fake.clock.advance(days=1)
    fake.clock.advance(days=9)  # a week of daily statements, all paid out
    statements = fake.statements_of()
    result = SettlementImport(shop=shop, state=state, sink=oms, batch_limit=2).run()
    assert result.complete and result.statements == len(statements) >= 5
    assert result.batches == -(-len(statements) // 2)
    assert sorted(oms.settlement_deliveries) == sorted(
        f"{shop.shop_cipher}:{s.id}:new" for s in statements
    )


def test_a_run_stopped_by_max_batches_says_it_is_not_complete_and_the_next_continues(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    _week(fake)
    job = SettlementImport(shop=shop, state=state, sink=oms, batch_limit=1)
    first = job.run(max_batches=1)
    assert not first.complete and first.statements == 1
    assert "more statements in the next batch" in job.plan().describe()
    rest = job.run()
    assert rest.complete and first.statements + rest.statements == len(fake.statements_of())


def test_a_plan_shows_as_a_table_and_becomes_a_frame_of_its_statements_and_payouts(
    fake: FakeShop, shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    pytest.importorskip("pandas")
    _week(fake)
    plan = SettlementImport(shop=shop, state=state, sink=oms).plan()
    assert "<caption>SettlementImportPlan</caption>" in plan._repr_html_()
    frame = plan.to_pandas()
    expected = ["settlements"] * len(plan.settlements) + ["payouts"] * len(plan.payouts)
    assert plan.settlements and list(frame["part"]) == expected
