"""FakeShop's listing area: the category tree, its rules, the listing check, create and edit
refusing what the rules refuse, and TikTok's review (審査) ending live or failed with reasons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing._listing.tree import value_id

Call = Callable[..., httpx.Response]
CREATE = "/product/202309/products"
CHECK = "/product/202309/products/listing_check"
COTTON = value_id("綿")


def envelope(response: httpx.Response) -> dict[str, Any]:
    payload: dict[str, Any] = response.json()
    return payload


def data(response: httpx.Response) -> Any:
    payload = envelope(response)
    assert payload["code"] == 0, payload
    return payload["data"]


def tee(fake: FakeShop, **changes: Any) -> dict[str, Any]:
    """A T-shirt (leaf 601226) that meets every rule of its category."""
    body: dict[str, Any] = {
        "title": "オーガニックコットン Tシャツ",
        "description": "<p>やわらかな綿100%のTシャツです。</p>",
        "category_id": "601226",
        "main_images": [{"uri": "tos-alisg-i-aphluv4xwc-sg/0123456789abcdef0123456789abcdef"}],
        "product_attributes": [
            {"id": "100157", "values": [{"id": COTTON}]},
            {"id": "100392", "values": [{"name": "日本"}]},
        ],
        "size_chart": {"image": {"uri": "tos-alisg-i-aphluv4xwc-sg/sizechart"}},
        "package_weight": {"value": "200", "unit": "GRAM"},
        "package_dimensions": {"length": "30", "width": "20", "height": "3", "unit": "CENTIMETER"},
        "skus": [
            {
                "seller_sku": "TEE-1",
                "price": {"amount": "2980", "currency": "JPY"},
                "inventory": [{"warehouse_id": fake.shops[0].warehouse_id, "quantity": 5}],
            }
        ],
    }
    body.update(changes)
    return body


def codes_of(reasons: list[dict[str, Any]]) -> list[int]:
    return sorted(r["code"] for r in reasons)


def test_the_tree_has_japanese_leaves_with_permissions(call: Call) -> None:
    tree = data(call("GET", "/product/202309/categories", query={"locale": "ja-JP"}))
    leaves = {c["id"]: c for c in tree["categories"] if c["is_leaf"]}
    assert leaves["601226"]["local_name"] == "Tシャツ"
    assert leaves["601180"]["permission_statuses"] == ["INVITE_ONLY"]


def test_a_category_that_is_not_a_leaf_has_no_attributes(call: Call) -> None:
    reply = envelope(call("GET", "/product/202309/categories/824328/attributes"))
    assert reply["code"] == 12052024


def test_a_product_meeting_its_categorys_rules_passes_the_check(fake: FakeShop, call: Call) -> None:
    assert data(call("POST", CHECK, body=tee(fake))) == {"check_result": "PASS", "fail_reasons": []}


def test_the_check_lists_every_missing_rule_at_once(fake: FakeShop, call: Call) -> None:
    body = tee(fake, product_attributes=[], size_chart={}, package_dimensions=None)
    reply = data(call("POST", CHECK, body=body))
    assert reply["check_result"] == "FAILED"
    # 素材 and 原産国 missing, no size chart, no package size.
    assert codes_of(reply["fail_reasons"]) == [12019012, 12052104, 12052104, 12052673]


def test_create_refuses_what_the_check_refuses_with_every_reason_inside(
    fake: FakeShop, call: Call
) -> None:
    body = tee(fake, product_attributes=[], size_chart={})
    checked = data(call("POST", CHECK, body=body))
    refused = envelope(call("POST", CREATE, body=body))
    assert refused["code"] == checked["fail_reasons"][0]["code"]
    assert refused["data"]["extra_errors"] == checked["fail_reasons"]
    assert len(fake.products_of()) == 10


def test_a_value_outside_a_closed_list_is_refused(fake: FakeShop, call: Call) -> None:
    attributes = [
        {"id": "100157", "values": [{"name": "シルク"}]},
        {"id": "100392", "values": [{"name": "日本"}]},
    ]
    reply = data(call("POST", CHECK, body=tee(fake, product_attributes=attributes)))
    assert codes_of(reply["fail_reasons"]) == [12052247]


def test_an_unauthorized_brand_is_listed_with_a_warning(fake: FakeShop, call: Call) -> None:
    created = data(call("POST", CREATE, body=tee(fake, brand_id="7082427311584347912")))
    assert "やまぶき工房" in created["warnings"][0]["message"]


def test_a_t1_brand_needs_authorization(fake: FakeShop, call: Call) -> None:
    reply = data(call("POST", CHECK, body=tee(fake, brand_id="7082427311584347911")))
    assert reply["check_result"] == "FAILED"


def test_food_needs_its_permit(fake: FakeShop, call: Call) -> None:
    matcha = tee(
        fake,
        title="宇治抹茶 30g",
        category_id="700445",
        size_chart={},
        product_attributes=[
            {"id": "100392", "values": [{"name": "日本"}]},
            {"id": "100500", "values": [{"name": "30"}]},
            {"id": "100510", "values": [{"name": "製造日より180日"}]},
        ],
    )
    missing = data(call("POST", CHECK, body=matcha))
    permit = {
        "id": "7100000000000000201",
        "images": [{"uri": "tos-alisg-i-aphluv4xwc-sg/permit"}],
        "expiration_date": 1893456000,
    }
    held = data(call("POST", CHECK, body={**matcha, "certifications": [permit]}))
    assert (missing["check_result"], held["check_result"]) == ("FAILED", "PASS")


def test_recommend_category_reads_the_title(call: Call) -> None:
    body = {"product_title": "南部鉄器の急須 0.6L"}
    reply = data(call("POST", "/product/202309/categories/recommend", body=body))
    assert reply["leaf_category_id"] == "600011"


def test_a_failed_prerequisite_is_reported_with_its_reasons(fake: FakeShop, call: Call) -> None:
    fake.fail_listing_prerequisite("SHOP_TAX", ["税務情報が登録されていません"])
    results = data(call("GET", "/product/202312/prerequisites"))["check_results"]
    failed = [r for r in results if r["is_failed"]]
    assert failed == [
        {
            "check_item": "SHOP_TAX",
            "is_failed": True,
            "fail_reasons": ["税務情報が登録されていません"],
        }
    ]


def test_a_review_refuses_a_forbidden_claim_with_its_reason(fake: FakeShop, call: Call) -> None:
    created = data(call("POST", CREATE, body=tee(fake, title="着るだけで痩せる Tシャツ")))
    fake.approve_products()
    product = fake.product(created["product_id"])
    assert product.status == "FAILED"
    assert "痩せる" in product.audit_failures[0]["reasons"][0]


def test_a_review_failure_rate_fails_products_for_image_problems(
    fake: FakeShop, call: Call
) -> None:
    fake.fail_reviews(1.0)
    created = data(call("POST", CREATE, body=tee(fake)))
    fake.approve_products()
    assert fake.product(created["product_id"]).audit_failures[0]["position"] == "商品画像"


@pytest.mark.parametrize("rate", [-0.1, 1.5])
def test_a_review_failure_rate_outside_zero_to_one_is_refused(fake: FakeShop, rate: float) -> None:
    with pytest.raises(ValueError, match="0 <= rate <= 1"):
        fake.fail_reviews(rate)


def test_a_full_edit_of_a_failed_product_sends_it_back_to_review(
    fake: FakeShop, call: Call
) -> None:
    created = data(call("POST", CREATE, body=tee(fake, title="着るだけで痩せる Tシャツ")))
    fake.approve_products()
    path = f"/product/202509/products/{created['product_id']}"
    fixed = tee(fake)
    del fixed["skus"][0]["inventory"]
    edited = data(call("PUT", path, body=fixed))
    fake.approve_products()
    product = fake.product(created["product_id"])
    assert (edited["audit"]["status"], product.status) == ("AUDITING", "ACTIVATE")
    assert product.skus[0].id == created["skus"][0]["id"]
    assert sum(product.skus[0].inventory.values()) == 5


def test_a_full_edit_is_refused_by_the_same_rules(fake: FakeShop, call: Call) -> None:
    created = data(call("POST", CREATE, body=tee(fake)))
    path = f"/product/202509/products/{created['product_id']}"
    refused = envelope(call("PUT", path, body=tee(fake, product_attributes=[])))
    assert [e["code"] for e in refused["data"]["extra_errors"]] == [12052104, 12052104]


def test_an_identifier_code_on_several_skus_is_refused_once_in_tiktoks_words(
    fake: FakeShop, call: Call
) -> None:
    body = tee(fake)
    body["skus"] = [
        {
            **body["skus"][0],
            "seller_sku": f"TEE-{size}",
            "sales_attributes": [{"id": "100007", "value_name": size}],
            "identifier_code": {"code": "4901234567894", "type": "JAN"},
        }
        for size in ("M", "L", "XL")
    ]
    reply = data(call("POST", CHECK, body=body))
    assert reply["fail_reasons"] == [
        {
            "code": 12052592,
            "message": "Identifier code already entered, cannot enter the same code twice",
        }
    ]


@pytest.mark.parametrize(
    ("option", "code"),
    [
        ({"name": "サイズ✨", "value_name": "M"}, 12052933),
        ({"id": "100000", "value_name": "ブラック🖤"}, 12052934),
        ({"name": "丈", "value_name": "L" * 10}, 12052934),
    ],
    ids=["custom name with an emoji", "value with an emoji", "value with 10 repeats"],
)
def test_create_refuses_an_option_tiktoks_text_rules_refuse(
    fake: FakeShop, call: Call, option: dict[str, str], code: int
) -> None:
    body = tee(fake)
    body["skus"][0]["sales_attributes"] = [option]
    refused = envelope(call("POST", CREATE, body=body))
    assert refused["code"] == code
    assert refused["message"].startswith("Sales attribute")
    assert "more than 9 consecutive repeated characters" in refused["message"]


def test_a_custom_attribute_value_tiktoks_text_rules_refuse_is_refused(
    fake: FakeShop, call: Call
) -> None:
    matcha = tee(
        fake,
        title="宇治抹茶 30g",
        category_id="700445",
        size_chart={},
        product_attributes=[
            {"id": "100392", "values": [{"name": "日本"}]},
            {"id": "100500", "values": [{"name": "30"}]},
            {"id": "100510", "values": [{"name": "製造日より180日✨"}]},
        ],
        certifications=[
            {
                "id": "7100000000000000201",
                "images": [{"uri": "tos-alisg-i-aphluv4xwc-sg/permit"}],
                "expiration_date": 1893456000,
            }
        ],
    )
    reply = data(call("POST", CHECK, body=matcha))
    assert codes_of(reply["fail_reasons"]) == [12052935]
