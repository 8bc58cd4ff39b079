"""OAuth on the auth host: code exchange, refresh rotation, expiry and revocation (§3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import httpx

from tiktokshop_sync.testing import FakeShop

TokenCall = Callable[..., httpx.Response]
Call = Callable[..., httpx.Response]
GET = "/api/v2/token/get"
REFRESH = "/api/v2/token/refresh"
SHOPS = "/authorization/202309/shops"


def test_auth_code_exchanges_for_a_token_pair(fake: FakeShop, token_call: TokenCall) -> None:
    body = token_call(GET, auth_code=fake.authorize(), grant_type="authorized_code").json()
    assert body["code"] == 0
    assert body["message"] == "success"
    assert body["data"]["access_token"].startswith("ROW_")
    assert body["data"]["open_id"] == fake.seller.open_id
    assert body["data"]["seller_base_region"] == "JP"
    assert body["data"]["user_type"] == 0
    assert "seller.order.info" in body["data"]["granted_scopes"]


def test_expire_in_fields_are_absolute_unix_timestamps(
    fake: FakeShop, token_call: TokenCall
) -> None:
    data = token_call(GET, auth_code=fake.authorize(), grant_type="authorized_code").json()["data"]
    assert data["access_token_expire_in"] == fake.clock.timestamp() + 7 * 24 * 3600
    assert data["refresh_token_expire_in"] > data["access_token_expire_in"]


def test_exchanged_token_works_on_the_api(
    fake: FakeShop, token_call: TokenCall, call: Call
) -> None:
    data = token_call(GET, auth_code=fake.authorize(), grant_type="authorized_code").json()["data"]
    assert call("GET", SHOPS, shop=False, token=data["access_token"]).json()["code"] == 0


def test_auth_code_can_be_used_only_once(fake: FakeShop, token_call: TokenCall) -> None:
    code = fake.authorize()
    token_call(GET, auth_code=code, grant_type="authorized_code")
    again = token_call(GET, auth_code=code, grant_type="authorized_code").json()
    assert again["code"] == 36004004
    assert again["data"] is None


def test_auth_code_expires_after_30_minutes(fake: FakeShop, token_call: TokenCall) -> None:
    code = fake.authorize()
    fake.clock.advance(minutes=30)
    assert token_call(GET, auth_code=code, grant_type="authorized_code").json()["code"] == 36004004


def test_unknown_auth_code_is_rejected_with_36004004(token_call: TokenCall) -> None:
    body = token_call(GET, auth_code="ROW_made_up", grant_type="authorized_code").json()
    assert body["code"] == 36004004


def test_grant_type_must_be_literally_authorized_code(
    fake: FakeShop, token_call: TokenCall
) -> None:
    body = token_call(GET, auth_code=fake.authorize(), grant_type="authorization_code").json()
    assert body["code"] == 36009004
    assert "authorized_code" in body["message"]


def test_wrong_app_secret_is_rejected(fake: FakeShop, client: httpx.Client) -> None:
    response = client.get(
        FakeShop.AUTH_BASE_URL + GET,
        params={
            "app_key": fake.app_key,
            "app_secret": "wrong",
            "auth_code": fake.authorize(),
            "grant_type": "authorized_code",
        },
    )
    assert response.json()["code"] == 36009004
    assert "app_secret" in response.json()["message"]


def test_wrong_app_key_on_the_token_endpoint_is_rejected(
    fake: FakeShop, client: httpx.Client
) -> None:
    response = client.get(
        FakeShop.AUTH_BASE_URL + GET,
        params={
            "app_key": "nope",
            "app_secret": fake.app_secret,
            "auth_code": fake.authorize(),
            "grant_type": "authorized_code",
        },
    )
    assert response.status_code == 400
    assert "app_key" in response.json()["message"]


def test_refresh_rotates_both_tokens(fake: FakeShop, token_call: TokenCall) -> None:
    old = fake.grant_tokens()
    data = token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token").json()
    assert data["code"] == 0
    assert data["data"]["access_token"] != old.access_token
    assert data["data"]["refresh_token"] != old.refresh_token


def test_refresh_invalidates_the_old_access_token(
    fake: FakeShop, token_call: TokenCall, call: Call
) -> None:
    old = fake.grant_tokens()
    token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token")
    response = call("GET", SHOPS, shop=False, token=old.access_token)
    assert response.json()["code"] == 36009004


def test_old_refresh_token_is_unknown_after_rotation(fake: FakeShop, token_call: TokenCall) -> None:
    old = fake.grant_tokens()
    token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token")
    again = token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token")
    assert again.json()["code"] == 36004005


def test_refresh_needs_grant_type_refresh_token(fake: FakeShop, token_call: TokenCall) -> None:
    old = fake.grant_tokens()
    body = token_call(REFRESH, refresh_token=old.refresh_token, grant_type="authorized_code").json()
    assert body["code"] == 36009004


def test_expired_refresh_token_is_rejected_with_36004001(
    fake: FakeShop, token_call: TokenCall
) -> None:
    old = fake.grant_tokens()
    fake.expire_refresh_tokens()
    body = token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token").json()
    assert body["code"] == 36004001


def test_refresh_token_outlives_the_access_token(fake: FakeShop, token_call: TokenCall) -> None:
    old = fake.grant_tokens()
    fake.clock.advance(days=30)
    body = token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token").json()
    assert body["code"] == 0


def test_expire_access_tokens_makes_api_calls_fail_with_105002(fake: FakeShop, call: Call) -> None:
    fake.expire_access_tokens()
    assert call("GET", SHOPS, shop=False).json()["code"] == 105002


def test_expired_access_token_can_be_refreshed(fake: FakeShop, token_call: TokenCall) -> None:
    old = fake.grant_tokens()
    fake.expire_access_tokens()
    body = token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token").json()
    assert body["code"] == 0


def test_revoked_seller_access_token_is_rejected_as_deauthorized(
    fake: FakeShop, call: Call
) -> None:
    fake.revoke()
    assert call("GET", SHOPS, shop=False).json()["code"] == 105001


def test_an_access_token_never_issued_is_rejected_as_invalid(fake: FakeShop, call: Call) -> None:
    fake.revoke()
    reply = call("GET", SHOPS, shop=False, token="ROW_never")
    assert reply.json()["code"] == 36009004


def test_revoked_seller_refresh_token_is_unknown(fake: FakeShop, token_call: TokenCall) -> None:
    old = fake.grant_tokens()
    fake.revoke()
    body = token_call(REFRESH, refresh_token=old.refresh_token, grant_type="refresh_token").json()
    assert body["code"] == 36004005


def test_token_endpoints_need_no_signature_or_timestamp(
    fake: FakeShop, token_call: TokenCall
) -> None:
    response = token_call(GET, auth_code=fake.authorize(), grant_type="authorized_code")
    assert "sign" not in response.request.url.params
    assert response.json()["code"] == 0


def test_grant_tokens_reports_aware_expiry_datetimes(fake: FakeShop) -> None:
    grant = fake.grant_tokens()
    assert grant.access_token_expires_at == fake.clock.now() + timedelta(days=7)
    assert grant.access_token_expires_at.tzinfo is not None


def test_grant_repr_hides_the_tokens(fake: FakeShop) -> None:
    grant = fake.grant_tokens()
    assert grant.access_token not in repr(grant)
    assert grant.refresh_token not in repr(grant)
