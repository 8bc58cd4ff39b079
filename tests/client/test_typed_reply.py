"""Order replies read straight from their bytes give exactly what the usual way gives."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest

from mock_client import client_replying as _client
from tiktokshop_sync import (
    InMemoryTokenStore,
    MalformedResponseError,
    RateLimitError,
    ResponseValidationError,
)
from tiktokshop_sync._core.envelope import typed_reply
from tiktokshop_sync.resources._endpoints import ORDERS_SEARCH
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types._base import strict_models

PATH = "/order/202309/orders/search"


def _reply(data: Any, code: int = 0) -> bytes:
    envelope = {"code": code, "message": "Success", "request_id": "req-1", "data": data}
    return json.dumps(envelope, ensure_ascii=False).encode()


def _wire_orders(n: int = 40) -> list[dict[str, Any]]:
    fake = FakeShop(seed=8)
    return [o.to_wire() for o in fake.create_orders(n, created_within=timedelta(days=6))]


def _both(data: Any) -> tuple[Any, Any]:
    """(the fast path's page, the usual path's page), both lenient."""
    with strict_models(False):
        fast = ORDERS_SEARCH.reply.read_bytes(_reply(data))
        usual = ORDERS_SEARCH.reply.read(data)
    assert fast is not None
    return fast[0], usual


def test_realistic_order_pages_read_from_bytes_equal_the_usual_parse() -> None:
    fast, usual = _both({"orders": _wire_orders(), "next_page_token": "b+/=", "total_count": 40})
    assert fast == usual
    assert fast.next_page_token == "b+/=" and fast.total_count == 40


def test_unknown_fields_and_enum_values_are_kept_the_same_way() -> None:
    orders = _wire_orders(3)
    orders[0]["status"] = "BRAND_NEW_STATUS"
    orders[1]["surprise"] = {"nested": [1, 2]}
    orders[2]["payment"]["total_amount"] = ""
    orders[2]["create_time"] = 0
    fast, usual = _both({"orders": orders})
    assert fast == usual
    assert fast.items[0].status == "BRAND_NEW_STATUS"
    assert fast.items[1].model_extra == {"surprise": {"nested": [1, 2]}}
    assert fast.items[2].create_time is None


@pytest.mark.parametrize(
    "data", [None, {}, {"orders": None}, {"orders": []}, {"next_page_token": ""}]
)
def test_empty_pages_read_the_same(data: Any) -> None:
    fast, usual = _both(data)
    assert fast == usual


@pytest.mark.parametrize(
    "raw",
    [
        _reply({"orders": []}, code=36009002),
        b'{"code":"0","data":{"orders":[]}}',
        b'{"code":true,"data":{"orders":[]}}',
        b'{"code":0,"data":{"orders":[{"id":"1","status":"X"}',
        b'{"code":0,"data":{"orders":[{"status":"no id"}]}}',
        '{"code":0,"data":{"orders":[]}}'.encode("utf-16"),
        b"<html>busy</html>",
    ],
)
def test_anything_but_a_well_formed_success_is_left_to_the_usual_way(raw: bytes) -> None:
    assert ORDERS_SEARCH.reply.read_bytes(raw) is None


def test_a_typed_reply_gives_the_request_id() -> None:
    parse = typed_reply(dict[str, int], lambda data: data)
    assert parse(b'{"code":0,"request_id":"r-9","data":{"a":1}}') == ({"a": 1}, "r-9")


def test_a_lenient_client_search_returns_the_same_orders_either_way() -> None:
    orders = _wire_orders(10)
    body = _reply({"orders": orders, "next_page_token": "", "total_count": 10})
    lenient = _client(body).shop("c", grant="g").orders.search().first_page()
    strict = _client(body, strict_models=True).shop("c", grant="g").orders.search().first_page()
    assert lenient == strict
    assert len(lenient.items) == 10


def test_a_business_error_still_raises_its_typed_error() -> None:
    body = _reply(None, code=36009002)
    with pytest.raises(RateLimitError):
        _client(body).shop("c", grant="g").orders.search().first_page()


def test_a_malformed_order_still_raises_a_response_validation_error() -> None:
    body = _reply({"orders": [{"status": "no id"}]})
    with pytest.raises(ResponseValidationError):
        _client(body).shop("c", grant="g").orders.search().first_page()


def test_a_truncated_reply_still_raises_a_malformed_response_error() -> None:
    with pytest.raises(MalformedResponseError):
        _client(b'{"code":0,"data":{"ord').shop("c", grant="g").orders.search().first_page()


def test_the_fast_path_logs_the_request_id(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="tiktokshop_sync")
    _client(_reply({"orders": []})).shop("c", grant="g").orders.search().first_page()
    assert any("request_id req-1" in r.getMessage() for r in caplog.records)


def _lenient_and_strict_shops(fake: FakeShop) -> tuple[Any, Any]:
    store = InMemoryTokenStore()
    lenient = fake.client(token_store=store)
    strict = fake.client(token_store=store, strict_models=True)
    tokens = lenient.oauth.exchange_code(fake.authorize())
    cipher = fake.shops[0].cipher
    return lenient.shop(cipher, grant=tokens.open_id), strict.shop(cipher, grant=tokens.open_id)


def test_every_other_search_reads_its_pages_the_same_either_way() -> None:
    fake = FakeShop(seed=12)
    fake.create_products(30)
    orders = fake.create_orders(12, status="AWAITING_SHIPMENT")
    for order in orders[:4]:
        fake.buyer_cancel(order.id)
    lenient, strict = _lenient_and_strict_shops(fake)
    searches = [
        lambda shop: list(shop.products.search(page_size=7)),
        lambda shop: list(shop.fulfillment.search_packages(page_size=5)),
        lambda shop: list(shop.returns.search_cancellations(page_size=10)),
        lambda shop: list(shop.returns.search_returns(page_size=10)),
    ]
    for search in searches:
        assert search(lenient) == search(strict)
    assert len(searches[0](lenient)) == len(fake.products_of())


def test_a_lenient_search_builds_its_models_without_the_dict_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tiktokshop_sync.types.product import Product

    fake = FakeShop(seed=12)
    fake.create_products(5)
    lenient, strict = _lenient_and_strict_shops(fake)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the dict path was taken")

    monkeypatch.setattr(Product, "model_validate", refuse)
    assert len(list(lenient.products.search())) == len(fake.products_of())
    with pytest.raises(AssertionError, match="dict path"):
        list(strict.products.search())  # strict mode checks the dicts, so it takes that path
