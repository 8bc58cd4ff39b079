"""TikTok's published API reference, read as the test oracle.

The snapshot lives beside the checkout in ``../shared/reference/tiktok-spec/`` (one JSON file per
endpoint, scraped from Partner Center). This module turns each file into an :class:`Endpoint`:
path, method, parameters as a tree, response fields as a tree, documented error codes, scopes,
whether ``shop_cipher`` is taken, and the official examples. Tests compare the SDK, its models
and the FakeShop against it.

Where the snapshot is missing, :func:`require_spec` skips the test locally and fails it in CI
(``CI=true``): the oracle must never silently disappear.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import attrs
import pytest

__all__ = [
    "METHODS",
    "SPEC_ROOT",
    "Endpoint",
    "Param",
    "catalog",
    "enum_values",
    "example_url_parts",
    "find",
    "require_spec",
    "token_endpoints",
]

REPO = Path(__file__).resolve().parents[2]
SPEC_ROOT = REPO.parent / "shared" / "reference" / "tiktok-spec"

#: The snapshot's method numbers (its README: 1 = POST, 2 = GET, 3 = PUT, 4 = DELETE).
METHODS = {1: "POST", 2: "GET", 3: "PUT", 4: "DELETE"}

#: Query parameters every signed call carries; they say nothing about a particular endpoint.
COMMON_QUERY = frozenset({"app_key", "sign", "timestamp", "shop_cipher", "access_token"})


@attrs.frozen(kw_only=True)
class Param:
    """One documented parameter or response field, with its nested fields."""

    name: str
    type: str
    required: bool
    desc: str = ""
    example: str | None = None
    children: tuple[Param, ...] = ()

    @property
    def is_list(self) -> bool:
        """Whether the value is a JSON array (``[]object``, ``[]string``...)."""
        return self.type.startswith("[]")

    @property
    def is_object(self) -> bool:
        """Whether the value (or each array element) is a JSON object."""
        return self.type in ("object", "[]object")

    @property
    def enum(self) -> tuple[str, ...]:
        """The values the description lists as allowed (empty when it lists none)."""
        return enum_values(self.desc)

    def child(self, name: str) -> Param:
        """The nested field called ``name`` (KeyError if undocumented)."""
        for param in self.children:
            if param.name == name:
                return param
        raise KeyError(f"{self.name}.{name} is not documented")

    def walk(self, prefix: str = "") -> Iterator[tuple[str, Param]]:
        """(dotted path, param) for this field and every field below it."""
        path = f"{prefix}.{self.name}" if prefix else self.name
        yield path, self
        for param in self.children:
            yield from param.walk(path)


@attrs.frozen(kw_only=True)
class Endpoint:
    """One endpoint as TikTok documents it."""

    document_id: str
    title: str
    group: str
    file: Path
    method: str
    path: str
    query: tuple[Param, ...]
    body: tuple[Param, ...]
    path_params: tuple[Param, ...]
    response: tuple[Param, ...]
    errors: Mapping[int, str]
    scopes: tuple[str, ...]
    takes_cipher: bool
    request_example: Any
    response_example: Any
    #: The official example's query parameters, common ones (app_key, sign...) left out.
    query_example: Mapping[str, str] = attrs.field(factory=dict)
    #: The official example's path parameters, by the names of the path template.
    path_example: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def version(self) -> str:
        """The version segment of the path (``202309``)."""
        match = re.search(r"/(\d{6})/", self.path)
        return match.group(1) if match else ""

    @property
    def own_query(self) -> tuple[Param, ...]:
        """Query parameters besides the common signed ones (app_key, sign, timestamp...)."""
        return tuple(p for p in self.query if p.name not in COMMON_QUERY)

    @property
    def data(self) -> Param | None:
        """The documented ``data`` object of a successful reply (None when there is none)."""
        for param in self.response:
            if param.name == "data":
                return param
        return None

    def data_field(self, dotted: str) -> Param:
        """A field under ``data`` by dotted path, e.g. ``orders.line_items``."""
        node = self.data
        if node is None:
            raise KeyError(f"{self.document_id} documents no data")
        for part in dotted.split("."):
            node = node.child(part)
        return node


def _tree(flat: list[dict[str, Any]]) -> tuple[Param, ...]:
    """Rebuild the nesting the snapshot flattens into a leading ``^`` per level."""
    roots: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    for raw in flat:
        name = str(raw["name"])
        depth = len(name) - len(name.lstrip("^"))
        node = {
            "name": name.lstrip("^"),
            "type": str(raw.get("type", "")),
            "required": raw.get("required") == "Y",
            "desc": str(raw.get("desc") or ""),
            "example": raw.get("example"),
            "children": [],
        }
        del stack[depth:]
        (stack[-1]["children"] if stack else roots).append(node)
        stack.append(node)

    def freeze(node: dict[str, Any]) -> Param:
        return Param(
            name=node["name"],
            type=node["type"],
            required=node["required"],
            desc=node["desc"],
            example=node["example"],
            children=tuple(freeze(c) for c in node["children"]),
        )

    return tuple(freeze(n) for n in roots)


def _example(text: Any) -> Any:
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


# A value is followed by a colon (ASCII or full-width, as Get Withdrawals writes "WITHDRAW："),
# a bracket, a dash or nothing.
_BULLET = re.compile(r"^\s*[-*]\s*`?([A-Z][A-Z0-9_]*[A-Z0-9])`?\s*(?:[:(（：-]|$)")
# Lower-case values (sort fields) only when they cannot be prose: snake_case, alone on the line.
_SNAKE_BULLET = re.compile(r"^\s*[-*]\s*`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?\s*$")


def enum_values(desc: str, *, any_case: bool = False) -> tuple[str, ...]:
    """Upper-case values listed as bullets in a description (``- `AWAITING_SHIPMENT`: ...``).

    With ``any_case``, snake_case bullets alone on their line count too (``- `create_time```).
    """
    found: list[str] = []
    for line in desc.splitlines():
        match = _BULLET.match(line) or (_SNAKE_BULLET.match(line) if any_case else None)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return tuple(found)


def example_url_parts(url: str, template: str) -> tuple[dict[str, str], dict[str, str]]:
    """(path parameters, own query parameters) of an example URL for a path ``template``.

    The examples are written unencoded (a page token keeps its ``+`` and ``/``), so values are
    only percent-decoded, never read as form data.
    """
    parts = urlsplit(url if "://" in url else f"https://{url}")
    path: dict[str, str] = {}
    for name, value in zip(template.split("/"), parts.path.split("/"), strict=False):
        if name.startswith("{") and name.endswith("}"):
            path[name[1:-1]] = unquote(value)
    query: dict[str, str] = {}
    for pair in parts.query.split("&") if parts.query else ():
        key, _, value = pair.partition("=")
        if key not in COMMON_QUERY:
            query[unquote(key)] = unquote(value)
    return path, query


def _load(file: Path) -> Endpoint:
    raw = json.loads(file.read_text(encoding="utf-8"))
    meta = raw["document_api_meta"]
    path_example, query_example = example_url_parts(
        str(meta.get("query") or ""), str(meta["interface_path"])
    )
    return Endpoint(
        document_id=str(raw.get("document_id", file.stem)),
        title=str(meta.get("title", "")),
        group=file.parent.name,
        file=file,
        method=METHODS[int(meta["method"])],
        path=str(meta["interface_path"]),
        query=_tree(meta.get("request_query_param") or []),
        body=_tree(meta.get("request_body_param") or []),
        path_params=_tree(meta.get("request_path_param") or []),
        response=_tree(meta.get("response_param") or []),
        errors={int(e["code"]): str(e.get("msg", "")) for e in meta.get("error_code_list") or []},
        scopes=tuple(
            str(s["scope_key"]) for s in meta.get("scope_list") or [] if s.get("scope_key")
        ),
        takes_cipher=bool(meta.get("is_shop_chiper_exist")),
        request_example=_example(meta.get("request_body")),
        response_example=_example(meta.get("response_body")),
        query_example=query_example,
        path_example=path_example,
    )


def spec_available() -> bool:
    """Whether the snapshot is beside the checkout."""
    return (SPEC_ROOT / "api").is_dir()


def require_spec() -> None:
    """Skip the calling test when the snapshot is absent, except in CI where that fails."""
    if spec_available():
        return
    message = f"TikTok's API reference snapshot is missing: expected it at {SPEC_ROOT}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@functools.cache
def catalog() -> Mapping[tuple[str, str], Endpoint]:
    """Every documented endpoint, keyed by (method, path template)."""
    require_spec()
    found: dict[tuple[str, str], Endpoint] = {}
    for file in sorted((SPEC_ROOT / "api").glob("*/*.spec.json")):
        endpoint = _load(file)
        found[(endpoint.method, endpoint.path)] = endpoint
    return found


def _shape(path: str, *, any_version: bool = False) -> str:
    shaped = re.sub(r"\{[^}]+\}", "{}", path)
    return re.sub(r"/\d{6}/", "/{version}/", shaped, count=1) if any_version else shaped


def find(method: str, path: str, *, any_version: bool = False) -> Endpoint:
    """The documented endpoint for ``method`` and a path template (``{x}`` names may differ).

    The snapshot holds one version of each endpoint, usually the newest; with ``any_version``
    the version segment is ignored, so ``/order/202309/orders`` finds ``/order/202507/orders``.
    """
    wanted = (method.upper(), _shape(path, any_version=any_version))
    for (m, p), endpoint in catalog().items():
        if (m, _shape(p, any_version=any_version)) == wanted:
            return endpoint
    raise KeyError(f"{method} {path} is not in TikTok's reference snapshot")


# The OAuth token endpoints have no reference page of their own: the authorization guides
# document them. (document id, title, path, guide file, section heading): the 202407 overview is
# the newer page, but its refresh example is not JSON (a comma is missing after "user_type":0),
# so the refresh example comes from the 202309 guide; the 202407 tables document the fields.
_GUIDES = "guides/developer-guide/get-started/authorization"
_TOKEN_PAGES = (
    (
        "get-access-token-202407",
        "Get Access Token",
        "/api/v2/token/get",
        f"{_GUIDES}/authorization-overview-202407.md",
        "# Get Access Token API",
        "# Get Access Token API",
    ),
    (
        "refresh-access-token-202309",
        "Refresh Access Token",
        "/api/v2/token/refresh",
        f"{_GUIDES}/authorization-overview-202407.md",
        "# Get Refresh Token API",
        "# Step 3: Refresh access token",
    ),
)
_ENVELOPE = frozenset({"code", "message", "request_id", "data"})
_ROW = re.compile(r"^\|\s*(└\s*)?`?([a-z_]+)`?\s*\|\s*([^|]+?)\s*\|\s*(.*)\|\s*$")


def _section(text: str, heading: str) -> str:
    start = text.index(heading + "\n")
    end = text.find("\n# ", start + len(heading))
    return text[start : end if end != -1 else len(text)]


def _blocks(section: str) -> list[str]:
    return re.findall(r"```[a-zA-Z]*\n(.*?)```", section, re.S)


def _table_params(section: str) -> tuple[list[Param], list[Param]]:
    """(request parameters, reply ``data`` fields) from a guide section's two tables."""
    tables: list[list[Param]] = []
    current: list[Param] | None = None
    for line in section.splitlines():
        match = _ROW.match(line)
        if match is None:
            if current is not None and not line.startswith("|"):
                tables.append(current)
                current = None
            continue
        current = [] if current is None else current
        cells = [c.strip() for c in match.group(4).split("|")]
        kind = match.group(3).strip()
        if match.group(2) not in _ENVELOPE:
            current.append(
                Param(
                    name=match.group(2),
                    type="int" if kind == "Unix timestamp" else kind,
                    required=cells[0] == "Yes",
                    desc=cells[-2] if len(cells) >= 2 else "",
                )
            )
    if current is not None:
        tables.append(current)
    return tables[0], tables[1]


@functools.cache
def token_endpoints() -> tuple[Endpoint, ...]:
    """The OAuth token endpoints (auth host), read from the authorization guides."""
    require_spec()
    found = []
    for document_id, title, path, guide, heading, example_heading in _TOKEN_PAGES:
        file = SPEC_ROOT / guide
        section = _section(file.read_text(encoding="utf-8"), heading)
        query, fields = _table_params(section)
        example_file = (
            file if example_heading == heading else file.with_name("authorization-guide-202309.md")
        )
        example_section = _section(example_file.read_text(encoding="utf-8"), example_heading)
        blocks = _blocks(example_section)
        url = next(b for b in blocks if "?" in b).replace("\n", "").strip()
        _, query_example = example_url_parts(url, path)
        reply = next(json.loads(b) for b in blocks if b.lstrip().startswith("{"))
        data = Param(name="data", type="object", required=False, children=tuple(fields))
        found.append(
            Endpoint(
                document_id=document_id,
                title=title,
                group="authorization",
                file=example_file,
                method="GET",
                path=path,
                query=tuple(query),
                body=(),
                path_params=(),
                response=(data,),
                errors={},
                scopes=(),
                takes_cipher=False,
                request_example=None,
                response_example=reply,
                query_example=query_example,
            )
        )
    return tuple(found)
