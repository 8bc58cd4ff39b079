"""A fake secret sent through every path never shows up in logs, reprs or exception strings."""

from __future__ import annotations

import logging

import pytest

from tiktokshop_sync import (
    InMemoryTokenStore,
    ReauthorizationRequiredError,
    SignatureError,
    TikTokShopError,
)
from tiktokshop_sync.testing import FakeShop

APP_SECRET = "LEAKCHECK-app-secret-7f3a9c"


def test_no_secret_reaches_logs_reprs_or_errors(caplog: pytest.LogCaptureFixture) -> None:
    fake = FakeShop(seed=21, app_secret=APP_SECRET)
    fake.create_orders(5)
    store = InMemoryTokenStore()
    texts: list[str] = []
    secrets = [APP_SECRET]
    with caplog.at_level(logging.DEBUG), fake.serve() as base_url:
        options = {"base_url": base_url, "auth_base_url": base_url, "token_store": store}
        with fake.client(**options) as client:
            code = fake.authorize()
            secrets.append(code)
            tokens = client.oauth.exchange_code(code)
            secrets += [tokens.access_token, tokens.refresh_token]
            seller = client.seller(tokens.open_id)
            shop = seller.shop(seller.shops.authorized()[0].cipher)
            list(shop.orders.search())
            fresh = client.oauth.refresh(tokens.open_id)
            secrets += [fresh.access_token, fresh.refresh_token]
            fake.fail_next("server_error", times=1)
            list(shop.orders.search())
            texts += [repr(x) for x in (client, seller, shop, tokens, fresh, store, client.config)]

            with fake.client(**{**options, "app_secret": "WRONG-" + APP_SECRET}) as wrong:
                wrong_shop = wrong.shop(shop.shop_cipher, grant=tokens.open_id)
                with pytest.raises(SignatureError) as bad_sign:
                    list(wrong_shop.orders.search())
                texts.append(str(bad_sign.value))
            fake.revoke()
            fake.expire_access_tokens()
            with pytest.raises(ReauthorizationRequiredError) as reauth:
                list(shop.orders.search())
            texts += [str(reauth.value), repr(reauth.value)]
            cause = reauth.value.__cause__
            assert isinstance(cause, TikTokShopError)
            texts.append(str(cause))
    texts.append(caplog.text)
    assert "HTTP Request" in caplog.text  # httpx did log the URLs; they were redacted
    everything = "\n".join(texts)
    leaked = [s for s in secrets if s in everything]
    assert leaked == []
