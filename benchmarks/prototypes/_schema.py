"""The SDK's wire models described neutrally: per field, what kind of value and conversion."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

__all__ = ["FieldSpec", "ModelSpec", "describe", "page_reader"]

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
    # The conversions are Annotated markers (Conversion) whose ``convert`` is the hook.
    names = {getattr(getattr(m, "convert", None), "__name__", "") for m in field.metadata}
    return "money" if "_to_decimal" in names else "time" if "_to_utc" in names else ""


def _members(annotation: Any) -> tuple[Any, ...]:
    origin = get_origin(annotation)
    if origin is Union or str(origin) == "<class 'types.UnionType'>":
        return tuple(a for a in get_args(annotation) if a is not type(None))
    return (annotation,)


@functools.cache
def describe(model: Any) -> ModelSpec:
    """The description of ``model`` and, recursively, of the models its fields name.

    The SDK's orders are lazy views now; their derived pydantic model has the same fields.
    """
    if hasattr(model, "pydantic_model"):
        model = model.pydantic_model()
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


def page_reader(build: Callable[[dict[str, Any]], Any]) -> Callable[[bytes], Any]:
    """A ``parse_reply`` that parses with ``from_json`` and builds each order with ``build``.

    Like the SDK's reader, anything but a well-formed code-0 reply gives None, and the call
    then goes the usual way, which raises the right error.
    """
    from pydantic_core import from_json

    from tiktokshop_sync._core.replies import page_of

    def parse(raw: bytes) -> Any:
        try:
            payload = from_json(raw)
        except ValueError:
            return None
        if type(payload) is not dict or payload.get("code") != 0 or "data" not in payload:
            return None
        data = payload["data"] or {}
        try:
            items = [build(o) for o in data.get("orders") or []]
        except (KeyError, TypeError, ValueError):
            return None
        rid = payload.get("request_id")
        page = page_of(items, data.get("next_page_token"), data.get("total_count"))
        return page, None if rid is None else str(rid)

    return parse
