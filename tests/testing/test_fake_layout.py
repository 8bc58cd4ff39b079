"""The FakeShop's shape: one package per area, thin routes, and imports that never go round.

Each area is ``testing/_<area>/`` with a ``backend.py`` (records, rules, replies) and a
``routes.py`` (parse, call the backend, return its reply). Backends know nothing of HTTP or of
the routes; areas reach each other only downwards, and cross-area effects go through the
event bus, so the module graph of ``testing/`` has no cycle, ``TYPE_CHECKING`` imports
included.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import tiktokshop_sync.testing as testing

ROOT = Path(testing.__file__).parent
PACKAGE = "tiktokshop_sync.testing"
AREAS = sorted(p.name for p in ROOT.iterdir() if p.is_dir() and (p / "backend.py").exists())


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES = {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """The modules of ``testing/`` that ``path`` imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in MODULES else node.module)
    return {name for name in found if name in MODULES and name != PACKAGE}


def graph() -> dict[str, set[str]]:
    """Each module of ``testing/`` with the modules of ``testing/`` it imports."""
    return {name: _imports(path) for name, path in MODULES.items()}


def test_every_area_has_a_backend_and_routes() -> None:
    assert AREAS == [
        "_auth",
        "_events",
        "_finance",
        "_fulfillment",
        "_listing",
        "_logistics",
        "_orders",
        "_products",
        "_returns",
        "_shops",
    ]
    assert all((ROOT / area / "routes.py").exists() for area in AREAS)


def test_the_module_graph_of_testing_has_no_cycle() -> None:
    try:
        order = list(TopologicalSorter(graph()).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle in testing/: {' -> '.join(error.args[1])}")
    assert set(order) == set(MODULES)


def test_the_cycle_check_finds_a_cycle() -> None:
    with pytest.raises(CycleError):
        list(TopologicalSorter({"a": {"b"}, "b": {"a"}}).static_order())


def test_backends_know_nothing_of_http_routes_or_the_world() -> None:
    edge = {f"{PACKAGE}.{name}" for name in ("_router", "_gateway", "_world", "_routes")}
    edge |= {f"{PACKAGE}.{area}.routes" for area in AREAS}
    for area in AREAS:
        for path in (ROOT / area).glob("*.py"):
            if path.name != "routes.py":
                assert not _imports(path) & edge, f"{path.name} of {area} imports {edge}"


def test_routes_never_change_a_record() -> None:
    for area in AREAS:
        tree = ast.parse((ROOT / area / "routes.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            # An attribute, or an item of one (``sku.inventory[w] = q``); local dicts are fine.
            writes = [
                t
                for t in targets
                if isinstance(t, ast.Attribute)
                or (isinstance(t, ast.Subscript) and isinstance(t.value, ast.Attribute))
            ]
            assert not writes, f"{area}/routes.py line {node.lineno} writes to a record"


def test_every_module_of_testing_imports_on_its_own() -> None:
    # A fresh interpreter; before each import the fake's modules are forgotten and the package
    # itself is an empty stand-in (its __init__ would import everything first), so each module
    # loads only what it imports: a cycle entered from any module fails with ImportError here.
    script = "\n".join(
        [
            "import importlib, sys, types",
            "import tiktokshop_sync",
            f"for name in {sorted(MODULES)!r}:",
            f"    for loaded in [m for m in sys.modules if m.startswith({PACKAGE!r})]:",
            "        del sys.modules[loaded]",
            f"    if name != {PACKAGE!r}:",
            f"        stand_in = types.ModuleType({PACKAGE!r})",
            f"        stand_in.__path__ = [{str(ROOT)!r}]",
            f"        sys.modules[{PACKAGE!r}] = stand_in",
            "    importlib.import_module(name)",
        ]
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_route_answers_a_row_of_the_endpoint_table() -> None:
    # What TikTok checks for an endpoint is written once, in the SDK's row: a route declared
    # by hand would be a second copy (a route may serve another version of a row's path).
    from tiktokshop_sync.resources._endpoints import ALL
    from tiktokshop_sync.testing._routes import all_routes

    def shape(method: str, path: str) -> tuple[str, str]:
        return method, re.sub(r"/\d{6}/", "/{version}/", path, count=1)

    rows = {shape(row.method, row.path): row for row in ALL}
    for route in all_routes():
        row = rows.get(shape(route.method, route.pattern))
        assert row is not None, f"{route.method} {route.pattern} has no row"
        assert (route.scope, route.signed, route.needs_token) == (
            row.scope,
            row.signed,
            row.authenticated,
        )
