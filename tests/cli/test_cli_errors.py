"""Errors: one line with the exception's hint, an exit code from the table, tracebacks on ask."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tiktokshop_sync.cli import ExitCode
from tiktokshop_sync.testing import FakeShop

from .conftest import Invoke

DOCS = Path(__file__).resolve().parents[2] / "docs" / "guides" / "cli.md"


def test_an_api_error_is_one_line_with_tiktoks_code_and_the_hint(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.fail_next("server_error", times=10)
    result = cli("orders", "search")
    assert result.exit_code == 5
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ServerError:") and "retried automatically" in line
    assert "Traceback" not in result.output


def test_debug_adds_the_traceback(cli: Invoke, fake: FakeShop, authorized: str) -> None:
    fake.fail_next("server_error", times=10)
    result = cli("orders", "search", "--debug")
    assert result.exit_code == 5
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: ServerError:")


def test_a_network_failure_exits_6(cli: Invoke, fake: FakeShop, authorized: str) -> None:
    fake.fail_next("connect_error", times=10)
    assert cli("orders", "search").exit_code == 6


def test_an_unknown_option_exits_2(cli: Invoke) -> None:
    assert cli("orders", "search", "--colour").exit_code == 2


def test_every_command_has_help_that_explains_it(cli: Invoke) -> None:
    for args in (
        ("auth", "url"),
        ("auth", "exchange"),
        ("auth", "status"),
        ("shops",),
        ("warehouses",),
        ("orders", "search"),
        ("orders", "get"),
        ("import", "plan"),
        ("import", "run"),
        ("shipments", "plan"),
        ("shipments", "run"),
        ("inventory", "plan"),
        ("inventory", "run"),
        ("publish", "plan"),
        ("publish", "run"),
        ("webhook", "verify"),
        ("webhook", "replay"),
        ("fake", "serve"),
        ("tokens", "health"),
        ("deadlines",),
    ):
        result = cli(*args, "--help")
        assert result.exit_code == 0, args
        assert "--json" in result.stdout and "--debug" in result.stdout, args
        assert len(result.stdout.split("Options")[0]) > 80, args  # a real description


def test_the_exit_codes_are_distinct() -> None:
    assert len({int(c) for c in ExitCode}) == len(ExitCode)


def test_the_cli_guide_documents_every_exit_code_as_a_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+) \| `(\w+)` \|", text, flags=re.MULTILINE))
    assert rows == {str(int(c)): c.name for c in ExitCode}


@pytest.mark.parametrize("code", list(ExitCode))
def test_every_exit_code_has_a_docstring(code: ExitCode) -> None:
    import inspect

    source = inspect.getsource(ExitCode)
    assert re.search(rf"{code.name} = {int(code)}\n\s+\"\"\"", source), code


def _commands(group: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, sub in getattr(group, "commands", {}).items():
        if getattr(sub, "commands", None):
            found += _commands(sub, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def test_the_cli_guide_documents_every_command() -> None:
    import typer

    from tiktokshop_sync.cli import app

    text = DOCS.read_text(encoding="utf-8")
    headings = " ".join(re.findall(r"^### (.+)$", text, flags=re.MULTILINE))
    commands = _commands(typer.main.get_command(app))
    assert len(commands) >= 20
    for command in commands:
        group, *sub = command
        assert f"`{group}" in headings, command
        assert all(s in headings for s in sub), command
