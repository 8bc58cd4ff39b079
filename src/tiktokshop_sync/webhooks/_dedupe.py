"""Duplicate deliveries: TikTok delivers at least once and retries, so key events, drop repeats."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from tiktokshop_sync.webhooks._errors import WebhookConfigError
from tiktokshop_sync.webhooks.events import UnknownEvent, WebhookEvent

__all__ = ["SeenNotifications", "dedupe_key"]


def dedupe_key(event: WebhookEvent) -> str:
    """A key equal for every delivery of one notification: its ``tts_notification_id``.

    Payloads without one (older examples) get ``sha256:`` + a hash of type, shop, time and data.
    """
    if event.tts_notification_id:
        return event.tts_notification_id
    if isinstance(event, UnknownEvent):
        data = event.data
        timestamp = event.raw.get("timestamp")
    else:
        # exclude_unset: fields a later SDK version adds must not change the key of old payloads.
        data = event.data.model_dump(mode="json", exclude_unset=True)
        timestamp = int(event.timestamp.timestamp())
    material = json.dumps(
        [event.type, event.shop_id, timestamp, data],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        default=str,
    )
    return "sha256:" + hashlib.sha256(material.encode("ascii")).hexdigest()


class SeenNotifications:
    """A bounded, thread-safe, in-memory record of recent dedupe keys; the least recent drop out.

    Per process only: behind several workers or across restarts, keep keys in shared storage.
    """

    def __init__(self, max_size: int = 10_000) -> None:
        if isinstance(max_size, bool) or not isinstance(max_size, int) or max_size < 1:
            raise WebhookConfigError(f"max_size must be a positive integer, got {max_size!r}")
        self._max_size = max_size
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def max_size(self) -> int:
        """How many keys are remembered before the least recently seen is forgotten."""
        return self._max_size

    def seen_before(self, key: str) -> bool:
        """Record ``key``; True if it was already recorded (a duplicate), False the first time."""
        with self._lock:
            if key in self._keys:
                self._keys.move_to_end(key)
                return True
            self._keys[key] = None
            if len(self._keys) > self._max_size:
                self._keys.popitem(last=False)
            return False

    def discard(self, key: str) -> None:
        """Forget ``key`` so a redelivery is processed, e.g. after handling it failed."""
        with self._lock:
            self._keys.pop(key, None)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._keys

    def __len__(self) -> int:
        with self._lock:
            return len(self._keys)

    def __repr__(self) -> str:
        return f"SeenNotifications(max_size={self._max_size}, size={len(self)})"
