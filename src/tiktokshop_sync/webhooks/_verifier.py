"""A configured verifier: app credentials held once, secret kept out of reprs."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from tiktokshop_sync.webhooks._errors import WebhookConfigError
from tiktokshop_sync.webhooks._parse import parse_event
from tiktokshop_sync.webhooks._signature import verify_signature
from tiktokshop_sync.webhooks.events import WebhookEvent

__all__ = ["HeadersOrSignature", "WebhookVerifier"]

#: The ``Authorization`` value itself, or the request headers to find it in (any letter case).
HeadersOrSignature = str | Mapping[str, str] | None

# WSGI environ spells the header HTTP_AUTHORIZATION; everything else spells it Authorization.
_HEADER_NAMES = frozenset({"authorization", "http_authorization"})


def _non_empty(name: str, where: str) -> Callable[[Any, Any, str], None]:
    def check(_instance: Any, _attribute: Any, value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise WebhookConfigError(f"{name} is empty: pass the {where} shown in Partner Center")

    return check


@attrs.frozen(kw_only=True)
class WebhookVerifier:
    """Checks and parses webhooks for one app; build once at startup and share across threads."""

    app_key: str = attrs.field(validator=_non_empty("app_key", "App Key"))
    app_secret: str = attrs.field(repr=False, validator=_non_empty("app_secret", "App Secret"))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebhookVerifier:
        """Read TIKTOKSHOP_APP_KEY and TIKTOKSHOP_APP_SECRET now (never at import time)."""
        env = os.environ if environ is None else environ
        missing = [n for n in ("TIKTOKSHOP_APP_KEY", "TIKTOKSHOP_APP_SECRET") if not env.get(n)]
        if missing:
            raise WebhookConfigError(
                f"{' and '.join(missing)} not set: export the App Key and App Secret "
                "from Partner Center"
            )
        return cls(app_key=env["TIKTOKSHOP_APP_KEY"], app_secret=env["TIKTOKSHOP_APP_SECRET"])

    def verify(self, body: bytes, headers_or_signature: HeadersOrSignature) -> None:
        """Raise :class:`WebhookSignatureError` unless the request's signature signs ``body``."""
        verify_signature(
            app_key=self.app_key,
            app_secret=self.app_secret,
            body=body,
            signature=_signature_from(headers_or_signature),
        )

    def parse(self, body: bytes, headers_or_signature: HeadersOrSignature) -> WebhookEvent:
        """Verify, then parse: a body is never parsed before its signature checks out."""
        self.verify(body, headers_or_signature)
        return parse_event(body)


def _signature_from(headers_or_signature: HeadersOrSignature) -> str | None:
    if headers_or_signature is None or isinstance(headers_or_signature, str):
        return headers_or_signature
    for name, value in headers_or_signature.items():
        if name.lower() in _HEADER_NAMES:
            return value
    return None
