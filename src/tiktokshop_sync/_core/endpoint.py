"""One row of the endpoint table: everything the SDK knows about an endpoint, written once.

A row says how TikTok serves the endpoint (method, versioned path template, host, signing,
token, scope, cipher rule), whether a call may be repeated, TikTok's documented limits, what
the reply holds and how to read a write's outcome back. Spec builders take their row and add
only the call's own values (:meth:`Endpoint.spec`); the FakeShop registers its handlers
against the same rows, and ``tests/contract/test_endpoint_table.py`` checks each row against
TikTok's reference snapshot. The rows themselves live in
:mod:`tiktokshop_sync.resources._endpoints` (the token endpoints' in :mod:`.oauth`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs

from .replies import Reply
from .request import Cipher, Host, QueryValue, RequestSpec, Upload

__all__ = ["Endpoint", "Limits"]

T = TypeVar("T")

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_VERSION = r"/(\d{6})(?:/|$)"  # compiled by ``re`` on first use
#: Said after a write that is repeatable only with an idempotency key, when none was given.
_UNKEYED = "; pass an idempotency_key to make it safe to repeat"


@attrs.frozen(kw_only=True)
class Limits:
    """TikTok's documented limits of one endpoint (each checked against the snapshot).

    ``page_size`` is the (min, max) a page may hold (the SDK asks for the max by default);
    ``results`` the most results a search pages through; ``per_call`` the most values a list
    parameter takes in one call; ``ranges`` the (min, max) of a numeric field.
    """

    page_size: tuple[int, int] | None = None
    results: int | None = None
    per_call: Mapping[str, int] = attrs.field(factory=dict)
    ranges: Mapping[str, tuple[int, int]] = attrs.field(factory=dict)

    @property
    def max_page(self) -> int:
        """The largest page TikTok serves (the SDK's default page size)."""
        if self.page_size is None:
            raise ValueError("this endpoint is not paged: its row gives no page_size")
        return self.page_size[1]


@attrs.frozen(kw_only=True, eq=False)
class Endpoint(Generic[T]):
    """One TikTok endpoint the SDK calls: its row in the endpoint table.

    ``name`` is the public method's place (``orders.search`` for ``shop.orders.search``).
    ``path`` is the versioned template with ``{placeholders}`` (``/product/202309/products/
    {product_id}``). ``idempotent``: repeating the call is harmless, so it is retried even
    after it may have reached TikTok; ``idempotency_key``: it becomes so when the caller
    passes one. ``read_back`` (every write has one) names the SDK call that shows whether a
    write was applied, as a template over the path parameters and the builder's facts.
    """

    name: str
    method: str
    path: str
    reply: Reply[T] = attrs.field(repr=False)
    scope: str | None = None
    cipher: Cipher = Cipher.REQUIRED
    host: Host = Host.API
    signed: bool = True
    authenticated: bool = True
    idempotent: bool = False
    idempotency_key: bool = False
    limits: Limits = attrs.field(factory=Limits)
    read_back: str | None = None
    _params: tuple[str, ...] = attrs.field(init=False, repr=False)

    @_params.default
    def _placeholders(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.path))

    @property
    def version(self) -> str:
        """The version segment of the path (``202309``), or ``""`` for the token paths."""
        match = re.search(_VERSION, self.path)
        return match.group(1) if match else ""

    @property
    def path_params(self) -> tuple[str, ...]:
        """The names of the path's placeholders, in order."""
        return self._params

    @property
    def writes(self) -> bool:
        """Whether the call changes something on TikTok (it names how to read it back)."""
        return self.read_back is not None

    def spec(
        self,
        *,
        path_params: Mapping[str, str] | None = None,
        query: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        form: Mapping[str, str] | None = None,
        files: Sequence[Upload] = (),
        keyed: bool = False,
        facts: Mapping[str, object] | None = None,
    ) -> RequestSpec[T]:
        """The request for one call: this row plus the call's checked values.

        ``path_params`` fill the path's placeholders (already checked by the builder);
        ``keyed`` says the caller gave an idempotency key; ``facts`` fill the read-back
        template beside the path parameters.
        """
        values = path_params or {}
        path = self.path.format_map(values) if self._params else self.path
        read_back = self.read_back
        if read_back is not None:
            if "{" in read_back:
                read_back = read_back.format_map({**values, **(facts or {})})
            if self.idempotency_key and not keyed:
                read_back += _UNKEYED
        return RequestSpec(
            method=self.method,
            path=path,
            query={} if query is None else query,
            json=json,
            form=form,
            files=files,
            cipher=self.cipher,
            host=self.host,
            signed=self.signed,
            authenticated=self.authenticated,
            idempotent=self.idempotent or (self.idempotency_key and keyed),
            read_back=read_back,
            scope=self.scope,
            parse=self.reply.read,
            parse_reply=self.reply.read_bytes,
        )

    def pages(
        self, *, query: Mapping[str, QueryValue], json: Any
    ) -> Callable[[str | None], RequestSpec[T]]:
        """A search's per-page request builder: the same body, the page token in the query."""

        def make(token: str | None) -> RequestSpec[T]:
            return self.spec(query={**query, "page_token": token}, json=json)

        return make
