"""Issue 19's design options, each plugged into a real ``orders.search().first_page()`` call.

For each prototype reader: the page call's time over raw httpx + ``json.loads`` (the SDK call
with the search spec's reply reader swapped for the prototype's, interleaved with the raw call
and the SDK's reader in the same rounds), the reader alone, the cost of then reading every field
of every order once, KiB per order held (tracemalloc), a check that every declared field of
every order equals the SDK's ``Order``'s, and what each keeps of its semantics.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timezone
from decimal import Decimal
from typing import Any

import httpx
from _harness import Figure, Result, Timing, bench_ns
from _harness import ratio_note as _note
from official_orders import PAGE_SIZE, official_reply
from order_memory import PAGES, _replies, _traced_kib

from . import combos, lazy, native, slots
from ._schema import ModelSpec, describe, page_reader

__all__ = ["PROTOTYPES", "SHORT", "reader", "run"]


def _current_reader() -> Callable[[bytes], Any]:
    from tiktokshop_sync.resources._endpoints import ORDERS_SEARCH

    return ORDERS_SEARCH.reply.read_bytes


def _construct_reader() -> Callable[[bytes], Any]:
    """``from_json`` + ``Order.model_construct``: no validation at all (nested stay dicts)."""
    from tiktokshop_sync.types.order import Order

    return page_reader(lambda order: Order.model_construct(**order))


#: name -> (reader factory, what it keeps and costs, in words)
PROTOTYPES: dict[str, tuple[Callable[[], Callable[[bytes], Any]], str]] = {
    "the SDK: lazy views (src, from prototype ii)": (_current_reader, "the baseline"),
    "(i) pydantic models, native Decimal/datetime": (
        native.reader,
        "in src the same Order class and API (here a generated copy, so not isinstance); "
        "tzinfo is pydantic-core's TzInfo(0), == timezone.utc but not it",
    ),
    "(i) + cache_strings='keys'": (
        lambda: native.reader("keys"),
        "as (i); values not deduplicated",
    ),
    "(i) + cache_strings='none'": (
        lambda: native.reader("none"),
        "as (i); nothing deduplicated",
    ),
    "(ii) lazy typed view over the dict": (
        lazy.reader,
        "new classes; converts on every read; holds the dict",
    ),
    "(ii) lazy view, converted values cached in the dict": (
        lambda: lazy.reader(True),
        "as (ii); a value read twice is converted once",
    ),
    "(iii) frozen slots classes, eager": (
        slots.reader,
        "new classes; plain fields not type-checked",
    ),
    "(iv) slots + conversion on read": (
        lambda: slots.reader(True),
        "as (iii); amounts and times converted on every read",
    ),
    "(iv) pydantic slots dataclass, native": (
        combos.dataclass_reader,
        "unknown fields dropped; no model_dump; tz TzInfo",
    ),
    "(iv) TypedDict via TypeAdapter, native": (
        combos.typeddict_reader,
        "dicts: o['payment']['total_amount']; no defaults",
    ),
    "model_construct, no validation": (
        _construct_reader,
        "not a design: nothing converted, nested stay dicts",
    ),
}


#: Short names for the prototypes that can stand in for ``Order`` in the end-to-end import.
SHORT = {
    "native": "(i) pydantic models, native Decimal/datetime",
    "lazy": "(ii) lazy typed view over the dict",
    "lazy-cached": "(ii) lazy view, converted values cached in the dict",
    "slots": "(iii) frozen slots classes, eager",
    "slots-lazy": "(iv) slots + conversion on read",
}


def reader(short: str) -> Callable[[bytes], Any]:
    """The reply reader of the prototype called ``short`` (a key of :data:`SHORT`)."""
    return PROTOTYPES[SHORT[short]][0]()


def _fields(obj: Any, spec: ModelSpec) -> int:
    """Read every declared field of ``obj`` (and below) once; how many were read."""
    n = 0
    is_dict = isinstance(obj, dict)
    for field in spec.fields:
        value = obj.get(field.name) if is_dict else getattr(obj, field.name)
        n += 1
        if value is None or field.model is None:
            continue
        if field.kind == "model":
            n += _fields(value, field.model)
        else:
            for item in value:
                n += _fields(item, field.model)
    return n


def _read_all(items: list[Any], spec: ModelSpec) -> list[Any]:
    """``items`` after reading every field of each once (what a lazy design then holds)."""
    for item in items:
        _fields(item, spec)
    return items


def _same(a: Any, b: Any, spec: ModelSpec, where: str, out: list[str]) -> None:
    """Append where ``a`` (a prototype's) differs from ``b`` (the SDK's ``Order``)."""
    a_dict = isinstance(a, dict)
    for field in spec.fields:
        if a_dict and field.name not in a:
            continue  # a TypedDict leaves absent fields absent
        x = a.get(field.name) if a_dict else getattr(a, field.name)
        y = getattr(b, field.name)
        path = f"{where}.{field.name}"
        if field.model is not None and x is not None and y is not None:
            if field.kind == "model":
                _same(x, y, field.model, path, out)
            elif len(x) != len(y):
                out.append(path)
            else:
                for i, (xi, yi) in enumerate(zip(x, y, strict=True)):
                    _same(xi, yi, field.model, f"{path}[{i}]", out)
        elif x != y or (type(x) is not type(y) and not isinstance(y, Decimal | str)):
            out.append(path)


#: A field no model declares, added to every order of the page the semantics are read from
#: (the models now declare every field of TikTok's official shape).
UNKNOWN = "zz_field_from_the_future"


def _with_unknown_field(body: bytes) -> bytes:
    reply = json.loads(body)
    for order in reply["data"]["orders"]:
        order[UNKNOWN] = {"kept": True}
    return json.dumps(reply, ensure_ascii=False, separators=(",", ":")).encode()


def _semantics(item: Any) -> str:
    from tiktokshop_sync.types.order import Order

    keeps_unknown = (
        UNKNOWN in (getattr(item, "model_extra", None) or {})
        or UNKNOWN in (item if isinstance(item, dict) else {})
        or UNKNOWN in (getattr(item, "extra", None) or {})
        or UNKNOWN in (item.unknown() if hasattr(item, "unknown") else {})
    )
    frozen = True
    if not isinstance(item, dict):
        try:
            item.id = "changed"
            frozen = False
        except (AttributeError, TypeError, ValueError):
            pass
    when = item["create_time"] if isinstance(item, dict) else item.create_time
    zone = getattr(when, "tzinfo", None)
    tz = (
        "timezone.utc" if zone is timezone.utc else f"{type(zone).__name__} ({type(when).__name__})"
    )
    return (
        f"unknown fields {'kept' if keeps_unknown else 'DROPPED'}; "
        f"isinstance Order {'yes' if isinstance(item, Order) else 'no'}; "
        f"model_dump {'yes' if hasattr(item, 'model_dump') else 'no'}; "
        f"frozen {'yes' if frozen else 'no'}; tz {tz}"
    )


def run(*, full: bool = False) -> Result:
    """Each prototype's ratio to raw, reader time, field-read cost, KiB/order and semantics."""
    from typed_page import _search, _sent_request, _transport, sdk_shop

    from tiktokshop_sync.resources._endpoints import ORDERS_SEARCH
    from tiktokshop_sync.types.order import Order

    body = official_reply()
    probe_body = _with_unknown_field(body)
    spec = describe(Order)
    readers = {name: factory() for name, (factory, _) in PROTOTYPES.items()}
    today = readers["the SDK: lazy views (src, from prototype ii)"]
    baseline = today(body)[0].items
    shop = sdk_shop(_transport(body))
    raw_client = httpx.Client(transport=_transport(body))
    sent = _sent_request(body)
    url, headers, content = str(sent.url), dict(sent.headers), sent.content

    def call_with(reader: Callable[[bytes], Any]) -> Callable[[], object]:
        def call() -> object:
            ORDERS_SEARCH.reply._bytes_reader = reader  # the row's cached bytes reader
            try:
                return _search(shop)
            finally:
                ORDERS_SEARCH.reply._bytes_reader = today

        return call

    notes: list[str] = []
    checked: dict[str, str] = {}
    for name, reader in readers.items():
        items = call_with(reader)().items  # type: ignore[attr-defined]
        if len(items) != PAGE_SIZE:
            raise SystemExit(f"prototype {name!r} read {len(items)} orders, not {PAGE_SIZE}")
        if name.startswith("model_construct"):
            checked[name] = "n/a (nothing converted)"
            continue
        wrong: list[str] = []
        for i, (a, b) in enumerate(zip(items, baseline, strict=True)):
            _same(a, b, spec, f"orders[{i}]", wrong)
        checked[name] = "all fields equal" if not wrong else f"{len(wrong)} differ, e.g. {wrong[0]}"

    calls: dict[str, Callable[[], object]] = {
        "raw": lambda: json.loads(raw_client.post(url, content=content, headers=headers).content)
    }
    calls.update({f"call:{name}": call_with(reader) for name, reader in readers.items()})
    calls.update({f"read:{name}": (lambda r=reader: r(body)) for name, reader in readers.items()})
    calls["read:json.loads"] = lambda: json.loads(body)
    pages = {name: reader(body)[0].items for name, reader in readers.items()}
    calls.update(
        {
            f"touch:{name}": (lambda p=pages[name]: [_fields(o, spec) for o in p])
            for name in readers
            if not name.startswith("model_construct")
        }
    )
    rounds = 21 if full else 11
    ns: dict[str, Timing] = bench_ns(calls, calls=2, rounds=rounds, warmup=2)
    raw = ns["raw"]
    figures = []
    today_read = ns[f"read:{next(iter(readers))}"]
    for i, (name, (_factory, cost)) in enumerate(PROTOTYPES.items()):
        call, read = ns[f"call:{name}"], ns[f"read:{name}"]
        # Fresh replies for each measurement: pydantic-core keeps the short strings it has
        # parsed in a cache, so a reader measured on replies another one already read would
        # find their strings allocated and look smaller than it is.
        replies = _replies(PAGES, first_seed=2000 + 40 * i)
        kib = _traced_kib(lambda reply, r=readers[name]: list(r(reply)[0].items), replies)
        replies = _replies(PAGES, first_seed=2020 + 40 * i)
        read_kib = (
            _traced_kib(lambda reply, r=readers[name]: _read_all(r(reply)[0].items, spec), replies)
            if f"touch:{name}" in ns
            else None
        )
        touch = ns.get(f"touch:{name}")
        touch_us = f"{touch.wall / 1e3 / PAGE_SIZE:.1f} µs/order" if touch else "n/a"
        figures.append(
            Figure(
                f"{name}: page call ÷ raw",
                call.wall / raw.wall,
                "×",
                note=(
                    f"{_note(call, raw)}; reader {read.wall / today_read.wall:.2f}× "
                    f"the SDK's, {read.wall / ns['read:json.loads'].wall:.2f}× json.loads; "
                    f"{kib:.1f} KiB/order"
                    + ("" if read_kib is None else f" ({read_kib:.1f} once every field is read)")
                    + f"; every field read once {touch_us}"
                ),
            )
        )
        probe = readers[name](probe_body)[0].items[0]
        notes.append(f"{name}: {cost}; {_semantics(probe)}; values: {checked[name]}")
    return {"figures": figures, "notes": notes}
