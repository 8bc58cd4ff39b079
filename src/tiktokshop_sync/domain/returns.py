"""After-sales facts (返品・返金・交換): a return, refund or replacement request from TikTok.

Plain values the after-sales rules read (events for the OMS, the seller's pending actions and
their deadlines, approval plans, refund reconciliation); a translation layer builds them from
Search Returns, a host may build them from anything else. TikTok's codes (``return_status``,
``return_type``, ``seller_next_action_response[].action``...) stay strings as TikTok spells
them, so a value this version does not know still flows through; the rules say what they do
with each. Buyers' words (the reason they gave) are personal data and never shown in a repr.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

import attrs

from tiktokshop_sync.domain._language import Language, pick
from tiktokshop_sync.domain._redact import redacted
from tiktokshop_sync.domain._validate import require_text
from tiktokshop_sync.domain.settlement import (
    _all,
    _currency,
    _optional_amount,
    _optional_aware,
)

__all__ = [
    "CLOSED_STATUSES",
    "RefundMoney",
    "ReturnFacts",
    "ReturnKind",
    "ReturnLine",
    "SellerNextAction",
]

#: Statuses after which the request is over: nothing is left for the seller to answer.
CLOSED_STATUSES: Final = frozenset(
    {
        "RETURN_OR_REFUND_REQUEST_COMPLETE",
        "RETURN_OR_REFUND_REQUEST_CANCEL",
        "REPLACEMENT_REQUEST_COMPLETE",
        "REPLACEMENT_REQUEST_CANCEL",
        "REPLACEMENT_REQUEST_REFUND_SUCCESS",
    }
)


class ReturnKind(enum.Enum):
    """What the buyer asks for (TikTok's ``return_type``)."""

    REFUND = "REFUND"
    """Money back without sending the goods back (返金のみ)."""
    RETURN_AND_REFUND = "RETURN_AND_REFUND"
    """Money back once the goods are back with the seller and checked (返品・返金)."""
    REPLACEMENT = "REPLACEMENT"
    """The same item again: TikTok creates a replacement order for the seller to ship (交換)."""
    OTHER = "OTHER"
    """A type this version does not know (TikTok's code is kept on the facts)."""

    def label(self, language: Language = "en") -> str:
        """The kind's name in ``language``."""
        en, ja = _KIND_LABELS[self]
        return pick(language, en, ja)


_KIND_LABELS: Final = {
    ReturnKind.REFUND: ("refund request", "返金リクエスト"),
    ReturnKind.RETURN_AND_REFUND: ("return request", "返品・返金リクエスト"),
    ReturnKind.REPLACEMENT: ("replacement request", "交換リクエスト"),
    ReturnKind.OTHER: ("after-sales request", "アフターサービス申請"),
}


def _currency_or_blank(instance: Any, attribute: Any, value: Any) -> None:
    """An ISO 4217 code, or "" when TikTok named none."""
    if value != "":
        _currency(instance, attribute, value)


def _text(instance: Any, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be a str, got "
            f"{type(value).__name__} {value!r}"
        )


def _optional_bool(instance: Any, attribute: Any, value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(
            f"{type(instance).__name__}.{attribute.name} must be True, False or None, got {value!r}"
        )


@attrs.frozen(kw_only=True)
class RefundMoney:
    """Money going back to the buyer, as TikTok itemises it (positive amounts).

    ``total = subtotal + shipping + tax`` (guides/changelog/other/return-amount-detail-
    information-available-in-search-return-api.md). ``platform_discount`` and
    ``seller_discount`` are the parts of the discounts the refund takes back (Search Returns'
    ``discount_amount``), when TikTok lists them.
    """

    currency: str = attrs.field(validator=_currency_or_blank)
    """ISO 4217 (``JPY``), or ``""`` when TikTok named none."""
    total: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    subtotal: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    """The goods: the price of the returned items the buyer paid."""
    shipping: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    tax: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    platform_discount: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    """TikTok-funded product discount on the returned items (TikTok had paid it to the seller)."""
    seller_discount: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    """The seller's own product discount on the returned items."""


@attrs.frozen(kw_only=True)
class ReturnLine:
    """A line item a request covers, with its share of the refund."""

    order_line_item_id: str = attrs.field(validator=_text)
    return_line_item_id: str = attrs.field(default="", validator=_text)
    sku_id: str = attrs.field(default="", validator=_text)
    seller_sku: str = attrs.field(default="", validator=_text)
    refund: RefundMoney | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(RefundMoney)),
    )


@attrs.frozen(kw_only=True)
class SellerNextAction:
    """What TikTok waits for the seller to do, and by when (``seller_next_action_response``).

    ``action`` is TikTok's code (``SELLER_RESPOND_REFUND``...); ``deadline`` is None when
    TikTok gave no time.
    """

    action: str = attrs.field(validator=require_text)
    deadline: datetime | None = attrs.field(default=None, validator=_optional_aware)


def _refund_repr(refund: RefundMoney | None) -> str:
    if refund is None:
        return "None"
    return f"<{refund.total if refund.total is not None else '?'} {refund.currency or '?'}>"


def _lines_repr(lines: tuple[ReturnLine, ...]) -> str:
    return f"<{len(lines)} line{'' if len(lines) == 1 else 's'}>"


def _actions_repr(actions: tuple[SellerNextAction, ...]) -> str:
    due = (
        f"{a.action} by {a.deadline:%Y-%m-%d %H:%M %Z}" if a.deadline else f"{a.action}"
        for a in actions
    )
    return f"({', '.join(due)})"


def _lines(value: Iterable[ReturnLine]) -> tuple[ReturnLine, ...]:
    return tuple(value)


def _actions(value: Iterable[SellerNextAction]) -> tuple[SellerNextAction, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ReturnFacts:
    """A return, refund or replacement request, as TikTok last reported it.

    ``status`` is TikTok's ``return_status``, ``return_type`` its ``return_type`` and
    ``arbitration_status`` its ``arbitration_status`` ("" when none), verbatim.
    ``buyer_keeps_item`` is TikTok's ``can_buyer_keep_item`` (None when not sent).
    """

    return_id: str = attrs.field(validator=require_text)
    order_id: str = attrs.field(validator=require_text)
    return_type: str = attrs.field(validator=_text)
    status: str = attrs.field(validator=_text)
    arbitration_status: str = attrs.field(default="", validator=_text)
    role: str = attrs.field(default="", validator=_text)
    """Who opened the request: ``BUYER``, ``SELLER``, ``OPERATOR`` or ``SYSTEM``."""
    created_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    updated_at: datetime | None = attrs.field(default=None, validator=_optional_aware)
    reason: str = attrs.field(default="", validator=_text, repr=redacted)
    """TikTok's reason key; shown in no repr, as a buyer may have chosen or written it."""
    reason_text: str = attrs.field(default="", validator=_text, repr=redacted)
    """The reason as text (a buyer's words, personal data)."""
    # The repr stays one short line: the refund's total, how many lines, each action's deadline.
    refund: RefundMoney | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(RefundMoney)),
        repr=_refund_repr,
    )
    lines: tuple[ReturnLine, ...] = attrs.field(
        default=(), converter=_lines, validator=_all(ReturnLine), repr=_lines_repr
    )
    next_actions: tuple[SellerNextAction, ...] = attrs.field(
        default=(), converter=_actions, validator=_all(SellerNextAction), repr=_actions_repr
    )
    buyer_keeps_item: bool | None = attrs.field(default=None, validator=_optional_bool)
    seller_proposed: str = attrs.field(default="", validator=_text)
    """TikTok's ``seller_proposed_return_type`` (``PARTIAL_REFUND``) when the seller offered one."""
    partial_refund: Decimal | None = attrs.field(default=None, validator=_optional_amount)
    """The partial refund the seller offered, in :attr:`partial_refund_currency`."""
    partial_refund_currency: str = attrs.field(default="", validator=_currency_or_blank)
    buyer_rejected_partial_refund: bool | None = attrs.field(default=None, validator=_optional_bool)
    return_method: str = attrs.field(default="", validator=_text)
    """TikTok's ``return_method`` (``PLATFORM_SHIPPED``, ``BUYER_SHIPPED``...)."""
    return_tracking_number: str = attrs.field(default="", validator=_text)
    """The tracking number of the parcel coming back, once the buyer shipped it."""
    return_carrier: str = attrs.field(default="", validator=_text)
    """The carrier of that parcel (TikTok's ``return_provider_name``)."""

    @property
    def kind(self) -> ReturnKind:
        """What the buyer asks for (:attr:`ReturnKind.OTHER` for a type this version lacks)."""
        try:
            return ReturnKind(self.return_type)
        except ValueError:
            return ReturnKind.OTHER

    @property
    def closed(self) -> bool:
        """Whether the request is over: refunded, withdrawn or resolved otherwise."""
        return self.status in CLOSED_STATUSES

    @property
    def item_comes_back(self) -> bool:
        """Whether the goods must come back to the seller (a return the buyer does not keep)."""
        return (
            self.kind in (ReturnKind.RETURN_AND_REFUND, ReturnKind.REPLACEMENT)
            and self.buyer_keeps_item is not True
        )

    @property
    def buyer_refund(self) -> tuple[Decimal | None, str]:
        """(amount, currency) going back to the buyer: the partial refund the buyer accepted,
        else the refund's total (None when TikTok sent neither)."""
        currency = self.refund.currency if self.refund is not None else ""
        if self.partial_refund_accepted:
            return self.partial_refund, self.partial_refund_currency or currency
        return (self.refund.total if self.refund is not None else None), currency

    @property
    def partial_refund_accepted(self) -> bool:
        """The seller offered a partial refund and the buyer took it.

        ``buyer_rejected_partial_refund`` is false both when the buyer accepted and while the
        buyer has not answered (search-returns.spec.json); the latter is
        ``AWAITING_BUYER_RESPONSE``.
        """
        return (
            self.seller_proposed == "PARTIAL_REFUND"
            and self.partial_refund is not None
            and self.buyer_rejected_partial_refund is False
            and self.status != "AWAITING_BUYER_RESPONSE"
        )
