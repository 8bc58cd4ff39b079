"""Import time and the first webhook verify+parse, each in a fresh interpreter.

Every sample is a new ``python -c`` process; the median of ``RUNS`` is reported. Bytecode is
cached under a private ``PYTHONPYCACHEPREFIX`` (one discarded warm-up run fills it), as an
installed wheel has ``.pyc`` files, even where the environment sets
``PYTHONDONTWRITEBYTECODE``. The webhook child is :mod:`webhook_cold_start`'s own.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from typing import Any

import webhook_cold_start
from _harness import Figure, Result

__all__ = ["run"]

RUNS = 20
IMPORT_TARGET_MS = 150.0
FIRST_PARSE_TARGET_MS = webhook_cold_start.FIRST_PARSE_TARGET_MS

IMPORT_PACKAGE = r"""
import json, sys, time
t0 = time.perf_counter()
import tiktokshop_sync
t1 = time.perf_counter()
heavy = sorted(m for m in ("httpx", "pydantic", "tenacity") if m in sys.modules)
print(json.dumps({"import": t1 - t0, "heavy": heavy}))
"""

IMPORT_CLIENT = r"""
import json, time
t0 = time.perf_counter()
import tiktokshop_sync
tiktokshop_sync.TikTokShop
print(json.dumps({"import": time.perf_counter() - t0}))
"""


def _env(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _child(code: str, env: dict[str, str], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *flags, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )


def _sample(code: str, env: dict[str, str]) -> dict[str, Any]:
    out = _child(code, env).stdout.strip().splitlines()[-1]
    return json.loads(out)  # type: ignore[no-any-return]


def _import_profile(env: dict[str, str], limit: int = 6) -> list[str]:
    """Own import time per top-level package, and per SDK module, for ``TikTokShop``."""
    stderr = _child(IMPORT_CLIENT, env, "-X", "importtime").stderr
    roots: dict[str, int] = {}
    ours: dict[str, int] = {}
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|\s+(\S.*)$")
    for line in stderr.splitlines():
        match = pattern.match(line)
        if match:
            module, own = match.group(3).strip(), int(match.group(1))
            root = module.split(".")[0]
            roots[root] = roots.get(root, 0) + own
            if root == "tiktokshop_sync":
                ours[module] = own
    total = sum(roots.values()) or 1

    def top(values: dict[str, int]) -> str:
        ranked = sorted(values.items(), key=lambda kv: -kv[1])[:limit]
        return ", ".join(f"{name} {us / 1000:.1f} ms ({us / total:.0%})" for name, us in ranked)

    return [
        f"own import time by top-level package (-X importtime, one run): {top(roots)}",
        f"slowest SDK modules (own time; pydantic builds model schemas here): {top(ours)}",
    ]


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def run(*, full: bool = False) -> Result:
    """Median import and first-parse times over fresh processes."""
    runs = RUNS * 2 if full else RUNS
    with tempfile.TemporaryDirectory(prefix="tts-pycache-") as cache:
        env = _env(cache)
        children = {
            "package": IMPORT_PACKAGE,
            "client": IMPORT_CLIENT,
            "webhook": webhook_cold_start.CHILD,
            "deps": webhook_cold_start.BASELINE,
        }
        for code in children.values():
            _sample(code, env)  # warm-up: fills the bytecode cache, not counted
        samples: dict[str, list[dict[str, Any]]] = {name: [] for name in children}
        for _ in range(runs):
            for name, code in children.items():
                samples[name].append(_sample(code, env))
        profile = _import_profile(env)

    package = [s["import"] for s in samples["package"]]
    client = [s["import"] for s in samples["client"]]
    webhook = samples["webhook"]
    figures = [
        Figure(
            "import tiktokshop_sync",
            _median_ms(package),
            "ms",
            "<",
            IMPORT_TARGET_MS,
            note=f"median of {runs} fresh processes",
        ),
        Figure(
            "import tiktokshop_sync; tiktokshop_sync.TikTokShop",
            _median_ms(client),
            "ms",
            note="the lazy attribute loads httpx, pydantic, tenacity and the client",
        ),
        Figure("import tiktokshop_sync.webhooks", _median_ms([s["import"] for s in webhook]), "ms"),
        Figure(
            "first webhook verify+parse (after the import)",
            _median_ms([s["first"] for s in webhook]),
            "ms",
            "<",
            FIRST_PARSE_TARGET_MS,
        ),
        Figure("second webhook verify+parse", _median_ms([s["second"] for s in webhook]), "ms"),
        Figure(
            "of the webhooks import: pydantic + attrs + WireModel",
            _median_ms([s["deps"] for s in samples["deps"]]),
            "ms",
        ),
    ]
    heavy_package = sorted({m for s in samples["package"] for m in s["heavy"]})
    heavy_webhook = sorted({m for s in webhook for m in s["heavy"]})
    notes = [
        "modules loaded by `import tiktokshop_sync`: "
        + (", ".join(heavy_package) if heavy_package else "none of httpx, pydantic, tenacity"),
        "modules loaded by `import tiktokshop_sync.webhooks`: "
        + (", ".join(heavy_webhook) if heavy_webhook else "none of httpx, tenacity, _core"),
        *profile,
    ]
    return {"figures": figures, "notes": notes}
