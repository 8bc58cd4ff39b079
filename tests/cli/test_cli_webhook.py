"""``webhook verify`` and ``webhook replay`` with deliveries the FakeShop signed."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.webhooks import WebhookVerifier

from .conftest import Invoke
from .helpers import json_lines


@pytest.fixture
def delivery(fake: FakeShop, tmp_path: Path) -> tuple[Path, str]:
    """A real delivery (an order status change), stored as body file + signature."""
    caught: list[tuple[dict[str, str], bytes]] = []
    fake.deliver_webhooks_to(lambda headers, body: caught.append((headers, body)))
    [order] = fake.create_orders(1, status="UNPAID")
    fake.pay(order.id)
    fake.stop_webhooks()
    headers, body = caught[-1]
    path = tmp_path / "delivery.json"
    path.write_bytes(body)
    (tmp_path / "headers.json").write_text(json.dumps(headers), encoding="utf-8")
    signature = next(v for k, v in headers.items() if k.lower() == "authorization")
    return path, signature


def test_verify_accepts_the_signature_and_shows_the_event(
    cli: Invoke, delivery: tuple[Path, str]
) -> None:
    path, signature = delivery
    result = cli("webhook", "verify", str(path), "--signature", signature, "--json")
    assert result.exit_code == 0, result.output
    [event] = json_lines(result.stdout)
    assert event["event"] == "OrderStatusChangeEvent" and event["event_type"] == 1


def test_verify_finds_the_signature_in_a_headers_file(
    cli: Invoke, delivery: tuple[Path, str]
) -> None:
    path, _ = delivery
    result = cli("webhook", "verify", str(path), "--headers", str(path.parent / "headers.json"))
    assert result.exit_code == 0, result.output
    assert "signature OK" in result.stdout


def test_a_changed_body_exits_9(cli: Invoke, delivery: tuple[Path, str]) -> None:
    path, signature = delivery
    path.write_bytes(path.read_bytes().replace(b"}", b" }", 1))
    result = cli("webhook", "verify", str(path), "--signature", signature)
    assert result.exit_code == 9
    [line] = result.stderr.strip().splitlines()
    assert "WebhookSignatureError" in line and "raw request bytes" in line


def test_a_missing_signature_exits_9(cli: Invoke, delivery: tuple[Path, str]) -> None:
    result = cli("webhook", "verify", str(delivery[0]))
    assert result.exit_code == 9


def test_a_body_that_is_no_webhook_exits_8(cli: Invoke, fake: FakeShop, tmp_path: Path) -> None:
    from tiktokshop_sync.webhooks import compute_signature

    body = b"not json"
    path = tmp_path / "body"
    path.write_bytes(body)
    signature = compute_signature(app_key=fake.app_key, app_secret=fake.app_secret, body=body)
    assert cli("webhook", "verify", str(path), "--signature", signature).exit_code == 8


HANDLED: list[object] = []


def handle(event: object) -> None:
    """A host's handler, for --handler."""
    HANDLED.append(event)


def test_replay_to_a_handler_passes_it_the_verified_event(
    cli: Invoke, delivery: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    HANDLED.clear()
    monkeypatch.setitem(sys.modules, "cli_replay_target", sys.modules[__name__])
    result = cli("webhook", "replay", str(delivery[0]), "--handler", "cli_replay_target:handle")
    assert result.exit_code == 0, result.output
    assert [type(e).__name__ for e in HANDLED] == ["OrderStatusChangeEvent"]


@pytest.fixture
def receiver(fake: FakeShop) -> Iterator[tuple[str, list[int]]]:
    """A loopback receiver that verifies like a production one: 200, or 401 on a bad signature."""
    verifier = WebhookVerifier(app_key=fake.app_key, app_secret=fake.app_secret)
    statuses: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            try:
                verifier.verify(body, dict(self.headers))
                status = 200
            except Exception:
                status = 401
            statuses.append(status)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/webhooks", statuses
    server.shutdown()
    server.server_close()


def test_replay_to_a_url_signs_the_body_afresh(
    cli: Invoke, delivery: tuple[Path, str], receiver: tuple[str, list[int]]
) -> None:
    url, statuses = receiver
    result = cli("webhook", "replay", str(delivery[0]), "--to", url, "--json")
    assert result.exit_code == 0, result.output
    assert statuses == [200]
    [record] = json_lines(result.stdout)
    assert record["status"] == 200


def test_a_receiver_that_refuses_the_replay_exits_5(
    cli: Invoke,
    delivery: tuple[Path, str],
    receiver: tuple[str, list[int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TIKTOKSHOP_APP_SECRET", "another-apps-secret")
    result = cli("webhook", "replay", str(delivery[0]), "--to", receiver[0])
    assert result.exit_code == 5
    assert "HTTP 401" in result.stderr
    assert "another-apps-secret" not in result.output


def test_replay_to_nowhere_exits_6(cli: Invoke, delivery: tuple[Path, str]) -> None:
    result = cli("webhook", "replay", str(delivery[0]), "--to", "http://127.0.0.1:9/x")
    assert result.exit_code == 6


def test_replay_needs_exactly_one_target(cli: Invoke, delivery: tuple[Path, str]) -> None:
    assert cli("webhook", "replay", str(delivery[0])).exit_code == 3
