"""Ready, needs data, or refused by TikTok's check: what a publish does with each product.

:func:`decide_listing` turns the validator's report into :class:`Ready` or :class:`NeedsData`
(with the list, in the seller's words). A ready product then goes through TikTok's own dry run
(Check Product Listing, ``listing_check``); :func:`apply_listing_check` reads its result, as
:class:`ListingCheckOutcome`, into :class:`Ready` again or :class:`RefusedByTikTok` with
TikTok's reasons, each explained in the validator's words when TikTok's code is one it knows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

from tiktokshop_sync.domain._language import Language, pick
from tiktokshop_sync.domain._validate import require_bool
from tiktokshop_sync.domain.listing_check import ListingReport, ResolvedListing
from tiktokshop_sync.domain.listing_issues import IssueCode, ListingIssue, code_for_tiktok
from tiktokshop_sync.domain.listing_status import ListingState

__all__ = [
    "ListingCheckOutcome",
    "ListingDecision",
    "NeedsData",
    "Ready",
    "RefusedByTikTok",
    "TikTokReason",
    "apply_listing_check",
    "decide_listing",
]


def _optional_code(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise TypeError(f"TikTokReason.code must be TikTok's numeric code or None, got {value!r}")


@attrs.frozen(kw_only=True)
class TikTokReason:
    """One of TikTok's reasons for refusing a product: its error code and message."""

    code: int | None = attrs.field(default=None, validator=_optional_code)
    message: str = ""

    @property
    def issue_code(self) -> IssueCode | None:
        """The validator's kind for TikTok's code, when it checks the same thing."""
        return None if self.code is None else code_for_tiktok(self.code)

    def explain(self, language: Language = "ja") -> str:
        """The reason in the seller's words where the code is known, with TikTok's text."""
        known = self.issue_code
        code = f" [{self.code}]" if self.code is not None else ""
        tiktok = f"TikTok: {self.message}{code}" if self.message else f"TikTok{code}"
        if known is None:
            return tiktok
        return f"{known.summary(language)} ({tiktok})"


def _reasons(value: Iterable[TikTokReason]) -> tuple[TikTokReason, ...]:
    items = tuple(value)
    for item in items:
        if not isinstance(item, TikTokReason):
            raise TypeError(f"reasons holds TikTokReason values, got {item!r}")
    return items


@attrs.frozen(kw_only=True)
class ListingCheckOutcome:
    """TikTok's listing check, as facts: passed or not, its reasons and its warning."""

    passed: bool = attrs.field(validator=require_bool)
    reasons: tuple[TikTokReason, ...] = attrs.field(default=(), converter=_reasons)
    warning: str = ""
    """TikTok's warning, e.g. that the product will not be sent for review."""


@attrs.frozen(kw_only=True)
class Ready:
    """Nothing is missing: the product can be created as :attr:`listing` says."""

    report: ListingReport
    tiktok_warning: str = ""
    """A warning from TikTok's listing check that passed."""

    @property
    def state(self) -> ListingState:
        """READY."""
        return ListingState.READY

    @property
    def listing(self) -> ResolvedListing:
        """What to send."""
        listing = self.report.listing
        if listing is None:  # decide_listing never builds one without it
            raise ValueError(f"{self.report.catalog_id} has no resolved listing")
        return listing

    def describe(self, language: Language = "ja") -> str:
        """The state, warnings included, for the seller."""
        text = self.report.describe(language)
        if self.tiktok_warning:
            text += "\n" + pick(language, "  (TikTok) ", "  (TikTokより) ") + self.tiktok_warning
        return text


@attrs.frozen(kw_only=True)
class NeedsData:
    """不足項目あり: what is missing or invalid, in the seller's words; nothing is sent."""

    report: ListingReport

    @property
    def state(self) -> ListingState:
        """NEEDS_DATA."""
        return ListingState.NEEDS_DATA

    @property
    def issues(self) -> tuple[ListingIssue, ...]:
        """Every blocking item."""
        return self.report.issues

    def describe(self, language: Language = "ja") -> str:
        """The list, one item per line."""
        return self.report.describe(language)


@attrs.frozen(kw_only=True)
class RefusedByTikTok:
    """TikTok's listing check refused the product before creation; its reasons say why."""

    report: ListingReport
    reasons: tuple[TikTokReason, ...] = ()
    tiktok_warning: str = ""

    @property
    def state(self) -> ListingState:
        """REFUSED."""
        return ListingState.REFUSED

    @property
    def unexpected(self) -> tuple[TikTokReason, ...]:
        """Reasons whose code the validator does not check: what it could not predict."""
        return tuple(reason for reason in self.reasons if reason.issue_code is None)

    def describe(self, language: Language = "ja") -> str:
        """TikTok's reasons, explained, one per line."""
        head = pick(
            language,
            f"{self.report.catalog_id}: refused by TikTok's listing check",
            f"{self.report.catalog_id}: 出品チェックNG",
        )
        lines = [head]
        lines += [f"  - {reason.explain(language)}" for reason in self.reasons]
        if not self.reasons:
            lines.append(
                pick(language, "  - TikTok gave no reason", "  - TikTokから理由の説明なし")
            )
        if self.tiktok_warning:
            lines.append(pick(language, "  (TikTok) ", "  (TikTokより) ") + self.tiktok_warning)
        return "\n".join(lines)


ListingDecision: TypeAlias = Ready | NeedsData | RefusedByTikTok
"""What a publish does with a product: create it, report what is missing, or report TikTok's."""


def decide_listing(report: ListingReport) -> Ready | NeedsData:
    """Ready when nothing blocks the product, otherwise the list of what is missing."""
    if not isinstance(report, ListingReport):
        raise TypeError(f"report must be a ListingReport, got {type(report).__name__}")
    if report.issues or report.listing is None:
        return NeedsData(report=report)
    return Ready(report=report)


def apply_listing_check(ready: Ready, check: ListingCheckOutcome) -> Ready | RefusedByTikTok:
    """The product after TikTok's own dry run: still ready, or refused with TikTok's reasons.

    A check that failed is a refusal even when TikTok gave no reason; a reason given with a
    passing result also refuses (TikTok documents the reasons for a FAILED result only).
    """
    if not isinstance(ready, Ready):
        raise TypeError(f"ready must be Ready, got {type(ready).__name__}")
    if not isinstance(check, ListingCheckOutcome):
        raise TypeError(f"check must be a ListingCheckOutcome, got {type(check).__name__}")
    if check.passed and not check.reasons:
        return Ready(report=ready.report, tiktok_warning=check.warning)
    return RefusedByTikTok(report=ready.report, reasons=check.reasons, tiktok_warning=check.warning)
