"""Auth host (``auth.tiktok-shops.com``): Get Access Token and Refresh (reference §3.2-§3.4).

Not signed: ``app_key`` and ``app_secret`` travel in the query. No access token, no cipher.
"""

from __future__ import annotations

import hmac

from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.testing._errors import (
    APP_SECRET_INVALID,
    AUTH_CODE_INVALID,
    GRANT_TYPE_INVALID,
    REFRESH_TOKEN_EXPIRED,
    REFRESH_TOKEN_UNKNOWN,
    ApiError,
)
from tiktokshop_sync.testing._router import RouteContext, RouteGroup

__all__ = ["routes"]

routes = RouteGroup()

# Not in the reference snapshot: the codes third-party clients report for these endpoints.
_ERRORS = (AUTH_CODE_INVALID, REFRESH_TOKEN_UNKNOWN, REFRESH_TOKEN_EXPIRED)


def _check_app(ctx: RouteContext, grant_type: str) -> None:
    secret = ctx.query.get("app_secret", "")
    if not hmac.compare_digest(secret.encode(), ctx.world.app_secret.encode()):
        raise APP_SECRET_INVALID.error()
    if ctx.query.get("grant_type") != grant_type:
        spec = GRANT_TYPE_INVALID
        raise ApiError(
            spec.code,
            f"Invalid parameter. The `grant_type` query parameter must be `{grant_type}`.",
            spec.http_status,
        )


@routes.handle(endpoints.OAUTH_EXCHANGE_CODE, message="success", errors=_ERRORS)
def get_access_token(ctx: RouteContext) -> object:
    """Exchange a single-use auth code (valid 30 minutes) for a token pair."""
    # grant_type is literally "authorized_code", not "authorization_code" [doc].
    _check_app(ctx, "authorized_code")
    code = ctx.query.get("auth_code", "")
    if not code:
        raise AUTH_CODE_INVALID.error()
    return ctx.world.tokens.exchange(code, ctx.now).to_wire()


@routes.handle(endpoints.OAUTH_REFRESH, message="success", errors=_ERRORS)
def refresh_access_token(ctx: RouteContext) -> object:
    """Rotate both tokens; the old access and refresh tokens stop working."""
    _check_app(ctx, "refresh_token")
    refresh_token = ctx.query.get("refresh_token", "")
    if not refresh_token:
        raise REFRESH_TOKEN_UNKNOWN.error()
    return ctx.world.tokens.refresh(refresh_token, ctx.now).to_wire()
