"""Wire views: typed, read-only objects over a reply's parsed JSON, converted on first read.

A view class is declared like a pydantic model, with annotations and defaults, and that
declaration is the only one::

    class Payment(WireView):
        currency: str = ""
        total_amount: OptionalMoney = None

An instance holds the dict pydantic-core's ``from_json`` built for it as its ``__dict__``, so
nothing is converted or copied when a page arrives. Text, flags and counts are read straight
from that dict (checked against their type when the view is made, coerced as pydantic's lax
mode would where it can); amounts, times, enum values and nested objects are data descriptors
that convert on first read, with the same rules as the pydantic models
(:mod:`~tiktokshop_sync._core.conversions`), and store the result back in place of the raw
value, so a second read is a lookup. Unknown fields stay in the dict
(:attr:`WireView.model_extra`, and readable as attributes, as pydantic's ``extra="allow"``
does).

A :class:`CompactView` (an order: the object callers hold many of) keeps its wire values in a
tuple instead, gathered from the dict with C calls only, and drops the dict: a tuple of an
order's 66 values takes about a third of the dict's memory. Its text, flags and counts read
from the tuple through a C descriptor; its converted values are kept in its ``__dict__``.
Nested objects stay dict views: they are made when first read, and a dict view is cheaper to
make.

From the same declaration a pydantic model is derived on first need
(:meth:`WireView.pydantic_model`): it validates eagerly for :meth:`~WireView.model_validate`,
the constructor and strict mode (a reply read in strict mode is validated whole first, so
drift still fails loudly), and it is the schema of a view inside a user's own pydantic model.

A value that cannot take its type raises :class:`~tiktokshop_sync.MalformedFieldError` when it
is read (text, flags and counts: when the view is made), naming the model and the field.
"""

from __future__ import annotations

import copy
import inspect
import json
import typing
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from operator import itemgetter
from types import NoneType, UnionType
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

from .._exceptions import MalformedFieldError
from .conversions import (
    Conversion,
    OpenEnum,
    _to_decimal,
    _to_utc,
    is_strict,
    known_amount,
    open_member,
    seconds_to_utc,
    strict_models,
    text_to_decimal,
)
from .display import Displayed

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema
    from typing_extensions import Self, dataclass_transform

    from .models import WireModel

    # For type checkers a compact view is a plain object: its tuple is not its surface.
    _Storage = object
else:

    def dataclass_transform(**_options: Any) -> Callable[[type], type]:
        return lambda cls: cls

    _Storage = tuple

try:  # the C descriptor namedtuple's fields use; CPython has had it since 3.8
    from _collections import _tuplegetter  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other interpreters

    def _tuplegetter(index: int, doc: str | None) -> Any:
        return property(itemgetter(index), doc=doc)


__all__ = [
    "CompactView",
    "ViewField",
    "ViewList",
    "WireView",
    "is_view",
    "nested_fields",
    "read_fields",
]

_new = object.__new__
_set = object.__setattr__
_tnew: Callable[..., Any] = tuple.__new__
_item: Callable[[Any, int], Any] = tuple.__getitem__
_PLAIN = (str, int, bool, float)
#: Per compact view class, the key sets whose layouts are kept; more (drift) are made anew.
_LAYOUTS_KEPT = 256
# Derived pydantic model -> the view class it was derived from.
_VIEW_OF: dict[type, type[WireView]] = {}


class _Missing:
    """The type of :data:`_MISSING`: a field the wire object does not hold."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


class ViewList(list):  # type: ignore[type-arg]
    """A list of views read from a list of wire objects (converted once, then kept)."""

    __slots__ = ()


Kind = Literal["plain", "any", "convert", "enum", "model", "models", "list", "other"]


class ViewField:
    """One declared field of a view: what ``model_fields`` holds, as pydantic's ``FieldInfo``.

    ``annotation`` is the type without ``Annotated`` (its markers are in ``metadata``), as
    pydantic gives it, so the same introspection reads both kinds of model.
    """

    __slots__ = (
        "allowed",
        "annotation",
        "default",
        "default_factory",
        "enum",
        "hint",
        "kind",
        "metadata",
        "model",
        "name",
        "optional",
    )

    #: Every field is shown by the display rules (pydantic's ``Field(repr=...)``).
    repr: ClassVar[bool] = True
    #: Views have no aliases: a field is read under its name.
    alias: ClassVar[None] = None
    description: ClassVar[None] = None

    def __init__(self, name: str, hint: Any, default: Any) -> None:
        self.name = name
        self.hint = hint
        base, self.metadata = _split_annotated(hint)
        self.annotation = base
        members = _union_members(base)
        self.optional = NoneType in members
        members = tuple(m for m in members if m is not NoneType)
        self.default_factory: Callable[[], Any] | None = None
        self.default = default
        if isinstance(default, list | dict | set):
            self.default_factory = default.copy
            self.default = _MISSING
        self.model: type[WireView] | None = None
        self.enum: type[Enum] | None = None
        self.allowed: frozenset[type] = frozenset()
        conversion = next((m for m in self.metadata if isinstance(m, Conversion)), None)
        self.kind: Kind = "other"
        if conversion is not None:
            self.kind = "convert"
        elif base is Any or base is object:
            self.kind = "any"
        elif len(members) == 1 and is_view(members[0]):
            self.kind, self.model = "model", members[0]
        elif len(members) == 1 and get_origin(members[0]) is list:
            (item,) = get_args(members[0]) or (Any,)
            if is_view(item):
                self.kind, self.model = "models", item
            elif item in _PLAIN:
                self.kind, self.allowed = "list", frozenset({item})
        elif len(members) == 1 and isinstance(members[0], type) and issubclass(members[0], Enum):
            self.kind, self.enum = "enum", members[0]
        elif members and all(m in _PLAIN for m in members):
            self.kind = "plain"
        if self.kind in ("plain", "convert", "enum", "model"):
            allowed = set(members) | ({NoneType} if self.optional else set())
            if self.kind == "plain" and not self.is_required():
                allowed.add(_Missing)
            self.allowed = frozenset(allowed)

    def is_required(self) -> bool:
        """Whether the field has no default (a wire object without it is malformed)."""
        return self.default is _MISSING and self.default_factory is None

    def get_default(self, *, call_default_factory: bool = False) -> Any:
        """The default, as pydantic's ``FieldInfo.get_default`` gives it."""
        if self.default_factory is not None:
            return self.default_factory() if call_default_factory else None
        return None if self.default is _MISSING else self.default

    def __repr__(self) -> str:
        return f"ViewField({self.name}: {self.hint!r}, kind={self.kind})"


def _split_annotated(hint: Any) -> tuple[Any, list[Any]]:
    if get_origin(hint) is Annotated:
        base, *metadata = get_args(hint)
        return base, metadata
    return hint, []


def _union_members(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) in (Union, UnionType):
        return get_args(annotation)
    return (annotation,)


def is_view(cls: object) -> bool:
    """Whether ``cls`` is a view class (a subclass of :class:`WireView`)."""
    return isinstance(cls, type) and issubclass(cls, WireView)


# --- descriptors: each converting field is one; plain fields are read from the dict -----------


class _Field:
    """A converting field: read from the view's dict, converted once, then kept there.

    A :class:`CompactView` holds the wire value in its tuple instead (at ``index``), and its
    dict keeps only the converted values.

    Each subclass's ``__get__`` repeats the same few opening lines (the kept value, the absent
    field) instead of calling a shared method: they run on every attribute read of every
    order, where one more Python call would cost more than the lookup itself.
    """

    __slots__ = (
        "_adapter",
        "_hint",
        "default",
        "done",
        "factory",
        "index",
        "name",
        "owner",
        "required",
    )

    def __init__(self, owner: type[WireView], info: ViewField, index: int | None) -> None:
        self.owner = owner.__name__
        self.name = info.name
        #: Where a :class:`CompactView` holds the field's wire value (None: in the dict).
        self.index = index
        self.default = None if info.default is _MISSING else info.default
        self.factory = info.default_factory
        self.required = info.is_required()
        self.done = info.allowed
        self._adapter: TypeAdapter[Any] | None = None
        self._hint = info.hint

    def __set__(self, view: Any, value: Any) -> None:
        raise AttributeError(f"{self.owner} is read-only: {self.name} cannot be set")

    def __delete__(self, view: Any) -> None:
        raise AttributeError(f"{self.owner} is read-only: {self.name} cannot be deleted")

    def _absent(self) -> Any:
        if self.factory is not None:
            return self.factory()
        if self.required:
            raise MalformedFieldError(self.owner, self.name, "the field is missing")
        return self.default

    def _error(self, reason: str) -> MalformedFieldError:
        return MalformedFieldError(self.owner, self.name, reason)

    def _slow(self, value: Any) -> Any:
        """What pydantic's lax mode makes of ``value`` (the rare case: a coercion, an error)."""
        adapter = self._adapter
        if adapter is None:
            adapter = self._adapter = _adapter(self._hint)
        try:
            with strict_models(False):
                return adapter.validate_python(value)
        except ValueError as exc:  # pydantic's ValidationError included
            raise self._error(_reason(exc)) from exc


class _Converted(_Field):
    """An amount, a time or a flag: converted with its :class:`Conversion` on first read.

    The common wire forms of a time (Unix seconds in an ``int``) and of an amount (decimal
    text) go straight to the conversion's own common case (:func:`~.conversions.seconds_to_utc`,
    :func:`~.conversions.text_to_decimal`), without its other checks (about 50 ns less per
    first read, some 18 of them per imported order); anything else goes through the conversion.
    """

    __slots__ = ("common", "convert", "wire")

    def __init__(
        self, owner: type[WireView], info: ViewField, index: int | None, conversion: Conversion
    ) -> None:
        super().__init__(owner, info, index)
        self.convert = conversion.convert
        found = _COMMON.get(conversion.convert)
        #: The wire type of the conversion's common case (int: a time, str: an amount; None:
        #: no common case) and what answers it (None: the value is not of it after all).
        self.wire: type | None = found[0] if found else None
        self.common: Callable[[Any], Any] = found[1] if found else self.convert

    def __get__(self, view: Any, owner: Any = None) -> Any:
        if view is None:
            return self
        raw = view.__dict__
        value = raw.get(self.name, _MISSING)
        if value is _MISSING and self.index is not None:
            value = _item(view, self.index)
        kind = type(value)
        if kind in self.done:
            return value
        if kind is self.wire:
            result = self.common(value)
            if result is not None:
                raw[self.name] = result
                return result
        if value is _MISSING:
            return self._absent()
        try:
            result = self.convert(value)
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise self._error(str(exc)) from exc
        if type(result) not in self.done:
            result = self._slow(value)
        raw[self.name] = result
        return result


#: The conversions whose common case :class:`_Converted` answers by its wire type, without
#: the conversion's other checks.
_COMMON: dict[Callable[[Any], Any], tuple[type, Callable[[Any], Any]]] = {
    _to_utc: (int, seconds_to_utc),
    _to_decimal: (str, text_to_decimal),
}


class _EnumField(_Field):
    """An enum value: a member, or an open enum's ``UNKNOWN`` pseudo-member for a new value."""

    __slots__ = ("enum", "members", "open")

    def __init__(self, owner: type[WireView], info: ViewField, index: int | None) -> None:
        super().__init__(owner, info, index)
        assert info.enum is not None
        self.enum = info.enum
        self.members = info.enum._value2member_map_
        self.open = issubclass(info.enum, OpenEnum)

    def __get__(self, view: Any, owner: Any = None) -> Any:
        if view is None:
            return self
        raw = view.__dict__
        value = raw.get(self.name, _MISSING)
        if value is _MISSING and self.index is not None:
            value = _item(view, self.index)
        if type(value) in self.done:
            return value
        if value is _MISSING:
            return self._absent()
        if type(value) is str:
            member = self.members.get(value)
            if member is None:
                member = open_member(self.enum, value) if self.open else self._slow(value)
        else:
            member = self._slow(value)
        raw[self.name] = member
        return member


class _NestedField(_Field):
    """A field holding nested objects of one view class."""

    __slots__ = ("model",)

    def __init__(self, owner: type[WireView], info: ViewField, index: int | None) -> None:
        super().__init__(owner, info, index)
        assert info.model is not None
        self.model = info.model


class _ModelField(_NestedField):
    """A nested object: a view over its dict, made on first read."""

    __slots__ = ()

    def __get__(self, view: Any, owner: Any = None) -> Any:
        if view is None:
            return self
        raw = view.__dict__
        value = raw.get(self.name, _MISSING)
        if value is _MISSING and self.index is not None:
            value = _item(view, self.index)
        if type(value) in self.done:
            return value
        if value is _MISSING:
            return self._absent()
        if type(value) is not dict:
            raise self._error(f"expected an object, got {_json_type(value)}")
        nested = raw[self.name] = self.model._make(value)
        return nested


class _ModelsField(_NestedField):
    """A list of nested objects: a :class:`ViewList` of views, made on first read."""

    __slots__ = ()

    def __get__(self, view: Any, owner: Any = None) -> Any:
        if view is None:
            return self
        raw = view.__dict__
        value = raw.get(self.name, _MISSING)
        if value is _MISSING and self.index is not None:
            value = _item(view, self.index)
        if type(value) is ViewList:
            return value
        if value is _MISSING:
            return self._absent()
        if type(value) is not list:
            raise self._error(f"expected a list of objects, got {_json_type(value)}")
        build = self.model._make
        try:
            views = ViewList(map(build, value))
        except TypeError as exc:  # an item that is not an object
            raise self._error("expected a list of objects") from exc
        raw[self.name] = views
        return views


class _ListField(_Field):
    """A list of text, flags or counts: each item's type checked once, on first read."""

    __slots__ = ()

    def __get__(self, view: Any, owner: Any = None) -> Any:
        if view is None:
            return self
        raw = view.__dict__
        value = raw.get(self.name, _MISSING)
        if value is _MISSING and self.index is not None:
            value = _item(view, self.index)
        if type(value) is ViewList:
            return value
        if value is _MISSING:
            return self._absent()
        if type(value) is list and set(map(type, value)) <= self.done:
            checked = ViewList(value)
        else:
            checked = self._slow(value)  # a coercion, None for an optional list, or an error
            if checked is not None:
                checked = ViewList(checked)
        raw[self.name] = checked
        return checked


class _OtherField(_Field):
    """Any other type: validated by pydantic on every read (no view field uses one today)."""

    __slots__ = ()

    def __get__(self, view: Any, owner: Any = None) -> Any:
        if view is None:
            return self
        value = view.__dict__.get(self.name, _MISSING)
        if value is _MISSING and self.index is not None:
            value = _item(view, self.index)
        if value is _MISSING:
            return self._absent()
        return self._slow(value)


class _Pending:
    """A field of a view class not yet built: the first use builds the class (see ``_build``)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, view: Any, owner: type[WireView]) -> Any:
        owner._build_class()
        return getattr(owner if view is None else view, self.name)

    def __set__(self, view: Any, value: Any) -> None:
        raise AttributeError(f"{type(view).__name__} is read-only: {self.name} cannot be set")


class _Absent:
    """A required text, flag or count field: read from the view's dict, never from here."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, view: Any, owner: type) -> Any:
        raise AttributeError(f"{owner.__name__} holds no value for its required field {self.name}")


class _LazyFields:
    """``model_fields`` before the class is built: building it replaces this with the dict."""

    __slots__ = ()

    def __get__(self, view: Any, owner: type[WireView]) -> dict[str, ViewField]:
        owner._build_class()
        return owner.__dict__["model_fields"]  # type: ignore[no-any-return]


# --- the base class -----------------------------------------------------------------------


@dataclass_transform(kw_only_default=True, frozen_default=True)
class WireView(Displayed):
    """Base of the lazy wire models: typed, read-only views over a reply's parsed JSON.

    The surface follows pydantic's: ``model_fields``, ``model_extra``, ``model_fields_set``,
    ``model_dump()``, ``model_dump_json()``, ``model_validate()``, ``model_validate_json()``,
    ``model_construct()``, ``model_copy()``, equality, pickling, and a pydantic schema so a
    view can be a field of a user's pydantic model. ``repr()``/``str()`` follow the display
    rules (``masked_fields``, ``repr_fields``): no buyer's personal data.
    """

    #: Personal fields a repr shows as ``'***'`` when set (see :mod:`~._core.display`).
    masked_fields: ClassVar[frozenset[str]] = frozenset()
    #: The fields a repr shows, text included; None shows every id, status, count and amount.
    repr_fields: ClassVar[tuple[str, ...] | None] = None

    if TYPE_CHECKING:
        #: The declared fields, by name, in declaration order.
        model_fields: ClassVar[dict[str, ViewField]]
        _declared: ClassVar[tuple[tuple[str, Any], ...]]
        _make: ClassVar[Callable[[dict[str, Any]], Any]]
        _assemble: ClassVar[Callable[[dict[str, Any]], Any]]
        _nested: ClassVar[tuple[tuple[str, bool], ...]]
        _model_class: ClassVar[type[WireModel] | None]

    _declared = ()
    #: Whether the view keeps its values in a tuple (:class:`CompactView`) or in its dict.
    _compact: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own: list[tuple[str, Any]] = []
        for name, annotation in inspect.get_annotations(cls).items():
            if name.startswith("_") or _is_classvar(annotation):
                continue
            own.append((name, cls.__dict__.get(name, _MISSING)))
            type.__setattr__(cls, name, _Pending(name))
        inherited = [(n, d) for n, d in cls._declared if n not in dict(own)]
        cls._declared = (*inherited, *own)
        cls.model_fields = _LazyFields()  # type: ignore[assignment]
        cls._model_class = None
        cls._make = cls._make_first

    # -- building the class on first use --

    @classmethod
    def _build_class(cls) -> None:
        """Resolve the annotations, install one descriptor per converting field, make the maker.

        Done on first use rather than at import, as pydantic resolves forward references: the
        annotations name classes that may be defined later in the module.
        """
        if "_ready" in cls.__dict__:
            return
        hints = typing.get_type_hints(cls, include_extras=True)
        fields = {name: ViewField(name, hints[name], default) for name, default in cls._declared}
        type.__setattr__(cls, "model_fields", fields)
        plain: list[ViewField] = []
        compact = cls._compact
        for index, (name, info) in enumerate(fields.items()):
            descriptor = _descriptor(cls, info, index if compact else None)
            if descriptor is not None:
                type.__setattr__(cls, name, descriptor)
            elif compact:  # text, flags, counts, Any: read straight from the tuple, in C
                type.__setattr__(cls, name, _tuplegetter(index, None))
            elif info.is_required():
                type.__setattr__(cls, name, _Absent(name))
            else:
                type.__setattr__(cls, name, info.default)
            if info.kind == "plain":
                plain.append(info)
        if compact:
            cls._make, cls._assemble = _compact_makers(cls)
        else:
            required = tuple(n for n, i in fields.items() if i.is_required() and i.kind != "plain")
            cls._make = _maker(cls, tuple(plain), required)
            cls._assemble = _adopter(cls)
        cls._nested = tuple(
            (n, i.kind == "models") for n, i in fields.items() if i.kind in ("model", "models")
        )
        type.__setattr__(cls, "_ready", True)

    @classmethod
    def _make_first(cls, raw: dict[str, Any]) -> Self:
        cls._build_class()
        return cls._make(raw)  # type: ignore[no-any-return]

    @classmethod
    def _from_raw(cls, raw: dict[str, Any]) -> Self:
        """A view over ``raw`` (a parsed JSON object, now the view's own), checked lightly.

        Text, flags and counts are checked against their types now (and coerced as pydantic
        would, or :class:`MalformedFieldError`); everything else when it is read.
        """
        return cls._make(raw)  # type: ignore[no-any-return]

    @classmethod
    def reader(cls) -> Callable[[dict[str, Any]], Self]:
        """The function that makes a view of this class from a parsed JSON object."""
        cls._build_class()
        return cls._make

    # -- the pydantic side --

    @classmethod
    def pydantic_model(cls) -> type[WireModel]:
        """The pydantic model derived from this declaration: the eager validator.

        It validates what :meth:`model_validate`, the constructor and strict mode validate,
        with the same conversions, and is built (importing pydantic) on first use.
        """
        model = cls.__dict__.get("_model_class")
        if model is None:
            model = _derive(cls)
        return model

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """A view as a field of a pydantic model: validated eagerly, kept as a view."""
        from pydantic_core import core_schema

        model = cls.pydantic_model()
        return core_schema.union_schema(
            [
                core_schema.is_instance_schema(cls),
                core_schema.no_info_after_validator_function(
                    cls._from_field, handler.generate_schema(model)
                ),
            ],
            mode="left_to_right",
            serialization=core_schema.plain_serializer_function_ser_schema(
                _serialize, info_arg=True
            ),
        )

    @classmethod
    def _from_field(cls, model: Any) -> Self:
        """A view validated as a field of another model: checked for drift in strict mode.

        pydantic validates the derived model's schema without its ``model_validate``, which is
        where strict mode looks for unknown fields, so the check runs here.
        """
        if is_strict():
            from .models import _reject_unknown_fields

            _reject_unknown_fields(model, model)
        return cls._from_model(model)

    @classmethod
    def _from_model(cls, model: Any) -> Self:
        """The view of a validated derived model: every value already converted."""
        cls._build_class()
        return _view_of_model(cls, model)  # type: ignore[no-any-return]

    def __init__(self, /, **data: Any) -> None:
        """Validate ``data`` eagerly (raises pydantic's ``ValidationError``), as pydantic does."""
        _set(self, "__dict__", type(self).model_validate(data).__dict__)

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        """Validate a Python object (a dict from the wire) eagerly into a view."""
        return cls._from_model(cls.pydantic_model().model_validate(obj, **kwargs))

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        """Validate JSON text eagerly into a view."""
        return cls._from_model(cls.pydantic_model().model_validate_json(json_data, **kwargs))

    @classmethod
    def model_validate_strings(cls, obj: Any, **kwargs: Any) -> Self:
        """Validate an object whose leaves are strings eagerly into a view."""
        return cls._from_model(cls.pydantic_model().model_validate_strings(obj, **kwargs))

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        """A view over ``values`` without any check (they are converted when read)."""
        cls._build_class()
        return cls._assemble(dict(values))  # type: ignore[no-any-return]

    @classmethod
    def model_json_schema(cls, **kwargs: Any) -> dict[str, Any]:
        """The JSON schema of the derived pydantic model."""
        return cls.pydantic_model().model_json_schema(**kwargs)

    # -- reading --

    @property
    def model_extra(self) -> dict[str, Any]:
        """The fields TikTok sent that this model does not declare, as sent."""
        fields = type(self).model_fields
        return {k: v for k, v in self._fields_held().items() if k not in fields}

    @property
    def model_fields_set(self) -> set[str]:
        """The declared fields the wire object holds (the others read as their defaults)."""
        fields = type(self).model_fields
        return {k for k in self._fields_held() if k in fields}

    def _fields_held(self) -> dict[str, Any]:
        """Every field the wire object held, declared or not, converted where already read."""
        return self.__dict__

    def _repr_html_(self) -> str:
        """What Jupyter shows: the repr's fields as a table (``_core.tabular``)."""
        # Imported here: a webhook receiver's cold start never needs the notebook renderer.
        from .tabular import html_table

        return html_table(self)

    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] | str = "python",
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        by_alias: bool = False,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """Every field (converted) and every unknown field, as pydantic's ``model_dump``.

        ``mode="json"`` gives amounts as strings and times as Unix seconds; ``include`` and
        ``exclude`` name top-level fields. Views have no aliases, so ``by_alias`` changes
        nothing.
        """
        if mode not in ("python", "json"):
            raise ValueError(f"mode must be 'python' or 'json', got {mode!r}")
        options = (mode == "json", exclude_unset, exclude_defaults, exclude_none)
        return _dump(self, options, _names(include), _names(exclude))

    def model_dump_json(
        self,
        *,
        indent: int | None = None,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        by_alias: bool = False,
        exclude_unset: bool = False,
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> str:
        """:meth:`model_dump` in JSON mode, as a JSON string (UTF-8 text, not escaped)."""
        data = self.model_dump(
            mode="json",
            include=include,
            exclude=exclude,
            exclude_unset=exclude_unset,
            exclude_defaults=exclude_defaults,
            exclude_none=exclude_none,
        )
        separators = (",", ":") if indent is None else (",", ": ")
        return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy, with ``update`` applied unvalidated (as pydantic's ``model_copy``)."""
        held = self._fields_held()
        raw = copy.deepcopy(held) if deep else dict(held)
        if update:
            raw.update(update)
        return type(self)._assemble(raw)  # type: ignore[no-any-return]

    # -- value semantics --

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        fields = type(self).model_fields
        return hash((type(self), *(getattr(self, name) for name in fields)))


#: Sets a view's ``__dict__`` (its class's own ``__setattr__`` refuses every attribute).
_SET_DICT: Callable[[Any, dict[str, Any]], None] = WireView.__dict__["__dict__"].__set__


class CompactView(WireView, _Storage):
    """A view that keeps its wire values in a tuple instead of the parsed dict: for the
    objects a caller holds many of (a page's orders).

    A tuple of 66 values takes about a third of the memory of the dict it replaces: the
    values are gathered from the dict with C calls only (:class:`_Layout`) and the dict is
    dropped. Text, flags and counts read straight from the tuple through a C descriptor
    (``collections._tuplegetter``, what :func:`~collections.namedtuple` uses); converted
    values are kept in the instance's dict. The tuple is storage, not surface: a compact view
    is not iterable, sized, subscriptable or ordered, and compares by its fields' values.
    """

    _compact = True

    def __new__(cls, /, **data: Any) -> Self:
        """Validate ``data`` eagerly (raises pydantic's ``ValidationError``), as pydantic does."""
        return cls.model_validate(data)

    def __init__(self, /, **data: Any) -> None:
        """Nothing left to do: :meth:`__new__` validated ``data`` into the view."""

    def _fields_held(self) -> dict[str, Any]:
        layout: _Layout = _item(self, -1)
        read = self.__dict__
        held: dict[str, Any] = {}
        for index, name in enumerate(type(self).model_fields):
            if name not in layout.absent:
                value = _item(self, index)
                held[name] = read.get(name, value) if read else value
        for index, name in enumerate(layout.extra, layout.start):
            held[name] = _item(self, index)
        return held

    def __getattr__(self, name: str) -> Any:
        """An unknown field TikTok sent, read as an attribute (pydantic's ``extra="allow"``)."""
        layout: _Layout = _item(self, -1)
        if name in layout.extra:
            return _item(self, layout.start + layout.extra.index(name))
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its class and its fields' values (the layout is found again on load)."""
        return (_restore, (type(self), self._fields_held()))

    # -- the tuple underneath is storage, not surface --

    def __bool__(self) -> bool:
        return True

    def __len__(self) -> int:
        raise TypeError(f"object of type {type(self).__name__!r} has no len()")

    def __iter__(self) -> Any:
        raise TypeError(
            f"{type(self).__name__!r} object is not iterable: read its fields, or model_dump()"
        )

    def __getitem__(self, key: Any) -> Any:
        raise TypeError(f"{type(self).__name__!r} object is not subscriptable")

    def __contains__(self, item: Any) -> bool:
        raise TypeError(f"argument of type {type(self).__name__!r} is not a container")

    def __lt__(self, other: object) -> bool:
        return NotImplemented

    __le__ = __gt__ = __ge__ = __lt__

    def __add__(self, other: object) -> Any:
        return NotImplemented

    __mul__ = __rmul__ = __add__


class _Layout:
    """Which declared fields a wire object held and which unknown ones: shared by every
    compact view made from an object with the same keys (a page's orders share one or two).

    A view's tuple is made from such an object with C calls only (:func:`_compact_makers`):
    ``pick`` takes the values it holds, ``fill`` (the absent fields' defaults, then the
    layout itself) is appended, and ``arrange`` puts them in declaration order (None when
    they already are). The tuple ends with the layout.
    """

    __slots__ = ("absent", "arrange", "extra", "fill", "missing", "pick", "start")

    def __init__(self, cls: type[WireView], keys: Iterable[str]) -> None:
        fields = cls.model_fields
        keys = tuple(keys)
        held = set(keys)
        self.absent = frozenset(name for name in fields if name not in held)
        #: Required fields the object lacks: refused when the view is made, kept as absent
        #: by ``model_construct`` (which checks nothing, as pydantic's).
        self.missing = tuple(n for n in fields if n in self.absent and fields[n].is_required())
        self.extra = tuple(key for key in keys if key not in fields)
        self.start = len(fields)
        present = [name for name in fields if name not in self.absent] + list(self.extra)
        # itemgetter of one key gives the value, not a tuple: ask for it twice.
        picked = present * 2 if len(present) == 1 else present
        self.pick: Callable[[dict[str, Any]], tuple[Any, ...]] = (
            itemgetter(*picked) if picked else _nothing
        )
        self.fill = (*(_absent_value(i) for n, i in fields.items() if n in self.absent), self)
        order: list[int] = []
        taken, filled = 0, len(picked)
        for name in fields:
            if name in self.absent:
                order.append(filled)
                filled += 1
            else:
                order.append(taken)
                taken += 1
        order += range(taken, len(present))
        order.append(filled)
        in_order = order == list(range(len(picked) + len(self.fill)))
        self.arrange: Callable[[tuple[Any, ...]], tuple[Any, ...]] | None = (
            None if in_order else itemgetter(*order)  # never fewer than two: the layout is last
        )

    def __repr__(self) -> str:
        return f"<view layout: {len(self.absent)} absent, {len(self.extra)} unknown>"


def _nothing(raw: dict[str, Any]) -> tuple[Any, ...]:
    return ()


def _absent_value(info: ViewField) -> Any:
    """What a compact view's tuple holds for an absent field: its default, or a marker when
    the default is made per read (a new empty list) or the field is required."""
    if info.default_factory is not None or info.is_required():
        return _MISSING
    return None if info.default is _MISSING else info.default


def _picker(indexes: list[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]] | None:
    """An ``itemgetter`` giving a tuple of these items (None for none)."""
    if not indexes:
        return None
    return itemgetter(*indexes * 2 if len(indexes) == 1 else indexes)


def _compact_makers(
    cls: type[WireView],
) -> tuple[Callable[[dict[str, Any]], Any], Callable[[dict[str, Any]], Any]]:
    """The functions that make a compact view over a parsed JSON object: checked, unchecked.

    A page makes 100 of them, so the common case is C calls only: the values are gathered by
    the :class:`_Layout` of the object's key set (kept per class; an object holding exactly
    the declared fields skips the look-up). Each plain field's value must be of a type its
    field allows: text fields are checked by joining them (a ``TypeError`` names any value
    that is not a ``str``), the others by their types; only a failure runs ``check``, which
    coerces the value as pydantic would or raises.
    """
    fields = cls.model_fields
    count = len(fields)
    layouts: dict[tuple[str, ...], _Layout] = {}
    whole = _Layout(cls, fields)
    layouts[tuple(fields)] = whole
    # An object holding exactly the declared fields, in any order, skips the look-up.
    whole_pick = whole.pick if whole.arrange is None else None
    whole_fill = whole.fill

    # The last layout used per number of keys: an object with as many keys, holding every key
    # the layout picks, holds the layout's keys exactly (in any order), so neither its key
    # tuple nor that tuple's hash is needed. Another layout of that size costs a KeyError.
    by_size: dict[int, _Layout] = {}

    def gather(raw: dict[str, Any]) -> tuple[Any, ...]:
        size = len(raw)
        if whole_pick is not None and size == count:
            try:
                return whole_pick(raw) + whole_fill
            except KeyError:
                pass
        layout = by_size.get(size)
        try:
            if layout is None:
                raise KeyError
            picked = layout.pick(raw)
        except KeyError:
            keys = tuple(raw)
            layout = layouts.get(keys)
            if layout is None:
                layout = _Layout(cls, keys)
                if len(layouts) < _LAYOUTS_KEPT:
                    layouts[keys] = layout
            if size in by_size or len(by_size) < _LAYOUTS_KEPT:
                by_size[size] = layout
            picked = layout.pick(raw)
        if layout.arrange is None:
            return picked + layout.fill
        return layout.arrange(picked + layout.fill)

    plain = tuple((i, info) for i, info in enumerate(fields.values()) if info.kind == "plain")
    allowed = {i: (info.allowed - {_Missing}) | {type(_absent_value(info))} for i, info in plain}
    texts = [i for i in allowed if allowed[i] == {str}]
    others = [i for i in allowed if i not in texts]
    text_pick = _picker(texts)
    other_pick = _picker(others)
    other_allowed = tuple(allowed[i] for i in others) * (2 if len(others) == 1 else 1)

    def check(raw: dict[str, Any]) -> None:
        for _, info in plain:
            value = raw.get(info.name, _MISSING)
            if value is _MISSING or type(value) in info.allowed:
                continue
            try:
                with strict_models(False):
                    raw[info.name] = _adapter(info.hint).validate_python(value)
            except ValueError as exc:
                raise MalformedFieldError(cls.__name__, info.name, _reason(exc)) from exc

    def make(raw: dict[str, Any]) -> Any:
        values = gather(raw)
        missing = values[-1].missing
        if missing:
            raise MalformedFieldError(cls.__name__, missing[0], "the field is missing")
        try:
            if text_pick is not None:
                "".join(text_pick(values))
            if other_pick is not None and not all(
                map(frozenset.__contains__, other_allowed, map(type, other_pick(values)))
            ):
                raise TypeError
        except TypeError:
            check(raw)
            values = gather(raw)
        return _tnew(cls, values)

    def assemble(raw: dict[str, Any]) -> Any:
        return _tnew(cls, gather(raw))

    return make, assemble


def _restore(cls: type[WireView], held: dict[str, Any]) -> WireView:
    """A compact view unpickled: its class over the values it was pickled with."""
    cls._build_class()
    return cls._assemble(held)  # type: ignore[no-any-return]


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))
    return get_origin(annotation) is ClassVar or annotation is ClassVar


def _descriptor(cls: type[WireView], info: ViewField, index: int | None) -> _Field | None:
    if info.kind == "convert":
        conversion = next(m for m in info.metadata if isinstance(m, Conversion))
        return _Converted(cls, info, index, conversion)
    if info.kind == "enum":
        return _EnumField(cls, info, index)
    if info.kind == "model":
        return _ModelField(cls, info, index)
    if info.kind == "models":
        return _ModelsField(cls, info, index)
    if info.kind == "list":
        return _ListField(cls, info, index)
    if info.kind == "other" or (info.kind == "any" and info.default_factory is not None):
        return _OtherField(cls, info, index)
    return None


def _maker(
    cls: type[WireView], plain: tuple[ViewField, ...], required: tuple[str, ...]
) -> Callable[[dict[str, Any]], Any]:
    """The function that makes a view over a parsed JSON object (a page makes 100 of them).

    Each plain field's value type must be one the field allows (a text field: ``str``, or
    absent); only when one is not does :func:`check` run, to coerce the value as pydantic would
    or to raise. Fields sharing the allowed types are checked in one loop (a plain loop is
    faster here than ``all(map(...))``).
    """
    groups: dict[frozenset[type], list[str]] = {}
    for info in plain:
        groups.setdefault(info.allowed, []).append(info.name)
    checks = tuple((tuple(names), allowed) for allowed, names in groups.items())
    set_dict = _SET_DICT

    def check(raw: dict[str, Any]) -> None:
        for info in plain:
            value = raw.get(info.name, _MISSING)
            if type(value) in info.allowed:
                continue
            if value is _MISSING:
                raise MalformedFieldError(cls.__name__, info.name, "the field is missing")
            try:
                with strict_models(False):
                    raw[info.name] = _adapter(info.hint).validate_python(value)
            except ValueError as exc:
                raise MalformedFieldError(cls.__name__, info.name, _reason(exc)) from exc
        for name in required:
            if name not in raw:
                raise MalformedFieldError(cls.__name__, name, "the field is missing")

    def make(raw: dict[str, Any]) -> Any:
        view = _new(cls)
        set_dict(view, raw)
        get = raw.get
        for names, allowed in checks:
            for name in names:
                if type(get(name, _MISSING)) not in allowed:
                    check(raw)
                    return view
        for name in required:
            if name not in raw:
                check(raw)
        return view

    return make


def _adopter(cls: type[WireView]) -> Callable[[dict[str, Any]], Any]:
    """The function that makes a view of ``cls`` over a dict, unchecked: the dict is its own."""

    def adopt(raw: dict[str, Any]) -> Any:
        view = _new(cls)
        _SET_DICT(view, raw)
        return view

    return adopt


def _view_of_model(cls: type[WireView], model: Any) -> Any:
    """A view over a validated derived model's values (nested models become views too).

    Only the fields the input set are kept, as the model's ``model_fields_set`` says, so the
    view reads the others as their defaults and dumps them as pydantic would.
    """
    given = model.__pydantic_fields_set__
    values = model.__dict__
    raw = {name: values[name] for name in given if name in values}
    for name, many in cls._nested:
        value = raw.get(name)
        if value is None:
            continue
        if many:
            raw[name] = ViewList([_view_of_model(_VIEW_OF[type(v)], v) for v in value])
        else:
            raw[name] = _view_of_model(_VIEW_OF[type(value)], value)
    extra = model.__pydantic_extra__
    if extra:
        raw.update(extra)
    return cls._assemble(raw)


class _Slow(Exception):
    """A nested value :func:`nested_fields` leaves to the views (another type, a field absent)."""


#: (view class, path, field names) -> the function reading them below a view of that class.
_NESTED_READERS: dict[tuple[type, str, tuple[str, ...]], Callable[[Any], list[Any]]] = {}


def nested_fields(view: Any, field: str, names: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """``names`` of the object, or of each object of the list, that ``view.<field>`` holds: what
    their views would read, without making the views (none for an absent object). ``field``
    may be a dotted path through nested objects (``"recipient_address.district_info"``).

    The order import reads a few fields of every line item and district, and a view checks
    every text, flag and count of its object when it is made (about 1 µs a line item). Here
    only the fields read are checked, the same way, and an absent field reads as its default;
    anything else (a value of another type, an absent required field, strict mode, views
    already made) makes the views and reads them, with their coercions and errors. ``names``
    may name text, flags, counts, amounts and times; the others are read on the host's first
    read of the views, as every field of a lazy view is."""
    if not is_strict():
        key = (type(view), field, names)
        read = _NESTED_READERS.get(key)
        if read is None:
            read = _NESTED_READERS[key] = _nested_reader(type(view), field, names)
        try:
            return read(view)
        except _Slow:
            pass
    value: Any = view
    for step in field.split("."):
        value = getattr(value, step)
        if value is None:
            return []
    views = value if isinstance(value, list) else (value,)
    return [tuple(getattr(v, name) for name in names) for v in views]


def _nested_reader(cls: type, path: str, names: tuple[str, ...]) -> Callable[[Any], list[Any]]:
    """One compiled function reading ``names`` at ``path`` below a view of ``cls``: it walks
    the parsed JSON (raising :class:`_Slow` at a view already made, an absent or null object,
    another type) and reads each object found with :func:`_object_reader`."""
    if not is_view(cls):
        return _always_slow
    owner: Any = cls
    body = ["def read(view):"]
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_Slow": _Slow, "_item": _item}
    namespace.update({"dict": dict, "list": list})
    many = False
    for depth, step in enumerate(path.split(".")):
        owner._build_class()
        descriptor = owner.__dict__.get(step)
        if many or not isinstance(descriptor, _NestedField):
            return _always_slow  # not a path through nested objects: the views read it
        if depth == 0:
            body.append(f"    raw = view.__dict__.get({step!r}, _MISSING)")
            if descriptor.index is not None:
                body += [
                    "    if raw is _MISSING:",
                    f"        raw = _item(view, {descriptor.index})",
                ]
        else:
            body.append(f"    raw = raw.get({step!r}, _MISSING)")
        many = type(descriptor) is _ModelsField
        body += [f"    if type(raw) is not {'list' if many else 'dict'}:", "        raise _Slow"]
        owner = descriptor.model
    namespace["row"] = _object_reader(owner, names)
    body.append("    return [row(item) for item in raw]" if many else "    return [row(raw)]")
    return _compiled(body, namespace, f"<nested reader {cls.__name__}.{path}: {', '.join(names)}>")


def _always_slow(view: Any) -> list[Any]:
    raise _Slow


def _object_reader(
    model: type[WireView], names: tuple[str, ...]
) -> Callable[[Any], tuple[Any, ...]]:
    """One compiled function reading ``names`` of a wire object of ``model`` as its view would,
    or raising :class:`_Slow` for anything but the common cases: text, flags and counts of an
    allowed type (or absent: the default), amounts as decimal text and times as Unix seconds
    (through the conversions' common cases).

    Generated rather than looped over: straight code per field list reads a line item in
    about 0.5 µs instead of 0.7, and every order reads several objects.
    """
    model._build_class()
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_Slow": _Slow, "str": str, "dict": dict}
    namespace["known_amount"] = known_amount
    body = [
        "def read(raw):",
        "    if type(raw) is not dict:",
        "        raise _Slow",
        "    get = raw.get",
    ]
    for i, name in enumerate(names):
        info = model.model_fields[name]
        field = model.__dict__.get(name)
        v = f"v{i}"
        if info.kind == "plain":
            namespace.update({f"allowed{i}": info.allowed, f"default{i}": info.default})
            only_text = info.allowed <= {str, _Missing}
            check = f"    if type({v}) {'is not str' if only_text else f'not in allowed{i}'}:"
            if info.is_required() or type(info.default) in info.allowed:
                # Absent: a required field is slow (the view says it is missing); another
                # reads as its default, which its type check lets through.
                if_absent = "_MISSING" if info.is_required() else f"default{i}"
                body += [f"    {v} = get({name!r}, {if_absent})", check, "        raise _Slow"]
            else:
                body.append(f"    {v} = get({name!r}, _MISSING)")
                body += [f"    if type({v}) not in allowed{i}:", "        raise _Slow"]
                body += [f"    if {v} is _MISSING:", f"        {v} = default{i}"]
        elif isinstance(field, _Converted) and field.wire is not None:
            absent = _MISSING if field.required or field.factory else field.default
            namespace.update({f"wire{i}": field.wire, f"common{i}": field.common})
            namespace[f"absent{i}"] = absent
            body.append(f"    {v} = get({name!r}, _MISSING)")
            body.append(f"    if type({v}) is wire{i}:")
            if field.wire is str:  # an amount: most texts were read before (see known_amount)
                body += [f"        found = known_amount({v})", "        if found is None:"]
                body += [f"            found = common{i}({v})", "            if found is None:"]
                body += ["                raise _Slow", f"        {v} = found"]
            else:
                body += [f"        {v} = common{i}({v})", f"        if {v} is None:"]
                body.append("            raise _Slow")
            if absent is not _MISSING:
                body += [f"    elif {v} is _MISSING:", f"        {v} = absent{i}"]
            body += ["    else:", "        raise _Slow"]
        else:
            raise TypeError(f"{model.__name__}.{name} is not read by nested_fields()")
    body.append(f"    return ({''.join(f'v{i}, ' for i in range(len(names)))})")
    return _compiled(body, namespace, f"<object reader {model.__name__}: {', '.join(names)}>")


def _compiled(body: list[str], namespace: dict[str, Any], filename: str) -> Callable[..., Any]:
    """The function ``read`` that the lines ``body`` define, compiled in ``namespace``."""
    exec(compile("\n".join(body), filename, "exec"), namespace)
    return namespace["read"]  # type: ignore[no-any-return]


#: (view class, field names) -> the function reading those fields of a view; made on first use.
_FIELD_READERS: dict[tuple[type, tuple[str, ...]], Callable[[Any], tuple[Any, ...]]] = {}


def read_fields(view: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    """``names`` of ``view``, each as reading it gives it (and keeps it, for times and amounts),
    in one call.

    A view's time or amount is a descriptor, and a Python descriptor call costs more than the
    conversion's common case itself; the order import reads seven times of every order. Here
    one compiled function per (class, names) converts the common cases (a time's non-zero Unix
    seconds, an amount's text) in line and reads everything else as an attribute, so values,
    errors and what the view keeps are the descriptors' own.
    """
    reader = _FIELD_READERS.get((type(view), names))
    if reader is None:
        reader = _FIELD_READERS[(type(view), names)] = _field_reader(type(view), names)
    return reader(view)


def _field_reader(cls: type, names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The compiled reader :func:`read_fields` keeps for ``cls`` and ``names`` (attribute reads
    for an object that is not a view)."""
    if not is_view(cls):
        return lambda view: tuple([getattr(view, name) for name in names])
    cls._build_class()  # type: ignore[attr-defined]
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_item": _item, "int": int, "str": str}
    namespace.update({"_fromtimestamp": datetime.fromtimestamp, "_UTC": timezone.utc})
    body = ["def read(view):", "    raw = view.__dict__", "    get = raw.get"]
    for i, name in enumerate(names):
        if not name.isidentifier():
            raise ValueError(f"{name!r} is not a field name")
        value, field = f"v{i}", cls.__dict__.get(name)
        if not isinstance(field, _Converted) or field.wire not in (int, str):
            body.append(f"    {value} = view.{name}")
            continue
        namespace[f"done{i}"], namespace[f"common{i}"] = field.done, field.common
        body.append(f"    {value} = get({name!r}, _MISSING)")
        if field.index is not None:
            body += [
                f"    if {value} is _MISSING:",
                f"        {value} = _item(view, {field.index})",
            ]
        if field.wire is int:  # a time: seconds_to_utc's common case, without the call
            body += [
                f"    if type({value}) is int and {value}:",
                "        try:",
                f"            {value} = raw[{name!r}] = _fromtimestamp({value}, _UTC)",
                "        except (OverflowError, OSError, ValueError):",
                f"            {value} = view.{name}",
            ]
        else:  # an amount's text
            body += [
                f"    if type({value}) is str and (converted := common{i}({value})) is not None:",
                f"        {value} = raw[{name!r}] = converted",
            ]
        body += [f"    elif type({value}) not in done{i}:", f"        {value} = view.{name}"]
    body.append(f"    return ({''.join(f'v{i}, ' for i in range(len(names)))})")
    return _compiled(body, namespace, f"<field reader {cls.__name__}: {', '.join(names)}>")


def _json_type(value: Any) -> str:
    names = {str: "text", bool: "a boolean", int: "a number", float: "a number"}
    names.update({list: "a list", dict: "an object", NoneType: "null"})
    return names.get(type(value), type(value).__name__)


def _reason(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors(include_url=False, include_input=False)
        if found:
            return str(found[0]["msg"])
    return str(exc)


def _adapter(hint: Any) -> TypeAdapter[Any]:
    from pydantic import ConfigDict, TypeAdapter

    return TypeAdapter(hint, config=ConfigDict(hide_input_in_errors=True))


def _names(names: Iterable[str] | None) -> frozenset[str] | None:
    if names is None:
        return None
    if isinstance(names, dict):
        raise TypeError("include/exclude take a set of top-level field names on a view")
    return frozenset(names)


_Options = tuple[bool, bool, bool, bool]


def _dump(
    view: WireView,
    options: _Options,
    include: frozenset[str] | None = None,
    exclude: frozenset[str] | None = None,
) -> dict[str, Any]:
    _, exclude_unset, exclude_defaults, exclude_none = options
    raw = view._fields_held()
    fields = type(view).model_fields
    out: dict[str, Any] = {}
    for name, info in fields.items():
        if (include is not None and name not in include) or (exclude and name in exclude):
            continue
        if exclude_unset and name not in raw:
            continue
        value = getattr(view, name)
        if exclude_defaults and value == info.get_default(call_default_factory=True):
            continue
        if exclude_none and value is None:
            continue
        out[name] = _dump_value(value, info, options)
    for name, value in raw.items():
        if name in fields or (include is not None and name not in include):
            continue
        if (exclude and name in exclude) or (exclude_none and value is None):
            continue
        out[name] = value
    return out


def _dump_value(value: Any, info: ViewField, options: _Options) -> Any:
    if isinstance(value, WireView):
        return _dump(value, options)
    if type(value) is ViewList:
        return [_dump(item, options) if isinstance(item, WireView) else item for item in value]
    if not options[0]:
        return value
    if isinstance(value, Enum):
        return value.value
    if info.kind == "convert":
        conversion = next(m for m in info.metadata if isinstance(m, Conversion))
        if conversion.dump is not None:
            return conversion.dump(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def _serialize(view: WireView, info: Any) -> dict[str, Any]:
    return view.model_dump(mode=info.mode)


def _unwrap_view(cls: type, data: Any) -> Any:
    """A view given where its derived model is validated: validate its values."""
    return data._fields_held() if isinstance(data, WireView) else data


def _derive(cls: type[WireView]) -> type[WireModel]:
    """The pydantic model of a view declaration: same fields, types, conversions and defaults."""
    from pydantic import Field, model_validator

    from .models import WireModel

    cls._build_class()
    annotations: dict[str, Any] = {}
    namespace: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        annotations[name] = _as_model_type(info.hint)
        if info.default_factory is not None:
            namespace[name] = Field(default_factory=info.default_factory)
        elif not info.is_required():
            namespace[name] = info.default
    namespace.update(
        __annotations__=annotations,
        __module__=cls.__module__,
        __qualname__=cls.__qualname__,
        __doc__=cls.__doc__,
        _unwrap_view=model_validator(mode="before")(_unwrap_view),
    )
    metaclass: Any = type(WireModel)
    model: type[WireModel] = metaclass(cls.__name__, (WireModel,), namespace)
    model.masked_fields = cls.masked_fields
    model.repr_fields = cls.repr_fields
    model.__wire_view__ = cls  # type: ignore[attr-defined]
    _VIEW_OF[model] = cls
    cls._model_class = model
    return model


def _as_model_type(hint: Any) -> Any:
    """``hint`` with every view class replaced by its derived pydantic model."""
    if is_view(hint):
        return hint.pydantic_model()
    origin = get_origin(hint)
    if origin is None:
        return hint
    args = get_args(hint)
    if origin is Annotated:
        annotated: Any = Annotated
        params = (_as_model_type(args[0]), *args[1:])
        return annotated[params]
    if origin in (Union, UnionType):
        return Union[tuple(_as_model_type(a) for a in args)]  # noqa: UP007
    return origin[tuple(_as_model_type(a) for a in args)]
