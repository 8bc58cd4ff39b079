"""The built-in JP catalogue every fake shop starts with: ten products, eighteen SKUs."""

from __future__ import annotations

from typing import Final

from attrs import frozen

__all__ = [
    "BRAND",
    "CATALOGUE",
    "CATEGORY_CHAINS",
    "PAUSED_SELLER_SKUS",
    "ProductSpec",
    "SkuSpec",
    "jan_code",
]

#: The seller's own brand, registered in Seller Center: (brand id, name). The id is made up.
BRAND: Final = ("7082427311584347905", "さくら商店")


@frozen
class SkuSpec:
    """A sellable variant in the built-in catalogue; ``price`` is tax-inclusive JPY."""

    seller_sku: str
    sku_name: str
    price: int


@frozen
class ProductSpec:
    """A product in the built-in catalogue of every fake shop: its box, in grams and
    centimetres (length, width, height), its country of origin and material (原産国, 素材)."""

    product_name: str
    skus: tuple[SkuSpec, ...]
    grams: int = 300
    box_cm: tuple[int, int, int] = (20, 15, 5)
    origin: str = "日本"
    material: str = ""
    size_chart: bool = False


CATALOGUE: tuple[ProductSpec, ...] = (
    ProductSpec(
        "オーガニックコットン Tシャツ 半袖 ユニセックス",
        (
            SkuSpec("TS-TEE-BLK-M", "ブラック, M", 1980),
            SkuSpec("TS-TEE-BLK-L", "ブラック, L", 1980),
            SkuSpec("TS-TEE-WHT-M", "ホワイト, M", 1980),
        ),
        grams=250,
        box_cm=(30, 25, 3),
        origin="インド",
        material="綿100%",
        size_chart=True,
    ),
    ProductSpec(
        "今治タオル フェイスタオル 2枚組",
        (
            SkuSpec("TW-IMB-FACE-WHT", "ホワイト", 2200),
            SkuSpec("TW-IMB-FACE-NVY", "ネイビー", 2200),
        ),
        grams=300,
        box_cm=(35, 25, 5),
        material="綿100%",
    ),
    ProductSpec(
        "南部鉄器 急須 0.6L",
        (SkuSpec("KT-NBT-06", "0.6L", 8800),),
        grams=1100,
        box_cm=(20, 18, 15),
        material="鋳鉄",
    ),
    ProductSpec(
        "宇治抹茶 パウダー 100g",
        (SkuSpec("FD-MATCHA-100", "100g", 1620),),
        grams=150,
        box_cm=(15, 10, 5),
    ),
    ProductSpec(
        "真空断熱 ステンレスタンブラー 420ml",
        (
            SkuSpec("TB-STL-420-SLV", "シルバー", 2480),
            SkuSpec("TB-STL-420-BLK", "ブラック", 2480),
        ),
        grams=350,
        box_cm=(10, 10, 20),
        origin="中国",
        material="ステンレス",
    ),
    ProductSpec(
        "美濃焼 マグカップ 藍",
        (SkuSpec("MG-MINO-AI", "藍", 1650),),
        grams=400,
        box_cm=(12, 12, 12),
        material="陶器",
    ),
    ProductSpec(
        "ワイヤレスイヤホン Bluetooth 5.3 ノイズキャンセリング",
        (SkuSpec("EP-BT53-WHT", "ホワイト", 3980), SkuSpec("EP-BT53-BLK", "ブラック", 3980)),
        grams=200,
        box_cm=(12, 10, 6),
        origin="中国",
    ),
    ProductSpec(
        "iPhone 15 ケース 手帳型 レザー",
        (SkuSpec("PC-IP15-BRN", "ブラウン", 1480), SkuSpec("PC-IP15-BLK", "ブラック", 1480)),
        grams=100,
        box_cm=(20, 12, 3),
        origin="中国",
        material="合成皮革",
    ),
    ProductSpec(
        "柚子の香り 保湿ハンドクリーム 50g",
        (SkuSpec("HC-YUZU-50", "50g", 880),),
        grams=80,
        box_cm=(12, 5, 4),
    ),
    ProductSpec(
        "撥水 ナイロン トートバッグ",
        (SkuSpec("BG-TOTE-NVY", "ネイビー", 3480),),
        grams=300,
        box_cm=(35, 30, 3),
        origin="ベトナム",
        material="ナイロン",
    ),
)

#: The built-in catalogue ships one product the seller has paused (停止中).
PAUSED_SELLER_SKUS: Final[frozenset[str]] = frozenset({"BG-TOTE-NVY"})

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


def jan_code(seller_sku: str) -> str:
    """A 13-digit JAN code (Japan's GTIN) for a SKU: the 49 prefix, a made-up company and item
    number from the SKU code, and a valid EAN-13 check digit."""
    body = "49" + f"{sum(ord(c) * 31**i for i, c in enumerate(seller_sku)) % 10**10:010d}"
    weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - weighted % 10) % 10)
