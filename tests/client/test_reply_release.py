"""A reply is freed when the client is done with it, not when the garbage collector next looks."""

from __future__ import annotations

import gc
import weakref

import httpx
import pytest

from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.testing import FakeShop

pytestmark = pytest.mark.usefixtures("collector_restored")

Replies = list["weakref.ReferenceType[httpx.Response]"]


def test_a_page_of_orders_is_freed_once_read_with_the_collector_off() -> None:
    fake = FakeShop(seed=5)
    fake.create_orders(30)
    replies: Replies = []

    def keep(response: httpx.Response) -> None:
        replies.append(weakref.ref(response))

    http = httpx.Client(transport=fake.transport, event_hooks={"response": [keep]})
    with fake.client(token_store=InMemoryTokenStore(), http_client=http) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        gc.disable()
        page = shop.orders.search(page_size=20).first_page()
        assert len(page.items) == 20
        assert replies[-1]() is None  # no reference cycle kept the reply and its body


async def test_an_async_reply_is_freed_once_read_with_the_collector_off() -> None:
    fake = FakeShop(seed=6)
    fake.create_orders(5)
    replies: Replies = []

    async def keep(response: httpx.Response) -> None:
        replies.append(weakref.ref(response))

    http = httpx.AsyncClient(transport=fake.transport, event_hooks={"response": [keep]})
    client = fake.async_client(token_store=InMemoryTokenStore(), http_client=http)
    tokens = await client.oauth.exchange_code(fake.authorize())
    shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
    gc.disable()
    assert len(await shop.orders.search().to_list()) == 5
    assert replies[-1]() is None
    await http.aclose()


def test_a_reply_read_by_the_client_still_gives_its_body() -> None:
    fake = FakeShop(seed=7)
    fake.create_orders(2)
    replies: list[httpx.Response] = []
    http = httpx.Client(transport=fake.transport, event_hooks={"response": [replies.append]})
    with fake.client(token_store=InMemoryTokenStore(), http_client=http) as client:
        tokens = client.oauth.exchange_code(fake.authorize())
        client.shop(fake.shops[0].cipher, grant=tokens.open_id).orders.search().first_page()
    last = replies[-1]
    assert last.json()["code"] == 0
    assert b"".join(last.iter_bytes()) == last.content
    assert last.read() == last.content
