"""How wire values become Python values, without importing pydantic.

TikTok sends amounts as strings (``"1500"``), times as Unix seconds and enum values it may
extend at any time. The rules that read them live here, once: the pydantic models
(:mod:`~tiktokshop_sync._core.models`) apply them through the ``Annotated`` markers below,
which build their pydantic schema only when pydantic asks for it, and the lazy views
(:mod:`~tiktokshop_sync._core.views`) call them when a field is first read. So the client, its
reply readers and the views load without pydantic.

Strict mode (:func:`strict_models`) is a context switch read at validation time: our own tests
run inside it so that schema drift fails loudly in CI.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

__all__ = [
    "Conversion",
    "Money",
    "OpenEnum",
    "OptionalBool",
    "OptionalMoney",
    "OptionalTimestamp",
    "SchemaDriftError",
    "Timestamp",
    "is_strict",
    "open_member",
    "strict_models",
]

E = TypeVar("E", bound=Enum)

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


def open_member(cls: type[E], value: str) -> E:
    """The pseudo-member ``UNKNOWN`` of an :class:`OpenEnum` for a value it does not list."""
    new: Any = str.__new__  # a str-valued enum's member is a str made by str.__new__
    member: E = new(cls, value)
    member._name_ = "UNKNOWN"
    member._value_ = value
    return member


class OpenEnum(str, Enum):
    """A string enum that keeps values it does not know instead of failing.

    An unknown value becomes a pseudo-member named ``UNKNOWN`` that compares equal to its raw
    string, so ``order.status == "NEW_STATUS"`` still works and nothing is lost.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str) or is_strict():
            return None
        return open_member(cls, value)

    @property
    def is_known(self) -> bool:
        """False for a value TikTok sent that this version of the SDK does not list."""
        return self._name_ != "UNKNOWN"

    def __str__(self) -> str:
        return str(self.value)


def seconds_to_utc(value: int) -> datetime | None:
    """A timestamp's common case: non-zero Unix seconds as an aware UTC datetime; None for 0
    or out of range, which the general rules decide (the views call it on first read too)."""
    if value:
        try:
            return _fromtimestamp(value, _UTC)
        except (OverflowError, OSError, ValueError):
            return None
    return None


def _to_utc(value: Any) -> Any:
    """Unix seconds (int or digit string) to an aware UTC datetime; 0 or "" means absent.

    Called for every timestamp, so the common case (a non-zero ``int``, never a ``bool``) is
    answered first; it gives what :func:`_to_utc_general` gives.
    """
    if type(value) is int:
        result = seconds_to_utc(value)
        if result is not None:
            return result
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


def text_to_decimal(value: str) -> Decimal | None:
    """An amount's common case: text holding a finite decimal as a ``Decimal``; None for
    anything the general rules decide (the views call it on first read too).

    A shop's amounts repeat (catalogue prices, shipping fees, ``"0"`` for most fees and
    discounts), and ``Decimal`` is immutable: the value for a text is shared, from a table of
    at most :data:`_MAX_AMOUNTS` texts that starts over when full (a lookup is about a fifth
    of parsing the text again, and held orders share the objects).
    """
    amount = _AMOUNTS.get(value)
    if amount is not None:
        return amount
    try:
        amount = _Decimal(value)
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    if len(_AMOUNTS) >= _MAX_AMOUNTS:
        _AMOUNTS.clear()
        _AMOUNTS["0"] = _ZERO
    _AMOUNTS[value] = amount
    return amount


#: Amount text -> its shared ``Decimal`` (see :func:`text_to_decimal`).
_AMOUNTS: dict[str, Decimal] = {"0": _ZERO}
_MAX_AMOUNTS = 4096

#: The shared ``Decimal`` of an amount text already read, or None: the first thing
#: :func:`text_to_decimal` asks, for callers that save a Python call per amount by asking it
#: themselves (the table is cleared when full, never replaced).
known_amount: Callable[[str], Decimal | None] = _AMOUNTS.get


def _to_decimal(value: Any) -> Any:
    """Money arrives as strings ("1500", "21.3"); empty means absent. Never via float.

    Called for every amount, so the common case (a ``str`` that is a finite decimal) is
    answered first; it gives what :func:`_to_decimal_general` gives, since ``Decimal`` strips
    the same whitespace as ``str.strip``. Anything else, errors included, is left to that.
    """
    if type(value) is str:
        amount = text_to_decimal(value)
        if amount is not None:
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


def _to_bool(value: Any) -> Any:
    """A flag TikTok may send as a string ("true ", "FALSE"); "" means absent."""
    if type(value) is str:
        text = value.strip().lower()
        if text in ("true", "false"):
            return text == "true"
        if not text:
            return None
    return value


def _seconds(value: datetime) -> int:
    return int(value.timestamp())


def _seconds_or_none(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _text(value: Decimal) -> str:
    return str(value)


def _text_or_none(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class Conversion:
    """An ``Annotated`` marker: read a wire value with ``convert`` before checking its type.

    For pydantic it is a ``BeforeValidator(convert)`` plus, when ``dump`` is given, a
    ``PlainSerializer(dump, when_used="json")``; the views call ``convert`` on first read.
    ``convert`` answers what it knows and hands anything else back unchanged, to be checked
    (or coerced) against the annotated type, as pydantic does after a before-validator.
    """

    __slots__ = ("convert", "dump", "dump_type", "name")

    def __init__(
        self,
        name: str,
        convert: Callable[[Any], Any],
        dump: Callable[[Any], Any] | None = None,
        dump_type: Any = None,
    ) -> None:
        self.name = name
        self.convert = convert
        self.dump = dump
        self.dump_type = dump_type

    def __repr__(self) -> str:
        return f"Conversion({self.name})"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The schema of the annotated type, with ``convert`` run before it (pydantic's hook)."""
        from pydantic_core import core_schema

        schema = core_schema.no_info_before_validator_function(self.convert, handler(source))
        if self.dump is not None:
            schema["serialization"] = core_schema.plain_serializer_function_ser_schema(
                self.dump,
                return_schema=handler.generate_schema(self.dump_type),
                when_used="json",
            )
        return schema


TIME = Conversion("time", _to_utc, _seconds, int)
OPTIONAL_TIME = Conversion("optional time", _to_utc, _seconds_or_none, int | None)
MONEY = Conversion("money", _to_decimal, _text, str)
OPTIONAL_MONEY = Conversion("optional money", _to_decimal, _text_or_none, str | None)
FLAG = Conversion("flag", _to_bool)

#: An aware UTC datetime parsed from TikTok's Unix seconds.
Timestamp = Annotated[datetime, TIME]

#: A decimal amount parsed from TikTok's money strings.
Money = Annotated[Decimal, MONEY]

# The optional forms convert before the None check, so "" (an amount) and 0 or "" (a time),
# which TikTok sends for "absent", become None instead of failing the whole reply.

#: An aware UTC datetime or None: 0, "0", "" and null all mean absent.
OptionalTimestamp = Annotated[datetime | None, OPTIONAL_TIME]

#: A decimal amount or None: "" and null mean absent.
OptionalMoney = Annotated[Decimal | None, OPTIONAL_MONEY]

#: A boolean or None, also read from TikTok's padded strings: Search Returns' official example
#: sends ``"is_combined_return": "true "`` (api/return-and-refund/search-returns.spec.json).
OptionalBool = Annotated[bool | None, FLAG]
