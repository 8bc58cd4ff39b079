"""A tiny router: each route declares method, path, host, signing, token, scope and cipher rules.

Each area's ``routes.py`` builds a :class:`RouteGroup` with decorators; the gateway runs every
check a route declares before its handler sees the request. A route is registered against the
SDK's endpoint table (``@routes.handle(endpoints.ORDERS_SEARCH)``), so what TikTok checks for
an endpoint (host, signing, token, scope, cipher) is written once, in the row. A handler parses
the request, calls its area's backend and returns the backend's reply: it never changes a
record itself.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from attrs import define, field, frozen

from tiktokshop_sync._core.endpoint import Endpoint
from tiktokshop_sync._core.request import Cipher, Host
from tiktokshop_sync.testing._errors import (
    BODY_FORMAT_INVALID,
    COMMON_CODES,
    GATEWAY_PARAMS,
    PARAMETER_CODES,
    ApiError,
    ErrorSpec,
    ParameterError,
    undocumented,
)

if TYPE_CHECKING:
    from tiktokshop_sync.testing._auth.backend import AccessToken
    from tiktokshop_sync.testing._shops.backend import FakeShopAccount
    from tiktokshop_sync.testing._world import World

__all__ = [
    "CipherRule",
    "ErrorSwap",
    "Handler",
    "HostKind",
    "Route",
    "RouteContext",
    "RouteGroup",
    "RouteMatch",
    "RouteMiss",
    "Router",
]

CipherRule = Literal["required", "forbidden", "optional", "ignored"]
HostKind = Literal["api", "auth"]
Handler = Callable[["RouteContext"], object]
#: (what a shared check raised, what this endpoint answers for the same thing instead).
ErrorSwap = tuple[ErrorSpec, ErrorSpec]

_PARAM = re.compile(r"\{([a-z_]+)\}")
_CIPHER: dict[Cipher, CipherRule] = {Cipher.REQUIRED: "required", Cipher.FORBIDDEN: "forbidden"}
_VERSION_SEGMENT = re.compile(r"^/([a-z_]+)/\d{6}/")


def _compile(pattern: str) -> re.Pattern[str]:
    parts = _PARAM.split(pattern)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


def _unversioned(path: str) -> str:
    return _VERSION_SEGMENT.sub(r"/\1/{version}/", path, count=1)


@frozen(kw_only=True)
class Route:
    """One endpoint: what the gateway checks for it and the handler that answers it."""

    method: str
    pattern: str
    handler: Handler
    host: HostKind = "api"
    signed: bool = True
    needs_token: bool = True
    scope: str | None = None
    cipher: CipherRule = "required"
    message: str = "Success"
    #: The codes of the endpoint's reference page that the handler may answer.
    errors: tuple[ErrorSpec, ...] = ()
    #: Situations a shared check reports with a code this endpoint's page does not list.
    instead: tuple[ErrorSwap, ...] = ()
    regex: re.Pattern[str] = field(init=False, repr=False)

    @regex.default
    def _regex(self) -> re.Pattern[str]:
        return _compile(self.pattern)

    @property
    def bad_params(self) -> ErrorSpec:
        """The endpoint's own "invalid parameter" code, else the gateway's 36009004."""
        return next((e for e in self.errors if e.code in PARAMETER_CODES), GATEWAY_PARAMS)

    def answer(self, error: ApiError) -> ApiError:
        """``error`` with the code this endpoint's reference page lists for the same failure.

        A :class:`ParameterError` becomes the page's parameter code. A code neither listed nor
        common is answered as raised, with an :class:`UndocumentedErrorWarning` (a bug in the
        fake).
        """
        if isinstance(error, ParameterError):
            if self.bad_params.code == GATEWAY_PARAMS.code:
                return error
            return self.bad_params.error(error.param)
        for raised, answered in self.instead:
            if error.code == raised.code:
                return answered.error()
        listed = {spec.code for spec in self.errors}
        if error.code in listed or error.code in COMMON_CODES:
            return error
        if error.code in PARAMETER_CODES:
            return self.bad_params.error()
        warnings.warn(undocumented(error.code, f"{self.method} {self.pattern}"), stacklevel=2)
        return error


class RouteGroup:
    """The routes of one API area, each declared with ``@group.handle(row)``."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def handle(
        self,
        row: Endpoint[Any],
        *,
        also: tuple[str, ...] = (),
        message: str = "Success",
        errors: tuple[ErrorSpec, ...] = (),
        instead: tuple[ErrorSwap, ...] = (),
    ) -> Callable[[Handler], Handler]:
        """Register the decorated handler for the endpoint ``row`` of the SDK's table (and the
        other versions of its path in ``also``), with the checks the row declares.

        ``errors`` and ``instead`` are the fake's own: the codes of the endpoint's reference
        page its handler may answer, and its code for what a shared check raised.
        """
        auth_host = row.host is Host.AUTH

        def register(handler: Handler) -> Handler:
            for pattern in (row.path, *also):
                self.routes.append(
                    Route(
                        method=row.method,
                        pattern=pattern,
                        handler=handler,
                        host="auth" if auth_host else "api",
                        signed=row.signed,
                        needs_token=row.authenticated,
                        scope=row.scope,
                        # The auth host takes no shop at all: a cipher sent there is ignored.
                        cipher="ignored" if auth_host else _CIPHER[row.cipher],
                        message=message,
                        errors=errors,
                        instead=instead,
                    )
                )
            return handler

        return register


@frozen
class RouteMatch:
    """A route and the path parameters it captured."""

    route: Route
    params: dict[str, str]


@frozen
class RouteMiss:
    """Why nothing matched: unknown ``path``, wrong ``method`` or unsupported ``version``."""

    reason: Literal["path", "method", "version"]


class Router:
    """Finds the route for a method and path."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self.routes = tuple(routes)
        self._unversioned = tuple({_compile(_unversioned(r.pattern)) for r in self.routes})

    def resolve(self, method: str, path: str) -> RouteMatch | RouteMiss:
        """The matching route, or why there is none (in TikTok's order: path, then method)."""
        path_matched = False
        for route in self.routes:
            found = route.regex.match(path)
            if found is None:
                continue
            if route.method == method:
                return RouteMatch(route, found.groupdict())
            path_matched = True
        if path_matched:
            return RouteMiss("method")
        unversioned = _unversioned(path)
        if unversioned != path and any(regex.match(unversioned) for regex in self._unversioned):
            return RouteMiss("version")
        return RouteMiss("path")


@define(kw_only=True)
class RouteContext:
    """Everything a handler may use; gateway checks have already passed when it runs."""

    world: World
    now: datetime
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    access: AccessToken | None = None
    shop: FakeShopAccount | None = None
    #: What this endpoint answers for a bad parameter (its page's code, else 36009004).
    bad_params: ErrorSpec = GATEWAY_PARAMS

    @property
    def api_version(self) -> str:
        """The ``YYYYMM`` segment of the path (``"202309"``), or ``""``."""
        segments = self.path.split("/")
        return segments[2] if len(segments) > 2 and segments[2].isdigit() else ""

    def require_shop(self) -> FakeShopAccount:
        """The shop named by ``shop_cipher`` (present on every cipher-required route)."""
        if self.shop is None:
            raise RuntimeError("route declared without cipher='required' asked for a shop")
        return self.shop

    def require_access(self) -> AccessToken:
        """The access token record (present on every token-checked route)."""
        if self.access is None:
            raise RuntimeError("route declared with needs_token=False asked for a token")
        return self.access

    def json_body(self) -> dict[str, Any]:
        """The JSON object body; an empty body is ``{}``; anything else is a 36009022 error."""
        if not self.body.strip():
            return {}
        media_type = self.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media_type != "application/json":
            raise BODY_FORMAT_INVALID.error()
        try:
            value = json.loads(self.body)
        except ValueError:
            raise BODY_FORMAT_INVALID.error() from None
        if not isinstance(value, dict):
            raise BODY_FORMAT_INVALID.error()
        return value

    def int_query(
        self,
        name: str,
        *,
        default: int | None = None,
        low: int,
        high: int,
        error: ErrorSpec | None = None,
    ) -> int:
        """An integer query parameter within ``[low, high]``; required when no default.

        ``error`` is the endpoint's own code for this parameter, where its page lists one.
        """
        raw = self.query.get(name)
        if raw is None or raw == "":
            if default is None:
                raise _bad(name, f"The `{name}` query parameter is required.", error)
            return default
        try:
            value = int(raw)
        except ValueError:
            detail = f"param {name} type invalid,actual type is:string,expected type is:int64"
            raise _bad(name, detail, error) from None
        if not low <= value <= high:
            detail = f"The `{name}` query parameter must be between {low} and {high}."
            raise _bad(name, detail, error)
        return value

    def choice_query(self, name: str, choices: tuple[str, ...], default: str) -> str:
        """A query parameter that must be one of ``choices``."""
        value = self.query.get(name) or default
        if value not in choices:
            raise ParameterError(
                name, f"The `{name}` query parameter must be one of {', '.join(choices)}."
            )
        return value


def _bad(name: str, detail: str, error: ErrorSpec | None) -> ApiError:
    return error.error(name) if error is not None else ParameterError(name, detail)
