"""Helpers for tests of the package as a whole: its public modules, what an import loads."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterable

import tiktokshop_sync


def public_modules() -> list[str]:
    """``tiktokshop_sync`` and every module under it whose dotted path has no ``_`` part."""
    found = ["tiktokshop_sync"]
    for info in pkgutil.walk_packages(tiktokshop_sync.__path__, "tiktokshop_sync."):
        if not any(part.startswith("_") for part in info.name.split(".")[1:]):
            found.append(info.name)
    return found


def loaded_after(statement: str, modules: Iterable[str] | None = None) -> list[str]:
    """Which of ``modules`` (default: every ``tiktokshop_sync.*`` one) ``statement`` loads.

    It runs in a fresh interpreter, so nothing an earlier test imported counts.
    """
    wanted = "None" if modules is None else repr(tuple(modules))
    code = (
        f"import json, sys\n{statement}\nwanted = {wanted}\n"
        "print(json.dumps(sorted(m for m in sys.modules if (m in wanted if wanted is not None"
        " else m.startswith('tiktokshop_sync.')))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def mypy_strict(paths: Iterable[object], cache_dir: object) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` over ``paths`` as a user's code would be checked, in a fresh process.

    ``--implicit-reexport`` only until the root package's ``__all__`` is visible to type checkers
    (see test_public_api.py::test_the_root_packages_exports_are_visible_to_type_checkers).
    """
    command = [sys.executable, "-m", "mypy", "--strict", "--implicit-reexport"]
    return subprocess.run(
        [*command, "--cache-dir", str(cache_dir), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
