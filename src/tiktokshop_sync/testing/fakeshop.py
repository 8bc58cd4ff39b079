"""FakeShop: an embedded, in-process fake of TikTok Shop that speaks TikTok's wire protocol.

It is a faithful *server*: signing, tokens, ciphers, scopes, envelopes, error codes and paging
behave like TikTok's, so a client bug surfaces as the TikTok error it would cause in production.
The facade below only moves the world (as buyers, carriers and TikTok would) and reads it; each
area's backend (``_<area>/backend.py``) holds the records and the rules.
"""

from __future__ import annotations

import contextlib
import functools
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Concatenate, Literal, ParamSpec, TypeVar

import httpx

from tiktokshop_sync.testing._auth.backend import ALL_SCOPES, FakeGrant
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._events.backend import FakeWebhookDelivery, Receiver
from tiktokshop_sync.testing._faults import FaultKind, MalformedVariant
from tiktokshop_sync.testing._finance.records import (
    FINANCE_FAULTS,
    FakeAdjustment,
    FakePayout,
    FakeStatement,
    FinanceFault,
    FinanceTerms,
)
from tiktokshop_sync.testing._gateway import API_HOST, AUTH_HOST, Gateway
from tiktokshop_sync.testing._logistics.backend import (
    CARRIERS,
    FakeCarrier,
    FakeDeliveryOption,
    FakeWarehouse,
)
from tiktokshop_sync.testing._orders.records import FakeOrder, FakePackage, OrderStatus
from tiktokshop_sync.testing._products.records import PRODUCT_STATUSES, FakeProduct
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._returns.backend import FakeCancellation, FakeReturn
from tiktokshop_sync.testing._router import Router
from tiktokshop_sync.testing._routes import all_routes
from tiktokshop_sync.testing._server import serve as _serve
from tiktokshop_sync.testing._shops.backend import FakeSeller, FakeShopAccount
from tiktokshop_sync.testing._transport import FakeTransport
from tiktokshop_sync.testing._world import World

if TYPE_CHECKING:
    from tiktokshop_sync._client import AsyncTikTokShop, TikTokShop

__all__ = ["FakeShop"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _step(
    method: Callable[Concatenate[FakeShop, _P], _R],
) -> Callable[Concatenate[FakeShop, _P], _R]:
    """Run a FakeShop method as one step of the fake's world: under its lock, with every
    time-driven change due by now applied first, and the webhooks it caused delivered after."""

    @functools.wraps(method)
    def step(self: FakeShop, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._world.step():
            return method(self, *args, **kwargs)

    return step


def _yen(name: str, value: int | Decimal) -> int:
    """Whole yen from an int or a whole Decimal (JPY has no minor unit)."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"{name} must be whole yen as an int or Decimal, got {value!r}")
    if isinstance(value, Decimal) and (not value.is_finite() or value != value.to_integral()):
        raise ValueError(f"{name} must be whole yen (JPY has no minor unit), got {value!r}")
    return int(value)


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
        self._world = World(
            app_key=app_key,
            app_secret=app_secret,
            seed=seed,
            clock=clock if clock is not None else FakeClock(),
            access_token_ttl=access_token_ttl,
            refresh_token_ttl=refresh_token_ttl,
        )
        self._gateway = Gateway(self._world, Router(all_routes()))
        self._gateway.strict_base_urls = strict_base_urls
        self._transport = FakeTransport(self._gateway.handle)
        self._seller = self.add_seller(seller_name)
        self.add_shop(shop_name, seller=self._seller)

    # --- identity ------------------------------------------------------------------------------

    @property
    def app_key(self) -> str:
        """The app key requests must carry."""
        return self._world.app_key

    @property
    def app_secret(self) -> str:
        """The app secret requests are signed with."""
        return self._world.app_secret

    @property
    def seed(self) -> int:
        """The seed every generated value derives from."""
        return self._world.seed

    @property
    def clock(self) -> FakeClock:
        """The fake's clock: timestamps, token expiry and order timelines all follow it."""
        return self._world.clock

    @property
    def seller(self) -> FakeSeller:
        """The default seller (``open_id``, ``seller_name``), owner of the first shop."""
        return self._seller

    @property
    @_step
    def shops(self) -> list[FakeShopAccount]:
        """Every shop, of every seller, in creation order."""
        return list(self._world.shops.shops)

    @property
    def strict_base_urls(self) -> bool:
        """When True, token calls must go to the auth host and API calls to the API host."""
        return self._gateway.strict_base_urls

    @strict_base_urls.setter
    def strict_base_urls(self, value: bool) -> None:
        """Turn host checking on or off."""
        self._gateway.strict_base_urls = value

    @property
    def rotate_refresh_tokens(self) -> bool:
        """Whether a refresh also replaces the refresh token (the default), refusing the old
        one with 36004005 afterwards; TikTok's docs leave it open, so both can be tested."""
        return self._world.tokens.rotate_refresh_tokens

    @rotate_refresh_tokens.setter
    @_step
    def rotate_refresh_tokens(self, value: bool) -> None:
        """Turn refresh-token rotation on or off."""
        self._world.tokens.rotate_refresh_tokens = value

    @_step
    def add_seller(self, seller_name: str) -> FakeSeller:
        """A new seller account with no shops yet (give it one with ``add_shop``)."""
        return self._world.shops.add_seller(seller_name)

    @_step
    def add_shop(
        self,
        name: str,
        region: str = "JP",
        seller: FakeSeller | None = None,
        *,
        on_hold: bool = True,
    ) -> FakeShopAccount:
        """Another shop for ``seller`` (default: the default seller), with the built-in
        catalogue, a sales and a return warehouse, and its delivery options.

        ``on_hold=False`` models shops whose paid orders go straight to AWAITING_SHIPMENT.
        """
        shops = self._world.shops
        return shops.add_shop(
            name=name,
            region=region,
            seller=shops.seller(seller),
            uses_on_hold=on_hold,
            now=self.clock.now(),
        )

    # --- authorization -------------------------------------------------------------------------

    @_step
    def authorize(
        self, seller: FakeSeller | None = None, *, scopes: Sequence[str] | None = None
    ) -> str:
        """The seller clicks "authorize": an auth code, single use, valid for 30 minutes."""
        owner = self._world.shops.seller(seller)
        granted = tuple(scopes) if scopes is not None else ALL_SCOPES
        return self._world.tokens.new_auth_code(owner, granted, self.clock.now())

    @_step
    def grant_tokens(
        self, seller: FakeSeller | None = None, *, scopes: Sequence[str] | None = None
    ) -> FakeGrant:
        """Tokens as if OAuth had completed, for tests that skip the token exchange."""
        owner = self._world.shops.seller(seller)
        granted = tuple(scopes) if scopes is not None else ALL_SCOPES
        return self._world.tokens.issue(owner, granted, self.clock.now())

    @_step
    def expire_access_tokens(self, seller: FakeSeller | None = None) -> None:
        """Every access token (or one seller's) expires now; refreshing still works."""
        open_id = seller.open_id if seller is not None else None
        self._world.tokens.expire_access_tokens(self.clock.now(), open_id)

    @_step
    def expire_refresh_tokens(self, seller: FakeSeller | None = None) -> None:
        """Every refresh token (or one seller's) expires now: refresh answers 36004001."""
        open_id = seller.open_id if seller is not None else None
        self._world.tokens.expire_refresh_tokens(self.clock.now(), open_id)

    @_step
    def revoke(self, seller: FakeSeller | None = None) -> None:
        """The seller deauthorizes the app: their tokens are unknown from now on."""
        self._world.tokens.revoke(self._world.shops.seller(seller).open_id)

    # --- orders --------------------------------------------------------------------------------

    @_step
    def create_orders(
        self,
        /,
        n: int,
        shop: FakeShopAccount | None = None,
        *,
        status: OrderStatus | None = None,
        created_within: timedelta = timedelta(days=7),
        items: Sequence[tuple[str, int]] | None = None,
        seller_coupon: int = 0,
        gifts: Sequence[tuple[str, int]] = (),
        **overrides: object,
    ) -> list[FakeOrder]:
        """``n`` realistic JP orders created within the window, deterministic from the seed.

        Line items are drawn from the shop's catalogue: the built-in products and any listed
        since (through the API or ``create_products``). ``items=[("TS-TEE-BLK-M", 3)]`` fixes
        the SKUs; ``seller_coupon=100`` takes 100 yen off each order, spread over its units
        (so units of one SKU can differ by a yen); ``gifts=[("TS-TEE-BLK-M", 1)]`` adds free
        units (``is_gift``); other keywords set FakeOrder fields.
        """
        return self._world.orders.create(
            n,
            self._world.shops.shop(shop),
            status=status,
            created_within=created_within,
            items=items,
            overrides=dict(overrides),
            now=self.clock.now(),
            seller_coupon=seller_coupon,
            gifts=gifts,
        )

    @_step
    def order(self, order_id: str) -> FakeOrder:
        """The live record of one order (time-driven changes applied)."""
        return self._world.orders.order(order_id)

    @_step
    def orders_of(self, shop: FakeShopAccount | None = None) -> list[FakeOrder]:
        """A shop's orders in creation order (time-driven changes applied)."""
        return self._world.orders.orders_of(self._world.shops.shop(shop).id)

    @_step
    def pay(self, order_id: str) -> FakeOrder:
        """The buyer pays: UNPAID → ON_HOLD; one fake hour later it becomes AWAITING_SHIPMENT."""
        return self._world.orders.pay(order_id, self.clock.now())

    @_step
    def buyer_cancel(self, order_id: str) -> FakeOrder:
        """The buyer cancels: immediate while UNPAID/ON_HOLD, afterwards a PENDING request the
        seller must approve or reject within 24 hours (TikTok approves it after that)."""
        return self._world.after_sales.buyer_cancel(order_id, self.clock.now())

    @_step
    def cancel(
        self,
        order_id: str,
        by: Literal["BUYER", "SELLER", "SYSTEM", "OPERATOR"] = "SELLER",
        reason: str | None = None,
    ) -> FakeOrder:
        """Cancel the whole order now; ``by`` is BUYER, SELLER, SYSTEM or OPERATOR (a completed
        cancellation record is added, as Search Cancellations would show it)."""
        return self._world.after_sales.cancel(order_id, self.clock.now(), by=by, reason=reason)

    # --- shipping ------------------------------------------------------------------------------

    @_step
    def package(self, package_id: str) -> FakePackage:
        """The live record of one package (KeyError if unknown)."""
        return self._world.shipping.package(package_id)

    @_step
    def collect(self, order_id: str) -> FakeOrder:
        """The carrier collects the parcels: AWAITING_COLLECTION → IN_TRANSIT."""
        order = self._world.orders.order(order_id)
        self._world.shipping.collect(order, self.clock.now())
        return order

    @_step
    def deliver(self, order_id: str) -> FakeOrder:
        """The parcels arrive: IN_TRANSIT (collected first if needed) → DELIVERED."""
        order = self._world.orders.order(order_id)
        self._world.shipping.deliver(order, self.clock.now())
        return order

    @_step
    def complete(self, order_id: str) -> FakeOrder:
        """The after-sales window closes: DELIVERED → COMPLETED."""
        order = self._world.orders.order(order_id)
        self._world.shipping.complete(order, self.clock.now())
        return order

    # --- logistics -----------------------------------------------------------------------------

    def shipping_providers(self) -> tuple[FakeCarrier, ...]:
        """The JP carriers every seller-shipped delivery option accepts (19-digit ids)."""
        return CARRIERS

    @_step
    def warehouses(self, shop: FakeShopAccount | None = None) -> list[FakeWarehouse]:
        """A shop's warehouses: the default sales warehouse, the return warehouse, any added."""
        return list(self._world.logistics.of(self._world.shops.shop(shop).id).warehouses)

    @_step
    def delivery_options(self, shop: FakeShopAccount | None = None) -> list[FakeDeliveryOption]:
        """A shop's delivery options: seller-shipped (SEND_BY_SELLER) and TikTok-shipped."""
        return list(self._world.logistics.of(self._world.shops.shop(shop).id).options)

    @_step
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
        return self._world.logistics.add_warehouse(
            self._world.shops.shop(shop).id,
            name,
            seller_skus=seller_skus,
            quantity=quantity,
            now=self.clock.now(),
        )

    # --- products ------------------------------------------------------------------------------

    @_step
    def products_of(self, shop: FakeShopAccount | None = None) -> list[FakeProduct]:
        """A shop's products in creation order (pending reviews finished when due)."""
        return self._world.catalog.of_shop(self._world.shops.shop(shop).id)

    @_step
    def product(self, product_id: str) -> FakeProduct:
        """The live record of one product (KeyError if unknown)."""
        return self._world.catalog.product(product_id)

    @_step
    def product_by_sku(self, seller_sku: str, shop: FakeShopAccount | None = None) -> FakeProduct:
        """The product holding a seller SKU code (``"TS-TEE-BLK-M"``) in a shop."""
        for product in self._world.catalog.of_shop(self._world.shops.shop(shop).id):
            if any(sku.seller_sku == seller_sku for sku in product.skus):
                return product
        raise KeyError(f"no product with seller_sku {seller_sku!r}")

    @_step
    def create_products(
        self, n: int, shop: FakeShopAccount | None = None, *, status: str = "ACTIVATE"
    ) -> list[FakeProduct]:
        """``n`` cheap one-SKU products (``BULK-00001`` …), e.g. to pass the 10,000 search cap."""
        if status not in PRODUCT_STATUSES:
            raise ValueError(f"status must be one of {', '.join(PRODUCT_STATUSES)}")
        if n < 0:
            raise ValueError(f"create_products(n) needs n >= 0, got {n}")
        known = self._world.shops.shop(shop)
        return self._world.catalog.bulk(known.id, n, known.warehouse_id, status, self.clock.now())

    @_step
    def approve_products(self) -> int:
        """TikTok finishes every pending review now: PENDING products become ACTIVATE."""
        return self._world.catalog.approve_all(self.clock.now())

    @_step
    def set_product_status(self, product_id: str, status: str) -> FakeProduct:
        """Force a status, as TikTok's moderation would (e.g. PLATFORM_DEACTIVATED, FREEZE)."""
        if status not in PRODUCT_STATUSES:
            raise ValueError(f"status must be one of {', '.join(PRODUCT_STATUSES)}")
        product = self._world.catalog.product(product_id)
        self._world.catalog.set_status(product, status, self.clock.now())
        return product

    @_step
    def fail_listing_prerequisite(
        self, item: str, reasons: Sequence[str], shop: FakeShopAccount | None = None
    ) -> None:
        """Check Listing Prerequisites reports ``item`` (``"SHOP_TAX"`` …) as failed for a shop."""
        self._world.listing.fail_prerequisite(self._world.shops.shop(shop).id, item, reasons)

    @_step
    def fail_reviews(self, rate: float) -> None:
        """From now on TikTok's review refuses this share (0-1) of products for an image problem
        (products whose text makes forbidden claims, such as 「完治」, always fail)."""
        if not 0 <= rate <= 1:
            raise ValueError(f"fail_reviews(rate) needs 0 <= rate <= 1, got {rate}")
        self._world.listing.review_failure_rate = rate

    # --- cancellations and returns -------------------------------------------------------------

    @_step
    def cancellations_of(self, shop: FakeShopAccount | None = None) -> list[FakeCancellation]:
        """A shop's cancellations (buyer, seller and system) in creation order."""
        return self._world.after_sales.cancellations_of(self._world.shops.shop(shop).id)

    @_step
    def returns_of(self, shop: FakeShopAccount | None = None) -> list[FakeReturn]:
        """A shop's return and refund requests in creation order."""
        return self._world.after_sales.returns_of(self._world.shops.shop(shop).id)

    @_step
    def request_return(
        self,
        order_id: str,
        *,
        return_type: str = "RETURN_AND_REFUND",
        reason: str | None = None,
        line_item_ids: Sequence[str] | None = None,
    ) -> FakeReturn:
        """The buyer asks to return a delivered order (all line items unless given); the seller
        has 48 hours to answer before TikTok approves it."""
        return self._world.after_sales.request_return(
            order_id,
            return_type=return_type,
            reason=reason,
            item_ids=line_item_ids,
            now=self.clock.now(),
        )

    @_step
    def set_return_status(self, return_id: str, status: str) -> FakeReturn:
        """Move a return on (``AWAITING_BUYER_SHIP``, ``RETURN_OR_REFUND_REQUEST_COMPLETE`` …)."""
        after_sales = self._world.after_sales
        record = after_sales.return_record(return_id)
        after_sales.set_return_status(record, status, self.clock.now())
        return record

    @_step
    def buyer_ships_back(self, return_id: str, tracking_number: str | None = None) -> FakeReturn:
        """The buyer drops an approved return off (``BUYER_SHIPPED_ITEM``); the seller then has
        8 days to inspect it before TikTok accepts it and refunds."""
        now = self.clock.now()
        return self._world.after_sales.buyer_ships_back(return_id, now, tracking_number)

    @_step
    def seller_receives_return(self, return_id: str, *, accept: bool = True) -> FakeReturn:
        """The seller inspects the parcel in Seller Center: accepted (the buyer is refunded an
        hour later) or refused (``REJECT_RECEIVE_PACKAGE``)."""
        now = self.clock.now()
        return self._world.after_sales.seller_receives(return_id, now, accept=accept)

    @_step
    def buyer_accepts_offer(self, return_id: str) -> FakeReturn:
        """The buyer takes the seller's partial refund and keeps the goods."""
        now = self.clock.now()
        return self._world.after_sales.buyer_answers_offer(return_id, now, accept=True)

    @_step
    def buyer_declines_offer(self, return_id: str) -> FakeReturn:
        """The buyer turns the partial refund down: the request waits for the seller again."""
        now = self.clock.now()
        return self._world.after_sales.buyer_answers_offer(return_id, now, accept=False)

    @_step
    def buyer_withdraws_return(self, return_id: str) -> FakeReturn:
        """The buyer cancels an open return, refund or replacement request."""
        return self._world.after_sales.buyer_withdraws(return_id, self.clock.now())

    @_step
    def buyer_appeals(self, return_id: str) -> FakeReturn:
        """The buyer disputes a rejection: TikTok arbitrates (``arbitration_status``
        ``IN_PROGRESS``; no webhook, as the return's status does not change)."""
        return self._world.after_sales.buyer_appeals(return_id, self.clock.now())

    @_step
    def arbitrate(
        self, return_id: str, outcome: Literal["SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED"]
    ) -> FakeReturn:
        """TikTok's staff decide a dispute; ``SUPPORT_BUYER`` approves the refund."""
        return self._world.after_sales.arbitrate(return_id, outcome, self.clock.now())

    # --- finance -------------------------------------------------------------------------------

    @property
    def finance_terms(self) -> FinanceTerms:
        """How orders settle and are paid out (a Japanese local seller's by default)."""
        return self._world.finance.terms

    @_step
    def set_finance_terms(self, terms: FinanceTerms) -> None:
        """Settle orders delivered from now on, and pay out, on ``terms``."""
        if not isinstance(terms, FinanceTerms):
            raise TypeError(f"terms must be a FinanceTerms, got {type(terms).__name__}")
        self._world.finance.terms = terms

    @_step
    def statements_of(self, shop: FakeShopAccount | None = None) -> list[FakeStatement]:
        """A shop's daily statements so far (those due by now generated), oldest first."""
        return self._world.finance.statements_of(self._world.shops.shop(shop).id)

    @_step
    def payouts_of(self, shop: FakeShopAccount | None = None) -> list[FakePayout]:
        """A shop's payouts so far (TikTok's "payments"), oldest first."""
        return self._world.finance.payouts_of(self._world.shops.shop(shop).id)

    @_step
    def add_adjustment(
        self,
        type: str,
        amount: int | Decimal,
        *,
        order_id: str | None = None,
        shop: FakeShopAccount | None = None,
    ) -> FakeAdjustment:
        """TikTok books an adjustment (``PLATFORM_PENALTY``, ``CHARGE_BACK``...) of ``amount``
        yen (negative: taken from the seller), for the shop or one of its orders; it goes into
        the next statement and is listed as unsettled until then."""
        return self._world.finance.add_adjustment(
            self._world.shops.shop(shop).id,
            type,
            _yen("amount", amount),
            order_id or "",
            self.clock.now(),
        )

    @_step
    def inject_finance_fault(
        self,
        kind: FinanceFault,
        *,
        amount: int | Decimal = 0,
        order_id: str | None = None,
        reason: str = "settlement on hold: the order is under review",
    ) -> None:
        """Break one of TikTok's sum invariants on purpose, or hold an order's settlement.

        ``short_payout``: the next payout pays ``amount`` yen less than its statements;
        ``statement_mismatch``: the next statement's total differs from its transactions by
        ``amount``; ``line_mismatch``: the next order transaction's settlement differs from its
        parts by ``amount``; ``failed_payout``: the next payout fails (the money comes back);
        ``hold``: ``order_id`` does not settle, listed as unsettled with ``reason``, until
        :meth:`clear_finance_faults`.
        """
        if kind not in FINANCE_FAULTS:
            raise ValueError(f"kind must be one of {', '.join(FINANCE_FAULTS)}, got {kind!r}")
        yen = _yen("amount", amount)
        if kind in ("short_payout", "statement_mismatch", "line_mismatch") and not yen:
            raise ValueError(f"a {kind} fault needs a non-zero amount in yen")
        if kind == "hold":
            if not order_id:
                raise ValueError("a hold fault needs the order_id to hold")
            self._world.orders.order(order_id)
        self._world.finance.inject(kind, amount=yen, order_id=order_id or "", reason=reason)

    @_step
    def clear_finance_faults(self) -> None:
        """Forget queued finance faults; held orders settle in the next statement."""
        self._world.finance.clear_faults()

    # --- webhooks ------------------------------------------------------------------------------

    @_step
    def deliver_webhooks_to(
        self, receiver: Receiver, *, twice: bool = False, only_subscribed: bool = False
    ) -> None:
        """POST signed webhooks for later state changes to ``callback(headers, body)`` or a
        loopback URL; ``twice`` repeats each one (dedupe tests), ``only_subscribed`` filters."""
        # Deliveries are synchronous and in order, after the lock is released and before the
        # reply to the API call that caused them, so a receiver may call the fake back.
        self._world.webhooks.set_receiver(receiver, twice=twice, only_subscribed=only_subscribed)

    @_step
    def stop_webhooks(self) -> None:
        """Stop delivering webhooks (queued ones are dropped)."""
        self._world.webhooks.set_receiver(None, twice=False, only_subscribed=False)

    @property
    @_step
    def webhook_deliveries(self) -> list[FakeWebhookDelivery]:
        """Every webhook POST made so far, in order (a copy)."""
        return list(self._world.webhooks.deliveries)

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
        with _serve(self._gateway.handle, host, port) as base_url:
            yield base_url

    @property
    @_step
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, rejected and faulted ones included (a copy)."""
        return list(self._gateway.requests)

    @_step
    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        self._gateway.requests.clear()

    # --- faults and limits ---------------------------------------------------------------------

    @_step
    def inject_faults(
        self,
        *,
        rate_limit: float = 0.0,
        server_error: float = 0.0,
        applied_server_error: float = 0.0,
        timeout: float = 0.0,
        lost_request: float = 0.0,
        malformed: float = 0.0,
        applied_malformed: float = 0.0,
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
            "applied_server_error": applied_server_error,
            "timeout": timeout,
            "lost_request": lost_request,
            "malformed": malformed,
            "applied_malformed": applied_malformed,
            "connect_error": connect_error,
            "expired_token": expired_token,
        }
        self._gateway.faults.inject(rates, seed=seed, paths=paths, retry_after=retry_after)

    @_step
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
        (503, or ``status=500``; not applied), applied_server_error (applied, then 504 or
        ``status``), timeout (applied, reply lost), lost_request (reached TikTok, not applied,
        no reply), malformed (``variant`` truncated_json | html | non_utf8; not applied),
        applied_malformed (applied, then HTTP 200 with the ``variant`` body), connect_error
        (never arrives), expired_token (105002).
        """
        self._gateway.faults.fail_next(
            kind, times=times, path=path, status=status, retry_after=retry_after, variant=variant
        )

    @_step
    def clear_faults(self) -> None:
        """Cancel queued faults and switch random faults off."""
        self._gateway.faults.clear()

    @_step
    def set_rate_limit(self, qps: float | None, *, retry_after: bool = False) -> None:
        """Limit each (app, shop) to ``qps`` requests per fake second (429/36009002 beyond).

        ``None`` removes the limit. ``retry_after=True`` adds a Retry-After header.
        """
        self._gateway.quota.configure(qps, retry_after=retry_after)

    def __repr__(self) -> str:
        return (
            f"FakeShop(app_key={self.app_key!r}, seed={self.seed}, "
            f"shops={len(self._world.shops.shops)}, orders={len(self._world.orders.orders)}, "
            f"now={self.clock.now().isoformat()})"
        )
