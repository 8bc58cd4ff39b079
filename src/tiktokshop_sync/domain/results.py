"""Outcomes of a check: passed, failed with a message, or skipped with the reason why."""

from __future__ import annotations

import enum
from typing import TypeAlias

import attrs

__all__ = ["CheckResult", "Failed", "Passed", "SkipCause", "Skipped"]


class SkipCause(enum.Enum):
    """Why a check could not run, so a host can tell withheld data from missing configuration."""

    MASKED = "masked"
    """TikTok withheld the value (masked with ``*``/``●`` or sent empty), so it says nothing."""
    NOT_CONFIGURED = "not_configured"
    """The check needs something the host has not configured (e.g. a postal lookup)."""
    NOT_APPLICABLE = "not_applicable"
    """The rule does not apply to this value (e.g. a Japanese postal rule on a foreign address)."""
    COPIED = "copied"
    """The value copies data another check covers (a buyer block copied from the recipient)."""


@attrs.frozen(kw_only=True)
class Passed:
    """The check ran on visible data and found nothing wrong."""

    check: str
    detail: str = ""


@attrs.frozen(kw_only=True)
class Failed:
    """The check ran on visible data and found it wrong; ``message`` says what to fix."""

    check: str
    message: str


@attrs.frozen(kw_only=True)
class Skipped:
    """The check could not run; ``reason`` says why (and how to enable it, when it can be)."""

    check: str
    cause: SkipCause
    reason: str


CheckResult: TypeAlias = Passed | Failed | Skipped
"""Any outcome of a check."""
