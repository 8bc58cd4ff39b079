"""The in-process transport: one object that is both an httpx sync and async transport."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tiktokshop_sync.testing._http import Dropped, Outcome, RawRequest

__all__ = ["FakeTransport"]


def _raw(request: httpx.Request, body: bytes) -> RawRequest:
    headers: dict[str, str] = {}
    for name, value in request.headers.multi_items():
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return RawRequest(
        method=request.method,
        host=request.url.host,
        path=request.url.path,
        raw_query=request.url.query.decode("ascii", errors="replace"),
        headers=headers,
        body=body,
    )


def _response(request: httpx.Request, outcome: Outcome) -> httpx.Response:
    if isinstance(outcome, Dropped):
        if outcome.kind == "connect_error":
            raise httpx.ConnectError("FakeShop: injected connect error", request=request)
        raise httpx.ReadTimeout("FakeShop: injected timeout (reply lost)", request=request)
    return httpx.Response(
        outcome.status, headers=list(outcome.headers), content=outcome.body, request=request
    )


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Pass to ``httpx.Client(transport=...)`` or ``httpx.AsyncClient(transport=...)``.

    No sockets: any host works (routing is by path) unless ``strict_base_urls`` is on.
    """

    def __init__(self, handler: Callable[[RawRequest], Outcome]) -> None:
        self._handler = handler

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request synchronously."""
        return _response(request, self._handler(_raw(request, request.read())))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request from async code (the work itself is quick and in-memory)."""
        body = await request.aread()
        return _response(request, self._handler(_raw(request, body)))

    def close(self) -> None:
        """Nothing to release; the fake outlives the clients that use it."""

    async def aclose(self) -> None:
        """Nothing to release; the fake outlives the clients that use it."""

    def __repr__(self) -> str:
        return "FakeTransport()"
