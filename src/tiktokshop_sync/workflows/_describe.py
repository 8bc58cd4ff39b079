"""Dry-run summaries: what was skipped, grouped by why, with a count and a few example ids."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["skipped_lines"]

#: Example ids shown per reason; the rest are counted.
EXAMPLES = 3


def skipped_lines(what: str, skips: Iterable[tuple[str, str]], *, indent: str = "  ") -> list[str]:
    """``skip N <what>(s)``, then one line per reason (most frequent first) with example ids."""
    groups: dict[str, list[str]] = {}
    for subject, reason in skips:
        groups.setdefault(reason, []).append(subject)
    total = sum(len(subjects) for subjects in groups.values())
    if not total:
        return [f"{indent}skip 0 {what}(s)"]
    lines = [f"{indent}skip {total} {what}(s):"]
    for reason, subjects in sorted(groups.items(), key=lambda group: (-len(group[1]), group[0])):
        shown = ", ".join(subjects[:EXAMPLES])
        if len(subjects) > EXAMPLES:
            shown = f"e.g. {shown} and {len(subjects) - EXAMPLES} more"
        lines.append(f"{indent}  {len(subjects)} x {reason}: {shown}")
    return lines
