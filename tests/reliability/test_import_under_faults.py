"""Order import keeps working and loses nothing under TikTok's faults and crashes.

10,000 orders through FakeShop with 20 % server errors, 5 % rate limits, timeouts, a token
that expires mid-run, and the process dying between steps every few hundred orders; the job
is simply re-run until done, as a scheduler would.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from tiktokshop_sync import RetryPolicy, TikTokShopError
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import OrderImport, OrderImportPolicy, SQLiteStateStore

pytestmark = pytest.mark.slow


class Crash(Exception):
    """The process died between two steps."""


class FlakyState:
    """A SQLite state store whose writes die at random (seeded), like a killed process."""

    WRITES = ("record_versions", "put_holds", "set_cursor", "drop_holds")

    def __init__(self, path: Path, *, rate: float, seed: int) -> None:
        self.store = SQLiteStateStore(path)
        self.tokens = self.store.tokens
        self.rng = random.Random(seed)
        self.rate = rate
        self.crashes = 0

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.store, name)
        if name not in self.WRITES:
            return target

        def write(*args: Any, **kwargs: Any) -> Any:
            if self.rng.random() < self.rate:
                self.crashes += 1
                raise Crash(f"killed before {name}")
            return target(*args, **kwargs)

        return write


def test_ten_thousand_orders_arrive_once_each_despite_faults_and_crashes(tmp_path: Path) -> None:
    fake = FakeShop(seed=77)
    created = {o.id for o in fake.create_orders(10_000, status="AWAITING_SHIPMENT")}
    held = fake.create_orders(20, status="UNPAID")
    for order in held:
        fake.pay(order.id)
    created |= {o.id for o in held}
    state = FlakyState(tmp_path / "state.db", rate=0.25, seed=3)
    oms = InMemoryOms()
    fake.inject_faults(server_error=0.2, rate_limit=0.05, timeout=0.02, seed=11, paths=["/order/*"])
    client = fake.client(token_store=state.tokens, retry=RetryPolicy(max_retries=3))
    tokens = client.oauth.exchange_code(fake.authorize())
    shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
    job = OrderImport(shop=shop, state=state, sink=oms, policy=OrderImportPolicy(batch_limit=500))  # type: ignore[arg-type]

    errors = 0
    runs = 0
    done = False
    while not done and runs < 400:
        runs += 1
        if runs == 5:
            fake.expire_access_tokens()  # mid-run expiry: refreshed once, call repeated
        try:
            result = job.run(max_batches=1)
            done = result.complete and result.delivered == 0
        except (Crash, TikTokShopError):
            errors += 1
    fake.clock.advance(minutes=61)
    fake.clear_faults()
    state.rate = 0.0  # the scheduler's last run goes through cleanly
    job.run()

    assert done, f"not finished after {runs} runs"
    assert {order_id for _, order_id in oms.orders} == created
    redelivered = len(oms.deliveries) - len(set(oms.deliveries))
    assert redelivered <= state.crashes * 500  # only after a crash between accept and record
    assert all(record.payment_status == "2:入金済み" for record in oms.orders.values())
    assert state.crashes >= 10 and errors >= 10  # the faults really happened
    versions = state.store.seen_versions(job.shop_key, sorted(created))
    assert set(versions) == created
    assert state.store.holds(job.shop_key) == []
    assert sum(1 for r in fake.requests if r.path == "/api/v2/token/refresh") >= 1
