"""How a package publishes names: each module's ``__all__``, imported lazily, and renamed names.

A module's ``__all__`` is the one list of what it offers; a package re-exports those lists
instead of writing the names again. :class:`LazyExports` does it for packages that must import
fast (``tiktokshop_sync``, ``tiktokshop_sync.errors``): a module is imported on the first use of
a name it may hold. :func:`public_names` does it for packages that import their modules
eagerly. :func:`deprecated_aliases` keeps an old name working, with a ``DeprecationWarning``.

Standard library only, so the light ``webhooks`` package can use it too.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["EVERY_NAME", "LazyExports", "deprecated_aliases", "every_name_of", "public_names"]

#: A source whose every ``__all__`` name is published (rather than a chosen few).
EVERY_NAME: tuple[str, ...] = ("*",)


def every_name_of(modules: str) -> dict[str, tuple[str, ...]]:
    """:class:`LazyExports` sources publishing each module's whole ``__all__``: ``modules``
    names them separated by white space, in the order a name is looked up."""
    return dict.fromkeys(modules.split(), EVERY_NAME)


def _all_of(module: str) -> list[str]:
    names = sys.modules[module].__dict__.get("__all__")
    if names is None:
        raise TypeError(f"{module} declares no __all__, so a package cannot re-export it")
    return list(names)


def _absolute(module: str, publisher: str) -> str:
    """``module`` made absolute: a relative name counts from the package ``publisher`` is in."""
    if not module.startswith("."):
        return module
    # A package's __package__ is itself; a plain module's is its parent.
    anchor = sys.modules[publisher].__package__ or publisher
    level = len(module) - len(module.lstrip("."))
    base = anchor.rsplit(".", level - 1)[0] if level > 1 else anchor
    rest = module[level:]
    return f"{base}.{rest}" if rest else base


def public_names(package: str, modules: Iterable[str]) -> list[str]:
    """A package's ``__all__``: the ``__all__`` of each (already imported) module, in order.

    ``modules`` are names relative to ``package``; a name two modules publish is an error,
    since the package could only re-export one of them.
    """
    names: list[str] = []
    owner: dict[str, str] = {}
    for module in modules:
        absolute = f"{package}.{module}"
        for name in _all_of(absolute):
            if name in owner and owner[name] != absolute:
                raise ImportError(
                    f"{package}: {name!r} is published by {owner[name]} and {absolute}"
                )
            if name not in owner:
                owner[name] = absolute
                names.append(name)
    return names


class LazyExports:
    """A package's ``__getattr__`` and ``__dir__`` that import a source module on first use.

    ``package`` is the publishing module's ``__name__`` (a package or a plain module).
    ``sources`` maps a module (absolute, or relative to it) to the names published
    from it, or to :data:`EVERY_NAME` for all of its ``__all__``. A name from a chosen-names
    source imports only that module; any other name imports the :data:`EVERY_NAME` sources
    in order until one lists it, so put the cheap ones first. ``__all__`` itself is computed
    (every source imported) when asked for. Values are cached in the package's namespace.
    """

    def __init__(
        self,
        package: str,
        sources: Mapping[str, tuple[str, ...]],
        *,
        fixed: Iterable[str] = (),
    ) -> None:
        self.package = package
        #: The sources, by absolute module name.
        self.sources = {
            _absolute(module, package): tuple(names) for module, names in sources.items()
        }
        self._fixed = tuple(fixed)
        self._where: dict[str, str] = {}
        self._pending: list[str] = []
        for absolute, names in self.sources.items():
            if names == EVERY_NAME:
                self._pending.append(absolute)
            else:
                self._where.update(dict.fromkeys(names, absolute))

    def _scan_next(self) -> bool:
        """Import the next whole-module source and learn its names; False when none is left."""
        if not self._pending:
            return False
        module = self._pending.pop(0)
        importlib.import_module(module)
        for name in _all_of(module):
            self._where.setdefault(name, module)
        return True

    def names(self) -> list[str]:
        """Every published name (imports every source that is not yet imported)."""
        while self._scan_next():
            pass
        return [*self._fixed, *self._where]

    def __call__(self, name: str) -> Any:
        """The package's ``__getattr__``: the value of a published name, imported on demand."""
        namespace = sys.modules[self.package].__dict__
        if name == "__all__":
            namespace["__all__"] = self.names()
            return namespace["__all__"]
        # Dunder and private probes (copy, pickle, inspect, pytest) never import anything.
        while name not in self._where and not name.startswith("_") and self._scan_next():
            pass
        module = self._where.get(name)
        if module is None:
            raise AttributeError(f"module {self.package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def dir(self) -> list[str]:
        """The package's ``__dir__``: its published names."""
        return sorted(self.names())


def deprecated_aliases(
    module: str,
    aliases: Mapping[str, Any],
    *,
    fallback: Callable[[str], Any] | None = None,
) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving each old name's object with a ``DeprecationWarning``.

    ``aliases`` maps the old name to the object now published under its own name; the warning
    says which name to use. Other names go to ``fallback`` (another ``__getattr__``), if any.
    """

    def __getattr__(name: str) -> Any:
        if name in aliases:
            value = aliases[name]
            new = getattr(value, "__name__", None) or repr(value)
            home = getattr(value, "__module__", module)
            warnings.warn(
                f"{module}.{name} is deprecated and will be removed in 0.2.0: it is {new} "
                f"(from {home}), under one name since 0.1.0.",
                DeprecationWarning,
                stacklevel=2,
            )
            return value
        if fallback is not None:
            return fallback(name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
