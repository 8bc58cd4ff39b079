"""What a user installs: ``python -m build`` makes an sdist and a wheel that work in a fresh venv.

The build runs once per module (the wheel is built from the sdist, so a file missing from the
sdist breaks the wheel too). pip may fetch the runtime dependencies from the package index.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VERSION_FILE = ROOT / "src" / "tiktokshop_sync" / "_version.py"

SMOKE = """
import sys

import tiktokshop_sync

assert "httpx" not in sys.modules, "import tiktokshop_sync must stay lazy"
import importlib.metadata
import importlib.resources
from datetime import timedelta

from tiktokshop_sync import InMemoryTokenStore
from tiktokshop_sync.testing import FakeShop

assert tiktokshop_sync.__file__.startswith(sys.prefix), tiktokshop_sync.__file__
assert importlib.metadata.version("tiktokshop-sync") == tiktokshop_sync.__version__
assert (importlib.resources.files("tiktokshop_sync") / "py.typed").is_file()

# Without the postgres extra the module imports, and opening a store names the extra.
from tiktokshop_sync.postgres import PostgresNotInstalledError, PostgresStateStore

try:
    PostgresStateStore("host=/nowhere")
except PostgresNotInstalledError as exc:
    assert "tiktokshop-sync[postgres]" in str(exc), exc
else:
    raise AssertionError("PostgresStateStore opened without psycopg")

fake = FakeShop(seed=1)
fake.create_orders(3, status="AWAITING_SHIPMENT")
with fake.client(token_store=InMemoryTokenStore()) as client:
    tokens = client.oauth.exchange_code(fake.authorize())
    shop = client.seller(tokens.open_id).shop(fake.shops[0].cipher)
    orders = list(shop.orders.search(create_time_ge=fake.clock.now() - timedelta(days=7)))
assert len(orders) == 3, orders

import tiktokshop_sync.domain, tiktokshop_sync.webhooks, tiktokshop_sync.workflows  # noqa: E401

# Without the fleet extra the module imports, and building a fleet names the extra.
from tiktokshop_sync.fleet import Fleet, FleetNotInstalledError

assert "procrastinate" not in sys.modules
try:
    Fleet(conninfo="host=/nowhere", shops=[], client=None, state=None)
except FleetNotInstalledError as exc:
    assert "tiktokshop-sync[fleet]" in str(exc), exc
else:
    raise AssertionError("a Fleet was built without procrastinate")

print("smoke ok", tiktokshop_sync.__version__, len(orders))
"""


def _source_version() -> str:
    namespace: dict[str, object] = {}
    exec(VERSION_FILE.read_text(encoding="utf-8"), namespace)
    return str(namespace["__version__"])


def _clean_env() -> dict[str, str]:
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def _run(*args: str, cwd: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        list(args),
        cwd=cwd,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--outdir", str(out), str(ROOT), cwd=out, timeout=120)
    return out


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    [path] = dist.glob("*.tar.gz")
    return path


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    [path] = dist.glob("*.whl")
    return path


@pytest.fixture(scope="module")
def venv_python(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("venv")
    _run(sys.executable, "-m", "venv", str(home), cwd=home, timeout=60)
    python = home / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    _run(str(python), "-m", "pip", "install", "--quiet", str(wheel), cwd=home, timeout=150)
    return python


def _metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return Parser().parsestr(archive.read(name).decode("utf-8"))


@pytest.mark.slow
def test_the_sdist_contains_license_readme_changelog_tests_docs_and_examples(sdist: Path) -> None:
    prefix = f"tiktokshop_sync-{_source_version()}/"
    with tarfile.open(sdist) as archive:
        names = {name.removeprefix(prefix) for name in archive.getnames()}
    for required in (
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "pyproject.toml",
        "mkdocs.yml",
        "src/tiktokshop_sync/py.typed",
        "src/tiktokshop_sync/_version.py",
        "tests/conftest.py",
        "tests/cassettes/authorize_and_search_orders.yaml",
        "docs/index.md",
        "docs/changelog.md",
        "examples/quickstart.py",
    ):
        assert required in names, required
    assert not [n for n in names if "__pycache__" in n or n.startswith((".venv", "site/"))]


@pytest.mark.slow
def test_the_wheel_ships_py_typed_and_the_license_but_no_tests(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "tiktokshop_sync/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "tiktokshop_sync/testing/fakeshop.py" in names  # test doubles are shipped to users
    assert not [n for n in names if n.startswith(("tests/", "docs/", "examples/"))]


@pytest.mark.slow
def test_the_wheel_metadata_carries_the_single_sourced_version_and_the_extras(
    wheel: Path,
) -> None:
    metadata = _metadata(wheel)
    assert metadata["Version"] == _source_version()
    assert wheel.name.startswith(f"tiktokshop_sync-{_source_version()}-")
    assert metadata["Requires-Python"] == ">=3.10"
    assert "jp" in metadata.get_all("Provides-Extra", [])
    assert "postgres" in metadata.get_all("Provides-Extra", [])
    assert "fleet" in metadata.get_all("Provides-Extra", [])
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])
    assert metadata["License-Expression"] == "MIT"


@pytest.mark.slow
def test_the_wheel_installs_into_a_fresh_venv_and_passes_a_smoke_test(
    venv_python: Path, tmp_path: Path
) -> None:
    done = _run(str(venv_python), "-c", SMOKE, cwd=tmp_path, timeout=60)
    assert done.stdout.strip() == f"smoke ok {_source_version()} 3"


def test_the_changelog_has_a_section_for_the_current_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{_source_version()}]" in text


def test_the_docs_changelog_page_includes_the_root_changelog() -> None:
    page = (ROOT / "docs" / "changelog.md").read_text(encoding="utf-8")
    assert page == '--8<-- "CHANGELOG.md"\n'


def test_the_docs_enable_the_include_and_fail_on_a_missing_file() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    snippets = config[config.index("- pymdownx.snippets:") :].split("\n  - ")[0]
    assert "check_paths: true" in snippets
    assert 'base_path: ["."]' in snippets


def test_the_rendered_changelog_page_has_every_heading_of_the_root_changelog() -> None:
    import markdown

    page = (ROOT / "docs" / "changelog.md").read_text(encoding="utf-8")
    html = markdown.markdown(
        page,
        extensions=["pymdownx.snippets", "toc"],
        extension_configs={"pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True}},
    )
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    assert len(headings) >= 4
    for heading in headings:
        assert f">{heading}</h" in html.replace("&lt;", "<"), heading
