"""``auth url | exchange | status`` and ``tokens health`` against the FakeShop."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tiktokshop_sync.cli import ExitCode
from tiktokshop_sync.testing import FakeShop

from .conftest import Invoke
from .helpers import json_lines


def test_auth_url_prints_the_link_with_the_service_id_and_a_state(cli: Invoke) -> None:
    result = cli("auth", "url")
    assert result.exit_code == 0, result.output
    link = result.stdout.strip()
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("https://services.tiktokshop.com/open/authorize?")
    assert query["service_id"] == ["7000000000000000001"]
    assert query["state"][0] in result.stderr


def test_auth_url_as_json_carries_the_url_and_state(cli: Invoke) -> None:
    [record] = json_lines(cli("auth", "url", "--state", "abc", "--json").stdout)
    assert record["type"] == "authorization_url"
    assert record["state"] == "abc"
    assert "state=abc" in record["url"]


def test_auth_url_without_a_service_id_exits_3_naming_the_variable(
    cli: Invoke, monkeypatch: object
) -> None:
    import os

    del os.environ["TIKTOKSHOP_SERVICE_ID"]
    result = cli("auth", "url")
    assert result.exit_code == 3
    assert "TIKTOKSHOP_SERVICE_ID" in result.stderr
    assert "Traceback" not in result.output


def test_auth_exchange_stores_the_tokens_and_never_prints_them(cli: Invoke, fake: FakeShop) -> None:
    result = cli("auth", "exchange", fake.authorize())
    assert result.exit_code == 0, result.output
    assert fake.seller.open_id in result.stdout
    [grant] = json_lines(cli("auth", "status", "--json").stdout)
    assert grant["open_id"] == fake.seller.open_id
    issued = fake.grant_tokens()
    assert issued.access_token not in result.output
    assert "access_token" not in grant


def test_auth_exchange_takes_the_whole_redirect_url(cli: Invoke, fake: FakeShop) -> None:
    url = f"https://example.jp/callback?code={fake.authorize()}&state=s1"
    result = cli("auth", "exchange", url, "--state", "s1")
    assert result.exit_code == 0, result.output


def test_auth_exchange_refuses_a_redirect_url_with_another_state(
    cli: Invoke, fake: FakeShop
) -> None:
    url = f"https://example.jp/callback?code={fake.authorize()}&state=forged"
    result = cli("auth", "exchange", url, "--state", "mine")
    assert result.exit_code == 2
    assert "CSRF" in result.stderr


def test_a_used_code_exits_4_with_one_line_saying_what_to_do(cli: Invoke, fake: FakeShop) -> None:
    code = fake.authorize()
    assert cli("auth", "exchange", code).exit_code == 0
    result = cli("auth", "exchange", code)
    assert result.exit_code == 4
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: AuthorizationCodeError:")
    assert "authorization_url" in line and "next: " in line
    assert code not in result.output


def test_auth_status_without_grants_exits_4_and_says_how_to_authorize(cli: Invoke) -> None:
    result = cli("auth", "status")
    assert result.exit_code == 4
    assert "tiktokshop-sync auth url" in result.stderr


def test_auth_status_shows_expiry_in_jst(cli: Invoke, authorized: str) -> None:
    result = cli("auth", "status")
    assert result.exit_code == 0, result.output
    assert authorized in result.stdout
    assert "JST" in result.stdout and "in 7 d " in result.stdout


def test_auth_status_with_a_damaged_token_row_exits_with_the_store_code(
    cli: Invoke, authorized: str, isolated: Path
) -> None:
    with sqlite3.connect(isolated / "state" / "tiktokshop-sync" / "state.db") as conn:
        conn.execute("UPDATE tiktokshop_tokens SET granted_scopes = '{bad'")
    result = cli("auth", "status")
    assert result.exit_code == ExitCode.STORE, result.output
    assert authorized in result.stderr and "re-authorize" in result.stderr


def test_auth_status_exits_10_when_the_refresh_token_expired(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.clock.advance(timedelta(days=366))
    result = cli("auth", "status", "--json")
    assert result.exit_code == 10
    [grant] = json_lines(result.stdout)
    assert grant["state"] == "reauthorize" and grant["action_needed"] is True


def test_auth_status_check_reports_a_grant_tiktok_refuses(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.expire_refresh_tokens()
    fake.clock.advance(timedelta(days=8))
    result = cli("auth", "status", "--check", "--json")
    assert result.exit_code == 10
    [grant] = json_lines(result.stdout)
    assert grant["state"] == "reauthorize"


def test_auth_status_check_confirms_a_working_grant(cli: Invoke, authorized: str) -> None:
    result = cli("auth", "status", "--check")
    assert result.exit_code == 0, result.output
    assert "1 authorized shop(s)" in result.stdout


def test_tokens_health_exits_10_for_a_refresh_token_expiring_within_the_window(
    cli: Invoke, fake: FakeShop, authorized: str
) -> None:
    fake.clock.advance(timedelta(days=350))
    result = cli("tokens", "health", "--days", "30", "--json")
    assert result.exit_code == 10
    [grant] = json_lines(result.stdout)
    assert grant["state"] == "expiring"


def test_tokens_health_exits_0_when_every_grant_lasts_beyond_the_window(
    cli: Invoke, authorized: str
) -> None:
    result = cli("tokens", "health", "--days", "30")
    assert result.exit_code == 0, result.output
    assert "all 1 grant(s) good for more than 30 days" in result.stderr


def test_tokens_health_refuses_a_window_beyond_ten_years_as_a_usage_error(
    cli: Invoke, authorized: str
) -> None:
    result = cli("tokens", "health", "--days", "100000000000")
    assert result.exit_code == 2 and "--days" in result.output


def test_tokens_health_reads_its_window_from_the_config_file(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: object
) -> None:
    from pathlib import Path

    config = Path(str(tmp_path)) / "config.toml"
    config.write_text("[tokens]\ndays = 400\n", encoding="utf-8")
    result = cli("--config", str(config), "tokens", "health")
    assert result.exit_code == 10
