"""Seller authorization: the link for the shop owner, code exchange, and explicit refresh."""

from __future__ import annotations

from collections.abc import Callable

from .._config import ClientConfig
from .._core import oauth as _oauth
from .._core.call import CallContext, call
from .._core.drivers import AsyncRuntime, SyncRuntime, TokenKeeper
from .._core.tokens import TokenSet, TokenStore
from .._exceptions import InvalidArgumentError, NotAuthorizedError

__all__ = ["AsyncOAuth", "OAuth"]


def _code(auth_code: str) -> str:
    if not isinstance(auth_code, str) or not auth_code.strip():
        raise InvalidArgumentError("auth_code must be the non-empty 'code' from the redirect URL.")
    return auth_code.strip()


class _OAuthBase:
    def __init__(
        self,
        *,
        config: ClientConfig,
        context: CallContext,
        store: TokenStore | None,
        keeper: TokenKeeper | None,
    ) -> None:
        self._config = config
        self._context = context
        self._store = store
        self._keeper = keeper

    def authorization_url(self, *, state: str | None = None, service_id: str | None = None) -> str:
        """The link the shop owner (not a sub-account) opens to authorize the app.

        Pass a ``state`` (see :meth:`new_state`) and check it on the redirect.
        """
        return _oauth.authorization_url(self._config, state=state, service_id=service_id)

    @staticmethod
    def new_state() -> str:
        """A random ``state`` value for CSRF protection of the redirect."""
        return _oauth.new_state()

    def _save(self, tokens: TokenSet) -> TokenSet:
        if self._store is not None:
            self._store.save(tokens.open_id, tokens)
        return tokens

    def _stored(self, grant: str) -> TokenSet:
        tokens = self._store.load(grant) if self._store is not None else None
        if tokens is None:
            raise NotAuthorizedError(grant)
        return tokens

    def __repr__(self) -> str:
        return f"<{type(self).__name__} region={self._config.region!r}>"


class OAuth(_OAuthBase):
    """Authorization for a blocking client."""

    def __init__(
        self,
        runtime: SyncRuntime,
        *,
        config: ClientConfig,
        context: CallContext,
        store: TokenStore | None,
        keeper: TokenKeeper | None,
    ) -> None:
        super().__init__(config=config, context=context, store=store, keeper=keeper)
        self._run: Callable[..., TokenSet] = runtime.run

    def exchange_code(self, auth_code: str) -> TokenSet:
        """Trade the redirect's single-use ``code`` (valid 30 min) for tokens, and store them."""
        spec = _oauth.exchange_spec(self._config, _code(auth_code))
        return self._save(self._run(call(spec, self._context), self._context))

    def refresh(self, grant: str) -> TokenSet:
        """Refresh ``grant``'s tokens now (the client also does this on its own when needed)."""
        if self._keeper is None:
            raise NotAuthorizedError(grant)
        flow = self._keeper.refresh_flow(grant, self._stored(grant), self._context)
        return self._run(flow, self._context)


class AsyncOAuth(_OAuthBase):
    """Authorization for an async client."""

    def __init__(
        self,
        runtime: AsyncRuntime,
        *,
        config: ClientConfig,
        context: CallContext,
        store: TokenStore | None,
        keeper: TokenKeeper | None,
    ) -> None:
        super().__init__(config=config, context=context, store=store, keeper=keeper)
        self._runtime = runtime

    async def exchange_code(self, auth_code: str) -> TokenSet:
        """Trade the redirect's single-use ``code`` (valid 30 min) for tokens, and store them."""
        spec = _oauth.exchange_spec(self._config, _code(auth_code))
        return self._save(await self._runtime.run(call(spec, self._context), self._context))

    async def refresh(self, grant: str) -> TokenSet:
        """Refresh ``grant``'s tokens now (the client also does this on its own when needed)."""
        if self._keeper is None:
            raise NotAuthorizedError(grant)
        flow = self._keeper.refresh_flow(grant, self._stored(grant), self._context)
        return await self._runtime.run(flow, self._context)
