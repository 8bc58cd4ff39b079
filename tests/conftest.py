"""Suite-wide settings: wire models are strict in our own tests, so schema drift fails loudly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tiktokshop_sync.types._base import strict_models


@pytest.fixture(autouse=True)
def _strict_wire_models() -> Iterator[None]:
    with strict_models():
        yield
