"""Fixtures for the FakeShop tests: a fake, a token, plain httpx clients and a signed-request
builder (the documented signing, with every part overridable so tests can break it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import httpx
import pytest

from tiktokshop_sync._core.signing import sign
from tiktokshop_sync.testing import FakeGrant, FakeShop

_UNSET: Any = object()


class Build(Protocol):
    def __call__(
        self, client: httpx.Client | httpx.AsyncClient, method: str, path: str, **options: Any
    ) -> httpx.Request: ...


def _build(
    fake: FakeShop,
    client: httpx.Client | httpx.AsyncClient,
    method: str,
    path: str,
    *,
    token: str | None = None,
    cipher: str | None = None,
    query: dict[str, str] | None = None,
    body: Any = None,
    raw_body: bytes | None = None,
    content_type: str = "application/json",
    timestamp: int | None = None,
    app_key: str | None = None,
    sign_value: str | None = _UNSET,
    base_url: str = FakeShop.API_BASE_URL,
) -> httpx.Request:
    params: dict[str, str] = {
        "app_key": fake.app_key if app_key is None else app_key,
        "timestamp": str(fake.clock.timestamp() if timestamp is None else timestamp),
    }
    if cipher is not None:
        params["shop_cipher"] = cipher
    params.update(query or {})
    if raw_body is not None:
        content = raw_body
    elif body is not None:
        content = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    else:
        content = b""
    if sign_value is _UNSET:
        params["sign"] = sign(
            path=path,
            query=params,
            body=content,
            content_type=content_type,
            app_secret=fake.app_secret,
        )
    elif sign_value is not None:
        params["sign"] = sign_value
    headers = {"content-type": content_type}
    if token is not None:
        headers["x-tts-access-token"] = token
    return client.build_request(
        method, base_url + path, params=params, content=content or None, headers=headers
    )


@pytest.fixture
def fake() -> FakeShop:
    return FakeShop(seed=7)


@pytest.fixture
def grant(fake: FakeShop) -> FakeGrant:
    return fake.grant_tokens()


@pytest.fixture
def client(fake: FakeShop) -> Iterator[httpx.Client]:
    with httpx.Client(transport=fake.transport) as http:
        yield http


@pytest.fixture
def build(fake: FakeShop) -> Build:
    """Build a signed request for ``fake`` on any httpx client."""

    def make(
        client: httpx.Client | httpx.AsyncClient, method: str, path: str, **options: Any
    ) -> httpx.Request:
        return _build(fake, client, method, path, **options)

    return make


@pytest.fixture
def call(fake: FakeShop, client: httpx.Client, grant: FakeGrant) -> Callable[..., httpx.Response]:
    """Send a signed API request with the default seller's token and (unless shop=False) cipher."""

    def send(method: str, path: str, *, shop: bool = True, **options: Any) -> httpx.Response:
        options.setdefault("token", grant.access_token)
        if shop:
            options.setdefault("cipher", fake.shops[0].cipher)
        return client.send(_build(fake, client, method, path, **options))

    return send


@pytest.fixture
def token_call(fake: FakeShop, client: httpx.Client) -> Callable[..., httpx.Response]:
    """Call an auth-host token endpoint (unsigned; app_secret in the query)."""

    def send(path: str, **query: str) -> httpx.Response:
        params = {"app_key": fake.app_key, "app_secret": fake.app_secret, **query}
        return client.get(FakeShop.AUTH_BASE_URL + path, params=params)

    return send
