"""Check a reply's ``data`` against the fields an endpoint documents, at every depth.

``check_reply(endpoint.data, data)`` lists each key the documentation lacks, each value whose
JSON type differs from the documented one (string, int, bool, object, array of those) and each
string outside a documented list of values, and gives the dotted paths of the documented
fields the reply carried, so a caller can tell which documented fields it has seen.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import attrs

from . import Param

__all__ = ["ReplyCheck", "check_reply"]

_SCALARS: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "int": (int,),
    "bool": (bool,),
    "float": (int, float),
    "number": (int, float),
}


@attrs.define
class ReplyCheck:
    """What one or more replies showed: problems found and documented paths present."""

    problems: set[str] = attrs.field(factory=set)
    present: set[str] = attrs.field(factory=set)


def _check(
    value: Any, param: Param, at: str, found: ReplyCheck, loose_values: Collection[str]
) -> None:
    kind = param.type
    if kind.startswith("[]"):
        if not isinstance(value, list):
            found.problems.add(f"{at}: a {type(value).__name__} where {kind} is documented")
            return
        for item in value:
            _one(item, kind[2:], param, at, found, loose_values)
        return
    _one(value, kind, param, at, found, loose_values)


def _one(
    value: Any,
    kind: str,
    param: Param,
    at: str,
    found: ReplyCheck,
    loose_values: Collection[str],
) -> None:
    if kind == "object":
        if not isinstance(value, dict):
            found.problems.add(f"{at}: a {type(value).__name__} where an object is documented")
            return
        children = {child.name: child for child in param.children}
        for key, item in value.items():
            where = f"{at}.{key}"
            if key not in children:
                found.problems.add(f"{where}: not documented")
                continue
            found.present.add(where)
            _check(item, children[key], where, found, loose_values)
        return
    expected = _SCALARS.get(kind)
    if expected is None:
        found.problems.add(f"{at}: documented with an unknown type {kind!r}")
        return
    # bool is an int in Python; JSON tells them apart, and so must the check.
    if isinstance(value, bool) != (kind == "bool") or not isinstance(value, expected):
        found.problems.add(f"{at}: {value!r} is not a {kind}")
        return
    values = param.enum if kind == "string" else ()
    if values and value not in values and at not in loose_values:
        found.problems.add(f"{at}: {value!r} is not one of the documented {', '.join(values)}")


def check_reply(
    data_param: Param | None,
    data: Any,
    found: ReplyCheck | None = None,
    *,
    loose_values: Collection[str] = (),
) -> ReplyCheck:
    """Check one reply's ``data`` (added to ``found`` when given); paths start with ``data``.

    ``loose_values`` names paths whose documented list of values is known to be incomplete.
    """
    found = found if found is not None else ReplyCheck()
    if data_param is None:
        if data not in (None, {}):
            found.problems.add("data: documented as absent but the reply has one")
        return found
    _one(data, "object", data_param, "data", found, loose_values)
    return found
