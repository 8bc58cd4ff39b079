"""The endpoint table, checked row by row against TikTok's reference snapshot.

The spec, not the FakeShop, keeps the table honest: every row's method, path, version, scope,
cipher rule, limits and idempotency are compared with what TikTok documents. Then every row
must be called by a public method (sync and async), answered by a FakeShop route and listed
in the docs; and the two readers each row's reply shape gives must agree on TikTok's official
response example.
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

import pytest

from conformance import documented
from conformance.calls import SDK_CALLS, SdkCall, perform
from conformance.compatibility import PAGE
from conformance.fixtures import load_fixture
from spec_oracle import REPO, Endpoint, Param, require_spec, token_endpoints
from tiktokshop_sync import TikTokShop
from tiktokshop_sync._core.request import Cipher, Host
from tiktokshop_sync.resources import _endpoints as endpoints
from tiktokshop_sync.types._base import strict_models

ROWS = {row.name: row for row in endpoints.ALL}
API_ROWS = [name for name, row in ROWS.items() if row.host is Host.API]
TOKEN_ROWS = [name for name, row in ROWS.items() if row.host is Host.AUTH]

#: Limits the SDK holds on purpose where the snapshot says something else, with the evidence.
DELIBERATE = {
    ("products.update_inventory", "quantity"): (
        "0 (sold out) is accepted although the text says [1, 99,999]: docs/guides/inventory.md, "
        "'Zero and the range'"
    ),
}

#: Documented id caps the SDK does not check before sending (TikTok refuses the call instead).
UNCHECKED_CAPS: dict[tuple[str, str], str] = {}


#: POSTs that change nothing on TikTok (reads, like the searches: repeated, no read-back).
POST_READS = {
    "products.recommend_category": "Recommend Category answers a suggestion for a title",
    "products.check_listing": "Check Product Listing is a dry run of Create Product",
    "returns.calculate_refund": (
        "prices a request without creating one: its page describes only the amounts returned"
    ),
}


def _spec(name: str) -> Endpoint:
    require_spec()
    return documented(ROWS[name])


def _shape(path: str) -> str:
    return re.sub(r"/\d{6}/", "/{version}/", path, count=1)


# --- (a) every row as TikTok documents it ---------------------------------------------------


def test_the_table_has_one_row_per_endpoint_with_its_constant_named_after_it() -> None:
    assert len(ROWS) == len(endpoints.ALL)
    assert len({(r.method, r.path) for r in endpoints.ALL}) == len(endpoints.ALL)
    for row in endpoints.ALL:
        assert getattr(endpoints, row.name.upper().replace(".", "_")) is row, row.name
    assert endpoints.by_name("orders.search") is endpoints.ORDERS_SEARCH


@pytest.mark.parametrize("name", API_ROWS)
def test_each_row_is_a_documented_method_and_path_with_the_same_placeholders(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    assert (row.method, _shape(row.path)) == (spec.method, _shape(spec.path))


@pytest.mark.parametrize("name", API_ROWS)
def test_each_row_calls_a_version_no_newer_than_the_newest_documented(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    assert row.version and row.version <= spec.version


@pytest.mark.parametrize("name", API_ROWS)
def test_each_row_asks_for_a_documented_scope(name: str) -> None:
    spec = _spec(name)
    assert spec.scopes, f"{spec.document_id} documents no scope"
    assert ROWS[name].scope in spec.scopes


@pytest.mark.parametrize("name", API_ROWS)
def test_each_row_follows_the_documented_cipher_rule(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    assert row.signed and row.authenticated
    assert (row.cipher is Cipher.REQUIRED) == spec.takes_cipher


_RANGE = re.compile(r"range[^\d\[]*\[?\s*(\d[\d,]*)\s*[-,]\s*(\d[\d,]*)", re.IGNORECASE)
_MAX = re.compile(r"max[^\d.]{0,25}(\d[\d,]*)", re.IGNORECASE)


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _documented_range(param: Param) -> tuple[int, int] | None:
    match = _RANGE.search(param.desc)
    return None if match is None else (_number(match.group(1)), _number(match.group(2)))


def _params(spec: Endpoint) -> dict[str, Param]:
    found: dict[str, Param] = {}
    for root in (*spec.own_query, *spec.body):
        for _path, param in root.walk():
            found.setdefault(param.name, param)
    return found


@pytest.mark.parametrize("name", API_ROWS)
def test_page_sizes_are_the_documented_ranges(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    page_size = _params(spec).get("page_size")
    documented_range = None if page_size is None else _documented_range(page_size)
    assert row.limits.page_size == documented_range


def _documented_max(spec: Endpoint, name: str) -> int | None:
    """The most values a list parameter takes: from its description, else from an error."""
    param = _params(spec).get(name)
    if param is not None and (match := _MAX.search(param.desc)):
        return _number(match.group(1))
    for message in spec.errors.values():
        if name in message and (numbers := re.findall(r"\d[\d,]*", message)):
            return _number(numbers[-1])
    return None


@pytest.mark.parametrize("name", API_ROWS)
def test_ids_per_call_are_the_documented_maximums(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    for param, most in row.limits.per_call.items():
        assert _documented_max(spec, param) == most, param
    for param in _params(spec):
        documented_max = _documented_max(spec, param)
        if param.endswith("ids") and _params(spec)[param].is_list and documented_max:
            if (name, param) in UNCHECKED_CAPS:
                assert param not in row.limits.per_call, "remove it from UNCHECKED_CAPS"
                continue
            assert row.limits.per_call.get(param) == documented_max, param


@pytest.mark.parametrize("name", API_ROWS)
def test_result_caps_are_the_documented_ones(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    caps = {
        _number(m.group(1))
        for message in spec.errors.values()
        if (m := re.search(r"search results can not exceed (\d[\d,]*)", message))
    }
    assert ({row.limits.results} if row.limits.results else set()) == caps


@pytest.mark.parametrize("name", API_ROWS)
def test_value_ranges_are_the_documented_ones_or_a_recorded_decision(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    for field, (low, high) in row.limits.ranges.items():
        param = _params(spec)[field]
        documented_range = _documented_range(param)
        assert documented_range is not None, field
        assert high == documented_range[1], field
        assert low == documented_range[0] or (name, field) in DELIBERATE, field


@pytest.mark.parametrize("name", API_ROWS)
def test_reads_and_searches_are_idempotent_and_writes_name_their_read_back(name: str) -> None:
    row = ROWS[name]
    if row.method == "GET" or row.path.endswith("/search") or name in POST_READS:
        assert row.idempotent and not row.writes
    else:
        assert row.writes, f"{name} changes something: its row must say how to read it back"
    assert not (row.idempotent and row.idempotency_key)


@pytest.mark.parametrize("name", API_ROWS)
def test_a_row_takes_an_idempotency_key_exactly_when_tiktok_documents_one(name: str) -> None:
    row, spec = ROWS[name], _spec(name)
    assert row.idempotency_key == ("idempotency_key" in _params(spec))


@pytest.mark.parametrize("name", TOKEN_ROWS)
def test_the_token_rows_are_the_ones_the_authorization_guides_document(name: str) -> None:
    require_spec()
    row = ROWS[name]
    guides = {(e.method, e.path) for e in token_endpoints()}
    assert (row.method, row.path) in guides
    # Plain GETs on the auth host with app_key and app_secret in the query: no signature, no
    # access token, no shop, no scope; and never repeated (a code is single-use, a refresh
    # rotates both tokens).
    assert (row.signed, row.authenticated, row.cipher, row.scope) == (
        False,
        False,
        Cipher.FORBIDDEN,
        None,
    )
    assert not (row.idempotent or row.idempotency_key or row.writes)


# --- (b) every row is called, answered and documented ---------------------------------------


def test_every_conformance_call_names_a_row_and_every_row_is_called() -> None:
    called = {call.endpoint.name for call in SDK_CALLS}
    assert all(call.endpoint is ROWS[call.endpoint.name] for call in SDK_CALLS)
    assert set(ROWS) - called == set()


@pytest.mark.parametrize("call", SDK_CALLS, ids=lambda call: call.name)
def test_each_row_has_a_public_method_named_after_it_sync_and_async(call: SdkCall) -> None:
    view, area, method = call.name.split(".")
    assert f"{area}.{method}" == call.endpoint.name
    with TikTokShop(app_key="k", app_secret="s") as client:
        views: dict[str, Any] = {
            "client": client,
            "seller": client.seller("g"),
            "shop": client.shop("c", grant="g"),
        }
        resource = getattr(views[view], area)
    assert callable(getattr(resource, method))
    # Its async twin (tests/test_parity.py keeps the two the same shape).
    module = importlib.import_module(type(resource).__module__)
    twin = getattr(module, f"Async{type(resource).__name__}")
    assert inspect.iscoroutinefunction(getattr(twin, method)) or callable(getattr(twin, method))


def _template(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(path)) + "$")


@pytest.mark.parametrize("call", SDK_CALLS, ids=lambda call: call.name)
def test_each_public_method_sends_what_its_row_says(call: SdkCall) -> None:
    row = call.endpoint
    spec = perform(call, load_fixture(call.fixture), strict=False).spec
    assert _template(row.path).match(spec.path), spec.path
    assert (spec.method, spec.host, spec.signed, spec.authenticated) == (
        row.method,
        row.host,
        row.signed,
        row.authenticated,
    )
    assert (spec.scope, spec.cipher, spec.read_back is not None) == (
        row.scope,
        row.cipher,
        row.writes,
    )
    assert spec.idempotent in (row.idempotent, row.idempotency_key)
    assert (spec.parse, spec.parse_reply) == (row.reply.read, row.reply.read_bytes)


def _fake_routes() -> list[Any]:
    """The FakeShop's routes (read only; the fake registers its handlers against the rows)."""
    from tiktokshop_sync.testing._routes import all_routes

    return all_routes()


def _blank(path: str) -> str:
    """The path's shape: placeholders and the version left out (the fake may name them else)."""
    return _shape(re.sub(r"\{[a-z_]+\}", "{}", path))


#: The fake's cipher rule for each of the table's (the fake may also ignore a cipher the SDK
#: never sends, as the auth host does).
_FAKE_CIPHER = {Cipher.REQUIRED: ("required",), Cipher.FORBIDDEN: ("forbidden", "ignored")}


@pytest.mark.parametrize("name", list(ROWS))
def test_each_row_has_a_fake_shop_route_with_the_same_checks(name: str) -> None:
    row = ROWS[name]
    routes = [
        r for r in _fake_routes() if (r.method, _blank(r.pattern)) == (row.method, _blank(row.path))
    ]
    assert routes, f"no FakeShop route answers {row.method} {row.path}"
    for route in routes:
        assert (route.host, route.signed, route.needs_token, route.scope) == (
            row.host.value,
            row.signed,
            row.authenticated,
            row.scope,
        )
        assert route.cipher in _FAKE_CIPHER[row.cipher]


_GUIDES = sorted((REPO / "docs" / "guides").glob("*.md"))


@pytest.mark.parametrize("call", SDK_CALLS, ids=lambda call: call.name)
def test_each_public_method_is_shown_in_a_guide(call: SdkCall) -> None:
    method = call.name.rsplit(".", 1)[1]
    area = call.endpoint.name.split(".")[0]
    shown = [g.name for g in _GUIDES if f"{area}.{method}(" in g.read_text(encoding="utf-8")]
    assert shown, f"no page of docs/guides/ shows {call.name}()"


def test_each_row_has_a_line_on_the_compatibility_page() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert [r.name for r in endpoints.ALL if f"`{r.method} {r.path}`" not in page] == []


# --- (c) both readers of a reply shape agree ------------------------------------------------


@pytest.mark.parametrize("call", SDK_CALLS, ids=lambda call: call.name)
def test_the_bytes_reader_and_the_dict_reader_agree_on_the_official_reply(call: SdkCall) -> None:
    fixture = load_fixture(call.fixture)
    reply = call.endpoint.reply
    with strict_models(False):
        fast = reply.read_bytes(fixture.response_bytes)
        usual = reply.read(fixture.response.get("data"))
    assert fast is not None, "the official reply fell back to the dict path"
    assert fast == (usual, fixture.response.get("request_id"))
    key = getattr(reply, "key", None)  # a list under a key: the example holds it
    assert key is None or key in fixture.response["data"]
