"""The same fake behind httpx sync, httpx async and a loopback HTTP server."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tiktokshop_sync.testing import FakeGrant, FakeShop

Build = Callable[..., httpx.Request]
SHOPS = "/authorization/202309/shops"
SEARCH = "/order/202309/orders/search"


def test_transport_is_both_a_sync_and_an_async_httpx_transport(fake: FakeShop) -> None:
    assert isinstance(fake.transport, httpx.BaseTransport)
    assert isinstance(fake.transport, httpx.AsyncBaseTransport)


async def test_async_client_gets_the_same_answers(
    fake: FakeShop, grant: FakeGrant, build: Build
) -> None:
    fake.create_orders(3)
    async with httpx.AsyncClient(transport=fake.transport) as client:
        request = build(
            client,
            "POST",
            SEARCH,
            token=grant.access_token,
            cipher=fake.shops[0].cipher,
            query={"page_size": "10"},
            body={},
        )
        body = (await client.send(request)).json()
    assert body["data"]["total_count"] == 3


async def test_async_timeout_fault_raises_read_timeout(
    fake: FakeShop, grant: FakeGrant, build: Build
) -> None:
    fake.fail_next("timeout")
    async with httpx.AsyncClient(transport=fake.transport) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.send(build(client, "GET", SHOPS, token=grant.access_token))


async def test_async_connect_error_fault_raises_connect_error(
    fake: FakeShop, grant: FakeGrant, build: Build
) -> None:
    fake.fail_next("connect_error")
    async with httpx.AsyncClient(transport=fake.transport) as client:
        with pytest.raises(httpx.ConnectError):
            await client.send(build(client, "GET", SHOPS, token=grant.access_token))


def test_transport_outlives_a_closed_client(fake: FakeShop, grant: FakeGrant, build: Build) -> None:
    with httpx.Client(transport=fake.transport) as first:
        first.send(build(first, "GET", SHOPS, token=grant.access_token))
    with httpx.Client(transport=fake.transport) as second:
        response = second.send(build(second, "GET", SHOPS, token=grant.access_token))
    assert response.json()["code"] == 0


def loopback(build: Build, base_url: str, **options: Any) -> httpx.Request:
    with httpx.Client() as helper:
        return build(helper, options.pop("method", "GET"), SHOPS, base_url=base_url, **options)


def test_loopback_server_serves_the_same_routes(
    fake: FakeShop, grant: FakeGrant, build: Build
) -> None:
    with fake.serve() as base_url, httpx.Client() as client:
        response = client.send(loopback(build, base_url, token=grant.access_token))
    assert base_url.startswith("http://127.0.0.1:")
    assert response.json()["data"]["shops"][0]["id"] == fake.shops[0].id


def test_loopback_server_checks_signatures_over_the_raw_body(
    fake: FakeShop, grant: FakeGrant, build: Build
) -> None:
    fake.create_orders(2)
    with fake.serve() as base_url, httpx.Client() as client:
        request = build(
            client,
            "POST",
            SEARCH,
            base_url=base_url,
            token=grant.access_token,
            cipher=fake.shops[0].cipher,
            query={"page_size": "10"},
            raw_body=b'{"order_status": "UNPAID"}',
        )
        assert client.send(request).json()["code"] == 0


def test_loopback_server_stops_on_exit(fake: FakeShop, grant: FakeGrant, build: Build) -> None:
    with fake.serve() as base_url:
        pass
    with httpx.Client() as client, pytest.raises(httpx.ConnectError):
        client.send(loopback(build, base_url, token=grant.access_token))


def test_loopback_server_exits_while_a_keep_alive_connection_is_open(
    fake: FakeShop, grant: FakeGrant, build: Build
) -> None:
    with httpx.Client() as client:
        with fake.serve() as base_url:
            client.send(loopback(build, base_url, token=grant.access_token))
        assert not [t for t in threading.enumerate() if t.name == "fakeshop-serve"]


def test_loopback_timeout_fault_closes_the_connection_without_a_reply(
    fake: FakeShop, grant: FakeGrant, build: Build
) -> None:
    fake.fail_next("timeout")
    with fake.serve() as base_url, httpx.Client() as client:
        with pytest.raises(httpx.TransportError):
            client.send(loopback(build, base_url, token=grant.access_token))
        assert client.send(loopback(build, base_url, token=grant.access_token)).status_code == 200


def test_loopback_serves_concurrent_clients(fake: FakeShop, grant: FakeGrant, build: Build) -> None:
    codes: list[int] = []

    def worker(base_url: str) -> None:
        with httpx.Client() as client:
            for _ in range(5):
                response = client.send(loopback(build, base_url, token=grant.access_token))
                codes.append(response.json()["code"])

    with fake.serve() as base_url:
        threads = [threading.Thread(target=worker, args=(base_url,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert codes == [0] * 20
    assert len(fake.requests) == 20
