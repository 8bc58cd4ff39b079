"""The fleet soak: 4 procrastinate worker processes run 5 jobs for 200 shops on FakeShop served
on loopback, through two token expiries, TikTok's 5xx and 429s with its quota on, and workers
SIGKILLed mid-apply (and restarted, as a supervisor would). Periods are scaled down to 30 s."""

from __future__ import annotations

import json

import pytest

from fleet_support.soak import SoakPlan, run_soak


@pytest.mark.slow
def test_four_workers_run_every_job_of_two_hundred_shops_once_per_period(fleet_db: str) -> None:
    plan = SoakPlan()
    result = run_soak(fleet_db, plan)
    print(json.dumps(result, indent=1))
    assert (result["shops"], result["ticks"]) == (200, plan.periods)
    # Every (shop, job) ran exactly once in every period, kills and retries included; on a
    # machine too slow for the 30 s period, a run still waiting when the next tick came
    # stands for both (result["coalesced"] counts them), and nothing runs twice.
    assert result["every_run_once_per_tick_or_coalesced"], result["runs_per_tick"]
    # Each grant's expired token was refreshed exactly once per expiry: every grant refreshed
    # at least once per expiry (its runs after it succeeded), and there were no more refreshes
    # than grants x expiries; TikTok refused none, and no run met a false re-authorization.
    assert result["expiries"] == len(plan.expiries)
    assert result["refreshes"] == result["grants"] * result["expiries"]
    assert result["refused_refreshes"] == 0
    assert result["reauthorize_errors"] == 0
    # The faults happened, and none reached a run as a rate-limit error; the shared limiter
    # kept every worker within the fake's quota.
    assert result["injected_5xx"] > 0 and result["injected_429s"] > 0
    assert result["rate_limit_errors"] == 0
    assert result["quota_429s"] == 0
    # Every order reached the OMS, once; a batch is delivered again only by the run after a
    # worker killed between the OMS storing it and the import recording it (an upsert).
    assert result["orders_missing"] == 0
    assert result["orders_stored"] == result["orders_wanted"]
    assert result["redelivered_without_a_kill"] == 0
    # Every shipment was written back to TikTok, none twice.
    assert result["ship_writes"] == result["shipments"] == result["shops"]
    assert result["shipments_written_twice"] == 0
    # The kills happened: two in apply, one from outside, each worker replaced.
    assert result["kills_in_apply"] == 2 and result["outside_kills"] == 1
    assert result["worker_deaths"] == 3
