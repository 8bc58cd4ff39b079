"""A 100-order search page of TikTok's official order shape: the SDK typed and untyped, raw
httpx, pydantic-core alone and the peer client ``tiktok-shop-api``, all on identical bytes.

Every variant but the parsers alone gets the same reply bytes (:mod:`official_orders`) from an
``httpx.MockTransport`` in this process. The raw call POSTs the very request the SDK sends
(captured once: signed URL, headers, body) and ``json.loads`` the reply. The peer is called as
its README shows (``TikTokShop(app_key, app_secret, access_token, shop_cipher,
transport=...)``, ``client.orders.get_order_list(page_size=100, body=GetOrderListRequest(...))``);
it is measured when it is importable, which ``make bench`` arranges (``.venv-bench``); it is
never a project dependency. Ratios are medians of interleaved rounds of the same run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import httpx
from _harness import (
    OPEN_ID,
    Figure,
    Result,
    Timing,
    bench_ns,
    profile,
    profile_phases,
    profile_top,
    sdk_client,
)
from _harness import ratio_note as _note
from official_orders import PAGE_SIZE, official_reply, shape_stats

__all__ = ["peer_client", "run", "sdk_shop"]

RAW_TARGET = 1.0
PEER_TARGET = 0.5
BASE_URL = "https://open-api.tiktokglobalshop.com"
SEARCH_PATH = "/order/202309/orders/search"
CIPHER = "ROW_bench_cipher_1234567890"
UPDATED_FROM = 1_748_700_000
PHASES = {
    "httpx Client.send (mock transport)": ("httpx/_client.py", "send"),
    "reading the reply into order views (view_reply)": ("_core/replies.py", "parse"),
    "  of which making the views (text, flags, counts checked)": ("_core/views.py", "make"),
}


def _transport(body: bytes) -> httpx.MockTransport:
    headers = {"content-type": "application/json"}
    return httpx.MockTransport(lambda request: httpx.Response(200, headers=headers, content=body))


def sdk_shop(transport: httpx.BaseTransport) -> Any:
    """A shop view of the SDK over ``transport``, with a token that never needs refreshing."""
    return sdk_client(transport).shop(CIPHER, grant=OPEN_ID)


def _search(shop: Any) -> Any:
    updated = datetime.fromtimestamp(UPDATED_FROM, timezone.utc)
    return shop.orders.search(update_time_ge=updated, page_size=PAGE_SIZE).first_page()


def _sent_request(body: bytes) -> httpx.Request:
    """The request the SDK sends for the page, captured from a recording transport."""
    sent: list[httpx.Request] = []
    replies = _transport(body)

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return replies.handle_request(request)

    _search(sdk_shop(httpx.MockTransport(record)))
    return sent[-1]


def peer_client(transport: httpx.BaseTransport) -> tuple[Callable[[], Any], str] | None:
    """The peer's ``get_order_list`` call over ``transport`` and its version, or None."""
    try:
        import tiktok_shop_api
        from tiktok_shop_api.generated.models.get_order_list_request import GetOrderListRequest
    except ImportError:
        return None
    client = tiktok_shop_api.TikTokShop(
        "bench_app_key",
        "bench_app_secret",
        access_token="bench-access-token",
        shop_cipher=CIPHER,
        transport=transport,
    )
    request = GetOrderListRequest(update_time_ge=UPDATED_FROM)

    def call() -> Any:
        return client.orders.get_order_list(page_size=PAGE_SIZE, body=request)

    return call, str(tiktok_shop_api.__version__)


def variants(body: bytes) -> tuple[dict[str, Callable[[], object]], str | None]:
    """Each way of getting the page, checked once to return 100 orders; and the peer's version."""
    from pydantic_core import from_json

    shop = sdk_shop(_transport(body))
    raw = httpx.Client(transport=_transport(body))
    sent = _sent_request(body)
    url, headers, content = str(sent.url), dict(sent.headers), sent.content
    query = {"page_size": PAGE_SIZE, "sort_field": "create_time", "sort_order": "DESC"}
    found: dict[str, Callable[[], object]] = {
        "sdk-typed": lambda: _search(shop),
        "sdk-untyped": lambda: shop.request(
            "POST", SEARCH_PATH, query=query, json={"update_time_ge": UPDATED_FROM}, idempotent=True
        ),
        "raw": lambda: json.loads(raw.post(url, content=content, headers=headers).content),
        "from_json": lambda: from_json(body),
        "json.loads": lambda: json.loads(body),
    }
    peer = peer_client(_transport(body))
    if peer is not None:
        found["peer"] = peer[0]
    counts = {
        "sdk-typed": len(_search(shop).items),
        "sdk-untyped": len(found["sdk-untyped"]()["orders"]),  # type: ignore[index]
        "raw": len(found["raw"]()["data"]["orders"]),  # type: ignore[index]
    }
    if peer is not None:
        counts["peer"] = len(peer[0]().data.orders)
    wrong = {name: n for name, n in counts.items() if n != PAGE_SIZE}
    if wrong:
        raise SystemExit(
            f"typed page benchmark: a variant did not read {PAGE_SIZE} orders: {wrong}"
        )
    return found, None if peer is None else peer[1]


def run(*, full: bool = False) -> Result:
    """Median time per page of each variant, and the ratios issue 19 sets targets for."""
    body = official_reply()
    stats = shape_stats(body)
    found, peer_version = variants(body)
    rounds = 31 if full else 15
    ns: dict[str, Timing] = bench_ns(found, calls=3, rounds=rounds, warmup=3)
    ms = {name: t.wall / 1e6 for name, t in ns.items()}
    raw = ns["raw"]
    typed = ns["sdk-typed"]
    shape = (
        f"{stats['reply_kib']:.0f} KiB, {stats['order_kib']:.2f} KiB/order, "
        f"{stats['amounts_per_order']:.1f} amounts and {stats['timestamps_per_order']:.1f} "
        f"timestamps converted per order, {stats['line_items_per_order']:.1f} line items"
    )
    figures = [
        Figure("raw httpx POST + json.loads (100 orders)", ms["raw"], "ms", note=shape),
        Figure("SDK orders.search().first_page(), typed", ms["sdk-typed"], "ms"),
        Figure(
            "ratio, typed page vs raw httpx + json.loads",
            typed.wall / raw.wall,
            "×",
            "<=",
            RAW_TARGET,
            note=_note(typed, raw),
        ),
        Figure(
            "ratio, untyped shop.request() vs raw",
            ns["sdk-untyped"].wall / raw.wall,
            "×",
            note=_note(ns["sdk-untyped"], raw),
        ),
        Figure(
            "ratio, pydantic_core.from_json alone vs raw",
            ns["from_json"].wall / raw.wall,
            "×",
            note="the floor for any Python client: " + _note(ns["from_json"], raw),
        ),
        Figure(
            "ratio, json.loads alone vs raw",
            ns["json.loads"].wall / raw.wall,
            "×",
            note="what httpx costs on top: " + _note(ns["json.loads"], raw),
        ),
        Figure(
            "typed cost per order ((typed − untyped) / 100)",
            (typed.wall - ns["sdk-untyped"].wall) / 1e3 / PAGE_SIZE,
            "µs",
        ),
    ]
    notes: list[str] = []
    if "peer" in ns:
        peer = ns["peer"]
        figures += [
            Figure(
                f"ratio, peer tiktok-shop-api {peer_version} vs raw",
                peer.wall / raw.wall,
                "×",
                note=_note(peer, raw),
            ),
            Figure(
                "ratio, typed page vs the peer",
                typed.wall / peer.wall,
                "×",
                "<=",
                PEER_TARGET,
                note=_note(typed, peer),
            ),
        ]
    else:
        notes.append(
            "peer tiktok-shop-api not importable here: `make bench` runs this in .venv-bench, "
            "where it is installed (it needs Python >= 3.11 and httpx < 0.29)"
        )
    notes.append(f"httpx {httpx.__version__} for every variant")
    notes.append("cProfile of the typed page:")
    prof = profile(found["sdk-typed"], calls=20)
    notes += [f"  {line}" for line in profile_phases(prof, PHASES, calls=20)]
    notes += [f"  {line}" for line in profile_top(prof, calls=20, limit=5)]
    return {"figures": figures, "notes": notes}
