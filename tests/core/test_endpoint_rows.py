"""Endpoint rows build their calls, and reply shapes read the same either way."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import Field

from tiktokshop_sync._core.endpoint import Endpoint, Limits
from tiktokshop_sync._core.pagination import Page
from tiktokshop_sync._core.replies import Items, Nested, Nothing, One, Raw, Reply
from tiktokshop_sync._core.request import Cipher, Host
from tiktokshop_sync.types._base import WireModel, strict_models


class Thing(WireModel):
    id: str = ""
    tags: list[str] = Field(default_factory=list)


class Needy(WireModel):
    id: str


def _reply(data: Any) -> bytes:
    return json.dumps({"code": 0, "message": "Success", "request_id": "r-1", "data": data}).encode()


def _both(reply: Reply[Any], data: Any) -> tuple[Any, Any]:
    with strict_models(False):
        fast = reply.read_bytes(_reply(data))
        usual = reply.read(data)
    assert fast is not None
    assert fast[1] == "r-1"
    return fast[0], usual


SHAPES: dict[str, Reply[Any]] = {
    "page": Items(Thing, "things"),
    "list": Items(Thing, "things", page=False),
    "one": One(Thing),
    "one then": One(Thing, then=lambda thing: thing.id),
    "nested": Nested(Thing, "groups", "things", carry={"gid": "group"}, rename={"id": "id"}),
    "raw": Raw,
    "nothing": Nothing,
}
DATA = [
    None,
    {},
    {"things": None},
    {"things": [{"id": "1", "tags": ["a"]}, {"id": "2", "extra": {"x": 1}}]},
    {"things": [{"id": "1"}], "next_page_token": "t+/=", "total_count": "2"},
    {"id": "7", "tags": []},
    {"groups": [{"gid": "g", "things": [{"id": "1"}, {"other": 2}]}, {"gid": "h"}]},
]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("data", DATA, ids=range(len(DATA)))
def test_every_shape_reads_the_same_from_bytes_and_from_dicts(shape: str, data: Any) -> None:
    fast, usual = _both(SHAPES[shape], data)
    assert fast == usual


def test_a_page_carries_tiktoks_paging_fields() -> None:
    page, _ = _both(Items(Thing, "things"), DATA[4])
    assert isinstance(page, Page)
    assert (page.next_page_token, page.total_count, [t.id for t in page]) == ("t+/=", 2, ["1"])


def test_nested_items_are_read_one_per_inner_item_with_the_parents_fields() -> None:
    shape = Nested(Thing, "groups", "things", carry={"gid": "group_id"}, rename={"id": "thing_id"})
    records, _ = _both(shape, DATA[6])
    assert [r.model_extra for r in records] == [
        {"group_id": "g", "thing_id": "1"},
        {"other": 2, "group_id": "g", "thing_id": ""},
    ]


def test_a_reply_the_model_cannot_hold_is_left_to_the_dict_path_which_raises() -> None:
    shape = One(Needy)
    assert shape.read_bytes(_reply(None)) is None
    assert shape.read_bytes(_reply({"nope": 1})) is None
    with pytest.raises(ValueError):
        shape.read(None)


def test_the_bytes_reader_is_built_on_first_use_and_kept() -> None:
    shape = Items(Thing, "things")
    assert shape._bytes_reader is None
    assert shape.read_bytes is shape.read_bytes


ROW = Endpoint(
    name="things.ship",
    method="POST",
    path="/thing/202309/things/{thing_id}/ship",
    scope="seller.thing",
    idempotency_key=True,
    limits=Limits(per_call={"ids": 5}),
    reply=One(Thing),
    read_back="shop.things.get({thing_id!r}) shows it ({note})",
)


def test_a_row_fills_its_path_and_read_back_and_hands_over_what_it_declares() -> None:
    spec = ROW.spec(path_params={"thing_id": "42"}, json={"a": 1}, keyed=True, facts={"note": "x"})
    assert (spec.method, spec.path, spec.scope) == (
        "POST",
        "/thing/202309/things/42/ship",
        "seller.thing",
    )
    assert (spec.cipher, spec.host, spec.signed, spec.authenticated) == (
        Cipher.REQUIRED,
        Host.API,
        True,
        True,
    )
    assert spec.read_back == "shop.things.get('42') shows it (x)"
    assert spec.idempotent
    assert (spec.parse, spec.parse_reply) == (ROW.reply.read, ROW.reply.read_bytes)


def test_a_keyed_write_without_a_key_is_not_repeated_and_says_how_to_make_it_safe() -> None:
    spec = ROW.spec(path_params={"thing_id": "42"}, facts={"note": "x"})
    assert not spec.idempotent
    assert spec.read_back is not None
    assert spec.read_back.endswith("; pass an idempotency_key to make it safe to repeat")


def test_a_row_knows_its_version_and_placeholders() -> None:
    assert (ROW.version, ROW.path_params, ROW.writes) == ("202309", ("thing_id",), True)


def test_a_search_row_builds_each_page_with_its_token_last_in_the_query() -> None:
    row = Endpoint(
        name="things.search",
        method="POST",
        path="/thing/202309/things/search",
        idempotent=True,
        limits=Limits(page_size=(1, 20)),
        reply=Items(Thing, "things"),
    )
    make = row.pages(query={"page_size": 20}, json={"f": 1})
    spec = make("tok")
    assert list(spec.query.items()) == [("page_size", 20), ("page_token", "tok")]
    assert (spec.json, spec.idempotent, row.limits.max_page) == ({"f": 1}, True, 20)
    assert make(None).query["page_token"] is None


def test_a_row_without_pages_says_so_when_asked_for_its_largest_page() -> None:
    with pytest.raises(ValueError, match="not paged"):
        _ = ROW.limits.max_page
