"""Category mapping, TikTok's category facts, and the report of what is unmapped or mapped badly."""

from __future__ import annotations

import attrs
import pytest

import listing_samples as s
from tiktokshop_sync.domain import (
    AttributeMapping,
    CategoryMapped,
    CategoryMapping,
    CategoryNode,
    CategorySuggestion,
    CategoryTarget,
    CategoryTree,
    CategoryUnmapped,
    CategoryVersion,
    DomainConfigError,
    ListingMappings,
    MappingProblemKind,
    category_mapping_report,
)

TSHIRT = CategoryTarget(category_id=s.TSHIRT)


def test_a_host_category_maps_ignoring_width_case_and_spaces() -> None:
    mapping = CategoryMapping(rows={"メンズ > Tシャツ": TSHIRT})
    assert mapping.find("  メンズ  >  Ｔシャツ ") == TSHIRT
    assert mapping.find("メンズ > ポロシャツ") is None


def test_resolving_says_which_row_matched_or_that_none_did() -> None:
    mapping = CategoryMapping(rows={"mens/tshirts": TSHIRT})
    assert mapping.resolve("MENS/TSHIRTS") == CategoryMapped(
        host_category="MENS/TSHIRTS", row="mens/tshirts", target=TSHIRT
    )
    assert mapping.resolve("kids") == CategoryUnmapped(host_category="kids")


def test_two_rows_for_one_host_category_with_different_targets_are_refused() -> None:
    rows = [("Tシャツ", TSHIRT), ("ｔシャツ", CategoryTarget(category_id="1"))]
    with pytest.raises(DomainConfigError, match="keep one row"):
        CategoryMapping(rows=rows)


def test_a_row_must_name_a_category_target() -> None:
    with pytest.raises(DomainConfigError, match="must be a CategoryTarget"):
        CategoryMapping(rows={"Tシャツ": "601226"})


def test_a_row_with_an_empty_host_category_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="non-empty text"):
        CategoryMapping(rows={" ": TSHIRT})


def test_extending_replaces_the_row_for_the_same_host_category() -> None:
    mapping = CategoryMapping(rows={"Tシャツ": TSHIRT}).extend(
        {"ｔシャツ": CategoryTarget(category_id="2")}
    )
    assert mapping.find("Tシャツ") == CategoryTarget(category_id="2")
    assert len(mapping.rows) == 1


def test_a_target_defaults_to_the_seven_level_tree_japan_lists_in() -> None:
    assert TSHIRT.version is CategoryVersion.V2
    assert repr(TSHIRT) == "CategoryTarget('601226', v2)"


def test_a_category_without_attribute_mapping_gets_an_empty_one() -> None:
    assert s.MAPPINGS.attributes_for("123") == AttributeMapping(category_id="123")


def test_two_attribute_mappings_for_one_category_are_refused() -> None:
    with pytest.raises(DomainConfigError, match="merge their sources"):
        ListingMappings(
            attributes=[AttributeMapping(category_id="1"), AttributeMapping(category_id="1")]
        )


def test_a_brand_mapping_needs_tiktoks_brand_id() -> None:
    with pytest.raises(DomainConfigError, match="TikTok's brand id"):
        ListingMappings(brands={"アクメ": ""})


def test_the_tree_gives_a_categorys_path_from_the_root() -> None:
    assert s.TREE.path_name(s.TSHIRT) == "ファッション > トップス > Tシャツ"
    assert [n.id for n in s.TREE.path(s.TSHIRT)] == [s.FASHION, s.TOPS, s.TSHIRT]
    assert s.TREE.path("404") == ()


def test_a_tree_with_a_parent_loop_still_gives_a_finite_path() -> None:
    loop = CategoryTree(
        nodes=[
            CategoryNode(id="a", parent_id="b", is_leaf=False),
            CategoryNode(id="b", parent_id="a", is_leaf=True),
        ]
    )
    assert [n.id for n in loop.path("b")] == ["a", "b"]


def test_a_tree_with_two_different_categories_under_one_id_is_refused() -> None:
    with pytest.raises(DomainConfigError, match="two different categories with id 'a'"):
        CategoryTree(
            nodes=[CategoryNode(id="a", is_leaf=True), CategoryNode(id="a", is_leaf=False)]
        )


def test_the_leaves_are_the_categories_a_product_can_go_in() -> None:
    assert {n.id for n in s.TREE.leaves()} == {s.TSHIRT, s.SNACKS, s.COSMETICS}


@pytest.mark.parametrize(
    ("permissions", "permitted", "blocked_by"),
    [
        ({"AVAILABLE"}, True, ()),
        ({"INVITE_ONLY", "NON_MAIN_CATEGORY"}, False, ("INVITE_ONLY", "NON_MAIN_CATEGORY")),
        ({"AVAILABLE", "PROHIBITED"}, False, ("PROHIBITED",)),
        (set(), None, ()),
        ({"SOMETHING_NEW"}, None, ()),
    ],
)
def test_a_categorys_permission_is_read_from_tiktoks_statuses(
    permissions: set[str], permitted: bool | None, blocked_by: tuple[str, ...]
) -> None:
    node = CategoryNode(id="1", is_leaf=True, permissions=permissions)
    assert (node.permitted, node.blocked_by) == (permitted, blocked_by)


def test_a_suggestion_is_usable_only_when_available_and_nothing_blocks_it() -> None:
    usable = CategorySuggestion(target=TSHIRT, permissions={"AVAILABLE"})
    invite = CategorySuggestion(target=TSHIRT, permissions={"INVITE_ONLY"})
    assert usable.usable and not invite.usable


def _catalog() -> list:  # type: ignore[type-arg]
    return [
        s.product(catalog_id="TS-1"),
        s.product(catalog_id="KD-1", category="キッズ", title="キッズTシャツ"),
        s.product(catalog_id="KD-2", category="ｷｯｽﾞ", title="キッズパーカー"),
        s.product(catalog_id="KD-3", category="キッズ"),
        s.product(catalog_id="KD-4", category="キッズ"),
        s.product(catalog_id="BG-1", category="バッグ"),
        s.product(catalog_id="NC-1", category=""),
        s.product(catalog_id="TP-1", category="メンズ > トップス"),
        s.product(catalog_id="CO-1", category="コスメ"),
        s.product(catalog_id="CO-2", category="コスメ"),
    ]


def test_the_report_counts_unmapped_host_categories_with_example_products_most_used_first() -> None:
    report = category_mapping_report(_catalog(), s.MAPPINGS.categories, s.TREE)
    assert (report.products, report.mapped) == (10, 1)
    assert [(u.host_category, u.count, u.examples) for u in report.unmapped] == [
        ("キッズ", 4, ("KD-1", "KD-2", "KD-3")),
        ("", 1, ("NC-1",)),
        ("バッグ", 1, ("BG-1",)),
    ]
    assert report.unmapped[0].example_titles[:2] == ("キッズTシャツ", "キッズパーカー")
    assert not report.complete


def test_the_report_names_rows_to_parent_or_not_permitted_categories() -> None:
    report = category_mapping_report(_catalog(), s.MAPPINGS.categories, s.TREE)
    assert [(p.host_category, p.kind, p.count, p.blocked_by) for p in report.problems] == [
        ("コスメ", MappingProblemKind.NOT_PERMITTED, 2, ("INVITE_ONLY",)),
        ("メンズ > トップス", MappingProblemKind.NOT_LEAF, 1, ()),
    ]
    assert report.problems[1].path == "ファッション > トップス"


def test_rows_to_an_unknown_id_or_the_other_tree_are_problems_too() -> None:
    mapping = CategoryMapping(
        rows={
            "a": CategoryTarget(category_id="404"),
            "b": CategoryTarget(category_id=s.TSHIRT, version=CategoryVersion.V1),
        }
    )
    products = [s.product(catalog_id="1", category="a"), s.product(catalog_id="2", category="b")]
    kinds = {
        p.host_category: p.kind for p in category_mapping_report(products, mapping, s.TREE).problems
    }
    assert kinds == {"a": MappingProblemKind.NOT_FOUND, "b": MappingProblemKind.OTHER_VERSION}


def test_without_a_tree_only_unmapped_categories_are_reported() -> None:
    report = category_mapping_report(_catalog(), s.MAPPINGS.categories)
    assert report.problems == ()
    assert report.mapped == 4


def test_a_complete_mapping_reports_nothing_to_do() -> None:
    report = category_mapping_report([s.product(), s.snack()], s.MAPPINGS.categories, s.TREE)
    assert report.complete and report.mapped == 2


def test_tiktoks_suggestions_attach_to_unmapped_categories_and_show_in_the_summary() -> None:
    report = category_mapping_report(_catalog(), s.MAPPINGS.categories, s.TREE).with_suggestions(
        {
            "キッズ": CategorySuggestion(
                target=CategoryTarget(category_id="602000"),
                path=("キッズ", "トップス"),
                permissions={"AVAILABLE"},
            ),
            "バッグ": CategorySuggestion(
                target=CategoryTarget(category_id="603000"),
                path=("バッグ",),
                permissions={"INVITE_ONLY"},
            ),
        }
    )
    text = report.describe("ja")
    assert text.splitlines()[:3] == [
        "カテゴリ対応付け: 10商品中1商品が対応済み",
        "  未対応: キッズ (4商品、例: KD-1, KD-2, KD-3)",
        "    TikTokのおすすめ: キッズ > トップス [602000 (v2)]",
    ]
    assert "(ショップは使えません: INVITE_ONLY)" in text
    assert "  未対応: (カテゴリ未設定) (1商品、例: NC-1)" in text
    assert "  コスメ → 化粧品: ショップはこのカテゴリに出品できません [INVITE_ONLY] (2商品)" in text


def test_the_summary_speaks_english_too() -> None:
    report = category_mapping_report(_catalog(), s.MAPPINGS.categories, s.TREE)
    assert report.describe("en").splitlines()[:2] == [
        "category mapping: 1 of 10 products mapped",
        "  unmapped: キッズ (4 products, e.g. KD-1, KD-2, KD-3)",
    ]


def test_a_suggestion_must_be_a_suggestion() -> None:
    report = category_mapping_report([], CategoryMapping())
    with pytest.raises(DomainConfigError, match="CategorySuggestion"):
        report.with_suggestions({"a": "602000"})  # type: ignore[dict-item]


def test_the_report_refuses_what_is_not_a_listing_product() -> None:
    with pytest.raises(TypeError, match="ListingProduct"):
        category_mapping_report([attrs.asdict(s.product())], CategoryMapping())
