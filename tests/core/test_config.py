"""Configuration is validated at construction with messages naming the setting and the fix."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tiktokshop_sync import ClientConfig, ConfigurationError, TikTokShop


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({"app_key": "", "app_secret": "s"}, "app_key"),
        ({"app_key": "k", "app_secret": ""}, "app_secret"),
        ({"app_key": " k", "app_secret": "s"}, "whitespace"),
        (
            {"app_key": "k", "app_secret": "s", "base_url": "open-api.tiktokglobalshop.com"},
            "base_url",
        ),
        ({"app_key": "k", "app_secret": "s", "auth_base_url": "https://a/?x=1"}, "auth_base_url"),
        ({"app_key": "k", "app_secret": "s", "timeout": 0}, "timeout"),
        ({"app_key": "k", "app_secret": "s", "max_retries": 11}, "max_retries"),
        ({"app_key": "k", "app_secret": "s", "region": "jp"}, "region"),
        (
            {"app_key": "k", "app_secret": "s", "refresh_margin": timedelta(days=8)},
            "refresh_margin",
        ),
    ],
)
def test_invalid_setting_is_refused_naming_it(kwargs: dict[str, object], names: str) -> None:
    with pytest.raises(ConfigurationError, match=names):
        ClientConfig(**kwargs)  # type: ignore[arg-type]


def test_missing_app_key_says_which_variable_to_set() -> None:
    with pytest.raises(ConfigurationError, match="TIKTOKSHOP_APP_KEY"):
        TikTokShop.from_env({})


def test_from_env_reads_variables_at_call_time() -> None:
    client = TikTokShop.from_env(
        {
            "TIKTOKSHOP_APP_KEY": "key1",
            "TIKTOKSHOP_APP_SECRET": "sec1",
            "TIKTOKSHOP_BASE_URL": "http://127.0.0.1:9999",
            "TIKTOKSHOP_MAX_RETRIES": "4",
        }
    )
    assert client.config.app_key == "key1"
    assert client.config.base_url == "http://127.0.0.1:9999"
    assert client.config.max_retries == 4


def test_from_env_keywords_override_variables() -> None:
    client = TikTokShop.from_env(
        {"TIKTOKSHOP_APP_KEY": "key1", "TIKTOKSHOP_APP_SECRET": "sec1"}, app_key="key2"
    )
    assert client.config.app_key == "key2"


def test_non_numeric_env_value_is_refused_naming_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="TIKTOKSHOP_TIMEOUT"):
        ClientConfig.from_env(
            {"TIKTOKSHOP_APP_KEY": "k", "TIKTOKSHOP_APP_SECRET": "s", "TIKTOKSHOP_TIMEOUT": "ten"}
        )


@pytest.mark.parametrize("raw", ["¹", "٣", "3.0"])
def test_a_retry_count_that_is_not_plain_digits_is_refused_naming_the_variable(raw: str) -> None:
    with pytest.raises(ConfigurationError, match="TIKTOKSHOP_MAX_RETRIES"):
        ClientConfig.from_env(
            {"TIKTOKSHOP_APP_KEY": "k", "TIKTOKSHOP_APP_SECRET": "s", "TIKTOKSHOP_MAX_RETRIES": raw}
        )


def test_app_secret_never_appears_in_repr() -> None:
    config = ClientConfig(app_key="k", app_secret="very-secret-value")
    assert "very-secret-value" not in repr(config)
    assert "very-secret-value" not in repr(TikTokShop(config=config))


def test_wrong_kind_of_http_client_is_refused() -> None:
    import httpx

    with pytest.raises(ConfigurationError, match="httpx.Client"):
        TikTokShop(app_key="k", app_secret="s", http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_authorization_url_uses_the_row_host_for_japan_with_state() -> None:
    client = TikTokShop(app_key="k", app_secret="s", service_id="7000123")
    url = client.oauth.authorization_url(state="abc")
    assert url == "https://services.tiktokshop.com/open/authorize?service_id=7000123&state=abc"


def test_authorization_url_uses_the_us_host_for_us_apps() -> None:
    client = TikTokShop(app_key="k", app_secret="s", region="us", service_id="9")
    assert client.oauth.authorization_url().startswith(
        "https://services.tiktokshops.us/open/authorize"
    )


def test_authorization_url_without_service_id_says_where_to_find_it() -> None:
    with pytest.raises(ConfigurationError, match="service_id"):
        TikTokShop(app_key="k", app_secret="s").oauth.authorization_url()


def test_every_tiktokshop_variable_the_package_reads_is_in_the_configuration_guide() -> None:
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    read = {
        name
        for path in (root / "src").rglob("*.py")
        for name in re.findall(r"TIKTOKSHOP_[A-Z][A-Z_]*", path.read_text(encoding="utf-8"))
    }
    guide = (root / "docs" / "guides" / "configuration.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(TIKTOKSHOP_[A-Z_]+)` \|", guide, flags=re.MULTILINE))
    assert read >= {"TIKTOKSHOP_TIMEOUT", "TIKTOKSHOP_LOG", "TIKTOKSHOP_STORE"}
    assert sorted(read - documented) == []
