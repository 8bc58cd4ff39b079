"""How packages publish names: each module's ``__all__``, lazily or eagerly, and renamed names."""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from tiktokshop_sync._exports import (
    EVERY_NAME,
    LazyExports,
    deprecated_aliases,
    every_name_of,
    public_names,
)


@pytest.fixture
def fake_package() -> Iterator[list[str]]:
    """A package ``pkgx`` with modules ``a``, ``b`` and ``c``; yields the import log."""
    imported: list[str] = []
    package = ModuleType("pkgx")
    package.__package__ = "pkgx"
    package.__path__ = []
    contents = {"a": {"A": 1, "helper": 0}, "b": {"B": 2}, "c": {"C": 3}}
    modules = {"pkgx": package}
    for short, values in contents.items():
        module = ModuleType(f"pkgx.{short}")
        module.__dict__.update(values)
        module.__all__ = [name for name in values if name != "helper"]  # type: ignore[attr-defined]
        modules[f"pkgx.{short}"] = module

    class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, name: str, path: object, target: object = None) -> Any:
            return importlib.util.spec_from_loader(name, self) if name in modules else None

        def create_module(self, spec: Any) -> ModuleType:
            return modules[spec.name]

        def exec_module(self, module: ModuleType) -> None:
            imported.append(module.__name__)

    finder = Finder()
    sys.modules["pkgx"] = package
    sys.meta_path.insert(0, finder)
    try:
        yield imported
    finally:
        sys.meta_path.remove(finder)
        for name in modules:
            sys.modules.pop(name, None)


def test_a_chosen_name_imports_only_its_module(fake_package: list[str]) -> None:
    lazy = LazyExports("pkgx", {".a": EVERY_NAME, ".c": ("C",)})
    assert lazy("C") == 3
    assert fake_package == ["pkgx.c"]


def test_other_names_import_the_whole_module_sources_in_order_until_one_lists_them(
    fake_package: list[str],
) -> None:
    lazy = LazyExports("pkgx", {".a": EVERY_NAME, ".b": EVERY_NAME, ".c": EVERY_NAME})
    assert lazy("B") == 2
    assert fake_package == ["pkgx.a", "pkgx.b"]


def test_a_value_is_cached_in_the_package(fake_package: list[str]) -> None:
    lazy = LazyExports("pkgx", {".a": EVERY_NAME})
    lazy("A")
    assert sys.modules["pkgx"].A == 1


def test_a_name_left_out_of_all_is_not_published(fake_package: list[str]) -> None:
    lazy = LazyExports("pkgx", {".a": EVERY_NAME})
    with pytest.raises(AttributeError, match="'helper'"):
        lazy("helper")


def test_all_is_every_source_name_after_the_fixed_ones(fake_package: list[str]) -> None:
    lazy = LazyExports("pkgx", {".a": EVERY_NAME, ".c": ("C",)}, fixed=("__version__",))
    assert lazy("__all__") == ["__version__", "C", "A"]
    assert lazy.dir() == ["A", "C", "__version__"]


def test_private_probes_import_nothing(fake_package: list[str]) -> None:
    lazy = LazyExports("pkgx", {".a": EVERY_NAME})
    with pytest.raises(AttributeError):
        lazy("__wrapped__")
    assert fake_package == []


def test_public_names_joins_the_modules_lists_in_order(fake_package: list[str]) -> None:
    import pkgx.a  # type: ignore[import-not-found]
    import pkgx.b  # type: ignore[import-not-found]  # noqa: F401

    assert public_names("pkgx", ["a", "b"]) == ["A", "B"]


def test_public_names_refuses_a_name_two_modules_publish(fake_package: list[str]) -> None:
    import pkgx.a  # type: ignore[import-not-found]
    import pkgx.b  # type: ignore[import-not-found]  # noqa: F401

    sys.modules["pkgx.b"].__all__ = ["B", "A"]  # type: ignore[attr-defined]
    with pytest.raises(ImportError, match="'A' is published by pkgx.a and pkgx.b"):
        public_names("pkgx", ["a", "b"])


def test_a_deprecated_alias_warns_and_names_its_replacement() -> None:
    class New:
        """A stand-in for the renamed class."""

    getattr_ = deprecated_aliases("pkgx.m", {"Old": New})
    with pytest.warns(DeprecationWarning, match=r"pkgx\.m\.Old is deprecated.*it is New"):
        assert getattr_("Old") is New


def test_other_names_go_to_the_fallback_or_fail() -> None:
    getattr_ = deprecated_aliases("pkgx.m", {}, fallback=lambda name: name.upper())
    assert getattr_("x") == "X"
    with pytest.raises(AttributeError, match="'x'"):
        deprecated_aliases("pkgx.m", {})("x")


def test_every_name_of_reads_the_modules_in_their_order_across_lines() -> None:
    sources = every_name_of("""
        .b .a
        .c
    """)
    assert list(sources) == [".b", ".a", ".c"]
    assert set(sources.values()) == {EVERY_NAME}
