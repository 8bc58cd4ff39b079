"""verify_signature and compute_signature: HMAC over app_key + raw body (tiktok-api.md §6.2)."""

from __future__ import annotations

import json

import pytest

from tiktokshop_sync.webhooks import (
    WebhookConfigError,
    WebhookSignatureError,
    compute_signature,
    verify_signature,
)

# TikTok's official vector (webhooks overview page): exact bytes, so kept inline, not in a file.
OFFICIAL_KEY = "abcdef"
OFFICIAL_SECRET = "123"
OFFICIAL_BODY = (
    b'{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507",'
    b'"timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178",'
    b'"order_status":"UNPAID","update_time":1718305585}}'
)
OFFICIAL_SIGNATURE = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05"


def verify(body: bytes = OFFICIAL_BODY, signature: str | None = OFFICIAL_SIGNATURE) -> None:
    verify_signature(
        app_key=OFFICIAL_KEY, app_secret=OFFICIAL_SECRET, body=body, signature=signature
    )


def test_official_vector_is_reproduced() -> None:
    signature = compute_signature(
        app_key=OFFICIAL_KEY, app_secret=OFFICIAL_SECRET, body=OFFICIAL_BODY
    )
    assert signature == OFFICIAL_SIGNATURE


def test_official_vector_signature_is_accepted() -> None:
    verify()


def test_uppercase_hex_signature_is_accepted() -> None:
    verify(signature=OFFICIAL_SIGNATURE.upper())


def test_signature_with_surrounding_whitespace_is_accepted() -> None:
    verify(signature=f"  {OFFICIAL_SIGNATURE}\t\r\n")


@pytest.mark.parametrize("signature", [None, "", "   "])
def test_missing_signature_is_rejected_as_missing(signature: str | None) -> None:
    with pytest.raises(WebhookSignatureError) as caught:
        verify(signature=signature)
    assert caught.value.problem == "missing"


@pytest.mark.parametrize("prefix", ["Bearer ", "bearer ", "BEARER "])
def test_bearer_prefixed_signature_is_rejected(prefix: str) -> None:
    with pytest.raises(WebhookSignatureError) as caught:
        verify(signature=prefix + OFFICIAL_SIGNATURE)
    assert caught.value.problem == "bearer"


@pytest.mark.parametrize(
    "signature",
    [
        OFFICIAL_SIGNATURE[:-1],
        OFFICIAL_SIGNATURE + "0",
        "z" * 64,
        "é" * 64,
        "５" * 64,
        "sha256=" + OFFICIAL_SIGNATURE,
        OFFICIAL_SIGNATURE[:32] + " " + OFFICIAL_SIGNATURE[33:],
    ],
    ids=["short", "long", "non-hex", "non-ascii", "fullwidth-digits", "prefixed", "inner-space"],
)
def test_malformed_signature_is_rejected_as_malformed(signature: str) -> None:
    with pytest.raises(WebhookSignatureError) as caught:
        verify(signature=signature)
    assert caught.value.problem == "malformed"


def test_signature_of_a_changed_body_is_rejected_as_mismatch() -> None:
    tampered = OFFICIAL_BODY.replace(b'"UNPAID"', b'"ON_HOLD"')
    with pytest.raises(WebhookSignatureError) as caught:
        verify(body=tampered)
    assert caught.value.problem == "mismatch"


def test_reserialised_body_does_not_verify() -> None:
    reserialised = json.dumps(json.loads(OFFICIAL_BODY)).encode()
    with pytest.raises(WebhookSignatureError):
        verify(body=reserialised)


def test_signature_made_with_another_secret_is_rejected() -> None:
    other = compute_signature(app_key=OFFICIAL_KEY, app_secret="456", body=OFFICIAL_BODY)
    with pytest.raises(WebhookSignatureError):
        verify(signature=other)


def test_signature_made_for_another_app_key_is_rejected() -> None:
    other = compute_signature(app_key="ghijkl", app_secret=OFFICIAL_SECRET, body=OFFICIAL_BODY)
    with pytest.raises(WebhookSignatureError):
        verify(signature=other)


def test_signature_error_never_mentions_the_secret_or_the_digest() -> None:
    secret = "s3cr3t-value"
    with pytest.raises(WebhookSignatureError) as caught:
        verify_signature(app_key="k", app_secret=secret, body=b"{}", signature="0" * 64)
    expected = compute_signature(app_key="k", app_secret=secret, body=b"{}")
    assert secret not in str(caught.value)
    assert expected not in str(caught.value)


def test_signature_error_is_a_webhook_error_and_a_tiktokshop_error() -> None:
    from tiktokshop_sync._exceptions import TikTokShopError
    from tiktokshop_sync.webhooks import WebhookError

    assert issubclass(WebhookSignatureError, WebhookError)
    assert issubclass(WebhookError, TikTokShopError)


def test_str_body_is_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError, match="raw request body as bytes"):
        verify(body=OFFICIAL_BODY.decode())  # type: ignore[arg-type]


def test_bytes_signature_is_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError, match="latin-1"):
        verify(signature=OFFICIAL_SIGNATURE.encode())  # type: ignore[arg-type]


def test_bytearray_body_verifies_like_bytes() -> None:
    verify(body=bytearray(OFFICIAL_BODY))  # type: ignore[arg-type]


@pytest.mark.parametrize(("app_key", "app_secret"), [("", "123"), ("abcdef", "")])
def test_empty_credentials_are_a_configuration_error(app_key: str, app_secret: str) -> None:
    with pytest.raises(WebhookConfigError):
        verify_signature(
            app_key=app_key, app_secret=app_secret, body=OFFICIAL_BODY, signature=OFFICIAL_SIGNATURE
        )
