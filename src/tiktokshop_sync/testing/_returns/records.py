"""After-sales records of the fake and their wire shapes: cancellations, returns and their history.

A record holds what happened to one request (its status, the seller's answer deadline, the
buyer's parcel, the offer, arbitration, each step of its history); the desk in ``backend.py``
decides what happens next. Texts TikTok writes for a person (reasons, a step's description)
come in Japanese or English, as the call's ``locale`` asks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Final, Literal

from attrs import define, field

from tiktokshop_sync.testing._orders.records import FakeLineItem, FakeOrder

__all__ = [
    "BUYER_SHIP_WINDOW",
    "RECEIVE_WINDOW",
    "REFUND_DELAY",
    "REJECT_REASONS",
    "RETURN_REASONS",
    "RETURN_RESPONSE_WINDOW",
    "STEP_TEXTS",
    "FakeCancellation",
    "FakeReturn",
    "FakeReturnStep",
    "Language",
    "language_of",
    "reject_reasons_for",
]

Language = Literal["ja", "en"]

#: How long the seller has to answer a refund, return or replacement request before TikTok
#: approves it (``seller_next_action_response``) [inferred: TikTok documents the field, not the
#: span; Seller University gives 1 working day (TH, VN) or 2 calendar days (ID)].
RETURN_RESPONSE_WINDOW: Final = timedelta(hours=48)

#: How long the seller has to confirm a parcel the buyer shipped back before TikTok accepts it
#: and refunds [third-party guides: "the platform will confirm the delivery automatically"
#: 8 days after the buyer shipped; inferred for Japan].
RECEIVE_WINDOW: Final = timedelta(days=8)

#: How long the buyer has to ship an approved return back before TikTok closes the request
#: (search-returns.spec.json, ``AWAITING_BUYER_SHIP``: "before the deadline") [inferred span].
BUYER_SHIP_WINDOW: Final = timedelta(days=7)

#: From an approved refund (``RETURN_OR_REFUND_REQUEST_SUCCESS``, "the buyer will be refunded")
#: to the refund paid (``..._COMPLETE``) [inferred].
REFUND_DELAY: Final = timedelta(hours=1)

#: Return reason keys with their text in Japanese and English (the first key from the Cancel
#: Order doc example; the others in its style [inferred]).
RETURN_REASONS: Final[dict[str, tuple[str, str]]] = {
    "ecom_order_delivered_refund_and_return_reason_wrong_product_seller": (
        "注文と異なる商品",
        "Wrong product was sent",
    ),
    "ecom_order_delivered_refund_and_return_reason_damaged_product": (
        "商品が破損していた",
        "The product was damaged",
    ),
    "ecom_order_delivered_refund_and_return_reason_not_as_described": (
        "商品説明と異なる",
        "The product was not as described",
    ),
}

#: Seller reject reason keys with their text in Japanese and English. The first three are
#: TikTok's own (get-reject-reasons, reject-cancellation and reject-return examples); the rest
#: follow their style [inferred: TikTok lists reasons per request through Get Reject Reasons].
REJECT_REASONS: Final[dict[str, tuple[str, str]]] = {
    "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer": (
        "購入者と合意済み",
        "You have reached an agreement with the buyer",
    ),
    "seller_reject_apply_product_has_been_packed": (
        "商品は梱包済み",
        "The product has been packed",
    ),
    "seller_reject_apply_package_has_not_exceeded_estimated_delivery_time": (
        "お届け予定日を過ぎていない",
        "The package has not exceeded the estimated delivery time",
    ),
    "seller_reject_apply_buyer_provided_insufficient_evidence": (
        "購入者の証拠が不十分",
        "The buyer provided insufficient evidence",
    ),
    "seller_reject_apply_return_period_expired": (
        "返品期限を過ぎている",
        "The return period has expired",
    ),
    "seller_reject_apply_returned_item_damaged": (
        "返送された商品が破損している",
        "The returned item is damaged",
    ),
    "seller_reject_apply_returned_item_not_match": (
        "返送された商品が注文と異なる",
        "The returned item does not match the order",
    ),
    "seller_reject_apply_other": ("その他", "Other"),
}

_AGREED, _PACKED, _NOT_LATE, _EVIDENCE, _EXPIRED, _DAMAGED, _MISMATCH, _OTHER = REJECT_REASONS

#: Which reasons fit which answer (a reason of another answer is refused with 25001016).
_REJECT_FOR: Final[dict[str, tuple[str, ...]]] = {
    "cancel": (_PACKED, _AGREED, _OTHER),
    "refund": (_AGREED, _EVIDENCE, _OTHER),
    "return": (_AGREED, _EVIDENCE, _EXPIRED, _OTHER),
    "package": (_NOT_LATE, _DAMAGED, _MISMATCH, _OTHER),
    "replacement": (_AGREED, _EVIDENCE, _OTHER),
}


def reject_reasons_for(answer: str) -> tuple[str, ...]:
    """The reject reason keys of one kind of answer (``cancel``, ``refund``, ``package``...)."""
    return _REJECT_FOR.get(answer, ())


def language_of(locale: str | None) -> Language:
    """Japanese when the (first) locale asked for is Japanese, else English (TikTok's default)."""
    first = (locale or "").split(",")[0].strip().lower()
    return "ja" if first.startswith("ja") else "en"


def _pick(texts: tuple[str, str], language: Language) -> str:
    return texts[0] if language == "ja" else texts[1]


#: What each step of a return's history says (Get Return Records' ``description``), by step.
STEP_TEXTS: Final[dict[str, tuple[str, str]]] = {
    "requested:REFUND": ("購入者が返金を申請しました", "Customer submitted a refund request"),
    "requested:RETURN_AND_REFUND": (
        "購入者が返品・返金を申請しました",
        "Customer submitted a return request",
    ),
    "requested:REPLACEMENT": (
        "購入者が交換を申請しました",
        "Customer submitted a replacement request",
    ),
    "approved": ("出品者が申請を承認しました", "Seller approved the request"),
    "auto_approved": (
        "出品者が期限内に対応しなかったため、申請は自動承認されました",
        "The request was approved automatically as the seller did not respond in time",
    ),
    "rejected": ("出品者が申請を却下しました", "Seller rejected the request"),
    "offered": ("出品者が部分返金を提案しました", "Seller offered a partial refund"),
    "offer_accepted": ("購入者が部分返金に同意しました", "Customer accepted the partial refund"),
    "offer_declined": ("購入者が部分返金を断りました", "Customer declined the partial refund"),
    "shipped": ("購入者が商品を返送しました", "Customer shipped the item back"),
    "received": ("出品者が返品を受領しました", "Seller confirmed receipt of the returned item"),
    "auto_received": (
        "期限内に受領確認がなかったため、返品は受領済みになりました",
        "The returned item was accepted as the seller did not respond in time",
    ),
    "package_rejected": (
        "出品者が返品の受け取りを拒否しました",
        "Seller rejected the returned item",
    ),
    "refunded": ("返金が完了しました", "Refund completed"),
    "cancelled": ("購入者が申請を取り下げました", "Customer cancelled the request"),
    "closed_not_shipped": (
        "期限内に返送されなかったため、申請はクローズされました",
        "The request was closed as the item was not shipped back in time",
    ),
    "replacement_approved": (
        "出品者が交換を承認し、交換注文が作成されました",
        "Seller approved the replacement; a new order was created",
    ),
    "replacement_refunded": (
        "出品者が交換の代わりに返金しました",
        "Seller issued a refund instead of a replacement",
    ),
    "appealed": ("購入者がTikTok Shopに申し立てました", "Customer appealed to TikTok Shop"),
    "SUPPORT_BUYER": (
        "TikTok Shopが購入者の申し立てを認めました",
        "TikTok Shop decided for the customer",
    ),
    "SUPPORT_SELLER": (
        "TikTok Shopが出品者の主張を認めました",
        "TikTok Shop decided for the seller",
    ),
    "CLOSED": ("TikTok Shopが申し立てを終了しました", "TikTok Shop closed the dispute"),
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


def refund_amount(currency: str, subtotal: int, shipping: int = 0) -> dict[str, str]:
    """A refund amount as the after-sales replies write it (JP prices include tax)."""
    return _refund(currency, subtotal, shipping)


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
class FakeReturnStep:
    """One step of a return's history (one record of Get Return Records)."""

    step: str
    """A key of :data:`STEP_TEXTS` (``requested:REFUND``, ``approved``...)."""
    role: str
    at: datetime
    #: The seller's comment with a rejection (a person's words).
    note: str = ""
    #: The buyer's photo of the item with the request.
    evidence: bool = False


#: The seller's next action while a return waits for them (search-returns.spec.json values).
NEXT_ACTION: Final[dict[tuple[str, str], str]] = {
    ("REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): "SELLER_RESPOND_REFUND",
    ("RETURN_AND_REFUND", "RETURN_OR_REFUND_REQUEST_PENDING"): "SELLER_RESPOND_RETURN",
    ("RETURN_AND_REFUND", "BUYER_SHIPPED_ITEM"): "SELLER_RESPOND_RECEIVE_PACKAGE",
    ("REPLACEMENT", "REPLACEMENT_REQUEST_PENDING"): "SELLER_RESPOND_REPLACEMENT",
}

#: What sending an item back costs the seller, whose fault every fake return reason is
#: (wrong, damaged, not as described): a 60-size parcel dropped off [inferred].
RETURN_SHIPPING_FEE: Final = 930

#: The buyer's return parcel goes with this carrier (TikTok arranges it: PLATFORM shipment).
RETURN_CARRIER: Final = ("Yamato Transport", "7208502187360519982")


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
    #: The buyer turned the partial-refund offer down.
    offer_declined: bool = False
    #: The buyer keeps the item: a refund-only request, or a returnless refund the seller chose.
    keep_item: bool = False
    #: The items travel back (TikTok arranges the parcel, dropped off with a QR code).
    ships_back: bool = False
    #: The buyer's return parcel, once sent.
    tracking_number: str = ""
    #: The order the platform made for an approved replacement.
    replacement_order_id: str = ""
    #: When the seller's answer is due (TikTok decides for them after it), while one is due.
    deadline: datetime | None = None
    #: When TikTok closes an approved return the buyer has not shipped back.
    ship_by: datetime | None = None
    #: When an approved refund is paid (``..._SUCCESS`` → ``..._COMPLETE``).
    refund_at: datetime | None = None
    #: TikTok's arbitration of a rejected request (``IN_PROGRESS``, ``SUPPORT_BUYER``...).
    arbitration: str = ""
    history: list[FakeReturnStep] = field(factory=list)

    @property
    def next_action(self) -> str | None:
        """What TikTok waits for the seller to do now, if anything."""
        return NEXT_ACTION.get((self.return_type, self.status))

    def reason_in(self, language: Language) -> str:
        """The buyer's reason in ``language`` (the stored text when the key is not the fake's)."""
        texts = RETURN_REASONS.get(self.reason)
        return self.reason_text if texts is None else _pick(texts, language)

    def to_wire(
        self, order: FakeOrder, return_address: str, language: Language = "en"
    ) -> dict[str, Any]:
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
            "return_reason_text": self.reason_in(language),
            "return_tracking_number": self.tracking_number,
            "return_provider_name": RETURN_CARRIER[0] if self.tracking_number else "",
            "return_provider_id": RETURN_CARRIER[1] if self.tracking_number else "",
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
        action = self.next_action
        if action is not None and self.deadline is not None:
            wire["seller_next_action_response"] = [
                {"action": action, "deadline": _ts(self.deadline)}
            ]
        if self.arbitration:
            wire["arbitration_status"] = self.arbitration
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
            wire["buyer_rejected_partial_refund"] = self.offer_declined
        return wire

    def records_wire(self, order: FakeOrder, language: Language) -> dict[str, Any]:
        """Get Return Records' ``data``: each step of the history, oldest first."""
        by_id = {item.id: item for item in order.line_items}
        first = by_id.get(self.line_item_ids[0]) if self.line_item_ids else None
        records = []
        for step in self.history:
            record: dict[str, Any] = {
                "event": "ORDER_RETURN",
                "role": step.role,
                "description": _pick(STEP_TEXTS[step.step], language),
                "create_time": _ts(step.at),
            }
            if step.step.startswith("requested:"):
                record["reason_text"] = self.reason_in(language)
            if step.note:
                record["note"] = step.note
            if step.evidence and first is not None:
                record["images"] = [_product_image(first)]
            records.append(record)
        return {"records": records}
