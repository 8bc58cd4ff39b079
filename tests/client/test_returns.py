"""shop.returns against FakeShop: cancellations (search, cancel, approve, reject) and returns."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tiktokshop_sync import (
    BusinessError,
    ConflictError,
    InMemoryTokenStore,
    InvalidArgumentError,
    InvalidRequestError,
    PermissionDeniedError,
    ServerError,
    ShopClient,
)
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.returns import CancellationStatus, ReturnDecision


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
    assert done.cancel_status is CancellationStatus.CANCELLATION_REQUEST_COMPLETE
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
    assert closed.cancel_status is CancellationStatus.CANCELLATION_REQUEST_CANCEL
    (wire,) = shop.orders.get([order.id])
    assert (str(wire.status), wire.is_buyer_request_cancel) == ("AWAITING_SHIPMENT", False)


def test_deciding_twice_raises_a_conflict_error(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    (request,) = shop.returns.search_cancellations(order_ids=[order.id])
    shop.returns.approve_cancellation(request.cancel_id)
    with pytest.raises(ConflictError) as caught:
        shop.returns.reject_cancellation(
            request.cancel_id, reject_reason="seller_reject_apply_other"
        )
    assert caught.value.code == 25011011


def test_the_seller_cancels_an_order_with_a_jp_reason_key(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    result = shop.returns.cancel_order(
        order.id, cancel_reason="seller_cancel_paid_reason_address_not_deliver"
    )
    assert result.cancel_status is CancellationStatus.CANCELLATION_REQUEST_SUCCESS
    (record,) = shop.returns.search_cancellations(cancel_ids=[result.cancel_id])
    assert (record.role, record.cancel_reason_text) == ("SELLER", "配送先住所に配送できない")
    assert fake.order(order.id).status == "CANCELLED"


def test_a_reason_that_does_not_fit_the_status_raises_25001021(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = fake.create_orders(1, status="UNPAID")[0]
    with pytest.raises(InvalidRequestError) as caught:
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


def _return_id(fake: FakeShop, shop: ShopClient, return_type: str) -> str:
    delivered = fake.create_orders(1, status="DELIVERED")[0]
    fake.request_return(delivered.id, return_type=return_type)
    (record,) = shop.returns.search_returns(order_ids=[delivered.id])
    return record.return_id


def _status(shop: ShopClient, return_id: str) -> str:
    (record,) = shop.returns.search_returns(return_ids=[return_id])
    return record.return_status


def test_approving_a_refund_marks_it_successful(fake: FakeShop, shop: ShopClient) -> None:
    return_id = _return_id(fake, shop, "REFUND")
    shop.returns.approve_return(return_id, decision=ReturnDecision.APPROVE_REFUND)
    assert _status(shop, return_id) == "RETURN_OR_REFUND_REQUEST_SUCCESS"


def test_approving_a_return_waits_for_the_buyer_to_ship_then_the_package(
    fake: FakeShop, shop: ShopClient
) -> None:
    return_id = _return_id(fake, shop, "RETURN_AND_REFUND")
    shop.returns.approve_return(return_id, decision="APPROVE_RETURN")
    assert _status(shop, return_id) == "AWAITING_BUYER_SHIP"
    fake.set_return_status(return_id, "BUYER_SHIPPED_ITEM")
    shop.returns.approve_return(return_id, decision="APPROVE_RECEIVED_PACKAGE")
    assert _status(shop, return_id) == "RETURN_OR_REFUND_REQUEST_SUCCESS"


def test_offering_a_partial_refund_waits_for_the_buyer_with_the_offer_on_the_return(
    fake: FakeShop, shop: ShopClient
) -> None:
    return_id = _return_id(fake, shop, "REFUND")
    shop.returns.approve_return(
        return_id, decision="OFFER_PARTIAL_REFUND", partial_refund={"amount": 500}
    )
    (offered,) = [r for r in shop.returns.search_returns() if r.return_id == return_id]
    assert str(offered.return_status) == "AWAITING_BUYER_RESPONSE"
    assert str(offered.seller_proposed_return_type) == "PARTIAL_REFUND"
    assert offered.partial_refund is not None
    assert (offered.partial_refund.currency, str(offered.partial_refund.amount)) == ("JPY", "500")


def test_a_replacement_can_be_answered_with_a_refund_instead(
    fake: FakeShop, shop: ShopClient
) -> None:
    return_id = _return_id(fake, shop, "REPLACEMENT")
    shop.returns.approve_return(return_id, decision=ReturnDecision.ISSUE_REPLACEMENT_REFUND)
    assert _status(shop, return_id) == "REPLACEMENT_REQUEST_REFUND_SUCCESS"


def test_rejecting_a_return_with_a_reason_closes_it(fake: FakeShop, shop: ShopClient) -> None:
    return_id = _return_id(fake, shop, "REFUND")
    shop.returns.reject_return(
        return_id,
        decision=ReturnDecision.REJECT_REFUND,
        reject_reason="seller_reject_apply_other",
        comment="商品到着済みのため",
    )
    assert _status(shop, return_id) == "REFUND_OR_RETURN_REQUEST_REJECT"


def test_rejecting_a_return_needs_a_reason(fake: FakeShop, shop: ShopClient) -> None:
    return_id = _return_id(fake, shop, "REFUND")
    with pytest.raises(InvalidArgumentError):
        shop.returns.reject_return(return_id, decision="REJECT_REFUND", reject_reason=" ")
    assert _status(shop, return_id) == "RETURN_OR_REFUND_REQUEST_PENDING"


def test_an_approve_decision_is_refused_for_a_reject_before_sending(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError):
        shop.returns.approve_return("4035000000000000001", decision="REJECT_REFUND")


def test_a_decision_that_does_not_fit_the_return_raises_25011012(
    fake: FakeShop, shop: ShopClient
) -> None:
    return_id = _return_id(fake, shop, "REFUND")
    with pytest.raises(ConflictError) as caught:
        shop.returns.approve_return(return_id, decision="APPROVE_RECEIVED_PACKAGE")
    assert caught.value.code == 25011012


def test_deciding_an_unknown_return_raises_25020005(shop: ShopClient) -> None:
    with pytest.raises(PermissionDeniedError) as caught:
        shop.returns.approve_return("4035000000000000001", decision="APPROVE_REFUND")
    assert caught.value.code == 25020005


def test_a_return_approval_without_a_key_is_not_retried_after_it_was_sent(
    fake: FakeShop, shop: ShopClient
) -> None:
    return_id = _return_id(fake, shop, "REFUND")
    path = f"/return_refund/202309/returns/{return_id}/approve"
    fake.fail_next("server_error", path=path)
    with pytest.raises(ServerError):
        shop.returns.approve_return(return_id, decision="APPROVE_REFUND")
    assert len([r for r in fake.requests if r.path == path]) == 1


def test_a_return_approval_with_a_key_is_retried_and_applied_once(
    fake: FakeShop, shop: ShopClient
) -> None:
    return_id = _return_id(fake, shop, "REFUND")
    path = f"/return_refund/202309/returns/{return_id}/approve"
    fake.fail_next("timeout", path=path)
    shop.returns.approve_return(return_id, decision="APPROVE_REFUND", idempotency_key="r-1")
    assert len([r for r in fake.requests if r.path == path]) == 2
    assert _status(shop, return_id) == "RETURN_OR_REFUND_REQUEST_SUCCESS"


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


async def test_async_returns_approve_and_reject(fake: FakeShop) -> None:
    refund, other = fake.create_orders(2, status="DELIVERED")
    fake.request_return(refund.id, return_type="REFUND")
    fake.request_return(other.id, return_type="RETURN_AND_REFUND")
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        (approve,) = await shop.returns.search_returns(order_ids=[refund.id]).to_list()
        (reject,) = await shop.returns.search_returns(order_ids=[other.id]).to_list()
        await shop.returns.approve_return(approve.return_id, decision="APPROVE_REFUND")
        await shop.returns.reject_return(
            reject.return_id, decision="REJECT_RETURN", reject_reason="seller_reject_apply_other"
        )
        done = {r.order_id: r.return_status async for r in shop.returns.search_returns()}
    assert done == {
        refund.id: "RETURN_OR_REFUND_REQUEST_SUCCESS",
        other.id: "REFUND_OR_RETURN_REQUEST_REJECT",
    }
