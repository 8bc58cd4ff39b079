"""The only code that differs between sync and async: performing a flow's effects.

Each driver sends requests, sleeps, and obtains access tokens (refreshing them single-flight:
N concurrent calls with an expired token cause exactly one refresh).
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import attrs
import httpx

from .._exceptions import (
    APIError,
    InvalidAppKeyError,
    NotAuthorizedError,
    ReauthorizationRequiredError,
    SignatureError,
)
from .call import CallContext, Flow, GetToken, Send, Sleep, call
from .clock import Clock
from .logs import logger
from .oauth import refresh_spec
from .retry import RetryPolicy
from .tokens import TokenSet, TokenStore

__all__ = ["AsyncRuntime", "SyncRuntime", "TokenKeeper"]

T = TypeVar("T")

_NO_RETRY = RetryPolicy(max_retries=0)


@attrs.frozen(kw_only=True)
class TokenKeeper:
    """Decides when a stored token must be refreshed and how; shared by both runtimes."""

    store: TokenStore
    clock: Clock
    margin: Any  # timedelta; typed loosely to keep attrs' converter-free equality simple

    def usable(self, grant: str, rejected: str | None) -> tuple[TokenSet, bool]:
        """The stored tokens for ``grant`` and whether the access token can be used as is."""
        tokens = self.store.load(grant)
        if tokens is None:
            raise NotAuthorizedError(grant)
        if rejected is not None and tokens.access_token == rejected:
            return tokens, False
        return tokens, tokens.access_token_usable(self.clock.now(), self.margin)

    def refresh_flow(self, grant: str, tokens: TokenSet, ctx: CallContext) -> Flow[TokenSet]:
        """Refresh ``tokens`` once (never retried) and store both new tokens in one write."""
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
            raise ReauthorizationRequiredError(
                grant, f"TikTok refused the token refresh ({error.code}: {error.message})"
            ) from error
        self.store.save(grant, fresh)
        logger.info("refreshed the access token for seller %s", grant)
        return fresh


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
                    value = self.http.send(effect.request)
                elif isinstance(effect, Sleep):
                    self._sleep(effect.seconds)
                elif isinstance(effect, GetToken):
                    value = self._token(effect, ctx)
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
            tokens, ok = keeper.usable(request.grant, request.rejected)
            if ok:
                return tokens.access_token
            return self.run(keeper.refresh_flow(request.grant, tokens, ctx), ctx).access_token


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
                    value = await self.http.send(effect.request)
                elif isinstance(effect, Sleep):
                    await self._sleep(effect.seconds)
                elif isinstance(effect, GetToken):
                    value = await self._token(effect, ctx)
            except Exception as exc:
                error = exc

    def _lock(self, grant: str) -> asyncio.Lock:
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
            tokens, ok = keeper.usable(request.grant, request.rejected)
            if ok:
                return tokens.access_token
            fresh = await self.run(keeper.refresh_flow(request.grant, tokens, ctx), ctx)
            return fresh.access_token
