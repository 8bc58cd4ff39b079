"""A shop view runs a flow of calls and host calls with its own driver, as the workflows do."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

from tiktokshop_sync import InMemoryTokenStore, NotFoundError, ShopClient
from tiktokshop_sync._core.call import Host
from tiktokshop_sync.resources import orders as orders_api
from tiktokshop_sync.resources import products as products_api
from tiktokshop_sync.testing import FakeShop


def _two_calls_and_a_host_call(shop: Any, seen: list[int]) -> Generator[Any, Any, int]:
    first = yield from shop.call_flow(orders_api.search_pages({"page_size": 5})(None))
    yield Host(seen.append, (len(first.items),))
    detail = yield from shop.call_flow(orders_api.detail_spec([first.items[0].id]))
    return len(detail)


def test_a_flow_of_calls_and_host_calls_runs_on_the_shop_view(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(7)
    seen: list[int] = []
    assert shop.run_flow(_two_calls_and_a_host_call(shop, seen)) == 1
    assert seen == [5]


def test_a_failing_host_call_is_raised_inside_the_flow(shop: ShopClient) -> None:
    def refuse() -> None:
        raise LookupError("the OMS is down")

    def flow() -> Generator[Any, Any, str]:
        try:
            yield Host(refuse)
        except LookupError as error:
            return f"caught {error}"
        return "not raised"

    assert shop.run_flow(flow()) == "caught the OMS is down"


def test_a_failed_call_is_raised_inside_the_flow(shop: ShopClient) -> None:
    def flow() -> Generator[Any, Any, str]:
        try:
            yield from shop.call_flow(products_api.get_spec("1729382256910270000"))
        except NotFoundError:
            return "caught"
        return "found"

    assert shop.run_flow(flow()) == "caught"


def test_the_blocking_view_refuses_an_async_host_call_and_says_what_to_use(
    shop: ShopClient,
) -> None:
    async def accept(orders: list[str]) -> None:
        return None

    def flow() -> Generator[Any, Any, None]:
        yield Host(accept, ([],))

    with pytest.raises(TypeError, match="AsyncTikTokShop"):
        shop.run_flow(flow())


def test_the_shop_view_exposes_the_clients_clock(fake: FakeShop, shop: ShopClient) -> None:
    assert shop.clock.now() == fake.clock.now()
    fake.clock.advance(minutes=3)
    assert shop.clock.now() == fake.clock.now()


async def test_the_async_view_awaits_an_async_host_call(fake: FakeShop) -> None:
    fake.create_orders(3)
    received: list[int] = []

    async def accept(count: int) -> str:
        received.append(count)
        return "stored"

    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)

        def flow() -> Generator[Any, Any, str]:
            page = yield from shop.call_flow(orders_api.search_pages({"page_size": 5})(None))
            answer: str = yield Host(accept, (len(page.items),))
            return answer

        assert await shop.run_flow(flow()) == "stored"
    assert received == [3]
