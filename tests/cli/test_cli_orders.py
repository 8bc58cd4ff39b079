"""``shops``, ``warehouses``, ``orders search`` and ``orders get`` against the FakeShop."""

from __future__ import annotations

import json

from tiktokshop_sync.testing import FakeShop

from .conftest import Invoke
from .helpers import json_lines, personal_strings


def test_shops_lists_the_authorized_shop_with_its_id_and_cipher(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    result = cli("shops", "--json")
    assert result.exit_code == 0, result.output
    [shop] = json_lines(result.stdout)
    assert (shop["id"], shop["cipher"]) == (fake.shops[0].id, fake.shops[0].cipher)
    assert shop["seller"] == authorized


def test_warehouses_lists_the_shops_warehouses(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    result = cli("warehouses", "--json")
    assert result.exit_code == 0, result.output
    ids = {w["id"] for w in json_lines(result.stdout)}
    assert fake.warehouses()[0].id in ids


def test_a_second_shop_must_be_chosen_with_shop(cli: Invoke, fake: FakeShop) -> None:
    fake.add_shop("さくら商店 アウトレット")
    assert cli("auth", "exchange", fake.authorize()).exit_code == 0
    result = cli("orders", "search")
    assert result.exit_code == 3
    assert "--shop" in result.stderr and "アウトレット" in result.stderr
    assert cli("--shop", fake.shops[1].id, "orders", "search").exit_code == 0
    assert cli("--shop", "さくら商店 アウトレット", "orders", "search").exit_code == 0


def test_orders_search_prints_one_json_line_per_order_with_buyers_masked(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.create_orders(4, status="AWAITING_SHIPMENT")
    result = cli("orders", "search", "--json")
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert len(rows) == 4
    assert {r["status"] for r in rows} == {"AWAITING_SHIPMENT"}
    assert all(set(r["recipient"].values()) <= {"***", ""} for r in rows)
    for value in personal_strings(fake):
        assert value not in result.output


def test_orders_search_shows_buyers_only_when_asked(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT")
    result = cli("orders", "search", "--show-personal-data")
    assert result.exit_code == 0, result.output
    assert order.recipient.name in result.stdout


def test_orders_search_prints_times_in_jst(cli: Invoke, fake: FakeShop, authorized: str) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT")
    result = cli("orders", "search")
    created = order.create_time.astimezone(__import__("tiktokshop_sync.domain").domain.JST)
    assert created.strftime("%Y-%m-%d %H:%M") in result.stdout
    assert "times in JST" in result.stderr


def test_orders_search_sends_the_filters_to_tiktok(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    fake.create_orders(2, status="UNPAID")
    fake.clear_requests()
    result = cli(
        "orders",
        "search",
        "--status",
        "unpaid",
        "--since",
        "7d",
        "--shipping-type",
        "seller",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert {r["status"] for r in json_lines(result.stdout)} == {"UNPAID"}
    [search] = [r for r in fake.requests if r.path.endswith("/orders/search")]
    body = json.loads(search.body)
    assert body["order_status"] == "UNPAID" and body["shipping_type"] == "SELLER"
    assert body["create_time_ge"] == int(fake.clock.now().timestamp()) - 7 * 86400


def test_an_unknown_status_exits_2_listing_tiktoks_statuses(cli: Invoke, authorized: str) -> None:
    result = cli("orders", "search", "--status", "SHIPPED")
    assert result.exit_code == 2
    assert "AWAITING_SHIPMENT" in result.stderr


def test_orders_search_stops_at_the_limit_and_prints_the_token_to_resume(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.create_orders(7, status="AWAITING_SHIPMENT")
    first = cli("orders", "search", "--limit", "3", "--json")
    ids = [r["order_id"] for r in json_lines(first.stdout)]
    assert len(ids) == 3
    token = first.stderr.split("--page-token ")[1].split()[0]
    rest = cli("orders", "search", "--limit", "0", "--page-token", token, "--json")
    more = [r["order_id"] for r in json_lines(rest.stdout)]
    assert len(more) == 4 and not set(ids) & set(more)


def test_orders_get_prints_each_order_in_full_with_buyers_masked(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", buyer_message="置き配希望です")
    result = cli("orders", "get", order.id, "--json")
    assert result.exit_code == 0, result.output
    [record] = json_lines(result.stdout)
    assert record["id"] == order.id
    assert record["buyer_message"] == "***"
    assert record["recipient_address"]["name"] == "***"
    assert record["recipient_address"]["region_code"] == "JP"
    assert record["line_items"][0]["seller_sku"]
    assert "置き配" not in result.output and order.recipient.name not in result.output


def test_orders_get_shows_buyers_only_when_asked(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT", buyer_message="置き配希望です")
    table = cli("orders", "get", order.id, "--show-personal-data")
    assert "置き配希望です" in table.stdout and order.recipient.name in table.stdout
    [record] = json_lines(cli("orders", "get", order.id, "--json", "--show-personal-data").stdout)
    assert record["recipient_address"]["name"] == order.recipient.name


def test_orders_get_of_an_unknown_id_exits_5(cli: Invoke, authorized: str) -> None:
    result = cli("orders", "get", "576000000000000000")
    assert result.exit_code == 5
