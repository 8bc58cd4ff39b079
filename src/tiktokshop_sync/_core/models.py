"""The pydantic wire-model base: lenient by default, strict on request.

Wire models keep unknown fields (``model_extra``) and unknown enum values (an :class:`OpenEnum`
member whose ``is_known`` is false) so that a new TikTok field or status never crashes a host.
Inside :func:`strict_models` the same input fails loudly instead: our own tests run that way so
schema drift is caught in CI. The conversions the models apply (amounts, times, open enums) and
the strict switch live in :mod:`~tiktokshop_sync._core.conversions`, which the client loads
without pydantic; this module re-exports them.
"""

from __future__ import annotations

import functools
import json
from typing import Any, ClassVar, get_args

from pydantic import BaseModel, ConfigDict, ValidationError
from typing_extensions import Self

from .conversions import (
    _STRICT,
    Money,
    OpenEnum,
    OptionalBool,
    OptionalMoney,
    OptionalTimestamp,
    SchemaDriftError,
    Timestamp,
    _to_decimal,
    _to_decimal_general,
    _to_utc,
    _to_utc_general,
    is_strict,
    strict_models,
)
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

# The conversions, importable from here as before (tests and the benchmarks use them).
_CONVERSIONS = (_to_decimal, _to_decimal_general, _to_utc, _to_utc_general)


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

    def _repr_html_(self) -> str:
        """What Jupyter shows: the repr's fields as a table (``_core.tabular``)."""
        # Imported here: a webhook receiver's cold start never needs the notebook renderer.
        from .tabular import html_table

        return html_table(self)

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
