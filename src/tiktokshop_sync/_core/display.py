"""What a repr may show: ids, statuses, counts and amounts; personal data masked or left out.

Buyer names, phones, addresses, e-mails and messages are personal information under Japan's
APPI (個人情報保護法); anyone who logs ``%r`` or whose error reporter captures locals would
otherwise copy them. So a wire model's repr is built from an allow-list: it shows a field when
its kind cannot carry a person's data (an id, a status or type, a count, an amount, a flag, a
nested model shown by the same rules), or when the model lists it in ``repr_fields`` (which also
keeps a large model's repr short); it shows ``'***'`` for a set field listed in
``masked_fields``. Any other field, including fields added later and unknown fields TikTok starts
sending, is left out. Every value stays reachable as an attribute and in ``model_dump()``.
Containers show a count and their first ids. Times are left out: they are safe, but a repr
with a dozen of them is no longer readable.

Pure standard library, so the client core and the workflows use the same helpers.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final, TypeGuard

__all__ = [
    "MASK",
    "Displayed",
    "Shown",
    "display_args",
    "ident",
    "masked",
    "shows_text",
    "summary",
]

MASK: Final = "***"
"""What a personal value shows as in a repr."""

#: How many ids a container summary lists before "…".
FIRST_IDS: Final = 3
#: The longest text a summary lists as an id.
_SHORT: Final = 40

_TEXT_SUFFIXES: Final = ("_id", "_ids", "_id_list", "_status", "_type")
# Codes that are ids by another name, or carry no person's data.
_TEXT_NAMES: Final = frozenset(
    {"id", "ids", "status", "type", "currency", "region_code", "seller_sku", "tracking_number"}
)


class Shown:
    """Text that reprs as itself, so a summary is not quoted like a string."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def masked(value: object) -> str:
    """A repr for a personal value: ``'***'`` when it holds something, else the empty value.

    Use it as an attrs field's ``repr=``; an empty value stays visible because whether TikTok
    withheld a field is worth seeing.
    """
    held = any(value) if _is_sequence(value) else bool(value)
    return repr(MASK) if held else repr(value)


def shows_text(name: str) -> bool:
    """Whether a text field of this name is an id, a status or a type (shown as is)."""
    return name in _TEXT_NAMES or name.endswith(_TEXT_SUFFIXES)


def ident(item: object) -> str | None:
    """The id of a model or value: its first non-empty text field named ``id`` or ``*_id``.

    A row such as ``(order_id, version, status)`` gives its first text, and a short text (a
    seller SKU) itself.
    """
    if isinstance(item, str):
        return item if len(item) <= _SHORT else None
    if _is_sequence(item) and isinstance(item, tuple) and item and isinstance(item[0], str):
        return item[0]
    for name in _field_names(type(item)):
        if name == "id" or name.endswith("_id"):
            value = getattr(item, name, None)
            if isinstance(value, str) and value:
                return value
    return None


def _is_sequence(value: object) -> TypeGuard[tuple[Any, ...] | list[Any]]:
    """Whether ``value`` is a list or a tuple of values, not a model stored as a tuple (an
    order is a ``CompactView``: its tuple is storage, and it is shown by its fields)."""
    return isinstance(value, tuple | list) and not hasattr(type(value), "model_fields")


def summary(items: Iterable[Any]) -> str:
    """``<N Kind: id, id, id, …>``: how many, of what, and the first few ids."""
    items = tuple(items)
    kinds = {type(item).__name__ for item in items}
    kind = kinds.pop() if len(kinds) == 1 else "items"
    ids = [i for i in (ident(item) for item in items[:FIRST_IDS]) if i is not None]
    if not ids:
        return f"<{len(items)} {kind}>"
    more = ", …" if len(items) > len(ids) else ""
    return f"<{len(items)} {kind}: {', '.join(ids)}{more}>"


def display_args(model: Any) -> Iterator[tuple[str | None, Any]]:
    """The (name, value) pairs a wire model's repr shows, by the rules in the module docstring."""
    cls = type(model)
    masked_names: frozenset[str] = getattr(cls, "masked_fields", frozenset())
    chosen: tuple[str, ...] | None = getattr(cls, "repr_fields", None)
    for name, field in cls.model_fields.items():
        if not field.repr:
            continue
        # getattr with a default: a model_construct()ed model may lack a field, and a repr
        # must not raise (a lazy view raises ValueError for a malformed value when read).
        try:
            value = getattr(model, name, None)
        except ValueError:
            continue
        if name in masked_names:
            if not _is_default(value):
                yield name, MASK
            continue
        if chosen is not None and name not in chosen:
            continue
        if _is_default(value):
            continue
        shown = _shown(name, value, chosen is not None)
        if shown is not None:
            yield name, shown


def _shown(name: str, value: Any, text: bool) -> Any:
    """The value to show for a field, or None to leave it out."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, str):
        return value if text or shows_text(name) else None
    if isinstance(value, datetime | date):
        return None
    if hasattr(type(value), "model_fields"):
        return value  # a nested model: its own repr follows the same rules
    if isinstance(value, list | tuple | frozenset | set):
        return _shown_many(name, tuple(value), text)
    if isinstance(value, Mapping):
        return Shown(f"<{len(value)} keys>")
    return None


def _shown_many(name: str, values: tuple[Any, ...], text: bool) -> Any:
    if all(isinstance(v, enum.Enum) for v in values):
        return tuple(v.value for v in values)
    if all(isinstance(v, str) for v in values) and not (text or shows_text(name)):
        return Shown(f"<{len(values)} str>")
    return Shown(summary(values))


def _is_default(value: Any) -> bool:
    """Whether a value says nothing: absent, empty, false, or a zero amount (most fees)."""
    if isinstance(value, Decimal | list | tuple | dict | frozenset | set):
        return not value
    return value is None or value == "" or value is False


def _field_names(cls: type) -> tuple[str, ...]:
    fields = getattr(cls, "model_fields", None)
    if isinstance(fields, dict):
        return tuple(fields)
    attributes = getattr(cls, "__attrs_attrs__", None)
    if attributes is not None:
        return tuple(a.name for a in attributes)
    return ()


class Displayed:
    """``repr``, ``str`` and the devtools and rich hooks, from :func:`display_args`.

    What pydantic's models show through ``__repr_args__``, for classes that are not pydantic
    models (the lazy wire views), in the same format.
    """

    __slots__ = ()

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """What ``repr``, ``str``, rich and devtools show: ids, statuses, counts, amounts."""
        return display_args(self)

    def __repr_str(self, join: str) -> str:
        return join.join(
            repr(value) if name is None else f"{name}={value!r}"
            for name, value in self.__repr_args__()
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.__repr_str(', ')})"

    def __str__(self) -> str:
        return self.__repr_str(" ")

    def __pretty__(self, fmt: Callable[[Any], Any], **kwargs: Any) -> Iterator[Any]:
        """devtools' hook (https://python-devtools.helpmanual.io/)."""
        yield type(self).__name__ + "("
        yield 1
        for name, value in self.__repr_args__():
            if name is not None:
                yield name + "="
            yield fmt(value)
            yield ","
            yield 0
        yield -1
        yield ")"

    def __rich_repr__(self) -> Iterator[Any]:
        """rich's hook (https://rich.readthedocs.io/en/stable/pretty.html)."""
        for name, value in self.__repr_args__():
            yield value if name is None else (name, value)
