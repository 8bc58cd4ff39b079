"""The shipment write-back's planner: which OMS shipments to write to TikTok, and how.

Pure: the OMS shipments (伝票番号 and 出荷日), the TikTok orders they ship (status, shipping
type, package, tracking numbers), the carriers of each delivery option, the ledger's record of
earlier writes and the shop's carrier rules, in; one action per shipment (mark shipped, ship
the package TikTok ships, update the tracking number, or confirm what TikTok already shows) or
a reason it is skipped, out. An order whose shipments disagree is refused, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Final, Literal, Protocol, TypeAlias

import attrs

from tiktokshop_sync.domain import statuses
from tiktokshop_sync.domain.carriers import (
    CarrierCompany,
    FixedCarrier,
    ProviderResolved,
    ShippingMethod,
    ShippingProvider,
    resolve_shipping_provider,
)
from tiktokshop_sync.domain.planning._repr import counted
from tiktokshop_sync.domain.results import Failed
from tiktokshop_sync.domain.tracking import check_tracking_number

__all__ = [
    "UPDATE_WINDOW",
    "FetchedShipments",
    "KnownShipments",
    "OmsShipment",
    "OrderShipping",
    "ProviderList",
    "ShipmentAction",
    "ShipmentDecisions",
    "ShipmentRecord",
    "ShipmentRules",
    "ShipmentSkip",
    "delivery_options_to_read",
    "plan_shipments",
    "shipment_key",
    "shipments_to_check",
]

#: TikTok accepts a changed tracking number for 72 hours after shipping.
UPDATE_WINDOW: Final = timedelta(hours=72)
_SHIPPED: Final = frozenset(
    {
        statuses.AWAITING_COLLECTION,
        statuses.IN_TRANSIT,
        statuses.DELIVERED,
        statuses.COMPLETED,
    }
)
_SHIPPABLE: Final = frozenset({statuses.AWAITING_SHIPMENT, statuses.PARTIALLY_SHIPPING})
_UNSETTLED: Final = frozenset({"pending", "unknown"})

ActionKind: TypeAlias = Literal["mark_shipped", "ship_package", "update_tracking", "confirm"]


@attrs.frozen(kw_only=True)
class OmsShipment:
    """A shipment recorded in the OMS: the tracking number (伝票番号) and ship date (出荷日).

    ``carrier`` overrides the shop's fixed carrier; ``line_item_ids`` ships part of an order.
    """

    order_id: str
    tracking_number: str | None
    ship_date: date | None
    carrier: CarrierCompany | ShippingMethod | None = None
    line_item_ids: tuple[str, ...] = ()


def shipment_key(shipment: OmsShipment) -> str:
    """The ledger key of a shipment: ``ship:<order id>:<line ids or all>``."""
    lines = ",".join(sorted(shipment.line_item_ids)) or "all"
    return f"ship:{shipment.order_id}:{lines}"


@attrs.frozen(kw_only=True)
class OrderShipping:
    """A TikTok order as the write-back reads it."""

    order_id: str
    status: str
    shipping_type: str = "SELLER"
    """``TIKTOK`` when TikTok ships it (its label and carrier), else ``SELLER``."""
    package_id: str = ""
    """The order's first package ("" when TikTok lists none yet)."""
    tracking_number: str = ""
    shipping_provider: str = ""
    delivery_option_id: str = ""
    line_tracking: Mapping[str, str] = attrs.field(factory=dict)
    """Line item id -> its tracking number, for the line items that have one."""
    rts_time: datetime | None = None


@attrs.frozen(kw_only=True)
class ShipmentRecord:
    """What the ledger remembers of an earlier write of one shipment."""

    status: str
    """``pending``, ``done``, ``failed``, ``skipped`` or ``unknown`` (its reply was lost)."""
    tracking_number: str | None = None
    tiktok_tracking_number: str = ""
    shipped_by_tiktok: bool = False
    handed_back: bool = False
    """TikTok's own tracking number was given to the OMS."""
    shipped_at: datetime | None = None


@attrs.frozen(kw_only=True)
class KnownShipments:
    """The ledger's records, by :func:`shipment_key`."""

    records: Mapping[str, ShipmentRecord] = attrs.field(factory=dict, repr=counted)


#: The carriers of one delivery option, or why they could not be read.
ProviderList: TypeAlias = tuple[ShippingProvider, ...] | str


@attrs.frozen(kw_only=True)
class FetchedShipments:
    """What a write-back read: the OMS shipments, their TikTok orders and the carriers."""

    shipments: tuple[OmsShipment, ...] = attrs.field(default=(), repr=counted)
    orders: Mapping[str, OrderShipping] = attrs.field(factory=dict, repr=counted)
    providers: Mapping[str, ProviderList] = attrs.field(factory=dict, repr=counted)
    """Delivery option id -> its carriers (or the error text of reading them)."""


class ShipmentRules(Protocol):
    """The settings the write-back planner reads (``ShipmentPolicy`` has them)."""

    @property
    def carrier(self) -> FixedCarrier | ShippingMethod | CarrierCompany | None:
        """The carrier used when a shipment names none."""
        ...

    @property
    def provider_overrides(self) -> Mapping[CarrierCompany, str]:
        """TikTok provider ids pinned per carrier company."""
        ...


@attrs.frozen(kw_only=True)
class ShipmentAction:
    """One write planned for TikTok.

    ``tracking_number`` is the OMS number. ``shipped_by_tiktok`` marks an order TikTok ships
    itself: that number is not sent, and ``tiktok_tracking_number`` holds TikTok's own once
    known. ``read_back`` marks an action decided by reading TikTok after a lost reply.
    """

    kind: ActionKind
    key: str
    order_id: str
    tracking_number: str
    provider_id: str
    line_item_ids: tuple[str, ...] = ()
    package_id: str = ""
    previous_tracking: str = ""
    shipped_by_tiktok: bool = False
    tiktok_tracking_number: str = ""
    tiktok_provider: str = ""
    read_back: bool = False


@attrs.frozen(kw_only=True)
class ShipmentSkip:
    """A shipment not written back, and why."""

    order_id: str
    reason: str


@attrs.frozen(kw_only=True)
class ShipmentDecisions:
    """What one write-back does: an action per shipment to write, and the skipped ones.

    ``refused`` holds the orders whose OMS shipments disagree: nothing is written for them
    until a person keeps one row, so they need attention where a skip does not.
    """

    actions: tuple[ShipmentAction, ...] = attrs.field(default=(), repr=counted)
    skipped: tuple[ShipmentSkip, ...] = attrs.field(default=(), repr=counted)
    refused: tuple[ShipmentSkip, ...] = attrs.field(default=(), repr=counted)


def _settled(record: ShipmentRecord | None, shipment: OmsShipment, hand_back: bool) -> bool:
    """Done before with this tracking number, and TikTok's own number handed back if owed."""
    if record is None or record.status != "done":
        return False
    if shipment.tracking_number not in (
        record.tracking_number,
        record.tiktok_tracking_number or None,
    ):
        return False
    owes_number = record.shipped_by_tiktok and not record.handed_back
    return not (owes_number and hand_back)


def _candidates(
    shipments: Iterable[OmsShipment],
) -> tuple[list[OmsShipment], list[ShipmentSkip]]:
    """Shipments with a tracking number and a ship date (GoQSystem's rule) and a valid number."""
    candidates: list[OmsShipment] = []
    skipped: list[ShipmentSkip] = []
    for shipment in shipments:
        if not shipment.tracking_number or shipment.ship_date is None:
            skipped.append(
                ShipmentSkip(
                    order_id=shipment.order_id,
                    reason="needs both a tracking number (伝票番号) and a ship date (出荷日)",
                )
            )
            continue
        check = check_tracking_number(shipment.tracking_number)
        if isinstance(check, Failed):
            skipped.append(ShipmentSkip(order_id=shipment.order_id, reason=check.message))
            continue
        candidates.append(shipment)
    return candidates, skipped


def _written(shipment: OmsShipment) -> tuple[str, CarrierCompany | None]:
    """What a shipment writes for its lines: the tracking number and the carrier company.

    Compared as the OMS gives them: a blank carrier (the shop's fixed one) and a named one differ.
    """
    carrier = shipment.carrier
    company = carrier.company if isinstance(carrier, ShippingMethod) else carrier
    return (shipment.tracking_number or "").strip(), company


def _same(shipment: OmsShipment) -> tuple[str, str, CarrierCompany | None]:
    """A shipment's ledger key and what it writes: equal for a repeated row."""
    return (shipment_key(shipment), *_written(shipment))


def _overlap(one: OmsShipment, other: OmsShipment) -> bool:
    """Whether two shipments of an order ship a line in common (no line ids: the whole order)."""
    if not one.line_item_ids or not other.line_item_ids:
        return True
    return bool(set(one.line_item_ids) & set(other.line_item_ids))


def _disagreement(order_id: str, shipments: list[OmsShipment]) -> ShipmentSkip:
    written = [_written(s) for s in shipments]
    numbers = list(dict.fromkeys(number for number, _company in written))
    companies = list(dict.fromkeys(company for _number, company in written))
    differ = [f"tracking numbers {', '.join(numbers)}"] if len(numbers) > 1 else []
    if len(companies) > 1:
        names = (c.name_ja if c else "blank (the shop's carrier)" for c in companies)
        differ.append(f"carriers {', '.join(names)}")
    return ShipmentSkip(
        order_id=order_id,
        reason=f"{len(shipments)} shipments for order {order_id} disagree "
        f"({'; '.join(differ)}): nothing is written for this order; keep one row for it "
        "(one per set of line items when shipping part of it)",
    )


def _one_write_per_order(
    candidates: list[OmsShipment],
) -> tuple[list[OmsShipment], list[ShipmentSkip]]:
    """Repeats of a shipment kept once; an order whose shipments disagree refused whole.

    Two shipments of an order disagree when they ship a line in common (or the whole order)
    with a different tracking number or carrier: writing either would be a guess.
    """
    by_order: dict[str, dict[tuple[str, str, CarrierCompany | None], OmsShipment]] = {}
    for shipment in candidates:
        distinct = by_order.setdefault(shipment.order_id, {})
        distinct.setdefault(_same(shipment), shipment)
    refused: list[ShipmentSkip] = []
    for order_id, rows in by_order.items():
        mine = list(rows.values())
        if any(
            _overlap(one, other) and _written(one) != _written(other)
            for n, one in enumerate(mine)
            for other in mine[n + 1 :]
        ):
            refused.append(_disagreement(order_id, mine))
    out = {r.order_id for r in refused}
    kept = [s for s in candidates if s.order_id not in out and by_order[s.order_id][_same(s)] is s]
    return kept, refused


def shipments_to_check(
    shipments: Iterable[OmsShipment], known: KnownShipments, *, hand_back: bool = False
) -> list[OmsShipment]:
    """The shipments whose TikTok order must be read: writable, agreed and not settled before."""
    candidates, _skipped = _candidates(shipments)
    agreed, _refused = _one_write_per_order(candidates)
    return [s for s in agreed if not _settled(known.records.get(shipment_key(s)), s, hand_back)]


def _carrier(
    shipment: OmsShipment, policy: ShipmentRules
) -> FixedCarrier | ShippingMethod | CarrierCompany | None:
    return shipment.carrier or policy.carrier


def _option_needed(
    shipment: OmsShipment, order: OrderShipping | None, policy: ShipmentRules
) -> str:
    """The delivery option whose carriers decide this shipment's provider ("" for none)."""
    if order is None or statuses.canonical_status(order.status) == statuses.CANCELLED:
        return ""
    if (order.shipping_type or "SELLER") == "TIKTOK" or _carrier(shipment, policy) is None:
        return ""
    return order.delivery_option_id


def delivery_options_to_read(
    shipments: Iterable[OmsShipment], orders: Mapping[str, OrderShipping], policy: ShipmentRules
) -> list[str]:
    """The delivery options whose carriers must be read (each once, in first-needed order)."""
    options = (_option_needed(s, orders.get(s.order_id), policy) for s in shipments)
    return list(dict.fromkeys(option for option in options if option))


def _action(
    kind: ActionKind,
    shipment: OmsShipment,
    provider_id: str,
    *,
    package: str = "",
    previous: str = "",
    read_back: bool = False,
) -> ShipmentAction:
    return ShipmentAction(
        kind=kind,
        key=shipment_key(shipment),
        order_id=shipment.order_id,
        tracking_number=(shipment.tracking_number or "").strip(),
        provider_id=provider_id,
        line_item_ids=shipment.line_item_ids,
        package_id=package,
        previous_tracking=previous,
        read_back=read_back,
    )


def _tiktok_shipped(
    shipment: OmsShipment, order: OrderShipping, status: str, read_back: bool
) -> ShipmentAction | ShipmentSkip:
    package = order.package_id
    if status in _SHIPPED:
        return attrs.evolve(
            _action("confirm", shipment, "", package=package, read_back=read_back),
            shipped_by_tiktok=True,
            tiktok_tracking_number=order.tracking_number,
            tiktok_provider=order.shipping_provider,
        )
    if status in _SHIPPABLE and package:
        return attrs.evolve(
            _action("ship_package", shipment, "", package=package, read_back=read_back),
            shipped_by_tiktok=True,
        )
    return ShipmentSkip(
        order_id=order.order_id, reason=f"order is {status}: it cannot be shipped yet"
    )


def _provider(
    shipment: OmsShipment,
    order: OrderShipping,
    providers: Mapping[str, ProviderList],
    policy: ShipmentRules,
) -> str | ShipmentSkip:
    carrier = _carrier(shipment, policy)
    if carrier is None:
        return ShipmentSkip(
            order_id=order.order_id,
            reason="no carrier: set ShipmentPolicy.carrier (TikTok orders carry no "
            "shipping method)",
        )
    option = order.delivery_option_id
    if not option:
        return ShipmentSkip(
            order_id=order.order_id,
            reason="the order has no delivery option to look up carriers for",
        )
    listed = providers.get(option, ())
    if isinstance(listed, str):
        return ShipmentSkip(
            order_id=order.order_id, reason=f"no carriers for its delivery option: {listed}"
        )
    result = resolve_shipping_provider(carrier, list(listed), overrides=policy.provider_overrides)
    if isinstance(result, ProviderResolved):
        return result.provider.id
    names = ", ".join(f"{c.name} ({c.id})" for c in result.candidates) or "none"
    return ShipmentSkip(order_id=order.order_id, reason=f"{result.reason}; candidates: {names}")


def _tracking_on_tiktok(order: OrderShipping, shipment: OmsShipment) -> str:
    if shipment.line_item_ids:
        numbers = {
            order.line_tracking[i] for i in shipment.line_item_ids if order.line_tracking.get(i)
        }
        return numbers.pop() if len(numbers) == 1 else ""
    return order.tracking_number


def _decide(
    shipment: OmsShipment,
    order: OrderShipping,
    record: ShipmentRecord | None,
    providers: Mapping[str, ProviderList],
    policy: ShipmentRules,
    now: datetime,
) -> ShipmentAction | ShipmentSkip:
    status = statuses.canonical_status(order.status)
    if status == statuses.CANCELLED:
        return ShipmentSkip(
            order_id=order.order_id, reason="cancelled on TikTok: not written back (do not ship)"
        )
    unsettled = record is not None and record.status in _UNSETTLED
    if (order.shipping_type or "SELLER") == "TIKTOK":
        # TikTok ships it: no seller carrier or tracking, only the handover to arrange.
        return _tiktok_shipped(shipment, order, status, unsettled)
    provider = _provider(shipment, order, providers, policy)
    if isinstance(provider, ShipmentSkip):
        return provider
    on_tiktok = _tracking_on_tiktok(order, shipment)
    if on_tiktok == shipment.tracking_number:
        return _action("confirm", shipment, provider, read_back=unsettled)
    if on_tiktok:
        shipped_at = record.shipped_at if record and record.shipped_at else order.rts_time
        if shipped_at is not None and now - shipped_at > UPDATE_WINDOW:
            return ShipmentSkip(
                order_id=order.order_id,
                reason=f"tracking number changed from {on_tiktok} more than 72 hours after "
                "shipping: TikTok no longer accepts updates; correct it in Seller Center",
            )
        return _action("update_tracking", shipment, provider, previous=on_tiktok)
    if status in _SHIPPED:
        return _action("confirm", shipment, provider, read_back=unsettled)
    if status not in _SHIPPABLE:
        return ShipmentSkip(
            order_id=order.order_id, reason=f"order is {status}: it cannot be shipped yet"
        )
    return _action("mark_shipped", shipment, provider, read_back=unsettled)


def plan_shipments(
    fetched: FetchedShipments,
    known: KnownShipments,
    policy: ShipmentRules,
    now: datetime,
    *,
    hand_back: bool = False,
) -> ShipmentDecisions:
    """Decide one write-back: per OMS shipment, the write TikTok needs or why there is none.

    A shipment written before with the same tracking number is not written again; one whose
    reply was lost is decided from the order TikTok shows now (``read_back``). ``hand_back``
    says the host takes TikTok's own tracking numbers (a ``TrackingSink``): a TikTok-shipped
    order stays open until its number was handed back. A shipment listed twice with the same
    lines, tracking number and carrier is planned once (the ship date is not written); an
    order whose shipments disagree on those is refused: no action, one ``refused`` entry.
    """
    writable, skipped = _candidates(fetched.shipments)
    candidates, refused = _one_write_per_order(writable)
    actions: list[ShipmentAction] = []
    for shipment in candidates:
        record = known.records.get(shipment_key(shipment))
        if _settled(record, shipment, hand_back):
            continue
        order = fetched.orders.get(shipment.order_id)
        if order is None:
            skipped.append(
                ShipmentSkip(order_id=shipment.order_id, reason="order not found on TikTok")
            )
            continue
        decided = _decide(shipment, order, record, fetched.providers, policy, now)
        if isinstance(decided, ShipmentSkip):
            skipped.append(decided)
        else:
            actions.append(decided)
    return ShipmentDecisions(actions=tuple(actions), skipped=tuple(skipped), refused=tuple(refused))
