"""InMemoryOms: a tiny OMS implementing every workflow port, for tests, demos and notebooks.

It behaves as a real OMS must: a repeated order key is an upsert, never a second order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence

import attrs

from ..domain.planning import BlockedProduct, ListingStatus
from ..domain.return_events import ReturnEvent
from ..domain.returns import ReturnFacts
from ..domain.settlement import (
    BankDeposit,
    Payout,
    RecordedOrder,
    ReportPeriod,
    SettlementFacts,
    SettlementStatement,
    UnsettledOrder,
)
from ..workflows.values import (
    CancelRequest,
    CatalogProduct,
    HoldReleased,
    ImportedOrder,
    ImportedPayout,
    ImportedSettlement,
    OmsShipment,
    OrderCancelled,
    StockLevel,
    TikTokTracking,
)

__all__ = ["InMemoryOms", "OmsOrder", "OmsReturn"]


@attrs.define
class OmsOrder:
    """An order as the OMS keeps it: its import, payment state (入金状況) and cancellation."""

    imported: ImportedOrder
    payment_status: str
    cancelled: bool = False
    cancelled_lines: tuple[str, ...] = ()


@attrs.define
class OmsReturn:
    """A return, refund or replacement as the OMS keeps it: its steps, in the order received."""

    shop: str
    return_id: str
    order_id: str
    kind: str
    """TikTok's ``return_type`` (``REFUND``, ``RETURN_AND_REFUND``, ``REPLACEMENT``)."""
    status: str
    steps: list[str] = attrs.field(factory=list)
    """The steps received (``requested``, ``approved``, ``item_received``, ``refunded``...)."""
    facts: ReturnFacts | None = attrs.field(default=None, repr=False)
    """What TikTok last reported (lines, refund amounts): what ``reconcile_refunds`` reads."""


class InMemoryOms:
    """Orders, returns, shipments, stock and catalog kept in memory; every port in one object."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.orders: dict[tuple[str, str], OmsOrder] = {}
        self.deliveries: list[str] = []
        self.releases: list[HoldReleased] = []
        self.cancellations: list[OrderCancelled] = []
        self.cancel_requests: list[CancelRequest] = []
        self.pending_shipments: dict[str, list[OmsShipment]] = {}
        self.tracking_from_tiktok: dict[tuple[str, str], TikTokTracking] = {}
        self.stock: dict[str, list[StockLevel]] = {}
        self.catalog: dict[str, list[CatalogProduct]] = {}
        self.returns: dict[tuple[str, str], OmsReturn] = {}
        self.return_deliveries: list[str] = []
        self.statements: dict[tuple[str, str], SettlementStatement] = {}
        self.payouts: dict[tuple[str, str], Payout] = {}
        self.settlement_deliveries: list[str] = []
        self.images: dict[str, bytes] = {}
        self.image_reads: list[str] = []
        self.listing_states_of: dict[str, dict[str, ListingStatus]] = {}
        self.blocked: dict[str, dict[str, BlockedProduct]] = {}
        self.deposits: dict[str, list[BankDeposit]] = {}

    # OrderSink
    def accept(self, orders: Sequence[ImportedOrder]) -> None:
        """Upsert orders by (shop, order id); held orders start as 未入金."""
        with self._lock:
            for order in orders:
                self.deliveries.append(order.key)
                status = "0:未入金" if order.held else "2:入金済み"
                key = (order.shop, order.order_id)
                current = self.orders.get(key)
                if current is None:
                    self.orders[key] = OmsOrder(imported=order, payment_status=status)
                else:
                    current.imported = order

    def release(self, releases: Sequence[HoldReleased]) -> None:
        """Mark released orders 入金済み, replacing the recipient and buyer block TikTok masked
        while the order was held with the ones the release carries."""
        with self._lock:
            for released in releases:
                self.releases.append(released)
                order = self.orders.get((released.shop, released.order_id))
                if order is None:
                    continue
                order.payment_status = "2:入金済み"
                if released.recipient is not None and released.buyer is not None:
                    order.imported = attrs.evolve(
                        order.imported,
                        recipient=released.recipient,
                        buyer=released.buyer,
                        address_checks=released.address_checks or order.imported.address_checks,
                    )

    def cancel(self, cancellations: Sequence[OrderCancelled]) -> None:
        """Cancel orders (or line items)."""
        with self._lock:
            for cancelled in cancellations:
                self.cancellations.append(cancelled)
                order = self.orders.get((cancelled.shop, cancelled.order_id))
                if order is None:
                    continue
                if cancelled.whole_order:
                    order.cancelled = True
                else:
                    order.cancelled_lines = tuple(
                        sorted(set(order.cancelled_lines) | set(cancelled.line_item_ids))
                    )

    # CancelRequestSink
    def cancel_requested(self, requests: Sequence[CancelRequest]) -> None:
        """Keep buyer cancel requests for the seller to answer."""
        with self._lock:
            known = {r.cancel_id for r in self.cancel_requests}
            self.cancel_requests.extend(r for r in requests if r.cancel_id not in known)

    # ReturnSink
    def return_events(self, shop: str, events: Sequence[ReturnEvent]) -> None:
        """Record each step of a return once (a repeated key is the same step)."""
        with self._lock:
            for event in events:
                self.return_deliveries.append(event.key)
                key = (shop, event.return_id)
                held = self.returns.get(key)
                if held is None:
                    held = self.returns[key] = OmsReturn(
                        shop=shop,
                        return_id=event.return_id,
                        order_id=event.order_id,
                        kind=event.facts.return_type,
                        status=event.status,
                    )
                if event.kind.value not in held.steps:
                    held.steps.append(event.kind.value)
                held.status = event.status
                held.facts = event.facts

    # ShipmentSource
    def shipments(self, shop: str) -> Iterable[OmsShipment]:
        """Shipments entered in the OMS for ``shop``."""
        with self._lock:
            return list(self.pending_shipments.get(shop, []))

    def add_shipment(self, shop: str, shipment: OmsShipment) -> None:
        """Record a shipment (tracking number and ship date) as an operator would."""
        with self._lock:
            self.pending_shipments.setdefault(shop, []).append(shipment)

    # TrackingSink
    def tiktok_tracking(self, numbers: Sequence[TikTokTracking]) -> None:
        """Store TikTok's number as the order's tracking number (伝票番号), as an OMS must."""
        with self._lock:
            for number in numbers:
                self.tracking_from_tiktok[(number.shop, number.order_id)] = number
                self.pending_shipments[number.shop] = [
                    attrs.evolve(s, tracking_number=number.tracking_number)
                    if s.order_id == number.order_id
                    else s
                    for s in self.pending_shipments.get(number.shop, [])
                ]

    # StockSource
    def stock_levels(self, shop: str) -> Iterable[StockLevel]:
        """Stock per SKU and location for ``shop``."""
        with self._lock:
            return list(self.stock.get(shop, []))

    def set_stock(self, shop: str, levels: Iterable[StockLevel]) -> None:
        """Replace the stock levels of ``shop``."""
        with self._lock:
            self.stock[shop] = list(levels)

    # CatalogSource
    def products(self, shop: str) -> Iterable[CatalogProduct]:
        """Catalog products for ``shop``."""
        with self._lock:
            return list(self.catalog.get(shop, []))

    def set_catalog(self, shop: str, products: Iterable[CatalogProduct]) -> None:
        """Replace the catalog of ``shop``."""
        with self._lock:
            self.catalog[shop] = list(products)

    # SettlementSink
    def settle(self, settlements: Sequence[ImportedSettlement]) -> None:
        """Upsert statements by (shop, statement id): the newest payout state wins."""
        with self._lock:
            for settlement in settlements:
                self.settlement_deliveries.append(f"{settlement.key}:{settlement.reason}")
                key = (settlement.shop, settlement.statement.statement_id)
                self.statements[key] = settlement.statement

    def paid(self, payouts: Sequence[ImportedPayout]) -> None:
        """Upsert payouts by (shop, payment id)."""
        with self._lock:
            for imported in payouts:
                self.payouts[(imported.shop, imported.payout.payment_id)] = imported.payout

    # SettlementBooks: this OMS keeps no accounting periods, so it hands everything it holds
    # for the shop whatever the period (a test's month); a real host selects the period's.
    def settled_statements(
        self, shop: str, period: ReportPeriod | None = None
    ) -> list[SettlementStatement]:
        """The statements ``settle()`` received for ``shop`` (newest state of each)."""
        with self._lock:
            return [s for (owner, _), s in sorted(self.statements.items()) if owner == shop]

    def settled_payouts(self, shop: str, period: ReportPeriod | None = None) -> list[Payout]:
        """The payouts ``paid()`` received for ``shop`` (newest status of each)."""
        with self._lock:
            return [p for (owner, _), p in sorted(self.payouts.items()) if owner == shop]

    def recorded_orders(self, shop: str, period: ReportPeriod | None = None) -> list[RecordedOrder]:
        """What the OMS booked per imported order of ``shop``, as the reconciliation reads it:
        revenue as TikTok settles it (prices less the seller's discounts), none cancelled."""
        with self._lock:
            return [
                RecordedOrder(
                    order_id=order.imported.order_id,
                    currency=order.imported.currency,
                    revenue=order.imported.settlement_revenue,
                )
                for (owner, _), order in sorted(self.orders.items())
                if owner == shop
                and not order.cancelled
                and order.imported.settlement_revenue is not None
            ]

    def bank_deposits(self, shop: str, period: ReportPeriod | None = None) -> list[BankDeposit]:
        """The bank feed of ``shop`` as :meth:`set_deposits` gave it; until then, every payout
        received in full on its paid day (:meth:`deposits_as_paid`)."""
        with self._lock:
            feed = self.deposits.get(shop)
        return list(feed) if feed is not None else self.deposits_as_paid(shop)

    def set_deposits(self, shop: str, deposits: Iterable[BankDeposit]) -> None:
        """Replace the bank feed of ``shop`` (what the bank says arrived, e.g. one missing)."""
        with self._lock:
            self.deposits[shop] = list(deposits)

    def deposits_as_paid(self, shop: str) -> list[BankDeposit]:
        """A stand-in for the host's bank feed: every payout of ``shop`` with a paid time,
        received in full on that day (UTC). A real host reads its bank statement."""
        with self._lock:
            return [
                BankDeposit(
                    payment_id=payout.payment_id,
                    amount=payout.amount,
                    currency=payout.amount_currency,
                    received_on=payout.paid_at.date(),
                )
                for (owner, _), payout in sorted(self.payouts.items())
                if owner == shop and payout.paid_at is not None
            ]

    def settlement_facts(
        self,
        shop: str,
        *,
        unsettled: Iterable[UnsettledOrder] = (),
        deposits: Iterable[BankDeposit] = (),
    ) -> SettlementFacts:
        """The reconciliation's facts for ``shop``: the statements and payouts the settlement
        import handed over, the orders booked (:meth:`recorded_orders`), with TikTok's unsettled
        orders and the bank's deposits as given."""
        return SettlementFacts(
            statements=self.settled_statements(shop),
            payouts=self.settled_payouts(shop),
            recorded=self.recorded_orders(shop),
            unsettled=unsettled,
            deposits=deposits,
        )

    # ImageSource
    def image(self, shop: str, ref: str) -> bytes:
        """The bytes stored for an image reference (KeyError for an unknown one)."""
        with self._lock:
            self.image_reads.append(ref)
            return self.images[ref]

    def set_image(self, ref: str, data: bytes) -> None:
        """Store an image the catalog refers to as ``ref``."""
        with self._lock:
            self.images[ref] = bytes(data)

    # ListingStateSink
    def listing_states(
        self, shop: str, listings: Sequence[ListingStatus], blocked: Sequence[BlockedProduct]
    ) -> None:
        """Keep each product's latest state on TikTok (審査中, 審査NG, 出品中...) and what holds
        new products back (a product no longer held back is dropped from ``blocked``)."""
        with self._lock:
            states = self.listing_states_of.setdefault(shop, {})
            for listing in listings:
                states[listing.catalog_id] = listing
            self.blocked[shop] = {b.catalog_id: b for b in blocked}

    def order(self, shop: str, order_id: str) -> OmsOrder | None:
        """The OMS record of an order, if imported."""
        with self._lock:
            return self.orders.get((shop, order_id))
