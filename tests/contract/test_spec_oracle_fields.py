"""The field comparison itself: it names every way a model can differ from TikTok's object."""

from __future__ import annotations

from pydantic import BaseModel, Field

from spec_oracle import Param
from spec_oracle.fields import declared_fields, documented_fields, model_fields_match


def _param(name: str, type_: str, *children: Param) -> Param:
    return Param(name=name, type=type_, required=False, children=children)


AMOUNT = _param("amount", "object", _param("value", "string"), _param("currency", "string"))
DOCUMENTED = _param("data", "object", _param("id", "string"), _param("items", "[]object", AMOUNT))


class Amount(BaseModel):
    value: str = ""
    currency: str = ""


class Item(BaseModel):
    amount: Amount | None = None


class Data(BaseModel):
    id: str = ""
    items: list[Item] = Field(default_factory=list)


def test_a_model_that_is_the_documented_object_has_no_differences() -> None:
    assert model_fields_match(Data, DOCUMENTED) == []


def test_documented_and_declared_names_are_read_from_the_tree_and_the_aliases() -> None:
    class Aliased(BaseModel):
        kind: str = Field(default="", alias="type")

    assert documented_fields(DOCUMENTED) == {"id", "items"}
    assert declared_fields(Aliased) == {"type"}


def test_a_documented_field_the_model_lacks_is_named_with_its_path() -> None:
    class Bare(BaseModel):
        value: str = ""

    class ItemLacking(BaseModel):
        amount: Bare | None = None

    class DataLacking(BaseModel):
        id: str = ""
        items: list[ItemLacking] = Field(default_factory=list)

    assert model_fields_match(DataLacking, DOCUMENTED) == [
        "DataLacking.items.amount.currency: documented by TikTok but not declared"
    ]


def test_a_declared_field_tiktok_does_not_document_is_named_unless_allowed() -> None:
    class DataWithExtra(BaseModel):
        id: str = ""
        items: list[Item] = Field(default_factory=list)
        invented: str = ""

    assert model_fields_match(DataWithExtra, DOCUMENTED) == [
        "DataWithExtra.invented: declared but not documented by TikTok"
    ]
    assert model_fields_match(DataWithExtra, DOCUMENTED, undocumented_ok={"invented"}) == []


def test_an_object_declared_as_a_scalar_and_a_list_declared_single_are_named() -> None:
    class DataMisshapen(BaseModel):
        id: str = ""
        items: Item | None = None

    class ItemFlat(BaseModel):
        amount: str = ""

    class DataFlat(BaseModel):
        id: str = ""
        items: list[ItemFlat] = Field(default_factory=list)

    assert model_fields_match(DataMisshapen, DOCUMENTED) == [
        "DataMisshapen.items: documented as []object, so it must be a list"
    ]
    assert model_fields_match(DataFlat, DOCUMENTED) == [
        "DataFlat.items.amount: documented as object but declared <class 'str'>"
    ]


def test_a_scalar_declared_as_a_model_is_named() -> None:
    class DataNested(BaseModel):
        id: Amount | None = None
        items: list[Item] = Field(default_factory=list)

    assert model_fields_match(DataNested, DOCUMENTED) == [
        "DataNested.id: documented as string but declared Amount"
    ]


# --- replies against the documented fields ------------------------------------------------------

from spec_oracle.replies import check_reply  # noqa: E402


def _reply_doc() -> Param:
    item = Param(
        name="items",
        type="[]object",
        required=False,
        children=(
            Param(name="id", type="string", required=False),
            Param(name="count", type="int", required=False),
            Param(name="ok", type="bool", required=False),
            Param(name="status", type="string", required=False, desc="- `AA`\n- `BB`"),
        ),
    )
    return Param(name="data", type="object", required=False, children=(item,))


def test_a_reply_with_documented_fields_of_documented_types_passes() -> None:
    data = {"items": [{"id": "1", "count": 2, "ok": True, "status": "AA"}]}
    found = check_reply(_reply_doc(), data)
    assert found.problems == set()
    assert found.present == {
        "data.items",
        *(f"data.items.{n}" for n in ("id", "count", "ok", "status")),
    }


def test_a_reply_check_names_undocumented_keys_wrong_types_and_values() -> None:
    data = {"items": [{"id": 1, "count": True, "ok": "yes", "status": "C", "extra": ""}], "x": 0}
    assert check_reply(_reply_doc(), data).problems == {
        "data.x: not documented",
        "data.items.extra: not documented",
        "data.items.id: 1 is not a string",
        "data.items.count: True is not a int",
        "data.items.ok: 'yes' is not a bool",
        "data.items.status: 'C' is not one of the documented AA, BB",
    }
    loose = check_reply(
        _reply_doc(), {"items": [{"status": "C"}]}, loose_values={"data.items.status"}
    )
    assert loose.problems == set()
