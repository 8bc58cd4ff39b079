"""Fault injection (queued and random) and the optional per-shop rate limit."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

import httpx
import pytest

from tiktokshop_sync.testing import FakeShop

Call = Callable[..., httpx.Response]
TokenCall = Callable[..., httpx.Response]
SHOPS = "/authorization/202309/shops"
REFRESH = "/api/v2/token/refresh"


def test_rate_limit_fault_answers_429_with_36009002(fake: FakeShop, call: Call) -> None:
    fake.fail_next("rate_limit")
    response = call("GET", SHOPS, shop=False)
    assert response.status_code == 429
    assert response.json()["code"] == 36009002
    assert response.json()["data"] is None
    assert "retry-after" not in response.headers


def test_rate_limit_fault_can_send_retry_after(fake: FakeShop, call: Call) -> None:
    fake.fail_next("rate_limit", retry_after=2)
    assert call("GET", SHOPS, shop=False).headers["retry-after"] == "2"


def test_server_error_fault_answers_503_with_36009003(fake: FakeShop, call: Call) -> None:
    fake.fail_next("server_error")
    response = call("GET", SHOPS, shop=False)
    assert response.status_code == 503
    assert response.json()["code"] == 36009003


def test_server_error_fault_can_answer_500(fake: FakeShop, call: Call) -> None:
    fake.fail_next("server_error", status=500)
    assert call("GET", SHOPS, shop=False).status_code == 500


def test_timeout_fault_raises_read_timeout(fake: FakeShop, call: Call) -> None:
    fake.fail_next("timeout")
    with pytest.raises(httpx.ReadTimeout):
        call("GET", SHOPS, shop=False)


def test_timeout_fault_still_applies_the_write(fake: FakeShop, token_call: TokenCall) -> None:
    grant = fake.grant_tokens()
    fake.fail_next("timeout", path=REFRESH)
    with pytest.raises(httpx.ReadTimeout):
        token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    # The refresh happened before the reply was lost: the old refresh token is spent.
    retry = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert retry.json()["code"] == 36004005


def test_a_lost_request_times_out_like_a_lost_reply_but_applies_nothing(
    fake: FakeShop, token_call: TokenCall
) -> None:
    grant = fake.grant_tokens()
    fake.fail_next("lost_request", path=REFRESH)
    with pytest.raises(httpx.ReadTimeout):
        token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    retry = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert retry.json()["code"] == 0
    assert [r.fault for r in fake.requests] == ["lost_request", None]


def test_applied_server_error_fault_applies_the_write_then_answers_504_with_36009003(
    fake: FakeShop, token_call: TokenCall
) -> None:
    grant = fake.grant_tokens()
    fake.fail_next("applied_server_error", path=REFRESH)
    first = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert (first.status_code, first.json()["code"]) == (504, 36009003)
    # The refresh happened before the server error: the old refresh token is spent.
    retry = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert retry.json()["code"] == 36004005


def test_applied_server_error_fault_can_answer_another_status(fake: FakeShop, call: Call) -> None:
    fake.fail_next("applied_server_error", status=500)
    assert call("GET", SHOPS, shop=False).status_code == 500
    assert call("GET", SHOPS, shop=False).status_code == 200


def test_applied_server_error_is_recorded_as_the_client_saw_it(fake: FakeShop, call: Call) -> None:
    fake.fail_next("applied_server_error")
    call("GET", SHOPS, shop=False)
    [seen] = fake.requests
    assert (seen.fault, seen.status, seen.code) == ("applied_server_error", 504, 36009003)
    assert seen.request_id


def test_connect_error_fault_raises_connect_error(fake: FakeShop, call: Call) -> None:
    fake.fail_next("connect_error")
    with pytest.raises(httpx.ConnectError):
        call("GET", SHOPS, shop=False)


def test_connect_error_fault_applies_nothing(fake: FakeShop, token_call: TokenCall) -> None:
    grant = fake.grant_tokens()
    fake.fail_next("connect_error", path=REFRESH)
    with pytest.raises(httpx.ConnectError):
        token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    retry = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert retry.json()["code"] == 0


def test_rate_limited_write_is_not_applied(fake: FakeShop, token_call: TokenCall) -> None:
    grant = fake.grant_tokens()
    fake.fail_next("rate_limit", path=REFRESH)
    first = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert first.status_code == 429
    retry = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert retry.json()["code"] == 0


def test_malformed_truncated_json_is_not_parseable(fake: FakeShop, call: Call) -> None:
    fake.fail_next("malformed", variant="truncated_json")
    response = call("GET", SHOPS, shop=False)
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()


def test_malformed_html_is_a_502_error_page(fake: FakeShop, call: Call) -> None:
    fake.fail_next("malformed", variant="html")
    response = call("GET", SHOPS, shop=False)
    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html"
    assert response.text.startswith("<html>")


def test_malformed_non_utf8_body_does_not_decode(fake: FakeShop, call: Call) -> None:
    fake.fail_next("malformed", variant="non_utf8")
    content = call("GET", SHOPS, shop=False).content
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")


def test_applied_malformed_fault_applies_the_write_then_answers_200_unreadably(
    fake: FakeShop, token_call: TokenCall
) -> None:
    grant = fake.grant_tokens()
    fake.fail_next("applied_malformed", path=REFRESH)
    first = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert first.status_code == 200
    with pytest.raises(ValueError):
        first.json()
    # The refresh happened before the reply was spoiled: the old refresh token is spent.
    retry = token_call(REFRESH, refresh_token=grant.refresh_token, grant_type="refresh_token")
    assert retry.json()["code"] == 36004005


def test_applied_malformed_html_is_served_with_200(fake: FakeShop, call: Call) -> None:
    fake.fail_next("applied_malformed", variant="html")
    response = call("GET", SHOPS, shop=False)
    assert response.status_code == 200 and response.text.startswith("<html>")
    [seen] = fake.requests
    assert (seen.fault, seen.status) == ("applied_malformed", 200)


def test_expired_token_fault_answers_105002_once(fake: FakeShop, call: Call) -> None:
    fake.fail_next("expired_token")
    assert call("GET", SHOPS, shop=False).json()["code"] == 105002
    assert call("GET", SHOPS, shop=False).json()["code"] == 0


def test_expired_token_fault_waits_for_a_token_bearing_route(
    fake: FakeShop, call: Call, token_call: TokenCall
) -> None:
    fake.fail_next("expired_token")
    exchanged = token_call(
        "/api/v2/token/get", auth_code=fake.authorize(), grant_type="authorized_code"
    )
    assert exchanged.json()["code"] == 0
    assert call("GET", SHOPS, shop=False).json()["code"] == 105002


def test_fail_next_hits_only_the_given_path(fake: FakeShop, call: Call) -> None:
    fake.fail_next("server_error", path="/seller/*")
    assert call("GET", SHOPS, shop=False).status_code == 200
    assert call("GET", "/seller/202309/shops", shop=False).status_code == 503


def test_fail_next_times_counts_down(fake: FakeShop, call: Call) -> None:
    fake.fail_next("server_error", times=2)
    statuses = [call("GET", SHOPS, shop=False).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_fail_next_rejects_an_unknown_kind(fake: FakeShop) -> None:
    with pytest.raises(ValueError, match="unknown fault kind"):
        fake.fail_next("meteor")  # type: ignore[arg-type]


def test_faults_apply_to_requests_that_would_fail_the_gateway(fake: FakeShop, call: Call) -> None:
    fake.fail_next("rate_limit")
    assert call("GET", SHOPS, shop=False, sign_value="bad").status_code == 429


def test_random_faults_are_reproducible_from_their_seed(fake: FakeShop, call: Call) -> None:
    def run() -> list[int]:
        fake.inject_faults(rate_limit=0.3, server_error=0.2, seed=42)
        return [call("GET", SHOPS, shop=False).status_code for _ in range(30)]

    first, second = run(), run()
    assert first == second
    assert {200, 429} <= set(first)
    assert set(first) & {500, 503}


def test_random_faults_respect_paths(fake: FakeShop, call: Call) -> None:
    fake.inject_faults(server_error=1.0, paths=["/order/*"])
    assert call("GET", SHOPS, shop=False).status_code == 200
    assert call("GET", "/order/202309/orders", query={"ids": "1"}).status_code >= 500


def test_inject_faults_refuses_rates_adding_up_to_more_than_one(fake: FakeShop) -> None:
    with pytest.raises(ValueError, match="more than 1"):
        fake.inject_faults(rate_limit=0.6, server_error=0.6)


def test_clear_faults_switches_everything_off(fake: FakeShop, call: Call) -> None:
    fake.inject_faults(server_error=1.0)
    fake.fail_next("rate_limit")
    fake.clear_faults()
    assert call("GET", SHOPS, shop=False).status_code == 200


def test_faulted_requests_are_recorded_with_their_kind(fake: FakeShop, call: Call) -> None:
    fake.fail_next("connect_error")
    fake.fail_next("rate_limit")
    for _ in range(2):
        with contextlib.suppress(httpx.ConnectError):
            call("GET", SHOPS, shop=False)
    recorded = [(r.fault, r.status, r.code) for r in fake.requests]
    assert recorded == [("connect_error", None, None), ("rate_limit", 429, 36009002)]


def test_rate_limit_rejects_requests_beyond_qps_per_fake_second(fake: FakeShop, call: Call) -> None:
    fake.set_rate_limit(2)
    statuses = [call("GET", SHOPS, shop=False).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_rate_limit_recovers_as_fake_time_passes(fake: FakeShop, call: Call) -> None:
    fake.set_rate_limit(1)
    call("GET", SHOPS, shop=False)
    fake.clock.advance(seconds=1)
    assert call("GET", SHOPS, shop=False).status_code == 200


def test_rate_limit_can_send_retry_after(fake: FakeShop, call: Call) -> None:
    fake.set_rate_limit(0.5, retry_after=True)
    call("GET", SHOPS, shop=False)
    assert call("GET", SHOPS, shop=False).headers["retry-after"] == "2"


def test_rate_limit_is_counted_per_shop(fake: FakeShop, call: Call) -> None:
    second = fake.add_shop("さくら商店 アウトレット")
    fake.set_rate_limit(1)
    detail = "/order/202309/orders"
    assert call("GET", detail, query={"ids": "1"}).status_code == 200
    assert call("GET", detail, query={"ids": "1"}, cipher=second.cipher).status_code == 200
    assert call("GET", detail, query={"ids": "1"}).status_code == 429


def test_rate_limit_none_removes_the_limit(fake: FakeShop, call: Call) -> None:
    fake.set_rate_limit(1)
    fake.set_rate_limit(None)
    assert [call("GET", SHOPS, shop=False).status_code for _ in range(5)] == [200] * 5


# --- every route of the full API surface ------------------------------------------------------


def _fingerprint(fake: FakeShop) -> str:
    """Everything a write could change, rendered (a faulted write must change none of it)."""
    state = {
        "orders": [o.to_wire() for o in fake.orders_of()],
        "products": [p.to_detail_wire() for p in fake.products_of()],
        "cancellations": [c.status for c in fake.cancellations_of()],
        "returns": [r.status for r in fake.returns_of()],
    }
    return json.dumps(state, sort_keys=True, ensure_ascii=False)


def _new_route_calls(fake: FakeShop) -> list[tuple[str, str, dict[str, object] | None]]:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0]
    pending = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(pending.id)
    cancel_id = fake.cancellations_of()[-1].cancel_id
    product = fake.product_by_sku("KT-NBT-06")
    warehouse = fake.shops[0].warehouse_id
    option = fake.delivery_options()[0].id
    tracking = {"tracking_number": "123456789012", "shipping_provider_id": "7208502187360519982"}
    stock = {
        "skus": [
            {"id": product.skus[0].id, "inventory": [{"warehouse_id": warehouse, "quantity": 1}]}
        ]
    }
    return [
        ("GET", "/logistics/202309/warehouses", None),
        ("GET", f"/logistics/202309/warehouses/{warehouse}/delivery_options", None),
        ("GET", f"/logistics/202309/delivery_options/{option}/shipping_providers", None),
        (
            "POST",
            f"/fulfillment/202309/packages/{order.package_id}/ship",
            {"self_shipment": tracking},
        ),
        ("POST", "/fulfillment/202309/packages/ship", {"packages": [{"id": order.package_id}]}),
        ("POST", f"/fulfillment/202309/orders/{order.id}/packages", tracking),
        ("POST", f"/fulfillment/202309/orders/{order.id}/shipping_info/update", tracking),
        ("POST", f"/fulfillment/202309/packages/{order.package_id}/shipping_info/update", tracking),
        ("POST", "/fulfillment/202309/packages/search", {}),
        ("GET", f"/fulfillment/202309/packages/{order.package_id}", None),
        ("GET", f"/fulfillment/202309/packages/{order.package_id}/handover_time_slots", None),
        ("GET", f"/fulfillment/202309/packages/{order.package_id}/shipping_documents", None),
        ("GET", f"/fulfillment/202309/orders/{order.id}/tracking", None),
        ("POST", "/product/202502/products/search", {}),
        ("GET", f"/product/202309/products/{product.id}", None),
        ("POST", "/product/202309/products", {"title": "x"}),
        ("POST", f"/product/202509/products/{product.id}/partial_edit", {"title": "新しい名前"}),
        ("POST", f"/product/202309/products/{product.id}/prices/update", {"skus": []}),
        ("POST", "/product/202309/products/activate", {"product_ids": [product.id]}),
        ("POST", "/product/202309/products/deactivate", {"product_ids": [product.id]}),
        ("POST", "/product/202309/inventory/search", {"product_ids": [product.id]}),
        ("POST", f"/product/202309/products/{product.id}/inventory/update", stock),
        ("POST", "/return_refund/202309/cancellations/search", {}),
        (
            "POST",
            "/return_refund/202309/cancellations",
            {"order_id": order.id, "cancel_reason": "seller_cancel_reason_out_of_stock"},
        ),
        ("POST", f"/return_refund/202309/cancellations/{cancel_id}/approve", {}),
        (
            "POST",
            f"/return_refund/202309/cancellations/{cancel_id}/reject",
            {"reject_reason": "seller_reject_apply_other"},
        ),
        ("POST", "/return_refund/202309/returns/search", {}),
        ("GET", "/event/202309/webhooks", None),
        (
            "PUT",
            "/event/202309/webhooks",
            {"event_type": "PACKAGE_UPDATE", "address": "https://a.example"},
        ),
        ("DELETE", "/event/202309/webhooks", {"event_type": "PACKAGE_UPDATE"}),
    ]


def test_a_fault_preempts_every_new_route_and_applies_no_write(fake: FakeShop, call: Call) -> None:
    calls = _new_route_calls(fake)
    before = _fingerprint(fake)
    for method, path, body in calls:
        fake.fail_next("server_error", path=path)
        response = call(method, path, body=body, query={"page_size": "10"})
        assert (response.status_code, response.json()["code"]) == (503, 36009003), path
    assert _fingerprint(fake) == before
    assert {r.fault for r in fake.requests} == {"server_error"}


def test_a_timeout_on_a_new_write_applies_it_and_loses_the_reply(
    fake: FakeShop, call: Call
) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    path = "/product/202309/products/deactivate"
    fake.fail_next("timeout", path=path)
    with pytest.raises(httpx.ReadTimeout):
        call("POST", path, body={"product_ids": [product.id]})
    assert fake.product(product.id).status == "SELLER_DEACTIVATED"
