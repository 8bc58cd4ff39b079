"""The ``tiktokshop-sync`` command line: authorize, look, dry-run and run without writing code.

Install it with the ``cli`` extra (``pip install 'tiktokshop-sync[cli]'``: typer and rich).
Importing this package loads neither; :func:`main` does, and says how to install them when they
are missing. ``docs/guides/cli.md`` documents every command and :class:`ExitCode` the exit codes.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._exit import ExitCode
from ._hooks import CliHooks

if TYPE_CHECKING:
    from ._app import app

__all__ = ["CliHooks", "ExitCode", "app", "main"]


def __getattr__(name: str) -> Any:
    # ``app`` (the typer application, for typer's CliRunner) loads typer only when asked for.
    if name == "app":
        from ._app import app

        return app
    raise AttributeError(f"module 'tiktokshop_sync.cli' has no attribute {name!r}")


def main(argv: Sequence[str] | None = None, *, hooks: CliHooks | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code.

    ``hooks`` hands the commands a transport, clock and sleep (a FakeShop's, in tests).
    """
    try:
        from ._app import run
    except ImportError as error:
        if error.name not in ("typer", "rich", "click", "tomli"):
            raise
        print(
            f"tiktokshop-sync: the command line needs {error.name}, which the cli extra installs: "
            "pip install 'tiktokshop-sync[cli]'",
            file=sys.stderr,
        )
        return int(ExitCode.CONFIG)
    return run(list(sys.argv[1:] if argv is None else argv), hooks or CliHooks())
