"""What the fake saw: one record per request, rejected and faulted ones included."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from attrs import field, frozen

__all__ = ["RecordedRequest"]


@frozen(kw_only=True)
class RecordedRequest:
    """A request the fake received and what it answered (``status``/``code`` None if no reply).

    ``fault`` names the injected fault, if any. The repr leaves out query, headers and body,
    which carry secrets (app_secret, tokens, sign).
    """

    method: str
    host: str
    path: str
    query: dict[str, str] = field(repr=False)
    headers: dict[str, str] = field(repr=False)
    body: bytes = field(repr=False)
    status: int | None
    code: int | None
    at: datetime
    request_id: str | None = None
    fault: str | None = None

    def json(self) -> Any:
        """The request body parsed as JSON (``None`` when empty)."""
        return json.loads(self.body) if self.body else None
