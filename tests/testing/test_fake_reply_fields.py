"""The documented reply fields the fake fills in, one behaviour each (issue 12, build item 3).

``test_fake_conformance.py`` checks every reply against TikTok's reference; these pin what the
values mean: a replacement's statuses and order, a returnless refund, the return parcel, the
package's addresses and booked size, the products' JAN codes and audit states.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tiktokshop_sync.testing import FakeShop

Call = Callable[..., httpx.Response]
RETURNS = "/return_refund/202309/returns"


def data(response: httpx.Response) -> Any:
    payload = response.json()
    assert payload["code"] == 0, payload
    return payload["data"]


def returns(call: Call) -> dict[str, Any]:
    found = data(call("POST", f"{RETURNS}/search", body={}, query={"page_size": "50"}))
    return {r["return_id"]: r for r in found["return_orders"]}


def approve(call: Call, return_id: str, decision: str, **extra: Any) -> httpx.Response:
    return call("POST", f"{RETURNS}/{return_id}/approve", body={"decision": decision, **extra})


# --- replacements ------------------------------------------------------------------------------


def test_a_replacement_request_waits_as_replacement_request_pending(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REPLACEMENT")
    wire = returns(call)[record.return_id]
    assert wire["return_status"] == "REPLACEMENT_REQUEST_PENDING"
    assert wire["seller_next_action_response"][0]["action"] == "SELLER_RESPOND_REPLACEMENT"


def test_an_approved_replacement_completes_with_a_free_order_ready_to_ship(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REPLACEMENT")
    data(approve(call, record.return_id, "APPROVE_REPLACEMENT"))
    assert returns(call)[record.return_id]["return_status"] == "REPLACEMENT_REQUEST_COMPLETE"
    (made,) = [o for o in fake.orders_of() if o.replaced_order_id == order.id]
    wire = data(call("GET", "/order/202309/orders", query={"ids": made.id}))["orders"][0]
    assert (wire["status"], wire["is_replacement_order"], wire["replaced_order_id"]) == (
        "AWAITING_SHIPMENT",
        True,
        order.id,
    )
    assert [i["sku_id"] for i in wire["line_items"]] == [i.sku_id for i in order.line_items]
    assert wire["payment"]["total_amount"] == "0"
    assert wire["packages"] and wire["line_items"][0]["package_status"] == "TO_FULFILL"


def test_a_rejected_replacement_is_replacement_request_reject(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REPLACEMENT")
    body = {"decision": "REJECT_REPLACEMENT", "reject_reason": "seller_reject_apply_other"}
    data(call("POST", f"{RETURNS}/{record.return_id}/reject", body=body))
    assert returns(call)[record.return_id]["return_status"] == "REPLACEMENT_REQUEST_REJECT"


def test_an_exchange_is_not_a_return_type_tiktok_documents(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    with pytest.raises(ValueError, match="REFUND, RETURN_AND_REFUND, REPLACEMENT"):
        fake.request_return(order.id, return_type="EXCHANGE")


# --- returns -----------------------------------------------------------------------------------


def test_a_returnless_refund_lets_the_buyer_keep_the_item(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="RETURN_AND_REFUND")
    assert returns(call)[record.return_id]["can_buyer_keep_item"] is False
    data(approve(call, record.return_id, "APPROVE_RETURN", buyer_keep_item=True))
    wire = returns(call)[record.return_id]
    assert (wire["return_status"], wire["can_buyer_keep_item"]) == (
        "RETURN_OR_REFUND_REQUEST_SUCCESS",
        True,
    )
    assert "return_warehouse_address" not in wire  # nothing travels back


def test_keeping_the_item_goes_only_with_approve_return(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    reply = approve(call, record.return_id, "APPROVE_REFUND", buyer_keep_item=True)
    assert reply.json()["code"] == 25001001


def test_an_approved_return_travels_back_to_the_return_warehouse(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="RETURN_AND_REFUND")
    data(approve(call, record.return_id, "APPROVE_RETURN"))
    wire = returns(call)[record.return_id]
    returned_to = next(w for w in fake.warehouses() if w.type == "RETURN_WAREHOUSE")
    address = returned_to.to_wire()["address"]["full_address"]
    assert wire["return_warehouse_address"] == {"full_address": address}
    assert (wire["shipment_type"], wire["return_method"]) == ("PLATFORM", "PLATFORM_SHIPPED")
    assert wire["shipping_fee_amount"][0]["seller_paid_return_shipping_fee"] == "930"
    assert wire["return_tracking_number"] == ""
    fake.set_return_status(record.return_id, "BUYER_SHIPPED_ITEM")
    shipped = returns(call)[record.return_id]
    assert len(shipped["return_tracking_number"]) == 12
    assert shipped["return_provider_name"] == "Yamato Transport"
    assert shipped["seller_next_action_response"][0]["action"] == ("SELLER_RESPOND_RECEIVE_PACKAGE")


def test_a_decided_return_asks_nothing_more_of_the_seller(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="DELIVERED")[0]
    record = fake.request_return(order.id, return_type="REFUND")
    pending = returns(call)[record.return_id]
    (action,) = pending["seller_next_action_response"]
    assert action["action"] == "SELLER_RESPOND_REFUND"
    assert action["deadline"] == pending["update_time"] + 48 * 3600
    data(approve(call, record.return_id, "APPROVE_REFUND"))
    assert "seller_next_action_response" not in returns(call)[record.return_id]


def test_return_lines_carry_their_sku_name_picture_and_discounts(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="DELIVERED", items=[("TS-TEE-BLK-M", 1)])[0]
    record = fake.request_return(order.id, return_type="REFUND")
    wire = returns(call)[record.return_id]
    (line,) = wire["return_line_items"]
    item = order.line_items[0]
    assert (line["sku_name"], line["product_image"]["url"]) == ("ブラック, M", item.sku_image)
    (discounts,) = wire["discount_amount"]
    assert discounts["product_seller_discount"] == str(item.seller_discount)


# --- cancellations -----------------------------------------------------------------------------


def test_cancelled_lines_have_their_own_ids_and_pictures(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", items=[("KT-NBT-06", 2)])[0]
    fake.cancel(order.id)
    found = data(
        call("POST", "/return_refund/202309/cancellations/search", body={"order_ids": [order.id]})
    )
    (record,) = found["cancellations"]
    ids = [line["cancel_line_item_id"] for line in record["cancel_line_items"]]
    assert len(set(ids)) == 2 and all(len(i) == 19 for i in ids)
    assert {line["sku_name"] for line in record["cancel_line_items"]} == {"0.6L"}
    assert "should_replenish_stock" not in record  # not in the reference


# --- orders ------------------------------------------------------------------------------------


def test_an_operators_cancellation_shows_as_the_systems_on_the_order(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    fake.cancel(order.id, by="OPERATOR")
    wire = data(call("GET", "/order/202309/orders", query={"ids": order.id}))["orders"][0]
    assert wire["cancellation_initiator"] == "SYSTEM"
    assert {item["cancel_user"] for item in wire["line_items"]} == {"OPERATOR"}


def test_a_split_order_says_so(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(
        1, status="AWAITING_SHIPMENT", shipping_type="SELLER", items=[("MG-MINO-AI", 2)]
    )[0]
    wire = data(call("GET", "/order/202309/orders", query={"ids": order.id}))["orders"][0]
    assert "split_or_combine_tag" not in wire
    body = {
        "tracking_number": "412345678901",
        "shipping_provider_id": fake.shipping_providers()[0].shipping_provider_id,
        "order_line_item_ids": [order.line_items[0].id],
    }
    data(call("POST", f"/fulfillment/202309/orders/{order.id}/packages", body=body))
    wire = data(call("GET", "/order/202309/orders", query={"ids": order.id}))["orders"][0]
    assert wire["split_or_combine_tag"] == "SPLIT"


def test_a_card_order_names_its_payment_method_from_version_202507(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(
        1, status="AWAITING_SHIPMENT", payment_method_name="Credit/debit card"
    )[0]
    old = data(call("GET", "/order/202309/orders", query={"ids": order.id}))["orders"][0]
    new = data(call("GET", "/order/202507/orders", query={"ids": order.id}))["orders"][0]
    assert "payment_method_code" not in old
    assert new["payment_card_type"] == "Credit"
    assert new["payment_method_code"].startswith("pm_pi_ccdc_")


def test_every_paid_order_says_when_it_must_be_delivered(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    wire = data(call("GET", "/order/202309/orders", query={"ids": order.id}))["orders"][0]
    assert wire["delivery_option_required_delivery_time"] == wire["delivery_due_time"]
    assert {item["gift_retail_price"] for item in wire["line_items"]} == {"0"}


# --- packages ----------------------------------------------------------------------------------


def test_a_package_shows_both_addresses(fake: FakeShop, call: Call) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0]
    wire = data(call("GET", f"/fulfillment/202309/packages/{order.package_id}"))
    assert wire["recipient_address"]["postal_code"] == order.recipient.postal_code
    assert wire["recipient_address"]["name"] == order.recipient.name
    warehouse = fake.warehouses()[0].to_wire()["address"]
    assert wire["sender_address"]["full_address"] == warehouse["full_address"]
    assert wire["sender_address"]["name"] == "佐藤 花子"
    assert "package_sub_status" not in wire and "warehouse_id" not in wire


def test_a_tiktok_shipped_package_is_masked_and_carries_its_booked_size(
    fake: FakeShop, call: Call
) -> None:
    order = fake.create_orders(
        1, status="AWAITING_SHIPMENT", shipping_type="TIKTOK", items=[("KT-NBT-06", 1)]
    )[0]
    wire = data(call("GET", f"/fulfillment/202309/packages/{order.package_id}"))
    assert wire["recipient_address"]["name"] != order.recipient.name
    assert "*" in wire["recipient_address"]["name"]
    assert wire["weight"] == {"value": "1220", "unit": "GRAM"}  # the kettle and its packing
    assert wire["dimension"] == {"length": "22", "width": "20", "height": "17", "unit": "CM"}


def test_a_package_notes_whether_the_buyer_left_a_message(fake: FakeShop, call: Call) -> None:
    noted = fake.create_orders(1, status="AWAITING_SHIPMENT", buyer_message="置き配希望")[0]
    plain = fake.create_orders(1, status="AWAITING_SHIPMENT", buyer_message="")[0]
    tags = [
        data(call("GET", f"/fulfillment/202309/packages/{o.package_id}"))["note_tag"]
        for o in (noted, plain)
    ]
    assert tags == ["BUYER_NOTED", "BUYER_UNNOTED"]


# --- products and logistics --------------------------------------------------------------------


def test_built_in_skus_carry_valid_jan_codes(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("KT-NBT-06")
    sku = data(call("GET", f"/product/202309/products/{product.id}"))["skus"][0]
    code = sku["identifier_code"]
    assert code["type"] == "JAN" and code["code"].startswith("49") and len(code["code"]) == 13
    digits = [int(d) for d in code["code"]]
    assert (sum(digits[0:12:2]) + 3 * sum(digits[1:12:2]) + digits[12]) % 10 == 0


def test_built_in_products_have_brand_package_and_attributes(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("TS-TEE-BLK-M")
    wire = data(call("GET", f"/product/202309/products/{product.id}"))
    assert wire["brand"]["name"] == "さくら商店"
    assert wire["package_weight"] == {"value": "0.25", "unit": "KILOGRAM"}
    assert wire["package_dimensions"]["unit"] == "CENTIMETER"
    names = {a["name"]: a["values"][0]["name"] for a in wire["product_attributes"]}
    assert names == {"原産国": "インド", "素材": "綿100%"}
    assert wire["size_chart"]["image"]["uri"]


@pytest.mark.parametrize(
    ("status", "audit", "product_status", "sku_status"),
    [
        ("ACTIVATE", "APPROVED", "ACTIVATE", {"status": "NORMAL"}),
        (
            "SELLER_DEACTIVATED",
            "NONE",
            "SELLER_DEACTIVATED",
            {"status": "DEACTIVATED", "deactivation_source": "SELLER"},
        ),
        (
            "PLATFORM_DEACTIVATED",
            "NONE",
            "PLATFORM_DEACTIVATED",
            {"status": "DEACTIVATED", "deactivation_source": "PLATFORM"},
        ),
        ("FREEZE", "NONE", "FREEZE", {"status": "NORMAL"}),
        ("FAILED", "FAILED", "INITIAL", {"status": "NORMAL"}),
    ],
)
def test_a_products_audit_and_sku_status_follow_its_status(
    fake: FakeShop, call: Call, status: str, audit: str, product_status: str, sku_status: Any
) -> None:
    product = fake.product_by_sku("FD-MATCHA-100")
    fake.set_product_status(product.id, status)
    wire = data(call("GET", f"/product/202309/products/{product.id}"))
    assert (wire["audit"]["status"], wire["product_status"]) == (audit, product_status)
    assert wire["skus"][0]["status_info"] == sku_status
    assert ("audit_failed_reasons" in wire) is (status == "FAILED")


def test_a_draft_is_not_audited_and_a_new_product_is_initial(fake: FakeShop, call: Call) -> None:
    body = {
        "title": "有田焼 豆皿 5枚セット",
        "description": "<p>豆皿です。</p>",
        "category_id": "600011",
        "package_weight": {"value": "300", "unit": "GRAM"},
        "main_images": [{"uri": "tos-alisg-i-aphluv4xwc-sg/0123456789abcdef0123456789abcdef"}],
        "skus": [
            {
                "seller_sku": "PL-ARITA-5",
                "price": {"amount": "3300", "currency": "JPY"},
                "inventory": [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 20}],
                "sales_attributes": [{"name": "カラー", "value_name": "藍"}],
                "identifier_code": {"type": "JAN", "code": "4901234567894"},
            }
        ],
    }
    created = data(call("POST", "/product/202309/products", body=body))
    (attribute,) = created["skus"][0]["sales_attributes"]
    assert set(attribute) == {"id", "value_id"}  # what Create Product documents
    listed = data(call("GET", f"/product/202309/products/{created['product_id']}"))
    assert (listed["audit"]["status"], listed["product_status"]) == ("AUDITING", "INITIAL")
    assert listed["skus"][0]["identifier_code"] == {"type": "JAN", "code": "4901234567894"}
    draft = data(call("POST", "/product/202309/products", body={**body, "save_mode": "AS_DRAFT"}))
    wire = data(call("GET", f"/product/202309/products/{draft['product_id']}"))
    assert (wire["audit"]["status"], wire["product_status"]) == ("NONE", "DRAFT")


def test_all_available_stock_is_the_shops_own(fake: FakeShop, call: Call) -> None:
    product = fake.product_by_sku("KT-NBT-06")
    found = data(
        call("POST", "/product/202309/inventory/search", body={"product_ids": [product.id]})
    )
    sku = found["inventory"][0]["skus"][0]
    distribution = sku["total_available_inventory_distribution"]
    assert distribution["in_shop_inventory"]["quantity"] == sku["total_available_quantity"]
    assert (distribution["campaign_inventory"], distribution["creator_inventory"]) == ([], [])


def test_warehouses_say_where_they_are(call: Call) -> None:
    warehouses = data(call("GET", "/logistics/202309/warehouses"))["warehouses"]
    location = warehouses[0]["address"]["geolocation"]
    assert 35.5 < float(location["latitude"]) < 35.7  # Chiba
    assert 140.0 < float(location["longitude"]) < 140.2
