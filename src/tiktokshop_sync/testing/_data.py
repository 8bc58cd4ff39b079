"""Realistic Japanese fixture data: places, names, products, payment labels and reasons.

Every postal code below is real and matches its prefecture, city and town (checked against
Japan Post's KEN_ALL data). Everything is drawn from a caller-supplied ``random.Random``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from attrs import frozen

__all__ = [
    "BUYER_CANCEL_REASON",
    "BUYER_MESSAGES",
    "CANCEL_REASONS",
    "CARRIERS",
    "CATALOGUE",
    "CATEGORY_CHAINS",
    "DELIVERY_OPTION_NAME",
    "GIVEN_NAMES",
    "PAID_CANCEL_REASONS",
    "PAYMENT_METHOD_NAMES",
    "POSTAL_AREAS",
    "RETURN_REASONS",
    "SURNAMES",
    "UNPAID_CANCEL_REASONS",
    "FakeCarrier",
    "PostalArea",
    "ProductSpec",
    "SkuSpec",
    "pick",
    "random_block",
    "random_building",
    "random_mobile_tail",
]

T = TypeVar("T")


@frozen
class PostalArea:
    """One real Japanese postal code and the place it belongs to."""

    postal_code: str
    prefecture: str
    prefecture_iso: str
    city: str
    town: str


POSTAL_AREAS: tuple[PostalArea, ...] = (
    PostalArea("100-0005", "東京都", "JP-13", "千代田区", "丸の内"),
    PostalArea("150-0002", "東京都", "JP-13", "渋谷区", "渋谷"),
    PostalArea("160-0022", "東京都", "JP-13", "新宿区", "新宿"),
    PostalArea("530-0001", "大阪府", "JP-27", "大阪市北区", "梅田"),
    PostalArea("460-0008", "愛知県", "JP-23", "名古屋市中区", "栄"),
    PostalArea("060-0001", "北海道", "JP-01", "札幌市中央区", "北一条西"),
    PostalArea("980-0021", "宮城県", "JP-04", "仙台市青葉区", "中央"),
    PostalArea("812-0012", "福岡県", "JP-40", "福岡市博多区", "博多駅中央街"),
    PostalArea("600-8216", "京都府", "JP-26", "京都市下京区", "東塩小路町"),
    PostalArea("220-0011", "神奈川県", "JP-14", "横浜市西区", "高島"),
    PostalArea("650-0021", "兵庫県", "JP-28", "神戸市中央区", "三宮町"),
    PostalArea("730-0011", "広島県", "JP-34", "広島市中区", "基町"),
    PostalArea("900-0015", "沖縄県", "JP-47", "那覇市", "久茂地"),
    PostalArea("330-0854", "埼玉県", "JP-11", "さいたま市大宮区", "桜木町"),
    PostalArea("260-0028", "千葉県", "JP-12", "千葉市中央区", "新町"),
    PostalArea("950-0087", "新潟県", "JP-15", "新潟市中央区", "東大通"),
    PostalArea("420-0851", "静岡県", "JP-22", "静岡市葵区", "黒金町"),
    PostalArea("760-0019", "香川県", "JP-37", "高松市", "サンポート"),
    PostalArea("860-0047", "熊本県", "JP-43", "熊本市西区", "春日"),
    PostalArea("380-0823", "長野県", "JP-20", "長野市", "南千歳"),
)

#: (kanji, katakana) family names.
SURNAMES: tuple[tuple[str, str], ...] = (
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("伊藤", "イトウ"),
    ("渡辺", "ワタナベ"),
    ("山本", "ヤマモト"),
    ("中村", "ナカムラ"),
    ("小林", "コバヤシ"),
    ("加藤", "カトウ"),
    ("吉田", "ヨシダ"),
    ("山田", "ヤマダ"),
    ("佐々木", "ササキ"),
    ("松本", "マツモト"),
    ("井上", "イノウエ"),
)

#: (kanji or kana, katakana) given names.
GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("太郎", "タロウ"),
    ("花子", "ハナコ"),
    ("翔太", "ショウタ"),
    ("美咲", "ミサキ"),
    ("陽菜", "ヒナ"),
    ("大輔", "ダイスケ"),
    ("結衣", "ユイ"),
    ("健一", "ケンイチ"),
    ("さくら", "サクラ"),
    ("蓮", "レン"),
    ("葵", "アオイ"),
    ("拓也", "タクヤ"),
)

_BUILDINGS: tuple[str, ...] = (
    "メゾン桜",
    "サンハイツ",
    "グランパレス",
    "コーポ若葉",
    "パークサイド",
    "リバーサイドタワー",
)


@frozen
class SkuSpec:
    """A sellable variant in the built-in catalogue; ``price`` is tax-inclusive JPY."""

    seller_sku: str
    sku_name: str
    price: int


@frozen
class ProductSpec:
    """A product in the built-in catalogue of every fake shop."""

    product_name: str
    skus: tuple[SkuSpec, ...]


CATALOGUE: tuple[ProductSpec, ...] = (
    ProductSpec(
        "オーガニックコットン Tシャツ 半袖 ユニセックス",
        (
            SkuSpec("TS-TEE-BLK-M", "ブラック, M", 1980),
            SkuSpec("TS-TEE-BLK-L", "ブラック, L", 1980),
            SkuSpec("TS-TEE-WHT-M", "ホワイト, M", 1980),
        ),
    ),
    ProductSpec(
        "今治タオル フェイスタオル 2枚組",
        (
            SkuSpec("TW-IMB-FACE-WHT", "ホワイト", 2200),
            SkuSpec("TW-IMB-FACE-NVY", "ネイビー", 2200),
        ),
    ),
    ProductSpec("南部鉄器 急須 0.6L", (SkuSpec("KT-NBT-06", "0.6L", 8800),)),
    ProductSpec("宇治抹茶 パウダー 100g", (SkuSpec("FD-MATCHA-100", "100g", 1620),)),
    ProductSpec(
        "真空断熱 ステンレスタンブラー 420ml",
        (
            SkuSpec("TB-STL-420-SLV", "シルバー", 2480),
            SkuSpec("TB-STL-420-BLK", "ブラック", 2480),
        ),
    ),
    ProductSpec("美濃焼 マグカップ 藍", (SkuSpec("MG-MINO-AI", "藍", 1650),)),
    ProductSpec(
        "ワイヤレスイヤホン Bluetooth 5.3 ノイズキャンセリング",
        (SkuSpec("EP-BT53-WHT", "ホワイト", 3980), SkuSpec("EP-BT53-BLK", "ブラック", 3980)),
    ),
    ProductSpec(
        "iPhone 15 ケース 手帳型 レザー",
        (SkuSpec("PC-IP15-BRN", "ブラウン", 1480), SkuSpec("PC-IP15-BLK", "ブラック", 1480)),
    ),
    ProductSpec("柚子の香り 保湿ハンドクリーム 50g", (SkuSpec("HC-YUZU-50", "50g", 880),)),
    ProductSpec("撥水 ナイロン トートバッグ", (SkuSpec("BG-TOTE-NVY", "ネイビー", 3480),)),
)

#: Display labels seen as ``payment_method_name``; TikTok documents none for JP, so both
#: English and Japanese spellings appear (reference §7: model it as a free string).
PAYMENT_METHOD_NAMES: tuple[str, ...] = (
    "Credit/debit card",
    "クレジット/デビットカード",
    "ConvenientStore",
    "コンビニ",
    "Apple Pay",
    "PayPay",
)

BUYER_MESSAGES: tuple[str, ...] = (
    "",
    "",
    "",
    "",
    "置き配でお願いします。",
    "ギフト用のラッピングをお願いします。",
    "なるべく早く発送してください。",
)

DELIVERY_OPTION_NAME = "Standard Shipping"

#: Default localized ``cancel_reason`` display text per initiator (it is display text, not a key).
CANCEL_REASONS: dict[str, str] = {
    "BUYER": "注文内容を変更したい",
    "SELLER": "在庫切れ",
    "SYSTEM": "お支払い期限切れ",
    "OPERATOR": "不正注文の疑い",
}


@frozen
class FakeCarrier:
    """A carrier JP local sellers must use (reference §7), with a made-up 19-digit id.

    TikTok publishes no JP ``shipping_provider_id`` values: these are opaque stand-ins.
    """

    name: str
    shipping_provider_id: str
    tracking_digits: int
    name_ja: str = ""


#: The integrated carriers of the JP seller-shipping flow [doc] (JP market changelog).
CARRIERS: tuple[FakeCarrier, ...] = (
    FakeCarrier("Yamato Transport", "7208502187360519982", 12, "ヤマト運輸"),
    FakeCarrier("Sagawa Express", "7208502187360519983", 12, "佐川急便"),
    FakeCarrier("Japan Post", "7208502187360519984", 11, "日本郵便"),
    FakeCarrier("Seino Transportation", "7208502187360519985", 10, "西濃運輸"),
    FakeCarrier("Seino Super Express", "7208502187360519986", 10, "セイノースーパーエクスプレス"),
)

#: Seller cancel reason keys of the JP market for UNPAID orders, with display text
#: (keys [doc] DOCS cancel-reasons.json "# JP market"; the Japanese labels are ours).
UNPAID_CANCEL_REASONS: dict[str, str] = {
    "seller_cancel_unpaid_reason_wrong_price": "価格設定の誤り",
    "seller_cancel_unpaid_reason_out_of_stock": "在庫切れ",
    "seller_cancel_unpaid_reason_buyer_requested_cancellation": "購入者からのキャンセル依頼",
    "seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed": "支払期限切れ",
}

#: Seller cancel reason keys of the JP market for ON_HOLD and AWAITING_SHIPMENT orders.
PAID_CANCEL_REASONS: dict[str, str] = {
    "seller_cancel_reason_wrong_price": "価格設定の誤り",
    "seller_cancel_reason_out_of_stock": "在庫切れ",
    "seller_cancel_paid_reason_buyer_requested_cancellation": "購入者からのキャンセル依頼",
    "seller_cancel_paid_reason_address_not_deliver": "配送先住所に配送できない",
    "seller_cancel_order_reason_potential_fraud": "不正注文の疑い",
}

#: The reason key a buyer's own cancellation carries [inferred: TikTok lists no buyer keys].
BUYER_CANCEL_REASON: tuple[str, str] = ("buyer_cancel_reason_change_order", "注文内容を変更したい")

#: Return reason keys with display text (first key from the Cancel Order doc example).
RETURN_REASONS: dict[str, str] = {
    "ecom_order_delivered_refund_and_return_reason_wrong_product_seller": "注文と異なる商品",
    "ecom_order_delivered_refund_and_return_reason_damaged_product": "商品が破損していた",
    "ecom_order_delivered_refund_and_return_reason_not_as_described": "商品説明と異なる",
}

#: (category id, local name) chains, root first, one per CATALOGUE product. The ids are
#: made up: TikTok's JP category tree is fetched with Get Categories, not documented.
CATEGORY_CHAINS: tuple[tuple[tuple[str, str], ...], ...] = (
    (("824328", "ファッション"), ("824584", "トップス"), ("601226", "Tシャツ")),
    (("600001", "ホーム・インテリア"), ("600024", "バス用品"), ("600042", "タオル")),
    (("600001", "ホーム・インテリア"), ("600005", "キッチン用品"), ("600011", "茶器")),
    (("700437", "食品・飲料"), ("700440", "飲料"), ("700445", "日本茶")),
    (("600001", "ホーム・インテリア"), ("600005", "キッチン用品"), ("600014", "タンブラー・マグ")),
    (("600001", "ホーム・インテリア"), ("600005", "キッチン用品"), ("600014", "タンブラー・マグ")),
    (("601450", "家電・オーディオ"), ("601460", "オーディオ"), ("601473", "イヤホン")),
    (
        ("601739", "スマホ・タブレット"),
        ("601740", "スマホアクセサリー"),
        ("601755", "スマホケース"),
    ),
    (("601152", "美容・パーソナルケア"), ("601160", "ボディケア"), ("601171", "ハンドクリーム")),
    (("824328", "ファッション"), ("824600", "バッグ"), ("824612", "トートバッグ")),
)


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """One item, uniformly."""
    return items[rng.randrange(len(items))]


def random_block(rng: random.Random) -> str:
    """A 丁目-番地-号 triple such as ``1-2-3``."""
    return f"{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"


def random_building(rng: random.Random) -> str:
    """A building and room (``メゾン桜 405号室``), or empty for a detached house."""
    if rng.random() < 0.4:
        return ""
    return f"{pick(rng, _BUILDINGS)} {rng.randint(1, 12)}0{rng.randint(1, 9)}号室"


def random_mobile_tail(rng: random.Random) -> tuple[str, str]:
    """The carrier prefix (``90``) and last four digits of a Japanese mobile number."""
    return pick(rng, ("90", "80", "70")), f"{rng.randrange(10000):04d}"
