"""examples/webhook_receiver.py: a real loopback server, driven the way TikTok calls it."""

from __future__ import annotations

import importlib.util
import queue
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tiktokshop_sync.webhooks import (
    OrderStatusChangeEvent,
    WebhookEvent,
    WebhookVerifier,
    dedupe_key,
    parse_event,
)

EXAMPLE = Path(__file__).parents[2] / "examples" / "webhook_receiver.py"
BODY = (Path(__file__).parent / "doc_examples" / "01-order-status-change.json").read_bytes()


@pytest.fixture(scope="module")
def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("webhook_receiver_example", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def handled() -> queue.Queue[WebhookEvent]:
    """Events the receiver's worker thread handed to the handler."""
    return queue.Queue()


@pytest.fixture
def receiver(
    example: ModuleType, verifier: WebhookVerifier, handled: queue.Queue[WebhookEvent]
) -> Iterator[Any]:
    with example.WebhookReceiver(verifier, handled.put, host="127.0.0.1", port=0) as running:
        yield running


def post(url: str, body: bytes, signature: str | None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"}
    if signature is not None:
        headers["Authorization"] = signature
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_signed_event_is_acknowledged_and_handed_to_the_worker(
    receiver: Any, sign: Callable[[bytes], str], handled: queue.Queue[WebhookEvent]
) -> None:
    status, _ = post(receiver.url, BODY, sign(BODY))
    assert status == 200
    event = handled.get(timeout=5)
    assert isinstance(event, OrderStatusChangeEvent)
    assert event.data.order_id == "576486316948490001"


def test_acknowledgement_has_an_empty_body(receiver: Any, sign: Callable[[bytes], str]) -> None:
    assert post(receiver.url, BODY, sign(BODY)) == (200, b"")


def test_bad_signature_is_answered_401_and_not_handled(
    receiver: Any, handled: queue.Queue[WebhookEvent]
) -> None:
    assert post(receiver.url, BODY, "0" * 64) == (401, b"")
    assert handled.empty()


def test_missing_signature_is_answered_401(receiver: Any) -> None:
    assert post(receiver.url, BODY, None)[0] == 401


def test_signed_unreadable_body_is_answered_400(
    receiver: Any, sign: Callable[[bytes], str]
) -> None:
    body = b"this is not json"
    assert post(receiver.url, body, sign(body)) == (400, b"")


def test_duplicate_delivery_is_acknowledged_but_handled_once(
    receiver: Any, sign: Callable[[bytes], str], handled: queue.Queue[WebhookEvent]
) -> None:
    for _ in range(3):
        assert post(receiver.url, BODY, sign(BODY))[0] == 200
    handled.get(timeout=5)
    receiver.stop()  # drains the queue before returning
    assert handled.empty()


def test_handler_failure_does_not_stop_the_worker(
    example: ModuleType, verifier: WebhookVerifier, sign: Callable[[bytes], str]
) -> None:
    calls: queue.Queue[WebhookEvent] = queue.Queue()

    def flaky(event: WebhookEvent) -> None:
        calls.put(event)
        if calls.qsize() == 1:
            raise RuntimeError("boom")

    second = BODY.replace(b"7327112393057371910", b"7327112393057371911")
    with example.WebhookReceiver(verifier, flaky) as running:
        post(running.url, BODY, sign(BODY))
        post(running.url, second, sign(second))
        calls.get(timeout=5)
        assert calls.get(timeout=5).tts_notification_id == "7327112393057371911"


def test_full_queue_answers_503_so_tiktok_redelivers(
    example: ModuleType, verifier: WebhookVerifier, sign: Callable[[bytes], str]
) -> None:
    unstarted = example.WebhookReceiver(verifier, lambda event: None, queue_size=1)
    try:
        assert unstarted.accept(BODY, sign(BODY)) == 200
        second = BODY.replace(b"7327112393057371910", b"7327112393057371911")
        assert unstarted.accept(second, sign(second)) == 503
        assert dedupe_key(parse_event(second)) not in unstarted.seen
    finally:
        unstarted.stop()
