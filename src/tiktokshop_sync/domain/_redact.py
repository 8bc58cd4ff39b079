"""Reprs that show whether a personal field is filled, never what it says."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["redacted", "redacted_lines"]


def redacted(value: str) -> str:
    """``'***'`` for any text (visible or masked), ``''`` for none: the state without the data."""
    return "'***'" if value else "''"


def redacted_lines(lines: Sequence[str]) -> str:
    """A tuple of address lines, each shown as :func:`redacted` shows one field."""
    inner = ", ".join(redacted(line) for line in lines)
    return f"({inner},)" if len(lines) == 1 else f"({inner})"
