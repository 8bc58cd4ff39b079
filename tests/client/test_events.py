"""shop.events against FakeShop: get, update and delete webhook subscriptions."""

from __future__ import annotations

import pytest

from tiktokshop_sync import InMemoryTokenStore, InvalidArgumentError, ShopClient
from tiktokshop_sync.testing import FakeShop


def test_a_new_shop_has_no_subscriptions(shop: ShopClient) -> None:
    assert shop.events.get_webhooks() == []


def test_update_webhook_subscribes_and_get_lists_it(fake: FakeShop, shop: ShopClient) -> None:
    shop.events.update_webhook("order_status_change", "https://oms.example.jp/tiktok/hooks")
    (hook,) = shop.events.get_webhooks()
    assert (hook.event_type, hook.address) == (
        "ORDER_STATUS_CHANGE",
        "https://oms.example.jp/tiktok/hooks",
    )
    assert hook.create_time == fake.clock.now().replace(microsecond=0)
    assert hook.create_time is not None and hook.create_time.tzinfo is not None


def test_update_webhook_moves_an_existing_subscription(shop: ShopClient) -> None:
    shop.events.update_webhook("PACKAGE_UPDATE", "https://a.example.jp/hooks")
    shop.events.update_webhook("PACKAGE_UPDATE", "https://b.example.jp/hooks")
    assert [h.address for h in shop.events.get_webhooks()] == ["https://b.example.jp/hooks"]


def test_delete_webhook_unsubscribes(shop: ShopClient) -> None:
    shop.events.update_webhook("RETURN_STATUS_CHANGE", "https://a.example.jp/hooks")
    shop.events.update_webhook("CANCELLATION_STATUS_CHANGE", "https://a.example.jp/hooks")
    shop.events.delete_webhook("RETURN_STATUS_CHANGE")
    assert [h.event_type for h in shop.events.get_webhooks()] == ["CANCELLATION_STATUS_CHANGE"]


def test_a_non_http_address_is_refused_before_sending(fake: FakeShop, shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError):
        shop.events.update_webhook("ORDER_STATUS_CHANGE", "mailto:oms@example.jp")
    assert not [r for r in fake.requests if r.path == "/event/202309/webhooks"]


async def test_async_events_update_list_and_delete(fake: FakeShop) -> None:
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        await shop.events.update_webhook("PRODUCT_STATUS_CHANGE", "https://a.example.jp/hooks")
        listed = await shop.events.get_webhooks()
        await shop.events.delete_webhook("PRODUCT_STATUS_CHANGE")
        after = await shop.events.get_webhooks()
    assert [h.event_type for h in listed] == ["PRODUCT_STATUS_CHANGE"]
    assert after == []


def test_a_topic_tiktok_does_not_list_is_refused_before_sending(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="Did you mean 'ORDER_STATUS_CHANGE'"):
        shop.events.update_webhook("ORDER_STATUS_CHANGED", "https://oms.example.jp/tiktok/hooks")
    assert shop.events.get_webhooks() == []


def test_unsubscribing_from_a_topic_tiktok_does_not_list_is_refused(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="event_type"):
        shop.events.delete_webhook("ORDER_CREATED")
