"""Every policy and config value: a careless input is a typed error, never a changed meaning.

hypothesis feeds floats, negatives, huge numbers, NaN, infinity, strings, bools, None and
durations into every public policy/config constructor (and ``from_env``, ``with_options``,
the pollers). Each attempt must either raise the layer's typed configuration error, or build
an object that stores the value as given (so it means what the caller wrote).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Collection, Mapping
from datetime import timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiktokshop_sync import (
    ClientConfig,
    ConfigurationError,
    InMemoryTokenStore,
    RateLimit,
    RetryPolicy,
    SQLiteTokenStore,
    TikTokShop,
)
from tiktokshop_sync.domain import (
    BuyerPolicy,
    BuyerSource,
    CarrierCompany,
    CarrierMode,
    DeadlinePolicy,
    DomainConfigError,
    FixedCarrier,
    HoldPolicy,
    ListingPolicy,
    PaymentKind,
    PaymentMethod,
    PaymentTable,
    ReconciliationPolicy,
    ReturnPolicy,
    ShippingCatalog,
    ShippingMethod,
    UnmappedAction,
    UnmappedPaymentPolicy,
    canonical_status,
)
from tiktokshop_sync.fleet import FleetConfig, FleetRetryPolicy, FleetSchedule
from tiktokshop_sync.testing import FakeShop, InMemoryOms
from tiktokshop_sync.webhooks import SeenNotifications, WebhookConfigError, WebhookVerifier
from tiktokshop_sync.workflows import (
    AsyncPoller,
    CancellationImport,
    CatchUpPolicy,
    InventoryPolicy,
    LeasePolicy,
    OrderImport,
    OrderImportPolicy,
    Poller,
    PublishPolicy,
    ReturnImport,
    ShipmentPolicy,
    SQLiteStateStore,
)

TYPED = (ConfigurationError, DomainConfigError, WebhookConfigError)

careless = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([10**30, -(10**30), 2**63]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.8, 0.5, 0.05, 1.0, 80.0, 2.5, -0.0, 1e308, float("nan"), float("inf")]),
    st.text(max_size=6),
    st.sampled_from(["80", "0.8", " ", "", "JPY", "v2", "PICKUP", "awaiting_shipment", "1e9"]),
    st.timedeltas(),
    st.decimals(allow_nan=True),
    st.lists(st.sampled_from(["AWAITING_SHIPMENT", "SHIPPED", "x"]), max_size=3),
    st.dictionaries(st.text(max_size=3), st.text(max_size=3), max_size=2),
)

FAKE = FakeShop(seed=3)
_SHOP = FAKE.client(token_store=InMemoryTokenStore()).shop(FAKE.shops[0].cipher, grant="g")
_CLIENT = TikTokShop(app_key="key", app_secret="secret")
_NO_JOB: list[Callable[[], Any]] = [lambda: None]


def _same(given_value: object, stored: object) -> bool:
    """The stored value means what was given: equal, and of the same kind."""
    if isinstance(given_value, float) and math.isnan(given_value):
        return False
    if isinstance(given_value, Mapping):
        return isinstance(stored, Mapping) and dict(given_value) == dict(stored)
    if isinstance(given_value, bool) or isinstance(stored, bool):
        return type(given_value) is type(stored) and given_value == stored
    return type(given_value) is type(stored) and given_value == stored


def _statuses(given_value: object, stored: object) -> bool:
    if given_value is None:
        return stored is None
    return isinstance(given_value, Collection) and stored == frozenset(
        canonical_status(str(v)) for v in given_value
    )


def _unchanged_when_none(field: str) -> Callable[[object, object], bool]:
    default = getattr(_CLIENT.config, field)
    return lambda given_value, stored: (
        stored == default if given_value is None else _same(given_value, stored)
    )


def _float_seconds(given_value: object, stored: object) -> bool:
    text = str(given_value)
    return stored == 30.0 if not text else float(text) == stored


def _whole(given_value: object, stored: object) -> bool:
    text = str(given_value).strip()
    return stored == 2 if not text else text.isdigit() and stored == int(text)


YAMATO = ShippingCatalog.default().get("ヤマト運輸B2v6")


@attrs.frozen
class Setting:
    """One setting: how to build its owner with a value, and read the value back."""

    build: Callable[[Any], Any]
    read: Callable[[Any], Any]
    same: Callable[[object, object], bool] = _same


def _field(owner: Callable[..., Any], field: str, /, **base: Any) -> Setting:
    return Setting(
        build=lambda value: owner(**{**base, field: value}), read=lambda obj: getattr(obj, field)
    )


LOCATIONS = {"locations": {"main": "7068517275539719942"}}
SETTINGS: dict[str, Setting] = {
    "InventoryPolicy.locations": _field(InventoryPolicy, "locations"),
    "InventoryPolicy.buffer_percent": _field(InventoryPolicy, "buffer_percent", **LOCATIONS),
    "InventoryPolicy.max_quantity": _field(InventoryPolicy, "max_quantity", **LOCATIONS),
    "InventoryPolicy.out_of_stock_threshold": _field(
        InventoryPolicy, "out_of_stock_threshold", **LOCATIONS
    ),
    "InventoryPolicy.untracked_quantity": _field(
        InventoryPolicy, "untracked_quantity", **LOCATIONS
    ),
    "InventoryPolicy.untracked_sentinel": _field(
        InventoryPolicy, "untracked_sentinel", **LOCATIONS
    ),
    "OrderImportPolicy.lookback": _field(OrderImportPolicy, "lookback"),
    "OrderImportPolicy.overlap": _field(OrderImportPolicy, "overlap"),
    "OrderImportPolicy.since_midnight_jst": _field(OrderImportPolicy, "since_midnight_jst"),
    "OrderImportPolicy.statuses": attrs.evolve(
        _field(OrderImportPolicy, "statuses"), same=_statuses
    ),
    "OrderImportPolicy.batch_limit": _field(OrderImportPolicy, "batch_limit"),
    "OrderImportPolicy.page_size": _field(OrderImportPolicy, "page_size"),
    "OrderImportPolicy.hold": _field(OrderImportPolicy, "hold"),
    "OrderImportPolicy.payments": _field(OrderImportPolicy, "payments"),
    "OrderImportPolicy.unmapped_payment": _field(OrderImportPolicy, "unmapped_payment"),
    "OrderImportPolicy.carrier": _field(OrderImportPolicy, "carrier"),
    "OrderImportPolicy.postal_lookup": _field(OrderImportPolicy, "postal_lookup"),
    "OrderImportPolicy.buyer": _field(OrderImportPolicy, "buyer"),
    "OrderImportPolicy.deadlines": _field(OrderImportPolicy, "deadlines"),
    "OrderImportPolicy.holidays": _field(OrderImportPolicy, "holidays"),
    "OrderImportPolicy.catch_up": _field(OrderImportPolicy, "catch_up"),
    "CatchUpPolicy.enabled": _field(CatchUpPolicy, "enabled"),
    "CatchUpPolicy.start_hour": _field(CatchUpPolicy, "start_hour"),
    "CatchUpPolicy.end_hour": _field(CatchUpPolicy, "end_hour"),
    "ShipmentPolicy.carrier": _field(ShipmentPolicy, "carrier"),
    "ShipmentPolicy.provider_overrides": _field(ShipmentPolicy, "provider_overrides"),
    "ShipmentPolicy.handover": _field(ShipmentPolicy, "handover"),
    "PublishPolicy.tag": _field(PublishPolicy, "tag"),
    "PublishPolicy.warehouse_id": _field(PublishPolicy, "warehouse_id"),
    "PublishPolicy.currency": _field(PublishPolicy, "currency"),
    "PublishPolicy.category_version": _field(PublishPolicy, "category_version"),
    "HoldPolicy.extra_hours": _field(HoldPolicy, "extra_hours"),
    "ListingPolicy.market": _field(ListingPolicy, "market"),
    "ListingPolicy.max_price": _field(ListingPolicy, "max_price"),
    "HoldPolicy.remorse_window": _field(HoldPolicy, "remorse_window"),
    "ReconciliationPolicy.overdue_after": _field(ReconciliationPolicy, "overdue_after"),
    "ReconciliationPolicy.zone": _field(ReconciliationPolicy, "zone"),
    "ReturnPolicy.currency": _field(ReturnPolicy, "currency"),
    "ReturnPolicy.auto_approve_refunds_under": _field(ReturnPolicy, "auto_approve_refunds_under"),
    "ReturnPolicy.partial_refund_percent": _field(
        ReturnPolicy, "partial_refund_percent", partial_refund_under=2000
    ),
    "ReturnPolicy.partial_refund_under": _field(
        ReturnPolicy, "partial_refund_under", partial_refund_percent=30
    ),
    "UnmappedPaymentPolicy.action": _field(UnmappedPaymentPolicy, "action"),
    "UnmappedPaymentPolicy.fallback": _field(
        UnmappedPaymentPolicy, "fallback", action=UnmappedAction.FALLBACK
    ),
    "BuyerPolicy.source": _field(BuyerPolicy, "source"),
    "BuyerPolicy.fixed": _field(BuyerPolicy, "fixed", source=BuyerSource.FIXED),
    "DeadlinePolicy.business_days": _field(DeadlinePolicy, "business_days"),
    "DeadlinePolicy.cutoff_hour": _field(DeadlinePolicy, "cutoff_hour"),
    "DeadlinePolicy.weekend": Setting(
        build=lambda value: DeadlinePolicy(weekend=value),
        read=lambda policy: policy.weekend,
        same=lambda given_value, stored: (
            isinstance(given_value, Collection)
            and not isinstance(given_value, str | Mapping)
            and stored == frozenset(given_value)
        ),
    ),
    "FixedCarrier.method": _field(FixedCarrier, "method"),
    "FixedCarrier.mode": _field(FixedCarrier, "mode", method=YAMATO),
    "PaymentMethod.kind": _field(PaymentMethod, "kind", code="x"),
    "PaymentMethod.code": _field(PaymentMethod, "code", kind=PaymentKind.OTHER),
    "PaymentTable.rows": Setting(
        build=lambda value: PaymentTable(rows=value),
        read=lambda table: table.rows,
        same=lambda given_value, stored: stored == () and len(given_value) == 0,  # type: ignore[arg-type]
    ),
    "ShippingCatalog.methods": Setting(
        build=lambda value: ShippingCatalog(methods=value),
        read=lambda catalog: catalog.methods,
        same=lambda given_value, stored: stored == tuple(given_value),  # type: ignore[arg-type]
    ),
    "ShippingMethod.name": _field(ShippingMethod, "name", company=CarrierCompany.YAMATO),
    "ShippingMethod.company": _field(ShippingMethod, "company", name="x"),
    "RetryPolicy.max_retries": _field(RetryPolicy, "max_retries"),
    "RetryPolicy.base": _field(RetryPolicy, "base"),
    "RetryPolicy.cap": _field(RetryPolicy, "cap"),
    "RetryPolicy.jitter": _field(RetryPolicy, "jitter"),
    "RetryPolicy.max_retry_after": _field(RetryPolicy, "max_retry_after"),
    "RateLimit.qps": _field(RateLimit, "qps"),
    "RateLimit.burst": _field(RateLimit, "burst", qps=1),
    **{
        f"ClientConfig.{name}": _field(ClientConfig, name, app_key="k", app_secret="s")
        for name in (
            "timeout",
            "connect_timeout",
            "max_retries",
            "refresh_margin",
            "region",
            "service_id",
            "base_url",
            "auth_base_url",
        )
    },
    "ClientConfig.app_key": _field(ClientConfig, "app_key", app_secret="s"),
    "ClientConfig.app_secret": _field(ClientConfig, "app_secret", app_key="k"),
    **{
        f"ClientConfig.from_env {var}": Setting(
            build=lambda value, var=var: ClientConfig.from_env(
                {"TIKTOKSHOP_APP_KEY": "k", "TIKTOKSHOP_APP_SECRET": "s", var: str(value)}
            ),
            read=lambda config, field=field: getattr(config, field),
            same=same,
        )
        for var, field, same in (
            ("TIKTOKSHOP_TIMEOUT", "timeout", _float_seconds),
            ("TIKTOKSHOP_MAX_RETRIES", "max_retries", _whole),
        )
    },
    **{
        f"with_options({name})": Setting(
            build=lambda value, name=name: _CLIENT.with_options(**{name: value}),
            read=lambda client, name=name: getattr(client.config, name),
            same=_unchanged_when_none(name),
        )
        for name in ("timeout", "connect_timeout", "max_retries")
    },
    "with_options(strict_models)": Setting(
        build=lambda value: _CLIENT.with_options(strict_models=value),
        read=lambda client: client._context.strict,
        same=lambda given_value, stored: stored is (False if given_value is None else given_value),
    ),
    "with_options(retry)": Setting(
        build=lambda value: _CLIENT.with_options(retry=value),
        read=lambda client: client.retry,
        same=lambda given_value, stored: given_value is None or stored is given_value,
    ),
    "with_options(rate_limit)": Setting(
        build=lambda value: _CLIENT.with_options(rate_limit=value),
        read=lambda client: client._context.limiter,
        same=lambda given_value, stored: given_value is None and stored is None,
    ),
    "TikTokShop(strict_models)": Setting(
        build=lambda value: TikTokShop(app_key="k", app_secret="s", strict_models=value),
        read=lambda client: client._context.strict,
    ),
    "Poller.interval": _field(Poller, "interval", jobs=_NO_JOB),
    "AsyncPoller.interval": _field(AsyncPoller, "interval", jobs=_NO_JOB),
    "CancellationImport.lookback": _field(
        CancellationImport, "lookback", shop=_SHOP, state=None, sink=None
    ),
    "CancellationImport.overlap": _field(
        CancellationImport, "overlap", shop=_SHOP, state=None, sink=None
    ),
    **{
        f"ReturnImport.{name}": _field(
            ReturnImport, name, shop=_SHOP, state=None, sink=InMemoryOms()
        )
        for name in ("lookback", "overlap", "batch_limit")
    },
    "SeenNotifications.max_size": _field(SeenNotifications, "max_size"),
    "LeasePolicy.ttl": _field(LeasePolicy, "ttl"),
    "LeasePolicy.wait": _field(LeasePolicy, "wait"),
    "LeasePolicy.poll": _field(LeasePolicy, "poll"),
    **{
        f"{store.__name__}(timeout)": Setting(
            build=lambda value, store=store: store(":memory:", timeout=value),
            read=lambda built: built._db.timeout,
            same=lambda given_value, stored: (
                isinstance(given_value, int | float)
                and not isinstance(given_value, bool)
                and float(given_value) == stored
            ),
        )
        for store in (SQLiteStateStore, SQLiteTokenStore)
    },
    "WebhookVerifier.app_secret": _field(WebhookVerifier, "app_secret", app_key="k"),
    **{
        f"FleetSchedule.{field.name}": _field(FleetSchedule, field.name)
        for field in attrs.fields(FleetSchedule)
    },
    **{
        f"FleetRetryPolicy.{field.name}": _field(FleetRetryPolicy, field.name)
        for field in attrs.fields(FleetRetryPolicy)
    },
    **{
        f"FleetConfig.{field.name}": _field(FleetConfig, field.name)
        for field in attrs.fields(FleetConfig)
    },
}

# Poller keeps its interval in seconds: a timedelta given means the same number of seconds.
for _name in ("Poller.interval", "AsyncPoller.interval"):
    SETTINGS[_name] = attrs.evolve(
        SETTINGS[_name],
        same=lambda given_value, stored: (
            isinstance(given_value, timedelta) and given_value.total_seconds() == stored
        ),
    )


@pytest.mark.parametrize("name", sorted(SETTINGS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=careless)
def test_a_careless_value_is_a_typed_error_or_kept_as_given(name: str, value: object) -> None:
    setting = SETTINGS[name]
    try:
        built = setting.build(value)
    except TYPED as error:
        message = str(error)
    else:
        message = ""
    if message:
        assert name.split(".")[-1].split("(")[-1].rstrip(")").split()[-1] in message
        return
    assert setting.same(value, setting.read(built)), (name, value, setting.read(built))


def _public_setting_classes() -> set[str]:
    found: set[str] = set()
    packages = (
        "tiktokshop_sync",
        "tiktokshop_sync.workflows",
        "tiktokshop_sync.domain",
        "tiktokshop_sync.fleet",
    )
    for package in packages:
        module = importlib.import_module(package)
        for attr in module.__all__:
            obj = getattr(module, attr)
            suffixes = ("Policy", "Config", "Limit", "Poller", "Schedule")
            if isinstance(obj, type) and attr.endswith(suffixes):
                found.add(attr)
    return found


def test_every_public_policy_and_config_class_is_fed_careless_values() -> None:
    covered = {name.split(".")[0].split("(")[0] for name in SETTINGS}
    assert _public_setting_classes() - covered == set()


def test_the_settings_cover_every_field_of_the_policies() -> None:
    for cls in (
        InventoryPolicy,
        OrderImportPolicy,
        ShipmentPolicy,
        PublishPolicy,
        HoldPolicy,
        ListingPolicy,
        ReconciliationPolicy,
        ReturnPolicy,
        UnmappedPaymentPolicy,
        RetryPolicy,
        RateLimit,
        ClientConfig,
        FleetSchedule,
        FleetRetryPolicy,
        FleetConfig,
    ):
        for field in attrs.fields(cls):
            assert f"{cls.__name__}.{field.name}" in SETTINGS, f"{cls.__name__}.{field.name}"


@pytest.mark.parametrize(
    ("build", "message"),
    [
        pytest.param(build, message, id=message)
        for build, message in [
            (lambda: InventoryPolicy(**LOCATIONS, buffer_percent=0.8), "for 80 % write 80"),
            (lambda: InventoryPolicy(**LOCATIONS, buffer_percent=0.05), "for 5 % write 5"),
            (
                lambda: InventoryPolicy(**LOCATIONS, buffer_percent=1.0),
                "for 100 % write 100 (for 1 % write 1)",
            ),
            (lambda: InventoryPolicy(**LOCATIONS, buffer_percent=80.0), "write 80"),
            (lambda: InventoryPolicy(**LOCATIONS, buffer_percent="80"), "write 80 without quotes"),
            (lambda: InventoryPolicy(**LOCATIONS, buffer_percent=True), "a bool is not a number"),
            (lambda: InventoryPolicy(**LOCATIONS, max_quantity=2.5), "fractions are not accepted"),
            (lambda: RetryPolicy(max_retries=2.5), "max_retries must be a whole number"),
            (
                lambda: RetryPolicy(base=float("nan")),
                "RetryPolicy.base must be a number of seconds",
            ),
            (lambda: RateLimit(qps=float("inf")), "RateLimit.qps must be a number of requests"),
            (lambda: RateLimit(qps=1, burst=0.5), "RateLimit.burst"),
            (lambda: ClientConfig(app_key="k", app_secret="s", timeout=math.inf), "seconds"),
            (lambda: OrderImportPolicy(page_size=500), "from 1 to 100"),
            (lambda: OrderImportPolicy(statuses={"SHIPPED"}), "choose from AWAITING_COLLECTION"),
            (lambda: OrderImportPolicy(since_midnight_jst="no"), "True or False"),
            (lambda: PublishPolicy(tag=""), "PublishPolicy.tag"),
            (
                lambda: _CLIENT.with_options(strict_models="no"),
                "strict_models must be True or False",
            ),
            (lambda: Poller(_NO_JOB, interval=timedelta(days=365)), "interval"),
        ]
    ],
)
def test_a_careless_value_gets_a_message_naming_the_setting_and_the_fix(
    build: Callable[[], object], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message.replace("(", r"\(").replace(")", r"\)")):
        build()


def test_a_decimal_percentage_is_refused_rather_than_rounded() -> None:
    with pytest.raises(ConfigurationError, match="buffer_percent"):
        InventoryPolicy(**LOCATIONS, buffer_percent=Decimal("80"))


def test_a_timeout_from_the_environment_names_the_variable() -> None:
    env = {"TIKTOKSHOP_APP_KEY": "k", "TIKTOKSHOP_APP_SECRET": "s", "TIKTOKSHOP_TIMEOUT": "nan"}
    with pytest.raises(ConfigurationError, match="TIKTOKSHOP_TIMEOUT must be a number of seconds"):
        ClientConfig.from_env(env)


def test_a_fractional_retry_count_from_the_environment_is_refused() -> None:
    env = {"TIKTOKSHOP_APP_KEY": "k", "TIKTOKSHOP_APP_SECRET": "s", "TIKTOKSHOP_MAX_RETRIES": "2.5"}
    with pytest.raises(ConfigurationError, match="TIKTOKSHOP_MAX_RETRIES must be a whole number"):
        ClientConfig.from_env(env)


def test_a_carrier_company_still_works_as_the_shipment_carrier() -> None:
    assert ShipmentPolicy(carrier=CarrierCompany.YAMATO).carrier is CarrierCompany.YAMATO


def test_a_mode_given_as_a_string_is_a_domain_configuration_error() -> None:
    with pytest.raises(DomainConfigError, match=r"FixedCarrier\.mode must be a CarrierMode"):
        FixedCarrier(method=YAMATO, mode="always")  # type: ignore[arg-type]
    assert (
        FixedCarrier(method=YAMATO, mode=CarrierMode.WHEN_MISSING).mode is CarrierMode.WHEN_MISSING
    )


@pytest.mark.parametrize("count", [0, 2.5, True, "3"])
def test_a_careless_batch_or_cycle_count_is_refused_before_any_run(count: object) -> None:
    job = OrderImport(shop=_SHOP, state=None, sink=None)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="max_batches must be a whole number"):
        job.run(max_batches=count)  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="max_cycles must be a whole number"):
        Poller(_NO_JOB).run(max_cycles=count)  # type: ignore[arg-type]
