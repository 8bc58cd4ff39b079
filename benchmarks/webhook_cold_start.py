"""Cold start of a webhook receiver: import time and the first verify+parse in a fresh process.

Serverless receivers pay this on every cold start, inside TikTok's 3-second reply window. Each
run is a new interpreter (``python -c``); one warm-up run is discarded so .pyc files exist.

    .venv/bin/python benchmarks/webhook_cold_start.py [--runs 20]

Target: first verify+parse under 50 ms after the import. Exits 1 if a target is missed.
Run on demand; it is not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from typing import Any

FIRST_PARSE_TARGET_MS = 50.0

# Runs in the child. The body and signature are TikTok's official vector (tiktok-api.md §6.2).
CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
import tiktokshop_sync.webhooks as webhooks
t1 = time.perf_counter()
body = (b'{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507",'
        b'"timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178",'
        b'"order_status":"UNPAID","update_time":1718305585}}')
signature = "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05"
verifier = webhooks.WebhookVerifier(app_key="abcdef", app_secret="123")
event = verifier.parse(body, signature)
t2 = time.perf_counter()
verifier.parse(body, signature)
t3 = time.perf_counter()
assert isinstance(event, webhooks.OrderStatusChangeEvent), event
# The model base lives in the core (_core.models, _core.display); the rest of the core is HTTP.
base = ("tiktokshop_sync._core", "tiktokshop_sync._core.models", "tiktokshop_sync._core.display")
heavy = sorted(m for m in sys.modules if m in ("httpx", "tenacity")
               or (m.startswith("tiktokshop_sync._core") and m not in base))
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "second": t3 - t2, "heavy": heavy}))
"""

BASELINE = r"""
import json, time
t0 = time.perf_counter()
import pydantic, attrs
from tiktokshop_sync._core import models
print(json.dumps({"deps": time.perf_counter() - t0}))
"""


def _run(code: str, python: str) -> dict[str, Any]:
    result = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:7.2f} ms   p90 {p90 * 1000:7.2f} ms"


def main(argv: list[str] | None = None) -> int:
    """Measure, print medians, and return 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=20, help="fresh processes to time")
    parser.add_argument("--python", default=sys.executable, help="interpreter to measure")
    args = parser.parse_args(argv)

    _run(CHILD, args.python)  # warm-up: writes .pyc files, not counted
    samples = [_run(CHILD, args.python) for _ in range(args.runs)]
    baseline = [float(_run(BASELINE, args.python)["deps"]) for _ in range(args.runs)]

    first = [float(s["first"]) for s in samples]
    print(f"runs: {args.runs}   python: {args.python}")
    print(f"import tiktokshop_sync.webhooks       {_ms([float(s['import']) for s in samples])}")
    print(f"  of which pydantic+attrs+WireModel   {_ms(baseline)}")
    print(f"first verify+parse (after import)     {_ms(first)}")
    print(f"second verify+parse                   {_ms([float(s['second']) for s in samples])}")

    failures = []
    if statistics.median(first) * 1000 >= FIRST_PARSE_TARGET_MS:
        failures.append(f"first verify+parse median is over {FIRST_PARSE_TARGET_MS:.0f} ms")
    heavy = sorted({m for s in samples for m in s["heavy"]})
    if heavy:
        failures.append(f"importing tiktokshop_sync.webhooks loaded {', '.join(heavy)}")
    for failure in failures:
        print(f"FAIL: {failure}")
    if not failures:
        print(f"OK: first verify+parse under {FIRST_PARSE_TARGET_MS:.0f} ms; no HTTP client loaded")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
