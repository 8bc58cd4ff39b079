"""FakeShop: an embedded, in-process fake of TikTok Shop that speaks TikTok's wire protocol.

It is a faithful *server*: signing, tokens, ciphers, scopes, envelopes, error codes and paging
behave like TikTok's, so a client bug surfaces as the TikTok error it would cause in production.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

import httpx

from tiktokshop_sync.testing._auth import ALL_SCOPES
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._faults import FaultKind, MalformedVariant
from tiktokshop_sync.testing._gateway import API_HOST, AUTH_HOST, Gateway
from tiktokshop_sync.testing._http import Outcome, RawRequest
from tiktokshop_sync.testing._order import FakeOrder, OrderStatus
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._records import FakeGrant, FakeSeller, FakeShopAccount
from tiktokshop_sync.testing._router import Router
from tiktokshop_sync.testing._routes import all_routes
from tiktokshop_sync.testing._server import serve as _serve
from tiktokshop_sync.testing._state import FakeState
from tiktokshop_sync.testing._transport import FakeTransport

if TYPE_CHECKING:
    from tiktokshop_sync._client import AsyncTikTokShop, TikTokShop

__all__ = ["FakeShop"]


class FakeShop:
    """A fake TikTok Shop with one seller owning one JP shop; deterministic for a ``seed``.

    Use ``fake.transport`` with httpx (sync or async) or ``with fake.serve() as url`` for
    anything else. All state sits behind one lock, so concurrent clients are safe.
    """

    #: Production hosts; with the in-process transport a client can keep its default base URLs.
    API_BASE_URL = f"https://{API_HOST}"
    AUTH_BASE_URL = f"https://{AUTH_HOST}"

    def __init__(
        self,
        app_key: str = "test_app_key",
        app_secret: str = "test_app_secret",
        seed: int = 7,
        clock: FakeClock | None = None,
        *,
        seller_name: str = "さくら商店",
        shop_name: str = "さくら商店 公式ショップ",
        access_token_ttl: timedelta = timedelta(days=7),
        refresh_token_ttl: timedelta = timedelta(days=365),
        strict_base_urls: bool = False,
    ) -> None:
        self._state = FakeState(
            app_key=app_key,
            app_secret=app_secret,
            seed=seed,
            clock=clock if clock is not None else FakeClock(),
            access_token_ttl=access_token_ttl,
            refresh_token_ttl=refresh_token_ttl,
        )
        self._state.strict_base_urls = strict_base_urls
        self._gateway = Gateway(self._state, Router(all_routes()))
        self._transport = FakeTransport(self._handle)
        with self._state.lock:
            self._seller = self._state.add_seller(seller_name)
            self._state.add_shop(
                name=shop_name, region="JP", seller=self._seller, uses_on_hold=True
            )

    # --- identity ------------------------------------------------------------------------------

    @property
    def app_key(self) -> str:
        """The app key requests must carry."""
        return self._state.app_key

    @property
    def app_secret(self) -> str:
        """The app secret requests are signed with."""
        return self._state.app_secret

    @property
    def seed(self) -> int:
        """The seed every generated value derives from."""
        return self._state.seed

    @property
    def clock(self) -> FakeClock:
        """The fake's clock: timestamps, token expiry and order timelines all follow it."""
        return self._state.clock

    @property
    def seller(self) -> FakeSeller:
        """The default seller (``open_id``, ``seller_name``), owner of the first shop."""
        return self._seller

    @property
    def shops(self) -> list[FakeShopAccount]:
        """Every shop, of every seller, in creation order."""
        with self._state.lock:
            return list(self._state.shops)

    @property
    def strict_base_urls(self) -> bool:
        """When True, token calls must go to the auth host and API calls to the API host."""
        return self._state.strict_base_urls

    @strict_base_urls.setter
    def strict_base_urls(self, value: bool) -> None:
        """Turn host checking on or off."""
        self._state.strict_base_urls = value

    def add_seller(self, seller_name: str) -> FakeSeller:
        """A new seller account with no shops yet (give it one with ``add_shop``)."""
        with self._state.lock:
            return self._state.add_seller(seller_name)

    def add_shop(
        self,
        name: str,
        region: str = "JP",
        seller: FakeSeller | None = None,
        *,
        on_hold: bool = True,
    ) -> FakeShopAccount:
        """Another shop for ``seller`` (default: the default seller).

        ``on_hold=False`` models shops whose paid orders go straight to AWAITING_SHIPMENT.
        """
        with self._state.lock:
            owner = self._known_seller(seller)
            return self._state.add_shop(
                name=name, region=region, seller=owner, uses_on_hold=on_hold
            )

    # --- authorization -------------------------------------------------------------------------

    def authorize(
        self, seller: FakeSeller | None = None, *, scopes: Sequence[str] | None = None
    ) -> str:
        """The seller clicks "authorize": an auth code, single use, valid for 30 minutes."""
        with self._state.lock:
            owner = self._known_seller(seller)
            granted = tuple(scopes) if scopes is not None else ALL_SCOPES
            return self._state.tokens.new_auth_code(owner, granted, self.clock.now())

    def grant_tokens(
        self, seller: FakeSeller | None = None, *, scopes: Sequence[str] | None = None
    ) -> FakeGrant:
        """Tokens as if OAuth had completed, for tests that skip the token exchange."""
        with self._state.lock:
            owner = self._known_seller(seller)
            granted = tuple(scopes) if scopes is not None else ALL_SCOPES
            return self._state.tokens.issue(owner, granted, self.clock.now())

    def expire_access_tokens(self, seller: FakeSeller | None = None) -> None:
        """Every access token (or one seller's) expires now; refreshing still works."""
        with self._state.lock:
            open_id = seller.open_id if seller is not None else None
            self._state.tokens.expire_access_tokens(self.clock.now(), open_id)

    def expire_refresh_tokens(self, seller: FakeSeller | None = None) -> None:
        """Every refresh token (or one seller's) expires now: refresh answers 36004001."""
        with self._state.lock:
            open_id = seller.open_id if seller is not None else None
            self._state.tokens.expire_refresh_tokens(self.clock.now(), open_id)

    def revoke(self, seller: FakeSeller | None = None) -> None:
        """The seller deauthorizes the app: their tokens are unknown from now on."""
        with self._state.lock:
            self._state.tokens.revoke(self._known_seller(seller).open_id)

    # --- orders --------------------------------------------------------------------------------

    def create_orders(
        self,
        n: int,
        shop: FakeShopAccount | None = None,
        *,
        status: OrderStatus | None = None,
        created_within: timedelta = timedelta(days=7),
        items: Sequence[tuple[str, int]] | None = None,
        **overrides: object,
    ) -> list[FakeOrder]:
        """``n`` realistic JP orders created within the window, deterministic from the seed.

        ``items=[("TS-TEE-BLK-M", 3)]`` fixes the SKUs; other keywords set FakeOrder fields.
        """
        with self._state.lock:
            self._state.tick(self.clock.now())
            return self._state.create_orders(
                n,
                self._known_shop(shop),
                status=status,
                created_within=created_within,
                items=items,
                overrides=dict(overrides),
            )

    def order(self, order_id: str) -> FakeOrder:
        """The live record of one order (time-driven changes applied)."""
        with self._state.lock:
            self._state.tick(self.clock.now())
            return self._state.order(order_id)

    def orders_of(self, shop: FakeShopAccount | None = None) -> list[FakeOrder]:
        """A shop's orders in creation order (time-driven changes applied)."""
        with self._state.lock:
            self._state.tick(self.clock.now())
            return self._state.orders_of(self._known_shop(shop))

    def pay(self, order_id: str) -> FakeOrder:
        """The buyer pays: UNPAID → ON_HOLD; one fake hour later it becomes AWAITING_SHIPMENT."""
        with self._state.lock:
            now = self.clock.now()
            self._state.tick(now)
            return self._state.pay(order_id, now)

    def buyer_cancel(self, order_id: str) -> FakeOrder:
        """The buyer cancels: immediate while UNPAID/ON_HOLD, a cancel request afterwards."""
        with self._state.lock:
            now = self.clock.now()
            self._state.tick(now)
            return self._state.buyer_cancel(order_id, now)

    def cancel(
        self,
        order_id: str,
        by: Literal["BUYER", "SELLER", "SYSTEM", "OPERATOR"] = "SELLER",
        reason: str | None = None,
    ) -> FakeOrder:
        """Cancel the whole order now; ``by`` is BUYER, SELLER, SYSTEM or OPERATOR."""
        with self._state.lock:
            now = self.clock.now()
            self._state.tick(now)
            return self._state.cancel(order_id, now, by=by, reason=reason)

    # --- HTTP ----------------------------------------------------------------------------------

    @property
    def transport(self) -> FakeTransport:
        """An ``httpx.BaseTransport`` and ``httpx.AsyncBaseTransport`` in one object."""
        return self._transport

    def client(self, **options: Any) -> TikTokShop:
        """A ``TikTokShop`` wired to this fake: its transport, clock and instant sleep.

        Keywords go to ``TikTokShop`` and override these defaults (e.g. ``token_store=``).
        """
        from tiktokshop_sync._client import TikTokShop

        settings: dict[str, Any] = {
            "app_key": self.app_key,
            "app_secret": self.app_secret,
            "http_client": httpx.Client(transport=self.transport),
            "clock": self.clock,
            "sleep": self.clock.sleep,
            "rng": random.Random(self.seed),
        }
        return TikTokShop(**{**settings, **options})

    def async_client(self, **options: Any) -> AsyncTikTokShop:
        """An ``AsyncTikTokShop`` wired to this fake (transport, clock, instant async sleep)."""
        from tiktokshop_sync._client import AsyncTikTokShop

        settings: dict[str, Any] = {
            "app_key": self.app_key,
            "app_secret": self.app_secret,
            "http_client": httpx.AsyncClient(transport=self.transport),
            "clock": self.clock,
            "sleep": self.clock.async_sleep,
            "rng": random.Random(self.seed),
        }
        return AsyncTikTokShop(**{**settings, **options})

    @contextlib.contextmanager
    def serve(self, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
        """Serve the same routes over loopback HTTP; yields ``http://127.0.0.1:<port>``."""
        with _serve(self._handle, host, port) as base_url:
            yield base_url

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, rejected and faulted ones included (a copy)."""
        with self._state.lock:
            return list(self._state.requests)

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        with self._state.lock:
            self._state.requests.clear()

    # --- faults and limits ---------------------------------------------------------------------

    def inject_faults(
        self,
        *,
        rate_limit: float = 0.0,
        server_error: float = 0.0,
        timeout: float = 0.0,
        malformed: float = 0.0,
        connect_error: float = 0.0,
        expired_token: float = 0.0,
        seed: int = 0,
        paths: Iterable[str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Random faults with these per-request probabilities, reproducible from ``seed``.

        ``paths`` limits them to exact paths or fnmatch patterns (``"/order/*"``). Calling
        again replaces the previous settings; all zeros switches random faults off.
        """
        rates: dict[FaultKind, float] = {
            "rate_limit": rate_limit,
            "server_error": server_error,
            "timeout": timeout,
            "malformed": malformed,
            "connect_error": connect_error,
            "expired_token": expired_token,
        }
        with self._state.lock:
            self._state.faults.inject(rates, seed=seed, paths=paths, retry_after=retry_after)

    def fail_next(
        self,
        kind: FaultKind,
        times: int = 1,
        path: str | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        variant: MalformedVariant = "truncated_json",
    ) -> None:
        """Make the next ``times`` requests (matching ``path``, if given) fail with ``kind``.

        Kinds: rate_limit (429; ``retry_after`` adds a Retry-After header), server_error
        (503, or ``status=500``), timeout (applied, reply lost), malformed (``variant``
        truncated_json | html | non_utf8), connect_error (never arrives), expired_token (105002).
        """
        with self._state.lock:
            self._state.faults.fail_next(
                kind,
                times=times,
                path=path,
                status=status,
                retry_after=retry_after,
                variant=variant,
            )

    def clear_faults(self) -> None:
        """Cancel queued faults and switch random faults off."""
        with self._state.lock:
            self._state.faults.clear()

    def set_rate_limit(self, qps: float | None, *, retry_after: bool = False) -> None:
        """Limit each (app, shop) to ``qps`` requests per fake second (429/36009002 beyond).

        ``None`` removes the limit. ``retry_after=True`` adds a Retry-After header.
        """
        with self._state.lock:
            self._state.limiter.configure(qps, retry_after=retry_after)

    # --- internals -----------------------------------------------------------------------------

    def _handle(self, request: RawRequest) -> Outcome:
        return self._gateway.handle(request)

    def _known_seller(self, seller: FakeSeller | None) -> FakeSeller:
        if seller is None:
            return self._seller
        if seller.open_id not in self._state.sellers:
            raise ValueError(f"seller {seller.seller_name!r} does not belong to this FakeShop")
        return seller

    def _known_shop(self, shop: FakeShopAccount | None) -> FakeShopAccount:
        if shop is None:
            return self._state.shops[0]
        if shop not in self._state.shops:
            raise ValueError(f"shop {shop.name!r} does not belong to this FakeShop")
        return shop

    def __repr__(self) -> str:
        return (
            f"FakeShop(app_key={self.app_key!r}, seed={self.seed}, shops={len(self._state.shops)}, "
            f"orders={len(self._state.orders)}, now={self.clock.now().isoformat()})"
        )
