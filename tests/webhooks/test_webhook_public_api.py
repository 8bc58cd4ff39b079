"""The public surface: exactly __all__, documented, and light enough for a cold-start receiver."""

from __future__ import annotations

import inspect
import subprocess
import sys

import tiktokshop_sync.webhooks as webhooks

# Anything on this list makes a receiver's cold start pay for the HTTP client.
HEAVY_MODULES = ("httpx", "tenacity", "tiktokshop_sync._core", "tiktokshop_sync.resources")
# The wire-model bases live in the core; loading them (and the core's empty package) is expected.
MODEL_BASE = (
    "tiktokshop_sync._core",
    "tiktokshop_sync._core.models",
    "tiktokshop_sync._core.conversions",
    "tiktokshop_sync._core.views",
    "tiktokshop_sync._core.display",
)


def test_every_name_in_all_exists() -> None:
    missing = [name for name in webhooks.__all__ if not hasattr(webhooks, name)]
    assert missing == []


def test_all_lists_every_public_name_the_package_defines() -> None:
    public = {
        name
        for name, value in vars(webhooks).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert public == set(webhooks.__all__)


def test_every_public_class_and_function_has_a_docstring() -> None:
    undocumented = [
        name
        for name in webhooks.__all__
        if (inspect.isclass(obj := getattr(webhooks, name)) or inspect.isfunction(obj))
        and not (obj.__doc__ or "").strip()
    ]
    assert undocumented == []


def test_public_docstrings_open_with_a_short_summary() -> None:
    too_long = [
        name
        for name in webhooks.__all__
        if (inspect.isclass(obj := getattr(webhooks, name)) or inspect.isfunction(obj))
        and len((obj.__doc__ or "").strip().split("\n\n")[0].splitlines()) > 2
    ]
    assert too_long == []


def test_importing_webhooks_does_not_load_the_http_client() -> None:
    code = (
        "import sys, tiktokshop_sync.webhooks as w;"
        f"print(','.join(sorted(k for k in sys.modules if k not in {MODEL_BASE!r} and any("
        f"k == m or k.startswith(m + '.') for m in {HEAVY_MODULES!r}))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
