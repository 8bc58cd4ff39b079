"""Ports: the small interfaces a host implements so workflows never assume an OMS.

Methods may be plain or ``async``; async workflows await whatever is awaitable.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Sequence
from typing import Protocol, runtime_checkable

from ..domain.planning import BlockedProduct, ListingStatus
from ..domain.return_events import ReturnEvent
from ..domain.settlement import (
    BankDeposit,
    Payout,
    RecordedOrder,
    ReportPeriod,
    SettlementStatement,
)
from .values import (
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

__all__ = [
    "CancelRequestSink",
    "CatalogSource",
    "ImageSource",
    "ListingStateSink",
    "OrderSink",
    "ReturnSink",
    "SettlementBooks",
    "SettlementSink",
    "ShipmentSource",
    "StockSource",
    "TrackingSink",
]


@runtime_checkable
class OrderSink(Protocol):
    """Where imported orders, releases and cancellations go (the OMS)."""

    def accept(self, orders: Sequence[ImportedOrder]) -> Awaitable[None] | None:
        """Store new orders; a repeated ``order.key`` must be treated as the same order."""
        ...

    def release(self, releases: Sequence[HoldReleased]) -> Awaitable[None] | None:
        """Move held orders to paid (入金済み) so they can ship."""
        ...

    def cancel(self, cancellations: Sequence[OrderCancelled]) -> Awaitable[None] | None:
        """Cancel orders (or line items) in the OMS; never ship them.

        Each cancellation comes once, except after a run stopped between this call and the
        state store (then, 15 minutes on, again): treat a repeat as the same cancellation.
        """
        ...


@runtime_checkable
class CancelRequestSink(Protocol):
    """Optional: where pending buyer cancel requests are surfaced (with their deadline)."""

    def cancel_requested(self, requests: Sequence[CancelRequest]) -> Awaitable[None] | None:
        """Show the seller a buyer's cancel request to approve or reject in time."""
        ...


@runtime_checkable
class SettlementSink(Protocol):
    """Where TikTok's statements and payouts go (the OMS or the accounting system)."""

    def settle(self, settlements: Sequence[ImportedSettlement]) -> Awaitable[None] | None:
        """Store statements with their lines; a repeated ``key`` is the same statement, with
        its payout filled in or its payment status moved (an upsert)."""
        ...

    def paid(self, payouts: Sequence[ImportedPayout]) -> Awaitable[None] | None:
        """Store payouts; a repeated ``key`` is the same payout in a newer status."""
        ...


@runtime_checkable
class SettlementBooks(Protocol):
    """What the host's books hold for a shop and a period, for the reconciliation (入金消込).

    The statements and payouts are those a :class:`SettlementSink` received (the newest state
    of each key); the host decides which belong to ``period`` (e.g. statements dated in it and
    the payouts that pay them). Each id once per method.
    """

    def settled_statements(
        self, shop: str, period: ReportPeriod
    ) -> Iterable[SettlementStatement] | Awaitable[Iterable[SettlementStatement]]:
        """The period's statements with all their lines, as ``settle()`` received them."""
        ...

    def settled_payouts(
        self, shop: str, period: ReportPeriod
    ) -> Iterable[Payout] | Awaitable[Iterable[Payout]]:
        """The payouts that pay the period's statements, as ``paid()`` received them."""
        ...

    def recorded_orders(
        self, shop: str, period: ReportPeriod
    ) -> Iterable[RecordedOrder] | Awaitable[Iterable[RecordedOrder]]:
        """What the OMS booked for the period's orders (revenue as TikTok counts it)."""
        ...

    def bank_deposits(
        self, shop: str, period: ReportPeriod
    ) -> Iterable[BankDeposit] | Awaitable[Iterable[BankDeposit]]:
        """The bank's deposits matched to TikTok payouts (by payment id)."""
        ...


@runtime_checkable
class ShipmentSource(Protocol):
    """Where shipments to write back come from."""

    def shipments(self, shop: str) -> Iterable[OmsShipment] | Awaitable[Iterable[OmsShipment]]:
        """OMS shipments of ``shop`` that may need writing back to TikTok."""
        ...


@runtime_checkable
class TrackingSink(Protocol):
    """Optional: where tracking numbers TikTok assigned come back to (the OMS stores them).

    A ``ShipmentSource`` that also has this method receives them without further setup.
    """

    def tiktok_tracking(self, numbers: Sequence[TikTokTracking]) -> Awaitable[None] | None:
        """Store TikTok's tracking numbers for orders TikTok shipped (repeats are upserts)."""
        ...


@runtime_checkable
class StockSource(Protocol):
    """Where stock levels come from (per OMS location, 拠点)."""

    def stock_levels(self, shop: str) -> Iterable[StockLevel] | Awaitable[Iterable[StockLevel]]:
        """Current available stock per SKU and location, once per pair (a pair twice is refused)."""
        ...


@runtime_checkable
class CatalogSource(Protocol):
    """Where catalog products to publish come from."""

    def products(self, shop: str) -> Iterable[CatalogProduct] | Awaitable[Iterable[CatalogProduct]]:
        """The host's catalog products (the workflow filters by tag and published state)."""
        ...


@runtime_checkable
class ImageSource(Protocol):
    """Where a catalog product's images come from, for the publish to upload them to TikTok."""

    def image(self, shop: str, ref: str) -> bytes | Awaitable[bytes]:
        """The bytes of the image the catalog refers to as ``ref`` (a URL, a path, an id)."""
        ...


@runtime_checkable
class ListingStateSink(Protocol):
    """Where the publish reports each product's state on TikTok back to the host."""

    def listing_states(
        self, shop: str, listings: Sequence[ListingStatus], blocked: Sequence[BlockedProduct]
    ) -> Awaitable[None] | None:
        """Linked products' status and review (審査中, 審査NG with TikTok's reasons, 出品中...),
        and new products held back (不足項目あり, 出品チェックNG) with what to fix."""
        ...


@runtime_checkable
class ReturnSink(Protocol):
    """Where after-sales steps go (the OMS): requested, approved, item received, refunded,
    rejected, cancelled... of returns, refunds and replacements."""

    def return_events(self, shop: str, events: Sequence[ReturnEvent]) -> Awaitable[None] | None:
        """Record each step of ``shop``'s requests; a repeated ``event.key`` is the same step
        (an upsert): after a crash before the state store recorded it, it comes again."""
        ...
