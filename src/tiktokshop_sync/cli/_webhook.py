"""``webhook verify`` and ``webhook replay``: check a stored delivery, or send it again.

A stored delivery is the raw body exactly as received (bytes: TikTok signs them, so never a
re-serialised copy) and its ``Authorization`` header, given with ``--signature`` or a headers
file. Replay signs the body afresh with this app's key and secret, as TikTok would.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer

from tiktokshop_sync import APIError, ConfigurationError
from tiktokshop_sync.webhooks import (
    UnknownEvent,
    WebhookEvent,
    WebhookVerifier,
    compute_signature,
)

from ._common import DebugOpt, JsonOpt, PersonalOpt, begin, command
from ._errors import InputError
from ._output import Output, jst
from ._personal import safe_dump
from ._session import Session

__all__ = ["load_handler", "read_body", "webhook_app"]

webhook_app = typer.Typer(
    name="webhook", help="Verify and replay stored webhook deliveries.", no_args_is_help=True
)

#: TikTok wants an answer within 3 seconds and retries the delivery otherwise.
ANSWER_WITHIN = 3.0


def read_body(path: Path) -> bytes:
    """The raw body from ``path`` (``-`` reads stdin), unchanged."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path} does not exist.") from None


def _signature(signature: str | None, headers: Path | None) -> str | None:
    if signature is not None:
        return signature
    if headers is None:
        return None
    text = headers.read_text(encoding="utf-8")
    try:
        found = json.loads(text)
    except json.JSONDecodeError:
        found = {
            name.strip(): value.strip()
            for name, sep, value in (line.partition(":") for line in text.splitlines())
            if sep
        }
    if not isinstance(found, dict):
        raise InputError(f"{headers} must be a JSON object or 'Name: value' lines.")
    for name, value in found.items():
        if str(name).lower() in ("authorization", "http_authorization"):
            return str(value)
    return None


def _verifier(current: Session) -> WebhookVerifier:
    config = current.client_config()
    return WebhookVerifier(app_key=config.app_key, app_secret=config.app_secret)


def _event_record(event: WebhookEvent, show_personal_data: bool) -> dict[str, Any]:
    return {
        "type": "event",
        "event": type(event).__name__,
        "event_type": event.type,
        "shop_id": event.shop_id,
        "tts_notification_id": event.tts_notification_id,
        "timestamp": event.timestamp,
        "payload": safe_dump(event, show_personal_data=show_personal_data),
    }


def _show_event(output: Output, event: WebhookEvent, show_personal_data: bool) -> None:
    record = _event_record(event, show_personal_data)
    if output.json_lines:
        output.record(record)
        return
    data = record["payload"].get("data")
    output.table(
        ["field", "value"],
        [
            ("event", f"{record['event']} (type {event.type})"),
            ("shop id", event.shop_id or ""),
            ("notification id", event.tts_notification_id or ""),
            ("sent", jst(event.timestamp)),
            ("data", json.dumps(data, ensure_ascii=False) if data is not None else ""),
        ],
        wide=("value",),
    )


@webhook_app.command("verify")
@command
def webhook_verify(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The raw body as received ('-' for stdin).")],
    signature: Annotated[
        str | None, typer.Option(help="The delivery's Authorization header value.")
    ] = None,
    headers: Annotated[
        Path | None,
        typer.Option(help="A file with the delivery's headers (JSON, or 'Name: value' lines)."),
    ] = None,
    show_personal_data: PersonalOpt = False,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Check that a stored delivery's signature matches its body, then show the parsed event.

    Exits 9 when the signature does not match (or is missing), 8 when the body is no webhook.
    """
    current, output = begin(ctx, json_output, debug)
    body = read_body(file)
    event = _verifier(current).parse(body, _signature(signature, headers))
    if not output.json_lines:
        output.text("signature OK: the body was signed with this app's secret")
    _show_event(output, event, show_personal_data)
    return 0


def load_handler(spec: str) -> Callable[[WebhookEvent], object]:
    """``package.module:function`` imported (from the current directory too) and checked."""
    module_name, sep, name = spec.partition(":")
    if not sep or not module_name or not name:
        raise ConfigurationError(
            f"--handler takes MODULE:FUNCTION, e.g. myapp.webhooks:handle, got {spec!r}."
        )
    if "" not in sys.path:
        sys.path.insert(0, "")
    module = importlib.import_module(module_name)
    handler = getattr(module, name, None)
    if not callable(handler):
        raise ConfigurationError(f"{module_name} has no function {name!r} for --handler.")
    return handler  # type: ignore[no-any-return]


@webhook_app.command("replay")
@command
def webhook_replay(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The raw body to replay ('-' for stdin).")],
    to: Annotated[
        str | None, typer.Option(help="POST it to this receiver URL, signed afresh.")
    ] = None,
    handler: Annotated[
        str | None,
        typer.Option(help="Or verify, parse and pass it to MODULE:FUNCTION in this process."),
    ] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for the receiver.")] = 10,
    show_personal_data: PersonalOpt = False,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Send a stored delivery again, with a fresh signature, to a receiver URL or a handler.

    With --to the receiver must answer 2xx (TikTok expects it within 3 s); with --handler the
    body goes through WebhookVerifier.parse, as in a receiver, and the function gets the event.
    """
    current, output = begin(ctx, json_output, debug)
    if (to is None) == (handler is None):
        raise ConfigurationError("webhook replay needs exactly one of --to URL or --handler.")
    body = read_body(file)
    verifier = _verifier(current)
    signature = compute_signature(
        app_key=verifier.app_key, app_secret=verifier.app_secret, body=body
    )
    if handler is not None:
        function = load_handler(handler)
        event = verifier.parse(body, signature)
        function(event)
        if output.json_lines:
            output.record({**_event_record(event, show_personal_data), "handler": handler})
        else:
            output.text(f"handled by {handler}: {type(event).__name__} (type {event.type})")
        if isinstance(event, UnknownEvent):
            output.note("the SDK does not model this event type: the handler got an UnknownEvent")
        return 0
    assert to is not None
    started = time.perf_counter()
    with httpx.Client(timeout=timeout) as http:
        reply = http.post(
            to,
            content=body,
            headers={"Authorization": signature, "Content-Type": "application/json"},
        )
    elapsed = time.perf_counter() - started
    record = {
        "type": "replay",
        "url": to,
        "status": reply.status_code,
        "seconds": round(elapsed, 3),
    }
    if output.json_lines:
        output.record(record)
    else:
        output.text(f"{to} answered HTTP {reply.status_code} in {elapsed:.2f} s")
    if elapsed > ANSWER_WITHIN:
        output.note(
            f"slower than TikTok's {ANSWER_WITHIN:g} s: TikTok would count it failed and retry; "
            "answer first and handle on a worker"
        )
    if not reply.is_success:
        raise APIError(
            f"the receiver refused the replay with HTTP {reply.status_code}",
            http_status=reply.status_code,
            hint="Check its app key and secret (it must verify with the same app) and its logs.",
        )
    return 0
