"""The listing desk: the category tree, attributes, rules and brands, the listing check, the
shop's prerequisites, and TikTok's review of new products (審査).

Reads only the fake's static tree (``tree.py``) and the images the catalogue has uploaded;
records only what tests set (failed prerequisites, a review failure rate). A review fails when
the product's text makes claims Japanese law forbids in listings (医薬品的な効能効果, 最上級
表現: the 薬機法 and 景品表示法 lines TikTok Shop JP's review applies [inferred: the fake's
wording]) or, at the rate a test sets, for an image problem drawn from the fake's seed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from tiktokshop_sync.testing._errors import PRODUCT_PARAMS, ApiError, ErrorSpec, ParameterError
from tiktokshop_sync.testing._listing.checker import (
    Failure,
    ListingCheck,
    check_body,
    check_fields,
)
from tiktokshop_sync.testing._listing.tree import (
    ATTRIBUTES,
    BRANDS,
    CATEGORIES,
    RULES,
    value_id,
)
from tiktokshop_sync.testing._paging import PageTokens

__all__ = [
    "NO_MATCHING_CATEGORY",
    "PREREQUISITE_ITEMS",
    "REVIEW_WORDS",
    "ListingDesk",
    "Verdict",
    "refusal",
]

#: Recommend Category's code when no category matches (recommend-category.spec.json).
NO_MATCHING_CATEGORY: Final = ErrorSpec(
    12019064,
    "No matching categories. Provide the full name of your product, edit its product "
    "properties, and try again.",
)
#: Check Listing Prerequisites' items, in its documented order (without EU-only
#: EXTENDED_PRODUCER_RESPONSIBILITY).
PREREQUISITE_ITEMS: Final = (
    "SHOP_STATUS",
    "SHOP_TAX",
    "PICKUP_WAREHOUSE",
    "RETURN_WAREHOUSE",
    "DELIVERY_OPTION",
    "SHIPPING_TEMPLATE",
    "PRODUCT_QUANTITY_LIMIT",
    "CONTACT_INFO",
)
#: Words a review refuses in a title or description (医薬品的な効能効果, 最上級表現).
REVIEW_WORDS: Final = ("完治", "治る", "シミが消える", "痩せる", "日本一", "世界一", "最強")

#: (position, reason, suggestion) of a failed review; the first is for forbidden words.
_CLAIM = (
    "商品説明",
    "医薬品的な効能効果や根拠のない最上級の表現(「{word}」)が含まれています",
    "「{word}」などの表現を削除してから再申請してください",
)
_IMAGE_PROBLEMS: Final = (
    (
        "商品画像",
        "画像に透かしやロゴが含まれています",
        "透かしやロゴのない商品画像に差し替えてから再申請してください",
    ),
    (
        "商品画像",
        "メイン画像が不鮮明です",
        "800×800px以上の鮮明な画像を使ってください",
    ),
    (
        "商品画像",
        "商品と関係のない画像が含まれています",
        "販売する商品だけが写った画像にしてください",
    ),
)

Verdict = list[dict[str, Any]]
"""A review's outcome: TikTok's ``audit_failed_reasons`` (empty when it passes)."""


class ListingDesk:
    """What TikTok says about listing in the fake's tree, and how its review ends."""

    def __init__(
        self, *, rng: random.Random, pages: PageTokens, images: Callable[[], Mapping[str, Any]]
    ) -> None:
        self._rng = rng
        self._pages = pages
        self._images = images
        self.review_failure_rate = 0.0
        #: (shop id, item) -> reasons, for prerequisites a test marked as failed.
        self.failed_prerequisites: dict[tuple[str, str], tuple[str, ...]] = {}

    # --- the tree and its rules ---------------------------------------------------------------

    def categories_reply(self, keyword: str | None) -> dict[str, Any]:
        """Get Categories' ``data``: the tree, or the categories whose name holds ``keyword``."""
        found = [c for c in CATEGORIES if keyword is None or keyword in c.name]
        return {"categories": [c.to_wire() for c in found]}

    @staticmethod
    def _leaf(category_id: str, not_found: ErrorSpec, not_leaf: ErrorSpec) -> str:
        node = next((c for c in CATEGORIES if c.id == category_id), None)
        if node is None:
            raise not_found.error()
        if not node.is_leaf:
            raise not_leaf.error()
        return node.id

    def attributes_reply(
        self, category_id: str, not_found: ErrorSpec, not_leaf: ErrorSpec
    ) -> dict[str, Any]:
        """Get Attributes' ``data`` of a leaf: its product attributes, then its sales ones."""
        rules = RULES[self._leaf(category_id, not_found, not_leaf)]
        return {
            "attributes": [
                ATTRIBUTES[a].to_wire(required=a in rules.required) for a in rules.attribute_ids
            ]
        }

    def rules_reply(
        self, category_id: str, not_found: ErrorSpec, not_leaf: ErrorSpec
    ) -> dict[str, Any]:
        """Get Category Rules' ``data`` of a leaf."""
        return RULES[self._leaf(category_id, not_found, not_leaf)].to_wire()

    def brands_reply(
        self,
        *,
        category_id: str | None,
        authorized_only: bool,
        brand_name: str | None,
        size: int,
        page_token: str,
    ) -> dict[str, Any]:
        """Get Brands' ``data``: one page, in a fixed order, with availability in a category."""
        found = [
            b
            for b in BRANDS
            if (not authorized_only or b.authorized)
            and (brand_name is None or b.name.casefold().startswith(brand_name.casefold()))
        ]
        start = 0
        if page_token:
            cursor = self._pages.decode(page_token)
            if cursor is None or cursor.get("t") != "brands":
                raise ParameterError("page_token")
            start = int(cursor["n"])
        page = found[start : start + size]
        more = start + size < len(found)
        return {
            "brands": [b.to_wire(category_id) for b in page],
            "total_count": len(found),
            "next_page_token": self._pages.encode({"t": "brands", "n": start + size})
            if more
            else "",
        }

    def recommend_reply(self, title: str, description: str) -> dict[str, Any]:
        """Recommend Category's ``data``: the leaf whose keywords the title (or description) has.

        A title match wins over a description match; on a tie the leaf named first in the tree.
        """
        text = title.casefold()
        leaf = next(
            (c for c in CATEGORIES if c.is_leaf and any(k.casefold() in text for k in c.keywords)),
            None,
        )
        if leaf is None:
            words = description.casefold()
            leaf = next(
                (
                    c
                    for c in CATEGORIES
                    if c.is_leaf and any(k.casefold() in words for k in c.keywords)
                ),
                None,
            )
        if leaf is None:
            raise NO_MATCHING_CATEGORY.error()
        path = [leaf]
        while path[0].parent_id != "0":
            path.insert(0, next(c for c in CATEGORIES if c.id == path[0].parent_id))
        return {
            "leaf_category_id": leaf.id,
            "categories": [
                {
                    "id": c.id,
                    "name": c.name,
                    "level": level,
                    "is_leaf": c.is_leaf,
                    "permission_statuses": [c.permission],
                }
                for level, c in enumerate(path, start=1)
            ],
        }

    # --- the shop ------------------------------------------------------------------------------

    def prerequisites_reply(self, shop_id: str) -> dict[str, Any]:
        """Check Listing Prerequisites' ``data``: every item passes unless a test failed it."""
        results = []
        for item in PREREQUISITE_ITEMS:
            reasons = self.failed_prerequisites.get((shop_id, item))
            results.append(
                {"check_item": item, "is_failed": reasons is not None, "fail_reasons": []}
                if reasons is None
                else {"check_item": item, "is_failed": True, "fail_reasons": list(reasons)}
            )
        return {"check_results": results}

    def fail_prerequisite(self, shop_id: str, item: str, reasons: Sequence[str]) -> None:
        """Mark one prerequisite as failed for a shop (a test's setup)."""
        if item not in PREREQUISITE_ITEMS:
            raise ValueError(f"item must be one of {', '.join(PREREQUISITE_ITEMS)}")
        self.failed_prerequisites[(shop_id, item)] = tuple(reasons)

    # --- checks ---------------------------------------------------------------------------------

    def _sizes(self) -> dict[str, tuple[int, int]]:
        return {
            uri: (int(record.get("width", 800)), int(record.get("height", 800)))
            for uri, record in self._images().items()
        }

    def check(self, body: Mapping[str, Any]) -> ListingCheck:
        """Every rule the body breaks, knowing the sizes of the images uploaded so far."""
        return check_body(body, self._sizes())

    def require_fields(self, body: Mapping[str, Any], listed: Sequence[ErrorSpec]) -> None:
        """Refuse a Partial Edit Product whose title, description, images or prices break a
        rule (as :meth:`require_pass`)."""
        found = check_fields(body, self._sizes())
        if found.failures:
            raise refusal(found.failures, listed)

    # --- what a created product keeps -------------------------------------------------------------

    @staticmethod
    def chain(category_id: str) -> tuple[tuple[str, str], ...]:
        """(id, name) from the root down to ``category_id`` (empty when the tree lacks it)."""
        by_id = {c.id: c for c in CATEGORIES}
        path: list[tuple[str, str]] = []
        node = by_id.get(category_id)
        while node is not None:
            path.insert(0, (node.id, node.name))
            node = by_id.get(node.parent_id)
        return tuple(path)

    @staticmethod
    def brand(brand_id: object) -> tuple[str, str] | None:
        """(id, name) of a known brand."""
        brand = next((b for b in BRANDS if b.id == brand_id), None)
        return None if brand is None else (brand.id, brand.name)

    @staticmethod
    def attributes(raw: object) -> tuple[dict[str, Any], ...]:
        """A body's ``product_attributes`` as Get Product shows them, with TikTok's names."""
        found = []
        for entry in raw if isinstance(raw, list) else []:
            if not isinstance(entry, dict):
                continue
            attribute = ATTRIBUTES.get(str(entry.get("id", "")))
            names = attribute.value_ids() if attribute is not None else {}
            values = [
                {
                    "id": str(v.get("id") or value_id(str(v.get("name", "")))),
                    "name": str(v.get("name") or names.get(str(v.get("id")), "")),
                }
                for v in entry.get("values") or []
                if isinstance(v, dict)
            ]
            found.append(
                {
                    "id": str(entry.get("id", "")),
                    "name": attribute.name if attribute is not None else "",
                    "values": values,
                }
            )
        return tuple(found)

    @staticmethod
    def option(raw: Mapping[str, Any]) -> dict[str, str]:
        """A sales attribute's ids and names, names taken from the tree for a built-in one."""
        attribute = ATTRIBUTES.get(str(raw.get("id", "")))
        names = attribute.value_ids() if attribute is not None else {}
        return {
            "id": str(raw.get("id") or ""),
            "name": str(raw.get("name") or (attribute.name if attribute is not None else "")),
            "value_id": str(raw.get("value_id") or ""),
            "value_name": str(raw.get("value_name") or names.get(str(raw.get("value_id")), "")),
        }

    def check_reply(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Check Product Listing's ``data``: PASS, or FAILED with every reason."""
        found = self.check(body)
        reply: dict[str, Any] = {
            "check_result": "FAILED" if found.failures else "PASS",
            "fail_reasons": [f.to_wire() for f in found.failures],
        }
        if found.warnings:
            reply["warnings"] = {"message": " ".join(found.warnings)}
        return reply

    def require_pass(self, body: Mapping[str, Any], listed: Sequence[ErrorSpec]) -> list[str]:
        """Refuse a Create / Edit Product body that breaks a rule; its warnings otherwise.

        The error is the first failure whose code the endpoint's page lists (else
        ``12052910``), with every failure in ``data.extra_errors``.
        """
        found = self.check(body)
        if found.failures:
            raise refusal(found.failures, listed)
        return list(found.warnings)

    # --- review ----------------------------------------------------------------------------------

    def review(self, title: str, description: str) -> Verdict:
        """How TikTok's review of a product ends: its failure reasons, or none."""
        text = f"{title}\n{description}"
        word = next((w for w in REVIEW_WORDS if w in text), None)
        if word is not None:
            position, reason, suggestion = _CLAIM
            where = "商品名" if word in title else position
            return [_failure(where, reason.format(word=word), suggestion.format(word=word))]
        if self.review_failure_rate and self._rng.random() < self.review_failure_rate:
            position, reason, suggestion = self._rng.choice(_IMAGE_PROBLEMS)
            return [_failure(position, reason, suggestion)]
        return []


def _failure(position: str, reason: str, suggestion: str) -> dict[str, Any]:
    return {
        "position": position,
        "reasons": [reason],
        "suggestions": [suggestion],
        "listing_platform": "TIKTOK_SHOP",
    }


def refusal(failures: Sequence[Failure], listed: Sequence[ErrorSpec]) -> ApiError:
    """The error refusing a product: the first listed failure's code, every failure inside."""
    codes = {spec.code for spec in listed}
    first = next((f for f in failures if f.code in codes), None)
    spec = first.spec if first is not None else PRODUCT_PARAMS
    code, message = spec.code, first.message if first is not None else PRODUCT_PARAMS.message
    return ApiError(code, message, data={"extra_errors": [f.to_wire() for f in failures]})
