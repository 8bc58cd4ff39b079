"""Cancellations and returns of the fake (reference §5.9) and their wire shapes.

A buyer's cancel request after the ON_HOLD window waits for the seller for 24 hours
(``seller_next_action_response``); then TikTok decides, and the fake approves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from attrs import define, field

from tiktokshop_sync.testing._data import (
    BUYER_CANCEL_REASON,
    PAID_CANCEL_REASONS,
    RETURN_REASONS,
    UNPAID_CANCEL_REASONS,
)
from tiktokshop_sync.testing._errors import (
    ALREADY_IN_PROCESS,
    CANNOT_APPROVE,
    CANNOT_REJECT,
    NO_PERMISSION,
    ORDER_FINISHED,
    PARTIAL_CANCEL_UNSUPPORTED,
    REASON_NOT_FOR_STATUS,
    REASON_UNKNOWN,
    RETURN_PARAMS,
    SHIPPED_CANNOT_CANCEL,
)
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._records import FakeShopAccount

if TYPE_CHECKING:
    from tiktokshop_sync.testing._order import FakeLineItem, FakeOrder
    from tiktokshop_sync.testing._state import FakeState

__all__ = [
    "CANCEL_STATUSES",
    "PARTIAL_CANCEL_REGIONS",
    "RESPONSE_WINDOW",
    "RETURN_DECISIONS",
    "RETURN_STATUSES",
    "RETURN_TYPES",
    "AfterSalesDesk",
    "FakeCancellation",
    "FakeReturn",
]

CANCEL_STATUSES: Final[tuple[str, ...]] = (
    "CANCELLATION_REQUEST_PENDING",
    "CANCELLATION_REQUEST_SUCCESS",
    "CANCELLATION_REQUEST_CANCEL",
    "CANCELLATION_REQUEST_COMPLETE",
)

RETURN_TYPES: Final[tuple[str, ...]] = ("REFUND", "RETURN_AND_REFUND", "REPLACEMENT", "EXCHANGE")

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
    "REPLACEMENT_REQUEST_REFUND_SUCCESS",
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
    ("APPROVE_REPLACEMENT", "REPLACEMENT", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "AWAITING_BUYER_SHIP"
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
    ("REJECT_REPLACEMENT", "REPLACEMENT", "RETURN_OR_REFUND_REQUEST_PENDING"): (
        "REFUND_OR_RETURN_REQUEST_REJECT"
    ),
    ("ISSUE_REPLACEMENT_REFUND", "REPLACEMENT", "RETURN_OR_REFUND_REQUEST_PENDING"): (
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

# The API spells a closed request CANCELLATION_REQUEST_CANCEL, the type-11 webhook
# CANCELLATION_REQUEST_CANCELLED (reference §9 item 6).
_WEBHOOK_CANCEL_STATUS: Final = {"CANCELLATION_REQUEST_CANCEL": "CANCELLATION_REQUEST_CANCELLED"}

# Reason keys of cancellations the fake makes on its own [inferred: keys beyond the JP seller
# list are not documented]; the display text is the order's cancel_reason.
_ROLE_REASONS: Final[dict[str, str]] = {
    "BUYER": BUYER_CANCEL_REASON[0],
    "SELLER": "seller_cancel_reason_out_of_stock",
    "SYSTEM": "system_cancel_unpaid_time_out",
    "OPERATOR": "system_cancel_operator_review",
}


def _ts(moment: datetime) -> int:
    return int(moment.timestamp())


def _refund(currency: str, subtotal: int, shipping: int) -> dict[str, str]:
    return {
        "currency": currency,
        "refund_total": str(subtotal + shipping),
        "refund_subtotal": str(subtotal),
        "refund_shipping_fee": str(shipping),
        "refund_tax": "0",
    }


def _items(order: FakeOrder, ids: list[str]) -> list[FakeLineItem]:
    return [item for item in order.line_items if item.id in ids]


@define(kw_only=True, eq=False)
class FakeCancellation:
    """A cancellation of a whole order or some line items, by BUYER, SELLER or SYSTEM."""

    cancel_id: str
    order_id: str
    shop_id: str
    buyer_user_id: str
    cancel_type: str
    role: str
    status: str
    reason: str
    reason_text: str
    line_item_ids: list[str] = field(factory=list)
    create_time: datetime
    update_time: datetime
    deadline: datetime | None = None
    decisions: dict[str, str] = field(factory=dict)
    reject_reason: str = ""

    def to_wire(self, order: FakeOrder) -> dict[str, Any]:
        """This cancellation as Search Cancellations lists it."""
        items = _items(order, self.line_item_ids)
        whole = len(items) == len(order.line_items)
        shipping = order.shipping_fee if whole else 0
        wire: dict[str, Any] = {
            "cancel_id": self.cancel_id,
            "order_id": self.order_id,
            "cancel_type": self.cancel_type,
            "cancel_status": self.status,
            "role": self.role,
            "cancel_reason": self.reason,
            "cancel_reason_text": self.reason_text,
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            "refund_amount": _refund(order.currency, sum(i.sale_price for i in items), shipping),
            "cancel_line_items": [
                {
                    "order_line_item_id": item.id,
                    "sku_id": item.sku_id,
                    "seller_sku": item.seller_sku,
                    "product_name": item.product_name,
                    "refund_amount": _refund(order.currency, item.sale_price, 0),
                }
                for item in items
            ],
            "should_replenish_stock": True,
        }
        if self.status == "CANCELLATION_REQUEST_PENDING" and self.deadline is not None:
            wire["seller_next_action_response"] = [
                {"action": "SELLER_RESPOND_CANCEL", "deadline": _ts(self.deadline)}
            ]
        return wire


@define(kw_only=True, eq=False)
class FakeReturn:
    """A buyer's return, refund or replacement request on a delivered order."""

    return_id: str
    order_id: str
    shop_id: str
    buyer_user_id: str
    return_type: str
    status: str
    reason: str
    reason_text: str
    line_item_ids: list[str] = field(factory=list)
    return_line_item_ids: list[str] = field(factory=list)
    create_time: datetime
    update_time: datetime
    #: Decisions already made, by idempotency key: a repeated key is a no-op.
    decisions: dict[str, str] = field(factory=dict)
    reject_reason: str = ""
    #: The seller's partial-refund offer: ``{"currency": ..., "amount": ...}``.
    partial_refund: dict[str, str] | None = None

    def to_wire(self, order: FakeOrder) -> dict[str, Any]:
        """This return as Search Returns lists it."""
        by_id = {item.id: item for item in order.line_items}
        lines = [
            (line_id, by_id[item_id])
            for line_id, item_id in zip(self.return_line_item_ids, self.line_item_ids, strict=True)
        ]
        subtotal = sum(item.sale_price for _, item in lines)
        return {
            "return_id": self.return_id,
            "order_id": self.order_id,
            "return_type": self.return_type,
            "return_status": self.status,
            "role": "BUYER",
            "return_reason": self.reason,
            "return_reason_text": self.reason_text,
            "return_tracking_number": "",
            "return_provider_name": "",
            "return_provider_id": "",
            "refund_amount": _refund(order.currency, subtotal, 0),
            "return_line_items": [
                {
                    "return_line_item_id": line_id,
                    "order_line_item_id": item.id,
                    "sku_id": item.sku_id,
                    "seller_sku": item.seller_sku,
                    "product_name": item.product_name,
                    "refund_amount": _refund(order.currency, item.sale_price, 0),
                }
                for line_id, item in lines
            ],
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
            **(
                {"seller_proposed_return_type": "PARTIAL_REFUND", "partial_refund": offer}
                if (offer := self.partial_refund) is not None
                else {}
            ),
        }


class AfterSalesDesk:
    """Cancellations and returns: the buyer's side (test helpers) and the seller's API calls."""

    def __init__(self, state: FakeState, ids: IdFactory) -> None:
        self._state = state
        self._ids = ids
        # Requests created with a response deadline, until answered: tick looks only at these.
        self._awaiting_answer: dict[str, FakeCancellation] = {}

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
            create_time=at,
            update_time=at,
            deadline=deadline,
        )
        self._state.cancellations[record.cancel_id] = record
        if deadline is not None:
            self._awaiting_answer[record.cancel_id] = record
        self._notify(record, at)
        return record

    def record_cancelled(self, order: FakeOrder) -> FakeCancellation:
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

    def pending_for(self, order: FakeOrder) -> FakeCancellation | None:
        """The buyer's open cancel request on an order, if any."""
        return next(
            (
                c
                for c in self._state.cancellations.values()
                if c.order_id == order.id and c.status == "CANCELLATION_REQUEST_PENDING"
            ),
            None,
        )

    def close_pending(self, order: FakeOrder, now: datetime) -> None:
        """Close an open request because the order is being cancelled another way."""
        pending = self.pending_for(order)
        if pending is not None:
            self._set(pending, "CANCELLATION_REQUEST_CANCEL", now)

    def cancellations_of(self, shop_id: str) -> list[FakeCancellation]:
        """A shop's cancellations in creation order."""
        return [c for c in self._state.cancellations.values() if c.shop_id == shop_id]

    def returns_of(self, shop_id: str) -> list[FakeReturn]:
        """A shop's returns in creation order."""
        return [r for r in self._state.returns.values() if r.shop_id == shop_id]

    # --- the buyer (test helpers) -------------------------------------------------------------

    def buyer_cancel(self, order: FakeOrder, now: datetime) -> FakeOrder:
        """Immediate while UNPAID/ON_HOLD; afterwards a request the seller must answer in 24 h."""
        reason, text = BUYER_CANCEL_REASON
        if order.status in ("UNPAID", "ON_HOLD"):
            self._state.cancel_order(order, now, by="BUYER", text=text)
            self.record_cancelled(order)
            return order
        if order.status in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"):
            if self.pending_for(order) is not None:
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
        order: FakeOrder,
        *,
        return_type: str,
        reason: str | None,
        item_ids: Sequence[str] | None,
        now: datetime,
    ) -> FakeReturn:
        """The buyer asks to return (or be refunded for) a delivered order's items."""
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
        record = FakeReturn(
            return_id=self._ids.long_id("4035"),
            order_id=order.id,
            shop_id=order.shop_id,
            buyer_user_id=order.user_id,
            return_type=return_type,
            status="RETURN_OR_REFUND_REQUEST_PENDING",
            reason=key,
            reason_text=RETURN_REASONS[key],
            line_item_ids=chosen,
            return_line_item_ids=[self._ids.long_id("4035") for _ in chosen],
            create_time=now,
            update_time=now,
        )
        self._state.returns[record.return_id] = record
        self._notify_return(record, now)
        return record

    def set_return_status(self, record: FakeReturn, status: str, now: datetime) -> None:
        """Move a return along (a stand-in for the buyer, TikTok and the seller)."""
        if status not in RETURN_STATUSES:
            raise ValueError(f"return status must be one of {', '.join(RETURN_STATUSES)}")
        record.status = status
        record.update_time = now
        self._notify_return(record, now)

    # --- time ---------------------------------------------------------------------------------

    def tick(self, now: datetime) -> None:
        """A request the seller left unanswered for 24 hours is approved by TikTok."""
        for cancel_id, record in list(self._awaiting_answer.items()):
            deadline = record.deadline
            if record.status != "CANCELLATION_REQUEST_PENDING" or deadline is None:
                del self._awaiting_answer[cancel_id]  # answered (or closed) meanwhile
            elif deadline <= now:
                self._approve(record, deadline)
                del self._awaiting_answer[cancel_id]

    # --- the seller (API) ---------------------------------------------------------------------

    def seller_cancel(
        self,
        shop: FakeShopAccount,
        order_id: str,
        reason: str,
        item_ids: Sequence[str] | None,
        now: datetime,
    ) -> FakeCancellation:
        """Cancel Order: whole order (JP) or line items (US/UK), with a reason key."""
        order = self._state.orders.get(order_id)
        if order is None or order.shop_id != shop.id:
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
        if self.pending_for(order) is not None:
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
            self._state.cancel_items(order, chosen, now, by="SELLER", text=text)
        else:
            self._state.cancel_order(order, now, by="SELLER", text=text)
        return self._new_cancellation(
            order,
            role="SELLER",
            status="CANCELLATION_REQUEST_COMPLETE",
            reason=reason,
            text=text,
            item_ids=chosen,
            at=now,
        )

    def decision_target(
        self, shop: FakeShopAccount, cancel_id: str, action: str, key: str
    ) -> FakeCancellation | None:
        """The request to decide on, or None when ``key`` already decided it this way."""
        record = self._state.cancellations.get(cancel_id)
        if record is None or record.shop_id != shop.id:
            raise NO_PERMISSION.error()
        if key and record.decisions.get(key) == action:
            return None  # the same idempotency key: the decision already happened
        if record.status != "CANCELLATION_REQUEST_PENDING":
            raise (CANNOT_APPROVE if action == "approve" else CANNOT_REJECT).error()
        return record

    def approve(self, shop: FakeShopAccount, cancel_id: str, key: str, now: datetime) -> None:
        """Approve Cancellation: the order is cancelled and the buyer refunded."""
        record = self.decision_target(shop, cancel_id, "approve", key)
        if record is None:
            return
        if key:
            record.decisions[key] = "approve"
        self._approve(record, now)

    def reject(
        self, shop: FakeShopAccount, cancel_id: str, key: str, reason: str, now: datetime
    ) -> None:
        """Reject Cancellation: the request closes and the order goes on to shipment."""
        record = self.decision_target(shop, cancel_id, "reject", key)
        if record is None:
            return
        if key:
            record.decisions[key] = "reject"
        record.reject_reason = reason
        order = self._state.orders[record.order_id]
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
        partial_refund: dict[str, str] | None = None,
    ) -> None:
        """Approve or Reject Return: the ``decision`` must fit the return's type and status."""
        record = self._state.returns.get(return_id)
        if record is None or record.shop_id != shop.id:
            raise NO_PERMISSION.error()
        known = {d for d, _, _ in RETURN_DECISIONS}
        fits = decision.startswith(f"{action.upper()}_") or (
            action == "approve" and decision in APPROVE_OTHERS
        )
        offer = decision == "OFFER_PARTIAL_REFUND"
        if decision not in known or not fits or offer != (partial_refund is not None):
            raise RETURN_PARAMS.error()
        if key and record.decisions.get(key) == decision:
            return  # the same idempotency key: the decision already happened
        target = RETURN_DECISIONS.get((decision, record.return_type, record.status))
        if target is None:
            raise (CANNOT_APPROVE if action == "approve" else CANNOT_REJECT).error()
        if key:
            record.decisions[key] = decision
        if reason:
            record.reject_reason = reason
        if partial_refund is not None:
            record.partial_refund = partial_refund
        self.set_return_status(record, target, now)

    def _approve(self, record: FakeCancellation, now: datetime) -> None:
        order = self._state.orders[record.order_id]
        if order.status != "CANCELLED":
            self._state.cancel_order(order, now, by="BUYER", text=record.reason_text)
        self._set(record, "CANCELLATION_REQUEST_COMPLETE", now)

    # --- webhooks -----------------------------------------------------------------------------

    def _set(self, record: FakeCancellation, status: str, now: datetime) -> None:
        record.status = status
        record.update_time = now
        self._notify(record, now)

    def _notify(self, record: FakeCancellation, now: datetime) -> None:
        self._state.webhooks.emit(
            record.shop_id,
            11,
            {
                "order_id": record.order_id,
                "cancellations_role": record.role,
                "cancel_status": _WEBHOOK_CANCEL_STATUS.get(record.status, record.status),
                "cancel_id": record.cancel_id,
                "create_time": int(record.create_time.timestamp()),
            },
            now,
        )

    def _notify_return(self, record: FakeReturn, now: datetime) -> None:
        self._state.webhooks.emit(
            record.shop_id,
            12,
            {
                "order_id": record.order_id,
                "return_role": "BUYER",
                "return_type": record.return_type,
                "return_status": record.status,
                "return_id": record.return_id,
                "create_time": int(record.create_time.timestamp()),
                "update_time": int(record.update_time.timestamp()),
            },
            now,
        )
