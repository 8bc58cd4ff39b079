"""The models declare exactly the reply fields TikTok documents, with the documented types."""

from __future__ import annotations

from conformance.fields import data_coverage_problems, problems, stale_exceptions, walk
from spec_oracle import Param
from tiktokshop_sync.types._base import OpenEnum, OptionalTimestamp, WireModel


def test_every_documented_reply_field_is_declared_with_its_documented_type() -> None:
    assert problems() == []


def test_every_documented_data_field_is_read_by_a_model_or_a_listed_reason() -> None:
    assert data_coverage_problems() == []


def test_every_listed_exception_still_applies() -> None:
    assert stale_exceptions() == []


class _Kind(OpenEnum):
    AA = "AA"


class _Thing(WireModel):
    id: str
    when: int | None = None
    kind: str = ""
    new_kind: _Kind | None = None
    price: str = ""
    seen: OptionalTimestamp = None
    ours: str = ""


def _doc(*children: Param) -> Param:
    return Param(name="data", type="object", required=False, children=children)


def _param(name: str, type_: str = "string", desc: str = "") -> Param:
    return Param(name=name, type=type_, required=False, desc=desc)


def test_the_check_names_undeclared_undocumented_and_mistyped_fields() -> None:
    node = _doc(
        _param("id"),
        _param("when", "int", "Unix timestamp."),
        _param("kind", desc="Values:\n- `AA`\n- `BB`"),
        _param("new_kind", desc="- `AA`\n- `CC`"),
        _param("price"),
        _param("seen", "int", "Unix timestamp."),
        _param("brand_new"),
    )
    found = "\n".join(problems(list(walk(_Thing, node, "doc:data"))))
    assert "_Thing.brand_new is documented (doc:data.brand_new) but not declared" in found
    assert "_Thing.ours is declared but no endpoint documents it" in found
    assert "_Thing.when is <class 'int'>; a documented time is a datetime" in found
    assert "_Thing.kind is <class 'str'>; documented values AA, BB want an OpenEnum" in found
    assert "_Thing.new_kind _Kind lacks documented value(s) CC" in found
    assert "_Thing.price is <class 'str'>; a documented amount is a Decimal" in found
    assert "_Thing.seen" not in found and "_Thing.id" not in found
