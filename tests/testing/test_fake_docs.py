"""The FakeShop guide's examples run as written (```python blocks, in order, one namespace)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "fakeshop.md"


def test_fakeshop_guide_examples_run(capsys: pytest.CaptureFixture[str]) -> None:
    if not GUIDE.exists():
        pytest.skip("docs are not shipped with this checkout")
    blocks = re.findall(r"^```python\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.M | re.S)
    assert blocks
    namespace: dict[str, object] = {}
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"{GUIDE.name} block {number}", "exec"), namespace)
