"""After-sales: cancellations and returns of the fake (reference §5.9).

A buyer's cancel request after the ON_HOLD window waits for the seller for 24 hours
(``seller_next_action_response``); then TikTok decides, and the fake approves it. A return,
refund or replacement request moves through TikTok's documented statuses, by the seller's
answers (the API), the buyer's and TikTok's (the facade's helpers) and time: an answer the
seller owes has a deadline, and when it passes TikTok decides for the seller (a request is
approved, a parcel sent back is accepted and refunded), an approved return the buyer does not
ship back in time is closed, and an approved refund is paid an hour later. Each change of a
cancellation or of a return's status is published (:class:`CancellationChanged`,
:class:`ReturnChanged`) for the webhooks. Records and wire shapes are in ``records.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Final, TypeVar

from attrs import frozen

from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._errors import (
    ALREADY_IN_PROCESS,
    CANNOT_APPROVE,
    CANNOT_REJECT,
    IN_ARBITRATION,
    NO_PERMISSION,
    ORDER_FINISHED,
    ORDER_ID_INVALID,
    ORDER_NOT_FOUND,
    PARTIAL_CANCEL_UNSUPPORTED,
    PARTIAL_REFUND_NOT_ALLOWED,
    REASON_NOT_FOR_ACTION,
    REASON_NOT_FOR_STATUS,
    REASON_UNKNOWN,
    RETURN_ID_INVALID,
    RETURN_PARAMS,
    SHIPPED_CANNOT_CANCEL,
    ParameterError,
)
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._logistics.backend import Logistics
from tiktokshop_sync.testing._orders.backend import OrderBook, OrderCreated
from tiktokshop_sync.testing._orders.factory import CANCEL_REASONS
from tiktokshop_sync.testing._orders.records import FakeLineItem, FakeOrder
from tiktokshop_sync.testing._paging import PageTokens, keyset_page
from tiktokshop_sync.testing._returns.records import (
    BUYER_SHIP_WINDOW,
    RECEIVE_WINDOW,
    REFUND_DELAY,
    REJECT_REASONS,
    RETURN_REASONS,
    RETURN_RESPONSE_WINDOW,
    FakeCancellation,
    FakeReturn,
    FakeReturnStep,
    Language,
    refund_amount,
    reject_reasons_for,
)
from tiktokshop_sync.testing._shops.backend import FakeShopAccount

__all__ = [
    "APPROVE_OTHERS",
    "ARBITRATION_OUTCOMES",
    "BUYER_CANCEL_REASON",
    "CANCEL_INITIATORS",
    "CANCEL_STATUSES",
    "CANCEL_TYPES",
    "PAID_CANCEL_REASONS",
    "PARTIAL_CANCEL_REGIONS",
    "REFUND_REQUEST_TYPES",
    "RESPONSE_WINDOW",
    "RETURN_DECISIONS",
    "RETURN_REASONS",
    "RETURN_STATUSES",
    "RETURN_TYPES",
    "UNPAID_CANCEL_REASONS",
    "AfterSalesDesk",
    "CancellationChanged",
    "FakeCancellation",
    "FakeReturn",
    "ReturnChanged",
    "Search",
]

CANCEL_INITIATORS: Final = ("BUYER", "SELLER", "SYSTEM", "OPERATOR")
CANCEL_TYPES: Final = ("CANCEL", "BUYER_CANCEL")
_FINAL_STATUSES: Final = frozenset({"DELIVERED", "COMPLETED", "CANCELLED"})

#: Seller cancel reason keys of the JP market for UNPAID orders, with display text
#: (keys [doc] DOCS cancel-reasons.json "# JP market"; the Japanese labels are ours).
UNPAID_CANCEL_REASONS: dict[str, str] = {
    "seller_cancel_unpaid_reason_wrong_price": "価格設定の誤り",
    "seller_cancel_unpaid_reason_out_of_stock": "在庫切れ",
    "seller_cancel_unpaid_reason_buyer_requested_cancellation": "購入者からのキャンセル依頼",
    "seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed": "支払期限切れ",
}

#: Seller cancel reason keys of the JP market for ON_HOLD and AWAITING_SHIPMENT orders.
PAID_CANCEL_REASONS: dict[str, str] = {
    "seller_cancel_reason_wrong_price": "価格設定の誤り",
    "seller_cancel_reason_out_of_stock": "在庫切れ",
    "seller_cancel_paid_reason_buyer_requested_cancellation": "購入者からのキャンセル依頼",
    "seller_cancel_paid_reason_address_not_deliver": "配送先住所に配送できない",
    "seller_cancel_order_reason_potential_fraud": "不正注文の疑い",
}

#: The reason key a buyer's own cancellation carries [inferred: TikTok lists no buyer keys].
BUYER_CANCEL_REASON: tuple[str, str] = ("buyer_cancel_reason_change_order", "注文内容を変更したい")

CANCEL_STATUSES: Final[tuple[str, ...]] = (
    "CANCELLATION_REQUEST_PENDING",
    "CANCELLATION_REQUEST_SUCCESS",
    "CANCELLATION_REQUEST_CANCEL",
    "CANCELLATION_REQUEST_COMPLETE",
)

#: The documented return types (search-returns.spec.json). TikTok offers REPLACEMENT in the US
#: (changelog "Replacement orders now available"); the fake allows it in any shop.
RETURN_TYPES: Final[tuple[str, ...]] = ("REFUND", "RETURN_AND_REFUND", "REPLACEMENT")

RETURN_STATUSES: Final[tuple[str, ...]] = (
    "RETURN_OR_REFUND_REQUEST_PENDING",
    "REFUND_OR_RETURN_REQUEST_REJECT",
    "AWAITING_BUYER_SHIP",
    "BUYER_SHIPPED_ITEM",
    "REJECT_RECEIVE_PACKAGE",
    "RETURN_OR_REFUND_REQUEST_SUCCESS",
    "RETURN_OR_REFUND_REQUEST_CANCEL",
    "RETURN_OR_REFUND_REQUEST_COMPLETE",
    "AWAITING_BUYER_RESPONSE",
    "REPLACEMENT_REQUEST_PENDING",
    "REPLACEMENT_REQUEST_REJECT",
    "REPLACEMENT_REQUEST_REFUND_SUCCESS",
    "REPLACEMENT_REQUEST_CANCEL",
    "REPLACEMENT_REQUEST_COMPLETE",
)

#: Approve Return decisions besides APPROVE_*: a refund instead of a replacement, and a
#: partial-refund offer the buyer then answers (api/return-and-refund/approve-return.spec.json).
APPROVE_OTHERS: Final[tuple[str, ...]] = ("ISSUE_REPLACEMENT_REFUND", "OFFER_PARTIAL_REFUND")

#: Approve/Reject Return ``decision`` values [third-party: the official SDKs' request bodies
#: carry ``decision``; its values come from integrators' code], and what each does to a return
#: of a given type and status [inferred]: (decision, return_type, status) -> new status.
RETURN_DECISIONS: Final[dict[tuple[str, str, str], str]] = {
    ("APPROVE_REFUND", "REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "RETURN_OR_REFUND_REQUEST_SUCCESS"
    ),
    ("APPROVE_RETURN", "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "AWAITING_BUYER_SHIP"
    ),
    ("APPROVE_RECEIVED_PACKAGE", "RETURN_AND_REFUND", "BUYER_SHIPPED_ITEM"): (
        "RETURN_OR_REFUND_REQUEST_SUCCESS"
    ),
    # The platform then makes a replacement order for the seller to ship (the status's
    # documented meaning); the buyer keeps or returns the item as agreed outside the API.
    ("APPROVE_REPLACEMENT", "REPLACEMENT", "REPLACEMENT_REQUEST_PENDING"): (
        "REPLACEMENT_REQUEST_COMPLETE"
    ),
    ("REJECT_REFUND", "REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "REFUND_OR_RETURN_REQUEST_REJECT"
    ),
    ("REJECT_RETURN", "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "REFUND_OR_RETURN_REQUEST_REJECT"
    ),
    ("REJECT_RECEIVED_PACKAGE", "RETURN_AND_REFUND", "BUYER_SHIPPED_ITEM"): (
        "REJECT_RECEIVE_PACKAGE"
    ),
    ("REJECT_REPLACEMENT", "REPLACEMENT", "REPLACEMENT_REQUEST_PENDING"): (
        "REPLACEMENT_REQUEST_REJECT"
    ),
    ("ISSUE_REPLACEMENT_REFUND", "REPLACEMENT", "REPLACEMENT_REQUEST_PENDING"): (
        "REPLACEMENT_REQUEST_REFUND_SUCCESS"
    ),
    ("OFFER_PARTIAL_REFUND", "REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "AWAITING_BUYER_RESPONSE"
    ),
    ("OFFER_PARTIAL_REFUND", "RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "AWAITING_BUYER_RESPONSE"
    ),
}

#: How long the seller has to answer a buyer's cancel request.
RESPONSE_WINDOW: Final = timedelta(hours=24)

#: Item-level seller cancels are US/UK only (reference §5.9); JP cancels whole orders.
PARTIAL_CANCEL_REGIONS: Final[frozenset[str]] = frozenset({"US", "GB", "UK"})

# Reason keys of cancellations the fake makes on its own [inferred: keys beyond the JP seller
# list are not documented]; the display text is the order's cancel_reason.
_ROLE_REASONS: Final[dict[str, str]] = {
    "BUYER": BUYER_CANCEL_REASON[0],
    "SELLER": "seller_cancel_reason_out_of_stock",
    "SYSTEM": "system_cancel_unpaid_time_out",
    "OPERATOR": "system_cancel_operator_review",
}


_PENDING: Final = "RETURN_OR_REFUND_REQUEST_PENDING"
_APPROVED: Final = "RETURN_OR_REFUND_REQUEST_SUCCESS"
_REFUNDED: Final = "RETURN_OR_REFUND_REQUEST_COMPLETE"
_RECEIVE: Final = "SELLER_RESPOND_RECEIVE_PACKAGE"

#: What TikTok's staff may decide about a disputed request (search-returns.spec.json,
#: ``arbitration_status``, besides IN_PROGRESS while they work on it).
ARBITRATION_OUTCOMES: Final = ("SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED")

#: The request types Calculate Refund prices and Get Aftersale Eligibility answers for.
REFUND_REQUEST_TYPES: Final = ("CANCEL", "REFUND", "RETURN_AND_REFUND")

#: Statuses a buyer may still withdraw a request from, and where withdrawing leads.
_WITHDRAWABLE: Final = {
    _PENDING: "RETURN_OR_REFUND_REQUEST_CANCEL",
    "AWAITING_BUYER_SHIP": "RETURN_OR_REFUND_REQUEST_CANCEL",
    "AWAITING_BUYER_RESPONSE": "RETURN_OR_REFUND_REQUEST_CANCEL",
    "REPLACEMENT_REQUEST_PENDING": "REPLACEMENT_REQUEST_CANCEL",
}
#: Rejections a buyer may dispute with TikTok.
_APPEALABLE: Final = frozenset(
    {"REFUND_OR_RETURN_REQUEST_REJECT", "REJECT_RECEIVE_PACKAGE", "REPLACEMENT_REQUEST_REJECT"}
)
#: Requests that ended without anything returned or refunded: their items are free again.
_WITHDRAWN: Final = frozenset(
    {
        "RETURN_OR_REFUND_REQUEST_CANCEL",
        "REPLACEMENT_REQUEST_CANCEL",
        "REFUND_OR_RETURN_REQUEST_REJECT",
        "REPLACEMENT_REQUEST_REJECT",
    }
)
#: The history step (and who took it) a status forced by ``set_return_status`` records.
_FORCED_STEPS: Final[dict[str, tuple[str, str]]] = {
    "REFUND_OR_RETURN_REQUEST_REJECT": ("rejected", "SELLER"),
    "AWAITING_BUYER_SHIP": ("approved", "SELLER"),
    "BUYER_SHIPPED_ITEM": ("shipped", "BUYER"),
    "REJECT_RECEIVE_PACKAGE": ("package_rejected", "SELLER"),
    _APPROVED: ("approved", "SELLER"),
    "RETURN_OR_REFUND_REQUEST_CANCEL": ("cancelled", "BUYER"),
    _REFUNDED: ("refunded", "SYSTEM"),
    "AWAITING_BUYER_RESPONSE": ("offered", "SELLER"),
    "REPLACEMENT_REQUEST_REJECT": ("rejected", "SELLER"),
    "REPLACEMENT_REQUEST_REFUND_SUCCESS": ("replacement_refunded", "SELLER"),
    "REPLACEMENT_REQUEST_CANCEL": ("cancelled", "BUYER"),
    "REPLACEMENT_REQUEST_COMPLETE": ("replacement_approved", "SELLER"),
}
#: The history step each seller decision records.
_DECISION_STEPS: Final[dict[str, str]] = {
    "APPROVE_REFUND": "approved",
    "APPROVE_RETURN": "approved",
    "APPROVE_RECEIVED_PACKAGE": "received",
    "APPROVE_REPLACEMENT": "replacement_approved",
    "ISSUE_REPLACEMENT_REFUND": "replacement_refunded",
    "OFFER_PARTIAL_REFUND": "offered",
    "REJECT_REFUND": "rejected",
    "REJECT_RETURN": "rejected",
    "REJECT_RECEIVED_PACKAGE": "package_rejected",
    "REJECT_REPLACEMENT": "rejected",
}
_ALREADY = ALREADY_IN_PROCESS.message
_FINISHED = ORDER_FINISHED.message
#: Get Aftersale Eligibility's own example gives this code and text for a wrong status.
_WRONG_STATUS = (RETURN_PARAMS.code, "invalid order status")
_BEFORE_SHIPMENT: Final = frozenset({"UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"})


def _next_due(record: FakeReturn) -> datetime | None:
    """When the first of a return's timers runs out (None when none runs)."""
    times = [
        record.deadline if record.next_action is not None else None,
        record.ship_by if record.status == "AWAITING_BUYER_SHIP" else None,
        record.refund_at if record.status == _APPROVED else None,
    ]
    found = [t for t in times if t is not None]
    return min(found) if found else None


def _answer_of(record: FakeReturn) -> str | None:
    """Which answer the seller owes a return now (its reject reasons' kind), if any."""
    if record.status == _PENDING:
        return "refund" if record.return_type == "REFUND" else "return"
    if record.status == "BUYER_SHIPPED_ITEM":
        return "package"
    if record.status == "REPLACEMENT_REQUEST_PENDING":
        return "replacement"
    return None


def _verdict(
    order: FakeOrder, item: FakeLineItem, request_type: str, taken: set[str], user: str
) -> tuple[bool, int, str]:
    """Whether one line item may get a request of ``request_type`` from ``user``, and why not."""
    if item.cancel_user or order.status == "CANCELLED":
        return False, ORDER_FINISHED.code, _FINISHED
    if item.id in taken:
        return False, ALREADY_IN_PROCESS.code, _ALREADY
    if request_type == "CANCEL":
        ok = order.status in _BEFORE_SHIPMENT
        return (True, 0, "") if ok else (False, *_WRONG_STATUS)
    if order.status == "DELIVERED" or (order.status == "COMPLETED" and user == "SELLER"):
        return True, 0, ""
    if order.status == "COMPLETED":
        return False, ORDER_FINISHED.code, _FINISHED
    return False, *_WRONG_STATUS


def _eligibility(
    order: FakeOrder, items: list[FakeLineItem], request_type: str, taken: set[str], user: str
) -> list[dict[str, Any]]:
    """One entry per verdict, listing the line items that share it."""
    groups: dict[tuple[bool, int, str], list[str]] = {}
    for item in items:
        groups.setdefault(_verdict(order, item, request_type, taken, user), []).append(item.id)
    entries = []
    for (eligible, code, reason), ids in groups.items():
        entry: dict[str, Any] = {
            "request_type": request_type,
            "order_line_items_ids": ids,
            "eligible": eligible,
        }
        if not eligible:
            entry.update(ineligible_code=code, ineligible_reason=reason)
        entries.append(entry)
    return entries


def _chosen_items(
    items: list[FakeLineItem],
    item_ids: Sequence[str] | None,
    skus: Sequence[tuple[str, int]] | None,
) -> list[FakeLineItem]:
    """The open line items a refund covers: those named, a quantity of SKUs, or all."""
    if item_ids is not None:
        by_id = {item.id: item for item in items}
        if any(i not in by_id for i in item_ids):
            return []
        return [by_id[i] for i in dict.fromkeys(item_ids)]
    if skus is None:
        return list(items)
    chosen: list[FakeLineItem] = []
    for sku_id, quantity in skus:
        units = [item for item in items if item.sku_id == sku_id and item not in chosen]
        if quantity < 1 or len(units) < quantity:
            return []
        chosen += units[:quantity]
    return chosen


@frozen(kw_only=True)
class CancellationChanged:
    """A cancellation was created or changed status at ``at``."""

    record: FakeCancellation
    at: datetime


@frozen(kw_only=True)
class ReturnChanged:
    """A return was requested or changed status at ``at``."""

    record: FakeReturn
    at: datetime


R = TypeVar("R", FakeCancellation, FakeReturn)


@frozen(kw_only=True)
class Search:
    """Search Cancellations / Search Returns: filters by field, time bounds, sort and page."""

    filters: dict[str, list[str] | None]
    bounds: dict[str, int | None]
    sort_field: str = "create_time"
    sort_order: str = "ASC"
    size: int = 10
    page_token: str = ""
    #: The language of reasons (the search's ``locale``).
    language: Language = "en"


class AfterSalesDesk:
    """Cancellations and returns: the buyer's side (test helpers) and the seller's API calls."""

    def __init__(
        self,
        *,
        orders: OrderBook,
        logistics: Logistics,
        ids: IdFactory,
        pages: PageTokens,
        bus: EventBus,
    ) -> None:
        self._orders = orders
        self._logistics = logistics
        self._ids = ids
        self._pages = pages
        self._bus = bus
        self.cancellations: dict[str, FakeCancellation] = {}
        self.returns: dict[str, FakeReturn] = {}
        # Requests created with a response deadline, until answered: tick looks only at these.
        self._awaiting_answer: dict[str, FakeCancellation] = {}
        # Returns with a running timer (an answer due, a parcel to ship, a refund to pay).
        self._timed: dict[str, FakeReturn] = {}
        bus.subscribe(OrderCreated, self._order_created)

    def _order_created(self, event: OrderCreated) -> None:
        if event.order.status == "CANCELLED":
            self._record_cancelled(event.order)

    # --- records ------------------------------------------------------------------------------

    def _new_cancellation(
        self,
        order: FakeOrder,
        *,
        role: str,
        status: str,
        reason: str,
        text: str,
        item_ids: Sequence[str],
        at: datetime,
        deadline: datetime | None = None,
    ) -> FakeCancellation:
        record = FakeCancellation(
            cancel_id=self._ids.long_id("4035"),
            order_id=order.id,
            shop_id=order.shop_id,
            buyer_user_id=order.user_id,
            cancel_type="BUYER_CANCEL" if role == "BUYER" else "CANCEL",
            role=role,
            status=status,
            reason=reason,
            reason_text=text,
            line_item_ids=list(item_ids),
            cancel_line_item_ids=[self._ids.long_id("4035") for _ in item_ids],
            create_time=at,
            update_time=at,
            deadline=deadline,
        )
        self.cancellations[record.cancel_id] = record
        if deadline is not None:
            self._awaiting_answer[record.cancel_id] = record
        self._bus.publish(CancellationChanged(record=record, at=at))
        return record

    def _record_cancelled(self, order: FakeOrder) -> FakeCancellation:
        """A completed cancellation for an order that is already CANCELLED."""
        by = order.cancellation_initiator or "SYSTEM"
        at = order.cancel_time or order.update_time
        return self._new_cancellation(
            order,
            role="SYSTEM" if by == "OPERATOR" else by,
            status="CANCELLATION_REQUEST_COMPLETE",
            reason=_ROLE_REASONS.get(by, _ROLE_REASONS["SYSTEM"]),
            text=order.cancel_reason,
            item_ids=[item.id for item in order.line_items],
            at=at,
        )

    def _pending_for(self, order: FakeOrder) -> FakeCancellation | None:
        """The buyer's open cancel request on an order, if any."""
        return next(
            (
                c
                for c in self.cancellations.values()
                if c.order_id == order.id and c.status == "CANCELLATION_REQUEST_PENDING"
            ),
            None,
        )

    def cancellations_of(self, shop_id: str) -> list[FakeCancellation]:
        """A shop's cancellations in creation order."""
        return [c for c in self.cancellations.values() if c.shop_id == shop_id]

    def returns_of(self, shop_id: str) -> list[FakeReturn]:
        """A shop's returns in creation order."""
        return [r for r in self.returns.values() if r.shop_id == shop_id]

    def return_record(self, return_id: str) -> FakeReturn:
        """The return with this id (KeyError naming it if unknown)."""
        try:
            return self.returns[return_id]
        except KeyError:
            raise KeyError(f"no return with id {return_id!r} in this FakeShop") from None

    # --- TikTok, the buyer and the operator (test helpers) ------------------------------------

    def cancel(self, order_id: str, now: datetime, *, by: str, reason: str | None) -> FakeOrder:
        """Cancel the whole order now, by the given initiator, with a display reason; any open
        buyer request closes, and a completed cancellation record is added."""
        if by not in CANCEL_INITIATORS:
            raise ValueError(f"cancel(by={by!r}) must be one of {', '.join(CANCEL_INITIATORS)}")
        order = self._orders.order(order_id)
        if order.status in _FINAL_STATUSES:
            raise ValueError(f"order {order_id} is {order.status} and can no longer be cancelled")
        pending = self._pending_for(order)
        if pending is not None:
            self._set(pending, "CANCELLATION_REQUEST_CANCEL", now)
        text = reason if reason is not None else CANCEL_REASONS[by]
        self._orders.cancel_order(order, now, by=by, text=text)
        self._record_cancelled(order)
        return order

    def buyer_cancel(self, order_id: str, now: datetime) -> FakeOrder:
        """Immediate while UNPAID/ON_HOLD; afterwards a request the seller must answer in 24 h."""
        order = self._orders.order(order_id)
        reason, text = BUYER_CANCEL_REASON
        if order.status in ("UNPAID", "ON_HOLD"):
            self._orders.cancel_order(order, now, by="BUYER", text=text)
            self._record_cancelled(order)
            return order
        if order.status in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"):
            if self._pending_for(order) is not None:
                raise ValueError(f"order {order.id} already has a pending buyer cancel request")
            # After ON_HOLD the seller must approve the cancellation (order-api-overview).
            order.is_buyer_request_cancel = True
            order.request_cancel_time = order.update_time = now
            self._new_cancellation(
                order,
                role="BUYER",
                status="CANCELLATION_REQUEST_PENDING",
                reason=reason,
                text=text,
                item_ids=[item.id for item in order.line_items if not item.cancel_user],
                at=now,
                deadline=now + RESPONSE_WINDOW,
            )
            return order
        raise ValueError(
            f"order {order.id} is {order.status}; a buyer can only cancel before shipment"
        )

    def request_return(
        self,
        order_id: str,
        *,
        return_type: str,
        reason: str | None,
        item_ids: Sequence[str] | None,
        now: datetime,
    ) -> FakeReturn:
        """The buyer asks to return (or be refunded for) a delivered order's items."""
        order = self._orders.order(order_id)
        if order.status not in ("DELIVERED", "COMPLETED"):
            raise ValueError(
                f"order {order.id} is {order.status}; returns are requested after delivery"
            )
        if return_type not in RETURN_TYPES:
            raise ValueError(f"return_type must be one of {', '.join(RETURN_TYPES)}")
        key = reason or next(iter(RETURN_REASONS))
        if key not in RETURN_REASONS:
            raise ValueError(
                f"unknown return reason {key!r}; use one of {', '.join(RETURN_REASONS)}"
            )
        known = [item.id for item in order.line_items]
        chosen = list(item_ids) if item_ids is not None else known
        if not chosen or any(i not in known for i in chosen):
            raise ValueError(f"item_ids must be line items of order {order.id}")
        replacement = return_type == "REPLACEMENT"
        record = FakeReturn(
            return_id=self._ids.long_id("4035"),
            order_id=order.id,
            shop_id=order.shop_id,
            buyer_user_id=order.user_id,
            return_type=return_type,
            status="REPLACEMENT_REQUEST_PENDING"
            if replacement
            else "RETURN_OR_REFUND_REQUEST_PENDING",
            keep_item=return_type == "REFUND",
            reason=key,
            reason_text=RETURN_REASONS[key][0],
            line_item_ids=chosen,
            return_line_item_ids=[self._ids.long_id("4035") for _ in chosen],
            create_time=now,
            update_time=now,
        )
        self.returns[record.return_id] = record
        self._move(record, record.status, now, step=f"requested:{return_type}", role="BUYER")
        record.history[-1].evidence = True  # the buyer's photo of the item
        return record

    def set_return_status(self, record: FakeReturn, status: str, now: datetime) -> None:
        """Move a return along (a stand-in for the buyer, TikTok and the seller)."""
        if status not in RETURN_STATUSES:
            raise ValueError(f"return status must be one of {', '.join(RETURN_STATUSES)}")
        if status == "BUYER_SHIPPED_ITEM":
            self._ship_back(record)
        step, role = _FORCED_STEPS.get(status, (f"requested:{record.return_type}", "BUYER"))
        self._move(record, status, now, step=step, role=role)

    def _ship_back(self, record: FakeReturn, tracking_number: str | None = None) -> None:
        record.ships_back = True
        if tracking_number:
            record.tracking_number = tracking_number
        elif not record.tracking_number:
            record.tracking_number = self._ids.digits(12, "4")

    def _move(
        self,
        record: FakeReturn,
        status: str,
        now: datetime,
        *,
        step: str,
        role: str,
        note: str = "",
    ) -> None:
        """Put a return in ``status`` at ``now``: its history, its timers and a webhook."""
        record.status = status
        record.update_time = now
        record.history.append(FakeReturnStep(step=step, role=role, at=now, note=note))
        action = record.next_action
        window = RECEIVE_WINDOW if action == _RECEIVE else RETURN_RESPONSE_WINDOW
        record.deadline = None if action is None else now + window
        record.ship_by = now + BUYER_SHIP_WINDOW if status == "AWAITING_BUYER_SHIP" else None
        record.refund_at = now + REFUND_DELAY if status == _APPROVED else None
        if _next_due(record) is None:
            self._timed.pop(record.return_id, None)
        else:
            self._timed[record.return_id] = record
        self._bus.publish(ReturnChanged(record=record, at=now))

    def _approve_return(self, record: FakeReturn, now: datetime, *, step: str, role: str) -> None:
        """Approve a pending request the way its type needs (seller, TikTok or arbitration)."""
        if record.return_type == "REPLACEMENT":
            self._replace(record, now, step=step, role=role)
        elif record.return_type == "REFUND" or record.keep_item:
            self._move(record, _APPROVED, now, step=step, role=role)
        else:
            self._ship_back(record)
            record.tracking_number = ""
            self._move(record, "AWAITING_BUYER_SHIP", now, step=step, role=role)

    def _replace(self, record: FakeReturn, now: datetime, *, step: str, role: str) -> None:
        order = self._orders.order(record.order_id)
        made = self._orders.create_replacement(order, record.line_item_ids, now)
        record.replacement_order_id = made.id
        self._move(record, "REPLACEMENT_REQUEST_COMPLETE", now, step=step, role=role)

    # --- the buyer and TikTok (test helpers) --------------------------------------------------

    def buyer_ships_back(
        self, return_id: str, now: datetime, tracking_number: str | None = None
    ) -> FakeReturn:
        """The buyer drops the parcel off: the seller then has 8 days to inspect it."""
        record = self._expect(return_id, ("AWAITING_BUYER_SHIP",), "ship it back")
        self._ship_back(record, tracking_number)
        self._move(record, "BUYER_SHIPPED_ITEM", now, step="shipped", role="BUYER")
        return record

    def seller_receives(self, return_id: str, now: datetime, *, accept: bool) -> FakeReturn:
        """The seller inspects the parcel in Seller Center: accepted (refund) or refused."""
        record = self._expect(return_id, ("BUYER_SHIPPED_ITEM",), "confirm the parcel")
        if accept:
            self._move(record, _APPROVED, now, step="received", role="SELLER")
        else:
            self._move(
                record, "REJECT_RECEIVE_PACKAGE", now, step="package_rejected", role="SELLER"
            )
        return record

    def buyer_answers_offer(self, return_id: str, now: datetime, *, accept: bool) -> FakeReturn:
        """The buyer takes the partial refund (keeping the goods) or turns it down."""
        record = self._expect(return_id, ("AWAITING_BUYER_RESPONSE",), "answer an offer")
        if accept:
            record.keep_item = True
            record.ships_back = False
            self._move(record, _APPROVED, now, step="offer_accepted", role="BUYER")
        else:
            record.offer_declined = True
            self._move(record, _PENDING, now, step="offer_declined", role="BUYER")
        return record

    def buyer_withdraws(self, return_id: str, now: datetime) -> FakeReturn:
        """The buyer cancels the request while it is still open."""
        record = self._expect(return_id, tuple(_WITHDRAWABLE), "withdraw it")
        self._move(record, _WITHDRAWABLE[record.status], now, step="cancelled", role="BUYER")
        return record

    def buyer_appeals(self, return_id: str, now: datetime) -> FakeReturn:
        """The buyer disputes a rejection: TikTok's staff take it (``IN_PROGRESS``)."""
        record = self._expect(return_id, tuple(_APPEALABLE), "appeal")
        if record.arbitration:
            raise ValueError(f"return {return_id} is already in arbitration")
        self._arbitration(record, "IN_PROGRESS", now, step="appealed", role="BUYER")
        return record

    def arbitrate(self, return_id: str, outcome: str, now: datetime) -> FakeReturn:
        """TikTok's staff decide: for the buyer (refunded), for the seller, or closed."""
        if outcome not in ARBITRATION_OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(ARBITRATION_OUTCOMES)}")
        record = self.return_record(return_id)
        if record.arbitration != "IN_PROGRESS":
            raise ValueError(f"return {return_id} is not in arbitration")
        if outcome != "SUPPORT_BUYER":
            self._arbitration(record, outcome, now, step=outcome, role="OPERATOR")
            return record
        record.arbitration = outcome
        if record.return_type == "REPLACEMENT":
            status = "REPLACEMENT_REQUEST_REFUND_SUCCESS"
        else:
            status = _APPROVED
        self._move(record, status, now, step=outcome, role="OPERATOR")
        return record

    def _arbitration(
        self, record: FakeReturn, status: str, now: datetime, *, step: str, role: str
    ) -> None:
        # TikTok's webhook reports a change of return_status, and arbitration changes none;
        # a search by update_time still finds the return.
        record.arbitration = status
        record.update_time = now
        record.history.append(FakeReturnStep(step=step, role=role, at=now))

    def _expect(self, return_id: str, statuses: tuple[str, ...], what: str) -> FakeReturn:
        record = self.return_record(return_id)
        if record.status not in statuses:
            raise ValueError(
                f"return {return_id} is {record.status}; to {what} it must be "
                f"{' or '.join(statuses)}"
            )
        return record

    # --- time ---------------------------------------------------------------------------------

    def tick(self, now: datetime) -> None:
        """Decide for the seller what they left unanswered, in the order it fell due.

        A cancel request unanswered for 24 hours is approved; a return request, a replacement
        or a parcel sent back whose deadline passed is approved or accepted; an approved
        return not shipped back in time is closed; an approved refund is paid.
        """
        for cancel_id, cancellation in list(self._awaiting_answer.items()):
            deadline = cancellation.deadline
            if cancellation.status != "CANCELLATION_REQUEST_PENDING" or deadline is None:
                del self._awaiting_answer[cancel_id]  # answered (or closed) meanwhile
            elif deadline <= now:
                self._approve(cancellation, deadline)
                del self._awaiting_answer[cancel_id]
        while True:
            due = [
                (when, record.return_id, record)
                for record in self._timed.values()
                if (when := _next_due(record)) is not None and when <= now
            ]
            if not due:
                return
            when, _, record = min(due, key=lambda entry: (entry[0], entry[1]))
            self._expire(record, when)

    def _expire(self, record: FakeReturn, at: datetime) -> None:
        """What TikTok does when the first of a return's timers runs out at ``at``."""
        if record.refund_at is not None and record.refund_at <= at:
            self._move(record, _REFUNDED, at, step="refunded", role="SYSTEM")
        elif record.ship_by is not None and record.ship_by <= at:
            self._move(
                record,
                "RETURN_OR_REFUND_REQUEST_CANCEL",
                at,
                step="closed_not_shipped",
                role="SYSTEM",
            )
        elif record.next_action == _RECEIVE:
            self._move(record, _APPROVED, at, step="auto_received", role="SYSTEM")
        else:
            self._approve_return(record, at, step="auto_approved", role="SYSTEM")

    # --- the seller (API) ---------------------------------------------------------------------

    def seller_cancel(
        self,
        shop: FakeShopAccount,
        order_id: str,
        reason: str,
        item_ids: Sequence[str] | None,
        now: datetime,
    ) -> dict[str, Any]:
        """Cancel Order: whole order (JP) or line items (US/UK), with a reason key."""
        order = self._orders.get(shop.id, order_id)
        if order is None:
            raise NO_PERMISSION.error()
        if order.status in ("CANCELLED", "DELIVERED", "COMPLETED"):
            raise ORDER_FINISHED.error()
        if order.status in ("AWAITING_COLLECTION", "IN_TRANSIT"):
            raise SHIPPED_CANNOT_CANCEL.error()
        allowed = UNPAID_CANCEL_REASONS if order.status == "UNPAID" else PAID_CANCEL_REASONS
        if reason not in UNPAID_CANCEL_REASONS and reason not in PAID_CANCEL_REASONS:
            raise REASON_UNKNOWN.error()
        if reason not in allowed:
            raise REASON_NOT_FOR_STATUS.error()
        if self._pending_for(order) is not None:
            raise ALREADY_IN_PROCESS.error()
        open_items = [item.id for item in order.line_items if not item.cancel_user]
        shipped = {i for p in order.packages if p.shipped for i in p.line_item_ids}
        chosen = open_items if item_ids is None else list(dict.fromkeys(item_ids))
        if not chosen or any(i not in open_items for i in chosen):
            raise RETURN_PARAMS.error()
        if shipped & set(chosen):
            raise SHIPPED_CANNOT_CANCEL.error()
        partial = set(chosen) != set(open_items) or bool(shipped)
        if partial and shop.region not in PARTIAL_CANCEL_REGIONS:
            raise PARTIAL_CANCEL_UNSUPPORTED.error()
        text = allowed[reason]
        if partial:
            self._orders.cancel_items(order, chosen, now, by="SELLER", text=text)
        else:
            self._orders.cancel_order(order, now, by="SELLER", text=text)
        record = self._new_cancellation(
            order,
            role="SELLER",
            status="CANCELLATION_REQUEST_COMPLETE",
            reason=reason,
            text=text,
            item_ids=chosen,
            at=now,
        )
        # The refund is issued at once in the fake; the call itself reports acceptance.
        return {"cancel_id": record.cancel_id, "cancel_status": "CANCELLATION_REQUEST_SUCCESS"}

    def _decision_target(
        self, shop: FakeShopAccount, cancel_id: str, action: str, key: str
    ) -> FakeCancellation | None:
        """The request to decide on, or None when ``key`` already decided it this way."""
        record = self.cancellations.get(cancel_id)
        if record is None or record.shop_id != shop.id:
            raise NO_PERMISSION.error()
        if key and record.decisions.get(key) == action:
            return None  # the same idempotency key: the decision already happened
        if record.status != "CANCELLATION_REQUEST_PENDING":
            raise (CANNOT_APPROVE if action == "approve" else CANNOT_REJECT).error()
        return record

    def approve(self, shop: FakeShopAccount, cancel_id: str, key: str, now: datetime) -> None:
        """Approve Cancellation: the order is cancelled and the buyer refunded."""
        record = self._decision_target(shop, cancel_id, "approve", key)
        if record is None:
            return
        if key:
            record.decisions[key] = "approve"
        self._approve(record, now)

    def reject(
        self, shop: FakeShopAccount, cancel_id: str, key: str, reason: str, now: datetime
    ) -> None:
        """Reject Cancellation: the request closes and the order goes on to shipment."""
        record = self._decision_target(shop, cancel_id, "reject", key)
        if record is None:
            return
        self._check_reject_reason(reason, "cancel")
        if key:
            record.decisions[key] = "reject"
        record.reject_reason = reason
        order = self._orders.order(record.order_id)
        order.is_buyer_request_cancel = False
        order.update_time = now
        self._set(record, "CANCELLATION_REQUEST_CANCEL", now)

    def decide_return(
        self,
        shop: FakeShopAccount,
        return_id: str,
        action: str,
        decision: str,
        key: str,
        now: datetime,
        *,
        reason: str = "",
        comment: str = "",
        partial_refund: dict[str, str] | None = None,
        keep_item: bool = False,
    ) -> None:
        """Approve or Reject Return: the ``decision`` must fit the return's type and status.

        ``keep_item`` (``buyer_keep_item``, with APPROVE_RETURN only) refunds without the item
        coming back; an approved replacement gets its replacement order at once. A rejection's
        reason must be one Get Reject Reasons lists for the return now.
        """
        record = self.returns.get(return_id)
        if record is None or record.shop_id != shop.id:
            raise NO_PERMISSION.error()
        known = {d for d, _, _ in RETURN_DECISIONS}
        fits = decision.startswith(f"{action.upper()}_") or (
            action == "approve" and decision in APPROVE_OTHERS
        )
        offer = decision == "OFFER_PARTIAL_REFUND"
        if decision not in known or not fits or offer != (partial_refund is not None):
            raise RETURN_PARAMS.error()
        if keep_item and decision != "APPROVE_RETURN":
            raise RETURN_PARAMS.error()
        if key and record.decisions.get(key) == decision:
            return  # the same idempotency key: the decision already happened
        if record.arbitration == "IN_PROGRESS":
            raise IN_ARBITRATION.error()
        target = RETURN_DECISIONS.get((decision, record.return_type, record.status))
        if target is None:
            raise (CANNOT_APPROVE if action == "approve" else CANNOT_REJECT).error()
        if action == "reject":
            self._check_reject_reason(reason, _answer_of(record))
        if offer and record.offer_declined:
            raise PARTIAL_REFUND_NOT_ALLOWED.error()  # one offer per request [inferred]
        if key:
            record.decisions[key] = decision
        if reason:
            record.reject_reason = reason
        if partial_refund is not None:
            record.partial_refund = partial_refund
        if decision == "APPROVE_RETURN":
            record.keep_item = keep_item
            record.ships_back = not keep_item
            target = _APPROVED if keep_item else target
        if decision == "APPROVE_REPLACEMENT":
            self._replace(record, now, step="replacement_approved", role="SELLER")
            return
        self._move(record, target, now, step=_DECISION_STEPS[decision], role="SELLER", note=comment)

    @staticmethod
    def _check_reject_reason(reason: str, answer: str | None) -> None:
        """A reason key TikTok knows (25001014) that fits this answer (25001016)."""
        if reason not in REJECT_REASONS:
            raise REASON_UNKNOWN.error()
        if answer is None or reason not in reject_reasons_for(answer):
            raise REASON_NOT_FOR_ACTION.error()

    # --- look-ups -----------------------------------------------------------------------------

    def reject_reasons_reply(
        self, shop: FakeShopAccount, request_id: str, language: Language
    ) -> dict[str, Any]:
        """Get Reject Reasons' ``data``: the reasons that fit the request now (none once closed)."""
        record: FakeReturn | FakeCancellation | None = self.returns.get(request_id)
        answer: str | None
        if isinstance(record, FakeReturn):
            answer = _answer_of(record)
        else:
            record = self.cancellations.get(request_id)
            pending = record is not None and record.status == "CANCELLATION_REQUEST_PENDING"
            answer = "cancel" if pending else None
        if record is None or record.shop_id != shop.id:
            raise ParameterError(
                "return_or_cancel_id",
                f"No return or cancellation {request_id!r} in this shop.",
            )
        keys = reject_reasons_for(answer) if answer is not None else ()
        texts = {key: REJECT_REASONS[key] for key in keys}
        return {
            "reasons": [
                {"name": key, "text": ja if language == "ja" else en}
                for key, (ja, en) in texts.items()
            ]
        }

    def return_records_reply(
        self, shop: FakeShopAccount, return_id: str, language: Language
    ) -> dict[str, Any]:
        """Get Return Records' ``data``: the return's history, oldest step first."""
        record = self.returns.get(return_id)
        if record is None or record.shop_id != shop.id:
            raise RETURN_ID_INVALID.error()
        return record.records_wire(self._orders.order(record.order_id), language)

    def eligibility_reply(self, shop: FakeShopAccount, order_id: str, user: str) -> dict[str, Any]:
        """Get Aftersale Eligibility's ``data``: per SKU, which requests its line items allow.

        Before shipment an order may be cancelled; once delivered, until the after-sales window
        closes (COMPLETED), its items may be refunded or returned; a line item already in a
        request or cancelled allows nothing more [inferred from the statuses' meanings].
        """
        order = self._orders.get(shop.id, order_id)
        if order is None:
            raise ORDER_ID_INVALID.error()
        taken = {
            item_id
            for r in self.returns.values()
            if r.order_id == order.id and r.status not in _WITHDRAWN
            for item_id in r.line_item_ids
        }
        by_sku: dict[str, list[FakeLineItem]] = {}
        for item in order.line_items:
            by_sku.setdefault(item.sku_id, []).append(item)
        return {
            "sku_eligibility": [
                {
                    "sku_id": sku_id,
                    "line_item_eligibility": [
                        entry
                        for request_type in REFUND_REQUEST_TYPES
                        for entry in _eligibility(order, items, request_type, taken, user)
                    ],
                }
                for sku_id, items in by_sku.items()
            ]
        }

    def calculate_refund_reply(
        self,
        shop: FakeShopAccount,
        order_id: str,
        request_type: str,
        item_ids: Sequence[str] | None,
        skus: Sequence[tuple[str, int]] | None,
    ) -> dict[str, Any]:
        """Calculate Refund's ``data``: the items' price, plus the shipping fee when a cancel
        covers the whole order (as Search Cancellations refunds it)."""
        order = self._orders.get(shop.id, order_id)
        if order is None:
            raise ORDER_NOT_FOUND.error()
        if request_type not in REFUND_REQUEST_TYPES:
            raise RETURN_PARAMS.error()
        open_items = [item for item in order.line_items if not item.cancel_user]
        chosen = _chosen_items(open_items, item_ids, skus)
        if not chosen:
            raise RETURN_PARAMS.error()
        whole = len(chosen) == len(open_items) == len(order.line_items)
        shipping = order.shipping_fee if request_type == "CANCEL" and whole else 0
        subtotal = sum(item.sale_price for item in chosen)
        return {"order_refund_amount": refund_amount(order.currency, subtotal, shipping)}

    def _approve(self, record: FakeCancellation, now: datetime) -> None:
        order = self._orders.order(record.order_id)
        if order.status != "CANCELLED":
            self._orders.cancel_order(order, now, by="BUYER", text=record.reason_text)
        self._set(record, "CANCELLATION_REQUEST_COMPLETE", now)

    def _set(self, record: FakeCancellation, status: str, now: datetime) -> None:
        record.status = status
        record.update_time = now
        self._bus.publish(CancellationChanged(record=record, at=now))

    # --- searches -----------------------------------------------------------------------------

    def search_cancellations_reply(self, shop_id: str, search: Search) -> dict[str, Any]:
        """Search Cancellations' ``data``."""
        page, token, total = self._search(
            self.cancellations_of(shop_id),
            search,
            ident=lambda c: c.cancel_id,
            fields={
                "cancel_ids": lambda c: c.cancel_id,
                "order_ids": lambda c: c.order_id,
                "buyer_user_ids": lambda c: c.buyer_user_id,
                "cancel_types": lambda c: c.cancel_type,
                "cancel_status": lambda c: c.status,
            },
            tag="cancellations",
        )
        return {
            "cancellations": [c.to_wire(self._orders.order(c.order_id)) for c in page],
            "total_count": total,
            "next_page_token": token,
        }

    def search_returns_reply(self, shop_id: str, search: Search) -> dict[str, Any]:
        """Search Returns' ``data``, reasons in the search's language."""
        page, token, total = self._search(
            self.returns_of(shop_id),
            search,
            ident=lambda r: r.return_id,
            fields={
                "return_ids": lambda r: r.return_id,
                "order_ids": lambda r: r.order_id,
                "buyer_user_ids": lambda r: r.buyer_user_id,
                "return_types": lambda r: r.return_type,
                "return_status": lambda r: r.status,
                "arbitration_status": lambda r: r.arbitration,
                "seller_proposed_return_type": lambda r: (
                    "PARTIAL_REFUND" if r.partial_refund is not None else ""
                ),
            },
            tag="returns",
        )
        returns_to = next(
            (
                w.to_wire()["address"]["full_address"]
                for w in self._logistics.of(shop_id).warehouses
                if w.type == "RETURN_WAREHOUSE"
            ),
            "",
        )
        return {
            "return_orders": [
                r.to_wire(self._orders.order(r.order_id), returns_to, search.language) for r in page
            ],
            "total_count": total,
            "next_page_token": token,
        }

    def _search(
        self,
        records: Sequence[R],
        search: Search,
        *,
        ident: Callable[[R], str],
        fields: dict[str, Callable[[R], str]],
        tag: str,
    ) -> tuple[list[R], str, int]:
        """Filter, sort and page cancellations or returns the way both searches do."""
        bounds = search.bounds
        wanted = {name: values for name, values in search.filters.items() if values}

        def matches(record: R) -> bool:
            created = int(record.create_time.timestamp())
            updated = int(record.update_time.timestamp())
            checks = [fields[name](record) in values for name, values in wanted.items()]
            checks += [
                bounds["create_time_ge"] is None or created >= bounds["create_time_ge"],
                bounds["create_time_lt"] is None or created < bounds["create_time_lt"],
                bounds["update_time_ge"] is None or updated >= bounds["update_time_ge"],
                bounds["update_time_lt"] is None or updated < bounds["update_time_lt"],
            ]
            return all(checks)

        def key(record: R) -> tuple[int, str]:
            moment = (
                record.create_time if search.sort_field == "create_time" else record.update_time
            )
            return int(moment.timestamp()), ident(record)

        descending = search.sort_order == "DESC"
        found = sorted((r for r in records if matches(r)), key=key, reverse=descending)
        page, token = keyset_page(
            found,
            key,
            tokens=self._pages,
            token=search.page_token,
            size=search.size,
            tag=f"{tag}/{search.sort_field}/{search.sort_order}",
            descending=descending,
        )
        return page, token, len(found)
