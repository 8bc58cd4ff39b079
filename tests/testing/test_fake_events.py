"""Webhook subscriptions (Event API) over the wire, and delivery to a callback (§5.11, §6)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.webhooks import compute_signature

Call = Callable[..., httpx.Response]
PATH = "/event/202309/webhooks"


def data(response: httpx.Response) -> Any:
    payload = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def test_no_subscriptions_at_first(call: Call) -> None:
    assert data(call("GET", PATH)) == {"webhooks": [], "total_count": 0}


def test_put_subscribes_and_moves_an_event_type(fake: FakeShop, call: Call) -> None:
    data(call("PUT", PATH, body={"event_type": "PACKAGE_UPDATE", "address": "https://a.example"}))
    fake.clock.advance(minutes=3)
    data(call("PUT", PATH, body={"event_type": "PACKAGE_UPDATE", "address": "https://b.example"}))
    (hook,) = data(call("GET", PATH))["webhooks"]
    assert (hook["event_type"], hook["address"]) == ("PACKAGE_UPDATE", "https://b.example")
    assert hook["update_time"] - hook["create_time"] == 180


def test_delete_unsubscribes(call: Call) -> None:
    body = {"event_type": "ORDER_STATUS_CHANGE", "address": "https://a.example"}
    data(call("PUT", PATH, body=body))
    data(call("DELETE", PATH, body={"event_type": "ORDER_STATUS_CHANGE"}))
    assert data(call("GET", PATH))["webhooks"] == []


def test_an_unknown_event_type_answers_the_gateways_36009004(call: Call) -> None:
    # The webhook pages list no codes; live replies use 36009004 ("param body.address is
    # missing", EcomPHP/tiktokshop-php issue #27).
    body = {"event_type": "ORDER_PAID", "address": "https://a.example"}
    assert call("PUT", PATH, body=body).json()["code"] == 36009004


def test_an_address_must_be_an_http_url(call: Call) -> None:
    body = {"event_type": "ORDER_STATUS_CHANGE", "address": "ftp://a.example"}
    assert call("PUT", PATH, body=body).json()["code"] == 36009004


def test_subscriptions_are_per_shop(fake: FakeShop, call: Call) -> None:
    other = fake.add_shop("二号店")
    data(call("PUT", PATH, body={"event_type": "PACKAGE_UPDATE", "address": "https://a.example"}))
    assert data(call("GET", PATH, cipher=other.cipher))["webhooks"] == []


def test_a_delivery_is_signed_over_app_key_and_the_raw_body(fake: FakeShop) -> None:
    received: list[tuple[dict[str, str], bytes]] = []
    fake.deliver_webhooks_to(lambda headers, body: received.append((headers, body)))
    fake.create_orders(1, status="UNPAID")
    headers, body = received[0]
    expected = compute_signature(app_key=fake.app_key, app_secret=fake.app_secret, body=body)
    assert headers["Authorization"] == expected
    assert json.loads(body)["type"] == 1


def test_nothing_is_queued_without_a_receiver(fake: FakeShop) -> None:
    fake.create_orders(3, status="UNPAID")
    fake.deliver_webhooks_to(lambda headers, body: None)
    assert fake.webhook_deliveries == []


def test_only_subscribed_delivers_just_the_shops_subscribed_types(
    fake: FakeShop, call: Call
) -> None:
    body = {"event_type": "CANCELLATION_STATUS_CHANGE", "address": "https://a.example"}
    data(call("PUT", PATH, body=body))
    fake.deliver_webhooks_to(lambda headers, body: None, only_subscribed=True)
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    assert [d.type for d in fake.webhook_deliveries] == [11]


def test_a_receiver_that_raises_is_recorded_and_the_api_call_still_answers(
    fake: FakeShop, call: Call
) -> None:
    def broken(headers: dict[str, str], body: bytes) -> None:
        raise RuntimeError("receiver down")

    fake.deliver_webhooks_to(broken)
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0]
    body = {"tracking_number": "123456789012", "shipping_provider_id": "7208502187360519982"}
    data(call("POST", f"/fulfillment/202309/orders/{order.id}/packages", body=body))
    assert {d.error for d in fake.webhook_deliveries} == {"RuntimeError: receiver down"}


def test_stop_webhooks_ends_deliveries(fake: FakeShop) -> None:
    received: list[bytes] = []
    fake.deliver_webhooks_to(lambda headers, body: received.append(body))
    fake.stop_webhooks()
    fake.create_orders(2, status="UNPAID")
    assert received == []
