"""The only code that differs between sync and async: performing a flow's effects.

Each driver sends requests, sleeps, and obtains access tokens (refreshing them single-flight:
N concurrent calls with an expired token cause exactly one refresh, in one process through
the runtime's lock and across processes through the token store's refresh lease).
"""

from __future__ import annotations

import inspect
import os
import secrets
import socket
import threading
import weakref
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import httpx

from .._exceptions import (
    APIError,
    InvalidAppKeyError,
    NotAuthorizedError,
    ReauthorizationRequiredError,
    SignatureError,
)
from .call import CallContext, Flow, GetToken, Host, Send, Sleep, call
from .clock import Clock
from .logs import logger
from .oauth import refresh_spec
from .retry import RetryPolicy
from .tokens import RefreshLeases, TokenSet, TokenStore

if TYPE_CHECKING:
    import asyncio

__all__ = ["AsyncRuntime", "SyncRuntime", "TokenKeeper", "new_holder"]

T = TypeVar("T")

_NO_RETRY = RetryPolicy(max_retries=0)


#: Refusals of a refresh token: unknown (rotated away or revoked) and expired.
_REFUSED_REFRESH = frozenset({36004001, 36004005})


def new_holder() -> str:
    """A name for this worker in lease rows: host, process and a random part (two clients in
    one process are two holders)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


@attrs.frozen(kw_only=True)
class TokenKeeper:
    """Decides when a stored token must be refreshed and how; shared by both runtimes.

    One refresh per grant at a time: threads and tasks of one client wait on the runtime's
    lock; other workers wait on the store's refresh lease (:class:`RefreshLeases`), a row with
    a holder and an expiry, so no database lock is held across the call to TikTok and a
    crashed worker's lease simply runs out. The lease outlives the slowest refresh call.
    """

    store: TokenStore
    clock: Clock
    margin: Any  # timedelta; typed loosely to keep attrs' converter-free equality simple
    holder: str = attrs.field(factory=new_holder)
    lease_ttl: timedelta = timedelta(seconds=90)
    #: How long a store without leases is re-read after a refused refresh, for the tokens a
    #: worker that refreshed at the same moment is about to save.
    refused_grace: timedelta = timedelta(seconds=5)

    def usable(self, grant: str, rejected: str | None) -> tuple[TokenSet, bool]:
        """The stored tokens for ``grant`` and whether the access token can be used as is."""
        tokens = self.store.load(grant)
        if tokens is None:
            raise NotAuthorizedError(grant)
        if rejected is not None and tokens.access_token == rejected:
            return tokens, False
        return tokens, tokens.access_token_usable(self.clock.now(), self.margin)

    def access_flow(self, grant: str, rejected: str | None, ctx: CallContext) -> Flow[str]:
        """A usable access token for ``grant``, refreshed first if it is not."""
        tokens, ok = self.usable(grant, rejected)
        if ok:
            return tokens.access_token
        fresh = yield from self.refresh_flow(grant, tokens, ctx)
        return fresh.access_token

    def refresh_flow(self, grant: str, tokens: TokenSet, ctx: CallContext) -> Flow[TokenSet]:
        """Replace ``tokens`` (stale: expired, rejected or asked for) by fresh ones.

        With a leasing store: refresh only while holding the grant's lease and only if the
        stored access token is still ``tokens``'; otherwise wait for, then use, what another
        worker stored. Without: refresh at once, as one process always did.
        """
        store = self.store
        if not isinstance(store, RefreshLeases):
            fresh, refreshed = yield from self._refresh(grant, tokens, ctx, leased=False)
            if refreshed:
                store.save(grant, fresh)
            return fresh
        stale, poll = tokens.access_token, 0.05
        while True:
            now = self.clock.now()
            claim = store.claim_refresh(
                grant, stale=stale, holder=self.holder, now=now, ttl=self.lease_ttl
            )
            if claim.tokens is None:
                raise NotAuthorizedError(grant)
            if claim.tokens.access_token != stale:
                logger.debug("seller %s's token was refreshed by another worker", grant)
                return claim.tokens
            if claim.claimed:
                break
            wait = (claim.until - now).total_seconds() if claim.until is not None else poll
            logger.debug("waiting for worker %s to refresh seller %s's token", claim.holder, grant)
            yield Sleep(max(0.001, min(poll, wait)))
            poll = min(poll * 2, 1.0)
        try:
            fresh, refreshed = yield from self._refresh(grant, claim.tokens, ctx, leased=True)
        except BaseException:
            store.finish_refresh(grant, holder=self.holder, tokens=None)
            raise
        store.finish_refresh(grant, holder=self.holder, tokens=fresh if refreshed else None)
        return fresh

    def _refresh(
        self, grant: str, tokens: TokenSet, ctx: CallContext, *, leased: bool
    ) -> Flow[tuple[TokenSet, bool]]:
        """One refresh call (never retried): the new tokens and True, or, when TikTok refused
        the refresh token because another worker already used it, that worker's tokens and
        False. Only a refused token the store still holds needs the shop owner."""
        if not tokens.refresh_token_usable(self.clock.now()):
            raise ReauthorizationRequiredError(
                grant,
                "the refresh token expired",
                refresh_token_expires_at=tokens.refresh_token_expires_at,
            )
        once = attrs.evolve(ctx, policy=_NO_RETRY, grant=None, shop_cipher=None)
        try:
            fresh = yield from call(refresh_spec(ctx.config, tokens.refresh_token), once)
        except APIError as error:
            # A wrong app key or secret is the app's to fix: re-authorizing would not help.
            if error.retryable or isinstance(error, SignatureError | InvalidAppKeyError):
                raise
            if error.code in _REFUSED_REFRESH:
                newer = yield from self._newer(grant, tokens, waiting=not leased)
                if newer is not None:
                    logger.info("seller %s's tokens were refreshed by another worker", grant)
                    return newer, False
            raise ReauthorizationRequiredError(
                grant, f"TikTok refused the token refresh ({error.code}: {error.message})"
            ) from error
        logger.info("refreshed the access token for seller %s", grant)
        return fresh, True

    def _newer(self, grant: str, tokens: TokenSet, *, waiting: bool) -> Flow[TokenSet | None]:
        """Stored tokens with another refresh token than ``tokens``', if any appear.

        Without leases another worker may be between its refresh and its save, so the store
        is read again for ``refused_grace`` (counted in the sleeps asked for, so a clock that
        does not move cannot stretch it); with a lease nobody else refreshes meanwhile.
        """
        budget = self.refused_grace.total_seconds() if waiting else 0.0
        poll = 0.05
        while True:
            current = self.store.load(grant)
            if current is not None and current.refresh_token != tokens.refresh_token:
                return current
            if budget <= 0:
                return None
            yield Sleep(min(poll, budget))
            budget -= poll
            poll = min(poll * 2, 1.0)


def _unbound(response: httpx.Response) -> httpx.Response:
    """``response``, already read, with its stream replaced by the bytes it read.

    httpx's client binds a response's stream to the response, a reference cycle, so a reply's
    body (about 330 KB for a page of 100 orders) lived until the cyclic garbage collector next
    looked instead of until the SDK let go of it; with the collector paused while replies are
    read, some ten pages' bodies stayed in memory (issue 19). The new stream gives the same
    bytes to anyone who reads the response again.
    """
    response.stream = httpx.ByteStream(response.content)
    return response


def _blocking_host_call(effect: Host) -> Any:
    """``effect.fn(*effect.args)``, refusing an async function (it would never run)."""
    value = effect.fn(*effect.args)
    if inspect.isawaitable(value):
        close = getattr(value, "close", None)
        if close is not None:
            close()  # a coroutine never awaited would warn at garbage collection
        raise TypeError(
            f"{getattr(effect.fn, '__qualname__', effect.fn)} is async: use the async client "
            "(AsyncTikTokShop) and the Async* workflow, which await it"
        )
    return value


class SyncRuntime:
    """Runs flows with a blocking ``httpx.Client``."""

    def __init__(
        self,
        http: httpx.Client,
        *,
        sleep: Callable[[float], None],
        keeper: TokenKeeper | None,
    ) -> None:
        self.http = http
        self._sleep = sleep
        self._keeper = keeper
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def run(self, flow: Flow[T], ctx: CallContext) -> T:
        """Drive ``flow`` to completion, performing each effect it yields."""
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                effect = flow.send(value) if error is None else flow.throw(error)
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            value, error = None, None
            try:
                if isinstance(effect, Send):
                    value = _unbound(self.http.send(effect.request))
                elif isinstance(effect, Sleep):
                    self._sleep(effect.seconds)
                elif isinstance(effect, GetToken):
                    value = self._token(effect, ctx)
                elif isinstance(effect, Host):
                    value = _blocking_host_call(effect)
            except Exception as exc:
                error = exc

    def _lock(self, grant: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(grant, threading.Lock())

    def _token(self, request: GetToken, ctx: CallContext) -> str:
        keeper = self._keeper
        if keeper is None:
            raise NotAuthorizedError(request.grant)
        tokens, ok = keeper.usable(request.grant, request.rejected)
        if ok:
            return tokens.access_token
        with self._lock(request.grant):
            return self.run(keeper.access_flow(request.grant, request.rejected, ctx), ctx)


class AsyncRuntime:
    """Runs flows with an ``httpx.AsyncClient``."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        sleep: Callable[[float], Awaitable[None]],
        keeper: TokenKeeper | None,
    ) -> None:
        self.http = http
        self._sleep = sleep
        self._keeper = keeper
        self._guard = threading.Lock()
        self._locks: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[str, asyncio.Lock]
        ] = weakref.WeakKeyDictionary()

    async def run(self, flow: Flow[T], ctx: CallContext) -> T:
        """Drive ``flow`` to completion, performing each effect it yields."""
        value: Any = None
        error: BaseException | None = None
        while True:
            try:
                effect = flow.send(value) if error is None else flow.throw(error)
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            value, error = None, None
            try:
                if isinstance(effect, Send):
                    value = _unbound(await self.http.send(effect.request))
                elif isinstance(effect, Sleep):
                    await self._sleep(effect.seconds)
                elif isinstance(effect, GetToken):
                    value = await self._token(effect, ctx)
                elif isinstance(effect, Host):
                    value = effect.fn(*effect.args)
                    if inspect.isawaitable(value):
                        value = await value
            except Exception as exc:
                error = exc

    def _lock(self, grant: str) -> asyncio.Lock:
        # Imported here: only an async caller gets here, and it has imported asyncio already
        # (the client itself loads without it).
        import asyncio

        loop = asyncio.get_running_loop()
        with self._guard:
            per_loop = self._locks.setdefault(loop, {})
            return per_loop.setdefault(grant, asyncio.Lock())

    async def _token(self, request: GetToken, ctx: CallContext) -> str:
        keeper = self._keeper
        if keeper is None:
            raise NotAuthorizedError(request.grant)
        tokens, ok = keeper.usable(request.grant, request.rejected)
        if ok:
            return tokens.access_token
        async with self._lock(request.grant):
            return await self.run(keeper.access_flow(request.grant, request.rejected, ctx), ctx)
