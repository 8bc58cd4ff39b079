"""TikTokShop and AsyncTikTokShop: one immutable app client that hands out seller and shop views.

The app client holds the configuration, the token store and one connection pool. Views narrow
it to a seller's token (``client.seller(open_id)``) and to one of that seller's shops
(``client.shop(cipher, grant=open_id)``); they share the pool and carry no mutable state.
"""

from __future__ import annotations

import copy
import importlib
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

import attrs
import httpx

from ._config import ClientConfig, Region
from ._core import settings
from ._core.call import CallContext, Flow, call
from ._core.clock import Clock, SystemClock
from ._core.drivers import AsyncRuntime, SyncRuntime, TokenKeeper
from ._core.logs import install_redaction, setup_logging
from ._core.ratelimit import RateLimit, RateLimiter, RateLimitStore
from ._core.raw import AsyncRawAccess, RawAccess
from ._core.request import Cipher, RequestSpec
from ._core.retry import RetryPolicy
from ._core.scope import AsyncScope, SyncScope
from ._core.tokens import TokenStore
from ._core.typing_compat import Self, TypedDict, Unpack
from ._exceptions import ConfigurationError, InvalidArgumentError
from .resources import _params
from .resources.oauth import AsyncOAuth, OAuth
from .resources.shops import AsyncShops, Shops

if TYPE_CHECKING:
    from .resources.events import AsyncEvents, Events
    from .resources.finance import AsyncFinance, Finance
    from .resources.fulfillment import AsyncFulfillment, Fulfillment
    from .resources.logistics import AsyncLogistics, Logistics
    from .resources.orders import AsyncOrders, Orders
    from .resources.products import AsyncProducts, Products
    from .resources.returns import AsyncReturns, Returns
    from .types.shop import AuthorizedShop

__all__ = [
    "AsyncSellerClient",
    "AsyncShopClient",
    "AsyncTikTokShop",
    "CallOptions",
    "SellerClient",
    "ShopClient",
    "TikTokShop",
]

T = TypeVar("T")
HttpT = TypeVar("HttpT", httpx.Client, httpx.AsyncClient)
SleepT = TypeVar("SleepT")

_CONFIG_FIELDS = {f.name for f in attrs.fields(ClientConfig)}


def _grant(grant: str) -> str:
    if not isinstance(grant, str) or not grant.strip():
        raise InvalidArgumentError(
            "grant must be the seller's open_id (TokenSet.open_id from exchange_code)."
        )
    return grant


def _cipher(cipher: str) -> str:
    if not isinstance(cipher, str) or not cipher.strip():
        raise InvalidArgumentError(
            "shop_cipher must be the 'cipher' of a shop from seller.shops.authorized()."
        )
    return cipher


def _shop_target(shop: str | AuthorizedShop, region: str | None) -> tuple[str, str | None]:
    """The cipher and market of a shop given as its cipher or as ``shops.authorized()`` lists it.

    The market (``JP``) comes from ``region=`` or else from the listed shop; without either
    the view does not know it, and after-sales look-ups send no ``locale`` unless asked.
    """
    cipher: Any = shop
    listed: str | None = None
    if not isinstance(shop, str):  # an AuthorizedShop (not imported: no model loads until a reply)
        cipher, listed = getattr(shop, "cipher", None), getattr(shop, "region", None) or None
    chosen = region if region is not None else listed
    return _cipher(cipher), None if chosen is None else _params.region(chosen)


def _raw_spec(
    method: str,
    path: str,
    *,
    query: Mapping[str, Any] | None,
    json: Any,
    idempotent: bool | None,
    cipher: Cipher,
) -> RequestSpec[Any]:
    if not path.startswith("/"):
        raise InvalidArgumentError(
            f"path must start with '/', e.g. '/order/202309/orders', got {path!r}."
        )
    verb = method.upper()
    return RequestSpec(
        method=verb,
        path=path,
        query=dict(query or {}),
        json=json,
        cipher=cipher,
        idempotent=verb == "GET" if idempotent is None else idempotent,
    )


class CallOptions(TypedDict, total=False):
    """The settings ``with_options()`` can change for the calls made through a copy."""

    timeout: float
    connect_timeout: float
    max_retries: int
    retry: RetryPolicy
    strict_models: bool
    rate_limit: RateLimit | RateLimitStore


def _retry_setting(max_retries: object, retry: object, where: str) -> RetryPolicy | None:
    """The ``retry`` policy, refusing it beside ``max_retries`` (two answers to one question)."""
    if retry is not None and max_retries is not None:
        raise ConfigurationError(
            f"Pass either max_retries or retry to {where}, not both: a RetryPolicy carries "
            "its own max_retries."
        )
    if retry is not None and not isinstance(retry, RetryPolicy):
        raise ConfigurationError(f"retry must be a RetryPolicy, got {type(retry).__name__}.")
    return retry


def _config_conflicts(config: ClientConfig, given: Mapping[str, object]) -> None:
    """Refuse keywords that ``config`` already carries: one of the two would be dropped."""
    if not isinstance(config, ClientConfig):
        raise ConfigurationError(f"config must be a ClientConfig, got {type(config).__name__}.")
    clashing = sorted(name for name, value in given.items() if value is not None)
    if clashing:
        raise ConfigurationError(
            f"config= already carries {', '.join(clashing)}: pass them in the ClientConfig "
            f"(e.g. attrs.evolve(config, {clashing[0]}=...) or ClientConfig.from_env(..., "
            f"{clashing[0]}=...)), or change a built client with with_options(), not as "
            "keywords beside config=."
        )


def _limiter(rate_limit: object) -> RateLimitStore:
    """A RateLimit gets its own in-memory limiter; a store (shared by workers) is used as is."""
    if isinstance(rate_limit, RateLimit):
        return RateLimiter(rate_limit)
    if isinstance(rate_limit, RateLimitStore):
        return rate_limit
    raise ConfigurationError(
        f"rate_limit must be a RateLimit (e.g. RateLimit(qps=10)) or a shared limiter such as "
        f"SQLiteRateLimiter or PostgresRateLimiter, got {type(rate_limit).__name__}."
    )


def _with_options(context: CallContext, options: CallOptions) -> CallContext:
    """``context`` with the given settings changed; everything else (grant, cipher) kept."""
    unknown = set(options) - set(CallOptions.__annotations__)
    if unknown:
        raise ConfigurationError(
            f"with_options() got unknown setting(s) {', '.join(sorted(unknown))}; it takes "
            f"{', '.join(CallOptions.__annotations__)}."
        )
    timeout = options.get("timeout")
    connect_timeout = options.get("connect_timeout")
    max_retries = options.get("max_retries")
    retry = options.get("retry")
    strict_models = options.get("strict_models")
    rate_limit = options.get("rate_limit")
    retry = _retry_setting(max_retries, retry, "with_options()")
    changes: dict[str, Any] = {}
    if timeout is not None:
        changes["timeout"] = timeout
    if connect_timeout is not None:
        changes["connect_timeout"] = connect_timeout
    policy = context.policy
    if retry is not None:
        policy = retry
    elif max_retries is not None:
        policy = attrs.evolve(policy, max_retries=max_retries)
    if policy is not context.policy:
        changes["max_retries"] = policy.max_retries
    config = attrs.evolve(context.config, **changes) if changes else context.config
    limiter = context.limiter
    if rate_limit is not None:
        limiter = _limiter(rate_limit)
    return attrs.evolve(
        context,
        config=config,
        policy=policy,
        strict=context.strict
        if strict_models is None
        else settings.flag("strict_models", strict_models),
        limiter=limiter,
    )


class _AppClient(Generic[HttpT, SleepT]):
    """Configuration and collaborators shared by the sync and async app clients."""

    _http_type: type[httpx.Client] | type[httpx.AsyncClient]

    def __init__(
        self,
        *,
        app_key: str | None = None,
        app_secret: str | None = None,
        base_url: str | None = None,
        auth_base_url: str | None = None,
        region: Region | None = None,
        service_id: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        refresh_margin: timedelta | None = None,
        token_store: TokenStore | None = None,
        http_client: HttpT | None = None,
        clock: Clock | None = None,
        sleep: SleepT | None = None,
        rng: random.Random | None = None,
        strict_models: bool = False,
        redact_http_logs: bool = True,
        rate_limit: RateLimit | RateLimitStore | None = None,
        config: ClientConfig | None = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, self._http_type):
            raise ConfigurationError(
                f"http_client must be an {self._http_type.__module__}.{self._http_type.__name__} "
                f"for {type(self).__name__} (TikTokShop takes httpx.Client, AsyncTikTokShop "
                "takes httpx.AsyncClient)."
            )
        retry = _retry_setting(max_retries, retry, f"{type(self).__name__}()")
        given: dict[str, object] = {
            "app_key": app_key,
            "app_secret": app_secret,
            "base_url": base_url,
            "auth_base_url": auth_base_url,
            "region": region,
            "service_id": service_id,
            "timeout": timeout,
            "connect_timeout": connect_timeout,
            "max_retries": max_retries,
            "refresh_margin": refresh_margin,
        }
        if config is None:
            values = {k: v for k, v in given.items() if v is not None}
            values.setdefault("app_key", "")
            values.setdefault("app_secret", "")
            if retry is not None:
                values["max_retries"] = retry.max_retries
            config = ClientConfig(**values)  # type: ignore[arg-type]
        else:
            _config_conflicts(config, given)
            if retry is not None and retry.max_retries != config.max_retries:
                raise ConfigurationError(
                    f"config= says max_retries={config.max_retries} but retry= says "
                    f"max_retries={retry.max_retries}: make them agree (or pass retry alone)."
                )
        settings.flag("strict_models", strict_models)
        settings.flag("redact_http_logs", redact_http_logs)
        limiter = _limiter(rate_limit) if rate_limit is not None else None
        if token_store is not None and not isinstance(token_store, TokenStore):
            raise ConfigurationError(
                "token_store must implement load/save/delete, e.g. "
                "SQLiteTokenStore('tokens.db') or InMemoryTokenStore()."
            )
        self.config = config
        self.token_store = token_store
        self.clock: Clock = clock or SystemClock()
        self.retry = retry or RetryPolicy(max_retries=config.max_retries)
        self._owns_http = http_client is None
        self._keeper = (
            TokenKeeper(store=token_store, clock=self.clock, margin=config.refresh_margin)
            if token_store is not None
            else None
        )
        self._context = CallContext(
            config=config,
            clock=self.clock,
            policy=self.retry,
            rng=rng or random.Random(),
            strict=strict_models,
            limiter=limiter,
        )
        if redact_http_logs:
            install_redaction()
        setup_logging()  # TIKTOKSHOP_LOG, read now: never at import
        self._setup(http_client, sleep)

    def _setup(self, http_client: HttpT | None, sleep: SleepT | None) -> None:
        raise NotImplementedError

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> Self:
        """A client configured from ``TIKTOKSHOP_*`` variables, read now; keywords override."""
        overrides = {k: kwargs.pop(k) for k in list(kwargs) if k in _CONFIG_FIELDS}
        retry = _retry_setting(overrides.get("max_retries"), kwargs.get("retry"), "from_env()")
        if retry is not None:  # a keyword wins over TIKTOKSHOP_MAX_RETRIES, as documented
            overrides["max_retries"] = retry.max_retries
        return cls(config=ClientConfig.from_env(environ, **overrides), **kwargs)

    def _timeout(self) -> httpx.Timeout:
        return httpx.Timeout(self.config.timeout, connect=self.config.connect_timeout)

    def with_options(self, **options: Unpack[CallOptions]) -> Self:
        """A copy of this client with some settings changed, sharing its pool and tokens.

        ``client.with_options(timeout=5, max_retries=0).seller(open_id).shops.authorized()``.
        The copy shares the connection pool, the token store and the single-flight refresh,
        and never closes the pool. ``rate_limit`` gives the copy its own, separate limiter.
        """
        context = _with_options(self._context, options)
        clone = copy.copy(self)
        clone._context = context
        clone.config = context.config
        clone.retry = context.policy
        clone._owns_http = False
        clone._rebind()
        return clone

    def _rebind(self) -> None:
        raise NotImplementedError

    def _seller_context(self, grant: str) -> CallContext:
        return attrs.evolve(self._context, grant=_grant(grant))

    def _shop_context(
        self, shop: str | AuthorizedShop, grant: str, region: str | None
    ) -> CallContext:
        cipher, market = _shop_target(shop, region)
        return attrs.evolve(
            self._context, grant=_grant(grant), shop_cipher=cipher, shop_region=market
        )

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(app_key={self.config.app_key!r}, "
            f"base_url={self.config.base_url!r}, token_store={self.token_store!r})"
        )


class TikTokShop(_AppClient[httpx.Client, Callable[[float], None]]):
    """The blocking TikTok Shop client for one app (app_key + app_secret).

    Keywords: ``app_key``, ``app_secret``, ``base_url``, ``auth_base_url``, ``region``
    ("row" includes Japan), ``service_id``, ``timeout``, ``connect_timeout``, ``max_retries``
    or a full ``retry`` policy, ``refresh_margin``, ``token_store``, ``http_client`` (an
    ``httpx.Client``), ``clock``, ``sleep`` and ``rng`` (for tests), ``strict_models``, and
    ``rate_limit`` (client-side pacing per app x shop); or ``config`` (a ClientConfig) in
    place of the keywords it carries.
    """

    _http_type = httpx.Client

    def _setup(
        self, http_client: httpx.Client | None, sleep: Callable[[float], None] | None
    ) -> None:
        self._http = http_client or httpx.Client(timeout=self._timeout())
        self._runtime = SyncRuntime(self._http, sleep=sleep or time.sleep, keeper=self._keeper)
        self._rebind()

    def _rebind(self) -> None:
        self.oauth = OAuth(
            self._runtime,
            config=self.config,
            context=self._context,
            store=self.token_store,
            keeper=self._keeper,
        )

    def seller(self, grant: str) -> SellerClient:
        """A view acting with the tokens of seller ``grant`` (their ``open_id``)."""
        return SellerClient(self, SyncScope(self._runtime, self._seller_context(grant)))

    def shop(
        self, shop_cipher: str | AuthorizedShop, *, grant: str, region: str | None = None
    ) -> ShopClient:
        """A view of one shop acting with the tokens of seller ``grant``.

        ``shop_cipher`` is the shop's cipher, or the shop as ``shops.authorized()`` lists it
        (its cipher and market are used); ``region`` (``"JP"``) names the market otherwise.
        """
        context = self._shop_context(shop_cipher, grant, region)
        return ShopClient(SyncScope(self._runtime, context))

    def close(self) -> None:
        """Close the connection pool, unless it was supplied by the caller."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncTikTokShop(_AppClient[httpx.AsyncClient, Callable[[float], Awaitable[None]]]):
    """The asyncio TikTok Shop client for one app; same keywords as :class:`TikTokShop`.

    ``http_client`` is an ``httpx.AsyncClient`` and ``sleep`` an async function.
    """

    _http_type = httpx.AsyncClient

    def _setup(
        self,
        http_client: httpx.AsyncClient | None,
        sleep: Callable[[float], Awaitable[None]] | None,
    ) -> None:
        self._http = http_client or httpx.AsyncClient(timeout=self._timeout())
        import asyncio  # the async client's caller runs an event loop: asyncio is loaded

        self._runtime = AsyncRuntime(self._http, sleep=sleep or asyncio.sleep, keeper=self._keeper)
        self._rebind()

    def _rebind(self) -> None:
        self.oauth = AsyncOAuth(
            self._runtime,
            config=self.config,
            context=self._context,
            store=self.token_store,
            keeper=self._keeper,
        )

    def seller(self, grant: str) -> AsyncSellerClient:
        """A view acting with the tokens of seller ``grant`` (their ``open_id``)."""
        return AsyncSellerClient(self, AsyncScope(self._runtime, self._seller_context(grant)))

    def shop(
        self, shop_cipher: str | AuthorizedShop, *, grant: str, region: str | None = None
    ) -> AsyncShopClient:
        """A view of one shop acting with the tokens of seller ``grant``.

        ``shop_cipher`` is the shop's cipher, or the shop as ``shops.authorized()`` lists it
        (its cipher and market are used); ``region`` (``"JP"``) names the market otherwise.
        """
        context = self._shop_context(shop_cipher, grant, region)
        return AsyncShopClient(AsyncScope(self._runtime, context))

    async def aclose(self) -> None:
        """Close the connection pool, unless it was supplied by the caller."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


ScopeT = TypeVar("ScopeT", SyncScope, AsyncScope)


class _View(Generic[ScopeT]):
    """What every seller and shop view shares: per-view options."""

    _scope: ScopeT

    def with_options(self, **options: Unpack[CallOptions]) -> Self:
        """This view with some settings changed for the calls made through it (see the app's)."""
        return self._evolve(_with_options(self._scope.context, options))

    def _evolve(self, context: CallContext) -> Self:
        raise NotImplementedError


class SellerClient(_View[SyncScope], RawAccess):
    """The client narrowed to one seller's tokens: seller-level endpoints and shop views."""

    def __init__(self, app: TikTokShop, scope: SyncScope) -> None:
        self._app = app
        self._scope = scope
        self.grant: str = scope.context.grant or ""
        self.shops = Shops(scope)

    def shop(self, shop_cipher: str | AuthorizedShop, *, region: str | None = None) -> ShopClient:
        """A view of one of this seller's shops (with this view's options).

        Pass the shop from ``shops.authorized()`` itself to give the view its market too
        (``region``), so after-sales reasons come back in its language (``ja-JP`` for JP).
        """
        cipher, market = _shop_target(shop_cipher, region)
        context = attrs.evolve(self._scope.context, shop_cipher=cipher, shop_region=market)
        return ShopClient(SyncScope(self._scope.runtime, context))

    def _evolve(self, context: CallContext) -> Self:
        return type(self)(self._app, SyncScope(self._scope.runtime, context))

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """A signed call to any seller-level endpoint (no shop_cipher); returns ``data``."""
        spec = _raw_spec(
            method, path, query=query, json=json, idempotent=idempotent, cipher=Cipher.FORBIDDEN
        )
        return self._scope.request(spec)

    def __repr__(self) -> str:
        return f"SellerClient(grant={self.grant!r})"


class AsyncSellerClient(_View[AsyncScope], AsyncRawAccess):
    """The async client narrowed to one seller's tokens: seller-level endpoints and shop views."""

    def __init__(self, app: AsyncTikTokShop, scope: AsyncScope) -> None:
        self._app = app
        self._scope = scope
        self.grant: str = scope.context.grant or ""
        self.shops = AsyncShops(scope)

    def shop(
        self, shop_cipher: str | AuthorizedShop, *, region: str | None = None
    ) -> AsyncShopClient:
        """A view of one of this seller's shops (with this view's options).

        Pass the shop from ``shops.authorized()`` itself to give the view its market too
        (``region``), so after-sales reasons come back in its language (``ja-JP`` for JP).
        """
        cipher, market = _shop_target(shop_cipher, region)
        context = attrs.evolve(self._scope.context, shop_cipher=cipher, shop_region=market)
        return AsyncShopClient(AsyncScope(self._scope.runtime, context))

    def _evolve(self, context: CallContext) -> Self:
        return type(self)(self._app, AsyncScope(self._scope.runtime, context))

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """A signed call to any seller-level endpoint (no shop_cipher); returns ``data``."""
        spec = _raw_spec(
            method, path, query=query, json=json, idempotent=idempotent, cipher=Cipher.FORBIDDEN
        )
        return await self._scope.request(spec)

    def __repr__(self) -> str:
        return f"AsyncSellerClient(grant={self.grant!r})"


class _Resource:
    """A shop view's resource (``orders``, ``products``...), made on first access and kept.

    Its module loads then, not with the client class: a script that only reads orders never
    imports the product, return or fulfillment code (issue 19's cold start).
    """

    __slots__ = ("attr", "module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module = f"{__package__}.resources.{module}"
        self.name = name
        self.attr = ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    def __get__(self, view: Any, owner: type | None = None) -> Any:
        if view is None:
            return self
        module = importlib.import_module(self.module)
        resource = getattr(module, view._resource_prefix + self.name)(view._scope)
        view.__dict__[self.attr] = resource  # later reads find it before this descriptor
        return resource


class _ShopView(_View[ScopeT]):
    """What both shop views share: the resources, the clock and calls as flows."""

    #: Prefixed to a resource's class name: the async view's resources are ``Async*``.
    _resource_prefix: ClassVar[str] = ""

    if not TYPE_CHECKING:  # each view declares its resources' types
        orders = _Resource("orders", "Orders")
        fulfillment = _Resource("fulfillment", "Fulfillment")
        logistics = _Resource("logistics", "Logistics")
        products = _Resource("products", "Products")
        returns = _Resource("returns", "Returns")
        events = _Resource("events", "Events")
        finance = _Resource("finance", "Finance")

    @property
    def region(self) -> str | None:
        """The shop's market (``JP``) when the view was given it, else None."""
        return self._scope.context.shop_region

    @property
    def locale(self) -> str | None:
        """The language after-sales look-ups ask for by default (``ja-JP`` for a JP shop).

        The market's default locale (TikTok's regions-and-languages guide); None when the
        view does not know its market, and TikTok then answers in English.
        """
        return _params.default_locale(self._scope.context.shop_region)

    @property
    def clock(self) -> Clock:
        """The clock this view's requests are stamped with (the client's ``clock=``)."""
        return self._scope.context.clock

    def call_flow(self, spec: RequestSpec[T]) -> Flow[T]:
        """The call of ``spec`` as a generator of effects, not yet run.

        Code that spans several calls (the workflows) ``yield from``s one per call inside its
        own flow and hands the whole flow to :meth:`run_flow`: retries, tokens and parsing
        stay the client's, and one driver runs it all.
        """
        return call(spec, self._scope.context)


class ShopClient(_ShopView[SyncScope], RawAccess):
    """The client narrowed to one shop: orders and every other shop resource."""

    if TYPE_CHECKING:
        orders: Orders
        fulfillment: Fulfillment
        logistics: Logistics
        products: Products
        returns: Returns
        events: Events
        finance: Finance

    def __init__(self, scope: SyncScope) -> None:
        self._scope = scope
        self.grant: str = scope.context.grant or ""
        self.shop_cipher: str = scope.context.shop_cipher or ""

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """A signed call to any shop endpoint (shop_cipher added); returns ``data``."""
        spec = _raw_spec(
            method, path, query=query, json=json, idempotent=idempotent, cipher=Cipher.REQUIRED
        )
        return self._scope.request(spec)

    def run_flow(self, flow: Flow[T]) -> T:
        """Run a flow of effects (calls from :meth:`call_flow`, sleeps, host calls) to its end.

        Host calls (``Host`` effects: a workflow's ports) run as they are; an async one is
        refused, since this client never awaits.
        """
        return self._scope.runtime.run(flow, self._scope.context)

    def __repr__(self) -> str:
        return f"ShopClient(grant={self.grant!r}, shop_cipher={self.shop_cipher!r})"

    def _evolve(self, context: CallContext) -> Self:
        return type(self)(SyncScope(self._scope.runtime, context))


class AsyncShopClient(_ShopView[AsyncScope], AsyncRawAccess):
    """The async client narrowed to one shop: orders and every other shop resource."""

    _resource_prefix = "Async"

    if TYPE_CHECKING:
        orders: AsyncOrders
        fulfillment: AsyncFulfillment
        logistics: AsyncLogistics
        products: AsyncProducts
        returns: AsyncReturns
        events: AsyncEvents
        finance: AsyncFinance

    def __init__(self, scope: AsyncScope) -> None:
        self._scope = scope
        self.grant: str = scope.context.grant or ""
        self.shop_cipher: str = scope.context.shop_cipher or ""

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        json: Any = None,
        idempotent: bool | None = None,
    ) -> Any:
        """A signed call to any shop endpoint (shop_cipher added); returns ``data``."""
        spec = _raw_spec(
            method, path, query=query, json=json, idempotent=idempotent, cipher=Cipher.REQUIRED
        )
        return await self._scope.request(spec)

    async def run_flow(self, flow: Flow[T]) -> T:
        """Run a flow of effects (calls from :meth:`call_flow`, sleeps, host calls) to its end.

        Host calls (``Host`` effects: a workflow's ports) are awaited when they are async.
        """
        return await self._scope.runtime.run(flow, self._scope.context)

    def __repr__(self) -> str:
        return f"AsyncShopClient(grant={self.grant!r}, shop_cipher={self.shop_cipher!r})"

    def _evolve(self, context: CallContext) -> Self:
        return type(self)(AsyncScope(self._scope.runtime, context))
