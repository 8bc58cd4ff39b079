"""The public surface: each package's ``__all__`` is exactly what a user imports, all documented.

"Public" means the names a package binds at top level from its own modules (imports from
``tiktokshop_sync`` or relative ones, including the lazy ``TYPE_CHECKING`` imports of the root
package, plus its own definitions), minus ``_``-prefixed names. Third-party and stdlib helpers
a package imports for itself (``Any``, ``importlib``…) are not part of the surface.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import tiktokshop_sync
from package_checks import loaded_after, public_modules

PACKAGES = (
    "tiktokshop_sync",
    "tiktokshop_sync.workflows",
    "tiktokshop_sync.domain",
    "tiktokshop_sync.webhooks",
    "tiktokshop_sync.testing",
    "tiktokshop_sync.postgres",
)
ROOT_ONLY = {"__version__"}  # private-looking by convention, public by contract


def _ours(obj: object) -> bool:
    return (getattr(obj, "__module__", None) or "").startswith("tiktokshop_sync")


def _has_own_doc(obj: object) -> bool:
    doc = obj.__dict__.get("__doc__") if isinstance(obj, type) else getattr(obj, "__doc__", None)
    return isinstance(doc, str) and bool(doc.strip())


def _source(module: ModuleType, node: ast.ImportFrom) -> str:
    """The absolute name of the module an ``import from`` in a package's ``__init__`` reads."""
    return importlib.util.resolve_name("." * node.level + (node.module or ""), module.__name__)


def _bound_names(module: ModuleType) -> set[str]:
    """Names a package module binds from the package itself, including TYPE_CHECKING imports.

    ``from x import *`` binds the names in ``x.__all__``.
    """
    tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
    names: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.ImportFrom):
                if node.level > 0 or (node.module or "").startswith("tiktokshop_sync"):
                    for alias in node.names:
                        if alias.name == "*":
                            source = importlib.import_module(_source(module, node))
                            names.update(source.__all__)
                        else:
                            names.add(alias.asname or alias.name)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.If):
                visit(node.body)
                visit(node.orelse)

    visit(tree.body)
    return {name for name in names if not name.startswith("_")}


def _exported(modules: list[str]) -> Iterator[tuple[str, object]]:
    for name in modules:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            yield f"{name}.{attr}", getattr(module, attr)


def _public_members(cls: type) -> Iterator[tuple[str, Any]]:
    """Public methods and properties ``cls`` has from classes of this package."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not _ours(klass):
            continue
        for attr, value in vars(klass).items():
            if attr.startswith("_") or attr in seen:
                continue
            seen.add(attr)
            if isinstance(value, (staticmethod, classmethod)):
                function = value.__func__
            elif isinstance(value, property):
                function = value.fget
            elif inspect.isfunction(value):
                function = value
            else:
                continue
            if function is not None and _ours(function):
                yield f"{klass.__qualname__}.{attr}", function


def _undocumented(exports: Iterator[tuple[str, object]]) -> list[str]:
    missing: set[str] = set()
    for where, obj in exports:
        if not (isinstance(obj, type) or inspect.isfunction(obj)) or not _ours(obj):
            continue
        if not _has_own_doc(obj):
            missing.add(f"{where} ({obj.__module__})")
        if isinstance(obj, type):
            for member, function in _public_members(obj):
                if not _has_own_doc(function):
                    missing.add(f"{function.__module__}.{member}")
    return sorted(missing)


@pytest.mark.parametrize("package", PACKAGES)
def test_every_name_in_all_resolves(package: str) -> None:
    module = importlib.import_module(package)
    unresolved = [name for name in module.__all__ if not hasattr(module, name)]
    assert unresolved == []


@pytest.mark.parametrize("package", PACKAGES)
def test_all_has_no_duplicates(package: str) -> None:
    names = importlib.import_module(package).__all__
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})


@pytest.mark.parametrize("package", PACKAGES)
def test_all_is_exactly_the_public_surface(package: str) -> None:
    module = importlib.import_module(package)
    declared = set(module.__all__) - ROOT_ONLY
    surface = _bound_names(module)
    assert sorted(surface - declared) == [], "public but missing from __all__"
    assert sorted(declared - surface) == [], "listed in __all__ but not defined or imported"


@pytest.mark.parametrize("package", PACKAGES)
def test_dir_of_the_package_lists_only_public_names_plus_helpers(package: str) -> None:
    module = importlib.import_module(package)
    stray = [
        name
        for name in dir(module)
        if not name.startswith("_")
        and name not in module.__all__
        and not isinstance(getattr(module, name), ModuleType)
        and _ours(getattr(module, name))
    ]
    assert stray == []


def test_the_root_package_exports_its_version() -> None:
    assert "__version__" in tiktokshop_sync.__all__
    assert tiktokshop_sync.__version__.count(".") >= 2


@pytest.mark.parametrize("package", PACKAGES)
def test_every_exported_class_and_function_and_their_methods_have_docstrings(
    package: str,
) -> None:
    assert _undocumented(_exported([package])) == []


def test_every_public_module_that_binds_names_declares_all() -> None:
    without_all = [
        name
        for name in public_modules()
        if not hasattr(importlib.import_module(name), "__all__")
        and _bound_names(importlib.import_module(name))
    ]
    assert without_all == []


def test_every_public_module_has_a_docstring() -> None:
    undocumented = [
        name for name in public_modules() if not _has_own_doc(importlib.import_module(name))
    ]
    assert undocumented == []


def test_every_public_module_documents_the_classes_and_functions_it_exports() -> None:
    assert _undocumented(_exported(public_modules())) == []


def _type_checking_imports(module: ModuleType) -> dict[str, tuple[str, ...]]:
    """What a lazy package's ``if TYPE_CHECKING:`` block imports: module -> names (or ``*``)."""
    tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
    found: dict[str, tuple[str, ...]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for child in node.body:
                if isinstance(child, ast.ImportFrom):
                    found[_source(module, child)] = tuple(a.name for a in child.names)
    return found


def test_the_root_packages_exports_are_visible_to_type_checkers() -> None:
    """Type checkers see a name through a star import or a redundant ``X as X`` alias."""
    tree = ast.parse(Path(inspect.getfile(tiktokshop_sync)).read_text(encoding="utf-8"))
    aliased = [
        alias.name == "*" or alias.name == alias.asname
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if not alias.name.startswith("_")
        and (node.level > 0 or (node.module or "").startswith("tiktokshop_sync"))
        and _source(tiktokshop_sync, node) != "tiktokshop_sync"
    ]
    assert aliased and all(aliased)


LAZY_PACKAGES = (
    "tiktokshop_sync",
    "tiktokshop_sync.workflows",
    "tiktokshop_sync.domain",
    "tiktokshop_sync.domain.planning",
)


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_a_lazy_packages_sources_are_what_type_checkers_see(package: str) -> None:
    """The lazy map and the TYPE_CHECKING imports name the same modules and the same names."""
    from tiktokshop_sync import _exports

    module = importlib.import_module(package)
    lazy = module.__getattr__
    assert isinstance(lazy, _exports.LazyExports)
    seen = _type_checking_imports(module)
    expected = {
        module: ("*",) if names == _exports.EVERY_NAME else names
        for module, names in lazy.sources.items()
    }
    assert seen == expected


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_no_two_sources_of_a_lazy_package_publish_the_same_name(package: str) -> None:
    """A lazy package serves a name from the first source listing it: a second would be lost."""
    lazy = importlib.import_module(package).__getattr__
    counts: dict[str, int] = {}
    for source, names in lazy.sources.items():
        listed = importlib.import_module(source).__all__ if names == ("*",) else names
        for name in listed:
            counts[name] = counts.get(name, 0) + 1
    assert sorted(name for name, count in counts.items() if count > 1) == []


def test_the_order_import_loads_no_other_workflow() -> None:
    statement = (
        "from tiktokshop_sync.workflows import OrderImport, OrderImportPolicy, SQLiteStateStore"
    )
    others = [
        f"tiktokshop_sync.workflows.{name}"
        for name in (
            "cancellations",
            "category_mappings",
            "inventory",
            "publish",
            "reconciliation",
            "returns",
            "settlement_import",
            "shipments",
        )
    ]
    assert loaded_after(statement, others) == []


def test_importing_the_package_imports_no_source_module() -> None:
    loaded = loaded_after("import tiktokshop_sync")
    assert loaded == ["tiktokshop_sync._exports", "tiktokshop_sync._version"]


def test_a_name_from_a_cheap_source_does_not_import_the_client() -> None:
    statement = "import tiktokshop_sync; tiktokshop_sync.ConfigurationError; tiktokshop_sync.Clock"
    heavy = ("httpx", "pydantic", "tenacity", "tiktokshop_sync._client")
    assert loaded_after(statement, heavy) == []


def test_the_client_class_loads_neither_pydantic_nor_the_models() -> None:
    # Issue 19: the import with the client class costs no more than the peer client's; pydantic,
    # the wire models, tenacity (retries), asyncio and sqlite3 load when first needed.
    heavy = (
        "pydantic",
        "pydantic_core",
        "tenacity",
        "asyncio",
        "sqlite3",
        "difflib",
        "typing_extensions" if sys.version_info >= (3, 11) else "",
        "tiktokshop_sync._core.models",
        "tiktokshop_sync.types.order",
        "tiktokshop_sync.types.product",
        "tiktokshop_sync._core.tabular",  # tables and dataframes: notebooks load it
        "tiktokshop_sync._core.collector",  # the first reply read into views loads it
    )
    statement = (
        "import tiktokshop_sync; tiktokshop_sync.TikTokShop; tiktokshop_sync.AsyncTikTokShop"
    )
    assert loaded_after(statement, [m for m in heavy if m]) == []


SHOP_RESOURCES = (
    "tiktokshop_sync.resources.events",
    "tiktokshop_sync.resources.finance",
    "tiktokshop_sync.resources.fulfillment",
    "tiktokshop_sync.resources.logistics",
    "tiktokshop_sync.resources.orders",
    "tiktokshop_sync.resources.products",
    "tiktokshop_sync.resources.returns",
)


def test_the_client_class_loads_no_shop_resource_until_a_view_first_reads_one() -> None:
    statement = (
        "import tiktokshop_sync as t\n"
        "client = t.TikTokShop(app_key='k', app_secret='s', token_store=t.InMemoryTokenStore())\n"
        "shop = client.shop('cipher', grant='g')\n"
        "shop.products"
    )
    assert loaded_after(statement, SHOP_RESOURCES) == ["tiktokshop_sync.resources.products"]


@pytest.mark.parametrize("name", ["orders", "fulfillment", "logistics", "products", "returns",
                                  "events", "finance"])  # fmt: skip
def test_a_shop_views_resource_is_made_once_and_typed_by_its_class(name: str) -> None:
    import tiktokshop_sync as t

    for client in (
        t.TikTokShop(app_key="k", app_secret="s", token_store=t.InMemoryTokenStore()),
        t.AsyncTikTokShop(app_key="k", app_secret="s", token_store=t.InMemoryTokenStore()),
    ):
        shop = client.shop("cipher", grant="g")
        resource = getattr(shop, name)
        assert getattr(shop, name) is resource
        prefix = "Async" if isinstance(client, t.AsyncTikTokShop) else ""
        assert type(resource).__name__ == f"{prefix}{name.capitalize()}"
        assert resource._scope is shop._scope  # type: ignore[attr-defined]
        narrowed = shop.with_options(timeout=5)
        assert getattr(narrowed, name) is not resource


def test_the_first_reply_read_as_orders_loads_their_model() -> None:
    statement = (
        "import tiktokshop_sync.resources._endpoints as table\n"
        "assert 'tiktokshop_sync.types.order' not in sys.modules\n"
        "table.ORDERS_SEARCH.reply.read({'orders': [{'id': '1', 'status': 'UNPAID'}]})"
    )
    assert loaded_after(statement, ["tiktokshop_sync.types.order"]) == [
        "tiktokshop_sync.types.order"
    ]


def test_an_unknown_or_private_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'NoSuchThing'"):
        _ = tiktokshop_sync.NoSuchThing
    with pytest.raises(AttributeError, match="no attribute '_private'"):
        _ = tiktokshop_sync._private
