"""The domain package stays pure (no clock, randomness or I/O) and its public surface documented."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

import tiktokshop_sync.domain as domain
import tiktokshop_sync.domain.planning as planning

PACKAGE = Path(domain.__file__).parent
#: Every domain module, the planners' (domain/planning) included.
SOURCES = sorted(PACKAGE.rglob("*.py"))
SUBPACKAGES = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}


def _name(path: Path) -> str:
    return str(path.relative_to(PACKAGE))


# Standard-library modules the rules must not touch: I/O, the clock, randomness, processes.
FORBIDDEN_STDLIB = {
    "sqlite3",
    "socket",
    "random",
    "secrets",
    "time",
    "subprocess",
    "urllib",
    "http",
}


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


# tests/test_architecture.py enforces the stdlib/attrs/domain allow-list; this adds the parts of
# the standard library a pure rule has no business with.
@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_domain_modules_use_no_clock_randomness_or_io_module(path: Path) -> None:
    used = {name.split(".")[0] for name in _imports(path)}
    assert used & FORBIDDEN_STDLIB == set(), f"{path.name} imports {used & FORBIDDEN_STDLIB}"


@pytest.mark.parametrize("path", SOURCES, ids=_name)
def test_domain_modules_never_read_the_clock(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute):
            assert node.attr not in {"now", "utcnow", "today"}, f"{path.name} reads the clock"


def test_the_public_names_are_exactly_what_the_package_exports() -> None:
    assert len(domain.__all__) == len(set(domain.__all__))
    for name in domain.__all__:
        assert getattr(domain, name) is not None
    public = {name for name in vars(domain) if not name.startswith("_")}
    submodules = {path.stem for path in PACKAGE.glob("*.py")} | SUBPACKAGES
    assert public - submodules - {"annotations", "TYPE_CHECKING"} == set(domain.__all__)


def _undocumented(name: str, package: object = domain) -> list[str]:
    value = getattr(package, name)
    if not (inspect.isclass(value) or inspect.isfunction(value)):
        return []
    missing = [] if (value.__doc__ or "").strip() else [name]
    if inspect.isclass(value) and not issubclass(value, BaseException):
        for attr, member in vars(value).items():
            if attr.startswith("_") or not (
                inspect.isfunction(member) or isinstance(member, (property, classmethod))
            ):
                continue
            function = member.fget if isinstance(member, property) else member
            if isinstance(function, classmethod):
                function = function.__func__
            if not (getattr(function, "__doc__", None) or "").strip():
                missing.append(f"{name}.{attr}")
    return missing


@pytest.mark.parametrize("name", domain.__all__)
def test_every_public_name_and_method_is_documented(name: str) -> None:
    assert _undocumented(name) == []


@pytest.mark.parametrize("name", planning.__all__)
def test_every_planner_name_and_method_is_documented(name: str) -> None:
    assert _undocumented(name, planning) == []


def test_the_planners_are_checked_for_purity_too() -> None:
    assert "planning" in SUBPACKAGES
    assert {p.name for p in SOURCES if p.parent.name == "planning"} >= {"orders.py"}


def test_every_domain_module_is_documented() -> None:
    for path in SOURCES:
        tree = ast.parse(path.read_text("utf-8"))
        assert ast.get_docstring(tree), f"{path.name} has no module docstring"
