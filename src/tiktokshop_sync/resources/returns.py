"""After-sales: cancellations (search, seller cancel, approve/reject), returns (search,
approve/reject) and the look-ups around them (reject reasons, a return's history, what an order
allows, what a refund would be).

Cancelling in an OMS does not cancel on TikTok: :meth:`Returns.cancel_order` is the explicit
call that does. Searches and look-ups that return reasons ask for the shop view's language
when it knows its market (``ja-JP`` for a JP shop, see ``ShopClient.locale``) and no
``locale`` is given; otherwise TikTok answers in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from .._core.endpoint import Endpoint
from .._core.pagination import AsyncPager, Page, SpecFactory, SyncPager
from .._core.request import RequestSpec
from .._core.scope import AsyncResource, SyncResource
from .._core.typing_compat import NotRequired, TypedDict, Unpack
from . import _filters, _params
from ._endpoints import (
    RETURNS_AFTERSALE_ELIGIBILITY,
    RETURNS_APPROVE_CANCELLATION,
    RETURNS_APPROVE_RETURN,
    RETURNS_CALCULATE_REFUND,
    RETURNS_CANCEL_ORDER,
    RETURNS_REJECT_CANCELLATION,
    RETURNS_REJECT_REASONS,
    RETURNS_REJECT_RETURN,
    RETURNS_RETURN_RECORDS,
    RETURNS_SEARCH_CANCELLATIONS,
    RETURNS_SEARCH_RETURNS,
)

if TYPE_CHECKING:
    from ..types.aftersales import (
        AftersaleEligibility,
        RefundCalculation,
        RejectReason,
        ReturnRecord,
    )
    from ..types.returns import (
        ArbitrationStatus,
        Cancellation,
        CancelledOrder,
        Return,
        ReturnDecision,
        SellerProposedReturnType,
    )

__all__ = [
    "AsyncReturns",
    "CancelSku",
    "CancellationSearchFilters",
    "EvidenceImage",
    "PartialRefundOffer",
    "RefundSku",
    "ReturnSearchFilters",
    "Returns",
]

MAX_PAGE = RETURNS_SEARCH_RETURNS.limits.max_page


class CancellationSearchFilters(TypedDict, total=False):
    """Filters for :meth:`Returns.search_cancellations`; times are aware datetimes.

    ``locale`` (BCP-47, e.g. ``"ja-JP"``) is the language of reasons; TikTok's default is
    ``en-US``.
    """

    cancel_ids: Sequence[str]
    order_ids: Sequence[str]
    buyer_user_ids: Sequence[str]
    cancel_types: Sequence[str]
    cancel_status: Sequence[str]
    create_time_ge: datetime
    create_time_lt: datetime
    update_time_ge: datetime
    update_time_lt: datetime
    locale: str
    sort_field: Literal["create_time", "update_time"]
    sort_order: Literal["ASC", "DESC"]
    page_size: int


class ReturnSearchFilters(TypedDict, total=False):
    """Filters for :meth:`Returns.search_returns`; times are aware datetimes.

    ``locale`` (BCP-47, e.g. ``"ja-JP"``) is the language of reasons; TikTok's default is
    ``en`` for this search.
    """

    return_ids: Sequence[str]
    order_ids: Sequence[str]
    buyer_user_ids: Sequence[str]
    return_types: Sequence[str]
    return_status: Sequence[str]
    arbitration_status: Sequence[ArbitrationStatus | str]
    seller_proposed_return_type: Sequence[SellerProposedReturnType | str]
    create_time_ge: datetime
    create_time_lt: datetime
    update_time_ge: datetime
    update_time_lt: datetime
    locale: str
    sort_field: Literal["create_time", "update_time"]
    sort_order: Literal["ASC", "DESC"]
    page_size: int


class CancelSku(TypedDict):
    """A quantity of one SKU to cancel (Cancel Order's ``skus``)."""

    sku_id: str
    quantity: int


class EvidenceImage(TypedDict):
    """An image backing a rejection: an ``image_id`` from Upload Product Image."""

    image_id: str
    mime_type: NotRequired[str]
    width: NotRequired[int]
    height: NotRequired[int]


class PartialRefundOffer(TypedDict):
    """The money offered with ``OFFER_PARTIAL_REFUND`` (JPY has no minor unit: 500, not 500.5)."""

    amount: Decimal | int | str
    currency: NotRequired[str]


_ID_LISTS = ("cancel_ids", "order_ids", "return_ids", "buyer_user_ids")
#: Enum list filters and the values TikTok documents for each.
_VALUE_LISTS = {
    "cancel_types": _filters.CANCEL_TYPES,
    "cancel_status": _filters.CANCEL_STATUS,
    "return_types": _filters.RETURN_TYPES,
    "return_status": _filters.RETURN_STATUS,
    "arbitration_status": _filters.ARBITRATION_STATUS,
    "seller_proposed_return_type": _filters.SELLER_PROPOSED_RETURN_TYPE,
}


def _locale(given: str | None, default: str | None) -> str | None:
    """The ``locale`` to send: the caller's, else the shop's language, else none."""
    return _params.locale(given) if given is not None else default


def _pages(
    filters: Any, allowed: type, row: Endpoint[Page[Any]], default_locale: str | None
) -> SpecFactory[Any]:
    _params.known_keys("search filter", filters, allowed)
    size = _params.page_size(filters.get("page_size", row.limits.max_page), row)
    body: dict[str, Any] = {
        **_params.time_window(
            "create_time", filters.get("create_time_ge"), filters.get("create_time_lt")
        ),
        **_params.time_window(
            "update_time", filters.get("update_time_ge"), filters.get("update_time_lt")
        ),
    }
    for name in _ID_LISTS:
        if name in filters:
            body[name] = [str(v) for v in _params.ids(name, filters[name])]
    for name, values in _VALUE_LISTS.items():
        if name in filters:
            body[name] = _params.many_of(name, filters[name], values)
    locale = _locale(filters.get("locale"), default_locale)
    if locale is not None:
        body["locale"] = locale
    query = {"page_size": size, **_params.sorting(filters, _filters.RETURN_SORT_FIELD)}
    return row.pages(query=query, json=body)


def cancellation_pages(
    filters: CancellationSearchFilters, *, default_locale: str | None = None
) -> SpecFactory[Cancellation]:
    """Validate cancellation search filters; the per-page request builder.

    ``default_locale`` is sent when the filters name no ``locale`` (the shop's language).
    """
    return _pages(filters, CancellationSearchFilters, RETURNS_SEARCH_CANCELLATIONS, default_locale)


def return_pages(
    filters: ReturnSearchFilters, *, default_locale: str | None = None
) -> SpecFactory[Return]:
    """Validate return search filters; the per-page request builder.

    ``default_locale`` is sent when the filters name no ``locale`` (the shop's language).
    """
    return _pages(filters, ReturnSearchFilters, RETURNS_SEARCH_RETURNS, default_locale)


class RefundSku(TypedDict):
    """A quantity of one SKU a refund would cover (Calculate Refund's ``skus``)."""

    sku_id: str
    quantity: int


def reject_reasons_spec(
    return_or_cancel_id: str, locale: str | None, default_locale: str | None = None
) -> RequestSpec[list[RejectReason]]:
    """GET /return_refund/202309/reject_reasons: the reason keys a rejection may give now."""
    query: dict[str, Any] = {
        "return_or_cancel_id": _params.path_id("return_or_cancel_id", return_or_cancel_id),
        "locale": _locale(locale, default_locale),
    }
    return RETURNS_REJECT_REASONS.spec(query=query)


def return_records_spec(
    return_id: str, locale: str | None, default_locale: str | None = None
) -> RequestSpec[list[ReturnRecord]]:
    """GET /return_refund/202309/returns/{return_id}/records: a return's history."""
    return RETURNS_RETURN_RECORDS.spec(
        path_params={"return_id": _params.path_id("return_id", return_id)},
        query={"locale": _locale(locale, default_locale)},
    )


def eligibility_spec(
    order_id: str, initiate_aftersale_user: str | None
) -> RequestSpec[AftersaleEligibility]:
    """GET /return_refund/202309/orders/{order_id}/aftersale_eligibility."""
    user = (
        None
        if initiate_aftersale_user is None
        else _params.one_of(
            "initiate_aftersale_user", initiate_aftersale_user, _filters.AFTERSALE_USER
        )
    )
    return RETURNS_AFTERSALE_ELIGIBILITY.spec(
        path_params={"order_id": _params.path_id("order_id", order_id)},
        query={"initiate_aftersale_user": user},
    )


def calculate_refund_spec(
    order_id: str,
    *,
    request_type: str,
    reason_name: str,
    shipment_type: str | None = None,
    handover_method: str | None = None,
    order_line_item_ids: Sequence[str] | None = None,
    skus: Sequence[RefundSku] | None = None,
) -> RequestSpec[RefundCalculation]:
    """POST /return_refund/202309/refunds/calculate: what a request would refund (nothing is
    created, so the call is repeated safely)."""
    if not isinstance(reason_name, str) or not reason_name.strip():
        raise _params.InvalidArgumentError(
            "reason_name must be a reason key such as "
            "'ecom_order_delivered_refund_reason_missing_product_seller'."
        )
    body: dict[str, Any] = {
        "order_id": _params.path_id("order_id", order_id),
        "request_type": _params.one_of("request_type", request_type, _filters.REFUND_REQUEST_TYPE),
    }
    if shipment_type is not None:
        body["shipment_type"] = _params.one_of(
            "shipment_type", shipment_type, _filters.REFUND_SHIPMENT_TYPE
        )
    if handover_method is not None:
        body["handover_method"] = _params.one_of(
            "handover_method", handover_method, _filters.REFUND_HANDOVER_METHOD
        )
    body["reason_name"] = reason_name.strip()
    if order_line_item_ids is not None:
        body["order_line_item_ids"] = _params.ids("order_line_item_ids", order_line_item_ids)
    if skus is not None:
        body["skus"] = _cancel_skus(skus)
    return RETURNS_CALCULATE_REFUND.spec(json=body)


def _cancel_skus(skus: Sequence[CancelSku]) -> list[dict[str, Any]]:
    out = []
    for sku in skus:
        quantity = sku.get("quantity")
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise _params.InvalidArgumentError(
                f"skus[].quantity must be a whole number of 1 or more, got {quantity!r}."
            )
        out.append(
            {"sku_id": _params.path_id("sku_id", sku.get("sku_id", "")), "quantity": quantity}
        )
    if not out:
        raise _params.InvalidArgumentError("skus needs at least one SKU when given.")
    return out


def cancel_spec(
    order_id: str,
    cancel_reason: str,
    order_line_item_ids: Sequence[str] | None,
    skus: Sequence[CancelSku] | None = None,
) -> RequestSpec[CancelledOrder]:
    """POST /return_refund/202309/cancellations: the seller cancels (reason key required)."""
    if not isinstance(cancel_reason, str) or not cancel_reason.strip():
        raise _params.InvalidArgumentError(
            "cancel_reason must be a reason key such as 'seller_cancel_reason_out_of_stock'."
        )
    body: dict[str, Any] = {"order_id": _params.path_id("order_id", order_id)}
    if skus is not None:
        body["skus"] = _cancel_skus(skus)
    if order_line_item_ids is not None:
        body["order_line_item_ids"] = _params.ids("order_line_item_ids", order_line_item_ids)
    body["cancel_reason"] = cancel_reason.strip()
    return RETURNS_CANCEL_ORDER.spec(json=body, facts={"order_id": body["order_id"]})


def decide_spec(
    action: Literal["approve", "reject"],
    cancel_id: str,
    idempotency_key: str | None,
    body: dict[str, Any],
) -> RequestSpec[None]:
    """POST /return_refund/202309/cancellations/{cancel_id}/{approve|reject}."""
    row = RETURNS_APPROVE_CANCELLATION if action == "approve" else RETURNS_REJECT_CANCELLATION
    return _decision_spec(row, cancel_id, idempotency_key, body)


def return_decide_spec(
    action: Literal["approve", "reject"],
    return_id: str,
    idempotency_key: str | None,
    body: dict[str, Any],
) -> RequestSpec[None]:
    """POST /return_refund/202309/returns/{return_id}/{approve|reject}."""
    row = RETURNS_APPROVE_RETURN if action == "approve" else RETURNS_REJECT_RETURN
    return _decision_spec(row, return_id, idempotency_key, body)


def _decision_spec(
    row: Endpoint[None], request_id: str, idempotency_key: str | None, body: dict[str, Any]
) -> RequestSpec[None]:
    """A seller's answer to a buyer's request; retried only when an idempotency key is given."""
    (name,) = row.path_params
    return row.spec(
        path_params={name: _params.path_id(name, request_id)},
        query={"idempotency_key": idempotency_key},
        json=body,
        keyed=idempotency_key is not None,
    )


def _images(images: Sequence[EvidenceImage]) -> list[dict[str, Any]]:
    out = []
    for image in images:
        image_id = image.get("image_id")
        if not isinstance(image_id, str) or not image_id.strip():
            raise _params.InvalidArgumentError(
                "images[].image_id must be the uri Upload Product Image returned."
            )
        entry: dict[str, Any] = {"image_id": image_id.strip()}
        if "mime_type" in image:
            entry["mime_type"] = image["mime_type"]
        for side in ("height", "width"):
            if side in image:
                size = image[side]
                if isinstance(size, bool) or not isinstance(size, int) or size < 1:
                    raise _params.InvalidArgumentError(
                        f"images[].{side} must be a whole number of pixels, got {size!r}."
                    )
                entry[side] = size
        out.append(entry)
    return out


def _reject_body(
    reason: str, comment: str | None, images: Sequence[EvidenceImage] | None = None
) -> dict[str, Any]:
    if not isinstance(reason, str) or not reason.strip():
        raise _params.InvalidArgumentError(
            "reject_reason must be a reason key from TikTok's reject reasons."
        )
    body: dict[str, Any] = {"reject_reason": reason.strip()}
    if comment:
        body["comment"] = comment
    if images:
        body["images"] = _images(images)
    return body


def _decision(action: Literal["approve", "reject"], decision: ReturnDecision | str) -> str:
    """The decision as sent, if Approve (or Reject) Return documents it: another is a typo
    TikTok would refuse, or, for a decision of the other call, the wrong call."""
    value = str(decision.value if isinstance(decision, Enum) else decision).strip()
    allowed = (
        _filters.RETURN_APPROVE_DECISION if action == "approve" else _filters.RETURN_REJECT_DECISION
    )
    return _params.one_of("decision", value, allowed)


def _partial_refund(offer: PartialRefundOffer) -> dict[str, str]:
    currency = str(offer.get("currency", "JPY")).strip().upper()
    raw = offer.get("amount")
    try:
        amount = Decimal(str(raw).strip()) if not isinstance(raw, bool | float) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount <= 0:
        raise _params.InvalidArgumentError(
            f"partial_refund amount must be a positive decimal such as 500 or '12.50', got {raw!r}."
        )
    if currency == "JPY" and amount != amount.to_integral_value():
        raise _params.InvalidArgumentError(
            f"partial_refund amount in JPY must be whole yen (JPY has no minor unit), got {raw!r}."
        )
    return {"currency": currency, "amount": str(amount)}


def approve_return_body(
    decision: ReturnDecision | str,
    buyer_keep_item: bool | None = None,
    partial_refund: PartialRefundOffer | None = None,
) -> dict[str, Any]:
    """Approve Return's body: the decision that fits the return's type and status.

    ``partial_refund`` goes with OFFER_PARTIAL_REFUND and nothing else (TikTok's note on the
    field), and that decision needs it: sent with another decision the amount could be ignored
    and the whole refund paid. ``buyer_keep_item=True`` (a returnless refund) goes with
    APPROVE_RETURN, as the field's note says, or with OFFER_PARTIAL_REFUND, whose buyer keeps
    the goods anyway.
    """
    from ..types.returns import ReturnDecision  # the models load with the first call

    value = _decision("approve", decision)
    offer = value == ReturnDecision.OFFER_PARTIAL_REFUND.value
    if offer != (partial_refund is not None):
        raise _params.InvalidArgumentError(
            "partial_refund={'amount': ..., 'currency': 'JPY'} goes with "
            "decision='OFFER_PARTIAL_REFUND', and that decision needs it; "
            f"got decision={value!r} with partial_refund={partial_refund!r}."
        )
    body: dict[str, Any] = {"decision": value}
    if buyer_keep_item is not None:
        if not isinstance(buyer_keep_item, bool):
            raise _params.InvalidArgumentError(
                f"buyer_keep_item must be True or False, got {buyer_keep_item!r}."
            )
        keeps = (ReturnDecision.APPROVE_RETURN.value, ReturnDecision.OFFER_PARTIAL_REFUND.value)
        if buyer_keep_item and value not in keeps:
            raise _params.InvalidArgumentError(
                "buyer_keep_item=True (refund without the goods coming back) goes with "
                f"decision='APPROVE_RETURN' or 'OFFER_PARTIAL_REFUND', not {value!r}."
            )
        body["buyer_keep_item"] = buyer_keep_item
    if partial_refund is not None:
        body["partial_refund"] = _partial_refund(partial_refund)
    return body


def reject_return_body(
    decision: ReturnDecision | str,
    reject_reason: str,
    comment: str | None,
    images: Sequence[EvidenceImage] | None = None,
) -> dict[str, Any]:
    """Reject Return's body: the decision and a reject reason key (required)."""
    return {
        "decision": _decision("reject", decision),
        **_reject_body(reject_reason, comment, images),
    }


def _shop_locale(scope: Any) -> str | None:
    """The language of the shop view's market (``ja-JP`` for JP), if the view knows it."""
    return _params.default_locale(scope.context.shop_region)


class Returns(SyncResource):
    """A shop's cancellations and returns."""

    def search_cancellations(
        self, *, page_token: str | None = None, **filters: Unpack[CancellationSearchFilters]
    ) -> SyncPager[Cancellation]:
        """Cancellations (by buyer, seller or system), page by page."""
        make = cancellation_pages(filters, default_locale=_shop_locale(self._scope))
        return self._scope.paginate(make, page_token=page_token)

    def search_returns(
        self, *, page_token: str | None = None, **filters: Unpack[ReturnSearchFilters]
    ) -> SyncPager[Return]:
        """Returns and refunds, page by page."""
        make = return_pages(filters, default_locale=_shop_locale(self._scope))
        return self._scope.paginate(make, page_token=page_token)

    def cancel_order(
        self,
        order_id: str,
        *,
        cancel_reason: str,
        order_line_item_ids: Sequence[str] | None = None,
        skus: Sequence[CancelSku] | None = None,
    ) -> CancelledOrder:
        """Cancel an order (or some line items, or quantities of SKUs) with a reason key."""
        spec = cancel_spec(order_id, cancel_reason, order_line_item_ids, skus)
        return self._scope.request(spec)

    def approve_cancellation(self, cancel_id: str, *, idempotency_key: str | None = None) -> None:
        """Accept a buyer's cancel request (answer within 24 hours or TikTok decides)."""
        self._scope.request(decide_spec("approve", cancel_id, idempotency_key, {}))

    def reject_cancellation(
        self,
        cancel_id: str,
        *,
        reject_reason: str,
        comment: str | None = None,
        images: Sequence[EvidenceImage] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's cancel request with a reason key (and images that back it)."""
        body = _reject_body(reject_reason, comment, images)
        self._scope.request(decide_spec("reject", cancel_id, idempotency_key, body))

    def approve_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        buyer_keep_item: bool | None = None,
        partial_refund: PartialRefundOffer | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Accept a buyer's return or refund request; retried only with an idempotency key.

        ``OFFER_PARTIAL_REFUND`` needs ``partial_refund``; ``buyer_keep_item=True`` with
        ``APPROVE_RETURN`` refunds without the goods coming back.
        """
        body = approve_return_body(decision, buyer_keep_item, partial_refund)
        self._scope.request(return_decide_spec("approve", return_id, idempotency_key, body))

    def reject_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        reject_reason: str,
        comment: str | None = None,
        images: Sequence[EvidenceImage] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's return or refund request with a reject reason key."""
        body = reject_return_body(decision, reject_reason, comment, images)
        self._scope.request(return_decide_spec("reject", return_id, idempotency_key, body))

    def reject_reasons(
        self, return_or_cancel_id: str, *, locale: str | None = None
    ) -> list[RejectReason]:
        """The reasons a rejection of this return or cancellation may give now (key and text).

        Pass a reason's ``name`` as ``reject_reason``; its ``text`` is in ``locale`` (the
        shop's language by default, ``ja-JP`` for a JP shop).
        """
        spec = reject_reasons_spec(return_or_cancel_id, locale, _shop_locale(self._scope))
        return self._scope.request(spec)

    def return_records(self, return_id: str, *, locale: str | None = None) -> list[ReturnRecord]:
        """A return's history, step by step: who did what, when, with their note and evidence."""
        spec = return_records_spec(return_id, locale, _shop_locale(self._scope))
        return self._scope.request(spec)

    def aftersale_eligibility(
        self, order_id: str, *, initiate_aftersale_user: str | None = None
    ) -> AftersaleEligibility:
        """Which after-sales requests each SKU of an order allows (and why not), for the seller
        (the default) or the buyer."""
        return self._scope.request(eligibility_spec(order_id, initiate_aftersale_user))

    def calculate_refund(
        self,
        order_id: str,
        *,
        request_type: str,
        reason_name: str,
        shipment_type: str | None = None,
        handover_method: str | None = None,
        order_line_item_ids: Sequence[str] | None = None,
        skus: Sequence[RefundSku] | None = None,
    ) -> RefundCalculation:
        """What the buyer would get back for a request (CANCEL, REFUND or RETURN_AND_REFUND);
        creates nothing."""
        spec = calculate_refund_spec(
            order_id,
            request_type=request_type,
            reason_name=reason_name,
            shipment_type=shipment_type,
            handover_method=handover_method,
            order_line_item_ids=order_line_item_ids,
            skus=skus,
        )
        return self._scope.request(spec)


class AsyncReturns(AsyncResource):
    """A shop's cancellations and returns."""

    def search_cancellations(
        self, *, page_token: str | None = None, **filters: Unpack[CancellationSearchFilters]
    ) -> AsyncPager[Cancellation]:
        """Cancellations (by buyer, seller or system), page by page."""
        make = cancellation_pages(filters, default_locale=_shop_locale(self._scope))
        return self._scope.paginate(make, page_token=page_token)

    def search_returns(
        self, *, page_token: str | None = None, **filters: Unpack[ReturnSearchFilters]
    ) -> AsyncPager[Return]:
        """Returns and refunds, page by page."""
        make = return_pages(filters, default_locale=_shop_locale(self._scope))
        return self._scope.paginate(make, page_token=page_token)

    async def cancel_order(
        self,
        order_id: str,
        *,
        cancel_reason: str,
        order_line_item_ids: Sequence[str] | None = None,
        skus: Sequence[CancelSku] | None = None,
    ) -> CancelledOrder:
        """Cancel an order (or some line items, or quantities of SKUs) with a reason key."""
        spec = cancel_spec(order_id, cancel_reason, order_line_item_ids, skus)
        return await self._scope.request(spec)

    async def approve_cancellation(
        self, cancel_id: str, *, idempotency_key: str | None = None
    ) -> None:
        """Accept a buyer's cancel request (answer within 24 hours or TikTok decides)."""
        await self._scope.request(decide_spec("approve", cancel_id, idempotency_key, {}))

    async def reject_cancellation(
        self,
        cancel_id: str,
        *,
        reject_reason: str,
        comment: str | None = None,
        images: Sequence[EvidenceImage] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's cancel request with a reason key (and images that back it)."""
        body = _reject_body(reject_reason, comment, images)
        await self._scope.request(decide_spec("reject", cancel_id, idempotency_key, body))

    async def approve_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        buyer_keep_item: bool | None = None,
        partial_refund: PartialRefundOffer | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Accept a buyer's return or refund request; retried only with an idempotency key.

        ``OFFER_PARTIAL_REFUND`` needs ``partial_refund``; ``buyer_keep_item=True`` with
        ``APPROVE_RETURN`` refunds without the goods coming back.
        """
        body = approve_return_body(decision, buyer_keep_item, partial_refund)
        await self._scope.request(return_decide_spec("approve", return_id, idempotency_key, body))

    async def reject_return(
        self,
        return_id: str,
        *,
        decision: ReturnDecision | str,
        reject_reason: str,
        comment: str | None = None,
        images: Sequence[EvidenceImage] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Refuse a buyer's return or refund request with a reject reason key."""
        body = reject_return_body(decision, reject_reason, comment, images)
        await self._scope.request(return_decide_spec("reject", return_id, idempotency_key, body))

    async def reject_reasons(
        self, return_or_cancel_id: str, *, locale: str | None = None
    ) -> list[RejectReason]:
        """The reasons a rejection of this return or cancellation may give now (key and text).

        Pass a reason's ``name`` as ``reject_reason``; its ``text`` is in ``locale`` (the
        shop's language by default, ``ja-JP`` for a JP shop).
        """
        spec = reject_reasons_spec(return_or_cancel_id, locale, _shop_locale(self._scope))
        return await self._scope.request(spec)

    async def return_records(
        self, return_id: str, *, locale: str | None = None
    ) -> list[ReturnRecord]:
        """A return's history, step by step: who did what, when, with their note and evidence."""
        spec = return_records_spec(return_id, locale, _shop_locale(self._scope))
        return await self._scope.request(spec)

    async def aftersale_eligibility(
        self, order_id: str, *, initiate_aftersale_user: str | None = None
    ) -> AftersaleEligibility:
        """Which after-sales requests each SKU of an order allows (and why not), for the seller
        (the default) or the buyer."""
        return await self._scope.request(eligibility_spec(order_id, initiate_aftersale_user))

    async def calculate_refund(
        self,
        order_id: str,
        *,
        request_type: str,
        reason_name: str,
        shipment_type: str | None = None,
        handover_method: str | None = None,
        order_line_item_ids: Sequence[str] | None = None,
        skus: Sequence[RefundSku] | None = None,
    ) -> RefundCalculation:
        """What the buyer would get back for a request (CANCEL, REFUND or RETURN_AND_REFUND);
        creates nothing."""
        spec = calculate_refund_spec(
            order_id,
            request_type=request_type,
            reason_name=reason_name,
            shipment_type=shipment_type,
            handover_method=handover_method,
            order_line_item_ids=order_line_item_ids,
            skus=skus,
        )
        return await self._scope.request(spec)
