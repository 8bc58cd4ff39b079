"""docs/guides/webhooks.md: its python blocks run as written (in order, one namespace)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "webhooks.md"


def _blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.M | re.S)


def test_webhook_guide_examples_run_and_print_what_they_promise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not GUIDE.exists():
        pytest.skip("docs are not shipped with this checkout")
    blocks = _blocks()
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{GUIDE.name} block {number}", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "2024-06-13T19:06:25+00:00",
        "order 576653688135258178 is UNPAID",
        "new: 7380066284010030890",
        "order 576486316948490001: cancellation CANCELLATION_REQUEST_PENDING",
    ]
