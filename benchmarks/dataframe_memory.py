"""Memory of ``shop.orders.search(...).to_pandas()`` / ``to_polars()`` for N orders.

A second process serves a FakeShop with N orders over loopback (``fake.serve()``), so the fake's
memory never mixes with the SDK's. The measuring process reads the whole search into a
DataFrame and reports its peak resident memory above the baseline after setup (the kernel's
peak mark is reset first), the frame's own size, and the time taken; then, for comparison,
``to_list()`` (every order held, what a frame built from a list would need first).

    .venv/bin/python benchmarks/dataframe_memory.py            # 100,000 orders, pandas and polars
    .venv/bin/python benchmarks/dataframe_memory.py --size 20000 --library pandas
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _harness import peak_rss_kib, reset_peak_rss, rss_kib

SEED = 20_250_602


def serve(size: int) -> None:
    """Server process: a FakeShop with ``size`` orders, served until stdin closes."""
    from tiktokshop_sync.testing import FakeShop, _server

    _server._RequestHandler.disable_nagle_algorithm = True  # see e2e_import.serve
    fake = FakeShop(seed=SEED)
    fake.create_orders(size, created_within=timedelta(days=6))
    info = {
        "app_key": fake.app_key,
        "app_secret": fake.app_secret,
        "cipher": fake.shops[0].cipher,
        "code": fake.authorize(),
    }
    with fake.serve() as url:
        print(json.dumps({**info, "url": url}), flush=True)
        sys.stdin.read()


def child(size: int, library: str) -> dict[str, Any]:
    """Read ``size`` served orders into a frame (or a list); return the figures."""
    from tiktokshop_sync import InMemoryTokenStore, TikTokShop
    from tiktokshop_sync.testing import FakeClock

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(size)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    try:
        info = json.loads(server.stdout.readline())
        clock = FakeClock()
        client = TikTokShop(
            app_key=info["app_key"],
            app_secret=info["app_secret"],
            base_url=info["url"],
            auth_base_url=info["url"],
            token_store=InMemoryTokenStore(),
            clock=clock,
            sleep=clock.sleep,
        )
        tokens = client.oauth.exchange_code(info["code"])
        shop = client.shop(info["cipher"], grant=tokens.open_id)
        if library != "list":
            __import__(library)  # the library's own import is not the frame's cost
        shop.orders.search(page_size=100).first_page()  # warm: schemas, connection
        gc.collect()
        reset_peak_rss()
        before = rss_kib()
        started = time.perf_counter()
        pager = shop.orders.search(page_size=100)
        if library == "pandas":
            frame: Any = pager.to_pandas()
            rows, held = len(frame), int(frame.memory_usage(deep=True).sum())
        elif library == "polars":
            frame = pager.to_polars()
            rows, held = frame.height, int(frame.estimated_size())
        else:
            frame = pager.to_list()
            rows, held = len(frame), 0
        seconds = time.perf_counter() - started
        peak = peak_rss_kib() - before
        after = rss_kib() - before
        return {
            "library": library,
            "rows": rows,
            "columns": 0 if library == "list" else len(frame.columns),
            "seconds": round(seconds, 1),
            "peak_mib": round(peak / 1024),
            "held_mib": round(after / 1024),
            "frame_mib": round(held / 2**20),
        }
    finally:
        server.stdin.close()
        server.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    """``--serve N`` serves; ``--child N LIB`` measures; otherwise run each library afresh."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--serve", type=int)
    parser.add_argument("--child", nargs=2)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--library", action="append", choices=["pandas", "polars", "list"])
    args = parser.parse_args(argv)
    if args.serve is not None:
        serve(args.serve)
        return 0
    if args.child is not None:
        print(json.dumps(child(int(args.child[0]), args.child[1])))
        return 0
    for library in args.library or ["pandas", "polars", "list"]:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(args.size), library],
            capture_output=True,
            text=True,
            check=True,
        )
        print(done.stdout.strip().splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
