"""FakeShop's signed webhook deliveries verify and parse with tiktokshop_sync.webhooks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tiktokshop_sync import ShopClient
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.webhooks import (
    CancellationStatus,
    CancellationStatusChangeEvent,
    OrderStatusChangeEvent,
    PackageChangeType,
    PackageUpdateEvent,
    ProductChangeKind,
    ProductStatusChangeEvent,
    ReturnStatusChangeEvent,
    SeenNotifications,
    WebhookEvent,
    WebhookOrderStatus,
    WebhookVerifier,
    dedupe_key,
    parse_event,
    verify_signature,
)

YAMATO = "7208502187360519982"


class Inbox:
    """A receiver that checks every delivery's signature, then parses it (strict models)."""

    def __init__(self, fake: FakeShop) -> None:
        self.verifier = WebhookVerifier(app_key=fake.app_key, app_secret=fake.app_secret)
        self.events: list[WebhookEvent] = []

    def __call__(self, headers: dict[str, str], body: bytes) -> None:
        self.events.append(self.verifier.parse(body, headers))

    def of(self, kind: type[WebhookEvent]) -> list[WebhookEvent]:
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def inbox(fake: FakeShop) -> Inbox:
    receiver = Inbox(fake)
    fake.deliver_webhooks_to(receiver)
    return receiver


def test_every_delivery_verifies_against_the_authorization_header(fake: FakeShop) -> None:
    captured: list[tuple[dict[str, str], bytes]] = []
    fake.deliver_webhooks_to(lambda headers, body: captured.append((headers, body)))
    fake.create_orders(3, status="UNPAID")
    assert len(captured) == 3
    for headers, body in captured:
        verify_signature(
            app_key=fake.app_key,
            app_secret=fake.app_secret,
            body=body,
            signature=headers["Authorization"],
        )
        assert isinstance(parse_event(body), OrderStatusChangeEvent)


def test_a_new_order_and_each_status_change_send_type_1(
    fake: FakeShop, shop: ShopClient, inbox: Inbox
) -> None:
    order = fake.create_orders(1, status="UNPAID", shipping_type="SELLER")[0]
    fake.pay(order.id)
    fake.clock.advance(hours=1)
    shop.fulfillment.mark_shipped(
        order.id, tracking_number="491234567890", shipping_provider_id=YAMATO
    )
    fake.collect(order.id)
    fake.deliver(order.id)
    statuses = [
        e.data.order_status
        for e in inbox.of(OrderStatusChangeEvent)
        if isinstance(e, OrderStatusChangeEvent)
    ]
    assert statuses == [
        WebhookOrderStatus.UNPAID,
        WebhookOrderStatus.ON_HOLD,
        WebhookOrderStatus.AWAITING_SHIPMENT,
        WebhookOrderStatus.AWAITING_COLLECTION,
        WebhookOrderStatus.IN_TRANSIT,
        WebhookOrderStatus.DELIVERED,
    ]
    assert {e.shop_id for e in inbox.events} == {fake.shops[0].id}


def test_a_cancelled_order_is_reported_as_cancel(
    fake: FakeShop, shop: ShopClient, inbox: Inbox
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    shop.returns.cancel_order(order.id, cancel_reason="seller_cancel_reason_out_of_stock")
    last = inbox.of(OrderStatusChangeEvent)[-1]
    assert isinstance(last, OrderStatusChangeEvent)
    assert last.data.order_status is WebhookOrderStatus.CANCEL
    assert last.data.normalized_status is WebhookOrderStatus.CANCELLED


def test_a_partial_shipment_sends_a_package_split(
    fake: FakeShop, shop: ShopClient, inbox: Inbox
) -> None:
    order = fake.create_orders(
        1, status="AWAITING_SHIPMENT", shipping_type="SELLER", items=[("TS-TEE-WHT-M", 2)]
    )[0]
    result = shop.fulfillment.mark_shipped(
        order.id,
        tracking_number="491234567890",
        shipping_provider_id=YAMATO,
        order_line_item_ids=[order.line_items[0].id],
    )
    (event,) = inbox.of(PackageUpdateEvent)
    assert isinstance(event, PackageUpdateEvent)
    assert event.data.sc_type is PackageChangeType.SPLIT
    assert [p.package_id for p in event.data.package_list] == [order.package_id, result.package_id]


def test_product_status_changes_send_type_5(fake: FakeShop, shop: ShopClient, inbox: Inbox) -> None:
    product = fake.product_by_sku("MG-MINO-AI")
    shop.products.deactivate([product.id])
    shop.products.activate([product.id])
    fake.approve_products()
    kinds = [
        (e.data.product_id, e.data.status)
        for e in inbox.of(ProductStatusChangeEvent)
        if isinstance(e, ProductStatusChangeEvent)
    ]
    assert kinds == [(product.id, ProductChangeKind.PRODUCT_STATUS_CHANGED)] * 3


def test_a_new_product_passing_review_sends_first_pass_review(
    fake: FakeShop, shop: ShopClient, inbox: Inbox
) -> None:
    created = shop.products.create(
        {
            "title": "南部鉄器 鉄瓶 1.2L",
            "description": "<p>岩手県産</p>",
            "category_id": "600011",
            "package_weight": {"value": "300", "unit": "GRAM"},
            "main_images": [{"uri": "tos-alisg-i-aphluv4xwc-sg/abc"}],
            "skus": [
                {
                    "seller_sku": "KT-NBT-12",
                    "price": {"amount": "19800", "currency": "JPY"},
                    "inventory": [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 3}],
                }
            ],
        }
    )
    fake.clock.advance(hours=2)
    fake.product(created.product_id)
    (event,) = inbox.of(ProductStatusChangeEvent)
    assert isinstance(event, ProductStatusChangeEvent)
    assert event.data.status is ProductChangeKind.PRODUCT_FIRST_PASS_REVIEW


def test_inventory_updates_send_no_product_status_change(
    fake: FakeShop, shop: ShopClient, inbox: Inbox
) -> None:
    live = fake.product_by_sku("MG-MINO-AI")
    rows = [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 5}]
    shop.products.update_inventory(live.id, [{"sku_id": live.skus[0].id, "inventory": rows}])
    assert inbox.of(ProductStatusChangeEvent) == []


def test_cancellation_changes_send_type_11_in_webhook_spelling(
    fake: FakeShop, shop: ShopClient, inbox: Inbox
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    (request,) = shop.returns.search_cancellations(order_ids=[order.id])
    shop.returns.reject_cancellation(request.cancel_id, reject_reason="seller_reject_apply_other")
    statuses = [
        (e.data.cancel_id, e.data.cancel_status)
        for e in inbox.of(CancellationStatusChangeEvent)
        if isinstance(e, CancellationStatusChangeEvent)
    ]
    assert statuses == [
        (request.cancel_id, CancellationStatus.CANCELLATION_REQUEST_PENDING),
        (request.cancel_id, CancellationStatus.CANCELLATION_REQUEST_CANCELLED),
    ]


def test_a_return_request_sends_type_12(fake: FakeShop, inbox: Inbox) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    request = fake.request_return(order.id)
    (event,) = inbox.of(ReturnStatusChangeEvent)
    assert isinstance(event, ReturnStatusChangeEvent)
    assert (event.data.return_id, event.data.order_id) == (request.return_id, order.id)


def test_twice_delivers_each_notification_twice_for_dedupe(fake: FakeShop) -> None:
    inbox = Inbox(fake)
    fake.deliver_webhooks_to(inbox, twice=True)
    fake.create_orders(2, status="UNPAID")
    seen = SeenNotifications()
    fresh = [e for e in inbox.events if not seen.seen_before(dedupe_key(e))]
    assert len(inbox.events) == 4
    assert len(fresh) == 2
    assert inbox.events[0].tts_notification_id == inbox.events[1].tts_notification_id


def test_deliveries_are_logged_in_order(fake: FakeShop, inbox: Inbox) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.buyer_cancel(order.id)
    assert [d.type for d in fake.webhook_deliveries] == [1, 11]
    assert fake.webhook_deliveries[1].json()["data"]["order_id"] == order.id


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[tuple[dict[str, str], bytes]]]]:
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers.items()), body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/tiktok/webhooks", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_loopback_url_receives_signed_posts(
    fake: FakeShop, loopback: tuple[str, list[tuple[dict[str, str], bytes]]]
) -> None:
    url, received = loopback
    fake.deliver_webhooks_to(url)
    fake.create_orders(1, status="UNPAID")
    verifier = WebhookVerifier(app_key=fake.app_key, app_secret=fake.app_secret)
    ((headers, body),) = received
    assert isinstance(verifier.parse(body, headers), OrderStatusChangeEvent)
    assert fake.webhook_deliveries[0].status == 200


def test_only_loopback_urls_are_accepted(fake: FakeShop) -> None:
    with pytest.raises(ValueError, match="loopback"):
        fake.deliver_webhooks_to("https://example.com/hooks")
