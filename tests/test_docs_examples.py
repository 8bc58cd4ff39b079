"""Every ```python block of every docs page runs as written, so the docs cannot drift.

A page's blocks run in order in one namespace (later blocks use what earlier ones defined),
from an empty working directory, against FakeShop. A block that needs a real app and shop says
so on its first line, for readers and for this test, which skips exactly those blocks.
"""

from __future__ import annotations

import gc
import logging
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
REAL_SHOP_MARKER = "# needs a real app and shop (not run by the test suite)"
MAX_REAL_SHOP_BLOCKS = 6

# A fence may be indented (inside a list item); its code is dedented by the fence's indent.
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```python[^\n]*\n(?P<code>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@pytest.fixture
def _logging_restored() -> Iterator[None]:
    """Pages may configure logging (the logging guide does); undo it for the next tests."""
    loggers = [logging.getLogger(), *map(logging.getLogger, list(logging.root.manager.loggerDict))]
    saved = [(lg, lg.level, list(lg.handlers), list(lg.filters), lg.propagate) for lg in loggers]
    yield
    for lg, level, handlers, filters, propagate in saved:
        lg.setLevel(level)
        lg.handlers[:] = handlers
        lg.filters[:] = filters
        lg.propagate = propagate


def _page_name(page: Path) -> str:
    return page.relative_to(DOCS).as_posix()


def _blocks(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    return [textwrap.dedent(m.group("code")) for m in FENCE.finditer(text)]


def _needs_real_shop(block: str) -> bool:
    return block.lstrip("\n").startswith(REAL_SHOP_MARKER)


def _pages_with_code() -> list[Path]:
    return [page for page in sorted(DOCS.rglob("*.md")) if _blocks(page)]


def _param(page: Path) -> object:
    return pytest.param(page, id=_page_name(page))


@pytest.fixture
def _gc_restored() -> Iterator[None]:
    """The performance page tunes the garbage collector, as a host would; undo it."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("_logging_restored", "_gc_restored")
@pytest.mark.parametrize("page", [_param(page) for page in _pages_with_code()])
def test_the_pages_python_blocks_run_in_order_against_fakeshop(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("TIKTOKSHOP_APP_KEY", "TIKTOKSHOP_APP_SECRET", "TIKTOKSHOP_SERVICE_ID"):
        monkeypatch.delenv(name, raising=False)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    for number, block in enumerate(_blocks(page), 1):
        if _needs_real_shop(block):
            continue
        exec(compile(block, f"docs/{_page_name(page)} block {number}", "exec"), namespace)
        ran += 1
    assert ran > 0, "every block on the page needs a real shop: show one against FakeShop too"


def test_only_a_few_blocks_need_a_real_app_and_shop() -> None:
    marked = [
        f"{_page_name(page)} block {number}"
        for page in _pages_with_code()
        for number, block in enumerate(_blocks(page), 1)
        if _needs_real_shop(block)
    ]
    assert 0 < len(marked) <= MAX_REAL_SHOP_BLOCKS, marked


def test_the_real_shop_marker_is_only_ever_on_a_first_line() -> None:
    misplaced = [
        _page_name(page)
        for page in _pages_with_code()
        for block in _blocks(page)
        if REAL_SHOP_MARKER in block and not _needs_real_shop(block)
    ]
    assert misplaced == []


def test_the_guides_and_pages_users_start_from_have_runnable_examples() -> None:
    expected = {
        "index.md",
        "quickstart.md",
        "guides/authentication.md",
        "guides/orders.md",
        "guides/pagination.md",
        "guides/errors.md",
        "guides/retries.md",
        "guides/logging.md",
        "guides/async.md",
        "guides/multi-shop.md",
        "guides/cassettes.md",
        "guides/fakeshop.md",
        "guides/webhooks.md",
        "workflows/index.md",
    }
    assert expected <= {_page_name(page) for page in _pages_with_code()}


def test_the_fence_pattern_finds_indented_blocks_and_dedents_them() -> None:
    text = "1. step:\n\n    ```python\n    x = 1\n    if x:\n        y = 2\n    ```\n"
    assert [textwrap.dedent(m.group("code")) for m in FENCE.finditer(text)] == [
        "x = 1\nif x:\n    y = 2\n"
    ]
