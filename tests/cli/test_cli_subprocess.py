"""Real processes: ``python -m tiktokshop_sync.cli``, the installed console script, and a
``fake serve`` in one process with another CLI process talking to it over loopback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(sys.executable).parent / "tiktokshop-sync"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIKTOKSHOP_")}
    env |= {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "COLUMNS": "200",
        **extra,
    }
    return env


def _client_env(details: dict[str, Any], tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a CLI process talking to a served FakeShop."""
    return _env(
        tmp_path,
        TIKTOKSHOP_BASE_URL=details["base_url"],
        TIKTOKSHOP_AUTH_BASE_URL=details["auth_base_url"],
        TIKTOKSHOP_APP_KEY=details["app_key"],
        TIKTOKSHOP_APP_SECRET=details["app_secret"],
        TIKTOKSHOP_STORE=str(tmp_path / "client.db"),
        **extra,
    )


def _run(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tiktokshop_sync.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_python_m_prints_the_help(tmp_path: Path) -> None:
    done = _run("--help", env=_env(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "fake" in done.stdout and "import" in done.stdout


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is installed with the venv")
def test_the_console_script_prints_the_version(tmp_path: Path) -> None:
    import tiktokshop_sync

    done = subprocess.run(
        [str(SCRIPT), "--version"], env=_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"tiktokshop-sync {tiktokshop_sync.__version__}"


def test_a_missing_setting_exits_3_with_one_line_and_no_traceback(tmp_path: Path) -> None:
    done = _run("auth", "url", env=_env(tmp_path))
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "TIKTOKSHOP_APP_KEY" in done.stderr


def test_a_bad_tiktokshop_log_value_exits_3_naming_the_variable(tmp_path: Path) -> None:
    done = _run("--help", env=_env(tmp_path, TIKTOKSHOP_LOG="verbose"))
    assert done.returncode == 3 and "TIKTOKSHOP_LOG" in done.stderr


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[dict[str, Any], subprocess.Popen[str]]]:
    """``fake serve --json`` in its own process; yields its connection details."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tiktokshop_sync.cli", "fake", "serve", "--port", "0", "--json"],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    try:
        yield json.loads(line), process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def test_another_process_authorizes_and_reads_orders_over_loopback(
    served: tuple[dict[str, Any], subprocess.Popen[str]], tmp_path: Path
) -> None:
    details, _process = served
    env = _client_env(details, tmp_path)
    exchange = _run("auth", "exchange", details["auth_code"], "--json", env=env)
    assert exchange.returncode == 0, exchange.stderr
    assert json.loads(exchange.stdout)["open_id"] == details["seller"]
    shops = _run("shops", "--json", env=env)
    assert [json.loads(x)["id"] for x in shops.stdout.splitlines()] == [
        s["id"] for s in details["shops"]
    ]
    orders = _run("orders", "search", "--limit", "0", "--json", env=env)
    assert orders.returncode == 0, orders.stderr
    rows = [json.loads(x) for x in orders.stdout.splitlines()]
    assert len(rows) == details["orders"]
    assert details["app_secret"] not in exchange.stdout + shops.stdout + orders.stdout


def test_tiktokshop_log_debug_logs_each_call_with_secrets_redacted(
    served: tuple[dict[str, Any], subprocess.Popen[str]], tmp_path: Path
) -> None:
    details, _process = served
    env = _client_env(details, tmp_path, TIKTOKSHOP_LOG="debug")
    done = _run("auth", "exchange", details["auth_code"], env=env)
    assert done.returncode == 0, done.stderr
    assert "GET /api/v2/token/get -> HTTP 200" in done.stderr  # the SDK's own record
    assert "HTTP Request: GET" in done.stderr and "app_secret=***" in done.stderr  # httpx's
    assert details["app_secret"] not in done.stderr
    assert details["auth_code"] not in done.stderr


def test_ctrl_c_stops_fake_serve_with_exit_0(
    served: tuple[dict[str, Any], subprocess.Popen[str]],
) -> None:
    _details, process = served
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
