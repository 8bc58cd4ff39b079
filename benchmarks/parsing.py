"""Orders parsed into typed models per second, on one core.

The input is realistic: FakeShop orders in TikTok's wire shape (the default status mix, so
some addresses are hidden or masked, 1-4 line items each). Measured: ``Order.model_validate``
per dict (the target), the SDK's own page path (a whole order-search reply, envelope
included, read from its bytes by the spec's ``parse_reply``, as a lenient client does), the
path it falls back to (``parse_json`` then ``model_validate`` per order: strict mode and
errors), and pydantic's JSON path per page (``TypeAdapter(list[Order]).validate_json``) and
per order (``Order.model_validate_json``).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from _harness import Figure, Result, bench_ns, profile, profile_phases, profile_top

__all__ = ["run"]

TARGET_PER_S = 20_000
ORDERS = 1000
PAGE = 100
PHASES = {
    "Money conversion (_to_decimal)": ("_core/conversions.py", "_to_decimal"),
    "Timestamp conversion (_to_utc)": ("_core/conversions.py", "_to_utc"),
    "copy.deepcopy of mutable list defaults": ("copy.py", "deepcopy"),
    "strict-mode check for unknown fields": ("_core/models.py", "_reject_unknown_fields"),
    "OpenEnum._missing_ (unknown enum values)": ("_core/conversions.py", "_missing_"),
    "the view of each validated model": ("_core/views.py", "_view_of_model"),
}


def _wire_orders() -> list[dict[str, Any]]:
    from tiktokshop_sync.testing import FakeShop

    fake = FakeShop(seed=5)
    orders = fake.create_orders(ORDERS, created_within=timedelta(days=6))
    return [order.to_wire() for order in orders]


def run(*, full: bool = False) -> Result:
    """Orders per second through each parsing path, and where the time goes."""
    from pydantic import TypeAdapter
    from pydantic_core import from_json

    from tiktokshop_sync.types.order import Order

    wires = _wire_orders()
    pages = [
        json.dumps({"orders": wires[i : i + PAGE]}, ensure_ascii=False).encode()
        for i in range(0, ORDERS, PAGE)
    ]
    page_lists = [
        json.dumps(wires[i : i + PAGE], ensure_ascii=False).encode() for i in range(0, ORDERS, PAGE)
    ]
    singles = [json.dumps(w, ensure_ascii=False).encode() for w in wires]
    adapter = TypeAdapter(list[Order])
    line_items = sum(len(w["line_items"]) for w in wires) / len(wires)
    size_kib = sum(len(s) for s in singles) / len(singles) / 1024

    def validate_dicts() -> None:
        for wire in wires:
            Order.model_validate(wire)

    try:
        from tiktokshop_sync._core.envelope import parse_json
        from tiktokshop_sync.resources.orders import search_spec
    except ImportError as exc:  # internals may move
        raise SystemExit(f"parsing benchmark: SDK internals moved: {exc}") from exc
    spec = search_spec(
        {}, page_size=PAGE, sort_field="create_time", sort_order="DESC", page_token=None
    )
    read_reply = spec.parse_reply
    assert read_reply is not None
    replies = [
        json.dumps(
            {
                "code": 0,
                "message": "Success",
                "request_id": "r",
                "data": {"orders": wires[i : i + PAGE]},
            },
            ensure_ascii=False,
        ).encode()
        for i in range(0, ORDERS, PAGE)
    ]

    def sdk_pages() -> None:
        for reply in replies:
            read_reply(reply)

    def fallback_pages() -> None:
        for page in pages:
            [Order.model_validate(o) for o in parse_json(page)["orders"]]

    def adapter_pages() -> None:
        for page in page_lists:
            adapter.validate_json(page)

    def json_singles() -> None:
        for single in singles:
            Order.model_validate_json(single)

    def loads_only() -> None:
        for page in pages:
            json.loads(page)

    def from_json_only() -> None:
        for page in pages:
            from_json(page)

    rounds = 15 if full else 7
    ns = bench_ns(
        {
            "dict": validate_dicts,
            "sdk-page": sdk_pages,
            "fallback-page": fallback_pages,
            "adapter-page": adapter_pages,
            "json-single": json_singles,
            "loads": loads_only,
            "from_json": from_json_only,
        },
        calls=1,
        rounds=rounds,
        warmup=1,
    )
    per_s = {name: ORDERS / (t.wall / 1e9) for name, t in ns.items()}
    cpu_per_s = {name: ORDERS / (t.cpu / 1e9) for name, t in ns.items()}
    figures = [
        Figure(
            "Order.model_validate(dict), wall clock",
            per_s["dict"],
            "orders/s",
            ">=",
            TARGET_PER_S,
            note=f"{1e6 / per_s['dict']:.0f} µs/order; {line_items:.1f} line items, "
            f"{size_kib:.1f} KiB JSON each",
        ),
        Figure(
            "Order.model_validate(dict), CPU time of one core",
            cpu_per_s["dict"],
            "orders/s",
            ">=",
            TARGET_PER_S,
            note="excludes time other processes took",
        ),
        Figure(
            f"a {PAGE}-order search reply read from its bytes (the SDK's path)",
            per_s["sdk-page"],
            "orders/s",
            ">=",
            TARGET_PER_S,
            note=f"{cpu_per_s['sdk-page']:,.0f}/s by CPU time",
        ),
        Figure(
            f"parse_json + model_validate per {PAGE}-order page (strict mode, errors)",
            per_s["fallback-page"],
            "orders/s",
            note=f"{cpu_per_s['fallback-page']:,.0f}/s by CPU time",
        ),
        Figure(
            f"TypeAdapter(list[Order]).validate_json per {PAGE}-order page",
            per_s["adapter-page"],
            "orders/s",
            note=f"{cpu_per_s['adapter-page']:,.0f}/s by CPU time",
        ),
        Figure(
            "Order.model_validate_json per order",
            per_s["json-single"],
            "orders/s",
            note=f"{cpu_per_s['json-single']:,.0f}/s by CPU time",
        ),
        Figure(
            f"json.loads alone per {PAGE}-order page",
            per_s["loads"],
            "orders/s",
            note=f"{cpu_per_s['loads']:,.0f}/s by CPU time",
        ),
        Figure(
            f"pydantic_core.from_json alone per {PAGE}-order page",
            per_s["from_json"],
            "orders/s",
            note=f"{cpu_per_s['from_json']:,.0f}/s by CPU time",
        ),
    ]
    stats = profile(validate_dicts, calls=3)
    calls = 3 * ORDERS
    notes = ["cProfile of Order.model_validate(dict):"]
    notes += [f"  {line}" for line in profile_phases(stats, PHASES, calls=calls)]
    notes += [f"  {line}" for line in profile_top(stats, calls=calls, limit=6)]
    return {"figures": figures, "notes": notes}
