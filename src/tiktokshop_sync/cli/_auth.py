"""``auth url | exchange | status`` and ``tokens health``: the seller's grants and their expiry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Annotated, Literal
from urllib.parse import parse_qs, urlsplit

import attrs
import typer

from tiktokshop_sync import (
    AuthenticationError,
    InvalidArgumentError,
    ReauthorizationRequiredError,
    TokenSet,
)

from ._common import DebugOpt, JsonOpt, begin, command
from ._exit import ExitCode
from ._output import Output, jst, until
from ._session import Session

__all__ = ["GrantHealth", "auth_app", "grant_health", "tokens_app"]

auth_app = typer.Typer(
    name="auth",
    help="Authorize the app for a shop owner and see the stored grants.",
    no_args_is_help=True,
)
tokens_app = typer.Typer(
    name="tokens", help="Watch the stored grants (for a scheduler).", no_args_is_help=True
)

State = Literal["ok", "expiring", "reauthorize", "rejected"]


@attrs.frozen(kw_only=True)
class GrantHealth:
    """One stored grant: when its tokens expire and whether a person must act."""

    open_id: str
    seller_name: str = attrs.field(repr=False)
    """The seller's name on TikTok (a person's name for a sole trader): left out of the repr."""
    region: str
    scopes: int
    access_expires: datetime
    refresh_expires: datetime
    state: State
    message: str = attrs.field(repr=False)

    @property
    def action_needed(self) -> bool:
        """Whether the shop owner must authorize again (now, or before the refresh token ends)."""
        return self.state != "ok"

    def row(self, now: datetime) -> list[str]:
        """The grant as a table row."""
        return [
            self.open_id,
            self.seller_name,
            until(self.access_expires, now),
            f"{jst(self.refresh_expires)} ({until(self.refresh_expires, now)})",
            self.state,
        ]

    def record(self) -> dict[str, object]:
        """The grant as a JSON line (no token, only expiries)."""
        return {
            "type": "grant",
            "open_id": self.open_id,
            "seller_name": self.seller_name,
            "region": self.region,
            "scopes": self.scopes,
            "access_token_expires_at": self.access_expires,
            "refresh_token_expires_at": self.refresh_expires,
            "state": self.state,
            "action_needed": self.action_needed,
            "message": self.message,
        }


def grant_health(tokens: TokenSet, *, now: datetime, warn: timedelta) -> GrantHealth:
    """Whether ``tokens`` still work and for how long; ``warn`` is how early to ask for action."""
    refresh = tokens.refresh_token_expires_at
    state: State = "ok"
    if not tokens.refresh_token_usable(now):
        state = "reauthorize"
        message = "refresh token expired: the shop owner must authorize the app again"
    elif refresh - now <= warn:
        state = "expiring"
        message = (
            f"refresh token expires {until(refresh, now)}: have the shop owner authorize again "
            "before then (partner access 'Unlimited' stops this)"
        )
    elif not tokens.access_token_usable(now):
        message = "access token expired: refreshed automatically on the next call"
    else:
        message = "ok"
    return GrantHealth(
        open_id=tokens.open_id,
        seller_name=tokens.seller_name,
        region=tokens.seller_base_region,
        scopes=len(tokens.granted_scopes),
        access_expires=tokens.access_token_expires_at,
        refresh_expires=refresh,
        state=state,
        message=message,
    )


#: Ten years: far beyond any refresh token's life, and a window dates can still hold.
_MAX_DAYS = 3650
_COLUMNS = ("seller (open_id)", "name", "access token expires", "refresh token expires", "state")


def _healths(current: Session, warn: timedelta) -> list[GrantHealth]:
    now = current.clock.now()
    found = []
    for grant in current.grants():
        tokens = current.store.tokens.load(grant)
        if tokens is not None:
            found.append(grant_health(tokens, now=now, warn=warn))
    return found


def _check(current: Session, health: GrantHealth) -> GrantHealth:
    """Ask TikTok whether the grant still works (one shop-list call, refreshing if needed)."""
    try:
        shops = current.client.seller(health.open_id).shops.authorized()
    except ReauthorizationRequiredError as error:
        return attrs.evolve(health, state="reauthorize", message=error.reason)
    except AuthenticationError as error:
        return attrs.evolve(health, state="rejected", message=" ".join(str(error).split()))
    tokens = current.store.tokens.load(health.open_id)
    fresh = grant_health(tokens, now=current.clock.now(), warn=timedelta(0)) if tokens else health
    note = f"TikTok accepts it: {len(shops)} authorized shop(s)"
    return attrs.evolve(
        health,
        access_expires=fresh.access_expires,
        refresh_expires=fresh.refresh_expires,
        message=note if health.state == "ok" else f"{health.message}; {note}",
    )


def _show(output: Output, healths: Sequence[GrantHealth], now: datetime, title: str) -> None:
    if output.json_lines:
        for health in healths:
            output.record(health.record())
    else:
        output.table(_COLUMNS, (h.row(now) for h in healths), title=title, wide=("name",))
        for health in healths:
            if health.message != "ok":
                output.text(f"{health.open_id}: {health.message}")


@auth_app.command("url")
@command
def auth_url(
    ctx: typer.Context,
    state: Annotated[
        str | None,
        typer.Option(help="The state to put in the link (default: a new random one, printed)."),
    ] = None,
    service_id: Annotated[
        str | None,
        typer.Option(help="Partner Center's service id (default: TIKTOKSHOP_SERVICE_ID)."),
    ] = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Print the link the shop owner opens to authorize the app (アプリ連携).

    Only the shop owner's main account can authorize. TikTok then redirects to your redirect
    URL with ?code=...: pass that code (or the whole URL) to `auth exchange` within 30 minutes.
    """
    current, output = begin(ctx, json_output, debug)
    oauth = current.client.oauth
    chosen = state or oauth.new_state()
    link = oauth.authorization_url(state=chosen, service_id=service_id)
    if output.json_lines:
        output.record({"type": "authorization_url", "url": link, "state": chosen})
    else:
        output.text(link)
        output.note(
            f"state: {chosen} (check it on the redirect). Then: tiktokshop-sync auth exchange CODE"
        )
    return 0


def _code_from(value: str, state: str | None) -> str:
    """The auth code itself, or the ``code`` of a pasted redirect URL (its ``state`` checked)."""
    if "code=" not in value:
        return value.strip()
    query = parse_qs(urlsplit(value.strip()).query)
    codes = query.get("code") or []
    if not codes:
        raise InvalidArgumentError("the redirect URL has no code parameter; paste the whole URL.")
    if state is not None and (query.get("state") or [""])[0] != state:
        raise InvalidArgumentError(
            "the redirect URL's state is not the one given with --state: the link was not the one "
            "you sent (possible CSRF); send a new link with `tiktokshop-sync auth url`."
        )
    return codes[0]


@auth_app.command("exchange")
@command
def auth_exchange(
    ctx: typer.Context,
    code: Annotated[
        str, typer.Argument(help="The code from the redirect URL, or the whole redirect URL.")
    ],
    state: Annotated[
        str | None, typer.Option(help="Refuse a pasted redirect URL whose state differs.")
    ] = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Trade the single-use code for the seller's tokens and keep them in the store.

    The tokens are stored under the seller's open_id; they are never printed.
    """
    current, output = begin(ctx, json_output, debug)
    tokens = current.client.oauth.exchange_code(_code_from(code, state))
    health = grant_health(tokens, now=current.clock.now(), warn=timedelta(0))
    if output.json_lines:
        output.record({**health.record(), "type": "authorized"})
    else:
        output.text(
            f"authorized: {tokens.seller_name or tokens.open_id} (open_id {tokens.open_id})"
        )
        output.text(f"  access token expires  {jst(tokens.access_token_expires_at)}")
        output.text(f"  refresh token expires {jst(tokens.refresh_token_expires_at)}")
        output.text(f"  scopes granted: {len(tokens.granted_scopes)}")
        output.note("next: tiktokshop-sync shops")
    return 0


@auth_app.command("status")
@command
def auth_status(
    ctx: typer.Context,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Also ask TikTok whether each grant still works (one call each)."
        ),
    ] = False,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """Show every stored grant: seller, token expiry, and whether re-authorization is needed.

    Exits 4 when no seller is authorized and 10 when a grant needs the shop owner to act.
    """
    current, output = begin(ctx, json_output, debug)
    healths = _healths(current, warn=timedelta(0))
    if not healths:
        current.grant()  # raises: nothing stored, with what to do
    if check:
        healths = [_check(current, h) for h in healths]
    _show(output, healths, current.clock.now(), "grants")
    return int(ExitCode.ATTENTION) if any(h.action_needed for h in healths) else 0


@tokens_app.command("health")
@command
def tokens_health(
    ctx: typer.Context,
    days: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=_MAX_DAYS,
            help="Warn about refresh tokens that expire within this many days "
            "(default 30, or [tokens] days).",
        ),
    ] = None,
    json_output: JsonOpt = False,
    debug: DebugOpt = False,
) -> int:
    """List grants whose refresh token has expired or expires within N days.

    Exits 10 when the shop owner must act (so a scheduler can alert), 4 when none is stored.
    """
    current, output = begin(ctx, json_output, debug)
    window = current.whole(days, "tokens", "days", 30, low=0, high=_MAX_DAYS)
    healths = _healths(current, warn=timedelta(days=window))
    if not healths:
        current.grant()
    _show(output, healths, current.clock.now(), f"grants (warning {window} days ahead)")
    needing = [h for h in healths if h.action_needed]
    if not output.json_lines:
        output.note(
            f"{len(needing)} of {len(healths)} grant(s) need the shop owner to authorize again"
            if needing
            else f"all {len(healths)} grant(s) good for more than {window} days"
        )
    return int(ExitCode.ATTENTION) if needing else 0
