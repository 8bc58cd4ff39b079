"""A small Japanese category tree, its facts and mappings, and a complete product to break.

Apparel (a Tシャツ leaf whose rules want a size chart and package dimensions), food (a leaf
that wants a certificate, and another when a product is marked 健康食品), cosmetics (invite
only) and a parent category that is no leaf. :func:`product` builds a T-shirt the validator
passes; tests change one thing at a time with ``attrs.evolve``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from tiktokshop_sync.domain import (
    AttributeFacts,
    AttributeKind,
    AttributeMapping,
    AttributeOption,
    AttributeSource,
    BrandFacts,
    CatalogFacts,
    CategoryFacts,
    CategoryMapping,
    CategoryNode,
    CategoryRules,
    CategoryTarget,
    CategoryTree,
    CategoryVersion,
    CertificationFacts,
    ListingCertification,
    ListingMappings,
    ListingProduct,
    ListingSku,
    PackageDimensions,
    PackageWeight,
    RequiredWhen,
    WeightUnit,
)

D = Decimal

FASHION, TOPS, TSHIRT = "600001", "600010", "601226"
FOOD, SNACKS = "700001", "700101"
COSMETICS = "800201"
AVAILABLE = {"AVAILABLE"}

TREE = CategoryTree(
    version=CategoryVersion.V2,
    nodes=[
        CategoryNode(
            id=FASHION, name="ファッション", parent_id="0", is_leaf=False, permissions=AVAILABLE
        ),
        CategoryNode(
            id=TOPS, name="トップス", parent_id=FASHION, is_leaf=False, permissions=AVAILABLE
        ),
        CategoryNode(
            id=TSHIRT, name="Tシャツ", parent_id=TOPS, is_leaf=True, permissions=AVAILABLE
        ),
        CategoryNode(id=FOOD, name="食品", parent_id="0", is_leaf=False, permissions=AVAILABLE),
        CategoryNode(id=SNACKS, name="お菓子", parent_id=FOOD, is_leaf=True, permissions=AVAILABLE),
        CategoryNode(
            id=COSMETICS, name="化粧品", parent_id="0", is_leaf=True, permissions={"INVITE_ONLY"}
        ),
    ],
)

MATERIAL = AttributeFacts(
    id="100100",
    name="素材",
    required=True,
    multiple=True,
    options=[
        AttributeOption(id="1001", name="綿"),
        AttributeOption(id="1002", name="ポリエステル"),
        AttributeOption(id="1003", name="麻"),
    ],
)
ORIGIN = AttributeFacts(
    id="100200",
    name="原産国",
    required=True,
    options=[AttributeOption(id="2001", name="日本"), AttributeOption(id="2002", name="中国")],
)
PRINT = AttributeFacts(
    id="100300",
    name="プリント",
    options=[AttributeOption(id="3001", name="あり"), AttributeOption(id="3002", name="なし")],
)
PRINT_METHOD = AttributeFacts(
    id="100400",
    name="プリント方法",
    customizable=True,
    required_when=[RequiredWhen(attribute_id="100300", value_id="3001")],
)
WEIGHT = AttributeFacts(id="100500", name="生地の重さ", customizable=True, numeric=True)
COLOR = AttributeFacts(
    id="100000",
    name="カラー",
    kind=AttributeKind.SALES,
    options=[
        AttributeOption(id="9001", name="ブラック"),
        AttributeOption(id="9002", name="ホワイト"),
    ],
)

TSHIRT_FACTS = CategoryFacts(
    category_id=TSHIRT,
    attributes=[MATERIAL, ORIGIN, PRINT, PRINT_METHOD, WEIGHT, COLOR],
    rules=CategoryRules(
        size_chart_supported=True, size_chart_required=True, package_dimensions_required=True
    ),
    brands=[
        BrandFacts(id="b-acme", name="Acme", authorized=True, available_in_category=True),
        BrandFacts(id="b-globex", name="Globex", authorized=False, t1=True),
        BrandFacts(id="b-initech", name="Initech", authorized=False, t1=False),
        BrandFacts(id="b-hooli", name="Hooli", authorized=True, available_in_category=False),
    ],
)

HEALTH = AttributeFacts(
    id="200100",
    name="健康食品",
    options=[AttributeOption(id="5001", name="はい"), AttributeOption(id="5002", name="いいえ")],
)
SNACK_FACTS = CategoryFacts(
    category_id=SNACKS,
    attributes=[HEALTH],
    rules=CategoryRules(
        package_dimensions_required=False,
        certifications=[
            CertificationFacts(
                id="c-food", name="食品衛生責任者", required=True, expiry_required=True
            ),
            CertificationFacts(
                id="c-health",
                name="機能性表示食品の届出",
                required_when=[RequiredWhen(attribute_id="200100", value_id="5001")],
            ),
        ],
    ),
    brands=[BrandFacts(id="b-acme", name="Acme", authorized=True, available_in_category=True)],
)

FACTS = CatalogFacts(tree=TREE, categories=[TSHIRT_FACTS, SNACK_FACTS])

MAPPINGS = ListingMappings(
    categories=CategoryMapping(
        rows={
            "メンズ > Tシャツ": CategoryTarget(category_id=TSHIRT),
            "食品 > お菓子": CategoryTarget(category_id=SNACKS),
            "コスメ": CategoryTarget(category_id=COSMETICS),
            "メンズ > トップス": CategoryTarget(category_id=TOPS),
        }
    ),
    attributes=[
        AttributeMapping(
            category_id=TSHIRT,
            sources=[
                AttributeSource(
                    attribute_id=MATERIAL.id,
                    field="素材",
                    values={"コットン": "1001"},
                    separator="、",
                ),
                AttributeSource(attribute_id=ORIGIN.id, fixed="日本"),
                AttributeSource(attribute_id=PRINT.id, field="プリント"),
                AttributeSource(attribute_id=PRINT_METHOD.id, field="プリント方法"),
                AttributeSource(attribute_id=WEIGHT.id, field="生地の重さ", unit="g"),
                AttributeSource(attribute_id=COLOR.id, field="色", values={"黒": "9001"}),
            ],
        ),
        AttributeMapping(
            category_id=SNACKS,
            sources=[AttributeSource(attribute_id=HEALTH.id, field="健康食品")],
            brand_required=True,
        ),
    ],
    brands={"アクメ": "b-acme"},
)


def product(**changes: Any) -> ListingProduct:
    """A T-shirt in black and white, M and L, that the validator passes."""
    base = ListingProduct(
        catalog_id="TS-001",
        title="ベーシック クルーネック Tシャツ 綿100%",
        description="<p>やわらかな綿の定番Tシャツです。</p>",
        category="メンズ > Tシャツ",
        images=("https://example.jp/ts-001/1.jpg", "https://example.jp/ts-001/2.jpg"),
        skus=[
            ListingSku(
                seller_sku=f"TS-{color}-{size}",
                price=D("1980"),
                quantity=10,
                options={"色": name, "サイズ": size},
            )
            for color, name in (("BLK", "黒"), ("WHT", "ホワイト"))
            for size in ("M", "L")
        ],
        fields={"素材": "コットン", "プリント": "なし", "生地の重さ": "１５０ｇ"},
        brand="アクメ",
        package_weight=PackageWeight(value=D("250")),
        package_dimensions=PackageDimensions(length=D(30), width=D(25), height=D(3)),
        size_chart_template_id="7300000000000000001",
    )
    return attrs.evolve(base, **changes)


def snack(**changes: Any) -> ListingProduct:
    """A box of senbei the validator passes (food: a certificate and a brand are required)."""
    base = ListingProduct(
        catalog_id="SN-001",
        title="手焼きせんべい 12枚入",
        description="<p>国産米の手焼きせんべい。</p>",
        category="食品 > お菓子",
        images=("https://example.jp/sn-001/1.jpg",),
        skus=[ListingSku(seller_sku="SN-001", price=D("864"), quantity=40)],
        fields={"健康食品": "いいえ"},
        brand="Acme",
        package_weight=PackageWeight(value=D("0.4"), unit=WeightUnit.KILOGRAM),
        certifications=[
            ListingCertification(
                id="c-food",
                images=("https://example.jp/cert.jpg",),
                expires=date(2027, 3, 31),
            )
        ],
    )
    return attrs.evolve(base, **changes)
