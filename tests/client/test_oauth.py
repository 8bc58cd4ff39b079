"""Authorization, token storage and refresh against FakeShop."""

from __future__ import annotations

import asyncio
import threading
from datetime import timedelta

import pytest

from tiktokshop_sync import (
    AuthorizationCodeError,
    InMemoryTokenStore,
    NotAuthorizedError,
    ReauthorizationRequiredError,
    TikTokShop,
    TokenSet,
)
from tiktokshop_sync.testing import FakeShop


def _refreshes(fake: FakeShop) -> int:
    return sum(1 for r in fake.requests if r.path == "/api/v2/token/refresh")


def test_exchanging_a_code_stores_both_tokens_under_the_sellers_open_id(
    fake: FakeShop, client: TikTokShop, store: InMemoryTokenStore
) -> None:
    tokens = client.oauth.exchange_code(fake.authorize())
    assert store.load(tokens.open_id) == tokens
    assert tokens.access_token_expires_at - fake.clock.now() == timedelta(days=7)


def test_a_used_auth_code_is_refused_and_not_retried(fake: FakeShop, client: TikTokShop) -> None:
    code = fake.authorize()
    client.oauth.exchange_code(code)
    with pytest.raises(AuthorizationCodeError):
        client.oauth.exchange_code(code)
    assert sum(1 for r in fake.requests if r.path == "/api/v2/token/get") == 2


def test_an_auth_code_older_than_30_minutes_is_refused(fake: FakeShop, client: TikTokShop) -> None:
    code = fake.authorize()
    fake.clock.advance(minutes=31)
    with pytest.raises(AuthorizationCodeError):
        client.oauth.exchange_code(code)


def test_authorized_shops_come_with_their_cipher_and_no_cipher_is_sent(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet
) -> None:
    shops = client.seller(tokens.open_id).shops.authorized()
    assert [s.cipher for s in shops] == [s.cipher for s in fake.shops]
    request = fake.requests[-1]
    assert request.path == "/authorization/202309/shops"
    assert "shop_cipher" not in request.query


def test_active_shops_are_listed_without_a_cipher(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet
) -> None:
    shops = client.seller(tokens.open_id).shops.active()
    assert [s.id for s in shops] == [s.id for s in fake.shops]
    assert "shop_cipher" not in fake.requests[-1].query


def test_calls_without_stored_tokens_say_how_to_authorize(client: TikTokShop) -> None:
    with pytest.raises(NotAuthorizedError, match="exchange_code"):
        client.seller("unknown-seller").shops.authorized()


def test_a_token_near_expiry_is_refreshed_before_the_call(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet, store: InMemoryTokenStore
) -> None:
    fake.clock.advance(timedelta(days=7) - timedelta(minutes=5))
    client.seller(tokens.open_id).shops.authorized()
    assert _refreshes(fake) == 1
    fresh = store.load(tokens.open_id)
    assert fresh is not None
    assert fresh.access_token != tokens.access_token
    assert fresh.refresh_token != tokens.refresh_token


def test_a_rejected_expired_token_is_refreshed_once_and_the_call_repeated_once(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet
) -> None:
    fake.expire_access_tokens()
    shops = client.seller(tokens.open_id).shops.authorized()
    assert shops
    paths = [r.path for r in fake.requests if r.path != "/api/v2/token/get"]
    assert paths == [
        "/authorization/202309/shops",
        "/api/v2/token/refresh",
        "/authorization/202309/shops",
    ]


def test_a_revoked_authorization_asks_for_the_shop_owner_to_reauthorize(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet
) -> None:
    fake.revoke()
    fake.expire_access_tokens()
    with pytest.raises(ReauthorizationRequiredError, match="shop owner"):
        client.seller(tokens.open_id).shops.authorized()
    assert _refreshes(fake) == 1


def test_a_call_refused_as_deauthorized_asks_for_the_shop_owner_to_reauthorize(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet
) -> None:
    fake.revoke()  # the access token is still live on our side: TikTok answers 105001
    with pytest.raises(ReauthorizationRequiredError, match="shop owner"):
        client.seller(tokens.open_id).shops.authorized()
    assert _refreshes(fake) == 1  # refused once, refreshed once, and the refresh refused


def test_an_expired_refresh_token_is_not_sent_to_tiktok(
    fake: FakeShop, client: TikTokShop, store: InMemoryTokenStore, tokens: TokenSet
) -> None:
    import attrs

    store.save(
        tokens.open_id,
        attrs.evolve(
            tokens,
            access_token_expires_at=fake.clock.now(),
            refresh_token_expires_at=fake.clock.now(),
        ),
    )
    with pytest.raises(ReauthorizationRequiredError, match="refresh token expired"):
        client.seller(tokens.open_id).shops.authorized()
    assert _refreshes(fake) == 0


def test_concurrent_threads_with_an_expired_token_cause_exactly_one_refresh(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet
) -> None:
    fake.clock.advance(days=7)
    seller = client.seller(tokens.open_id)
    barrier = threading.Barrier(8)
    failures: list[BaseException] = []

    def call() -> None:
        barrier.wait()
        try:
            seller.shops.authorized()
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert _refreshes(fake) == 1


def test_concurrent_tasks_with_an_expired_token_cause_exactly_one_refresh(fake: FakeShop) -> None:
    store = InMemoryTokenStore()

    async def scenario() -> None:
        async with fake.async_client(token_store=store, strict_models=True) as client:
            tokens = await client.oauth.exchange_code(fake.authorize())
            fake.clock.advance(days=7)
            seller = client.seller(tokens.open_id)
            await asyncio.gather(*(seller.shops.authorized() for _ in range(8)))

    asyncio.run(scenario())
    assert _refreshes(fake) == 1


def test_explicit_refresh_rotates_and_stores_both_tokens(
    client: TikTokShop, tokens: TokenSet, store: InMemoryTokenStore
) -> None:
    fresh = client.oauth.refresh(tokens.open_id)
    assert store.load(tokens.open_id) == fresh
    assert fresh.refresh_token != tokens.refresh_token
