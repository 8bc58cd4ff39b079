"""Client overhead per signed call vs a raw httpx call over the same in-process transport.

Both sides use ``httpx.Client(transport=httpx.MockTransport(handler))`` where the handler
returns fixed bytes. The raw call sends the very request the SDK sends (the same signed URL,
headers and body, captured once, so the raw side is not even charged for signing): the
difference is the SDK's own work: building and signing the request, the token lookup, the
retry and pacing checks, reading the envelope and the pydantic models. Two replies: a
one-shop ``authorized()`` list (fixed per-call cost) and a page of 50 realistic FakeShop
orders (parse cost). ``request()`` (untyped, no models) separates the two. A raw GET of the
bare, unsigned URL is shown for reference: what TikTok's longer signed URL costs httpx.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
from _harness import (
    OPEN_ID,
    Figure,
    Result,
    bench_ns,
    profile,
    profile_phases,
    profile_top,
    sdk_client,
)

__all__ = ["run"]

TARGET_RATIO = 1.10
ORDERS_PER_PAGE = 50
BASE_URL = "https://open-api.tiktokglobalshop.com"
SHOPS_PATH = "/authorization/202309/shops"
SEARCH_PATH = "/order/202309/orders/search"
CIPHER = "ROW_bench_cipher_1234567890"
PROFILE_CALLS = 1000
PROFILE_PAGES = 30

#: Where a call's time goes, as (path suffix, function) whose cumulative time is reported.
PHASES = {
    "httpx Client.send (mock transport included)": ("httpx/_client.py", "send"),
    "build_request: query, URL, headers, signature": ("_core/http.py", "build_request"),
    "  of which sign() (HMAC-SHA256)": ("_core/signing.py", "sign"),
    "  of which httpx URL parsing and validation": ("httpx/_urlparse.py", "urlparse"),
    "retry controller: RetryPolicy.retrying()": ("_core/retry.py", "retrying"),
    "retry controller: tenacity Retrying.iter()": ("tenacity/__init__.py", "iter"),
    "token lookup": ("_core/drivers.py", "_token"),
    "read_envelope (json.loads, error map)": ("_core/envelope.py", "read_envelope"),
    "model parsing (the row's bytes reader)": ("_core/envelope.py", "parse"),
}
RAW_PHASES = {
    "httpx Client.send (mock transport included)": ("httpx/_client.py", "send"),
    "httpx URL parsing and validation": ("httpx/_urlparse.py", "urlparse"),
    "json.loads": ("json/__init__.py", "loads"),
}
PAGE_PHASES = {
    "httpx Client.send": ("httpx/_client.py", "send"),
    "reading the reply into order views (50 orders)": ("_core/replies.py", "parse"),
    "  of which making the views (text, flags, counts checked)": ("_core/views.py", "make"),
}


def _envelope(data: Any) -> bytes:
    body = {"code": 0, "message": "Success", "request_id": "202506020100000000bench", "data": data}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _shops_body() -> bytes:
    shop = {
        "id": "7495540735365777507",
        "name": "さくら商店 公式ショップ",
        "region": "JP",
        "seller_type": "LOCAL",
        "cipher": CIPHER,
        "code": "JPLCWLBEAT",
    }
    return _envelope({"shops": [shop]})


def _orders_body() -> bytes:
    from tiktokshop_sync.testing import FakeShop

    fake = FakeShop(seed=11)
    orders = fake.create_orders(ORDERS_PER_PAGE, created_within=timedelta(days=6))
    data = {
        "next_page_token": "",
        "total_count": ORDERS_PER_PAGE,
        "orders": [order.to_wire() for order in orders],
    }
    return _envelope(data)


def _transport(bodies: dict[str, bytes]) -> httpx.MockTransport:
    headers = {"content-type": "application/json"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers=headers, content=bodies[request.url.path])

    return httpx.MockTransport(handler)


def _variants(bodies: dict[str, bytes]) -> dict[str, Callable[[], object]]:
    raw = httpx.Client(transport=_transport(bodies))
    sent = _sent_requests(bodies)
    shops_req, search_req = sent[SHOPS_PATH], sent[SEARCH_PATH]
    shops_signed, shops_headers = str(shops_req.url), dict(shops_req.headers)
    search_signed, search_headers = str(search_req.url), dict(search_req.headers)
    search_body = search_req.content
    client = sdk_client(_transport(bodies))
    seller = client.seller(OPEN_ID)
    shop = client.shop(CIPHER, grant=OPEN_ID)
    shops_url = f"{BASE_URL}{SHOPS_PATH}"
    search_url = f"{BASE_URL}{SEARCH_PATH}?page_size={ORDERS_PER_PAGE}"
    body = b'{"update_time_ge":1748300000}'
    filters: dict[str, Any] = {
        "update_time_ge": datetime.fromtimestamp(1748300000, timezone.utc),
        "page_size": ORDERS_PER_PAGE,
    }
    return {
        "shops/bare": lambda: json.loads(raw.get(shops_url).content),
        "shops/raw": lambda: json.loads(raw.get(shops_signed, headers=shops_headers).content),
        "shops/sdk": seller.shops.authorized,
        "shops/sdk-untyped": lambda: seller.request("GET", SHOPS_PATH),
        "orders/bare": lambda: json.loads(raw.post(search_url, content=body).content),
        "orders/raw": lambda: json.loads(
            raw.post(search_signed, content=search_body, headers=search_headers).content
        ),
        "orders/sdk": lambda: shop.orders.search(**filters).first_page(),
        "orders/sdk-untyped": lambda: shop.request(
            "POST",
            SEARCH_PATH,
            query={"page_size": ORDERS_PER_PAGE},
            json={"update_time_ge": 1748300000},
            idempotent=True,
        ),
    }


def _sent_requests(bodies: dict[str, bytes]) -> dict[str, httpx.Request]:
    """The requests the SDK sends for the two calls, captured from a recording transport."""
    sent: dict[str, httpx.Request] = {}
    replies = _transport(bodies)

    def record(request: httpx.Request) -> httpx.Response:
        sent[request.url.path] = request
        return replies.handle_request(request)

    with sdk_client(httpx.MockTransport(record)) as client:
        client.seller(OPEN_ID).shops.authorized()
        update_time_ge = datetime.fromtimestamp(1748300000, timezone.utc)
        shop = client.shop(CIPHER, grant=OPEN_ID)
        shop.orders.search(update_time_ge=update_time_ge, page_size=ORDERS_PER_PAGE).first_page()
    return sent


def _breakdown(bodies: dict[str, bytes], whole: Callable[[], object]) -> list[str]:
    """Unprofiled µs of the fixed per-call steps, through internals (skipped if they moved)."""
    try:
        from tiktokshop_sync._config import ClientConfig
        from tiktokshop_sync._core.envelope import read_envelope
        from tiktokshop_sync._core.http import build_request
        from tiktokshop_sync._core.retry import RetryPolicy
        from tiktokshop_sync._core.signing import sign
        from tiktokshop_sync.resources.shops import authorized_spec
    except ImportError as exc:  # internals are free to change; the figures above do not use them
        return [f"step breakdown skipped: {exc}"]
    import random

    config = ClientConfig(app_key="bench_app_key", app_secret="bench_app_secret")
    spec = authorized_spec()
    read_bytes = spec.parse_reply
    if read_bytes is None:
        return ["step breakdown skipped: the spec has no bytes reader"]
    now = datetime.now(timezone.utc)
    request = build_request(spec, config=config, now=now, access_token="t")
    http = httpx.Client(transport=_transport(bodies))
    response = http.send(request)
    pairs = [("app_key", "bench_app_key"), ("timestamp", "1748826000")]
    policy, rng = RetryPolicy(), random.Random(1)
    steps: dict[str, Callable[[], object]] = {
        "build_request (query, sign, headers, httpx.Request)": lambda: build_request(
            spec, config=config, now=now, access_token="t"
        ),
        "  sign() alone": lambda: sign(path=spec.path, query=pairs, app_secret="s"),
        f"  httpx.Request() alone, SDK URL ({len(str(request.url))} chars)": lambda: httpx.Request(
            "GET", str(request.url)
        ),
        "httpx Client.send(request) with the mock transport": lambda: http.send(request),
        "tenacity controller (built only after a failed attempt)": lambda: _tenacity_cycle(
            policy, spec, rng
        ),
        "reply read from its bytes: envelope and one AuthorizedShop (what the call does)": (
            lambda: read_bytes(response.content)
        ),
        "  the dict path instead: read_envelope (json.loads, checks)": lambda: read_envelope(
            response, spec=spec, now=now
        ),
        "  the dict path instead: parse one AuthorizedShop": lambda: spec.parse(
            json.loads(response.content)["data"]
        ),
    }
    steps["the whole shops.authorized() call"] = whole
    timed = bench_ns(steps, calls=500, rounds=5, warmup=100)
    parts = ("build_request", "httpx Client.send", "reply read from its bytes")
    rest = timed["the whole shops.authorized() call"].wall - sum(
        t.wall for name, t in timed.items() if name.startswith(parts)
    )
    lines = [
        f"{t.wall / 1000:7.1f} µs wall {t.cpu / 1000:7.1f} µs CPU  {name}"
        for name, t in timed.items()
    ]
    lines.append(
        f"{rest / 1000:7.1f} µs wall                  rest of the call: the effect-driven flow, "
        "token lookup, clock reads, logging checks (the whole call minus build_request, send "
        "and reading the reply)"
    )
    return lines


def _tenacity_cycle(policy: Any, spec: Any, rng: Any) -> None:
    """What tenacity costs when ``flow._with_retries`` needs it: build, begin, two ``iter``."""
    from tenacity import RetryCallState

    controller = policy.retrying(spec, rng)
    controller.begin()
    state = RetryCallState(controller, fn=None, args=(), kwargs={})
    controller.iter(state)
    state.set_result(None)
    controller.iter(state)


def run(*, full: bool = False) -> Result:
    """Median µs per call of each variant and the SDK / raw ratios, with profiles."""
    bodies = {SHOPS_PATH: _shops_body(), SEARCH_PATH: _orders_body()}
    variants = _variants(bodies)
    rounds = 21 if full else 9
    shops = bench_ns(
        {k: v for k, v in variants.items() if k.startswith("shops/")},
        calls=400,
        rounds=rounds,
        warmup=200,
    )
    orders = bench_ns(
        {k: v for k, v in variants.items() if k.startswith("orders/")},
        calls=20,
        rounds=rounds,
        warmup=10,
    )
    timings = {**shops, **orders}
    us = {name: t.wall / 1000 for name, t in timings.items()}
    cpu = {name: t.cpu / 1000 for name, t in timings.items()}
    fixed = us["shops/sdk-untyped"] - us["shops/raw"]
    page_fixed = us["orders/sdk-untyped"] - us["orders/raw"]
    page_parse = us["orders/sdk"] - us["orders/sdk-untyped"]
    figures = [
        Figure("raw httpx GET of the bare URL + json.loads (1 shop)", us["shops/bare"], "µs"),
        Figure("raw httpx GET of the same signed request + json.loads", us["shops/raw"], "µs"),
        Figure("SDK seller.shops.authorized() (1 shop)", us["shops/sdk"], "µs"),
        Figure(
            "overhead ratio, shops.authorized() vs raw",
            us["shops/sdk"] / us["shops/raw"],
            "×",
            "<=",
            TARGET_RATIO,
            note=f"by CPU time {cpu['shops/sdk'] / cpu['shops/raw']:.2f}×",
        ),
        Figure(
            "overhead ratio, untyped request() vs raw",
            us["shops/sdk-untyped"] / us["shops/raw"],
            "×",
            "<=",
            TARGET_RATIO,
            note="signing, token, retry, envelope; no models",
        ),
        Figure(
            "ratio, shops.authorized() vs raw GET of the bare URL",
            us["shops/sdk"] / us["shops/bare"],
            "×",
            note="includes httpx's cost of the longer signed URL",
        ),
        Figure("fixed SDK cost per call (untyped − raw)", fixed, "µs"),
        Figure(f"raw httpx POST, same request ({ORDERS_PER_PAGE} orders)", us["orders/raw"], "µs"),
        Figure(f"SDK orders.search().first_page() ({ORDERS_PER_PAGE})", us["orders/sdk"], "µs"),
        Figure(
            f"overhead ratio, {ORDERS_PER_PAGE}-order page untyped vs raw",
            us["orders/sdk-untyped"] / us["orders/raw"],
            "×",
            "<=",
            TARGET_RATIO,
        ),
        Figure(
            f"ratio, {ORDERS_PER_PAGE}-order page typed vs raw",
            us["orders/sdk"] / us["orders/raw"],
            "×",
            note="builds 50 typed orders; their cost is the parsing benchmark's",
        ),
        Figure("fixed SDK cost per page call (untyped − raw)", page_fixed, "µs"),
        Figure("typed parse cost per order (typed − untyped) / 50", page_parse / 50, "µs"),
    ]
    notes = ["cProfile of shops.authorized(), where the fixed per-call cost goes:"]
    stats = profile(variants["shops/sdk"], calls=PROFILE_CALLS)
    notes += [f"  {line}" for line in profile_phases(stats, PHASES, calls=PROFILE_CALLS)]
    notes += [f"  {line}" for line in profile_top(stats, calls=PROFILE_CALLS)]
    notes.append("cProfile of the raw baseline (httpx GET of the same request + json.loads):")
    stats = profile(variants["shops/raw"], calls=PROFILE_CALLS)
    notes += [f"  {line}" for line in profile_phases(stats, RAW_PHASES, calls=PROFILE_CALLS)]
    notes += [f"  {line}" for line in profile_top(stats, calls=PROFILE_CALLS, limit=3)]
    notes.append("the fixed steps of one call, timed unprofiled (medians):")
    notes += [f"  {line}" for line in _breakdown(bodies, variants["shops/sdk"])]
    notes.append(f"cProfile of orders.search().first_page() ({ORDERS_PER_PAGE} orders):")
    stats = profile(variants["orders/sdk"], calls=PROFILE_PAGES)
    notes += [f"  {line}" for line in profile_phases(stats, PAGE_PHASES, calls=PROFILE_PAGES)]
    notes += [f"  {line}" for line in profile_top(stats, calls=PROFILE_PAGES, limit=6)]
    return {"figures": figures, "notes": notes}
