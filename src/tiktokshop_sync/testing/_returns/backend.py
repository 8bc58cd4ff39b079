"""After-sales: cancellations and returns of the fake (reference §5.9) and their wire shapes.

A buyer's cancel request after the ON_HOLD window waits for the seller for 24 hours
(``seller_next_action_response``); then TikTok decides, and the fake approves it. Each change
of a cancellation or a return is published (:class:`CancellationChanged`,
:class:`ReturnChanged`) for the webhooks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any, Final, TypeVar

from attrs import define, field, frozen

from tiktokshop_sync.testing._bus import EventBus
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
from tiktokshop_sync.testing._logistics.backend import Logistics
from tiktokshop_sync.testing._orders.backend import OrderBook, OrderCreated
from tiktokshop_sync.testing._orders.factory import CANCEL_REASONS
from tiktokshop_sync.testing._orders.records import FakeLineItem, FakeOrder
from tiktokshop_sync.testing._paging import PageTokens, keyset_page
from tiktokshop_sync.testing._shops.backend import FakeShopAccount

__all__ = [
    "APPROVE_OTHERS",
    "BUYER_CANCEL_REASON",
    "CANCEL_INITIATORS",
    "CANCEL_STATUSES",
    "CANCEL_TYPES",
    "PAID_CANCEL_REASONS",
    "PARTIAL_CANCEL_REGIONS",
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

#: Return reason keys with display text (first key from the Cancel Order doc example).
RETURN_REASONS: dict[str, str] = {
    "ecom_order_delivered_refund_and_return_reason_wrong_product_seller": "注文と異なる商品",
    "ecom_order_delivered_refund_and_return_reason_damaged_product": "商品が破損していた",
    "ecom_order_delivered_refund_and_return_reason_not_as_described": "商品説明と異なる",
}

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

#: How long the seller has to answer a return, replacement or returned package before its
#: ``seller_next_action_response`` deadline [inferred: TikTok documents the field, not the span].
RETURN_RESPONSE_WINDOW: Final = timedelta(hours=48)

#: The seller's next action while a return waits for them (search-returns.spec.json values).
_NEXT_ACTION: Final[dict[tuple[str, str], str]] = {
    ("REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): "SELLER_RESPOND_REFUND",
    ("RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): "SELLER_RESPOND_RETURN",
    ("RETURN_AND_REFUND", "BUYER_SHIPPED_ITEM"): "SELLER_RESPOND_RECEIVE_PACKAGE",
    ("REPLACEMENT", "REPLACEMENT_REQUEST_PENDING"): "SELLER_RESPOND_REPLACEMENT",
}

#: What sending an item back costs the seller, whose fault every fake return reason is
#: (wrong, damaged, not as described): a 60-size parcel dropped off [inferred].
RETURN_SHIPPING_FEE: Final = 930

#: The buyer's return parcel goes with this carrier (TikTok arranges it: PLATFORM shipment).
_RETURN_CARRIER: Final = ("Yamato Transport", "7208502187360519982")

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


def _product_image(item: FakeLineItem) -> dict[str, Any]:
    """The line's picture as after-sales records show it: the order's 300 x 300 image."""
    return {"url": item.sku_image, "width": 300, "height": 300}


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
    #: The cancellation's own id for each cancelled line item, in ``line_item_ids`` order.
    cancel_line_item_ids: list[str] = field(factory=list)
    create_time: datetime
    update_time: datetime
    deadline: datetime | None = None
    decisions: dict[str, str] = field(factory=dict)
    reject_reason: str = ""

    def to_wire(self, order: FakeOrder) -> dict[str, Any]:
        """This cancellation as Search Cancellations lists it."""
        items = _items(order, self.line_item_ids)
        line_ids = dict(zip(self.line_item_ids, self.cancel_line_item_ids, strict=False))
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
                    "cancel_line_item_id": line_ids.get(item.id, ""),
                    "order_line_item_id": item.id,
                    "sku_id": item.sku_id,
                    "sku_name": item.sku_name,
                    "seller_sku": item.seller_sku,
                    "product_name": item.product_name,
                    "product_image": _product_image(item),
                    "refund_amount": _refund(order.currency, item.sale_price, 0),
                }
                for item in items
            ],
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
    #: The buyer keeps the item: a refund-only request, or a returnless refund the seller chose.
    keep_item: bool = False
    #: The items travel back (TikTok arranges the parcel, dropped off with a QR code).
    ships_back: bool = False
    #: The buyer's return parcel, once sent.
    tracking_number: str = ""
    #: The order the platform made for an approved replacement.
    replacement_order_id: str = ""

    def to_wire(self, order: FakeOrder, return_address: str) -> dict[str, Any]:
        """This return as Search Returns lists it (``return_address``: the return warehouse)."""
        by_id = {item.id: item for item in order.line_items}
        lines = [
            (line_id, by_id[item_id])
            for line_id, item_id in zip(self.return_line_item_ids, self.line_item_ids, strict=True)
        ]
        items = [item for _, item in lines]
        subtotal = sum(item.sale_price for item in items)
        currency = order.currency
        wire: dict[str, Any] = {
            "return_id": self.return_id,
            "order_id": self.order_id,
            "return_type": self.return_type,
            "return_status": self.status,
            "role": "BUYER",
            "return_reason": self.reason,
            "return_reason_text": self.reason_text,
            "return_tracking_number": self.tracking_number,
            "return_provider_name": _RETURN_CARRIER[0] if self.tracking_number else "",
            "return_provider_id": _RETURN_CARRIER[1] if self.tracking_number else "",
            "can_buyer_keep_item": self.keep_item,
            "is_combined_return": False,
            "refund_amount": _refund(currency, subtotal, 0),
            "discount_amount": [
                {
                    "currency": currency,
                    "product_seller_discount": str(sum(i.seller_discount for i in items)),
                    "product_platform_discount": str(sum(i.platform_discount for i in items)),
                    "shipping_fee_seller_discount": "0",
                    "shipping_fee_platform_discount": "0",
                }
            ],
            "return_line_items": [
                {
                    "return_line_item_id": line_id,
                    "order_line_item_id": item.id,
                    "sku_id": item.sku_id,
                    "sku_name": item.sku_name,
                    "seller_sku": item.seller_sku,
                    "product_name": item.product_name,
                    "product_image": _product_image(item),
                    "refund_amount": _refund(currency, item.sale_price, 0),
                }
                for line_id, item in lines
            ],
            "create_time": _ts(self.create_time),
            "update_time": _ts(self.update_time),
        }
        action = _NEXT_ACTION.get((self.return_type, self.status))
        if action is not None:
            deadline = self.update_time + RETURN_RESPONSE_WINDOW
            wire["seller_next_action_response"] = [{"action": action, "deadline": _ts(deadline)}]
        if self.ships_back:
            wire.update(
                shipment_type="PLATFORM",
                handover_method="DROP_OFF",
                return_method="PLATFORM_SHIPPED",
                return_shipping_document_type="QR_CODE",
                return_warehouse_address={"full_address": return_address},
                shipping_fee_amount=[
                    {
                        "currency": currency,
                        "seller_paid_return_shipping_fee": str(RETURN_SHIPPING_FEE),
                        "platform_paid_return_shipping_fee": "0",
                        "buyer_paid_return_shipping_fee": "0",
                    }
                ],
            )
        if self.partial_refund is not None:
            wire["seller_proposed_return_type"] = "PARTIAL_REFUND"
            wire["partial_refund"] = self.partial_refund
            # Returned once the seller offers one: False while the buyer has not refused it.
            wire["buyer_rejected_partial_refund"] = False
        return wire


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
            reason_text=RETURN_REASONS[key],
            line_item_ids=chosen,
            return_line_item_ids=[self._ids.long_id("4035") for _ in chosen],
            create_time=now,
            update_time=now,
        )
        self.returns[record.return_id] = record
        self._bus.publish(ReturnChanged(record=record, at=now))
        return record

    def set_return_status(self, record: FakeReturn, status: str, now: datetime) -> None:
        """Move a return along (a stand-in for the buyer, TikTok and the seller)."""
        if status not in RETURN_STATUSES:
            raise ValueError(f"return status must be one of {', '.join(RETURN_STATUSES)}")
        if status == "BUYER_SHIPPED_ITEM" and not record.tracking_number:
            record.ships_back = True
            record.tracking_number = self._ids.digits(12, "4")
        record.status = status
        record.update_time = now
        self._bus.publish(ReturnChanged(record=record, at=now))

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
        partial_refund: dict[str, str] | None = None,
        keep_item: bool = False,
    ) -> None:
        """Approve or Reject Return: the ``decision`` must fit the return's type and status.

        ``keep_item`` (``buyer_keep_item``, with APPROVE_RETURN only) refunds without the item
        coming back; an approved replacement gets its replacement order at once.
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
        target = RETURN_DECISIONS.get((decision, record.return_type, record.status))
        if target is None:
            raise (CANNOT_APPROVE if action == "approve" else CANNOT_REJECT).error()
        if key:
            record.decisions[key] = decision
        if reason:
            record.reject_reason = reason
        if partial_refund is not None:
            record.partial_refund = partial_refund
        if decision == "APPROVE_RETURN":
            record.keep_item = keep_item
            record.ships_back = not keep_item
            target = "RETURN_OR_REFUND_REQUEST_SUCCESS" if keep_item else target
        if decision == "APPROVE_REPLACEMENT":
            order = self._orders.order(record.order_id)
            made = self._orders.create_replacement(order, record.line_item_ids, now)
            record.replacement_order_id = made.id
        self.set_return_status(record, target, now)

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
        """Search Returns' ``data``."""
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
            "return_orders": [r.to_wire(self._orders.order(r.order_id), returns_to) for r in page],
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
