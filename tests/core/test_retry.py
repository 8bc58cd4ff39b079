"""The retry policy retries only what is safe, and waits as TikTok recommends."""

from __future__ import annotations

import random

import pytest

from tiktokshop_sync import (
    APIConnectionError,
    APITimeoutError,
    ConfigurationError,
    ConflictError,
    MalformedResponseError,
    RateLimitError,
    RetryPolicy,
    ServerError,
)
from tiktokshop_sync._core.request import RequestSpec

SEARCH = RequestSpec(method="POST", path="/order/202309/orders/search", idempotent=True)
SHIP = RequestSpec(method="POST", path="/fulfillment/202309/packages/1/ship", idempotent=False)
POLICY = RetryPolicy()


@pytest.mark.parametrize(
    "error",
    [
        RateLimitError("slow down", code=36009002),
        ServerError("oops", code=36009003),
        APITimeoutError("t", method="POST", path="/", request_sent=True),
    ],
)
def test_safe_calls_are_retried_on_transient_errors(error: Exception) -> None:
    assert POLICY.should_retry(error, SEARCH)


@pytest.mark.parametrize(
    "error",
    [
        RateLimitError("slow down", code=36009002),
        ServerError("oops", code=36009003),
        APITimeoutError("t", method="POST", path="/", request_sent=True),
        MalformedResponseError("unreadable", http_status=200, read_back="shop.orders.get"),
    ],
)
def test_writes_are_not_retried_once_they_may_have_been_sent(error: Exception) -> None:
    assert not POLICY.should_retry(error, SHIP)


def test_writes_are_retried_when_the_connection_failed_before_sending() -> None:
    error = APIConnectionError("refused", method="POST", path="/", request_sent=False)
    assert POLICY.should_retry(error, SHIP)


def test_business_errors_are_never_retried() -> None:
    assert not POLICY.should_retry(ConflictError("already shipped", code=21011040), SEARCH)


def test_backoff_doubles_with_bounded_jitter_up_to_the_cap() -> None:
    rng = random.Random(1)
    waits = [POLICY.wait_seconds(n, None, rng) for n in range(8)]
    for n, wait in enumerate(waits):
        floor = min(2**n, 60)
        assert floor <= wait <= min(floor + 0.5, 60)


def test_server_retry_after_is_honoured_when_longer_than_the_backoff() -> None:
    error = RateLimitError("slow", code=36009002, retry_after=9.0)
    assert POLICY.wait_seconds(0, error, random.Random(0)) == 9.0


def test_server_retry_after_is_capped() -> None:
    error = RateLimitError("slow", code=36009002, retry_after=10_000.0)
    assert POLICY.wait_seconds(0, error, random.Random(0)) == POLICY.max_retry_after


def test_negative_backoff_setting_is_refused_with_the_setting_named() -> None:
    with pytest.raises(ConfigurationError, match="RetryPolicy.base"):
        RetryPolicy(base=-1)
