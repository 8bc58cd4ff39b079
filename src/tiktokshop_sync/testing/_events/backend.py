"""Webhook subscriptions (Event API, reference §5.11) and signed deliveries (§6).

The hub subscribes to what the other areas publish and renders each change as TikTok's webhook
of that type. Notifications are queued while the fake's lock is held; :meth:`WebhookHub.drain`
hands them out and the caller delivers them after releasing the lock, synchronously and in
order, so a receiver may call the fake back. Nothing is queued unless a receiver is set.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
from attrs import define, field, frozen

from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._fulfillment.backend import PackagesSplit
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._orders.backend import OrderCreated, OrderStatusChanged
from tiktokshop_sync.testing._orders.records import FakeOrder
from tiktokshop_sync.testing._products.backend import ProductAuditChanged, ProductStatusChanged
from tiktokshop_sync.testing._returns.backend import CancellationChanged, ReturnChanged

__all__ = [
    "EVENT_TYPES",
    "FakeWebhookDelivery",
    "Pending",
    "Receiver",
    "WebhookHub",
    "send",
    "sign_webhook",
]

#: ``event_type`` name → webhook ``type`` number (reference §6.4; TSA ``WEBHOOKS``).
EVENT_TYPES: Final[dict[str, int]] = {
    "ORDER_STATUS_CHANGE": 1,
    "REVERSE_STATUS_UPDATE": 2,
    "RECIPIENT_ADDRESS_UPDATE": 3,
    "PACKAGE_UPDATE": 4,
    "PRODUCT_STATUS_CHANGE": 5,
    "SELLER_DEAUTHORIZATION": 6,
    "UPCOMING_AUTHORIZATION_EXPIRATION": 7,
    "CANCELLATION_STATUS_CHANGE": 11,
    "RETURN_STATUS_CHANGE": 12,
    "NEW_CONVERSATION": 13,
    "NEW_MESSAGE": 14,
    "PRODUCT_INFORMATION_CHANGE": 15,
    "PRODUCT_CREATION": 16,
    "PRODUCT_CATEGORY_CHANGE": 18,
    "NEW_MESSAGE_LISTENER": 33,
    "INVOICE_STATUS_CHANGE": 36,
    "PRODUCT_AUDIT_STATUS_CHANGE": 37,
}
_EVENT_NAMES: Final[dict[int, str]] = {number: name for name, number in EVENT_TYPES.items()}

#: Where deliveries go: ``callback(headers, body)`` or an ``http://127.0.0.1:…`` URL.
Receiver = Callable[[dict[str, str], bytes], object] | str

_LOOPBACK: Final[frozenset[str]] = frozenset({"127.0.0.1", "localhost", "::1"})

# Type-1 webhooks spell CANCELLED as CANCEL and have no PARTIALLY_SHIPPING (reference §5.4).
_ORDER_STATUS: Final = {"CANCELLED": "CANCEL"}
_SILENT_ORDER_STATUSES: Final = frozenset({"PARTIALLY_SHIPPING"})
# The API spells a closed request CANCELLATION_REQUEST_CANCEL, the type-11 webhook
# CANCELLATION_REQUEST_CANCELLED (reference §9 item 6).
_CANCEL_STATUS: Final = {"CANCELLATION_REQUEST_CANCEL": "CANCELLATION_REQUEST_CANCELLED"}


def sign_webhook(app_key: str, app_secret: str, body: bytes) -> str:
    """TikTok's webhook signature: hex HMAC-SHA256(app_secret, app_key + raw body)."""
    return hmac.new(app_secret.encode(), app_key.encode() + body, hashlib.sha256).hexdigest()


@frozen(kw_only=True)
class FakeWebhookDelivery:
    """One webhook POST the fake made: what it sent and how the receiver answered.

    ``status`` is the HTTP status for URL receivers and None for callbacks; ``error`` names
    an exception the receiver raised (the fake keeps going, as TikTok would).
    """

    type: int
    notification_id: str
    shop_id: str
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(repr=False)
    at: datetime
    status: int | None = None
    error: str | None = None

    def json(self) -> Any:
        """The delivered body parsed as JSON."""
        return json.loads(self.body)


@frozen(kw_only=True)
class Pending:
    """A signed notification waiting to be delivered (``copies`` is 2 to test dedupe)."""

    type: int
    notification_id: str
    shop_id: str
    headers: dict[str, str]
    body: bytes
    at: datetime
    copies: int


@define(kw_only=True)
class _Subscription:
    address: str
    create_time: datetime
    update_time: datetime


class WebhookHub:
    """Per-shop subscriptions, the receiver the fake posts to, and the delivery log."""

    def __init__(self, *, app_key: str, app_secret: str, ids: IdFactory, bus: EventBus) -> None:
        self._app_key = app_key
        self._app_secret = app_secret
        self._ids = ids
        self.subscriptions: dict[str, dict[str, _Subscription]] = {}
        self.receiver: Receiver | None = None
        self.copies = 1
        self.only_subscribed = False
        self.outbox: list[Pending] = []
        self.deliveries: list[FakeWebhookDelivery] = []
        bus.subscribe(OrderCreated, lambda e: self._order(e.order, e.at))
        bus.subscribe(OrderStatusChanged, lambda e: self._order(e.order, e.at))
        bus.subscribe(PackagesSplit, self._split)
        bus.subscribe(ProductStatusChanged, self._product)
        bus.subscribe(ProductAuditChanged, self._audit)
        bus.subscribe(CancellationChanged, self._cancellation)
        bus.subscribe(ReturnChanged, self._return)

    # --- what each change looks like as a webhook ---------------------------------------------

    def _order(self, order: FakeOrder, at: datetime) -> None:
        """Type 1, ORDER_STATUS_CHANGE, for the order's current status."""
        if self.receiver is None or order.status in _SILENT_ORDER_STATUSES:
            return
        data = {
            "order_id": order.id,
            "order_status": _ORDER_STATUS.get(order.status, order.status),
            "is_on_hold_order": order.is_on_hold_order,
            "update_time": int(order.update_time.timestamp()),
        }
        self.emit(order.shop_id, 1, data, at)

    def _split(self, event: PackagesSplit) -> None:
        """Type 4, PACKAGE_UPDATE: the seller split a package."""
        order_ids = [event.order.id]
        data = {
            "sc_type": "SPLIT",
            "role_type": "ROLE_SELLER",
            "package_list": [
                {"package_id": event.remaining.id, "order_id_list": order_ids},
                {"package_id": event.split.id, "order_id_list": order_ids},
            ],
            "update_time": int(event.at.timestamp()),
        }
        self.emit(event.order.shop_id, 4, data, event.at)

    def _product(self, event: ProductStatusChanged) -> None:
        """Type 5, PRODUCT_STATUS_CHANGE."""
        data = {
            "product_id": event.product.id,
            "status": event.kind,
            "suspended_reason": event.reason,
            "update_time": int(event.at.timestamp()),
        }
        self.emit(event.product.shop_id, 5, data, event.at)

    def _audit(self, event: ProductAuditChanged) -> None:
        """Type 37, PRODUCT_AUDIT_STATUS_CHANGE: the review started, passed or failed."""
        data = {
            "product_id": event.product.id,
            "audit": {"status": event.status},
            "update_time": int(event.at.timestamp()),
        }
        self.emit(event.product.shop_id, 37, data, event.at)

    def _cancellation(self, event: CancellationChanged) -> None:
        """Type 11, CANCELLATION_STATUS_CHANGE."""
        record = event.record
        data = {
            "order_id": record.order_id,
            "cancellations_role": record.role,
            "cancel_status": _CANCEL_STATUS.get(record.status, record.status),
            "cancel_id": record.cancel_id,
            "create_time": int(record.create_time.timestamp()),
        }
        self.emit(record.shop_id, 11, data, event.at)

    def _return(self, event: ReturnChanged) -> None:
        """Type 12, RETURN_STATUS_CHANGE."""
        record = event.record
        data = {
            "order_id": record.order_id,
            "return_role": "BUYER",
            "return_type": record.return_type,
            "return_status": record.status,
            "return_id": record.return_id,
            "create_time": int(record.create_time.timestamp()),
            "update_time": int(record.update_time.timestamp()),
        }
        self.emit(record.shop_id, 12, data, event.at)

    # --- Event API ----------------------------------------------------------------------------

    def subscribe(self, shop_id: str, event_type: str, address: str, now: datetime) -> None:
        """Create or move a subscription (PUT /event/202309/webhooks)."""
        subs = self.subscriptions.setdefault(shop_id, {})
        existing = subs.get(event_type)
        if existing is None:
            subs[event_type] = _Subscription(address=address, create_time=now, update_time=now)
        else:
            existing.address = address
            existing.update_time = now

    def unsubscribe(self, shop_id: str, event_type: str) -> None:
        """Remove a subscription (DELETE /event/202309/webhooks); unknown ones are ignored."""
        self.subscriptions.get(shop_id, {}).pop(event_type, None)

    def list_wire(self, shop_id: str) -> dict[str, Any]:
        """Get Shop Webhooks' ``data`` (times in seconds, as the doc example shows them)."""
        subs = self.subscriptions.get(shop_id, {})
        return {
            "webhooks": [
                {
                    "event_type": name,
                    "address": sub.address,
                    "create_time": int(sub.create_time.timestamp()),
                    "update_time": int(sub.update_time.timestamp()),
                }
                for name, sub in subs.items()
            ],
            "total_count": len(subs),
        }

    # --- delivery -----------------------------------------------------------------------------

    def set_receiver(
        self, receiver: Receiver | None, *, twice: bool, only_subscribed: bool
    ) -> None:
        """Deliver future notifications to ``receiver`` (None stops and drops the queue)."""
        if isinstance(receiver, str):
            host = urlsplit(receiver).hostname or ""
            if urlsplit(receiver).scheme not in ("http", "https") or host not in _LOOPBACK:
                raise ValueError(
                    f"deliver_webhooks_to({receiver!r}): only loopback URLs such as "
                    "'http://127.0.0.1:8080/webhooks' are allowed; the fake never posts "
                    "anywhere else"
                )
        elif receiver is not None and not callable(receiver):
            raise TypeError("deliver_webhooks_to() takes a callable(headers, body) or a URL")
        self.receiver = receiver
        self.copies = 2 if twice else 1
        self.only_subscribed = only_subscribed
        if receiver is None:
            self.outbox.clear()

    def emit(self, shop_id: str, event_type: int, data: Mapping[str, Any], now: datetime) -> None:
        """Queue a notification of ``event_type`` for ``shop_id`` (only with a receiver)."""
        if self.receiver is None:
            return
        if self.only_subscribed and _EVENT_NAMES[event_type] not in self.subscriptions.get(
            shop_id, {}
        ):
            return
        notification_id = self._ids.long_id("7")
        envelope = {
            "type": event_type,
            "tts_notification_id": notification_id,
            "shop_id": shop_id,
            "timestamp": int(now.timestamp()),
            "data": dict(data),
        }
        body = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "Authorization": sign_webhook(self._app_key, self._app_secret, body),
        }
        self.outbox.append(
            Pending(
                type=event_type,
                notification_id=notification_id,
                shop_id=shop_id,
                headers=headers,
                body=body,
                at=now,
                copies=self.copies,
            )
        )

    def drain(self) -> tuple[Receiver | None, list[Pending]]:
        """Take everything queued, with the receiver to send it to."""
        pending, self.outbox = self.outbox, []
        return self.receiver, pending


def send(receiver: Receiver, pending: Pending) -> FakeWebhookDelivery:
    """POST one copy of a notification; a failing receiver is recorded, never raised."""
    status: int | None = None
    error: str | None = None
    try:
        if isinstance(receiver, str):
            status = httpx.post(
                receiver, content=pending.body, headers=pending.headers, timeout=5.0
            ).status_code
        else:
            receiver(dict(pending.headers), pending.body)
    except Exception as exc:  # the receiver's bug must not break the API call that caused it
        error = f"{type(exc).__name__}: {exc}"
    return FakeWebhookDelivery(
        type=pending.type,
        notification_id=pending.notification_id,
        shop_id=pending.shop_id,
        headers=dict(pending.headers),
        body=pending.body,
        at=pending.at,
        status=status,
        error=error,
    )
