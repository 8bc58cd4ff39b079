"""Every ```python block of the docs and README passes ``mypy --strict``, as users' code would.

A page's blocks run in order in one namespace (tests/test_docs_examples.py), so they are checked
the same way: one module per page, its blocks in order. The blocks that need a real shop are
checked too: they are not run, but they are copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from package_checks import mypy_strict
from test_docs_examples import DOCS, _blocks, _page_name, _pages_with_code

README = DOCS.parent / "README.md"


def _module_name(page: Path) -> str:
    name = "README" if page == README else _page_name(page).removesuffix(".md")
    return "doc_" + name.replace("/", "__").replace("-", "_")


def _write_modules(into: Path) -> list[Path]:
    written = []
    for page in [README, *_pages_with_code()]:
        module = into / f"{_module_name(page)}.py"
        module.write_text("\n\n".join(_blocks(page)), encoding="utf-8")
        written.append(module)
    return written


@pytest.mark.slow
def test_every_python_block_of_the_docs_passes_mypy_strict(
    tmp_path: Path, mypy_cache: Path
) -> None:
    (tmp_path / "pages").mkdir()
    modules = _write_modules(tmp_path / "pages")
    done = mypy_strict(modules, mypy_cache)
    assert len(modules) > 30
    assert done.returncode == 0, done.stdout + done.stderr
