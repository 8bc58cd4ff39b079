"""Exit codes: one per kind of outcome, so a script or a scheduler can act on them."""

from __future__ import annotations

import enum

__all__ = ["ExitCode"]


class ExitCode(enum.IntEnum):
    """What a ``tiktokshop-sync`` exit status means (the CLI guide has the same table)."""

    OK = 0
    """Done; nothing needs attention."""
    ERROR = 1
    """An unexpected error (a bug): run again with ``--debug`` and report the traceback."""
    USAGE = 2
    """The command line is wrong (an unknown option, a missing argument)."""
    CONFIG = 3
    """A setting is missing or invalid (app key, config file, policy, store path)."""
    AUTH = 4
    """Authorization is needed: no stored tokens, a grant to re-authorize, or rejected keys."""
    API = 5
    """TikTok (or a webhook replay target) refused the request; the message says why."""
    NETWORK = 6
    """TikTok could not be reached, or its reply was lost (a write may have applied)."""
    STORE = 7
    """The state store (tokens, cursors, ledger) cannot be opened, read or written."""
    INPUT = 8
    """An input file (shipments, stock, catalog, webhook body) is missing or has a bad row."""
    SIGNATURE = 9
    """A webhook's signature does not match its body."""
    ATTENTION = 10
    """The command ran, and something needs a person: expiring grants, overdue orders,
    writes that failed or whose outcome is unknown."""
    INTERRUPTED = 130
    """Stopped with Ctrl-C (``fake serve`` exits 0 instead: Ctrl-C is how it stops)."""
