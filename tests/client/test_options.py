"""with_options(): per-call settings on a copy of the client or of a view, sharing the pool."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from tiktokshop_sync import (
    ConfigurationError,
    InMemoryTokenStore,
    RateLimit,
    ResponseValidationError,
    RetryPolicy,
    ServerError,
    ShopClient,
    TikTokShop,
    TokenSet,
)
from tiktokshop_sync.testing import FakeShop

SEARCH = "/order/202309/orders/search"


def _searches(fake: FakeShop) -> int:
    return sum(1 for r in fake.requests if r.path == SEARCH)


def _mock_client(
    reply: dict[str, object], seen: list[httpx.Request], **options: object
) -> TikTokShop:
    now = datetime.now(timezone.utc)
    tokens = TokenSet(
        access_token="at",
        access_token_expires_at=now + timedelta(days=7),
        refresh_token="rt",
        refresh_token_expires_at=now + timedelta(days=365),
        open_id="grant-1",
    )
    body = json.dumps({"code": 0, "message": "Success", "request_id": "r", "data": reply}).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=body)

    return TikTokShop(
        app_key="k",
        app_secret="s",
        http_client=httpx.Client(transport=httpx.MockTransport(handler)),
        token_store=InMemoryTokenStore({"grant-1": tokens}),
        **options,  # type: ignore[arg-type]
    )


def test_a_shop_view_with_fewer_retries_gives_up_sooner_and_leaves_the_original_alone(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.fail_next("server_error", times=10, path=SEARCH)
    with pytest.raises(ServerError):
        shop.with_options(max_retries=0).orders.search().first_page()
    assert _searches(fake) == 1
    with pytest.raises(ServerError):
        shop.orders.search().first_page()
    assert _searches(fake) == 1 + 3


def test_views_from_an_app_copy_carry_its_options(
    fake: FakeShop, client: TikTokShop, shop: ShopClient
) -> None:
    fake.fail_next("server_error", times=10, path=SEARCH)
    quick = client.with_options(retry=RetryPolicy(max_retries=1))
    with pytest.raises(ServerError):
        quick.shop(shop.shop_cipher, grant=shop.grant).orders.search().first_page()
    assert _searches(fake) == 2


def test_shops_of_a_seller_view_with_options_keep_them(
    fake: FakeShop, client: TikTokShop, shop: ShopClient
) -> None:
    fake.fail_next("server_error", times=10, path=SEARCH)
    seller = client.seller(shop.grant).with_options(max_retries=0)
    with pytest.raises(ServerError):
        seller.shop(shop.shop_cipher).orders.search().first_page()
    assert _searches(fake) == 1


def test_the_timeout_option_travels_with_each_request() -> None:
    seen: list[httpx.Request] = []
    client = _mock_client({"shops": []}, seen)
    client.with_options(timeout=4.5, connect_timeout=1.5).seller("grant-1").shops.authorized()
    client.seller("grant-1").shops.authorized()
    first, second = (r.extensions["timeout"] for r in seen)
    assert (first["read"], first["connect"]) == (4.5, 1.5)
    assert (second["read"], second["connect"]) == (30.0, 10.0)


def test_a_lenient_copy_of_a_strict_client_keeps_unknown_fields() -> None:
    shop = {"id": "1", "name": "さくら", "region": "JP", "cipher": "c", "new_field": 1}
    client = _mock_client({"shops": [shop]}, [], strict_models=True)
    with pytest.raises(ResponseValidationError):
        client.seller("grant-1").shops.authorized()
    shops = client.seller("grant-1").with_options(strict_models=False).shops.authorized()
    assert shops[0].name == "さくら"


def test_a_copy_shares_the_token_store_and_never_closes_the_pool() -> None:
    client = TikTokShop(app_key="k", app_secret="s", token_store=InMemoryTokenStore())
    copy = client.with_options(timeout=5)
    assert copy.token_store is client.token_store
    copy.close()
    assert not client._http.is_closed
    client.close()
    assert client._http.is_closed


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": -1},
        {"connect_timeout": 0},
        {"max_retries": 11},
        {"max_retries": 1, "retry": RetryPolicy()},
        {"retry": 3},
        {"rate_limit": 5},
        {"timeout_seconds": 5},
    ],
)
def test_invalid_options_are_configuration_errors(
    client: TikTokShop, options: dict[str, object]
) -> None:
    with pytest.raises(ConfigurationError):
        client.with_options(**options)  # type: ignore[arg-type]


def test_a_rate_limit_option_paces_the_copy(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(3)
    paced = shop.with_options(rate_limit=RateLimit(qps=1))
    start = fake.clock.now()
    for _ in range(3):
        paced.orders.search().first_page()
    assert fake.clock.now() - start >= timedelta(seconds=2)
