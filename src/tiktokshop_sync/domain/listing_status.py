"""Where a listing stands for the seller (出品状況): from 不足項目あり to 審査中, 審査NG or 出品中.

:class:`ListingState` names every state a product goes through, before TikTok (needs data,
ready, refused by TikTok's listing check) and on TikTok (draft, in review, review failed, live,
paused...). :func:`review_status` reads TikTok's product status and audit facts (Get Product,
Edit Product's reply, the PRODUCT_AUDIT_STATUS_CHANGE webhook) into the seller-facing state
with TikTok's reasons; :func:`notification_status` reads the PRODUCT_STATUS_CHANGE webhook.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any, Final

import attrs

from tiktokshop_sync.domain._language import Language, pick

__all__ = [
    "AuditFailure",
    "ListingState",
    "ReviewFacts",
    "ReviewStatus",
    "notification_status",
    "review_status",
]


class ListingState(enum.Enum):
    """A listing's state as the seller sees it (the futureshop tool's words where it has them)."""

    NEEDS_DATA = "needs_data"
    """不足項目あり: the validator found missing or invalid items; nothing was sent."""
    READY = "ready"
    """Nothing is missing: the product can be created."""
    REFUSED = "refused"
    """TikTok's listing check refused it before creation, with its reasons."""
    NOT_LISTED = "not_listed"
    """On TikTok but never submitted for listing (``INITIAL``)."""
    DRAFT = "draft"
    """A draft on TikTok."""
    IN_REVIEW = "in_review"
    """審査中: TikTok is reviewing it."""
    PRE_APPROVED = "pre_approved"
    """Passed review, waiting for a prerequisite (KYC, a restricted category's approval)."""
    REJECTED = "rejected"
    """審査NG: the review failed; TikTok's reasons say what to change."""
    LIVE = "live"
    """出品中: approved and on sale."""
    PAUSED = "paused"
    """停止中: the seller deactivated it; it is never re-activated for them."""
    SUSPENDED = "suspended"
    """Deactivated by TikTok."""
    FROZEN = "frozen"
    """Frozen by TikTok (a policy matter)."""
    DELETED = "deleted"
    """Deleted."""
    UNKNOWN = "unknown"
    """A status this version does not know; the raw status is kept."""

    @property
    def label_ja(self) -> str:
        """The seller's word for it (不足項目あり, 審査中, 審査NG, 出品中...)."""
        return _LABELS[self][1]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _LABELS[self][0]

    def label(self, language: Language = "ja") -> str:
        """The label in Japanese or English."""
        en, ja = _LABELS[self]
        return pick(language, en, ja)


_LABELS: Final = {
    ListingState.NEEDS_DATA: ("needs data", "不足項目あり"),
    ListingState.READY: ("ready to list", "出品準備完了"),
    ListingState.REFUSED: ("refused by TikTok's listing check", "出品チェックNG"),
    ListingState.NOT_LISTED: ("not listed", "未出品"),
    ListingState.DRAFT: ("draft", "下書き"),
    ListingState.IN_REVIEW: ("in review", "審査中"),
    ListingState.PRE_APPROVED: ("approved, waiting for prerequisites", "審査通過(公開待ち)"),
    ListingState.REJECTED: ("review failed", "審査NG"),
    ListingState.LIVE: ("live", "出品中"),
    ListingState.PAUSED: ("paused by the seller", "停止中"),
    ListingState.SUSPENDED: ("deactivated by TikTok", "TikTokにより停止"),
    ListingState.FROZEN: ("frozen by TikTok", "凍結"),
    ListingState.DELETED: ("deleted", "削除済み"),
    ListingState.UNKNOWN: ("unknown status", "不明なステータス"),
}

# Pre-approved reasons (api/products/get-product.spec.json, audit.pre_approved_reasons).
_WAITING: Final = {
    "KYC_PENDING": (
        "the seller's identity check (KYC) to complete",
        "本人確認(KYC)の完了",
    ),
    "RESTRICTED_CATEGORY_PENDING": (
        "approval for the restricted category (Qualification Center)",
        "申請制カテゴリの承認(資格センター)",
    ),
}


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(str(v) for v in value)


@attrs.frozen(kw_only=True)
class AuditFailure:
    """Why the review failed at one place of the product, and TikTok's suggestions."""

    position: str = ""
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    suggestions: tuple[str, ...] = attrs.field(default=(), converter=_texts, repr=False)

    def describe(self) -> str:
        """``position: reasons (suggestions)`` as TikTok wrote them."""
        text = " / ".join(self.reasons) or "-"
        where = f"{self.position}: " if self.position else ""
        advice = f" ({' / '.join(self.suggestions)})" if self.suggestions else ""
        return f"{where}{text}{advice}"


def _failures(value: Iterable[AuditFailure]) -> tuple[AuditFailure, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, AuditFailure):
            raise TypeError(f"failures holds AuditFailure values, got {item!r}")
    return items


def _text(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be TikTok's status text, got "
            f"{value!r}"
        )


@attrs.frozen(kw_only=True)
class ReviewFacts:
    """What TikTok says about a product's status and review, as its codes.

    ``status`` is Get Product's combined status (DRAFT, PENDING, FAILED, ACTIVATE,
    SELLER_DEACTIVATED...), ``product_status`` the status apart from review (INITIAL...),
    ``audit_status`` the review's (AUDITING, FAILED, PRE_APPROVED, APPROVED, NONE); any may be
    empty when the source does not carry it (a webhook, Edit Product's reply).
    """

    status: str = attrs.field(default="", validator=_text)
    product_status: str = attrs.field(default="", validator=_text)
    audit_status: str = attrs.field(default="", validator=_text)
    failures: tuple[AuditFailure, ...] = attrs.field(default=(), converter=_failures)
    pre_approved_reasons: tuple[str, ...] = attrs.field(default=(), converter=_texts)


@attrs.frozen(kw_only=True)
class ReviewStatus:
    """A product's state for the seller, with TikTok's reasons and what it waits for."""

    state: ListingState
    failures: tuple[AuditFailure, ...] = ()
    """TikTok's review failure reasons (審査NG, or why TikTok deactivated or froze it)."""
    waiting_for: tuple[str, ...] = ()
    """TikTok's pre-approved reasons (KYC_PENDING, RESTRICTED_CATEGORY_PENDING)."""
    raw_status: str = ""
    """TikTok's status as sent, for an UNKNOWN state."""

    @property
    def awaiting_tiktok(self) -> bool:
        """Whether the state will change without the seller (review, prerequisites): poll."""
        return self.state in (ListingState.IN_REVIEW, ListingState.PRE_APPROVED)

    def describe(self, language: Language = "ja") -> str:
        """The state and its reasons, for the seller."""
        lines = [self.state.label(language)]
        if self.state is ListingState.UNKNOWN and self.raw_status:
            lines[0] += f" ({self.raw_status})"
        for reason in self.waiting_for:
            en, ja = _WAITING.get(reason, (reason, reason))
            lines.append(pick(language, f"  waiting for {en}", f"  待ち: {ja}"))
        lines += [f"  - {failure.describe()}" for failure in self.failures]
        return "\n".join(lines)


_BY_STATUS: Final = {
    "DELETED": ListingState.DELETED,
    "FREEZE": ListingState.FROZEN,
    "PLATFORM_DEACTIVATED": ListingState.SUSPENDED,
    "SELLER_DEACTIVATED": ListingState.PAUSED,
}


def review_status(facts: ReviewFacts) -> ReviewStatus:
    """The seller-facing state of a product from TikTok's status and audit facts.

    Deletion, freezing and either side's deactivation come first (a paused product stays
    停止中 whatever its review), then a failed review (審査NG, with TikTok's reasons), a review
    passed but waiting (PRE_APPROVED), a review in progress, and finally live, draft or never
    listed.
    """
    if not isinstance(facts, ReviewFacts):
        raise TypeError(f"facts must be ReviewFacts, got {type(facts).__name__}")
    status = facts.status.strip().upper()
    product_status = facts.product_status.strip().upper()
    audit = facts.audit_status.strip().upper()
    failures = facts.failures
    for code in (status, product_status):
        if code in _BY_STATUS:
            return ReviewStatus(state=_BY_STATUS[code], failures=failures)
    if audit == "FAILED" or status == "FAILED":
        return ReviewStatus(state=ListingState.REJECTED, failures=failures)
    if audit == "PRE_APPROVED":
        return ReviewStatus(state=ListingState.PRE_APPROVED, waiting_for=facts.pre_approved_reasons)
    if audit == "AUDITING" or status == "PENDING":
        return ReviewStatus(state=ListingState.IN_REVIEW)
    if status == "ACTIVATE" or product_status == "ACTIVATE" or audit == "APPROVED":
        return ReviewStatus(state=ListingState.LIVE)
    if status == "DRAFT" or product_status == "DRAFT":
        return ReviewStatus(state=ListingState.DRAFT)
    if product_status == "INITIAL":
        return ReviewStatus(state=ListingState.NOT_LISTED)
    raw = " / ".join(code for code in (status, product_status, audit) if code)
    return ReviewStatus(state=ListingState.UNKNOWN, raw_status=raw)


def notification_status(status: str, suspended_reason: str = "") -> ReviewStatus | None:
    """The state a PRODUCT_STATUS_CHANGE webhook (type 5) announces, or None to read it.

    ``PRODUCT_FIRST_PASS_REVIEW`` is a product live after its first review,
    ``PRODUCT_AUDIT_FAILURE`` a failed review with ``suspended_reason``; for
    ``PRODUCT_STATUS_CHANGED`` (or anything else) the webhook does not say which status, so
    read the product (``guides/webhooks/product/5-product-status-change.md``).
    """
    if not isinstance(status, str) or not isinstance(suspended_reason, str):
        raise TypeError("status and suspended_reason are the webhook's texts")
    code = status.strip().upper()
    if code == "PRODUCT_FIRST_PASS_REVIEW":
        return ReviewStatus(state=ListingState.LIVE)
    if code == "PRODUCT_AUDIT_FAILURE":
        reasons = (suspended_reason,) if suspended_reason.strip() else ()
        return ReviewStatus(state=ListingState.REJECTED, failures=(AuditFailure(reasons=reasons),))
    return None
