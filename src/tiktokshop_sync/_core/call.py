"""Every API call as a generator of effects, so sync and async share all logic but the I/O.

A flow yields :class:`Send` (send this request, resume with the response), :class:`Sleep`,
:class:`GetToken` (resume with a usable access token) and :class:`Host` (call the host's code,
resume with its result); the sync and async drivers in :mod:`~tiktokshop_sync._core.drivers`
perform them. Retries, re-signing, token refresh on expiry, envelope and model parsing all live
here, once. A flow that spans several calls (a workflow) is one flow too: it ``yield from``s
each :func:`call` and yields :class:`Host` between them, so one driver runs all of it.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Generator
from typing import Any, TypeVar

import attrs
import httpx

from .._config import ClientConfig
from .._exceptions import (
    APIError,
    ConfigurationError,
    InvalidTokenError,
    ResponseValidationError,
    TikTokShopError,
    TokenExpiredError,
)
from .clock import Clock
from .conversions import is_strict, strict_models
from .envelope import read_envelope
from .http import build_request, transport_error
from .logs import logger
from .ratelimit import RateLimitStore
from .raw import note_reply
from .request import RequestSpec
from .retry import RetryPolicy

__all__ = ["CallContext", "Flow", "GetToken", "Host", "Send", "Sleep", "call"]

T = TypeVar("T")


@attrs.frozen
class Send:
    """Effect: send this request and resume with the ``httpx.Response``."""

    request: httpx.Request


@attrs.frozen
class Sleep:
    """Effect: wait this many seconds."""

    seconds: float


@attrs.frozen
class GetToken:
    """Effect: resume with a usable access token for ``grant``.

    ``rejected`` is a token TikTok just refused; if it is still the stored one, refresh it.
    """

    grant: str
    rejected: str | None = None


@attrs.frozen
class Host:
    """Effect: call ``fn(*args)`` in the host's code and resume with its result.

    A workflow reaches the host's ports (its OMS) this way between TikTok calls. The async
    driver awaits a result that is awaitable; the blocking driver refuses one.
    """

    fn: Callable[..., Any]
    args: tuple[Any, ...] = ()


Effect = Send | Sleep | GetToken | Host
Flow = Generator[Effect, Any, T]


@attrs.frozen(kw_only=True)
class CallContext:
    """What a call needs besides its spec: app config, time, retry policy, and scope."""

    config: ClientConfig
    clock: Clock
    policy: RetryPolicy
    rng: random.Random = attrs.field(eq=False)
    strict: bool = False
    grant: str | None = None
    shop_cipher: str | None = None
    limiter: RateLimitStore | None = attrs.field(default=None, eq=False)
    #: The shop's market (``JP``), when the view was given it: after-sales look-ups then ask
    #: for the market's language (``ja-JP``) unless the call names another ``locale``.
    shop_region: str | None = None


@attrs.define
class _TokenUse:
    rejected: str | None = None
    sent: str | None = None


def call(spec: RequestSpec[T], ctx: CallContext) -> Flow[T]:
    """Perform ``spec``: retry per policy, refresh an expired token once, parse the reply."""
    tokens = _TokenUse()
    try:
        return (yield from _with_retries(spec, ctx, tokens))
    except (TokenExpiredError, InvalidTokenError):
        if not spec.authenticated or ctx.grant is None:
            raise
        logger.info("access token rejected for %s %s; refreshing once", spec.method, spec.path)
        tokens.rejected = tokens.sent
    return (yield from _with_retries(spec, ctx, tokens))


def _with_retries(spec: RequestSpec[T], ctx: CallContext, tokens: _TokenUse) -> Flow[T]:
    # The first attempt runs bare: most calls succeed, and the tenacity controller is only
    # built (and fed the first failure) when there is something to retry.
    try:
        return (yield from _attempt(spec, ctx, tokens))
    except TikTokShopError as first:
        if not ctx.policy.should_retry(first, spec) or ctx.policy.max_retries == 0:
            raise
        first_failure = sys.exc_info()
    # tenacity is imported only now: most calls never fail.
    from tenacity import DoAttempt, DoSleep, RetryCallState

    controller = ctx.policy.retrying(spec, ctx.rng)
    controller.begin()
    state = RetryCallState(controller, fn=None, args=(), kwargs={})
    state.set_exception(first_failure)  # type: ignore[arg-type]
    while True:
        action = controller.iter(state)
        if isinstance(action, DoAttempt):
            try:
                result = yield from _attempt(spec, ctx, tokens)
            except TikTokShopError:
                state.set_exception(sys.exc_info())  # type: ignore[arg-type]
            else:
                state.set_result(result)
        elif isinstance(action, DoSleep):
            # Read the failure before prepare_for_next_attempt() clears the outcome.
            last = state.outcome.exception() if state.outcome is not None else None
            state.prepare_for_next_attempt()
            logger.info(
                "retrying %s %s in %.2fs (attempt %d) after %s",
                spec.method,
                spec.path,
                float(action),
                state.attempt_number,
                _failure(last),
            )
            yield Sleep(float(action))
        else:
            return action  # type: ignore[no-any-return]


def _attempt(spec: RequestSpec[T], ctx: CallContext, tokens: _TokenUse) -> Flow[T]:
    access_token: str | None = None
    if spec.authenticated:
        if ctx.grant is None:
            raise ConfigurationError(
                f"{spec.method} {spec.path} needs a seller's token: call it on "
                "client.seller(open_id) or client.shop(shop_cipher, grant=open_id)."
            )
        access_token = yield GetToken(ctx.grant, tokens.rejected)
        tokens.sent = access_token
    if ctx.limiter is not None and spec.signed:
        key = f"{ctx.config.app_key}:{ctx.shop_cipher or ctx.grant or ''}"
        wait = ctx.limiter.reserve(key, ctx.clock.now())
        if wait > 0:
            yield Sleep(wait)
    request = build_request(
        spec,
        config=ctx.config,
        now=ctx.clock.now(),
        access_token=access_token,
        shop_cipher=ctx.shop_cipher,
    )
    started = time.perf_counter()
    try:
        response = yield Send(request)
    except httpx.TransportError as exc:
        logger.debug("%s %s failed: %s", spec.method, spec.path, type(exc).__name__)
        raise transport_error(exc, request, spec) from exc
    if spec.parse_reply is not None and not ctx.strict and 200 <= response.status_code < 300:
        # Strict mode checks unknown fields on the dicts, so it always takes the usual way.
        elapsed_ms = (time.perf_counter() - started) * 1000
        fast = _as(ctx.strict, spec.parse_reply, response.content)
        if fast is not None:
            _log_success(spec, response.status_code, fast[1], elapsed_ms)
            note_reply(spec, response, fast[1])
            return fast[0]
    envelope = read_envelope_logged(response, spec, ctx, started)
    try:
        result = _as(ctx.strict, spec.parse, envelope.data)
    # pydantic's ValidationError and MalformedFieldError are ValueErrors.
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ResponseValidationError(
            f"TikTok's reply did not match the expected shape: {_first_line(exc)}",
            code=envelope.code,
            request_id=envelope.request_id,
            http_status=envelope.http_status,
            body=response.content,
            method=spec.method,
            path=spec.path,
            read_back=spec.read_back,
            idempotent=spec.idempotent,
        ) from exc
    note_reply(spec, response, envelope.request_id)
    return result


def _as(strict: bool, parse: Callable[[Any], T], value: Any) -> T:
    """``parse(value)`` with wire models as strict as the call says (no context switch if so)."""
    if is_strict() == strict:
        return parse(value)
    with strict_models(strict):
        return parse(value)


def read_envelope_logged(
    response: httpx.Response, spec: RequestSpec[Any], ctx: CallContext, started: float
) -> Any:
    """Read the envelope, logging the outcome without any secret or personal data."""
    elapsed_ms = (time.perf_counter() - started) * 1000
    try:
        envelope = read_envelope(response, spec=spec, now=ctx.clock.now())
    except APIError as error:
        logger.debug(
            "%s %s -> HTTP %s code %s request_id %s (%.0f ms)",
            spec.method,
            spec.path,
            error.http_status,
            error.code,
            error.request_id,
            elapsed_ms,
        )
        raise
    _log_success(spec, envelope.http_status, envelope.request_id, elapsed_ms)
    return envelope


def _log_success(
    spec: RequestSpec[Any], status: int, request_id: str | None, elapsed_ms: float
) -> None:
    logger.debug(
        "%s %s -> HTTP %s request_id %s (%.0f ms)",
        spec.method,
        spec.path,
        status,
        request_id,
        elapsed_ms,
    )


def _failure(error: BaseException | None) -> str:
    """What failed, for a log line: the class, TikTok's code and status, or the network cause."""
    if error is None:
        return "an unknown failure"
    if isinstance(error, APIError):
        facts = [f"code {error.code}" if error.code is not None else ""]
        facts.append(f"HTTP {error.http_status}" if error.http_status is not None else "")
        facts.append(f"request_id {error.request_id}" if error.request_id else "")
        detail = ", ".join(f for f in facts if f)
        return f"{type(error).__name__} ({detail})" if detail else type(error).__name__
    cause = error.__cause__
    if cause is not None:
        return f"{type(error).__name__} ({type(cause).__name__})"
    return type(error).__name__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return " ".join(text[:3])[:300] if text else type(exc).__name__
