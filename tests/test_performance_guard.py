"""Regression guards for issue 19: a typed page's time against ``json.loads``, an order's memory.

The page is 100 orders of TikTok's official order shape (``benchmarks/official_orders.py``,
built from the spec snapshot's examples, Japanese text), served from an in-process transport
and read with ``orders.search().first_page()``; the yardstick is ``json.loads`` of the same
bytes, in the same process. Both are timed by this process's CPU time (other processes on a
busy machine take wall time, not ours), in interleaved rounds with the garbage collector paused,
and each side's fastest round counts: an interruption only ever makes a round slower, so the
minimum is the steadiest figure there is. A breach is measured again before it fails.

The bound is generous on purpose, and still fails a 2× regression. Measured on 2 cores
(CPython 3.11.7, pydantic 2.14), with orders as lazy views (issue 19): the ratio is 0.70 to
0.74 at load 2.5 and the same with two busy loops beside it; reading each page twice gives
1.36 to 1.48, and reading each page then dumping every order (every field converted) 3.5 to
3.8. Before the views the ratio was 1.6 to 2.1 and the bound 3.0. Under heavy load (9 on 2
cores) the ratio grew about a quarter before; :data:`BOUND` leaves that room plus as much
again.

The memory guard holds 400 typed orders of distinct official pages and counts what they keep
with ``tracemalloc``, which does not depend on the machine's load: 7.7 KiB per order with lazy
views, against 21.2 with the eager models.
"""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

from mock_client import GRANT, client_replying, client_with
from official_shape import builder
from spec_oracle import require_spec
from tiktokshop_sync.types._base import strict_models

pytestmark = pytest.mark.slow

BOUND = 1.25
ROUNDS = 9
CALLS = 3
ATTEMPTS = 3


def _fastest_cpu_ns(variants: dict[str, Callable[[], object]]) -> dict[str, int]:
    """Each variant's fastest round, by process CPU time; rounds interleave the variants."""
    best = dict.fromkeys(variants, 2**63)
    for _ in range(ROUNDS):
        for name, fn in variants.items():
            gc.collect()
            gc.disable()
            try:
                start = time.process_time_ns()
                for _ in range(CALLS):
                    fn()
                spent = time.process_time_ns() - start
            finally:
                gc.enable()
            best[name] = min(best[name], spent)
    return best


def _shop(body: bytes) -> Any:
    return client_replying(body).shop("ROW_guard", grant=GRANT)


def test_a_typed_official_page_costs_at_most_a_quarter_more_than_json_loads_of_its_bytes() -> None:
    require_spec()
    body: bytes = builder().official_reply()
    shop = _shop(body)
    since = datetime(2025, 5, 31, tzinfo=timezone.utc)

    def typed() -> Any:
        return shop.orders.search(update_time_ge=since, page_size=100).first_page()

    # Production reads pages leniently (the suite's strict mode would reject the official
    # shape's fields the models do not declare yet, and adds a context switch per call).
    with strict_models(False):
        assert len(typed().items) == 100
        for _ in range(3):  # warm-up: schemas, caches, the transport
            typed()
            json.loads(body)
        ratios = []
        for _ in range(ATTEMPTS):
            best = _fastest_cpu_ns({"typed": typed, "json.loads": lambda: json.loads(body)})
            ratios.append(best["typed"] / best["json.loads"])
            if ratios[-1] <= BOUND:
                break
    assert min(ratios) <= BOUND, (
        f"a typed 100-order page took {min(ratios):.2f}× the CPU time of json.loads on the "
        f"same bytes (bound {BOUND}×; every attempt: {', '.join(f'{r:.2f}' for r in ratios)}). "
        "Profile it with `.venv/bin/python benchmarks/run.py page --no-write`."
    )


#: KiB a typed order of the official shape may hold (measured 6.5 with compact order views,
#: 7.6 when an order kept its parsed dict; the eager pydantic models held 21.2).
HELD_KIB_BOUND = 8.0


def test_a_typed_official_order_held_takes_at_most_eight_kib() -> None:
    require_spec()
    # Distinct pages: pydantic-core keeps the short strings it parsed in a cache, and orders
    # read from strings already cached would look smaller than they are.
    replies = [builder().official_reply(seed=7000 + i) for i in range(5)]
    box = [replies[0]]
    transport = httpx.MockTransport(lambda _request: httpx.Response(200, content=box[0]))
    shop = client_with(transport).shop("ROW_guard", grant=GRANT)
    since = datetime(2025, 5, 31, tzinfo=timezone.utc)

    def page(reply: bytes) -> list[Any]:
        box[0] = reply
        return list(shop.orders.search(update_time_ge=since, page_size=100).first_page().items)

    with strict_models(False):
        page(replies[0])  # warm-up: schemas, the reader, the transport
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            held = [page(reply) for reply in replies[1:]]
            gc.collect()
            after = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
    orders = sum(len(h) for h in held)
    kib = (after - before) / 1024 / orders
    assert orders == 400
    assert kib <= HELD_KIB_BOUND, (
        f"a typed order held took {kib:.1f} KiB (bound {HELD_KIB_BOUND}); "
        "measure it with `.venv/bin/python benchmarks/run.py memory --no-write`."
    )
