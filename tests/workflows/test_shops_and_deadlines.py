"""One host id per TikTok shop, and the dispatch-deadline watch over TikTok's open orders."""

from __future__ import annotations

import pickle
from datetime import timedelta

import pytest

from tiktokshop_sync import ConfigurationError, InMemoryTokenStore, ShopClient
from tiktokshop_sync.domain import DeadlineReport, DeadlineStage, ShopRegistration
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.oms import InMemoryOms
from tiktokshop_sync.workflows import (
    AsyncDeadlineWatch,
    AsyncPoller,
    CancellationImport,
    DeadlineWatch,
    DuplicateShopError,
    OrderImport,
    Poller,
    check_shops,
    registrations_of,
)
from tiktokshop_sync.workflows.state import SQLiteStateStore


def test_one_tiktok_shop_under_two_host_ids_is_refused_naming_both() -> None:
    with pytest.raises(DuplicateShopError) as caught:
        check_shops([("tiktok-main", "7000714532876273420"), ("tiktok-2", "7000714532876273420")])
    assert "'tiktok-main', 'tiktok-2'" in str(caught.value)
    assert isinstance(caught.value, ConfigurationError)
    assert caught.value.duplicates[0].host_shop_ids == ("tiktok-main", "tiktok-2")


def test_distinct_shops_pass_the_check() -> None:
    check_shops(
        [
            ShopRegistration(host_shop_id="a", cipher="GCP_a"),
            ShopRegistration(host_shop_id="b", cipher="GCP_b"),
        ]
    )


def test_the_duplicate_shop_error_survives_pickling() -> None:
    with pytest.raises(DuplicateShopError) as caught:
        check_shops([("a", "x"), ("b", "x")])
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value)


def test_a_poller_refuses_one_shop_imported_under_two_host_ids(
    shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    first = OrderImport(shop=shop, state=state, sink=oms, shop_key="main")
    second = OrderImport(shop=shop, state=state, sink=oms, shop_key="main-copy")
    with pytest.raises(DuplicateShopError, match="main-copy"):
        Poller([first.run, second.run])
    with pytest.raises(DuplicateShopError):
        AsyncPoller([first.run, second.run])  # type: ignore[list-item]


def test_a_poller_takes_several_jobs_of_one_shop_under_one_host_id(
    shop: ShopClient, state: SQLiteStateStore, oms: InMemoryOms
) -> None:
    jobs = [
        OrderImport(shop=shop, state=state, sink=oms).run,
        CancellationImport(shop=shop, state=state, sink=oms).run,
        lambda: None,
    ]
    Poller(jobs)
    assert [r.host_shop_id for r in registrations_of(jobs)] == [shop.shop_cipher]


def test_the_watch_reports_open_orders_deadlines_by_urgency(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(6, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    fake.create_orders(2, status="IN_TRANSIT")
    fake.clock.advance(days=10)
    report = DeadlineWatch(shop=shop, holidays=None).report()
    assert len(report.overdue) == 6 and report.without_deadline == 0
    assert all(d.stage is DeadlineStage.SHIP for d in report.overdue)
    assert report.as_of.utcoffset() == timedelta(hours=9)


def test_the_watch_calls_its_alert_hook_only_when_an_order_needs_attention(
    fake: FakeShop, shop: ShopClient
) -> None:
    alerts: list[DeadlineReport] = []
    watch = DeadlineWatch(shop=shop, on_alert=alerts.append)
    assert not watch.check().needs_attention and alerts == []
    fake.create_orders(1, status="AWAITING_SHIPMENT")
    fake.clock.advance(days=10)
    watch.check()
    assert len(alerts) == 1 and alerts[0].needs_attention
    watch.report()  # a report alone never alerts
    assert len(alerts) == 1


async def test_the_async_watch_reports_the_same(fake: FakeShop) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT", shipping_type="SELLER")
    fake.clock.advance(days=10)
    async with fake.async_client(token_store=InMemoryTokenStore()) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        report = await AsyncDeadlineWatch(shop=shop).report()
    assert len(report.overdue) == 3


def test_the_watch_refuses_a_careless_lookback(shop: ShopClient) -> None:
    with pytest.raises(ConfigurationError, match="lookback"):
        DeadlineWatch(shop=shop, lookback=timedelta(days=400))
