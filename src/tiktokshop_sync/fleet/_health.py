"""Authorization health: which sellers must re-authorize the app, and which shops are paused.

Pure values and one pure rule (:func:`grant_health`); the fleet gathers the facts (stored token
expiries, pauses, TikTok's expiration notices) and the rule decides, so it is tested without
a database. TikTok sends ``UPCOMING_AUTHORIZATION_EXPIRATION`` daily from 30 days before a grant
ends (``guides/webhooks/seller/7-upcoming-authorization-expiration.md``), hence the default.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs

__all__ = [
    "AuthorizationReport",
    "GrantHealth",
    "GrantStatus",
    "PauseKind",
    "ShopPause",
    "grant_health",
]


class PauseKind(str, enum.Enum):
    """Why a shop is paused: its scheduled and webhook runs are skipped until resumed."""

    REAUTHORIZE = "reauthorize"
    """TikTok refused the seller's refresh token (expired or revoked)."""
    DEAUTHORIZED = "deauthorized"
    """The seller removed the app (SELLER_DEAUTHORIZATION webhook)."""
    MANUAL = "manual"
    """The host paused it (``Fleet.pause``)."""


@attrs.frozen(kw_only=True)
class ShopPause:
    """One paused shop: why, since when, and the reason's text (never tokens)."""

    host_id: str
    grant: str
    kind: PauseKind
    reason: str
    paused_at: datetime


class GrantStatus(str, enum.Enum):
    """A seller grant's authorization, most urgent first."""

    DEAUTHORIZED = "deauthorized"
    REAUTHORIZE = "reauthorize"
    NOT_AUTHORIZED = "not_authorized"
    EXPIRING = "expiring"
    OK = "ok"


_URGENCY = {status: rank for rank, status in enumerate(GrantStatus)}


@attrs.frozen(kw_only=True)
class GrantHealth:
    """One seller grant (``open_id``) and its shops: status, expiries and what to do."""

    grant: str
    host_ids: tuple[str, ...]
    status: GrantStatus
    refresh_token_expires_at: datetime | None
    """When the stored refresh token stops working (None: no tokens stored)."""
    notice_expires_at: datetime | None
    """The expiration TikTok announced in an UPCOMING_AUTHORIZATION_EXPIRATION webhook."""
    paused: tuple[ShopPause, ...]
    message: str

    @property
    def needs_action(self) -> bool:
        """Whether the shop owner or the host must act."""
        return self.status is not GrantStatus.OK or bool(self.paused)


@attrs.frozen(kw_only=True)
class AuthorizationReport:
    """Every grant the fleet's shops use, checked at ``checked_at``; most urgent first."""

    checked_at: datetime
    grants: tuple[GrantHealth, ...]

    @property
    def needs_action(self) -> tuple[GrantHealth, ...]:
        """Grants that are not OK or have a paused shop."""
        return tuple(g for g in self.grants if g.needs_action)

    def of(self, status: GrantStatus) -> tuple[GrantHealth, ...]:
        """Grants with ``status``."""
        return tuple(g for g in self.grants if g.status is status)

    def describe(self) -> str:
        """One line per grant that needs action (ids and dates only)."""
        lines = [
            f"authorization health at {self.checked_at:%Y-%m-%d %H:%M} UTC: "
            f"{len(self.grants)} grant(s), {len(self.needs_action)} need action"
        ]
        lines += [f"  {g.grant} [{g.status.value}]: {g.message}" for g in self.needs_action]
        return "\n".join(lines)


def _day(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def grant_health(
    *,
    grant: str,
    host_ids: Sequence[str],
    refresh_token_expires_at: datetime | None,
    notice_expires_at: datetime | None,
    pauses: Sequence[ShopPause],
    now: datetime,
    within: timedelta,
) -> GrantHealth:
    """Decide a grant's status from its facts: a pause by TikTok's word first, then what the
    stored tokens say, then TikTok's expiration notice."""
    kinds = {p.kind for p in pauses}
    resume = f"then fleet.resume_grant({grant!r})"
    if PauseKind.DEAUTHORIZED in kinds:
        status = GrantStatus.DEAUTHORIZED
        message = f"the seller removed the app; its shops are paused until it is re-added, {resume}"
    elif PauseKind.REAUTHORIZE in kinds or (
        refresh_token_expires_at is not None and refresh_token_expires_at <= now
    ):
        status = GrantStatus.REAUTHORIZE
        message = (
            "TikTok no longer accepts the refresh token: the shop owner must authorize the app "
            f"again from the authorization URL, {resume}"
        )
    elif refresh_token_expires_at is None:
        status = GrantStatus.NOT_AUTHORIZED
        message = "no tokens are stored: the shop owner must authorize the app"
    else:
        ends = [t for t in (refresh_token_expires_at, notice_expires_at) if t is not None]
        first = min(ends)
        if first - now <= within:
            status = GrantStatus.EXPIRING
            message = (
                f"the authorization ends {_day(first)}: ask the shop owner to renew it "
                "(authorization URL, or Seller Center > App Store > My apps)"
            )
        else:
            status = GrantStatus.OK
            message = f"authorized until {_day(first)}"
    if pauses and status in (GrantStatus.OK, GrantStatus.EXPIRING):
        message += f"; {len(pauses)} shop(s) paused by the host"
    return GrantHealth(
        grant=grant,
        host_ids=tuple(host_ids),
        status=status,
        refresh_token_expires_at=refresh_token_expires_at,
        notice_expires_at=notice_expires_at,
        paused=tuple(pauses),
        message=message,
    )


def sort_report(grants: Sequence[GrantHealth]) -> tuple[GrantHealth, ...]:
    """Most urgent first, then soonest expiry, then grant."""
    far = datetime.max.replace(tzinfo=None)

    def key(g: GrantHealth) -> tuple[int, datetime, str]:
        expiry = g.refresh_token_expires_at
        return (_URGENCY[g.status], expiry.replace(tzinfo=None) if expiry else far, g.grant)

    return tuple(sorted(grants, key=key))
