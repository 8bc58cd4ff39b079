"""The gateway checks, in TikTok's order, with TikTok's codes, messages and HTTP statuses."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import httpx

from tiktokshop_sync._core.signing import sign
from tiktokshop_sync.testing import FakeGrant, FakeShop

Call = Callable[..., httpx.Response]
Build = Callable[..., httpx.Request]
SHOPS = "/authorization/202309/shops"
SEARCH = "/order/202309/orders/search"


def search_query(page_size: int = 50) -> dict[str, str]:
    return {"page_size": str(page_size)}


def test_signed_request_with_a_valid_token_succeeds(call: Call) -> None:
    response = call("GET", SHOPS, shop=False)
    assert response.status_code == 200
    assert response.json()["code"] == 0
    assert response.json()["message"] == "Success"


def test_unknown_path_is_rejected_with_36009009_and_404(call: Call) -> None:
    response = call("GET", "/order/202309/nothing_here")
    assert response.status_code == 404
    assert response.json()["code"] == 36009009
    assert response.json()["message"].startswith("Invalid path.")


def test_wrong_method_is_rejected_with_36009010(call: Call) -> None:
    response = call("GET", SEARCH, query=search_query())
    assert response.json()["code"] == 36009010


def test_unsupported_version_is_rejected_with_36009014(call: Call) -> None:
    response = call("GET", "/authorization/202101/shops", shop=False)
    assert response.json()["code"] == 36009014


def test_wrong_app_key_is_rejected_with_36009004_and_400(call: Call) -> None:
    response = call("GET", SHOPS, shop=False, app_key="someone_else")
    assert response.status_code == 400
    assert response.json()["code"] == 36009004
    assert "app_key" in response.json()["message"]


def test_bad_app_key_is_reported_before_a_bad_signature(call: Call) -> None:
    response = call("GET", SHOPS, shop=False, app_key="someone_else", sign_value="0" * 64)
    assert "app_key" in response.json()["message"]


def test_timestamp_older_than_five_minutes_is_rejected(call: Call, fake: FakeShop) -> None:
    response = call("GET", SHOPS, shop=False, timestamp=fake.clock.timestamp() - 301)
    assert response.json()["code"] == 36009004
    assert "earlier than 5 minutes" in response.json()["message"]


def test_timestamp_exactly_five_minutes_old_is_accepted(call: Call, fake: FakeShop) -> None:
    response = call("GET", SHOPS, shop=False, timestamp=fake.clock.timestamp() - 300)
    assert response.json()["code"] == 0


def test_timestamp_more_than_30_seconds_ahead_is_rejected(call: Call, fake: FakeShop) -> None:
    response = call("GET", SHOPS, shop=False, timestamp=fake.clock.timestamp() + 31)
    assert "by more than 30 seconds" in response.json()["message"]


def test_millisecond_timestamp_is_rejected_as_too_far_ahead(call: Call, fake: FakeShop) -> None:
    response = call("GET", SHOPS, shop=False, timestamp=fake.clock.timestamp() * 1000)
    assert "by more than 30 seconds" in response.json()["message"]


def test_negative_timestamp_is_rejected(call: Call) -> None:
    response = call("GET", SHOPS, shop=False, timestamp=-5)
    assert "must not be lesser than 0" in response.json()["message"]


def test_timestamp_window_follows_the_fake_clock(call: Call, fake: FakeShop) -> None:
    stamp = fake.clock.timestamp()
    fake.clock.advance(minutes=6)
    response = call("GET", SHOPS, shop=False, timestamp=stamp)
    assert "earlier than 5 minutes" in response.json()["message"]


def test_missing_signature_is_rejected_with_36009004(call: Call) -> None:
    response = call("GET", SHOPS, shop=False, sign_value=None)
    assert response.json()["code"] == 36009004
    assert response.json()["message"].startswith("Missing credentials.")


def test_wrong_signature_is_rejected_with_106001_and_401(call: Call) -> None:
    response = call("GET", SHOPS, shop=False, sign_value="0" * 64)
    assert response.status_code == 401
    assert response.json()["code"] == 106001
    assert "`sign`" in response.json()["message"]


def test_uppercase_signature_is_rejected_with_106001(
    fake: FakeShop, client: httpx.Client, grant: FakeGrant, build: Build
) -> None:
    params = {"app_key": fake.app_key, "timestamp": str(fake.clock.timestamp())}
    lower = sign(path=SHOPS, query=params, app_secret=fake.app_secret)
    request = build(client, "GET", SHOPS, token=grant.access_token, sign_value=lower.upper())
    assert client.send(request).json()["code"] == 106001


def search_signature(fake: FakeShop, body: bytes) -> str:
    """The sign of an order search (page_size 10) over ``body``, whatever body is then sent."""
    params = {
        "app_key": fake.app_key,
        "timestamp": str(fake.clock.timestamp()),
        "shop_cipher": fake.shops[0].cipher,
        "page_size": "10",
    }
    return sign(path=SEARCH, query=params, body=body, app_secret=fake.app_secret)


def test_signature_covers_the_raw_body_bytes(call: Call, fake: FakeShop) -> None:
    digest = search_signature(fake, b'{"order_status":"UNPAID"}')
    sent = b'{"order_status": "UNPAID"}'
    response = call("POST", SEARCH, query=search_query(10), raw_body=sent, sign_value=digest)
    assert response.json()["code"] == 106001


def test_spaced_json_body_is_accepted_when_signed_byte_for_byte(call: Call) -> None:
    body = b'{"order_status": "UNPAID"}'
    response = call("POST", SEARCH, query=search_query(10), raw_body=body)
    assert response.json()["code"] == 0


def test_an_empty_object_body_signed_without_it_is_accepted_as_the_node_sdk_signs(
    call: Call, fake: FakeShop
) -> None:
    digest = search_signature(fake, b"")
    response = call("POST", SEARCH, query=search_query(10), raw_body=b"{}", sign_value=digest)
    assert response.json()["code"] == 0


def test_an_empty_object_body_signed_byte_for_byte_is_accepted_as_the_go_sample_signs(
    call: Call,
) -> None:
    response = call("POST", SEARCH, query=search_query(10), raw_body=b"{}")
    assert response.json()["code"] == 0


def test_a_non_empty_body_left_out_of_the_signature_is_rejected(call: Call, fake: FakeShop) -> None:
    digest = search_signature(fake, b"")
    sent = b'{"order_status":"UNPAID"}'
    response = call("POST", SEARCH, query=search_query(10), raw_body=sent, sign_value=digest)
    assert response.json()["code"] == 106001


def test_multipart_body_is_left_out_of_the_signature(call: Call) -> None:
    response = call(
        "POST",
        SEARCH,
        query=search_query(10),
        raw_body=b"--x\r\n\r\nnot json\r\n--x--\r\n",
        content_type="multipart/form-data; boundary=x",
    )
    # The signature passed (multipart bodies are not signed); the route then wants JSON.
    assert response.json()["code"] == 36009022


def test_access_token_query_parameter_is_not_part_of_the_signature(call: Call) -> None:
    response = call("GET", SHOPS, shop=False, query={"access_token": "legacy-copy"})
    assert response.json()["code"] == 0


def test_missing_access_token_header_is_rejected_naming_x_tts_access_token(
    client: httpx.Client, build: Build
) -> None:
    response = client.send(build(client, "GET", SHOPS))
    assert response.json()["code"] == 36009004
    assert "x-tts-access-token" in response.json()["message"]


def test_unknown_access_token_is_rejected_with_36009004(call: Call) -> None:
    response = call("GET", SHOPS, shop=False, token="ROW_not_a_real_token")
    assert response.json()["code"] == 36009004
    assert "x-tts-access-token" in response.json()["message"]


def test_expired_access_token_is_rejected_with_105002_and_401(call: Call, fake: FakeShop) -> None:
    fake.clock.advance(days=7)
    response = call("GET", SHOPS, shop=False)
    assert response.status_code == 401
    assert response.json()["code"] == 105002


def test_access_token_is_valid_until_just_before_seven_days(call: Call, fake: FakeShop) -> None:
    fake.clock.advance(timedelta(days=7) - timedelta(seconds=1))
    assert call("GET", SHOPS, shop=False).json()["code"] == 0


def test_token_without_the_route_scope_is_rejected_with_105005(
    fake: FakeShop, client: httpx.Client, build: Build
) -> None:
    narrow = fake.grant_tokens(scopes=["seller.order.info"])
    response = client.send(build(client, "GET", SHOPS, token=narrow.access_token))
    assert response.json()["code"] == 105005


def test_missing_shop_cipher_is_rejected_with_106013(call: Call) -> None:
    response = call("POST", SEARCH, shop=False, query=search_query(), body={})
    assert response.json()["code"] == 106013


def test_shop_cipher_on_authorized_shops_is_rejected_as_unexpected(
    call: Call, fake: FakeShop
) -> None:
    response = call("GET", SHOPS, cipher=fake.shops[0].cipher)
    assert response.json()["code"] == 36009004
    assert response.json()["message"].startswith("Unexpected identifier.")


def test_shop_cipher_on_active_shops_is_rejected_as_unexpected(call: Call, fake: FakeShop) -> None:
    response = call("GET", "/seller/202309/shops", cipher=fake.shops[0].cipher)
    assert response.json()["message"].startswith("Unexpected identifier.")


def test_shop_cipher_of_another_seller_is_rejected_with_101000(call: Call, fake: FakeShop) -> None:
    other = fake.add_shop("よその店", seller=fake.add_seller("よその商会"))
    response = call("POST", SEARCH, cipher=other.cipher, query=search_query(), body={})
    assert response.json()["code"] == 101000


def test_unknown_shop_cipher_is_rejected_with_101000(call: Call) -> None:
    response = call("POST", SEARCH, cipher="ROW_nope", query=search_query(), body={})
    assert response.json()["code"] == 101000


def test_business_errors_come_with_http_200(call: Call) -> None:
    response = call("GET", "/order/202309/orders", query={"ids": "570000000000000000"})
    assert response.status_code == 200
    assert response.json()["code"] == 21008111


def test_errors_carry_null_data(call: Call) -> None:
    body = call("GET", SHOPS, shop=False, sign_value="0" * 64).json()
    assert set(body) == {"code", "data", "message", "request_id"}
    assert body["data"] is None


def test_request_id_is_fourteen_digit_utc_time_and_twenty_uppercase_hex(
    call: Call, fake: FakeShop
) -> None:
    request_id = call("GET", SHOPS, shop=False).json()["request_id"]
    assert re.fullmatch(r"\d{14}[0-9A-F]{20}", request_id)
    assert request_id[:14] == fake.clock.now().strftime("%Y%m%d%H%M%S")


def test_default_routing_accepts_any_host(fake: FakeShop, client: httpx.Client) -> None:
    request = client.build_request(
        "GET",
        "http://anything.test/api/v2/token/get",
        params={
            "app_key": fake.app_key,
            "app_secret": fake.app_secret,
            "auth_code": fake.authorize(),
            "grant_type": "authorized_code",
        },
    )
    assert client.send(request).json()["code"] == 0


def test_strict_base_urls_rejects_api_calls_sent_to_the_auth_host(
    fake: FakeShop, client: httpx.Client, grant: FakeGrant, build: Build
) -> None:
    fake.strict_base_urls = True
    request = build(client, "GET", SHOPS, token=grant.access_token, base_url=FakeShop.AUTH_BASE_URL)
    assert client.send(request).json()["code"] == 36009009


def test_strict_base_urls_accepts_api_calls_on_the_api_host(
    fake: FakeShop, client: httpx.Client, grant: FakeGrant, build: Build
) -> None:
    fake.strict_base_urls = True
    request = build(client, "GET", SHOPS, token=grant.access_token)
    assert request.url.host == "open-api.tiktokglobalshop.com"
    assert client.send(request).json()["code"] == 0
