"""A 30-product Japanese catalog for the publish tests, mapped onto FakeShop's category tree.

Most products meet their category's rules; some lack attributes, some need a brand (the host
requires one for cosmetics and earphones, and one carries a T1 brand the shop may not use), one
sits in an unmapped host category, one has an image too small for TikTok (only TikTok's check
sees pixel sizes), one is a draft and one is already on TikTok, paused by the seller.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tiktokshop_sync.domain import (
    AttributeMapping,
    AttributeSource,
    CategoryMapping,
    CategoryTarget,
    ListingCertification,
    ListingMappings,
    PackageDimensions,
)
from tiktokshop_sync.workflows import CatalogProduct, CatalogSku

TAG = "TikTok Shop接続"


def png(side: int) -> bytes:
    """A PNG header TikTok's upload (and FakeShop's) reads the size from."""
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
        + side.to_bytes(4, "big")
        + side.to_bytes(4, "big")
        + bytes([side % 251])
    )


#: Image reference -> bytes, as the host's image store keeps them.
IMAGES: dict[str, bytes] = {
    **{
        f"https://img.example.jp/{name}.png": png(800 + n)
        for n, name in enumerate(
            (
                "tee",
                "tote",
                "cream",
                "matcha",
                "sencha",
                "yokan",
                "earphones",
                "teapot",
                "case",
                "sizechart",
                "permit",
                "licence",
                "giteki",
            )
        )
    },
    "https://img.example.jp/thumb.png": png(120),  # too small: TikTok wants 300 x 300 at least
}


def _img(name: str) -> str:
    return f"https://img.example.jp/{name}.png"


MAPPINGS = ListingMappings(
    categories=CategoryMapping(
        rows={
            "アパレル > Tシャツ": CategoryTarget(category_id="601226"),
            "アパレル > バッグ": CategoryTarget(category_id="824612"),
            "コスメ > ハンドクリーム": CategoryTarget(category_id="601171"),
            "食品 > 日本茶": CategoryTarget(category_id="700445"),
            "食品 > 和菓子": CategoryTarget(category_id="700455"),
            "家電 > イヤホン": CategoryTarget(category_id="601473"),
            "キッチン > 茶器": CategoryTarget(category_id="600011"),
            "雑貨 > スマホケース": CategoryTarget(category_id="601755"),
        }
    ),
    attributes=[
        AttributeMapping(
            category_id="601226",
            sources=[
                AttributeSource(attribute_id="100157", field="素材", separator="、"),
                AttributeSource(attribute_id="100392", field="原産国"),
                AttributeSource(attribute_id="100000", field="カラー"),
                AttributeSource(attribute_id="100007", field="サイズ"),
            ],
        ),
        AttributeMapping(
            category_id="824612",
            sources=[
                AttributeSource(attribute_id="100157", field="素材"),
                AttributeSource(attribute_id="100392", field="原産国"),
            ],
        ),
        AttributeMapping(
            category_id="601171",
            sources=[
                AttributeSource(attribute_id="100500", field="内容量", unit="g"),
                AttributeSource(attribute_id="100392", fixed="日本"),
            ],
            brand_required=True,
        ),
        AttributeMapping(
            category_id="700445",
            sources=[
                AttributeSource(attribute_id="100392", fixed="日本"),
                AttributeSource(attribute_id="100500", field="内容量", unit="g"),
                AttributeSource(attribute_id="100510", field="賞味期限"),
                AttributeSource(attribute_id="100530", field="有機JAS"),
            ],
        ),
        AttributeMapping(
            category_id="700455",
            sources=[
                AttributeSource(attribute_id="100392", fixed="日本"),
                AttributeSource(attribute_id="100500", field="内容量", unit="g"),
                AttributeSource(attribute_id="100510", field="賞味期限"),
                AttributeSource(attribute_id="100520", field="保存方法"),
            ],
        ),
        AttributeMapping(
            category_id="601473",
            sources=[
                AttributeSource(attribute_id="100600", field="接続方式"),
                AttributeSource(attribute_id="100392", field="原産国"),
                AttributeSource(attribute_id="100610", field="バッテリー容量", unit="mAh"),
            ],
            brand_required=True,
        ),
        AttributeMapping(
            category_id="600011",
            sources=[AttributeSource(attribute_id="100157", field="素材")],
        ),
        AttributeMapping(
            category_id="601755",
            sources=[AttributeSource(attribute_id="100620", field="対応機種", separator="、")],
        ),
    ],
    brands={
        "さくら商店": "7082427311584347905",
        "ルミエール東京": "7082427311584347911",
        "ハナコスメ": "7082427311584347913",
        "茶の木屋": "7082427311584347914",
        "SOUNDWAVE": "7082427311584347915",
    },
)

_BOX = PackageDimensions(length=Decimal(20), width=Decimal(15), height=Decimal(5))
_FOOD_PERMIT = ListingCertification(
    id="7100000000000000201", images=(_img("permit"),), expires=date(2030, 3, 31)
)
_COSMETICS = ListingCertification(id="7100000000000000101", images=(_img("licence"),))
_GITEKI = ListingCertification(id="7100000000000000301", images=(_img("giteki"),))


def _product(
    catalog_id: str,
    title: str,
    category: str,
    image: str,
    *,
    price: str = "1980",
    skus: tuple[CatalogSku, ...] | None = None,
    **extra: object,
) -> CatalogProduct:
    values: dict[str, object] = {
        "catalog_id": catalog_id,
        "title": title,
        "description": f"<p>{title}。丁寧に仕上げました。</p>",
        "category_id": category,
        "image_uris": (image,),
        "skus": skus
        or (CatalogSku(seller_sku=f"{catalog_id}-1", price=Decimal(price), quantity=12),),
        "tags": frozenset({TAG}),
        "package_weight_grams": 300,
        "package_dimensions": _BOX,
        **extra,
    }
    return CatalogProduct(**values)  # type: ignore[arg-type]


def _tee(catalog_id: str, title: str, **fields: str) -> CatalogProduct:
    colours = ("ブラック", "ホワイト")
    return _product(
        catalog_id,
        title,
        "アパレル > Tシャツ",
        _img("tee"),
        skus=tuple(
            CatalogSku(
                seller_sku=f"{catalog_id}-{n}",
                price=Decimal("2980"),
                quantity=8,
                attributes={"カラー": colour, "サイズ": "M"},
            )
            for n, colour in enumerate(colours)
        ),
        fields=fields,
        size_chart_image=_img("sizechart"),
    )


def _tea(catalog_id: str, title: str, **fields: str) -> CatalogProduct:
    return _product(
        catalog_id,
        title,
        "食品 > 日本茶",
        _img("matcha"),
        fields=fields,
        certifications=(_FOOD_PERMIT,),
        brand="茶の木屋",
    )


def catalog() -> list[CatalogProduct]:
    """The 30 products (catalog ids JP-01 ... JP-30)."""
    return [
        # Ready: every rule of their category met.
        _tee("JP-01", "オーガニックコットン Tシャツ", 素材="綿", 原産国="日本"),
        _tee("JP-02", "リネン混 Tシャツ", 素材="綿、麻", 原産国="日本"),
        _tee("JP-03", "ポリエステル ドライ Tシャツ", 素材="ポリエステル", 原産国="ベトナム"),
        _product(
            "JP-04", "帆布 トートバッグ", "アパレル > バッグ", _img("tote"), fields={"素材": "綿"}
        ),
        _product(
            "JP-05",
            "ナイロン トートバッグ",
            "アパレル > バッグ",
            _img("tote"),
            fields={"素材": "ナイロン", "原産国": "中国"},
        ),
        _product(
            "JP-06",
            "ゆずの香り ハンドクリーム 50g",
            "コスメ > ハンドクリーム",
            _img("cream"),
            fields={"内容量": "50g"},
            brand="ハナコスメ",
            certifications=(_COSMETICS,),
        ),
        _tea("JP-07", "宇治抹茶 30g", 内容量="30g", 賞味期限="製造日より180日"),
        _tea("JP-08", "静岡 深蒸し煎茶 100g", 内容量="100g", 賞味期限="製造日より1年"),
        _product(
            "JP-09",
            "栗羊羹 1本",
            "食品 > 和菓子",
            _img("yokan"),
            fields={"内容量": "280g", "賞味期限": "製造日より90日", "保存方法": "常温"},
            certifications=(_FOOD_PERMIT,),
        ),
        _product(
            "JP-10",
            "有線イヤホン ハイレゾ対応",
            "家電 > イヤホン",
            _img("earphones"),
            fields={"接続方式": "有線", "原産国": "日本"},
            brand="SOUNDWAVE",
            price="5980",
        ),
        _product(
            "JP-11",
            "ワイヤレスイヤホン ノイズキャンセリング",
            "家電 > イヤホン",
            _img("earphones"),
            fields={"接続方式": "Bluetooth", "原産国": "中国", "バッテリー容量": "500mAh"},
            brand="SOUNDWAVE",
            certifications=(_GITEKI,),
            price="12800",
        ),
        _product(
            "JP-12",
            "有田焼 豆皿 5枚セット",
            "キッチン > 茶器",
            _img("teapot"),
            fields={"素材": "陶器"},
        ),
        _product(
            "JP-13",
            "南部鉄器 急須 0.6L",
            "キッチン > 茶器",
            _img("teapot"),
            fields={"素材": "鋳鉄"},
        ),
        _product("JP-14", "萬古焼 急須", "キッチン > 茶器", _img("teapot"), brand="さくら商店"),
        _product(
            "JP-15",
            "手帳型 スマホケース",
            "雑貨 > スマホケース",
            _img("case"),
            fields={"対応機種": "iPhone 15、iPhone 16"},
        ),
        _product(
            "JP-16",
            "耐衝撃 スマホケース",
            "雑貨 > スマホケース",
            _img("case"),
            fields={"対応機種": "Galaxy S24"},
        ),
        _tea(
            "JP-17", "有機 ほうじ茶 80g", 内容量="80g", 賞味期限="製造日より1年", 有機JAS="いいえ"
        ),
        _product(
            "JP-18", "白磁 湯呑 2客", "キッチン > 茶器", _img("teapot"), fields={"素材": "陶器"}
        ),
        # Needs data: attributes missing or not in TikTok's list.
        _tee("JP-19", "ヘビーウェイト Tシャツ", 原産国="日本"),  # 素材 missing
        _tee("JP-20", "シルク Tシャツ", 素材="シルク", 原産国="日本"),  # not in TikTok's list
        _product(
            "JP-21",
            "どら焼き 5個入",
            "食品 > 和菓子",
            _img("yokan"),
            fields={"内容量": "300g", "賞味期限": "製造日より7日"},  # 保存方法 missing
            certifications=(_FOOD_PERMIT,),
        ),
        _tea("JP-22", "有機 玉露 50g", 内容量="50g", 賞味期限="製造日より1年", 有機JAS="はい"),
        _product("JP-23", "スマホケース クリア", "雑貨 > スマホケース", _img("case")),
        # Needs a brand: the host requires one here, or the brand is a T1 the shop may not use.
        _product(
            "JP-24",
            "シアバター ハンドクリーム 30g",
            "コスメ > ハンドクリーム",
            _img("cream"),
            fields={"内容量": "30g"},
            certifications=(_COSMETICS,),
        ),
        _product(
            "JP-25",
            "ボディクリーム 100g",
            "コスメ > ハンドクリーム",
            _img("cream"),
            fields={"内容量": "100g"},
            brand="ルミエール東京",
            certifications=(_COSMETICS,),
        ),
        _product(
            "JP-26",
            "スポーツ イヤホン",
            "家電 > イヤホン",
            _img("earphones"),
            fields={"接続方式": "有線", "原産国": "中国"},
        ),
        # Unmapped host category.
        _product("JP-27", "キッズ Tシャツ", "キッズ", _img("tee")),
        # Passes the validator; TikTok's check refuses its tiny main image.
        _product(
            "JP-28", "波佐見焼 マグ", "キッチン > 茶器", _img("thumb"), fields={"素材": "陶器"}
        ),
        # A draft (下書き): never published.
        _product("JP-29", "試作 Tシャツ", "アパレル > Tシャツ", _img("tee"), published=False),
        # Already on TikTok and paused by the seller (linked by its seller SKU): left paused.
        _product(
            "JP-30",
            "今治 フェイスタオル",
            "キッチン > 茶器",
            _img("teapot"),
            skus=(CatalogSku(seller_sku="TW-IMB-FACE-WHT", price=Decimal("1650"), quantity=40),),
        ),
    ]


READY = [f"JP-{n:02d}" for n in range(1, 19)]
NEEDS_DATA = [f"JP-{n:02d}" for n in range(19, 28)]
REFUSED = ["JP-28"]
