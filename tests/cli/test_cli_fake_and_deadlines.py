"""``fake serve`` (in-process, with the wait hook) and the ``deadlines`` report."""

from __future__ import annotations

from datetime import timedelta

import httpx

from tiktokshop_sync.cli import CliHooks
from tiktokshop_sync.cli._fake import WallClock
from tiktokshop_sync.testing import FakeShop

from .conftest import Invoke
from .helpers import json_lines


def test_fake_serve_prints_what_a_host_needs_and_serves_until_told_to_stop(cli: Invoke) -> None:
    seen: list[dict[str, object]] = []

    def wait(url: str) -> None:
        seen.append(httpx.get(url + "/authorization/202309/shops").json())

    result = cli("fake", "serve", "--port", "0", "--orders", "3", hooks_=CliHooks(wait=wait))
    assert result.exit_code == 0, result.output
    assert "authorization code" in result.stdout
    assert "export TIKTOKSHOP_BASE_URL=http://127.0.0.1:" in result.stdout
    # The fake answered in TikTok's envelope (an unsigned call is refused, as TikTok would).
    assert seen and seen[0]["code"] != 0 and seen[0]["request_id"]


def test_fake_serve_as_json_gives_the_connection_details(cli: Invoke) -> None:
    result = cli("fake", "serve", "--port", "0", "--json", hooks_=CliHooks(wait=lambda url: None))
    [record] = json_lines(result.stdout)
    assert record["base_url"].startswith("http://127.0.0.1:")
    assert record["app_key"] == "fake_app_key" and record["auth_code"]


def test_the_wall_clock_follows_real_time_and_moves_ahead_on_advance() -> None:
    clock = WallClock()
    before = clock.now()
    clock.advance(hours=2)
    assert clock.now() - before >= timedelta(hours=2)
    assert clock.now() - before < timedelta(hours=2, seconds=5)


def test_deadlines_exits_10_and_lists_an_overdue_order(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    [order] = fake.create_orders(1, status="AWAITING_SHIPMENT")
    fake.clock.advance(timedelta(days=4))
    result = cli("deadlines", "--json")
    assert result.exit_code == 10
    records = json_lines(result.stdout)
    [late] = [r for r in records if r["type"] == "deadline" and r["order_id"] == order.id]
    assert late["overdue"] is True and late["due"].endswith("+09:00")
    [report] = [r for r in records if r["type"] == "report"]
    assert report["needs_attention"] is True


def test_deadlines_prints_the_report_in_japanese_or_english(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.create_orders(1, status="AWAITING_SHIPMENT")
    fake.clock.advance(timedelta(days=4))
    assert "出荷期限レポート" in cli("deadlines").stdout
    assert "Dispatch deadlines" in cli("deadlines", "--lang", "en").stdout


def test_deadlines_exits_0_when_nothing_is_due(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.create_orders(2, status="DELIVERED")
    result = cli("deadlines")
    assert result.exit_code == 0, result.output
