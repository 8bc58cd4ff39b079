"""The gateway: TikTok's checks, in TikTok's order (reference §8), then the route handler.

1 path/method/version, 2 app_key, 3 timestamp window, 4 sign present and valid, 5 access token
valid and unexpired, 6 scope, 7 shop_cipher required/unexpected/matching, 8 rate limit,
9 the handler's own (business) validation. Faults pre-empt all of it; every request is recorded.

The gateway owns what is about the HTTP edge rather than a shop: the fault plan, the request
quota, the request log and the host check. Everything else it asks the world's backends.
"""

from __future__ import annotations

import hmac
import json
from datetime import datetime, timedelta

from tiktokshop_sync._core.signing import sign
from tiktokshop_sync.testing._auth.backend import AccessToken
from tiktokshop_sync.testing._envelope import error_response, success_response
from tiktokshop_sync.testing._errors import (
    APP_KEY_INVALID,
    INVALID_METHOD,
    INVALID_PATH,
    INVALID_VERSION,
    RATE_LIMITED,
    SCOPE_DENIED,
    SHOP_CIPHER_MISMATCH,
    SHOP_CIPHER_MISSING,
    SHOP_CIPHER_UNEXPECTED,
    SIGN_INVALID,
    SIGN_MISSING,
    TIMESTAMP_NEGATIVE,
    TIMESTAMP_TOO_NEW,
    TIMESTAMP_TOO_OLD,
    TOKEN_DEAUTHORIZED,
    TOKEN_EXPIRED,
    TOKEN_INVALID,
    ApiError,
)
from tiktokshop_sync.testing._faults import FaultPlan, fault_response
from tiktokshop_sync.testing._http import Dropped, Outcome, RawRequest, RawResponse
from tiktokshop_sync.testing._ids import IdFactory, seeded_random
from tiktokshop_sync.testing._quota import Quota
from tiktokshop_sync.testing._recording import RecordedRequest
from tiktokshop_sync.testing._router import Route, RouteContext, RouteMatch, RouteMiss, Router
from tiktokshop_sync.testing._shops.backend import FakeShopAccount
from tiktokshop_sync.testing._world import World

__all__ = ["API_HOST", "AUTH_HOST", "Gateway"]

API_HOST = "open-api.tiktokglobalshop.com"
AUTH_HOST = "auth.tiktok-shops.com"
_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_PAST_WINDOW = timedelta(minutes=5)
_FUTURE_WINDOW = timedelta(seconds=30)
#: Faults that process the request (a write is applied) before losing or replacing its reply.
_APPLIED = frozenset({"timeout", "applied_server_error", "applied_malformed"})
_MISS_ERRORS = {"path": INVALID_PATH, "method": INVALID_METHOD, "version": INVALID_VERSION}


class Gateway:
    """Turns one raw request into one outcome, recording it; one world step per request."""

    def __init__(self, world: World, router: Router) -> None:
        self._world = world
        self._router = router
        self._request_ids = IdFactory(seeded_random(world.seed, "request-ids"))
        self.faults = FaultPlan()
        self.quota = Quota()
        self.requests: list[RecordedRequest] = []
        self.strict_base_urls = False

    def handle(self, request: RawRequest) -> Outcome:
        """Answer ``request`` as TikTok would (or drop it, when a fault says so)."""
        with self._world.step() as now:
            request_id = self._request_ids.request_id(now)
            resolved = self._router.resolve(request.method, request.path)
            carries_token = isinstance(resolved, RouteMatch) and resolved.route.needs_token
            fault = self.faults.draw(request.path, carries_token=carries_token)
            if fault is not None and fault.kind == "connect_error":
                self._record(request, now, None, None, fault.kind, None)
                return Dropped("connect_error")
            if fault is not None and fault.kind == "lost_request":
                # It reached TikTok and timed out there: nothing applied, no reply.
                self._record(request, now, None, request_id, fault.kind, None)
                return Dropped("timeout")
            if fault is not None and fault.kind not in _APPLIED:
                response = fault_response(fault, request_id)
                code = _envelope_code(response.body)
                self._record(request, now, response, request_id, fault.kind, code)
                return response
            response, code = self._process(request, resolved, now, request_id)
            if fault is not None and fault.kind != "timeout":
                # The request was handled (a write was applied); then a bad reply replaced it.
                response = fault_response(fault, request_id)
                code = _envelope_code(response.body)
                self._record(request, now, response, request_id, fault.kind, code)
                return response
            if fault is not None:
                # The request was handled (a write was applied); only the reply is lost.
                self._record(request, now, response, request_id, fault.kind, code)
                return Dropped("timeout")
            self._record(request, now, response, request_id, None, code)
            return response

    # --- the check chain -----------------------------------------------------------------------

    def _process(
        self,
        request: RawRequest,
        resolved: RouteMatch | RouteMiss,
        now: datetime,
        request_id: str,
    ) -> tuple[RawResponse, int]:
        """The reply and its envelope ``code`` (known here: no need to parse the body back)."""
        try:
            if isinstance(resolved, RouteMiss):
                raise _MISS_ERRORS[resolved.reason].error()
            route = resolved.route
            self._check_host(request, route)
            context = RouteContext(
                world=self._world,
                now=now,
                method=request.method,
                path=request.path,
                params=resolved.params,
                query=dict(request.query),
                headers=dict(request.headers),
                body=request.body,
                bad_params=route.bad_params,
            )
            self._check_app_key(request)
            if route.signed:
                self._check_timestamp(request, now)
                self._check_sign(request)
            if route.needs_token:
                context.access = self._check_token(request, now)
                self._check_scope(route, context.access)
            context.shop = self._check_cipher(route, request, context.access)
            if route.host == "api":
                self._check_rate_limit(context, now)
            data = route.handler(context)
        except ApiError as error:
            if isinstance(resolved, RouteMatch):
                error = resolved.route.answer(error)
            return error_response(error, request_id), error.code
        return success_response(data, request_id, route.message), 0

    def _check_host(self, request: RawRequest, route: Route) -> None:
        if not self.strict_base_urls or request.host in _LOOPBACK_HOSTS:
            return
        expected = API_HOST if route.host == "api" else AUTH_HOST
        if request.host != expected:
            raise INVALID_PATH.error()

    def _check_app_key(self, request: RawRequest) -> None:
        if request.query.get("app_key") != self._world.app_key:
            raise APP_KEY_INVALID.error()

    def _check_timestamp(self, request: RawRequest, now: datetime) -> None:
        raw = request.query.get("timestamp", "")
        try:
            seconds = int(raw)
        except ValueError:
            raise TIMESTAMP_NEGATIVE.error() from None
        if seconds < 0:
            raise TIMESTAMP_NEGATIVE.error()
        now_s = now.timestamp()
        if seconds < now_s - _PAST_WINDOW.total_seconds():
            raise TIMESTAMP_TOO_OLD.error()
        if seconds > now_s + _FUTURE_WINDOW.total_seconds():
            raise TIMESTAMP_TOO_NEW.error()

    def _check_sign(self, request: RawRequest) -> None:
        provided = request.query.get("sign", "")
        if not provided:
            raise SIGN_MISSING.error()
        # Go semantics: decoded query values, the raw received body, multipart excluded. An empty
        # JSON object may also be left out of the string, as TikTok's official Node SDK does
        # (it signs the body only when ``Object.keys(body).length``; tiktok-spec
        # guides/developer-guide/tiktok-shop-api-concepts/sign-your-api-request.md).
        bodies = [request.body]
        if _is_empty_object(request.body):
            bodies.append(b"")
        for body in bodies:
            try:
                expected = sign(
                    path=request.path,
                    query=request.query,
                    body=body,
                    content_type=request.headers.get("content-type"),
                    app_secret=self._world.app_secret,
                )
            except UnicodeDecodeError:
                raise SIGN_INVALID.error() from None
            # Lowercase hex only: TikTok rejects an uppercase digest.
            if hmac.compare_digest(provided.encode(), expected.encode()):
                return
        raise SIGN_INVALID.error()

    def _check_token(self, request: RawRequest, now: datetime) -> AccessToken:
        token = request.headers.get("x-tts-access-token", "")
        access = self._world.tokens.access_token(token) if token else None
        if access is None:
            if self._world.tokens.deauthorized(token):
                raise TOKEN_DEAUTHORIZED.error()
            raise TOKEN_INVALID.error()
        if access.is_expired(now):
            raise TOKEN_EXPIRED.error()
        return access

    @staticmethod
    def _check_scope(route: Route, access: AccessToken) -> None:
        if route.scope is not None and route.scope not in access.scopes:
            raise SCOPE_DENIED.error()

    def _check_cipher(
        self, route: Route, request: RawRequest, access: AccessToken | None
    ) -> FakeShopAccount | None:
        cipher = request.query.get("shop_cipher", "")
        if route.cipher == "ignored":
            return None
        if not cipher:
            if route.cipher == "required":
                raise SHOP_CIPHER_MISSING.error()
            return None
        if route.cipher == "forbidden":
            raise SHOP_CIPHER_UNEXPECTED.error()
        shop = self._world.shops.by_cipher(cipher)
        if shop is None or (access is not None and shop.seller_open_id != access.seller.open_id):
            raise SHOP_CIPHER_MISMATCH.error()
        return shop

    def _check_rate_limit(self, context: RouteContext, now: datetime) -> None:
        quota = self.quota
        if context.shop is not None:
            scope_key = f"shop:{context.shop.id}"
        elif context.access is not None:
            scope_key = f"seller:{context.access.seller.open_id}"
        else:
            scope_key = "app"
        wait = quota.take((self._world.app_key, scope_key), now)
        if wait is None:
            return
        error = RATE_LIMITED.error()
        if quota.send_retry_after:
            error.headers = (("retry-after", quota.retry_after_header(wait)),)
        raise error

    # --- recording -----------------------------------------------------------------------------

    def _record(
        self,
        request: RawRequest,
        now: datetime,
        response: RawResponse | None,
        request_id: str | None,
        fault: str | None,
        code: int | None,
    ) -> None:
        self.requests.append(
            RecordedRequest(
                method=request.method,
                host=request.host,
                path=request.path,
                query=dict(request.query),
                headers=dict(request.headers),
                body=request.body,
                status=response.status if response is not None else None,
                code=code,
                at=now,
                request_id=request_id,
                fault=fault,
            )
        )


def _is_empty_object(body: bytes) -> bool:
    try:
        return body.strip() != b"" and json.loads(body) == {}
    except ValueError:
        return False


def _envelope_code(body: bytes) -> int | None:
    try:
        code = json.loads(body).get("code")
    except (ValueError, AttributeError):
        return None
    return code if isinstance(code, int) else None
