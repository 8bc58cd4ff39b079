"""``docs/reference/compatibility.md``: every endpoint the SDK calls, generated from the code.

Each row comes from making the public call (see :mod:`conformance.calls`) and reading the
``RequestSpec`` it built: method, versioned path, scope, cipher rule and whether it is retried
after it may have reached TikTok. The newest documented version and the retirements come from
TikTok's reference snapshot and its changelogs.
"""

from __future__ import annotations

import re

import attrs

from spec_oracle import REPO, Endpoint
from tiktokshop_sync._core.request import Cipher

from . import endpoint_for
from .calls import SDK_CALLS, Performed, SdkCall, perform
from .fixtures import load_fixture, snapshot_source

__all__ = ["PAGE", "RETIRED", "Row", "render", "rows", "version_of"]

PAGE = REPO / "docs" / "reference" / "compatibility.md"

#: Versions TikTok has retired, from its changelogs: (method, path pattern, until, source).
#: A path pattern's ``{v}`` is a version; ``V1`` is every version before 202309.
RETIRED: tuple[tuple[str, str, str, str], ...] = (
    (
        "*",
        "V1",
        "2025-12-31",
        "guides/changelog/other/deprecating-tiktok-shop-api-v1.md",
    ),
    (
        "GET",
        "/finance/202309/orders/{}/statement_transactions",
        "2025-12-31",
        "guides/changelog/finance/supplementary-notice-on-api-deprecation-finance-apis.md",
    ),
    (
        "GET",
        "/finance/202309/statements/{}/statement_transactions",
        "2025-12-31",
        "guides/changelog/finance/supplementary-notice-on-api-deprecation-finance-apis.md",
    ),
)


def version_of(path: str) -> str:
    """The version segment of a path (``202309``); the token paths have none (``—``)."""
    match = re.search(r"/(\d{6})(?:/|$)", path)
    return match.group(1) if match else "—"


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)


def retirement(method: str, path: str) -> str | None:
    """When and where TikTok retired this method and versioned path, if it did."""
    version = version_of(path)
    for verb, pattern, until, source in RETIRED:
        if verb not in ("*", method):
            continue
        if pattern == "V1" and version.isdigit() and version < "202309":
            return f"retired {until} ({source})"
        if _shape(pattern) == _shape(path):
            return f"retired {until} ({source})"
    return None


@attrs.frozen(kw_only=True)
class Row:
    """One line of the compatibility table."""

    call: SdkCall
    endpoint: Endpoint
    method: str
    path: str
    scope: str
    cipher: str
    idempotent: str

    @property
    def used(self) -> str:
        """The version the SDK calls."""
        return version_of(self.path)

    @property
    def newest(self) -> str:
        """The newest version the snapshot documents."""
        return version_of(self.endpoint.path)

    @property
    def status(self) -> str:
        """current, a newer version exists, or retired."""
        retired = retirement(self.method, self.path)
        if retired is not None:
            return retired
        if self.used.isdigit() and self.newest.isdigit() and self.used < self.newest:
            return f"{self.newest} documented; {self.used} still served"
        return "current"


def _idempotent(performed: Performed) -> str:
    if not performed.spec.idempotent:
        return "no"
    body = performed.body()
    keyed = "idempotency_key" in performed.query() or (
        isinstance(body, dict) and "idempotency_key" in body
    )
    return "with idempotency_key" if keyed else "yes"


def rows() -> list[Row]:
    """The table's rows, from the public calls and the snapshot."""
    found = []
    for call in SDK_CALLS:
        fixture = load_fixture(call.fixture)
        performed = perform(call, fixture, strict=False)
        spec = performed.spec
        endpoint = endpoint_for(call.fixture)
        version = version_of(spec.path)
        template = endpoint.path
        if version.isdigit():
            template = re.sub(r"/\d{6}/", f"/{version}/", template, count=1)
        found.append(
            Row(
                call=call,
                endpoint=endpoint,
                method=spec.method,
                path=template,
                scope=spec.scope or "—",
                cipher="required" if spec.cipher is Cipher.REQUIRED and spec.signed else "none",
                idempotent=_idempotent(performed),
            )
        )
    return found


_INTRO = """\
# Compatibility

Every TikTok Shop endpoint this SDK calls, the public method that calls it, the API version it
uses and the newest version TikTok documents. Generated from the code and TikTok's reference
snapshot (`{source}`) by `make contract`; a test fails when the two differ.

- **Scope**: the API scope the app needs in Partner Center (a call without it fails with a
  `ScopeError` that names it).
- **Cipher**: whether the call carries the shop's `shop_cipher` (shop endpoints) or not
  (seller-level and authorization endpoints).
- **Retried**: whether the SDK repeats the call after it may already have reached TikTok
  (a lost reply). Searches and reads are; writes only with an `idempotency_key`, or not at all.

Japan hosts: searches that take `locale` default to TikTok's (`en-US`, or `en` for returns);
pass `locale="ja-JP"` for reasons and names in Japanese.

"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render() -> str:
    """The page, as committed."""
    table = [
        "| Endpoint | SDK method | Version used | Newest documented | Status | Scope | Cipher "
        "| Retried |",
        "|---|---|---|---|---|---|---|---|",
    ]
    notes: list[str] = []
    for row in rows():
        title = f"{row.endpoint.title}<br>`{row.method} {row.path}`"
        scope = f"`{row.scope}`" if row.scope != "—" else "—"
        table.append(
            f"| {title} | `{row.call.name}` | {row.used} | {row.newest} | {_cell(row.status)} "
            f"| {scope} | {row.cipher} | {row.idempotent} |"
        )
        for where, why in row.call.request_differs.items():
            notes.append(f"- `{row.call.name}`, `{where}`: {why}.")
    page = _INTRO.format(source=snapshot_source()) + "\n".join(table) + "\n"
    if notes:
        page += (
            "\n## Where a request differs from TikTok's example\n\n"
            "The contract tests send every official request example through the SDK's typed "
            "inputs; these parts differ on purpose.\n\n" + "\n".join(notes) + "\n"
        )
    return page
