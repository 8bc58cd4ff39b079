"""Retries against FakeShop faults: safe calls recover, writes are not repeated blindly."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tiktokshop_sync import (
    APIConnectionError,
    APITimeoutError,
    MalformedResponseError,
    RateLimitError,
    ServerError,
    ShopClient,
)
from tiktokshop_sync.testing import FakeShop

SEARCH = "/order/202309/orders/search"


def _calls(fake: FakeShop, path: str = SEARCH) -> list:  # type: ignore[type-arg]
    return [r for r in fake.requests if r.path == path]


@pytest.mark.parametrize(
    "kind", ["rate_limit", "server_error", "timeout", "malformed", "connect_error"]
)
def test_a_search_recovers_from_a_transient_fault(
    fake: FakeShop, shop: ShopClient, kind: str
) -> None:
    fake.create_orders(3)
    fake.fail_next(kind, times=2, path=SEARCH)
    assert len(list(shop.orders.search())) == 3
    assert len(_calls(fake)) == 3


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("rate_limit", RateLimitError),
        ("server_error", ServerError),
        ("timeout", APITimeoutError),
        ("malformed", MalformedResponseError),
    ],
)
def test_a_persistent_fault_surfaces_after_max_retries(
    fake: FakeShop, shop: ShopClient, kind: str, error: type[Exception]
) -> None:
    fake.fail_next(kind, times=10, path=SEARCH)
    with pytest.raises(error):
        list(shop.orders.search())
    assert len(_calls(fake)) == 3  # the first try and two retries (max_retries=2)


def test_every_retry_is_restamped_and_resigned(fake: FakeShop, shop: ShopClient) -> None:
    fake.fail_next("server_error", times=2, path=SEARCH)
    list(shop.orders.search())
    calls = _calls(fake)
    assert len({c.query["timestamp"] for c in calls}) == 3
    assert len({c.query["sign"] for c in calls}) == 3


def test_backoff_waits_grow_between_attempts(fake: FakeShop, shop: ShopClient) -> None:
    fake.fail_next("server_error", times=2, path=SEARCH)
    list(shop.orders.search())
    times = [c.at for c in _calls(fake)]
    first_wait = (times[1] - times[0]).total_seconds()
    second_wait = (times[2] - times[1]).total_seconds()
    assert 1 <= first_wait <= 2 and 2 <= second_wait <= 3


def test_retry_after_from_tiktok_is_honoured(fake: FakeShop, shop: ShopClient) -> None:
    fake.set_rate_limit(0.1, retry_after=True)
    list(shop.orders.search())
    list(shop.orders.search())
    times = [c.at for c in _calls(fake)]
    assert (times[-1] - times[0]).total_seconds() >= 5


def test_an_unsafe_write_is_not_repeated_after_it_may_have_reached_tiktok(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.fail_next("server_error", times=1, path=SEARCH)
    with pytest.raises(ServerError):
        shop.request("POST", SEARCH, query={"page_size": 10}, json={}, idempotent=False)
    assert len(_calls(fake)) == 1


def test_an_unsafe_write_is_retried_when_the_connection_failed_before_sending(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.fail_next("connect_error", times=1, path=SEARCH)
    data = shop.request("POST", SEARCH, query={"page_size": 10}, json={}, idempotent=False)
    assert "orders" in data
    assert len(_calls(fake)) == 2


def test_connection_errors_record_whether_the_request_was_sent(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.fail_next("connect_error", times=10, path=SEARCH)
    with pytest.raises(APIConnectionError) as caught:
        list(shop.orders.search())
    assert caught.value.request_sent is False


def test_retries_can_be_turned_off(fake: FakeShop, tokens: object) -> None:
    from tiktokshop_sync import InMemoryTokenStore

    store = InMemoryTokenStore()
    with fake.client(token_store=store, max_retries=0) as client:
        grant = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=grant.open_id)
        fake.fail_next("server_error", times=1, path=SEARCH)
        with pytest.raises(ServerError):
            list(shop.orders.search())


def _write_specs() -> dict[str, object]:
    from tiktokshop_sync.resources import events, fulfillment, products, returns

    sku = {"sku_id": "17", "inventory": [{"warehouse_id": "70", "quantity": 1}]}
    return {
        "mark_shipped": fulfillment.mark_shipped_spec("57", "4912", "72", None),
        "ship_package": fulfillment.ship_package_spec("11", {}),
        "batch_ship": fulfillment.batch_ship_spec([{"id": "11"}]),
        "update_shipping_info": fulfillment.update_shipping_info_spec("orders", "57", "4912", "7"),
        "update_package_shipping_info": fulfillment.update_shipping_info_spec(
            "packages", "11", "4912", "7"
        ),
        "create_product": products.create_spec({"title": "t", "skus": []}, None),
        "partial_edit": products.partial_edit_spec("17", {"title": "t"}),
        "update_price": products.price_spec("17", [{"sku_id": "1", "amount": "980"}]),
        "activate": products.status_spec("activate", ["17"]),
        "deactivate": products.status_spec("deactivate", ["17"]),
        "delete": products.delete_spec(["17"]),
        "recover": products.recover_spec(["17"]),
        "update_inventory": products.inventory_spec("17", [sku]),  # type: ignore[list-item]
        "upload_image": products.upload_spec(b"\xff\xd8", "a.jpg", "MAIN_IMAGE"),
        "cancel_order": returns.cancel_spec("57", "seller_cancel_reason_out_of_stock", None),
        "approve_cancellation": returns.decide_spec("approve", "40", None, {}),
        "approve_return": returns.return_decide_spec("approve", "40", "k", {}),
        "update_webhook": events.update_spec("ORDER_STATUS_CHANGE", "https://example.jp/h"),
        "delete_webhook": events.delete_spec("ORDER_STATUS_CHANGE"),
    }


@pytest.mark.parametrize("name", sorted(_write_specs()))
def test_every_write_names_how_to_read_it_back(name: str) -> None:
    spec: Any = _write_specs()[name]
    assert spec.writes, name
    assert "shop." in spec.read_back or "upload it again" in spec.read_back


def test_an_idempotent_write_that_lost_its_reply_says_repeating_it_is_harmless(
    fake: FakeShop, shop: ShopClient
) -> None:
    product = next(p for p in fake.products_of() if p.status == "ACTIVATE")
    path = f"/product/202309/products/{product.id}/prices/update"
    fake.fail_next("timeout", path=path, times=3)
    with pytest.raises(APITimeoutError) as caught:
        shop.products.update_price(product.id, [{"sku_id": product.skus[0].id, "amount": "980"}])
    assert caught.value.may_have_applied
    assert "harmless" in str(caught.value)
    assert f"shop.products.get('{product.id}')" in str(caught.value)
    assert len(_calls(fake, path)) == 3  # retried: setting a price twice changes nothing


@pytest.mark.parametrize(
    ("kind", "named"),
    [
        ("server_error", "ServerError (code 36009003, HTTP 503"),
        ("rate_limit", "RateLimitError (code 36009002, HTTP 429"),
        ("timeout", "APITimeoutError (ReadTimeout)"),
        ("connect_error", "APIConnectionError (ConnectError)"),
    ],
)
def test_the_retry_log_names_the_failure_it_retries_after(
    fake: FakeShop, shop: ShopClient, caplog: pytest.LogCaptureFixture, kind: str, named: str
) -> None:
    fake.fail_next(kind, times=1, path=SEARCH)
    with caplog.at_level(logging.INFO, logger="tiktokshop_sync"):
        list(shop.orders.search())
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying")]
    assert len(retries) == 1
    assert f"(attempt 2) after {named}" in retries[0]
    assert "NoneType" not in retries[0]
