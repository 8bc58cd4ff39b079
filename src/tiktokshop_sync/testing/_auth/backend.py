"""Seller authorization: auth codes, access and refresh tokens, and their lifetimes (§3).

:class:`TokenIssuer` is the server's side of OAuth (it mints and checks credentials); the SDK's
``TokenStore`` is the client's side (it keeps them).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from attrs import define, field, frozen

from tiktokshop_sync.testing._errors import (
    AUTH_CODE_INVALID,
    REFRESH_TOKEN_EXPIRED,
    REFRESH_TOKEN_UNKNOWN,
)
from tiktokshop_sync.testing._ids import IdFactory
from tiktokshop_sync.testing._shops.backend import FakeSeller

__all__ = ["ALL_SCOPES", "AUTH_CODE_TTL", "AccessToken", "FakeGrant", "TokenIssuer"]

#: An auth code is valid for 30 minutes and can be used once [doc].
AUTH_CODE_TTL = timedelta(minutes=30)

#: Every scope the endpoints in reference §5.0 need; a default grant has them all.
ALL_SCOPES: tuple[str, ...] = (
    "seller.authorization.info",
    "seller.shop.info",
    "seller.order.info",
    "seller.fulfillment.basic",
    "seller.fulfillment.package.write",
    "seller.logistics",
    "seller.delivery.status.write",
    "seller.product.basic",
    "seller.product.write",
    "seller.product.delete",
    "seller.return_refund.basic",
    "seller.finance.info",
)


@frozen(kw_only=True)
class FakeGrant:
    """Tokens issued to a seller, as the token endpoints return them; the repr hides the secrets."""

    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    access_token_expires_at: datetime
    refresh_token_expires_at: datetime
    open_id: str
    seller_name: str
    seller_base_region: str = "JP"
    granted_scopes: tuple[str, ...] = ()

    def to_wire(self) -> dict[str, object]:
        """The token endpoints' ``data``; ``*_expire_in`` are ABSOLUTE Unix timestamps (§3.4)."""
        return {
            "access_token": self.access_token,
            "access_token_expire_in": int(self.access_token_expires_at.timestamp()),
            "refresh_token": self.refresh_token,
            "refresh_token_expire_in": int(self.refresh_token_expires_at.timestamp()),
            "open_id": self.open_id,
            "seller_name": self.seller_name,
            "seller_base_region": self.seller_base_region,
            "user_type": 0,
            "granted_scopes": list(self.granted_scopes),
        }


@define(kw_only=True)
class _AuthCode:
    seller: FakeSeller
    scopes: tuple[str, ...]
    expires_at: datetime
    used: bool = False


@define(kw_only=True)
class AccessToken:
    """A live access token: whose it is, what it may do, when it stops working."""

    token: str = field(repr=False)
    seller: FakeSeller
    scopes: tuple[str, ...]
    expires_at: datetime

    def is_expired(self, now: datetime) -> bool:
        """Expired from ``expires_at`` on."""
        return now >= self.expires_at


@define(kw_only=True)
class _RefreshToken:
    token: str = field(repr=False)
    seller: FakeSeller
    scopes: tuple[str, ...]
    expires_at: datetime
    access_token: str = field(repr=False)


class TokenIssuer:
    """Issues, exchanges, rotates, checks and revokes credentials (under the fake's lock)."""

    def __init__(
        self, ids: IdFactory, *, access_token_ttl: timedelta, refresh_token_ttl: timedelta
    ) -> None:
        self._ids = ids
        self._access_ttl = access_token_ttl
        self._refresh_ttl = refresh_token_ttl
        self._codes: dict[str, _AuthCode] = {}
        self._access: dict[str, AccessToken] = {}
        self._refresh: dict[str, _RefreshToken] = {}
        self._deauthorized: set[str] = set()
        """Access tokens of sellers who deauthorized the app (TikTok names those: 105001)."""
        #: Whether a refresh replaces the refresh token too. TikTok's guides do not say
        #: (tiktok-spec guides/.../authorization-overview-202407.md, "Get Refresh Token API"),
        #: so the fake can do either and clients are tested against both.
        self.rotate_refresh_tokens = True

    def new_auth_code(self, seller: FakeSeller, scopes: tuple[str, ...], now: datetime) -> str:
        """What the redirect to the app carries after the seller clicks "authorize"."""
        code = self._ids.token("ROW_")
        self._codes[code] = _AuthCode(seller=seller, scopes=scopes, expires_at=now + AUTH_CODE_TTL)
        return code

    def exchange(self, code: str, now: datetime) -> FakeGrant:
        """Get Access Token: a valid, unused, unexpired code becomes a token pair."""
        entry = self._codes.get(code)
        if entry is None or entry.used or now >= entry.expires_at:
            raise AUTH_CODE_INVALID.error()
        entry.used = True
        return self.issue(entry.seller, entry.scopes, now)

    def issue(self, seller: FakeSeller, scopes: tuple[str, ...], now: datetime) -> FakeGrant:
        """A fresh access token (7 days by default) and refresh token for ``seller``."""
        access = AccessToken(
            token=self._ids.token("ROW_"),
            seller=seller,
            scopes=scopes,
            expires_at=now + self._access_ttl,
        )
        refresh = _RefreshToken(
            token=self._ids.token("ROW_"),
            seller=seller,
            scopes=scopes,
            expires_at=now + self._refresh_ttl,
            access_token=access.token,
        )
        self._access[access.token] = access
        self._refresh[refresh.token] = refresh
        return _grant(access, refresh)

    def refresh(self, refresh_token: str, now: datetime) -> FakeGrant:
        """Refresh: both tokens rotate and the old ones stop working (or, with rotation off, a
        new access token comes with the same refresh token)."""
        entry = self._refresh.get(refresh_token)
        if entry is None:
            raise REFRESH_TOKEN_UNKNOWN.error()
        if now >= entry.expires_at:
            raise REFRESH_TOKEN_EXPIRED.error()
        self._access.pop(entry.access_token, None)
        if not self.rotate_refresh_tokens:
            access = AccessToken(
                token=self._ids.token("ROW_"),
                seller=entry.seller,
                scopes=entry.scopes,
                expires_at=now + self._access_ttl,
            )
            self._access[access.token] = access
            entry.access_token = access.token
            return _grant(access, entry)
        del self._refresh[refresh_token]
        return self.issue(entry.seller, entry.scopes, now)

    def access_token(self, token: str) -> AccessToken | None:
        """The record behind an ``x-tts-access-token`` header, if it was ever issued and is live."""
        return self._access.get(token)

    def deauthorized(self, token: str) -> bool:
        """Whether ``token`` was a live access token of a seller who deauthorized the app."""
        return token in self._deauthorized

    def expire_access_tokens(self, now: datetime, open_id: str | None = None) -> None:
        """Make access tokens (all, or one seller's) expire now; refresh tokens keep working."""
        for entry in self._access.values():
            if open_id is None or entry.seller.open_id == open_id:
                entry.expires_at = min(entry.expires_at, now)

    def expire_refresh_tokens(self, now: datetime, open_id: str | None = None) -> None:
        """Make refresh tokens (all, or one seller's) expire now."""
        for entry in self._refresh.values():
            if open_id is None or entry.seller.open_id == open_id:
                entry.expires_at = min(entry.expires_at, now)

    def revoke(self, open_id: str) -> None:
        """The seller deauthorizes the app: every token and unused code of theirs is forgotten
        (their access tokens are answered as deauthorized from now on)."""
        self._deauthorized.update(k for k, v in self._access.items() if v.seller.open_id == open_id)
        self._access = {k: v for k, v in self._access.items() if v.seller.open_id != open_id}
        self._refresh = {k: v for k, v in self._refresh.items() if v.seller.open_id != open_id}
        self._codes = {k: v for k, v in self._codes.items() if v.seller.open_id != open_id}


def _grant(access: AccessToken, refresh: _RefreshToken) -> FakeGrant:
    return FakeGrant(
        access_token=access.token,
        refresh_token=refresh.token,
        access_token_expires_at=access.expires_at,
        refresh_token_expires_at=refresh.expires_at,
        open_id=access.seller.open_id,
        seller_name=access.seller.seller_name,
        seller_base_region=access.seller.base_region,
        granted_scopes=access.scopes,
    )
