"""Turn a webhook body into a typed event, or a :class:`WebhookPayloadError` keeping the bytes."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from pydantic import ValidationError

from tiktokshop_sync.webhooks._errors import WebhookPayloadError
from tiktokshop_sync.webhooks.events import EVENT_CLASSES, UnknownEvent, WebhookEvent

__all__ = ["parse_event"]

# Hostile input can make validators fail with more than ValueError: a huge time overflows
# datetime (OverflowError/OSError), deep nesting exhausts the stack (RecursionError).
_MODEL_FAILURES = (ValidationError, ValueError, TypeError, ArithmeticError, OSError, RecursionError)


def parse_event(body: bytes | str) -> WebhookEvent:
    """Parse a webhook body (verify it first) into its event class, or :class:`UnknownEvent`.

    Raises :class:`WebhookPayloadError` for anything that is not a UTF-8 JSON object with an
    integer ``type`` and the fields its type requires; nothing else escapes.
    """
    raw = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else bytes(body)
    payload = _load_object(body, raw)
    event_type = _event_type(payload, raw)
    event_class = EVENT_CLASSES.get(event_type)
    if event_class is None:
        return _unknown(event_type, payload)
    try:
        # Each modelled class is a member of the WebhookEvent union.
        return event_class.model_validate(payload)  # type: ignore[return-value]
    except _MODEL_FAILURES as exc:
        raise WebhookPayloadError(
            f"type-{event_type} webhook ({event_class.event_type.name}) does not match its "
            f"documented shape: {_summary(exc)}",
            body=raw,
            event_type=event_type,
        ) from exc


def _load_object(body: bytes | str, raw: bytes) -> dict[str, Any]:
    try:
        text = body if isinstance(body, str) else raw.decode("utf-8")
        payload = json.loads(text)
    except UnicodeDecodeError as exc:
        raise WebhookPayloadError(
            f"webhook body is not UTF-8 text ({exc.reason} at byte {exc.start})", body=raw
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise WebhookPayloadError(f"webhook body is not JSON: {_summary(exc)}", body=raw) from exc
    if not isinstance(payload, dict):
        raise WebhookPayloadError(
            f"webhook body is JSON {type(payload).__name__}, not an object", body=raw
        )
    return payload


def _event_type(payload: dict[str, Any], raw: bytes) -> int:
    value = payload.get("type")
    # bool is an int subclass; `true` is not a type number.
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if "type" not in payload:
        raise WebhookPayloadError("webhook body has no 'type' field", body=raw)
    raise WebhookPayloadError(
        f"webhook 'type' must be an integer, got {type(value).__name__}", body=raw
    )


def _unknown(event_type: int, payload: dict[str, Any]) -> UnknownEvent:
    """Best effort on the envelope: a field we cannot read becomes None instead of an error."""
    return UnknownEvent(
        type=event_type,
        tts_notification_id=_optional_id(payload.get("tts_notification_id")),
        shop_id=_optional_id(payload.get("shop_id")),
        timestamp=_optional_time(payload.get("timestamp")),
        data=payload.get("data"),
        raw=payload,
    )


def _optional_id(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _optional_time(value: Any) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        seconds = int(value)
        return datetime.fromtimestamp(seconds, tz=timezone.utc) if seconds > 0 else None
    except (ValueError, OverflowError, OSError):
        return None


def _summary(exc: BaseException) -> str:
    """A one-line reason; pydantic's multi-line report is kept on ``__cause__``."""
    if isinstance(exc, ValidationError):
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "payload"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        return f"{where}: {first['msg']}{more}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
