"""Errors raised while receiving webhooks; all are :class:`WebhookError` subclasses."""

from __future__ import annotations

from typing import Literal

from tiktokshop_sync._exceptions import TikTokShopError

__all__ = [
    "SignatureProblem",
    "WebhookConfigError",
    "WebhookError",
    "WebhookPayloadError",
    "WebhookSignatureError",
]

#: Why a signature was refused: no header, not 64 hex digits, a ``Bearer`` prefix, or no match.
SignatureProblem = Literal["missing", "malformed", "bearer", "mismatch"]


class WebhookError(TikTokShopError):
    """Base class of every error raised while verifying or parsing a TikTok Shop webhook."""


class WebhookConfigError(WebhookError, ValueError):
    """The verifier was given an unusable setting (for example an empty app secret)."""


class WebhookSignatureError(WebhookError):
    """The ``Authorization`` header is missing or does not sign this body: answer HTTP 401."""

    def __init__(self, message: str, *, problem: SignatureProblem) -> None:
        super().__init__(message)
        self.problem: SignatureProblem = problem

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_signature_error, (str(self), self.problem))


class WebhookPayloadError(WebhookError):
    """A verified body is not a webhook we can read (not UTF-8 JSON, no ``type``, bad fields).

    ``body`` keeps the raw bytes so the delivery can be logged or stored for replay.
    """

    def __init__(self, message: str, *, body: bytes, event_type: int | None = None) -> None:
        super().__init__(message)
        self.body = body
        self.event_type = event_type

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_payload_error, (str(self), self.body, self.event_type))


def _rebuild_signature_error(message: str, problem: SignatureProblem) -> WebhookSignatureError:
    return WebhookSignatureError(message, problem=problem)


def _rebuild_payload_error(
    message: str, body: bytes, event_type: int | None
) -> WebhookPayloadError:
    return WebhookPayloadError(message, body=body, event_type=event_type)


# Tracebacks name the public path, tiktokshop_sync.webhooks.WebhookSignatureError.
for _error in (WebhookError, WebhookConfigError, WebhookSignatureError, WebhookPayloadError):
    _error.__module__ = "tiktokshop_sync.webhooks"
