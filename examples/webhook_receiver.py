"""A stdlib-only TikTok Shop webhook receiver: verify, acknowledge at once, handle on a worker.

TikTok wants an empty 200 within 3 seconds and retries otherwise (2 min, 30 min, 3 h, 12 h),
so the HTTP thread only verifies, parses and enqueues; a worker thread does the real work.
Webhooks can be lost, so keep polling the Order API on a schedule as the backstop.

Run it::

    TIKTOKSHOP_APP_KEY=... TIKTOKSHOP_APP_SECRET=... PORT=8080 python examples/webhook_receiver.py

TikTok only delivers to an https:// domain without a port, so put a TLS-terminating reverse
proxy in front of this in production.
"""

from __future__ import annotations

import logging
import os
import queue
import signal
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tiktokshop_sync.webhooks import (
    OrderStatusChangeEvent,
    SeenNotifications,
    SellerDeauthorizationEvent,
    UpcomingAuthorizationExpirationEvent,
    WebhookConfigError,
    WebhookEvent,
    WebhookPayloadError,
    WebhookSignatureError,
    WebhookVerifier,
    dedupe_key,
)

logger = logging.getLogger("webhook_receiver")

#: TikTok payloads are a few hundred bytes; anything far larger is not a webhook.
MAX_BODY_BYTES = 1 << 20


class WebhookReceiver:
    """An HTTP server on a background thread plus one worker thread that runs ``handler``."""

    def __init__(
        self,
        verifier: WebhookVerifier,
        handler: Callable[[WebhookEvent], None],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        seen: SeenNotifications | None = None,
        queue_size: int = 10_000,
    ) -> None:
        self.verifier = verifier
        self.handler = handler
        self.seen = seen if seen is not None else SeenNotifications()
        # None is the stop signal for the worker.
        self.events: queue.Queue[WebhookEvent | None] = queue.Queue(maxsize=queue_size)
        self._server = _Server((host, port), _RequestHandler, receiver=self)
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """Where the server listens, e.g. ``http://127.0.0.1:54321/`` when started with port 0."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> None:
        """Start serving and handling in background threads; returns at once."""
        self._threads = [
            threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.1},  # how quickly stop() takes effect
                name="webhook-http",
                daemon=True,
            ),
            threading.Thread(target=self._work, name="webhook-worker", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop accepting requests, let the worker finish what is queued, and close the socket."""
        if self._threads:  # shutdown() would wait forever for a loop that never ran
            self._server.shutdown()
            self.events.put(None)
        self._server.server_close()
        for thread in self._threads:
            thread.join(timeout)

    def __enter__(self) -> WebhookReceiver:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def accept(self, body: bytes, signature: str | None) -> HTTPStatus:
        """Decide the reply to one delivery; queue the event if it is new. Never blocks."""
        try:
            event = self.verifier.parse(body, signature)
        except WebhookSignatureError as exc:
            logger.warning("rejected webhook (%s): %s", exc.problem, exc)
            return HTTPStatus.UNAUTHORIZED
        except WebhookPayloadError as exc:
            logger.warning("unreadable webhook (%d bytes): %s", len(exc.body), exc)
            return HTTPStatus.BAD_REQUEST
        key = dedupe_key(event)
        if self.seen.seen_before(key):
            logger.info("dropped duplicate webhook %s", key)
            return HTTPStatus.OK
        try:
            self.events.put_nowait(event)
        except queue.Full:
            # Not acknowledged, so TikTok redelivers later; that redelivery must not be dropped.
            self.seen.discard(key)
            logger.error("webhook queue is full; asking TikTok to redeliver %s", key)
            return HTTPStatus.SERVICE_UNAVAILABLE
        return HTTPStatus.OK

    def _work(self) -> None:
        while (event := self.events.get()) is not None:
            try:
                self.handler(event)
            except Exception:
                # Already acknowledged: log it, and rely on scheduled polling to catch up.
                logger.exception("webhook handler failed for %s", dedupe_key(event))


class _Server(ThreadingHTTPServer):
    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        *,
        receiver: WebhookReceiver,
    ) -> None:
        self.receiver = receiver
        super().__init__(address, handler)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    # TikTok expects an answer within 3 s; do not let a slow client hold a thread for longer.
    timeout = 3

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length")
        if length is None or not (length.isascii() and length.isdigit()):
            self._reply(HTTPStatus.LENGTH_REQUIRED)
            return
        if int(length) > MAX_BODY_BYTES:
            self._reply(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        # The raw bytes, exactly as sent: the signature covers them, not a re-encoding.
        body = self.rfile.read(int(length))
        self._reply(self.server.receiver.accept(body, self.headers.get("Authorization")))

    def _reply(self, status: HTTPStatus) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s - " + format, self.address_string(), *args)


def handle(event: WebhookEvent) -> None:
    """Example handler: replace with your own (write to your OMS, enqueue a re-fetch, ...)."""
    if isinstance(event, OrderStatusChangeEvent):
        logger.info("order %s is now %s", event.data.order_id, event.data.normalized_status.value)
    elif isinstance(event, SellerDeauthorizationEvent):
        logger.warning("shop %s removed the app: stop syncing it", event.shop_id)
    elif isinstance(event, UpcomingAuthorizationExpirationEvent):
        logger.warning("shop %s must re-authorize by %s", event.shop_id, event.data.expiration_time)
    else:
        logger.info("webhook type %s for shop %s", event.type, event.shop_id)


def main() -> None:
    """Serve on $HOST:$PORT (default 0.0.0.0:8080) until SIGTERM or Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        verifier = WebhookVerifier.from_env()
    except WebhookConfigError as exc:
        raise SystemExit(f"webhook_receiver: {exc}") from None
    receiver = WebhookReceiver(
        verifier,
        handle,
        host=os.environ.get("HOST", "0.0.0.0"),
        port=int(os.environ.get("PORT", "8080")),
    )
    stopping = threading.Event()
    # SIGTERM is how containers and systemd stop a service; Ctrl-C raises KeyboardInterrupt.
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    receiver.start()
    logger.info("listening on %s", receiver.url)
    try:
        stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        receiver.stop()
        logger.info("stopped")


if __name__ == "__main__":
    main()
