"""Reply shapes as values: what a successful reply's ``data`` holds, and both ways to read it.

An endpoint says what its reply is (``Items(Order, "orders")``, ``One(Product)``, ``Nothing``)
and the shape gives both readers a :class:`~tiktokshop_sync._core.request.RequestSpec` needs:
:meth:`Reply.read` takes the envelope's ``data`` as parsed JSON (the dict path, which strict
mode always takes), and :attr:`Reply.read_bytes` takes a whole reply's bytes and reads it
straight into the result. Both give the same result: the contract tests compare them on every
official response example.

The bytes reader depends on the model. A lazy view (:class:`~._core.views.WireView`, the
orders) is made over pydantic-core's ``from_json`` dicts, converting nothing until read
(:func:`view_reply`); a pydantic model is validated straight from the bytes
(:func:`~tiktokshop_sync._core.envelope.typed_reply`). In strict mode the dict path validates
every view eagerly first, so drift fails loudly.

A shape may name its model as a :class:`ModelRef` (the endpoint table does): the model's module,
and with it pydantic, is imported when a call first reads a reply, not with the client.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any, Generic, Literal, TypeVar, overload

from .conversions import is_strict
from .pagination import Page
from .views import is_view

__all__ = [
    "Headed",
    "Items",
    "ModelRef",
    "Nested",
    "Nothing",
    "One",
    "Raw",
    "Reply",
    "model_refs",
    "page_of",
    "view_reply",
]

T = TypeVar("T")
M = TypeVar("M")
R = TypeVar("R")


class ModelRef:
    """A model class named by its module, imported on first use.

    The endpoint table names every reply's model; importing them all would load pydantic and
    build every schema whenever the client is imported. A ref stands in for the class until a
    reply shape needs it (:meth:`resolve`).
    """

    __slots__ = ("_model", "module", "name")

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name
        self._model: Any = None

    def resolve(self) -> Any:
        """The model class (imported now if it was not yet)."""
        if self._model is None:
            module = importlib.import_module(self.module, "tiktokshop_sync")
            self._model = getattr(module, self.name)
        return self._model

    @property
    def __name__(self) -> str:  # what a shape's repr and error messages show
        return self.name

    def __repr__(self) -> str:
        return f"ModelRef({self.module!r}, {self.name!r})"


def model_refs(module: str, *names: str) -> tuple[Any, ...]:
    """One :class:`ModelRef` per name in ``module`` (relative to the package, ``".types.x"``)."""
    return tuple(ModelRef(module, name) for name in names)


def _resolve(model: Any) -> Any:
    return model.resolve() if isinstance(model, ModelRef) else model


BytesReader = Callable[[bytes], "tuple[T, str | None] | None"]


def page_of(items: Any, next_page_token: Any, total_count: Any, data: Any = None) -> Page[Any]:
    """A Page from parsed items and TikTok's paging fields (absent token means last page);
    ``data``, when given, is the whole reply's model (see :attr:`Page.data`)."""
    token = next_page_token if isinstance(next_page_token, str) and next_page_token else None
    total = (
        int(total_count)
        if isinstance(total_count, int | str) and str(total_count).isdigit()
        else None
    )
    return Page(items=tuple(items), next_page_token=token, total_count=total, data=data)


class Reply(Generic[T]):
    """What an endpoint's successful reply holds, and how to read it into the call's result.

    Subclasses say how to read ``data`` as parsed JSON (:meth:`read`), which type pydantic
    validates ``data`` as when reading the bytes (:meth:`_wire_type`) and how that validated
    value becomes the result (:meth:`_finish`).
    """

    __slots__ = ("_bytes_reader",)

    def __init__(self) -> None:
        self._bytes_reader: Callable[[bytes], tuple[T, str | None] | None] | None = None

    def read(self, data: Any) -> T:
        """The result from the envelope's ``data`` as parsed JSON (the dict path)."""
        raise NotImplementedError

    @property
    def read_bytes(self) -> Callable[[bytes], tuple[T, str | None] | None]:
        """The bytes reader: (result, request_id) of a well-formed success, else None.

        Built on first use, not at import: building it builds the pydantic schema of every
        model the reply names.
        """
        reader = self._bytes_reader
        if reader is None:
            reader = self._bytes_reader = self._reader()
        return reader

    def _reader(self) -> Callable[[bytes], tuple[T, str | None] | None]:
        from .envelope import typed_reply

        return typed_reply(self._wire_type(), self._finish)

    def _wire_type(self) -> Any:
        return Any

    def _finish(self, data: Any) -> T:
        return self.read(data)


def _data_model(model: Any, key: str) -> Any:
    from pydantic import create_model

    fields: dict[str, Any] = {
        "next_page_token": (Any, None),
        "total_count": (Any, None),
        key: (list[model] | None, None),
    }
    return create_model(f"_{model.__name__}Items", **fields)


def _views(model: Any, items: Any) -> list[Any]:
    """Views over parsed JSON objects; in strict mode each is validated whole first."""
    if is_strict():
        validate = model.pydantic_model().model_validate
        for item in items:
            validate(item)
    make = model.reader()
    return [make(item) for item in items]


def view_reply(
    model: Any, finish: Callable[[Any, Any], T], key: str | None = None
) -> Callable[[bytes], tuple[T, str | None] | None]:
    """A ``parse_reply`` for a view model: ``from_json``, then one view per object.

    ``key`` names the list of objects in ``data`` (None: ``data`` is the object); ``finish``
    takes (the views or view, ``data``). It takes what :func:`~.envelope.typed_reply` takes:
    a success (an integer ``code`` 0) whose ``data`` is an object or absent, whose list is a
    list of objects or absent, each with its required fields and well-typed text, flags and
    counts (the rest is checked when read); anything else gives None, and the reply goes the
    usual way, which raises the right error.
    """
    from pydantic_core import from_json

    from .collector import collector_paused  # here, not at import: the client starts faster

    make = model.reader()

    def parse(raw: bytes) -> tuple[T, str | None] | None:
        with collector_paused():  # CPU only: see .collector
            return read(raw)

    def read(raw: bytes) -> tuple[T, str | None] | None:
        try:
            payload = from_json(raw)
        except ValueError:
            return None
        if type(payload) is not dict:
            return None
        code = payload.get("code")
        if type(code) is not int or code != 0:
            return None
        data = payload.get("data")
        if data is not None and type(data) is not dict:
            return None
        try:
            if key is None:
                result = finish(make(data if data is not None else {}), data)
            else:
                items = None if data is None else data.get(key)
                if items is not None and type(items) is not list:
                    return None
                result = finish([make(item) for item in items or ()], data)
        except (ValueError, TypeError):  # MalformedFieldError included
            return None
        request_id = payload.get("request_id")
        return result, None if request_id is None else str(request_id)

    return parse


class Items(Reply[T]):
    """A list of ``model`` under ``data[key]``: a :class:`Page` for a search, else a list."""

    __slots__ = ("_model", "key", "page")

    @overload
    def __init__(
        self: Items[Page[M]], model: type[M], key: str, *, page: Literal[True] = ...
    ) -> None: ...
    @overload
    def __init__(
        self: Items[list[M]], model: type[M], key: str, *, page: Literal[False]
    ) -> None: ...
    def __init__(self, model: type[Any], key: str, *, page: bool = True) -> None:
        super().__init__()
        self._model = model
        self.key = key
        self.page = page

    @property
    def model(self) -> Any:
        """The items' model class (imported now when the shape was given a :class:`ModelRef`)."""
        return _resolve(self._model)

    def read(self, data: Any) -> T:
        """The items (a Page with TikTok's paging fields, or a list) from ``data``."""
        data = data or {}
        model = self.model
        raw = data.get(self.key) or []
        if is_view(model):
            items = _views(model, raw)
        else:
            items = [model.model_validate(x) for x in raw]
        if not self.page:
            return items  # type: ignore[return-value]
        return page_of(items, data.get("next_page_token"), data.get("total_count"))  # type: ignore[return-value]

    def _reader(self) -> Callable[[bytes], tuple[T, str | None] | None]:
        if not is_view(self.model):
            return super()._reader()
        finish: Callable[[Any, Any], Any] = _finish_page if self.page else _just_items
        return view_reply(self.model, finish, self.key)

    def _wire_type(self) -> Any:
        return _data_model(self.model, self.key)

    def _finish(self, data: Any) -> T:
        items = (getattr(data, self.key) or []) if data is not None else []
        if not self.page:
            return list(items)  # type: ignore[return-value]
        if data is None:
            return page_of(items, None, None)  # type: ignore[return-value]
        return page_of(items, data.next_page_token, data.total_count)  # type: ignore[return-value]

    def __repr__(self) -> str:
        page = "" if self.page else ", page=False"
        return f"Items({self._model.__name__}, {self.key!r}{page})"


def _just_items(items: list[Any], data: Any) -> list[Any]:
    return items


def _finish_page(items: list[Any], data: Any) -> Page[Any]:
    if data is None:
        return page_of(items, None, None)
    return page_of(items, data.get("next_page_token"), data.get("total_count"))


class One(Reply[T]):
    """``data`` itself is one ``model`` (an absent ``data`` reads as ``{}``).

    ``then`` turns the model into the result, e.g. a token reply into the stored TokenSet.
    """

    __slots__ = ("_model", "then")

    @overload
    def __init__(self: One[M], model: type[M]) -> None: ...
    @overload
    def __init__(self: One[R], model: type[M], *, then: Callable[[M], R]) -> None: ...
    def __init__(self, model: type[Any], *, then: Callable[[Any], Any] | None = None) -> None:
        super().__init__()
        self._model = model
        self.then = then

    @property
    def model(self) -> Any:
        """The model class (imported now when the shape was given a :class:`ModelRef`)."""
        return _resolve(self._model)

    def read(self, data: Any) -> T:
        """The model validated from ``data``."""
        model = self.model
        if is_view(model):
            (value,) = _views(model, [data or {}])
        else:
            value = model.model_validate(data or {})
        result: T = value if self.then is None else self.then(value)
        return result

    def _reader(self) -> Callable[[bytes], tuple[T, str | None] | None]:
        if not is_view(self.model):
            return super()._reader()
        return view_reply(self.model, lambda view, _data: self._finish(view))

    def _wire_type(self) -> Any:
        return self.model

    def _finish(self, data: Any) -> T:
        value = data if data is not None else self.model.model_validate({})
        result: T = value if self.then is None else self.then(value)
        return result

    def __repr__(self) -> str:
        return f"One({self._model.__name__})"


class Headed(Reply[Page[Any]]):
    """``data`` is one ``model`` whose ``key`` holds a page of items, beside fields about the
    whole result that come on every page (a statement's totals, the sums of every page).

    Read as a :class:`Page` of the items whose :attr:`Page.data` is the model itself, so a
    pager walks the items and each page still carries the totals.
    """

    __slots__ = ("_model", "key")

    def __init__(self, model: type[Any], key: str) -> None:
        super().__init__()
        self._model = model
        self.key = key

    @property
    def model(self) -> Any:
        """The model class (imported now when the shape was given a :class:`ModelRef`)."""
        return _resolve(self._model)

    def read(self, data: Any) -> Page[Any]:
        """The items of ``data[key]`` as a Page, with the validated model as its ``data``."""
        return self._finish(self.model.model_validate(data or {}))

    def _wire_type(self) -> Any:
        return self.model

    def _finish(self, data: Any) -> Page[Any]:
        value = data if data is not None else self.model.model_validate({})
        return page_of(
            getattr(value, self.key) or [],
            getattr(value, "next_page_token", None),
            getattr(value, "total_count", None),
            data=value,
        )

    def __repr__(self) -> str:
        return f"Headed({self._model.__name__}, {self.key!r})"


class Nested(Reply[list[M]]):
    """Items grouped under parents, read as one ``model`` per inner item.

    TikTok's Inventory Search answers ``inventory[{product_id, skus[{id, ...}]}]``: with
    ``Nested(InventoryRecord, "inventory", "skus", carry={"product_id": "product_id"},
    rename={"id": "sku_id"})`` each SKU becomes a record holding its product's id.
    """

    __slots__ = ("_model", "carry", "inner", "key", "rename")

    def __init__(
        self,
        model: type[M],
        key: str,
        inner: str,
        *,
        carry: Mapping[str, str],
        rename: Mapping[str, str],
    ) -> None:
        super().__init__()
        self._model = model
        self.key = key
        self.inner = inner
        self.carry = dict(carry)
        self.rename = dict(rename)

    @property
    def model(self) -> Any:
        """The records' model class (imported now when given a :class:`ModelRef`)."""
        return _resolve(self._model)

    def read(self, data: Any) -> list[M]:
        """One model per inner item, with the parent's ``carry`` fields."""
        model = self.model
        records = []
        for entry in (data or {}).get(self.key) or []:
            carried = {field: entry.get(source, "") for source, field in self.carry.items()}
            for item in entry.get(self.inner) or []:
                fields = {k: v for k, v in item.items() if k not in self.rename}
                renamed = {field: item.get(source, "") for source, field in self.rename.items()}
                records.append(model.model_validate({**fields, **carried, **renamed}))
        return records

    def __repr__(self) -> str:
        return f"Nested({self._model.__name__}, {self.key!r}, {self.inner!r})"


class _Raw(Reply[dict[str, Any]]):
    __slots__ = ()

    def read(self, data: Any) -> dict[str, Any]:
        """``data`` as a plain dict (``{}`` when absent)."""
        return dict(data or {})

    def __repr__(self) -> str:
        return "Raw"


class _Nothing(Reply[None]):
    __slots__ = ()

    def read(self, data: Any) -> None:
        """None: the reply's ``data`` says nothing the caller needs."""

    def __repr__(self) -> str:
        return "Nothing"


#: ``data`` handed back as a plain dict (for replies the SDK does not model).
Raw: Reply[dict[str, Any]] = _Raw()
#: A reply whose ``data`` is empty or says nothing: the call returns None.
Nothing: Reply[None] = _Nothing()
