"""Requests go out exactly as signed; replies are read into envelopes or typed errors."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import parse_qsl

import attrs
import httpx
import pytest

from tiktokshop_sync import (
    ClientConfig,
    ConfigurationError,
    ConflictError,
    MalformedResponseError,
    RateLimitError,
    ScopeError,
    ServerError,
    sign,
)
from tiktokshop_sync._core import http
from tiktokshop_sync._core.envelope import read_envelope
from tiktokshop_sync._core.http import build_request
from tiktokshop_sync._core.request import Cipher, Host, RequestSpec

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=timezone.utc)
CONFIG = ClientConfig(app_key="app123", app_secret="secret456")


def _query(request: httpx.Request) -> dict[str, str]:
    return dict(parse_qsl(request.url.query.decode(), keep_blank_values=True))


def _spec(**kwargs: object) -> RequestSpec[object]:
    values: dict[str, object] = {"method": "POST", "path": "/order/202309/orders/search"}
    values.update(kwargs)
    return RequestSpec(**values)  # type: ignore[arg-type]


def test_body_bytes_sent_are_the_bytes_signed() -> None:
    spec = _spec(json={"order_status": "UNPAID", "名前": "テスト"}, query={"page_size": 10})
    request = build_request(spec, config=CONFIG, now=NOW, access_token="tok", shop_cipher="ROW_c")
    query = _query(request)
    expected = sign(
        path=spec.path,
        query=[(k, v) for k, v in query.items() if k != "sign"],
        body=request.content,
        content_type="application/json",
        app_secret="secret456",
    )
    assert query["sign"] == expected
    assert request.content == '{"order_status":"UNPAID","名前":"テスト"}'.encode()


def _signed_without_body(request: httpx.Request, path: str) -> str:
    query = _query(request)
    return sign(
        path=path,
        query=[(k, v) for k, v in query.items() if k != "sign"],
        app_secret="secret456",
    )


def test_a_get_goes_out_without_a_body_and_is_signed_without_one() -> None:
    spec = _spec(method="GET", path="/order/202309/orders", query={"ids": ["5761"]})
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c")
    assert request.content == b""
    assert _query(request)["sign"] == _signed_without_body(request, spec.path)


@pytest.mark.parametrize("payload", [{}, None])
def test_a_post_with_nothing_to_send_goes_out_without_a_body_signed_without_one(
    payload: object,
) -> None:
    spec = _spec(path="/fulfillment/202309/packages/1152/ship", json=payload)
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c")
    assert request.content == b""
    assert "content-length" not in request.headers or request.headers["content-length"] == "0"
    assert request.headers["content-type"] == "application/json"
    assert _query(request)["sign"] == _signed_without_body(request, spec.path)


def test_a_post_with_a_body_signs_the_body_it_sends() -> None:
    spec = _spec(path="/fulfillment/202309/packages/1152/ship", json={"handover_method": "PICKUP"})
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c")
    assert request.content == b'{"handover_method":"PICKUP"}'
    assert _query(request)["sign"] != _signed_without_body(request, spec.path)
    assert _query(request)["sign"] == sign(
        path=spec.path,
        query=[(k, v) for k, v in _query(request).items() if k != "sign"],
        body=request.content,
        app_secret="secret456",
    )


def test_page_token_is_percent_encoded_on_the_wire() -> None:
    spec = _spec(query={"page_token": "ab+c/d=="})
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c")
    assert b"page_token=ab%2Bc%2Fd%3D%3D" in request.url.query
    assert _query(request)["page_token"] == "ab+c/d=="


def test_access_token_goes_only_in_the_header() -> None:
    request = build_request(_spec(), config=CONFIG, now=NOW, access_token="tok-1", shop_cipher="c")
    assert request.headers["x-tts-access-token"] == "tok-1"
    assert "access_token" not in _query(request)
    assert b"tok-1" not in request.url.query


def test_timestamp_is_unix_seconds_of_now() -> None:
    request = build_request(_spec(), config=CONFIG, now=NOW, access_token="t", shop_cipher="c")
    assert _query(request)["timestamp"] == str(int(NOW.timestamp()))


def test_shop_cipher_is_sent_only_where_the_endpoint_takes_it() -> None:
    seller_spec = _spec(method="GET", path="/authorization/202309/shops", cipher=Cipher.FORBIDDEN)
    request = build_request(
        seller_spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c"
    )
    assert "shop_cipher" not in _query(request)


def test_shop_endpoint_without_a_cipher_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="client.shop"):
        build_request(_spec(), config=CONFIG, now=NOW, access_token="t", shop_cipher=None)


def test_array_query_values_are_comma_joined() -> None:
    spec = _spec(method="GET", path="/order/202309/orders", query={"ids": ["1", "2", "3"]})
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="c")
    assert _query(request)["ids"] == "1,2,3"


def test_unsigned_token_call_goes_to_the_auth_host_without_sign() -> None:
    spec = _spec(
        method="GET",
        path="/api/v2/token/get",
        host=Host.AUTH,
        signed=False,
        authenticated=False,
        cipher=Cipher.FORBIDDEN,
        query={"grant_type": "authorized_code"},
    )
    request = build_request(spec, config=CONFIG, now=NOW)
    assert request.url.host == "auth.tiktok-shops.com"
    assert "sign" not in _query(request)


def test_timeouts_travel_with_the_request() -> None:
    request = build_request(_spec(), config=CONFIG, now=NOW, access_token="t", shop_cipher="c")
    assert request.extensions["timeout"]["read"] == CONFIG.timeout
    assert request.extensions["timeout"]["connect"] == CONFIG.connect_timeout


def _reply(status: int, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, content=body, headers=headers or {})


def test_success_envelope_returns_data() -> None:
    reply = _reply(200, b'{"code":0,"message":"Success","request_id":"r1","data":{"x":1}}')
    envelope = read_envelope(reply, spec=_spec(), now=NOW)
    assert envelope.data == {"x": 1}
    assert envelope.request_id == "r1"


def test_business_error_with_http_200_is_raised_with_its_code_and_request_id() -> None:
    reply = _reply(
        200, b'{"code":21011040,"message":"Package has been shipped","request_id":"r2","data":null}'
    )
    with pytest.raises(Exception) as caught:
        read_envelope(reply, spec=_spec(), now=NOW)
    error = caught.value
    assert type(error).__name__ == "ConflictError"
    assert (error.code, error.request_id, error.http_status) == (21011040, "r2", 200)  # type: ignore[attr-defined]


def test_html_error_page_from_a_gateway_is_a_server_error_keeping_the_body() -> None:
    reply = _reply(502, b"<html>Bad gateway</html>")
    with pytest.raises(ServerError) as caught:
        read_envelope(reply, spec=_spec(), now=NOW)
    assert caught.value.body == b"<html>Bad gateway</html>"


SHIP_SPEC = _spec(
    path="/fulfillment/202309/orders/57/packages",
    read_back="shop.orders.get(['57']) shows the order's status and tracking_number",
)
INTERNAL = b'{"code":36009003,"message":"Internal error","request_id":"gw","data":{}}'


def test_a_server_error_answering_a_write_says_it_may_have_been_applied() -> None:
    with pytest.raises(ServerError) as caught:
        read_envelope(_reply(504, INTERNAL), spec=SHIP_SPEC, now=NOW)
    error = caught.value
    assert error.may_have_applied and error.read_back == SHIP_SPEC.read_back
    assert not error.idempotent
    assert "may have been applied: read it back before writing again" in error.hint
    assert "shop.orders.get(['57'])" in str(error) and "temporary" not in str(error)
    assert "may act twice" in error.hint


def test_a_gateway_error_page_answering_a_write_says_it_may_have_been_applied() -> None:
    with pytest.raises(ServerError) as caught:
        read_envelope(_reply(502, b"<html>Bad gateway</html>"), spec=SHIP_SPEC, now=NOW)
    assert caught.value.may_have_applied


def test_a_server_error_answering_a_write_harmless_to_repeat_says_so() -> None:
    spec = attrs.evolve(SHIP_SPEC, idempotent=True)
    with pytest.raises(ServerError) as caught:
        read_envelope(_reply(503, INTERNAL), spec=spec, now=NOW)
    assert caught.value.may_have_applied and caught.value.idempotent
    assert "Sending it again is harmless" in caught.value.hint


def test_a_server_error_answering_a_read_is_a_temporary_problem() -> None:
    with pytest.raises(ServerError) as caught:
        read_envelope(_reply(503, INTERNAL), spec=_spec(idempotent=True), now=NOW)
    assert not caught.value.may_have_applied and caught.value.read_back is None
    assert caught.value.hint == ServerError.default_hint


def test_a_refusal_of_a_write_was_not_applied() -> None:
    reply = _reply(200, b'{"code":21011040,"message":"Package has been shipped","data":null}')
    with pytest.raises(ConflictError) as caught:
        read_envelope(reply, spec=SHIP_SPEC, now=NOW)
    assert not caught.value.may_have_applied
    assert caught.value.read_back == SHIP_SPEC.read_back


def test_truncated_json_is_a_malformed_response_keeping_the_body() -> None:
    reply = _reply(200, b'{"code":0,"data":{"orders":[')
    with pytest.raises(MalformedResponseError) as caught:
        read_envelope(reply, spec=_spec(), now=NOW)
    assert caught.value.body == b'{"code":0,"data":{"orders":['


@pytest.mark.parametrize(
    "body",
    [b'{"code":0,"data":{"package_id":"11', b"<html>OK</html>", b"\xff\xfe\x00garbage"],
    ids=["truncated_json", "html", "non_utf8"],
)
def test_an_unreadable_2xx_reply_to_a_write_says_it_may_have_been_applied(body: bytes) -> None:
    with pytest.raises(MalformedResponseError) as caught:
        read_envelope(_reply(200, body), spec=SHIP_SPEC, now=NOW)
    error = caught.value
    assert error.may_have_applied and error.read_back == SHIP_SPEC.read_back
    assert "may have been applied: read it back before writing again" in error.hint
    assert "shop.orders.get(['57'])" in str(error) and "may act twice" in error.hint


def test_an_unreadable_reply_to_a_read_says_nothing_was_applied() -> None:
    with pytest.raises(MalformedResponseError) as caught:
        read_envelope(_reply(200, b'{"code":0,"data":{"orders":['), spec=_spec(), now=NOW)
    assert not caught.value.may_have_applied and caught.value.read_back is None
    assert caught.value.hint == MalformedResponseError.default_hint


def test_an_unreadable_4xx_reply_to_a_write_was_not_accepted() -> None:
    with pytest.raises(MalformedResponseError) as caught:
        read_envelope(_reply(403, b"<html>Forbidden</html>"), spec=SHIP_SPEC, now=NOW)
    assert not caught.value.may_have_applied
    assert "read it back" not in caught.value.hint


def test_non_utf8_body_is_a_malformed_response() -> None:
    with pytest.raises(MalformedResponseError):
        read_envelope(_reply(200, b"\xff\xfe\x00garbage"), spec=_spec(), now=NOW)


def test_envelope_without_integer_code_is_malformed() -> None:
    with pytest.raises(MalformedResponseError):
        read_envelope(_reply(200, b'{"code":"0","data":{}}'), spec=_spec(), now=NOW)


def test_boolean_code_is_malformed_not_success() -> None:
    with pytest.raises(MalformedResponseError):
        read_envelope(_reply(200, b'{"code":false,"data":{}}'), spec=_spec(), now=NOW)


def test_lone_surrogate_escape_in_a_string_is_kept_not_refused() -> None:
    reply = _reply(200, b'{"code":0,"data":{"note":"\\ud800x"}}')
    assert read_envelope(reply, spec=_spec(), now=NOW).data == {"note": "\ud800x"}


def test_utf16_json_body_is_still_read() -> None:
    body = '{"code":0,"data":{"name":"さくら"}}'.encode("utf-16")
    assert read_envelope(_reply(200, body), spec=_spec(), now=NOW).data == {"name": "さくら"}


def test_deeply_nested_json_is_a_malformed_response_not_a_recursion_error() -> None:
    with pytest.raises(MalformedResponseError):
        read_envelope(_reply(200, b"[" * 100_000), spec=_spec(), now=NOW)


def test_query_values_outside_the_unreserved_set_are_percent_encoded() -> None:
    spec = _spec(query={"sku_ids": ["a b", "c~d", "e_f.g-h", "ｊ"]})
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c")
    assert b"sku_ids=a%20b%2Cc~d%2Ce_f.g-h%2C%EF%BD%8A" in request.url.query
    assert _query(request)["sku_ids"] == "a b,c~d,e_f.g-h,ｊ"


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/order/202309/orders/search", {"page_token": "+/8y01OJ4Tzm/EDDx=="}),
        ("/order/202309/orders", {"ids": ["5760 1", "ｊ", "a&b=c%20"]}),
        ("/product/202309/products/{1729}/partial_edit", {}),
    ],
)
def test_the_signed_url_is_the_one_httpx_parses_from_its_text(
    path: str, query: dict[str, object]
) -> None:
    spec = _spec(path=path, query=query)
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c")
    parsed = httpx.URL(str(request.url))
    assert request.url == parsed
    assert (request.url.raw_path, request.url.netloc) == (parsed.raw_path, parsed.netloc)
    assert request.url.params == parsed.params
    assert request.headers["host"] == parsed.netloc.decode()


def test_an_endpoint_url_is_parsed_once_not_with_every_signed_query(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = _spec(path="/order/202309/orders/search-once", query={"page_token": "ab+c/d=="})
    build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="ROW_c")
    parses: list[str] = []
    real = httpx._urls.urlparse  # type: ignore[attr-defined]

    def counted(url: str = "", **kwargs: str | None) -> object:
        parses.append(url)
        return real(url, **kwargs)

    monkeypatch.setattr(httpx._urls, "urlparse", counted)
    later = datetime(2026, 11, 20, 3, 0, 5, tzinfo=timezone.utc)
    request = build_request(spec, config=CONFIG, now=later, access_token="t", shop_cipher="ROW_c")
    assert parses == []
    assert _query(request)["timestamp"] == str(int(later.timestamp()))


def test_an_httpx_without_a_parsed_url_form_gets_the_signed_url_as_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = _spec(query={"page_token": "ab+c/d=="})
    expected = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="c")
    monkeypatch.setattr(http, "_endpoint_url", lambda url: object())
    request = build_request(spec, config=CONFIG, now=NOW, access_token="t", shop_cipher="c")
    assert request.url == expected.url
    assert _query(request)["page_token"] == "ab+c/d=="


def test_rate_limit_reply_carries_retry_after_seconds() -> None:
    reply = _reply(
        429, b'{"code":36009002,"message":"Too many requests.","data":null}', {"Retry-After": "7"}
    )
    with pytest.raises(RateLimitError) as caught:
        read_envelope(reply, spec=_spec(), now=NOW)
    assert caught.value.retry_after == 7.0


def test_retry_after_as_http_date_is_converted_to_seconds() -> None:
    reply = _reply(
        429,
        b'{"code":36009002,"message":"Too many requests.","data":null}',
        {"Retry-After": "Fri, 20 Nov 2026 03:00:30 GMT"},
    )
    with pytest.raises(RateLimitError) as caught:
        read_envelope(reply, spec=_spec(), now=NOW)
    assert caught.value.retry_after == 30.0


def test_scope_error_names_the_missing_scope_and_what_to_do() -> None:
    reply = _reply(200, b'{"code":105005,"message":"Access denied.","data":null}')
    with pytest.raises(ScopeError) as caught:
        read_envelope(reply, spec=_spec(scope="seller.order.info"), now=NOW)
    assert "seller.order.info" in str(caught.value)
    assert "re-authorize" in str(caught.value)
