"""The fleet's webhook receiver: verify, drop repeats, and turn each event into an action.

An order event queues an order import for the shop now, a cancellation event a cancellation
import, a return event a return import, a product status or review event its product publish
(which reads the review and reports it to the host): a webhook is a hint to re-fetch sooner;
the schedule stays the backstop, since TikTok says webhooks can be lost. The task queue's
``queueing_lock`` folds a burst of events for one shop into the one waiting import. TikTok
wants a reply within 3 seconds and an empty body: everything here is a few short database
statements, and the import itself runs in a worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..webhooks import (
    CancellationStatusChangeEvent,
    OrderStatusChangeEvent,
    PackageUpdateEvent,
    ProductAuditStatusChangeEvent,
    ProductStatusChangeEvent,
    RecipientAddressUpdateEvent,
    ReturnStatusChangeEvent,
    SellerDeauthorizationEvent,
    UpcomingAuthorizationExpirationEvent,
    WebhookEvent,
    WebhookPayloadError,
    WebhookSignatureError,
    WebhookVerifier,
    dedupe_key,
)
from ._shops import JobKind

if TYPE_CHECKING:
    from ._fleet import Fleet

__all__ = ["WebhookReply", "receive", "wsgi"]

logger = logging.getLogger("tiktokshop_sync.fleet")

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 405: "Method Not Allowed"}
_REASONS[500] = "Internal Server Error"


@attrs.frozen(kw_only=True)
class WebhookReply:
    """What to answer TikTok (``status``, with an empty body) and what the fleet did.

    ``action`` is one of: ``queued`` (a run was queued now), ``already_queued``, ``paused``
    (the shop is paused: nothing queued, or a deauthorization paused it), ``noted`` (an
    expiration notice), ``duplicate``, ``unknown_shop``, ``ignored`` (a type the fleet does
    not act on), ``rejected`` (bad signature or body) or ``error`` (TikTok will retry).
    """

    status: int
    action: str
    host_id: str | None = None
    event_type: str | None = None

    @property
    def body(self) -> bytes:
        """Always empty: TikTok expects an empty body."""
        return b""


def _job_for(event: WebhookEvent) -> JobKind | None:
    if isinstance(event, OrderStatusChangeEvent | RecipientAddressUpdateEvent | PackageUpdateEvent):
        return JobKind.ORDERS
    if isinstance(event, CancellationStatusChangeEvent):
        return JobKind.CANCELLATIONS
    if isinstance(event, ReturnStatusChangeEvent):
        return JobKind.RETURNS
    if isinstance(event, ProductStatusChangeEvent | ProductAuditStatusChangeEvent):
        # A review passed or failed (審査): the publish reads the product and tells the host.
        return JobKind.PUBLISH
    return None


def _seen(fleet: Fleet) -> Any:
    with fleet._lock:
        if fleet._seen is None:
            from ..postgres import PostgresSeenNotifications

            fleet._seen = PostgresSeenNotifications(fleet._db.pool, schema=fleet.config.schema)
        return fleet._seen


def _verifier(fleet: Fleet) -> WebhookVerifier:
    config = fleet.client.config
    return WebhookVerifier(app_key=config.app_key, app_secret=config.app_secret)


def receive(fleet: Fleet, body: bytes, headers: Mapping[str, str] | str | None) -> WebhookReply:
    """Verify ``body`` against its signature, drop a repeat, and act (see module doc)."""
    try:
        event = _verifier(fleet).parse(body, headers)
    except WebhookSignatureError as error:
        logger.warning("webhook refused: %s", error)
        return WebhookReply(status=401, action="rejected")
    except WebhookPayloadError as error:
        logger.warning("webhook body not understood: %s", error)
        return WebhookReply(status=400, action="rejected")
    kind = str(getattr(event, "event_type", None) or f"type {event.type}")
    seen = _seen(fleet)
    key = dedupe_key(event)
    if seen.seen_before(key):
        return WebhookReply(status=200, action="duplicate", event_type=kind)
    try:
        return _act(fleet, event, kind)
    except Exception:
        # Forget the key so TikTok's retry (2 minutes later) is handled, not dropped.
        seen.discard(key)
        logger.exception("webhook %s for shop %s could not be handled", kind, event.shop_id)
        return WebhookReply(status=500, action="error", event_type=kind)


def _act(fleet: Fleet, event: WebhookEvent, kind: str) -> WebhookReply:
    shop = fleet.shop_by_tiktok_id(str(event.shop_id)) if event.shop_id else None
    if shop is None:
        logger.info("webhook %s for shop %s, which is not in the fleet", kind, event.shop_id)
        return WebhookReply(status=200, action="unknown_shop", event_type=kind)
    host = shop.host_id
    if isinstance(event, SellerDeauthorizationEvent):
        reason = event.data.message or "the seller removed the app (SELLER_DEAUTHORIZATION)"
        fleet.deauthorized(host, reason)
        return WebhookReply(status=200, action="paused", host_id=host, event_type=kind)
    if isinstance(event, UpcomingAuthorizationExpirationEvent):
        fleet.note_expiration(host, event.data.expiration_time)
        return WebhookReply(status=200, action="noted", host_id=host, event_type=kind)
    job = _job_for(event)
    if job is None or job not in shop.jobs:
        return WebhookReply(status=200, action="ignored", host_id=host, event_type=kind)
    if fleet._db.pauses(host):
        return WebhookReply(status=200, action="paused", host_id=host, event_type=kind)
    queued = fleet.enqueue(job, host)
    action = "queued" if queued else "already_queued"
    return WebhookReply(status=200, action=action, host_id=host, event_type=kind)


def wsgi(fleet: Fleet, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    """A WSGI application around :func:`receive` (POST only)."""
    if environ.get("REQUEST_METHOD") != "POST":
        start_response("405 Method Not Allowed", [("Content-Length", "0"), ("Allow", "POST")])
        return [b""]
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    reply = receive(fleet, body, {"Authorization": environ.get("HTTP_AUTHORIZATION", "")})
    start_response(f"{reply.status} {_REASONS[reply.status]}", [("Content-Length", "0")])
    return [reply.body]
