"""Reply fields TikTok documents, read the way its documentation and examples need."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from pydantic import ValidationError

from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.types.fulfillment import PackageDetail, TrackingEvent
from tiktokshop_sync.types.order import InvoiceRequirement, LineItem, Order
from tiktokshop_sync.types.product import Product
from tiktokshop_sync.types.returns import Return


@pytest.mark.parametrize(
    ("sent", "read"), [("true ", True), ("FALSE", False), (" true", True), ("", None), (True, True)]
)
def test_a_flag_sent_as_a_padded_string_reads_as_a_boolean(sent: object, read: object) -> None:
    with strict_models():
        assert (
            Return(return_id="1", order_id="2", is_combined_return=sent).is_combined_return is read
        )


def test_a_flag_that_is_no_boolean_at_all_is_still_an_error() -> None:
    with pytest.raises(ValidationError):
        Return(return_id="1", order_id="2", is_combined_return="perhaps")


def test_tiktoks_unknown_invoice_state_is_a_known_value() -> None:
    with strict_models():
        order = Order(id="1", status="UNPAID", need_upload_invoice="UNKNOWN")
    assert order.need_upload_invoice is InvoiceRequirement.UNCONFIRMED
    assert order.need_upload_invoice.is_known


def test_the_line_status_tiktoks_examples_send_is_known() -> None:
    with strict_models():
        item = LineItem(id="1", display_status="TO_SHIP")
    assert item.display_status is not None and item.display_status.is_known


def test_new_order_times_read_as_aware_datetimes() -> None:
    order = Order(id="1", status="AWAITING_SHIPMENT", recommended_shipping_time=1700000000)
    assert order.recommended_shipping_time == datetime.fromtimestamp(1700000000, timezone.utc)


def test_new_line_item_fees_read_as_decimals() -> None:
    item = LineItem(id="1", buyer_service_fee="1000", pfand_fee="0.25")
    assert (item.buyer_service_fee, item.pfand_fee) == (Decimal("1000"), Decimal("0.25"))


def test_a_tracking_event_gives_its_millisecond_time_as_a_datetime() -> None:
    event = TrackingEvent(update_time_millis=1700000000123)
    assert event.update_time == datetime(2023, 11, 14, 22, 13, 20, 123000, tzinfo=timezone.utc)
    assert TrackingEvent().update_time is None


def test_a_sku_reads_its_list_price_pre_sale_and_fees() -> None:
    product = Product.model_validate(
        {
            "id": "1",
            "skus": [
                {
                    "id": "2",
                    "price": {"sale_price": "1980", "unit_price": "3.96", "currency": "JPY"},
                    "list_price": {"amount": "2480", "currency": "JPY"},
                    "pre_sale": {"type": "PRE_ORDER", "fulfillment_type": {"release_date": 1}},
                    "fees": [{"type": "PFAND", "amount": "0.25"}],
                }
            ],
        }
    )
    sku = product.skus[0]
    assert sku.price is not None and sku.price.unit_price == Decimal("3.96")
    assert sku.list_price is not None and sku.list_price.amount == Decimal("2480")
    assert sku.pre_sale is not None and str(sku.pre_sale.type) == "PRE_ORDER"
    assert sku.fees[0].amount == Decimal("0.25")


@pytest.mark.parametrize(
    "model",
    [
        Order(id="1", status="UNPAID", cpf="123.456.789-09", cpf_name="Maria Silva"),
        PackageDetail.model_validate(
            {
                "package_id": "1",
                "recipient_address": {"name": "Maria Silva", "phone_number": "(+81)90-1234-5678"},
                "sender_address": {"full_address": "東京都渋谷区神南1-2-3"},
            }
        ),
        Return.model_validate(
            {
                "return_id": "1",
                "order_id": "2",
                "return_warehouse_address": {"full_address": "東京都渋谷区神南1-2-3"},
            }
        ),
    ],
)
def test_new_personal_fields_stay_out_of_reprs(model: object) -> None:
    shown = repr(model)
    for secret in ("123.456.789-09", "Maria Silva", "90-1234-5678", "神南"):
        assert secret not in shown
