"""Every ```python block in docs/domain runs as written, so the examples cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "domain"
PAGES = (
    "index.md",
    "payments.md",
    "carriers.md",
    "hold.md",
    "addresses.md",
    "buyer.md",
    "deadlines.md",
    "stock.md",
    "shops.md",
)
# Pages whose blocks build one scenario and run in order in one namespace, as
# tests/test_docs_examples.py runs every page.
ORDERED_PAGES = ("listing.md",)
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _blocks() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for number, match in enumerate(BLOCK.finditer((DOCS / page).read_text("utf-8")), 1):
            found.append((f"{page}#example-{number}", match.group(1)))
    return found


def test_every_domain_page_exists_and_has_a_runnable_example() -> None:
    pages_with_code = {where.split("#")[0] for where, _ in _blocks()}
    assert pages_with_code == set(PAGES)
    assert all(BLOCK.search((DOCS / page).read_text("utf-8")) for page in ORDERED_PAGES)
    documented = {path.name for path in DOCS.glob("*.md")} - {"index.md"}
    assert documented == set(PAGES) - {"index.md"} | set(ORDERED_PAGES)


@pytest.mark.parametrize("code", [pytest.param(code, id=where) for where, code in _blocks()])
def test_the_documented_example_runs(code: str, request: pytest.FixtureRequest) -> None:
    where = request.node.callspec.id
    exec(compile(code, where, "exec"), {"__name__": "docs_example"})


def test_the_deadline_pages_printed_report_is_what_its_example_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = (DOCS / "deadlines.md").read_text("utf-8")
    *_, report_example = BLOCK.finditer(page)
    exec(compile(report_example.group(1), "deadlines.md#report", "exec"), {"__name__": "docs"})
    shown = re.search(r"^prints\n\n```\n(.*?)^```", page, re.DOTALL | re.MULTILINE)
    assert shown is not None
    assert capsys.readouterr().out == shown.group(1)


@pytest.mark.parametrize("name", ORDERED_PAGES)
def test_an_ordered_pages_examples_run_and_print_what_the_page_shows(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = (DOCS / name).read_text("utf-8")
    namespace = {"__name__": "docs_example"}
    printed = []
    for number, block in enumerate(BLOCK.finditer(page), 1):
        exec(compile(block.group(1), f"{name}#example-{number}", "exec"), namespace)
        out = capsys.readouterr().out
        if out:
            printed.append(out)
    shown = re.findall(r"^prints\n\n```\n(.*?)^```", page, re.DOTALL | re.MULTILINE)
    assert printed == shown
