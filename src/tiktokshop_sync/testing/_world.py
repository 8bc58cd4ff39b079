"""The fake's world: every area's backend, wired together once, behind one lock.

Each area gets only what it reads from (its id streams, the backends below it, the event bus);
nothing here holds records or rules. A facade call or an HTTP request is one :meth:`World.step`:
under the lock, with every time-driven change due by now applied first (ON_HOLD releases,
product reviews, unanswered cancel requests, statements and payouts), and the webhooks it
queued delivered after the lock is released, so a receiver may call the fake back.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

from tiktokshop_sync.testing._auth.backend import TokenIssuer
from tiktokshop_sync.testing._bus import EventBus
from tiktokshop_sync.testing._clock import FakeClock
from tiktokshop_sync.testing._events.backend import WebhookHub, send
from tiktokshop_sync.testing._finance.backend import FinanceDesk
from tiktokshop_sync.testing._fulfillment.backend import ShippingDesk
from tiktokshop_sync.testing._ids import IdFactory, seeded_random
from tiktokshop_sync.testing._listing.backend import ListingDesk
from tiktokshop_sync.testing._logistics.backend import Logistics
from tiktokshop_sync.testing._orders.backend import OrderBook
from tiktokshop_sync.testing._orders.factory import OrderFactory
from tiktokshop_sync.testing._paging import PageTokens
from tiktokshop_sync.testing._products.backend import Catalog
from tiktokshop_sync.testing._returns.backend import AfterSalesDesk
from tiktokshop_sync.testing._shops.backend import ShopDirectory

__all__ = ["World"]


class World:
    """The backends of one fake, sharing its seed, clock, lock and event bus."""

    def __init__(
        self,
        *,
        app_key: str,
        app_secret: str,
        seed: int,
        clock: FakeClock,
        access_token_ttl: timedelta,
        refresh_token_ttl: timedelta,
    ) -> None:
        self.lock = threading.RLock()
        self.app_key = app_key
        self.app_secret = app_secret
        self.seed = seed
        self.clock = clock
        self._local = threading.local()

        # Independent seeded streams: drawing a token never changes the next generated order.
        def ids(stream: str) -> IdFactory:
            return IdFactory(seeded_random(seed, stream))

        bus = EventBus()
        pages = PageTokens(seed, app_key)
        # Sellers, shops and the built-in catalogue are the fake's initial contents: one stream.
        setup_ids = ids("setup")
        self.shops = ShopDirectory(setup_ids, bus)
        self.tokens = TokenIssuer(
            ids("tokens"), access_token_ttl=access_token_ttl, refresh_token_ttl=refresh_token_ttl
        )
        self.logistics = Logistics(seed=seed, ids=ids("warehouses"), bus=bus)
        self.listing = ListingDesk(
            rng=seeded_random(seed, "reviews"), pages=pages, images=lambda: self.catalog.images
        )
        self.catalog = Catalog(
            setup_ids=setup_ids,
            ids=ids("catalog"),
            image_ids=ids("images"),
            rng=seeded_random(seed, "catalog-data"),
            logistics=self.logistics,
            pages=pages,
            bus=bus,
            review=self.listing.review,
        )
        order_rng = seeded_random(seed, "orders")
        self.orders = OrderBook(
            factory=OrderFactory(order_rng, IdFactory(order_rng)),
            replacement_ids=ids("replacements"),
            shops=self.shops,
            catalog=self.catalog,
            logistics=self.logistics,
            pages=pages,
            bus=bus,
        )
        self.shipping = ShippingDesk(
            orders=self.orders,
            logistics=self.logistics,
            catalog=self.catalog,
            ids=ids("fulfillment"),
            release_ids=ids("runtime"),
            pages=pages,
            bus=bus,
        )
        self.after_sales = AfterSalesDesk(
            orders=self.orders,
            logistics=self.logistics,
            ids=ids("after-sales"),
            pages=pages,
            bus=bus,
        )
        self.finance = FinanceDesk(
            orders=self.orders,
            ids=ids("finance"),
            pages=pages,
            bus=bus,
            seed=seed,
            now=clock.now(),
        )
        # Subscribed last: a webhook reports a change after every area has reacted to it.
        self.webhooks = WebhookHub(
            app_key=app_key, app_secret=app_secret, ids=ids("webhooks"), bus=bus
        )

    def tick(self, now: datetime) -> None:
        """Apply every time-driven change due by ``now``."""
        self.orders.tick(now)
        self.catalog.tick(now)
        self.after_sales.tick(now)
        self.finance.tick(now)

    @contextlib.contextmanager
    def step(self, *, tick: bool = True) -> Iterator[datetime]:
        """One step of the world at the clock's now (yielded): locked, ticked, then the webhooks
        it queued are delivered once the outermost step has released the lock."""
        depth: int = getattr(self._local, "depth", 0)
        self._local.depth = depth + 1
        try:
            with self.lock:
                now = self.clock.now()
                if tick:
                    self.tick(now)
                yield now
        finally:
            self._local.depth = depth
        if depth == 0:
            self._deliver_webhooks()

    def _deliver_webhooks(self) -> None:
        # Outside the lock, so a receiver may call the fake back (over loopback, too).
        with self.lock:
            receiver, pending = self.webhooks.drain()
        if receiver is None:
            return
        for notification in pending:
            for _ in range(notification.copies):
                delivery = send(receiver, notification)
                with self.lock:
                    self.webhooks.deliveries.append(delivery)
