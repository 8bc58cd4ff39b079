"""Clock skew near TikTok's window, and orders that change while an import is paging."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tiktokshop_sync import InMemoryTokenStore, TikTokShop, TimestampError
from tiktokshop_sync.testing import FakeShop, InMemoryOms
from tiktokshop_sync.workflows import OrderImport, SQLiteStateStore


class SkewedClock:
    """The fake's clock, off by a fixed amount (a server whose NTP drifted)."""

    def __init__(self, fake: FakeShop, skew: timedelta) -> None:
        self.fake, self.skew = fake, skew

    def now(self) -> datetime:
        return self.fake.clock.now() + self.skew


@pytest.mark.parametrize(
    ("skew", "accepted"),
    [
        (timedelta(seconds=25), True),
        (timedelta(seconds=40), False),
        (timedelta(minutes=-4, seconds=-50), True),
        (timedelta(minutes=-5, seconds=-20), False),
    ],
)
def test_clock_skew_inside_tiktoks_window_works_and_outside_is_a_typed_error(
    skew: timedelta, accepted: bool
) -> None:
    fake = FakeShop(seed=3)
    grant = fake.grant_tokens()
    store = InMemoryTokenStore()
    with fake.client(token_store=store, clock=SkewedClock(fake, skew)) as client:
        from tiktokshop_sync import TokenSet

        store.save(
            grant.open_id,
            TokenSet(
                access_token=grant.access_token,
                access_token_expires_at=grant.access_token_expires_at,
                refresh_token=grant.refresh_token,
                refresh_token_expires_at=grant.refresh_token_expires_at,
                open_id=grant.open_id,
            ),
        )
        call = client.seller(grant.open_id).shops.authorized
        if accepted:
            assert call()
        else:
            with pytest.raises(TimestampError, match="clock"):
                call()


class ChangeDuringPaging(httpx.BaseTransport):
    """Lets the fake answer, and after the first search page changes some orders on TikTok."""

    def __init__(self, fake: FakeShop, change: list[str]) -> None:
        self.fake, self.change, self.pages = fake, change, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.fake.transport.handle_request(request)
        if request.url.path.endswith("/orders/search"):
            self.pages += 1
            if self.pages == 1:
                self.fake.clock.advance(seconds=1)
                for order_id in self.change:
                    self.fake.cancel(order_id, by="BUYER")
        return response


def test_orders_changed_while_the_import_pages_are_delivered_once_and_then_cancelled(
    tmp_path: Path,
) -> None:
    fake = FakeShop(seed=4)
    orders = fake.create_orders(250, status="AWAITING_SHIPMENT")
    changed = [orders[0].id, orders[-1].id]
    state = SQLiteStateStore(tmp_path / "s.db")
    oms = InMemoryOms()
    http = httpx.Client(transport=ChangeDuringPaging(fake, changed))
    client = TikTokShop(
        app_key=fake.app_key,
        app_secret=fake.app_secret,
        http_client=http,
        clock=fake.clock,
        sleep=fake.clock.sleep,
        token_store=state.tokens,
    )
    tokens = client.oauth.exchange_code(fake.authorize())
    job = OrderImport(
        shop=client.shop(fake.shops[0].cipher, grant=tokens.open_id), state=state, sink=oms
    )
    job.run()
    fake.clock.advance(minutes=1)
    job.run()
    unchanged = {o.id for o in orders} - set(changed)
    assert unchanged <= {order_id for _, order_id in oms.orders}
    assert len(oms.deliveries) == len(set(oms.deliveries))  # nothing delivered twice
    cancelled = {c.order_id for c in oms.cancellations}
    for order_id in changed:  # imported then cancelled, or never imported: never left active
        record = oms.order(job.shop_key, order_id)
        assert record is None or order_id in cancelled


class ShuffleAndRepeat(httpx.BaseTransport):
    """Serves each search page reversed, with the previous page's orders repeated in it."""

    def __init__(self, fake: FakeShop) -> None:
        self.fake = fake
        self.previous: list[object] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        import json

        response = self.fake.transport.handle_request(request)
        if not request.url.path.endswith("/orders/search"):
            return response
        payload = json.loads(response.read())
        orders = payload["data"]["orders"]
        payload["data"]["orders"] = list(reversed(orders)) + self.previous
        self.previous = orders[:5]
        return httpx.Response(response.status_code, json=payload)


def test_out_of_order_and_repeated_orders_across_pages_are_delivered_once(tmp_path: Path) -> None:
    fake = FakeShop(seed=6)
    orders = fake.create_orders(230, status="AWAITING_SHIPMENT")
    state = SQLiteStateStore(tmp_path / "s.db")
    oms = InMemoryOms()
    client = TikTokShop(
        app_key=fake.app_key,
        app_secret=fake.app_secret,
        http_client=httpx.Client(transport=ShuffleAndRepeat(fake)),
        clock=fake.clock,
        token_store=state.tokens,
    )
    tokens = client.oauth.exchange_code(fake.authorize())
    shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
    OrderImport(shop=shop, state=state, sink=oms).run()
    assert {order_id for _, order_id in oms.orders} == {o.id for o in orders}
    assert len(oms.deliveries) == 230
