"""A griffe extension for the API reference: Sphinx roles as code, ``#:`` comments, bases.

The docstrings cross-reference in Sphinx's style (:class:`~tiktokshop_sync.Page`), which reads
well in ``help()`` and IDEs but which mkdocstrings prints as is. This extension shows each role
as the code span Sphinx would show (``Page`` with ``~``, the full path without), and drops the
bases a reader cannot import: a name starting with ``_`` (``_View[SyncScope]``), or a class of
a private module that no public module exports (``SyncResource``). A constant or type alias
documented with Sphinx's ``#:`` comments above it gets them as its docstring, so it is shown.
``tests/test_reference_docs.py`` checks the built pages.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|data|exc|mod|obj|const):`(~?)([^`]+)`")


def plain_roles(text: str) -> str:
    """``text`` with every Sphinx role replaced by the code span Sphinx would render."""

    def shown(match: re.Match[str]) -> str:
        target = match.group(2)
        return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"

    return ROLE.sub(shown, text)


def _comment_above(obj: griffe.Attribute) -> str:
    """The ``#:`` comment lines right above an attribute's assignment, joined."""
    if obj.lineno is None:
        return ""
    lines = obj.module.lines
    found: list[str] = []
    number = obj.lineno - 2
    while number >= 0 and lines[number].lstrip().startswith("#:"):
        found.insert(0, lines[number].lstrip()[2:].strip())
        number -= 1
    return " ".join(found)


@functools.cache
def _exported() -> frozenset[str]:
    """Every name in the ``__all__`` of ``tiktokshop_sync`` and of its public modules."""
    import tiktokshop_sync

    names = set(tiktokshop_sync.__all__)
    for info in pkgutil.walk_packages(tiktokshop_sync.__path__, "tiktokshop_sync."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            module = importlib.import_module(info.name)
            names.update(getattr(module, "__all__", ()))
    return frozenset(names)


def _private(base: object) -> bool:
    name = str(base).split("[", 1)[0].strip()
    if name.startswith("_") or "._" in name:
        return True
    path = getattr(base, "canonical_path", name)
    ours_private = path.startswith("tiktokshop_sync.") and "._" in path
    return ours_private and path.rsplit(".", 1)[-1] not in _exported()


class SphinxRoles(griffe.Extension):
    """Rewrites roles in every docstring and drops private bases, once the tree is loaded."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Clean one object (every kind) of the loaded tree."""
        if obj.docstring is None and isinstance(obj, griffe.Attribute):
            comment = _comment_above(obj)
            if comment:
                obj.docstring = griffe.Docstring(comment, parent=obj)
        if obj.docstring is not None:
            obj.docstring.value = plain_roles(obj.docstring.value)
        if isinstance(obj, griffe.Class) and any(_private(base) for base in obj.bases):
            # what the hidden bases give (a model's common fields) stays listed on the class
            for name, member in obj.inherited_members.items():
                obj.members.setdefault(name, member)
            obj.bases = [base for base in obj.bases if not _private(base)]
