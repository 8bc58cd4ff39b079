"""Webhook events are a union discriminated by ``type``, each class registered where it is defined.

Adding a webhook type is a ``WebhookEventType`` member, its data model and its event class
(``type: Literal[N]``), all in ``webhooks/events.py``, plus its line in the ``WebhookEvent``
union and ``__all__``; nothing in ``_parse.py`` or the package ``__init__``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Literal, get_args

import pytest

from tiktokshop_sync.webhooks import (
    EVENT_CLASSES,
    KnownEvent,
    OrderStatusChangeEvent,
    ProductAuditStatusChangeData,
    UnknownEvent,
    WebhookEvent,
    WebhookEventType,
    events,
    parse_event,
)


def _body(number: int, data: dict[str, object]) -> bytes:
    return json.dumps(
        {"type": number, "shop_id": "7494", "timestamp": 1644412885, "data": data}
    ).encode()


def test_every_modelled_number_has_exactly_one_registered_class() -> None:
    assert sorted(EVENT_CLASSES) == sorted(member.value for member in WebhookEventType)


def test_each_class_is_registered_under_the_number_its_type_field_admits() -> None:
    for number, cls in EVENT_CLASSES.items():
        assert get_args(cls.model_fields["type"].annotation) == (number,)


def test_a_class_knows_its_event_type_from_its_type_field() -> None:
    assert OrderStatusChangeEvent.event_type is WebhookEventType.ORDER_STATUS_CHANGE


def test_the_webhook_event_union_is_every_registered_class_and_unknown_event() -> None:
    assert set(get_args(WebhookEvent)) == {*EVENT_CLASSES.values(), UnknownEvent}


def test_every_event_class_is_published() -> None:
    assert {cls.__name__ for cls in EVENT_CLASSES.values()} <= set(events.__all__)


def test_the_registry_is_read_only() -> None:
    with pytest.raises(TypeError):
        EVENT_CLASSES[99] = OrderStatusChangeEvent  # type: ignore[index]


@pytest.fixture
def freed_type_37() -> Iterator[None]:
    """Type 37 taken out of the registry, as if its class were not yet written."""
    registry = events._EVENT_CLASSES
    original = registry.pop(37)
    try:
        yield
    finally:
        registry[37] = original


@pytest.mark.usefixtures("freed_type_37")
def test_defining_an_event_class_is_what_makes_parse_event_return_it() -> None:
    body = _body(37, {"product_id": "1", "audit": {"status": "APPROVED"}})
    assert isinstance(parse_event(body), UnknownEvent)

    class AuditEvent(KnownEvent):
        """A stand-in for a newly modelled type."""

        type: Literal[37]
        data: ProductAuditStatusChangeData

    event = parse_event(body)
    assert type(event) is AuditEvent
    assert AuditEvent.event_type is WebhookEventType.PRODUCT_AUDIT_STATUS_CHANGE


def test_a_second_class_for_a_registered_number_is_refused() -> None:
    with pytest.raises(TypeError, match="type 1 is already OrderStatusChangeEvent"):

        class Again(KnownEvent):
            type: Literal[1]


def test_a_number_without_a_webhook_event_type_member_is_refused() -> None:
    with pytest.raises(TypeError, match="add type 99 to WebhookEventType"):

        class Unnamed(KnownEvent):
            type: Literal[99]


def test_an_event_class_without_a_literal_type_is_refused() -> None:
    with pytest.raises(TypeError, match=r"type: Literal\[N\]"):

        class Untyped(KnownEvent):
            type: int
