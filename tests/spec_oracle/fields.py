"""Compare a wire model's declared fields with the fields TikTok documents, at every depth.

``model_fields_match(Statement, endpoint.data_field("statements"))`` lists, as readable
lines, every documented field the model does not declare, every declared field TikTok does
not document, and every field whose shape differs (an object declared as a scalar, a list
declared as a single value). An empty list means the model is the documented object.
"""

from __future__ import annotations

import typing
from collections.abc import Collection, Iterator
from enum import Enum
from typing import Any

from pydantic import BaseModel

from . import Param

__all__ = ["declared_fields", "documented_fields", "enum_fields", "model_fields_match"]


def documented_fields(param: Param) -> frozenset[str]:
    """The names of the fields TikTok documents directly under ``param``."""
    return frozenset(child.name for child in param.children)


def declared_fields(model: type[BaseModel]) -> frozenset[str]:
    """The wire names (aliases where set) of the fields ``model`` declares."""
    return frozenset(field.alias or name for name, field in model.model_fields.items())


def _args(annotation: Any) -> Iterator[Any]:
    """``annotation`` and every type nested in it (``list[X] | None`` gives list, X, None...)."""
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _args(arg)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for arg in _args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _is_list(annotation: Any) -> bool:
    for arg in _args(annotation):
        origin = typing.get_origin(arg)
        if origin in (list, tuple) or arg in (list, tuple):
            return True
    return False


def _field_annotations(model: type[BaseModel]) -> dict[str, Any]:
    return {field.alias or name: field.annotation for name, field in model.model_fields.items()}


def model_fields_match(
    model: type[BaseModel],
    param: Param,
    *,
    undocumented_ok: Collection[str] = (),
    _at: str = "",
) -> list[str]:
    """Every difference between ``model`` and the documented object ``param``, recursively.

    ``undocumented_ok`` names dotted paths (relative to ``param``) that the model may
    declare although TikTok does not document them; keep it empty unless a comment says why.
    """
    here = _at or model.__name__
    relative = here.partition(".")[2]
    problems: list[str] = []
    documented = {child.name: child for child in param.children}
    annotations = _field_annotations(model)
    for name in sorted(documented.keys() - annotations.keys()):
        problems.append(f"{here}.{name}: documented by TikTok but not declared")
    for name in sorted(annotations.keys() - documented.keys()):
        if f"{relative}.{name}".lstrip(".") not in undocumented_ok:
            problems.append(f"{here}.{name}: declared but not documented by TikTok")
    for name in sorted(documented.keys() & annotations.keys()):
        child, annotation = documented[name], annotations[name]
        nested = _model_in(annotation)
        where = f"{here}.{name}"
        if child.is_list != _is_list(annotation):
            expected = "a list" if child.is_list else "a single value"
            problems.append(f"{where}: documented as {child.type}, so it must be {expected}")
        if child.is_object and nested is None:
            problems.append(f"{where}: documented as {child.type} but declared {annotation}")
        elif not child.is_object and nested is not None:
            problems.append(f"{where}: documented as {child.type} but declared {nested.__name__}")
        elif nested is not None:
            problems.extend(
                model_fields_match(nested, child, undocumented_ok=undocumented_ok, _at=where)
            )
    return problems


def enum_fields(model: type[BaseModel], param: Param) -> list[tuple[str, type[Enum], Param]]:
    """(dotted path, enum class, documented param) for every enum-typed field, at every depth.

    Compare ``param.enum`` (the values a description lists) with the enum's members.
    """
    found: list[tuple[str, type[Enum], Param]] = []
    for child in param.children:
        field = model.model_fields.get(child.name)
        if field is None:
            continue
        for arg in _args(field.annotation):
            if isinstance(arg, type) and issubclass(arg, Enum):
                found.append((child.name, arg, child))
            elif isinstance(arg, type) and issubclass(arg, BaseModel):
                found.extend(
                    (f"{child.name}.{path}", enum, p) for path, enum, p in enum_fields(arg, child)
                )
    return found
