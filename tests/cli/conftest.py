"""Fixtures for the command line: an isolated environment, a FakeShop behind the CLI's hooks."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tiktokshop_sync.cli import CliHooks, app
from tiktokshop_sync.testing import FakeShop

from .helpers import personal_strings

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No TIKTOKSHOP_* from the developer's shell; config and state under tmp_path."""
    for name in list(os.environ):
        if name.startswith("TIKTOKSHOP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeShop:
    shop = FakeShop(seed=11)
    monkeypatch.setenv("TIKTOKSHOP_APP_KEY", shop.app_key)
    monkeypatch.setenv("TIKTOKSHOP_APP_SECRET", shop.app_secret)
    monkeypatch.setenv("TIKTOKSHOP_SERVICE_ID", "7000000000000000001")
    return shop


@pytest.fixture
def hooks(fake: FakeShop) -> CliHooks:
    return CliHooks(transport=fake.transport, clock=fake.clock, sleep=fake.clock.sleep)


@pytest.fixture
def cli(hooks: CliHooks) -> Invoke:
    """Run the CLI in-process with typer's runner, against the FakeShop."""
    runner = CliRunner()

    def invoke(*args: str, hooks_: CliHooks | None = None) -> Result:
        return runner.invoke(app, list(args), obj=hooks_ or hooks, catch_exceptions=False)

    return invoke


@pytest.fixture
def authorized(cli: Invoke, fake: FakeShop) -> str:
    """The default seller authorized through ``auth exchange``; returns its open_id."""
    result = cli("auth", "exchange", fake.authorize())
    assert result.exit_code == 0, result.output
    return fake.seller.open_id


@pytest.fixture
def no_leaks(fake: FakeShop) -> Iterator[list[str]]:
    """Collect outputs; afterwards, none may hold personal data or a secret."""
    outputs: list[str] = []
    yield outputs
    text = "\n".join(outputs)
    for value in personal_strings(fake):
        assert value not in text, f"personal data in CLI output: {value!r}"
    assert fake.app_secret not in text
