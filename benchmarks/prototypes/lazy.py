"""(ii) Conversion on first access: a typed view over the parsed dict.

pydantic-core parses the reply (``from_json``); each order becomes a one-slot view holding its
dict. Fields are typed descriptors (``Field[T]``: mypy sees ``order.payment.total_amount`` as
``Decimal | None`` through ``__get__``), so a hand-written class reads

    class Payment(View):
        currency: Field[str] = Field("currency", plain, "")
        total_amount: Field[Decimal | None] = Field("total_amount", money, None)

Here the classes are generated from the SDK's models. Nothing is converted until read. By
default nothing read is cached: each read of an amount builds its ``Decimal`` again, each read
of ``order.payment`` a new view. With ``cache=True`` the first read stores the converted value
back into the dict in place of the raw one (no extra slot or dict; the dict is the view's own,
parsed for it), so later reads are a lookup and a type check. Unknown fields are all there
(the dict); drift is only found when checked (``unknown()``), and a malformed value raises
when it is read, not when the page is parsed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

from ._schema import FieldSpec, ModelSpec, describe, page_reader

__all__ = ["Field", "View", "reader", "view_class"]

T = TypeVar("T")


class View:
    """A read-only typed view of one wire object (its parsed JSON dict)."""

    __slots__ = ("_raw",)
    _known: frozenset[str] = frozenset()

    def __init__(self, raw: dict[str, Any]) -> None:
        object.__setattr__(self, "_raw", raw)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def unknown(self) -> dict[str, Any]:
        """Fields TikTok sent that the model does not declare."""
        return {k: v for k, v in self._raw.items() if k not in self._known}

    def to_dict(self) -> dict[str, Any]:
        """The object as TikTok sent it."""
        return self._raw


class Field(Generic[T]):
    """A typed field of a :class:`View`: read from the dict and converted on every access."""

    __slots__ = ("convert", "default", "key")

    def __init__(self, key: str, convert: Callable[[Any], T], default: Any) -> None:
        self.key, self.convert, self.default = key, convert, default

    @overload
    def __get__(self, view: None, owner: type) -> Field[T]: ...
    @overload
    def __get__(self, view: View, owner: type) -> T: ...
    def __get__(self, view: View | None, owner: type) -> Field[T] | T:
        if view is None:
            return self
        value = view._raw.get(self.key)
        return self.default if value is None else self.convert(value)


class CachedField(Field[T]):
    """A :class:`Field` that stores its converted value back into the dict on first read."""

    __slots__ = ("raw_type",)

    def __init__(self, key: str, convert: Callable[[Any], T], default: Any, raw_type: Any) -> None:
        super().__init__(key, convert, default)
        self.raw_type = raw_type

    def __get__(self, view: View | None, owner: type) -> Any:
        if view is None:
            return self
        raw = view._raw
        value = raw.get(self.key)
        if value is None:
            return self.default
        if type(value) is self.raw_type:  # not converted yet
            value = raw[self.key] = self.convert(value)
        return value


class _Views(list):  # type: ignore[type-arg]
    """A list of views: not a plain ``list``, so a cached list is never converted again."""

    __slots__ = ()


#: The JSON type each kind of field arrives as (what is converted on first read).
_RAW_TYPES = {"money": str, "time": int, "enum": str, "model": dict, "models": list}


def _plain(value: Any) -> Any:
    return value


def _converter(field: FieldSpec, cache: bool) -> Callable[[Any], Any]:
    from tiktokshop_sync._core.models import _to_decimal, _to_utc

    if field.kind == "money":
        return _to_decimal
    if field.kind == "time":
        return _to_utc
    if field.kind == "enum":
        assert field.enum is not None
        members, enum = field.enum._value2member_map_, field.enum
        return lambda v: members.get(v) or enum(v)
    if field.kind == "model":
        assert field.model is not None
        return view_class(field.model, cache)
    if field.kind == "models":
        assert field.model is not None
        cls = view_class(field.model, cache)
        return lambda v: _Views(cls(x) for x in v)
    return _plain


@functools.cache
def view_class(spec: ModelSpec, cache: bool = False) -> type[View]:
    """The view class for ``spec``, one typed descriptor per declared field."""
    namespace: dict[str, Any] = {"__slots__": (), "_known": spec.names}
    for field in spec.fields:
        default = [] if isinstance(field.default, list) else field.default
        convert = _converter(field, cache)
        raw_type = _RAW_TYPES.get(field.kind)
        if cache and raw_type is not None:
            namespace[field.name] = CachedField(field.name, convert, default, raw_type)
        else:
            namespace[field.name] = Field(field.name, convert, default)
    return type(spec.name, (View,), namespace)


@functools.cache
def reader(cache: bool = False) -> Callable[[bytes], Any]:
    """A ``parse_reply`` for the search reply: ``from_json``, then one view per order."""
    from tiktokshop_sync.types.order import Order

    return page_reader(view_class(describe(Order), cache))
