"""FakeShop: an embedded, in-process fake of TikTok Shop that speaks TikTok's wire protocol.

It is a faithful *server*: signing, tokens, ciphers, scopes, envelopes, error codes and paging
behave like TikTok's, so a client bug surfaces as the TikTok error it would cause in production.
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

import httpx

from tiktokshop_sync.testing._aftersales import FakeCancellation, FakeReturn
from tiktokshop_sync.testing._auth import ALL_SCOPES
from tiktokshop_sync.testing._catalog import PRODUCT_STATUSES, FakeProduct
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._data import CARRIERS, FakeCarrier
from tiktokshop_sync.testing._faults import FaultKind, MalformedVariant
from tiktokshop_sync.testing._gateway import API_HOST, AUTH_HOST, Gateway
from tiktokshop_sync.testing._http import Outcome, RawRequest
from tiktokshop_sync.testing._logistics import FakeDeliveryOption, FakeWarehouse
from tiktokshop_sync.testing._order import FakeOrder, OrderStatus
from tiktokshop_sync.testing._package import FakePackage
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._records import FakeGrant, FakeSeller, FakeShopAccount
from tiktokshop_sync.testing._router import Router
from tiktokshop_sync.testing._routes import all_routes
from tiktokshop_sync.testing._server import serve as _serve
from tiktokshop_sync.testing._state import FakeState
from tiktokshop_sync.testing._transport import FakeTransport
from tiktokshop_sync.testing._webhooks import FakeWebhookDelivery, Receiver, send

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
        self._local = threading.local()
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

    @property
    def rotate_refresh_tokens(self) -> bool:
        """Whether a refresh also replaces the refresh token (the default), refusing the old
        one with 36004005 afterwards; TikTok's docs leave it open, so both can be tested."""
        return self._state.tokens.rotate_refresh_tokens

    @rotate_refresh_tokens.setter
    def rotate_refresh_tokens(self, value: bool) -> None:
        """Turn refresh-token rotation on or off."""
        with self._state.lock:
            self._state.tokens.rotate_refresh_tokens = value

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
        with self._locked():
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
        with self._locked():
            self._state.tick(self.clock.now())
            return self._state.order(order_id)

    def orders_of(self, shop: FakeShopAccount | None = None) -> list[FakeOrder]:
        """A shop's orders in creation order (time-driven changes applied)."""
        with self._locked():
            self._state.tick(self.clock.now())
            return self._state.orders_of(self._known_shop(shop))

    def pay(self, order_id: str) -> FakeOrder:
        """The buyer pays: UNPAID → ON_HOLD; one fake hour later it becomes AWAITING_SHIPMENT."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            return self._state.pay(order_id, now)

    def buyer_cancel(self, order_id: str) -> FakeOrder:
        """The buyer cancels: immediate while UNPAID/ON_HOLD, afterwards a PENDING request the
        seller must approve or reject within 24 hours (TikTok approves it after that)."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            return self._state.buyer_cancel(order_id, now)

    def cancel(
        self,
        order_id: str,
        by: Literal["BUYER", "SELLER", "SYSTEM", "OPERATOR"] = "SELLER",
        reason: str | None = None,
    ) -> FakeOrder:
        """Cancel the whole order now; ``by`` is BUYER, SELLER, SYSTEM or OPERATOR (a completed
        cancellation record is added, as Search Cancellations would show it)."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            return self._state.cancel(order_id, now, by=by, reason=reason)

    # --- shipping ------------------------------------------------------------------------------

    def package(self, package_id: str) -> FakePackage:
        """The live record of one package (KeyError if unknown)."""
        with self._locked():
            self._state.tick(self.clock.now())
            try:
                return self._state.packages[package_id]
            except KeyError:
                raise KeyError(f"no package with id {package_id!r} in this FakeShop") from None

    def collect(self, order_id: str) -> FakeOrder:
        """The carrier collects the parcels: AWAITING_COLLECTION → IN_TRANSIT."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            order = self._state.order(order_id)
            self._state.shipping.collect(order, now)
            return order

    def deliver(self, order_id: str) -> FakeOrder:
        """The parcels arrive: IN_TRANSIT (collected first if needed) → DELIVERED."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            order = self._state.order(order_id)
            self._state.shipping.deliver(order, now)
            return order

    def complete(self, order_id: str) -> FakeOrder:
        """The after-sales window closes: DELIVERED → COMPLETED."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            order = self._state.order(order_id)
            self._state.shipping.complete(order, now)
            return order

    # --- logistics -----------------------------------------------------------------------------

    def shipping_providers(self) -> tuple[FakeCarrier, ...]:
        """The JP carriers every seller-shipped delivery option accepts (19-digit ids)."""
        return CARRIERS

    def warehouses(self, shop: FakeShopAccount | None = None) -> list[FakeWarehouse]:
        """A shop's warehouses: the default sales warehouse, the return warehouse, any added."""
        with self._state.lock:
            return list(self._state.logistics[self._known_shop(shop).id].warehouses)

    def delivery_options(self, shop: FakeShopAccount | None = None) -> list[FakeDeliveryOption]:
        """A shop's delivery options: seller-shipped (SEND_BY_SELLER) and TikTok-shipped."""
        with self._state.lock:
            return list(self._state.logistics[self._known_shop(shop).id].options)

    def add_warehouse(
        self,
        name: str,
        shop: FakeShopAccount | None = None,
        *,
        seller_skus: Iterable[str] | None = None,
        quantity: int = 0,
    ) -> FakeWarehouse:
        """Another sales warehouse stocking ``seller_skus`` (default: every SKU) at ``quantity``.

        From then on Update Inventory must list it for those SKUs (else 12019028).
        """
        with self._locked():
            known = self._known_shop(shop)
            warehouse = FakeWarehouse(
                id=self._state.fulfillment_ids.long_id("70"), name=name, block="3-1-1"
            )
            self._state.logistics[known.id].warehouses.append(warehouse)
            wanted = None if seller_skus is None else set(seller_skus)
            for product in self._state.catalog.of_shop(known.id):
                for sku in product.skus:
                    if wanted is None or sku.seller_sku in wanted:
                        sku.inventory[warehouse.id] = quantity
            return warehouse

    # --- products ------------------------------------------------------------------------------

    def products_of(self, shop: FakeShopAccount | None = None) -> list[FakeProduct]:
        """A shop's products in creation order (pending reviews finished when due)."""
        with self._locked():
            self._state.tick(self.clock.now())
            return self._state.catalog.of_shop(self._known_shop(shop).id)

    def product(self, product_id: str) -> FakeProduct:
        """The live record of one product (KeyError if unknown)."""
        with self._locked():
            self._state.tick(self.clock.now())
            try:
                return self._state.catalog.products[product_id]
            except KeyError:
                raise KeyError(f"no product with id {product_id!r} in this FakeShop") from None

    def product_by_sku(self, seller_sku: str, shop: FakeShopAccount | None = None) -> FakeProduct:
        """The product holding a seller SKU code (``"TS-TEE-BLK-M"``) in a shop."""
        for product in self.products_of(shop):
            if any(sku.seller_sku == seller_sku for sku in product.skus):
                return product
        raise KeyError(f"no product with seller_sku {seller_sku!r}")

    def create_products(
        self, n: int, shop: FakeShopAccount | None = None, *, status: str = "ACTIVATE"
    ) -> list[FakeProduct]:
        """``n`` cheap one-SKU products (``BULK-00001`` …), e.g. to pass the 10,000 search cap."""
        if status not in PRODUCT_STATUSES:
            raise ValueError(f"status must be one of {', '.join(PRODUCT_STATUSES)}")
        if n < 0:
            raise ValueError(f"create_products(n) needs n >= 0, got {n}")
        with self._locked():
            known = self._known_shop(shop)
            before = len(self._state.catalog.of_shop(known.id))
            self._state.catalog.bulk(known.id, n, known.warehouse_id, status, self.clock.now())
            return self._state.catalog.of_shop(known.id)[before:]

    def approve_products(self) -> int:
        """TikTok finishes every pending review now: PENDING products become ACTIVATE."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            return self._state.catalog.approve_all(now)

    def set_product_status(self, product_id: str, status: str) -> FakeProduct:
        """Force a status, as TikTok's moderation would (e.g. PLATFORM_DEACTIVATED, FREEZE)."""
        if status not in PRODUCT_STATUSES:
            raise ValueError(f"status must be one of {', '.join(PRODUCT_STATUSES)}")
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            product = self._state.catalog.products.get(product_id)
            if product is None:
                raise KeyError(f"no product with id {product_id!r} in this FakeShop")
            self._state.catalog.set_status(product, status, now)
            return product

    # --- cancellations and returns -------------------------------------------------------------

    def cancellations_of(self, shop: FakeShopAccount | None = None) -> list[FakeCancellation]:
        """A shop's cancellations (buyer, seller and system) in creation order."""
        with self._locked():
            self._state.tick(self.clock.now())
            return self._state.after_sales.cancellations_of(self._known_shop(shop).id)

    def returns_of(self, shop: FakeShopAccount | None = None) -> list[FakeReturn]:
        """A shop's return and refund requests in creation order."""
        with self._locked():
            self._state.tick(self.clock.now())
            return self._state.after_sales.returns_of(self._known_shop(shop).id)

    def request_return(
        self,
        order_id: str,
        *,
        return_type: str = "RETURN_AND_REFUND",
        reason: str | None = None,
        line_item_ids: Sequence[str] | None = None,
    ) -> FakeReturn:
        """The buyer asks to return a delivered order (all line items unless given)."""
        with self._locked():
            now = self.clock.now()
            self._state.tick(now)
            return self._state.after_sales.request_return(
                self._state.order(order_id),
                return_type=return_type,
                reason=reason,
                item_ids=line_item_ids,
                now=now,
            )

    def set_return_status(self, return_id: str, status: str) -> FakeReturn:
        """Move a return on (``AWAITING_BUYER_SHIP``, ``RETURN_OR_REFUND_REQUEST_COMPLETE`` …)."""
        with self._locked():
            now = self.clock.now()
            record = self._state.returns.get(return_id)
            if record is None:
                raise KeyError(f"no return with id {return_id!r} in this FakeShop")
            self._state.after_sales.set_return_status(record, status, now)
            return record

    # --- webhooks ------------------------------------------------------------------------------

    def deliver_webhooks_to(
        self, receiver: Receiver, *, twice: bool = False, only_subscribed: bool = False
    ) -> None:
        """POST signed webhooks for later state changes to ``callback(headers, body)`` or a
        loopback URL; ``twice`` repeats each one (dedupe tests), ``only_subscribed`` filters."""
        # Deliveries are synchronous and in order, after the lock is released and before the
        # reply to the API call that caused them, so a receiver may call the fake back.
        with self._state.lock:
            self._state.webhooks.set_receiver(
                receiver, twice=twice, only_subscribed=only_subscribed
            )

    def stop_webhooks(self) -> None:
        """Stop delivering webhooks (queued ones are dropped)."""
        with self._state.lock:
            self._state.webhooks.set_receiver(None, twice=False, only_subscribed=False)

    @property
    def webhook_deliveries(self) -> list[FakeWebhookDelivery]:
        """Every webhook POST made so far, in order (a copy)."""
        with self._state.lock:
            return list(self._state.webhooks.deliveries)

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
        lost_request: float = 0.0,
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
            "lost_request": lost_request,
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
        (503, or ``status=500``), timeout (applied, reply lost), lost_request (reached TikTok,
        not applied, no reply), malformed (``variant`` truncated_json | html | non_utf8),
        connect_error (never arrives), expired_token (105002).
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
        outcome = self._gateway.handle(request)
        self._flush_webhooks()
        return outcome

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the state lock; deliver the webhooks it queued once it is released."""
        depth: int = getattr(self._local, "depth", 0)
        self._local.depth = depth + 1
        try:
            with self._state.lock:
                yield
        finally:
            self._local.depth = depth
        if depth == 0:
            self._flush_webhooks()

    def _flush_webhooks(self) -> None:
        # Outside the lock, so a receiver may call the fake back (over loopback, too).
        with self._state.lock:
            receiver, pending = self._state.webhooks.drain()
        if receiver is None:
            return
        for notification in pending:
            for _ in range(notification.copies):
                delivery = send(receiver, notification)
                with self._state.lock:
                    self._state.webhooks.deliveries.append(delivery)

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
