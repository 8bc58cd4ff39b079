"""The SDK's wire models described neutrally: per field, what kind of value and conversion."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = ["FieldSpec", "ModelSpec", "describe"]

Kind = Literal["money", "time", "enum", "model", "models", "plain"]


@dataclass(frozen=True, eq=False)
class FieldSpec:
    """One field: its name, kind, default, nested model or enum, and whether None is allowed."""

    name: str
    kind: Kind
    default: Any
    required: bool
    model: ModelSpec | None = None
    enum: type[Enum] | None = None
    annotation: Any = None


@dataclass(frozen=True, eq=False)
class ModelSpec:
    """A wire model: its name, its fields in declaration order, and the pydantic class."""

    name: str
    fields: tuple[FieldSpec, ...]
    source: type[BaseModel]

    @property
    def names(self) -> frozenset[str]:
        """The declared field names."""
        return frozenset(f.name for f in self.fields)


def _hook(field: Any) -> str:
    names = {getattr(getattr(m, "func", None), "__name__", "") for m in field.metadata}
    return "money" if "_to_decimal" in names else "time" if "_to_utc" in names else ""


def _members(annotation: Any) -> tuple[Any, ...]:
    origin = get_origin(annotation)
    if origin is Union or str(origin) == "<class 'types.UnionType'>":
        return tuple(a for a in get_args(annotation) if a is not type(None))
    return (annotation,)


@functools.cache
def describe(model: type[BaseModel]) -> ModelSpec:
    """The description of ``model`` and, recursively, of the models its fields name."""
    fields = []
    for name, info in model.model_fields.items():
        required = info.is_required()
        default = None if required else info.get_default(call_default_factory=True)
        hook = _hook(info)
        (member, *_rest) = _members(info.annotation)
        if hook:
            fields.append(FieldSpec(name, hook, default, required))  # type: ignore[arg-type]
        elif isinstance(member, type) and issubclass(member, BaseModel):
            fields.append(FieldSpec(name, "model", default, required, model=describe(member)))
        elif get_origin(member) is list and _is_model(get_args(member)[0]):
            inner = describe(get_args(member)[0])
            fields.append(FieldSpec(name, "models", default, required, model=inner))
        elif isinstance(member, type) and issubclass(member, Enum):
            fields.append(FieldSpec(name, "enum", default, required, enum=member))
        else:
            fields.append(FieldSpec(name, "plain", default, required, annotation=info.annotation))
    return ModelSpec(model.__name__, tuple(fields), model)


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)
