"""Tables for notebooks and DataFrames: one set of rules for wire models, attrs values, pages and
plans, built on the display rules of :mod:`~tiktokshop_sync._core.display`.

**HTML** (``_repr_html_``, what Jupyter shows for a value): a compact table of exactly what the
repr shows. A wire model shows its ``__repr_args__`` (personal fields ``'***'`` or left out); an
attrs value shows each field through its ``repr=`` (``masked``, ``summary``, ``brief``…), a field
with ``repr=False`` is left out. A collection of values or models (a page's items, a plan's
deliveries) gets a table of its own, one row per item shown by the same rules, the first
:data:`HTML_ROWS` of them.

**DataFrames** (``to_pandas()`` / ``to_polars()``, the ``dataframe`` extra): flat columns chosen
per class, never per value, so every page of a search has the same columns. A column is a field
whose kind cannot carry a person's data: an id, status or type (text the repr shows), a number,
a flag, an amount, a time. Times are aware and in JST (``Asia/Tokyo``); amounts are exact
``Decimal`` (pandas: ``object`` column; polars: ``Decimal``), never float. A nested wire model
adds its columns with its name as prefix (``payment_total_amount``); a list or tuple adds its
length (``line_items_count``); a decision with a ``repr=`` callable adds that text
(``hold``: ``Hold(unpaid)``). Personal text (masked, redacted or not an id) is left out: the
frame is for analysis; ``model_dump()`` stays the complete export. A plan or report without its
own ``to_rows()`` gives one row per item of each of its collections, with a ``part`` column
naming the collection (``deliveries``, ``releases``…).

Sources stream: a pager is read page by page and each page becomes a small frame at once, so a
search of 100,000 orders never holds 100,000 order objects.

Standard library and attrs at import; pandas and polars are imported when a frame is asked for.
"""

from __future__ import annotations

import enum
import html
import importlib
import re
import sys
import typing
from collections.abc import AsyncIterable, Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from types import ModuleType, NoneType, UnionType
from typing import TYPE_CHECKING, Any, Final, Literal, Union, get_args, get_origin

import attrs

from .._exceptions import TikTokShopError
from .display import Shown, shows_text

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = [
    "HTML_ROWS",
    "JST",
    "Column",
    "DataFrameNotInstalledError",
    "FrameBuilder",
    "ItemRows",
    "Tabular",
    "async_frame",
    "columns",
    "html_table",
    "item_chunks",
    "pandas_frame",
    "polars_frame",
    "to_pandas",
    "to_polars",
    "value_chunks",
]

#: Japan Standard Time: the zone of every time a frame or table shows.
JST: Final = timezone(timedelta(hours=9), "JST")
#: The pandas / polars name of the zone of time columns.
ZONE: Final = "Asia/Tokyo"
#: How many rows an HTML table shows before "… N more".
HTML_ROWS: Final = 20
#: How many rows a frame is built from at a time (a page's items are read into lists at once).
CHUNK_ROWS: Final = 10_000
#: The longest text a table cell shows.
_CELL: Final = 120

Kind = Literal[
    "text", "int", "float", "bool", "money", "time", "date", "duration", "count", "model", "other"
]
_SCALAR: Final = frozenset({"int", "float", "bool", "money", "time", "date", "duration"})
_COLLECTIONS: Final = (tuple, list, frozenset, set)


class DataFrameNotInstalledError(TikTokShopError, ImportError):
    """pandas or polars (the ``dataframe`` extra) is not installed."""


# Tracebacks and pickles name the public path, tiktokshop_sync.errors.DataFrameNotInstalledError.
DataFrameNotInstalledError.__module__ = "tiktokshop_sync.errors"


# --- what a value shows (HTML) ---------------------------------------------------------------


def _is_model(value: object) -> bool:
    """Whether ``value`` is a wire model or view (shown by the display rules)."""
    return hasattr(type(value), "model_fields") and hasattr(value, "__repr_args__")


def _is_structured(value: object) -> bool:
    return attrs.has(type(value)) or _is_model(value)


def _is_items(value: object) -> bool:
    """A non-empty collection of values or models: a table of its own."""
    return (
        isinstance(value, _COLLECTIONS)
        and bool(value)
        and all(_is_structured(item) for item in value)
    )


def _shown(obj: Any) -> list[tuple[str, Any]]:
    """The (name, value) pairs the repr of ``obj`` shows, values not yet turned into text.

    A value is kept as it is when the repr shows it as it is; otherwise it is the repr's text
    (a :class:`~tiktokshop_sync._core.display.Shown`). A collection of values stays a
    collection, so the caller can give it a table.
    """
    if _is_model(obj):
        return [(name, value) for name, value in obj.__repr_args__() if name is not None]
    if attrs.has(type(obj)):
        pairs: list[tuple[str, Any]] = []
        for field in attrs.fields(type(obj)):
            if field.repr is False:
                continue
            value = getattr(obj, field.name)
            if callable(field.repr) and not _is_items(value):
                value = Shown(field.repr(value))
            pairs.append((field.name, value))
        return pairs
    return [("value", Shown(repr(obj)))]


def _cell(value: Any) -> str:
    """A shown value as the text of a table cell (escaped later)."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, str):
        text = value
    elif isinstance(value, datetime):
        text = (
            value.astimezone(JST).strftime("%Y-%m-%d %H:%M JST")
            if value.tzinfo is not None
            else value.isoformat(" ", "minutes")
        )
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, bool | int | float | Decimal | timedelta):
        text = str(value)
    elif isinstance(value, Shown):
        text = value.text
    elif _is_model(value):  # a nested model: what its repr shows, without the quotes
        text = ", ".join(f"{n}={_cell(v)}" for n, v in value.__repr_args__() if n is not None)
    elif isinstance(value, _COLLECTIONS) and value and all(_is_structured(v) for v in value):
        kinds = {type(v).__name__ for v in value}
        text = f"<{len(value)} {kinds.pop() if len(kinds) == 1 else 'items'}>"
    else:
        text = repr(value)  # a nested model or value: its repr follows the same rules
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _td(value: Any) -> str:
    return f"<td>{html.escape(_cell(value))}</td>"


def _rows_table(name: str, items: Sequence[Any]) -> str:
    """A table of ``items``, one row each, columns in order of first appearance."""
    shown = [dict(_shown(item)) for item in items[:HTML_ROWS]]
    columns: dict[str, None] = {}
    for row in shown:
        columns.update(dict.fromkeys(row))
    kinds = {type(item).__name__ for item in items}
    kind = kinds.pop() if len(kinds) == 1 else "items"
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(_td(row.get(c)) for c in columns) + "</tr>" for row in shown)
    more = len(items) - len(shown)
    if more > 0:
        body += f'<tr><td colspan="{max(len(columns), 1)}">… {more} more</td></tr>'
    caption = f"{html.escape(name)}: {len(items)} {html.escape(kind)}"
    return f"<table><caption>{caption}</caption><tr>{head}</tr>{body}</table>"


def html_table(obj: Any) -> str:
    """``obj`` as compact HTML tables: its shown fields, then one table per collection.

    What Jupyter displays for a wire model, page, plan, result or report; it shows what the
    repr shows, by the same rules, so personal data is ``'***'`` or left out here too.
    """
    scalars: list[tuple[str, Any]] = []
    tables: list[str] = []
    for name, value in _shown(obj):
        if _is_items(value):
            tables.append(_rows_table(name, tuple(value)))
        else:
            scalars.append((name, value))
    body = "".join(f"<tr><th>{html.escape(n)}</th>{_td(v)}</tr>" for n, v in scalars)
    head = f"<table><caption>{html.escape(type(obj).__name__)}</caption>{body}</table>"
    return f'<div class="tiktokshop-sync">{head}{"".join(tables)}</div>'


# --- columns (DataFrames) --------------------------------------------------------------------


@attrs.frozen
class Column:
    """One flat column: its name, what it holds, and how to read it from an item."""

    name: str
    kind: Kind
    read: Callable[[Any], Any] = attrs.field(eq=False)


def _members(annotation: Any) -> tuple[Any, ...]:
    """The non-None members of an annotation, ``Annotated`` unwrapped."""
    if get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, UnionType):
        return tuple(m for m in get_args(annotation) if m is not NoneType)
    return () if annotation is NoneType else (annotation,)


_TEXT_KINDS: Final[dict[str, Kind]] = {
    "str": "text",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "Decimal": "money",
    "datetime": "time",
    "date": "date",
    "timedelta": "duration",
}
_SEQUENCE_TEXT: Final = re.compile(r"^(tuple|list|frozenset|set|Sequence|Collection)\[")


def _kind(annotation: Any) -> Kind:
    """What a field of this (resolved or textual) annotation holds."""
    if isinstance(annotation, str):  # could not be resolved: read the text
        parts = [p.strip() for p in annotation.split("|") if p.strip() != "None"]
        if len(parts) == 1 and _SEQUENCE_TEXT.match(parts[0]):
            return "count"
        if len(parts) == 1 and parts[0] in _TEXT_KINDS:
            return _TEXT_KINDS[parts[0]]
        return "other"
    members = _members(annotation)
    if len(members) != 1:
        return "other"
    (member,) = members
    origin = get_origin(member)
    if origin in (tuple, list, frozenset, set) or (
        origin is not None and getattr(origin, "__name__", "") in ("Sequence", "Collection")
    ):
        return "count"
    if origin is Literal:
        return "text" if all(isinstance(a, str) for a in get_args(member)) else "other"
    if not isinstance(member, type):
        return "other"
    if issubclass(member, enum.Enum):
        return "text"
    for base, kind in (
        (bool, "bool"),
        (int, "int"),
        (float, "float"),
        (Decimal, "money"),
        (datetime, "time"),
        (date, "date"),
        (timedelta, "duration"),
        (str, "text"),
    ):
        if issubclass(member, base):
            return kind  # type: ignore[return-value]
    if hasattr(member, "model_fields"):
        return "model"
    return "other"


def _element(annotation: Any) -> Any:
    """The item type of a collection annotation (``tuple[X, ...]`` -> X); None if not known."""
    if isinstance(annotation, str):
        return None
    members = _members(annotation)
    if len(members) != 1:
        return None
    args = [a for a in get_args(members[0]) if a is not Ellipsis]
    return args[0] if len(args) == 1 else None


def _hints(cls: type) -> dict[str, Any]:
    """``cls``'s annotations resolved where they can be; a name that cannot stays text."""
    try:
        return typing.get_type_hints(cls)
    except (NameError, TypeError, AttributeError):
        pass
    module = sys.modules.get(cls.__module__)
    scope = dict(vars(module)) if module is not None else {}
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, text in getattr(klass, "__annotations__", {}).items():
            try:
                hints[name] = eval(text, scope) if isinstance(text, str) else text
            except Exception:  # a name imported only for type checkers: keep the text
                hints[name] = text
    return hints


def _plain(value: Any) -> Any:
    """A value as a frame holds it: enums as their value, times in JST."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(JST)
    return value


def _reader(name: str) -> Callable[[Any], Any]:
    def read(item: Any) -> Any:
        return _plain(getattr(item, name, None))

    return read


def _counter(name: str) -> Callable[[Any], Any]:
    def count(item: Any) -> Any:
        value = getattr(item, name, None)
        return None if value is None else len(value)

    return count


def _nested(name: str, inner: Column) -> Column:
    def read(item: Any) -> Any:
        value = getattr(item, name, None)
        return None if value is None else inner.read(value)

    return Column(f"{name}_{inner.name}", inner.kind, read)


def _texted(name: str, show: Callable[[Any], str]) -> Callable[[Any], Any]:
    def read(item: Any) -> Any:
        value = getattr(item, name, None)
        return None if value is None else show(value)

    return read


_COLUMNS: dict[tuple[type, bool], tuple[Column, ...]] = {}


def columns(cls: type, *, nested: bool = True) -> tuple[Column, ...]:
    """The flat columns of items of ``cls`` (a wire model or view, or an attrs class)."""
    found = _COLUMNS.get((cls, nested))
    if found is None:
        found = _COLUMNS[(cls, nested)] = _columns(cls, nested)
    return found


def _columns(cls: type, nested: bool) -> tuple[Column, ...]:
    if attrs.has(cls):
        return _value_columns(cls)
    fields = getattr(cls, "model_fields", None)
    if not isinstance(fields, Mapping):
        return (Column("value", "other", _plain),)
    masked: frozenset[str] = getattr(cls, "masked_fields", frozenset())
    chosen: tuple[str, ...] = getattr(cls, "repr_fields", None) or ()
    found: list[Column] = []
    for name, field in fields.items():
        if name in masked or not getattr(field, "repr", True):
            continue
        kind = _kind(field.annotation)
        if kind == "text" and not (shows_text(name) or name in chosen):
            continue  # text that may be a person's: only ids, codes and reviewed fields
        if kind == "count":
            found.append(Column(f"{name}_count", "int", _counter(name)))
        elif kind == "model":
            if nested:
                (inner,) = _members(field.annotation)
                found += [_nested(name, c) for c in columns(inner, nested=False)]
        elif kind != "other":
            found.append(Column(name, kind, _reader(name)))
    return tuple(found)


def _value_columns(cls: type) -> tuple[Column, ...]:
    """Columns of an attrs class: what its repr shows, times too (left out only for length)."""
    hints = _hints(cls)
    found: list[Column] = []
    for field in attrs.fields(cls):
        name = field.name
        kind = _kind(hints.get(name, field.type))
        if field.repr is False and kind not in ("time", "date"):
            continue
        if kind == "count":
            found.append(Column(f"{name}_count", "int", _counter(name)))
        elif kind in _SCALAR:
            found.append(Column(name, kind, _reader(name)))
        elif callable(field.repr):
            if kind != "text":  # a decision shown in a word; masked or redacted text is left out
                found.append(Column(name, "text", _texted(name, field.repr)))
        elif kind == "text":
            found.append(Column(name, "text", _reader(name)))
        elif kind == "model":
            (inner,) = _members(hints[name])
            found += [_nested(name, c) for c in columns(inner, nested=False)]
    return tuple(found)


def _structured_class(cls: Any) -> bool:
    return isinstance(cls, type) and (attrs.has(cls) or hasattr(cls, "model_fields"))


def _parts(cls: type) -> list[tuple[str, type | None]]:
    """The collection fields of an attrs class whose items are values or models.

    An item type that cannot be resolved (a name imported only for type checkers) is None:
    the first item tells.
    """
    hints = _hints(cls)
    found: list[tuple[str, type | None]] = []
    for field in attrs.fields(cls):
        if field.repr is False:
            continue
        hint = hints.get(field.name, field.type)
        if _kind(hint) != "count":
            continue
        element = _element(hint)
        if _structured_class(element):
            found.append((field.name, element))
        elif isinstance(hint, str):
            found.append((field.name, None))
    return found


@attrs.frozen
class Chunk:
    """Rows of one page (or one whole value) as columns, ready to become a small frame."""

    columns: tuple[Column, ...]
    data: dict[str, list[Any]]


def _chunk(cols: Sequence[Column], items: Iterable[Any], extra: Mapping[str, Any]) -> Chunk:
    data: dict[str, list[Any]] = {name: [] for name in extra}
    data.update({c.name: [] for c in cols})
    for item in items:
        for name, value in extra.items():
            data[name].append(value)
        for column in cols:
            data[column.name].append(column.read(item))
    return Chunk(tuple(Column(n, "text", _plain) for n in extra) + tuple(cols), data)


class ItemRows:
    """Rows of items, page after page, with the columns of the first item's class.

    A page's items are read into column lists at once (the items can go), and the lists are
    handed out as a chunk every :data:`CHUNK_ROWS` rows: one small frame per chunk costs far
    less than one per page of 100.
    """

    def __init__(self) -> None:
        self._columns: tuple[Column, ...] | None = None
        self._data: dict[str, list[Any]] = {}
        self._rows = 0

    def add(self, page: Iterable[Any]) -> Chunk | None:
        """Read one page's rows; a chunk when enough rows are waiting, else None."""
        items = list(page)
        if not items:
            return None
        if self._columns is None:
            self._columns = columns(type(items[0]))
            self._data = {c.name: [] for c in self._columns}
        for column in self._columns:
            read = column.read
            self._data[column.name] += [read(item) for item in items]
        self._rows += len(items)
        return self.flush() if self._rows >= CHUNK_ROWS else None

    def flush(self) -> Chunk | None:
        """The rows waiting, as a chunk (None when there are none)."""
        if self._columns is None or not self._rows:
            return None
        chunk = Chunk(self._columns, self._data)
        self._data = {c.name: [] for c in self._columns}
        self._rows = 0
        return chunk


def item_chunks(pages: Iterable[Iterable[Any]]) -> Iterator[Chunk]:
    """Chunks of the items of ``pages``, read page by page."""
    rows = ItemRows()
    for page in pages:
        chunk = rows.add(page)
        if chunk is not None:
            yield chunk
    last = rows.flush()
    if last is not None:
        yield last


def value_chunks(value: Any) -> Iterator[Chunk]:
    """The rows of a plan, result or report: its ``to_rows()``, its parts, or itself."""
    to_rows = getattr(value, "to_rows", None)
    if callable(to_rows):
        rows: list[Mapping[str, Any]] = list(to_rows())
        names = list(dict.fromkeys(name for row in rows for name in row))
        data = {n: [_plain(row.get(n)) for row in rows] for n in names}
        yield Chunk(tuple(Column(n, _kind_of(data[n]), _plain) for n in names), data)
        return
    parts = _parts(type(value)) if attrs.has(type(value)) else []
    if not parts:
        yield _chunk(columns(type(value)), [value], {})
        return
    classes: list[type | None] = []
    for name, element in parts:
        items = getattr(value, name)
        first = type(items[0]) if items else None
        classes.append(element or (first if _structured_class(first) else None))
    union: dict[str, Column] = {}
    for cls in classes:
        if cls is not None:
            union.update({c.name: c for c in columns(cls) if c.name not in union})
    for (name, _), cls in zip(parts, classes, strict=True):
        items = getattr(value, name)
        if not items or cls is None:
            continue
        own = {c.name: c for c in columns(cls)}
        cols = [own.get(c.name, Column(c.name, c.kind, _none)) for c in union.values()]
        yield _chunk(cols, items, {"part": name})


def _kind_of(values: Sequence[Any]) -> Kind:
    """The kind of a column of rows a value made itself, from its first value that is set."""
    first = next((v for v in values if v is not None), None)
    return "other" if first is None else _kind(type(first))


def _none(_item: Any) -> None:
    return None


# --- frames ----------------------------------------------------------------------------------


def _library(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise DataFrameNotInstalledError(
            f"to_{name}() needs {name}; install it with `pip install 'tiktokshop-sync[dataframe]'` "
            f"(or `pip install {name}`)"
        ) from exc


def _pandas_series(pd: Any, kind: Kind, values: list[Any]) -> Any:
    if kind == "time":
        times = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
        return times.dt.as_unit("us").dt.tz_convert(ZONE)
    if kind in ("int", "count"):
        return pd.Series(values, dtype="Int64")
    if kind == "bool":
        return pd.Series(values, dtype="boolean")
    if kind == "float":
        return pd.Series(values, dtype="Float64")
    if kind == "duration":
        return pd.Series(values, dtype="timedelta64[ns]")
    if kind == "text":
        return pd.Series(values, dtype="string")
    return pd.Series(values, dtype=object)  # amounts (Decimal), dates, and the rest as they are


def _polars_series(pl: Any, column: Column, values: list[Any]) -> Any:
    kind = column.kind
    if kind == "money":
        return pl.Series(column.name, values, dtype=pl.Decimal(38, _scale(values)))
    dtype = {
        "text": pl.String,
        "int": pl.Int64,
        "float": pl.Float64,
        "bool": pl.Boolean,
        "time": pl.Datetime("us", ZONE),
        "date": pl.Date,
        "duration": pl.Duration("us"),
    }.get(kind)
    if dtype is None:  # a free column: what polars takes as it is, anything else as text
        values = [
            v if v is None or isinstance(v, str | int | float | Decimal | date) else str(v)
            for v in values
        ]
        return pl.Series(column.name, values, strict=False)
    return pl.Series(column.name, values, dtype=dtype, strict=False)


def _scale(values: list[Any]) -> int:
    """The decimal places a polars Decimal column needs for ``values`` (at least 0)."""
    places = 0
    for value in values:
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int) and -exponent > places:
                places = -exponent
    return places


class FrameBuilder:
    """Builds a pandas or polars DataFrame chunk by chunk: each chunk becomes a small frame at
    once (its Python objects are dropped), and the frames are joined at the end."""

    def __init__(self, library: Literal["pandas", "polars"]) -> None:
        self.library = library
        self._module: Any = _library(library)
        self._frames: list[Any] = []

    def add(self, chunk: Chunk) -> None:
        """Turn ``chunk`` into a frame now."""
        lib = self._module
        if self.library == "pandas":
            frame = lib.DataFrame(
                {c.name: _pandas_series(lib, c.kind, chunk.data[c.name]) for c in chunk.columns}
            )
        else:
            frame = lib.DataFrame(
                [_polars_series(lib, c, chunk.data[c.name]) for c in chunk.columns]
            )
        chunk.data.clear()
        self._frames.append(frame)

    def result(self) -> Any:
        """The frames joined (an empty frame when there were none)."""
        lib, frames = self._module, self._frames
        self._frames = []
        if not frames:
            return lib.DataFrame()
        if len(frames) == 1:
            return frames[0]
        if self.library == "pandas":
            return lib.concat(frames, ignore_index=True)
        # vertical_relaxed: one page's amounts may need more decimal places than another's.
        return lib.concat(frames, how="vertical_relaxed", rechunk=False)


def pandas_frame(chunks: Iterable[Chunk]) -> pandas.DataFrame:
    """A pandas DataFrame from chunks, each made a small frame before the next is read."""
    builder = FrameBuilder("pandas")
    for chunk in chunks:
        builder.add(chunk)
    return builder.result()


def polars_frame(chunks: Iterable[Chunk]) -> polars.DataFrame:
    """A polars DataFrame from chunks, each made a small frame before the next is read."""
    builder = FrameBuilder("polars")
    for chunk in chunks:
        builder.add(chunk)
    frame: polars.DataFrame = builder.result()
    return frame


async def async_frame(
    library: Literal["pandas", "polars"], pages: AsyncIterable[Iterable[Any]]
) -> Any:
    """A DataFrame of the items of async pages, each page made a frame before the next comes."""
    builder = FrameBuilder(library)
    rows = ItemRows()
    async for page in pages:
        chunk = rows.add(page)
        if chunk is not None:
            builder.add(chunk)
    last = rows.flush()
    if last is not None:
        builder.add(last)
    return builder.result()


def _chunks_of(source: Any) -> Iterator[Chunk]:
    """Chunks of any source: a pager (page by page), a page, a value, or an iterable of items."""
    if hasattr(source, "__aiter__"):
        raise TypeError(
            f"{type(source).__name__} is async: use `await pager.to_pandas()` or "
            "`await pager.to_polars()`"
        )
    iter_pages = getattr(source, "iter_pages", None)
    if callable(iter_pages):
        return item_chunks(page.items for page in iter_pages())
    if _is_page(source):
        return item_chunks([source.items])
    if attrs.has(type(source)) or _is_model(source):
        return value_chunks(source)
    if isinstance(source, Iterable) and not isinstance(source, str | bytes | Mapping):
        return item_chunks([source])
    raise TypeError(
        f"to_pandas/to_polars take a pager, a page, a plan or report, or an iterable of orders "
        f"and other models, got {type(source).__name__}"
    )


def _is_page(source: Any) -> bool:
    """A page of a search: its items are the rows (its paging fields are not)."""
    return hasattr(source, "next_page_token") and isinstance(getattr(source, "items", None), tuple)


def to_pandas(source: Any) -> pandas.DataFrame:
    """``source`` as a pandas DataFrame: a pager (page by page), page, plan, report or items."""
    return pandas_frame(_chunks_of(source))


def to_polars(source: Any) -> polars.DataFrame:
    """``source`` as a polars DataFrame: a pager (page by page), page, plan, report or items."""
    return polars_frame(_chunks_of(source))


class Tabular:
    """Notebook display and DataFrames for a plan, result or report.

    Jupyter shows it as a table (``_repr_html_``, personal data masked as in its repr);
    ``to_pandas()`` and ``to_polars()`` (the ``dataframe`` extra) give one row per item of its
    collections, or its own ``to_rows()`` when it has them.
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return html_table(self)

    def to_pandas(self) -> pandas.DataFrame:
        """This value's rows as a pandas DataFrame (needs pandas: the ``dataframe`` extra)."""
        return pandas_frame(value_chunks(self))

    def to_polars(self) -> polars.DataFrame:
        """This value's rows as a polars DataFrame (needs polars: the ``dataframe`` extra)."""
        return polars_frame(value_chunks(self))
