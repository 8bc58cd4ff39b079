"""Base pieces for wire models: lenient by default, strict on request.

Wire models keep unknown fields (``model_extra``) and unknown enum values (an :class:`OpenEnum`
member whose ``is_known`` is false) so that a new TikTok field or status never crashes a host.
Inside :func:`strict_models` the same input fails loudly instead: our own tests run that way so
schema drift is caught in CI.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, model_validator
from typing_extensions import Self

__all__ = [
    "Money",
    "OpenEnum",
    "SchemaDriftError",
    "Timestamp",
    "WireModel",
    "is_strict",
    "strict_models",
]

_STRICT: ContextVar[bool] = ContextVar("tiktokshop_sync_strict_models", default=False)


class SchemaDriftError(ValueError):
    """Raised in strict mode when a payload has a field or enum value the models do not know."""


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
    """Base for every TikTok payload model: unknown fields kept, immutable, populated by name."""

    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _reject_unknown_fields_when_strict(self) -> Self:
        if is_strict() and self.model_extra:
            names = ", ".join(sorted(self.model_extra))
            raise SchemaDriftError(f"{type(self).__name__} got unknown field(s): {names}")
        return self


def _to_utc(value: Any) -> Any:
    """Unix seconds (int or digit string) to an aware UTC datetime; 0 or "" means absent."""
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
    """Money arrives as strings ("1500", "21.3"); empty means absent. Never via float."""
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
