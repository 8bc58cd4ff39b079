"""The one-way import rule of STYLE.md, checked by parsing every module's imports."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tiktokshop_sync"
STDLIB = set(sys.stdlib_module_names)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module_name: str | None = None) -> list[str]:
    """Absolute names of everything a module imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name or _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base)
                module = f"{prefix}.{node.module}" if node.module else prefix
                if node.module is None:
                    names.extend(f"{module}.{alias.name}" for alias in node.names)
                    continue
            else:
                module = node.module or ""
            names.append(module)
    return names


def _modules(sub: str) -> list[Path]:
    return (
        sorted((PACKAGE / sub).rglob("*.py"))
        if (PACKAGE / sub).is_dir()
        else [PACKAGE / f"{sub}.py"]
    )


def _violations(sub: str, allowed: tuple[str, ...], *, stdlib: bool = True) -> list[str]:
    found = []
    for path in _modules(sub):
        for name in _imports(path):
            top = name.split(".")[0]
            if stdlib and top in STDLIB and top != "sqlite3":
                continue
            if top == "__future__":
                continue
            if not any(name == a or name.startswith(a + ".") for a in allowed):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


def test_domain_imports_only_the_standard_library_attrs_and_itself() -> None:
    # _exports: the standard-library helper every package uses to re-export its modules' names.
    # _core.tabular: the reports' notebook tables and DataFrames (standard library and attrs at
    # import; pandas or polars only when a frame is asked for), shared with the wire models.
    allowed = (
        "attrs",
        "tiktokshop_sync.domain",
        "tiktokshop_sync._exports",
        "tiktokshop_sync._core.tabular",
    )
    assert _violations("domain", allowed) == []


def test_core_knows_nothing_of_resources_workflows_or_domain_rules() -> None:
    allowed = (
        "httpx",
        "attrs",
        "tenacity",
        "pydantic",
        "pydantic_core",  # pydantic's own engine (pinned by pydantic): its fast JSON parser
        "typing_extensions",
        "sqlite3",
        # The dataframe extra: named for type checkers, imported when a frame is asked for.
        "pandas",
        "polars",
        "tiktokshop_sync._core",
        "tiktokshop_sync._exceptions",
        "tiktokshop_sync._config",
        "tiktokshop_sync._version",
    )
    assert _violations("_core", allowed) == []


def test_resources_know_nothing_of_httpx() -> None:
    allowed = ("tiktokshop_sync", "attrs", "pydantic", "typing_extensions")
    assert _violations("resources", allowed) == []


def test_wire_models_import_no_client_code() -> None:
    allowed = (
        "pydantic",
        "typing_extensions",
        "tiktokshop_sync.types",
        "tiktokshop_sync._exports",
        "tiktokshop_sync._exceptions",  # the error classes only (standard library)
        "tiktokshop_sync._core.models",
        "tiktokshop_sync._core.conversions",
        "tiktokshop_sync._core.views",
        "tiktokshop_sync._core.display",
        "tiktokshop_sync._core.oauth",
        "tiktokshop_sync._core.tokens",
    )
    assert _violations("types", allowed) == []


def test_webhooks_do_not_drag_in_the_http_client() -> None:
    allowed = (
        "attrs",
        "pydantic",
        "typing_extensions",
        "tiktokshop_sync.webhooks",
        "tiktokshop_sync._exports",
        "tiktokshop_sync._core.models",
        "tiktokshop_sync.types.statuses",
        "tiktokshop_sync._exceptions",
    )
    assert _violations("webhooks", allowed) == []


def test_workflows_know_nothing_of_httpx_or_pydantic() -> None:
    allowed = ("attrs", "typing_extensions", "sqlite3", "tiktokshop_sync")
    assert _violations("workflows", allowed) == []


def test_postgres_stores_sit_above_core_and_workflow_state_only() -> None:
    allowed = (
        "attrs",
        "psycopg",
        "psycopg_pool",
        "tiktokshop_sync.postgres",
        "tiktokshop_sync._exports",
        "tiktokshop_sync._core.clock",
        "tiktokshop_sync._core.ratelimit",
        "tiktokshop_sync._core.tokens",
        "tiktokshop_sync._exceptions",
        "tiktokshop_sync.workflows.state",
    )
    assert _violations("postgres", allowed) == []


def test_the_postgres_driver_is_imported_only_when_a_store_opens() -> None:
    for path in _modules("postgres"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = [a.name for n in top_level if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in top_level if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in {"psycopg", "psycopg_pool"}], path


@pytest.mark.parametrize(
    "sub", ["_core", "resources", "types", "domain", "webhooks", "_client", "workflows"]
)
def test_nothing_below_the_postgres_stores_imports_them(sub: str) -> None:
    for path in _modules(sub):
        assert not [n for n in _imports(path) if n.startswith("tiktokshop_sync.postgres")], path


def test_the_task_engine_is_imported_only_when_a_fleet_is_built() -> None:
    for path in _modules("fleet"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top_level = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = [a.name for n in top_level if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in top_level if isinstance(n, ast.ImportFrom)]
        engine = {"procrastinate", "psycopg", "psycopg_pool"}
        assert not [n for n in names if n.split(".")[0] in engine], path


@pytest.mark.parametrize(
    "sub",
    ["_core", "resources", "types", "domain", "webhooks", "_client", "workflows", "postgres"],
)
def test_nothing_below_the_fleet_imports_it_or_its_engine(sub: str) -> None:
    for path in _modules(sub):
        names = _imports(path)
        assert not [n for n in names if n.startswith("tiktokshop_sync.fleet")], path
        assert not [n for n in names if n.split(".")[0] == "procrastinate"], path


@pytest.mark.parametrize(
    "sub", ["_core", "resources", "types", "domain", "webhooks", "_client", "workflows"]
)
def test_nothing_below_the_testing_layer_imports_the_fake_shop(sub: str) -> None:
    for path in _modules(sub):
        assert not [n for n in _imports(path) if n.startswith("tiktokshop_sync.testing")], path


#: Modules at the package root that belong to the core layer (the core imports them).
CORE_MODULES = ("_config", "_exceptions", "_version")


def _layer(module: str) -> str:
    """The layer a module belongs to: its top-level subpackage or module under the package."""
    parts = module.split(".")
    if len(parts) == 1:
        return "tiktokshop_sync"  # the root package: a facade over the layers
    return "_core" if parts[1] in CORE_MODULES else parts[1]


def _layer_graph() -> dict[str, dict[str, list[str]]]:
    """Layer -> layer it imports -> the imports that make the edge (for the failure message)."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _layer(_module_name(path))
        edges = graph.setdefault(source, {})
        for name in _imports(path):
            if name != "tiktokshop_sync" and not name.startswith("tiktokshop_sync."):
                continue
            target = _layer(name)
            if target != source:
                edges.setdefault(target, []).append(f"{path.relative_to(PACKAGE)} imports {name}")
    return graph


def _cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """Every group of two or more layers that import each other, directly or in a ring."""
    reach = {node: set(edges) for node, edges in graph.items()}
    changed = True
    while changed:  # transitive closure: a few dozen layers at most
        changed = False
        for targets in reach.values():
            more = set().union(*(reach.get(t, set()) for t in targets)) - targets
            if more:
                targets |= more
                changed = True
    groups = {
        frozenset(n for n in reach if n == node or (n in reach[node] and node in reach[n]))
        for node in reach
    }
    return sorted(sorted(group) for group in groups if len(group) > 1)


def test_the_package_layers_import_each_other_in_one_direction_only() -> None:
    graph = _layer_graph()
    found = []
    for group in _cycles(graph):
        edges = [line for a in group for b in group if a != b for line in graph[a].get(b, [])[:2]]
        found.append(" <-> ".join(group) + ": " + "; ".join(edges))
    assert found == []


def test_the_cycle_finder_reports_layers_that_import_each_other() -> None:
    graph: dict[str, dict[str, list[str]]] = {
        "_core": {"types": ["_core/call.py imports tiktokshop_sync.types._base"]},
        "types": {"_core": ["types/token.py imports tiktokshop_sync._core.tokens"]},
        "resources": {"_core": [], "types": []},
        "a": {"b": []},
        "b": {"c": []},
        "c": {"a": []},
    }
    assert _cycles(graph) == [["_core", "types"], ["a", "b", "c"]]


def _is_module(name: str) -> bool:
    """Whether ``tiktokshop_sync.x.y`` names a module or package of this package."""
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _private_reach(path: Path, module_name: str | None = None) -> list[str]:
    """A module's uses of ``_private`` names (not modules) that live in another layer."""
    name = module_name or _module_name(path)
    layer = _layer(name)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    layer_of: dict[str, str] = {}  # local name -> layer of what it was imported from
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base) + (f".{node.module}" if node.module else "")
            else:
                source = node.module or ""
            if not source.startswith("tiktokshop_sync"):
                continue
            for alias in node.names:
                target = f"{source}.{alias.name}"
                where = _layer(target if _is_module(target) else source)
                layer_of[alias.asname or alias.name] = where
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private and not _is_module(target) and where != layer:
                    found.append(f"{name} imports {target}")
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and layer_of.get(node.value.id, layer) != layer
        ):
            found.append(f"{name}:{node.lineno} uses {node.value.id}.{node.attr}")
    return found


def test_no_layer_reaches_into_another_layers_private_names() -> None:
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in _private_reach(path)]
    assert found == []


def test_the_private_name_checker_catches_an_import_and_an_attribute(tmp_path: Path) -> None:
    bad = tmp_path / "state.py"
    bad.write_text(
        "from .._core.tokens import SQLiteTokenStore, _SCHEMA\n"
        "from .. import _exports\n"
        "from ._engine import _local\n"
        "store = SQLiteTokenStore._sharing(db)\n"
    )
    assert _private_reach(bad, "tiktokshop_sync.workflows.state") == [
        "tiktokshop_sync.workflows.state imports tiktokshop_sync._core.tokens._SCHEMA",
        "tiktokshop_sync.workflows.state:4 uses SQLiteTokenStore._sharing",
    ]


def test_the_layer_of_a_module_is_its_top_level_name_with_the_core_modules_grouped() -> None:
    assert _layer("tiktokshop_sync._core.models") == "_core"
    assert _layer("tiktokshop_sync._config") == "_core"
    assert _layer("tiktokshop_sync.types.order") == "types"
    assert _layer("tiktokshop_sync") == "tiktokshop_sync"


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import httpx\nfrom . import x\nfrom ..types import order\n")
    found = _imports(bad, "tiktokshop_sync.domain.bad")
    assert found == ["httpx", "tiktokshop_sync.domain.x", "tiktokshop_sync.types"]


CLI_ONLY = ("typer", "rich", "click", "tomli", "tomllib")


@pytest.mark.parametrize(
    "sub",
    [
        "_core",
        "resources",
        "types",
        "domain",
        "webhooks",
        "_client",
        "_config",
        "_exceptions",
        "workflows",
        "testing",
        "postal",
        "holidays",
        "postgres",
        "fleet",
    ],
)
def test_nothing_but_the_cli_imports_typer_rich_or_click(sub: str) -> None:
    found = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _modules(sub)
        for name in _imports(path)
        if name.split(".")[0] in CLI_ONLY
    ]
    assert found == []


def test_the_cli_is_built_on_the_public_api_only() -> None:
    """cli/ imports public modules of the package (no ``_private`` segment) or its own."""
    found = []
    for path in _modules("cli"):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "tiktokshop_sync" or name.startswith("tiktokshop_sync.cli"):
                continue
            if any(part.startswith("_") for part in parts[1:]):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert found == []


def test_importing_the_package_or_the_cli_package_loads_no_cli_library() -> None:
    import subprocess

    code = (
        "import sys, tiktokshop_sync, tiktokshop_sync.cli\n"
        f"loaded = sorted(m for m in {CLI_ONLY!r} if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _private_names_of_the_client() -> set[str]:
    """``_``-prefixed attributes of the app client and its views (instances and classes)."""
    from tiktokshop_sync import AsyncTikTokShop, TikTokShop

    names: set[str] = set()
    app, async_app = (
        TikTokShop(app_key="k", app_secret="s"),
        AsyncTikTokShop(app_key="k", app_secret="s"),
    )
    for obj in (
        app,
        app.seller("open-id"),
        app.shop("cipher", grant="open-id"),
        async_app,
        async_app.seller("open-id"),
        async_app.shop("cipher", grant="open-id"),
    ):
        names.update(vars(obj))
        for cls in type(obj).__mro__[:-1]:
            names.update(vars(cls))
    app.close()
    return {name for name in names if name.startswith("_") and not name.endswith("__")}


def test_workflows_touch_no_private_attribute_of_the_client() -> None:
    private = _private_names_of_the_client()
    assert {"_scope", "_runtime", "_context"} <= private  # the checker sees what it guards
    found = []
    for path in _modules("workflows"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in private:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} uses .{node.attr}")
    assert found == []


def test_planners_import_only_the_standard_library_attrs_and_the_domain() -> None:
    assert _modules("domain/planning"), "the planners live in domain/planning"
    # _exports: the package's lazy re-export of its planners' names (standard library only).
    allowed = ("attrs", "tiktokshop_sync.domain", "tiktokshop_sync._exports")
    assert _violations("domain/planning", allowed) == []
