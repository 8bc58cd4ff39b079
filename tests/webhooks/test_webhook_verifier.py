"""WebhookVerifier: credentials held once, secret never shown, verify-then-parse."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import attrs
import pytest

from tiktokshop_sync.webhooks import (
    OrderStatusChangeEvent,
    WebhookConfigError,
    WebhookPayloadError,
    WebhookSignatureError,
    WebhookVerifier,
)

BODY = (
    b'{"type":1,"tts_notification_id":"1","shop_id":"7494049642642441621","timestamp":1644412885,'
    b'"data":{"order_id":"576486316948490001","order_status":"CANCEL","is_on_hold_order":false,'
    b'"update_time":1644412885}}'
)


def test_repr_shows_the_app_key_but_not_the_secret() -> None:
    verifier = WebhookVerifier(app_key="my_app_key", app_secret="very-secret-value")
    assert "my_app_key" in repr(verifier)
    assert "very-secret-value" not in repr(verifier)
    assert "very-secret-value" not in str(verifier)


def test_verifier_is_immutable(verifier: WebhookVerifier) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        verifier.app_secret = "other"  # type: ignore[misc]


def test_verifier_takes_keyword_arguments_only() -> None:
    with pytest.raises(TypeError):
        WebhookVerifier("key", "secret")  # type: ignore[call-arg]


@pytest.mark.parametrize(("app_key", "app_secret"), [("", "s"), ("k", ""), ("k", "   ")])
def test_empty_credentials_are_rejected_at_construction(app_key: str, app_secret: str) -> None:
    with pytest.raises(WebhookConfigError, match="Partner Center"):
        WebhookVerifier(app_key=app_key, app_secret=app_secret)


def test_verify_accepts_the_signature_string(
    verifier: WebhookVerifier, sign: Callable[[bytes], str]
) -> None:
    verifier.verify(BODY, sign(BODY))


@pytest.mark.parametrize("header", ["Authorization", "authorization", "AUTHORIZATION"])
def test_verify_finds_the_authorization_header_in_any_letter_case(
    verifier: WebhookVerifier, sign: Callable[[bytes], str], header: str
) -> None:
    verifier.verify(BODY, {"Content-Type": "application/json", header: sign(BODY)})


def test_verify_finds_the_header_in_a_wsgi_environ(
    verifier: WebhookVerifier, sign: Callable[[bytes], str]
) -> None:
    verifier.verify(BODY, {"CONTENT_TYPE": "application/json", "HTTP_AUTHORIZATION": sign(BODY)})


def test_headers_without_authorization_are_rejected_as_missing(
    verifier: WebhookVerifier,
) -> None:
    with pytest.raises(WebhookSignatureError) as caught:
        verifier.verify(BODY, {"Content-Type": "application/json"})
    assert caught.value.problem == "missing"


def test_parse_returns_the_typed_event_of_a_signed_body(
    verifier: WebhookVerifier, sign: Callable[[bytes], str]
) -> None:
    event = verifier.parse(BODY, sign(BODY))
    assert isinstance(event, OrderStatusChangeEvent)
    assert event.data.order_id == "576486316948490001"


def test_parse_checks_the_signature_before_reading_the_body(verifier: WebhookVerifier) -> None:
    with pytest.raises(WebhookSignatureError):
        verifier.parse(b"not json at all", "0" * 64)


def test_parse_reports_a_signed_but_unreadable_body_as_a_payload_error(
    verifier: WebhookVerifier, sign: Callable[[bytes], str]
) -> None:
    with pytest.raises(WebhookPayloadError):
        verifier.parse(b"not json at all", sign(b"not json at all"))


def test_from_env_reads_the_variables_when_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKSHOP_APP_KEY", "env_key")
    monkeypatch.setenv("TIKTOKSHOP_APP_SECRET", "env_secret")
    verifier = WebhookVerifier.from_env()
    assert (verifier.app_key, verifier.app_secret) == ("env_key", "env_secret")


def test_from_env_accepts_an_explicit_mapping() -> None:
    verifier = WebhookVerifier.from_env({"TIKTOKSHOP_APP_KEY": "k", "TIKTOKSHOP_APP_SECRET": "s"})
    assert verifier.app_key == "k"


def test_from_env_names_every_missing_variable() -> None:
    with pytest.raises(WebhookConfigError) as caught:
        WebhookVerifier.from_env({"TIKTOKSHOP_APP_KEY": "k"})
    assert "TIKTOKSHOP_APP_SECRET" in str(caught.value)
    assert "TIKTOKSHOP_APP_KEY" not in str(caught.value)


def test_signature_error_survives_pickling_for_cross_process_queues() -> None:
    error = WebhookSignatureError("bad", problem="mismatch")
    clone = pickle.loads(pickle.dumps(error))
    assert (str(clone), clone.problem) == ("bad", "mismatch")


def test_payload_error_survives_pickling_for_cross_process_queues() -> None:
    error = WebhookPayloadError("bad", body=b"\xff", event_type=1)
    clone = pickle.loads(pickle.dumps(error))
    assert (str(clone), clone.body, clone.event_type) == ("bad", b"\xff", 1)
