"""Base pieces for wire models: lenient by default, strict on request.

Wire models keep unknown fields (``model_extra``) and unknown enum values (an :class:`OpenEnum`
member whose ``is_known`` is false) so that a new TikTok field or status never crashes a host.
Inside :func:`strict_models` the same input fails loudly instead: our own tests run that way so
schema drift is caught in CI.
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any, ClassVar, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, ValidationError
from typing_extensions import Self

from .display import display_args

__all__ = [
    "Money",
    "OpenEnum",
    "OptionalBool",
    "OptionalMoney",
    "OptionalTimestamp",
    "SchemaDriftError",
    "Timestamp",
    "WireModel",
    "is_strict",
    "strict_models",
]

_UTC = timezone.utc
_fromtimestamp = datetime.fromtimestamp
_Decimal = Decimal
_ZERO = Decimal("0")

_STRICT: ContextVar[bool] = ContextVar("tiktokshop_sync_strict_models", default=False)


class SchemaDriftError(ValueError):
    """Raised in strict mode when a payload has a field or enum value the models do not know."""


# Tracebacks and pickles name the public path, tiktokshop_sync.errors.SchemaDriftError.
SchemaDriftError.__module__ = "tiktokshop_sync.errors"


def is_strict() -> bool:
    """Whether wire models currently reject unknown fields and enum values."""
    return _STRICT.get()


@contextlib.contextmanager
def strict_models(enabled: bool = True) -> Iterator[None]:
    """Within this block, unknown fields and enum values raise instead of being kept."""
    token = _STRICT.set(enabled)
    try:
        yield
    finally:
        _STRICT.reset(token)


class OpenEnum(str, Enum):
    """A string enum that keeps values it does not know instead of failing.

    An unknown value becomes a pseudo-member named ``UNKNOWN`` that compares equal to its raw
    string, so ``order.status == "NEW_STATUS"`` still works and nothing is lost.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str) or is_strict():
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @property
    def is_known(self) -> bool:
        """False for a value TikTok sent that this version of the SDK does not list."""
        return self._name_ != "UNKNOWN"

    def __str__(self) -> str:
        return str(self.value)


class WireModel(BaseModel):
    """Base for every TikTok payload model: unknown fields kept, immutable, populated by name.

    In strict mode, validating a model (``model_validate``, ``model_validate_json``,
    ``model_validate_strings`` or the constructor) raises a :class:`~pydantic.ValidationError`
    with a :class:`SchemaDriftError` for each model in it that has unknown fields, at any depth.

    ``repr()``/``str()`` show ids, statuses, counts and amounts, never a buyer's personal data
    (``masked_fields``, ``repr_fields``); ``model_dump()`` stays complete: it is data export.
    """

    # hide_input_in_errors: a ValidationError's text would otherwise quote the payload, which
    # may hold a buyer's name or address (the input stays on the error's .errors()).
    model_config = ConfigDict(
        extra="allow", frozen=True, populate_by_name=True, hide_input_in_errors=True
    )

    #: Personal fields a repr shows as ``'***'`` when set, so a reader can tell held from
    #: withheld data (other personal fields are left out of the repr altogether).
    masked_fields: ClassVar[frozenset[str]] = frozenset()
    #: The fields a repr shows, text included (never personal ones); None shows every id,
    #: status, count and amount. Other fields, and fields added later, are left out.
    repr_fields: ClassVar[tuple[str, ...] | None] = None

    def __repr_args__(self) -> Any:
        """What ``repr``, ``str``, rich and devtools show: ids, statuses, counts, amounts."""
        return display_args(self)

    # Strict mode is checked once per top-level parse, after pydantic is done, by walking the
    # result (an after-validator on every model cost a Python call per nested model even when
    # not strict). So a wire model validated inside some other type, say by
    # ``TypeAdapter(list[Order])``, is not checked.

    def __init__(self, /, **data: Any) -> None:
        """Validate ``data`` into this model (raises ``ValidationError``)."""
        super().__init__(**data)
        if _STRICT.get():
            _reject_unknown_fields(self, data)

    # As pydantic marks BaseModel's and RootModel's own __init__: validation is BaseModel's, so
    # pydantic still builds nested models without calling this (which would cost a Python call
    # per nested model); only constructing a model directly runs it.
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        """Validate a Python object (a dict from the wire) into this model."""
        model = super().model_validate(obj, **kwargs)
        if _STRICT.get():
            _reject_unknown_fields(model, obj)
        return model

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **kwargs: Any) -> Self:
        """Validate JSON text into this model."""
        model = super().model_validate_json(json_data, **kwargs)
        if _STRICT.get():
            _reject_unknown_fields(model, _json_or_none(json_data))
        return model

    @classmethod
    def model_validate_strings(cls, obj: Any, **kwargs: Any) -> Self:
        """Validate an object whose leaves are strings into this model."""
        model = super().model_validate_strings(obj, **kwargs)
        if _STRICT.get():
            _reject_unknown_fields(model, obj)
        return model


_Loc = tuple[int | str, ...]


def _reject_unknown_fields(model: WireModel, raw: Any) -> None:
    """Raise a ValidationError for each wire model within ``model`` that has unknown fields.

    The errors are those the former per-model validator raised: a ``value_error`` with a
    :class:`SchemaDriftError` located at the model, whose input is the model's raw input. A
    model whose nested models drifted is not reported itself (its validation would have
    stopped at theirs).
    """
    drifted: list[tuple[_Loc, WireModel]] = []
    _collect_drift(model, (), drifted)
    if not drifted:
        return
    line_errors: list[Any] = []  # of pydantic_core.InitErrorDetails
    for loc, sub in drifted:
        names = ", ".join(sorted(sub.__pydantic_extra__ or ()))
        error = SchemaDriftError(f"{type(sub).__name__} got unknown field(s): {names}")
        line_errors.append(
            {
                "type": "value_error",
                "loc": loc,
                "input": _at(raw, loc, sub),
                "ctx": {"error": error},
            }
        )
    # hide_input: the raw input may hold a buyer's name or address (still in .errors()).
    raise ValidationError.from_exception_data(type(model).__name__, line_errors, hide_input=True)


def _collect_drift(value: Any, loc: _Loc, drifted: list[tuple[_Loc, WireModel]]) -> bool:
    """Add the wire models within ``value`` that have unknown fields; whether there were any.

    Only fields whose type names a wire model are followed: a model instance inside an ``Any``
    or ``dict[str, object]`` field was never validated as a model, so it is not checked either.
    """
    found = False
    if isinstance(value, WireModel):
        for name in _model_fields(type(value)):
            found = _collect_drift(getattr(value, name), (*loc, name), drifted) or found
        if not found and value.__pydantic_extra__:
            drifted.append((loc, value))
            found = True
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _collect_drift(item, (*loc, index), drifted) or found
    elif isinstance(value, dict):
        for key, item in value.items():
            found = _collect_drift(item, (*loc, key), drifted) or found
    return found


@functools.cache
def _model_fields(cls: type[WireModel]) -> tuple[str, ...]:
    """Names of the fields of ``cls`` whose type mentions a wire model."""
    return tuple(name for name, field in cls.model_fields.items() if _names_model(field.annotation))


def _names_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, WireModel):
        return True
    return any(_names_model(arg) for arg in get_args(annotation))


def _at(raw: Any, loc: _Loc, default: Any) -> Any:
    """The part of the raw input at ``loc``, or ``default`` when it cannot be found there."""
    for key in loc:
        try:
            raw = raw[key]
        except (LookupError, TypeError):
            return default
    return raw


def _json_or_none(json_data: str | bytes | bytearray) -> Any:
    try:
        return json.loads(json_data)
    except (ValueError, RecursionError):
        return None


def _to_utc(value: Any) -> Any:
    """Unix seconds (int or digit string) to an aware UTC datetime; 0 or "" means absent.

    Called for every timestamp, so the common case (a non-zero ``int``, never a ``bool``) is
    answered first; it gives what :func:`_to_utc_general` gives.
    """
    if type(value) is int and value:
        try:
            return _fromtimestamp(value, _UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise ValueError(f"timestamp out of range: {value!r}") from exc
    return _to_utc_general(value)


def _to_utc_general(value: Any) -> Any:
    """The rules for a timestamp; what is not handled here is left to pydantic's datetime."""
    if value is None or value == "" or value == 0 or value == "0":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if isinstance(value, bool):
        raise ValueError("a timestamp cannot be a boolean")
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc)
        except (OverflowError, OSError, ValueError) as exc:
            raise ValueError(f"timestamp out of range: {value!r}") from exc
    return value


def _to_decimal(value: Any) -> Any:
    """Money arrives as strings ("1500", "21.3"); empty means absent. Never via float.

    Called for every amount, so the common case (a ``str`` that is a finite decimal) is
    answered first; it gives what :func:`_to_decimal_general` gives, since ``Decimal`` strips
    the same whitespace as ``str.strip``. Anything else, errors included, is left to that.
    """
    if type(value) is str:
        if value == "0":  # most fee and discount fields; Decimal is immutable, so one will do
            return _ZERO
        try:
            amount = _Decimal(value)
        except InvalidOperation:
            return _to_decimal_general(value)
        if amount.is_finite():
            return amount
    return _to_decimal_general(value)


def _to_decimal_general(value: Any) -> Any:
    """The rules for an amount; what is not handled here is left to pydantic's Decimal."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("an amount cannot be a boolean")
    if isinstance(value, int | str):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation as exc:
            raise ValueError(f"not a decimal amount: {value!r}") from exc
        if not amount.is_finite():
            raise ValueError(f"not a finite amount: {value!r}")
        return amount
    return value


#: An aware UTC datetime parsed from TikTok's Unix seconds.
Timestamp = Annotated[
    datetime,
    BeforeValidator(_to_utc),
    PlainSerializer(lambda d: int(d.timestamp()), return_type=int, when_used="json"),
]

#: A decimal amount parsed from TikTok's money strings.
Money = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    PlainSerializer(lambda d: str(d), return_type=str, when_used="json"),
]


def _seconds_or_none(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _text_or_none(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# The optional forms convert before the None check, so "" (an amount) and 0 or "" (a time),
# which TikTok sends for "absent", become None instead of failing the whole reply.

#: An aware UTC datetime or None: 0, "0", "" and null all mean absent.
OptionalTimestamp = Annotated[
    datetime | None,
    BeforeValidator(_to_utc),
    PlainSerializer(
        lambda d: None if d is None else int(d.timestamp()),
        return_type=int | None,
        when_used="json",
    ),
]

#: A decimal amount or None: "" and null mean absent.
OptionalMoney = Annotated[
    Decimal | None,
    BeforeValidator(_to_decimal),
    PlainSerializer(
        lambda d: None if d is None else str(d), return_type=str | None, when_used="json"
    ),
]


def _to_bool(value: Any) -> Any:
    """A flag TikTok may send as a string ("true ", "FALSE"); "" means absent."""
    if type(value) is str:
        text = value.strip().lower()
        if text in ("true", "false"):
            return text == "true"
        if not text:
            return None
    return value


#: A boolean or None, also read from TikTok's padded strings: Search Returns' official example
#: sends ``"is_combined_return": "true "`` (api/return-and-refund/search-returns.spec.json).
OptionalBool = Annotated[bool | None, BeforeValidator(_to_bool)]
