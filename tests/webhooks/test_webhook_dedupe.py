"""dedupe_key and SeenNotifications: at-least-once delivery becomes exactly-once handling."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from tiktokshop_sync.webhooks import (
    SeenNotifications,
    WebhookConfigError,
    dedupe_key,
    parse_event,
)

ADDRESS_UPDATE = Path(__file__).parent / "doc_examples/03-recipient-address-update.json"


def _without_notification_id(**changes: object) -> bytes:
    payload = json.loads(ADDRESS_UPDATE.read_bytes())
    payload.update(changes)
    return json.dumps(payload).encode()


# --- dedupe_key ------------------------------------------------------------------------------


def test_key_is_the_notification_id_when_present() -> None:
    body = (ADDRESS_UPDATE.parent / "01-order-status-change.json").read_bytes()
    assert dedupe_key(parse_event(body)) == "7327112393057371910"


def test_key_without_notification_id_is_a_content_hash() -> None:
    key = dedupe_key(parse_event(ADDRESS_UPDATE.read_bytes()))
    assert key.startswith("sha256:")
    assert len(key) == len("sha256:") + 64


def test_key_without_notification_id_ignores_formatting_and_key_order() -> None:
    compact = json.dumps(json.loads(ADDRESS_UPDATE.read_bytes()), separators=(",", ":"))
    reordered = json.dumps(dict(reversed(json.loads(compact).items())), indent=4)
    keys = {
        dedupe_key(parse_event(body)) for body in (ADDRESS_UPDATE.read_bytes(), compact, reordered)
    }
    assert len(keys) == 1


def test_key_is_the_same_in_a_fresh_parse_of_the_same_delivery() -> None:
    first = dedupe_key(parse_event(ADDRESS_UPDATE.read_bytes()))
    again = dedupe_key(parse_event(ADDRESS_UPDATE.read_bytes()))
    assert first == again


@pytest.mark.parametrize(
    "changes",
    [
        {"shop_id": "1"},
        {"timestamp": 1644412886},
        {"data": {"order_id": "576486316948490002", "update_time": 1644412885}},
    ],
    ids=["shop", "timestamp", "data"],
)
def test_key_without_notification_id_changes_when_the_content_changes(
    changes: dict[str, object],
) -> None:
    original = dedupe_key(parse_event(ADDRESS_UPDATE.read_bytes()))
    assert dedupe_key(parse_event(_without_notification_id(**changes))) != original


def test_key_distinguishes_event_types_with_identical_data() -> None:
    body = {"shop_id": "1", "timestamp": 1644412885, "data": {"x": 1}}
    keys = {dedupe_key(parse_event(json.dumps({"type": t, **body}))) for t in (40, 41)}
    assert len(keys) == 2


def test_unknown_event_without_notification_id_gets_a_stable_key() -> None:
    body = b'{"type":99,"shop_id":"1","timestamp":1644412885,"data":{"b":2,"a":[1,{"c":null}]}}'
    assert dedupe_key(parse_event(body)) == dedupe_key(parse_event(body.replace(b",", b", ")))


# --- SeenNotifications -----------------------------------------------------------------------


def test_first_sighting_is_not_a_duplicate() -> None:
    assert SeenNotifications().seen_before("a") is False


def test_second_sighting_is_a_duplicate() -> None:
    seen = SeenNotifications()
    seen.seen_before("a")
    assert seen.seen_before("a") is True


def test_oldest_key_is_forgotten_beyond_max_size() -> None:
    seen = SeenNotifications(max_size=2)
    for key in ("a", "b", "c"):
        seen.seen_before(key)
    assert "a" not in seen
    assert len(seen) == 2


def test_a_repeat_counts_as_recent_use() -> None:
    seen = SeenNotifications(max_size=2)
    for key in ("a", "b", "a", "c"):
        seen.seen_before(key)
    assert "a" in seen
    assert "b" not in seen


def test_discarded_key_is_processed_again() -> None:
    seen = SeenNotifications()
    seen.seen_before("a")
    seen.discard("a")
    assert seen.seen_before("a") is False


def test_discarding_an_unknown_key_is_harmless() -> None:
    SeenNotifications().discard("never-seen")


@pytest.mark.parametrize("max_size", [0, -1, True, 1.5])
def test_max_size_must_be_a_positive_integer(max_size: object) -> None:
    with pytest.raises(WebhookConfigError, match="max_size"):
        SeenNotifications(max_size=max_size)  # type: ignore[arg-type]


def test_concurrent_deliveries_of_one_key_admit_exactly_one() -> None:
    seen = SeenNotifications()
    start = threading.Barrier(16)
    firsts: list[bool] = []

    def deliver() -> None:
        start.wait()
        for n in range(200):
            if not seen.seen_before(f"key-{n}"):
                firsts.append(True)

    threads = [threading.Thread(target=deliver) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(firsts) == 200
