"""Memory per order held, in TikTok's official order shape, and memory while iterating many.

Per order held (``tracemalloc``, after a full collection): 1,000 distinct orders read from ten
100-order replies (:mod:`official_orders`, different seeds) as the SDK's typed ``Order``
views (``orders.search().first_page()``), as read and after every field of every order has
been read once (the views convert on first read and keep the result), as ``json.loads`` dicts,
and as the peer ``tiktok-shop-api``'s attrs objects (when importable). The reply bytes exist
before tracing starts, so only what a caller keeps is counted.

In fresh processes (resident memory, ``/proc/self/status``): holding N typed orders (20,000;
100,000 with ``--full``), and iterating ``for order in shop.orders.search(...)`` over 10,000 and
100,000 orders served page by page from an in-process transport; the peak above the baseline
after setup must stay flat (the iterator keeps one page at a time).
"""

from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from _harness import Figure, Result, peak_rss_kib, reset_peak_rss, rss_kib
from official_orders import PAGE_SIZE, official_reply

__all__ = ["read_every_field", "run"]

TARGET_KIB = 7.0
FLAT_RATIO = 1.25
PAGES = 10
HELD = 20_000
FULL_HELD = 100_000
ITERATED = (10_000, 100_000)


def read_every_field(view: Any) -> None:
    """Read every declared field of ``view`` and of the views it holds, once."""
    for name in type(view).model_fields:
        value = getattr(view, name)
        if hasattr(type(value), "model_fields"):
            read_every_field(value)
        elif isinstance(value, list):
            for item in value:
                if hasattr(type(item), "model_fields"):
                    read_every_field(item)


def _replies(pages: int, first_seed: int = 100) -> list[bytes]:
    return [official_reply(PAGE_SIZE, seed=first_seed + i) for i in range(pages)]


def _traced_kib(keep: Callable[[bytes], Any], replies: list[bytes]) -> float:
    """KiB per order that ``keep`` leaves allocated when it reads ``replies``."""
    keep(replies[0])  # warm-up: schemas, caches and interned names are not per-order costs
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        held = [keep(reply) for reply in replies]
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    orders = sum(len(h) for h in held)
    return (after - before) / 1024 / orders


def _paged_transport(replies: list[bytes], total: int) -> httpx.MockTransport:
    """Serves ``total`` orders: page k is ``replies[k % len]`` with next_page_token ``p{k+1}``."""
    pages = total // PAGE_SIZE
    token = b'"next_page_token":"'
    templates = []
    for reply in replies:
        head, rest = reply.split(token, 1)
        templates.append((head + token, rest.split(b'"', 1)[1]))

    def handler(request: httpx.Request) -> httpx.Response:
        given = request.url.params.get("page_token") or "p0"
        k = int(given[1:])
        head, tail = templates[k % len(templates)]
        following = f"p{k + 1}".encode() if k + 1 < pages else b""
        return httpx.Response(200, content=head + following + b'"' + tail)

    return httpx.MockTransport(handler)


def child_hold(count: int) -> dict[str, Any]:
    """Resident memory of holding ``count`` typed orders read from distinct replies."""
    from typed_page import sdk_shop

    replies = _replies(count // PAGE_SIZE, first_seed=1000)
    current = iter(replies)
    shop = sdk_shop(httpx.MockTransport(lambda r: httpx.Response(200, content=next(current))))
    from typed_page import _search

    gc.collect()
    before = rss_kib()
    held = [order for _ in replies for order in _search(shop).items]
    gc.collect()
    after = rss_kib()
    return {"orders": len(held), "kib": after - before}


def child_iterate(count: int) -> dict[str, Any]:
    """Peak resident memory above the baseline while iterating ``count`` typed orders."""
    from datetime import datetime, timezone

    from typed_page import UPDATED_FROM, sdk_shop

    shop = sdk_shop(_paged_transport(_replies(PAGES), count))
    updated = datetime.fromtimestamp(UPDATED_FROM, timezone.utc)
    shop.orders.search(update_time_ge=updated, page_size=PAGE_SIZE).first_page()  # warm-up
    gc.collect()
    reset = reset_peak_rss()
    before = rss_kib()
    seen = 0
    for _order in shop.orders.search(update_time_ge=updated, page_size=PAGE_SIZE):
        seen += 1
    return {"orders": seen, "peak_kib": peak_rss_kib() - before, "reset": reset}


def _spawn(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, timeout=1800
    )
    if done.returncode != 0:
        raise RuntimeError(f"memory benchmark child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run(*, full: bool = False) -> Result:
    """KiB per order held by each reader, and resident memory holding and iterating many."""
    from typed_page import _search, peer_client, sdk_shop

    replies = _replies(PAGES)
    current: list[bytes] = []
    shop = sdk_shop(httpx.MockTransport(lambda r: httpx.Response(200, content=current[0])))

    def sdk(reply: bytes) -> list[Any]:
        current[:] = [reply]
        return list(_search(shop).items)

    def dicts(reply: bytes) -> list[Any]:
        return json.loads(reply)["data"]["orders"]  # type: ignore[no-any-return]

    def sdk_read(reply: bytes) -> list[Any]:
        orders = sdk(reply)
        for order in orders:
            read_every_field(order)
        return orders

    wire = sum(len(r) for r in replies) / len(replies) / PAGE_SIZE / 1024
    # Each reader gets replies no reader has parsed yet: pydantic-core caches the short strings
    # it parses, and a reader measured on strings already cached would look smaller than it is.
    sdk_kib = _traced_kib(sdk, replies)
    read_kib = _traced_kib(sdk_read, _replies(PAGES, first_seed=150))
    dict_kib = _traced_kib(dicts, replies)
    figures = [
        Figure(
            "typed Order held (tracemalloc)",
            sdk_kib,
            "KiB",
            "<=",
            TARGET_KIB,
            note=f"{sdk_kib / wire:.1f}× its JSON ({wire:.2f} KiB on the wire); "
            f"{sdk_kib / dict_kib:.2f}× the json.loads dict",
        ),
        Figure(
            "typed Order held after every field was read once",
            read_kib,
            "KiB",
            note=f"reported, no target: each read amount is a Decimal (104 B) and each time a "
            f"datetime (48 B), kept; {read_kib / dict_kib:.2f}× the json.loads dict",
        ),
        Figure("json.loads dict held", dict_kib, "KiB", note=f"{dict_kib / wire:.1f}× its JSON"),
    ]
    notes = []
    peer_box: list[Any] = []
    peer = peer_client(httpx.MockTransport(lambda r: httpx.Response(200, content=peer_box[0])))
    if peer is not None:
        call, version = peer

        def peer_orders(reply: bytes) -> list[Any]:
            peer_box[:] = [reply]
            return list(call().data.orders)

        peer_kib = _traced_kib(peer_orders, replies)
        figures.append(
            Figure(
                f"peer tiktok-shop-api {version} order held",
                peer_kib,
                "KiB",
                note=f"{peer_kib / wire:.1f}× its JSON; amounts stay str, times int; the SDK's "
                f"view {sdk_kib / peer_kib:.2f}× this",
            )
        )
    else:
        notes.append("peer tiktok-shop-api not importable here: run `make bench`")
    held_n = FULL_HELD if full else HELD
    held = _spawn("--hold", str(held_n))
    per_order = held["kib"] / held["orders"]
    figures.append(
        Figure(
            f"holding {held['orders']:,} typed orders: resident memory",
            held["kib"] / 1024,
            "MiB",
            note=f"{per_order:.1f} KiB/order; 100,000 orders ≈ {per_order * 1e5 / 2**20:.2f} GiB"
            + ("" if held["orders"] == 100_000 else " (extrapolated)"),
        )
    )
    rows = [_spawn("--iterate", str(n)) for n in ITERATED]
    for row in rows:
        figures.append(
            Figure(
                f"iterating {row['orders']:,} typed orders: peak RSS above baseline",
                row["peak_kib"] / 1024,
                "MiB",
            )
        )
        if not row["reset"]:
            notes.append("peak RSS could not be reset (not Linux): the peaks include setup")
    growth = rows[-1]["peak_kib"] / max(rows[0]["peak_kib"], 1)
    figures.append(
        Figure(
            f"peak RSS iterating {ITERATED[-1]:,} vs {ITERATED[0]:,} orders (flat)",
            growth,
            "×",
            "<=",
            FLAT_RATIO,
        )
    )
    return {"figures": figures, "notes": notes}


def main(argv: list[str] | None = None) -> int:
    """Child entry points: ``--hold N`` and ``--iterate N`` print one JSON line."""
    parser = argparse.ArgumentParser()
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--hold", type=int)
    mode.add_argument("--iterate", type=int)
    args = parser.parse_args(argv)
    result = child_hold(args.hold) if args.hold else child_iterate(args.iterate)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
