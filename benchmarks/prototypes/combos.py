"""(iv) Combinations that let pydantic-core do all the work: native conversions into slots
dataclasses, or into plain dicts through a ``TypedDict``.

- ``dataclass``: ``pydantic.dataclasses.dataclass(slots=True, frozen=True)`` classes with the
  native amount and time types of :mod:`native`, validated straight from the reply bytes.
  pydantic-core sets the slots itself: no ``__dict__``, no fields set. Unknown fields cannot be
  kept (a slots dataclass has nowhere to put them): ``extra="ignore"``.
- ``typeddict``: ``TypeAdapter`` over ``TypedDict``s (``extra="allow"``, so unknown keys stay),
  native conversions; the orders are dicts, typed for mypy as ``TypedDict``s (``o["payment"]
  ["total_amount"]``), absent fields absent (no defaults filled in).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

from pydantic import ConfigDict, TypeAdapter
from pydantic.dataclasses import dataclass as pydantic_dataclass
from typing_extensions import NotRequired, TypedDict

from ._schema import ModelSpec, describe
from .native import native_annotation

__all__ = ["dataclass_reader", "typeddict_reader"]

_CONFIG = ConfigDict(val_temporal_unit="seconds", extra="ignore")


@functools.cache
def _dataclass(spec: ModelSpec) -> type:
    namespace: dict[str, Any] = {"__annotations__": {}}
    for field in spec.fields:
        namespace["__annotations__"][field.name] = native_annotation(field, _dataclass)
        if isinstance(field.default, list):
            namespace[field.name] = dataclasses.field(default_factory=list)
        elif not field.required:
            namespace[field.name] = field.default
    plain = type(spec.name, (), namespace)
    return pydantic_dataclass(  # type: ignore[no-any-return]
        plain, slots=True, frozen=True, kw_only=True, config=_CONFIG
    )


@functools.cache
def _typeddict(spec: ModelSpec) -> type:
    annotations = {}
    for field in spec.fields:
        annotation = native_annotation(field, _typeddict)
        annotations[field.name] = annotation if field.required else NotRequired[annotation]
    cls = TypedDict(spec.name, annotations)  # type: ignore[operator]
    cls.__pydantic_config__ = ConfigDict(val_temporal_unit="seconds", extra="allow")  # type: ignore[attr-defined]
    return cls  # type: ignore[no-any-return]


def _reader(order_type: type, as_dicts: bool) -> Callable[[bytes], Any]:
    from tiktokshop_sync._core.replies import page_of

    if as_dicts:

        class Data(TypedDict, total=False):
            next_page_token: Any
            total_count: Any
            orders: list[order_type]  # type: ignore[valid-type]

        class Envelope(TypedDict, total=False):
            code: int
            request_id: Any
            data: Data | None

        adapter: TypeAdapter[Any] = TypeAdapter(Envelope)
    else:

        @pydantic_dataclass(config=ConfigDict(extra="ignore"))
        class DataC:
            next_page_token: Any = None
            total_count: Any = None
            orders: list[order_type] | None = None  # type: ignore[valid-type]

        @pydantic_dataclass(config=ConfigDict(extra="ignore"))
        class EnvelopeC:
            code: int
            request_id: Any = None
            data: DataC | None = None

        adapter = TypeAdapter(EnvelopeC)

    def parse(raw: bytes) -> Any:
        try:
            envelope = adapter.validate_json(raw)
        except ValueError:
            return None
        if as_dicts:
            if envelope.get("code") != 0:
                return None
            data = envelope.get("data") or {}
            token, total, orders = (
                data.get("next_page_token"),
                data.get("total_count"),
                data.get("orders"),
            )
            rid = envelope.get("request_id")
        else:
            if envelope.code != 0:
                return None
            data = envelope.data
            token, total, orders = (
                (data.next_page_token, data.total_count, data.orders)
                if data
                else (None, None, None)
            )
            rid = envelope.request_id
        return page_of(orders or [], token, total), None if rid is None else str(rid)

    return parse


@functools.cache
def dataclass_reader() -> Callable[[bytes], Any]:
    """A ``parse_reply`` into pydantic slots dataclasses with native conversions."""
    from tiktokshop_sync.types.order import Order

    return _reader(_dataclass(describe(Order)), as_dicts=False)


@functools.cache
def typeddict_reader() -> Callable[[bytes], Any]:
    """A ``parse_reply`` into dicts validated as ``TypedDict``s with native conversions."""
    from tiktokshop_sync.types.order import Order

    return _reader(_typeddict(describe(Order)), as_dicts=True)
