"""Order search and detail against FakeShop."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest

from tiktokshop_sync import InvalidArgumentError, NotFoundError, ShopClient, TikTokShop, TokenSet
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.order import Order, OrderStatus


def _searches(fake: FakeShop) -> list[dict[str, str]]:
    return [r.query for r in fake.requests if r.path == "/order/202309/orders/search"]


def test_search_walks_every_page_and_yields_each_order_once(
    fake: FakeShop, shop: ShopClient
) -> None:
    created = fake.create_orders(250, created_within=timedelta(days=6))
    found = list(shop.orders.search(create_time_ge=fake.clock.now() - timedelta(days=7)))
    assert sorted(o.id for o in found) == sorted(o.id for o in created)
    pages = _searches(fake)
    assert len(pages) == 3
    assert "page_token" not in pages[0]
    assert any(c in pages[1]["page_token"] for c in "+/=")


def test_search_filters_by_status(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(30, status="AWAITING_SHIPMENT")
    fake.create_orders(10, status="UNPAID")
    found = list(shop.orders.search(status=OrderStatus.UNPAID))
    assert len(found) == 10
    assert {o.status for o in found} == {OrderStatus.UNPAID}


def test_search_by_update_time_window_sends_unix_seconds_in_the_body(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(5)
    since = fake.clock.now() - timedelta(hours=2)
    list(shop.orders.search(update_time_ge=since, sort_field="update_time", sort_order="ASC"))
    body = [r for r in fake.requests if r.path.endswith("/orders/search")][-1].body
    assert f'"update_time_ge":{int(since.timestamp())}'.encode() in body


def test_resuming_from_the_cursor_continues_with_the_next_page(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(150)
    pager = shop.orders.search(page_size=100)
    first = next(pager.iter_pages())
    rest = list(shop.orders.search(page_size=100, page_token=pager.cursor))
    assert len(first) + len(rest) == 150
    assert not {o.id for o in first} & {o.id for o in rest}


def test_detail_chunks_ids_into_calls_of_fifty(fake: FakeShop, shop: ShopClient) -> None:
    ids = [o.id for o in fake.create_orders(120)]
    orders = shop.orders.get(ids)
    assert sorted(o.id for o in orders) == sorted(ids)
    calls = [r.query["ids"].split(",") for r in fake.requests if r.path == "/order/202309/orders"]
    assert [len(c) for c in calls] == [50, 50, 20]


def test_an_order_of_another_shop_is_not_found(
    fake: FakeShop, client: TikTokShop, tokens: TokenSet
) -> None:
    other = fake.add_shop(name="二号店")
    foreign = fake.create_orders(1, shop=other)[0]
    seller = client.seller(tokens.open_id)
    first = seller.shop(fake.shops[0].cipher)
    with pytest.raises(NotFoundError) as caught:
        first.orders.get([foreign.id])
    assert caught.value.code == 21008111


def test_line_items_arrive_one_per_unit(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(40)
    orders = list(shop.orders.search())
    assert all(len({li.id for li in o.line_items}) == len(o.line_items) for o in orders)
    assert any(max(Counter(li.sku_id for li in o.line_items).values()) > 1 for o in orders)


def test_totals_are_decimals_and_times_are_aware(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    order = next(iter(shop.orders.search()))
    assert order.payment is not None and order.payment.currency == "JPY"
    assert order.payment.total_amount == order.payment.sub_total + order.payment.shipping_fee  # type: ignore[operator]
    assert order.create_time is not None and order.create_time.tzinfo is not None


def test_recipient_fields_are_empty_while_on_hold_and_kept_as_sent(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(2, status="ON_HOLD")
    for order in shop.orders.search(status="ON_HOLD"):
        assert order.is_on_hold_order
        assert order.recipient_address is not None
        assert order.recipient_address.postal_code == ""
        assert order.recipient_address.full_address == ""


def test_orders_carry_no_shipping_method_before_shipment(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(5, status="AWAITING_SHIPMENT")
    for order in shop.orders.search():
        assert order.shipping_provider_id == "" and order.tracking_number == ""


def test_on_hold_orders_become_awaiting_shipment_after_one_hour(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    fake.pay(order.id)
    assert shop.orders.get([order.id])[0].status == OrderStatus.ON_HOLD
    fake.clock.advance(minutes=61)
    assert shop.orders.get([order.id])[0].status == OrderStatus.AWAITING_SHIPMENT


def test_every_generated_order_parses_without_schema_drift(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(200)
    orders = list(shop.orders.search())
    assert len(orders) == 200
    assert all(o.status.is_known for o in orders)


def test_unknown_status_is_kept_rather_than_crashing_in_lenient_mode() -> None:
    with strict_models(False):
        order = Order.model_validate(
            {"id": "1", "status": "AWAITING_TELEPORT", "brand_new_field": 1}
        )
    assert order.status == "AWAITING_TELEPORT"
    assert not order.status.is_known
    assert order.model_extra == {"brand_new_field": 1}


@pytest.mark.parametrize(
    "payload",
    [
        {"id": "1", "status": "AWAITING_TELEPORT"},
        {"id": "1", "status": "UNPAID", "brand_new_field": 1},
    ],
)
def test_strict_mode_makes_schema_drift_fail_loudly(payload: dict[str, object]) -> None:
    with strict_models(), pytest.raises(ValueError):
        Order.model_validate(payload)


def test_naive_datetimes_are_refused_before_anything_is_sent(
    fake: FakeShop, shop: ShopClient
) -> None:
    before = len(fake.requests)
    with pytest.raises(InvalidArgumentError, match="timezone-aware"):
        list(shop.orders.search(create_time_ge=datetime(2026, 11, 1)))
    assert len(fake.requests) == before


@pytest.mark.parametrize("size", [0, 101, -5])
def test_page_size_outside_tiktoks_range_is_refused(shop: ShopClient, size: int) -> None:
    with pytest.raises(InvalidArgumentError, match="page_size"):
        shop.orders.search(page_size=size)


def test_a_misspelled_filter_is_refused_naming_the_valid_ones(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="order_status"):
        shop.orders.search(order_status="UNPAID")  # type: ignore[call-arg]


def test_a_single_id_string_is_refused_instead_of_split_into_characters(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="list of ids"):
        shop.orders.get("576461413038785752")


@pytest.mark.parametrize("wrong", [True, 1.5, None])
def test_an_id_that_is_not_text_or_a_whole_number_is_refused_before_sending(
    fake: FakeShop, shop: ShopClient, wrong: object
) -> None:
    before = len(fake.requests)
    with pytest.raises(InvalidArgumentError, match="ids as strings"):
        shop.orders.get([wrong])  # type: ignore[list-item]
    assert len(fake.requests) == before


def test_an_id_given_as_a_whole_number_is_sent_as_its_digits(
    fake: FakeShop, shop: ShopClient
) -> None:
    [order] = fake.create_orders(1)
    [got] = shop.orders.get([int(order.id)])  # type: ignore[list-item]
    assert got.id == order.id


def test_a_bool_is_not_an_order_id_in_a_path(fake: FakeShop, shop: ShopClient) -> None:
    before = len(fake.requests)
    with pytest.raises(InvalidArgumentError, match="order_id"):
        shop.orders.price_detail(True)  # type: ignore[arg-type]
    assert len(fake.requests) == before


@pytest.mark.parametrize(
    ("filters", "named"),
    [
        ({"is_buyer_request_cancel": "no"}, "is_buyer_request_cancel"),
        ({"is_buyer_request_cancel": 0}, "is_buyer_request_cancel"),
        ({"buyer_user_id": ""}, "buyer_user_id"),
        ({"buyer_user_id": True}, "buyer_user_id"),
        ({"warehouse_ids": []}, "warehouse_ids"),
        ({"warehouse_ids": [str(n) for n in range(101)]}, "at most 100"),
    ],
)
def test_a_search_filter_tiktok_would_refuse_or_misread_is_refused_before_sending(
    fake: FakeShop, shop: ShopClient, filters: dict[str, object], named: str
) -> None:
    before = len(fake.requests)
    with pytest.raises(InvalidArgumentError, match=named):
        list(shop.orders.search(**filters))  # type: ignore[arg-type]
    assert len(fake.requests) == before
