"""The error tree. Every error this package raises is a :class:`TikTokShopError`.

API errors are classified by TikTok's body ``code`` (and message, where TikTok reuses a code)
first and the HTTP status second; see :mod:`tiktokshop_sync._core.error_map`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIError",
    "APITimeoutError",
    "AlreadyRunningError",
    "AuthenticationError",
    "AuthorizationCodeError",
    "BusinessError",
    "ConfigurationError",
    "ConflictError",
    "IPNotAllowedError",
    "InvalidAppKeyError",
    "InvalidArgumentError",
    "InvalidRequestError",
    "InvalidTokenError",
    "MalformedFieldError",
    "MalformedResponseError",
    "MissingFieldError",
    "NotAuthorizedError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReauthorizationRequiredError",
    "RegionNotSupportedError",
    "ResponseValidationError",
    "ScopeError",
    "SearchLimitError",
    "ServerError",
    "ShopCipherError",
    "ShopMismatchError",
    "SignatureError",
    "StoreError",
    "TikTokShopError",
    "TimestampError",
    "TokenExpiredError",
]


class TikTokShopError(Exception):
    """Base class of every error raised by tiktokshop-sync."""


class ConfigurationError(TikTokShopError, ValueError):
    """A setting is missing or invalid; the message names the setting and the fix."""


class InvalidArgumentError(TikTokShopError, ValueError):
    """An argument passed to an SDK method is out of range or of the wrong kind."""


class NotAuthorizedError(TikTokShopError):
    """No tokens are stored for this seller: run the OAuth flow (link, then code exchange)."""

    def __init__(self, grant: str) -> None:
        self.grant = grant
        super().__init__(
            f"No tokens are stored for seller {grant!r}. Send the shop owner to the authorization "
            "URL (client.oauth.authorization_url(...)) and exchange the returned code with "
            "client.oauth.exchange_code(code)."
        )


class ReauthorizationRequiredError(TikTokShopError):
    """The refresh token is expired or revoked: only the shop owner can re-authorize the app."""

    def __init__(
        self, grant: str, reason: str, *, refresh_token_expires_at: datetime | None = None
    ) -> None:
        self.grant = grant
        self.reason = reason
        self.refresh_token_expires_at = refresh_token_expires_at
        super().__init__(
            f"Seller {grant!r} must re-authorize the app: {reason}. Only the shop owner (main "
            "account, not a sub-account) can do this, from the authorization URL; choose partner "
            "access 'Unlimited' so it does not lapse again."
        )


class StoreError(TikTokShopError):
    """A state or token store could not read or write its database; the message says why."""

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_store_error, (str(self), self.path))


def _rebuild_store_error(message: str, path: str) -> StoreError:
    return StoreError(message, path=path)


class AlreadyRunningError(TikTokShopError):
    """Another worker holds the run lease of this job for this shop; this run did not start
    (or, if ``taken_over``, stopped before its next step because its lease had expired).

    ``holder`` is the worker holding the lease now; "" when this run's lease ran out and no
    other holder is known (``until`` is then when it ran out).
    """

    def __init__(
        self,
        *,
        shop: str,
        job: str,
        holder: str,
        until: datetime,
        taken_over: bool = False,
    ) -> None:
        self.shop = shop
        self.job = job
        self.holder = holder
        self.until = until
        self.taken_over = taken_over
        stamp = until.strftime("%Y-%m-%d %H:%M:%S UTC")
        if taken_over and not holder:
            what = (
                f"This run of {job!r} for shop {shop!r} lost its lease: it ran out at {stamp} "
                "(renewals failed or came too late), so another worker may run the job now; it "
                "stopped before its next step. Its finished steps are recorded, so the next run "
                "continues them. Give the job a longer LeasePolicy(ttl=...) if its steps are slow."
            )
        elif taken_over:
            what = (
                f"This run of {job!r} for shop {shop!r} lost its lease (it was not renewed in "
                f"time) and worker {holder!r} now holds it until {stamp}; it stopped before its "
                "next step. Its finished steps are recorded, so the next run continues them. "
                "Give the job a longer LeasePolicy(ttl=...) if its steps are slow."
            )
        else:
            what = (
                f"Job {job!r} for shop {shop!r} is already running in worker {holder!r} (lease "
                f"held until {stamp}); this run did not start. Run it again later, or pass "
                "lease=LeasePolicy(wait=...) to wait for the other run to finish."
            )
        super().__init__(what)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_already_running,
            (self.shop, self.job, self.holder, self.until, self.taken_over),
        )


def _rebuild_already_running(
    shop: str, job: str, holder: str, until: datetime, taken_over: bool
) -> AlreadyRunningError:
    return AlreadyRunningError(
        shop=shop, job=job, holder=holder, until=until, taken_over=taken_over
    )


class MalformedFieldError(TikTokShopError, ValueError):
    """A field of a reply held a value its type cannot take; raised when the field is read.

    Replies are read lazily: an order's amounts, times, enum values and nested objects are
    converted when first read, so a malformed one raises this then (naming the model and the
    field), not when the page arrives. The message never quotes a text value (it may be a
    buyer's); amounts and times are quoted, as they carry no personal data.
    """

    def __init__(self, model: str, field: str, reason: str) -> None:
        self.model = model
        self.field = field
        self.reason = reason
        super().__init__(
            f"TikTok sent a value {model}.{field} cannot hold: {reason}. A field changed shape "
            "on TikTok's side; please report it (strict_models() makes such a reply fail "
            "when it is read, in tests)."
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.model, self.field, self.reason))


class MissingFieldError(TikTokShopError, ValueError):
    """A field TikTok may leave out was asked for as required and is absent.

    Raised by the ``require_*`` accessors (``order.require_payment()``), which code uses where a
    missing value must stop the work rather than read as zero or empty.
    """

    def __init__(self, model: str, field: str, record_id: str) -> None:
        self.model = model
        self.field = field
        self.record_id = record_id
        super().__init__(
            f"TikTok sent no {model}.{field} for {record_id}; read the field itself "
            f"(it is None) where its absence is expected."
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.model, self.field, self.record_id))


class PaginationError(TikTokShopError):
    """Paging cannot continue safely (for example TikTok repeated a page token)."""


class SearchLimitError(PaginationError):
    """The search matches more results than TikTok will page through (10,000 for products)."""


class APIConnectionError(TikTokShopError):
    """The request could not complete over the network.

    ``request_sent`` tells whether the request may have reached TikTok; writes are only
    retried when it cannot have. ``may_have_applied`` is true for a write that reached TikTok
    without an answer: its outcome is unknown, and ``read_back`` names the SDK call that shows
    whether it happened. Read it back before writing again.
    """

    def __init__(
        self,
        message: str,
        *,
        method: str,
        path: str,
        request_sent: bool,
        read_back: str | None = None,
        idempotent: bool = False,
    ) -> None:
        self.method = method
        self.path = path
        self.request_sent = request_sent
        self.read_back = read_back
        self.idempotent = idempotent
        super().__init__(f"{message} ({method} {path}). {self._advice()}")

    @property
    def may_have_applied(self) -> bool:
        """Whether this was a write that reached TikTok: it may have been applied, or not."""
        return self.request_sent and self.read_back is not None

    def _advice(self) -> str:
        if not self.request_sent:
            return "Nothing reached TikTok, so nothing changed: check the network and retry."
        if self.read_back is None:
            return "Check the network and retry later."
        return (
            "The request reached TikTok, so this write may have been applied. Read it back "
            f"before writing again: {_read_back_advice(self.read_back, self.idempotent)}"
        )


def _read_back_advice(read_back: str, idempotent: bool) -> str:
    """How to find out whether a write of unknown outcome happened, and whether to resend it."""
    repeat = (
        "Sending it again is harmless (it sets the same values)."
        if idempotent
        else "Sending it again before reading it back may act twice or be refused as done."
    )
    return f"{read_back}. {repeat}"


class APITimeoutError(APIConnectionError):
    """The request timed out; when ``may_have_applied`` is true a write may have happened."""


class APIError(TikTokShopError):
    """TikTok answered with an error.

    Carries TikTok's ``code``, ``message`` and ``request_id``, the HTTP status, the raw body,
    and a ``hint`` saying what to do. ``str()`` never contains secrets. For a write,
    ``read_back`` names the SDK call that shows its state and ``idempotent`` whether sending it
    again is harmless; ``may_have_applied`` tells whether the write may have happened anyway.
    """

    #: What a caller should do about this kind of error, when there is one thing to say.
    default_hint: str = ""
    #: Whether repeating the same request later can succeed.
    retryable: bool = False
    #: For a write: the SDK call that shows whether it was applied (None for a read).
    read_back: str | None = None
    #: Whether sending the same request again is harmless.
    idempotent: bool = False

    def __init__(
        self,
        message: str,
        *,
        code: int | None = None,
        request_id: str | None = None,
        http_status: int | None = None,
        body: bytes = b"",
        method: str = "",
        path: str = "",
        hint: str | None = None,
        retry_after: float | None = None,
        read_back: str | None = None,
        idempotent: bool = False,
    ) -> None:
        self.code = code
        self.message = message
        self.request_id = request_id
        self.http_status = http_status
        self.body = body
        self.method = method
        self.path = path
        self.retry_after = retry_after
        self.read_back = read_back
        self.idempotent = idempotent
        self.hint = hint if hint is not None else self._advice()
        super().__init__(self._describe())

    @property
    def may_have_applied(self) -> bool:
        """Whether this was a write TikTok may have applied before answering with the error.

        False for a refusal: TikTok checked the request and did not act on it.
        """
        return False

    def _advice(self) -> str:
        return self.default_hint

    def _describe(self) -> str:
        where = f"{self.method} {self.path}".strip()
        facts = [f"code {self.code}" if self.code is not None else None]
        facts.append(f"HTTP {self.http_status}" if self.http_status is not None else None)
        facts.append(f"request_id {self.request_id}" if self.request_id else None)
        head = f"{self.message} ({', '.join(f for f in facts if f)})"
        if where:
            head = f"{where}: {head}"
        return f"{head}. {self.hint}" if self.hint else head

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_api_error, (type(self), self.__dict__.copy()))


def _rebuild_api_error(cls: type[APIError], state: dict[str, object]) -> APIError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error._describe())
    return error


class MalformedResponseError(APIError):
    """TikTok's reply could not be understood; ``body`` keeps the raw bytes for inspection.

    A 2xx reply means TikTok received the request, so for a write ``may_have_applied`` is true
    (the write may have succeeded; only its reply is unreadable): read it back first.
    """

    default_hint = "The raw reply is kept on the error's .body; report it if it persists."
    retryable = True

    @property
    def may_have_applied(self) -> bool:
        """Whether this was a write TikTok accepted (HTTP 2xx) and may have applied."""
        status = self.http_status
        return self.read_back is not None and status is not None and 200 <= status < 300

    def _advice(self) -> str:
        if self.read_back is None or not self.may_have_applied:
            return self.default_hint
        return (
            f"TikTok accepted this write (HTTP {self.http_status}) but its reply could not be "
            "read, so it may have been applied: read it back before writing again: "
            f"{_read_back_advice(self.read_back, self.idempotent)} The raw reply is on .body."
        )


class ResponseValidationError(MalformedResponseError):
    """TikTok's reply was valid JSON but did not match the model; the raw body is kept."""

    retryable = False
    default_hint = (
        "The raw reply is kept on .body. A field changed shape on TikTok's side; please report it."
    )


class AuthenticationError(APIError):
    """TikTok rejected the app's credentials or the seller's token: only these, never a bad
    parameter, so catching it to alert an operator does not fire on a typo."""

    default_hint = (
        "Check app_key and app_secret (Partner Center > App > Basic information) and this "
        "seller's tokens; have the shop owner re-authorize if the token was revoked."
    )


class TokenExpiredError(AuthenticationError):
    """The access token has expired (105002); the client refreshes it once and retries."""

    default_hint = (
        "The client refreshes the token automatically; if this persists, have the shop owner "
        "re-authorize from client.oauth.authorization_url()."
    )


class InvalidTokenError(AuthenticationError):
    """The access token is unknown or revoked (36009004 naming the token; 105001, the grant
    deauthorized)."""

    default_hint = (
        "Refresh it with client.oauth.refresh(open_id), or have the shop owner re-authorize "
        "from client.oauth.authorization_url()."
    )


class AuthorizationCodeError(AuthenticationError):
    """The OAuth auth code is invalid, already used or older than 30 minutes."""

    default_hint = (
        "Auth codes are single-use and expire after 30 minutes: send the shop owner to "
        "client.oauth.authorization_url() again and exchange the new code."
    )


class SignatureError(AuthenticationError):
    """TikTok rejected the request signature (106001 or a missing sign)."""

    default_hint = (
        "Check that app_secret belongs to app_key; use tiktokshop_sync.string_to_sign() to "
        "compare the signed string with TikTok's algorithm."
    )


class InvalidAppKeyError(AuthenticationError):
    """The app_key is unknown to TikTok."""

    default_hint = "Copy the App Key from Partner Center > App > Basic information."


class TimestampError(AuthenticationError):
    """The request timestamp was outside TikTok's window (5 minutes behind, 30 seconds ahead)."""

    default_hint = "Synchronise this machine's clock (NTP); TikTok allows -5 min / +30 s."


class PermissionDeniedError(APIError):
    """The app, token or seller lacks a permission for this (scope, IP, shop, market, or a
    seller permission such as a brand or category qualification)."""

    default_hint = (
        "Grant the missing permission: the app's scopes in Partner Center, or the seller's "
        "qualification in Seller Center; repeating the call will not help."
    )


class ScopeError(PermissionDeniedError):
    """The token lacks the scope this endpoint needs (105005)."""

    default_hint = (
        "Add the endpoint's scope to the app in Partner Center, then have the shop owner "
        "re-authorize so the new token carries it."
    )


class IPNotAllowedError(PermissionDeniedError):
    """This machine's IP is not in the app's IP allow list (36009033)."""

    default_hint = "Add this server's public IP to the allow list in Partner Center."


class ShopMismatchError(PermissionDeniedError):
    """The shop_cipher does not belong to the seller whose token was sent (101000)."""

    default_hint = (
        "Use a cipher from seller.shops.authorized() on the same seller's view: "
        "client.seller(open_id).shop(cipher)."
    )


class RegionNotSupportedError(PermissionDeniedError):
    """The endpoint is not available for this shop's region or business type (21008106)."""

    default_hint = "This operation is not offered in the shop's market; use the regional flow."


class InvalidRequestError(APIError):
    """TikTok rejected the request's parameters: one is missing, malformed, out of range or
    not allowed (36009004 "Invalid parameter", 21001001, 25001001, 12052910...)."""

    default_hint = (
        "Fix the parameter TikTok's message names (see the endpoint's reference); the same "
        "request will fail again."
    )


class ShopCipherError(InvalidRequestError):
    """shop_cipher was missing where required (106013) or sent where not accepted."""

    default_hint = "Call shop endpoints on client.shop(cipher) and seller endpoints without one."


class NotFoundError(APIError):
    """The path, order, package or product does not exist (or not for this seller)."""

    default_hint = (
        "Check the id, and that it belongs to the shop this view is for (client.shop(cipher)): "
        "TikTok reports another shop's ids as not found."
    )


class ConflictError(APIError):
    """The action was already done or conflicts with the current state (e.g. already shipped)."""

    default_hint = (
        "Read the object again (its status may have moved on, or the action may already be "
        "done) and decide from its current state; do not repeat the call unchanged."
    )


class RateLimitError(APIError):
    """Too many requests (36009002 / HTTP 429); ``retry_after`` holds the server's hint."""

    default_hint = "Slow down; safe calls are retried with backoff automatically."
    retryable = True


class ServerError(APIError):
    """TikTok had an internal error or timed out (36009003, 36009007, HTTP 5xx).

    The request reached TikTok, which may have applied it before failing (a gateway 504 comes
    after the backend acted), so for a write ``may_have_applied`` is true: read it back first.
    """

    default_hint = "A temporary TikTok problem; safe calls are retried automatically."
    retryable = True

    @property
    def may_have_applied(self) -> bool:
        """Whether this answered a write, which TikTok may have applied before failing."""
        return self.read_back is not None

    def _advice(self) -> str:
        if self.read_back is None:
            return self.default_hint
        return (
            "TikTok failed after receiving this write, so it may have been applied: read it "
            f"back before writing again: {_read_back_advice(self.read_back, self.idempotent)}"
        )


class BusinessError(APIError):
    """TikTok refused the operation for a business reason (non-zero code with HTTP 200)."""

    default_hint = (
        "TikTok refused this for the reason in its message (a logistics limit, a quota, the "
        "shop's setup); resolve it in Seller Center or change the request: a plain retry fails."
    )


def unknown_outcome_cause(error: APIError | APIConnectionError) -> str:
    """Why a write whose ``may_have_applied`` is true has an unknown outcome, for a report."""
    if isinstance(error, MalformedResponseError):
        return f"TikTok's reply to the write could not be read (HTTP {error.http_status})"
    if isinstance(error, APIError):
        return f"TikTok answered with a server error ({error.code}, HTTP {error.http_status})"
    return f"TikTok's reply was lost ({type(error).__name__})"


# Tracebacks and reprs name the public path (tiktokshop_sync.ShopMismatchError), not this
# private module; pickling finds the classes there too.
for _name in __all__:
    globals()[_name].__module__ = "tiktokshop_sync"
