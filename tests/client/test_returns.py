"""shop.returns against FakeShop: cancellations (search, cancel, approve, reject) and returns."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tiktokshop_sync import BusinessError, InMemoryTokenStore, InvalidArgumentError, ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.returns import CancelStatus


def test_a_buyer_request_is_found_pending_with_a_24_hour_deadline(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    (request,) = shop.returns.search_cancellations(cancel_status=["CANCELLATION_REQUEST_PENDING"])
    assert (request.order_id, request.role, request.cancel_type) == (
        order.id,
        "BUYER",
        "BUYER_CANCEL",
    )
    deadline = request.seller_next_action_response[0].deadline
    assert deadline == fake.clock.now() + timedelta(hours=24)
    assert request.refund_amount is not None
    assert request.refund_amount.refund_total == order.total_amount


def test_approving_a_request_cancels_the_order(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    (request,) = shop.returns.search_cancellations(order_ids=[order.id])
    shop.returns.approve_cancellation(request.cancel_id, idempotency_key="approve-1")
    (done,) = shop.returns.search_cancellations(order_ids=[order.id])
    assert done.cancel_status is CancelStatus.CANCELLATION_REQUEST_COMPLETE
    (wire,) = shop.orders.get([order.id])
    assert (str(wire.status), str(wire.cancellation_initiator)) == ("CANCELLED", "BUYER")


def test_rejecting_a_request_keeps_the_order(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    (request,) = shop.returns.search_cancellations(order_ids=[order.id])
    shop.returns.reject_cancellation(
        request.cancel_id,
        reject_reason="seller_reject_apply_product_has_been_packed",
        comment="梱包済みのため",
    )
    (closed,) = shop.returns.search_cancellations(order_ids=[order.id])
    assert closed.cancel_status is CancelStatus.CANCELLATION_REQUEST_CANCEL
    (wire,) = shop.orders.get([order.id])
    assert (str(wire.status), wire.is_buyer_request_cancel) == ("AWAITING_SHIPMENT", False)


def test_deciding_twice_raises_business_error(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    (request,) = shop.returns.search_cancellations(order_ids=[order.id])
    shop.returns.approve_cancellation(request.cancel_id)
    with pytest.raises(BusinessError) as caught:
        shop.returns.reject_cancellation(request.cancel_id, reject_reason="seller_reject_other")
    assert caught.value.code == 25011011


def test_the_seller_cancels_an_order_with_a_jp_reason_key(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    result = shop.returns.cancel_order(
        order.id, cancel_reason="seller_cancel_paid_reason_address_not_deliver"
    )
    assert result.cancel_status is CancelStatus.CANCELLATION_REQUEST_SUCCESS
    (record,) = shop.returns.search_cancellations(cancel_ids=[result.cancel_id])
    assert (record.role, record.cancel_reason_text) == ("SELLER", "配送先住所に配送できない")
    assert fake.order(order.id).status == "CANCELLED"


def test_a_reason_that_does_not_fit_the_status_raises_25001021(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    with pytest.raises(BusinessError) as caught:
        shop.returns.cancel_order(order.id, cancel_reason="seller_cancel_reason_out_of_stock")
    assert caught.value.code == 25001021
    assert fake.order(order.id).status == "UNPAID"


def test_a_jp_shop_cannot_cancel_some_line_items(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("PC-IP15-BRN", 2)])[0]
    with pytest.raises(BusinessError) as caught:
        shop.returns.cancel_order(
            order.id,
            cancel_reason="seller_cancel_reason_out_of_stock",
            order_line_item_ids=[order.line_items[0].id],
        )
    assert caught.value.code == 25005010


def test_naming_every_line_item_cancels_the_whole_jp_order(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("PC-IP15-BRN", 2)])[0]
    shop.returns.cancel_order(
        order.id,
        cancel_reason="seller_cancel_reason_out_of_stock",
        order_line_item_ids=[item.id for item in order.line_items],
    )
    assert fake.order(order.id).status == "CANCELLED"


def test_a_blank_reason_is_refused_before_sending(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError):
        shop.returns.cancel_order("576461413038785752", cancel_reason=" ")


def test_cancellation_search_pages_oldest_first(fake: FakeShop, shop: ShopClient) -> None:
    for order in fake.create_orders(12, status="UNPAID"):
        fake.buyer_cancel(order.id)
        fake.clock.advance(minutes=1)
    pager = shop.returns.search_cancellations(page_size=5)
    pages = [len(page) for page in pager.iter_pages()]
    assert pages == [5, 5, 2]
    found = list(shop.returns.search_cancellations(page_size=5))
    assert [c.create_time for c in found] == sorted(c.create_time for c in found)


def test_search_returns_finds_a_buyers_return(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="DELIVERED", items=[("EP-BT53-BLK", 2)])[0]
    request = fake.request_return(order.id, line_item_ids=[order.line_items[0].id])
    (found,) = shop.returns.search_returns(order_ids=[order.id])
    assert (found.return_id, found.return_type) == (request.return_id, "RETURN_AND_REFUND")
    assert [i.order_line_item_id for i in found.return_line_items] == [order.line_items[0].id]


def test_return_search_page_size_starts_at_10(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError):
        shop.returns.search_returns(page_size=5)


async def test_async_returns_search_approve_and_cancel(fake: FakeShop) -> None:
    requested, kept = fake.create_orders(2, status="AWAITING_SHIPMENT")
    fake.buyer_cancel(requested.id)
    delivered = fake.create_orders(1, status="DELIVERED")[0]
    fake.request_return(delivered.id, return_type="REFUND")
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        (request,) = [c async for c in shop.returns.search_cancellations(order_ids=[requested.id])]
        await shop.returns.approve_cancellation(request.cancel_id, idempotency_key="a")
        await shop.returns.approve_cancellation(request.cancel_id, idempotency_key="a")
        cancelled = await shop.returns.cancel_order(
            kept.id, cancel_reason="seller_cancel_reason_wrong_price"
        )
        returns = await shop.returns.search_returns().to_list()
    assert fake.order(requested.id).status == "CANCELLED"
    assert cancelled.cancel_id and fake.order(kept.id).status == "CANCELLED"
    assert [r.return_type for r in returns] == ["REFUND"]
