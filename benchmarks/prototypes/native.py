"""(i) Amounts and times converted inside pydantic-core instead of Python ``BeforeValidator``s.

The same models as the SDK's (generated from them, on the same ``WireModel`` base, so unknown
fields, frozen instances and strict-mode drift checks are unchanged), but:

- an amount is ``union[nullable(decimal), "" -> None]`` in core schema: pydantic-core's own
  ``Decimal`` from a string (finite only, never via float, whitespace stripped, booleans
  refused, as ``_to_decimal`` does); the Python function runs only for ``""``;
- a time is ``union[nullable(datetime > 1970-01-01), 0 | "0" | "" -> None]``: pydantic-core's
  datetime from Unix seconds (``val_temporal_unit="seconds"``: never guessed as milliseconds),
  aware, in UTC. Its ``tzinfo`` is pydantic-core's ``TzInfo(0)``, equal to ``timezone.utc``
  but not the same object; times before 1970 are refused (today they are accepted).

The order of the union's members matters: the common case first, in ``left_to_right`` mode
(``smart`` mode, and ``none`` first, cost 1.5-3× as much per value).

``cache_strings`` and ``ser_json_temporal`` variants are built by :func:`order_model`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime, timezone
from decimal import Decimal
from typing import Annotated, Any

from pydantic import ConfigDict, Field, GetPydanticSchema, PlainSerializer, create_model
from pydantic_core import core_schema

from ._schema import FieldSpec, ModelSpec, describe

__all__ = ["NativeMoney", "NativeTimestamp", "native_annotation", "order_model", "reader"]


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _none(_value: Any) -> None:
    return None


def _money_schema(_source: Any, _handler: Any) -> core_schema.CoreSchema:
    return core_schema.union_schema(
        [
            core_schema.nullable_schema(
                core_schema.decimal_schema(allow_inf_nan=False, strict=False)
            ),
            core_schema.no_info_after_validator_function(_none, core_schema.literal_schema([""])),
        ],
        mode="left_to_right",
    )


def _time_schema(_source: Any, _handler: Any) -> core_schema.CoreSchema:
    return core_schema.union_schema(
        [
            core_schema.nullable_schema(core_schema.datetime_schema(strict=False, gt=_EPOCH)),
            core_schema.no_info_after_validator_function(
                _none, core_schema.literal_schema([0, "0", ""])
            ),
        ],
        mode="left_to_right",
    )


#: A decimal amount or None, converted by pydantic-core; JSON output is the decimal's text.
NativeMoney = Annotated[
    Decimal | None,
    GetPydanticSchema(_money_schema),
    PlainSerializer(
        lambda d: None if d is None else str(d), return_type=str | None, when_used="json"
    ),
]

#: An aware UTC datetime or None, converted by pydantic-core; JSON output is Unix seconds.
NativeTimestamp = Annotated[
    datetime | None,
    GetPydanticSchema(_time_schema),
    PlainSerializer(
        lambda d: None if d is None else int(d.timestamp()),
        return_type=int | None,
        when_used="json",
    ),
]


def native_annotation(spec: FieldSpec, make: Callable[[ModelSpec], type]) -> Any:
    """The type of ``spec`` with native conversions; ``make`` builds a nested model's class."""
    if spec.kind == "money":
        return NativeMoney
    if spec.kind == "time":
        return NativeTimestamp
    if spec.kind in ("model", "models"):
        assert spec.model is not None
        inner = make(spec.model)
        return list[inner] if spec.kind == "models" else inner | None  # type: ignore[valid-type]
    if spec.kind == "enum":
        assert spec.enum is not None
        return spec.enum if spec.required else spec.enum | None
    return spec.annotation


def _model(spec: ModelSpec, base: type, made: dict[str, type]) -> type:
    if spec.name in made:
        return made[spec.name]
    fields: dict[str, Any] = {}
    for field in spec.fields:
        annotation = native_annotation(field, lambda inner: _model(inner, base, made))
        if field.required:
            fields[field.name] = (annotation, ...)
        elif isinstance(field.default, list):
            fields[field.name] = (annotation, Field(default_factory=list))
        else:
            fields[field.name] = (annotation, field.default)
    made[spec.name] = create_model(spec.name, __base__=base, **fields)
    return made[spec.name]


@functools.cache
def order_model(cache_strings: str = "all", ser_json_temporal: str | None = None) -> type:
    """The SDK's ``Order`` tree rebuilt with native conversions and the given pydantic config."""
    from tiktokshop_sync._core.models import WireModel
    from tiktokshop_sync.types.order import Order

    config: dict[str, Any] = {"val_temporal_unit": "seconds", "cache_strings": cache_strings}
    if ser_json_temporal:
        config["ser_json_temporal"] = ser_json_temporal
    base = type("NativeWire", (WireModel,), {"model_config": ConfigDict(**config)})  # type: ignore[typeddict-item]
    return _model(describe(Order), base, {})


@functools.cache
def reader(cache_strings: str = "all") -> Any:
    """A ``parse_reply`` for the search reply, validating straight from the bytes."""
    from tiktokshop_sync._core.replies import Items

    return Items(order_model(cache_strings), "orders").read_bytes
