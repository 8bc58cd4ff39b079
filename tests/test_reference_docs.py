"""The built docs site: a complete API reference, Japanese search, and pages that work from disk.

The reference documents every public name, renders no Sphinx role and shows no private base.

The site is built once (``mkdocs build --strict``, as ``make docs`` does) and its reference pages
read: a public name is one in the ``__all__`` of ``tiktokshop_sync`` or of a public module (no
``_`` part in its path); it is documented when a rendered heading's anchor resolves to it, and
a model or value is documented with every field it takes.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pydantic
import pytest

from package_checks import public_modules

ROOT = Path(__file__).resolve().parents[1]
ANCHOR = re.compile(r'id="(tiktokshop_sync(?:\.\w+)*)"')
ROLE = re.compile(r":(?:class|func|meth|attr|data|exc|mod|obj):")
BASES = re.compile(r"Bases: (.*?)</p>", re.DOTALL)

pytest.importorskip("mkdocs")


#: ``make test`` builds the site (its ``docs`` step) just before the suite and names it here, so
#: the suite reads that build instead of making the same site a second time (about a minute).
BUILT_SITE = "TIKTOKSHOP_BUILT_SITE"


def _built_after_every_source(site: Path) -> bool:
    """True when ``site`` was built after the last change to any file it is made of (the
    config, the pages, the docstrings, the examples and the root files pages include)."""
    index = site / "index.html"
    if not index.is_file():
        return False
    built = index.stat().st_mtime
    sources = [ROOT / "mkdocs.yml", ROOT / "CHANGELOG.md", ROOT / "README.md"]
    for folder in ("docs", "src", "examples"):
        sources += (p for p in (ROOT / folder).rglob("*") if "__pycache__" not in p.parts)
    return all(p.stat().st_mtime <= built for p in sources if p.is_file())


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built as ``make docs`` builds it (``make test``'s own build when it is newer
    than every source)."""
    given = os.environ.get(BUILT_SITE)
    if given and _built_after_every_source(Path(given)):
        return Path(given)
    site = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return site


@pytest.fixture(scope="session")
def reference(site: Path) -> dict[str, str]:
    """Every rendered reference page's HTML, by page."""
    pages = sorted((site / "reference").rglob("*.html"))
    return {page.relative_to(site).as_posix(): page.read_text(encoding="utf-8") for page in pages}


def _resolve(path: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # a deprecated alias's own entry
        return _lookup(path)


def _lookup(path: str) -> Any:
    parts = path.split(".")
    for end in range(len(parts), 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for part in parts[end:]:
            found = getattr(found, part, _MISSING)
        return found
    return _MISSING


_MISSING = object()


def _public_modules() -> Iterator[ModuleType]:
    for name in public_modules():
        yield importlib.import_module(name)


def _documented(reference: dict[str, str]) -> list[tuple[str, Any]]:
    anchors = {anchor for html in reference.values() for anchor in ANCHOR.findall(html)}
    return [(anchor, _resolve(anchor)) for anchor in anchors]


def _is_documented(obj: Any, name: str, documented: list[tuple[str, Any]]) -> bool:
    for anchor, target in documented:
        if target is obj:
            return True
        # a constant (an int, a timedelta) is the same value, maybe not the same object
        if anchor.rsplit(".", 1)[-1] == name and target is not _MISSING and target == obj:
            return True
    return False


def test_every_public_name_is_documented_in_the_reference(reference: dict[str, str]) -> None:
    documented = _documented(reference)
    missing = [
        f"{module.__name__}.{name}"
        for module in _public_modules()
        for name in getattr(module, "__all__", ())
        if not _is_documented(getattr(module, name), name, documented)
    ]
    assert missing == []


def test_every_public_method_of_every_resource_is_documented(reference: dict[str, str]) -> None:
    anchors = {anchor for html in reference.values() for anchor in ANCHOR.findall(html)}
    resources = [
        m for m in _public_modules() if m.__name__.startswith("tiktokshop_sync.resources.")
    ]
    missing = [
        f"{module.__name__}.{cls}.{method}"
        for module in resources
        for cls in module.__all__
        if isinstance(getattr(module, cls), type) and "Filters" not in cls
        for method in vars(getattr(module, cls))
        if not method.startswith("_") and callable(getattr(getattr(module, cls), method))
        if f"{module.__name__}.{cls}.{method}" not in anchors
    ]
    assert len(resources) >= 8
    assert missing == []


def test_no_page_shows_a_sphinx_role(reference: dict[str, str]) -> None:
    shown = {page: ROLE.findall(html) for page, html in reference.items()}
    assert {page: roles for page, roles in shown.items() if roles} == {}


def test_no_class_shows_a_private_base(reference: dict[str, str]) -> None:
    bases = [
        re.sub(r"<[^>]+>", "", found)
        for html in reference.values()
        for found in BASES.findall(html)
    ]
    assert bases  # the pattern still finds the rendered bases
    assert [b for b in bases if re.search(r"(^|[\s,.\[])_[A-Za-z]", b)] == []


def _fields(cls: type) -> list[str]:
    if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
        return [name for name in cls.model_fields if not name.startswith("_")]
    if attrs.has(cls):
        return [f.name for f in attrs.fields(cls) if not f.name.startswith("_") and f.init]
    return []


def test_every_field_of_every_public_model_and_value_is_documented(
    reference: dict[str, str],
) -> None:
    documented = _documented(reference)
    anchors = {anchor for anchor, _ in documented}
    missing = []
    for module in _public_modules():
        for name in getattr(module, "__all__", ()):
            cls = getattr(module, name)
            fields = _fields(cls) if isinstance(cls, type) else []
            homes = [anchor for anchor, target in documented if target is cls]
            if (
                fields
                and homes
                and not any(all(f"{home}.{field}" in anchors for field in fields) for home in homes)
            ):
                missing.append(f"{module.__name__}.{name}")
    assert sorted(set(missing)) == []


def test_search_indexes_english_and_japanese_text(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["en", "ja"]  # lunr's ja tokenizer (TinySegmenter) loads
    assert (site / "assets" / "javascripts" / "lunr" / "tinyseg.js").exists()
    assert any("入金待ち" in doc["text"] for doc in index["docs"])


def test_the_search_separator_splits_at_japanese_punctuation(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words = [w for w in separator.split("支払方法、入金待ち。「発送済み」（出荷）") if w]
    assert words == ["支払方法", "入金待ち", "発送済み", "出荷"]


def test_the_site_opened_from_disk_links_every_page_by_its_file(site: Path) -> None:
    href = re.compile(r'href="(?![a-z]+:|#)([^"#?]*)')
    broken = sorted(
        {
            f"{page.relative_to(site)} -> {target}"
            for page in site.rglob("*.html")
            if page.name != "404.html"  # only a web server shows it
            for target in href.findall(page.read_text(encoding="utf-8"))
            if target and not (page.parent / target).is_file()
        }
    )
    assert (site / "search" / "search_index.js").is_file()  # search without a server
    assert broken == []


def test_the_example_notebook_is_rendered_with_the_outputs_of_a_fresh_run(site: Path) -> None:
    page = (site / "guides" / "notebook.html").read_text(encoding="utf-8")
    assert "<caption>items: 5 Order</caption>" in page  # a cell's output: the notebook ran
    assert "<caption>OrderImportPlan</caption>" in page


def test_every_workflow_shows_its_constructor_plan_and_apply(reference: dict[str, str]) -> None:
    import tiktokshop_sync.workflows as workflows

    anchors = {anchor for html in reference.values() for anchor in ANCHOR.findall(html)}
    planners = [
        name
        for name in workflows.__all__
        if isinstance(getattr(workflows, name), type)
        and all(hasattr(getattr(workflows, name), m) for m in ("plan", "apply"))
    ]
    missing = [
        f"{name}.{member}"
        for name in planners
        for member in ("__init__", "plan", "apply")
        if f"tiktokshop_sync.workflows.{name}.{member}" not in anchors
        and not (member == "__init__" and f"tiktokshop_sync.workflows.{name}" in anchors)
    ]
    assert len(planners) >= 10  # the sync and async order import, shipments, stock, publish...
    assert "tiktokshop_sync.TikTokShop.from_env" in anchors
    assert missing == []
