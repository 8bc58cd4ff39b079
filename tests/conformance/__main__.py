"""Refresh the contract fixtures and the compatibility page from TikTok's snapshot.

PYTHONPATH=tests .venv/bin/python -m conformance      # or: make contract
"""

from __future__ import annotations

from datetime import date

from . import endpoint_for
from .calls import SDK_CALLS
from .compatibility import PAGE, render
from .fixtures import write_fixture


def main() -> None:
    """Rewrite what changed and say what it was."""
    today = date.today()
    for key in sorted({call.fixture for call in SDK_CALLS}):
        if write_fixture(endpoint_for(key), today):
            print(f"fixture updated: {key}")
    page = render()
    if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != page:
        PAGE.write_text(page, encoding="utf-8")
        print(f"page updated: {PAGE}")


if __name__ == "__main__":
    main()
