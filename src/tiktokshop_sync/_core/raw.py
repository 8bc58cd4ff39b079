"""Raw replies on success: TikTok's ``request_id``, HTTP status, headers and body of each call.

TikTok's support asks for the ``request_id`` of a call; errors carry it, and this module gives
it for calls that succeeded. :func:`record_replies` collects a :class:`RawReply` for every call
that succeeds within it (a pager's pages, a workflow's calls); ``view.with_raw_response(method,
...)`` runs one method and returns its result with its replies (:class:`RawResponse`).

The call flow (:func:`~tiktokshop_sync._core.call.call`) hands each successful reply to
:func:`note_reply`, so the sync and async clients share this. Nothing secret is kept: the
request (its signed URL and access-token header) is not, and ``set-cookie`` headers are dropped;
the body is kept as sent (it may hold a buyer's data, so a repr never shows it).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from typing import Any, Generic, ParamSpec, TypeVar

import attrs
import httpx

from .._exceptions import InvalidArgumentError
from .request import Host, RequestSpec

# What tiktokshop_sync publishes from here (it re-exports this list); the helpers the client and
# the call flow import are left out.
__all__ = ["RawReply", "RawResponse", "record_replies"]

T = TypeVar("T")
P = ParamSpec("P")

_DROPPED_HEADERS = frozenset({"set-cookie"})
_RECORDERS: ContextVar[tuple[list[RawReply], ...]] = ContextVar(
    "tiktokshop_sync_reply_recorders", default=()
)


@attrs.frozen(kw_only=True)
class RawReply:
    """One successful reply as TikTok sent it: what a support ticket with TikTok needs.

    ``request_id`` is TikTok's id for the call; ``content`` is the body as received (it may
    hold a buyer's data: the repr leaves it out, as it leaves out the headers).
    """

    method: str
    path: str
    """The endpoint's path, without the signed query."""
    http_status: int
    request_id: str | None
    headers: httpx.Headers = attrs.field(repr=False, eq=False)
    content: bytes = attrs.field(repr=False)

    def json(self) -> Any:
        """The body parsed as JSON (TikTok's envelope: ``code``, ``message``, ``data``...)."""
        return json.loads(self.content)


@attrs.frozen(kw_only=True)
class RawResponse(Generic[T]):
    """A method's result (``parsed``) with the replies of the calls it made, last one first
    in the properties: ``request_id``, ``http_status``, ``headers``, ``content``."""

    parsed: T = attrs.field(repr=False)
    replies: tuple[RawReply, ...]
    """Every call the method made, in order (``orders.get`` of 120 ids makes three)."""

    @property
    def last(self) -> RawReply:
        """The reply of the method's last call."""
        return self.replies[-1]

    @property
    def request_id(self) -> str | None:
        """TikTok's request id of the last call (quote it in a support ticket)."""
        return self.last.request_id

    @property
    def request_ids(self) -> tuple[str | None, ...]:
        """TikTok's request id of every call, in order."""
        return tuple(reply.request_id for reply in self.replies)

    @property
    def http_status(self) -> int:
        """The HTTP status of the last reply."""
        return self.last.http_status

    @property
    def headers(self) -> httpx.Headers:
        """The headers of the last reply (``set-cookie`` left out)."""
        return self.last.headers

    @property
    def content(self) -> bytes:
        """The body of the last reply, as received."""
        return self.last.content


def note_reply(spec: RequestSpec[Any], response: httpx.Response, request_id: str | None) -> None:
    """Hand a successful reply to every :func:`record_replies` block open in this context.

    Replies of the authorization host are never kept: they carry the seller's tokens.
    """
    recorders = _RECORDERS.get()
    if not recorders or spec.host is not Host.API:
        return
    headers = httpx.Headers(
        [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _DROPPED_HEADERS]
    )
    reply = RawReply(
        method=spec.method,
        path=spec.path,
        http_status=response.status_code,
        request_id=request_id,
        headers=headers,
        content=response.content,
    )
    for recorder in recorders:
        recorder.append(reply)


@contextlib.contextmanager
def record_replies() -> Iterator[list[RawReply]]:
    """Within this block, every successful call's :class:`RawReply` is appended to the list.

    ``with record_replies() as replies: pager.to_list()`` gives one reply per page. Blocks
    nest (each gets the replies made within it); threads and asyncio tasks each see their own.
    """
    replies: list[RawReply] = []
    token = _RECORDERS.set((*_RECORDERS.get(), replies))
    try:
        yield replies
    finally:
        _RECORDERS.reset(token)


def _response(result: T, replies: list[RawReply], method: object) -> RawResponse[T]:
    if not replies:
        name = getattr(method, "__qualname__", repr(method))
        raise InvalidArgumentError(
            f"{name} made no call to TikTok, so there is no reply to show: a search returns a "
            "pager that calls nothing yet; pass pager.first_page, or read it within "
            "`with record_replies() as replies:`."
        )
    return RawResponse(parsed=result, replies=tuple(replies))


def call_with_raw_response(
    method: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
) -> RawResponse[T]:
    """Run ``method(*args, **kwargs)``; its result with the replies of the calls it made."""
    with record_replies() as replies:
        result = method(*args, **kwargs)
    return _response(result, replies, method)


async def acall_with_raw_response(
    method: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
) -> RawResponse[T]:
    """Await ``method(*args, **kwargs)``; its result with the replies of the calls it made."""
    with record_replies() as replies:
        result = await method(*args, **kwargs)
    return _response(result, replies, method)


class RawAccess:
    """``with_raw_response`` for the blocking seller and shop views."""

    __slots__ = ()

    def with_raw_response(
        self, method: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> RawResponse[T]:
        """Call ``method`` (``shop.orders.get``...) with these arguments; its result
        (``.parsed``) with the replies of the calls it made (``.request_id``,
        ``.http_status``, ``.headers``, ``.content``)."""
        return call_with_raw_response(method, *args, **kwargs)


class AsyncRawAccess:
    """``with_raw_response`` for the async seller and shop views."""

    __slots__ = ()

    async def with_raw_response(
        self, method: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> RawResponse[T]:
        """Await ``method`` (``shop.orders.get``...) with these arguments; its result
        (``.parsed``) with the replies of the calls it made (``.request_id``...)."""
        return await acall_with_raw_response(method, *args, **kwargs)
