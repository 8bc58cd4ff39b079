"""``require_*`` accessors: a field TikTok may leave out, asked for as required, is either there
or a typed error naming the order, never None read as zero or an empty address."""

from __future__ import annotations

import pickle

import pytest

from tiktokshop_sync import MissingFieldError, ShopClient, TikTokShopError
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.order import Order

BARE = {"id": "577086512123755123", "status": "UNPAID"}


@pytest.fixture
def order(fake: FakeShop, shop: ShopClient) -> Order:
    fake.create_orders(1, status="AWAITING_SHIPMENT")
    return shop.orders.search().to_list()[0]


def test_require_payment_returns_the_payment_tiktok_sent(order: Order) -> None:
    assert order.require_payment() is order.payment
    assert order.require_payment().total_amount is not None


def test_require_recipient_address_returns_the_address_tiktok_sent(order: Order) -> None:
    assert order.require_recipient_address() is order.recipient_address


def test_a_missing_payment_is_a_typed_error_naming_the_order() -> None:
    with pytest.raises(MissingFieldError, match="Order.payment for 577086512123755123"):
        Order.model_validate(BARE).require_payment()


def test_a_missing_address_is_a_typed_error_naming_the_field() -> None:
    with pytest.raises(MissingFieldError) as caught:
        Order.model_validate(BARE).require_recipient_address()

    assert (caught.value.model, caught.value.field) == ("Order", "recipient_address")
    assert isinstance(caught.value, TikTokShopError)
    assert isinstance(caught.value, ValueError)


def test_the_error_survives_pickling_for_process_pools() -> None:
    error = pickle.loads(pickle.dumps(MissingFieldError("Order", "payment", "1")))

    assert (error.model, error.field, error.record_id) == ("Order", "payment", "1")
