"""Clients over an in-process transport, with a seller's tokens already stored."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import httpx

from tiktokshop_sync import InMemoryTokenStore, TikTokShop, TokenSet

#: The grant (seller ``open_id``) whose tokens these clients store.
GRANT = "g"


def client_with(transport: httpx.BaseTransport, **options: Any) -> TikTokShop:
    """A client sending through ``transport``, never retrying unless ``options`` say so."""
    now = datetime.now(timezone.utc)
    tokens = TokenSet(
        access_token="at",
        access_token_expires_at=now + timedelta(days=7),
        refresh_token="rt",
        refresh_token_expires_at=now + timedelta(days=365),
        open_id=GRANT,
    )
    return TikTokShop(
        app_key="k",
        app_secret="s",
        http_client=httpx.Client(transport=transport),
        token_store=InMemoryTokenStore({GRANT: tokens}),
        **{"max_retries": 0, **options},
    )


def client_replying(body: bytes, status: int = 200, **options: Any) -> TikTokShop:
    """A client answering every request with ``body`` (and ``status``)."""
    transport = httpx.MockTransport(lambda request: httpx.Response(status, content=body))
    return client_with(transport, **options)
