"""OAuth pieces shared by the client and the token manager: link, exchange, refresh.

The token endpoints live on the auth host, are plain GETs with the app secret in the query,
and are not signed. They are never retried blindly: an auth code is single-use.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from .._config import AUTHORIZE_HOSTS, ClientConfig
from .._exceptions import ConfigurationError
from .conversions import Timestamp
from .endpoint import Endpoint
from .replies import One
from .request import Cipher, Host, RequestSpec
from .tokens import TokenSet
from .views import WireView

__all__ = [
    "OAUTH_EXCHANGE_CODE",
    "OAUTH_REFRESH",
    "TokenGrant",
    "authorization_url",
    "exchange_spec",
    "new_state",
    "refresh_spec",
]


def new_state() -> str:
    """A random ``state`` value for CSRF protection of the authorization redirect."""
    return secrets.token_urlsafe(24)


def authorization_url(
    config: ClientConfig, *, state: str | None, service_id: str | None = None
) -> str:
    """The link the shop owner opens to authorize the app (ROW for Japan, or US)."""
    service = service_id or config.service_id
    if not service:
        raise ConfigurationError(
            "service_id is required for the authorization link: pass service_id=... or set "
            "TIKTOKSHOP_SERVICE_ID (Partner Center > App > Authorization)."
        )
    params = {"service_id": service}
    if state is not None:
        params["state"] = state
    return f"{AUTHORIZE_HOSTS[config.region]}/open/authorize?{urlencode(params)}"


class TokenGrant(WireView):
    """``data`` of ``/api/v2/token/get`` and ``/api/v2/token/refresh``.

    ``*_expire_in`` are absolute Unix timestamps despite their names. The core refreshes tokens
    itself, so the reply it reads lives here; :mod:`tiktokshop_sync.types.token` re-exports it.
    A lazy view (as the orders are), so refreshing a token loads no pydantic.
    """

    access_token: str
    access_token_expire_in: Timestamp
    refresh_token: str
    refresh_token_expire_in: Timestamp
    open_id: str
    seller_name: str = ""
    seller_base_region: str = ""
    user_type: int | None = None
    granted_scopes: list[str] = []  # noqa: RUF012 (a view field: absent, it reads as a new list)

    def __repr__(self) -> str:
        return f"TokenGrant(open_id={self.open_id!r}, seller_name={self.seller_name!r}, tokens=***)"

    def to_token_set(self) -> TokenSet:
        """The tokens as the value stores keep."""
        return TokenSet(
            access_token=self.access_token,
            access_token_expires_at=self.access_token_expire_in,
            refresh_token=self.refresh_token,
            refresh_token_expires_at=self.refresh_token_expire_in,
            open_id=self.open_id,
            seller_name=self.seller_name,
            seller_base_region=self.seller_base_region,
            granted_scopes=self.granted_scopes,
        )


def _token_endpoint(name: str, path: str) -> Endpoint[TokenSet]:
    """A token endpoint's row: a plain GET on the auth host, unsigned, no token, no shop."""
    return Endpoint(
        name=name,
        method="GET",
        path=path,
        host=Host.AUTH,
        cipher=Cipher.FORBIDDEN,
        signed=False,
        authenticated=False,
        reply=_TOKENS,
    )


_TOKENS = One(TokenGrant, then=TokenGrant.to_token_set)
#: Get Access Token (authorization guides, "Get Access Token API"): trade an auth code.
OAUTH_EXCHANGE_CODE = _token_endpoint("oauth.exchange_code", "/api/v2/token/get")
#: Refresh Access Token (authorization guides, "Get Refresh Token API"): rotate both tokens.
OAUTH_REFRESH = _token_endpoint("oauth.refresh", "/api/v2/token/refresh")


def _token_spec(
    endpoint: Endpoint[TokenSet], config: ClientConfig, **params: str
) -> RequestSpec[TokenSet]:
    """An auth-host token call: a GET with the app secret in the query, unsigned, never retried."""
    return endpoint.spec(
        query={"app_key": config.app_key, "app_secret": config.app_secret, **params}
    )


def exchange_spec(config: ClientConfig, auth_code: str) -> RequestSpec[TokenSet]:
    """GET /api/v2/token/get: trade a single-use auth code for tokens."""
    return _token_spec(
        OAUTH_EXCHANGE_CODE, config, auth_code=auth_code, grant_type="authorized_code"
    )


def refresh_spec(config: ClientConfig, refresh_token: str) -> RequestSpec[TokenSet]:
    """GET /api/v2/token/refresh: new access and refresh tokens."""
    return _token_spec(
        OAUTH_REFRESH, config, refresh_token=refresh_token, grant_type="refresh_token"
    )
