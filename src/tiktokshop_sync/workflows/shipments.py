"""Shipment write-back (出荷連携): OMS tracking numbers and ship dates back to TikTok.

Only shipments with both a tracking number (伝票番号) and a ship date (出荷日) are written
(GoQSystem's rule); orders cancelled on TikTok are skipped and reported; the TikTok
``shipping_provider_id`` is resolved from the carrier; seller-shipped orders (the JP default)
are marked as shipped, TikTok-shipped packages are shipped with the shop's handover method.
A changed tracking number becomes an update within 72 hours and a clear refusal after. An
order whose OMS shipments disagree (two tracking numbers or carriers for the same lines) is
refused and reported, never written with one of them.

Every action goes through the ledger: ``pending`` before the TikTok call, ``done`` after. A
run that stopped in between is reconciled against the order on TikTok, never repeated blindly.
A write whose reply was lost is recorded ``unknown`` and the run goes on with the rest; the next
run reads the order back from TikTok before deciding to write again.

For an order TikTok ships itself (shipping type TIKTOK), TikTok books the carrier and issues its
own tracking number: the OMS number is not sent. The plan says so, the result carries TikTok's
number (read back from the package), and a :class:`~.ports.TrackingSink` receives it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

import attrs

from .._client import AsyncShopClient, ShopClient
from .._core import settings
from .._core.display import summary
from .._core.tabular import Tabular
from .._exceptions import (
    APIConnectionError,
    APIError,
    ConfigurationError,
    ConflictError,
    unknown_outcome_cause,
)
from ..domain import CarrierCompany, FixedCarrier, ShippingMethod
from ..domain.planning import (
    FetchedShipments,
    KnownShipments,
    OrderShipping,
    ProviderList,
    ShipmentAction,
    ShipmentDecisions,
    ShipmentSkip,
    delivery_options_to_read,
    plan_shipments,
    shipment_key,
    shipments_to_check,
)
from ..resources import fulfillment as fulfillment_api
from ..resources import logistics as logistics_api
from ..resources import orders as orders_api
from ..types.fulfillment import PackageDetail
from ._describe import skipped_lines
from ._engine import AsyncJob, Job, JobBase, ShopT, Steps
from ._lease import LeasePolicy
from .ports import ShipmentSource, TrackingSink
from .progress import ProgressCallback, Reporter
from .state import LedgerEntry, StateStore
from .translate import order_shipping, shipment_record, shipping_providers
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
class ShipmentPlan(Tabular):
    """What a write-back would do; ``describe()`` for a dry run.

    ``refused`` lists the orders whose OMS shipments disagree: nothing is written for them.
    """

    shop: str
    actions: tuple[ShipmentAction, ...] = attrs.field(repr=summary)
    skipped: tuple[ShipmentSkip, ...] = attrs.field(repr=summary)
    refused: tuple[ShipmentSkip, ...] = attrs.field(default=(), repr=summary)

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
        if self.refused:
            lines.append(f"  refuse {len(self.refused)} order(s), nothing written for them:")
            lines += [f"    {refusal.reason}" for refusal in self.refused]
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
class ShipmentResult(Tabular):
    """What a write-back did.

    ``unknown`` counts writes whose outcome TikTok left open (``unknown_outcomes`` says which):
    a lost reply or a server error (they may have been applied), or "already shipped" with
    another tracking number than the OMS's; the next run reads them back. ``tiktok_tracking``
    lists the numbers TikTok assigned to orders it ships, with the OMS number each replaces.
    ``refused`` counts orders not written because their OMS shipments disagree (``refusals``
    says which and why).
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
    refused: int = 0
    refusals: tuple[ShipmentSkip, ...] = attrs.field(default=(), repr=summary)


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
        now, shop = self._now(), self.shop_key
        shipments: tuple[OmsShipment, ...] = tuple(
            (yield from self._port(self.source.shipments, shop))
        )
        hand_back = self.tracking_sink is not None
        entries = self.state.ledger_get(shop, list(dict.fromkeys(map(shipment_key, shipments))))
        known = KnownShipments(records={k: shipment_record(e) for k, e in entries.items()})
        todo = shipments_to_check(shipments, known, hand_back=hand_back)
        orders = yield from self._orders([s.order_id for s in todo])
        providers: dict[str, ProviderList] = {}
        for option in delivery_options_to_read(todo, orders, self.policy):
            try:
                listed = yield from self._call(logistics_api.shipping_providers_spec(option))
            except APIError as error:
                providers[option] = str(error)
            else:
                providers[option] = tuple(shipping_providers(listed))
        decisions: ShipmentDecisions = plan_shipments(
            FetchedShipments(shipments=shipments, orders=orders, providers=providers),
            known,
            self.policy,
            now,
            hand_back=hand_back,
        )
        return ShipmentPlan(
            shop=shop,
            actions=decisions.actions,
            skipped=decisions.skipped,
            refused=decisions.refused,
        )

    def _orders(self, order_ids: Sequence[str]) -> Steps[dict[str, OrderShipping]]:
        found: dict[str, OrderShipping] = {}
        if not order_ids:
            return found
        for spec in orders_api.detail_specs(sorted(set(order_ids))):
            batch = yield from self._call(spec)
            found.update({o.id: order_shipping(o) for o in batch})
        return found

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
                    if action.kind == "update_tracking" or error.code not in _ALREADY_SHIPPED:
                        failures.append(self._fail(action, detail, error, now))
                        continue
                    if action.kind == "mark_shipped":
                        # Shipped elsewhere since the plan, maybe with another number: settled
                        # only if TikTok shows this one.
                        shown = yield from self._tracking_now(action)
                        if shown != action.tracking_number:
                            reason = _conflict_reason(action, error, shown)
                            unknown.append(self._unknown(action, detail, reason, error, now))
                            continue
                    confirmed += 1
                    self._report(
                        "confirmed",
                        action.order_id,
                        "TikTok says already shipped"
                        + (" with this tracking number" if action.kind == "mark_shipped" else "")
                        + ": counted as done",
                        now,
                    )
                except (APIError, APIConnectionError) as error:
                    if error.may_have_applied:
                        reason = _lost_reason(action, error)
                        unknown.append(self._unknown(action, detail, reason, error, now))
                        continue
                    if isinstance(error, APIConnectionError):
                        # Nothing reached TikTok: it cannot be reached now, so stop the run.
                        self._fail(action, detail, error, now)
                        raise
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
        for refusal in plan.refused:
            self._report("refused", refusal.order_id, refusal.reason, now)
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
            refused=len(plan.refused),
            refusals=plan.refused,
        )

    def _tracking_now(self, action: ShipmentAction) -> Steps[str | None]:
        """The tracking number TikTok shows now for the action's lines ("" when they have
        none or several; None when the order could not be read)."""
        try:
            orders = yield from self._orders([action.order_id])
        except (APIError, APIConnectionError):
            return None
        order = orders.get(action.order_id)
        if order is None:
            return None
        if not action.line_item_ids:
            return order.tracking_number
        numbers = {order.line_tracking.get(line, "") for line in action.line_item_ids}
        return numbers.pop() if len(numbers) == 1 else ""

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
        reason: str,
        error: APIError | APIConnectionError,
        now: datetime,
    ) -> ShipmentSkip:
        """Record a write TikTok's state must settle: the next run reads the order back."""
        known = isinstance(error, APIError) and error.code is not None
        cause = f"{error.code}: {error.message}" if isinstance(error, APIError) and known else ""
        self._ledger(action, "unknown", {**detail, "error": cause or type(error).__name__}, now)
        self._report("unknown", action.order_id, reason, now)
        return ShipmentSkip(order_id=action.order_id, reason=reason)


#: mark_shipped's "already shipped" refusals (TikTok's fulfillment API reference).
_ALREADY_SHIPPED = frozenset({21011040, 21008099, 11006021})


def _lost_reason(action: ShipmentAction, error: APIError | APIConnectionError) -> str:
    what = action.kind.replace("_", " ")
    return (
        f"{unknown_outcome_cause(error)}: the {what} may have been applied. The next run "
        f"reads the order back from TikTok before writing again ({error.read_back})"
    )


def _conflict_reason(action: ShipmentAction, error: ConflictError, shown: str | None) -> str:
    if shown:
        seen = f"with tracking number {shown}, not the OMS's {action.tracking_number}"
    elif shown is None:
        seen = f"but the order could not be read to compare with {action.tracking_number}"
    else:
        seen = f"but shows no single tracking number to compare with {action.tracking_number}"
    return (
        f"TikTok says it is already shipped ({error.code}) {seen} (shipped in Seller Center or "
        "by another tool after this plan was made): not recorded as done. The next run reads "
        "the order back and updates the tracking number or confirms it"
    )


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
