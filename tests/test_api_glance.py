"""docs/reference/api.md lists every method of the client, its views, resources and workflows."""

from __future__ import annotations

import importlib
import inspect

from api_glance import PAGE, render
from package_checks import public_modules
from tiktokshop_sync.resources._endpoints import ALL


def test_the_api_at_a_glance_page_is_up_to_date() -> None:
    # refresh with: .venv/bin/python tests/api_glance.py
    assert PAGE.read_text(encoding="utf-8") == render()


def test_every_public_method_of_every_resource_has_a_row() -> None:
    page = render()
    modules = [importlib.import_module(m) for m in public_modules() if ".resources." in m]
    missing = [
        f"{cls.__name__}.{name}"
        for module in modules
        for cls in (getattr(module, n) for n in module.__all__)
        if inspect.isclass(cls)
        and not cls.__name__.startswith("Async")
        and "Filters" not in cls.__name__
        for name, value in vars(cls).items()
        if inspect.isfunction(value) and not name.startswith("_")
        if f".{cls.__name__.lower()}.{name}(" not in page  # shop.orders.get(
    ]
    assert len(modules) >= 8
    assert missing == []


def test_every_endpoint_the_sdk_calls_has_a_row_with_its_http_method_and_path() -> None:
    page = render()
    assert [row.name for row in ALL if f"`{row.method} {row.path}`" not in page] == []


def test_every_workflow_that_plans_shows_its_constructor_plan_and_apply() -> None:
    page = render()
    for name in ("OrderImport", "ShipmentWriteBack", "InventoryPush", "ProductPublish"):
        section = page.split(f"`job = {name}(", 1)[1].split("**`job = ", 1)[0]
        assert "`job.plan()`" in section and "`job.apply(plan)`" in section, name
