"""Shipment write-back (出荷連携): OMS tracking numbers and ship dates back to TikTok.

Only shipments with both a tracking number (伝票番号) and a ship date (出荷日) are written
(GoQSystem's rule); orders cancelled on TikTok are skipped and reported; the TikTok
``shipping_provider_id`` is resolved from the carrier; seller-shipped orders (the JP default)
are marked as shipped, TikTok-shipped packages are shipped with the shop's handover method.
A changed tracking number becomes an update within 72 hours and a clear refusal after.

Every action goes through the ledger: ``pending`` before the TikTok call, ``done`` after. A
run that stopped in between is reconciled against the order on TikTok, never repeated blindly.
A write whose reply was lost is recorded ``unknown`` and the run goes on with the rest; the next
run reads the order back from TikTok before deciding to write again.

For an order TikTok ships itself (shipping type TIKTOK), TikTok books the carrier and issues its
own tracking number: the OMS number is not sent. The plan says so, the result carries TikTok's
number (read back from the package), and a :class:`~.ports.TrackingSink` receives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._exceptions import APIConnectionError, APIError, ConfigurationError, ConflictError
from ..domain import (
    CarrierCompany,
    Failed,
    FixedCarrier,
    ProviderResolved,
    ShippingMethod,
    ShippingProvider,
    canonical_status,
    check_tracking_number,
    resolve_shipping_provider,
)
from ..resources import fulfillment as fulfillment_api
from ..resources import logistics as logistics_api
from ..resources import orders as orders_api
from ..types.fulfillment import PackageDetail
from ..types.order import Order
from ._describe import skipped_lines
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .ports import ShipmentSource, TrackingSink
from .progress import ProgressCallback, Reporter
from .state import LedgerEntry, StateStore
from .translate import shipping_providers
from .values import OmsShipment, TikTokTracking

__all__ = [
    "AsyncShipmentWriteBack",
    "ShipmentAction",
    "ShipmentPlan",
    "ShipmentPolicy",
    "ShipmentResult",
    "ShipmentSkip",
    "ShipmentWriteBack",
]

JOB = "shipments"
UPDATE_WINDOW = timedelta(hours=72)
_SHIPPED = frozenset({"AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"})


def _carrier(_inst: object, _attr: attrs.Attribute[Any], value: Any) -> None:
    settings.instance(
        "ShipmentPolicy.carrier",
        value,
        kinds=(FixedCarrier, ShippingMethod, CarrierCompany, type(None)),
        example="FixedCarrier.from_name('ヤマト運輸B2v6')",
    )


def _overrides(value: Any) -> dict[CarrierCompany, str]:
    if not isinstance(value, Mapping):
        raise ConfigurationError(
            "ShipmentPolicy.provider_overrides must map a CarrierCompany to a TikTok "
            f"shipping_provider_id, e.g. {{CarrierCompany.YAMATO: '7117858858072016686'}}, "
            f"got {value!r}."
        )
    for company, provider_id in value.items():
        if not isinstance(company, CarrierCompany):
            raise ConfigurationError(
                f"ShipmentPolicy.provider_overrides keys must be CarrierCompany members, got "
                f"{company!r}; e.g. {{CarrierCompany.YAMATO: '7117858858072016686'}}."
            )
        settings.identifier(
            f"ShipmentPolicy.provider_overrides[{company.name}]",
            provider_id,
            example="7117858858072016686",
        )
    return dict(value)


def _handover(_inst: object, _attr: attrs.Attribute[Any], value: Any) -> None:
    if value not in (None, "PICKUP", "DROP_OFF"):
        raise ConfigurationError(
            f"ShipmentPolicy.handover must be 'PICKUP', 'DROP_OFF' or None (per your carrier "
            f"contract), got {value!r}."
        )


@attrs.frozen(kw_only=True)
class ShipmentPolicy:
    """The shop's carrier rules for write-back.

    ``carrier`` is the fixed carrier used when a shipment names none (TikTok orders carry no
    shipping method); ``provider_overrides`` pins TikTok provider ids per carrier company;
    ``handover`` is PICKUP or DROP_OFF per the 3PL contract (SmartShip's option).
    """

    carrier: FixedCarrier | None = attrs.field(default=None, validator=_carrier)
    provider_overrides: Mapping[CarrierCompany, str] = attrs.field(
        factory=dict, converter=_overrides
    )
    handover: Literal["PICKUP", "DROP_OFF"] | None = attrs.field(default=None, validator=_handover)


@attrs.frozen(kw_only=True)
class ShipmentAction:
    """One write planned for TikTok.

    ``tracking_number`` is the OMS number. ``shipped_by_tiktok`` marks an order TikTok ships
    itself: that number is not sent, and ``tiktok_tracking_number`` holds TikTok's own once
    known. ``read_back`` marks an action decided by reading TikTok after a lost reply.
    """

    kind: Literal["mark_shipped", "ship_package", "update_tracking", "confirm"]
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
class ShipmentPlan:
    """What a write-back would do; ``describe()`` for a dry run."""

    shop: str
    actions: tuple[ShipmentAction, ...] = attrs.field(repr=summary)
    skipped: tuple[ShipmentSkip, ...] = attrs.field(repr=summary)

    def describe(self) -> str:
        """A readable summary for a seller."""
        kinds: dict[str, int] = {}
        for action in self.actions:
            kinds[action.kind] = kinds.get(action.kind, 0) + 1
        lines = [f"shipment write-back for shop {self.shop}:"]
        lines += [f"  {kind.replace('_', ' ')}: {count}" for kind, count in sorted(kinds.items())]
        for action in self.actions:
            if action.read_back:
                lines.append(f"  {action.order_id}: {_read_back_note(action)}")
            if action.shipped_by_tiktok:
                lines.append(f"  {action.order_id}: {_tiktok_note(action)}")
        lines += skipped_lines("shipment", ((s.order_id, s.reason) for s in self.skipped))
        return "\n".join(lines)


def _read_back_note(action: ShipmentAction) -> str:
    if action.kind == "confirm":
        return "TikTok's reply was lost last run; read back: it was applied (counted as done)"
    return "TikTok's reply was lost last run; read back: it was not applied (written again)"


def _tiktok_note(action: ShipmentAction) -> str:
    oms = action.tracking_number or "none"
    if action.tiktok_tracking_number:
        return (
            f"TikTok shipped it as {action.tiktok_tracking_number}; the OMS has {oms}: "
            "TikTok's number is handed back to the OMS"
        )
    return (
        f"TikTok ships it and assigns its own tracking number; the OMS number {oms} is not "
        "sent. TikTok's number is read back after shipping and handed to the OMS"
    )


@attrs.frozen(kw_only=True)
class ShipmentResult:
    """What a write-back did.

    ``unknown`` counts writes whose reply was lost (``unknown_outcomes`` says which): they may
    have been applied, and the next run reads them back. ``tiktok_tracking`` lists the numbers
    TikTok assigned to orders it ships, with the OMS number each replaces.
    """

    written: int = 0
    confirmed: int = 0
    updated: int = 0
    failed: int = 0
    skipped: int = 0
    failures: tuple[ShipmentSkip, ...] = attrs.field(default=(), repr=summary)
    unknown: int = 0
    unknown_outcomes: tuple[ShipmentSkip, ...] = attrs.field(default=(), repr=summary)
    tiktok_tracking: tuple[TikTokTracking, ...] = attrs.field(default=(), repr=summary)


def _key(shipment: OmsShipment) -> str:
    lines = ",".join(sorted(shipment.line_item_ids)) or "all"
    return f"ship:{shipment.order_id}:{lines}"


_UNSETTLED = frozenset({"pending", "unknown"})


class _WriteBackCore(JobBase[ShopT, ShipmentPlan, ShipmentResult]):
    job = JOB

    def __init__(
        self,
        *,
        shop: ShopT,
        state: StateStore,
        source: ShipmentSource,
        policy: ShipmentPolicy | None = None,
        shop_key: str | None = None,
        lease: LeasePolicy | None = None,
        on_progress: ProgressCallback | None = None,
        tracking_sink: TrackingSink | None = None,
    ) -> None:
        self._bind(shop, shop_key, lease)
        self.state = state
        self.source = source
        self.policy = settings.instance(
            "policy",
            policy or ShipmentPolicy(),
            kinds=(ShipmentPolicy,),
            example="ShipmentPolicy()",
        )
        if tracking_sink is None and isinstance(source, TrackingSink):
            tracking_sink = source
        self.tracking_sink = tracking_sink
        self._report = Reporter(JOB, self.shop_key, on_progress)

    def _plan_steps(self) -> Steps[ShipmentPlan]:
        now = self._now()
        shipments: Iterable[OmsShipment] = yield from self._port(
            self.source.shipments, self.shop_key
        )
        skipped: list[ShipmentSkip] = []
        candidates: list[OmsShipment] = []
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

        ledger = self.state.ledger_get(self.shop_key, [_key(s) for s in candidates])
        todo = [s for s in candidates if not self._settled(ledger.get(_key(s)), s)]
        orders = yield from self._orders([s.order_id for s in todo])
        providers_by_option: dict[str, list[ShippingProvider]] = {}
        actions: list[ShipmentAction] = []
        for shipment in todo:
            order = orders.get(shipment.order_id)
            entry = ledger.get(_key(shipment))
            if order is None:
                skipped.append(
                    ShipmentSkip(order_id=shipment.order_id, reason="order not found on TikTok")
                )
                continue
            status = canonical_status(str(order.status))
            if status == "CANCELLED":
                skipped.append(
                    ShipmentSkip(
                        order_id=order.id,
                        reason="cancelled on TikTok: not written back (do not ship)",
                    )
                )
                continue
            unsettled = entry is not None and entry.status in _UNSETTLED
            if str(order.shipping_type or "SELLER") == "TIKTOK":
                # TikTok ships it: no seller carrier or tracking, only the handover to arrange.
                actions_or_skip = self._tiktok_shipped(shipment, order, status)
                if isinstance(actions_or_skip, ShipmentSkip):
                    skipped.append(actions_or_skip)
                else:
                    actions.append(attrs.evolve(actions_or_skip, read_back=unsettled))
                continue
            provider = yield from self._provider(shipment, order, providers_by_option)
            if isinstance(provider, ShipmentSkip):
                skipped.append(provider)
                continue
            on_tiktok = self._tracking_on_tiktok(order, shipment)
            if on_tiktok == shipment.tracking_number:
                actions.append(self._action("confirm", shipment, provider, read_back=unsettled))
            elif on_tiktok:
                shipped_at = self._shipped_at(entry, order)
                if shipped_at is not None and now - shipped_at > UPDATE_WINDOW:
                    skipped.append(
                        ShipmentSkip(
                            order_id=order.id,
                            reason=f"tracking number changed from {on_tiktok} more than 72 "
                            "hours after shipping: TikTok no longer accepts updates; correct "
                            "it in Seller Center",
                        )
                    )
                    continue
                actions.append(
                    self._action("update_tracking", shipment, provider, previous=on_tiktok)
                )
            elif status in _SHIPPED:
                actions.append(self._action("confirm", shipment, provider, read_back=unsettled))
            elif status not in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"):
                skipped.append(
                    ShipmentSkip(
                        order_id=order.id, reason=f"order is {status}: it cannot be shipped yet"
                    )
                )
            else:
                actions.append(
                    self._action("mark_shipped", shipment, provider, read_back=unsettled)
                )
        return ShipmentPlan(shop=self.shop_key, actions=tuple(actions), skipped=tuple(skipped))

    def _settled(self, entry: LedgerEntry | None, shipment: OmsShipment) -> bool:
        """Done before with this tracking number, and TikTok's own number handed back if owed."""
        if entry is None or entry.status != "done":
            return False
        detail = entry.detail
        if shipment.tracking_number not in (
            detail.get("tracking_number"),
            detail.get("tiktok_tracking_number") or None,
        ):
            return False
        owes_number = bool(detail.get("shipped_by_tiktok")) and not detail.get("handed_back")
        return not (owes_number and self.tracking_sink is not None)

    def _tiktok_shipped(
        self, shipment: OmsShipment, order: Order, status: str
    ) -> ShipmentAction | ShipmentSkip:
        package = order.packages[0].id if order.packages else ""
        if status in _SHIPPED:
            return attrs.evolve(
                self._action("confirm", shipment, "", package=package),
                shipped_by_tiktok=True,
                tiktok_tracking_number=order.tracking_number,
                tiktok_provider=order.shipping_provider,
            )
        if status in ("AWAITING_SHIPMENT", "PARTIALLY_SHIPPING") and package:
            return attrs.evolve(
                self._action("ship_package", shipment, "", package=package), shipped_by_tiktok=True
            )
        return ShipmentSkip(
            order_id=order.id, reason=f"order is {status}: it cannot be shipped yet"
        )

    def _orders(self, order_ids: Sequence[str]) -> Steps[dict[str, Order]]:
        found: dict[str, Order] = {}
        if not order_ids:
            return found
        for spec in orders_api.detail_specs(sorted(set(order_ids))):
            batch: list[Order] = yield from self._call(spec)
            found.update({o.id: o for o in batch})
        return found

    def _provider(
        self, shipment: OmsShipment, order: Order, cache: dict[str, list[ShippingProvider]]
    ) -> Steps[str | ShipmentSkip]:
        carrier: Any = shipment.carrier or self.policy.carrier
        if carrier is None:
            return ShipmentSkip(
                order_id=order.id,
                reason="no carrier: set ShipmentPolicy.carrier (TikTok orders carry no "
                "shipping method)",
            )
        option = order.delivery_option_id
        if not option:
            return ShipmentSkip(
                order_id=order.id, reason="the order has no delivery option to look up carriers for"
            )
        if option not in cache:
            try:
                listed = yield from self._call(logistics_api.shipping_providers_spec(option))
            except APIError as error:
                return ShipmentSkip(
                    order_id=order.id, reason=f"no carriers for its delivery option: {error}"
                )
            cache[option] = shipping_providers(listed)
        result = resolve_shipping_provider(
            carrier, cache[option], overrides=self.policy.provider_overrides
        )
        if isinstance(result, ProviderResolved):
            return result.provider.id
        names = ", ".join(f"{c.name} ({c.id})" for c in result.candidates) or "none"
        return ShipmentSkip(order_id=order.id, reason=f"{result.reason}; candidates: {names}")

    @staticmethod
    def _tracking_on_tiktok(order: Order, shipment: OmsShipment) -> str:
        if shipment.line_item_ids:
            wanted = set(shipment.line_item_ids)
            numbers = {
                li.tracking_number
                for li in order.line_items
                if li.id in wanted and li.tracking_number
            }
            return numbers.pop() if len(numbers) == 1 else ""
        return order.tracking_number

    @staticmethod
    def _shipped_at(entry: LedgerEntry | None, order: Order) -> datetime | None:
        if entry is not None and entry.detail.get("shipped_at"):
            return datetime.fromisoformat(str(entry.detail["shipped_at"]))
        return order.rts_time

    @staticmethod
    def _action(
        kind: Literal["mark_shipped", "ship_package", "update_tracking", "confirm"],
        shipment: OmsShipment,
        provider_id: str,
        *,
        package: str = "",
        previous: str = "",
        read_back: bool = False,
    ) -> ShipmentAction:
        return ShipmentAction(
            kind=kind,
            key=_key(shipment),
            order_id=shipment.order_id,
            tracking_number=(shipment.tracking_number or "").strip(),
            provider_id=provider_id,
            line_item_ids=shipment.line_item_ids,
            package_id=package,
            previous_tracking=previous,
            read_back=read_back,
        )

    def _apply_steps(self, plan: ShipmentPlan) -> Steps[ShipmentResult]:
        now = self._now()
        written = confirmed = updated = 0
        failures: list[ShipmentSkip] = []
        unknown: list[ShipmentSkip] = []
        numbers: list[tuple[ShipmentAction, TikTokTracking]] = []
        for action in plan.actions:
            detail: dict[str, Any] = {
                "tracking_number": action.tracking_number,
                "provider_id": action.provider_id,
            }
            if action.shipped_by_tiktok:
                detail["shipped_by_tiktok"] = True
            if action.kind == "confirm":
                confirmed += 1
                why = (
                    "TikTok's reply was lost last run; read back: already shipped"
                    if action.read_back
                    else "already shipped on TikTok with this tracking number"
                )
                self._report("confirmed", action.order_id, why, now)
            else:
                self._ledger(action, "pending", detail, now)
                try:
                    yield from self._call(self._spec(action))
                except ConflictError as error:
                    if action.kind == "update_tracking" or error.code not in (
                        21011040,
                        21008099,
                        11006021,
                    ):
                        failures.append(self._fail(action, detail, error, now))
                        continue
                    confirmed += 1
                    self._report(
                        "confirmed",
                        action.order_id,
                        "TikTok says already shipped: counted as done",
                        now,
                    )
                except APIConnectionError as error:
                    if not error.may_have_applied:
                        # Nothing reached TikTok: it cannot be reached now, so stop the run.
                        self._fail(action, detail, error, now)
                        raise
                    unknown.append(self._unknown(action, detail, error, now))
                    continue
                except APIError as error:
                    failures.append(self._fail(action, detail, error, now))
                    continue
                else:
                    if action.kind == "update_tracking":
                        updated += 1
                        self._report(
                            "updated",
                            action.order_id,
                            f"tracking {action.previous_tracking} -> {action.tracking_number}",
                            now,
                        )
                    else:
                        written += 1
                        self._report("shipped", action.order_id, _shipped_message(action), now)
            if action.shipped_by_tiktok:
                number = yield from self._tiktok_number(action)
                detail["tiktok_tracking_number"] = number.tracking_number
                numbers.append((action, number))
                self._report("tiktok_tracking", action.order_id, number.describe(), now)
            self._ledger(action, "done", {**detail, "shipped_at": now.isoformat()}, now)
        yield from self._hand_back(numbers, now)
        for skip in plan.skipped:
            self._report("skipped", skip.order_id, skip.reason, now)
        return ShipmentResult(
            written=written,
            confirmed=confirmed,
            updated=updated,
            failed=len(failures),
            skipped=len(plan.skipped),
            failures=tuple(failures),
            unknown=len(unknown),
            unknown_outcomes=tuple(unknown),
            tiktok_tracking=tuple(number for _action, number in numbers),
        )

    def _tiktok_number(self, action: ShipmentAction) -> Steps[TikTokTracking]:
        """TikTok's tracking number for a package it ships: from the plan, else read back."""
        tracking, provider = action.tiktok_tracking_number, action.tiktok_provider
        if not tracking and action.package_id:
            try:
                package: PackageDetail = yield from self._call(
                    fulfillment_api.package_spec(action.package_id)
                )
            except (APIError, APIConnectionError):
                pass  # the next run reads it from the order
            else:
                tracking, provider = package.tracking_number, package.shipping_provider_name
        return TikTokTracking(
            shop=self.shop_key,
            order_id=action.order_id,
            package_id=action.package_id,
            oms_tracking_number=action.tracking_number,
            tracking_number=tracking,
            shipping_provider=provider,
        )

    def _hand_back(
        self, numbers: Sequence[tuple[ShipmentAction, TikTokTracking]], now: datetime
    ) -> Steps[None]:
        """Give the OMS TikTok's numbers, then remember they were given (once per shipment)."""
        known = [(a, n) for a, n in numbers if n.tracking_number]
        if self.tracking_sink is None or not known:
            return
        yield from self._port(self.tracking_sink.tiktok_tracking, tuple(n for _a, n in known))
        entries = self.state.ledger_get(self.shop_key, [a.key for a, _n in known])
        for action, _number in known:
            entry = entries.get(action.key)
            if entry is not None:
                self._ledger(action, entry.status, {**entry.detail, "handed_back": True}, now)

    def _spec(self, action: ShipmentAction) -> Any:
        if action.kind == "mark_shipped":
            return fulfillment_api.mark_shipped_spec(
                action.order_id,
                action.tracking_number,
                action.provider_id,
                action.line_item_ids or None,
            )
        if action.kind == "ship_package":
            body: dict[str, Any] = {}
            if self.policy.handover:
                body["handover_method"] = self.policy.handover
            return fulfillment_api.ship_package_spec(action.package_id, body)
        return fulfillment_api.update_shipping_info_spec(
            "orders", action.order_id, action.tracking_number, action.provider_id
        )

    def _ledger(
        self, action: ShipmentAction, status: Any, detail: dict[str, Any], now: datetime
    ) -> None:
        self.state.ledger_put(
            LedgerEntry(
                shop=self.shop_key,
                key=action.key,
                kind=action.kind,
                status=status,
                detail=detail,
                updated_at=now,
            )
        )

    def _fail(
        self,
        action: ShipmentAction,
        detail: dict[str, Any],
        error: APIError | APIConnectionError,
        now: datetime,
    ) -> ShipmentSkip:
        cause = f"{error.code}: {error.message}" if isinstance(error, APIError) else str(error)
        self._ledger(action, "failed", {**detail, "error": cause}, now)
        self._report("failed", action.order_id, str(error), now)
        return ShipmentSkip(order_id=action.order_id, reason=str(error))

    def _unknown(
        self,
        action: ShipmentAction,
        detail: dict[str, Any],
        error: APIConnectionError,
        now: datetime,
    ) -> ShipmentSkip:
        what = action.kind.replace("_", " ")
        reason = (
            f"TikTok's reply was lost ({type(error).__name__}): the {what} may have been "
            "applied. The next run reads the order back from TikTok before writing again "
            f"({error.read_back})"
        )
        self._ledger(action, "unknown", {**detail, "error": type(error).__name__}, now)
        self._report("unknown", action.order_id, reason, now)
        return ShipmentSkip(order_id=action.order_id, reason=reason)


def _shipped_message(action: ShipmentAction) -> str:
    if action.shipped_by_tiktok:
        return f"package {action.package_id} shipped by TikTok ({action.kind.replace('_', ' ')})"
    return f"tracking {action.tracking_number} written back"


class ShipmentWriteBack(_WriteBackCore[ShopClient], Job[ShipmentPlan, ShipmentResult]):
    """Write OMS shipments back to TikTok with the blocking client (plan, apply, run)."""


class AsyncShipmentWriteBack(
    _WriteBackCore[AsyncShopClient], AsyncJob[ShipmentPlan, ShipmentResult]
):
    """Write OMS shipments back to TikTok with the async client (plan, apply, run)."""
