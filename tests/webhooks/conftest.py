"""Shared pieces for the webhook tests: strict models, the doc examples, a signer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tiktokshop_sync.types._base import strict_models
from tiktokshop_sync.webhooks import WebhookVerifier, compute_signature

DOC_EXAMPLES = Path(__file__).parent / "doc_examples"

#: Credentials for tests that do not need the official vector.
APP_KEY = "test_app_key"
APP_SECRET = "test_app_secret"


@pytest.fixture(autouse=True)
def _strict_wire_models() -> Iterator[None]:
    """Schema drift fails loudly: unknown fields or enum values raise in every webhook test."""
    with strict_models():
        yield


@pytest.fixture
def sign() -> Callable[[bytes], str]:
    """Sign a body the way TikTok does, with the test credentials."""

    def _sign(body: bytes) -> str:
        return compute_signature(app_key=APP_KEY, app_secret=APP_SECRET, body=body)

    return _sign


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run any test taking ``doc_example`` once per published example, named by its file."""
    if "doc_example" in metafunc.fixturenames:
        paths = sorted(DOC_EXAMPLES.glob("*.json"))
        metafunc.parametrize("doc_example", paths, ids=[p.stem for p in paths])


@pytest.fixture
def verifier() -> WebhookVerifier:
    """A verifier holding the test credentials."""
    return WebhookVerifier(app_key=APP_KEY, app_secret=APP_SECRET)
