"""The one retry policy: which failures are retried, and how long to wait, via tenacity.

Only safe calls (GETs and searches) are retried after a request may have reached TikTok; a
write is retried only when the connection failed before anything was sent. Waits grow
exponentially with jitter, honour TikTok's Retry-After up to a cap, and use an injectable
random source so tests are deterministic.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

import attrs

from .._exceptions import APIConnectionError, APIError
from . import settings
from .request import RequestSpec

if TYPE_CHECKING:
    from tenacity import RetryCallState, Retrying

__all__ = ["RetryPolicy"]


#: The longest wait a policy may ask for; a longer one is almost surely a unit mistake.
MAX_WAIT_SECONDS = 3600.0

_wait = settings.check_field(settings.seconds, high=MAX_WAIT_SECONDS, allow_zero=True)


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How many times and how patiently to retry (TikTok's recommended backoff by default).

    The wait before retry ``n`` (from 0) is ``max(retry_after, min(base * 2**n + U(0, jitter),
    cap))``, with ``retry_after`` (the server's hint) itself capped at ``max_retry_after``.
    """

    max_retries: int = attrs.field(
        default=2,
        validator=settings.check_field(settings.whole_number, low=0, high=10, unit="retries"),
    )
    base: float = attrs.field(default=1.0, validator=_wait)
    cap: float = attrs.field(default=60.0, validator=_wait)
    jitter: float = attrs.field(default=0.5, validator=_wait)
    max_retry_after: float = attrs.field(default=120.0, validator=_wait)

    def should_retry(self, error: BaseException, spec: RequestSpec[Any]) -> bool:
        """Whether ``error`` from calling ``spec`` is worth another attempt."""
        if isinstance(error, APIConnectionError):
            return spec.idempotent or not error.request_sent
        if isinstance(error, APIError):
            return error.retryable and spec.idempotent
        return False

    def wait_seconds(self, attempt: int, error: BaseException | None, rng: random.Random) -> float:
        """Seconds to wait before retry number ``attempt`` (0-based) after ``error``."""
        backoff = float(min(self.base * 2**attempt + rng.uniform(0, self.jitter), self.cap))
        hint = getattr(error, "retry_after", None)
        if isinstance(hint, int | float):
            return max(min(float(hint), self.max_retry_after), backoff)
        return backoff

    def retrying(self, spec: RequestSpec[Any], rng: random.Random) -> Retrying:
        """A tenacity controller for one call; the caller drives it and does its own sleeping.

        tenacity is imported here, on the first failure worth retrying, not with the client.
        """
        from tenacity import Retrying, retry_if_exception, stop_after_attempt

        return Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            retry=retry_if_exception(lambda e: self.should_retry(e, spec)),
            wait=_PolicyWait(self, rng),
            reraise=True,
        )


class _PolicyWait:
    """tenacity's ``wait``: a callable from the retry state to seconds (no tenacity base)."""

    def __init__(self, policy: RetryPolicy, rng: random.Random) -> None:
        self._policy = policy
        self._rng = rng

    def __call__(self, retry_state: RetryCallState) -> float:
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None and outcome.failed else None
        return self._policy.wait_seconds(retry_state.attempt_number - 1, error, self._rng)
