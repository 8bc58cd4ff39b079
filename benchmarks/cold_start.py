"""Import time and the first webhook verify+parse, each in a fresh interpreter.

Every sample is a new ``python -c`` process; the median of ``RUNS`` is reported. When the peer
client ``tiktok-shop-api`` is importable (``make bench``'s ``.venv-bench``), its ``import
tiktok_shop_api; tiktok_shop_api.TikTokShop`` and its first 100-order page (the official shape,
served in process) are timed in processes paired with the SDK's, alternating, and the ratio is
the median of the pairs' ratios. Bytecode is
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
from pathlib import Path
from typing import Any

import webhook_cold_start
from _harness import Figure, Result

__all__ = ["run"]

RUNS = 20
IMPORT_TARGET_MS = 150.0
IMPORT_PEER_TARGET = 1.0
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

#: What a worker that only imports orders loads: the order import and its state store (the
#: other workflows, and the settlement, returns and listing rules, load on first use).
IMPORT_ORDER_IMPORT = r"""
import json, sys, time
t0 = time.perf_counter()
from tiktokshop_sync.workflows import OrderImport, OrderImportPolicy, SQLiteStateStore
t1 = time.perf_counter()
others = sorted(m for m in sys.modules if m.startswith("tiktokshop_sync.workflows.")
                and m.rsplit(".", 1)[1] in ("publish", "returns", "settlement_import",
                                            "reconciliation", "inventory", "shipments"))
print(json.dumps({"import": t1 - t0, "heavy": others}))
"""


#: Import, then the first typed 100-order page (client built in the timing), SDK side.
SDK_FIRST_PAGE = r"""
import json, sys, time
t0 = time.perf_counter()
import tiktokshop_sync
tiktokshop_sync.TikTokShop
t1 = time.perf_counter()
from datetime import datetime, timedelta, timezone
import httpx
body = open(sys.argv[1], "rb").read()
now = datetime.now(timezone.utc)
tokens = tiktokshop_sync.TokenSet(
    access_token="a", access_token_expires_at=now + timedelta(days=7), refresh_token="r",
    refresh_token_expires_at=now + timedelta(days=365), open_id="o", seller_name="s")
client = tiktokshop_sync.TikTokShop(
    app_key="k", app_secret="s", token_store=tiktokshop_sync.InMemoryTokenStore({"o": tokens}),
    http_client=httpx.Client(transport=httpx.MockTransport(
        lambda r: httpx.Response(200, content=body))))
page = client.shop("ROW_c", grant="o").orders.search(
    update_time_ge=datetime.fromtimestamp(1748700000, timezone.utc), page_size=100).first_page()
t2 = time.perf_counter()
assert len(page.items) == 100
print(json.dumps({"import": t1 - t0, "first": t2 - t1}))
"""

#: The same for the peer, called as its README shows.
PEER_FIRST_PAGE = r"""
import json, sys, time
t0 = time.perf_counter()
import tiktok_shop_api
tiktok_shop_api.TikTokShop
t1 = time.perf_counter()
import httpx
from tiktok_shop_api.generated.models.get_order_list_request import GetOrderListRequest
body = open(sys.argv[1], "rb").read()
client = tiktok_shop_api.TikTokShop("k", "s", access_token="a", shop_cipher="ROW_c",
    transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
page = client.orders.get_order_list(
    page_size=100, body=GetOrderListRequest(update_time_ge=1748700000))
t2 = time.perf_counter()
assert len(page.data.orders) == 100
print(json.dumps({"import": t1 - t0, "first": t2 - t1}))
"""


#: The floor under ``TikTokShop``'s import: the third-party packages it loads (httpx, attrs).
DEPENDENCIES = r"""
import json, time
t0 = time.perf_counter()
import httpx, attrs
print(json.dumps({"import": time.perf_counter() - t0}))
"""

#: What ``TikTokShop`` no longer loads (issue 19): the first typed call loads pydantic and the
#: models it reads, the first retry tenacity, the async client asyncio.
DEFERRED_MODULES = ("pydantic", "pydantic_core", "tenacity", "asyncio", "sqlite3")

LOADED_BY_CLIENT = (
    "import json, sys\nimport tiktokshop_sync\ntiktokshop_sync.TikTokShop\n"
    f"print(json.dumps({{'loaded': sorted(m for m in {DEFERRED_MODULES!r} if m in sys.modules)}}))"
)


def peer_installed() -> bool:
    """Whether the peer client can be imported by this interpreter (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("tiktok_shop_api") is not None


def _env(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def _child(
    code: str, env: dict[str, str], *flags: str, args: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *flags, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env=env,
    )


def _sample(code: str, env: dict[str, str], args: tuple[str, ...] = ()) -> dict[str, Any]:
    out = _child(code, env, args=args).stdout.strip().splitlines()[-1]
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
        f"slowest SDK modules (own time): {top(ours)}",
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
            "order_import": IMPORT_ORDER_IMPORT,
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
        paired = _paired_with_peer(env, cache, runs) if peer_installed() else None
        floor = _floor_and_deferred(env, cache, runs)

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
            note="the lazy attribute loads httpx, attrs and the client core (pydantic and the "
            "models load with the first typed call)",
        ),
        Figure(
            "from tiktokshop_sync.workflows import OrderImport (+ policy, SQLite store)",
            _median_ms([s["import"] for s in samples["order_import"]]),
            "ms",
            note="other workflows loaded: "
            + (
                ", ".join(sorted({m for s in samples["order_import"] for m in s["heavy"]}))
                or "none"
            ),
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
    with tempfile.TemporaryDirectory(prefix="tts-pycache-") as cache:
        loaded = _sample(LOADED_BY_CLIENT, _env(cache))["loaded"]
    heavy_package = sorted({m for s in samples["package"] for m in s["heavy"]})
    heavy_webhook = sorted({m for s in webhook for m in s["heavy"]})
    notes = [
        "modules loaded by `import tiktokshop_sync`: "
        + (", ".join(heavy_package) if heavy_package else "none of httpx, pydantic, tenacity"),
        "modules loaded by `import tiktokshop_sync.webhooks`: "
        + (", ".join(heavy_webhook) if heavy_webhook else "none of httpx, tenacity, the HTTP core"),
        "modules loaded by `TikTokShop` among "
        + ", ".join(DEFERRED_MODULES)
        + ": "
        + (", ".join(loaded) if loaded else "none"),
        *profile,
    ]
    figures += floor
    if paired is None:
        notes.append(
            "peer tiktok-shop-api not importable here: `make bench` runs this in .venv-bench"
        )
    else:
        figures += paired
    return {"figures": figures, "notes": notes}


def _floor_and_deferred(env: dict[str, str], cache: str, runs: int) -> list[Figure]:
    """The client's third-party dependencies alone, and the first typed page after the import."""
    from official_orders import official_reply

    page = Path(cache) / "page.json"
    page.write_bytes(official_reply())
    args = (str(page),)
    codes = {"deps": DEPENDENCIES, "sdk": SDK_FIRST_PAGE}
    for code in codes.values():
        _sample(code, env, args)  # warm-up
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name in codes}
    for _ in range(runs):
        for name, code in codes.items():
            samples[name].append(_sample(code, env, args))

    def ms(name: str, key: str) -> float:
        return _median_ms([s[key] for s in samples[name]])

    return [
        Figure(
            "floor: import httpx and attrs alone",
            ms("deps", "import"),
            "ms",
            note=f"of the {ms('sdk', 'import'):.0f} ms of `TikTokShop` in the same run",
        ),
        Figure(
            "first typed 100-order page after the import",
            ms("sdk", "first"),
            "ms",
            note="client built, pydantic-core and the order models imported, one page read",
        ),
    ]


def _paired_with_peer(env: dict[str, str], cache: str, runs: int) -> list[Figure]:
    """SDK and peer in alternating fresh processes: import + client class, then a first page."""
    from official_orders import official_reply

    page = Path(cache) / "page.json"
    page.write_bytes(official_reply())
    args = (str(page),)
    for code in (SDK_FIRST_PAGE, PEER_FIRST_PAGE):
        _sample(code, env, args)  # warm-up: bytecode caches
    sdk: list[dict[str, Any]] = []
    peer: list[dict[str, Any]] = []
    for i in range(runs):
        order = (
            (SDK_FIRST_PAGE, PEER_FIRST_PAGE) if i % 2 == 0 else (PEER_FIRST_PAGE, SDK_FIRST_PAGE)
        )
        for code in order:
            (sdk if code is SDK_FIRST_PAGE else peer).append(_sample(code, env, args))

    for sample in (*sdk, *peer):
        sample["both"] = sample["import"] + sample["first"]

    def ratio(key: str) -> float:
        return statistics.median(s[key] / p[key] for s, p in zip(sdk, peer, strict=True))

    return [
        Figure(
            "peer: import tiktok_shop_api; tiktok_shop_api.TikTokShop",
            _median_ms([p["import"] for p in peer]),
            "ms",
            note=f"{runs} fresh processes, alternating with the SDK's",
        ),
        Figure(
            "ratio, SDK import + TikTokShop vs the peer's",
            ratio("import"),
            "×",
            "<=",
            IMPORT_PEER_TARGET,
            note=f"SDK {_median_ms([s['import'] for s in sdk]):.0f} ms in the same pairs",
        ),
        Figure(
            "ratio, SDK first typed 100-order page vs the peer's (after the import)",
            ratio("first"),
            "×",
            note=f"SDK {_median_ms([s['first'] for s in sdk]):.0f} ms, peer "
            f"{_median_ms([p['first'] for p in peer]):.0f} ms: client built, one page read",
        ),
        Figure(
            "ratio, SDK import + first typed page vs the peer's",
            ratio("both"),
            "×",
            note="what a script that makes one call pays",
        ),
    ]
