"""The shops a fleet runs: what the host registers per shop, and the registry it reads them from.

A host with hundreds of shops keeps them in its own database; the fleet only asks for them
(``ShopRegistry.shops()``) at start and on every tick, so shops added or removed are picked up
without restarting workers. The same TikTok shop registered twice under two host ids would
import every order twice, so the registry is checked with
:func:`tiktokshop_sync.domain.find_duplicate_shops` and refused.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, runtime_checkable

import attrs

from .._core import settings
from .._exceptions import ConfigurationError
from ..domain import ListingMappings, ReturnPolicy, ShopRegistration
from ..workflows import (
    CatalogSource,
    DuplicateShopError,
    ImageSource,
    InventoryPolicy,
    ListingStateSink,
    OrderImportPolicy,
    OrderSink,
    PublishPolicy,
    ReturnSink,
    ShipmentPolicy,
    ShipmentSource,
    StockSource,
    TrackingSink,
    check_shops,
)

__all__ = [
    "DuplicateShopError",
    "FleetShop",
    "JobKind",
    "ShopIndex",
    "ShopRegistry",
    "StaticShops",
    "index_shops",
]


class JobKind(str, enum.Enum):
    """The six jobs a fleet runs per shop; the values are the jobs' names in the state store."""

    ORDERS = "orders"
    CANCELLATIONS = "cancellations"
    SHIPMENTS = "shipments"
    INVENTORY = "inventory"
    PUBLISH = "publish"
    RETURNS = "returns"


def _port(kind: type, example: str) -> settings.Validator:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, kind):
            raise ConfigurationError(
                f"{type(instance).__name__}.{attribute.name} must implement {kind.__name__} "
                f"(or be None to not run that job), got {type(value).__name__}; e.g. {example}."
            )

    return check


def _policy(kind: type, example: str) -> settings.Validator:
    return settings.check_field(settings.instance, kinds=(kind,), example=example)


def _id(example: str) -> settings.Validator:
    return settings.check_field(settings.text, example=example)


@attrs.frozen(kw_only=True)
class FleetShop:
    """One shop as the host registers it with the fleet: its ids, its seller's grant, and the
    ports and policies of the jobs it runs (a job runs when its port is set).

    ``host_id`` is the host's own id for the shop (job arguments, pauses, reports);
    ``shop_id`` and ``cipher`` are TikTok's (Get Authorized Shops ``id`` and ``cipher``);
    ``grant`` is the seller's ``open_id`` whose tokens the shop's calls use. Ports are called
    from worker threads, so they must be plain (blocking) callables.
    """

    host_id: str = attrs.field(validator=_id("'tiktok-main'"))
    shop_id: str = attrs.field(validator=_id("'7494049642642441621'"))
    cipher: str = attrs.field(validator=_id("'GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3'"))
    grant: str = attrs.field(validator=_id("tokens.open_id"))
    orders: OrderSink | None = attrs.field(
        default=None, validator=_port(OrderSink, "the OMS order sink")
    )
    """Order import (受注取込) into this sink."""
    order_policy: OrderImportPolicy = attrs.field(
        factory=OrderImportPolicy, validator=_policy(OrderImportPolicy, "OrderImportPolicy()")
    )
    cancellations: OrderSink | None = attrs.field(
        default=None, validator=_port(OrderSink, "the OMS order sink")
    )
    """Cancellation import (buyer cancel requests and cancellations) into this sink."""
    shipments: ShipmentSource | None = attrs.field(
        default=None, validator=_port(ShipmentSource, "the OMS shipment source")
    )
    """Shipment write-back (伝票番号) from this source."""
    shipment_policy: ShipmentPolicy = attrs.field(
        factory=ShipmentPolicy, validator=_policy(ShipmentPolicy, "ShipmentPolicy()")
    )
    tracking: TrackingSink | None = attrs.field(
        default=None, validator=_port(TrackingSink, "the OMS tracking sink")
    )
    """Where tracking numbers TikTok assigned go (optional, with ``shipments``)."""
    stock: StockSource | None = attrs.field(
        default=None, validator=_port(StockSource, "the OMS stock source")
    )
    """Inventory push from this source (needs ``inventory_policy``)."""
    inventory_policy: InventoryPolicy | None = attrs.field(
        default=None,
        validator=settings.check_field(
            settings.instance,
            kinds=(InventoryPolicy, type(None)),
            example="InventoryPolicy(locations={'main': '7068517275539719942'})",
        ),
    )
    catalog: CatalogSource | None = attrs.field(
        default=None, validator=_port(CatalogSource, "the OMS catalog")
    )
    """Product publish from this catalog."""
    publish_policy: PublishPolicy = attrs.field(
        factory=PublishPolicy, validator=_policy(PublishPolicy, "PublishPolicy()")
    )
    listing_mappings: ListingMappings | None = attrs.field(
        default=None,
        validator=settings.check_field(
            settings.instance,
            kinds=(ListingMappings, type(None)),
            example="ListingMappings(categories=CategoryMapping(rows={...}))",
        ),
    )
    """The host's categories, fields and brands mapped to TikTok's, for the publish."""
    images: ImageSource | None = attrs.field(
        default=None, validator=_port(ImageSource, "the OMS image store")
    )
    """Where the publish reads product images to upload them once (optional)."""
    listing_states: ListingStateSink | None = attrs.field(
        default=None, validator=_port(ListingStateSink, "the OMS listing state sink")
    )
    """Where the publish reports review states and held-back products (optional)."""

    returns: ReturnSink | None = attrs.field(
        default=None, validator=_port(ReturnSink, "the OMS return sink")
    )
    """Return import (返品・返金: each step of returns, refunds, replacements) into this sink."""
    return_policy: ReturnPolicy = attrs.field(
        factory=ReturnPolicy,
        validator=_policy(ReturnPolicy, "ReturnPolicy(auto_approve_refunds_under=3000)"),
    )
    """What the return import may answer for the seller (nothing, by default)."""

    def __attrs_post_init__(self) -> None:
        if self.stock is not None and self.inventory_policy is None:
            raise ConfigurationError(
                f"FleetShop {self.host_id!r} has a stock source but no inventory_policy: pass "
                "InventoryPolicy(locations={...}) mapping OMS locations to TikTok warehouses."
            )

    @property
    def jobs(self) -> tuple[JobKind, ...]:
        """The jobs this shop runs: those whose port is set, in :class:`JobKind` order."""
        ports = {
            JobKind.ORDERS: self.orders,
            JobKind.CANCELLATIONS: self.cancellations,
            JobKind.SHIPMENTS: self.shipments,
            JobKind.INVENTORY: self.stock,
            JobKind.PUBLISH: self.catalog,
            JobKind.RETURNS: self.returns,
        }
        return tuple(kind for kind, port in ports.items() if port is not None)

    def registration(self) -> ShopRegistration:
        """This shop as the duplicate check reads it."""
        return ShopRegistration(host_shop_id=self.host_id, shop_id=self.shop_id, cipher=self.cipher)


@runtime_checkable
class ShopRegistry(Protocol):
    """Where a fleet reads its shops: at start and on every tick, in every worker.

    Implement it over the host's own shop table; :class:`StaticShops` holds a fixed list.
    """

    def shops(self) -> Iterable[FleetShop]:
        """Every shop the fleet runs now."""
        ...


@attrs.frozen
class ShopIndex:
    """The registry read once: shops by host id, by TikTok shop id, and by grant."""

    by_host: Mapping[str, FleetShop]
    by_shop_id: Mapping[str, FleetShop]

    def of_grant(self, grant: str) -> list[FleetShop]:
        """Every shop using ``grant``'s tokens."""
        return [shop for shop in self.by_host.values() if shop.grant == grant]


def index_shops(shops: Iterable[FleetShop]) -> ShopIndex:
    """Check and index the registry's shops: a repeated host id is a ConfigurationError, one
    TikTok shop under two host ids a :class:`~tiktokshop_sync.workflows.DuplicateShopError`."""
    listed = list(shops)
    for shop in listed:
        if not isinstance(shop, FleetShop):
            raise ConfigurationError(
                f"ShopRegistry.shops() must yield FleetShop values, got {type(shop).__name__}."
            )
    by_host: dict[str, FleetShop] = {}
    for shop in listed:
        if shop.host_id in by_host:
            raise ConfigurationError(
                f"host id {shop.host_id!r} is registered more than once in the fleet's shop "
                "registry: give each shop its own host id."
            )
        by_host[shop.host_id] = shop
    check_shops([shop.registration() for shop in listed])
    return ShopIndex(by_host=by_host, by_shop_id={s.shop_id: s for s in listed})


class StaticShops:
    """A fixed registry: the shops given, checked for duplicates at construction."""

    def __init__(self, shops: Iterable[FleetShop]) -> None:
        self._shops = tuple(shops)
        index_shops(self._shops)

    def shops(self) -> tuple[FleetShop, ...]:
        """The shops given."""
        return self._shops

    def __repr__(self) -> str:
        return f"StaticShops({len(self._shops)} shops)"
