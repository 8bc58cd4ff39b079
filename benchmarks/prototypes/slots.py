"""(iii) Lighter per-order objects: frozen ``__slots__`` classes built from the parsed JSON.

pydantic-core parses the reply (``from_json``, the fastest step there is), then generated
straight-line Python builds one slots object per model: no per-instance ``__dict__``, no
fields-set, no ``__pydantic_extra__`` dict unless there are unknown fields (kept in ``_extra``).
Amounts and times go through the SDK's own ``_to_decimal`` and ``_to_utc`` (same values, same
``timezone.utc``), enums through a value lookup, then ``OpenEnum`` for unknown values.

With ``lazy=True`` (iv, slots + conversion on first access) amounts and times are stored as
sent and converted by a property on every read (nothing cached, nothing extra held).

Plain fields (strings, booleans) are stored as sent, without pydantic's type checks: a number
where a string belongs is not caught. The objects are frozen by building them as a mutable twin
class and switching ``__class__`` to the frozen one (same slots layout), which costs one store.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from ._schema import FieldSpec, ModelSpec, describe, page_reader

__all__ = ["FrozenSlots", "builder", "reader"]


class FrozenSlots:
    """Base of the generated classes: immutable once built; ``extra`` holds unknown fields."""

    __slots__ = ()
    _extra: dict[str, Any] | None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    @property
    def extra(self) -> dict[str, Any]:
        """Fields TikTok sent that the model does not declare."""
        return self._extra or {}


def _names(spec: ModelSpec, lazy: bool) -> tuple[str, ...]:
    return tuple(
        f"_r_{f.name}" if lazy and f.kind in ("money", "time") else f.name for f in spec.fields
    )


def _line(field: FieldSpec, lazy: bool, env: dict[str, Any]) -> list[str]:
    name = field.name
    get = f'd["{name}"]' if field.required else f'g("{name}")'
    if field.kind in ("money", "time") and lazy:
        return [f"o._r_{name} = {get}"]
    if field.kind == "money":
        return [f"o.{name} = _money({get})"]
    if field.kind == "time":
        return [f"v = {get}", f"o.{name} = _fromts(v, _UTC) if type(v) is int and v else _time(v)"]
    if field.kind == "enum":
        assert field.enum is not None
        env[f"_m_{name}"] = field.enum._value2member_map_
        env[f"_e_{name}"] = field.enum
        none = "None" if not field.required else f"_e_{name}(v)"
        return [
            f"v = {get}",
            f"o.{name} = {none} if v is None else (_m_{name}.get(v) or _e_{name}(v))",
        ]
    if field.kind in ("model", "models"):
        assert field.model is not None
        env[f"_b_{field.model.name}"] = None  # filled after generation
        if field.kind == "model":
            return [f"v = {get}", f"o.{name} = None if v is None else _b_{field.model.name}(v)"]
        return [f"v = {get}", f"o.{name} = [_b_{field.model.name}(x) for x in v] if v else []"]
    if isinstance(field.default, list):
        return [f"v = {get}", f"o.{name} = [] if v is None else v"]
    env[f"_d_{name}"] = field.default
    return [f"o.{name} = {get}" if field.required else f'o.{name} = g("{name}", _d_{name})']


@functools.cache
def builder(spec: ModelSpec, lazy: bool = False) -> tuple[type, Callable[[dict[str, Any]], Any]]:
    """The frozen slots class for ``spec`` and the function that builds one from a dict."""
    from tiktokshop_sync._core.models import _to_decimal, _to_utc

    def money(value: Any) -> Any:
        amount = _to_decimal(value)
        if amount is not None and type(amount) is not type(_to_decimal("1")):
            raise ValueError(f"not a decimal amount: {value!r}")
        return amount

    def time(value: Any) -> Any:
        moment = _to_utc(value)
        if moment is not None and not isinstance(moment, datetime):
            raise ValueError(f"not a timestamp: {value!r}")
        return moment

    slots = _names(spec, lazy)
    namespace: dict[str, Any] = {"__slots__": slots}
    if lazy:
        for field in spec.fields:
            if field.kind in ("money", "time"):
                convert = money if field.kind == "money" else time
                namespace[field.name] = property(
                    lambda self, _n=f"_r_{field.name}", _c=convert: _c(getattr(self, _n))
                )
    # The frozen class adds no slots to its mutable twin, so an instance can switch to it.
    mutable = type(f"_Mutable{spec.name}", (), {"__slots__": ("_extra", *slots)})
    frozen = type(spec.name, (FrozenSlots, mutable), {**namespace, "__slots__": ()})
    env: dict[str, Any] = {
        "_new": object.__new__,
        "_Mut": mutable,
        "_Frozen": frozen,
        "_known": spec.names,
        "_money": money,
        "_time": time,
        "_fromts": datetime.fromtimestamp,
        "_UTC": timezone.utc,
    }
    body = ["o = _new(_Mut)", "g = d.get"]
    for field in spec.fields:
        body += _line(field, lazy, env)
    body += [
        "x = d.keys() - _known",
        "o._extra = {k: d[k] for k in x} if x else None",
        "o.__class__ = _Frozen",
        "return o",
    ]
    source = "def build(d):\n" + "\n".join(f"    {line}" for line in body)
    exec(compile(source, f"<slots builder {spec.name}>", "exec"), env)
    for field in spec.fields:
        if field.model is not None:
            env[f"_b_{field.model.name}"] = builder(field.model, lazy)[1]
    return frozen, env["build"]


@functools.cache
def reader(lazy: bool = False) -> Callable[[bytes], Any]:
    """A ``parse_reply`` for the search reply: ``from_json`` then the generated builders."""
    from tiktokshop_sync.types.order import Order

    return page_reader(builder(describe(Order), lazy)[1])
