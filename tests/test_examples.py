"""The examples run as a user would run them: ``python examples/<name>.py``, no credentials.

Each runs in a fresh interpreter, from an empty working directory, with no ``TIKTOKSHOP_*``
variables set, and must exit 0 printing the line a seller would look for.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from package_checks import mypy_strict

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TIMEOUT = 60

EXPECTED = {
    "demo.py": r"^Done: \d+ signed requests to the fake shop, every signature verified\.$",
    "quickstart.py": r"^Shop さくら商店 公式ショップ \(JP\): 25 orders in the last 7 days$",
    "notebook_walkthrough.py": r"^Ready to ship now: \d+ of 20 orders$",
    "oms_adapter.py": r"^same orders delivered again: still (\d+) orders \(upsert by key\)$",
    "multi_shop.py": r"^OMS holds \d+ orders from 3 shops\.$",
}


def _run(name: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIKTOKSHOP_")}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_example_runs_with_no_credentials_and_prints_its_key_line(
    name: str, tmp_path: Path
) -> None:
    done = _run(name, tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.search(EXPECTED[name], done.stdout, re.MULTILINE), done.stdout
    assert list(tmp_path.iterdir()) == []  # nothing left behind in the working directory


def test_the_quickstart_example_is_short_enough_to_read_in_one_screen() -> None:
    assert len((EXAMPLES / "quickstart.py").read_text(encoding="utf-8").splitlines()) <= 45


def test_the_notebook_walkthrough_is_split_into_cells() -> None:
    source = (EXAMPLES / "notebook_walkthrough.py").read_text(encoding="utf-8")
    assert source.count("\n# %%\n") >= 4


def test_the_oms_adapter_imports_each_order_once_however_often_it_is_delivered(
    tmp_path: Path,
) -> None:
    done = _run("oms_adapter.py", tmp_path)
    imported = re.search(r"^imported (\d+) orders", done.stdout, re.MULTILINE)
    still = re.search(EXPECTED["oms_adapter.py"], done.stdout, re.MULTILINE)
    assert imported and still, done.stdout + done.stderr
    assert imported.group(1) == still.group(1)
    assert "second run: imported 0" in done.stdout


def test_the_oms_adapter_keeps_two_lines_of_one_sku_at_two_prices(
    tmp_path: Path,
) -> None:
    import importlib.util

    from tiktokshop_sync import InMemoryTokenStore
    from tiktokshop_sync.workflows import OrderImport
    from tiktokshop_sync.workflows.state import SQLiteStateStore

    spec = importlib.util.spec_from_file_location("oms_adapter", EXAMPLES / "oms_adapter.py")
    assert spec is not None and spec.loader is not None
    adapter = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(adapter)
    from tiktokshop_sync.testing import FakeShop

    fake = FakeShop(seed=7)
    fake.create_orders(
        1, status="AWAITING_SHIPMENT", items=[("TS-TEE-BLK-M", 3)], seller_coupon=100
    )
    oms = adapter.SQLiteOms(tmp_path / "oms.db")
    with fake.client(token_store=InMemoryTokenStore()) as client:
        grant = client.oauth.exchange_code(fake.authorize())
        shop = client.shop(fake.shops[0].cipher, grant=grant.open_id)
        job = OrderImport(shop=shop, state=SQLiteStateStore(tmp_path / "s.db"), sink=oms)
        assert job.run().delivered == 1
    assert oms.count("order_lines") == 2  # 1946 and 1947 x 2: one SKU, two prices


def test_the_multi_shop_example_imports_every_shop_once(tmp_path: Path) -> None:
    done = _run("multi_shop.py", tmp_path)
    first_pass = re.findall(r"^  (.+): imported (\d+) orders", done.stdout, re.MULTILINE)
    second_pass = re.findall(r"^  (.+): imported (\d+)$", done.stdout, re.MULTILINE)
    assert [shop for shop, _ in first_pass] == [shop for shop, _ in second_pass]
    assert len(first_pass) == 3
    assert all(int(count) > 0 for _, count in first_pass)
    assert all(count == "0" for _, count in second_pass)


def test_every_example_file_is_covered_by_a_test() -> None:
    tested_elsewhere = {"webhook_receiver.py"}  # tests/webhooks/test_webhook_receiver_example.py
    examples = {path.name for path in EXAMPLES.glob("*.py")}
    assert examples - tested_elsewhere == set(EXPECTED)


@pytest.mark.slow
def test_the_examples_type_check_under_mypy_strict(tmp_path: Path, mypy_cache: Path) -> None:
    examples = [EXAMPLES / name for name in sorted(EXPECTED) if name != "demo.py"]
    done = mypy_strict(examples, mypy_cache)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_demo_prints_its_times_in_jst(tmp_path: Path) -> None:
    done = _run("demo.py", tmp_path)
    assert re.search(r"orders updated .* JST for shop", done.stdout), done.stdout
    assert re.search(r"answer by \d{4}-\d\d-\d\d \d\d:\d\d JST", done.stdout)
    assert " UTC" not in done.stdout and "+00:00" not in done.stdout


def test_the_demo_explains_every_held_and_released_order(tmp_path: Path) -> None:
    done = _run("demo.py", tmp_path)
    held = re.search(r"-> \d+ imported, (\d+) held in 入金待ち", done.stdout)
    reasons = re.findall(
        r"^      (\d+) (?:UNPAID|ON_HOLD|inside|the payment|a status)", done.stdout, re.M
    )
    released = re.search(r"-> (\d+) released \(", done.stdout)
    still = re.search(r"^      (\d+) still held: not paid yet", done.stdout, re.M)
    assert held and released and still, done.stdout
    assert sum(map(int, reasons)) == int(held.group(1))
    assert int(released.group(1)) + int(still.group(1)) == int(held.group(1))


def test_the_demo_says_its_state_file_is_temporary_and_ends_with_what_next(
    tmp_path: Path,
) -> None:
    done = _run("demo.py", tmp_path)
    assert re.search(r"tiktokshop-state\.db \(a temporary directory, removed", done.stdout)
    finish = done.stdout.split("\nDone: ", 1)[1]
    what_next = finish.split("\nWhat next:\n", 1)[1]  # the last thing it prints
    assert "docs/quickstart.md" in what_next and "examples/notebook.ipynb" in what_next


def test_the_demo_keeps_its_state_file_in_a_directory_given(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIKTOKSHOP_")}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "demo.py"), str(tmp_path / "kept")],
        cwd=tmp_path,
        env={**env, "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "kept" / "tiktokshop-state.db").is_file()
    assert f"sqlite3 {tmp_path / 'kept' / 'tiktokshop-state.db'} .tables" in done.stdout
