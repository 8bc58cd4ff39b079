"""Settings: flags over TIKTOKSHOP_* variables over the config file; stores by URL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tiktokshop_sync.testing import FakeShop

from .conftest import Invoke


def _config(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_config_file_supplies_the_app_credentials(
    cli: Invoke, fake: FakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIKTOKSHOP_APP_KEY")
    monkeypatch.delenv("TIKTOKSHOP_APP_SECRET")
    config = _config(tmp_path, f'app_key = "{fake.app_key}"\napp_secret = "{fake.app_secret}"\n')
    assert cli("--config", str(config), "auth", "exchange", fake.authorize()).exit_code == 0


def test_the_default_config_file_is_read_from_xdg_config_home(
    cli: Invoke, fake: FakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIKTOKSHOP_SERVICE_ID")
    home = tmp_path / "config" / "tiktokshop-sync"
    home.mkdir(parents=True)
    (home / "config.toml").write_text('service_id = "7111111111111111111"\n', encoding="utf-8")
    result = cli("auth", "url")
    assert "service_id=7111111111111111111" in result.stdout


def test_a_variable_wins_over_the_file_and_a_flag_over_both(
    cli: Invoke, fake: FakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(tmp_path, 'region = "us"\nbase_url = "https://from-file.example"\n')
    monkeypatch.setenv("TIKTOKSHOP_REGION", "row")
    result = cli("--config", str(config), "auth", "url")
    assert result.stdout.startswith("https://services.tiktokshop.com/")  # env: row
    result = cli("--config", str(config), "--region", "us", "auth", "url")
    assert result.stdout.startswith("https://services.tiktokshops.us/")  # flag: us


def test_an_unknown_key_in_the_config_file_exits_3_listing_the_known_ones(
    cli: Invoke, tmp_path: Path
) -> None:
    config = _config(tmp_path, 'app_kee = "x"\n')
    result = cli("--config", str(config), "auth", "url")
    assert result.exit_code == 3
    assert "app_kee" in result.stderr and "app_key" in result.stderr


def test_a_missing_config_file_given_explicitly_exits_3(cli: Invoke, tmp_path: Path) -> None:
    result = cli("--config", str(tmp_path / "nope.toml"), "auth", "url")
    assert result.exit_code == 3 and "does not exist" in result.stderr


def test_an_app_secret_in_a_file_others_can_read_is_refused(cli: Invoke, tmp_path: Path) -> None:
    config = _config(tmp_path, 'app_secret = "s"\n', mode=0o644)
    result = cli("--config", str(config), "auth", "url")
    assert result.exit_code == 3 and "chmod 600" in result.stderr
    assert '"s"' not in result.output


def test_missing_app_credentials_exit_3_naming_the_variable(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIKTOKSHOP_APP_KEY")
    result = cli("auth", "url")
    assert result.exit_code == 3 and "TIKTOKSHOP_APP_KEY" in result.stderr


def test_a_sqlite_url_and_a_path_open_the_same_store(
    cli: Invoke, fake: FakeShop, tmp_path: Path
) -> None:
    path = tmp_path / "elsewhere" / "state.db"
    assert cli("--store", str(path), "auth", "exchange", fake.authorize()).exit_code == 0
    result = cli("--store", f"sqlite:///{path}", "auth", "status")
    assert result.exit_code == 0 and fake.seller.open_id in result.stdout
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_the_store_comes_from_tiktokshop_store(
    cli: Invoke, fake: FakeShop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("TIKTOKSHOP_STORE", str(path))
    assert cli("auth", "exchange", fake.authorize()).exit_code == 0
    assert path.exists()


def test_an_unknown_store_scheme_exits_3_without_showing_a_password(
    cli: Invoke, authorized: str
) -> None:
    result = cli("--store", "mysql://ops:pw@db/tiktok", "auth", "status")
    assert result.exit_code == 3
    assert "mysql://" in result.stderr and "pw@" not in result.stderr


def test_a_postgresql_store_url_keeps_the_tokens_in_postgresql(
    cli: Invoke, fake: FakeShop, postgres_conninfo: str, pg_schema: str
) -> None:
    params = dict(part.split("=", 1) for part in postgres_conninfo.split())
    url = (
        f"postgresql:///{params['dbname']}?host={params['host']}&user={params['user']}"
        f"&schema={pg_schema}"
    )
    assert cli("--store", url, "auth", "exchange", fake.authorize()).exit_code == 0
    result = cli("--store", url, "auth", "status", "--json")
    assert result.exit_code == 0, result.output
    assert fake.seller.open_id in result.stdout
    from tiktokshop_sync.postgres import PostgresStateStore

    with PostgresStateStore(postgres_conninfo, schema=pg_schema) as store:
        assert store.tokens.grants() == [fake.seller.open_id]


def test_an_unreadable_store_exits_7(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "not-a-db"
    path.write_bytes(b"this is not sqlite" * 100)
    result = cli("--store", str(path), "auth", "status")
    assert result.exit_code == 7
    assert os.fspath(path) in result.stderr


def test_a_config_number_given_as_a_string_exits_3_naming_the_setting(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, '[tokens]\ndays = "abc"\n')
    result = cli("--config", str(config), "tokens", "health")
    assert result.exit_code == 3
    assert "[tokens] days must be a whole number from 0 to 3,650" in result.stderr
    assert "'abc'" in result.stderr and str(config) in result.stderr


def test_a_config_number_below_the_flags_minimum_exits_3_naming_the_range(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, "[import]\nmax_batches = -3\n")
    result = cli("--config", str(config), "import", "run", "--out", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 3
    assert "[import] max_batches must be a whole number of at least 1, got -3" in result.stderr


def test_a_config_number_above_the_flags_maximum_exits_3(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, "[deadlines]\nwithin_hours = 745\n")
    result = cli("--config", str(config), "deadlines")
    assert result.exit_code == 3
    assert "[deadlines] within_hours must be a whole number from 1 to 744, got 745" in (
        result.stderr
    )


def test_a_config_setting_without_a_flag_is_held_to_the_same_range(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, "[settlement]\nmax_batches = -1\n")
    result = cli("--config", str(config), "settlement", "run", "--out", str(tmp_path / "s.jsonl"))
    assert result.exit_code == 3 and "[settlement] max_batches" in result.stderr


def test_a_config_number_given_as_a_bool_exits_3(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, "[tokens]\ndays = true\n")
    result = cli("--config", str(config), "tokens", "health")
    assert result.exit_code == 3 and "a bool is not a number" in result.stderr


def test_a_config_number_with_a_fraction_exits_3_instead_of_rounding(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, "[returns]\nbatch_limit = 2.9\n")
    result = cli("--config", str(config), "returns", "plan")
    assert result.exit_code == 3
    assert "[returns] batch_limit" in result.stderr and "2.9" in result.stderr


def test_a_misspelled_language_in_the_config_file_exits_3(
    cli: Invoke, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, '[deadlines]\nlanguage = "EN"\n')
    result = cli("--config", str(config), "deadlines")
    assert result.exit_code == 3
    assert "[deadlines] language must be one of 'ja', 'en', got 'EN'" in result.stderr


def test_a_misspelled_lang_flag_exits_2(cli: Invoke, authorized: str) -> None:
    result = cli("returns", "plan", "--lang", "english")
    assert result.exit_code == 2 and "--lang takes ja or en" in result.stderr


def test_valid_config_settings_are_still_used(
    cli: Invoke, fake: FakeShop, authorized: str, tmp_path: Path
) -> None:
    config = _config(tmp_path, '[deadlines]\nlanguage = "en"\nwithin_hours = 744\ndays = 90\n')
    result = cli("--config", str(config), "deadlines")
    assert result.exit_code == 0, result.output
    assert "Dispatch deadlines" in result.stdout


def test_a_store_in_the_config_file_that_is_not_a_string_exits_3(
    cli: Invoke, tmp_path: Path
) -> None:
    config = _config(tmp_path, "store = 5\n")
    result = cli("--config", str(config), "auth", "status")
    assert result.exit_code == 3
    assert "store must be a string" in result.stderr and "got 5" in result.stderr
    assert not (tmp_path / "5").exists()
