"""The ``tiktokshop-sync`` command tree: global options, the command groups, and ``run``.

A new command group joins by adding its typer group to ``_GROUPS``.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from tiktokshop_sync import __version__, setup_logging

from ._auth import auth_app, tokens_app
from ._common import DebugOpt, JsonOpt, begin, command
from ._deadlines import deadlines
from ._errors import report
from ._exit import ExitCode
from ._fake import fake_app
from ._hooks import CliHooks
from ._orders import orders_app, shops
from ._returns import returns_app
from ._session import GlobalOptions, Session
from ._settlement import settlement_app
from ._webhook import webhook_app
from ._workflows import import_app, inventory_app, publish_app, shipments_app

__all__ = ["app", "run"]

#: The typer application (for typer's ``CliRunner``); ``main()`` runs it with the SDK's error
#: handling.
app = typer.Typer(
    name="tiktokshop-sync",
    help=(
        "Operate TikTok Shop for a Japanese OMS from the shell: authorize shops, look at orders, "
        "dry-run and run the sync workflows, check webhooks, run a FakeShop.\n\n"
        "Settings: flags, then TIKTOKSHOP_* variables, then the config file "
        "(~/.config/tiktokshop-sync/config.toml). Exit codes: docs/guides/cli.md."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class ProgressMode(str, enum.Enum):
    """When to draw progress bars."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tiktokshop-sync {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(envvar="TIKTOKSHOP_CONFIG", help="Config file (TOML).", show_default=False),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            envvar="TIKTOKSHOP_STORE",
            help="State store: a SQLite file path (default ~/.local/state/tiktokshop-sync/"
            "state.db) or a store URL.",
        ),
    ] = None,
    seller: Annotated[
        str | None,
        typer.Option(envvar="TIKTOKSHOP_SELLER", help="The seller (open_id) to act for."),
    ] = None,
    shop: Annotated[
        str | None,
        typer.Option(envvar="TIKTOKSHOP_SHOP", help="The shop (id, name or cipher) to act on."),
    ] = None,
    base_url: Annotated[
        str | None, typer.Option(help="API base URL (TIKTOKSHOP_BASE_URL).", show_default=False)
    ] = None,
    auth_base_url: Annotated[
        str | None,
        typer.Option(help="Token host base URL (TIKTOKSHOP_AUTH_BASE_URL).", show_default=False),
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="row (Japan and the rest of the world) or us.")
    ] = None,
    timeout: Annotated[
        float | None, typer.Option(help="Seconds per call (TIKTOKSHOP_TIMEOUT).")
    ] = None,
    max_retries: Annotated[
        int | None, typer.Option(help="Retries of a failed safe call (TIKTOKSHOP_MAX_RETRIES).")
    ] = None,
    progress: Annotated[
        ProgressMode, typer.Option(help="Progress bars: auto (on a terminal), always or never.")
    ] = ProgressMode.AUTO,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """The global options; every command also takes --json and --debug."""
    hooks = ctx.obj if isinstance(ctx.obj, CliHooks) else CliHooks()
    options = GlobalOptions(
        config=config,
        store=store,
        seller=seller,
        shop=shop,
        base_url=base_url,
        auth_base_url=auth_base_url,
        region=region,
        timeout=timeout,
        max_retries=max_retries,
        progress=progress.value,
    )
    current = Session(hooks, options)
    ctx.obj = current
    ctx.call_on_close(current.close)


@command
def warehouses(ctx: typer.Context, json_output: JsonOpt = False, debug: DebugOpt = False) -> int:
    """List the shop's warehouses (ids for inventory --location and publish --warehouse-id)."""
    current, output = begin(ctx, json_output, debug)
    shop = current.shop()
    found = shop.view.logistics.warehouses()
    rows = [
        {
            "type": "warehouse",
            "id": w.id,
            "name": w.name,
            "kind": "" if w.type is None else str(w.type),
            "status": "" if w.effect_status is None else str(w.effect_status),
            "default": w.is_default,
        }
        for w in found
    ]
    if output.json_lines:
        for row in rows:
            output.record(row)
    else:
        output.table(
            ["warehouse id", "name", "type", "status", "default"],
            ([r["id"], r["name"], r["kind"], r["status"], r["default"]] for r in rows),
            title=f"warehouses of {shop.label}",
            wide=("name",),
        )
    return 0


app.command("shops")(command(shops))
app.command("warehouses")(warehouses)
app.command("deadlines")(command(deadlines))
_GROUPS = (
    auth_app,
    orders_app,
    import_app,
    shipments_app,
    inventory_app,
    publish_app,
    settlement_app,
    returns_app,
    webhook_app,
    tokens_app,
    fake_app,
)
for _group in _GROUPS:
    app.add_typer(_group)


def run(argv: list[str], hooks: CliHooks) -> int:
    """Run ``argv`` and return the exit code (errors already printed as one line)."""
    try:
        setup_logging()  # TIKTOKSHOP_LOG, as the client reads it
    except Exception as error:
        return int(report(error, debug=False))
    group = typer.main.get_command(app)
    try:
        # Standalone mode: usage errors print with the command's help hint and exit 2.
        group.main(args=argv, prog_name="tiktokshop-sync", standalone_mode=True, obj=hooks)
    except SystemExit as stop:
        code = stop.code
        return code if isinstance(code, int) else (0 if code is None else int(ExitCode.ERROR))
    return 0
