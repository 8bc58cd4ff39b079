"""The fake's Japanese category tree and what TikTok says about listing in each leaf (出品ルール).

Apparel, cosmetics, food and electronics, and the home categories of the built-in catalogue,
each leaf with its permission, product and sales attributes (value lists, required and
customizable flags, conditions), rules (size chart, certifications, package dimensions) and the
brands the shop may use. TikTok's JP tree is fetched with Get Categories, not documented: the
ids and names are made up [inferred], the shapes are Get Categories', Get Attributes', Get
Category Rules' and Get Brands' (``api/products/``). The same tree answers both category
versions (``v1`` and ``v2``): it has three levels, valid in either [inferred].
"""

from __future__ import annotations

import hashlib
from typing import Any, Final

from attrs import frozen

__all__ = [
    "ATTRIBUTES",
    "BRANDS",
    "CATEGORIES",
    "RULES",
    "FakeAttribute",
    "FakeBrand",
    "FakeCategory",
    "FakeCertification",
    "FakeRules",
    "value_id",
]


def value_id(name: str) -> str:
    """A listed value's id, made from its name (the built-in catalogue uses the same ids)."""
    return str(1_000_000 + int(hashlib.sha256(name.encode()).hexdigest()[:6], 16) % 9_000_000)


@frozen(kw_only=True)
class FakeCategory:
    """A category of the tree: its parent (``"0"`` for a root), leaf flag and permission."""

    id: str
    name: str
    parent_id: str = "0"
    is_leaf: bool = False
    permission: str = "AVAILABLE"
    #: Words of a title or description that make Recommend Category pick this leaf.
    keywords: tuple[str, ...] = ()

    def to_wire(self) -> dict[str, Any]:
        """This category as Get Categories lists it."""
        return {
            "id": self.id,
            "parent_id": self.parent_id,
            "local_name": self.name,
            "is_leaf": self.is_leaf,
            "permission_statuses": [self.permission],
        }


@frozen(kw_only=True)
class FakeAttribute:
    """A product or sales attribute with its listed values (names; ids come from the names)."""

    id: str
    name: str
    sales: bool = False
    values: tuple[str, ...] = ()
    customizable: bool = False
    multiple: bool = False
    numeric: bool = False
    #: (attribute id, value name): required when that attribute has that value.
    required_when: tuple[tuple[str, str], ...] = ()

    def value_ids(self) -> dict[str, str]:
        """Value id -> name."""
        return {value_id(name): name for name in self.values}

    def to_wire(self, required: bool) -> dict[str, Any]:
        """This attribute as Get Attributes lists it for a category."""
        wire: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": "SALES_PROPERTY" if self.sales else "PRODUCT_PROPERTY",
            "is_requried": required,  # TikTok's spelling (get-attributes.spec.json)
            "values": [{"id": value_id(name), "name": name} for name in self.values],
            "is_customizable": self.customizable,
            "is_multiple_selection": self.multiple,
            "requirement_conditions": [
                {
                    "condition_type": "VALUE_ID_MATCH",
                    "attribute_id": attribute_id,
                    "attribute_value_id": value_id(value),
                }
                for attribute_id, value in self.required_when
            ],
        }
        if self.numeric:
            wire["value_data_format"] = "POSITIVE_INT_OR_DECIMAL"
        return wire


@frozen(kw_only=True)
class FakeCertification:
    """A certification a leaf asks for: always, or when an attribute has a value."""

    id: str
    name: str
    required: bool = False
    required_when: tuple[tuple[str, str], ...] = ()
    expiry_required: bool = False

    def to_wire(self) -> dict[str, Any]:
        """This certification as Get Category Rules lists it."""
        return {
            "id": self.id,
            "name": self.name,
            "is_required": self.required,
            "document_details": f"{self.name}の写し(画像またはPDF)を提出してください。",
            "sample_image_url": f"https://p16-oec-sg.ibyteimg.com/sample/{self.id}.jpeg",
            "requirement_conditions": [
                {
                    "condition_type": "VALUE_ID_MATCH",
                    "attribute_id": attribute_id,
                    "attribute_value_id": value_id(value),
                }
                for attribute_id, value in self.required_when
            ],
            "expiration_date": {"is_required": self.expiry_required},
        }


@frozen(kw_only=True)
class FakeRules:
    """A leaf's product attributes (id -> required), sales attributes and rules."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    sales: tuple[str, ...] = ("100000", "100007")
    size_chart: str = "unsupported"  # "required", "supported" or "unsupported"
    dimensions_required: bool = True
    certifications: tuple[FakeCertification, ...] = ()

    @property
    def attribute_ids(self) -> tuple[str, ...]:
        """Every attribute of the leaf, in Get Attributes' order."""
        return (*self.required, *self.optional, *self.sales)

    def to_wire(self) -> dict[str, Any]:
        """Get Category Rules' ``data`` (no COD, EPR or fees: they never apply in Japan)."""
        return {
            "product_certifications": [c.to_wire() for c in self.certifications],
            "size_chart": {
                "is_supported": self.size_chart != "unsupported",
                "is_required": self.size_chart == "required",
            },
            "cod": {"is_supported": False},
            "package_dimension": {"is_required": self.dimensions_required},
        }


@frozen(kw_only=True)
class FakeBrand:
    """A brand the shop may choose: authorized or not, T1 or not, and where it may be used."""

    id: str
    name: str
    authorized: bool
    t1: bool = False
    #: Leaf category ids an authorized brand may be used in (empty: every one).
    categories: frozenset[str] = frozenset()

    def available_in(self, category_id: str) -> bool:
        """Whether an authorized brand may be used in ``category_id``."""
        return not self.categories or category_id in self.categories

    def to_wire(self, category_id: str | None) -> dict[str, Any]:
        """This brand as Get Brands lists it (availability when a category is asked about)."""
        wire: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "authorized_status": "AUTHORIZED" if self.authorized else "UNAUTHORIZED",
            "is_t1_brand": self.t1,
        }
        if category_id is not None and self.authorized:
            available = self.available_in(category_id)
            wire["brand_status"] = "AVAILABLE" if available else "UNAVAILABLE"
        return wire


def _leaf(cid: str, name: str, parent: str, *keywords: str, permission: str = "AVAILABLE") -> Any:
    return FakeCategory(
        id=cid, name=name, parent_id=parent, is_leaf=True, permission=permission, keywords=keywords
    )


CATEGORIES: Final[tuple[FakeCategory, ...]] = (
    FakeCategory(id="824328", name="ファッション"),
    FakeCategory(id="824584", name="トップス", parent_id="824328"),
    _leaf("601226", "Tシャツ", "824584", "Tシャツ", "ティーシャツ", "カットソー"),
    FakeCategory(id="824600", name="バッグ", parent_id="824328"),
    _leaf("824612", "トートバッグ", "824600", "トート"),
    FakeCategory(id="601152", name="美容・パーソナルケア"),
    FakeCategory(id="601160", name="ボディケア", parent_id="601152"),
    _leaf("601171", "ハンドクリーム", "601160", "ハンドクリーム", "ハンドケア"),
    FakeCategory(id="601165", name="スキンケア", parent_id="601152"),
    _leaf("601180", "化粧水", "601165", "化粧水", "ローション", permission="INVITE_ONLY"),
    FakeCategory(id="700437", name="食品・飲料"),
    FakeCategory(id="700440", name="飲料", parent_id="700437"),
    _leaf("700445", "日本茶", "700440", "抹茶", "煎茶", "ほうじ茶", "玉露", "緑茶"),
    FakeCategory(id="700450", name="菓子", parent_id="700437"),
    _leaf("700455", "和菓子", "700450", "羊羹", "ようかん", "どら焼", "最中", "和菓子", "饅頭"),
    FakeCategory(id="601450", name="家電・オーディオ"),
    FakeCategory(id="601460", name="オーディオ", parent_id="601450"),
    _leaf("601473", "イヤホン", "601460", "イヤホン", "イヤフォン", "ヘッドホン"),
    _leaf("601490", "カメラ", "601450", "カメラ", permission="NON_MAIN_CATEGORY"),
    FakeCategory(id="601739", name="スマホ・タブレット"),
    FakeCategory(id="601740", name="スマホアクセサリー", parent_id="601739"),
    _leaf("601755", "スマホケース", "601740", "スマホケース", "iPhone", "ケース"),
    FakeCategory(id="600001", name="ホーム・インテリア"),
    FakeCategory(id="600024", name="バス用品", parent_id="600001"),
    _leaf("600042", "タオル", "600024", "タオル"),
    FakeCategory(id="600005", name="キッチン用品", parent_id="600001"),
    _leaf("600011", "茶器", "600005", "急須", "湯呑", "茶器", "豆皿"),
    _leaf("600014", "タンブラー・マグ", "600005", "タンブラー", "マグ"),
)

_ORIGIN, _MATERIAL, _CONTENT, _BEST_BEFORE = "100392", "100157", "100500", "100510"
_STORAGE, _ORGANIC, _SKIN, _QUASI_DRUG = "100520", "100530", "100540", "100550"
_EFFICACY, _CONNECTION, _BATTERY, _MODELS = "100560", "100600", "100610", "100620"

ATTRIBUTES: Final[dict[str, FakeAttribute]] = {
    a.id: a
    for a in (
        FakeAttribute(
            id=_ORIGIN, name="原産国", values=("日本", "中国", "ベトナム", "インド", "タイ")
        ),
        FakeAttribute(
            id=_MATERIAL,
            name="素材",
            multiple=True,
            values=(
                "綿",
                "ポリエステル",
                "麻",
                "ナイロン",
                "ウール",
                "合成皮革",
                "ステンレス",
                "陶器",
                "鋳鉄",
            ),
        ),
        FakeAttribute(id=_CONTENT, name="内容量", customizable=True, numeric=True),
        FakeAttribute(id=_BEST_BEFORE, name="賞味期限", customizable=True),
        FakeAttribute(id=_STORAGE, name="保存方法", values=("常温", "冷蔵", "冷凍")),
        FakeAttribute(id=_ORGANIC, name="有機JAS", values=("はい", "いいえ")),
        FakeAttribute(
            id=_SKIN,
            name="肌質",
            multiple=True,
            values=("普通肌", "乾燥肌", "脂性肌", "敏感肌"),
        ),
        FakeAttribute(id=_QUASI_DRUG, name="医薬部外品", values=("はい", "いいえ")),
        FakeAttribute(
            id=_EFFICACY,
            name="効能・効果",
            customizable=True,
            required_when=((_QUASI_DRUG, "はい"),),
        ),
        FakeAttribute(id=_CONNECTION, name="接続方式", values=("Bluetooth", "有線")),
        FakeAttribute(
            id=_BATTERY,
            name="バッテリー容量",
            customizable=True,
            numeric=True,
            required_when=((_CONNECTION, "Bluetooth"),),
        ),
        FakeAttribute(
            id=_MODELS,
            name="対応機種",
            customizable=True,
            multiple=True,
            values=("iPhone 15", "iPhone 15 Pro", "iPhone 16", "Galaxy S24"),
        ),
        FakeAttribute(
            id="100000",
            name="カラー",
            sales=True,
            values=("ブラック", "ホワイト", "ネイビー", "グレー", "ブラウン", "シルバー"),
        ),
        FakeAttribute(
            id="100007", name="サイズ", sales=True, values=("S", "M", "L", "XL", "フリー")
        ),
    )
}

_FOOD_PERMIT = FakeCertification(
    id="7100000000000000201", name="食品営業許可証", required=True, expiry_required=True
)
_COSMETICS_LICENCE = FakeCertification(
    id="7100000000000000101", name="化粧品製造販売業許可証", required=True
)
_HOME = FakeRules(optional=(_MATERIAL,), dimensions_required=False)

RULES: Final[dict[str, FakeRules]] = {
    "601226": FakeRules(
        required=(_MATERIAL, _ORIGIN), size_chart="required", dimensions_required=True
    ),
    "824612": FakeRules(required=(_MATERIAL,), optional=(_ORIGIN,), size_chart="supported"),
    "601171": FakeRules(
        required=(_CONTENT, _ORIGIN),
        optional=(_SKIN, _QUASI_DRUG, _EFFICACY),
        certifications=(_COSMETICS_LICENCE,),
    ),
    "601180": FakeRules(
        required=(_CONTENT, _ORIGIN),
        optional=(_QUASI_DRUG, _EFFICACY),
        certifications=(_COSMETICS_LICENCE,),
    ),
    "700445": FakeRules(
        required=(_ORIGIN, _CONTENT, _BEST_BEFORE),
        optional=(_STORAGE, _ORGANIC),
        certifications=(
            _FOOD_PERMIT,
            FakeCertification(
                id="7100000000000000202",
                name="有機JAS認証書",
                required_when=((_ORGANIC, "はい"),),
            ),
        ),
    ),
    "700455": FakeRules(
        required=(_ORIGIN, _CONTENT, _BEST_BEFORE, _STORAGE), certifications=(_FOOD_PERMIT,)
    ),
    "601473": FakeRules(
        required=(_CONNECTION, _ORIGIN),
        optional=(_BATTERY,),
        certifications=(
            FakeCertification(
                id="7100000000000000301",
                name="技術基準適合証明(技適)",
                required_when=((_CONNECTION, "Bluetooth"),),
            ),
        ),
    ),
    "601490": FakeRules(),
    "601755": FakeRules(required=(_MODELS,), optional=(_MATERIAL,), dimensions_required=False),
    "600042": _HOME,
    "600011": _HOME,
    "600014": _HOME,
}

_BEAUTY = frozenset({"601171", "601180"})
BRANDS: Final[tuple[FakeBrand, ...]] = (
    FakeBrand(id="7082427311584347905", name="さくら商店", authorized=True),
    FakeBrand(id="7082427311584347911", name="ルミエール東京", authorized=False, t1=True),
    FakeBrand(id="7082427311584347912", name="やまぶき工房", authorized=False),
    FakeBrand(id="7082427311584347913", name="ハナコスメ", authorized=True, categories=_BEAUTY),
    FakeBrand(
        id="7082427311584347914",
        name="茶の木屋",
        authorized=True,
        categories=frozenset({"700445", "700455"}),
    ),
    FakeBrand(
        id="7082427311584347915",
        name="SOUNDWAVE",
        authorized=True,
        categories=frozenset({"601473", "601490"}),
    ),
)
