"""What is missing or wrong in a listing (不足項目), as values with a code, a field and words.

Each :class:`ListingIssue` names the request field it is about (TikTok's own paths:
``title``, ``product_attributes[100392]``, ``skus[TS-BLK-M].price.amount``), says what to do in
Japanese, in the seller's words (「ブランドが必要です」), and in English, and carries the error code
TikTok's Create Product and listing check give for the same problem where there is one
(``api/products/create-product.spec.json``, ``check-product-listing.spec.json``), so a
prediction can be compared with TikTok's answer.
"""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

from tiktokshop_sync.domain._language import Language, pick

__all__ = ["IssueCode", "ListingIssue", "code_for_tiktok"]


class IssueCode(enum.Enum):
    """The kinds of problem the listing validator reports."""

    SHOP_NOT_READY = "shop_not_ready"
    CATEGORY_UNMAPPED = "category_unmapped"
    CATEGORY_OTHER_VERSION = "category_other_version"
    CATEGORY_NOT_FOUND = "category_not_found"
    CATEGORY_NOT_LEAF = "category_not_leaf"
    CATEGORY_RESTRICTED = "category_restricted"
    CATEGORY_OUTSIDE_MAIN = "category_outside_main"
    CATEGORY_PROHIBITED = "category_prohibited"
    CATEGORY_RULES_MISSING = "category_rules_missing"
    TITLE_MISSING = "title_missing"
    TITLE_TOO_SHORT = "title_too_short"
    TITLE_TOO_LONG = "title_too_long"
    TITLE_FORMAT = "title_format"
    DESCRIPTION_MISSING = "description_missing"
    DESCRIPTION_TOO_LONG = "description_too_long"
    DESCRIPTION_TOO_MANY_IMAGES = "description_too_many_images"
    DESCRIPTION_FORMAT = "description_format"
    IMAGE_MISSING = "image_missing"
    TOO_MANY_IMAGES = "too_many_images"
    SKU_IMAGE_MISSING = "sku_image_missing"
    NO_SKUS = "no_skus"
    TOO_MANY_SKUS = "too_many_skus"
    SELLER_SKU_INVALID = "seller_sku_invalid"
    SELLER_SKU_DUPLICATE = "seller_sku_duplicate"
    PRICE_INVALID = "price_invalid"
    PRICE_TOO_HIGH = "price_too_high"
    QUANTITY_OUT_OF_RANGE = "quantity_out_of_range"
    IDENTIFIER_CODE_INVALID = "identifier_code_invalid"
    IDENTIFIER_CODE_DUPLICATE = "identifier_code_duplicate"
    SALES_ATTRIBUTES_MISSING = "sales_attributes_missing"
    SALES_ATTRIBUTES_INCONSISTENT = "sales_attributes_inconsistent"
    SALES_ATTRIBUTES_TOO_MANY = "sales_attributes_too_many"
    SALES_ATTRIBUTES_DUPLICATE = "sales_attributes_duplicate"
    SALES_ATTRIBUTE_NAME_TOO_LONG = "sales_attribute_name_too_long"
    SALES_ATTRIBUTE_VALUE_TOO_LONG = "sales_attribute_value_too_long"
    SALES_ATTRIBUTE_NAME_FORMAT = "sales_attribute_name_format"
    SALES_ATTRIBUTE_VALUE_FORMAT = "sales_attribute_value_format"
    ATTRIBUTE_MISSING = "attribute_missing"
    ATTRIBUTE_REQUIRED_BY = "attribute_required_by"
    ATTRIBUTE_VALUE_NOT_ALLOWED = "attribute_value_not_allowed"
    ATTRIBUTE_VALUE_UNKNOWN = "attribute_value_unknown"
    ATTRIBUTE_NOT_MULTIPLE = "attribute_not_multiple"
    ATTRIBUTE_VALUE_TOO_LONG = "attribute_value_too_long"
    ATTRIBUTE_VALUE_NOT_NUMBER = "attribute_value_not_number"
    ATTRIBUTE_VALUE_FORMAT = "attribute_value_format"
    ATTRIBUTE_NOT_IN_CATEGORY = "attribute_not_in_category"
    BRAND_MISSING = "brand_missing"
    BRAND_UNKNOWN = "brand_unknown"
    BRAND_NOT_AUTHORIZED = "brand_not_authorized"
    BRAND_NOT_IN_CATEGORY = "brand_not_in_category"
    BRAND_HIDDEN = "brand_hidden"
    PACKAGE_WEIGHT_MISSING = "package_weight_missing"
    PACKAGE_WEIGHT_INVALID = "package_weight_invalid"
    PACKAGE_DIMENSIONS_MISSING = "package_dimensions_missing"
    PACKAGE_DIMENSIONS_INVALID = "package_dimensions_invalid"
    PACKAGE_UNITS_MISMATCH = "package_units_mismatch"
    PACKAGE_UNIT_NOT_SUPPORTED = "package_unit_not_supported"
    SIZE_CHART_MISSING = "size_chart_missing"
    SIZE_CHART_NOT_SUPPORTED = "size_chart_not_supported"
    CERTIFICATION_MISSING = "certification_missing"
    CERTIFICATION_REQUIRED_BY = "certification_required_by"
    CERTIFICATION_EMPTY = "certification_empty"
    CERTIFICATION_EXPIRY_MISSING = "certification_expiry_missing"
    CERTIFICATION_NOT_IN_CATEGORY = "certification_not_in_category"
    TOO_MANY_CERTIFICATIONS = "too_many_certifications"

    @property
    def tiktok_code(self) -> int | None:
        """The Create Product / listing check error code for the same problem, if TikTok has one."""
        return _TEXTS[self].tiktok_code

    @property
    def blocking(self) -> bool:
        """False for a warning: TikTok accepts the product, but not as the seller may expect."""
        return _TEXTS[self].blocking

    def summary(self, language: Language = "ja") -> str:
        """The problem in general words (also how a TikTok reason with this code is explained)."""
        text = _TEXTS[self]
        return pick(language, text.summary_en, text.summary_ja)


@attrs.frozen
class _Text:
    summary_en: str
    summary_ja: str
    en: str
    ja: str
    tiktok_code: int | None = None
    blocking: bool = True


_C = IssueCode
# Detail templates take keyword arguments; a summary needs none. Codes: create-product.spec.json
# and check-product-listing.spec.json error lists (12052*, 12019*).
_TEXTS: Final[dict[IssueCode, _Text]] = {
    _C.SHOP_NOT_READY: _Text(
        "the shop is not ready to list products",
        "ショップの出品準備が完了していません",
        "the shop's {item_en} is not set up{reasons}",
        "ショップの{item_ja}が未設定です{reasons}",
    ),
    _C.CATEGORY_UNMAPPED: _Text(
        "the product's category is not mapped to a TikTok category",
        "TikTokのカテゴリが設定されていません",
        "the host category {host} is not mapped to a TikTok category",
        "商品カテゴリ{host}に対応するTikTokカテゴリが設定されていません",
    ),
    _C.CATEGORY_OTHER_VERSION: _Text(
        "the category belongs to the other category tree",
        "カテゴリのバージョン(カテゴリツリー)が違います",
        "TikTok category {category} is a {mapped} category but the shop lists in {shop}",
        "TikTokカテゴリ {category} は{mapped}のカテゴリです(ショップは{shop}で出品します)",
        12052230,
    ),
    _C.CATEGORY_NOT_FOUND: _Text(
        "the TikTok category does not exist",
        "TikTokのカテゴリが見つかりません",
        "TikTok category {category} is not in the shop's category tree: fix the mapping",
        "TikTokカテゴリ {category} が見つかりません。カテゴリの対応付けを見直してください",
        12052023,
    ),
    _C.CATEGORY_NOT_LEAF: _Text(
        "the category is not a leaf category",
        "最下層のカテゴリを選んでください",
        "TikTok category {path} has sub-categories: map to one of its leaf categories",
        "TikTokカテゴリ「{path}」は最下層ではありません。その下のカテゴリを選んでください",
        12052024,
    ),
    _C.CATEGORY_RESTRICTED: _Text(
        "the category is restricted: apply in the Qualification Center",
        "申請が必要なカテゴリです(資格センターで申請してください)",
        "TikTok category {path} is restricted: apply through the Qualification Center in "
        "Seller Center, or choose another category",
        "カテゴリ「{path}」は申請制です。Seller Centerの資格センターで申請するか、"
        "別のカテゴリを選んでください",
        12052223,
    ),
    _C.CATEGORY_OUTSIDE_MAIN: _Text(
        "the category is outside the shop's main category",
        "ショップのメインカテゴリ外のカテゴリです",
        "TikTok category {path} is outside the shop's main category: ask your account manager "
        "or choose another category",
        "カテゴリ「{path}」はショップのメインカテゴリ外です。アカウントマネージャーに相談するか、"
        "別のカテゴリを選んでください",
        12052225,
    ),
    _C.CATEGORY_PROHIBITED: _Text(
        "the category is prohibited on TikTok Shop",
        "TikTok Shopで出品が禁止されているカテゴリです",
        "TikTok category {path} is prohibited on TikTok Shop",
        "カテゴリ「{path}」はTikTok Shopで出品禁止です",
        12052220,
    ),
    _C.CATEGORY_RULES_MISSING: _Text(
        "TikTok's rules for the category were not fetched",
        "カテゴリの出品ルールを取得できていません",
        "TikTok's attributes and rules for category {category} were not fetched",
        "TikTokカテゴリ {category} の属性・出品ルールを取得できていません",
    ),
    _C.TITLE_MISSING: _Text(
        "a title is required",
        "商品名が必要です",
        "a title is required",
        "商品名が必要です",
        12052261,
    ),
    _C.TITLE_TOO_SHORT: _Text(
        "the title is too short",
        "商品名が短すぎます",
        "the title has {length} characters; at least {limit} are required",
        "商品名は{limit}文字以上にしてください(現在{length}文字)",
    ),
    _C.TITLE_TOO_LONG: _Text(
        "the title is too long",
        "商品名が長すぎます",
        "the title has {length} characters; at most {limit} are allowed",
        "商品名は{limit}文字以内にしてください(現在{length}文字)",
        12052051,
    ),
    _C.TITLE_FORMAT: _Text(
        "the title has characters TikTok does not accept",
        "商品名に使えない文字や表記があります",
        "the title {problem_en}",
        "商品名に{problem_ja}",
        12052931,
    ),
    _C.DESCRIPTION_MISSING: _Text(
        "a description is required",
        "商品説明が必要です",
        "a description is required",
        "商品説明が必要です",
        12052015,
    ),
    _C.DESCRIPTION_TOO_LONG: _Text(
        "the description is too long",
        "商品説明が長すぎます",
        "the description has {length:,} characters; at most {limit:,} are allowed",
        "商品説明は{limit:,}文字以内にしてください(現在{length:,}文字)",
        12052013,
    ),
    _C.DESCRIPTION_TOO_MANY_IMAGES: _Text(
        "the description has too many images",
        "商品説明の画像が多すぎます",
        "the description has {count} images; at most {limit} are allowed",
        "商品説明の画像は{limit}枚までです(現在{count}枚)",
        12052056,
    ),
    _C.DESCRIPTION_FORMAT: _Text(
        "the description has characters TikTok does not accept",
        "商品説明に使えない文字や表記があります",
        "the description {problem_en}",
        "商品説明に{problem_ja}",
        12052932,
    ),
    _C.IMAGE_MISSING: _Text(
        "a main image is required",
        "商品画像が必要です",
        "a main image is required",
        "商品画像(メイン画像)が必要です",
        12052028,
    ),
    _C.TOO_MANY_IMAGES: _Text(
        "too many main images",
        "商品画像が多すぎます",
        "{count} main images; at most {limit} are allowed",
        "商品画像は{limit}枚までです(現在{count}枚)",
        12052306,
    ),
    _C.SKU_IMAGE_MISSING: _Text(
        "a variant image is missing",
        "バリエーション画像が不足しています",
        "{option} {value} has no image: when one {option} has an image, every {option} needs one",
        "{option}「{value}」の画像がありません。画像を付ける場合は全ての{option}に必要です",
        12052522,
    ),
    _C.NO_SKUS: _Text(
        "at least one SKU is required",
        "SKUが必要です",
        "the product has no SKU",
        "SKUがありません",
        12052902,
    ),
    _C.TOO_MANY_SKUS: _Text(
        "too many SKUs",
        "SKUが多すぎます",
        "{count} SKUs; at most {limit} are allowed",
        "SKUは{limit}個までです(現在{count}個)",
        12052558,
    ),
    _C.SELLER_SKU_INVALID: _Text(
        "a seller SKU is invalid",
        "SKUコードが正しくありません",
        "seller SKU {sku!r} must be 1 to {limit} characters without spaces",
        "SKUコード「{sku}」は空白を含まない1〜{limit}文字にしてください",
        12052054,
    ),
    _C.SELLER_SKU_DUPLICATE: _Text(
        "two SKUs have the same seller SKU",
        "SKUコードが重複しています",
        "seller SKU {sku!r} is used by more than one SKU",
        "SKUコード「{sku}」が複数のSKUで使われています",
        12052553,
    ),
    _C.PRICE_INVALID: _Text(
        "a price is invalid",
        "価格が正しくありません",
        "SKU {sku}: the price {price} must be {rule_en}",
        "SKU「{sku}」の価格{price}は{rule_ja}にしてください",
        12052073,
    ),
    _C.PRICE_TOO_HIGH: _Text(
        "a price is above the limit",
        "価格が上限を超えています",
        "SKU {sku}: the price {price} is above the limit {limit}",
        "SKU「{sku}」の価格{price}は上限{limit}を超えています",
        12052570,
    ),
    _C.QUANTITY_OUT_OF_RANGE: _Text(
        "a stock quantity is out of range",
        "在庫数が範囲外です",
        "SKU {sku}: the stock {quantity:,} must be from {low} to {high:,}",
        "SKU「{sku}」の在庫数{quantity:,}は{low}〜{high:,}にしてください",
        12052055,
    ),
    _C.IDENTIFIER_CODE_INVALID: _Text(
        "a JAN code is invalid",
        "JANコードが正しくありません",
        "SKU {sku}: the JAN code {jan!r} must be 8 or 13 digits",
        "SKU「{sku}」のJANコード「{jan}」は8桁または13桁の数字にしてください",
    ),
    _C.IDENTIFIER_CODE_DUPLICATE: _Text(
        "two SKUs have the same JAN code",
        "JANコードが重複しています",
        "the JAN code {jan!r} is used by SKUs {skus}: each SKU needs its own",
        "JANコード「{jan}」が複数のSKU({skus})で使われています。SKUごとに別のコードにしてください",
        12052592,
    ),
    _C.SALES_ATTRIBUTES_MISSING: _Text(
        "a SKU has no variant options",
        "バリエーションが設定されていないSKUがあります",
        "SKU {sku} has no variant options (カラー, サイズ...): with several SKUs every SKU "
        "needs them",
        "SKU「{sku}」にバリエーション(カラー・サイズ等)がありません。"
        "SKUが複数の場合は全SKUに必要です",
        12052550,
    ),
    _C.SALES_ATTRIBUTES_INCONSISTENT: _Text(
        "the SKUs have different variant options",
        "SKUごとにバリエーション項目が揃っていません",
        "SKU {sku} has the options {names}, the other SKUs {expected}: every SKU needs the same",
        "SKU「{sku}」のバリエーション項目({names})が他のSKU({expected})と揃っていません",
        12052550,
    ),
    _C.SALES_ATTRIBUTES_TOO_MANY: _Text(
        "more than 3 kinds of variant options",
        "バリエーション項目が多すぎます",
        "{count} kinds of variant options ({names}); at most {limit} are allowed",
        "バリエーション項目は{limit}種類までです(現在{count}種類: {names})",
        12052525,
    ),
    _C.SALES_ATTRIBUTES_DUPLICATE: _Text(
        "two SKUs have the same variant options",
        "同じバリエーションのSKUがあります",
        "SKUs {sku} and {other} have the same options ({combination})",
        "SKU「{sku}」と「{other}」のバリエーションが同じです({combination})",
        12052560,
    ),
    _C.SALES_ATTRIBUTE_NAME_TOO_LONG: _Text(
        "a variant option name is too long",
        "バリエーション項目名が長すぎます",
        "the option name {name!r} has {length} characters; at most {limit} are allowed",
        "バリエーション項目名「{name}」は{limit}文字以内にしてください(現在{length}文字)",
        12052242,
    ),
    _C.SALES_ATTRIBUTE_VALUE_TOO_LONG: _Text(
        "a variant option value is too long",
        "バリエーションの値が長すぎます",
        "SKU {sku}: the {name} value {value!r} has {length} characters; at most {limit}",
        "SKU「{sku}」の{name}「{value}」は{limit}文字以内にしてください(現在{length}文字)",
        12052249,
    ),
    _C.SALES_ATTRIBUTE_NAME_FORMAT: _Text(
        "a variant option name has characters TikTok does not accept",
        "バリエーション項目名に使えない文字や表記があります",
        "the option name {name!r} {problem_en}",
        "バリエーション項目名「{name}」に{problem_ja}",
        12052933,
    ),
    _C.SALES_ATTRIBUTE_VALUE_FORMAT: _Text(
        "a variant option value has characters TikTok does not accept",
        "バリエーションの値に使えない文字や表記があります",
        "SKU {skus}: the {name} value {value!r} {problem_en}",
        "SKU「{skus}」の{name}「{value}」に{problem_ja}",
        12052934,
    ),
    _C.ATTRIBUTE_MISSING: _Text(
        "a required product attribute is missing",
        "必須の商品属性が入力されていません",
        "{attribute} is required",
        "「{attribute}」が必要です",
        12052104,
    ),
    _C.ATTRIBUTE_REQUIRED_BY: _Text(
        "a product attribute is required by another attribute's value",
        "他の属性の値により必要な商品属性が入力されていません",
        "{attribute} is required because {parent} is {parent_value}",
        "「{parent}」が「{parent_value}」のため「{attribute}」が必要です",
        12052182,
    ),
    _C.ATTRIBUTE_VALUE_NOT_ALLOWED: _Text(
        "an attribute value is not one TikTok lists",
        "商品属性の値がTikTokの選択肢にありません",
        "{attribute}: {value!r} is not one of TikTok's values ({choices}): map it to one",
        "「{attribute}」の値「{value}」はTikTokの選択肢にありません(選択肢: {choices})。"
        "対応付けを設定してください",
        12052247,
    ),
    _C.ATTRIBUTE_VALUE_UNKNOWN: _Text(
        "an attribute mapping names a value id TikTok does not list",
        "対応付けの値IDがTikTokの選択肢にありません",
        "{attribute}: the mapping sends {value!r} as value id {value_id}, which TikTok does "
        "not list for it: fix the mapping",
        "「{attribute}」: 対応付けで「{value}」に指定した値ID {value_id} は"
        "TikTokの選択肢にありません。対応付けを直してください",
        12052529,
    ),
    _C.ATTRIBUTE_NOT_MULTIPLE: _Text(
        "several values for a single-value attribute",
        "1つしか選べない商品属性に複数の値があります",
        "{attribute} takes one value; the product has {count} ({values})",
        "「{attribute}」は1つだけ選べます(現在{count}つ: {values})",
        12052246,
    ),
    _C.ATTRIBUTE_VALUE_TOO_LONG: _Text(
        "an attribute value is too long",
        "商品属性の値が長すぎます",
        "{attribute}: the value has {length:,} characters; at most {limit:,} are allowed",
        "「{attribute}」の値は{limit:,}文字以内にしてください(現在{length:,}文字)",
        12052249,
    ),
    _C.ATTRIBUTE_VALUE_NOT_NUMBER: _Text(
        "an attribute value must be a positive number",
        "商品属性の値は正の数にしてください",
        "{attribute}: {value!r} must be a positive number{unit_en}",
        "「{attribute}」の値「{value}」は正の数にしてください{unit_ja}",
        12052256,
    ),
    _C.ATTRIBUTE_VALUE_FORMAT: _Text(
        "an attribute value has characters TikTok does not accept",
        "商品属性の値に使えない文字や表記があります",
        "{attribute}: the value {value!r} {problem_en}",
        "「{attribute}」の値「{value}」に{problem_ja}",
        12052935,
    ),
    _C.ATTRIBUTE_NOT_IN_CATEGORY: _Text(
        "the attribute mapping names an attribute this category does not have",
        "このカテゴリにない属性が対応付けに含まれています",
        "the mapping has attribute {attribute_id}, which TikTok category {category} does not "
        "have: it is not sent",
        "対応付けの属性ID {attribute_id} はカテゴリ {category} にないため送信しません",
        None,
        False,
    ),
    _C.BRAND_MISSING: _Text(
        "a brand is required",
        "ブランドが必要です",
        "a brand is required in this category",
        "ブランドが必要です",
    ),
    _C.BRAND_UNKNOWN: _Text(
        "the brand is not one of TikTok's brands",
        "ブランドがTikTokのブランド一覧にありません",
        "brand {brand!r} is not among the shop's TikTok brands: add it in Seller Center or map it",
        "ブランド「{brand}」はTikTokのブランド一覧にありません。Seller Centerで追加するか、"
        "ブランドの対応付けを設定してください",
        12052026,
    ),
    _C.BRAND_NOT_AUTHORIZED: _Text(
        "the brand needs the owner's authorization",
        "ブランドの使用には権利者の許諾(ブランド資格)が必要です",
        "brand {brand!r} is a T1 brand: apply for brand authorization in the Qualification Center",
        "ブランド「{brand}」は許諾が必要なブランドです。資格センターでブランド資格を申請してください",
        12052208,
    ),
    _C.BRAND_NOT_IN_CATEGORY: _Text(
        "the brand is not authorized in this category",
        "このカテゴリではブランドの使用が許可されていません",
        "brand {brand!r} is not authorized in this category: add the category to the brand's "
        "qualification",
        "ブランド「{brand}」はこのカテゴリで許可されていません。ブランド資格にカテゴリを追加してください",
        12052201,
    ),
    _C.BRAND_HIDDEN: _Text(
        "the brand is not shown to buyers until authorized",
        "ブランドは許諾が得られるまで商品ページに表示されません",
        "brand {brand!r} is not authorized: the product lists, but buyers do not see the brand",
        "ブランド「{brand}」は未承認のため、商品ページに表示されません(出品はできます)",
        None,
        False,
    ),
    _C.PACKAGE_WEIGHT_MISSING: _Text(
        "the package weight is required",
        "梱包後の重量が必要です",
        "the package weight is required",
        "梱包後の重量が必要です",
        12019011,
    ),
    _C.PACKAGE_WEIGHT_INVALID: _Text(
        "the package weight is invalid",
        "梱包後の重量が正しくありません",
        "the package weight {weight} must be {rule_en}",
        "梱包後の重量{weight}は{rule_ja}にしてください",
        12019011,
    ),
    _C.PACKAGE_DIMENSIONS_MISSING: _Text(
        "the package dimensions are required",
        "梱包サイズ(縦・横・高さ)が必要です",
        "the package length, width and height are required in this category",
        "梱包サイズ(縦・横・高さ)が必要です",
        12019012,
    ),
    _C.PACKAGE_DIMENSIONS_INVALID: _Text(
        "a package dimension is invalid",
        "梱包サイズが正しくありません",
        "the package {side_en} {value} must be a positive whole number",
        "梱包サイズの{side_ja}{value}は正の整数にしてください",
        12019012,
    ),
    _C.PACKAGE_UNITS_MISMATCH: _Text(
        "the weight and size units are of different systems",
        "重量とサイズの単位を揃えてください",
        "the weight is in {weight_unit} and the size in {size_unit}: use grams or kilograms "
        "with centimetres, pounds with inches",
        "重量({weight_unit})とサイズ({size_unit})の単位系が違います。g・kgとcm、ポンドとインチを"
        "組み合わせてください",
        12052915,
    ),
    _C.PACKAGE_UNIT_NOT_SUPPORTED: _Text(
        "a package unit is not used in this market",
        "この地域では使えない単位です",
        "{unit} is not used in {market}: use {allowed}",
        "{unit}は{market}では使えません({allowed}を使ってください)",
        12052916,
    ),
    _C.SIZE_CHART_MISSING: _Text(
        "a size chart is required",
        "サイズ表が必要です",
        "a size chart (image or template) is required in this category",
        "このカテゴリではサイズ表(画像またはテンプレート)が必要です",
        12052673,
    ),
    _C.SIZE_CHART_NOT_SUPPORTED: _Text(
        "the category takes no size chart",
        "このカテゴリはサイズ表に対応していません",
        "this category takes no size chart: the product's size chart is not saved",
        "このカテゴリはサイズ表に対応していないため、サイズ表は保存されません",
        None,
        False,
    ),
    _C.CERTIFICATION_MISSING: _Text(
        "a required certification is missing",
        "必要な証明書がありません",
        "the certification {certification} is required in this category",
        "このカテゴリでは「{certification}」の証明書が必要です",
        12052105,
    ),
    _C.CERTIFICATION_REQUIRED_BY: _Text(
        "a certification is required by an attribute's value",
        "属性の値により必要な証明書がありません",
        "the certification {certification} is required because {attribute} is {value}",
        "「{attribute}」が「{value}」のため「{certification}」の証明書が必要です",
        12052105,
    ),
    _C.CERTIFICATION_EMPTY: _Text(
        "a certification has no image or file",
        "証明書の画像またはPDFがありません",
        "the certification {certification} needs an image or a PDF file",
        "「{certification}」の証明書の画像またはPDFを付けてください",
        12052105,
    ),
    _C.CERTIFICATION_EXPIRY_MISSING: _Text(
        "a certification's expiration date is required",
        "証明書の有効期限が必要です",
        "the certification {certification} needs its expiration date",
        "「{certification}」の有効期限を入力してください",
        12052385,
    ),
    _C.CERTIFICATION_NOT_IN_CATEGORY: _Text(
        "a certification is not one the category knows",
        "このカテゴリにない証明書です",
        "certification {certification} is not one of this category's certifications",
        "証明書ID {certification} はこのカテゴリの証明書にありません",
        12052655,
    ),
    _C.TOO_MANY_CERTIFICATIONS: _Text(
        "too many certifications",
        "証明書が多すぎます",
        "{count} certifications; at most {limit} are allowed",
        "証明書は{limit}件までです(現在{count}件)",
    ),
}


def code_for_tiktok(tiktok_code: int) -> IssueCode | None:
    """The issue kind that TikTok's error code describes, when the validator knows it."""
    return _BY_TIKTOK_CODE.get(tiktok_code)


_BY_TIKTOK_CODE: Final[dict[int, IssueCode]] = {}
for _code, _text in _TEXTS.items():
    if _text.tiktok_code is not None:
        _BY_TIKTOK_CODE.setdefault(_text.tiktok_code, _code)


@attrs.frozen(kw_only=True)
class ListingIssue:
    """One missing or invalid item: its kind, the field, and what to do in Japanese and English."""

    code: IssueCode
    field: str
    """TikTok's request field it is about (``product_attributes[100392]``)."""
    message_ja: str = attrs.field(repr=False)
    message_en: str = attrs.field(repr=False)

    @classmethod
    def of(cls, code: IssueCode, field: str, **params: Any) -> ListingIssue:
        """The issue with its messages filled in from ``params``."""
        text = _TEXTS[code]
        return cls(
            code=code,
            field=field,
            message_ja=text.ja.format(**params),
            message_en=text.en.format(**params),
        )

    @property
    def tiktok_code(self) -> int | None:
        """TikTok's error code for the same problem, if it has one."""
        return self.code.tiktok_code

    @property
    def blocking(self) -> bool:
        """Whether TikTok would refuse the product (False: a warning)."""
        return self.code.blocking

    def message(self, language: Language = "ja") -> str:
        """What to do, in Japanese or English."""
        return pick(language, self.message_en, self.message_ja)

    def __repr__(self) -> str:
        return f"ListingIssue({self.code.name}, {self.field!r})"
