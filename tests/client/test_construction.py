"""Building a client: settings that would contradict each other are refused, not dropped."""

from __future__ import annotations

import pytest

from tiktokshop_sync import (
    AsyncTikTokShop,
    ClientConfig,
    ConfigurationError,
    RetryPolicy,
    TikTokShop,
)

CLIENTS = pytest.mark.parametrize("client_type", [TikTokShop, AsyncTikTokShop])
CONFIG = ClientConfig(app_key="6abc", app_secret="s3cret")


@CLIENTS
def test_max_retries_beside_a_retry_policy_is_refused(
    client_type: type[TikTokShop] | type[AsyncTikTokShop],
) -> None:
    with pytest.raises(ConfigurationError, match="either max_retries or retry"):
        client_type(app_key="6abc", app_secret="s", max_retries=5, retry=RetryPolicy(max_retries=0))


@CLIENTS
def test_a_retry_policy_alone_sets_the_configured_retry_count(
    client_type: type[TikTokShop] | type[AsyncTikTokShop],
) -> None:
    client = client_type(app_key="6abc", app_secret="s", retry=RetryPolicy(max_retries=0))
    assert (client.config.max_retries, client.retry.max_retries) == (0, 0)


@CLIENTS
def test_keywords_that_config_already_carries_are_refused_naming_them(
    client_type: type[TikTokShop] | type[AsyncTikTokShop],
) -> None:
    with pytest.raises(ConfigurationError, match="base_url, region, timeout") as caught:
        client_type(config=CONFIG, timeout=5, region="us", base_url="https://example.test")
    assert "attrs.evolve(config" in str(caught.value)


@CLIENTS
def test_a_retry_policy_that_contradicts_config_is_refused(
    client_type: type[TikTokShop] | type[AsyncTikTokShop],
) -> None:
    with pytest.raises(ConfigurationError, match="max_retries=2 but retry= says max_retries=0"):
        client_type(config=CONFIG, retry=RetryPolicy(max_retries=0))


@CLIENTS
def test_config_with_collaborators_only_is_accepted(
    client_type: type[TikTokShop] | type[AsyncTikTokShop],
) -> None:
    client = client_type(config=CONFIG, retry=RetryPolicy(max_retries=2), strict_models=True)
    assert client.config is CONFIG


def test_from_env_takes_a_retry_policy_over_the_variable() -> None:
    env = {
        "TIKTOKSHOP_APP_KEY": "6abc",
        "TIKTOKSHOP_APP_SECRET": "s",
        "TIKTOKSHOP_MAX_RETRIES": "4",
    }
    client = TikTokShop.from_env(env, retry=RetryPolicy(max_retries=1))
    assert (client.config.max_retries, client.retry.max_retries) == (1, 1)
