"""Host fields and SKU options become TikTok attributes: value ids, custom values, requirements."""

from __future__ import annotations

import pytest

import listing_samples as s
from tiktokshop_sync.domain import (
    AttributeFacts,
    AttributeKind,
    AttributeMapping,
    AttributeOption,
    AttributeResolution,
    AttributeSource,
    CategoryFacts,
    ChosenValue,
    DomainConfigError,
    IssueCode,
    ListingProduct,
    SkuAttributeChoice,
    resolve_attributes,
)

C = IssueCode


def _resolve(
    product: ListingProduct | None = None,
    *,
    sources: list[AttributeSource] | None = None,
    attributes: list[AttributeFacts] | None = None,
) -> AttributeResolution:
    mapping = s.MAPPINGS.attributes_for(s.TSHIRT)
    if sources is not None:
        mapping = AttributeMapping(category_id=s.TSHIRT, sources=sources)
    facts = s.TSHIRT_FACTS
    if attributes is not None:
        facts = CategoryFacts(category_id=s.TSHIRT, attributes=attributes)
    return resolve_attributes(product or s.product(), mapping, facts)


def _values(resolution: AttributeResolution, attribute_id: str) -> tuple[ChosenValue, ...]:
    for choice in resolution.product:
        if choice.attribute_id == attribute_id:
            return choice.values
    raise AssertionError(f"{attribute_id} was not chosen")


def _codes(resolution: AttributeResolution) -> list[IssueCode]:
    return [issue.code for issue in resolution.issues]


def test_a_mapped_host_value_becomes_tiktoks_value_id() -> None:
    assert _values(_resolve(), s.MATERIAL.id) == (ChosenValue(id="1001"),)


def test_a_host_value_named_like_tiktoks_value_needs_no_mapping() -> None:
    resolution = _resolve(s.product(fields={"素材": "ポリエステル"}))
    assert _values(resolution, s.MATERIAL.id) == (ChosenValue(id="1002"),)


def test_a_name_matches_ignoring_full_width_and_case() -> None:
    resolution = _resolve(s.product(fields={"素材": " コットン "}))
    assert _values(resolution, s.MATERIAL.id) == (ChosenValue(id="1001"),)


def test_a_fixed_value_applies_to_every_product() -> None:
    assert _values(_resolve(), s.ORIGIN.id) == (ChosenValue(id="2001"),)


def test_a_value_not_in_tiktoks_list_is_refused_where_custom_values_are_not_allowed() -> None:
    resolution = _resolve(s.product(fields={"素材": "シルク"}))
    [issue] = resolution.issues
    assert issue.code is C.ATTRIBUTE_VALUE_NOT_ALLOWED
    assert issue.message_ja.startswith("「素材」の値「シルク」はTikTokの選択肢にありません")
    assert "綿、ポリエステル、麻" in issue.message_ja


def test_a_value_not_in_the_list_is_sent_as_a_custom_value_where_tiktok_allows_one() -> None:
    product = s.product(
        fields={**s.product().fields, "プリント": "あり", "プリント方法": "シルク印刷"}
    )
    assert _values(_resolve(product), s.PRINT_METHOD.id) == (ChosenValue(name="シルク印刷"),)


def test_an_attribute_without_a_value_list_takes_free_text() -> None:
    free = AttributeFacts(id="x1", name="型番")
    resolution = _resolve(
        s.product(fields={"型番": "TS-2025"}),
        sources=[AttributeSource(attribute_id="x1", field="型番")],
        attributes=[free],
    )
    assert _values(resolution, "x1") == (ChosenValue(name="TS-2025"),)


def test_a_mapping_to_a_value_id_tiktok_does_not_list_is_reported() -> None:
    stale = AttributeSource(attribute_id=s.MATERIAL.id, field="素材", values={"コットン": "9999"})
    resolution = _resolve(sources=[stale])
    assert _codes(resolution) == [C.ATTRIBUTE_VALUE_UNKNOWN, C.ATTRIBUTE_MISSING]
    assert "9999" in resolution.issues[0].message_ja


def test_several_values_split_from_one_host_text_go_to_a_multiple_selection_attribute() -> None:
    resolution = _resolve(s.product(fields={"素材": "コットン、ポリエステル、綿"}))
    assert _values(resolution, s.MATERIAL.id) == (ChosenValue(id="1001"), ChosenValue(id="1002"))


def test_a_host_list_goes_to_a_multiple_selection_attribute() -> None:
    resolution = _resolve(s.product(fields={"素材": ("綿", "麻")}))
    assert _values(resolution, s.MATERIAL.id) == (ChosenValue(id="1001"), ChosenValue(id="1003"))


def test_several_values_for_a_single_value_attribute_are_refused() -> None:
    resolution = _resolve(
        s.product(fields={**s.product().fields, "プリント": ("あり", "なし")}),
    )
    [issue] = resolution.issues
    assert issue.code is C.ATTRIBUTE_NOT_MULTIPLE
    assert issue.message_ja == "「プリント」は1つだけ選べます(現在2つ: あり、なし)"


def test_a_numeric_value_is_read_from_full_width_digits_and_its_unit() -> None:
    assert _values(_resolve(), s.WEIGHT.id) == (ChosenValue(name="150"),)


@pytest.mark.parametrize("value", ["厚手", "0g", "-5", "1e3", "1.2.3"])
def test_a_numeric_attribute_refuses_what_is_not_a_positive_number(value: str) -> None:
    resolution = _resolve(s.product(fields={**s.product().fields, "生地の重さ": value}))
    assert _codes(resolution) == [C.ATTRIBUTE_VALUE_NOT_NUMBER]


def test_a_custom_value_over_2000_characters_is_refused() -> None:
    long = "".join(chr(0x3042 + i % 80) for i in range(2001))
    product = s.product(fields={**s.product().fields, "プリント": "あり", "プリント方法": long})
    assert _codes(_resolve(product)) == [C.ATTRIBUTE_VALUE_TOO_LONG]


def test_a_required_attribute_without_a_source_or_value_is_reported_once() -> None:
    resolution = _resolve(s.product(fields={}), sources=[])
    assert _codes(resolution) == [C.ATTRIBUTE_MISSING, C.ATTRIBUTE_MISSING]
    assert [i.field for i in resolution.issues] == [
        "product_attributes[100100]",
        "product_attributes[100200]",
    ]


def test_an_attribute_is_required_when_another_has_the_value_its_condition_names() -> None:
    product = s.product(fields={**s.product().fields, "プリント": "あり"})
    [issue] = _resolve(product).issues
    assert issue.code is C.ATTRIBUTE_REQUIRED_BY
    assert issue.message_ja == "「プリント」が「あり」のため「プリント方法」が必要です"


def test_a_condition_not_met_leaves_the_attribute_optional() -> None:
    assert _resolve().issues == ()


def test_a_value_refused_is_not_also_reported_as_missing() -> None:
    resolution = _resolve(s.product(fields={"素材": "シルク"}))
    assert C.ATTRIBUTE_MISSING not in _codes(resolution)


def test_a_source_for_an_attribute_the_category_lacks_is_a_warning_and_not_sent() -> None:
    extra = AttributeSource(attribute_id="404", field="素材")
    resolution = _resolve(sources=[*s.MAPPINGS.attributes_for(s.TSHIRT).sources, extra])
    assert [w.code for w in resolution.warnings] == [C.ATTRIBUTE_NOT_IN_CATEGORY]
    assert "404" not in {c.attribute_id for c in resolution.product}


def test_sku_options_become_built_in_sales_attributes_with_value_ids() -> None:
    black_m = _resolve().skus[0]
    assert black_m == (
        SkuAttributeChoice(attribute_id=s.COLOR.id, value_id="9001"),
        SkuAttributeChoice(name="サイズ", value_name="M"),
    )


def test_an_option_named_like_tiktoks_sales_attribute_needs_no_mapping() -> None:
    product = s.product(
        skus=[
            s.product()
            .skus[0]
            .__class__(seller_sku="TS-1", price=s.D("1980"), options={"カラー": "ホワイト"})
        ]
    )
    assert _resolve(product).skus == (
        (SkuAttributeChoice(attribute_id=s.COLOR.id, value_id="9002"),),
    )


def test_an_option_value_tiktok_does_not_list_is_a_custom_value_of_the_built_in_attribute() -> None:
    sku = s.product().skus[0]
    product = s.product(
        skus=[type(sku)(seller_sku="TS-1", price=sku.price, options={"色": "ネイビー"})]
    )
    assert _resolve(product).skus == (
        (SkuAttributeChoice(attribute_id=s.COLOR.id, value_name="ネイビー"),),
    )


def test_a_custom_option_name_over_20_characters_is_reported_once_per_name() -> None:
    sku = s.product().skus[0]
    name = "".join(chr(0x30A2 + i) for i in range(21))
    skus = [
        type(sku)(seller_sku=f"S{i}", price=sku.price, options={name: str(i)}) for i in range(3)
    ]
    assert _codes(_resolve(s.product(skus=skus))) == [C.SALES_ATTRIBUTE_NAME_TOO_LONG]


def test_a_custom_option_value_over_50_characters_is_reported_per_sku() -> None:
    sku = s.product().skus[0]
    value = "".join(chr(0x30A2 + i) for i in range(51))
    product = s.product(skus=[type(sku)(seller_sku="S", price=sku.price, options={"色": value})])
    [issue] = _resolve(product).issues
    assert issue.code is C.SALES_ATTRIBUTE_VALUE_TOO_LONG
    assert issue.field == "skus[S].sales_attributes"


def test_a_source_needs_exactly_one_of_a_field_or_a_fixed_value() -> None:
    with pytest.raises(DomainConfigError, match="exactly one of field="):
        AttributeSource(attribute_id="1")
    with pytest.raises(DomainConfigError, match="exactly one of field="):
        AttributeSource(attribute_id="1", field="素材", fixed="綿")


def test_a_value_map_that_sends_one_host_value_two_ways_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="twice to different value ids"):
        AttributeSource(
            attribute_id="1",
            field="色",
            values=[("黒", "1"), ("ブラック", "1"), ("ブラック ", "2")],
        )


def test_a_mapping_with_two_sources_for_one_attribute_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="two sources for attribute '1'"):
        AttributeMapping(
            category_id="c",
            sources=[
                AttributeSource(attribute_id="1", field="a"),
                AttributeSource(attribute_id="1", field="b"),
            ],
        )


def test_sales_attributes_take_custom_values_and_product_attributes_only_when_customizable() -> (
    None
):
    sales = AttributeFacts(id="1", kind=AttributeKind.SALES, options=[AttributeOption(id="a")])
    listed = AttributeFacts(id="2", options=[AttributeOption(id="a")])
    assert sales.accepts_custom and not listed.accepts_custom
    assert AttributeFacts(
        id="3", options=[AttributeOption(id="a")], customizable=True
    ).accepts_custom
