"""Recorded requests, and the public surface of tiktokshop_sync.testing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import httpx

from tiktokshop_sync.testing import FakeGrant, FakeShop

Call = Callable[..., httpx.Response]
SHOPS = "/authorization/202309/shops"


def test_every_request_is_recorded_with_status_and_code(fake: FakeShop, call: Call) -> None:
    call("GET", SHOPS, shop=False)
    (recorded,) = fake.requests
    assert (recorded.method, recorded.path, recorded.status, recorded.code) == (
        "GET",
        SHOPS,
        200,
        0,
    )
    assert recorded.host == "open-api.tiktokglobalshop.com"
    assert recorded.at == fake.clock.now()


def test_rejected_requests_are_recorded(fake: FakeShop, call: Call) -> None:
    call("GET", SHOPS, shop=False, sign_value="bad")
    assert [(r.status, r.code) for r in fake.requests] == [(401, 106001)]


def test_faulted_requests_record_the_code_of_the_reply_they_got(fake: FakeShop, call: Call) -> None:
    fake.fail_next("rate_limit")
    fake.fail_next("malformed")
    fake.fail_next("timeout")  # processed: the lost reply's code is recorded
    with contextlib.suppress(httpx.TransportError):
        for _ in range(3):
            call("GET", SHOPS, shop=False)
    assert [(r.fault, r.code) for r in fake.requests] == [
        ("rate_limit", 36009002),
        ("malformed", None),
        ("timeout", 0),
    ]


def test_recorded_query_holds_decoded_values(fake: FakeShop, call: Call) -> None:
    call("GET", "/order/202309/orders", query={"ids": "1,2"})
    assert fake.requests[0].query["ids"] == "1,2"
    assert fake.requests[0].query["shop_cipher"] == fake.shops[0].cipher


def test_recorded_body_and_headers_are_what_was_sent(
    fake: FakeShop, call: Call, grant: FakeGrant
) -> None:
    call("POST", "/order/202309/orders/search", query={"page_size": "5"}, body={"a": 1})
    recorded = fake.requests[0]
    assert recorded.body == b'{"a":1}'
    assert recorded.json() == {"a": 1}
    assert recorded.headers["x-tts-access-token"] == grant.access_token


def test_recorded_request_id_matches_the_response(fake: FakeShop, call: Call) -> None:
    body = call("GET", SHOPS, shop=False).json()
    assert fake.requests[0].request_id == body["request_id"]


def test_recorded_repr_hides_secrets(fake: FakeShop, call: Call, grant: FakeGrant) -> None:
    call("GET", SHOPS, shop=False)
    text = repr(fake.requests[0])
    assert grant.access_token not in text
    assert "sign" not in text


def test_clear_requests_empties_the_log(fake: FakeShop, call: Call) -> None:
    call("GET", SHOPS, shop=False)
    fake.clear_requests()
    assert fake.requests == []


def test_requests_is_a_snapshot(fake: FakeShop, call: Call) -> None:
    snapshot = fake.requests
    call("GET", SHOPS, shop=False)
    assert snapshot == []


def test_fake_shop_repr_hides_the_app_secret() -> None:
    fake = FakeShop(app_secret="s3cr3t-value")
    assert "s3cr3t-value" not in repr(fake)
