"""The listing validator: every missing or invalid item, in the seller's words, before any call."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest

import listing_samples as s
from tiktokshop_sync.domain import (
    CatalogFacts,
    CategoryFacts,
    CategoryNode,
    CategoryRules,
    CategoryTarget,
    CategoryTree,
    CategoryVersion,
    DomainConfigError,
    IssueCode,
    LengthUnit,
    ListingCertification,
    ListingPolicy,
    ListingProduct,
    ListingReport,
    ListingSku,
    PackageDimensions,
    PackageWeight,
    ShopPrerequisite,
    WeightUnit,
    check_listing,
)

D = Decimal
C = IssueCode


def _check(
    product: ListingProduct | None = None,
    *,
    facts: CatalogFacts = s.FACTS,
    policy: ListingPolicy | None = None,
) -> ListingReport:
    return check_listing(
        product if product is not None else s.product(),
        mappings=s.MAPPINGS,
        facts=facts,
        policy=policy,
    )


def _codes(report: ListingReport) -> list[IssueCode]:
    return [issue.code for issue in report.issues]


def _kana(length: int) -> str:
    """Japanese text of ``length`` characters with no character repeated in a row."""
    return "".join(chr(0x3042 + i % 80) for i in range(length))


def _sku(**changes: object) -> ListingSku:
    return attrs.evolve(s.product().skus[0], **changes)  # type: ignore[arg-type]


def _tshirt_rules(**changes: object) -> CatalogFacts:
    rules = attrs.evolve(s.TSHIRT_FACTS.rules, **changes)  # type: ignore[arg-type]
    return CatalogFacts(
        tree=s.TREE, categories=[attrs.evolve(s.TSHIRT_FACTS, rules=rules), s.SNACK_FACTS]
    )


def test_a_complete_product_is_ready_with_its_resolved_listing() -> None:
    report = _check()
    assert report.ready and report.issues == () and report.warnings == ()
    assert report.listing is not None
    assert report.listing.target == CategoryTarget(category_id=s.TSHIRT)
    assert report.listing.brand_id == "b-acme"


def test_a_complete_food_product_is_ready() -> None:
    assert _check(s.snack()).ready


def test_a_product_with_many_problems_gets_every_one_of_them_at_once() -> None:
    broken = s.product(
        title="",
        description="",
        images=(),
        fields={},
        brand="Globex",
        package_weight=None,
        package_dimensions=None,
        size_chart_template_id="",
    )
    assert _codes(_check(broken)) == [
        C.TITLE_MISSING,
        C.DESCRIPTION_MISSING,
        C.IMAGE_MISSING,
        C.ATTRIBUTE_MISSING,
        C.BRAND_NOT_AUTHORIZED,
        C.PACKAGE_WEIGHT_MISSING,
        C.PACKAGE_DIMENSIONS_MISSING,
        C.SIZE_CHART_MISSING,
    ]


def test_a_missing_brand_is_said_in_the_sellers_words() -> None:
    [issue] = _check(s.snack(brand="")).issues
    assert issue.code is C.BRAND_MISSING
    assert issue.message("ja") == "ブランドが必要です"
    assert issue.message("en") == "a brand is required in this category"
    assert issue.field == "brand_id"


def test_no_brand_is_fine_where_the_seller_does_not_require_one() -> None:
    assert _check(s.product(brand="")).ready


def test_an_unmapped_host_category_is_named_and_nothing_category_specific_is_checked() -> None:
    report = _check(s.product(category="キッズ > Tシャツ", fields={}))
    assert _codes(report) == [C.CATEGORY_UNMAPPED]
    assert "キッズ > Tシャツ" in report.issues[0].message_ja
    assert report.target is None and report.listing is None


def test_a_mapping_to_a_parent_category_asks_for_a_leaf_with_the_categorys_path() -> None:
    report = _check(s.product(category="メンズ > トップス"))
    assert _codes(report) == [C.CATEGORY_NOT_LEAF]
    assert "ファッション > トップス" in report.issues[0].message_ja
    assert report.issues[0].tiktok_code == 12052024


def test_a_mapping_to_an_invite_only_category_tells_the_seller_to_apply() -> None:
    report = _check(s.product(category="コスメ"))
    assert _codes(report)[:2] == [C.CATEGORY_RESTRICTED, C.CATEGORY_RULES_MISSING]
    assert "資格センター" in report.issues[0].message_ja


def test_an_invite_only_category_is_a_warning_in_the_us_where_such_products_wait_for_approval() -> (
    None
):
    facts = CatalogFacts(
        tree=s.TREE, categories=[attrs.evolve(s.TSHIRT_FACTS, category_id=s.COSMETICS)]
    )
    report = _check(s.product(category="コスメ"), facts=facts, policy=ListingPolicy(market="US"))
    assert C.CATEGORY_RESTRICTED not in _codes(report)
    assert C.CATEGORY_RESTRICTED in [w.code for w in report.warnings]


@pytest.mark.parametrize(
    ("status", "code"),
    [("NON_MAIN_CATEGORY", C.CATEGORY_OUTSIDE_MAIN), ("PROHIBITED", C.CATEGORY_PROHIBITED)],
)
def test_a_category_the_shop_may_not_use_is_reported_with_tiktoks_reason(
    status: str, code: IssueCode
) -> None:
    nodes = [n if n.id != s.TSHIRT else attrs.evolve(n, permissions={status}) for n in s.TREE.nodes]
    facts = attrs.evolve(s.FACTS, tree=CategoryTree(nodes=nodes))
    assert _codes(_check(facts=facts)) == [code]


def test_a_category_id_not_in_the_tree_is_reported_as_not_found() -> None:
    facts = attrs.evolve(s.FACTS, tree=CategoryTree(nodes=[]))
    assert _codes(_check(facts=facts)) == [C.CATEGORY_NOT_FOUND]


def test_a_category_of_the_other_tree_version_is_reported() -> None:
    facts = attrs.evolve(s.FACTS, tree=attrs.evolve(s.TREE, version=CategoryVersion.V1))
    [issue] = _check(facts=facts).issues
    assert issue.code is C.CATEGORY_OTHER_VERSION
    assert issue.tiktok_code == 12052230


def test_without_a_tree_the_leaf_and_permission_are_left_to_the_facts() -> None:
    assert _check(facts=attrs.evolve(s.FACTS, tree=None)).ready


def test_a_leaf_whose_rules_were_not_fetched_is_reported_not_guessed() -> None:
    facts = CatalogFacts(tree=s.TREE, categories=[s.SNACK_FACTS])
    assert _codes(_check(facts=facts)) == [C.CATEGORY_RULES_MISSING]


def test_a_failed_shop_prerequisite_holds_every_product_with_tiktoks_reason() -> None:
    facts = attrs.evolve(
        s.FACTS,
        prerequisites=[
            ShopPrerequisite(item="RETURN_WAREHOUSE", failed=True, reasons=["set it up"]),
            ShopPrerequisite(item="BANK_ACCOUNT", failed=False),
        ],
    )
    [issue] = _check(facts=facts).issues
    assert issue.code is C.SHOP_NOT_READY
    assert issue.field == "shop.RETURN_WAREHOUSE"
    assert issue.message_ja == "ショップの返品倉庫が未設定です: set it up"


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("   ", C.TITLE_MISSING),
        (_kana(256), C.TITLE_TOO_LONG),
        ("セール中😀Tシャツ", C.TITLE_FORMAT),
        ("Tシャツ&nbsp;綿", C.TITLE_FORMAT),
        ("★★★★★★★★★★", C.TITLE_FORMAT),
        ("Tシャツ\x7f", C.TITLE_FORMAT),
        ("Tシャツ✨", C.TITLE_FORMAT),
        ("Tシャツ 1\ufe0f\u20e3", C.TITLE_FORMAT),
    ],
    ids=[
        "blank",
        "256 characters",
        "emoji",
        "html escape",
        "only symbols, repeated",
        "control",
        "emoji shown as one by default",
        "keycap",
    ],
)
def test_a_title_tiktok_refuses_is_reported(title: str, code: IssueCode) -> None:
    assert code in _codes(_check(s.product(title=title)))


@pytest.mark.parametrize(
    "title",
    [_kana(255), "【送料無料】★人気★ Tシャツ ※在庫限り", "Tシャツ" + "!" * 9],
    ids=["255 kanji-width characters", "japanese symbols", "nine repeats"],
)
def test_a_title_tiktok_accepts_passes(title: str) -> None:
    assert _check(s.product(title=title)).ready


def test_the_title_length_counts_characters_not_bytes_and_says_both_numbers() -> None:
    [issue] = _check(s.product(title=_kana(300))).issues
    assert issue.message_ja == "商品名は255文字以内にしてください(現在300文字)"


def test_a_short_title_is_refused_only_in_markets_that_want_25_characters() -> None:
    assert _check(s.product(title="Tシャツ")).ready
    policy = ListingPolicy(market="MY")
    codes = _codes(_check(s.product(title="T-shirt"), policy=policy))
    assert C.TITLE_TOO_SHORT in codes


def test_a_description_over_10000_characters_is_refused() -> None:
    report = _check(s.product(description="<p>" + _kana(10_000) + "</p>"))
    assert _codes(report) == [C.DESCRIPTION_TOO_LONG]


def test_a_description_with_more_than_30_images_is_refused() -> None:
    html = "".join(f'<img src="https://x/{i}.jpg" width="800" height="800">' for i in range(31))
    assert _codes(_check(s.product(description=html))) == [C.DESCRIPTION_TOO_MANY_IMAGES]


def test_an_indented_html_description_is_not_read_as_repeated_characters() -> None:
    html = "<div>\n" + " " * 16 + "<p>綿100%</p>\n</div>"
    assert _check(s.product(description=html)).ready


def test_more_than_nine_main_images_are_refused() -> None:
    images = tuple(f"https://example.jp/{i}.jpg" for i in range(10))
    assert _codes(_check(s.product(images=images))) == [C.TOO_MANY_IMAGES]


def test_when_one_color_has_an_image_every_color_needs_one() -> None:
    skus = list(s.product().skus)
    skus[0] = attrs.evolve(skus[0], image="https://example.jp/black.jpg")
    [issue] = _check(s.product(skus=skus)).issues
    assert issue.code is C.SKU_IMAGE_MISSING
    assert issue.message_ja.startswith("色「ホワイト」の画像がありません")


def test_a_product_without_skus_is_refused() -> None:
    assert C.NO_SKUS in _codes(_check(s.product(skus=[])))


@pytest.mark.parametrize("code", ["", "TS BLK", "X" * 51], ids=["empty", "space", "51 long"])
def test_an_invalid_seller_sku_is_refused(code: str) -> None:
    skus = [_sku(seller_sku=code, options={})]
    assert _codes(_check(s.product(skus=skus))) == [C.SELLER_SKU_INVALID]


def test_a_seller_sku_used_twice_is_reported_once() -> None:
    skus = [_sku(), _sku(options={"色": "ホワイト", "サイズ": "M"})]
    assert _codes(_check(s.product(skus=skus))) == [C.SELLER_SKU_DUPLICATE]


@pytest.mark.parametrize(
    "price", [D(0), D(-1), D("1980.5"), D("NaN")], ids=["zero", "negative", "sen", "nan"]
)
def test_a_yen_price_must_be_a_whole_amount_above_zero(price: Decimal) -> None:
    report = _check(s.product(skus=[_sku(price=price, options={})]))
    assert _codes(report) == [C.PRICE_INVALID]
    assert "1円以上の整数" in report.issues[0].message_ja


def test_a_yen_price_written_with_zero_decimals_is_whole() -> None:
    assert _check(s.product(skus=[_sku(price=D("1980.00"), options={})])).ready


def test_a_price_above_the_hosts_ceiling_is_refused() -> None:
    policy = ListingPolicy(max_price=D("100000"))
    product = s.product(skus=[_sku(price=D("100001"), options={})])
    assert _codes(_check(product, policy=policy)) == [C.PRICE_TOO_HIGH]


def test_a_two_decimal_price_is_fine_in_a_market_with_cents() -> None:
    product = s.product(skus=[_sku(price=D("19.99"), options={})])
    report = _check(product, policy=ListingPolicy(market="UK"))
    assert C.PRICE_INVALID not in _codes(report)


@pytest.mark.parametrize(
    ("quantity", "ok"), [(0, True), (99_999, True), (-1, False), (100_000, False)]
)
def test_stock_goes_from_zero_to_99999(quantity: int, ok: bool) -> None:
    report = _check(s.product(skus=[_sku(quantity=quantity, options={})]))
    assert report.ready is ok
    if not ok:
        assert _codes(report) == [C.QUANTITY_OUT_OF_RANGE]


@pytest.mark.parametrize(
    ("jan", "ok"),
    [("4901234567894", True), ("49012345", True), ("12345", False), ("４９０１２３４５", False)],
)
def test_a_jan_code_has_8_or_13_ascii_digits(jan: str, ok: bool) -> None:
    assert _check(s.product(skus=[_sku(identifier_code=jan, options={})])).ready is ok


def test_a_jan_code_on_several_skus_is_reported_once_naming_them() -> None:
    skus = [attrs.evolve(sku, identifier_code="4901234567894") for sku in s.product().skus[:2]]
    [issue] = _check(s.product(skus=skus)).issues
    assert (issue.code, issue.tiktok_code) == (C.IDENTIFIER_CODE_DUPLICATE, 12052592)
    assert issue.field == "skus[TS-BLK-M].identifier_code"
    assert issue.message_ja == (
        "JANコード「4901234567894」が複数のSKU(TS-BLK-M, TS-BLK-L)で使われています。"
        "SKUごとに別のコードにしてください"
    )


def test_each_sku_with_its_own_jan_code_passes() -> None:
    jans = ("4901234567894", "4901234567900", "49012345", "4901234567917")
    skus = [
        attrs.evolve(sku, identifier_code=jan)
        for sku, jan in zip(s.product().skus, jans, strict=True)
    ]
    assert _check(s.product(skus=skus)).ready


def _with_option(value: str) -> ListingProduct:
    """The T-shirt with its black M in colour ``value`` (sent as text, not TikTok's id)."""
    skus = list(s.product().skus)
    skus[0] = attrs.evolve(skus[0], options={"色": value, "サイズ": "M"})
    return s.product(skus=skus)


@pytest.mark.parametrize(
    "value",
    ["黒🖤", "黒✨", "黒&amp;白", "黒\x07", "★★", "L" * 10],
    ids=["emoji", "emoji shown as one by default", "html escape", "control", "symbols", "10 L"],
)
def test_an_option_value_tiktoks_text_rules_refuse_is_reported(value: str) -> None:
    [issue] = _check(_with_option(value)).issues
    assert (issue.code, issue.tiktok_code) == (C.SALES_ATTRIBUTE_VALUE_FORMAT, 12052934)
    assert issue.field == "skus[TS-BLK-M].sales_attributes"


def test_an_option_value_with_nine_repeats_passes() -> None:
    assert _check(_with_option("L" * 9)).ready


def test_an_option_value_tiktok_refuses_is_reported_once_with_every_sku_carrying_it() -> None:
    skus = [
        attrs.evolve(sku, options={**sku.options, "色": "黒🖤"})
        if sku.options["色"] == "黒"
        else sku
        for sku in s.product().skus
    ]
    [issue] = _check(s.product(skus=skus)).issues
    assert issue.message_ja == (
        "SKU「TS-BLK-M, TS-BLK-L」の色「黒🖤」に絵文字が含まれています。削除してください"
    )
    assert (
        issue.message_en
        == "SKU TS-BLK-M, TS-BLK-L: the 色 value '黒🖤' contains emojis: remove them"
    )


def test_a_custom_option_name_tiktoks_text_rules_refuse_is_reported_once() -> None:
    skus = [
        attrs.evolve(sku, options={"色": sku.options["色"], "サイズ✨": sku.options["サイズ"]})
        for sku in s.product().skus
    ]
    [issue] = _check(s.product(skus=skus)).issues
    assert (issue.code, issue.tiktok_code) == (C.SALES_ATTRIBUTE_NAME_FORMAT, 12052933)
    assert (
        issue.message_ja
        == "バリエーション項目名「サイズ✨」に絵文字が含まれています。削除してください"
    )


def test_a_custom_attribute_value_tiktoks_text_rules_refuse_is_reported() -> None:
    fields = {**s.product().fields, "プリント": "あり", "プリント方法": "シルク&amp;インク"}
    [issue] = _check(s.product(fields=fields)).issues
    assert (issue.code, issue.tiktok_code) == (C.ATTRIBUTE_VALUE_FORMAT, 12052935)
    assert issue.field == "product_attributes[100400]"
    assert issue.message_ja.startswith(
        "「プリント方法」の値「シルク&amp;インク」にHTMLエスケープ文字"
    )


def test_with_several_skus_each_needs_variant_options() -> None:
    skus = [_sku(), _sku(seller_sku="TS-2", options={})]
    report = _check(s.product(skus=skus))
    assert _codes(report) == [C.SALES_ATTRIBUTES_MISSING]
    assert report.issues[0].field == "skus[TS-2].sales_attributes"


def test_a_single_sku_may_have_no_options() -> None:
    assert _check(s.product(skus=[_sku(options={})])).ready


def test_skus_with_different_option_names_are_reported_against_the_common_set() -> None:
    skus = [
        *s.product().skus,
        _sku(seller_sku="TS-ODD", options={"色": "ホワイト", "丈": "長袖"}),
    ]
    report = _check(s.product(skus=skus))
    assert _codes(report) == [C.SALES_ATTRIBUTES_INCONSISTENT]
    assert "TS-ODD" in report.issues[0].message_ja


def test_more_than_three_kinds_of_options_are_refused() -> None:
    options = {"色": "黒", "サイズ": "M", "丈": "長袖", "襟": "丸首"}
    codes = _codes(_check(s.product(skus=[_sku(options=options)])))
    assert codes == [C.SALES_ATTRIBUTES_TOO_MANY]


def test_two_skus_with_the_same_options_are_refused() -> None:
    skus = [_sku(), _sku(seller_sku="TS-COPY", options={"色": "黒", "サイズ": "m"})]
    [issue] = _check(s.product(skus=skus)).issues
    assert issue.code is C.SALES_ATTRIBUTES_DUPLICATE
    assert "TS-BLK-M" in issue.message_ja and "TS-COPY" in issue.message_ja


def test_an_unknown_brand_is_refused_with_how_to_fix_it() -> None:
    [issue] = _check(s.product(brand="Umbrella")).issues
    assert issue.code is C.BRAND_UNKNOWN
    assert issue.tiktok_code == 12052026


def test_a_brand_matches_tiktoks_name_ignoring_width_and_case() -> None:
    report = _check(s.product(brand="ＡＣＭＥ"))
    assert report.listing is not None and report.listing.brand_id == "b-acme"


def test_an_unauthorized_t1_brand_is_refused() -> None:
    [issue] = _check(s.product(brand="Globex")).issues
    assert (issue.code, issue.tiktok_code) == (C.BRAND_NOT_AUTHORIZED, 12052208)


def test_an_unauthorized_ordinary_brand_lists_but_is_hidden_with_a_warning() -> None:
    report = _check(s.product(brand="Initech"))
    assert report.ready
    assert [w.code for w in report.warnings] == [C.BRAND_HIDDEN]
    assert report.listing is not None and report.listing.brand_id == "b-initech"


def test_an_authorized_brand_unavailable_in_the_category_is_refused() -> None:
    assert _codes(_check(s.product(brand="Hooli"))) == [C.BRAND_NOT_IN_CATEGORY]


@pytest.mark.parametrize(
    ("weight", "ok"),
    [
        (PackageWeight(value=D("250")), True),
        (PackageWeight(value=D("250.5")), False),
        (PackageWeight(value=D("0")), False),
        (PackageWeight(value=D("0.255"), unit=WeightUnit.KILOGRAM), True),
        (PackageWeight(value=D("0.2555"), unit=WeightUnit.KILOGRAM), False),
    ],
    ids=["grams", "half a gram", "zero", "kilograms", "four decimals"],
)
def test_a_package_weight_follows_its_units_format(weight: PackageWeight, ok: bool) -> None:
    report = _check(s.product(package_weight=weight))
    assert report.ready is ok
    if not ok:
        assert _codes(report) == [C.PACKAGE_WEIGHT_INVALID]


def test_pounds_are_not_used_in_japan() -> None:
    weight = PackageWeight(value=D("1"), unit=WeightUnit.POUND)
    assert _codes(_check(s.product(package_weight=weight)))[0] is C.PACKAGE_UNIT_NOT_SUPPORTED


def test_a_package_dimension_must_be_a_positive_whole_number() -> None:
    size = PackageDimensions(length=D("30.5"), width=D(0), height=D(3))
    report = _check(s.product(package_dimensions=size))
    assert [i.field for i in report.issues] == [
        "package_dimensions.length",
        "package_dimensions.width",
    ]


def test_inches_with_grams_mix_unit_systems() -> None:
    size = PackageDimensions(length=D(12), width=D(10), height=D(1), unit=LengthUnit.INCH)
    codes = _codes(_check(s.product(package_dimensions=size), policy=ListingPolicy(market="US")))
    assert C.PACKAGE_UNITS_MISMATCH in codes


def test_dimensions_are_optional_where_the_category_rule_says_so() -> None:
    assert _check(s.snack()).ready
    facts = _tshirt_rules(package_dimensions_required=False)
    assert _check(s.product(package_dimensions=None), facts=facts).ready


def test_dimensions_are_required_when_tiktok_gives_no_rule_as_for_cross_border_sellers() -> None:
    facts = _tshirt_rules(package_dimensions_required=None)
    codes = _codes(_check(s.product(package_dimensions=None), facts=facts))
    assert codes == [C.PACKAGE_DIMENSIONS_MISSING]


def test_a_size_chart_image_satisfies_the_rule_as_well_as_a_template() -> None:
    product = s.product(size_chart_template_id="", size_chart_image="https://example.jp/size.png")
    assert _check(product).ready


def test_a_size_chart_in_a_category_that_takes_none_is_a_warning() -> None:
    facts = _tshirt_rules(size_chart_required=False, size_chart_supported=False)
    report = _check(facts=facts)
    assert report.ready
    assert [w.code for w in report.warnings] == [C.SIZE_CHART_NOT_SUPPORTED]


def test_a_required_certification_that_is_missing_is_reported_by_name() -> None:
    [issue] = _check(s.snack(certifications=[])).issues
    assert issue.code is C.CERTIFICATION_MISSING
    assert issue.message_ja == "このカテゴリでは「食品衛生責任者」の証明書が必要です"


def test_a_certification_required_by_an_attribute_value_names_both() -> None:
    [issue] = _check(s.snack(fields={"健康食品": "はい"})).issues
    assert issue.code is C.CERTIFICATION_REQUIRED_BY
    assert (
        issue.message_ja == "「健康食品」が「はい」のため「機能性表示食品の届出」の証明書が必要です"
    )


def test_a_certification_needs_a_file_or_image_and_its_expiry_when_required() -> None:
    empty = [ListingCertification(id="c-food")]
    assert _codes(_check(s.snack(certifications=empty))) == [
        C.CERTIFICATION_EMPTY,
        C.CERTIFICATION_EXPIRY_MISSING,
    ]


def test_a_certification_the_category_does_not_know_is_refused() -> None:
    extra = [*s.snack().certifications, ListingCertification(id="c-x", files=("cert.pdf",))]
    assert _codes(_check(s.snack(certifications=extra))) == [C.CERTIFICATION_NOT_IN_CATEGORY]


def test_a_certification_with_its_expiry_passes() -> None:
    cert = ListingCertification(id="c-food", files=("cert.pdf",), expires=date(2030, 1, 1))
    assert _check(s.snack(certifications=[cert])).ready


def test_every_issue_says_what_to_do_in_both_languages() -> None:
    broken = s.product(title="", images=(), fields={}, brand="Umbrella", package_weight=None)
    for issue in _check(broken).issues:
        assert issue.message("ja") and issue.message("en")
        assert issue.message("ja") != issue.message("en")


def test_the_report_reads_as_a_list_for_the_seller() -> None:
    text = _check(s.product(fields={}, brand="Globex")).describe("ja")
    assert text.splitlines() == [
        "TS-001: 不足項目あり",
        "  - 「素材」が必要です",
        "  - ブランド「Globex」は許諾が必要なブランドです。"
        "資格センターでブランド資格を申請してください",
    ]


def test_reprs_name_codes_and_fields_only() -> None:
    report = _check(s.product(fields={}))
    assert repr(report.issues[0]) == "ListingIssue(ATTRIBUTE_MISSING, 'product_attributes[100100]')"
    assert "素材" not in repr(report)


def test_the_policy_refuses_a_market_tiktok_does_not_have() -> None:
    with pytest.raises(DomainConfigError, match="ListingPolicy.market must be one of"):
        ListingPolicy(market="KR")


def test_the_policy_refuses_a_float_price_ceiling() -> None:
    with pytest.raises(DomainConfigError, match="ListingPolicy.max_price"):
        ListingPolicy(max_price=1000.0)  # type: ignore[arg-type]


def test_the_policy_derives_japans_limits() -> None:
    policy = ListingPolicy()
    assert (policy.currency, policy.title_range, policy.sku_limit) == ("JPY", (1, 255), 300)
    assert policy.weight_units == (WeightUnit.KILOGRAM, WeightUnit.GRAM)


def test_an_empty_category_rule_set_requires_only_what_every_product_needs() -> None:
    bare = CatalogFacts(
        tree=CategoryTree(nodes=[CategoryNode(id=s.TSHIRT, is_leaf=True)]),
        categories=[
            CategoryFacts(
                category_id=s.TSHIRT, rules=CategoryRules(package_dimensions_required=False)
            )
        ],
    )
    product = s.product(fields={}, brand="", size_chart_template_id="", package_dimensions=None)
    assert _check(product, facts=bare).ready
