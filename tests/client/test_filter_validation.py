"""Enum filters are checked before sending: a value TikTok does not list is the caller's typo."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tiktokshop_sync import (
    AuthenticationError,
    InvalidArgumentError,
    InvalidRequestError,
    ShopClient,
)
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.types.order import OrderStatus
from tiktokshop_sync.types.product import ProductStatus

Call = Callable[[ShopClient], Any]

BAD: list[tuple[str, Call, str]] = [
    ("order status", lambda s: s.orders.search(status="SHIPPED"), "AWAITING_SHIPMENT"),
    ("shipping type", lambda s: s.orders.search(shipping_type="TIKTOK_DIGITAL"), "SELLER"),
    ("order sort field", lambda s: s.orders.search(sort_field="paid_time"), "update_time"),
    ("sort order", lambda s: s.orders.search(sort_order="desc"), "DESC"),
    (
        "package status",
        lambda s: s.fulfillment.search_packages(package_status="SHIPPED"),
        "FULFILLING",
    ),
    (
        "package sort field",
        lambda s: s.fulfillment.search_packages(sort_field="pay_time"),
        "order_pay_time",
    ),
    (
        "document type",
        lambda s: s.fulfillment.shipping_document("1152921504606846976", document_type="LABEL"),
        "SHIPPING_LABEL",
    ),
    (
        "document size",
        lambda s: s.fulfillment.shipping_document("1152921504606846976", document_size="A4"),
        "A6",
    ),
    ("product status", lambda s: s.products.search(status="LIVE"), "ACTIVATE"),
    ("category version", lambda s: s.products.search(category_version="v3"), "v1"),  # type: ignore[typeddict-item]
    (
        "image use case",
        lambda s: s.products.upload_image(b"\x89PNG", use_case="COVER"),
        "MAIN_IMAGE",
    ),
    ("cancel type", lambda s: s.returns.search_cancellations(cancel_types=["SELLER"]), "CANCEL"),
    (
        "cancel status",
        lambda s: s.returns.search_cancellations(cancel_status=["PENDING"]),
        "CANCELLATION_REQUEST_PENDING",
    ),
    ("return type", lambda s: s.returns.search_returns(return_types=["EXCHANGE"]), "REPLACEMENT"),
    (
        "return status",
        lambda s: s.returns.search_returns(return_status=["RETURN_OR_REFUND_REQUEST_PENDING", "X"]),
        "AWAITING_BUYER_SHIP",
    ),
    ("return sort field", lambda s: s.returns.search_returns(sort_field="id"), "create_time"),
]


@pytest.mark.parametrize(("what", "call", "valid"), BAD, ids=[b[0] for b in BAD])
def test_an_unknown_enum_value_is_refused_before_sending_with_the_valid_values(
    fake: FakeShop, shop: ShopClient, what: str, call: Call, valid: str
) -> None:
    sent = len(fake.requests)
    with pytest.raises(InvalidArgumentError) as caught:
        call(shop)
    assert valid in str(caught.value)
    assert len(fake.requests) == sent


def test_a_status_typo_is_an_argument_error_not_an_authentication_failure(
    shop: ShopClient,
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        shop.orders.search(status="SHIPPED")
    assert not isinstance(caught.value, AuthenticationError)
    assert "UNPAID, ON_HOLD, AWAITING_SHIPMENT" in str(caught.value)


def test_a_lower_case_status_suggests_the_documented_spelling(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="Did you mean 'AWAITING_SHIPMENT'"):
        shop.orders.search(status="awaiting_shipment")


def test_a_bare_string_for_a_list_filter_is_refused(shop: ShopClient) -> None:
    with pytest.raises(InvalidArgumentError, match="must be a list"):
        shop.returns.search_returns(return_types="REFUND")  # type: ignore[typeddict-item]


def test_enum_members_and_documented_strings_are_sent_as_their_values(
    fake: FakeShop, shop: ShopClient
) -> None:
    fake.create_orders(2, status="AWAITING_SHIPMENT")
    found = list(shop.orders.search(status=OrderStatus.AWAITING_SHIPMENT, shipping_type="SELLER"))
    assert all(order.status == "AWAITING_SHIPMENT" for order in found)
    assert list(shop.products.search(status=ProductStatus.ACTIVATE)) is not None
    assert list(shop.returns.search_returns(return_types=["REFUND", "RETURN_AND_REFUND"])) == []


def test_a_bad_filter_sent_anyway_is_an_invalid_request_not_an_authentication_failure(
    shop: ShopClient,
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        shop.request(
            "POST",
            "/order/202309/orders/search",
            query={"page_size": 10},
            json={"order_status": "SHIPPED"},
        )
    assert caught.value.code == 36009004
    assert not isinstance(caught.value, AuthenticationError)
