"""Tracking numbers (伝票番号): TikTok's format rule, and an explicit width clean-up."""

from __future__ import annotations

import re
from typing import Final

from tiktokshop_sync.domain._text import narrow, plain
from tiktokshop_sync.domain.results import Failed, Passed

__all__ = ["TRACKING_NUMBER_CHECK", "check_tracking_number", "normalize_tracking_number"]

TRACKING_NUMBER_CHECK: Final = "tracking_number"
"""The ``check`` name on tracking-number results."""

_MIN, _MAX = 4, 50
# Update Shipping Info: 4-50 letters, digits, "-", "_", "." and "/" (tiktok-api.md §5.7).
_ALLOWED: Final = re.compile(r"[A-Za-z0-9_./-]")


def _problem(text: str) -> str | None:
    if not text:
        return "the tracking number (伝票番号) is empty"
    bad = sorted({char for char in text if not _ALLOWED.fullmatch(char)})
    if bad:
        shown = " ".join(repr(char) for char in bad)
        return (
            f"tracking number {text!r} contains characters TikTok refuses: {shown}; only letters, "
            f"digits, '-', '_', '.' and '/' are allowed"
        )
    if not _MIN <= len(text) <= _MAX:
        return f"tracking number {text!r} has {len(text)} characters; TikTok needs {_MIN}-{_MAX}"
    return None


def check_tracking_number(value: str) -> Passed | Failed:
    """Whether TikTok will accept the tracking number as typed; a failure says what is wrong."""
    text = plain(value)
    problem = _problem(text)
    if problem is None:
        return Passed(check=TRACKING_NUMBER_CHECK, detail=f"{text!r} matches TikTok's rule")
    cleaned = normalize_tracking_number(text)
    if cleaned != text and _problem(cleaned) is None:
        problem += f" (normalize_tracking_number() gives {cleaned!r}, which is valid)"
    return Failed(check=TRACKING_NUMBER_CHECK, message=problem)


def normalize_tracking_number(value: str) -> str:
    """Full-width digits and letters made ASCII, dash look-alikes ``-``, outer spaces trimmed."""
    return narrow(value).strip()
