"""What every command shares: ``--json`` and ``--debug``, the session, and error handling."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from ._errors import report
from ._exit import ExitCode
from ._output import Output
from ._session import Session

__all__ = ["DebugOpt", "JsonOpt", "PersonalOpt", "begin", "command", "session"]

JsonOpt = Annotated[
    bool,
    typer.Option("--json", help="Print JSON lines (one object per line) for scripts."),
]
DebugOpt = Annotated[
    bool,
    typer.Option("--debug", help="On an error, print its traceback; log every call to stderr."),
]
PersonalOpt = Annotated[
    bool,
    typer.Option(
        "--show-personal-data",
        help="Print buyers' names, phones, addresses and messages (masked as *** by default).",
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def session(ctx: typer.Context) -> Session:
    """The session the root command made for this run."""
    found = ctx.find_object(Session)
    if found is None:  # pragma: no cover - the root callback always makes one
        raise RuntimeError("tiktokshop-sync commands run under the root command")
    return found


def command(fn: F) -> F:
    """Run a command body: its returned exit code, or its error as one line and an exit code."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        current = session(kwargs["ctx"])
        try:
            code = fn(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except Exception as error:
            raise typer.Exit(int(report(error, debug=current.debug))) from None
        raise typer.Exit(int(code or 0))

    return run  # type: ignore[return-value]


def begin(ctx: typer.Context, json_lines: bool, debug: bool) -> tuple[Session, Output]:
    """The session and output of a command that takes ``--json`` and ``--debug``."""
    current = session(ctx)
    return current, current.start(json_lines=json_lines, debug=debug)
