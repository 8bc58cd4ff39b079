"""Recorded HTTP replays offline, and the recording carries no secret.

The cassette was recorded against FakeShop on a loopback port by running this module with
TIKTOKSHOP_RECORD_CASSETTES=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tiktokshop_sync import InMemoryTokenStore, TikTokShop
from tiktokshop_sync.testing import FakeShop
from tiktokshop_sync.testing.cassettes import cassette_has_secret, make_vcr

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
NAME = "authorize_and_search_orders.yaml"
PORT = 18573
BASE = f"http://127.0.0.1:{PORT}"
RECORDING = os.environ.get("TIKTOKSHOP_RECORD_CASSETTES") == "1"


def _fake() -> FakeShop:
    fake = FakeShop(seed=5, app_secret="cassette-app-secret-0001")
    fake.create_orders(3, status="AWAITING_SHIPMENT")
    return fake


def _session(fake: FakeShop) -> list[str]:
    with TikTokShop(
        app_key=fake.app_key,
        app_secret=fake.app_secret,
        base_url=BASE,
        auth_base_url=BASE,
        token_store=InMemoryTokenStore(),
        clock=fake.clock,
        strict_models=True,
    ) as client:
        tokens = client.oauth.exchange_code(fake.authorize())  # deterministic for a seed
        seller = client.seller(tokens.open_id)
        shop = seller.shop(seller.shops.authorized()[0].cipher)
        return sorted(o.id for o in shop.orders.search(page_size=2))


@pytest.mark.skipif(not RECORDING, reason="set TIKTOKSHOP_RECORD_CASSETTES=1 to re-record")
def test_record_the_cassette_against_fakeshop_on_loopback() -> None:  # pragma: no cover
    fake = _fake()
    (CASSETTES / NAME).unlink(missing_ok=True)
    with fake.serve(port=PORT), make_vcr(CASSETTES, record_mode="once").use_cassette(NAME):
        ids = _session(fake)
    assert len(ids) == 3


@pytest.mark.skipif(RECORDING, reason="recording")
def test_the_cassette_replays_the_session_with_no_server_running() -> None:
    fake = _fake()  # same seed: the same orders and the same clock, but nothing is served
    with make_vcr(CASSETTES).use_cassette(NAME):
        ids = _session(fake)
    assert ids == sorted(o.id for o in fake.orders_of())


def test_the_cassette_contains_no_secret() -> None:
    fake = _fake()
    code = fake.authorize()
    grant = fake.grant_tokens()  # same seed: the tokens the recorded exchange returned come next
    secrets = ["cassette-app-secret-0001", code]
    assert cassette_has_secret(CASSETTES / NAME, secrets) == []
    text = (CASSETTES / NAME).read_text(encoding="utf-8")
    assert "REDACTED" in text
    assert grant.access_token[:12] not in text
