"""A search reply of orders in TikTok's official order shape, with realistic Japanese text.

The template is the union of the first order of TikTok's own Get Order List (``POST
/order/202309/orders/search``) and Get Order Detail response examples in
``../shared/reference/tiktok-spec/api/orders/``: each example holds every field its endpoint
documents (149 and 147 paths), so every documented field is present in every order. Each order
then gets its own ids, times, status, yen amounts, and Japanese names, addresses (four
``district_info`` levels, as a Japanese address has), product names and messages, drawn from
a seeded generator so the bytes are the same in every run. One order in ten has two line items.

The FakeShop's own orders are lighter (fewer amounts and timestamps), which is why issue 19
asks for this shape: about 28 amounts and 15 timestamps per order, ~3.9 KB of JSON each.
"""

from __future__ import annotations

import copy
import functools
import json
import random
import sys
from pathlib import Path
from typing import Any

__all__ = ["PAGE_SIZE", "official_orders", "official_reply", "shape_stats", "template_order"]

REPO = (
    Path(__file__).resolve().parent.parent
)  # also loaded by tests/, without benchmarks/ on the path
PAGE_SIZE = 100
SEED = 19
CREATED_FROM = 1_748_736_000  # 2025-06-01 00:00 JST

_FAMILY = [("山田", "ヤマダ"), ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"),
           ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("中村", "ナカムラ"),
           ("小林", "コバヤシ"), ("加藤", "カトウ")]  # fmt: skip
_GIVEN = [("太郎", "タロウ"), ("花子", "ハナコ"), ("美咲", "ミサキ"), ("翔太", "ショウタ"),
          ("陽菜", "ヒナ"), ("大輔", "ダイスケ"), ("由美", "ユミ"),
          ("健一", "ケンイチ")]  # fmt: skip
#: (postal code, prefecture, city, town)
_PLACES = [
    ("150-0041", "東京都", "渋谷区", "神南"),
    ("530-0001", "大阪府", "大阪市北区", "梅田"),
    ("460-0008", "愛知県", "名古屋市中区", "栄"),
    ("060-0042", "北海道", "札幌市中央区", "大通西"),
    ("812-0011", "福岡県", "福岡市博多区", "博多駅前"),
    ("980-0021", "宮城県", "仙台市青葉区", "中央"),
    ("220-0012", "神奈川県", "横浜市西区", "みなとみらい"),
    ("900-0015", "沖縄県", "那覇市", "久茂地"),
]
_BUILDINGS = ["グランドメゾン", "パークハイツ", "サンシティ", "コーポ", "レジデンス"]
_PRODUCTS = [
    ("【公式】オーガニックコットン 半袖Tシャツ メンズ レディース 日本製", "ホワイト / M", 2980),
    ("国産 無添加 ドライフルーツ ミックス 500g 訳あり 送料無料", "500g × 1袋", 1680),
    ("保湿 化粧水 敏感肌 ヒアルロン酸 セラミド 200ml 【医薬部外品】", "200ml", 3300),
    ("ワイヤレスイヤホン Bluetooth5.3 ノイズキャンセリング 防水 長時間再生", "ブラック", 4980),
    ("北海道産 ゆめぴりか 5kg 令和6年産 精米 お米", "5kg", 3980),
    ("ステンレス 真空断熱 タンブラー 420ml 蓋付き 保温 保冷 おしゃれ", "シルバー", 1980),
]
_MESSAGES = [
    "",
    "ギフト包装をお願いします。",
    "午前中の配達を希望します。",
    "不在時は置き配でお願いします。",
]
_NOTES = ["", "検品済み・同梱可", "ギフト対応", "要確認：住所の建物名"]
_STATUSES = (
    ["AWAITING_SHIPMENT"] * 12 + ["AWAITING_COLLECTION"] * 2 + ["IN_TRANSIT"] * 2
    + ["UNPAID", "ON_HOLD", "DELIVERED", "COMPLETED", "CANCELLED"]
)  # fmt: skip
#: Deadlines and SLA times, each a few days after payment.
_DEADLINES = (
    "rts_sla_time", "tts_sla_time", "shipping_due_time", "collection_due_time",
    "delivery_due_time", "delivery_sla_time", "cancel_order_sla_time", "pick_up_cut_off_time",
    "fast_dispatch_sla_time", "delivery_option_required_delivery_time",
    "recommended_shipping_time",
)  # fmt: skip
_CARRIERS = [("ヤマト運輸", "7208502187360519982"), ("佐川急便", "7208502187360519983"),
             ("日本郵便", "7208502187360519984")]  # fmt: skip


@functools.cache
def _examples() -> tuple[dict[str, Any], dict[str, Any]]:
    sys.path.insert(0, str(REPO / "tests"))
    try:
        from spec_oracle import find, spec_available
    finally:
        sys.path.pop(0)
    if not spec_available():
        raise SystemExit(
            "TikTok's reference snapshot is missing (expected ../shared/reference/tiktok-spec "
            "beside the checkout): the official order shape is built from its examples."
        )
    listed = find("POST", "/order/202309/orders/search", any_version=True).response_example
    detail = find("GET", "/order/202309/orders", any_version=True).response_example
    return listed["data"]["orders"][0], detail["data"]["orders"][0]


def _merge(base: Any, extra: Any) -> Any:
    """``base`` with the keys only ``extra`` has added, at every depth (lists: first item)."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = {k: _merge(v, extra.get(k)) for k, v in base.items()}
        merged.update({k: copy.deepcopy(v) for k, v in extra.items() if k not in base})
        return merged
    if isinstance(base, list) and isinstance(extra, list) and base and extra:
        return [_merge(base[0], extra[0]), *base[1:]]
    return copy.deepcopy(base)


def template_order() -> dict[str, Any]:
    """The union of TikTok's Get Order List and Get Order Detail example orders."""
    listed, detail = _examples()
    return _merge(listed, detail)  # type: ignore[no-any-return]


def _digits(rng: random.Random, n: int = 18) -> str:
    return str(rng.randrange(10 ** (n - 1), 10**n))


def _yen(value: int) -> str:
    return str(max(value, 0))


def _line_item(rng: random.Random, base: dict[str, Any], order: dict[str, Any]) -> dict[str, Any]:
    item = copy.deepcopy(base)
    name, sku, price = rng.choice(_PRODUCTS)
    seller_discount = rng.choice([0, 0, 0, 300, 500])
    platform_discount = rng.choice([0, 0, 100, 200])
    sale = price - seller_discount - platform_discount
    carrier, carrier_id = order["_carrier"]
    item.update(
        id=_digits(rng),
        sku_id=_digits(rng, 19),
        product_id=_digits(rng, 19),
        product_name=name,
        sku_name=sku,
        seller_sku=f"JP-{rng.randrange(10000, 99999)}-{rng.choice('SML')}",
        sku_image=f"https://p16-oec-sg.ibyteimg.com/tos-alisg-i-aphluv4xwc-sg/{_digits(rng, 20)}",
        original_price=_yen(price),
        sale_price=_yen(sale),
        platform_discount=_yen(platform_discount),
        seller_discount=_yen(seller_discount),
        pfand_fee="0",
        small_order_fee="0",
        retail_delivery_fee="0",
        buyer_service_fee="0",
        gift_retail_price="0",
        currency="JPY",
        display_status=order["status"],
        package_id=order["packages"][0]["id"],
        tracking_number=order["tracking_number"],
        shipping_provider_id=carrier_id,
        shipping_provider_name=carrier,
        cancel_reason="購入者都合" if order["status"] == "CANCELLED" else "",
        cancel_user="BUYER" if order["status"] == "CANCELLED" else "",
        rts_time=order["rts_time"],
        sku_type="NORMAL",
        is_gift=False,
        is_dangerous_good=False,
        needs_prescription=False,
        handling_duration_days="3",
    )
    item["item_tax"] = [
        {"tax_type": "CONSUMPTION_TAX", "tax_amount": _yen(sale * 10 // 110), "tax_rate": "0.1"}
    ]
    item["combined_listing_skus"] = [
        {
            "sku_id": item["sku_id"],
            "sku_count": 1,
            "product_id": item["product_id"],
            "seller_sku": item["seller_sku"],
        }
    ]
    return item


def _order(rng: random.Random, template: dict[str, Any], index: int) -> dict[str, Any]:
    order = copy.deepcopy(template)
    line_template = order.pop("line_items")[0]
    status = rng.choice(_STATUSES)
    created = CREATED_FROM + index * 37 + rng.randrange(30)
    paid = created + rng.randrange(5, 600)
    family, family_kana = rng.choice(_FAMILY)
    given, given_kana = rng.choice(_GIVEN)
    postal, prefecture, city, town = rng.choice(_PLACES)
    block = f"{rng.randrange(1, 5)}-{rng.randrange(1, 30)}-{rng.randrange(1, 20)}"
    building = f"{rng.choice(_BUILDINGS)}{town}{rng.randrange(1, 12)}{rng.randrange(1, 10):02d}号室"
    carrier = rng.choice(_CARRIERS)
    order.update(
        id=_digits(rng),
        status=status,
        user_id=_digits(rng, 19),
        buyer_email=f"{_digits(rng, 10)}@scs.tiktokw.jp",
        buyer_message=rng.choice(_MESSAGES),
        seller_note=rng.choice(_NOTES),
        shipping_provider=carrier[0],
        shipping_provider_id=carrier[1],
        tracking_number="-".join(str(rng.randrange(1000, 9999)) for _ in range(3)),
        delivery_option_id=_digits(rng, 19),
        delivery_option_name="標準配送",
        delivery_type="HOME_DELIVERY",
        warehouse_id=_digits(rng, 19),
        payment_method_name="クレジットカード",
        payment_method_code="CARD",
        payment_card_type="Credit",
        payment_auth_code=f"A{rng.randrange(100000, 999999)}",
        replaced_order_id="",
        exchange_source_order_id="",
        auto_combine_group_id="",
        consultation_id="",
        cpf="",
        cpf_name="",
        channel_entity_national_registry_id="",
        cancel_reason="購入者都合" if status == "CANCELLED" else "",
        cancellation_initiator="BUYER" if status == "CANCELLED" else "SELLER",
        need_upload_invoice="NO_NEED",
        order_type="NORMAL",
        fast_delivery_program="",
        fulfillment_priority_level=rng.randrange(0, 100),
        _carrier=carrier,
    )
    order["packages"] = [{"id": _digits(rng)}]
    for offset, name in enumerate(_DEADLINES):
        order[name] = paid + 86_400 * (1 + offset % 4) + 3_600 * offset
    order.update(
        create_time=created,
        paid_time=paid,
        update_time=paid + rng.randrange(60, 7_200),
        rts_time=paid + rng.randrange(3_600, 86_400),
        collection_time=paid + 90_000,
        delivery_time=paid + 180_000,
        cancel_time=paid + 3_000,
        request_cancel_time=paid + 2_000,
        release_date=created,
    )
    order["recipient_address"].update(
        name=f"{family} {given}",
        first_name=given,
        last_name=family,
        first_name_local_script=given_kana,
        last_name_local_script=family_kana,
        phone_number=f"(+81)90-****-{rng.randrange(1000, 9999)}",
        full_address=f"{prefecture}{city}{town}{block} {building}",
        address_detail=f"{block} {building}",
        address_line1=f"{town}{block}",
        address_line2=building,
        address_line3="",
        address_line4="",
        postal_code=postal,
        region_code="JP",
        post_town=city,
        delivery_preferences={"drop_off_location": rng.choice(["玄関前", "宅配ボックス", ""])},
        district_info=[
            {"address_level_name": "Country", "address_name": "日本", "address_level": "L0"},
            {"address_level_name": "Prefecture", "address_name": prefecture, "address_level": "L1"},
            {"address_level_name": "City", "address_name": city, "address_level": "L2"},
            {"address_level_name": "Town", "address_name": town, "address_level": "L3"},
        ],
    )
    items = [_line_item(rng, line_template, order) for _ in range(2 if index % 10 == 9 else 1)]
    order["line_items"] = items
    del order["_carrier"]
    original = sum(int(i["original_price"]) for i in items)
    seller = sum(int(i["seller_discount"]) for i in items)
    platform = sum(int(i["platform_discount"]) for i in items)
    shipping = rng.choice([0, 550, 770])
    shipping_discount = shipping if shipping and rng.random() < 0.3 else 0
    total = original - seller - platform + shipping - shipping_discount
    order["payment"].update(
        currency="JPY",
        sub_total=_yen(original - seller - platform),
        shipping_fee=_yen(shipping - shipping_discount),
        seller_discount=_yen(seller),
        platform_discount=_yen(platform),
        total_amount=_yen(total),
        original_total_product_price=_yen(original),
        original_shipping_fee=_yen(shipping),
        shipping_fee_seller_discount=_yen(shipping_discount),
        shipping_fee_platform_discount="0",
        shipping_fee_cofunded_discount="0",
        tax=_yen(total * 10 // 110),
        product_tax=_yen((original - seller - platform) * 10 // 110),
        shipping_fee_tax=_yen((shipping - shipping_discount) * 10 // 110),
        small_order_fee="0",
        retail_delivery_fee="0",
        buyer_service_fee="0",
        handling_fee="0",
        shipping_insurance_fee="0",
        item_insurance_fee="0",
        item_insurance_tax="0",
    )
    return order


def official_orders(count: int = PAGE_SIZE, *, seed: int = SEED) -> list[dict[str, Any]]:
    """``count`` orders of the official shape, the same for the same seed."""
    rng = random.Random(seed)
    template = template_order()
    return [_order(rng, template, i) for i in range(count)]


def official_reply(count: int = PAGE_SIZE, *, seed: int = SEED) -> bytes:
    """A code-0 search reply (envelope included) of ``count`` orders, compact UTF-8 JSON."""
    body = {
        "code": 0,
        "message": "Success",
        "request_id": "202506010900000101890810281E8C70B7",
        "data": {
            "next_page_token": "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA",
            "total_count": 22113,
            "orders": official_orders(count, seed=seed),
        },
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def shape_stats(reply: bytes) -> dict[str, float]:
    """Per-order size, documented fields, and the amounts and timestamps the SDK converts."""
    from tiktokshop_sync.types.order import Order

    orders = json.loads(reply)["data"]["orders"]
    amounts, times = _converted(Order, orders)
    return {
        "orders": len(orders),
        "reply_kib": len(reply) / 1024,
        "order_kib": len(reply) / 1024 / len(orders),
        "amounts_per_order": amounts / len(orders),
        "timestamps_per_order": times / len(orders),
        "line_items_per_order": sum(len(o["line_items"]) for o in orders) / len(orders),
    }


def _converted(model: Any, values: list[dict[str, Any]]) -> tuple[int, int]:
    """How many values the model converts as amounts and as times (nested models included)."""
    from tiktokshop_sync._core.conversions import Conversion

    amounts = times = 0
    for name, field in model.model_fields.items():
        kinds = {m.name for m in field.metadata if isinstance(m, Conversion)}
        for value in values:
            if name not in value:
                continue
            if kinds & {"money", "optional money"}:
                amounts += 1
            elif kinds & {"time", "optional time"}:
                times += 1
            elif field.model is not None and isinstance(value[name], dict):
                a, t = _converted(field.model, [value[name]])
                amounts, times = amounts + a, times + t
            elif field.model is not None and isinstance(value[name], list):
                a, t = _converted(field.model, value[name])
                amounts, times = amounts + a, times + t
    return amounts, times


if __name__ == "__main__":
    reply = official_reply()
    print(json.dumps(shape_stats(reply), indent=1))
