"""Reply shapes as values: what a successful reply's ``data`` holds, and both ways to read it.

An endpoint says what its reply is (``Items(Order, "orders")``, ``One(Product)``, ``Nothing``)
and the shape gives both readers a :class:`~tiktokshop_sync._core.request.RequestSpec` needs:
:meth:`Reply.read` takes the envelope's ``data`` as parsed JSON (the dict path, which strict
mode always takes), and :attr:`Reply.read_bytes` takes a whole reply's bytes and validates it
straight into the result (about 1.4x faster on order pages; see
:func:`~tiktokshop_sync._core.envelope.typed_reply`). Both give the same result: the contract
tests compare them on every official response example.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, Literal, TypeVar, overload

from pydantic import BaseModel, create_model

from .envelope import typed_reply
from .pagination import Page

__all__ = ["Headed", "Items", "Nested", "Nothing", "One", "Raw", "Reply", "page_of"]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
R = TypeVar("R")

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
            reader = self._bytes_reader = typed_reply(self._wire_type(), self._finish)
        return reader

    def _wire_type(self) -> Any:
        return Any

    def _finish(self, data: Any) -> T:
        return self.read(data)


def _data_model(model: type[BaseModel], key: str) -> type[BaseModel]:
    fields: dict[str, Any] = {
        "next_page_token": (Any, None),
        "total_count": (Any, None),
        key: (list[model] | None, None),  # type: ignore[valid-type]
    }
    return create_model(f"_{model.__name__}Items", **fields)


class Items(Reply[T]):
    """A list of ``model`` under ``data[key]``: a :class:`Page` for a search, else a list."""

    __slots__ = ("key", "model", "page")

    @overload
    def __init__(
        self: Items[Page[M]], model: type[M], key: str, *, page: Literal[True] = ...
    ) -> None: ...
    @overload
    def __init__(
        self: Items[list[M]], model: type[M], key: str, *, page: Literal[False]
    ) -> None: ...
    def __init__(self, model: type[BaseModel], key: str, *, page: bool = True) -> None:
        super().__init__()
        self.model = model
        self.key = key
        self.page = page

    def read(self, data: Any) -> T:
        """The items (a Page with TikTok's paging fields, or a list) from ``data``."""
        data = data or {}
        items = [self.model.model_validate(x) for x in data.get(self.key) or []]
        if not self.page:
            return items  # type: ignore[return-value]
        return page_of(items, data.get("next_page_token"), data.get("total_count"))  # type: ignore[return-value]

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
        return f"Items({self.model.__name__}, {self.key!r}{page})"


class One(Reply[T]):
    """``data`` itself is one ``model`` (an absent ``data`` reads as ``{}``).

    ``then`` turns the model into the result, e.g. a token reply into the stored TokenSet.
    """

    __slots__ = ("model", "then")

    @overload
    def __init__(self: One[M], model: type[M]) -> None: ...
    @overload
    def __init__(self: One[R], model: type[M], *, then: Callable[[M], R]) -> None: ...
    def __init__(self, model: type[BaseModel], *, then: Callable[[Any], Any] | None = None) -> None:
        super().__init__()
        self.model = model
        self.then = then

    def read(self, data: Any) -> T:
        """The model validated from ``data``."""
        value = self.model.model_validate(data or {})
        return value if self.then is None else self.then(value)  # type: ignore[return-value]

    def _wire_type(self) -> Any:
        return self.model

    def _finish(self, data: Any) -> T:
        value = data if data is not None else self.model.model_validate({})
        return value if self.then is None else self.then(value)  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"One({self.model.__name__})"


class Headed(Reply[Page[Any]]):
    """``data`` is one ``model`` whose ``key`` holds a page of items, beside fields about the
    whole result that come on every page (a statement's totals, the sums of every page).

    Read as a :class:`Page` of the items whose :attr:`Page.data` is the model itself, so a
    pager walks the items and each page still carries the totals.
    """

    __slots__ = ("key", "model")

    def __init__(self, model: type[BaseModel], key: str) -> None:
        super().__init__()
        self.model = model
        self.key = key

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
        return f"Headed({self.model.__name__}, {self.key!r})"


class Nested(Reply[list[M]]):
    """Items grouped under parents, read as one ``model`` per inner item.

    TikTok's Inventory Search answers ``inventory[{product_id, skus[{id, ...}]}]``: with
    ``Nested(InventoryRecord, "inventory", "skus", carry={"product_id": "product_id"},
    rename={"id": "sku_id"})`` each SKU becomes a record holding its product's id.
    """

    __slots__ = ("carry", "inner", "key", "model", "rename")

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
        self.model = model
        self.key = key
        self.inner = inner
        self.carry = dict(carry)
        self.rename = dict(rename)

    def read(self, data: Any) -> list[M]:
        """One model per inner item, with the parent's ``carry`` fields."""
        records = []
        for entry in (data or {}).get(self.key) or []:
            carried = {field: entry.get(source, "") for source, field in self.carry.items()}
            for item in entry.get(self.inner) or []:
                fields = {k: v for k, v in item.items() if k not in self.rename}
                renamed = {field: item.get(source, "") for source, field in self.rename.items()}
                records.append(self.model.model_validate({**fields, **carried, **renamed}))
        return records

    def __repr__(self) -> str:
        return f"Nested({self.model.__name__}, {self.key!r}, {self.inner!r})"


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
