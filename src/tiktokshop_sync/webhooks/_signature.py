"""Webhook signatures: lowercase hex HMAC-SHA256 keyed with the app secret over app_key + raw body.

TikTok puts the bare digest in the ``Authorization`` header (no ``Bearer``) and signs the exact
bytes it sent, so the body is never decoded or re-serialised here (tiktok-api.md §6.2).
"""

from __future__ import annotations

import hashlib
import hmac

from tiktokshop_sync.webhooks._errors import WebhookConfigError, WebhookSignatureError

__all__ = ["compute_signature", "verify_signature"]

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_DIGEST_LENGTH = 64


def compute_signature(*, app_key: str, app_secret: str, body: bytes) -> str:
    """The lowercase hex signature TikTok sends for ``body``; useful for fakes and tests."""
    _check_settings(app_key, app_secret)
    message = app_key.encode("utf-8") + _as_bytes(body)
    return hmac.new(app_secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify_signature(*, app_key: str, app_secret: str, body: bytes, signature: str | None) -> None:
    """Raise :class:`WebhookSignatureError` unless ``signature`` signs the raw ``body``.

    Either hex letter case and surrounding whitespace are accepted; a ``Bearer`` prefix is not,
    because TikTok sends a bare digest and anything else points at a misrouted request.
    """
    expected = compute_signature(app_key=app_key, app_secret=app_secret, body=body)
    given = _normalise(signature)
    if not hmac.compare_digest(expected.encode("ascii"), given.encode("ascii")):
        raise WebhookSignatureError(
            "webhook signature does not match this body: check that the app secret belongs to "
            f"app_key {app_key!r} and that you pass the raw request bytes (re-serialised JSON "
            "never matches)",
            problem="mismatch",
        )


def _normalise(signature: str | None) -> str:
    """The digest in lowercase, or a signature error saying what is wrong with the header."""
    if signature is not None and not isinstance(signature, str):
        raise TypeError(
            f"signature must be the Authorization header as str, not {type(signature).__name__}; "
            "decode raw header bytes as latin-1 first"
        )
    if signature is None or not signature.strip():
        raise WebhookSignatureError(
            "webhook has no Authorization header: TikTok signs every delivery, so this request "
            "did not come from TikTok or a proxy dropped the header",
            problem="missing",
        )
    value = signature.strip()
    if value[:7].lower() == "bearer ":
        raise WebhookSignatureError(
            "webhook Authorization header has a 'Bearer' prefix: TikTok sends the bare hex "
            "digest, so this request did not come from TikTok",
            problem="bearer",
        )
    if len(value) != _DIGEST_LENGTH or not _HEX_DIGITS.issuperset(value):
        raise WebhookSignatureError(
            "webhook Authorization header is not a 64-digit hex HMAC-SHA256 digest",
            problem="malformed",
        )
    return value.lower()


def _check_settings(app_key: str, app_secret: str) -> None:
    if not isinstance(app_key, str) or not app_key:
        raise WebhookConfigError("app_key is empty: pass the App Key shown in Partner Center")
    if not isinstance(app_secret, str) or not app_secret:
        raise WebhookConfigError("app_secret is empty: pass the App Secret shown in Partner Center")


def _as_bytes(body: bytes) -> bytes:
    if isinstance(body, str):
        raise TypeError(
            "pass the raw request body as bytes, not str: decoding and re-encoding can change "
            "the bytes TikTok signed"
        )
    return bytes(body)
