"""The fleet's pure rules: schedules, retries, which errors are passing, the shop registry and
the authorization health of a grant. No database, no worker."""

from __future__ import annotations

import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from tiktokshop_sync import (
    APIConnectionError,
    ConfigurationError,
    RateLimitError,
    ReauthorizationRequiredError,
    ScopeError,
    ServerError,
    StoreError,
)
from tiktokshop_sync.domain import ReturnPolicy
from tiktokshop_sync.fleet import (
    DuplicateShopError,
    FleetRetryPolicy,
    FleetSchedule,
    FleetShop,
    GrantStatus,
    JobKind,
    PauseKind,
    ShopPause,
    StaticShops,
    cron_for,
    grant_health,
    is_transient,
)
from tiktokshop_sync.testing import InMemoryOms
from tiktokshop_sync.workflows import InventoryPolicy

NOW = datetime(2025, 6, 2, 1, 0, tzinfo=timezone.utc)
OMS = InMemoryOms()


def _shop(host_id: str, shop_id: str, cipher: str, **ports: object) -> FleetShop:
    return FleetShop(host_id=host_id, shop_id=shop_id, cipher=cipher, grant="g1", **ports)  # type: ignore[arg-type]


def test_importing_the_package_and_the_fleet_never_imports_procrastinate() -> None:
    code = (
        "import sys, tiktokshop_sync, tiktokshop_sync.fleet\n"
        "tiktokshop_sync.fleet.FleetSchedule()\n"
        "assert 'procrastinate' not in sys.modules, 'procrastinate was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_building_a_fleet_without_the_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tiktokshop_sync.fleet import Fleet, FleetNotInstalledError

    monkeypatch.setitem(sys.modules, "procrastinate", None)
    with pytest.raises(FleetNotInstalledError, match=r"tiktokshop-sync\[fleet\]") as caught:
        Fleet(conninfo="dbname=x", shops=[], client=None, state=None)  # type: ignore[arg-type]
    assert isinstance(caught.value, ImportError)


@pytest.mark.parametrize(
    ("every", "cron"),
    [
        (timedelta(seconds=15), "* * * * * */15"),
        (timedelta(minutes=10), "*/10 * * * *"),
        (timedelta(hours=1), "0 */1 * * *"),
        (timedelta(hours=6), "0 */6 * * *"),
        (timedelta(days=1), "0 0 * * *"),
    ],
)
def test_each_period_becomes_the_cron_expression_that_keeps_it(every: timedelta, cron: str) -> None:
    assert cron_for(every) == cron


def test_the_default_schedule_is_the_manuals() -> None:
    schedule = FleetSchedule()
    assert schedule.every(JobKind.ORDERS) == timedelta(minutes=10)  # GoQSystem: every 10 minutes
    assert schedule.every(JobKind.CANCELLATIONS) == timedelta(minutes=10)
    assert schedule.every(JobKind.SHIPMENTS) == timedelta(minutes=10)
    assert schedule.every(JobKind.INVENTORY) == timedelta(hours=1)
    assert schedule.every(JobKind.PUBLISH) == timedelta(hours=1)
    assert schedule.every(JobKind.RETURNS) == timedelta(minutes=10)  # answers are due in 48 h


@pytest.mark.parametrize("every", [timedelta(minutes=7), timedelta(seconds=45), timedelta(hours=5)])
def test_a_period_no_schedule_can_keep_is_refused_with_the_choices(every: timedelta) -> None:
    with pytest.raises(ConfigurationError, match=r"FleetSchedule\.orders .* dividing"):
        FleetSchedule(orders=every)


def test_a_job_with_no_period_runs_only_on_demand() -> None:
    assert FleetSchedule(publish=None).every(JobKind.PUBLISH) is None


def test_a_stall_timeout_shorter_than_two_heartbeats_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="at least twice the heartbeat"):
        FleetSchedule(heartbeat=timedelta(seconds=10), stalled_after=timedelta(seconds=15))


def test_retries_double_from_the_base_up_to_the_cap_then_stop() -> None:
    policy = FleetRetryPolicy(
        attempts=4, base=timedelta(seconds=30), cap=timedelta(minutes=1), jitter=False
    )
    waits = [policy.delay(n) for n in range(5)]
    assert waits == [
        timedelta(seconds=30),
        timedelta(minutes=1),
        timedelta(minutes=1),
        timedelta(minutes=1),
        None,
    ]


def test_jitter_spreads_a_retry_between_half_and_the_whole_wait() -> None:
    policy = FleetRetryPolicy(base=timedelta(seconds=40))
    rng = random.Random(3)
    waits = {policy.delay(0, rng) for _ in range(50)}
    assert all(timedelta(seconds=20) <= w <= timedelta(seconds=40) for w in waits if w)
    assert len(waits) > 10


def test_a_cap_below_the_base_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="cap"):
        FleetRetryPolicy(base=timedelta(minutes=5), cap=timedelta(minutes=1))


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (ServerError("busy", code=36009003), True),
        (RateLimitError("slow down", code=36009002), True),
        (APIConnectionError("reset", method="POST", path="/x", request_sent=False), True),
        (StoreError("database unreachable", path="postgres:x"), True),
        (ReauthorizationRequiredError("g1", "refresh token expired"), False),
        (ScopeError("no scope", code=105005), False),
        (ConfigurationError("bad setting"), False),
        (ValueError("a bug"), False),
    ],
)
def test_only_passing_failures_are_retried(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


def test_a_shop_runs_the_jobs_whose_port_is_set() -> None:
    shop = _shop("a", "1", "c1", orders=OMS, shipments=OMS)
    assert shop.jobs == (JobKind.ORDERS, JobKind.SHIPMENTS)


def test_a_shop_with_a_return_sink_runs_the_return_import_with_its_policy() -> None:
    shop = _shop("a", "1", "c1", returns=OMS)
    assert shop.jobs == (JobKind.RETURNS,)
    assert shop.return_policy == ReturnPolicy()  # nothing answered for the seller by default
    with pytest.raises(ConfigurationError, match=r"FleetShop\.returns must implement ReturnSink"):
        _shop("a", "1", "c1", returns=object())
    with pytest.raises(ConfigurationError, match="return_policy"):
        _shop("a", "1", "c1", returns=OMS, return_policy="approve small ones")


def test_a_stock_source_without_an_inventory_policy_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="inventory_policy"):
        _shop("a", "1", "c1", stock=OMS)
    shop = _shop(
        "a", "1", "c1", stock=OMS, inventory_policy=InventoryPolicy(locations={"main": "7"})
    )
    assert shop.jobs == (JobKind.INVENTORY,)


def test_a_port_that_is_not_one_is_refused_naming_the_port() -> None:
    with pytest.raises(ConfigurationError, match=r"FleetShop\.orders must implement OrderSink"):
        _shop("a", "1", "c1", orders=object())


def test_the_publishs_listing_ports_and_mappings_are_checked_when_registered() -> None:
    with pytest.raises(ConfigurationError, match=r"FleetShop\.images must implement ImageSource"):
        _shop("a", "1", "c1", catalog=OMS, images=object())
    with pytest.raises(ConfigurationError, match="listing_mappings must be a ListingMappings"):
        _shop("a", "1", "c1", catalog=OMS, listing_mappings={"Tシャツ": "601226"})
    shop = _shop("a", "1", "c1", catalog=OMS, images=OMS, listing_states=OMS)
    assert shop.jobs == (JobKind.PUBLISH,)


def test_one_tiktok_shop_under_two_host_ids_is_refused_with_the_workflows_error() -> None:
    from tiktokshop_sync.workflows import DuplicateShopError as WorkflowsError

    assert DuplicateShopError is WorkflowsError  # one error for the pollers and the fleet

    with pytest.raises(DuplicateShopError, match="'a', 'b'") as caught:
        StaticShops([_shop("a", "7001", "c1", orders=OMS), _shop("b", "7001", "c2", orders=OMS)])
    assert caught.value.duplicates[0].host_shop_ids == ("a", "b")


def test_one_host_id_registered_twice_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="host id 'a' is registered more than once"):
        StaticShops([_shop("a", "7001", "c1"), _shop("a", "7002", "c2")])


def _health(**facts: object) -> GrantStatus:
    base: dict[str, object] = {
        "grant": "g1",
        "host_ids": ["a"],
        "refresh_token_expires_at": NOW + timedelta(days=200),
        "notice_expires_at": None,
        "pauses": [],
        "now": NOW,
        "within": timedelta(days=30),
    }
    return grant_health(**{**base, **facts}).status  # type: ignore[arg-type]


def _pause(kind: PauseKind) -> ShopPause:
    return ShopPause(host_id="a", grant="g1", kind=kind, reason="r", paused_at=NOW)


def test_a_grant_whose_refresh_token_ends_within_30_days_is_expiring() -> None:
    assert _health(refresh_token_expires_at=NOW + timedelta(days=29)) is GrantStatus.EXPIRING
    assert _health(refresh_token_expires_at=NOW + timedelta(days=31)) is GrantStatus.OK


def test_tiktoks_expiration_notice_counts_even_when_the_token_says_later() -> None:
    assert _health(notice_expires_at=NOW + timedelta(days=12)) is GrantStatus.EXPIRING


def test_an_expired_refresh_token_or_a_refused_refresh_needs_reauthorization() -> None:
    assert _health(refresh_token_expires_at=NOW - timedelta(seconds=1)) is GrantStatus.REAUTHORIZE
    assert _health(pauses=[_pause(PauseKind.REAUTHORIZE)]) is GrantStatus.REAUTHORIZE


def test_a_deauthorization_outranks_everything_else() -> None:
    paused = [_pause(PauseKind.REAUTHORIZE), _pause(PauseKind.DEAUTHORIZED)]
    assert _health(pauses=paused) is GrantStatus.DEAUTHORIZED


def test_a_grant_without_tokens_is_not_authorized() -> None:
    assert _health(refresh_token_expires_at=None) is GrantStatus.NOT_AUTHORIZED


def test_a_manual_pause_keeps_the_status_and_says_so() -> None:
    health = grant_health(
        grant="g1",
        host_ids=["a"],
        refresh_token_expires_at=NOW + timedelta(days=200),
        notice_expires_at=None,
        pauses=[_pause(PauseKind.MANUAL)],
        now=NOW,
        within=timedelta(days=30),
    )
    assert health.status is GrantStatus.OK and health.needs_action
    assert "1 shop(s) paused by the host" in health.message
