"""The CLI's input files: a row is read as written or refused naming its file, line and column."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest

from tiktokshop_sync.cli._errors import InputError
from tiktokshop_sync.cli._files import CatalogFile, StockFile, amount, read_rows
from tiktokshop_sync.cli._output import jsonable


def _stock(tmp_path: Path, *rows: str) -> StockFile:
    path = tmp_path / "stock.csv"
    path.write_text("seller_sku,location,available\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return StockFile(path, encoding="utf-8")


def test_a_row_with_more_cells_than_the_header_is_refused_with_both_counts(
    tmp_path: Path,
) -> None:
    path = _stock(tmp_path, "TS-TEE-BLK-M,main,1,200").path
    with pytest.raises(InputError, match=r"stock\.csv line 2: 4 cells but the header has 3"):
        list(read_rows(path))


def test_a_row_with_fewer_cells_than_the_header_is_refused_naming_the_missing_column(
    tmp_path: Path,
) -> None:
    path = _stock(tmp_path, "TS-TEE-BLK-M,main").path
    with pytest.raises(InputError, match=r"line 2: 2 cells .* 3 columns \(no cell for available\)"):
        list(read_rows(path))


def test_empty_cells_are_read_as_empty_strings(tmp_path: Path) -> None:
    path = _stock(tmp_path, "TS-TEE-BLK-M,,").path
    assert list(read_rows(path)) == [
        (2, {"seller_sku": "TS-TEE-BLK-M", "location": "", "available": ""})
    ]


def test_a_blank_line_does_not_shift_the_line_numbers_of_later_rows(tmp_path: Path) -> None:
    path = _stock(tmp_path, "A,main,1", "", "B,main,2").path
    assert [number for number, _row in read_rows(path)] == [2, 4]


@pytest.mark.parametrize(
    ("cell", "available"),
    [("50", 50), (" 7 ", 7), ('"1,200"', 1200), ("-3", -3), ("+4", 4), ("0", 0)],
    ids=["plain", "spaces", "grouped in thousands", "oversold", "plus sign", "zero"],
)
def test_a_stock_count_in_half_width_digits_is_read(
    tmp_path: Path, cell: str, available: int
) -> None:
    [level] = _stock(tmp_path, f"TS-TEE-BLK-M,main,{cell}").stock_levels("shop")
    assert level.available == available


@pytest.mark.parametrize(
    "cell",
    ["--5", "²", "１２", '"1,0,0"', '"12,00"', "5.0", "1e3", "", "five"],
    ids=[
        "two signs",
        "a superscript",
        "full-width digits",
        "commas not in thousands",
        "a comma as decimal point",
        "a decimal",
        "an exponent",
        "empty",
        "a word",
    ],
)
def test_a_stock_count_that_is_not_a_plain_whole_number_is_refused_naming_the_column(
    tmp_path: Path, cell: str
) -> None:
    with pytest.raises(InputError, match=r"stock\.csv line 2: available must be a whole number"):
        _stock(tmp_path, f"TS-TEE-BLK-M,main,{cell}").stock_levels("shop")


def test_a_negative_catalog_quantity_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text(
        "catalog_id,title,seller_sku,price,quantity\nC1,Tee,TS-TEE-BLK-M,1280,-5\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"catalog\.csv line 2: quantity must be 0 or more"):
        CatalogFile(path, encoding="utf-8").products("shop")


def test_a_catalog_price_with_a_misplaced_comma_is_refused_not_read_as_another_price(
    tmp_path: Path,
) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text(
        'catalog_id,title,seller_sku,price,quantity\nC1,Tee,TS-TEE-BLK-M,"1,2,80",5\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"catalog\.csv line 2: price must be an amount"):
        CatalogFile(path, encoding="utf-8").products("shop")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1280", Decimal(1280)),
        (" 1,280 ", Decimal(1280)),
        ("1,234,567.5", Decimal("1234567.5")),
        ("-300", Decimal(-300)),
        (1280, Decimal(1280)),
        (12.5, Decimal("12.5")),
    ],
)
def test_an_amount_is_read_as_written(cell: object, expected: Decimal) -> None:
    assert amount(cell) == expected


@pytest.mark.parametrize(
    "cell", ["1,0,0", "12,00", "1e3", "NaN", "Infinity", "１２８０", "¥1280", "", float("nan")]
)
def test_an_amount_that_could_be_misread_is_refused(cell: object) -> None:
    with pytest.raises(InvalidOperation):
        amount(cell)


@pytest.mark.parametrize("value", [Decimal("1E+3"), Decimal("1280.00"), Decimal("-1E-7")])
def test_an_amount_the_cli_writes_reads_back_as_the_same_amount(value: Decimal) -> None:
    assert amount(jsonable(value)) == value


def test_a_catalog_csvs_jan_column_is_read_as_text_with_its_leading_zeros(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text(
        "catalog_id,title,seller_sku,price,jan\n"
        "C1,Tee,TS-TEE-BLK-M,1280,0490123456789\n"
        "C1,,TS-TEE-WHT-M,1280,\n",
        encoding="utf-8",
    )
    [product] = CatalogFile(path, encoding="utf-8").products("shop")
    assert [sku.jan for sku in product.skus] == ["0490123456789", ""]


def test_a_catalog_json_lines_jan_is_read_as_text_without_surrounding_spaces(
    tmp_path: Path,
) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_text(
        '{"catalog_id": "C1", "title": "Tee", "skus": ['
        '{"seller_sku": "A", "price": "1280", "jan": " 04901234 "}, '
        '{"seller_sku": "B", "price": "1280"}]}\n',
        encoding="utf-8",
    )
    [product] = CatalogFile(path, encoding="utf-8").products("shop")
    assert [sku.jan for sku in product.skus] == ["04901234", ""]


def test_a_catalog_jan_written_as_a_json_number_is_refused_naming_the_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_text(
        '{"catalog_id": "C1", "title": "Tee", "skus": '
        '[{"seller_sku": "A", "price": "1280", "jan": 4901234567894}]}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"catalog\.jsonl line 1: jan must be text"):
        CatalogFile(path, encoding="utf-8").products("shop")
