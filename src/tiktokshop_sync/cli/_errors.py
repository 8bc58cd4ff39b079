"""Errors as one line and an exit code: the exception's own hint plus the command to run next."""

from __future__ import annotations

import traceback

import httpx
import typer

from tiktokshop_sync import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    ConfigurationError,
    InvalidArgumentError,
    NotAuthorizedError,
    ReauthorizationRequiredError,
    StoreError,
    TikTokShopError,
)
from tiktokshop_sync.domain import DomainError, DuplicateStockLevelError
from tiktokshop_sync.webhooks import (
    WebhookConfigError,
    WebhookPayloadError,
    WebhookSignatureError,
)

from ._exit import ExitCode

__all__ = ["InputError", "NoGrantError", "classify", "one_line", "report"]


class InputError(TikTokShopError):
    """An input file the command reads is missing or has a row it cannot use."""


class NoGrantError(TikTokShopError):
    """The store holds no seller tokens: the app has not been authorized yet."""


#: Most specific first: the first class an error is an instance of decides.
_CODES: tuple[tuple[type[BaseException], ExitCode, str], ...] = (
    (NotAuthorizedError, ExitCode.AUTH, "authorize it: tiktokshop-sync auth url"),
    (NoGrantError, ExitCode.AUTH, ""),
    (
        ReauthorizationRequiredError,
        ExitCode.AUTH,
        "send the shop owner the link from: tiktokshop-sync auth url",
    ),
    (WebhookSignatureError, ExitCode.SIGNATURE, ""),
    (WebhookPayloadError, ExitCode.INPUT, ""),
    (WebhookConfigError, ExitCode.CONFIG, ""),
    (InputError, ExitCode.INPUT, ""),
    (
        DuplicateStockLevelError,
        ExitCode.INPUT,
        "fix the stock file: one row per seller_sku and location",
    ),
    (StoreError, ExitCode.STORE, "check --store (or TIKTOKSHOP_STORE)"),
    (AuthenticationError, ExitCode.AUTH, "check with: tiktokshop-sync auth status"),
    (APIError, ExitCode.API, ""),
    (APIConnectionError, ExitCode.NETWORK, ""),
    (httpx.TransportError, ExitCode.NETWORK, "check the URL and that the receiver is running"),
    (ConfigurationError, ExitCode.CONFIG, ""),
    (DomainError, ExitCode.CONFIG, ""),
    (InvalidArgumentError, ExitCode.USAGE, "see --help"),
    (TikTokShopError, ExitCode.ERROR, ""),
    (OSError, ExitCode.INPUT, ""),
)


def classify(error: BaseException) -> tuple[ExitCode, str]:
    """The exit code for ``error`` and the CLI's next step (may be empty)."""
    for kind, code, step in _CODES:
        if isinstance(error, kind):
            return code, step
    return ExitCode.ERROR, "this is a bug: run again with --debug and report the traceback"


def one_line(error: BaseException) -> str:
    """``error`` as one line: its class, its message with the hint, and the CLI's next step."""
    _code, step = classify(error)
    text = " ".join(str(error).split()) or "no message"
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        text = f"{error.strerror}: {error.filename}"
    line = f"error: {type(error).__name__}: {text}"
    return f"{line} (next: {step})" if step else line


def report(error: BaseException, *, debug: bool) -> ExitCode:
    """Print ``error`` to stderr (its traceback too with ``debug``) and return its exit code."""
    code, _step = classify(error)
    if debug:
        typer.echo("".join(traceback.format_exception(error)).rstrip(), err=True)
    typer.echo(one_line(error), err=True)
    return code
