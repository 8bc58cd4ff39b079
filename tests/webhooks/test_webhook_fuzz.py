"""Hostile input: whatever arrives, verify and parse raise only WebhookError subclasses."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.webhooks import (
    WebhookPayloadError,
    WebhookSignatureError,
    compute_signature,
    parse_event,
    verify_signature,
)

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "0", "1627587506", "CANCEL", "UNPAID", "COMBINE", "BUYER"])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELD_NAMES = st.sampled_from(
    [
        "order_id", "order_status", "is_on_hold_order", "update_time", "create_time",
        "sc_type", "role_type", "package_list", "package_id", "order_id_list",
        "product_id", "status", "suspended_reason", "message", "expiration_time",
        "cancellations_role", "cancel_status", "cancel_id", "return_role", "return_type",
        "return_status", "return_id",
    ]
)  # fmt: skip
DATA = st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=8) | JSON_VALUES
ENVELOPES = st.fixed_dictionaries(
    {"type": st.sampled_from([1, 3, 4, 5, 6, 7, 11, 12]) | st.integers() | JSON_VALUES},
    optional={
        "tts_notification_id": JSON_VALUES,
        "shop_id": JSON_VALUES,
        "timestamp": JSON_VALUES | st.integers(min_value=-(2**64), max_value=2**64),
        "data": DATA,
    },
)


def _parse_or_payload_error(body: bytes | str) -> None:
    with contextlib.suppress(WebhookPayloadError):
        parse_event(body)


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_never_escape_parse_event_as_anything_else(body: bytes) -> None:
    _parse_or_payload_error(body)


@FUZZ
@given(st.text(max_size=512))
def test_arbitrary_text_never_escapes_parse_event_as_anything_else(body: str) -> None:
    _parse_or_payload_error(body)


@FUZZ
@given(ENVELOPES, st.booleans())
def test_arbitrary_envelopes_never_escape_parse_event_as_anything_else(
    payload: dict[str, Any], strict: bool
) -> None:
    with strict_models(strict):
        _parse_or_payload_error(json.dumps(payload).encode())


@FUZZ
@given(st.binary(max_size=1024), st.none() | st.text(max_size=80))
def test_arbitrary_signatures_never_escape_verify_as_anything_else(
    body: bytes, signature: str | None
) -> None:
    with contextlib.suppress(WebhookSignatureError):
        verify_signature(app_key="k", app_secret="s", body=body, signature=signature)


@FUZZ
@given(st.binary(max_size=1024), st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20))
def test_every_body_verifies_against_its_own_signature(body: bytes, key: str, secret: str) -> None:
    signature = compute_signature(app_key=key, app_secret=secret, body=body)
    verify_signature(app_key=key, app_secret=secret, body=body, signature=signature.upper())
