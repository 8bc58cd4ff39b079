"""The built-in JP catalogue every fake shop starts with: ten products, eighteen SKUs."""

from __future__ import annotations

from typing import Final

from attrs import frozen

__all__ = ["CATALOGUE", "CATEGORY_CHAINS", "PAUSED_SELLER_SKUS", "ProductSpec", "SkuSpec"]


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
