"""Pacing: a backlog import against a FakeShop quota of Q requests per second.

The fake limits each (app, shop) to Q requests per fake second (429 / 36009002 beyond). The
client shares the fake's clock and sleeps on it, so pacing costs no wall time; a transport
wrapper adds a fixed fake-time latency per request, so an unpaced client outruns the quota
as a real one would. With ``rate_limit=RateLimit(qps=Q)`` the import should hold ≥ 95 % of Q
with no 429 at all; without it, the fake's 429s and the client's back-offs set the pace.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from _harness import Figure, Result

__all__ = ["run"]

QUOTAS = (2.0, 10.0)
ORDERS = 2000
PAGE_SIZE = 20  # small pages: many requests from a cheap fake
LATENCY_S = 0.05  # fake seconds per request, as a nearby TikTok region would answer
TARGET_SHARE = 95.0
RATE_LIMITED_CODE = 36009002


class LatencyTransport(httpx.BaseTransport):
    """Moves the fake clock forward by a fixed latency, then lets the fake answer."""

    def __init__(self, fake: Any, latency: float) -> None:
        self.fake = fake
        self.latency = latency

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Advance fake time, then delegate to the fake's transport."""
        self.fake.clock.advance(seconds=self.latency)
        response: httpx.Response = self.fake.transport.handle_request(request)
        return response


def _scenario(qps: float, paced: bool) -> dict[str, Any]:
    from tiktokshop_sync import RateLimit, RateLimitError
    from tiktokshop_sync.testing import FakeShop
    from tiktokshop_sync.workflows import OrderImport, OrderImportPolicy, SQLiteStateStore

    fake = FakeShop(seed=17)
    # Payable orders only: no holds to store, so the run is all requests.
    fake.create_orders(ORDERS, status="AWAITING_SHIPMENT", created_within=timedelta(days=6))
    workdir = Path(tempfile.mkdtemp(prefix="tts-pacing-"))
    state = SQLiteStateStore(workdir / "state.db")
    options: dict[str, Any] = {
        "http_client": httpx.Client(transport=LatencyTransport(fake, LATENCY_S)),
        "token_store": state.tokens,
    }
    if paced:
        options["rate_limit"] = RateLimit(qps=qps)
    client = fake.client(**options)
    tokens = client.oauth.exchange_code(fake.authorize())
    shop = client.shop(fake.shops[0].cipher, grant=tokens.open_id)
    fake.set_rate_limit(qps)
    fake.clear_requests()
    job = OrderImport(
        shop=shop,
        state=state,
        sink=_NullSink(),
        policy=OrderImportPolicy(batch_limit=1000, page_size=PAGE_SIZE),
    )
    started = fake.clock.now()
    failed_runs = 0
    while True:
        try:
            result = job.run(max_batches=1000)
        except RateLimitError:
            failed_runs += 1  # retries exhausted: a polling host would run again
            continue
        if result.complete:
            break
    elapsed = (fake.clock.now() - started).total_seconds()
    calls = [r for r in fake.requests if r.path.startswith("/order/")]
    limited = [r for r in calls if r.status == 429 or r.code == RATE_LIMITED_CODE]
    served = [r for r in calls if r not in limited]
    span = (served[-1].at - served[0].at).total_seconds() if len(served) > 1 else 0.0
    client.close()
    shutil.rmtree(workdir, ignore_errors=True)
    return {
        "requests": len(calls),
        "served": len(served),
        "limited": len(limited),
        "failed_runs": failed_runs,
        "elapsed": elapsed,
        "steady_rate": (len(served) - 1) / span if span else float("inf"),
        "overall_rate": len(served) / elapsed if elapsed else float("inf"),
    }


class _NullSink:
    def accept(self, orders: Any) -> None:
        """Drop new orders."""

    def release(self, releases: Any) -> None:
        """Drop releases."""

    def cancel(self, cancellations: Any) -> None:
        """Drop cancellations."""


def run(*, full: bool = False) -> Result:
    """Achieved rate as a share of Q, and rate-limit errors, with and without the limiter."""
    figures: list[Figure] = []
    notes: list[str] = []
    for qps in QUOTAS:
        for paced in (True, False):
            row = _scenario(qps, paced)
            mode = "with RateLimit(qps=Q)" if paced else "without limiter"
            label = f"Q = {qps:g}/s {mode}"
            share = 100 * row["steady_rate"] / qps
            if paced:
                figures += [
                    Figure(f"{label}: achieved rate", share, "%", ">=", TARGET_SHARE),
                    Figure(f"{label}: rate-limit errors", row["limited"], "429s", "<=", 0),
                ]
            else:
                figures += [
                    Figure(f"{label}: effective rate", 100 * row["overall_rate"] / qps, "%"),
                    Figure(f"{label}: rate-limit errors", row["limited"], "429s"),
                ]
            notes.append(
                f"{label}: {row['requests']} order requests, {row['served']} served, "
                f"{row['limited']} answered 429; steady rate {row['steady_rate']:.2f}/s, "
                f"overall {row['overall_rate']:.2f}/s over {row['elapsed']:.1f} fake s; "
                f"runs that ran out of retries: {row['failed_runs']}"
            )
    return {"figures": figures, "notes": notes}
