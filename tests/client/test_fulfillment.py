"""shop.fulfillment against FakeShop: shipping, corrections, package reads, error types."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from mock_client import client_with
from tiktokshop_sync import (
    APIConnectionError,
    APITimeoutError,
    BusinessError,
    ConflictError,
    InMemoryTokenStore,
    InvalidArgumentError,
    InvalidRequestError,
    MalformedResponseError,
    ResponseValidationError,
    ServerError,
    ShopClient,
)
from tiktokshop_sync.testing import FakeOrder, FakeShop
from tiktokshop_sync.types.fulfillment import HandoverMethod, PackageStatus

YAMATO = "7208502187360519982"
SAGAWA = "7208502187360519983"


def seller_order(fake: FakeShop, units: int = 1) -> FakeOrder:
    items = [("EP-BT53-WHT", units)]
    return fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER", items=items)[0]


def tiktok_order(fake: FakeShop) -> FakeOrder:
    return fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK")[0]


# --- mark as shipped --------------------------------------------------------------------------


def test_mark_shipped_returns_the_package_and_the_order_awaits_collection(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake, units=2)
    result = shop.fulfillment.mark_shipped(
        order.id, tracking_number="4912-3456-7890", shipping_provider_id=YAMATO
    )
    assert (result.order_id, result.package_id) == (order.id, order.package_id)
    assert result.order_line_item_ids == [item.id for item in order.line_items]
    (wire,) = shop.orders.get([order.id])
    assert (str(wire.status), wire.tracking_number) == ("AWAITING_COLLECTION", "4912-3456-7890")


def test_mark_shipped_for_some_line_items_splits_the_order(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake, units=3)
    result = shop.fulfillment.mark_shipped(
        order.id,
        tracking_number="491234567890",
        shipping_provider_id=YAMATO,
        order_line_item_ids=[order.line_items[0].id],
    )
    (wire,) = shop.orders.get([order.id])
    assert str(wire.status) == "PARTIALLY_SHIPPING"
    assert result.package_id != order.package_id
    assert [p.id for p in wire.packages] == [order.package_id, result.package_id]


@pytest.mark.parametrize("line_items", [[], [True]])
def test_mark_shipped_with_no_or_a_wrong_line_item_id_is_refused_before_sending(
    fake: FakeShop, shop: ShopClient, line_items: list[object]
) -> None:
    order = seller_order(fake)
    before = len(fake.requests)
    with pytest.raises(InvalidArgumentError, match="order_line_item_ids"):
        shop.fulfillment.mark_shipped(
            order.id,
            tracking_number="491234567890",
            shipping_provider_id=YAMATO,
            order_line_item_ids=line_items,  # type: ignore[arg-type]
        )
    assert len(fake.requests) == before


def test_shipping_an_order_twice_raises_conflict(fake: FakeShop, shop: ShopClient) -> None:
    order = seller_order(fake)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
    )
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567891", shipping_provider_id=YAMATO
        )
    assert caught.value.code == 21008099


def test_a_duplicate_tracking_number_raises_conflict(fake: FakeShop, shop: ShopClient) -> None:
    first, second = seller_order(fake), seller_order(fake)
    shop.fulfillment.mark_shipped(first.id, tracking_number="SG-1000", shipping_provider_id=SAGAWA)
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.mark_shipped(
            second.id, tracking_number="SG-1000", shipping_provider_id=SAGAWA
        )
    assert caught.value.code == 21011025


def test_an_unknown_provider_is_an_invalid_request(fake: FakeShop, shop: ShopClient) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        shop.fulfillment.mark_shipped(
            seller_order(fake).id,
            tracking_number="491234567890",
            shipping_provider_id="6617675021119438849",
        )
    assert caught.value.code == 21011022


def test_marking_a_cancelled_order_raises_conflict_21042057(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    fake.cancel(order.id)
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    assert caught.value.code == 21042057


def test_an_on_hold_order_cannot_be_shipped_yet(fake: FakeShop, shop: ShopClient) -> None:
    order = fake.create_orders(1, status="ON_HOLD", shipping_type="SELLER")[0]
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    assert caught.value.code == 21042057


def test_a_full_width_tracking_number_is_refused_before_sending(
    fake: FakeShop, shop: ShopClient
) -> None:
    with pytest.raises(InvalidArgumentError):
        shop.fulfillment.mark_shipped(
            seller_order(fake).id, tracking_number="４９１２３４", shipping_provider_id=YAMATO
        )
    assert not [r for r in fake.requests if r.path.startswith("/fulfillment/")]


def test_a_timed_out_mark_shipped_is_not_retried_and_was_applied(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    path = f"/fulfillment/202309/orders/{order.id}/packages"
    fake.fail_next("timeout", path=path)
    with pytest.raises(APITimeoutError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    assert caught.value.request_sent
    assert len([r for r in fake.requests if r.path == path]) == 1
    assert fake.order(order.id).status == "AWAITING_COLLECTION"


def test_a_lost_reply_on_mark_shipped_says_it_may_have_been_applied_and_how_to_read_it_back(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    fake.fail_next("timeout", path=f"/fulfillment/202309/orders/{order.id}/packages")
    with pytest.raises(APITimeoutError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    error = caught.value
    assert error.may_have_applied
    assert error.read_back is not None and f"shop.orders.get(['{order.id}'])" in error.read_back
    text = str(error)
    assert "may have been applied" in text and f"shop.orders.get(['{order.id}'])" in text
    assert "retry later" not in text
    [again] = shop.orders.get([order.id])  # reading back shows the truth
    assert again.tracking_number == "491234567890"


def test_a_mark_shipped_answered_504_after_it_was_applied_is_not_retried_and_may_have_applied(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    path = f"/fulfillment/202309/orders/{order.id}/packages"
    fake.fail_next("applied_server_error", path=path)
    with pytest.raises(ServerError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    error = caught.value
    assert error.may_have_applied and f"shop.orders.get(['{order.id}'])" in str(error)
    assert "may have been applied: read it back before writing again" in error.hint
    assert len([r for r in fake.requests if r.path == path]) == 1
    assert fake.order(order.id).tracking_number == "491234567890"


def test_a_mark_shipped_applied_then_answered_unreadably_is_not_retried_and_may_have_applied(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    path = f"/fulfillment/202309/orders/{order.id}/packages"
    fake.fail_next("applied_malformed", path=path)
    with pytest.raises(MalformedResponseError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    assert caught.value.may_have_applied and f"shop.orders.get(['{order.id}'])" in str(caught.value)
    assert len([r for r in fake.requests if r.path == path]) == 1
    assert fake.order(order.id).tracking_number == "491234567890"


#: A success whose data cannot be a package (order_id is an object, not a string).
_WRONG_SHAPE = b'{"code":0,"message":"Success","request_id":"r","data":{"order_id":{"x":1}}}'


def _replying_wrong_shape(sent: list[httpx.Request]) -> ShopClient:
    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=_WRONG_SHAPE)

    return client_with(httpx.MockTransport(answer), max_retries=2).shop("c", grant="g")


def test_a_mark_shipped_reply_of_the_wrong_shape_may_have_applied_and_is_not_resent() -> None:
    sent: list[httpx.Request] = []
    with pytest.raises(ResponseValidationError) as caught:
        _replying_wrong_shape(sent).fulfillment.mark_shipped(
            "576", tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    error = caught.value
    assert error.may_have_applied and error.read_back is not None
    assert "may have been applied: read it back before writing again" in error.hint
    assert len(sent) == 1


def test_a_package_read_of_the_wrong_shape_says_nothing_was_applied() -> None:
    with pytest.raises(ResponseValidationError) as caught:
        _replying_wrong_shape([]).fulfillment.get_package("1152")
    assert not caught.value.may_have_applied and caught.value.read_back is None


def test_a_request_that_never_left_says_nothing_changed(fake: FakeShop, shop: ShopClient) -> None:
    order = seller_order(fake)
    fake.fail_next("connect_error", path=f"/fulfillment/202309/orders/{order.id}/packages", times=3)
    with pytest.raises(APIConnectionError) as caught:
        shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
    assert not caught.value.request_sent and not caught.value.may_have_applied
    assert "nothing changed" in str(caught.value)
    assert fake.order(order.id).status == "AWAITING_SHIPMENT"


def test_a_lost_reply_on_a_read_is_not_called_a_possible_write(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    fake.fail_next("timeout", path="/order/202309/orders", times=3)
    with pytest.raises(APITimeoutError) as caught:
        shop.orders.get([order.id])
    assert caught.value.request_sent and not caught.value.may_have_applied
    assert "may have been applied" not in str(caught.value)


# --- shipping info updates --------------------------------------------------------------------


def test_update_shipping_info_within_72_hours_changes_the_tracking(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
    )
    fake.clock.advance(hours=70)
    shop.fulfillment.update_shipping_info(
        order.id, tracking_number="SG-2000", shipping_provider_id=SAGAWA
    )
    (wire,) = shop.orders.get([order.id])
    assert (wire.tracking_number, wire.shipping_provider) == ("SG-2000", "Sagawa Express")


def test_update_shipping_info_after_72_hours_raises_conflict_21011049(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
    )
    fake.clock.advance(timedelta(hours=73))
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.update_shipping_info(
            order.id, tracking_number="SG-2000", shipping_provider_id=SAGAWA
        )
    assert caught.value.code == 21011049


def test_a_second_update_raises_conflict_21011049(fake: FakeShop, shop: ShopClient) -> None:
    order = seller_order(fake)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
    )
    shop.fulfillment.update_shipping_info(
        order.id, tracking_number="SG-2000", shipping_provider_id=SAGAWA
    )
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.update_shipping_info(
            order.id, tracking_number="SG-2001", shipping_provider_id=SAGAWA
        )
    assert caught.value.code == 21011049


def test_updating_an_unshipped_order_raises_conflict_21011043(
    fake: FakeShop, shop: ShopClient
) -> None:
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.update_shipping_info(
            seller_order(fake).id, tracking_number="SG-2000", shipping_provider_id=SAGAWA
        )
    assert caught.value.code == 21011043


def test_update_package_shipping_info_corrects_one_split_package(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake, units=2)
    result = shop.fulfillment.mark_shipped(
        order.id,
        tracking_number="491234567890",
        shipping_provider_id=YAMATO,
        order_line_item_ids=[order.line_items[1].id],
    )
    shop.fulfillment.update_package_shipping_info(
        result.package_id, tracking_number="SG-3000", shipping_provider_id=SAGAWA
    )
    assert shop.fulfillment.get_package(result.package_id).tracking_number == "SG-3000"


# --- ship package (TikTok shipping) -----------------------------------------------------------


def test_ship_package_with_a_pickup_slot_then_print_the_label(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = tiktok_order(fake)
    slots = shop.fulfillment.handover_time_slots(order.package_id)
    slot = slots.pickup_slots[0]
    assert slot.start_time is not None and slot.end_time is not None
    shop.fulfillment.ship_package(
        order.package_id,
        handover_method=HandoverMethod.PICKUP,
        pickup_slot=(slot.start_time, slot.end_time),
    )
    detail = shop.fulfillment.get_package(order.package_id)
    assert detail.package_status is PackageStatus.PROCESSING
    assert detail.pickup_slot is not None and detail.pickup_slot.start_time == slot.start_time
    document = shop.fulfillment.shipping_document(order.package_id, document_size="A6")
    assert document.tracking_number == detail.tracking_number


def test_ship_package_without_options_sends_no_body_and_the_fake_accepts_its_signature(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = tiktok_order(fake)
    shop.fulfillment.ship_package(order.package_id)
    [sent] = [r for r in fake.requests if r.path.endswith(f"/packages/{order.package_id}/ship")]
    assert (sent.body, sent.code) == (b"", 0)
    assert fake.order(order.id).status == "AWAITING_COLLECTION"


def test_shipping_a_package_twice_raises_conflict_21011040(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = tiktok_order(fake)
    shop.fulfillment.ship_package(order.package_id, handover_method="DROP_OFF")
    with pytest.raises(ConflictError) as caught:
        shop.fulfillment.ship_package(order.package_id, handover_method="DROP_OFF")
    assert caught.value.code == 21011040


def test_ship_package_with_self_shipment_for_a_seller_order(
    fake: FakeShop, shop: ShopClient
) -> None:
    order = seller_order(fake)
    shop.fulfillment.ship_package(
        order.package_id,
        self_shipment={"tracking_number": "491234567890", "shipping_provider_id": YAMATO},
    )
    assert fake.order(order.id).status == "AWAITING_COLLECTION"


def test_a_label_for_a_seller_shipped_package_raises_with_21008017(
    fake: FakeShop, shop: ShopClient
) -> None:
    with pytest.raises(BusinessError) as caught:
        shop.fulfillment.shipping_document(seller_order(fake).package_id)
    assert caught.value.code == 21008017


def test_batch_ship_returns_failures_as_values(fake: FakeShop, shop: ShopClient) -> None:
    good, shipped = tiktok_order(fake), tiktok_order(fake)
    shop.fulfillment.ship_package(shipped.package_id)
    result = shop.fulfillment.batch_ship([{"id": good.package_id}, {"id": shipped.package_id}])
    assert [(e.code, e.detail["package_id"]) for e in result.errors] == [
        (21011040, shipped.package_id)
    ]
    assert fake.package(good.package_id).shipped


# --- reads ------------------------------------------------------------------------------------


def test_search_packages_iterates_every_page(fake: FakeShop, shop: ShopClient) -> None:
    orders = fake.create_orders(23, status="AWAITING_SHIPMENT")
    found = list(shop.fulfillment.search_packages(page_size=10, sort_order="ASC"))
    assert sorted(p.id for p in found) == sorted(o.package_id for o in orders)
    assert {p.status for p in found} == {PackageStatus.TO_FULFILL}


def test_search_packages_filters_by_status(fake: FakeShop, shop: ShopClient) -> None:
    fake.create_orders(4, status="AWAITING_SHIPMENT")
    delivered = fake.create_orders(2, status="DELIVERED")
    found = shop.fulfillment.search_packages(package_status=PackageStatus.COMPLETED).to_list()
    assert sorted(p.id for p in found) == sorted(o.package_id for o in delivered)


def test_tracking_follows_the_carrier_milestones(fake: FakeShop, shop: ShopClient) -> None:
    order = seller_order(fake)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
    )
    fake.clock.advance(hours=3)
    fake.collect(order.id)
    picked_up, shipped = "配送業者が荷物を集荷しました", "出荷情報が登録されました"
    assert [e.description for e in shop.fulfillment.tracking(order.id)] == [picked_up, shipped]
    fake.clock.advance(hours=6)
    events = shop.fulfillment.tracking(order.id)
    assert [e.description for e in events] == ["荷物を輸送中です", picked_up, shipped]
    assert events[-1].update_time_millis == int(order.rts_time.timestamp() * 1000)  # type: ignore[union-attr]


async def test_async_fulfillment_marks_shipped_and_reads_the_package(fake: FakeShop) -> None:
    order = seller_order(fake)
    async with fake.async_client(token_store=InMemoryTokenStore(), strict_models=True) as client:
        tokens = await client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
        result = await shop.fulfillment.mark_shipped(
            order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
        )
        detail = await shop.fulfillment.get_package(result.package_id)
        slots = await shop.fulfillment.handover_time_slots(result.package_id)
        packages = await shop.fulfillment.search_packages().to_list()
        with pytest.raises(ConflictError):
            await shop.fulfillment.mark_shipped(
                order.id, tracking_number="491234567891", shipping_provider_id=YAMATO
            )
    assert detail.package_status is PackageStatus.PROCESSING
    assert slots.pickup_slots == []
    assert [p.id for p in packages] == [order.package_id]
